//! The persisted form of a wallet: documented, versioned JSON (docs/state.md).
//!
//! Loading checks everything a hand-edited or corrupted file could get wrong and answers
//! a coded error, never a panic.

use super::history::{HistoryEntry, HistoryKind};
use super::ledger::ProgramLedger;
use super::lot::Lot;
use super::records::{ChargeRecord, Payment};
use super::setup::{Merchant, NewLot, WalletPolicy};
use super::{MAX_SERIAL, Wallet};
use crate::currency::Currency;
use crate::error::Error;
use crate::index::{Index, Seen};
use crate::json::{self, record};
use crate::money::Money;
use crate::program::Program;

/// The version of the JSON this saifu writes, and the only one it reads.
pub const STATE_VERSION: u32 = 1;

/// The persisted wallet (version 1), its records as read, before the checks of
/// [`Wallet::from_json`]. Not part of saifu's API: with the `serde` feature,
/// `saifu::unchecked::SavedWallet` (hidden) for saifu-fuzzing (core/fuzzing), whose
/// serde_json reference reads and writes it through its serde derives and compares that
/// with this codec.
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct SavedWallet {
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

record!(SavedWallet {
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

/// [`SavedWallet`] borrowing the wallet's records, for writing the same JSON without
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
        Ok(self.json())
    }

    /// The document [`Wallet::to_json`] returns.
    pub(crate) fn json(&self) -> String {
        json::to_string(&StateView {
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
        })
    }

    /// Loads a wallet from its JSON, checking it.
    ///
    /// # Errors
    /// `state.malformed` (not JSON, or not of the documented shape, or a program that
    /// `add_program` refuses: without a payment-id prefix, or with a product it may not
    /// sell; or a lot that `open_lot` refuses: not yen, a face value not above zero, a
    /// balance below zero or above the face value, the detail naming the lot and
    /// `wallet.invalid_lot` or `money.currency_mismatch`);
    /// `state.unsupported_version`; `state.duplicate_id` (two programs, merchants, lots,
    /// payments or charges with one id); `state.unknown_reference` (a lot of an unknown
    /// program, a payment at an unknown merchant, …); `state.unknown_lot` (a payment or
    /// charge pointing at an unknown lot);
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
        json::version(json, &[STATE_VERSION])?;
        build(json::parse(json)?)
    }
}

/// Only with the `serde` feature, which the comparison with serde_json needs.
#[cfg(feature = "serde")]
impl SavedWallet {
    /// The records of a saved wallet as saifu's codec reads them, before the version gate
    /// and the checks of [`Wallet::from_json`] (which is `read` then [`SavedWallet::check`]
    /// after the version).
    ///
    /// # Errors
    /// `state.malformed`: not JSON, or not of the documented shape.
    ///
    /// # Example
    /// ```
    /// use saifu::{Wallet, unchecked::SavedWallet};
    /// let saved = SavedWallet::read(&Wallet::new().to_json()?)?;
    /// assert_eq!(saved.check()?, Wallet::new());
    /// assert!(SavedWallet::read("[]").is_err()); // state.malformed
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn read(json: &str) -> Result<SavedWallet, Error> {
        json::parse(json)
    }

    /// The document's version, as read.
    ///
    /// ```
    /// use saifu::{STATE_VERSION, Wallet, unchecked::SavedWallet};
    /// assert_eq!(SavedWallet::of(&Wallet::new()).version(), STATE_VERSION);
    /// ```
    #[must_use]
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The records [`Wallet::to_json`] writes.
    ///
    /// # Example
    /// ```
    /// use saifu::{Wallet, unchecked::SavedWallet};
    /// assert_eq!(SavedWallet::of(&Wallet::new()).check()?, Wallet::new());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn of(wallet: &Wallet) -> SavedWallet {
        SavedWallet {
            version: STATE_VERSION,
            programs: wallet.programs.clone(),
            ledgers: wallet.ledgers.clone(),
            merchants: wallet.merchants.clone(),
            policy: wallet.policy,
            next_payment_serial: wallet.next_serial,
            lots: wallet.lots.iter().map(Lot::to_new).collect(),
            payments: wallet.payments.clone(),
            charges: wallet.charges.clone(),
            history: wallet.history.clone(),
        }
    }

    /// The wallet these records make, after the checks of [`Wallet::from_json`] (but the
    /// version's).
    ///
    /// # Errors
    /// As [`Wallet::from_json`], but for `state.malformed` and
    /// `state.unsupported_version`.
    ///
    /// # Example
    /// ```
    /// use saifu::{Wallet, unchecked::SavedWallet};
    /// assert_eq!(SavedWallet::of(&Wallet::new()).check()?, Wallet::new());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn check(self) -> Result<Wallet, Error> {
        build(self)
    }
}

/// Records `id` at `ix` in `index`, or answers `state.duplicate_id` when it is there
/// already.
fn unique(index: &mut Index, id: &str, ix: usize) -> Result<(), Error> {
    if index.insert(id.to_owned(), ix).is_none() {
        Ok(())
    } else {
        Err(Error::StateDuplicateId {
            id: Error::echo(id),
        })
    }
}

fn unknown(id: &str) -> Error {
    Error::StateUnknownReference {
        id: Error::echo(id),
    }
}

fn inconsistent(subject: &str) -> Error {
    Error::StateInconsistentTotals {
        subject: Error::echo(subject),
    }
}

/// `state.malformed` for a value beyond a documented bound.
fn beyond(what: &str) -> Error {
    Error::StateMalformed {
        detail: what.to_owned(),
    }
}

/// `state.malformed` for a record the wallet's own operation refuses (`add_program`,
/// `open_lot`): no wallet wrote it. The detail names the record and that operation's
/// code, e.g. `lot L2: wallet.invalid_lot`.
fn refused(record: &str, id: &str, cause: &Error) -> Error {
    Error::StateMalformed {
        detail: format!("{record} {}: {}", Error::echo(id), cause.code()),
    }
}

/// `total + amount` in the loader: a sum past 2^128 is a file no wallet wrote.
fn add_to(total: &mut u128, amount: Money, subject: &str) -> Result<(), Error> {
    *total = super::ledger::add(*total, amount).map_err(|_| inconsistent(subject))?;
    Ok(())
}

fn build(state: SavedWallet) -> Result<Wallet, Error> {
    let mut wallet = Wallet::new();
    wallet.policy = state.policy;
    wallet.policy.expired_refund.checked().map_err(|_| {
        beyond("a reissue policy of more valid days than ExpiredRefundPolicy::MAX_VALID_DAYS")
    })?;
    wallet.next_serial = state.next_payment_serial;
    if wallet.next_serial > MAX_SERIAL.saturating_add(1) {
        return Err(beyond("next_payment_serial above 1,000,000,000,000"));
    }
    for (ix, p) in state.programs.iter().enumerate() {
        unique(&mut wallet.program_index, &p.id, ix)?;
        // What `add_program` refuses, no wallet wrote.
        super::setup::spendable(p).map_err(|e| refused("program", &p.id, &e))?;
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
    // What the records say each program's ledger must hold, summed as they are read
    // (`opening` unused), and each program's balances.
    let mut sums = wallet.ledgers.clone();
    sums.fill(ProgramLedger::default());
    let mut balances = vec![Money::zero(Currency::JPY); wallet.programs.len()];
    wallet.lots.reserve(state.lots.len());
    for (ix, new_lot) in state.lots.into_iter().enumerate() {
        let lot = &new_lot;
        if wallet.lot_index.contains_key(&lot.id) {
            return Err(Error::StateDuplicateId {
                id: Error::echo(&lot.id),
            });
        }
        let program_ix = wallet
            .program_ix(&lot.program)
            .map_err(|_| unknown(&lot.program))?;
        // The lot invariant, as `open_lot` checks it.
        lot.check().map_err(|e| refused("lot", &lot.id, &e))?;
        // The whole wallet holds at most an amount (`Wallet::MAX_HELD`), so each
        // program's sum is one too.
        wallet.held = wallet
            .held
            .checked_add(lot.balance.minor())
            .filter(|held| *held <= Wallet::MAX_HELD)
            .ok_or_else(|| inconsistent("lots"))?;
        if let Some(sum) = balances.get_mut(program_ix) {
            *sum = sum
                .checked_add(lot.balance)
                .map_err(|_| inconsistent("lots"))?;
        }
        wallet.lot_index.insert(lot.id.clone(), ix);
        wallet.lots.push(Lot::from_new(new_lot, program_ix));
    }
    // What each lot has given payments and not got back: at most what it has lost.
    let mut outstanding = vec![Money::zero(Currency::JPY); wallet.lots.len()];
    // Each refund's position among its payment's refunds.
    let mut refund_positions = Index::default();
    for (ix, payment) in state.payments.iter().enumerate() {
        unique(&mut wallet.payment_index, &payment.id, ix)?;
        check_payment(&wallet, payment)?;
        if payment.serial >= wallet.next_serial {
            return Err(inconsistent("next_payment_serial"));
        }
        let highest = wallet.highest_serial.and_then(|h| state.payments.get(h));
        if highest.is_none_or(|h| payment.serial >= h.serial) {
            wallet.highest_serial = Some(ix);
        }
        for (position, refund) in payment.refunds.iter().enumerate() {
            unique(&mut wallet.refund_index, &refund.id, ix)?;
            refund_positions.insert(refund.id.clone(), position);
        }
        for a in &payment.allocations {
            let lot_ix = wallet.lot_ix(&a.lot).map_err(|_| Error::StateUnknownLot {
                lot: Error::echo(&a.lot),
            })?;
            let program_ix = wallet.lots.get(lot_ix).map(|l| l.program_ix);
            if let Some(sum) = program_ix.and_then(|p| sums.get_mut(p)) {
                add_to(&mut sum.paid, a.amount, &payment.id)?;
                add_to(&mut sum.refunded, a.restored, &payment.id)?;
            }
            if let Some(open) = outstanding.get_mut(lot_ix) {
                *open = a
                    .amount
                    .checked_sub(a.restored)
                    .and_then(|left| open.checked_add(left))
                    .map_err(|_| inconsistent(&a.lot))?;
            }
        }
    }
    wallet.payments = state.payments;
    let mut charged_lots = Index::default();
    for (ix, charge) in state.charges.iter().enumerate() {
        unique(&mut wallet.charge_index, &charge.id, ix)?;
        let program_ix = wallet
            .program_ix(&charge.program)
            .map_err(|_| unknown(&charge.program))?;
        let mut value = 0i64;
        for lot in &charge.lots {
            let lot_ref = wallet
                .lot_ix(lot)
                .ok()
                .and_then(|i| wallet.lots.get(i))
                .ok_or_else(|| Error::StateUnknownLot {
                    lot: Error::echo(lot),
                })?;
            if lot_ref.program_ix != program_ix {
                return Err(inconsistent(&charge.id));
            }
            unique(&mut charged_lots, lot, ix)?;
            value = value.saturating_add(lot_ref.face_value.minor());
        }
        let yen = charge.amount.currency() == Currency::JPY;
        if charge.lots.is_empty() || !yen || charge.amount.minor() != value {
            return Err(inconsistent(&charge.id));
        }
        if let Some(sum) = sums.get_mut(program_ix) {
            add_to(&mut sum.charged, charge.amount, &charge.id)?;
        }
    }
    wallet.charges = state.charges;
    check_history(&wallet, &refund_positions, &state.history, &mut sums)?;
    wallet.history = state.history;
    // Each program's ledger: what its charges, payments, refunds and expiries add up
    // to, and its balances the conservation law (which fixes `opening`).
    let programs = wallet.programs.iter().zip(&wallet.ledgers);
    for ((program, ledger), (sum, balance)) in programs.zip(sums.iter().zip(&balances)) {
        let expected = ledger
            .expected_balance()
            .map_err(|_| inconsistent(&program.id))?;
        let agrees = expected == *balance
            && ledger.charged == sum.charged
            && ledger.paid == sum.paid
            && ledger.refunded == sum.refunded
            && ledger.forfeited == sum.forfeited;
        if !agrees {
            return Err(inconsistent(&program.id));
        }
    }
    // Last, as the finest check: a program's totals can agree while one of its lots
    // shows a payment it never lost (the ledger made to agree with it).
    for (lot, open) in wallet.lots.iter().zip(&outstanding) {
        let lost = lot.face_value.minor().saturating_sub(lot.balance.minor());
        if open.minor() > lost {
            return Err(inconsistent(&lot.id));
        }
    }
    Ok(wallet)
}

/// A payment is at a known merchant, draws on known lots once each, and its shares,
/// restorations and refunds add up; its serial has 12 digits.
fn check_payment(wallet: &Wallet, payment: &Payment) -> Result<(), Error> {
    if !wallet.merchant_index.contains_key(&payment.merchant) {
        return Err(unknown(&payment.merchant));
    }
    if payment.serial > MAX_SERIAL {
        return Err(beyond("a payment serial above 999,999,999,999"));
    }
    let bad = || inconsistent(&payment.id);
    let yen = |m: &Money| m.currency() == Currency::JPY;
    let mut shares = Seen::new();
    let (mut paid, mut restored) = (0i64, 0i64);
    for a in &payment.allocations {
        if !wallet.lot_index.contains_key(&a.lot) {
            return Err(Error::StateUnknownLot {
                lot: Error::echo(&a.lot),
            });
        }
        let sane = a.amount.is_positive()
            && yen(&a.amount)
            && yen(&a.restored)
            && a.restored.minor() >= 0
            && a.restored.minor() <= a.amount.minor();
        if !sane || !shares.first_time(&a.lot) {
            return Err(bad());
        }
        paid = paid.checked_add(a.amount.minor()).ok_or_else(bad)?;
        restored = restored.checked_add(a.restored.minor()).ok_or_else(bad)?;
    }
    let mut refunded = 0i64;
    for r in &payment.refunds {
        if !r.amount.is_positive() || !yen(&r.amount) {
            return Err(bad());
        }
        refunded = refunded.checked_add(r.amount.minor()).ok_or_else(bad)?;
    }
    let amount_ok = yen(&payment.amount) && paid == payment.amount.minor();
    if !amount_ok || restored != refunded || payment.allocations.is_empty() {
        return Err(bad());
    }
    Ok(())
}

/// The history has exactly one entry per payment, refund and charge, with its time and
/// amount, signed by its kind ([`HistoryKind::magnitude`], the rule the wallet signs
/// entries by), and expiry entries of known lots (summed into their programs'
/// forfeits); every amount is in yen.
fn check_history(
    wallet: &Wallet,
    refund_positions: &Index,
    history: &[HistoryEntry],
    sums: &mut [ProgramLedger],
) -> Result<(), Error> {
    // Entries seen of each kind: with each naming a record, and none twice, there is
    // one per record when there are as many as records.
    let mut seen = [Seen::new(), Seen::new(), Seen::new()];
    for entry in history {
        if entry.amount.currency() != Currency::JPY {
            return Err(inconsistent(&entry.id));
        }
        let id = entry.id.as_str();
        // `None` when the sign is not the kind's (or the amount zero).
        let magnitude = entry.kind.magnitude(entry.amount);
        let (kind, at, amount) = match entry.kind {
            HistoryKind::Payment => {
                let p = wallet
                    .payment_ix(id)
                    .ok()
                    .and_then(|ix| wallet.payments.get(ix))
                    .ok_or_else(|| unknown(id))?;
                (0, p.at, p.amount)
            }
            HistoryKind::Charge => {
                let c = wallet
                    .charge_index
                    .get(id)
                    .and_then(|&ix| wallet.charges.get(ix))
                    .ok_or_else(|| unknown(id))?;
                (1, c.at, c.amount)
            }
            HistoryKind::Refund => {
                let r = wallet
                    .refund_index
                    .get(id)
                    .and_then(|&ix| wallet.payments.get(ix))
                    .zip(refund_positions.get(id))
                    .and_then(|(p, &position)| p.refunds.get(position))
                    .ok_or_else(|| unknown(id))?;
                (2, r.at, r.amount)
            }
            HistoryKind::Expiry => {
                let lot = wallet
                    .lot_ix(id)
                    .ok()
                    .and_then(|ix| wallet.lots.get(ix))
                    .ok_or_else(|| Error::StateUnknownLot {
                        lot: Error::echo(id),
                    })?;
                let magnitude = magnitude.ok_or_else(|| inconsistent(id))?;
                if let Some(sum) = sums.get_mut(lot.program_ix) {
                    add_to(&mut sum.forfeited, magnitude, id)?;
                }
                continue;
            }
        };
        if seen.get_mut(kind).is_some_and(|seen| !seen.first_time(id)) {
            return Err(Error::StateDuplicateId {
                id: Error::echo(id),
            });
        }
        if entry.at != at || magnitude != Some(amount) {
            return Err(inconsistent(id));
        }
    }
    let records = [
        wallet.payments.len(),
        wallet.charges.len(),
        wallet.refund_index.len(),
    ];
    if seen.iter().zip(records).any(|(seen, n)| seen.count() != n) {
        return Err(inconsistent("history"));
    }
    Ok(())
}
