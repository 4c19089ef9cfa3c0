//! Small text helpers shared by the parser and the rules.

/// UTF-16 length of `text[..byte]`: converts a byte offset into the unit
/// JavaScript strings are indexed in. `byte` must be a char boundary.
pub fn utf16_offset(text: &str, byte: usize) -> u32 {
    let head = text.get(..byte).unwrap_or(text);
    head.chars().map(|c| c.len_utf16() as u32).sum()
}

pub use listing_precheck_normalize::{is_bidi_control, is_invisible};

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
