//! Checks a JSON Lines file in a loop (a profiling aid for `perf record`).
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench/listings.jsonl".into());
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut n = 0usize;
    for line in text.lines().take(20_000) {
        n += listing_precheck::check_json_to_json(line).len();
    }
    println!("{n}");
}
