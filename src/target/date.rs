//! Dates as the tables give them: a day or a whole month, with or without
//! a year (`2024-12-31`, `2024-12`, `12月底`).

use std::fmt;

use super::{parse_target, Target};

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

impl PartialDate {
    /// The date in `year`, where the date has no year and is a date of
    /// that year the reader takes (`2月29日` is no date of 2023, and 99999
    /// is no year a date may name); `None` otherwise.
    pub fn in_year(self, year: i32) -> Option<PartialDate> {
        let fits = self.year.is_none()
            && super::parse::YEARS.contains(&year)
            && self
                .day
                .is_none_or(|d| d <= days_in_month(year, self.month));
        fits.then_some(PartialDate {
            year: Some(year),
            ..self
        })
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

pub(super) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}
