//! Checks a JSON Lines file in a loop (a profiling aid for `perf record` or
//! `valgrind --tool=callgrind`): `cargo run --profile bench --example
//! profile_check -- [FILE] [LINES]` (default `target/bench/listings.jsonl`,
//! its first 20,000 lines).
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "target/bench/listings.jsonl".into());
    let take: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut n = 0usize;
    for line in text.lines().take(take) {
        n += listing_precheck::check_json_to_json(line).len();
    }
    println!("{n}");
}
