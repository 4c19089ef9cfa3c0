//! "Did you mean" suggestions by string similarity.

/// The most characters of an input [`closest`] compares.
const MAX_NEEDLE_CHARS: usize = 256;

/// Up to `max` candidates closest to `input`, best first. Case and
/// surrounding space are ignored; candidates that are not reasonably close
/// (normalised Damerau-Levenshtein similarity below 0.5, and not containing
/// or contained in the input) are left out.
pub fn closest<'a>(
    input: &str,
    candidates: impl Iterator<Item = &'a str>,
    max: usize,
) -> Vec<&'a str> {
    // A suggestion is for a word or a name: the input's first
    // [`MAX_NEEDLE_CHARS`] characters are plenty, and a megabyte of input
    // must not cost a megabyte-squared edit distance per candidate.
    let needle = fold(&input.chars().take(MAX_NEEDLE_CHARS).collect::<String>());
    if needle.is_empty() {
        return Vec::new();
    }
    let needle_chars = needle.chars().count();
    let mut scored: Vec<(f64, &'a str)> = candidates
        .filter_map(|c| {
            let hay = fold(c);
            let hay_chars = hay.chars().count();
            // Two strings of which one is more than twice the other's length
            // are more than half an edit distance apart (it is at least the
            // difference): they score under 0.5 without computing it.
            let mut score = if needle_chars > 2 * hay_chars || hay_chars > 2 * needle_chars {
                0.0
            } else {
                strsim::normalized_damerau_levenshtein(&needle, &hay)
            };
            if hay == needle {
                score = 2.0;
            } else if needle.len() >= 4 && (hay.contains(&needle) || needle.contains(&hay)) {
                score = score.max(0.75);
            }
            (score >= 0.5).then_some((score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(max).map(|(_, c)| c).collect()
}

/// Lowercase, trimmed, with `_`/`-` read as spaces and runs of space folded.
pub fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_table() {
        let fields = [
            "delivery_format",
            "description",
            "short_description",
            "name",
        ];
        let rows: &[(&str, &str, Option<&str>)] = &[
            (
                "hyphen instead of underscore",
                "delivery-format",
                Some("delivery_format"),
            ),
            ("miscased", "Name", Some("name")),
            ("typo", "descripton", Some("description")),
            ("nothing close", "zzzzzz", None),
            ("empty", "", None),
        ];
        for (label, input, want) in rows {
            let got = closest(input, fields.iter().copied(), 1);
            assert_eq!(got.first().copied(), *want, "{label}");
        }
    }
}
