//! The embedded policy data is complete and faithful to its sources.
#![cfg(not(target_arch = "wasm32"))]

use listing_precheck::policy::{self, categories};
use listing_precheck::rules::Rule;

/// Whitespace-folded text without markdown emphasis (`**`), so quotes match
/// across line wrapping and formatting; the words themselves must be equal.
fn fold(s: &str) -> String {
    s.replace("**", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn source(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn every_quote_is_verbatim_in_its_source() {
    let table = policy::clauses();
    assert!(table.clauses.len() >= 10, "clauses.json parsed");
    for (key, clause) in &table.clauses {
        let doc = table
            .documents
            .get(&clause.document)
            .unwrap_or_else(|| panic!("{key}: unknown document {}", clause.document));
        let text = fold(&source(&doc.source));
        assert!(
            text.contains(&fold(&clause.quote)),
            "{key}: quote not found verbatim in {}",
            doc.source
        );
    }
}

#[test]
fn every_rule_cites_an_existing_clause_and_has_a_unique_id() {
    let mut ids = std::collections::BTreeSet::new();
    for rule in Rule::ALL {
        let meta = rule.meta();
        assert!(
            policy::clauses().clauses.contains_key(meta.clause),
            "{}: clause {} missing",
            meta.id,
            meta.clause
        );
        assert!(ids.insert(meta.id), "duplicate rule id {}", meta.id);
        assert_eq!(Rule::from_id(meta.id), Some(*rule));
        let (family, name) = meta.id.split_once('/').expect("family/name");
        assert!(
            !family.is_empty()
                && !name.is_empty()
                && meta
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '/')
        );
    }
}

#[test]
fn every_category_name_appears_in_the_policy_table() {
    let tree = categories::tree();
    assert_eq!(tree.categories.len(), 3, "{}", tree.note);
    let policy = source("data/sources/listing-policy-2023-01-13.txt");
    let table_start = policy
        .find("Categories Sub-Categories")
        .expect("table header");
    let table_end = policy.find("2. Suspension / Removal").expect("table end");
    let table: Vec<&str> = policy[table_start..table_end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .skip(1)
        .collect();
    let mut ours = Vec::new();
    for c in &tree.categories {
        ours.push(c.name.as_str());
        ours.extend(c.subcategories.iter().map(|s| s.name.as_str()));
    }
    assert_eq!(
        ours, table,
        "the tree lists every table line once, in the policy's order"
    );
    for (_, sub) in tree.paths() {
        if let Some(id) = &sub.reading {
            assert!(
                tree.ambiguity(id).is_some(),
                "{}: reading {id} has no ambiguity entry",
                sub.name
            );
        }
    }
}

#[test]
fn schema_quotes_name_the_real_limits() {
    use listing_precheck::input::limits::*;
    let quote = &policy::clauses().clauses["schema.limits"].quote;
    for n in [
        MAX_NAME_CHARS,
        MAX_SHORT_DESCRIPTION_CHARS,
        MAX_DESCRIPTION_CHARS,
        MAX_KEYWORDS,
        MAX_KEYWORD_CHARS,
        MAX_URL_CHARS,
        MAX_DEPTH,
        MAX_FINDINGS_PER_RULE,
    ] {
        assert!(
            quote.contains(&n.to_string()),
            "schema.limits quote lacks {n}"
        );
    }
    assert_eq!(MAX_INPUT_BYTES, 1024 * 1024);
    assert!(quote.contains("1 MiB"));
}

/// `docs/rules.md` is the catalogue as the code and data have it.
/// Regenerate with `UPDATE_DOCS=1 cargo test --test data`.
#[test]
fn the_rule_catalogue_document_is_up_to_date() {
    let doc = listing_precheck::rules::catalogue::markdown();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/docs")).expect("docs dir");
        std::fs::write(path, &doc).expect("write docs/rules.md");
    }
    let current = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        current == doc,
        "docs/rules.md is stale: run UPDATE_DOCS=1 cargo test --test data"
    );
}

/// Every policy data file names the document version it encodes, and that
/// version is the one the seed ruleset (data/rulesets/2023-01-13) lists, so
/// a new version cannot silently mix data of two versions.
#[test]
fn policy_data_files_carry_the_versions_of_their_ruleset() {
    use listing_precheck::policy::Ruleset;
    let manifest = Ruleset::latest().manifest().expect("embedded ruleset");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/data/");
    let files = [
        ("categories.json", "policy"),
        ("enforcement.json", "policy"),
        ("ip_report.json", "policy"),
        ("lifecycle.json", "policy"),
        ("personal_data.json", "policy"),
        ("trademarks.json", "policy"),
        ("contract/agreement.json", "agreement"),
        ("contract/countries.json", "agreement"),
    ];
    for (file, document) in files {
        let text = std::fs::read_to_string(format!("{root}{file}")).expect("data file");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(
            value["version"].as_str(),
            Some(manifest.documents[document].version.as_str()),
            "{file}"
        );
    }
    for file in ["en", "zh", "classes", "contexts"] {
        let text = std::fs::read_to_string(format!("{root}signals/{file}.json")).expect("data");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(
            value["version"].as_str(),
            Some(manifest.version.as_str()),
            "{file}"
        );
        assert_eq!(
            value["effective"].as_str(),
            Some(manifest.effective.as_str()),
            "{file}"
        );
    }
    let clauses = listing_precheck::policy::clauses();
    for (key, doc) in &manifest.documents {
        assert_eq!(
            clauses.documents[key].version, doc.version,
            "clauses.json {key}"
        );
    }
}
