//! Exact decimal numbers as people type them, and as format v1 stores them.
//!
//! Money (万元), weights and scores are [`Decimal`]s, never floats. [`parse_decimal`]
//! reads the forms people write (`１,２００.５`, `1 200.5`, `-3`, `1e3`) and
//! reports unreadable or out-of-range text as a [`NumError`] with a Chinese
//! message. [`Num`] is the model's field type: a decimal, or the text that
//! could not be read, kept so that a draft never loses what was typed and the
//! rules can report it as a finding instead of refusing the whole document.
//!
//! JSON: a `Num` is written as a decimal string. It is read from a string or
//! from a JSON number, whose text is converted exactly (serde_json's
//! `arbitrary_precision` hands us the digits, not an f64).

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::text::normalize;

/// Why a text is not a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumError {
    /// Nothing but white space.
    Empty,
    /// A character that cannot be part of a number, at this character index.
    BadChar { pos: usize, ch: char },
    /// Thousands separators that do not split the digits in groups of three.
    BadGrouping { pos: usize },
    /// Too large or too precise for 28 significant digits (e.g. `1e400`).
    OutOfRange,
}

impl NumError {
    /// The message shown to the person, in Chinese.
    pub fn message(&self) -> String {
        match self {
            NumError::Empty => "请填写数字。".to_string(),
            NumError::BadChar { pos, ch } => {
                format!("第{}个字符“{}”不是数字的一部分。", pos + 1, ch)
            }
            NumError::BadGrouping { pos } => {
                format!("第{}个字符处的千分位逗号位置不对，应每三位一组。", pos + 1)
            }
            NumError::OutOfRange => "数值过大或小数位过多，无法精确计算。".to_string(),
        }
    }
}

impl fmt::Display for NumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Reads a plain number: optional sign, digits with optional thousands
/// commas, optional fraction, optional exponent. Full-width characters and
/// spaces are accepted; anything else is a [`NumError`] with its position.
pub fn parse_decimal(text: &str) -> Result<Decimal, NumError> {
    let chars: Vec<char> = normalize(text).chars().collect();
    let mut out = String::with_capacity(chars.len());
    let mut seen_digit = false;
    let mut seen_dot = false;
    let mut seen_exp = false;
    // Thousands grouping: digits since the last comma, and whether a comma was seen.
    let mut group_len = 0usize;
    let mut last_comma: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            ' ' | '\t' | '\n' | '\r' => continue,
            '0'..='9' => {
                seen_digit = true;
                group_len += 1;
                out.push(c);
            }
            ',' if seen_digit && !seen_dot && !seen_exp => {
                if last_comma.is_some() && group_len != 3 {
                    return Err(NumError::BadGrouping { pos: i });
                }
                if last_comma.is_none() && group_len > 3 {
                    return Err(NumError::BadGrouping { pos: i });
                }
                last_comma = Some(i);
                group_len = 0;
            }
            '.' if !seen_dot && !seen_exp => {
                if let Some(p) = last_comma {
                    if group_len != 3 {
                        return Err(NumError::BadGrouping { pos: p });
                    }
                }
                last_comma = None;
                seen_dot = true;
                out.push('.');
            }
            '+' | '-' if out.is_empty() || out.ends_with(['e', 'E']) => out.push(c),
            'e' | 'E' if seen_digit && !seen_exp => {
                seen_exp = true;
                out.push('e');
            }
            _ => return Err(NumError::BadChar { pos: i, ch: c }),
        }
    }
    if let Some(p) = last_comma {
        if group_len != 3 {
            return Err(NumError::BadGrouping { pos: p });
        }
    }
    if !seen_digit {
        return match chars.iter().position(|c| !c.is_whitespace()) {
            None => Err(NumError::Empty),
            Some(pos) => Err(NumError::BadChar {
                pos,
                ch: chars[pos],
            }),
        };
    }
    if out.ends_with(['e', '+', '-']) {
        let pos = chars.len() - 1;
        return Err(NumError::BadChar {
            pos,
            ch: chars[pos],
        });
    }
    if seen_exp {
        return Decimal::from_scientific(&out).map_err(|_| NumError::OutOfRange);
    }
    let trimmed = out.strip_suffix('.').unwrap_or(&out);
    Decimal::from_str_exact(trimmed).map_err(|_| NumError::OutOfRange)
}

/// Checked decimal arithmetic, each operation one function in the module.
///
/// rust_decimal marks its multiplication, division and addition
/// `#[inline(always)]`, so every `checked_mul` written in the code carried
/// its own copy of the 96-bit arithmetic into the WebAssembly module (the
/// scoring alone had over twenty). These methods are the same checked
/// operations behind one non-inlined function each; the crate uses them
/// instead of rust_decimal's `checked_*` (clippy.toml disallows those), and
/// like them they return `None` on overflow or division by zero, never
/// panic and never round beyond rust_decimal's 28 significant digits.
pub trait Exact: Sized {
    fn try_add(self, other: Self) -> Option<Self>;
    fn try_sub(self, other: Self) -> Option<Self>;
    fn try_mul(self, other: Self) -> Option<Self>;
    fn try_div(self, other: Self) -> Option<Self>;
}

#[allow(clippy::disallowed_methods)]
impl Exact for Decimal {
    #[inline(never)]
    fn try_add(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(other)
    }
    #[inline(never)]
    fn try_sub(self, other: Decimal) -> Option<Decimal> {
        self.checked_sub(other)
    }
    #[inline(never)]
    fn try_mul(self, other: Decimal) -> Option<Decimal> {
        self.checked_mul(other)
    }
    #[inline(never)]
    fn try_div(self, other: Decimal) -> Option<Decimal> {
        self.checked_div(other)
    }
}

/// A number field of the model: a decimal, or the text that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Num {
    Valid(Decimal),
    Invalid { text: String, error: NumError },
}

impl Num {
    /// Reads typed text; a trailing `万元` (the unit every money field is in)
    /// is accepted and dropped.
    pub fn parse(text: &str) -> Num {
        let norm = normalize(text);
        let trimmed = norm.trim_end();
        let body = trimmed.strip_suffix("万元").unwrap_or(trimmed);
        let body_chars = body.chars().count();
        match parse_decimal(&text.chars().take(body_chars).collect::<String>()) {
            Ok(d) => Num::Valid(d),
            Err(error) => Num::Invalid {
                text: text.to_string(),
                error,
            },
        }
    }

    /// The decimal, when the text was readable.
    pub fn value(&self) -> Option<Decimal> {
        match self {
            Num::Valid(d) => Some(*d),
            Num::Invalid { .. } => None,
        }
    }

    /// What the field shows: the canonical decimal, or the unreadable text.
    pub fn text(&self) -> String {
        match self {
            Num::Valid(d) => d.to_string(),
            Num::Invalid { text, .. } => text.clone(),
        }
    }
}

impl From<Decimal> for Num {
    fn from(d: Decimal) -> Num {
        Num::Valid(d)
    }
}

impl FromStr for Num {
    type Err = NumError;
    fn from_str(s: &str) -> Result<Num, NumError> {
        match Num::parse(s) {
            Num::Valid(d) => Ok(Num::Valid(d)),
            Num::Invalid { error, .. } => Err(error),
        }
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn ok(input: &str, expected: &str) {
        assert_eq!(
            parse_decimal(input),
            Ok(dec(expected)),
            "parse_decimal({input:?})"
        );
    }

    fn err(input: &str, expected: NumError) {
        assert_eq!(
            parse_decimal(input),
            Err(expected),
            "parse_decimal({input:?})"
        );
    }

    #[test]
    fn reads_numbers_people_type() {
        ok("120", "120");
        ok("120.00", "120.00");
        ok("１２０．５", "120.5");
        ok("1,200.5", "1200.5");
        ok("1,234,567", "1234567");
        ok(" 8 755 ", "8755");
        ok("-3", "-3");
        ok("－3", "-3");
        ok("1e3", "1000");
        ok("5.", "5");
        ok("0.0001", "0.0001");
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        err("", NumError::Empty);
        err("   ", NumError::Empty);
        err("95%", NumError::BadChar { pos: 2, ch: '%' });
        err("abc", NumError::BadChar { pos: 0, ch: 'a' });
        err("12,34", NumError::BadGrouping { pos: 2 });
        err("1234,567", NumError::BadGrouping { pos: 4 });
        err("1e400", NumError::OutOfRange);
        err("100000000000000000000000000000000", NumError::OutOfRange);
        err("1.2.3", NumError::BadChar { pos: 3, ch: '.' });
        err("1e", NumError::BadChar { pos: 1, ch: 'e' });
    }

    #[test]
    fn num_keeps_unreadable_text() {
        assert_eq!(Num::parse("1,200.5万元"), Num::Valid(dec("1200.5")));
        let bad = Num::parse("一百");
        assert_eq!(bad.value(), None);
        assert_eq!(bad.text(), "一百");
    }
}
