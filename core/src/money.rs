//! Exact amounts of money (DESIGN §3).
//!
//! A [`Money`] is an integer number of minor units and a [`Currency`]. Every amount lies
//! within ±(2^53 − 1) minor units, so a JavaScript `number` holds it exactly and every
//! language saifu is bound to accepts and rejects the same values. Arithmetic is checked:
//! overflow and mixed currencies are errors, never a wrap or a panic.

use rust_decimal::Decimal;
#[cfg(feature = "serde")]
use serde::{Deserialize, Deserializer, Serialize};

use crate::currency::Currency;
use crate::error::Error;
use crate::input::{self, digit_value, trim};

/// The largest amount, in minor units: 2^53 − 1 = 9,007,199,254,740,991.
pub const MAX_MINOR: i64 = 9_007_199_254_740_991;

/// The value of a checked sum or product, or `money.out_of_range` when it overflowed.
/// `ok_or(Error::MoneyOutOfRange)` would make (and drop) the error on every call: a
/// cost on the paths that sum every lot of a wallet.
pub(crate) fn in_range<T>(value: Option<T>) -> Result<T, Error> {
    match value {
        Some(value) => Ok(value),
        None => Err(Error::MoneyOutOfRange),
    }
}

/// An exact amount: integer minor units of a currency, within ±[`MAX_MINOR`].
///
/// ```
/// use saifu::{Currency, Money, MoneyStyle};
///
/// let price = Money::parse("¥10,000", Currency::JPY)?;
/// let total = price.checked_add(Money::jpy(500)?)?;
/// assert_eq!(total.minor(), 10_500);
/// assert_eq!(total.format(MoneyStyle::Voucher)?, "10,500円分");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Money {
    minor: i64,
    currency: Currency,
}

/// How an amount is written.
///
/// ```
/// use saifu::{Money, MoneyStyle};
///
/// let m = Money::jpy(10_000)?;
/// assert_eq!(m.format(MoneyStyle::Symbol)?, "¥10,000");
/// assert_eq!(m.format(MoneyStyle::Suffix)?, "10,000円");
/// assert_eq!(m.format(MoneyStyle::Voucher)?, "10,000円分");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoneyStyle {
    /// `¥10,000`; other currencies `USD 10.50`.
    Symbol,
    /// `10,000円` (yen only).
    Suffix,
    /// `10,000円分`, voucher value as the seed's screens show it (yen only).
    Voucher,
}

/// The rounding a rate names when it is applied (DESIGN §3), named by direction as
/// `rust_decimal` names its rounding strategies.
///
/// ```
/// use rust_decimal::Decimal;
/// use saifu::{Money, Rounding};
///
/// let amount = Money::jpy(1_005)?;
/// let rate = Decimal::new(3, 1); // 0.3: a 30 % premium
/// assert_eq!(amount.apply_rate(rate, Rounding::ToZero)?.minor(), 301);
/// assert_eq!(amount.apply_rate(rate, Rounding::MidpointAwayFromZero)?.minor(), 302);
/// assert_eq!(amount.apply_rate(rate, Rounding::AwayFromZero)?.minor(), 302);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// 切り捨て: drop the fraction (towards zero).
    ToZero,
    /// 四捨五入: to the nearest; a half goes away from zero.
    MidpointAwayFromZero,
    /// 切り上げ: any fraction goes up (away from zero).
    AwayFromZero,
}

impl Money {
    /// The zero amount of a currency.
    ///
    /// ```
    /// # use saifu::{Currency, Money};
    /// assert!(Money::zero(Currency::JPY).is_zero());
    /// ```
    #[must_use]
    pub const fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// An amount of `minor` units of `currency`.
    ///
    /// # Errors
    /// `money.out_of_range` outside ±(2^53 − 1).
    ///
    /// # Example
    /// ```
    /// # use saifu::{Currency, Money};
    /// assert_eq!(Money::new(1050, Currency::USD)?.minor(), 1050);
    /// assert_eq!(Money::new(i64::MAX, Currency::JPY).unwrap_err().code(), "money.out_of_range");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn new(minor: i64, currency: Currency) -> Result<Money, Error> {
        if (-MAX_MINOR..=MAX_MINOR).contains(&minor) {
            Ok(Money { minor, currency })
        } else {
            Err(Error::MoneyOutOfRange)
        }
    }

    /// An amount of yen.
    ///
    /// # Errors
    /// `money.out_of_range` outside ±(2^53 − 1).
    ///
    /// # Example
    /// ```
    /// # use saifu::Money;
    /// assert_eq!(Money::jpy(500)?.minor(), 500);
    /// assert!(Money::jpy(1 << 53).is_err());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn jpy(minor: i64) -> Result<Money, Error> {
        Money::new(minor, Currency::JPY)
    }

    /// The amount in minor units (yen for JPY, cents for USD).
    ///
    /// ```
    /// # use saifu::Money;
    /// assert_eq!(Money::jpy(-50)?.minor(), -50);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub const fn minor(&self) -> i64 {
        self.minor
    }

    /// The currency.
    ///
    /// ```
    /// # use saifu::{Currency, Money};
    /// assert_eq!(Money::jpy(1)?.currency(), Currency::JPY);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// True for zero.
    ///
    /// ```
    /// # use saifu::Money;
    /// assert!(!Money::jpy(1)?.is_zero());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub const fn is_zero(&self) -> bool {
        self.minor == 0
    }

    /// True for amounts above zero.
    ///
    /// ```
    /// # use saifu::Money;
    /// assert!(Money::jpy(1)?.is_positive());
    /// assert!(!Money::jpy(0)?.is_positive());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub const fn is_positive(&self) -> bool {
        self.minor > 0
    }

    fn same_currency(&self, other: &Money) -> Result<(), Error> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::MoneyCurrencyMismatch {
                expected: self.currency,
                found: other.currency,
            })
        }
    }

    /// `self + other`.
    ///
    /// # Errors
    /// `money.currency_mismatch` for different currencies, `money.out_of_range` when the
    /// sum leaves ±(2^53 − 1).
    ///
    /// # Example
    /// ```
    /// # use saifu::{Currency, Money};
    /// let a = Money::jpy(100)?;
    /// assert_eq!(a.checked_add(a)?.minor(), 200);
    /// let usd = Money::new(1, Currency::USD)?;
    /// assert_eq!(a.checked_add(usd).unwrap_err().code(), "money.currency_mismatch");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use = "the sum is returned, not stored"]
    pub fn checked_add(self, other: Money) -> Result<Money, Error> {
        self.same_currency(&other)?;
        let minor = in_range(self.minor.checked_add(other.minor))?;
        Money::new(minor, self.currency)
    }

    /// `self - other`.
    ///
    /// # Errors
    /// As [`Money::checked_add`].
    ///
    /// # Example
    /// ```
    /// # use saifu::Money;
    /// assert_eq!(Money::jpy(100)?.checked_sub(Money::jpy(150)?)?.minor(), -50);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use = "the difference is returned, not stored"]
    pub fn checked_sub(self, other: Money) -> Result<Money, Error> {
        self.same_currency(&other)?;
        let minor = in_range(self.minor.checked_sub(other.minor))?;
        Money::new(minor, self.currency)
    }

    /// `self × n`, e.g. a unit price times a number of units.
    ///
    /// # Errors
    /// `money.out_of_range` when the product leaves ±(2^53 − 1).
    ///
    /// # Example
    /// ```
    /// # use saifu::Money;
    /// assert_eq!(Money::jpy(10_000)?.checked_mul(4)?.minor(), 40_000);
    /// assert!(Money::jpy(1 << 40)?.checked_mul(1 << 20).is_err());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use = "the product is returned, not stored"]
    pub fn checked_mul(self, n: i64) -> Result<Money, Error> {
        let minor = in_range(self.minor.checked_mul(n))?;
        Money::new(minor, self.currency)
    }

    /// `-self`.
    ///
    /// ```
    /// # use saifu::Money;
    /// assert_eq!(Money::jpy(50)?.negated().minor(), -50);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub const fn negated(self) -> Money {
        // The range is symmetric, so the negation of a valid amount is valid.
        Money {
            minor: 0i64.saturating_sub(self.minor),
            currency: self.currency,
        }
    }

    /// Applies a rate (a premium, a point rate, a fee) and rounds the result to whole
    /// minor units in the named direction.
    ///
    /// # Errors
    /// `money.out_of_range` when the result leaves ±(2^53 − 1).
    ///
    /// # Example
    /// ```
    /// # use rust_decimal::Decimal;
    /// # use saifu::{Money, Rounding};
    /// let premium = Money::jpy(10_000)?.apply_rate(Decimal::new(30, 2), Rounding::ToZero)?;
    /// assert_eq!(premium.minor(), 3_000);
    /// let huge = Money::jpy(9_000_000_000_000_000)?;
    /// assert_eq!(huge.apply_rate(Decimal::TWO, Rounding::ToZero).unwrap_err().code(), "money.out_of_range");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn apply_rate(self, rate: Decimal, rounding: Rounding) -> Result<Money, Error> {
        // amount × rate = amount × mantissa / 10^scale, computed exactly (a 53-bit amount
        // times a 96-bit mantissa needs up to 149 bits, more than a `Decimal` holds, so
        // `Decimal` multiplication would round the product before it is rounded here)
        // and rounded once.
        let magnitude = u128::from(self.minor.unsigned_abs());
        let mantissa = rate.mantissa().unsigned_abs();
        let divisor = 10u128
            .checked_pow(rate.scale())
            .ok_or(Error::MoneyOutOfRange)?;
        let (quotient, remainder) =
            wide_mul_div(magnitude, mantissa, divisor).ok_or(Error::MoneyOutOfRange)?;
        let up = match rounding {
            Rounding::ToZero => false,
            Rounding::AwayFromZero => remainder != 0,
            // remainder ≥ divisor − remainder, i.e. the fraction is at least a half.
            Rounding::MidpointAwayFromZero => remainder >= divisor.saturating_sub(remainder),
        };
        let rounded = if up {
            quotient.checked_add(1).ok_or(Error::MoneyOutOfRange)?
        } else {
            quotient
        };
        let minor = i64::try_from(rounded).map_err(|_| Error::MoneyOutOfRange)?;
        let negative = (self.minor < 0) != rate.is_sign_negative();
        Money::new(
            if negative {
                minor.saturating_neg()
            } else {
                minor
            },
            self.currency,
        )
    }

    /// An amount of `currency` from a floating-point number, as JavaScript passes every
    /// number: a binding hands the `f64` over as it is, and this decides what it means.
    /// `-0` is 0.
    ///
    /// # Errors
    /// Checked in this order: `money.invalid` (`NaN`, ±`Infinity`);
    /// `money.fraction_not_allowed` (a fraction of a minor unit, `1.5` yen);
    /// `money.out_of_range` (beyond ±(2^53 − 1), where an `f64` no longer holds every
    /// integer).
    ///
    /// # Example
    /// ```
    /// # use saifu::{Currency, Money, MAX_MINOR};
    /// assert_eq!(Money::from_f64(10_000.0, Currency::JPY)?.minor(), 10_000);
    /// assert_eq!(Money::from_f64(9_007_199_254_740_991.0, Currency::JPY)?.minor(), MAX_MINOR);
    /// let code = |v: f64| Money::from_f64(v, Currency::JPY).unwrap_err().code();
    /// assert_eq!(code(f64::NAN), "money.invalid");
    /// assert_eq!(code(f64::NEG_INFINITY), "money.invalid");
    /// assert_eq!(code(1.5), "money.fraction_not_allowed");
    /// assert_eq!(code(9_007_199_254_740_992.0), "money.out_of_range");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn from_f64(value: f64, currency: Currency) -> Result<Money, Error> {
        match whole(value) {
            Whole::Integer(minor) => Money::new(minor, currency),
            Whole::Beyond => Err(Error::MoneyOutOfRange),
            Whole::Fraction => Err(Error::MoneyFractionNotAllowed { currency }),
            Whole::NotFinite => Err(Error::MoneyInvalid),
        }
    }

    /// Parses an amount a person typed (DESIGN §3).
    ///
    /// Accepts `10000`, `10,000`, `¥10,000`, `￥10,000`, `10,000円`, full-width digits and
    /// commas (`１０，０００`), surrounding spaces (` 5,000 円 `), `0`, and a fraction up to
    /// the currency's exponent (`10.50` USD). Commas must group by three.
    ///
    /// # Errors
    /// Checked in this order: `money.empty` (blank); `money.invalid` (no digits, any
    /// other character, a bare `¥` or `円`, a minus anywhere but first); `money.negative`
    /// (a leading `-`, `－` or `−` on an otherwise valid amount); `money.fraction_not_allowed`
    /// (more fraction digits than the exponent: `1.0` yen); `money.out_of_range`.
    ///
    /// # Example
    /// ```
    /// # use saifu::{Currency, Money};
    /// assert_eq!(Money::parse(" ５,０００ 円 ", Currency::JPY)?.minor(), 5_000);
    /// assert_eq!(Money::parse("10.50", Currency::USD)?.minor(), 1_050);
    /// assert_eq!(Money::parse("-5", Currency::JPY).unwrap_err().code(), "money.negative");
    /// assert_eq!(Money::parse("1.5", Currency::JPY).unwrap_err().code(), "money.fraction_not_allowed");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn parse(text: &str, currency: Currency) -> Result<Money, Error> {
        let (body, _) = trim(text);
        if body.is_empty() {
            return Err(Error::MoneyEmpty);
        }
        let number = Number::read(body).ok_or(Error::MoneyInvalid)?;
        if number.negative {
            return Err(Error::MoneyNegative);
        }
        let exponent = u32::from(currency.exponent());
        if number.fraction_digits > exponent {
            return Err(Error::MoneyFractionNotAllowed { currency });
        }
        let scale = 10i64
            .checked_pow(exponent.saturating_sub(number.fraction_digits))
            .ok_or(Error::MoneyOutOfRange)?;
        let unit = 10i64.checked_pow(exponent).ok_or(Error::MoneyOutOfRange)?;
        let minor = number
            .integer
            .and_then(|i| i.checked_mul(unit))
            .and_then(|i| i.checked_add(number.fraction.checked_mul(scale)?))
            .ok_or(Error::MoneyOutOfRange)?;
        Money::new(minor, currency)
    }

    /// Writes the amount in a style: `¥10,000`, `10,000円`, `10,000円分`; a negative
    /// amount puts the sign first (`-¥50`, `-50円分`). Other currencies are written with
    /// their ISO code and exponent (`USD 10.50`, `-USD 0.05`) in the symbol style only.
    ///
    /// # Errors
    /// `money.currency_mismatch` for the suffix and voucher styles of a currency other
    /// than the yen.
    ///
    /// # Example
    /// ```
    /// # use saifu::{Currency, Money, MoneyStyle};
    /// assert_eq!(Money::jpy(-50)?.format(MoneyStyle::Voucher)?, "-50円分");
    /// let usd = Money::new(-5, Currency::USD)?;
    /// assert_eq!(usd.format(MoneyStyle::Symbol)?, "-USD 0.05");
    /// assert_eq!(usd.format(MoneyStyle::Suffix).unwrap_err().code(), "money.currency_mismatch");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn format(&self, style: MoneyStyle) -> Result<String, Error> {
        let is_yen = self.currency == Currency::JPY;
        if !is_yen && style != MoneyStyle::Symbol {
            return Err(Error::MoneyCurrencyMismatch {
                expected: Currency::JPY,
                found: self.currency,
            });
        }
        let mut out = String::with_capacity(32);
        if self.minor < 0 {
            out.push('-');
        }
        if style == MoneyStyle::Symbol {
            if is_yen {
                out.push('¥');
            } else {
                out.push_str(self.currency.code());
                out.push(' ');
            }
        }
        let magnitude = self.minor.unsigned_abs();
        let exponent = u32::from(self.currency.exponent());
        let unit = 10u64.checked_pow(exponent).unwrap_or(1);
        let (whole, fraction) = (
            magnitude.checked_div(unit).unwrap_or(0),
            magnitude.checked_rem(unit).unwrap_or(0),
        );
        push_grouped(&mut out, whole);
        if exponent > 0 {
            out.push('.');
            let digits = fraction.to_string();
            for _ in digits.len()..usize::try_from(exponent).unwrap_or(0) {
                out.push('0');
            }
            out.push_str(&digits);
        }
        match style {
            MoneyStyle::Symbol => {}
            MoneyStyle::Suffix => out.push('円'),
            MoneyStyle::Voucher => out.push_str("円分"),
        }
        Ok(out)
    }
}

/// Reads a rate (a premium, a point rate, a fee) written as decimal text: an optional
/// `-`, ASCII digits, and optionally `.` and more digits, nothing else (`0.3` for 30 %,
/// `-0.05`, `1`, `0.300`). The rate is kept exactly as written: at most 28 decimal
/// places and a value within about ±7.9 × 10^28 (what a [`Decimal`] holds), never
/// rounded to fit.
///
/// # Errors
/// `money.invalid_rate` (with `given`) for anything else: empty text, spaces, a `+`,
/// `.5`, `5.`, an exponent (`1e-2`), a comma, full-width digits, `NaN`, more than 28
/// decimal places, or a value too large.
///
/// # Example
/// ```
/// use saifu::{Money, Rounding, parse_rate};
///
/// let rate = parse_rate("0.3")?;
/// assert_eq!(Money::jpy(1_005)?.apply_rate(rate, Rounding::ToZero)?.minor(), 301);
/// assert_eq!(parse_rate("-0.05")?.to_string(), "-0.05");
/// assert_eq!(parse_rate(" 0.3").unwrap_err().code(), "money.invalid_rate");
/// assert_eq!(parse_rate("1e-2").unwrap_err().code(), "money.invalid_rate");
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn parse_rate(text: &str) -> Result<Decimal, Error> {
    let invalid = || Error::MoneyInvalidRate {
        given: Error::echo(text),
    };
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (integer, fraction) = match unsigned.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(integer) || !fraction.is_none_or(digits) {
        return Err(invalid());
    }
    // The shape is checked: `from_str_exact` fails only for more than 28 decimal places
    // or a value beyond 96 bits, and never rounds.
    Decimal::from_str_exact(text).map_err(|_| invalid())
}

/// What an `f64` is as a whole number (for [`Money::from_f64`] and the unit counts).
pub(crate) enum Whole {
    /// Finite, whole and within ±(2^53 − 1): exact in both types.
    Integer(i64),
    /// Whole, but beyond ±(2^53 − 1), where an `f64` no longer holds every integer.
    Beyond,
    /// Finite with a fraction.
    Fraction,
    /// `NaN` or ±`Infinity`.
    NotFinite,
}

/// Reads `value` as a whole number (`-0` is 0).
#[allow(clippy::cast_precision_loss)] // MAX_MINOR = 2^53 − 1: exact in an f64
pub(crate) fn whole(value: f64) -> Whole {
    if !value.is_finite() {
        Whole::NotFinite
    } else if value.fract() != 0.0 {
        Whole::Fraction
    } else if value.abs() > MAX_MINOR as f64 {
        Whole::Beyond
    } else {
        // Finite, whole and within ±(2^53 − 1): the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        Whole::Integer(value as i64)
    }
}

/// `a × b / divisor` for `a < 2^64`, `b < 2^128` and `0 < divisor < 2^127`: the quotient
/// and the remainder, exactly; `None` when the quotient passes `u128` or the divisor is
/// zero. The product is held in two 128-bit halves and divided bit by bit (rates are
/// applied rarely: 256 steps of shifts and compares are fine).
fn wide_mul_div(a: u128, b: u128, divisor: u128) -> Option<(u128, u128)> {
    if divisor == 0 || a > u128::from(u64::MAX) || divisor >> 127 != 0 {
        return None;
    }
    // a × b = a × (b_hi × 2^64 + b_lo).
    let (b_hi, b_lo) = (b >> 64, b & u128::from(u64::MAX));
    let low = a.checked_mul(b_lo)?; // < 2^128: both below 2^64
    let mid = a.checked_mul(b_hi)?; // < 2^128: both below 2^64
    let (lo, carry) = low.overflowing_add(mid << 64);
    let hi = (mid >> 64).checked_add(u128::from(carry))?;
    let mut quotient = 0u128;
    let mut remainder = 0u128;
    for bit in (0..256u32).rev() {
        let word = if bit >= 128 { hi } else { lo };
        let next = (word >> (bit % 128)) & 1;
        // remainder < divisor < 2^127, so the shift cannot lose a bit.
        remainder = (remainder << 1) | next;
        let q_bit = remainder >= divisor;
        if q_bit {
            remainder = remainder.checked_sub(divisor)?;
        }
        if quotient >> 127 != 0 {
            return None; // the next shift would drop a bit: the quotient is too large
        }
        quotient = (quotient << 1) | u128::from(q_bit);
    }
    Some((quotient, remainder))
}

/// Writes `n` with commas between groups of three digits.
pub(crate) fn push_grouped(out: &mut String, n: u64) {
    let digits = n.to_string();
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && len.saturating_sub(i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
}

impl std::fmt::Display for Money {
    /// The symbol style: `¥10,000`, `USD 10.50`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.format(MoneyStyle::Symbol).unwrap_or_default())
    }
}

#[cfg(feature = "serde")]
impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[cfg_attr(feature = "serde", derive(Deserialize))]
        #[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
        struct Raw {
            minor: i64,
            currency: Currency,
        }
        let raw = Raw::deserialize(deserializer)?;
        Money::new(raw.minor, raw.currency).map_err(serde::de::Error::custom)
    }
}

/// A syntactically valid amount, before the sign, fraction and range are judged.
struct Number {
    negative: bool,
    /// `None` when the integer part does not fit in an `i64`.
    integer: Option<i64>,
    fraction: i64,
    fraction_digits: u32,
}

impl Number {
    /// Reads `[-]? [¥￥]? sp* digits-with-commas (. digits)? sp* 円?` (the yen sign and
    /// the 円 suffix are exclusive; `sp` a space, `input::is_space`). `None` when the text is not of that shape.
    fn read(body: &str) -> Option<Number> {
        let mut chars = body.chars().peekable();
        let negative = matches!(chars.peek(), Some('-' | '－' | '−'));
        if negative {
            chars.next();
        }
        let has_symbol = matches!(chars.peek(), Some('¥' | '￥'));
        if has_symbol {
            chars.next();
            while chars.next_if(|&c| input::is_space(c)).is_some() {}
        }
        // Integer part: groups of digits separated by commas, grouping by three.
        let mut integer: Option<i64> = Some(0);
        let mut group_len = 0usize;
        let mut groups = 0usize;
        let mut first_group_len = 0usize;
        let mut any_comma = false;
        loop {
            match chars.peek().copied() {
                Some(c) if digit_value(c).is_some() => {
                    let d = i64::from(digit_value(c).unwrap_or(0));
                    integer = integer
                        .and_then(|v| v.checked_mul(10))
                        .and_then(|v| v.checked_add(d));
                    group_len = group_len.saturating_add(1);
                    chars.next();
                }
                Some(',' | '，') => {
                    if group_len == 0 {
                        return None;
                    }
                    if groups == 0 {
                        first_group_len = group_len;
                    } else if group_len != 3 {
                        return None;
                    }
                    any_comma = true;
                    groups = groups.saturating_add(1);
                    group_len = 0;
                    chars.next();
                }
                _ => break,
            }
        }
        if group_len == 0 {
            return None; // no digits, or a trailing comma
        }
        if any_comma && (first_group_len > 3 || group_len != 3) {
            return None;
        }
        // Fraction.
        let mut fraction = 0i64;
        let mut fraction_digits = 0u32;
        if chars.next_if(|c| matches!(c, '.' | '．')).is_some() {
            while let Some(d) = chars.peek().copied().and_then(digit_value) {
                // Digits past the 18th cannot matter: more than any exponent allows.
                if fraction_digits < 18 {
                    fraction = fraction.saturating_mul(10).saturating_add(i64::from(d));
                }
                fraction_digits = fraction_digits.saturating_add(1);
                chars.next();
            }
            if fraction_digits == 0 {
                return None;
            }
        }
        while chars.next_if(|&c| input::is_space(c)).is_some() {}
        if !has_symbol {
            chars.next_if_eq(&'円');
        }
        if chars.next().is_some() {
            return None;
        }
        Some(Number {
            negative,
            integer,
            fraction,
            fraction_digits,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<i64, &'static str> {
        Money::parse(text, Currency::JPY)
            .map(|m| m.minor())
            .map_err(|e| e.code())
    }

    #[test]
    fn accepted_forms() {
        for (text, minor) in [
            ("10000", 10000),
            ("10,000", 10000),
            ("¥10,000", 10000),
            ("￥10,000", 10000),
            ("10,000円", 10000),
            ("１０，０００", 10000),
            (" 5,000 円 ", 5000),
            ("¥ 5,000", 5000),
            ("0", 0),
            ("1,234,567", 1_234_567),
            ("007", 7),
            ("9007199254740991", MAX_MINOR),
        ] {
            assert_eq!(parse(text), Ok(minor), "{text:?}");
        }
    }

    #[test]
    fn rejected_forms_in_order() {
        for (text, code) in [
            ("", "money.empty"),
            (" \u{3000}\t", "money.empty"),
            ("abc", "money.invalid"),
            ("¥", "money.invalid"),
            ("円", "money.invalid"),
            ("-", "money.invalid"),
            ("¥-5", "money.invalid"),
            ("5-", "money.invalid"),
            ("1,0000", "money.invalid"),
            ("1,000,00", "money.invalid"),
            (",100", "money.invalid"),
            ("100,", "money.invalid"),
            ("1,,000", "money.invalid"),
            ("1234,567", "money.invalid"),
            ("¥100円", "money.invalid"),
            ("1.", "money.invalid"),
            (".5", "money.invalid"),
            ("1 000", "money.invalid"),
            ("+5", "money.invalid"),
            ("٣", "money.invalid"),
            ("-5", "money.negative"),
            ("-0", "money.negative"),
            ("－5", "money.negative"),
            ("−5", "money.negative"),
            ("-¥5", "money.negative"),
            ("-1.5", "money.negative"),
            ("1.5", "money.fraction_not_allowed"),
            ("1.0", "money.fraction_not_allowed"),
            ("9007199254740992", "money.out_of_range"),
            ("99999999999999999999", "money.out_of_range"),
        ] {
            assert_eq!(parse(text), Err(code), "{text:?}");
        }
    }

    #[test]
    fn fractions_scale_to_minor_units() {
        let usd = |t: &str| Money::parse(t, Currency::USD).map(|m| m.minor());
        assert_eq!(usd("10.50"), Ok(1050));
        assert_eq!(usd("10.5"), Ok(1050));
        assert_eq!(usd("0.05"), Ok(5));
        assert_eq!(
            usd("10.505").unwrap_err().code(),
            "money.fraction_not_allowed"
        );
        assert_eq!(usd("90071992547409.91"), Ok(MAX_MINOR));
        assert_eq!(
            usd("90071992547409.92").unwrap_err().code(),
            "money.out_of_range"
        );
    }

    #[test]
    fn huge_inputs_are_coded_errors() {
        let digits = "9".repeat(1 << 20);
        assert_eq!(parse(&digits), Err("money.out_of_range"));
        let zeros = format!("{}1", "0".repeat(1 << 20));
        assert_eq!(parse(&zeros), Ok(1));
        let fraction = format!("1.{}", "0".repeat(1 << 20));
        assert_eq!(parse(&fraction), Err("money.fraction_not_allowed"));
    }

    #[test]
    fn formats() {
        let f = |minor, currency, style| Money::new(minor, currency).unwrap().format(style);
        assert_eq!(f(0, Currency::JPY, MoneyStyle::Symbol).unwrap(), "¥0");
        assert_eq!(f(999, Currency::JPY, MoneyStyle::Symbol).unwrap(), "¥999");
        assert_eq!(
            f(1000, Currency::JPY, MoneyStyle::Symbol).unwrap(),
            "¥1,000"
        );
        assert_eq!(
            f(-MAX_MINOR, Currency::JPY, MoneyStyle::Suffix).unwrap(),
            "-9,007,199,254,740,991円"
        );
        assert_eq!(
            f(1050, Currency::USD, MoneyStyle::Symbol).unwrap(),
            "USD 10.50"
        );
        assert_eq!(
            f(123_456, Currency::USD, MoneyStyle::Symbol).unwrap(),
            "USD 1,234.56"
        );
        assert_eq!(
            f(1, Currency::from_code("BHD").unwrap(), MoneyStyle::Symbol).unwrap(),
            "BHD 0.001"
        );
        assert_eq!(
            f(
                1000,
                Currency::from_code("KRW").unwrap(),
                MoneyStyle::Symbol
            )
            .unwrap(),
            "KRW 1,000"
        );
    }

    /// The product is exact and rounded once: `Decimal` multiplication would round
    /// 3,580,247.9999…9999999 (29 nines) up to 3,580,248 before rounding toward zero.
    #[test]
    fn apply_rate_rounds_the_exact_product_once() {
        let rate: Decimal = "0.3580246925925922222223333333".parse().unwrap();
        let amount = Money::jpy(10_000_003).unwrap();
        let apply = |m: Money, rate, rounding| m.apply_rate(rate, rounding).unwrap().minor();
        assert_eq!(apply(amount, rate, Rounding::ToZero), 3_580_247);
        assert_eq!(apply(amount, rate, Rounding::AwayFromZero), 3_580_248);
        assert_eq!(
            apply(amount, rate, Rounding::MidpointAwayFromZero),
            3_580_248
        );
        assert_eq!(apply(amount.negated(), rate, Rounding::ToZero), -3_580_247);
        assert_eq!(apply(amount, -rate, Rounding::AwayFromZero), -3_580_248);
        // Exact halves, both signs.
        let half = Decimal::new(5, 1);
        let three = Money::jpy(3).unwrap();
        assert_eq!(apply(three, half, Rounding::MidpointAwayFromZero), 2);
        assert_eq!(
            apply(three.negated(), half, Rounding::MidpointAwayFromZero),
            -2
        );
        assert_eq!(apply(three, half, Rounding::ToZero), 1);
        assert_eq!(
            apply(three, Decimal::new(4999, 4), Rounding::MidpointAwayFromZero),
            1
        );
        // The largest amount and the largest mantissa and scale.
        let max = Money::jpy(MAX_MINOR).unwrap();
        assert_eq!(apply(max, Decimal::ONE, Rounding::ToZero), MAX_MINOR);
        assert_eq!(apply(max, Decimal::ZERO, Rounding::ToZero), 0);
        let tiny = Decimal::from_i128_with_scale(1, 28);
        assert_eq!(apply(max, tiny, Rounding::AwayFromZero), 1);
        assert_eq!(apply(max, tiny, Rounding::ToZero), 0);
        for rate in [Decimal::MAX, Decimal::TWO] {
            let err = max.apply_rate(rate, Rounding::ToZero).unwrap_err();
            assert_eq!(err.code(), "money.out_of_range");
        }
    }

    /// A rate is decimal text read exactly: every binding hands its text here (issue 15:
    /// JavaScript trimmed and rounded it and answered `input.invalid`, Kotlin and Python
    /// answered `money.invalid`).
    #[test]
    fn rates_are_exact_decimal_text() {
        for (text, rate) in [
            ("0.3", Decimal::new(3, 1)),
            ("-0.05", Decimal::new(-5, 2)),
            ("1", Decimal::ONE),
            ("0.300", Decimal::new(300, 3)),
            ("007", Decimal::new(7, 0)),
            (
                "0.0000000000000000000000000001",
                Decimal::from_i128_with_scale(1, 28),
            ),
            ("79228162514264337593543950335", Decimal::MAX),
        ] {
            assert_eq!(parse_rate(text).unwrap(), rate, "{text:?}");
        }
        for text in [
            "",
            " 0.3",
            "0.3 ",
            "+0.3",
            ".3",
            "3.",
            "-",
            "-.3",
            "1e-2",
            "0,3",
            "0.3.1",
            "１",
            "NaN",
            "inf",
            "1_000",
            "--1",
            "0x10",
            "¥1",
            "0.00000000000000000000000000001",
            "79228162514264337593543950336",
        ] {
            let err = parse_rate(text).unwrap_err();
            assert_eq!(err.code(), "money.invalid_rate", "{text:?}");
            assert_eq!(
                err.details(),
                vec![("given", crate::ErrorDetail::Text(text.into()))]
            );
        }
    }

    #[test]
    fn amounts_from_f64_are_checked_in_order() {
        let code = |v: f64| {
            Money::from_f64(v, Currency::JPY)
                .map(|m| m.minor())
                .map_err(|e| e.code())
        };
        assert_eq!(code(f64::NAN), Err("money.invalid"));
        assert_eq!(code(f64::INFINITY), Err("money.invalid"));
        assert_eq!(code(f64::NEG_INFINITY), Err("money.invalid"));
        assert_eq!(code(1.5), Err("money.fraction_not_allowed"));
        assert_eq!(code(-0.5), Err("money.fraction_not_allowed"));
        assert_eq!(code(9_007_199_254_740_992.0), Err("money.out_of_range"));
        assert_eq!(code(-9_007_199_254_740_992.0), Err("money.out_of_range"));
        assert_eq!(code(1e300), Err("money.out_of_range"));
        assert_eq!(code(9_007_199_254_740_991.0), Ok(MAX_MINOR));
        assert_eq!(code(-9_007_199_254_740_991.0), Ok(-MAX_MINOR));
        assert_eq!(code(-0.0), Ok(0));
        let usd = Money::from_f64(1050.0, Currency::USD).unwrap();
        assert_eq!((usd.minor(), usd.currency()), (1050, Currency::USD));
    }

    #[test]
    fn serde_validates_range() {
        let m = Money::jpy(5).unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"minor":5,"currency":"JPY"}"#);
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
        assert!(
            serde_json::from_str::<Money>(r#"{"minor":9007199254740992,"currency":"JPY"}"#)
                .is_err()
        );
    }
}
