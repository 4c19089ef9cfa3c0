//! The spellings of the marks that count, shared by the trademark rule
//! (`super::trademarks`) and `build.rs`, which prebuilds their automaton
//! with the `prebuilt` feature: both must list the same patterns in the
//! same order, and build the same automaton over them.

use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};

/// One mark of `data/trademarks.json` and its owner.
#[derive(Debug, serde::Deserialize)]
pub struct Mark {
    /// The mark as written (`Windows Server`).
    pub mark: String,
    /// Who owns it, as a vendor would name itself.
    pub owner: String,
}

/// `data/trademarks.json`.
#[derive(Debug, serde::Deserialize)]
pub struct File {
    /// Words before a mark that make its use nominative (`for`,
    /// `compatible with`).
    pub nominative_before: Vec<String>,
    /// Words before a mark that claim to be its source (`official`).
    pub source_claims: Vec<String>,
    /// The marks.
    pub marks: Vec<Mark>,
}

/// Every spelling of every mark that counts (as written, capitalised,
/// upper-case), each once, with the index of its mark: a spelling two
/// marks (or two forms) share belongs to the first.
pub fn patterns(file: &File) -> (Vec<String>, Vec<usize>) {
    let mut patterns: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut owners = Vec::new();
    for (i, mark) in file.marks.iter().enumerate() {
        for form in forms(&mark.mark) {
            if seen.insert(form.clone()) {
                patterns.push(form);
                owners.push(i);
            }
        }
    }
    (patterns, owners)
}

/// The automaton over `patterns`, leftmost-longest so "Windows Server"
/// wins over "Windows".
pub fn automaton(patterns: &[String]) -> Option<DoubleArrayAhoCorasick<u32>> {
    DoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .ok()
}

/// The spellings of one mark: as written, upper-case, and capitalised.
fn forms(mark: &str) -> Vec<String> {
    let mut forms = vec![mark.to_string(), mark.to_uppercase()];
    let mut chars = mark.chars();
    if let Some(first) = chars.next() {
        forms.push(
            first
                .to_uppercase()
                .chain(chars.as_str().to_lowercase().chars())
                .collect(),
        );
    }
    forms.sort();
    forms.dedup();
    forms
}
