//! Payment slips and Smart Pit (DESIGN §6, §7): the `payment.number`, `payment.slip`
//! and `smartpit.can_pay` function cases of the conformance README.

use serde_json::{Value, json};

use saifu::{
    Lang, Money, PaymentField, PaymentNumberRules, PaymentSlip, SlipKind, SlipLine, SmartPitBill,
    SmartPitMedium, SmartPitNumber, SmartPitStore, Tender, can_pay_smart_pit, parse_date,
};

use crate::{Outcome, integer, text, time};

fn kind(v: &Value) -> Result<SlipKind, String> {
    let id = text(v, "kind")?;
    SlipKind::from_id(id).ok_or(format!("unknown kind {id}"))
}

fn field(v: &Value) -> Result<PaymentField, String> {
    let id = text(v, "field")?;
    PaymentField::from_id(id).ok_or(format!("unknown field {id}"))
}

/// The integrator's digit counts of a vector: optional `digits` `[{kind, field, min,
/// max}]`, applied in order.
pub(crate) fn rules(v: &Value) -> Result<Result<PaymentNumberRules, saifu::Error>, String> {
    let mut rules = PaymentNumberRules::new();
    for d in v["digits"].as_array().into_iter().flatten() {
        let set = rules.set_digits(kind(d)?, field(d)?, integer(d, "min")?, integer(d, "max")?);
        if let Err(e) = set {
            return Ok(Err(e));
        }
    }
    Ok(Ok(rules))
}

/// `payment.number`.
pub(crate) fn number(input: &Value) -> Result<Outcome, String> {
    let rules = match rules(input)? {
        Ok(r) => r,
        Err(e) => return Ok(Err(e)),
    };
    Ok(rules
        .parse(kind(input)?, field(input)?, text(input, "number")?)
        .map(|n| json!({"digits": n.digits(), "display": n.display()})))
}

fn line(l: &SlipLine) -> Value {
    json!({"label": l.label, "value": l.value})
}

/// A vector's `lang`: `ja` or `en`.
pub(crate) fn lang(v: &Value) -> Result<Lang, String> {
    match text(v, "lang")? {
        "ja" => Ok(Lang::Ja),
        "en" => Ok(Lang::En),
        other => Err(format!("unknown lang {other}")),
    }
}

/// A vector's `numbers` `[{field, number}]`, as typed.
pub(crate) fn numbers(v: &Value) -> Result<Vec<(PaymentField, &str)>, String> {
    v["numbers"]
        .as_array()
        .ok_or("numbers is not a list")?
        .iter()
        .map(|n| Ok((field(n)?, text(n, "number")?)))
        .collect()
}

/// `payment.slip`.
pub(crate) fn slip(input: &Value) -> Result<Outcome, String> {
    let rules = match rules(input)? {
        Ok(r) => r,
        Err(e) => return Ok(Err(e)),
    };
    let lang = lang(input)?;
    let numbers = numbers(input)?;
    let amount = match crate::money(input, "amount", saifu::Currency::JPY)? {
        Ok(m) => m,
        Err(e) => return Ok(Err(e)),
    };
    let deadline = time(&input["deadline"])?;
    Ok(PaymentSlip::new(kind(input)?, &numbers, deadline, amount, &rules).map(|s| view(&s, lang)))
}

/// A slip as `payment.slip` answers it: its numbers, its instructions in `lang` and
/// their text.
pub(crate) fn view(slip: &PaymentSlip, lang: Lang) -> Value {
    let how = slip.instructions(lang);
    json!({
        "numbers": slip.numbers().iter().map(|n| json!({
            "field": n.field().id(), "digits": n.digits(), "display": n.display(),
        })).collect::<Vec<_>>(),
        "instructions": {
            "title": how.title,
            "numbers": how.numbers.iter().map(line).collect::<Vec<_>>(),
            "steps": how.steps,
            "amount": line(&how.amount),
            "deadline": line(&how.deadline),
            "notes": how.notes,
        },
        "text": how.text(),
    })
}

/// `smartpit.can_pay`. A bill of the vector is a number only; the runner gives it a
/// merchant, an amount and a due date, which the answer does not depend on.
pub(crate) fn can_pay(input: &Value) -> Result<Outcome, String> {
    let medium = match text(input, "medium")? {
        "card" => SmartPitMedium::Card,
        "sheet" => SmartPitMedium::Sheet {
            expires_on: parse_date(text(input, "sheet_expires_on")?)
                .map_err(|e| e.code().to_owned())?,
        },
        other => return Err(format!("unknown medium {other}")),
    };
    let bills = input["bills"]
        .as_array()
        .ok_or("bills is not a list")?
        .iter()
        .map(|b| {
            let number = b.as_str().ok_or(format!("bill is not text: {b}"))?;
            Ok(SmartPitBill {
                number: SmartPitNumber::parse(number).map_err(|e| e.code().to_owned())?,
                merchant: "merchant".into(),
                amount: Money::jpy(1).map_err(|e| e.code().to_owned())?,
                due_on: parse_date("2099-12-31").map_err(|e| e.code().to_owned())?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let store = SmartPitStore::from_id(text(input, "store")?).ok_or("unknown store")?;
    let printed = input["has_printed_sheet"]
        .as_bool()
        .ok_or("has_printed_sheet is not a boolean")?;
    // "cash" or another word: any other way of paying.
    let tender = Tender::from_id(text(input, "method")?).unwrap_or(Tender::Other);
    Ok(can_pay_smart_pit(
        text(input, "number")?,
        medium,
        &bills,
        store,
        printed,
        tender,
        time(&input["now"])?,
    )
    .map(|yes| json!({"at_terminal": yes.at_terminal, "bills": yes.bills.len()})))
}
