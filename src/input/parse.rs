//! JSON text → [`Listing`] plus located `input/*` findings.

use serde_json::{Map, Value};

use super::json::{self, kind};
use super::{
    limits, Image, Justification, Listing, PersonalData, Saas, TrademarkUse, Urls, Vendor,
};
use crate::report::Finding;
use crate::rules::{suggest, Rule};

/// The outcome of parsing: a listing when the input was a JSON object
/// (possibly with some fields dropped for having the wrong type), and the
/// findings about the input itself.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The listing, when the input was a JSON object within the limits.
    pub listing: Option<Listing>,
    /// `input/*` findings.
    pub findings: Vec<Finding>,
}

/// Extends a JSON Pointer with one key or index, escaping `~` and `/`.
pub fn pointer(parent: &str, key: &str) -> String {
    let escaped = key.replace('~', "~0").replace('/', "~1");
    format!("{parent}/{escaped}")
}

/// Parses JSON text into a listing. Never fails: see [`Parsed`].
pub fn parse(text: &str) -> Parsed {
    let mut out = Parsed::default();
    match json::read_object(text, LISTING_SHAPE) {
        Ok(object) => {
            out.findings = object.findings;
            let mut reader = Reader {
                findings: &mut out.findings,
            };
            out.listing = Some(reader.listing(&object.map));
        }
        Err(finding) => out.findings.push(*finding),
    }
    out
}

/// What a listing looks like, for the help of empty / non-object input.
const LISTING_SHAPE: &str = "A listing is one JSON object: {\"name\": …, \"description\": …, …}.";

/// Most `input/*` findings of one kind listed for one object or array; the
/// rest are counted in one summary finding, so a hostile input (100k wrong
/// items) cannot make the report huge.
const MAX_FINDINGS_PER_OBJECT: usize = 10;

/// Reads typed fields out of JSON objects, recording every problem.
pub(crate) struct Reader<'a> {
    /// Where problems are recorded.
    pub(crate) findings: &'a mut Vec<Finding>,
}

const LISTING_FIELDS: &[&str] = &[
    "$schema",
    "id",
    "name",
    "short_description",
    "description",
    "keywords",
    "delivery_format",
    "category",
    "vendor",
    "urls",
    "image",
    "saas",
    "justifications",
    "personal_data",
    "trademarks",
    "last_purchase_date",
    "last_updated",
    "negative_feedback_ratio",
];
const PERSONAL_DATA_FIELDS: &[&str] = &["collected", "purpose", "retention"];
const TRADEMARK_FIELDS: &[&str] = &["mark", "owner", "authorization"];
const JUSTIFICATION_FIELDS: &[&str] = &["rule", "path", "reason"];
const VENDOR_FIELDS: &[&str] = &["name", "country", "billing_country"];
const URL_FIELDS: &[&str] = &[
    "product",
    "support",
    "privacy_policy",
    "documentation",
    "terms",
];
const IMAGE_FIELDS: &[&str] = &["os", "architecture"];
const SAAS_FIELDS: &[&str] = &["url"];

impl Reader<'_> {
    fn listing(&mut self, map: &Map<String, Value>) -> Listing {
        self.unknown(map, "", LISTING_FIELDS);
        Listing {
            id: self.string(map, "", "id"),
            name: self.string(map, "", "name"),
            short_description: self.string(map, "", "short_description"),
            description: self.string(map, "", "description"),
            keywords: self.strings(map, "", "keywords").unwrap_or_default(),
            delivery_format: self.string(map, "", "delivery_format"),
            category: self.strings(map, "", "category"),
            vendor: self.object(map, "", "vendor", VENDOR_FIELDS, |r, m, p| Vendor {
                name: r.string(m, p, "name"),
                country: r.string(m, p, "country"),
                billing_country: r.string(m, p, "billing_country"),
            }),
            urls: self.object(map, "", "urls", URL_FIELDS, |r, m, p| Urls {
                product: r.string(m, p, "product"),
                support: r.string(m, p, "support"),
                privacy_policy: r.string(m, p, "privacy_policy"),
                documentation: r.string(m, p, "documentation"),
                terms: r.string(m, p, "terms"),
            }),
            image: self.object(map, "", "image", IMAGE_FIELDS, |r, m, p| Image {
                os: r.string(m, p, "os"),
                architecture: r.string(m, p, "architecture"),
            }),
            saas: self.object(map, "", "saas", SAAS_FIELDS, |r, m, p| Saas {
                url: r.string(m, p, "url"),
            }),
            justifications: self.objects(
                map,
                "",
                "justifications",
                JUSTIFICATION_FIELDS,
                |r, m, p| Justification {
                    rule: r.string(m, p, "rule").unwrap_or_default(),
                    path: r.string(m, p, "path").unwrap_or_default(),
                    reason: r.string(m, p, "reason").unwrap_or_default(),
                },
            ),
            personal_data: self.object(
                map,
                "",
                "personal_data",
                PERSONAL_DATA_FIELDS,
                |r, m, p| PersonalData {
                    collected: r.strings(m, p, "collected").unwrap_or_default(),
                    purpose: r.string(m, p, "purpose"),
                    retention: r.string(m, p, "retention"),
                },
            ),
            trademarks: self.objects(map, "", "trademarks", TRADEMARK_FIELDS, |r, m, p| {
                TrademarkUse {
                    mark: r.string(m, p, "mark").unwrap_or_default(),
                    owner: r.string(m, p, "owner"),
                    authorization: r.string(m, p, "authorization"),
                }
            }),
            last_purchase_date: self.string(map, "", "last_purchase_date"),
            last_updated: self.string(map, "", "last_updated"),
            negative_feedback_ratio: self.number(map, "", "negative_feedback_ratio"),
        }
    }

    fn wrong_type(&mut self, path: String, expected: &str, found: &Value) {
        self.findings.push(
            Finding::new(
                Rule::InputWrongType,
                path,
                format!("Expected {expected}, found {}.", kind(found)),
            )
            .help(format!("Give this field as {expected}.")),
        );
    }

    /// Reports keys of `map` that are not in `known`, with a suggestion.
    pub(crate) fn unknown(&mut self, map: &Map<String, Value>, path: &str, known: &[&str]) {
        let unknown: Vec<&String> = map
            .keys()
            .filter(|k| !known.contains(&k.as_str()))
            .collect();
        if unknown.len() > MAX_FINDINGS_PER_OBJECT {
            let at = if path.is_empty() { "the listing" } else { path };
            self.findings.push(
                Finding::new(
                    Rule::InputUnknownField,
                    path,
                    format!(
                        "{} unknown fields in {at} are ignored (the first {MAX_FINDINGS_PER_OBJECT} are listed separately).",
                        unknown.len()
                    ),
                )
                .help(format!("Known fields here: {}.", known.join(", "))),
            );
        }
        for key in unknown.into_iter().take(MAX_FINDINGS_PER_OBJECT) {
            let help = match suggest::closest(key, known.iter().copied(), 3).first() {
                Some(s) => format!("Did you mean \"{s}\"? Otherwise remove the field."),
                None => format!("Remove the field; known fields here: {}.", known.join(", ")),
            };
            self.findings.push(
                Finding::new(
                    Rule::InputUnknownField,
                    pointer(path, key),
                    format!("Unknown field \"{key}\" is ignored."),
                )
                .help(help),
            );
        }
    }

    /// A scalar field read by `get`; `null` or absent is `None`, any other
    /// type is reported as `expected`.
    fn scalar<T>(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        expected: &str,
        get: impl FnOnce(&Value) -> Option<T>,
    ) -> Option<T> {
        let value = map.get(key)?;
        if value.is_null() {
            return None;
        }
        let got = get(value);
        if got.is_none() {
            self.wrong_type(pointer(path, key), expected, value);
        }
        got
    }

    /// A string field; `null` or absent is `None`.
    pub(crate) fn string(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<String> {
        self.scalar(map, path, key, "a string", |v| {
            v.as_str().map(str::to_string)
        })
    }

    /// A boolean field; `null` or absent is `None`.
    pub(crate) fn boolean(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<bool> {
        self.scalar(map, path, key, "true or false", Value::as_bool)
    }

    /// A number field; `null` or absent is `None`.
    pub(crate) fn number(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<f64> {
        self.scalar(map, path, key, "a number", Value::as_f64)
    }

    /// Counts a wrong-typed array item and reports it while fewer than
    /// [`MAX_FINDINGS_PER_OBJECT`] have been.
    fn wrong_item(
        &mut self,
        wrong: &mut usize,
        array: &str,
        index: usize,
        expected: &str,
        found: &Value,
    ) {
        *wrong += 1;
        if *wrong <= MAX_FINDINGS_PER_OBJECT {
            self.wrong_type(pointer(array, &index.to_string()), expected, found);
        }
    }

    /// One finding counting the wrong-typed items beyond those listed.
    fn wrong_items_summary(&mut self, array: String, wrong: usize, plural: &str, expected: &str) {
        if wrong > MAX_FINDINGS_PER_OBJECT {
            self.findings.push(
                Finding::new(
                    Rule::InputWrongType,
                    array,
                    format!(
                        "{wrong} items of this array are not {plural} and are ignored (the first {MAX_FINDINGS_PER_OBJECT} are listed separately)."
                    ),
                )
                .help(format!("Give every item as {expected}.")),
            );
        }
    }

    /// An array of strings; wrong-typed elements are reported and dropped.
    pub(crate) fn strings(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<Vec<String>> {
        let here = pointer(path, key);
        match map.get(key)? {
            Value::Null => None,
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len().min(limits::MAX_KEYWORDS + 1));
                let mut wrong = 0usize;
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        other => self.wrong_item(&mut wrong, &here, i, "a string", other),
                    }
                }
                self.wrong_items_summary(here, wrong, "strings", "a string");
                Some(out)
            }
            other => {
                self.wrong_type(here, "an array of strings", other);
                None
            }
        }
    }

    /// An array of objects, each read by `read`; wrong-typed elements are
    /// reported and dropped.
    pub(crate) fn objects<T>(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        known: &[&str],
        read: impl Fn(&mut Self, &Map<String, Value>, &str) -> T,
    ) -> Vec<T> {
        let here = pointer(path, key);
        match map.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                let mut wrong = 0usize;
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::Object(inner) => {
                            let at = pointer(&here, &i.to_string());
                            self.unknown(inner, &at, known);
                            out.push(read(self, inner, &at));
                        }
                        other => self.wrong_item(&mut wrong, &here, i, "an object", other),
                    }
                }
                self.wrong_items_summary(here, wrong, "objects", "an object");
                out
            }
            Some(other) => {
                self.wrong_type(here, "an array of objects", other);
                Vec::new()
            }
        }
    }

    /// A nested object read by `read`; unknown keys inside it are reported.
    pub(crate) fn object<T>(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        known: &[&str],
        read: impl FnOnce(&mut Self, &Map<String, Value>, &str) -> T,
    ) -> Option<T> {
        let here = pointer(path, key);
        match map.get(key)? {
            Value::Null => None,
            Value::Object(inner) => {
                self.unknown(inner, &here, known);
                Some(read(self, inner, &here))
            }
            other => {
                self.wrong_type(here, "an object", other);
                None
            }
        }
    }
}
