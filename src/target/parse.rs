//! The target grammar: what people type as a 指标值, read into a [`Target`]:
//! comparators in symbols and words, numbers as typed, units, and dates and
//! deadlines.

use super::date::days_in_month;
use super::{Op, PartialDate, Target, TargetError, TargetErrorKind};
use crate::num::{parse_decimal, NumError};
use crate::text::normalize;

/// Word comparators, longest first within each prefix so that `不超过` wins over `超过`.
const WORD_OPS: &[(&str, Op)] = &[
    ("大于或等于", Op::Ge),
    ("小于或等于", Op::Le),
    ("大于等于", Op::Ge),
    ("小于等于", Op::Le),
    ("不低于", Op::Ge),
    ("不少于", Op::Ge),
    ("不小于", Op::Ge),
    ("不高于", Op::Le),
    ("不超过", Op::Le),
    ("不大于", Op::Le),
    ("不多于", Op::Le),
    ("控制在", Op::Le),
    ("至少", Op::Ge),
    ("达到", Op::Ge),
    ("至多", Op::Le),
    ("最多", Op::Le),
    ("高于", Op::Gt),
    ("大于", Op::Gt),
    ("多于", Op::Gt),
    ("超过", Op::Gt),
    ("低于", Op::Lt),
    ("小于", Op::Lt),
    ("少于", Op::Lt),
    ("等于", Op::Eq),
];

const SYMBOL_OPS: &[(&str, Op)] = &[
    (">=", Op::Ge),
    ("=>", Op::Ge),
    ("≥=", Op::Ge),
    ("<=", Op::Le),
    ("=<", Op::Le),
    ("≤=", Op::Le),
    ("==", Op::Eq),
    ("≥", Op::Ge),
    ("≤", Op::Le),
    (">", Op::Gt),
    ("<", Op::Lt),
    ("=", Op::Eq),
];

/// Suffixes after the unit that carry a comparator (`95%以上`, `30天内`).
const SUFFIX_OPS: &[(&str, Op)] = &[
    ("(含)", Op::Eq),
    ("及以上", Op::Ge),
    ("及以下", Op::Le),
    ("以上", Op::Ge),
    ("以下", Op::Le),
    ("以内", Op::Le),
    ("之内", Op::Le),
    ("内", Op::Le),
];

const APPROXIMATE: &[&str] = &["大约", "约", "左右", "上下", "大概"];

fn starts_with_at(chars: &[char], at: usize, pat: &str) -> bool {
    let n = pat.chars().count();
    at + n <= chars.len() && chars[at..at + n].iter().copied().eq(pat.chars())
}

/// A comparator at `at`: (op, length in characters, is a word).
pub(super) fn parse_comparator(chars: &[char], at: usize) -> Option<(Op, usize, bool)> {
    for (pat, op) in SYMBOL_OPS {
        if starts_with_at(chars, at, pat) {
            return Some((*op, pat.chars().count(), false));
        }
    }
    for (pat, op) in WORD_OPS {
        if starts_with_at(chars, at, pat) {
            return Some((*op, pat.chars().count(), true));
        }
    }
    None
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    i
}

/// The end of a number starting at `at`: digits with commas, a dot, spaces
/// between digits, an exponent. Returns `at` when no digit is there.
fn scan_number(chars: &[char], at: usize) -> usize {
    let mut i = at;
    if matches!(chars.get(i), Some('+') | Some('-')) {
        i += 1;
    }
    let digits_start = i;
    while i < chars.len() {
        let c = chars[i];
        let next_is_digit = chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
        if c.is_ascii_digit()
            || (c == ',' && next_is_digit && i > digits_start)
            || (c == '.' && next_is_digit)
            || (c == ' ' && next_is_digit && i > digits_start)
        {
            i += 1;
        } else if (c == 'e' || c == 'E') && i > digits_start {
            // An exponent only when digits follow, so a unit such as "eV" is not eaten.
            let mut j = i + 1;
            if matches!(chars.get(j), Some('+') | Some('-')) {
                j += 1;
            }
            if chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
                i = j;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if chars[digits_start..i].iter().any(|c| c.is_ascii_digit()) {
        i
    } else {
        at
    }
}

fn read_uint(chars: &[char], at: usize) -> Option<(u32, usize)> {
    let mut i = at;
    let mut v: u32 = 0;
    while i < chars.len() && chars[i].is_ascii_digit() && i - at < 5 {
        v = v * 10 + chars[i].to_digit(10)?;
        i += 1;
    }
    (i > at).then_some((v, i))
}

/// Date forms. Returns `None` when the text does not look like a date at all,
/// `Some(Err)` when it looks like one but is not a valid date.
fn parse_date(
    chars: &[char],
    start: usize,
    end: usize,
) -> Option<Result<(Op, PartialDate), TargetError>> {
    let mut i = start;
    let mut op = Op::Le;
    for (pat, o) in [
        ("不晚于", Op::Le),
        ("不早于", Op::Ge),
        ("截至", Op::Le),
        ("截止", Op::Le),
        ("于", Op::Le),
        ("在", Op::Le),
    ] {
        if starts_with_at(chars, i, pat) {
            op = o;
            i += pat.chars().count();
            break;
        }
    }
    if let Some((o, len, false)) = parse_comparator(chars, i) {
        op = o;
        i += len;
    }
    i = skip_spaces(chars, i);
    let bad = |pos| {
        Some(Err(TargetError {
            pos,
            kind: TargetErrorKind::BadDate,
        }))
    };
    let date_start = i;
    let (mut year, mut month, mut day) = (None, None, None);
    let mut end_of_year = false;
    if starts_with_at(chars, i, "年底") || starts_with_at(chars, i, "年末") {
        end_of_year = true;
        i += 2;
    } else {
        let (n, j) = read_uint(chars, i)?;
        match chars.get(j) {
            Some('-') | Some('/') | Some('.') if j - i == 4 => {
                let sep = chars[j];
                let (m, k) = read_uint(chars, j + 1)?;
                year = Some(n as i32);
                month = Some(m);
                i = k;
                if chars.get(k) == Some(&sep) {
                    let (d, k2) = read_uint(chars, k + 1)?;
                    day = Some(d);
                    i = k2;
                } else if sep == '.' {
                    return None; // 2024.12 is a number, not a date.
                }
            }
            Some('年') => {
                year = Some(n as i32);
                i = j + 1;
                if starts_with_at(chars, i, "年底") || starts_with_at(chars, i, "年末") {
                    i += 1;
                }
                if starts_with_at(chars, i, "底") || starts_with_at(chars, i, "末") {
                    end_of_year = true;
                    i += 1;
                } else {
                    let Some((m, k)) = read_uint(chars, i) else {
                        return bad(i);
                    };
                    if chars.get(k) != Some(&'月') {
                        return bad(k);
                    }
                    month = Some(m);
                    i = k + 1;
                }
            }
            // `13月` or `0月` with no day after it is a number of months
            // (`≤13月`), not a date: there is no such month.
            Some('月')
                if !(1..=12).contains(&n)
                    && !chars.get(j + 1).is_some_and(|c| c.is_ascii_digit()) =>
            {
                return None;
            }
            Some('月') => {
                month = Some(n);
                i = j + 1;
            }
            _ => return None,
        }
        if month.is_some() && chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
            let (d, k) = read_uint(chars, i)?;
            if !matches!(chars.get(k), Some('日') | Some('号')) {
                return bad(k);
            }
            day = Some(d);
            i = k + 1;
        }
        for pat in ["月底", "月末", "底", "末"] {
            if starts_with_at(chars, i, pat) && month.is_some() && day.is_none() {
                i += pat.chars().count();
                break;
            }
        }
    }
    if end_of_year {
        month = Some(12);
    }
    i = skip_spaces(chars, i);
    for pat in ["之前", "以前", "前", "止"] {
        if starts_with_at(chars, i, pat) {
            i += pat.chars().count();
            break;
        }
    }
    for pat in ["完成", "完工", "竣工", "结束"] {
        if starts_with_at(chars, i, pat) {
            i += pat.chars().count();
            break;
        }
    }
    i = skip_spaces(chars, i);
    if i != end {
        // Text after a date: not a date target (it may be a qualitative phrase).
        return None;
    }
    let month = month? as u8;
    if !(1..=12).contains(&month) {
        return bad(date_start);
    }
    if let Some(y) = year {
        if !(1900..=2200).contains(&y) {
            return bad(date_start);
        }
    }
    let day = match day {
        Some(d) if d == 0 || d > days_in_month(year.unwrap_or(2000), month) as u32 => {
            return bad(date_start)
        }
        Some(d) => Some(d as u8),
        None => None,
    };
    Some(Ok((op, PartialDate { year, month, day })))
}

/// Reads a target as a person types it. Never panics; unreadable text is
/// [`Target::Invalid`] with its position.
pub fn parse_target(text: &str) -> Target {
    let chars: Vec<char> = normalize(text).chars().collect();
    let invalid = |pos: usize, kind| Target::Invalid {
        text: text.to_string(),
        error: TargetError { pos, kind },
    };
    let start = skip_spaces(&chars, 0);
    let mut end = chars.len();
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start == end {
        return invalid(0, TargetErrorKind::Empty);
    }
    if let Some(r) = parse_date(&chars, start, end) {
        return match r {
            Ok((op, date)) => Target::Date { op, date },
            Err(e) => Target::Invalid {
                text: text.to_string(),
                error: e,
            },
        };
    }
    for w in APPROXIMATE {
        if starts_with_at(&chars, start, w) && chars[start..end].iter().any(|c| c.is_ascii_digit())
        {
            return invalid(start, TargetErrorKind::Approximate(w.to_string()));
        }
    }
    let mut i = start;
    let mut op = None;
    let mut word_op = false;
    if let Some((o, len, word)) = parse_comparator(&chars, i) {
        op = Some(o);
        word_op = word;
        i = skip_spaces(&chars, i + len);
    }
    let mut percent_prefix = false;
    if starts_with_at(&chars, i, "百分之") {
        percent_prefix = true;
        i += 3;
    }
    let num_end = scan_number(&chars, i);
    if num_end == i {
        // No number here. A word comparator or plain prose is a qualitative
        // phrase ("达到预期", "群众满意"); a bare symbol is a missing number.
        return match op {
            Some(_) if !word_op => invalid(i, TargetErrorKind::MissingNumber),
            _ => Target::Qualitative {
                text: chars[start..end].iter().collect::<String>(),
            },
        };
    }
    let number_text: String = text.chars().skip(i).take(num_end - i).collect();
    let value = match parse_decimal(&number_text) {
        Ok(v) => v,
        Err(NumError::BadChar { pos, ch }) => {
            return invalid(
                i + pos,
                TargetErrorKind::Number(NumError::BadChar { pos: i + pos, ch }),
            )
        }
        Err(e) => return invalid(i, TargetErrorKind::Number(e)),
    };
    // The unit runs to the end, less a comparator suffix.
    let mut unit_end = end;
    let rest: String = chars[num_end..end].iter().collect();
    for w in APPROXIMATE {
        if rest.contains(w) {
            let pos = num_end + rest.chars().position(|_| true).unwrap_or(0);
            return invalid(pos, TargetErrorKind::Approximate(w.to_string()));
        }
    }
    for (pat, o) in SUFFIX_OPS {
        let n = pat.chars().count();
        if unit_end >= num_end + n
            && chars[unit_end - n..unit_end]
                .iter()
                .copied()
                .eq(pat.chars())
        {
            unit_end -= n;
            if *o != Op::Eq {
                if op.is_none() || op == Some(Op::Le) && *o == Op::Le {
                    op = Some(*o);
                } else if op == Some(Op::Gt) && *o == Op::Ge {
                    op = Some(Op::Ge);
                }
            }
            break;
        }
    }
    let unit_start = skip_spaces(&chars, num_end);
    while unit_end > unit_start && chars[unit_end - 1].is_whitespace() {
        unit_end -= 1;
    }
    let mut unit: String = chars[unit_start.min(unit_end)..unit_end].iter().collect();
    if let Some(first) = unit.chars().next() {
        if matches!(first, '-' | '~' | '至' | '到')
            && unit.chars().skip(1).any(|c| c.is_ascii_digit())
        {
            return invalid(unit_start, TargetErrorKind::Range);
        }
        if first.is_ascii_digit() || first == '.' || first == ',' {
            return invalid(unit_start, TargetErrorKind::Trailing(unit));
        }
    }
    if unit.chars().count() > 12 && op.is_none() {
        // A sentence that happens to open with a number: prose, not a quantity.
        return Target::Qualitative {
            text: chars[start..end].iter().collect::<String>(),
        };
    }
    if unit.chars().count() > 12 {
        return invalid(unit_start, TargetErrorKind::Trailing(unit));
    }
    if unit == "百分比" || percent_prefix && unit.is_empty() {
        unit = "%".to_string();
    }
    Target::Quantity { op, value, unit }
}
