//! Text normalization for what people type into the official tables, and
//! category names compared as printed ([`category_key`]).
//!
//! Forms arrive with full-width digits and punctuation (`９５％`), look-alike
//! comparators (`≧`, `═`, `﹦`) and ideographic spaces. [`normalize`] maps each
//! of these to one ASCII (or canonical) character, one character for one, so
//! that a character position in the normalized text is the same position in
//! what the person typed, and error messages can point at it.

use std::borrow::Cow;

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

/// `str::trim` with a fast path: text whose first and last characters
/// cannot be white space (what almost every cell holds) is returned as it is
/// after looking at two bytes, where `str::trim` decodes characters from
/// both ends through a generic searcher. The rules trim every category,
/// name and unit of every row on every keystroke, so this is their most
/// frequent call.
pub trait Trimmed {
    fn trimmed(&self) -> &str;
}

impl Trimmed for str {
    fn trimmed(&self) -> &str {
        let b = self.as_bytes();
        // The last character starts at most three bytes from the end.
        let mut last = b.len();
        while last > 0 {
            last -= 1;
            if b[last] & 0xC0 != 0x80 {
                break;
            }
        }
        match (b.first(), b.get(last)) {
            (Some(&first), Some(&last)) if never_space(first) && never_space(last) => self,
            _ => self.trim(),
        }
    }
}

/// True when a character whose UTF-8 encoding starts with byte `lead` is
/// never white space. White space (Unicode White_Space) is ASCII 09–0D and
/// 20, or starts with C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000–U+205F)
/// or E3 (U+3000); every other lead byte of a printable character is safe.
#[inline(always)]
fn never_space(lead: u8) -> bool {
    matches!(lead, 0x21..=0x7E | 0xC3..=0xE0 | 0xE4..=0xF4)
}

/// True when the text is empty or only white space (including full-width).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| normalize_char(c).is_whitespace())
}

/// Counts characters, not bytes: length limits in messages speak of 字.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// A category name compared loosely (see [`category_key`]), so that
/// "数量" and "数量指标", "产出指标(50分)" and "产出指标" match.
pub fn same_category(a: &str, b: &str) -> bool {
    a == b || category_key(a) == category_key(b)
}

/// What [`same_category`] compares: the name as printed in real tables,
/// less what is not the name: white space (`产 出 指 标`, from vertical
/// cells), the points in brackets after it (`产出指标(50分)`,
/// `效益指标（30分）`, `成本指标(0-20)分`, `效益指标30分)`), and a final 指标.
/// Names with none of these (nearly all) are not copied. Rules that compare
/// every row with a list of names work the rows' keys out once.
pub fn category_key(name: &str) -> Cow<'_, str> {
    let t = name.trimmed();
    let plain = plain_bytes(t)
        || !t.chars().any(|c| {
            c.is_whitespace() || c.is_ascii_digit() || matches!(c, '(' | '（' | ')' | '）')
        });
    if plain {
        return Cow::Borrowed(t.strip_suffix("指标").unwrap_or(t));
    }
    let squeezed: String = normalize(t)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // The name ends where its points begin: a bracket, or the digits of
    // `30分`.
    let cut = squeezed
        .find('(')
        .or_else(|| {
            squeezed
                .char_indices()
                .find(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .filter(|&i| squeezed[i..].contains('分'))
        })
        .unwrap_or(squeezed.len());
    let name = &squeezed[..cut];
    Cow::Owned(name.strip_suffix("指标").unwrap_or(name).to_string())
}

/// True when [`normalize`] leaves the text as it is and none of its
/// characters is white space, judged from its bytes alone: every character
/// that normalizing changes or that is white space is ASCII white space or
/// starts with byte C2 (U+00A0 …), E1 (U+1680), E2 (U+2000 …, `≧`, `—`),
/// E3 (U+3000, `〓`) or EF (full-width forms, `﹦`), and Chinese characters
/// start with none of these. False means "look at the characters". The
/// rules ask this of every row's names and categories, and it spares them
/// decoding the characters.
pub fn settled(t: &str) -> bool {
    t.bytes().all(|b| BYTES[usize::from(b)] & UNSETTLED == 0)
}

/// True when no character of the text can be white space, an ASCII digit
/// or a bracket, judged from its bytes (see [`settled`]; `（` and `）` start
/// with EF).
fn plain_bytes(t: &str) -> bool {
    t.bytes().all(|b| BYTES[usize::from(b)] == 0)
}

/// What a byte may begin, for [`settled`] and [`plain_bytes`]: a table
/// look-up per byte rather than a chain of comparisons.
const BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3 | 0xEF => UNSETTLED,
            b'0'..=b'9' | b'(' | b')' => DIGIT_OR_BRACKET,
            _ => 0,
        };
        b += 1;
    }
    table
};
const UNSETTLED: u8 = 1;
const DIGIT_OR_BRACKET: u8 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_is_str_trim() {
        // Every white space character of Unicode, at either end, alone and
        // around ASCII, CJK and full-width text.
        let spaces = [
            "\t", "\n", "\u{b}", "\u{c}", "\r", " ", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
            "\u{2005}", "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let texts = [
            "",
            "a",
            "数量指标",
            "≥95%",
            "Ａ１",
            "。",
            "、x、",
            "\u{7f}",
            "é",
            "😀",
        ];
        for t in texts {
            assert_eq!(t.trimmed(), t.trim(), "{t:?}");
            for sp in spaces {
                for s in [
                    format!("{sp}{t}"),
                    format!("{t}{sp}"),
                    format!("{sp}{t}{sp}"),
                ] {
                    assert_eq!(s.trimmed(), s.trim(), "{s:?}");
                }
            }
        }
    }

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
    fn plain_bytes_never_passes_what_category_keys_cut() {
        // Every character: those the byte test lets through are neither
        // white space, an ASCII digit nor a bracket.
        let cut = |c: char| {
            c.is_whitespace() || c.is_ascii_digit() || matches!(c, '(' | '（' | ')' | '）')
        };
        let mut passed = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("数量{c}指标");
            if plain_bytes(&s) {
                assert!(!cut(c), "{c:?} (U+{:04X})", c as u32);
                passed += 1;
            }
        }
        // And it does let Chinese names through.
        assert!(passed > 0x10000, "{passed}");
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if settled(&format!("数量{c}指标")) {
                assert!(normalize_char(c) == c && !c.is_whitespace(), "{c:?}");
            }
        }
        assert!(plain_bytes("服务对象满意度指标"));
        assert_eq!(category_key("产出指标（50分）"), "产出");
        assert_eq!(category_key(" 数量指标 "), "数量");
    }

    #[test]
    fn blanks() {
        assert!(is_blank(""));
        assert!(is_blank(" \u{3000}\t"));
        assert!(!is_blank(" a"));
    }
}
