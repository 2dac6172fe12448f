//! Expiry: the sweep that forfeits expired lots' balances, and the application of
//! its `expired` events.

use chrono::{DateTime, FixedOffset};

use super::event::NewBalance;
use super::history::{HistoryEntry, HistoryKind};
use super::ledger::{self, Entry, Flow};
use super::records::Forfeiture;
use super::{Wallet, WalletEvent, yen};
use crate::error::Error;
use crate::jst;
use crate::money::{Money, in_range};

impl Wallet {
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

    pub(super) fn apply_expired(
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
        self.history.push(HistoryEntry::new(
            HistoryKind::Expiry,
            lot_id.to_owned(),
            *at,
            amount,
            title,
        ));
        Ok(())
    }
}
