//! The listing: schema v1 input model and its located parser.
//!
//! [`parse`] turns JSON text into a [`Listing`] plus `input/*` findings. It
//! never fails: malformed input, wrong types and unknown fields become
//! findings with a JSON Pointer (and, for syntax errors, a line and column).

pub mod date;
pub mod json;
pub mod limits;
mod parse;
pub mod text;

pub(crate) use parse::Reader;
pub use parse::{parse, pointer, Parsed};

use serde::{Deserialize, Serialize};

#[cfg(feature = "wasm")]
use tsify::Tsify;

/// A product listing, schema v1 (`schema/listing.schema.json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Listing {
    /// Caller's identifier, carried through batch output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub id: Option<String>,
    /// Product name (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub name: Option<String>,
    /// One-line summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub short_description: Option<String>,
    /// Full description (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub description: Option<String>,
    /// Search keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub keywords: Vec<String>,
    /// `image` or `saas` (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub delivery_format: Option<String>,
    /// `[category, sub-category]` from Policy §1 (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub category: Option<Vec<String>>,
    /// Who lists the product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub vendor: Option<Vendor>,
    /// Links shown on the listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub urls: Option<Urls>,
    /// Image details, required when `delivery_format` is `image`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub image: Option<Image>,
    /// SaaS details, required when `delivery_format` is `saas`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub saas: Option<Saas>,
    /// The vendor's explanations of findings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub justifications: Vec<Justification>,
    /// Personal data the product collects from end-users (Policy, listing
    /// restrictions item 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub personal_data: Option<PersonalData>,
    /// Date (YYYY-MM-DD) of the last purchase on the marketplace (Policy §2(a)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub last_purchase_date: Option<String>,
    /// Date (YYYY-MM-DD) of the last release with bug fixes and patches (Policy §2(c)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub last_updated: Option<String>,
    /// Third-party marks the listing names, with the owner's authorization.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub trademarks: Vec<TrademarkUse>,
    /// Share of end-user feedback that is negative, 0 to 1 (Policy §2(b)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub negative_feedback_ratio: Option<f64>,
}

/// A third-party mark the listing uses, and the authorization to use it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct TrademarkUse {
    /// The mark, e.g. `Ubuntu`.
    #[serde(default)]
    pub mark: String,
    /// Who owns it, e.g. `Canonical Ltd.`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub owner: Option<String>,
    /// The authorization (licence, partner agreement) to use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub authorization: Option<String>,
}

/// What personal data the product collects, why, and for how long.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct PersonalData {
    /// Kinds collected: `email`, `name`, `location`, `biometric`,
    /// `government_id`, `health`, `payment_card`, `contacts`,
    /// `browsing_history`, … (`data/personal_data.json` lists them).
    #[serde(default)]
    pub collected: Vec<String>,
    /// Why the data is collected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub purpose: Option<String>,
    /// How long it is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub retention: Option<String>,
}

/// A vendor's explanation of a finding (e.g. a security product that names
/// the malware it removes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Justification {
    /// The rule id of the finding, e.g. `signal/malware`.
    #[serde(default)]
    pub rule: String,
    /// The JSON Pointer of the finding's field; a parent covers its children.
    #[serde(default)]
    pub path: String,
    /// Why the wording is acceptable.
    #[serde(default)]
    pub reason: String,
}

/// The vendor: who lists the product, and where it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Vendor {
    /// Legal name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub name: Option<String>,
    /// Country of residence (ISO 3166-1 alpha-2 or a common name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub country: Option<String>,
    /// Country of the billing address given at registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub billing_country: Option<String>,
}

/// Links shown on the listing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Urls {
    /// Product home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub product: Option<String>,
    /// Support page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub support: Option<String>,
    /// Privacy policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub privacy_policy: Option<String>,
    /// Documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub documentation: Option<String>,
    /// Terms of service / licence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub terms: Option<String>,
}

impl Urls {
    /// Every URL field present, with its key.
    pub fn entries(&self) -> Vec<(&'static str, &str)> {
        [
            ("product", &self.product),
            ("support", &self.support),
            ("privacy_policy", &self.privacy_policy),
            ("documentation", &self.documentation),
            ("terms", &self.terms),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
        .collect()
    }
}

/// Machine-image details.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Image {
    /// Operating system and version, e.g. `Ubuntu 24.04`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub os: Option<String>,
    /// CPU architecture, e.g. `x86_64` or `arm64`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub architecture: Option<String>,
}

/// SaaS details.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Saas {
    /// Where the service is reached: an https URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub url: Option<String>,
}

impl Listing {
    /// Every string in the listing with its JSON Pointer, in schema order.
    pub fn strings<'a>(&'a self) -> Vec<(String, &'a str)> {
        fn add<'a>(out: &mut Vec<(String, &'a str)>, path: &str, v: &'a Option<String>) {
            if let Some(v) = v {
                out.push((path.to_string(), v.as_str()));
            }
        }
        let mut out: Vec<(String, &str)> = Vec::new();
        let mut push = |path: &str, v: &'a Option<String>| add(&mut out, path, v);
        push("/id", &self.id);
        push("/name", &self.name);
        push("/short_description", &self.short_description);
        push("/description", &self.description);
        push("/delivery_format", &self.delivery_format);
        if let Some(v) = &self.vendor {
            push("/vendor/name", &v.name);
            push("/vendor/country", &v.country);
            push("/vendor/billing_country", &v.billing_country);
        }
        if let Some(i) = &self.image {
            push("/image/os", &i.os);
            push("/image/architecture", &i.architecture);
        }
        if let Some(s) = &self.saas {
            push("/saas/url", &s.url);
        }
        if let Some(p) = &self.personal_data {
            push("/personal_data/purpose", &p.purpose);
            push("/personal_data/retention", &p.retention);
        }
        push("/last_purchase_date", &self.last_purchase_date);
        push("/last_updated", &self.last_updated);
        for (i, k) in self.keywords.iter().enumerate() {
            out.push((format!("/keywords/{i}"), k.as_str()));
        }
        for (i, c) in self.category.iter().flatten().enumerate() {
            out.push((format!("/category/{i}"), c.as_str()));
        }
        if let Some(u) = &self.urls {
            for (key, url) in u.entries() {
                out.push((format!("/urls/{key}"), url));
            }
        }
        for (i, k) in self
            .personal_data
            .iter()
            .flat_map(|p| p.collected.iter())
            .enumerate()
        {
            out.push((format!("/personal_data/collected/{i}"), k.as_str()));
        }
        for (i, j) in self.justifications.iter().enumerate() {
            out.push((format!("/justifications/{i}/reason"), j.reason.as_str()));
        }
        out
    }
}
