//! SARIF 2.1.0 output (the format GitHub code scanning reads), written as a
//! stream: [`header`] with the whole rule catalogue, one [`result`] per
//! finding as listings are checked, then [`FOOTER`]. Memory stays constant
//! however many listings a run checks.

use serde_json::{json, Value};

use super::{Finding, Severity};
use crate::policy;
use crate::rules::Rule;

/// The SARIF log up to the opening of the `results` array: tool, version
/// and every rule with its summary, clause quote and default level.
pub fn header() -> String {
    let rules: Vec<Value> = Rule::ALL.iter().map(|r| rule_descriptor(*r)).collect();
    let tool = json!({"driver": {
        "name": "listing-precheck",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": env!("CARGO_PKG_REPOSITORY"),
        "rules": rules,
        "properties": {"ruleset": policy::RULESET_VERSION},
    }});
    // Written by hand around the tool object so the results array stays
    // open for streaming: header + results + FOOTER.
    format!(
        "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{tool},\"columnKind\":\"utf16CodeUnits\",\"results\":["
    )
}

/// Closes what [`header`] opened.
pub const FOOTER: &str = "]}]}\n";

/// One SARIF `reportingDescriptor` for a rule.
fn rule_descriptor(rule: Rule) -> Value {
    let meta = rule.meta();
    let clause = policy::citation(meta.clause);
    let help = format!(
        "{} ({}, {}): \"{}\"",
        clause.clause, clause.document, clause.version, clause.quote
    );
    json!({
        "id": meta.id,
        "name": name_of(meta.id),
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": format!("{} Source: {help}", meta.summary)},
        "help": {
            "text": help,
            "markdown": format!("**{}** — {} ({})\n\n> {}", clause.clause, clause.document, clause.version, clause.quote),
        },
        "defaultConfiguration": {"level": level(meta.severity)},
        "properties": {
            "tags": [meta.id.split('/').next().unwrap_or_default()],
            "clause": meta.clause,
        },
    })
}

/// `signal/ip-infringement` → `SignalIpInfringement` (SARIF rule names are
/// identifiers).
fn name_of(id: &str) -> String {
    id.split(['/', '-'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Where a listing came from: the file, its line (JSON Lines) and `id`.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    /// File path or URI as given on the command line (`<stdin>` for standard input).
    pub source: &'a str,
    /// 1-based line of the listing in a JSON Lines file.
    pub line: Option<usize>,
    /// The listing's `id`, if it has one.
    pub id: Option<&'a str>,
}

/// One SARIF `result` for a finding, as compact JSON. The physical location
/// is the file and the listing's line; the logical location is the
/// listing (its `id`, else its line) and the finding's JSON Pointer.
pub fn result(origin: Origin, finding: &Finding) -> String {
    let rule_index = Rule::ALL
        .iter()
        .position(|r| r.meta().id == finding.rule)
        .unwrap_or(0);
    let listing = match (origin.id, origin.line) {
        (Some(id), _) => id.to_string(),
        (None, Some(line)) => format!("line {line}"),
        (None, None) => origin.source.to_string(),
    };
    let pointer = if finding.path.is_empty() {
        "/"
    } else {
        &finding.path
    };
    let mut text = finding.message.clone();
    if !finding.help.is_empty() {
        text.push_str(" Help: ");
        text.push_str(&finding.help);
    }
    let mut result = json!({
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": {"text": text},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(origin.source)},
                "region": {"startLine": origin.line.unwrap_or(1)},
            },
            "logicalLocations": [{
                "name": pointer,
                "fullyQualifiedName": format!("{listing}#{pointer}"),
                "kind": "member",
            }],
        }],
        "partialFingerprints": {
            "listingFinding/v1": format!("{listing}#{pointer}#{}#{}", finding.rule, finding.span.map_or(String::new(), |s| format!("{}-{}", s.start, s.end))),
        },
        "properties": {
            "clause": finding.citation.clause,
            "quote": finding.citation.quote,
        },
    });
    if let Some(reason) = &finding.justified {
        result["suppressions"] = json!([{"kind": "inSource", "justification": reason}]);
    }
    result.to_string()
}

/// A relative path as a URI reference (forward slashes, spaces and other
/// reserved characters percent-encoded).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
