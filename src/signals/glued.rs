//! Terms glued to other words: a clear Latin term (a word, or a phrase
//! written as one) inside one word with common words stuck before or after
//! it, as domain and product names are (`freekeygens.net`, `bestwarez.com`,
//! `keyloggerpro.io`, `fakeidshop.net`), reads as that term, as a warning
//! ([`super::Strength::Glued`]).
//!
//! Only the words of `data/signals/glue.json` glue: `before` the term
//! (`free`, `best`, `cheap`, `get` …) and `after` it (`pro`, `hub`, `kit`,
//! `store` …), and an `s` right after the term (its plural). Words that
//! mean the opposite (`anti`, `no`, `stop`, `detect`, a `free` after the
//! term) are not on the lists. Real words made that way (`therapist` is
//! `the` + `rapist`) never read: the file's `words` lists them
//! (`scripts/gen-glued-words.py` draws them from English word lists with
//! `examples/glued_words.rs`).
//!
//! Everything is compared as skeletons (the normaliser's output: folded,
//! repeats collapsed), so the lists are normalised when first used.

use std::collections::HashSet;
use std::ops::Range;

use serde::Deserialize;

/// Shortest term, in skeleton letters, read glued (`porn`, `warez`).
pub const MIN_TERM: usize = 4;
/// Longest word read (a domain label at most).
pub const MAX_WORD: usize = 63;

/// `data/signals/glue.json`: the words that glue to a term, and the real
/// words made of a term and such words.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GlueFile {
    /// Data format version.
    pub format: u32,
    /// Where the lists come from.
    pub source: String,
    /// Words that may stand right before a term in one word.
    pub before: Vec<String>,
    /// Words that may stand right after a term (or its plural `s`).
    pub after: Vec<String>,
    /// Real words that read as a glued term but are not one.
    pub words: Vec<String>,
    /// Words of the word lists that do read as the glued term (`pornhub`),
    /// which the generator leaves off `words`.
    #[serde(default)]
    pub meant: Vec<String>,
    /// Product and brand names made of a term and glue words that are not
    /// the term (`HitmanPro`, an anti-malware scanner), kept by hand (the
    /// word lists lack them).
    #[serde(default)]
    pub names: Vec<String>,
}

/// The glue lists as skeletons.
#[derive(Debug, Default)]
pub struct GlueIndex {
    before: HashSet<Box<[u8]>>,
    after: HashSet<Box<[u8]>>,
    /// The longest glue word, in bytes.
    longest: usize,
    /// Real words and names: never read as glued terms.
    words: HashSet<Box<[u8]>>,
}

impl GlueIndex {
    /// The index of `file`, each word read through `skeleton` (the
    /// normaliser); `known` adds no real words when false (what
    /// `examples/glued_words.rs` builds, to find the words that belong on
    /// the list).
    pub fn new(file: &GlueFile, known: bool, skeleton: impl Fn(&str) -> String) -> GlueIndex {
        let set = |words: &[String]| -> HashSet<Box<[u8]>> {
            words
                .iter()
                .map(|w| skeleton(w).into_bytes().into_boxed_slice())
                .filter(|w| !w.is_empty())
                .collect()
        };
        let (before, after) = (set(&file.before), set(&file.after));
        let longest = before
            .iter()
            .chain(&after)
            .map(|w| w.len())
            .max()
            .unwrap_or(0);
        let words = if known {
            set(&file.words)
                .into_iter()
                .chain(set(&file.names))
                .collect()
        } else {
            HashSet::new()
        };
        GlueIndex {
            before,
            after,
            longest,
            words,
        }
    }

    /// Whether `word` (a whole word's skeleton) holding a term at `term`
    /// (a byte range strictly inside it, touching at most one end) reads
    /// as that term glued to other words: the bytes before it are `before`
    /// words, those after it an optional plural `s` and `after` words, and
    /// the word is not a real one.
    pub fn reads(&self, word: &[u8], term: Range<usize>) -> bool {
        let (Some(head), Some(tail)) = (word.get(..term.start), word.get(term.end..)) else {
            return false;
        };
        if word.len() > MAX_WORD
            || term.len() < MIN_TERM
            || (head.is_empty() && tail.is_empty())
            || !word.is_ascii()
        {
            return false;
        }
        // A plural `s` alone glues nothing (`trojans` is the term's plural).
        let plural = tail.first() == Some(&b's') && word.get(term.end - 1) != Some(&b's');
        if head.is_empty() && plural && tail.len() == 1 {
            return false;
        }
        let tail_reads =
            self.splits(tail, &self.after) || (plural && self.splits(&tail[1..], &self.after));
        tail_reads && self.splits(head, &self.before) && !self.words.contains(word)
    }

    /// Whether `part` is empty or a run of words of `set`.
    fn splits(&self, part: &[u8], set: &HashSet<Box<[u8]>>) -> bool {
        // reach[i]: part[..i] is a run of words.
        let mut reach = vec![false; part.len() + 1];
        reach[0] = true;
        for end in 1..=part.len() {
            let from = end.saturating_sub(self.longest);
            reach[end] = (from..end).any(|start| reach[start] && set.contains(&part[start..end]));
        }
        reach[part.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> GlueIndex {
        let file = GlueFile {
            before: vec!["free".into(), "best".into()],
            after: vec!["pro".into(), "net".into()],
            words: vec!["freekeygenpro".into()],
            ..GlueFile::default()
        };
        GlueIndex::new(&file, true, |w| w.to_string())
    }

    #[test]
    fn glue_words_before_and_after_a_term_read_as_it() {
        let ix = index();
        assert!(ix.reads(b"freekeygen", 4..10));
        assert!(ix.reads(b"freebestkeygensnet", 8..14));
        assert!(ix.reads(b"keygenpro", 0..6));
        // Not glue words, no glue at all, a real word, a short term.
        assert!(!ix.reads(b"antikeygen", 4..10));
        assert!(!ix.reads(b"keygen", 0..6));
        assert!(!ix.reads(b"keygenfree", 0..6));
        assert!(!ix.reads(b"freekey", 4..7));
        assert!(!ix.reads(b"freekeygenpro", 4..10));
        assert!(ix.reads(b"bestkeygenpro", 4..10));
        // A plural s only right after a term not ending in s.
        assert!(ix.reads(b"keygensnet", 0..6));
        assert!(!ix.reads(b"keygensnet", 0..5));
        assert!(!ix.reads(b"keygen", 0..9));
    }
}
