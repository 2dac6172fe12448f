//! Card expiry dates (DESIGN §7).

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::error::Error;
use crate::input::{self, digit_value, trim};
use crate::jst;

/// The month a card expires: valid through the last instant of that month in JST.
///
/// Parses `MM/YY` and `MM/YYYY` with a month of 1 or 2 digits, `/` or the full-width
/// `／`, full-width digits and spaces around the slash; a two-digit year is 20YY.
///
/// ```
/// use chrono::DateTime;
/// use saifu::CardExpiry;
///
/// let expiry = CardExpiry::parse("１２ / ２６")?;
/// assert_eq!((expiry.month(), expiry.year()), (12, 2026));
/// assert_eq!(expiry.to_string(), "12/26");
///
/// let last_minute = DateTime::parse_from_rfc3339("2026-12-31T23:59:59+09:00")?;
/// assert!(!expiry.is_expired(&last_minute));
/// let new_year_in_tokyo = DateTime::parse_from_rfc3339("2026-12-31T15:00:00Z")?;
/// assert!(expiry.is_expired(&new_year_in_tokyo));
///
/// assert_eq!(CardExpiry::parse("13/26").unwrap_err().code(), "card.invalid_expiry");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CardExpiry {
    year: u16,
    month: u8,
}

impl CardExpiry {
    /// Parses what a person typed.
    ///
    /// # Errors
    /// `card.invalid_expiry` for anything but a month 1–12, a slash and a year of 2 or
    /// 4 digits.
    ///
    /// # Example
    /// ```
    /// # use saifu::CardExpiry;
    /// assert_eq!(CardExpiry::parse("1/2030")?.year(), 2030);
    /// assert!(CardExpiry::parse("0/26").is_err());
    /// assert!(CardExpiry::parse("12-26").is_err());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<CardExpiry, Error> {
        let (body, _) = trim(text);
        // Spaces may stand around the slash; a tab, a newline or other whitespace inside
        // is an invalid character (DESIGN §2).
        if body
            .chars()
            .any(|c| c.is_whitespace() && !input::is_space(c))
        {
            return Err(Error::CardInvalidExpiry);
        }
        let (month_text, year_text) = body
            .split_once(['/', '／'])
            .ok_or(Error::CardInvalidExpiry)?;
        CardExpiry::from_parts(month_text.trim_end(), year_text.trim_start())
    }

    /// Reads an expiry typed as two fields, as seed 002's form has them (`MM` 月 `YY` 年):
    /// a month of 1–2 digits (1–12) and a year of 2 digits (20YY) or 4, full-width
    /// digits accepted, surrounding whitespace trimmed, nothing else in either field.
    ///
    /// # Errors
    /// `card.invalid_expiry` for anything else.
    ///
    /// # Example
    /// ```
    /// # use saifu::CardExpiry;
    /// let e = CardExpiry::from_fields("０３", "２９")?;
    /// assert_eq!((e.month(), e.year()), (3, 2029));
    /// assert_eq!(CardExpiry::from_fields("3", "2030")?.year(), 2030);
    /// assert_eq!(CardExpiry::from_fields("12", "028").unwrap_err().code(), "card.invalid_expiry");
    /// assert!(CardExpiry::from_fields("12/", "28").is_err());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn from_fields(month: &str, year: &str) -> Result<CardExpiry, Error> {
        let (month_text, _) = trim(month);
        let (year_text, _) = trim(year);
        CardExpiry::from_parts(month_text, year_text)
    }

    /// A month of 1–2 digits and a year of 2 or 4 digits, already trimmed.
    fn from_parts(month_text: &str, year_text: &str) -> Result<CardExpiry, Error> {
        let month = number(month_text, 1, 2)?;
        let year = number(year_text, 2, 4)?;
        let year = match year_text.chars().count() {
            2 => year.saturating_add(2000),
            4 => year,
            _ => return Err(Error::CardInvalidExpiry),
        };
        CardExpiry::new(month, year)
    }

    /// The expiry of `month` (1–12) of `year`.
    ///
    /// # Errors
    /// `card.invalid_expiry` for a month outside 1–12 or a year outside 2000–9999.
    ///
    /// # Example
    /// ```
    /// # use saifu::CardExpiry;
    /// assert_eq!(CardExpiry::new(1, 2027)?.to_string(), "01/27");
    /// assert!(CardExpiry::new(0, 2027).is_err());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn new(month: u32, year: u32) -> Result<CardExpiry, Error> {
        if !(1..=12).contains(&month) || !(2000..=9999).contains(&year) {
            return Err(Error::CardInvalidExpiry);
        }
        Ok(CardExpiry {
            month: u8::try_from(month).map_err(|_| Error::CardInvalidExpiry)?,
            year: u16::try_from(year).map_err(|_| Error::CardInvalidExpiry)?,
        })
    }

    /// As [`CardExpiry::new`], for a month and year as a binding's integer type holds
    /// them (Kotlin `Long`, Swift `Int64`, Python `int`): a negative number is no month
    /// or year either.
    ///
    /// # Errors
    /// `card.invalid_expiry` for a month outside 1–12 or a year outside 2000–9999.
    ///
    /// # Example
    /// ```
    /// # use saifu::CardExpiry;
    /// assert_eq!(CardExpiry::from_i64(1, 2027)?, CardExpiry::new(1, 2027)?);
    /// assert_eq!(CardExpiry::from_i64(-1, 2027).unwrap_err().code(), "card.invalid_expiry");
    /// assert_eq!(CardExpiry::from_i64(1, 1 << 32).unwrap_err().code(), "card.invalid_expiry");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn from_i64(month: i64, year: i64) -> Result<CardExpiry, Error> {
        let month = u32::try_from(month).map_err(|_| Error::CardInvalidExpiry)?;
        let year = u32::try_from(year).map_err(|_| Error::CardInvalidExpiry)?;
        CardExpiry::new(month, year)
    }

    /// The month, 1–12.
    ///
    /// ```
    /// # use saifu::CardExpiry;
    /// assert_eq!(CardExpiry::parse("3/27")?.month(), 3);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn month(&self) -> u32 {
        u32::from(self.month)
    }

    /// The year, four digits.
    ///
    /// ```
    /// # use saifu::CardExpiry;
    /// assert_eq!(CardExpiry::parse("3/27")?.year(), 2027);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn year(&self) -> u32 {
        u32::from(self.year)
    }

    /// The first instant the card is expired: 00:00 JST on the first day of the next
    /// month.
    ///
    /// ```
    /// # use saifu::CardExpiry;
    /// let e = CardExpiry::parse("12/26")?;
    /// assert_eq!(e.expires_at().to_rfc3339(), "2027-01-01T00:00:00+09:00");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn expires_at(&self) -> DateTime<FixedOffset> {
        let (year, month) = if self.month >= 12 {
            (i32::from(self.year).saturating_add(1), 1)
        } else {
            (
                i32::from(self.year),
                u32::from(self.month).saturating_add(1),
            )
        };
        let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MAX);
        jst::start_of(first)
    }

    /// True from the first instant of the month after the expiry month, in JST.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::CardExpiry;
    /// let e = CardExpiry::parse("01/27")?;
    /// assert!(!e.is_expired(&DateTime::parse_from_rfc3339("2027-01-31T23:59:59.999+09:00")?));
    /// assert!(e.is_expired(&DateTime::parse_from_rfc3339("2027-02-01T00:00:00+09:00")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_expired(&self, now: &DateTime<FixedOffset>) -> bool {
        *now >= self.expires_at()
    }
}

impl std::fmt::Display for CardExpiry {
    /// `MM/YY`, as cards print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}/{:02}", self.month, self.year % 100)
    }
}

/// A number of `min`–`max` digits (full-width accepted).
fn number(text: &str, min: usize, max: usize) -> Result<u32, Error> {
    let mut value = 0u32;
    let mut count = 0usize;
    for c in text.chars() {
        let d = digit_value(c).ok_or(Error::CardInvalidExpiry)?;
        count = count.saturating_add(1);
        if count > max {
            return Err(Error::CardInvalidExpiry);
        }
        value = value.saturating_mul(10).saturating_add(u32::from(d));
    }
    if count < min {
        return Err(Error::CardInvalidExpiry);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_and_rejected() {
        for ok in [
            "12/26",
            "1/26",
            "01/2030",
            "1/2030",
            "01／27",
            "０１/２７",
            " 01 / 27 ",
        ] {
            assert!(CardExpiry::parse(ok).is_ok(), "{ok:?}");
        }
        for bad in [
            "", "13/26", "00/26", "1226", "12/2", "12/202", "12/20261", "123/26", "12//26",
            "12/26/1", "a/26", "12 /", "/26", "1 2/26",
        ] {
            assert_eq!(
                CardExpiry::parse(bad),
                Err(Error::CardInvalidExpiry),
                "{bad:?}"
            );
        }
    }
}
