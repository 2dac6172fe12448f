//! Every change to the charges is an event; applying the events from empty charges
//! rebuilds the same charges (docs/state.md "Charges' event log").
//!
//! Core is pure, so an operation and its inputs (`now` included) decide its outcome: an
//! event is the operation that succeeded with those inputs, and [`Charges::apply`]
//! runs it again, with every check the operation makes. Where an input is a secret (the
//! card's number, the J-Coin password and confirmation code), the event keeps what the
//! charge kept instead (the brand, the masked J-Coin ID).

use chrono::{DateTime, FixedOffset};

use super::{ChargeEvent, ChargeMethod, ChargeOrder, ChargeState, Charges};
use crate::card::Brand;
use crate::error::{Error, to_u32};
use crate::jst;
use crate::payment_slip::{PaymentField, PaymentNumberRules};
use crate::program::Program;
use crate::purchase_code::PurchaseCode;

/// One change to the charges, made by the operation of the same name. Serializes to
/// JSON as `{"started": {…}}` (externally tagged); the format is documented in
/// `docs/state.md`. Not to be confused with [`ChargeEvent`], a provider notification
/// (which `notified` carries).
///
/// ```
/// use saifu::{Brand, Program, Charges, ChargesEvent};
///
/// let mut charges = Charges::new();
/// charges.set_event_log(true);
/// charges.add_program(Program { id: "p".into(), name: "P".into(), payment_id_prefix: None,
///     accepted_brands: vec![Brand::Visa], product: None })?;
/// let events = charges.take_events();
/// assert!(matches!(events[0], ChargesEvent::ProgramAdded { .. }));
/// assert_eq!(Charges::replay(&events)?, charges);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChargesEvent {
    /// [`Charges::add_program`].
    ProgramAdded {
        /// The program.
        program: Program,
    },
    /// [`Charges::register_purchase_code`].
    PurchaseCodeRegistered {
        /// The code, normalised.
        code: PurchaseCode,
        /// The program it buys.
        program: String,
        /// The most units it allows.
        units: u32,
    },
    /// [`Charges::start`].
    Started {
        /// The charge's id.
        charge: String,
        /// The program.
        program: String,
        /// How it is paid.
        method: ChargeMethod,
        /// What it buys.
        order: ChargeOrder,
        /// When.
        at: DateTime<FixedOffset>,
    },
    /// [`Charges::start_purchase`].
    PurchaseStarted {
        /// The charge's id.
        charge: String,
        /// The program.
        program: String,
        /// The purchase code, normalised.
        code: PurchaseCode,
        /// The units bought.
        units: u32,
        /// How it is paid.
        method: ChargeMethod,
        /// When.
        at: DateTime<FixedOffset>,
    },
    /// [`Charges::confirm`].
    Confirmed {
        /// The charge's id.
        charge: String,
        /// When.
        at: DateTime<FixedOffset>,
    },
    /// [`Charges::confirm_card`]: the card's brand only (the card was checked then; its
    /// number is never kept).
    CardConfirmed {
        /// The charge's id.
        charge: String,
        /// The card's brand.
        brand: Brand,
        /// When.
        at: DateTime<FixedOffset>,
    },
    /// [`Charges::confirm_jcoin`]: the masked J-Coin ID only (never the password or the
    /// confirmation code).
    JCoinConfirmed {
        /// The charge's id.
        charge: String,
        /// The J-Coin ID masked to its last 4 characters (`****2345`).
        jcoin_id: String,
        /// When.
        at: DateTime<FixedOffset>,
    },
    /// [`Charges::pay`] (支払う).
    Submitted {
        /// The charge's id.
        charge: String,
        /// When.
        at: DateTime<FixedOffset>,
    },
    /// [`Charges::cancel`].
    Cancelled {
        /// The charge's id.
        charge: String,
        /// When.
        at: DateTime<FixedOffset>,
    },
    /// [`Charges::issue_slip`] attached new numbers (a repeat of the same numbers changes
    /// nothing and makes no event).
    SlipIssued {
        /// The charge's id.
        charge: String,
        /// The slip's numbers, normalised, in the kind's order.
        numbers: Vec<(PaymentField, String)>,
        /// When.
        at: DateTime<FixedOffset>,
    },
    /// [`Charges::notify`] or [`Charges::notify_into`] moved a charge (a repeated
    /// notification changes nothing and makes no event). The lots a success creates in
    /// the wallet are the wallet's own `charged` event.
    Notified {
        /// The charge's id.
        charge: String,
        /// The provider's notification.
        event: ChargeEvent,
        /// When.
        at: DateTime<FixedOffset>,
    },
    /// [`Charges::tick`] recorded a cash charge as expired.
    Expired {
        /// The charge's id.
        charge: String,
        /// The instant it expired: its deadline (`until`).
        at: DateTime<FixedOffset>,
    },
}

impl Charges {
    /// Keeps an event for [`Charges::take_events`] when the event log is on; the event
    /// is made only then.
    pub(super) fn log(&mut self, event: impl FnOnce() -> ChargesEvent) {
        if self.event_log {
            self.pending.push(event());
        }
    }

    /// Records a notification that moved a charge; an identical repeat, which changed
    /// nothing, records nothing.
    pub(super) fn log_notified(
        &mut self,
        done: super::Notified,
        id: &str,
        event: ChargeEvent,
        now: DateTime<FixedOffset>,
    ) {
        if done.applied {
            self.log(|| ChargesEvent::Notified {
                charge: id.to_owned(),
                event,
                at: now,
            });
        }
    }

    /// Turns the event log on or off (off by default, so charges whose events nobody
    /// takes do not grow). While it is on, every change is kept as a [`ChargesEvent`]
    /// until [`Charges::take_events`]; [`Charges::replay`] rebuilds the charges from
    /// them. An operation that fails records nothing.
    ///
    /// ```
    /// # use saifu::{Program, Charges};
    /// let mut c = Charges::new();
    /// c.set_event_log(true);
    /// c.add_program(Program { id: "p".into(), name: "P".into(), payment_id_prefix: None, accepted_brands: vec![], product: None })?;
    /// assert!(c.add_program(Program { id: "p".into(), name: "P".into(), payment_id_prefix: None, accepted_brands: vec![], product: None }).is_err());
    /// assert_eq!(c.take_events().len(), 1);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn set_event_log(&mut self, on: bool) {
        self.event_log = on;
    }

    /// Whether the event log is on.
    ///
    /// ```
    /// assert!(!saifu::Charges::new().event_log());
    /// ```
    #[must_use]
    pub fn event_log(&self) -> bool {
        self.event_log
    }

    /// Takes the events recorded since the last call, oldest first: append them to a
    /// log, and [`Charges::replay`] rebuilds the charges.
    ///
    /// ```
    /// let mut c = saifu::Charges::new();
    /// assert!(c.take_events().is_empty());
    /// ```
    pub fn take_events(&mut self) -> Vec<ChargesEvent> {
        std::mem::take(&mut self.pending)
    }

    /// [`Charges::take_events`] as a JSON array (docs/state.md "Charges' event log").
    ///
    /// ```
    /// let mut c = saifu::Charges::new();
    /// assert_eq!(c.take_events_json(), "[]");
    /// ```
    pub fn take_events_json(&mut self) -> String {
        crate::json::to_string(&self.take_events())
    }

    /// Applies one event: runs the operation it records with its inputs, making every
    /// check that operation makes, so an event that does not fit the charges is refused
    /// and nothing changes. Applying records no event.
    ///
    /// Beyond the operation's own checks: a `jcoin_confirmed` event's ID is masked
    /// (`****` and 1–4 ASCII letters or digits); a `notified` or `slip_issued` event
    /// changes something (the repeat of the notification that ended the charge is
    /// `charge.ended`); an `expired` event names a cash charge awaiting payment at its
    /// deadline.
    ///
    /// # Errors
    /// The operation's errors; `jcoin.invalid_id` for an ID that is not masked;
    /// `charge.ended` for a repeat; `charge.slip_already_issued` for a slip the charge
    /// has; for `expired`, `charge.unknown_charge`, `charge.ended`,
    /// `charge.illegal_transition` (not awaiting payment) and `time.invalid` (not its
    /// deadline).
    ///
    /// # Example
    /// ```
    /// # use saifu::{Charges, ChargesEvent};
    /// let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let mut charges = Charges::new();
    /// let bad = ChargesEvent::Confirmed { charge: "nope".into(), at };
    /// assert_eq!(charges.apply(&bad).unwrap_err().code(), "charge.unknown_charge");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&mut self, event: &ChargesEvent) -> Result<(), Error> {
        let on = std::mem::replace(&mut self.event_log, false);
        let applied = self.apply_unlogged(event);
        self.event_log = on;
        applied
    }

    fn apply_unlogged(&mut self, event: &ChargesEvent) -> Result<(), Error> {
        use ChargesEvent as E;
        match event {
            E::ProgramAdded { program } => self.add_program(program.clone()),
            E::PurchaseCodeRegistered {
                code,
                program,
                units,
            } => self
                .register_purchase_code(code.as_str(), program, *units)
                .map(drop),
            E::Started {
                charge,
                program,
                method,
                order,
                at,
            } => self.start(charge, program, *method, *order, *at).map(drop),
            E::PurchaseStarted {
                charge,
                program,
                code,
                units,
                method,
                at,
            } => self
                .start_purchase(charge, program, code.as_str(), *units, *method, *at)
                .map(drop),
            E::Confirmed { charge, at } => self.confirm(charge, *at).map(drop),
            E::CardConfirmed { charge, brand, at } => {
                self.confirm_brand(charge, *brand, None, *at).map(drop)
            }
            E::JCoinConfirmed {
                charge,
                jcoin_id,
                at,
            } => {
                if !super::codec::is_masked_jcoin_id(jcoin_id) {
                    return Err(Error::JcoinInvalidId);
                }
                self.confirm_masked_jcoin(charge, jcoin_id, *at).map(drop)
            }
            E::Submitted { charge, at } => self.pay(charge, *at).map(drop),
            E::Cancelled { charge, at } => self.cancel(charge, *at).map(drop),
            E::SlipIssued {
                charge,
                numbers,
                at,
            } => {
                let before = self.charge(charge).and_then(|c| c.slip.clone());
                let slip = self.issue_slip(charge, numbers, &PaymentNumberRules::new(), *at)?;
                if before.as_ref() == Some(slip) {
                    return Err(Error::ChargeSlipAlreadyIssued {
                        charge: charge.clone(),
                    });
                }
                Ok(())
            }
            E::Notified { charge, event, at } => {
                let done = self.notify(charge, *event, *at)?;
                if done.applied {
                    Ok(())
                } else {
                    Err(Error::ChargeEnded {
                        state: done.state.id().to_owned(),
                    })
                }
            }
            E::Expired { charge, at } => self.apply_expired(charge, at),
        }
    }

    /// What [`Charges::tick`] does to one charge, at the instant it expired.
    fn apply_expired(&mut self, id: &str, at: &DateTime<FixedOffset>) -> Result<(), Error> {
        jst::check_instant(at)?;
        let ix = self.position(id)?;
        let charge = self
            .charges
            .get_mut(ix)
            .ok_or_else(|| Error::ChargeUnknownCharge {
                charge: Error::echo(id),
            })?;
        if charge.state.is_ended() {
            return Err(Error::ChargeEnded {
                state: charge.state.id().to_owned(),
            });
        }
        if charge.state != ChargeState::AwaitingPayment {
            return Err(Self::illegal(charge.state));
        }
        if charge.until != Some(*at) {
            return Err(Error::invalid_time(&jst::rfc3339_text(at)));
        }
        charge.state = ChargeState::Expired;
        Ok(())
    }

    /// Rebuilds charges from their events, oldest first. The rebuilt charges' event log
    /// is off.
    ///
    /// # Errors
    /// `state.invalid_event` with the index of the first event that does not apply and
    /// the code of the check it failed ([`Charges::apply`]).
    ///
    /// # Example
    /// ```
    /// # use saifu::{Charges, ChargesEvent};
    /// let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00")?;
    /// let events = vec![ChargesEvent::Cancelled { charge: "c1".into(), at }];
    /// let err = Charges::replay(&events).unwrap_err();
    /// assert_eq!(err, saifu::Error::StateInvalidEvent { index: 0, cause: "charge.unknown_charge".into() });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replay(events: &[ChargesEvent]) -> Result<Charges, Error> {
        let mut charges = Charges::new();
        for (index, event) in events.iter().enumerate() {
            charges
                .apply(event)
                .map_err(|cause| Error::StateInvalidEvent {
                    index: to_u32(index),
                    cause: cause.code().to_owned(),
                })?;
        }
        Ok(charges)
    }

    /// Rebuilds charges from a JSON array of events (as [`Charges::take_events_json`]
    /// writes them, concatenated).
    ///
    /// # Errors
    /// `state.malformed` for JSON that is not a list of events (an unknown type or
    /// field, a missing field); then as [`Charges::replay`].
    ///
    /// # Example
    /// ```
    /// # use saifu::Charges;
    /// assert_eq!(Charges::replay_json("[]")?, Charges::new());
    /// assert_eq!(Charges::replay_json(r#"[{"ticked":{}}]"#).unwrap_err().code(), "state.malformed");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn replay_json(json: &str) -> Result<Charges, Error> {
        Charges::replay(&crate::json::parse_list::<ChargesEvent>(json)?)
    }
}
