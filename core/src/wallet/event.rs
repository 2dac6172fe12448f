//! Every change to a wallet is an event; applying the events from an empty wallet
//! rebuilds the same wallet.
//!
//! Operations ([`Wallet::pay`], [`Wallet::refund`], …) decide what happens, express it
//! as an event and apply it through [`Wallet::apply`], the one place that changes state.
//! `apply` checks an event completely before it changes anything, so a bad event (from a
//! corrupted log, say) is refused and the wallet stays as it was.

use chrono::{DateTime, FixedOffset};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use super::history::{HistoryEntry, HistoryKind};
use super::ledger::{self, Entry, Flow};
use super::lot::Lot;
use super::records::{
    Allocation, ChargeRecord, Payment, PaymentAllocation, RefundRecord, Restoration, RestoreOutcome,
};
use super::setup::{Merchant, NewLot, WalletPolicy};
use super::{MAX_SERIAL, ProgramLedger, Wallet, spending, yen};
use crate::error::{Error, to_u32};
use crate::index::{Index, Seen};
use crate::jst;
use crate::money::{Money, in_range};
use crate::program::Program;

/// One change to a wallet. Serializes to JSON as `{"paid": {…}}` (externally tagged:
/// serde reads it in one streaming pass); the format is documented in `docs/state.md`.
///
/// ```
/// use saifu::{Program, Wallet, WalletEvent};
///
/// let mut wallet = Wallet::new();
/// wallet.set_event_log(true);
/// wallet.add_program(Program::new("p", "P", "X"))?;
/// let events = wallet.take_events();
/// assert!(matches!(events[0], WalletEvent::ProgramAdded { .. }));
/// assert_eq!(Wallet::replay(&events)?, wallet);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
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
        #[cfg_attr(feature = "serde", serde(with = "crate::jst::rfc3339"))]
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
        #[cfg_attr(feature = "serde", serde(with = "crate::jst::rfc3339"))]
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
        #[cfg_attr(feature = "serde", serde(with = "crate::jst::rfc3339"))]
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
        #[cfg_attr(feature = "serde", serde(with = "crate::jst::rfc3339"))]
        at: DateTime<FixedOffset>,
        /// The balance forfeited.
        amount: Money,
    },
}

/// What a wallet asks of a program, when it is added and when a saved wallet is loaded:
/// a payment-id prefix (its payments' ids start with it) and a product it may sell.
///
/// # Errors
/// `wallet.no_payment_id_prefix`; `charge.invalid_units` ([`Program`]'s product rule).
pub(super) fn spendable(program: &Program) -> Result<(), Error> {
    if program.payment_id_prefix.is_none() {
        return Err(Error::WalletNoPaymentIdPrefix {
            program: Error::echo(&program.id),
        });
    }
    program.check()
}

/// A lot's balance after an event, worked out while the event is checked and set once
/// every check has passed.
struct NewBalance {
    lot: usize,
    balance: Money,
}

impl Wallet {
    /// Applies one event. Operations call this for the events they make; replaying a
    /// log calls it for each stored event. The event is checked completely first: an
    /// event that does not fit the wallet is refused and nothing changes.
    ///
    /// An event is accepted only where the operation that makes it could have made it:
    /// times and dates in the years 0001–9999; a `paid` event takes a serial from the
    /// wallet's next one up to 999,999,999,999 and draws only on lots that can pay at
    /// the merchant at its time (program accepted, scope, not expired, enough balance);
    /// a `refunded` event restores exactly what [`Wallet::refund`] would at its time
    /// under the wallet's policy; an `expired` event takes a lot's whole balance at the
    /// instant it expired. Which eligible lots a payment drew on, and in what order, is
    /// taken from the event (the spending policy is not re-run: that would cost a pass
    /// over the wallet's lots per event); every invariant holds whichever they are.
    /// Checking an event takes time linear in what it holds (see
    /// [`Wallet::MAX_CHARGE_LOTS`]).
    ///
    /// # Errors
    /// The error of the first check that fails: `time.invalid`, `wallet.duplicate_id`,
    /// `wallet.unknown_program`, `wallet.unknown_merchant`, `wallet.unknown_lot` (also a
    /// lot a payment could not draw on, or a restoration a refund would not make),
    /// `wallet.unknown_payment`, `wallet.invalid_lot`, `wallet.invalid_amount`,
    /// `wallet.insufficient_balance`, `wallet.refund_exceeds_payment`,
    /// `wallet.duplicate_refund_id`, `wallet.refund_lot_expired`,
    /// `wallet.payment_serial_exhausted`, `money.currency_mismatch` or
    /// `money.out_of_range`.
    ///
    /// # Example
    /// ```
    /// # use saifu::{Wallet, WalletEvent, Money};
    /// let mut wallet = Wallet::new();
    /// let bad = WalletEvent::Expired { lot: "nope".into(), at: chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00+09:00")?, amount: Money::jpy(1)? };
    /// assert_eq!(wallet.apply(&bad).unwrap_err().code(), "wallet.unknown_lot");
    /// let far = WalletEvent::PaymentSerialSet { next: u64::MAX };
    /// assert_eq!(wallet.apply(&far).unwrap_err().code(), "wallet.payment_serial_exhausted");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&mut self, event: &WalletEvent) -> Result<(), Error> {
        match event {
            WalletEvent::ProgramAdded { program } => self.apply_program(program),
            WalletEvent::MerchantAdded { merchant } => self.apply_merchant(merchant),
            WalletEvent::PolicyChanged { policy } => {
                policy.expired_refund.checked()?;
                self.policy = *policy;
                Ok(())
            }
            WalletEvent::PaymentSerialSet { next } => self.apply_serial(*next),
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
                id: Error::echo(&program.id),
            });
        }
        spendable(program)?;
        self.program_index
            .insert(program.id.clone(), self.programs.len());
        self.programs.push(program.clone());
        self.ledgers.push(super::ProgramLedger::default());
        Ok(())
    }

    fn apply_merchant(&mut self, merchant: &Merchant) -> Result<(), Error> {
        if self.merchant_index.contains_key(&merchant.id) {
            return Err(Error::WalletDuplicateId {
                id: Error::echo(&merchant.id),
            });
        }
        self.merchant_index
            .insert(merchant.id.clone(), self.merchants.len());
        self.merchants.push(merchant.clone());
        Ok(())
    }

    /// The next serial: at most 999,999,999,999, and above every payment's serial (a
    /// lower one would meet the ids of payments made).
    fn apply_serial(&mut self, next: u64) -> Result<(), Error> {
        if next > MAX_SERIAL {
            return Err(Error::WalletPaymentSerialExhausted);
        }
        if let Some(last) = self.highest_serial.and_then(|ix| self.payments.get(ix)) {
            if next <= last.serial {
                return Err(Error::WalletDuplicateId {
                    id: Error::echo(&last.id),
                });
            }
        }
        self.next_serial = next;
        Ok(())
    }

    /// Checks new lots: known program, fresh unique id, yen, `0 < face value`,
    /// `0 ≤ balance ≤ face value` (a charge's lots are full), registered and expiring
    /// in the years 0001–9999. Answers their programs and the sum of their balances.
    fn check_new_lots(&self, lots: &[NewLot], charged: bool) -> Result<(Vec<usize>, i64), Error> {
        let mut programs = Vec::with_capacity(lots.len());
        let mut ids = Seen::new();
        let mut sum = 0i64;
        for lot in lots {
            let program_ix = self.program_ix(&lot.program)?;
            if self.lot_index.contains_key(&lot.id) || !ids.first_time(&lot.id) {
                return Err(Error::WalletDuplicateId {
                    id: Error::echo(&lot.id),
                });
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
                    lot: Error::echo(&lot.id),
                });
            }
            jst::check_instant(&lot.registered_at)?;
            if let Some(date) = lot.expires_on {
                jst::check_date(date)?;
            }
            sum = in_range(sum.checked_add(lot.balance.minor()))?;
            programs.push(program_ix);
        }
        Ok((programs, sum))
    }

    /// `held + added`, when it is at most [`Wallet::MAX_HELD`].
    fn held_after(&self, added: i64) -> Result<i64, Error> {
        in_range(
            self.held
                .checked_add(added)
                .filter(|held| *held <= Wallet::MAX_HELD),
        )
    }

    fn apply_lots(
        &mut self,
        charge: Option<(&String, &String, &DateTime<FixedOffset>)>,
        lots: &[NewLot],
    ) -> Result<(), Error> {
        if let Some((_, _, at)) = charge {
            jst::check_instant(at)?;
        }
        if lots.len() > Wallet::MAX_CHARGE_LOTS {
            return Err(Error::WalletInvalidAmount);
        }
        let (program_ixs, added) = self.check_new_lots(lots, charge.is_some())?;
        let held = self.held_after(added)?;
        let flow = if charge.is_some() {
            Flow::Charged
        } else {
            Flow::Opening
        };
        let mut entries = Vec::with_capacity(lots.len());
        for (lot, &program) in lots.iter().zip(&program_ixs) {
            entries.push(Entry {
                program,
                id: &lot.program,
                flow,
                amount: lot.balance,
            });
        }
        let ledgers = ledger::after(&self.ledgers, entries)?;
        let mut record = None;
        if let Some((charge_id, program, at)) = charge {
            let program_ix = self.program_ix(program)?;
            if self.charge_index.contains_key(charge_id) {
                return Err(Error::WalletDuplicateId {
                    id: Error::echo(charge_id),
                });
            }
            if lots.is_empty() || program_ixs.iter().any(|&ix| ix != program_ix) {
                return Err(Error::WalletInvalidAmount);
            }
            // At most the wallet's new total, so an amount.
            let amount = Money::jpy(added)?;
            let title = self.program_name(program_ix, program)?.to_owned();
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
        self.settle(&[], ledgers, held);
        self.lots.reserve(lots.len());
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

    pub(super) fn apply_paid(
        &mut self,
        payment_id: &str,
        serial: u64,
        merchant: &str,
        at: &DateTime<FixedOffset>,
        amount: Money,
        allocations: &[Allocation],
    ) -> Result<(), Error> {
        jst::check_instant(at)?;
        if self.payment_index.contains_key(payment_id) {
            return Err(Error::WalletDuplicateId {
                id: Error::echo(payment_id),
            });
        }
        let merchant_ix = self.merchant_ix(merchant)?;
        let merchant_ref =
            self.merchants
                .get(merchant_ix)
                .ok_or_else(|| Error::WalletUnknownMerchant {
                    merchant: Error::echo(merchant),
                })?;
        yen(amount)?;
        if !amount.is_positive() || allocations.is_empty() {
            return Err(Error::WalletInvalidAmount);
        }
        if serial > MAX_SERIAL {
            return Err(Error::WalletPaymentSerialExhausted);
        }
        if serial < self.next_serial {
            // A serial already given out: its ids may be taken.
            return Err(Error::WalletDuplicateId {
                id: Error::echo(payment_id),
            });
        }
        let accepted =
            spending::Accepted::new(&self.program_index, self.programs.len(), merchant_ref);
        let mut balances = Vec::with_capacity(allocations.len());
        let mut entries = Vec::with_capacity(allocations.len());
        let mut lots = Seen::new();
        let mut total = Money::zero(crate::Currency::JPY);
        for a in allocations {
            let ix = self.lot_ix(&a.lot)?;
            let lot = self.lots.get(ix).ok_or_else(|| Error::WalletUnknownLot {
                lot: Error::echo(&a.lot),
            })?;
            yen(a.amount)?;
            if !a.amount.is_positive() || !lots.first_time(&a.lot) {
                return Err(Error::WalletInvalidAmount);
            }
            if lot.balance.minor() < a.amount.minor() {
                return Err(Error::WalletInsufficientBalance {
                    available: lot.balance,
                });
            }
            if !spending::eligible(lot, merchant_ref, &accepted, at) {
                // Not a lot `pay` could draw on here and now.
                return Err(Error::WalletUnknownLot {
                    lot: Error::echo(&a.lot),
                });
            }
            total = total.checked_add(a.amount)?;
            balances.push(NewBalance {
                lot: ix,
                balance: lot.balance.checked_sub(a.amount)?,
            });
            entries.push(Entry {
                program: lot.program_ix,
                id: &lot.program,
                flow: Flow::Paid,
                amount: a.amount,
            });
        }
        if total != amount {
            return Err(Error::WalletInvalidAmount);
        }
        let ledgers = ledger::after(&self.ledgers, entries)?;
        let held = in_range(self.held.checked_sub(amount.minor()))?;
        let Some(next_serial) = serial.checked_add(1) else {
            return Err(Error::WalletPaymentSerialExhausted);
        };
        let title = merchant_ref.name.clone();
        // All checks passed.
        self.settle(&balances, ledgers, held);
        self.next_serial = next_serial;
        // Above every earlier serial: each was below the next serial.
        self.highest_serial = Some(self.payments.len());
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

    pub(super) fn apply_refunded(
        &mut self,
        refund_id: &str,
        payment_id: &str,
        at: &DateTime<FixedOffset>,
        amount: Money,
        restored: &[Restoration],
    ) -> Result<(), Error> {
        jst::check_instant(at)?;
        let payment_ix = self.payment_ix(payment_id)?;
        let payment = self
            .payments
            .get(payment_ix)
            .ok_or_else(|| Error::WalletUnknownPayment {
                payment: Error::echo(payment_id),
            })?;
        yen(amount)?;
        if !amount.is_positive() || restored.is_empty() {
            return Err(Error::WalletInvalidAmount);
        }
        let refundable = payment.refundable()?;
        if amount.minor() > refundable.minor() {
            return Err(Error::WalletRefundExceedsPayment { refundable });
        }
        if self.refund_index.contains_key(refund_id) {
            return Err(Error::WalletDuplicateRefundId {
                refund_id: Error::echo(refund_id),
            });
        }
        // Only what `refund` would do: the same restorations, in the same order. Each
        // then names a lot of the payment once, within what it gave and has not got
        // back, and a reissued lot under a fresh id expiring in range.
        let expected = self.plan_refund(payment, amount, at)?;
        if expected.len() != restored.len() {
            return Err(Error::WalletInvalidAmount);
        }
        for (want, got) in expected.iter().zip(restored) {
            if want.lot != got.lot || want.outcome != got.outcome {
                return Err(Error::WalletUnknownLot {
                    lot: Error::echo(&got.lot),
                });
            }
            if want.amount != got.amount {
                return Err(Error::WalletInvalidAmount);
            }
        }
        let mut allocations = payment.allocations.clone();
        let mut positions = Index::default();
        positions.reserve(allocations.len());
        for (i, a) in allocations.iter().enumerate() {
            positions.insert(a.lot.clone(), i);
        }
        let mut entries = Vec::with_capacity(restored.len());
        let mut balances = Vec::with_capacity(restored.len());
        let mut new_lots: Vec<Lot> = Vec::new();
        let mut new_ids = Seen::new();
        let mut forfeits: Vec<HistoryEntry> = Vec::new();
        let mut total = Money::zero(crate::Currency::JPY);
        let mut added = 0i64;
        let title = self
            .merchants
            .get(self.merchant_ix(&payment.merchant)?)
            .map(|m| m.name.clone())
            .ok_or_else(|| Error::WalletUnknownMerchant {
                merchant: Error::echo(&payment.merchant),
            })?;
        for r in restored {
            let source = r.source_lot();
            let allocation = positions
                .get(source)
                .and_then(|&i| allocations.get_mut(i))
                .ok_or_else(|| Error::WalletUnknownLot {
                    lot: Error::echo(source),
                })?;
            let left = allocation.amount.checked_sub(allocation.restored)?;
            if r.amount.minor() > left.minor() || !r.amount.is_positive() {
                return Err(Error::WalletRefundExceedsPayment { refundable: left });
            }
            allocation.restored = allocation.restored.checked_add(r.amount)?;
            total = total.checked_add(r.amount)?;
            let source_ix = self.lot_ix(source)?;
            let source_lot = self
                .lots
                .get(source_ix)
                .ok_or_else(|| Error::WalletUnknownLot {
                    lot: Error::echo(source),
                })?;
            entries.push(Entry {
                program: source_lot.program_ix,
                id: &source_lot.program,
                flow: Flow::Refunded,
                amount: r.amount,
            });
            match &r.outcome {
                RestoreOutcome::Restored => {
                    // Each lot is restored to once (the plan walks the allocations,
                    // which name each lot once): one check bounds its balance.
                    let after = source_lot.balance.checked_add(r.amount)?;
                    if after.minor() > source_lot.face_value.minor() {
                        return Err(Error::WalletInvalidLot {
                            lot: Error::echo(source),
                        });
                    }
                    added = in_range(added.checked_add(r.amount.minor()))?;
                    balances.push(NewBalance {
                        lot: source_ix,
                        balance: after,
                    });
                }
                RestoreOutcome::Forfeited => {
                    entries.push(Entry {
                        program: source_lot.program_ix,
                        id: &source_lot.program,
                        flow: Flow::Forfeited,
                        amount: r.amount,
                    });
                    let program_title = self
                        .program_name(source_lot.program_ix, &source_lot.program)?
                        .to_owned();
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
                    if self.lot_index.contains_key(&r.lot) || !new_ids.first_time(&r.lot) {
                        return Err(Error::WalletDuplicateId {
                            id: Error::echo(&r.lot),
                        });
                    }
                    jst::check_date(*expires_on)?;
                    added = in_range(added.checked_add(r.amount.minor()))?;
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
        let held = self.held_after(added)?;
        let ledgers = ledger::after(&self.ledgers, entries)?;
        // All checks passed. `held` counts the restorations and the reissued lots.
        self.settle(&balances, ledgers, held);
        for lot in new_lots {
            self.lot_index.insert(lot.id.clone(), self.lots.len());
            self.lots.push(lot);
        }
        self.refund_index.insert(refund_id.to_owned(), payment_ix);
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
        jst::check_instant(at)?;
        let ix = self.lot_ix(lot_id)?;
        let lot = self.lots.get(ix).ok_or_else(|| Error::WalletUnknownLot {
            lot: Error::echo(lot_id),
        })?;
        yen(amount)?;
        // The sweep takes a lot's whole balance, at the instant the lot expired.
        if !amount.is_positive() || amount != lot.balance {
            return Err(Error::WalletInvalidAmount);
        }
        if lot.expires_at != Some(*at) {
            return Err(Error::invalid_time(&jst::rfc3339_text(at)));
        }
        let ledgers = ledger::after(
            &self.ledgers,
            vec![Entry {
                program: lot.program_ix,
                id: &lot.program,
                flow: Flow::Forfeited,
                amount,
            }],
        )?;
        let held = in_range(self.held.checked_sub(amount.minor()))?;
        let title = self.program_name(lot.program_ix, &lot.program)?.to_owned();
        let emptied = NewBalance {
            lot: ix,
            balance: Money::zero(amount.currency()),
        };
        self.settle(&[emptied], ledgers, held);
        self.history.push(HistoryEntry {
            kind: HistoryKind::Expiry,
            id: lot_id.to_owned(),
            at: *at,
            amount,
            title,
        });
        Ok(())
    }

    /// Sets what a checked event leaves: the lots' new balances, the programs' new
    /// ledgers and the wallet's new total, each worked out (and checked) before.
    fn settle(&mut self, balances: &[NewBalance], ledgers: Vec<(usize, ProgramLedger)>, held: i64) {
        for b in balances {
            if let Some(lot) = self.lots.get_mut(b.lot) {
                lot.balance = b.balance;
            }
        }
        for (program, after) in ledgers {
            if let Some(ledger) = self.ledgers.get_mut(program) {
                *ledger = after;
            }
        }
        self.held = held;
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
        Wallet::replay(&crate::json::parse_list::<WalletEvent>(json)?)
    }
}
