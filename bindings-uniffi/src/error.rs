//! Errors: one uniffi error with a variant per [`saifu::Error`] variant (DESIGN §9),
//! written by `saifu::error_catalogue!` from core's one declaration of the errors, so a
//! new core variant reaches Kotlin, Swift and Python without an edit here.

use std::fmt;
use std::time::SystemTime;

// The names core's declaration uses for its field types.
use saifu::chrono::{DateTime, FixedOffset};
use saifu::{Brand, Currency, MAX_MINOR, Money};

use crate::time::{instant_clamped, timestamp};

pub use saifu::Lang;

/// The language of a message.
#[uniffi::remote(Enum)]
pub enum Lang {
    /// English.
    En,
    /// Japanese (日本語).
    Ja,
}

/// How a field of core's errors crosses the FFI: counts and positions as signed
/// integers (Kotlin and Swift have no unsigned habit), amounts as yen, currencies as
/// ISO 4217 codes, brands as [`crate::Brand`], instants as timestamps.
pub trait ErrorField: Sized {
    /// The type the foreign languages see.
    type Ffi;
    /// Core's value as they see it.
    fn to_ffi(self) -> Self::Ffi;
    /// Back to core's value, for the messages. Only an error a foreign caller built by
    /// hand can hold a value core would not: it is brought into core's range.
    fn from_ffi(value: Self::Ffi) -> Self;
}

impl ErrorField for String {
    type Ffi = String;
    fn to_ffi(self) -> String {
        self
    }
    fn from_ffi(value: String) -> Self {
        value
    }
}

impl ErrorField for u32 {
    type Ffi = i64;
    fn to_ffi(self) -> i64 {
        i64::from(self)
    }
    fn from_ffi(value: i64) -> Self {
        u32::try_from(value.max(0)).unwrap_or(u32::MAX)
    }
}

/// Every amount of core's errors is a wallet amount: yen.
impl ErrorField for Money {
    type Ffi = i64;
    fn to_ffi(self) -> i64 {
        self.minor()
    }
    fn from_ffi(value: i64) -> Self {
        Money::jpy(value.clamp(-MAX_MINOR, MAX_MINOR)).unwrap_or(Money::zero(Currency::JPY))
    }
}

impl ErrorField for Currency {
    type Ffi = String;
    fn to_ffi(self) -> String {
        self.code().to_owned()
    }
    fn from_ffi(value: String) -> Self {
        Currency::from_code(&value).unwrap_or(Currency::JPY)
    }
}

impl ErrorField for Brand {
    type Ffi = crate::card::Brand;
    fn to_ffi(self) -> crate::card::Brand {
        self.into()
    }
    fn from_ffi(value: crate::card::Brand) -> Self {
        value.into()
    }
}

impl ErrorField for DateTime<FixedOffset> {
    type Ffi = SystemTime;
    fn to_ffi(self) -> SystemTime {
        timestamp(self)
    }
    fn from_ffi(value: SystemTime) -> Self {
        instant_clamped(value)
    }
}

/// Writes [`SaifuError`] from core's catalogue (`saifu::error_catalogue!`).
macro_rules! saifu_error {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident $({ $( $(#[doc = $fdoc:literal])* $field:ident : $ty:ty ),* })? = $code:literal;
    )*) => {
        /// Every way a saifu operation can fail: one variant per error of the core, with
        /// the same name and typed fields.
        ///
        /// Kotlin sees `SaifuException.WalletInsufficientBalance(available)`, Swift
        /// `SaifuError.WalletInsufficientBalance(available:)`, Python
        /// `saifu.SaifuError.WalletInsufficientBalance`. `e.code` (Swift `e.code()`)
        /// gives the stable code (`wallet.insufficient_balance`), `e.messageIn(lang)`
        /// (Swift `e.messageIn(lang:)`) the message for people; the Kotlin `message`
        /// and `toString()`, the Swift `description` and `localizedDescription` and the
        /// Python `str(e)` are the English message.
        ///
        /// Wallet amounts (`available`, `refundable`) are yen as integers; counts and
        /// positions integers; currencies ISO 4217 codes; `until` an instant (Kotlin
        /// `Instant`, Swift `Date`, Python `datetime`).
        #[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
        #[uniffi::export(Display)]
        pub enum SaifuError {
            $(
                // uniffi reads doc attributes as plain literals: the docs, then the code.
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = $code]
                $variant $({ $( $(#[doc = $fdoc])* $field: <$ty as ErrorField>::Ffi ),* })?,
            )*
        }

        impl From<saifu::Error> for SaifuError {
            fn from(e: saifu::Error) -> Self {
                match e {
                    $( saifu::Error::$variant $({ $($field),* })? =>
                        SaifuError::$variant $({ $($field: ErrorField::to_ffi($field)),* })?, )*
                }
            }
        }

        impl SaifuError {
            /// The core's error, so its code and messages stay the core's.
            fn to_core(&self) -> saifu::Error {
                match self.clone() {
                    $( SaifuError::$variant $({ $($field),* })? =>
                        saifu::Error::$variant $({ $($field: <$ty as ErrorField>::from_ffi($field)),* })?, )*
                }
            }

            fn code_str(&self) -> &'static str {
                match self {
                    $( SaifuError::$variant $({ $($field: _),* })? => $code, )*
                }
            }
        }
    };
}

saifu::error_catalogue!(saifu_error);

#[uniffi::export]
impl SaifuError {
    /// The stable code, the same string in every language: `wallet.insufficient_balance`.
    pub fn code(&self) -> String {
        self.code_str().to_owned()
    }

    /// The message for a person, in English or Japanese.
    pub fn message_in(&self, lang: Lang) -> String {
        self.to_core().message(lang)
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
            saifu::Error::MoneyEmpty,
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
        assert_eq!(
            SaifuError::from(saifu::Error::PinMismatch { remaining: 2 }),
            SaifuError::PinMismatch { remaining: 2 }
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
        let e = SaifuError::PinMismatch { remaining: -5 };
        assert_eq!(e.to_string(), "Wrong PIN: 0 attempts left.");
        let e = SaifuError::ChargeBlockedPendingPayment {
            until: std::time::UNIX_EPOCH + std::time::Duration::from_secs(1 << 50),
        };
        assert_eq!(e.code(), "charge.blocked_pending_payment");
        assert!(!e.to_string().is_empty());
    }
}
