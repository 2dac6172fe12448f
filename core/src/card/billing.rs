//! The billing month (seed 002; DESIGN §7 "Billing month"): the card registered at a
//! month's billing cut-off pays that month's usage (billed the next month). The cut-off
//! is the end (24:00 JST) of a day of the month the integrator sets, 1–31, clamped to
//! the month's last day; by default the last day.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use crate::error::Error;
use crate::jst;

/// A month of usage, `YYYY-MM` (years 0001–9999).
///
/// ```
/// use saifu::UsageMonth;
///
/// let march = UsageMonth::parse("2026-03")?;
/// assert_eq!((march.year(), march.month()), (2026, 3));
/// assert_eq!(march.to_string(), "2026-03");
/// assert_eq!(UsageMonth::parse("2026-3").unwrap_err().code(), "time.invalid");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UsageMonth {
    year: i32,
    month: u32,
}

impl UsageMonth {
    /// The month `month` (1–12) of `year` (1–9999).
    ///
    /// # Errors
    /// `time.invalid` outside those ranges.
    ///
    /// # Example
    /// ```
    /// # use saifu::UsageMonth;
    /// assert_eq!(UsageMonth::new(2026, 12)?.to_string(), "2026-12");
    /// assert!(UsageMonth::new(2026, 13).is_err());
    /// assert!(UsageMonth::new(10_000, 1).is_err());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn new(year: i64, month: i64) -> Result<UsageMonth, Error> {
        let invalid = || Error::invalid_time(&format!("{year}-{month}"));
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(invalid());
        }
        Ok(UsageMonth {
            year: i32::try_from(year).map_err(|_| invalid())?,
            month: u32::try_from(month).map_err(|_| invalid())?,
        })
    }

    /// Reads exactly `YYYY-MM` (ASCII digits).
    ///
    /// # Errors
    /// `time.invalid` for anything else (`2026-3`, `2026-13`, `２０２６-03`, spaces).
    ///
    /// # Example
    /// ```
    /// # use saifu::UsageMonth;
    /// assert!(UsageMonth::parse("2024-02").is_ok());
    /// assert!(UsageMonth::parse(" 2024-02").is_err());
    /// assert!(UsageMonth::parse("0000-01").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<UsageMonth, Error> {
        let invalid = || Error::invalid_time(text);
        let bytes = text.as_bytes();
        let shape = bytes.len() == 7
            && bytes.iter().enumerate().all(|(i, b)| {
                if i == 4 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !shape {
            return Err(invalid());
        }
        let number =
            |range: std::ops::Range<usize>| text.get(range).and_then(|s| s.parse::<i64>().ok());
        match (number(0..4), number(5..7)) {
            (Some(year), Some(month)) => UsageMonth::new(year, month).map_err(|_| invalid()),
            _ => Err(invalid()),
        }
    }

    /// The JST month of an instant.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::UsageMonth;
    /// let t = DateTime::parse_from_rfc3339("2026-03-31T15:00:00Z")?;
    /// assert_eq!(UsageMonth::of(&t)?.to_string(), "2026-04");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// `time.invalid` when that month is outside the years 0001–9999.
    pub fn of(instant: &DateTime<FixedOffset>) -> Result<UsageMonth, Error> {
        let date = jst::date(instant);
        UsageMonth::new(i64::from(date.year()), i64::from(date.month()))
    }

    /// The year.
    ///
    /// ```
    /// # use saifu::UsageMonth;
    /// assert_eq!(UsageMonth::parse("2025-12")?.year(), 2025);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn year(&self) -> i64 {
        i64::from(self.year)
    }

    /// The month, 1–12.
    ///
    /// ```
    /// # use saifu::UsageMonth;
    /// assert_eq!(UsageMonth::parse("2025-12")?.month(), 12);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn month(&self) -> i64 {
        i64::from(self.month)
    }

    /// The month's last day.
    fn last_day(&self) -> NaiveDate {
        let next = if self.month >= 12 {
            NaiveDate::from_ymd_opt(self.year.saturating_add(1), 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, self.month.saturating_add(1), 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    /// The billing cut-off of this month: 24:00 JST at the end of the cut-off day
    /// (clamped to the month's last day). A card registered strictly before it pays the
    /// month's usage.
    ///
    /// ```
    /// # use saifu::{BillingCutoff, UsageMonth};
    /// let feb = UsageMonth::parse("2025-02")?;
    /// assert_eq!(feb.cutoff(BillingCutoff::LAST_DAY).to_rfc3339(), "2025-03-01T00:00:00+09:00");
    /// assert_eq!(feb.cutoff(BillingCutoff::day(30)?).to_rfc3339(), "2025-03-01T00:00:00+09:00");
    /// assert_eq!(feb.cutoff(BillingCutoff::day(15)?).to_rfc3339(), "2025-02-16T00:00:00+09:00");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn cutoff(&self, cutoff: BillingCutoff) -> DateTime<FixedOffset> {
        let last = self.last_day();
        let day = match cutoff.day {
            Some(day) => NaiveDate::from_ymd_opt(self.year, self.month, u32::from(day))
                .filter(|d| *d <= last)
                .unwrap_or(last),
            None => last,
        };
        // The day after a date of the years 1–9999 always exists.
        jst::end_of(day).unwrap_or_else(|| jst::start_of(NaiveDate::MAX))
    }
}

impl std::fmt::Display for UsageMonth {
    /// `YYYY-MM`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The integrator's billing cut-off day: a day of the month 1–31 (clamped to a shorter
/// month's last day), or the last day.
///
/// ```
/// use saifu::BillingCutoff;
///
/// assert_eq!(BillingCutoff::default(), BillingCutoff::LAST_DAY);
/// assert_eq!(BillingCutoff::day(15)?.day_of_month(), Some(15));
/// assert_eq!(BillingCutoff::day(0).unwrap_err().code(), "card.invalid_cutoff_day");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct BillingCutoff {
    day: Option<u8>,
}

impl BillingCutoff {
    /// The last day of each month (the default).
    pub const LAST_DAY: BillingCutoff = BillingCutoff { day: None };

    /// Day `day` of each month, 1–31; a month shorter than that cuts off on its last day.
    ///
    /// # Errors
    /// `card.invalid_cutoff_day` outside 1–31.
    ///
    /// # Example
    /// ```
    /// # use saifu::BillingCutoff;
    /// assert!(BillingCutoff::day(31).is_ok());
    /// assert!(BillingCutoff::day(32).is_err());
    /// assert!(BillingCutoff::day(-1).is_err());
    /// ```
    pub fn day(day: i64) -> Result<BillingCutoff, Error> {
        if !(1..=31).contains(&day) {
            return Err(Error::CardInvalidCutoffDay);
        }
        let day = u8::try_from(day).map_err(|_| Error::CardInvalidCutoffDay)?;
        Ok(BillingCutoff { day: Some(day) })
    }

    /// The day set, or `None` for the last day.
    ///
    /// ```
    /// # use saifu::BillingCutoff;
    /// assert_eq!(BillingCutoff::LAST_DAY.day_of_month(), None);
    /// ```
    #[must_use]
    pub fn day_of_month(&self) -> Option<i64> {
        self.day.map(i64::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutoffs_clamp_to_the_month() {
        let m = |s| UsageMonth::parse(s).unwrap();
        let d = |n| BillingCutoff::day(n).unwrap();
        assert_eq!(
            m("2024-02").cutoff(d(31)).to_rfc3339(),
            "2024-03-01T00:00:00+09:00"
        );
        assert_eq!(
            m("2024-02").cutoff(d(28)).to_rfc3339(),
            "2024-02-29T00:00:00+09:00"
        );
        assert_eq!(
            m("2026-04").cutoff(d(31)).to_rfc3339(),
            "2026-05-01T00:00:00+09:00"
        );
        assert_eq!(
            m("2025-12").cutoff(BillingCutoff::LAST_DAY).to_rfc3339(),
            "2026-01-01T00:00:00+09:00"
        );
        assert_eq!(
            m("9999-12").cutoff(BillingCutoff::LAST_DAY).to_rfc3339(),
            "+10000-01-01T00:00:00+09:00"
        );
        assert_eq!(
            m("0001-01").cutoff(d(1)).to_rfc3339(),
            "0001-01-02T00:00:00+09:00"
        );
    }

    #[test]
    fn months_are_read_strictly() {
        for bad in [
            "",
            "2026-3",
            "2026-00",
            "2026-13",
            "20260-1",
            "2026/03",
            "２０２６-03",
            "2026-03 ",
            "+202-03",
            "-2026-0",
        ] {
            assert_eq!(
                UsageMonth::parse(bad).unwrap_err().code(),
                "time.invalid",
                "{bad:?}"
            );
        }
    }
}
