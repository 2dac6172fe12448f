//! Money: `{ minor, currency }` for the money functions, plain yen numbers for the wallet.
//!
//! Every number JavaScript passes is handed to core as it is, an `f64`, and core decides
//! (`saifu::Money::from_f64`): `NaN` and ±`Infinity` are `money.invalid`, a fraction
//! `money.fraction_not_allowed`, anything beyond ±(2^53 − 1) `money.out_of_range`
//! (DESIGN.md §3 caps every amount there because a JS `number` holds exactly the
//! integers up to 2^53 − 1).

use js_sys::JsString;
use saifu::Currency;
use wasm_bindgen::prelude::*;

use crate::error::JsFailure;
use crate::input;

input::js_names! {
    /// How an amount is written: `¥10,000` (symbol), `10,000円` (suffix), `10,000円分`
    /// (voucher). Suffix and voucher are for yen only.
    type "MoneyStyle", read STYLES: saifu::MoneyStyle {
        [saifu::MoneyStyle::Symbol] => "symbol",
        [saifu::MoneyStyle::Suffix] => "suffix",
        [saifu::MoneyStyle::Voucher] => "voucher",
    }
}

input::js_names! {
    /// The rounding a rate names: 切り捨て (`toZero`), 四捨五入 (`midpointAwayFromZero`),
    /// 切り上げ (`awayFromZero`).
    type "Rounding", read ROUNDINGS: saifu::Rounding {
        [saifu::Rounding::ToZero] => "toZero",
        [saifu::Rounding::MidpointAwayFromZero] => "midpointAwayFromZero",
        [saifu::Rounding::AwayFromZero] => "awayFromZero",
    }
}

/// A core amount as a JS number: exact, since core keeps amounts within ±(2^53 − 1).
#[allow(clippy::cast_precision_loss)] // |minor| ≤ 2^53 − 1: exact in an f64
pub(crate) fn number(minor: i64) -> f64 {
    minor as f64
}

/// A JS number as a whole number of minor units of `currency`, as core reads an `f64`
/// (`saifu::Money::from_f64`).
///
/// Like the other readers of JavaScript values, it fails with a [`JsFailure`] (core's error
/// converted here once, not after each call; see `time`).
///
/// # Errors
/// `money.invalid` (NaN, ±Infinity), `money.fraction_not_allowed` (a fraction),
/// `money.out_of_range` (beyond ±(2^53 − 1)).
pub(crate) fn whole(value: f64, currency: Currency) -> Result<i64, JsFailure> {
    Ok(saifu::Money::from_f64(value, currency)?.minor())
}

/// A wallet amount (plain yen) from JavaScript, checked as [`whole`] says.
pub(crate) fn yen(value: f64) -> Result<saifu::Money, JsFailure> {
    Ok(saifu::Money::from_f64(value, Currency::JPY)?)
}

/// A yen amount as JavaScript sees it in wallet results.
pub(crate) fn plain(m: saifu::Money) -> f64 {
    number(m.minor())
}

/// A `Money` from JavaScript, `{ minor, currency }` (`what` names it): the shape first,
/// then the currency code, then the number checks of [`whole`] in that currency.
///
/// # Errors
/// `input.invalid` for the wrong shape, `money.unknown_currency`, then as [`whole`].
pub(crate) fn money_in(value: &JsValue, what: &str) -> Result<saifu::Money, JsFailure> {
    let minor = input::number_field(value, "minor", what)?;
    let currency = Currency::from_code(&input::text_field(value, "currency", what)?)?;
    Ok(saifu::Money::from_f64(minor, currency)?)
}

input::js_object! {
    /// An exact amount: integer minor units (yen for JPY, cents for USD) and an ISO 4217
    /// code. `minor` is within ±(2^53 − 1), where a JS `number` is exact.
    interface "Money",
    pub(crate) fn money_js(m: saifu::Money) {
        /// Integer minor units, within ±9,007,199,254,740,991.
        "minor": "number" = number(m.minor()).into(),
        /// ISO 4217 alphabetic code, e.g. "JPY".
        "currency": "string" = m.currency().code().into(),
    }
}

/// Parses an amount a person typed: `10000`, `10,000`, `¥10,000`, `10,000円`, full-width
/// digits and commas (`１０，０００`), surrounding spaces; a fraction up to the currency's
/// exponent (`10.50` USD). `currency` is an ISO 4217 code, `"JPY"` when omitted.
///
/// Throws `SaifuError`, checked in this order: `money.empty`, `money.invalid`,
/// `money.negative`, `money.fraction_not_allowed`, `money.out_of_range` (beyond
/// 2^53 − 1 minor units); `money.unknown_currency` for an unknown code.
#[wasm_bindgen(js_name = parseMoney, unchecked_return_type = "Money")]
pub fn parse_money(text: &JsString, currency: Option<JsString>) -> Result<JsValue, JsFailure> {
    let text = input::text(text, "text")?;
    let currency = match input::optional_text(currency.as_ref(), "currency")? {
        Some(code) => Currency::from_code(&code)?,
        None => Currency::JPY,
    };
    Ok(money_js(saifu::Money::parse(&text, currency)?))
}

/// Writes an amount: `¥10,000`, `10,000円`, `10,000円分`; a negative amount puts the
/// sign first (`-¥50`); other currencies as `USD 10.50` (symbol style only).
///
/// Throws `SaifuError`: `money.currency_mismatch` (suffix or voucher style of a currency
/// other than the yen), `money.unknown_currency`; for `minor`: `money.invalid` (NaN,
/// ±Infinity), `money.fraction_not_allowed`, `money.out_of_range` (beyond ±(2^53 − 1)).
#[wasm_bindgen(js_name = formatMoney)]
pub fn format_money(
    #[wasm_bindgen(unchecked_param_type = "Money")] money: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "MoneyStyle")] style: &JsString,
) -> Result<String, JsFailure> {
    let m = money_in(money, "money")?;
    let style = input::named(STYLES, &input::text(style, "style")?, "style")?;
    Ok(m.format(style)?)
}

/// Applies a rate (a premium, a point rate, a fee), given as a decimal string such as
/// `"0.3"`, and rounds to whole minor units in the named direction.
///
/// The rate is read exactly: an optional `-`, digits, optionally `.` and digits (no
/// spaces, no `+`, no exponent, at most 28 decimal places).
///
/// Throws `SaifuError`: the checks of `minor` as for `formatMoney`; `money.invalid_rate`
/// (with `given`) when `rate` is not such text; `money.out_of_range` when the result
/// leaves ±(2^53 − 1); `input.invalid` when `rate` is not a string.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = applyRate, unchecked_return_type = "Money")]
pub fn apply_rate(
    #[wasm_bindgen(unchecked_param_type = "Money")] money: &JsValue,
    rate: &JsString,
    #[wasm_bindgen(unchecked_param_type = "Rounding")] rounding: &JsString,
) -> Result<JsValue, JsFailure> {
    let m = money_in(money, "money")?;
    let rounding = input::named(ROUNDINGS, &input::text(rounding, "rounding")?, "rounding")?;
    let rate = saifu::parse_rate(&input::text(rate, "rate")?)?;
    Ok(money_js(m.apply_rate(rate, rounding)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use saifu::MAX_MINOR;

    #[test]
    fn numbers_are_checked_in_order() {
        let code = |v: f64| whole(v, Currency::JPY).map_err(|e| e.code().to_owned());
        assert_eq!(code(f64::NAN), Err("money.invalid".into()));
        assert_eq!(code(f64::INFINITY), Err("money.invalid".into()));
        assert_eq!(code(f64::NEG_INFINITY), Err("money.invalid".into()));
        assert_eq!(code(1.5), Err("money.fraction_not_allowed".into()));
        assert_eq!(
            code(9_007_199_254_740_992.0),
            Err("money.out_of_range".into())
        );
        assert_eq!(
            code(-9_007_199_254_740_992.0),
            Err("money.out_of_range".into())
        );
        assert_eq!(code(1e300), Err("money.out_of_range".into()));
        assert_eq!(code(9_007_199_254_740_991.0), Ok(MAX_MINOR));
        assert_eq!(code(-9_007_199_254_740_991.0), Ok(-MAX_MINOR));
        assert_eq!(code(-0.0), Ok(0));
    }
}
