//! Payments: the quote, the plan a quote and a payment share, the payment, and the
//! application of its `paid` event, with their checks in order.

use chrono::{DateTime, FixedOffset};

use super::event::NewBalance;
use super::history::{HistoryEntry, HistoryKind};
use super::ledger::{self, Entry, Flow};
use super::records::{Allocation, Payment, PaymentAllocation, Quote, Receipt};
use super::setup::Merchant;
use super::{MAX_SERIAL, Wallet, WalletEvent, spending, yen};
use crate::error::Error;
use crate::index::Seen;
use crate::jst;
use crate::money::{Money, in_range};

impl Wallet {
    /// Works out a payment without making it: the lots it would draw on, in the order
    /// of the wallet's spending policy.
    ///
    /// # Errors
    /// In order: `time.invalid` (`at` outside the years 0001–9999, in UTC, JST or its
    /// own offset); `wallet.unknown_merchant`; `wallet.invalid_amount` (not above zero;
    /// `money.currency_mismatch` when not yen); `wallet.insufficient_balance` with the
    /// eligible amount `available`.
    pub fn quote(
        &self,
        merchant: &str,
        amount: Money,
        at: DateTime<FixedOffset>,
    ) -> Result<Quote, Error> {
        let (merchant_ref, plan) = self.plan(merchant, amount, &at)?;
        Ok(Quote {
            merchant: merchant_ref.id.clone(),
            amount,
            available: plan.available,
            allocations: plan.allocations,
        })
    }

    /// The checks and the allocation that a quote and a payment share, in their order:
    /// the merchant, the amount, then the eligible balance.
    fn plan(
        &self,
        merchant: &str,
        amount: Money,
        at: &DateTime<FixedOffset>,
    ) -> Result<(&Merchant, spending::Plan), Error> {
        jst::check_instant(at)?;
        let merchant_ref = self
            .merchants
            .get(self.merchant_ix(merchant)?)
            .ok_or_else(|| Error::WalletUnknownMerchant {
                merchant: Error::echo(merchant),
            })?;
        yen(amount)?;
        if !amount.is_positive() {
            return Err(Error::WalletInvalidAmount);
        }
        let accepted =
            spending::Accepted::new(&self.program_index, self.programs.len(), merchant_ref);
        let plan = spending::allocate(
            &self.lots,
            &accepted,
            merchant_ref,
            self.policy.spending,
            amount,
            at,
        )?;
        Ok((merchant_ref, plan))
    }

    /// Pays `amount` at a merchant: the lots are drawn on in the order of the wallet's
    /// spending policy, atomically.
    ///
    /// The payment id is `{prefix}{YYYYMMDD}{serial:012}`: the prefix of the program of
    /// the first lot consumed, the JST date of `at`, and the wallet's serial, which only
    /// a successful payment takes.
    ///
    /// # Errors
    /// In order: `time.invalid` (`at` outside the years 0001–9999, in UTC, JST or its
    /// own offset); `wallet.unknown_merchant`; `wallet.invalid_amount` (not above zero;
    /// `money.currency_mismatch` when not yen); `wallet.insufficient_balance` with the
    /// eligible amount `available`; `wallet.payment_serial_exhausted`. Nothing changes.
    pub fn pay(
        &mut self,
        merchant: &str,
        amount: Money,
        at: DateTime<FixedOffset>,
    ) -> Result<Receipt, Error> {
        let (merchant_ref, plan) = self.plan(merchant, amount, &at)?;
        let serial = self.next_serial;
        if serial > MAX_SERIAL {
            return Err(Error::WalletPaymentSerialExhausted);
        }
        let Some(first) = self.programs.get(plan.first_program) else {
            return Err(Error::WalletInsufficientBalance {
                available: plan.available,
            });
        };
        // Every program a wallet holds has one (`add_program`'s check).
        let Some(prefix) = first.payment_id_prefix.as_deref() else {
            return Err(Error::WalletNoPaymentIdPrefix {
                program: Error::echo(&first.id),
            });
        };
        let mut payment_id = String::with_capacity(prefix.len().saturating_add(20));
        payment_id.push_str(prefix);
        jst::push_compact_date(&mut payment_id, &at);
        jst::push_digits(&mut payment_id, serial, 12);
        let merchant_name = merchant_ref.name.clone();
        let allocations = plan.allocations;
        // The check and the change that replaying the event makes (`apply`).
        self.apply_paid(&payment_id, serial, merchant, &at, amount, &allocations)?;
        self.log(|| WalletEvent::Paid {
            payment_id: payment_id.clone(),
            serial,
            merchant: merchant.to_owned(),
            at,
            amount,
            allocations: allocations.clone(),
        });
        Ok(Receipt {
            payment_id,
            merchant: merchant.to_owned(),
            merchant_name,
            at,
            amount,
            allocations,
            // Every lot drawn on was usable.
            balance_after: plan.usable.checked_sub(amount)?,
        })
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
        self.history.push(HistoryEntry::new(
            HistoryKind::Payment,
            payment_id.to_owned(),
            *at,
            amount,
            title,
        ));
        Ok(())
    }
}
