//! Micro-benchmarks (divan): a full check of a small and of a 20 KB
//! listing, scan of 1 KB and 20 KB texts, and entity resolution.
//!
//!     cargo bench --features bench --bench check

use std::hint::black_box;

use listing_precheck::contract::{resolve, ContractInput};

mod corpus;

fn main() {
    // Build the vocabulary automaton once, outside the timed loops.
    let _ = listing_precheck::signals::scan("warm up");
    divan::main();
}

#[divan::bench(args = [1_000, 20_000])]
fn check_listing(bencher: divan::Bencher, description_bytes: usize) {
    let listing = corpus::listings(1, description_bytes).remove(0);
    bencher
        .counter(divan::counter::BytesCount::new(listing.len()))
        .bench(|| listing_precheck::check_json_to_json(black_box(&listing)));
}

#[divan::bench(args = [1_000, 20_000])]
fn scan_text(bencher: divan::Bencher, bytes: usize) {
    let text = corpus::texts(1, bytes).remove(0);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| listing_precheck::signals::scan(black_box(&text)));
}

#[divan::bench(args = ["DE", "Australia", "中国", "Atlantis"])]
fn entity(country: &str) -> impl Sized {
    resolve(black_box(&ContractInput {
        residence_country: country.to_string(),
        uses_marketplace: Some(true),
        ..Default::default()
    }))
}
