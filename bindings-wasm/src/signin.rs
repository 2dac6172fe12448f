//! Sign-in (seed 003 ログイン, seed 002 セルフケアログイン; DESIGN §8) as a state machine.
//!
//! The one-time password the server e-mailed is read for the one call that seals it and
//! its copy zeroed; the flow keeps only its HMAC-SHA-256 under the integrator's key.
//! `parts()` is what an app saves (plain data, `JSON.stringify` it) and
//! `SignIn.fromParts` loads it back, checked by core: a reload never unlocks or resets
//! the code's attempts. `toJSON` and `toString` show the status, never a code or digest.

use js_sys::JsString;
use saifu::SignInState;
use wasm_bindgen::prelude::*;

use crate::credential::{self, otp_parts_js, read_otp_parts, secret_key};
use crate::error::JsFailure;
use crate::input::{self, nullable, object, optional};
use crate::time;

/// The config, or seed 003's defaults when `value` is `undefined` or `null`.
fn config(value: &JsValue) -> Result<saifu::SignInConfig, JsFailure> {
    optional(value.clone()).map_or_else(|| Ok(saifu::SignInConfig::default()), |v| config_in(&v))
}

/// The optional count `value[key]`: `undefined` and `null` are `None` (`key` names it).
#[inline(never)]
fn optional_count(value: &JsValue, key: &str, what: &str) -> Result<Option<i64>, JsFailure> {
    optional(input::field(value, key, what)?)
        .map(|v| input::number_in(&v, key).map(credential::count))
        .transpose()
}

input::js_input! {
    /// The integrator's sign-in settings; each omitted one takes seed 003's default.
    interface "SignInConfig",
    fn config_in(value, "config") -> saifu::SignInConfig {
        /// Whether a puzzle (パズル認証) comes before the password; default true (false: seed 002's self-care login).
        "puzzle"?: "boolean" => puzzle = input::field
            |v| optional(v).map(|v| input::boolean(&v, "config.puzzle")).transpose()?,
        /// Digits of the e-mail one-time password, 4–12; default 4.
        "otpDigits"?: "number" => otp_digits = optional_count,
        /// Minutes the one-time password is valid, 1–1440; default 10.
        "otpValidMinutes"?: "number" => otp_valid_minutes = optional_count,
        /// Wrong one-time passwords that lock it and end the attempt, 1–100; default 3.
        "otpMaxAttempts"?: "number" => otp_max_attempts = optional_count,
    } {
        let d = saifu::SignInConfig::default();
        Ok(saifu::SignInConfig {
            puzzle: puzzle.unwrap_or(d.puzzle),
            otp_digits: otp_digits.unwrap_or(d.otp_digits),
            otp_valid_minutes: otp_valid_minutes.unwrap_or(d.otp_valid_minutes),
            otp_max_attempts: otp_max_attempts.unwrap_or(d.otp_max_attempts),
        })
    }
}

input::js_names! {
    /// Where a sign-in stands: core's state ids in camelCase (`awaiting_otp` is "awaitingOtp";
    /// the `state` detail of `signin.illegal_transition` keeps core's id). `locked`: the
    /// one-time password locked and ended the attempt; a new one starts from the login ID.
    type "SignInState", read STATES, write state_name: SignInState {
        [SignInState::AwaitingLoginId] => "awaitingLoginId",
        [SignInState::AwaitingPuzzle] => "awaitingPuzzle",
        [SignInState::AwaitingPassword] => "awaitingPassword",
        [SignInState::AwaitingOtp] => "awaitingOtp",
        [SignInState::SignedIn] => "signedIn",
        [SignInState::Locked] => "locked",
    }
}

fn state_js(state: SignInState) -> JsValue {
    state_name(state).into()
}

input::js_input! {
    /// What a sign-in saves: plain data, the one-time password only as its HMAC under the key.
    /// `SignIn.fromParts` checks that the parts fit together.
    interface "SignInParts",
    fn read_parts(value, "parts") -> saifu::SignInParts {
        /// Where it stands.
        "state": "SignInState" => state = input::field
            |v| input::named(STATES, &input::string_in(&v, "parts.state")?, "parts.state")?,
        /// The login ID, in the states that have one; null otherwise.
        "loginId": "string | null" => login_id = input::optional_text_field,
        /// ログイン状態を保存.
        "staySignedIn": "boolean" => stay_signed_in = input::field
            |v| input::boolean(&v, "parts.staySignedIn")?,
        /// The awaited one-time password, in `awaitingOtp` only; null otherwise.
        "otp": "SealedOtpParts | null" => otp = input::field |v| optional(v)
            .map(|otp| read_otp_parts(&otp, "parts.otp"))
            .transpose()?,
    } {
        Ok(saifu::SignInParts { state, login_id, stay_signed_in, otp })
    }
}

input::js_object! {
    /// A sign-in as a screen shows it (`status`, and what `JSON.stringify` writes): no code,
    /// no digest.
    interface "SignInStatus",
    fn status_js(f: &saifu::SignIn) {
        /// Where it stands.
        "state": "SignInState" = state_js(f.state()),
        /// The login ID, from the puzzle until sign-out; null otherwise.
        "loginId": "string | null" = nullable(f.login_id()),
        /// ログイン状態を保存.
        "staySignedIn": "boolean" = f.stay_signed_in().into(),
        /// While a one-time password is awaited: wrong attempts left; null otherwise.
        "otpRemaining": "number | null" = nullable(f.otp_remaining()),
        /// While a one-time password is awaited: when it stops working (RFC 3339, JST); null otherwise.
        "otpExpiresAt": "string | null" = nullable(f.otp_expires_at().map(|t| time::rfc3339(&t))),
    }
}

/// A sign-in: login ID → the puzzle passed (reported by the caller) → the password
/// accepted (the server's answer: saifu never sees a password or its hash) → the e-mail
/// one-time password → signed in. Every step returns the new state; a refused step
/// changes nothing (a wrong code counts as an attempt).
#[wasm_bindgen]
pub struct SignIn(saifu::SignIn);

#[wasm_bindgen]
impl SignIn {
    /// A new sign-in, waiting for the login ID. `key` is the integrator's secret (16 bytes
    /// or more, kept outside the saved state); `config` omitted: seed 003's defaults.
    ///
    /// Throws `SaifuError`: `credential.invalid_key` (`minLength`); `signin.invalid_config`
    /// (`field`, core's name such as `otp_digits`) for a setting out of its range or not
    /// a whole number; `input.invalid` for a key that is not a `Uint8Array` or a setting
    /// of the wrong type.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] key: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SignInConfig | null")] config: &JsValue,
    ) -> Result<SignIn, JsFailure> {
        let key = secret_key(key)?;
        Ok(SignIn(saifu::SignIn::new(&key, self::config(config)?)?))
    }

    /// Loads a sign-in from what `parts()` gave (after `JSON.parse` too), with the key
    /// that sealed its code and the same settings. Nothing is reset.
    ///
    /// Throws `SaifuError`: as the constructor; `credential.invalid_digest`;
    /// `credential.key_mismatch` (another key sealed the code); `time.invalid`;
    /// `state.invalid_flow` (`flow`, `detail`) for parts that do not fit together;
    /// `input.invalid` for parts of the wrong shape.
    #[wasm_bindgen(js_name = fromParts)]
    pub fn from_parts(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] key: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "SignInConfig | null | undefined")] config: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "SignInParts")] parts: &JsValue,
    ) -> Result<SignIn, JsFailure> {
        let key = secret_key(key)?;
        let config = self::config(config)?;
        let parts = read_parts(parts)?;
        Ok(SignIn(saifu::SignIn::from_parts(&key, config, parts)?))
    }

    /// What to save: plain data, the one-time password as its digest only.
    #[wasm_bindgen(unchecked_return_type = "SignInParts")]
    pub fn parts(&self) -> JsValue {
        let p = self.0.parts();
        object(&[
            ("state", state_js(p.state)),
            ("loginId", nullable(p.login_id)),
            ("staySignedIn", p.stay_signed_in.into()),
            ("otp", nullable(p.otp.as_ref().map(otp_parts_js))),
        ])
    }

    /// Where it stands, as a screen shows it: the state, the login ID, ログイン状態を保存,
    /// and while a code is awaited its attempts left and expiry. Never a code.
    #[wasm_bindgen(getter, unchecked_return_type = "SignInStatus")]
    pub fn status(&self) -> JsValue {
        status_js(&self.0)
    }

    /// The login ID was entered: on to the puzzle (or the password without one). Also
    /// starts a new attempt after a lock.
    ///
    /// Throws `SaifuError`: `signin.illegal_transition` (`state`) unless waiting for the
    /// login ID or locked; `account.invalid_login_id`.
    #[wasm_bindgen(js_name = enterLoginId, unchecked_return_type = "SignInState")]
    pub fn enter_login_id(
        &mut self,
        #[wasm_bindgen(js_name = loginId)] login_id: &JsString,
    ) -> Result<JsValue, JsFailure> {
        let id = input::text(login_id, "loginId")?;
        Ok(state_js(self.0.enter_login_id(&id)?))
    }

    /// The puzzle reported it was passed: on to the password.
    ///
    /// Throws `SaifuError`: `signin.illegal_transition` unless waiting for the puzzle;
    /// `signin.locked` after a lock.
    #[wasm_bindgen(js_name = puzzlePassed, unchecked_return_type = "SignInState")]
    pub fn puzzle_passed(&mut self) -> Result<JsValue, JsFailure> {
        Ok(state_js(self.0.puzzle_passed()?))
    }

    /// The server refused the password: the puzzle is to be passed again (without a
    /// puzzle, the password is awaited again).
    ///
    /// Throws `SaifuError`: `signin.illegal_transition` unless waiting for the password;
    /// `signin.locked`.
    #[wasm_bindgen(js_name = passwordRejected, unchecked_return_type = "SignInState")]
    pub fn password_rejected(&mut self) -> Result<JsValue, JsFailure> {
        Ok(state_js(self.0.password_rejected()?))
    }

    /// The server accepted the password and e-mailed the one-time password `otp` at
    /// `sentAt`; `staySignedIn` is the ログイン状態を保存 box. Only the code's digest is kept.
    ///
    /// Throws `SaifuError`: `signin.illegal_transition` unless waiting for the password;
    /// `signin.locked`; `otp.invalid_format` unless `otp` has the configured digits;
    /// `time.invalid`; `input.invalid` for a `staySignedIn` that is not a boolean.
    #[wasm_bindgen(js_name = passwordAccepted, unchecked_return_type = "SignInState")]
    pub fn password_accepted(
        &mut self,
        #[wasm_bindgen(js_name = staySignedIn, unchecked_param_type = "boolean")]
        stay_signed_in: &JsValue,
        otp: &JsString,
        #[wasm_bindgen(js_name = sentAt, unchecked_param_type = "Date")] sent_at: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let stay = input::boolean(stay_signed_in, "staySignedIn")?;
        let sent_at = time::instant(sent_at)?;
        let otp = input::secret_text(otp, "otp")?;
        Ok(state_js(self.0.password_accepted(stay, &otp, sent_at)?))
    }

    /// The server sent a new one-time password: it replaces the previous one, with fresh
    /// attempts.
    ///
    /// Throws `SaifuError`: `signin.illegal_transition` unless waiting for the one-time
    /// password; `signin.locked`; `otp.invalid_format`; `time.invalid`.
    #[wasm_bindgen(js_name = otpResent, unchecked_return_type = "SignInState")]
    pub fn otp_resent(
        &mut self,
        otp: &JsString,
        #[wasm_bindgen(js_name = sentAt, unchecked_param_type = "Date")] sent_at: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let sent_at = time::instant(sent_at)?;
        let otp = input::secret_text(otp, "otp")?;
        Ok(state_js(self.0.otp_resent(&otp, sent_at)?))
    }

    /// The one-time password typed at `at`: signed in when it matches.
    ///
    /// Throws `SaifuError`: `signin.illegal_transition` unless waiting for it;
    /// `signin.locked` after a lock; then `otp.expired`, `otp.invalid_format` (not
    /// counted), `otp.mismatch` (`remaining`). The failure that reaches the limit ends
    /// the attempt: `signin.locked`, and the state becomes `locked`. `time.invalid`.
    #[wasm_bindgen(js_name = enterOtp, unchecked_return_type = "SignInState")]
    pub fn enter_otp(
        &mut self,
        otp: &JsString,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let at = time::instant(at)?;
        let otp = input::secret_text(otp, "otp")?;
        Ok(state_js(self.0.enter_otp(&otp, at)?))
    }

    /// Gives up this attempt (or acknowledges a lock): back to the login ID.
    ///
    /// Throws `SaifuError` `signin.illegal_transition` when waiting for the login ID or
    /// signed in (sign out instead).
    #[wasm_bindgen(unchecked_return_type = "SignInState")]
    pub fn cancel(&mut self) -> Result<JsValue, JsFailure> {
        Ok(state_js(self.0.cancel()?))
    }

    /// Signs out: back to the login ID.
    ///
    /// Throws `SaifuError`: `signin.illegal_transition` unless signed in; `signin.locked`.
    #[wasm_bindgen(js_name = signOut, unchecked_return_type = "SignInState")]
    pub fn sign_out(&mut self) -> Result<JsValue, JsFailure> {
        Ok(state_js(self.0.sign_out()?))
    }

    /// What `JSON.stringify` writes: the status, never a code or its digest (save
    /// `parts()`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "SignInStatus")]
    pub fn to_json(&self) -> JsValue {
        self.status()
    }

    /// `SignIn(awaitingOtp)`: the state, never a code.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("SignIn({})", state_name(self.0.state()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names are core's ids in camelCase, one for each of core's values.
    #[test]
    fn names_are_cores_ids_in_camel_case() {
        assert_eq!(STATES.len(), SignInState::ALL.len());
        for &(value, name) in STATES {
            assert_eq!(crate::error::camel_case(value.id()), name);
        }
    }
}
