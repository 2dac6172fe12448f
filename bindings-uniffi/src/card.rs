//! Cards (DESIGN §7): numbers, brands, expiry dates and security codes.
//!
//! A card number and a security code stay in Rust memory ([`CardNumber`] and
//! [`SecurityCode`] are objects): the core zeroes them when the foreign object is
//! released, and their `toString` / `description` / `repr` never show the digits.

use std::fmt;
use std::time::SystemTime;

use zeroize::Zeroizing;

use crate::error::{Lang, SaifuError};
use crate::time::{instant, timestamp};

/// A card brand (Kotlin `Brand.VISA`, Swift `.visa`, Python `Brand.VISA`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Brand {
    /// Visa.
    Visa,
    /// Mastercard.
    Mastercard,
    /// JCB.
    Jcb,
    /// American Express.
    Amex,
    /// Diners Club.
    Diners,
    /// Discover.
    Discover,
    /// UnionPay (銀聯).
    UnionPay,
}

impl From<saifu::Brand> for Brand {
    fn from(b: saifu::Brand) -> Self {
        match b {
            saifu::Brand::Visa => Brand::Visa,
            saifu::Brand::Mastercard => Brand::Mastercard,
            saifu::Brand::Jcb => Brand::Jcb,
            saifu::Brand::Amex => Brand::Amex,
            saifu::Brand::Diners => Brand::Diners,
            saifu::Brand::Discover => Brand::Discover,
            saifu::Brand::UnionPay => Brand::UnionPay,
        }
    }
}

impl From<Brand> for saifu::Brand {
    fn from(b: Brand) -> Self {
        match b {
            Brand::Visa => saifu::Brand::Visa,
            Brand::Mastercard => saifu::Brand::Mastercard,
            Brand::Jcb => saifu::Brand::Jcb,
            Brand::Amex => saifu::Brand::Amex,
            Brand::Diners => saifu::Brand::Diners,
            Brand::Discover => saifu::Brand::Discover,
            Brand::UnionPay => saifu::Brand::UnionPay,
        }
    }
}

#[uniffi::export]
impl Brand {
    /// The brand's stable id: `visa`, `mastercard`, `jcb`, `amex`, `diners`, `discover`,
    /// `unionpay`.
    pub fn id(&self) -> String {
        saifu::Brand::from(*self).id().to_owned()
    }

    /// The brand's name for people, e.g. `Diners Club` / `ダイナースクラブ`.
    pub fn display_name(&self, lang: Lang) -> String {
        saifu::Brand::from(*self).name(lang).to_owned()
    }
}

/// A valid card number. The digits stay in Rust memory and are zeroed when the object
/// is released; `toString` shows the brand and the last 4 only.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct CardNumber {
    inner: saifu::CardNumber,
}

impl fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

impl CardNumber {
    /// The core's number.
    pub(crate) fn core(&self) -> &saifu::CardNumber {
        &self.inner
    }
}

#[uniffi::export]
impl CardNumber {
    /// The brand.
    pub fn brand(&self) -> Brand {
        self.inner.brand().into()
    }

    /// The digits, ASCII, without separators. The copy this returns is the caller's to
    /// protect.
    pub fn digits(&self) -> String {
        self.inner.digits()
    }

    /// Grouped for display with spaces: `4242 4242 4242 4242`, Amex `3782 822463 10005`.
    pub fn display(&self) -> String {
        self.inner.display()
    }

    /// Every digit but the last 4 masked, grouped with `-`: `****-****-****-4242`.
    pub fn masked(&self) -> String {
        self.inner.masked()
    }

    /// The last 4 digits.
    pub fn last4(&self) -> String {
        self.inner.last4()
    }

    /// The PCI view: at most the first 6 and the last 4 digits.
    pub fn first6_last4(&self) -> String {
        self.inner.first6_last4()
    }

    /// The number of digits.
    pub fn length(&self) -> i64 {
        // 12–19 digits: always an i64.
        i64::try_from(self.inner.len()).unwrap_or(i64::MAX)
    }
}

/// Parses a card number: digits (full-width too) with optional separators.
///
/// # Errors
/// In order: `card.empty`, `card.invalid_character`, `card.unknown_brand`,
/// `card.invalid_length`, `card.luhn_mismatch`.
#[uniffi::export]
pub fn parse_card(number: String) -> Result<std::sync::Arc<CardNumber>, SaifuError> {
    let number = Zeroizing::new(number);
    Ok(std::sync::Arc::new(CardNumber {
        inner: saifu::CardNumber::parse(&number)?,
    }))
}

/// Checks a card number as `parseCard` does, in the same order, without keeping it: its
/// brand when it is valid (nothing to close afterwards). Kotlin `checkCard(number)`,
/// Swift `checkCard(number:)`, Python `check_card(number)`.
///
/// # Errors
/// `parseCard`'s: `card.empty`, `card.invalid_character`, `card.unknown_brand`,
/// `card.invalid_length`, `card.luhn_mismatch`.
#[uniffi::export]
pub fn check_card(number: String) -> Result<Brand, SaifuError> {
    let number = Zeroizing::new(number);
    Ok(saifu::CardNumber::check(&number)?.into())
}

/// What the digits typed so far can still become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CardDetection {
    /// The brand, when exactly one brand can still match.
    pub brand: Option<Brand>,
    /// Some valid card number starts with the digits typed.
    pub potentially_valid: bool,
    /// The digits typed are themselves a valid card number.
    pub complete: bool,
    /// The most digits any still-possible number has (0 when nothing can match).
    pub max_length: i64,
}

/// Detects the brand and validity of a card number while it is typed.
#[uniffi::export]
pub fn detect_card(partial: String) -> CardDetection {
    let partial = Zeroizing::new(partial);
    let d = saifu::CardNumber::detect(&partial);
    CardDetection {
        brand: d.brand.map(Brand::from),
        potentially_valid: d.potentially_valid,
        complete: d.complete,
        max_length: d.max_length.into(),
    }
}

/// A card's expiry month.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CardExpiry {
    /// The month, 1–12.
    pub month: i64,
    /// The year, 4 digits.
    pub year: i64,
    /// The first instant the card no longer works: 00:00 JST on the 1st of the next month.
    pub expires_at: SystemTime,
}

/// Parses an expiry date: `12/26`, `1/2030`, `１２／２６`.
///
/// # Errors
/// `card.invalid_expiry`.
#[uniffi::export]
pub fn parse_card_expiry(text: String) -> Result<CardExpiry, SaifuError> {
    let e = saifu::CardExpiry::parse(&text)?;
    Ok(CardExpiry {
        month: e.month().into(),
        year: e.year().into(),
        expires_at: timestamp(e.expires_at()),
    })
}

/// True when the card has expired at `now` (valid through the last instant of its month
/// in JST).
///
/// # Errors
/// `card.invalid_expiry` for a month or year out of range; `time.invalid`.
#[uniffi::export]
pub fn is_card_expired(expiry: CardExpiry, now: SystemTime) -> Result<bool, SaifuError> {
    let e = saifu::CardExpiry::from_i64(expiry.month, expiry.year)?;
    Ok(e.is_expired(&instant(now)?))
}

/// A security code (CVC). The digits stay in Rust memory and are zeroed when the
/// object is released; `toString` shows `***`.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct SecurityCode {
    inner: saifu::SecurityCode,
}

impl fmt::Debug for SecurityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

#[uniffi::export]
impl SecurityCode {
    /// `***` (Amex `****`).
    pub fn masked(&self) -> String {
        self.inner.masked()
    }

    /// The digits. The copy this returns is the caller's to protect.
    pub fn digits(&self) -> String {
        self.inner.digits()
    }
}

/// Parses a security code: 3 digits (Amex 4), full-width digits accepted.
///
/// # Errors
/// `card.invalid_cvc`.
#[uniffi::export]
pub fn parse_security_code(
    code: String,
    brand: Brand,
) -> Result<std::sync::Arc<SecurityCode>, SaifuError> {
    let code = Zeroizing::new(code);
    Ok(std::sync::Arc::new(SecurityCode {
        inner: saifu::SecurityCode::parse(&code, brand.into())?,
    }))
}
