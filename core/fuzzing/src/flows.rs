//! The stateful targets: the user's flows over the wallet and its charges, the cards on
//! file, and the account flows (sign-in and MyNaPoint).

use saifu::chrono::{DateTime, FixedOffset};
use saifu::*;

/// The user's flows, driven by arbitrary bytes: charges and purchases by every method,
/// the provider's notifications crediting the wallet (with the right lots, wrong counts
/// and lot ids the wallet holds), time passing, payments, refunds and expiry sweeps in
/// the wallet, and restarts from the saved user state. After every step: a failed step
/// changed nothing; every program's lots hold what its ledger says and none is
/// negative; the wallet holds exactly one charge entry per successful charge and the
/// lots it bought; a purchase code is consumed once at most; a reload gives the same
/// state and the same answers.
pub fn user_flows(data: &[u8]) {
    let mut state = flows_setup();
    let mut now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00").unwrap();
    let mut bytes = data.iter().copied();
    let mut next = move || bytes.next();
    let credentials = JCoinCredentials::parse("jcoin0001", "pw", "1234").unwrap();
    let mut serial = 0u32;
    let mut payments: Vec<String> = Vec::new();
    while let Some(op) = next() {
        let mut arg = || next().unwrap_or(0);
        let before = state.clone();
        let UserState {
            wallet, charges, ..
        } = &mut state;
        let id = ["c0", "c1", "c2", "c3"][usize::from(arg() % 4)];
        let failed = match op % 14 {
            0 => {
                let method = FLOW_METHODS[usize::from(arg()) % FLOW_METHODS.len()];
                let amount = i64::from(arg()) * 100 - 500;
                match Money::jpy(amount) {
                    Ok(amount) => charges
                        .start(id, "plain", method, ChargeOrder::Amount(amount), now)
                        .is_err(),
                    Err(_) => true,
                }
            }
            1 => {
                let code = ["WIN0001", "win-0002", "NOPE0003", "x"][usize::from(arg() % 4)];
                let units = u32::from(arg() % 6);
                let method = FLOW_METHODS[usize::from(arg()) % FLOW_METHODS.len()];
                charges
                    .start_purchase(id, "oyama", code, units, method, now)
                    .is_err()
            }
            2 => charges.confirm(id, now).is_err(),
            3 => charges.confirm_jcoin(id, &credentials, now).is_err(),
            4 => charges.pay(id, now).is_err(),
            5 => charges.cancel(id, now).is_err(),
            6 | 7 => {
                let event = ChargeEvent::ALL[usize::from(arg()) % ChargeEvent::ALL.len()];
                let shape = arg();
                let success = matches!(
                    event,
                    ChargeEvent::ThreeDsSucceeded | ChargeEvent::Paid | ChargeEvent::Authorized
                );
                let creates = match charges.charge(id) {
                    Some(c) if success && c.units.is_some() => 2usize,
                    Some(_) if success => 1,
                    _ => 0,
                };
                // Mostly the right count; sometimes one more or one fewer; sometimes the
                // first id one the wallet already holds.
                let n = match shape % 8 {
                    0 => creates + 1,
                    1 => creates.saturating_sub(1),
                    _ => creates,
                };
                let issued: Vec<IssuedLot> = (0..n)
                    .map(|k| {
                        serial += 1;
                        IssuedLot {
                            id: if shape % 8 == 2 && k == 0 && serial > 1 {
                                "L1".to_owned()
                            } else {
                                format!("L{serial}")
                            },
                            code: VoucherCode::parse(&format!("CODE{serial:012}")).unwrap(),
                            management_no: format!("d{serial:015}"),
                        }
                    })
                    .collect();
                match charges.notify_into(wallet, id, event, issued.clone(), now) {
                    Ok(done) => {
                        let (w, c) = (wallet.clone(), charges.clone());
                        let again = charges.notify_into(wallet, id, event, issued, now).unwrap();
                        assert!(!again.applied, "a repeated notification applied");
                        assert_eq!(again.state, done.state);
                        assert_eq!(
                            (&*wallet, &*charges),
                            (&w, &c),
                            "a repeat changed the state"
                        );
                        false
                    }
                    Err(_) => true,
                }
            }
            8 => {
                charges.tick(now);
                false
            }
            9 => {
                now += chrono::Duration::minutes(i64::from(arg()) * 37);
                false
            }
            10 => {
                let amount = Money::jpy(i64::from(arg()) * 250).unwrap();
                match wallet.pay("shop", amount, now) {
                    Ok(receipt) => {
                        payments.push(receipt.payment_id);
                        false
                    }
                    Err(_) => true,
                }
            }
            11 => {
                let which = usize::from(arg());
                let amount = Money::jpy(i64::from(arg()) * 100).unwrap();
                match payments.get(which % payments.len().max(1)) {
                    Some(payment) => wallet.refund(payment, amount, now).is_err(),
                    None => false,
                }
            }
            12 => {
                wallet.expire(now).unwrap();
                false
            }
            _ => {
                let saved = state.to_json();
                let loaded = UserState::from_json(&saved).expect("a saved user state loads");
                assert_eq!(loaded, state);
                assert_eq!(loaded.to_json(), saved);
                assert_eq!(
                    loaded.charges.can_start(now).map_err(|e| e.code()),
                    state.charges.can_start(now).map_err(|e| e.code())
                );
                state = loaded;
                false
            }
        };
        if failed {
            assert_eq!(state, before, "a failed step {} changed the state", op % 14);
        }
        flows_invariants(&state, now);
    }
}

const FLOW_METHODS: [ChargeMethod; 5] = [
    ChargeMethod::Card { brand: Brand::Visa },
    ChargeMethod::Card { brand: Brand::Amex },
    ChargeMethod::Konbini {
        chain: KonbiniChain::Lawson,
    },
    ChargeMethod::PayEasy,
    ChargeMethod::JCoin,
];

/// Plain e-money and seed 003's product (lots to 2026-12-31, which the fuzzer's clock
/// passes), two registered codes, and a small shop taking both.
fn flows_setup() -> UserState {
    let mut state = UserState::default();
    let plain = Program {
        accepted_brands: vec![Brand::Visa],
        ..Program::new("plain", "plain", "PLAIN00000001")
    };
    let oyama = Program {
        accepted_brands: vec![Brand::Visa],
        product: Some(crate::seed_003_product()),
        ..Program::new("oyama", "oyama", "OYAMA00000001")
    };
    for program in [plain, oyama] {
        state.add_program(program).unwrap();
    }
    state
        .wallet
        .add_merchant(Merchant {
            id: "shop".into(),
            name: "shop".into(),
            size: MerchantSize::Small,
            programs: vec!["plain".into(), "oyama".into()],
            jpqr_id: None,
        })
        .unwrap();
    let c = &mut state.charges;
    c.register_purchase_code("WIN0001", "oyama", 2).unwrap();
    c.register_purchase_code("WIN0002", "oyama", 4).unwrap();
    state
}

fn flows_invariants(state: &UserState, now: DateTime<FixedOffset>) {
    let (w, c) = (&state.wallet, &state.charges);
    // Conservation per program, and no negative balance.
    for (program, ledger) in w.programs().iter().zip(w.ledgers()) {
        let held: i64 = w
            .lots()
            .iter()
            .filter(|l| l.program() == program.id)
            .map(|l| {
                assert!(l.balance().minor() >= 0, "a negative balance");
                l.balance().minor()
            })
            .sum();
        assert_eq!(
            ledger.expected_balance().unwrap().minor(),
            held,
            "{}",
            program.id
        );
    }
    // One charge entry per successful charge, worth what its lots were.
    let succeeded: Vec<&Charge> = c
        .charges()
        .iter()
        .filter(|ch| matches!(ch.state, ChargeState::Succeeded | ChargeState::Paid))
        .collect();
    assert_eq!(w.charges().len(), succeeded.len(), "charge entries");
    for ch in &succeeded {
        let bought: i64 = c
            .charged_lots()
            .iter()
            .filter(|l| l.charge == ch.id)
            .map(|l| l.value.minor())
            .sum();
        let record = w
            .charges()
            .iter()
            .find(|r| r.id == ch.id)
            .expect("credited");
        let credited: i64 = record
            .lots
            .iter()
            .filter_map(|id| w.lot(id))
            .map(|l| l.face_value().minor())
            .sum();
        assert_eq!(
            credited, bought,
            "{} credited {credited}, bought {bought}",
            ch.id
        );
    }
    // A code is consumed by one purchase at most.
    for code in ["WIN0001", "WIN0002"] {
        let used = succeeded
            .iter()
            .filter(|ch| {
                ch.purchase_code
                    .as_ref()
                    .is_some_and(|p| p.as_str() == code)
            })
            .count();
        assert!(used <= 1, "{code} consumed {used} times");
        let _ = c.purchase_code_status(code, now).unwrap();
    }
}

/// Cards on file (seed 002; DESIGN §7), driven by arbitrary bytes: confirmations and
/// registrations of valid and invalid numbers of every brand, typed with separators,
/// full-width digits or as they are, with either expiry form, right and wrong security
/// codes, at times that go forward and sometimes back; the billing card of a month;
/// restarts from the saved document and from the records. After every step: `confirm`
/// changes nothing; a refused `register` changes nothing and a registration adds
/// exactly the card it showed as the current one; the records stay in time order with
/// no card twice in a row; a card is `already_registered` only when it is the current
/// one; a reload gives the same records and the same billing answers; no number or
/// security code typed ever shows in a `Debug` or an error.
pub fn cards_on_file(data: &[u8]) {
    const NUMBERS: [&str; 12] = [
        "4242424242424242",
        "4242 4242 4242 4242",
        "５５５５５５５５５５５５４４４４",
        "378282246310005",
        "3530-1113-3330-0000",
        "36227206271667",
        "6011111111111117",
        "6200000000000005",
        "4000056655665556",
        "4242424242424241",
        "4242 4242",
        "",
    ];
    const EXPIRIES: [ExpiryInput<'static>; 8] = [
        ExpiryInput::Text("12/28"),
        ExpiryInput::Text("01/2027"),
        ExpiryInput::Text("10/26"),
        ExpiryInput::Text("13/30"),
        ExpiryInput::Text("12 / 28"),
        ExpiryInput::Fields {
            month: "3",
            year: "2031",
        },
        ExpiryInput::Fields {
            month: "１２",
            year: "29",
        },
        ExpiryInput::Fields {
            month: "0",
            year: "30",
        },
    ];
    const CODES: [&str; 5] = ["123", "1234", "12", "1a3", " 123 "];
    const MONTHS: [&str; 5] = ["2026-10", "2026-11", "2026-12", "2027-01", "2030-06"];
    let mut bytes = data.iter().copied();
    let mut next = move || bytes.next();
    let Some(setup) = next() else { return };
    let brands: Vec<Brand> = Brand::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, _)| setup & (1 << (i % 8)) != 0 || setup == 0)
        .map(|(_, b)| b)
        .collect();
    // 400005 is a debit BIN (seed 002's example); 4000056655 an allowed one.
    let allowed = if setup & 0x80 != 0 {
        vec!["4000056655".to_owned()]
    } else {
        vec![]
    };
    let policy = CardPolicy::new(
        FingerprintKey::new(vec![0x5a; 32]).unwrap(),
        brands,
        vec!["400005".into()],
        allowed,
    )
    .unwrap();
    let cutoff = BillingCutoff::day(i64::from(setup % 31) + 1).unwrap();
    let mut cards = CardsOnFile::new();
    let mut now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00").unwrap();
    while let Some(op) = next() {
        let mut arg = || next().unwrap_or(0);
        let before = cards.clone();
        match op % 6 {
            0 | 1 => {
                let number = NUMBERS[usize::from(arg()) % NUMBERS.len()];
                let expiry = EXPIRIES[usize::from(arg()) % EXPIRIES.len()];
                let security_code = CODES[usize::from(arg()) % CODES.len()];
                let entry = CardEntry {
                    number,
                    expiry,
                    security_code,
                };
                assert_eq!(format!("{entry:?}"), "CardEntry { .. }");
                let shown = cards.confirm(&policy, &entry, now);
                assert_eq!(cards, before, "confirm changed the cards");
                let result = if op % 6 == 0 {
                    shown.clone()
                } else {
                    cards.register(&policy, &entry, now)
                };
                assert_eq!(
                    result.as_ref().map_err(Error::code),
                    shown.as_ref().map_err(Error::code),
                    "register and confirm answer alike"
                );
                let digits: String = number
                    .chars()
                    .filter_map(|c| {
                        c.to_digit(10)
                            .or_else(|| ('０'..='９').contains(&c).then(|| u32::from(c) - 0xFF10))
                    })
                    .map(|d| char::from(b'0' + u8::try_from(d).unwrap()))
                    .collect();
                match &result {
                    Ok(confirmation) => {
                        let seen = format!("{confirmation:?}");
                        assert!(digits.len() >= 14, "{number} registered");
                        assert!(!seen.contains(&digits), "a number in {seen}");
                        assert_eq!(confirmation.masked_security_code, "***");
                        assert_eq!(confirmation.card.registered_at, now);
                        assert!(
                            before.current().map(|c| &c.fingerprint)
                                != Some(&confirmation.card.fingerprint),
                            "the current card registered again"
                        );
                        if op % 6 == 1 {
                            assert_eq!(
                                cards.registrations().len(),
                                before.registrations().len() + 1
                            );
                            assert_eq!(cards.current(), Some(&confirmation.card));
                        }
                    }
                    Err(e) => {
                        assert_eq!(cards, before, "a refused registration changed the cards");
                        for text in [format!("{e:?}"), e.to_string()] {
                            assert!(digits.len() < 12 || !text.contains(&digits), "{text}");
                        }
                        if e.code() == "card.already_registered" {
                            assert!(before.current().is_some());
                        }
                        if e.code() == "card.registration_out_of_order" {
                            assert!(before.current().is_some_and(|c| now < c.registered_at));
                        }
                    }
                }
            }
            2 => {
                // Time passes (mostly forward, sometimes back an hour).
                let step = i64::from(arg());
                now += if step % 8 == 0 {
                    chrono::Duration::hours(-1)
                } else {
                    chrono::Duration::hours(step * 7)
                };
            }
            3 => {
                let month = UsageMonth::parse(MONTHS[usize::from(arg()) % MONTHS.len()]).unwrap();
                let end = month.cutoff(cutoff);
                let expected = cards
                    .registrations()
                    .iter()
                    .filter(|c| c.registered_at < end)
                    .fold(None, |_, c| Some(c)); // the last, walked forwards
                assert_eq!(cards.billing_card(month, cutoff), expected);
            }
            4 => {
                let saved = cards.to_json();
                let loaded = CardsOnFile::from_json(&saved).expect("saved cards load");
                assert_eq!(loaded, cards);
                assert_eq!(loaded.to_json(), saved);
                for m in MONTHS {
                    let month = UsageMonth::parse(m).unwrap();
                    assert_eq!(
                        loaded.billing_card(month, cutoff),
                        cards.billing_card(month, cutoff)
                    );
                }
                cards = loaded;
            }
            _ => {
                let rebuilt = CardsOnFile::from_registrations(cards.registrations().to_vec())
                    .expect("the records load");
                assert_eq!(rebuilt, cards);
                // A record moved out of order, or the same card twice in a row, is refused.
                let mut records = cards.registrations().to_vec();
                if records.len() >= 2 {
                    let i = usize::from(arg()) % (records.len() - 1);
                    let mut twice = records.clone();
                    twice[i + 1].fingerprint = twice[i].fingerprint.clone();
                    assert_eq!(
                        CardsOnFile::from_registrations(twice).unwrap_err().code(),
                        "state.invalid_card_registration"
                    );
                    if records[i].registered_at != records[i + 1].registered_at {
                        records.swap(i, i + 1);
                        assert!(CardsOnFile::from_registrations(records).is_err());
                    }
                }
            }
        }
        let records = cards.registrations();
        for pair in records.windows(2) {
            assert!(pair[0].registered_at <= pair[1].registered_at, "time order");
            assert_ne!(
                pair[0].fingerprint, pair[1].fingerprint,
                "a card twice in a row"
            );
        }
    }
}

/// Secrets the account flows are handed, long or odd enough that no other field of a
/// `Debug` (times, counters, the key's id, the login ID and phone below) can hold them.
const ACCOUNT_SECRETS: [&str; 9] = [
    "8362",
    "739184605217",
    "739184",
    "605217",
    "5813",
    "9460",
    "8F3K",
    "Q9ZX",
    "Waon2020pt",
];

/// The account flows (DESIGN §8), driven by arbitrary bytes: a sign-in (login ID,
/// puzzle, the server's answers, the e-mailed one-time password, resends, cancels,
/// sign-outs) and a MyNaPoint set-up (issuance with its SMS code, reservation and
/// application with the card's PIN) side by side, with time passing. Every step runs
/// twice: on the flow, and on a twin rebuilt from the flow's saved parts just before;
/// both must give the same answer and the same parts (save → load → same answers, so a
/// lock or a counted attempt never clears by `parts()` → `from_parts()`). A refused step
/// changes nothing but a counted attempt (`otp.mismatch` and `pin.mismatch` add one
/// failure; `otp.locked`, `pin.locked` add the one that locks; `signin.locked` ends the
/// attempt); parts sealed under one key never load under another; and no PIN, code,
/// security code or password ever shows in a `Debug` of a flow, its parts or an error.
pub fn account_flows(data: &[u8]) {
    let key = SecretKey::new(&[0x3c; 32]).unwrap();
    let other_key = SecretKey::new(&[0x3d; 32]).unwrap();
    let mut bytes = data.iter().copied();
    let mut next = move || bytes.next();
    let Some(setup) = next() else { return };
    let attempts = i64::from((setup >> 2) & 3) + 1;
    let signin_config = SignInConfig {
        puzzle: setup & 1 != 0,
        otp_digits: if setup & 2 != 0 { 12 } else { 4 },
        otp_valid_minutes: i64::from(setup >> 4) + 1,
        otp_max_attempts: attempts,
    };
    let myna_config = MyNaPointConfig {
        eligible_cards: vec!["aeon_card_waon".into(), "aeon_bank_cash_plus_debit".into()],
        sms_otp_valid_minutes: i64::from(setup >> 4) + 1,
        sms_otp_max_attempts: attempts,
    };
    let mut signin = SignIn::new(&key, signin_config).unwrap();
    let mut myna = MyNaPoint::new(&key, myna_config.clone()).unwrap();
    let mut now = DateTime::parse_from_rfc3339("2026-07-01T10:00:00+09:00").unwrap();
    while let Some(op) = next() {
        let (a, b) = (next().unwrap_or(0), next().unwrap_or(0));
        let pick = |list: &[&'static str], i: u8| list[usize::from(i) % list.len()];
        if op % 3 == 0 {
            now += chrono::Duration::minutes(i64::from(a) * 3);
            // Parts sealed under one key never load under another.
            let parts = signin.parts();
            let sealed = parts.otp.is_some();
            let other = SignIn::from_parts(&other_key, signin_config, parts);
            assert_eq!(sealed, other.is_err(), "sign-in parts under another key");
            let parts = myna.parts();
            let sealed = parts.sms_otp.is_some()
                || parts.card_pin.is_some()
                || parts.security_code.is_some();
            let other = MyNaPoint::from_parts(&other_key, myna_config.clone(), parts);
            if sealed {
                assert_eq!(other.unwrap_err().code(), "credential.key_mismatch");
            } else {
                assert!(other.is_ok());
            }
        } else if op % 3 == 1 {
            let before = signin.parts();
            let mut twin = SignIn::from_parts(&key, signin_config, before.clone())
                .expect("a sign-in's parts load");
            assert_eq!(twin.parts(), before);
            let codes: &[&'static str] = if signin_config.otp_digits == 12 {
                &[
                    "739184605217",
                    "７３９１８４６０５２１７",
                    "739184605218",
                    "8362",
                ]
            } else {
                &["8362", "８３６２", "8363", "836", "739184605217"]
            };
            let step = |flow: &mut SignIn| match (op / 3) % 8 {
                0 => flow.enter_login_id(pick(
                    &["hanako_2024", " sc-0012345 ", "ｈａｎａｋｏ", "", "ab"],
                    a,
                )),
                1 => flow.puzzle_passed(),
                2 => flow.password_rejected(),
                3 => flow.password_accepted(b % 2 == 0, pick(codes, a), now),
                4 => flow.otp_resent(pick(codes, a), now),
                5 | 6 => flow.enter_otp(pick(codes, a), now),
                _ => {
                    if b % 2 == 0 {
                        flow.cancel()
                    } else {
                        flow.sign_out()
                    }
                }
            };
            let result = step(&mut signin);
            assert_eq!(step(&mut twin), result, "a reloaded sign-in answers alike");
            let after = signin.parts();
            assert_eq!(twin.parts(), after);
            if let Err(e) = &result {
                match e.code() {
                    "otp.mismatch" => {
                        let mut counted = before.clone();
                        counted.otp.as_mut().unwrap().failures += 1;
                        assert_eq!(after, counted, "otp.mismatch counts one attempt");
                    }
                    "signin.locked" if before.state == SignInState::AwaitingOtp => {
                        assert_eq!(after.state, SignInState::Locked);
                        assert!(after.otp.is_none() && after.login_id.is_none());
                    }
                    _ => assert_eq!(after, before, "a refused {} changed the sign-in", e.code()),
                }
                no_secret(&format!("{e:?} {e}"));
            }
            no_secret(&format!("{signin:?} {after:?}"));
        } else {
            let before = myna.parts();
            let mut twin = MyNaPoint::from_parts(&key, myna_config.clone(), before.clone())
                .expect("a MyNaPoint's parts load");
            assert_eq!(twin.parts(), before);
            let service_ids = ["SVC7788", "ＳＶＣ７７８８", "SVC7789", ""];
            let security_codes = ["8F3K", "８Ｆ３Ｋ", "Q9ZX", "8F3K!"];
            let step = |m: &mut MyNaPoint| -> Result<String, Error> {
                let done = |r: Result<(), Error>| r.map(|()| String::new());
                match (op / 3) % 16 {
                    0 => done(m.choose_card(pick(
                        &["aeon_card_waon", "visa_gold", "aeon_bank_cash_plus_debit"],
                        a,
                    ))),
                    1 => done(m.enter_phone(pick(&["090-8765-4321", "0312345678", "12"], a))),
                    2 => done(
                        m.sms_sent(pick(&["739184", "605217", "1357", "７３９１８４"], a), now),
                    ),
                    3 => done(m.enter_sms_code(
                        pick(&["739184", "７３９１８４", "605217", "000000", "12"], a),
                        now,
                    )),
                    4 => done(m.set_password(pick(&["Waon2020pt", "waonwaon", ""], a))),
                    5 => done(m.issued(pick(&service_ids, a), pick(&security_codes, b))),
                    6 => m.view(a % 2 == 0).map(str::to_owned),
                    7 => done(m.start_reservation(pick(&["5813", "9460", "58", "５８１３"], a))),
                    8 => done(m.enter_pin(pick(&["5813", "５８１３", "9460", "0000", "12"], a))),
                    9 => done(m.card_read()),
                    10 => done(m.mykey_issued(pick(&["MK77", "", "ＭＫ７７"], a))),
                    11 => done(if a % 2 == 0 {
                        m.proceed_to_application()
                    } else {
                        m.resume_application()
                    }),
                    12 => done(m.choose_service(pick(&["aeon_card_waon", "paypay"], a))),
                    13 => done(m.accept_terms()),
                    14 => done(m.enter_details(
                        pick(&service_ids, a),
                        pick(&security_codes, b),
                        pick(&["4321", "５６７８", "43", "1234"], a ^ b),
                    )),
                    _ => done(if a % 2 == 0 {
                        m.confirm()
                    } else {
                        m.registration_confirmed()
                    }),
                }
            };
            let result = step(&mut myna);
            assert_eq!(
                step(&mut twin),
                result,
                "a reloaded MyNaPoint answers alike"
            );
            let after = myna.parts();
            assert_eq!(twin.parts(), after);
            assert_eq!(
                (twin.pin_locked(), twin.pin_remaining()),
                (myna.pin_locked(), myna.pin_remaining())
            );
            if let Err(e) = &result {
                let mut counted = before.clone();
                let locks = |failures: i64, max: i64| {
                    if failures < max {
                        failures + 1
                    } else {
                        failures
                    }
                };
                match e.code() {
                    "otp.mismatch" => counted.sms_otp.as_mut().unwrap().failures += 1,
                    "otp.locked" => {
                        let otp = counted.sms_otp.as_mut().unwrap();
                        otp.failures = locks(otp.failures, otp.max_attempts);
                    }
                    "pin.mismatch" => counted.card_pin.as_mut().unwrap().failures += 1,
                    "pin.locked" => {
                        let pin = counted.card_pin.as_mut().unwrap();
                        pin.failures = locks(pin.failures, 3);
                    }
                    _ => {}
                }
                assert_eq!(
                    after,
                    counted,
                    "a refused {} changed more than its count",
                    e.code()
                );
                no_secret(&format!("{e:?} {e}"));
            }
            if let Some(shown) = result.as_deref().ok().filter(|s| !s.is_empty()) {
                assert!(["SVC7788", "SVC7789"].contains(&shown), "viewed {shown}");
            }
            let seen = format!("{myna:?}");
            assert!(!seen.contains("SVC778"), "the service ID in {seen}");
            no_secret(&format!("{seen} {after:?}"));
        }
    }
}

fn no_secret(text: &str) {
    for secret in ACCOUNT_SECRETS {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}
