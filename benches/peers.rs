//! The native side of `scripts/bench`: writes the deterministic corpora
//! (100k listings as JSON Lines, description texts as a JSON array) under
//! `target/bench/`, then measures on them, in one run: `check` listings/s
//! on one thread, `scan` MB/s, and the peer crate `rustrict` (its own
//! built-in word list: custom words need its unsafe global API) MB/s on the
//! same texts. Results go to `target/bench/native.json` for the script.
//!
//!     cargo bench --features bench --bench peers   # or: ./scripts/bench

use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

use rustrict::CensorStr;

mod corpus;

/// Runs `f` over `items` repeatedly for at least `min`; (items/s, MB/s).
fn rate<T: AsRef<str>>(items: &[T], min: Duration, mut f: impl FnMut(&str) -> usize) -> (f64, f64) {
    let bytes: usize = items.iter().map(|t| t.as_ref().len()).sum();
    let (mut rounds, start) = (0u32, Instant::now());
    while rounds < 1 || start.elapsed() < min {
        for t in items {
            black_box(f(black_box(t.as_ref())));
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    (
        items.len() as f64 * rounds as f64 / secs,
        bytes as f64 * rounds as f64 / secs / 1e6,
    )
}

fn main() -> std::io::Result<()> {
    let count: usize = std::env::var("BENCH_LISTINGS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench");
    std::fs::create_dir_all(dir)?;
    let listings = corpus::listings(count, 900);
    let mut file = std::io::BufWriter::new(std::fs::File::create(format!("{dir}/listings.jsonl"))?);
    for l in &listings {
        writeln!(file, "{l}")?;
    }
    file.flush()?;
    let texts = corpus::texts(2000, 1024);
    std::fs::write(
        format!("{dir}/texts.json"),
        serde_json::to_string(&texts).unwrap_or_default(),
    )?;
    let mb = listings.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!("corpus: {count} listings ({mb:.1} MB, target/bench/listings.jsonl); 2000 texts of 1 KB (target/bench/texts.json)");

    let _ = listing_precheck::signals::scan("warm up");
    let min = Duration::from_secs(3);
    let sample = &listings[..listings.len().min(20_000)];
    let (check_per_s, _) = rate(sample, min, |l| {
        listing_precheck::check_json_str(l).findings.len()
    });
    let (_, scan_mbs) = rate(&texts, min, |t| listing_precheck::signals::scan(t).len());
    let (_, rustrict_mbs) = rate(&texts, min, |t| usize::from(t.is_inappropriate()));
    let (_, rustrict_censor_mbs) = rate(&texts, min, |t| t.censor().len());
    println!("native check, one thread:   {check_per_s:>10.0} listings/s");
    println!("native scan:                {scan_mbs:>10.1} MB/s");
    println!("rustrict is_inappropriate:  {rustrict_mbs:>10.1} MB/s");
    println!("rustrict censor:            {rustrict_censor_mbs:>10.1} MB/s");
    std::fs::write(
        format!("{dir}/native.json"),
        serde_json::json!({
            "check_per_s_one_thread": check_per_s,
            "scan_mb_s": scan_mbs,
            "rustrict_mb_s": rustrict_mbs,
            "rustrict_censor_mb_s": rustrict_censor_mbs,
        })
        .to_string(),
    )?;
    Ok(())
}
