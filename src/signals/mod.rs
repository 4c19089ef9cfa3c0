//! The prohibited-content signal engine.
//!
//! Finds wording that signals content the Policy's listing restrictions and
//! Agreement cl. 3.2 forbid — illegal goods, infringement, malware, personal
//! data collection, crypto mining, harassment, obscenity, discrimination,
//! reselling, fraud — in English and Simplified Chinese, through spelling
//! tricks (see [`normalize`]), with whole-word matching and context that
//! defeats a hit (a product that *detects* Trojans) or is required for one
//! (`mining` only near virtual-currency words). Vocabularies and context are
//! data (`data/signals/`); one Aho-Corasick pass finds every entry.
//!
//! [`scan`] returns the signals in one string; [`check_fields`] adds them to
//! a listing's findings.

mod censored;
pub mod compile;
pub use censored::turned_back;
mod feature_hash;
pub mod glued;
pub mod model;
pub mod near;
pub mod normalize;
pub mod vocabulary;

use std::ops::Range;

use serde::{Deserialize, Serialize};

#[cfg(feature = "wasm")]
use tsify::Tsify;

use crate::policy::Ruleset;
use crate::report::{Finding, Severity, Span};
use crate::rules::Rule;
use normalize::{Break, Normalized};
use vocabulary::{engine_in, Engine, Role, Scope};

/// A kind of prohibited content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Content restricted or prohibited by law (Policy restrictions item 1).
    Illegal,
    /// Infringement of third-party rights (item 2).
    IpInfringement,
    /// Viruses, malware, Trojans (item 3).
    Malware,
    /// Unreasonable collection of personal data (item 4).
    PersonalData,
    /// Virtual-currency mining (Agreement 3.2(f)).
    CryptoMining,
    /// Defamatory, threatening or harassing content (3.2(g)(i)).
    Harassment,
    /// Obscene or sexually explicit content (3.2(g)(ii)).
    Obscene,
    /// Content promoting discrimination (3.2(g)(iii)).
    Discrimination,
    /// Reselling Alibaba Cloud Services (3.2(m)).
    Reselling,
    /// Fraudulent content (restrictions item 5, 3.2(b)).
    Fraud,
}

impl Class {
    /// Every class.
    pub const ALL: &'static [Class] = &[
        Class::Illegal,
        Class::IpInfringement,
        Class::Malware,
        Class::PersonalData,
        Class::CryptoMining,
        Class::Harassment,
        Class::Obscene,
        Class::Discrimination,
        Class::Reselling,
        Class::Fraud,
    ];

    /// The rule that reports this class.
    pub fn rule(self) -> Rule {
        match self {
            Class::Illegal => Rule::SignalIllegal,
            Class::IpInfringement => Rule::SignalIpInfringement,
            Class::Malware => Rule::SignalMalware,
            Class::PersonalData => Rule::SignalPersonalData,
            Class::CryptoMining => Rule::SignalCryptoMining,
            Class::Harassment => Rule::SignalHarassment,
            Class::Obscene => Rule::SignalObscene,
            Class::Discrimination => Rule::SignalDiscrimination,
            Class::Reselling => Rule::SignalReselling,
            Class::Fraud => Rule::SignalFraud,
        }
    }

    /// The class's name as in JSON (`ip_infringement`).
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Illegal => "illegal",
            Class::IpInfringement => "ip_infringement",
            Class::Malware => "malware",
            Class::PersonalData => "personal_data",
            Class::CryptoMining => "crypto_mining",
            Class::Harassment => "harassment",
            Class::Obscene => "obscene",
            Class::Discrimination => "discrimination",
            Class::Reselling => "reselling",
            Class::Fraud => "fraud",
        }
    }

    /// The class whose rule has this id.
    pub fn from_rule_id(id: &str) -> Option<Class> {
        Class::ALL
            .iter()
            .copied()
            .find(|c| c.rule().meta().id == id)
    }
}

/// How clear a signal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// No term matched, but the resemblance model ([`model`]) finds the
    /// whole sentence like the corpus's listings of the kind: a warning.
    Resembles,
    /// A word one letter off a one-word term (`keyloggr`): a warning
    /// ([`near`]).
    Misspelt,
    /// A term glued to common words in one word (`freekeygens`,
    /// `keyloggerpro`, `fakeidshop`): a warning ([`glued`]).
    Glued,
    /// A term with few benign uses near it: a warning.
    Weak,
    /// A clear term: an error.
    Strong,
}

impl Strength {
    /// Whether this is a reading of a word that is not a term as written
    /// (misspelt or glued), which a term read elsewhere replaces.
    pub fn is_reading(self) -> bool {
        matches!(self, Strength::Misspelt | Strength::Glued)
    }
}

/// One signal found in a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Signal {
    /// The kind of prohibited content.
    pub class: Class,
    /// The rule id (`signal/<class>`).
    pub rule: String,
    /// Error for strong signals, warning for weak ones.
    pub severity: Severity,
    /// Strong or weak.
    pub strength: Strength,
    /// Where in the original string, in UTF-16 code units.
    pub span: Span,
    /// The original text matched.
    pub matched: String,
    /// The vocabulary term it normalised to.
    pub term: String,
}

/// The signals in one string, in order of position (latest ruleset).
pub fn scan(text: &str) -> Vec<Signal> {
    scan_in(text, Ruleset::latest())
}

/// The signals in one string under one ruleset version.
pub fn scan_in(text: &str, rs: Ruleset) -> Vec<Signal> {
    let mut signals = scan_as_written(text, rs, Reading::WithModel);
    // Censored spellings (`malw*re`), look-alike letter pairs (`rnalware`)
    // and upside-down writing: see `censored`. Only term hits are taken
    // from a variant, so it is read without the resemblance model.
    let extra = censored::variant_signals(text, &signals, |variant| {
        scan_as_written(variant, rs, Reading::TermsOnly)
    });
    if !extra.is_empty() {
        signals.retain(|s| {
            !s.strength.is_reading()
                || !extra.iter().any(|x| {
                    x.class == s.class && x.span.start < s.span.end && s.span.start < x.span.end
                })
        });
        signals.extend(extra);
        signals.sort_by_key(|s| (s.span.start, s.span.end));
    }
    signals
}

/// Whether [`scan_as_written`] also asks the resemblance model.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Term hits and the model's resemblances.
    WithModel,
    /// Term hits only.
    TermsOnly,
}

/// [`scan_in`] of the text as written, without its variant readings.
fn scan_as_written(text: &str, rs: Ruleset, reading: Reading) -> Vec<Signal> {
    let engine = engine_in(rs);
    Normalized::with(text, |norm| {
        let (found, engaged) = hits_and_engaged(engine, text, norm);
        let mut signals: Vec<Signal> = found
            .iter()
            .map(|h| to_signal(engine, text, norm, h))
            .collect();
        if let Some(model) = model::model()
            .ok()
            .filter(|_| reading == Reading::WithModel)
        {
            // Only sentences in which no term matched: where one did, the
            // vocabulary and its context rules have judged the sentence.
            let before = signals.len();
            let judged = |s: u32| engaged.binary_search(&s).is_ok();
            for r in model.resemblances(text, norm, judged) {
                signals.push(resemblance_signal(text, norm, &r));
            }
            if signals.len() > before {
                signals.sort_by_key(|s| (s.span.start, s.span.end));
            }
        }
        signals
    })
}

/// The signal for a sentence the resemblance model flags: the sentence is
/// the span, and the term names the words that weighed most.
fn resemblance_signal(text: &str, norm: &Normalized, r: &model::Resemblance) -> Signal {
    let (span, matched) = extent(text, norm, r.units.clone());
    Signal {
        class: r.class,
        rule: r.class.rule().meta().id.to_string(),
        severity: Severity::Warning,
        strength: Strength::Resembles,
        span,
        matched,
        term: format!(
            "resembles {} ({:.0} %): {}",
            r.class.as_str(),
            r.probability * 100.0,
            r.evidence
                .iter()
                .map(|e| format!("“{e}”"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// What `scan(text)` returns on every surface.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct ScanResult {
    /// The signals, in order of position.
    pub signals: Vec<Signal>,
    /// Why the input could not be scanned (e.g. not a string), if so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub error: Option<String>,
}

/// One output line of `listing-precheck scan`: the input's `id` (or `null`)
/// and its signals, or an error naming what was wrong with the line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanLine {
    /// The `id` of the input line, as given (any JSON value), or `null`.
    pub id: serde_json::Value,
    /// The signals in `text`.
    pub signals: Vec<Signal>,
    /// Why the line could not be scanned, if so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Scans one JSON Lines record `{"id": …, "text": "…"}`. Never fails: a bad
/// record gives a [`ScanLine`] with `error` set.
pub fn scan_record(bytes: &[u8]) -> ScanLine {
    let failed = |id: serde_json::Value, error: String| ScanLine {
        id,
        signals: Vec::new(),
        error: Some(error),
    };
    let text = match crate::input::json::utf8(bytes) {
        Ok(t) => t,
        Err(at) => return failed(serde_json::Value::Null, at),
    };
    let value = match crate::input::json::read_object(
        text,
        "Give one JSON object per line: {\"id\": …, \"text\": \"…\"}.",
    ) {
        Ok(object) => object.map,
        Err(finding) => return failed(serde_json::Value::Null, finding.message),
    };
    let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
    match value.get("text") {
        Some(serde_json::Value::String(t)) => ScanLine {
            id,
            signals: scan(t),
            error: None,
        },
        Some(_) => failed(id, "\"text\" must be a string".into()),
        None => failed(
            id,
            "the record has no \"text\" field; expected {\"id\": …, \"text\": \"…\"}".into(),
        ),
    }
}

/// Whether signals are looked for in the field at this JSON Pointer: the
/// name, descriptions, keywords and URLs.
pub fn is_scanned(path: &str) -> bool {
    matches!(
        path,
        "/name" | "/short_description" | "/description" | "/saas/url"
    ) || path.starts_with("/keywords/")
        || path.starts_with("/urls/")
}

/// Adds a finding per signal in the scanned fields among a listing's
/// strings (as [`crate::input::Listing::strings`] gives them).
pub fn check_fields(strings: &[(String, &str)], rs: Ruleset, out: &mut Vec<Finding>) {
    let engine = engine_in(rs);
    for (path, text) in strings.iter().filter(|(p, _)| is_scanned(p)) {
        for signal in scan_in(text, rs) {
            out.push(to_finding(engine, path, signal));
        }
    }
}

/// The finding for one signal.
fn to_finding(engine: &Engine, path: &str, s: Signal) -> Finding {
    let info = engine.classes.get(&s.class);
    let label = info.map_or(s.class.as_str(), |i| i.label.as_str());
    let shown = if fold_eq(&s.matched, &s.term) {
        format!("“{}”", s.matched)
    } else {
        format!("“{}” (read as “{}”)", s.matched, s.term)
    };
    let message = match s.strength {
        Strength::Strong => format!("{shown} signals {label}, which the policy forbids listing."),
        Strength::Weak => {
            format!(
                "{shown} may signal {label}, which the policy forbids listing; check the wording."
            )
        }
        Strength::Misspelt => format!(
            "{shown}: one letter off “{}”, which signals {label}, which the policy forbids \
             listing; check the wording.",
            s.term
        ),
        Strength::Glued => format!(
            "{shown}, glued to other words in one, signals {label}, which the policy forbids \
             listing; check the wording."
        ),
        Strength::Resembles => format!(
            "No listed term matched, but this sentence reads like listings that signal {label} \
             ({}); check the wording.",
            s.term
        ),
    };
    let help = info.map_or(String::new(), |i| i.help.clone());
    let mut f = Finding::new(s.class.rule(), path, message)
        .severity(s.severity)
        .span(s.span)
        .help(help);
    f.signal = Some(SignalInfo {
        class: s.class,
        strength: s.strength,
        matched: s.matched,
        term: s.term,
    });
    f
}

/// What a `signal/*` finding matched (part of the finding).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct SignalInfo {
    /// The kind of prohibited content.
    pub class: Class,
    /// Strong or weak.
    pub strength: Strength,
    /// The original text matched.
    pub matched: String,
    /// The vocabulary term it normalised to.
    pub term: String,
}

fn fold_eq(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

pub use compile::MAX_ENTRY_UNITS;

/// A validated term hit: skeleton units `[start, end)`.
#[derive(Debug, Clone)]
struct Hit<'e> {
    start: usize,
    end: usize,
    group: u16,
    /// The vocabulary entry as written (borrowed from the engine).
    written: &'e str,
    /// How the text has the term.
    form: Form,
}

/// How a text has a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// As written (after normalisation).
    Written,
    /// A word one edit off it ([`near`]).
    Misspelt,
    /// Inside a word, glued to common words ([`glued`]).
    Glued,
}

impl Hit<'_> {
    /// Its group's strength, or [`Strength::Misspelt`] for a near miss and
    /// [`Strength::Glued`] for a glued term (below any term as written).
    fn strength(&self, engine: &Engine) -> Strength {
        match self.form {
            Form::Written => engine.groups[self.group as usize].strength,
            Form::Misspelt => Strength::Misspelt,
            Form::Glued => Strength::Glued,
        }
    }
}

/// A context or benign hit.
#[derive(Debug, Clone, Copy)]
struct Near {
    start: usize,
    end: usize,
    first_token: u32,
    last_token: u32,
    sentence: u32,
    clause: u16,
}

fn to_signal(engine: &Engine, text: &str, norm: &Normalized, h: &Hit<'_>) -> Signal {
    let (span, matched) = extent(text, norm, h.start..h.end);
    let group = &engine.groups[h.group as usize];
    let rule = group.class.rule().meta();
    Signal {
        class: group.class,
        rule: rule.id.to_string(),
        severity: match h.strength(engine) {
            Strength::Strong => rule.severity,
            _ => Severity::Warning,
        },
        strength: h.strength(engine),
        span,
        matched,
        term: h.written.to_string(),
    }
}

/// The UTF-16 span and the original text of skeleton units `units`: their
/// smallest start and largest end (units are in reading order, which is
/// the text's order except inside a right-to-left override).
fn extent(text: &str, norm: &Normalized, units: Range<usize>) -> (Span, String) {
    let units = norm.units.get(units).unwrap_or_default();
    let start16 = units.iter().map(|u| u.start16).min().unwrap_or_default();
    let end16 = units.iter().map(|u| u.end16).max().unwrap_or_default();
    let start8 = units.iter().map(|u| u.start8).min().unwrap_or_default();
    let end8 = units.iter().map(|u| u.end8).max().unwrap_or_default();
    let matched = text
        .get(start8 as usize..end8 as usize)
        .unwrap_or_default()
        .to_string();
    (
        Span {
            start: start16,
            end: end16,
        },
        matched,
    )
}

/// Whether the entry may match skeleton units `[s, e)`: word boundaries at
/// both ends (except for CJK), and hard breaks inside only where the entry
/// has a space (or between CJK characters) — or once, splitting a long
/// one-word term (`ransom ware`, see [`vocabulary::SPLIT_MIN_UNITS`]) — all
/// in one sentence.
#[inline(always)]
fn fits(norm: &Normalized, s: usize, e: usize, entry: &vocabulary::Entry) -> bool {
    let units = &norm.units;
    if e <= s || e > units.len() {
        return false;
    }
    if !entry.first_cjk && s > 0 && units[s].brk == Break::None {
        return false;
    }
    if !entry.last_cjk && e < units.len() && units[e].brk == Break::None {
        return false;
    }
    fits_inside(norm, s, e, entry)
}

/// Whether skeleton units `[s, e)` (in range) read as `entry` inside: in
/// one sentence, broken only where the entry is (see [`fits`]).
fn fits_inside(norm: &Normalized, s: usize, e: usize, entry: &vocabulary::Entry) -> bool {
    let units = &norm.units;
    let sentence = units[s].sentence;
    let mut split = false;
    for k in s + 1..e {
        let u = &units[k];
        if u.sentence != sentence {
            return false;
        }
        if u.brk == Break::Hard && !entry.break_before(k - s) && !(u.cjk && units[k - 1].cjk) {
            let part = vocabulary::SPLIT_MIN_PART;
            if entry.splittable && !split && k - s >= part && e - k >= part {
                split = true;
                continue;
            }
            return false;
        }
    }
    true
}

/// Whether a term written with a repeated letter the skeleton reads as
/// one — a doubled letter at its start (`cc generator`, `ppv streams`) or
/// a tripled one at its end (`hot xxx`) — has that letter at least twice
/// in the text (`main.c generator`, `X videos` and `PV streams` are not the
/// terms); every other entry passes. `s` is the match's first skeleton
/// unit; a run at the end is the unit of the entry's last skeleton letter.
fn repeat_kept(text: &str, norm: &Normalized, s: usize, entry: &vocabulary::Entry) -> bool {
    let w = entry.written.as_bytes();
    let run = |r: &[u8]| {
        r.first().is_some_and(|c| c.is_ascii_alphabetic()) && r.windows(2).all(|p| p[0] == p[1])
    };
    let (first, last) = (
        w.len() >= 2 && run(&w[..2]),
        w.len() >= 3 && run(&w[w.len() - 3..]),
    );
    if !first && !last {
        return true;
    }
    // The run's unit: the first unit of the match, or the unit of the
    // entry's last skeleton letter.
    let letters = normalize::normalize(entry.written).units.len();
    let unit = if first {
        s
    } else {
        s + letters.saturating_sub(1)
    };
    norm.units.get(unit).is_some_and(|u| {
        text.get(u.start8 as usize..u.end8 as usize)
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count()
            >= 2
    })
}

/// The original text of skeleton units `[s, e)`, from the first's start to
/// the last's end (`None` where the units are not there; empty where the
/// offsets do not fall on the text).
fn written_units<'t>(text: &'t str, norm: &Normalized, s: usize, e: usize) -> Option<&'t str> {
    let (first, last) = norm.units.get(s).zip(norm.units.get(e.wrapping_sub(1)))?;
    Some(
        text.get(first.start8 as usize..last.end8 as usize)
            .unwrap_or_default(),
    )
}

/// Whether units `[s, e)` are written in lower case with a CJK character
/// of the same sentence right before or right after them (spaces and
/// punctuation between do not count as characters): where the pinyin of a
/// two-character Chinese term reads as it (`muma定制`), and not in a text
/// of another language, nor as a capitalised name or brand beside Chinese
/// (`Dama云笔记`, `Li Na`).
fn cjk_beside(text: &str, norm: &Normalized, s: usize, e: usize) -> bool {
    let Some(sentence) = norm.units.get(s).map(|u| u.sentence) else {
        return false;
    };
    let written = written_units(text, norm, s, e).unwrap_or_default();
    if written.chars().any(char::is_uppercase) {
        return false;
    }
    let chinese = |u: Option<&normalize::Unit>| u.is_some_and(|u| u.cjk && u.sentence == sentence);
    chinese(s.checked_sub(1).and_then(|p| norm.units.get(p))) || chinese(norm.units.get(e))
}

/// Whether a context word matched in plain ASCII words (letters, spaces,
/// hyphens, apostrophes) has as many letters as the entry, or one more
/// for a plural `s`: the skeleton folds look-alikes and collapses repeated
/// letters, so `flight` (`fllght`) reads as `fight` there, and a plain word
/// that is another word must not count as the entry (`Flight simulator,
/// keygen included` was defeated by `fight` piracy). Disguised writing
/// (digits, symbols, other scripts) is not plain and still matches.
fn letters_kept(
    text: &str,
    norm: &Normalized,
    s: usize,
    e: usize,
    entry: &vocabulary::Entry,
) -> bool {
    let Some(original) = written_units(text, norm, s, e) else {
        return true;
    };
    if !original
        .bytes()
        .all(|b| b.is_ascii_alphabetic() || matches!(b, b' ' | b'-' | b'\''))
    {
        return true;
    }
    let letters = original.bytes().filter(u8::is_ascii_alphabetic).count();
    let wanted = entry.written.chars().filter(|c| c.is_alphabetic()).count();
    letters == wanted
        || (letters == wanted + 1 && original.ends_with(['s', 'S']))
        || !entry.written.is_ascii()
        // More skeleton letters than written ones: a text-speak short form
        // read as its word (`ur ex` as `your ex`).
        || e - s > letters
}

/// Whether the match of `entry` at skeleton bytes `at` (units `[s, e)`),
/// which does not fit the word breaks, is a clear Latin term glued to
/// common words inside one ASCII word ([`glued`]).
fn glued_at(
    engine: &Engine,
    index: &glued::GlueIndex,
    norm: &Normalized,
    at: Range<usize>,
    s: usize,
    e: usize,
    entry: &vocabulary::Entry,
) -> bool {
    if !vocabulary::reads_glued(entry, &engine.near_groups) || !fits_inside(norm, s, e, entry) {
        return false;
    }
    let Some(word) = word_around(norm, at.clone()) else {
        return false;
    };
    norm.text
        .as_bytes()
        .get(word.clone())
        .is_some_and(|w| index.reads(w, at.start - word.start..at.end - word.start))
}

/// The terms one word reads as glued to other words under `index` (what
/// `examples/glued_words.rs` prints for real words, with an index that
/// knows none).
pub fn glued_terms<'e>(engine: &'e Engine, index: &glued::GlueIndex, word: &str) -> Vec<&'e str> {
    let norm = normalize::normalize(word);
    let mut terms = Vec::new();
    let Some(automaton) = engine.latin.automaton.as_ref() else {
        return terms;
    };
    for found in automaton.find_overlapping_iter(&norm.text) {
        let at = found.start()..found.end();
        let (s, e) = (norm.unit_at(at.start), norm.unit_at(at.end));
        for entry in engine.latin.entries_of(found.value() as usize) {
            if !fits(&norm, s, e, entry) && glued_at(engine, index, &norm, at.clone(), s, e, entry)
            {
                terms.push(entry.written);
            }
        }
    }
    terms
}

/// The skeleton bytes of the word around bytes `at` (out to the nearest
/// breaks) when it is ASCII and at most [`glued::MAX_WORD`] bytes long.
fn word_around(norm: &Normalized, at: Range<usize>) -> Option<Range<usize>> {
    let bytes = norm.text.as_bytes();
    let joined = |b: usize| {
        norm.units
            .get(norm.unit_at(b))
            .is_some_and(|u| u.brk == Break::None)
    };
    let (mut start, mut end) = (at.start, at.end);
    while start > 0 && joined(start) {
        if !bytes.get(start - 1)?.is_ascii() || end - start >= glued::MAX_WORD {
            return None;
        }
        start -= 1;
    }
    while end < bytes.len() && joined(end) {
        if !bytes.get(end)?.is_ascii() || end - start >= glued::MAX_WORD {
            return None;
        }
        end += 1;
    }
    Some(start..end)
}

/// How many words after a negation a context word counts as negated
/// (`no consent screen`: 1; `without any age verification`: 2; `without
/// cookies or consent banners`: 3).
const NEGATED_REACH: u32 = 3;

/// Which sets' words, right before a context word, keep it from counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blockers {
    /// None: the negations themselves and the aggravators of a group.
    Nothing,
    /// The negation sets (`no consent screen`).
    Negations,
    /// The negation sets and the harm verbs, for a defeater (`no consent
    /// screen`, `encrypts backups`).
    NegationsOrHarms,
    /// The attempt set, for the evasion set (`that try to hide`).
    Attempts,
}

/// How far an attempt (`that try to`) reaches: the next word only
/// (`… that try to hide from antivirus`, not `try to keep it
/// undetectable`).
const ATTEMPT_REACH: u32 = 1;

/// How far a feature link may follow a hit, in words (`keylogger with`,
/// `botnet panel with`), and, plus one, how far the defeater it keeps from
/// counting may follow the link (`with built-in antivirus`).
const FEATURE_LINK_REACH: u32 = 2;

/// The reach across a disjunction: a negation covers each item of an
/// `or` list after it (`without serial numbers or background checks`).
const NEGATED_REACH_OR: u32 = 6;

/// The original text between skeleton unit `after` and skeleton unit
/// `before` (empty when either is out of range or they are not in order):
/// the separators, punctuation and dropped words between two matches.
fn original_between<'t>(text: &'t str, norm: &Normalized, after: usize, before: usize) -> &'t str {
    norm.units
        .get(after)
        .zip(norm.units.get(before))
        .and_then(|(a, b)| text.get(a.end8 as usize..b.start8 as usize))
        .unwrap_or_default()
}

/// Whether a stretch of original text has the word `or` or `nor` (of a
/// list of alternatives a negation covers whole).
fn has_disjunction(gap: &str) -> bool {
    gap.split(|c: char| !c.is_alphanumeric())
        .any(is_disjunction)
}

/// Whether `text` starts with one of `words`: a Latin word whole and
/// ignoring case (`scans` of `scans for`), a Chinese one as written.
fn starts_with_word(text: &str, words: &[String]) -> bool {
    words.iter().any(|w| {
        text.get(..w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w))
            && (!w.is_ascii()
                || text
                    .get(w.len()..)
                    .and_then(|t| t.chars().next())
                    .is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// Whether `head` ends with one of `words`: a Latin word whole and
/// ignoring case (`The` of `… The trojan`, not of `bathe`), a Chinese one as
/// written (`这款`).
fn ends_with_word(head: &str, words: &[String]) -> bool {
    words.iter().any(|w| {
        let Some(at) = head.len().checked_sub(w.len()) else {
            return false;
        };
        head.get(at..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(w))
            && (!w.is_ascii()
                || head
                    .get(..at)
                    .and_then(|h| h.chars().next_back())
                    .is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// Whether a stretch of original text has the word `and`, a comma or a
/// Chinese list joiner (of a list a harm verb takes whole).
fn has_conjunction(gap: &str) -> bool {
    gap.contains([',', '、', '，', '和', '及'])
        || gap
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "and")
}

/// How far a Chinese harm verb reaches along a list it takes, in
/// characters (`关闭防火墙和杀毒软件`).
const HARM_LIST_REACH_CJK: u32 = 8;

/// Whether a stretch of original text ends with `or`, `nor` or `或`: the
/// item after it is the last alternative of a list.
fn ends_with_disjunction(gap: &str) -> bool {
    let gap = gap.trim_end_matches(|c: char| !c.is_alphanumeric());
    gap.ends_with('或')
        || gap
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(is_disjunction)
}

/// Whether a word is `or` or `nor`.
fn is_disjunction(word: &str) -> bool {
    word.eq_ignore_ascii_case("or") || word.eq_ignore_ascii_case("nor")
}

/// The same reach in CJK characters, each a word of its own (`未经同意`:
/// 同 is 1 after 经; `不入账，税务局` must not negate 税务局).
const NEGATED_REACH_CJK: u32 = 2;

/// The most words (a CJK character counts as one) past its first that a
/// negation, attempt or harm verb blocking a context word may have (`不包含`,
/// `is not allowed`): [`NEGATED_REACH`] and the others are counted from its
/// last word.
const BLOCKER_WORDS: u32 = 3;

/// Every validated term hit, after context rules and overlap resolution,
/// sorted by position; and the sentences in which any term matched,
/// counted or defeated: those the vocabulary has judged, which the
/// resemblance model leaves alone.
fn hits_and_engaged<'e>(
    engine: &'e Engine,
    text: &str,
    norm: &Normalized,
) -> (Vec<Hit<'e>>, Vec<u32>) {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let found = hits_and_engaged_in(engine, text, norm, &mut scratch);
            if scratch.contexts.iter().any(|l| l.capacity() > 1 << 16)
                || scratch.benign.capacity() > 1 << 16
            {
                // Do not keep a huge text's buffers for good.
                *scratch = Scratch::default();
            }
            found
        }
        // Re-entered (not done today): fresh buffers.
        Err(_) => hits_and_engaged_in(engine, text, norm, &mut Scratch::default()),
    })
}

/// The context and benign hits of one text, in buffers each thread keeps
/// from one scan to the next (most scans find a few context words in a
/// handful of sets; fresh vectors cost an allocation per set hit).
#[derive(Default)]
struct Scratch {
    /// Per context set, its hits.
    contexts: Vec<Vec<Near>>,
    /// Benign phrases: class, first and last unit.
    benign: Vec<(Class, usize, usize)>,
}

/// [`hits_and_engaged`] with the thread's buffers.
fn hits_and_engaged_in<'e>(
    engine: &'e Engine,
    text: &str,
    norm: &Normalized,
    scratch: &mut Scratch,
) -> (Vec<Hit<'e>>, Vec<u32>) {
    let mut terms: Vec<Hit<'e>> = Vec::new();
    let Scratch { contexts, benign } = scratch;
    contexts.resize_with(engine.sets.len(), Vec::new);
    contexts.iter_mut().for_each(Vec::clear);
    benign.clear();
    // The CJK patterns only where the text has a CJK character (an ASCII
    // skeleton has none), and each automaton only over the stretches where
    // its patterns can match (see `regions`).
    let has_cjk = !norm.text.is_ascii() && norm.units.iter().any(|u| u.cjk);
    let cjk = has_cjk.then(|| engine.cjk());
    let (latin_runs, cjk_windows) = regions(&norm.text, cjk.map_or(0, |m| m.longest));
    let mut context_reach = 0;
    for (matcher, ranges) in [(Some(&engine.latin), latin_runs), (cjk, cjk_windows)] {
        let Some((matcher, Some(automaton))) = matcher.map(|m| (m, m.automaton.as_ref())) else {
            continue;
        };
        context_reach = context_reach.max(matcher.context_reach);
        for range in ranges {
            let Some(stretch) = norm.text.get(range.clone()) else {
                continue;
            };
            for found in automaton.find_overlapping_iter(stretch) {
                let m = (
                    range.start + found.start(),
                    range.start + found.end(),
                    found.value(),
                );
                let (s, e) = (norm.unit_at(m.0), norm.unit_at(m.1));
                // An `s` right after a Latin entry ending in another letter is
                // its plural (`money mules`, `glock switches` aside): the entry
                // matches with it, the `s` inside the span.
                let plural = norm.text.as_bytes().get(m.1) == Some(&b's')
                    && norm.units.get(e).is_some_and(|u| u.brk == Break::None)
                    && m.1 - m.0 >= 3
                    && !matches!(norm.text.as_bytes().get(m.1 - 1), Some(b's') | None);
                let entries = matcher.entries_of(m.2 as usize);
                for (entry, e, form) in entries
                    .iter()
                    .filter(|en| {
                        !matches!(en.role, Role::Term { .. }) || repeat_kept(text, norm, s, en)
                    })
                    .filter(|en| !en.beside_cjk || cjk_beside(text, norm, s, e))
                    .filter_map(|en| {
                        if fits(norm, s, e, en) {
                            Some((en, e, Form::Written))
                        } else if plural && !en.last_cjk && fits(norm, s, e + 1, en) {
                            Some((en, e + 1, Form::Written))
                        } else if glued_at(engine, engine.glue(), norm, m.0..m.1, s, e, en) {
                            Some((en, e, Form::Glued))
                        } else {
                            None
                        }
                    })
                {
                    match entry.role {
                        Role::Term { group } => terms.push(Hit {
                            start: s,
                            end: e,
                            group,
                            written: entry.written,
                            form,
                        }),
                        Role::Context { set } => {
                            if !letters_kept(text, norm, s, e, entry) {
                                continue;
                            }
                            if let Some(list) = contexts.get_mut(set as usize) {
                                list.push(Near {
                                    start: s,
                                    end: e,
                                    first_token: norm.units[s].token,
                                    last_token: norm.units[e - 1].token,
                                    sentence: norm.units[s].sentence,
                                    clause: norm.units[e - 1].clause,
                                });
                            }
                        }
                        Role::Benign { class } => benign.push((class, s, e)),
                    }
                }
            }
        }
    }
    near_misses(engine, norm, &mut terms);
    // A term hyphenated to a word that says the product is without it or
    // withstands it (`spyware-free`, `ransomware-resilient`) is no hit;
    // with a space it still is (`keylogger free download`), and so is a
    // longer hyphenated name (`keylogger-free-download.net`).
    if let Some(after) = engine.free_of.and_then(|set| contexts.get(set as usize)) {
        let hyphen = |a: usize, b: usize| {
            matches!(
                original_between(text, norm, a, b),
                "-" | "\u{2010}" | "\u{2011}"
            )
        };
        // Where such a word starts, not hyphenated on to a longer name:
        // one sorted list, so each term is one lookup (a long text has
        // many `free`s and many terms).
        let mut starts: Vec<usize> = after
            .iter()
            .filter(|n| n.end >= norm.units.len() || !hyphen(n.end - 1, n.end))
            .map(|n| n.start)
            .collect();
        starts.sort_unstable();
        terms.retain(|h| {
            !(h.end >= 1 && starts.binary_search(&h.end).is_ok() && hyphen(h.end - 1, h.end))
        });
    }
    if terms.is_empty() {
        return (terms, Vec::new());
    }
    // Context hits come out ordered by end; order by first token for the
    // window searches.
    for list in contexts.iter_mut() {
        list.sort_by_key(|n| (n.first_token, n.start));
    }
    benign.sort_by_key(|&(c, s, e)| (c, s, std::cmp::Reverse(e)));

    // A negation followed by a comma or stop is an answer (`No, our
    // activator makes the trial permanent`, `不是，用我们的账号`): it denies a
    // question, not what follows.
    let answers = |m: &Near| {
        norm.units
            .get(m.end - 1)
            .and_then(|u| text.get(u.end8 as usize..))
            .and_then(|t| t.chars().next())
            .is_some_and(|c| matches!(c, ',' | '，' | '.' | '。' | '!' | '！' | ';' | '；'))
    };
    // A context word right after a negation (`no consent screen`, `without
    // age verification`, `zero detections`) is negated: it does not defeat,
    // and it does not count as a required word either (`never sends typed
    // text`, `not free`). A negation inside the hit itself is the term's
    // own wording (`do not hire` women or foreigners), not a negation of
    // its context.
    // The same reading with other sets: an evasion phrase right after an
    // attempt (`droppers that try to hide from antivirus`) describes what
    // a product detects, not what it does.
    let preceded = |blockers: Blockers, n: &Near, h: &Hit<'_>| -> bool {
        let cjk = norm.units.get(n.start).is_some_and(|u| u.cjk);
        let (sets, harms) = match blockers {
            Blockers::Nothing => return false,
            Blockers::Negations => (&engine.negations, None),
            Blockers::NegationsOrHarms => (&engine.negations, engine.harms),
            Blockers::Attempts => (&engine.attempts, None),
        };
        let (reach, far) = if blockers == Blockers::Attempts {
            // `far` also bounds where a blocker may start: an attempt is a
            // phrase of up to three words. In Chinese an evasion phrase may
            // also match one character in (`试图绕过杀毒`: `过杀毒`).
            let reach = if cjk {
                ATTEMPT_REACH + 1
            } else {
                ATTEMPT_REACH
            };
            // A Chinese attempt describes what it modifies: the hit after
            // it in the clause (`试图绕过杀毒的木马`), not a vendor's own
            // `木马，试图免杀`.
            if cjk
                && (n.end > h.start
                    || original_between(text, norm, n.end - 1, h.start).contains(['，', ',']))
            {
                return false;
            }
            (reach, reach + 3)
        } else if cjk {
            (NEGATED_REACH_CJK, NEGATED_REACH_CJK)
        } else {
            (NEGATED_REACH, NEGATED_REACH_OR)
        };
        sets.iter().copied().chain(harms).any(|set| {
            // A Chinese harm verb takes a list of what it harms
            // (`关闭防火墙和杀毒软件`).
            let far = if cjk && Some(set) == engine.harms {
                HARM_LIST_REACH_CJK
            } else {
                far
            };
            contexts.get(set as usize).is_some_and(|list| {
                // The reach is measured from a blocker's last word: one of
                // up to BLOCKER_WORDS words (`不会`, `does not`) may start
                // that much further back.
                let from =
                    list.partition_point(|m| m.first_token + far + BLOCKER_WORDS < n.first_token);
                list[from..]
                    .iter()
                    .take_while(|m| m.first_token < n.first_token)
                    .any(|m| {
                        let gap = n.first_token.saturating_sub(m.last_token);
                        // The text between is read only for the candidates
                        // the token checks leave.
                        let between = || original_between(text, norm, m.end - 1, n.start);
                        m.sentence == n.sentence
                            && m.clause == n.clause
                            && (m.end <= h.start || m.start >= h.end)
                            && m.last_token < n.first_token
                            && !(blockers != Blockers::Attempts && answers(m))
                            && (gap <= reach
                                || (gap <= far
                                    && (has_disjunction(between())
                                        // A harm verb takes a list of what
                                        // it harms (`disables the firewall
                                        // and Windows Defender`).
                                        || (Some(set) == engine.harms
                                            && has_conjunction(between())))))
                            // A Chinese negation stops at a clause comma
                            // (`感觉不到，访客的电脑…`).
                            && !(cjk && between().contains(['，', ',']))
                    })
            })
        })
    };
    // `head`: the unit the window before the hit is measured from (the
    // hit's own start, or the head of the enumeration it is an item of).
    // `blockers`: the sets whose words, right before a context word, keep
    // it from counting (the negations, or for the evasion set the attempts).
    // `skip`: spans whose context words do not count (see `survivors`).
    // `defeats`: whether the set is read as a defeater, which a feature
    // link between the hit and a word after it keeps from counting.
    // No spans to skip.
    let none = Spans::default();
    let feature_links = engine
        .feature_links
        .and_then(|set| contexts.get(set as usize))
        .map_or(&[][..], Vec::as_slice);
    // A feature link (`with`, `that`, `内置`) right after the hit (or after
    // one more word of its name, `botnet panel with`), with no comma
    // between, and the context word at most three words after it: the
    // word says what the named thing has or does (`keylogger with a
    // built-in antivirus scanner`, `miner that prevents detection`), not
    // what the product does about it. A defeater further on (`phishing
    // emails with malicious links are quarantined`), after a comma (`…,
    // with a consent screen`) or that ends in `-ed` (a passive verb of what
    // is done to the thing: `malware with polymorphic code detected by …`)
    // still defeats.
    // The feature links that start at most FEATURE_LINK_REACH words after
    // a hit's last word (they are ordered by first token).
    let links_after = |last: u32| {
        let from = feature_links.partition_point(|l| l.first_token <= last);
        feature_links[from..]
            .iter()
            .take_while(move |l| l.first_token - last <= FEATURE_LINK_REACH)
    };
    let linked = |sentence: u32, last: u32, end: usize, n: &Near| {
        let passive = || {
            norm.units
                .get(n.end.saturating_sub(1))
                .and_then(|u| text.as_bytes().get(..u.end8 as usize))
                .is_some_and(|t| t.len() >= 2 && t[t.len() - 2..].eq_ignore_ascii_case(b"ed"))
        };
        links_after(last).any(|l| {
            l.sentence == sentence
                && l.last_token < n.first_token
                && n.first_token - l.last_token <= FEATURE_LINK_REACH + 1
                && !original_between(text, norm, end - 1, l.start).contains([',', '，', ';', '；'])
        }) && !passive()
    };
    let denials = engine
        .denials
        .and_then(|s| contexts.get(s as usize))
        .map_or(&[][..], Vec::as_slice);
    let grammar = &engine.grammar;
    // Whether a denial follows a protective word within three words in its
    // clause (`GDPR does not apply to us`, `consent is not required`,
    // `the privacy policy does not mention it`): then it does not defeat.
    let denied = |n: &Near| {
        let from = denials.partition_point(|m| m.first_token <= n.last_token);
        denials[from..]
            .iter()
            .take_while(|m| m.first_token <= n.last_token + 3)
            .any(|m| m.sentence == n.sentence && m.clause == n.clause)
    };
    // Whether one of `words` (determiners) comes right before a hit, with
    // nothing but spaces between.
    let introduced = |words: &[String], h: &Hit<'_>| {
        let before = norm.units[h.start].start8 as usize;
        ends_with_word(text.get(..before).unwrap_or_default().trim_end(), words)
    };
    // Nothing but spaces between unit `a` and unit `b`.
    let adjacent = |a: usize, b: usize| original_between(text, norm, a, b).trim().is_empty();
    // Whether a context word starts with one of `verbs` (`scans` of `scans
    // for`; `检测` of `检测到`).
    let verb_at = |n: &Near, verbs: &[&[String]]| {
        let written = written_units(text, norm, n.start, n.end).unwrap_or_default();
        verbs.iter().any(|list| starts_with_word(written, list))
    };
    // A defeater verb right after a hit that a determiner introduces,
    // with nothing but a space between, has the hit as its subject: `the
    // trojan scans the network`, `our botnet scans for routers`, `our
    // stealer identifies saved passwords` say what the named thing does,
    // not what a product does about it (`malware scans run nightly` has no
    // determiner: a noun compound). A defeater phrase that starts with the
    // verb (`scans for`) is the verb too. The verb comes right after the
    // hit (`the trojan scans`, `本木马检测到`), or after one modal (`the
    // trojan can scan`, `这款木马可以扫描`).
    let own_verb = |h: &Hit<'_>, last: u32, n: &Near| {
        let direct = n.first_token == last + 1
            && verb_at(n, &[&grammar.subject_verbs])
            && adjacent(h.end - 1, n.start);
        // A modal is one Latin word or up to three Chinese characters.
        let after_modal = || {
            if n.first_token > last + 4 {
                return false;
            }
            let between = original_between(text, norm, h.end - 1, n.start).trim();
            grammar
                .modals
                .iter()
                .any(|m| m.eq_ignore_ascii_case(between))
                && verb_at(n, &[&grammar.subject_verbs, &grammar.base_verbs])
        };
        (direct || after_modal()) && introduced(&grammar.determiners, h)
    };
    // Where a feature link right after a hit starts (`malware that …`,
    // `keylogger with …`), with no comma between.
    let link_after = |h: &Hit<'_>| {
        let sentence = norm.units[h.start].sentence;
        links_after(norm.units[h.end - 1].token)
            .find(|l| {
                l.sentence == sentence
                    && !original_between(text, norm, h.end - 1, l.start)
                        .contains([',', '，', ';', '；'])
            })
            .map(|l| l.start)
    };
    let near_as = |set: u16,
                   h: &Hit<'_>,
                   blockers: Blockers,
                   head: usize,
                   skip: &Spans,
                   defeats: bool|
     -> Option<(usize, usize)> {
        let cs = engine.sets.get(set as usize)?;
        let list = &contexts[set as usize];
        let (first, last) = (norm.units[h.start].token, norm.units[h.end - 1].token);
        let head_unit = head;
        let head = norm.units.get(head).map_or(first, |u| u.token.min(first));
        // Measured from the head of a list only where no `，` (a Chinese
        // clause comma) lies between the context word and the list.
        let from_head = |n: &Near| {
            head < first
                && !original_between(text, norm, n.end.saturating_sub(1), head_unit).contains('，')
        };
        let sentence = norm.units[h.start].sentence;
        let clause = match cs.scope {
            Scope::Sentence => None,
            Scope::Clause => Some(norm.units[h.start].clause),
        };
        // A context phrase of several words may start before the window
        // and end inside it: the exact distance is checked below.
        let lo = head.saturating_sub(cs.before.saturating_add(context_reach));
        let hi = last.saturating_add(cs.after);
        let from = list.partition_point(|n| n.first_token < lo);
        list[from..]
            .iter()
            .take_while(|n| n.first_token <= hi)
            .find(|n| {
                n.sentence == sentence
                    && clause.is_none_or(|c| c == n.clause)
                    && (n.end <= h.start || n.start >= h.end)
                    && !skip.covers(n.start, n.end)
                    && if n.last_token < first {
                        let from = if from_head(n) { head } else { first };
                        from.saturating_sub(n.last_token) <= cs.before
                    } else if n.first_token > last {
                        n.first_token - last <= cs.after
                            && !(defeats
                                && (linked(sentence, last, h.end, n) || own_verb(h, last, n)))
                    } else {
                        // Same word, other part (anti-keylogger).
                        cs.before > 0 && n.end <= h.start
                    }
                    && !preceded(blockers, n, h)
                    && !(defeats && denied(n))
                    && !(engine.negations.contains(&set) && answers(n))
            })
            .map(|n| (n.start, n.end))
    };
    // The negation sets themselves and the aggravators are never negated.
    let near =
        |set: u16, h: &Hit<'_>| near_as(set, h, Blockers::Nothing, h.start, &none, false).is_some();
    let counts = |set: u16, h: &Hit<'_>, head: usize, skip: &Spans, defeats: bool| {
        // A comparison with others of its kind (`unlike other RATs, ours
        // …`) says the vendor's thing is one: its negation negates neither
        // the hit nor a word near it (`unlike other spyware removal tools`).
        let compared = introduced(&grammar.comparisons, h);
        if engine.negations.contains(&set) {
            if compared {
                return None;
            }
            // A negation keeps its tight reach, but covers every alternative
            // of a list it stands before (`does not involve trading or
            // mining`, `不涉及虚拟货币交易或挖矿`), not a list joined by `and`.
            let alternatives = head < h.start
                && ends_with_disjunction(original_between(text, norm, head, h.start));
            let from = if alternatives { head } else { h.start };
            near_as(set, h, Blockers::Nothing, from, skip, defeats)
        } else if defeats && introduced(&grammar.own_determiners, h) {
            // The vendor's own thing (`our ransomware encrypts backups`):
            // what it harms is no defeater. A threat in general
            // (`ransomware deletes backups; our vault keeps copies`) is
            // what a protective product writes about.
            near_as(set, h, Blockers::NegationsOrHarms, head, skip, defeats)
        } else if compared {
            near_as(set, h, Blockers::Nothing, head, skip, defeats)
        } else {
            near_as(set, h, Blockers::Negations, head, skip, defeats)
        }
    };
    let covered = |class: Class, h: &Hit<'_>| -> bool {
        // Benign phrases are short: only those starting shortly before the
        // hit can cover it, which keeps this lookup independent of how many
        // there are in the text.
        let lo = h.start.saturating_sub(MAX_ENTRY_UNITS);
        let from = benign.partition_point(|&(c, s, _)| (c, s) < (class, lo));
        benign[from..]
            .iter()
            .take_while(|&&(c, s, _)| c == class && s <= h.start)
            .any(|&(_, _, e)| e >= h.end)
    };

    // Per hit: whether a benign phrase covers it, and whether its required
    // context is near.
    let judgements: Vec<(bool, bool)> = terms
        .iter()
        .map(|h| {
            let g = &engine.groups[h.group as usize];
            let required = (g.requires.is_empty()
                || g.requires
                    .iter()
                    .any(|&s| counts(s, h, h.start, &none, false).is_some()))
                && g.requires_all
                    .iter()
                    .all(|&s| counts(s, h, h.start, &none, false).is_some());
            (covered(g.class, h), required)
        })
        .collect();
    // The sentences the vocabulary judged: those with a hit a benign
    // phrase covers or that has its required context (a term without it,
    // `subscription` with no broadcaster near, says nothing either way, so
    // the resemblance model still reads its sentence).
    let mut engaged: Vec<u32> = terms
        .iter()
        .zip(&judgements)
        .filter(|(_, &(covered, required))| covered || required)
        .filter_map(|(h, _)| norm.units.get(h.start).map(|u| u.sentence))
        .collect();
    engaged.sort_unstable();
    engaged.dedup();
    // Whether a negation word is the word right before a hit, in its clause.
    let negated_right_before = |h: &Hit<'_>| {
        let Some(u) = norm.units.get(h.start) else {
            return false;
        };
        engine.negations.iter().any(|&set| {
            contexts.get(set as usize).is_some_and(|list| {
                // A negation is a phrase of at most three words.
                let from = list.partition_point(|m| m.first_token + 3 < u.token);
                list[from..]
                    .iter()
                    .take_while(|m| m.first_token < u.token)
                    .any(|m| {
                        m.last_token + 1 == u.token
                            && m.sentence == u.sentence
                            && m.clause == u.clause
                    })
            })
        })
    };
    // What defeats a qualified hit: the span of a defeater that no
    // evasion or aggravation cancels, or `None` where the hit stands.
    // `skip`: spans whose words do not defeat it.
    let defeat = |h: &Hit<'_>, skip: &Spans| -> Option<(usize, usize)> {
        let g = &engine.groups[h.group as usize];
        // A defeater before a list reaches every item of it ("detects
        // ransomware, trojans, …, keyloggers and rootkits"); negations
        // keep their tight reach.
        let head = list_head(text, norm, h.start);
        let by = g
            .unless
            .iter()
            .find_map(|&s| counts(s, h, head, skip, true))?;
        // A hit negated by the word right before it (`no keystroke logging
        // or screenshots without consent`) has the evasion words after it
        // in the negation's scope too: only those before it cancel.
        // A hit defeated by words before a feature link right after it
        // (`our EDR detects malware that evades antivirus`, `malware
        // sandbox that defeats anti-analysis tricks`) has the evasion words
        // after the link describe the threat the product fights: only
        // those before the link cancel.
        let evasion_with = |skip: &Spans| {
            engine
                .evasion
                .and_then(|s| near_as(s, h, Blockers::Attempts, h.start, skip, false))
                .is_some()
        };
        let only_from = |at: usize| Spans::new(vec![(at, usize::MAX)]);
        // (Evasion words are rare: the narrower readings are asked only
        // where some cancel at all.)
        let cancelled = (evasion_with(&none)
            && if negated_right_before(h) {
                evasion_with(&only_from(h.end))
            } else {
                match link_after(h) {
                    Some(at)
                        if g.unless
                            .iter()
                            .any(|&s| counts(s, h, head, &only_from(at), true).is_some()) =>
                    {
                        evasion_with(&only_from(at))
                    }
                    _ => true,
                }
            })
            || g.aggravated_by.iter().any(|&s| near(s, h));
        (!cancelled).then_some(by)
    };
    // A defeater inside the hit of another term that stands is that term's
    // own wording (`anti-ban`, `antivirus killer`), not protective wording
    // about the text around it: a hit defeated only by such words stands
    // too. Two hits may each be defeated only by the other's words (the
    // `scans` of `scans of real passports`, the `kyc` of `pass any kyc
    // check`): both stand. So the second reading skips the words of every
    // hit that a reading skipping every qualified hit's words leaves
    // standing; a hit defeated by words outside all hits (`ransomware`,
    // defeated by `our backups`) keeps its words counting against the others
    // (`ransomware families evade antivirus`). Skipping words only takes
    // defeats away, so no hit of the first reading falls.
    // Per hit: not qualified (`None`), standing (`Some(None)`), or
    // defeated by a span (`Some(Some(span))`).
    let judged: Vec<Option<Option<(usize, usize)>>> = terms
        .iter()
        .zip(&judgements)
        // A hit qualifies when no benign phrase covers it and its required
        // context is near.
        .map(|(h, &(covered, required))| (!covered && required).then(|| defeat(h, &none)))
        .collect();
    let spans_of = |keep: &dyn Fn(usize) -> bool| {
        Spans::new(
            terms
                .iter()
                .enumerate()
                .filter(|&(i, _)| keep(i))
                .map(|(_, h)| (h.start, h.end))
                .collect(),
        )
    };
    let mut freed = vec![false; terms.len()];
    if judged.iter().any(|j| matches!(j, Some(Some(_)))) {
        let qualified = spans_of(&|i| judged[i].is_some());
        // Only a hit whose first defeater lies inside another qualified hit
        // is read again (a defeater outside every hit would defeat it
        // again).
        for (i, h) in terms.iter().enumerate() {
            freed[i] = matches!(judged[i], Some(Some((a, b))) if qualified.covers(a, b))
                && defeat(h, &qualified).is_none();
        }
    }
    let survivors = spans_of(&|i| judged[i] == Some(None) || freed[i]);
    let mut kept: Vec<Hit<'e>> = terms
        .into_iter()
        .enumerate()
        .filter(|(i, h)| match judged[*i] {
            Some(None) => true,
            Some(Some(_)) => freed[*i] && defeat(h, &survivors).is_none(),
            None => false,
        })
        .map(|(_, h)| h)
        .collect();
    resolve_overlaps(engine, &mut kept);
    (kept, engaged)
}

/// Spans of a text (the standing hits), for asking in logarithmic time
/// whether one of them covers a stretch: a long text has many hits and
/// many context words, and asking each span would be quadratic.
#[derive(Default)]
struct Spans {
    /// The spans' starts, ascending.
    starts: Vec<usize>,
    /// For each start, the furthest end of the spans up to it.
    max_end: Vec<usize>,
}

impl Spans {
    fn new(mut spans: Vec<(usize, usize)>) -> Spans {
        spans.sort_unstable();
        let mut furthest = 0;
        let max_end = spans
            .iter()
            .map(|&(_, e)| {
                furthest = furthest.max(e);
                furthest
            })
            .collect();
        Spans {
            starts: spans.iter().map(|&(s, _)| s).collect(),
            max_end,
        }
    }

    /// Whether a span starts at or before `start` and ends at or after `end`.
    fn covers(&self, start: usize, end: usize) -> bool {
        let upto = self.starts.partition_point(|&s| s <= start);
        upto > 0 && self.max_end.get(upto - 1).is_some_and(|&e| e >= end)
    }
}

/// Adds a hit for every word one edit off a one-word Latin term
/// ([`near`]) that no term hit already spans. A word is a run of
/// skeleton letters between hard breaks in one sentence (`k e y l o g g r`
/// is one), and each part of it between soft breaks too
/// (`ransomeware-as-a-service`), and a run of one-letter parts (`k e y l o
/// g r`, which a soft break may join to the next word).
fn near_misses<'e>(engine: &'e Engine, norm: &Normalized, terms: &mut Vec<Hit<'e>>) {
    let (units, bytes) = (&norm.units, norm.text.as_bytes());
    let index = engine.near();
    let mut found: Vec<u32> = Vec::new();
    // The term hits as written, by start, with the furthest end up to each.
    let mut spans: Vec<(usize, usize)> = terms.iter().map(|h| (h.start, h.end)).collect();
    spans.sort_unstable();
    let mut reach = 0;
    for span in spans.iter_mut() {
        reach = reach.max(span.1);
        span.1 = reach;
    }
    // A run of skeleton characters: its first unit and byte.
    #[derive(Clone, Copy, PartialEq)]
    struct At(usize, usize);
    let mut read = |from: At, to: At, terms: &mut Vec<Hit<'e>>| {
        let word = bytes.get(from.1..to.1).unwrap_or_default();
        if !engine.near_misses_of(index, word, &mut found) {
            return;
        }
        let (start, end) = (from.0, to.0);
        // A word a term hit spans already is that term (`trojans`, not one
        // letter off `trojan`); a shorter hit inside it (`key` in `k e y l
        // o g r`) leaves it to be read.
        let before = spans.partition_point(|&(s, _)| s <= start);
        if before > 0 && spans[before - 1].1 >= end {
            return;
        }
        for &pattern in &found {
            for entry in engine.latin.entries_of(pattern as usize) {
                if let (Role::Term { group }, true) = (
                    entry.role,
                    vocabulary::reads_near(entry, &engine.near_groups),
                ) {
                    terms.push(Hit {
                        start,
                        end,
                        group,
                        written: entry.written,
                        form: Form::Misspelt,
                    });
                }
            }
        }
    };
    // `spelled`: where the current run of one-letter parts starts, if any.
    let (mut whole, mut part, mut spelled) = (At(0, 0), At(0, 0), None::<At>);
    let mut close = |at: At, hard: bool, terms: &mut Vec<Hit<'e>>| {
        let proper = part != whole || !hard;
        if proper {
            read(part, at, terms);
        }
        let one_letter = at.1 == part.1 + 1 && bytes[part.1].is_ascii_lowercase();
        if one_letter && proper {
            spelled.get_or_insert(part);
        } else if let Some(from) = spelled.take() {
            read(from, part, terms);
        }
        if hard {
            // (A word spelled out all through is read as the whole word.)
            if let Some(from) = spelled.take().filter(|&from| from != whole) {
                read(from, at, terms);
            }
            read(whole, at, terms);
            whole = at;
        }
        part = at;
    };
    let (mut prev_sentence, mut i) = (0, 0);
    for (k, u) in units.iter().enumerate() {
        if u.brk != Break::None && k > 0 {
            close(
                At(k, i),
                u.brk == Break::Hard || u.sentence != prev_sentence,
                terms,
            );
        }
        prev_sentence = u.sentence;
        // The next character's byte (one unit a character).
        i += match bytes.get(i) {
            Some(&b) if b < 0x80 => 1,
            Some(&b) if b < 0xE0 => 2,
            Some(&b) if b < 0xF0 => 3,
            _ => 4,
        };
    }
    close(At(units.len(), bytes.len()), true, terms);
}

/// Where each automaton can match in a skeleton: the Latin patterns (no
/// CJK character) only inside runs without CJK characters, the CJK ones
/// only within `reach` bytes (their longest) of a CJK character, nearby
/// windows merged. A mixed text is then searched about once in all, as by
/// one automaton; a text without CJK characters is one Latin run.
fn regions(skeleton: &str, reach: usize) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let len = skeleton.len();
    if skeleton.is_ascii() {
        return (std::iter::once(0..len).collect(), Vec::new());
    }
    let (mut latin, mut cjk): (Vec<Range<usize>>, Vec<Range<usize>>) = (Vec::new(), Vec::new());
    let mut run = 0;
    for (i, c) in skeleton.char_indices() {
        if !normalize::is_cjk(c) {
            continue;
        }
        let end = i + c.len_utf8();
        if i > run {
            latin.push(run..i);
        }
        run = end;
        let mut a = i.saturating_sub(reach);
        while !skeleton.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = end.saturating_add(reach).min(len);
        while !skeleton.is_char_boundary(b) {
            b += 1;
        }
        match cjk.last_mut() {
            Some(last) if a <= last.end => last.end = last.end.max(b),
            _ => cjk.push(a..b),
        }
    }
    if run < len {
        latin.push(run..len);
    }
    (latin, cjk)
}

/// Most words an item of an enumeration may have for [`list_head`] to walk
/// over it (twice as many CJK characters).
const LIST_ITEM_WORDS: usize = 6;

/// Most items [`list_head`] walks over.
const LIST_ITEMS: usize = 32;

/// The first unit of the enumeration whose item starts at unit `start`:
/// walking back over items separated by commas (`,` `、`), `and`, `or`,
/// `&`, `和`, `及`, `或`, `与`, each of at most [`LIST_ITEM_WORDS`] words,
/// within the sentence and clause, to the first item, of which it takes at
/// most [`LIST_ITEM_WORDS`] words (`Detects and blocks ransomware, trojans,
/// keyloggers and rootkits`: from `keyloggers` back to `Detects`). `start`
/// itself when the hit is not an item of a list.
fn list_head(text: &str, norm: &Normalized, start: usize) -> usize {
    let units = &norm.units;
    let Some(at) = units.get(start) else {
        return start;
    };
    let (sentence, clause) = (at.sentence, at.clause);
    // The first unit of the word before the one starting at `u`, within
    // the sentence and clause.
    let prev_word = |u: usize| -> Option<usize> {
        let p = u.checked_sub(1)?;
        let (t, q) = (units[p].token, &units[p]);
        if q.sentence != sentence || q.clause != clause {
            return None;
        }
        let mut k = p;
        while k > 0 && units[k - 1].token == t {
            k -= 1;
        }
        Some(k)
    };
    let word = |u: usize| -> &str {
        let t = units[u].token;
        let end = units[u..]
            .iter()
            .take_while(|x| x.token == t)
            .last()
            .map_or(units[u].end8, |x| x.end8);
        text.get(units[u].start8 as usize..end as usize)
            .unwrap_or("")
    };
    // The separator before the word starting at `u`, in the original text.
    let gap = |u: usize| -> &str {
        u.checked_sub(1)
            .map_or("", |p| original_between(text, norm, p, u))
    };
    // A Chinese list is written with `、`; `，` separates clauses, and
    // ends an item.
    let comma = |g: &str| g.contains([',', '、', '&', '/']);
    let stop = |g: &str| comma(g) || g.contains('，');
    let conjunction = |w: &str| {
        ["and", "or", "和", "及", "或", "与", "以及"]
            .iter()
            .any(|c| w.eq_ignore_ascii_case(c))
    };
    // Back to the first word of the hit's own item (`remote access
    // trojans`).
    let item_start = |mut item: usize| {
        let mut words = 1;
        // A CJK character is a word: a CJK item may have twice as many.
        let most = if units[item].cjk {
            2 * LIST_ITEM_WORDS
        } else {
            LIST_ITEM_WORDS
        };
        while words < most && !stop(gap(item)) {
            match prev_word(item) {
                Some(p) if !conjunction(word(p)) => {
                    item = p;
                    words += 1;
                }
                _ => break,
            }
        }
        item
    };
    let mut head = item_start(start);
    let mut items = 0;
    for _ in 0..LIST_ITEMS {
        // The separator before the current item: a comma, or a
        // conjunction word (after an optional comma).
        let mut before = head;
        let separated = if comma(gap(head)) {
            true
        } else if let Some(c) = prev_word(head).filter(|&c| conjunction(word(c))) {
            before = c;
            true
        } else {
            false
        };
        if !separated {
            break;
        }
        // The item before it: words back to the previous comma or
        // conjunction, at most LIST_ITEM_WORDS of them.
        let Some(item) = prev_word(before) else {
            break;
        };
        head = item_start(item);
        items += 1;
    }
    if items == 0 {
        start
    } else {
        head
    }
}

/// Of overlapping hits of the same class keeps one: the strongest, then the
/// longest, then the first.
fn resolve_overlaps(engine: &Engine, hits: &mut Vec<Hit<'_>>) {
    let class = |h: &Hit<'_>| engine.groups[h.group as usize].class;
    let strength = |h: &Hit<'_>| h.strength(engine);
    hits.sort_by(|a, b| {
        class(a)
            .cmp(&class(b))
            .then(a.start.cmp(&b.start))
            .then(b.end.cmp(&a.end))
    });
    let mut out: Vec<Hit<'_>> = Vec::with_capacity(hits.len());
    let mut cluster_end = 0usize;
    for h in hits.drain(..) {
        let same_cluster = out
            .last()
            .is_some_and(|last| class(last) == class(&h) && h.start < cluster_end);
        if same_cluster {
            cluster_end = cluster_end.max(h.end);
            if let Some(last) = out.last_mut() {
                let better =
                    (strength(&h), h.end - h.start) > (strength(last), last.end - last.start);
                if better {
                    *last = h;
                }
            }
        } else {
            cluster_end = h.end;
            out.push(h);
        }
    }
    out.sort_by(|a, b| a.start.cmp(&b.start).then(class(a).cmp(&class(b))));
    *hits = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_what_one_span_covers() {
        let spans = Spans::new(vec![(10, 14), (2, 30), (40, 41), (12, 13)]);
        // Every stretch against the naive answer.
        let all = [(10, 14), (2, 30), (40, 41), (12, 13)];
        for start in 0..45 {
            for end in start..46 {
                let naive = all.iter().any(|&(s, e)| s <= start && end <= e);
                assert_eq!(spans.covers(start, end), naive, "{start}..{end}");
            }
        }
        assert!(!Spans::default().covers(0, 0));
    }

    /// The terms a fresh engine finds in `text`.
    fn terms(engine: &Engine, text: &str) -> Vec<String> {
        hits_and_engaged(engine, text, &normalize::normalize(text))
            .0
            .iter()
            .map(|h| h.written.to_string())
            .collect()
    }

    #[test]
    fn each_automaton_searches_only_where_its_patterns_can_match() {
        let skeleton = "keylogger破jie版andmuchmore免杀stuff";
        let (latin, cjk) = regions(skeleton, 4);
        let part = |r: &Range<usize>| &skeleton[r.clone()];
        // Latin runs: everything but the CJK characters.
        let runs: Vec<&str> = latin.iter().map(part).collect();
        assert_eq!(runs, ["keylogger", "jie", "andmuchmore", "stuff"]);
        // CJK windows: each CJK character with 4 bytes on either side
        // (snapped to characters), nearby ones merged.
        let windows: Vec<&str> = cjk.iter().map(part).collect();
        assert_eq!(windows, ["gger破jie版andm", "more免杀stuf"]);
        // Windows that touch are one.
        let (_, cjk) = regions("破andmore免", 4);
        assert_eq!((cjk.len(), cjk.first()), (1, Some(&(0..13))));
        let (latin, cjk) = regions("ascii only", 4);
        assert_eq!(
            (latin.len(), latin.first(), cjk.len()),
            (1, Some(&(0..10)), 0)
        );
    }

    #[test]
    fn the_cjk_matcher_is_built_only_for_a_text_with_a_cjk_character() {
        let engine = vocabulary::build(Ruleset::latest());
        assert!(!engine.cjk_built());
        assert_eq!(terms(&engine, "ships a hidden keylogger"), ["keylogger"]);
        // Full pinyin readings are Latin: found without the CJK matcher.
        assert_eq!(terms(&engine, "po jie ban download"), ["破解版"]);
        assert!(!engine.cjk_built());
        // A CJK character next to Latin letters, and Chinese alone.
        assert_eq!(terms(&engine, "keylogger 破jie版"), ["keylogger", "破解版"]);
        assert!(engine.cjk_built());
        assert_eq!(terms(&engine, "提供破解版下载"), ["破解版"]);
    }
}
