//! Structured listings (well-formed JSON with arbitrary field contents), so
//! the fuzzer reaches the rules and the signal engine rather than stopping
//! at the JSON parser. Every finding's path names a field of the input and
//! its span lies inside that field's text, in UTF-16 units.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

#[derive(Arbitrary, Debug)]
struct Input {
    name: Option<String>,
    short_description: Option<String>,
    description: Option<String>,
    keywords: Vec<String>,
    delivery_format: Option<String>,
    category: Option<Vec<String>>,
    country: Option<String>,
    billing_country: Option<String>,
    urls: Vec<String>,
    saas_url: Option<String>,
    justifications: Vec<(String, String, String)>,
    collected: Vec<String>,
    purpose: Option<String>,
    last_purchase_date: Option<String>,
    last_updated: Option<String>,
    negative_feedback_ratio: Option<f64>,
    as_of: Option<String>,
}

fuzz_target!(|input: Input| {
    let mut listing = json!({
        "name": input.name,
        "short_description": input.short_description,
        "description": input.description,
        "keywords": input.keywords,
        "delivery_format": input.delivery_format,
        "category": input.category,
        "vendor": {"country": input.country, "billing_country": input.billing_country},
        "urls": {
            "product": input.urls.first(),
            "support": input.urls.get(1),
            "privacy_policy": input.urls.get(2),
        },
        "saas": {"url": input.saas_url},
        "image": {"os": "Ubuntu", "architecture": "x86_64"},
        "justifications": input.justifications.iter()
            .map(|(rule, path, reason)| json!({"rule": rule, "path": path, "reason": reason}))
            .collect::<Vec<_>>(),
        "personal_data": {"collected": input.collected, "purpose": input.purpose},
        "last_purchase_date": input.last_purchase_date,
        "last_updated": input.last_updated,
        "negative_feedback_ratio": input.negative_feedback_ratio,
    });
    let text = listing.to_string();
    let options = listing_precheck::CheckOptions {
        as_of: input.as_of,
        ..Default::default()
    };
    let report = listing_precheck::check_json_str_with(&text, &options);
    assert_eq!(report.to_json(), listing_precheck::check_json_str_with(&text, &options).to_json());
    for f in &report.findings {
        let Some(span) = f.span else { continue };
        if f.path.is_empty() {
            continue; // a span into the input text itself
        }
        let field = listing.pointer_mut(&f.path);
        let Some(Value::String(value)) = field else {
            panic!("{} has a span but {} is not a string field", f.rule, f.path);
        };
        let len = value.encode_utf16().count() as u32;
        assert!(span.start <= span.end && span.end <= len, "{f:?} in {value:?}");
        // The span lies on character boundaries of the original text.
        let units: Vec<u16> = value.encode_utf16().collect();
        for at in [span.start, span.end] {
            if let Some(&u) = units.get(at as usize) {
                assert!(!(0xDC00..0xE000).contains(&u), "{f:?} splits a surrogate pair");
            }
        }
    }
});
