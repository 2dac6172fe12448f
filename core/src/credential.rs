//! Card PINs and one-time passwords (seed 003, 004; DESIGN §8).
//!
//! Both are secrets: never serialized, never in `Debug`, compared in constant time,
//! zeroed on drop. Both count failed attempts; input of the wrong shape is refused
//! without counting.

use chrono::{DateTime, Duration, FixedOffset};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::Error;
use crate::input;
use crate::jst;

/// The longest code either accepts.
const MAX_DIGITS: usize = 12;

/// A code of `len` ASCII digits in a fixed buffer.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
struct Digits {
    bytes: [u8; MAX_DIGITS],
    len: u8,
}

impl Digits {
    /// The digits of `text` (full-width accepted, surrounding spaces trimmed) when there
    /// are exactly `len` of them.
    fn read(text: &str, len: usize) -> Option<Digits> {
        let mut digits = input::short_digits(text, len)?;
        let mut out = Digits {
            bytes: [0; MAX_DIGITS],
            len: 0,
        };
        if digits.len() == len {
            for (slot, b) in out.bytes.iter_mut().zip(digits.bytes()) {
                *slot = b;
            }
            out.len = u8::try_from(len).unwrap_or(0);
        }
        digits.zeroize();
        (out.len > 0).then_some(out)
    }

    fn matches(&self, other: &Digits) -> bool {
        (self.len.ct_eq(&other.len) & self.bytes.ct_eq(&other.bytes)).into()
    }
}

/// A card PIN (暗証番号): 4 digits; 3 consecutive failures lock it, a success resets the
/// count.
///
/// ```
/// use saifu::Pin;
///
/// let mut pin = Pin::new("1234")?;
/// assert_eq!(pin.verify("1111").unwrap_err().code(), "pin.mismatch");
/// assert_eq!(pin.verify("12a4").unwrap_err().code(), "pin.invalid_format"); // not counted
/// assert!(pin.verify("１２３４").is_ok()); // full-width digits from an IME
/// assert_eq!(format!("{pin:?}"), "Pin { failures: 0, locked: false }");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Clone)]
pub struct Pin {
    secret: Digits,
    failures: u32,
}

impl Pin {
    /// The number of digits of a PIN.
    pub const DIGITS: usize = 4;
    /// Consecutive failures that lock a PIN.
    pub const MAX_FAILURES: u32 = 3;

    /// Sets up a PIN to verify against.
    ///
    /// # Errors
    /// `pin.invalid_format` unless 4 digits.
    pub fn new(pin: &str) -> Result<Pin, Error> {
        Ok(Pin {
            secret: Digits::read(pin, Self::DIGITS).ok_or(Error::PinInvalidFormat)?,
            failures: 0,
        })
    }

    /// Checks what was typed.
    ///
    /// # Errors
    /// In order: `pin.locked`; `pin.invalid_format` (not 4 digits; not counted);
    /// `pin.mismatch` with the attempts `remaining` (the failure that reaches the limit
    /// already answers `pin.locked`).
    pub fn verify(&mut self, input: &str) -> Result<(), Error> {
        if self.is_locked() {
            return Err(Error::PinLocked);
        }
        let typed = Digits::read(input, Self::DIGITS).ok_or(Error::PinInvalidFormat)?;
        if typed.matches(&self.secret) {
            self.failures = 0;
            return Ok(());
        }
        self.failures = self.failures.saturating_add(1);
        if self.is_locked() {
            Err(Error::PinLocked)
        } else {
            Err(Error::PinMismatch {
                remaining: Self::MAX_FAILURES.saturating_sub(self.failures),
            })
        }
    }

    /// True once 3 consecutive failures have locked it.
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.failures >= Self::MAX_FAILURES
    }

    /// Consecutive failures so far.
    #[must_use]
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pin")
            .field("failures", &self.failures)
            .field("locked", &self.is_locked())
            .finish()
    }
}

/// A one-time password sent by e-mail (4 digits) or SMS (6 digits): valid for
/// `[issued_at, issued_at + valid_for)`, accepted once, locked after `max_attempts`
/// failures. Compared as text, so leading zeros count.
///
/// ```
/// use chrono::{DateTime, Duration};
/// use saifu::OneTimePassword;
///
/// let issued = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
/// let mut otp = OneTimePassword::new("0420", issued, Duration::minutes(10), 3)?;
/// assert_eq!(otp.verify("420", issued).unwrap_err().code(), "otp.invalid_format");
/// assert!(otp.verify("0420", issued + Duration::minutes(9)).is_ok());
/// assert_eq!(otp.verify("0420", issued).unwrap_err().code(), "otp.used");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct OneTimePassword {
    secret: Digits,
    issued_at: DateTime<FixedOffset>,
    expires_at: DateTime<FixedOffset>,
    max_attempts: u32,
    failures: u32,
    used: bool,
}

impl OneTimePassword {
    /// Sets up a code to verify against: 4 to 12 digits (the seeds use 4 by e-mail and
    /// 6 by SMS).
    ///
    /// # Errors
    /// `otp.invalid_format` for a code that is not 4–12 digits, a validity that is not
    /// positive or ends after the years 0001–9999 (`expires_at` would be a time no
    /// saved state or binding holds), or a limit of 0 attempts; `time.invalid` for an
    /// `issued_at` outside those years (in UTC, JST or its own offset).
    pub fn new(
        code: &str,
        issued_at: DateTime<FixedOffset>,
        valid_for: Duration,
        max_attempts: u32,
    ) -> Result<OneTimePassword, Error> {
        let len = code.trim().chars().count();
        if !(4..=MAX_DIGITS).contains(&len) || valid_for <= Duration::zero() || max_attempts == 0 {
            return Err(Error::OtpInvalidFormat);
        }
        let secret = Digits::read(code, len).ok_or(Error::OtpInvalidFormat)?;
        jst::check_instant(&issued_at)?;
        let expires_at = issued_at
            .checked_add_signed(valid_for)
            .filter(jst::instant_in_range)
            .ok_or(Error::OtpInvalidFormat)?;
        Ok(OneTimePassword {
            secret,
            issued_at,
            expires_at,
            max_attempts,
            failures: 0,
            used: false,
        })
    }

    /// Checks what was typed at `at`.
    ///
    /// # Errors
    /// In order: `time.invalid` (`at` outside the years 0001–9999, in UTC, JST or its
    /// own offset); `otp.used` (accepted once already); `otp.locked`; `otp.expired`
    /// (outside `[issued_at, issued_at + valid_for)`); `otp.invalid_format` (wrong
    /// length or not digits; not counted); `otp.mismatch` with the attempts `remaining`
    /// (the failure that reaches the limit already answers `otp.locked`).
    pub fn verify(&mut self, input: &str, at: DateTime<FixedOffset>) -> Result<(), Error> {
        jst::check_instant(&at)?;
        if self.used {
            return Err(Error::OtpUsed);
        }
        if self.is_locked() {
            return Err(Error::OtpLocked);
        }
        if at < self.issued_at || at >= self.expires_at {
            return Err(Error::OtpExpired);
        }
        let typed =
            Digits::read(input, usize::from(self.secret.len)).ok_or(Error::OtpInvalidFormat)?;
        if typed.matches(&self.secret) {
            self.used = true;
            return Ok(());
        }
        self.failures = self.failures.saturating_add(1);
        if self.is_locked() {
            Err(Error::OtpLocked)
        } else {
            Err(Error::OtpMismatch {
                remaining: self.max_attempts.saturating_sub(self.failures),
            })
        }
    }

    /// True once the attempt limit is reached.
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.failures >= self.max_attempts
    }

    /// True once the code was accepted.
    #[must_use]
    pub fn is_used(&self) -> bool {
        self.used
    }

    /// Failed attempts so far.
    #[must_use]
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The number of digits the code has (what an input field should accept).
    #[must_use]
    pub fn digits(&self) -> usize {
        usize::from(self.secret.len)
    }

    /// The first instant the code no longer works.
    #[must_use]
    pub fn expires_at(&self) -> DateTime<FixedOffset> {
        self.expires_at
    }
}

impl std::fmt::Debug for OneTimePassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OneTimePassword")
            .field("expires_at", &self.expires_at)
            .field("failures", &self.failures)
            .field("used", &self.used)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_locks_and_resets() {
        let mut pin = Pin::new("1234").unwrap();
        assert_eq!(pin.verify("1111"), Err(Error::PinMismatch { remaining: 2 }));
        assert_eq!(pin.verify("1234"), Ok(()));
        assert_eq!(pin.verify("1111"), Err(Error::PinMismatch { remaining: 2 }));
        assert_eq!(pin.verify("2222"), Err(Error::PinMismatch { remaining: 1 }));
        assert_eq!(pin.verify("3333"), Err(Error::PinLocked));
        assert_eq!(pin.verify("1234"), Err(Error::PinLocked));
        assert!(Pin::new("123").is_err());
        assert!(Pin::new(&"1".repeat(1 << 20)).is_err());
    }

    #[test]
    fn otp_window_is_half_open() {
        let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00").unwrap();
        let mut otp = OneTimePassword::new("123456", at, Duration::minutes(10), 3).unwrap();
        assert_eq!(
            otp.verify("123456", at - Duration::milliseconds(1)),
            Err(Error::OtpExpired)
        );
        assert_eq!(
            otp.verify("123456", at + Duration::minutes(10)),
            Err(Error::OtpExpired)
        );
        assert_eq!(
            otp.verify(
                "123456",
                at + Duration::minutes(10) - Duration::milliseconds(1)
            ),
            Ok(())
        );
        assert!(format!("{otp:?}").contains("used: true"));
        assert!(!format!("{otp:?}").contains("123456"));
    }
}
