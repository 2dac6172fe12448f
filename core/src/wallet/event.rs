//! Every change to a wallet is an event; applying the events from an empty wallet
//! rebuilds the same wallet.
//!
//! Operations ([`Wallet::pay`], [`Wallet::refund`], …) decide what happens, express it
//! as an event and apply it through [`Wallet::apply`], the one place that changes state.
//! `apply` checks an event completely before it changes anything, so a bad event (from a
//! corrupted log, say) is refused and the wallet stays as it was.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::history::{HistoryEntry, HistoryKind};
use super::lot::Lot;
use super::records::{
    Allocation, ChargeRecord, Payment, PaymentAllocation, RefundRecord, Restoration, RestoreOutcome,
};
use super::setup::{Merchant, NewLot, Program, WalletPolicy};
use super::{Wallet, yen};
use crate::error::{Error, to_u32};
use crate::jst;
use crate::money::Money;

/// One change to a wallet. Serializes to JSON as `{"paid": {…}}` (externally tagged:
/// serde reads it in one streaming pass); the format is documented in `docs/state.md`.
///
/// ```
/// use saifu::{Program, Wallet, WalletEvent};
///
/// let mut wallet = Wallet::new();
/// wallet.set_event_log(true);
/// wallet.add_program(Program { id: "p".into(), name: "P".into(), payment_id_prefix: "X".into() })?;
/// let events = wallet.take_events();
/// assert!(matches!(events[0], WalletEvent::ProgramAdded { .. }));
/// assert_eq!(Wallet::replay(&events)?, wallet);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum WalletEvent {
    /// A program was added.
    ProgramAdded {
        /// The program.
        program: Program,
    },
    /// A merchant was added.
    MerchantAdded {
        /// The merchant.
        merchant: Merchant,
    },
    /// The policies changed.
    PolicyChanged {
        /// The new policies.
        policy: WalletPolicy,
    },
    /// The next payment serial was set (when a wallet continues an issuer's numbering).
    PaymentSerialSet {
        /// The serial the next payment takes.
        next: u64,
    },
    /// A lot was put in as an opening balance (no history entry).
    LotOpened {
        /// The lot.
        lot: NewLot,
    },
    /// A charge succeeded and created lots.
    Charged {
        /// The charge's id.
        charge_id: String,
        /// The program charged.
        program: String,
        /// When.
        #[serde(with = "crate::jst::rfc3339")]
        at: DateTime<FixedOffset>,
        /// The lots created.
        lots: Vec<NewLot>,
    },
    /// A payment was made.
    Paid {
        /// Its id.
        payment_id: String,
        /// The serial its id carries.
        serial: u64,
        /// The merchant's id.
        merchant: String,
        /// When.
        #[serde(with = "crate::jst::rfc3339")]
        at: DateTime<FixedOffset>,
        /// The amount.
        amount: Money,
        /// The lots drawn on, in consumption order.
        allocations: Vec<Allocation>,
    },
    /// A payment was (partly) refunded.
    Refunded {
        /// The refund's id.
        refund_id: String,
        /// The payment's id.
        payment_id: String,
        /// When.
        #[serde(with = "crate::jst::rfc3339")]
        at: DateTime<FixedOffset>,
        /// The amount.
        amount: Money,
        /// Where the value went, in restore order.
        restored: Vec<Restoration>,
    },
    /// An expiry sweep forfeited a lot's balance.
    Expired {
        /// The lot.
        lot: String,
        /// When the lot expired (00:00 JST the day after its expiry date).
        #[serde(with = "crate::jst::rfc3339")]
        at: DateTime<FixedOffset>,
        /// The balance forfeited.
        amount: Money,
    },
}

/// A balance change planned while an event is checked, applied once all checks pass.
struct Delta {
    lot: usize,
    amount: Money,
}

impl Wallet {
    /// Applies one event. Operations call this for the events they make; replaying a
    /// log calls it for each stored event. The event is checked completely first: an
    /// event that does not fit the wallet is refused and nothing changes.
    ///
    /// # Errors
    /// The error of the first check that fails: `wallet.duplicate_id`,
    /// `wallet.unknown_program`, `wallet.unknown_merchant`, `wallet.unknown_lot`,
    /// `wallet.unknown_payment`, `wallet.invalid_lot`, `wallet.invalid_amount`,
    /// `wallet.insufficient_balance`, `wallet.refund_exceeds_payment`,
    /// `wallet.duplicate_refund_id`, `money.currency_mismatch` or `money.out_of_range`.
    ///
    /// # Example
    /// ```
    /// # use saifu::{Wallet, WalletEvent, Money};
    /// let mut wallet = Wallet::new();
    /// let bad = WalletEvent::Expired { lot: "nope".into(), at: chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00+09:00")?, amount: Money::jpy(1)? };
    /// assert_eq!(wallet.apply(&bad).unwrap_err().code(), "wallet.unknown_lot");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&mut self, event: &WalletEvent) -> Result<(), Error> {
        match event {
            WalletEvent::ProgramAdded { program } => self.apply_program(program),
            WalletEvent::MerchantAdded { merchant } => self.apply_merchant(merchant),
            WalletEvent::PolicyChanged { policy } => {
                self.policy = *policy;
                Ok(())
            }
            WalletEvent::PaymentSerialSet { next } => {
                self.next_serial = *next;
                Ok(())
            }
            WalletEvent::LotOpened { lot } => self.apply_lots(None, std::slice::from_ref(lot)),
            WalletEvent::Charged {
                charge_id,
                program,
                at,
                lots,
            } => self.apply_lots(Some((charge_id, program, at)), lots),
            WalletEvent::Paid {
                payment_id,
                serial,
                merchant,
                at,
                amount,
                allocations,
            } => self.apply_paid(payment_id, *serial, merchant, at, *amount, allocations),
            WalletEvent::Refunded {
                refund_id,
                payment_id,
                at,
                amount,
                restored,
            } => self.apply_refunded(refund_id, payment_id, at, *amount, restored),
            WalletEvent::Expired { lot, at, amount } => self.apply_expired(lot, at, *amount),
        }
    }

    fn apply_program(&mut self, program: &Program) -> Result<(), Error> {
        if self.program_index.contains_key(&program.id) {
            return Err(Error::WalletDuplicateId {
                id: program.id.clone(),
            });
        }
        self.program_index
            .insert(program.id.clone(), self.programs.len());
        self.programs.push(program.clone());
        self.ledgers.push(super::ProgramLedger::default());
        Ok(())
    }

    fn apply_merchant(&mut self, merchant: &Merchant) -> Result<(), Error> {
        if self.merchant_index.contains_key(&merchant.id) {
            return Err(Error::WalletDuplicateId {
                id: merchant.id.clone(),
            });
        }
        self.merchant_index
            .insert(merchant.id.clone(), self.merchants.len());
        self.merchants.push(merchant.clone());
        Ok(())
    }

    /// Checks new lots: known program, fresh unique id, yen, `0 < face value`,
    /// `0 ≤ balance ≤ face value` (a charge's lots are full).
    fn check_new_lots(&self, lots: &[NewLot], charged: bool) -> Result<Vec<usize>, Error> {
        let mut programs = Vec::with_capacity(lots.len());
        for (i, lot) in lots.iter().enumerate() {
            let program_ix = self.program_ix(&lot.program)?;
            let fresh = !self.lot_index.contains_key(&lot.id)
                && !lots.iter().take(i).any(|other| other.id == lot.id);
            if !fresh {
                return Err(Error::WalletDuplicateId { id: lot.id.clone() });
            }
            yen(lot.face_value)?;
            yen(lot.balance)?;
            let full = lot.balance == lot.face_value;
            if !lot.face_value.is_positive()
                || lot.balance.minor() < 0
                || lot.balance.minor() > lot.face_value.minor()
                || (charged && !full)
            {
                return Err(Error::WalletInvalidLot {
                    lot: lot.id.clone(),
                });
            }
            programs.push(program_ix);
        }
        Ok(programs)
    }

    fn apply_lots(
        &mut self,
        charge: Option<(&String, &String, &DateTime<FixedOffset>)>,
        lots: &[NewLot],
    ) -> Result<(), Error> {
        let program_ixs = self.check_new_lots(lots, charge.is_some())?;
        // Ledger totals per program, computed before anything changes.
        let mut ledgers = self.ledgers.clone();
        for (lot, &ix) in lots.iter().zip(&program_ixs) {
            let ledger = ledgers
                .get_mut(ix)
                .ok_or_else(|| Error::WalletUnknownProgram {
                    program: lot.program.clone(),
                })?;
            if charge.is_some() {
                ledger.charged = ledger.charged.checked_add(lot.balance)?;
            } else {
                ledger.opening = ledger.opening.checked_add(lot.balance)?;
            }
        }
        let mut record = None;
        if let Some((charge_id, program, at)) = charge {
            let program_ix = self.program_ix(program)?;
            if self.charge_index.contains_key(charge_id) {
                return Err(Error::WalletDuplicateId {
                    id: charge_id.clone(),
                });
            }
            if lots.is_empty() || program_ixs.iter().any(|&ix| ix != program_ix) {
                return Err(Error::WalletInvalidAmount);
            }
            let amount = lots
                .iter()
                .try_fold(Money::zero(crate::Currency::JPY), |sum, l| {
                    sum.checked_add(l.balance)
                })?;
            let title = self
                .programs
                .get(program_ix)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            record = Some((
                ChargeRecord {
                    id: charge_id.clone(),
                    program: program.clone(),
                    at: *at,
                    amount,
                    lots: lots.iter().map(|l| l.id.clone()).collect(),
                },
                HistoryEntry {
                    kind: HistoryKind::Charge,
                    id: charge_id.clone(),
                    at: *at,
                    amount: amount.negated(),
                    title,
                },
            ));
        }
        // All checks passed: change the wallet.
        self.ledgers = ledgers;
        for (lot, ix) in lots.iter().zip(program_ixs) {
            self.lot_index.insert(lot.id.clone(), self.lots.len());
            self.lots.push(Lot::from_new(lot.clone(), ix));
        }
        if let Some((charge, entry)) = record {
            self.charge_index
                .insert(charge.id.clone(), self.charges.len());
            self.charges.push(charge);
            self.history.push(entry);
        }
        Ok(())
    }

    fn apply_paid(
        &mut self,
        payment_id: &str,
        serial: u64,
        merchant: &str,
        at: &DateTime<FixedOffset>,
        amount: Money,
        allocations: &[Allocation],
    ) -> Result<(), Error> {
        if self.payment_index.contains_key(payment_id) {
            return Err(Error::WalletDuplicateId {
                id: payment_id.to_owned(),
            });
        }
        let merchant_ix = self.merchant_ix(merchant)?;
        yen(amount)?;
        if !amount.is_positive() || allocations.is_empty() {
            return Err(Error::WalletInvalidAmount);
        }
        let mut deltas = Vec::with_capacity(allocations.len());
        let mut total = Money::zero(crate::Currency::JPY);
        for (i, a) in allocations.iter().enumerate() {
            let ix = self.lot_ix(&a.lot)?;
            let lot = self
                .lots
                .get(ix)
                .ok_or_else(|| Error::WalletUnknownLot { lot: a.lot.clone() })?;
            yen(a.amount)?;
            if !a.amount.is_positive() || allocations.iter().take(i).any(|b| b.lot == a.lot) {
                return Err(Error::WalletInvalidAmount);
            }
            if lot.balance.minor() < a.amount.minor() {
                return Err(Error::WalletInsufficientBalance {
                    available: lot.balance,
                });
            }
            total = total.checked_add(a.amount)?;
            // Every share is at most the whole amount: if the ledger can take the whole
            // amount, it can take its shares.
            let ledger =
                self.ledgers
                    .get(lot.program_ix)
                    .ok_or_else(|| Error::WalletUnknownProgram {
                        program: lot.program.clone(),
                    })?;
            ledger.paid.checked_add(amount)?;
            deltas.push(Delta {
                lot: ix,
                amount: a.amount.negated(),
            });
        }
        if total != amount {
            return Err(Error::WalletInvalidAmount);
        }
        let title = self
            .merchants
            .get(merchant_ix)
            .map(|m| m.name.clone())
            .unwrap_or_default();
        // All checks passed.
        self.commit(&deltas);
        for d in &deltas {
            let program_ix = self.lots.get(d.lot).map(|l| l.program_ix);
            if let Some(ledger) = program_ix.and_then(|ix| self.ledgers.get_mut(ix)) {
                let share = d.amount.negated();
                ledger.paid = ledger.paid.checked_add(share).unwrap_or(ledger.paid);
            }
        }
        self.next_serial = self.next_serial.max(serial.saturating_add(1));
        self.payment_index
            .insert(payment_id.to_owned(), self.payments.len());
        self.payments.push(Payment {
            id: payment_id.to_owned(),
            serial,
            merchant: merchant.to_owned(),
            at: *at,
            amount,
            allocations: allocations
                .iter()
                .map(|a| PaymentAllocation {
                    lot: a.lot.clone(),
                    amount: a.amount,
                    restored: Money::zero(a.amount.currency()),
                })
                .collect(),
            refunds: Vec::new(),
        });
        self.history.push(HistoryEntry {
            kind: HistoryKind::Payment,
            id: payment_id.to_owned(),
            at: *at,
            amount,
            title,
        });
        Ok(())
    }

    fn apply_refunded(
        &mut self,
        refund_id: &str,
        payment_id: &str,
        at: &DateTime<FixedOffset>,
        amount: Money,
        restored: &[Restoration],
    ) -> Result<(), Error> {
        let payment_ix = self.payment_ix(payment_id)?;
        let payment = self
            .payments
            .get(payment_ix)
            .ok_or_else(|| Error::WalletUnknownPayment {
                payment: payment_id.to_owned(),
            })?;
        yen(amount)?;
        if !amount.is_positive() || restored.is_empty() {
            return Err(Error::WalletInvalidAmount);
        }
        let refundable = payment.refundable()?;
        if amount.minor() > refundable.minor() {
            return Err(Error::WalletRefundExceedsPayment { refundable });
        }
        if payment.refunds.iter().any(|r| r.id == refund_id) {
            return Err(Error::WalletDuplicateRefundId {
                refund_id: refund_id.to_owned(),
            });
        }
        let mut allocations = payment.allocations.clone();
        let mut ledgers = self.ledgers.clone();
        let mut deltas = Vec::new();
        let mut new_lots: Vec<Lot> = Vec::new();
        let mut forfeits: Vec<HistoryEntry> = Vec::new();
        let mut total = Money::zero(crate::Currency::JPY);
        let title = self
            .merchant_ix(&payment.merchant)
            .ok()
            .and_then(|ix| self.merchants.get(ix))
            .map(|m| m.name.clone())
            .unwrap_or_default();
        for r in restored {
            yen(r.amount)?;
            if !r.amount.is_positive() {
                return Err(Error::WalletInvalidAmount);
            }
            let source = r.source_lot();
            let allocation = allocations
                .iter_mut()
                .find(|a| a.lot == source)
                .ok_or_else(|| Error::WalletUnknownLot {
                    lot: source.to_owned(),
                })?;
            let left = allocation.amount.checked_sub(allocation.restored)?;
            if r.amount.minor() > left.minor() {
                return Err(Error::WalletRefundExceedsPayment { refundable: left });
            }
            allocation.restored = allocation.restored.checked_add(r.amount)?;
            total = total.checked_add(r.amount)?;
            let source_ix = self.lot_ix(source)?;
            let source_lot = self
                .lots
                .get(source_ix)
                .ok_or_else(|| Error::WalletUnknownLot {
                    lot: source.to_owned(),
                })?;
            let ledger = ledgers.get_mut(source_lot.program_ix).ok_or_else(|| {
                Error::WalletUnknownProgram {
                    program: source_lot.program.clone(),
                }
            })?;
            ledger.refunded = ledger.refunded.checked_add(r.amount)?;
            match &r.outcome {
                RestoreOutcome::Restored => {
                    if r.lot != source {
                        return Err(Error::WalletUnknownLot { lot: r.lot.clone() });
                    }
                    deltas.push(Delta {
                        lot: source_ix,
                        amount: r.amount,
                    });
                }
                RestoreOutcome::Forfeited => {
                    ledger.forfeited = ledger.forfeited.checked_add(r.amount)?;
                    let program_title = self
                        .programs
                        .get(source_lot.program_ix)
                        .map(|p| p.name.clone())
                        .unwrap_or_default();
                    forfeits.push(HistoryEntry {
                        kind: HistoryKind::Expiry,
                        id: source.to_owned(),
                        at: *at,
                        amount: r.amount,
                        title: program_title,
                    });
                }
                RestoreOutcome::Reissued {
                    from: _,     // the source lot, checked above
                    sequence: _, // the id carries it
                    expires_on,
                } => {
                    let taken = self.lot_index.contains_key(&r.lot)
                        || new_lots.iter().any(|l| l.id == r.lot);
                    if taken {
                        return Err(Error::WalletDuplicateId { id: r.lot.clone() });
                    }
                    let mut lot = Lot::from_new(source_lot.to_new(), source_lot.program_ix);
                    lot.id = r.lot.clone();
                    lot.registered_at = *at;
                    lot.expires_on = Some(*expires_on);
                    lot.expires_at = jst::end_of(*expires_on);
                    lot.face_value = r.amount;
                    lot.balance = r.amount;
                    new_lots.push(lot);
                }
            }
        }
        if total != amount {
            return Err(Error::WalletInvalidAmount);
        }
        // All checks passed.
        self.commit(&deltas);
        self.ledgers = ledgers;
        for lot in new_lots {
            self.lot_index.insert(lot.id.clone(), self.lots.len());
            self.lots.push(lot);
        }
        if let Some(payment) = self.payments.get_mut(payment_ix) {
            payment.allocations = allocations;
            payment.refunds.push(RefundRecord {
                id: refund_id.to_owned(),
                at: *at,
                amount,
            });
        }
        self.history.push(HistoryEntry {
            kind: HistoryKind::Refund,
            id: refund_id.to_owned(),
            at: *at,
            amount: amount.negated(),
            title,
        });
        self.history.extend(forfeits);
        Ok(())
    }

    fn apply_expired(
        &mut self,
        lot_id: &str,
        at: &DateTime<FixedOffset>,
        amount: Money,
    ) -> Result<(), Error> {
        let ix = self.lot_ix(lot_id)?;
        let lot = self.lots.get(ix).ok_or_else(|| Error::WalletUnknownLot {
            lot: lot_id.to_owned(),
        })?;
        yen(amount)?;
        if !amount.is_positive() || amount.minor() > lot.balance.minor() {
            return Err(Error::WalletInvalidAmount);
        }
        let mut ledgers = self.ledgers.clone();
        let ledger =
            ledgers
                .get_mut(lot.program_ix)
                .ok_or_else(|| Error::WalletUnknownProgram {
                    program: lot.program.clone(),
                })?;
        ledger.forfeited = ledger.forfeited.checked_add(amount)?;
        let title = self
            .programs
            .get(lot.program_ix)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        self.commit(&[Delta {
            lot: ix,
            amount: amount.negated(),
        }]);
        self.ledgers = ledgers;
        self.history.push(HistoryEntry {
            kind: HistoryKind::Expiry,
            id: lot_id.to_owned(),
            at: *at,
            amount,
            title,
        });
        Ok(())
    }

    /// Applies checked balance changes. Each was checked to keep the balance within
    /// `0..=face value` and the amount in range, so the additions cannot fail.
    fn commit(&mut self, deltas: &[Delta]) {
        for d in deltas {
            if let Some(lot) = self.lots.get_mut(d.lot) {
                lot.balance = lot.balance.checked_add(d.amount).unwrap_or(lot.balance);
            }
        }
    }

    /// Rebuilds a wallet from its events, oldest first.
    ///
    /// # Errors
    /// `state.invalid_event` with the index of the first event that does not apply and
    /// the code of the check it failed.
    ///
    /// # Example
    /// ```
    /// # use saifu::{Wallet, WalletEvent};
    /// let events = vec![WalletEvent::PaymentSerialSet { next: 7 }];
    /// assert!(Wallet::replay(&events).is_ok());
    /// ```
    pub fn replay(events: &[WalletEvent]) -> Result<Wallet, Error> {
        let mut wallet = Wallet::new();
        for (index, event) in events.iter().enumerate() {
            wallet
                .apply(event)
                .map_err(|cause| Error::StateInvalidEvent {
                    index: to_u32(index),
                    cause: cause.code().to_owned(),
                })?;
        }
        Ok(wallet)
    }

    /// Rebuilds a wallet from a JSON array of events (as [`Wallet::take_events_json`]
    /// writes them).
    ///
    /// # Errors
    /// `state.malformed` for JSON that is not a list of events; then as
    /// [`Wallet::replay`].
    pub fn replay_json(json: &str) -> Result<Wallet, Error> {
        Wallet::replay(&crate::json::parse::<Vec<WalletEvent>>(json)?)
    }

    /// [`Wallet::replay_json`] through serde_json, as saifu read event logs before its
    /// own codec: the reference for the tests and fuzz targets.
    #[cfg(any(test, feature = "fuzzing"))]
    pub(crate) fn serde_replay_json(json: &str) -> Result<Wallet, Error> {
        let events: Vec<WalletEvent> =
            serde_json::from_str(json).map_err(|e| Error::StateMalformed {
                detail: e.to_string(),
            })?;
        Wallet::replay(&events)
    }
}
