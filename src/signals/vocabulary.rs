//! The signal vocabularies (`data/signals/*.json`) and the automata built
//! from them.
//!
//! Every term, context word and benign phrase of every language goes through
//! [`normalize`](super::normalize::normalize) and into one of two
//! Aho-Corasick automata, split by script ([`Engine`]). The normalising
//! happens at build time ([`super::compile`], run by `build.rs` for every
//! ruleset version); at run time the engine decodes the embedded result and
//! builds the automata, once per process (per wasm instance), shared by all
//! calls.

use crate::policy::ruleset::{PerRuleset, Ruleset};
use std::collections::BTreeMap;
use std::sync::OnceLock;

use daachorse::DoubleArrayAhoCorasick;
use serde::Deserialize;

use super::compile::{group, Grouped, Prebuilt, RawRole, Readings, StrTable, View};
pub use super::compile::{
    pinyin_readings, BenignFile, ContextFile, ContextSetFile, GroupFile, PinyinFile, Scope,
    VocabularyFile, FULL_PINYIN_MIN_CHARS, SPLIT_MIN_PART, SPLIT_MIN_UNITS,
};
use super::glued::{GlueFile, GlueIndex};
use super::near::{self, NearIndex};
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

/// `data/signals/classes.json`, as the seed ruleset has it.
const CLASSES_JSON: &str = include_str!("../../data/signals/classes.json");

/// `data/signals/near-words.json`, as the seed ruleset has it.
const NEAR_WORDS_JSON: &str = include_str!("../../data/signals/near-words.json");

/// `data/signals/grammar.json`, as the seed ruleset has it.
const GRAMMAR_JSON: &str = include_str!("../../data/signals/grammar.json");

/// `data/signals/grammar.json`: function words read from the text around a
/// hit rather than searched for (they are in almost every sentence).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Grammar {
    /// Determiners that make a hit the subject of the verb after it (`the
    /// trojan scans`).
    pub determiners: Vec<String>,
    /// Determiners of the vendor's own thing (`our ransomware encrypts
    /// backups`).
    pub own_determiners: Vec<String>,
    /// Modals between a hit and its verb (`the trojan can scan`).
    pub modals: Vec<String>,
    /// Verbs a named thing does, right after it (`the trojan scans`).
    pub subject_verbs: Vec<String>,
    /// The same in the base form, after a modal (`the trojan can scan`).
    pub base_verbs: Vec<String>,
    /// Comparisons right before a hit that make it the kind of the
    /// vendor's own thing (`unlike other RATs, ours …`, `与其他木马不同`):
    /// the negation in them (`unlike`) negates nothing.
    #[serde(default)]
    pub comparisons: Vec<String>,
}

/// `data/signals/glue.json`, as the seed ruleset has it.
const GLUE_JSON: &str = include_str!("../../data/signals/glue.json");

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
    /// shared by its readings (borrowed from the embedded vocabulary).
    pub written: &'static str,
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
    /// Whether it counts only beside a Chinese character: the pinyin of a
    /// two-character Chinese term (`muma` for 木马), which on its own is
    /// too often a word or name of another language.
    pub beside_cjk: bool,
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
    /// Read only as written: never misspelt nor glued.
    pub exact: bool,
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
    /// The one-word Latin terms whose near misses are read: their
    /// skeletons and patterns (see [`near`]).
    near_terms: Vec<(Box<[u8]>, u32)>,
    problems: Vec<String>,
}

/// Everything the matcher needs. The patterns are split by script: those
/// without CJK characters are built with the engine, those with CJK
/// characters (Chinese terms and their one-character pinyin readings, a
/// third of all patterns) only when the first text with a CJK character is
/// scanned, so a page or a batch of English listings never pays for them.
/// With the `prebuilt` feature both are decoded as `build.rs` built them
/// instead of built.
/// The split changes no result: a pattern with a CJK character can only
/// match a text that has one.
pub struct Engine {
    /// Patterns without CJK characters.
    pub latin: Matcher,
    cjk: OnceLock<Matcher>,
    /// What the CJK matcher is built from: the compiled vocabulary, whose
    /// CJK readings are decoded only then, or the matcher prebuilt.
    compiled: &'static [u8],
    /// The CJK matcher as `build.rs` built it (empty without the
    /// `prebuilt` feature), and its context reach.
    prebuilt_cjk: &'static [u8],
    cjk_reach: u32,
    /// Written forms of the entries.
    written: StrTable<'static>,
    /// Class of each class index of the compiled vocabulary.
    class_of: Vec<Option<Class>>,
    /// Term groups.
    pub groups: Vec<Group>,
    /// Context sets.
    pub sets: Vec<ContextSet>,
    /// The aggravating set (`evasion`), which cancels defeaters.
    pub evasion: Option<u16>,
    /// The negation sets (`negation`, `negation_zh`): a defeater they negate
    /// (`no consent screen`, `无需年龄验证`) does not defeat.
    pub negations: Vec<u16>,
    /// The harm set (`harm_verb`: `encrypts`, `wipes`, `disables`): after
    /// the vendor's own thing, a defeater right after a harm verb is what
    /// the thing harms (`our ransomware encrypts backups`, `disables the
    /// firewall`), and does not defeat.
    pub harms: Option<u16>,
    /// The attempt set (`attempt`: `try to`, `试图`): an evasion phrase
    /// right after one describes a threat, and cancels no defeater.
    pub attempts: Vec<u16>,
    /// The set of words that, hyphenated right after a term, say a product
    /// is without it (`free_of_suffix`: `spyware-free`).
    pub free_of: Option<u16>,
    /// The feature links (`feature_link`: `with`, `that`, `内置`): between a
    /// hit and a defeater after it, they keep it from defeating.
    pub feature_links: Option<u16>,
    /// Function words read around a hit (`signals/grammar.json`).
    pub grammar: Grammar,
    /// Denials after a protective word (`denial_after`: `does not
    /// apply`, `is not required`): `GDPR does not apply to us` is no
    /// defeater.
    pub denials: Option<u16>,
    /// Class descriptions.
    pub classes: BTreeMap<Class, ClassInfo>,
    /// The near-miss index, built on first use.
    near: OnceLock<NearIndex>,
    /// Which groups' terms have their near misses read (see
    /// [`reads_near`]).
    pub near_groups: Vec<bool>,
    /// `signals/near-words.json` of the ruleset.
    near_words: &'static str,
    /// The glue words' index, built on first use.
    glue: OnceLock<GlueIndex>,
    /// `signals/glue.json` of the ruleset.
    glue_json: &'static str,
    /// Problems found while compiling the data (unknown set names, empty
    /// skeletons, unknown classes), besides the matchers' own.
    problems: Vec<String>,
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

    /// Whether `word` (a skeleton word) is a known word of the vocabulary:
    /// one of the patterns, whole, other than the near terms themselves
    /// (what [`Engine::near_misses_of`] never reads as a near miss).
    pub fn is_known_word(&self, word: &[u8], near_groups: &[bool]) -> bool {
        self.automaton.as_ref().is_some_and(|a| {
            a.find_overlapping_iter(word).any(|m| {
                m.start() == 0
                    && m.end() == word.len()
                    && !self.is_near_term(m.value() as usize, word, near_groups)
            })
        })
    }

    /// Whether pattern `p`, of skeleton `skeleton`, is a term whose near
    /// misses are read: a term of a group of `near_groups` written as one
    /// Latin word (not a reading of a Chinese term, nor a phrase) of
    /// [`near::MIN_TERM`] letters `a`–`z` or more.
    fn is_near_term(&self, p: usize, skeleton: &[u8], near_groups: &[bool]) -> bool {
        skeleton.len() >= near::MIN_TERM
            && self
                .entries_of(p)
                .iter()
                .any(|e| reads_near(e, near_groups))
            && near::pack(skeleton).is_some()
    }
}

/// Whether a near miss of `entry` reads as it: a term of a group of
/// `near_groups`, written as one Latin word (not a reading of a Chinese
/// term, nor a phrase).
pub fn reads_near(entry: &Entry, near_groups: &[bool]) -> bool {
    matches!(entry.role, Role::Term { group }
        if near_groups.get(group as usize).copied().unwrap_or(false))
        && entry
            .written
            .bytes()
            .all(|c| c.is_ascii_alphabetic() || c == b'-')
}

/// Whether `entry` reads glued to common words inside one word
/// ([`super::glued`]): a term of a group of `near_groups`, written in Latin
/// letters as one word or a phrase (`fakeidshop`: `fake id`).
pub fn reads_glued(entry: &Entry, near_groups: &[bool]) -> bool {
    matches!(entry.role, Role::Term { group }
        if near_groups.get(group as usize).copied().unwrap_or(false))
        && entry
            .written
            .bytes()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, b'-' | b' ' | b'\''))
}

/// Whether `written` is exactly two CJK characters (a two-character
/// Chinese term).
fn two_cjk(written: &str) -> bool {
    let mut chars = written.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(a), Some(b), None) if super::normalize::is_cjk(a) && super::normalize::is_cjk(b)
    )
}

impl Matcher {
    /// Builds the automaton over the grouped patterns' skeletons (or reads
    /// it from `prebuilt`, the same automaton serialised when the crate was
    /// built) and resolves their entries; `near_groups` tells which
    /// groups' one-word terms have their near misses read.
    fn build(
        grouped: Grouped<'_>,
        prebuilt: Option<&[u8]>,
        context_reach: u32,
        written: &StrTable<'static>,
        class_of: &[Option<Class>],
        near_groups: &[bool],
    ) -> Matcher {
        let mut problems = Vec::new();
        let deserialized = prebuilt
            .and_then(|bytes| DoubleArrayAhoCorasick::deserialize(bytes).ok())
            .filter(|(_, rest)| rest.is_empty());
        let automaton = match deserialized {
            Some((a, _)) => Some(a),
            None => match DoubleArrayAhoCorasick::new(grouped.skeletons.iter()) {
                Ok(a) => Some(a),
                Err(e) => {
                    problems.push(format!("automaton: {e}"));
                    None
                }
            },
        };
        let longest = grouped.skeletons.iter().map(|k| k.len()).max().unwrap_or(0);
        let mut unknown = false;
        let entries: Vec<Entry> = grouped
            .entries
            .iter()
            .map(|e| Entry {
                role: match e.role {
                    RawRole::Term { group } => Role::Term { group },
                    RawRole::Context { set } => Role::Context { set },
                    RawRole::Benign { class } => {
                        match class_of.get(class as usize).copied().flatten() {
                            Some(class) => Role::Benign { class },
                            None => {
                                // In place (entries are found by position), as
                                // a word of no set: it never counts.
                                unknown = true;
                                Role::Context { set: u16::MAX }
                            }
                        }
                    }
                },
                written: written.get(e.written as usize),
                breaks: e.breaks,
                first_cjk: e.first_cjk,
                last_cjk: e.last_cjk,
                splittable: e.splittable,
                // A reading of a term of two CJK characters that neither
                // starts nor ends in one: the term wholly in pinyin.
                beside_cjk: matches!(e.role, RawRole::Term { .. })
                    && !e.first_cjk
                    && !e.last_cjk
                    && two_cjk(written.get(e.written as usize)),
            })
            .collect();
        if unknown {
            problems.push("benign phrases of an unknown class".into());
        }
        let mut matcher = Matcher {
            automaton,
            entries,
            starts: grouped.starts,
            context_reach,
            longest,
            near_terms: Vec::new(),
            problems,
        };
        // Every other pattern is a known word, never a near miss
        // ([`Matcher::is_known_word`]).
        matcher.near_terms = grouped
            .skeletons
            .iter()
            .enumerate()
            .filter(|(p, k)| matcher.is_near_term(*p, k.as_bytes(), near_groups))
            .map(|(p, k)| (k.as_bytes().into(), p as u32))
            .collect();
        matcher
    }
}

impl Engine {
    /// Patterns with CJK characters, built on first use.
    pub fn cjk(&self) -> &Matcher {
        self.cjk.get_or_init(|| {
            // As `build.rs` built it (with the `prebuilt` feature).
            let prebuilt =
                (!self.prebuilt_cjk.is_empty()).then(|| Prebuilt::decode(self.prebuilt_cjk));
            if let Some(Ok(p)) = prebuilt {
                return Matcher::build(
                    p.grouped,
                    Some(p.automaton),
                    self.cjk_reach,
                    &self.written,
                    &self.class_of,
                    &[],
                );
            }
            // The engine decoded these bytes already, so only a
            // damaged CJK part fails here: a matcher without patterns
            // that says why.
            let (cjk, problem) = match View::decode_with(self.compiled, false, true) {
                Ok(view) => (view.cjk, None),
                Err(e) => (Readings::default(), Some(format!("CJK readings: {e}"))),
            };
            let mut matcher = Matcher::build(
                group(cjk.resolved()),
                None,
                cjk.context_reach,
                &self.written,
                &self.class_of,
                &[],
            );
            matcher.problems.extend(problem);
            if let Some(Err(e)) = prebuilt {
                matcher.problems.push(format!("prebuilt CJK matcher: {e}"));
            }
            matcher
        })
    }

    /// The near-miss index of the Latin terms, built on first use: its
    /// known words are the ruleset's `signals/near-words.json` (a problem
    /// there leaves them out, and the data tests catch it).
    pub fn near(&self) -> &NearIndex {
        self.near
            .get_or_init(|| self.near_index(&self.near_words().unwrap_or_default()))
    }

    /// A near-miss index of the Latin terms that knows `words` (what
    /// [`Engine::near`] builds with the ruleset's list;
    /// `examples/near_words.rs` builds it without, to find the real words
    /// that belong on that list). Read it through
    /// [`Engine::near_misses_of`], which knows the vocabulary's words.
    pub fn near_index(&self, words: &[String]) -> NearIndex {
        let known = words
            .iter()
            .filter_map(|w| near::pack(super::normalize::normalize(w).text.as_bytes()));
        NearIndex::new(&self.latin.near_terms, known)
    }

    /// The patterns of the one-word Latin terms `word` (a skeleton word)
    /// is one edit from per `index`, in `out`: none for a known word of
    /// `index` or of the vocabulary. Whether there are any.
    #[inline]
    pub fn near_misses_of(&self, index: &NearIndex, word: &[u8], out: &mut Vec<u32>) -> bool {
        // Rarely past the lookup: most words are one edit from no term.
        if index.lookup(word, out) && self.latin.is_known_word(word, &self.near_groups) {
            out.clear();
        }
        !out.is_empty()
    }

    /// The words and names of the ruleset's `signals/near-words.json`, or
    /// what is wrong with it.
    fn near_words(&self) -> Result<Vec<String>, String> {
        serde_json::from_str::<near::NearWordsFile>(self.near_words)
            .map(|f| f.words.into_iter().chain(f.names).collect())
            .map_err(|e| format!("signals/near-words.json: {e}"))
    }

    /// The index of the words that glue to a term ([`super::glued`]),
    /// built on first use (a problem in the file leaves it empty, and the
    /// data tests catch it).
    pub fn glue(&self) -> &GlueIndex {
        self.glue.get_or_init(|| self.glue_index(true))
    }

    /// The glue index of the ruleset's `signals/glue.json`, without its
    /// real words when `known` is false (`examples/glued_words.rs` builds
    /// that, to find the real words that belong on the list).
    pub fn glue_index(&self, known: bool) -> GlueIndex {
        GlueIndex::new(
            &self.glue_file().unwrap_or_default(),
            known,
            super::normalize::normalize_part,
        )
    }

    /// The ruleset's `signals/glue.json`, or what is wrong with it.
    fn glue_file(&self) -> Result<GlueFile, String> {
        serde_json::from_str::<GlueFile>(self.glue_json)
            .map_err(|e| format!("signals/glue.json: {e}"))
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

    /// Problems found while compiling and building (unknown set names,
    /// empty skeletons, automaton errors), the CJK matcher's included (this
    /// builds it); a test asserts there are none.
    pub fn problems(&self) -> Vec<String> {
        let mut all = self.problems.clone();
        all.extend(self.near_words().err());
        all.extend(self.glue_file().err());
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

static ENGINES: PerRuleset<Engine> = PerRuleset::new(build);

/// The engine of the latest ruleset, built on first use.
pub fn engine() -> &'static Engine {
    ENGINES.get(Ruleset::latest())
}

/// The engine of one ruleset version, built on first use.
pub fn engine_in(rs: Ruleset) -> &'static Engine {
    ENGINES.get(rs)
}

/// The compiled vocabulary of one ruleset version, as `build.rs` embedded
/// it.
pub fn compiled_bytes(rs: Ruleset) -> Option<&'static [u8]> {
    crate::policy::ruleset::VOCABULARIES
        .get(rs.embedded_index()?)
        .copied()
}

/// The ruleset's Latin matcher (or with `cjk` its CJK matcher) as
/// `build.rs` prebuilt it ([`Prebuilt`]; empty without the `prebuilt`
/// feature).
pub fn prebuilt_matcher(rs: Ruleset, cjk: bool) -> Option<&'static [u8]> {
    let all = if cjk {
        crate::policy::ruleset::CJK_MATCHERS
    } else {
        crate::policy::ruleset::LATIN_MATCHERS
    };
    all.get(rs.embedded_index()?).copied()
}

/// Decodes the ruleset's compiled vocabulary and builds the Latin matcher
/// (the CJK one is built by [`Engine::cjk`]). Malformed data is recorded in
/// the engine's problems (and caught by the data tests) rather than
/// panicking in a user's page.
pub(crate) fn build(rs: Ruleset) -> Engine {
    let mut problems = Vec::new();
    let classes = serde_json::from_str::<ClassFile>(rs.file("signals/classes.json", CLASSES_JSON))
        .map_err(|e| problems.push(format!("signals/classes.json: {e}")))
        .map(|f| f.classes)
        .unwrap_or_default();
    let grammar = serde_json::from_str::<Grammar>(rs.file("signals/grammar.json", GRAMMAR_JSON))
        .map_err(|e| problems.push(format!("signals/grammar.json: {e}")))
        .unwrap_or_default();
    // The Latin matcher as `build.rs` built it (with the `prebuilt`
    // feature), else built here from the readings.
    let prebuilt = prebuilt_matcher(rs, false)
        .filter(|bytes| !bytes.is_empty())
        .and_then(|bytes| {
            Prebuilt::decode(bytes)
                .map_err(|e| problems.push(format!("prebuilt Latin matcher: {e}")))
                .ok()
        });
    let compiled = compiled_bytes(rs).unwrap_or_default();
    // The CJK readings are decoded when the CJK matcher is built.
    let view = compiled_bytes(rs)
        .ok_or_else(|| "no compiled vocabulary for this ruleset".to_string())
        .and_then(|bytes| View::decode_with(bytes, prebuilt.is_none(), false))
        .unwrap_or_else(|e| {
            problems.push(format!("compiled vocabulary: {e}"));
            View::default()
        });
    problems.extend(view.problems.iter().cloned());
    let mut named = |name: &str, what: &str| -> Option<Class> {
        let class = serde_json::from_value(serde_json::Value::String(name.to_string())).ok();
        if class.is_none() {
            problems.push(format!("unknown {what} {name:?}"));
        }
        class
    };
    let class_of: Vec<Option<Class>> = view.classes.iter().map(|c| named(c, "class")).collect();
    let mut groups = Vec::with_capacity(view.groups.len());
    for g in &view.groups {
        let strength: Option<Strength> =
            serde_json::from_value(serde_json::Value::String(g.strength.clone())).ok();
        let class = class_of.get(g.class as usize).copied().flatten();
        let (Some(class), Some(strength)) = (class, strength) else {
            problems.push(format!(
                "group with unknown class or strength {:?}",
                g.strength
            ));
            // Kept in place (group indices are positions), requiring a
            // context set that does not exist: its terms never count.
            groups.push(Group {
                class: Class::Illegal,
                strength: Strength::Weak,
                requires: vec![u16::MAX],
                requires_all: Vec::new(),
                unless: Vec::new(),
                aggravated_by: Vec::new(),
                exact: true,
            });
            continue;
        };
        groups.push(Group {
            class,
            strength,
            requires: g.requires.clone(),
            requires_all: g.requires_all.clone(),
            unless: g.unless.clone(),
            aggravated_by: g.aggravated_by.clone(),
            exact: g.exact,
        });
    }
    let set_id = |name: &str| {
        view.sets
            .iter()
            .position(|s| s.name == name)
            .map(|i| i as u16)
    };
    let evasion = set_id("evasion");
    let negations = ["negation", "negation_zh"]
        .iter()
        .filter_map(|n| set_id(n))
        .collect();
    let harms = set_id("harm_verb");
    let attempts = set_id("attempt").into_iter().collect();
    let free_of = set_id("free_of_suffix");
    let feature_links = set_id("feature_link");
    let denials = set_id("denial_after");
    let sets = view
        .sets
        .iter()
        .map(|s| ContextSet {
            name: s.name.clone(),
            before: s.before,
            after: s.after,
            scope: s.scope,
        })
        .collect();
    // Near misses are read for clear terms that need no context: a weak
    // term (`binder`, `dropper`) is ambiguous already, and a word that
    // counts only beside others (`collect` … `contacts`) too common to
    // guess at; never for a group read only as written.
    let near_groups: Vec<bool> = groups
        .iter()
        .map(|g| {
            g.strength == Strength::Strong
                && g.requires.is_empty()
                && g.requires_all.is_empty()
                && !g.exact
        })
        .collect();
    Engine {
        latin: match prebuilt {
            Some(p) => Matcher::build(
                p.grouped,
                Some(p.automaton),
                view.latin.context_reach,
                &view.written,
                &class_of,
                &near_groups,
            ),
            None => Matcher::build(
                group(view.latin.resolved()),
                None,
                view.latin.context_reach,
                &view.written,
                &class_of,
                &near_groups,
            ),
        },
        cjk: OnceLock::new(),
        compiled,
        prebuilt_cjk: prebuilt_matcher(rs, true).unwrap_or_default(),
        cjk_reach: view.cjk.context_reach,
        written: view.written,
        class_of,
        groups,
        evasion,
        negations,
        harms,
        attempts,
        free_of,
        feature_links,
        grammar,
        denials,
        sets,
        classes,
        near: OnceLock::new(),
        near_groups,
        near_words: rs.file("signals/near-words.json", NEAR_WORDS_JSON),
        glue: OnceLock::new(),
        glue_json: rs.file("signals/glue.json", GLUE_JSON),
        problems,
    }
}
