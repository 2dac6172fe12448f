//! Errors: one uniffi error with a variant per [`saifu::Error`] variant (DESIGN §9).

use std::fmt;
use std::time::SystemTime;

use saifu::{Currency, MAX_MINOR};

use crate::card::Brand;
use crate::time::{instant_clamped, timestamp};

/// The language of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Lang {
    /// English.
    En,
    /// Japanese (日本語).
    Ja,
}

impl From<Lang> for saifu::Lang {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::En => saifu::Lang::En,
            Lang::Ja => saifu::Lang::Ja,
        }
    }
}

/// Every way a saifu operation can fail: one variant per error of the core, with the
/// same name and typed fields.
///
/// Kotlin sees `SaifuException.WalletInsufficientBalance(available)`, Swift
/// `SaifuError.WalletInsufficientBalance(available:)`, Python
/// `saifu.SaifuError.WalletInsufficientBalance`. `code()` gives the stable code
/// (`wallet.insufficient_balance`), `message_in(lang)` the message for people; the
/// Kotlin `toString()` and the Swift `description` are the English message.
///
/// Wallet amounts (`available`, `refundable`) are yen as integers; currencies are
/// ISO 4217 codes; `until` is an instant (Kotlin `Instant`, Swift `Date`, Python
/// `datetime`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
#[uniffi::export(Display)]
pub enum SaifuError {
    /// `money.empty`: nothing but whitespace was given.
    MoneyEmpty,
    /// `money.invalid`: not an amount.
    MoneyInvalid,
    /// `money.negative`: a minus sign before an otherwise valid amount.
    MoneyNegative,
    /// `money.fraction_not_allowed`: more fraction digits than the currency's exponent.
    MoneyFractionNotAllowed {
        /// The ISO 4217 code of the currency whose exponent was exceeded.
        currency: String,
    },
    /// `money.out_of_range`: outside ±(2^53 − 1) minor units, or an operation overflowed.
    MoneyOutOfRange,
    /// `money.currency_mismatch`: two currencies met where one was required.
    MoneyCurrencyMismatch {
        /// The ISO 4217 code the operation needed.
        expected: String,
        /// The ISO 4217 code it was given.
        found: String,
    },
    /// `money.unknown_currency`: not an active ISO 4217 code.
    MoneyUnknownCurrency {
        /// The code given (at most 8 characters of it).
        currency_code: String,
    },
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
        /// The tag: `"52"`, …, `"02-51"` for the account templates, `"64"` for the
        /// language template's own fields.
        tag: String,
    },
    /// `emvqr.invalid_field`: a field cannot be written into a QR code.
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
    /// `wallet.insufficient_balance`: the eligible balance is less than the amount.
    WalletInsufficientBalance {
        /// What the wallet could pay at that merchant at that time, in yen.
        available: i64,
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
        /// What is left to refund, in yen.
        refundable: i64,
    },
    /// `wallet.refund_lot_expired`: a lot the refund would restore to has expired.
    WalletRefundLotExpired {
        /// The first expired lot in restore order.
        lot: String,
    },
    /// `wallet.duplicate_refund_id`: a refund of this payment already has this id.
    WalletDuplicateRefundId {
        /// The refund id that already exists.
        refund_id: String,
    },
    /// `wallet.duplicate_id`: a program, merchant, lot, payment or charge has this id.
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
    /// `wallet.invalid_lot`: a lot's face value or balance is out of bounds.
    WalletInvalidLot {
        /// The lot's id.
        lot: String,
    },
    /// `wallet.payment_serial_exhausted`: all 12-digit payment serials are used.
    WalletPaymentSerialExhausted,
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
        /// The current state's id, e.g. `awaiting_three_ds`.
        state: String,
    },
    /// `charge.ended`: the charge has ended.
    ChargeEnded {
        /// The id of the state it ended in, e.g. `expired`.
        state: String,
    },
    /// `charge.blocked_pending_payment`: a convenience-store or Pay-easy charge awaits
    /// payment.
    ChargeBlockedPendingPayment {
        /// The latest deadline of the charges awaiting payment: new charges are possible
        /// from this instant (or once paid).
        until: SystemTime,
    },
    /// `charge.blocked_card_lockout`: a card not enrolled in 3-D Secure failed less
    /// than 30 minutes ago.
    ChargeBlockedCardLockout {
        /// The end of the lockout: new charges are possible from this instant.
        until: SystemTime,
    },
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
    /// `qr.amount_fixed`: the merchant's code carries the amount.
    QrAmountFixed,
    /// `time.invalid`: a time or date that cannot be used.
    TimeInvalid {
        /// What was given, at most 40 characters of it.
        given: String,
    },
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
    /// `state.invalid_lot`: a lot's balance or face value is invalid.
    StateInvalidLot {
        /// The lot's id.
        lot: String,
    },
    /// `state.inconsistent_totals`: shares, refunds or a program's ledger do not add up.
    StateInconsistentTotals {
        /// The payment or program concerned.
        subject: String,
    },
    /// `state.invalid_event`: an event of a log does not apply.
    StateInvalidEvent {
        /// Zero-based index of the event in the log.
        index: u32,
        /// The code of the check it failed (Kotlin: `causeCode`).
        cause: String,
    },
}

impl From<saifu::Error> for SaifuError {
    fn from(e: saifu::Error) -> Self {
        use saifu::Error as E;
        match e {
            E::MoneyEmpty => SaifuError::MoneyEmpty,
            E::MoneyInvalid => SaifuError::MoneyInvalid,
            E::MoneyNegative => SaifuError::MoneyNegative,
            E::MoneyFractionNotAllowed { currency } => SaifuError::MoneyFractionNotAllowed {
                currency: currency.code().to_owned(),
            },
            E::MoneyOutOfRange => SaifuError::MoneyOutOfRange,
            E::MoneyCurrencyMismatch { expected, found } => SaifuError::MoneyCurrencyMismatch {
                expected: expected.code().to_owned(),
                found: found.code().to_owned(),
            },
            E::MoneyUnknownCurrency { currency_code } => {
                SaifuError::MoneyUnknownCurrency { currency_code }
            }
            E::CardEmpty => SaifuError::CardEmpty,
            E::CardInvalidCharacter { position } => SaifuError::CardInvalidCharacter { position },
            E::CardUnknownBrand => SaifuError::CardUnknownBrand,
            E::CardInvalidLength { length } => SaifuError::CardInvalidLength { length },
            E::CardLuhnMismatch => SaifuError::CardLuhnMismatch,
            E::CardInvalidExpiry => SaifuError::CardInvalidExpiry,
            E::CardInvalidCvc { brand } => SaifuError::CardInvalidCvc {
                brand: brand.into(),
            },
            E::VoucherInvalidCode => SaifuError::VoucherInvalidCode,
            E::SmartPitInvalidNumber => SaifuError::SmartPitInvalidNumber,
            E::EmvQrMalformed { position } => SaifuError::EmvQrMalformed { position },
            E::EmvQrCrcMismatch { computed, found } => {
                SaifuError::EmvQrCrcMismatch { computed, found }
            }
            E::EmvQrMissingField { tag } => SaifuError::EmvQrMissingField { tag },
            E::EmvQrInvalidField { tag } => SaifuError::EmvQrInvalidField { tag },
            E::PasswordInvalidCharacter { position } => {
                SaifuError::PasswordInvalidCharacter { position }
            }
            E::PasswordTooShort { min_length } => SaifuError::PasswordTooShort { min_length },
            E::PasswordMissingLetter => SaifuError::PasswordMissingLetter,
            E::PasswordMissingDigit => SaifuError::PasswordMissingDigit,
            E::WalletInsufficientBalance { available } => SaifuError::WalletInsufficientBalance {
                available: available.minor(),
            },
            E::WalletInvalidAmount => SaifuError::WalletInvalidAmount,
            E::WalletUnknownMerchant { merchant } => SaifuError::WalletUnknownMerchant { merchant },
            E::WalletUnknownPayment { payment } => SaifuError::WalletUnknownPayment { payment },
            E::WalletRefundExceedsPayment { refundable } => {
                SaifuError::WalletRefundExceedsPayment {
                    refundable: refundable.minor(),
                }
            }
            E::WalletRefundLotExpired { lot } => SaifuError::WalletRefundLotExpired { lot },
            E::WalletDuplicateRefundId { refund_id } => {
                SaifuError::WalletDuplicateRefundId { refund_id }
            }
            E::WalletDuplicateId { id } => SaifuError::WalletDuplicateId { id },
            E::WalletUnknownProgram { program } => SaifuError::WalletUnknownProgram { program },
            E::WalletUnknownLot { lot } => SaifuError::WalletUnknownLot { lot },
            E::WalletInvalidLot { lot } => SaifuError::WalletInvalidLot { lot },
            E::WalletPaymentSerialExhausted => SaifuError::WalletPaymentSerialExhausted,
            E::ChargeInvalidAmount => SaifuError::ChargeInvalidAmount,
            E::ChargeInvalidUnits => SaifuError::ChargeInvalidUnits,
            E::ChargeDuplicateId { id } => SaifuError::ChargeDuplicateId { id },
            E::ChargeUnknownCharge { charge } => SaifuError::ChargeUnknownCharge { charge },
            E::ChargeUnknownProgram { program } => SaifuError::ChargeUnknownProgram { program },
            E::ChargeBrandNotAccepted { brand } => SaifuError::ChargeBrandNotAccepted {
                brand: brand.into(),
            },
            E::ChargeIllegalTransition { state } => SaifuError::ChargeIllegalTransition { state },
            E::ChargeEnded { state } => SaifuError::ChargeEnded { state },
            E::ChargeBlockedPendingPayment { until } => SaifuError::ChargeBlockedPendingPayment {
                until: timestamp(until),
            },
            E::ChargeBlockedCardLockout { until } => SaifuError::ChargeBlockedCardLockout {
                until: timestamp(until),
            },
            E::PinInvalidFormat => SaifuError::PinInvalidFormat,
            E::PinMismatch { remaining } => SaifuError::PinMismatch { remaining },
            E::PinLocked => SaifuError::PinLocked,
            E::OtpInvalidFormat => SaifuError::OtpInvalidFormat,
            E::OtpMismatch { remaining } => SaifuError::OtpMismatch { remaining },
            E::OtpExpired => SaifuError::OtpExpired,
            E::OtpLocked => SaifuError::OtpLocked,
            E::OtpUsed => SaifuError::OtpUsed,
            E::QrIllegalTransition { state } => SaifuError::QrIllegalTransition { state },
            E::QrInvalidToken => SaifuError::QrInvalidToken,
            E::QrTokenExpired => SaifuError::QrTokenExpired,
            E::QrTokenMismatch => SaifuError::QrTokenMismatch,
            E::QrAmountFixed => SaifuError::QrAmountFixed,
            E::TimeInvalid { given } => SaifuError::TimeInvalid { given },
            E::StateMalformed { detail } => SaifuError::StateMalformed { detail },
            E::StateUnsupportedVersion { version } => {
                SaifuError::StateUnsupportedVersion { version }
            }
            E::StateDuplicateId { id } => SaifuError::StateDuplicateId { id },
            E::StateUnknownReference { id } => SaifuError::StateUnknownReference { id },
            E::StateUnknownLot { lot } => SaifuError::StateUnknownLot { lot },
            E::StateNegativeBalance { lot } => SaifuError::StateNegativeBalance { lot },
            E::StateInvalidLot { lot } => SaifuError::StateInvalidLot { lot },
            E::StateInconsistentTotals { subject } => {
                SaifuError::StateInconsistentTotals { subject }
            }
            E::StateInvalidEvent { index, cause } => SaifuError::StateInvalidEvent { index, cause },
        }
    }
}

/// Yen as the core's `Money`, clamped into its range: only an error a foreign caller
/// built by hand can hold an amount outside it.
fn yen(minor: i64) -> saifu::Money {
    saifu::Money::jpy(minor.clamp(-MAX_MINOR, MAX_MINOR))
        .unwrap_or(saifu::Money::zero(Currency::JPY))
}

/// A currency by its code; yen for a code that is not ISO 4217, which only an error a
/// foreign caller built by hand can hold.
fn currency(code: &str) -> Currency {
    Currency::from_code(code).unwrap_or(Currency::JPY)
}

impl SaifuError {
    /// The core's error, so its code and messages stay the core's (one source of truth).
    fn to_core(&self) -> saifu::Error {
        use saifu::Error as E;
        match self.clone() {
            SaifuError::MoneyEmpty => E::MoneyEmpty,
            SaifuError::MoneyInvalid => E::MoneyInvalid,
            SaifuError::MoneyNegative => E::MoneyNegative,
            SaifuError::MoneyFractionNotAllowed { currency: c } => E::MoneyFractionNotAllowed {
                currency: currency(&c),
            },
            SaifuError::MoneyOutOfRange => E::MoneyOutOfRange,
            SaifuError::MoneyCurrencyMismatch { expected, found } => E::MoneyCurrencyMismatch {
                expected: currency(&expected),
                found: currency(&found),
            },
            SaifuError::MoneyUnknownCurrency { currency_code } => {
                E::MoneyUnknownCurrency { currency_code }
            }
            SaifuError::CardEmpty => E::CardEmpty,
            SaifuError::CardInvalidCharacter { position } => E::CardInvalidCharacter { position },
            SaifuError::CardUnknownBrand => E::CardUnknownBrand,
            SaifuError::CardInvalidLength { length } => E::CardInvalidLength { length },
            SaifuError::CardLuhnMismatch => E::CardLuhnMismatch,
            SaifuError::CardInvalidExpiry => E::CardInvalidExpiry,
            SaifuError::CardInvalidCvc { brand } => E::CardInvalidCvc {
                brand: brand.into(),
            },
            SaifuError::VoucherInvalidCode => E::VoucherInvalidCode,
            SaifuError::SmartPitInvalidNumber => E::SmartPitInvalidNumber,
            SaifuError::EmvQrMalformed { position } => E::EmvQrMalformed { position },
            SaifuError::EmvQrCrcMismatch { computed, found } => {
                E::EmvQrCrcMismatch { computed, found }
            }
            SaifuError::EmvQrMissingField { tag } => E::EmvQrMissingField { tag },
            SaifuError::EmvQrInvalidField { tag } => E::EmvQrInvalidField { tag },
            SaifuError::PasswordInvalidCharacter { position } => {
                E::PasswordInvalidCharacter { position }
            }
            SaifuError::PasswordTooShort { min_length } => E::PasswordTooShort { min_length },
            SaifuError::PasswordMissingLetter => E::PasswordMissingLetter,
            SaifuError::PasswordMissingDigit => E::PasswordMissingDigit,
            SaifuError::WalletInsufficientBalance { available } => E::WalletInsufficientBalance {
                available: yen(available),
            },
            SaifuError::WalletInvalidAmount => E::WalletInvalidAmount,
            SaifuError::WalletUnknownMerchant { merchant } => E::WalletUnknownMerchant { merchant },
            SaifuError::WalletUnknownPayment { payment } => E::WalletUnknownPayment { payment },
            SaifuError::WalletRefundExceedsPayment { refundable } => {
                E::WalletRefundExceedsPayment {
                    refundable: yen(refundable),
                }
            }
            SaifuError::WalletRefundLotExpired { lot } => E::WalletRefundLotExpired { lot },
            SaifuError::WalletDuplicateRefundId { refund_id } => {
                E::WalletDuplicateRefundId { refund_id }
            }
            SaifuError::WalletDuplicateId { id } => E::WalletDuplicateId { id },
            SaifuError::WalletUnknownProgram { program } => E::WalletUnknownProgram { program },
            SaifuError::WalletUnknownLot { lot } => E::WalletUnknownLot { lot },
            SaifuError::WalletInvalidLot { lot } => E::WalletInvalidLot { lot },
            SaifuError::WalletPaymentSerialExhausted => E::WalletPaymentSerialExhausted,
            SaifuError::ChargeInvalidAmount => E::ChargeInvalidAmount,
            SaifuError::ChargeInvalidUnits => E::ChargeInvalidUnits,
            SaifuError::ChargeDuplicateId { id } => E::ChargeDuplicateId { id },
            SaifuError::ChargeUnknownCharge { charge } => E::ChargeUnknownCharge { charge },
            SaifuError::ChargeUnknownProgram { program } => E::ChargeUnknownProgram { program },
            SaifuError::ChargeBrandNotAccepted { brand } => E::ChargeBrandNotAccepted {
                brand: brand.into(),
            },
            SaifuError::ChargeIllegalTransition { state } => E::ChargeIllegalTransition { state },
            SaifuError::ChargeEnded { state } => E::ChargeEnded { state },
            SaifuError::ChargeBlockedPendingPayment { until } => E::ChargeBlockedPendingPayment {
                until: instant_clamped(until),
            },
            SaifuError::ChargeBlockedCardLockout { until } => E::ChargeBlockedCardLockout {
                until: instant_clamped(until),
            },
            SaifuError::PinInvalidFormat => E::PinInvalidFormat,
            SaifuError::PinMismatch { remaining } => E::PinMismatch { remaining },
            SaifuError::PinLocked => E::PinLocked,
            SaifuError::OtpInvalidFormat => E::OtpInvalidFormat,
            SaifuError::OtpMismatch { remaining } => E::OtpMismatch { remaining },
            SaifuError::OtpExpired => E::OtpExpired,
            SaifuError::OtpLocked => E::OtpLocked,
            SaifuError::OtpUsed => E::OtpUsed,
            SaifuError::QrIllegalTransition { state } => E::QrIllegalTransition { state },
            SaifuError::QrInvalidToken => E::QrInvalidToken,
            SaifuError::QrTokenExpired => E::QrTokenExpired,
            SaifuError::QrTokenMismatch => E::QrTokenMismatch,
            SaifuError::QrAmountFixed => E::QrAmountFixed,
            SaifuError::TimeInvalid { given } => E::TimeInvalid { given },
            SaifuError::StateMalformed { detail } => E::StateMalformed { detail },
            SaifuError::StateUnsupportedVersion { version } => {
                E::StateUnsupportedVersion { version }
            }
            SaifuError::StateDuplicateId { id } => E::StateDuplicateId { id },
            SaifuError::StateUnknownReference { id } => E::StateUnknownReference { id },
            SaifuError::StateUnknownLot { lot } => E::StateUnknownLot { lot },
            SaifuError::StateNegativeBalance { lot } => E::StateNegativeBalance { lot },
            SaifuError::StateInvalidLot { lot } => E::StateInvalidLot { lot },
            SaifuError::StateInconsistentTotals { subject } => {
                E::StateInconsistentTotals { subject }
            }
            SaifuError::StateInvalidEvent { index, cause } => E::StateInvalidEvent { index, cause },
        }
    }
}

#[uniffi::export]
impl SaifuError {
    /// The stable code, the same string in every language: `wallet.insufficient_balance`.
    pub fn code(&self) -> String {
        self.to_core().code().to_owned()
    }

    /// The message for a person, in English or Japanese.
    pub fn message_in(&self, lang: Lang) -> String {
        self.to_core().message(lang.into())
    }
}

impl fmt::Display for SaifuError {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_core().message(saifu::Lang::En))
    }
}

impl std::error::Error for SaifuError {}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn errors_keep_their_code_fields_and_messages_both_ways() {
        let core = [
            saifu::Error::MoneyCurrencyMismatch {
                expected: Currency::JPY,
                found: Currency::USD,
            },
            saifu::Error::CardInvalidCvc {
                brand: saifu::Brand::Amex,
            },
            saifu::Error::WalletInsufficientBalance {
                available: saifu::Money::jpy(2_000).unwrap(),
            },
            saifu::Error::StateInvalidEvent {
                index: 3,
                cause: "wallet.unknown_lot".into(),
            },
            saifu::Error::ChargeBrandNotAccepted {
                brand: saifu::Brand::Diners,
            },
            saifu::Error::ChargeBlockedCardLockout {
                until: saifu::chrono::DateTime::parse_from_rfc3339("2026-11-23T10:31:00.250+09:00")
                    .unwrap(),
            },
            saifu::Error::OtpMismatch { remaining: 2 },
        ];
        for e in core {
            let ffi = SaifuError::from(e.clone());
            assert_eq!(ffi.to_core(), e);
            assert_eq!(ffi.code(), e.code());
            assert_eq!(ffi.message_in(Lang::Ja), e.message(saifu::Lang::Ja));
            assert_eq!(ffi.to_string(), e.message(saifu::Lang::En));
        }
        assert_eq!(
            SaifuError::from(saifu::Error::WalletRefundExceedsPayment {
                refundable: saifu::Money::jpy(300).unwrap()
            }),
            SaifuError::WalletRefundExceedsPayment { refundable: 300 }
        );
    }

    #[test]
    fn fields_a_foreign_caller_made_up_still_give_a_message() {
        let e = SaifuError::WalletInsufficientBalance {
            available: i64::MIN,
        };
        assert_eq!(e.code(), "wallet.insufficient_balance");
        assert!(e.to_string().contains("9,007,199,254,740,991"));
        let e = SaifuError::MoneyFractionNotAllowed {
            currency: "???".into(),
        };
        assert_eq!(e.code(), "money.fraction_not_allowed");
        let e = SaifuError::ChargeBlockedPendingPayment {
            until: std::time::UNIX_EPOCH + std::time::Duration::from_secs(1 << 50),
        };
        assert_eq!(e.code(), "charge.blocked_pending_payment");
        assert!(!e.to_string().is_empty());
    }
}
