//! Smart Pit (seed 001; DESIGN §7 "Smart Pit"): numbers, the bills a merchant registers
//! for them, and "can this number be paid at this store, now, this way?".

use std::time::SystemTime;

use crate::error::SaifuError;
use crate::time::{date, date_text, instant};

/// A valid Smart Pit number.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmartPitNumber {
    /// The 13 digits, ASCII.
    pub digits: String,
    /// Grouped for display.
    pub display: String,
}

/// Parses a Smart Pit number: 13 digits (full-width too) with optional separators.
///
/// # Errors
/// `smartpit.invalid_number`.
#[uniffi::export]
pub fn parse_smart_pit(number: String) -> Result<SmartPitNumber, SaifuError> {
    let n = saifu::SmartPitNumber::parse(&number)?;
    Ok(SmartPitNumber {
        digits: n.digits(),
        display: n.display(),
    })
}

/// A chain where Smart Pit bills are paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SmartPitStore {
    /// ローソン: the number at the in-store terminal.
    Lawson,
    /// ファミリーマート: the number at the in-store terminal.
    FamilyMart,
    /// ミニストップ: the number at the in-store terminal.
    Ministop,
    /// スリーエフ: the card or a printed sheet at the register.
    ThreeF,
    /// サークルK: the card or a printed sheet at the register.
    CircleK,
    /// サンクス: the card or a printed sheet at the register.
    Sunkus,
}

impl From<SmartPitStore> for saifu::SmartPitStore {
    fn from(s: SmartPitStore) -> Self {
        match s {
            SmartPitStore::Lawson => saifu::SmartPitStore::Lawson,
            SmartPitStore::FamilyMart => saifu::SmartPitStore::FamilyMart,
            SmartPitStore::Ministop => saifu::SmartPitStore::Ministop,
            SmartPitStore::ThreeF => saifu::SmartPitStore::ThreeF,
            SmartPitStore::CircleK => saifu::SmartPitStore::CircleK,
            SmartPitStore::Sunkus => saifu::SmartPitStore::Sunkus,
        }
    }
}

#[uniffi::export]
impl SmartPitStore {
    /// The store's stable id: `lawson`, `familymart`, `ministop`, `three_f`, `circle_k`,
    /// `sunkus`.
    pub fn id(&self) -> String {
        saifu::SmartPitStore::from(*self).id().to_owned()
    }
}

/// What carries the Smart Pit number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SmartPitMedium {
    /// A Smart Pit card: no expiry.
    Card,
    /// A Smart Pit sheet, usable through the end (24:00 JST) of its expiry date.
    Sheet {
        /// The last day it can be used, `YYYY-MM-DD`.
        expires_on: String,
    },
}

pub use saifu::Tender;

/// How the customer pays.
#[uniffi::remote(Enum)]
pub enum Tender {
    /// Cash.
    Cash,
    /// A credit card.
    CreditCard,
    /// Electronic money.
    EMoney,
    /// Anything else.
    Other,
}

/// A bill a merchant registered for a Smart Pit number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct SmartPitBill {
    /// The Smart Pit number (read as `parseSmartPit` reads it).
    pub number: String,
    /// The merchant that registered the bill.
    pub merchant: String,
    /// The amount, in yen.
    pub amount: i64,
    /// The due date, `YYYY-MM-DD`.
    pub due_on: String,
}

impl From<&saifu::SmartPitBill> for SmartPitBill {
    fn from(b: &saifu::SmartPitBill) -> Self {
        SmartPitBill {
            number: b.number.digits(),
            merchant: b.merchant.clone(),
            amount: b.amount.minor(),
            due_on: date_text(b.due_on),
        }
    }
}

/// Yes: where the number is paid and the bills it pays.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmartPitPayable {
    /// True at the in-store terminal (Lawson, FamilyMart, Ministop); false at the register.
    pub at_terminal: bool,
    /// The bills registered for the number.
    pub bills: Vec<SmartPitBill>,
}

/// Can `number` be paid at `store`, at `now`, with `tender`? `bills` are the bills
/// registered by merchants; `hasPrintedSheet` whether a sheet was printed.
///
/// # Errors
/// The bills' own (`smartpit.invalid_number`, `money.*`, `time.invalid`), `time.invalid`
/// (`now`, a sheet's date); then in DESIGN's order: `smartpit.invalid_number`,
/// `smartpit.bill_not_found`, `smartpit.sheet_required`, `smartpit.sheet_expired` (with
/// `expiredAt`), `smartpit.cash_only`.
#[uniffi::export]
pub fn can_pay_smart_pit(
    number: String,
    medium: SmartPitMedium,
    bills: Vec<SmartPitBill>,
    store: SmartPitStore,
    has_printed_sheet: bool,
    tender: Tender,
    now: SystemTime,
) -> Result<SmartPitPayable, SaifuError> {
    let bills = bills
        .iter()
        .map(|b| {
            Ok(saifu::SmartPitBill {
                number: saifu::SmartPitNumber::parse(&b.number)?,
                merchant: b.merchant.clone(),
                amount: saifu::Money::jpy(b.amount)?,
                due_on: date(&b.due_on)?,
            })
        })
        .collect::<Result<Vec<_>, saifu::Error>>()?;
    let medium = match medium {
        SmartPitMedium::Card => saifu::SmartPitMedium::Card,
        SmartPitMedium::Sheet { expires_on } => saifu::SmartPitMedium::Sheet {
            expires_on: date(&expires_on)?,
        },
    };
    let yes = saifu::can_pay_smart_pit(
        &number,
        medium,
        &bills,
        store.into(),
        has_printed_sheet,
        tender,
        instant(now)?,
    )?;
    Ok(SmartPitPayable {
        at_terminal: yes.at_terminal,
        bills: yes.bills.iter().map(SmartPitBill::from).collect(),
    })
}
