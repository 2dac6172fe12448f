//! The wallet (seed 003; DESIGN §4) as one object holding the core's `Wallet`.

mod records;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

pub use records::{
    Allocation, BalanceView, ExpiredRefundPolicy, Forfeiture, HistoryEntry, HistoryFilter,
    HistoryKind, Lot, LotBalance, Merchant, MerchantSize, NewLot, Payment, PaymentAllocation,
    ProgramBalance, Quote, Receipt, RefundReceipt, RefundRecord, Restoration, RestoreOutcome,
    Scope, SpendingPolicy, WalletPolicy,
};

use crate::error::SaifuError;
use crate::money::yen;
use crate::program::Program;
use crate::time::instant;

/// A wallet of voucher lots: payments in the issuer's spending order, refunds, expiry,
/// the balance view and the usage history. Every operation that depends on time takes
/// the time; an operation that fails changes nothing. State is versioned JSON
/// (`toJson()` / `Wallet.fromJson(json)`). Amounts are yen as integers.
///
/// The object is safe to share between threads: each call holds the wallet's lock.
#[derive(uniffi::Object)]
pub struct Wallet {
    inner: Mutex<saifu::Wallet>,
}

impl Wallet {
    pub(crate) fn wrap(wallet: saifu::Wallet) -> Arc<Self> {
        Arc::new(Wallet {
            inner: Mutex::new(wallet),
        })
    }

    /// The core's wallet. A panic never happens while it is held (the core returns
    /// errors), but were the lock poisoned, the data is still consistent: every core
    /// operation checks before it writes.
    pub(crate) fn lock(&self) -> MutexGuard<'_, saifu::Wallet> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl Wallet {
    /// An empty wallet: no programs, merchants or lots; default policies; the first
    /// payment takes serial 1.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Wallet::wrap(saifu::Wallet::new())
    }

    /// Loads a wallet saved by `toJson()`.
    ///
    /// # Errors
    /// `state.malformed`, `state.unsupported_version` and the other `state.*` checks.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, SaifuError> {
        Ok(Wallet::wrap(saifu::Wallet::from_json(&json)?))
    }

    /// Rebuilds a wallet from a JSON array of events (what `takeEventsJson()` returns,
    /// concatenated).
    ///
    /// # Errors
    /// `state.malformed`; `state.invalid_event` with the index of the event that does
    /// not apply.
    #[uniffi::constructor]
    pub fn replay_json(json: String) -> Result<Arc<Self>, SaifuError> {
        Ok(Wallet::wrap(saifu::Wallet::replay_json(&json)?))
    }

    /// The wallet as versioned JSON.
    ///
    /// # Errors
    /// `state.malformed` if serialization fails (it does not for saifu's own types).
    pub fn to_json(&self) -> Result<String, SaifuError> {
        Ok(self.lock().to_json()?)
    }

    /// Adds a program: the record `Charges.addProgram` takes too.
    ///
    /// # Errors
    /// As core reads a product's numbers (`money.out_of_range`, `charge.invalid_units`);
    /// then `wallet.duplicate_id`, `wallet.no_payment_id_prefix` without a payment-id
    /// prefix, `charge.invalid_units` for a product it may not sell.
    pub fn add_program(&self, program: Program) -> Result<(), SaifuError> {
        Ok(self.lock().add_program(program.try_into()?)?)
    }

    /// The programs, in the order added.
    pub fn programs(&self) -> Vec<Program> {
        self.lock().programs().iter().map(Into::into).collect()
    }

    /// Adds a merchant. It may list programs the wallet does not hold (yet).
    ///
    /// # Errors
    /// `wallet.duplicate_id`.
    pub fn add_merchant(&self, merchant: Merchant) -> Result<(), SaifuError> {
        Ok(self.lock().add_merchant(merchant)?)
    }

    /// Sets the policies.
    ///
    /// # Errors
    /// `time.invalid` for a reissue policy's `validDays` outside 0–36,500.
    pub fn set_policy(&self, policy: WalletPolicy) -> Result<(), SaifuError> {
        Ok(self.lock().set_policy(policy.try_into()?)?)
    }

    /// Sets the serial the next payment takes.
    ///
    /// # Errors
    /// `wallet.invalid_payment_serial` below 0; `wallet.payment_serial_exhausted` above
    /// 999,999,999,999; `wallet.duplicate_id` naming the payment with the highest serial
    /// when `next` is not above it.
    pub fn set_next_payment_serial(&self, next: i64) -> Result<(), SaifuError> {
        let next = saifu::payment_serial_from_i64(next)?;
        Ok(self.lock().set_next_payment_serial(next)?)
    }

    /// The serial the next payment takes.
    pub fn next_payment_serial(&self) -> i64 {
        records::serial(self.lock().next_payment_serial())
    }

    /// Puts a lot in as an opening balance: no charge, no history entry.
    ///
    /// # Errors
    /// `voucher.invalid_code`, `time.invalid`, `money.out_of_range` (conversion);
    /// `wallet.unknown_program`, `wallet.duplicate_id`, `wallet.invalid_lot`.
    pub fn open_lot(&self, lot: NewLot) -> Result<(), SaifuError> {
        let lot = saifu::NewLot::try_from(lot)?;
        Ok(self.lock().open_lot(lot)?)
    }

    /// Records a successful charge: its lots join the wallet in the order given, and the
    /// history gets a charge entry.
    ///
    /// # Errors
    /// The conversion errors of `openLot`; `wallet.unknown_program`,
    /// `wallet.duplicate_id`, `wallet.invalid_lot`, `wallet.invalid_amount`.
    pub fn charge(
        &self,
        charge_id: String,
        program: String,
        at: SystemTime,
        lots: Vec<NewLot>,
    ) -> Result<(), SaifuError> {
        let at = instant(at)?;
        let lots = lots
            .into_iter()
            .map(saifu::NewLot::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(self.lock().charge(&charge_id, &program, at, lots)?)
    }

    /// Works out a payment without making it.
    ///
    /// # Errors
    /// In order: `wallet.unknown_merchant`, `wallet.invalid_amount`,
    /// `wallet.insufficient_balance` (with `available`); `money.out_of_range`,
    /// `time.invalid` (conversion).
    pub fn quote(
        &self,
        merchant: String,
        amount: i64,
        at: SystemTime,
    ) -> Result<Quote, SaifuError> {
        let (amount, at) = (yen(amount)?, instant(at)?);
        Ok(self.lock().quote(&merchant, amount, at)?.into())
    }

    /// Pays at a merchant, drawing on the lots in the wallet's spending order.
    ///
    /// # Errors
    /// As `quote`; `wallet.payment_serial_exhausted`.
    pub fn pay(
        &self,
        merchant: String,
        amount: i64,
        at: SystemTime,
    ) -> Result<Receipt, SaifuError> {
        let (amount, at) = (yen(amount)?, instant(at)?);
        Ok(self.lock().pay(&merchant, amount, at)?.into())
    }

    /// Refunds (part of) a payment to the lots it used, in reverse order of consumption.
    ///
    /// # Errors
    /// In order: `wallet.unknown_payment`, `wallet.invalid_amount`,
    /// `wallet.refund_exceeds_payment` (with `refundable`), `wallet.duplicate_refund_id`,
    /// `wallet.refund_lot_expired` (policy `Reject`).
    pub fn refund(
        &self,
        payment_id: String,
        amount: i64,
        at: SystemTime,
    ) -> Result<RefundReceipt, SaifuError> {
        let (amount, at) = (yen(amount)?, instant(at)?);
        Ok(self.lock().refund(&payment_id, amount, at)?.into())
    }

    /// The expiry sweep: forfeits the balances of lots expired at `now`, in wallet order.
    ///
    /// # Errors
    /// `time.invalid`.
    pub fn expire(&self, now: SystemTime) -> Result<Vec<Forfeiture>, SaifuError> {
        let now = instant(now)?;
        Ok(self
            .lock()
            .expire(now)?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The balance view at `now` (残高詳細).
    ///
    /// # Errors
    /// `time.invalid`; `money.out_of_range` only if the sums leave the range.
    pub fn balance(&self, now: SystemTime) -> Result<BalanceView, SaifuError> {
        let now = instant(now)?;
        Ok(self.lock().balance(now)?.into())
    }

    /// The usage history (ご利用履歴), newest first; the default filter lists everything.
    ///
    /// # Errors
    /// `time.invalid` for a filter end that cannot be converted.
    #[uniffi::method(default(filter))]
    pub fn history(&self, filter: HistoryFilter) -> Result<Vec<HistoryEntry>, SaifuError> {
        let filter = saifu::HistoryFilter::try_from(filter)?;
        Ok(self
            .lock()
            .history(&filter)
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Every lot, in wallet order, expired or not.
    pub fn lots(&self) -> Vec<Lot> {
        self.lock().lots().iter().map(Lot::from).collect()
    }

    /// Every payment, oldest first, with what is left to refund of each.
    ///
    /// # Errors
    /// `money.out_of_range` only for an inconsistent payment.
    pub fn payments(&self) -> Result<Vec<Payment>, SaifuError> {
        Ok(self
            .lock()
            .payments()
            .iter()
            .cloned()
            .map(Payment::try_from)
            .collect::<Result<Vec<_>, _>>()?)
    }

    /// Turns the event log on or off (off by default).
    pub fn set_event_log(&self, on: bool) {
        self.lock().set_event_log(on);
    }

    /// The events recorded since the last call, oldest first, as a JSON array:
    /// `Wallet.replayJson(json)` rebuilds the wallet from them.
    ///
    /// # Errors
    /// `state.malformed` if serialization fails.
    pub fn take_events_json(&self) -> Result<String, SaifuError> {
        Ok(self.lock().take_events_json()?)
    }
}
