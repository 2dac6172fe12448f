//! Payment cards: numbers (kept in wasm memory), brand detection while typing, expiry
//! dates and security codes.

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::error::JsFailure;
use crate::input;
use crate::time;

#[wasm_bindgen(typescript_custom_section)]
const CARD_TS: &'static str = r#"
/**
 * A card brand, as core names it (`Brand::id`).
 */
export type Brand = "visa" | "mastercard" | "jcb" | "amex" | "diners" | "discover" | "unionpay";

/**
 * What the digits typed so far say about the card.
 */
export interface CardDetection {
    /** The brand when exactly one brand can still match, else `null`. */
    brand: Brand | null;
    /** Some valid number (range, length and Luhn) starts with the input. */
    potentiallyValid: boolean;
    /** The input is itself a valid number. */
    complete: boolean;
    /** The longest number the matching ranges allow (0 when none can match). */
    maxLength: number;
}
"#;

input::js_object! {
    /// A card number safe to log: brand and masked form.
    interface "CardSummary",
    fn card_summary_js(c: &saifu::CardNumber) {
        /// The brand.
        "brand": "Brand" = c.brand().id().into(),
        /// `****-****-****-4242`.
        "masked": "string" = c.masked().into(),
    }
}

/// A valid card number. The digits stay in wasm memory (zeroed when the object is
/// freed, by `free()`, `using` or the garbage collector); JSON and `console.log` of the
/// object show no digits (`toJSON()` gives the brand and the masked form).
#[wasm_bindgen]
pub struct CardNumber(pub(crate) saifu::CardNumber);

#[wasm_bindgen]
impl CardNumber {
    /// The brand, by IIN range.
    #[wasm_bindgen(getter, unchecked_return_type = "Brand")]
    pub fn brand(&self) -> String {
        self.0.brand().id().to_owned()
    }

    /// The number of digits (13–19).
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        u32::try_from(self.0.len()).unwrap_or(u32::MAX)
    }

    /// The digits, ASCII, no separators: `4242424242424242`. A copy the caller must
    /// protect.
    pub fn digits(&self) -> JsString {
        input::secret_out(Zeroizing::new(self.0.digits()))
    }

    /// Grouped by the brand's pattern with spaces: `4242 4242 4242 4242`, Amex
    /// `3782 822463 10005`.
    pub fn display(&self) -> JsString {
        input::secret_out(Zeroizing::new(self.0.display()))
    }

    /// Every digit but the last 4 hidden, groups joined by `-`: `****-****-****-4242`.
    pub fn masked(&self) -> String {
        self.0.masked()
    }

    /// The last 4 digits.
    pub fn last4(&self) -> String {
        self.0.last4()
    }

    /// The PCI view: first 6 and last 4 digits shown, `4242 42** **** 4242`.
    #[wasm_bindgen(js_name = first6Last4)]
    pub fn first6_last4(&self) -> String {
        self.0.first6_last4()
    }

    /// What `JSON.stringify` writes: brand and masked form, never the digits.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "CardSummary")]
    pub fn to_json(&self) -> JsValue {
        card_summary_js(&self.0)
    }

    /// The masked form.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.masked()
    }
}

/// Parses a card number as typed or pasted: full-width digits and the separators of
/// DESIGN.md §2 (spaces, no-break and ideographic spaces, hyphens and IME dashes).
///
/// Throws `SaifuError`, checked in this order: `card.empty`, `card.invalid_character`
/// (`position`), `card.unknown_brand`, `card.invalid_length` (`length`),
/// `card.luhn_mismatch`.
#[wasm_bindgen(js_name = parseCard)]
pub fn parse_card(number: &JsString) -> Result<CardNumber, JsFailure> {
    let number = input::secret_text(number, "number")?;
    Ok(CardNumber(saifu::CardNumber::parse(&number)?))
}

/// Checks a card number as `parseCard` does, in the same order, without keeping it: its
/// brand when it is valid, and nothing to `free()`. For a form that only says whether
/// the number is valid.
///
/// Throws `SaifuError` as `parseCard` does: `card.empty`, `card.invalid_character`
/// (`position`), `card.unknown_brand`, `card.invalid_length` (`length`),
/// `card.luhn_mismatch`.
#[wasm_bindgen(js_name = checkCard, unchecked_return_type = "Brand")]
pub fn check_card(number: &JsString) -> Result<JsValue, JsFailure> {
    let number = input::secret_text(number, "number")?;
    let brand = saifu::CardNumber::check(&number)?;
    // The name comes from js/card.js's table, as detectCard's does: no string to copy
    // out of wasm memory.
    Ok(brand_name(brand_index(Some(brand))))
}

/// `brand`'s index in core's `Brand::ALL` (js/card.js's `BRANDS`), -1 for none.
fn brand_index(brand: Option<saifu::Brand>) -> i32 {
    brand
        .and_then(|b| saifu::Brand::ALL.iter().position(|&x| x == b))
        .and_then(|i| i32::try_from(i).ok())
        .unwrap_or(-1)
}

#[wasm_bindgen(module = "/js/card.js")]
extern "C" {
    /// `{ brand, potentiallyValid, complete, maxLength }`, built in JS (`brand`: an index
    /// into core's `Brand::ALL`, -1 for none).
    #[wasm_bindgen(js_name = cardDetection)]
    fn card_detection(
        brand: i32,
        potentially_valid: bool,
        complete: bool,
        max_length: u32,
    ) -> JsValue;

    /// The brand's name (`Brand::id`) from its index into core's `Brand::ALL`.
    #[wasm_bindgen(js_name = brandName)]
    fn brand_name(brand: i32) -> JsValue;
}

/// Brand detection while typing: never throws for a string (what cannot become a card
/// number gives `potentiallyValid: false`).
///
/// Throws `SaifuError` `input.invalid` only for a value that is not a string.
#[wasm_bindgen(js_name = detectCard, unchecked_return_type = "CardDetection")]
pub fn detect_card(partial: &JsString) -> Result<JsValue, JsFailure> {
    let d = saifu::CardNumber::detect(&input::secret_text(partial, "partial")?);
    // Runs per keystroke: one call out builds the object (`object` would make one per
    // field). `CardDetection` (above) is its type.
    Ok(card_detection(
        brand_index(d.brand),
        d.potentially_valid,
        d.complete,
        u32::from(d.max_length),
    ))
}

input::js_object! {
    /// A card's expiry month: valid through the last instant of that month in JST.
    interface "CardExpiry",
    fn card_expiry_js(e: &saifu::CardExpiry) {
        /// 1–12.
        "month": "number" = e.month().into(),
        /// Four digits.
        "year": "number" = e.year().into(),
        /// The first instant the card is expired, RFC 3339 in JST:
        /// `2027-01-01T00:00:00+09:00` for `12/26`.
        "expiresAt": "string" = time::rfc3339(&e.expires_at()).into(),
    }
}

/// Parses `MM/YY` or `MM/YYYY` (month of 1 or 2 digits, `/` or `／`, full-width digits,
/// spaces around the slash; `YY` is 20YY).
///
/// Throws `SaifuError` `card.invalid_expiry` for anything else.
#[wasm_bindgen(js_name = parseCardExpiry, unchecked_return_type = "CardExpiry")]
pub fn parse_card_expiry(text: &JsString) -> Result<JsValue, JsFailure> {
    let e = saifu::CardExpiry::parse(&input::text(text, "text")?)?;
    Ok(card_expiry_js(&e))
}

input::js_input! {
    /// The month and year of a card's expiry (a `CardExpiry` will do).
    interface "ExpiryMonth",
    fn expiry_month(expiry, "expiry") -> (f64, f64) {
        /// 1–12.
        "month": "number" => month = input::number_field,
        /// Four digits, 2000–9999.
        "year": "number" => year = input::number_field,
    } {
        Ok((month, year))
    }
}

/// True from the first instant of the month after the expiry month, in JST.
///
/// Throws `SaifuError`: `card.invalid_expiry` for a month outside 1–12 or a year
/// outside 2000–9999 (not a whole number included); `time.invalid` for a `now` that is
/// not a valid `Date`.
#[wasm_bindgen(js_name = isCardExpired)]
pub fn is_card_expired(
    #[wasm_bindgen(unchecked_param_type = "ExpiryMonth")] expiry: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
) -> Result<bool, JsFailure> {
    let (month, year) = expiry_month(expiry)?;
    let now = time::instant(now)?;
    let e = saifu::CardExpiry::new(calendar_part(month), calendar_part(year))?;
    Ok(e.is_expired(&now))
}

/// A month or year from JavaScript; 0 (which core rejects) for anything that is not a
/// whole number within 0–9999.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // whole, 0–9999: exact
pub(crate) fn calendar_part(v: f64) -> u32 {
    if v.fract() == 0.0 && (0.0..=9999.0).contains(&v) {
        v as u32
    } else {
        0
    }
}

/// A card's security code, kept in wasm memory and zeroed when freed. JSON and
/// `console.log` show no digits.
#[wasm_bindgen]
pub struct SecurityCode(saifu::SecurityCode);

#[wasm_bindgen]
impl SecurityCode {
    /// One `*` per digit: `***` (American Express `****`).
    pub fn masked(&self) -> String {
        self.0.masked()
    }

    /// The digits, to hand to a payment processor. A copy the caller must protect.
    pub fn digits(&self) -> JsString {
        input::secret_out(Zeroizing::new(self.0.digits()))
    }

    /// What `JSON.stringify` writes: the masked form, never the digits.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.0.masked()
    }

    /// The masked form.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.masked()
    }
}

/// Parses the security code typed for a card of `brand`: 3 digits (American Express 4),
/// full-width digits accepted, surrounding spaces trimmed.
///
/// Throws `SaifuError`: `card.invalid_cvc` (`brand`) unless exactly the brand's number of
/// digits; `card.unknown_brand` for a brand that is not one of `Brand`.
#[wasm_bindgen(js_name = parseSecurityCode)]
pub fn parse_security_code(
    code: &JsString,
    #[wasm_bindgen(unchecked_param_type = "Brand")] brand: &JsString,
) -> Result<SecurityCode, JsFailure> {
    let code = input::secret_text(code, "code")?;
    let brand = input::text(brand, "brand")?;
    let brand = saifu::Brand::from_id(&brand).ok_or(saifu::Error::CardUnknownBrand)?;
    Ok(SecurityCode(saifu::SecurityCode::parse(&code, brand)?))
}

#[cfg(test)]
mod tests {
    /// js/card.js lists the brands in core's `Brand::ALL` order, by id.
    #[test]
    fn the_js_brand_table_is_cores() {
        let js = include_str!("../js/card.js");
        let ids: Vec<&str> = saifu::Brand::ALL.iter().map(|b| b.id()).collect();
        let table = format!("const BRANDS = [\"{}\"];", ids.join("\", \""));
        assert!(js.contains(&table), "js/card.js should contain {table}");
    }
}
