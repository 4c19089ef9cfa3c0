//! Reads words, one per line, and prints as JSON lines those that read as
//! a term glued to common words (`therapist`: `the` + `rapist`), with the
//! terms: the real words `data/signals/glue.json` must list under `words`
//! (`scripts/gen-glued-words.py` runs this over English word lists).
use std::io::{BufRead, Write};

use listing_precheck::signals::{glued_terms, vocabulary::engine};

fn main() {
    let engine = engine();
    let index = engine.glue_index(false);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for word in std::io::stdin().lock().lines().map_while(Result::ok) {
        let terms = glued_terms(engine, &index, word.trim());
        if !terms.is_empty() {
            let line = serde_json::json!({ "word": word.trim(), "terms": terms });
            let _ = writeln!(out, "{line}");
        }
    }
}
