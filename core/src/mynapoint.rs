//! MyNaPoint set-up (seed 004; DESIGN §8): three flows as state machines, each step a
//! command or an event, each refusal a coded error, the whole saved and resumable.
//!
//! 1. **Issuance** at the bank (決済サービスID・セキュリティコードの発行): a card of an
//!    eligible kind → the phone for SMS → the 6-digit SMS one-time password → a password
//!    (DESIGN §8's policy) → issued: the payment-service ID and security code come from
//!    the bank's answer (the core invents none). They can be viewed, with the password,
//!    until the application completes.
//! 2. **Reservation** (マイキーIDの発行): the card's 4-digit PIN (locks after 3
//!    consecutive failures) → the card read → the MyKey ID issued. A user may stop here
//!    and apply later, starting from the PIN again.
//! 3. **Application** (マイナポイント申込): choose the payment service → accept its terms →
//!    the payment-service ID, security code and the phone's last 4 (checked against the
//!    issuance) → confirm → PIN → card read → applied; a later event (about a day later)
//!    makes it registered.
//!
//! One [`MyNaPoint`] holds the three, because three rules cross them: the card's PIN is
//! one counter for the reservation and the application (the card locks, not a screen);
//! the application is checked against what the issuance recorded; and the issuance
//! stops being viewable when the application completes. Its state is plain data
//! ([`MyNaPointParts`]): the PIN, the SMS code and the security code only as digests
//! under the integrator's [`SecretKey`], every counter included, so a reload never
//! unlocks or resets anything.
//!
//! Passwords: the core checks the new password against the policy and keeps nothing of
//! it. Viewing the ID takes the bank's answer on the password ([`MyNaPoint::view`]), as
//! sign-in does: a password needs a slow, salted hash on the server, and a fast keyed
//! hash kept in the app's saved state would let anyone holding that state and the key
//! try passwords offline.

use std::fmt;

use chrono::{DateTime, Duration, FixedOffset};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::credential::{
    OtpParts, Pin, PinParts, Purpose, SealedOtp, SealedPin, SecretDigest, SecretKey,
};
use crate::error::Error;
use crate::input;
use crate::json;
use crate::password::check_password;
use crate::phone::PhoneNumber;

/// Digits of the SMS one-time password (seed 004: 数字6桁).
pub const MYNAPOINT_SMS_DIGITS: usize = 6;
/// The longest payment-service ID (決済サービスID) accepted.
const SERVICE_ID_MAX: usize = 32;
/// The longest security code (セキュリティコード) accepted.
const SECURITY_CODE_MAX: usize = 16;
/// The longest MyKey ID accepted.
const MYKEY_ID_MAX: usize = 32;
/// The longest card kind id.
const CARD_KIND_MAX: usize = 64;

/// Defines a flow's state enum with its ids.
macro_rules! states {
    ($(#[doc = $doc:literal])* $name:ident { $( $(#[doc = $vdoc:literal])* $variant:ident = $id:literal, )* }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[doc = $vdoc])* $variant, )*
        }

        impl $name {
            /// Every state, in the flow's order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];

            /// The state's id (snake_case).
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self {
                    $( $name::$variant => $id, )*
                }
            }

            /// The state of an id returned by `id`.
            #[must_use]
            pub fn from_id(id: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|s| s.id() == id)
            }
        }

        $crate::json::unit_enum!($name [$($variant),*]);
    };
}

states! {
    /// Where the issuance at the bank stands.
    ///
    /// ```
    /// use saifu::MyNaPointIssuanceState;
    /// assert_eq!(MyNaPointIssuanceState::AwaitingSmsCode.id(), "awaiting_sms_code");
    /// ```
    MyNaPointIssuanceState {
        /// Not started: waiting for the card (初回登録).
        NotStarted = "not_started",
        /// The card is eligible: waiting for the phone number for SMS.
        AwaitingPhone = "awaiting_phone",
        /// The phone is entered: waiting for the bank to send the SMS code.
        AwaitingSms = "awaiting_sms",
        /// The SMS code was sent: waiting for it (ワンタイムパスワードを入力).
        AwaitingSmsCode = "awaiting_sms_code",
        /// The SMS code matched: waiting for the password (パスワードを設定).
        AwaitingPassword = "awaiting_password",
        /// The password is set: waiting for the bank to issue the ID and code.
        AwaitingIssue = "awaiting_issue",
        /// Issued (発行完了): the ID and code can be viewed with the password.
        Issued = "issued",
        /// The application completed: the ID and code can no longer be viewed.
        Closed = "closed",
    }
}

states! {
    /// Where the reservation (マイキーIDの発行) stands.
    ///
    /// ```
    /// use saifu::MyNaPointReservationState;
    /// assert_eq!(MyNaPointReservationState::from_id("reserved"), Some(MyNaPointReservationState::Reserved));
    /// ```
    MyNaPointReservationState {
        /// Not started.
        NotStarted = "not_started",
        /// Waiting for the card's PIN (パスワード（数字4桁）).
        AwaitingPin = "awaiting_pin",
        /// The PIN matched: waiting for the card to be read.
        AwaitingCardRead = "awaiting_card_read",
        /// The card was read: waiting for the MyKey ID (発行).
        AwaitingMyKeyId = "awaiting_mykey_id",
        /// Reserved (予約完了): the MyKey ID is issued.
        Reserved = "reserved",
    }
}

states! {
    /// Where the application (マイナポイント申込) stands.
    ///
    /// ```
    /// use saifu::MyNaPointApplicationState;
    /// assert_eq!(MyNaPointApplicationState::Registered.id(), "registered");
    /// ```
    MyNaPointApplicationState {
        /// Not started.
        NotStarted = "not_started",
        /// Resumed later from the app's top: waiting for the card's PIN first.
        AwaitingResumePin = "awaiting_resume_pin",
        /// Resumed later: the PIN matched, waiting for the card to be read.
        AwaitingResumeCardRead = "awaiting_resume_card_read",
        /// STEP 1: choosing the payment service (決済サービスを選択).
        ChoosingService = "choosing_service",
        /// STEP 2: the payment service's terms (利用規約を確認).
        AwaitingTerms = "awaiting_terms",
        /// STEP 3: the payment-service ID, security code and phone's last 4 (必要事項の入力).
        AwaitingDetails = "awaiting_details",
        /// STEP 4: the details are right; the user checks and applies (申込).
        Confirming = "confirming",
        /// Applying: waiting for the card's PIN.
        AwaitingPin = "awaiting_pin",
        /// Applying: the PIN matched, waiting for the card to be read.
        AwaitingCardRead = "awaiting_card_read",
        /// Applied (申込完了): registration follows in about a day.
        Applied = "applied",
        /// Registered: the later confirmation arrived.
        Registered = "registered",
    }
}

/// The integrator's MyNaPoint settings.
///
/// ```
/// use saifu::MyNaPointConfig;
///
/// let config = MyNaPointConfig::new(vec!["aeon_card_waon".into(), "aeon_bank_cash_plus_debit".into()]);
/// assert_eq!((config.sms_otp_valid_minutes, config.sms_otp_max_attempts), (10, 3));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyNaPointConfig {
    /// The card kinds that may be registered (seed 004: AEON cards with WAON and AEON
    /// Bank Cash+Debit), as the integrator names them: 1–64 printable ASCII characters
    /// each, no duplicates.
    pub eligible_cards: Vec<String>,
    /// Minutes the SMS one-time password is valid, 1–1440.
    pub sms_otp_valid_minutes: i64,
    /// Wrong SMS codes that lock it (until a new one is sent), 1–100.
    pub sms_otp_max_attempts: i64,
}

impl MyNaPointConfig {
    /// These card kinds, with an SMS code valid 10 minutes and locked after 3 failures.
    #[must_use]
    pub fn new(eligible_cards: Vec<String>) -> MyNaPointConfig {
        MyNaPointConfig {
            eligible_cards,
            sms_otp_valid_minutes: 10,
            sms_otp_max_attempts: 3,
        }
    }

    fn check(&self) -> Result<(Duration, u32), Error> {
        let field = |name: &str| Error::MyNaPointInvalidConfig {
            field: name.to_owned(),
        };
        for (i, kind) in self.eligible_cards.iter().enumerate() {
            let repeated = self.eligible_cards.iter().take(i).any(|k| k == kind);
            if !kind_ok(kind) || repeated {
                return Err(field("eligible_cards"));
            }
        }
        if !(1..=1440).contains(&self.sms_otp_valid_minutes) {
            return Err(field("sms_otp_valid_minutes"));
        }
        let attempts = u32::try_from(self.sms_otp_max_attempts)
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| field("sms_otp_max_attempts"))?;
        Ok((Duration::minutes(self.sms_otp_valid_minutes), attempts))
    }

    fn eligible(&self, kind: &str) -> bool {
        self.eligible_cards.iter().any(|k| k == kind)
    }
}

fn kind_ok(kind: &str) -> bool {
    !kind.is_empty() && kind.len() <= CARD_KIND_MAX && kind.bytes().all(|b| b.is_ascii_graphic())
}

/// Half-width letters and digits as typed: trimmed, full-width letters and digits read
/// as ASCII; `None` for anything else, nothing, or more than `max` characters.
fn alnum(text: &str, max: usize) -> Option<Zeroizing<String>> {
    let mut out = Zeroizing::new(String::with_capacity(max));
    for c in input::trim(text).0.chars() {
        let ascii = match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' => c,
            'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９' => {
                char::from_u32(u32::from(c).wrapping_sub(0xFEE0))?
            }
            _ => return None,
        };
        if out.len() >= max {
            return None;
        }
        out.push(ascii);
    }
    (!out.is_empty()).then_some(out)
}

/// What a [`MyNaPoint`] saves: plain data, every secret as a digest under the
/// integrator's key. Restore it with [`MyNaPoint::from_parts`].
///
/// ```
/// use saifu::{MyNaPoint, MyNaPointConfig, MyNaPointIssuanceState, SecretKey};
///
/// let key = SecretKey::new(&[6u8; 32])?;
/// let mut flow = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
/// flow.choose_card("aeon_card_waon")?;
/// let parts = flow.parts();
/// assert_eq!(parts.issuance, MyNaPointIssuanceState::AwaitingPhone);
/// assert_eq!(parts.card_kind.as_deref(), Some("aeon_card_waon"));
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyNaPointParts {
    /// Where the issuance stands.
    pub issuance: MyNaPointIssuanceState,
    /// The card kind chosen, once the issuance started.
    pub card_kind: Option<String>,
    /// The phone for SMS (ASCII digits), from `awaiting_sms` on.
    pub phone: Option<String>,
    /// The SMS one-time password, in `awaiting_sms_code` only.
    pub sms_otp: Option<OtpParts>,
    /// The payment-service ID the bank issued, in `issued` and `closed`.
    pub service_id: Option<String>,
    /// The security code the bank issued, sealed, in `issued` and `closed`.
    pub security_code: Option<SecretDigest>,
    /// Where the reservation stands.
    pub reservation: MyNaPointReservationState,
    /// The card's PIN, sealed, with its failures, once the reservation started.
    pub card_pin: Option<PinParts>,
    /// The MyKey ID, once reserved.
    pub mykey_id: Option<String>,
    /// Where the application stands (not started until reserved).
    pub application: MyNaPointApplicationState,
    /// The payment service chosen, from `awaiting_terms` on.
    pub chosen_service: Option<String>,
}

json::record!(MyNaPointParts {
    issuance,
    card_kind,
    phone,
    sms_otp,
    service_id,
    security_code,
    reservation,
    card_pin,
    mykey_id,
    application,
    chosen_service
});

/// A user's MyNaPoint set-up: the issuance, the reservation and the application (see
/// the module docs). Every step returns nothing or what it shows; a refused step
/// changes nothing (a wrong PIN or SMS code counts as an attempt).
///
/// ```
/// use chrono::DateTime;
/// use saifu::{MyNaPoint, MyNaPointConfig, SecretKey};
///
/// let key = SecretKey::new(b"the integrator's secret, 32 byte")?;
/// let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
/// let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
/// assert_eq!(m.choose_card("visa_gold").unwrap_err().code(), "mynapoint.card_not_eligible");
/// m.choose_card("aeon_card_waon")?;
/// m.enter_phone("090-1234-5678")?;
/// m.sms_sent("135790", at)?;                 // the bank's SMS
/// m.enter_sms_code("１３５７９０", at)?;
/// m.set_password("Waon2020pt")?;
/// m.issued("1234567890123456", "8F3K")?;     // the bank's answer
/// assert_eq!(m.view(true)?, "1234567890123456");
///
/// m.start_reservation("1234")?;              // the card's PIN, kept sealed
/// assert_eq!(m.enter_pin("1111").unwrap_err().code(), "pin.mismatch");
/// m.enter_pin("1234")?;
/// m.card_read()?;
/// m.mykey_issued("AB12CD34")?;
///
/// m.proceed_to_application()?;
/// m.choose_service("aeon_card_waon")?;
/// m.accept_terms()?;
/// assert_eq!(m.enter_details("1234567890123456", "8F3K", "5679").unwrap_err().code(), "phone.mismatch");
/// m.enter_details("1234567890123456", "８Ｆ３Ｋ", "5678")?;
/// m.confirm()?;
/// m.enter_pin("1234")?;
/// m.card_read()?;
/// assert_eq!(m.view(true).unwrap_err().code(), "mynapoint.not_viewable");
/// m.registration_confirmed()?;
/// assert_eq!(m.application_state().id(), "registered");
/// assert!(!format!("{m:?}").contains("8F3K"));
/// assert!(!format!("{m:?}").contains("1234567890123456"), "shown only with the password");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct MyNaPoint {
    key: SecretKey,
    config: MyNaPointConfig,
    sms_valid_for: Duration,
    sms_attempts: u32,
    issuance: MyNaPointIssuanceState,
    card_kind: Option<String>,
    phone: Option<PhoneNumber>,
    sms_otp: Option<SealedOtp>,
    service_id: Option<String>,
    security_code: Option<SecretDigest>,
    reservation: MyNaPointReservationState,
    card_pin: Option<SealedPin>,
    mykey_id: Option<String>,
    application: MyNaPointApplicationState,
    chosen_service: Option<String>,
}

impl fmt::Debug for MyNaPoint {
    /// Every field but the payment-service ID, which DESIGN §8 shows only to the holder
    /// of the password ([`MyNaPoint::view`]): `Some("<issued>")` stands for it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MyNaPoint")
            .field("key", &self.key)
            .field("config", &self.config)
            .field("sms_valid_for", &self.sms_valid_for)
            .field("sms_attempts", &self.sms_attempts)
            .field("issuance", &self.issuance)
            .field("card_kind", &self.card_kind)
            .field("phone", &self.phone)
            .field("sms_otp", &self.sms_otp)
            .field("service_id", &self.service_id.as_ref().map(|_| "<issued>"))
            .field("security_code", &self.security_code)
            .field("reservation", &self.reservation)
            .field("card_pin", &self.card_pin)
            .field("mykey_id", &self.mykey_id)
            .field("application", &self.application)
            .field("chosen_service", &self.chosen_service)
            .finish()
    }
}

use MyNaPointApplicationState as App;
use MyNaPointIssuanceState as Iss;
use MyNaPointReservationState as Res;

impl MyNaPoint {
    /// A set-up with nothing started.
    ///
    /// # Errors
    /// `mynapoint.invalid_config` naming the setting: a card kind that is empty, longer
    /// than 64 characters, not printable ASCII or listed twice; a validity or attempt
    /// limit out of range.
    ///
    /// ```
    /// use saifu::{MyNaPoint, MyNaPointConfig, SecretKey};
    ///
    /// let key = SecretKey::new(&[1u8; 16])?;
    /// let twice = MyNaPointConfig::new(vec!["aeon_card_waon".into(), "aeon_card_waon".into()]);
    /// assert_eq!(MyNaPoint::new(&key, twice).unwrap_err().code(), "mynapoint.invalid_config");
    /// let m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// assert_eq!(m.issuance_state().id(), "not_started");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn new(key: &SecretKey, config: MyNaPointConfig) -> Result<MyNaPoint, Error> {
        let (sms_valid_for, sms_attempts) = config.check()?;
        Ok(MyNaPoint {
            key: key.clone(),
            config,
            sms_valid_for,
            sms_attempts,
            issuance: Iss::NotStarted,
            card_kind: None,
            phone: None,
            sms_otp: None,
            service_id: None,
            security_code: None,
            reservation: Res::NotStarted,
            card_pin: None,
            mykey_id: None,
            application: App::NotStarted,
            chosen_service: None,
        })
    }

    /// Restores a set-up from its saved parts, with the key that sealed its secrets.
    /// Nothing is reset: the PIN's failures and lock and the SMS code's attempts and
    /// lock are what they were. The card kind is not checked against the current
    /// configuration, so a set-up saved before the integrator changed its list still
    /// loads.
    ///
    /// # Errors
    /// `mynapoint.invalid_config`; `credential.key_mismatch`; `time.invalid`;
    /// `state.invalid_flow` for parts that do not fit together (a field present in a
    /// state that has none or missing where one is needed, an application before the
    /// reservation, an issuance that is not closed once applied) or a value that is
    /// malformed (card kind, phone, IDs, counters).
    ///
    /// ```
    /// use saifu::{MyNaPoint, MyNaPointConfig, SecretKey};
    ///
    /// let key = SecretKey::new(&[6u8; 32])?;
    /// let config = MyNaPointConfig::new(vec!["aeon_card_waon".into()]);
    /// let mut m = MyNaPoint::new(&key, config.clone())?;
    /// m.start_reservation("1234")?;
    /// let _ = m.enter_pin("0000");
    /// let _ = m.enter_pin("0000");
    /// let mut again = MyNaPoint::from_parts(&key, config, m.parts())?;
    /// assert_eq!(again.enter_pin("0000").unwrap_err().code(), "pin.locked"); // the third
    /// assert_eq!(again.enter_pin("1234").unwrap_err().code(), "pin.locked");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn from_parts(
        key: &SecretKey,
        config: MyNaPointConfig,
        parts: MyNaPointParts,
    ) -> Result<MyNaPoint, Error> {
        let mut m = MyNaPoint::new(key, config)?;
        let invalid = |detail: &str| Error::StateInvalidFlow {
            flow: "mynapoint".to_owned(),
            detail: detail.to_owned(),
        };
        // Each optional field: present exactly in the states that have it.
        let fit = |present: bool, wanted: bool, name: &str| match (present, wanted) {
            (true, false) => Err(invalid(&format!("{name} in a state without one"))),
            (false, true) => Err(invalid(&format!("{name} missing"))),
            _ => Ok(()),
        };
        let iss = parts.issuance;
        fit(
            parts.card_kind.is_some(),
            iss != Iss::NotStarted,
            "card_kind",
        )?;
        let has_phone = !matches!(iss, Iss::NotStarted | Iss::AwaitingPhone);
        fit(parts.phone.is_some(), has_phone, "phone")?;
        fit(
            parts.sms_otp.is_some(),
            iss == Iss::AwaitingSmsCode,
            "sms_otp",
        )?;
        let issued = matches!(iss, Iss::Issued | Iss::Closed);
        fit(parts.service_id.is_some(), issued, "service_id")?;
        fit(parts.security_code.is_some(), issued, "security_code")?;
        let res = parts.reservation;
        fit(parts.card_pin.is_some(), res != Res::NotStarted, "card_pin")?;
        fit(parts.mykey_id.is_some(), res == Res::Reserved, "mykey_id")?;
        let app = parts.application;
        let chosen = matches!(
            app,
            App::AwaitingTerms
                | App::AwaitingDetails
                | App::Confirming
                | App::AwaitingPin
                | App::AwaitingCardRead
                | App::Applied
                | App::Registered
        );
        fit(parts.chosen_service.is_some(), chosen, "chosen_service")?;
        if app != App::NotStarted && res != Res::Reserved {
            return Err(invalid("an application before the reservation"));
        }
        let applied = matches!(app, App::Applied | App::Registered);
        if applied != (iss == Iss::Closed) {
            return Err(invalid("the issuance is closed exactly when applied"));
        }
        let checked = matches!(
            app,
            App::Confirming | App::AwaitingPin | App::AwaitingCardRead
        );
        if checked && iss != Iss::Issued {
            return Err(invalid("details checked without an issued ID"));
        }

        if let Some(kind) = parts.card_kind {
            if !kind_ok(&kind) {
                return Err(invalid("invalid card_kind"));
            }
            m.card_kind = Some(kind);
        }
        if let Some(phone) = parts.phone {
            let parsed = PhoneNumber::parse(&phone)
                .ok()
                .filter(|p| p.digits() == phone)
                .ok_or_else(|| invalid("invalid phone"))?;
            m.phone = Some(parsed);
        }
        if let Some(otp) = parts.sms_otp {
            let otp = SealedOtp::from_parts(key, otp)?;
            if otp.digits() != MYNAPOINT_SMS_DIGITS || otp.is_used() {
                return Err(invalid("the awaited SMS code is not 6 digits or is used"));
            }
            m.sms_otp = Some(otp);
        }
        if let Some(id) = parts.service_id {
            let normal = alnum(&id, SERVICE_ID_MAX).filter(|n| n.as_str() == id);
            if normal.is_none() {
                return Err(invalid("invalid service_id"));
            }
            m.service_id = Some(id);
        }
        if let Some(code) = parts.security_code {
            key.check(&code)?;
            m.security_code = Some(code);
        }
        if let Some(pin) = parts.card_pin {
            m.card_pin = Some(SealedPin::from_parts(key, pin)?);
        }
        if let Some(id) = parts.mykey_id {
            let normal = alnum(&id, MYKEY_ID_MAX).filter(|n| n.as_str() == id);
            if normal.is_none() {
                return Err(invalid("invalid mykey_id"));
            }
            m.mykey_id = Some(id);
        }
        if let Some(service) = parts.chosen_service {
            if !kind_ok(&service) {
                return Err(invalid("invalid chosen_service"));
            }
            m.chosen_service = Some(service);
        }
        m.issuance = iss;
        m.reservation = res;
        m.application = app;
        Ok(m)
    }

    /// What to save: plain data, every secret as a digest.
    #[must_use]
    pub fn parts(&self) -> MyNaPointParts {
        MyNaPointParts {
            issuance: self.issuance,
            card_kind: self.card_kind.clone(),
            phone: self.phone.as_ref().map(|p| p.digits().to_owned()),
            sms_otp: self.sms_otp.as_ref().map(SealedOtp::parts),
            service_id: self.service_id.clone(),
            security_code: self.security_code,
            reservation: self.reservation,
            card_pin: self.card_pin.as_ref().map(SealedPin::parts),
            mykey_id: self.mykey_id.clone(),
            application: self.application,
            chosen_service: self.chosen_service.clone(),
        }
    }

    /// The integrator's settings it runs with.
    #[must_use]
    pub fn config(&self) -> &MyNaPointConfig {
        &self.config
    }

    /// Where the issuance stands.
    #[must_use]
    pub fn issuance_state(&self) -> MyNaPointIssuanceState {
        self.issuance
    }

    /// Where the reservation stands.
    #[must_use]
    pub fn reservation_state(&self) -> MyNaPointReservationState {
        self.reservation
    }

    /// Where the application stands.
    #[must_use]
    pub fn application_state(&self) -> MyNaPointApplicationState {
        self.application
    }

    /// The card kind chosen for the issuance.
    #[must_use]
    pub fn card_kind(&self) -> Option<&str> {
        self.card_kind.as_deref()
    }

    /// The phone the SMS goes to.
    #[must_use]
    pub fn phone(&self) -> Option<&PhoneNumber> {
        self.phone.as_ref()
    }

    /// The MyKey ID, once reserved.
    #[must_use]
    pub fn mykey_id(&self) -> Option<&str> {
        self.mykey_id.as_deref()
    }

    /// The payment service chosen in the application.
    #[must_use]
    pub fn chosen_service(&self) -> Option<&str> {
        self.chosen_service.as_deref()
    }

    /// PIN attempts left before the card locks (3 until the reservation starts).
    #[must_use]
    pub fn pin_remaining(&self) -> u32 {
        self.card_pin
            .as_ref()
            .map_or(Pin::MAX_FAILURES, SealedPin::remaining)
    }

    /// True once 3 consecutive wrong PINs locked the card.
    #[must_use]
    pub fn pin_locked(&self) -> bool {
        self.card_pin.as_ref().is_some_and(SealedPin::is_locked)
    }

    /// While the SMS code is awaited: wrong attempts left before it locks.
    #[must_use]
    pub fn sms_otp_remaining(&self) -> Option<u32> {
        self.sms_otp.as_ref().map(SealedOtp::remaining)
    }

    /// While the SMS code is awaited: the first instant it no longer works.
    #[must_use]
    pub fn sms_otp_expires_at(&self) -> Option<DateTime<FixedOffset>> {
        self.sms_otp.as_ref().map(SealedOtp::expires_at)
    }

    fn illegal(flow: &str, state: &'static str) -> Error {
        Error::MyNaPointIllegalTransition {
            flow: flow.to_owned(),
            state: state.to_owned(),
        }
    }

    fn in_issuance(&self, states: &[MyNaPointIssuanceState]) -> Result<(), Error> {
        if states.contains(&self.issuance) {
            Ok(())
        } else {
            Err(Self::illegal("issuance", self.issuance.id()))
        }
    }

    fn in_application(&self, states: &[MyNaPointApplicationState]) -> Result<(), Error> {
        if self.reservation != Res::Reserved {
            return Err(Self::illegal("reservation", self.reservation.id()));
        }
        if states.contains(&self.application) {
            Ok(())
        } else {
            Err(Self::illegal("application", self.application.id()))
        }
    }

    // ---- issuance ----

    /// 初回登録: the card to register. Also starts over from the card at any step before
    /// the ID is issued (forgetting the phone and the SMS code).
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` once issued; `mynapoint.card_not_eligible` for a
    /// kind not in the integrator's list.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// assert_eq!(m.choose_card("visa_classic").unwrap_err().code(), "mynapoint.card_not_eligible");
    /// m.choose_card("aeon_card_waon")?;
    /// assert_eq!(m.issuance_state(), MyNaPointIssuanceState::AwaitingPhone);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn choose_card(&mut self, kind: &str) -> Result<(), Error> {
        self.in_issuance(&[
            Iss::NotStarted,
            Iss::AwaitingPhone,
            Iss::AwaitingSms,
            Iss::AwaitingSmsCode,
            Iss::AwaitingPassword,
            Iss::AwaitingIssue,
        ])?;
        if !self.config.eligible(kind) {
            return Err(Error::MyNaPointCardNotEligible);
        }
        self.card_kind = Some(kind.to_owned());
        self.phone = None;
        self.sms_otp = None;
        self.issuance = Iss::AwaitingPhone;
        Ok(())
    }

    /// The phone number the SMS code goes to.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless waiting for it; `phone.invalid_number`
    /// ([`PhoneNumber::parse`]).
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// assert_eq!(m.enter_phone("090-1234-56").unwrap_err().code(), "phone.invalid_number");
    /// m.enter_phone("０９０ー１２３４ー５６７８")?;
    /// assert_eq!(m.phone().map(PhoneNumber::digits), Some("09012345678"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enter_phone(&mut self, phone: &str) -> Result<(), Error> {
        self.in_issuance(&[Iss::AwaitingPhone])?;
        self.phone = Some(PhoneNumber::parse(phone)?);
        self.issuance = Iss::AwaitingSms;
        Ok(())
    }

    /// The bank sent the 6-digit SMS code `code` at `sent_at`; a new one replaces the
    /// previous (after expiry or a lock), with fresh attempts. Kept only as its digest.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless the phone is entered and the code not yet
    /// accepted; `otp.invalid_format` unless 6 digits; `time.invalid`.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// assert_eq!(m.sms_sent("1357", at).unwrap_err().code(), "otp.invalid_format");
    /// m.sms_sent("135790", at)?;
    /// assert_eq!(m.sms_otp_remaining(), Some(3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sms_sent(&mut self, code: &str, sent_at: DateTime<FixedOffset>) -> Result<(), Error> {
        self.in_issuance(&[Iss::AwaitingSms, Iss::AwaitingSmsCode])?;
        let otp = SealedOtp::new(
            &self.key,
            code,
            sent_at,
            self.sms_valid_for,
            self.sms_attempts,
        )?;
        if otp.digits() != MYNAPOINT_SMS_DIGITS {
            return Err(Error::OtpInvalidFormat);
        }
        self.sms_otp = Some(otp);
        self.issuance = Iss::AwaitingSmsCode;
        Ok(())
    }

    /// The SMS code typed at `at` (認証): on to the password when it matches.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless waiting for it; then DESIGN §8's checks:
    /// `otp.locked` (until a new code is sent), `otp.expired`, `otp.invalid_format` (not
    /// counted), `otp.mismatch` with `remaining` (the failure that reaches the limit
    /// answers `otp.locked`).
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// # m.sms_sent("135790", at)?;
    /// assert_eq!(m.enter_sms_code("135791", at).unwrap_err().code(), "otp.mismatch");
    /// m.enter_sms_code("１３５７９０", at)?;
    /// assert_eq!(m.issuance_state(), MyNaPointIssuanceState::AwaitingPassword);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enter_sms_code(&mut self, code: &str, at: DateTime<FixedOffset>) -> Result<(), Error> {
        self.in_issuance(&[Iss::AwaitingSmsCode])?;
        let Some(otp) = self.sms_otp.as_mut() else {
            return Err(Self::illegal("issuance", self.issuance.id()));
        };
        otp.verify(code, at)?;
        self.sms_otp = None;
        self.issuance = Iss::AwaitingPassword;
        Ok(())
    }

    /// The password to set (パスワードを設定), checked against the policy; the bank keeps
    /// it, the core does not.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless waiting for it; `password.*`
    /// ([`crate::check_password`]).
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// # m.sms_sent("135790", at)?;
    /// # m.enter_sms_code("135790", at)?;
    /// assert_eq!(m.set_password("waonwaon").unwrap_err().code(), "password.missing_digit");
    /// m.set_password("Waon2020pt")?;
    /// assert_eq!(m.issuance_state(), MyNaPointIssuanceState::AwaitingIssue);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_password(&mut self, password: &str) -> Result<(), Error> {
        self.in_issuance(&[Iss::AwaitingPassword])?;
        check_password(password)?;
        self.issuance = Iss::AwaitingIssue;
        Ok(())
    }

    /// The bank's answer (発行完了): the payment-service ID and security code it issued.
    /// Both are read as typed elsewhere (trimmed, full-width letters and digits as
    /// ASCII); the security code is kept only as its digest.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless the password is set;
    /// `mynapoint.invalid_service_id` unless 1–32 letters and digits;
    /// `mynapoint.invalid_security_code` unless 1–16.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// # m.sms_sent("135790", at)?;
    /// # m.enter_sms_code("135790", at)?;
    /// # m.set_password("Waon2020pt")?;
    /// assert_eq!(m.issued("SVC-1234", "8F3K").unwrap_err().code(), "mynapoint.invalid_service_id");
    /// m.issued("SVC1234", "8F3K")?;
    /// assert_eq!(m.issuance_state(), MyNaPointIssuanceState::Issued);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issued(&mut self, service_id: &str, security_code: &str) -> Result<(), Error> {
        self.in_issuance(&[Iss::AwaitingIssue])?;
        let id = alnum(service_id, SERVICE_ID_MAX).ok_or(Error::MyNaPointInvalidServiceId)?;
        let code =
            alnum(security_code, SECURITY_CODE_MAX).ok_or(Error::MyNaPointInvalidSecurityCode)?;
        self.service_id = Some(id.as_str().to_owned());
        self.security_code = Some(self.key.seal(Purpose::SecurityCode, code.as_bytes()));
        self.issuance = Iss::Issued;
        Ok(())
    }

    /// Viewing the issued ID and code on the bank's page, after the bank checked the
    /// password (`password_accepted` is its answer). Returns the payment-service ID; the
    /// security code is shown from the bank's record (the core keeps only its digest).
    ///
    /// # Errors
    /// `mynapoint.not_viewable` before the issue and once the application completed;
    /// `mynapoint.password_rejected` when the bank refused the password.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// # m.sms_sent("135790", at)?;
    /// # m.enter_sms_code("135790", at)?;
    /// # m.set_password("Waon2020pt")?;
    /// assert_eq!(m.view(true).unwrap_err().code(), "mynapoint.not_viewable");
    /// m.issued("SVC1234", "8F3K")?;
    /// assert_eq!(m.view(false).unwrap_err().code(), "mynapoint.password_rejected");
    /// assert_eq!(m.view(true)?, "SVC1234");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn view(&self, password_accepted: bool) -> Result<&str, Error> {
        let Some(id) = self
            .service_id
            .as_deref()
            .filter(|_| self.issuance == Iss::Issued)
        else {
            return Err(Error::MyNaPointNotViewable);
        };
        if !password_accepted {
            return Err(Error::MyNaPointPasswordRejected);
        }
        Ok(id)
    }

    // ---- reservation ----

    /// マイナポイントの予約: starts the reservation with the card's 4-digit PIN (as set when
    /// the card was issued), kept only as its digest. The PIN's failures then count for
    /// the reservation and the application alike.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` once started; `pin.invalid_format` unless 4 digits.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// assert_eq!(m.start_reservation("123").unwrap_err().code(), "pin.invalid_format");
    /// m.start_reservation("1234")?;
    /// assert_eq!(m.reservation_state(), MyNaPointReservationState::AwaitingPin);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn start_reservation(&mut self, card_pin: &str) -> Result<(), Error> {
        if self.reservation != Res::NotStarted {
            return Err(Self::illegal("reservation", self.reservation.id()));
        }
        self.card_pin = Some(SealedPin::new(&self.key, card_pin)?);
        self.reservation = Res::AwaitingPin;
        Ok(())
    }

    /// The card's PIN typed (パスワード（数字4桁）), for the reservation, a resumed
    /// application or the application itself, whichever awaits it.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` when no flow awaits a PIN; then DESIGN §8's PIN
    /// checks: `pin.locked`, `pin.invalid_format` (not counted), `pin.mismatch` with
    /// `remaining` (the third consecutive failure answers `pin.locked`).
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// assert_eq!(m.enter_pin("1234").unwrap_err().code(), "mynapoint.illegal_transition");
    /// m.start_reservation("1234")?;
    /// assert_eq!(m.enter_pin("1111").unwrap_err().code(), "pin.mismatch");
    /// assert_eq!(m.pin_remaining(), 2);
    /// m.enter_pin("１２３４")?;
    /// assert_eq!(m.pin_remaining(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enter_pin(&mut self, pin: &str) -> Result<(), Error> {
        let next = match (self.reservation, self.application) {
            (Res::AwaitingPin, _) => Step::Reservation(Res::AwaitingCardRead),
            (Res::Reserved, App::AwaitingResumePin) => {
                Step::Application(App::AwaitingResumeCardRead)
            }
            (Res::Reserved, App::AwaitingPin) => Step::Application(App::AwaitingCardRead),
            _ => return Err(self.nothing_awaited()),
        };
        let Some(card_pin) = self.card_pin.as_mut() else {
            return Err(self.nothing_awaited());
        };
        card_pin.verify(pin)?;
        self.go(next);
        Ok(())
    }

    /// The app read the card (マイナンバーカードを読み取る), for whichever flow awaits it.
    /// Reading it to apply completes the application (申込完了), after which the issued
    /// ID and code can no longer be viewed.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` when no flow awaits the card.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// assert_eq!(m.card_read().unwrap_err().code(), "mynapoint.illegal_transition");
    /// m.start_reservation("1234")?;
    /// m.enter_pin("1234")?;
    /// m.card_read()?;
    /// assert_eq!(m.reservation_state(), MyNaPointReservationState::AwaitingMyKeyId);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn card_read(&mut self) -> Result<(), Error> {
        let next = match (self.reservation, self.application) {
            (Res::AwaitingCardRead, _) => Step::Reservation(Res::AwaitingMyKeyId),
            (Res::Reserved, App::AwaitingResumeCardRead) => Step::Application(App::ChoosingService),
            (Res::Reserved, App::AwaitingCardRead) => Step::Application(App::Applied),
            _ => return Err(self.nothing_awaited()),
        };
        if next == Step::Application(App::Applied) {
            self.issuance = Iss::Closed;
        }
        self.go(next);
        Ok(())
    }

    fn nothing_awaited(&self) -> Error {
        if self.reservation == Res::Reserved {
            Self::illegal("application", self.application.id())
        } else {
            Self::illegal("reservation", self.reservation.id())
        }
    }

    fn go(&mut self, step: Step) {
        match step {
            Step::Reservation(s) => self.reservation = s,
            Step::Application(s) => self.application = s,
        }
    }

    /// The platform issued the MyKey ID (発行): reserved.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless the card was read for the reservation;
    /// `mynapoint.invalid_mykey_id` unless 1–32 half-width letters and digits.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// # m.sms_sent("135790", at)?;
    /// # m.enter_sms_code("135790", at)?;
    /// # m.set_password("Waon2020pt")?;
    /// # m.issued("SVC1234", "8F3K")?;
    /// # m.start_reservation("1234")?;
    /// # m.enter_pin("1234")?;
    /// # m.card_read()?;
    /// assert_eq!(m.mykey_issued("MK-77").unwrap_err().code(), "mynapoint.invalid_mykey_id");
    /// m.mykey_issued("MK77")?;
    /// assert_eq!(m.mykey_id(), Some("MK77"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn mykey_issued(&mut self, mykey_id: &str) -> Result<(), Error> {
        if self.reservation != Res::AwaitingMyKeyId {
            return Err(Self::illegal("reservation", self.reservation.id()));
        }
        let id = alnum(mykey_id, MYKEY_ID_MAX).ok_or(Error::MyNaPointInvalidMyKeyId)?;
        self.mykey_id = Some(id.as_str().to_owned());
        self.reservation = Res::Reserved;
        Ok(())
    }

    // ---- application ----

    /// 申込へ: straight from the completed reservation to STEP 1.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless reserved and the application not started.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// # m.sms_sent("135790", at)?;
    /// # m.enter_sms_code("135790", at)?;
    /// # m.set_password("Waon2020pt")?;
    /// # m.issued("SVC1234", "8F3K")?;
    /// # m.start_reservation("1234")?;
    /// # m.enter_pin("1234")?;
    /// # m.card_read()?;
    /// assert_eq!(m.proceed_to_application().unwrap_err().code(), "mynapoint.illegal_transition");
    /// m.mykey_issued("MK77")?;
    /// m.proceed_to_application()?;
    /// assert_eq!(m.application_state(), MyNaPointApplicationState::ChoosingService);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn proceed_to_application(&mut self) -> Result<(), Error> {
        self.in_application(&[App::NotStarted])?;
        self.application = App::ChoosingService;
        Ok(())
    }

    /// マイナポイントの申込, from the app's top after stopping: the PIN and the card read
    /// come first, then STEP 1. Also restarts an application left unfinished.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless reserved and the application not yet
    /// applied.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// # m.sms_sent("135790", at)?;
    /// # m.enter_sms_code("135790", at)?;
    /// # m.set_password("Waon2020pt")?;
    /// # m.issued("SVC1234", "8F3K")?;
    /// # m.start_reservation("1234")?;
    /// # m.enter_pin("1234")?;
    /// # m.card_read()?;
    /// # m.mykey_issued("MK77")?;
    /// m.resume_application()?;
    /// assert_eq!(m.application_state(), MyNaPointApplicationState::AwaitingResumePin);
    /// assert_eq!(m.choose_service("aeon_card_waon").unwrap_err().code(), "mynapoint.illegal_transition");
    /// m.enter_pin("1234")?;
    /// m.card_read()?;
    /// assert_eq!(m.application_state(), MyNaPointApplicationState::ChoosingService);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resume_application(&mut self) -> Result<(), Error> {
        self.in_application(&[
            App::NotStarted,
            App::AwaitingResumePin,
            App::AwaitingResumeCardRead,
            App::ChoosingService,
            App::AwaitingTerms,
            App::AwaitingDetails,
            App::Confirming,
            App::AwaitingPin,
            App::AwaitingCardRead,
        ])?;
        self.chosen_service = None;
        self.application = App::AwaitingResumePin;
        Ok(())
    }

    /// STEP 1: the payment service chosen (one of the integrator's card kinds).
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless choosing; `mynapoint.card_not_eligible`.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// # m.sms_sent("135790", at)?;
    /// # m.enter_sms_code("135790", at)?;
    /// # m.set_password("Waon2020pt")?;
    /// # m.issued("SVC1234", "8F3K")?;
    /// # m.start_reservation("1234")?;
    /// # m.enter_pin("1234")?;
    /// # m.card_read()?;
    /// # m.mykey_issued("MK77")?;
    /// # m.proceed_to_application()?;
    /// assert_eq!(m.choose_service("paypay").unwrap_err().code(), "mynapoint.card_not_eligible");
    /// m.choose_service("aeon_card_waon")?;
    /// assert_eq!(m.chosen_service(), Some("aeon_card_waon"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn choose_service(&mut self, kind: &str) -> Result<(), Error> {
        self.in_application(&[App::ChoosingService])?;
        if !self.config.eligible(kind) {
            return Err(Error::MyNaPointCardNotEligible);
        }
        self.chosen_service = Some(kind.to_owned());
        self.application = App::AwaitingTerms;
        Ok(())
    }

    /// STEP 2: the terms accepted (申込へ進む).
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless they are shown.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// # m.sms_sent("135790", at)?;
    /// # m.enter_sms_code("135790", at)?;
    /// # m.set_password("Waon2020pt")?;
    /// # m.issued("SVC1234", "8F3K")?;
    /// # m.start_reservation("1234")?;
    /// # m.enter_pin("1234")?;
    /// # m.card_read()?;
    /// # m.mykey_issued("MK77")?;
    /// # m.proceed_to_application()?;
    /// assert_eq!(m.accept_terms().unwrap_err().code(), "mynapoint.illegal_transition");
    /// m.choose_service("aeon_card_waon")?;
    /// m.accept_terms()?;
    /// assert_eq!(m.application_state(), MyNaPointApplicationState::AwaitingDetails);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn accept_terms(&mut self) -> Result<(), Error> {
        self.in_application(&[App::AwaitingTerms])?;
        self.application = App::AwaitingDetails;
        Ok(())
    }

    /// STEP 3: the payment-service ID, security code and the phone's last 4 digits
    /// (確認), checked against what the issuance recorded (constant-time comparisons).
    /// Wrong details are not counted.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless awaiting them; then every field's shape
    /// before any comparison: `mynapoint.invalid_service_id` (not 1–32 letters and
    /// digits), `mynapoint.invalid_security_code`, `phone.invalid_format`; then the
    /// comparisons: `mynapoint.invalid_service_id` (no ID issued, or another),
    /// `mynapoint.security_code_mismatch`, `phone.mismatch`.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// # m.sms_sent("135790", at)?;
    /// # m.enter_sms_code("135790", at)?;
    /// # m.set_password("Waon2020pt")?;
    /// # m.issued("SVC1234", "8F3K")?;
    /// # m.start_reservation("1234")?;
    /// # m.enter_pin("1234")?;
    /// # m.card_read()?;
    /// # m.mykey_issued("MK77")?;
    /// # m.proceed_to_application()?;
    /// # m.choose_service("aeon_card_waon")?;
    /// # m.accept_terms()?;
    /// let e = m.enter_details("SVC1234", "8F3X", "5678").unwrap_err();
    /// assert_eq!(e.code(), "mynapoint.security_code_mismatch");
    /// let e = m.enter_details("SVC1235", "8F3K", "56").unwrap_err();
    /// assert_eq!(e.code(), "phone.invalid_format"); // shapes before comparisons
    /// m.enter_details("ＳＶＣ１２３４", "8F3K", " 5678 ")?;
    /// assert_eq!(m.application_state(), MyNaPointApplicationState::Confirming);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enter_details(
        &mut self,
        service_id: &str,
        security_code: &str,
        phone_last4: &str,
    ) -> Result<(), Error> {
        self.in_application(&[App::AwaitingDetails])?;
        let id = alnum(service_id, SERVICE_ID_MAX).ok_or(Error::MyNaPointInvalidServiceId)?;
        let code =
            alnum(security_code, SECURITY_CODE_MAX).ok_or(Error::MyNaPointInvalidSecurityCode)?;
        let last4 = input::short_digits(phone_last4, 4)
            .filter(|d| d.len() == 4)
            .ok_or(Error::PhoneInvalidFormat)?;
        let (Some(issued_id), Some(issued_code), Some(phone), Iss::Issued) = (
            self.service_id.as_deref(),
            self.security_code.as_ref(),
            self.phone.as_ref(),
            self.issuance,
        ) else {
            return Err(Error::MyNaPointInvalidServiceId);
        };
        if !bool::from(id.as_bytes().ct_eq(issued_id.as_bytes())) {
            return Err(Error::MyNaPointInvalidServiceId);
        }
        if !self
            .key
            .opens(issued_code, Purpose::SecurityCode, code.as_bytes())
        {
            return Err(Error::MyNaPointSecurityCodeMismatch);
        }
        phone.check_last4(&last4)?;
        self.application = App::Confirming;
        Ok(())
    }

    /// STEP 4: the user checked the details and applied (申込): the PIN comes next.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless confirming.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// # m.sms_sent("135790", at)?;
    /// # m.enter_sms_code("135790", at)?;
    /// # m.set_password("Waon2020pt")?;
    /// # m.issued("SVC1234", "8F3K")?;
    /// # m.start_reservation("1234")?;
    /// # m.enter_pin("1234")?;
    /// # m.card_read()?;
    /// # m.mykey_issued("MK77")?;
    /// # m.proceed_to_application()?;
    /// # m.choose_service("aeon_card_waon")?;
    /// # m.accept_terms()?;
    /// assert_eq!(m.confirm().unwrap_err().code(), "mynapoint.illegal_transition");
    /// m.enter_details("SVC1234", "8F3K", "5678")?;
    /// m.confirm()?;
    /// assert_eq!(m.application_state(), MyNaPointApplicationState::AwaitingPin);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn confirm(&mut self) -> Result<(), Error> {
        self.in_application(&[App::Confirming])?;
        self.application = App::AwaitingPin;
        Ok(())
    }

    /// The later event (about a day after applying): the registration is complete.
    ///
    /// # Errors
    /// `mynapoint.illegal_transition` unless applied.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let key = SecretKey::new(&[1u8; 16])?;
    /// # let at = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00")?;
    /// # let mut m = MyNaPoint::new(&key, MyNaPointConfig::new(vec!["aeon_card_waon".into()]))?;
    /// # m.choose_card("aeon_card_waon")?;
    /// # m.enter_phone("09012345678")?;
    /// # m.sms_sent("135790", at)?;
    /// # m.enter_sms_code("135790", at)?;
    /// # m.set_password("Waon2020pt")?;
    /// # m.issued("SVC1234", "8F3K")?;
    /// # m.start_reservation("1234")?;
    /// # m.enter_pin("1234")?;
    /// # m.card_read()?;
    /// # m.mykey_issued("MK77")?;
    /// # m.proceed_to_application()?;
    /// # m.choose_service("aeon_card_waon")?;
    /// # m.accept_terms()?;
    /// # m.enter_details("SVC1234", "8F3K", "5678")?;
    /// # m.confirm()?;
    /// # m.enter_pin("1234")?;
    /// assert_eq!(m.registration_confirmed().unwrap_err().code(), "mynapoint.illegal_transition");
    /// m.card_read()?;
    /// assert_eq!(m.issuance_state(), MyNaPointIssuanceState::Closed);
    /// m.registration_confirmed()?;
    /// assert_eq!(m.application_state(), MyNaPointApplicationState::Registered);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn registration_confirmed(&mut self) -> Result<(), Error> {
        self.in_application(&[App::Applied])?;
        self.application = App::Registered;
        Ok(())
    }
}

/// The state a PIN or card-read step moves a flow to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Reservation(MyNaPointReservationState),
    Application(MyNaPointApplicationState),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn setup() -> MyNaPoint {
        let key = SecretKey::new(&[11u8; 32]).unwrap();
        MyNaPoint::new(
            &key,
            MyNaPointConfig::new(vec!["aeon_card_waon".into(), "aeon_cash_plus_debit".into()]),
        )
        .unwrap()
    }

    fn issued() -> MyNaPoint {
        let at = t("2026-07-01T10:00:00+09:00");
        let mut m = setup();
        m.choose_card("aeon_card_waon").unwrap();
        m.enter_phone("090-1234-5678").unwrap();
        m.sms_sent("000123", at).unwrap();
        m.enter_sms_code("000123", at).unwrap();
        m.set_password("Waon2020pt").unwrap();
        m.issued("SVC0001", "ab12").unwrap();
        m
    }

    #[test]
    fn alnum_reads_full_width_and_refuses_the_rest() {
        assert_eq!(alnum(" ＡＢｃ１２ ", 8).unwrap().as_str(), "ABc12");
        assert!(alnum("ab-12", 8).is_none());
        assert!(alnum("", 8).is_none());
        assert!(alnum("123456789", 8).is_none());
        assert!(alnum("١٢", 8).is_none());
        assert!(alnum("ab\u{0}", 8).is_none());
    }

    #[test]
    fn details_formats_come_before_comparisons() {
        let mut m = issued();
        m.start_reservation("1234").unwrap();
        m.enter_pin("1234").unwrap();
        m.card_read().unwrap();
        m.mykey_issued("MK1").unwrap();
        m.proceed_to_application().unwrap();
        m.choose_service("aeon_card_waon").unwrap();
        m.accept_terms().unwrap();
        // A wrong ID with a malformed last 4: the format is reported first.
        assert_eq!(
            m.enter_details("WRONG", "ab12", "56"),
            Err(Error::PhoneInvalidFormat)
        );
        assert_eq!(
            m.enter_details("WRONG", "ab12", "5678"),
            Err(Error::MyNaPointInvalidServiceId)
        );
        assert_eq!(
            m.enter_details("SVC0001", "AB12", "5678"),
            Err(Error::MyNaPointSecurityCodeMismatch)
        );
        assert_eq!(
            m.enter_details("SVC0001", "ab12", "0000"),
            Err(Error::PhoneMismatch)
        );
        assert_eq!(m.application_state(), App::AwaitingDetails);
        assert!(
            m.enter_details("ＳＶＣ０００１", "ab12", "５６７８")
                .is_ok()
        );
    }

    #[test]
    fn a_locked_sms_code_waits_for_a_new_one() {
        let at = t("2026-07-01T10:00:00+09:00");
        let mut m = setup();
        m.choose_card("aeon_card_waon").unwrap();
        m.enter_phone("09012345678").unwrap();
        m.sms_sent("111111", at).unwrap();
        for _ in 0..2 {
            assert!(matches!(
                m.enter_sms_code("222222", at),
                Err(Error::OtpMismatch { .. })
            ));
        }
        assert_eq!(m.enter_sms_code("222222", at), Err(Error::OtpLocked));
        assert_eq!(m.enter_sms_code("111111", at), Err(Error::OtpLocked));
        m.sms_sent("333333", at).unwrap();
        assert_eq!(m.sms_otp_remaining(), Some(3));
        assert!(m.enter_sms_code("333333", at).is_ok());
    }

    #[test]
    fn config_is_checked() {
        let key = SecretKey::new(&[1u8; 16]).unwrap();
        for (config, field) in [
            (MyNaPointConfig::new(vec![String::new()]), "eligible_cards"),
            (MyNaPointConfig::new(vec!["a b".into()]), "eligible_cards"),
            (
                MyNaPointConfig::new(vec!["a".into(), "a".into()]),
                "eligible_cards",
            ),
            (MyNaPointConfig::new(vec!["x".repeat(65)]), "eligible_cards"),
            (
                MyNaPointConfig {
                    sms_otp_valid_minutes: 0,
                    ..MyNaPointConfig::new(vec![])
                },
                "sms_otp_valid_minutes",
            ),
            (
                MyNaPointConfig {
                    sms_otp_max_attempts: 101,
                    ..MyNaPointConfig::new(vec![])
                },
                "sms_otp_max_attempts",
            ),
        ] {
            assert_eq!(
                MyNaPoint::new(&key, config).unwrap_err(),
                Error::MyNaPointInvalidConfig {
                    field: field.into()
                }
            );
        }
    }
}
