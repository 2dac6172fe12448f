//! Property tests over random wallets and random sequences of charge / pay / refund /
//! expire (DESIGN §4):
//! - conservation per program: balances = opening + charged − paid + refunded − forfeited,
//!   tracked here independently of the wallet's own ledger;
//! - no balance is ever negative;
//! - each payment's allocation follows the chosen policy (checked against a reference
//!   implementation written here from the rules);
//! - an operation that errors changes nothing;
//! - serialize → load and event replay both give an identical wallet.
//!
//! Each property runs 10,000 cases; set `SAIFU_PROPTEST_CASES` for more (or fewer).

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use proptest::prelude::*;

use saifu::{
    ExpiredRefundPolicy, Lot, Merchant, MerchantSize, Money, NewLot, Program, RestoreOutcome,
    Scope, SpendingPolicy, VoucherCode, Wallet, WalletPolicy,
};

fn cases() -> u32 {
    std::env::var("SAIFU_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn base() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-01-01T00:00:00+09:00").unwrap()
}

fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

#[derive(Debug, Clone)]
struct LotSpec {
    program: usize,
    small_only: bool,
    expiry: Option<u16>,
    balance: i64,
    registered: u16,
}

#[derive(Debug, Clone)]
enum Op {
    Pay { merchant: usize, amount: i64 },
    Refund { payment: usize, amount: i64 },
    Expire,
    Charge { program: usize, lots: Vec<LotSpec> },
}

#[derive(Debug, Clone)]
struct Spec {
    programs: usize,
    merchants: Vec<(bool, Vec<bool>)>,
    lots: Vec<LotSpec>,
    restricted_first: bool,
    expired_refund: u8,
    steps: Vec<(u32, Op)>,
}

fn lot_spec() -> impl Strategy<Value = LotSpec> {
    (
        0..3usize,
        any::<bool>(),
        prop::option::weighted(0.8, 0..400u16),
        0..3000i64,
        0..30u16,
    )
        .prop_map(
            |(program, small_only, expiry, balance, registered)| LotSpec {
                program,
                small_only,
                expiry,
                balance,
                registered,
            },
        )
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (0..4usize, -50..4000i64).prop_map(|(merchant, amount)| Op::Pay { merchant, amount }),
        3 => (0..8usize, -50..3000i64).prop_map(|(payment, amount)| Op::Refund { payment, amount }),
        1 => Just(Op::Expire),
        1 => (0..4usize, prop::collection::vec(lot_spec(), 0..3))
            .prop_map(|(program, lots)| Op::Charge { program, lots }),
    ]
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        1..=3usize,
        prop::collection::vec(
            (any::<bool>(), prop::collection::vec(any::<bool>(), 3)),
            1..=4,
        ),
        prop::collection::vec(lot_spec(), 0..10),
        any::<bool>(),
        0..3u8,
        // Minutes between steps: often zero (same instant), sometimes weeks.
        prop::collection::vec(
            (prop_oneof![Just(0u32), 0..60u32, 0..60_000u32], op()),
            1..25,
        ),
    )
        .prop_map(
            |(programs, merchants, lots, restricted_first, expired_refund, steps)| Spec {
                programs,
                merchants,
                lots,
                restricted_first,
                expired_refund,
                steps,
            },
        )
}

fn code(n: usize) -> VoucherCode {
    VoucherCode::parse(&format!("LOT{n:013}")).unwrap()
}

fn new_lot(
    id: String,
    n: usize,
    spec: &LotSpec,
    program: usize,
    at: DateTime<FixedOffset>,
    value: i64,
) -> NewLot {
    NewLot {
        id,
        code: code(n),
        management_no: format!("d{n:015}"),
        program: format!("p{program}"),
        scope: if spec.small_only {
            Scope::SmallStoresOnly
        } else {
            Scope::AllStores
        },
        registered_at: at,
        expires_on: spec
            .expiry
            .map(|d| base_date() + chrono::Days::new(u64::from(d))),
        face_value: Money::jpy(value.max(1)).unwrap(),
        balance: Money::jpy(value).unwrap(),
    }
}

fn build(spec: &Spec) -> Wallet {
    let mut w = Wallet::new();
    w.set_event_log(true);
    for p in 0..spec.programs {
        w.add_program(Program::new(
            &format!("p{p}"),
            &format!("Program {p}"),
            &format!("P{p}X"),
        ))
        .unwrap();
    }
    for (i, (small, accepts)) in spec.merchants.iter().enumerate() {
        w.add_merchant(Merchant {
            id: format!("m{i}"),
            name: format!("Merchant {i}"),
            size: if *small {
                MerchantSize::Small
            } else {
                MerchantSize::Large
            },
            programs: accepts
                .iter()
                .enumerate()
                .filter(|(_, a)| **a)
                .map(|(p, _)| format!("p{p}"))
                .collect(),
            jpqr_id: None,
        })
        .unwrap();
    }
    w.set_policy(WalletPolicy {
        spending: if spec.restricted_first {
            SpendingPolicy::RestrictedFirst
        } else {
            SpendingPolicy::ExpiryThenBalance
        },
        expired_refund: match spec.expired_refund {
            0 => ExpiredRefundPolicy::Reject,
            1 => ExpiredRefundPolicy::Forfeit,
            _ => ExpiredRefundPolicy::Reissue { valid_days: 30 },
        },
    })
    .unwrap();
    for (n, lot) in spec.lots.iter().enumerate() {
        let program = lot.program % spec.programs;
        let at = base() - Duration::days(i64::from(lot.registered));
        w.open_lot(new_lot(format!("L{n}"), n, lot, program, at, lot.balance))
            .unwrap();
    }
    w
}

/// Totals kept by the test from what the operations returned.
#[derive(Default, Clone, Debug)]
struct Model {
    totals: HashMap<String, i64>,
}

impl Model {
    fn add(&mut self, program: &str, amount: i64) {
        *self.totals.entry(program.to_owned()).or_default() += amount;
    }
}

/// The rules of DESIGN §4, written again from the text.
fn reference_order(w: &Wallet, merchant: &str, at: &DateTime<FixedOffset>) -> Vec<Lot> {
    let m = w.merchant(merchant).unwrap();
    let mut eligible: Vec<Lot> = w
        .lots()
        .iter()
        .filter(|l| {
            l.balance().minor() > 0
                && m.programs.iter().any(|p| p == l.program())
                && (l.scope() == Scope::AllStores || m.size == MerchantSize::Small)
                && !l.expires_on().is_some_and(|d| {
                    at.with_timezone(&FixedOffset::east_opt(9 * 3600).unwrap())
                        .date_naive()
                        > d
                })
        })
        .cloned()
        .collect();
    let restricted = w.policy().spending == SpendingPolicy::RestrictedFirst;
    eligible.sort_by(|a, b| {
        let scope = if restricted {
            (a.scope() == Scope::AllStores).cmp(&(b.scope() == Scope::AllStores))
        } else {
            Ordering::Equal
        };
        let expiry = match (a.expires_on(), b.expires_on()) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        scope
            .then(expiry)
            .then(a.balance().minor().cmp(&b.balance().minor()))
            .then(a.registered_at().cmp(&b.registered_at()))
            .then(a.id().as_bytes().cmp(b.id().as_bytes()))
    });
    eligible
}

fn check_conservation(w: &Wallet, model: &Model) -> Result<(), TestCaseError> {
    let mut balances: HashMap<&str, i64> = HashMap::new();
    for lot in w.lots() {
        prop_assert!(
            lot.balance().minor() >= 0,
            "negative balance on {}",
            lot.id()
        );
        prop_assert!(lot.balance().minor() <= lot.face_value().minor());
        *balances.entry(lot.program()).or_default() += lot.balance().minor();
    }
    for (program, ledger) in w.programs().iter().zip(w.ledgers()) {
        let balance = balances.get(program.id.as_str()).copied().unwrap_or(0);
        prop_assert_eq!(
            balance,
            ledger.expected_balance().unwrap().minor(),
            "ledger of {}",
            program.id
        );
        prop_assert_eq!(
            balance,
            model.totals.get(&program.id).copied().unwrap_or(0),
            "model of {}",
            program.id
        );
    }
    Ok(())
}

/// Runs a spec, checking the properties along the way.
fn run(spec: &Spec, check_policy: bool) -> Result<Wallet, TestCaseError> {
    let mut w = build(spec);
    let mut model = Model::default();
    for lot in w.lots() {
        model.add(lot.program(), lot.balance().minor());
    }
    let mut at = base();
    let mut charges = 0usize;
    let program_of = |w: &Wallet, lot: &str| w.lot(lot).unwrap().program().to_owned();
    for (minutes, op) in &spec.steps {
        at += Duration::minutes(i64::from(*minutes));
        let before = w.clone();
        let failed = match op {
            Op::Pay { merchant, amount } => {
                let merchant = format!("m{}", merchant % spec.merchants.len());
                let expected = reference_order(&w, &merchant, &at);
                match Money::jpy(*amount).and_then(|a| w.pay(&merchant, a, at)) {
                    Ok(receipt) => {
                        if check_policy {
                            let mut left = *amount;
                            let mut want = Vec::new();
                            for lot in &expected {
                                if left == 0 {
                                    break;
                                }
                                let take = lot.balance().minor().min(left);
                                want.push((lot.id().to_owned(), take));
                                left -= take;
                            }
                            let got: Vec<(String, i64)> = receipt
                                .allocations
                                .iter()
                                .map(|a| (a.lot.clone(), a.amount.minor()))
                                .collect();
                            prop_assert_eq!(got, want);
                        }
                        for a in &receipt.allocations {
                            model.add(&program_of(&w, &a.lot), -a.amount.minor());
                        }
                        false
                    }
                    Err(e) => {
                        if e.code() == "wallet.insufficient_balance" {
                            let eligible: i64 = expected.iter().map(|l| l.balance().minor()).sum();
                            prop_assert!(eligible < *amount);
                            prop_assert_eq!(
                                e.details()[0].1.clone(),
                                saifu::ErrorDetail::Money(Money::jpy(eligible).unwrap())
                            );
                        }
                        true
                    }
                }
            }
            Op::Refund { payment, amount } => {
                let ids: Vec<String> = w.payments().iter().map(|p| p.id.clone()).collect();
                let id = if ids.is_empty() {
                    "none".to_owned()
                } else {
                    ids[payment % ids.len()].clone()
                };
                match Money::jpy(*amount).and_then(|a| w.refund(&id, a, at)) {
                    Ok(receipt) => {
                        for r in &receipt.restored {
                            let program = program_of(&w, &r.lot);
                            model.add(&program, r.amount.minor());
                            if r.outcome == RestoreOutcome::Forfeited {
                                model.add(&program, -r.amount.minor());
                            }
                        }
                        false
                    }
                    Err(_) => true,
                }
            }
            Op::Expire => {
                let forfeited = w.expire(at).unwrap();
                for f in &forfeited {
                    model.add(&program_of(&w, &f.lot), -f.amount.minor());
                }
                false
            }
            Op::Charge { program, lots } => {
                charges += 1;
                let program = program % (spec.programs + 1); // sometimes unknown
                let new_lots: Vec<NewLot> = lots
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        new_lot(
                            format!("C{charges}-{i}"),
                            1000 + charges * 10 + i,
                            l,
                            program,
                            at,
                            l.balance,
                        )
                    })
                    .collect();
                match w.charge(
                    &format!("C{charges}"),
                    &format!("p{program}"),
                    at,
                    new_lots.clone(),
                ) {
                    Ok(()) => {
                        for l in &new_lots {
                            model.add(&l.program, l.balance.minor());
                        }
                        false
                    }
                    Err(_) => true,
                }
            }
        };
        if failed {
            prop_assert!(w == before, "a failed {:?} changed the wallet", op);
            prop_assert_eq!(w.to_json().unwrap(), before.to_json().unwrap());
        }
        check_conservation(&w, &model)?;
    }
    Ok(w)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn balances_are_conserved_and_never_negative(spec in spec()) {
        run(&spec, false)?;
    }

    #[test]
    fn payments_follow_the_spending_policy(spec in spec()) {
        run(&spec, true)?;
    }

    #[test]
    fn serialize_load_and_replay_give_the_same_wallet(spec in spec()) {
        let mut w = run(&spec, false)?;
        let json = w.to_json().unwrap();
        let loaded = Wallet::from_json(&json).unwrap();
        prop_assert!(loaded == w);
        prop_assert_eq!(loaded.to_json().unwrap(), json);
        let events = w.take_events();
        let replayed = Wallet::replay(&events).unwrap();
        prop_assert!(replayed == w);
        let events_json = serde_json::to_string(&events).unwrap();
        prop_assert!(Wallet::replay_json(&events_json).unwrap() == w);
    }

    /// saifu's own JSON codec (no serde_json in the library) reads and writes exactly
    /// what serde_json did: on the saved state and event log of a random wallet, and on
    /// those texts mutated where a reader could go wrong (members dropped, repeated,
    /// reordered; numbers and strings rewritten; tokens deleted or inserted).
    #[test]
    fn the_json_codec_agrees_with_serde_json(spec in spec(), seed in any::<u64>(), rounds in 1usize..4) {
        let mut w = run(&spec, false)?;
        let json = w.to_json().unwrap();
        prop_assert_eq!(&json, &saifu_fuzzing::serde_to_json(&w));
        let events_json = w.clone().take_events_json().unwrap();
        prop_assert_eq!(&events_json, &serde_json::to_string(&w.take_events()).unwrap());
        for text in [&json, &events_json] {
            saifu_fuzzing::codec_agrees(text);
            saifu_fuzzing::codec_agrees(&saifu_fuzzing::mutate(text, seed, rounds));
        }
    }
}
