//! Small text helpers shared by the parser and the rules.

/// UTF-16 length of `text[..byte]`: converts a byte offset into the unit
/// JavaScript strings are indexed in. `byte` must be a char boundary.
pub fn utf16_offset(text: &str, byte: usize) -> u32 {
    let head = text.get(..byte).unwrap_or(text);
    head.chars().map(|c| c.len_utf16() as u32).sum()
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

/// Number of characters (Unicode scalar values) in `text`.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// Whether `text[start..end]` stands as a whole word: no letter or digit
/// touches it on either side. Byte offsets on character boundaries.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}
