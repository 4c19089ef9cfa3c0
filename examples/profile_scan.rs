//! Scans the benchmark texts in a loop (a profiling aid for `perf record`).
fn main() {
    let text = std::fs::read_to_string("target/bench/texts.json").unwrap_or_default();
    let texts: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
    let mut n = 0usize;
    for _ in 0..20 {
        for t in &texts {
            n += listing_precheck::signals::scan(t).len();
        }
    }
    println!("{n}");
}
