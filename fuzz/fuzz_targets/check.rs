//! Arbitrary bytes as a listing file: `check_bytes` never panics, is
//! deterministic, and its JSON report reads back as a report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use listing_precheck::report::Report;

fuzz_target!(|data: &[u8]| {
    let report = listing_precheck::check_bytes(data);
    let json = report.to_json();
    assert_eq!(json, listing_precheck::check_bytes(data).to_json());
    let back: Report = serde_json::from_str(&json).expect("report JSON reads back");
    assert_eq!(back, report);
});
