//! The rule catalogue: every rule with its class, explanation, quoted clause
//! and one failing and one passing example.
//!
//! The words and examples live in `data/rule_catalogue.json`; this module
//! joins them to [`Rule::meta`] and runs an example through the checker, so
//! a test (and a user) can see that each failing example fails with its rule
//! and each passing one does not.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Rule;
use crate::report::{Report, Severity};

const CATALOGUE_JSON: &str = include_str!("../../data/rule_catalogue.json");

/// Which checker an example is fed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ExampleInput {
    /// A listing, checked by `check`.
    #[default]
    Listing,
    /// An infringement report or counter-notification, checked by
    /// `checkInfringementReport`.
    IpReport,
}

/// One part of an example's raw text: literal text, or a string repeated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum TextPart {
    /// Literal text.
    Literal(String),
    /// `{"repeat": "ab", "times": 3}` stands for `ababab`.
    Repeat {
        /// The text to repeat.
        repeat: String,
        /// How many times.
        times: usize,
    },
}

/// An example input for a rule: either a JSON merge patch (RFC 7386) on the
/// catalogue's base input of that kind, or raw text (for inputs that are not
/// valid JSON objects). String values `{"repeat": s, "times": n}` inside a
/// patch stand for `s` repeated `n` times, so long inputs stay short here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Example {
    /// Which checker the example is for.
    #[serde(default)]
    pub input: ExampleInput,
    /// Merge patch on the base input (absent: the base input unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "unknown", optional))]
    pub patch: Option<Value>,
    /// Raw input text, used instead of the base and patch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub text: Option<Vec<TextPart>>,
    /// The check's as_of date, when the rule depends on one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub as_of: Option<String>,
}

/// A rule's two examples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Examples {
    /// An input the rule reports.
    pub failing: Example,
    /// A close input the rule does not report.
    pub passing: Example,
}

/// What the catalogue data says about one rule.
#[derive(Debug, Clone, Deserialize)]
struct Entry {
    class: String,
    summary_zh: String,
    explanation: String,
    failing: Example,
    passing: Example,
}

/// The parsed `data/rule_catalogue.json`.
#[derive(Debug, Clone, Deserialize)]
struct Data {
    /// Base inputs the examples patch, by input kind.
    bases: BTreeMap<String, Value>,
    /// Class names, with what each class means.
    classes: BTreeMap<String, String>,
    /// Entries by rule id.
    rules: BTreeMap<String, Entry>,
}

static DATA: LazyLock<Data> = LazyLock::new(|| {
    serde_json::from_str(CATALOGUE_JSON).unwrap_or_else(|_| Data {
        bases: BTreeMap::new(),
        classes: BTreeMap::new(),
        rules: BTreeMap::new(),
    })
});

/// One entry of the rule catalogue, as `rules()` returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct RuleInfo {
    /// Stable id, e.g. `signal/malware`.
    pub id: String,
    /// Default severity.
    pub severity: Severity,
    /// The kind of reason, e.g. `content` or `removal` (see [`classes`]).
    pub class: String,
    /// What the rule checks, in one line.
    pub summary: String,
    /// The summary in Simplified Chinese.
    pub summary_zh: String,
    /// Why the rule exists and how to satisfy it.
    pub explanation: String,
    /// The clause the rule enforces, quoted.
    pub citation: crate::policy::Citation,
    /// One input that fails with this rule and one that does not.
    pub examples: Examples,
}

/// Every rule with its class, explanation, quoted clause and examples, in
/// catalogue order. A rule the data file lacks (caught by the data tests)
/// gets empty words and base-input examples rather than a panic.
pub fn catalogue() -> Vec<RuleInfo> {
    Rule::ALL
        .iter()
        .map(|r| {
            let m = r.meta();
            let entry = DATA.rules.get(m.id);
            let base = Example {
                input: ExampleInput::Listing,
                patch: None,
                text: None,
                as_of: None,
            };
            RuleInfo {
                id: m.id.to_string(),
                severity: m.severity,
                class: entry.map(|e| e.class.clone()).unwrap_or_default(),
                summary: m.summary.to_string(),
                summary_zh: entry.map(|e| e.summary_zh.clone()).unwrap_or_default(),
                explanation: entry.map(|e| e.explanation.clone()).unwrap_or_default(),
                citation: crate::policy::citation(m.clause),
                examples: Examples {
                    failing: entry.map_or_else(|| base.clone(), |e| e.failing.clone()),
                    passing: entry.map_or(base, |e| e.passing.clone()),
                },
            }
        })
        .collect()
}

/// A rule's one-line summary in `lang` (`en` or `zh`); English for any
/// other language, or where a translation is missing.
pub fn summary(rule: super::Rule, lang: Lang) -> &'static str {
    let meta = rule.meta();
    match lang {
        Lang::Zh => DATA
            .rules
            .get(meta.id)
            .map(|e| e.summary_zh.as_str())
            .filter(|s| !s.is_empty())
            .unwrap_or(meta.summary),
        Lang::En => meta.summary,
    }
}

/// Languages rule summaries are available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (the language of every message).
    #[default]
    En,
    /// Simplified Chinese (rule summaries; messages stay English).
    Zh,
}

/// The rule classes and what each means, in name order.
pub fn classes() -> &'static BTreeMap<String, String> {
    &DATA.classes
}

/// Rule ids the catalogue data describes that no rule has (a stale entry).
pub fn stale_entries() -> Vec<&'static str> {
    DATA.rules
        .keys()
        .filter(|id| Rule::from_id(id).is_none())
        .map(String::as_str)
        .collect()
}

/// The base input examples of this kind patch, as JSON.
pub fn base(input: ExampleInput) -> Option<&'static Value> {
    DATA.bases.get(match input {
        ExampleInput::Listing => "listing",
        ExampleInput::IpReport => "ip_report",
    })
}

impl Example {
    /// The example's input text, as the checker receives it.
    pub fn input_text(&self) -> String {
        if let Some(parts) = &self.text {
            return parts
                .iter()
                .map(|p| match p {
                    TextPart::Literal(s) => s.clone(),
                    TextPart::Repeat { repeat, times } => repeat.repeat(*times),
                })
                .collect();
        }
        let mut value = base(self.input).cloned().unwrap_or(Value::Null);
        if let Some(patch) = &self.patch {
            merge_patch(&mut value, patch);
        }
        value.to_string()
    }

    /// Runs the example through its checker.
    pub fn run(&self) -> Report {
        let text = self.input_text();
        match self.input {
            ExampleInput::Listing => crate::check_json_str_with(
                &text,
                &crate::CheckOptions {
                    as_of: self.as_of.clone(),
                    ..Default::default()
                },
            ),
            ExampleInput::IpReport => crate::ip_report::check_json_str(&text),
        }
    }
}

/// Applies a JSON merge patch (RFC 7386): objects merge member by member,
/// `null` removes a member, anything else replaces. `{"repeat", "times"}`
/// objects expand to the repeated string.
fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(members) = patch else {
        *target = expand(patch);
        return;
    };
    if is_repeat(members) {
        *target = expand(patch);
        return;
    }
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(map) = target {
        for (key, value) in members {
            if value.is_null() {
                map.remove(key);
            } else {
                merge_patch(map.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
    }
}

fn is_repeat(members: &Map<String, Value>) -> bool {
    members.len() == 2 && members.contains_key("repeat") && members.contains_key("times")
}

/// A patch value with its repeat objects expanded.
fn expand(value: &Value) -> Value {
    match value {
        Value::Object(members) if is_repeat(members) => {
            let unit = members.get("repeat").and_then(Value::as_str).unwrap_or("");
            let times = members.get("times").and_then(Value::as_u64).unwrap_or(0);
            Value::String(unit.repeat(usize::try_from(times).unwrap_or(0)))
        }
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), expand(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(expand).collect()),
        other => other.clone(),
    }
}

/// The catalogue as a Markdown document (`docs/rules.md`,
/// `listing-precheck rules --format markdown`): a summary table, then one
/// section per rule with its explanation, clause and examples.
pub fn markdown() -> String {
    let all = catalogue();
    let mut doc = String::from(
        "# Rule catalogue\n\n\
         Generated from `data/rule_catalogue.json` and the rule table in `src/rules/mod.rs` \
         (also `listing-precheck rules --format markdown`, and wasm `rules()` as JSON); \
         regenerate with `UPDATE_DOCS=1 cargo test --test data`. \
         Every failing example below is checked to fail with its rule, and every passing one not to \
         (`tests/rule_catalogue.rs`).\n\n## Classes\n\n",
    );
    for (name, meaning) in classes() {
        doc.push_str(&format!("- **{name}**: {meaning}\n"));
    }
    doc.push_str("\n## Rules\n\n| Rule | Severity | Class | What it checks | Clause |\n|---|---|---|---|---|\n");
    for r in &all {
        doc.push_str(&format!(
            "| [`{}`](#{}) | {} | {} | {} | {} |\n",
            r.id,
            anchor(&r.id),
            r.severity.as_str(),
            r.class,
            cell(&r.summary),
            cell(&format!("{} ({})", r.citation.clause, r.citation.document)),
        ));
    }
    doc.push_str("\n## Examples\n\nExamples are JSON merge patches (RFC 7386) on these base inputs; `null` removes a field, and `{\"repeat\": s, \"times\": n}` stands for `s` repeated `n` times.\n\n");
    for (kind, input) in [
        ("listing", ExampleInput::Listing),
        ("ip_report", ExampleInput::IpReport),
    ] {
        let json = base(input).map_or_else(String::new, |v| {
            serde_json::to_string_pretty(v).unwrap_or_default()
        });
        doc.push_str(&format!("Base `{kind}`:\n\n```json\n{json}\n```\n\n"));
    }
    for r in &all {
        doc.push_str(&format!(
            "### {}\n\n{} — {} — *{}*\n\n{}\n\n> {} ({}, {}): “{}”\n\n",
            r.id,
            r.severity.as_str(),
            r.class,
            r.summary,
            r.explanation,
            r.citation.clause,
            r.citation.document,
            r.citation.version,
            r.citation.quote
        ));
        for (label, example) in [
            ("Fails", &r.examples.failing),
            ("Passes", &r.examples.passing),
        ] {
            doc.push_str(&format!("{label}: {}\n\n", describe(example)));
        }
    }
    doc
}

/// One example as a line of Markdown.
fn describe(example: &Example) -> String {
    let input = match example.input {
        ExampleInput::Listing => "listing",
        ExampleInput::IpReport => "ip_report",
    };
    let what = if let Some(parts) = &example.text {
        let text: String = parts
            .iter()
            .map(|p| match p {
                TextPart::Literal(s) => s.clone(),
                TextPart::Repeat { repeat, times } => format!("‹{repeat:?} × {times}›"),
            })
            .collect();
        format!("the text `{}`", text.replace('`', "'"))
    } else {
        match &example.patch {
            Some(p) if p.as_object().is_some_and(|m| !m.is_empty()) => {
                format!("base `{input}` with `{p}`")
            }
            _ => format!("base `{input}`"),
        }
    };
    match &example.as_of {
        Some(date) => format!("{what}, as of {date}"),
        None => what,
    }
}

fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}
