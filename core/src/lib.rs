//! saifu (財布, "wallet"): the rules of Japanese cashless payments and regional
//! e-money / premium gift vouchers, in one pure core.
//!
//! Everything here is a pure function of its inputs: no I/O, no clock (every rule that
//! depends on time takes `now`), no randomness, no global state. The same crate runs in
//! iOS and Android apps (through uniffi), in browsers (through wasm-bindgen) and on
//! servers, so a balance, a spending split or a lockout never differs between them.
//!
//! ```
//! use saifu::{CardNumber, Currency, Money, MoneyStyle, VoucherCode};
//!
//! // What a person typed through an IME: full-width digits, an ideographic space.
//! let card = CardNumber::parse("４２４２　４２４２　４２４２　４２４２")?;
//! assert_eq!(card.masked(), "****-****-****-4242");
//!
//! let amount = Money::parse("１０，０００円", Currency::JPY)?;
//! assert_eq!(amount.format(MoneyStyle::Voucher)?, "10,000円分");
//!
//! assert_eq!(VoucherCode::parse("N7af3c1d7AV9b2e4")?.masked(), "N7af****7AV9****");
//!
//! // Every failure has a stable code and messages in English and Japanese.
//! let err = Money::parse("1,0000", Currency::JPY).unwrap_err();
//! assert_eq!(err.code(), "money.invalid");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

mod account;
mod card;
mod charge;
mod credential;
mod currency;
mod emvqr;
mod error;
mod index;
mod input;
mod jcoin;
mod jst;
pub use jst::{format_date, format_instant, parse_date, parse_instant};
mod json;
mod money;
mod mynapoint;
mod password;
mod payment_slip;
mod phone;
mod program;
mod purchase_code;
mod qrpay;
mod secret;
mod signin;
mod smartpit;
#[cfg(feature = "serde")]
#[doc(hidden)]
pub mod unchecked;
mod user_state;
mod voucher;
mod wallet;
pub use wallet::{payment_serial_from_i64, reissue_days_from_i64};

pub use account::{
    EMAIL_MAX_LENGTH, LOGIN_ID_MAX_LENGTH, LOGIN_ID_MIN_LENGTH, LoginId, Profile, ProfileField,
    SignUp, SignUpAccepted, check_email, validate_signup,
};
pub use card::{
    BillingCutoff, Brand, CARDS_STATE_VERSION, CardConfirmation, CardDetection, CardEntry,
    CardExpiry, CardNumber, CardPolicy, CardsOnFile, ExpiryInput, FingerprintKey, RegisteredCard,
    SecurityCode, UsageMonth,
};
#[cfg(feature = "charge-events")]
pub use charge::ChargesEvent;
pub use charge::{
    CARD_LOCKOUT_MINUTES, CHARGES_STATE_VERSION, Charge, ChargeEvent, ChargeMethod,
    ChargeMethodKind, ChargeOrder, ChargeState, ChargedLot, Charges, IssuedLot, KonbiniChain,
    Notified, PurchaseCodeStatus, PurchaseQuote, RegisteredPurchaseCode, units_from_f64,
    units_from_i64,
};
pub use credential::{
    OneTimePassword, OtpParts, Pin, PinParts, SealedOtp, SealedPin, SecretDigest, SecretKey,
    otp_attempts_from_i64,
};
pub use currency::Currency;
pub use emvqr::{
    AlternateLanguage, EmvField, EmvSubField, EmvValue, Initiation, MerchantQr, emv_tag_from_i64,
};
pub use error::{Error, ErrorDetail, ErrorSpec, FieldSpec, Lang};
pub use jcoin::{JCoinCredentials, JCoinId};
pub use money::{MAX_MINOR, Money, MoneyStyle, Rounding, parse_rate};
pub use mynapoint::{
    MYNAPOINT_SMS_DIGITS, MyNaPoint, MyNaPointApplicationState, MyNaPointConfig,
    MyNaPointIssuanceState, MyNaPointParts, MyNaPointReservationState,
};
pub use password::{PASSWORD_MIN_LENGTH, check_password};
pub use payment_slip::{
    PaymentField, PaymentNumber, PaymentNumberRules, PaymentSlip, SlipInstructions, SlipKind,
    SlipLine,
};
pub use phone::{PhoneNumber, check_phone_last4};
pub use program::{Product, ProductLine, Program};
pub use purchase_code::PurchaseCode;
pub use qrpay::{CustomerQrPayment, CustomerQrState, JPQR_GUI, MerchantQrPayment, MerchantQrState};
pub use signin::{SignIn, SignInConfig, SignInParts, SignInState};
pub use smartpit::{
    SmartPitBill, SmartPitMedium, SmartPitNumber, SmartPitPayable, SmartPitStore, Tender,
    can_pay_smart_pit,
};
pub use user_state::{FlowSettings, SavedUserState, USER_STATE_VERSION, UserState, UserStateRef};
pub use voucher::VoucherCode;
pub use wallet::{
    Allocation, BalanceView, ChargeRecord, ExpiredRefundPolicy, Forfeiture, HistoryEntry,
    HistoryFilter, HistoryKind, Lot, LotBalance, Merchant, MerchantSize, NewLot, Payment,
    PaymentAllocation, ProgramBalance, ProgramLedger, Quote, Receipt, RefundReceipt, RefundRecord,
    Restoration, RestoreOutcome, STATE_VERSION, Scope, SpendingPolicy, Wallet, WalletEvent,
    WalletPolicy,
};

/// Re-exported so callers name the same `DateTime` and `Decimal` types saifu takes.
pub use chrono;
pub use rust_decimal;

/// The repository's README.md, whose ```rust blocks `cargo test` compiles and runs as doc
/// tests (its other blocks are marked with their language, which rustdoc skips). Only
/// under `cfg(doctest)`: the published crate carries the README one directory higher.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
