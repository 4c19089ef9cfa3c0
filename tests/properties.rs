//! Property tests over generated listings (issue 10): reports are
//! deterministic, survive a JSON round trip, and every finding's path and
//! span point at an existing field and character boundaries of its text.
#![cfg(not(target_arch = "wasm32"))]

use listing_precheck::report::Report;
use proptest::prelude::*;
use serde_json::{json, Value};

mod common;

/// A fragment from the shared set, or arbitrary printable text.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(common::fragments::FRAGMENTS).prop_map(str::to_string),
        "\\PC{0,24}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..6).prop_map(|v| v.join(" "))
}

fn listing() -> impl Strategy<Value = Value> {
    (
        (prop::option::of(text()), prop::option::of(text()), prop::option::of(text())),
        prop::collection::vec(text(), 0..4),
        prop::option::of(prop::sample::select(vec!["image", "saas", "container", "Image", ""])),
        prop::option::of(prop::collection::vec(
            prop::sample::select(vec!["Software Infrastructure", "Operating Systems", "Security", "X"]),
            0..4,
        )),
        (prop::option::of(text()), prop::option::of(text())),
        prop::collection::vec(("[a-z/-]{0,20}", "(/[a-z_0-9]{0,12}){0,2}", text()), 0..3),
    )
        .prop_map(|((name, short, description), keywords, format, category, (url, country), justifications)| {
            json!({
                "name": name,
                "short_description": short,
                "description": description,
                "keywords": keywords,
                "delivery_format": format,
                "category": category,
                "vendor": {"country": country},
                "urls": {"product": url},
                "saas": {"url": "https://app.example.com"},
                "justifications": justifications.into_iter()
                    .map(|(rule, path, reason)| json!({"rule": rule, "path": path, "reason": reason}))
                    .collect::<Vec<_>>(),
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn reports_are_deterministic_and_round_trip(listing in listing()) {
        let text = listing.to_string();
        let a = listing_precheck::check_json_to_json(&text);
        prop_assert_eq!(&a, &listing_precheck::check_json_to_json(&text));
        let back: Report = serde_json::from_str(&a).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back.to_json(), &a);
        // Pretty-printed input gives the same findings (locations are JSON
        // Pointers into fields, not offsets into the input text).
        let pretty = serde_json::to_string_pretty(&listing).unwrap_or_default();
        prop_assert_eq!(listing_precheck::check_json_to_json(&pretty), a);
    }

    #[test]
    fn paths_and_spans_point_into_existing_fields(listing in listing()) {
        let report = listing_precheck::check_json_str(&listing.to_string());
        for f in &report.findings {
            if f.path.is_empty() {
                continue;
            }
            // The path names a member of the input (or, for a missing
            // field, its parent does).
            let parent = f.path.rsplit_once('/').map_or("", |(p, _)| p);
            prop_assert!(
                listing.pointer(&f.path).is_some() || listing.pointer(parent).is_some(),
                "{} points at {}", f.rule, f.path
            );
            let Some(span) = f.span else { continue };
            let Some(Value::String(value)) = listing.pointer(&f.path) else {
                return Err(TestCaseError::fail(format!("{} has a span but {} is not text", f.rule, f.path)));
            };
            let units: Vec<u16> = value.encode_utf16().collect();
            prop_assert!(span.start <= span.end && span.end as usize <= units.len(), "{:?} in {:?}", f, value);
            prop_assert!(String::from_utf16(&units[span.start as usize..span.end as usize]).is_ok(),
                "{} span splits a character", f.rule);
        }
    }
}
