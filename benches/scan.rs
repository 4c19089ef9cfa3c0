//! Scan throughput, native: the full signal engine against a bare
//! Aho-Corasick pass over the raw text (no normalisation or context) — the
//! engine's own automaton (daachorse) and, for reference, the aho-corasick
//! crate's over the same patterns — on one generated corpus of realistic
//! product descriptions. Writes the corpus to `target/bench/scan-corpus.json` so
//! `scripts/bench-scan` can time the wasm build under Node on the same text.
//!
//!     cargo bench --bench scan            # or: ./scripts/bench-scan

use std::hint::black_box;
use std::time::{Duration, Instant};

use listing_precheck::signals::{self, vocabulary::engine};

mod corpus;

/// A deterministic corpus of `count` descriptions of about `len` bytes.
fn corpus(count: usize, len: usize) -> Vec<String> {
    corpus::texts(count, len)
}

/// Runs `f` over the corpus repeatedly for at least `min` and returns MB/s.
fn throughput(texts: &[String], min: Duration, mut f: impl FnMut(&str) -> usize) -> f64 {
    let bytes: usize = texts.iter().map(String::len).sum();
    let (mut rounds, start) = (0u32, Instant::now());
    while rounds < 3 || start.elapsed() < min {
        for t in texts {
            black_box(f(black_box(t)));
        }
        rounds += 1;
    }
    (bytes as f64 * rounds as f64) / start.elapsed().as_secs_f64() / 1e6
}

fn main() {
    let texts = corpus(2000, 2048);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench");
    let _ = std::fs::create_dir_all(dir);
    let json = serde_json::to_string(&texts).unwrap_or_default();
    let _ = std::fs::write(format!("{dir}/scan-corpus.json"), json);

    // The engine's patterns (both matchers: the engine's Latin and CJK
    // automata), in one automaton for the bare pass.
    let mut patterns: Vec<String> = engine()
        .entries()
        .map(|e| signals::normalize::normalize(e.written).text)
        .collect();
    patterns.sort();
    patterns.dedup();
    let automaton = daachorse::DoubleArrayAhoCorasick::<u32>::new(&patterns).expect("automaton");
    let _ = signals::scan("warm up");
    let min = Duration::from_secs(3);
    let bare = throughput(&texts, min, |t| automaton.find_overlapping_iter(t).count());
    // The aho-corasick crate over the same patterns.
    let ac = aho_corasick::AhoCorasick::new(&patterns).expect("aho-corasick");
    let bare_ac = throughput(&texts, min, |t| ac.find_overlapping_iter(t).count());
    // As the scan normalises: into this thread's reused buffers.
    let norm = throughput(&texts, min, |t| {
        signals::normalize::Normalized::with(t, |n| n.units.len())
    });
    // The resemblance model's share: normalising, then reading every
    // sentence with the model (the scan does this for sentences no term
    // matched in; here for all of them).
    let model = signals::model::model().ok();
    let norm_model = throughput(&texts, min, |t| {
        signals::normalize::Normalized::with(t, |n| {
            model.map_or(0, |m| m.resemblances(t, n, |_| false).len())
        })
    });
    let skeletons: Vec<String> = texts
        .iter()
        .map(|t| signals::normalize::normalize(t).text)
        .collect();
    let on_skeleton = throughput(&skeletons, min, |t| {
        automaton.find_overlapping_iter(t).count()
    });
    let full = throughput(&texts, min, |t| signals::scan(t).len());
    let mb: f64 = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "corpus: {} descriptions, {mb:.1} MB (target/bench/scan-corpus.json)",
        texts.len()
    );
    println!("native bare pass (daachorse):  {bare:>8.1} MB/s");
    println!("native bare pass (aho-corasick crate): {bare_ac:>.1} MB/s");
    println!("native normalisation only:     {norm:>8.1} MB/s");
    println!("native normalisation + model:  {norm_model:>8.1} MB/s");
    println!("native bare pass on skeletons: {on_skeleton:>8.1} MB/s (of skeleton bytes)");
    println!("native signals::scan:          {full:>8.1} MB/s");
    println!(
        "native scan / bare pass:       {:>8.2}x slower",
        bare / full
    );
    println!(
        "native scan / aho-corasick crate pass: {:.2}x slower",
        bare_ac / full
    );
    // Cost growth with length: one text of 1 KB .. 10 MB (linear means a
    // flat rate).
    for len in [1 << 10, 1 << 14, 1 << 17, 1 << 20, 10 << 20] {
        let one = corpus(1, len);
        let rate = throughput(&one, Duration::from_millis(500), |t| signals::scan(t).len());
        println!(
            "native scan of one {:>7} B text: {rate:>8.1} MB/s",
            one[0].len()
        );
    }
    // The same for a whole check: one listing whose description is 1 KB ..
    // just under the 1 MiB input limit (an over-limit input is refused
    // before any work, in time linear in its length: one length check).
    for len in [1 << 10, 1 << 14, 1 << 17, (1 << 20) - 512] {
        let listing = serde_json::json!({
            "name": "Acme", "delivery_format": "image",
            "category": ["Software Infrastructure", "Operating Systems"],
            "image": {"os": "Ubuntu", "architecture": "x86_64"},
            "description": corpus(1, len - 400)[0],
        })
        .to_string();
        let one = vec![listing];
        let rate = throughput(&one, Duration::from_millis(500), |t| {
            listing_precheck::check_json_str(t).findings.len()
        });
        println!(
            "native check of one {:>7} B listing: {rate:>8.1} MB/s",
            one[0].len()
        );
    }
    let _ = std::fs::write(
        format!("{dir}/scan-native.txt"),
        format!("{full}\n{bare}\n{bare_ac}\n"),
    );
}
