//! Money (DESIGN §3): amounts as integer minor units and an ISO 4217 currency code.

use saifu::{Currency, Error};

use crate::error::SaifuError;

/// An exact amount: integer minor units (yen for JPY, cents for USD) of a currency,
/// within ±(2^53 − 1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Money {
    /// The amount in minor units.
    pub minor: i64,
    /// The ISO 4217 code, e.g. `JPY`.
    #[uniffi(default = "JPY")]
    pub currency: String,
}

impl From<saifu::Money> for Money {
    fn from(m: saifu::Money) -> Self {
        Money {
            minor: m.minor(),
            currency: m.currency().code().to_owned(),
        }
    }
}

impl TryFrom<Money> for saifu::Money {
    type Error = Error;

    fn try_from(m: Money) -> Result<Self, Error> {
        saifu::Money::new(m.minor, Currency::from_code(&m.currency)?)
    }
}

/// Yen, as every wallet amount is (DESIGN §3: the wallet is yen-only).
///
/// # Errors
/// `money.out_of_range` outside ±(2^53 − 1).
pub(crate) fn yen(minor: i64) -> Result<saifu::Money, Error> {
    saifu::Money::jpy(minor)
}

/// An amount from a floating-point number, for a caller that holds one (a `Double` read
/// from JSON or a form), by the core's rule for a floating-point amount, the rule the
/// JavaScript binding applies to every number. `-0` is 0. The integer entries (`Money`,
/// wallet and charge amounts) take a whole number (Kotlin `Long`, Swift `Int64`, Python
/// `int`); this is the path for every other value.
///
/// Kotlin: `moneyFromF64(1500.0, "JPY")`; Swift: `moneyFromF64(value: 1500, currency:
/// "JPY")`; Python: `money_from_f64(1500.0, "JPY")`.
///
/// # Errors
/// `money.unknown_currency`; then, in order, `money.invalid` (`NaN`, ±`Infinity`),
/// `money.fraction_not_allowed` (a fraction of a minor unit), `money.out_of_range`
/// (beyond ±(2^53 − 1)).
#[uniffi::export(default(currency = "JPY"))]
pub fn money_from_f64(value: f64, currency: String) -> Result<Money, SaifuError> {
    let currency = Currency::from_code(&currency)?;
    Ok(saifu::Money::from_f64(value, currency)?.into())
}

pub use saifu::MoneyStyle;

/// How an amount is written.
#[uniffi::remote(Enum)]
pub enum MoneyStyle {
    /// `¥10,000`; other currencies `USD 10.50`.
    Symbol,
    /// `10,000円` (yen only).
    Suffix,
    /// `10,000円分`, voucher value as the seed's screens show it (yen only).
    Voucher,
}

pub use saifu::Rounding;

/// The rounding a rate names when it is applied.
#[uniffi::remote(Enum)]
pub enum Rounding {
    /// 切り捨て: drop the fraction (towards zero).
    ToZero,
    /// 四捨五入: to the nearest; a half goes away from zero.
    MidpointAwayFromZero,
    /// 切り上げ: any fraction goes up (away from zero).
    AwayFromZero,
}

/// Parses an amount a person typed: `10000`, `¥10,000`, `１０，０００円`, ` 5,000 円 `,
/// `10.50` (USD).
///
/// # Errors
/// In order: `money.unknown_currency`, `money.empty`, `money.invalid`, `money.negative`,
/// `money.fraction_not_allowed`, `money.out_of_range`.
#[uniffi::export(default(currency = "JPY"))]
pub fn parse_money(text: String, currency: String) -> Result<Money, SaifuError> {
    let currency = Currency::from_code(&currency)?;
    Ok(saifu::Money::parse(&text, currency)?.into())
}

/// Writes an amount: `¥10,000`, `10,000円`, `10,000円分`, `USD 10.50`.
///
/// # Errors
/// `money.unknown_currency`, `money.out_of_range`; `money.currency_mismatch` for the
/// suffix and voucher styles on another currency than yen.
#[uniffi::export]
pub fn format_money(money: Money, style: MoneyStyle) -> Result<String, SaifuError> {
    Ok(saifu::Money::try_from(money)?.format(style)?)
}

/// Applies a rate given as decimal text (`"0.3"` for 30 %, `"-0.05"`) with a named
/// rounding. The text is read exactly: no spaces, no `+`,
/// no exponent, at most 28 decimal places.
///
/// # Errors
/// `money.unknown_currency`, `money.out_of_range` for `money`; then
/// `money.invalid_rate` (with `given`) for a rate that is not decimal text;
/// `money.out_of_range` when the result leaves ±(2^53 − 1).
#[uniffi::export]
pub fn apply_rate(money: Money, rate: String, rounding: Rounding) -> Result<Money, SaifuError> {
    let money = saifu::Money::try_from(money)?;
    let rate = saifu::parse_rate(&rate)?;
    Ok(money.apply_rate(rate, rounding)?.into())
}
