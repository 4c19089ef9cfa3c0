//! Countries and the region each falls in, from `data/contract/countries.json`.

use crate::policy::ruleset::{PerRuleset, Ruleset};
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

#[cfg(feature = "wasm")]
use tsify::Tsify;

use crate::rules::suggest;

const DATA: &str = include_str!("../../data/contract/countries.json");

/// The agreement's regions for the contracting-entity clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Region {
    /// "Europe" (undefined in the agreement; see the data file's note).
    Europe,
    /// The United States of America.
    Us,
    /// India.
    In,
    /// Malaysia.
    My,
    /// Any other jurisdiction.
    Other,
}

impl Region {
    /// True for the four regions the agreement names (not the residual one).
    pub fn is_named(self) -> bool {
        self != Region::Other
    }

    /// How the agreement refers to the region.
    pub fn label(self) -> &'static str {
        match self {
            Region::Europe => "Europe",
            Region::Us => "the United States of America",
            Region::In => "India",
            Region::My => "Malaysia",
            Region::Other => {
                "a jurisdiction outside Europe, the United States of America, India and Malaysia"
            }
        }
    }
}

/// One country or territory.
#[derive(Debug, Clone, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// ISO 3166-1 alpha-3 code.
    pub alpha3: String,
    /// English name first, then other names and aliases (incl. Chinese).
    pub names: Vec<String>,
    /// The region it falls in under the reading used.
    pub region: Region,
    /// `clear` or `unclear`.
    pub status: String,
    /// Why it is in that region.
    pub why: String,
}

impl Country {
    /// The English name.
    pub fn name(&self) -> &str {
        self.names
            .first()
            .map_or(self.code.as_str(), String::as_str)
    }

    /// True when the region reading is genuinely unclear.
    pub fn unclear(&self) -> bool {
        self.status == "unclear"
    }
}

#[derive(Debug, Default, Deserialize)]
struct Table {
    countries: Vec<Country>,
}

struct Index {
    countries: Vec<Country>,
    by_key: HashMap<String, usize>,
}

fn key(s: &str) -> String {
    suggest::fold(s).replace(['.', '\''], "")
}

static INDEX: PerRuleset<Index> = PerRuleset::new(|rs| {
    let table: Table =
        serde_json::from_str(rs.file("contract/countries.json", DATA)).unwrap_or_default();
    let mut by_key = HashMap::new();
    for (i, c) in table.countries.iter().enumerate() {
        for k in std::iter::once(&c.code)
            .chain(std::iter::once(&c.alpha3))
            .chain(&c.names)
        {
            by_key.entry(key(k)).or_insert(i);
        }
    }
    Index {
        countries: table.countries,
        by_key,
    }
});

/// Every country in the latest ruleset's table.
pub fn all() -> &'static [Country] {
    &INDEX.get(Ruleset::latest()).countries
}

/// Looks a country up by alpha-2/alpha-3 code or by name/alias (English,
/// Chinese, common forms), ignoring case, dots and surrounding space.
///
/// # Errors
/// An unknown country: the error carries up to three close names.
pub fn lookup(input: &str) -> Result<&'static Country, Vec<&'static str>> {
    lookup_in(Ruleset::latest(), input)
}

/// [`lookup`] in one ruleset version's table.
///
/// # Errors
/// An unknown country: the error carries up to three close names.
pub fn lookup_in(rs: Ruleset, input: &str) -> Result<&'static Country, Vec<&'static str>> {
    let index = INDEX.get(rs);
    if let Some(&i) = index.by_key.get(&key(input)) {
        return Ok(&index.countries[i]);
    }
    let names = index
        .countries
        .iter()
        .flat_map(|c| c.names.iter().map(String::as_str));
    Err(suggest::closest(input, names, 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_table() {
        let rows: &[(&str, &str, &str)] = &[
            ("alpha-2", "DE", "DE"),
            ("alpha-2 lowercase", "de", "DE"),
            ("alpha-3", "DEU", "DE"),
            ("english", "Germany", "DE"),
            ("native", "Deutschland", "DE"),
            ("chinese", "德国", "DE"),
            ("uk alias", "UK", "GB"),
            ("united kingdom", "united kingdom", "GB"),
            ("usa dotted", "U.S.A.", "US"),
            ("korea", "South Korea", "KR"),
            ("turkiye", "Türkiye", "TR"),
            ("kosovo", "XK", "XK"),
            ("hong kong chinese", "香港", "HK"),
            ("space padded", "  fr ", "FR"),
        ];
        for (label, input, want) in rows {
            assert_eq!(lookup(input).map(|c| c.code.as_str()), Ok(*want), "{label}");
        }
        assert!(lookup("Atlantis").is_err());
        assert_eq!(
            lookup("Germny").err().and_then(|s| s.first().copied()),
            Some("Germany")
        );
    }
}
