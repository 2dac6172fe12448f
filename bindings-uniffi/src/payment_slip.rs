//! Payment slips of cash charges (seed 000; DESIGN §6 "Payment slip", §7 "Payment
//! numbers"): the numbers a convenience store or Pay-easy payment needs, checked and
//! grouped for display, and the instructions for using them in Japanese and English.
//!
//! The integrator's digit counts cross as a list of [`DigitRule`]s, applied in order by
//! the core.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use crate::charge::KonbiniChain;
use crate::error::{Lang, SaifuError};
use crate::time::{instant, timestamp};

/// What is paid with the slip: cash at a convenience store of a chain, or Pay-easy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SlipKind {
    /// Cash at a convenience store of this chain.
    Konbini {
        /// The chain.
        chain: KonbiniChain,
    },
    /// Pay-easy (ペイジー): a bank ATM or online banking.
    PayEasy,
}

impl From<SlipKind> for saifu::SlipKind {
    fn from(k: SlipKind) -> Self {
        match k {
            SlipKind::Konbini { chain } => saifu::SlipKind::Konbini(chain.into()),
            SlipKind::PayEasy => saifu::SlipKind::PayEasy,
        }
    }
}

impl From<saifu::SlipKind> for SlipKind {
    fn from(k: saifu::SlipKind) -> Self {
        match k {
            saifu::SlipKind::Konbini(chain) => SlipKind::Konbini {
                chain: chain.into(),
            },
            saifu::SlipKind::PayEasy => SlipKind::PayEasy,
        }
    }
}

#[uniffi::export]
impl SlipKind {
    /// The slip kind's stable id: the chain's (`seven_eleven`, `familymart`, `lawson`,
    /// `ministop`, `seicomart`) or `payeasy`.
    pub fn id(&self) -> String {
        saifu::SlipKind::from(*self).id().to_owned()
    }

    /// The slip kind's name for people: `セブン-イレブン` / `Seven-Eleven`.
    pub fn display_name(&self, lang: Lang) -> String {
        saifu::SlipKind::from(*self).name(lang).to_owned()
    }

    /// The numbers a slip of this kind has, in order.
    pub fn fields(&self) -> Vec<PaymentField> {
        saifu::SlipKind::from(*self)
            .fields()
            .iter()
            .map(|&f| f.into())
            .collect()
    }

    /// True for a convenience store (cash only); false for Pay-easy.
    pub fn is_cash_only(&self) -> bool {
        saifu::SlipKind::from(*self).is_cash_only()
    }
}

/// One number of a payment slip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum PaymentField {
    /// 払込票番号 (Seven-Eleven).
    PaymentSlipNumber,
    /// 企業コード (FamilyMart).
    CompanyCode,
    /// 注文番号 (FamilyMart).
    OrderNumber,
    /// お客様番号, also 受付番号 (Lawson, Ministop; Pay-easy).
    CustomerNumber,
    /// 確認番号 (Lawson, Ministop; Pay-easy).
    ConfirmationNumber,
    /// 受付番号 (Seicomart).
    ReceiptNumber,
    /// The phone number given at application (Seicomart).
    PhoneNumber,
    /// 収納機関番号 (Pay-easy).
    InstitutionNumber,
}

impl From<PaymentField> for saifu::PaymentField {
    fn from(f: PaymentField) -> Self {
        match f {
            PaymentField::PaymentSlipNumber => saifu::PaymentField::PaymentSlipNumber,
            PaymentField::CompanyCode => saifu::PaymentField::CompanyCode,
            PaymentField::OrderNumber => saifu::PaymentField::OrderNumber,
            PaymentField::CustomerNumber => saifu::PaymentField::CustomerNumber,
            PaymentField::ConfirmationNumber => saifu::PaymentField::ConfirmationNumber,
            PaymentField::ReceiptNumber => saifu::PaymentField::ReceiptNumber,
            PaymentField::PhoneNumber => saifu::PaymentField::PhoneNumber,
            PaymentField::InstitutionNumber => saifu::PaymentField::InstitutionNumber,
        }
    }
}

impl From<saifu::PaymentField> for PaymentField {
    fn from(f: saifu::PaymentField) -> Self {
        match f {
            saifu::PaymentField::PaymentSlipNumber => PaymentField::PaymentSlipNumber,
            saifu::PaymentField::CompanyCode => PaymentField::CompanyCode,
            saifu::PaymentField::OrderNumber => PaymentField::OrderNumber,
            saifu::PaymentField::CustomerNumber => PaymentField::CustomerNumber,
            saifu::PaymentField::ConfirmationNumber => PaymentField::ConfirmationNumber,
            saifu::PaymentField::ReceiptNumber => PaymentField::ReceiptNumber,
            saifu::PaymentField::PhoneNumber => PaymentField::PhoneNumber,
            saifu::PaymentField::InstitutionNumber => PaymentField::InstitutionNumber,
        }
    }
}

#[uniffi::export]
impl PaymentField {
    /// The field's stable id: `payment_slip_number`, `company_code`, `order_number`,
    /// `customer_number`, `confirmation_number`, `receipt_number`, `phone_number`,
    /// `institution_number`.
    pub fn id(&self) -> String {
        saifu::PaymentField::from(*self).id().to_owned()
    }

    /// The field's label on the slip: `払込票番号` / `Payment slip number`.
    pub fn label(&self, lang: Lang) -> String {
        saifu::PaymentField::from(*self).label(lang).to_owned()
    }
}

/// A digit count the integrator fixes for one field of one kind (only those that vary
/// by payment agency), within the field's own range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct DigitRule {
    /// The slip kind.
    pub kind: SlipKind,
    /// The field.
    pub field: PaymentField,
    /// The fewest digits.
    pub min: i64,
    /// The most digits.
    pub max: i64,
}

/// The core's rules with `rules` applied in order.
pub(crate) fn rules(rules: &[DigitRule]) -> Result<saifu::PaymentNumberRules, SaifuError> {
    let mut out = saifu::PaymentNumberRules::new();
    for r in rules {
        out.set_digits(r.kind.into(), r.field.into(), r.min, r.max)?;
    }
    Ok(out)
}

/// A valid payment number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct PaymentNumber {
    /// Which number it is.
    pub field: PaymentField,
    /// The digits, ASCII.
    pub digits: String,
    /// Grouped by 4 from the left, one space between: `1234 5678 9012 3`.
    pub display: String,
}

impl From<&saifu::PaymentNumber> for PaymentNumber {
    fn from(n: &saifu::PaymentNumber) -> Self {
        PaymentNumber {
            field: n.field().into(),
            digits: n.digits().to_owned(),
            display: n.display(),
        }
    }
}

/// Parses one payment number of a slip of `kind` as typed (DESIGN §2 digits and
/// separators), with the integrator's digit `rules` (an empty list for the standard
/// counts).
///
/// # Errors
/// `payment.invalid_rule` (a rule that cannot be fixed); `payment.unexpected_field` (a
/// field the kind's slip does not have); `payment.invalid_number` with `field`.
#[uniffi::export(default(rules))]
pub fn parse_payment_number(
    kind: SlipKind,
    field: PaymentField,
    number: String,
    rules: Vec<DigitRule>,
) -> Result<PaymentNumber, SaifuError> {
    let rules = self::rules(&rules)?;
    Ok(PaymentNumber::from(&rules.parse(
        kind.into(),
        field.into(),
        &number,
    )?))
}

/// A number of a slip as typed, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct SlipNumber {
    /// Which number it is.
    pub field: PaymentField,
    /// As typed.
    pub number: String,
}

/// One line of the instructions: a label and its value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct SlipLine {
    /// `払込票番号`, `お支払い金額`, …
    pub label: String,
    /// `1234 5678 9012 3`, `3,000円`, …
    pub value: String,
}

impl From<&saifu::SlipLine> for SlipLine {
    fn from(l: &saifu::SlipLine) -> Self {
        SlipLine {
            label: l.label.clone(),
            value: l.value.clone(),
        }
    }
}

/// How to pay with a slip, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct SlipInstructions {
    /// `セブン-イレブンでのお支払い`.
    pub title: String,
    /// The numbers, labelled.
    pub numbers: Vec<SlipLine>,
    /// What to do, step by step: which terminal or the register, which numbers.
    pub steps: Vec<String>,
    /// The deadline: the last minute before it, in JST.
    pub deadline: SlipLine,
    /// The amount.
    pub amount: SlipLine,
    /// Notes (a convenience store's: cash only).
    pub notes: Vec<String>,
    /// All of it as lines of text.
    pub text: String,
}

/// A cash charge's payment slip: its kind, checked numbers, deadline and amount.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Eq)]
pub struct PaymentSlip {
    inner: saifu::PaymentSlip,
}

impl PaymentSlip {
    /// The binding's slip of core's.
    pub(crate) fn of(inner: &saifu::PaymentSlip) -> Arc<Self> {
        Arc::new(PaymentSlip {
            inner: inner.clone(),
        })
    }
}

/// The numbers as typed, for core.
pub(crate) fn typed(numbers: Vec<SlipNumber>) -> Vec<(saifu::PaymentField, String)> {
    numbers
        .into_iter()
        .map(|n| (n.field.into(), n.number))
        .collect()
}

/// Two slips are equal when kind, numbers, deadline and amount are.
impl PartialEq for PaymentSlip {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

impl Eq for PaymentSlip {}

impl fmt::Debug for PaymentSlip {
    /// The core's: kind, numbers, deadline and amount.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

#[uniffi::export]
impl PaymentSlip {
    /// The slip of a provider's notification: `numbers` as typed, in any order;
    /// `deadline` the first instant it can no longer be paid; `amount` in yen.
    ///
    /// # Errors
    /// `time.invalid`; `payment.invalid_rule`; `payment.unexpected_field` (a field the
    /// kind's slip does not have, or one given twice); `payment.invalid_number` naming
    /// the first of the kind's fields that is missing or not valid;
    /// `charge.invalid_amount` (not more than 0 yen), or `money.*` for an amount beyond
    /// ±(2^53 − 1).
    #[uniffi::constructor(default(rules))]
    pub fn new(
        kind: SlipKind,
        numbers: Vec<SlipNumber>,
        deadline: SystemTime,
        amount: i64,
        rules: Vec<DigitRule>,
    ) -> Result<Arc<Self>, SaifuError> {
        let deadline = instant(deadline)?;
        let rules = self::rules(&rules)?;
        let numbers = typed(numbers);
        let amount = saifu::Money::jpy(amount)?;
        Ok(Arc::new(PaymentSlip {
            inner: saifu::PaymentSlip::new(kind.into(), &numbers, deadline, amount, &rules)?,
        }))
    }

    /// The kind.
    pub fn kind(&self) -> SlipKind {
        self.inner.kind().into()
    }

    /// The numbers, in the kind's order.
    pub fn numbers(&self) -> Vec<PaymentNumber> {
        self.inner
            .numbers()
            .iter()
            .map(PaymentNumber::from)
            .collect()
    }

    /// The first instant the slip can no longer be paid.
    pub fn deadline(&self) -> SystemTime {
        timestamp(self.inner.deadline())
    }

    /// The amount, in yen.
    pub fn amount(&self) -> i64 {
        self.inner.amount().minor()
    }

    /// True from the deadline on.
    ///
    /// # Errors
    /// `time.invalid`.
    pub fn is_past_deadline(&self, now: SystemTime) -> Result<bool, SaifuError> {
        Ok(self.inner.is_past_deadline(&instant(now)?))
    }

    /// How to pay, in `lang`.
    pub fn instructions(&self, lang: Lang) -> SlipInstructions {
        let how = self.inner.instructions(lang);
        SlipInstructions {
            text: how.text(),
            title: how.title,
            numbers: how.numbers.iter().map(SlipLine::from).collect(),
            steps: how.steps,
            deadline: SlipLine::from(&how.deadline),
            amount: SlipLine::from(&how.amount),
            notes: how.notes,
        }
    }
}
