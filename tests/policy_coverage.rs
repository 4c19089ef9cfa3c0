//! Removal grounds evaluated against an explicit date (never the clock),
//! and the enforcement consequences of a failing report (issue 6).
#![cfg(not(target_arch = "wasm32"))]

use listing_precheck::report::Verdict;
use listing_precheck::{check_json_str, check_json_str_with, CheckOptions};

fn listing(extra: &str) -> String {
    format!(
        r#"{{"name": "Acme Broker", "description": "A managed message broker image.",
            "delivery_format": "image", "category": ["Developer Tools", "Message Queue"],
            "image": {{"os": "Debian 12", "architecture": "arm64"}}{extra}}}"#
    )
}

fn report_as_of(text: &str, as_of: &str) -> listing_precheck::report::Report {
    let options = CheckOptions {
        as_of: Some(as_of.into()),
        ..Default::default()
    };
    check_json_str_with(text, &options)
}

fn rules_as_of(text: &str, as_of: &str) -> Vec<String> {
    report_as_of(text, as_of)
        .findings
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn six_months_without_a_purchase_counts_from_the_as_of_date() {
    let text = listing(r#", "last_purchase_date": "2025-01-15""#);
    assert!(!rules_as_of(&text, "2025-07-15").contains(&"suspension/no-purchase".into()));
    assert!(rules_as_of(&text, "2025-07-16").contains(&"suspension/no-purchase".into()));
    // Month ends clamp: 31 August + 6 months is 28 February.
    let end = listing(r#", "last_purchase_date": "2024-08-31""#);
    assert!(!rules_as_of(&end, "2025-02-28").contains(&"suspension/no-purchase".into()));
    assert!(rules_as_of(&end, "2025-03-01").contains(&"suspension/no-purchase".into()));
    // Without a date the ground is not evaluated, and says so.
    let report = check_json_str(&text);
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule == "suspension/not-evaluated" && f.help.contains("as_of")));
}

#[test]
fn outdated_and_negative_feedback_name_their_readings() {
    let text = listing(r#", "last_updated": "2024-01-01", "negative_feedback_ratio": 0.5"#);
    let report = report_as_of(&text, "2025-06-01");
    let outdated = report
        .findings
        .iter()
        .find(|f| f.rule == "suspension/outdated")
        .expect("outdated");
    assert!(
        outdated.message.contains("Reading applied"),
        "{}",
        outdated.message
    );
    assert_eq!(
        outdated.citation.clause,
        "§2 Suspension / Removal of Products, (c)"
    );
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule == "suspension/negative-feedback"));
    assert_eq!(report.verdict, Verdict::Warn, "removal risks are warnings");
    let fine = listing(r#", "last_updated": "2025-05-01", "negative_feedback_ratio": 0.1"#);
    assert!(rules_as_of(&fine, "2025-06-01").is_empty());
    let bad = listing(r#", "negative_feedback_ratio": 3"#);
    assert!(rules_as_of(&bad, "2025-06-01").contains(&"field/invalid-date".into()));
}

#[test]
fn failing_reports_carry_the_enforcement_consequences() {
    let fail = check_json_str(
        &listing(r#", "description": "Ships a keylogger""#)
            .replace(r#""description": "A managed message broker image.","#, ""),
    );
    assert_eq!(fail.verdict, Verdict::Fail);
    let c = fail.consequences.expect("consequences on a failing report");
    assert!(c.actions.iter().any(|a| a.contains("Account suspension")));
    assert!(c.actions[0].contains("Denial of the listing"));
    let clauses: Vec<&str> = c.citations.iter().map(|c| c.clause.as_str()).collect();
    assert_eq!(
        clauses,
        vec![
            "Listing restrictions, item 5",
            "Enforcement Actions, paragraph 1"
        ]
    );
    assert!(check_json_str(&listing("")).consequences.is_none());
    // Not JSON: no listing, so nothing to enforce against.
    assert!(check_json_str("{oops").consequences.is_none());
}

#[test]
fn personal_data_is_explained_by_the_description_or_the_category() {
    let text = |description: &str, collected: &str| {
        format!(
            r#"{{"name": "Acme Tool", "description": "{description}", "delivery_format": "saas",
                "category": ["Software Infrastructure", "Application Development"],
                "saas": {{"url": "https://fleet.example.com"}},
                "urls": {{"privacy_policy": "https://fleet.example.com/privacy"}},
                "personal_data": {{"collected": [{collected}], "purpose": "Route planning."}}}}"#
        )
    };
    let rules = |t: String| -> Vec<String> {
        check_json_str(&t)
            .findings
            .into_iter()
            .map(|f| f.rule)
            .collect()
    };
    assert!(rules(text(
        "Fleet tracking with live GPS location.",
        r#""location""#
    ))
    .is_empty());
    assert!(rules(text("A build server for code.", r#""location""#))
        .contains(&"personal-data/unexplained".into()));
    // Email is expected of application development tools.
    assert!(rules(text("A build server.", r#""email""#)).is_empty());
    // Chinese descriptions explain too (no spaces between words).
    assert!(rules(text("车队实时定位与轨迹回放。", r#""location""#)).is_empty());
    assert!(rules(text("代码构建服务器。", r#""location""#))
        .contains(&"personal-data/unexplained".into()));
}

/// A trademark finding: path, message, span.
type MarkHit = (String, String, Option<(u32, u32)>);

#[test]
fn third_party_marks_in_names_need_authorization_unless_nominative() {
    let check = |name: &str, description: &str, extra: &str| -> Vec<MarkHit> {
        let text = format!(
            r#"{{"name": "{name}", "description": "{description}", "delivery_format": "saas",
                "category": ["Business Software", "Business Administration"],
                "saas": {{"url": "https://app.example.com"}},
                "vendor": {{"name": "Acme Ltd"}}{extra}}}"#
        );
        check_json_str(&text)
            .findings
            .into_iter()
            .filter(|f| f.rule == "trademark/unauthorized")
            .map(|f| (f.path, f.message, f.span.map(|s| (s.start, s.end))))
            .collect()
    };
    let hits = check("Acme Photoshop Cloud", "Edit images online.", "");
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].0, "/name");
    assert!(hits[0].1.contains("Adobe"), "{}", hits[0].1);
    assert_eq!(hits[0].2, Some((5, 14)));
    // Nominative use, in the name or the description, is fine.
    assert!(check(
        "Acme Backup for Microsoft 365",
        "Compatible with Windows Server and MySQL.",
        ""
    )
    .is_empty());
    assert!(check(
        "Acme Agent",
        "Runs on Windows; open windows in the dashboard.",
        ""
    )
    .is_empty());
    // "Official" in a description is a source claim.
    let official = check("Acme Desk", "The official Slack client for teams.", "");
    assert_eq!(official.len(), 1);
    assert_eq!(official[0].0, "/description");
    // The longest mark wins ("Windows Server", not also "Windows").
    assert_eq!(check("Acme Windows Server Images", "x", "").len(), 1);
    // An authorization or being the owner clears it.
    let declared = r#", "trademarks": [{"mark": "Photoshop", "owner": "Adobe Inc.", "authorization": "Adobe partner agreement 2026"}]"#;
    assert!(check("Acme Photoshop Cloud", "x", declared).is_empty());
    let undeclared = r#", "trademarks": [{"mark": "Photoshop", "owner": "Adobe Inc."}]"#;
    assert_eq!(check("Acme Photoshop Cloud", "x", undeclared).len(), 1);
    // The owner itself may use its marks.
    let own = check_json_str(
        r#"{"name": "Photoshop Cloud", "description": "x", "delivery_format": "saas",
            "category": ["Business Software", "Business Administration"],
            "saas": {"url": "https://app.example.com"}, "vendor": {"name": "Adobe Inc."}}"#,
    );
    assert!(own
        .findings
        .iter()
        .all(|f| f.rule != "trademark/unauthorized"));
}

#[test]
fn the_report_records_the_as_of_date_and_flags_dates_before_the_documents() {
    let with = |as_of: &str| report_as_of(&listing(""), as_of);
    let now = with("2026-11-23");
    assert_eq!(now.ruleset.as_of.as_deref(), Some("2026-11-23"));
    assert!(now.findings.is_empty(), "{:#?}", now.findings);
    let early = with("2022-06-01");
    let note = early
        .findings
        .iter()
        .find(|f| f.rule == "ruleset/not-in-force")
        .expect("a note for a date before the policy");
    assert!(
        note.message.contains("policy of 2023-01-13"),
        "{}",
        note.message
    );
    assert!(
        !note.message.contains("agreement"),
        "the 2019 agreement was in force"
    );
    assert_eq!(early.verdict, Verdict::Pass, "a note, not a failure");
    let bad = with("23/11/2026");
    assert_eq!(bad.findings[0].rule, "field/invalid-date");
    assert_eq!(bad.verdict, Verdict::Fail);
    assert!(check_json_str(&listing("")).ruleset.as_of.is_none());
}

#[test]
fn an_authorization_covers_the_marks_it_names_or_its_owner_holds() {
    let named = |trademarks: &str| {
        let text = format!(
            r#"{{"name": "Oracle Database Enterprise Image", "description": "A preconfigured database image.",
                "delivery_format": "image", "category": ["Software Infrastructure", "Operating Systems"],
                "image": {{"os": "Oracle Linux 9", "architecture": "x86_64"}}, "trademarks": {trademarks}}}"#
        );
        check_json_str(&text)
            .findings
            .iter()
            .any(|f| f.rule == "trademark/unauthorized")
    };
    assert!(named("[]"));
    // The declared mark names the listed one.
    assert!(!named(
        r#"[{"mark": "Oracle Database", "authorization": "OPN distribution agreement"}]"#
    ));
    // An authorization from the mark's owner.
    assert!(!named(
        r#"[{"mark": "MySQL", "owner": "Oracle Corporation", "authorization": "OPN distribution agreement"}]"#
    ));
    // Another owner's mark, or no authorization, covers nothing.
    assert!(named(
        r#"[{"mark": "PostgreSQL", "owner": "PostgreSQL Global Development Group", "authorization": "licence"}]"#
    ));
    assert!(named(
        r#"[{"mark": "Oracle Database", "authorization": " "}]"#
    ));
    // "Oracle" inside another word is not the mark.
    assert!(named(
        r#"[{"mark": "Oraclette", "authorization": "licence"}]"#
    ));
}

#[test]
fn joiners_and_direction_marks_of_ordinary_writing_are_not_flagged() {
    let flagged = |description: &str| {
        let text = listing(&format!(
            r#", "short_description": {}"#,
            serde_json::to_string(description).unwrap_or_default()
        ));
        check_json_str(&text)
            .findings
            .iter()
            .any(|f| f.rule == "text/invisible-character")
    };
    // Persian half-space, Devanagari conjunct control, RLM/LRM in Hebrew,
    // emoji sequences: writing, not disguise.
    assert!(!flagged("نیم\u{200C}فاصله"));
    assert!(!flagged("क्\u{200D}ष and क्\u{200C}ष"));
    assert!(!flagged("\u{200F}שלום 123\u{200E}"));
    assert!(!flagged("Built for developers 👨\u{200D}💻"));
    // The same characters splitting Latin words, or a mark in text with no
    // right-to-left letters, are still reported.
    assert!(flagged("key\u{200C}logger"));
    assert!(flagged("Zero\u{200B}width"));
    assert!(flagged("English \u{200F} text"));
}
