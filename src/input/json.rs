//! JSON text → one JSON object, with every problem located: size and depth
//! limits (checked before the parser runs), syntax errors with line and
//! column, a non-object top level, and duplicate keys (which serde_json
//! would silently resolve to the last value, while other readers keep the
//! first).
//!
//! Shared by every input kind (listings, contract questions), so each
//! reads JSON the same way and within the same limits.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::limits;
use super::parse::pointer;
use crate::input::text::utf16_offset;
use crate::report::{Finding, Span};
use crate::rules::Rule;

/// Most duplicate-key findings reported for one input; the rest are counted
/// in the last one, so a hostile input cannot make the report huge.
const MAX_DUPLICATE_FINDINGS: usize = 10;

/// A JSON object read from text, plus findings about its keys (duplicates)
/// that do not stop it from being read.
#[derive(Debug)]
pub struct Object {
    /// The object; for a duplicated key, the last value (as serde_json reads it).
    pub map: Map<String, Value>,
    /// `input/duplicate-key` findings.
    pub findings: Vec<Finding>,
}

/// Reads `text` as one JSON object. `shape` is the help given when the
/// input is empty or not an object (it says what the object looks like).
/// On failure, the one located finding that stopped the reading.
pub fn read_object(text: &str, shape: &str) -> Result<Object, Box<Finding>> {
    if text.len() > limits::MAX_INPUT_BYTES {
        return Err(Box::new(too_large(text.len())));
    }
    if text.trim().is_empty() {
        return Err(Box::new(
            Finding::new(Rule::InputNotJson, "", "The input is empty.").help(shape),
        ));
    }
    if let Some(at) = too_deep(text) {
        let (line, column) = line_column(text, at);
        return Err(Box::new(Finding::new(
            Rule::InputTooDeep,
            "",
            format!(
                "The input nests arrays/objects more than {} levels deep (line {line}, column {column}).",
                limits::MAX_DEPTH
            ),
        )
        .help("A listing is a flat object with a few nested objects; remove the deep nesting.")
        .span(point_span(text, at))));
    }
    let mut duplicates = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let value = CheckedValue {
        path: String::new(),
        duplicates: &mut duplicates,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v))
    .map_err(|e| Box::new(json_error(text, &e)))?;
    let Value::Object(map) = value else {
        return Err(Box::new(
            Finding::new(
                Rule::InputNotObject,
                "",
                format!("The input is {}, not a JSON object.", kind(&value)),
            )
            .help(shape),
        ));
    };
    let total = duplicates.len();
    let mut findings: Vec<Finding> = duplicates
        .into_iter()
        .take(MAX_DUPLICATE_FINDINGS)
        .map(|path| {
            let key = path.rsplit('/').next().unwrap_or_default().replace("~1", "/").replace("~0", "~");
            Finding::new(
                Rule::InputDuplicateKey,
                path,
                format!("The key \"{key}\" appears more than once in the same object; the last value is used."),
            )
            .help("Keep one value per key: other JSON readers (the marketplace's among them) may keep the first one instead.")
        })
        .collect();
    if total > MAX_DUPLICATE_FINDINGS {
        if let Some(last) = findings.last_mut() {
            last.message.push_str(&format!(
                " ({} more duplicate keys not listed.)",
                total - MAX_DUPLICATE_FINDINGS
            ));
        }
    }
    Ok(Object { map, findings })
}

/// The `input/too-large` finding for an input of `len` bytes (which a
/// streaming reader may know without holding the bytes).
pub fn too_large(len: usize) -> Finding {
    Finding::new(
        Rule::InputTooLarge,
        "",
        format!(
            "The input is {len} bytes; the limit is {} bytes (1 MiB).",
            limits::MAX_INPUT_BYTES
        ),
    )
    .help("Shorten the description or split the batch into one listing per line.")
}

/// Bytes as UTF-8 text, or a located description of the first invalid byte
/// (e.g. "invalid UTF-8 at byte 12 (line 2, column 3)").
pub fn utf8(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let head = String::from_utf8_lossy(&bytes[..at]);
        let line = head.matches('\n').count() + 1;
        let column = head.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("invalid UTF-8 at byte {at} (line {line}, column {column})")
    })
}

/// Builds a [`Value`] like serde_json's own deserializer does, recording the
/// JSON Pointer of every key seen twice in one object.
struct CheckedValue<'a> {
    path: String,
    duplicates: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for CheckedValue<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CheckedValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let seed = CheckedValue {
                path: pointer(&self.path, &items.len().to_string()),
                duplicates: &mut *self.duplicates,
            };
            match seq.next_element_seed(seed)? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let path = pointer(&self.path, &key);
            let seed = CheckedValue {
                path: path.clone(),
                duplicates: &mut *self.duplicates,
            };
            let value = access.next_value_seed(seed)?;
            if map.insert(key, value).is_some() {
                self.duplicates.push(path);
            }
        }
        Ok(Value::Object(map))
    }
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
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
