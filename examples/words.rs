//! Prints the skeleton words of each sentence of each line of standard
//! input, as a JSON array of arrays: the tokens the resemblance model
//! (`src/signals/model.rs`) reads, for `scripts/train-model.py`.
use std::io::{BufRead, Write};

fn main() {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let norm = listing_precheck::signals::normalize::normalize(&line);
        let sentences = listing_precheck::signals::model::sentences(&norm);
        let json = serde_json::to_string(&sentences).unwrap_or_default();
        let _ = writeln!(out, "{json}");
    }
}
