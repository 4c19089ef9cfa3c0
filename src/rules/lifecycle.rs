//! Suspension / removal risk (Policy §2): no purchase for more than 6
//! months, consistent negative feedback, not kept up to date. Evaluated
//! against the check's `as_of` date, never the clock; the thresholds the
//! policy does not give are readings in `data/lifecycle.json`, named in
//! each finding.

use super::Rule;
use crate::input::date::Date;
use crate::input::Listing;
use crate::policy::ruleset::{PerRuleset, Ruleset};
use crate::report::Finding;

#[derive(Debug, serde::Deserialize)]
struct Thresholds {
    no_purchase_months: u32,
    stale_update_months: u32,
    stale_update_reading: String,
    negative_feedback_ratio: f64,
    negative_feedback_reading: String,
}

static THRESHOLDS: PerRuleset<Option<Thresholds>> = PerRuleset::new(|rs| {
    serde_json::from_str(rs.file("lifecycle.json", include_str!("../../data/lifecycle.json"))).ok()
});

pub(super) fn check(listing: &Listing, as_of: Option<&str>, rs: Ruleset, out: &mut Vec<Finding>) {
    let Some(t) = THRESHOLDS.get(rs).as_ref() else {
        return;
    };
    let mut date = |path: &str, value: &Option<String>| -> Option<Date> {
        let value = value.as_deref()?;
        let parsed = Date::parse(value.trim());
        if parsed.is_none() {
            out.push(
                Finding::new(
                    Rule::FieldInvalidDate,
                    path,
                    format!("\"{value}\" is not a date of the form YYYY-MM-DD."),
                )
                .help("Give the date as YYYY-MM-DD, e.g. 2026-03-31."),
            );
        }
        parsed
    };
    let purchase = date("/last_purchase_date", &listing.last_purchase_date);
    let updated = date("/last_updated", &listing.last_updated);
    if let Some(ratio) = listing.negative_feedback_ratio {
        if !(0.0..=1.0).contains(&ratio) {
            out.push(
                Finding::new(
                    Rule::FieldInvalidDate,
                    "/negative_feedback_ratio",
                    format!("{ratio} is not a ratio from 0 to 1."),
                )
                .help("Give the share of negative feedback, e.g. 0.12 for 12%."),
            );
        } else if ratio > t.negative_feedback_ratio {
            out.push(
                Finding::new(
                    Rule::SuspensionNegativeFeedback,
                    "/negative_feedback_ratio",
                    format!(
                        "{:.0}% of end-user feedback is negative: the product may be suspended or removed for consistent negative feedback. Reading applied: {}",
                        ratio * 100.0,
                        t.negative_feedback_reading
                    ),
                )
                .help("Address the complaints behind the feedback before (re)submitting."),
            );
        }
    }
    if purchase.is_none() && updated.is_none() {
        return;
    }
    let Some(as_of) = as_of.and_then(Date::parse) else {
        out.push(
            Finding::new(
                Rule::SuspensionNotEvaluated,
                "",
                "The removal grounds of Policy §2 that depend on dates were not evaluated: the check has no as_of date.",
            )
            .help("Pass the date to evaluate against (CLI --as-of, wasm check(listing, { as_of })); the checker never reads the clock itself."),
        );
        return;
    };
    if let Some(p) = purchase {
        if p.plus_months(t.no_purchase_months) < as_of {
            out.push(
                Finding::new(
                    Rule::SuspensionNoPurchase,
                    "/last_purchase_date",
                    format!(
                        "The last purchase ({p}) is more than {} months before {as_of}: the product may be suspended or removed.",
                        t.no_purchase_months
                    ),
                )
                .help("Nothing to fix in the listing itself; expect a review, and consider pricing, trials or the description."),
            );
        }
    }
    if let Some(u) = updated {
        if u.plus_months(t.stale_update_months) < as_of {
            out.push(
                Finding::new(
                    Rule::SuspensionOutdated,
                    "/last_updated",
                    format!(
                        "The last update ({u}) is more than {} months before {as_of}: the product may be removed for not being kept up to date. Reading applied: {}",
                        t.stale_update_months, t.stale_update_reading
                    ),
                )
                .help("Ship a release with current bug fixes and security patches, and update last_updated."),
            );
        }
    }
}
