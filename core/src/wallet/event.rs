//! Every change to a wallet is an event; applying the events from an empty wallet
//! rebuilds the same wallet.
//!
//! Operations ([`Wallet::pay`], [`Wallet::refund`], …) decide what happens, express it
//! as an event and apply it through [`Wallet::apply`], the one place that changes state.
//! `apply` checks an event completely before it changes anything, so a bad event (from a
//! corrupted log, say) is refused and the wallet stays as it was.
//!
//! Each operation and the application of its event live together in its concept's
//! module: `payment.rs`, `refund.rs`, `expiry.rs`, `charge.rs` (lots coming in) and
//! `setup.rs` (programs, merchants, policies, the serial). This module holds the events,
//! the event log, `apply`'s dispatch, the final step every application shares
//! (`settle`) and replay.

use chrono::{DateTime, FixedOffset};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use super::records::{Allocation, Restoration};
use super::setup::{Merchant, NewLot, WalletPolicy};
use super::{ProgramLedger, Wallet};
use crate::error::{Error, to_u32};
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

/// A lot's balance after an event, worked out while the event is checked and set once
/// every check has passed.
pub(super) struct NewBalance {
    pub(super) lot: usize,
    pub(super) balance: Money,
}

impl Wallet {
    /// Applies an event the wallet decided on and keeps it for [`Wallet::take_events`]
    /// when the event log is on.
    pub(super) fn record(&mut self, event: WalletEvent) -> Result<(), Error> {
        self.apply(&event)?;
        self.log(|| event);
        Ok(())
    }

    /// Keeps an applied event for [`Wallet::take_events`] when the event log is on; the
    /// event is made only then.
    pub(super) fn log(&mut self, event: impl FnOnce() -> WalletEvent) {
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
            WalletEvent::PolicyChanged { policy } => self.apply_policy(policy),
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

    /// `held + added`, when it is at most [`Wallet::MAX_HELD`].
    pub(super) fn held_after(&self, added: i64) -> Result<i64, Error> {
        in_range(
            self.held
                .checked_add(added)
                .filter(|held| *held <= Wallet::MAX_HELD),
        )
    }

    /// Sets what a checked event leaves: the lots' new balances, the programs' new
    /// ledgers and the wallet's new total, each worked out (and checked) before.
    pub(super) fn settle(
        &mut self,
        balances: &[NewBalance],
        ledgers: Vec<(usize, ProgramLedger)>,
        held: i64,
    ) {
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
