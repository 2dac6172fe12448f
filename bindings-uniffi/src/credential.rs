//! Card PINs and one-time passwords (seed 003, 004; DESIGN §8) as objects: the secret
//! stays in Rust memory (zeroed when the object is released), compared in constant time
//! by the core; `toString` / `description` / `repr` show the attempt count and flags,
//! never the digits.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use zeroize::Zeroizing;

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
        let pin = Zeroizing::new(pin);
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
        let input = Zeroizing::new(input);
        Ok(lock(&self.inner).verify(&input)?)
    }

    /// True once 3 consecutive failures have locked it.
    pub fn is_locked(&self) -> bool {
        lock(&self.inner).is_locked()
    }

    /// Consecutive failures so far.
    pub fn failures(&self) -> i64 {
        lock(&self.inner).failures().into()
    }
}

/// A one-time password sent by e-mail (4 digits) or SMS (6 digits) to verify against:
/// valid for `[issuedAt, issuedAt + validFor)`, accepted once, locked after
/// `maxAttempts` failures. Compared as text, so leading zeros count.
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
    /// `otp.invalid_format` for a limit of attempts that is not 1–4,294,967,295, a code
    /// that is not 4–12 digits or a validity that is not positive or overflows;
    /// `time.invalid`.
    #[uniffi::constructor]
    pub fn new(
        code: String,
        issued_at: SystemTime,
        valid_for: Duration,
        max_attempts: i64,
    ) -> Result<Arc<Self>, SaifuError> {
        let code = Zeroizing::new(code);
        let max_attempts = saifu::otp_attempts_from_i64(max_attempts)?;
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
        let input = Zeroizing::new(input);
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

/// What a sealed card PIN saves (a MyNaPoint reservation's): its HMAC-SHA-256 under the
/// integrator's key and its consecutive failures. Plain data, never the PIN.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct PinParts {
    /// The key's id then the HMAC-SHA-256 of the PIN: 80 lower-case hex digits.
    pub digest: String,
    /// Consecutive failures, 0–3 (3 is locked).
    pub failures: i64,
}

impl From<saifu::PinParts> for PinParts {
    fn from(p: saifu::PinParts) -> Self {
        PinParts {
            digest: p.digest.to_hex(),
            failures: p.failures,
        }
    }
}

impl PinParts {
    /// The core's parts.
    ///
    /// # Errors
    /// `credential.invalid_digest` for a digest that is not 80 lower-case hex digits.
    pub(crate) fn into_core(self) -> Result<saifu::PinParts, saifu::Error> {
        Ok(saifu::PinParts {
            digest: saifu::SecretDigest::from_hex(&self.digest)?,
            failures: self.failures,
        })
    }
}

/// What a sealed one-time password saves (a sign-in's e-mail code, a MyNaPoint issuance's
/// SMS code): its HMAC-SHA-256 under the integrator's key, its validity and its attempts.
/// Plain data, never the code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct OtpParts {
    /// The key's id then the HMAC-SHA-256 of the code: 80 lower-case hex digits.
    pub digest: String,
    /// How many digits the code has, 4–12.
    pub digits: i64,
    /// When it was sent.
    pub issued_at: SystemTime,
    /// The first instant it no longer works.
    pub expires_at: SystemTime,
    /// Wrong attempts that lock it.
    pub max_attempts: i64,
    /// Wrong attempts so far.
    pub failures: i64,
    /// True once it was accepted.
    pub used: bool,
}

impl From<saifu::OtpParts> for OtpParts {
    fn from(p: saifu::OtpParts) -> Self {
        OtpParts {
            digest: p.digest.to_hex(),
            digits: p.digits,
            issued_at: timestamp(p.issued_at),
            expires_at: timestamp(p.expires_at),
            max_attempts: p.max_attempts,
            failures: p.failures,
            used: p.used,
        }
    }
}

impl OtpParts {
    /// The core's parts.
    ///
    /// # Errors
    /// `credential.invalid_digest`; `time.invalid`.
    pub(crate) fn into_core(self) -> Result<saifu::OtpParts, saifu::Error> {
        Ok(saifu::OtpParts {
            digest: saifu::SecretDigest::from_hex(&self.digest)?,
            digits: self.digits,
            issued_at: instant(self.issued_at)?,
            expires_at: instant(self.expires_at)?,
            max_attempts: self.max_attempts,
            failures: self.failures,
            used: self.used,
        })
    }
}

/// The integrator's key for sealing PINs and codes, read by the core from the bytes a
/// flow's constructor takes; the bytes are wiped here once read.
///
/// # Errors
/// `credential.invalid_key` (with `minLength`) for fewer than 16 bytes.
pub(crate) fn secret_key(bytes: Vec<u8>) -> Result<saifu::SecretKey, saifu::Error> {
    let bytes = zeroize::Zeroizing::new(bytes);
    saifu::SecretKey::new(&bytes)
}
