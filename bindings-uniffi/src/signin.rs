//! Sign-in as a state machine (seed 003 ログイン; seed 002's self-care login is the same
//! without the puzzle; DESIGN §8), as one object holding the core's `SignIn`.
//!
//! The caller reports the puzzle's and the server's answers; the e-mail one-time
//! password is kept only as its HMAC-SHA-256 under the integrator's key, so the whole
//! flow is plain data ([`SignInParts`]) that the app saves with the user's state and
//! loads back with [`SignIn::from_parts`], checked by the core: reloading never unlocks
//! or resets a counter. `toString` / `description` / `repr` show the state and counters,
//! never a code or the key.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use zeroize::Zeroizing;

use crate::credential::{OtpParts, secret_key};
use crate::error::SaifuError;
use crate::time::{instant, timestamp};

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Where a sign-in stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SignInState {
    /// ログインID: waiting for the login ID (the start, and after a cancel or sign-out).
    AwaitingLoginId,
    /// パズル認証: waiting for the puzzle to be passed.
    AwaitingPuzzle,
    /// パスワード: waiting for the server's answer on the password.
    AwaitingPassword,
    /// ワンタイムパスワード: the code was sent by e-mail; waiting for it.
    AwaitingOtp,
    /// Signed in.
    SignedIn,
    /// The one-time password locked: this attempt has ended; a new one starts from the
    /// login ID.
    Locked,
}

impl From<saifu::SignInState> for SignInState {
    fn from(s: saifu::SignInState) -> Self {
        match s {
            saifu::SignInState::AwaitingLoginId => SignInState::AwaitingLoginId,
            saifu::SignInState::AwaitingPuzzle => SignInState::AwaitingPuzzle,
            saifu::SignInState::AwaitingPassword => SignInState::AwaitingPassword,
            saifu::SignInState::AwaitingOtp => SignInState::AwaitingOtp,
            saifu::SignInState::SignedIn => SignInState::SignedIn,
            saifu::SignInState::Locked => SignInState::Locked,
        }
    }
}

impl From<SignInState> for saifu::SignInState {
    fn from(s: SignInState) -> Self {
        match s {
            SignInState::AwaitingLoginId => saifu::SignInState::AwaitingLoginId,
            SignInState::AwaitingPuzzle => saifu::SignInState::AwaitingPuzzle,
            SignInState::AwaitingPassword => saifu::SignInState::AwaitingPassword,
            SignInState::AwaitingOtp => saifu::SignInState::AwaitingOtp,
            SignInState::SignedIn => saifu::SignInState::SignedIn,
            SignInState::Locked => saifu::SignInState::Locked,
        }
    }
}

#[uniffi::export]
impl SignInState {
    /// The state's stable id: `awaiting_login_id`, `awaiting_puzzle`, `awaiting_password`,
    /// `awaiting_otp`, `signed_in`, `locked`.
    pub fn id(&self) -> String {
        saifu::SignInState::from(*self).id().to_owned()
    }
}

pub use saifu::SignInConfig;

/// The integrator's sign-in settings; the defaults are seed 003's.
#[uniffi::remote(Record)]
pub struct SignInConfig {
    /// Whether a puzzle (パズル認証) comes between the login ID and the password (false:
    /// seed 002's self-care login).
    #[uniffi(default = true)]
    pub puzzle: bool,
    /// Digits of the e-mail one-time password, 4–12.
    #[uniffi(default = 4)]
    pub otp_digits: i64,
    /// Minutes the one-time password is valid, 1–1440.
    #[uniffi(default = 10)]
    pub otp_valid_minutes: i64,
    /// Wrong one-time passwords that lock it and end the attempt, 1–100.
    #[uniffi(default = 3)]
    pub otp_max_attempts: i64,
}

/// What a `SignIn` saves: plain data, the one-time password only as its digest.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct SignInParts {
    /// Where the sign-in stands.
    pub state: SignInState,
    /// The login ID, from `awaiting_puzzle` to `signed_in`; null otherwise.
    pub login_id: Option<String>,
    /// ログイン状態を保存: true only in `awaiting_otp` and `signed_in`.
    pub stay_signed_in: bool,
    /// The awaited one-time password, in `awaiting_otp` only.
    pub otp: Option<OtpParts>,
}

impl From<saifu::SignInParts> for SignInParts {
    fn from(p: saifu::SignInParts) -> Self {
        SignInParts {
            state: p.state.into(),
            login_id: p.login_id,
            stay_signed_in: p.stay_signed_in,
            otp: p.otp.map(Into::into),
        }
    }
}

impl SignInParts {
    fn into_core(self) -> Result<saifu::SignInParts, saifu::Error> {
        Ok(saifu::SignInParts {
            state: self.state.into(),
            login_id: self.login_id,
            stay_signed_in: self.stay_signed_in,
            otp: self.otp.map(OtpParts::into_core).transpose()?,
        })
    }
}

/// A sign-in (seed 003 ログイン, seed 002 セルフケアログイン): login ID → the puzzle
/// passed → the password accepted by the server (which e-mails a one-time password) →
/// the one-time password → signed in. Every step returns the new state; a refused step
/// changes nothing (a wrong one-time password counts as an attempt).
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct SignIn {
    inner: Mutex<saifu::SignIn>,
}

impl fmt::Debug for SignIn {
    /// The core's: the state, the login ID and the code's counters; never a code or the
    /// key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*lock(&self.inner), f)
    }
}

impl SignIn {
    pub(crate) fn wrap(flow: saifu::SignIn) -> Arc<Self> {
        Arc::new(SignIn {
            inner: Mutex::new(flow),
        })
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, saifu::SignIn> {
        lock(&self.inner)
    }
}

#[uniffi::export]
impl SignIn {
    /// A new sign-in, waiting for the login ID. `key` is the integrator's secret (16
    /// bytes or more) that seals the one-time password; its bytes are wiped once read.
    ///
    /// # Errors
    /// `credential.invalid_key`; `signin.invalid_config` naming a setting out of range.
    #[uniffi::constructor]
    pub fn new(key: Vec<u8>, config: SignInConfig) -> Result<Arc<Self>, SaifuError> {
        let key = secret_key(key)?;
        Ok(SignIn::wrap(saifu::SignIn::new(&key, config)?))
    }

    /// Loads a sign-in from its saved parts, with the key that sealed its code. Nothing
    /// is reset: a restored code has the attempts and use it had.
    ///
    /// # Errors
    /// `credential.invalid_key`; `signin.invalid_config`; `credential.invalid_digest`;
    /// `credential.key_mismatch` (another key sealed the code); `time.invalid`;
    /// `state.invalid_flow` (with `flow` and `detail`) for parts that do not fit
    /// together.
    #[uniffi::constructor]
    pub fn from_parts(
        key: Vec<u8>,
        config: SignInConfig,
        parts: SignInParts,
    ) -> Result<Arc<Self>, SaifuError> {
        let key = secret_key(key)?;
        let flow = saifu::SignIn::from_parts(&key, config, parts.into_core()?)?;
        Ok(SignIn::wrap(flow))
    }

    /// What to save: plain data, the one-time password as its digest only.
    pub fn parts(&self) -> SignInParts {
        lock(&self.inner).parts().into()
    }

    /// Where the sign-in stands.
    pub fn state(&self) -> SignInState {
        lock(&self.inner).state().into()
    }

    /// The login ID entered, from the puzzle step until sign-out.
    pub fn login_id(&self) -> Option<String> {
        lock(&self.inner).login_id().map(str::to_owned)
    }

    /// ログイン状態を保存: whether the app should keep the session across launches.
    pub fn stay_signed_in(&self) -> bool {
        lock(&self.inner).stay_signed_in()
    }

    /// While a one-time password is awaited: the first instant it no longer works.
    pub fn otp_expires_at(&self) -> Option<SystemTime> {
        lock(&self.inner).otp_expires_at().map(timestamp)
    }

    /// While a one-time password is awaited: wrong attempts left before the lock.
    pub fn otp_remaining(&self) -> Option<i64> {
        lock(&self.inner).otp_remaining().map(i64::from)
    }

    /// The login ID was entered (次へ): on to the puzzle, or to the password without one.
    /// Also starts a new attempt after a lock.
    ///
    /// # Errors
    /// `signin.illegal_transition` (with `state`); `account.invalid_login_id`.
    pub fn enter_login_id(&self, login_id: String) -> Result<SignInState, SaifuError> {
        Ok(lock(&self.inner).enter_login_id(&login_id)?.into())
    }

    /// The puzzle reported it was passed: on to the password.
    ///
    /// # Errors
    /// `signin.illegal_transition`; `signin.locked`.
    pub fn puzzle_passed(&self) -> Result<SignInState, SaifuError> {
        Ok(lock(&self.inner).puzzle_passed()?.into())
    }

    /// The server refused the password: back to the puzzle, which shares its screen
    /// (without a puzzle, the password is awaited again).
    ///
    /// # Errors
    /// `signin.illegal_transition`; `signin.locked`.
    pub fn password_rejected(&self) -> Result<SignInState, SaifuError> {
        Ok(lock(&self.inner).password_rejected()?.into())
    }

    /// The server accepted the password and e-mailed the one-time password `otp` at
    /// `sentAt`; `staySignedIn` is the ログイン状態を保存 box. The code is kept only as
    /// its digest and wiped from Rust memory here.
    ///
    /// # Errors
    /// `signin.illegal_transition`; `signin.locked`; `otp.invalid_format` unless `otp`
    /// has the configured number of digits; `time.invalid`.
    pub fn password_accepted(
        &self,
        stay_signed_in: bool,
        otp: String,
        sent_at: SystemTime,
    ) -> Result<SignInState, SaifuError> {
        let otp = Zeroizing::new(otp);
        let sent_at = instant(sent_at)?;
        Ok(lock(&self.inner)
            .password_accepted(stay_signed_in, &otp, sent_at)?
            .into())
    }

    /// The server sent a new one-time password: it replaces the previous one, with
    /// fresh attempts.
    ///
    /// # Errors
    /// `signin.illegal_transition`; `signin.locked`; `otp.invalid_format`;
    /// `time.invalid`.
    pub fn otp_resent(&self, otp: String, sent_at: SystemTime) -> Result<SignInState, SaifuError> {
        let otp = Zeroizing::new(otp);
        let sent_at = instant(sent_at)?;
        Ok(lock(&self.inner).otp_resent(&otp, sent_at)?.into())
    }

    /// The one-time password typed at `at` (ログイン): signed in when it matches.
    ///
    /// # Errors
    /// `signin.illegal_transition`; `signin.locked`; `otp.expired`,
    /// `otp.invalid_format` (not counted), `otp.mismatch` with `remaining`; the failure
    /// that reaches the limit answers `signin.locked` and ends the attempt;
    /// `time.invalid`.
    pub fn enter_otp(&self, otp: String, at: SystemTime) -> Result<SignInState, SaifuError> {
        let otp = Zeroizing::new(otp);
        let at = instant(at)?;
        Ok(lock(&self.inner).enter_otp(&otp, at)?.into())
    }

    /// Gives up this attempt (or acknowledges a lock): back to the login ID.
    ///
    /// # Errors
    /// `signin.illegal_transition` when waiting for the login ID or signed in.
    pub fn cancel(&self) -> Result<SignInState, SaifuError> {
        Ok(lock(&self.inner).cancel()?.into())
    }

    /// Signs out: back to the login ID.
    ///
    /// # Errors
    /// `signin.illegal_transition` unless signed in; `signin.locked`.
    pub fn sign_out(&self) -> Result<SignInState, SaifuError> {
        Ok(lock(&self.inner).sign_out()?.into())
    }
}
