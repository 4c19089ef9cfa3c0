//! Censored spellings: a letter replaced by an asterisk (`malw*re`, `p*rn`,
//! `c*caine`), the way people write a word they know a filter looks for.
//! The normaliser reads an asterisk as a separator (`key*gen` is `keygen`),
//! which drops the hidden letter; here each asterisk between two ASCII
//! letters is filled with each vowel in turn (censoring hides vowels), the
//! filled text is scanned, and a term hit that covers a filled asterisk is
//! kept. Filling replaces one ASCII byte with another, so every offset of
//! the filled text is an offset of the original.

use super::{Signal, Strength};

/// The letters an asterisk is read as.
const FILLS: [u8; 5] = [b'a', b'e', b'i', b'o', b'u'];

/// Most asterisks read per text: a text with more between letters is
/// formatting or code rather than censoring, and the bound keeps the
/// comparison with the signals already found small on hostile input.
const MAX_POSITIONS: usize = 64;

/// Byte offsets of the asterisks that stand between two ASCII letters (the
/// first [`MAX_POSITIONS`]).
pub fn positions(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'*') {
        // Most texts (a vectorised search).
        return Vec::new();
    }
    (1..bytes.len().saturating_sub(1))
        .filter(|&i| {
            bytes[i] == b'*'
                && bytes[i - 1].is_ascii_alphabetic()
                && bytes[i + 1].is_ascii_alphabetic()
        })
        .take(MAX_POSITIONS)
        .collect()
}

/// The term signals that filling the asterisks at `at` (from [`positions`])
/// finds and `found` lacks, with `matched` taken from the original text;
/// `scan` scans one filled text.
pub fn fill_signals(
    text: &str,
    at: &[usize],
    found: &[Signal],
    mut scan: impl FnMut(&str) -> Vec<Signal>,
) -> Vec<Signal> {
    let mut extra: Vec<Signal> = Vec::new();
    if at.is_empty() {
        return extra;
    }
    // UTF-16 offset of each asterisk (the spans' unit).
    let at16: Vec<u32> = at
        .iter()
        .map(|&b| text.get(..b).map_or(0, utf16_len))
        .collect();
    for fill in FILLS {
        let mut bytes = text.as_bytes().to_vec();
        for &b in at {
            if let Some(byte) = bytes.get_mut(b) {
                *byte = fill;
            }
        }
        // ASCII replaced ASCII: still UTF-8.
        let Ok(filled) = String::from_utf8(bytes) else {
            continue;
        };
        for mut s in scan(&filled) {
            let covers = at16.iter().any(|&a| s.span.start <= a && a < s.span.end);
            let term = matches!(s.strength, Strength::Strong | Strength::Weak);
            let known = found.iter().chain(&extra).any(|f| {
                f.class == s.class && f.span.start < s.span.end && s.span.start < f.span.end
            });
            if covers && term && !known {
                s.matched = original(text, s.span.start, s.span.end);
                extra.push(s);
            }
        }
    }
    extra
}

/// Length of `s` in UTF-16 code units.
fn utf16_len(s: &str) -> u32 {
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

/// The original text of UTF-16 span `start..end`.
fn original(text: &str, start: u32, end: u32) -> String {
    let mut at16 = 0u32;
    let mut out = String::new();
    for c in text.chars() {
        if at16 >= end {
            break;
        }
        if at16 >= start {
            out.push(c);
        }
        at16 += c.len_utf16() as u32;
    }
    out
}
