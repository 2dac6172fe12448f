//! Japan Standard Time: every calendar rule of saifu is judged in JST (UTC+09:00, no
//! daylight saving time), whatever the offset of the `now` a caller passes.

use crate::error::Error;
use chrono::{
    DateTime, Datelike, FixedOffset, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone,
    Timelike, Utc,
};

/// The JST offset, +09:00.
#[must_use]
pub(crate) fn offset() -> FixedOffset {
    // 9 hours is always a valid offset: the fallback is never taken.
    FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| Utc.fix())
}

/// `instant` seen on a Japanese clock.
#[must_use]
pub(crate) fn at(instant: &DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    instant.with_timezone(&offset())
}

/// The JST calendar date of `instant`.
#[must_use]
pub(crate) fn date(instant: &DateTime<FixedOffset>) -> NaiveDate {
    at(instant).date_naive()
}

/// 00:00 JST of `date`.
#[must_use]
pub(crate) fn start_of(date: NaiveDate) -> DateTime<FixedOffset> {
    let naive = NaiveDateTime::new(date, NaiveTime::MIN);
    // A fixed offset has exactly one instant per local time.
    let offset = offset();
    offset
        .from_local_datetime(&naive)
        .single()
        .unwrap_or_else(|| DateTime::from_naive_utc_and_offset(naive, offset))
}

/// 00:00 JST of the day after `date`: the first instant `date` is over. `None` only at
/// the end of chrono's calendar.
#[must_use]
pub(crate) fn end_of(date: NaiveDate) -> Option<DateTime<FixedOffset>> {
    date.succ_opt().map(start_of)
}

/// The same day `n` calendar months later, clamped to that month's last day
/// (08-31 + 6 months = 02-28, or 02-29 in a leap year).
#[must_use]
pub(crate) fn add_months(date: NaiveDate, n: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(n))
}

/// The first year saifu handles: every date it takes or keeps, and every instant seen
/// in UTC, in JST and in its own offset, lies in the years 0001–9999, the years
/// `YYYY-MM-DD` and RFC 3339 write with four digits (and those Python's `datetime`
/// holds).
pub(crate) const FIRST_YEAR: i32 = 1;
/// The last year saifu handles (see [`FIRST_YEAR`]).
pub(crate) const LAST_YEAR: i32 = 9999;

/// True for a date in the years 0001–9999.
#[must_use]
pub(crate) fn date_in_range(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

/// True for an instant whose date is in the years 0001–9999 in UTC, in JST and in its
/// own offset, whose offset is whole minutes and which is not a leap second: what
/// saved state writes as RFC 3339 and reads back as the same instant, and what every
/// binding's time type holds.
#[must_use]
pub(crate) fn instant_in_range(instant: &DateTime<FixedOffset>) -> bool {
    let years = [
        instant.naive_utc().year(),
        at(instant).year(),
        instant.naive_local().year(),
    ];
    years.iter().all(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
        && instant.offset().local_minus_utc() % 60 == 0
        && instant.nanosecond() < 1_000_000_000
}

/// `instant`, when it is in the years 0001–9999 and saves as itself
/// ([`instant_in_range`]).
///
/// # Errors
/// `time.invalid` naming the instant otherwise.
pub(crate) fn check_instant(instant: &DateTime<FixedOffset>) -> Result<(), Error> {
    if instant_in_range(instant) {
        Ok(())
    } else {
        Err(Error::invalid_time(&rfc3339_text(instant)))
    }
}

/// `date`, when it is in the years 0001–9999.
///
/// # Errors
/// `time.invalid` naming the date otherwise.
pub(crate) fn check_date(date: NaiveDate) -> Result<(), Error> {
    if date_in_range(date) {
        Ok(())
    } else {
        Err(Error::invalid_time(&date_text(date)))
    }
}

/// A calendar date written exactly `YYYY-MM-DD` (ASCII digits, a real date, a year from
/// 0001).
///
/// # Errors
/// `time.invalid` for anything else (`2026-1-5`, surrounding spaces, `2026-02-30`,
/// `0000-01-01`).
///
/// # Example
/// ```
/// let d = saifu::parse_date("2026-12-31")?;
/// assert_eq!(d.to_string(), "2026-12-31");
/// assert_eq!(saifu::parse_date("2026-2-30").unwrap_err().code(), "time.invalid");
/// assert_eq!(saifu::parse_date("0000-12-31").unwrap_err().code(), "time.invalid");
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, Error> {
    let invalid = || Error::invalid_time(text);
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return Err(invalid());
    }
    let number =
        |range: std::ops::Range<usize>| text.get(range).and_then(|s| s.parse::<u32>().ok());
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    match (year.and_then(|y| i32::try_from(y).ok()), month, day) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d)
            .filter(|d| date_in_range(*d))
            .ok_or_else(invalid),
        _ => Err(invalid()),
    }
}

/// An instant written as RFC 3339 with its offset (`2026-12-01T10:00:00+09:00`, `…Z`),
/// in the years 0001–9999, the form [`format_instant`] writes. A time without an offset
/// names no instant (it is 10:00 somewhere): a binding whose language has such times
/// (Python's naive `datetime`) hands its text here, so it is refused as every other
/// unusable time is.
///
/// # Errors
/// `time.invalid` naming the text for anything else: no offset, a space for the `T`, a
/// leap second, a date that does not exist.
///
/// # Example
/// ```
/// let t = saifu::parse_instant("2026-12-01T10:00:00+09:00")?;
/// assert_eq!(saifu::format_instant(&t), "2026-12-01T10:00:00+09:00");
/// let naive = saifu::parse_instant("2026-12-01T10:00:00").unwrap_err();
/// assert_eq!(naive.code(), "time.invalid");
/// assert_eq!(naive.to_string(), "“2026-12-01T10:00:00” is not a usable date or time.");
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn parse_instant(text: &str) -> Result<DateTime<FixedOffset>, Error> {
    parse_rfc3339(text).ok_or_else(|| Error::invalid_time(text))
}

/// A calendar date as `YYYY-MM-DD`, the form [`parse_date`] reads (for bindings and apps
/// that pass dates as text).
///
/// # Example
/// ```
/// let d = saifu::parse_date("2027-03-31")?;
/// assert_eq!(saifu::format_date(d), "2027-03-31");
/// # Ok::<(), saifu::Error>(())
/// ```
#[must_use]
pub fn format_date(date: NaiveDate) -> String {
    date_text(date)
}

/// An instant as RFC 3339 in JST (`+09:00`), with milliseconds (or finer) only when it
/// has them: the form saifu's persisted state and bindings use.
///
/// # Example
/// ```
/// use saifu::chrono::DateTime;
/// let t = DateTime::parse_from_rfc3339("2021-05-22T16:47:21.578Z").unwrap();
/// assert_eq!(saifu::format_instant(&t), "2021-05-23T01:47:21.578+09:00");
/// ```
#[must_use]
pub fn format_instant(instant: &DateTime<FixedOffset>) -> String {
    rfc3339_text(&at(instant))
}

/// `2026-12-31`: four-digit years, two-digit months and days.
#[must_use]
pub(crate) fn date_text(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_year(&mut out, d.year());
    out.push('-');
    push_digits(&mut out, u64::from(d.month()), 2);
    out.push('-');
    push_digits(&mut out, u64::from(d.day()), 2);
    out
}

/// A year as four digits, or more for a year past 9999, with a `-` before a year
/// before 0: dates outside 0001–9999 are only ever written into a `time.invalid`,
/// which should name them as they are.
fn push_year(out: &mut String, year: i32) {
    if year < 0 {
        out.push('-');
    }
    push_digits(out, u64::from(year.unsigned_abs()), 4);
}

/// `2021-05-23T01:47:21.578+09:00`: RFC 3339 with the instant's own offset, seconds
/// always, a fraction only when there is one (3, 6 or 9 digits).
#[must_use]
pub(crate) fn rfc3339_text(t: &DateTime<FixedOffset>) -> String {
    let mut out = String::with_capacity(32);
    let local = t.naive_local();
    out.push_str(&date_text(local.date()));
    out.push('T');
    push_digits(&mut out, u64::from(local.hour()), 2);
    out.push(':');
    push_digits(&mut out, u64::from(local.minute()), 2);
    out.push(':');
    push_digits(&mut out, u64::from(local.second()), 2);
    let nanos = local.nanosecond() % 1_000_000_000;
    if nanos != 0 {
        out.push('.');
        if nanos % 1_000_000 == 0 {
            push_digits(&mut out, u64::from(nanos / 1_000_000), 3);
        } else if nanos % 1_000 == 0 {
            push_digits(&mut out, u64::from(nanos / 1_000), 6);
        } else {
            push_digits(&mut out, u64::from(nanos), 9);
        }
    }
    let offset = t.offset().local_minus_utc();
    out.push(if offset < 0 { '-' } else { '+' });
    let minutes = offset.unsigned_abs() / 60;
    push_digits(&mut out, u64::from(minutes / 60), 2);
    out.push(':');
    push_digits(&mut out, u64::from(minutes % 60), 2);
    out
}

/// Reads RFC 3339: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of 1–9 digits, and `Z`
/// or `±HH:MM`, an instant in the years 0001–9999 ([`instant_in_range`]). `None` for
/// anything else.
#[must_use]
pub(crate) fn parse_rfc3339(text: &str) -> Option<DateTime<FixedOffset>> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from.checked_add(len)?)?;
        digits.iter().try_fold(0u32, |v, &d| {
            d.is_ascii_digit().then(|| {
                v.saturating_mul(10)
                    .saturating_add(u32::from(d.saturating_sub(b'0')))
            })
        })
    };
    let sep = |at: usize, c: u8| b.get(at) == Some(&c);
    if !(sep(4, b'-')
        && sep(7, b'-')
        && matches!(b.get(10), Some(b'T' | b't'))
        && sep(13, b':')
        && sep(16, b':'))
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(num(0, 4)?).ok()?, num(5, 2)?, num(8, 2)?)?;
    let mut at = 19usize;
    let mut nanos = 0u32;
    if sep(at, b'.') {
        let start = at.saturating_add(1);
        let digits = b
            .get(start..)?
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .count();
        if digits == 0 || digits > 9 {
            return None;
        }
        nanos = num(start, digits)?.saturating_mul(
            10u32.saturating_pow(u32::try_from(9usize.saturating_sub(digits)).ok()?),
        );
        at = start.saturating_add(digits);
    }
    let time = NaiveTime::from_hms_nano_opt(num(11, 2)?, num(14, 2)?, num(17, 2)?, nanos)?;
    let seconds = match b.get(at..)? {
        [b'Z' | b'z'] => 0i32,
        [sign @ (b'+' | b'-'), ..]
            if b.len() == at.saturating_add(6) && sep(at.saturating_add(3), b':') =>
        {
            let minutes = num(at.saturating_add(1), 2)?
                .checked_mul(60)?
                .checked_add(num(at.saturating_add(4), 2)?)?;
            let seconds = i32::try_from(minutes.checked_mul(60)?).ok()?;
            if *sign == b'-' {
                seconds.checked_neg()?
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let offset = FixedOffset::east_opt(seconds)?;
    offset
        .from_local_datetime(&NaiveDateTime::new(date, time))
        .single()
        .filter(instant_in_range)
}

/// What the state readers say of a time they refuse.
pub(crate) const NOT_RFC3339: &str = "not an RFC 3339 time in the years 0001-9999";

/// Serde for instants as RFC 3339 text, read and written as saifu's own codec does.
#[cfg(feature = "serde")]
pub(crate) mod rfc3339 {
    use chrono::{DateTime, FixedOffset};
    #[cfg(feature = "serde")]
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        t: &DateTime<FixedOffset>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::rfc3339_text(t))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        super::parse_rfc3339(&text).ok_or_else(|| serde::de::Error::custom(super::NOT_RFC3339))
    }
}

/// Serde for a required `YYYY-MM-DD` date, read strictly with [`parse_date`].
#[cfg(feature = "serde")]
pub(crate) mod strict_date_required {
    use chrono::NaiveDate;
    #[cfg(feature = "serde")]
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::date_text(*date))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        super::parse_date(&text).map_err(serde::de::Error::custom)
    }
}

/// Serde for optional `YYYY-MM-DD` dates, read strictly with [`parse_date`].
#[cfg(feature = "serde")]
pub(crate) mod strict_date {
    use chrono::NaiveDate;
    #[cfg(feature = "serde")]
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_str(&super::date_text(*d)),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        Option::<std::borrow::Cow<'de, str>>::deserialize(d)?
            .map(|text| super::parse_date(&text).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// `2021/05/23 01:47:00`: a time as the seed's screens show it, in JST.
#[must_use]
pub(crate) fn display(instant: &DateTime<FixedOffset>) -> String {
    let t = at(instant);
    format!(
        "{:04}/{:02}/{:02} {:02}:{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Appends `value` as exactly `width` decimal digits (zero-padded; a value too wide
/// keeps all its digits).
pub(crate) fn push_digits(out: &mut String, value: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut v = value;
    let mut len = 0usize;
    for slot in buf.iter_mut().rev() {
        *slot = b'0'.saturating_add(u8::try_from(v % 10).unwrap_or(0));
        v /= 10;
        len = len.saturating_add(1);
        if v == 0 && len >= width {
            break;
        }
    }
    let start = buf.len().saturating_sub(len);
    for &b in buf.get(start..).unwrap_or_default() {
        out.push(char::from(b));
    }
}

/// Appends `20210521`: a JST date as payment ids carry it.
pub(crate) fn push_compact_date(out: &mut String, instant: &DateTime<FixedOffset>) {
    let t = at(instant);
    push_year(out, t.year());
    push_digits(out, u64::from(t.month()), 2);
    push_digits(out, u64::from(t.day()), 2);
}

/// `20210523014721578`: a JST instant to the millisecond (finer digits truncated), as
/// refund ids carry it.
#[must_use]
pub(crate) fn compact_millis(instant: &DateTime<FixedOffset>) -> String {
    let t = at(instant);
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}{:03}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        (t.nanosecond() % 1_000_000_000) / 1_000_000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn dates_are_judged_in_jst() {
        assert_eq!(date(&t("2026-08-31T15:00:00Z")).to_string(), "2026-09-01");
        assert_eq!(date(&t("2026-08-31T14:59:59Z")).to_string(), "2026-08-31");
        let mut d = String::new();
        push_compact_date(&mut d, &t("2026-06-30T10:30:00-05:00"));
        assert_eq!(d, "20260701");
    }

    #[test]
    fn millis_are_truncated() {
        assert_eq!(
            compact_millis(&t("2026-06-30T15:00:00.0009Z")),
            "20260701000000000"
        );
        assert_eq!(
            compact_millis(&t("2021-05-23T01:47:21.5789+09:00")),
            "20210523014721578"
        );
    }

    #[test]
    fn digits_are_padded() {
        let mut s = String::new();
        push_digits(&mut s, 2, 12);
        push_digits(&mut s, 0, 1);
        push_digits(&mut s, 12345, 3);
        assert_eq!(s, "000000000002012345");
        let mut d = String::new();
        push_compact_date(&mut d, &t("2026-06-29T15:30:00Z"));
        assert_eq!(d, "20260630");
    }

    #[test]
    fn rfc3339_round_trips() {
        for text in [
            "2021-05-23T01:47:21.578+09:00",
            "2026-06-30T15:00:00.000900+00:00",
            "2026-06-30T15:00:00.000000001-05:30",
            "2026-01-01T00:00:00+09:00",
        ] {
            let parsed = parse_rfc3339(text).unwrap();
            assert_eq!(parsed, DateTime::parse_from_rfc3339(text).unwrap());
            assert_eq!(rfc3339_text(&parsed), text);
        }
        assert_eq!(
            parse_rfc3339("2026-06-30T15:00:00Z").unwrap(),
            t("2026-06-30T15:00:00+00:00")
        );
        assert_eq!(
            parse_rfc3339("2026-06-30t15:00:00.5z").unwrap(),
            t("2026-06-30T15:00:00.5Z")
        );
        for bad in [
            "",
            "2026-06-30",
            "2026-06-30T15:00:00",
            "2026-06-30T15:00+09:00",
            "2026-06-30T15:00:00.+09:00",
            "2026-06-30T15:00:00.1234567890+09:00",
            "2026-02-30T15:00:00Z",
            "2026-06-30T24:00:00Z",
            "2026-06-30T15:00:00+0900",
            "2026-06-30T15:00:00+09:00 ",
            "２０２６-06-30T15:00:00Z",
            "2026-06-30T15:00:00+24:00",
        ] {
            assert!(parse_rfc3339(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn dates_are_read_strictly() {
        assert_eq!(parse_date("2028-02-29").unwrap().to_string(), "2028-02-29");
        for bad in [
            "2027-02-29",
            "2026-1-05",
            " 2026-01-05",
            "+2026-01-05",
            "2026/01/05",
            "２０２６-01-05",
            "",
            "2026-13-01",
        ] {
            assert_eq!(
                parse_date(bad).unwrap_err().code(),
                "time.invalid",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn month_arithmetic_clamps() {
        let d = NaiveDate::from_ymd_opt(2026, 8, 31).unwrap();
        assert_eq!(add_months(d, 6).unwrap().to_string(), "2027-02-28");
        let d = NaiveDate::from_ymd_opt(2027, 8, 31).unwrap();
        assert_eq!(add_months(d, 6).unwrap().to_string(), "2028-02-29");
    }

    #[test]
    fn end_of_day_is_next_midnight() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        assert_eq!(end_of(d).unwrap(), t("2027-01-01T00:00:00+09:00"));
        assert_eq!(display(&t("2021-05-21T10:12:29Z")), "2021/05/21 19:12:29");
    }
}
