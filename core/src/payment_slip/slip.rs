//! The payment slip (DESIGN §6 "Payment slip", §7 "Payment numbers"): what the payment
//! provider's notification gives a user who chose to pay a charge in cash at a
//! convenience store or by Pay-easy (seed 000: 「メールのご案内に沿って、各コンビニで現金
//! でお支払いください」), and how to use it, in Japanese and English.

use chrono::{DateTime, Datelike, Duration, FixedOffset, Timelike};

use super::number::{PaymentField, PaymentNumber, PaymentNumberRules, SlipKind};
use crate::charge::KonbiniChain;
use crate::currency::Currency;
use crate::error::{Error, Lang};
use crate::jst;
use crate::money::{Money, MoneyStyle};

/// A payment slip: the numbers of one chain or of Pay-easy, the deadline and the amount.
///
/// Made only by [`PaymentSlip::new`], which checks every number, so a slip always holds
/// exactly its kind's numbers, valid; load a saved slip through it too.
///
/// ```
/// use chrono::DateTime;
/// use saifu::*;
///
/// let slip = PaymentSlip::new(
///     SlipKind::Konbini(KonbiniChain::SevenEleven),
///     &[(PaymentField::PaymentSlipNumber, "1234-5678-9012-3")],
///     DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap(),
///     Money::jpy(3000)?,
///     &PaymentNumberRules::new(),
/// )?;
/// let how = slip.instructions(Lang::Ja);
/// assert_eq!(how.title, "セブン-イレブンでのお支払い");
/// assert_eq!(how.deadline.value, "2026/11/25 23:59");
/// assert_eq!(how.numbers[0].value, "1234 5678 9012 3");
/// assert!(how.text().contains("お支払いは現金のみです。"));
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PaymentSlip {
    kind: SlipKind,
    numbers: Vec<PaymentNumber>,
    deadline: DateTime<FixedOffset>,
    amount: Money,
}

impl PaymentSlip {
    /// A slip of `kind` from its numbers (as the notification or a person gives them, in
    /// any order), its deadline and its amount.
    ///
    /// `deadline` is the first instant the slip can no longer be paid (as a cash
    /// charge's `until`: 00:00 JST after the last day); the instructions show the last
    /// minute before it.
    ///
    /// # Errors
    /// In order: `payment.unexpected_field` for a field the kind does not have, or one
    /// given twice; `payment.invalid_number` naming the first of the kind's fields (in
    /// [`SlipKind::fields`] order) that is missing or not valid under `rules`;
    /// `charge.invalid_amount` unless the amount is positive yen.
    ///
    /// # Example
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// let deadline = DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap();
    /// let fm = SlipKind::Konbini(KonbiniChain::FamilyMart);
    /// let err = PaymentSlip::new(fm, &[(PaymentField::CompanyCode, "12345")], deadline,
    ///     Money::jpy(3000)?, &PaymentNumberRules::new()).unwrap_err();
    /// assert_eq!(err, Error::PaymentInvalidNumber { field: "order_number".into() });
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn new<S: AsRef<str>>(
        kind: SlipKind,
        numbers: &[(PaymentField, S)],
        deadline: DateTime<FixedOffset>,
        amount: Money,
        rules: &PaymentNumberRules,
    ) -> Result<PaymentSlip, Error> {
        for (i, (field, _)) in numbers.iter().enumerate() {
            let repeated = numbers.iter().take(i).any(|(f, _)| f == field);
            if repeated || !kind.fields().contains(field) {
                return Err(Error::PaymentUnexpectedField {
                    kind: kind.id().to_owned(),
                    field: field.id().to_owned(),
                });
            }
        }
        let parsed = kind
            .fields()
            .iter()
            .map(|&field| {
                let text = numbers
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map_or("", |(_, text)| text.as_ref());
                rules.parse(kind, field, text)
            })
            .collect::<Result<Vec<_>, Error>>()?;
        if amount.currency() != Currency::JPY || !amount.is_positive() {
            return Err(Error::ChargeInvalidAmount);
        }
        Ok(PaymentSlip {
            kind,
            numbers: parsed,
            deadline,
            amount,
        })
    }

    /// Who it is paid to.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let slip = PaymentSlip::new(SlipKind::PayEasy, &[(PaymentField::InstitutionNumber, "58021"),
    /// #     (PaymentField::CustomerNumber, "12345678901234567890"), (PaymentField::ConfirmationNumber, "123456")],
    /// #     DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap(), Money::jpy(3000)?, &PaymentNumberRules::new())?;
    /// assert_eq!(slip.kind(), SlipKind::PayEasy);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> SlipKind {
        self.kind
    }

    /// Its numbers, in the order of [`SlipKind::fields`].
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let slip = PaymentSlip::new(SlipKind::PayEasy, &[(PaymentField::CustomerNumber, "12345678901234567890"),
    /// #     (PaymentField::ConfirmationNumber, "123456"), (PaymentField::InstitutionNumber, "58021")],
    /// #     DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap(), Money::jpy(3000)?, &PaymentNumberRules::new())?;
    /// assert_eq!(slip.numbers()[0].field(), PaymentField::InstitutionNumber);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn numbers(&self) -> &[PaymentNumber] {
        &self.numbers
    }

    /// The number of a field.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let slip = PaymentSlip::new(SlipKind::PayEasy, &[(PaymentField::InstitutionNumber, "58021"),
    /// #     (PaymentField::CustomerNumber, "12345678901234567890"), (PaymentField::ConfirmationNumber, "123456")],
    /// #     DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap(), Money::jpy(3000)?, &PaymentNumberRules::new())?;
    /// assert_eq!(slip.number(PaymentField::InstitutionNumber).map(|n| n.digits()), Some("58021"));
    /// assert!(slip.number(PaymentField::PhoneNumber).is_none());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn number(&self, field: PaymentField) -> Option<&PaymentNumber> {
        self.numbers.iter().find(|n| n.field() == field)
    }

    /// The first instant it can no longer be paid.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let deadline = DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap();
    /// # let slip = PaymentSlip::new(SlipKind::Konbini(KonbiniChain::SevenEleven),
    /// #     &[(PaymentField::PaymentSlipNumber, "1234567890123")], deadline, Money::jpy(3000)?, &PaymentNumberRules::new())?;
    /// assert_eq!(slip.deadline(), deadline);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn deadline(&self) -> DateTime<FixedOffset> {
        self.deadline
    }

    /// The amount to pay.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let slip = PaymentSlip::new(SlipKind::Konbini(KonbiniChain::SevenEleven),
    /// #     &[(PaymentField::PaymentSlipNumber, "1234567890123")],
    /// #     DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap(), Money::jpy(3000)?, &PaymentNumberRules::new())?;
    /// assert_eq!(slip.amount(), Money::jpy(3000)?);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// True from the deadline on: the slip can no longer be paid.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let slip = PaymentSlip::new(SlipKind::Konbini(KonbiniChain::SevenEleven),
    /// #     &[(PaymentField::PaymentSlipNumber, "1234567890123")],
    /// #     DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap(), Money::jpy(3000)?, &PaymentNumberRules::new())?;
    /// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    /// assert!(!slip.is_past_deadline(&t("2026-11-25T23:59:59.999+09:00")));
    /// assert!(slip.is_past_deadline(&t("2026-11-25T15:00:00Z")));
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn is_past_deadline(&self, now: &DateTime<FixedOffset>) -> bool {
        *now >= self.deadline
    }

    /// How to pay it: where (the register, the chain's terminal, or a bank ATM or online
    /// banking), which numbers, by when, how much, and that a convenience store takes
    /// cash only.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// let slip = PaymentSlip::new(
    ///     SlipKind::Konbini(KonbiniChain::Lawson),
    ///     &[(PaymentField::CustomerNumber, "1234567890"), (PaymentField::ConfirmationNumber, "5678")],
    ///     DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap(),
    ///     Money::jpy(10_000)?,
    ///     &PaymentNumberRules::new(),
    /// )?;
    /// let how = slip.instructions(Lang::En);
    /// assert_eq!(how.title, "Paying at Lawson");
    /// assert_eq!(how.amount.value, "¥10,000");
    /// assert_eq!(how.deadline.value, "2026/11/25 23:59 (JST)");
    /// assert_eq!(how.numbers[0].label, "Customer number");
    /// assert!(how.steps[0].contains("Loppi"));
    /// assert_eq!(how.notes, vec!["Cash only.".to_owned()]);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn instructions(&self, lang: Lang) -> SlipInstructions {
        let title = match lang {
            Lang::Ja => format!("{}でのお支払い", self.kind.name(lang)),
            Lang::En => format!("Paying at {}", self.kind.name(lang)),
        };
        let numbers = self
            .numbers
            .iter()
            .map(|n| SlipLine {
                label: capitalised(n.field().label(lang)),
                value: n.display(),
            })
            .collect();
        let amount = SlipLine {
            label: match lang {
                Lang::Ja => "お支払金額",
                Lang::En => "Amount",
            }
            .to_owned(),
            // Both styles format any yen amount, and a slip holds yen only.
            value: match lang {
                Lang::Ja => self.amount.format(MoneyStyle::Suffix),
                Lang::En => self.amount.format(MoneyStyle::Symbol),
            }
            .unwrap_or_default(),
        };
        let last_minute = last_minute(&self.deadline);
        let deadline = match lang {
            Lang::Ja => SlipLine {
                label: "お支払期限".to_owned(),
                value: last_minute,
            },
            Lang::En => SlipLine {
                label: "Pay by".to_owned(),
                value: format!("{last_minute} (JST)"),
            },
        };
        let notes = if self.kind.is_cash_only() {
            vec![
                match lang {
                    Lang::Ja => "お支払いは現金のみです。",
                    Lang::En => "Cash only.",
                }
                .to_owned(),
            ]
        } else {
            Vec::new()
        };
        SlipInstructions {
            title,
            numbers,
            steps: steps(self.kind, lang),
            deadline,
            amount,
            notes,
        }
    }
}

/// How to pay a slip, as text an app can show ([`SlipInstructions::text`]) or lay out
/// itself.
///
/// ```
/// # use chrono::DateTime;
/// # use saifu::*;
/// let slip = PaymentSlip::new(
///     SlipKind::Konbini(KonbiniChain::FamilyMart),
///     &[(PaymentField::CompanyCode, "12345"), (PaymentField::OrderNumber, "123456789012")],
///     DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap(),
///     Money::jpy(3000)?,
///     &PaymentNumberRules::new(),
/// )?;
/// assert_eq!(slip.instructions(Lang::Ja).text(), "\
/// ファミリーマートでのお支払い
/// 企業コード: 1234 5
/// 注文番号: 1234 5678 9012
/// お支払金額: 3,000円
/// お支払期限: 2026/11/25 23:59
/// 1. 店内のFamiポートで企業コードと注文番号を入力してください。
/// 2. お支払期限までに、レジで現金でお支払いください。
/// お支払いは現金のみです。");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipInstructions {
    /// `セブン-イレブンでのお支払い`, `Paying at Seven-Eleven`, …
    pub title: String,
    /// The numbers, in the order they are entered or told.
    pub numbers: Vec<SlipLine>,
    /// What to do, in order.
    pub steps: Vec<String>,
    /// The last minute to pay, in JST: `お支払期限` `2026/11/25 23:59`, `Pay by`
    /// `2026/11/25 23:59 (JST)`.
    pub deadline: SlipLine,
    /// The amount: `お支払金額` `3,000円`, `Amount` `¥3,000`.
    pub amount: SlipLine,
    /// Anything else to know (a convenience store: cash only).
    pub notes: Vec<String>,
}

impl SlipInstructions {
    /// Everything as lines: the title, each number, the amount, the deadline, the
    /// numbered steps and the notes.
    ///
    /// ```
    /// # use chrono::DateTime;
    /// # use saifu::*;
    /// # let slip = PaymentSlip::new(SlipKind::Konbini(KonbiniChain::SevenEleven),
    /// #     &[(PaymentField::PaymentSlipNumber, "1234567890123")],
    /// #     DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap(), Money::jpy(3000)?, &PaymentNumberRules::new())?;
    /// let text = slip.instructions(Lang::En).text();
    /// assert!(text.starts_with("Paying at Seven-Eleven\nPayment slip number: 1234 5678 9012 3\nAmount: ¥3,000\n"));
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn text(&self) -> String {
        let line = |l: &SlipLine| format!("{}: {}", l.label, l.value);
        let mut lines = vec![self.title.clone()];
        lines.extend(self.numbers.iter().map(line));
        lines.push(line(&self.amount));
        lines.push(line(&self.deadline));
        lines.extend(
            self.steps
                .iter()
                .enumerate()
                .map(|(i, step)| format!("{}. {step}", i.saturating_add(1))),
        );
        lines.extend(self.notes.iter().cloned());
        lines.join("\n")
    }
}

/// One labelled line of [`SlipInstructions`]: a number (its digits grouped by 4), the
/// amount or the deadline.
///
/// ```
/// # use chrono::DateTime;
/// # use saifu::*;
/// let slip = PaymentSlip::new(SlipKind::Konbini(KonbiniChain::Seicomart),
///     &[(PaymentField::ReceiptNumber, "987654"), (PaymentField::PhoneNumber, "090-1234-5678")],
///     DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap(), Money::jpy(1200)?,
///     &PaymentNumberRules::new())?;
/// let how = slip.instructions(Lang::Ja);
/// assert_eq!(how.numbers[1], SlipLine { label: "電話番号".into(), value: "0901 2345 678".into() });
/// assert_eq!(how.amount, SlipLine { label: "お支払金額".into(), value: "1,200円".into() });
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipLine {
    /// `払込票番号`, `Payment slip number`, `お支払金額`, …
    pub label: String,
    /// `1234 5678 9012 3`, `3,000円`, …
    pub value: String,
}

/// The steps of a kind, in a language (DESIGN §7: Seven-Eleven and Seicomart at the
/// register, FamilyMart at Famiポート then the register, Lawson and Ministop at Loppi then
/// the register, Pay-easy at a bank ATM or in online banking).
fn steps(kind: SlipKind, lang: Lang) -> Vec<String> {
    use KonbiniChain as C;
    let (first, second) = match (kind, lang) {
        (SlipKind::Konbini(C::SevenEleven), Lang::Ja) => (
            "レジで払込票番号をお伝えください（端末の操作は不要です）。".to_owned(),
            "お支払期限までに、現金でお支払いください。",
        ),
        (SlipKind::Konbini(C::SevenEleven), Lang::En) => (
            "At the register, tell the staff the payment slip number (no terminal needed)."
                .to_owned(),
            "Pay in cash by the deadline.",
        ),
        (SlipKind::Konbini(C::Seicomart), Lang::Ja) => (
            "レジで受付番号と、お申し込み時の電話番号をお伝えください。".to_owned(),
            "お支払期限までに、現金でお支払いください。",
        ),
        (SlipKind::Konbini(C::Seicomart), Lang::En) => (
            "At the register, tell the staff the receipt number and the phone number you gave when you applied."
                .to_owned(),
            "Pay in cash by the deadline.",
        ),
        (SlipKind::Konbini(C::FamilyMart | C::Lawson | C::Ministop), _) => {
            let terminal = kind.terminal(lang).unwrap_or_default();
            let fields: Vec<&str> = kind.fields().iter().map(|f| f.label(lang)).collect();
            let (a, b) = match fields.as_slice() {
                [a, b] => (*a, *b),
                _ => ("", ""),
            };
            match lang {
                Lang::Ja => (
                    format!("店内の{terminal}で{a}と{b}を入力してください。"),
                    "お支払期限までに、レジで現金でお支払いください。",
                ),
                Lang::En => (
                    format!("At the {terminal} terminal in the store, enter the {a} and the {b}."),
                    "Then pay in cash at the register by the deadline.",
                ),
            }
        }
        (SlipKind::PayEasy, Lang::Ja) => (
            "Pay-easy（ペイジー）に対応した金融機関のATMまたはインターネットバンキングで、Pay-easyでのお支払いを選んでください。"
                .to_owned(),
            "収納機関番号、お客様番号、確認番号を入力し、お支払期限までにお支払いください。",
        ),
        (SlipKind::PayEasy, Lang::En) => (
            "At a bank ATM or in online banking that supports Pay-easy, choose to pay by Pay-easy."
                .to_owned(),
            "Enter the institution number, the customer number and the confirmation number, and pay by the deadline.",
        ),
    };
    vec![first, second.to_owned()]
}

/// `2026/11/25 23:59`: the last minute before `deadline`, in JST.
fn last_minute(deadline: &DateTime<FixedOffset>) -> String {
    let last = deadline
        .checked_sub_signed(Duration::milliseconds(1))
        .unwrap_or(*deadline);
    let t = jst::at(&last);
    format!(
        "{:04}/{:02}/{:02} {:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// The first letter in upper case (English labels start sentences in lower case). ASCII
/// only, as every label's first letter is, so Unicode's case tables are not needed.
fn capitalised(label: &str) -> String {
    let mut label = label.to_owned();
    if let Some(first) = label.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deadline() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap()
    }

    #[test]
    fn the_order_of_the_checks() {
        let rules = PaymentNumberRules::new();
        let fm = SlipKind::Konbini(KonbiniChain::FamilyMart);
        let yen = Money::jpy(1).unwrap();
        let err = |numbers: &[(PaymentField, &str)], amount| {
            PaymentSlip::new(fm, numbers, deadline(), amount, &rules).unwrap_err()
        };
        // An unexpected field before a bad number, a bad number before the amount.
        assert_eq!(
            err(
                &[
                    (PaymentField::CompanyCode, "x"),
                    (PaymentField::PhoneNumber, "1")
                ],
                Money::jpy(0).unwrap()
            )
            .code(),
            "payment.unexpected_field"
        );
        assert_eq!(
            err(
                &[
                    (PaymentField::CompanyCode, "12345"),
                    (PaymentField::CompanyCode, "12345")
                ],
                yen
            )
            .code(),
            "payment.unexpected_field"
        );
        assert_eq!(
            err(
                &[
                    (PaymentField::OrderNumber, "1"),
                    (PaymentField::CompanyCode, "1")
                ],
                Money::jpy(0).unwrap()
            ),
            Error::PaymentInvalidNumber {
                field: "company_code".into()
            }
        );
        let ok = [
            (PaymentField::CompanyCode, "12345"),
            (PaymentField::OrderNumber, "123456789012"),
        ];
        assert_eq!(
            err(&ok, Money::jpy(0).unwrap()).code(),
            "charge.invalid_amount"
        );
        assert_eq!(
            err(&ok, Money::new(100, Currency::USD).unwrap()).code(),
            "charge.invalid_amount"
        );
        assert!(PaymentSlip::new(fm, &ok, deadline(), yen, &rules).is_ok());
    }

    #[test]
    fn every_kind_has_instructions_in_both_languages() {
        let rules = PaymentNumberRules::new();
        for kind in SlipKind::ALL {
            let numbers: Vec<(PaymentField, String)> = kind
                .fields()
                .iter()
                .map(|&f| {
                    let (min, _) = rules.digits(kind, f).unwrap();
                    (f, "7".repeat(usize::try_from(min).unwrap()))
                })
                .collect();
            let slip =
                PaymentSlip::new(kind, &numbers, deadline(), Money::jpy(500).unwrap(), &rules)
                    .unwrap();
            for lang in [Lang::Ja, Lang::En] {
                let how = slip.instructions(lang);
                assert_eq!(how.numbers.len(), kind.fields().len());
                assert_eq!(how.steps.len(), 2);
                assert_eq!(how.notes.is_empty(), !kind.is_cash_only());
                let text = how.text();
                assert!(text.contains(kind.name(lang)), "{text}");
                for field in kind.fields() {
                    assert!(
                        text.to_lowercase().contains(field.label(lang)),
                        "{kind:?} {lang:?}: {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_deadline_is_the_last_minute_in_jst() {
        assert_eq!(last_minute(&deadline()), "2026/11/25 23:59");
        let utc = DateTime::parse_from_rfc3339("2026-11-25T15:00:00Z").unwrap();
        assert_eq!(last_minute(&utc), "2026/11/25 23:59");
        let odd = DateTime::parse_from_rfc3339("2026-11-25T18:30:30+09:00").unwrap();
        assert_eq!(last_minute(&odd), "2026/11/25 18:30");
    }
}
