//! The wallet: voucher lots, payments in the issuer's spending order, refunds, expiry,
//! the balance view and the usage history (seed 003; DESIGN §4).
//!
//! A [`Wallet`] is plain data. Every operation that depends on time takes `at`; every
//! change is also a [`WalletEvent`]; the whole wallet serializes to versioned JSON
//! ([`Wallet::to_json`], [`Wallet::from_json`]). An operation that fails changes nothing.

mod balance;
mod codec;
mod event;
mod history;
mod ledger;
mod lot;
mod numbers;
mod records;
mod setup;
mod spending;
mod state;

use chrono::{DateTime, Days, FixedOffset, NaiveDate};

use crate::index::Index;
pub use balance::{BalanceView, LotBalance, ProgramBalance};
pub use event::WalletEvent;
pub use history::{HistoryEntry, HistoryFilter, HistoryKind};
pub use ledger::ProgramLedger;
pub use lot::Lot;
pub use numbers::{payment_serial_from_i64, reissue_days_from_i64};
pub use records::{
    Allocation, ChargeRecord, Forfeiture, Payment, PaymentAllocation, Quote, Receipt,
    RefundReceipt, RefundRecord, Restoration, RestoreOutcome,
};
pub use setup::{
    ExpiredRefundPolicy, Merchant, MerchantSize, NewLot, Scope, SpendingPolicy, WalletPolicy,
};
pub use state::STATE_VERSION;
#[cfg(feature = "serde")]
pub use state::SavedWallet;

use crate::currency::Currency;
use crate::error::Error;
use crate::jst;
use crate::money::Money;
use crate::program::Program;

/// The largest payment serial: ids carry it in 12 digits.
pub(crate) const MAX_SERIAL: u64 = 999_999_999_999;

/// A wallet of voucher lots.
///
/// ```
/// use chrono::DateTime;
/// use saifu::*;
///
/// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
/// let mut wallet = Wallet::new();
/// wallet.add_program(Program::new("tennozu", "天王洲キャッシュ", "OEM2020000101"))?;
/// wallet.add_merchant(Merchant { id: "riverside".into(), name: "天王洲飯店 リバーサイド店".into(), size: MerchantSize::Small, programs: vec!["tennozu".into()], jpqr_id: None })?;
/// wallet.set_next_payment_serial(2)?;
/// wallet.open_lot(NewLot {
///     id: "L1".into(), code: VoucherCode::parse("N7af3c1d7AV9b2e4")?, management_no: "d012104262000001".into(),
///     program: "tennozu".into(), scope: Scope::AllStores, registered_at: t("2021-04-27T20:09:26+09:00"),
///     expires_on: None, face_value: Money::jpy(10_000)?, balance: Money::jpy(10_000)?,
/// })?;
///
/// let receipt = wallet.pay("riverside", Money::jpy(50)?, t("2021-05-21T19:12:29+09:00"))?;
/// assert_eq!(receipt.payment_id, "OEM202000010120210521000000000002");
///
/// let refund = wallet.refund(&receipt.payment_id, Money::jpy(50)?, t("2021-05-23T01:47:21.578+09:00"))?;
/// assert_eq!(refund.refund_id, "OEM202000010120210521000000000002-20210523014721578");
///
/// let err = wallet.pay("riverside", Money::jpy(20_000)?, t("2021-05-24T12:00:00+09:00")).unwrap_err();
/// assert_eq!(err.code(), "wallet.insufficient_balance");
/// assert_eq!(wallet.balance(t("2021-05-24T12:00:00+09:00"))?.total.minor(), 10_000);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Wallet {
    pub(crate) programs: Vec<Program>,
    pub(crate) ledgers: Vec<ProgramLedger>,
    pub(crate) merchants: Vec<Merchant>,
    pub(crate) policy: WalletPolicy,
    /// The serial the next payment takes.
    pub(crate) next_serial: u64,
    pub(crate) lots: Vec<Lot>,
    pub(crate) payments: Vec<Payment>,
    pub(crate) charges: Vec<ChargeRecord>,
    pub(crate) history: Vec<HistoryEntry>,
    // Indexes, derived from the data above.
    pub(crate) program_index: Index,
    pub(crate) merchant_index: Index,
    pub(crate) lot_index: Index,
    pub(crate) payment_index: Index,
    pub(crate) charge_index: Index,
    /// Every refund's id (to the position of its payment).
    pub(crate) refund_index: Index,
    /// The position of the payment with the highest serial (the last of equals), which
    /// a next serial must stay above.
    pub(crate) highest_serial: Option<usize>,
    /// The sum of every lot's balance, which never passes [`crate::MAX_MINOR`]: so no sum
    /// of balances (the balance view, what a merchant accepts) can overflow.
    pub(crate) held: i64,
    /// Whether changes are kept as events for [`Wallet::take_events`].
    pub(crate) event_log: bool,
    /// Events not yet taken by [`Wallet::take_events`].
    pub(crate) pending: Vec<WalletEvent>,
}

impl Default for Wallet {
    /// [`Wallet::new`].
    fn default() -> Wallet {
        Wallet::new()
    }
}

impl PartialEq for Wallet {
    /// Two wallets are equal when their data is: indexes and untaken events aside.
    fn eq(&self, other: &Self) -> bool {
        self.programs == other.programs
            && self.ledgers == other.ledgers
            && self.merchants == other.merchants
            && self.policy == other.policy
            && self.next_serial == other.next_serial
            && self.lots == other.lots
            && self.payments == other.payments
            && self.charges == other.charges
            && self.history == other.history
    }
}

impl Eq for Wallet {}

/// Checks that an amount is in yen: wallets hold yen-denominated value.
pub(crate) fn yen(amount: Money) -> Result<Money, Error> {
    if amount.currency() == Currency::JPY {
        Ok(amount)
    } else {
        Err(Error::MoneyCurrencyMismatch {
            expected: Currency::JPY,
            found: amount.currency(),
        })
    }
}

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

impl Wallet {
    /// The most a wallet holds: its lots' balances add up to at most
    /// ¥9,007,199,254,740,991 ([`crate::MAX_MINOR`]), so every total of balances (the
    /// balance view, what a merchant can take, the balance after a payment) is an
    /// amount. What would take a wallet past it (an opening lot, a charge, a refund's
    /// restorations) is refused with `money.out_of_range`.
    pub const MAX_HELD: i64 = crate::money::MAX_MINOR;

    /// The most lots one charge (one [`WalletEvent::Charged`]) may create: what one
    /// event holds is checked in time linear in its size, and this keeps one event
    /// within what a device handles at once (a real charge creates one to a few lots).
    /// A payment's allocations name each lot at most once, so they are at most the
    /// wallet's lots; a refund's restorations, at most the payment's allocations.
    pub const MAX_CHARGE_LOTS: usize = 100_000;

    /// An empty wallet: no programs, merchants or lots; default policies; the first
    /// payment takes serial 1.
    ///
    /// ```
    /// # use saifu::Wallet;
    /// assert!(Wallet::new().lots().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Wallet {
        Wallet {
            programs: Vec::new(),
            ledgers: Vec::new(),
            merchants: Vec::new(),
            policy: WalletPolicy::default(),
            next_serial: 1,
            lots: Vec::new(),
            payments: Vec::new(),
            charges: Vec::new(),
            history: Vec::new(),
            program_index: Index::default(),
            merchant_index: Index::default(),
            lot_index: Index::default(),
            payment_index: Index::default(),
            charge_index: Index::default(),
            refund_index: Index::default(),
            highest_serial: None,
            held: 0,
            event_log: false,
            pending: Vec::new(),
        }
    }

    /// Applies an event the wallet decided on and keeps it for [`Wallet::take_events`]
    /// when the event log is on.
    fn record(&mut self, event: WalletEvent) -> Result<(), Error> {
        self.apply(&event)?;
        self.log(|| event);
        Ok(())
    }

    /// Keeps an applied event for [`Wallet::take_events`] when the event log is on; the
    /// event is made only then.
    fn log(&mut self, event: impl FnOnce() -> WalletEvent) {
        if self.event_log {
            self.pending.push(event());
        }
    }

    /// Turns the event log on or off (off by default, so a wallet whose events nobody
    /// takes does not grow). While it is on, every change is kept as a [`WalletEvent`]
    /// until [`Wallet::take_events`]; [`Wallet::replay`] rebuilds the wallet from them.
    ///
    /// ```
    /// # use saifu::{Program, Wallet};
    /// let mut w = Wallet::new();
    /// w.set_event_log(true);
    /// w.add_program(Program::new("p", "P", "X"))?;
    /// assert_eq!(w.take_events().len(), 1);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn set_event_log(&mut self, on: bool) {
        self.event_log = on;
    }

    /// Whether the event log is on.
    #[must_use]
    pub fn event_log(&self) -> bool {
        self.event_log
    }

    /// Adds a program: the same record [`Charges::add_program`](crate::Charges::add_program)
    /// takes, so the program a charge buys is the one the wallet spends.
    ///
    /// # Errors
    /// `wallet.duplicate_id` when a program has this id; `wallet.no_payment_id_prefix`
    /// when it has no payment-id prefix; `charge.invalid_units` for a product it may not
    /// sell ([`Program`]'s rule, as charges apply it).
    ///
    /// # Example
    /// ```
    /// # use saifu::{Program, Wallet};
    /// let mut w = Wallet::new();
    /// let p = Program::new("p", "P", "X");
    /// w.add_program(p.clone())?;
    /// assert_eq!(w.add_program(p.clone()).unwrap_err().code(), "wallet.duplicate_id");
    /// let charges_only = Program { id: "q".into(), payment_id_prefix: None, ..p };
    /// assert_eq!(w.add_program(charges_only).unwrap_err().code(), "wallet.no_payment_id_prefix");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn add_program(&mut self, program: Program) -> Result<(), Error> {
        self.record(WalletEvent::ProgramAdded { program })
    }

    /// Adds a merchant. It may list programs the wallet does not hold (yet).
    ///
    /// # Errors
    /// `wallet.duplicate_id` when a merchant has this id.
    pub fn add_merchant(&mut self, merchant: Merchant) -> Result<(), Error> {
        self.record(WalletEvent::MerchantAdded { merchant })
    }

    /// Sets the policies.
    ///
    /// # Errors
    /// `time.invalid` for a reissue policy of more than
    /// [`ExpiredRefundPolicy::MAX_VALID_DAYS`] days.
    pub fn set_policy(&mut self, policy: WalletPolicy) -> Result<(), Error> {
        self.record(WalletEvent::PolicyChanged { policy })
    }

    /// Sets the serial the next payment takes, e.g. to continue an issuer's numbering.
    /// Serials only move forward: a payment's id carries its serial, and the next one
    /// must not meet an id already given.
    ///
    /// # Errors
    /// `wallet.payment_serial_exhausted` above 999,999,999,999 (12 digits);
    /// `wallet.duplicate_id` naming the payment with the highest serial when `next` is
    /// not above it.
    pub fn set_next_payment_serial(&mut self, next: u64) -> Result<(), Error> {
        if next > MAX_SERIAL {
            return Err(Error::WalletPaymentSerialExhausted);
        }
        self.record(WalletEvent::PaymentSerialSet { next })
    }

    /// Puts a lot in as an opening balance: no charge, no history entry. The lot goes
    /// to the end of the wallet order.
    ///
    /// # Errors
    /// `wallet.unknown_program`, `wallet.duplicate_id`, `money.currency_mismatch` (not
    /// yen), `wallet.invalid_lot` (face value not above zero, balance below zero or above
    /// the face value), `time.invalid` (registered or expiring outside the years
    /// 0001–9999), `money.out_of_range` (the wallet would hold more than
    /// ¥9,007,199,254,740,991 in all: see [`Wallet::MAX_HELD`]).
    pub fn open_lot(&mut self, lot: NewLot) -> Result<(), Error> {
        self.record(WalletEvent::LotOpened { lot })
    }

    /// Records a successful charge (a top-up or a purchase): its lots join the wallet,
    /// in the order given, and the history gets a charge entry.
    ///
    /// # Errors
    /// `time.invalid` (`at`, a lot's registration or expiry outside the years
    /// 0001–9999), `wallet.invalid_amount` (more than [`Wallet::MAX_CHARGE_LOTS`] lots),
    /// `wallet.unknown_program`, `wallet.duplicate_id` (charge or lot id),
    /// `money.currency_mismatch`, `wallet.invalid_lot` (a lot whose balance is not its
    /// positive face value), `money.out_of_range` (the wallet would hold more than
    /// [`Wallet::MAX_HELD`]), `wallet.invalid_amount` (no lots, or a lot of another
    /// program).
    ///
    /// # Example
    /// ```
    /// # use saifu::*;
    /// # let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// let mut w = Wallet::new();
    /// w.add_program(Program::new("oyama", "小山市共通商品券", "OEM2023030001"))?;
    /// let lot = |id: &str, code: &str, scope, value| -> Result<NewLot, Error> { Ok(NewLot {
    ///     id: id.into(), code: VoucherCode::parse(code)?, management_no: "d000000000000001".into(),
    ///     program: "oyama".into(), scope, registered_at: t("2026-04-01T10:00:00+09:00"),
    ///     expires_on: Some("2026-12-31".parse().unwrap()), face_value: Money::jpy(value)?, balance: Money::jpy(value)?,
    /// }) };
    /// w.charge("C1", "oyama", t("2026-04-01T10:00:00+09:00"), vec![
    ///     lot("A", "AAAA1111AAAA1111", Scope::SmallStoresOnly, 8000)?,
    ///     lot("B", "BBBB2222BBBB2222", Scope::AllStores, 5000)?,
    /// ])?;
    /// assert_eq!(w.history(&HistoryFilter::default())[0].display_amount(), "-13,000円分");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn charge(
        &mut self,
        charge_id: &str,
        program: &str,
        at: DateTime<FixedOffset>,
        lots: Vec<NewLot>,
    ) -> Result<(), Error> {
        self.record(WalletEvent::Charged {
            charge_id: charge_id.to_owned(),
            program: program.to_owned(),
            at,
            lots,
        })
    }

    /// The name of the program at `ix` (whose id is `id`), for a title.
    pub(crate) fn program_name(&self, ix: usize, id: &str) -> Result<&str, Error> {
        self.programs
            .get(ix)
            .map(|p| p.name.as_str())
            .ok_or_else(|| Error::WalletUnknownProgram {
                program: Error::echo(id),
            })
    }

    pub(crate) fn program_ix(&self, id: &str) -> Result<usize, Error> {
        self.program_index
            .get(id)
            .copied()
            .ok_or_else(|| Error::WalletUnknownProgram {
                program: Error::echo(id),
            })
    }

    pub(crate) fn merchant_ix(&self, id: &str) -> Result<usize, Error> {
        self.merchant_index
            .get(id)
            .copied()
            .ok_or_else(|| Error::WalletUnknownMerchant {
                merchant: Error::echo(id),
            })
    }

    pub(crate) fn lot_ix(&self, id: &str) -> Result<usize, Error> {
        self.lot_index
            .get(id)
            .copied()
            .ok_or_else(|| Error::WalletUnknownLot {
                lot: Error::echo(id),
            })
    }

    pub(crate) fn payment_ix(&self, id: &str) -> Result<usize, Error> {
        self.payment_index
            .get(id)
            .copied()
            .ok_or_else(|| Error::WalletUnknownPayment {
                payment: Error::echo(id),
            })
    }

    /// The programs, in the order added.
    #[must_use]
    pub fn programs(&self) -> &[Program] {
        &self.programs
    }

    /// The per-program totals (same order as [`Wallet::programs`]).
    #[must_use]
    pub fn ledgers(&self) -> &[ProgramLedger] {
        &self.ledgers
    }

    /// The merchants, in the order added.
    #[must_use]
    pub fn merchants(&self) -> &[Merchant] {
        &self.merchants
    }

    /// The merchant with this id.
    #[must_use]
    pub fn merchant(&self, id: &str) -> Option<&Merchant> {
        self.merchant_ix(id)
            .ok()
            .and_then(|i| self.merchants.get(i))
    }

    /// The policies.
    #[must_use]
    pub fn policy(&self) -> WalletPolicy {
        self.policy
    }

    /// The serial the next payment takes.
    #[must_use]
    pub fn next_payment_serial(&self) -> u64 {
        self.next_serial
    }

    /// Every lot, in wallet order (the order they were added), expired or not.
    #[must_use]
    pub fn lots(&self) -> &[Lot] {
        &self.lots
    }

    /// The lot with this id.
    #[must_use]
    pub fn lot(&self, id: &str) -> Option<&Lot> {
        self.lot_ix(id).ok().and_then(|i| self.lots.get(i))
    }

    /// Every payment, oldest first.
    #[must_use]
    pub fn payments(&self) -> &[Payment] {
        &self.payments
    }

    /// The payment with this id.
    #[must_use]
    pub fn payment(&self, id: &str) -> Option<&Payment> {
        self.payment_ix(id).ok().and_then(|i| self.payments.get(i))
    }

    /// Every charge, oldest first.
    #[must_use]
    pub fn charges(&self) -> &[ChargeRecord] {
        &self.charges
    }

    /// Takes the events recorded since the last call, oldest first: append them to a
    /// log, and [`Wallet::replay`] rebuilds the wallet.
    pub fn take_events(&mut self) -> Vec<WalletEvent> {
        std::mem::take(&mut self.pending)
    }

    /// [`Wallet::take_events`] as a JSON array.
    ///
    /// # Errors
    /// None: the `Result` is kept for callers written when serialization could fail.
    pub fn take_events_json(&mut self) -> Result<String, Error> {
        Ok(crate::json::to_string(&self.take_events()))
    }

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
        jst::check_instant(&at)?;
        let payment = self
            .payments
            .get(self.payment_ix(payment_id)?)
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
        let refund_id = format!("{payment_id}-{}", jst::compact_millis(&at));
        if self.refund_index.contains_key(&refund_id) {
            return Err(Error::WalletDuplicateRefundId {
                refund_id: Error::echo(&refund_id),
            });
        }
        let restored = self.plan_refund(payment, amount, &at)?;
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

    /// The expiry sweep: forfeits the balance of every lot expired at `now`, in wallet
    /// order, with an expiry entry per lot (timed at the instant the lot expired).
    ///
    /// # Errors
    /// `time.invalid` for `now` outside the years 0001–9999 (in UTC, JST or its own
    /// offset); the sweep is all-or-nothing.
    ///
    /// # Example
    /// ```
    /// # use saifu::Wallet;
    /// # let now = chrono::DateTime::parse_from_rfc3339("2026-07-01T00:00:00+09:00").unwrap();
    /// assert!(Wallet::new().expire(now)?.is_empty());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn expire(&mut self, now: DateTime<FixedOffset>) -> Result<Vec<Forfeiture>, Error> {
        jst::check_instant(&now)?;
        // One pass: the events, and the ledger entries that check the whole sweep first,
        // so it applies all or nothing (each event takes a lot's whole balance, so only
        // the ledger sums could fail).
        let mut events = Vec::new();
        let mut entries = Vec::new();
        for lot in &self.lots {
            let Some(at) = lot.expires_at.filter(|_| lot.is_expired(&now)) else {
                continue;
            };
            if !lot.balance.is_positive() {
                continue;
            }
            events.push(WalletEvent::Expired {
                lot: lot.id.clone(),
                at,
                amount: lot.balance,
            });
            entries.push(ledger::Entry {
                program: lot.program_ix,
                id: &lot.program,
                flow: ledger::Flow::Forfeited,
                amount: lot.balance,
            });
        }
        ledger::after(&self.ledgers, entries)?;
        let mut forfeited = Vec::with_capacity(events.len());
        for event in events {
            if let WalletEvent::Expired { lot, amount, .. } = &event {
                forfeited.push(Forfeiture {
                    lot: lot.clone(),
                    amount: *amount,
                });
            }
            self.record(event)?;
        }
        Ok(forfeited)
    }

    /// The usage history, newest first (of entries at the same instant, the one recorded
    /// later first), filtered by kind and period.
    #[must_use]
    pub fn history(&self, filter: &HistoryFilter) -> Vec<HistoryEntry> {
        // Newest recorded first, then a stable sort by instant: entries at the same
        // instant keep that order.
        let mut picked: Vec<&HistoryEntry> = self
            .history
            .iter()
            .rev()
            .filter(|e| filter.admits(e))
            .collect();
        picked.sort_by_key(|e| std::cmp::Reverse(e.at));
        picked.into_iter().cloned().collect()
    }
}
