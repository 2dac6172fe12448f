//! Card PINs and one-time passwords. Both are secrets: the digits stay in wasm memory
//! (core zeroes them when the object is freed, by `free()`, `using` or the garbage
//! collector), and `toJSON`, `toString` and `util.inspect` never show them. The copy of
//! what JavaScript passed in is zeroed here as soon as core has read it.
//!
//! Also the integrator's key and the saved form of a sealed PIN or one-time password
//! (its HMAC-SHA-256 under the key, as hex, and its counters), which `SignIn` saves and
//! loads.

use js_sys::JsString;
use saifu::chrono::TimeDelta;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::error::JsFailure;
use crate::input;
use crate::money;
use crate::time;

/// The integrator's key (`SignIn`) from a `Uint8Array`; the copy in wasm
/// memory is zeroed once core has keyed its HMAC with it.
///
/// # Errors
/// `input.invalid` for anything but a `Uint8Array`; `credential.invalid_key` for fewer
/// than 16 bytes.
pub(crate) fn secret_key(value: &JsValue) -> Result<saifu::SecretKey, JsFailure> {
    let bytes = Zeroizing::new(
        value
            .dyn_ref::<js_sys::Uint8Array>()
            .ok_or_else(|| JsFailure::invalid_input("key must be a Uint8Array"))?
            .to_vec(),
    );
    Ok(saifu::SecretKey::new(&bytes)?)
}

/// A whole number from JavaScript for a setting or counter core range-checks: anything
/// that is not a whole number within ±(2^53 − 1) reads as `i64::MIN`, which every one of
/// core's ranges refuses with its own code.
#[allow(clippy::cast_possible_truncation)] // whole and within ±2^53: exact
pub(crate) fn count(v: f64) -> i64 {
    if v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_991.0 {
        v as i64
    } else {
        i64::MIN
    }
}

/// A saved instant: RFC 3339 text, read by core, or a `Date`.
fn saved_instant(
    value: &JsValue,
) -> Result<saifu::chrono::DateTime<saifu::chrono::FixedOffset>, JsFailure> {
    match input::string_if(value, "instant")? {
        Some(text) => Ok(saifu::parse_instant(&text)?),
        None => time::instant(value),
    }
}

fn digest(value: &JsValue, what: &str) -> Result<saifu::SecretDigest, JsFailure> {
    Ok(saifu::SecretDigest::from_hex(&input::text_field(
        value, "digest", what,
    )?)?)
}

fn counter(value: &JsValue, key: &str, what: &str) -> Result<i64, JsFailure> {
    Ok(count(input::number_field(value, key, what)?))
}

input::js_object! {
    /// A saved one-time password: its HMAC-SHA-256 under the integrator's key (never the
    /// digits) and its counters. Part of `SignInParts`.
    interface "SealedOtpParts",
    pub(crate) fn otp_parts_js(p: &saifu::OtpParts) {
        /// The key's id and the HMAC, 80 lower-case hex digits.
        "digest": "string" = p.digest.to_hex().into(),
        /// The number of digits, 4–12.
        "digits": "number" = money::number(p.digits).into(),
        /// The start of its validity, RFC 3339 in JST (`fromParts` takes a `Date` too).
        "issuedAt": "string | Date" = time::rfc3339(&p.issued_at).into(),
        /// The first instant it no longer works, RFC 3339 in JST (or a `Date`).
        "expiresAt": "string | Date" = time::rfc3339(&p.expires_at).into(),
        /// Failures that lock it.
        "maxAttempts": "number" = money::number(p.max_attempts).into(),
        /// Failures so far.
        "failures": "number" = money::number(p.failures).into(),
        /// True once it was accepted.
        "used": "boolean" = p.used.into(),
    }
}

/// `SealedOtpParts` read back (`what` names it); core checks what they say.
pub(crate) fn read_otp_parts(value: &JsValue, what: &str) -> Result<saifu::OtpParts, JsFailure> {
    Ok(saifu::OtpParts {
        digest: digest(value, what)?,
        digits: counter(value, "digits", what)?,
        issued_at: saved_instant(&input::field(value, "issuedAt", what)?)?,
        expires_at: saved_instant(&input::field(value, "expiresAt", what)?)?,
        max_attempts: counter(value, "maxAttempts", what)?,
        failures: counter(value, "failures", what)?,
        used: input::boolean(&input::field(value, "used", what)?, &format!("{what}.used"))?,
    })
}

/// Reads a secret string, hands it to `f`, and zeroes the copy in wasm memory.
fn with_secret<T>(
    value: &JsString,
    what: &str,
    f: impl FnOnce(&str) -> Result<T, saifu::Error>,
) -> Result<T, JsFailure> {
    let text = input::secret_text(value, what)?;
    Ok(f(&text)?)
}

input::js_object! {
    /// What `JSON.stringify` writes for a `Pin`: the attempt count, never the digits.
    interface "PinSummary",
    fn pin_summary_js(p: &saifu::Pin) {
        /// Consecutive failures so far.
        "failures": "number" = p.failures().into(),
        /// True once 3 consecutive failures have locked it.
        "isLocked": "boolean" = p.is_locked().into(),
    }
}

input::js_object! {
    /// What `JSON.stringify` writes for a `OneTimePassword`: never the digits.
    interface "OneTimePasswordSummary",
    fn otp_summary_js(o: &saifu::OneTimePassword) {
        /// The first instant the code no longer works, RFC 3339 in JST.
        "expiresAt": "string" = time::rfc3339(&o.expires_at()).into(),
        /// True once the attempt limit is reached.
        "isLocked": "boolean" = o.is_locked().into(),
        /// True once the code was accepted.
        "isUsed": "boolean" = o.is_used().into(),
    }
}

/// A card PIN (暗証番号) to verify against: 4 digits (full-width accepted); 3
/// consecutive failures lock it, a success resets the count.
#[wasm_bindgen]
pub struct Pin(saifu::Pin);

#[wasm_bindgen]
impl Pin {
    /// Sets up a PIN to verify against.
    ///
    /// Throws `SaifuError` `pin.invalid_format` unless 4 digits.
    #[wasm_bindgen(constructor)]
    pub fn new(pin: &JsString) -> Result<Pin, JsFailure> {
        with_secret(pin, "pin", saifu::Pin::new).map(Pin)
    }

    /// Checks what was typed; returns nothing when it matches.
    ///
    /// Throws `SaifuError`, in order: `pin.locked`; `pin.invalid_format` (not 4 digits;
    /// not counted); `pin.mismatch` (`remaining` attempts; the failure that reaches the
    /// limit already answers `pin.locked`).
    pub fn verify(&mut self, input: &JsString) -> Result<(), JsFailure> {
        with_secret(input, "input", |typed| self.0.verify(typed))
    }

    /// True once 3 consecutive failures have locked it.
    #[wasm_bindgen(getter, js_name = isLocked)]
    pub fn is_locked(&self) -> bool {
        self.0.is_locked()
    }

    /// Consecutive failures so far.
    #[wasm_bindgen(getter)]
    pub fn failures(&self) -> u32 {
        self.0.failures()
    }

    /// What `JSON.stringify` writes: the attempt count, never the digits.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "PinSummary")]
    pub fn to_json(&self) -> JsValue {
        pin_summary_js(&self.0)
    }

    /// `****`: never the digits.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        "*".repeat(saifu::Pin::DIGITS)
    }
}

/// A one-time password sent by e-mail (4 digits) or SMS (6 digits), to verify against:
/// valid for `[issuedAt, issuedAt + validForSeconds)`, accepted once, locked after
/// `maxAttempts` failures; compared as text (leading zeros count).
#[wasm_bindgen]
pub struct OneTimePassword(saifu::OneTimePassword);

#[wasm_bindgen]
impl OneTimePassword {
    /// Sets up a code (4 to 12 digits) to verify against.
    ///
    /// Throws `SaifuError`: `otp.invalid_format` for a code that is not 4–12 digits, a
    /// validity that is not positive or too long, or a limit of 0 attempts (or a negative
    /// one); `time.invalid`; the number checks of amounts for `validForSeconds` and
    /// `maxAttempts`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        code: &JsString,
        #[wasm_bindgen(js_name = issuedAt, unchecked_param_type = "Date")] issued_at: &JsValue,
        #[wasm_bindgen(js_name = validForSeconds, unchecked_param_type = "number")]
        valid_for_seconds: &JsValue,
        #[wasm_bindgen(js_name = maxAttempts, unchecked_param_type = "number")]
        max_attempts: &JsValue,
    ) -> Result<OneTimePassword, JsFailure> {
        let issued_at = time::instant(issued_at)?;
        let seconds = money::whole(input::number(valid_for_seconds), saifu::Currency::JPY)?;
        let valid_for = TimeDelta::try_seconds(seconds).ok_or(saifu::Error::OtpInvalidFormat)?;
        let attempts = money::whole(input::number(max_attempts), saifu::Currency::JPY)?;
        let attempts = u32::try_from(attempts).map_err(|_| saifu::Error::OtpInvalidFormat)?;
        with_secret(code, "code", |code| {
            saifu::OneTimePassword::new(code, issued_at, valid_for, attempts)
        })
        .map(OneTimePassword)
    }

    /// Checks what was typed at `at`; returns nothing when it matches (the code is then
    /// used).
    ///
    /// Throws `SaifuError`, in order: `otp.used`; `otp.locked`; `otp.expired` (outside
    /// `[issuedAt, expiresAt)`); `otp.invalid_format` (wrong length or not digits; not
    /// counted); `otp.mismatch` (`remaining` attempts; the failure that reaches the limit
    /// already answers `otp.locked`). `time.invalid` (not counted) before any of them.
    pub fn verify(
        &mut self,
        input: &JsString,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<(), JsFailure> {
        let at = time::instant(at)?;
        with_secret(input, "input", |typed| self.0.verify(typed, at))
    }

    /// True once the attempt limit is reached.
    #[wasm_bindgen(getter, js_name = isLocked)]
    pub fn is_locked(&self) -> bool {
        self.0.is_locked()
    }

    /// True once the code was accepted.
    #[wasm_bindgen(getter, js_name = isUsed)]
    pub fn is_used(&self) -> bool {
        self.0.is_used()
    }

    /// The first instant the code no longer works, RFC 3339 in JST.
    #[wasm_bindgen(getter, js_name = expiresAt)]
    pub fn expires_at(&self) -> String {
        time::rfc3339(&self.0.expires_at())
    }

    /// What `JSON.stringify` writes: expiry and status, never the digits.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "OneTimePasswordSummary")]
    pub fn to_json(&self) -> JsValue {
        otp_summary_js(&self.0)
    }

    /// `OneTimePassword(expires 2026-11-23T10:10:00+09:00)`: never the digits.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("OneTimePassword(expires {})", self.expires_at())
    }
}
