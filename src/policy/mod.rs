//! Policy data: the documents, their clauses and the category tree.
//!
//! All of it lives in `data/*.json`, embedded at compile time and parsed once.
//! Code refers to clauses by key (e.g. `policy.1.delivery`); a test checks
//! that every key a rule uses exists and every quote is verbatim in its source.

pub mod categories;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

#[cfg(feature = "wasm")]
use tsify::Tsify;

/// The version of the policy data this build encodes.
pub const RULESET_VERSION: &str = "policy-2023-01-13+agreement-2019-10-16";

const CLAUSES_JSON: &str = include_str!("../../data/clauses.json");

/// A reference to the clause a finding rests on, with its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Citation {
    /// Title of the document.
    pub document: String,
    /// Version (date) of the document.
    pub version: String,
    /// Clause or section, as the document numbers it.
    pub clause: String,
    /// The clause's words, verbatim.
    pub quote: String,
}

/// One source document.
#[derive(Debug, Clone, Deserialize)]
pub struct Document {
    /// Title of the document.
    pub title: String,
    /// Version (date) of the document.
    pub version: String,
    /// Path of the source text inside the repository.
    pub source: String,
}

/// One citable clause, as stored in `data/clauses.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Clause {
    /// Key into [`Clauses::documents`].
    pub document: String,
    /// Clause or section, as the document numbers it.
    pub clause: String,
    /// Verbatim words.
    pub quote: String,
}

/// The parsed `data/clauses.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Clauses {
    /// Documents by key (`policy`, `agreement`, `schema`).
    pub documents: BTreeMap<String, Document>,
    /// Clauses by key (e.g. `policy.1.delivery`).
    pub clauses: BTreeMap<String, Clause>,
}

static CLAUSES: LazyLock<Clauses> = LazyLock::new(|| {
    serde_json::from_str(CLAUSES_JSON).unwrap_or_else(|_| Clauses {
        documents: BTreeMap::new(),
        clauses: BTreeMap::new(),
    })
});

/// All documents and clauses. An embedded file that failed to parse yields an
/// empty table, which the data tests catch at build time.
pub fn clauses() -> &'static Clauses {
    &CLAUSES
}

/// The citation for a clause key. An unknown key (a programming error the
/// data tests catch) yields a citation that says so instead of panicking.
pub fn citation(key: &str) -> Citation {
    let table = clauses();
    match table.clauses.get(key) {
        Some(c) => {
            let doc = table.documents.get(&c.document);
            Citation {
                document: doc.map(|d| d.title.clone()).unwrap_or_default(),
                version: doc.map(|d| d.version.clone()).unwrap_or_default(),
                clause: c.clause.clone(),
                quote: c.quote.clone(),
            }
        }
        None => Citation {
            document: String::new(),
            version: String::new(),
            clause: format!("unknown clause key {key}"),
            quote: String::new(),
        },
    }
}
