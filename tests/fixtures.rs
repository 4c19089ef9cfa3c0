//! Every fixture listing produces its expected report (native surface).
//! Regenerate expectations after an intended change with
//! `UPDATE_FIXTURES=1 cargo test --test fixtures`, then review the diff.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::fixtures::FIXTURES;
use listing_precheck::report::Report;

#[test]
fn every_fixture_matches_its_expected_report() {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut failures = Vec::new();
    for f in FIXTURES {
        let report = listing_precheck::check_json_str(f.listing);
        let pretty = serde_json::to_string_pretty(&report).expect("report serialises") + "\n";
        if update {
            let path = format!(
                "{}/tests/fixtures/{}.report.json",
                env!("CARGO_MANIFEST_DIR"),
                f.name
            );
            std::fs::write(&path, &pretty).expect("write fixture");
            continue;
        }
        let expected: Report = match serde_json::from_str(f.report) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{}: expected report does not parse: {e}", f.name));
                continue;
            }
        };
        if report != expected {
            failures.push(format!("{}: report differs:\n{pretty}", f.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_file_is_registered() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter_map(|n| n.strip_suffix(".listing.json").map(str::to_string))
        .collect();
    on_disk.sort();
    let registered: Vec<String> = FIXTURES.iter().map(|f| f.name.to_string()).collect();
    assert_eq!(
        on_disk, registered,
        "register new fixtures in tests/common/fixtures.rs"
    );
}

#[test]
fn json_bytes_are_the_serialised_report() {
    for f in FIXTURES {
        let report = listing_precheck::check_json_str(f.listing);
        assert_eq!(
            listing_precheck::check_json_to_json(f.listing),
            serde_json::to_string(&report).unwrap(),
            "{}",
            f.name
        );
    }
}

/// The expectations themselves say what each fixture is for: spot-check the
/// rule each one exists to exercise, so a regenerated snapshot that lost it fails.
#[test]
fn each_fixture_exercises_its_rule() {
    let rows: &[(&str, &str, &str)] = &[
        ("valid-image", "", "pass"),
        (
            "personal-data-unreasonable",
            "personal-data/no-purpose",
            "fail",
        ),
        ("personal-data-explained", "", "pass"),
        ("suspension-dates", "suspension/negative-feedback", "fail"),
        ("valid-saas", "", "pass"),
        ("container", "delivery-format/unsupported", "fail"),
        ("delivery-near-miss", "field/non-canonical", "warn"),
        ("delivery-api", "delivery-format/unsupported", "fail"),
        (
            "image-missing-details",
            "delivery-format/image-details",
            "fail",
        ),
        (
            "image-with-saas-section",
            "delivery-format/unused-section",
            "warn",
        ),
        ("saas-http-url", "delivery-format/saas-url", "fail"),
        ("saas-missing-url", "delivery-format/saas-url", "fail"),
        ("category-miscased", "field/non-canonical", "warn"),
        ("category-wrong-parent", "category/wrong-parent", "fail"),
        ("category-one-level", "category/wrong-depth", "fail"),
        ("category-subcategory-only", "category/wrong-depth", "fail"),
        ("category-three-levels", "category/wrong-depth", "fail"),
        (
            "category-china-gateway",
            "category/ambiguous-reading",
            "pass",
        ),
        ("category-china-gateway-top", "category/unknown", "fail"),
        (
            "category-developer-tools-unknown",
            "category/unknown",
            "fail",
        ),
        ("missing-required", "field/missing", "fail"),
        ("empty-required", "field/empty", "fail"),
        ("wrong-types", "input/wrong-type", "fail"),
        ("unknown-fields", "input/unknown-field", "warn"),
        ("hidden-characters", "text/bidi-control", "fail"),
        ("url-problems", "url/invalid", "fail"),
        ("too-long", "field/too-long", "warn"),
        ("not-json", "input/not-json", "fail"),
        ("not-object", "input/not-object", "fail"),
        ("trailing-garbage", "input/not-json", "fail"),
        ("signal-evasive-malware", "signal/malware", "fail"),
        ("signal-chinese", "signal/crypto-mining", "fail"),
        ("signal-justified", "signal/ip-infringement", "pass"),
        ("signal-security-product", "", "pass"),
    ];
    assert_eq!(rows.len(), FIXTURES.len(), "every fixture has a row here");
    for (name, rule, verdict) in rows {
        let f = FIXTURES
            .iter()
            .find(|f| f.name == *name)
            .expect("fixture exists");
        let report = listing_precheck::check_json_str(f.listing);
        let v = serde_json::to_value(report.verdict).unwrap();
        assert_eq!(v, *verdict, "{name}: verdict");
        if !rule.is_empty() {
            assert!(
                report.findings.iter().any(|x| x.rule == *rule),
                "{name}: expected {rule} in {:#?}",
                report.findings
            );
        }
    }
}
