//! Characters that disguise text: bidi controls, invisible and control
//! characters (Policy listing restrictions, item 5: fraudulent content).

use super::Rule;
use crate::input::text::{is_bidi_control, is_invisible};
use crate::report::{Finding, Span};

/// What kind of suspicious character a char is, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bidi,
    Invisible,
    Control,
}

fn kind_of(c: char, multiline: bool) -> Option<Kind> {
    match c {
        c if is_bidi_control(c) => Some(Kind::Bidi),
        c if is_invisible(c) => Some(Kind::Invisible),
        '\n' | '\r' | '\t' if multiline => None,
        c if c.is_control() => Some(Kind::Control),
        _ => None,
    }
}

/// A zero-width joiner between two pictographs joins an emoji sequence: legitimate.
fn is_emoji_joiner(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let pictograph = |c: Option<char>| {
        c.is_some_and(|c| {
            c as u32 >= 0x1F000 || ('\u{2600}'..='\u{27BF}').contains(&c) || c == '\u{FE0F}'
        })
    };
    c == '\u{200D}' && pictograph(prev) && pictograph(next)
}

/// Letters of scripts whose spelling uses zero-width (non-)joiners:
/// Arabic and Persian (ZWNJ is the Persian half-space), Syriac, the
/// Indic scripts from Devanagari to Sinhala, Myanmar, Khmer, Mongolian.
fn joins_in_script(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        matches!(c,
            '\u{0600}'..='\u{06FF}' | '\u{0700}'..='\u{074F}' | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08FF}' | '\u{0900}'..='\u{0DFF}' | '\u{1000}'..='\u{109F}'
            | '\u{1780}'..='\u{18AF}' | '\u{A8E0}'..='\u{A8FF}' | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFC}')
    })
}

/// Right-to-left letters (Hebrew, Arabic and related scripts).
fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// A character [`is_invisible`] lists that is part of ordinary writing
/// here: a zero-width (non-)joiner between letters of a script that spells
/// with it, or a left-to-right/right-to-left mark in text with
/// right-to-left letters (`rtl` tells, asked only for such a mark).
fn is_writing_control(
    prev: Option<char>,
    c: char,
    next: Option<char>,
    rtl: impl FnOnce() -> bool,
) -> bool {
    match c {
        '\u{200C}' | '\u{200D}' => joins_in_script(prev) && joins_in_script(next),
        '\u{200E}' | '\u{200F}' => rtl(),
        _ => false,
    }
}

/// Reports each run of suspicious characters in every string field.
pub(super) fn check(strings: &[(String, &str)], out: &mut Vec<Finding>) {
    for (path, value) in strings {
        let multiline = matches!(path.as_str(), "/description" | "/short_description");
        scan_field(path, value, multiline, out);
    }
}

fn scan_field(path: &str, value: &str, multiline: bool, out: &mut Vec<Finding>) {
    // Printable ASCII (and line breaks and tabs where they are allowed) has
    // nothing to report: most fields, read without decoding a char.
    let plain =
        |b: &u8| (0x20..0x7F).contains(b) || (multiline && matches!(b, b'\n' | b'\r' | b'\t'));
    if value.as_bytes().iter().all(plain) {
        return;
    }
    // (utf16 offset, char) for each char, computed in one pass.
    let mut at = 0u32;
    let chars: Vec<(u32, char)> = value
        .chars()
        .map(|c| {
            let here = at;
            at += c.len_utf16() as u32;
            (here, c)
        })
        .collect();
    let total = at;
    // Whether the field has right-to-left letters: read once, and only if
    // a direction mark asks.
    let mut rtl: Option<bool> = None;
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|x| x.1);
        let kind = match kind_of(c, multiline) {
            Some(_) if is_emoji_joiner(prev, c, next) => None,
            Some(_)
                if is_writing_control(prev, c, next, || {
                    *rtl.get_or_insert_with(|| chars.iter().any(|&(_, c)| is_rtl_letter(c)))
                }) =>
            {
                None
            }
            k => k,
        };
        let Some(kind) = kind else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < chars.len() && kind_of(chars[j].1, multiline) == Some(kind) {
            j += 1;
        }
        let end = chars.get(j).map_or(total, |x| x.0);
        let codes: Vec<String> = chars[i..j.min(i + 4)]
            .iter()
            .map(|(_, c)| format!("U+{:04X}", *c as u32))
            .collect();
        let more = if j - i > 4 { ", …" } else { "" };
        let list = format!("{}{more}", codes.join(", "));
        let span = Span { start, end };
        let finding = match kind {
            Kind::Bidi => Finding::new(
                Rule::TextBidiControl,
                path,
                format!("Bidirectional control character(s) {list} reorder how this text is displayed and can disguise what it says."),
            )
            .help("Remove the bidirectional control characters; write right-to-left text without overrides."),
            Kind::Invisible => Finding::new(
                Rule::TextInvisibleCharacter,
                path,
                format!("Invisible character(s) {list} can hide or split words."),
            )
            .help("Remove the invisible characters."),
            Kind::Control => Finding::new(
                Rule::TextControlCharacter,
                path,
                format!("Control character(s) {list} do not belong in listing text."),
            )
            .help("Remove the control characters (line breaks are allowed only in descriptions)."),
        };
        out.push(finding.span(span));
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_in(value: &str, multiline: bool) -> Vec<(String, u32, u32)> {
        let mut out = Vec::new();
        scan_field("/name", value, multiline, &mut out);
        out.into_iter()
            .map(|f| {
                let s = f.span.unwrap_or(Span { start: 0, end: 0 });
                (f.rule, s.start, s.end)
            })
            .collect()
    }

    #[test]
    fn characters_table() {
        type Expected = &'static [(&'static str, u32, u32)];
        let rows: &[(&str, &str, bool, Expected)] = &[
            ("clean", "Acme Server", false, &[]),
            (
                "rlo override",
                "abc\u{202E}fdp.exe",
                false,
                &[("text/bidi-control", 3, 4)],
            ),
            (
                "zero width space",
                "mal\u{200B}ware",
                false,
                &[("text/invisible-character", 3, 4)],
            ),
            (
                "run counted once",
                "a\u{200B}\u{200B}\u{200B}b",
                false,
                &[("text/invisible-character", 1, 4)],
            ),
            ("nul", "a\u{0}b", false, &[("text/control-character", 1, 2)]),
            (
                "newline in name",
                "a\nb",
                false,
                &[("text/control-character", 1, 2)],
            ),
            ("newline in description", "a\nb", true, &[]),
            (
                "emoji zwj sequence",
                "team \u{1F468}\u{200D}\u{1F469}",
                false,
                &[],
            ),
            (
                "utf16 offsets after astral",
                "\u{1F600}\u{202E}",
                false,
                &[("text/bidi-control", 2, 3)],
            ),
        ];
        for (label, value, multiline, want) in rows {
            let got = rules_in(value, *multiline);
            let want: Vec<(String, u32, u32)> = want
                .iter()
                .map(|(r, s, e)| (r.to_string(), *s, *e))
                .collect();
            assert_eq!(got, want, "{label}");
        }
    }
}
