//! MyNaPoint set-up (seed 004; DESIGN §8): the issuance at the bank, the reservation
//! (MyKey ID) and the application, as one state machine over the three flows.
//!
//! The card's PIN, the SMS code and the security code are read for the one call that
//! seals or checks them, and their copies zeroed; the set-up keeps them only as
//! HMAC-SHA-256 digests under the integrator's key. `parts()` is what an app saves
//! (plain data: every state and counter) and `MyNaPoint.fromParts` loads it back,
//! checked by core: a reload never unlocks the PIN or resets a count. `toJSON` and
//! `toString` show the status, never a PIN, code or digest.

use js_sys::JsString;
use saifu::{MyNaPointApplicationState, MyNaPointIssuanceState, MyNaPointReservationState};
use wasm_bindgen::prelude::*;

use crate::credential::{
    self, otp_parts_js, pin_parts_js, read_otp_parts, read_pin_parts, secret, secret_key,
};
use crate::error::JsFailure;
use crate::input::{self, literal, literal_js, nullable, object, optional};
use crate::time;

#[wasm_bindgen(typescript_custom_section)]
const MYNAPOINT_TS: &'static str = r#"
/**
 * Where the issuance at the bank (決済サービスID・セキュリティコードの発行) stands: core's
 * ids in camelCase (`awaiting_sms_code` is "awaitingSmsCode"; the `state` detail of
 * `mynapoint.illegal_transition` keeps core's id). `closed`: the application completed,
 * the ID can no longer be viewed.
 */
export type MyNaPointIssuanceState = "notStarted" | "awaitingPhone" | "awaitingSms" | "awaitingSmsCode" | "awaitingPassword" | "awaitingIssue" | "issued" | "closed";

/**
 * Where the reservation (マイキーIDの発行) stands.
 */
export type MyNaPointReservationState = "notStarted" | "awaitingPin" | "awaitingCardRead" | "awaitingMykeyId" | "reserved";

/**
 * Where the application (マイナポイント申込) stands. The `awaitingResume…` states: resumed
 * later from the app's top, the PIN and the card read come first.
 */
export type MyNaPointApplicationState = "notStarted" | "awaitingResumePin" | "awaitingResumeCardRead" | "choosingService" | "awaitingTerms" | "awaitingDetails" | "confirming" | "awaitingPin" | "awaitingCardRead" | "applied" | "registered";

/**
 * The integrator's MyNaPoint settings.
 */
export interface MyNaPointConfig {
    /** The card kinds that may be registered, as the integrator names them (seed 004: AEON cards with WAON, AEON Bank Cash+Debit): 1–64 printable ASCII characters each, no duplicates. */
    eligibleCards: string[];
    /** Minutes the SMS code is valid, 1–1440; default 10. */
    smsOtpValidMinutes?: number;
    /** Wrong SMS codes that lock it (until a new one is sent), 1–100; default 3. */
    smsOtpMaxAttempts?: number;
}

/**
 * The three flows and their counters as a screen shows them (`status`, and what
 * `JSON.stringify` writes): no PIN, code or digest.
 */
export interface MyNaPointStatus {
    /** Where the issuance stands. */
    issuance: MyNaPointIssuanceState;
    /** Where the reservation stands. */
    reservation: MyNaPointReservationState;
    /** Where the application stands. */
    application: MyNaPointApplicationState;
    /** The card kind chosen for the issuance, or null. */
    cardKind: string | null;
    /** The phone the SMS goes to, ASCII digits, or null. */
    phone: string | null;
    /** The MyKey ID once reserved, or null. */
    mykeyId: string | null;
    /** The payment service chosen in the application, or null. */
    chosenService: string | null;
    /** PIN attempts left before the card locks (3 before the reservation). */
    pinRemaining: number;
    /** True once 3 consecutive wrong PINs locked the card. */
    pinLocked: boolean;
    /** While the SMS code is awaited: wrong attempts left; null otherwise. */
    smsOtpRemaining: number | null;
    /** While the SMS code is awaited: when it stops working (RFC 3339, JST); null otherwise. */
    smsOtpExpiresAt: string | null;
}

/**
 * What a MyNaPoint set-up saves: plain data, every secret as its HMAC under the key.
 * `MyNaPoint.fromParts` checks that the parts fit together.
 */
export interface MyNaPointParts {
    /** Where the issuance stands. */
    issuance: MyNaPointIssuanceState;
    /** The card kind, once chosen; null otherwise. */
    cardKind: string | null;
    /** The phone, ASCII digits, once entered; null otherwise. */
    phone: string | null;
    /** The awaited SMS code, in `awaitingSmsCode` only; null otherwise. */
    smsOtp: SealedOtpParts | null;
    /** The payment-service ID, once issued; null otherwise. */
    serviceId: string | null;
    /** The security code's digest (80 hex digits), once issued; null otherwise. */
    securityCode: string | null;
    /** Where the reservation stands. */
    reservation: MyNaPointReservationState;
    /** The card's PIN and its failures, once the reservation started; null otherwise. */
    cardPin: SealedPinParts | null;
    /** The MyKey ID, once reserved; null otherwise. */
    mykeyId: string | null;
    /** Where the application stands. */
    application: MyNaPointApplicationState;
    /** The payment service chosen, from the terms on; null otherwise. */
    chosenService: string | null;
}
"#;

fn config(value: &JsValue) -> Result<saifu::MyNaPointConfig, JsFailure> {
    const WHAT: &str = "config";
    let cards = input::strings(
        &input::field(value, "eligibleCards", WHAT)?,
        "config.eligibleCards",
    )?;
    let mut c = saifu::MyNaPointConfig::new(cards);
    for (key, slot) in [
        ("smsOtpValidMinutes", &mut c.sms_otp_valid_minutes),
        ("smsOtpMaxAttempts", &mut c.sms_otp_max_attempts),
    ] {
        if let Some(v) = optional(input::field(value, key, WHAT)?) {
            *slot = credential::count(input::number_in(&v, key)?);
        }
    }
    Ok(c)
}

fn read_parts(value: &JsValue) -> Result<saifu::MyNaPointParts, JsFailure> {
    const WHAT: &str = "parts";
    let text = |key: &str| input::optional_text_field(value, key, WHAT);
    let state = |key: &str| input::field(value, key, WHAT);
    Ok(saifu::MyNaPointParts {
        issuance: literal(
            MyNaPointIssuanceState::ALL,
            MyNaPointIssuanceState::id,
            &state("issuance")?,
            "parts.issuance",
        )?,
        card_kind: text("cardKind")?,
        phone: text("phone")?,
        sms_otp: optional(state("smsOtp")?)
            .map(|otp| read_otp_parts(&otp, "parts.smsOtp"))
            .transpose()?,
        service_id: text("serviceId")?,
        security_code: text("securityCode")?
            .map(|hex| saifu::SecretDigest::from_hex(&hex))
            .transpose()?,
        reservation: literal(
            MyNaPointReservationState::ALL,
            MyNaPointReservationState::id,
            &state("reservation")?,
            "parts.reservation",
        )?,
        card_pin: optional(state("cardPin")?)
            .map(|pin| read_pin_parts(&pin, "parts.cardPin"))
            .transpose()?,
        mykey_id: text("mykeyId")?,
        application: literal(
            MyNaPointApplicationState::ALL,
            MyNaPointApplicationState::id,
            &state("application")?,
            "parts.application",
        )?,
        chosen_service: text("chosenService")?,
    })
}

/// A user's MyNaPoint set-up: the issuance (a card of an eligible kind → the phone for
/// SMS → the 6-digit SMS code → a password → the bank issues the payment-service ID and
/// security code), the reservation (the card's PIN, locked after 3 consecutive failures →
/// the card read → the MyKey ID) and the application (the service → its terms → the ID,
/// security code and phone's last 4 → confirm → PIN → card read → applied; registered by
/// a later event). A refused step changes nothing (a wrong PIN or SMS code counts).
#[wasm_bindgen]
pub struct MyNaPoint(saifu::MyNaPoint);

#[wasm_bindgen]
impl MyNaPoint {
    /// A set-up with nothing started. `key` is the integrator's secret (16 bytes or more,
    /// kept outside the saved state).
    ///
    /// Throws `SaifuError`: `credential.invalid_key` (`minLength`);
    /// `mynapoint.invalid_config` (`field`, core's name such as `eligible_cards`) for a
    /// card kind that is empty, over 64 characters, not printable ASCII or listed twice,
    /// or a number out of range or not whole; `input.invalid` for a key that is not a
    /// `Uint8Array` or a config of the wrong shape.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] key: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "MyNaPointConfig")] config: &JsValue,
    ) -> Result<MyNaPoint, JsFailure> {
        let key = secret_key(key)?;
        Ok(MyNaPoint(saifu::MyNaPoint::new(
            &key,
            self::config(config)?,
        )?))
    }

    /// Loads a set-up from what `parts()` gave (after `JSON.parse` too), with the key that
    /// sealed its secrets. Nothing is reset; the card kind is not checked against today's
    /// list, so a set-up saved before the integrator changed it still loads.
    ///
    /// Throws `SaifuError`: as the constructor; `credential.invalid_digest`;
    /// `credential.key_mismatch`; `time.invalid`; `state.invalid_flow` (`flow`, `detail`)
    /// for parts that do not fit together or a malformed value; `input.invalid` for parts
    /// of the wrong shape.
    #[wasm_bindgen(js_name = fromParts)]
    pub fn from_parts(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] key: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "MyNaPointConfig")] config: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "MyNaPointParts")] parts: &JsValue,
    ) -> Result<MyNaPoint, JsFailure> {
        let key = secret_key(key)?;
        let config = self::config(config)?;
        let parts = read_parts(parts)?;
        Ok(MyNaPoint(saifu::MyNaPoint::from_parts(
            &key, config, parts,
        )?))
    }

    /// What to save: plain data, every secret as a digest.
    #[wasm_bindgen(unchecked_return_type = "MyNaPointParts")]
    pub fn parts(&self) -> JsValue {
        let p = self.0.parts();
        object(&[
            ("issuance", literal_js(p.issuance.id())),
            ("cardKind", nullable(p.card_kind)),
            ("phone", nullable(p.phone)),
            ("smsOtp", nullable(p.sms_otp.as_ref().map(otp_parts_js))),
            ("serviceId", nullable(p.service_id)),
            (
                "securityCode",
                nullable(p.security_code.map(|d| d.to_hex())),
            ),
            ("reservation", literal_js(p.reservation.id())),
            ("cardPin", nullable(p.card_pin.as_ref().map(pin_parts_js))),
            ("mykeyId", nullable(p.mykey_id)),
            ("application", literal_js(p.application.id())),
            ("chosenService", nullable(p.chosen_service)),
        ])
    }

    /// The three flows and their counters, as a screen shows them: never a PIN, code or
    /// digest.
    #[wasm_bindgen(getter, unchecked_return_type = "MyNaPointStatus")]
    pub fn status(&self) -> JsValue {
        let m = &self.0;
        object(&[
            ("issuance", literal_js(m.issuance_state().id())),
            ("reservation", literal_js(m.reservation_state().id())),
            ("application", literal_js(m.application_state().id())),
            ("cardKind", nullable(m.card_kind())),
            ("phone", nullable(m.phone().map(saifu::PhoneNumber::digits))),
            ("mykeyId", nullable(m.mykey_id())),
            ("chosenService", nullable(m.chosen_service())),
            ("pinRemaining", m.pin_remaining().into()),
            ("pinLocked", m.pin_locked().into()),
            ("smsOtpRemaining", nullable(m.sms_otp_remaining())),
            (
                "smsOtpExpiresAt",
                nullable(m.sms_otp_expires_at().map(|t| time::rfc3339(&t))),
            ),
        ])
    }

    // ---- issuance ----

    /// 初回登録: the card to register. Also starts over from the card at any step before
    /// the ID is issued (forgetting the phone and the SMS code).
    ///
    /// Throws `SaifuError`: `mynapoint.illegal_transition` (`flow`, `state`) once issued;
    /// `mynapoint.card_not_eligible`.
    #[wasm_bindgen(js_name = chooseCard)]
    pub fn choose_card(&mut self, kind: &JsString) -> Result<(), JsFailure> {
        let kind = input::text(kind, "kind")?;
        Ok(self.0.choose_card(&kind)?)
    }

    /// The phone number for SMS, as typed (full-width digits and dashes read).
    ///
    /// Throws `SaifuError`: `mynapoint.illegal_transition` unless waiting for it;
    /// `phone.invalid_number` (not 10 or 11 digits starting with 0).
    #[wasm_bindgen(js_name = enterPhone)]
    pub fn enter_phone(&mut self, phone: &JsString) -> Result<(), JsFailure> {
        let phone = input::text(phone, "phone")?;
        Ok(self.0.enter_phone(&phone)?)
    }

    /// The bank sent the 6-digit SMS code `code` at `sentAt` (again: a new code with fresh
    /// attempts). Only its digest is kept.
    ///
    /// Throws `SaifuError`: `mynapoint.illegal_transition`; `otp.invalid_format` unless 6
    /// digits; `time.invalid`.
    #[wasm_bindgen(js_name = smsSent)]
    pub fn sms_sent(
        &mut self,
        code: &JsString,
        #[wasm_bindgen(js_name = sentAt, unchecked_param_type = "Date")] sent_at: &JsValue,
    ) -> Result<(), JsFailure> {
        let sent_at = time::instant(sent_at)?;
        let code = secret(code, "code")?;
        Ok(self.0.sms_sent(&code, sent_at)?)
    }

    /// The SMS code typed at `at`.
    ///
    /// Throws `SaifuError`: `mynapoint.illegal_transition`; DESIGN §8's one-time password
    /// checks (`otp.locked`, `otp.expired`, `otp.invalid_format`, `otp.mismatch` with
    /// `remaining`); a locked code stays locked until `smsSent`. `time.invalid`.
    #[wasm_bindgen(js_name = enterSmsCode)]
    pub fn enter_sms_code(
        &mut self,
        code: &JsString,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<(), JsFailure> {
        let at = time::instant(at)?;
        let code = secret(code, "code")?;
        Ok(self.0.enter_sms_code(&code, at)?)
    }

    /// The new password (パスワードを設定), checked against the policy; nothing of it is
    /// kept.
    ///
    /// Throws `SaifuError`: `mynapoint.illegal_transition`; `password.*`.
    #[wasm_bindgen(js_name = setPassword)]
    pub fn set_password(&mut self, password: &JsString) -> Result<(), JsFailure> {
        let password = secret(password, "password")?;
        Ok(self.0.set_password(&password)?)
    }

    /// The bank's answer: the payment-service ID and security code it issued (saifu
    /// invents none). The security code is kept only as its digest.
    ///
    /// Throws `SaifuError`: `mynapoint.illegal_transition`;
    /// `mynapoint.invalid_service_id` (not 1–32 letters and digits);
    /// `mynapoint.invalid_security_code` (not 1–16).
    pub fn issued(
        &mut self,
        #[wasm_bindgen(js_name = serviceId)] service_id: &JsString,
        #[wasm_bindgen(js_name = securityCode)] security_code: &JsString,
    ) -> Result<(), JsFailure> {
        let id = input::text(service_id, "serviceId")?;
        let code = secret(security_code, "securityCode")?;
        Ok(self.0.issued(&id, &code)?)
    }

    /// The payment-service ID, shown once the bank accepted the password
    /// (`passwordAccepted`, its answer), until the application completes.
    ///
    /// Throws `SaifuError`: `mynapoint.not_viewable` before the issuance and once it is
    /// closed; then `mynapoint.password_rejected`; `input.invalid` for a
    /// `passwordAccepted` that is not a boolean.
    pub fn view(
        &self,
        #[wasm_bindgen(js_name = passwordAccepted, unchecked_param_type = "boolean")]
        password_accepted: &JsValue,
    ) -> Result<String, JsFailure> {
        let accepted = input::boolean(password_accepted, "passwordAccepted")?;
        Ok(self.0.view(accepted)?.to_owned())
    }

    // ---- reservation ----

    /// Starts the reservation with the card's 4-digit PIN (kept only as its digest).
    ///
    /// Throws `SaifuError`: `mynapoint.illegal_transition` once started;
    /// `pin.invalid_format`.
    #[wasm_bindgen(js_name = startReservation)]
    pub fn start_reservation(&mut self, pin: &JsString) -> Result<(), JsFailure> {
        let pin = secret(pin, "pin")?;
        Ok(self.0.start_reservation(&pin)?)
    }

    /// The card's PIN typed, in the reservation or the application: one count for both.
    ///
    /// Throws `SaifuError`: `mynapoint.illegal_transition` when no PIN is awaited;
    /// `pin.locked`; `pin.invalid_format` (not counted); `pin.mismatch` (`remaining`; the
    /// failure that reaches the limit already answers `pin.locked`).
    #[wasm_bindgen(js_name = enterPin)]
    pub fn enter_pin(&mut self, pin: &JsString) -> Result<(), JsFailure> {
        let pin = secret(pin, "pin")?;
        Ok(self.0.enter_pin(&pin)?)
    }

    /// The card was read (reported by the caller): on to the MyKey ID, the service
    /// choice, or applied (which closes the issuance).
    ///
    /// Throws `SaifuError` `mynapoint.illegal_transition` when no card read is awaited.
    #[wasm_bindgen(js_name = cardRead)]
    pub fn card_read(&mut self) -> Result<(), JsFailure> {
        Ok(self.0.card_read()?)
    }

    /// The MyKey ID issued: reserved.
    ///
    /// Throws `SaifuError`: `mynapoint.illegal_transition`; `mynapoint.invalid_mykey_id`
    /// (not 1–32 letters and digits).
    #[wasm_bindgen(js_name = mykeyIssued)]
    pub fn mykey_issued(
        &mut self,
        #[wasm_bindgen(js_name = mykeyId)] mykey_id: &JsString,
    ) -> Result<(), JsFailure> {
        let id = input::text(mykey_id, "mykeyId")?;
        Ok(self.0.mykey_issued(&id)?)
    }

    // ---- application ----

    /// Straight on from the reservation to the application: choosing the service.
    ///
    /// Throws `SaifuError` `mynapoint.illegal_transition` unless reserved and not started.
    #[wasm_bindgen(js_name = proceedToApplication)]
    pub fn proceed_to_application(&mut self) -> Result<(), JsFailure> {
        Ok(self.0.proceed_to_application()?)
    }

    /// The application resumed later from the app's top: the PIN and the card read come
    /// first (the chosen service is forgotten).
    ///
    /// Throws `SaifuError` `mynapoint.illegal_transition` unless reserved and not yet
    /// applied.
    #[wasm_bindgen(js_name = resumeApplication)]
    pub fn resume_application(&mut self) -> Result<(), JsFailure> {
        Ok(self.0.resume_application()?)
    }

    /// STEP 1: the payment service (one of the eligible card kinds).
    ///
    /// Throws `SaifuError`: `mynapoint.illegal_transition`;
    /// `mynapoint.card_not_eligible`.
    #[wasm_bindgen(js_name = chooseService)]
    pub fn choose_service(&mut self, kind: &JsString) -> Result<(), JsFailure> {
        let kind = input::text(kind, "kind")?;
        Ok(self.0.choose_service(&kind)?)
    }

    /// STEP 2: the service's terms accepted.
    ///
    /// Throws `SaifuError` `mynapoint.illegal_transition`.
    #[wasm_bindgen(js_name = acceptTerms)]
    pub fn accept_terms(&mut self) -> Result<(), JsFailure> {
        Ok(self.0.accept_terms()?)
    }

    /// STEP 3: the payment-service ID, security code and the phone's last 4, checked
    /// against the issuance.
    ///
    /// Throws `SaifuError`: `mynapoint.illegal_transition`; the shapes first
    /// (`mynapoint.invalid_service_id`, `mynapoint.invalid_security_code`,
    /// `phone.invalid_format`); then `mynapoint.invalid_service_id` (not the issued one),
    /// `mynapoint.security_code_mismatch`, `phone.mismatch`.
    #[wasm_bindgen(js_name = enterDetails)]
    pub fn enter_details(
        &mut self,
        #[wasm_bindgen(js_name = serviceId)] service_id: &JsString,
        #[wasm_bindgen(js_name = securityCode)] security_code: &JsString,
        #[wasm_bindgen(js_name = phoneLast4)] phone_last4: &JsString,
    ) -> Result<(), JsFailure> {
        let id = input::text(service_id, "serviceId")?;
        let last4 = input::text(phone_last4, "phoneLast4")?;
        let code = secret(security_code, "securityCode")?;
        Ok(self.0.enter_details(&id, &code, &last4)?)
    }

    /// STEP 4: the user checked the details and applies: the card's PIN comes next.
    ///
    /// Throws `SaifuError` `mynapoint.illegal_transition`.
    pub fn confirm(&mut self) -> Result<(), JsFailure> {
        Ok(self.0.confirm()?)
    }

    /// The later event (about a day after applying): registered.
    ///
    /// Throws `SaifuError` `mynapoint.illegal_transition` unless applied.
    #[wasm_bindgen(js_name = registrationConfirmed)]
    pub fn registration_confirmed(&mut self) -> Result<(), JsFailure> {
        Ok(self.0.registration_confirmed()?)
    }

    /// What `JSON.stringify` writes: the status, never a PIN, code or digest (save
    /// `parts()`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "MyNaPointStatus")]
    pub fn to_json(&self) -> JsValue {
        self.status()
    }

    /// `MyNaPoint(issued, reserved, choosingService)`: the three states, never a secret.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        let camel = crate::error::camel_case;
        format!(
            "MyNaPoint({}, {}, {})",
            camel(self.0.issuance_state().id()),
            camel(self.0.reservation_state().id()),
            camel(self.0.application_state().id())
        )
    }
}
