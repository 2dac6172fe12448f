//! Errors cross to JavaScript as instances of `SaifuError` (js/error.js), never as a bare
//! `Error(message)`: callers branch on `code` and read typed fields from `details`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    /// `class SaifuError extends Error { code; details }` from js/error.js.
    #[wasm_bindgen(extends = js_sys::Error)]
    pub type SaifuError;

    #[wasm_bindgen(constructor)]
    fn new(code: &str, message: &str, details: JsValue) -> SaifuError;
}

#[wasm_bindgen(typescript_custom_section)]
const SAIFU_ERROR_TS: &'static str = r#"
/** What every saifu function throws. Narrow an unknown catch value with `isSaifuError`. */
export interface SaifuError extends Error {
  readonly name: "SaifuError";
  /** Stable error code, the same in every language, e.g. "money.empty". */
  readonly code: string;
  /** Typed fields of the failure (empty when it has none). */
  readonly details: Readonly<Record<string, unknown>>;
}
"#;

/// An error on its way to JavaScript: code, English message and typed detail fields.
///
/// Built in plain Rust (testable off wasm); becomes a `SaifuError` only when returned
/// from an export (`Result<T, JsFailure>`).
#[derive(Debug, Clone, PartialEq)]
pub struct JsFailure {
    code: String,
    message: String,
    details: serde_json::Map<String, serde_json::Value>,
}

impl JsFailure {
    /// A failure with no detail fields.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            details: serde_json::Map::new(),
        }
    }

    /// Adds one detail field, named in camelCase (`available`, `lotId`). Amounts go in as
    /// integers: DESIGN.md §3 keeps them within ±(2^53−1), so JavaScript gets an exact number.
    #[must_use]
    pub fn with_detail(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.details.insert(key.to_owned(), value.into());
        self
    }
}

impl From<JsFailure> for JsValue {
    fn from(failure: JsFailure) -> JsValue {
        // Objects, not `Map`s. A detail that cannot cross degrades to `{}` rather than
        // losing the code (cannot happen for JSON values within the safe-integer range).
        let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
        let details = failure
            .details
            .serialize(&serializer)
            .unwrap_or_else(|_| js_sys::Object::new().into());
        SaifuError::new(&failure.code, &failure.message, details).into()
    }
}

/// `isSaifuError(e: unknown): e is SaifuError`: the type guard for catch blocks.
#[wasm_bindgen(js_name = isSaifuError, unchecked_return_type = "e is SaifuError")]
pub fn is_saifu_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: &JsValue) -> bool {
    e.is_instance_of::<SaifuError>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_keep_their_json_types() {
        let failure = JsFailure::new("wallet.insufficient_balance", "short")
            .with_detail("available", 500)
            .with_detail("lotId", "L1");
        assert_eq!(failure.code, "wallet.insufficient_balance");
        assert_eq!(
            failure.details.get("available"),
            Some(&serde_json::json!(500))
        );
        assert_eq!(failure.details.get("lotId"), Some(&serde_json::json!("L1")));
    }
}
