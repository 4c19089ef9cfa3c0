//! Prints the signals in each line of standard input (a debugging aid).
use std::io::BufRead;

fn main() {
    let problems = listing_precheck::signals::vocabulary::engine().problems();
    assert!(problems.is_empty(), "{problems:?}");
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let n = listing_precheck::signals::normalize::normalize(&line);
        let s = listing_precheck::signals::scan(&line);
        println!(
            "{line}\n  skeleton: {}\n  {:?}",
            n.text,
            s.iter()
                .map(|s| format!(
                    "{}:{}:{:?}→{}",
                    s.class.as_str(),
                    s.severity.as_str(),
                    s.matched,
                    s.term
                ))
                .collect::<Vec<_>>()
        );
    }
}
