//! Required fields and length limits (schema v1).

use super::Rule;
use crate::input::{limits, text::char_len, Listing};
use crate::report::Finding;

/// Checks presence of required fields and the documented length limits.
pub(super) fn check(listing: &Listing, strings: &[(String, &str)], out: &mut Vec<Finding>) {
    required(
        out,
        "/name",
        "name",
        listing.name.as_deref(),
        "the product's name",
    );
    required(
        out,
        "/description",
        "description",
        listing.description.as_deref(),
        "what the product does",
    );
    required(
        out,
        "/delivery_format",
        "delivery_format",
        listing.delivery_format.as_deref(),
        "\"image\" or \"saas\"",
    );
    match &listing.category {
        None => out.push(
            Finding::new(Rule::FieldMissing, "/category", "The listing has no category.")
                .help("Add \"category\": [category, sub-category], e.g. [\"Software Infrastructure\", \"Operating Systems\"]."),
        ),
        Some(c) if c.is_empty() => out.push(
            Finding::new(Rule::FieldEmpty, "/category", "The category is empty.")
                .help("Give [category, sub-category] from the policy's table."),
        ),
        Some(_) => {}
    }

    let short = listing.short_description.as_deref();
    if short.is_some_and(|s| s.trim().is_empty()) {
        out.push(
            Finding::new(
                Rule::FieldEmpty,
                "/short_description",
                "The short description is blank.",
            )
            .severity(crate::report::Severity::Warning)
            .help("Write one line that says what the product is, or remove the field."),
        );
    }
    for (path, value, max) in [
        ("/name", listing.name.as_deref(), limits::MAX_NAME_CHARS),
        (
            "/short_description",
            short,
            limits::MAX_SHORT_DESCRIPTION_CHARS,
        ),
        (
            "/description",
            listing.description.as_deref(),
            limits::MAX_DESCRIPTION_CHARS,
        ),
    ] {
        too_long(out, path, value, max);
    }
    for (path, value) in strings {
        let max = if path.starts_with("/urls/") || path == "/saas/url" {
            limits::MAX_URL_CHARS
        } else if path.starts_with("/keywords/") {
            limits::MAX_KEYWORD_CHARS
        } else if matches!(
            path.as_str(),
            "/name" | "/short_description" | "/description"
        ) {
            continue;
        } else {
            limits::MAX_SHORT_FIELD_CHARS
        };
        too_long(out, path, Some(value), max);
    }

    if listing.keywords.len() > limits::MAX_KEYWORDS {
        out.push(
            Finding::new(
                Rule::FieldTooMany,
                "/keywords",
                format!(
                    "The listing has {} keywords; the limit is {}.",
                    listing.keywords.len(),
                    limits::MAX_KEYWORDS
                ),
            )
            .help("Keep the keywords buyers actually search for."),
        );
    }
    for (i, k) in listing.keywords.iter().enumerate() {
        if k.trim().is_empty() {
            out.push(
                Finding::new(
                    Rule::FieldEmpty,
                    format!("/keywords/{i}"),
                    "This keyword is blank.",
                )
                .severity(crate::report::Severity::Warning)
                .help("Remove the blank keyword."),
            );
        }
    }
}

fn required(out: &mut Vec<Finding>, path: &str, key: &str, value: Option<&str>, what: &str) {
    match value {
        None => out.push(
            Finding::new(
                Rule::FieldMissing,
                path,
                format!("The listing has no {key}."),
            )
            .help(format!("Add \"{key}\": {what}.")),
        ),
        Some(v) if v.trim().is_empty() => out.push(
            Finding::new(Rule::FieldEmpty, path, format!("The {key} is empty."))
                .help(format!("Fill in {what}.")),
        ),
        Some(_) => {}
    }
}

fn too_long(out: &mut Vec<Finding>, path: &str, value: Option<&str>, max: usize) {
    let Some(value) = value else { return };
    // Cheap bound first: a string of at most `max` bytes has at most `max` chars.
    if value.len() <= max {
        return;
    }
    let len = char_len(value);
    if len > max {
        out.push(
            Finding::new(
                Rule::FieldTooLong,
                path,
                format!("This field has {len} characters; the limit is {max}."),
            )
            .help(format!("Shorten it to at most {max} characters.")),
        );
    }
}
