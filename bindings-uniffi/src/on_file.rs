//! Cards on file (seed 002; DESIGN §7 "Registering a card", "What a registered card
//! keeps", "Billing month"): the integrator's [`CardPolicy`], a user's [`CardsOnFile`]
//! and the records a registration keeps.
//!
//! The card number and the security code cross as text for the one call that checks
//! them, are wiped from Rust memory before it returns and are never kept: a
//! [`RegisteredCard`] holds the brand, the last 4, the expiry, the debit flag, the
//! fingerprint and the time only, so its `toString` / `description` / `repr` and any
//! JSON an app writes of it hold no more. Saving is the app's: it keeps
//! [`CardsOnFile::registrations`] (records, oldest first) with the user's state, and
//! [`CardsOnFile::from_registrations`] loads them back, checked by the core.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use zeroize::Zeroizing;

use crate::card::Brand;
use crate::error::SaifuError;
use crate::time::{instant, timestamp};

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The expiry as the card form takes it: one `MM/YY` text, or month and year fields.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ExpiryInput {
    /// One `MM/YY` (or `MM/YYYY`) text, read as `parseCardExpiry` reads it.
    Text {
        /// `12/28`, `１２／２８`.
        text: String,
    },
    /// Month and year as two fields (seed 002's form).
    Fields {
        /// 1–2 digits, 1–12.
        month: String,
        /// 2 digits (20YY) or 4.
        year: String,
    },
}

/// What a registered card keeps (DESIGN §7): never the number, never the security code.
/// Plain data, for the app to save with the user's state.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct RegisteredCard {
    /// The brand.
    pub brand: Brand,
    /// The last 4 digits.
    pub last4: String,
    /// The expiry month, 1–12.
    pub expiry_month: i64,
    /// The expiry year, four digits.
    pub expiry_year: i64,
    /// The number starts with one of the integrator's debit prefixes.
    pub debit: bool,
    /// HMAC-SHA-256 of the number's digits under the integrator's key, 64 lower-case hex
    /// digits.
    pub fingerprint: String,
    /// When it was registered.
    pub registered_at: SystemTime,
}

impl From<&saifu::RegisteredCard> for RegisteredCard {
    fn from(c: &saifu::RegisteredCard) -> Self {
        RegisteredCard {
            brand: c.brand.into(),
            last4: c.last4.clone(),
            expiry_month: c.expiry_month,
            expiry_year: c.expiry_year,
            debit: c.debit,
            fingerprint: c.fingerprint.clone(),
            registered_at: timestamp(c.registered_at),
        }
    }
}

impl RegisteredCard {
    fn into_core(self) -> Result<saifu::RegisteredCard, SaifuError> {
        Ok(saifu::RegisteredCard {
            brand: self.brand.into(),
            last4: self.last4,
            expiry_month: self.expiry_month,
            expiry_year: self.expiry_year,
            debit: self.debit,
            fingerprint: self.fingerprint,
            registered_at: instant(self.registered_at)?,
        })
    }
}

/// The confirmation screen (seed 002 ③) and the record the registration keeps.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CardConfirmation {
    /// What the registration keeps.
    pub card: RegisteredCard,
    /// Every digit but the last 4 as `*`, in the brand's grouping: `****-****-****-1234`.
    pub masked_number: String,
    /// Always `***`.
    pub masked_security_code: String,
    /// The expiry, `MM/YY`.
    pub expiry: String,
}

impl From<saifu::CardConfirmation> for CardConfirmation {
    fn from(c: saifu::CardConfirmation) -> Self {
        CardConfirmation {
            card: RegisteredCard::from(&c.card),
            masked_number: c.masked_number,
            masked_security_code: c.masked_security_code,
            expiry: c.expiry,
        }
    }
}

/// The card form's number and security code, wiped from Rust memory when dropped, and
/// the expiry: a core `CardEntry` borrows from it for one call.
struct Typed {
    number: Zeroizing<String>,
    security_code: Zeroizing<String>,
    expiry: ExpiryInput,
}

impl Typed {
    fn new(number: String, expiry: ExpiryInput, security_code: String) -> Typed {
        Typed {
            number: Zeroizing::new(number),
            security_code: Zeroizing::new(security_code),
            expiry,
        }
    }

    fn entry(&self) -> saifu::CardEntry<'_> {
        saifu::CardEntry {
            number: &self.number,
            expiry: match &self.expiry {
                ExpiryInput::Text { text } => saifu::ExpiryInput::Text(text),
                ExpiryInput::Fields { month, year } => saifu::ExpiryInput::Fields { month, year },
            },
            security_code: &self.security_code,
        }
    }
}

/// The integrator's rules for cards on file (seed 002): the brands it registers, the
/// debit BIN prefixes it knows, the prefixes of the issuers whose debit cards it takes,
/// and the fingerprint key. `toString` / `description` / `repr` show the lists, never
/// the key.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct CardPolicy {
    inner: saifu::CardPolicy,
}

impl fmt::Debug for CardPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

#[uniffi::export]
impl CardPolicy {
    /// The integrator's configuration. The key's bytes (16 or more) are kept in Rust
    /// memory and wiped when the policy is released.
    ///
    /// # Errors
    /// `card.invalid_fingerprint_key` (fewer than 16 bytes), then `card.invalid_prefix`
    /// (with `list` and `index`) for a prefix that is not 1–19 ASCII digits.
    #[uniffi::constructor]
    pub fn new(
        fingerprint_key: Vec<u8>,
        accepted_brands: Vec<Brand>,
        debit_prefixes: Vec<String>,
        allowed_debit_prefixes: Vec<String>,
    ) -> Result<Arc<Self>, SaifuError> {
        let key = saifu::FingerprintKey::new(fingerprint_key)?;
        Ok(Arc::new(CardPolicy {
            inner: saifu::CardPolicy::new(
                key,
                accepted_brands.into_iter().map(Into::into).collect(),
                debit_prefixes,
                allowed_debit_prefixes,
            )?,
        }))
    }

    /// True when cards of `brand` may be registered.
    pub fn accepts(&self, brand: Brand) -> bool {
        self.inner.accepts(brand.into())
    }

    /// Checks a card entry at `now` against this policy and fingerprints already
    /// registered, and answers the confirmation screen. Keeps nothing.
    ///
    /// # Errors
    /// `time.invalid`; then in DESIGN §7's order: the number's own (`card.empty`,
    /// `card.invalid_character`, `card.unknown_brand`, `card.invalid_length`,
    /// `card.luhn_mismatch`), `card.invalid_expiry`, `card.invalid_cvc`, `card.expired`,
    /// `card.brand_not_accepted`, `card.debit_not_accepted`, `card.already_registered`.
    pub fn check(
        &self,
        number: String,
        expiry: ExpiryInput,
        security_code: String,
        registered_fingerprints: Vec<String>,
        now: SystemTime,
    ) -> Result<CardConfirmation, SaifuError> {
        let typed = Typed::new(number, expiry, security_code);
        let now = instant(now)?;
        Ok(self
            .inner
            .check(&typed.entry(), &registered_fingerprints, now)?
            .into())
    }
}

/// A user's cards on file, oldest first; the latest is the current payment card.
/// Registering a card replaces the current one, which stays in the record so the record
/// can say which card pays each month's usage.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct CardsOnFile {
    inner: Mutex<saifu::CardsOnFile>,
}

impl fmt::Debug for CardsOnFile {
    /// The core's: the records, never a number or a security code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*lock(&self.inner), f)
    }
}

impl CardsOnFile {
    pub(crate) fn wrap(cards: saifu::CardsOnFile) -> Arc<Self> {
        Arc::new(CardsOnFile {
            inner: Mutex::new(cards),
        })
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, saifu::CardsOnFile> {
        lock(&self.inner)
    }
}

#[uniffi::export]
impl CardsOnFile {
    /// No card registered.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(CardsOnFile {
            inner: Mutex::new(saifu::CardsOnFile::new()),
        })
    }

    /// Loads saved registrations (oldest first), each checked to be one `register`
    /// could have made.
    ///
    /// # Errors
    /// `time.invalid`; `state.invalid_card_registration` with `index` and `detail`
    /// (`last4`, `expiry`, `fingerprint`, `time order`, `same card twice`).
    #[uniffi::constructor]
    pub fn from_registrations(registrations: Vec<RegisteredCard>) -> Result<Arc<Self>, SaifuError> {
        let records = registrations
            .into_iter()
            .map(RegisteredCard::into_core)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Arc::new(CardsOnFile {
            inner: Mutex::new(saifu::CardsOnFile::from_registrations(records)?),
        }))
    }

    /// Loads cards on file saved by `toJson()` (Kotlin `CardsOnFile.fromJson(json)`,
    /// Swift `CardsOnFile.fromJson(json:)`).
    ///
    /// # Errors
    /// `state.malformed`, `state.unsupported_version`, then `fromRegistrations`'
    /// `state.invalid_card_registration` with `index` and `detail`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, SaifuError> {
        Ok(Arc::new(CardsOnFile {
            inner: Mutex::new(saifu::CardsOnFile::from_json(&json)?),
        }))
    }

    /// The registrations as one versioned JSON document (Kotlin `cards.toJson()`,
    /// Swift `cards.toJson()`): what the app saves, beside the wallet and the charges.
    pub fn to_json(&self) -> String {
        lock(&self.inner).to_json()
    }

    /// Every registration, oldest first.
    pub fn registrations(&self) -> Vec<RegisteredCard> {
        lock(&self.inner)
            .registrations()
            .iter()
            .map(RegisteredCard::from)
            .collect()
    }

    /// The current payment card, if any.
    pub fn current(&self) -> Option<RegisteredCard> {
        lock(&self.inner).current().map(RegisteredCard::from)
    }

    /// 確認: the checks of `register` and its confirmation screen, registering nothing.
    ///
    /// # Errors
    /// As `register`.
    pub fn confirm(
        &self,
        policy: Arc<CardPolicy>,
        number: String,
        expiry: ExpiryInput,
        security_code: String,
        now: SystemTime,
    ) -> Result<CardConfirmation, SaifuError> {
        let typed = Typed::new(number, expiry, security_code);
        let now = instant(now)?;
        Ok(lock(&self.inner)
            .confirm(&policy.inner, &typed.entry(), now)?
            .into())
    }

    /// 登録: registers the card as the payment card from `now` on, replacing the current
    /// one. A failure changes nothing.
    ///
    /// # Errors
    /// `time.invalid`; `card.registration_out_of_order` (with `latest`) when `now` is
    /// before the latest registration; then `CardPolicy.check`'s, with
    /// `card.already_registered` for the current payment card.
    pub fn register(
        &self,
        policy: Arc<CardPolicy>,
        number: String,
        expiry: ExpiryInput,
        security_code: String,
        now: SystemTime,
    ) -> Result<CardConfirmation, SaifuError> {
        let typed = Typed::new(number, expiry, security_code);
        let now = instant(now)?;
        Ok(lock(&self.inner)
            .register(&policy.inner, &typed.entry(), now)?
            .into())
    }

    /// The card that pays the usage of `month` (`YYYY-MM`): the latest registration
    /// strictly before the month's cut-off, 24:00 JST at the end of `cutoffDay` (1–31,
    /// clamped to the month's last day; null for the last day), or none.
    ///
    /// # Errors
    /// `card.invalid_cutoff_day` outside 1–31; `time.invalid` for a month that is not
    /// exactly `YYYY-MM`.
    #[uniffi::method(default(cutoff_day))]
    pub fn billing_card(
        &self,
        month: String,
        cutoff_day: Option<i64>,
    ) -> Result<Option<RegisteredCard>, SaifuError> {
        let cutoff = match cutoff_day {
            Some(day) => saifu::BillingCutoff::day(day)?,
            None => saifu::BillingCutoff::LAST_DAY,
        };
        let month = saifu::UsageMonth::parse(&month)?;
        Ok(lock(&self.inner)
            .billing_card(month, cutoff)
            .map(RegisteredCard::from))
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
    fn a_registration_keeps_no_secret_and_reloads() {
        let policy = CardPolicy::new(vec![7; 32], vec![Brand::Visa], vec![], vec![]).unwrap();
        assert!(!format!("{policy:?}").contains("7, 7"));
        let cards = CardsOnFile::new();
        let shown = cards
            .register(
                policy.clone(),
                "4242 4242 4242 4242".into(),
                ExpiryInput::Text {
                    text: "12/28".into(),
                },
                "987".into(),
                at("2026-03-10T12:00:00+09:00"),
            )
            .unwrap();
        assert_eq!(shown.masked_number, "****-****-****-4242");
        let debug = format!("{cards:?} {shown:?}").replace(&shown.card.fingerprint, "");
        assert!(!debug.contains("424242424242") && !debug.contains("987"));
        let again = CardsOnFile::from_registrations(cards.registrations()).unwrap();
        assert_eq!(again.registrations(), cards.registrations());
        let billed = again.billing_card("2026-03".into(), None).unwrap();
        assert_eq!(billed.map(|c| c.last4), Some("4242".to_owned()));
        assert_eq!(
            again.billing_card("2026-03".into(), Some(0)).unwrap_err(),
            SaifuError::CardInvalidCutoffDay
        );
    }
}
