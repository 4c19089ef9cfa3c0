//! The rule catalogue cannot rot: every rule has a class, an explanation and
//! two examples, each failing example is reported with its rule and each
//! passing example is not (issue 6).
#![cfg(not(target_arch = "wasm32"))]

use listing_precheck::rules::catalogue::{self as cat, catalogue, Example};
use listing_precheck::rules::Rule;

fn rules_reported(example: &Example) -> Vec<String> {
    example.run().findings.into_iter().map(|f| f.rule).collect()
}

#[test]
fn every_rule_has_words_and_examples_and_no_entry_is_stale() {
    let all = catalogue();
    assert_eq!(all.len(), Rule::ALL.len());
    for r in &all {
        assert!(
            cat::classes().contains_key(&r.class),
            "{}: class {:?} is not one of the documented classes",
            r.id,
            r.class
        );
        assert!(
            r.explanation.len() > 40,
            "{}: explanation missing or too short",
            r.id
        );
        assert!(!r.citation.quote.is_empty(), "{}: no quote", r.id);
        assert!(
            r.summary_zh
                .chars()
                .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
            "{}: no Chinese summary",
            r.id
        );
    }
    assert_eq!(cat::stale_entries(), Vec::<&str>::new());
}

#[test]
fn each_failing_example_fails_with_its_rule_and_each_passing_example_does_not() {
    let mut broken = Vec::new();
    for r in catalogue() {
        let failing = rules_reported(&r.examples.failing);
        if !failing.contains(&r.id) {
            broken.push(format!("{}: failing example reported {failing:?}", r.id));
        }
        let passing = rules_reported(&r.examples.passing);
        if passing.contains(&r.id) {
            broken.push(format!("{}: passing example reported it", r.id));
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn the_base_inputs_pass_without_findings() {
    for r in catalogue().iter().take(1) {
        let mut base = r.examples.passing.clone();
        base.patch = None;
        base.text = None;
        base.as_of = None;
        let report = base.run();
        assert!(report.findings.is_empty(), "{:#?}", report.findings);
    }
    let report = Example {
        input: cat::ExampleInput::IpReport,
        patch: None,
        text: None,
        as_of: None,
    }
    .run();
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

#[test]
fn merge_patches_remove_replace_and_expand_repeats() {
    let example: Example = serde_json::from_str(
        r#"{"patch": {"name": {"repeat": "ab", "times": 3}, "urls": {"support": null}, "keywords": ["x"]}}"#,
    )
    .expect("example");
    let value: serde_json::Value =
        serde_json::from_str(&example.input_text()).expect("patched JSON");
    assert_eq!(value["name"], "ababab");
    assert_eq!(value["keywords"], serde_json::json!(["x"]));
    assert!(value["urls"].get("support").is_none());
    assert!(value["urls"].get("product").is_some(), "siblings are kept");
    let raw: Example =
        serde_json::from_str(r#"{"text": ["[", {"repeat": "1,", "times": 2}, "1]"]}"#)
            .expect("raw example");
    assert_eq!(raw.input_text(), "[1,1,1]");
}
