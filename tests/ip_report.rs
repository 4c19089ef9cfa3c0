//! Infringement reports and counter-notifications (issue 6): the policy's
//! items (a)–(c), precise marketplace listing links, and the CLI surface.
#![cfg(not(target_arch = "wasm32"))]

use listing_precheck::ip_report::check_json_str;
use listing_precheck::report::Verdict;

fn rules(text: &str) -> Vec<(String, String)> {
    check_json_str(text)
        .findings
        .into_iter()
        .map(|f| (f.rule, f.path))
        .collect()
}

const COMPLETE: &str = r#"{"kind": "report",
  "reporter": {"name": "Jane Roe", "email": "legal@brand.example"},
  "rights_holder": true,
  "proof_of_identity": ["company-registration.pdf"],
  "proof_of_ownership": ["EUTM 018000001"],
  "infringing_listings": ["https://marketplace.alibabacloud.com/products/56691006/sgcmjj00001.html"]}"#;

#[test]
fn a_complete_report_passes() {
    let report = check_json_str(COMPLETE);
    assert_eq!(report.verdict, Verdict::Pass, "{:#?}", report.findings);
}

#[test]
fn each_missing_item_is_named_with_its_clause() {
    let r =
        check_json_str(r#"{"kind": "report", "rights_holder": false, "infringing_listings": []}"#);
    let got: Vec<(&str, &str, &str)> = r
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.path.as_str(), f.citation.clause.as_str()))
        .collect();
    for expected in [
        (
            "ip-report/identity",
            "/reporter",
            "Intellectual Property Infringement Reports, item (a)",
        ),
        (
            "ip-report/identity",
            "/proof_of_identity",
            "Intellectual Property Infringement Reports, item (a)",
        ),
        (
            "ip-report/authorization",
            "/authorization",
            "Intellectual Property Infringement Reports, item (a)",
        ),
        (
            "ip-report/ownership",
            "/proof_of_ownership",
            "Intellectual Property Infringement Reports, item (b)",
        ),
        (
            "ip-report/listings",
            "/infringing_listings",
            "Intellectual Property Infringement Reports, item (c)",
        ),
    ] {
        assert!(got.contains(&expected), "missing {expected:?} in {got:#?}");
    }
    // An agent with an authorization is fine on that item.
    let agent = COMPLETE.replace(
        r#""rights_holder": true"#,
        r#""rights_holder": false, "authorization": "Power of attorney of 2026-01-05""#,
    );
    assert!(rules(&agent).is_empty());
}

#[test]
fn listing_links_must_be_precise_marketplace_listings() {
    for (url, why) in [
        (
            "http://marketplace.alibabacloud.com/products/1/x.html",
            "https",
        ),
        (
            "https://marketplace.alibabacloud.com/search?keyword=acme",
            "search",
        ),
        ("https://marketplace.alibabacloud.com/", "product"),
        (
            "https://www.example.com/products/1",
            "International Marketplace",
        ),
        (
            "https://marketplace.alibabacloud.com.evil.example/products/1",
            "International Marketplace",
        ),
    ] {
        let text = COMPLETE.replace(
            "https://marketplace.alibabacloud.com/products/56691006/sgcmjj00001.html",
            url,
        );
        let report = check_json_str(&text);
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "ip-report/listing-url")
            .unwrap_or_else(|| panic!("{url} accepted"));
        assert_eq!(f.path, "/infringing_listings/0");
        assert!(f.message.contains(why), "{url}: {}", f.message);
        assert!(
            f.help.contains("Reading applied"),
            "the reading is surfaced"
        );
    }
}

#[test]
fn counter_notifications_name_report_listing_and_grounds() {
    let ok = r#"{"kind": "counter_notification", "vendor": {"name": "Acme", "email": "legal@acme.example"},
        "report_reference": "IPR-2026-0042",
        "listings": ["https://marketplace.alibabacloud.com/products/56691006/sgcmjj00001.html"],
        "statement": "We hold a licence from the rights holder dated 2025-03-01, attached."}"#;
    assert!(rules(ok).is_empty(), "{:#?}", rules(ok));
    let bad = rules(r#"{"kind": "counter_notification", "statement": "no"}"#);
    for path in ["/vendor", "/report_reference", "/statement", "/listings"] {
        assert!(
            bad.iter()
                .any(|(r, p)| r == "ip-report/counter-incomplete" && p == path),
            "{path}: {bad:#?}"
        );
    }
    assert_eq!(rules(r#"{"kind": "complaint"}"#)[0].0, "input/wrong-type");
    assert_eq!(rules("[1]")[0].0, "input/not-object");
}

#[cfg(feature = "cli")]
#[test]
fn cli_ip_report_prints_the_report_and_exits_by_verdict() {
    let dir = std::env::temp_dir().join(format!("lp-ip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let good = dir.join("good.json");
    std::fs::write(&good, COMPLETE).expect("write");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"kind": "report"}"#).expect("write");
    let run = |p: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_listing-precheck"))
            .args(["ip-report", p.to_str().unwrap_or_default()])
            .output()
            .expect("run")
    };
    let out = run(&good);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        check_json_str(COMPLETE).to_json() + "\n"
    );
    assert_eq!(run(&bad).status.code(), Some(1));
    let _ = std::fs::remove_dir_all(dir);
}
