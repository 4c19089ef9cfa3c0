//! Near misses of one-word terms: a text word one edit away from a term's
//! skeleton — a letter left out, added or changed, or two neighbours
//! swapped (`keyloggr`, `ransomwear`, `rootkti`, `phsihing`) — reads as
//! that term, as a warning ([`super::Strength::Misspelt`]).
//!
//! Real words one edit from a term (`fishing` for `phishing`, `tracked`
//! for `cracked`) never do: `data/signals/near-words.json` lists them
//! (`scripts/gen-near-words.py` draws them from an English word-frequency
//! list with `examples/near_words.rs`), and every word of the vocabulary
//! itself (context words, benign phrases) is known too.
//!
//! Words and terms are compared as skeletons (the normaliser's output:
//! folded, repeats collapsed), packed five bits a letter into a `u128`; the
//! index holds every term and every term with one letter deleted, so a
//! word is looked up as itself and with each of its letters deleted
//! (the symmetric-deletion method), and each candidate is confirmed as one
//! edit away.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Deserialize;

/// Shortest term, in skeleton letters, whose near misses are read.
pub const MIN_TERM: usize = 6;
/// Longest term and word: 24 letters of five bits fit a key.
pub const MAX_LETTERS: usize = 24;
/// Shortest text word read (a six-letter term less one letter).
pub const MIN_WORD: usize = MIN_TERM - 1;

/// Marks a key that is a term with one letter deleted.
const DELETED: u128 = 1 << 127;

/// `data/signals/near-words.json`: real words one edit from a term.
#[derive(Debug, Clone, Deserialize)]
pub struct NearWordsFile {
    /// Data format version.
    pub format: u32,
    /// Where the words come from.
    pub source: String,
    /// The words, as written.
    pub words: Vec<String>,
}

/// A word's skeleton as a key: five bits a letter (`a` = 1), the first
/// letter lowest; `None` unless it is `MIN_WORD..=MAX_LETTERS` letters
/// `a`–`z`.
pub fn pack(word: &[u8]) -> Option<u128> {
    if !(MIN_WORD..=MAX_LETTERS).contains(&word.len()) {
        return None;
    }
    let mut key = 0u128;
    for (i, &b) in word.iter().enumerate() {
        if !b.is_ascii_lowercase() {
            return None;
        }
        key |= u128::from(b - b'a' + 1) << (5 * i);
    }
    Some(key)
}

/// The key with letter `i` deleted.
#[inline(always)]
fn delete(key: u128, i: usize) -> u128 {
    let low = key & ((1u128 << (5 * i)) - 1);
    let high = (key >> (5 * (i + 1))) << (5 * i);
    low | high
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

/// A multiplicative hash for the packed keys (they are already well
/// spread; the standard SipHash would cost more than the lookup).
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
    /// A term's key, or a term's key with a letter deleted (marked
    /// [`DELETED`]), → its range in `terms`.
    keys: HashMap<u128, (u32, u32), Fast>,
    /// `(pattern, key)` of the terms, grouped by index key.
    terms: Vec<(u32, u128)>,
    /// Real words and the vocabulary's words: never near misses.
    known: HashSet<u128, Fast>,
    /// Which first three and last three letters a term has (bit per
    /// 15-bit trigram key): a word one edit from a term of seven letters
    /// or more keeps one of them, so most words need no lookup.
    prefixes: Vec<u64>,
    suffixes: Vec<u64>,
}

/// The 15-bit key of three letters of a packed key, from letter `at`.
#[inline(always)]
fn trigram(key: u128, at: usize) -> usize {
    ((key >> (5 * at)) & 0x7fff) as usize
}

#[inline(always)]
fn has_bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

impl NearIndex {
    /// Builds the index from the terms' `(key, pattern)` and the known
    /// words' keys.
    pub fn new(terms: &[(u128, u32)], known: impl IntoIterator<Item = u128>) -> NearIndex {
        let mut all: Vec<(u128, u32, u128)> = Vec::with_capacity(terms.len() * 10);
        let (mut prefixes, mut suffixes) = (vec![0u64; 512], vec![0u64; 512]);
        for &(key, pattern) in terms {
            let n = letters(key);
            all.push((key, pattern, key));
            for i in 0..n {
                all.push((delete(key, i) | DELETED, pattern, key));
            }
            let (p, s) = (trigram(key, 0), trigram(key, n - 3));
            prefixes[p / 64] |= 1 << (p % 64);
            suffixes[s / 64] |= 1 << (s % 64);
        }
        all.sort_unstable();
        all.dedup();
        let mut keys: HashMap<u128, (u32, u32), Fast> = HashMap::default();
        let mut out: Vec<(u32, u128)> = Vec::with_capacity(all.len());
        for (k, pattern, key) in all {
            let at = out.len() as u32;
            keys.entry(k).or_insert((at, at)).1 = at + 1;
            out.push((pattern, key));
        }
        NearIndex {
            keys,
            terms: out,
            known: known.into_iter().collect(),
            prefixes,
            suffixes,
        }
    }

    /// The patterns of the terms one edit from `word` (a skeleton word),
    /// each once; none for a known word.
    pub fn lookup(&self, word: &[u8], out: &mut Vec<u32>) {
        out.clear();
        let Some(key) = pack(word) else {
            return;
        };
        let n = word.len();
        // Words of seven letters or more keep a term's first or last three
        // (shorter ones are read in full: few words are that short).
        if n >= MIN_TERM + 1
            && !has_bit(&self.prefixes, trigram(key, 0))
            && !has_bit(&self.suffixes, trigram(key, n - 3))
        {
            return;
        }
        if self.known.contains(&key) {
            return;
        }
        let found = |k: u128, out: &mut Vec<u32>| {
            if let Some(&(a, b)) = self.keys.get(&k) {
                for &(pattern, term) in self.terms.get(a as usize..b as usize).unwrap_or(&[]) {
                    if !out.contains(&pattern) && one_edit(word, &unpack(term)) {
                        out.push(pattern);
                    }
                }
            }
        };
        // The word is a term less one letter.
        found(key | DELETED, out);
        for i in 0..n {
            let d = delete(key, i);
            // A term with a letter added; a term with one changed, or two
            // neighbours swapped.
            found(d, out);
            found(d | DELETED, out);
        }
    }
}

/// How many letters a key holds.
fn letters(key: u128) -> usize {
    (0..MAX_LETTERS)
        .take_while(|&i| (key >> (5 * i)) & 31 != 0)
        .count()
}

/// The letters of a key.
fn unpack(key: u128) -> Vec<u8> {
    (0..letters(key))
        .map(|i| b'a' - 1 + ((key >> (5 * i)) & 31) as u8)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn keys_pack_delete_and_unpack() {
        let k = pack(b"rootkit").unwrap_or_default();
        assert_eq!(unpack(k), b"rootkit");
        assert_eq!(unpack(delete(k, 0)), b"ootkit");
        assert_eq!(unpack(delete(k, 6)), b"rootki");
        assert_eq!(unpack(delete(k, 3)), b"rookit");
        assert_eq!(pack(b"root"), None);
        assert_eq!(pack(b"rootkit1"), None);
        assert_eq!(pack(b"abcdefghijklmnopqrstuvwxy"), None);
        let longest = pack(b"abcdefghijklmnopqrstuvwz").unwrap_or_default();
        assert_eq!(unpack(longest), b"abcdefghijklmnopqrstuvwz");
        assert_eq!(unpack(delete(longest, 23)), b"abcdefghijklmnopqrstuvw");
    }

    #[test]
    fn lookup_finds_each_kind_of_edit_and_skips_known_words() {
        let terms = [
            (pack(b"rootkit").unwrap_or_default(), 7),
            (pack(b"phishing").unwrap_or_default(), 9),
        ];
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
