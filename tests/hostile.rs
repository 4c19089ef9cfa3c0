//! Hostile input (issue 10): every case gets a clear, located finding, the
//! report stays small whatever the input's size, and the checker is still
//! correct afterwards. The same set runs through the wasm surface in
//! `tests/wasm.rs`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::hostile::{cases, VALID};
use listing_precheck::input::limits::MAX_FINDINGS_PER_RULE;
use listing_precheck::report::Verdict;

#[test]
fn every_hostile_input_gets_its_located_finding_and_the_checker_stays_usable() {
    for case in cases() {
        let report = listing_precheck::check_json_str(&case.text);
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.rule == case.rule && f.path == case.path),
            "{}: expected {} at {:?}, got {:#?}",
            case.name,
            case.rule,
            case.path,
            report
                .findings
                .iter()
                .map(|f| (&f.rule, &f.path, &f.message))
                .collect::<Vec<_>>()
        );
        assert!(
            report.findings.iter().all(|f| !f.message.is_empty()),
            "{}: a finding without a message",
            case.name
        );
        // The report is bounded whatever the input: no rule is listed more
        // than the documented number of times.
        let mut per_rule = std::collections::BTreeMap::<&str, usize>::new();
        for f in &report.findings {
            *per_rule.entry(f.rule.as_str()).or_default() += 1;
        }
        for (rule, n) in per_rule {
            assert!(
                n <= MAX_FINDINGS_PER_RULE + 1,
                "{}: {n} findings of {rule}",
                case.name
            );
        }
        assert!(
            report.to_json().len() < 256 * 1024,
            "{}: report of {} bytes",
            case.name,
            report.to_json().len()
        );
        // Deterministic: the same input gives the same bytes.
        assert_eq!(
            report.to_json(),
            listing_precheck::check_json_to_json(&case.text),
            "{}",
            case.name
        );
        // Still usable: a valid listing afterwards gets a clean report.
        let ok = listing_precheck::check_json_str(VALID);
        assert_eq!(
            ok.verdict,
            Verdict::Pass,
            "after {}: {:#?}",
            case.name,
            ok.findings
        );
    }
}

#[test]
fn duplicate_keys_name_the_key_and_keep_the_last_value() {
    let report = listing_precheck::check_json_str(
        r#"{"name": "A", "description": "Trojan builder", "description": "A hardened image.",
            "delivery_format": "image", "category": ["Software Infrastructure", "Operating Systems"],
            "image": {"os": "Ubuntu", "architecture": "x86_64"}}"#,
    );
    let dup: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "input/duplicate-key")
        .collect();
    assert_eq!(dup.len(), 1, "{dup:#?}");
    assert_eq!(dup[0].path, "/description");
    assert!(
        dup[0].message.contains("\"description\""),
        "{}",
        dup[0].message
    );
    assert_eq!(report.verdict, Verdict::Fail, "a duplicate key is an error");
    // The value checked is the last one, as serde_json reads it, and the
    // first (hidden) value's signal is not reported as if it were shown.
    assert!(report.findings.iter().all(|f| f.rule != "signal/malware"));
}

#[test]
fn truncated_rules_are_counted_and_the_verdict_counts_everything() {
    let blanks = vec!["\" \""; 500].join(",");
    let report = listing_precheck::check_json_str(&format!(
        r#"{{"name": "A", "description": "A hardened image.", "delivery_format": "image",
            "category": ["Software Infrastructure", "Operating Systems"],
            "image": {{"os": "Ubuntu", "architecture": "x86_64"}}, "keywords": [{blanks}]}}"#
    ));
    let empty = report
        .findings
        .iter()
        .filter(|f| f.rule == "field/empty")
        .count();
    assert_eq!(empty, MAX_FINDINGS_PER_RULE);
    let truncated: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "report/truncated")
        .collect();
    assert_eq!(truncated.len(), 1);
    assert!(
        truncated[0].message.contains("400 more \"field/empty\""),
        "{}",
        truncated[0].message
    );
    assert_eq!(report.verdict, Verdict::Warn);
}

#[test]
fn the_contract_question_reads_json_the_same_way() {
    use listing_precheck::contract::{resolve_json_str, ContractAnswer};
    let failure = |text: &str| match resolve_json_str(text) {
        ContractAnswer::Failure { errors } => errors,
        ContractAnswer::Success(r) => panic!("expected a failure for {text}, got {r:#?}"),
    };
    let e = failure(r#"{"residence_country": "DE", "residence_country": "US"}"#);
    assert_eq!(
        (e[0].rule.as_str(), e[0].path.as_str()),
        ("input/duplicate-key", "/residence_country")
    );
    let e = failure(&format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)));
    assert_eq!(e[0].rule, "input/too-deep");
    let e = failure("{\"residence_country\": \"DE\",\n  oops}");
    assert_eq!(e[0].rule, "input/not-json");
    assert!(e[0].message.contains("line 2"), "{}", e[0].message);
    let e = failure(&format!(
        r#"{{"residence_country": "{}"}}"#,
        "D".repeat(2 * 1024 * 1024)
    ));
    assert_eq!(e[0].rule, "input/too-large");
}
