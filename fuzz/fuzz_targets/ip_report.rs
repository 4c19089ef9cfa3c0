//! Arbitrary bytes as an infringement report or counter-notification:
//! never panics, deterministic, and every finding is cited.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let report = listing_precheck::ip_report::check_json_str(text);
    assert_eq!(report.to_json(), listing_precheck::ip_report::check_json_str(text).to_json());
    assert!(report.findings.iter().all(|f| !f.citation.quote.is_empty()));
});
