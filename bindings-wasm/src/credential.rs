//! Card PINs and one-time passwords. Both are secrets: the digits stay in wasm memory
//! (core zeroes them when the object is freed, by `free()`, `using` or the garbage
//! collector), and `toJSON`, `toString` and `util.inspect` never show them. The copy of
//! what JavaScript passed in is zeroed here as soon as core has read it.

use js_sys::JsString;
use saifu::chrono::TimeDelta;
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use crate::error::JsFailure;
use crate::input::{self, object};
use crate::money;
use crate::time;

#[wasm_bindgen(typescript_custom_section)]
const CREDENTIAL_TS: &'static str = r#"
/**
 * What `JSON.stringify` writes for a `Pin`: the attempt count, never the digits.
 */
export interface PinSummary {
    /** Consecutive failures so far. */
    failures: number;
    /** True once 3 consecutive failures have locked it. */
    isLocked: boolean;
}

/**
 * What `JSON.stringify` writes for a `OneTimePassword`: never the digits.
 */
export interface OneTimePasswordSummary {
    /** The first instant the code no longer works, RFC 3339 in JST. */
    expiresAt: string;
    /** True once the attempt limit is reached. */
    isLocked: boolean;
    /** True once the code was accepted. */
    isUsed: boolean;
}
"#;

/// Reads a secret string, hands it to `f`, and zeroes the copy in wasm memory.
fn with_secret<T>(
    value: &JsString,
    what: &str,
    f: impl FnOnce(&str) -> Result<T, saifu::Error>,
) -> Result<T, JsFailure> {
    let mut text = input::text(value, what)?;
    let result = f(&text);
    text.zeroize();
    Ok(result?)
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
        object(&[
            ("failures", self.0.failures().into()),
            ("isLocked", self.0.is_locked().into()),
        ])
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
        object(&[
            ("expiresAt", self.expires_at().into()),
            ("isLocked", self.0.is_locked().into()),
            ("isUsed", self.0.is_used().into()),
        ])
    }

    /// `OneTimePassword(expires 2026-11-23T10:10:00+09:00)`: never the digits.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("OneTimePassword(expires {})", self.expires_at())
    }
}
