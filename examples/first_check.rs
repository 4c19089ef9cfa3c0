//! Times the first check in a fresh process (data parsing and automaton
//! building included) against a second one: a start-up profiling aid.
use std::time::Instant;

fn main() {
    let listing = r#"{"name": "Acme", "description": "A hardened image.", "delivery_format": "image",
        "category": ["Software Infrastructure", "Operating Systems"], "image": {"os": "Debian", "architecture": "arm64"},
        "vendor": {"country": "DE"}}"#;
    let t = Instant::now();
    let _ = listing_precheck::signals::vocabulary::engine();
    let engine = t.elapsed();
    let t = Instant::now();
    let _ = listing_precheck::check_json_str(listing);
    let first = t.elapsed();
    let t = Instant::now();
    let _ = listing_precheck::check_json_str(listing);
    let second = t.elapsed();
    println!("engine build {engine:?}, rest of first check {first:?}, second check {second:?}");
}
