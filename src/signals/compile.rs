//! The vocabulary compiler: reads a ruleset's signal data files
//! (`signals/contexts.json`, `signals/zh-pinyin.json`, `signals/<lang>.json`)
//! and turns every term, context word and benign phrase, with its readings
//! (number words, pinyin), into normalised automaton patterns, grouped by
//! skeleton and split by script ([`Compiled`]).
//!
//! This runs at build time: `build.rs` includes this file (it depends only
//! on `std`, `serde`, `serde_json` and the normaliser crate), compiles every
//! ruleset version and embeds the result in the [`encode`] format, so a page
//! or a CLI run starts by decoding it instead of normalising and sorting
//! some 20,000 readings (`vocabulary.rs` builds the automata from it). The
//! crate keeps the compiler for the test that compares the embedded tables
//! with the data files.
//!
//! Classes and strengths are kept by name here (the crate's `Class` and
//! `Strength` are not visible to the build script); `vocabulary.rs`
//! resolves them, recording an unknown name as a problem.

use std::collections::{BTreeMap, HashMap};

use listing_precheck_normalize::{is_cjk, Break, Normalized};
use serde::Deserialize;

/// Longest vocabulary entry, in skeleton characters (checked here: a longer
/// one is a problem), bounding how far back a covering benign phrase can
/// start.
pub const MAX_ENTRY_UNITS: usize = 64;

/// Shortest one-word term a space may split (`ransom ware`, `spy ware`):
/// shorter ones are too often two ordinary words (`bot net`).
pub const SPLIT_MIN_UNITS: usize = 7;

/// Shortest part on either side of such a split.
pub const SPLIT_MIN_PART: usize = 3;

/// Fewest characters a term needs to be entered wholly in pinyin anywhere:
/// a two-syllable reading is too often a word or name of its own (`sifu`,
/// `asan`, `dama`), while one character in pinyin next to the others in
/// Chinese (`破jie`) reads as nothing else. A two-character term is also
/// entered wholly in pinyin, but that reading counts only beside a Chinese
/// character (`muma定制`, `静默wa kuang程序`: see
/// [`super::vocabulary::Entry::beside_cjk`]).
pub const FULL_PINYIN_MIN_CHARS: usize = 3;

/// Fewest letters the pinyin of a two-character term needs to be entered
/// (beside Chinese only): shorter ones are syllables of every text.
pub const PAIR_PINYIN_MIN_LETTERS: usize = 4;

/// `data/signals/contexts.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct ContextFile {
    /// Data format version.
    pub format: u32,
    /// Ruleset version the data encodes.
    pub version: String,
    /// Named context sets.
    pub sets: BTreeMap<String, ContextSetFile>,
}

/// One context set as stored.
#[derive(Debug, Clone, Deserialize)]
pub struct ContextSetFile {
    /// Window before a hit, in words.
    pub before: u32,
    /// Window after a hit, in words.
    pub after: u32,
    /// How far the set's words reach: the sentence (default) or only the
    /// clause.
    #[serde(default)]
    pub scope: Scope,
    /// Words and phrases (any language).
    pub terms: Vec<String>,
}

/// How far a context word reaches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Anywhere in the window within the hit's sentence.
    #[default]
    Sentence,
    /// Only within the hit's clause: a bracket, colon, semicolon or dash
    /// ends it (a negation before "(keygen included)" does not negate it).
    Clause,
}

/// `data/signals/<lang>.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct VocabularyFile {
    /// Data format version.
    pub format: u32,
    /// Ruleset version the data encodes.
    pub version: String,
    /// Language code.
    pub language: String,
    /// Term groups.
    pub groups: Vec<GroupFile>,
    /// Phrases that defeat a hit they cover.
    pub benign: Vec<BenignFile>,
    /// One-word terms that are also two ordinary words (`backdoor` / "back
    /// door"): a space inside them is not read as a disguise.
    #[serde(default)]
    pub unsplit: Vec<String>,
}

/// A group of terms sharing class, strength and context rules.
#[derive(Debug, Clone, Deserialize)]
pub struct GroupFile {
    /// Signal class, by name (`malware`).
    pub class: String,
    /// `strong` (error) or `weak` (warning).
    pub strength: String,
    /// Context sets of which one must be near for a hit to count.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Context sets of which every one must be near for a hit to count: a
    /// *frame* of several slots ("silently" + "contacts" + "uploads"), each
    /// slot a set of interchangeable words, so paraphrases combine.
    #[serde(default)]
    pub requires_all: Vec<String>,
    /// Context sets that defeat a hit when near.
    #[serde(default)]
    pub unless: Vec<String>,
    /// Context sets that cancel a defeater when near, besides the `evasion`
    /// set every group has: wording that says the product itself does what
    /// the term names (a `hiring filter` that says `no women` is not a
    /// moderation filter).
    #[serde(default)]
    pub aggravated_by: Vec<String>,
    /// Whether the terms are read only as written: never misspelt
    /// ([`super::near`]) nor glued ([`super::glued`]) — terms like file
    /// names (`pdfexe`) whose near misses are ordinary words.
    #[serde(default)]
    pub exact: bool,
    /// The terms.
    pub terms: Vec<String>,
}

/// Benign phrases of one class.
#[derive(Debug, Clone, Deserialize)]
pub struct BenignFile {
    /// The class they defeat, by name.
    pub class: String,
    /// The phrases.
    pub phrases: Vec<String>,
}

/// `zh-pinyin.json`: the pinyin reading of each Chinese term.
#[derive(Debug, Clone, Deserialize)]
pub struct PinyinFile {
    /// Term → toneless pinyin, one space-separated syllable per character.
    pub readings: HashMap<String, String>,
}

/// The data files one ruleset version compiles from (their contents).
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// `signals/contexts.json`.
    pub contexts: &'a str,
    /// `signals/zh-pinyin.json`.
    pub pinyin: &'a str,
    /// The vocabulary files, as (path under `data/`, contents).
    pub vocabularies: &'a [(&'a str, &'a str)],
}

/// The vocabulary files of a ruleset, by path under `data/`.
pub const VOCABULARY_PATHS: &[&str] = &["signals/en.json", "signals/zh.json"];

/// What a pattern stands for, with classes by index into
/// [`Compiled::classes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawRole {
    /// A term of group `group` (index into [`Compiled::groups`]).
    Term {
        /// The group.
        group: u16,
    },
    /// A word of context set `set` (index into [`Compiled::sets`]).
    Context {
        /// The set.
        set: u16,
    },
    /// A benign phrase of class `class` (index into [`Compiled::classes`]).
    Benign {
        /// The class it defeats.
        class: u16,
    },
}

/// One entry behind a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawEntry {
    /// What it is.
    pub role: RawRole,
    /// The entry as written in the data: index into [`Compiled::written`].
    pub written: u32,
    /// Whether a word break may fall before each skeleton character, as
    /// bits (bit 0 is the start).
    pub breaks: u64,
    /// Whether the first skeleton character is CJK (no start boundary).
    pub first_cjk: bool,
    /// Whether the last skeleton character is CJK (no end boundary).
    pub last_cjk: bool,
    /// Whether a text may split it once with a space (`ransom ware`).
    pub splittable: bool,
}

/// The readings of one automaton, in the order they were added (each
/// entry with its readings in turn, entries in file order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompiledPatterns {
    /// (skeleton, entry) per reading.
    pub items: Vec<(String, RawEntry)>,
    /// The most words a context match can run past its first word (its
    /// longest context entry, in skeleton characters, less one).
    pub context_reach: u32,
}

/// A compiled context set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledSet {
    /// Its name in `contexts.json`.
    pub name: String,
    /// Window before a hit, in words.
    pub before: u32,
    /// Window after a hit, in words.
    pub after: u32,
    /// How far its words reach.
    pub scope: Scope,
}

/// A compiled term group, with its context sets by index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledGroup {
    /// Class, by index into [`Compiled::classes`].
    pub class: u16,
    /// Strength, by name.
    pub strength: String,
    /// Required context sets (any one).
    pub requires: Vec<u16>,
    /// Required context sets (every one).
    pub requires_all: Vec<u16>,
    /// Defeating context sets.
    pub unless: Vec<u16>,
    /// Context sets that cancel a defeater (besides `evasion`).
    pub aggravated_by: Vec<u16>,
    /// Read only as written (see [`GroupFile::exact`]).
    pub exact: bool,
}

/// A ruleset's vocabulary, compiled: what the engine is built from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compiled {
    /// Class names, in order of first use.
    pub classes: Vec<String>,
    /// Context sets, in name order.
    pub sets: Vec<CompiledSet>,
    /// Term groups, in file order.
    pub groups: Vec<CompiledGroup>,
    /// Every entry's written form, once each.
    pub written: Vec<String>,
    /// Patterns without CJK characters.
    pub latin: CompiledPatterns,
    /// Patterns with CJK characters.
    pub cjk: CompiledPatterns,
    /// What was wrong with the data (a data test asserts there is nothing).
    pub problems: Vec<String>,
}

/// Parses one data file, recording a malformed one in `problems`.
fn parse<T: serde::de::DeserializeOwned>(
    path: &str,
    text: &str,
    problems: &mut Vec<String>,
) -> Option<T> {
    serde_json::from_str(text)
        .map_err(|e| problems.push(format!("{path}: {e}")))
        .ok()
}

/// Compiles one ruleset's signal data. Malformed data is recorded in the
/// result's problems, never a panic.
pub fn compile(sources: &Sources<'_>) -> Compiled {
    let mut problems = Vec::new();
    let contexts = parse::<ContextFile>("signals/contexts.json", sources.contexts, &mut problems)
        .map(|f| f.sets)
        .unwrap_or_default();
    let pinyin = parse::<PinyinFile>("signals/zh-pinyin.json", sources.pinyin, &mut problems)
        .map(|f| f.readings)
        .unwrap_or_default();
    let files: Vec<VocabularyFile> = sources
        .vocabularies
        .iter()
        .filter_map(|(path, text)| parse(path, text, &mut problems))
        .collect();

    let mut builder = Builder {
        problems,
        ..Builder::default()
    };
    let mut out = Compiled::default();
    let mut set_index: HashMap<&str, u16> = HashMap::new();
    for (name, set) in &contexts {
        let id = out.sets.len() as u16;
        set_index.insert(name, id);
        out.sets.push(CompiledSet {
            name: name.clone(),
            before: set.before,
            after: set.after,
            scope: set.scope,
        });
        for term in &set.terms {
            builder.add(term, RawRole::Context { set: id }, None);
        }
    }
    let resolve = |names: &[String], problems: &mut Vec<String>| -> Vec<u16> {
        names
            .iter()
            .filter_map(|n| {
                let id = set_index.get(n.as_str()).copied();
                if id.is_none() {
                    problems.push(format!("unknown context set {n:?}"));
                }
                id
            })
            .collect()
    };
    let class_of = |name: &str, classes: &mut Vec<String>| -> u16 {
        match classes.iter().position(|c| c == name) {
            Some(i) => i as u16,
            None => {
                classes.push(name.to_string());
                (classes.len() - 1) as u16
            }
        }
    };
    let mut unsplit: Vec<String> = Vec::new();
    for file in &files {
        for g in &file.groups {
            let id = out.groups.len() as u16;
            out.groups.push(CompiledGroup {
                class: class_of(&g.class, &mut out.classes),
                strength: g.strength.clone(),
                requires: resolve(&g.requires, &mut builder.problems),
                requires_all: resolve(&g.requires_all, &mut builder.problems),
                unless: resolve(&g.unless, &mut builder.problems),
                aggravated_by: resolve(&g.aggravated_by, &mut builder.problems),
                exact: g.exact,
            });
            for term in &g.terms {
                builder.add(term, RawRole::Term { group: id }, pinyin.get(term));
            }
        }
        for b in &file.benign {
            let class = class_of(&b.class, &mut out.classes);
            for phrase in &b.phrases {
                builder.add(phrase, RawRole::Benign { class }, None);
            }
        }
        unsplit.extend(file.unsplit.iter().map(|w| w.to_lowercase()));
    }
    // One pass over the splittable terms (each lower-cased once), marking
    // the words of `unsplit` found.
    let mut found = vec![false; unsplit.len()];
    for (_, entry) in builder.latin.items.iter_mut() {
        if !entry.splittable {
            continue;
        }
        let written = builder.written[entry.written as usize].to_lowercase();
        if let Some(i) = unsplit.iter().position(|w| *w == written) {
            entry.splittable = false;
            found[i] = true;
        }
    }
    for (word, found) in unsplit.iter().zip(found) {
        if !found {
            builder
                .problems
                .push(format!("unsplit word {word:?} is not a splittable term"));
        }
    }
    let Builder {
        latin,
        cjk,
        written,
        mut problems,
        ..
    } = builder;
    for patterns in [&latin, &cjk] {
        let items: Vec<(&str, RawEntry)> = patterns
            .items
            .iter()
            .map(|(k, e)| (k.as_str(), *e))
            .collect();
        check_clashes(&group(items), &out.groups, &written, &mut problems);
    }
    out.latin = latin;
    out.cjk = cjk;
    out.written = written;
    out.problems = problems;
    out
}

/// An automaton's patterns: distinct skeletons in order of first reading,
/// and the entries of each in the order added.
#[derive(Debug, Clone, Default)]
pub struct Grouped<'a> {
    /// The skeletons, distinct.
    pub skeletons: Vec<&'a str>,
    /// Where each skeleton's entries start in `entries`, and their end
    /// (one more than `skeletons`).
    pub starts: Vec<u32>,
    /// The entries, grouped by skeleton.
    pub entries: Vec<RawEntry>,
}

/// Groups readings by skeleton, keeping the order added within a skeleton
/// (a hash map and a counting pass: no sort).
pub fn group(items: Vec<(&str, RawEntry)>) -> Grouped<'_> {
    let mut index: HashMap<&str, u32> = HashMap::with_capacity(items.len());
    let mut skeletons: Vec<&str> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut of = Vec::with_capacity(items.len());
    for &(k, _) in &items {
        let id = *index.entry(k).or_insert_with(|| {
            skeletons.push(k);
            counts.push(0);
            (skeletons.len() - 1) as u32
        });
        counts[id as usize] += 1;
        of.push(id);
    }
    let mut starts = Vec::with_capacity(counts.len() + 1);
    let mut sum = 0u32;
    starts.push(0);
    for c in &counts {
        sum += c;
        starts.push(sum);
    }
    let mut next = starts.clone();
    let mut entries: Vec<Option<RawEntry>> = vec![None; items.len()];
    for ((_, e), id) in items.into_iter().zip(of) {
        let at = &mut next[id as usize];
        entries[*at as usize] = Some(e);
        *at += 1;
    }
    Grouped {
        skeletons,
        starts,
        entries: entries.into_iter().flatten().collect(),
    }
}

/// Records every benign phrase that reads the same as a term of its class
/// (it would defeat every hit of the term).
fn check_clashes(
    grouped: &Grouped<'_>,
    groups: &[CompiledGroup],
    written: &[String],
    problems: &mut Vec<String>,
) {
    let name = |e: &RawEntry| written.get(e.written as usize).map_or("", String::as_str);
    for pair in grouped.starts.windows(2) {
        let list = &grouped.entries[pair[0] as usize..pair[1] as usize];
        for b in list {
            let RawRole::Benign { class } = b.role else {
                continue;
            };
            for t in list {
                if let RawRole::Term { group } = t.role {
                    if groups.get(group as usize).is_some_and(|g| g.class == class) {
                        problems.push(format!(
                            "benign phrase {:?} reads the same as term {:?}: it would defeat every hit",
                            name(b),
                            name(t)
                        ));
                    }
                }
            }
        }
    }
}

/// Normalises entries into the two pattern sets.
#[derive(Default)]
struct Builder {
    latin: CompiledPatterns,
    cjk: CompiledPatterns,
    /// Written forms, once each, and where each is.
    written: Vec<String>,
    problems: Vec<String>,
}

impl Builder {
    /// Adds an entry with its readings: the number-word ones, and for a
    /// term its pinyin ones (`pinyin`: its syllables).
    fn add(&mut self, text: &str, role: RawRole, pinyin: Option<&String>) {
        let written = self.written.len() as u32;
        self.written.push(text.to_string());
        self.add_reading(text, written, role);
        for reading in number_words(text) {
            self.add_reading(&reading, written, role);
        }
        if let (RawRole::Term { .. }, Some(syllables)) = (role, pinyin) {
            for reading in pinyin_readings(text, syllables) {
                self.add_reading(&reading, written, role);
            }
        }
    }

    /// Adds one reading: `read` is what is matched, `written` the entry as
    /// the data file has it (they differ for the number-word and pinyin
    /// readings).
    fn add_reading(&mut self, read: &str, written: u32, role: RawRole) {
        let has_cjk = read.chars().any(is_cjk);
        Normalized::with(read, |norm| {
            self.add_normalized(norm, written, role, has_cjk)
        });
    }

    fn add_normalized(&mut self, norm: &Normalized, written: u32, role: RawRole, has_cjk: bool) {
        let name = self
            .written
            .get(written as usize)
            .map_or("", String::as_str);
        let problems = &mut self.problems;
        if norm.text.is_empty() {
            problems.push(format!("entry {name:?} normalises to nothing"));
            return;
        }
        if norm.units.len() > MAX_ENTRY_UNITS {
            problems.push(format!("entry {name:?} is longer than MAX_ENTRY_UNITS"));
        }
        let latin = !norm.units.iter().any(|u| u.cjk);
        if latin && has_cjk {
            problems.push(format!(
                "entry {name:?} has CJK characters but normalises without any"
            ));
        }
        if latin && norm.text.chars().count() < 3 && !matches!(role, RawRole::Context { .. }) {
            problems.push(format!(
                "entry {name:?} normalises to {:?}, too short to match safely",
                norm.text
            ));
        }
        let patterns = if latin {
            &mut self.latin
        } else {
            &mut self.cjk
        };
        if matches!(role, RawRole::Context { .. }) {
            patterns.context_reach = patterns
                .context_reach
                .max((norm.units.len() as u32).saturating_sub(1));
        }
        let one_word = norm.units.iter().skip(1).all(|u| u.brk == Break::None);
        let entry = RawEntry {
            role,
            written,
            breaks: norm
                .units
                .iter()
                .take(64)
                .enumerate()
                .filter(|(_, u)| u.brk != Break::None)
                .fold(0, |bits, (i, _)| bits | 1 << i),
            first_cjk: norm.units.first().is_some_and(|u| u.cjk),
            last_cjk: norm.units.last().is_some_and(|u| u.cjk),
            splittable: matches!(role, RawRole::Term { .. })
                && latin
                && one_word
                && norm.units.len() >= SPLIT_MIN_UNITS,
        };
        // Written as one word (`#pumpanddump`, `p.u.m.p.a.n.d.d.u.m.p`), a
        // phrase whose words meet on the same letter reads with that letter
        // once, as repeats inside a word collapse: the phrase is also
        // entered in that reading.
        if let Some((skeleton, breaks)) = joined_reading(&norm.text, entry.breaks) {
            patterns
                .items
                .push((skeleton, RawEntry { breaks, ..entry }));
        }
        patterns.items.push((norm.text.clone(), entry));
    }
}

/// A phrase's skeleton with the letter its words share where they meet
/// written once (`pump and dump` → `pumpandump`), and the breaks that go
/// with it; `None` when no two words meet on the same letter.
fn joined_reading(skeleton: &str, breaks: u64) -> Option<(String, u64)> {
    let brk = |k: usize| k < 64 && breaks & (1 << k) != 0;
    // Most entries are one word: nothing to do, found without allocating.
    let mut last = None;
    let meet = skeleton.chars().enumerate().any(|(k, c)| {
        let same = k > 0 && brk(k) && last == Some(c);
        last = Some(c);
        same
    });
    if !meet {
        return None;
    }
    let chars: Vec<char> = skeleton.chars().collect();
    if chars.len() > 64 {
        return None;
    }
    // Word lengths, so that no word is left with fewer than two letters
    // (`cc checker` would read as the plain word `checker`).
    let starts: Vec<usize> = (0..chars.len()).filter(|&k| k == 0 || brk(k)).collect();
    let word_len = |k: usize| {
        let i = starts.partition_point(|&s| s <= k);
        let start = starts[i - 1];
        starts.get(i).copied().unwrap_or(chars.len()) - start
    };
    let dropped = |k: usize| {
        k > 0 && brk(k) && chars[k] == chars[k - 1] && word_len(k - 1) >= 2 && word_len(k) >= 3
    };
    if !(0..chars.len()).any(dropped) {
        return None;
    }
    let kept: Vec<usize> = (0..chars.len()).filter(|&k| !dropped(k)).collect();
    Some((
        kept.iter().map(|&k| chars[k]).collect(),
        kept.iter()
            .enumerate()
            .filter(|&(_, &k)| brk(k))
            .fold(0, |bits, (i, _)| bits | 1 << i),
    ))
}

/// Words that texts write as a number or a letter (`hacker 4 hire`, `pay 2
/// unlock`), read so only inside a vocabulary phrase: alone, `4`, `2` and
/// `r` are numbers and the R language. (`u` and `ur` are read as `you` and
/// `your` in any text, by the normaliser: `data/signals/shorthand.json`.)
const NUMBER_WORDS: &[(&str, &str)] = &[("for", "4"), ("to", "2"), ("too", "2"), ("are", "r")];

/// The readings of a phrase with one or two of its [`NUMBER_WORDS`] written
/// the short way (none for a phrase without them or of one word).
fn number_words(written: &str) -> Vec<String> {
    let words: Vec<&str> = written.split(' ').collect();
    let short = |w: &str| {
        NUMBER_WORDS
            .iter()
            .find(|(long, _)| w.eq_ignore_ascii_case(long))
            .map(|(_, s)| *s)
    };
    let at: Vec<usize> = (0..words.len())
        .filter(|&i| short(words[i]).is_some())
        .collect();
    if words.len() < 2 || at.is_empty() {
        return Vec::new();
    }
    let with = |chosen: &[usize]| {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if chosen.contains(&i) {
                    short(w).unwrap_or(w)
                } else {
                    w
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut readings: Vec<String> = at.iter().map(|&i| with(&[i])).collect();
    for (n, &i) in at.iter().enumerate() {
        for &j in &at[n + 1..] {
            readings.push(with(&[i, j]));
        }
    }
    readings
}

/// The pinyin readings of a Chinese term from its syllables: each character
/// in turn written in pinyin (`破jie`, `po解`) and, for a term of at least
/// [`FULL_PINYIN_MIN_CHARS`] characters, the whole term in pinyin, as
/// syllables (`yi jian mian sha`) and as one word (`yijianmiansha`). No
/// readings when the syllables do not match the characters one to one.
pub fn pinyin_readings(term: &str, syllables: &str) -> Vec<String> {
    let chars: Vec<char> = term.chars().collect();
    let syllables: Vec<&str> = syllables.split(' ').collect();
    if chars.len() < 2 || chars.len() != syllables.len() {
        return Vec::new();
    }
    let mut readings: Vec<String> = (0..chars.len())
        .map(|i| {
            chars
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    if k == i {
                        syllables[k].to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        })
        .collect();
    let whole = syllables.concat();
    if chars.len() >= FULL_PINYIN_MIN_CHARS
        || (chars.len() == 2 && whole.len() >= PAIR_PINYIN_MIN_LETTERS)
    {
        readings.push(syllables.join(" "));
        readings.push(whole);
    }
    readings
}

/// First bytes of an encoded vocabulary (and its format version).
const MAGIC: &[u8; 4] = b"LPV2";

/// Reading flags in the encoding.
const IN_CJK: u8 = 1;
const FIRST_CJK: u8 = 2;
const LAST_CJK: u8 = 4;
const SPLITTABLE: u8 = 8;
const AS_WRITTEN: u8 = 16;
const AS_FOLDED: u8 = 32;

/// A guess at a skeleton that the encoding can leave out when it is right:
/// for an entry of plain ASCII words, each word lower-cased with `l` read as
/// `i` and repeated letters once, the words joined — what the normaliser
/// does to such words. Anything else (digits, symbols, other scripts) has
/// no guess. Only a compression device: the encoder stores the skeleton
/// whenever the guess differs from it.
pub fn folded_guess(written: &str, out: &mut String) -> bool {
    out.clear();
    for word in written.split(' ') {
        let mut last = None;
        for b in word.bytes() {
            if !b.is_ascii_alphabetic() {
                return false;
            }
            let c = match b.to_ascii_lowercase() {
                b'l' => b'i',
                c => c,
            };
            if last != Some(c) {
                out.push(char::from(c));
            }
            last = Some(c);
        }
    }
    !out.is_empty()
}

/// Encodes a compiled vocabulary for embedding: unsigned numbers as
/// LEB128, a string table as its count, each length, then the text. The
/// readings follow their entry (each entry's role once, then per reading
/// its flags, its skeleton unless it is the entry as written, and its
/// word breaks), so a skeleton sits next to the text it came from and the
/// whole compresses about as well as the data files. [`View::decode`] reads
/// it back without copying a string.
pub fn encode(c: &Compiled) -> Vec<u8> {
    let mut w = Writer(MAGIC.to_vec());
    w.strs(c.problems.iter().map(String::as_str));
    w.strs(c.classes.iter().map(String::as_str));
    w.uint(c.sets.len() as u64);
    for s in &c.sets {
        w.str(&s.name);
        w.uint(u64::from(s.before));
        w.uint(u64::from(s.after));
        w.uint(u64::from(s.scope == Scope::Clause));
    }
    w.uint(c.groups.len() as u64);
    for g in &c.groups {
        w.uint(u64::from(g.class));
        w.str(&g.strength);
        for list in [&g.requires, &g.requires_all, &g.unless, &g.aggravated_by] {
            w.uint(list.len() as u64);
            for &i in list {
                w.uint(u64::from(i));
            }
        }
        w.uint(u64::from(g.exact));
    }
    w.strs(c.written.iter().map(String::as_str));
    w.uint(u64::from(c.latin.context_reach));
    w.uint(u64::from(c.cjk.context_reach));
    // Each entry's readings, in the order added to either automaton.
    let mut readings: Vec<Vec<(bool, &str, &RawEntry)>> = vec![Vec::new(); c.written.len()];
    for (cjk, patterns) in [(false, &c.latin), (true, &c.cjk)] {
        for (k, e) in &patterns.items {
            if let Some(list) = readings.get_mut(e.written as usize) {
                list.push((cjk, k, e));
            }
        }
    }
    let mut guess = String::new();
    for (i, list) in readings.iter().enumerate() {
        let written = c.written.get(i).map_or("", String::as_str);
        let guessed = folded_guess(written, &mut guess);
        let role = list
            .first()
            .map_or(RawRole::Term { group: 0 }, |r| r.2.role);
        let (kind, id) = match role {
            RawRole::Term { group } => (0, group),
            RawRole::Context { set } => (1, set),
            RawRole::Benign { class } => (2, class),
        };
        w.0.push(kind);
        w.uint(u64::from(id));
        w.uint(list.len() as u64);
        for &(cjk, skeleton, e) in list {
            let as_written = written == skeleton;
            let as_folded = !as_written && guessed && guess == skeleton;
            w.0.push(
                [
                    (cjk, IN_CJK),
                    (e.first_cjk, FIRST_CJK),
                    (e.last_cjk, LAST_CJK),
                    (e.splittable, SPLITTABLE),
                    (as_written, AS_WRITTEN),
                    (as_folded, AS_FOLDED),
                ]
                .iter()
                .filter(|(set, _)| *set)
                .fold(0, |flags, (_, bit)| flags | bit),
            );
            if !as_written && !as_folded {
                w.str(skeleton);
            }
            w.uint(e.breaks);
        }
    }
    w.0
}

/// What starts [`encode_prebuilt`]'s bytes.
const PREBUILT_MAGIC: &[u8; 4] = b"LPM1";

/// An automaton's patterns as [`group`] ordered them, with the automaton
/// built over them and serialised (`build.rs` does this for the Latin
/// patterns with the `prebuilt` feature): the automaton's bytes, the
/// skeletons as a string table, then per pattern its entries (count, then
/// each entry's flags, role, written form and word breaks).
pub fn encode_prebuilt(grouped: &Grouped<'_>, automaton: &[u8]) -> Vec<u8> {
    let mut w = Writer(PREBUILT_MAGIC.to_vec());
    w.uint(automaton.len() as u64);
    w.0.extend_from_slice(automaton);
    w.strs(grouped.skeletons.iter().copied());
    for pair in grouped.starts.windows(2) {
        let entries = grouped
            .entries
            .get(pair[0] as usize..pair[1] as usize)
            .unwrap_or(&[]);
        w.uint(entries.len() as u64);
        for e in entries {
            let (kind, id) = match e.role {
                RawRole::Term { group } => (0, group),
                RawRole::Context { set } => (1, set),
                RawRole::Benign { class } => (2, class),
            };
            w.0.push(
                [
                    (e.first_cjk, FIRST_CJK),
                    (e.last_cjk, LAST_CJK),
                    (e.splittable, SPLITTABLE),
                ]
                .iter()
                .filter(|(set, _)| *set)
                .fold(kind << 6, |flags, (_, bit)| flags | bit),
            );
            w.uint(u64::from(id));
            w.uint(u64::from(e.written));
            w.uint(e.breaks);
        }
    }
    w.0
}

/// [`encode_prebuilt`]'s bytes, decoded: the automaton still serialised,
/// the skeletons and entries grouped as [`group`] would group them.
#[derive(Debug, Clone, Default)]
pub struct Prebuilt<'a> {
    /// The serialised automaton.
    pub automaton: &'a [u8],
    /// The patterns and their entries.
    pub grouped: Grouped<'a>,
}

impl<'a> Prebuilt<'a> {
    /// Decodes [`encode_prebuilt`]'s bytes.
    ///
    /// # Errors
    /// Bytes that are not such an encoding: where it went wrong.
    pub fn decode(bytes: &'a [u8]) -> Result<Prebuilt<'a>, String> {
        let mut r = Reader::after(bytes, PREBUILT_MAGIC, "a prebuilt matcher")?;
        let n = r.count()?;
        let automaton = bytes
            .get(r.at..r.at + n)
            .ok_or_else(|| format!("automaton past the end at byte {}", r.at))?;
        r.at += n;
        let skeletons = r.strs()?;
        let mut grouped = Grouped {
            skeletons: skeletons.iter().collect(),
            starts: Vec::with_capacity(skeletons.len() + 1),
            entries: Vec::with_capacity(skeletons.len() * 5 / 4),
        };
        grouped.starts.push(0);
        for _ in 0..skeletons.len() {
            for _ in 0..r.count()? {
                let flags = r.byte()?;
                let id = r.int()?;
                let role = match flags >> 6 {
                    0 => RawRole::Term { group: id },
                    1 => RawRole::Context { set: id },
                    2 => RawRole::Benign { class: id },
                    _ => return Err(format!("bad role at byte {}", r.at)),
                };
                grouped.entries.push(RawEntry {
                    role,
                    written: r.int()?,
                    breaks: r.uint()?,
                    first_cjk: flags & FIRST_CJK != 0,
                    last_cjk: flags & LAST_CJK != 0,
                    splittable: flags & SPLITTABLE != 0,
                });
            }
            let end = u32::try_from(grouped.entries.len())
                .map_err(|_| format!("too many entries at byte {}", r.at))?;
            grouped.starts.push(end);
        }
        if r.at != bytes.len() {
            return Err(format!("{} bytes left over", bytes.len() - r.at));
        }
        Ok(Prebuilt { automaton, grouped })
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn uint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.0.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn strs<'s>(&mut self, items: impl IntoIterator<Item = &'s str>) {
        let items: Vec<&str> = items.into_iter().collect();
        self.uint(items.len() as u64);
        for s in &items {
            self.uint(s.len() as u64);
        }
        for s in &items {
            self.0.extend_from_slice(s.as_bytes());
        }
    }
}

/// A table of strings borrowed from one text.
#[derive(Debug, Clone, Default)]
pub struct StrTable<'a> {
    text: &'a str,
    /// Where each string ends in `text` (it starts where the one before
    /// ends).
    ends: Vec<u32>,
}

impl<'a> StrTable<'a> {
    /// String `i` (empty for an unknown index).
    pub fn get(&self, i: usize) -> &'a str {
        let start = match i.checked_sub(1) {
            Some(j) => self.ends.get(j).copied(),
            None => Some(0),
        };
        match (start, self.ends.get(i)) {
            (Some(a), Some(&b)) => self.text.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        }
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The strings in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// A compiled vocabulary decoded from [`encode`]'s bytes, its strings
/// borrowed from them.
#[derive(Debug, Clone, Default)]
pub struct View<'a> {
    /// See [`Compiled::problems`].
    pub problems: Vec<String>,
    /// See [`Compiled::classes`].
    pub classes: Vec<&'a str>,
    /// See [`Compiled::sets`].
    pub sets: Vec<CompiledSet>,
    /// See [`Compiled::groups`].
    pub groups: Vec<CompiledGroup>,
    /// See [`Compiled::written`].
    pub written: StrTable<'a>,
    /// The Latin automaton's readings.
    pub latin: Readings<'a>,
    /// The CJK automaton's readings.
    pub cjk: Readings<'a>,
}

/// Where a decoded reading's skeleton is.
#[derive(Debug, Clone, Copy)]
pub enum Skeleton<'a> {
    /// In the encoded bytes (or the entry as written).
    Text(&'a str),
    /// In [`Readings::folded`], from and to (the [`folded_guess`]).
    Folded(u32, u32),
}

/// One automaton's decoded readings, in the order added.
#[derive(Debug, Clone, Default)]
pub struct Readings<'a> {
    /// (skeleton, entry) per reading.
    pub items: Vec<(Skeleton<'a>, RawEntry)>,
    /// The skeletons that were left to the guess, one after the other.
    pub folded: String,
    /// See [`CompiledPatterns::context_reach`].
    pub context_reach: u32,
}

impl Readings<'_> {
    /// The readings with their skeletons as text.
    pub fn resolved(&self) -> Vec<(&str, RawEntry)> {
        self.items
            .iter()
            .map(|&(k, e)| {
                let text = match k {
                    Skeleton::Text(t) => t,
                    Skeleton::Folded(a, b) => self.folded.get(a as usize..b as usize).unwrap_or(""),
                };
                (text, e)
            })
            .collect()
    }
}

impl<'a> View<'a> {
    /// Decodes [`encode`]'s bytes.
    ///
    /// # Errors
    /// Bytes that are not such an encoding (wrong magic, truncated, bad
    /// UTF-8, a number out of range): where it went wrong.
    pub fn decode(bytes: &'a [u8]) -> Result<View<'a>, String> {
        Self::decode_with(bytes, true, true)
    }

    /// [`View::decode`], leaving the Latin readings out unless `latin` (a
    /// prebuilt Latin matcher has them already: [`Prebuilt`]) and the CJK
    /// readings unless `cjk`. Without either, decoding stops where the
    /// readings start, and what follows is not checked.
    ///
    /// # Errors
    /// As [`View::decode`].
    pub fn decode_with(bytes: &'a [u8], latin: bool, cjk: bool) -> Result<View<'a>, String> {
        let mut r = Reader::after(bytes, MAGIC, "an encoded vocabulary")?;
        let mut v = View {
            problems: r.strs()?.iter().map(str::to_string).collect(),
            classes: r.strs()?.iter().collect(),
            ..View::default()
        };
        for _ in 0..r.count()? {
            v.sets.push(CompiledSet {
                name: r.str()?.to_string(),
                before: r.int()?,
                after: r.int()?,
                scope: if r.uint()? == 1 {
                    Scope::Clause
                } else {
                    Scope::Sentence
                },
            });
        }
        for _ in 0..r.count()? {
            let class = r.int()?;
            let strength = r.str()?.to_string();
            let mut lists: [Vec<u16>; 4] = Default::default();
            for list in &mut lists {
                for _ in 0..r.count()? {
                    list.push(r.int()?);
                }
            }
            let [requires, requires_all, unless, aggravated_by] = lists;
            let exact = r.uint()? != 0;
            v.groups.push(CompiledGroup {
                class,
                strength,
                requires,
                requires_all,
                unless,
                aggravated_by,
                exact,
            });
        }
        v.written = r.strs()?;
        v.latin.context_reach = r.int()?;
        v.cjk.context_reach = r.int()?;
        if !latin && !cjk {
            return Ok(v);
        }
        let mut guess = String::new();
        for i in 0..v.written.len() {
            let written = v.written.get(i);
            // The guess is made only for an entry that has a reading left
            // to it (most have none).
            let mut guessed: Option<bool> = None;
            let kind = r.byte()?;
            let id = r.int()?;
            let role = match kind {
                0 => RawRole::Term { group: id },
                1 => RawRole::Context { set: id },
                2 => RawRole::Benign { class: id },
                _ => return Err(format!("bad role at byte {}", r.at)),
            };
            for _ in 0..r.count()? {
                let flags = r.byte()?;
                let into = match flags & IN_CJK != 0 {
                    true if cjk => Some(&mut v.cjk),
                    false if latin => Some(&mut v.latin),
                    _ => None,
                };
                let Some(into) = into else {
                    // Read past: its skeleton, if written out, and breaks.
                    if flags & (AS_WRITTEN | AS_FOLDED) == 0 {
                        r.str()?;
                    }
                    r.uint()?;
                    continue;
                };
                let skeleton = if flags & AS_WRITTEN != 0 {
                    Skeleton::Text(written)
                } else if flags & AS_FOLDED != 0 {
                    if !*guessed.get_or_insert_with(|| folded_guess(written, &mut guess)) {
                        return Err(format!("no guess to read at byte {}", r.at));
                    }
                    let a = into.folded.len();
                    into.folded.push_str(&guess);
                    let (Ok(a), Ok(b)) = (u32::try_from(a), u32::try_from(into.folded.len()))
                    else {
                        return Err(format!("skeletons too long at byte {}", r.at));
                    };
                    Skeleton::Folded(a, b)
                } else {
                    Skeleton::Text(r.str()?)
                };
                let entry = RawEntry {
                    role,
                    written: i as u32,
                    breaks: r.uint()?,
                    first_cjk: flags & FIRST_CJK != 0,
                    last_cjk: flags & LAST_CJK != 0,
                    splittable: flags & SPLITTABLE != 0,
                };
                into.items.push((skeleton, entry));
            }
        }
        if r.at != bytes.len() {
            return Err(format!("{} bytes left over", bytes.len() - r.at));
        }
        Ok(v)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader of `bytes` past `magic`, or an error naming `what` they are
    /// not.
    fn after(bytes: &'a [u8], magic: &[u8], what: &str) -> Result<Reader<'a>, String> {
        if bytes.get(..magic.len()) != Some(magic) {
            return Err(format!("not {what} (magic)"));
        }
        Ok(Reader {
            bytes,
            at: magic.len(),
        })
    }

    fn byte(&mut self) -> Result<u8, String> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| format!("truncated at byte {}", self.at))?;
        self.at += 1;
        Ok(b)
    }

    /// A LEB128 number (at most ten bytes). Read inline, without a call
    /// per byte: start-up reads hundreds of thousands of them, in wasm
    /// engines' baseline code.
    #[inline(always)]
    fn uint(&mut self) -> Result<u64, String> {
        // Most numbers are one byte.
        if let Some(&b) = self.bytes.get(self.at) {
            if b < 0x80 {
                self.at += 1;
                return Ok(u64::from(b));
            }
        }
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let mut n = 0u64;
        for (i, &b) in rest.iter().take(10).enumerate() {
            n |= u64::from(b & 0x7f) << (7 * i);
            if b < 0x80 {
                self.at += i + 1;
                return Ok(n);
            }
        }
        Err(self.uint_error(rest.len()))
    }

    /// What is wrong with the number at the reader's position, `left`
    /// bytes before the end.
    #[cold]
    fn uint_error(&self, left: usize) -> String {
        if left < 10 {
            format!("truncated at byte {}", self.bytes.len())
        } else {
            format!("number too long at byte {}", self.at + 10)
        }
    }

    /// A number that must fit `T` (`u16`, `u32`).
    fn int<T: TryFrom<u64>>(&mut self) -> Result<T, String> {
        let at = self.at;
        T::try_from(self.uint()?).map_err(|_| format!("number too large at byte {at}"))
    }

    /// A count of items that follow, each at least a byte (so a corrupt
    /// count cannot ask for more than the bytes left).
    fn count(&mut self) -> Result<usize, String> {
        let n = self.uint()?;
        if n > (self.bytes.len() - self.at) as u64 {
            return Err(format!("count {n} past the end at byte {}", self.at));
        }
        Ok(n as usize)
    }

    /// `n` bytes as text.
    fn text(&mut self, n: usize) -> Result<&'a str, String> {
        let bytes = self
            .at
            .checked_add(n)
            .and_then(|end| self.bytes.get(self.at..end))
            .ok_or_else(|| format!("strings past the end at byte {}", self.at))?;
        let text = std::str::from_utf8(bytes).map_err(|e| format!("byte {}: {e}", self.at))?;
        self.at += n;
        Ok(text)
    }

    fn str(&mut self) -> Result<&'a str, String> {
        let n = self.count()?;
        self.text(n)
    }

    fn strs(&mut self) -> Result<StrTable<'a>, String> {
        let n = self.count()?;
        let mut ends = Vec::with_capacity(n);
        let mut end = 0u32;
        for _ in 0..n {
            end = end
                .checked_add(self.int::<u32>()?)
                .ok_or_else(|| format!("string table too long at byte {}", self.at))?;
            ends.push(end);
        }
        let text = self.text(end as usize)?;
        Ok(StrTable { text, ends })
    }
}
