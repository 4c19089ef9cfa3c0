//! The report: what a check returns, identical on every surface.
//!
//! A [`Report`] is plain data. It serialises to the same JSON bytes whether it
//! comes from the CLI, native Rust or WebAssembly, because every surface goes
//! through [`Report::to_json`] or the same `serde` derive.

pub mod markdown;
pub mod sarif;
pub mod text;

use serde::{Deserialize, Serialize};

use crate::policy::{self, Citation};
use crate::rules::Rule;

#[cfg(feature = "wasm")]
use tsify::Tsify;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never blocks a listing.
    Info,
    /// Likely to cause a refusal or removal, or needs a human look.
    Warning,
    /// The listing will be refused as it stands.
    Error,
}

impl Severity {
    /// The lowercase name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The overall outcome of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No errors and no warnings.
    Pass,
    /// No errors, at least one warning.
    Warn,
    /// At least one error.
    Fail,
}

/// A half-open range `[start, end)` in UTF-16 code units of the field's
/// original string (the unit JavaScript strings are indexed in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Span {
    /// First UTF-16 code unit covered.
    pub start: u32,
    /// One past the last UTF-16 code unit covered.
    pub end: u32,
}

/// One thing the checker found, located and cited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Finding {
    /// Stable rule id, e.g. `delivery-format/unsupported`.
    pub rule: String,
    /// How serious it is.
    pub severity: Severity,
    /// JSON Pointer (RFC 6901) to the field it is about; `""` is the whole input.
    pub path: String,
    /// Where inside the field's string, when the finding is about part of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub span: Option<Span>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// The clause this finding rests on.
    pub citation: Citation,
    /// For `signal/*` findings: the class, strength, matched text and term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub signal: Option<crate::signals::SignalInfo>,
    /// The vendor's reason, when a justification covers this finding; a
    /// justified finding does not count towards the verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub justified: Option<String>,
}

impl Finding {
    /// A finding for `rule` at `path`, with the rule's default severity and clause.
    pub fn new(rule: Rule, path: impl Into<String>, message: impl Into<String>) -> Self {
        let meta = rule.meta();
        Finding {
            rule: meta.id.to_string(),
            severity: meta.severity,
            path: path.into(),
            span: None,
            message: message.into(),
            help: String::new(),
            citation: policy::citation(meta.clause),
            signal: None,
            justified: None,
        }
    }

    /// Sets the fix hint.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    /// Sets the span inside the field's string.
    pub fn span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Overrides the rule's default severity.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Cites a different clause than the rule's default one.
    pub fn cite(mut self, clause: &str) -> Self {
        self.citation = policy::citation(clause);
        self
    }
}

/// Which policy data a report was computed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Ruleset {
    /// The ruleset version: the policy and agreement versions it encodes.
    pub version: String,
    /// The date the check was asked for (the `as_of` option), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub as_of: Option<String>,
}

/// The result of checking one listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Report {
    /// The listing's `id`, carried through (batch output, SARIF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub id: Option<String>,
    /// `fail` if any error, else `warn` if any warning, else `pass`.
    pub verdict: Verdict,
    /// Every finding, sorted deterministically.
    pub findings: Vec<Finding>,
    /// The policy data used.
    pub ruleset: Ruleset,
    /// What the policy attaches to submitting a failing listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub consequences: Option<Consequences>,
    /// The contracting entity and terms, when the listing gives `vendor.country`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub contract: Option<Box<crate::contract::ContractResult>>,
}

impl Report {
    /// Builds a report from unsorted findings: sorts them and derives the verdict.
    pub fn from_findings(mut findings: Vec<Finding>) -> Self {
        findings.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| a.path.cmp(&b.path))
                .then_with(|| a.span.cmp(&b.span))
                .then_with(|| a.rule.cmp(&b.rule))
                .then_with(|| a.message.cmp(&b.message))
        });
        findings.dedup();
        let verdict = verdict_of(&findings);
        let findings = truncate_per_rule(findings);
        Report {
            id: None,
            verdict,
            consequences: None,
            findings,
            ruleset: Ruleset {
                version: policy::Ruleset::latest().id().to_string(),
                as_of: None,
            },
            contract: None,
        }
    }

    /// Number of findings of the given severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The report as compact JSON: the exact bytes every surface returns.
    pub fn to_json(&self) -> String {
        to_json(self)
    }
}

/// Keeps the first [`MAX_FINDINGS_PER_RULE`](crate::input::limits::MAX_FINDINGS_PER_RULE)
/// findings of each rule (in report order) and replaces the rest with one
/// `report/truncated` finding per rule that counts them.
fn truncate_per_rule(findings: Vec<Finding>) -> Vec<Finding> {
    use crate::input::limits::MAX_FINDINGS_PER_RULE;
    let mut seen: std::collections::BTreeMap<String, usize> = Default::default();
    let mut kept = Vec::with_capacity(findings.len().min(4 * MAX_FINDINGS_PER_RULE));
    for f in findings {
        let n = seen.entry(f.rule.clone()).or_default();
        *n += 1;
        if *n <= MAX_FINDINGS_PER_RULE {
            kept.push(f);
        }
    }
    for (rule, n) in seen.into_iter().filter(|(_, n)| *n > MAX_FINDINGS_PER_RULE) {
        kept.push(
            Finding::new(
                crate::rules::Rule::ReportTruncated,
                "",
                format!(
                    "{} more \"{rule}\" findings are not listed ({n} in all; the first {MAX_FINDINGS_PER_RULE} are).",
                    n - MAX_FINDINGS_PER_RULE
                ),
            )
            .help("Fix the listed ones first; the rest are usually the same problem repeated."),
        );
    }
    kept
}

/// What happens if a failing listing is submitted: the policy's
/// enforcement actions, each cited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Consequences {
    /// One sentence.
    pub summary: String,
    /// The actions, from the listing's denial to the account's termination.
    pub actions: Vec<String>,
    /// The clauses that attach them.
    pub citations: Vec<Citation>,
}

/// The consequences of submitting a listing with this verdict: `Some` when
/// it fails.
pub fn consequences_of(verdict: Verdict, rs: policy::Ruleset) -> Option<Consequences> {
    #[derive(Deserialize)]
    struct Deny {
        action: String,
        clause: String,
    }
    #[derive(Deserialize)]
    struct File {
        summary: String,
        deny: Deny,
        actions: Vec<String>,
        actions_clause: String,
    }
    static FILE: policy::ruleset::PerRuleset<Option<File>> =
        policy::ruleset::PerRuleset::new(|rs| {
            serde_json::from_str(rs.file(
                "enforcement.json",
                include_str!("../../data/enforcement.json"),
            ))
            .ok()
        });
    let file = FILE.get(rs).as_ref()?;
    (verdict == Verdict::Fail).then(|| Consequences {
        summary: file.summary.clone(),
        actions: std::iter::once(file.deny.action.clone())
            .chain(file.actions.iter().cloned())
            .collect(),
        citations: vec![
            policy::citation_in(rs, &file.deny.clause),
            policy::citation_in(rs, &file.actions_clause),
        ],
    })
}

/// The verdict implied by a set of findings (justified ones do not count).
pub fn verdict_of(findings: &[Finding]) -> Verdict {
    match findings
        .iter()
        .filter(|f| f.justified.is_none())
        .map(|f| f.severity)
        .max()
    {
        Some(Severity::Error) => Verdict::Fail,
        Some(Severity::Warning) => Verdict::Warn,
        _ => Verdict::Pass,
    }
}

/// Compact JSON for any serialisable answer. Serialising these plain data
/// types cannot fail; should it ever, the answer is a JSON error object rather
/// than a panic.
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| {
        serde_json::json!({ "type": "failure", "error": e.to_string() }).to_string()
    })
}
