//! Not part of saifu's API (hidden from the docs, no semver promise; only with the `serde`
//! feature, so no other build carries it): saifu's JSON codec on a wallet's records
//! without the wallet's checks, and the checks on records read another way. saifu-fuzzing (`core/fuzzing`, a dev-only crate) checks the codec against
//! serde_json with them: both read the same text to the same records (inputs that the
//! checks refuse too), the checks run on serde's records as they did when saifu loaded
//! through serde_json, and both write the same bytes. [`Wallet::from_json`] is
//! [`SavedWallet::read`] then [`SavedWallet::check`], after the version.
//!
//! [`Wallet::from_json`]: crate::Wallet::from_json

use crate::error::Error;
use crate::json;
pub use crate::wallet::SavedWallet;
use crate::wallet::WalletEvent;

/// An event log as saifu's codec reads it, before [`Wallet::replay`] checks it.
///
/// [`Wallet::replay`]: crate::Wallet::replay
///
/// # Errors
/// `state.malformed`: not a JSON list of events of the documented shape.
///
/// # Example
/// ```
/// assert!(saifu::unchecked::wallet_events("[]")?.is_empty());
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn wallet_events(json: &str) -> Result<Vec<WalletEvent>, Error> {
    json::parse_list(json)
}

/// Events as saifu's codec writes them ([`Wallet::take_events_json`]'s writer), for any
/// events, including ones no wallet would record.
///
/// [`Wallet::take_events_json`]: crate::Wallet::take_events_json
///
/// # Example
/// ```
/// assert_eq!(saifu::unchecked::wallet_events_json(&[]), "[]");
/// ```
#[must_use]
pub fn wallet_events_json(events: &[WalletEvent]) -> String {
    json::to_string(events)
}
