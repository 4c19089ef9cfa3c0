//! The hostile-input set (issue 10), shared by the native test
//! (`tests/hostile.rs`) and the wasm test (`tests/wasm.rs`), so both
//! surfaces are held to the same expectations.

/// One hostile input and what the report must say about it.
pub struct Hostile {
    /// What the case is.
    pub name: &'static str,
    /// The listing text.
    pub text: String,
    /// A rule that must be in the report.
    pub rule: &'static str,
    /// The path of that finding (`""` for the whole input).
    pub path: &'static str,
}

/// A valid listing with `field` (a JSON member, e.g. `"name": 1`) replacing
/// its name.
fn with(member: &str) -> String {
    format!(
        r#"{{{member}, "description": "A hardened image.", "delivery_format": "image",
            "category": ["Software Infrastructure", "Operating Systems"],
            "image": {{"os": "Ubuntu", "architecture": "x86_64"}}}}"#
    )
}

/// Every hostile case.
pub fn cases() -> Vec<Hostile> {
    let case = |name, text: String, rule, path| Hostile {
        name,
        text,
        rule,
        path,
    };
    vec![
        case("not JSON", "name: Acme".into(), "input/not-json", ""),
        case("empty", "   \n".into(), "input/not-json", ""),
        case(
            "trailing garbage",
            format!("{} extra", with(r#""name": "A""#)),
            "input/not-json",
            "",
        ),
        case(
            "a bare string",
            "\"listing\"".into(),
            "input/not-object",
            "",
        ),
        case(
            "number where a string belongs",
            with(r#""name": 42"#),
            "input/wrong-type",
            "/name",
        ),
        case(
            "object where a string belongs",
            with(r#""name": {"en": "A"}"#),
            "input/wrong-type",
            "/name",
        ),
        case(
            "string where an array belongs",
            with(r#""name": "A", "keywords": "a, b""#),
            "input/wrong-type",
            "/keywords",
        ),
        case(
            "duplicate key",
            with(r#""name": "Harmless", "name": "Other""#),
            "input/duplicate-key",
            "/name",
        ),
        case(
            "duplicate key in a nested object",
            with(r#""name": "A", "vendor": {"country": "DE", "country": "US"}"#),
            "input/duplicate-key",
            "/vendor/country",
        ),
        case(
            "10 MB string field",
            with(&format!(r#""name": "{}""#, "a".repeat(10 * 1024 * 1024))),
            "input/too-large",
            "",
        ),
        case(
            "100k keywords",
            with(&format!(
                r#""name": "A", "keywords": [{}]"#,
                vec!["\"k\""; 100_000].join(",")
            )),
            "field/too-many",
            "/keywords",
        ),
        case(
            "100k wrong-typed keywords",
            with(&format!(
                r#""name": "A", "keywords": [{}]"#,
                vec!["1"; 100_000].join(",")
            )),
            "input/wrong-type",
            "/keywords",
        ),
        case(
            "20k unknown fields",
            with(&format!(
                r#""name": "A", {}"#,
                (0..20_000)
                    .map(|i| format!("\"x{i}\": 1"))
                    .collect::<Vec<_>>()
                    .join(",")
            )),
            "input/unknown-field",
            "",
        ),
        case(
            "10,000-deep arrays",
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
            "input/too-deep",
            "",
        ),
        case(
            "10,000-deep objects in a field",
            with(&format!(
                r#""name": {}1{}"#,
                r#"{"a":"#.repeat(10_000),
                "}".repeat(10_000)
            )),
            "input/too-deep",
            "",
        ),
        case(
            "lone surrogate escape",
            with(r#""name": "\ud800""#),
            "input/not-json",
            "",
        ),
        case(
            "NUL and control characters",
            with(r#""name": "Acme\u0000Tool\u0007""#),
            "text/control-character",
            "/name",
        ),
        case(
            "raw control character in a string",
            with("\"name\": \"Acme\u{1}\""),
            "input/not-json",
            "",
        ),
        case(
            "bidi override in the name",
            with("\"name\": \"Acme \u{202E}exe.gpj\""),
            "text/bidi-control",
            "/name",
        ),
        case(
            "zero-width characters in the name",
            with("\"name\": \"Ac\u{200B}me\""),
            "text/invisible-character",
            "/name",
        ),
        case(
            "prototype-pollution keys",
            with(
                r#""name": "A", "__proto__": {"polluted": true}, "constructor": {"prototype": 1}"#,
            ),
            "input/unknown-field",
            "/__proto__",
        ),
        case(
            "number out of range",
            with(&format!(r#""name": {}"#, "9".repeat(5000))),
            "input/not-json",
            "",
        ),
    ]
}

/// A valid listing to check after each hostile one: the module must still
/// give its correct (empty) report.
pub const VALID: &str = r#"{"name": "Acme Hardened Image", "description": "A CIS hardened Ubuntu image.",
  "delivery_format": "image", "category": ["Software Infrastructure", "Operating Systems"],
  "image": {"os": "Ubuntu 24.04", "architecture": "x86_64"}}"#;
