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
        match self {
            Error::MoneyEmpty => "money.empty",
            Error::MoneyInvalid => "money.invalid",
            Error::MoneyNegative => "money.negative",
            Error::MoneyFractionNotAllowed { .. } => "money.fraction_not_allowed",
            Error::MoneyOutOfRange => "money.out_of_range",
            Error::MoneyCurrencyMismatch { .. } => "money.currency_mismatch",
            Error::MoneyUnknownCurrency { .. } => "money.unknown_currency",
            Error::CardEmpty => "card.empty",
            Error::CardInvalidCharacter { .. } => "card.invalid_character",
            Error::CardUnknownBrand => "card.unknown_brand",
            Error::CardInvalidLength { .. } => "card.invalid_length",
            Error::CardLuhnMismatch => "card.luhn_mismatch",
            Error::CardInvalidExpiry => "card.invalid_expiry",
            Error::CardInvalidCvc { .. } => "card.invalid_cvc",
            Error::VoucherInvalidCode => "voucher.invalid_code",
            Error::SmartPitInvalidNumber => "smartpit.invalid_number",
            Error::EmvQrMalformed { .. } => "emvqr.malformed",
            Error::EmvQrCrcMismatch { .. } => "emvqr.crc_mismatch",
            Error::EmvQrMissingField { .. } => "emvqr.missing_field",
            Error::EmvQrInvalidField { .. } => "emvqr.invalid_field",
            Error::PasswordInvalidCharacter { .. } => "password.invalid_character",
            Error::PasswordTooShort { .. } => "password.too_short",
            Error::PasswordMissingLetter => "password.missing_letter",
            Error::PasswordMissingDigit => "password.missing_digit",
            Error::WalletInsufficientBalance { .. } => "wallet.insufficient_balance",
            Error::WalletInvalidAmount => "wallet.invalid_amount",
            Error::WalletUnknownMerchant { .. } => "wallet.unknown_merchant",
            Error::WalletUnknownPayment { .. } => "wallet.unknown_payment",
            Error::WalletRefundExceedsPayment { .. } => "wallet.refund_exceeds_payment",
            Error::WalletRefundLotExpired { .. } => "wallet.refund_lot_expired",
            Error::WalletDuplicateRefundId { .. } => "wallet.duplicate_refund_id",
            Error::WalletDuplicateId { .. } => "wallet.duplicate_id",
            Error::WalletUnknownProgram { .. } => "wallet.unknown_program",
            Error::WalletUnknownLot { .. } => "wallet.unknown_lot",
            Error::WalletInvalidLot { .. } => "wallet.invalid_lot",
            Error::WalletPaymentSerialExhausted => "wallet.payment_serial_exhausted",
            Error::ChargeInvalidAmount => "charge.invalid_amount",
            Error::ChargeInvalidUnits => "charge.invalid_units",
            Error::ChargeDuplicateId { .. } => "charge.duplicate_id",
            Error::ChargeUnknownCharge { .. } => "charge.unknown_charge",
            Error::ChargeUnknownProgram { .. } => "charge.unknown_program",
            Error::ChargeBrandNotAccepted { .. } => "charge.brand_not_accepted",
            Error::ChargeIllegalTransition { .. } => "charge.illegal_transition",
            Error::ChargeEnded { .. } => "charge.ended",
            Error::ChargeBlockedPendingPayment { .. } => "charge.blocked_pending_payment",
            Error::ChargeBlockedCardLockout { .. } => "charge.blocked_card_lockout",
            Error::PinInvalidFormat => "pin.invalid_format",
            Error::PinMismatch { .. } => "pin.mismatch",
            Error::PinLocked => "pin.locked",
            Error::OtpInvalidFormat => "otp.invalid_format",
            Error::OtpMismatch { .. } => "otp.mismatch",
            Error::OtpExpired => "otp.expired",
            Error::OtpLocked => "otp.locked",
            Error::OtpUsed => "otp.used",
            Error::QrIllegalTransition { .. } => "qr.illegal_transition",
            Error::QrInvalidToken => "qr.invalid_token",
            Error::QrTokenExpired => "qr.token_expired",
            Error::QrTokenMismatch => "qr.token_mismatch",
            Error::QrAmountFixed => "qr.amount_fixed",
            Error::TimeInvalid { .. } => "time.invalid",
            Error::StateMalformed { .. } => "state.malformed",
            Error::StateUnsupportedVersion { .. } => "state.unsupported_version",
            Error::StateDuplicateId { .. } => "state.duplicate_id",
            Error::StateUnknownReference { .. } => "state.unknown_reference",
            Error::StateUnknownLot { .. } => "state.unknown_lot",
            Error::StateNegativeBalance { .. } => "state.negative_balance",
            Error::StateInvalidLot { .. } => "state.invalid_lot",
            Error::StateInconsistentTotals { .. } => "state.inconsistent_totals",
            Error::StateInvalidEvent { .. } => "state.invalid_event",
        }
    }

    /// The message for a person, in English or Japanese.
    ///
    /// ```
    /// # use saifu::{Error, Lang, Money};
    /// let e = Error::WalletInsufficientBalance { available: Money::jpy(2000)? };
    /// assert_eq!(e.message(Lang::En), "Not enough balance: ¥2,000 available.");
    /// assert_eq!(e.message(Lang::Ja), "残高が不足しています（ご利用可能額 2,000円）。");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let pick = |en: String, jp: String| if ja { jp } else { en };
        match self {
            Error::MoneyEmpty => pick("Enter an amount.".into(), "金額を入力してください。".into()),
            Error::MoneyInvalid => pick(
                "The amount is not a number.".into(),
                "金額は数字で入力してください。".into(),
            ),
            Error::MoneyNegative => pick(
                "The amount cannot be negative.".into(),
                "マイナスの金額は入力できません。".into(),
            ),
            Error::MoneyFractionNotAllowed { currency } => match currency.exponent() {
                0 => pick(
                    format!("{currency} amounts have no decimal places."),
                    format!("{currency}の金額に小数は使えません。"),
                ),
                n => pick(
                    format!("{currency} amounts have at most {n} decimal places."),
                    format!("{currency}の金額は小数点以下{n}桁までです。"),
                ),
            },
            Error::MoneyOutOfRange => pick(
                "The amount is out of range.".into(),
                "金額が扱える範囲を超えています。".into(),
            ),
            Error::MoneyCurrencyMismatch { expected, found } => pick(
                format!("Expected an amount in {expected}, got {found}."),
                format!("通貨が違います（{expected}が必要ですが{found}です）。"),
            ),
            Error::MoneyUnknownCurrency { currency_code } => pick(
                format!("Unknown currency code \u{201c}{currency_code}\u{201d}."),
                format!("通貨コード「{currency_code}」は使えません。"),
            ),
            Error::CardEmpty => pick(
                "Enter the card number.".into(),
                "カード番号を入力してください。".into(),
            ),
            Error::CardInvalidCharacter { position } => {
                let n = u64::from(*position).saturating_add(1);
                pick(
                    format!("The card number may contain only digits (character {n})."),
                    format!("カード番号に数字以外の文字が含まれています（{n}文字目）。"),
                )
            }
            Error::CardUnknownBrand => pick(
                "This card brand is not recognised.".into(),
                "カードのブランドを判別できません。".into(),
            ),
            Error::CardInvalidLength { length } => pick(
                format!("The card number has the wrong number of digits ({length})."),
                format!("カード番号の桁数が正しくありません（{length}桁）。"),
            ),
            Error::CardLuhnMismatch => pick(
                "The card number is not valid: check it for typos.".into(),
                "カード番号に誤りがあります。ご確認ください。".into(),
            ),
            Error::CardInvalidExpiry => pick(
                "Enter the expiry date as MM/YY.".into(),
                "有効期限は月/年（MM/YY）の形式で入力してください。".into(),
            ),
            Error::CardInvalidCvc { brand } => {
                let n = brand.security_code_length();
                pick(
                    format!("The security code is {n} digits."),
                    format!("セキュリティコードは{n}桁の数字で入力してください。"),
                )
            }
            Error::VoucherInvalidCode => pick(
                "A voucher code is 16 half-width letters and digits.".into(),
                "コード(ID)は半角英数字16文字です。".into(),
            ),
            Error::SmartPitInvalidNumber => pick(
                "A Smart Pit number is 13 digits.".into(),
                "スマートピット番号は13桁の数字です。".into(),
            ),
            Error::EmvQrMalformed { position } => {
                let n = u64::from(*position).saturating_add(1);
                pick(
                    format!("This is not a valid payment QR code (at character {n})."),
                    format!("QRコードの形式が正しくありません（{n}文字目）。"),
                )
            }
            Error::EmvQrCrcMismatch { computed, found } => pick(
                format!("The QR code is damaged: its checksum is {found}, expected {computed}."),
                format!("QRコードが破損しています（チェックサム {found}、正しくは {computed}）。"),
            ),
            Error::EmvQrMissingField { tag } => pick(
                format!("The QR code lacks the mandatory field {tag}."),
                format!("QRコードに必須の項目（タグ{tag}）がありません。"),
            ),
            Error::EmvQrInvalidField { tag } => pick(
                format!(
                    "Field {tag} cannot be written into a QR code (empty, too long, repeated or misplaced)."
                ),
                format!(
                    "タグ{tag}の項目はQRコードに書き込めません（空、長すぎる、重複、または位置の誤り）。"
                ),
            ),
            Error::PasswordInvalidCharacter { .. } => pick(
                "Use half-width letters and digits only.".into(),
                "パスワードには半角英数字のみ使用できます。".into(),
            ),
            Error::PasswordTooShort { min_length } => pick(
                format!("The password must be at least {min_length} characters."),
                format!("パスワードは{min_length}文字以上で入力してください。"),
            ),
            Error::PasswordMissingLetter => pick(
                "Include at least one letter.".into(),
                "英字を1文字以上含めてください。".into(),
            ),
            Error::PasswordMissingDigit => pick(
                "Include at least one digit.".into(),
                "数字を1文字以上含めてください。".into(),
            ),
            Error::WalletInsufficientBalance { available } => pick(
                format!(
                    "Not enough balance: {} available.",
                    amount(available, false)
                ),
                format!(
                    "残高が不足しています（ご利用可能額 {}）。",
                    amount(available, true)
                ),
            ),
            Error::WalletInvalidAmount => pick(
                "The amount must be more than zero.".into(),
                "0より大きい金額を入力してください。".into(),
            ),
            Error::WalletUnknownMerchant { merchant } => pick(
                format!("Unknown merchant \u{201c}{merchant}\u{201d}."),
                format!("加盟店「{merchant}」が見つかりません。"),
            ),
            Error::WalletUnknownPayment { payment } => pick(
                format!("Unknown payment \u{201c}{payment}\u{201d}."),
                format!("決済ID「{payment}」が見つかりません。"),
            ),
            Error::WalletRefundExceedsPayment { refundable } => pick(
                format!(
                    "The refund is more than is left to refund ({}).",
                    amount(refundable, false)
                ),
                format!(
                    "返金額が返金可能額（{}）を超えています。",
                    amount(refundable, true)
                ),
            ),
            Error::WalletRefundLotExpired { lot } => pick(
                format!("The voucher {lot} this refund goes back to has expired."),
                format!("返金先の電子マネー（{lot}）は有効期限が切れています。"),
            ),
            Error::WalletDuplicateRefundId { refund_id } => pick(
                format!("A refund with the id {refund_id} already exists."),
                format!("同じ返金ID（{refund_id}）の返金がすでにあります。"),
            ),
            Error::WalletDuplicateId { id } => pick(
                format!("The id \u{201c}{id}\u{201d} is already in use."),
                format!("ID「{id}」はすでに使われています。"),
            ),
            Error::WalletUnknownProgram { program } => pick(
                format!("Unknown program \u{201c}{program}\u{201d}."),
                format!("電子マネー「{program}」が見つかりません。"),
            ),
            Error::WalletUnknownLot { lot } => pick(
                format!("Unknown voucher \u{201c}{lot}\u{201d}."),
                format!("電子マネー（{lot}）が見つかりません。"),
            ),
            Error::WalletInvalidLot { lot } => pick(
                format!("The voucher {lot} has an invalid value or balance."),
                format!("電子マネー（{lot}）の額面または残高が正しくありません。"),
            ),
            Error::WalletPaymentSerialExhausted => pick(
                "No payment numbers are left in this wallet.".into(),
                "このウォレットで使える決済番号がありません。".into(),
            ),
            Error::ChargeInvalidAmount => pick(
                "Enter an amount of at least 1 yen.".into(),
                "1円以上の金額を入力してください。".into(),
            ),
            Error::ChargeInvalidUnits => pick(
                "Choose a number of units your purchase code allows.".into(),
                "購入できる口数を選択してください。".into(),
            ),
            Error::ChargeDuplicateId { id } => pick(
                format!("A charge with the id {id} already exists."),
                format!("ID「{id}」のチャージはすでにあります。"),
            ),
            Error::ChargeUnknownCharge { charge } => pick(
                format!("Unknown charge \u{201c}{charge}\u{201d}."),
                format!("チャージ「{charge}」が見つかりません。"),
            ),
            Error::ChargeUnknownProgram { program } => pick(
                format!("Unknown program \u{201c}{program}\u{201d}."),
                format!("電子マネー「{program}」が見つかりません。"),
            ),
            Error::ChargeBrandNotAccepted { brand } => pick(
                format!("{} cards cannot be used here.", brand.name(Lang::En)),
                format!("{}のカードはご利用いただけません。", brand.name(Lang::Ja)),
            ),
            Error::ChargeIllegalTransition { state } => pick(
                format!("This step is not possible now (the charge is {state})."),
                format!("現在の状態（{state}）ではこの操作はできません。"),
            ),
            Error::ChargeEnded { state } => pick(
                format!("This charge has already ended ({state})."),
                format!("このチャージはすでに終了しています（{state}）。"),
            ),
            Error::ChargeBlockedPendingPayment { until } => pick(
                format!(
                    "A payment at a convenience store or by Pay-easy is pending: new charges are possible after it is paid, or from {}.",
                    jst::display(until)
                ),
                format!(
                    "お支払い待ちのチャージがあるため、お支払い完了後または{}以降まで新たにチャージできません。",
                    jst::display(until)
                ),
            ),
            Error::ChargeBlockedCardLockout { until } => pick(
                format!(
                    "A card without 3-D Secure was used: new charges are possible from {}.",
                    jst::display(until)
                ),
                format!(
                    "3Dセキュア未登録のカードが使用されたため、{}まで新たにチャージできません。",
                    jst::display(until)
                ),
            ),
            Error::PinInvalidFormat => pick(
                "The PIN is 4 digits.".into(),
                "暗証番号は4桁の数字です。".into(),
            ),
            Error::PinMismatch { remaining } => pick(
                format!("Wrong PIN: {} left.", attempts(*remaining)),
                format!("暗証番号が違います（残り{remaining}回）。"),
            ),
            Error::PinLocked => pick(
                "The PIN is locked after 3 wrong attempts.".into(),
                "暗証番号を3回間違えたためロックされました。".into(),
            ),
            Error::OtpInvalidFormat => pick(
                "Enter the one-time password's digits.".into(),
                "ワンタイムパスワードを数字で入力してください。".into(),
            ),
            Error::OtpMismatch { remaining } => pick(
                format!("Wrong one-time password: {} left.", attempts(*remaining)),
                format!("ワンタイムパスワードが違います（残り{remaining}回）。"),
            ),
            Error::OtpExpired => pick(
                "The one-time password has expired: request a new one.".into(),
                "ワンタイムパスワードの有効期限が切れました。再発行してください。".into(),
            ),
            Error::OtpLocked => pick(
                "Too many wrong one-time passwords: request a new one.".into(),
                "ワンタイムパスワードの入力回数の上限に達しました。再発行してください。".into(),
            ),
            Error::OtpUsed => pick(
                "This one-time password was already used.".into(),
                "このワンタイムパスワードはすでに使用されています。".into(),
            ),
            Error::QrIllegalTransition { state } => pick(
                format!("This step is not possible now (the payment is {state})."),
                format!("現在の状態（{state}）ではこの操作はできません。"),
            ),
            Error::QrInvalidToken => pick(
                "The payment code is invalid.".into(),
                "支払い用コードが正しくありません。".into(),
            ),
            Error::QrTokenExpired => pick(
                "The payment code has expired: show a new one.".into(),
                "支払い用コードの有効期限が切れました。新しいコードを表示してください。".into(),
            ),
            Error::QrTokenMismatch => pick(
                "The scanned code is not this payment's code.".into(),
                "読み取られたコードがこの支払いのコードと一致しません。".into(),
            ),
            Error::QrAmountFixed => pick(
                "The merchant's code sets the amount; it cannot be changed.".into(),
                "加盟店のQRコードで金額が指定されているため、変更できません。".into(),
            ),
            Error::TimeInvalid { given } => pick(
                format!("\u{201c}{given}\u{201d} is not a usable date or time."),
                format!("「{given}」は日付・時刻として使えません。"),
            ),
            Error::StateMalformed { detail } => pick(
                format!("The saved wallet cannot be read: {detail}."),
                format!("保存されたウォレットを読み込めません（{detail}）。"),
            ),
            Error::StateUnsupportedVersion { version } => pick(
                format!("The saved wallet has version {version}, which this app cannot read."),
                format!("保存されたウォレットのバージョン（{version}）には対応していません。"),
            ),
            Error::StateDuplicateId { id } => pick(
                format!("The saved wallet uses the id \u{201c}{id}\u{201d} twice."),
                format!("保存されたウォレットでID「{id}」が重複しています。"),
            ),
            Error::StateUnknownReference { id } => pick(
                format!("The saved wallet refers to \u{201c}{id}\u{201d}, which it does not hold."),
                format!("保存されたウォレットが存在しない「{id}」を参照しています。"),
            ),
            Error::StateUnknownLot { lot } => pick(
                format!("The saved wallet refers to a voucher {lot} it does not hold."),
                format!("保存されたウォレットが存在しない電子マネー（{lot}）を参照しています。"),
            ),
            Error::StateNegativeBalance { lot } => pick(
                format!("The saved wallet gives the voucher {lot} a negative balance."),
                format!("保存されたウォレットで電子マネー（{lot}）の残高がマイナスです。"),
            ),
            Error::StateInvalidLot { lot } => pick(
                format!("The saved wallet gives the voucher {lot} an invalid value or balance."),
                format!(
                    "保存されたウォレットで電子マネー（{lot}）の額面または残高が正しくありません。"
                ),
            ),
            Error::StateInconsistentTotals { subject } => pick(
                format!("The saved wallet's totals for {subject} do not add up."),
                format!("保存されたウォレットの「{subject}」の合計が一致しません。"),
            ),
            Error::StateInvalidEvent { index, cause } => pick(
                format!("Event {index} of the log does not apply ({cause})."),
                format!("履歴の{index}番目のイベントを適用できません（{cause}）。"),
            ),
        }
    }
}

/// `1 attempt`, `2 attempts`.
fn attempts(n: u32) -> String {
    if n == 1 {
        "1 attempt".into()
    } else {
        format!("{n} attempts")
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
