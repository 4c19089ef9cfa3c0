//! Scans the benchmark texts in a loop (a profiling aid for `perf record`
//! or `valgrind --tool=callgrind`): `cargo run --profile bench --example
//! profile_scan -- [ROUNDS] [TEXTS]` (default 20 rounds of all texts in
//! `target/bench/texts.json`).
fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let take: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(usize::MAX);
    let text = std::fs::read_to_string("target/bench/texts.json").unwrap_or_default();
    let texts: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
    let mut n = 0usize;
    for _ in 0..rounds {
        for t in texts.iter().take(take) {
            n += listing_precheck::signals::scan(t).len();
        }
    }
    println!("{n}");
}
