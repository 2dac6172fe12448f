//! The persisted form of a wallet: documented, versioned JSON (docs/state.md).
//!
//! Loading checks everything a hand-edited or corrupted file could get wrong and answers
//! a coded error, never a panic.

use super::history::HistoryEntry;
use super::ledger::ProgramLedger;
use super::lot::Lot;
use super::records::{ChargeRecord, Payment};
use super::setup::{Merchant, NewLot, Program, WalletPolicy};
use super::{Index, Wallet};
use crate::currency::Currency;
use crate::error::Error;
use crate::json::{self, read_fields, record};
use crate::money::Money;

/// The version of the JSON this saifu writes, and the only one it reads.
pub const STATE_VERSION: u32 = 1;

/// The persisted wallet. Its serde derives serve only as the reference the tests
/// and fuzz targets check saifu's own JSON codec against.
#[cfg_attr(
    any(test, feature = "fuzzing"),
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
struct StateV1 {
    version: u32,
    programs: Vec<Program>,
    /// One per program, in the same order.
    ledgers: Vec<ProgramLedger>,
    merchants: Vec<Merchant>,
    policy: WalletPolicy,
    next_payment_serial: u64,
    lots: Vec<NewLot>,
    payments: Vec<Payment>,
    charges: Vec<ChargeRecord>,
    history: Vec<HistoryEntry>,
}

record!(StateV1 {
    version,
    programs,
    ledgers,
    merchants,
    policy,
    next_payment_serial,
    lots,
    payments,
    charges,
    history
});

/// [`StateV1`] borrowing the wallet's records, for writing the same JSON without
/// copying them.
struct StateView<'a> {
    version: u32,
    programs: &'a [Program],
    ledgers: &'a [ProgramLedger],
    merchants: &'a [Merchant],
    policy: WalletPolicy,
    next_payment_serial: u64,
    lots: Vec<NewLot>,
    payments: &'a [Payment],
    charges: &'a [ChargeRecord],
    history: &'a [HistoryEntry],
}

impl json::Write for StateView<'_> {
    fn write(&self, w: &mut json::Writer) {
        json::write_fields!(
            w,
            self,
            version,
            programs,
            ledgers,
            merchants,
            policy,
            next_payment_serial,
            lots,
            payments,
            charges,
            history
        );
    }
}

/// Only the version, read first so a file of another version is named as such rather
/// than as malformed. Other fields are skipped (only checked to be JSON).
#[cfg_attr(any(test, feature = "fuzzing"), derive(serde::Deserialize))]
struct VersionOnly {
    version: Option<u64>,
}

fn unsupported(version: u64) -> Error {
    Error::StateUnsupportedVersion {
        version: u32::try_from(version).unwrap_or(u32::MAX),
    }
}

fn no_version() -> Error {
    Error::StateMalformed {
        detail: "no version".into(),
    }
}

impl Wallet {
    /// The wallet as JSON (version [`STATE_VERSION`]; the format is in
    /// `docs/state.md`). Untaken events are not part of it.
    ///
    /// # Errors
    /// None: the `Result` is kept for callers written when serialization could fail.
    ///
    /// # Example
    /// ```
    /// # use saifu::Wallet;
    /// let json = Wallet::new().to_json()?;
    /// assert!(json.starts_with(r#"{"version":1,"#));
    /// assert_eq!(Wallet::from_json(&json)?, Wallet::new());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn to_json(&self) -> Result<String, Error> {
        Ok(json::to_string(&StateView {
            version: STATE_VERSION,
            programs: &self.programs,
            ledgers: &self.ledgers,
            merchants: &self.merchants,
            policy: self.policy,
            next_payment_serial: self.next_serial,
            lots: self.lots.iter().map(Lot::to_new).collect(),
            payments: &self.payments,
            charges: &self.charges,
            history: &self.history,
        }))
    }

    #[cfg(any(test, feature = "fuzzing"))]
    fn state(&self) -> StateV1 {
        StateV1 {
            version: STATE_VERSION,
            programs: self.programs.clone(),
            ledgers: self.ledgers.clone(),
            merchants: self.merchants.clone(),
            policy: self.policy,
            next_payment_serial: self.next_serial,
            lots: self.lots.iter().map(Lot::to_new).collect(),
            payments: self.payments.clone(),
            charges: self.charges.clone(),
            history: self.history.clone(),
        }
    }

    /// Loads a wallet from its JSON, checking it.
    ///
    /// # Errors
    /// `state.malformed` (not JSON, or not of the documented shape);
    /// `state.unsupported_version`; `state.duplicate_id` (two programs, merchants, lots,
    /// payments or charges with one id); `state.unknown_reference` (a lot of an unknown
    /// program, a payment at an unknown merchant, …); `state.unknown_lot` (a payment or
    /// charge pointing at an unknown lot); `state.negative_balance`; `state.invalid_lot`
    /// (a balance above the face value, a face value not above zero, not yen);
    /// `state.inconsistent_totals` (a payment whose shares or refunds do not add up, a
    /// program whose balances differ from its ledger).
    ///
    /// # Example
    /// ```
    /// # use saifu::Wallet;
    /// assert_eq!(Wallet::from_json("{").unwrap_err().code(), "state.malformed");
    /// assert_eq!(Wallet::from_json(r#"{"version":2}"#).unwrap_err().code(), "state.unsupported_version");
    /// ```
    pub fn from_json(json: &str) -> Result<Wallet, Error> {
        let version = json::parse_with(json, |r| {
            Ok(read_fields!(r, false, VersionOnly {} default { version }))
        })?
        .version
        .ok_or_else(no_version)?;
        if version != u64::from(STATE_VERSION) {
            return Err(unsupported(version));
        }
        build(json::parse(json)?)
    }
}

/// serde_json's reading and writing of the state, as saifu did before its own codec:
/// the reference for the tests and fuzz targets (`crate::fuzzing`).
#[cfg(any(test, feature = "fuzzing"))]
impl Wallet {
    pub(crate) fn serde_to_json(&self) -> String {
        serde_json::to_string(&self.state()).unwrap_or_default()
    }

    pub(crate) fn serde_from_json(json: &str) -> Result<Wallet, Error> {
        let malformed = |e: serde_json::Error| Error::StateMalformed {
            detail: e.to_string(),
        };
        let version = serde_json::from_str::<VersionOnly>(json)
            .map_err(malformed)?
            .version
            .ok_or_else(no_version)?;
        if version != u64::from(STATE_VERSION) {
            return Err(unsupported(version));
        }
        let state: StateV1 = serde_json::from_str(json).map_err(malformed)?;
        build(state)
    }
}

/// The state as saifu's codec and serde_json read it, before any check, each written
/// back by serde_json (`None` where reading fails): the tests compare the two.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn raw_states(json: &str) -> (Option<String>, Option<String>) {
    let write = |state: StateV1| serde_json::to_string(&state).ok();
    (
        json::parse::<StateV1>(json).ok().and_then(write),
        serde_json::from_str::<StateV1>(json).ok().and_then(write),
    )
}

/// Records `id` at `ix` in `index`, or answers `state.duplicate_id` when it is there
/// already. The wallet's own index is the set of ids seen (one map type in the build).
fn unique(index: &mut Index, id: &str, ix: usize) -> Result<(), Error> {
    if index.insert(id.to_owned(), ix).is_none() {
        Ok(())
    } else {
        Err(Error::StateDuplicateId { id: id.to_owned() })
    }
}

fn unknown(id: &str) -> Error {
    Error::StateUnknownReference { id: id.to_owned() }
}

fn inconsistent(subject: &str) -> Error {
    Error::StateInconsistentTotals {
        subject: subject.to_owned(),
    }
}

fn build(state: StateV1) -> Result<Wallet, Error> {
    let mut wallet = Wallet::new();
    wallet.policy = state.policy;
    wallet.next_serial = state.next_payment_serial;
    for (ix, p) in state.programs.iter().enumerate() {
        unique(&mut wallet.program_index, &p.id, ix)?;
    }
    if state.ledgers.len() != state.programs.len() {
        return Err(inconsistent("ledgers"));
    }
    for (ix, m) in state.merchants.iter().enumerate() {
        unique(&mut wallet.merchant_index, &m.id, ix)?;
    }
    wallet.programs = state.programs;
    wallet.ledgers = state.ledgers;
    wallet.merchants = state.merchants;
    let zero = Money::zero(Currency::JPY);
    let mut balances = vec![zero; wallet.programs.len()];
    for (ix, new_lot) in state.lots.into_iter().enumerate() {
        let lot = &new_lot;
        if wallet.lot_index.contains_key(&lot.id) {
            return Err(Error::StateDuplicateId { id: lot.id.clone() });
        }
        let program_ix = wallet
            .program_ix(&lot.program)
            .map_err(|_| unknown(&lot.program))?;
        if lot.balance.minor() < 0 {
            return Err(Error::StateNegativeBalance {
                lot: lot.id.clone(),
            });
        }
        let yen =
            lot.balance.currency() == Currency::JPY && lot.face_value.currency() == Currency::JPY;
        if !yen || !lot.face_value.is_positive() || lot.balance.minor() > lot.face_value.minor() {
            return Err(Error::StateInvalidLot {
                lot: lot.id.clone(),
            });
        }
        if let Some(sum) = balances.get_mut(program_ix) {
            *sum = sum
                .checked_add(lot.balance)
                .map_err(|_| inconsistent(&lot.program))?;
        }
        wallet.lot_index.insert(lot.id.clone(), ix);
        wallet.lots.push(Lot::from_new(new_lot, program_ix));
    }
    for (ix, payment) in state.payments.iter().enumerate() {
        unique(&mut wallet.payment_index, &payment.id, ix)?;
        check_payment(&wallet, payment)?;
    }
    wallet.payments = state.payments;
    for (ix, charge) in state.charges.iter().enumerate() {
        unique(&mut wallet.charge_index, &charge.id, ix)?;
        wallet
            .program_ix(&charge.program)
            .map_err(|_| unknown(&charge.program))?;
        for lot in &charge.lots {
            if !wallet.lot_index.contains_key(lot) {
                return Err(Error::StateUnknownLot { lot: lot.clone() });
            }
        }
    }
    wallet.charges = state.charges;
    // Conservation: each program's balances equal what its ledger says.
    for ((program, ledger), balance) in wallet.programs.iter().zip(&wallet.ledgers).zip(&balances) {
        let expected = ledger
            .expected_balance()
            .map_err(|_| inconsistent(&program.id))?;
        if expected != *balance {
            return Err(inconsistent(&program.id));
        }
    }
    wallet.history = state.history;
    Ok(wallet)
}

/// A payment is at a known merchant, draws on known lots once each, and its shares,
/// restorations and refunds add up.
fn check_payment(wallet: &Wallet, payment: &Payment) -> Result<(), Error> {
    if !wallet.merchant_index.contains_key(&payment.merchant) {
        return Err(unknown(&payment.merchant));
    }
    let bad = || inconsistent(&payment.id);
    // Sets of the lots drawn on and of the refund ids (the positions are not needed).
    let mut shares = Index::default();
    let (mut paid, mut restored) = (0i64, 0i64);
    for a in &payment.allocations {
        if !wallet.lot_index.contains_key(&a.lot) {
            return Err(Error::StateUnknownLot { lot: a.lot.clone() });
        }
        let sane = a.amount.is_positive()
            && a.restored.minor() >= 0
            && a.restored.minor() <= a.amount.minor();
        if !sane || shares.insert(a.lot.clone(), 0).is_some() {
            return Err(bad());
        }
        paid = paid.checked_add(a.amount.minor()).ok_or_else(bad)?;
        restored = restored.checked_add(a.restored.minor()).ok_or_else(bad)?;
    }
    let mut refunded = 0i64;
    let mut refund_ids = Index::default();
    for r in &payment.refunds {
        if !r.amount.is_positive() || refund_ids.insert(r.id.clone(), 0).is_some() {
            return Err(bad());
        }
        refunded = refunded.checked_add(r.amount.minor()).ok_or_else(bad)?;
    }
    if paid != payment.amount.minor() || restored != refunded || payment.allocations.is_empty() {
        return Err(bad());
    }
    Ok(())
}
