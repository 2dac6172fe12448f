//! Charges (seed 000, 003; DESIGN §6): top-ups and voucher purchases by card (3-D
//! Secure), convenience-store cash, Pay-easy and J-Coin Pay, as one object holding the
//! core's `Charges`, and the guard over new charges.
//!
//! Amounts are yen as integers, as the wallet's are (charges are yen-only); instants are
//! uniffi timestamps.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use saifu::{Error, Money};

use crate::card::{Brand, CardExpiry, CardNumber};
use crate::error::SaifuError;
use crate::payment_slip::{DigitRule, PaymentSlip, SlipNumber};
use crate::program::Program;
use crate::time::{instant, timestamp};
use crate::wallet::Scope;

/// Yen for the core's charge rules, as core reads an integer amount.
///
/// # Errors
/// `money.out_of_range` outside ±(2^53 − 1), as in every language.
pub(crate) fn charge_yen(minor: i64) -> Result<Money, Error> {
    Money::jpy(minor)
}

/// The convenience-store chains that take cash charges (seed 000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum KonbiniChain {
    /// ファミリーマート.
    FamilyMart,
    /// ローソン.
    Lawson,
    /// セブン-イレブン.
    SevenEleven,
    /// ミニストップ.
    Ministop,
    /// セイコーマート.
    Seicomart,
}

impl From<KonbiniChain> for saifu::KonbiniChain {
    fn from(c: KonbiniChain) -> Self {
        match c {
            KonbiniChain::FamilyMart => saifu::KonbiniChain::FamilyMart,
            KonbiniChain::Lawson => saifu::KonbiniChain::Lawson,
            KonbiniChain::SevenEleven => saifu::KonbiniChain::SevenEleven,
            KonbiniChain::Ministop => saifu::KonbiniChain::Ministop,
            KonbiniChain::Seicomart => saifu::KonbiniChain::Seicomart,
        }
    }
}

impl From<saifu::KonbiniChain> for KonbiniChain {
    fn from(c: saifu::KonbiniChain) -> Self {
        match c {
            saifu::KonbiniChain::FamilyMart => KonbiniChain::FamilyMart,
            saifu::KonbiniChain::Lawson => KonbiniChain::Lawson,
            saifu::KonbiniChain::SevenEleven => KonbiniChain::SevenEleven,
            saifu::KonbiniChain::Ministop => KonbiniChain::Ministop,
            saifu::KonbiniChain::Seicomart => KonbiniChain::Seicomart,
        }
    }
}

#[uniffi::export]
impl KonbiniChain {
    /// The chain's stable id: `familymart`, `lawson`, `seven_eleven`, `ministop`,
    /// `seicomart`.
    pub fn id(&self) -> String {
        saifu::KonbiniChain::from(*self).id().to_owned()
    }
}

/// How a charge is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ChargeMethod {
    /// Credit card with 3-D Secure.
    Card {
        /// The card's brand (the program must accept it).
        brand: Brand,
    },
    /// Cash at a convenience store.
    Konbini {
        /// The chain.
        chain: KonbiniChain,
    },
    /// Pay-easy (bank ATM or online banking).
    PayEasy,
    /// J-Coin Pay.
    JCoin,
}

impl From<ChargeMethod> for saifu::ChargeMethod {
    fn from(m: ChargeMethod) -> Self {
        match m {
            ChargeMethod::Card { brand } => saifu::ChargeMethod::Card {
                brand: brand.into(),
            },
            ChargeMethod::Konbini { chain } => saifu::ChargeMethod::Konbini {
                chain: chain.into(),
            },
            ChargeMethod::PayEasy => saifu::ChargeMethod::PayEasy,
            ChargeMethod::JCoin => saifu::ChargeMethod::JCoin,
        }
    }
}

impl From<saifu::ChargeMethod> for ChargeMethod {
    fn from(m: saifu::ChargeMethod) -> Self {
        match m {
            saifu::ChargeMethod::Card { brand } => ChargeMethod::Card {
                brand: brand.into(),
            },
            saifu::ChargeMethod::Konbini { chain } => ChargeMethod::Konbini {
                chain: chain.into(),
            },
            saifu::ChargeMethod::PayEasy => ChargeMethod::PayEasy,
            saifu::ChargeMethod::JCoin => ChargeMethod::JCoin,
        }
    }
}

/// Where a charge stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ChargeState {
    /// Details being entered.
    Draft,
    /// 確認: the user checks the details.
    Confirming,
    /// 支払う pressed for a card: 3-D Secure in progress.
    AwaitingThreeDs,
    /// Applied (申し込み完了) for cash: payment numbers issued, deadline running.
    AwaitingPayment,
    /// J-Coin Pay authorization in progress.
    Authorizing,
    /// Card or J-Coin charge done: the lots exist.
    Succeeded,
    /// Cash charge paid: the lots exist.
    Paid,
    /// Declined, 3-D Secure failed, or the card is not enrolled.
    Failed,
    /// A cash charge not paid by its deadline (seed 000 calls it cancelled).
    Expired,
    /// Cancelled by the user.
    Cancelled,
}

impl From<saifu::ChargeState> for ChargeState {
    fn from(s: saifu::ChargeState) -> Self {
        match s {
            saifu::ChargeState::Draft => ChargeState::Draft,
            saifu::ChargeState::Confirming => ChargeState::Confirming,
            saifu::ChargeState::AwaitingThreeDs => ChargeState::AwaitingThreeDs,
            saifu::ChargeState::AwaitingPayment => ChargeState::AwaitingPayment,
            saifu::ChargeState::Authorizing => ChargeState::Authorizing,
            saifu::ChargeState::Succeeded => ChargeState::Succeeded,
            saifu::ChargeState::Paid => ChargeState::Paid,
            saifu::ChargeState::Failed => ChargeState::Failed,
            saifu::ChargeState::Expired => ChargeState::Expired,
            saifu::ChargeState::Cancelled => ChargeState::Cancelled,
        }
    }
}

impl From<ChargeState> for saifu::ChargeState {
    fn from(s: ChargeState) -> Self {
        match s {
            ChargeState::Draft => saifu::ChargeState::Draft,
            ChargeState::Confirming => saifu::ChargeState::Confirming,
            ChargeState::AwaitingThreeDs => saifu::ChargeState::AwaitingThreeDs,
            ChargeState::AwaitingPayment => saifu::ChargeState::AwaitingPayment,
            ChargeState::Authorizing => saifu::ChargeState::Authorizing,
            ChargeState::Succeeded => saifu::ChargeState::Succeeded,
            ChargeState::Paid => saifu::ChargeState::Paid,
            ChargeState::Failed => saifu::ChargeState::Failed,
            ChargeState::Expired => saifu::ChargeState::Expired,
            ChargeState::Cancelled => saifu::ChargeState::Cancelled,
        }
    }
}

#[uniffi::export]
impl ChargeState {
    /// The state's stable id, as errors carry it: `draft`, `confirming`,
    /// `awaiting_three_ds`, `awaiting_payment`, `authorizing`, `succeeded`, `paid`,
    /// `failed`, `expired`, `cancelled`.
    pub fn id(&self) -> String {
        saifu::ChargeState::from(*self).id().to_owned()
    }

    /// True for the states a charge never leaves (succeeded, paid, failed, expired,
    /// cancelled).
    pub fn is_ended(&self) -> bool {
        saifu::ChargeState::from(*self).is_ended()
    }
}

/// A notification from the payment provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ChargeEvent {
    /// 3-D Secure passed: the card charge succeeded.
    ThreeDsSucceeded,
    /// 3-D Secure challenge failed (e.g. a wrong password): failed, no lockout.
    ThreeDsFailed,
    /// The card is not enrolled in 3-D Secure: failed, and no new charge for 30 minutes.
    ThreeDsNotEnrolled,
    /// The cash was paid.
    Paid,
    /// J-Coin Pay authorized the charge.
    Authorized,
    /// J-Coin Pay declined it.
    Declined,
}

impl From<ChargeEvent> for saifu::ChargeEvent {
    fn from(e: ChargeEvent) -> Self {
        match e {
            ChargeEvent::ThreeDsSucceeded => saifu::ChargeEvent::ThreeDsSucceeded,
            ChargeEvent::ThreeDsFailed => saifu::ChargeEvent::ThreeDsFailed,
            ChargeEvent::ThreeDsNotEnrolled => saifu::ChargeEvent::ThreeDsNotEnrolled,
            ChargeEvent::Paid => saifu::ChargeEvent::Paid,
            ChargeEvent::Authorized => saifu::ChargeEvent::Authorized,
            ChargeEvent::Declined => saifu::ChargeEvent::Declined,
        }
    }
}

impl From<saifu::ChargeEvent> for ChargeEvent {
    fn from(e: saifu::ChargeEvent) -> Self {
        match e {
            saifu::ChargeEvent::ThreeDsSucceeded => ChargeEvent::ThreeDsSucceeded,
            saifu::ChargeEvent::ThreeDsFailed => ChargeEvent::ThreeDsFailed,
            saifu::ChargeEvent::ThreeDsNotEnrolled => ChargeEvent::ThreeDsNotEnrolled,
            saifu::ChargeEvent::Paid => ChargeEvent::Paid,
            saifu::ChargeEvent::Authorized => ChargeEvent::Authorized,
            saifu::ChargeEvent::Declined => ChargeEvent::Declined,
        }
    }
}

#[uniffi::export]
impl ChargeEvent {
    /// The event's stable id: `three_ds_succeeded`, `three_ds_failed`,
    /// `three_ds_not_enrolled`, `paid`, `authorized`, `declined`.
    pub fn id(&self) -> String {
        saifu::ChargeEvent::from(*self).id().to_owned()
    }
}

/// A way to pay, without its details: what a product allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ChargeMethodKind {
    /// Credit card with 3-D Secure.
    Card,
    /// Cash at a convenience store.
    Konbini,
    /// Pay-easy.
    PayEasy,
    /// J-Coin Pay.
    JCoin,
}

impl From<ChargeMethodKind> for saifu::ChargeMethodKind {
    fn from(k: ChargeMethodKind) -> Self {
        match k {
            ChargeMethodKind::Card => saifu::ChargeMethodKind::Card,
            ChargeMethodKind::Konbini => saifu::ChargeMethodKind::Konbini,
            ChargeMethodKind::PayEasy => saifu::ChargeMethodKind::PayEasy,
            ChargeMethodKind::JCoin => saifu::ChargeMethodKind::JCoin,
        }
    }
}

impl From<saifu::ChargeMethodKind> for ChargeMethodKind {
    fn from(k: saifu::ChargeMethodKind) -> Self {
        match k {
            saifu::ChargeMethodKind::Card => ChargeMethodKind::Card,
            saifu::ChargeMethodKind::Konbini => ChargeMethodKind::Konbini,
            saifu::ChargeMethodKind::PayEasy => ChargeMethodKind::PayEasy,
            saifu::ChargeMethodKind::JCoin => ChargeMethodKind::JCoin,
        }
    }
}

/// A number of units (口) from a floating-point number, by the core's rule for every
/// count (the JavaScript binding's too): a whole number from 0 to 4,294,967,295, `-0`
/// being 0. The charge and purchase-code entries take a whole number (Kotlin `Long`,
/// Swift `Int64`, Python `int`); this is the path for a caller holding a `Double`.
///
/// Kotlin: `unitsFromF64(2.0)`; Swift: `unitsFromF64(value: 2)`; Python:
/// `units_from_f64(2.0)`.
///
/// # Errors
/// `charge.invalid_units` for `NaN`, ±`Infinity`, a fraction, a negative number or one
/// beyond 4,294,967,295.
#[uniffi::export]
pub fn units_from_f64(value: f64) -> Result<i64, SaifuError> {
    Ok(i64::from(saifu::units_from_f64(value)?))
}

#[uniffi::export]
impl ChargeMethodKind {
    /// `card`, `konbini`, `payeasy`, `jcoin`.
    pub fn id(&self) -> String {
        saifu::ChargeMethodKind::from(*self).id().to_owned()
    }
}

/// What a new charge buys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ChargeOrder {
    /// Plain e-money: this amount, as one all-stores lot.
    Amount {
        /// The amount, in yen.
        yen: i64,
    },
    /// This many units of the program's product.
    Units {
        /// The number of units (口).
        units: i64,
    },
}

impl TryFrom<ChargeOrder> for saifu::ChargeOrder {
    type Error = Error;

    /// # Errors
    /// `money.out_of_range` for an amount outside ±(2^53 − 1); `charge.invalid_units`
    /// for a negative number of units or one beyond 4,294,967,295 (core decides both).
    fn try_from(o: ChargeOrder) -> Result<Self, Error> {
        Ok(match o {
            ChargeOrder::Amount { yen } => saifu::ChargeOrder::Amount(charge_yen(yen)?),
            ChargeOrder::Units { units } => {
                saifu::ChargeOrder::Units(saifu::units_from_i64(units)?)
            }
        })
    }
}

/// One charge.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Charge {
    /// Its id.
    pub id: String,
    /// The program charged.
    pub program: String,
    /// How it is paid.
    pub method: ChargeMethod,
    /// The amount to pay, in yen.
    pub amount: i64,
    /// Units bought, for a product.
    pub units: Option<i64>,
    /// Its recorded state (`Charges.stateAt` gives the state at an instant: a cash
    /// charge is expired from its deadline on, ticked or not).
    pub state: ChargeState,
    /// For a cash charge once applied: the first instant it is expired (00:00 JST of the
    /// application day + 3; due by the end of the day before).
    pub until: Option<SystemTime>,
    /// The event that ended it, if one did.
    pub ended_by: Option<ChargeEvent>,
    /// For a cash charge, the payment slip of the provider's notification
    /// (`Charges.issueSlip`): the numbers to pay with, the deadline and the amount; kept
    /// once the charge ends.
    #[uniffi(default)]
    pub slip: Option<Arc<PaymentSlip>>,
    /// For a J-Coin Pay charge confirmed with its credentials (`Charges.confirmJcoin`):
    /// the J-Coin ID masked to its last 4 characters (`****2345`).
    #[uniffi(default)]
    pub jcoin_id: Option<String>,
    /// For a purchase started with a purchase code (`Charges.startPurchase`): the code,
    /// normalised; reserved while the charge runs, consumed by its success.
    #[uniffi(default)]
    pub purchase_code: Option<String>,
}

impl From<&saifu::Charge> for Charge {
    fn from(c: &saifu::Charge) -> Self {
        Charge {
            id: c.id.clone(),
            program: c.program.clone(),
            method: c.method.into(),
            amount: c.amount.minor(),
            units: c.units.map(i64::from),
            state: c.state.into(),
            until: c.until.map(timestamp),
            ended_by: c.ended_by.map(Into::into),
            slip: c.slip.as_ref().map(PaymentSlip::of),
            jcoin_id: c.jcoin_id.clone(),
            purchase_code: c.purchase_code.as_ref().map(ToString::to_string),
        }
    }
}

/// Value a successful charge put in: one lot's worth, to register in the wallet
/// (`Wallet.charge`) under the code the issuer assigns.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChargedLot {
    /// The charge.
    pub charge: String,
    /// The program.
    pub program: String,
    /// The lot's scope.
    pub scope: Scope,
    /// The lot's value, in yen.
    pub value: i64,
    /// When the charge succeeded.
    pub at: SystemTime,
    /// The product's `lotsExpireOn` (`YYYY-MM-DD`): the lot's last day; none for plain
    /// e-money.
    #[uniffi(default)]
    pub expires_on: Option<String>,
}

impl From<&saifu::ChargedLot> for ChargedLot {
    fn from(l: &saifu::ChargedLot) -> Self {
        ChargedLot {
            charge: l.charge.clone(),
            program: l.program.clone(),
            scope: l.scope,
            value: l.value.minor(),
            at: timestamp(l.at),
            expires_on: l.expires_on.map(crate::time::date_text),
        }
    }
}

/// What a provider notification did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Notified {
    /// The charge's state after it.
    pub state: ChargeState,
    /// False for the identical repeat of the event that ended the charge: nothing
    /// changed.
    pub applied: bool,
}

impl From<saifu::Notified> for Notified {
    fn from(n: saifu::Notified) -> Self {
        Notified {
            state: n.state.into(),
            applied: n.applied,
        }
    }
}

/// Why no new charge may start, and until when: what `Charges.canStart` throws, as a
/// value.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChargeGuard {
    /// The error code: `charge.blocked_pending_payment` (a cash charge awaits payment)
    /// or `charge.blocked_card_lockout` (a card not enrolled in 3-D Secure failed).
    pub reason: String,
    /// The first instant a new charge may start (for a pending payment: its deadline,
    /// unless it is paid earlier).
    pub until: SystemTime,
}

/// A wallet's charges and the guard over new ones. Each charge is a state machine:
/// commands (`confirm`, `pay`, `cancel`) from the user, events (`notify`) from the
/// payment provider. A failed call changes nothing; a repeated notification is a
/// no-op; a late one for an ended charge is refused.
///
/// The object is safe to share between threads: each call holds its lock.
#[derive(uniffi::Object)]
pub struct Charges {
    inner: Mutex<saifu::Charges>,
}

impl Charges {
    pub(crate) fn wrap(charges: saifu::Charges) -> Arc<Self> {
        Arc::new(Charges {
            inner: Mutex::new(charges),
        })
    }

    /// The core's charges. A panic never happens while they are held (the core returns
    /// errors), but were the lock poisoned, the data is still consistent: every core
    /// operation checks before it writes.
    pub(crate) fn lock(&self) -> MutexGuard<'_, saifu::Charges> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl Charges {
    /// No programs, no charges.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(Charges {
            inner: Mutex::new(saifu::Charges::new()),
        })
    }

    /// Loads charges saved by `toJson()` (Kotlin `Charges.fromJson(json)`, Swift
    /// `Charges.fromJson(json:)`): after a restart a card lockout and a pending
    /// payment still block, and every answer is the one the saved charges gave.
    ///
    /// # Errors
    /// `state.malformed`, `state.unsupported_version`, `state.invalid_charges` with
    /// `subject` and `detail` (docs/state.md "Charges").
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, SaifuError> {
        Ok(Arc::new(Charges {
            inner: Mutex::new(saifu::Charges::from_json(&json)?),
        }))
    }

    /// Rebuilds charges from a JSON array of their events (what `takeEventsJson()`
    /// returns, concatenated; Kotlin `Charges.replayJson(json)`, Swift
    /// `Charges.replayJson(json:)`): the same charges, every answer the same. The rebuilt
    /// charges' event log is off.
    ///
    /// # Errors
    /// `state.malformed` (not a list of events; docs/state.md "Charges' event log");
    /// `state.invalid_event` with the `index` of the first event that does not apply and
    /// the `cause`, the code of the check it failed.
    #[uniffi::constructor]
    pub fn replay_json(json: String) -> Result<Arc<Self>, SaifuError> {
        Ok(Charges::wrap(saifu::Charges::replay_json(&json)?))
    }

    /// Turns the event log on or off (off by default). While it is on, every change is
    /// kept until `takeEventsJson()`; an operation that fails records nothing.
    pub fn set_event_log(&self, on: bool) {
        self.lock().set_event_log(on);
    }

    /// Whether the event log is on.
    pub fn event_log(&self) -> bool {
        self.lock().event_log()
    }

    /// Takes the events recorded since the last call, oldest first, as a JSON array:
    /// `Charges.replayJson(json)` rebuilds the charges from them. `notifyInto`'s credit
    /// to the wallet is in the wallet's own log (`wallet.takeEventsJson()`).
    pub fn take_events_json(&self) -> String {
        self.lock().take_events_json()
    }

    /// The charges as one versioned JSON document (Kotlin `charges.toJson()`, Swift
    /// `charges.toJson()`): programs, every charge with its slip, the card lockout and
    /// the charged lots. No secret is in it.
    pub fn to_json(&self) -> String {
        self.lock().to_json()
    }

    /// The programs, in the order added.
    pub fn programs(&self) -> Vec<Program> {
        self.lock().programs().iter().map(Into::into).collect()
    }

    /// Adds a program: the record a wallet's `addProgram` takes too.
    ///
    /// # Errors
    /// First, as core reads the product's numbers: `money.out_of_range` for a price or
    /// value outside ±(2^53 − 1), `charge.invalid_units` for a negative `maxUnits` or
    /// one beyond 4,294,967,295. Then `charge.duplicate_id` when a program has this id;
    /// `charge.invalid_units` for a product whose price or lines are not positive yen,
    /// that allows no units or no way to pay.
    pub fn add_program(&self, program: Program) -> Result<(), SaifuError> {
        Ok(self.lock().add_program(program.try_into()?)?)
    }

    /// The guard: may a new charge start at `now`? Returns when it may.
    ///
    /// # Errors
    /// `charge.blocked_pending_payment` with `until` (the latest deadline) while a cash
    /// charge awaits payment; otherwise `charge.blocked_card_lockout` with `until`
    /// while a card lockout covers `now`; `time.invalid`.
    pub fn can_start(&self, now: SystemTime) -> Result<(), SaifuError> {
        let now = instant(now)?;
        Ok(self.lock().can_start(now)?)
    }

    /// The guard as a value: none when a new charge may start at `now`, else the reason
    /// `canStart` would throw and its `until`.
    ///
    /// # Errors
    /// `time.invalid`.
    pub fn guard(&self, now: SystemTime) -> Result<Option<ChargeGuard>, SaifuError> {
        let now = instant(now)?;
        match self.lock().can_start(now) {
            Ok(()) => Ok(None),
            Err(
                e @ (saifu::Error::ChargeBlockedPendingPayment { until }
                | saifu::Error::ChargeBlockedCardLockout { until }),
            ) => Ok(Some(ChargeGuard {
                reason: e.code().to_owned(),
                until: timestamp(until),
            })),
            Err(other) => Err(other.into()),
        }
    }

    /// Starts a charge in the draft state.
    ///
    /// # Errors
    /// First `time.invalid`, then the order as core reads its numbers:
    /// `money.out_of_range` for an amount outside ±(2^53 − 1), `charge.invalid_units`
    /// for a negative number of units or one beyond 4,294,967,295. Then, in order:
    /// `charge.duplicate_id`; `charge.unknown_program`;
    /// `charge.invalid_amount` (not positive yen) or `charge.invalid_units` (outside
    /// 1..=max, or the program sells no product); `charge.brand_not_accepted`; last,
    /// the guard's `charge.blocked_pending_payment` or `charge.blocked_card_lockout`;
    /// `time.invalid`.
    pub fn start(
        &self,
        id: String,
        program: String,
        method: ChargeMethod,
        order: ChargeOrder,
        now: SystemTime,
    ) -> Result<Charge, SaifuError> {
        let now = instant(now)?;
        let order = order.try_into()?;
        let mut charges = self.lock();
        let charge = charges.start(&id, &program, method.into(), order, now)?;
        Ok(Charge::from(charge))
    }

    /// 確認: draft → confirming.
    ///
    /// # Errors
    /// `charge.unknown_charge`; `charge.ended`; `charge.illegal_transition` from any
    /// other state; `time.invalid`; `jcoin.credentials_required` for a J-Coin Pay charge
    /// (confirmed with `confirmJcoin`).
    pub fn confirm(&self, id: String, now: SystemTime) -> Result<ChargeState, SaifuError> {
        let now = instant(now)?;
        Ok(self.lock().confirm(&id, now)?.into())
    }

    /// 確認 with the card the user entered (DESIGN §7): draft → confirming for a card
    /// charge; the charge's brand becomes the card's. The charge keeps the brand only.
    ///
    /// # Errors
    /// `time.invalid`; `card.invalid_expiry`; `charge.unknown_charge`; `charge.ended`;
    /// `charge.illegal_transition` unless a card charge in draft; `card.expired` (with
    /// `expiry`); `card.brand_not_accepted` (with `brand`). A failure changes nothing.
    pub fn confirm_card(
        &self,
        id: String,
        card: Arc<CardNumber>,
        expiry: CardExpiry,
        now: SystemTime,
    ) -> Result<ChargeState, SaifuError> {
        let now = instant(now)?;
        let expiry = saifu::CardExpiry::from_i64(expiry.month, expiry.year)?;
        Ok(self
            .lock()
            .confirm_card(&id, card.core(), expiry, now)?
            .into())
    }

    /// 確認 of a J-Coin Pay charge with the user's credentials: draft → confirming; the
    /// charge keeps the ID masked to its last 4 characters (`Charge.jcoin_id`), never the
    /// password or the code, which the app hands to the provider from `credentials`.
    ///
    /// # Errors
    /// `time.invalid`; `charge.unknown_charge`; `charge.ended`;
    /// `charge.illegal_transition` unless a J-Coin Pay charge in draft. A failure changes
    /// nothing.
    pub fn confirm_jcoin(
        &self,
        id: String,
        credentials: Arc<crate::jcoin::JCoinCredentials>,
        now: SystemTime,
    ) -> Result<ChargeState, SaifuError> {
        let now = instant(now)?;
        Ok(self
            .lock()
            .confirm_jcoin(&id, credentials.core(), now)?
            .into())
    }

    /// 支払う: confirming → awaiting 3-D Secure (card), awaiting payment (cash: the
    /// application, whose JST date D sets the deadline 00:00 JST of D + 3), or
    /// authorizing (J-Coin Pay).
    ///
    /// # Errors
    /// `charge.unknown_charge`; `charge.ended`; `charge.illegal_transition` from any
    /// state but confirming; `time.invalid`.
    pub fn pay(&self, id: String, now: SystemTime) -> Result<ChargeState, SaifuError> {
        let now = instant(now)?;
        Ok(self.lock().pay(&id, now)?.into())
    }

    /// Cancels a charge in draft, confirming or awaiting payment.
    ///
    /// # Errors
    /// `charge.unknown_charge`; `charge.ended` (a cash charge is expired from its
    /// deadline on); `charge.illegal_transition` while 3-D Secure or a J-Coin
    /// authorization is in progress; `time.invalid`.
    pub fn cancel(&self, id: String, now: SystemTime) -> Result<ChargeState, SaifuError> {
        let now = instant(now)?;
        Ok(self.lock().cancel(&id, now)?.into())
    }

    /// Applies a provider notification. Success creates the charge's lots
    /// (`chargedLots`); a card not enrolled in 3-D Secure locks new charges for 30
    /// minutes.
    ///
    /// # Errors
    /// `charge.unknown_charge`; for an ended charge, `charge.ended` unless the event is
    /// the identical repeat of the one that ended it (then `applied` is false);
    /// `charge.illegal_transition` for an event the state does not expect;
    /// `time.invalid`.
    pub fn notify(
        &self,
        id: String,
        event: ChargeEvent,
        now: SystemTime,
    ) -> Result<Notified, SaifuError> {
        let now = instant(now)?;
        Ok(self.lock().notify(&id, event.into(), now)?.into())
    }

    /// Attaches the payment numbers of the provider's notification to a cash charge
    /// awaiting payment and returns its slip (kind: the charge's chain or Pay-easy;
    /// deadline and amount: the charge's). The same numbers again change nothing.
    /// `rules`: the integrator's digit counts (default: the standard ones).
    ///
    /// # Errors
    /// In order: `time.invalid`; `payment.invalid_rule`; `charge.unknown_charge`;
    /// `charge.ended`; `charge.illegal_transition` unless the charge is a cash charge
    /// awaiting payment; `payment.unexpected_field`; `payment.invalid_number` naming the
    /// field; `charge.slip_already_issued` for other numbers than the slip it carries.
    #[uniffi::method(default(rules))]
    pub fn issue_slip(
        &self,
        id: String,
        numbers: Vec<SlipNumber>,
        now: SystemTime,
        rules: Vec<DigitRule>,
    ) -> Result<Arc<PaymentSlip>, SaifuError> {
        let now = instant(now)?;
        let rules = crate::payment_slip::rules(&rules)?;
        let numbers = crate::payment_slip::typed(numbers);
        Ok(PaymentSlip::of(
            self.lock().issue_slip(&id, &numbers, &rules, now)?,
        ))
    }

    /// Records every cash charge whose deadline has passed by `now` as expired, and
    /// returns their ids in the order started.
    ///
    /// # Errors
    /// `time.invalid`.
    pub fn tick(&self, now: SystemTime) -> Result<Vec<String>, SaifuError> {
        let now = instant(now)?;
        Ok(self.lock().tick(now))
    }

    /// Every charge, in the order started.
    pub fn charges(&self) -> Vec<Charge> {
        self.lock().charges().iter().map(Charge::from).collect()
    }

    /// The charge with this id, if there is one.
    pub fn charge(&self, id: String) -> Option<Charge> {
        self.lock().charge(&id).map(Charge::from)
    }

    /// The state of the charge with this id at `now` (a cash charge is expired from its
    /// deadline on, whether or not `tick` has recorded it); none for an unknown id.
    ///
    /// # Errors
    /// `time.invalid`.
    pub fn state_at(&self, id: String, now: SystemTime) -> Result<Option<ChargeState>, SaifuError> {
        let now = instant(now)?;
        Ok(self.lock().charge(&id).map(|c| c.state_at(&now).into()))
    }

    /// The value successful charges put in, in the order they succeeded.
    pub fn charged_lots(&self) -> Vec<ChargedLot> {
        self.lock()
            .charged_lots()
            .iter()
            .map(ChargedLot::from)
            .collect()
    }
}
