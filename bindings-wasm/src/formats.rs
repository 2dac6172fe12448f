//! Codes and numbers people type: voucher codes, purchase codes, Smart Pit numbers,
//! passwords.

use js_sys::JsString;
use wasm_bindgen::prelude::*;

use crate::error::JsFailure;
use crate::input;

/// Masks a voucher code (16 ASCII letters and digits, surrounding whitespace trimmed):
/// characters 1–4 and 9–12 kept, `N7af****7AV9****`.
///
/// Throws `SaifuError` `voucher.invalid_code` for anything else.
#[wasm_bindgen(js_name = maskVoucherCode)]
pub fn mask_voucher_code(code: &JsString) -> Result<String, JsFailure> {
    Ok(saifu::VoucherCode::parse(&input::text(code, "code")?)?.masked())
}

/// Normalises a purchase code as typed (購入コード, the code a lottery winner is sent):
/// surrounding whitespace trimmed, full-width letters and digits to ASCII, letters
/// upper-cased, separators removed: `ａｂｃｄ-１２３４` → `ABCD1234`.
///
/// Throws `SaifuError` `purchase.invalid_code` unless 4–32 letters and digits remain.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = normalizePurchaseCode)]
pub fn normalize_purchase_code(code: &JsString) -> Result<String, JsFailure> {
    Ok(saifu::PurchaseCode::parse(&input::text(code, "code")?)?.to_string())
}

input::js_object! {
    /// A Smart Pit number.
    interface "SmartPitNumber",
    fn smart_pit_js(n: &saifu::SmartPitNumber) {
        /// The 13 ASCII digits, as a merchant's form takes them.
        "digits": "string" = n.digits().into(),
        /// Grouped 4-4-5 with hyphens: `1234-5678-90123`.
        "display": "string" = n.display().into(),
    }
}

/// Parses a Smart Pit number (13 digits; full-width digits and separators accepted).
///
/// Throws `SaifuError` `smartpit.invalid_number` for anything else.
#[wasm_bindgen(js_name = parseSmartPit, unchecked_return_type = "SmartPitNumber")]
pub fn parse_smart_pit(number: &JsString) -> Result<JsValue, JsFailure> {
    let n = saifu::SmartPitNumber::parse(&input::text(number, "number")?)?;
    Ok(smart_pit_js(&n))
}

/// Checks a password against the policy: 8 or more half-width letters and digits, at
/// least one of each, taken exactly as typed (never trimmed). Returns nothing when it
/// passes.
///
/// Throws `SaifuError`, checked in this order: `password.invalid_character`
/// (`position`), `password.too_short` (`minLength`), `password.missing_letter`,
/// `password.missing_digit`.
#[wasm_bindgen(js_name = checkPassword)]
pub fn check_password(password: &JsString) -> Result<(), JsFailure> {
    Ok(saifu::check_password(&input::secret_text(
        password, "password",
    )?)?)
}
