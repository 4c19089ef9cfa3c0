//! Reads words, one per line, and prints as JSON lines those that are one
//! edit from a one-word term of the latest ruleset, with the terms: the
//! real words `data/signals/near-words.json` must list
//! (`scripts/gen-near-words.py` runs this over an English word list).
use std::io::{BufRead, Write};

use listing_precheck::signals::{normalize::normalize, vocabulary::engine};

fn main() {
    let engine = engine();
    let index = engine.near_index(&[]);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut found = Vec::new();
    for word in std::io::stdin().lock().lines().map_while(Result::ok) {
        let skeleton = normalize(word.trim()).text;
        engine.near_misses_of(&index, skeleton.as_bytes(), &mut found);
        let terms: Vec<&str> = found
            .iter()
            .flat_map(|&p| engine.latin.entries_of(p as usize))
            .map(|e| e.written)
            .collect();
        if !terms.is_empty() {
            let line = serde_json::json!({ "word": word.trim(), "terms": terms });
            let _ = writeln!(out, "{line}");
        }
    }
}
