//! Payment slips of cash charges (seed 000; DESIGN §6 "Payment slip", §7 "Payment
//! numbers") and Smart Pit's "can this number be paid at this store, now, this way?"
//! (seed 001; DESIGN §7 "Smart Pit"). Names cross as camelCase literals; the `field`
//! detail of `payment.invalid_number` and the `kind` of `payment.invalid_rule` keep
//! core's ids (`payment_slip_number`, `seven_eleven`).

use js_sys::JsString;
use saifu::{KonbiniChain, Lang, PaymentField, SlipKind, SmartPitStore, Tender};
use wasm_bindgen::prelude::*;

use crate::error::JsFailure;
use crate::input::{self, list, named, named_field};
use crate::money;
use crate::time;

#[wasm_bindgen(typescript_custom_section)]
const PAYMENT_SLIP_TS: &'static str = r#"
/**
 * What carries the Smart Pit number: a card (no expiry) or a sheet, usable through the
 * end (24:00 JST) of `expiresOn` (`YYYY-MM-DD`).
 */
export type SmartPitMedium = { kind: "card" } | { kind: "sheet"; expiresOn: string };
"#;

input::js_names! {
    /// What a slip pays with: cash at a convenience store of a chain, or Pay-easy.
    type "SlipKind", read KINDS, write kind_name: SlipKind {
        [SlipKind::Konbini(KonbiniChain::SevenEleven)] => "sevenEleven",
        [SlipKind::Konbini(KonbiniChain::FamilyMart)] => "familyMart",
        [SlipKind::Konbini(KonbiniChain::Lawson)] => "lawson",
        [SlipKind::Konbini(KonbiniChain::Ministop)] => "ministop",
        [SlipKind::Konbini(KonbiniChain::Seicomart)] => "seicomart",
        [SlipKind::PayEasy] => "payEasy",
    }
}

input::js_names! {
    /// One number of a payment slip: 払込票番号, 企業コード, 注文番号, お客様番号, 確認番号,
    /// 受付番号, the phone number, 収納機関番号.
    type "PaymentField", read FIELDS, write field_name: PaymentField {
        [PaymentField::PaymentSlipNumber] => "paymentSlipNumber",
        [PaymentField::CompanyCode] => "companyCode",
        [PaymentField::OrderNumber] => "orderNumber",
        [PaymentField::CustomerNumber] => "customerNumber",
        [PaymentField::ConfirmationNumber] => "confirmationNumber",
        [PaymentField::ReceiptNumber] => "receiptNumber",
        [PaymentField::PhoneNumber] => "phoneNumber",
        [PaymentField::InstitutionNumber] => "institutionNumber",
    }
}

input::js_names! {
    /// A chain where Smart Pit bills are paid: by number at the terminal (Lawson, FamilyMart,
    /// Ministop) or with the card or a printed sheet at the register (the other three).
    type "SmartPitStore", read STORES: SmartPitStore {
        [SmartPitStore::Lawson] => "lawson",
        [SmartPitStore::FamilyMart] => "familyMart",
        [SmartPitStore::Ministop] => "ministop",
        [SmartPitStore::ThreeF] => "threeF",
        [SmartPitStore::CircleK] => "circleK",
        [SmartPitStore::Sunkus] => "sunkus",
    }
}

input::js_names! {
    /// How the customer pays.
    type "Tender", read TENDERS: Tender {
        [Tender::Cash] => "cash",
        [Tender::CreditCard] => "creditCard",
        [Tender::EMoney] => "eMoney",
        [Tender::Other] => "other",
    }
}

input::js_names! {
    /// A language of saifu's texts: English or Japanese.
    type "Lang", read LANGS: Lang {
        [Lang::En] => "en",
        [Lang::Ja] => "ja",
    }
}

/// The core's rules with `rules` (an array of `DigitRule`; omitted or null: none) applied
/// in order.
pub(crate) fn rules(value: Option<js_sys::Array>) -> Result<saifu::PaymentNumberRules, JsFailure> {
    let mut out = saifu::PaymentNumberRules::new();
    let Some(value) = value else {
        return Ok(out);
    };
    for r in input::array(&value, "rules")?.iter() {
        let (kind, field, min, max) = digit_rule(&r)?;
        out.set_digits(kind, field, min, max)?;
    }
    Ok(out)
}

input::js_input! {
    /// A digit count the integrator fixes for one field of one kind (only those that vary by
    /// payment agency), within the field's own range.
    interface "DigitRule",
    fn digit_rule(r, "rules[]") -> (saifu::SlipKind, saifu::PaymentField, i64, i64) {
        /// The slip kind.
        "kind": "SlipKind" => kind = named_field(KINDS),
        /// The field.
        "field": "PaymentField" => field = named_field(FIELDS),
        /// The fewest digits.
        "min": "number" => min = input::number_field |v| money::whole(v, saifu::Currency::JPY)?,
        /// The most digits.
        "max": "number" => max = input::number_field |v| money::whole(v, saifu::Currency::JPY)?,
    } {
        Ok((kind, field, min, max))
    }
}

input::js_object! {
    /// A valid payment number.
    interface "PaymentNumber",
    fn number_js(n: &saifu::PaymentNumber) {
        /// Which number it is.
        "field": "PaymentField" = field_name(n.field()).into(),
        /// The ASCII digits.
        "digits": "string" = n.digits().into(),
        /// Groups of 4 from the left: `1234 5678 9012 3`.
        "display": "string" = n.display().into(),
    }
}

input::js_object! {
    /// One line of a slip's instructions.
    interface "SlipLine",
    fn line_js(l: &saifu::SlipLine) {
        /// `払込票番号`, `お支払い金額`, …
        "label": "string" = l.label.as_str().into(),
        /// `1234 5678 9012 3`, `3,000円`, …
        "value": "string" = l.value.as_str().into(),
    }
}

fn texts_js(items: &[String]) -> JsValue {
    list(items.iter().map(|s| JsValue::from_str(s)))
}

/// Parses one payment number of a slip of `kind` as typed (DESIGN §2 digits and
/// separators), with the integrator's digit `rules` (omitted: the standard counts).
///
/// Throws `SaifuError`: `payment.invalid_rule` (`kind`, `field`);
/// `payment.unexpected_field` (`kind`, `field`): a field the kind's slip does not have;
/// `payment.invalid_number` (`field`); `input.invalid` for a name that is not one of
/// the literals.
#[wasm_bindgen(js_name = parsePaymentNumber, unchecked_return_type = "PaymentNumber")]
pub fn parse_payment_number(
    #[wasm_bindgen(unchecked_param_type = "SlipKind")] kind: &JsString,
    #[wasm_bindgen(unchecked_param_type = "PaymentField")] field: &JsString,
    number: &JsString,
    #[wasm_bindgen(unchecked_optional_param_type = "DigitRule[] | null")] rules: Option<
        js_sys::Array,
    >,
) -> Result<JsValue, JsFailure> {
    let kind = named(KINDS, &input::text(kind, "kind")?, "kind")?;
    let field = named(FIELDS, &input::text(field, "field")?, "field")?;
    let number = input::text(number, "number")?;
    let rules = self::rules(rules)?;
    Ok(number_js(&rules.parse(kind, field, &number)?))
}

/// The numbers of a slip as typed: an array of `SlipNumber`.
pub(crate) fn numbers(value: &JsValue) -> Result<Vec<(saifu::PaymentField, String)>, JsFailure> {
    input::items(value, "numbers", slip_number)
}

input::js_input! {
    /// A number of a slip as typed.
    interface "SlipNumber",
    fn slip_number(n, "numbers[]") -> (saifu::PaymentField, String) {
        /// Which number it is.
        "field": "PaymentField" => field = named_field(FIELDS),
        /// As typed.
        "number": "string" => number = input::text_field,
    } {
        Ok((field, number))
    }
}

input::js_object! {
    /// How to pay with a slip, in one language.
    interface "SlipInstructions",
    fn instructions_js(how: &saifu::SlipInstructions) {
        /// `セブン-イレブンでのお支払い`.
        "title": "string" = how.title.as_str().into(),
        /// The numbers, labelled.
        "numbers": "SlipLine[]" = list(how.numbers.iter().map(line_js)),
        /// What to do, step by step.
        "steps": "string[]" = texts_js(&how.steps),
        /// The deadline: the last minute before it, in JST.
        "deadline": "SlipLine" = line_js(&how.deadline),
        /// The amount.
        "amount": "SlipLine" = line_js(&how.amount),
        /// Notes (a convenience store's: cash only).
        "notes": "string[]" = texts_js(&how.notes),
        /// All of it as lines of text.
        "text": "string" = how.text().into(),
    }
}

/// A cash charge's payment slip, from the provider's notification: its kind, checked
/// numbers, deadline and amount, and its instructions in Japanese and English.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub struct PaymentSlip(saifu::PaymentSlip);

#[cfg(feature = "full")]
#[wasm_bindgen]
impl PaymentSlip {
    /// `numbers` as typed, in any order; `deadline` the first instant it can no longer be
    /// paid; `amount` in yen; `rules` the integrator's digit counts (omitted: standard).
    ///
    /// Throws `SaifuError`: `payment.invalid_rule`; `payment.unexpected_field` (a field
    /// the kind's slip does not have, or one given twice); `payment.invalid_number`
    /// naming the first of the kind's fields that is missing or not valid;
    /// `charge.invalid_amount` (not more than 0 yen); `money.*` for an amount that is
    /// not a whole number within ±(2^53 − 1); `time.invalid`; `input.invalid`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "SlipKind")] kind: &JsString,
        #[wasm_bindgen(unchecked_param_type = "SlipNumber[]")] numbers: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] deadline: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] amount: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DigitRule[] | null")] rules: Option<
            js_sys::Array,
        >,
    ) -> Result<PaymentSlip, JsFailure> {
        let kind = named(KINDS, &input::text(kind, "kind")?, "kind")?;
        let numbers = self::numbers(numbers)?;
        let deadline = time::instant(deadline)?;
        let rules = self::rules(rules)?;
        let amount = money::yen(input::number(amount))?;
        Ok(PaymentSlip(saifu::PaymentSlip::new(
            kind, &numbers, deadline, amount, &rules,
        )?))
    }

    /// The kind.
    #[wasm_bindgen(getter, unchecked_return_type = "SlipKind")]
    pub fn kind(&self) -> String {
        kind_name(self.0.kind()).to_owned()
    }

    /// The numbers, in the kind's order.
    #[wasm_bindgen(unchecked_return_type = "PaymentNumber[]")]
    pub fn numbers(&self) -> JsValue {
        list(self.0.numbers().iter().map(number_js))
    }

    /// The first instant it can no longer be paid, RFC 3339 in JST.
    #[wasm_bindgen(getter)]
    pub fn deadline(&self) -> String {
        time::rfc3339(&self.0.deadline())
    }

    /// The amount, yen.
    #[wasm_bindgen(getter)]
    pub fn amount(&self) -> f64 {
        money::plain(self.0.amount())
    }

    /// True from the deadline on.
    ///
    /// Throws `SaifuError` `time.invalid` for a `now` that is not a valid `Date`.
    #[wasm_bindgen(js_name = isPastDeadline)]
    pub fn is_past_deadline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<bool, JsFailure> {
        Ok(self.0.is_past_deadline(&time::instant(now)?))
    }

    /// How to pay, in `lang` (`"ja"` or `"en"`).
    ///
    /// Throws `SaifuError` `input.invalid` for another language.
    #[wasm_bindgen(unchecked_return_type = "SlipInstructions")]
    pub fn instructions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Lang")] lang: &JsString,
    ) -> Result<JsValue, JsFailure> {
        let lang = named(LANGS, &input::text(lang, "lang")?, "lang")?;
        Ok(instructions_js(&self.0.instructions(lang)))
    }

    /// What `JSON.stringify` writes: kind, numbers, deadline and amount.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "PaymentSlipSummary")]
    pub fn to_json(&self) -> JsValue {
        summary_js(&self.0)
    }
}

#[cfg(feature = "full")]
impl From<&saifu::PaymentSlip> for PaymentSlip {
    fn from(slip: &saifu::PaymentSlip) -> Self {
        PaymentSlip(slip.clone())
    }
}

input::js_object! {
    /// What `JSON.stringify` writes of a `PaymentSlip`.
    interface "PaymentSlipSummary",
    pub(crate) fn summary_js(slip: &saifu::PaymentSlip) {
        /// The kind.
        "kind": "SlipKind" = kind_name(slip.kind()).into(),
        /// The numbers, in the kind's order.
        "numbers": "PaymentNumber[]" = list(slip.numbers().iter().map(number_js)),
        /// The first instant it can no longer be paid, RFC 3339 in JST.
        "deadline": "string" = time::rfc3339(&slip.deadline()).into(),
        /// Yen.
        "amount": "number" = money::plain(slip.amount()).into(),
    }
}

input::js_object! {
    /// A bill a merchant registered for a Smart Pit number.
    interface "SmartPitBill",
    fn bill_js(b: &saifu::SmartPitBill) {
        /// The Smart Pit number (as `parseSmartPit` reads it; results give the 13 digits).
        "number": "string" = b.number.digits().into(),
        /// The merchant.
        "merchant": "string" = b.merchant.as_str().into(),
        /// Yen.
        "amount": "number" = money::plain(b.amount).into(),
        /// The due date, `YYYY-MM-DD`.
        "dueOn": "string" = time::date_text(&b.due_on).into(),
    }
}

input::js_object! {
    /// Yes: where the number is paid and the bills it pays.
    interface "SmartPitPayable",
    fn payable_js(yes: &saifu::SmartPitPayable) {
        /// True at the terminal (Lawson, FamilyMart, Ministop); false at the register.
        "atTerminal": "boolean" = yes.at_terminal.into(),
        /// The bills registered for the number.
        "bills": "SmartPitBill[]" = list(yes.bills.iter().map(bill_js)),
    }
}

/// Can Smart Pit `number` be paid at `store`, at `now`, with `tender`? `bills` are the
/// bills merchants registered; `hasPrintedSheet` whether a sheet was printed.
///
/// Throws `SaifuError`: a bill's own (`smartpit.invalid_number`, `money.*`,
/// `time.invalid`), `time.invalid` (`now`, a sheet's date), `input.invalid`; then in
/// DESIGN's order `smartpit.invalid_number`, `smartpit.bill_not_found`,
/// `smartpit.sheet_required`, `smartpit.sheet_expired` (`expiredAt`),
/// `smartpit.cash_only`.

#[cfg(feature = "full")]
#[wasm_bindgen(js_name = canPaySmartPit, unchecked_return_type = "SmartPitPayable")]
pub fn can_pay_smart_pit(
    number: &JsString,
    #[wasm_bindgen(unchecked_param_type = "SmartPitMedium")] medium: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "SmartPitBill[]")] bills: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "SmartPitStore")] store: &JsString,
    #[wasm_bindgen(js_name = hasPrintedSheet, unchecked_param_type = "boolean")]
    has_printed_sheet: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Tender")] tender: &JsString,
    #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
) -> Result<JsValue, JsFailure> {
    let number = input::text(number, "number")?;
    const BILL: &str = "bills[]";
    let bills = input::items(bills, "bills", |b| {
        Ok(saifu::SmartPitBill {
            number: saifu::SmartPitNumber::parse(&input::text_field(b, "number", BILL)?)?,
            merchant: input::text_field(b, "merchant", BILL)?,
            amount: money::yen(input::number_field(b, "amount", BILL)?)?,
            due_on: time::date(&input::text_field(b, "dueOn", BILL)?)?,
        })
    })?;
    let medium = match input::text_field(medium, "kind", "medium")?.as_str() {
        "card" => saifu::SmartPitMedium::Card,
        "sheet" => saifu::SmartPitMedium::Sheet {
            expires_on: time::date(&input::text_field(medium, "expiresOn", "medium")?)?,
        },
        other => {
            return Err(JsFailure::invalid_input(&format!(
                "medium.kind \"{other}\" is not one of its literals"
            )));
        }
    };
    let store = named(STORES, &input::text(store, "store")?, "store")?;
    let printed = input::boolean(has_printed_sheet, "hasPrintedSheet")?;
    let tender = named(TENDERS, &input::text(tender, "tender")?, "tender")?;
    let now = time::instant(now)?;
    let yes = saifu::can_pay_smart_pit(&number, medium, &bills, store, printed, tender, now)?;
    Ok(payable_js(&yes))
}
