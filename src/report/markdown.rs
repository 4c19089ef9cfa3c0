//! Markdown rendering of reports, ready for a pull-request comment.

use std::fmt::Write;

use super::{Report, Severity, Verdict};

/// One listing's section: a heading with the verdict and counts, then a
/// table of findings (severity, rule, where, message, clause).
pub fn render(source: &str, report: &Report) -> String {
    let mut out = String::new();
    let verdict = match report.verdict {
        Verdict::Pass => "✅ pass",
        Verdict::Warn => "⚠️ warn",
        Verdict::Fail => "❌ fail",
    };
    let _ = writeln!(
        out,
        "### `{}` — {verdict} ({} error(s), {} warning(s), {} info)\n",
        source.replace('`', "'"),
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info)
    );
    if report.findings.is_empty() {
        out.push_str("No findings.\n\n");
        return out;
    }
    out.push_str("| | Rule | Where | Finding | Clause |\n|---|---|---|---|---|\n");
    for f in &report.findings {
        let icon = match f.severity {
            Severity::Error => "❌ error",
            Severity::Warning => "⚠️ warning",
            Severity::Info => "ℹ️ info",
        };
        let at = if f.path.is_empty() {
            "(input)"
        } else {
            &f.path
        };
        let mut finding = cell(&f.message);
        if !f.help.is_empty() {
            let _ = write!(finding, "<br>*Fix:* {}", cell(&f.help));
        }
        if let Some(reason) = &f.justified {
            let _ = write!(finding, "<br>*Justified:* {}", cell(reason));
        }
        let _ = writeln!(
            out,
            "| {icon} | `{}` | `{}` | {finding} | {} — “{}” |",
            f.rule,
            at.replace('`', "'"),
            cell(&f.citation.clause),
            cell(&f.citation.quote)
        );
    }
    out.push('\n');
    out
}

/// Totals for a batch, put after the last listing.
pub fn summary(listings: usize, failed: usize, warned: usize) -> String {
    format!(
        "**{listings} listing(s) checked: {failed} fail, {warned} warn, {} pass.**\n",
        listings - failed - warned
    )
}

/// Text safe inside a table cell: pipes escaped, newlines as `<br>`, and
/// HTML-significant characters escaped so listing text cannot inject markup.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
