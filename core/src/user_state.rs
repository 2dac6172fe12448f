//! The user's saved state as one document (DESIGN §5 "saved together", §6
//! "Persistence", §8): the wallet, its charges, the cards on file and the user's flows
//! (a sign-in, the MyNaPoint set-up), written and read together. A charge's success, the
//! lots it credited and the purchase code it consumed reach storage in one write; after a
//! restart a lockout, a pending payment, a PIN's failures and a one-time password's
//! attempts are all still there.

use crate::card::CardsOnFile;
use crate::charge::Charges;
use crate::credential::SecretKey;
use crate::error::Error;
use crate::json::{
    self, Read, Reader, Result as JsonResult, Write, Writer, read_fields, write_fields,
};
use crate::mynapoint::{MyNaPoint, MyNaPointConfig, MyNaPointParts};
use crate::program::Program;
use crate::signin::{SignIn, SignInConfig, SignInParts};
use crate::wallet::Wallet;

/// The version of the user-state document this saifu writes. It reads this one and
/// version 1 (a wallet and charges only).
pub const USER_STATE_VERSION: u32 = 2;

/// A user's state, saved and loaded as one document (docs/state.md "User state"):
/// `{"version":2,"wallet":{…},"charges":{…},"cards":{…},"sign_in":…,"mynapoint":…}`.
/// The wallet, the charges and the cards are the documents their own `to_json` writes,
/// checked on load by their own `from_json`; a flow is saved as its parts (its codes
/// sealed, never in clear) and restored with [`UserState::from_json_with`], under the
/// integrator's key and settings, with every counter as it was. A charge's success
/// credits the wallet through [`Charges::notify_into`]; the fields are public so that
/// two can be borrowed at once.
///
/// ```
/// use chrono::DateTime;
/// use saifu::*;
///
/// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
/// let mut state = UserState::default();
/// // One record for the wallet and the charges.
/// state.add_program(Program { accepted_brands: vec![Brand::Visa],
///     ..Program::new("minato", "電子スマイル商品券", "OEM2026000001") })?;
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
/// let UserState { wallet, charges, .. } = &mut state;
/// charges.notify_into(wallet, "k1", ChargeEvent::Paid, issued, t("2026-11-24T09:30:00+09:00"))?;
/// assert_eq!(state.wallet.balance(t("2026-11-24T09:30:00+09:00"))?.total.minor(), 5000);
/// assert_eq!(UserState::from_json(&state.to_json())?, state);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct UserState {
    /// The vouchers and e-money the user holds, with their payments and history.
    pub wallet: Wallet,
    /// The user's charges, the card lockout and the purchase codes.
    pub charges: Charges,
    /// The user's cards on file.
    pub cards: CardsOnFile,
    /// The sign-in under way or done, if any.
    pub sign_in: Option<SignIn>,
    /// The MyNaPoint set-up, if started.
    pub mynapoint: Option<MyNaPoint>,
}

/// Two user states are equal when they would save the same document.
impl PartialEq for UserState {
    fn eq(&self, other: &UserState) -> bool {
        self.wallet == other.wallet
            && self.charges == other.charges
            && self.cards == other.cards
            && self.sign_in.as_ref().map(SignIn::parts) == other.sign_in.as_ref().map(SignIn::parts)
            && self.mynapoint.as_ref().map(MyNaPoint::parts)
                == other.mynapoint.as_ref().map(MyNaPoint::parts)
    }
}

impl Eq for UserState {}

/// What restoring saved flows takes: the integrator's key, which sealed their codes and
/// PINs, and the settings they run under (as [`SignIn::from_parts`] and
/// [`MyNaPoint::from_parts`] take them).
///
/// ```
/// use saifu::{FlowSettings, SecretKey, SignInConfig};
///
/// let settings = FlowSettings { key: SecretKey::new(&[7u8; 32])?, sign_in: SignInConfig::default(),
///     mynapoint: None };
/// assert!(!format!("{settings:?}").contains("7, 7"));
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct FlowSettings {
    /// The integrator's key.
    pub key: SecretKey,
    /// The sign-in's settings.
    pub sign_in: SignInConfig,
    /// The MyNaPoint settings, for an app that runs it.
    pub mynapoint: Option<MyNaPointConfig>,
}

/// The parts of a user's state held elsewhere (a binding's shared objects), to write
/// the document [`UserState::to_json`] writes without copying the wallet, the charges or
/// the cards. A flow is given as its parts ([`SignIn::parts`], [`MyNaPoint::parts`]).
///
/// ```
/// # use saifu::{CardsOnFile, Charges, UserState, UserStateRef, Wallet};
/// let (wallet, charges, cards) = (Wallet::new(), Charges::new(), CardsOnFile::new());
/// let json = UserStateRef { wallet: &wallet, charges: &charges, cards: &cards,
///     sign_in: None, mynapoint: None }.to_json();
/// assert_eq!(json, UserState::default().to_json());
/// ```
#[derive(Debug, Clone)]
pub struct UserStateRef<'a> {
    /// The wallet.
    pub wallet: &'a Wallet,
    /// The charges.
    pub charges: &'a Charges,
    /// The cards on file.
    pub cards: &'a CardsOnFile,
    /// The sign-in's parts, if any.
    pub sign_in: Option<SignInParts>,
    /// The MyNaPoint set-up's parts, if any.
    pub mynapoint: Option<MyNaPointParts>,
}

impl UserStateRef<'_> {
    /// The document [`UserState::to_json`] writes. It holds no secret: codes and PINs
    /// are sealed digests.
    #[must_use]
    pub fn to_json(self) -> String {
        json::to_string(&UserStateView {
            version: USER_STATE_VERSION,
            wallet: Verbatim(self.wallet.json()),
            charges: Verbatim(self.charges.to_json()),
            cards: Verbatim(self.cards.to_json()),
            sign_in: self.sign_in,
            mynapoint: self.mynapoint,
        })
    }
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
    cards: Verbatim,
    sign_in: Option<SignInParts>,
    mynapoint: Option<MyNaPointParts>,
}

impl Write for UserStateView {
    fn write(&self, w: &mut Writer) {
        write_fields!(w, self, version, wallet, charges, cards, sign_in, mynapoint);
    }
}

/// A document of version 1, as written.
struct UserStateV1View {
    version: u32,
    wallet: Verbatim,
    charges: Verbatim,
}

impl Write for UserStateV1View {
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

struct UserStateV2 {
    #[allow(dead_code)] // checked before the document is read
    version: u32,
    wallet: Embedded,
    charges: Embedded,
    /// Required in version 2; none in a version 1 document.
    cards: Option<Embedded>,
    sign_in: Option<Embedded>,
    mynapoint: Option<Embedded>,
}

impl Read for UserStateV2 {
    fn read(r: &mut Reader<'_>) -> JsonResult<Self> {
        Ok(read_fields!(
            r,
            UserStateV2 {
                version,
                wallet,
                charges,
                cards,
                sign_in,
                mynapoint
            }
        ))
    }
}

impl UserState {
    /// Adds a program to the wallet and to the charges, as one record (DESIGN §6 "One
    /// program registry"): what a charge of it buys, the wallet spends. Either both
    /// take it or, on an error, neither changes ([`Charges::add_program_with`]).
    ///
    /// # Errors
    /// `wallet.duplicate_id` or `charge.duplicate_id` when the wallet or the charges have
    /// a program with this id; `wallet.no_payment_id_prefix` without a payment-id prefix;
    /// `charge.invalid_units` for a product it may not sell ([`Program`]'s rule).
    ///
    /// ```
    /// use saifu::{Brand, Program, UserState};
    ///
    /// let mut state = UserState::default();
    /// let minato = Program { accepted_brands: vec![Brand::Visa],
    ///     ..Program::new("minato", "電子スマイル商品券", "OEM2026000001") };
    /// state.add_program(minato.clone())?;
    /// assert_eq!(state.wallet.programs(), state.charges.programs());
    /// assert_eq!(state.add_program(minato).unwrap_err().code(), "wallet.duplicate_id");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn add_program(&mut self, program: Program) -> Result<(), Error> {
        self.charges.add_program_with(&mut self.wallet, program)
    }

    /// A document of version 1: a wallet and its charges, without cards or flows. The
    /// JavaScript binding saves this one (its size budget has no room for version 2's
    /// cards and flows, and it runs no MyNaPoint); every reader of version 2 reads it
    /// too.
    ///
    /// ```
    /// # use saifu::{Charges, UserState, Wallet};
    /// let json = UserState::to_json_v1(&Wallet::new(), &Charges::new());
    /// assert!(json.starts_with(r#"{"version":1,"wallet":{"version":1,"#));
    /// let (wallet, charges) = UserState::from_json_v1(&json)?;
    /// assert_eq!(UserState::from_json(&json)?, UserState { wallet, charges, ..UserState::default() });
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn to_json_v1(wallet: &Wallet, charges: &Charges) -> String {
        json::to_string(&UserStateV1View {
            version: 1,
            wallet: Verbatim(wallet.json()),
            charges: Verbatim(charges.to_json()),
        })
    }

    /// Reads a document of version 1 only (what [`UserState::to_json_v1`] writes).
    ///
    /// # Errors
    /// `state.malformed`; `state.unsupported_version` for any other version (2
    /// included); the wallet's and the charges' own `state.*` codes.
    pub fn from_json_v1(json: &str) -> Result<(Wallet, Charges), Error> {
        json::version(json, &[1])?;
        let doc: UserStateV1 = json::parse(json)?;
        Ok((
            Wallet::from_json(&doc.wallet.0)?,
            Charges::from_json(&doc.charges.0)?,
        ))
    }

    /// The user's state as one JSON document of version [`USER_STATE_VERSION`]
    /// (docs/state.md "User state"). It holds no secret.
    ///
    /// ```
    /// # use saifu::UserState;
    /// let json = UserState::default().to_json();
    /// assert!(json.starts_with(r#"{"version":2,"wallet":{"version":1,"#));
    /// assert!(json.ends_with(r#""sign_in":null,"mynapoint":null}"#));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        UserStateRef {
            wallet: &self.wallet,
            charges: &self.charges,
            cards: &self.cards,
            sign_in: self.sign_in.as_ref().map(SignIn::parts),
            mynapoint: self.mynapoint.as_ref().map(MyNaPoint::parts),
        }
        .to_json()
    }

    /// Loads a document written by [`UserState::to_json`] that holds no flow (a
    /// document of version 1 too: its cards are none). A saved flow needs the
    /// integrator's key: [`UserState::from_json_with`].
    ///
    /// # Errors
    /// As [`UserState::from_json_with`]; `state.invalid_flow` when the document holds a
    /// flow.
    ///
    /// ```
    /// # use saifu::UserState;
    /// assert_eq!(UserState::from_json("[]").unwrap_err().code(), "state.malformed");
    /// assert_eq!(UserState::from_json(r#"{"version":3}"#).unwrap_err().code(), "state.unsupported_version");
    /// ```
    pub fn from_json(json: &str) -> Result<UserState, Error> {
        UserState::read(json)?.without_flows()
    }

    /// Loads a document written by [`UserState::to_json`] (or of version 1), checking
    /// each part as its own `from_json` does ([`Wallet::from_json`],
    /// [`Charges::from_json`], [`CardsOnFile::from_json`]) and restoring each flow as
    /// [`SignIn::from_parts`] and [`MyNaPoint::from_parts`] do under `settings`: nothing
    /// is reset or unlocked.
    ///
    /// # Errors
    /// `state.malformed` (not JSON, not of the documented shape: an unknown, missing or
    /// repeated field); `state.unsupported_version` (of the document or of a part); the
    /// parts' own `state.*` codes; the flows' `signin.invalid_config`,
    /// `mynapoint.invalid_config`, `credential.key_mismatch` (another key sealed a
    /// code), `time.invalid` and `state.invalid_flow` (also a saved MyNaPoint set-up
    /// without MyNaPoint settings).
    ///
    /// ```
    /// use chrono::DateTime;
    /// use saifu::*;
    ///
    /// let key = SecretKey::new(&[5u8; 32])?;
    /// let at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let mut state = UserState::default();
    /// let mut flow = SignIn::new(&key, SignInConfig::without_puzzle())?;
    /// flow.enter_login_id("sc-0012345")?;
    /// flow.password_accepted(false, "1234", at)?;
    /// let _ = flow.enter_otp("0000", at);
    /// let _ = flow.enter_otp("0000", at);
    /// state.sign_in = Some(flow);
    ///
    /// let settings = FlowSettings { key, sign_in: SignInConfig::without_puzzle(), mynapoint: None };
    /// let mut again = UserState::from_json_with(&state.to_json(), &settings)?;
    /// let flow = again.sign_in.as_mut().unwrap();
    /// assert_eq!(flow.enter_otp("0000", at).unwrap_err().code(), "signin.locked");
    /// assert_eq!(UserState::from_json(&state.to_json()).unwrap_err().code(), "state.invalid_flow");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_with(json: &str, settings: &FlowSettings) -> Result<UserState, Error> {
        UserState::read(json)?.restore(settings)
    }

    /// Reads a document written by [`UserState::to_json`] (or of version 1), checking
    /// the wallet, the charges and the cards as their own `from_json` do; reading and
    /// restoring the flows is [`SavedUserState::restore`]'s step.
    ///
    /// # Errors
    /// `state.malformed`, `state.unsupported_version`, the parts' own `state.*` codes.
    ///
    /// ```
    /// # use saifu::UserState;
    /// let saved = UserState::read(&UserState::default().to_json())?;
    /// assert_eq!(saved.without_flows()?, UserState::default());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn read(json: &str) -> Result<SavedUserState, Error> {
        let version = json::version(json, &[1, USER_STATE_VERSION])?;
        // Both versions come to the same parts, each then read once by its own reader.
        let doc = match version {
            1 => {
                let v1: UserStateV1 = json::parse(json)?;
                UserStateV2 {
                    version: 1,
                    wallet: v1.wallet,
                    charges: v1.charges,
                    cards: None,
                    sign_in: None,
                    mynapoint: None,
                }
            }
            _ => {
                let v2: UserStateV2 = json::parse(json)?;
                if v2.cards.is_none() {
                    return Err(Error::StateMalformed {
                        detail: "cards: a document, not null".into(),
                    });
                }
                v2
            }
        };
        let cards = match doc.cards {
            Some(cards) => CardsOnFile::from_json(&cards.0)?,
            None => CardsOnFile::new(),
        };
        Ok(SavedUserState {
            state: UserState {
                wallet: Wallet::from_json(&doc.wallet.0)?,
                charges: Charges::from_json(&doc.charges.0)?,
                cards,
                sign_in: None,
                mynapoint: None,
            },
            sign_in: doc.sign_in.map(|part| part.0),
            mynapoint: doc.mynapoint.map(|part| part.0),
        })
    }
}

/// A user-state document as [`UserState::read`] reads it: the wallet, the charges and
/// the cards checked, the flows still as their saved text (read by
/// [`SavedUserState::restore`]).
#[derive(Debug, Clone)]
pub struct SavedUserState {
    /// The user's state without its flows.
    pub state: UserState,
    sign_in: Option<String>,
    mynapoint: Option<String>,
}

/// The error for a saved flow that cannot be restored here.
fn not_restorable(flow: &str, detail: &str) -> Error {
    Error::StateInvalidFlow {
        flow: flow.to_owned(),
        detail: detail.to_owned(),
    }
}

const NEEDS_KEY: &str = "restoring it takes the integrator's key and settings";

impl SavedUserState {
    /// Restores the flows as [`SignIn::from_parts`] and [`MyNaPoint::from_parts`] do,
    /// under `settings`: nothing is reset or unlocked.
    ///
    /// # Errors
    /// `state.malformed` for a flow's parts of the wrong shape; `state.invalid_flow` for
    /// a MyNaPoint set-up without MyNaPoint settings; then the flows' own `signin.invalid_config`,
    /// `mynapoint.invalid_config`, `credential.key_mismatch`, `time.invalid`,
    /// `state.invalid_flow`.
    pub fn restore(self, settings: &FlowSettings) -> Result<UserState, Error> {
        let mut state = self.state;
        state.sign_in = restore_sign_in(self.sign_in, settings)?;
        state.mynapoint = match self.mynapoint {
            None => None,
            Some(text) => {
                let parts: MyNaPointParts = json::parse(&text)?;
                let config = settings
                    .mynapoint
                    .as_ref()
                    .ok_or_else(|| not_restorable("mynapoint", "no MyNaPoint settings"))?;
                Some(MyNaPoint::from_parts(&settings.key, config.clone(), parts)?)
            }
        };
        Ok(state)
    }

    /// The state when the document holds no flow, for an app that runs none (and for
    /// [`UserState::from_json`]): a saved flow is refused, never dropped.
    ///
    /// # Errors
    /// `state.invalid_flow` naming the first saved flow (`signin`, then `mynapoint`).
    pub fn without_flows(self) -> Result<UserState, Error> {
        if self.sign_in.is_some() {
            return Err(not_restorable("signin", NEEDS_KEY));
        }
        if self.mynapoint.is_some() {
            return Err(not_restorable("mynapoint", NEEDS_KEY));
        }
        Ok(self.state)
    }
}

fn restore_sign_in(text: Option<String>, settings: &FlowSettings) -> Result<Option<SignIn>, Error> {
    let Some(text) = text else {
        return Ok(None);
    };
    let parts: SignInParts = json::parse(&text)?;
    SignIn::from_parts(&settings.key, settings.sign_in, parts).map(Some)
}
