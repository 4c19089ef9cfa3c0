//! The one normalisation pipeline every signal class shares.
//!
//! Text becomes a *skeleton*: a stream of folded characters with the
//! separators between words removed, where every character remembers the
//! original text it came from (UTF-16 and byte offsets), whether a word break
//! preceded it, and which token and sentence it belongs to. Vocabulary terms
//! go through the same pipeline, so `M4lw@re`, `ｍａｌｗａｒｅ`, `mаlwаre`
//! (Cyrillic а), `m a l w a r e`, `mal\u{200B}ware` and `maaalware` all become
//! the skeleton of `malware`.
//!
//! Per character, in order:
//! 0. an HTML tag is markup: an inline one (`mal<b>ware</b>`) is dropped
//!    without breaking the word, any other reads as a space; a URL
//!    percent-escape of printable ASCII (`%6B`) or an HTML character
//!    reference (`&#107;`, `&#x6B;`, `&amp;`) is read as the character it
//!    stands for, over the escape's whole span, and so is a leetspeak
//!    sequence of symbols touching a letter (`|<eylogger`, `\/irus`);
//! 1. default-ignorable characters (zero-width, bidi controls, variation
//!    selectors, soft hyphen, tags) are dropped without breaking the word;
//!    the characters after a right-to-left override (U+202E, up to U+202C,
//!    U+2069 or the end of the line) are read in reverse, as displayed
//!    (`\u{202E}reggolyek` shows "keylogger");
//! 2. Unicode compatibility decomposition (NFKD, which covers fullwidth
//!    forms and mathematical alphanumerics), then combining marks are dropped
//!    (diacritics), then lower-casing — except that a non-ASCII capital
//!    whose confusable prototype is ASCII is read as that (Greek `Μ` is `m`,
//!    though its small `μ` looks like `u`);
//! 3. non-ASCII letters whose Unicode TR39 confusable prototype is ASCII are
//!    replaced by it (Cyrillic/Greek look-alikes), from `unicode-security`'s
//!    TR39 data filtered at build time (`build.rs`), and Latin letters with
//!    a stroke, hook or bar that NFKD keeps (`ł`, `ø`, `ƙ`) by their base
//!    letter (`data/signals/confusables-extra.json`);
//! 4. traditional Chinese characters are mapped to simplified ones
//!    (`data/signals/zh-variants.json`).
//!
//! Then per word: digits and symbols inside words that contain letters are
//! read as leetspeak (`0→o 1→i 3→e 4→a 5→s 6→g 7→t 8→b 9→g @→a $→s !→i |→i`,
//! `€→e £→l ¥→y`, and symbol sequences touching a letter that draw one:
//! `|<→k \/→v |\/|→m |-|→h ()→o`, read over their whole span in step 0),
//! `l` and `i` are folded together (they are what `1`, `!` and `|` stand
//! for), and runs of a repeated character collapse to one (not a doubled
//! CJK character: `天天` is a word). Two or more
//! digits ending a word after two Latin letters are a version number, not
//! leetspeak, and are left out (`windows11 activator` reads as `windows
//! activator`). Words spelled out
//! with separators (`k e y l o g g e r`, `c.r.a.c.k`, `key-gen`, and any
//! emoji or symbol between letters with no space: `k🔥e🔥y`, `ke★ylo★gger`)
//! join through *soft* breaks; ordinary spaces between words are *hard*
//! breaks.
//!
//! The whole pass is linear in the input length.
//!
//! This is a crate of its own (re-exported as `listing_precheck::signals::
//! normalize`) so that the size-optimised wasm build can compile this hot
//! path for speed: see `[profile.release.package.*]` in the root
//! `Cargo.toml`.

#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// What separates a skeleton character from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// Same word.
    None,
    /// A separator inside a word (`key-gen`, `c.r.a.c.k`, `k e y`), or a
    /// change of script: a match may run through it.
    Soft,
    /// A space between words: a match may only run through it where the
    /// vocabulary phrase has a space too.
    Hard,
}

/// One skeleton character and where it came from.
#[derive(Debug, Clone, Copy)]
pub struct Unit {
    /// Start of the original character(s), in UTF-16 code units.
    pub start16: u32,
    /// End of the original character(s), in UTF-16 code units.
    pub end16: u32,
    /// Start of the original character(s), in bytes.
    pub start8: u32,
    /// End of the original character(s), in bytes.
    pub end8: u32,
    /// What precedes this character.
    pub brk: Break,
    /// Index of the word (a CJK character is a word of its own).
    pub token: u32,
    /// Index of the sentence.
    pub sentence: u32,
    /// Index of the clause: sentences are further divided at brackets,
    /// colons, semicolons and dashes between words (not at commas, which
    /// also separate the items of a list). It wraps at 65,536 (it is only
    /// compared between units a few words apart), which keeps a unit at 28
    /// bytes.
    pub clause: u16,
    /// Whether this is a CJK ideograph (no word boundaries in the script).
    pub cjk: bool,
}

/// Normalised text: the skeleton string and, per skeleton character, its
/// [`Unit`].
#[derive(Debug)]
pub struct Normalized {
    /// The skeleton.
    pub text: String,
    /// One unit per `char` of [`Normalized::text`].
    pub units: Vec<Unit>,
    /// Unit index of each byte of [`Normalized::text`] (for match offsets);
    /// left empty while the skeleton is ASCII, where byte and unit indices
    /// are the same.
    byte_unit: Vec<u32>,
    /// Whether the skeleton so far is ASCII (`byte_unit` not needed).
    ascii: bool,
}

impl Normalized {
    /// An empty skeleton.
    fn empty() -> Normalized {
        Normalized {
            text: String::new(),
            units: Vec::new(),
            byte_unit: Vec::new(),
            ascii: true,
        }
    }

    /// Calls `f` with the skeleton of `text`, reusing this thread's buffers
    /// from the call before (a scan then writes memory that is already in
    /// the processor's cache instead of fresh allocations).
    pub fn with<R>(text: &str, f: impl FnOnce(&Normalized) -> R) -> R {
        thread_local! {
            static SCRATCH: std::cell::RefCell<(Normalized, Buffers)> =
                std::cell::RefCell::new((Normalized::empty(), Buffers::default()));
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let (norm, buffers) = &mut *scratch;
                normalize_into(text, PIECE, norm, buffers, false);
                let result = f(norm);
                if norm.text.capacity() > 1 << 20 {
                    // Do not keep a huge text's buffers for good.
                    *scratch = (Normalized::empty(), Buffers::default());
                }
                result
            }
            // Re-entered from `f` (not done today): fresh buffers.
            Err(_) => f(&normalize(text)),
        })
    }

    /// The skeleton split into its words (a CJK ideograph is a word of its
    /// own). Normalising a word of the skeleton as a part of a word
    /// ([`normalize_part`]) gives the same word back: folding is
    /// idempotent, which is what lets vocabulary entries, folded by the
    /// same code, match folded text.
    pub fn words(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut token = None;
        for (c, u) in self.text.chars().zip(&self.units) {
            if token != Some(u.token) {
                out.push(String::new());
                token = Some(u.token);
            }
            if let Some(w) = out.last_mut() {
                w.push(c);
            }
        }
        out
    }

    /// Unit index of a byte offset of [`Normalized::text`]; `len` maps to
    /// `units.len()`.
    #[inline(always)]
    pub fn unit_at(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.units.len());
        }
        self.byte_unit
            .get(byte)
            .map_or(self.units.len(), |&u| u as usize)
    }

    /// Appends one skeleton character and its unit. Inlined so the unit's
    /// fields are stored straight into the vector (a unit built on the
    /// stack and copied stalls on store forwarding: a fifth of scan time).
    #[inline(always)]
    fn push(&mut self, c: char, unit: Unit) {
        let index = self.units.len() as u32;
        if c.is_ascii() {
            if !self.ascii {
                self.byte_unit.push(index);
            }
        } else {
            if self.ascii {
                // The first non-ASCII character: from here on bytes and
                // units differ, so the map is written out.
                self.ascii = false;
                self.byte_unit.extend(0..index);
            }
            self.byte_unit
                .extend(std::iter::repeat_n(index, c.len_utf8()));
        }
        self.text.push(c);
        self.units.push(unit);
    }
}

/// Kinds of original characters, after folding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A letter (any script) or a CJK ideograph.
    Letter,
    /// An ASCII digit.
    Digit,
    /// A symbol that leetspeak uses for a letter.
    Leet,
    /// A separator that may sit inside a word.
    Joiner,
    /// Whitespace.
    Space,
    /// Ends a sentence (when followed by a space or the end).
    Stop,
    /// Ends a sentence wherever it is (newline, CJK full stop).
    HardStop,
    /// Any other ASCII punctuation or symbol.
    Other,
    /// A symbol or punctuation mark outside ASCII (emoji, ★, ✓): between
    /// two words with no space it joins them like a separator (`k🔥e🔥y`,
    /// `ke🔥ylo🔥gger`).
    Symbol,
    /// Not yet classified (non-ASCII): letter or symbol, see [`kind_of`].
    NonAscii,
}

/// One original character, folded.
#[derive(Debug, Clone, Copy)]
struct Atom {
    kind: Kind,
    /// Folded characters (at most 4; longer expansions are truncated).
    chars: [char; 4],
    len: u8,
    start16: u32,
    end16: u32,
    start8: u32,
    end8: u32,
}

impl Atom {
    #[inline(always)]
    fn folded(&self) -> &[char] {
        &self.chars[..self.len as usize]
    }

    #[inline(always)]
    fn is_cjk(&self) -> bool {
        self.len > 0 && is_cjk(self.chars[0])
    }
}

/// Traditional and variant Chinese characters and the simplified ones the
/// vocabulary uses, sorted for [`zh_variant`].
static ZH_VARIANTS: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct File {
        map: std::collections::BTreeMap<String, String>,
    }
    let file: File = serde_json::from_str(include_str!("../../../data/signals/zh-variants.json"))
        .unwrap_or(File {
            map: Default::default(),
        });
    // A BTreeMap iterates in key order: the list is sorted.
    file.map
        .iter()
        .filter_map(|(from, to)| Some((from.chars().next()?, to.chars().next()?)))
        .collect()
});

/// The simplified character a traditional or variant one stands for.
#[inline]
fn zh_variant(c: char) -> Option<char> {
    let table = &*ZH_VARIANTS;
    table
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .and_then(|i| table.get(i))
        .map(|&(_, to)| to)
}

/// Whether a character is a CJK unified ideograph (no compatibility
/// decomposition, no case): [`fold`] reads it without the general path.
#[inline(always)]
fn is_unified_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{20000}'..='\u{2A6DF}')
}

/// Look-alike letters TR39 leaves alone (`data/signals/confusables-extra.json`).
struct ExtraConfusables {
    map: HashMap<char, char>,
    ranges: Vec<(u32, u32, char)>,
}

static EXTRA: LazyLock<ExtraConfusables> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct File {
        map: std::collections::BTreeMap<String, String>,
        ranges: Vec<(String, String, String)>,
        /// Latin letters with a stroke, hook or bar (`ł`, `ƙ`), generated by
        /// `scripts/gen-latin-marks.py`.
        #[serde(default)]
        letters_with_marks: std::collections::BTreeMap<String, String>,
    }
    let file: Option<File> =
        serde_json::from_str(include_str!("../../../data/signals/confusables-extra.json")).ok();
    let first = |s: &str| s.chars().next();
    let hex = |s: &str| u32::from_str_radix(s, 16).ok();
    ExtraConfusables {
        map: file
            .iter()
            .flat_map(|f| f.map.iter().chain(&f.letters_with_marks))
            .filter_map(|(k, v)| Some((first(k)?, first(v)?)))
            .collect(),
        ranges: file
            .iter()
            .flat_map(|f| f.ranges.iter())
            .filter_map(|(a, b, c)| Some((hex(a)?, hex(b)?, first(c)?)))
            .collect(),
    }
});

/// The ASCII letter a look-alike from the supplementary table stands for.
fn extra_confusable(c: char) -> Option<char> {
    if let Some(&m) = EXTRA.map.get(&c) {
        return Some(m);
    }
    let cp = c as u32;
    EXTRA
        .ranges
        .iter()
        .find(|(a, b, _)| (*a..=*b).contains(&cp))
        .and_then(|(a, _, first)| char::from_u32(*first as u32 + (cp - a)))
}

/// Whether a character is dropped without breaking a word: the characters
/// the text rules report as bidi controls or invisible, plus Unicode's other
/// default-ignorable code points (variation selectors, tags, …).
pub fn is_ignorable(c: char) -> bool {
    is_bidi_control(c)
        || is_invisible(c)
        || matches!(c,
            '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}')
}

/// Bidirectional embedding, override and isolate controls: they reorder
/// what is displayed and can disguise text.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that render as nothing (zero-width, soft hyphen, fillers):
/// they can hide text or split a word invisibly.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{180E}'
            | '\u{061C}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{FFA0}'
    )
}

/// Whether a character is a CJK ideograph (or kana/hangul: scripts without
/// spaces between words).
#[inline(always)]
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// [`kind_of`] for ASCII, precomputed.
static ASCII_KINDS: [Kind; 128] = {
    let mut table = [Kind::Other; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = kind_of_slow(i as u8 as char);
        i += 1;
    }
    table
};

fn kind_of(c: char) -> Kind {
    match ASCII_KINDS.get(c as usize) {
        Some(&k) => k,
        None => match kind_of_slow(c) {
            Kind::NonAscii if c.is_alphanumeric() => Kind::Letter,
            Kind::NonAscii => Kind::Symbol,
            k => k,
        },
    }
}

const fn kind_of_slow(c: char) -> Kind {
    match c {
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '。' | '！' | '？' | '；' => Kind::HardStop,
        c if c.is_ascii_whitespace() || (!c.is_ascii() && is_unicode_space(c)) => Kind::Space,
        '0'..='9' => Kind::Digit,
        '@' | '$' | '!' | '|' | '€' | '£' | '¥' => Kind::Leet,
        '.' | '?' | ';' => Kind::Stop,
        '-' | '_' | '*' | '\'' | '’' | '`' | '·' | '•' | '~' | '^' | '/' | '\\' | '+' | '='
        | '#' | '‐' | '‑' | '‒' | '–' | '—' | '・' | '、' | '，' | ',' | ':' | '"' | '“' | '”' => {
            Kind::Joiner
        }
        'a'..='z' | 'A'..='Z' => Kind::Letter,
        _ if c.is_ascii() => Kind::Other,
        _ => Kind::NonAscii,
    }
}

/// Unicode white space outside ASCII (`char::is_whitespace` is not `const`).
const fn is_unicode_space(c: char) -> bool {
    matches!(
        c,
        '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Folds one original character (steps 2–4 of the pipeline).
fn fold(c: char, out: &mut [char; 4], len: &mut u8) {
    let mut push = |d: char| {
        if (*len as usize) < out.len() {
            out[*len as usize] = d;
            *len += 1;
        }
    };
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
        return;
    }
    if let Some(s) = zh_variant(c) {
        push(s);
        return;
    }
    if is_unified_ideograph(c) {
        // What the general path below gives such a character, without its
        // decomposition and table lookups (a test compares the two): the
        // character itself, or its ASCII look-alike (丅 → t, 丫 → y).
        match ascii_confusable(c) {
            Some(skeleton) => skeleton.iter().for_each(|&b| push(char::from(b))),
            None => push(c),
        }
        return;
    }
    fold_general(c, out, len);
}

/// [`fold`] for any non-ASCII character without a Chinese variant: kept
/// marks, compatibility decomposition, look-alikes, lower case.
fn fold_general(c: char, out: &mut [char; 4], len: &mut u8) {
    let mut push = |d: char| {
        if (*len as usize) < out.len() {
            out[*len as usize] = d;
            *len += 1;
        }
    };
    if matches!(c, '™' | '℠' | '®' | '©' | '℗') {
        // Marks after a name (`keylogger™`): kept as the symbols they are,
        // not the letters their compatibility forms spell (`TM`, `SM`).
        push(c);
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if !d.is_ascii() && d.is_uppercase() {
            // A capital is read as what it looks like before lower-casing:
            // Greek `Μ` looks like `M`, its small `μ` like `u`; Cyrillic
            // `В` like `B`, `в` like nothing Latin.
            if let Some(skeleton) = ascii_confusable(d) {
                skeleton.iter().for_each(|&b| push(char::from(b)));
                return;
            }
        }
        for l in d.to_lowercase() {
            if l.is_ascii() {
                push(l);
                continue;
            }
            if let Some(s) = zh_variant(l).or_else(|| extra_confusable(l)) {
                push(s);
                continue;
            }
            match ascii_confusable(l) {
                Some(skeleton) => skeleton.iter().for_each(|&b| push(char::from(b))),
                None => push(l),
            }
        }
    });
}

include!(concat!(env!("OUT_DIR"), "/confusables.rs"));

/// The ASCII letters or digits a non-ASCII character looks like under
/// Unicode TR39 (Cyrillic `а` → `a`, `ℓ` → `l`), if it looks like 1–4 of
/// them: the table `build.rs` derives from `unicode-security`.
pub fn ascii_confusable(c: char) -> Option<&'static [u8]> {
    let i = ASCII_CONFUSABLES
        .binary_search_by_key(&(c as u32), |&(k, _)| k)
        .ok()?;
    let (_, skeleton) = ASCII_CONFUSABLES.get(i)?;
    let len = skeleton
        .iter()
        .position(|&b| b == 0)
        .unwrap_or(skeleton.len());
    skeleton.get(..len)
}

/// The letter a leetspeak digit or symbol stands for.
#[inline(always)]
fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' | '€' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '6' | '9' => 'g',
        '7' => 't',
        '8' => 'b',
        '£' => 'l',
        '¥' => 'y',
        _ => return None,
    })
}

/// Bytes of text normalised at a time: long texts go through in pieces
/// that stay in the processor's cache (see [`next_cut`]).
const PIECE: usize = 1024;

/// Normalises text into its skeleton. Linear in `text.len()`.
///
/// The text is read in pieces of about [`PIECE`] bytes cut where nothing
/// can join across the cut (see [`next_cut`]), so the result is the same as
/// reading it whole. Pieces are also cut just before and after characters
/// only the general path reads (non-ASCII, escapes, tags), so the plain
/// ASCII around a stray `é` or `™` (most of a listing) is still read
/// straight from its bytes through tables, without decoding or folding
/// characters.
pub fn normalize(text: &str) -> Normalized {
    normalize_in_pieces(text, PIECE)
}

/// [`normalize`] with pieces of about `piece` bytes (the tests compare
/// sizes: the skeleton must not depend on them).
fn normalize_in_pieces(text: &str, piece: usize) -> Normalized {
    let mut out = Normalized::empty();
    normalize_into(text, piece, &mut out, &mut Buffers::default(), false);
    out
}

/// The skeleton of a part of a word (a glue word, read inside a longer
/// word): as [`normalize`], except that a text-speak short form (`vids`,
/// `u`) stays as written, as it does inside a longer word.
pub fn normalize_part(text: &str) -> String {
    let mut out = Normalized::empty();
    normalize_into(text, PIECE, &mut out, &mut Buffers::default(), true);
    out.text
}

/// Working buffers of [`normalize_into`], kept between calls by
/// [`Normalized::with`].
#[derive(Debug, Default)]
struct Buffers {
    /// The decoded characters of a piece that is not plain ASCII.
    atoms: Vec<Atom>,
    /// The words of a piece.
    words: Vec<Word>,
}

/// Writes the skeleton of `text` into `out`, replacing what it held;
/// `part`: text-speak short forms stay as written ([`normalize_part`]).
fn normalize_into(
    text: &str,
    piece: usize,
    out: &mut Normalized,
    buffers: &mut Buffers,
    part: bool,
) {
    out.text.clear();
    out.units.clear();
    out.byte_unit.clear();
    out.ascii = true;
    out.text.reserve(text.len());
    out.units.reserve(text.len());
    let mut emitter = Emitter {
        literal: part,
        ..Emitter::default()
    };
    let Buffers { atoms, words } = buffers;
    let bytes = text.as_bytes();
    let (mut at8, mut at16) = (0usize, 0u32);
    let mut special = 0;
    while at8 < text.len() {
        if special < at8 {
            special = next_special(bytes, at8);
        }
        let cut = if special < at8 + piece.min(MIN_RUN) {
            // A character the atoms must read (non-ASCII, an escape, a
            // tag) right here: a piece through it.
            next_cut(bytes, special, 1)
        } else {
            // Plain ASCII ahead: a piece of it, cut before the next such
            // character if it comes first.
            let cut = next_cut(bytes, at8, piece);
            if cut <= special {
                cut
            } else {
                prev_cut(bytes, at8, special).unwrap_or(cut)
            }
        };
        let cut = past_override(bytes, at8, cut);
        let Some(part) = text.get(at8..cut) else {
            break; // unreachable: cuts fall before ASCII letters
        };
        let continued = at8 > 0;
        if cut <= special {
            let ascii = AsciiAtoms {
                bytes: part.as_bytes(),
                base8: at8 as u32,
                base16: at16,
            };
            segment(&ascii, continued, words, &mut emitter, out);
            at16 += part.len() as u32;
        } else {
            atoms.clear();
            at16 = atomize(part, at8 as u32, at16, atoms);
            segment(atoms.as_slice(), continued, words, &mut emitter, out);
        }
        at8 = cut;
    }
}

/// Where the piece of text starting at `from` ends: the first place at least
/// `piece` bytes on where a word of two or more ASCII letters is followed
/// by one space and an ASCII letter (`…ab c…`, cut before `c`), or the end.
/// Nothing joins across such a space: it is a hard break (the word before
/// is not a lone letter of a spelled-out word), it ends no sentence, and
/// leetspeak chains stop at hard breaks; the piece after starts a word.
fn next_cut(bytes: &[u8], from: usize, piece: usize) -> usize {
    let mut p = from.saturating_add(piece.max(3));
    while p < bytes.len() {
        if is_cut(bytes, p) {
            return p;
        }
        p += 1;
    }
    bytes.len()
}

/// The last place after `from` and before `to` where a piece may end (see
/// [`next_cut`]), if there is one.
fn prev_cut(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    (from.saturating_add(3)..to.min(bytes.len()))
        .rev()
        .find(|&p| is_cut(bytes, p))
}

/// Whether a piece may end before byte `p` (`p >= 3`): see [`next_cut`].
#[inline(always)]
fn is_cut(bytes: &[u8], p: usize) -> bool {
    bytes[p - 1] == b' '
        && bytes[p].is_ascii_alphabetic()
        && bytes[p - 2].is_ascii_alphabetic()
        && bytes[p - 3].is_ascii_alphabetic()
        && !in_tag(bytes, p)
}

/// What a byte is to [`next_special`].
#[derive(Clone, Copy)]
enum Special {
    /// Plain ASCII the fast path reads.
    No,
    /// Non-ASCII, or the start of an escape or tag.
    Yes,
    /// The start of a leetspeak sequence of symbols, if one follows.
    IfLeet,
}

/// [`Special`] per byte.
static SPECIAL: [Special; 256] = {
    let mut table = [Special::No; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            0x80..=0xFF | b'%' | b'&' | b'<' => Special::Yes,
            b'|' | b'\\' | b'/' | b'(' | b'>' | b'}' | b']' => Special::IfLeet,
            _ => Special::No,
        };
        b += 1;
    }
    table
};

/// Shortest run of plain ASCII read on its own (see [`normalize_into`]).
const MIN_RUN: usize = 32;

/// The first byte at or after `from` that the ASCII fast path cannot read:
/// non-ASCII, the start of an escape or tag (`%`, `&`, `<`) or of a
/// leetspeak sequence of symbols (`|<`, see [`leet_letter_at`]); or the
/// end.
fn next_special(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| {
            rest.iter()
                .enumerate()
                .position(|(i, &b)| match SPECIAL[b as usize] {
                    Special::No => false,
                    Special::Yes => true,
                    Special::IfLeet => leet_letter_at(
                        &rest[i..],
                        (from + i)
                            .checked_sub(1)
                            .and_then(|p| bytes.get(p).copied()),
                    )
                    .is_some(),
                })
        })
        .map_or(bytes.len(), |i| from + i)
}

/// Whether byte `p` may lie inside an HTML tag: a `<` not closed by `>`
/// within the [`MAX_TAG`] bytes before it (a piece must not end in a tag).
fn in_tag(bytes: &[u8], p: usize) -> bool {
    let window = &bytes[p.saturating_sub(MAX_TAG)..p];
    let open = window.iter().rposition(|&b| b == b'<');
    let close = window.iter().rposition(|&b| b == b'>');
    match (open, close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    }
}

/// A sequence of original characters, folded, as the word segmentation and
/// the emitter read it: decoded [`Atom`]s, or the bytes of ASCII text.
trait Atoms {
    /// Number of characters.
    fn count(&self) -> usize;
    /// Kind of character `i`.
    fn kind(&self, i: usize) -> Kind;
    /// Folded form of character `i`.
    fn folded(&self, i: usize) -> &[char];
    /// Whether character `i` is a CJK ideograph.
    fn cjk(&self, i: usize) -> bool;
    /// UTF-16 start and end, byte start and end of character `i`.
    fn offsets(&self, i: usize) -> [u32; 4];

    /// The kind of character `i`, if there is one.
    #[inline(always)]
    fn kind_at(&self, i: usize) -> Option<Kind> {
        (i < self.count()).then(|| self.kind(i))
    }

    /// These characters as ASCII bytes, when they are (the emitter's fast
    /// path).
    #[inline(always)]
    fn as_ascii(&self) -> Option<&AsciiAtoms<'_>> {
        None
    }

    /// The number of folded characters of the word `from..to`, and whether
    /// it has a Latin-like letter (leetspeak disguises Latin-like words;
    /// digits beside CJK, 二十一点 → 21点, stay digits).
    #[inline(always)]
    fn word_stats(&self, from: usize, to: usize) -> (usize, bool) {
        let len = (from..to).map(|k| self.folded(k).len()).sum::<usize>();
        let has_letter = (from..to).any(|k| {
            self.kind(k) == Kind::Letter
                && self
                    .folded(k)
                    .iter()
                    .any(|&c| c.is_alphabetic() && !is_cjk(c))
        });
        (len, has_letter)
    }
}

impl Atoms for [Atom] {
    #[inline(always)]
    fn count(&self) -> usize {
        self.len()
    }
    #[inline(always)]
    fn kind(&self, i: usize) -> Kind {
        self[i].kind
    }
    #[inline(always)]
    fn folded(&self, i: usize) -> &[char] {
        self[i].folded()
    }
    #[inline(always)]
    fn cjk(&self, i: usize) -> bool {
        self[i].is_cjk()
    }
    #[inline(always)]
    fn offsets(&self, i: usize) -> [u32; 4] {
        let a = &self[i];
        [a.start16, a.end16, a.start8, a.end8]
    }
}

/// ASCII text read as atoms: every byte is a character folding to its
/// lower case, at the same UTF-16 and byte offset.
struct AsciiAtoms<'t> {
    bytes: &'t [u8],
    base8: u32,
    base16: u32,
}

/// ASCII lower-cased, as `char`s the emitter can borrow.
static ASCII_LOWER: [char; 128] = {
    let mut table = ['\0'; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = (i as u8).to_ascii_lowercase() as char;
        i += 1;
    }
    table
};

impl Atoms for AsciiAtoms<'_> {
    #[inline(always)]
    fn count(&self) -> usize {
        self.bytes.len()
    }
    #[inline(always)]
    fn kind(&self, i: usize) -> Kind {
        ASCII_KINDS[(self.bytes[i] & 0x7F) as usize]
    }
    #[inline(always)]
    fn folded(&self, i: usize) -> &[char] {
        std::slice::from_ref(&ASCII_LOWER[(self.bytes[i] & 0x7F) as usize])
    }
    #[inline(always)]
    fn cjk(&self, _: usize) -> bool {
        false
    }
    #[inline(always)]
    fn offsets(&self, i: usize) -> [u32; 4] {
        let (at8, at16) = (self.base8 + i as u32, self.base16 + i as u32);
        [at16, at16 + 1, at8, at8 + 1]
    }
    #[inline(always)]
    fn as_ascii(&self) -> Option<&AsciiAtoms<'_>> {
        Some(self)
    }
    #[inline(always)]
    fn word_stats(&self, from: usize, to: usize) -> (usize, bool) {
        let word = self.bytes.get(from..to).unwrap_or_default();
        (word.len(), word.iter().any(u8::is_ascii_alphabetic))
    }
}

/// Splits a piece of text into words and emits them (the body of
/// [`normalize`]); `continued` when an earlier piece was emitted, which a
/// hard break separates from this one.
fn segment<A: Atoms + ?Sized>(
    atoms: &A,
    continued: bool,
    words: &mut Vec<Word>,
    emitter: &mut Emitter,
    out: &mut Normalized,
) {
    words.clear();
    // Words (runs of letters and digits, with leet symbols inside) and the
    // break before each.
    let mut i = 0;
    let mut pending: Option<Separator> = None;
    let n = atoms.count();
    while i < n {
        if !starts_word(atoms, i) {
            pending.get_or_insert_with(Separator::default).add(
                atoms.kind(i),
                atoms.kind_at(i + 1),
                atoms.folded(i).first().copied(),
            );
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && continues_word(atoms, j) {
            j += 1;
        }
        // Two or more digits after two letters end a word as a version or
        // model number (`windows11`, `office2019`), not as leetspeak.
        let version = version_suffix(atoms, i, j);
        let j = version.unwrap_or(j);
        let (len, has_letter) = atoms.word_stats(i, j);
        let (brk, sentence, clause) = match (pending.take(), words.last()) {
            (Some(sep), Some(prev)) => {
                let brk = sep.brk(prev.len, len);
                let sentence = sep.ends_sentence(prev.len, len);
                (
                    brk,
                    sentence,
                    sentence || (sep.ends_clause() && brk == Break::Hard),
                )
            }
            (None, Some(_)) => (Break::Hard, false, false),
            (None, None) if continued => (Break::Hard, false, false),
            (_, None) => (Break::None, false, false),
        };
        words.push(Word {
            range: (i, j),
            len,
            brk,
            sentence,
            clause,
            has_letter,
        });
        i = j;
        if let Some(k) = version {
            // The version number is left out of the skeleton, so the product
            // name meets the next word (`windows11 activator`); a match
            // across it still spans it in the original text.
            let mut end = k;
            while end < n && atoms.kind(end) == Kind::Digit {
                end += 1;
            }
            i = end;
        }
    }
    // Leetspeak is read in a chain of words joined by soft breaks that has a
    // letter somewhere (`k 3 y l 0 g`), so spelled-out digits count too.
    let mut chain_start = 0;
    for w in 0..=words.len() {
        if w == words.len() || (w > 0 && words[w].brk != Break::Soft) {
            let any = words[chain_start..w].iter().any(|x| x.has_letter);
            words[chain_start..w]
                .iter_mut()
                .for_each(|x| x.has_letter = any);
            chain_start = w;
        }
    }
    let mut prev_len = 0;
    for (k, w) in words.iter().enumerate() {
        if w.sentence {
            emitter.sentence += 1;
        }
        if w.clause {
            emitter.clause = emitter.clause.wrapping_add(1);
        }
        if w.brk == Break::Soft && w.len > 1 && prev_len > 1 {
            // A letter repeated across a separator between two words of
            // several letters is two letters (`stalkerware.example`,
            // `threats/stalkerware`): only spelled-out letters collapse
            // across one (`k e y l o g g e r`).
            emitter.last = None;
        }
        prev_len = w.len;
        let expanded = if emitter.literal || w.len > SHORTHAND_MAX || w.brk == Break::Soft {
            None
        } else {
            shorthand(atoms, words, k)
        };
        match expanded {
            Some(word) => emitter.expansion(out, atoms, w.range, w.brk, word),
            None => emitter.word(out, atoms, w.range, w.brk, w.has_letter),
        }
    }
}

/// Whether word `k` ends in a possessive `'s` that ends the word (`ur
/// gf's phone`): the short form before it is still a word of its own.
fn possessive_after<A: Atoms + ?Sized>(atoms: &A, words: &[Word], k: usize) -> bool {
    let (Some(w), Some(s)) = (words.get(k), words.get(k + 1)) else {
        return false;
    };
    let apostrophe = s.range.0 == w.range.1 + 1
        && matches!(atoms.folded(w.range.1).first(), Some('\'' | '\u{2019}'));
    apostrophe
        && s.len == 1
        && atoms.folded(s.range.0).first() == Some(&'s')
        && words.get(k + 2).is_none_or(|next| next.brk == Break::Hard)
}

/// Text-speak for whole words (`data/signals/shorthand.json`): short form
/// (its bytes packed into a number, see [`short_key`]) and word, sorted by
/// short form.
static SHORTHAND: LazyLock<Vec<(u64, String)>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct File {
        map: std::collections::BTreeMap<String, String>,
    }
    let file: Option<File> =
        serde_json::from_str(include_str!("../../../data/signals/shorthand.json")).ok();
    // An expansion must be a word the skeleton can hold as it is
    // (lower-case ASCII letters) so that normalising the skeleton again
    // changes nothing.
    let mut table: Vec<(u64, String)> = file
        .map(|f| f.map)
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, word)| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()))
        .filter_map(|(short, word)| Some((short_key(short.chars())?, word)))
        .collect();
    table.sort_unstable();
    table
});

/// The longest short form read (in characters).
const SHORTHAND_MAX: usize = 5;

/// A short form's lower-case ASCII letters and digits packed into a
/// number (one byte each, first byte highest), or `None` for anything
/// else or more than [`SHORTHAND_MAX`] characters.
fn short_key(chars: impl Iterator<Item = char>) -> Option<u64> {
    let mut key = 0u64;
    for (n, c) in chars.enumerate() {
        if n == SHORTHAND_MAX || !(c.is_ascii_lowercase() || c.is_ascii_digit()) {
            return None;
        }
        key = key << 8 | c as u64;
    }
    (key != 0).then_some(key)
}

/// The word a text-speak short form stands for (`ur` → `your`), if word
/// `k` is one: a word of its own, with a hard break (or nothing) on both
/// sides, or a possessive `'s` after it; `w` only right before a slash
/// (`w/ box`). The caller has checked its length and the break before it.
fn shorthand<A: Atoms + ?Sized>(atoms: &A, words: &[Word], k: usize) -> Option<&'static str> {
    let w = words.get(k)?;
    let key = short_key((w.range.0..w.range.1).flat_map(|i| atoms.folded(i).iter().copied()))?;
    let table = &*SHORTHAND;
    let i = table.binary_search_by_key(&key, |&(short, _)| short).ok()?;
    let hard_after = words.get(k + 1).is_none_or(|next| next.brk == Break::Hard)
        || possessive_after(atoms, words, k);
    let slash_after = w.range.1 < atoms.count() && atoms.folded(w.range.1).first() == Some(&'/');
    if !hard_after || (key == u64::from(b'w') && !slash_after) {
        return None;
    }
    table.get(i).map(|(_, word)| word.as_str())
}

/// Where a version number starts at the end of the word `from..to`: a run
/// of two or more digits after two Latin letters (`windows11` → 7), if any.
/// The run must have a digit leetspeak reads as a letter, so a skeleton
/// (where only `2` and `6` stay digits) never has one: normalising it again
/// changes nothing.
fn version_suffix<A: Atoms + ?Sized>(atoms: &A, from: usize, to: usize) -> Option<usize> {
    let mut k = to;
    while k > from && atoms.kind(k - 1) == Kind::Digit {
        k -= 1;
    }
    let latin = |i: usize| {
        atoms.kind(i) == Kind::Letter
            && atoms
                .folded(i)
                .first()
                .is_some_and(|c| c.is_ascii_alphabetic())
    };
    let leet_digit = (k..to).any(|i| atoms.folded(i).first().is_some_and(|&c| leet(c).is_some()));
    (to - k >= 2 && k >= from + 2 && latin(k - 1) && latin(k - 2) && leet_digit).then_some(k)
}

#[inline(always)]
fn is_alnum(k: Option<Kind>) -> bool {
    matches!(k, Some(Kind::Letter | Kind::Digit))
}

/// Whether atom `i` starts a word: a letter or digit, or a leetspeak symbol
/// before a letter (`@ctivator`, `$wat`) or standing alone between
/// separators in a spelled-out word (`r_@_r`).
#[inline(always)]
fn starts_word<A: Atoms + ?Sized>(atoms: &A, i: usize) -> bool {
    match atoms.kind(i) {
        Kind::Letter | Kind::Digit => true,
        Kind::Leet => {
            let prev = i.checked_sub(1).and_then(|p| atoms.kind_at(p));
            let next = atoms.kind_at(i + 1);
            let lone = |x: Option<Kind>| matches!(x, Some(Kind::Joiner | Kind::Stop | Kind::Space));
            (!is_alnum(prev) && (is_alnum(next) || next == Some(Kind::Leet)))
                || (lone(prev) && lone(next))
        }
        _ => false,
    }
}

/// Whether atom `j` continues the word before it: a letter or digit, a leet
/// symbol followed by more of the word, or a trailing `@`/`$` (`dat@`).
#[inline(always)]
fn continues_word<A: Atoms + ?Sized>(atoms: &A, j: usize) -> bool {
    match atoms.kind(j) {
        Kind::Letter | Kind::Digit => true,
        Kind::Leet => {
            let next = atoms.kind_at(j + 1);
            is_alnum(next)
                || next == Some(Kind::Leet)
                || matches!(atoms.folded(j).first(), Some('@' | '$'))
        }
        _ => false,
    }
}

/// One word of the original text.
#[derive(Debug, Clone, Copy)]
struct Word {
    /// Atom range.
    range: (usize, usize),
    /// Number of folded characters.
    len: usize,
    /// Break before it.
    brk: Break,
    /// Whether a new sentence starts with it.
    sentence: bool,
    /// Whether a new clause starts with it.
    clause: bool,
    /// Whether leetspeak applies (its soft-joined chain has a letter).
    has_letter: bool,
}

/// The separators between two words.
#[derive(Debug, Default, Clone, Copy)]
struct Separator {
    space: bool,
    joiner: bool,
    other: bool,
    symbol: bool,
    stop: bool,
    /// A bracket, colon, semicolon or long dash.
    clause_mark: bool,
    /// A `-` (a dash if a space was seen too, see [`Separator::ends_clause`]).
    hyphen: bool,
}

impl Separator {
    #[inline(always)]
    fn add(&mut self, kind: Kind, next: Option<Kind>, c: Option<char>) {
        match c {
            Some('(' | ')' | '[' | ']' | '{' | '}' | ':' | ';' | '—' | '–') => {
                self.clause_mark = true
            }
            Some('-') => self.hyphen = true,
            _ => {}
        }
        match kind {
            Kind::Space => self.space = true,
            Kind::Joiner | Kind::Leet => self.joiner = true,
            Kind::Stop => {
                // `.` inside a word (c.r.a.c.k) joins; before a space it ends a sentence.
                if matches!(next, None | Some(Kind::Space | Kind::HardStop)) {
                    self.stop = true;
                } else {
                    self.joiner = true;
                }
            }
            Kind::HardStop => self.stop = true,
            Kind::Symbol => self.symbol = true,
            _ => self.other = true,
        }
    }

    /// The break between a word of `before` folded chars and one of `after`.
    #[inline(always)]
    fn brk(&self, before: usize, after: usize) -> Break {
        let spelled_out = before == 1 && after == 1;
        if spelled_out && !self.other {
            return Break::Soft;
        }
        // A symbol alone between two words joins them like a hyphen
        // (`ke🔥ylo🔥gger`); with a space it is a hard break.
        if self.space || self.stop || self.other {
            Break::Hard
        } else {
            Break::Soft
        }
    }

    /// Whether it ends a clause (where the break is hard): a bracket,
    /// colon, semicolon or dash, `-` counting as one next to a space.
    #[inline(always)]
    fn ends_clause(&self) -> bool {
        self.clause_mark || (self.hyphen && self.space)
    }

    #[inline(always)]
    fn ends_sentence(&self, before: usize, after: usize) -> bool {
        self.stop && !(before == 1 && after == 1)
    }
}

/// Writes skeleton characters with their units.
#[derive(Debug, Default)]
struct Emitter {
    /// Text-speak short forms stay as written ([`normalize_part`]).
    literal: bool,
    started: bool,
    token: u32,
    sentence: u32,
    clause: u16,
    last: Option<char>,
}

impl Emitter {
    fn word<A: Atoms + ?Sized>(
        &mut self,
        out: &mut Normalized,
        atoms: &A,
        (from, to): (usize, usize),
        brk: Break,
        has_letter: bool,
    ) {
        // A word that writes nothing (a `|` or `&` between spaces) is not
        // a word: it takes no token, so it does not widen the distance
        // between the words around it ("Coin: XMR | Threads: auto"). Kept
        // apart from `word_tokens`: merged into it, normalisation ran 30 %
        // slower (73 -> 50 MB/s in `cargo bench --bench scan`).
        let (token, units) = (self.token, out.units.len());
        self.word_tokens(out, atoms, (from, to), brk, has_letter);
        if out.units.len() == units {
            self.token = token;
        }
    }

    fn word_tokens<A: Atoms + ?Sized>(
        &mut self,
        out: &mut Normalized,
        atoms: &A,
        (from, to): (usize, usize),
        brk: Break,
        has_letter: bool,
    ) {
        let mut brk = brk;
        let mut prev_cjk: Option<bool> = None;
        if self.started && brk != Break::None {
            self.token += 1;
        }
        if let Some(ascii) = atoms.as_ascii() {
            return self.word_ascii(out, ascii, (from, to), brk, has_letter);
        }
        for k in from..to {
            let cjk = atoms.cjk(k);
            if let Some(p) = prev_cjk {
                if cjk || p != cjk {
                    // Every ideograph is a word of its own; a change of script
                    // is a soft break.
                    self.token += 1;
                    if p != cjk {
                        brk = Break::Soft;
                    }
                }
            }
            prev_cjk = Some(cjk);
            let kind = atoms.kind(k);
            if kind == Kind::Leet && !has_letter {
                // A symbol in a chain without letters ($100, |) is
                // punctuation, not a disguised letter.
                continue;
            }
            let [start16, end16, start8, end8] = atoms.offsets(k);
            for &c in atoms.folded(k) {
                // A digit inside a compatibility expansion (㍹ → dm3) is
                // read like any other digit, so folding the skeleton again
                // gives the same word.
                let c = match kind {
                    Kind::Digit | Kind::Leet if has_letter => leet(c).unwrap_or(c),
                    _ if has_letter && c.is_ascii_digit() => leet(c).unwrap_or(c),
                    _ => c,
                };
                let c = if c == 'l' { 'i' } else { c };
                if brk != Break::Hard && self.last == Some(c) && self.started && !is_cjk(c) {
                    // Repeated character: collapse (keeeylogger → keylogger),
                    // the kept unit covering the repeats so a match ending
                    // here spans them ("app", not "ap"). A doubled CJK
                    // character is a word of its own (`天天` every day,
                    // `偷偷` secretly), not `天` or `偷` drawn out.
                    if let Some(last) = out.units.last_mut() {
                        last.end16 = last.end16.max(end16);
                        last.end8 = last.end8.max(end8);
                    }
                    continue;
                }
                self.emit(out, c, [start16, end16, start8, end8], brk, is_cjk(c));
                brk = Break::None;
            }
        }
    }
}

impl Emitter {
    /// Appends skeleton character `c` covering the original `[start16,
    /// end16, start8, end8]`, with the break before it (none for the
    /// first character of the text).
    #[inline(always)]
    fn emit(
        &mut self,
        out: &mut Normalized,
        c: char,
        [start16, end16, start8, end8]: [u32; 4],
        brk: Break,
        cjk: bool,
    ) {
        out.push(
            c,
            Unit {
                start16,
                end16,
                start8,
                end8,
                brk: if self.started { brk } else { Break::None },
                token: self.token,
                sentence: self.sentence,
                clause: self.clause,
                cjk,
            },
        );
        self.started = true;
        self.last = Some(c);
    }

    /// Emits `word` for the atoms `from..to` (a text-speak short form,
    /// [`shorthand`]): every character of the word covers the whole short
    /// form in the original text. Rare: kept out of the hot loop.
    #[cold]
    #[inline(never)]
    fn expansion<A: Atoms + ?Sized>(
        &mut self,
        out: &mut Normalized,
        atoms: &A,
        (from, to): (usize, usize),
        mut brk: Break,
        word: &str,
    ) {
        if self.started && brk != Break::None {
            self.token += 1;
        }
        let [start16, _, start8, _] = atoms.offsets(from);
        let [_, end16, _, end8] = atoms.offsets(to.saturating_sub(1).max(from));
        for c in word.chars() {
            // The skeleton reads `l` as `i` (see `word_tokens`).
            let c = if c == 'l' { 'i' } else { c };
            if brk != Break::Hard && self.last == Some(c) && self.started {
                continue;
            }
            self.emit(out, c, [start16, end16, start8, end8], brk, false);
            brk = Break::None;
        }
    }

    /// [`Emitter::word`] for ASCII text (most of a listing): the same
    /// reading, with each byte's folded form from a table.
    #[inline(always)]
    fn word_ascii(
        &mut self,
        out: &mut Normalized,
        atoms: &AsciiAtoms<'_>,
        (from, to): (usize, usize),
        mut brk: Break,
        has_letter: bool,
    ) {
        let table = if has_letter {
            &ASCII_LEET
        } else {
            &ASCII_PLAIN
        };
        let word = atoms.bytes.get(from..to).unwrap_or_default();
        let (mut at8, mut at16) = (atoms.base8 + from as u32, atoms.base16 + from as u32);
        for &b in word {
            let c = table[(b & 0x7F) as usize];
            let (start8, start16) = (at8, at16);
            at8 += 1;
            at16 += 1;
            if c == 0 {
                // A leetspeak symbol in a chain without letters ($100).
                continue;
            }
            let c = char::from(c);
            if brk != Break::Hard && self.last == Some(c) && self.started {
                if let Some(last) = out.units.last_mut() {
                    last.end16 = at16;
                    last.end8 = at8;
                }
                continue;
            }
            self.emit(out, c, [start16, at16, start8, at8], brk, false);
            brk = Break::None;
        }
    }
}

/// What [`Emitter::word`] makes of each ASCII byte in a word with a letter
/// in its chain: lower case, leetspeak read as letters, `l` as `i`.
static ASCII_LEET: [u8; 128] = ascii_table(true);

/// The same in a chain without letters: digits stay, leetspeak symbols
/// are dropped (0).
static ASCII_PLAIN: [u8; 128] = ascii_table(false);

const fn ascii_table(has_letter: bool) -> [u8; 128] {
    let mut table = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = (i as u8).to_ascii_lowercase();
        let kind = ASCII_KINDS[i];
        let c = if matches!(kind, Kind::Leet) && !has_letter {
            0
        } else if has_letter && matches!(kind, Kind::Digit | Kind::Leet) {
            match c {
                b'0' => b'o',
                b'1' | b'!' | b'|' => b'i',
                b'3' => b'e',
                b'4' | b'@' => b'a',
                b'5' | b'$' => b's',
                b'6' | b'9' => b'g',
                b'7' => b't',
                b'8' => b'b',
                c => c,
            }
        } else {
            c
        };
        table[i] = if c == b'l' { b'i' } else { c };
        i += 1;
    }
    table
}

/// Splits a piece of text starting at byte `base8` and UTF-16 offset
/// `at16` into folded atoms, dropping ignorable characters; returns the
/// UTF-16 offset of its end.
fn atomize(text: &str, base8: u32, mut at16: u32, atoms: &mut Vec<Atom>) -> u32 {
    let mut at = 0usize;
    // Where a right-to-left override began: the characters after it are
    // displayed in reverse, so they are read in reverse
    // (`\u{202E}reggolyek\u{202C}` shows "keylogger").
    let mut override_from: Option<usize> = None;
    while let Some(rest) = text.get(at..) {
        let Some(raw) = rest.chars().next() else {
            break;
        };
        if raw == '<' {
            if let Some((len, inline)) = html_tag_at(rest) {
                // An HTML tag: an inline one (`mal<b>ware</b>`) is dropped
                // without breaking the word, any other reads as a space.
                let width16 = rest.get(..len).map_or(len, |t| t.encode_utf16().count()) as u32;
                if !inline {
                    atoms.push(Atom {
                        kind: Kind::Space,
                        chars: [' '; 4],
                        len: 1,
                        start16: at16,
                        end16: at16 + width16,
                        start8: base8 + at as u32,
                        end8: base8 + (at + len) as u32,
                    });
                }
                at += len;
                at16 += width16;
                continue;
            }
        }
        // A character, or an escape standing for one (`%6B`, `&#107;`),
        // read as that character over the escape's whole span.
        let (c, width, width16) = match raw {
            '%' | '&' => escape_at(rest).map_or((raw, 1, 1), |(c, w)| (c, w, w)),
            '|' | '\\' | '/' | '(' | '>' | '}' | ']' => {
                let before = at
                    .checked_sub(1)
                    .and_then(|i| text.as_bytes().get(i).copied());
                leet_letter_at(rest.as_bytes(), before).map_or((raw, 1, 1), |(c, w)| (c, w, w))
            }
            _ => (raw, raw.len_utf8(), raw.len_utf16()),
        };
        let at8 = base8 + at as u32;
        let start16 = at16;
        at += width;
        at16 += width16 as u32;
        let end8 = at8 + width as u32;
        if is_override_end(c) {
            close_override(atoms, &mut override_from);
        }
        if c.is_ascii() {
            // Fast path: ASCII folds to itself, lower-cased, and is never
            // ignorable.
            atoms.push(Atom {
                kind: ASCII_KINDS[c as usize],
                chars: [c.to_ascii_lowercase(), ' ', ' ', ' '],
                len: 1,
                start16,
                end16: at16,
                start8: at8,
                end8,
            });
            continue;
        }
        if is_ignorable(c) {
            if c == RLO {
                override_from.get_or_insert(atoms.len());
            }
            continue;
        }
        let mut chars = [' '; 4];
        let mut len = 0u8;
        fold(c, &mut chars, &mut len);
        if len > 1 {
            // A compatibility expansion (¼ → 1⁄4, ⑴ → (1)) keeps only its
            // letters and digits: its punctuation would split the word if
            // the folded text were read again.
            let mut kept = 0u8;
            for i in 0..len as usize {
                if chars[i].is_alphanumeric() {
                    chars[kept as usize] = chars[i];
                    kept += 1;
                }
            }
            // No letter or digit (⁉ → !?): the first symbol stands for it.
            len = kept.max(1);
        }
        let Some(&first) = chars[..len as usize].first() else {
            continue; // a lone combining mark: a diacritic, dropped
        };
        let kind = match kind_of(c) {
            Kind::Letter | Kind::Other | Kind::Symbol => kind_of(first),
            k => k,
        };
        atoms.push(Atom {
            kind,
            chars,
            len,
            start16,
            end16: at16,
            start8: at8,
            end8,
        });
    }
    close_override(atoms, &mut override_from);
    at16
}

/// RIGHT-TO-LEFT OVERRIDE: displays the characters after it in reverse.
pub const RLO: char = '\u{202E}';

/// Whether a character ends a right-to-left override: POP DIRECTIONAL
/// FORMATTING or ISOLATE, or the end of a paragraph.
pub fn is_override_end(c: char) -> bool {
    matches!(c, '\u{202C}' | '\u{2069}' | '\n' | '\r' | '\u{2029}')
}

/// Ends an open right-to-left override: its atoms in display order.
fn close_override(atoms: &mut [Atom], from: &mut Option<usize>) {
    if let Some(run) = from.take().and_then(|f| atoms.get_mut(f..)) {
        run.reverse();
    }
}

/// `cut`, moved past the end of a right-to-left override the piece
/// `from..cut` leaves open (its characters are read in reverse, together).
fn past_override(bytes: &[u8], from: usize, mut cut: usize) -> usize {
    const RLO_UTF8: &[u8] = "\u{202E}".as_bytes();
    let ends_at = |p: usize| -> bool {
        let rest = bytes.get(p..).unwrap_or_default();
        matches!(rest.first(), Some(b'\n' | b'\r'))
            || rest.starts_with("\u{202C}".as_bytes())
            || rest.starts_with("\u{2069}".as_bytes())
            || rest.starts_with("\u{2029}".as_bytes())
    };
    loop {
        let part = bytes.get(from..cut).unwrap_or_default();
        let Some(open) = part.windows(3).rposition(|w| w == RLO_UTF8) else {
            return cut;
        };
        if (from + open + 3..cut).any(ends_at) {
            return cut;
        }
        let end = (cut..bytes.len())
            .find(|&p| ends_at(p))
            .unwrap_or(bytes.len());
        let next = next_cut(bytes, end, 1);
        if next <= cut {
            return cut;
        }
        cut = next;
    }
}

/// Longest HTML tag read as markup, in bytes.
const MAX_TAG: usize = 200;

/// Inline HTML elements: their tags do not separate words.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "big", "code", "del", "em", "font", "i", "ins", "kbd", "mark", "q", "s",
    "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "wbr",
];

/// The length in bytes of an HTML tag at the start of `text` (`<b>`,
/// `</span>`, `<a href="…">`, at most [`MAX_TAG`] bytes, no `<` inside) and
/// whether its element is inline.
fn html_tag_at(text: &str) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let mut i = 1;
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    let name_start = i;
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) && i - name_start < 12 {
        i += 1;
    }
    let name = text.get(name_start..i)?;
    let tail = bytes.get(i..)?;
    let end = tail
        .iter()
        .take(MAX_TAG)
        .position(|&b| b == b'>' || b == b'<')?;
    if tail[end] != b'>' || (end > 0 && !matches!(tail[0], b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
        return None;
    }
    let inline = INLINE_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name));
    Some((i + end + 1, inline))
}

/// Letters that leetspeak draws with several symbols, longest first.
const LEET_SEQUENCES: [(&str, char); 16] = [
    ("|\\/|", 'm'),
    ("/\\/\\", 'm'),
    ("\\/\\/", 'w'),
    ("|\\|", 'n'),
    ("/\\/", 'n'),
    ("|_|", 'u'),
    ("|-|", 'h'),
    ("]-[", 'h'),
    ("}{", 'h'),
    ("|<", 'k'),
    ("|{", 'k'),
    ("\\/", 'v'),
    ("/\\", 'a'),
    ("|)", 'd'),
    ("()", 'o'),
    ("><", 'x'),
];

/// The letter a leetspeak sequence of symbols at the start of `text` draws
/// (`|<` k, `\/` v, `|\/|` m, `|-|` h, `()` o), and its length in bytes,
/// where it touches a Latin letter (`|<eylogger`, `\/irus`, `m4|_|`): the
/// character `before` it or the one right after it. Not inside a path or
/// an escaped URL (`https:\/\/`): nothing after a `:`, `/` or `\`, nor
/// before a `/` or `\`.
fn leet_letter_at(text: &[u8], before: Option<u8>) -> Option<(char, usize)> {
    if matches!(before, Some(b':' | b'/' | b'\\')) {
        return None;
    }
    let (seq, c) = LEET_SEQUENCES
        .iter()
        .find(|(seq, _)| text.starts_with(seq.as_bytes()))?;
    let after = text.get(seq.len()).copied();
    let letter = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphabetic());
    (!matches!(after, Some(b'/' | b'\\')) && (letter(before) || letter(after)))
        .then_some((*c, seq.len()))
}

/// The character an escape at the start of `text` stands for, and the
/// escape's length in bytes: a URL percent-escape of printable ASCII
/// (`%6B` → `k`, `%20` → space) or an HTML character reference (`&#107;`,
/// `&#x6B;`, `&amp;`). Disguises like `%6Beylogger` and `&#107;eylogger`
/// then read as the word they spell.
fn escape_at(text: &str) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    match bytes.first()? {
        b'%' => {
            let hex = text
                .get(1..3)
                .filter(|h| h.bytes().all(|d| d.is_ascii_hexdigit()))?;
            let b = u8::from_str_radix(hex, 16).ok()?;
            (0x20..0x7F).contains(&b).then_some((char::from(b), 3))
        }
        b'&' => {
            let end = bytes.iter().take(12).position(|&b| b == b';')?;
            let body = text.get(1..end)?;
            let c = if let Some(num) = body.strip_prefix('#') {
                let (digits, radix) = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => (hex, 16),
                    None => (num, 10),
                };
                if digits.is_empty() || !digits.chars().all(|d| d.is_digit(radix)) {
                    return None;
                }
                char::from_u32(u32::from_str_radix(digits, radix).ok()?)?
            } else {
                match body {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    "nbsp" => '\u{A0}',
                    "shy" => '\u{AD}',
                    "zwj" => '\u{200D}',
                    "zwnj" => '\u{200C}',
                    _ => return None,
                }
            };
            Some((c, end + 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_ideograph_fast_path_folds_as_the_general_path_does() {
        // `fold` reads a CJK unified ideograph without decomposing it; for
        // every one without a Chinese variant the result must be what the
        // general path gives (it would change if, say, the supplementary
        // look-alike table gained an ideograph).
        let ranges = [0x3400u32..=0x4DBF, 0x4E00..=0x9FFF, 0x20000..=0x2A6DF];
        let mut checked = 0;
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            if super::zh_variant(c).is_some() {
                continue;
            }
            let (mut fast, mut fast_len) = (['\0'; 4], 0u8);
            super::fold(c, &mut fast, &mut fast_len);
            let (mut general, mut general_len) = (['\0'; 4], 0u8);
            super::fold_general(c, &mut general, &mut general_len);
            assert_eq!(
                fast[..fast_len as usize],
                general[..general_len as usize],
                "{c} U+{:04X}",
                c as u32
            );
            checked += 1;
        }
        assert!(checked > 69_000, "{checked}");
    }

    use super::*;

    #[test]
    fn a_text_speak_short_form_reads_as_its_word_and_spans_only_itself() {
        let text = "sell ur acct, ships w/ box";
        let n = normalize(text);
        // The skeleton has no spaces; `l` reads as `i`, repeats collapse.
        assert_eq!(n.text, "seiyouracountshipswithbox");
        let at = |skeleton: &str| {
            let s = n.text.find(skeleton).unwrap_or(usize::MAX);
            let (a, b) = (&n.units[s], &n.units[s + skeleton.len() - 1]);
            &text[a.start8 as usize..b.end8 as usize]
        };
        assert_eq!(at("your"), "ur");
        assert_eq!(at("acount"), "acct");
        assert_eq!(at("with"), "w");
        // Before a possessive `'s` too.
        assert_eq!(normalize("ur gf's phone").text, "yourgirifriendsphone");
        // The expansion is one word: the words around it keep their tokens.
        assert_eq!(n.words(), ["sei", "your", "acount", "ships", "with", "box"]);
        // Normalising the skeleton's words again changes nothing.
        for w in n.words() {
            assert_eq!(normalize(&w).text, w);
            assert_eq!(normalize_part(&w), w);
        }
    }

    #[test]
    fn a_short_form_inside_a_longer_word_or_a_spelled_out_chain_stays() {
        for text in [
            "U.S. made",
            "u/someone",
            "readme.txt",
            "4ur",
            "uranium",
            "w box",
            "wu",
            "u'sx",
        ] {
            let n = normalize(text);
            assert!(!n.text.contains("you"), "{text}: {}", n.text);
            assert!(!n.text.contains("with"), "{text}: {}", n.text);
            assert!(!n.text.contains("text"), "{text}: {}", n.text);
        }
        // A part of a word (a glue word) is read as written.
        assert_eq!(normalize_part("vids"), "vids");
        assert_eq!(normalize("vids").text, "videos");
    }

    #[test]
    fn every_short_form_of_the_data_file_is_read() {
        // The table drops an entry it cannot hold (a short form of more
        // than SHORTHAND_MAX letters or digits, an expansion that is not
        // one lower-case word): the file must have none.
        #[derive(serde::Deserialize)]
        struct File {
            map: std::collections::BTreeMap<String, String>,
        }
        let file: File = serde_json::from_str(include_str!("../../../data/signals/shorthand.json"))
            .unwrap_or_else(|e| panic!("shorthand.json: {e}"));
        assert!(file.map.len() >= 30, "{}", file.map.len());
        assert_eq!(SHORTHAND.len(), file.map.len());
    }

    /// Everything a skeleton holds, comparable.
    fn dump(n: &Normalized) -> (String, String, Vec<usize>) {
        let units = format!("{:?}", n.units);
        let map = (0..=n.text.len()).map(|b| n.unit_at(b)).collect();
        (n.text.clone(), units, map)
    }

    #[test]
    fn reading_in_pieces_gives_the_skeleton_of_the_whole_text() {
        let corpus = include_str!("../../../tests/corpus/signals.jsonl");
        let texts: Vec<String> = corpus
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text")?.as_str().map(str::to_string))
            .collect();
        assert!(texts.len() > 600, "corpus not read");
        // Texts joined in ways that put cuts next to spelled-out words,
        // leetspeak chains, sentence ends and non-ASCII characters.
        let joined = [
            texts.join(" "),
            texts.join(". "),
            texts.join(" k e y "),
            texts.join(" ab 3 c "),
            texts.join("\n"),
            // Tags whose attributes look like a cut point ("ab c").
            texts.join(" <span title=\"ab cd ef gh\">k</span> "),
            // Right-to-left overrides with cut points inside.
            texts.join(" \u{202E}ab cd efg hij\u{202C} "),
            texts.join(" \u{202E}ab cd efg hij\n"),
        ];
        let mut cuts = 0;
        for text in &joined {
            let whole = dump(&normalize_in_pieces(text, usize::MAX));
            for piece in [3, 7, 64, PIECE] {
                assert_eq!(
                    dump(&normalize_in_pieces(text, piece)),
                    whole,
                    "piece {piece}"
                );
            }
            let mut at = 0;
            while at < text.len() {
                at = next_cut(text.as_bytes(), at, 7);
                cuts += 1;
            }
        }
        assert!(cuts > 1000, "the texts were not cut ({cuts} pieces)");
    }

    /// `text` read by the general path: every character decoded into an
    /// atom, and by the ASCII fast path (bytes and tables).
    fn both_paths(text: &str) -> [(String, String, Vec<usize>); 2] {
        let read = |ascii: bool| {
            let (mut out, mut words) = (Normalized::empty(), Vec::new());
            let mut emitter = Emitter::default();
            if ascii {
                let atoms = AsciiAtoms {
                    bytes: text.as_bytes(),
                    base8: 0,
                    base16: 0,
                };
                segment(&atoms, false, &mut words, &mut emitter, &mut out);
            } else {
                let mut atoms = Vec::new();
                atomize(text, 0, 0, &mut atoms);
                segment(atoms.as_slice(), false, &mut words, &mut emitter, &mut out);
            }
            dump(&out)
        };
        [read(true), read(false)]
    }

    #[test]
    fn the_ascii_fast_path_reads_like_the_general_one() {
        for text in [
            "K3YL0GG3R keeeylogger k e y l o g g e r $100 | c.r.a.c.k",
            "dat@ @ctivator r_@_r ll lL 1l!| 24/7. New sentence; x",
            "stalkerware.example threats/stalkerware a.ab-bc",
        ] {
            let [fast, general] = both_paths(text);
            assert_eq!(fast, general, "{text}");
        }
    }

    #[test]
    fn a_letter_repeated_across_a_separator_collapses_only_between_spelled_out_letters() {
        // Two words of several letters keep both letters: the term after
        // the separator starts at its own first letter.
        assert_eq!(normalize("stalkerware.example").text, "staikerwareexampie");
        assert_eq!(normalize("threats/stalkerware").text, "threatsstaikerware");
        assert_eq!(normalize("ransom-mware").text, "ransommware");
        // Spelled-out letters, and repeats inside a word, still collapse.
        assert_eq!(normalize("k e y l o g g e r").text, "keyioger");
        assert_eq!(normalize("keeeylogger").text, "keyioger");
    }

    #[test]
    fn a_doubled_cjk_character_stays_doubled() {
        // Chinese doubles a character to make a word (`天天` every day,
        // `偷偷` secretly): it is not the single character drawn out.
        assert_eq!(normalize("偷偷上传").text, "偷偷上传");
        assert_eq!(normalize("今天天气").text, "今天天气");
        assert_eq!(normalize("偷拍").text, "偷拍");
        // A Latin run still collapses beside it.
        assert_eq!(normalize("偷偷 looove").text, "偷偷iove");
    }

    #[test]
    fn latin_letters_with_a_stroke_hook_or_bar_read_as_their_base_letter() {
        assert_eq!(normalize("Ƙeylogger").text, "keyioger");
        assert_eq!(normalize("małware").text, "maiware");
        assert_eq!(
            normalize("ħentai ŧrojan ƀotnet ɍansom").text,
            "hentaitrojanbotnetransom"
        );
        assert_eq!(normalize("København").text, "kobenhavn");
    }

    #[test]
    fn a_word_that_writes_nothing_takes_no_token() {
        let tokens = |text: &str| -> Vec<u32> {
            let n = normalize(text);
            let mut seen: Vec<u32> = n.units.iter().map(|u| u.token).collect();
            seen.dedup();
            seen
        };
        // `|`, `&` and `$` alone between spaces write nothing.
        assert_eq!(tokens("coin | xmr & more $ here"), [0, 1, 2, 3]);
        assert_eq!(tokens("币种 | 门罗币"), [0, 1, 2, 3, 4]);
        // A number does: it is a word.
        assert_eq!(tokens("coin 100 xmr"), [0, 1, 2]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn the_ascii_fast_path_reads_like_the_general_one_on_any_ascii(
            text in "[a-dlLiI0-9 .!|@$_\\-\n,;?'#:\t]{0,60}"
        ) {
            // The ASCII the fast path is given: no leetspeak sequence of
            // symbols (`L|_|`), which only the general one reads.
            proptest::prop_assume!(next_special(text.as_bytes(), 0) == text.len());
            let [fast, general] = both_paths(&text);
            proptest::prop_assert_eq!(fast, general);
        }
    }

    #[test]
    fn a_skeleton_in_ascii_maps_bytes_to_units_directly() {
        // Fullwidth letters fold to ASCII: the skeleton stays ASCII.
        assert!(normalize("ｋｅｙｌｏｇｇｅｒ").ascii);
        // An ideograph does not: from it on, bytes map through the table.
        let n = normalize("trojan 木马 trojan");
        assert!(!n.ascii);
        assert_eq!(n.unit_at(n.text.find('马').unwrap_or(0)), 7);
        assert_eq!(n.unit_at(n.text.len()), n.units.len());
        let ascii = normalize("key logger");
        assert!(ascii.ascii && ascii.byte_unit.is_empty());
        assert_eq!(ascii.unit_at(3), 3);
        assert_eq!(ascii.unit_at(99), ascii.units.len());
    }

    #[test]
    fn a_unit_stays_at_28_bytes() {
        // One unit per character: a 1 MiB text holds 28 MiB of them. At 32
        // bytes, glibc's allocator hands that out fresh from the kernel on
        // every call (above its 32 MiB mmap ceiling): scanning 1 MiB texts
        // ran at half speed.
        assert!(std::mem::size_of::<Unit>() <= 28);
    }

    #[test]
    fn brackets_colons_and_dashes_end_a_clause_and_commas_do_not() {
        let clause_of = |text: &str, word: &str| {
            let n = normalize(text);
            let at = n.text.find(word).unwrap_or(usize::MAX);
            n.units.get(at).map(|u| (u.sentence, u.clause))
        };
        assert_eq!(clause_of("no signup (keygen)", "keygen"), Some((0, 1)));
        assert_eq!(clause_of("no signup: keygen", "keygen"), Some((0, 1)));
        assert_eq!(clause_of("no signup - keygen", "keygen"), Some((0, 1)));
        assert_eq!(clause_of("no signup — keygen", "keygen"), Some((0, 1)));
        assert_eq!(clause_of("no signup. Keygen", "keygen"), Some((1, 1)));
        // Lists, hyphens and spelled-out words stay in one clause.
        assert_eq!(
            clause_of("no ads, trackers or keygen", "keygen"),
            Some((0, 0))
        );
        assert_eq!(clause_of("no anti-keygen", "keygen"), Some((0, 0)));
        assert_eq!(clause_of("no k:e:y:g:e:n", "keygen"), Some((0, 0)));
    }

    #[test]
    fn html_tags_inline_join_a_word_and_others_separate() {
        assert_eq!(normalize("mal<b>ware</b>").text, "maiware");
        let n = normalize("k<SPAN class=\"x\">ey</span>");
        assert_eq!(n.text, "key");
        // The unit after the tag starts after it.
        assert_eq!(n.units[1].start16, 17);
        // A block tag is a space: a hard break between the words.
        let p = normalize("key<p>logger");
        assert_eq!(p.text, "keyioger");
        assert_eq!(p.units[3].brk, Break::Hard);
        // Not tags: a comparison, an unclosed or overlong bracket.
        assert_eq!(html_tag_at("< b"), None);
        assert_eq!(html_tag_at("<b"), None);
        assert_eq!(html_tag_at("<b<i>"), None);
        assert_eq!(html_tag_at(&format!("<a {}>", "x".repeat(MAX_TAG))), None);
        assert_eq!(html_tag_at("<br/>"), Some((5, false)));
        assert_eq!(html_tag_at("</EM>"), Some((5, true)));
        // Trademark signs are symbols, not the letters TM/SM.
        assert_eq!(normalize("keylogger™ pro").text, "keyiogerpro");
        assert_eq!(normalize("keylogger™ pro").units[8].brk, Break::Hard);
        assert!(in_tag(b"x <a title=\"ab c", 15));
        assert!(!in_tag(b"x <b>ab c", 8));
    }

    #[test]
    fn escapes_read_as_the_characters_they_stand_for() {
        assert_eq!(escape_at("%6Bey"), Some(('k', 3)));
        assert_eq!(escape_at("%20"), Some((' ', 3)));
        assert_eq!(escape_at("&#107;"), Some(('k', 6)));
        assert_eq!(escape_at("&#x6B;"), Some(('k', 6)));
        assert_eq!(escape_at("&amp;"), Some(('&', 5)));
        // Not escapes: a sign, a non-hex pair, a control byte, no `;`, an
        // unknown name, a code point beyond Unicode.
        for text in [
            "%+F",
            "%OFF",
            "%0A",
            "&#107",
            "&copy;",
            "&#x110000;",
            "&#;",
            "%",
        ] {
            assert_eq!(escape_at(text), None, "{text}");
        }
        let n = normalize("get %6Beylogger");
        assert_eq!(n.text, "getkeyioger");
        assert_eq!((n.units[3].start16, n.units[3].end16), (4, 7));
    }

    #[test]
    fn symbol_sequences_touching_a_letter_read_as_the_letter_they_draw() {
        for (text, skeleton) in [
            ("|<eylogger", "keyioger"),
            ("\\/irus", "virus"),
            ("|\\/|alware", "maiware"),
            ("/\\/\\alware", "maiware"),
            ("p()rn", "porn"),
            ("|-|entai", "hentai"),
            ("r/\\nsomware", "ransomware"),
            ("keyl0663r", "keyioger"),
        ] {
            assert_eq!(normalize(text).text, skeleton, "{text}");
        }
        // The sequence's unit spans all its symbols.
        let n = normalize("a |\\/|alware");
        assert_eq!((n.units[1].start16, n.units[1].end16), (2, 6));
        // Not touching a letter, in an escaped URL or a path: symbols.
        for (text, skeleton) in [
            ("f () x", "fx"),
            ("https:\\/\\/example.com", "htpsexampiecom"),
            ("a /\\ b", "ab"),
            ("C:\\/data", "cdata"),
        ] {
            assert_eq!(normalize(text).text, skeleton, "{text}");
        }
    }
}
