//! Text from JavaScript: every string parameter is taken as a `JsString` handle and read
//! with `as_string()`, so a value that is not a string (a number, `undefined`, an object)
//! is a coded `input.invalid`. wasm-bindgen's own `&str` glue copies whatever it is given
//! into wasm memory unchecked, and a non-string there traps the module.

use js_sys::JsString;
use wasm_bindgen::JsValue;

use crate::error::JsFailure;

/// The string `value` holds.
///
/// # Errors
/// `input.invalid` (naming `what`) when it holds something else.
pub(crate) fn text(value: &JsString, what: &str) -> Result<String, JsFailure> {
    value
        .as_string()
        .ok_or_else(|| JsFailure::invalid_input(&format!("{what} must be a string")))
}

/// An optional string: `undefined` or `null` is `None`.
pub(crate) fn optional_text(
    value: Option<&JsString>,
    what: &str,
) -> Result<Option<String>, JsFailure> {
    value.map(|v| text(v, what)).transpose()
}

/// A number from JavaScript: anything that is not a `number` (a string, a `BigInt`,
/// `undefined`) reads as `NaN`, which the number checks refuse with `money.invalid`.
pub(crate) fn number(value: &JsValue) -> f64 {
    value.as_f64().unwrap_or(f64::NAN)
}
