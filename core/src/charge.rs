//! Charges: top-ups and voucher purchases by card (3-D Secure), convenience-store cash,
//! Pay-easy and J-Coin Pay, as state machines driven by the user's commands and the
//! payment provider's events (seed 000, 003; DESIGN §5, §6).
//!
//! [`Charges`] holds a wallet's charges and answers the guard "may a new charge start
//! now?": not while a cash charge awaits payment, not during the 30 minutes after a card
//! not enrolled in 3-D Secure failed. Illegal transitions are errors and change nothing;
//! a repeated notification is a no-op; a late one for an ended charge is refused.
//! They save as one versioned JSON document ([`Charges::to_json`], [`Charges::from_json`];
//! docs/state.md "Charges"), so a lockout and a pending payment survive a restart.

use chrono::{DateTime, Days, Duration, FixedOffset, NaiveDate};

use crate::card::Brand;
use crate::currency::Currency;
use crate::error::{Error, Lang};
use crate::jst;
use crate::money::Money;
use crate::payment_slip::PaymentSlip;
use crate::program::Program;
use crate::purchase_code::PurchaseCode;
use crate::wallet::Scope;

// Saving and loading the charges (docs/state.md "Charges").
mod codec;
// 確認 with the card itself: its expiry and the program's brands (issue 16).
mod card_confirm;
// The payment slip a cash charge awaiting payment carries (DESIGN §6 "Payment slip").
mod slip;
// 確認 of a J-Coin Pay charge with the user's J-Coin credentials (DESIGN §6 "J-Coin Pay").
mod jcoin_confirm;
// Purchases with purchase codes and their quote (DESIGN §5).
mod purchase;
// A success notification credits the wallet in the same step (DESIGN §5).
mod credit;
// Every change as an event, and replay (docs/state.md "Charges' event log"); the
// WebAssembly build leaves it out (feature `charge-events`, on by default).
#[cfg(feature = "charge-events")]
mod event;

#[cfg(feature = "charge-events")]
pub use event::ChargesEvent;

pub use credit::IssuedLot;

pub use purchase::{PurchaseCodeStatus, PurchaseQuote, RegisteredPurchaseCode};

pub use codec::CHARGES_STATE_VERSION;

/// How long a card not enrolled in 3-D Secure blocks new charges.
pub const CARD_LOCKOUT_MINUTES: i64 = 30;

/// The convenience-store chains that take cash charges (seed 000).
///
/// ```
/// use saifu::KonbiniChain;
/// assert_eq!(KonbiniChain::from_id("seven_eleven"), Some(KonbiniChain::SevenEleven));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

impl KonbiniChain {
    /// `familymart`, `lawson`, `seven_eleven`, `ministop`, `seicomart`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            KonbiniChain::FamilyMart => "familymart",
            KonbiniChain::Lawson => "lawson",
            KonbiniChain::SevenEleven => "seven_eleven",
            KonbiniChain::Ministop => "ministop",
            KonbiniChain::Seicomart => "seicomart",
        }
    }

    /// The chain of an id returned by [`KonbiniChain::id`].
    #[must_use]
    pub fn from_id(id: &str) -> Option<KonbiniChain> {
        [
            KonbiniChain::FamilyMart,
            KonbiniChain::Lawson,
            KonbiniChain::SevenEleven,
            KonbiniChain::Ministop,
            KonbiniChain::Seicomart,
        ]
        .into_iter()
        .find(|c| c.id() == id)
    }
}

/// How a charge is paid.
///
/// ```
/// use saifu::{Brand, ChargeMethod};
/// assert!(ChargeMethod::PayEasy.is_cash());
/// assert!(!ChargeMethod::Card { brand: Brand::Visa }.is_cash());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChargeMethod {
    /// Credit card with 3-D Secure.
    Card {
        /// The card's brand.
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

impl ChargeMethod {
    /// Cash methods (convenience store, Pay-easy) await payment after application.
    #[must_use]
    pub const fn is_cash(self) -> bool {
        matches!(self, ChargeMethod::Konbini { .. } | ChargeMethod::PayEasy)
    }

    /// The method without its details: what a product allows.
    ///
    /// ```
    /// use saifu::{Brand, ChargeMethod, ChargeMethodKind};
    /// assert_eq!(ChargeMethod::Card { brand: Brand::Jcb }.kind(), ChargeMethodKind::Card);
    /// ```
    #[must_use]
    pub const fn kind(self) -> ChargeMethodKind {
        match self {
            ChargeMethod::Card { .. } => ChargeMethodKind::Card,
            ChargeMethod::Konbini { .. } => ChargeMethodKind::Konbini,
            ChargeMethod::PayEasy => ChargeMethodKind::PayEasy,
            ChargeMethod::JCoin => ChargeMethodKind::JCoin,
        }
    }
}

/// A way to pay, without its details (which brand, which chain): what a product allows
/// (seed 003: card or convenience store).
///
/// ```
/// use saifu::ChargeMethodKind;
/// assert_eq!(ChargeMethodKind::from_id("konbini"), Some(ChargeMethodKind::Konbini));
/// assert_eq!(ChargeMethodKind::PayEasy.id(), "payeasy");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
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

impl ChargeMethodKind {
    /// Every kind, in this order.
    pub const ALL: [ChargeMethodKind; 4] = [
        ChargeMethodKind::Card,
        ChargeMethodKind::Konbini,
        ChargeMethodKind::PayEasy,
        ChargeMethodKind::JCoin,
    ];

    /// `card`, `konbini`, `payeasy`, `jcoin`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            ChargeMethodKind::Card => "card",
            ChargeMethodKind::Konbini => "konbini",
            ChargeMethodKind::PayEasy => "payeasy",
            ChargeMethodKind::JCoin => "jcoin",
        }
    }

    /// Its name for people: `クレジットカード` / `credit card`, `コンビニ` /
    /// `convenience store`, `Pay-easy`, `J-Coin Pay`.
    ///
    /// ```
    /// use saifu::{ChargeMethodKind, Lang};
    /// assert_eq!(ChargeMethodKind::Konbini.label(Lang::Ja), "コンビニ");
    /// ```
    #[must_use]
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ChargeMethodKind::Card, Lang::Ja) => "クレジットカード",
            (ChargeMethodKind::Card, Lang::En) => "credit card",
            (ChargeMethodKind::Konbini, Lang::Ja) => "コンビニ",
            (ChargeMethodKind::Konbini, Lang::En) => "convenience store",
            (ChargeMethodKind::PayEasy, _) => "Pay-easy",
            (ChargeMethodKind::JCoin, _) => "J-Coin Pay",
        }
    }

    /// The kind of an id returned by [`ChargeMethodKind::id`].
    #[must_use]
    pub fn from_id(id: &str) -> Option<ChargeMethodKind> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// Where a charge stands.
///
/// ```
/// use saifu::ChargeState;
/// assert_eq!(ChargeState::AwaitingThreeDs.id(), "awaiting_three_ds");
/// assert!(ChargeState::Expired.is_ended());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

impl ChargeState {
    /// Every state, in this order.
    pub const ALL: [ChargeState; 10] = [
        ChargeState::Draft,
        ChargeState::Confirming,
        ChargeState::AwaitingThreeDs,
        ChargeState::AwaitingPayment,
        ChargeState::Authorizing,
        ChargeState::Succeeded,
        ChargeState::Paid,
        ChargeState::Failed,
        ChargeState::Expired,
        ChargeState::Cancelled,
    ];

    /// The state's id: `draft`, `confirming`, `awaiting_three_ds`, `awaiting_payment`,
    /// `authorizing`, `succeeded`, `paid`, `failed`, `expired`, `cancelled`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            ChargeState::Draft => "draft",
            ChargeState::Confirming => "confirming",
            ChargeState::AwaitingThreeDs => "awaiting_three_ds",
            ChargeState::AwaitingPayment => "awaiting_payment",
            ChargeState::Authorizing => "authorizing",
            ChargeState::Succeeded => "succeeded",
            ChargeState::Paid => "paid",
            ChargeState::Failed => "failed",
            ChargeState::Expired => "expired",
            ChargeState::Cancelled => "cancelled",
        }
    }

    /// True for the states a charge never leaves.
    #[must_use]
    pub const fn is_ended(self) -> bool {
        matches!(
            self,
            ChargeState::Succeeded
                | ChargeState::Paid
                | ChargeState::Failed
                | ChargeState::Expired
                | ChargeState::Cancelled
        )
    }
}

/// A notification from the payment provider.
///
/// ```
/// use saifu::ChargeEvent;
/// assert_eq!(ChargeEvent::from_id("three_ds_not_enrolled"), Some(ChargeEvent::ThreeDsNotEnrolled));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

impl ChargeEvent {
    /// Every event, in this order.
    pub const ALL: [ChargeEvent; 6] = [
        ChargeEvent::ThreeDsSucceeded,
        ChargeEvent::ThreeDsFailed,
        ChargeEvent::ThreeDsNotEnrolled,
        ChargeEvent::Paid,
        ChargeEvent::Authorized,
        ChargeEvent::Declined,
    ];

    /// `three_ds_succeeded`, `three_ds_failed`, `three_ds_not_enrolled`, `paid`,
    /// `authorized`, `declined`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            ChargeEvent::ThreeDsSucceeded => "three_ds_succeeded",
            ChargeEvent::ThreeDsFailed => "three_ds_failed",
            ChargeEvent::ThreeDsNotEnrolled => "three_ds_not_enrolled",
            ChargeEvent::Paid => "paid",
            ChargeEvent::Authorized => "authorized",
            ChargeEvent::Declined => "declined",
        }
    }

    /// The event of an id returned by [`ChargeEvent::id`].
    #[must_use]
    pub fn from_id(id: &str) -> Option<ChargeEvent> {
        ChargeEvent::ALL.into_iter().find(|e| e.id() == id)
    }
}

/// What a new charge buys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChargeOrder {
    /// Plain e-money: this amount, as one all-stores lot.
    Amount(Money),
    /// This many units of the program's product.
    Units(u32),
}

/// A number of units (口) as a binding's integer type holds it (Kotlin `Long`, Python
/// `int`): a count from 0 to 4,294,967,295. Whether that many units may be bought is
/// [`Charges::start`]'s (and [`Charges::add_program`]'s) to say, so 0 passes here.
///
/// # Errors
/// `charge.invalid_units` for a negative number or one beyond 4,294,967,295.
///
/// # Example
/// ```
/// use saifu::units_from_i64;
/// assert_eq!(units_from_i64(2)?, 2);
/// assert_eq!(units_from_i64(-1).unwrap_err().code(), "charge.invalid_units");
/// assert_eq!(units_from_i64(1 << 32).unwrap_err().code(), "charge.invalid_units");
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn units_from_i64(n: i64) -> Result<u32, Error> {
    u32::try_from(n).map_err(|_| Error::ChargeInvalidUnits)
}

/// A number of units (口) as JavaScript passes it, an `f64`: as [`units_from_i64`] for
/// a whole number; `NaN`, ±`Infinity`, a fraction and a number beyond ±(2^53 − 1) are
/// no count either.
///
/// # Errors
/// `charge.invalid_units`.
///
/// # Example
/// ```
/// use saifu::units_from_f64;
/// assert_eq!(units_from_f64(2.0)?, 2);
/// assert_eq!(units_from_f64(-0.0)?, 0);
/// for bad in [1.5, -1.0, f64::NAN, f64::INFINITY, 4_294_967_296.0, 1e300] {
///     assert_eq!(units_from_f64(bad).unwrap_err().code(), "charge.invalid_units");
/// }
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn units_from_f64(value: f64) -> Result<u32, Error> {
    match crate::money::whole(value) {
        crate::money::Whole::Integer(n) => units_from_i64(n),
        _ => Err(Error::ChargeInvalidUnits),
    }
}

/// One charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    /// Its id.
    pub id: String,
    /// The program charged.
    pub program: String,
    /// How it is paid.
    pub method: ChargeMethod,
    /// The amount to pay.
    pub amount: Money,
    /// Units bought, for a product.
    pub units: Option<u32>,
    /// Its recorded state (see [`Charge::state_at`] for the state at an instant).
    pub state: ChargeState,
    /// For a cash charge awaiting payment: the first instant it is expired (00:00 JST of
    /// the application day + 3).
    pub until: Option<DateTime<FixedOffset>>,
    /// The event that ended it, if one did.
    pub ended_by: Option<ChargeEvent>,
    /// For a cash charge, the payment slip from the provider's notification
    /// ([`Charges::issue_slip`]): the numbers the user pays with, the deadline (`until`)
    /// and the amount. Kept once the charge ends, as the record of what was to be paid.
    pub slip: Option<PaymentSlip>,
    /// For a J-Coin Pay charge confirmed with its credentials
    /// ([`Charges::confirm_jcoin`]): the J-Coin ID masked to its last 4 characters
    /// (`****2345`). Never the password or the confirmation code.
    pub jcoin_id: Option<String>,
    /// For a purchase started with a purchase code ([`Charges::start_purchase`]): the
    /// code, reserved while the charge runs, consumed by its success.
    pub purchase_code: Option<PurchaseCode>,
}

impl Charge {
    /// The state at `now`: a cash charge awaiting payment is expired from its deadline
    /// on, whether or not [`Charges::tick`] has recorded it yet.
    #[must_use]
    pub fn state_at(&self, now: &DateTime<FixedOffset>) -> ChargeState {
        match (self.state, self.until) {
            (ChargeState::AwaitingPayment, Some(until)) if *now >= until => ChargeState::Expired,
            (state, _) => state,
        }
    }
}

/// Value a successful charge put in: one lot's worth, to register in the wallet under
/// the code the issuer assigns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChargedLot {
    /// The charge.
    pub charge: String,
    /// The program.
    pub program: String,
    /// The lot's scope.
    pub scope: Scope,
    /// The lot's value.
    pub value: Money,
    /// When the charge succeeded.
    pub at: DateTime<FixedOffset>,
    /// The product's `lots_expire_on`: the lot's last day; none for plain e-money.
    pub expires_on: Option<NaiveDate>,
}

/// What a provider notification did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notified {
    /// The charge's state after it.
    pub state: ChargeState,
    /// False for the identical repeat of the event that ended the charge: nothing changed.
    pub applied: bool,
}

/// What a provider notification does to the charges, decided before anything changes.
#[derive(Debug)]
pub(crate) enum Step {
    /// The identical repeat of the event that ended the charge, in this state: nothing
    /// changes.
    Repeat(ChargeState),
    /// The charge at `ix` moves to `next`, ended by `event`, creating `lots`; the card
    /// lockout becomes `lockout_until`.
    Move {
        ix: usize,
        next: ChargeState,
        event: ChargeEvent,
        lots: Vec<ChargedLot>,
        lockout_until: Option<DateTime<FixedOffset>>,
    },
}

/// A wallet's charges, and the guard over new ones.
///
/// ```
/// use chrono::DateTime;
/// use saifu::*;
///
/// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
/// let mut charges = Charges::new();
/// charges.add_program(Program { id: "minato".into(), name: "電子スマイル商品券".into(), payment_id_prefix: None,
///     accepted_brands: vec![Brand::Visa], product: None })?;
/// charges.start("c1", "minato", ChargeMethod::Card { brand: Brand::Visa }, ChargeOrder::Amount(Money::jpy(3000)?), t("2026-11-23T10:00:00+09:00"))?;
/// charges.confirm("c1", t("2026-11-23T10:00:10+09:00"))?;
/// assert_eq!(charges.pay("c1", t("2026-11-23T10:00:20+09:00"))?, ChargeState::AwaitingThreeDs);
/// let done = charges.notify("c1", ChargeEvent::ThreeDsNotEnrolled, t("2026-11-23T10:01:00+09:00"))?;
/// assert_eq!(done.state, ChargeState::Failed);
/// let blocked = charges.can_start(t("2026-11-23T10:30:59+09:00")).unwrap_err();
/// assert_eq!(blocked.code(), "charge.blocked_card_lockout");
/// assert!(charges.can_start(t("2026-11-23T10:31:00+09:00")).is_ok());
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Charges {
    programs: Vec<Program>,
    charges: Vec<Charge>,
    /// The end of the card lockout, `[failure, failure + 30 min)`.
    lockout_until: Option<DateTime<FixedOffset>>,
    lots: Vec<ChargedLot>,
    /// The purchase codes the integrator registered, in that order.
    codes: Vec<RegisteredPurchaseCode>,
    /// Whether changes are kept as events (`Charges::set_event_log`).
    #[cfg(feature = "charge-events")]
    event_log: bool,
    /// The events not yet taken (`Charges::take_events`).
    #[cfg(feature = "charge-events")]
    pending: Vec<ChargesEvent>,
}

impl PartialEq for Charges {
    /// Two charges are equal when their data is: the event log aside.
    fn eq(&self, other: &Self) -> bool {
        self.programs == other.programs
            && self.charges == other.charges
            && self.lockout_until == other.lockout_until
            && self.lots == other.lots
            && self.codes == other.codes
    }
}

impl Eq for Charges {}

impl Charges {
    /// No programs, no charges.
    #[must_use]
    pub fn new() -> Charges {
        Charges::default()
    }

    /// Adds a program: the record a wallet spends is the record charges buy
    /// ([`Program`]).
    ///
    /// # Errors
    /// `charge.duplicate_id` when a program has this id; `charge.invalid_units` for a
    /// product the program may not sell ([`Program`]'s rule: its price or lines not
    /// positive yen, no units, no way to pay, or a largest purchase beyond an amount).
    pub fn add_program(&mut self, program: Program) -> Result<(), Error> {
        if self.programs.iter().any(|p| p.id == program.id) {
            return Err(Error::ChargeDuplicateId {
                id: Error::echo(&program.id),
            });
        }
        program.check()?;
        #[cfg(feature = "charge-events")]
        self.log(|| ChargesEvent::ProgramAdded {
            program: program.clone(),
        });
        self.programs.push(program);
        Ok(())
    }

    /// The programs, in the order added.
    #[must_use]
    pub fn programs(&self) -> &[Program] {
        &self.programs
    }

    /// The end of the card lockout, if a card not enrolled in 3-D Secure ever failed
    /// (compare with `now`: the lockout covers `[failure, failure + 30 min)`).
    #[must_use]
    pub fn lockout_until(&self) -> Option<DateTime<FixedOffset>> {
        self.lockout_until
    }

    /// Every charge, in the order started.
    #[must_use]
    pub fn charges(&self) -> &[Charge] {
        &self.charges
    }

    /// The charge with this id.
    #[must_use]
    pub fn charge(&self, id: &str) -> Option<&Charge> {
        self.charges.iter().find(|c| c.id == id)
    }

    /// The value successful charges put in, in the order they succeeded.
    #[must_use]
    pub fn charged_lots(&self) -> &[ChargedLot] {
        &self.lots
    }

    /// The guard: may a new charge start at `now`?
    ///
    /// # Errors
    /// `time.invalid` for `now` outside the years 0001–9999 (in UTC, JST or its own
    /// offset); `charge.blocked_pending_payment` with `until` (the latest deadline) while a cash
    /// charge awaits payment with a deadline after `now`; otherwise
    /// `charge.blocked_card_lockout` with `until` while a card lockout covers `now`.
    pub fn can_start(&self, now: DateTime<FixedOffset>) -> Result<(), Error> {
        jst::check_instant(&now)?;
        let pending = self
            .charges
            .iter()
            .filter(|c| c.state_at(&now) == ChargeState::AwaitingPayment)
            .filter_map(|c| c.until)
            .max();
        if let Some(until) = pending {
            return Err(Error::ChargeBlockedPendingPayment { until });
        }
        match self.lockout_until {
            Some(until) if now < until => Err(Error::ChargeBlockedCardLockout { until }),
            _ => Ok(()),
        }
    }

    /// Starts a charge in the draft state.
    ///
    /// # Errors
    /// In order: `time.invalid` (`now` outside the years 0001–9999);
    /// `charge.duplicate_id`; `charge.unknown_program`;
    /// `charge.invalid_amount` (not positive yen) or `charge.invalid_units` (outside
    /// 1..=max, or the program sells no product); `charge.brand_not_accepted`; last,
    /// the guard's `charge.blocked_pending_payment` or `charge.blocked_card_lockout`.
    pub fn start(
        &mut self,
        id: &str,
        program: &str,
        method: ChargeMethod,
        order: ChargeOrder,
        now: DateTime<FixedOffset>,
    ) -> Result<&Charge, Error> {
        self.begin(id, program, method, order, now, None)?;
        #[cfg(feature = "charge-events")]
        self.log(|| ChargesEvent::Started {
            charge: id.to_owned(),
            program: program.to_owned(),
            method,
            order,
            at: now,
        });
        self.charges
            .last()
            .ok_or_else(|| Error::ChargeUnknownCharge {
                charge: Error::echo(id),
            })
    }

    /// [`Charges::start`] without its event: the charge, holding `code` if given.
    fn begin(
        &mut self,
        id: &str,
        program: &str,
        method: ChargeMethod,
        order: ChargeOrder,
        now: DateTime<FixedOffset>,
        code: Option<PurchaseCode>,
    ) -> Result<(), Error> {
        jst::check_instant(&now)?;
        if self.charge(id).is_some() {
            return Err(Error::ChargeDuplicateId {
                id: Error::echo(id),
            });
        }
        let program_ref = self
            .programs
            .iter()
            .find(|p| p.id == program)
            .ok_or_else(|| Error::ChargeUnknownProgram {
                program: Error::echo(program),
            })?;
        let (amount, units) = match order {
            ChargeOrder::Amount(amount) => {
                if amount.currency() != Currency::JPY || !amount.is_positive() {
                    return Err(Error::ChargeInvalidAmount);
                }
                (amount, None)
            }
            ChargeOrder::Units(units) => {
                let product = program_ref
                    .product
                    .as_ref()
                    .ok_or(Error::ChargeInvalidUnits)?;
                if units == 0 || units > product.max_units {
                    return Err(Error::ChargeInvalidUnits);
                }
                let amount = product
                    .unit_price
                    .checked_mul(i64::from(units))
                    .map_err(|_| Error::ChargeInvalidUnits)?;
                if !product.methods.contains(&method.kind()) {
                    return Err(Error::ChargeMethodNotAllowed {
                        method: method.kind().id().to_owned(),
                    });
                }
                (amount, Some(units))
            }
        };
        if let ChargeMethod::Card { brand } = method {
            if !program_ref.accepted_brands.contains(&brand) {
                return Err(Error::ChargeBrandNotAccepted { brand });
            }
        }
        self.can_start(now)?;
        self.charges.push(Charge {
            id: id.to_owned(),
            program: program.to_owned(),
            method,
            amount,
            units,
            state: ChargeState::Draft,
            until: None,
            ended_by: None,
            slip: None,
            jcoin_id: None,
            purchase_code: code,
        });
        Ok(())
    }

    fn position(&self, id: &str) -> Result<usize, Error> {
        self.charges
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| Error::ChargeUnknownCharge {
                charge: Error::echo(id),
            })
    }

    /// The charge and its state at `now`, refusing ended charges.
    fn open(&self, id: &str, now: &DateTime<FixedOffset>) -> Result<(usize, ChargeState), Error> {
        jst::check_instant(now)?;
        let ix = self.position(id)?;
        let state = self
            .charges
            .get(ix)
            .map(|c| c.state_at(now))
            .ok_or_else(|| Error::ChargeUnknownCharge {
                charge: Error::echo(id),
            })?;
        if state.is_ended() {
            return Err(Error::ChargeEnded {
                state: state.id().to_owned(),
            });
        }
        Ok((ix, state))
    }

    fn set(&mut self, ix: usize, state: ChargeState) -> ChargeState {
        if let Some(charge) = self.charges.get_mut(ix) {
            charge.state = state;
        }
        state
    }

    fn illegal(state: ChargeState) -> Error {
        Error::ChargeIllegalTransition {
            state: state.id().to_owned(),
        }
    }

    /// 確認: draft → confirming.
    ///
    /// # Errors
    /// `time.invalid` (`now` outside the years 0001–9999); `charge.unknown_charge`;
    /// `charge.ended`; `charge.illegal_transition` from any other state;
    /// `jcoin.credentials_required` for a J-Coin Pay charge, which is confirmed with
    /// [`Charges::confirm_jcoin`].
    pub fn confirm(&mut self, id: &str, now: DateTime<FixedOffset>) -> Result<ChargeState, Error> {
        let (ix, state) = self.open(id, &now)?;
        if state != ChargeState::Draft {
            return Err(Self::illegal(state));
        }
        if self.charges.get(ix).map(|c| c.method) == Some(ChargeMethod::JCoin) {
            return Err(Error::JcoinCredentialsRequired);
        }
        #[cfg(feature = "charge-events")]
        self.log(|| ChargesEvent::Confirmed {
            charge: id.to_owned(),
            at: now,
        });
        Ok(self.set(ix, ChargeState::Confirming))
    }

    /// 支払う: confirming → awaiting 3-D Secure (card), awaiting payment (cash: the
    /// application, whose JST date D sets the deadline 00:00 JST of D + 3), or
    /// authorizing (J-Coin Pay).
    ///
    /// # Errors
    /// `time.invalid` (`now` outside the years 0001–9999, or a cash deadline after
    /// 9999-12-31); `charge.unknown_charge`; `charge.ended`;
    /// `charge.illegal_transition` from any state but confirming.
    pub fn pay(&mut self, id: &str, now: DateTime<FixedOffset>) -> Result<ChargeState, Error> {
        let (ix, state) = self.open(id, &now)?;
        if state != ChargeState::Confirming {
            return Err(Self::illegal(state));
        }
        let method = self.charges.get(ix).map(|c| c.method);
        let next = match method {
            Some(ChargeMethod::Card { .. }) => ChargeState::AwaitingThreeDs,
            Some(ChargeMethod::JCoin) => ChargeState::Authorizing,
            Some(ChargeMethod::Konbini { .. } | ChargeMethod::PayEasy) => {
                let deadline = jst::date(&now)
                    .checked_add_days(Days::new(3))
                    .map(jst::start_of)
                    .filter(jst::instant_in_range)
                    .ok_or_else(|| Error::invalid_time(&jst::rfc3339_text(&now)))?;
                if let Some(charge) = self.charges.get_mut(ix) {
                    charge.until = Some(deadline);
                }
                ChargeState::AwaitingPayment
            }
            None => {
                return Err(Error::ChargeUnknownCharge {
                    charge: Error::echo(id),
                });
            }
        };
        #[cfg(feature = "charge-events")]
        self.log(|| ChargesEvent::Submitted {
            charge: id.to_owned(),
            at: now,
        });
        Ok(self.set(ix, next))
    }

    /// Cancels a charge in draft, confirming or awaiting payment.
    ///
    /// # Errors
    /// `time.invalid` (`now` outside the years 0001–9999); `charge.unknown_charge`;
    /// `charge.ended` (a cash charge is expired from its
    /// deadline on); `charge.illegal_transition` while 3-D Secure or a J-Coin
    /// authorization is in progress.
    pub fn cancel(&mut self, id: &str, now: DateTime<FixedOffset>) -> Result<ChargeState, Error> {
        let (ix, state) = self.open(id, &now)?;
        match state {
            ChargeState::Draft | ChargeState::Confirming | ChargeState::AwaitingPayment => {
                #[cfg(feature = "charge-events")]
                self.log(|| ChargesEvent::Cancelled {
                    charge: id.to_owned(),
                    at: now,
                });
                Ok(self.set(ix, ChargeState::Cancelled))
            }
            other => Err(Self::illegal(other)),
        }
    }

    /// Applies a provider notification.
    ///
    /// # Errors
    /// `time.invalid` (`now` outside the years 0001–9999, or a card lockout that would
    /// end after them); `charge.unknown_charge`; for an ended charge, `charge.ended`
    /// unless the event is the identical repeat of the one that ended it (then
    /// `applied: false`); `charge.illegal_transition` for an event the state does not
    /// expect.
    pub fn notify(
        &mut self,
        id: &str,
        event: ChargeEvent,
        now: DateTime<FixedOffset>,
    ) -> Result<Notified, Error> {
        let step = self.step(id, event, now)?;
        let done = self.commit(step);
        #[cfg(feature = "charge-events")]
        self.log_notified(done, id, event, now);
        Ok(done)
    }

    /// What a provider notification would do, deciding everything that can fail and
    /// changing nothing; [`Charges::commit`] applies it.
    pub(crate) fn step(
        &self,
        id: &str,
        event: ChargeEvent,
        now: DateTime<FixedOffset>,
    ) -> Result<Step, Error> {
        jst::check_instant(&now)?;
        let ix = self.position(id)?;
        let charge = self
            .charges
            .get(ix)
            .ok_or_else(|| Error::ChargeUnknownCharge {
                charge: Error::echo(id),
            })?;
        let state = charge.state_at(&now);
        if state.is_ended() {
            if charge.state == state && charge.ended_by == Some(event) {
                return Ok(Step::Repeat(state));
            }
            return Err(Error::ChargeEnded {
                state: state.id().to_owned(),
            });
        }
        let next = match (state, event) {
            (ChargeState::AwaitingThreeDs, ChargeEvent::ThreeDsSucceeded)
            | (ChargeState::Authorizing, ChargeEvent::Authorized) => ChargeState::Succeeded,
            (ChargeState::AwaitingPayment, ChargeEvent::Paid) => ChargeState::Paid,
            (
                ChargeState::AwaitingThreeDs,
                ChargeEvent::ThreeDsFailed | ChargeEvent::ThreeDsNotEnrolled,
            )
            | (ChargeState::Authorizing, ChargeEvent::Declined) => ChargeState::Failed,
            (other, _) => return Err(Self::illegal(other)),
        };
        let lots = if next == ChargeState::Failed {
            Vec::new()
        } else {
            self.lots_of(charge, now)?
        };
        let lockout_until = if event == ChargeEvent::ThreeDsNotEnrolled {
            let until = now
                .checked_add_signed(Duration::minutes(CARD_LOCKOUT_MINUTES))
                .filter(jst::instant_in_range)
                .ok_or_else(|| Error::invalid_time(&jst::rfc3339_text(&now)))?;
            Some(self.lockout_until.map_or(until, |u| u.max(until)))
        } else {
            self.lockout_until
        };
        Ok(Step::Move {
            ix,
            next,
            event,
            lots,
            lockout_until,
        })
    }

    /// Applies a step [`Charges::step`] decided on these charges: it cannot fail.
    pub(crate) fn commit(&mut self, step: Step) -> Notified {
        match step {
            Step::Repeat(state) => Notified {
                state,
                applied: false,
            },
            Step::Move {
                ix,
                next,
                event,
                lots,
                lockout_until,
            } => {
                self.lockout_until = lockout_until;
                self.lots.extend(lots);
                if let Some(charge) = self.charges.get_mut(ix) {
                    charge.state = next;
                    charge.ended_by = Some(event);
                }
                Notified {
                    state: next,
                    applied: true,
                }
            }
        }
    }

    /// The lots a successful charge creates: one all-stores lot of the amount for plain
    /// e-money, units × value per line for a product.
    fn lots_of(
        &self,
        charge: &Charge,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<ChargedLot>, Error> {
        let product = self
            .programs
            .iter()
            .find(|p| p.id == charge.program)
            .and_then(|p| p.product.as_ref());
        let expires_on = match (charge.units, product) {
            (Some(_), Some(product)) => product.lots_expire_on,
            _ => None,
        };
        let lot = |scope, value| ChargedLot {
            charge: charge.id.clone(),
            program: charge.program.clone(),
            scope,
            value,
            at: now,
            expires_on,
        };
        match (charge.units, product) {
            (Some(units), Some(product)) => product
                .breakdown
                .iter()
                .map(|line| Ok(lot(line.scope, line.value.checked_mul(i64::from(units))?)))
                .collect(),
            _ => Ok(vec![lot(Scope::AllStores, charge.amount)]),
        }
    }

    /// Records every cash charge whose deadline has passed by `now` as expired, and
    /// returns their ids in the order started.
    ///
    /// With the event log on, each is an `expired` event at its deadline (the instant it
    /// expired, whenever `tick` noticed).
    pub fn tick(&mut self, now: DateTime<FixedOffset>) -> Vec<String> {
        let mut expired = Vec::new();
        for charge in &mut self.charges {
            if charge.state == ChargeState::AwaitingPayment
                && charge.state_at(&now) == ChargeState::Expired
            {
                charge.state = ChargeState::Expired;
                expired.push(charge.id.clone());
                #[cfg(feature = "charge-events")]
                if let (true, Some(until)) = (self.event_log, charge.until) {
                    self.pending.push(ChargesEvent::Expired {
                        charge: charge.id.clone(),
                        at: until,
                    });
                }
            }
        }
        expired
    }
}
