//! Not part of saifu's API (hidden from the docs, no semver promise): saifu's JSON codec
//! on a wallet's records without the wallet's checks. saifu-fuzzing (`core/fuzzing`, a
//! dev-only crate) compares it byte for byte with serde_json's reading and writing of the
//! same records, on inputs whose loading fails in the checks as well as on those that
//! load; the public [`Wallet::from_json`](crate::Wallet::from_json) and [`Wallet::replay_json`](crate::Wallet::replay_json) always check.

use crate::error::Error;
use crate::json;
use crate::wallet::WalletEvent;

/// A saved wallet (docs/state.md) as saifu's codec reads it, before the version gate and
/// any check of [`Wallet::from_json`](crate::Wallet::from_json), written back by the codec.
///
/// # Errors
/// `state.malformed`: not JSON, or not of the documented shape.
///
/// # Example
/// ```
/// let saved = saifu::Wallet::new().to_json()?;
/// assert_eq!(saifu::unchecked::wallet_state(&saved)?, saved);
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn wallet_state(json: &str) -> Result<String, Error> {
    crate::wallet::unchecked_json(json)
}

/// An event log as saifu's codec reads it, before [`Wallet::replay`](crate::Wallet::replay) checks it.
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

/// Events as saifu's codec writes them ([`Wallet::take_events_json`](crate::Wallet::take_events_json)'s writer), for any
/// events, including ones no wallet would record.
///
/// # Example
/// ```
/// assert_eq!(saifu::unchecked::wallet_events_json(&[]), "[]");
/// ```
#[must_use]
pub fn wallet_events_json(events: &[WalletEvent]) -> String {
    json::to_string(events)
}
