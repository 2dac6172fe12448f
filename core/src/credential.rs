//! Card PINs and one-time passwords (seed 003, 004; DESIGN §8), and the integrator's key
//! that seals them for saving.
//!
//! Both are secrets: never serialized in clear, never in `Debug`, compared in constant
//! time, zeroed on drop. Both count failed attempts; input of the wrong shape is refused
//! without counting.
//!
//! [`Pin`] and [`OneTimePassword`] keep their digits in memory. [`SealedPin`] and
//! [`SealedOtp`] follow the same rules but keep only an HMAC-SHA-256 of the digits under
//! the integrator's [`SecretKey`] (a [`SecretDigest`]), so their counters can be saved as
//! plain data ([`PinParts`], [`OtpParts`]) and restored with `from_parts`: a reload never
//! unlocks or resets them.

use chrono::{DateTime, Duration, FixedOffset};
use hmac::{HmacReset, KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::error::{Error, to_u32};
use crate::input;
use crate::json;
use crate::jst;
use crate::secret::SecretDigits;

/// The longest code either accepts.
const MAX_DIGITS: usize = 12;

/// A code's ASCII digits, in their own box (moving a PIN never copies them).
type Digits = SecretDigits<MAX_DIGITS>;

/// What a digest seals. Each purpose has its own label inside the HMAC, so a PIN's
/// digest never verifies a one-time password or a security code with the same digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// A card PIN.
    Pin,
    /// A one-time password.
    Otp,
    /// A MyNaPoint security code.
    SecurityCode,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::Pin => b"saifu/pin",
            Purpose::Otp => b"saifu/otp",
            Purpose::SecurityCode => b"saifu/mynapoint-security-code",
        }
    }
}

/// The integrator's secret key that seals PINs, one-time passwords and security codes
/// for saving: each is kept as an HMAC-SHA-256 of its text under this key, never in
/// clear. At least 16 bytes (32 random bytes recommended), kept outside the saved state
/// (a keystore, a server secret). It is zeroed on drop and never shown by `Debug`.
///
/// The key has an id (the first 8 bytes of an HMAC of a fixed label, in hex), stored
/// with every digest it makes, so restoring saved counters under another key is
/// refused (`credential.key_mismatch`) instead of failing every attempt until a lock.
///
/// ```
/// use saifu::SecretKey;
///
/// let key = SecretKey::new(b"an integrator's 32-byte secret!!")?;
/// assert_eq!(key.id().len(), 16);
/// assert_eq!(format!("{key:?}"), "SecretKey(..)");
/// assert_eq!(SecretKey::new(b"too short").unwrap_err().code(), "credential.invalid_key");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Clone)]
pub struct SecretKey {
    /// HMAC-SHA-256 keyed with the key's bytes (its pads zeroed on drop by `hmac`'s
    /// `zeroize` feature), boxed so that moving the key never copies them; the raw bytes
    /// are not kept.
    mac: Box<HmacReset<Sha256>>,
    id: [u8; 8],
}

impl SecretKey {
    /// The fewest bytes a key may have.
    pub const MIN_BYTES: usize = 16;

    /// The key from its bytes (the caller keeps and wipes its own copy).
    ///
    /// # Errors
    /// `credential.invalid_key` for fewer than 16 bytes.
    pub fn new(bytes: &[u8]) -> Result<SecretKey, Error> {
        let invalid = Error::CredentialInvalidKey {
            min_length: to_u32(Self::MIN_BYTES),
        };
        if bytes.len() < Self::MIN_BYTES {
            return Err(invalid);
        }
        let mac =
            Box::new(<HmacReset<Sha256> as KeyInit>::new_from_slice(bytes).map_err(|_| invalid)?);
        let mut key = SecretKey { mac, id: [0; 8] };
        let full = key.hmac(b"saifu/key-id", &[]);
        for (slot, b) in key.id.iter_mut().zip(full) {
            *slot = b;
        }
        Ok(key)
    }

    /// The key's id, 16 lower-case hex digits: what saved digests record.
    #[must_use]
    pub fn id(&self) -> String {
        hex(&self.id)
    }

    fn hmac(&self, label: &[u8], value: &[u8]) -> [u8; 32] {
        // A boxed copy of the keyed state, finished in its box (the value is in its last
        // block) and wiped there when dropped.
        let mut mac = self.mac.clone();
        mac.update(label);
        mac.update(&[0]);
        mac.update(value);
        let mut out = [0u8; 32];
        for (slot, b) in out.iter_mut().zip(mac.finalize_reset().into_bytes()) {
            *slot = b;
        }
        out
    }

    /// The digest of `value` for `purpose` under this key.
    pub(crate) fn seal(&self, purpose: Purpose, value: &[u8]) -> SecretDigest {
        SecretDigest {
            key_id: self.id,
            mac: self.hmac(purpose.label(), value),
        }
    }

    /// True when `value` is what `digest` sealed for `purpose` (constant time).
    pub(crate) fn opens(&self, digest: &SecretDigest, purpose: Purpose, value: &[u8]) -> bool {
        let mac = self.hmac(purpose.label(), value);
        bool::from(mac.ct_eq(&digest.mac))
    }

    /// `Ok` when `digest` was made under this key.
    ///
    /// # Errors
    /// `credential.key_mismatch` otherwise.
    pub(crate) fn check(&self, digest: &SecretDigest) -> Result<(), Error> {
        if bool::from(self.id.ct_eq(&digest.key_id)) {
            Ok(())
        } else {
            Err(Error::CredentialKeyMismatch)
        }
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

/// A PIN, code or one-time password sealed under a [`SecretKey`]: the key's id and the
/// HMAC-SHA-256 of the text, plain data to save (as [`SecretDigest::to_hex`]). Without
/// the key it reveals nothing; with it, a short code could be found by trying them all,
/// which is why the key stays out of the saved state. Equality is constant-time;
/// `Debug` shows only the key id.
///
/// ```
/// use saifu::{SealedPin, SecretDigest, SecretKey};
///
/// let key = SecretKey::new(&[7u8; 32])?;
/// let parts = SealedPin::new(&key, "1234")?.parts();
/// let text = parts.digest.to_hex();
/// assert_eq!(text.len(), 80);
/// assert_eq!(SecretDigest::from_hex(&text)?, parts.digest);
/// assert!(!format!("{:?}", parts.digest).contains(&text[16..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct SecretDigest {
    key_id: [u8; 8],
    mac: [u8; 32],
}

impl SecretDigest {
    /// 80 lower-case hex digits: the key id (16) then the HMAC (64).
    #[must_use]
    pub fn to_hex(&self) -> String {
        let mut out = hex(&self.key_id);
        out.push_str(&hex(&self.mac));
        out
    }

    /// Reads what [`SecretDigest::to_hex`] wrote.
    ///
    /// # Errors
    /// `credential.invalid_digest` for anything but 80 lower-case hex digits.
    ///
    /// ```
    /// # use saifu::SecretDigest;
    /// assert_eq!(SecretDigest::from_hex("00ff").unwrap_err().code(), "credential.invalid_digest");
    /// ```
    pub fn from_hex(text: &str) -> Result<SecretDigest, Error> {
        let bytes = text.as_bytes();
        if bytes.len() != 80 {
            return Err(Error::CredentialInvalidDigest);
        }
        let mut all = [0u8; 40];
        for (slot, pair) in all.iter_mut().zip(bytes.chunks_exact(2)) {
            let (hi, lo) = match pair {
                [hi, lo] => (nibble(*hi), nibble(*lo)),
                _ => (None, None),
            };
            let (Some(hi), Some(lo)) = (hi, lo) else {
                return Err(Error::CredentialInvalidDigest);
            };
            *slot = (hi << 4) | lo;
        }
        let mut digest = SecretDigest {
            key_id: [0; 8],
            mac: [0; 32],
        };
        let (id, mac) = all.split_at(8);
        for (slot, b) in digest.key_id.iter_mut().zip(id) {
            *slot = *b;
        }
        for (slot, b) in digest.mac.iter_mut().zip(mac) {
            *slot = *b;
        }
        Ok(digest)
    }

    /// The id of the key it was sealed under, 16 lower-case hex digits.
    #[must_use]
    pub fn key_id(&self) -> String {
        hex(&self.key_id)
    }
}

impl PartialEq for SecretDigest {
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.key_id.ct_eq(&other.key_id) & self.mac.ct_eq(&other.mac))
    }
}

impl Eq for SecretDigest {}

impl std::fmt::Debug for SecretDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretDigest {{ key_id: {}, .. }}", self.key_id())
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for b in bytes {
        for nib in [b >> 4, b & 0x0f] {
            out.push(char::from(
                DIGITS.get(usize::from(nib)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c.wrapping_sub(b'0')),
        b'a'..=b'f' => Some(c.wrapping_sub(b'a').wrapping_add(10)),
        _ => None,
    }
}

/// How a PIN's or one-time password's digits are kept: in clear in memory ([`Digits`])
/// or sealed under a key ([`Seal`]): two types rather than one enum, so an in-memory
/// PIN can never be mistaken for a sealed one.
trait Secret: Clone {
    /// The number of digits.
    fn len(&self) -> usize;
    /// True when `typed` is the secret (constant time).
    fn matches(&self, typed: &Digits, purpose: Purpose) -> bool;
}

impl Secret for Digits {
    fn len(&self) -> usize {
        SecretDigits::len(self)
    }

    fn matches(&self, typed: &Digits, _: Purpose) -> bool {
        self.ct_matches(typed)
    }
}

/// Digits sealed under a key: only their digest is kept.
#[derive(Clone)]
struct Seal {
    key: SecretKey,
    digest: SecretDigest,
    digits: u8,
}

impl Seal {
    fn new(key: &SecretKey, digits: &Digits, purpose: Purpose) -> Seal {
        Seal {
            key: key.clone(),
            digest: key.seal(purpose, digits.as_bytes()),
            digits: digits.count(),
        }
    }
}

impl Secret for Seal {
    fn len(&self) -> usize {
        usize::from(self.digits)
    }

    fn matches(&self, typed: &Digits, purpose: Purpose) -> bool {
        self.key.opens(&self.digest, purpose, typed.as_bytes())
    }
}

fn invalid(flow: &str, detail: &str) -> Error {
    Error::StateInvalidFlow {
        flow: flow.to_owned(),
        detail: detail.to_owned(),
    }
}

/// A count read back from saved parts: `0..=max`.
fn count(value: i64, max: u32, flow: &str, what: &str) -> Result<u32, Error> {
    u32::try_from(value)
        .ok()
        .filter(|n| *n <= max)
        .ok_or_else(|| invalid(flow, &format!("{what} {value} is outside 0..={max}")))
}

/// A PIN's rules (DESIGN §8), whatever keeps its digits.
#[derive(Clone)]
struct PinCore<S> {
    secret: S,
    failures: u32,
}

impl<S: Secret> PinCore<S> {
    fn verify(&mut self, input: &str) -> Result<(), Error> {
        if self.is_locked() {
            return Err(Error::PinLocked);
        }
        let typed = Digits::exactly(input, Pin::DIGITS).ok_or(Error::PinInvalidFormat)?;
        if self.secret.matches(&typed, Purpose::Pin) {
            self.failures = 0;
            return Ok(());
        }
        self.failures = self.failures.saturating_add(1);
        if self.is_locked() {
            Err(Error::PinLocked)
        } else {
            Err(Error::PinMismatch {
                remaining: self.remaining(),
            })
        }
    }

    fn is_locked(&self) -> bool {
        self.failures >= Pin::MAX_FAILURES
    }

    fn remaining(&self) -> u32 {
        Pin::MAX_FAILURES.saturating_sub(self.failures)
    }

    fn fmt(&self, name: &str, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct(name)
            .field("failures", &self.failures)
            .field("locked", &self.is_locked())
            .finish()
    }
}

/// A one-time password's rules (DESIGN §8), whatever keeps its digits.
#[derive(Clone)]
struct OtpCore<S> {
    secret: S,
    issued_at: DateTime<FixedOffset>,
    expires_at: DateTime<FixedOffset>,
    max_attempts: u32,
    failures: u32,
    used: bool,
}

impl OtpCore<Digits> {
    /// The digits and expiry of a new code: 4 to 12 digits, a positive validity, at
    /// least one attempt.
    fn read(
        code: &str,
        issued_at: DateTime<FixedOffset>,
        valid_for: Duration,
        max_attempts: u32,
    ) -> Result<OtpCore<Digits>, Error> {
        let len = input::trim(code)
            .0
            .chars()
            .take(MAX_DIGITS.saturating_add(1))
            .count();
        if !(4..=MAX_DIGITS).contains(&len) || valid_for <= Duration::zero() || max_attempts == 0 {
            return Err(Error::OtpInvalidFormat);
        }
        let secret = Digits::exactly(code, len).ok_or(Error::OtpInvalidFormat)?;
        jst::check_instant(&issued_at)?;
        let expires_at = issued_at
            .checked_add_signed(valid_for)
            .filter(jst::instant_in_range)
            .ok_or(Error::OtpInvalidFormat)?;
        Ok(OtpCore {
            secret,
            issued_at,
            expires_at,
            max_attempts,
            failures: 0,
            used: false,
        })
    }
}

impl<S: Secret> OtpCore<S> {
    fn verify(&mut self, input: &str, at: DateTime<FixedOffset>) -> Result<(), Error> {
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
        let typed = Digits::exactly(input, self.secret.len()).ok_or(Error::OtpInvalidFormat)?;
        if self.secret.matches(&typed, Purpose::Otp) {
            self.used = true;
            return Ok(());
        }
        self.failures = self.failures.saturating_add(1);
        if self.is_locked() {
            Err(Error::OtpLocked)
        } else {
            Err(Error::OtpMismatch {
                remaining: self.remaining(),
            })
        }
    }

    fn is_locked(&self) -> bool {
        self.failures >= self.max_attempts
    }

    fn remaining(&self) -> u32 {
        self.max_attempts.saturating_sub(self.failures)
    }

    fn fmt(&self, name: &str, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct(name)
            .field("expires_at", &self.expires_at)
            .field("failures", &self.failures)
            .field("used", &self.used)
            .finish()
    }
}

/// A card PIN (暗証番号): 4 digits; 3 consecutive failures lock it, a success resets the
/// count. Kept in memory only (zeroed on drop); [`SealedPin`] is the one that saves.
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
pub struct Pin(PinCore<Digits>);

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
        Ok(Pin(PinCore {
            secret: Digits::exactly(pin, Self::DIGITS).ok_or(Error::PinInvalidFormat)?,
            failures: 0,
        }))
    }

    /// Checks what was typed.
    ///
    /// # Errors
    /// In order: `pin.locked`; `pin.invalid_format` (not 4 digits; not counted);
    /// `pin.mismatch` with the attempts `remaining` (the failure that reaches the limit
    /// already answers `pin.locked`).
    pub fn verify(&mut self, input: &str) -> Result<(), Error> {
        self.0.verify(input)
    }

    /// True once 3 consecutive failures have locked it.
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.0.is_locked()
    }

    /// Consecutive failures so far.
    #[must_use]
    pub fn failures(&self) -> u32 {
        self.0.failures
    }

    /// Attempts left before it locks.
    #[must_use]
    pub fn remaining(&self) -> u32 {
        self.0.remaining()
    }
}

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt("Pin", f)
    }
}

/// A card PIN kept only as its digest under the integrator's [`SecretKey`], so its
/// failures and lock can be saved ([`SealedPin::parts`]) and restored
/// ([`SealedPin::from_parts`]) without ever unlocking. The rules are [`Pin`]'s.
///
/// ```
/// use saifu::{SealedPin, SecretKey};
///
/// let key = SecretKey::new(&[9u8; 32])?;
/// let mut pin = SealedPin::new(&key, "1234")?;
/// let _ = pin.verify("0000");
/// let _ = pin.verify("0000");
/// let mut again = SealedPin::from_parts(&key, pin.parts())?;
/// assert_eq!(again.verify("0000").unwrap_err().code(), "pin.locked"); // the third
/// assert_eq!(format!("{again:?}"), "SealedPin { failures: 3, locked: true }");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Clone)]
pub struct SealedPin(PinCore<Seal>);

impl SealedPin {
    /// Sets up a PIN kept only as its digest under `key`.
    ///
    /// # Errors
    /// `pin.invalid_format` unless 4 digits.
    ///
    /// ```
    /// use saifu::{SealedPin, SecretKey};
    ///
    /// let key = SecretKey::new(&[9u8; 32])?;
    /// let mut pin = SealedPin::new(&key, "０４２０")?;
    /// assert!(pin.verify("0420").is_ok());
    /// assert_eq!(SealedPin::new(&key, "042").unwrap_err().code(), "pin.invalid_format");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn new(key: &SecretKey, pin: &str) -> Result<SealedPin, Error> {
        let digits = Digits::exactly(pin, Pin::DIGITS).ok_or(Error::PinInvalidFormat)?;
        Ok(SealedPin(PinCore {
            secret: Seal::new(key, &digits, Purpose::Pin),
            failures: 0,
        }))
    }

    /// Restores a sealed PIN from its saved parts, with the key that sealed it.
    ///
    /// # Errors
    /// `credential.key_mismatch` when `key` did not seal it; `state.invalid_flow` for
    /// failures outside 0–3.
    ///
    /// ```
    /// use saifu::{PinParts, SealedPin, SecretKey};
    ///
    /// let key = SecretKey::new(&[9u8; 32])?;
    /// let parts = SealedPin::new(&key, "1234")?.parts();
    /// let other = SecretKey::new(&[8u8; 32])?;
    /// assert_eq!(SealedPin::from_parts(&other, parts.clone()).unwrap_err().code(), "credential.key_mismatch");
    /// let tampered = PinParts { failures: 7, ..parts };
    /// assert_eq!(SealedPin::from_parts(&key, tampered).unwrap_err().code(), "state.invalid_flow");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn from_parts(key: &SecretKey, parts: PinParts) -> Result<SealedPin, Error> {
        key.check(&parts.digest)?;
        let failures = count(parts.failures, Pin::MAX_FAILURES, "pin", "failures")?;
        let digits = u8::try_from(Pin::DIGITS).unwrap_or(4);
        Ok(SealedPin(PinCore {
            secret: Seal {
                key: key.clone(),
                digest: parts.digest,
                digits,
            },
            failures,
        }))
    }

    /// What to save: the digest and the failures.
    #[must_use]
    pub fn parts(&self) -> PinParts {
        PinParts {
            digest: self.0.secret.digest,
            failures: i64::from(self.0.failures),
        }
    }

    /// As [`Pin::verify`].
    ///
    /// # Errors
    /// In order: `pin.locked`; `pin.invalid_format` (not counted); `pin.mismatch` with
    /// `remaining` (the failure that reaches the limit already answers `pin.locked`).
    pub fn verify(&mut self, input: &str) -> Result<(), Error> {
        self.0.verify(input)
    }

    /// True once 3 consecutive failures have locked it.
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.0.is_locked()
    }

    /// Consecutive failures so far.
    #[must_use]
    pub fn failures(&self) -> u32 {
        self.0.failures
    }

    /// Attempts left before it locks.
    #[must_use]
    pub fn remaining(&self) -> u32 {
        self.0.remaining()
    }
}

impl std::fmt::Debug for SealedPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt("SealedPin", f)
    }
}

/// What a [`SealedPin`] saves: its digest and its consecutive failures. Plain data.
///
/// ```
/// use saifu::{PinParts, SealedPin, SecretKey};
///
/// let key = SecretKey::new(&[1u8; 16])?;
/// let mut pin = SealedPin::new(&key, "1234")?;
/// let _ = pin.verify("0000");
/// let parts: PinParts = pin.parts();
/// assert_eq!(parts.failures, 1);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinParts {
    /// The PIN sealed under the integrator's key.
    pub digest: SecretDigest,
    /// Consecutive failures, 0–3 (3 is locked).
    pub failures: i64,
}

/// A limit of wrong attempts for [`OneTimePassword::new`] as a binding's integer type
/// holds it (Kotlin `Long`, Swift `Int64`, Python `int`): 0 to 4,294,967,295 here;
/// whether that limit is usable (not 0) is [`OneTimePassword::new`]'s to say.
///
/// # Errors
/// `otp.invalid_format` for a negative number or one beyond 4,294,967,295, as for a
/// limit of 0.
///
/// # Example
/// ```
/// use saifu::otp_attempts_from_i64;
/// assert_eq!(otp_attempts_from_i64(3)?, 3);
/// assert_eq!(otp_attempts_from_i64(-1).unwrap_err().code(), "otp.invalid_format");
/// assert_eq!(otp_attempts_from_i64(1 << 32).unwrap_err().code(), "otp.invalid_format");
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn otp_attempts_from_i64(n: i64) -> Result<u32, Error> {
    u32::try_from(n).map_err(|_| Error::OtpInvalidFormat)
}

/// A one-time password sent by e-mail (4 digits) or SMS (6 digits): valid for
/// `[issued_at, issued_at + valid_for)`, accepted once, locked after `max_attempts`
/// failures. Compared as text, so leading zeros count. Kept in memory only;
/// [`SealedOtp`] is the one that saves.
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
pub struct OneTimePassword(OtpCore<Digits>);

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
        OtpCore::read(code, issued_at, valid_for, max_attempts).map(OneTimePassword)
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
        self.0.verify(input, at)
    }

    /// True once the attempt limit is reached.
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.0.is_locked()
    }

    /// True once the code was accepted.
    #[must_use]
    pub fn is_used(&self) -> bool {
        self.0.used
    }

    /// Failed attempts so far.
    #[must_use]
    pub fn failures(&self) -> u32 {
        self.0.failures
    }

    /// Attempts left before it locks.
    #[must_use]
    pub fn remaining(&self) -> u32 {
        self.0.remaining()
    }

    /// The number of digits the code has (what an input field should accept).
    #[must_use]
    pub fn digits(&self) -> usize {
        self.0.secret.len()
    }

    /// The first instant the code no longer works.
    #[must_use]
    pub fn expires_at(&self) -> DateTime<FixedOffset> {
        self.0.expires_at
    }
}

impl std::fmt::Debug for OneTimePassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt("OneTimePassword", f)
    }
}

/// A one-time password kept only as its digest under the integrator's [`SecretKey`], so
/// its attempts, use and lock can be saved ([`SealedOtp::parts`]) and restored
/// ([`SealedOtp::from_parts`]). The rules are [`OneTimePassword`]'s.
///
/// ```
/// use chrono::{DateTime, Duration};
/// use saifu::{SealedOtp, SecretKey};
///
/// let key = SecretKey::new(&[3u8; 32])?;
/// let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
/// let mut otp = SealedOtp::new(&key, "4821", at, Duration::minutes(10), 2)?;
/// assert_eq!(otp.verify("4822", at).unwrap_err().code(), "otp.mismatch");
/// let mut again = SealedOtp::from_parts(&key, otp.parts())?;
/// assert_eq!(again.verify("4822", at).unwrap_err().code(), "otp.locked");
/// assert!(!format!("{again:?}").contains("4821"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct SealedOtp(OtpCore<Seal>);

impl SealedOtp {
    /// Sets up a code kept only as its digest under `key`.
    ///
    /// # Errors
    /// As [`OneTimePassword::new`]; `time.invalid` for an issue or expiry instant outside
    /// the years 0001–9999.
    ///
    /// ```
    /// use chrono::{DateTime, Duration};
    /// use saifu::{SealedOtp, SecretKey};
    ///
    /// let key = SecretKey::new(&[3u8; 32])?;
    /// let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// assert_eq!(SealedOtp::new(&key, "12", at, Duration::minutes(10), 3).unwrap_err().code(), "otp.invalid_format");
    /// let mut otp = SealedOtp::new(&key, "048213", at, Duration::minutes(10), 3)?;
    /// assert!(otp.verify("０４８２１３", at).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        key: &SecretKey,
        code: &str,
        issued_at: DateTime<FixedOffset>,
        valid_for: Duration,
        max_attempts: u32,
    ) -> Result<SealedOtp, Error> {
        let clear = OtpCore::read(code, issued_at, valid_for, max_attempts)?;
        jst::check_instant(&clear.issued_at)?;
        jst::check_instant(&clear.expires_at)?;
        Ok(SealedOtp(OtpCore {
            secret: Seal::new(key, &clear.secret, Purpose::Otp),
            issued_at: clear.issued_at,
            expires_at: clear.expires_at,
            max_attempts: clear.max_attempts,
            failures: 0,
            used: false,
        }))
    }

    /// Restores a sealed code from its saved parts, with the key that sealed it.
    ///
    /// # Errors
    /// `credential.key_mismatch` when `key` did not seal it; `time.invalid` for an
    /// instant outside the years 0001–9999; `state.invalid_flow` for digits outside
    /// 4–12, a limit below 1, failures outside `0..=max_attempts` or an expiry not after
    /// the issue.
    ///
    /// ```
    /// use chrono::{DateTime, Duration};
    /// use saifu::{OtpParts, SealedOtp, SecretKey};
    ///
    /// let key = SecretKey::new(&[3u8; 32])?;
    /// let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let parts = SealedOtp::new(&key, "4821", at, Duration::minutes(10), 3)?.parts();
    /// let tampered = OtpParts { failures: 9, ..parts };
    /// assert_eq!(SealedOtp::from_parts(&key, tampered).unwrap_err().code(), "state.invalid_flow");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_parts(key: &SecretKey, parts: OtpParts) -> Result<SealedOtp, Error> {
        key.check(&parts.digest)?;
        jst::check_instant(&parts.issued_at)?;
        jst::check_instant(&parts.expires_at)?;
        let digits = u8::try_from(parts.digits)
            .ok()
            .filter(|d| (4..=MAX_DIGITS).contains(&usize::from(*d)))
            .ok_or_else(|| invalid("otp", "digits outside 4..=12"))?;
        let max_attempts = u32::try_from(parts.max_attempts)
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| invalid("otp", "max_attempts below 1"))?;
        let failures = count(parts.failures, max_attempts, "otp", "failures")?;
        if parts.expires_at <= parts.issued_at {
            return Err(invalid("otp", "expires_at is not after issued_at"));
        }
        Ok(SealedOtp(OtpCore {
            secret: Seal {
                key: key.clone(),
                digest: parts.digest,
                digits,
            },
            issued_at: parts.issued_at,
            expires_at: parts.expires_at,
            max_attempts,
            failures,
            used: parts.used,
        }))
    }

    /// What to save: digest, validity and counters.
    #[must_use]
    pub fn parts(&self) -> OtpParts {
        let c = &self.0;
        OtpParts {
            digest: c.secret.digest,
            digits: i64::from(c.secret.digits),
            issued_at: c.issued_at,
            expires_at: c.expires_at,
            max_attempts: i64::from(c.max_attempts),
            failures: i64::from(c.failures),
            used: c.used,
        }
    }

    /// As [`OneTimePassword::verify`].
    ///
    /// # Errors
    /// In order: `time.invalid`; `otp.used`; `otp.locked`; `otp.expired`;
    /// `otp.invalid_format` (not counted); `otp.mismatch` with `remaining` (the failure
    /// that reaches the limit already answers `otp.locked`).
    pub fn verify(&mut self, input: &str, at: DateTime<FixedOffset>) -> Result<(), Error> {
        self.0.verify(input, at)
    }

    /// True once the attempt limit is reached.
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.0.is_locked()
    }

    /// True once the code was accepted.
    #[must_use]
    pub fn is_used(&self) -> bool {
        self.0.used
    }

    /// Failed attempts so far.
    #[must_use]
    pub fn failures(&self) -> u32 {
        self.0.failures
    }

    /// Attempts left before it locks.
    #[must_use]
    pub fn remaining(&self) -> u32 {
        self.0.remaining()
    }

    /// The number of digits the code has.
    #[must_use]
    pub fn digits(&self) -> usize {
        self.0.secret.len()
    }

    /// When the code was issued: the start of its validity.
    #[must_use]
    pub fn issued_at(&self) -> DateTime<FixedOffset> {
        self.0.issued_at
    }

    /// The first instant the code no longer works.
    #[must_use]
    pub fn expires_at(&self) -> DateTime<FixedOffset> {
        self.0.expires_at
    }
}

impl std::fmt::Debug for SealedOtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt("SealedOtp", f)
    }
}

/// What a [`SealedOtp`] saves: its digest, validity and counters. Plain data.
///
/// ```
/// use chrono::{DateTime, Duration};
/// use saifu::{SealedOtp, SecretKey};
///
/// let key = SecretKey::new(&[1u8; 16])?;
/// let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
/// let parts = SealedOtp::new(&key, "123456", at, Duration::minutes(10), 3)?.parts();
/// assert_eq!((parts.digits, parts.failures, parts.used), (6, 0, false));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpParts {
    /// The code sealed under the integrator's key.
    pub digest: SecretDigest,
    /// The number of digits, 4–12.
    pub digits: i64,
    /// When it was issued: the start of its validity.
    pub issued_at: DateTime<FixedOffset>,
    /// The first instant it no longer works.
    pub expires_at: DateTime<FixedOffset>,
    /// Failures that lock it, at least 1.
    pub max_attempts: i64,
    /// Failures so far, `0..=max_attempts`.
    pub failures: i64,
    /// True once it was accepted.
    pub used: bool,
}

/// A digest in a saved document: the hex text [`SecretDigest::to_hex`] writes.
impl json::Write for SecretDigest {
    fn write(&self, w: &mut json::Writer) {
        w.str(&self.to_hex());
    }
}

impl json::Read for SecretDigest {
    fn read(r: &mut json::Reader<'_>) -> json::Result<Self> {
        SecretDigest::from_hex(&r.string()?).map_err(|_| r.fail("invalid digest"))
    }
}

json::record!(PinParts { digest, failures });
json::record!(OtpParts {
    digest,
    digits,
    issued_at,
    expires_at,
    max_attempts,
    failures,
    used
});

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
    fn digests_are_bound_to_their_purpose_and_key() {
        let key = SecretKey::new(&[7u8; 32]).unwrap();
        let pin = key.seal(Purpose::Pin, b"1234");
        assert!(key.opens(&pin, Purpose::Pin, b"1234"));
        assert!(!key.opens(&pin, Purpose::Otp, b"1234"));
        assert!(!key.opens(&pin, Purpose::SecurityCode, b"1234"));
        assert!(!key.opens(&pin, Purpose::Pin, b"1235"));
        let other = SecretKey::new(&[8u8; 32]).unwrap();
        assert!(!other.opens(&pin, Purpose::Pin, b"1234"));
        assert_eq!(other.check(&pin), Err(Error::CredentialKeyMismatch));
        assert_eq!(key.check(&pin), Ok(()));
        assert_ne!(key.id(), other.id());
        assert_eq!(SecretKey::new(&[7u8; 32]).unwrap().id(), key.id());
        assert_eq!(SecretDigest::from_hex(&pin.to_hex()), Ok(pin));
        assert_eq!(pin.key_id(), key.id());
    }

    #[test]
    fn hmac_sha256_is_the_standard_one() {
        // RFC 4231 test case 2 ("Jefe"): the primitive the digests are made with.
        let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac.finalize().into_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn sealed_and_clear_pins_answer_alike() {
        let key = SecretKey::new(&[7u8; 16]).unwrap();
        let mut clear = Pin::new("0420").unwrap();
        let mut sealed = SealedPin::new(&key, "0420").unwrap();
        for typed in [
            "0421", "0420", "042", "0000", "0000", "0420", "0000", "0000", "0000", "0420",
        ] {
            assert_eq!(clear.verify(typed), sealed.verify(typed), "{typed}");
        }
        assert_eq!(sealed.parts().failures, 3);
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
