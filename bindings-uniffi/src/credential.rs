//! Card PINs and one-time passwords (seed 003, 004; DESIGN §8) as objects: the secret
//! stays in Rust memory (zeroed when the object is released), compared in constant time
//! by the core; `toString` / `description` / `repr` show the attempt count and flags,
//! never the digits.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use crate::error::SaifuError;
use crate::time::{duration, instant, timestamp};

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A card PIN (暗証番号) to verify against: 4 digits; 3 consecutive failures lock it, a
/// success resets the count. Full-width digits from an IME are accepted.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct Pin {
    inner: Mutex<saifu::Pin>,
}

impl fmt::Debug for Pin {
    /// The core's `Pin { failures: 0, locked: false }`: never the digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*lock(&self.inner), f)
    }
}

#[uniffi::export]
impl Pin {
    /// Sets up the PIN to verify against.
    ///
    /// # Errors
    /// `pin.invalid_format` unless 4 digits.
    #[uniffi::constructor]
    pub fn new(pin: String) -> Result<Arc<Self>, SaifuError> {
        Ok(Arc::new(Pin {
            inner: Mutex::new(saifu::Pin::new(&pin)?),
        }))
    }

    /// Checks what was typed; returns when it matches.
    ///
    /// # Errors
    /// In order: `pin.locked`; `pin.invalid_format` (not 4 digits; not counted);
    /// `pin.mismatch` with the attempts `remaining` (the failure that reaches the limit
    /// already answers `pin.locked`).
    pub fn verify(&self, input: String) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).verify(&input)?)
    }

    /// True once 3 consecutive failures have locked it.
    pub fn is_locked(&self) -> bool {
        lock(&self.inner).is_locked()
    }

    /// Consecutive failures so far.
    pub fn failures(&self) -> u32 {
        lock(&self.inner).failures()
    }
}

/// A one-time password sent by e-mail (4 digits) or SMS (6 digits) to verify against:
/// valid for `[issued_at, issued_at + valid_for)`, accepted once, locked after
/// `max_attempts` failures. Compared as text, so leading zeros count.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct OneTimePassword {
    inner: Mutex<saifu::OneTimePassword>,
}

impl fmt::Debug for OneTimePassword {
    /// The core's `OneTimePassword { expires_at, failures, used }`: never the digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*lock(&self.inner), f)
    }
}

#[uniffi::export]
impl OneTimePassword {
    /// Sets up a code to verify against: 4 to 12 digits.
    ///
    /// # Errors
    /// `otp.invalid_format` for a code that is not 4–12 digits, a validity that is not
    /// positive or overflows, or a limit of 0 attempts; `time.invalid`.
    #[uniffi::constructor]
    pub fn new(
        code: String,
        issued_at: SystemTime,
        valid_for: Duration,
        max_attempts: u32,
    ) -> Result<Arc<Self>, SaifuError> {
        let otp = saifu::OneTimePassword::new(
            &code,
            instant(issued_at)?,
            duration(valid_for)?,
            max_attempts,
        )?;
        Ok(Arc::new(OneTimePassword {
            inner: Mutex::new(otp),
        }))
    }

    /// Checks what was typed at `at`; returns when it matches (the code is then used).
    ///
    /// # Errors
    /// In order: `otp.used`; `otp.locked`; `otp.expired` (outside the validity);
    /// `otp.invalid_format` (wrong length or not digits; not counted); `otp.mismatch`
    /// with the attempts `remaining` (the failure that reaches the limit already
    /// answers `otp.locked`); `time.invalid`.
    pub fn verify(&self, input: String, at: SystemTime) -> Result<(), SaifuError> {
        let at = instant(at)?;
        Ok(lock(&self.inner).verify(&input, at)?)
    }

    /// True once the attempt limit is reached.
    pub fn is_locked(&self) -> bool {
        lock(&self.inner).is_locked()
    }

    /// True once the code was accepted.
    pub fn is_used(&self) -> bool {
        lock(&self.inner).is_used()
    }

    /// The first instant the code no longer works.
    pub fn expires_at(&self) -> SystemTime {
        timestamp(lock(&self.inner).expires_at())
    }
}
