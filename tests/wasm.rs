//! The wasm surface agrees with the native one on every fixture, and never
//! throws on hostile JS values. Runs under `wasm-pack test` in Node and in
//! headless Chromium (WASM_BINDGEN_USE_BROWSER=1).
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]

mod common;

use common::fixtures::FIXTURES;
use listing_precheck::report::Report;
use listing_precheck::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn decode(value: JsValue) -> Report {
    serde_wasm_bindgen::from_value(value).expect("check returns a Report-shaped object")
}

#[wasm_bindgen_test]
fn fixtures_match_expected_reports_through_js() {
    for f in FIXTURES {
        let expected: Report = serde_json::from_str(f.report).expect("expected report parses");
        let from_text = decode(wasm::check(JsValue::from_str(f.listing), None));
        assert_eq!(from_text, expected, "{} (JSON text)", f.name);
        // The same listing as a JS object, when it is valid JSON.
        if let Ok(object) = js_sys::JSON::parse(f.listing) {
            if object.is_object() && !js_sys::Array::is_array(&object) {
                assert_eq!(
                    decode(wasm::check(object, None)),
                    expected,
                    "{} (JS object)",
                    f.name
                );
            }
        }
    }
}

#[wasm_bindgen_test]
fn check_json_bytes_equal_native_bytes_and_js_stringify() {
    for f in FIXTURES {
        let bytes = wasm::check_json(f.listing);
        assert_eq!(
            bytes,
            listing_precheck::check_json_to_json(f.listing),
            "{}",
            f.name
        );
        let stringified = js_sys::JSON::stringify(&wasm::check(JsValue::from_str(f.listing), None))
            .expect("stringify")
            .as_string()
            .expect("string");
        assert_eq!(
            stringified, bytes,
            "{}: JSON.stringify(check(x)) == checkJson(x)",
            f.name
        );
    }
}

#[wasm_bindgen_test]
fn check_markdown_is_the_native_markdown_and_never_throws() {
    for f in FIXTURES {
        let markdown =
            wasm::check_markdown(JsValue::from_str(f.listing), None, Some(f.name.into()));
        let native = listing_precheck::report::markdown::render(
            f.name,
            &listing_precheck::check_json_str(f.listing),
        );
        assert_eq!(markdown, native, "{}", f.name);
    }
    let hostile = wasm::check_markdown(JsValue::UNDEFINED, None, None);
    assert!(hostile.contains("input/"), "{hostile}");
}

fn only_rule(report: &Report) -> &str {
    assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
    &report.findings[0].rule
}

#[wasm_bindgen_test]
fn hostile_js_values_become_reports_not_exceptions() {
    assert_eq!(
        only_rule(&decode(wasm::check(JsValue::UNDEFINED, None))),
        "input/not-json"
    );
    assert_eq!(
        only_rule(&decode(wasm::check(JsValue::NULL, None))),
        "input/not-object"
    );
    assert_eq!(
        only_rule(&decode(wasm::check(JsValue::from_f64(42.0), None))),
        "input/not-object"
    );
    assert_eq!(
        only_rule(&decode(wasm::check(JsValue::from_bool(true), None))),
        "input/not-object"
    );

    let cyclic = js_sys::Object::new();
    js_sys::Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    assert_eq!(
        only_rule(&decode(wasm::check(cyclic.into(), None))),
        "input/not-json"
    );

    let with_bigint = js_sys::Object::new();
    js_sys::Reflect::set(
        &with_bigint,
        &"name".into(),
        &js_sys::BigInt::from(1u64).into(),
    )
    .unwrap();
    assert_eq!(
        only_rule(&decode(wasm::check(with_bigint.into(), None))),
        "input/not-json"
    );

    let func = js_sys::Function::new_no_args("return 1");
    assert_eq!(
        only_rule(&decode(wasm::check(func.into(), None))),
        "input/not-json"
    );

    // Prototype-pollution keys are plain unknown fields, and pollute nothing.
    let polluted = js_sys::JSON::parse(
        r#"{"__proto__": {"polluted": true}, "constructor": {"x": 1}, "name": "A"}"#,
    )
    .unwrap();
    let report = decode(wasm::check(polluted, None));
    let unknown: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == "input/unknown-field")
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(unknown, vec!["/__proto__", "/constructor"]);
    let probe = js_sys::Object::new();
    assert!(js_sys::Reflect::get(&probe, &"polluted".into())
        .unwrap()
        .is_undefined());

    // Lone surrogates from JS are reported with a location.
    let lone = JsValue::from_str("{\"name\": \"\\ud800\"}");
    let report = decode(wasm::check(lone, None));
    assert_eq!(only_rule(&report), "input/not-json");
    assert!(
        report.findings[0].message.contains("line 1"),
        "{}",
        report.findings[0].message
    );

    // The module is still fully usable afterwards.
    let ok = decode(wasm::check(
        JsValue::from_str(
            FIXTURES
                .iter()
                .find(|f| f.name == "valid-image")
                .unwrap()
                .listing,
        ),
        None,
    ));
    assert!(ok.findings.is_empty(), "{:#?}", ok.findings);
}

#[wasm_bindgen_test]
fn categories_and_version_are_plain_objects() {
    let tree: listing_precheck::policy::categories::CategoryTree =
        serde_wasm_bindgen::from_value(wasm::categories()).expect("tree");
    assert_eq!(&tree, listing_precheck::policy::categories::tree());
    let v: listing_precheck::VersionInfo =
        serde_wasm_bindgen::from_value(wasm::version()).expect("version");
    assert_eq!(v, listing_precheck::version());
}

#[wasm_bindgen_test]
fn contracting_entity_matches_native_and_never_throws() {
    use listing_precheck::contract::{resolve_json_str, ContractAnswer};
    for input in [
        r#"{"residence_country": "DE", "uses_marketplace": true}"#,
        r#"{"residence_country": "AU", "small_business": true}"#,
        r#"{"residence_country": "Atlantis"}"#,
        r#"{"residence_country": 5}"#,
        "not json",
    ] {
        let from_js: ContractAnswer =
            serde_wasm_bindgen::from_value(wasm::contracting_entity(JsValue::from_str(input)))
                .expect("answer");
        assert_eq!(from_js, resolve_json_str(input), "{input}");
        let object = js_sys::JSON::parse(input).unwrap_or(JsValue::UNDEFINED);
        let _: ContractAnswer = serde_wasm_bindgen::from_value(wasm::contracting_entity(object))
            .expect("answer for object");
    }
}

#[wasm_bindgen_test]
fn scan_matches_native_and_never_throws() {
    use listing_precheck::signals::{scan, ScanResult};
    for text in [
        "k e y l o g g e r included",
        "Our EDR detects ransomware",
        "免\u{200B}杀木马 and 𝐦𝐚𝐥𝐰𝐚𝐫𝐞",
        "",
    ] {
        let from_js: ScanResult =
            serde_wasm_bindgen::from_value(wasm::scan(JsValue::from_str(text))).expect("result");
        assert_eq!(from_js.signals, scan(text), "{text}");
        assert!(from_js.error.is_none());
    }
    // A lone surrogate from JS arrives as U+FFFD: same UTF-16 length, so
    // spans still index the JS string.
    let lone = js_sys::JSON::parse(r#""\ud800 crypto mining""#).expect("js string");
    let r: ScanResult = serde_wasm_bindgen::from_value(wasm::scan(lone)).expect("result");
    assert_eq!(r.signals.len(), 1);
    assert_eq!((r.signals[0].span.start, r.signals[0].span.end), (2, 15));
    for hostile in [JsValue::UNDEFINED, JsValue::NULL, JsValue::from_f64(3.0)] {
        let r: ScanResult = serde_wasm_bindgen::from_value(wasm::scan(hostile)).expect("result");
        assert!(r.signals.is_empty() && r.error.is_some());
    }
}

/// Set by the panic hook the hostile-input test installs.
static PANICKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[wasm_bindgen_test]
fn hostile_listings_match_native_bytes_and_never_reach_the_panic_hook() {
    use common::hostile::{cases, VALID};
    use std::sync::atomic::Ordering;
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        default_hook(info);
    }));
    for case in cases() {
        let native = listing_precheck::check_json_to_json(&case.text);
        assert_eq!(wasm::check_json(&case.text), native, "{}", case.name);
        let report = decode(wasm::check(JsValue::from_str(&case.text), None));
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.rule == case.rule && f.path == case.path),
            "{}",
            case.name
        );
        let ok = decode(wasm::check(JsValue::from_str(VALID), None));
        assert!(
            ok.findings.is_empty(),
            "after {}: {:#?}",
            case.name,
            ok.findings
        );
        if case.text.len() <= listing_precheck::input::limits::MAX_INPUT_BYTES {
            let _ = wasm::scan(JsValue::from_str(&case.text));
        }
    }
    assert!(!PANICKED.load(Ordering::SeqCst));
}

#[wasm_bindgen_test]
fn generated_listings_agree_with_native() {
    // A small deterministic generator (proptest does not run in wasm):
    // listings assembled from fragments that reach many rules.
    use common::fragments::FRAGMENTS;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for _ in 0..200 {
        let mut text = |k: usize| {
            (0..k)
                .map(|_| FRAGMENTS[next(FRAGMENTS.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let listing = serde_json::json!({
            "name": text(2),
            "description": text(6),
            "keywords": [text(1), text(1)],
            "delivery_format": text(1),
            "category": [text(2), text(2)],
            "vendor": {"country": text(1)},
            "urls": {"product": text(1)},
            "justifications": [{"rule": "signal/malware", "path": "/description", "reason": text(3)}],
        })
        .to_string();
        let native = listing_precheck::check_json_to_json(&listing);
        assert_eq!(wasm::check_json(&listing), native);
        let object = js_sys::JSON::parse(&listing).expect("valid JSON");
        let from_object = decode(wasm::check(object, None));
        assert_eq!(from_object.to_json(), native, "{listing}");
    }
}

#[wasm_bindgen_test]
fn options_disable_rules_and_bad_options_are_a_finding() {
    let listing = r#"{"name": "A", "description": "A hardened image.", "delivery_format": "image",
        "category": ["Software Infrastructure", "Operating Systems"],
        "image": {"os": "Ubuntu", "architecture": "x86_64"}, "urls": {"product": "http://a.example"}}"#;
    let plain = decode(wasm::check(JsValue::from_str(listing), None));
    assert_eq!(plain.verdict, listing_precheck::report::Verdict::Warn);
    let options = js_sys::JSON::parse(
        r#"{"disabled": [{"rule": "url/insecure", "reason": "internal mirror"}]}"#,
    )
    .expect("options");
    let quiet = decode(wasm::check(
        JsValue::from_str(listing),
        Some(options.unchecked_into()),
    ));
    assert_eq!(quiet.verdict, listing_precheck::report::Verdict::Pass);
    assert!(quiet.findings[0]
        .justified
        .as_deref()
        .is_some_and(|r| r.contains("internal mirror")));
    let bad = decode(wasm::check(
        JsValue::from_str(listing),
        Some(JsValue::from_f64(3.0).unchecked_into()),
    ));
    assert_eq!(only_rule(&bad), "input/wrong-type");
    let catalogue: Vec<listing_precheck::rules::RuleInfo> =
        serde_wasm_bindgen::from_value(wasm::rules()).expect("catalogue");
    assert_eq!(catalogue, listing_precheck::rules::catalogue());
}

#[wasm_bindgen_test]
fn infringement_reports_match_native_and_never_throw() {
    for text in [
        r#"{"kind": "report", "rights_holder": true}"#,
        r#"{"kind": "counter_notification"}"#,
        "not json",
    ] {
        let from_js = decode(wasm::check_infringement_report(JsValue::from_str(text)));
        assert_eq!(
            from_js,
            listing_precheck::ip_report::check_json_str(text),
            "{text}"
        );
    }
    let r = decode(wasm::check_infringement_report(JsValue::UNDEFINED));
    assert_eq!(only_rule(&r), "input/not-json");
}
