//! A charge's success credits the wallet in the same step, and the user's state saves
//! wallet and charges as one document (DESIGN §5, §6 "Persistence").
//!
//! Locks are always taken wallet first, then charges, so two threads that credit and
//! save at once cannot deadlock.

use std::sync::Arc;
use std::time::SystemTime;

use crate::charge::{ChargeEvent, Charges, Notified};
use crate::error::SaifuError;
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

/// A user's wallet and charges, saved and loaded as one document (docs/state.md "User
/// state"), so that a charge's success and the lots it credited reach storage in one
/// write. It shares the two objects: calls on them are seen here.
#[derive(uniffi::Object)]
pub struct UserState {
    wallet: Arc<Wallet>,
    charges: Arc<Charges>,
}

#[uniffi::export]
impl UserState {
    /// The user's state made of these two objects (Kotlin `UserState(wallet, charges)`,
    /// Swift `UserState(wallet:charges:)`).
    #[uniffi::constructor]
    pub fn new(wallet: Arc<Wallet>, charges: Arc<Charges>) -> Arc<Self> {
        Arc::new(UserState { wallet, charges })
    }

    /// Loads a document written by `to_json` (Kotlin `UserState.fromJson(json)`, Swift
    /// `UserState.fromJson(json:)`).
    ///
    /// # Errors
    /// `state.malformed`, `state.unsupported_version`, and the wallet's and charges'
    /// own `state.*` codes.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, SaifuError> {
        let state = saifu::UserState::from_json(&json)?;
        Ok(Arc::new(UserState {
            wallet: Wallet::wrap(state.wallet),
            charges: Charges::wrap(state.charges),
        }))
    }

    /// The wallet and the charges as one versioned JSON document, written while both
    /// are held, so it is one consistent instant. No secret is in it.
    pub fn to_json(&self) -> String {
        let wallet = self.wallet.lock();
        let charges = self.charges.lock();
        // The core writes from its own values; cloning would double the memory of a
        // large wallet for the time of the call.
        saifu::UserState::write_parts(&wallet, &charges)
    }

    /// The wallet.
    pub fn wallet(&self) -> Arc<Wallet> {
        Arc::clone(&self.wallet)
    }

    /// The charges.
    pub fn charges(&self) -> Arc<Charges> {
        Arc::clone(&self.charges)
    }
}
