//! Intellectual-property infringement reports and counter-notifications
//! (Policy, "Intellectual Property Infringement Reports"): checks that a
//! rights holder's report carries the materials items (a)–(c) require and
//! that its listing links are precise links to listings on the
//! International Marketplace, and that a vendor's counter-notification
//! names the report it disputes. Same report shape and JSON reader as
//! listings.
//!
//! A report: `{"kind": "report", "reporter": {"name", "email"},
//! "rights_holder": bool, "proof_of_identity": [..], "authorization": "…",
//! "proof_of_ownership": [..], "infringing_listings": [url, ..]}`.
//! A counter-notification: `{"kind": "counter_notification", "vendor":
//! {"name", "email"}, "report_reference": "…", "listings": [url, ..],
//! "statement": "…", "evidence": [..]}`.

use std::sync::LazyLock;

use serde_json::{Map, Value};

use crate::input::{json, Reader};
use crate::report::{Finding, Report};
use crate::rules::Rule;

#[derive(Debug, serde::Deserialize)]
struct LinkReading {
    hosts: Vec<String>,
    listing_path_prefixes: Vec<String>,
    not_listing_markers: Vec<String>,
    reading: String,
}

static LINKS: LazyLock<Option<LinkReading>> =
    LazyLock::new(|| serde_json::from_str(include_str!("../../data/ip_report.json")).ok());

const SHAPE: &str = "Give one JSON object: {\"kind\": \"report\", \"reporter\": {…}, \"rights_holder\": true, \"proof_of_identity\": […], \"proof_of_ownership\": […], \"infringing_listings\": [\"https://…\"]} or {\"kind\": \"counter_notification\", …}.";
const PARTY_FIELDS: &[&str] = &["name", "email", "organization", "address"];
const REPORT_FIELDS: &[&str] = &[
    "kind",
    "reporter",
    "rights_holder",
    "proof_of_identity",
    "authorization",
    "proof_of_ownership",
    "infringing_listings",
    "description",
];
const COUNTER_FIELDS: &[&str] = &[
    "kind",
    "vendor",
    "report_reference",
    "listings",
    "statement",
    "evidence",
];

/// Checks an infringement report or counter-notification given as JSON
/// text. Never fails: problems are findings, each cited.
pub fn check_json_str(text: &str) -> Report {
    let object = match json::read_object(text, SHAPE) {
        Ok(o) => o,
        Err(f) => return Report::from_findings(vec![*f]),
    };
    let mut findings = object.findings;
    let map = object.map;
    let mut reader = Reader {
        findings: &mut findings,
    };
    match map.get("kind").and_then(Value::as_str) {
        Some("report") => report(&mut reader, &map),
        Some("counter_notification") => counter(&mut reader, &map),
        other => reader.findings.push(
            Finding::new(
                Rule::InputWrongType,
                "/kind",
                match other {
                    Some(k) => format!("\"{k}\" is not a kind of submission this checker knows."),
                    None => "The submission does not say what it is (kind).".to_string(),
                },
            )
            .help("Set \"kind\" to \"report\" (a rights holder's infringement report) or \"counter_notification\" (a vendor's reply)."),
        ),
    }
    Report::from_findings(findings)
}

fn report(r: &mut Reader, map: &Map<String, Value>) {
    r.unknown(map, "", REPORT_FIELDS);
    let _ = r.object(map, "", "reporter", PARTY_FIELDS, |r, m, p| party(r, m, p));
    if map.get("reporter").is_none() {
        missing(
            r,
            Rule::IpReportIdentity,
            "/reporter",
            "The report does not say who submits it.",
            "Add reporter: {name, email} — the rights holder or the person acting for them.",
        );
    }
    let identity = r.strings(map, "", "proof_of_identity").unwrap_or_default();
    if identity.iter().all(|s| s.trim().is_empty()) {
        missing(r, Rule::IpReportIdentity, "/proof_of_identity", "The report has no proof of identity of the submitter.", "Attach proof of identity (e.g. a company registration extract or an ID document) and list it in proof_of_identity.");
    }
    let holder = r.boolean(map, "", "rights_holder");
    let authorization = r
        .string(map, "", "authorization")
        .filter(|a| !a.trim().is_empty());
    match holder {
        Some(false) if authorization.is_none() => missing(r, Rule::IpReportAuthorization, "/authorization", "The submitter is not the rights holder but gives no authorization.", "Attach the rights holder's authorization (e.g. a power of attorney) and describe it in authorization."),
        None => missing(r, Rule::IpReportAuthorization, "/rights_holder", "The report does not say whether the submitter is the rights holder.", "Set rights_holder to true, or to false and give the authorization to act for the holder."),
        _ => {}
    }
    let ownership = r.strings(map, "", "proof_of_ownership").unwrap_or_default();
    if ownership.iter().all(|s| s.trim().is_empty()) {
        missing(r, Rule::IpReportOwnership, "/proof_of_ownership", "The report has no proof of intellectual property ownership.", "List the registrations or evidence of ownership (trademark registration numbers, copyright registrations, first publication) in proof_of_ownership.");
    }
    links(r, map, "infringing_listings", Rule::IpReportListings);
}

fn counter(r: &mut Reader, map: &Map<String, Value>) {
    r.unknown(map, "", COUNTER_FIELDS);
    let vendor = r.object(map, "", "vendor", PARTY_FIELDS, |r, m, p| party(r, m, p));
    if vendor.is_none() {
        missing(
            r,
            Rule::IpCounterIncomplete,
            "/vendor",
            "The counter-notification does not say which vendor submits it.",
            "Add vendor: {name, email}.",
        );
    }
    if r.string(map, "", "report_reference")
        .filter(|s| !s.trim().is_empty())
        .is_none()
    {
        missing(
            r,
            Rule::IpCounterIncomplete,
            "/report_reference",
            "The counter-notification does not name the report it disputes.",
            "Give the reference of the infringement report you were notified of.",
        );
    }
    if r.string(map, "", "statement")
        .filter(|s| s.trim().chars().count() >= 20)
        .is_none()
    {
        missing(r, Rule::IpCounterIncomplete, "/statement", "The counter-notification does not say why the report is disputed.", "Explain why the listing does not infringe (e.g. a licence, your own registration, nominative use).");
    }
    let _ = r.strings(map, "", "evidence");
    links(r, map, "listings", Rule::IpCounterIncomplete);
}

/// Reads a party's name and email; both are needed to be contacted.
fn party(r: &mut Reader, m: &Map<String, Value>, p: &str) {
    for key in ["name", "email"] {
        if r.string(m, p, key)
            .filter(|s| !s.trim().is_empty())
            .is_none()
        {
            missing(r, Rule::IpReportIdentity, &format!("{p}/{key}"), &format!("The {key} of the submitter is missing."), "The marketplace passes the rights holder's contact details to the vendor: give a name and an email address.");
        }
    }
}

/// The listing links: present, and each a precise link to one listing.
fn links(r: &mut Reader, map: &Map<String, Value>, key: &str, absent: Rule) {
    let urls = r.strings(map, "", key).unwrap_or_default();
    if urls.is_empty() {
        missing(r, absent, &format!("/{key}"), "No link to the allegedly infringing listing is given.", "Add precise links to each listing on the International Marketplace (its product page, not a search).");
        return;
    }
    let Some(reading) = LINKS.as_ref() else {
        return;
    };
    for (i, url) in urls.iter().enumerate() {
        if let Some(problem) = link_problem(url.trim(), reading) {
            r.findings.push(
                Finding::new(
                    Rule::IpReportListingUrl,
                    format!("/{key}/{i}"),
                    format!("\"{url}\" is not a precise link to a listing: {problem}."),
                )
                .help(format!(
                    "Open the listing and copy its address. Reading applied: {}",
                    reading.reading
                )),
            );
        }
    }
}

/// Why `url` is not a link to one listing on the marketplace, if it is not.
fn link_problem(url: &str, reading: &LinkReading) -> Option<String> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Some("it is not an https link".into());
    };
    let (host_port, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let host = host_port
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !reading.hosts.contains(&host) {
        return Some(format!(
            "{host} is not the International Marketplace ({})",
            reading.hosts.join(", ")
        ));
    }
    let lower = path.to_ascii_lowercase();
    if reading
        .not_listing_markers
        .iter()
        .any(|m| lower.contains(m.as_str()))
    {
        return Some("it is a search or category page, not one listing".into());
    }
    let path_only = lower.split(['?', '#']).next().unwrap_or_default();
    let named = reading
        .listing_path_prefixes
        .iter()
        .any(|p| path_only.starts_with(p.as_str()) && path_only.len() > p.len());
    (!named).then(|| "its path does not name one product".into())
}

fn missing(r: &mut Reader, rule: Rule, path: &str, message: &str, help: &str) {
    r.findings
        .push(Finding::new(rule, path, message).help(help));
}
