//! Registering a card as the payment method (seed 002, クレジットカード情報登録・変更;
//! DESIGN §7 "Registering a card" and "What a registered card keeps").
//!
//! The user types the number, the expiry (one `MM/YY` text or two fields) and the
//! security code; the integrator's [`CardPolicy`] says which brands and which debit
//! cards it takes and holds the fingerprint key. [`CardPolicy::check`] runs DESIGN's
//! checks in their order and answers the confirmation screen ([`CardConfirmation`]:
//! `****-****-****-1234`, `***`) with the record a registration keeps
//! ([`RegisteredCard`]): brand, last 4, expiry, debit or not, fingerprint and time, never
//! the number or the security code. Every copy of those two made here is zeroed before
//! the call returns.

use chrono::{DateTime, FixedOffset};
use subtle::ConstantTimeEq;

use super::brand::Brand;
use super::expiry::CardExpiry;
use super::fingerprint::FingerprintKey;
use super::number::CardNumber;
use super::security_code::SecurityCode;
use crate::error::{Error, to_u32};

/// The longest prefix an integrator may list: the longest card number.
const MAX_PREFIX: usize = 19;

/// The expiry as the form takes it.
///
/// ```
/// use saifu::ExpiryInput;
/// let one = ExpiryInput::Text("12/28");
/// let two = ExpiryInput::Fields { month: "12", year: "28" };
/// assert_ne!(one, two);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpiryInput<'a> {
    /// One `MM/YY` (or `MM/YYYY`) text, read as [`CardExpiry::parse`] reads it.
    Text(&'a str),
    /// Month and year as two fields, as seed 002's form has them, read as
    /// [`CardExpiry::from_fields`] reads them.
    Fields {
        /// The month field: 1–2 digits, 1–12.
        month: &'a str,
        /// The year field: 2 digits (20YY) or 4.
        year: &'a str,
    },
}

/// What the user typed in the card form. Borrowed: saifu keeps no copy of it, and its
/// `Debug` shows none of it.
///
/// ```
/// use saifu::{CardEntry, ExpiryInput};
/// let entry = CardEntry {
///     number: "4242 4242 4242 4242",
///     expiry: ExpiryInput::Text("12/28"),
///     security_code: "123",
/// };
/// assert_eq!(format!("{entry:?}"), "CardEntry { .. }");
/// ```
#[derive(Clone, Copy)]
pub struct CardEntry<'a> {
    /// The card number as typed (§2 digits and separators).
    pub number: &'a str,
    /// The expiry, in one text or two fields.
    pub expiry: ExpiryInput<'a>,
    /// The security code as typed.
    pub security_code: &'a str,
}

impl std::fmt::Debug for CardEntry<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CardEntry { .. }")
    }
}

/// What a registered card keeps (DESIGN §7): never the number, never the security code.
///
/// Plain data, to be saved with the user's state. [`crate::CardsOnFile::from_registrations`]
/// checks a list of them when loading.
///
/// ```
/// use chrono::DateTime;
/// use saifu::{Brand, RegisteredCard};
///
/// let card = RegisteredCard {
///     brand: Brand::Visa,
///     last4: "4242".into(),
///     expiry_month: 12,
///     expiry_year: 2028,
///     debit: false,
///     fingerprint: "48d3ef48958e5d182cfa74268ab27bf11de5fab824385436670ecf7242d0002c".into(),
///     registered_at: DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?,
/// };
/// assert_eq!(card.expiry()?.to_string(), "12/28");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RegisteredCard {
    /// The brand.
    pub brand: Brand,
    /// The last 4 digits.
    pub last4: String,
    /// The expiry month, 1–12.
    pub expiry_month: i64,
    /// The expiry year, four digits (2000–9999).
    pub expiry_year: i64,
    /// The number starts with one of the integrator's debit prefixes.
    pub debit: bool,
    /// HMAC-SHA-256 of the number's digits under the integrator's key, 64 lower-case
    /// hex digits ([`FingerprintKey::fingerprint`]).
    pub fingerprint: String,
    /// When it was registered.
    pub registered_at: DateTime<FixedOffset>,
}

impl RegisteredCard {
    /// The expiry as a [`CardExpiry`].
    ///
    /// # Errors
    /// `card.invalid_expiry` when the fields are not a month 1–12 of a year 2000–9999
    /// (only for a record not made by saifu: a loaded one is checked).
    ///
    /// # Example
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::{Brand, RegisteredCard};
    /// # let mut card = RegisteredCard { brand: Brand::Visa, last4: "4242".into(), expiry_month: 1,
    /// #     expiry_year: 2030, debit: false, fingerprint: "0".repeat(64),
    /// #     registered_at: DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")? };
    /// let now = DateTime::parse_from_rfc3339("2030-02-01T00:00:00+09:00")?;
    /// assert!(card.expiry()?.is_expired(&now));
    /// card.expiry_month = 13;
    /// assert_eq!(card.expiry().unwrap_err().code(), "card.invalid_expiry");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn expiry(&self) -> Result<CardExpiry, Error> {
        CardExpiry::from_i64(self.expiry_month, self.expiry_year)
    }
}

/// The confirmation screen (seed 002 ③) and the record the registration keeps.
///
/// ```
/// # use chrono::DateTime;
/// # use saifu::*;
/// # let policy = CardPolicy::new(FingerprintKey::new(vec![1; 16])?, Brand::ALL.to_vec(), vec![], vec![])?;
/// # let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00").unwrap();
/// let entry = CardEntry { number: "378282246310005", expiry: ExpiryInput::Text("12/28"), security_code: "1234" };
/// let shown = policy.check(&entry, [] as [&str; 0], now)?;
/// assert_eq!(shown.masked_number, "****-******-*0005");
/// assert_eq!(shown.masked_security_code, "***");
/// assert_eq!(shown.expiry, "12/28");
/// assert_eq!(shown.card.last4, "0005");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardConfirmation {
    /// What the registration keeps.
    pub card: RegisteredCard,
    /// The number in the brand's grouping, every digit but the last 4 as `*`:
    /// `****-****-****-1234`, Amex `****-******-*0005`.
    pub masked_number: String,
    /// The security code, always `***` (seed 002's screen; its length is not shown).
    pub masked_security_code: String,
    /// The expiry, `MM/YY`.
    pub expiry: String,
}

/// The integrator's rules for cards on file (seed 002): the brands it registers, the
/// debit cards it refuses, and the fingerprint key.
///
/// A debit card is a number starting with one of `debit_prefixes` (BINs the integrator
/// knows to be debit); it is accepted only when the number also starts with one of
/// `allowed_debit_prefixes` (seed 002: Rakuten Bank's and Suruga Bank's). Its `Debug`
/// shows the lists, never the key.
///
/// ```
/// use saifu::{Brand, CardPolicy, FingerprintKey};
///
/// let seed_002 = CardPolicy::new(
///     FingerprintKey::new(vec![0x5a; 32])?,
///     vec![Brand::Jcb, Brand::Visa, Brand::Mastercard, Brand::Amex, Brand::Diners],
///     vec!["400005".into(), "353011".into()],
///     vec!["353011".into()],
/// )?;
/// assert!(seed_002.accepts(Brand::Diners));
/// assert!(!format!("{seed_002:?}").contains("90, 90"));
///
/// let bad = CardPolicy::new(FingerprintKey::new(vec![1; 16])?, vec![], vec!["4000-05".into()], vec![]);
/// assert_eq!(bad.unwrap_err().code(), "card.invalid_prefix");
/// # Ok::<(), saifu::Error>(())
/// ```
pub struct CardPolicy {
    key: FingerprintKey,
    accepted_brands: Vec<Brand>,
    debit_prefixes: Vec<String>,
    allowed_debit_prefixes: Vec<String>,
}

impl CardPolicy {
    /// The integrator's configuration. The key was checked when it was made
    /// ([`FingerprintKey::new`]: 16 bytes or more), so a short key is refused before
    /// anything the user typed.
    ///
    /// # Errors
    /// `card.invalid_prefix` (with the list and the index) for a prefix that is not 1–19
    /// ASCII digits: an empty prefix would make every card debit.
    pub fn new(
        key: FingerprintKey,
        accepted_brands: Vec<Brand>,
        debit_prefixes: Vec<String>,
        allowed_debit_prefixes: Vec<String>,
    ) -> Result<CardPolicy, Error> {
        check_prefixes("debit_prefixes", &debit_prefixes)?;
        check_prefixes("allowed_debit_prefixes", &allowed_debit_prefixes)?;
        Ok(CardPolicy {
            key,
            accepted_brands,
            debit_prefixes,
            allowed_debit_prefixes,
        })
    }

    /// True when cards of `brand` may be registered.
    ///
    /// ```
    /// # use saifu::{Brand, CardPolicy, FingerprintKey};
    /// let p = CardPolicy::new(FingerprintKey::new(vec![1; 16])?, vec![Brand::Jcb], vec![], vec![])?;
    /// assert!(p.accepts(Brand::Jcb) && !p.accepts(Brand::Visa));
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn accepts(&self, brand: Brand) -> bool {
        self.accepted_brands.contains(&brand)
    }

    /// The accepted brands, as given.
    ///
    /// ```
    /// # use saifu::{Brand, CardPolicy, FingerprintKey};
    /// let p = CardPolicy::new(FingerprintKey::new(vec![1; 16])?, vec![Brand::Jcb], vec![], vec![])?;
    /// assert_eq!(p.accepted_brands(), &[Brand::Jcb]);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn accepted_brands(&self) -> &[Brand] {
        &self.accepted_brands
    }

    /// The debit BIN prefixes, as given.
    ///
    /// ```
    /// # use saifu::{CardPolicy, FingerprintKey};
    /// let p = CardPolicy::new(FingerprintKey::new(vec![1; 16])?, vec![], vec!["520082".into()], vec![])?;
    /// assert_eq!(p.debit_prefixes(), &["520082".to_owned()]);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn debit_prefixes(&self) -> &[String] {
        &self.debit_prefixes
    }

    /// The prefixes of the issuers whose debit cards are accepted, as given.
    ///
    /// ```
    /// # use saifu::{CardPolicy, FingerprintKey};
    /// let p = CardPolicy::new(FingerprintKey::new(vec![1; 16])?, vec![], vec![], vec!["353011".into()])?;
    /// assert_eq!(p.allowed_debit_prefixes(), &["353011".to_owned()]);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn allowed_debit_prefixes(&self) -> &[String] {
        &self.allowed_debit_prefixes
    }

    /// The fingerprint key.
    ///
    /// ```
    /// # use saifu::{CardNumber, CardPolicy, FingerprintKey};
    /// let p = CardPolicy::new(FingerprintKey::new(vec![1; 16])?, vec![], vec![], vec![])?;
    /// assert_eq!(p.key().fingerprint(&CardNumber::parse("4242424242424242")?).len(), 64);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn key(&self) -> &FingerprintKey {
        &self.key
    }

    /// Checks a card entry at `now` against this policy and the fingerprints already
    /// registered as the payment method, and answers the confirmation screen. Changes
    /// nothing: [`crate::CardsOnFile::register`] keeps the result.
    ///
    /// # Errors
    /// In DESIGN §7's order: the number's own (`card.empty`,
    /// `card.invalid_character`, `card.unknown_brand`, `card.invalid_length`,
    /// `card.luhn_mismatch`); `card.invalid_expiry`; `card.invalid_cvc` (for the
    /// number's brand); `card.expired` (at `now`, in JST); `card.brand_not_accepted`;
    /// `card.debit_not_accepted`; `card.already_registered` (its fingerprint is one of
    /// `registered`, compared in constant time).
    ///
    /// # Example
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// let policy = CardPolicy::new(FingerprintKey::new(vec![1; 16])?, vec![Brand::Visa], vec![], vec![])?;
    /// let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00").unwrap();
    /// let entry = CardEntry { number: "4242 4242 4242 4242", expiry: ExpiryInput::Text("10/26"), security_code: "123" };
    /// assert_eq!(policy.check(&entry, [] as [&str; 0], now).unwrap_err().code(), "card.expired");
    ///
    /// let entry = CardEntry { expiry: ExpiryInput::Fields { month: "12", year: "2028" }, ..entry };
    /// let first = policy.check(&entry, [] as [&str; 0], now)?;
    /// let again = policy.check(&entry, [first.card.fingerprint.as_str()], now).unwrap_err();
    /// assert_eq!(again.code(), "card.already_registered");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn check<I, S>(
        &self,
        entry: &CardEntry<'_>,
        registered: I,
        now: DateTime<FixedOffset>,
    ) -> Result<CardConfirmation, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        // The number and the security code live in types that are zeroed on drop; they
        // are dropped when this function returns, and nothing else copies them.
        let number = CardNumber::parse(entry.number)?;
        let expiry = match entry.expiry {
            ExpiryInput::Text(text) => CardExpiry::parse(text)?,
            ExpiryInput::Fields { month, year } => CardExpiry::from_fields(month, year)?,
        };
        drop(SecurityCode::parse(entry.security_code, number.brand())?);
        if expiry.is_expired(&now) {
            return Err(Error::CardExpired {
                expiry: expiry.to_string(),
            });
        }
        let brand = number.brand();
        if !self.accepts(brand) {
            return Err(Error::CardBrandNotAccepted { brand });
        }
        let digits = number.as_bytes();
        let starts =
            |prefixes: &[String]| prefixes.iter().any(|p| digits.starts_with(p.as_bytes()));
        let debit = starts(&self.debit_prefixes);
        if debit && !starts(&self.allowed_debit_prefixes) {
            return Err(Error::CardDebitNotAccepted);
        }
        let fingerprint = self.key.fingerprint_of(digits);
        let mut seen = subtle::Choice::from(0);
        for other in registered {
            seen |= fingerprint.as_bytes().ct_eq(other.as_ref().as_bytes());
        }
        let last4 = number.last4();
        if bool::from(seen) {
            return Err(Error::CardAlreadyRegistered { last4 });
        }
        Ok(CardConfirmation {
            card: RegisteredCard {
                brand,
                last4,
                expiry_month: i64::from(expiry.month()),
                expiry_year: i64::from(expiry.year()),
                debit,
                fingerprint,
                registered_at: now,
            },
            masked_number: number.masked(),
            masked_security_code: "***".to_owned(),
            expiry: expiry.to_string(),
        })
    }
}

impl std::fmt::Debug for CardPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardPolicy")
            .field("key", &self.key)
            .field("accepted_brands", &self.accepted_brands)
            .field("debit_prefixes", &self.debit_prefixes)
            .field("allowed_debit_prefixes", &self.allowed_debit_prefixes)
            .finish()
    }
}

/// Every prefix of `list` is 1–19 ASCII digits.
fn check_prefixes(list: &str, prefixes: &[String]) -> Result<(), Error> {
    for (index, prefix) in prefixes.iter().enumerate() {
        let ok =
            (1..=MAX_PREFIX).contains(&prefix.len()) && prefix.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            return Err(Error::CardInvalidPrefix {
                list: list.to_owned(),
                index: to_u32(index),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00").unwrap()
    }

    fn policy() -> CardPolicy {
        CardPolicy::new(
            FingerprintKey::new((0u8..32).collect()).unwrap(),
            vec![
                Brand::Jcb,
                Brand::Visa,
                Brand::Mastercard,
                Brand::Amex,
                Brand::Diners,
            ],
            vec!["400005".into(), "520082".into(), "353011".into()],
            vec!["353011".into()],
        )
        .unwrap()
    }

    fn entry<'a>(number: &'a str, expiry: &'a str, cvc: &'a str) -> CardEntry<'a> {
        CardEntry {
            number,
            expiry: ExpiryInput::Text(expiry),
            security_code: cvc,
        }
    }

    const NONE: [&str; 0] = [];

    #[test]
    fn the_order_of_the_checks() {
        let p = policy();
        let code = |e: CardEntry<'_>| p.check(&e, NONE, now()).unwrap_err().code();
        assert_eq!(code(entry("", "13/28", "x")), "card.empty");
        assert_eq!(
            code(entry("4242424242424241", "13/28", "x")),
            "card.luhn_mismatch"
        );
        assert_eq!(
            code(entry("4242424242424242", "13/28", "x")),
            "card.invalid_expiry"
        );
        assert_eq!(
            code(entry("4242424242424242", "10/26", "x")),
            "card.invalid_cvc"
        );
        // Discover, expired: expiry first.
        assert_eq!(
            code(entry("6011111111111117", "10/26", "123")),
            "card.expired"
        );
        assert_eq!(
            code(entry("6011111111111117", "12/28", "123")),
            "card.brand_not_accepted"
        );
        assert_eq!(
            code(entry("4000056655665556", "12/28", "123")),
            "card.debit_not_accepted"
        );
    }

    #[test]
    fn an_allowed_debit_card_is_registered_as_debit() {
        let shown = policy()
            .check(&entry("3530111333300000", "12/28", "123"), NONE, now())
            .unwrap();
        assert!(shown.card.debit);
        let shown = policy()
            .check(&entry("4242424242424242", "12/28", "123"), NONE, now())
            .unwrap();
        assert!(!shown.card.debit);
    }

    #[test]
    fn nothing_secret_in_the_confirmation() {
        let shown = policy()
            .check(&entry("4242 4242 4242 4242", "12/28", "987"), NONE, now())
            .unwrap();
        let all = format!("{shown:?}");
        assert!(!all.contains("4242424242424242") && !all.contains("4242 4242"));
        assert!(!all.contains("987"), "{all}");
        assert_eq!(shown.masked_number, "****-****-****-4242");
    }

    #[test]
    fn already_registered_names_the_last4() {
        let p = policy();
        let first = p
            .check(&entry("4242424242424242", "12/28", "123"), NONE, now())
            .unwrap();
        let err = p
            .check(
                &entry("4242424242424242", "12/28", "123"),
                vec![first.card.fingerprint.clone()],
                now(),
            )
            .unwrap_err();
        assert_eq!(
            err,
            Error::CardAlreadyRegistered {
                last4: "4242".into()
            }
        );
        // An upper-case copy of the same fingerprint is not the same text.
        assert!(
            p.check(
                &entry("4242424242424242", "12/28", "123"),
                [first.card.fingerprint.to_uppercase()],
                now()
            )
            .is_ok()
        );
    }

    #[test]
    fn prefixes_are_ascii_digits() {
        let key = || FingerprintKey::new(vec![1; 16]).unwrap();
        for bad in [
            "",
            "４０",
            "40 00",
            "1234567890123456789 0",
            "12345678901234567890",
        ] {
            let err =
                CardPolicy::new(key(), vec![], vec![], vec!["3".into(), bad.into()]).unwrap_err();
            assert_eq!(
                err,
                Error::CardInvalidPrefix {
                    list: "allowed_debit_prefixes".into(),
                    index: 1
                },
                "{bad:?}"
            );
        }
        assert!(CardPolicy::new(key(), vec![], vec!["1234567890123456789".into()], vec![]).is_ok());
    }
}
