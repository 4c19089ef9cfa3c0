//! The signal vocabularies (`data/signals/*.json`) and the one automaton
//! built from them.
//!
//! Every term, context word and benign phrase of every language goes through
//! [`normalize`] and into a single Aho-Corasick
//! automaton, built once per process (per wasm instance) and shared by all
//! calls.

use crate::policy::ruleset::{PerRuleset, Ruleset};
use std::collections::{BTreeMap, HashMap};

use daachorse::DoubleArrayAhoCorasick;
use serde::Deserialize;

use super::normalize::{normalize, Break};
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
    /// Context sets that defeat a hit when near.
    #[serde(default)]
    pub unless: Vec<String>,
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
    /// The entry as written in the data (shown as the canonical term).
    pub written: String,
    /// Whether a word break may fall before each skeleton character
    /// (index 0 is the start).
    pub breaks: Vec<bool>,
    /// Whether the first skeleton character is CJK (no start boundary).
    pub first_cjk: bool,
    /// Whether the last skeleton character is CJK (no end boundary).
    pub last_cjk: bool,
    /// Whether a text may split it once with a space (`ransom ware`): a
    /// term of one Latin word of at least [`SPLIT_MIN_UNITS`] characters.
    pub splittable: bool,
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
    /// Indices of required context sets.
    pub requires: Vec<u16>,
    /// Indices of defeating context sets.
    pub unless: Vec<u16>,
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

/// Everything the matcher needs, built once.
pub struct Engine {
    /// One automaton over the skeletons of every entry (`None` only if the
    /// data could not be compiled, which the data tests rule out).
    pub automaton: Option<DoubleArrayAhoCorasick<u32>>,
    /// Entries per automaton pattern (a skeleton may stand for several).
    pub entries: Vec<Vec<Entry>>,
    /// Term groups.
    pub groups: Vec<Group>,
    /// Context sets.
    pub sets: Vec<ContextSet>,
    /// The aggravating set (`evasion`), which cancels defeaters.
    pub evasion: Option<u16>,
    /// The negation sets (`negation`, `negation_zh`): a defeater they negate
    /// (`no consent screen`, `无需年龄验证`) does not defeat.
    pub negations: Vec<u16>,
    /// The most words a context match can run past its first word (its
    /// longest entry, in skeleton characters, less one: each may be a word
    /// of its own when spelled out), bounding how far before a window a
    /// match ending in it can start.
    pub context_reach: u32,
    /// Class descriptions.
    pub classes: BTreeMap<Class, ClassInfo>,
    /// Problems found while building (unknown set names, empty skeletons);
    /// a test asserts there are none.
    pub problems: Vec<String>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("patterns", &self.entries.len())
            .field("groups", &self.groups)
            .field("sets", &self.sets)
            .field("problems", &self.problems)
            .finish_non_exhaustive()
    }
}

/// A phrase's skeleton with the letter its words share where they meet
/// written once (`pump and dump` → `pumpandump`), and the breaks that go
/// with it; `None` when no two words meet on the same letter.
fn joined_reading(skeleton: &str, breaks: &[bool]) -> Option<(String, Vec<bool>)> {
    let chars: Vec<char> = skeleton.chars().collect();
    if chars.len() != breaks.len() {
        return None;
    }
    // Word lengths, so that no word is left with fewer than two letters
    // (`cc checker` would read as the plain word `checker`).
    let starts: Vec<usize> = (0..chars.len()).filter(|&k| k == 0 || breaks[k]).collect();
    let word_len = |k: usize| {
        let i = starts.partition_point(|&s| s <= k);
        let start = starts[i - 1];
        starts.get(i).copied().unwrap_or(chars.len()) - start
    };
    let dropped: Vec<bool> = (0..chars.len())
        .map(|k| {
            k > 0
                && breaks[k]
                && chars[k] == chars[k - 1]
                && word_len(k - 1) >= 2
                && word_len(k) >= 3
        })
        .collect();
    if !dropped.contains(&true) {
        return None;
    }
    let kept = || (0..chars.len()).filter(|&k| !dropped[k]);
    Some((
        kept().map(|k| chars[k]).collect(),
        kept().map(|k| breaks[k]).collect(),
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

/// Parses the embedded data and builds the automaton. Malformed data is
/// recorded in [`Engine::problems`] (and caught by the data tests) rather
/// than panicking in a user's page.
fn build(rs: Ruleset) -> Engine {
    let mut problems = Vec::new();
    let classes = parse::<ClassFile>(rs, "signals/classes.json", CLASSES_JSON, &mut problems)
        .map(|f| f.classes)
        .unwrap_or_default();
    let contexts = parse::<ContextFile>(rs, "signals/contexts.json", CONTEXTS_JSON, &mut problems)
        .map(|f| f.sets)
        .unwrap_or_default();
    let mut by_skeleton: HashMap<String, usize> = HashMap::new();
    let mut skeletons: Vec<String> = Vec::new();
    let mut entries: Vec<Vec<Entry>> = Vec::new();
    let mut context_reach = 0u32;
    // `read` is what is matched, `written` the entry as the data file has it
    // (they differ for the number-word readings of a phrase).
    let mut add_reading = |read: &str, written: &str, role: Role, problems: &mut Vec<String>| {
        let norm = normalize(read);
        if norm.text.is_empty() {
            problems.push(format!("entry {written:?} normalises to nothing"));
            return;
        }
        if matches!(role, Role::Context { .. }) {
            context_reach = context_reach.max((norm.units.len() as u32).saturating_sub(1));
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
        let one_word = norm.units.iter().skip(1).all(|u| u.brk == Break::None);
        let entry = Entry {
            role,
            written: written.to_string(),
            breaks: norm.units.iter().map(|u| u.brk != Break::None).collect(),
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
        let joined = joined_reading(&norm.text, &entry.breaks);
        let mut push = |skeleton: String, entry: Entry| {
            let index = *by_skeleton.entry(skeleton.clone()).or_insert_with(|| {
                skeletons.push(skeleton);
                entries.push(Vec::new());
                entries.len() - 1
            });
            entries[index].push(entry);
        };
        if let Some((skeleton, breaks)) = joined {
            push(
                skeleton,
                Entry {
                    breaks,
                    written: entry.written.clone(),
                    ..entry
                },
            );
        }
        push(norm.text.clone(), entry);
    };
    let pinyin = parse::<PinyinFile>(rs, "signals/zh-pinyin.json", PINYIN_JSON, &mut problems)
        .map(|f| f.readings)
        .unwrap_or_default();
    let mut add = |written: &str, role: Role, problems: &mut Vec<String>| {
        add_reading(written, written, role, problems);
        for reading in number_words(written) {
            add_reading(&reading, written, role, problems);
        }
        if matches!(role, Role::Term { .. }) {
            if let Some(syllables) = pinyin.get(written) {
                for reading in pinyin_readings(written, syllables) {
                    add_reading(&reading, written, role, problems);
                }
            }
        }
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
            add(term, Role::Context { set: id }, &mut problems);
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
        let Some(file) = parse::<VocabularyFile>(rs, path, seed, &mut problems) else {
            continue;
        };
        for g in &file.groups {
            let id = groups.len() as u16;
            groups.push(Group {
                class: g.class,
                strength: g.strength,
                requires: resolve(&g.requires, &mut problems),
                unless: resolve(&g.unless, &mut problems),
            });
            for term in &g.terms {
                add(term, Role::Term { group: id }, &mut problems);
            }
        }
        for b in &file.benign {
            for phrase in &b.phrases {
                add(phrase, Role::Benign { class: b.class }, &mut problems);
            }
        }
        unsplit.extend(file.unsplit.iter().map(|w| w.to_lowercase()));
    }
    // One pass over the terms (each lower-cased once), marking the words
    // of `unsplit` found.
    let mut found = vec![false; unsplit.len()];
    for entry in entries.iter_mut().flatten() {
        if !matches!(entry.role, Role::Term { .. }) {
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
            problems.push(format!("unsplit word {word:?} is not a term"));
        }
    }
    let automaton = match DoubleArrayAhoCorasick::new(&skeletons) {
        Ok(a) => Some(a),
        Err(e) => {
            problems.push(format!("automaton: {e}"));
            None
        }
    };
    for list in &entries {
        for b in list {
            let Role::Benign { class } = b.role else {
                continue;
            };
            for t in list {
                if let Role::Term { group } = t.role {
                    if groups
                        .get(group as usize)
                        .is_some_and(|g: &Group| g.class == class)
                    {
                        problems.push(format!(
                            "benign phrase {:?} reads the same as term {:?}: it would defeat every hit",
                            b.written, t.written
                        ));
                    }
                }
            }
        }
    }
    Engine {
        automaton,
        entries,
        groups,
        evasion: set_index.get("evasion").copied(),
        negations: ["negation", "negation_zh"]
            .iter()
            .filter_map(|n| set_index.get(*n).copied())
            .collect(),
        context_reach,
        sets,
        classes,
        problems,
    }
}
