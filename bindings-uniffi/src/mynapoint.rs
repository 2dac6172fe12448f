//! MyNaPoint set-up (seed 004; DESIGN §8): the issuance of the payment-service ID and
//! security code at the bank, the reservation (MyKey ID) and the application, as one
//! object holding the core's `MyNaPoint`.
//!
//! The card's PIN, the SMS code and the security code are kept only as HMAC-SHA-256
//! digests under the integrator's key, so the whole set-up is plain data
//! ([`MyNaPointParts`]) that the app saves with the user's state and loads back with
//! [`MyNaPoint::from_parts`], checked by the core: reloading never unlocks or resets a
//! counter (the PIN's failures and lock, the SMS code's attempts). `toString` /
//! `description` / `repr` show the states and counters, never a PIN, code or the key.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use zeroize::Zeroizing;

use crate::credential::{OtpParts, PinParts, secret_key};
use crate::error::SaifuError;
use crate::time::{instant, timestamp};

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A state enum of one of the three flows, mirrored from the core's with its
/// conversions both ways and its stable id (`state.id()`).
macro_rules! flow_state {
    ($(#[doc = $doc:literal])* $name:ident, $id_doc:literal { $( $(#[doc = $vdoc:literal])* $variant:ident, )* }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name {
            $( $(#[doc = $vdoc])* $variant, )*
        }

        impl From<saifu::$name> for $name {
            fn from(s: saifu::$name) -> Self {
                match s {
                    $( saifu::$name::$variant => $name::$variant, )*
                }
            }
        }

        impl From<$name> for saifu::$name {
            fn from(s: $name) -> Self {
                match s {
                    $( $name::$variant => saifu::$name::$variant, )*
                }
            }
        }

        #[uniffi::export]
        impl $name {
            #[doc = $id_doc]
            pub fn id(&self) -> String {
                saifu::$name::from(*self).id().to_owned()
            }
        }
    };
}

flow_state! {
    /// Where the issuance (決済サービスID・セキュリティコードの発行) stands.
    MyNaPointIssuanceState,
    "The state's stable id: `not_started`, `awaiting_phone`, `awaiting_sms`, `awaiting_sms_code`, `awaiting_password`, `awaiting_issue`, `issued`, `closed`." {
        /// No card chosen yet.
        NotStarted,
        /// The card is chosen; waiting for the phone number.
        AwaitingPhone,
        /// The phone is entered; waiting for the bank to send the SMS code.
        AwaitingSms,
        /// The SMS code was sent; waiting for it.
        AwaitingSmsCode,
        /// The SMS code was accepted; waiting for the new password.
        AwaitingPassword,
        /// The password is set; waiting for the bank's answer.
        AwaitingIssue,
        /// The ID and security code are issued, viewable with the password.
        Issued,
        /// The application completed: no longer viewable.
        Closed,
    }
}

flow_state! {
    /// Where the reservation (マイキーIDの発行) stands.
    MyNaPointReservationState,
    "The state's stable id: `not_started`, `awaiting_pin`, `awaiting_card_read`, `awaiting_mykey_id`, `reserved`." {
        /// Not started.
        NotStarted,
        /// Waiting for the card's PIN.
        AwaitingPin,
        /// The PIN matched; waiting for the card to be read.
        AwaitingCardRead,
        /// The card was read; waiting for the MyKey ID.
        AwaitingMyKeyId,
        /// The MyKey ID is issued.
        Reserved,
    }
}

flow_state! {
    /// Where the application (マイナポイント申込) stands.
    MyNaPointApplicationState,
    "The state's stable id: `not_started`, `awaiting_resume_pin`, `awaiting_resume_card_read`, `choosing_service`, `awaiting_terms`, `awaiting_details`, `confirming`, `awaiting_pin`, `awaiting_card_read`, `applied`, `registered`." {
        /// Not started.
        NotStarted,
        /// Resuming later: waiting for the card's PIN.
        AwaitingResumePin,
        /// Resuming later: waiting for the card to be read.
        AwaitingResumeCardRead,
        /// Choosing the payment service.
        ChoosingService,
        /// The service's terms are shown.
        AwaitingTerms,
        /// Waiting for the ID, the security code and the phone's last 4.
        AwaitingDetails,
        /// The details matched; the confirmation screen.
        Confirming,
        /// Confirmed; waiting for the card's PIN.
        AwaitingPin,
        /// The PIN matched; waiting for the card to be read.
        AwaitingCardRead,
        /// Applied; registration is confirmed by a later event.
        Applied,
        /// Registered.
        Registered,
    }
}

pub use saifu::MyNaPointConfig;

/// The integrator's MyNaPoint settings.
#[uniffi::remote(Record)]
pub struct MyNaPointConfig {
    /// The card kinds eligible for the issuance and the application (seed 004: the
    /// integrator's AEON cards with WAON, AEON Bank Cash+Debit), e.g. `aeon_card_waon`.
    pub eligible_cards: Vec<String>,
    /// Minutes the SMS code is valid, 1–1440.
    #[uniffi(default = 10)]
    pub sms_otp_valid_minutes: i64,
    /// Wrong SMS codes that lock it, 1–100.
    #[uniffi(default = 3)]
    pub sms_otp_max_attempts: i64,
}

/// What a `MyNaPoint` saves: plain data, each PIN or code only as its digest.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct MyNaPointParts {
    /// Where the issuance stands.
    pub issuance: MyNaPointIssuanceState,
    /// The card kind chosen, once the issuance started.
    pub card_kind: Option<String>,
    /// The phone's ASCII digits, once entered.
    pub phone: Option<String>,
    /// The awaited SMS code, in `awaiting_sms_code` only.
    pub sms_otp: Option<OtpParts>,
    /// The payment-service ID, once issued.
    pub service_id: Option<String>,
    /// The security code's digest (80 lower-case hex digits), once issued.
    pub security_code: Option<String>,
    /// Where the reservation stands.
    pub reservation: MyNaPointReservationState,
    /// The card's PIN, once the reservation started.
    pub card_pin: Option<PinParts>,
    /// The MyKey ID, once reserved.
    pub mykey_id: Option<String>,
    /// Where the application stands.
    pub application: MyNaPointApplicationState,
    /// The payment service chosen in the application.
    pub chosen_service: Option<String>,
}

impl From<saifu::MyNaPointParts> for MyNaPointParts {
    fn from(p: saifu::MyNaPointParts) -> Self {
        MyNaPointParts {
            issuance: p.issuance.into(),
            card_kind: p.card_kind,
            phone: p.phone,
            sms_otp: p.sms_otp.map(Into::into),
            service_id: p.service_id,
            security_code: p.security_code.map(|d| d.to_hex()),
            reservation: p.reservation.into(),
            card_pin: p.card_pin.map(Into::into),
            mykey_id: p.mykey_id,
            application: p.application.into(),
            chosen_service: p.chosen_service,
        }
    }
}

impl MyNaPointParts {
    fn into_core(self) -> Result<saifu::MyNaPointParts, saifu::Error> {
        Ok(saifu::MyNaPointParts {
            issuance: self.issuance.into(),
            card_kind: self.card_kind,
            phone: self.phone,
            sms_otp: self.sms_otp.map(OtpParts::into_core).transpose()?,
            service_id: self.service_id,
            security_code: self
                .security_code
                .as_deref()
                .map(saifu::SecretDigest::from_hex)
                .transpose()?,
            reservation: self.reservation.into(),
            card_pin: self.card_pin.map(PinParts::into_core).transpose()?,
            mykey_id: self.mykey_id,
            application: self.application.into(),
            chosen_service: self.chosen_service,
        })
    }
}

/// A user's MyNaPoint set-up (seed 004): the issuance, the reservation and the
/// application, each step a command or an event the caller reports, each refusal a
/// coded error; a refused step changes nothing (a wrong PIN or SMS code counts).
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct MyNaPoint {
    inner: Mutex<saifu::MyNaPoint>,
}

impl fmt::Debug for MyNaPoint {
    /// The core's: the states, the IDs and the counters; never a PIN, code or the key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*lock(&self.inner), f)
    }
}

impl MyNaPoint {
    pub(crate) fn wrap(m: saifu::MyNaPoint) -> Arc<Self> {
        Arc::new(MyNaPoint {
            inner: Mutex::new(m),
        })
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, saifu::MyNaPoint> {
        lock(&self.inner)
    }
}

#[uniffi::export]
impl MyNaPoint {
    /// A new set-up, nothing started. `key` is the integrator's secret (16 bytes or more)
    /// that seals the PIN and codes; its bytes are wiped once read.
    ///
    /// # Errors
    /// `credential.invalid_key`; `mynapoint.invalid_config` naming the setting.
    #[uniffi::constructor]
    pub fn new(key: Vec<u8>, config: MyNaPointConfig) -> Result<Arc<Self>, SaifuError> {
        let key = secret_key(key)?;
        Ok(MyNaPoint::wrap(saifu::MyNaPoint::new(&key, config)?))
    }

    /// Loads a set-up from its saved parts, with the key that sealed them. Nothing is
    /// reset: a locked PIN stays locked.
    ///
    /// # Errors
    /// `credential.invalid_key`; `mynapoint.invalid_config`; `credential.invalid_digest`;
    /// `credential.key_mismatch`; `time.invalid`; `state.invalid_flow` (with `flow` and
    /// `detail`) for parts that do not fit together.
    #[uniffi::constructor]
    pub fn from_parts(
        key: Vec<u8>,
        config: MyNaPointConfig,
        parts: MyNaPointParts,
    ) -> Result<Arc<Self>, SaifuError> {
        let key = secret_key(key)?;
        let m = saifu::MyNaPoint::from_parts(&key, config, parts.into_core()?)?;
        Ok(MyNaPoint::wrap(m))
    }

    /// What to save: plain data, each PIN or code as its digest only.
    pub fn parts(&self) -> MyNaPointParts {
        lock(&self.inner).parts().into()
    }

    /// Where the issuance stands.
    pub fn issuance_state(&self) -> MyNaPointIssuanceState {
        lock(&self.inner).issuance_state().into()
    }

    /// Where the reservation stands.
    pub fn reservation_state(&self) -> MyNaPointReservationState {
        lock(&self.inner).reservation_state().into()
    }

    /// Where the application stands.
    pub fn application_state(&self) -> MyNaPointApplicationState {
        lock(&self.inner).application_state().into()
    }

    /// The card kind chosen for the issuance.
    pub fn card_kind(&self) -> Option<String> {
        lock(&self.inner).card_kind().map(str::to_owned)
    }

    /// The phone the SMS goes to, ASCII digits.
    pub fn phone(&self) -> Option<String> {
        lock(&self.inner).phone().map(|p| p.digits().to_owned())
    }

    /// The MyKey ID, once reserved.
    pub fn mykey_id(&self) -> Option<String> {
        lock(&self.inner).mykey_id().map(str::to_owned)
    }

    /// The payment service chosen in the application.
    pub fn chosen_service(&self) -> Option<String> {
        lock(&self.inner).chosen_service().map(str::to_owned)
    }

    /// PIN attempts left before the card locks (3 until the reservation starts).
    pub fn pin_remaining(&self) -> i64 {
        i64::from(lock(&self.inner).pin_remaining())
    }

    /// True once 3 consecutive wrong PINs locked the card.
    pub fn pin_locked(&self) -> bool {
        lock(&self.inner).pin_locked()
    }

    /// While the SMS code is awaited: wrong attempts left before it locks.
    pub fn sms_otp_remaining(&self) -> Option<i64> {
        lock(&self.inner).sms_otp_remaining().map(i64::from)
    }

    /// While the SMS code is awaited: the first instant it no longer works.
    pub fn sms_otp_expires_at(&self) -> Option<SystemTime> {
        lock(&self.inner).sms_otp_expires_at().map(timestamp)
    }

    /// Issuance: the card chosen (any state before `issued`: it starts over).
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` once issued; `mynapoint.card_not_eligible`.
    pub fn choose_card(&self, card: String) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).choose_card(&card)?)
    }

    /// Issuance: the phone number for the SMS, as typed.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition`; `phone.invalid_number`.
    pub fn enter_phone(&self, phone: String) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).enter_phone(&phone)?)
    }

    /// Issuance: the bank sent the 6-digit SMS code `code` at `sentAt` (again: a new code
    /// with fresh attempts). Kept only as its digest.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition`; `otp.invalid_format` unless 6 digits;
    /// `time.invalid`.
    pub fn sms_sent(&self, code: String, sent_at: SystemTime) -> Result<(), SaifuError> {
        let code = Zeroizing::new(code);
        let sent_at = instant(sent_at)?;
        Ok(lock(&self.inner).sms_sent(&code, sent_at)?)
    }

    /// Issuance: the SMS code typed at `at`.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition`; `otp.locked` (until a new code is sent),
    /// `otp.expired`, `otp.invalid_format` (not counted), `otp.mismatch` with
    /// `remaining`; `time.invalid`.
    pub fn enter_sms_code(&self, code: String, at: SystemTime) -> Result<(), SaifuError> {
        let code = Zeroizing::new(code);
        let at = instant(at)?;
        Ok(lock(&self.inner).enter_sms_code(&code, at)?)
    }

    /// Issuance: the new password, checked against the policy; nothing of it is kept.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition`; `password.*`.
    pub fn set_password(&self, password: String) -> Result<(), SaifuError> {
        let password = Zeroizing::new(password);
        Ok(lock(&self.inner).set_password(&password)?)
    }

    /// Issuance: the bank's answer, the payment-service ID and the security code (the
    /// code kept only as its digest).
    ///
    /// # Errors
    /// `mynapoint.illegal_transition`; `mynapoint.invalid_service_id` (1–32 letters and
    /// digits); `mynapoint.invalid_security_code` (1–16).
    pub fn issued(&self, service_id: String, security_code: String) -> Result<(), SaifuError> {
        let security_code = Zeroizing::new(security_code);
        Ok(lock(&self.inner).issued(&service_id, &security_code)?)
    }

    /// The issued payment-service ID, shown once the bank accepted the password.
    ///
    /// # Errors
    /// `mynapoint.not_viewable` before the issue and once applied;
    /// `mynapoint.password_rejected`.
    pub fn view(&self, password_accepted: bool) -> Result<String, SaifuError> {
        Ok(lock(&self.inner).view(password_accepted)?.to_owned())
    }

    /// Reservation: starts with the card's PIN to verify against (kept as its digest).
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` once started; `pin.invalid_format`.
    pub fn start_reservation(&self, pin: String) -> Result<(), SaifuError> {
        let pin = Zeroizing::new(pin);
        Ok(lock(&self.inner).start_reservation(&pin)?)
    }

    /// The card's PIN typed, for the reservation or the application (one counter).
    ///
    /// # Errors
    /// `mynapoint.illegal_transition`; `pin.locked`, `pin.invalid_format` (not
    /// counted), `pin.mismatch` with `remaining`.
    pub fn enter_pin(&self, pin: String) -> Result<(), SaifuError> {
        let pin = Zeroizing::new(pin);
        Ok(lock(&self.inner).enter_pin(&pin)?)
    }

    /// The card was read (reported by the caller).
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` when no flow awaits the card.
    pub fn card_read(&self) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).card_read()?)
    }

    /// Reservation: the MyKey ID issued.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition`; `mynapoint.invalid_mykey_id`.
    pub fn mykey_issued(&self, mykey_id: String) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).mykey_issued(&mykey_id)?)
    }

    /// Application: straight on after the reservation.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless reserved and not started.
    pub fn proceed_to_application(&self) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).proceed_to_application()?)
    }

    /// Application: resumed later, from the PIN again (the chosen service is forgotten).
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless reserved and not yet applied.
    pub fn resume_application(&self) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).resume_application()?)
    }

    /// Application: the payment service chosen.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition`; `mynapoint.card_not_eligible`.
    pub fn choose_service(&self, service: String) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).choose_service(&service)?)
    }

    /// Application: the service's terms accepted.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition`.
    pub fn accept_terms(&self) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).accept_terms()?)
    }

    /// Application: the payment-service ID, security code and the phone's last 4,
    /// checked against the issuance.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition`; the shapes: `mynapoint.invalid_service_id`,
    /// `mynapoint.invalid_security_code`, `phone.invalid_format`; then the comparisons:
    /// `mynapoint.invalid_service_id`, `mynapoint.security_code_mismatch`,
    /// `phone.mismatch`.
    pub fn enter_details(
        &self,
        service_id: String,
        security_code: String,
        phone_last4: String,
    ) -> Result<(), SaifuError> {
        let security_code = Zeroizing::new(security_code);
        Ok(lock(&self.inner).enter_details(&service_id, &security_code, &phone_last4)?)
    }

    /// Application: the confirmation screen confirmed; on to the PIN.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition`.
    pub fn confirm(&self) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).confirm()?)
    }

    /// Application: the later event that confirms the registration.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless applied.
    pub fn registration_confirmed(&self) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).registration_confirmed()?)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn at(text: &str) -> SystemTime {
        timestamp(saifu::chrono::DateTime::parse_from_rfc3339(text).unwrap())
    }

    #[test]
    fn the_parts_cross_both_ways_unchanged_and_a_lock_stays() {
        let key = vec![7u8; 32];
        let config = MyNaPointConfig {
            eligible_cards: vec!["aeon_card_waon".into()],
            sms_otp_valid_minutes: 10,
            sms_otp_max_attempts: 3,
        };
        let m = MyNaPoint::new(key.clone(), config.clone()).unwrap();
        m.choose_card("aeon_card_waon".into()).unwrap();
        m.enter_phone("090-1234-5678".into()).unwrap();
        let sent = at("2026-07-01T10:00:00+09:00");
        m.sms_sent("135790".into(), sent).unwrap();
        let wrong = m.enter_sms_code("000000".into(), sent).unwrap_err();
        assert_eq!(wrong.code(), "otp.mismatch");
        // Awaiting the SMS code: the OTP parts cross with their counters.
        let parts = m.parts();
        let again = MyNaPoint::from_parts(key.clone(), config.clone(), parts.clone()).unwrap();
        assert_eq!(again.parts(), parts);
        assert_eq!(again.sms_otp_remaining(), Some(2));
        assert_eq!(parts.sms_otp.as_ref().map(|o| o.digest.len()), Some(80));

        m.enter_sms_code("135790".into(), sent).unwrap();
        m.set_password("Waon2020pt".into()).unwrap();
        m.issued("1234567890123456".into(), "8F3K".into()).unwrap();
        m.start_reservation("1234".into()).unwrap();
        for _ in 0..3 {
            let _ = m.enter_pin("0000".into());
        }
        // The PIN and the security code cross as digests; the lock comes back.
        let parts = m.parts();
        let shown = format!("{m:?}");
        assert!(!shown.contains("8F3K") && !shown.contains("135790"));
        let again = MyNaPoint::from_parts(key, config, parts.clone()).unwrap();
        assert_eq!(again.parts(), parts);
        assert!(again.pin_locked());
        let locked = again.enter_pin("1234".into()).unwrap_err();
        assert_eq!(locked.code(), "pin.locked");
    }
}
