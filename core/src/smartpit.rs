//! Smart Pit (seed 001; DESIGN §7 "Smart Pit"): the 13-digit number on a Smart Pit
//! card (no expiry) or a downloaded Smart Pit sheet (an expiry date), the bills merchants
//! register against it, and the question "can this number be paid at this store, now,
//! this way?".

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::error::Error;
use crate::input;
use crate::jst;
use crate::money::Money;

/// The length of a Smart Pit number.
const LEN: usize = 13;

/// A Smart Pit number: 13 digits (full-width and separators accepted when typed).
///
/// The same number is printed on a Smart Pit card (no expiry) and on a downloaded Smart
/// Pit sheet (which expires). Paying needs the merchant to have registered the bill
/// first; cash only.
///
/// ```
/// use saifu::SmartPitNumber;
///
/// let n = SmartPitNumber::parse("１２３４ ５６７８ ９０１２３")?;
/// assert_eq!(n.digits(), "1234567890123");
/// assert_eq!(n.display(), "1234-5678-90123");
/// assert_eq!(SmartPitNumber::parse("123456789012").unwrap_err().code(), "smartpit.invalid_number");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SmartPitNumber([u8; LEN]);

impl SmartPitNumber {
    /// Parses a number a person typed or pasted.
    ///
    /// # Errors
    /// `smartpit.invalid_number` unless exactly 13 digits remain after removing
    /// separators.
    ///
    /// # Example
    /// ```
    /// # use saifu::SmartPitNumber;
    /// assert!(SmartPitNumber::parse("1234-5678-90123").is_ok());
    /// assert!(SmartPitNumber::parse("1234567890123x").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<SmartPitNumber, Error> {
        let count = input::scan_digits(text).map_err(|_| Error::SmartPitInvalidNumber)?;
        if count != LEN {
            return Err(Error::SmartPitInvalidNumber);
        }
        let mut out = [0u8; LEN];
        for (slot, d) in out.iter_mut().zip(input::digits(text)) {
            *slot = b'0'.saturating_add(d);
        }
        Ok(SmartPitNumber(out))
    }

    /// The 13 ASCII digits, as a merchant's form takes them.
    ///
    /// ```
    /// # use saifu::SmartPitNumber;
    /// assert_eq!(SmartPitNumber::parse("1234567890123")?.digits(), "1234567890123");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn digits(&self) -> String {
        self.0.iter().map(|&b| char::from(b)).collect()
    }

    /// Grouped 4-4-5 with hyphens, easier to read out at a register.
    ///
    /// ```
    /// # use saifu::SmartPitNumber;
    /// assert_eq!(SmartPitNumber::parse("1234567890123")?.display(), "1234-5678-90123");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn display(&self) -> String {
        let mut out = String::with_capacity(15);
        for (i, &b) in self.0.iter().enumerate() {
            if i == 4 || i == 8 {
                out.push('-');
            }
            out.push(char::from(b));
        }
        out
    }
}

/// The convenience-store chains that take Smart Pit payments (seed 001 Q2), and how
/// (Q10).
///
/// ```
/// use saifu::SmartPitStore;
///
/// assert!(SmartPitStore::Lawson.accepts_number());
/// assert!(!SmartPitStore::CircleK.accepts_number(), "the card or a printed sheet at the register");
/// assert_eq!(SmartPitStore::from_id("three_f"), Some(SmartPitStore::ThreeF));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SmartPitStore {
    /// ローソン: number at the in-store multimedia terminal.
    Lawson,
    /// ファミリーマート: number at the in-store terminal.
    FamilyMart,
    /// ミニストップ: number at the in-store terminal.
    Ministop,
    /// スリーエフ: the Smart Pit card or a printed sheet at the register.
    ThreeF,
    /// サークルK: the Smart Pit card or a printed sheet at the register.
    CircleK,
    /// サンクス: the Smart Pit card or a printed sheet at the register.
    Sunkus,
}

impl SmartPitStore {
    /// Every chain, in a fixed order.
    pub const ALL: [SmartPitStore; 6] = [
        SmartPitStore::Lawson,
        SmartPitStore::FamilyMart,
        SmartPitStore::Ministop,
        SmartPitStore::ThreeF,
        SmartPitStore::CircleK,
        SmartPitStore::Sunkus,
    ];

    /// `lawson`, `familymart`, `ministop`, `three_f`, `circle_k`, `sunkus`.
    ///
    /// ```
    /// # use saifu::SmartPitStore;
    /// assert_eq!(SmartPitStore::CircleK.id(), "circle_k");
    /// ```
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            SmartPitStore::Lawson => "lawson",
            SmartPitStore::FamilyMart => "familymart",
            SmartPitStore::Ministop => "ministop",
            SmartPitStore::ThreeF => "three_f",
            SmartPitStore::CircleK => "circle_k",
            SmartPitStore::Sunkus => "sunkus",
        }
    }

    /// The chain of an id returned by [`SmartPitStore::id`].
    ///
    /// ```
    /// # use saifu::SmartPitStore;
    /// assert_eq!(SmartPitStore::from_id("sunkus"), Some(SmartPitStore::Sunkus));
    /// assert_eq!(SmartPitStore::from_id("7-eleven"), None);
    /// ```
    #[must_use]
    pub fn from_id(id: &str) -> Option<SmartPitStore> {
        SmartPitStore::ALL.into_iter().find(|s| s.id() == id)
    }

    /// True where the Smart Pit number alone is enough (typed at the store's multimedia
    /// terminal); false where the card or a printed sheet must be shown at the register.
    ///
    /// ```
    /// # use saifu::SmartPitStore;
    /// assert!(SmartPitStore::FamilyMart.accepts_number());
    /// ```
    #[must_use]
    pub const fn accepts_number(self) -> bool {
        matches!(
            self,
            SmartPitStore::Lawson | SmartPitStore::FamilyMart | SmartPitStore::Ministop
        )
    }
}

/// What the Smart Pit number is held on (seed 001 Q7): a Smart Pit card, which never
/// expires, or a Smart Pit sheet downloaded from the web (or sent by email), which
/// expires.
///
/// ```
/// use saifu::{SmartPitMedium, parse_date};
/// let sheet = SmartPitMedium::Sheet { expires_on: parse_date("2026-11-30")? };
/// assert_eq!(sheet.expired_at().map(|t| t.to_rfc3339()).as_deref(), Some("2026-12-01T00:00:00+09:00"));
/// assert_eq!(SmartPitMedium::Card.expired_at(), None);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SmartPitMedium {
    /// A Smart Pit card: reusable at any number of merchants, no expiry (Q6, Q7).
    Card,
    /// A Smart Pit sheet, usable through the end (24:00 JST) of its expiry date.
    Sheet {
        /// The last day it can be used.
        expires_on: NaiveDate,
    },
}

impl SmartPitMedium {
    /// The first instant a sheet is expired (00:00 JST after its expiry date); `None`
    /// for a card.
    ///
    /// ```
    /// # use saifu::{SmartPitMedium, parse_date};
    /// let s = SmartPitMedium::Sheet { expires_on: parse_date("2028-02-29")? };
    /// assert_eq!(s.expired_at().unwrap().to_rfc3339(), "2028-03-01T00:00:00+09:00");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn expired_at(&self) -> Option<DateTime<FixedOffset>> {
        match self {
            SmartPitMedium::Card => None,
            SmartPitMedium::Sheet { expires_on } => {
                Some(jst::end_of(*expires_on).unwrap_or_else(|| jst::start_of(NaiveDate::MAX)))
            }
        }
    }
}

/// A bill a merchant registered against a Smart Pit number (seed 001 Q8: 企業さまにて
/// 請求情報を登録すると、… 代金が支払えるようになります). Plain data.
///
/// ```
/// use saifu::{Money, SmartPitBill, SmartPitNumber, parse_date};
///
/// let bill = SmartPitBill {
///     number: SmartPitNumber::parse("1234567890123")?,
///     merchant: "Example Shop".into(),
///     amount: Money::jpy(4_980)?,
///     due_on: parse_date("2026-11-30")?,
/// };
/// assert_eq!(bill.number.digits(), "1234567890123");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SmartPitBill {
    /// The Smart Pit number the bill is paid with.
    pub number: SmartPitNumber,
    /// The merchant that registered it.
    pub merchant: String,
    /// The amount.
    pub amount: Money,
    /// The due date the merchant set.
    pub due_on: NaiveDate,
}

/// How a person offers to pay at the register.
///
/// ```
/// use saifu::Tender;
/// assert_eq!(Tender::from_id("credit_card"), Some(Tender::CreditCard));
/// assert_eq!(Tender::Cash.id(), "cash");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tender {
    /// Cash.
    Cash,
    /// A credit card.
    CreditCard,
    /// Electronic money.
    EMoney,
    /// Anything else (a QR code payment, a gift card, …).
    Other,
}

impl Tender {
    /// `cash`, `credit_card`, `emoney`, `other`.
    ///
    /// ```
    /// # use saifu::Tender;
    /// assert_eq!(Tender::EMoney.id(), "emoney");
    /// ```
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Tender::Cash => "cash",
            Tender::CreditCard => "credit_card",
            Tender::EMoney => "emoney",
            Tender::Other => "other",
        }
    }

    /// The tender of an id returned by [`Tender::id`].
    ///
    /// ```
    /// # use saifu::Tender;
    /// assert_eq!(Tender::from_id("other"), Some(Tender::Other));
    /// assert_eq!(Tender::from_id("paypay"), None);
    /// ```
    #[must_use]
    pub fn from_id(id: &str) -> Option<Tender> {
        [
            Tender::Cash,
            Tender::CreditCard,
            Tender::EMoney,
            Tender::Other,
        ]
        .into_iter()
        .find(|t| t.id() == id)
    }
}

/// A yes from [`can_pay_smart_pit`]: where the payment is made, and the bills it pays.
///
/// ```
/// # use chrono::DateTime;
/// # use saifu::*;
/// let bill = SmartPitBill { number: SmartPitNumber::parse("1234567890123")?, merchant: "Shop".into(),
///     amount: Money::jpy(4_980)?, due_on: parse_date("2026-11-30")? };
/// let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00").unwrap();
/// let yes = can_pay_smart_pit("1234567890123", SmartPitMedium::Card, &[bill.clone()],
///     SmartPitStore::Sunkus, false, Tender::Cash, now)?;
/// assert_eq!(yes, SmartPitPayable { at_terminal: false, bills: vec![bill] });
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmartPitPayable {
    /// True at the store's multimedia terminal (Lawson, FamilyMart, Ministop); false at
    /// the register (Three F, Circle K, Sunkus).
    pub at_terminal: bool,
    /// The bills registered for the number, in the order given.
    pub bills: Vec<SmartPitBill>,
}

/// "Can this Smart Pit number be paid at this store, now, this way?" (seed 001, DESIGN §7).
///
/// `number` is as typed (§2 digits and separators); `printed_sheet` says whether the
/// person holds a printed sheet (it matters only for a sheet at a store that does not
/// take the number alone). Answers where it is paid and the bills it pays.
///
/// # Errors
/// The first of, in DESIGN §7's order: `smartpit.invalid_number`;
/// `smartpit.bill_not_found` (no bill is registered for the number: the terminal's
/// 「請求情報が存在しない」); `smartpit.sheet_required` (a sheet that is not printed, at
/// Three F, Circle K or Sunkus: they take the card itself or a printed sheet at the
/// register, seed 001 Q10); `smartpit.sheet_expired` (a sheet from 00:00 JST after its
/// expiry date, at any store); `smartpit.cash_only` (any tender but cash, Q12).
///
/// # Example
/// ```
/// use chrono::DateTime;
/// use saifu::*;
///
/// let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00").unwrap();
/// let bill = SmartPitBill { number: SmartPitNumber::parse("1234567890123")?, merchant: "Shop".into(),
///     amount: Money::jpy(4_980)?, due_on: parse_date("2026-11-30")? };
/// let bills = [bill];
/// let sheet = SmartPitMedium::Sheet { expires_on: parse_date("2026-11-30")? };
///
/// let yes = can_pay_smart_pit("１２３４ー５６７８ー９０１２３", sheet, &bills, SmartPitStore::Lawson, false, Tender::Cash, now)?;
/// assert!(yes.at_terminal);
/// assert_eq!(yes.bills.len(), 1);
///
/// let no = can_pay_smart_pit("1234567890123", sheet, &bills, SmartPitStore::CircleK, false, Tender::Cash, now);
/// assert_eq!(no.unwrap_err().code(), "smartpit.sheet_required");
/// let no = can_pay_smart_pit("1234567890123", SmartPitMedium::Card, &bills, SmartPitStore::CircleK, false, Tender::CreditCard, now);
/// assert_eq!(no.unwrap_err().code(), "smartpit.cash_only");
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn can_pay_smart_pit(
    number: &str,
    medium: SmartPitMedium,
    bills: &[SmartPitBill],
    store: SmartPitStore,
    printed_sheet: bool,
    tender: Tender,
    now: DateTime<FixedOffset>,
) -> Result<SmartPitPayable, Error> {
    let number = SmartPitNumber::parse(number)?;
    let billed: Vec<SmartPitBill> = bills
        .iter()
        .filter(|b| b.number == number)
        .cloned()
        .collect();
    if billed.is_empty() {
        return Err(Error::SmartPitBillNotFound);
    }
    let is_sheet = matches!(medium, SmartPitMedium::Sheet { .. });
    if is_sheet && !printed_sheet && !store.accepts_number() {
        return Err(Error::SmartPitSheetRequired);
    }
    if let Some(expired_at) = medium.expired_at() {
        if now >= expired_at {
            return Err(Error::SmartPitSheetExpired { expired_at });
        }
    }
    if tender != Tender::Cash {
        return Err(Error::SmartPitCashOnly);
    }
    Ok(SmartPitPayable {
        at_terminal: store.accepts_number(),
        bills: billed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn bill(number: &str) -> SmartPitBill {
        SmartPitBill {
            number: SmartPitNumber::parse(number).unwrap(),
            merchant: "m".into(),
            amount: Money::jpy(100).unwrap(),
            due_on: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        }
    }

    #[test]
    fn the_order_of_the_answers() {
        let sheet = SmartPitMedium::Sheet {
            expires_on: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        };
        let late = at("2026-12-01T00:00:00+09:00");
        let bills = [bill("1234567890123")];
        let code = |number: &str, bills: &[SmartPitBill], store, printed, tender| {
            can_pay_smart_pit(number, sheet, bills, store, printed, tender, late)
                .unwrap_err()
                .code()
        };
        use SmartPitStore::{CircleK, Lawson};
        use Tender::{Cash, EMoney};
        assert_eq!(
            code("12345", &[], CircleK, false, EMoney),
            "smartpit.invalid_number"
        );
        assert_eq!(
            code("1234567890123", &[], CircleK, false, EMoney),
            "smartpit.bill_not_found"
        );
        assert_eq!(
            code("1234567890123", &bills, CircleK, false, EMoney),
            "smartpit.sheet_required"
        );
        assert_eq!(
            code("1234567890123", &bills, CircleK, true, EMoney),
            "smartpit.sheet_expired"
        );
        assert_eq!(
            code("1234567890123", &bills, Lawson, false, EMoney),
            "smartpit.sheet_expired"
        );
        let ok = can_pay_smart_pit(
            "1234567890123",
            SmartPitMedium::Card,
            &bills,
            CircleK,
            false,
            Cash,
            late,
        )
        .unwrap();
        assert!(!ok.at_terminal);
    }

    #[test]
    fn the_bills_of_the_number_are_answered() {
        let bills = [
            bill("1111111111111"),
            bill("1234567890123"),
            bill("1234567890123"),
        ];
        let ok = can_pay_smart_pit(
            "1234 5678 90123",
            SmartPitMedium::Card,
            &bills,
            SmartPitStore::FamilyMart,
            false,
            Tender::Cash,
            at("2026-11-23T10:00:00+09:00"),
        )
        .unwrap();
        assert_eq!(ok.bills.len(), 2);
        assert!(ok.at_terminal);
    }

    #[test]
    fn rejects_wrong_lengths_and_characters() {
        for bad in [
            "",
            "   ",
            "123456789012",
            "12345678901234",
            "1234567890１２x",
            "١٢٣٤٥٦٧٨٩٠١٢٣",
        ] {
            assert_eq!(
                SmartPitNumber::parse(bad),
                Err(Error::SmartPitInvalidNumber),
                "{bad:?}"
            );
        }
        assert!(SmartPitNumber::parse(&"1".repeat(1 << 20)).is_err());
    }
}
