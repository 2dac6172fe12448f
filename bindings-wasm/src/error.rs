//! Errors cross to JavaScript as instances of `SaifuError` (js/error.js), never as a bare
//! `Error(message)`: callers branch on `code` and read typed fields from `details`.

use saifu::{ErrorDetail, Lang};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    /// `class SaifuError extends Error { code; messageJa; details }` from js/error.js.
    #[wasm_bindgen(extends = js_sys::Error)]
    pub type SaifuError;

    #[wasm_bindgen(constructor)]
    fn new(code: &str, message: &str, message_ja: &str, details: js_sys::Object) -> SaifuError;
}

#[wasm_bindgen(typescript_custom_section)]
const SAIFU_ERROR_TS: &'static str = r#"
/**
 * What every saifu function throws. Narrow an unknown catch value with `isSaifuError`.
 *
 * `code` is the stable code of docs/errors.md (the same string in every language);
 * `message` is English, `messageJa` Japanese; `details` holds the error's fields by
 * camelCase name (`available`, `refundable`, `lot`, `refundId`, `tag`, `position`, …):
 * amounts as plain yen numbers, counts and positions as numbers, instants (`until`) as
 * RFC 3339 strings in JST, everything else as strings (ids, tags, currency codes, the
 * `state` of a QR payment or a charge as core names it, e.g. "amount_shown",
 * "awaiting_three_ds").
 *
 * Besides core's codes, one comes from this binding: `input.invalid` (field `detail`)
 * when JavaScript passes a value of the wrong type or shape, which TypeScript rules out;
 * a string that is not well-formed UTF-16 (a lone surrogate, `"\uD800"`); or a value whose
 * reading throws (a getter, a `Proxy`, an array's iterator).
 */
export interface SaifuError extends Error {
  /** Always "SaifuError". */
  readonly name: "SaifuError";
  /** Stable error code, the same in every language, e.g. "wallet.insufficient_balance". */
  readonly code: string;
  /** The message in Japanese (`message` is English). */
  readonly messageJa: string;
  /** The error's fields by camelCase name; empty when it has none. */
  readonly details: Readonly<Record<string, string | number>>;
}
"#;

/// The code of the one error this binding adds to core's: a value of the wrong type or
/// shape (a missing field, a string where a number belongs, an unknown literal).
pub const INVALID_INPUT: &str = "input.invalid";

/// One field of an error, as it reaches JavaScript.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// An id, a tag, a currency code.
    Text(String),
    /// A count, a position or an amount (exact: within ±(2^53 − 1)).
    Number(f64),
}

impl From<&str> for Detail {
    fn from(text: &str) -> Detail {
        Detail::Text(text.to_owned())
    }
}

impl From<String> for Detail {
    fn from(text: String) -> Detail {
        Detail::Text(text)
    }
}

impl From<u32> for Detail {
    fn from(n: u32) -> Detail {
        Detail::Number(f64::from(n))
    }
}

/// An error on its way to JavaScript: code, messages and typed detail fields.
///
/// Built in plain Rust (testable off wasm); becomes a `SaifuError` only when returned
/// from an export (`Result<T, JsFailure>`).
///
/// One pointer wide: the fields live behind a `Box`, so every `Result<T, JsFailure>` that
/// `?` passes up stays small, and the exports move a pointer instead of copying some
/// fifty bytes at each early return (3.7 KB gzipped over the ~90 exports).
#[derive(Debug, Clone, PartialEq)]
pub struct JsFailure(Box<Failure>);

/// What a [`JsFailure`] holds.
#[derive(Debug, Clone, PartialEq)]
struct Failure {
    code: String,
    message: String,
    message_ja: String,
    details: Vec<(String, Detail)>,
}

impl JsFailure {
    /// A failure with no detail fields.
    pub fn new(
        code: impl Into<String>,
        message: impl Into<String>,
        message_ja: impl Into<String>,
    ) -> Self {
        Self(Box::new(Failure {
            code: code.into(),
            message: message.into(),
            message_ja: message_ja.into(),
            details: Vec::new(),
        }))
    }

    /// `input.invalid`: JavaScript passed a value of the wrong type or shape.
    pub fn invalid_input(detail: &str) -> Self {
        // Bounded, like core's echoes of what a caller gave.
        let detail: String = detail.chars().take(200).collect();
        JsFailure::new(
            INVALID_INPUT,
            format!("An argument has the wrong type or shape: {detail}."),
            format!("引数の型または形式が正しくありません（{detail}）。"),
        )
        .with_detail("detail", detail)
    }

    /// Adds one detail field, named in camelCase (`available`, `refundId`).
    #[must_use]
    pub fn with_detail(mut self, key: &str, value: impl Into<Detail>) -> Self {
        self.0.details.push((key.to_owned(), value.into()));
        self
    }

    /// The stable code.
    pub fn code(&self) -> &str {
        &self.0.code
    }

    /// The English message.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The detail field `key`, if the failure has it.
    pub fn detail(&self, key: &str) -> Option<&Detail> {
        self.0
            .details
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
}

/// `refund_id` → `refundId`: core names fields in snake_case, JavaScript in camelCase.
///
/// Core's field names are ASCII, so ASCII upper-casing is all it takes (and keeps
/// Unicode's case tables, some 5 KB gzipped, out of the WebAssembly build).
pub(crate) fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

impl From<saifu::Error> for JsFailure {
    fn from(e: saifu::Error) -> JsFailure {
        let details = e
            .details()
            .into_iter()
            .map(|(name, value)| {
                let value = match value {
                    ErrorDetail::Text(text) => Detail::Text(text),
                    ErrorDetail::Number(n) => Detail::Number(f64::from(n)),
                    // Every money field of core's errors is a wallet amount: plain yen.
                    ErrorDetail::Money(m) => Detail::Number(crate::money::number(m.minor())),
                    // An instant (a charge guard's `until`): RFC 3339 in JST, like every result.
                    ErrorDetail::Time(t) => Detail::Text(crate::time::rfc3339(&t)),
                };
                (camel_case(name), value)
            })
            .collect();
        JsFailure(Box::new(Failure {
            code: e.code().to_owned(),
            message: e.message(Lang::En),
            message_ja: e.message(Lang::Ja),
            details,
        }))
    }
}

impl From<JsFailure> for JsValue {
    fn from(JsFailure(failure): JsFailure) -> JsValue {
        // A plain object (not a `Map`); setting a fresh object's own property cannot fail.
        let details = js_sys::Object::new();
        for (key, value) in &failure.details {
            let value = match value {
                Detail::Text(text) => JsValue::from_str(text),
                Detail::Number(n) => JsValue::from_f64(*n),
            };
            let _ = js_sys::Reflect::set(&details, &JsValue::from_str(key), &value);
        }
        SaifuError::new(
            &failure.code,
            &failure.message,
            &failure.message_ja,
            details,
        )
        .into()
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
    fn core_errors_keep_code_messages_and_typed_fields() {
        let available = saifu::Money::jpy(500).map_err(|e| e.to_string());
        let failure = JsFailure::from(saifu::Error::WalletInsufficientBalance {
            available: available.unwrap_or(saifu::Money::zero(saifu::Currency::JPY)),
        });
        assert_eq!(failure.code(), "wallet.insufficient_balance");
        assert_eq!(failure.detail("available"), Some(&Detail::Number(500.0)));
        assert!(failure.0.message_ja.contains("500円"));
    }

    #[test]
    fn field_names_become_camel_case() {
        let failure = JsFailure::from(saifu::Error::WalletDuplicateRefundId {
            refund_id: "X-1".into(),
        });
        assert_eq!(
            failure.detail("refundId"),
            Some(&Detail::Text("X-1".into()))
        );
        assert_eq!(camel_case("min_length"), "minLength");
        assert_eq!(camel_case("tag"), "tag");
    }

    #[test]
    fn instants_are_rfc3339_in_jst() {
        let until = saifu::chrono::DateTime::parse_from_rfc3339("2026-11-25T15:00:00Z");
        let Ok(until) = until else {
            return assert!(until.is_ok());
        };
        let failure = JsFailure::from(saifu::Error::ChargeBlockedPendingPayment { until });
        assert_eq!(failure.code(), "charge.blocked_pending_payment");
        assert_eq!(
            failure.detail("until"),
            Some(&Detail::Text("2026-11-26T00:00:00+09:00".into()))
        );
    }

    #[test]
    fn invalid_input_is_bounded() {
        let failure = JsFailure::invalid_input(&"x".repeat(10_000));
        assert_eq!(failure.code(), INVALID_INPUT);
        assert!(failure.message().len() < 400);
    }
}
