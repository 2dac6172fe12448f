//! saifu-wasm: the wasm-bindgen layer of saifu (JavaScript and TypeScript).
//!
//! Thin by rule (DESIGN.md §1): each export converts, calls `saifu`, and maps the error
//! into a thrown `SaifuError` ([`error`]). Every export has a camelCase `js_name`.

mod error;

pub use error::{JsFailure, SaifuError, is_saifu_error};
use wasm_bindgen::prelude::*;

/// The version of the saifu bindings, e.g. `"0.1.0"`.
#[wasm_bindgen(js_name = saifuVersion)]
pub fn saifu_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Placeholder for the error round-trip: throws `SaifuError` with code `input.empty` when
/// `text` is empty or blank.
///
/// # Errors
/// `SaifuError` with code `input.empty`.
#[wasm_bindgen(js_name = checkNotEmpty)]
pub fn check_not_empty(text: &str) -> Result<(), JsFailure> {
    if text.trim().is_empty() {
        return Err(JsFailure::new(
            "input.empty",
            "input.empty: the input is empty",
        ));
    }
    Ok(())
}
