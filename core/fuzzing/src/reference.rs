//! serde_json's reading and writing of a saved wallet and of its events, as saifu did
//! before its own JSON codec: the reference the codec is checked against.

use saifu::unchecked::{self, SavedWallet};
use saifu::{Error, STATE_VERSION, Wallet, WalletEvent};
use serde::Deserialize;

/// serde_json's writing of a wallet, as `Wallet::to_json` did before saifu's own JSON
/// codec: the reference the codec is checked against.
pub fn serde_to_json(wallet: &Wallet) -> String {
    serde_json::to_string(&SavedWallet::of(wallet)).expect("a wallet serializes")
}

/// Only the version, as serde_json's reading of a wallet reads it first (saifu's reader
/// reads it first too).
#[derive(Deserialize)]
struct VersionOnly {
    version: Option<u64>,
}

/// serde_json's reading of a wallet, as `Wallet::from_json` does: the records, then the
/// same checks (a document that is not of this version: its version first).
pub fn serde_from_json(json: &str) -> Result<Wallet, Error> {
    // A document of this version is read in one pass, as saifu's codec reads one whose
    // version comes first; any other is first asked its version, so that the errors are
    // the codec's.
    if let Ok(state) = serde_json::from_str::<SavedWallet>(json)
        && state.version() == STATE_VERSION
    {
        return state.check();
    }
    let malformed = |e: serde_json::Error| Error::StateMalformed {
        detail: e.to_string(),
    };
    let version = serde_json::from_str::<VersionOnly>(json)
        .map_err(malformed)?
        .version
        .ok_or_else(|| Error::StateMalformed {
            detail: "no version".into(),
        })?;
    if version != u64::from(STATE_VERSION) {
        return Err(Error::StateUnsupportedVersion {
            version: u32::try_from(version).unwrap_or(u32::MAX),
        });
    }
    serde_json::from_str::<SavedWallet>(json)
        .map_err(malformed)?
        .check()
}

/// The records of a saved wallet as saifu's codec and serde_json read them, before any
/// check, each written back by serde_json (saifu's error, or serde's `None`, where
/// reading fails): the two are compared.
pub fn raw_states(json: &str) -> (Result<String, Error>, Option<String>) {
    let write = |state: SavedWallet| serde_json::to_string(&state).ok();
    (
        SavedWallet::read(json).and_then(|state| {
            write(state).ok_or(Error::StateMalformed {
                detail: "serde_json cannot write it".into(),
            })
        }),
        serde_json::from_str::<SavedWallet>(json)
            .ok()
            .and_then(write),
    )
}

/// serde_json's reading of an event log, as `Wallet::replay_json` did before saifu's
/// codec.
pub fn serde_replay_json(json: &str) -> Result<Wallet, Error> {
    let events: Vec<WalletEvent> =
        serde_json::from_str(json).map_err(|e| Error::StateMalformed {
            detail: e.to_string(),
        })?;
    Wallet::replay(&events)
}

/// The detail of a record written as an array of its fields, which serde reads and saifu
/// refuses (the text of core/src/json.rs's `RECORD_AS_ARRAY`: a change there fails the
/// codec's comparison with serde_json on the first such input).
const RECORD_AS_ARRAY: &str = "a record is an object, not an array";

/// The detail of a unit variant written as `{"variant": null}`, which serde reads and saifu
/// refuses (core/src/json.rs's `UNIT_AS_OBJECT`).
const UNIT_AS_OBJECT: &str = "a variant without fields is a string";

/// `error` is saifu's refusal of one of serde's forms docs/state.md does not document
/// (a record as an array of its fields, a unit variant as `{"variant": null}`), which
/// serde reads and saifu's reader does not.
pub fn refuses_an_undocumented_form(error: &Error) -> bool {
    matches!(error, Error::StateMalformed { detail }
        if detail.starts_with(RECORD_AS_ARRAY) || detail.starts_with(UNIT_AS_OBJECT))
}

/// Two loads of `json` agree: the same wallet, saved to the same bytes by both writers,
/// or errors of the same code (the same error, but for `state.malformed`'s detail); or
/// saifu refuses one of serde's undocumented forms (which serde reads, to a value or to
/// another error).
pub fn assert_same_load(json: &str, ours: Result<Wallet, Error>, theirs: Result<Wallet, Error>) {
    match (ours, theirs) {
        (Err(ours), _) if refuses_an_undocumented_form(&ours) => {}
        (Ok(ours), Ok(theirs)) => {
            assert_eq!(ours, theirs, "different wallets from {json}");
            assert_eq!(
                ours.to_json().expect("saves"),
                serde_to_json(&theirs),
                "different saves of {json}"
            );
        }
        (Err(ours), Err(theirs)) => {
            assert_eq!(
                ours.code(),
                theirs.code(),
                "{ours:?} / {theirs:?} on {json}"
            );
            if ours.code() != "state.malformed" {
                assert_eq!(ours, theirs, "on {json}");
            }
        }
        (ours, theirs) => panic!("codec {ours:?}, serde_json {theirs:?} on {json}"),
    }
}

/// saifu's codec and serde_json agree on `json`: read as a state (the raw state too,
/// before the checks) and as an event log (the raw events too, before the replay), and
/// on writing what they read.
pub fn codec_agrees(json: &str) {
    assert_same_load(json, Wallet::from_json(json), serde_from_json(json));
    let (ours, theirs) = raw_states(json);
    assert_same_read(json, ours, theirs);
    assert_same_load(json, Wallet::replay_json(json), serde_replay_json(json));
    let ours = unchecked::wallet_events(json);
    let theirs = serde_json::from_str::<Vec<WalletEvent>>(json).ok();
    assert_same_read(json, ours, theirs.clone());
    if let Some(events) = theirs {
        assert_eq!(
            unchecked::wallet_events_json(&events),
            serde_json::to_string(&events).expect("events serialize")
        );
    }
}

/// saifu's reading of `json` is serde's, or refuses one of serde's undocumented forms.
fn assert_same_read<T: PartialEq + std::fmt::Debug>(
    json: &str,
    ours: Result<T, Error>,
    theirs: Option<T>,
) {
    match (ours, theirs) {
        (Err(ours), Some(_)) if refuses_an_undocumented_form(&ours) => {}
        (ours, theirs) => assert_eq!(ours.ok(), theirs, "on {json}"),
    }
}
