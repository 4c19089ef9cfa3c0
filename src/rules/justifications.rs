//! Vendor justifications: `justifications: [{rule, path, reason}]` marks the
//! findings it explains as justified, so they stay visible but no longer
//! decide the verdict. Errors can be justified only for signal classes whose
//! data allows it (never malware or illegal content, never schema errors).

use super::Rule;
use crate::input::Listing;
use crate::report::{Finding, Severity};
use crate::signals::{vocabulary::engine, vocabulary::Justifiable, Class};

/// Shortest reason accepted, in characters.
pub const MIN_REASON_CHARS: usize = 10;

/// Whether a finding may be justified at all.
fn justifiable(f: &Finding) -> bool {
    match f.severity {
        Severity::Info => false,
        Severity::Warning => true,
        Severity::Error => Class::from_rule_id(&f.rule).is_some_and(|c| {
            engine()
                .classes
                .get(&c)
                .is_some_and(|i| i.justifiable == Justifiable::All)
        }),
    }
}

/// Whether a justification's path covers a finding's path.
fn covers(path: &str, finding: &str) -> bool {
    finding == path
        || (finding.starts_with(path) && finding.as_bytes().get(path.len()) == Some(&b'/'))
}

/// Applies the listing's justifications to `findings` and reports the
/// justifications that cannot apply.
pub fn apply(listing: &Listing, findings: &mut Vec<Finding>) {
    let mut extra = Vec::new();
    for (i, j) in listing.justifications.iter().enumerate() {
        let at = format!("/justifications/{i}");
        if Rule::from_id(&j.rule).is_none() {
            let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.meta().id).collect();
            let near = super::suggest::closest(&j.rule, ids.iter().copied(), 1);
            extra.push(
                Finding::new(
                    Rule::JustificationUnused,
                    format!("{at}/rule"),
                    format!(
                        "\"{}\" is not a rule id, so this justification explains nothing.",
                        j.rule
                    ),
                )
                .help(match near.first() {
                    Some(s) => format!("Did you mean \"{s}\"?"),
                    None => "Use the rule id shown on the finding, e.g. \"signal/malware\".".into(),
                }),
            );
            continue;
        }
        let reason = j.reason.trim();
        if reason.chars().count() < MIN_REASON_CHARS {
            extra.push(
                Finding::new(
                    Rule::JustificationUnused,
                    format!("{at}/reason"),
                    format!("The reason is missing or shorter than {MIN_REASON_CHARS} characters, so it is not applied."),
                )
                .severity(Severity::Warning)
                .help("Say why the wording is acceptable, e.g. \"The product detects and removes this malware.\""),
            );
            continue;
        }
        let mut matched = 0;
        let mut refused = 0;
        for f in findings
            .iter_mut()
            .filter(|f| f.rule == j.rule && covers(&j.path, &f.path))
        {
            matched += 1;
            if justifiable(f) {
                f.justified = Some(reason.to_string());
            } else {
                refused += 1;
            }
        }
        if matched == 0 {
            extra.push(
                Finding::new(
                    Rule::JustificationUnused,
                    at,
                    format!("No \"{}\" finding at \"{}\" to justify.", j.rule, j.path),
                )
                .help("Remove it, or give the path shown on the finding (a parent path such as \"/keywords\" covers its items)."),
            );
        } else if refused > 0 {
            extra.push(
                Finding::new(
                    Rule::JustificationNotAllowed,
                    at,
                    format!(
                        "{refused} \"{}\" error(s) at \"{}\" cannot be justified; they stand.",
                        j.rule, j.path
                    ),
                )
                .help("Change the listing: only warnings, and errors of the signal classes whose data allows it (e.g. ip-infringement with an authorisation), can be justified."),
            );
        }
    }
    findings.append(&mut extra);
}
