//! The shared fixture set: every listing in `tests/fixtures/` with its
//! expected report, embedded so the wasm tests (which cannot read files)
//! check exactly what the native tests check. `tests/fixtures.rs` fails if a
//! file in the folder is not registered here.

/// One fixture: its name, the listing text and the expected report JSON.
pub struct Fixture {
    /// File stem, e.g. `container`.
    pub name: &'static str,
    /// The listing, as JSON text (may be deliberately malformed).
    pub listing: &'static str,
    /// The expected report, pretty-printed JSON.
    pub report: &'static str,
}

macro_rules! fixture {
    ($name:literal) => {
        Fixture {
            name: $name,
            listing: include_str!(concat!("../fixtures/", $name, ".listing.json")),
            report: include_str!(concat!("../fixtures/", $name, ".report.json")),
        }
    };
}

/// Every fixture, by name.
pub const FIXTURES: &[Fixture] = &[
    fixture!("category-china-gateway"),
    fixture!("category-china-gateway-top"),
    fixture!("category-developer-tools-unknown"),
    fixture!("category-miscased"),
    fixture!("category-one-level"),
    fixture!("category-subcategory-only"),
    fixture!("category-three-levels"),
    fixture!("category-wrong-parent"),
    fixture!("container"),
    fixture!("delivery-api"),
    fixture!("delivery-near-miss"),
    fixture!("empty-required"),
    fixture!("hidden-characters"),
    fixture!("image-missing-details"),
    fixture!("image-with-saas-section"),
    fixture!("missing-required"),
    fixture!("not-json"),
    fixture!("not-object"),
    fixture!("personal-data-explained"),
    fixture!("personal-data-unreasonable"),
    fixture!("saas-http-url"),
    fixture!("saas-missing-url"),
    fixture!("signal-chinese"),
    fixture!("signal-evasive-malware"),
    fixture!("signal-justified"),
    fixture!("signal-security-product"),
    fixture!("suspension-dates"),
    fixture!("too-long"),
    fixture!("trailing-garbage"),
    fixture!("unknown-fields"),
    fixture!("url-problems"),
    fixture!("valid-image"),
    fixture!("valid-saas"),
    fixture!("wrong-types"),
];
