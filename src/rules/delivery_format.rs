//! Delivery format: only a machine image or SaaS (Policy §1).

use serde::Deserialize;

use super::{suggest, Rule};
use crate::input::Listing;
use crate::policy::ruleset::{PerRuleset, Ruleset};
use crate::report::Finding;
use crate::rules::urls::{check_url, UrlProblem};

const DATA: &str = include_str!("../../data/delivery_formats.json");

/// `data/delivery_formats.json`.
#[derive(Debug, Default, Deserialize)]
struct Formats {
    allowed: Vec<Allowed>,
    not_allowed: Vec<NotAllowed>,
    architectures: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Allowed {
    id: String,
    label: String,
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct NotAllowed {
    names: Vec<String>,
    advice: String,
}

static FORMATS: PerRuleset<Formats> = PerRuleset::new(|rs| {
    serde_json::from_str(rs.file("delivery_formats.json", DATA)).unwrap_or_default()
});

/// The allowed format a value stands for: itself when exact, else the
/// allowed format it was probably meant as (miscased, an alias, a typo).
#[derive(Debug)]
enum Reading<'a> {
    Exact(&'a str),
    NearMiss(&'a Allowed),
    NotAllowed(&'a NotAllowed),
    Unknown,
}

fn read(value: &str, rs: Ruleset) -> Reading<'static> {
    let formats = FORMATS.get(rs);
    if let Some(a) = formats.allowed.iter().find(|a| a.id == value) {
        return Reading::Exact(&a.id);
    }
    let folded = suggest::fold(value);
    if let Some(a) = formats
        .allowed
        .iter()
        .find(|a| a.id == folded || a.aliases.contains(&folded))
    {
        return Reading::NearMiss(a);
    }
    if let Some(n) = formats
        .not_allowed
        .iter()
        .find(|n| n.names.contains(&folded))
    {
        return Reading::NotAllowed(n);
    }
    // Typos of the two allowed ids only ("imgae", "saaas"); short words
    // like "api" must not be read as "saas".
    if folded.len() >= 4 {
        for a in &formats.allowed {
            if strsim::damerau_levenshtein(&folded, &a.id) <= 2 {
                return Reading::NearMiss(a);
            }
        }
    }
    Reading::Unknown
}

impl Reading<'static> {
    /// The allowed format id the value resolves to, if any.
    fn id(&self) -> Option<&'static str> {
        match self {
            Reading::Exact(id) => Some(id),
            Reading::NearMiss(a) => Some(a.id.as_str()),
            _ => None,
        }
    }
}

/// Checks `delivery_format` and the details the chosen format needs.
pub(super) fn check(listing: &Listing, rs: Ruleset, out: &mut Vec<Finding>) {
    let Some(value) = listing.delivery_format.as_deref() else {
        return; // field/missing is reported by the fields rule
    };
    if value.trim().is_empty() {
        return; // field/empty likewise
    }
    let shown = quote(value);
    let reading = read(value, rs);
    match reading {
        Reading::Exact(_) => {}
        // An allowed format spelt otherwise (case, spaces, a common name
        // such as "AMI" or "Software as a Service", a typo): the policy
        // allows it, so it is read as that format, with a warning.
        Reading::NearMiss(a) => out.push(
            Finding::new(
                Rule::FieldNonCanonical,
                "/delivery_format",
                format!("{shown} is read as \"{}\" ({}), an allowed delivery format.", a.id, a.label),
            )
            .help(format!("Write \"{}\" exactly so: it is the value the schema gives.", a.id)),
        ),
        Reading::NotAllowed(n) => out.push(
            Finding::new(
                Rule::DeliveryFormatUnsupported,
                "/delivery_format",
                format!("{shown} is not an allowed delivery format: products must be either in image format or a SaaS product."),
            )
            .help(format!("{} Then set delivery_format to \"image\" or \"saas\".", n.advice)),
        ),
        Reading::Unknown => out.push(
            Finding::new(
                Rule::DeliveryFormatUnsupported,
                "/delivery_format",
                format!("{shown} is not an allowed delivery format: products must be either in image format or a SaaS product."),
            )
            .help("Set delivery_format to \"image\" (a machine image) or \"saas\" (software you host)."),
        ),
    }
    match reading.id() {
        Some("image") => check_image(listing, rs, out),
        Some("saas") => check_saas(listing, out),
        _ => {}
    }
}

fn check_image(listing: &Listing, rs: Ruleset, out: &mut Vec<Finding>) {
    let formats = FORMATS.get(rs);
    if listing.saas.is_some() {
        out.push(
            Finding::new(
                Rule::DeliveryFormatUnusedSection,
                "/saas",
                "The listing is delivered as an image, so the saas section is ignored.",
            )
            .help("Remove the saas section, or set delivery_format to \"saas\"."),
        );
    }
    let Some(image) = &listing.image else {
        out.push(
            Finding::new(
                Rule::DeliveryFormatImageDetails,
                "/image",
                "An image listing needs an image section with os and architecture.",
            )
            .help("Add \"image\": {\"os\": \"Ubuntu 24.04\", \"architecture\": \"x86_64\"}."),
        );
        return;
    };
    for (key, value, example) in [
        ("os", &image.os, "Ubuntu 24.04"),
        ("architecture", &image.architecture, "x86_64"),
    ] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            out.push(
                Finding::new(
                    Rule::DeliveryFormatImageDetails,
                    format!("/image/{key}"),
                    format!("An image listing needs image.{key}."),
                )
                .help(format!("Give image.{key}, e.g. \"{example}\".")),
            );
        }
    }
    if let Some(arch) = image
        .architecture
        .as_deref()
        .filter(|a| !a.trim().is_empty())
    {
        let folded = suggest::fold(arch).replace(' ', "_");
        if !formats.architectures.contains(&folded) {
            let near = suggest::closest(arch, formats.architectures.iter().map(String::as_str), 1);
            let hint = near
                .first()
                .map(|n| format!("Did you mean \"{n}\"? "))
                .unwrap_or_default();
            out.push(
                Finding::new(
                    Rule::DeliveryFormatImageDetails,
                    "/image/architecture",
                    format!(
                        "{} is not a CPU architecture this checker recognises.",
                        quote(arch)
                    ),
                )
                .severity(crate::report::Severity::Warning)
                .help(format!(
                    "{hint}Known: {}.",
                    formats.architectures.join(", ")
                )),
            );
        }
    }
}

fn check_saas(listing: &Listing, out: &mut Vec<Finding>) {
    if listing.image.is_some() {
        out.push(
            Finding::new(
                Rule::DeliveryFormatUnusedSection,
                "/image",
                "The listing is delivered as SaaS, so the image section is ignored.",
            )
            .help("Remove the image section, or set delivery_format to \"image\"."),
        );
    }
    let url = listing.saas.as_ref().and_then(|s| s.url.as_deref());
    let Some(url) = url.filter(|u| !u.trim().is_empty()) else {
        let path = if listing.saas.is_some() {
            "/saas/url"
        } else {
            "/saas"
        };
        out.push(
            Finding::new(
                Rule::DeliveryFormatSaasUrl,
                path,
                "A SaaS listing needs saas.url, the https address of the service.",
            )
            .help("Add \"saas\": {\"url\": \"https://app.example.com\"}."),
        );
        return;
    };
    if let Err(problem) = check_url(url) {
        let message = match problem {
            UrlProblem::NotHttps => format!("saas.url {} must use https.", quote(url)),
            other => format!(
                "saas.url {} is not a valid https URL: {}.",
                quote(url),
                other.describe()
            ),
        };
        out.push(
            Finding::new(Rule::DeliveryFormatSaasUrl, "/saas/url", message)
                .help("Give the service's address as https://host/…"),
        );
    }
}

/// A value quoted for a message, shortened when long.
pub(crate) fn quote(value: &str) -> String {
    const MAX: usize = 60;
    if value.chars().count() > MAX {
        let head: String = value.chars().take(MAX).collect();
        format!("\"{head}…\"")
    } else {
        format!("\"{value}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_table() {
        let rows: &[(&str, &str, &str)] = &[
            ("exact image", "image", "exact"),
            ("exact saas", "saas", "exact"),
            ("capitalised", "Image", "near"),
            ("trailing space", "SaaS ", "near"),
            ("misspelt sass", "sass", "near"),
            ("typo", "imgae", "near"),
            ("alias", "Virtual Machine", "near"),
            ("container", "container", "not"),
            ("api is not saas", "api", "not"),
            ("docker image", "Docker Image", "not"),
            ("nonsense", "blockchain", "unknown"),
        ];
        for (label, value, want) in rows {
            let got = match read(value, Ruleset::latest()) {
                Reading::Exact(_) => "exact",
                Reading::NearMiss(_) => "near",
                Reading::NotAllowed(_) => "not",
                Reading::Unknown => "unknown",
            };
            assert_eq!(got, *want, "{label}");
        }
    }
}
