//! The wallet: voucher lots, payments in the issuer's spending order, refunds, expiry,
//! the balance view and the usage history (seed 003; DESIGN §4).
//!
//! A [`Wallet`] is plain data. Every operation that depends on time takes `at`; every
//! change is also a [`WalletEvent`]; the whole wallet serializes to versioned JSON
//! ([`Wallet::to_json`], [`Wallet::from_json`]). An operation that fails changes nothing.

mod balance;
mod charge;
mod codec;
mod event;
mod expiry;
mod history;
mod ledger;
mod lot;
mod numbers;
mod payment;
mod records;
mod refund;
mod setup;
mod spending;
mod state;

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
}
