//! The `charge` scenario of the conformance README.

use serde_json::{Value, json};

use saifu::{
    Brand, CardExpiry, CardNumber, ChargeEvent, ChargeMethod, ChargeMethodKind, ChargeOrder,
    Charges, HistoryFilter, IssuedLot, JCoinCredentials, KonbiniChain, Money, Product, ProductLine,
    Program, PurchaseCodeStatus, Scope, UserState, UserStateRef, VoucherCode,
};

use crate::{Outcome, check, text, time};

fn scope(s: &str) -> Result<Scope, String> {
    match s {
        "all_stores" => Ok(Scope::AllStores),
        "small_stores_only" => Ok(Scope::SmallStoresOnly),
        other => Err(format!("unknown scope {other}")),
    }
}

fn yen(v: &Value) -> Result<Money, String> {
    let n = v.as_i64().ok_or(format!("not an amount: {v}"))?;
    Money::jpy(n).map_err(|e| e.code().to_owned())
}

/// The charges of the setup, and a wallet of the same programs that successes credit:
/// each program one record, added to both.
fn setup(setup: &Value) -> Result<UserState, String> {
    let mut state = UserState::default();
    for p in setup["programs"].as_array().into_iter().flatten() {
        let product = match p.get("product") {
            None | Some(Value::Null) => None,
            Some(product) => Some(Product {
                unit_price: yen(&product["unit_price"])?,
                max_units: product["max_units"]
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or("max_units")?,
                breakdown: product["breakdown"]
                    .as_array()
                    .ok_or("breakdown")?
                    .iter()
                    .map(|l| {
                        Ok(ProductLine {
                            scope: scope(text(l, "scope")?)?,
                            value: yen(&l["value"])?,
                        })
                    })
                    .collect::<Result<_, String>>()?,
                // Absent: every way to pay.
                methods: match product.get("methods") {
                    None => ChargeMethodKind::ALL.to_vec(),
                    Some(list) => list
                        .as_array()
                        .ok_or("methods")?
                        .iter()
                        .map(|m| {
                            m.as_str()
                                .and_then(ChargeMethodKind::from_id)
                                .ok_or(format!("unknown method {m}"))
                        })
                        .collect::<Result<_, String>>()?,
                },
                lots_expire_on: match product.get("lots_expire_on") {
                    None | Some(Value::Null) => None,
                    Some(d) => Some(
                        d.as_str()
                            .and_then(|d| d.parse().ok())
                            .ok_or(format!("not a date: {d}"))?,
                    ),
                },
            }),
        };
        state
            .add_program(Program {
                id: text(p, "id")?.into(),
                name: text(p, "name")?.into(),
                payment_id_prefix: Some(text(p, "payment_id_prefix")?.into()),
                accepted_brands: p["accepted_brands"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|b| {
                        b.as_str()
                            .and_then(Brand::from_id)
                            .ok_or(format!("unknown brand {b}"))
                    })
                    .collect::<Result<_, String>>()?,
                product,
            })
            .map_err(|e| e.code().to_owned())?;
    }
    for c in setup["purchase_codes"].as_array().into_iter().flatten() {
        state
            .charges
            .register_purchase_code(text(c, "code")?, text(c, "program")?, units_of(c)?)
            .map_err(|e| e.code().to_owned())?;
    }
    Ok(state)
}

/// A vector's `units`, which fit a `u32`.
fn units_of(args: &Value) -> Result<u32, String> {
    args["units"]
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| format!("units: {}", args["units"]))
}

fn scope_id(scope: Scope) -> &'static str {
    match scope {
        Scope::AllStores => "all_stores",
        Scope::SmallStoresOnly => "small_stores_only",
    }
}

fn method(args: &Value) -> Result<ChargeMethod, String> {
    Ok(match text(args, "method")? {
        "card" => ChargeMethod::Card {
            brand: Brand::from_id(text(args, "brand")?).ok_or("unknown brand")?,
        },
        "konbini" => ChargeMethod::Konbini {
            chain: KonbiniChain::from_id(text(args, "chain")?).ok_or("unknown chain")?,
        },
        "payeasy" => ChargeMethod::PayEasy,
        "jcoin" => ChargeMethod::JCoin,
        other => return Err(format!("unknown method {other}")),
    })
}

pub(crate) fn run(case: &Value) -> Result<(), String> {
    let mut state = setup(&case["setup"])?;
    for (i, step) in case["steps"]
        .as_array()
        .ok_or("no steps")?
        .iter()
        .enumerate()
    {
        let before = state.clone();
        let outcome = step_outcome(&mut state, step).map_err(|why| format!("step {i}: {why}"))?;
        check(&outcome, &step["expect"])
            .map_err(|why| format!("step {i} ({}): {why}", step["op"]))?;
        if outcome.is_err() && state != before {
            return Err(format!(
                "step {i}: a failed step changed the charges or the wallet"
            ));
        }
    }
    Ok(())
}

fn step_outcome(user: &mut UserState, step: &Value) -> Result<Outcome, String> {
    let UserState {
        wallet, charges, ..
    } = user;
    let at = time(&step["at"])?;
    let args = &step["args"];
    let state = |s: saifu::ChargeState| json!({"state": s.id()});
    Ok(match step["op"].as_str().unwrap_or_default() {
        "can_start" => Ok(match charges.can_start(at) {
            Ok(()) => json!({"allowed": true}),
            Err(e) => {
                let mut v = json!({"allowed": false, "reason": e.code()});
                if let Some(until) = crate::error_fields(&e).get("until") {
                    v["until"] = until.clone();
                }
                v
            }
        }),
        "start" => {
            // The numbers as core reads them from a caller's integer, or through its
            // floating-point entry for any other number (bad_numbers.json).
            let order = match (args.get("amount"), args.get("units")) {
                (Some(_), None) => {
                    crate::money(args, "amount", saifu::Currency::JPY)?.map(ChargeOrder::Amount)
                }
                (None, Some(_)) => crate::units(args, "units")?.map(ChargeOrder::Units),
                _ => return Err("start needs amount or units".into()),
            };
            let order = match order {
                Ok(order) => order,
                Err(e) => return Ok(Err(e)),
            };
            charges
                .start(
                    text(args, "id")?,
                    text(args, "program")?,
                    method(args)?,
                    order,
                    at,
                )
                .map(|c| json!({"state": c.state.id(), "amount": c.amount.minor()}))
        }
        // With the card entered (`number`, `expiry`): its expiry and brand are checked.
        "confirm" if args.get("number").is_some() => {
            match (
                CardNumber::parse(text(args, "number")?),
                CardExpiry::parse(text(args, "expiry")?),
            ) {
                (Ok(card), Ok(expiry)) => charges
                    .confirm_card(text(args, "id")?, &card, expiry, at)
                    .map(|s| json!({"state": s.id(), "brand": brand_of(charges, args)})),
                (Err(e), _) | (_, Err(e)) => Err(e),
            }
        }
        // With the J-Coin credentials entered (`jcoin_id`, `password`, `code`).
        "confirm" if args.get("jcoin_id").is_some() => {
            match JCoinCredentials::parse(
                text(args, "jcoin_id")?,
                text(args, "password")?,
                text(args, "code")?,
            ) {
                Ok(credentials) => {
                    let id = text(args, "id")?;
                    charges.confirm_jcoin(id, &credentials, at).map(|s| {
                        let masked = charges.charge(id).and_then(|c| c.jcoin_id.clone());
                        json!({"state": s.id(), "jcoin_id": masked})
                    })
                }
                Err(e) => Err(e),
            }
        }
        "confirm" => charges.confirm(text(args, "id")?, at).map(state),
        "pay" => charges.pay(text(args, "id")?, at).map(state),
        "cancel" => charges.cancel(text(args, "id")?, at).map(state),
        "event" => {
            let event = ChargeEvent::from_id(text(args, "event")?).ok_or("unknown event")?;
            charges
                .notify(text(args, "id")?, event, at)
                .map(|n| json!({"state": n.state.id(), "applied": n.applied}))
        }
        // The provider's notification with the payment numbers of a cash charge.
        "issue_slip" => {
            let rules = match crate::scenarios::slips::rules(args)? {
                Ok(r) => r,
                Err(e) => return Ok(Err(e)),
            };
            let numbers = crate::scenarios::slips::numbers(args)?;
            let lang = crate::scenarios::slips::lang(args)?;
            charges
                .issue_slip(text(args, "id")?, &numbers, &rules, at)
                .map(|slip| crate::scenarios::slips::view(slip, lang))
        }
        "slip" => {
            let lang = crate::scenarios::slips::lang(args)?;
            let charge = charges.charge(text(args, "id")?).ok_or("unknown charge")?;
            Ok(json!({
                "state": charge.state_at(&at).id(),
                "slip": charge.slip.as_ref().map(|s| crate::scenarios::slips::view(s, lang)),
            }))
        }
        // A count core refuses is the step's outcome (bad_numbers.json), as in `start`.
        "start_purchase" => match crate::units(args, "units")? {
            Ok(units) => charges
                .start_purchase(
                    text(args, "id")?,
                    text(args, "program")?,
                    text(args, "code")?,
                    units,
                    method(args)?,
                    at,
                )
                .map(|c| json!({"state": c.state.id(), "amount": c.amount.minor()})),
            Err(e) => Err(e),
        },
        "register_code" => match crate::units(args, "units")? {
            Ok(units) => charges
                .register_purchase_code(text(args, "code")?, text(args, "program")?, units)
                .map(|code| json!({"code": code.as_str()})),
            Err(e) => Err(e),
        },
        "code_status" => charges
            .purchase_code_status(text(args, "code")?, at)
            .map(|s| match s {
                PurchaseCodeStatus::Available => json!({"status": "available"}),
                PurchaseCodeStatus::InUse { charge } => {
                    json!({"status": "in_use", "charge": charge})
                }
                PurchaseCodeStatus::Used { charge } => json!({"status": "used", "charge": charge}),
            }),
        "quote" => {
            let method = match args.get("method") {
                Some(_) => Some(method(args)?),
                None => None,
            };
            let units = match crate::units(args, "units")? {
                Ok(units) => units,
                Err(e) => return Ok(Err(e)),
            };
            charges
                .quote(text(args, "program")?, units, method)
                .map(|q| {
                    json!({
                        "lines": q.lines.iter().map(|l| json!({"scope": scope_id(l.scope), "value": l.value.minor()})).collect::<Vec<_>>(),
                        "total": q.total.minor(),
                        "lots_expire_on": q.lots_expire_on.map(|d| d.to_string()),
                    })
                })
        }
        "tick" => Ok(json!({"expired": charges.tick(at)})),
        "reload" => {
            // What an app does at a restart: save the charges, load them back, go on.
            let saved = charges.to_json();
            let loaded =
                Charges::from_json(&saved).map_err(|e| format!("reload failed: {}", e.code()))?;
            if loaded != *charges || loaded.to_json() != saved {
                return Err("reload changed the charges".into());
            }
            *charges = loaded;
            Ok(json!({}))
        }
        // The provider's notification with the lots it issued: a success credits the
        // wallet in the same step.
        "credit" => {
            let event = ChargeEvent::from_id(text(args, "event")?).ok_or("unknown event")?;
            let mut issued = Vec::new();
            for lot in args["issued"].as_array().ok_or("credit needs issued")? {
                match VoucherCode::parse(text(lot, "code")?) {
                    Ok(code) => issued.push(IssuedLot {
                        id: text(lot, "id")?.into(),
                        code,
                        management_no: text(lot, "management_no")?.into(),
                    }),
                    Err(e) => return Ok(Err(e)),
                }
            }
            charges
                .notify_into(wallet, text(args, "id")?, event, issued, at)
                .map(|n| json!({"state": n.state.id(), "applied": n.applied}))
        }
        "wallet" => wallet.balance(at).map(|b| {
            json!({
                "total": b.total.minor(),
                "lots": wallet.lots().iter().map(|l| json!({
                    "id": l.id(), "masked_code": l.code().masked(), "management_no": l.management_no(),
                    "program": l.program(), "scope": scope_id(l.scope()), "balance": l.balance().minor(),
                    "expires_on": l.expires_on().map(|d| d.to_string()),
                    "registered_at": l.registered_at().to_rfc3339(),
                })).collect::<Vec<_>>(),
                "history": wallet.history(&HistoryFilter::default()).iter().map(|e| json!({
                    "kind": e.kind.id(), "id": e.id, "amount": e.amount.minor(),
                })).collect::<Vec<_>>(),
            })
        }),
        "reload_user_state" => {
            // A restart of an app that saves the user's state as one document.
            let cards = saifu::CardsOnFile::new();
            let saved = UserStateRef {
                wallet,
                charges,
                cards: &cards,
                sign_in: None,
                mynapoint: None,
            }
            .to_json();
            let loaded = UserState::from_json(&saved)
                .map_err(|e| format!("reload failed: {}", e.code()))?;
            if loaded.wallet != *wallet || loaded.charges != *charges || loaded.to_json() != saved
            {
                return Err("reload changed the user's state".into());
            }
            *wallet = loaded.wallet;
            *charges = loaded.charges;
            Ok(json!({}))
        }
        "lots" => Ok(json!({
            "lots": charges.charged_lots().iter().map(|l| json!({
                "scope": scope_id(l.scope),
                "balance": l.value.minor(),
                "charge": l.charge,
                "expires_on": l.expires_on.map(|d| d.to_string()),
            })).collect::<Vec<_>>()
        })),
        other => return Err(format!("unknown op {other}")),
    })
}

/// The brand a card charge carries now.
fn brand_of(charges: &Charges, args: &Value) -> Option<&'static str> {
    let id = args["id"].as_str()?;
    match charges.charge(id)?.method {
        ChargeMethod::Card { brand } => Some(brand.id()),
        _ => None,
    }
}
