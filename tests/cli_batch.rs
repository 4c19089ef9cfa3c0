//! The CLI's batch side (issue 9): JSON Lines in any size with ids carried
//! through and order kept on many threads, every output format, --fail-on,
//! --disable with a reason, --as-of, and oversized lines.
#![cfg(all(feature = "cli", not(target_arch = "wasm32")))]

mod common;

use common::cli::run;

use std::process::Output;

/// A valid listing with this id and description, as one JSON line.
fn listing(id: &str, description: &str) -> String {
    serde_json::json!({
        "id": id, "name": "Acme Tool", "description": description,
        "delivery_format": "image",
        "category": ["Software Infrastructure", "Operating Systems"],
        "image": {"os": "Ubuntu", "architecture": "x86_64"},
    })
    .to_string()
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn many_listings_keep_their_order_and_ids_on_every_thread_count() {
    let input: String = (0..1500)
        .map(|i| {
            let text = if i % 7 == 0 {
                "Bundled keygen and cracked licences"
            } else {
                "A hardened image."
            };
            listing(&format!("L{i}"), text) + "\n"
        })
        .collect();
    let one = run(&["check", "--jsonl", "-j", "1", "-"], input.as_bytes());
    let four = run(&["check", "--jsonl", "-j", "4", "-"], input.as_bytes());
    assert_eq!(one.stdout, four.stdout, "output does not depend on --jobs");
    let records = lines(&four);
    assert_eq!(records.len(), 1500);
    for (i, r) in records.iter().enumerate() {
        assert_eq!(r["line"], i + 1);
        assert_eq!(r["report"]["id"], format!("L{i}"));
        let expected = if i % 7 == 0 { "fail" } else { "pass" };
        assert_eq!(r["report"]["verdict"], expected, "line {}", i + 1);
    }
    assert_eq!(four.status.code(), Some(1));
}

#[test]
fn an_oversized_or_broken_line_is_reported_by_number_and_the_run_goes_on() {
    let huge = format!("{{\"name\": \"{}\"}}", "a".repeat(2 * 1024 * 1024));
    let input = format!(
        "{}\n{huge}\n{{oops\n{}\n",
        listing("a", "ok"),
        listing("b", "ok")
    );
    let out = run(&["check", "--format", "jsonl", "-"], input.as_bytes());
    let records = lines(&out);
    assert_eq!(records.len(), 4);
    assert_eq!(records[1]["line"], 2);
    assert_eq!(
        records[1]["report"]["findings"][0]["rule"],
        "input/too-large"
    );
    let message = records[1]["report"]["findings"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains(&huge.len().to_string()), "{message}");
    assert_eq!(
        records[2]["report"]["findings"][0]["rule"],
        "input/not-json"
    );
    assert_eq!(records[3]["report"]["verdict"], "pass");
}

#[test]
fn fail_on_warning_and_disabled_rules() {
    let warn = serde_json::json!({
        "name": "Acme Tool", "description": "A hardened image.", "delivery_format": "image",
        "category": ["Software Infrastructure", "Operating Systems"],
        "image": {"os": "Ubuntu", "architecture": "x86_64"},
        "urls": {"product": "http://acme.example.com"},
    })
    .to_string();
    assert_eq!(run(&["check", "-"], warn.as_bytes()).status.code(), Some(0));
    assert_eq!(
        run(&["check", "--fail-on", "warning", "-"], warn.as_bytes())
            .status
            .code(),
        Some(1)
    );
    let disabled = run(
        &[
            "check",
            "--fail-on",
            "warning",
            "--disable",
            "url/insecure",
            "--reason",
            "internal mirror",
            "-",
        ],
        warn.as_bytes(),
    );
    assert_eq!(disabled.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&disabled.stdout).expect("report");
    assert_eq!(report["verdict"], "pass");
    assert_eq!(report["findings"][0]["rule"], "url/insecure");
    assert!(report["findings"][0]["justified"]
        .as_str()
        .is_some_and(|r| r.contains("internal mirror")));

    // A prefix switches off a family; errors too (the caller decides).
    let malware = listing("m", "Ships a keylogger");
    let off = run(
        &[
            "check",
            "--disable",
            "signal/",
            "--reason",
            "reviewed by hand",
            "-",
        ],
        malware.as_bytes(),
    );
    assert_eq!(off.status.code(), Some(0));

    // Usage errors: no reason, unknown rule (with a suggestion), bad date.
    let no_reason = run(&["check", "--disable", "url/insecure", "-"], b"");
    assert_eq!(no_reason.status.code(), Some(2));
    let unknown = run(
        &["check", "--disable", "url/insecur", "--reason", "x", "-"],
        b"",
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("url/insecure"));
    let bad_date = run(&["check", "--as-of", "23/11/2026", "-"], b"");
    assert_eq!(bad_date.status.code(), Some(2));
    let dated = run(&["check", "--as-of", "2022-06-01", "-"], warn.as_bytes());
    let report: serde_json::Value = serde_json::from_slice(&dated.stdout).expect("report");
    assert_eq!(report["ruleset"]["as_of"], "2022-06-01");
    assert!(report["findings"]
        .as_array()
        .is_some_and(|f| f.iter().any(|f| f["rule"] == "ruleset/not-in-force")));
}

#[test]
fn text_markdown_and_sarif_formats() {
    let input = format!(
        "{}\n{}\n",
        listing("clean", "A hardened image."),
        listing("bad", "Includes a k3yl0gg3r | and <b>markup</b>")
    );
    let text = run(
        &["check", "--format", "text", "--jsonl", "-"],
        input.as_bytes(),
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("<stdin>:1: PASS"), "{text}");
    assert!(text.contains("<stdin>:2: FAIL"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );

    let md = run(
        &["check", "--format", "markdown", "--jsonl", "-"],
        input.as_bytes(),
    );
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("### `<stdin>:2` — ❌ fail"), "{md}");
    assert!(md.contains("| `signal/malware` |"), "{md}");
    assert!(
        md.contains("**2 listing(s) checked: 1 fail, 0 warn, 1 pass.**"),
        "{md}"
    );
    assert!(!md.contains("<b>"), "listing text is escaped in Markdown");

    let out = run(
        &["check", "--format", "sarif", "--jsonl", "-"],
        input.as_bytes(),
    );
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one SARIF document");
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), listing_precheck::rules::Rule::ALL.len());
    let results = run0["results"].as_array().expect("results");
    let malware = results
        .iter()
        .find(|r| r["ruleId"] == "signal/malware")
        .expect("a malware result");
    let index = malware["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
    assert_eq!(rules[index]["id"], "signal/malware");
    assert_eq!(malware["level"], "error");
    let location = &malware["locations"][0];
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 2);
    assert_eq!(
        location["logicalLocations"][0]["fullyQualifiedName"],
        "bad#/description"
    );
    assert!(rules[index]["help"]["text"]
        .as_str()
        .unwrap_or_default()
        .contains("Trojans"));
}

#[test]
fn each_batch_report_is_the_library_report_byte_for_byte_across_many_vendors() {
    // More vendor countries than the CLI keeps serialised contracts for
    // (and the core keeps resolved answers for), repeating, with an
    // unknown country among them: every line's report must be exactly the
    // library's JSON for that listing.
    let countries = [
        "DE", "US", "IN", "MY", "SG", "AU", "FR", "GB", "JP", "BR", "TR", "CN", "Atlantis", "NL",
        "CH", "PR", "RE", "KR", "ZA", "CA",
    ];
    let listings: Vec<String> = (0..120)
        .map(|i| {
            let mut v: serde_json::Value = serde_json::from_str(&listing(&format!("L{i}"), "A hardened image.")).unwrap();
            v["vendor"] = serde_json::json!({"name": "Acme", "country": countries[(i * 7) % countries.len()]});
            if i % 5 == 0 {
                v["vendor"]["billing_country"] = serde_json::json!(countries[i % countries.len()]);
            }
            v.to_string()
        })
        .collect();
    let input: String = listings.iter().map(|l| format!("{l}\n")).collect();
    for jobs in ["1", "2"] {
        let out = run(&["check", "--jsonl", "-j", jobs, "-"], input.as_bytes());
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let got: Vec<&str> = text.lines().collect();
        assert_eq!(got.len(), listings.len());
        for (line, listing) in got.iter().zip(&listings) {
            let want = listing_precheck::check_json_to_json(listing);
            let report_at = line.find(",\"report\":").expect("a report") + ",\"report\":".len();
            assert_eq!(&line[report_at..line.len() - 1], want, "-j {jobs}");
        }
    }
}
