//! Arbitrary text through the signal engine: never panics, every span lies
//! on character boundaries inside the text and `matched` is exactly the
//! text under the span; normalising a word of the skeleton as a part of a
//! word gives it back (idempotence).
#![no_main]

use libfuzzer_sys::fuzz_target;
use listing_precheck::signals::{
    normalize::{normalize, normalize_part},
    scan,
};

fuzz_target!(|text: &str| {
    let units: Vec<u16> = text.encode_utf16().collect();
    for s in scan(text) {
        let (start, end) = (s.span.start as usize, s.span.end as usize);
        assert!(start < end && end <= units.len(), "{s:?}");
        let matched = String::from_utf16(&units[start..end]).expect("span on char boundaries");
        assert_eq!(matched, s.matched);
    }
    let once = normalize(text);
    assert_eq!(once.units.len(), once.text.chars().count());
    for word in once.words() {
        assert_eq!(normalize_part(&word), word, "normalising is not idempotent");
    }
});
