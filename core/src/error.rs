//! The one error type of saifu (DESIGN §9).
//!
//! Every failure is a variant of [`Error`]. Each variant has
//! - a stable code ([`Error::code`]), the same string in every language
//!   (`money.empty`, `wallet.insufficient_balance`, …);
//! - typed fields (an amount is a [`Money`], a lot is its id);
//! - a message in English and in Japanese ([`Error::message`]).
//!
//! A failed operation changes nothing: every mutating operation of saifu checks
//! everything before it writes anything.

use std::fmt;

use chrono::{DateTime, FixedOffset};

use crate::card::Brand;
use crate::currency::Currency;
use crate::jst;
use crate::money::{Money, MoneyStyle};

/// The language of a message.
///
/// ```
/// use saifu::{Error, Lang};
///
/// let e = Error::CardLuhnMismatch;
/// assert_eq!(e.message(Lang::En), "The card number is not valid: check it for typos.");
/// assert_eq!(e.message(Lang::Ja), "カード番号に誤りがあります。ご確認ください。");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese (日本語).
    Ja,
}

impl Lang {
    /// Reads a BCP 47 language tag: `ja`, `ja-JP`, … are Japanese, anything else English.
    ///
    /// ```
    /// # use saifu::Lang;
    /// assert_eq!(Lang::from_tag("ja-JP"), Lang::Ja);
    /// assert_eq!(Lang::from_tag("en"), Lang::En);
    /// ```
    #[must_use]
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }
}

/// Every way a saifu operation can fail.
///
/// Match it exhaustively: a new variant is a new failure callers should handle, so the
/// enum is deliberately not `#[non_exhaustive]`.
///
/// ```
/// use saifu::{Currency, Error, Money};
///
/// let err = Money::parse("1,0000", Currency::JPY).unwrap_err();
/// assert_eq!(err, Error::MoneyInvalid);
/// assert_eq!(err.code(), "money.invalid");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    // ---- money ----
    /// `money.empty`: nothing but whitespace was given.
    MoneyEmpty,
    /// `money.invalid`: not an amount (no digits, another character, misplaced minus,
    /// commas not grouping by three).
    MoneyInvalid,
    /// `money.negative`: a minus sign before an otherwise valid amount (`-0` too).
    MoneyNegative,
    /// `money.fraction_not_allowed`: more fraction digits than the currency's exponent.
    MoneyFractionNotAllowed {
        /// The currency whose exponent was exceeded.
        currency: Currency,
    },
    /// `money.out_of_range`: outside ±(2^53 − 1) minor units, or an operation overflowed.
    MoneyOutOfRange,
    /// `money.currency_mismatch`: two currencies met where one was required.
    MoneyCurrencyMismatch {
        /// The currency the operation needed.
        expected: Currency,
        /// The currency it was given.
        found: Currency,
    },
    /// `money.unknown_currency`: not an active ISO 4217 code.
    MoneyUnknownCurrency {
        /// The code given (at most 8 characters of it).
        currency_code: String,
    },

    // ---- card ----
    /// `card.empty`: no digits were given.
    CardEmpty,
    /// `card.invalid_character`: a character that is neither a digit nor a separator.
    CardInvalidCharacter {
        /// Zero-based position of the character, counted in characters.
        position: u32,
    },
    /// `card.unknown_brand`: no brand's range starts with these digits.
    CardUnknownBrand,
    /// `card.invalid_length`: a length the brand's range does not allow.
    CardInvalidLength {
        /// The number of digits given.
        length: u32,
    },
    /// `card.luhn_mismatch`: the check digit is wrong.
    CardLuhnMismatch,
    /// `card.invalid_expiry`: not an `MM/YY` or `MM/YYYY` date with a month 1–12.
    CardInvalidExpiry,
    /// `card.invalid_cvc`: not a security code of the brand's length.
    CardInvalidCvc {
        /// The brand whose length was expected (3 digits, American Express 4).
        brand: Brand,
    },

    // ---- formats ----
    /// `voucher.invalid_code`: a voucher code is 16 ASCII letters and digits.
    VoucherInvalidCode,
    /// `smartpit.invalid_number`: a Smart Pit number is 13 digits.
    SmartPitInvalidNumber,
    /// `emvqr.malformed`: not a well-formed EMV merchant-presented QR payload.
    EmvQrMalformed {
        /// Zero-based position, in characters, where reading failed.
        position: u32,
    },
    /// `emvqr.crc_mismatch`: the CRC-16 in tag 63 does not match the payload.
    EmvQrCrcMismatch {
        /// The CRC computed over the payload, 4 upper-case hex digits.
        computed: String,
        /// The CRC the payload carries, as written.
        found: String,
    },
    /// `emvqr.missing_field`: a mandatory field is absent.
    EmvQrMissingField {
        /// The tag: `"52"`, …, `"02-51"` for the merchant account templates, `"64"` for
        /// the language template's own fields.
        tag: String,
    },
    /// `emvqr.invalid_field`: a field cannot be written into a QR code (empty, longer
    /// than 99 characters, a tag given twice or in the wrong place).
    EmvQrInvalidField {
        /// The tag, two digits.
        tag: String,
    },
    /// `password.invalid_character`: only half-width ASCII letters and digits are allowed.
    PasswordInvalidCharacter {
        /// Zero-based position of the first offending character.
        position: u32,
    },
    /// `password.too_short`: fewer characters than the policy's minimum.
    PasswordTooShort {
        /// The minimum length (8).
        min_length: u32,
    },
    /// `password.missing_letter`: no ASCII letter.
    PasswordMissingLetter,
    /// `password.missing_digit`: no ASCII digit.
    PasswordMissingDigit,

    // ---- wallet ----
    /// `wallet.insufficient_balance`: the eligible balance is less than the amount.
    WalletInsufficientBalance {
        /// What the wallet could pay at that merchant at that time.
        available: Money,
    },
    /// `wallet.invalid_amount`: an amount that must be more than zero is not.
    WalletInvalidAmount,
    /// `wallet.unknown_merchant`: no merchant with this id.
    WalletUnknownMerchant {
        /// The id given.
        merchant: String,
    },
    /// `wallet.unknown_payment`: no payment with this id.
    WalletUnknownPayment {
        /// The id given.
        payment: String,
    },
    /// `wallet.refund_exceeds_payment`: more than is left to refund.
    WalletRefundExceedsPayment {
        /// What is left to refund: the payment minus earlier refunds.
        refundable: Money,
    },
    /// `wallet.refund_lot_expired`: under the `Reject` policy, a lot the refund would
    /// restore to has expired.
    WalletRefundLotExpired {
        /// The first expired lot in restore order.
        lot: String,
    },
    /// `wallet.duplicate_refund_id`: a refund of this payment already has this id (same
    /// millisecond).
    WalletDuplicateRefundId {
        /// The refund id that already exists.
        refund_id: String,
    },
    /// `wallet.duplicate_id`: a program, merchant, lot, payment or charge already has
    /// this id.
    WalletDuplicateId {
        /// The id.
        id: String,
    },
    /// `wallet.unknown_program`: no program with this id.
    WalletUnknownProgram {
        /// The id given.
        program: String,
    },
    /// `wallet.unknown_lot`: no lot with this id.
    WalletUnknownLot {
        /// The id given.
        lot: String,
    },
    /// `wallet.invalid_lot`: a lot's face value is not above zero, or its balance is
    /// below zero or above the face value (a charge's lots must be full).
    WalletInvalidLot {
        /// The lot's id.
        lot: String,
    },
    /// `wallet.payment_serial_exhausted`: payment ids have 12 digits of serial, and all
    /// are used.
    WalletPaymentSerialExhausted,

    // ---- charge ----
    /// `charge.invalid_amount`: a charge's amount must be positive yen.
    ChargeInvalidAmount,
    /// `charge.invalid_units`: units outside 1..=the product's maximum, or the program
    /// sells no product.
    ChargeInvalidUnits,
    /// `charge.duplicate_id`: a charge (or program) already has this id.
    ChargeDuplicateId {
        /// The id.
        id: String,
    },
    /// `charge.unknown_charge`: no charge with this id.
    ChargeUnknownCharge {
        /// The id given.
        charge: String,
    },
    /// `charge.unknown_program`: no program with this id.
    ChargeUnknownProgram {
        /// The id given.
        program: String,
    },
    /// `charge.brand_not_accepted`: the program does not take this card brand.
    ChargeBrandNotAccepted {
        /// The brand.
        brand: Brand,
    },
    /// `charge.illegal_transition`: the charge's state does not allow this.
    ChargeIllegalTransition {
        /// The current state, e.g. `awaiting_three_ds`.
        state: String,
    },
    /// `charge.ended`: the charge has ended.
    ChargeEnded {
        /// The state it ended in, e.g. `expired`.
        state: String,
    },
    /// `charge.blocked_pending_payment`: a cash charge awaits payment.
    ChargeBlockedPendingPayment {
        /// The latest deadline of the charges awaiting payment.
        until: DateTime<FixedOffset>,
    },
    /// `charge.blocked_card_lockout`: a card not enrolled in 3-D Secure failed less
    /// than 30 minutes ago.
    ChargeBlockedCardLockout {
        /// The end of the lockout.
        until: DateTime<FixedOffset>,
    },

    // ---- credentials ----
    /// `pin.invalid_format`: a PIN is 4 digits (not counted as an attempt).
    PinInvalidFormat,
    /// `pin.mismatch`: wrong PIN.
    PinMismatch {
        /// Attempts left before the PIN locks.
        remaining: u32,
    },
    /// `pin.locked`: 3 consecutive failures locked the PIN.
    PinLocked,
    /// `otp.invalid_format`: not the code's number of digits (not counted).
    OtpInvalidFormat,
    /// `otp.mismatch`: wrong code.
    OtpMismatch {
        /// Attempts left before the code locks.
        remaining: u32,
    },
    /// `otp.expired`: outside the code's validity.
    OtpExpired,
    /// `otp.locked`: the attempt limit is reached.
    OtpLocked,
    /// `otp.used`: the code was accepted once already.
    OtpUsed,

    // ---- QR payments ----
    /// `qr.illegal_transition`: the QR payment's current state does not allow this step.
    QrIllegalTransition {
        /// The current state, e.g. `completed`.
        state: String,
    },
    /// `qr.invalid_token`: a one-time token must be 1–256 printable ASCII characters.
    QrInvalidToken,
    /// `qr.token_expired`: the one-time token's validity is over.
    QrTokenExpired,
    /// `qr.token_mismatch`: the scanned token is not the one shown.
    QrTokenMismatch,
    /// `qr.amount_fixed`: the merchant's code carries the amount; it cannot be changed.
    QrAmountFixed,

    // ---- input ----
    /// `time.invalid`: a time or date the caller passed cannot be used (an invalid
    /// JavaScript `Date`, a date string that is not `YYYY-MM-DD`, an instant outside the
    /// calendar saifu handles).
    TimeInvalid {
        /// What was given, at most 40 characters of it.
        given: String,
    },

    // ---- persisted state ----
    /// `state.malformed`: not JSON, or not of the documented shape.
    StateMalformed {
        /// What the JSON reader reported.
        detail: String,
    },
    /// `state.unsupported_version`: written by a saifu this one cannot read.
    StateUnsupportedVersion {
        /// The version found.
        version: u32,
    },
    /// `state.duplicate_id`: two programs, merchants, lots, payments or charges share
    /// an id.
    StateDuplicateId {
        /// The id.
        id: String,
    },
    /// `state.unknown_reference`: a reference to a program or merchant that is not there.
    StateUnknownReference {
        /// The id referred to.
        id: String,
    },
    /// `state.unknown_lot`: a payment or charge points at a lot that is not there.
    StateUnknownLot {
        /// The lot id referred to.
        lot: String,
    },
    /// `state.negative_balance`: a lot's balance is below zero.
    StateNegativeBalance {
        /// The lot's id.
        lot: String,
    },
    /// `state.invalid_lot`: a lot's balance is above its face value, its face value is
    /// not above zero, or it is not in yen.
    StateInvalidLot {
        /// The lot's id.
        lot: String,
    },
    /// `state.inconsistent_totals`: a payment's shares or refunds do not add up, or a
    /// program's balances differ from its ledger.
    StateInconsistentTotals {
        /// The payment or program concerned.
        subject: String,
    },
    /// `state.invalid_event`: an event of a log does not apply to the wallet rebuilt
    /// from the events before it.
    StateInvalidEvent {
        /// Zero-based index of the event in the log.
        index: u32,
        /// The code of the check it failed, e.g. `wallet.insufficient_balance`.
        cause: String,
    },
}

/// The value of one field of an error, for callers that handle errors generically (a
/// JavaScript `details` object, a log line). Typed callers match on [`Error`] instead.
///
/// ```
/// use saifu::{Error, ErrorDetail, Money};
///
/// let e = Error::WalletInsufficientBalance { available: Money::jpy(2000)? };
/// assert_eq!(e.details(), vec![("available", ErrorDetail::Money(Money::jpy(2000)?))]);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorDetail {
    /// Text: an id, a tag, a currency code.
    Text(String),
    /// A count or a position.
    Number(u32),
    /// An amount.
    Money(Money),
    /// An instant.
    Time(DateTime<FixedOffset>),
}

impl Error {
    /// `time.invalid` for what a caller gave, keeping at most 40 characters of it.
    ///
    /// ```
    /// # use saifu::Error;
    /// assert_eq!(Error::invalid_time("2026-02-30").code(), "time.invalid");
    /// ```
    #[must_use]
    pub fn invalid_time(given: &str) -> Error {
        Error::TimeInvalid {
            given: given.chars().take(40).collect(),
        }
    }

    /// The fields of this error by name, as the docs list them (`available`,
    /// `refundable`, `lot`, `tag`, …); empty for an error without fields.
    ///
    /// ```
    /// # use saifu::{Error, ErrorDetail};
    /// let e = Error::EmvQrMissingField { tag: "59".into() };
    /// assert_eq!(e.details(), vec![("tag", ErrorDetail::Text("59".into()))]);
    /// assert!(Error::MoneyEmpty.details().is_empty());
    /// ```
    #[must_use]
    pub fn details(&self) -> Vec<(&'static str, ErrorDetail)> {
        use ErrorDetail::{Money as M, Number as N, Text as T};
        match self {
            Error::MoneyEmpty
            | Error::MoneyInvalid
            | Error::MoneyNegative
            | Error::MoneyOutOfRange
            | Error::CardEmpty
            | Error::CardUnknownBrand
            | Error::CardLuhnMismatch
            | Error::CardInvalidExpiry
            | Error::VoucherInvalidCode
            | Error::SmartPitInvalidNumber
            | Error::PasswordMissingLetter
            | Error::PasswordMissingDigit
            | Error::WalletInvalidAmount
            | Error::WalletPaymentSerialExhausted
            | Error::QrInvalidToken
            | Error::QrTokenExpired
            | Error::QrTokenMismatch
            | Error::QrAmountFixed
            | Error::ChargeInvalidAmount
            | Error::ChargeInvalidUnits
            | Error::PinInvalidFormat
            | Error::PinLocked
            | Error::OtpInvalidFormat
            | Error::OtpExpired
            | Error::OtpLocked
            | Error::OtpUsed => vec![],
            Error::ChargeDuplicateId { id } => vec![("id", T(id.clone()))],
            Error::ChargeUnknownCharge { charge } => vec![("charge", T(charge.clone()))],
            Error::ChargeUnknownProgram { program } => vec![("program", T(program.clone()))],
            Error::ChargeBrandNotAccepted { brand } => vec![("brand", T(brand.id().into()))],
            Error::ChargeIllegalTransition { state } | Error::ChargeEnded { state } => {
                vec![("state", T(state.clone()))]
            }
            Error::ChargeBlockedPendingPayment { until }
            | Error::ChargeBlockedCardLockout { until } => {
                vec![("until", ErrorDetail::Time(*until))]
            }
            Error::PinMismatch { remaining } | Error::OtpMismatch { remaining } => {
                vec![("remaining", N(*remaining))]
            }
            Error::QrIllegalTransition { state } => vec![("state", T(state.clone()))],
            Error::MoneyFractionNotAllowed { currency } => {
                vec![("currency", T(currency.code().into()))]
            }
            Error::MoneyCurrencyMismatch { expected, found } => vec![
                ("expected", T(expected.code().into())),
                ("found", T(found.code().into())),
            ],
            Error::MoneyUnknownCurrency { currency_code } => {
                vec![("currency_code", T(currency_code.clone()))]
            }
            Error::CardInvalidCharacter { position }
            | Error::EmvQrMalformed { position }
            | Error::PasswordInvalidCharacter { position } => vec![("position", N(*position))],
            Error::CardInvalidLength { length } => vec![("length", N(*length))],
            Error::CardInvalidCvc { brand } => vec![("brand", T(brand.id().into()))],
            Error::EmvQrCrcMismatch { computed, found } => vec![
                ("computed", T(computed.clone())),
                ("found", T(found.clone())),
            ],
            Error::EmvQrMissingField { tag } | Error::EmvQrInvalidField { tag } => {
                vec![("tag", T(tag.clone()))]
            }
            Error::PasswordTooShort { min_length } => vec![("min_length", N(*min_length))],
            Error::WalletInsufficientBalance { available } => vec![("available", M(*available))],
            Error::WalletUnknownMerchant { merchant } => vec![("merchant", T(merchant.clone()))],
            Error::WalletUnknownPayment { payment } => vec![("payment", T(payment.clone()))],
            Error::WalletRefundExceedsPayment { refundable } => {
                vec![("refundable", M(*refundable))]
            }
            Error::WalletRefundLotExpired { lot } => vec![("lot", T(lot.clone()))],
            Error::WalletDuplicateRefundId { refund_id } => {
                vec![("refund_id", T(refund_id.clone()))]
            }
            Error::WalletDuplicateId { id }
            | Error::StateDuplicateId { id }
            | Error::StateUnknownReference { id } => vec![("id", T(id.clone()))],
            Error::WalletUnknownProgram { program } => vec![("program", T(program.clone()))],
            Error::WalletUnknownLot { lot }
            | Error::WalletInvalidLot { lot }
            | Error::StateUnknownLot { lot }
            | Error::StateNegativeBalance { lot }
            | Error::StateInvalidLot { lot } => vec![("lot", T(lot.clone()))],
            Error::StateMalformed { detail } => vec![("detail", T(detail.clone()))],
            Error::TimeInvalid { given } => vec![("given", T(given.clone()))],
            Error::StateUnsupportedVersion { version } => vec![("version", N(*version))],
            Error::StateInconsistentTotals { subject } => vec![("subject", T(subject.clone()))],
            Error::StateInvalidEvent { index, cause } => {
                vec![("index", N(*index)), ("cause", T(cause.clone()))]
            }
        }
    }

    /// The stable code of this error, e.g. `"card.luhn_mismatch"`: the same string in
    /// every language saifu is bound to.
    ///
    /// ```
    /// # use saifu::Error;
    /// assert_eq!(Error::MoneyEmpty.code(), "money.empty");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.text().0
    }

    /// This error's line of [`TEXTS`]: its code and its English and Japanese message
    /// templates (a cold path: it scans the text).
    fn text(&self) -> (&'static str, &'static str, &'static str) {
        let row = match self {
            Error::MoneyEmpty => 0,
            Error::MoneyInvalid => 1,
            Error::MoneyNegative => 2,
            Error::MoneyFractionNotAllowed { currency } if currency.exponent() == 0 => 69,
            Error::MoneyFractionNotAllowed { .. } => 3,
            Error::MoneyOutOfRange => 4,
            Error::MoneyCurrencyMismatch { .. } => 5,
            Error::MoneyUnknownCurrency { .. } => 6,
            Error::CardEmpty => 7,
            Error::CardInvalidCharacter { .. } => 8,
            Error::CardUnknownBrand => 9,
            Error::CardInvalidLength { .. } => 10,
            Error::CardLuhnMismatch => 11,
            Error::CardInvalidExpiry => 12,
            Error::CardInvalidCvc { .. } => 13,
            Error::VoucherInvalidCode => 14,
            Error::SmartPitInvalidNumber => 15,
            Error::EmvQrMalformed { .. } => 16,
            Error::EmvQrCrcMismatch { .. } => 17,
            Error::EmvQrMissingField { .. } => 18,
            Error::EmvQrInvalidField { .. } => 19,
            Error::PasswordInvalidCharacter { .. } => 20,
            Error::PasswordTooShort { .. } => 21,
            Error::PasswordMissingLetter => 22,
            Error::PasswordMissingDigit => 23,
            Error::WalletInsufficientBalance { .. } => 24,
            Error::WalletInvalidAmount => 25,
            Error::WalletUnknownMerchant { .. } => 26,
            Error::WalletUnknownPayment { .. } => 27,
            Error::WalletRefundExceedsPayment { .. } => 28,
            Error::WalletRefundLotExpired { .. } => 29,
            Error::WalletDuplicateRefundId { .. } => 30,
            Error::WalletDuplicateId { .. } => 31,
            Error::WalletUnknownProgram { .. } => 32,
            Error::WalletUnknownLot { .. } => 33,
            Error::WalletInvalidLot { .. } => 34,
            Error::WalletPaymentSerialExhausted => 35,
            Error::ChargeInvalidAmount => 36,
            Error::ChargeInvalidUnits => 37,
            Error::ChargeDuplicateId { .. } => 38,
            Error::ChargeUnknownCharge { .. } => 39,
            Error::ChargeUnknownProgram { .. } => 40,
            Error::ChargeBrandNotAccepted { .. } => 41,
            Error::ChargeIllegalTransition { .. } => 42,
            Error::ChargeEnded { .. } => 43,
            Error::ChargeBlockedPendingPayment { .. } => 44,
            Error::ChargeBlockedCardLockout { .. } => 45,
            Error::PinInvalidFormat => 46,
            Error::PinMismatch { .. } => 47,
            Error::PinLocked => 48,
            Error::OtpInvalidFormat => 49,
            Error::OtpMismatch { .. } => 50,
            Error::OtpExpired => 51,
            Error::OtpLocked => 52,
            Error::OtpUsed => 53,
            Error::QrIllegalTransition { .. } => 54,
            Error::QrInvalidToken => 55,
            Error::QrTokenExpired => 56,
            Error::QrTokenMismatch => 57,
            Error::QrAmountFixed => 58,
            Error::TimeInvalid { .. } => 59,
            Error::StateMalformed { .. } => 60,
            Error::StateUnsupportedVersion { .. } => 61,
            Error::StateDuplicateId { .. } => 62,
            Error::StateUnknownReference { .. } => 63,
            Error::StateUnknownLot { .. } => 64,
            Error::StateNegativeBalance { .. } => 65,
            Error::StateInvalidLot { .. } => 66,
            Error::StateInconsistentTotals { .. } => 67,
            Error::StateInvalidEvent { .. } => 68,
        };
        let mut fields = TEXTS.split('\n').nth(row).unwrap_or_default().split('\t');
        let mut next = || fields.next().unwrap_or_default();
        (next(), next(), next())
    }

    /// The message for a person, in English or Japanese.
    ///
    /// ```
    /// # use saifu::{Error, Lang, Money};
    /// let e = Error::WalletInsufficientBalance { available: Money::jpy(2000)? };
    /// assert_eq!(e.message(Lang::En), "Not enough balance: ¥2,000 available.");
    /// assert_eq!(e.message(Lang::Ja), "残高が不足しています（ご利用可能額 2,000円）。");
    /// let e = Error::MoneyFractionNotAllowed { currency: saifu::Currency::USD };
    /// assert_eq!(e.message(Lang::En), "USD amounts have at most 2 decimal places.");
    /// assert_eq!(e.message(Lang::Ja), "USDの金額は小数点以下2桁までです。");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let (_, en, jp) = self.text();
        // What fills the template's `{}` in order; a value that is not text already is
        // written into `text` first.
        let text: String;
        let args: [&str; 2] = match self {
            Error::MoneyFractionNotAllowed { currency } => {
                text = currency.exponent().to_string();
                [currency.code(), &text]
            }
            Error::MoneyCurrencyMismatch { expected, found } => [expected.code(), found.code()],
            Error::CardInvalidCharacter { position } | Error::EmvQrMalformed { position } => {
                text = u64::from(*position).saturating_add(1).to_string();
                [&text, ""]
            }
            Error::CardInvalidLength { length: n }
            | Error::PasswordTooShort { min_length: n }
            | Error::StateUnsupportedVersion { version: n } => {
                text = n.to_string();
                [&text, ""]
            }
            Error::CardInvalidCvc { brand } => {
                text = brand.security_code_length().to_string();
                [&text, ""]
            }
            Error::ChargeBrandNotAccepted { brand } => [brand.name(lang), ""],
            Error::WalletInsufficientBalance { available: money }
            | Error::WalletRefundExceedsPayment { refundable: money } => {
                text = amount(money, ja);
                [&text, ""]
            }
            Error::ChargeBlockedPendingPayment { until }
            | Error::ChargeBlockedCardLockout { until } => {
                text = jst::display(until);
                [&text, ""]
            }
            Error::PinMismatch { remaining } | Error::OtpMismatch { remaining } => {
                text = attempts(*remaining, ja);
                [&text, ""]
            }
            Error::EmvQrCrcMismatch { computed, found } => [found, computed],
            Error::StateInvalidEvent { index, cause } => {
                text = index.to_string();
                [&text, cause]
            }
            Error::MoneyUnknownCurrency { currency_code: s }
            | Error::EmvQrMissingField { tag: s }
            | Error::EmvQrInvalidField { tag: s }
            | Error::WalletUnknownMerchant { merchant: s }
            | Error::WalletUnknownPayment { payment: s }
            | Error::WalletRefundLotExpired { lot: s }
            | Error::WalletDuplicateRefundId { refund_id: s }
            | Error::WalletDuplicateId { id: s }
            | Error::WalletUnknownProgram { program: s }
            | Error::WalletUnknownLot { lot: s }
            | Error::WalletInvalidLot { lot: s }
            | Error::ChargeDuplicateId { id: s }
            | Error::ChargeUnknownCharge { charge: s }
            | Error::ChargeUnknownProgram { program: s }
            | Error::ChargeIllegalTransition { state: s }
            | Error::ChargeEnded { state: s }
            | Error::QrIllegalTransition { state: s }
            | Error::TimeInvalid { given: s }
            | Error::StateMalformed { detail: s }
            | Error::StateDuplicateId { id: s }
            | Error::StateUnknownReference { id: s }
            | Error::StateUnknownLot { lot: s }
            | Error::StateNegativeBalance { lot: s }
            | Error::StateInvalidLot { lot: s }
            | Error::StateInconsistentTotals { subject: s } => [s, ""],
            Error::MoneyEmpty
            | Error::MoneyInvalid
            | Error::MoneyNegative
            | Error::MoneyOutOfRange
            | Error::CardEmpty
            | Error::CardUnknownBrand
            | Error::CardLuhnMismatch
            | Error::CardInvalidExpiry
            | Error::VoucherInvalidCode
            | Error::SmartPitInvalidNumber
            | Error::PasswordInvalidCharacter { .. }
            | Error::PasswordMissingLetter
            | Error::PasswordMissingDigit
            | Error::WalletInvalidAmount
            | Error::WalletPaymentSerialExhausted
            | Error::ChargeInvalidAmount
            | Error::ChargeInvalidUnits
            | Error::PinInvalidFormat
            | Error::PinLocked
            | Error::OtpInvalidFormat
            | Error::OtpExpired
            | Error::OtpLocked
            | Error::OtpUsed
            | Error::QrInvalidToken
            | Error::QrTokenExpired
            | Error::QrTokenMismatch
            | Error::QrAmountFixed => [""; 2],
        };
        fill(if ja { jp } else { en }, args)
    }
}

/// Every error's code, English message template and Japanese message template, one
/// line per row of [`Error::text`], separated by tabs; each `{}` is filled by [`fill`].
/// Text rather than a table of `&str`s: the shipped WebAssembly then carries no
/// pointer per string, which compresses badly.
static TEXTS: &str = concat!(
    "money.empty\tEnter an amount.\t金額を入力してください。\n",
    "money.invalid\tThe amount is not a number.\t金額は数字で入力してください。\n",
    "money.negative\tThe amount cannot be negative.\tマイナスの金額は入力できません。\n",
    "money.fraction_not_allowed\t{} amounts have at most {} decimal places.\t{}の金額は小数点以下{}桁までです。\n",
    "money.out_of_range\tThe amount is out of range.\t金額が扱える範囲を超えています。\n",
    "money.currency_mismatch\tExpected an amount in {}, got {}.\t通貨が違います（{}が必要ですが{}です）。\n",
    "money.unknown_currency\tUnknown currency code \u{201c}{}\u{201d}.\t通貨コード「{}」は使えません。\n",
    "card.empty\tEnter the card number.\tカード番号を入力してください。\n",
    "card.invalid_character\tThe card number may contain only digits (character {}).\tカード番号に数字以外の文字が含まれています（{}文字目）。\n",
    "card.unknown_brand\tThis card brand is not recognised.\tカードのブランドを判別できません。\n",
    "card.invalid_length\tThe card number has the wrong number of digits ({}).\tカード番号の桁数が正しくありません（{}桁）。\n",
    "card.luhn_mismatch\tThe card number is not valid: check it for typos.\tカード番号に誤りがあります。ご確認ください。\n",
    "card.invalid_expiry\tEnter the expiry date as MM/YY.\t有効期限は月/年（MM/YY）の形式で入力してください。\n",
    "card.invalid_cvc\tThe security code is {} digits.\tセキュリティコードは{}桁の数字で入力してください。\n",
    "voucher.invalid_code\tA voucher code is 16 half-width letters and digits.\tコード(ID)は半角英数字16文字です。\n",
    "smartpit.invalid_number\tA Smart Pit number is 13 digits.\tスマートピット番号は13桁の数字です。\n",
    "emvqr.malformed\tThis is not a valid payment QR code (at character {}).\tQRコードの形式が正しくありません（{}文字目）。\n",
    "emvqr.crc_mismatch\tThe QR code is damaged: its checksum is {}, expected {}.\tQRコードが破損しています（チェックサム {}、正しくは {}）。\n",
    "emvqr.missing_field\tThe QR code lacks the mandatory field {}.\tQRコードに必須の項目（タグ{}）がありません。\n",
    "emvqr.invalid_field\tField {} cannot be written into a QR code (empty, too long, repeated or misplaced).\tタグ{}の項目はQRコードに書き込めません（空、長すぎる、重複、または位置の誤り）。\n",
    "password.invalid_character\tUse half-width letters and digits only.\tパスワードには半角英数字のみ使用できます。\n",
    "password.too_short\tThe password must be at least {} characters.\tパスワードは{}文字以上で入力してください。\n",
    "password.missing_letter\tInclude at least one letter.\t英字を1文字以上含めてください。\n",
    "password.missing_digit\tInclude at least one digit.\t数字を1文字以上含めてください。\n",
    "wallet.insufficient_balance\tNot enough balance: {} available.\t残高が不足しています（ご利用可能額 {}）。\n",
    "wallet.invalid_amount\tThe amount must be more than zero.\t0より大きい金額を入力してください。\n",
    "wallet.unknown_merchant\tUnknown merchant \u{201c}{}\u{201d}.\t加盟店「{}」が見つかりません。\n",
    "wallet.unknown_payment\tUnknown payment \u{201c}{}\u{201d}.\t決済ID「{}」が見つかりません。\n",
    "wallet.refund_exceeds_payment\tThe refund is more than is left to refund ({}).\t返金額が返金可能額（{}）を超えています。\n",
    "wallet.refund_lot_expired\tThe voucher {} this refund goes back to has expired.\t返金先の電子マネー（{}）は有効期限が切れています。\n",
    "wallet.duplicate_refund_id\tA refund with the id {} already exists.\t同じ返金ID（{}）の返金がすでにあります。\n",
    "wallet.duplicate_id\tThe id \u{201c}{}\u{201d} is already in use.\tID「{}」はすでに使われています。\n",
    "wallet.unknown_program\tUnknown program \u{201c}{}\u{201d}.\t電子マネー「{}」が見つかりません。\n",
    "wallet.unknown_lot\tUnknown voucher \u{201c}{}\u{201d}.\t電子マネー（{}）が見つかりません。\n",
    "wallet.invalid_lot\tThe voucher {} has an invalid value or balance.\t電子マネー（{}）の額面または残高が正しくありません。\n",
    "wallet.payment_serial_exhausted\tNo payment numbers are left in this wallet.\tこのウォレットで使える決済番号がありません。\n",
    "charge.invalid_amount\tEnter an amount of at least 1 yen.\t1円以上の金額を入力してください。\n",
    "charge.invalid_units\tChoose a number of units your purchase code allows.\t購入できる口数を選択してください。\n",
    "charge.duplicate_id\tA charge with the id {} already exists.\tID「{}」のチャージはすでにあります。\n",
    "charge.unknown_charge\tUnknown charge \u{201c}{}\u{201d}.\tチャージ「{}」が見つかりません。\n",
    "charge.unknown_program\tUnknown program \u{201c}{}\u{201d}.\t電子マネー「{}」が見つかりません。\n",
    "charge.brand_not_accepted\t{} cards cannot be used here.\t{}のカードはご利用いただけません。\n",
    "charge.illegal_transition\tThis step is not possible now (the charge is {}).\t現在の状態（{}）ではこの操作はできません。\n",
    "charge.ended\tThis charge has already ended ({}).\tこのチャージはすでに終了しています（{}）。\n",
    "charge.blocked_pending_payment\tA payment at a convenience store or by Pay-easy is pending: new charges are possible after it is paid, or from {}.\tお支払い待ちのチャージがあるため、お支払い完了後または{}以降まで新たにチャージできません。\n",
    "charge.blocked_card_lockout\tA card without 3-D Secure was used: new charges are possible from {}.\t3Dセキュア未登録のカードが使用されたため、{}まで新たにチャージできません。\n",
    "pin.invalid_format\tThe PIN is 4 digits.\t暗証番号は4桁の数字です。\n",
    "pin.mismatch\tWrong PIN: {} left.\t暗証番号が違います（残り{}回）。\n",
    "pin.locked\tThe PIN is locked after 3 wrong attempts.\t暗証番号を3回間違えたためロックされました。\n",
    "otp.invalid_format\tEnter the one-time password's digits.\tワンタイムパスワードを数字で入力してください。\n",
    "otp.mismatch\tWrong one-time password: {} left.\tワンタイムパスワードが違います（残り{}回）。\n",
    "otp.expired\tThe one-time password has expired: request a new one.\tワンタイムパスワードの有効期限が切れました。再発行してください。\n",
    "otp.locked\tToo many wrong one-time passwords: request a new one.\tワンタイムパスワードの入力回数の上限に達しました。再発行してください。\n",
    "otp.used\tThis one-time password was already used.\tこのワンタイムパスワードはすでに使用されています。\n",
    "qr.illegal_transition\tThis step is not possible now (the payment is {}).\t現在の状態（{}）ではこの操作はできません。\n",
    "qr.invalid_token\tThe payment code is invalid.\t支払い用コードが正しくありません。\n",
    "qr.token_expired\tThe payment code has expired: show a new one.\t支払い用コードの有効期限が切れました。新しいコードを表示してください。\n",
    "qr.token_mismatch\tThe scanned code is not this payment's code.\t読み取られたコードがこの支払いのコードと一致しません。\n",
    "qr.amount_fixed\tThe merchant's code sets the amount; it cannot be changed.\t加盟店のQRコードで金額が指定されているため、変更できません。\n",
    "time.invalid\t\u{201c}{}\u{201d} is not a usable date or time.\t「{}」は日付・時刻として使えません。\n",
    "state.malformed\tThe saved wallet cannot be read: {}.\t保存されたウォレットを読み込めません（{}）。\n",
    "state.unsupported_version\tThe saved wallet has version {}, which this app cannot read.\t保存されたウォレットのバージョン（{}）には対応していません。\n",
    "state.duplicate_id\tThe saved wallet uses the id \u{201c}{}\u{201d} twice.\t保存されたウォレットでID「{}」が重複しています。\n",
    "state.unknown_reference\tThe saved wallet refers to \u{201c}{}\u{201d}, which it does not hold.\t保存されたウォレットが存在しない「{}」を参照しています。\n",
    "state.unknown_lot\tThe saved wallet refers to a voucher {} it does not hold.\t保存されたウォレットが存在しない電子マネー（{}）を参照しています。\n",
    "state.negative_balance\tThe saved wallet gives the voucher {} a negative balance.\t保存されたウォレットで電子マネー（{}）の残高がマイナスです。\n",
    "state.invalid_lot\tThe saved wallet gives the voucher {} an invalid value or balance.\t保存されたウォレットで電子マネー（{}）の額面または残高が正しくありません。\n",
    "state.inconsistent_totals\tThe saved wallet's totals for {} do not add up.\t保存されたウォレットの「{}」の合計が一致しません。\n",
    "state.invalid_event\tEvent {} of the log does not apply ({}).\t履歴の{}番目のイベントを適用できません（{}）。\n",
    "money.fraction_not_allowed\t{} amounts have no decimal places.\t{}の金額に小数は使えません。\n",
);

/// `template` with each `{}` replaced by the next of `args`, in order (a missing
/// argument is empty). What is substituted is not scanned again, so an id containing
/// `{}` is copied as it is.
#[inline(never)]
fn fill(template: &str, args: [&str; 2]) -> String {
    let mut out = String::with_capacity(template.len().saturating_add(16));
    let mut args = args.into_iter();
    // Splitting on the one character (not on "{}") keeps this free of slicing that
    // could panic: every piece after the first starts with the `}` of a placeholder.
    for (i, piece) in template.split('{').enumerate() {
        if i > 0 {
            out.push_str(args.next().unwrap_or_default());
        }
        out.push_str(piece.strip_prefix('}').unwrap_or(piece));
    }
    out
}

/// `1 attempt`, `2 attempts` in English; the bare count in Japanese (`残り2回`).
fn attempts(n: u32, ja: bool) -> String {
    match (n, ja) {
        (_, true) => n.to_string(),
        (1, false) => "1 attempt".into(),
        (_, false) => format!("{n} attempts"),
    }
}

/// An amount as messages show it: `¥2,000` in English, `2,000円` in Japanese (other
/// currencies with their ISO code in both).
fn amount(money: &Money, ja: bool) -> String {
    let style = if ja && money.currency() == Currency::JPY {
        MoneyStyle::Suffix
    } else {
        MoneyStyle::Symbol
    };
    money.format(style).unwrap_or_default()
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

/// Saturating conversion of a position or length to the `u32` the error fields carry.
pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
