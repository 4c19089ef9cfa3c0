//! Category: `[category, sub-category]` from the table of Policy §1.

use super::{suggest, Rule};
use crate::input::Listing;
use crate::policy::categories::{tree_in, CategoryTree};
use crate::policy::Ruleset;
use crate::report::Finding;

/// Checks `category` against the tree in `data/categories.json`.
pub(super) fn check(listing: &Listing, rs: Ruleset, out: &mut Vec<Finding>) {
    let Some(path) = listing.category.as_deref() else {
        return;
    };
    let tree = tree_in(rs);
    let path = canonical(tree, path, out);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match path.as_slice() {
        [] => {} // field/empty is reported by the fields rule
        [one] => one_level(tree, one, out),
        [cat, sub] => two_levels(tree, cat, sub, out),
        [cat, sub, ..] => {
            let valid = tree
                .category(cat)
                .is_some_and(|c| c.subcategories.iter().any(|s| s.name == *sub));
            let help = if valid {
                format!("Keep only [\"{cat}\", \"{sub}\"]: the policy's table has two levels.")
            } else {
                format!(
                    "Give two levels: {}.",
                    nearest_paths(tree, &format!("{cat} {sub}"))
                )
            };
            out.push(
                Finding::new(
                    Rule::CategoryWrongDepth,
                    "/category",
                    format!("The category has {} levels; the policy's table has two: category and sub-category.", path.len()),
                )
                .help(help),
            );
        }
    }
}

/// A category name with the differences that do not change which entry it
/// names folded away: case, spacing and punctuation, "&" for "and", and a
/// plural "s" ("Message Queues", "Finance & Tax", "operating system").
fn loose(name: &str) -> String {
    name.to_lowercase()
        .replace('&', " and ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The path with each level that differs from a table entry only in case,
/// spacing, punctuation, "&" or a plural "s" replaced by that entry (a
/// warning says so): the policy's category, written differently, is still
/// that category.
fn canonical(tree: &CategoryTree, path: &[String], out: &mut Vec<Finding>) -> Vec<String> {
    let mut fixed: Vec<String> = path.to_vec();
    let mut note = |i: usize, written: &str, name: &str| {
        out.push(
            Finding::new(
                Rule::FieldNonCanonical,
                format!("/category/{i}"),
                format!("\"{written}\" is read as the policy's \"{name}\"."),
            )
            .help(format!(
                "Write \"{name}\" exactly as the policy's table spells it."
            )),
        );
    };
    if let Some(first) = path.first() {
        if tree.category(first).is_none() {
            let key = loose(first);
            if let Some(c) = tree.categories.iter().find(|c| loose(&c.name) == key) {
                note(0, first, &c.name);
                fixed[0] = c.name.clone();
            }
        }
    }
    if let (Some(cat), Some(sub)) = (fixed.first().cloned(), path.get(1)) {
        if let Some(c) = tree.category(&cat) {
            if !c.subcategories.iter().any(|s| s.name == *sub) {
                let key = loose(sub);
                if let Some(s) = c.subcategories.iter().find(|s| loose(&s.name) == key) {
                    note(1, sub, &s.name);
                    fixed[1] = s.name.clone();
                }
            }
        }
    }
    fixed
}

fn one_level(tree: &CategoryTree, name: &str, out: &mut Vec<Finding>) {
    if let Some(cat) = tree.category(name) {
        let subs: Vec<String> = cat
            .subcategories
            .iter()
            .map(|s| format!("\"{}\"", s.name))
            .collect();
        out.push(
            Finding::new(
                Rule::CategoryWrongDepth,
                "/category",
                format!("\"{name}\" is a category; the listing must also name one of its sub-categories."),
            )
            .help(format!("Add a sub-category: one of {}.", subs.join(", "))),
        );
        return;
    }
    let parents = tree.parents_of(name);
    if let Some(parent) = parents.first() {
        out.push(
            Finding::new(
                Rule::CategoryWrongDepth,
                "/category",
                format!("\"{name}\" is a sub-category; the listing must also name its category."),
            )
            .help(format!(
                "Use [\"{}\", \"{name}\"].{}",
                parent.name,
                ambiguity_note(tree, &parent.name, name)
            )),
        );
        return;
    }
    out.push(
        Finding::new(
            Rule::CategoryUnknown,
            "/category/0",
            format!("\"{name}\" is not a category in the policy's table."),
        )
        .help(format!("Use one of: {}.", nearest_paths(tree, name))),
    );
}

fn two_levels(tree: &CategoryTree, cat: &str, sub: &str, out: &mut Vec<Finding>) {
    let Some(category) = tree.category(cat) else {
        // Unknown top level: a miscased/misspelt category, a sub-category in
        // the wrong slot, or nothing close.
        let near = suggest::closest(cat, tree.categories.iter().map(|c| c.name.as_str()), 1);
        let help = match (near.first(), tree.parents_of(cat).first()) {
            (_, Some(parent)) => format!(
                "\"{cat}\" is a sub-category of \"{}\". Use [\"{}\", \"{cat}\"].{}",
                parent.name,
                parent.name,
                ambiguity_note(tree, &parent.name, cat)
            ),
            (Some(n), None) => format!(
                "Did you mean \"{n}\"? Closest paths: {}.",
                nearest_paths(tree, &format!("{cat} {sub}"))
            ),
            (None, None) => format!(
                "Use one of: {}.",
                nearest_paths(tree, &format!("{cat} {sub}"))
            ),
        };
        out.push(
            Finding::new(
                Rule::CategoryUnknown,
                "/category/0",
                format!("\"{cat}\" is not a category in the policy's table."),
            )
            .help(help),
        );
        return;
    };
    if let Some(s) = category.subcategories.iter().find(|s| s.name == sub) {
        if let Some(amb) = s.reading.as_deref().and_then(|id| tree.ambiguity(id)) {
            out.push(
                Finding::new(
                    Rule::CategoryAmbiguousReading,
                    "/category/1",
                    format!("{} This checker reads it so: {}", amb.summary, amb.reading),
                )
                .help(format!(
                    "{} Other readings: {}.",
                    amb.advice,
                    amb.alternatives.join("; ")
                )),
            );
        }
        return;
    }
    let parents = tree.parents_of(sub);
    if let Some(parent) = parents.first() {
        out.push(
            Finding::new(
                Rule::CategoryWrongParent,
                "/category/1",
                format!(
                    "\"{sub}\" is a sub-category of \"{}\", not of \"{cat}\".",
                    parent.name
                ),
            )
            .help(format!(
                "Use [\"{}\", \"{sub}\"].{}",
                parent.name,
                ambiguity_note(tree, &parent.name, sub)
            )),
        );
        return;
    }
    let near = suggest::closest(
        sub,
        category.subcategories.iter().map(|s| s.name.as_str()),
        3,
    );
    let mut help = match near.as_slice() {
        [] => {
            let all: Vec<String> = category
                .subcategories
                .iter()
                .map(|s| format!("\"{}\"", s.name))
                .collect();
            format!("Sub-categories of \"{cat}\": {}.", all.join(", "))
        }
        [one] => format!("Did you mean \"{one}\"?"),
        many => format!(
            "Did you mean one of: {}?",
            many.iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    // Name the lost-cell ambiguity of this category's table rows, if any.
    // (Ambiguities tied to one sub-category's placement are reported by the
    // info finding instead.)
    let placement = |id: &str| {
        category
            .subcategories
            .iter()
            .any(|s| s.reading.as_deref() == Some(id))
    };
    for amb in tree
        .ambiguities
        .iter()
        .filter(|a| a.categories.iter().any(|c| c == cat) && !placement(&a.id))
    {
        help.push_str(&format!(" Note: {} {}", amb.summary, amb.advice));
    }
    out.push(
        Finding::new(
            Rule::CategoryUnknown,
            "/category/1",
            format!("\"{sub}\" is not a sub-category of \"{cat}\" in the policy's table."),
        )
        .help(help),
    );
}

/// The note for a sub-category whose placement is an uncertain reading.
fn ambiguity_note(tree: &CategoryTree, cat: &str, sub: &str) -> String {
    tree.category(cat)
        .and_then(|c| c.subcategories.iter().find(|s| s.name == sub))
        .and_then(|s| s.reading.as_deref())
        .and_then(|id| tree.ambiguity(id))
        .map(|a| format!(" Note: {} {}", a.summary, a.reading))
        .unwrap_or_default()
}

/// The three valid paths closest to `text`, formatted for a message.
fn nearest_paths(tree: &CategoryTree, text: &str) -> String {
    let paths: Vec<String> = tree
        .paths()
        .map(|(c, s)| format!("{} > {}", c.name, s.name))
        .collect();
    // Compare against the sub-category and against the whole path; keep the best.
    let mut scored: Vec<(f64, &String)> = paths
        .iter()
        .map(|p| {
            let folded = suggest::fold(text);
            let whole = strsim::normalized_damerau_levenshtein(
                &folded,
                &suggest::fold(&p.replace(" > ", " ")),
            );
            let last = p.rsplit(" > ").next().unwrap_or(p);
            let part = folded
                .split(' ')
                .collect::<Vec<_>>()
                .windows(2)
                .map(|w| w.join(" "))
                .chain(std::iter::once(folded.clone()))
                .map(|w| strsim::normalized_damerau_levenshtein(&w, &suggest::fold(last)))
                .fold(0.0, f64::max);
            (whole.max(part), p)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .iter()
        .take(3)
        .map(|(_, p)| {
            format!(
                "[{}]",
                p.split(" > ")
                    .map(|x| format!("\"{x}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}
