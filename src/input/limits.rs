//! Documented input limits (schema v1), enforced before heavy work.

/// Largest accepted input, in bytes of JSON text.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;
/// Deepest accepted nesting of arrays and objects.
pub const MAX_DEPTH: usize = 64;
/// Longest product name, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// Longest short description, in characters.
pub const MAX_SHORT_DESCRIPTION_CHARS: usize = 300;
/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 50_000;
/// Most keywords.
pub const MAX_KEYWORDS: usize = 30;
/// Longest keyword, in characters.
pub const MAX_KEYWORD_CHARS: usize = 50;
/// Longest URL, in characters.
pub const MAX_URL_CHARS: usize = 2048;
/// Longest other short text field (vendor name, image os, ...), in characters.
pub const MAX_SHORT_FIELD_CHARS: usize = 200;
/// Most findings of one rule a report lists; the rest are counted in one
/// `report/truncated` finding (the verdict still counts them all).
pub const MAX_FINDINGS_PER_RULE: usize = 100;
