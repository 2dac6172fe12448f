//! Japan Standard Time: every calendar rule of saifu is judged in JST (UTC+09:00, no
//! daylight saving time), whatever the offset of the `now` a caller passes.

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

/// `20210521`: a JST date as payment ids carry it.
#[must_use]
pub(crate) fn compact_date(instant: &DateTime<FixedOffset>) -> String {
    let t = at(instant);
    format!("{:04}{:02}{:02}", t.year(), t.month(), t.day())
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
        assert_eq!(compact_date(&t("2026-06-30T10:30:00-05:00")), "20260701");
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
