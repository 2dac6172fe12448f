//! Success credits the wallet in the same state transition (DESIGN §5): the provider's
//! success notification names the lots it issued (ids, codes, management numbers; the
//! core invents none), and [`Charges::notify_into`] moves the charge and puts those lots,
//! with the product's expiry, and the history's charge entry in the wallet, together or
//! not at all. A repeated notification changes nothing.

use chrono::{DateTime, FixedOffset};

use super::{ChargeEvent, Charges, Notified, Step};
use crate::error::{Error, to_u32};
use crate::program::Program;
use crate::voucher::VoucherCode;
use crate::wallet::{NewLot, Wallet};

/// One lot as the provider's success notification issues it: what the user sees on the
/// voucher (コード(ID), 管理番号) and the id the wallet keeps it under. The value, scope
/// and expiry come from the charge and its product.
///
/// ```
/// use saifu::{IssuedLot, VoucherCode};
/// let lot = IssuedLot { id: "L1".into(), code: VoucherCode::parse("N7af3c1d7AV9b2e4")?,
///     management_no: "d012104262000001".into() };
/// assert_eq!(lot.code.as_str(), "N7af3c1d7AV9b2e4");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IssuedLot {
    /// The lot's id in the wallet, unique there.
    pub id: String,
    /// Its 16-character code (コード(ID)).
    pub code: VoucherCode,
    /// Its management number (管理番号).
    pub management_no: String,
}

impl Charges {
    /// Adds a program to these charges and to the wallet their successes credit, as one
    /// record (DESIGN §6 "One program registry"): what a charge of it buys, the wallet
    /// spends. Both take it or, on an error, neither changes.
    ///
    /// # Errors
    /// `wallet.duplicate_id` or `charge.duplicate_id` when the wallet or the charges hold
    /// a program with this id; `wallet.no_payment_id_prefix` without a payment-id prefix;
    /// `charge.invalid_units` for a product it may not sell ([`Program`]'s rule).
    ///
    /// ```
    /// use saifu::{Brand, Charges, Program, Wallet};
    ///
    /// let (mut charges, mut wallet) = (Charges::new(), Wallet::new());
    /// let minato = Program { accepted_brands: vec![Brand::Visa],
    ///     ..Program::new("minato", "電子スマイル商品券", "OEM2026000001") };
    /// charges.add_program_with(&mut wallet, minato.clone())?;
    /// assert_eq!(wallet.programs(), charges.programs());
    /// let e = charges.add_program_with(&mut wallet, minato).unwrap_err();
    /// assert_eq!(e.code(), "wallet.duplicate_id");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn add_program_with(&mut self, wallet: &mut Wallet, program: Program) -> Result<(), Error> {
        let in_wallet = wallet.programs().iter().any(|p| p.id == program.id);
        if !in_wallet && self.programs.iter().any(|p| p.id == program.id) {
            return Err(Error::ChargeDuplicateId {
                id: Error::echo(&program.id),
            });
        }
        // The wallet's checks are the charges' and more (the prefix), so once it has
        // taken the program the charges take it too.
        wallet.add_program(program.clone())?;
        self.add_program(program)
    }

    /// Applies a provider notification and, when it is the charge's success (3-D Secure
    /// passed, J-Coin authorized, cash paid), credits `wallet` in the same step: one lot
    /// per lot the charge creates ([`Charges::charged_lots`]' order: the product's
    /// breakdown, or one all-stores lot for plain e-money) under the ids, codes and
    /// management numbers of `issued`, in that order, registered at `now` with the
    /// product's `lots_expire_on`, and the history's charge entry under the charge's id.
    /// Any other notification takes no lots (`issued` empty). The identical repeat of
    /// the event that ended the charge answers `applied: false` and changes neither.
    /// The wallet needs the charge's program ([`Wallet::add_program`], same id).
    ///
    /// # Errors
    /// Those of [`Charges::notify`]; `charge.issued_lots_mismatch` when `issued` does
    /// not name exactly the lots the notification creates; those of [`Wallet::charge`]
    /// (`wallet.unknown_program`, `wallet.duplicate_id` for a charge or lot id the
    /// wallet has, `money.out_of_range` past [`Wallet::MAX_HELD`], …). A failure changes
    /// neither the charges nor the wallet.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// use saifu::*;
    ///
    /// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    /// // One record: what the charge buys is what the wallet spends.
    /// let minato = Program { accepted_brands: vec![Brand::Visa],
    ///     ..Program::new("minato", "電子スマイル商品券", "OEM2026000001") };
    /// let mut wallet = Wallet::new();
    /// wallet.add_program(minato.clone())?;
    /// let mut charges = Charges::new();
    /// charges.add_program(minato)?;
    /// charges.start("c1", "minato", ChargeMethod::Card { brand: Brand::Visa },
    ///     ChargeOrder::Amount(Money::jpy(3000)?), t("2026-11-23T10:00:00+09:00"))?;
    /// charges.confirm("c1", t("2026-11-23T10:00:10+09:00"))?;
    /// charges.pay("c1", t("2026-11-23T10:00:20+09:00"))?;
    ///
    /// let issued = vec![IssuedLot { id: "L1".into(),
    ///     code: VoucherCode::parse("N7af3c1d7AV9b2e4")?, management_no: "d012104262000001".into() }];
    /// let done = charges.notify_into(&mut wallet, "c1", ChargeEvent::ThreeDsSucceeded,
    ///     issued.clone(), t("2026-11-23T10:01:00+09:00"))?;
    /// assert_eq!(done.state, ChargeState::Succeeded);
    /// assert_eq!(wallet.lot("L1").map(|l| l.balance().minor()), Some(3000));
    /// assert_eq!(wallet.charges()[0].id, "c1");
    ///
    /// // The provider repeats itself: nothing changes.
    /// let again = charges.notify_into(&mut wallet, "c1", ChargeEvent::ThreeDsSucceeded,
    ///     issued, t("2026-11-23T10:02:00+09:00"))?;
    /// assert!(!again.applied);
    /// assert_eq!(wallet.lots().len(), 1);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn notify_into(
        &mut self,
        wallet: &mut Wallet,
        id: &str,
        event: ChargeEvent,
        issued: Vec<IssuedLot>,
        now: DateTime<FixedOffset>,
    ) -> Result<Notified, Error> {
        let step = self.step(id, event, now)?;
        if let Step::Move { lots, .. } = &step {
            if lots.len() != issued.len() {
                return Err(Error::ChargeIssuedLotsMismatch {
                    creates: to_u32(lots.len()),
                    named: to_u32(issued.len()),
                });
            }
            if let Some(first) = lots.first() {
                let new_lots = lots
                    .iter()
                    .zip(issued)
                    .map(|(lot, issued)| NewLot {
                        id: issued.id,
                        code: issued.code,
                        management_no: issued.management_no,
                        program: lot.program.clone(),
                        scope: lot.scope,
                        registered_at: now,
                        expires_on: lot.expires_on,
                        face_value: lot.value,
                        balance: lot.value,
                    })
                    .collect();
                wallet.charge(&first.charge, &first.program, now, new_lots)?;
            }
        }
        let done = self.commit(step);
        #[cfg(feature = "charge-events")]
        self.log_notified(done, id, event, now);
        Ok(done)
    }
}
