//! Property tests of the charges' event log (docs/state.md "Charges' event log"), over
//! random sequences of every operation that changes charges (programs, purchase codes,
//! starts, purchases, 確認 plain, by card and by J-Coin, 支払う, slips, notifications
//! crediting the wallet, ticks, cancellations), the passing of time and restarts, with
//! the charges' and the wallet's logs on from the start:
//! - a failed operation records no event, in either log;
//! - replaying the charges' log (through its JSON) rebuilds the same charges: equal,
//!   the same `to_json`, the same answers now and later; replaying the wallet's log
//!   rebuilds the same wallet (the `charged` events of `notify_into`);
//! - the log with its last event repeated does not replay: `state.invalid_event` at
//!   that index (no change happens twice).
//!
//! Each property runs 10,000 cases; set `SAIFU_PROPTEST_CASES` for more (or fewer).

use chrono::{DateTime, Duration, FixedOffset};
use proptest::prelude::*;

use saifu::{
    Brand, CardExpiry, CardNumber, ChargeEvent, ChargeMethod, ChargeOrder, ChargeState, Charges,
    ChargesEvent, Error, IssuedLot, JCoinCredentials, KonbiniChain, Money, PaymentField,
    PaymentNumberRules, Program, UserState, VoucherCode, Wallet,
};

use serde_json::Value;

use crate::support::t;

fn cases() -> u32 {
    std::env::var("SAIFU_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn base() -> DateTime<FixedOffset> {
    t("2026-11-23T10:00:00+09:00")
}

const CODES: [&str; 3] = ["CODEA001", "codeb-002", "NOTREG99"];
const IDS: [&str; 3] = ["c0", "c1", "c2"];

const PROGRAMS: [&str; 3] = ["plain", "oyama", "later"];
const METHODS: [ChargeMethod; 5] = [
    ChargeMethod::Card { brand: Brand::Visa },
    ChargeMethod::Card { brand: Brand::Amex },
    ChargeMethod::Konbini {
        chain: KonbiniChain::Lawson,
    },
    ChargeMethod::PayEasy,
    ChargeMethod::JCoin,
];
const CARDS: [(&str, &str); 3] = [
    ("4111 1111 1111 1111", "12/28"),
    ("5555 5555 5555 4444", "12/28"),
    ("4111 1111 1111 1111", "10/26"),
];

#[derive(Debug, Clone)]
enum Step {
    AddProgram {
        program: usize,
    },
    Register {
        code: usize,
        units: u32,
    },
    Start {
        id: usize,
        program: usize,
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
    ConfirmCard {
        id: usize,
        card: usize,
    },
    ConfirmJcoin {
        id: usize,
    },
    Pay {
        id: usize,
    },
    Slip {
        id: usize,
        other: bool,
    },
    Cancel {
        id: usize,
    },
    Notify {
        id: usize,
        event: usize,
        skew: i8,
    },
    Tick,
    Wait {
        minutes: i64,
    },
    Reload,
    /// The next step of charge `id`'s usual course from its state (`choice` picks
    /// among the notifications it may take), so that runs get far.
    Advance {
        id: usize,
        choice: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let id = || 0..IDS.len();
    let method = prop_oneof![3 => Just(0usize), 3 => Just(2usize), 2 => 0..METHODS.len()];
    let event = prop_oneof![3 => Just(0usize), 3 => Just(3usize), 2 => 0..ChargeEvent::ALL.len()];
    prop_oneof![
        1 => (0..PROGRAMS.len()).prop_map(|program| Step::AddProgram { program }),
        1 => (0..CODES.len(), 0u32..6).prop_map(|(code, units)| Step::Register { code, units }),
        3 => (id(), 0..PROGRAMS.len(), 0..METHODS.len(), 0i64..5_000).prop_map(
            |(id, program, method, amount)| Step::Start { id, program, method, amount }
        ),
        3 => (id(), 0..CODES.len(), 0u32..5, method).prop_map(
            |(id, code, units, method)| Step::Purchase { id, code, units, method }
        ),
        3 => id().prop_map(|id| Step::Confirm { id }),
        2 => (id(), 0..CARDS.len()).prop_map(|(id, card)| Step::ConfirmCard { id, card }),
        2 => id().prop_map(|id| Step::ConfirmJcoin { id }),
        4 => id().prop_map(|id| Step::Pay { id }),
        2 => (id(), prop::bool::weighted(0.2)).prop_map(|(id, other)| Step::Slip { id, other }),
        1 => id().prop_map(|id| Step::Cancel { id }),
        5 => (id(), event, prop_oneof![8 => Just(0i8), 1 => -1i8..=1])
            .prop_map(|(id, event, skew)| Step::Notify { id, event, skew }),
        1 => Just(Step::Tick),
        2 => (1i64..3_000).prop_map(|minutes| Step::Wait { minutes }),
        1 => Just(Step::Reload),
        12 => (id(), 0usize..6).prop_map(|(id, choice)| Step::Advance { id, choice }),
    ]
}

/// Everything the charges answer at `now`.
fn answers(c: &Charges, now: DateTime<FixedOffset>) -> Vec<String> {
    let mut out = vec![format!("{:?}", c.can_start(now))];
    for code in CODES {
        out.push(format!("{:?}", c.purchase_code_status(code, now)));
    }
    for charge in c.charges() {
        out.push(format!("{}={:?}", charge.id, charge.state_at(&now)));
    }
    for program in PROGRAMS {
        for units in 0..3 {
            out.push(format!("{:?}", c.quote(program, units, Some(METHODS[2]))));
        }
    }
    out
}

/// The charges' and the wallet's logs on, before anything is added.
fn logged_state() -> UserState {
    let mut state = UserState::default();
    state.charges.set_event_log(true);
    state.wallet.set_event_log(true);
    for (id, prefix) in [("plain", "PLAIN00000001"), ("oyama", "OYAMA00000001")] {
        state
            .wallet
            .add_program(Program::new(id, id, prefix))
            .unwrap();
    }
    state
}

fn program(ix: usize) -> Program {
    Program {
        id: PROGRAMS[ix].into(),
        name: PROGRAMS[ix].into(),
        payment_id_prefix: None,
        accepted_brands: vec![Brand::Visa, Brand::Mastercard],
        product: (ix == 1).then(crate::support::seed_003_product),
    }
}

fn slip_numbers(method: Option<ChargeMethod>, other: bool) -> Vec<(PaymentField, String)> {
    let tail = if other { "9" } else { "1" };
    let numbers: Vec<(PaymentField, String)> = match method {
        Some(ChargeMethod::PayEasy) => vec![
            (PaymentField::InstitutionNumber, "58021".into()),
            (PaymentField::CustomerNumber, format!("1234 5678 901{tail}")),
            (PaymentField::ConfirmationNumber, "１２３４５６".into()),
        ],
        _ => vec![
            (PaymentField::CustomerNumber, format!("1234-567{tail}")),
            (PaymentField::ConfirmationNumber, "4321".into()),
        ],
    };
    numbers
}

/// The lots a provider names for a notification: as many as it creates, plus `skew`.
fn issued(c: &Charges, id: &str, event: ChargeEvent, skew: i8, serial: &mut u64) -> Vec<IssuedLot> {
    let success = matches!(
        event,
        ChargeEvent::ThreeDsSucceeded | ChargeEvent::Paid | ChargeEvent::Authorized
    );
    let creates = match c.charge(id) {
        Some(ch) if success => 1 + i64::from(ch.units.is_some()),
        _ => 0,
    };
    (0..(creates + i64::from(skew)).max(0))
        .map(|_| {
            *serial += 1;
            IssuedLot {
                id: format!("L{serial}"),
                code: VoucherCode::parse(&format!("CODE{serial:012}")).unwrap(),
                management_no: format!("d{serial:015}"),
            }
        })
        .collect()
}

/// The step that takes charge `id` on along its usual course at `now`.
fn advance(c: &Charges, id: usize, choice: usize, now: DateTime<FixedOffset>) -> Step {
    let notify = |events: &[usize]| Step::Notify {
        id,
        event: events[choice % events.len()],
        skew: 0,
    };
    let Some(charge) = c.charge(IDS[id]) else {
        return Step::Purchase {
            id,
            code: choice % 2,
            units: 1 + u32::try_from(choice % 2).unwrap(),
            method: [0, 2, 3][choice % 3],
        };
    };
    match (charge.state_at(&now), charge.method) {
        (ChargeState::Draft, ChargeMethod::Card { .. }) if choice % 2 == 0 => Step::ConfirmCard {
            id,
            card: choice % CARDS.len(),
        },
        (ChargeState::Draft, ChargeMethod::JCoin) => Step::ConfirmJcoin { id },
        (ChargeState::Draft, _) => Step::Confirm { id },
        (ChargeState::Confirming, _) => Step::Pay { id },
        (ChargeState::AwaitingPayment, _) if charge.slip.is_none() => {
            Step::Slip { id, other: false }
        }
        (ChargeState::AwaitingPayment, _) if choice < 4 => notify(&[3]),
        (ChargeState::AwaitingPayment, _) => Step::Wait {
            minutes: 60 * 24 * 4,
        },
        (ChargeState::AwaitingThreeDs, _) => notify(&[0, 0, 0, 1, 2]),
        (ChargeState::Authorizing, _) => notify(&[4, 4, 5]),
        _ => Step::Tick,
    }
}

/// Runs one step; true when the operation failed.
fn apply(
    state: &mut UserState,
    step: &Step,
    now: &mut DateTime<FixedOffset>,
    serial: &mut u64,
) -> bool {
    let jcoin = JCoinCredentials::parse("jcoin0001", "pw", "1234").unwrap();
    let (w, c) = (&mut state.wallet, &mut state.charges);
    let at = *now;
    match step {
        Step::AddProgram { program: ix } => c.add_program(program(*ix)).is_err(),
        Step::Register { code, units } => c
            .register_purchase_code(CODES[*code], "oyama", *units)
            .is_err(),
        Step::Start {
            id,
            program,
            method,
            amount,
        } => {
            let order = if *program == 1 {
                ChargeOrder::Units(u32::try_from(*amount % 4).unwrap())
            } else {
                ChargeOrder::Amount(Money::jpy(*amount).unwrap())
            };
            c.start(IDS[*id], PROGRAMS[*program], METHODS[*method], order, at)
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
                at,
            )
            .is_err(),
        Step::Confirm { id } => c.confirm(IDS[*id], at).is_err(),
        Step::ConfirmCard { id, card } => {
            let (number, expiry) = CARDS[*card];
            let number = CardNumber::parse(number).unwrap();
            let expiry = CardExpiry::parse(expiry).unwrap();
            c.confirm_card(IDS[*id], &number, expiry, at).is_err()
        }
        Step::ConfirmJcoin { id } => c.confirm_jcoin(IDS[*id], &jcoin, at).is_err(),
        Step::Pay { id } => c.pay(IDS[*id], at).is_err(),
        Step::Slip { id, other } => {
            let numbers = slip_numbers(c.charge(IDS[*id]).map(|ch| ch.method), *other);
            c.issue_slip(IDS[*id], &numbers, &PaymentNumberRules::new(), at)
                .is_err()
        }
        Step::Cancel { id } => c.cancel(IDS[*id], at).is_err(),
        Step::Notify { id, event, skew } => {
            let (id, event) = (IDS[*id], ChargeEvent::ALL[*event]);
            let lots = issued(c, id, event, *skew, serial);
            c.notify_into(w, id, event, lots, at).is_err()
        }
        Step::Tick => {
            c.tick(at);
            false
        }
        Step::Wait { minutes } => {
            *now += Duration::minutes(*minutes);
            false
        }
        Step::Advance { id, choice } => {
            let next = advance(c, *id, *choice, at);
            apply(state, &next, now, serial)
        }
        Step::Reload => {
            // A restart: the saved state, its logs turned on again.
            *state = UserState::from_json(&state.to_json()).unwrap();
            state.charges.set_event_log(true);
            state.wallet.set_event_log(true);
            false
        }
    }
}

/// The events a log's JSON array holds, to concatenate.
fn items(json: &str) -> Vec<Value> {
    match serde_json::from_str(json).unwrap() {
        Value::Array(items) => items,
        other => panic!("not an array: {other}"),
    }
}

/// Takes both logs: the charges' typed and as JSON (the same events), the wallet's JSON.
fn take(state: &mut UserState) -> (Vec<ChargesEvent>, Vec<Value>, Vec<Value>) {
    let typed = state.charges.clone().take_events();
    let charges = items(&state.charges.take_events_json());
    let wallet = items(&state.wallet.take_events_json().unwrap());
    (typed, charges, wallet)
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let mut state = logged_state();
    let mut now = base();
    let mut serial = 0;
    for ix in 0..2 {
        apply(
            &mut state,
            &Step::AddProgram { program: ix },
            &mut now,
            &mut serial,
        );
    }
    apply(
        &mut state,
        &Step::Register { code: 0, units: 2 },
        &mut now,
        &mut serial,
    );
    let (mut typed_log, mut charges_log, mut wallet_log) = take(&mut state);
    for step in steps {
        let failed = apply(&mut state, step, &mut now, &mut serial);
        let (typed, charges, wallet) = take(&mut state);
        if failed {
            prop_assert!(
                charges.is_empty(),
                "a failed {:?} recorded {:?}",
                step,
                charges
            );
            prop_assert!(
                wallet.is_empty(),
                "a failed {:?} recorded {:?}",
                step,
                wallet
            );
        }
        prop_assert_eq!(typed.len(), charges.len());
        typed_log.extend(typed);
        charges_log.extend(charges);
        wallet_log.extend(wallet);
    }

    // The charges, rebuilt from their log's JSON, and from the events themselves.
    let json = Value::Array(charges_log.clone()).to_string();
    let rebuilt = Charges::replay_json(&json)
        .map_err(|e| TestCaseError::fail(format!("{e:?} replaying {json}")))?;
    prop_assert!(!rebuilt.event_log());
    prop_assert_eq!(&rebuilt, &state.charges);
    prop_assert_eq!(rebuilt.to_json(), state.charges.to_json());
    for later in [0, 31, 60 * 24 * 4] {
        let at = now + Duration::minutes(later);
        prop_assert_eq!(answers(&rebuilt, at), answers(&state.charges, at));
    }
    prop_assert_eq!(&Charges::replay(&typed_log).unwrap(), &rebuilt);

    // The wallet, rebuilt from its log (which holds `notify_into`'s credits).
    let wallet_json = Value::Array(wallet_log).to_string();
    let wallet = Wallet::replay_json(&wallet_json).unwrap();
    prop_assert_eq!(wallet.to_json().unwrap(), state.wallet.to_json().unwrap());

    // No change happens twice: the last event again does not apply.
    let last = charges_log.last().cloned().unwrap();
    charges_log.push(last);
    let doubled = Value::Array(charges_log).to_string();
    let err = Charges::replay_json(&doubled).unwrap_err();
    let Error::StateInvalidEvent { index, .. } = err else {
        return Err(TestCaseError::fail(format!("{err:?} replaying {doubled}")));
    };
    prop_assert_eq!(index as usize, typed_log.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn replaying_the_charges_log_rebuilds_the_charges(
        steps in prop::collection::vec(step(), 1..40)
    ) {
        run(&steps)?;
    }
}

/// docs/state.md's example log, as the operations write it.
const DOC_LOG: &str = r#"[{"started":{"charge":"c1","program":"minato","method":{"card":{"brand":"visa"}},"order":{"amount":{"minor":3000,"currency":"JPY"}},"at":"2026-11-23T10:00:00+09:00"}},{"confirmed":{"charge":"c1","at":"2026-11-23T10:00:10+09:00"}},{"submitted":{"charge":"c1","at":"2026-11-23T10:00:20+09:00"}},{"notified":{"charge":"c1","event":"three_ds_not_enrolled","at":"2026-11-23T10:01:00+09:00"}}]"#;

fn minato() -> Program {
    Program {
        id: "minato".into(),
        name: "電子スマイル商品券".into(),
        payment_id_prefix: None,
        accepted_brands: vec![Brand::Visa],
        product: None,
    }
}

#[test]
fn the_documented_log_is_what_the_operations_write_and_replays() {
    let mut c = Charges::new();
    c.add_program(minato()).unwrap();
    c.set_event_log(true);
    let visa = ChargeMethod::Card { brand: Brand::Visa };
    let order = ChargeOrder::Amount(Money::jpy(3000).unwrap());
    c.start("c1", "minato", visa, order, base()).unwrap();
    c.confirm("c1", t("2026-11-23T10:00:10+09:00")).unwrap();
    c.pay("c1", t("2026-11-23T10:00:20+09:00")).unwrap();
    let at = t("2026-11-23T10:01:00+09:00");
    c.notify("c1", ChargeEvent::ThreeDsNotEnrolled, at).unwrap();
    // The repeat changes nothing and records nothing.
    assert!(
        !c.notify("c1", ChargeEvent::ThreeDsNotEnrolled, at)
            .unwrap()
            .applied
    );
    assert_eq!(c.take_events_json(), DOC_LOG);
    assert_eq!(c.take_events_json(), "[]");

    // The program was added before the log was on: the log starts with it.
    let added = r#"[{"program_added":{"program":{"id":"minato","name":"電子スマイル商品券","accepted_brands":["visa"],"product":null}}}"#;
    let log = format!("{added},{}", &DOC_LOG[1..]);
    let rebuilt = Charges::replay_json(&log).unwrap();
    assert_eq!(rebuilt, c);
    assert_eq!(
        rebuilt.lockout_until(),
        Some(t("2026-11-23T10:31:00+09:00"))
    );
    // Without it, the first event does not apply.
    assert_eq!(
        Charges::replay_json(DOC_LOG).unwrap_err(),
        Error::StateInvalidEvent {
            index: 0,
            cause: "charge.unknown_program".into()
        }
    );
}

#[test]
fn a_tampered_log_does_not_replay() {
    let added = r#"{"program_added":{"program":{"id":"minato","name":"M","accepted_brands":["visa"],"product":null}}}"#;
    let log = |events: &[&str]| format!("[{added},{}]", events.join(","));
    let started = r#"{"started":{"charge":"c1","program":"minato","method":"payeasy","order":{"amount":{"minor":3000,"currency":"JPY"}},"at":"2026-11-23T10:00:00+09:00"}}"#;
    let confirmed = r#"{"confirmed":{"charge":"c1","at":"2026-11-23T10:00:10+09:00"}}"#;
    let submitted = r#"{"submitted":{"charge":"c1","at":"2026-11-23T10:00:20+09:00"}}"#;
    let cause = |json: String| match Charges::replay_json(&json) {
        Err(Error::StateInvalidEvent { index, cause }) => (index, cause),
        other => panic!("{other:?} for {json}"),
    };
    let ok = Charges::replay_json(&log(&[started, confirmed, submitted])).unwrap();
    let until = t("2026-11-26T00:00:00+09:00");
    assert_eq!(ok.charge("c1").unwrap().until, Some(until));

    // Out of order, repeated, or at the wrong time.
    assert_eq!(
        cause(log(&[started, submitted])),
        (2, "charge.illegal_transition".into())
    );
    assert_eq!(
        cause(log(&[started, started])),
        (2, "charge.duplicate_id".into())
    );
    let expired_early = r#"{"expired":{"charge":"c1","at":"2026-11-25T23:59:59+09:00"}}"#;
    assert_eq!(
        cause(log(&[started, confirmed, submitted, expired_early])),
        (4, "time.invalid".into())
    );
    let expired = r#"{"expired":{"charge":"c1","at":"2026-11-26T00:00:00+09:00"}}"#;
    let done = Charges::replay_json(&log(&[started, confirmed, submitted, expired])).unwrap();
    assert_eq!(done.charge("c1").unwrap().state, ChargeState::Expired);
    assert_eq!(
        cause(log(&[started, confirmed, submitted, expired, expired])),
        (5, "charge.ended".into())
    );
    // A J-Coin ID that is not masked, on a J-Coin charge.
    let jcoin = started.replace("\"payeasy\"", "\"jcoin\"");
    let bare = r#"{"jcoin_confirmed":{"charge":"c1","jcoin_id":"jcoin012345","at":"2026-11-23T10:00:10+09:00"}}"#;
    assert_eq!(cause(log(&[&jcoin, bare])), (2, "jcoin.invalid_id".into()));
    let masked = bare.replace("jcoin012345", "****2345");
    assert!(Charges::replay_json(&log(&[&jcoin, &masked])).is_ok());
    // Unknown types and fields, a missing field: not a log at all.
    for bad in [
        log(&[r#"{"ticked":{"at":"2026-11-23T10:00:00+09:00"}}"#]),
        log(&[&confirmed.replace("\"at\"", "\"when\"")]),
        log(&[r#"{"confirmed":{"charge":"c1"}}"#]),
        log(&[&started.replace("\"amount\":{", "\"units\":{")]),
        log(&[r#""confirmed""#]),
    ] {
        assert_eq!(
            Charges::replay_json(&bad).unwrap_err().code(),
            "state.malformed",
            "{bad}"
        );
    }
}

#[test]
fn a_card_confirmation_keeps_the_brand_and_no_card_data() {
    let mut c = Charges::new();
    c.set_event_log(true);
    c.add_program(Program {
        payment_id_prefix: None,
        accepted_brands: vec![Brand::Visa, Brand::Mastercard],
        ..minato()
    })
    .unwrap();
    let visa = ChargeMethod::Card { brand: Brand::Visa };
    let order = ChargeOrder::Amount(Money::jpy(3000).unwrap());
    c.start("c1", "minato", visa, order, base()).unwrap();
    let card = CardNumber::parse("5555 5555 5555 4444").unwrap();
    let expired = CardExpiry::parse("10/26").unwrap();
    assert!(c.confirm_card("c1", &card, expired, base()).is_err());
    let expiry = CardExpiry::parse("12/28").unwrap();
    c.confirm_card("c1", &card, expiry, base()).unwrap();
    let jcoin = JCoinCredentials::parse("jcoin012345", "my password", "482913").unwrap();
    assert!(c.confirm_jcoin("c1", &jcoin, base()).is_err());
    let json = c.take_events_json();
    assert!(json.contains(r#"{"card_confirmed":{"charge":"c1","brand":"mastercard","at":"#));
    for secret in ["5555", "4444", "12/28", "1228", "my password", "482913"] {
        assert!(!json.contains(secret), "{secret} in {json}");
    }
    assert_eq!(Charges::replay_json(&json).unwrap(), c);
}
