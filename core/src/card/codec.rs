//! A user's cards on file as one versioned JSON document (docs/state.md "Cards on
//! file"), a sibling of the wallet's and the charges' documents, through saifu's own
//! reader and writer ([`crate::json`]). It holds registrations only: a brand, the last
//! 4 digits, the expiry, the debit flag, the fingerprint and the time; never a number or
//! a security code. Loading checks every registration as
//! [`CardsOnFile::from_registrations`] does.

use super::{Brand, CardsOnFile, RegisteredCard};
use crate::error::Error;
use crate::json::{self, record, unit_enum, write_fields};

/// The version of the cards-on-file document this saifu writes, and the only one it
/// reads.
pub const CARDS_STATE_VERSION: u32 = 1;

unit_enum!(Brand [Visa, Mastercard, Jcb, Amex, Diners, Discover, UnionPay]);

record!(RegisteredCard {
    brand,
    last4,
    expiry_month,
    expiry_year,
    debit,
    fingerprint,
    registered_at
});

/// The document as read.
struct CardsV1 {
    version: u32,
    registrations: Vec<RegisteredCard>,
}

record!(CardsV1 {
    version,
    registrations
});

/// The document as written, borrowing the registrations.
struct CardsView<'a> {
    version: u32,
    registrations: &'a [RegisteredCard],
}

impl json::Write for CardsView<'_> {
    fn write(&self, w: &mut json::Writer) {
        write_fields!(w, self, version, registrations);
    }
}

impl CardsOnFile {
    /// The registrations as JSON, oldest first, in a document of version
    /// [`CARDS_STATE_VERSION`] (`docs/state.md`, "Cards on file").
    ///
    /// # Example
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// assert_eq!(CardsOnFile::new().to_json(), r#"{"version":1,"registrations":[]}"#);
    /// let card = RegisteredCard {
    ///     brand: Brand::Visa, last4: "4242".into(), expiry_month: 12, expiry_year: 2028, debit: false,
    ///     fingerprint: "a".repeat(64),
    ///     registered_at: DateTime::parse_from_rfc3339("2026-03-10T12:00:00+09:00").unwrap(),
    /// };
    /// let cards = CardsOnFile::from_registrations(vec![card])?;
    /// assert_eq!(CardsOnFile::from_json(&cards.to_json())?, cards);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        json::to_string(&CardsView {
            version: CARDS_STATE_VERSION,
            registrations: self.registrations(),
        })
    }

    /// Loads registrations saved by [`CardsOnFile::to_json`], checking them.
    ///
    /// # Errors
    /// `state.malformed` (not JSON, or not of the documented shape);
    /// `state.unsupported_version`; then [`CardsOnFile::from_registrations`]'s
    /// `state.invalid_card_registration` with `index` and `detail`.
    ///
    /// # Example
    /// ```
    /// # use saifu::CardsOnFile;
    /// assert_eq!(CardsOnFile::from_json("[]").unwrap_err().code(), "state.malformed");
    /// assert_eq!(CardsOnFile::from_json(r#"{"version":2}"#).unwrap_err().code(), "state.unsupported_version");
    /// let short = r#"{"version":1,"registrations":[{"brand":"visa","last4":"424","expiry_month":12,
    ///   "expiry_year":2028,"debit":false,"fingerprint":"0000000000000000000000000000000000000000000000000000000000000000",
    ///   "registered_at":"2026-03-10T12:00:00+09:00"}]}"#;
    /// assert_eq!(CardsOnFile::from_json(short).unwrap_err().code(), "state.invalid_card_registration");
    /// ```
    pub fn from_json(json: &str) -> Result<CardsOnFile, Error> {
        json::version(json, &[CARDS_STATE_VERSION])?;
        let doc: CardsV1 = json::parse(json)?;
        CardsOnFile::from_registrations(doc.registrations)
    }
}
