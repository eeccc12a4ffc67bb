//! Targets (指标值) and actual values (实际完成值): typed, parsed from what people type.
//!
//! A target is quantitative (comparator, number, unit), a date or deadline, a
//! qualitative phrase, or text that could not be read. [`parse_target`] reads
//! the forms found in the official tables: symbol comparators and their
//! look-alikes (`≥ ≧ >= ＞ = ═ ﹦ ＝ ≤ ≦ <= ＜`), word comparators (`不低于`,
//! `不少于`, `达到`, `不高于`, `不超过`, `控制在…以内`, `…以上`), full-width
//! digits, thousands separators, spaces, units (`%`, `百分比`, `人次`, `万元`,
//! `元/人*月` …), dates and deadlines (`2024-12-31`, `2024年12月31日前`,
//! `12月底前`, `年底前`). Unreadable text becomes [`Target::Invalid`] with the
//! offending position and a Chinese message, never a panic.
//!
//! [`parse_actual`] reads an actual value: a number with or without its unit
//! or a comparator (`21980人`, `≥95%`), a date, or a qualitative level
//! (`达成` / `部分达成` / `未达成` and their long official forms).
//!
//! In JSON a target is written in the object form of format v1 and read from
//! either the object form or a string as a person writes it.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::json::{self, At, Obj, Read};

use crate::num::{parse_decimal, Num, NumError};
use crate::text::normalize;

/// A comparator. `Ge`/`Gt` are positive indicators (more is better),
/// `Le`/`Lt` reverse indicators (less is better).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    Ge,
    Gt,
    Eq,
    Le,
    Lt,
}

impl Op {
    /// The ASCII form used in format v1 (`>=`, `<=` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Eq => "=",
            Op::Le => "<=",
            Op::Lt => "<",
        }
    }

    /// The form printed in the official tables (`≥`, `≤` …).
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Eq => "=",
            Op::Le => "≤",
            Op::Lt => "<",
        }
    }

    /// Reads the v1 form or any symbol or word comparator.
    pub fn parse(s: &str) -> Option<Op> {
        let n = normalize(s);
        let t = n.trim();
        if t.is_empty() {
            return None;
        }
        let chars: Vec<char> = t.chars().collect();
        match parse_comparator(&chars, 0) {
            Some((op, len, _)) if len == chars.len() => Some(op),
            _ => None,
        }
    }

    /// True for reverse indicators (less is better).
    pub fn is_reverse(self) -> bool {
        matches!(self, Op::Le | Op::Lt)
    }
}

/// A date as the tables give it: a day, or a whole month (`2024-12`, `12月底`).
/// A date typed without a year (`12月底前`) has `year: None` until the
/// document's year fills it in ([`Target::with_year`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: u8,
    pub day: Option<u8>,
}

impl PartialDate {
    /// The last day this date covers: the day itself, or the month's last day.
    pub fn last_day(self) -> u8 {
        self.day
            .unwrap_or_else(|| days_in_month(self.year.unwrap_or(2001), self.month))
    }

    /// Days since 0000-03-01 of the last day covered, for comparing and for
    /// days-late arithmetic; `None` without a year.
    pub fn day_number(self) -> Option<i64> {
        let y = self.year? as i64;
        let (m, d) = (self.month as i64, self.last_day() as i64);
        let (y, m) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
        Some(365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 1)
    }

    /// Reads `YYYY-MM-DD` or `YYYY-MM` (the v1 form) or any date form of the tables.
    pub fn parse(s: &str) -> Option<PartialDate> {
        match parse_target(s) {
            Target::Date { date, .. } => Some(date),
            _ => None,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.year, self.day) {
            (Some(y), Some(d)) => write!(f, "{y:04}-{:02}-{d:02}", self.month),
            (Some(y), None) => write!(f, "{y:04}-{:02}", self.month),
            (None, Some(d)) => write!(f, "{}月{}日", self.month, d),
            (None, None) => write!(f, "{}月底", self.month),
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Why a target or actual value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetErrorKind {
    Empty,
    /// A comparator with no number after it (`≥`, `不低于%`).
    MissingNumber,
    /// The number itself is unreadable or out of range.
    Number(NumError),
    /// A range such as `90-95%`: a target needs one bound.
    Range,
    /// An approximate value (`约`, `左右`): not a measurable target.
    Approximate(String),
    /// A date that does not exist or is malformed (`2024年13月`).
    BadDate,
    /// Text after the number that is not a unit (`95%以上左右`).
    Trailing(String),
    /// An actual value that is none of: number, date, 达成/部分达成/未达成.
    NotAValue,
}

/// A parse error: what went wrong and where (character index in the typed text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetError {
    pub pos: usize,
    pub kind: TargetErrorKind,
}

impl TargetError {
    /// The message shown to the person, in Chinese.
    pub fn message(&self) -> String {
        let at = self.pos + 1;
        match &self.kind {
            TargetErrorKind::Empty => "未填写。".to_string(),
            TargetErrorKind::MissingNumber => {
                format!("第{at}个字符处缺少数值：比较符号后面应跟数字，如“≥95%”。")
            }
            TargetErrorKind::Number(e) => format!("数值无法识别：{}", e.message()),
            TargetErrorKind::Range => {
                "区间值无法作为指标值，请只填写下限（≥）或上限（≤），如“≥90%”。".to_string()
            }
            TargetErrorKind::Approximate(w) => {
                format!("“{w}”表示约数，指标值应为确定的数值，如“≥95%”。")
            }
            TargetErrorKind::BadDate => {
                format!("第{at}个字符处的日期无效，请写成“2024年12月31日前”或“2024-12-31”。")
            }
            TargetErrorKind::Trailing(t) => {
                format!("数值后的“{t}”不是计量单位，请只写单位，如“%”“人次”“万元”。")
            }
            TargetErrorKind::NotAValue => {
                "实际完成值应为数值、日期，或“达成”“部分达成”“未达成”之一。".to_string()
            }
        }
    }
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// A typed target (指标值).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Comparator, number and unit. `op: None` is a bare number (`8755`,
    /// `100%`): met when the actual reaches it, worth a warning on a goal form.
    /// `unit` is empty when none was given.
    Quantity {
        op: Option<Op>,
        value: Decimal,
        unit: String,
    },
    /// A date or deadline (时效). `Le` is "on or before" (`2024年12月31日前`).
    Date { op: Op, date: PartialDate },
    /// A qualitative phrase (定性): measurable only as a graded level.
    Qualitative { text: String },
    /// Text that could not be read, kept as typed, with why.
    Invalid { text: String, error: TargetError },
}

impl Default for Target {
    fn default() -> Target {
        Target::Invalid {
            text: String::new(),
            error: TargetError {
                pos: 0,
                kind: TargetErrorKind::Empty,
            },
        }
    }
}

impl Target {
    /// The comparator, where the target has one.
    pub fn op(&self) -> Option<Op> {
        match self {
            Target::Quantity { op, .. } => *op,
            Target::Date { op, .. } => Some(*op),
            _ => None,
        }
    }

    /// Fills in the year of a date typed without one (`12月底前`).
    pub fn with_year(self, year: i32) -> Target {
        match self {
            Target::Date { op, mut date } if date.year.is_none() => {
                date.year = Some(year);
                Target::Date { op, date }
            }
            other => other,
        }
    }
}

/// A whole number from 1 to 12: followed by `月` it names a month.
fn is_month_number(value: &Decimal) -> bool {
    value.fract().is_zero() && *value >= Decimal::ONE && *value <= Decimal::from(12)
}

impl fmt::Display for Target {
    /// The form printed in the official tables; [`parse_target`] reads it back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Quantity { op, value, unit } => {
                if let Some(op) = op {
                    f.write_str(op.symbol())?;
                }
                // `3月` reads as March: three months (from a JSON object
                // with the unit `月`) are written `3个月`.
                if unit == "月" && is_month_number(value) {
                    write!(f, "{value}个月")
                } else {
                    write!(f, "{value}{unit}")
                }
            }
            Target::Date { op, date } => match (op, date.year) {
                (Op::Le, None) => write!(f, "{date}前"),
                _ => write!(f, "{}{date}", op.symbol()),
            },
            Target::Qualitative { text } => f.write_str(text),
            Target::Invalid { text, .. } => f.write_str(text),
        }
    }
}

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
fn parse_comparator(chars: &[char], at: usize) -> Option<(Op, usize, bool)> {
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

/// The three qualitative levels of a self-evaluation (财预〔2020〕10号).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// 达成年度指标: 80%–100% of the weight.
    Met,
    /// 部分达成年度指标并具有一定效果: 60%–80%.
    Partial,
    /// 未达成年度指标且效果较差: 0–60%.
    NotMet,
}

impl Level {
    /// The official short name.
    pub fn name(self) -> &'static str {
        match self {
            Level::Met => "达成",
            Level::Partial => "部分达成",
            Level::NotMet => "未达成",
        }
    }

    /// Reads the official level strings and the short forms people write.
    pub fn parse(text: &str) -> Option<Level> {
        let n = normalize(text);
        let t: String = n
            .chars()
            .filter(|c| !c.is_whitespace() && !"。.，,".contains(*c))
            .collect();
        const PARTIAL: &[&str] = &[
            "部分达成",
            "基本达成",
            "部分完成",
            "基本完成",
            "部分实现",
            "基本实现",
        ];
        const NOT_MET: &[&str] = &["未达成", "未完成", "未实现", "没有达成", "未达到"];
        const MET: &[&str] = &[
            "达成",
            "已达成",
            "完成",
            "已完成",
            "全部完成",
            "实现",
            "已实现",
            "达到",
            "已达到",
        ];
        if PARTIAL.iter().any(|p| t.starts_with(p)) {
            Some(Level::Partial)
        } else if NOT_MET.iter().any(|p| t.starts_with(p)) {
            Some(Level::NotMet)
        } else if MET.iter().any(|p| t.starts_with(p)) && t.chars().count() <= 12 {
            Some(Level::Met)
        } else {
            None
        }
    }
}

/// A typed actual value (实际完成值).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actual {
    /// A number, with the unit and comparator it was printed with, if any.
    Number {
        op: Option<Op>,
        value: Decimal,
        unit: String,
    },
    Date(PartialDate),
    Level(Level),
    Invalid(TargetError),
}

/// Reads an actual value as a person types it.
pub fn parse_actual(text: &str) -> Actual {
    if let Some(level) = Level::parse(text) {
        return Actual::Level(level);
    }
    match parse_target(text) {
        Target::Quantity { op, value, unit } => Actual::Number { op, value, unit },
        Target::Date { date, .. } => Actual::Date(date),
        Target::Invalid { error, .. } => Actual::Invalid(error),
        Target::Qualitative { .. } => Actual::Invalid(TargetError {
            pos: 0,
            kind: TargetErrorKind::NotAValue,
        }),
    }
}

/// An actual value as stored in the model: the text as typed, and its reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActualValue {
    pub text: String,
    pub parsed: Actual,
}

impl ActualValue {
    pub fn new(text: &str) -> ActualValue {
        ActualValue {
            text: text.to_string(),
            parsed: parse_actual(text),
        }
    }
}

impl Serialize for ActualValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl ActualValue {
    /// Reads an actual value: text, or a JSON number whose text is kept exactly.
    pub fn read(v: &Value, at: &At) -> Read<ActualValue> {
        Ok(ActualValue::new(&json::num(v, at)?.text()))
    }
}

/// The object form of format v1, for reading and writing.
#[derive(Serialize, Default)]
struct TargetObject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    op: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<Num>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    qualitative: Option<String>,
    /// Written as `true` for a bare number (no comparator typed); `op` then says `=`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    bare: bool,
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let obj = match self {
            Target::Quantity { op, value, unit } => TargetObject {
                op: Some(op.unwrap_or(Op::Eq).as_str().to_string()),
                value: Some(Num::Valid(*value)),
                unit: Some(unit.clone()),
                bare: op.is_none(),
                ..TargetObject::default()
            },
            Target::Date { op, date } if date.year.is_some() => TargetObject {
                op: Some(op.as_str().to_string()),
                date: Some(date.to_string()),
                ..TargetObject::default()
            },
            Target::Qualitative { text } => TargetObject {
                qualitative: Some(text.clone()),
                ..TargetObject::default()
            },
            // A date with no year yet, or unreadable text: the string as typed.
            other => return s.serialize_str(&other.to_string()),
        };
        obj.serialize(s)
    }
}

impl Target {
    /// Reads a target in either form of format v1: the text as typed
    /// (`"≥95%"`), or an object (`{"op": ">=", "value": "95", "unit": "%"}`).
    pub fn read(v: &Value, at: &At) -> Read<Target> {
        match v {
            Value::String(t) => Ok(parse_target(t)),
            Value::Object(_) => {
                let o = Obj::of(v, at)?;
                Ok(from_object(TargetObject {
                    op: o.opt_string("op")?,
                    value: o.num("value")?,
                    unit: o.opt_string("unit")?,
                    date: o.opt_string("date")?,
                    qualitative: o.opt_string("qualitative")?,
                    bare: o.bool("bare")?.unwrap_or(false),
                }))
            }
            other => Err(at.expected(
                "指标值文本（如“≥95%”）或对象（如 {\"op\": \">=\", \"value\": \"95\", \"unit\": \"%\"}）",
                other,
            )),
        }
    }
}

fn from_object(o: TargetObject) -> Target {
    if let Some(text) = o.qualitative {
        return Target::Qualitative { text };
    }
    let op_text = o.op.unwrap_or_default();
    let typed = format!(
        "{}{}{}{}",
        op_text,
        o.value.as_ref().map(Num::text).unwrap_or_default(),
        o.date.clone().unwrap_or_default(),
        o.unit.clone().unwrap_or_default()
    );
    let op = if op_text.trim().is_empty() {
        None
    } else {
        match Op::parse(&op_text) {
            Some(op) => Some(op),
            None => {
                return Target::Invalid {
                    text: typed,
                    error: TargetError {
                        pos: 0,
                        kind: TargetErrorKind::MissingNumber,
                    },
                }
            }
        }
    };
    if let Some(date) = o.date {
        return match parse_target(&date) {
            Target::Date { date, op: typed_op } => Target::Date {
                op: op.unwrap_or(typed_op),
                date,
            },
            _ => Target::Invalid {
                text: typed,
                error: TargetError {
                    pos: 0,
                    kind: TargetErrorKind::BadDate,
                },
            },
        };
    }
    match o.value {
        Some(Num::Valid(value)) => Target::Quantity {
            op: if o.bare && op == Some(Op::Eq) {
                None
            } else {
                op
            },
            value,
            unit: o.unit.map(|u| normalize(u.trim())).unwrap_or_default(),
        },
        Some(Num::Invalid { error, .. }) => Target::Invalid {
            text: typed,
            error: TargetError {
                pos: 0,
                kind: TargetErrorKind::Number(error),
            },
        },
        None => Target::Invalid {
            text: typed,
            error: TargetError {
                pos: 0,
                kind: TargetErrorKind::MissingNumber,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads JSON text as a document's `target` field is read.
    fn target_json(text: &str) -> Target {
        let v: Value = serde_json::from_str(text).unwrap();
        Target::read(&v, &At::ROOT).unwrap()
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn quantity(op: Option<Op>, value: &str, unit: &str) -> Target {
        Target::Quantity {
            op,
            value: d(value),
            unit: unit.to_string(),
        }
    }

    fn date(op: Op, y: Option<i32>, m: u8, day: Option<u8>) -> Target {
        Target::Date {
            op,
            date: PartialDate {
                year: y,
                month: m,
                day,
            },
        }
    }

    fn check(input: &str, expected: Target) {
        assert_eq!(parse_target(input), expected, "parse_target({input:?})");
    }

    fn check_err(input: &str, pos: usize, kind: TargetErrorKind) {
        match parse_target(input) {
            Target::Invalid { text, error } => {
                assert_eq!(text, input);
                assert_eq!(error, TargetError { pos, kind }, "parse_target({input:?})");
            }
            other => panic!("parse_target({input:?}) = {other:?}, expected an error"),
        }
    }

    #[test]
    fn symbol_comparators() {
        use Op::*;
        for (input, op) in [
            ("≥95%", Ge),
            ("≧95%", Ge),
            (">=95%", Ge),
            ("＞＝95%", Ge),
            ("＞95%", Gt),
            (">95%", Gt),
            ("=95%", Eq),
            ("═95%", Eq),
            ("﹦95%", Eq),
            ("＝95%", Eq),
            ("≤95%", Le),
            ("≦95%", Le),
            ("<=95%", Le),
            ("＜95%", Lt),
            ("<95%", Lt),
        ] {
            check(input, quantity(Some(op), "95", "%"));
        }
    }

    #[test]
    fn months_that_are_not_a_month_are_a_number_of_months() {
        // 1–12 followed by 月 is a month (a deadline); other numbers are a
        // duration.
        check("≥3月", date(Op::Ge, None, 3, None));
        check("≤13月", quantity(Some(Op::Le), "13", "月"));
        check("0月", quantity(None, "0", "月"));
        check("≤24月", quantity(Some(Op::Le), "24", "月"));
        check_err("13月31日前", 0, TargetErrorKind::BadDate);
        // Three months given as an object with the unit 月 are written so
        // that they read back as three months, not as March.
        for (t, shown) in [
            (quantity(Some(Op::Le), "3", "月"), "≤3个月"),
            (quantity(None, "12", "月"), "12个月"),
            (quantity(None, "13", "月"), "13月"),
            (quantity(None, "3.5", "月"), "3.5月"),
        ] {
            assert_eq!(t.to_string(), shown);
            match parse_target(shown) {
                Target::Quantity { value, unit, .. } => {
                    assert_eq!(
                        value,
                        d(shown.trim_start_matches('≤').trim_end_matches(['个', '月']))
                    );
                    assert!(unit.ends_with('月'), "{shown}: {unit}");
                }
                other => panic!("{shown} read back as {other:?}"),
            }
        }
    }

    #[test]
    fn word_comparators() {
        check("不低于85%", quantity(Some(Op::Ge), "85", "%"));
        check("不少于500人次", quantity(Some(Op::Ge), "500", "人次"));
        check("达到100%", quantity(Some(Op::Ge), "100", "%"));
        check("不高于120万元", quantity(Some(Op::Le), "120", "万元"));
        check("不超过3天", quantity(Some(Op::Le), "3", "天"));
        check("控制在120万元以内", quantity(Some(Op::Le), "120", "万元"));
        check("90%以上", quantity(Some(Op::Ge), "90", "%"));
        check("30天内", quantity(Some(Op::Le), "30", "天"));
        check("超过10个", quantity(Some(Op::Gt), "10", "个"));
        check("低于5%", quantity(Some(Op::Lt), "5", "%"));
    }

    #[test]
    fn numbers_and_units_as_typed() {
        check("≧735 人次", quantity(Some(Op::Ge), "735", "人次"));
        check("═100 %", quantity(Some(Op::Eq), "100", "%"));
        check(
            "≥１，２００．５万元",
            quantity(Some(Op::Ge), "1200.5", "万元"),
        );
        check("1,200.5万元", quantity(None, "1200.5", "万元"));
        check("8755", quantity(None, "8755", ""));
        check("100%", quantity(None, "100", "%"));
        check("≥100百分比", quantity(Some(Op::Ge), "100", "%"));
        check("≥百分之95", quantity(Some(Op::Ge), "95", "%"));
        check("≤583元/人*月", quantity(Some(Op::Le), "583", "元/人*月"));
        check("≤ 30 元/亩", quantity(Some(Op::Le), "30", "元/亩"));
        check("＝12个", quantity(Some(Op::Eq), "12", "个"));
        check("≥0.5公里", quantity(Some(Op::Ge), "0.5", "公里"));
        check("≥-5%", quantity(Some(Op::Ge), "-5", "%"));
    }

    #[test]
    fn dates_and_deadlines() {
        check("2024-12-31", date(Op::Le, Some(2024), 12, Some(31)));
        check("≤2024-12-31", date(Op::Le, Some(2024), 12, Some(31)));
        check("2024年12月31日前", date(Op::Le, Some(2024), 12, Some(31)));
        check(
            "2024年12月31日之前完成",
            date(Op::Le, Some(2024), 12, Some(31)),
        );
        check("2024年6月底前", date(Op::Le, Some(2024), 6, None));
        check("2024年底前", date(Op::Le, Some(2024), 12, None));
        check("12月底前", date(Op::Le, None, 12, None));
        check("年底前", date(Op::Le, None, 12, None));
        check("不晚于2024/10/1", date(Op::Le, Some(2024), 10, Some(1)));
        check("2024-12", date(Op::Le, Some(2024), 12, None));
        check("2024.12.31", date(Op::Le, Some(2024), 12, Some(31)));
        check("2024.12", quantity(None, "2024.12", ""));
    }

    #[test]
    fn qualitative_phrases() {
        for text in [
            "明显改善",
            "群众出行条件明显改善",
            "达到预期",
            "合规",
            "有效",
            "符合GB5749-2022标准",
        ] {
            check(
                text,
                Target::Qualitative {
                    text: text.to_string(),
                },
            );
        }
        check(
            " 有效 ",
            Target::Qualitative {
                text: "有效".to_string(),
            },
        );
    }

    #[test]
    fn unreadable_targets() {
        check_err("", 0, TargetErrorKind::Empty);
        check_err("  ", 0, TargetErrorKind::Empty);
        check_err("≥", 1, TargetErrorKind::MissingNumber);
        check_err("≥%", 1, TargetErrorKind::MissingNumber);
        check_err("90-95%", 2, TargetErrorKind::Range);
        check_err("约95%", 0, TargetErrorKind::Approximate("约".to_string()));
        check_err("2024年13月31日前", 0, TargetErrorKind::BadDate);
        check_err("2023-02-29", 0, TargetErrorKind::BadDate);
        check_err("≥1e400", 1, TargetErrorKind::Number(NumError::OutOfRange));
        check_err(
            "≥95%以上左右",
            3,
            TargetErrorKind::Approximate("左右".to_string()),
        );
    }

    #[test]
    fn actual_values() {
        assert_eq!(
            parse_actual("21980人"),
            Actual::Number {
                op: None,
                value: d("21980"),
                unit: "人".to_string()
            }
        );
        assert_eq!(
            parse_actual("≥95%"),
            Actual::Number {
                op: Some(Op::Ge),
                value: d("95"),
                unit: "%".to_string()
            }
        );
        assert_eq!(
            parse_actual("583元/人*月"),
            Actual::Number {
                op: None,
                value: d("583"),
                unit: "元/人*月".to_string()
            }
        );
        assert_eq!(
            parse_actual("118"),
            Actual::Number {
                op: None,
                value: d("118"),
                unit: String::new()
            }
        );
        assert_eq!(
            parse_actual("2024-11-30"),
            Actual::Date(PartialDate {
                year: Some(2024),
                month: 11,
                day: Some(30)
            })
        );
        assert_eq!(parse_actual("达成"), Actual::Level(Level::Met));
        assert_eq!(parse_actual("达成年度指标"), Actual::Level(Level::Met));
        assert_eq!(parse_actual("达成预期指标"), Actual::Level(Level::Met));
        assert_eq!(
            parse_actual("部分达成年度指标并具有一定效果"),
            Actual::Level(Level::Partial)
        );
        assert_eq!(
            parse_actual("未达成年度指标且效果较差"),
            Actual::Level(Level::NotMet)
        );
        assert_eq!(parse_actual("基本完成"), Actual::Level(Level::Partial));
        assert!(matches!(parse_actual("很好"), Actual::Invalid(_)));
        assert!(matches!(parse_actual(""), Actual::Invalid(_)));
    }

    #[test]
    fn json_object_and_string_forms() {
        let t = target_json(r#"{"op": ">=", "value": "95", "unit": "%"}"#);
        assert_eq!(t, quantity(Some(Op::Ge), "95", "%"));
        let t = target_json(r#""≥95%""#);
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"op":">=","value":"95","unit":"%"}"#
        );
        let t = target_json(r#"{"op": "<=", "date": "2024-12-31"}"#);
        assert_eq!(t, date(Op::Le, Some(2024), 12, Some(31)));
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"op":"<=","date":"2024-12-31"}"#
        );
        let t = target_json(r#"{"qualitative": "明显改善"}"#);
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"qualitative":"明显改善"}"#
        );
        let t = target_json(r#""8755""#);
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"{"op":"=","value":"8755","unit":"","bare":true}"#);
        assert_eq!(target_json(&json), t);
        let t = target_json(r#"{"op": "≥", "value": 95.5, "unit": "%"}"#);
        assert_eq!(t, quantity(Some(Op::Ge), "95.5", "%"));
        let t = target_json(r#"{"op": "about", "value": "95"}"#);
        assert!(matches!(t, Target::Invalid { .. }));
    }

    fn arb_op() -> impl Strategy<Value = Op> {
        prop_oneof![
            Just(Op::Ge),
            Just(Op::Gt),
            Just(Op::Eq),
            Just(Op::Le),
            Just(Op::Lt)
        ]
    }

    fn arb_target() -> impl Strategy<Value = Target> {
        let units = prop_oneof![
            Just(""),
            Just("%"),
            Just("个"),
            Just("人次"),
            Just("公里"),
            Just("万元"),
            Just("元/亩"),
            Just("天"),
            Just("月"),
            Just("元/人*月"),
            Just("km")
        ];
        let quantity = (
            proptest::option::of(arb_op()),
            -10_000_000i64..10_000_000,
            0u32..4,
            units,
        )
            .prop_map(|(op, mantissa, scale, unit)| Target::Quantity {
                op,
                value: Decimal::new(mantissa, scale),
                unit: unit.to_string(),
            })
            // A whole number of 月 from 1 to 12 is written `N个月` (`N月`
            // is a month), so it reads back with the unit `个月`; that case
            // has its own test.
            .prop_filter("N月 with N a month number", |t| {
                !matches!(t, Target::Quantity { value, unit, .. }
                    if unit == "月" && is_month_number(value))
            });
        let date = (
            prop_oneof![Just(Op::Le), Just(Op::Ge), Just(Op::Lt)],
            2000i32..2100,
            1u8..=12,
            proptest::option::of(1u8..=28),
        )
            .prop_map(|(op, y, m, d)| Target::Date {
                op,
                date: PartialDate {
                    year: Some(y),
                    month: m,
                    day: d,
                },
            });
        prop_oneof![quantity, date]
    }

    proptest! {
        #[test]
        fn parser_never_panics(s in "\\PC{0,40}") {
            let _ = parse_target(&s);
            let _ = parse_actual(&s);
        }

        #[test]
        fn parser_never_panics_on_table_like_text(s in "[≥≤<>=＝０-９0-9.,，%％万元个人次年月日前底 -]{0,20}") {
            let _ = parse_target(&s);
            let _ = parse_actual(&s);
        }

        #[test]
        fn format_then_parse_gives_the_target_back(t in arb_target()) {
            prop_assert_eq!(parse_target(&t.to_string()), t.clone());
            let json = serde_json::to_string(&t).unwrap();
            prop_assert_eq!(target_json(&json), t);
        }
    }
}
