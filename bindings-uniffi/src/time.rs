//! Times across the FFI: instants are uniffi timestamps (`SystemTime`: Kotlin `Instant`,
//! Swift `Date`, Python `datetime`), calendar dates ISO `YYYY-MM-DD` text, durations
//! `std::time::Duration`. The core takes `chrono` types; what cannot be converted is
//! `time.invalid`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use saifu::Error;

use crate::error::SaifuError;
use saifu::chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};

/// An instant as the core takes it, at UTC.
///
/// # Errors
/// `time.invalid` outside the calendar chrono handles (about ±262,000 years).
pub(crate) fn instant(t: SystemTime) -> Result<DateTime<FixedOffset>, Error> {
    let (seconds, nanos) = match t.duration_since(UNIX_EPOCH) {
        Ok(after) => (i64::try_from(after.as_secs()).ok(), after.subsec_nanos()),
        Err(before) => {
            let d = before.duration();
            let whole = i64::try_from(d.as_secs()).ok().map(i64::wrapping_neg);
            match d.subsec_nanos() {
                0 => (whole, 0),
                // -1.25 s is -2 s + 0.75 s.
                n => (
                    whole.and_then(|s| s.checked_sub(1)),
                    1_000_000_000_u32.saturating_sub(n),
                ),
            }
        }
    };
    seconds
        .and_then(|s| DateTime::<Utc>::from_timestamp(s, nanos))
        .map(|d| d.fixed_offset())
        .ok_or_else(|| Error::invalid_time(&describe(t)))
}

/// An instant as the core takes it, clamped into chrono's calendar: only an error a
/// foreign caller built by hand can hold an instant outside it.
pub(crate) fn instant_clamped(t: SystemTime) -> DateTime<FixedOffset> {
    instant(t).unwrap_or_else(|_| {
        if t < UNIX_EPOCH {
            DateTime::<Utc>::MIN_UTC.fixed_offset()
        } else {
            DateTime::<Utc>::MAX_UTC.fixed_offset()
        }
    })
}

/// What a caller gave, for the `given` field of `time.invalid`: seconds from the epoch.
fn describe(t: SystemTime) -> String {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => format!("unix {}s", d.as_secs()),
        Err(e) => format!("unix -{}s", e.duration().as_secs()),
    }
}

/// An optional instant (a history filter's ends).
///
/// # Errors
/// `time.invalid`, as [`instant`].
pub(crate) fn instant_opt(t: Option<SystemTime>) -> Result<Option<DateTime<FixedOffset>>, Error> {
    t.map(instant).transpose()
}

/// An instant of the core as a uniffi timestamp. Every instant chrono can hold fits in
/// `SystemTime` (64-bit seconds) on every target saifu builds for.
pub(crate) fn timestamp(t: DateTime<FixedOffset>) -> SystemTime {
    SystemTime::from(t)
}

/// A calendar date from ISO `YYYY-MM-DD` text, read strictly by the core.
///
/// # Errors
/// `time.invalid` for text that is not exactly a valid `YYYY-MM-DD` date.
pub(crate) fn date(text: &str) -> Result<NaiveDate, Error> {
    saifu::parse_date(text)
}

/// An optional calendar date.
///
/// # Errors
/// `time.invalid`, as [`date`].
pub(crate) fn date_opt(text: Option<String>) -> Result<Option<NaiveDate>, Error> {
    text.as_deref().map(date).transpose()
}

/// A calendar date as ISO `YYYY-MM-DD` text, as core writes it (`saifu::format_date`).
pub(crate) fn date_text(d: NaiveDate) -> String {
    saifu::format_date(d)
}

/// Reads an instant written as RFC 3339 with its offset (`2026-12-01T10:00:00+09:00`),
/// as core reads saved times. Python's `saifu` package hands a naive `datetime` (one
/// without `tzinfo`) here as its ISO text, so core refuses it as `time.invalid`, the
/// same coded error every unusable time gets, instead of Python's bare `TypeError`.
///
/// # Errors
/// `time.invalid` (with `given`) for text without an offset or outside the years
/// 0001–9999.
#[uniffi::export]
pub fn parse_instant(text: String) -> Result<SystemTime, SaifuError> {
    Ok(timestamp(saifu::parse_instant(&text)?))
}

/// A length of time as the core takes it.
///
/// # Errors
/// `time.invalid` beyond what chrono holds (about 292 million years).
pub(crate) fn duration(d: Duration) -> Result<TimeDelta, Error> {
    TimeDelta::from_std(d).map_err(|_| Error::invalid_time(&format!("{}s", d.as_secs())))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn rfc3339(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn instants_round_trip_on_both_sides_of_the_epoch() {
        for s in [
            "2021-05-23T01:47:21.578+09:00",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:58.750Z",
            "0001-01-01T00:00:00Z",
        ] {
            assert_eq!(instant(timestamp(rfc3339(s))).unwrap(), rfc3339(s), "{s}");
        }
    }

    #[test]
    fn what_chrono_cannot_hold_is_time_invalid() {
        let far = UNIX_EPOCH + Duration::from_secs(1 << 50);
        assert_eq!(instant(far).unwrap_err().code(), "time.invalid");
        assert_eq!(instant_clamped(far), DateTime::<Utc>::MAX_UTC);
        let before = UNIX_EPOCH - Duration::from_secs(1 << 50);
        assert_eq!(instant_clamped(before), DateTime::<Utc>::MIN_UTC);
        assert_eq!(duration(Duration::MAX).unwrap_err().code(), "time.invalid");
        assert_eq!(date("2026-02-30").unwrap_err().code(), "time.invalid");
        assert_eq!(date_text(date("2026-02-28").unwrap()), "2026-02-28");
    }
}
