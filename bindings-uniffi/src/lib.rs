//! saifu-ffi: the uniffi layer of saifu (Kotlin, Swift, Python).
//!
//! Thin by rule (DESIGN.md §1): each export converts its arguments, calls `saifu`, and
//! maps the error into [`SaifuError`]. No rules live here. One module per concept, as
//! in the core; everything is re-exported flat.
//!
//! Conventions across the FFI:
//! - money functions take a [`Money`] record (minor units + ISO code); wallet amounts
//!   are plain yen as `i64` (the wallet is yen-only, DESIGN §3);
//! - instants are uniffi timestamps (Kotlin `Instant`, Swift `Date`, Python
//!   `datetime`), calendar dates ISO `YYYY-MM-DD` text, durations `Duration`; what the
//!   core cannot take is `time.invalid`;
//! - secrets (card numbers, security codes, PINs, one-time passwords) are objects whose
//!   digits stay in Rust.
//! - flows that must survive a restart (`SignIn`, `MyNaPoint`) save plain `…Parts`
//!   records, each PIN or code only as an HMAC-SHA-256 under the integrator's key, and
//!   load them back through `from_parts`, checked by the core; a password crosses as its
//!   own argument, never inside a record (a record's `toString` shows every field).

uniffi::setup_scaffolding!();

mod account;
mod card;
mod charge;
mod credential;
mod emvqr;
mod error;
mod jcoin;
mod money;
mod mynapoint;
mod on_file;
mod password;
mod payment_slip;
mod phone;
mod program;
mod purchase;
mod qrpay;
mod signin;
mod smartpit;
mod time;
mod user_state;
mod voucher;
mod wallet;

pub use account::{
    Profile, ProfileField, SignUp, SignUpAccepted, check_email, parse_login_id,
    profile_field_label, validate_signup,
};
pub use card::{
    Brand, CardDetection, CardExpiry, CardNumber, SecurityCode, check_card, detect_card,
    is_card_expired, parse_card, parse_card_expiry, parse_security_code,
};
pub use charge::{
    Charge, ChargeEvent, ChargeGuard, ChargeMethod, ChargeOrder, ChargeState, ChargedLot, Charges,
    KonbiniChain, Notified,
};
pub use credential::{OneTimePassword, OtpParts, Pin, PinParts};
pub use emvqr::{
    AlternateLanguage, EmvField, EmvSubField, EmvValue, Initiation, MerchantQr, build_merchant_qr,
    jpqr_merchant_qr, merchant_qr_amount, parse_merchant_qr,
};
pub use error::{Lang, SaifuError};
pub use money::{Money, MoneyStyle, Rounding, apply_rate, format_money, parse_money};
pub use mynapoint::{
    MyNaPoint, MyNaPointApplicationState, MyNaPointConfig, MyNaPointIssuanceState, MyNaPointParts,
    MyNaPointReservationState,
};
pub use on_file::{CardConfirmation, CardPolicy, CardsOnFile, ExpiryInput, RegisteredCard};
pub use password::check_password;
pub use payment_slip::{
    DigitRule, PaymentField, PaymentNumber, PaymentSlip, SlipInstructions, SlipKind, SlipLine,
    SlipNumber, parse_payment_number,
};
pub use phone::{check_phone_last4, parse_phone_number};
pub use program::{Product, ProductLine, Program};
pub use purchase::normalize_purchase_code;
pub use qrpay::{CustomerQrPayment, CustomerQrState, MerchantQrPayment, MerchantQrState};
pub use signin::{SignIn, SignInConfig, SignInParts, SignInState};
pub use smartpit::{
    SmartPitBill, SmartPitMedium, SmartPitNumber, SmartPitPayable, SmartPitStore, Tender,
    can_pay_smart_pit, parse_smart_pit,
};
pub use time::parse_instant;
pub use user_state::{FlowSettings, IssuedLot, UserState};
pub use voucher::mask_voucher_code;
pub use wallet::{
    Allocation, BalanceView, ExpiredRefundPolicy, Forfeiture, HistoryEntry, HistoryFilter,
    HistoryKind, Lot, LotBalance, Merchant, MerchantSize, NewLot, Payment, PaymentAllocation,
    ProgramBalance, Quote, Receipt, RefundReceipt, RefundRecord, Restoration, RestoreOutcome,
    Scope, SpendingPolicy, Wallet, WalletPolicy,
};

/// The version of the saifu bindings, e.g. `"0.1.0"`.
#[uniffi::export]
pub fn saifu_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
