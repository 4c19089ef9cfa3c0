//! JSON text → [`Listing`] plus located `input/*` findings.

use serde_json::{Map, Value};

use super::{limits, Image, Justification, Listing, Saas, Urls, Vendor};
use crate::input::text::utf16_offset;
use crate::report::{Finding, Span};
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
    if text.len() > limits::MAX_INPUT_BYTES {
        out.findings.push(
            Finding::new(
                Rule::InputTooLarge,
                "",
                format!(
                    "The input is {} bytes; the limit is {} bytes (1 MiB).",
                    text.len(),
                    limits::MAX_INPUT_BYTES
                ),
            )
            .help("Shorten the description or split the batch into one listing per line."),
        );
        return out;
    }
    if text.trim().is_empty() {
        out.findings.push(
            Finding::new(Rule::InputNotJson, "", "The input is empty.")
                .help("Provide the listing as one JSON object, e.g. {\"name\": \"…\"}."),
        );
        return out;
    }
    if let Some(at) = too_deep(text) {
        let (line, column) = line_column(text, at);
        out.findings.push(
            Finding::new(
                Rule::InputTooDeep,
                "",
                format!(
                    "The input nests arrays/objects more than {} levels deep (line {line}, column {column}).",
                    limits::MAX_DEPTH
                ),
            )
            .help("A listing is a flat object with a few nested objects; remove the deep nesting.")
            .span(point_span(text, at)),
        );
        return out;
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            out.findings.push(json_error(text, &e));
            return out;
        }
    };
    let Value::Object(map) = value else {
        out.findings.push(
            Finding::new(
                Rule::InputNotObject,
                "",
                format!("The input is {}, not a JSON object.", kind(&value)),
            )
            .help("A listing is one JSON object: {\"name\": …, \"description\": …, …}."),
        );
        return out;
    };
    let mut reader = Reader {
        findings: &mut out.findings,
    };
    out.listing = Some(reader.listing(&map));
    out
}

/// Byte offset where nesting first exceeds [`limits::MAX_DEPTH`], if it does.
/// A linear scan that skips string contents, run before the JSON parser.
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limits::MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = floor_char_boundary(text, at);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A one-character span at a byte offset, in UTF-16 units.
fn point_span(text: &str, at: usize) -> Span {
    let at = floor_char_boundary(text, at);
    let start = utf16_offset(text, at);
    let width = text[at..]
        .chars()
        .next()
        .map_or(0, |c| c.len_utf16() as u32);
    Span {
        start,
        end: start + width,
    }
}

/// A located finding for a JSON syntax error.
fn json_error(text: &str, e: &serde_json::Error) -> Finding {
    let (line, column) = (e.line(), e.column());
    // serde_json columns count bytes from 1; convert to a byte offset.
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let at = (line_start + column.saturating_sub(1)).min(text.len());
    let (line, column) = line_column(text, at);
    let raw = e.to_string();
    let what = plain_words(raw.split(" at line ").next().unwrap_or(&raw));
    let help = match e.classify() {
        serde_json::error::Category::Eof => {
            "The input ends early: close every string, array and object."
        }
        _ if raw.contains("trailing characters") => {
            "Remove what follows the listing object (one listing per input; use JSON Lines for batches)."
        }
        _ if raw.contains("surrogate") || raw.contains("escape") => {
            "Fix the \\u escape: lone UTF-16 surrogates are not valid text."
        }
        _ => "Fix the JSON syntax at that position (check quotes, commas and brackets).",
    };
    Finding::new(
        Rule::InputNotJson,
        "",
        format!("The input is not valid JSON: {what} (line {line}, column {column})."),
    )
    .help(help)
    .span(point_span(text, at))
}

/// serde_json's terse syntax messages, in words a listing author follows.
fn plain_words(what: &str) -> String {
    let plain = match what {
        "expected ident" => "unexpected word (text must be in double quotes)",
        "expected value" => "expected a value (a string, number, array or object)",
        "key must be a string" => "object keys must be in double quotes",
        "trailing comma" => "trailing comma before a closing bracket",
        "EOF while parsing a value"
        | "EOF while parsing an object"
        | "EOF while parsing a list"
        | "EOF while parsing a string" => "the input ends before the JSON is complete",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "raw control character inside a string (escape it, e.g. \\n)"
        }
        other => other,
    };
    plain.to_string()
}

/// A short description of a JSON value's type, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads typed fields out of JSON objects, recording every problem.
struct Reader<'a> {
    findings: &'a mut Vec<Finding>,
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
];
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
    fn unknown(&mut self, map: &Map<String, Value>, path: &str, known: &[&str]) {
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
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

    /// A string field; `null` or absent is `None`.
    fn string(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<String> {
        match map.get(key)? {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong_type(pointer(path, key), "a string", other);
                None
            }
        }
    }

    /// An array of strings; wrong-typed elements are reported and dropped.
    fn strings(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<Vec<String>> {
        let here = pointer(path, key);
        match map.get(key)? {
            Value::Null => None,
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len().min(limits::MAX_KEYWORDS + 1));
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        other => self.wrong_type(pointer(&here, &i.to_string()), "a string", other),
                    }
                }
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
    fn objects<T>(
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
                for (i, item) in items.iter().enumerate() {
                    let at = pointer(&here, &i.to_string());
                    match item {
                        Value::Object(inner) => {
                            self.unknown(inner, &at, known);
                            out.push(read(self, inner, &at));
                        }
                        other => self.wrong_type(at, "an object", other),
                    }
                }
                out
            }
            Some(other) => {
                self.wrong_type(here, "an array of objects", other);
                Vec::new()
            }
        }
    }

    /// A nested object read by `read`; unknown keys inside it are reported.
    fn object<T>(
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
