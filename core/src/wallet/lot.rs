//! A lot: one registered or charged block of value (DESIGN §4).

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::setup::{NewLot, Scope};
use super::yen;
use crate::error::Error;
use crate::jst;
use crate::money::Money;
use crate::voucher::VoucherCode;

/// A lot in the wallet. Read-only: the wallet changes balances through payments,
/// refunds and expiry only.
///
/// ```
/// use chrono::DateTime;
/// use saifu::{Money, NewLot, Program, Scope, VoucherCode, Wallet};
///
/// let mut wallet = Wallet::new();
/// wallet.add_program(Program::new("p", "P", "X"))?;
/// wallet.open_lot(NewLot {
///     id: "L1".into(),
///     code: VoucherCode::parse("N7af3c1d7AV9b2e4")?,
///     management_no: "d012104262000001".into(),
///     program: "p".into(),
///     scope: Scope::AllStores,
///     registered_at: DateTime::parse_from_rfc3339("2021-04-27T20:09:26+09:00")?,
///     expires_on: Some("2026-06-30".parse()?),
///     face_value: Money::jpy(1000)?,
///     balance: Money::jpy(1000)?,
/// })?;
/// let lot = wallet.lot("L1").unwrap();
/// assert_eq!(lot.code().masked(), "N7af****7AV9****");
/// assert!(!lot.is_expired(&DateTime::parse_from_rfc3339("2026-06-30T23:59:59.999+09:00")?));
/// assert!(lot.is_expired(&DateTime::parse_from_rfc3339("2026-06-30T15:00:00Z")?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lot {
    pub(crate) id: String,
    pub(crate) code: VoucherCode,
    pub(crate) management_no: String,
    pub(crate) program: String,
    /// Index of `program` in the wallet's programs.
    pub(crate) program_ix: usize,
    pub(crate) scope: Scope,
    pub(crate) registered_at: DateTime<FixedOffset>,
    pub(crate) expires_on: Option<NaiveDate>,
    /// The first instant the lot is expired: 00:00 JST the day after `expires_on`.
    pub(crate) expires_at: Option<DateTime<FixedOffset>>,
    pub(crate) face_value: Money,
    pub(crate) balance: Money,
}

/// The lot invariant, the one rule every lot keeps however it enters or changes (an
/// opening balance, a charge, a refund's restoration, a saved wallet): in yen, a face
/// value above zero, and a balance from zero up to the face value.
///
/// # Errors
/// `money.currency_mismatch` (not yen); `wallet.invalid_lot` naming `id` otherwise.
pub(crate) fn check(id: &str, face_value: Money, balance: Money) -> Result<(), Error> {
    yen(face_value)?;
    yen(balance)?;
    if !face_value.is_positive() || balance.minor() < 0 || balance.minor() > face_value.minor() {
        return Err(Error::WalletInvalidLot {
            lot: Error::echo(id),
        });
    }
    Ok(())
}

impl NewLot {
    /// [`check`]: the lot invariant.
    pub(crate) fn check(&self) -> Result<(), Error> {
        check(&self.id, self.face_value, self.balance)
    }
}

impl Lot {
    pub(crate) fn from_new(lot: NewLot, program_ix: usize) -> Lot {
        Lot {
            expires_at: lot.expires_on.and_then(jst::end_of),
            id: lot.id,
            code: lot.code,
            management_no: lot.management_no,
            program: lot.program,
            program_ix,
            scope: lot.scope,
            registered_at: lot.registered_at,
            expires_on: lot.expires_on,
            face_value: lot.face_value,
            balance: lot.balance,
        }
    }

    pub(crate) fn to_new(&self) -> NewLot {
        NewLot {
            id: self.id.clone(),
            code: self.code,
            management_no: self.management_no.clone(),
            program: self.program.clone(),
            scope: self.scope,
            registered_at: self.registered_at,
            expires_on: self.expires_on,
            face_value: self.face_value,
            balance: self.balance,
        }
    }

    /// The lot's id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its code; screens show [`VoucherCode::masked`].
    #[must_use]
    pub fn code(&self) -> &VoucherCode {
        &self.code
    }

    /// Its management number (管理番号).
    #[must_use]
    pub fn management_no(&self) -> &str {
        &self.management_no
    }

    /// The id of its program.
    #[must_use]
    pub fn program(&self) -> &str {
        &self.program
    }

    /// Where it may be spent.
    #[must_use]
    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// When it was registered (登録日).
    #[must_use]
    pub fn registered_at(&self) -> DateTime<FixedOffset> {
        self.registered_at
    }

    /// Its last usable day, or `None`: never expires.
    #[must_use]
    pub fn expires_on(&self) -> Option<NaiveDate> {
        self.expires_on
    }

    /// The value it was issued with.
    #[must_use]
    pub fn face_value(&self) -> Money {
        self.face_value
    }

    /// The value left.
    #[must_use]
    pub fn balance(&self) -> Money {
        self.balance
    }

    /// True from 00:00 JST of the day after its expiry date.
    #[must_use]
    pub fn is_expired(&self, now: &DateTime<FixedOffset>) -> bool {
        self.expires_at.is_some_and(|end| *now >= end)
    }
}
