//! The `wallet` scenario of the conformance README.

use serde_json::{Map, Value, json};

use saifu::{
    ExpiredRefundPolicy, HistoryFilter, Merchant, MerchantSize, Money, NewLot, Program, Scope,
    SpendingPolicy, VoucherCode, Wallet, WalletPolicy,
};

use crate::{Outcome, check, integer, text, time};

fn e2s(e: saifu::Error) -> String {
    format!("{}: {e}", e.code())
}

pub(crate) fn setup(setup: &Value) -> Result<Wallet, String> {
    let mut w = Wallet::new();
    for p in setup["programs"].as_array().into_iter().flatten() {
        w.add_program(Program::new(
            text(p, "id")?,
            text(p, "name")?,
            text(p, "payment_id_prefix")?,
        ))
        .map_err(e2s)?;
    }
    for m in setup["merchants"].as_array().into_iter().flatten() {
        w.add_merchant(Merchant {
            id: text(m, "id")?.into(),
            name: text(m, "name")?.into(),
            size: match text(m, "size")? {
                "large" => MerchantSize::Large,
                "small" => MerchantSize::Small,
                other => return Err(format!("unknown size {other}")),
            },
            programs: m["programs"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p.as_str().map(String::from))
                .collect(),
            jpqr_id: m["jpqr_id"].as_str().map(String::from),
        })
        .map_err(e2s)?;
    }
    if let Some(policy) = setup.get("policy") {
        let spending = match policy["spending"].as_str() {
            None | Some("expiry_then_balance") => SpendingPolicy::ExpiryThenBalance,
            Some("restricted_first") => SpendingPolicy::RestrictedFirst,
            Some(other) => return Err(format!("unknown spending policy {other}")),
        };
        let expired_refund = match &policy["expired_refund"] {
            Value::Null => ExpiredRefundPolicy::Reject,
            Value::String(s) if s == "reject" => ExpiredRefundPolicy::Reject,
            Value::String(s) if s == "forfeit" => ExpiredRefundPolicy::Forfeit,
            Value::Object(o) => ExpiredRefundPolicy::Reissue {
                valid_days: o
                    .get("reissue_days")
                    .and_then(Value::as_u64)
                    .and_then(|d| u32::try_from(d).ok())
                    .ok_or("bad reissue_days")?,
            },
            other => return Err(format!("unknown expired_refund policy {other}")),
        };
        w.set_policy(WalletPolicy {
            spending,
            expired_refund,
        })
        .map_err(e2s)?;
    }
    if let Some(serial) = setup.get("payment_serial").and_then(Value::as_u64) {
        w.set_next_payment_serial(serial).map_err(e2s)?;
    }
    for l in setup["lots"].as_array().into_iter().flatten() {
        w.open_lot(new_lot(l)?).map_err(e2s)?;
    }
    Ok(w)
}

pub(crate) fn new_lot(l: &Value) -> Result<NewLot, String> {
    let balance = Money::jpy(integer(l, "balance")?).map_err(e2s)?;
    let face_value = match l.get("face_value") {
        Some(v) => Money::jpy(v.as_i64().ok_or("bad face_value")?).map_err(e2s)?,
        None => balance,
    };
    Ok(NewLot {
        id: text(l, "id")?.into(),
        code: VoucherCode::parse(text(l, "code")?).map_err(e2s)?,
        management_no: text(l, "management_no")?.into(),
        program: text(l, "program")?.into(),
        scope: match text(l, "scope")? {
            "all_stores" => Scope::AllStores,
            "small_stores_only" => Scope::SmallStoresOnly,
            other => return Err(format!("unknown scope {other}")),
        },
        registered_at: time(&l["registered_at"])?,
        expires_on: match &l["expires_on"] {
            Value::Null => None,
            v => Some(
                v.as_str()
                    .and_then(|s| s.parse().ok())
                    .ok_or(format!("bad expires_on {v}"))?,
            ),
        },
        face_value,
        balance,
    })
}

fn allocations<'a>(list: impl Iterator<Item = (&'a str, Money)>) -> Value {
    list.map(|(lot, amount)| json!({"lot": lot, "amount": amount.minor()}))
        .collect()
}

pub(crate) fn run(case: &Value) -> Result<(), String> {
    let mut w = setup(&case["setup"])?;
    for (i, step) in case["steps"]
        .as_array()
        .ok_or("no steps")?
        .iter()
        .enumerate()
    {
        let before = w.to_json().map_err(e2s)?;
        let outcome = step_outcome(&mut w, step).map_err(|why| format!("step {i}: {why}"))?;
        check(&outcome, &step["expect"])
            .map_err(|why| format!("step {i} ({}): {why}", step["op"]))?;
        if outcome.is_err() && w.to_json().map_err(e2s)? != before {
            return Err(format!("step {i}: a failed step changed the wallet"));
        }
    }
    Ok(())
}

fn step_outcome(w: &mut Wallet, step: &Value) -> Result<Outcome, String> {
    let at = time(&step["at"])?;
    let args = &step["args"];
    // A number core refuses as an amount is the step's outcome (bad_numbers.json).
    let amount = match step["op"].as_str() {
        Some("pay" | "quote" | "refund") => {
            match crate::money(args, "amount", saifu::Currency::JPY)? {
                Ok(m) => m,
                Err(e) => return Ok(Err(e)),
            }
        }
        _ => Money::zero(saifu::Currency::JPY),
    };
    Ok(match step["op"].as_str().unwrap_or_default() {
        "pay" => w.pay(text(args, "merchant")?, amount, at).map(|r| {
            json!({
                "payment_id": r.payment_id,
                "allocations": allocations(r.allocations.iter().map(|a| (a.lot.as_str(), a.amount))),
                "balance_after": r.balance_after.minor(),
            })
        }),
        "quote" => w.quote(text(args, "merchant")?, amount, at).map(|q| {
            json!({
                "available": q.available.minor(),
                "allocations": allocations(q.allocations.iter().map(|a| (a.lot.as_str(), a.amount))),
            })
        }),
        "refund" => w.refund(text(args, "payment_id")?, amount, at).map(|r| {
            json!({
                "refund_id": r.refund_id,
                "restored": allocations(r.restored.iter().map(|a| (a.lot.as_str(), a.amount))),
                "refundable": r.refundable_after.minor(),
            })
        }),
        "expire" => w.expire(at).map(|f| {
            json!({"forfeited": allocations(f.iter().map(|f| (f.lot.as_str(), f.amount)))})
        }),
        "balance" => w.balance(at).map(|b| {
            let lots: Map<String, Value> = b
                .lots
                .iter()
                .map(|l| (l.lot.clone(), json!(l.balance.minor())))
                .collect();
            let programs: Map<String, Value> = b
                .programs
                .iter()
                .map(|p| (p.program.clone(), json!(p.total.minor())))
                .collect();
            json!({
                "total": b.total.minor(), "under_6_months": b.under_6_months.minor(),
                "under_1_year": b.under_1_year.minor(), "one_year_or_more": b.one_year_or_more.minor(),
                "lots": lots, "programs": programs,
            })
        }),
        "history" => Ok(json!({
            "entries": w.history(&HistoryFilter::default()).iter().map(|e| json!({
                "kind": e.kind.id(), "id": e.id, "amount": e.amount.minor(),
                "at": e.at.to_rfc3339(), "time": e.display_time(), "display_amount": e.display_amount(),
            })).collect::<Vec<_>>()
        })),
        "charge" => {
            let lots = args["lots"]
                .as_array()
                .ok_or("charge needs lots")?
                .iter()
                .map(new_lot)
                .collect::<Result<Vec<_>, _>>()?;
            w.charge(text(args, "id")?, text(args, "program")?, at, lots)
                .map(|()| json!({}))
        }
        "lots" => Ok(json!({
            "lots": w.lots().iter().map(|l| json!({"id": l.id(), "balance": l.balance().minor(), "scope": match l.scope() { Scope::AllStores => "all_stores", Scope::SmallStoresOnly => "small_stores_only" }})).collect::<Vec<_>>()
        })),
        other => return Err(format!("unknown op {other}")),
    })
}
