//! Third-party marks (Policy, listing restrictions item 2: no infringement
//! of trademarks). A well-known mark (`data/trademarks.json`) in the
//! product name, or claimed as "official" anywhere, suggests the product
//! comes from the mark's owner: a warning with the mark and its span,
//! unless the vendor is the owner or declares an authorization in
//! `trademarks`. Nominative use ("… for Windows", "compatible with MySQL")
//! says what the product works with and is fine.

use crate::policy::ruleset::{PerRuleset, Ruleset, TRADEMARK_MATCHER};

use daachorse::DoubleArrayAhoCorasick;

use super::Rule;
use crate::input::text::{is_whole_word, utf16_offset};
use crate::input::Listing;
use crate::report::{Finding, Span};

use super::trademark_patterns::{automaton, patterns, File, Mark};

/// The marks file with one automaton over every spelling of every mark
/// that counts (as written, capitalised, upper-case), leftmost-longest so
/// "Windows Server" wins over "Windows"; `owners` maps each pattern to its
/// mark.
struct Marks {
    file: File,
    automaton: DoubleArrayAhoCorasick<u32>,
    owners: Vec<usize>,
}

/// The embedded marks file (a ruleset may carry its own).
const MARKS_JSON: &str = include_str!("../../data/trademarks.json");

static MARKS: PerRuleset<Option<Marks>> = PerRuleset::new(|rs| {
    let json = rs.file("trademarks.json", MARKS_JSON);
    let file: File = serde_json::from_str(json).ok()?;
    let (patterns, owners) = patterns(&file);
    // The embedded file's automaton as build.rs built it (the `prebuilt`
    // feature), else built here.
    let prebuilt = (std::ptr::eq(json, MARKS_JSON) && !TRADEMARK_MATCHER.is_empty())
        .then(|| DoubleArrayAhoCorasick::deserialize(TRADEMARK_MATCHER).ok())
        .flatten()
        .filter(|(_, rest)| rest.is_empty())
        .map(|(automaton, _)| automaton);
    let automaton = match prebuilt {
        Some(automaton) => automaton,
        None => automaton(&patterns)?,
    };
    Some(Marks {
        file,
        automaton,
        owners,
    })
});

pub(super) fn check(listing: &Listing, rs: Ruleset, out: &mut Vec<Finding>) {
    let Some(Marks {
        file,
        automaton,
        owners,
    }) = MARKS.get(rs)
    else {
        return;
    };
    let vendor = listing
        .vendor
        .as_ref()
        .and_then(|v| v.name.as_deref())
        .unwrap_or_default()
        .to_lowercase();
    let mut fields: Vec<(String, &str, bool)> = Vec::new();
    if let Some(name) = &listing.name {
        fields.push(("/name".into(), name, true));
    }
    for (path, text) in [
        ("/short_description", &listing.short_description),
        ("/description", &listing.description),
    ] {
        if let Some(t) = text {
            fields.push((path.into(), t, false));
        }
    }
    for (i, k) in listing.keywords.iter().enumerate() {
        fields.push((format!("/keywords/{i}"), k, false));
    }
    for (path, text, is_name) in fields {
        // Every spelling that counts starts with a capital letter.
        if !text.chars().any(char::is_uppercase) {
            continue;
        }
        for m in automaton.leftmost_find_iter(text) {
            let (at, len) = (m.start(), m.end() - m.start());
            let Some(mark) = owners
                .get(m.value() as usize)
                .and_then(|&i| file.marks.get(i))
            else {
                continue;
            };
            if !is_whole_word(text, at, at + len) {
                continue;
            }
            // The few words before the mark (bounded, so cost stays
            // linear however often a long description names marks).
            let mut from = at.saturating_sub(40);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let before = text[from..at].to_lowercase();
            let claimed = file
                .source_claims
                .iter()
                .any(|c| ends_with_word(&before, c));
            let nominative = file
                .nominative_before
                .iter()
                .any(|n| ends_with_word(&before, n));
            if !(claimed || (is_name && !nominative)) {
                continue;
            }
            if owns(&vendor, &mark.owner) || authorized(listing, mark) {
                continue;
            }
            let start = utf16_offset(text, at);
            out.push(
                    Finding::new(
                        Rule::TrademarkUnauthorized,
                        path.clone(),
                        format!(
                            "\"{}\" is a mark of {}; {} suggests the product comes from or is endorsed by its owner.",
                            mark.mark,
                            mark.owner,
                            if claimed { "claiming it as official" } else { "using it in the product name" }
                        ),
                    )
                    .help(format!(
                        "Declare the authorization in trademarks: [{{\"mark\": \"{}\", \"owner\": \"{}\", \"authorization\": \"…\"}}], or name it nominatively (\"… for {}\", \"compatible with {}\").",
                        mark.mark, mark.owner, mark.mark, mark.mark
                    ))
                    .span(Span {
                        start,
                        end: start + utf16_offset(&text[at..], len),
                    }),
                );
        }
    }
}

/// Whether `before` (lower-cased text before a mark) ends with the words `w`.
fn ends_with_word(before: &str, w: &str) -> bool {
    let trimmed = before.trim_end();
    trimmed.ends_with(w)
        && !trimmed[..trimmed.len() - w.len()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// Whether the vendor's name names the owner (its first distinctive word).
fn owns(vendor: &str, owner: &str) -> bool {
    owner
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.len() > 2 && !w.eq_ignore_ascii_case("the"))
        .is_some_and(|w| !vendor.is_empty() && vendor.contains(&w.to_lowercase()))
}

/// Whether the listing declares an authorization that covers `mark`: an
/// entry with an authorization whose declared mark is the mark or names it
/// ("Oracle Database" names "Oracle"), or whose owner is the mark's owner
/// (an authorization from the owner covers the owner's marks).
fn authorized(listing: &Listing, mark: &Mark) -> bool {
    let wanted = mark.mark.to_lowercase();
    listing.trademarks.iter().any(|t| {
        let has_authorization = t
            .authorization
            .as_deref()
            .is_some_and(|a| !a.trim().is_empty());
        let declared = t.mark.trim().to_lowercase();
        let names_it = declared
            .match_indices(&wanted)
            .any(|(at, m)| is_whole_word(&declared, at, at + m.len()));
        let same_owner = t
            .owner
            .as_deref()
            .is_some_and(|o| owns(&o.to_lowercase(), &mark.owner));
        has_authorization && (names_it || same_owner)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With the `prebuilt` feature the embedded automaton is the one the
    /// rule would build from the embedded marks file; without it there is
    /// none.
    #[test]
    fn the_prebuilt_trademark_automaton_is_the_one_built_at_start_up() {
        let file: File = serde_json::from_str(MARKS_JSON).expect("data/trademarks.json reads");
        let built = automaton(&patterns(&file).0).expect("the automaton builds");
        if cfg!(feature = "prebuilt") {
            assert_eq!(TRADEMARK_MATCHER, built.serialize().as_slice());
        } else {
            assert!(TRADEMARK_MATCHER.is_empty());
        }
    }
}
