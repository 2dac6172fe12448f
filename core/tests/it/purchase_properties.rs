//! Property tests of charges and purchases (DESIGN §5, §6), over random sequences of the
//! user's commands, the provider's notifications, the passing of time and restarts
//! (save, load, continue):
//! - a failed command changes nothing;
//! - a reload changes no answer (the same charges, the same guard, the same code status);
//! - a purchase code is consumed by one purchase at most, and reserved by one running
//!   purchase at most;
//! - a success credits once: the charged lots are exactly those of the successful
//!   charges, each worth what was bought (conservation), and a repeated notification
//!   changes nothing.
//!
//! Each property runs 10,000 cases; set `SAIFU_PROPTEST_CASES` for more (or fewer).

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use proptest::prelude::*;

use saifu::{
    Brand, ChargeEvent, ChargeMethod, ChargeMethodKind, ChargeOrder, ChargeProgram, ChargeState,
    Charges, JCoinCredentials, KonbiniChain, Money, Product, ProductLine, PurchaseCodeStatus,
    Scope,
};

fn cases() -> u32 {
    std::env::var("SAIFU_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn base() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00").unwrap()
}

const CODES: [&str; 2] = ["CODEA001", "CODEB002"];
const IDS: [&str; 3] = ["c0", "c1", "c2"];
const METHODS: [ChargeMethod; 5] = [
    ChargeMethod::Card { brand: Brand::Visa },
    ChargeMethod::Card { brand: Brand::Amex },
    ChargeMethod::Konbini {
        chain: KonbiniChain::Lawson,
    },
    ChargeMethod::PayEasy,
    ChargeMethod::JCoin,
];
const EVENTS: [ChargeEvent; 6] = [
    ChargeEvent::ThreeDsSucceeded,
    ChargeEvent::ThreeDsFailed,
    ChargeEvent::ThreeDsNotEnrolled,
    ChargeEvent::Paid,
    ChargeEvent::Authorized,
    ChargeEvent::Declined,
];

/// Seed 003's product (card or convenience store, 1–4 units, lots to 2026-12-31) and a
/// plain e-money program, with two registered codes.
fn charges() -> Charges {
    let mut c = Charges::new();
    c.add_program(ChargeProgram {
        id: "plain".into(),
        name: "plain".into(),
        accepted_brands: vec![Brand::Visa],
        product: None,
    })
    .unwrap();
    c.add_program(ChargeProgram {
        id: "oyama".into(),
        name: "oyama".into(),
        accepted_brands: vec![Brand::Visa],
        product: Some(Product {
            unit_price: Money::jpy(10_000).unwrap(),
            max_units: 4,
            breakdown: vec![
                ProductLine {
                    scope: Scope::SmallStoresOnly,
                    value: Money::jpy(8_000).unwrap(),
                },
                ProductLine {
                    scope: Scope::AllStores,
                    value: Money::jpy(5_000).unwrap(),
                },
            ],
            methods: vec![ChargeMethodKind::Card, ChargeMethodKind::Konbini],
            lots_expire_on: NaiveDate::from_ymd_opt(2026, 12, 31),
        }),
    })
    .unwrap();
    c.register_purchase_code(CODES[0], "oyama", 2).unwrap();
    c.register_purchase_code(CODES[1], "oyama", 4).unwrap();
    c
}

#[derive(Debug, Clone)]
enum Step {
    Start {
        id: usize,
        method: usize,
        amount: i64,
    },
    Purchase {
        id: usize,
        code: usize,
        units: u32,
        method: usize,
    },
    Confirm {
        id: usize,
    },
    ConfirmJcoin {
        id: usize,
    },
    Pay {
        id: usize,
    },
    Cancel {
        id: usize,
    },
    Notify {
        id: usize,
        event: usize,
    },
    Tick,
    Wait {
        minutes: i64,
    },
    Reload,
}

fn step() -> impl Strategy<Value = Step> {
    // Weighted so that runs often get far: purchases of 1–3 units by card or at a
    // convenience store, confirmed, paid and notified, with some of everything else.
    let method = prop_oneof![3 => Just(0usize), 3 => Just(2usize), 1 => 0..METHODS.len()];
    let event = prop_oneof![3 => Just(0usize), 3 => Just(3usize), 2 => 0..EVENTS.len()];
    prop_oneof![
        2 => (0..IDS.len(), 0..METHODS.len(), 0i64..5_000)
            .prop_map(|(id, method, amount)| Step::Start { id, method, amount }),
        4 => (0..IDS.len(), 0..CODES.len(), prop_oneof![4 => 1u32..4, 1 => 0u32..6], method)
            .prop_map(|(id, code, units, method)| Step::Purchase { id, code, units, method }),
        4 => (0..IDS.len()).prop_map(|id| Step::Confirm { id }),
        1 => (0..IDS.len()).prop_map(|id| Step::ConfirmJcoin { id }),
        4 => (0..IDS.len()).prop_map(|id| Step::Pay { id }),
        1 => (0..IDS.len()).prop_map(|id| Step::Cancel { id }),
        5 => (0..IDS.len(), event).prop_map(|(id, event)| Step::Notify { id, event }),
        1 => Just(Step::Tick),
        2 => (1i64..3_000).prop_map(|minutes| Step::Wait { minutes }),
        2 => Just(Step::Reload),
    ]
}

/// Everything the rules answer about `c` at `now`.
fn answers(c: &Charges, now: DateTime<FixedOffset>) -> Vec<String> {
    let mut out = vec![format!("{:?}", c.can_start(now))];
    for code in CODES {
        out.push(format!("{:?}", c.purchase_code_status(code, now)));
    }
    for charge in c.charges() {
        out.push(format!("{}={:?}", charge.id, charge.state_at(&now)));
    }
    out
}

/// The invariants every reachable state keeps.
fn check_invariants(c: &Charges, now: DateTime<FixedOffset>) -> Result<(), TestCaseError> {
    let consumed = |s: ChargeState| matches!(s, ChargeState::Succeeded | ChargeState::Paid);
    for code in CODES {
        let named: Vec<_> = c
            .charges()
            .iter()
            .filter(|ch| {
                ch.purchase_code
                    .as_ref()
                    .is_some_and(|p| p.as_str() == code)
            })
            .collect();
        let used = named.iter().filter(|ch| consumed(ch.state)).count();
        prop_assert!(used <= 1, "{code} consumed {used} times");
        let running = named
            .iter()
            .filter(|ch| !ch.state_at(&now).is_ended())
            .count();
        prop_assert!(running <= 1, "{code} held by {running} purchases");
        let status = c.purchase_code_status(code, now).unwrap();
        prop_assert_eq!(matches!(status, PurchaseCodeStatus::Used { .. }), used == 1);
    }
    // Each successful charge's lots, once, worth what it bought; no other lots.
    let mut lots = 0;
    for ch in c.charges().iter().filter(|ch| consumed(ch.state)) {
        let mine: Vec<_> = c
            .charged_lots()
            .iter()
            .filter(|l| l.charge == ch.id)
            .collect();
        let worth: i64 = mine.iter().map(|l| l.value.minor()).sum();
        match ch.units {
            Some(units) => {
                prop_assert_eq!(mine.len(), 2);
                prop_assert_eq!(worth, 13_000 * i64::from(units));
                prop_assert!(
                    mine.iter()
                        .all(|l| l.expires_on == NaiveDate::from_ymd_opt(2026, 12, 31))
                );
            }
            None => {
                prop_assert_eq!(mine.len(), 1);
                prop_assert_eq!(worth, ch.amount.minor());
                prop_assert!(mine.iter().all(|l| l.expires_on.is_none()));
            }
        }
        lots += mine.len();
    }
    prop_assert_eq!(lots, c.charged_lots().len(), "lots of no successful charge");
    Ok(())
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let mut c = charges();
    let mut now = base();
    let credentials = JCoinCredentials::parse("jcoin0001", "pw", "1234").unwrap();
    for step in steps {
        let before = c.clone();
        let failed = match step {
            Step::Start { id, method, amount } => {
                let order = ChargeOrder::Amount(Money::jpy(*amount).unwrap());
                c.start(IDS[*id], "plain", METHODS[*method], order, now)
                    .is_err()
            }
            Step::Purchase {
                id,
                code,
                units,
                method,
            } => c
                .start_purchase(
                    IDS[*id],
                    "oyama",
                    CODES[*code],
                    *units,
                    METHODS[*method],
                    now,
                )
                .is_err(),
            Step::Confirm { id } => c.confirm(IDS[*id], now).is_err(),
            Step::ConfirmJcoin { id } => c.confirm_jcoin(IDS[*id], &credentials, now).is_err(),
            Step::Pay { id } => c.pay(IDS[*id], now).is_err(),
            Step::Cancel { id } => c.cancel(IDS[*id], now).is_err(),
            Step::Notify { id, event } => match c.notify(IDS[*id], EVENTS[*event], now) {
                Ok(n) => {
                    // The identical repeat changes nothing.
                    let after = c.clone();
                    let again = c.notify(IDS[*id], EVENTS[*event], now).unwrap();
                    prop_assert!(!again.applied);
                    prop_assert_eq!(again.state, n.state);
                    prop_assert_eq!(&c, &after);
                    false
                }
                Err(_) => true,
            },
            Step::Tick => {
                c.tick(now);
                false
            }
            Step::Wait { minutes } => {
                now += Duration::minutes(*minutes);
                false
            }
            Step::Reload => {
                let json = c.to_json();
                let loaded = Charges::from_json(&json)
                    .map_err(|e| TestCaseError::fail(format!("{e:?} loading {json}")))?;
                prop_assert_eq!(&loaded, &c);
                prop_assert_eq!(loaded.to_json(), json);
                prop_assert_eq!(answers(&loaded, now), answers(&c, now));
                c = loaded;
                false
            }
        };
        if failed {
            prop_assert_eq!(&c, &before, "a failed {:?} changed the charges", step);
        }
        check_invariants(&c, now)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn random_charges_and_purchases_keep_every_invariant(
        steps in prop::collection::vec(step(), 1..40)
    ) {
        run(&steps)?;
    }
}
