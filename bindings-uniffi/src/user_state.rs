//! A charge's success credits the wallet in the same step, and the user's state saves
//! wallet and charges as one document (DESIGN §5, §6 "Persistence").
//!
//! Locks are always taken wallet first, then charges, so two threads that credit and
//! save at once cannot deadlock.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use crate::charge::{ChargeEvent, Charges, Notified};
use crate::credential::secret_key;
use crate::error::SaifuError;
use crate::mynapoint::{MyNaPoint, MyNaPointConfig};
use crate::on_file::CardsOnFile;
use crate::program::Program;
use crate::signin::{SignIn, SignInConfig};
use crate::time::instant;
use crate::wallet::Wallet;

/// One lot as the provider's success notification issues it: the id the wallet keeps it
/// under, its 16-character code (コード(ID)) and its management number (管理番号).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct IssuedLot {
    /// The lot's id in the wallet, unique there.
    pub id: String,
    /// Its code, 16 ASCII letters and digits.
    pub code: String,
    /// Its management number.
    pub management_no: String,
}

#[uniffi::export]
impl Charges {
    /// Adds a program to these charges and to `wallet`, as one record: what a charge of
    /// it buys, the wallet spends. Both take it or neither changes. Kotlin
    /// `charges.addProgramWith(wallet, program)`, Swift
    /// `charges.addProgramWith(wallet:program:)`.
    ///
    /// # Errors
    /// As core reads a product's numbers (`money.out_of_range`, `charge.invalid_units`);
    /// then `wallet.duplicate_id` or `charge.duplicate_id`; `wallet.no_payment_id_prefix`
    /// without a payment-id prefix; `charge.invalid_units` for a product it may not sell.
    pub fn add_program_with(
        &self,
        wallet: Arc<Wallet>,
        program: Program,
    ) -> Result<(), SaifuError> {
        let program = program.try_into()?;
        // Wallet first, then charges: the one lock order.
        let mut wallet = wallet.lock();
        let mut charges = self.lock();
        Ok(charges.add_program_with(&mut wallet, program)?)
    }

    /// Applies a provider notification and, for the charge's success (3-D Secure
    /// passed, J-Coin authorized, cash paid), credits `wallet` in the same step: one lot
    /// per lot the charge creates (the product's breakdown × units, or one all-stores
    /// lot) under `issued`'s ids, codes and management numbers in that order, with the
    /// product's expiry, and the history's charge entry. Any other notification takes
    /// no lots. Kotlin `charges.notifyInto(wallet, id, event, issued, now)`, Swift
    /// `charges.notifyInto(wallet:id:event:issued:now:)`.
    ///
    /// # Errors
    /// Those of `notify`; `voucher.invalid_code` for an issued code;
    /// `charge.issued_lots_mismatch` (`creates`, `named`); the wallet's
    /// `wallet.unknown_program`, `wallet.duplicate_id`, `money.out_of_range`. A failure
    /// changes neither the charges nor the wallet.
    pub fn notify_into(
        &self,
        wallet: Arc<Wallet>,
        id: String,
        event: ChargeEvent,
        issued: Vec<IssuedLot>,
        now: SystemTime,
    ) -> Result<Notified, SaifuError> {
        let now = instant(now)?;
        let issued = issued
            .into_iter()
            .map(|lot| {
                Ok(saifu::IssuedLot {
                    code: saifu::VoucherCode::parse(&lot.code)?,
                    id: lot.id,
                    management_no: lot.management_no,
                })
            })
            .collect::<Result<Vec<_>, saifu::Error>>()?;
        let mut wallet = wallet.lock();
        let mut charges = self.lock();
        Ok(charges
            .notify_into(&mut wallet, &id, event.into(), issued, now)?
            .into())
    }
}

/// What restoring saved flows takes: the integrator's key (16 bytes or more, wiped once
/// read), which sealed their codes and PINs, and the settings they run under.
#[derive(Debug, Clone, uniffi::Record)]
pub struct FlowSettings {
    /// The integrator's key.
    pub key: Vec<u8>,
    /// The sign-in's settings.
    pub sign_in: SignInConfig,
    /// The MyNaPoint settings, for an app that runs it.
    #[uniffi(default)]
    pub mynapoint: Option<MyNaPointConfig>,
}

impl FlowSettings {
    fn into_core(self) -> Result<saifu::FlowSettings, saifu::Error> {
        Ok(saifu::FlowSettings {
            key: secret_key(self.key)?,
            sign_in: self.sign_in,
            mynapoint: self.mynapoint,
        })
    }
}

/// The flows a user state holds.
#[derive(Default)]
struct Flows {
    sign_in: Option<Arc<SignIn>>,
    mynapoint: Option<Arc<MyNaPoint>>,
}

/// A user's state, saved and loaded as one document (docs/state.md "User state"): the
/// wallet, the charges, the cards on file and the flows (a sign-in, the MyNaPoint
/// set-up). A charge's success and the lots it credited reach storage in one write, and
/// a PIN's failures or a one-time password's attempts survive a restart. It shares the
/// objects: calls on them are seen here.
#[derive(uniffi::Object)]
pub struct UserState {
    wallet: Arc<Wallet>,
    charges: Arc<Charges>,
    cards: Arc<CardsOnFile>,
    flows: Mutex<Flows>,
}

impl UserState {
    fn flows(&self) -> MutexGuard<'_, Flows> {
        self.flows.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl UserState {
    /// The user's state made of these objects (Kotlin `UserState(wallet, charges)`,
    /// `UserState(wallet, charges, cards, signIn, mynapoint)`; Swift
    /// `UserState(wallet:charges:cards:signIn:mynapoint:)`). Without cards, an empty
    /// `CardsOnFile`.
    #[uniffi::constructor(default(cards = None, sign_in = None, mynapoint = None))]
    pub fn new(
        wallet: Arc<Wallet>,
        charges: Arc<Charges>,
        cards: Option<Arc<CardsOnFile>>,
        sign_in: Option<Arc<SignIn>>,
        mynapoint: Option<Arc<MyNaPoint>>,
    ) -> Arc<Self> {
        Arc::new(UserState {
            wallet,
            charges,
            cards: cards.unwrap_or_else(CardsOnFile::new),
            flows: Mutex::new(Flows { sign_in, mynapoint }),
        })
    }

    /// Loads a document written by `toJson()` (or of version 1). A saved flow is
    /// restored under `settings` (Kotlin `UserState.fromJson(json, settings)`, Swift
    /// `UserState.fromJson(json:settings:)`), with every counter as it was.
    ///
    /// # Errors
    /// `state.malformed`, `state.unsupported_version`, the parts' own `state.*` codes;
    /// `credential.invalid_key`, `credential.key_mismatch`, `signin.invalid_config`,
    /// `mynapoint.invalid_config`, `time.invalid`, and `state.invalid_flow` (also a
    /// saved flow without `settings`, or a MyNaPoint set-up without its settings).
    #[uniffi::constructor(default(settings = None))]
    pub fn from_json(
        json: String,
        settings: Option<FlowSettings>,
    ) -> Result<Arc<Self>, SaifuError> {
        let state = match settings {
            None => saifu::UserState::from_json(&json)?,
            Some(settings) => saifu::UserState::from_json_with(&json, &settings.into_core()?)?,
        };
        Ok(Arc::new(UserState {
            wallet: Wallet::wrap(state.wallet),
            charges: Charges::wrap(state.charges),
            cards: CardsOnFile::wrap(state.cards),
            flows: Mutex::new(Flows {
                sign_in: state.sign_in.map(SignIn::wrap),
                mynapoint: state.mynapoint.map(MyNaPoint::wrap),
            }),
        }))
    }

    /// Everything as one versioned JSON document, written while every part is held, so
    /// it is one consistent instant. Codes and PINs are sealed digests; no secret is in
    /// it.
    pub fn to_json(&self) -> String {
        let (sign_in, mynapoint) = {
            let flows = self.flows();
            (flows.sign_in.clone(), flows.mynapoint.clone())
        };
        // Locks in one order everywhere: wallet, charges, cards, then the flows.
        let wallet = self.wallet.lock();
        let charges = self.charges.lock();
        let cards = self.cards.lock();
        let sign_in = sign_in.map(|flow| flow.lock().parts());
        let mynapoint = mynapoint.map(|flow| flow.lock().parts());
        // The core writes from the objects' own values: nothing is cloned.
        saifu::UserStateRef {
            wallet: &wallet,
            charges: &charges,
            cards: &cards,
            sign_in,
            mynapoint,
        }
        .to_json()
    }

    /// Adds a program to the wallet and the charges, as one record (what a charge of it
    /// buys, the wallet spends): `charges.addProgramWith(wallet, program)`.
    ///
    /// # Errors
    /// Those of `Charges.addProgramWith`.
    pub fn add_program(&self, program: Program) -> Result<(), SaifuError> {
        self.charges
            .add_program_with(Arc::clone(&self.wallet), program)
    }

    /// The wallet.
    pub fn wallet(&self) -> Arc<Wallet> {
        Arc::clone(&self.wallet)
    }

    /// The charges.
    pub fn charges(&self) -> Arc<Charges> {
        Arc::clone(&self.charges)
    }

    /// The cards on file.
    pub fn cards(&self) -> Arc<CardsOnFile> {
        Arc::clone(&self.cards)
    }

    /// The sign-in, if any.
    pub fn sign_in(&self) -> Option<Arc<SignIn>> {
        self.flows().sign_in.clone()
    }

    /// Sets (or, with none, ends) the sign-in the state saves.
    pub fn set_sign_in(&self, sign_in: Option<Arc<SignIn>>) {
        self.flows().sign_in = sign_in;
    }

    /// The MyNaPoint set-up, if any.
    pub fn mynapoint(&self) -> Option<Arc<MyNaPoint>> {
        self.flows().mynapoint.clone()
    }

    /// Sets (or, with none, ends) the MyNaPoint set-up the state saves.
    pub fn set_mynapoint(&self, mynapoint: Option<Arc<MyNaPoint>>) {
        self.flows().mynapoint = mynapoint;
    }
}
