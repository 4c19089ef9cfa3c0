//! Human-readable rendering of a report, for terminals and logs.

use std::fmt::Write;

use super::{Report, Severity, Verdict};

/// Renders `report` as plain text, headed by `source` (a file name, or
/// `file:line` for a JSON Lines record).
pub fn render(source: &str, report: &Report) -> String {
    let mut out = String::new();
    let verdict = match report.verdict {
        Verdict::Pass => "PASS",
        Verdict::Warn => "WARN",
        Verdict::Fail => "FAIL",
    };
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
        let _ = writeln!(
            out,
            "  {}[{}] {at}{span}: {}",
            f.severity.as_str(),
            f.rule,
            f.message
        );
        if !f.help.is_empty() {
            let _ = writeln!(out, "    help: {}", f.help);
        }
        let c = &f.citation;
        let _ = writeln!(
            out,
            "    see: {} ({}), {}: \"{}\"",
            c.document, c.version, c.clause, c.quote
        );
    }
    out
}
