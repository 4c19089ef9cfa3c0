//! Personal data (Policy, listing restrictions item 4: a product must not
//! "unreasonably collect personal data from end-users"): the declared kinds
//! are known, sensitive kinds have a purpose, a privacy policy is linked,
//! and what is collected fits what the product does. The kinds and what
//! explains them are data (`data/personal_data.json`).

use std::collections::BTreeMap;

use super::Rule;
use crate::input::text::is_whole_word;
use crate::input::Listing;
use crate::policy::ruleset::{PerRuleset, Ruleset};
use crate::report::Finding;

/// One kind of personal data and what explains collecting it.
#[derive(Debug, serde::Deserialize)]
struct Kind {
    sensitive: bool,
    explained_by: Vec<String>,
    expected_in: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
struct File {
    kinds: BTreeMap<String, Kind>,
}

static KINDS: PerRuleset<BTreeMap<String, Kind>> = PerRuleset::new(|rs| {
    serde_json::from_str::<File>(rs.file(
        "personal_data.json",
        include_str!("../../data/personal_data.json"),
    ))
    .map(|f| f.kinds)
    .unwrap_or_default()
});

/// Every kind `personal_data.collected` may name (latest ruleset).
pub fn kinds() -> Vec<&'static str> {
    KINDS
        .get(Ruleset::latest())
        .keys()
        .map(String::as_str)
        .collect()
}

pub(super) fn check(listing: &Listing, rs: Ruleset, out: &mut Vec<Finding>) {
    let kinds = KINDS.get(rs);
    let Some(data) = &listing.personal_data else {
        return;
    };
    let collected: Vec<(usize, &str)> = data
        .collected
        .iter()
        .enumerate()
        .map(|(i, k)| (i, k.trim()))
        .filter(|(_, k)| !k.is_empty())
        .collect();
    if collected.is_empty() {
        return;
    }
    let text = listing_text(listing);
    let sub_category = listing
        .category
        .as_ref()
        .and_then(|c| c.get(1))
        .map(|s| s.trim());
    let has_purpose = data
        .purpose
        .as_deref()
        .is_some_and(|p| !p.trim().is_empty());
    for (i, name) in &collected {
        let path = format!("/personal_data/collected/{i}");
        let key = name.to_lowercase().replace([' ', '-'], "_");
        let Some(kind) = kinds.get(&key) else {
            let near = super::suggest::closest(&key, kinds.keys().map(String::as_str), 2);
            out.push(
                Finding::new(
                    Rule::PersonalDataUnknownKind,
                    path,
                    format!("\"{name}\" is not a kind of personal data this checker knows."),
                )
                .help({
                    let known = kinds
                        .keys()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(", ");
                    match near.first() {
                        Some(s) => format!("Did you mean \"{s}\"? Known kinds: {known}."),
                        None => format!("Use one of: {known}."),
                    }
                }),
            );
            continue;
        };
        if kind.sensitive && !has_purpose {
            out.push(
                Finding::new(
                    Rule::PersonalDataNoPurpose,
                    path.clone(),
                    format!("The product collects {key} data, a sensitive kind, without a stated purpose."),
                )
                .help("Say in personal_data.purpose why the product needs it (and in retention how long it is kept); collecting sensitive data for no stated purpose reads as unreasonable collection."),
            );
        }
        let expected = sub_category.is_some_and(|s| kind.expected_in.iter().any(|e| e == s));
        let explained = kind.explained_by.iter().any(|w| contains_words(&text, w));
        if !expected && !explained {
            out.push(
                Finding::new(
                    Rule::PersonalDataUnexplained,
                    path,
                    format!(
                        "Nothing in the listing explains why a {} product collects {key} data.",
                        sub_category.unwrap_or("product of this category")
                    ),
                )
                .help(format!(
                    "Describe the feature that needs it (e.g. {}), stop collecting it, or justify the finding.",
                    kind.explained_by.iter().take(3).map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", ")
                )),
            );
        }
    }
    let privacy = listing
        .urls
        .as_ref()
        .and_then(|u| u.privacy_policy.as_deref())
        .filter(|u| super::urls::check_url(u).is_ok());
    if privacy.is_none() {
        out.push(
            Finding::new(
                Rule::PersonalDataNoPrivacyPolicy,
                "/urls/privacy_policy",
                "The product collects personal data but links no https privacy policy.",
            )
            .help("Add urls.privacy_policy: an https page saying what is collected, why, for how long, and how end-users can have it deleted."),
        );
    }
}

/// The listing's name, descriptions and keywords, lower-cased, for the
/// "explained by" words.
fn listing_text(listing: &Listing) -> String {
    let mut text = String::new();
    for part in [
        &listing.name,
        &listing.short_description,
        &listing.description,
    ]
    .into_iter()
    .flatten()
    .chain(listing.keywords.iter())
    {
        text.push(' ');
        text.push_str(&part.to_lowercase());
    }
    if let Some(p) = listing
        .personal_data
        .as_ref()
        .and_then(|p| p.purpose.as_ref())
    {
        text.push(' ');
        text.push_str(&p.to_lowercase());
    }
    text
}

/// Whether `text` contains `words` as whole words (Chinese, written without
/// spaces between words, as any substring).
fn contains_words(text: &str, words: &str) -> bool {
    if words.chars().any(crate::signals::normalize::is_cjk) {
        return text.contains(words);
    }
    text.match_indices(words)
        .any(|(at, m)| is_whole_word(text, at, at + m.len()))
}
