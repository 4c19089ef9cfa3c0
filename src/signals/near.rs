//! Near misses of one-word terms: a text word one edit away from a term's
//! skeleton — a letter left out, added or changed, or two neighbours
//! swapped (`keyloggr`, `ransomeware`, `rootkti`) — reads as that term, as
//! a warning ([`super::Strength::Misspelt`]).
//!
//! Real words one edit from a term (`dental` for `hentai`, `tracked` for
//! `cracked`) never do: `data/signals/near-words.json` lists them
//! (`scripts/gen-near-words.py` draws them from English word lists with
//! `examples/near_words.rs`), and every other word of the vocabulary
//! (context words, benign phrases) is known too.
//!
//! Words and terms are compared as skeletons (the normaliser's output:
//! folded, repeats collapsed). One edit keeps a word's first or last few
//! letters as the term has them, so the index files each term under its
//! first and last letters for each length a word one edit off it can have:
//! a word is compared only with the terms filed under its own ends, after a
//! bit screen that turns most words away without a hash lookup.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Deserialize;

/// Shortest term, in skeleton letters, whose near misses are read.
pub const MIN_TERM: usize = 6;
/// Longest term and word: 24 letters of five bits fit a `u128` key.
pub const MAX_LETTERS: usize = 24;
/// Shortest text word read (a six-letter term less one letter).
pub const MIN_WORD: usize = MIN_TERM - 1;

/// `data/signals/near-words.json`: real words one edit from a term.
#[derive(Debug, Clone, Deserialize)]
pub struct NearWordsFile {
    /// Data format version.
    pub format: u32,
    /// Where the words come from.
    pub source: String,
    /// The words, as written.
    pub words: Vec<String>,
    /// Abbreviations and names one edit from a term that the word lists
    /// lack (`reveng`, reverse engineering), kept by hand.
    #[serde(default)]
    pub names: Vec<String>,
}

/// A word's skeleton as a key: five bits a letter (`a` = 1), the first
/// letter lowest; `None` unless it is `MIN_WORD..=MAX_LETTERS` letters
/// `a`–`z`.
pub fn pack(word: &[u8]) -> Option<u128> {
    if !(MIN_WORD..=MAX_LETTERS).contains(&word.len()) {
        return None;
    }
    // Read from the last letter, each shifted by a constant (a shift by a
    // variable amount is a library call on wasm32).
    let mut key = 0u128;
    for &b in word.iter().rev() {
        if !b.is_ascii_lowercase() {
            return None;
        }
        key = (key << 5) | u128::from(b - b'a' + 1);
    }
    Some(key)
}

/// Whether `a` and `b` are exactly one edit apart: one letter left out,
/// added or changed, or two neighbours swapped.
pub fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let i = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 => {
            i < short.len()
                && (short[i + 1..] == long[i + 1..]
                    || (i + 1 < short.len()
                        && short[i] == long[i + 1]
                        && short[i + 1] == long[i]
                        && short[i + 2..] == long[i + 2..]))
        }
        1 => short[i..] == long[i + 1..],
        _ => false,
    }
}

/// A multiplicative hash for the packed keys and file keys (SipHash
/// would cost more than the lookup).
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
    fn write_u128(&mut self, x: u128) {
        self.write_u64(x as u64);
        self.write_u64((x >> 64) as u64);
    }
}

type Fast = BuildHasherDefault<KeyHasher>;

/// The terms whose near misses are read, and the words that are not.
#[derive(Debug, Default)]
pub struct NearIndex {
    /// The terms: pattern and skeleton letters.
    terms: Vec<(u32, Box<[u8]>)>,
    /// (end, word length, letters) → range of `filed`: the terms a word of
    /// that length with those first (end 0) or last (end 1) letters may be
    /// one edit off ([`screen_len`] letters).
    files: HashMap<u64, (u32, u32), Fast>,
    /// Indices into `terms`, grouped by file.
    filed: Vec<u32>,
    /// Real words (the ruleset's `signals/near-words.json`): never near
    /// misses. The vocabulary's own words are not here: the engine skips
    /// them with its automaton (`Engine::near_misses_of`).
    known: HashSet<u128, Fast>,
    /// The files, as bits (see [`screen_bit`]): most words have none.
    screen: Vec<u64>,
    /// A first screen: a bit per end, word length and that end's two
    /// letters (see [`pair_bit`]).
    pairs: Vec<u64>,
}

/// Bits of each screen.
const SCREEN_BITS: usize = 1 << 16;

/// How many letters a word of `n` letters is filed by at each end: one
/// edit at a term's letter `i` keeps the first `g` letters where `i ≥ g`,
/// and the last `g` where the edit lies before them, so one end is kept
/// whenever `2g < n` (a swap of two neighbours, in a word as long as the
/// term, is the tightest case); at most six.
#[inline(always)]
fn screen_len(n: usize) -> usize {
    ((n - 1) / 2).min(6)
}

/// The file key of a word of `n` letters whose `end` (0: first, 1: last)
/// letters are `gram`.
#[inline(always)]
fn file_key(end: u64, n: usize, gram: &[u8]) -> u64 {
    let mut k = (end << 5) | n as u64;
    for &b in gram {
        k = (k << 5) | u64::from(b & 31);
    }
    k
}

/// The bit of [`NearIndex::pairs`] for a word of `n` letters whose `end`
/// (0: first, 1: last) two letters are `a`, `b`; `None` unless both are
/// `a`–`z` (no other word is read).
#[inline(always)]
fn pair_bit(end: usize, n: usize, a: u8, b: u8) -> Option<usize> {
    (a.is_ascii_lowercase() && b.is_ascii_lowercase() && n <= MAX_LETTERS + 1).then(|| {
        ((end * (MAX_LETTERS + 2) + n) * 26 + usize::from(a - b'a')) * 26 + usize::from(b - b'a')
    })
}

/// Bits of [`NearIndex::pairs`].
const PAIR_BITS: usize = 2 * (MAX_LETTERS + 2) * 26 * 26;

/// The screen bit of a file key.
#[inline(always)]
fn screen_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize % SCREEN_BITS
}

#[inline(always)]
fn has_bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

fn set_bit(bits: &mut [u64], i: usize) {
    if let Some(w) = bits.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

impl NearIndex {
    /// Builds the index from the terms' `(skeleton, pattern)` and the
    /// known words' keys ([`pack`]).
    pub fn new(terms: &[(Box<[u8]>, u32)], known: impl IntoIterator<Item = u128>) -> NearIndex {
        let mut index = NearIndex {
            screen: vec![0u64; SCREEN_BITS / 64],
            pairs: vec![0u64; PAIR_BITS.div_ceil(64)],
            known: known.into_iter().collect(),
            ..NearIndex::default()
        };
        let mut filing: Vec<(u64, u32)> = Vec::new();
        for (letters, pattern) in terms {
            let n = letters.len();
            if !(MIN_TERM..=MAX_LETTERS).contains(&n) {
                continue;
            }
            let t = index.terms.len() as u32;
            index.terms.push((*pattern, letters.clone()));
            // A word one edit off it is one letter shorter, as long, or one
            // longer.
            for len in n - 1..=n + 1 {
                let k = screen_len(len);
                for (end, gram) in [(0, &letters[..k]), (1, &letters[n - k..n])] {
                    filing.push((file_key(end, len, gram), t));
                }
                let ends = [
                    (0, letters[0], letters[1]),
                    (1, letters[n - 2], letters[n - 1]),
                ];
                for (end, a, b) in ends {
                    if let Some(bit) = pair_bit(end, len, a, b) {
                        set_bit(&mut index.pairs, bit);
                    }
                }
            }
        }
        filing.sort_unstable();
        filing.dedup();
        for (key, t) in filing {
            let at = index.filed.len() as u32;
            index.files.entry(key).or_insert((at, at)).1 = at + 1;
            index.filed.push(t);
            set_bit(&mut index.screen, screen_bit(key));
        }
        index
    }

    /// The patterns of the terms one edit from `word` (a skeleton word),
    /// each once, in `out`; none for a known word. Whether it found any.
    #[inline]
    pub fn lookup(&self, word: &[u8], out: &mut Vec<u32>) -> bool {
        out.clear();
        let n = word.len();
        if !(MIN_WORD..=MAX_LETTERS).contains(&n) {
            return false;
        }
        // One edit keeps the first or the last two letters at least.
        let first = pair_bit(0, n, word[0], word[1]);
        let last = pair_bit(1, n, word[n - 2], word[n - 1]);
        if !first.is_some_and(|i| has_bit(&self.pairs, i))
            && !last.is_some_and(|i| has_bit(&self.pairs, i))
        {
            return false;
        }
        let k = screen_len(n);
        for (end, gram) in [(0, &word[..k]), (1, &word[n - k..])] {
            let key = file_key(end, n, gram);
            if !has_bit(&self.screen, screen_bit(key)) {
                continue;
            }
            let Some(&(a, b)) = self.files.get(&key) else {
                continue;
            };
            for &t in self.filed.get(a as usize..b as usize).unwrap_or(&[]) {
                if let Some((pattern, letters)) = self.terms.get(t as usize) {
                    if !out.contains(pattern) && one_edit(word, letters) {
                        out.push(*pattern);
                    }
                }
            }
        }
        // Rarely reached: a word of letters `a`–`z` only, not a known one.
        if !out.is_empty() && pack(word).is_none_or(|key| self.known.contains(&key)) {
            out.clear();
        }
        !out.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The letters of a key (the inverse of [`pack`]).
    fn unpack(key: u128) -> Vec<u8> {
        (0..MAX_LETTERS)
            .map(|i| ((key >> (5 * i)) & 31) as u8)
            .take_while(|&c| c != 0)
            .map(|c| b'a' - 1 + c)
            .collect()
    }

    #[test]
    fn one_edit_is_exactly_one() {
        assert!(one_edit(b"keyioger", b"keyiogr"));
        assert!(one_edit(b"keyiogr", b"keyioger"));
        assert!(one_edit(b"rootkit", b"rootkat"));
        assert!(one_edit(b"phishing", b"phsihing"));
        assert!(one_edit(b"botnet", b"botnetz"));
        assert!(one_edit(b"botnet", b"zbotnet"));
        assert!(!one_edit(b"botnet", b"botnet"));
        assert!(!one_edit(b"botnet", b"bontte"));
        assert!(!one_edit(b"keyioger", b"eyiogerz"));
        assert!(!one_edit(b"rootkit", b"rotkat"));
    }

    #[test]
    fn keys_pack_and_unpack() {
        let k = pack(b"rootkit").unwrap_or_default();
        assert_eq!(unpack(k), b"rootkit");
        assert_eq!(pack(b"root"), None);
        assert_eq!(pack(b"rootkit1"), None);
        assert_eq!(pack(b"abcdefghijklmnopqrstuvwxy"), None);
        let longest = pack(b"abcdefghijklmnopqrstuvwz").unwrap_or_default();
        assert_eq!(unpack(longest), b"abcdefghijklmnopqrstuvwz");
    }

    #[test]
    fn lookup_finds_each_kind_of_edit_and_skips_known_words() {
        let terms: [(Box<[u8]>, u32); 2] =
            [(b"rootkit"[..].into(), 7), (b"phishing"[..].into(), 9)];
        let index = NearIndex::new(&terms, pack(b"fishing"));
        let mut out = Vec::new();
        for (word, want) in [
            (&b"rootkt"[..], vec![7]),
            (b"rootkits", vec![7]),
            (b"rootkat", vec![7]),
            (b"rotokit", vec![7]),
            (b"phishng", vec![9]),
            (b"rootkit", vec![]),
            (b"fishing", vec![]),
            (b"rotkat", vec![]),
            (b"painting", vec![]),
        ] {
            index.lookup(word, &mut out);
            assert_eq!(out, want, "{}", String::from_utf8_lossy(word));
        }
    }
}
