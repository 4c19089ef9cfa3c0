//! Countries and the region each falls in, from `data/contract/countries.json`.

use crate::policy::ruleset::{PerRuleset, Ruleset};
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

#[cfg(feature = "wasm")]
use tsify::Tsify;

use crate::rules::suggest;

const DATA: &str = include_str!("../../data/contract/countries.json");
const PLACES: &str = include_str!("../../data/contract/places.json");

/// `places.json`: states, provinces and cities written where a country is
/// asked for.
#[derive(Debug, Default, Deserialize)]
struct Places {
    places: Vec<Place>,
}

/// A state, province or city and the country it is in.
#[derive(Debug, Deserialize)]
struct Place {
    /// Its name as people write it.
    name: String,
    /// ISO 3166-1 alpha-2 code of its country.
    country: String,
}

/// The agreement's regions for the contracting-entity clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Region {
    /// "Europe" (undefined in the agreement; see the data file's note).
    Europe,
    /// The United States of America.
    Us,
    /// India.
    In,
    /// Malaysia.
    My,
    /// Any other jurisdiction.
    Other,
}

impl Region {
    /// True for the four regions the agreement names (not the residual one).
    pub fn is_named(self) -> bool {
        self != Region::Other
    }

    /// How the agreement refers to the region.
    pub fn label(self) -> &'static str {
        match self {
            Region::Europe => "Europe",
            Region::Us => "the United States of America",
            Region::In => "India",
            Region::My => "Malaysia",
            Region::Other => {
                "a jurisdiction outside Europe, the United States of America, India and Malaysia"
            }
        }
    }
}

/// One country or territory.
#[derive(Debug, Clone, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// ISO 3166-1 alpha-3 code.
    pub alpha3: String,
    /// ISO 3166-1 numeric code, three digits (`"276"`), where one is
    /// assigned (Kosovo has none).
    #[serde(default)]
    pub numeric: Option<String>,
    /// English name first, then other names and aliases (incl. Chinese).
    pub names: Vec<String>,
    /// The region it falls in under the reading used.
    pub region: Region,
    /// `clear` or `unclear`.
    pub status: String,
    /// Why it is in that region.
    pub why: String,
}

impl Country {
    /// The English name.
    pub fn name(&self) -> &str {
        self.names
            .first()
            .map_or(self.code.as_str(), String::as_str)
    }

    /// True when the region reading is genuinely unclear.
    pub fn unclear(&self) -> bool {
        self.status == "unclear"
    }
}

#[derive(Debug, Default, Deserialize)]
struct Table {
    countries: Vec<Country>,
    /// Words of official long forms ("Republic of", "Kingdom of") a name
    /// may start with.
    #[serde(default)]
    official_forms: Vec<String>,
    /// Names of regions and groups of countries (`Europe`, `EU`, `APAC`):
    /// not an answer to "which country".
    #[serde(default)]
    regions: Vec<String>,
    /// Countries that no longer exist and split into several.
    #[serde(default)]
    former: Vec<Former>,
}

/// A country that no longer exists and split into several ("USSR",
/// "Yugoslavia"): no answer to "which country", since its successors fall
/// under different entities; the user is asked for today's country.
#[derive(Debug, Clone, Deserialize)]
pub struct Former {
    /// Its names and former ISO 3166-1 code.
    pub names: Vec<String>,
    /// When it ceased to exist, as the table writes it ("1991").
    pub until: String,
    /// Alpha-2 codes of the countries that are its territory today.
    pub now: Vec<String>,
}

struct Index {
    countries: Vec<Country>,
    /// Alpha-2, alpha-3 and numeric codes, upper case (exact: `AL` is not
    /// `AI`).
    by_code: HashMap<String, usize>,
    /// The name index, built on the first lookup a code does not answer
    /// (most inputs are codes: normalising some 2,000 names and places
    /// is most of a first check's work otherwise).
    names: OnceLock<Names>,
    /// Region names as the table has them.
    region_names: Vec<String>,
    /// Official long forms as the table has them.
    official_form_names: Vec<String>,
    /// Former countries as the table has them.
    former: Vec<Former>,
    /// The ruleset whose places file the name index reads.
    rs: Ruleset,
    /// The [`words`] of every table name of two words or more (and its
    /// reading-order form), with its country: built on the first input of
    /// several words that no name answers whole (most inputs are a code or
    /// a name, and splitting every name into keyed words is most of the
    /// name index's cost).
    word_sets: OnceLock<Vec<(usize, Vec<String>)>>,
}

/// The name side of [`Index`].
struct Names {
    /// Names by [`key`].
    by_key: HashMap<String, usize>,
    /// Places whose name is a country's (the US state of Georgia), by key:
    /// the countries they are in.
    shadowed: HashMap<String, Vec<usize>>,
    /// Keys of official long forms, each ending in a space.
    official_forms: Vec<String>,
    /// Keys of region names.
    regions: Vec<String>,
}

/// The lookup key of a code or name: its signal-engine skeleton (case,
/// diacritics, look-alike letters, traditional Chinese characters, spaces,
/// dots, hyphens and apostrophes folded away: `Turkiye`, `CÔTE D’IVOIRE`,
/// `u.s.a`, `美國`), without a leading "the" and with `&` read as "and".
/// Names and input go through the same function; a test checks no two
/// countries share a key.
fn key(s: &str) -> String {
    let lower = suggest::fold(&s.replace('&', " and ").replace('.', ". "));
    let words: Vec<&str> = lower
        .split(' ')
        .filter(|w| *w != "the")
        .map(|w| match w {
            "st" | "st." => "saint",
            "ste" | "ste." => "sainte",
            w => w,
        })
        .collect();
    // Into the normaliser's reused buffers: the name index keys some
    // 4,000 names and places.
    crate::signals::normalize::Normalized::with(&words.join(" "), |n| n.text.clone())
}

/// The words of a name or input, each as its [`key`], in order and
/// without "the", "of" and "and", the abbreviations of the World Bank's and
/// other lists written out ("Congo, Dem. Rep.": congo, democratic,
/// republic; "Macao SAR": macao, special, administrative, region; "U.S.",
/// "USA": united, states).
fn words(s: &str) -> Vec<String> {
    let folded = suggest::fold(&s.replace('&', " and "));
    // Initials written with stops ("U.S.") are one word.
    let mut joined: Vec<String> = Vec::new();
    let mut initials = false;
    for word in folded.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        let initial = word.chars().count() == 1;
        match joined.last_mut() {
            Some(last) if initial && initials => last.push_str(word),
            _ => joined.push(word.to_string()),
        }
        initials = initial;
    }
    let mut out = Vec::new();
    for word in &joined {
        match written_out(word) {
            Some(expanded) => out.extend(expanded.iter().map(|w| key(w))),
            None => out.push(key(word)),
        }
    }
    out.retain(|w| !w.is_empty());
    out
}

/// The words an abbreviation or a filler word of a (lower-case) name stands
/// for in [`words`]: "usa" is united states, "rep" republic, "n" north,
/// "the" none.
fn written_out(word: &str) -> Option<&'static [&'static str]> {
    Some(match word {
        "us" | "usa" => &["united", "states"],
        "uk" => &["united", "kingdom"],
        "" | "the" | "of" | "and" => &[],
        "st" => &["saint"],
        "ste" => &["sainte"],
        // Compass points abbreviated ("N. Korea", "S. Sudan", "E. Timor").
        "n" => &["north"],
        "s" => &["south"],
        "e" => &["east"],
        "w" => &["west"],
        "rep" => &["republic"],
        "dem" => &["democratic"],
        "fed" => &["federated"],
        "sts" => &["states"],
        "is" | "isl" => &["islands"],
        "sar" => &["special", "administrative", "region"],
        "pdr" => &["people's", "democratic", "republic"],
        _ => return None,
    })
}

/// The names a table entry answers to (besides its codes, which match
/// exactly): its names and aliases, and each ISO name written "Korea,
/// Republic of" also in reading order ("Republic of Korea", "U.S. Virgin
/// Islands").
fn names_of(c: &Country) -> impl Iterator<Item = String> + '_ {
    let inverted = c.names.iter().filter_map(|n| {
        let (head, tail) = n.split_once(", ")?;
        Some(format!("{tail} {head}"))
    });
    c.names.iter().cloned().chain(inverted)
}

/// Shorter forms people write for a name: without a bracketed part
/// ("Holy See (Vatican City State)": "Holy See", "Vatican City State"; not
/// "French part"), each side of an "and" ("Trinidad and Tobago": "Trinidad",
/// "Tobago"), and "X Islands" as "X" and "Xs" ("Cayman", "Falklands").
/// Only forms one country answers to are used (see the index).
fn short_forms(name: &str) -> Vec<String> {
    let mut forms = Vec::new();
    let mut bases = vec![name.to_string()];
    if let (Some(open), Some(close)) = (name.find('('), name.rfind(')')) {
        if open < close {
            let outer = format!("{}{}", &name[..open], &name[close + 1..]);
            let inner = &name[open + 1..close];
            bases = vec![outer.trim().to_string()];
            if !inner.to_lowercase().ends_with(" part") {
                bases.push(inner.trim().to_string());
            }
            forms.extend(bases.iter().cloned());
        }
    }
    for base in bases {
        if let Some((a, b)) = base.split_once(" and ") {
            for side in [a, b] {
                let side = side.trim();
                if side.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                    forms.push(side.to_string());
                }
            }
        }
        for form in forms.clone().into_iter().chain([base.clone()]) {
            if let Some(stem) = form.strip_suffix(" Islands") {
                if stem.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                    forms.push(stem.to_string());
                    forms.push(format!("{stem}s"));
                }
            }
        }
    }
    forms
}

static INDEX: PerRuleset<Index> = PerRuleset::new(|rs| {
    let table: Table =
        serde_json::from_str(rs.file("contract/countries.json", DATA)).unwrap_or_default();
    let mut by_code = HashMap::new();
    for (i, c) in table.countries.iter().enumerate() {
        for code in [Some(&c.code), Some(&c.alpha3), c.numeric.as_ref()]
            .into_iter()
            .flatten()
        {
            by_code.entry(code.to_uppercase()).or_insert(i);
        }
    }
    Index {
        countries: table.countries,
        by_code,
        names: OnceLock::new(),
        region_names: table.regions,
        official_form_names: table.official_forms,
        former: table.former,
        rs,
        word_sets: OnceLock::new(),
    }
});

impl Index {
    /// The name index, built on first use.
    fn names(&self) -> &Names {
        self.names.get_or_init(|| self.build_names())
    }

    fn build_names(&self) -> Names {
        let (countries, by_code, rs) = (&self.countries, &self.by_code, self.rs);
        let mut by_key = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            for name in names_of(c) {
                by_key.entry(key(&name)).or_insert(i);
            }
        }
        // Shorter forms of the names, where only one country answers to them and
        // no table name does: "Falkland Islands" (ISO: "… (Malvinas)"),
        // "Trinidad", "St Vincent", "Cayman", "Falklands".
        let mut derived: HashMap<String, Option<usize>> = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            for name in c.names.iter().flat_map(|n| short_forms(n)) {
                let k = key(&name);
                if k.is_empty() || by_key.contains_key(&k) {
                    continue;
                }
                derived
                    .entry(k)
                    .and_modify(|e| {
                        if *e != Some(i) {
                            *e = None;
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        for (k, i) in derived {
            if let Some(i) = i {
                by_key.insert(k, i);
            }
        }
        // States, provinces and cities ("California", "Bavaria", "浙江省"): read
        // as their country, never in place of a country's own name ("Georgia").
        let places: Places =
            serde_json::from_str(rs.file("contract/places.json", PLACES)).unwrap_or_default();
        let mut shadowed: HashMap<String, Vec<usize>> = HashMap::new();
        for place in &places.places {
            if let Some(&i) = by_code.get(&place.country) {
                let k = key(&place.name);
                match by_key.get(&k) {
                    Some(&other) if other != i => shadowed.entry(k).or_default().push(i),
                    Some(_) => {}
                    None => {
                        by_key.insert(k, i);
                    }
                }
            }
        }
        Names {
            by_key,
            shadowed,
            official_forms: self
                .official_form_names
                .iter()
                .map(|f| suggest::fold(f) + " ")
                .collect(),
            regions: self.region_names.iter().map(|r| key(r)).collect(),
        }
    }

    /// The countries one of whose names has every word of the input (of
    /// two words or more): "Congo, Dem. Rep." (only the Democratic Republic
    /// of the Congo's), "Korea (North)", "Guinea, Equatorial". Empty when
    /// no name has them all ("Berlin, Germany").
    fn named_by_words(&self, input: &str) -> Vec<usize> {
        let mut wanted = words(input);
        wanted.sort_unstable();
        wanted.dedup();
        let mut found: Vec<usize> = Vec::new();
        if wanted.len() < 2 {
            return found;
        }
        // Two different words are never all in a name of one word: only
        // names that may split into several are read into words.
        let word_sets = self.word_sets.get_or_init(|| {
            self.countries
                .iter()
                .enumerate()
                .flat_map(|(i, c)| names_of(c).map(move |n| (i, n)))
                .filter(|(_, n)| {
                    n.contains(|c: char| !c.is_alphanumeric())
                        || written_out(&n.to_lowercase()).is_some_and(|w| w.len() > 1)
                })
                .map(|(i, n)| (i, words(&n)))
                .collect()
        });
        for (i, name) in word_sets {
            if !found.contains(i) && wanted.iter().all(|w| name.contains(w)) {
                found.push(*i);
            }
        }
        found
    }

    /// A code (if `codes`, in any case) or a name, also without an official
    /// long form before it ("Federation of Malaysia").
    fn find(&self, input: &str, codes: bool) -> Option<usize> {
        if codes {
            if let Some(&i) = self.by_code.get(&input.trim().to_uppercase()) {
                return Some(i);
            }
        }
        let names = self.names();
        if let Some(&i) = names.by_key.get(&key(input)) {
            return Some(i);
        }
        let folded = suggest::fold(input);
        let folded = folded.strip_prefix("the ").unwrap_or(&folded);
        names
            .official_forms
            .iter()
            .find_map(|form| folded.strip_prefix(form.as_str()))
            .and_then(|rest| names.by_key.get(&key(rest)).copied())
    }

    /// Several forms of one name given together ("Deutschland (Germany)",
    /// "Germany / Deutschland", "Berlin, Germany"): the country the parts
    /// that name countries agree on. Where they disagree, an address ends
    /// in its country: the last part's country if more parts name it than
    /// any other, a place named like a country counting for both ("Atlanta,
    /// Georgia, USA" is the United States); a tie is not guessed
    /// ("Singapore, Malaysia", "USA / Canada" stay unknown, and the user is
    /// asked). Codes do not count
    /// here: in an address they are more often a state's ("Springfield,
    /// IN", "Dover, DE").
    ///
    /// First, the parts' words together may be one country's name in
    /// another order, where a part alone names another country or none:
    /// "Congo, Dem. Rep." is not the Congo, "Korea (North)" not South
    /// Korea, "Dem. Rep. Congo" the DR Congo. That country is the answer
    /// when it is the only one; when several names have the words and none
    /// is a part's own country ("Korea, Rep." is South Korea's, though
    /// North Korea's name has the words too), nothing is guessed.
    fn find_in_parts(&self, input: &str) -> Option<usize> {
        let parts: Vec<(usize, String)> = input
            .split(['(', ')', '/', ',', ';', '（', '）', '，'])
            .filter(|part| !part.trim().is_empty())
            .flat_map(|part| match self.find(part, false) {
                Some(i) => vec![(i, part.to_string())],
                None => self.names_in_words(part).unwrap_or_default(),
            })
            .collect();
        match self.named_by_words(input).as_slice() {
            [] => {}
            [one] => return Some(*one),
            several if !parts.iter().any(|(i, _)| several.contains(i)) => return None,
            _ => {}
        }
        let &(last, _) = parts.last()?;
        if parts.iter().all(|&(i, _)| i == last) {
            return Some(last);
        }
        // A part names a country, and may also be a place in another one
        // (Georgia): it counts for both.
        let names = |part: &str, country: usize| {
            self.names()
                .shadowed
                .get(&key(part))
                .is_some_and(|places| places.contains(&country))
        };
        let votes = |c: usize| {
            parts
                .iter()
                .filter(|(i, part)| *i == c || names(part, c))
                .count()
        };
        // One country every part names, as a country or a place in it
        // ("Atlanta, Georgia": the US state, not the country).
        let mut everywhere: Vec<usize> = parts
            .iter()
            .map(|(i, _)| *i)
            .filter(|&c| votes(c) == parts.len())
            .collect();
        everywhere.sort_unstable();
        everywhere.dedup();
        if let [c] = everywhere[..] {
            return Some(c);
        }
        parts
            .iter()
            .all(|&(i, _)| i == last || votes(i) < votes(last))
            .then_some(last)
    }

    /// A part written as several names one after another without commas
    /// ("Munich Germany", "Kuala Lumpur Malaysia", "Sydney NSW"): the
    /// fewest names (of countries or places, not codes: "Paris TX" is not
    /// read) that are together every word of the part, in order, each
    /// with its country; `None` when the words cannot all be read so.
    fn names_in_words(&self, part: &str) -> Option<Vec<(usize, String)>> {
        let all: Vec<&str> = part
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect();
        if all.len() < 2 || all.len() > MAX_ADDRESS_WORDS {
            return None;
        }
        // A code in capitals among the names ("MY - Malaysia", "Munich DE")
        // does not count as a name, but it must agree with one: "Atlanta
        // GA" (Gabon's code, a US state's abbreviation) is not guessed.
        let code_of = |w: &str| {
            let upper = (2..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase());
            upper
                .then(|| self.by_code.get(w).copied())
                .flatten()
                .filter(|_| self.find(w, false).is_none())
        };
        let (mut codes, mut words) = (Vec::new(), Vec::new());
        for w in all {
            match code_of(w) {
                Some(code) => codes.push(code),
                None => words.push(w),
            }
        }
        if words.is_empty() {
            return None;
        }
        // best[j]: the fewest names that read the first j words, and where
        // the last of them starts.
        let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; words.len() + 1];
        best[0] = Some((0, 0, usize::MAX));
        for end in 1..=words.len() {
            for start in end.saturating_sub(MAX_NAME_WORDS)..end {
                let Some((count, _, _)) = best[start] else {
                    continue;
                };
                if best[end].is_some_and(|(c, _, _)| c <= count + 1) {
                    continue;
                }
                if let Some(i) = self.find(&words[start..end].join(" "), false) {
                    best[end] = Some((count + 1, start, i));
                }
            }
        }
        let mut names = Vec::new();
        let mut end = words.len();
        while end > 0 {
            let (_, start, i) = best[end]?;
            names.push((i, words[start..end].join(" ")));
            end = start;
        }
        names.reverse();
        codes
            .iter()
            .all(|code| names.iter().any(|(i, _)| i == code))
            .then_some(names)
    }

    /// The country of an ISO 3166-2 subdivision code (`US-CA`, `IN-KA`,
    /// `MY-10`): its first two letters, when they are a country's alpha-2
    /// code and one to three letters or digits follow the hyphen.
    fn find_subdivision_code(&self, input: &str) -> Option<usize> {
        let (country, sub) = input.trim().split_once('-')?;
        let alnum = |s: &str, range: std::ops::RangeInclusive<usize>| {
            range.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
        };
        if !alnum(country, 2..=2)
            || !alnum(sub, 1..=3)
            || country.bytes().any(|b| b.is_ascii_digit())
        {
            return None;
        }
        self.by_code.get(&country.to_ascii_uppercase()).copied()
    }
}

/// Most words of an input read as names one after another
/// ([`Index::names_in_words`]); a longer one is not an address line.
const MAX_ADDRESS_WORDS: usize = 12;

/// Most words of one country's or place's name ("Saint Vincent and the
/// Grenadines" has five).
const MAX_NAME_WORDS: usize = 7;

/// Whether the input names a region or group of countries (`Europe`,
/// `EU`, `APAC`) rather than a country, in the latest ruleset's table.
pub fn is_region(input: &str) -> bool {
    is_region_in(Ruleset::latest(), input)
}

/// [`is_region`] in one ruleset version's table.
pub fn is_region_in(rs: Ruleset, input: &str) -> bool {
    INDEX.get(rs).names().regions.contains(&key(input))
}

/// The former country the input names ("USSR", "Yugoslavia", "Netherlands
/// Antilles"), with its successors' table entries, in one ruleset
/// version's table.
pub fn former_in(rs: Ruleset, input: &str) -> Option<(&'static Former, Vec<&'static Country>)> {
    let index = INDEX.get(rs);
    let wanted = key(input);
    let former = index
        .former
        .iter()
        .find(|f| f.names.iter().any(|n| key(n) == wanted))?;
    let now = former
        .now
        .iter()
        .filter_map(|code| index.by_code.get(code).map(|&i| &index.countries[i]))
        .collect();
    Some((former, now))
}

/// Every country in the latest ruleset's table.
pub fn all() -> &'static [Country] {
    &INDEX.get(Ruleset::latest()).countries
}

/// Looks a country up by alpha-2/alpha-3/numeric code or by name/alias (English,
/// Chinese, common forms), ignoring case, dots and surrounding space.
///
/// # Errors
/// An unknown country: the error carries up to three close names.
pub fn lookup(input: &str) -> Result<&'static Country, Vec<&'static str>> {
    lookup_in(Ruleset::latest(), input)
}

/// [`lookup`] in one ruleset version's table.
///
/// # Errors
/// An unknown country: the error carries up to three close names.
pub fn lookup_in(rs: Ruleset, input: &str) -> Result<&'static Country, Vec<&'static str>> {
    let index = INDEX.get(rs);
    // The input as written; without emoji flags beside a name ("🇩🇪
    // Germany"); and what follows a label ("Country: Germany", "Residence:
    // US"), read as a whole input of its own.
    let found = index
        .find_whole(input)
        .or_else(|| flag_code(input).and_then(|code| index.by_code.get(&code).copied()))
        .or_else(|| {
            let unflagged = without_flags(input);
            (unflagged.trim() != input.trim() && !unflagged.trim().is_empty())
                .then(|| index.find_whole(&unflagged))
                .flatten()
        })
        .or_else(|| {
            let (label, value) = input.split_once(':')?;
            let value = value.trim();
            (index.find(label, false).is_none() && !value.is_empty())
                .then(|| index.find_whole(value))
                .flatten()
        });
    if let Some(i) = found {
        return Ok(&index.countries[i]);
    }
    let names = index
        .countries
        .iter()
        .flat_map(|c| c.names.iter().map(String::as_str));
    // Each suggested country by its English name, once ("Germny": Germany,
    // not also its Italian "Germania").
    let mut near: Vec<&'static str> = Vec::new();
    for name in suggest::closest(input, names, 12) {
        let country = index
            .countries
            .iter()
            .find(|c| c.names.iter().any(|n| n == name));
        if let Some(english) = country.map(Country::name) {
            if !near.contains(&english) && near.len() < 3 {
                near.push(english);
            }
        }
    }
    Err(near)
}

impl Index {
    /// A country for a whole input: a code, a locale (`en_US`), a
    /// subdivision code, a name, the parts of an address, and the same
    /// without postal codes and house numbers.
    fn find_whole(&self, input: &str) -> Option<usize> {
        // Postal codes and house numbers left in ("Singapore 018989", "10115
        // Berlin, Germany") are not part of any name.
        let without_numbers = || -> String {
            input
                .split(' ')
                .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        self.find(input, true)
            .or_else(|| self.find_locale(input))
            .or_else(|| self.find_subdivision_code(input))
            .or_else(|| self.find_in_parts(input))
            .or_else(|| {
                let rest = without_numbers();
                (rest != input)
                    .then(|| {
                        self.find(&rest, false)
                            .or_else(|| self.find_in_parts(&rest))
                    })
                    .flatten()
            })
    }

    /// The region of a locale tag (`en_US`, `de-AT`, `ms-MY`): a language
    /// of two or three lower-case letters, then `-` or `_` and the region's
    /// alpha-2 code in capitals.
    fn find_locale(&self, input: &str) -> Option<usize> {
        let (language, region) = input.trim().split_once(['-', '_'])?;
        let lower =
            (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_lowercase());
        let upper = region.len() == 2 && region.bytes().all(|b| b.is_ascii_uppercase());
        (lower && upper)
            .then(|| self.by_code.get(region).copied())
            .flatten()
    }
}

/// The alpha-2 code an emoji flag spells (🇩🇪: two regional indicator
/// symbols, D and E), when the input is one flag.
fn flag_code(input: &str) -> Option<String> {
    let letters = input
        .trim()
        .chars()
        .map(regional_indicator)
        .collect::<Option<String>>()?;
    (letters.len() == 2).then_some(letters)
}

/// The capital letter a regional indicator symbol stands for.
fn regional_indicator(c: char) -> Option<char> {
    let offset = (c as u32).checked_sub(0x1F1E6).filter(|o| *o < 26)?;
    char::from_u32(u32::from(b'A') + offset)
}

/// The input without regional indicator symbols (emoji flags).
fn without_flags(input: &str) -> String {
    input
        .chars()
        .filter(|&c| regional_indicator(c).is_none())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts each input reads as its country's alpha-2 code.
    fn assert_reads(rows: &[(&str, &str)]) {
        for (input, want) in rows {
            assert_eq!(lookup(input).map(|c| c.code.as_str()), Ok(*want), "{input}");
        }
    }

    /// Asserts no input reads as a country.
    fn assert_unread(inputs: &[&str]) {
        for input in inputs {
            assert!(lookup(input).is_err(), "{input}");
        }
    }

    #[test]
    fn compass_points_may_be_abbreviated() {
        assert_reads(&[
            ("N. Korea", "KP"),
            ("S. Korea", "KR"),
            ("S Korea", "KR"),
            ("S. Sudan", "SS"),
            ("E. Timor", "TL"),
            ("N. Macedonia", "MK"),
            ("S. Africa", "ZA"),
        ]);
        // A lone letter is no country.
        assert_unread(&["N.", "S"]);
    }

    #[test]
    fn no_two_countries_share_a_lookup_key() {
        let mut seen: HashMap<String, (&str, String)> = HashMap::new();
        for c in all() {
            for name in names_of(c) {
                let k = key(&name);
                assert!(!k.is_empty(), "{name:?} has an empty key");
                if let Some((code, other)) = seen.insert(k.clone(), (&c.code, name.clone())) {
                    assert_eq!(code, c.code, "{name:?} and {other:?} share the key {k:?}");
                }
            }
        }
    }

    #[test]
    fn lookup_table() {
        let rows: &[(&str, &str, &str)] = &[
            ("alpha-2", "DE", "DE"),
            ("alpha-2 lowercase", "de", "DE"),
            ("alpha-3", "DEU", "DE"),
            ("numeric", "276", "DE"),
            ("numeric malaysia", " 458 ", "MY"),
            ("numeric india", "356", "IN"),
            ("numeric with its leading zero", "040", "AT"),
            ("english", "Germany", "DE"),
            ("native", "Deutschland", "DE"),
            ("chinese", "德国", "DE"),
            ("uk alias", "UK", "GB"),
            ("united kingdom", "united kingdom", "GB"),
            ("usa dotted", "U.S.A.", "US"),
            ("korea", "South Korea", "KR"),
            ("turkiye", "Türkiye", "TR"),
            ("kosovo", "XK", "XK"),
            ("hong kong chinese", "香港", "HK"),
            ("space padded", "  fr ", "FR"),
        ];
        for (label, input, want) in rows {
            assert_eq!(lookup(input).map(|c| c.code.as_str()), Ok(*want), "{label}");
        }
        assert!(lookup("Atlantis").is_err());
        // Spellings the table does not list, read through the key.
        for (input, want) in [
            ("Turkiye", "TR"),
            ("TÜRKİYE", "TR"),
            ("Cote d'Ivoire", "CI"),
            ("CÔTE D’IVOIRE", "CI"),
            ("Curacao", "CW"),
            ("Aland Islands", "AX"),
            ("Reunion", "RE"),
            ("US Virgin Islands", "VI"),
            ("Republic of Moldova", "MD"),
            ("Bosnia & Herzegovina", "BA"),
            ("The Netherlands", "NL"),
            ("u.s.a", "US"),
            ("美國", "US"),
            ("Ｊａｐａｎ", "JP"),
            // Parts of a country people give as where they live.
            ("Canary Islands", "ES"),
            ("Sarawak", "MY"),
            ("中国香港", "HK"),
        ] {
            assert_eq!(lookup(input).map(|c| c.code.as_str()), Ok(want), "{input}");
        }
        assert_eq!(
            lookup("Germny").err().and_then(|s| s.first().copied()),
            Some("Germany")
        );
    }

    #[test]
    fn an_address_reads_as_the_country_most_of_its_parts_name() {
        let code = |s: &str| lookup(s).map(|c| c.code.as_str()).ok();
        assert_eq!(code("Atlanta, Georgia, USA"), Some("US"));
        assert_eq!(code("Georgia, USA"), Some("US"));
        assert_eq!(code("Tbilisi, Georgia"), Some("GE"));
        assert_eq!(code("Georgia"), Some("GE"));
        assert_eq!(code("Munich, Bavaria, Germany"), Some("DE"));
        // Postal codes and house numbers are not names.
        assert_eq!(code("Singapore 018989"), Some("SG"));
        assert_eq!(code("Kuala Lumpur 50450"), Some("MY"));
        assert_eq!(code("Saint Petersburg, Florida, USA"), Some("US"));
        assert_eq!(code("新加坡共和国"), Some("SG"));
        assert_eq!(code("Oslo"), Some("NO"));
        // A tie is not guessed.
        assert_eq!(code("Singapore, Malaysia"), None);
        assert_eq!(code("USA / Canada"), None);
        // Nor a last part outvoted.
        assert_eq!(code("Berlin, Bavaria, USA"), None);
    }

    #[test]
    fn names_written_one_after_another_without_commas_are_read_as_parts() {
        assert_reads(&[
            ("Munich Germany", "DE"),
            ("Kuala Lumpur Malaysia", "MY"),
            ("Berlin Germany 10115", "DE"),
            ("London UK", "GB"),
            ("Mountain View California USA", "US"),
            ("Sydney NSW 2000", "AU"),
            ("Melbourne VIC 3000", "AU"),
            ("Atlanta Georgia", "US"),
            // The longest name wins: New South Wales, not New + South Wales.
            ("Parramatta New South Wales", "AU"),
            // A code in capitals that agrees with a name beside it.
            ("MY - Malaysia", "MY"),
            ("Munich DE", "DE"),
            ("Singapore SG 018989", "SG"),
        ]);
        // Every word must be a name (codes do not count: "TX" may be a
        // state's), and names that disagree are not guessed.
        assert_unread(&[
            "Paris TX",
            "Toronto ON",
            "Springfield Anytown",
            "Singapore Malaysia",
            // A code that disagrees: Gabon's GA beside a US city.
            "Atlanta GA",
            "London CA",
        ]);
    }

    #[test]
    fn an_iso_3166_2_subdivision_code_reads_as_its_country() {
        assert_reads(&[
            ("US-CA", "US"),
            ("in-ka", "IN"),
            ("MY-10", "MY"),
            ("SG-01", "SG"),
        ]);
        assert_unread(&["ZZ-CA", "US-CALI", "1A-CA", "-CA"]);
    }

    #[test]
    fn flags_locales_and_labelled_values_read_as_their_country() {
        assert_reads(&[
            ("🇩🇪", "DE"),
            ("🇲🇾", "MY"),
            ("🇩🇪 Germany", "DE"),
            ("Country: Germany", "DE"),
            ("Residence: US", "US"),
            ("en_US", "US"),
            ("en-US", "US"),
            // A locale's region, not its language: German as spoken in Austria.
            ("de-AT", "AT"),
            ("ms_MY", "MY"),
            ("Malaysia (MY)", "MY"),
        ]);
        assert_unread(&["🇿🇿", ":", "Country:", "xx_YY"]);
    }

    #[test]
    fn no_name_reads_as_another_countrys_code() {
        // Vietnamese 'Mỹ' (the United States) folds to 'my', Malaysia's
        // code: the translation is left out of the table.
        for c in all() {
            for name in names_of(c) {
                let k = key(&name);
                if let Some(&i) = INDEX.get(Ruleset::latest()).by_code.get(&k.to_uppercase()) {
                    assert_eq!(
                        all()[i].code,
                        c.code,
                        "{name:?} of {} reads as the code of {}",
                        c.code,
                        all()[i].code
                    );
                }
            }
        }
    }

    #[test]
    fn an_unknown_country_is_suggested_by_its_english_name_even_in_a_huge_input() {
        // Each country once, by its English name, not by a translation.
        let near = lookup("Germny").err().unwrap_or_default();
        assert_eq!(near.first().copied(), Some("Germany"));
        assert!(!near.contains(&"Germania"), "{near:?}");
        // Half a megabyte: the suggestion reads the first characters only
        // (the edit distance of the whole against every name took minutes).
        let huge = format!("Germany {}", "x".repeat(500_000));
        let near = lookup(&huge).err().unwrap_or_default();
        assert_eq!(near.first().copied(), Some("Germany"));
    }

    #[test]
    fn names_in_other_languages_read_as_the_country() {
        assert_reads(&[
            ("Alemania", "DE"),
            ("Allemagne", "DE"),
            ("Estados Unidos", "US"),
            ("États-Unis", "US"),
            ("Vereinigte Staaten", "US"),
            ("Reino Unido", "GB"),
            ("Malaisie", "MY"),
            ("Inde", "IN"),
            ("Singapur", "SG"),
            ("Ucrânia", "UA"),
            ("Hindistan", "IN"),
            ("Ấn Độ", "IN"),
            ("Amerika Syarikat", "US"),
        ]);
    }

    #[test]
    fn a_state_province_or_city_reads_as_its_country() {
        let code = |s: &str| lookup(s).map(|c| c.code.as_str()).ok();
        for (place, country) in [
            ("California", "US"),
            ("new york", "US"),
            ("Austin, Texas", "US"),
            ("Kuala Lumpur", "MY"),
            ("Penang", "MY"),
            ("吉隆坡", "MY"),
            ("Bengaluru", "IN"),
            ("Maharashtra", "IN"),
            ("New South Wales", "AU"),
            ("浙江省", "CN"),
            ("Guangdong", "CN"),
            ("Dubai", "AE"),
            ("Bavaria", "DE"),
            ("Munich, Bavaria, Germany", "DE"),
            ("Ontario", "CA"),
        ] {
            assert_eq!(code(place), Some(country), "{place}");
        }
        // A country's own name is never read as a place: Georgia is the
        // country. Names of places in two countries are not guessed:
        // Punjab (India, Pakistan), Perth (Australia, Scotland), Victoria.
        assert_eq!(code("Georgia"), Some("GE"));
        for ambiguous in ["Punjab", "Perth", "Victoria"] {
            assert_eq!(code(ambiguous), None, "{ambiguous}");
        }
    }

    #[test]
    fn every_place_is_in_a_known_country() {
        let places: Places = serde_json::from_str(PLACES).expect("places.json");
        assert!(places.places.len() > 300);
        for place in &places.places {
            assert!(all().iter().any(|c| c.code == place.country), "{place:?}");
            assert!(!key(&place.name).is_empty(), "{place:?}");
        }
    }

    #[test]
    fn official_long_forms_abbreviations_and_several_forms_together() {
        for (input, want) in [
            ("Federation of Malaysia", "MY"),
            ("Kingdom of the Netherlands", "NL"),
            ("Republic of Ireland", "IE"),
            ("Republic of Sudan", "SD"),
            ("Republic of the Congo", "CG"),
            ("Democratic Republic of Congo", "CD"),
            // An alias wins over the long-form reading (not China).
            ("Republic of China", "TW"),
            ("St. Lucia", "LC"),
            ("St Kitts and Nevis", "KN"),
            ("Deutschland (Germany)", "DE"),
            ("Germany / DE", "DE"),
            // Shorter forms of ISO names, where only one country has them.
            ("Falkland Islands", "FK"),
            ("Falklands", "FK"),
            ("Vatican City State", "VA"),
            ("Saint Martin", "MF"),
            ("Sint Maarten", "SX"),
            ("Trinidad", "TT"),
            ("Tobago", "TT"),
            ("St Vincent", "VC"),
            ("Antigua", "AG"),
            ("Cayman", "KY"),
            ("Nevis", "KN"),
            // Endonyms and other common forms.
            ("België", "BE"),
            ("Lëtzebuerg", "LU"),
            ("Magyarország", "HU"),
            ("Ελλάδα", "GR"),
            ("EL", "GR"),
            ("Россия", "RU"),
            ("BVI", "VG"),
            ("Berlin, Germany", "DE"),
            // World Bank and other lists' forms: the words together name
            // one country, not the one a part names by itself.
            ("Congo, Dem. Rep.", "CD"),
            ("Congo, Rep.", "CG"),
            ("Dem. Rep. Congo", "CD"),
            ("Korea, Dem. People's Rep.", "KP"),
            ("Korea, Rep.", "KR"),
            ("Korea (North)", "KP"),
            ("Korea, South", "KR"),
            ("Guinea, Equatorial", "GQ"),
            ("Sudan, South", "SS"),
            ("Ireland, Northern", "GB"),
            ("Macao SAR, China", "MO"),
            ("Hong Kong SAR, China", "HK"),
            ("Taiwan, China", "TW"),
            ("Micronesia, Fed. Sts.", "FM"),
            ("Samoa, American", "AS"),
            ("Saint Helena", "SH"),
            ("Virgin Islands (USA)", "VI"),
            ("Virgin Islands (U.S.)", "VI"),
            ("Virgin Islands (UK)", "VG"),
            // A city and a state named like a country.
            ("Atlanta, Georgia", "US"),
            ("Tbilisi, Georgia", "GE"),
        ] {
            assert_eq!(lookup(input).map(|c| c.code.as_str()), Ok(want), "{input}");
        }
        // Two countries, or a state code in an address: not guessed. ("Georgia,
        // USA" is: the US state of Georgia; see
        // an_address_reads_as_the_country_most_of_its_parts_name.)
        for input in [
            "Germany, USA",
            "Springfield, IN",
            "Dover, DE",
            "Made in Germany",
            // A shorter form two countries share (British and US).
            "Virgin Islands",
            "Virgin",
            // Words several countries' names share, none a part's own.
            "Islamic Republic",
            "Democratic Republic",
        ] {
            assert!(lookup(input).is_err(), "{input}");
        }
        for input in ["Europe", "EU", "APAC", "欧盟", "the European Union"] {
            assert!(is_region(input) && lookup(input).is_err(), "{input}");
        }
        assert!(!is_region("Germany"));
    }
}
