//! Property tests of charges and purchases (DESIGN §5, §6), over random sequences of the
//! user's commands, the provider's notifications, the passing of time and restarts
//! (save, load, continue):
//! - a failed command changes nothing;
//! - a reload changes no answer (the same charges, the same guard, the same code status);
//! - a purchase code is consumed by one purchase at most, and reserved by one running
//!   purchase at most;
//! - a success credits once, in the same step: the charged lots are exactly those of
//!   the successful charges, each worth what was bought (conservation), the wallet holds
//!   exactly those lots (per program, under the provider's ids) and one charge entry per
//!   successful charge, and a repeated notification changes nothing;
//! - a notification naming the wrong lots, or lots the wallet already has, changes
//!   neither the charges nor the wallet.
//!
//! Each property runs 10,000 cases; set `SAIFU_PROPTEST_CASES` for more (or fewer).

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use proptest::prelude::*;

use saifu::{
    Brand, ChargeEvent, ChargeMethod, ChargeOrder, ChargeState, Charges, HistoryFilter,
    HistoryKind, IssuedLot, JCoinCredentials, KonbiniChain, Money, Program, PurchaseCodeStatus,
    UserState, VoucherCode, Wallet,
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
const EVENTS: [ChargeEvent; 6] = ChargeEvent::ALL;

/// Seed 003's product (card or convenience store, 1–4 units, lots to 2026-12-31) and a
/// plain e-money program, with two registered codes.
fn charges() -> Charges {
    let mut c = Charges::new();
    c.add_program(Program {
        id: "plain".into(),
        name: "plain".into(),
        payment_id_prefix: None,
        accepted_brands: vec![Brand::Visa],
        product: None,
    })
    .unwrap();
    c.add_program(Program {
        id: "oyama".into(),
        name: "oyama".into(),
        payment_id_prefix: None,
        accepted_brands: vec![Brand::Visa],
        product: Some(crate::support::seed_003_product()),
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
    /// `skew` lots more (or fewer) than the notification creates; `reuse`: the first
    /// lot's id is one the wallet already holds.
    Notify {
        id: usize,
        event: usize,
        skew: i8,
        reuse: bool,
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
        5 => (0..IDS.len(), event, prop_oneof![8 => Just(0i8), 1 => -1i8..=1], prop::bool::weighted(0.1))
            .prop_map(|(id, event, skew, reuse)| Step::Notify { id, event, skew, reuse }),
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

/// The wallet holds exactly what the successful charges bought: per program, the same
/// lots (scope, value, expiry, registered at the success), one charge entry each.
fn check_wallet(state: &UserState) -> Result<(), TestCaseError> {
    let (w, c) = (&state.wallet, &state.charges);
    prop_assert_eq!(w.lots().len(), c.charged_lots().len());
    for (lot, charged) in w.lots().iter().zip(c.charged_lots()) {
        prop_assert_eq!(lot.program(), charged.program.as_str());
        prop_assert_eq!(lot.scope(), charged.scope);
        prop_assert_eq!(lot.face_value(), charged.value);
        prop_assert_eq!(lot.balance(), charged.value);
        prop_assert_eq!(lot.expires_on(), charged.expires_on);
        prop_assert_eq!(lot.registered_at(), charged.at);
    }
    let succeeded: Vec<_> = c
        .charges()
        .iter()
        .filter(|ch| matches!(ch.state, ChargeState::Succeeded | ChargeState::Paid))
        .map(|ch| ch.id.as_str())
        .collect();
    let mut recorded: Vec<_> = w.charges().iter().map(|r| r.id.as_str()).collect();
    let mut expected = succeeded.clone();
    recorded.sort_unstable();
    expected.sort_unstable();
    prop_assert_eq!(recorded, expected);
    let entries = w
        .history(&HistoryFilter::default())
        .iter()
        .filter(|e| e.kind == HistoryKind::Charge)
        .count();
    prop_assert_eq!(entries, succeeded.len());
    Ok(())
}

/// The wallet of the two programs.
fn wallet() -> Wallet {
    let mut w = Wallet::new();
    for (id, prefix) in [("plain", "PLAIN00000001"), ("oyama", "OYAMA00000001")] {
        w.add_program(Program::new(id, id, prefix)).unwrap();
    }
    w
}

/// The lots a provider names for a notification: as many as it creates, plus `skew`;
/// fresh ids and codes from `serial`, or the first id reused.
fn issued(
    c: &Charges,
    id: &str,
    event: ChargeEvent,
    skew: i8,
    reuse: bool,
    serial: &mut u64,
) -> Vec<IssuedLot> {
    let success = matches!(
        event,
        ChargeEvent::ThreeDsSucceeded | ChargeEvent::Paid | ChargeEvent::Authorized
    );
    let creates = match c.charge(id) {
        Some(ch) if success => {
            if ch.units.is_some() {
                2
            } else {
                1
            }
        }
        _ => 0,
    };
    let n = (creates + i64::from(skew)).max(0);
    (0..n)
        .map(|k| {
            *serial += 1;
            IssuedLot {
                id: if reuse && k == 0 {
                    "L1".to_owned()
                } else {
                    format!("L{serial}")
                },
                code: VoucherCode::parse(&format!("CODE{serial:012}")).unwrap(),
                management_no: format!("d{serial:015}"),
            }
        })
        .collect()
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let mut state = UserState {
        wallet: wallet(),
        charges: charges(),
        ..UserState::default()
    };
    let mut now = base();
    let mut serial = 0;
    let credentials = JCoinCredentials::parse("jcoin0001", "pw", "1234").unwrap();
    for step in steps {
        let before = state.clone();
        let UserState {
            wallet: w,
            charges: c,
            ..
        } = &mut state;
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
            Step::Notify {
                id,
                event,
                skew,
                reuse,
            } => {
                let (id, event) = (IDS[*id], EVENTS[*event]);
                let lots = issued(c, id, event, *skew, *reuse, &mut serial);
                match c.notify_into(w, id, event, lots.clone(), now) {
                    Ok(n) => {
                        // Applied only when the provider named exactly the lots created.
                        let created = c.charged_lots().len() - before.charges.charged_lots().len();
                        prop_assert!(
                            !n.applied || created == lots.len(),
                            "{:?} took {} lots",
                            step,
                            lots.len()
                        );
                        // The identical repeat changes nothing.
                        let (after_w, after_c) = (w.clone(), c.clone());
                        let again = c.notify_into(w, id, event, lots, now).unwrap();
                        prop_assert!(!again.applied);
                        prop_assert_eq!(again.state, n.state);
                        prop_assert_eq!(&*c, &after_c);
                        prop_assert_eq!(&*w, &after_w);
                        false
                    }
                    Err(_) => true,
                }
            }
            Step::Tick => {
                c.tick(now);
                false
            }
            Step::Wait { minutes } => {
                now += Duration::minutes(*minutes);
                false
            }
            Step::Reload => false,
        };
        if let Step::Reload = step {
            let json = state.to_json();
            let loaded = UserState::from_json(&json)
                .map_err(|e| TestCaseError::fail(format!("{e:?} loading {json}")))?;
            prop_assert_eq!(&loaded, &state);
            prop_assert_eq!(loaded.to_json(), json);
            prop_assert_eq!(answers(&loaded.charges, now), answers(&state.charges, now));
            state = loaded;
        }
        if failed {
            prop_assert_eq!(&state, &before, "a failed {:?} changed the state", step);
        }
        check_invariants(&state.charges, now)?;
        check_wallet(&state)?;
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
