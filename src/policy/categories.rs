//! The product category tree of Policy §1, from `data/categories.json`.

use super::ruleset::{PerRuleset, Ruleset};

use serde::{Deserialize, Serialize};

#[cfg(feature = "wasm")]
use tsify::Tsify;

const CATEGORIES_JSON: &str = include_str!("../../data/categories.json");

/// A sub-category and where in the source table it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct SubCategory {
    /// Exact name, as the policy spells it.
    pub name: String,
    /// Where in the extracted table this entry was read.
    pub source: String,
    /// Id of the ambiguity this entry's placement depends on, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub reading: Option<String>,
}

/// A top-level category with its sub-categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Category {
    /// Exact name, as the policy spells it.
    pub name: String,
    /// Where in the extracted table this entry was read.
    pub source: String,
    /// Its sub-categories.
    pub subcategories: Vec<SubCategory>,
}

/// A place where the extracted table is unclear, and the reading chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Ambiguity {
    /// Stable id, referenced by [`SubCategory::reading`].
    pub id: String,
    /// Categories whose table rows the ambiguity concerns.
    #[serde(default)]
    pub categories: Vec<String>,
    /// What is unclear.
    pub summary: String,
    /// The reading this tool applies, and why.
    pub reading: String,
    /// Other defensible readings.
    pub alternatives: Vec<String>,
    /// What the vendor should do about it.
    pub advice: String,
}

/// The whole tree with its provenance, as `categories()` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct CategoryTree {
    /// Document key the tree comes from.
    pub document: String,
    /// Version of that document.
    pub version: String,
    /// Clause key of the table.
    pub clause: String,
    /// How the extracted table was read.
    pub note: String,
    /// The categories, in the policy's order.
    pub categories: Vec<Category>,
    /// Unclear places in the table.
    pub ambiguities: Vec<Ambiguity>,
}

static TREE: PerRuleset<CategoryTree> = PerRuleset::new(|rs| {
    serde_json::from_str(rs.file("categories.json", CATEGORIES_JSON)).unwrap_or_else(|e| {
        CategoryTree {
            document: String::new(),
            version: String::new(),
            clause: String::new(),
            note: format!("embedded data/categories.json failed to parse: {e}"),
            categories: Vec::new(),
            ambiguities: Vec::new(),
        }
    })
});

/// The category tree of the latest ruleset (parsed once).
pub fn tree() -> &'static CategoryTree {
    TREE.get(Ruleset::latest())
}

/// The category tree of one ruleset version.
pub fn tree_in(rs: Ruleset) -> &'static CategoryTree {
    TREE.get(rs)
}

impl CategoryTree {
    /// The category with exactly this name.
    pub fn category(&self, name: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.name == name)
    }

    /// The ambiguity with this id.
    pub fn ambiguity(&self, id: &str) -> Option<&Ambiguity> {
        self.ambiguities.iter().find(|a| a.id == id)
    }

    /// Every valid `[category, sub-category]` path.
    pub fn paths(&self) -> impl Iterator<Item = (&Category, &SubCategory)> {
        self.categories
            .iter()
            .flat_map(|c| c.subcategories.iter().map(move |s| (c, s)))
    }

    /// Categories whose sub-categories include `name` exactly.
    pub fn parents_of(&self, name: &str) -> Vec<&Category> {
        self.categories
            .iter()
            .filter(|c| c.subcategories.iter().any(|s| s.name == name))
            .collect()
    }
}
