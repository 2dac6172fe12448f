//! Lots coming in: an opening balance or a charge, and the application of their
//! `lot_opened` and `charged` events.

use chrono::{DateTime, FixedOffset};

use super::history::{HistoryEntry, HistoryKind};
use super::ledger::{self, Entry, Flow};
use super::lot::Lot;
use super::records::ChargeRecord;
use super::setup::NewLot;
use super::{Wallet, WalletEvent};
use crate::error::Error;
use crate::index::Seen;
use crate::jst;
use crate::money::{Money, in_range};

impl Wallet {
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

    /// Checks new lots: known program, fresh unique id, yen, `0 < face value`,
    /// `0 ≤ balance ≤ face value` (a charge's lots are full), registered and expiring
    /// in the years 0001–9999. Answers their programs and the sum of their balances.
    fn check_new_lots(&self, lots: &[NewLot], charged: bool) -> Result<(Vec<usize>, i64), Error> {
        let mut programs = Vec::with_capacity(lots.len());
        let mut ids = Seen::new();
        let mut sum = 0i64;
        for lot in lots {
            let program_ix = self.program_ix(&lot.program)?;
            if self.lot_index.contains_key(&lot.id) || !ids.first_time(&lot.id) {
                return Err(Error::WalletDuplicateId {
                    id: Error::echo(&lot.id),
                });
            }
            lot.check()?;
            // A charge's lots are full.
            if charged && lot.balance != lot.face_value {
                return Err(Error::WalletInvalidLot {
                    lot: Error::echo(&lot.id),
                });
            }
            jst::check_instant(&lot.registered_at)?;
            if let Some(date) = lot.expires_on {
                jst::check_date(date)?;
            }
            sum = in_range(sum.checked_add(lot.balance.minor()))?;
            programs.push(program_ix);
        }
        Ok((programs, sum))
    }

    pub(super) fn apply_lots(
        &mut self,
        charge: Option<(&String, &String, &DateTime<FixedOffset>)>,
        lots: &[NewLot],
    ) -> Result<(), Error> {
        if let Some((_, _, at)) = charge {
            jst::check_instant(at)?;
        }
        if lots.len() > Wallet::MAX_CHARGE_LOTS {
            return Err(Error::WalletInvalidAmount);
        }
        let (program_ixs, added) = self.check_new_lots(lots, charge.is_some())?;
        let held = self.held_after(added)?;
        let flow = if charge.is_some() {
            Flow::Charged
        } else {
            Flow::Opening
        };
        let mut entries = Vec::with_capacity(lots.len());
        for (lot, &program) in lots.iter().zip(&program_ixs) {
            entries.push(Entry {
                program,
                id: &lot.program,
                flow,
                amount: lot.balance,
            });
        }
        let ledgers = ledger::after(&self.ledgers, entries)?;
        let mut record = None;
        if let Some((charge_id, program, at)) = charge {
            let program_ix = self.program_ix(program)?;
            if self.charge_index.contains_key(charge_id) {
                return Err(Error::WalletDuplicateId {
                    id: Error::echo(charge_id),
                });
            }
            if lots.is_empty() || program_ixs.iter().any(|&ix| ix != program_ix) {
                return Err(Error::WalletInvalidAmount);
            }
            // At most the wallet's new total, so an amount.
            let amount = Money::jpy(added)?;
            let title = self.program_name(program_ix, program)?.to_owned();
            record = Some((
                ChargeRecord {
                    id: charge_id.clone(),
                    program: program.clone(),
                    at: *at,
                    amount,
                    lots: lots.iter().map(|l| l.id.clone()).collect(),
                },
                HistoryEntry::new(HistoryKind::Charge, charge_id.clone(), *at, amount, title),
            ));
        }
        // All checks passed: change the wallet.
        self.settle(&[], ledgers, held);
        self.lots.reserve(lots.len());
        for (lot, ix) in lots.iter().zip(program_ixs) {
            self.lot_index.insert(lot.id.clone(), self.lots.len());
            self.lots.push(Lot::from_new(lot.clone(), ix));
        }
        if let Some((charge, entry)) = record {
            self.charge_index
                .insert(charge.id.clone(), self.charges.len());
            self.charges.push(charge);
            self.history.push(entry);
        }
        Ok(())
    }
}
