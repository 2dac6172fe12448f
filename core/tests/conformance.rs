//! Runs the language-neutral vectors of `conformance/` (or `SAIFU_CONFORMANCE_DIR`)
//! against the core. The Kotlin, Python and JavaScript runners run the same files
//! through the bindings; all four must agree.
//!
//! `cargo test -p saifu --test conformance` prints one line per failure and ends with
//! `N passed, N failed`. An unknown `fn`, `scenario` or `op` is a failure, not a skip.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value, json};

use saifu::{
    Brand, CardExpiry, CardNumber, Currency, Error, ErrorDetail, JCoinCredentials, MerchantQr,
    Money, MoneyStyle, PurchaseCode, Rounding, SecurityCode, SmartPitNumber, VoucherCode,
    check_password, parse_rate,
};

mod scenarios;

/// The outcome of one call: the fields of a success, or an error.
pub(crate) type Outcome = Result<Value, Error>;

fn main() {
    let dir = std::env::var_os("SAIFU_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../conformance"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable vector file");
        let suite: Value = serde_json::from_str(&text).expect("valid JSON");
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        for case in suite["cases"].as_array().expect("cases is a list") {
            let case_name = case["name"].as_str().unwrap_or("(unnamed)");
            match run_case(case) {
                Ok(()) => passed += 1,
                Err(why) => {
                    failed += 1;
                    println!("FAIL {name}: {case_name}: {why}");
                }
            }
        }
    }
    println!(
        "conformance ({}): {passed} passed, {failed} failed",
        dir.display()
    );
    if failed > 0 || passed == 0 {
        std::process::exit(1);
    }
}

fn run_case(case: &Value) -> Result<(), String> {
    if let Some(function) = case.get("fn").and_then(Value::as_str) {
        let outcome = call(function, &case["input"])?;
        return check(&outcome, &case["expect"]);
    }
    if let Some(kind) = case.get("scenario").and_then(Value::as_str) {
        return scenarios::run(kind, case);
    }
    Err("neither fn nor scenario".into())
}

/// Compares an outcome with `{"ok": {...}}` or `{"error": CODE, fields...}`.
pub(crate) fn check(outcome: &Outcome, expect: &Value) -> Result<(), String> {
    match (outcome, expect.get("error")) {
        (Err(e), Some(code)) => {
            if Some(e.code()) != code.as_str() {
                return Err(format!("expected error {code}, got {}", e.code()));
            }
            let actual = error_fields(e);
            for (key, want) in expect.as_object().into_iter().flatten() {
                if key == "error" {
                    continue;
                }
                let got = actual
                    .get(key)
                    .ok_or(format!("error {} has no field {key}", e.code()))?;
                matches(got, want).map_err(|why| format!("error field {key}: {why}"))?;
            }
            Ok(())
        }
        (Err(e), None) => Err(format!("unexpected error {}: {e}", e.code())),
        (Ok(got), Some(code)) => Err(format!("expected error {code}, got {got}")),
        (Ok(got), None) => {
            let want = expect.get("ok").unwrap_or(expect);
            matches(got, want)
        }
    }
}

/// An error's fields as JSON: money as its minor units, as the vectors write it.
pub(crate) fn error_fields(e: &Error) -> Map<String, Value> {
    e.details()
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                ErrorDetail::Text(t) => json!(t),
                ErrorDetail::Number(n) => json!(n),
                ErrorDetail::Money(m) => json!(m.minor()),
                ErrorDetail::Time(t) => json!(t.to_rfc3339()),
            };
            (k.to_owned(), v)
        })
        .collect()
}

/// Only the fields given are compared; lists element by element with equal lengths;
/// times as instants.
pub(crate) fn matches(got: &Value, want: &Value) -> Result<(), String> {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for (key, want) in w {
                let got = g.get(key).ok_or(format!("missing field {key} in {got}"))?;
                matches(got, want).map_err(|why| format!("{key}: {why}"))?;
            }
            Ok(())
        }
        (Value::Array(g), Value::Array(w)) => {
            if g.len() != w.len() {
                return Err(format!(
                    "expected {} elements, got {}: {got}",
                    w.len(),
                    g.len()
                ));
            }
            for (i, (g, w)) in g.iter().zip(w).enumerate() {
                matches(g, w).map_err(|why| format!("[{i}]: {why}"))?;
            }
            Ok(())
        }
        (Value::String(g), Value::String(w)) if g != w => match (instant(g), instant(w)) {
            (Some(a), Some(b)) if a == b => Ok(()),
            _ => Err(format!("expected {want}, got {got}")),
        },
        _ if got == want => Ok(()),
        _ => Err(format!("expected {want}, got {got}")),
    }
}

fn instant(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).ok()
}

pub(crate) fn time(v: &Value) -> Result<DateTime<FixedOffset>, String> {
    v.as_str()
        .and_then(instant)
        .ok_or(format!("not an RFC 3339 time: {v}"))
}

pub(crate) fn text<'a>(input: &'a Value, key: &str) -> Result<&'a str, String> {
    input[key]
        .as_str()
        .ok_or(format!("input.{key} is not text"))
}

pub(crate) fn integer(input: &Value, key: &str) -> Result<i64, String> {
    input[key]
        .as_i64()
        .ok_or(format!("input.{key} is not an integer"))
}

/// A vector's number (conformance/README.md "Bad numbers"): a JSON integer that fits an
/// `i64`, or any other number as an `f64`, the four values JSON cannot write given as
/// `{"number": "NaN" | "Infinity" | "-Infinity" | "-0"}`.
pub(crate) enum Number {
    /// For the integer entries.
    Integer(i64),
    /// For the floating-point entries (`Money::from_f64`, `units_from_f64`).
    Float(f64),
}

pub(crate) fn number(input: &Value, key: &str) -> Result<Number, String> {
    let v = &input[key];
    if let Some(n) = v.as_i64() {
        return Ok(Number::Integer(n));
    }
    if let Some(f) = v.as_f64() {
        return Ok(Number::Float(f));
    }
    match v["number"].as_str() {
        Some("NaN") => Ok(Number::Float(f64::NAN)),
        Some("Infinity") => Ok(Number::Float(f64::INFINITY)),
        Some("-Infinity") => Ok(Number::Float(f64::NEG_INFINITY)),
        Some("-0") => Ok(Number::Float(-0.0)),
        _ => Err(format!("input.{key} is not a number: {v}")),
    }
}

/// `input[key]` as an amount of `currency`, through the entry core has for such a number.
pub(crate) fn money(input: &Value, key: &str, currency: Currency) -> Result<MoneyOutcome, String> {
    Ok(match number(input, key)? {
        Number::Integer(n) => Money::new(n, currency),
        Number::Float(f) => Money::from_f64(f, currency),
    })
}

/// An amount, or core's refusal of the number (the outcome of the step).
pub(crate) type MoneyOutcome = Result<Money, Error>;

/// `input[key]` as a number of units, through the entry core has for such a number.
pub(crate) fn units(input: &Value, key: &str) -> Result<Result<u32, Error>, String> {
    Ok(match number(input, key)? {
        Number::Integer(n) => saifu::units_from_i64(n),
        Number::Float(f) => saifu::units_from_f64(f),
    })
}

fn call(function: &str, input: &Value) -> Result<Outcome, String> {
    Ok(match function {
        "money.parse" => {
            let currency = input["currency"].as_str().unwrap_or("JPY");
            let typed = text(input, "text")?;
            Currency::from_code(currency)
                .and_then(|c| Money::parse(typed, c))
                .map(|m| json!({"minor": m.minor(), "currency": m.currency().code()}))
        }
        "money.format" => {
            let style = match text(input, "style")? {
                "symbol" => MoneyStyle::Symbol,
                "suffix" => MoneyStyle::Suffix,
                "voucher" => MoneyStyle::Voucher,
                other => return Err(format!("unknown style {other}")),
            };
            let currency = match Currency::from_code(text(input, "currency")?) {
                Ok(c) => c,
                Err(e) => return Ok(Err(e)),
            };
            money(input, "minor", currency)?
                .and_then(|m| m.format(style))
                .map(|t| json!({"text": t}))
        }
        "money.apply_rate" => {
            let rounding = match text(input, "rounding")? {
                "to_zero" => Rounding::ToZero,
                "midpoint_away_from_zero" => Rounding::MidpointAwayFromZero,
                "away_from_zero" => Rounding::AwayFromZero,
                other => return Err(format!("unknown rounding {other}")),
            };
            let minor = integer(input, "minor")?;
            let rate = text(input, "rate")?;
            Currency::from_code(input["currency"].as_str().unwrap_or("JPY"))
                .and_then(|c| Money::new(minor, c))
                .and_then(|m| m.apply_rate(parse_rate(rate)?, rounding))
                .map(|m| json!({"minor": m.minor(), "currency": m.currency().code()}))
        }
        "card.parse" => CardNumber::parse(text(input, "number")?).map(|c| {
            json!({
                "brand": c.brand().id(), "digits": c.digits(), "display": c.display(),
                "masked": c.masked(), "last4": c.last4(), "first6_last4": c.first6_last4(),
            })
        }),
        "card.detect" => {
            let d = CardNumber::detect(text(input, "partial")?);
            Ok(json!({
                "brand": d.brand.map(Brand::id), "potentially_valid": d.potentially_valid,
                "complete": d.complete, "max_length": d.max_length,
            }))
        }
        "card.expiry" => {
            let now = time(&input["now"])?;
            CardExpiry::parse(text(input, "text")?).map(
                |e| json!({"month": e.month(), "year": e.year(), "expired": e.is_expired(&now)}),
            )
        }
        "card.cvc" => {
            let brand = Brand::from_id(text(input, "brand")?).ok_or("unknown brand")?;
            SecurityCode::parse(text(input, "cvc")?, brand).map(|c| json!({"masked": c.masked()}))
        }
        "voucher.mask_code" => {
            VoucherCode::parse(text(input, "code")?).map(|c| json!({"masked": c.masked()}))
        }
        "smartpit.parse" => SmartPitNumber::parse(text(input, "number")?)
            .map(|n| json!({"digits": n.digits(), "display": n.display()})),
        "password.check" => check_password(text(input, "password")?).map(|()| json!({})),
        "emvqr.parse" => MerchantQr::parse(text(input, "payload")?).map(|q| {
            json!({
                "merchant_name": q.merchant_name, "merchant_city": q.merchant_city,
                "currency": q.currency, "amount": q.amount, "country": q.country,
                "merchant_category_code": q.merchant_category_code,
            })
        }),
        "purchase.normalize_code" => {
            PurchaseCode::parse(text(input, "code")?).map(|c| json!({"code": c.as_str()}))
        }
        "jcoin.credentials" => JCoinCredentials::parse(
            text(input, "id")?,
            text(input, "password")?,
            text(input, "code")?,
        )
        .map(|c| {
            json!({
                "id": c.id().as_str(), "masked": c.id().masked(),
                "password": c.password(), "code": c.confirmation_code(),
            })
        }),
        "card.register" => return scenarios::cards::register(input),
        "card.billing_card" => return scenarios::cards::billing_card(input),
        "payment.number" => return scenarios::slips::number(input),
        "payment.slip" => return scenarios::slips::slip(input),
        "smartpit.can_pay" => return scenarios::slips::can_pay(input),
        other => match scenarios::accounts::call(other, input) {
            Some(outcome) => outcome?,
            None => return Err(format!("unknown fn {other}")),
        },
    })
}
