//! # listing-precheck
//!
//! Checks a cloud-marketplace product listing against the marketplace's
//! *Product Listing and Intellectual Property Enforcement Policy* and
//! *Membership Agreement*, offline, and cites the clause behind every answer.
//!
//! ## Overview
//!
//! - [`input`]: the listing (schema v1) and its located, never-failing parser.
//! - [`rules`]: every check, with ids, severities and clauses in one table.
//! - [`policy`]: the documents, clause quotes and category tree (embedded data).
//! - [`report`]: the report every surface returns, byte for byte the same.
//!
//! The WebAssembly binding (`wasm` feature) and the CLI (`cli` feature) are
//! thin layers over [`check_json_str`].
//!
//! ## Example
//!
//! ```
//! let report = listing_precheck::check_json_str(r#"{
//!     "name": "Acme Hardened Ubuntu",
//!     "description": "CIS-hardened Ubuntu image.",
//!     "delivery_format": "container",
//!     "category": ["Software Infrastructure", "Operating Systems"]
//! }"#);
//! assert_eq!(report.verdict, listing_precheck::report::Verdict::Fail);
//! assert_eq!(report.findings[0].rule, "delivery-format/unsupported");
//! assert_eq!(report.findings[0].path, "/delivery_format");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod contract;
pub mod input;
pub mod ip_report;
pub mod policy;
pub mod report;
pub mod rules;
pub mod signals;

#[cfg(feature = "wasm")]
pub mod wasm;

use report::{Finding, Report};

/// The crate version and the ruleset version, as `version()` returns them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct VersionInfo {
    /// Version of this package.
    pub package: String,
    /// Version of the policy data.
    pub ruleset: String,
}

/// This package's and its ruleset's versions.
pub fn version() -> VersionInfo {
    VersionInfo {
        package: env!("CARGO_PKG_VERSION").to_string(),
        ruleset: policy::RULESET_VERSION.to_string(),
    }
}

/// Options of a check beyond the listing itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct CheckOptions {
    /// Date (YYYY-MM-DD) the terms are wanted for; passed to the contract
    /// resolution. Nothing in the core reads the clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub as_of: Option<String>,
    /// Rules switched off by the caller, each with the reason. A rule id or
    /// a prefix ending in `/` (`signal/`). Their findings stay in the report,
    /// marked `justified` with the reason, and no longer count for the verdict.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub disabled: Vec<DisabledRule>,
    /// Language of the findings' messages: `en` (default) or `zh`, which
    /// puts the rule's Chinese summary before each English message. Any
    /// other value is read as `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub lang: Option<String>,
}

/// A rule (or rule-id prefix) switched off for a run, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct DisabledRule {
    /// Rule id (`url/insecure`) or prefix ending in `/` (`signal/`).
    pub rule: String,
    /// Why it is off (required: it is shown on every finding it hides).
    pub reason: String,
}

impl DisabledRule {
    /// Whether this entry names a known rule or a prefix of one.
    pub fn is_known(&self) -> bool {
        rules::Rule::ALL.iter().any(|r| self.covers(r.meta().id))
    }

    fn covers(&self, id: &str) -> bool {
        if self.rule.ends_with('/') {
            id.starts_with(&self.rule)
        } else {
            id == self.rule
        }
    }
}

/// Checks one listing given as JSON text. Never fails or panics on bad
/// input: malformed JSON, wrong types and oversized input come back as
/// `input/*` findings in the report.
pub fn check_json_str(text: &str) -> Report {
    check_json_str_with(text, &CheckOptions::default())
}

/// [`check_json_str`] with options (as-of date, rules switched off). The
/// ruleset applied is the latest in force on `as_of` (the latest of all
/// without one); the report names it.
pub fn check_json_str_with(text: &str, options: &CheckOptions) -> Report {
    let as_of = options.as_of.as_deref();
    let date = as_of.and_then(input::date::Date::parse);
    let (rs, not_yet) = policy::ruleset::select(date);
    let in_force = as_of.and_then(|a| ruleset_in_force(a, date, &not_yet));
    let mut report = check_parsed(text, options, rs, in_force);
    if rs != policy::Ruleset::latest() {
        for f in &mut report.findings {
            f.citation = policy::recite(&f.citation, rs);
        }
    }
    report.ruleset.version = rs.id().to_string();
    report.ruleset.as_of = options.as_of.clone();
    if options.lang.as_deref() == Some("zh") {
        for f in &mut report.findings {
            if let Some(rule) = rules::Rule::from_id(&f.rule) {
                let zh = rules::catalogue::summary(rule, rules::catalogue::Lang::Zh);
                f.message = format!("{zh} — {}", f.message);
            }
        }
    }
    if !options.disabled.is_empty() {
        for f in &mut report.findings {
            if let Some(d) = options.disabled.iter().find(|d| d.covers(&f.rule)) {
                f.justified = Some(format!("rule disabled for this run: {}", d.reason));
            }
        }
        report.verdict = report::verdict_of(&report.findings);
        if report.consequences.is_some() {
            report.consequences = report::consequences_of(report.verdict, rs);
        }
    }
    report
}

fn check_parsed(
    text: &str,
    options: &CheckOptions,
    rs: policy::Ruleset,
    in_force: Option<Finding>,
) -> Report {
    let parsed = input::parse(text);
    let mut findings: Vec<Finding> = parsed.findings;
    findings.extend(in_force);
    if let Some(listing) = &parsed.listing {
        let mut found = Vec::new();
        rules::run(listing, options.as_of.as_deref(), rs, &mut found);
        // A field dropped for its wrong type is not also "missing".
        let wrong: Vec<String> = findings
            .iter()
            .filter(|f| f.rule == rules::Rule::InputWrongType.meta().id)
            .map(|f| f.path.clone())
            .collect();
        let missing = rules::Rule::FieldMissing.meta().id;
        found.retain(|f| !(f.rule == missing && wrong.contains(&f.path)));
        findings.append(&mut found);
        let (contract, mut contract_findings) = contract_of(listing, options.as_of.as_deref());
        findings.append(&mut contract_findings);
        if let Some(c) = contract.as_deref() {
            gdpr_pointer(listing, c, &mut findings);
        }
        rules::justifications::apply(listing, &mut findings);
        let mut report = Report::from_findings(findings);
        report.contract = contract;
        report.id = listing.id.clone();
        report.consequences = report::consequences_of(report.verdict, rs);
        return report;
    }
    Report::from_findings(findings)
}

/// An info finding when `as_of` precedes documents of the applied ruleset
/// (`not_yet`: key and version; no earlier version is known, so this one
/// is applied), or an error when it is not a date (`date`, its reading, is
/// `None`).
fn ruleset_in_force(
    as_of: &str,
    date: Option<input::date::Date>,
    not_yet: &[(String, String)],
) -> Option<Finding> {
    if date.is_none() {
        return Some(
            Finding::new(
                rules::Rule::FieldInvalidDate,
                "",
                format!("The check's as_of date \"{as_of}\" is not of the form YYYY-MM-DD."),
            )
            .help("Pass as_of as YYYY-MM-DD, e.g. 2026-11-23."),
        );
    }
    let latest: Vec<String> = not_yet
        .iter()
        .map(|(key, version)| format!("{key} of {version}"))
        .collect();
    (!latest.is_empty()).then(|| {
        Finding::new(
            rules::Rule::RulesetNotInForce,
            "",
            format!(
                "On {as_of} the {} was not yet in force; no earlier version is known to this checker, so it was applied.",
                latest.join(" and the ")
            ),
        )
        .help("Check against the documents in force on that date yourself, or use a later as_of.")
    })
}

/// A vendor resident in Europe that collects personal data gets a pointer
/// to the GDPR Addendum.
fn gdpr_pointer(listing: &input::Listing, c: &contract::ContractResult, out: &mut Vec<Finding>) {
    let collects = listing
        .personal_data
        .as_ref()
        .is_some_and(|p| p.collected.iter().any(|k| !k.trim().is_empty()));
    if collects && c.residence.region == contract::Region::Europe {
        out.push(
            Finding::new(
                rules::Rule::PersonalDataGdpr,
                "/personal_data",
                format!(
                    "{} is in Europe and the product collects personal data: the GDPR Addendum governs that processing.",
                    c.residence.name
                ),
            )
            .help("Read the GDPR Addendum (see the contract card) and make sure the privacy policy covers its requirements."),
        );
    }
}

/// The contract for a listing's vendor (who lists on the marketplace), or
/// findings located at the vendor fields when a country is unknown.
fn contract_of(
    listing: &input::Listing,
    as_of: Option<&str>,
) -> (Option<Box<contract::ContractResult>>, Vec<Finding>) {
    let Some(vendor) = &listing.vendor else {
        return (None, Vec::new());
    };
    let Some(country) = vendor.country.as_deref().filter(|c| !c.trim().is_empty()) else {
        return (None, Vec::new());
    };
    let input = contract::ContractInput {
        residence_country: country.to_string(),
        billing_country: vendor.billing_country.clone(),
        uses_marketplace: Some(true),
        as_of: as_of.map(str::to_string),
        ..Default::default()
    };
    match contract::resolve_cached(&input) {
        contract::ContractAnswer::Success(result) => (Some(result), Vec::new()),
        contract::ContractAnswer::Failure { errors } => {
            let located = errors
                .into_iter()
                .map(|mut f| {
                    f.path = f
                        .path
                        .replace("/residence_country", "/vendor/country")
                        .replace("/billing_country", "/vendor/billing_country");
                    f
                })
                .collect();
            (None, located)
        }
    }
}

/// [`check_json_str`] with the report as compact JSON: the exact bytes the
/// CLI prints and the wasm `checkJson` returns.
pub fn check_json_to_json(text: &str) -> String {
    check_json_str(text).to_json()
}

/// The report for input that could not even be read as text (a JS value
/// that JSON cannot represent, say): one located `input/not-json` error.
pub fn unreadable_input(reason: &str) -> Report {
    Report::from_findings(vec![Finding::new(
        rules::Rule::InputNotJson,
        "",
        format!("The input cannot be read as JSON: {reason}."),
    )
    .help(
        "Pass the listing as a plain object of strings, arrays and objects, or as JSON text.",
    )])
}

/// Checks one listing given as raw bytes (a file, a line of a JSON Lines
/// stream). Invalid UTF-8 is reported as a located `input/not-json` error.
pub fn check_bytes(bytes: &[u8]) -> Report {
    check_bytes_with(bytes, &CheckOptions::default())
}

/// [`check_bytes`] with options.
pub fn check_bytes_with(bytes: &[u8], options: &CheckOptions) -> Report {
    match input::json::utf8(bytes) {
        Ok(text) => check_json_str_with(text, options),
        Err(at) => unreadable_input(&format!("{at}; save the file as UTF-8")),
    }
}

/// The report for an input of `len` bytes that is over the size limit,
/// for readers that stop storing an oversized input (the CLI's streams).
pub fn oversized_input(len: usize) -> Report {
    Report::from_findings(vec![input::json::too_large(len)])
}
