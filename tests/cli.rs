//! The CLI prints the core's exact bytes and follows its exit-code contract.
#![cfg(all(feature = "cli", not(target_arch = "wasm32")))]

mod common;

use common::cli::run;
use common::fixtures::FIXTURES;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/{name}.listing.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn json_output_is_the_core_bytes_for_every_fixture() {
    for f in FIXTURES {
        let out = run(&["check", &fixture(f.name)], b"");
        let expected = listing_precheck::check_json_to_json(f.listing) + "\n";
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{}", f.name);
        // Exit 1 when the verdict fails: justified errors do not count.
        let fails = listing_precheck::check_json_str(f.listing).verdict
            == listing_precheck::report::Verdict::Fail;
        assert_eq!(
            out.status.code(),
            Some(if fails { 1 } else { 0 }),
            "{}",
            f.name
        );
    }
}

#[test]
fn exit_codes() {
    assert_eq!(
        run(&["check", &fixture("valid-image")], b"").status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["check", &fixture("image-with-saas-section")], b"")
            .status
            .code(),
        Some(0),
        "warnings only"
    );
    assert_eq!(
        run(&["check", &fixture("container")], b"").status.code(),
        Some(1)
    );
    let missing = run(&["check", "/nonexistent/listing.json"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/listing.json"));
    assert_eq!(run(&["check"], b"").status.code(), Some(2), "usage error");
    assert_eq!(
        run(&["frobnicate"], b"").status.code(),
        Some(2),
        "usage error"
    );
}

#[test]
fn stdin_single_listing_and_json_lines() {
    let one = run(&["check", "-"], FIXTURES[0].listing.as_bytes());
    assert_eq!(
        String::from_utf8_lossy(&one.stdout),
        listing_precheck::check_json_to_json(FIXTURES[0].listing) + "\n"
    );

    let lines = b"{\"name\":\"A\"}\n\nnot json\n{\"name\":\"B\",\"description\":\"d\",\"delivery_format\":\"image\",\"category\":[\"Software Infrastructure\",\"Operating Systems\"],\"image\":{\"os\":\"Debian 12\",\"architecture\":\"arm64\"}}\n";
    let out = run(&["check", "-"], lines);
    let text = String::from_utf8_lossy(&out.stdout);
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(
        records.len(),
        3,
        "blank line skipped, bad line reported, nothing lost"
    );
    assert_eq!(
        records
            .iter()
            .map(|r| r["line"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        vec![1, 3, 4]
    );
    assert_eq!(
        records[1]["report"]["findings"][0]["rule"],
        "input/not-json"
    );
    assert_eq!(records[2]["report"]["verdict"], "pass");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn invalid_utf8_is_a_located_finding() {
    let out = run(&["check", "-"], b"{\"name\": \"caf\xe9\"}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report");
    let message = report["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("invalid UTF-8 at byte 13"), "{message}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn text_format_and_categories() {
    let out = run(&["check", "--format", "text", &fixture("container")], b"");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("FAIL (1 error(s)"), "{text}");
    assert!(
        text.contains("error[delivery-format/unsupported] /delivery_format"),
        "{text}"
    );
    assert!(
        text.contains(
            "see: Product Listing and Intellectual Property Enforcement Policy (2023-01-13)"
        ),
        "{text}"
    );

    let cats = run(&["categories", "--format", "json"], b"");
    let tree: listing_precheck::policy::categories::CategoryTree =
        serde_json::from_slice(&cats.stdout).expect("tree");
    assert_eq!(&tree, listing_precheck::policy::categories::tree());
    let text = String::from_utf8_lossy(&run(&["categories"], b"").stdout).to_string();
    assert!(text.contains("China Gateway  (uncertain reading"), "{text}");
}

#[test]
fn entity_subcommand() {
    let out = run(&["entity", "--residence", "DE", "--marketplace"], b"");
    assert_eq!(out.status.code(), Some(0));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(answer["type"], "success");
    assert_eq!(answer["entity"]["name"], "Alibaba.com (Europe) Limited");
    let input = listing_precheck::contract::ContractInput {
        residence_country: "DE".into(),
        uses_marketplace: Some(true),
        ..Default::default()
    };
    let expected =
        listing_precheck::report::to_json(&listing_precheck::contract::resolve(&input)) + "\n";
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        expected,
        "same bytes as the core"
    );

    let text = run(
        &[
            "entity",
            "--residence",
            "AU",
            "--small-business",
            "yes",
            "--format",
            "text",
        ],
        b"",
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("You contract with Alibaba Cloud (Singapore) Private Limited."),
        "{text}"
    );
    assert!(
        text.contains("non-exclusive jurisdiction of the courts of New South Wales"),
        "{text}"
    );

    let bad = run(&["entity", "--residence", "Atlantis"], b"");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stdout).contains("/residence_country"));
}

#[test]
fn scan_streams_json_lines_and_reports_bad_lines_by_number() {
    let input = "{\"id\": 1, \"text\": \"k e y l o g g e r included\"}\n\n{\"id\": \"b\", \"text\": \"plain text\"}\nnot json\n{\"id\": 4}\n";
    let out = run(&["scan"], input.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(2),
        "a bad line makes the run exit 2"
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one output line per non-blank input line");
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["signals"][0]["class"], "malware");
    assert_eq!(lines[0]["signals"][0]["term"], "keylogger");
    assert_eq!(lines[0]["signals"][0]["span"]["end"], 17);
    assert_eq!(lines[1]["signals"].as_array().map(Vec::len), Some(0));
    assert!(lines[2]["error"].as_str().unwrap().starts_with("line 4:"));
    assert_eq!(lines[3]["id"], 4);
    assert!(lines[3]["error"].as_str().unwrap().contains("\"text\""));

    let clean = run(
        &["scan", "-"],
        b"{\"id\": 1, \"text\": \"hardened ubuntu\"}\n",
    );
    assert_eq!(clean.status.code(), Some(0));
    let hit = run(&["scan"], b"{\"text\": \"bitcoin mining rig\"}\n");
    assert_eq!(hit.status.code(), Some(1));
}

#[test]
fn lang_zh_puts_the_chinese_rule_summary_before_each_message() {
    let zh = run(
        &[
            "check",
            "--lang",
            "zh",
            "--format",
            "text",
            &fixture("container"),
        ],
        b"",
    );
    let text = String::from_utf8_lossy(&zh.stdout);
    assert!(
        text.contains("商品必须以镜像或 SaaS 方式交付。 — \"container\""),
        "{text}"
    );
    let en = run(&["check", "--format", "text", &fixture("container")], b"");
    assert!(!String::from_utf8_lossy(&en.stdout).contains("商品"));
    // The JSON carries the same findings, only the messages differ.
    let zh: serde_json::Value =
        serde_json::from_slice(&run(&["check", "--lang", "zh", &fixture("container")], b"").stdout)
            .expect("json");
    let en: serde_json::Value =
        serde_json::from_slice(&run(&["check", &fixture("container")], b"").stdout).expect("json");
    assert_eq!(zh["verdict"], en["verdict"]);
    assert_eq!(zh["findings"][0]["rule"], en["findings"][0]["rule"]);
    assert!(zh["findings"][0]["message"]
        .as_str()
        .is_some_and(|m| m.ends_with(en["findings"][0]["message"].as_str().unwrap_or("?"))));
    let bad = run(&["check", "--lang", "fr", &fixture("container")], b"");
    assert_eq!(
        bad.status.code(),
        Some(2),
        "an unknown language is a usage error"
    );
}
