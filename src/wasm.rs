//! The JavaScript binding: converts, delegates to the core, converts back.
//!
//! Every function takes plain JS values (or JSON text), never throws on bad
//! input and returns plain JS objects shaped as the TypeScript types
//! generated from the core's Rust types. Input objects are turned into JSON
//! text with `JSON.stringify` and checked by the same code path as the CLI,
//! so both surfaces produce the same report.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::report::Report;

/// Installs the panic hook once, when the module is instantiated, so a bug
/// shows a clear message in the console rather than `unreachable`.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Converts a core answer to a plain JS object (maps become objects,
/// absent values are left out), the shape the `.d.ts` types describe.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap_or_else(|_| {
        js_sys::JSON::parse(&crate::report::to_json(value)).unwrap_or(JsValue::NULL)
    })
}

/// JSON text for a JS value: strings are taken as JSON text as they are,
/// anything else goes through `JSON.stringify`.
fn json_text(value: &JsValue) -> Result<String, Report> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    if value.is_undefined() {
        return Err(crate::unreadable_input("no listing was given (undefined)"));
    }
    match js_sys::JSON::stringify(value) {
        Ok(s) => s.as_string().ok_or_else(|| {
            crate::unreadable_input("the value has no JSON form (a function or symbol?)")
        }),
        Err(e) => {
            let reason = js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_default();
            Err(crate::unreadable_input(&format!(
                "JSON.stringify failed: {reason}"
            )))
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// The JS value of check()'s optional options (typed `CheckOptions` in
    /// TypeScript; read with serde, so any value is accepted and checked).
    #[wasm_bindgen(typescript_type = "CheckOptions")]
    pub type CheckOptionsValue;
}

/// Checks a listing (a plain object or JSON text) and returns the report.
/// `options` (optional): `{ as_of, disabled: [{ rule, reason }] }`.
/// Never throws: malformed input is reported as `input/*` findings, and
/// unreadable options as one `input/wrong-type` finding.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "Listing | string")] listing: JsValue,
    options: Option<CheckOptionsValue>,
) -> JsValue {
    to_js(&check_value(&listing, options))
}

/// The report for a listing given as a JS value, with options read from JS.
fn check_value(listing: &JsValue, options: Option<CheckOptionsValue>) -> Report {
    match read_options(options) {
        Ok(options) => match json_text(listing) {
            Ok(text) => crate::check_json_str_with(&text, &options),
            Err(report) => report,
        },
        Err(report) => report,
    }
}

/// The check options, or a report saying why they cannot be read.
fn read_options(options: Option<CheckOptionsValue>) -> Result<crate::CheckOptions, Report> {
    let options = options.map(JsValue::from);
    match options.filter(|o| !o.is_undefined() && !o.is_null()) {
        None => Ok(crate::CheckOptions::default()),
        Some(options) => serde_wasm_bindgen::from_value(options).map_err(|e| {
            Report::from_findings(vec![crate::report::Finding::new(
                crate::rules::Rule::InputWrongType,
                "",
                format!("The check options cannot be read: {e}."),
            )
            .help("Pass options as { as_of: \"YYYY-MM-DD\", disabled: [{ rule, reason }], lang: \"en\" | \"zh\" } or leave them out.")])
        }),
    }
}

/// The rule catalogue: every rule's id, default severity, summary and
/// quoted clause.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> JsValue {
    to_js(&crate::rules::catalogue())
}

/// Checks a listing given as JSON text and returns the report as JSON text:
/// byte for byte what the CLI prints.
#[wasm_bindgen(js_name = checkJson)]
pub fn check_json(text: &str) -> String {
    crate::check_json_to_json(text)
}

/// The prohibited-content signals in one string (for live highlighting as
/// the user types). Spans are UTF-16 offsets into `text`. Never throws: a
/// non-string gives `{ signals: [], error }`.
#[wasm_bindgen(unchecked_return_type = "ScanResult")]
pub fn scan(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> JsValue {
    let result = match text.as_string() {
        Some(t) => crate::signals::ScanResult {
            signals: crate::signals::scan(&t),
            error: None,
        },
        None => crate::signals::ScanResult {
            signals: Vec::new(),
            error: Some("scan expects a string".into()),
        },
    };
    to_js(&result)
}

/// Checks a listing like [`check`] and returns the report as Markdown,
/// ready for a pull-request comment or a file: the same text as the CLI's
/// `--format markdown`. `source` names the listing in the heading. Never
/// throws.
#[wasm_bindgen(js_name = checkMarkdown)]
pub fn check_markdown(
    #[wasm_bindgen(unchecked_param_type = "Listing | string")] listing: JsValue,
    options: Option<CheckOptionsValue>,
    source: Option<String>,
) -> String {
    let report = check_value(&listing, options);
    crate::report::markdown::render(source.as_deref().unwrap_or("listing"), &report)
}

/// The kinds of personal data `personal_data.collected` may name.
#[wasm_bindgen(js_name = personalDataKinds, unchecked_return_type = "string[]")]
pub fn personal_data_kinds() -> JsValue {
    to_js(&crate::rules::personal_data::kinds())
}

/// The category tree of Policy §1 with its provenance and ambiguities.
#[wasm_bindgen(unchecked_return_type = "CategoryTree")]
pub fn categories() -> JsValue {
    to_js(crate::policy::categories::tree())
}

/// The package and ruleset versions.
#[wasm_bindgen(unchecked_return_type = "VersionInfo")]
pub fn version() -> JsValue {
    to_js(&crate::version())
}

/// Resolves the contracting entity, addenda and effective terms for a
/// vendor (a plain object or JSON text). Never throws: bad input is
/// `{ type: "failure", errors }`.
#[wasm_bindgen(js_name = contractingEntity, unchecked_return_type = "ContractAnswer")]
pub fn contracting_entity(
    #[wasm_bindgen(unchecked_param_type = "ContractInput | string")] input: JsValue,
) -> JsValue {
    match json_text(&input) {
        Ok(text) => to_js(&crate::contract::resolve_json_str(&text)),
        Err(report) => to_js(&crate::contract::ContractAnswer::Failure {
            errors: report.findings,
        }),
    }
}

/// Checks an intellectual-property infringement report or a
/// counter-notification (a plain object or JSON text) against the items
/// the policy requires. Never throws: problems are findings.
#[wasm_bindgen(js_name = checkInfringementReport, unchecked_return_type = "Report")]
pub fn check_infringement_report(
    #[wasm_bindgen(unchecked_param_type = "object | string")] submission: JsValue,
) -> JsValue {
    let report = match json_text(&submission) {
        Ok(text) => crate::ip_report::check_json_str(&text),
        Err(report) => report,
    };
    to_js(&report)
}
