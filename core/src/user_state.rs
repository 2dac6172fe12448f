//! The user's saved state as one document (DESIGN §5 "saved together", §6
//! "Persistence"): the wallet and its charges, written and read together, so that a
//! charge's success, the lots it credited and the purchase code it consumed reach storage
//! in one write, and after a restart a lockout or a pending payment still blocks.

use crate::charge::Charges;
use crate::error::Error;
use crate::json::{
    self, Read, Reader, Result as JsonResult, Write, Writer, read_fields, write_fields,
};
use crate::wallet::Wallet;

/// The version of the user-state document this saifu writes, and the only one it reads.
pub const USER_STATE_VERSION: u32 = 1;

/// A wallet and its charges, saved and loaded as one document (docs/state.md "User
/// state"): `{"version":1,"wallet":{…},"charges":{…}}`, each part the document its own
/// `to_json` writes, checked by its own `from_json` on load. A charge's success credits
/// the wallet through [`Charges::notify_into`]; the fields are public so both can be
/// borrowed at once.
///
/// ```
/// use chrono::DateTime;
/// use saifu::*;
///
/// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
/// let mut state = UserState::default();
/// state.wallet.add_program(Program { id: "minato".into(), name: "電子スマイル商品券".into(),
///     payment_id_prefix: "OEM2026000001".into() })?;
/// state.charges.add_program(ChargeProgram { id: "minato".into(), name: "電子スマイル商品券".into(),
///     accepted_brands: vec![Brand::Visa], product: None })?;
/// state.charges.start("k1", "minato", ChargeMethod::Konbini { chain: KonbiniChain::Lawson },
///     ChargeOrder::Amount(Money::jpy(5000)?), t("2026-11-23T10:00:00+09:00"))?;
/// state.charges.confirm("k1", t("2026-11-23T10:00:10+09:00"))?;
/// state.charges.pay("k1", t("2026-11-23T10:00:20+09:00"))?;
///
/// // The app restarts: the pending payment still blocks a new charge.
/// let mut state = UserState::from_json(&state.to_json())?;
/// let blocked = state.charges.can_start(t("2026-11-24T09:00:00+09:00")).unwrap_err();
/// assert_eq!(blocked.code(), "charge.blocked_pending_payment");
///
/// // Paid at the store: the charge, its lot and the history entry, in one step.
/// let issued = vec![IssuedLot { id: "L1".into(),
///     code: VoucherCode::parse("N7af3c1d7AV9b2e4")?, management_no: "d012104262000001".into() }];
/// let UserState { wallet, charges } = &mut state;
/// charges.notify_into(wallet, "k1", ChargeEvent::Paid, issued, t("2026-11-24T09:30:00+09:00"))?;
/// assert_eq!(state.wallet.balance(t("2026-11-24T09:30:00+09:00"))?.total.minor(), 5000);
/// assert_eq!(UserState::from_json(&state.to_json())?, state);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserState {
    /// The vouchers and e-money the user holds, with their payments and history.
    pub wallet: Wallet,
    /// The user's charges, the card lockout and the purchase codes.
    pub charges: Charges,
}

/// A document inside the user-state document, as written.
struct Embedded(String);

impl Read for Embedded {
    fn read(r: &mut Reader<'_>) -> JsonResult<Self> {
        r.embedded().map(|text| Embedded(text.to_owned()))
    }
}

/// A document written by its own `to_json`, placed as it is.
struct Verbatim(String);

impl Write for Verbatim {
    fn write(&self, w: &mut Writer) {
        w.raw(&self.0);
    }
}

struct UserStateView {
    version: u32,
    wallet: Verbatim,
    charges: Verbatim,
}

impl Write for UserStateView {
    fn write(&self, w: &mut Writer) {
        write_fields!(w, self, version, wallet, charges);
    }
}

struct UserStateV1 {
    #[allow(dead_code)] // checked before the document is read
    version: u32,
    wallet: Embedded,
    charges: Embedded,
}

impl Read for UserStateV1 {
    fn read(r: &mut Reader<'_>) -> JsonResult<Self> {
        Ok(read_fields!(
            r,
            UserStateV1 {
                version,
                wallet,
                charges
            }
        ))
    }
}

impl UserState {
    /// The wallet and the charges as one JSON document of version
    /// [`USER_STATE_VERSION`] (docs/state.md "User state"). It holds no secret.
    ///
    /// ```
    /// # use saifu::UserState;
    /// let json = UserState::default().to_json();
    /// assert!(json.starts_with(r#"{"version":1,"wallet":{"version":1,"#));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        UserState::write_parts(&self.wallet, &self.charges)
    }

    /// The document [`UserState::to_json`] writes, from a wallet and charges held
    /// elsewhere (a binding's shared objects): no copy of either is made.
    ///
    /// ```
    /// # use saifu::{Charges, UserState, Wallet};
    /// let json = UserState::write_parts(&Wallet::new(), &Charges::new());
    /// assert_eq!(json, UserState::default().to_json());
    /// ```
    #[must_use]
    pub fn write_parts(wallet: &Wallet, charges: &Charges) -> String {
        json::to_string(&UserStateView {
            version: USER_STATE_VERSION,
            wallet: Verbatim(wallet.json()),
            charges: Verbatim(charges.to_json()),
        })
    }

    /// Loads a document written by [`UserState::to_json`], checking each part as
    /// [`Wallet::from_json`] and [`Charges::from_json`] do.
    ///
    /// # Errors
    /// `state.malformed` (not JSON, not of the documented shape: an unknown, missing or
    /// repeated field); `state.unsupported_version` (of the document or of a part); the
    /// wallet's and the charges' own `state.*` codes.
    ///
    /// ```
    /// # use saifu::UserState;
    /// assert_eq!(UserState::from_json("[]").unwrap_err().code(), "state.malformed");
    /// assert_eq!(UserState::from_json(r#"{"version":2}"#).unwrap_err().code(), "state.unsupported_version");
    /// ```
    pub fn from_json(json: &str) -> Result<UserState, Error> {
        let version =
            json::parse_with(json, |r| r.only_field::<u64>("version"))?.ok_or_else(|| {
                Error::StateMalformed {
                    detail: "no version".into(),
                }
            })?;
        if version != u64::from(USER_STATE_VERSION) {
            return Err(Error::StateUnsupportedVersion {
                version: u32::try_from(version).unwrap_or(u32::MAX),
            });
        }
        let doc: UserStateV1 = json::parse(json)?;
        Ok(UserState {
            wallet: Wallet::from_json(&doc.wallet.0)?,
            charges: Charges::from_json(&doc.charges.0)?,
        })
    }
}
