//! Arbitrary bytes as a contract question: never panics, deterministic, and
//! a success always names one of the five entities with a cited trace.
#![no_main]

use libfuzzer_sys::fuzz_target;
use listing_precheck::contract::{resolve_json_str, ContractAnswer};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let answer = resolve_json_str(text);
    assert_eq!(answer, resolve_json_str(text));
    if let ContractAnswer::Success(result) = answer {
        assert!(["europe", "us", "india", "malaysia", "singapore"]
            .contains(&result.entity.id.as_str()));
        assert!(!result.trace.is_empty());
    }
});
