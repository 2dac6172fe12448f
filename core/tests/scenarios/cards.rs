//! Cards on file (DESIGN §7): the `card.register` and `card.billing_card` function cases
//! and the `cards_on_file` scenario of the conformance README.

use serde_json::{Value, json};

use saifu::{
    BillingCutoff, Brand, CardConfirmation, CardEntry, CardPolicy, CardsOnFile, ExpiryInput,
    FingerprintKey, RegisteredCard, UsageMonth, format_instant,
};

use crate::{Outcome, check, integer, text, time};

/// A JSON list of strings.
fn strings(v: &Value, key: &str) -> Result<Vec<String>, String> {
    match &v[key] {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .map(|s| {
                s.as_str()
                    .map(str::to_owned)
                    .ok_or(format!("{key}: not text: {s}"))
            })
            .collect(),
        other => Err(format!("{key} is not a list: {other}")),
    }
}

fn hex(text: &str) -> Result<Vec<u8>, String> {
    if text.len() % 2 != 0 || !text.is_ascii() {
        return Err(format!("not hex: {text}"));
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).map_err(|e| format!("not hex: {e}")))
        .collect()
}

/// The integrator's policy of a vector: `fingerprint_key` (hex), `accepted_brands`,
/// `debit_prefixes`, `allowed_debit_prefixes`. The key is made first, so a short key is
/// reported before anything else.
fn policy(v: &Value) -> Result<Result<CardPolicy, saifu::Error>, String> {
    let key = match FingerprintKey::new(hex(text(v, "fingerprint_key")?)?) {
        Ok(key) => key,
        Err(e) => return Ok(Err(e)),
    };
    let brands = strings(v, "accepted_brands")?
        .iter()
        .map(|b| Brand::from_id(b).ok_or(format!("unknown brand {b}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CardPolicy::new(
        key,
        brands,
        strings(v, "debit_prefixes")?,
        strings(v, "allowed_debit_prefixes")?,
    ))
}

/// The card form of a vector: `number`, `cvc`, and `expiry` or `expiry_month` and
/// `expiry_year`.
fn entry(v: &Value) -> Result<CardEntry<'_>, String> {
    let expiry = match v.get("expiry") {
        Some(e) => ExpiryInput::Text(e.as_str().ok_or("expiry is not text")?),
        None => ExpiryInput::Fields {
            month: text(v, "expiry_month")?,
            year: text(v, "expiry_year")?,
        },
    };
    Ok(CardEntry {
        number: text(v, "number")?,
        expiry,
        security_code: text(v, "cvc")?,
    })
}

fn record(card: &RegisteredCard) -> Value {
    json!({
        "brand": card.brand.id(), "last4": card.last4, "expiry_month": card.expiry_month,
        "expiry_year": card.expiry_year, "debit": card.debit, "fingerprint": card.fingerprint,
        "registered_at": format_instant(&card.registered_at),
    })
}

fn read_record(v: &Value) -> Result<RegisteredCard, String> {
    Ok(RegisteredCard {
        brand: Brand::from_id(text(v, "brand")?).ok_or("unknown brand")?,
        last4: text(v, "last4")?.to_owned(),
        expiry_month: integer(v, "expiry_month")?,
        expiry_year: integer(v, "expiry_year")?,
        debit: v["debit"].as_bool().ok_or("debit is not a boolean")?,
        fingerprint: text(v, "fingerprint")?.to_owned(),
        registered_at: time(&v["registered_at"])?,
    })
}

fn confirmation(c: &CardConfirmation) -> Value {
    json!({
        "brand": c.card.brand.id(), "last4": c.card.last4, "expiry_month": c.card.expiry_month,
        "expiry_year": c.card.expiry_year, "debit": c.card.debit,
        "fingerprint": c.card.fingerprint, "registered_at": format_instant(&c.card.registered_at),
        "masked": c.masked_number, "masked_security_code": c.masked_security_code,
        "expiry": c.expiry,
    })
}

fn cutoff(v: &Value) -> Result<Result<BillingCutoff, saifu::Error>, String> {
    match v.get("cutoff_day") {
        None | Some(Value::Null) => Ok(Ok(BillingCutoff::LAST_DAY)),
        Some(day) => Ok(BillingCutoff::day(
            day.as_i64().ok_or("cutoff_day is not an integer")?,
        )),
    }
}

/// `card.register`.
pub(crate) fn register(input: &Value) -> Result<Outcome, String> {
    let policy = match policy(input)? {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let registered = strings(input, "registered_fingerprints")?;
    Ok(policy
        .check(&entry(input)?, &registered, time(&input["now"])?)
        .map(|c| confirmation(&c)))
}

/// `card.billing_card`: the registrations become records of a user's cards on file
/// (each with its own fingerprint), and the answer names the card of the record chosen.
pub(crate) fn billing_card(input: &Value) -> Result<Outcome, String> {
    let given = input["registrations"]
        .as_array()
        .ok_or("registrations is not a list")?;
    let mut ids = Vec::new();
    let mut records = Vec::new();
    for (i, r) in given.iter().enumerate() {
        ids.push(text(r, "card")?.to_owned());
        records.push(RegisteredCard {
            brand: Brand::Visa,
            last4: "0000".into(),
            expiry_month: 12,
            expiry_year: 2099,
            debit: false,
            fingerprint: format!("{i:064x}"),
            registered_at: time(&r["at"])?,
        });
    }
    let cards = CardsOnFile::from_registrations(records).map_err(|e| e.code().to_owned())?;
    let cutoff = match cutoff(input)? {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    Ok(UsageMonth::parse(text(input, "month")?).map(|month| {
        let card = cards.billing_card(month, cutoff).and_then(|c| {
            let i = cards.registrations().iter().position(|r| r == c)?;
            ids.get(i).cloned()
        });
        json!({ "card": card })
    }))
}

/// The `cards_on_file` scenario.
pub(crate) fn run(case: &Value) -> Result<(), String> {
    let setup = &case["setup"];
    let policy = policy(setup)?.map_err(|e| format!("setup: {}", e.code()))?;
    let cutoff = cutoff(setup)?.map_err(|e| format!("setup: {}", e.code()))?;
    let loaded = setup["registrations"]
        .as_array()
        .into_iter()
        .flatten()
        .map(read_record)
        .collect::<Result<Vec<_>, _>>()?;
    let mut cards =
        CardsOnFile::from_registrations(loaded).map_err(|e| format!("setup: {}", e.code()))?;
    let steps = case["steps"].as_array().ok_or("no steps")?;
    for (i, step) in steps.iter().enumerate() {
        let args = &step["args"];
        let before = cards.clone();
        let outcome: Outcome = match step["op"].as_str().unwrap_or_default() {
            "confirm" => {
                let shown = cards.confirm(&policy, &entry(args)?, time(&step["at"])?);
                if cards != before {
                    return Err(format!("step {i}: confirm changed the cards"));
                }
                shown.map(|c| confirmation(&c))
            }
            "register" => cards
                .register(&policy, &entry(args)?, time(&step["at"])?)
                .map(|c| confirmation(&c)),
            "current" => Ok(json!({ "card": cards.current().map(record) })),
            "registrations" => Ok(json!({
                "registrations": cards.registrations().iter().map(record).collect::<Vec<_>>()
            })),
            "billing_card" => UsageMonth::parse(text(args, "month")?)
                .map(|m| json!({ "card": cards.billing_card(m, cutoff).map(record) })),
            "reload" => {
                // What an app saves (the cards-on-file document) and loads back.
                let again = CardsOnFile::from_json(&cards.to_json())
                    .map_err(|e| format!("step {i}: reload failed: {}", e.code()))?;
                if again != cards {
                    return Err(format!("step {i}: reload changed the cards"));
                }
                cards = again;
                Ok(json!({
                    "registrations": cards.registrations().iter().map(record).collect::<Vec<_>>()
                }))
            }
            "load" => {
                let read = args["registrations"]
                    .as_array()
                    .ok_or("registrations is not a list")?
                    .iter()
                    .map(read_record)
                    .collect::<Result<Vec<_>, _>>()?;
                CardsOnFile::from_registrations(read).map(|loaded| {
                    cards = loaded;
                    json!({
                        "registrations": cards.registrations().iter().map(record).collect::<Vec<_>>()
                    })
                })
            }
            other => return Err(format!("step {i}: unknown op {other}")),
        };
        if outcome.is_err() && cards != before {
            return Err(format!("step {i}: a failed step changed the cards"));
        }
        check(&outcome, &step["expect"]).map_err(|why| format!("step {i}: {why}"))?;
    }
    Ok(())
}
