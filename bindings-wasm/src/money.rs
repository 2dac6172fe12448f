//! Money: `{ minor, currency }` for the money functions, plain yen numbers for the wallet.
//!
//! Every number JavaScript passes is checked before core sees it: `NaN` and ±`Infinity`
//! are `money.invalid`, a fraction `money.fraction_not_allowed`, anything beyond
//! ±(2^53 − 1) `money.out_of_range` (DESIGN.md §3 caps every amount there because a JS
//! `number` holds exactly the integers up to 2^53 − 1).

use std::str::FromStr;

use js_sys::JsString;
use saifu::rust_decimal::Decimal;
use saifu::{Currency, Error, MAX_MINOR};
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::error::JsFailure;
use crate::input;

/// An exact amount: integer minor units (yen for JPY, cents for USD) and an ISO 4217
/// code. `minor` is within ±(2^53 − 1), where a JS `number` is exact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// Integer minor units, within ±9,007,199,254,740,991.
    pub minor: f64,
    /// ISO 4217 alphabetic code, e.g. "JPY".
    pub currency: String,
}

/// How an amount is written: `¥10,000` (symbol), `10,000円` (suffix), `10,000円分`
/// (voucher). Suffix and voucher are for yen only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum MoneyStyle {
    /// `¥10,000`, `USD 10.50`.
    Symbol,
    /// `10,000円`.
    Suffix,
    /// `10,000円分`.
    Voucher,
}

/// The rounding a rate names: 切り捨て (`toZero`), 四捨五入 (`midpointAwayFromZero`),
/// 切り上げ (`awayFromZero`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum Rounding {
    /// 切り捨て: drop the fraction.
    ToZero,
    /// 四捨五入: to the nearest, a half away from zero.
    MidpointAwayFromZero,
    /// 切り上げ: any fraction goes up (away from zero).
    AwayFromZero,
}

/// A core amount as a JS number: exact, since core keeps amounts within ±(2^53 − 1).
#[allow(clippy::cast_precision_loss)] // |minor| ≤ 2^53 − 1: exact in an f64
pub(crate) fn number(minor: i64) -> f64 {
    minor as f64
}

/// A JS number as a whole number of minor units of `currency`.
///
/// # Errors
/// `money.invalid` (NaN, ±Infinity), `money.fraction_not_allowed` (a fraction),
/// `money.out_of_range` (beyond ±(2^53 − 1)).
pub(crate) fn whole(value: f64, currency: Currency) -> Result<i64, Error> {
    if !value.is_finite() {
        return Err(Error::MoneyInvalid);
    }
    if value.fract() != 0.0 {
        return Err(Error::MoneyFractionNotAllowed { currency });
    }
    if value.abs() > number(MAX_MINOR) {
        return Err(Error::MoneyOutOfRange);
    }
    // Finite, whole and within ±(2^53 − 1): the cast is exact.
    #[allow(clippy::cast_possible_truncation)]
    Ok(value as i64)
}

/// A wallet amount (plain yen) from JavaScript, checked as [`whole`] says.
pub(crate) fn yen(value: f64) -> Result<saifu::Money, Error> {
    saifu::Money::jpy(whole(value, Currency::JPY)?)
}

/// A yen amount as JavaScript sees it in wallet results.
pub(crate) fn plain(m: saifu::Money) -> f64 {
    number(m.minor())
}

impl Money {
    pub(crate) fn from_core(m: saifu::Money) -> Money {
        Money {
            minor: number(m.minor()),
            currency: m.currency().code().to_owned(),
        }
    }

    pub(crate) fn to_core(&self) -> Result<saifu::Money, Error> {
        let currency = Currency::from_code(&self.currency)?;
        saifu::Money::new(whole(self.minor, currency)?, currency)
    }
}

impl From<MoneyStyle> for saifu::MoneyStyle {
    fn from(style: MoneyStyle) -> Self {
        match style {
            MoneyStyle::Symbol => saifu::MoneyStyle::Symbol,
            MoneyStyle::Suffix => saifu::MoneyStyle::Suffix,
            MoneyStyle::Voucher => saifu::MoneyStyle::Voucher,
        }
    }
}

impl From<Rounding> for saifu::Rounding {
    fn from(rounding: Rounding) -> Self {
        match rounding {
            Rounding::ToZero => saifu::Rounding::ToZero,
            Rounding::MidpointAwayFromZero => saifu::Rounding::MidpointAwayFromZero,
            Rounding::AwayFromZero => saifu::Rounding::AwayFromZero,
        }
    }
}

/// Parses an amount a person typed: `10000`, `10,000`, `¥10,000`, `10,000円`, full-width
/// digits and commas (`１０，０００`), surrounding spaces; a fraction up to the currency's
/// exponent (`10.50` USD). `currency` is an ISO 4217 code, `"JPY"` when omitted.
///
/// Throws `SaifuError`, checked in this order: `money.empty`, `money.invalid`,
/// `money.negative`, `money.fraction_not_allowed`, `money.out_of_range` (beyond
/// 2^53 − 1 minor units); `money.unknown_currency` for an unknown code.
#[wasm_bindgen(js_name = parseMoney)]
pub fn parse_money(text: &JsString, currency: Option<JsString>) -> Result<Ts<Money>, JsFailure> {
    let text = input::text(text, "text")?;
    let currency = match input::optional_text(currency.as_ref(), "currency")? {
        Some(code) => Currency::from_code(&code)?,
        None => Currency::JPY,
    };
    let m = saifu::Money::parse(&text, currency)?;
    Ok(Money::from_core(m).into_ts()?)
}

/// Writes an amount: `¥10,000`, `10,000円`, `10,000円分`; a negative amount puts the
/// sign first (`-¥50`); other currencies as `USD 10.50` (symbol style only).
///
/// Throws `SaifuError`: `money.currency_mismatch` (suffix or voucher style of a currency
/// other than the yen), `money.unknown_currency`; for `minor`: `money.invalid` (NaN,
/// ±Infinity), `money.fraction_not_allowed`, `money.out_of_range` (beyond ±(2^53 − 1)).
#[wasm_bindgen(js_name = formatMoney)]
pub fn format_money(money: Ts<Money>, style: Ts<MoneyStyle>) -> Result<String, JsFailure> {
    let m = money.to_rust()?.to_core()?;
    let style: MoneyStyle = style.to_rust()?;
    Ok(m.format(style.into())?)
}

/// Applies a rate (a premium, a point rate, a fee), given as a decimal string such as
/// `"0.3"`, and rounds to whole minor units in the named direction.
///
/// Throws `SaifuError`: `money.out_of_range` when the result leaves ±(2^53 − 1); the
/// checks of `minor` as for `formatMoney`; `input.invalid` when `rate` is not a decimal
/// number.
#[wasm_bindgen(js_name = applyRate)]
pub fn apply_rate(
    money: Ts<Money>,
    rate: &JsString,
    rounding: Ts<Rounding>,
) -> Result<Ts<Money>, JsFailure> {
    let m = money.to_rust()?.to_core()?;
    let rounding: Rounding = rounding.to_rust()?;
    let rate = input::text(rate, "rate")?;
    let rate = Decimal::from_str(rate.trim())
        .map_err(|e| JsFailure::invalid_input(&format!("rate: {e}")))?;
    let result = m.apply_rate(rate, rounding.into())?;
    Ok(Money::from_core(result).into_ts()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_checked_in_order() {
        let code = |v: f64| whole(v, Currency::JPY).map_err(|e| e.code());
        assert_eq!(code(f64::NAN), Err("money.invalid"));
        assert_eq!(code(f64::INFINITY), Err("money.invalid"));
        assert_eq!(code(f64::NEG_INFINITY), Err("money.invalid"));
        assert_eq!(code(1.5), Err("money.fraction_not_allowed"));
        assert_eq!(code(9_007_199_254_740_992.0), Err("money.out_of_range"));
        assert_eq!(code(-9_007_199_254_740_992.0), Err("money.out_of_range"));
        assert_eq!(code(1e300), Err("money.out_of_range"));
        assert_eq!(code(9_007_199_254_740_991.0), Ok(MAX_MINOR));
        assert_eq!(code(-9_007_199_254_740_991.0), Ok(-MAX_MINOR));
        assert_eq!(code(-0.0), Ok(0));
    }
}
