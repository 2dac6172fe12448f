//! A user's cards on file (seed 002; DESIGN §7 "Billing month"): one payment card at a
//! time; registering a card replaces the current one, and the earlier ones stay in the
//! record with their registration times, so the record can say which card paid which
//! month's usage.

use chrono::{DateTime, FixedOffset};

use super::billing::{BillingCutoff, UsageMonth};
use super::fingerprint::is_fingerprint;
use super::registration::{CardConfirmation, CardEntry, CardPolicy, RegisteredCard};
use crate::error::{Error, to_u32};

/// A user's card registrations, oldest first; the last one is the current payment card.
///
/// Plain data: it keeps [`RegisteredCard`]s only (never a number or a security code),
/// and [`CardsOnFile::from_registrations`] is the checked way to load a saved list.
///
/// ```
/// use chrono::DateTime;
/// use saifu::*;
///
/// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
/// let policy = CardPolicy::new(FingerprintKey::new(vec![7; 32])?, Brand::ALL.to_vec(), vec![], vec![])?;
/// let mut cards = CardsOnFile::new();
///
/// let visa = CardEntry { number: "4242 4242 4242 4242", expiry: ExpiryInput::Text("12/28"), security_code: "123" };
/// let shown = cards.register(&policy, &visa, t("2026-03-10T12:00:00+09:00"))?;
/// assert_eq!(shown.masked_number, "****-****-****-4242");
/// assert_eq!(cards.register(&policy, &visa, t("2026-03-11T12:00:00+09:00")).unwrap_err().code(),
///            "card.already_registered");
///
/// let mastercard = CardEntry { number: "5555555555554444", ..visa };
/// cards.register(&policy, &mastercard, t("2026-04-02T09:00:00+09:00"))?;
/// assert_eq!(cards.current().map(|c| c.last4.as_str()), Some("4444"));
///
/// let billed = |m: &str| cards.billing_card(UsageMonth::parse(m).unwrap(), BillingCutoff::LAST_DAY)
///     .map(|c| c.last4.clone());
/// assert_eq!(billed("2026-02"), None);
/// assert_eq!(billed("2026-03").as_deref(), Some("4242"));
/// assert_eq!(billed("2026-04").as_deref(), Some("4444"));
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardsOnFile {
    registrations: Vec<RegisteredCard>,
}

impl CardsOnFile {
    /// No card registered.
    ///
    /// ```
    /// # use saifu::CardsOnFile;
    /// assert!(CardsOnFile::new().current().is_none());
    /// ```
    #[must_use]
    pub fn new() -> CardsOnFile {
        CardsOnFile::default()
    }

    /// Loads saved registrations (oldest first), checking each is one `register` could
    /// have made.
    ///
    /// # Errors
    /// `state.invalid_card_registration` with the index of the first registration that
    /// has a last 4 that is not 4 ASCII digits (`last4`), an expiry that is not a month
    /// 1–12 of a year 2000–9999 (`expiry`), a fingerprint that is not 64 lower-case hex
    /// digits (`fingerprint`), a time before the registration above it (`time order`),
    /// or the fingerprint of the registration above it (`same card twice`).
    ///
    /// # Example
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// let card = |last4: &str, at: &str| RegisteredCard {
    ///     brand: Brand::Visa, last4: last4.into(), expiry_month: 12, expiry_year: 2028, debit: false,
    ///     fingerprint: format!("{last4:0>64}"),
    ///     registered_at: DateTime::parse_from_rfc3339(at).unwrap(),
    /// };
    /// let cards = CardsOnFile::from_registrations(vec![
    ///     card("4242", "2026-03-10T12:00:00+09:00"),
    ///     card("4444", "2026-04-02T09:00:00+09:00"),
    /// ])?;
    /// assert_eq!(cards.registrations().len(), 2);
    ///
    /// let err = CardsOnFile::from_registrations(vec![
    ///     card("4444", "2026-04-02T09:00:00+09:00"),
    ///     card("4242", "2026-03-10T12:00:00+09:00"),
    /// ]).unwrap_err();
    /// assert_eq!(err, Error::StateInvalidCardRegistration { index: 1, detail: "time order".into() });
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn from_registrations(registrations: Vec<RegisteredCard>) -> Result<CardsOnFile, Error> {
        let mut previous: Option<&RegisteredCard> = None;
        for (index, card) in registrations.iter().enumerate() {
            let invalid = |detail: &str| Error::StateInvalidCardRegistration {
                index: to_u32(index),
                detail: detail.to_owned(),
            };
            if card.last4.len() != 4 || !card.last4.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid("last4"));
            }
            if card.expiry().is_err() {
                return Err(invalid("expiry"));
            }
            if !is_fingerprint(&card.fingerprint) {
                return Err(invalid("fingerprint"));
            }
            if let Some(before) = previous {
                if card.registered_at < before.registered_at {
                    return Err(invalid("time order"));
                }
                if card.fingerprint == before.fingerprint {
                    return Err(invalid("same card twice"));
                }
            }
            previous = Some(card);
        }
        Ok(CardsOnFile { registrations })
    }

    /// Every registration, oldest first.
    ///
    /// ```
    /// # use saifu::CardsOnFile;
    /// assert!(CardsOnFile::new().registrations().is_empty());
    /// ```
    #[must_use]
    pub fn registrations(&self) -> &[RegisteredCard] {
        &self.registrations
    }

    /// The current payment card: the latest registration.
    ///
    /// ```
    /// # use saifu::CardsOnFile;
    /// assert_eq!(CardsOnFile::new().current(), None);
    /// ```
    #[must_use]
    pub fn current(&self) -> Option<&RegisteredCard> {
        self.registrations.last()
    }

    /// 確認: the checks of [`CardsOnFile::register`] and its confirmation screen,
    /// without registering.
    ///
    /// # Errors
    /// As [`CardsOnFile::register`].
    ///
    /// # Example
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// let policy = CardPolicy::new(FingerprintKey::new(vec![7; 32])?, vec![Brand::Visa], vec![], vec![])?;
    /// let cards = CardsOnFile::new();
    /// let entry = CardEntry { number: "4242424242424242", expiry: ExpiryInput::Text("12/28"), security_code: "123" };
    /// let shown = cards.confirm(&policy, &entry, DateTime::parse_from_rfc3339("2026-03-10T12:00:00+09:00").unwrap())?;
    /// assert_eq!(shown.masked_security_code, "***");
    /// assert!(cards.registrations().is_empty());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn confirm(
        &self,
        policy: &CardPolicy,
        entry: &CardEntry<'_>,
        now: DateTime<FixedOffset>,
    ) -> Result<CardConfirmation, Error> {
        if let Some(latest) = self.current() {
            if now < latest.registered_at {
                return Err(Error::CardRegistrationOutOfOrder {
                    latest: latest.registered_at,
                });
            }
        }
        // A list, as the bindings pass theirs: one instance of the generic `check` in a
        // build that has both (1.3 KB of WebAssembly each).
        let current: Vec<&str> = self
            .current()
            .map(|c| c.fingerprint.as_str())
            .into_iter()
            .collect();
        policy.check(entry, &current, now)
    }

    /// 登録: registers a card as the payment card from `now` on, replacing the current
    /// one (which stays in the record). Registering a card that was replaced earlier
    /// makes it the payment card again.
    ///
    /// # Errors
    /// First `card.registration_out_of_order` (with the latest registration's time) when
    /// `now` is before the latest registration, as a closed month's card must never
    /// change; then [`CardPolicy::check`]'s, in order, with `card.already_registered`
    /// when the card is the current payment card (seed 002: 「既にお支払方法として登録
    /// されている」). A failure changes nothing.
    ///
    /// # Example
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    /// let policy = CardPolicy::new(FingerprintKey::new(vec![7; 32])?, vec![Brand::Visa], vec![], vec![])?;
    /// let mut cards = CardsOnFile::new();
    /// let entry = CardEntry { number: "4242424242424242", expiry: ExpiryInput::Text("12/28"), security_code: "123" };
    /// cards.register(&policy, &entry, t("2026-03-10T12:00:00+09:00"))?;
    /// let other = CardEntry { number: "4111111111111111", ..entry };
    /// let late = cards.register(&policy, &other, t("2026-03-01T00:00:00+09:00")).unwrap_err();
    /// assert_eq!(late.code(), "card.registration_out_of_order");
    /// assert_eq!(cards.registrations().len(), 1);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn register(
        &mut self,
        policy: &CardPolicy,
        entry: &CardEntry<'_>,
        now: DateTime<FixedOffset>,
    ) -> Result<CardConfirmation, Error> {
        let confirmation = self.confirm(policy, entry, now)?;
        self.registrations.push(confirmation.card.clone());
        Ok(confirmation)
    }

    /// The card that pays `month`'s usage: the latest registration strictly before the
    /// month's cut-off (24:00 JST at the end of the cut-off day), or none.
    ///
    /// ```
    /// # use saifu::{BillingCutoff, CardsOnFile, UsageMonth};
    /// let cards = CardsOnFile::new();
    /// assert!(cards.billing_card(UsageMonth::parse("2026-03")?, BillingCutoff::LAST_DAY).is_none());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn billing_card(
        &self,
        month: UsageMonth,
        cutoff: BillingCutoff,
    ) -> Option<&RegisteredCard> {
        let end = month.cutoff(cutoff);
        self.registrations
            .iter()
            .rev()
            .find(|card| card.registered_at < end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::{Brand, ExpiryInput, FingerprintKey};

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn policy() -> CardPolicy {
        CardPolicy::new(
            FingerprintKey::new(vec![3; 16]).unwrap(),
            Brand::ALL.to_vec(),
            vec![],
            vec![],
        )
        .unwrap()
    }

    fn entry(number: &str) -> CardEntry<'_> {
        CardEntry {
            number,
            expiry: ExpiryInput::Text("12/28"),
            security_code: "123",
        }
    }

    #[test]
    fn an_earlier_card_can_come_back() {
        let p = policy();
        let mut cards = CardsOnFile::new();
        cards
            .register(
                &p,
                &entry("4242424242424242"),
                t("2026-01-01T00:00:00+09:00"),
            )
            .unwrap();
        cards
            .register(
                &p,
                &entry("5555555555554444"),
                t("2026-02-01T00:00:00+09:00"),
            )
            .unwrap();
        cards
            .register(
                &p,
                &entry("4242424242424242"),
                t("2026-03-01T00:00:00+09:00"),
            )
            .unwrap();
        assert_eq!(cards.registrations().len(), 3);
        let again = CardsOnFile::from_registrations(cards.registrations().to_vec()).unwrap();
        assert_eq!(again, cards);
    }

    #[test]
    fn a_failure_changes_nothing() {
        let p = policy();
        let mut cards = CardsOnFile::new();
        cards
            .register(
                &p,
                &entry("4242424242424242"),
                t("2026-01-01T00:00:00+09:00"),
            )
            .unwrap();
        let before = cards.clone();
        for (number, at) in [
            ("4242424242424242", "2026-01-02T00:00:00+09:00"),
            ("4242424242424241", "2026-01-02T00:00:00+09:00"),
            ("5555555555554444", "2025-12-31T23:59:59+09:00"),
        ] {
            assert!(cards.register(&p, &entry(number), t(at)).is_err());
            assert_eq!(cards, before);
        }
    }

    #[test]
    fn the_same_instant_is_in_order() {
        let p = policy();
        let mut cards = CardsOnFile::new();
        let at = t("2026-01-01T00:00:00+09:00");
        cards.register(&p, &entry("4242424242424242"), at).unwrap();
        cards.register(&p, &entry("5555555555554444"), at).unwrap();
        let month = UsageMonth::parse("2026-01").unwrap();
        let paying = cards.billing_card(month, BillingCutoff::LAST_DAY).unwrap();
        assert_eq!(paying.last4, "4444");
    }

    #[test]
    fn loading_checks_every_field() {
        let good = RegisteredCard {
            brand: Brand::Visa,
            last4: "4242".into(),
            expiry_month: 12,
            expiry_year: 2028,
            debit: false,
            fingerprint: "a".repeat(64),
            registered_at: t("2026-01-01T00:00:00+09:00"),
        };
        let detail = |card: RegisteredCard| match CardsOnFile::from_registrations(vec![card]) {
            Err(Error::StateInvalidCardRegistration { index: 0, detail }) => detail,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            detail(RegisteredCard {
                last4: "424".into(),
                ..good.clone()
            }),
            "last4"
        );
        assert_eq!(
            detail(RegisteredCard {
                last4: "４２４２".into(),
                ..good.clone()
            }),
            "last4"
        );
        assert_eq!(
            detail(RegisteredCard {
                expiry_month: 0,
                ..good.clone()
            }),
            "expiry"
        );
        assert_eq!(
            detail(RegisteredCard {
                expiry_year: 1999,
                ..good.clone()
            }),
            "expiry"
        );
        assert_eq!(
            detail(RegisteredCard {
                expiry_year: i64::MAX,
                ..good.clone()
            }),
            "expiry"
        );
        assert_eq!(
            detail(RegisteredCard {
                fingerprint: "A".repeat(64),
                ..good.clone()
            }),
            "fingerprint"
        );
        let twice = CardsOnFile::from_registrations(vec![good.clone(), good.clone()]).unwrap_err();
        assert_eq!(
            twice,
            Error::StateInvalidCardRegistration {
                index: 1,
                detail: "same card twice".into()
            }
        );
    }
}
