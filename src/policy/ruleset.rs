//! Versioned rulesets (issue 6): which policy data applies on a date.
//!
//! Each directory `data/rulesets/<effective date>/` is one version: a
//! `ruleset.json` (version, effective date, document versions) and the data
//! files that version changes, at the same relative paths as in `data/`.
//! Every file a version does not change is inherited from the version before
//! it, and the oldest inherits the files in `data/`. `build.rs` embeds every
//! directory, so a new version is added as data only. A check selects the
//! latest version in force on its `as_of` date ([`select`]).

use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

use serde::Deserialize;

use crate::input::date::Date;

include!(concat!(env!("OUT_DIR"), "/rulesets.rs"));

/// The version and effective date of one source document in a ruleset.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DocumentVersion {
    /// Version of the document (its date).
    pub version: String,
    /// The date from which it applies.
    pub effective: String,
}

/// One ruleset version's `ruleset.json`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Manifest {
    /// Version id, e.g. `policy-2023-01-13+agreement-2019-10-16`.
    pub version: String,
    /// The date from which this ruleset applies (YYYY-MM-DD).
    pub effective: String,
    /// The source documents it encodes, by key (`policy`, `agreement`).
    pub documents: BTreeMap<String, DocumentVersion>,
}

/// One ruleset version with its data files resolved (its own, else
/// inherited).
#[derive(Debug, Clone)]
pub struct Version {
    /// What `ruleset.json` says.
    pub manifest: Manifest,
    /// Index of its directory in `EMBEDDED` (and `VOCABULARIES`).
    embedded: usize,
    effective: Date,
    files: BTreeMap<&'static str, &'static str>,
}

/// The ruleset versions, oldest first, and what was wrong with their data.
#[derive(Debug, Clone)]
pub struct Table {
    versions: Vec<Version>,
    /// Directories skipped for a missing or unreadable `ruleset.json` or
    /// effective date, or out of order; a data test asserts there are none.
    pub problems: Vec<String>,
}

impl Table {
    /// Reads embedded ruleset directories (oldest first), each with its
    /// files as (relative path, contents).
    pub fn from_embedded(
        embedded: &[(&'static str, &'static [(&'static str, &'static str)])],
    ) -> Table {
        let mut versions: Vec<Version> = Vec::new();
        let mut problems = Vec::new();
        for (index, (dir, files)) in embedded.iter().enumerate() {
            let manifest = files
                .iter()
                .find(|(path, _)| *path == "ruleset.json")
                .and_then(|(_, text)| serde_json::from_str::<Manifest>(text).ok());
            let Some(manifest) = manifest else {
                problems.push(format!("data/rulesets/{dir}: no readable ruleset.json"));
                continue;
            };
            let Some(effective) = Date::parse(&manifest.effective) else {
                problems.push(format!("data/rulesets/{dir}: effective is not YYYY-MM-DD"));
                continue;
            };
            if versions.last().is_some_and(|v| v.effective >= effective) {
                problems.push(format!(
                    "data/rulesets/{dir}: not later than the version before"
                ));
                continue;
            }
            let mut inherited = versions.last().map(|v| v.files.clone()).unwrap_or_default();
            for (path, text) in files.iter().filter(|(p, _)| *p != "ruleset.json") {
                inherited.insert(path, text);
            }
            versions.push(Version {
                manifest,
                embedded: index,
                effective,
                files: inherited,
            });
        }
        Table { versions, problems }
    }

    /// Number of versions.
    pub fn len(&self) -> usize {
        self.versions.len()
    }

    /// Whether there are none (only with broken data).
    pub fn is_empty(&self) -> bool {
        self.versions.is_empty()
    }

    /// The version at this index.
    pub fn version(&self, index: usize) -> Option<&Version> {
        self.versions.get(index)
    }

    /// Index of the latest version in force on `as_of` (the latest of all
    /// without a date); the oldest when `as_of` precedes every version
    /// ([`select`] then names the documents not yet in force).
    pub fn select(&self, as_of: Option<Date>) -> usize {
        let last = self.versions.len().saturating_sub(1);
        match as_of {
            None => last,
            Some(date) => self
                .versions
                .iter()
                .rposition(|v| v.effective <= date)
                .unwrap_or(0),
        }
    }

    /// The contents of a data file (path relative to `data/`) in version
    /// `index`: its own or inherited copy, else `seed` (the file in `data/`).
    pub fn file(&self, index: usize, path: &str, seed: &'static str) -> &'static str {
        self.versions
            .get(index)
            .and_then(|v| v.files.get(path).copied())
            .unwrap_or(seed)
    }
}

static TABLE: LazyLock<Table> = LazyLock::new(|| Table::from_embedded(EMBEDDED));

/// The embedded rulesets.
pub fn table() -> &'static Table {
    &TABLE
}

/// A handle on one embedded ruleset version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ruleset(usize);

impl Ruleset {
    /// The latest embedded ruleset (what a check without `as_of` uses).
    pub fn latest() -> Ruleset {
        Ruleset(table().len().saturating_sub(1))
    }

    /// Its manifest (`None` only if the embedded data is broken, which the
    /// data tests catch).
    pub fn manifest(self) -> Option<&'static Manifest> {
        table().version(self.0).map(|v| &v.manifest)
    }

    /// Its version id.
    pub fn id(self) -> &'static str {
        self.manifest()
            .map_or(super::RULESET_VERSION, |m| m.version.as_str())
    }

    /// Index of its directory among those `build.rs` embedded (`None`
    /// only if the embedded data is broken).
    pub fn embedded_index(self) -> Option<usize> {
        table().version(self.0).map(|v| v.embedded)
    }

    /// A data file (path relative to `data/`) as this version has it;
    /// `seed` is the file in `data/`, embedded by the caller.
    pub fn file(self, path: &str, seed: &'static str) -> &'static str {
        table().file(self.0, path, seed)
    }
}

/// The ruleset in force on `as_of` and, when `as_of` precedes every
/// version, the documents of the applied one that were not yet in force
/// (key and version), so the report can say so.
pub fn select(as_of: Option<Date>) -> (Ruleset, Vec<(String, String)>) {
    let rs = Ruleset(table().select(as_of));
    let mut not_yet = Vec::new();
    if let (Some(date), Some(m)) = (as_of, rs.manifest()) {
        for (key, doc) in &m.documents {
            if Date::parse(&doc.effective).is_some_and(|e| date < e) {
                not_yet.push((key.clone(), doc.version.clone()));
            }
        }
    }
    (rs, not_yet)
}

/// Data parsed once per ruleset version, on first use.
pub struct PerRuleset<T> {
    cells: OnceLock<Vec<OnceLock<T>>>,
    /// Used only if a handle outlives a smaller table (it cannot).
    spare: OnceLock<T>,
    build: fn(Ruleset) -> T,
}

impl<T> PerRuleset<T> {
    /// Data built by `build` for each version that is used.
    pub const fn new(build: fn(Ruleset) -> T) -> Self {
        PerRuleset {
            cells: OnceLock::new(),
            spare: OnceLock::new(),
            build,
        }
    }

    /// The data for `rs`, built on first use.
    pub fn get(&self, rs: Ruleset) -> &T {
        let cells = self
            .cells
            .get_or_init(|| (0..table().len()).map(|_| OnceLock::new()).collect());
        cells
            .get(rs.0)
            .unwrap_or(&self.spare)
            .get_or_init(|| (self.build)(rs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = r#"{"version": "v1", "effective": "2023-01-13",
        "documents": {"policy": {"version": "2023-01-13", "effective": "2023-01-13"}}}"#;
    const V2: &str = r#"{"version": "v2", "effective": "2025-07-01",
        "documents": {"policy": {"version": "2025-07-01", "effective": "2025-07-01"}}}"#;
    static TWO: &[(&str, &[(&str, &str)])] = &[
        ("2023-01-13", &[("ruleset.json", V1)]),
        (
            "2025-07-01",
            &[
                ("ruleset.json", V2),
                ("lifecycle.json", "{\"no_purchase_months\": 3}"),
            ],
        ),
    ];

    fn date(s: &str) -> Option<Date> {
        Date::parse(s)
    }

    #[test]
    fn the_latest_version_in_force_on_the_date_is_selected() {
        let table = Table::from_embedded(TWO);
        assert!(table.problems.is_empty(), "{:?}", table.problems);
        assert_eq!(table.select(None), 1, "no date: the latest");
        assert_eq!(table.select(date("2025-06-30")), 0);
        assert_eq!(
            table.select(date("2025-07-01")),
            1,
            "from its effective day"
        );
        assert_eq!(table.select(date("2030-01-01")), 1);
        assert_eq!(
            table.select(date("2020-01-01")),
            0,
            "before all: the oldest"
        );
    }

    #[test]
    fn a_version_changes_only_the_files_it_ships_and_inherits_the_rest() {
        let table = Table::from_embedded(TWO);
        let seed = "{\"no_purchase_months\": 6}";
        assert_eq!(table.file(0, "lifecycle.json", seed), seed);
        assert_eq!(
            table.file(1, "lifecycle.json", seed),
            "{\"no_purchase_months\": 3}"
        );
        assert_eq!(table.file(1, "categories.json", "seed"), "seed");
        let three: &[(&str, &[(&str, &str)])] = &[
            TWO[0],
            TWO[1],
            (
                "2026-01-01",
                &[(
                    "ruleset.json",
                    r#"{"version": "v3", "effective": "2026-01-01", "documents": {}}"#,
                )],
            ),
        ];
        let table = Table::from_embedded(three);
        assert_eq!(
            table.file(2, "lifecycle.json", seed),
            "{\"no_purchase_months\": 3}",
            "inherited from the version before, not the seed"
        );
    }

    #[test]
    fn broken_or_out_of_order_versions_are_reported_not_used() {
        let table = Table::from_embedded(&[
            ("2025-07-01", &[("ruleset.json", V2)]),
            ("2023-01-13", &[("ruleset.json", V1)]),
            ("junk", &[("ruleset.json", "{")]),
            ("empty", &[]),
        ]);
        assert_eq!(table.len(), 1);
        assert_eq!(table.problems.len(), 3, "{:?}", table.problems);
    }

    #[test]
    fn the_embedded_table_reads_cleanly_and_names_both_documents() {
        let table = table();
        assert!(table.problems.is_empty(), "{:?}", table.problems);
        let latest = Ruleset::latest().manifest().map(|m| m.documents.clone());
        let keys: Vec<String> = latest.unwrap_or_default().into_keys().collect();
        assert_eq!(keys, ["agreement", "policy"]);
        let (rs, not_yet) = select(date("2021-05-01"));
        assert_eq!(rs, Ruleset(0));
        assert_eq!(not_yet, [("policy".to_string(), "2023-01-13".to_string())]);
        assert!(select(date("2023-01-13")).1.is_empty());
    }
}
