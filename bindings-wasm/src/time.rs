//! Times and dates: JS `Date` in, RFC 3339 strings in JST out; calendar dates as
//! `YYYY-MM-DD` strings both ways.
//!
//! A `Date` is read with the built-in `Date.prototype.getTime` and `toString`, called on
//! the value as given (`final` imports), never with the value's own methods: an object
//! that is not a `Date` (`Object.create(Date.prototype)`, a `Proxy` of a `Date`) makes
//! them throw, which the imports catch, so it is a coded `time.invalid`; a `Date`
//! subclass is read by its time value whatever it overrides; and no code of the caller
//! runs. (A JavaScript exception thrown through wasm frames would leave the object being
//! called borrowed for good; see `input`.) A `Date` of another realm (an iframe, a `vm`
//! context) is a `Date` too, which `instanceof` would deny.
//!
//! The readers fail with a [`JsFailure`], core's error already converted, like the readers
//! of `input`: the conversion is made here once, not again after each of the ~40 calls in
//! the exports (0.9 KB gzipped, with `money`'s number readers).

use saifu::Error;
use saifu::chrono::{DateTime, FixedOffset, NaiveDate};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::JsFailure;

#[wasm_bindgen]
extern "C" {
    /// Any value, to be read as a `Date` by the built-in methods below.
    type AnyDate;

    /// `Date.prototype.getTime.call(value)`: the time value of a `Date` (`NaN` for an
    /// invalid one); throws a `TypeError` for anything that is not a `Date`.
    #[wasm_bindgen(catch, final, method, js_class = "Date", js_name = getTime)]
    fn time_value(this: &AnyDate) -> Result<f64, JsValue>;

    /// `Date.prototype.toString.call(value)`, for a `Date` (`Invalid Date` for an invalid
    /// one).
    #[wasm_bindgen(catch, final, method, js_class = "Date", js_name = toString)]
    fn date_string(this: &AnyDate) -> Result<JsValue, JsValue>;
}

/// The offset results are written in: JST, +09:00 (no daylight saving time).
fn jst() -> Result<FixedOffset, Error> {
    FixedOffset::east_opt(9 * 3600).ok_or_else(|| Error::invalid_time("+09:00"))
}

/// A JS `Date` as an instant (shown in JST).
///
/// # Errors
/// `time.invalid` for anything but a valid `Date` within chrono's calendar.
pub(crate) fn instant(value: &JsValue) -> Result<DateTime<FixedOffset>, JsFailure> {
    let date: &AnyDate = value.unchecked_ref();
    let Ok(millis) = date.time_value() else {
        return Err(Error::invalid_time(&describe(value)).into());
    };
    let invalid = || {
        Error::invalid_time(
            &date
                .date_string()
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default(),
        )
    };
    if !millis.is_finite() {
        return Err(invalid().into());
    }
    // A valid Date holds whole milliseconds within ±8.64e15: exact in an i64.
    #[allow(clippy::cast_possible_truncation)]
    let utc = DateTime::from_timestamp_millis(millis as i64).ok_or_else(invalid)?;
    Ok(utc.with_timezone(&jst()?))
}

/// An optional `Date` (`undefined` or `null`: none).
pub(crate) fn optional_instant(
    value: &JsValue,
) -> Result<Option<DateTime<FixedOffset>>, JsFailure> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        instant(value).map(Some)
    }
}

/// What a value that is not a `Date` is, for the error (`given`).
fn describe(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        return text;
    }
    if let Some(n) = value.as_f64() {
        // JavaScript's own `String(n)`: Rust's float formatting would add ~6 KB gzipped.
        return js_sys::Number::from(n)
            .to_string_with_radix(10)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
    }
    value.js_typeof().as_string().unwrap_or_default()
}

/// An instant as RFC 3339 in JST: `2021-05-21T19:12:29+09:00` (milliseconds when there
/// are any).
pub(crate) fn rfc3339(at: &DateTime<FixedOffset>) -> String {
    saifu::format_instant(at)
}

/// A `YYYY-MM-DD` calendar date, read strictly by core (`saifu::parse_date`).
///
/// # Errors
/// `time.invalid` for anything else (`2026-1-5`, `2026-02-30`, surrounding spaces).
pub(crate) fn date(text: &str) -> Result<NaiveDate, JsFailure> {
    Ok(saifu::parse_date(text)?)
}

/// An optional `YYYY-MM-DD` date (`null`: none).
pub(crate) fn optional_date(text: Option<&str>) -> Result<Option<NaiveDate>, JsFailure> {
    text.map(date).transpose()
}

/// A calendar date as `YYYY-MM-DD`.
pub(crate) fn date_text(d: &NaiveDate) -> String {
    saifu::format_date(*d)
}
