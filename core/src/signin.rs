//! Sign-in as a state machine (seed 003 ログイン; seed 002's self-care login is the same
//! without the puzzle; DESIGN §8).
//!
//! Login ID → the puzzle passed (the puzzle's answer, reported by the caller) → the
//! password accepted (the server's answer, reported by the caller: the core never sees a
//! password or its hash), with "stay signed in" (ログイン状態を保存) → the e-mail one-time
//! password → signed in. A wrong step is `signin.illegal_transition` and changes
//! nothing; the one-time password's lock ends the attempt (`signin.locked`), and a new
//! attempt starts from the login ID.
//!
//! The one-time password is kept only as its digest under the integrator's
//! [`SecretKey`], so the whole flow is plain data ([`SignInParts`]) that survives a
//! restart: reloading never unlocks or resets it.

use chrono::{DateTime, Duration, FixedOffset};

use crate::account::LoginId;
use crate::credential::{OtpParts, SealedOtp, SecretKey};
use crate::error::Error;
use crate::json;
use crate::jst::check_instant;

/// Where a sign-in stands.
///
/// ```
/// use saifu::SignInState;
/// assert_eq!(SignInState::AwaitingOtp.id(), "awaiting_otp");
/// assert_eq!(SignInState::from_id("signed_in"), Some(SignInState::SignedIn));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

impl SignInState {
    /// Every state.
    pub const ALL: [SignInState; 6] = [
        SignInState::AwaitingLoginId,
        SignInState::AwaitingPuzzle,
        SignInState::AwaitingPassword,
        SignInState::AwaitingOtp,
        SignInState::SignedIn,
        SignInState::Locked,
    ];

    /// `awaiting_login_id`, `awaiting_puzzle`, `awaiting_password`, `awaiting_otp`,
    /// `signed_in`, `locked`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            SignInState::AwaitingLoginId => "awaiting_login_id",
            SignInState::AwaitingPuzzle => "awaiting_puzzle",
            SignInState::AwaitingPassword => "awaiting_password",
            SignInState::AwaitingOtp => "awaiting_otp",
            SignInState::SignedIn => "signed_in",
            SignInState::Locked => "locked",
        }
    }

    /// The state of an id returned by [`SignInState::id`].
    #[must_use]
    pub fn from_id(id: &str) -> Option<SignInState> {
        SignInState::ALL.into_iter().find(|s| s.id() == id)
    }

    /// True in the states that hold a login ID.
    const fn has_login_id(self) -> bool {
        matches!(
            self,
            SignInState::AwaitingPuzzle
                | SignInState::AwaitingPassword
                | SignInState::AwaitingOtp
                | SignInState::SignedIn
        )
    }
}

/// The integrator's sign-in settings.
///
/// ```
/// use saifu::SignInConfig;
///
/// let seed003 = SignInConfig::default();
/// assert!(seed003.puzzle);
/// assert_eq!((seed003.otp_digits, seed003.otp_valid_minutes, seed003.otp_max_attempts), (4, 10, 3));
/// assert!(!SignInConfig::without_puzzle().puzzle); // seed 002's self-care login
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInConfig {
    /// Whether a puzzle (パズル認証) comes between the login ID and the password.
    pub puzzle: bool,
    /// Digits of the e-mail one-time password, 4–12 (seed 003: 4).
    pub otp_digits: i64,
    /// Minutes the one-time password is valid, 1–1440 (DESIGN §8: 10).
    pub otp_valid_minutes: i64,
    /// Wrong one-time passwords that lock it and end the attempt, 1–100.
    pub otp_max_attempts: i64,
}

impl Default for SignInConfig {
    /// Seed 003: a puzzle, a 4-digit code valid 10 minutes, locked after 3 failures.
    fn default() -> Self {
        SignInConfig {
            puzzle: true,
            otp_digits: 4,
            otp_valid_minutes: 10,
            otp_max_attempts: 3,
        }
    }
}

impl SignInConfig {
    /// Seed 002's self-care login: as the default, without the puzzle.
    #[must_use]
    pub fn without_puzzle() -> SignInConfig {
        SignInConfig {
            puzzle: false,
            ..SignInConfig::default()
        }
    }

    /// The settings as the flow uses them.
    fn check(&self) -> Result<Settings, Error> {
        let field = |name: &str| Error::SignInInvalidConfig {
            field: name.to_owned(),
        };
        let digits = usize::try_from(self.otp_digits)
            .ok()
            .filter(|d| (4..=12).contains(d))
            .ok_or_else(|| field("otp_digits"))?;
        if !(1..=1440).contains(&self.otp_valid_minutes) {
            return Err(field("otp_valid_minutes"));
        }
        let attempts = u32::try_from(self.otp_max_attempts)
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| field("otp_max_attempts"))?;
        Ok(Settings {
            puzzle: self.puzzle,
            digits,
            valid_for: Duration::minutes(self.otp_valid_minutes),
            attempts,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Settings {
    puzzle: bool,
    digits: usize,
    valid_for: Duration,
    attempts: u32,
}

/// What a [`SignIn`] saves: plain data, with the one-time password only as its digest.
/// Restore it with [`SignIn::from_parts`].
///
/// ```
/// use saifu::{SecretKey, SignIn, SignInConfig, SignInState};
///
/// let key = SecretKey::new(&[5u8; 32])?;
/// let mut flow = SignIn::new(&key, SignInConfig::default())?;
/// flow.enter_login_id("hanako_2024")?;
/// let parts = flow.parts();
/// assert_eq!(parts.state, SignInState::AwaitingPuzzle);
/// assert_eq!(parts.login_id.as_deref(), Some("hanako_2024"));
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInParts {
    /// Where the sign-in stands.
    pub state: SignInState,
    /// The login ID, in `awaiting_puzzle`, `awaiting_password`, `awaiting_otp` and
    /// `signed_in` only.
    pub login_id: Option<String>,
    /// ログイン状態を保存: true only in `awaiting_otp` and `signed_in`.
    pub stay_signed_in: bool,
    /// The one-time password, in `awaiting_otp` only (neither used nor locked there).
    pub otp: Option<OtpParts>,
}

json::unit_enum!(SignInState [AwaitingLoginId, AwaitingPuzzle, AwaitingPassword, AwaitingOtp, SignedIn, Locked]);
json::record!(SignInParts {
    state,
    login_id,
    stay_signed_in,
    otp
});

/// A sign-in (seed 003 ログイン, seed 002 セルフケアログイン) as a state machine; see the
/// module docs for the steps. Every step returns the new state; a refused step changes
/// nothing (a wrong one-time password counts as an attempt).
///
/// ```
/// use chrono::DateTime;
/// use saifu::{SecretKey, SignIn, SignInConfig, SignInState};
///
/// let key = SecretKey::new(b"the integrator's secret, 32 byte")?;
/// let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
/// let mut flow = SignIn::new(&key, SignInConfig::default())?;
/// flow.enter_login_id("hanako_2024")?;
/// flow.puzzle_passed()?;
/// // The server accepted the password and e-mailed the code 0420.
/// flow.password_accepted(true, "0420", at)?;
/// assert_eq!(flow.enter_otp("0421", at).unwrap_err().code(), "otp.mismatch");
/// assert_eq!(flow.enter_otp("０４２０", at)?, SignInState::SignedIn);
/// assert!(flow.stay_signed_in());
/// assert_eq!(flow.puzzle_passed().unwrap_err().code(), "signin.illegal_transition");
/// assert!(!format!("{flow:?}").contains("0420"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct SignIn {
    key: SecretKey,
    settings: Settings,
    state: SignInState,
    login_id: Option<LoginId>,
    stay_signed_in: bool,
    otp: Option<SealedOtp>,
}

impl SignIn {
    /// A new sign-in, waiting for the login ID.
    ///
    /// # Errors
    /// `signin.invalid_config` naming a setting out of its range.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::{SecretKey, SignIn, SignInConfig, SignInState};
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let flow = SignIn::new(&key, SignInConfig::default())?;
    /// assert_eq!(flow.state(), SignInState::AwaitingLoginId);
    /// let odd = SignInConfig { otp_valid_minutes: 0, ..SignInConfig::default() };
    /// assert_eq!(SignIn::new(&key, odd).unwrap_err().code(), "signin.invalid_config");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(key: &SecretKey, config: SignInConfig) -> Result<SignIn, Error> {
        Ok(SignIn {
            key: key.clone(),
            settings: config.check()?,
            state: SignInState::AwaitingLoginId,
            login_id: None,
            stay_signed_in: false,
            otp: None,
        })
    }

    /// Restores a sign-in from its saved parts, with the key that sealed its one-time
    /// password. Nothing is reset: a restored code has the attempts and use it had.
    ///
    /// # Errors
    /// `signin.invalid_config`; `credential.key_mismatch` (another key sealed the code);
    /// `time.invalid`; `state.invalid_flow` for parts that do not fit together (a field
    /// in a state that has none, a missing one, a used or locked code still awaited, an
    /// invalid login ID).
    ///
    /// ```
    /// use chrono::DateTime;
    /// use saifu::{SecretKey, SignIn, SignInConfig};
    ///
    /// let key = SecretKey::new(&[5u8; 32])?;
    /// let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let mut flow = SignIn::new(&key, SignInConfig::without_puzzle())?;
    /// flow.enter_login_id("sc-0012345")?;
    /// flow.password_accepted(false, "1234", at)?;
    /// let _ = flow.enter_otp("0000", at);
    /// let _ = flow.enter_otp("0000", at);
    /// let mut again = SignIn::from_parts(&key, SignInConfig::without_puzzle(), flow.parts())?;
    /// assert_eq!(again.enter_otp("0000", at).unwrap_err().code(), "signin.locked");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_parts(
        key: &SecretKey,
        config: SignInConfig,
        parts: SignInParts,
    ) -> Result<SignIn, Error> {
        let settings = config.check()?;
        let invalid = |detail: &str| Error::StateInvalidFlow {
            flow: "signin".to_owned(),
            detail: detail.to_owned(),
        };
        let state = parts.state;
        let login_id = match (state.has_login_id(), parts.login_id) {
            (true, Some(id)) => Some(
                LoginId::parse(&id)
                    .ok()
                    .filter(|parsed| parsed.as_str() == id)
                    .ok_or_else(|| invalid("invalid login_id"))?,
            ),
            (false, None) => None,
            (true, None) => return Err(invalid("login_id missing")),
            (false, Some(_)) => return Err(invalid("login_id in a state without one")),
        };
        let waits_for_otp = state == SignInState::AwaitingOtp;
        let stay_allowed = waits_for_otp || state == SignInState::SignedIn;
        if parts.stay_signed_in && !stay_allowed {
            return Err(invalid("stay_signed_in before the password was accepted"));
        }
        let otp = match (waits_for_otp, parts.otp) {
            (true, Some(otp)) => {
                let otp = SealedOtp::from_parts(key, otp)?;
                if otp.is_used() || otp.is_locked() {
                    return Err(invalid("the awaited one-time password is used or locked"));
                }
                Some(otp)
            }
            (false, None) => None,
            (true, None) => return Err(invalid("otp missing")),
            (false, Some(_)) => return Err(invalid("otp in a state without one")),
        };
        Ok(SignIn {
            key: key.clone(),
            settings,
            state,
            login_id,
            stay_signed_in: parts.stay_signed_in,
            otp,
        })
    }

    /// What to save: plain data, the one-time password as its digest only.
    #[must_use]
    pub fn parts(&self) -> SignInParts {
        SignInParts {
            state: self.state,
            login_id: self.login_id.as_ref().map(|id| id.as_str().to_owned()),
            stay_signed_in: self.stay_signed_in,
            otp: self.otp.as_ref().map(SealedOtp::parts),
        }
    }

    /// Where the sign-in stands.
    #[must_use]
    pub fn state(&self) -> SignInState {
        self.state
    }

    /// The login ID entered, from the puzzle step until sign-out.
    #[must_use]
    pub fn login_id(&self) -> Option<&str> {
        self.login_id.as_ref().map(LoginId::as_str)
    }

    /// ログイン状態を保存: whether the app should keep the session across launches.
    #[must_use]
    pub fn stay_signed_in(&self) -> bool {
        self.stay_signed_in
    }

    /// While a one-time password is awaited: the first instant it no longer works.
    #[must_use]
    pub fn otp_expires_at(&self) -> Option<DateTime<FixedOffset>> {
        self.otp.as_ref().map(SealedOtp::expires_at)
    }

    /// While a one-time password is awaited: wrong attempts left before the lock.
    #[must_use]
    pub fn otp_remaining(&self) -> Option<u32> {
        self.otp.as_ref().map(SealedOtp::remaining)
    }

    fn illegal(&self) -> Error {
        if self.state == SignInState::Locked {
            Error::SignInLocked
        } else {
            Error::SignInIllegalTransition {
                state: self.state.id().to_owned(),
            }
        }
    }

    fn expect(&self, state: SignInState) -> Result<(), Error> {
        if self.state == state {
            Ok(())
        } else {
            Err(self.illegal())
        }
    }

    /// The login ID was entered (次へ): on to the puzzle, or to the password when there is
    /// none. Also starts a new attempt after a lock.
    ///
    /// # Errors
    /// `signin.illegal_transition` unless waiting for the login ID or locked;
    /// `account.invalid_login_id` ([`crate::LoginId::parse`]).
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::{SecretKey, SignIn, SignInConfig, SignInState};
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let mut flow = SignIn::new(&key, SignInConfig::default())?;
    /// assert_eq!(flow.enter_login_id("ｈａｎａｋｏ").unwrap_err().code(), "account.invalid_login_id");
    /// assert_eq!(flow.enter_login_id(" hanako_2024 ")?, SignInState::AwaitingPuzzle);
    /// assert_eq!(flow.login_id(), Some("hanako_2024"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enter_login_id(&mut self, login_id: &str) -> Result<SignInState, Error> {
        if !matches!(
            self.state,
            SignInState::AwaitingLoginId | SignInState::Locked
        ) {
            return Err(Error::SignInIllegalTransition {
                state: self.state.id().to_owned(),
            });
        }
        let id = LoginId::parse(login_id)?;
        self.login_id = Some(id);
        self.stay_signed_in = false;
        self.otp = None;
        self.state = if self.settings.puzzle {
            SignInState::AwaitingPuzzle
        } else {
            SignInState::AwaitingPassword
        };
        Ok(self.state)
    }

    /// The puzzle reported it was passed: on to the password.
    ///
    /// # Errors
    /// `signin.illegal_transition` unless waiting for the puzzle; `signin.locked` after
    /// a lock.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::{SecretKey, SignIn, SignInConfig, SignInState};
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let mut flow = SignIn::new(&key, SignInConfig::default())?;
    /// assert_eq!(flow.puzzle_passed().unwrap_err().code(), "signin.illegal_transition");
    /// flow.enter_login_id("hanako_2024")?;
    /// assert_eq!(flow.puzzle_passed()?, SignInState::AwaitingPassword);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn puzzle_passed(&mut self) -> Result<SignInState, Error> {
        self.expect(SignInState::AwaitingPuzzle)?;
        self.state = SignInState::AwaitingPassword;
        Ok(self.state)
    }

    /// The server refused the password: the puzzle, which shares its screen, is to be
    /// passed again (without a puzzle, the password is simply awaited again).
    ///
    /// # Errors
    /// `signin.illegal_transition` unless waiting for the password; `signin.locked`.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::{SecretKey, SignIn, SignInConfig, SignInState};
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let mut flow = SignIn::new(&key, SignInConfig::default())?;
    /// flow.enter_login_id("hanako_2024")?;
    /// assert_eq!(flow.password_rejected().unwrap_err().code(), "signin.illegal_transition");
    /// flow.puzzle_passed()?;
    /// assert_eq!(flow.password_rejected()?, SignInState::AwaitingPuzzle);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn password_rejected(&mut self) -> Result<SignInState, Error> {
        self.expect(SignInState::AwaitingPassword)?;
        if self.settings.puzzle {
            self.state = SignInState::AwaitingPuzzle;
        }
        Ok(self.state)
    }

    /// The server accepted the password and e-mailed the one-time password `otp` at
    /// `sent_at`; `stay_signed_in` is the ログイン状態を保存 box. The code is kept only as
    /// its digest.
    ///
    /// # Errors
    /// `signin.illegal_transition` unless waiting for the password; `signin.locked`;
    /// `otp.invalid_format` unless `otp` has the configured number of digits;
    /// `time.invalid`.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::{SecretKey, SignIn, SignInConfig, SignInState};
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let mut flow = SignIn::new(&key, SignInConfig::without_puzzle())?;
    /// flow.enter_login_id("sc-0012345")?;
    /// assert_eq!(flow.password_accepted(true, "123456", at).unwrap_err().code(), "otp.invalid_format");
    /// assert_eq!(flow.password_accepted(true, "4821", at)?, SignInState::AwaitingOtp);
    /// assert!(flow.stay_signed_in());
    /// assert_eq!(flow.otp_remaining(), Some(3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn password_accepted(
        &mut self,
        stay_signed_in: bool,
        otp: &str,
        sent_at: DateTime<FixedOffset>,
    ) -> Result<SignInState, Error> {
        self.expect(SignInState::AwaitingPassword)?;
        let code = self.seal(otp, sent_at)?;
        self.otp = Some(code);
        self.stay_signed_in = stay_signed_in;
        self.state = SignInState::AwaitingOtp;
        Ok(self.state)
    }

    /// The server sent a new one-time password (after expiry, or when the mail did not
    /// arrive): it replaces the previous one, with fresh attempts.
    ///
    /// # Errors
    /// `signin.illegal_transition` unless waiting for the one-time password;
    /// `signin.locked`; `otp.invalid_format`; `time.invalid`.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::{SecretKey, SignIn, SignInConfig, SignInState};
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// # use chrono::Duration;
    /// let mut flow = SignIn::new(&key, SignInConfig::without_puzzle())?;
    /// flow.enter_login_id("sc-0012345")?;
    /// flow.password_accepted(false, "4821", at)?;
    /// let later = at + Duration::minutes(15);
    /// assert_eq!(flow.enter_otp("4821", later).unwrap_err().code(), "otp.expired");
    /// flow.otp_resent("7305", later)?;
    /// assert_eq!(flow.enter_otp("7305", later)?, SignInState::SignedIn);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn otp_resent(
        &mut self,
        otp: &str,
        sent_at: DateTime<FixedOffset>,
    ) -> Result<SignInState, Error> {
        self.expect(SignInState::AwaitingOtp)?;
        let code = self.seal(otp, sent_at)?;
        self.otp = Some(code);
        Ok(self.state)
    }

    fn seal(&self, otp: &str, sent_at: DateTime<FixedOffset>) -> Result<SealedOtp, Error> {
        check_instant(&sent_at)?;
        let s = self.settings;
        let code = SealedOtp::new(&self.key, otp, sent_at, s.valid_for, s.attempts)?;
        if code.digits() != s.digits {
            return Err(Error::OtpInvalidFormat);
        }
        Ok(code)
    }

    /// The one-time password typed at `at` (ログイン): signed in when it matches.
    ///
    /// # Errors
    /// `signin.illegal_transition` unless waiting for it; `signin.locked` after a lock;
    /// then the code's checks (DESIGN §8): `otp.expired`, `otp.invalid_format` (not
    /// counted), `otp.mismatch` with `remaining`. The failure that reaches the limit
    /// ends the attempt: it answers `signin.locked` and the state becomes `locked`.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::{SecretKey, SignIn, SignInConfig, SignInState};
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let mut flow = SignIn::new(&key, SignInConfig::without_puzzle())?;
    /// flow.enter_login_id("sc-0012345")?;
    /// flow.password_accepted(false, "4821", at)?;
    /// assert_eq!(flow.enter_otp("482", at).unwrap_err().code(), "otp.invalid_format");
    /// assert_eq!(flow.enter_otp("0000", at).unwrap_err().code(), "otp.mismatch");
    /// assert_eq!(flow.enter_otp("0000", at).unwrap_err().code(), "otp.mismatch");
    /// assert_eq!(flow.enter_otp("0000", at).unwrap_err().code(), "signin.locked");
    /// assert_eq!(flow.state(), SignInState::Locked);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enter_otp(
        &mut self,
        code: &str,
        at: DateTime<FixedOffset>,
    ) -> Result<SignInState, Error> {
        self.expect(SignInState::AwaitingOtp)?;
        let Some(otp) = self.otp.as_mut() else {
            return Err(self.illegal());
        };
        match otp.verify(code, at) {
            Ok(()) => {
                self.otp = None;
                self.state = SignInState::SignedIn;
                Ok(self.state)
            }
            Err(Error::OtpLocked) => {
                self.otp = None;
                self.login_id = None;
                self.stay_signed_in = false;
                self.state = SignInState::Locked;
                Err(Error::SignInLocked)
            }
            Err(e) => Err(e),
        }
    }

    /// Gives up this attempt (or acknowledges a lock): back to the login ID.
    ///
    /// # Errors
    /// `signin.illegal_transition` when waiting for the login ID or signed in (sign out
    /// instead).
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::{SecretKey, SignIn, SignInConfig, SignInState};
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let mut flow = SignIn::new(&key, SignInConfig::default())?;
    /// assert_eq!(flow.cancel().unwrap_err().code(), "signin.illegal_transition");
    /// flow.enter_login_id("hanako_2024")?;
    /// assert_eq!(flow.cancel()?, SignInState::AwaitingLoginId);
    /// assert_eq!(flow.login_id(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cancel(&mut self) -> Result<SignInState, Error> {
        if matches!(
            self.state,
            SignInState::AwaitingLoginId | SignInState::SignedIn
        ) {
            return Err(self.illegal());
        }
        self.reset();
        Ok(self.state)
    }

    /// Signs out: back to the login ID.
    ///
    /// # Errors
    /// `signin.illegal_transition` unless signed in; `signin.locked`.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::{SecretKey, SignIn, SignInConfig, SignInState};
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let mut flow = SignIn::new(&key, SignInConfig::without_puzzle())?;
    /// assert_eq!(flow.sign_out().unwrap_err().code(), "signin.illegal_transition");
    /// flow.enter_login_id("sc-0012345")?;
    /// flow.password_accepted(true, "4821", at)?;
    /// flow.enter_otp("4821", at)?;
    /// assert_eq!(flow.sign_out()?, SignInState::AwaitingLoginId);
    /// assert!(!flow.stay_signed_in());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sign_out(&mut self) -> Result<SignInState, Error> {
        self.expect(SignInState::SignedIn)?;
        self.reset();
        Ok(self.state)
    }

    fn reset(&mut self) {
        self.state = SignInState::AwaitingLoginId;
        self.login_id = None;
        self.stay_signed_in = false;
        self.otp = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn key() -> SecretKey {
        SecretKey::new(&[42u8; 32]).unwrap()
    }

    #[test]
    fn the_lock_ends_the_attempt_and_a_new_one_starts_from_the_login_id() {
        let at = t("2026-11-23T10:00:00+09:00");
        let mut flow = SignIn::new(&key(), SignInConfig::default()).unwrap();
        flow.enter_login_id("hanako_2024").unwrap();
        flow.puzzle_passed().unwrap();
        flow.password_accepted(true, "1234", at).unwrap();
        assert_eq!(
            flow.enter_otp("0000", at),
            Err(Error::OtpMismatch { remaining: 2 })
        );
        assert_eq!(
            flow.enter_otp("0000", at),
            Err(Error::OtpMismatch { remaining: 1 })
        );
        assert_eq!(flow.enter_otp("0000", at), Err(Error::SignInLocked));
        assert_eq!(flow.state(), SignInState::Locked);
        assert_eq!(flow.enter_otp("1234", at), Err(Error::SignInLocked));
        assert_eq!(flow.puzzle_passed(), Err(Error::SignInLocked));
        assert!(!flow.stay_signed_in());
        assert_eq!(
            flow.enter_login_id("hanako_2024"),
            Ok(SignInState::AwaitingPuzzle)
        );
    }

    #[test]
    fn config_ranges() {
        let bad = [
            (
                SignInConfig {
                    otp_digits: 3,
                    ..SignInConfig::default()
                },
                "otp_digits",
            ),
            (
                SignInConfig {
                    otp_digits: 13,
                    ..SignInConfig::default()
                },
                "otp_digits",
            ),
            (
                SignInConfig {
                    otp_valid_minutes: 0,
                    ..SignInConfig::default()
                },
                "otp_valid_minutes",
            ),
            (
                SignInConfig {
                    otp_max_attempts: 0,
                    ..SignInConfig::default()
                },
                "otp_max_attempts",
            ),
            (
                SignInConfig {
                    otp_max_attempts: i64::MAX,
                    ..SignInConfig::default()
                },
                "otp_max_attempts",
            ),
        ];
        for (config, field) in bad {
            assert_eq!(
                SignIn::new(&key(), config).unwrap_err(),
                Error::SignInInvalidConfig {
                    field: field.into()
                }
            );
        }
    }

    #[test]
    fn a_code_of_another_length_than_configured_is_refused() {
        let at = t("2026-11-23T10:00:00+09:00");
        let mut flow = SignIn::new(&key(), SignInConfig::without_puzzle()).unwrap();
        flow.enter_login_id("abcd").unwrap();
        assert_eq!(
            flow.password_accepted(true, "123456", at),
            Err(Error::OtpInvalidFormat)
        );
        assert_eq!(flow.state(), SignInState::AwaitingPassword);
        assert!(!flow.stay_signed_in());
    }
}
