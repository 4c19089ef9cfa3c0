//! The signal vocabularies (`data/signals/*.json`) and the automata built
//! from them.
//!
//! Every term, context word and benign phrase of every language goes through
//! [`normalize`](super::normalize::normalize) and into one of two
//! Aho-Corasick automata, split by script ([`Engine`]), built once per
//! process (per wasm instance) and shared by all calls.

use crate::policy::ruleset::{PerRuleset, Ruleset};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use daachorse::DoubleArrayAhoCorasick;
use serde::Deserialize;

use super::normalize::{Break, Normalized};
use super::{Class, Strength};

/// `data/signals/classes.json`: what each class means and how to fix it.
#[derive(Debug, Clone, Deserialize)]
pub struct ClassFile {
    /// Data format version.
    pub format: u32,
    /// Ruleset version the data encodes.
    pub version: String,
    /// Per class.
    pub classes: BTreeMap<Class, ClassInfo>,
}

/// One class's description.
#[derive(Debug, Clone, Deserialize)]
pub struct ClassInfo {
    /// What the class is, in words (used in messages).
    pub label: String,
    /// Further clauses this class rests on (keys of `data/clauses.json`).
    #[serde(default)]
    pub also_cites: Vec<String>,
    /// Which findings of the class a vendor may justify.
    pub justifiable: Justifiable,
    /// How to fix a hit.
    pub help: String,
}

/// Which findings of a class a vendor's justification can cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Justifiable {
    /// Warnings only: errors stand whatever the reason.
    Warnings,
    /// Warnings and errors.
    All,
}

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
    /// Signal class.
    pub class: Class,
    /// Strong (error) or weak (warning).
    pub strength: Strength,
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
    /// The terms.
    pub terms: Vec<String>,
}

/// Benign phrases of one class.
#[derive(Debug, Clone, Deserialize)]
pub struct BenignFile {
    /// The class they defeat.
    pub class: Class,
    /// The phrases.
    pub phrases: Vec<String>,
}

/// The embedded vocabulary files of the seed ruleset, by language and
/// path under `data/`.
pub const LANGUAGES: &[(&str, &str, &str)] = &[
    (
        "en",
        "signals/en.json",
        include_str!("../../data/signals/en.json"),
    ),
    (
        "zh",
        "signals/zh.json",
        include_str!("../../data/signals/zh.json"),
    ),
];
const CLASSES_JSON: &str = include_str!("../../data/signals/classes.json");
const CONTEXTS_JSON: &str = include_str!("../../data/signals/contexts.json");
const PINYIN_JSON: &str = include_str!("../../data/signals/zh-pinyin.json");

/// `zh-pinyin.json`: the pinyin reading of each Chinese term.
#[derive(Debug, Clone, Deserialize)]
pub struct PinyinFile {
    /// Term → toneless pinyin, one space-separated syllable per character.
    pub readings: HashMap<String, String>,
}

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A vocabulary term of group `group`.
    Term {
        /// Index into [`Engine::groups`].
        group: u16,
    },
    /// A word of context set `set`.
    Context {
        /// Index into [`Engine::sets`].
        set: u16,
    },
    /// A benign phrase of `class`.
    Benign {
        /// The class it defeats.
        class: Class,
    },
}

/// One vocabulary entry behind an automaton pattern.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What it is.
    pub role: Role,
    /// The entry as written in the data (shown as the canonical term),
    /// shared by its readings.
    pub written: Arc<str>,
    /// Whether a word break may fall before each skeleton character, as
    /// bits (bit 0 is the start); see [`Entry::break_before`].
    pub breaks: u64,
    /// Whether the first skeleton character is CJK (no start boundary).
    pub first_cjk: bool,
    /// Whether the last skeleton character is CJK (no end boundary).
    pub last_cjk: bool,
    /// Whether a text may split it once with a space (`ransom ware`): a
    /// term of one Latin word of at least [`SPLIT_MIN_UNITS`] characters.
    pub splittable: bool,
}

impl Entry {
    /// Whether a word break may fall before skeleton character `i` of the
    /// entry (never past [`super::MAX_ENTRY_UNITS`], which the data tests
    /// hold every entry to).
    #[inline(always)]
    pub fn break_before(&self, i: usize) -> bool {
        i < 64 && self.breaks & (1 << i) != 0
    }
}

/// Shortest one-word term a space may split (`ransom ware`, `spy ware`):
/// shorter ones are too often two ordinary words (`bot net`).
pub const SPLIT_MIN_UNITS: usize = 7;

/// Shortest part on either side of such a split.
pub const SPLIT_MIN_PART: usize = 3;

/// A term group, compiled.
#[derive(Debug, Clone)]
pub struct Group {
    /// Signal class.
    pub class: Class,
    /// Strong or weak.
    pub strength: Strength,
    /// Indices of required context sets (any one).
    pub requires: Vec<u16>,
    /// Indices of required context sets (every one).
    pub requires_all: Vec<u16>,
    /// Indices of defeating context sets.
    pub unless: Vec<u16>,
    /// Indices of context sets that cancel a defeater (besides `evasion`).
    pub aggravated_by: Vec<u16>,
}

/// A context set, compiled.
#[derive(Debug, Clone)]
pub struct ContextSet {
    /// Its name in `contexts.json`.
    pub name: String,
    /// Window before a hit, in words.
    pub before: u32,
    /// Window after a hit, in words.
    pub after: u32,
    /// How far its words reach.
    pub scope: Scope,
}

/// One automaton and the entries behind its patterns.
pub struct Matcher {
    /// The automaton over the patterns' skeletons (`None` only if the data
    /// could not be compiled, which the data tests rule out).
    pub automaton: Option<DoubleArrayAhoCorasick<u32>>,
    /// The entries, grouped by pattern (a skeleton may stand for several):
    /// see [`Matcher::entries_of`].
    pub entries: Vec<Entry>,
    /// Where each pattern's entries start in `entries`, and their end.
    starts: Vec<u32>,
    /// The most words a context match of this automaton can run past its
    /// first word (its longest context entry, in skeleton characters, less
    /// one: each may be a word of its own when spelled out), bounding how
    /// far before a window a match ending in it can start.
    pub context_reach: u32,
    /// The longest pattern, in bytes of skeleton.
    pub longest: usize,
    problems: Vec<String>,
}

/// Everything the matcher needs. The patterns are split by script: those
/// without CJK characters are built with the engine, those with CJK
/// characters (Chinese terms and their one-character pinyin readings, a
/// third of all patterns) only when the first text with a CJK character is
/// scanned, so a page or a batch of English listings never pays for them.
/// The split changes no result: a pattern with a CJK character can only
/// match a text that has one.
pub struct Engine {
    /// Patterns without CJK characters.
    pub latin: Matcher,
    cjk: OnceLock<Matcher>,
    /// What the CJK matcher is built from.
    cjk_source: CjkSource,
    /// Term groups.
    pub groups: Vec<Group>,
    /// Context sets.
    pub sets: Vec<ContextSet>,
    /// The aggravating set (`evasion`), which cancels defeaters.
    pub evasion: Option<u16>,
    /// The negation sets (`negation`, `negation_zh`): a defeater they negate
    /// (`no consent screen`, `无需年龄验证`) does not defeat.
    pub negations: Vec<u16>,
    /// Class descriptions.
    pub classes: BTreeMap<Class, ClassInfo>,
    /// Problems found while reading the data (unknown set names, empty
    /// skeletons), besides the matchers' own.
    problems: Vec<String>,
}

/// The CJK patterns before they are compiled: those found while building
/// the engine and the readings left for later.
struct CjkSource {
    patterns: Patterns,
    deferred: Vec<Deferred>,
}

/// A reading with a CJK character, normalised only when the CJK matcher is
/// built.
struct Deferred {
    read: String,
    written: Arc<str>,
    role: Role,
}

impl Matcher {
    /// The entries behind automaton pattern `pattern` (none for an unknown
    /// one).
    #[inline(always)]
    pub fn entries_of(&self, pattern: usize) -> &[Entry] {
        match (self.starts.get(pattern), self.starts.get(pattern + 1)) {
            (Some(&a), Some(&b)) => self.entries.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl Engine {
    /// Patterns with CJK characters, built on first use.
    pub fn cjk(&self) -> &Matcher {
        self.cjk.get_or_init(|| {
            let source = &self.cjk_source;
            let mut builder = Builder {
                latin: Patterns::default(),
                cjk: source.patterns.clone(),
                deferred: None,
                problems: Vec::new(),
            };
            for d in &source.deferred {
                builder.add_reading(&d.read, &d.written, d.role);
            }
            if !builder.latin.items.is_empty() {
                let written: Vec<&str> = builder
                    .latin
                    .items
                    .iter()
                    .map(|(_, e)| &*e.written)
                    .collect();
                builder.problems.push(format!(
                    "entries {written:?} have CJK characters but normalise without any"
                ));
            }
            let mut matcher = builder.cjk.compile(&self.groups);
            matcher.problems.append(&mut builder.problems);
            matcher
        })
    }

    /// Whether the CJK matcher has been built.
    pub fn cjk_built(&self) -> bool {
        self.cjk.get().is_some()
    }

    /// Both matchers (this builds the CJK one).
    pub fn matchers(&self) -> [&Matcher; 2] {
        [&self.latin, self.cjk()]
    }

    /// Every entry of every pattern (this builds the CJK matcher).
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.matchers().into_iter().flat_map(|m| m.entries.iter())
    }

    /// Problems found while building (unknown set names, empty skeletons,
    /// automaton errors), the CJK matcher's included (this builds it); a
    /// test asserts there are none.
    pub fn problems(&self) -> Vec<String> {
        let mut all = self.problems.clone();
        for m in self.matchers() {
            all.extend(m.problems.iter().cloned());
        }
        all
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("latin_patterns", &self.latin.starts.len().saturating_sub(1))
            .field("cjk_built", &self.cjk.get().is_some())
            .field("groups", &self.groups)
            .field("sets", &self.sets)
            .field("problems", &self.problems)
            .finish_non_exhaustive()
    }
}

/// The patterns of one matcher in the making: (skeleton, entry) in the
/// order added.
#[derive(Clone, Default)]
struct Patterns {
    items: Vec<(String, Entry)>,
    context_reach: u32,
}

impl Patterns {
    /// Adds `entry` under `skeleton`.
    fn push(&mut self, skeleton: String, entry: Entry) {
        self.items.push((skeleton, entry));
    }

    /// Compiles the automaton and checks that no benign phrase reads the
    /// same as a term of its class.
    fn compile(mut self, groups: &[Group]) -> Matcher {
        // Entries of one skeleton side by side, in the order added (a
        // stable sort; no hashing).
        self.items.sort_by(|a, b| a.0.cmp(&b.0));
        let mut skeletons: Vec<&str> = Vec::new();
        let mut starts: Vec<u32> = Vec::new();
        for (i, (skeleton, _)) in self.items.iter().enumerate() {
            if skeletons.last() != Some(&skeleton.as_str()) {
                skeletons.push(skeleton);
                starts.push(i as u32);
            }
        }
        starts.push(self.items.len() as u32);
        let mut problems = Vec::new();
        let automaton = match DoubleArrayAhoCorasick::new(&skeletons) {
            Ok(a) => Some(a),
            Err(e) => {
                problems.push(format!("automaton: {e}"));
                None
            }
        };
        let longest = skeletons.iter().map(|k| k.len()).max().unwrap_or(0);
        let entries: Vec<Entry> = self.items.into_iter().map(|(_, e)| e).collect();
        let matcher = Matcher {
            automaton,
            entries,
            starts,
            context_reach: self.context_reach,
            longest,
            problems,
        };
        let mut clashes = Vec::new();
        for pattern in 0..matcher.starts.len().saturating_sub(1) {
            let list = matcher.entries_of(pattern);
            for b in list {
                let Role::Benign { class } = b.role else {
                    continue;
                };
                for t in list {
                    if let Role::Term { group } = t.role {
                        if groups.get(group as usize).is_some_and(|g| g.class == class) {
                            clashes.push(format!(
                                "benign phrase {:?} reads the same as term {:?}: it would defeat every hit",
                                b.written, t.written
                            ));
                        }
                    }
                }
            }
        }
        Matcher {
            problems: [matcher.problems, clashes].concat(),
            ..matcher
        }
    }
}

/// Normalises entries into the two pattern sets.
struct Builder {
    latin: Patterns,
    cjk: Patterns,
    /// Where readings with a CJK character are left for later (`None`: add
    /// them now).
    deferred: Option<Vec<Deferred>>,
    problems: Vec<String>,
}

impl Builder {
    /// Adds an entry with its readings: the number-word ones, and for a
    /// term its pinyin ones (`pinyin`: its syllables).
    fn add(&mut self, text: &str, role: Role, pinyin: Option<&String>) {
        let written: Arc<str> = Arc::from(text);
        self.add_or_defer(text, &written, role);
        for reading in number_words(text) {
            self.add_or_defer(&reading, &written, role);
        }
        if let (Role::Term { .. }, Some(syllables)) = (role, pinyin) {
            for reading in pinyin_readings(text, syllables) {
                self.add_or_defer(&reading, &written, role);
            }
        }
    }

    fn add_or_defer(&mut self, read: &str, written: &Arc<str>, role: Role) {
        if let Some(deferred) = &mut self.deferred {
            if read.chars().any(super::normalize::is_cjk) {
                deferred.push(Deferred {
                    read: read.to_string(),
                    written: Arc::clone(written),
                    role,
                });
                return;
            }
        }
        self.add_reading(read, written, role);
    }

    /// Adds one reading: `read` is what is matched, `written` the entry as
    /// the data file has it (they differ for the number-word and pinyin
    /// readings).
    fn add_reading(&mut self, read: &str, written: &Arc<str>, role: Role) {
        // Into this thread's reused buffers: thousands of short entries.
        Normalized::with(read, |norm| self.add_normalized(norm, written, role));
    }

    fn add_normalized(&mut self, norm: &Normalized, written: &Arc<str>, role: Role) {
        let problems = &mut self.problems;
        if norm.text.is_empty() {
            problems.push(format!("entry {written:?} normalises to nothing"));
            return;
        }
        if norm.units.len() > super::MAX_ENTRY_UNITS {
            problems.push(format!("entry {written:?} is longer than MAX_ENTRY_UNITS"));
        }
        let latin = !norm.units.iter().any(|u| u.cjk);
        if latin && norm.text.chars().count() < 3 && !matches!(role, Role::Context { .. }) {
            problems.push(format!(
                "entry {written:?} normalises to {:?}, too short to match safely",
                norm.text
            ));
        }
        let patterns = if latin {
            &mut self.latin
        } else {
            &mut self.cjk
        };
        if matches!(role, Role::Context { .. }) {
            patterns.context_reach = patterns
                .context_reach
                .max((norm.units.len() as u32).saturating_sub(1));
        }
        let one_word = norm.units.iter().skip(1).all(|u| u.brk == Break::None);
        let entry = Entry {
            role,
            written: Arc::clone(written),
            breaks: norm
                .units
                .iter()
                .take(64)
                .enumerate()
                .filter(|(_, u)| u.brk != Break::None)
                .fold(0, |bits, (i, _)| bits | 1 << i),
            first_cjk: norm.units.first().is_some_and(|u| u.cjk),
            last_cjk: norm.units.last().is_some_and(|u| u.cjk),
            splittable: matches!(role, Role::Term { .. })
                && latin
                && one_word
                && norm.units.len() >= SPLIT_MIN_UNITS,
        };
        // Written as one word (`#pumpanddump`, `p.u.m.p.a.n.d.d.u.m.p`), a
        // phrase whose words meet on the same letter reads with that letter
        // once, as repeats inside a word collapse: the phrase is also
        // entered in that reading.
        if let Some((skeleton, breaks)) = joined_reading(&norm.text, entry.breaks) {
            patterns.push(
                skeleton,
                Entry {
                    breaks,
                    written: Arc::clone(&entry.written),
                    ..entry
                },
            );
        }
        patterns.push(norm.text.clone(), entry);
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
/// unlock`, `spy on ur ex`).
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("for", "4"),
    ("to", "2"),
    ("too", "2"),
    ("you", "u"),
    ("your", "ur"),
    ("are", "r"),
];

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

/// Fewest characters a term needs to be entered wholly in pinyin: a
/// two-syllable reading is too often a word or name of its own (`sifu`,
/// `asan`, `dama`), while one character in pinyin next to the others in
/// Chinese (`破jie`) reads as nothing else.
pub const FULL_PINYIN_MIN_CHARS: usize = 3;

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
    if chars.len() >= FULL_PINYIN_MIN_CHARS {
        readings.push(syllables.join(" "));
        readings.push(syllables.concat());
    }
    readings
}

static ENGINES: PerRuleset<Engine> = PerRuleset::new(build);

/// The engine of the latest ruleset, built on first use.
pub fn engine() -> &'static Engine {
    ENGINES.get(Ruleset::latest())
}

/// The engine of one ruleset version, built on first use.
pub fn engine_in(rs: Ruleset) -> &'static Engine {
    ENGINES.get(rs)
}

/// Parses the ruleset's file at `path` (`seed` when the ruleset has no
/// version of it), recording a malformed file in `problems`.
fn parse<T: serde::de::DeserializeOwned>(
    rs: Ruleset,
    path: &str,
    seed: &'static str,
    problems: &mut Vec<String>,
) -> Option<T> {
    serde_json::from_str(rs.file(path, seed))
        .map_err(|e| problems.push(format!("{path}: {e}")))
        .ok()
}

/// Parses the embedded data and builds the Latin matcher (the CJK one is
/// built by [`Engine::cjk`]). Malformed data is recorded in the engine's
/// problems (and caught by the data tests) rather than panicking in a
/// user's page.
pub(crate) fn build(rs: Ruleset) -> Engine {
    let mut problems = Vec::new();
    let classes = parse::<ClassFile>(rs, "signals/classes.json", CLASSES_JSON, &mut problems)
        .map(|f| f.classes)
        .unwrap_or_default();
    let contexts = parse::<ContextFile>(rs, "signals/contexts.json", CONTEXTS_JSON, &mut problems)
        .map(|f| f.sets)
        .unwrap_or_default();
    let pinyin = parse::<PinyinFile>(rs, "signals/zh-pinyin.json", PINYIN_JSON, &mut problems)
        .map(|f| f.readings)
        .unwrap_or_default();
    let mut builder = Builder {
        latin: Patterns::default(),
        cjk: Patterns::default(),
        deferred: Some(Vec::new()),
        problems,
    };

    let mut sets = Vec::new();
    let mut set_index: HashMap<String, u16> = HashMap::new();
    for (name, set) in &contexts {
        let id = sets.len() as u16;
        set_index.insert(name.clone(), id);
        sets.push(ContextSet {
            name: name.clone(),
            before: set.before,
            after: set.after,
            scope: set.scope,
        });
        for term in &set.terms {
            builder.add(term, Role::Context { set: id }, None);
        }
    }
    let resolve = |names: &[String], problems: &mut Vec<String>| -> Vec<u16> {
        names
            .iter()
            .filter_map(|n| {
                let id = set_index.get(n).copied();
                if id.is_none() {
                    problems.push(format!("unknown context set {n:?}"));
                }
                id
            })
            .collect()
    };

    let mut groups = Vec::new();
    let mut unsplit: Vec<String> = Vec::new();
    for (_, path, seed) in LANGUAGES {
        let Some(file) = parse::<VocabularyFile>(rs, path, seed, &mut builder.problems) else {
            continue;
        };
        for g in &file.groups {
            let id = groups.len() as u16;
            groups.push(Group {
                class: g.class,
                strength: g.strength,
                requires: resolve(&g.requires, &mut builder.problems),
                requires_all: resolve(&g.requires_all, &mut builder.problems),
                unless: resolve(&g.unless, &mut builder.problems),
                aggravated_by: resolve(&g.aggravated_by, &mut builder.problems),
            });
            for term in &g.terms {
                builder.add(term, Role::Term { group: id }, pinyin.get(term));
            }
        }
        for b in &file.benign {
            for phrase in &b.phrases {
                builder.add(phrase, Role::Benign { class: b.class }, None);
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
        let written = entry.written.to_lowercase();
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
        deferred,
        problems,
    } = builder;
    Engine {
        latin: latin.compile(&groups),
        cjk: OnceLock::new(),
        cjk_source: CjkSource {
            patterns: cjk,
            deferred: deferred.unwrap_or_default(),
        },
        groups,
        evasion: set_index.get("evasion").copied(),
        negations: ["negation", "negation_zh"]
            .iter()
            .filter_map(|n| set_index.get(*n).copied())
            .collect(),
        sets,
        classes,
        problems,
    }
}
