//! The floor of the package's size: one exported function that touches the
//! embedded policy data and, with features, NFKC decomposition and an
//! Aho-Corasick automaton, so the linker keeps exactly those. Nothing here
//! is part of listing-precheck; see ./scripts/size-floor.
#![deny(unsafe_code)]

use std::hint::black_box;

/// Every policy data file the package embeds (as `include_str!` in the core).
const DATA: &[&str] = &[
    include_str!("../../data/categories.json"),
    include_str!("../../data/clauses.json"),
    include_str!("../../data/enforcement.json"),
    include_str!("../../data/contract/countries.json"),
    include_str!("../../data/contract/agreement.json"),
    include_str!("../../data/delivery_formats.json"),
    include_str!("../../data/rule_catalogue.json"),
    include_str!("../../data/personal_data.json"),
    include_str!("../../data/lifecycle.json"),
    include_str!("../../data/trademarks.json"),
    include_str!("../../data/ip_report.json"),
    include_str!("../../data/signals/classes.json"),
    include_str!("../../data/signals/contexts.json"),
    include_str!("../../data/signals/en.json"),
    include_str!("../../data/signals/zh.json"),
    include_str!("../../data/signals/zh-variants.json"),
    include_str!("../../data/signals/confusables-extra.json"),
];

/// Reads an opaque text through what the features enable; returns a count
/// so nothing is optimised away.
#[allow(unsafe_code)] // `no_mangle` only: the export's name.
#[no_mangle]
pub extern "C" fn run(which: usize) -> usize {
    let data = black_box(DATA);
    let text: &str = data.get(which).copied().unwrap_or_default();
    #[allow(unused_mut)] // mutated only with features on
    let mut total = text.len();
    #[cfg(feature = "nfkc")]
    for c in text.chars() {
        unicode_normalization::char::decompose_compatible(c, |d| {
            if !unicode_normalization::char::is_combining_mark(d) {
                total += d.to_lowercase().count();
            }
        });
    }
    #[cfg(feature = "automaton")]
    if let Ok(ac) = aho_corasick::AhoCorasick::new(text.split(' ')) {
        total += ac.find_overlapping_iter(text).count();
    }
    total
}
