//! The target grammar: what people type as a 指标值, read into a [`Target`].
//!
//! In the order tried:
//! - a tolerance band: `±5%`, `±5%以内`, `误差±5%`, `100±5` ([`Target::Band`]);
//! - a period: `2024年3月-11月`, `2024.03-2024.11`, `1-12月`; its end is the
//!   deadline, its start is kept ([`Target::Date`] with `start`);
//! - a date or deadline: `2024-12-31`, `2024年12月31日前`, `12月底前`,
//!   `年底前`, `2024年`, with a trailing verb phrase (`9月底前交付使用`,
//!   `12月底到位`);
//! - a quantity: a comparator in symbols (and their look-alikes and
//!   HTML-entity forms left by Word/PDF conversion: `≧`, `〈=`, `&gt;=`) or
//!   words (`不低于`, `控制在…以内`, `…以上`), a number as typed (full-width
//!   digits, thousands separators, spaces), and a unit; `每亩300` is 300 per
//!   亩; a number of years (`≥15年`) is a duration, not a calendar year;
//! - anything else is a qualitative phrase, unless it is text that only
//!   looks like a target gone wrong (a comparator with no number, a range,
//!   an approximate value, a date that does not exist …), which is
//!   [`Target::Invalid`] with the position of the problem.

use rust_decimal::Decimal;

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
    ("不超出", Op::Le),
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

/// Comparators in symbols, longest first. Besides the canonical ones, the
/// forms Word, PDF and OCR conversion leave behind: HTML entities, angle
/// brackets for `<` and `>`, a doubled sign. See [`lookalike_comparator`].
const SYMBOL_OPS: &[(&str, Op)] = &[
    ("&gt;=", Op::Ge),
    ("&lt;=", Op::Le),
    ("&ge;", Op::Ge),
    ("&le;", Op::Le),
    ("&gt;", Op::Gt),
    ("&lt;", Op::Lt),
    ("〉=", Op::Ge),
    ("〈=", Op::Le),
    ("》=", Op::Ge),
    ("《=", Op::Le),
    ("≥≥", Op::Ge),
    ("≤≤", Op::Le),
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

/// Comparators that are damaged forms of a canonical one, as they appear in
/// text converted from Word, PDF or a scan: HTML entities, angle brackets,
/// doubled or reversed signs. A target typed with one is read, and the
/// checks say what was read (`IND-TARGET-READ`). The variants tables use
/// on purpose (`≧ ≦ ═ ﹦`, full-width `＞＝`) are read silently.
pub const LOOKALIKE_COMPARATORS: &[&str] = &[
    "&gt;=", "&lt;=", "&ge;", "&le;", "&gt;", "&lt;", "〉=", "〈=", "》=", "《=", "≥≥", "≤≤", "≥=",
    "≤=", "=>", "=<", "==",
];

/// The look-alike comparator in a text, if it has one (see
/// [`LOOKALIKE_COMPARATORS`]): the checks use it to say what was read.
pub fn lookalike_comparator(text: &str) -> Option<&'static str> {
    // Every one of them has `&` or `=` in it but the doubled signs: most
    // targets are ruled out in one pass over the text (a search for each
    // doubled sign costs more than the pass).
    let mut prev = ' ';
    let may_have = text.chars().any(|c| {
        let doubled = c == prev && matches!(c, '≥' | '≤');
        prev = c;
        doubled || c == '&' || c == '='
    });
    if !may_have {
        return None;
    }
    LOOKALIKE_COMPARATORS
        .iter()
        .copied()
        .find(|pat| text.contains(pat))
}

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

/// Words that may introduce a tolerance (`误差±5%`).
const BAND_WORDS: &[&str] = &["偏差率", "偏差", "误差率", "误差", "浮动", "波动", "控制在"];

/// Words after a date that end a deadline (`2024年12月31日前`).
const DEADLINE_WORDS: &[&str] = &["之前", "以前", "前", "止", "内"];

/// The longest verb phrase read after a deadline (`交付使用`, `全部拨付到位`).
const MAX_VERB_CHARS: usize = 12;

fn starts_with_at(chars: &[char], at: usize, pat: &str) -> bool {
    (at..)
        .zip(pat.chars())
        .all(|(i, p)| chars.get(i) == Some(&p))
}

/// The first of `pats` at `at`, with its length in characters.
fn one_of(chars: &[char], at: usize, pats: &[&str]) -> Option<usize> {
    pats.iter()
        .find(|p| starts_with_at(chars, at, p))
        .map(|p| p.chars().count())
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

/// True for a Chinese character (the CJK unified ideographs).
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
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

/// A whole number of at most five digits at `at`, with where it ends.
fn read_uint(chars: &[char], at: usize) -> Option<(u32, usize)> {
    let mut i = at;
    let mut v: u32 = 0;
    while i < chars.len() && chars[i].is_ascii_digit() && i - at < 5 {
        v = v * 10 + chars[i].to_digit(10)?;
        i += 1;
    }
    (i > at).then_some((v, i))
}

/// A date as written, before it is checked: what was read at `at`, and
/// where it ends.
#[derive(Clone, Copy, Debug, Default)]
struct DateParts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    end: usize,
}

/// Reads one date at `at`: `2024-12-31`, `2024/12`, `2024.12.31` (a
/// `2024.12` alone only when `dotted_month` allows it), `2024年12月31日`,
/// `2024年6月底`, `2024年底`, `2024年`, `12月31日`, `12月底`, `年底`.
/// `None` where there is no date; `Some(Err(pos))` where one is malformed.
fn read_date(chars: &[char], at: usize, dotted_month: bool) -> Option<Result<DateParts, usize>> {
    let mut p = DateParts::default();
    let mut i = at;
    if let Some(n) = one_of(chars, i, &["年底", "年末"]) {
        p.month = Some(12);
        p.end = i + n;
        return Some(Ok(p));
    }
    let (n, j) = read_uint(chars, i)?;
    match chars.get(j) {
        Some('-') | Some('/') | Some('.') if j - i == 4 => {
            let sep = chars[j];
            let (m, k) = read_uint(chars, j + 1)?;
            if k - (j + 1) > 2 {
                return None;
            }
            p.year = Some(n as i32);
            p.month = Some(m);
            i = k;
            if chars.get(k) == Some(&sep) && chars.get(k + 1).is_some_and(|c| c.is_ascii_digit()) {
                let (d, k2) = read_uint(chars, k + 1)?;
                p.day = Some(d);
                i = k2;
            } else if sep == '.' && !dotted_month {
                return None; // 2024.12 alone is a number, not a date.
            }
        }
        // A year is four digits: `15年` is fifteen years, not a year.
        Some('年') if j - i == 4 => {
            p.year = Some(n as i32);
            i = j + 1;
            if let Some(len) = one_of(chars, i, &["年底", "年末"]) {
                i += len - 1;
            }
            if let Some(len) = one_of(chars, i, &["底", "末"]) {
                p.month = Some(12);
                p.end = i + len;
                return Some(Ok(p));
            }
            match read_uint(chars, i) {
                Some((m, k)) if chars.get(k) == Some(&'月') => {
                    p.month = Some(m);
                    i = k + 1;
                }
                Some((_, k)) => return Some(Err(k)),
                // `2024年`, `2024年内`: the year as a whole.
                None => {
                    p.month = Some(12);
                    p.end = i;
                    return Some(Ok(p));
                }
            }
        }
        Some('年') => return None,
        // `13月` or `0月` with no day after it is a number of months
        // (`≤13月`), not a date: there is no such month.
        Some('月')
            if !(1..=12).contains(&n) && !chars.get(j + 1).is_some_and(|c| c.is_ascii_digit()) =>
        {
            return None;
        }
        Some('月') => {
            p.month = Some(n);
            i = j + 1;
        }
        _ => return None,
    }
    if chars.get(i).is_some_and(|c| c.is_ascii_digit()) && p.day.is_none() {
        let (d, k) = read_uint(chars, i)?;
        if !matches!(chars.get(k), Some('日') | Some('号')) {
            return Some(Err(k));
        }
        p.day = Some(d);
        i = k + 1;
    }
    if p.day.is_none() {
        if let Some(len) = one_of(chars, i, &["月底", "月末", "底", "末"]) {
            i += len;
        }
    }
    p.end = i;
    Some(Ok(p))
}

/// The years a date may name.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Checks a date as read: a month 1–12, a day of that month, a year from
/// 1900 to 2200. `pos` is where the date started, for the message.
fn checked(p: DateParts, pos: usize) -> Result<PartialDate, TargetError> {
    let bad = Err(TargetError {
        pos,
        kind: TargetErrorKind::BadDate,
    });
    let Some(month) = p.month.filter(|m| (1..=12).contains(m)) else {
        return bad;
    };
    let month = month as u8;
    if p.year.is_some_and(|y| !YEARS.contains(&y)) {
        return bad;
    }
    let day = match p.day {
        Some(d) if d == 0 || d > days_in_month(p.year.unwrap_or(2000), month) as u32 => return bad,
        Some(d) => Some(d as u8),
        None => None,
    };
    Ok(PartialDate {
        year: p.year,
        month,
        day,
    })
}

/// The end of a deadline's tail at `at`: `前`, `之前`, `止` …, then a verb
/// phrase of Chinese characters (`完成`, `交付使用`, `拨付到位`) or nothing.
/// `None` when what follows is not such a tail (more numbers, prose).
fn deadline_tail(chars: &[char], at: usize, end: usize) -> Option<usize> {
    let mut i = skip_spaces(chars, at);
    if let Some(n) = one_of(chars, i, DEADLINE_WORDS) {
        i += n;
    }
    let verb_start = i;
    while i < end && is_han(chars[i]) && i - verb_start < MAX_VERB_CHARS {
        i += 1;
    }
    i = skip_spaces(chars, i);
    (i == end).then_some(i)
}

/// Date forms: a deadline (`2024年12月31日前`, `9月底前交付使用`) or a period
/// (`2024年3月-11月`). `None` when the text does not look like a date at
/// all, `Some(Err)` when it looks like one but is not a valid date.
fn parse_date(chars: &[char], start: usize, end: usize) -> Option<Result<Target, TargetError>> {
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
    if let Some(period) = parse_period(chars, i, end) {
        return Some(period);
    }
    let date_start = i;
    let parts = match read_date(chars, i, false)? {
        Ok(p) => p,
        Err(pos) => {
            return Some(Err(TargetError {
                pos,
                kind: TargetErrorKind::BadDate,
            }))
        }
    };
    // Text after a date that is not a deadline's tail: not a date target
    // (it may be a qualitative phrase, or a quantity such as `2024.12`).
    deadline_tail(chars, parts.end, end)?;
    Some(checked(parts, date_start).map(|date| Target::Date {
        op,
        date,
        start: None,
    }))
}

/// A period at `at`: two dates joined by `-`, `~`, `至` or `到`, the second
/// taking the first's year when it has none (`2024年3月-11月`), or months
/// of the form's year (`1-12月`, `3月-11月`). The end is the deadline.
fn parse_period(chars: &[char], at: usize, end: usize) -> Option<Result<Target, TargetError>> {
    const SEPARATORS: &[&str] = &["-", "~", "至", "到"];
    // `1-12月`: a month number, a separator, then a month.
    let first = match read_date(chars, at, true) {
        Some(Ok(p)) => p,
        Some(Err(_)) => return None,
        None => {
            let (m, j) = read_uint(chars, at)?;
            if !(1..=12).contains(&m) || j - at > 2 {
                return None;
            }
            DateParts {
                month: Some(m),
                end: j,
                ..DateParts::default()
            }
        }
    };
    let sep = skip_spaces(chars, first.end);
    let len = one_of(chars, sep, SEPARATORS)?;
    let second_at = skip_spaces(chars, sep + len);
    let mut second = match read_date(chars, second_at, true)? {
        Ok(p) => p,
        Err(pos) => {
            return Some(Err(TargetError {
                pos,
                kind: TargetErrorKind::BadDate,
            }))
        }
    };
    deadline_tail(chars, second.end, end)?;
    // A bare first number is a month only when the second is one too.
    if first.year.is_none() && first.month.is_some() && second.month.is_none() {
        return None;
    }
    if second.year.is_none() {
        second.year = first.year;
    }
    let start_date = match checked(first, at) {
        Ok(d) => d,
        Err(e) => return Some(Err(e)),
    };
    let end_date = match checked(second, second_at) {
        Ok(d) => d,
        Err(e) => return Some(Err(e)),
    };
    let in_order = match (start_date.year, end_date.year) {
        (Some(_), Some(_)) => start_date.day_number() <= end_date.day_number(),
        _ => start_date.month <= end_date.month,
    };
    if !in_order {
        return Some(Err(TargetError {
            pos: second_at,
            kind: TargetErrorKind::PeriodOrder,
        }));
    }
    Some(Ok(Target::Date {
        op: Op::Le,
        date: end_date,
        start: Some(start_date),
    }))
}

/// A tolerance band: `±5%`, `±5%以内`, `误差±5%`, `偏差率±5%`, `100±5`.
fn parse_band(
    text: &str,
    chars: &[char],
    start: usize,
    end: usize,
) -> Option<Result<Target, TargetError>> {
    let pm = (start..end).find(|&i| chars[i] == '±' || starts_with_at(chars, i, "+/-"))?;
    let pm_len = if chars[pm] == '±' { 1 } else { 3 };
    // What stands before `±`: nothing, a word such as 误差, or a centre value.
    let mut i = start;
    if let Some(n) = one_of(chars, i, BAND_WORDS) {
        i = skip_spaces(chars, i + n);
    }
    // `≤±5%`: a comparator before the band says nothing more.
    if let Some((_, n, _)) = parse_comparator(chars, i) {
        i = skip_spaces(chars, i + n);
    }
    let centre = if i < pm {
        let num_end = scan_number(chars, i);
        if num_end == i || skip_spaces(chars, num_end) != pm {
            return None;
        }
        match number_at(text, i, num_end) {
            Ok(v) => Some(v),
            Err(e) => return Some(Err(e)),
        }
    } else {
        None
    };
    let n_at = skip_spaces(chars, pm + pm_len);
    let num_end = scan_number(chars, n_at);
    if num_end == n_at {
        return Some(Err(TargetError {
            pos: n_at,
            kind: TargetErrorKind::MissingNumber,
        }));
    }
    let tolerance = match number_at(text, n_at, num_end) {
        Ok(v) => v.abs(),
        Err(e) => return Some(Err(e)),
    };
    let mut unit_end = end;
    if let Some(n) = ["以内", "之内", "内"]
        .iter()
        .find(|s| chars[..end].ends_with(&s.chars().collect::<Vec<_>>()))
        .map(|s| s.chars().count())
    {
        unit_end -= n;
    }
    let unit_start = skip_spaces(chars, num_end);
    let unit: String = chars[unit_start.min(unit_end)..unit_end]
        .iter()
        .collect::<String>()
        .trim()
        .to_string();
    if unit.chars().any(|c| c.is_ascii_digit()) || unit.chars().count() > 12 {
        return None;
    }
    Some(Ok(Target::Band {
        centre,
        tolerance,
        unit: canonical_unit(unit),
    }))
}

/// The number in `text` from character `from` to `to`, or why not.
fn number_at(text: &str, from: usize, to: usize) -> Result<Decimal, TargetError> {
    let number_text: String = text.chars().skip(from).take(to - from).collect();
    parse_decimal(&number_text).map_err(|e| match e {
        NumError::BadChar { pos, ch } => TargetError {
            pos: from + pos,
            kind: TargetErrorKind::Number(NumError::BadChar {
                pos: from + pos,
                ch,
            }),
        },
        e => TargetError {
            pos: from,
            kind: TargetErrorKind::Number(e),
        },
    })
}

/// A unit as it is kept: `百分比` and `百分率` are `%`, and `%` followed by
/// words (`100%覆盖`, `95%达标`) is `%`.
fn canonical_unit(unit: String) -> String {
    if unit == "百分比" || unit == "百分率" {
        return "%".to_string();
    }
    if let Some(rest) = unit.strip_prefix('%') {
        if !rest.is_empty() && rest.chars().all(is_han) {
            return "%".to_string();
        }
    }
    unit
}

/// Measure words that end a quantity in prose (`2次宣传`, `3个村`).
const MEASURE_WORDS: &str = "次个人户项场期所处家篇份批台辆座名条件本套";

/// Reads a target as a person types it. Never panics; unreadable text is
/// [`Target::Invalid`] with its position.
pub fn parse_target(text: &str) -> Target {
    parse(text, false)
}

/// Reads an actual value's text as [`parse_target`] reads a target, but an
/// approximate number (`200余人`) is the number: an actual says what was
/// done, not what must be.
pub(super) fn parse_lenient(text: &str) -> Target {
    parse(text, true)
}

fn parse(text: &str, approximate_ok: bool) -> Target {
    let chars: Vec<char> = normalize(text).chars().collect();
    let invalid = |error: TargetError| Target::Invalid {
        text: text.to_string(),
        error,
        given: None,
    };
    let at = |pos: usize, kind| invalid(TargetError { pos, kind });
    let start = skip_spaces(&chars, 0);
    let mut end = chars.len();
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start == end {
        return at(0, TargetErrorKind::Empty);
    }
    // `/`, `一`, `—`: a cell marked as not applicable, or a dash that
    // scanning turned into a character. Not a target.
    if chars[start..end]
        .iter()
        .all(|c| c.is_ascii_punctuation() || matches!(c, '一' | '―' | '─' | '×' | '、' | '。'))
    {
        return at(start, TargetErrorKind::NoContent);
    }
    if let Some(r) = parse_band(text, &chars, start, end) {
        return r.unwrap_or_else(invalid);
    }
    if let Some(r) = parse_date(&chars, start, end) {
        return r.unwrap_or_else(invalid);
    }
    for w in APPROXIMATE {
        if starts_with_at(&chars, start, w) && chars[start..end].iter().any(|c| c.is_ascii_digit())
        {
            return at(start, TargetErrorKind::Approximate(w.to_string()));
        }
    }
    let qualitative = || Target::Qualitative {
        text: chars[start..end].iter().collect::<String>(),
    };
    let mut i = start;
    let mut op = None;
    let mut word_op = false;
    if let Some((o, len, word)) = parse_comparator(&chars, i) {
        op = Some(o);
        word_op = word;
        i = skip_spaces(&chars, i + len);
    }
    // `每亩300`, `每人每月800元`: the amount per unit, the unit after it.
    let mut per = String::new();
    while starts_with_at(&chars, i, "每") && chars.get(i + 1).copied().is_some_and(is_han) {
        let mut j = i + 2;
        if chars.get(j).copied().is_some_and(is_han) && !starts_with_at(&chars, j, "每") {
            j += 1;
        }
        per.push('/');
        per.extend(&chars[i + 1..j]);
        i = j;
    }
    // `每约…`: an approximate word is no unit, here as after the number
    // (and as in the object form, which `unit_error` checks).
    if let Some(w) = APPROXIMATE.iter().find(|w| per.contains(**w)) {
        return at(start, TargetErrorKind::Approximate(w.to_string()));
    }
    let mut percent_prefix = false;
    if starts_with_at(&chars, i, "百分之") {
        percent_prefix = true;
        i += 3;
    }
    let mut num_end = scan_number(&chars, i);
    // In prose (`至少全年完成2次宣传`) the unit is the measure word after the
    // number; the words after it say what is counted.
    let mut prose = false;
    if num_end == i && word_op {
        // A word comparator, a few words, then the quantity.
        let filler = (i..end).take(4).take_while(|&k| is_han(chars[k])).count();
        let n_end = scan_number(&chars, i + filler);
        if filler > 0 && n_end > i + filler {
            i += filler;
            num_end = n_end;
            prose = true;
        }
    }
    if num_end == i {
        // No number here. A word comparator or plain prose is a qualitative
        // phrase ("达到预期", "群众满意"); a bare symbol is a missing number.
        return match op {
            Some(_) if !word_op => at(i, TargetErrorKind::MissingNumber),
            Some(_) => qualitative(),
            None => {
                // Two characters before a number that are no comparator
                // (`到0次`, `第3批`): text gone wrong, not a phrase.
                let lead = (i..end).take(3).take_while(|&k| is_han(chars[k])).count();
                let n_end = scan_number(&chars, i + lead);
                let tail_ok = n_end > i + lead && {
                    let tail = &chars[n_end..end];
                    tail.len() <= 4 && !tail.iter().any(|c| c.is_ascii_digit())
                };
                if lead > 0 && lead <= 2 && tail_ok {
                    let word: String = chars[i..i + lead].iter().collect();
                    at(i, TargetErrorKind::Prefix(word))
                } else {
                    qualitative()
                }
            }
        };
    }
    let value = match number_at(text, i, num_end) {
        Ok(v) => v,
        Err(e) => return invalid(e),
    };
    // The unit runs to the end, less a comparator suffix.
    let mut unit_end = end;
    let rest: String = chars[num_end..end].iter().collect();
    for w in APPROXIMATE {
        if rest.contains(w) {
            return at(num_end, TargetErrorKind::Approximate(w.to_string()));
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
    let unit: String = chars[unit_start.min(unit_end)..unit_end].iter().collect();
    if let Some(first) = unit.chars().next() {
        if matches!(first, '-' | '~' | '至' | '到')
            && unit.chars().skip(1).any(|c| c.is_ascii_digit())
        {
            return at(unit_start, TargetErrorKind::Range);
        }
        if first.is_ascii_digit() || first == '.' || first == ',' {
            return at(unit_start, TargetErrorKind::Trailing(unit));
        }
    }
    // `200余人`, `600多人`: about so many. An approximate target is no
    // target; an actual value is read as the number.
    let unit = match unit.strip_prefix(['余', '多']) {
        Some(_) if !approximate_ok => {
            let word = if unit.starts_with('余') {
                "余"
            } else {
                "多"
            };
            return at(unit_start, TargetErrorKind::Approximate(word.to_string()));
        }
        Some(rest) => rest.to_string(),
        None => unit,
    };
    // What follows the number must be a unit: no digits in it (`5=50%`),
    // and not a lone sign other than those units use (`290$`).
    if has_digit_or_is_symbol(&unit) {
        return at(unit_start, TargetErrorKind::Trailing(unit));
    }
    let unit = if prose {
        // `次宣传` → `次`: the measure word alone.
        match unit.chars().next() {
            Some(c) if MEASURE_WORDS.contains(c) && unit.chars().count() > 1 => c.to_string(),
            _ => unit,
        }
    } else {
        unit
    };
    if unit.chars().count() > 12 && op.is_none() {
        // A sentence that happens to open with a number: prose, not a quantity.
        return qualitative();
    }
    if unit.chars().count() > 12 {
        return at(unit_start, TargetErrorKind::Trailing(unit));
    }
    let mut unit = canonical_unit(unit);
    if percent_prefix && unit.is_empty() {
        unit = "%".to_string();
    }
    unit.push_str(&per);
    // What is read here is written in the object form, whose unit is
    // checked by `unit_error`: a unit it would refuse is refused here too,
    // so that writing a target and reading it back gives the same target
    // (the fuzzer found `每亩0` followed by 11 characters of noise: each
    // part short enough here, the unit with its `/亩` too long there).
    if let Some(kind) = unit_error(&unit, false) {
        return at(unit_start, kind);
    }
    Target::Quantity { op, value, unit }
}

/// True for text after a number that cannot be a unit: digits in it
/// (`5=50%`), or a lone sign other than those units use (`290$`).
fn has_digit_or_is_symbol(unit: &str) -> bool {
    let symbol_only = !unit.is_empty()
        && unit
            .chars()
            .all(|c| !c.is_alphanumeric() && !"%‰℃°㎡㎞²³/·".contains(c));
    unit.chars().any(|c| c.is_ascii_digit()) || symbol_only
}

/// Why the unit of a target given as an object (`{"op": ">=", "value":
/// "5", "unit": "…"}`) is no unit, by the checks the grammar makes of the
/// unit after a typed number, so that a target is checked the same in
/// either form; `None` for a unit (or none). The unit of a tolerance band
/// (`band`) gets the checks of a typed band's unit: no digits, no more than
/// twelve characters.
pub(super) fn unit_error(unit: &str, band: bool) -> Option<TargetErrorKind> {
    let n = normalize(unit);
    let unit = n.trim();
    if band {
        let bad = unit.chars().any(|c| c.is_ascii_digit()) || unit.chars().count() > 12;
        return bad.then(|| TargetErrorKind::Trailing(unit.to_string()));
    }
    if let Some(w) = APPROXIMATE.iter().find(|w| unit.contains(**w)) {
        return Some(TargetErrorKind::Approximate(w.to_string()));
    }
    let first = unit.chars().next()?;
    if matches!(first, '-' | '~' | '至' | '到') && unit.chars().skip(1).any(|c| c.is_ascii_digit())
    {
        return Some(TargetErrorKind::Range);
    }
    if matches!(first, '余' | '多') {
        return Some(TargetErrorKind::Approximate(first.to_string()));
    }
    if first.is_ascii_digit()
        || matches!(first, '.' | ',')
        || has_digit_or_is_symbol(unit)
        || unit.chars().count() > 12
    {
        return Some(TargetErrorKind::Trailing(unit.to_string()));
    }
    None
}

/// The unit, and the comparator if any, that the indicator's name gives in
/// a trailing bracket, as many tables do when the target column holds the
/// number alone: `新建村级服务站（处）` → 处, `公猪舍(≥**平方米)` → ≥ 平方米,
/// `资金拨付率(%)` → %. `None` when the name ends otherwise, or the bracket
/// holds something that is not a unit (digits, a long phrase).
pub fn unit_in_name(name: &str) -> Option<(Option<Op>, String)> {
    let chars: Vec<char> = normalize(name.trim()).chars().collect();
    if chars.last() != Some(&')') {
        return None;
    }
    let open = chars.iter().rposition(|c| *c == '(')?;
    let mut i = open + 1;
    let close = chars.len() - 1;
    let mut op = None;
    if let Some((o, len, false)) = parse_comparator(&chars, i) {
        op = Some(o);
        i += len;
    }
    while i < close && matches!(chars[i], '*' | '×' | 'x' | 'X' | '_' | ' ') {
        i += 1;
    }
    let unit: String = chars[i..close].iter().collect();
    let n = unit.chars().count();
    let unit_like = unit
        .chars()
        .all(|c| is_han(c) || c.is_ascii_alphabetic() || "%/·²³".contains(c));
    ((1..=5).contains(&n) && unit_like && !NOT_UNITS.contains(&unit.as_str()))
        .then(|| (op, canonical_unit(unit)))
}

/// Words that end names in brackets but are no unit.
const NOT_UNITS: &[&str] = &[
    "含", "暂定", "试行", "新增", "延续", "续建", "必填", "选填", "可选",
];
