//! Readings of a text that the normaliser's one pass cannot make, because
//! they depend on which word results: a letter censored with an asterisk
//! (`malw*re`, `p*rn`, `c*caine`), the letter pairs that look like one
//! letter (`rn` for `m`, `vv` for `w`: `rnalware`, `malvvare`, from Unicode
//! TR39's confusables), upside-down writing (`ǝɹɐʍlɐɯ ʎnq`) and text after
//! a right-to-left override in logical order. Folding
//! them always would spoil ordinary words (`turn`, `savvy`), so each
//! reading is tried as a variant of the text: an asterisk between two ASCII
//! letters filled with each vowel in turn (censoring hides vowels), each
//! pair written as its letter and an invisible character (the normaliser
//! drops it without breaking the word), each upside-down run turned back
//! in place, each override replaced by a zero-width space (the normaliser
//! reads the overridden run in display order, as a reader sees it:
//! `\u{202E}reggolyek`; a filter that only drops the control reads it in
//! the order stored: `rans\u{202E}omware`, so both are read). All keep
//! every UTF-16 offset of the original, so a
//! variant's signal spans the original text (mirrored inside a turned-back
//! run). A term hit that covers a changed place and was not found in the
//! text as written is kept.

use std::sync::LazyLock;

use memchr::memmem;

use super::normalize::{is_override_end, RLO};
use super::{Signal, Strength};
use crate::input::text::utf16_offset;

/// The letters an asterisk is read as.
const FILLS: [u8; 5] = [b'a', b'e', b'i', b'o', b'u'];

/// Letter pairs read as the letter they look like, with what replaces
/// them: the letter and a zero-width space (two UTF-16 units, as the pair).
const PAIRS: [(&[u8; 2], &str); 2] = [(b"rn", "m\u{200B}"), (b"vv", "w\u{200B}")];

/// Most places read per kind and text: a text with more is formatting or
/// code rather than disguise, and the bound keeps the comparison with the
/// signals already found small on hostile input.
const MAX_POSITIONS: usize = 64;

/// One variant of a text and the places it changed.
pub struct Variant {
    /// The text with the places changed.
    pub text: String,
    /// The changed places, in order: UTF-16 start and end in the original
    /// (and in the variant).
    changed: Vec<(u32, u32)>,
    /// Whether each changed place holds the original in reverse (an
    /// upside-down run): a span inside one is mirrored to find its place in
    /// the original.
    mirrored: bool,
}

/// Byte offsets of the asterisks that stand between two ASCII letters (the
/// first [`MAX_POSITIONS`]).
fn positions(text: &str) -> Vec<usize> {
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

/// The spellings of the pairs searched for (the usual cases: lower, upper,
/// capitalised), each a vectorised substring search built once.
static PAIR_FINDERS: LazyLock<Vec<memmem::Finder<'static>>> = LazyLock::new(|| {
    ["rn", "RN", "Rn", "vv", "VV", "Vv"]
        .iter()
        .map(|p| memmem::Finder::new(p.as_bytes()))
        .collect()
});

/// Byte offsets of the look-alike pairs ([`PAIRS`]) in words: `rn`
/// starting a word (no English word does: `rnalware`), `vv` next to a
/// letter (the first [`MAX_POSITIONS`]). Found by substring searches, so
/// a text without the pairs pays little for them.
fn pair_positions(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let letter = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphabetic)
    };
    let alnum = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphanumeric)
    };
    let mut out: Vec<usize> = Vec::new();
    for (k, finder) in PAIR_FINDERS.iter().enumerate() {
        let rn = k < 3;
        out.extend(
            finder
                .find_iter(bytes)
                .filter(|&i| {
                    if rn {
                        !alnum(i.checked_sub(1)) && letter(Some(i + 2))
                    } else {
                        letter(i.checked_sub(1)) || letter(Some(i + 2))
                    }
                })
                .take(MAX_POSITIONS),
        );
    }
    out.sort_unstable();
    // `vvv` is read once, from its first pair.
    out.dedup_by(|b, a| *b < *a + 2);
    out.truncate(MAX_POSITIONS);
    out
}

/// The variants of `text` worth scanning (none for most texts).
pub fn variants(text: &str) -> Vec<Variant> {
    // One UTF-16 unit from byte `b` on (an asterisk), or two (a pair).
    let place = |b: usize, units: u32| {
        let at = utf16_offset(text, b);
        (at, at + units)
    };
    let mut out = Vec::new();
    let stars = positions(text);
    if !stars.is_empty() {
        let changed: Vec<(u32, u32)> = stars.iter().map(|&b| place(b, 1)).collect();
        for fill in FILLS {
            let mut bytes = text.as_bytes().to_vec();
            for &b in &stars {
                if let Some(byte) = bytes.get_mut(b) {
                    *byte = fill;
                }
            }
            // ASCII replaced ASCII: still UTF-8.
            if let Ok(filled) = String::from_utf8(bytes) {
                out.push(Variant {
                    text: filled,
                    changed: changed.clone(),
                    mirrored: false,
                });
            }
        }
    }
    let pairs = pair_positions(text);
    if !pairs.is_empty() {
        let mut read = String::with_capacity(text.len() + 2 * pairs.len());
        let mut from = 0;
        for &b in &pairs {
            let pair = text
                .get(b..b + 2)
                .map(|p| p.to_ascii_lowercase().into_bytes());
            let with = PAIRS
                .iter()
                .find(|(p, _)| pair.as_deref() == Some(&p[..]))
                .map(|(_, w)| *w);
            if let (Some(before), Some(with)) = (text.get(from..b), with) {
                read.push_str(before);
                read.push_str(with);
                from = b + 2;
            }
        }
        read.push_str(text.get(from..).unwrap_or_default());
        out.push(Variant {
            text: read,
            changed: pairs.iter().map(|&b| place(b, 2)).collect(),
            mirrored: false,
        });
    }
    if let Some(flipped) = upside_down(text) {
        out.push(flipped);
    }
    if let Some(logical) = logical_order(text) {
        out.push(logical);
    }
    out
}

/// The text with each right-to-left override replaced by a zero-width
/// space (one UTF-16 unit and three bytes, as the override), its runs read
/// in the order stored; the changed places run from an override to where
/// it ends (POP DIRECTIONAL FORMATTING or ISOLATE, or the paragraph's
/// end). `None` without an override.
fn logical_order(text: &str) -> Option<Variant> {
    if !text.contains(RLO) {
        return None;
    }
    let mut read = String::with_capacity(text.len());
    let mut changed = Vec::new();
    let (mut at16, mut open) = (0u32, None);
    for c in text.chars() {
        if c == RLO {
            open.get_or_insert(at16);
            read.push('\u{200B}');
        } else {
            if is_override_end(c) {
                if let Some(from) = open.take() {
                    changed.push((from, at16));
                }
            }
            read.push(c);
        }
        at16 += c.len_utf16() as u32;
    }
    if let Some(from) = open {
        changed.push((from, at16));
    }
    changed.truncate(MAX_POSITIONS);
    Some(Variant {
        text: read,
        changed,
        mirrored: false,
    })
}

/// Upside-down letters (`ǝɹɐʍlɐɯ` shows "malware" turned over) and the
/// letters they are; ordinary letters that read as another turned over
/// (`d` is `p`, `n` is `u`) count only inside a run with the first kind.
const FLIPPED: [(char, char); 26] = [
    ('ɐ', 'a'),
    ('ɔ', 'c'),
    ('ǝ', 'e'),
    ('ɟ', 'f'),
    ('ƃ', 'g'),
    ('ɥ', 'h'),
    ('ᴉ', 'i'),
    ('ı', 'i'),
    ('ɾ', 'j'),
    ('ʞ', 'k'),
    ('ן', 'l'),
    ('ɯ', 'm'),
    ('ɹ', 'r'),
    ('ʇ', 't'),
    ('ʌ', 'v'),
    ('ʍ', 'w'),
    ('ʎ', 'y'),
    ('∀', 'a'),
    ('Ǝ', 'e'),
    ('⊥', 't'),
    ('∩', 'u'),
    ('Λ', 'v'),
    ('⅄', 'y'),
    ('ᴚ', 'r'),
    ('Ԁ', 'p'),
    ('˥', 'l'),
];

/// Ordinary letters as they read turned over.
const TURNED: [(char, char); 14] = [
    ('b', 'q'),
    ('d', 'p'),
    ('l', 'l'),
    ('n', 'u'),
    ('o', 'o'),
    ('p', 'd'),
    ('q', 'b'),
    ('s', 's'),
    ('u', 'n'),
    ('x', 'x'),
    ('z', 'z'),
    ('O', 'o'),
    ('S', 's'),
    ('X', 'x'),
];

/// Fewest upside-down letters a run needs to be read turned over.
const MIN_FLIPPED: usize = 2;

/// `text` with its upside-down writing turned back (see [`upside_down`]),
/// or as it is.
pub fn turned_back(text: &str) -> String {
    upside_down(text).map_or_else(|| text.to_string(), |v| v.text)
}

/// The text with each run of upside-down writing turned back: its words
/// (all of their letters upside-down or turned, one at least upside-down)
/// read in reverse order, as turned-over text is read from its end. Every
/// letter of [`FLIPPED`] and [`TURNED`] is one UTF-16 unit, so the run
/// keeps its place and length. `None` when there is no such run (a text
/// without IPA letters is skipped by one byte search).
fn upside_down(text: &str) -> Option<Variant> {
    // Most upside-down letters are IPA (U+0250–U+02AF: lead bytes C9, CA).
    memchr::memchr2(0xC9, 0xCA, text.as_bytes())?;
    let flipped = |c: char| FLIPPED.iter().find(|&&(f, _)| f == c).map(|&(_, to)| to);
    let turned = |c: char| TURNED.iter().find(|&&(f, _)| f == c).map(|&(_, to)| to);
    let chars: Vec<char> = text.chars().collect();
    // The words (char ranges between spaces) written upside-down, with
    // their count of upside-down letters.
    let mut words: Vec<(usize, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] != ' ' {
            i += 1;
        }
        let word = chars.get(start..i).unwrap_or_default();
        let count = word.iter().filter(|&&c| flipped(c).is_some()).count();
        if count > 0
            && word
                .iter()
                .all(|&c| flipped(c).is_some() || turned(c).is_some())
        {
            words.push((start, i, count));
        }
    }
    // Runs of such words with only spaces between them.
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for (start, end, count) in words {
        match runs.last_mut() {
            Some(run)
                if chars
                    .get(run.1..start)
                    .is_some_and(|gap| gap.iter().all(|&c| c == ' ')) =>
            {
                run.1 = end;
                run.2 += count;
            }
            _ => runs.push((start, end, count)),
        }
    }
    let mut out = chars.clone();
    let mut changed = Vec::new();
    // UTF-16 offset of each char (and of the end).
    let mut pre16 = Vec::with_capacity(chars.len() + 1);
    let mut at = 0u32;
    pre16.push(at);
    for c in &chars {
        at += c.len_utf16() as u32;
        pre16.push(at);
    }
    let at16 = |k: usize| pre16.get(k).copied().unwrap_or(at);
    for (start, end, _) in runs
        .into_iter()
        .filter(|r| r.2 >= MIN_FLIPPED)
        .take(MAX_POSITIONS)
    {
        let run: Vec<char> = chars
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .rev()
            .map(|&c| flipped(c).or_else(|| turned(c)).unwrap_or(c))
            .collect();
        if let Some(slot) = out.get_mut(start..end) {
            slot.copy_from_slice(&run);
        }
        changed.push((at16(start), at16(end)));
    }
    (!changed.is_empty()).then(|| Variant {
        text: out.into_iter().collect(),
        changed,
        mirrored: true,
    })
}

/// The term signals that the variants of `text` find and `found` lacks,
/// with `matched` taken from the original text; `scan` reads one variant
/// (for term hits: nothing else is kept).
pub fn variant_signals(
    text: &str,
    found: &[Signal],
    mut scan: impl FnMut(&str) -> Vec<Signal>,
) -> Vec<Signal> {
    let mut extra: Vec<Signal> = Vec::new();
    for variant in variants(text) {
        for mut s in scan(&variant.text) {
            // The first changed place that ends after the span's start
            // (places are in order and apart) is the one it can cover.
            let first = variant.changed.partition_point(|&(_, b)| b <= s.span.start);
            let Some(&(a, b)) = variant.changed.get(first).filter(|&&(a, _)| a < s.span.end) else {
                continue;
            };
            if variant.mirrored && a <= s.span.start && s.span.end <= b {
                // Inside a turned-back run: at its place in the original.
                (s.span.start, s.span.end) = (a + b - s.span.end, a + b - s.span.start);
            }
            let term = matches!(s.strength, Strength::Strong | Strength::Weak);
            // A misspelt or glued reading of the text as written gives way
            // to the term a variant reads (`k*ylogger`: `keylogger`, not one
            // letter off it).
            let known = found.iter().chain(&extra).any(|f| {
                f.class == s.class
                    && !f.strength.is_reading()
                    && f.span.start < s.span.end
                    && s.span.start < f.span.end
            });
            if term && !known {
                s.matched = original(text, s.span.start, s.span.end);
                extra.push(s);
            }
        }
    }
    extra
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
