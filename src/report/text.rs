//! Human-readable rendering of a report, for terminals and logs.

use std::fmt::Write;

use super::{Report, Severity, Verdict};
use crate::contract::ContractResult;

/// Renders `report` as plain text, headed by `source` (a file name, or
/// `file:line` for a JSON Lines record).
pub fn render(source: &str, report: &Report) -> String {
    render_styled(source, report, false)
}

/// [`render`], with ANSI colours for the verdict and severities when
/// `colour` is set (a terminal).
pub fn render_styled(source: &str, report: &Report, colour: bool) -> String {
    let paint = |code: &str, text: &str| {
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    let verdict = match report.verdict {
        Verdict::Pass => "PASS",
        Verdict::Warn => "WARN",
        Verdict::Fail => "FAIL",
    };
    let verdict = paint(
        match report.verdict {
            Verdict::Pass => "1;32",
            Verdict::Warn => "1;33",
            Verdict::Fail => "1;31",
        },
        verdict,
    );
    let _ = writeln!(
        out,
        "{source}: {verdict} ({} error(s), {} warning(s), {} info)",
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info)
    );
    for f in &report.findings {
        let at = if f.path.is_empty() {
            "(input)"
        } else {
            f.path.as_str()
        };
        let span = f
            .span
            .map(|s| format!(" [{}..{}]", s.start, s.end))
            .unwrap_or_default();
        let severity = paint(
            match f.severity {
                Severity::Error => "31",
                Severity::Warning => "33",
                Severity::Info => "36",
            },
            f.severity.as_str(),
        );
        let _ = writeln!(out, "  {severity}[{}] {at}{span}: {}", f.rule, f.message);
        if !f.help.is_empty() {
            let _ = writeln!(out, "    help: {}", f.help);
        }
        if let Some(reason) = &f.justified {
            let _ = writeln!(out, "    justified: {reason}");
        }
        let c = &f.citation;
        let _ = writeln!(
            out,
            "    see: {} ({}), {}: \"{}\"",
            c.document, c.version, c.clause, c.quote
        );
    }
    if let Some(contract) = &report.contract {
        for line in render_contract(contract).lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// Renders a contract resolution as an explanation a vendor can follow.
pub fn render_contract(r: &ContractResult) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "You contract with {}",
        crate::contract::sentence(&r.entity.name)
    );
    if let (Some(reg), Some(office)) = (&r.entity.registration, &r.entity.registered_office) {
        let _ = writeln!(out, "  ({reg}; registered office: {office})");
    }
    let _ = writeln!(out, "Addenda:");
    for a in &r.addenda {
        let _ = writeln!(out, "  - {}: {}", a.name, a.condition);
    }
    let t = &r.terms;
    let exclusive = if t.courts_exclusive {
        "exclusive"
    } else {
        "non-exclusive"
    };
    let _ = writeln!(
        out,
        "Governing law: {}; {exclusive} jurisdiction of {}.",
        t.governing_law, t.courts
    );
    let _ = writeln!(out, "Third-party rights: {}.", t.third_party_rights);
    let _ = writeln!(out, "Send notices to: {}.", t.notice_address);
    if t.business_use_only {
        let _ = writeln!(
            out,
            "Use is restricted to business purposes (no personal consumer use)."
        );
    }
    let _ = writeln!(
        out,
        "Material changes take effect {} days after posting.",
        t.material_change_notice_days
    );
    let _ = writeln!(out, "Liability cap: {}", t.liability_cap);
    for c in &t.clause_changes {
        let _ = writeln!(
            out,
            "  Clause {} {} by the {} addendum: {}",
            c.clause, c.change, c.by, c.summary
        );
    }
    let _ = writeln!(out, "How this was worked out:");
    for s in &r.trace {
        let _ = writeln!(
            out,
            "  {}. {} [{}: {}]",
            s.step, s.decision, s.citation.document, s.citation.clause
        );
    }
    if !r.ambiguities.is_empty() {
        let _ = writeln!(out, "Open points:");
        for a in &r.ambiguities {
            let _ = writeln!(out, "  ? {} {}", a.what, a.reading);
            if let Some(q) = &a.question {
                let _ = writeln!(out, "    Question: {q}");
            }
        }
    }
    out
}
