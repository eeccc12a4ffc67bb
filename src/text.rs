//! Text normalization for what people type into the official tables.
//!
//! Forms arrive with full-width digits and punctuation (`９５％`), look-alike
//! comparators (`≧`, `═`, `﹦`) and ideographic spaces. [`normalize`] maps each
//! of these to one ASCII (or canonical) character, one character for one, so
//! that a character position in the normalized text is the same position in
//! what the person typed, and error messages can point at it.

/// Maps one character to its canonical form; every other character is kept.
pub fn normalize_char(c: char) -> char {
    match c {
        // Full-width ASCII block: `！` .. `～` map onto `!` .. `~`.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
        '≧' | '⩾' => '≥',
        '≦' | '⩽' => '≤',
        '═' | '﹦' | '〓' => '=',
        '﹥' => '>',
        '﹤' => '<',
        '—' | '–' | '−' => '-',
        '﹪' => '%',
        _ => c,
    }
}

/// Normalizes a whole string character by character (see [`normalize_char`]).
/// The result has exactly as many characters as the input.
pub fn normalize(s: &str) -> String {
    s.chars().map(normalize_char).collect()
}

/// True when the text is empty or only white space (including full-width).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| normalize_char(c).is_whitespace())
}

/// Counts characters, not bytes: length limits in messages speak of 字.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(normalize(input), expected, "normalize({input:?})");
        assert_eq!(normalize(input).chars().count(), input.chars().count());
    }

    #[test]
    fn normalizes_what_tables_contain() {
        check("９５％", "95%");
        check("≧735　人次", "≥735 人次");
        check("═100 %", "=100 %");
        check("﹦12个", "=12个");
        check("＞＝３", ">=3");
        check("１，２００．５万元", "1,200.5万元");
        check("≦120万元", "≤120万元");
        check("群众满意", "群众满意");
    }

    #[test]
    fn blanks() {
        assert!(is_blank(""));
        assert!(is_blank(" \u{3000}\t"));
        assert!(!is_blank(" a"));
    }
}
