//! Small text helpers shared by the parser and the rules.

/// UTF-16 length of `text[..byte]`: converts a byte offset into the unit
/// JavaScript strings are indexed in. `byte` must be a char boundary.
pub fn utf16_offset(text: &str, byte: usize) -> u32 {
    let head = text.get(..byte).unwrap_or(text);
    head.chars().map(|c| c.len_utf16() as u32).sum()
}

/// Number of characters (Unicode scalar values) in `text`.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}
