//! Policy data: the documents, their clauses and the category tree.
//!
//! All of it lives in `data/*.json`, embedded at compile time and parsed once.
//! Code refers to clauses by key (e.g. `policy.1.delivery`); a test checks
//! that every key a rule uses exists and every quote is verbatim in its source.

pub mod categories;
pub mod ruleset;

pub use ruleset::Ruleset;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[cfg(feature = "wasm")]
use tsify::Tsify;

/// The version id of the seed ruleset (used only if the embedded ruleset
/// table is unreadable; reports give [`Ruleset::id`]).
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

static CLAUSES: ruleset::PerRuleset<Clauses> = ruleset::PerRuleset::new(|rs| {
    serde_json::from_str(rs.file("clauses.json", CLAUSES_JSON)).unwrap_or_else(|_| Clauses {
        documents: BTreeMap::new(),
        clauses: BTreeMap::new(),
    })
});

/// All documents and clauses of the latest ruleset. An embedded file that
/// failed to parse yields an empty table, which the data tests catch.
pub fn clauses() -> &'static Clauses {
    CLAUSES.get(Ruleset::latest())
}

/// All documents and clauses of one ruleset version.
pub fn clauses_in(rs: Ruleset) -> &'static Clauses {
    CLAUSES.get(rs)
}

/// The citation for a clause key. An unknown key (a programming error the
/// data tests catch) yields a citation that says so instead of panicking.
pub fn citation(key: &str) -> Citation {
    citation_in(Ruleset::latest(), key)
}

/// The same clause as `citation` (a citation from the latest ruleset) in
/// ruleset `rs`: the clause key is found by its words in the latest
/// table. A citation that is not from the table comes back unchanged.
pub fn recite(citation: &Citation, rs: Ruleset) -> Citation {
    if rs == Ruleset::latest() {
        return citation.clone();
    }
    let latest = clauses();
    let key = latest.clauses.iter().find(|(_, c)| {
        c.clause == citation.clause
            && c.quote == citation.quote
            && latest
                .documents
                .get(&c.document)
                .is_some_and(|d| d.title == citation.document)
    });
    match key {
        Some((key, _)) => citation_in(rs, key),
        None => citation.clone(),
    }
}

/// The citation for a clause key in one ruleset version.
pub fn citation_in(rs: Ruleset, key: &str) -> Citation {
    let table = clauses_in(rs);
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
