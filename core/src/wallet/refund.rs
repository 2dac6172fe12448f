//! Refunds: the refund, the one decision of where its value goes (`plan_refund`), the
//! ids of reissued lots, and the application of its `refunded` event.

use std::borrow::Cow;

use chrono::{DateTime, Days, FixedOffset, NaiveDate};

use super::event::NewBalance;
use super::history::{HistoryEntry, HistoryKind};
use super::ledger::{self, Entry, Flow};
use super::lot::{self, Lot};
use super::records::{Payment, RefundReceipt, RefundRecord, Restoration, RestoreOutcome};
use super::setup::ExpiredRefundPolicy;
use super::{Wallet, WalletEvent, yen};
use crate::error::Error;
use crate::index::{Index, Seen};
use crate::jst;
use crate::money::{Money, in_range};

/// The expiry date of a lot reissued by a refund at `at`: its JST date + `valid_days`.
///
/// # Errors
/// `time.invalid` after 9999-12-31.
fn reissue_expiry(at: &DateTime<FixedOffset>, valid_days: u32) -> Result<NaiveDate, Error> {
    let from = jst::date(at);
    let expires_on = from.checked_add_days(Days::new(u64::from(valid_days)));
    match expires_on {
        Some(date) if jst::date_in_range(date) => Ok(date),
        _ => Err(Error::invalid_time(&format!(
            "{} + {valid_days} days",
            jst::date_text(from)
        ))),
    }
}

/// A refund that passed [`Wallet::check_refund`]: its payment, where the wallet keeps
/// it, what it could refund before this one, and the refund's id.
struct Refunding<'w, 'a> {
    payment: &'w Payment,
    payment_ix: usize,
    refundable: Money,
    refund_id: Cow<'a, str>,
}

impl Wallet {
    /// Refunds (part of) a payment: value goes back to the lots the payment used, in
    /// reverse order of consumption, each up to what it gave. A lot that has expired
    /// since is handled by the wallet's [`ExpiredRefundPolicy`].
    ///
    /// The refund id is `{payment id}-{yyyyMMddHHmmssSSS}` of `at` in JST.
    ///
    /// # Errors
    /// In order: `time.invalid` (`at` outside the years 0001–9999, in UTC, JST or its
    /// own offset); `wallet.unknown_payment`; `wallet.invalid_amount` (not above zero;
    /// `money.currency_mismatch` when not yen); `wallet.refund_exceeds_payment` with
    /// `refundable`; `wallet.duplicate_refund_id`; then, under the `Reject` policy,
    /// `wallet.refund_lot_expired` naming the first expired lot in restore order; under
    /// the `Reissue` policy, `time.invalid` when the reissued lot would expire after
    /// 9999-12-31; `money.out_of_range` when the wallet would hold more than
    /// [`Wallet::MAX_HELD`]. Nothing changes.
    pub fn refund(
        &mut self,
        payment_id: &str,
        amount: Money,
        at: DateTime<FixedOffset>,
    ) -> Result<RefundReceipt, Error> {
        let checked = self.check_refund(payment_id, amount, &at, || {
            Cow::Owned(format!("{payment_id}-{}", jst::compact_millis(&at)))
        })?;
        let restored = self.plan_refund(checked.payment, amount, &at)?;
        let refundable = checked.refundable;
        let refund_id = checked.refund_id.into_owned();
        // The check and the change that replaying the event makes (`apply`).
        self.apply_refunded(&refund_id, payment_id, &at, amount, &restored)?;
        self.log(|| WalletEvent::Refunded {
            refund_id: refund_id.clone(),
            payment_id: payment_id.to_owned(),
            at,
            amount,
            restored: restored.clone(),
        });
        Ok(RefundReceipt {
            refund_id,
            payment_id: payment_id.to_owned(),
            at,
            amount,
            restored,
            refundable_after: refundable.checked_sub(amount)?,
        })
    }

    /// The checks a refund and its `refunded` event share, in this order: the instant,
    /// the payment, the amount, what the payment can still refund, then that the refund
    /// id is new. `refund_id` is asked for once the instant is known to be in range (the
    /// id [`Wallet::refund`] makes carries it).
    fn check_refund<'a>(
        &self,
        payment_id: &str,
        amount: Money,
        at: &DateTime<FixedOffset>,
        refund_id: impl FnOnce() -> Cow<'a, str>,
    ) -> Result<Refunding<'_, 'a>, Error> {
        jst::check_instant(at)?;
        let payment_ix = self.payment_ix(payment_id)?;
        let payment = self
            .payments
            .get(payment_ix)
            .ok_or_else(|| Error::WalletUnknownPayment {
                payment: Error::echo(payment_id),
            })?;
        yen(amount)?;
        if !amount.is_positive() {
            return Err(Error::WalletInvalidAmount);
        }
        let refundable = payment.refundable()?;
        if amount.minor() > refundable.minor() {
            return Err(Error::WalletRefundExceedsPayment { refundable });
        }
        let refund_id = refund_id();
        if self.refund_index.contains_key(refund_id.as_ref()) {
            return Err(Error::WalletDuplicateRefundId {
                refund_id: Error::echo(&refund_id),
            });
        }
        Ok(Refunding {
            payment,
            payment_ix,
            refundable,
            refund_id,
        })
    }

    /// Where a refund of `amount` of `payment` at `at` goes: back to the lots the
    /// payment drew on, in reverse order of consumption, each up to what it gave and
    /// refunds have not given back yet; an expired lot's share as the policy says. The
    /// one place that decides it: [`Wallet::refund`] makes its event from it, and
    /// [`Wallet::apply`] accepts a `refunded` event only if it is what this gives.
    fn plan_refund(
        &self,
        payment: &Payment,
        amount: Money,
        at: &DateTime<FixedOffset>,
    ) -> Result<Vec<Restoration>, Error> {
        let mut left = amount.minor();
        let mut restored = Vec::new();
        for allocation in payment.allocations.iter().rev() {
            if left == 0 {
                break;
            }
            let open = allocation.amount.checked_sub(allocation.restored)?.minor();
            if open <= 0 {
                continue;
            }
            let share = Money::jpy(open.min(left))?;
            left = left.saturating_sub(share.minor());
            let lot = self
                .lot(&allocation.lot)
                .ok_or_else(|| Error::WalletUnknownLot {
                    lot: Error::echo(&allocation.lot),
                })?;
            if !lot.is_expired(at) {
                restored.push(Restoration {
                    lot: lot.id.clone(),
                    amount: share,
                    outcome: RestoreOutcome::Restored,
                });
                continue;
            }
            match self.policy.expired_refund {
                ExpiredRefundPolicy::Reject => {
                    return Err(Error::WalletRefundLotExpired {
                        lot: Error::echo(&lot.id),
                    });
                }
                ExpiredRefundPolicy::Forfeit => restored.push(Restoration {
                    lot: lot.id.clone(),
                    amount: share,
                    outcome: RestoreOutcome::Forfeited,
                }),
                ExpiredRefundPolicy::Reissue { valid_days } => {
                    let expires_on = reissue_expiry(at, valid_days)?;
                    let (sequence, id) = self.reissue_id(lot);
                    restored.push(Restoration {
                        lot: id,
                        amount: share,
                        outcome: RestoreOutcome::Reissued {
                            from: lot.id.clone(),
                            sequence,
                            expires_on,
                        },
                    });
                }
            }
        }
        Ok(restored)
    }

    /// The next free `{id}-R{n}` for a lot, counting its reissues from 1 (lots are
    /// never removed, so the first free `n` follows the last reissue).
    fn reissue_id(&self, lot: &Lot) -> (u32, String) {
        let mut sequence = 1u32;
        loop {
            let id = format!("{}-R{sequence}", lot.id);
            if !self.lot_index.contains_key(&id) || sequence == u32::MAX {
                return (sequence, id);
            }
            sequence = sequence.saturating_add(1);
        }
    }

    pub(super) fn apply_refunded(
        &mut self,
        refund_id: &str,
        payment_id: &str,
        at: &DateTime<FixedOffset>,
        amount: Money,
        restored: &[Restoration],
    ) -> Result<(), Error> {
        let Refunding {
            payment,
            payment_ix,
            ..
        } = self.check_refund(payment_id, amount, at, || Cow::Borrowed(refund_id))?;
        // Only what `refund` would do: the same restorations, in the same order (none is
        // never what it would do). Each then names a lot of the payment once, within what
        // it gave and has not got back, and a reissued lot under a fresh id expiring in
        // range.
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
                    lot::check(source, source_lot.face_value, after)?;
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
                    forfeits.push(HistoryEntry::new(
                        HistoryKind::Expiry,
                        source.to_owned(),
                        *at,
                        r.amount,
                        program_title,
                    ));
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
        self.history.push(HistoryEntry::new(
            HistoryKind::Refund,
            refund_id.to_owned(),
            *at,
            amount,
            title,
        ));
        self.history.extend(forfeits);
        Ok(())
    }
}
