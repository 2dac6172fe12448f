//! Regression tests for issue 14 ("Integrity first"), core's half: what a hostile or
//! buggy caller could do to a wallet, a charge or a one-time password that crashed an
//! app, made a save that does not load, or lost money.
//!
//! - item 3, times: instants and dates outside the years 0001–9999 are refused at every
//!   entry point (`time.invalid`), and every state the API can reach saves and loads
//!   back (`any_reachable_state_saves_and_loads_back_to_the_same_answers`);
//! - item 4, loading and replay check what `docs/state.md` says;
//! - item 5, what one event may hold is bounded, its duplicates found in linear time;
//! - item 6, money stays exact and no total overflows while the balances are amounts;
//! - item 7, errors echo at most `Error::ECHO_MAX_CHARS` characters of caller text.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Timelike, Utc};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::{edit, load_code, t};
use saifu::*;

/// An instant at UTC from seconds since the epoch, shown in `offset_minutes`.
fn at_offset(seconds: i64, offset_minutes: i32) -> DateTime<FixedOffset> {
    let utc = Utc.timestamp_opt(seconds, 0).unwrap();
    utc.with_timezone(&FixedOffset::east_opt(offset_minutes * 60).unwrap())
}

/// Instants every entry point must refuse: each outside the years 0001–9999 in UTC, in
/// JST or in its own offset (JavaScript's `new Date("+010000-01-01Z")` is the first).
fn out_of_range() -> Vec<DateTime<FixedOffset>> {
    let utc = |y, mo, d, h, mi| {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .unwrap()
            .fixed_offset()
    };
    vec![
        utc(10_000, 1, 1, 0, 0),
        // 10000-01-01T00:00 in JST, 9999 in UTC.
        utc(9999, 12, 31, 15, 0),
        // 9999-12-31 in its own offset, 10000-01-01 in UTC and JST: a loaded
        // `registered_at` like this crashed Python's `lots()` and `balance()`.
        at_offset(utc(10_000, 1, 1, 23, 58).timestamp(), -(23 * 60 + 59)),
        // Year 0 in UTC, year 1 in JST.
        at_offset(utc(1, 1, 1, 0, 0).timestamp() - 3600, 9 * 60),
        utc(-100_000, 1, 1, 0, 0),
    ]
}

fn lot(id: &str, program: &str, scope: Scope, expires: Option<&str>, value: i64) -> NewLot {
    NewLot {
        id: id.into(),
        code: VoucherCode::parse("N7af3c1d7AV9b2e4").unwrap(),
        management_no: "d012104262000001".into(),
        program: program.into(),
        scope,
        registered_at: t("2026-04-01T10:00:00+09:00"),
        expires_on: expires.map(|d| d.parse().unwrap()),
        face_value: Money::jpy(value).unwrap(),
        balance: Money::jpy(value).unwrap(),
    }
}

fn program(id: &str) -> Program {
    Program::new(
        id,
        &format!("Program {id}"),
        &format!("{}X", id.to_uppercase()),
    )
}

fn merchant(id: &str, size: MerchantSize, programs: &[&str]) -> Merchant {
    Merchant {
        id: id.into(),
        name: format!("Merchant {id}"),
        size,
        programs: programs.iter().map(|p| (*p).to_owned()).collect(),
        jpqr_id: None,
    }
}

/// Two programs, a small merchant taking both and a large one taking `p`, and lots.
fn wallet() -> Wallet {
    let mut w = Wallet::new();
    w.set_event_log(true);
    w.add_program(program("p")).unwrap();
    w.add_program(program("q")).unwrap();
    w.add_merchant(merchant("small", MerchantSize::Small, &["p", "q"]))
        .unwrap();
    w.add_merchant(merchant("large", MerchantSize::Large, &["p"]))
        .unwrap();
    w.open_lot(lot("A", "p", Scope::AllStores, Some("2026-06-30"), 1_000))
        .unwrap();
    w.open_lot(lot("B", "p", Scope::SmallStoresOnly, None, 2_000))
        .unwrap();
    w.open_lot(lot("C", "q", Scope::AllStores, None, 3_000))
        .unwrap();
    w
}

fn yen(n: i64) -> Money {
    Money::jpy(n).unwrap()
}

/// The code of `result`'s error, after checking the wallet did not change.
fn refused<T: std::fmt::Debug>(w: &Wallet, before: &Wallet, result: Result<T, Error>) -> String {
    assert!(w == before, "a failed operation changed the wallet");
    result.unwrap_err().code().to_owned()
}

// ---- item 3: times and dates ----

#[test]
fn wallet_entry_points_refuse_instants_outside_the_years_0001_to_9999() {
    let mut w = wallet();
    let now = t("2026-05-01T12:00:00+09:00");
    let receipt = w.pay("small", yen(100), now).unwrap();
    for far in out_of_range() {
        let before = w.clone();
        let mut codes = vec![
            refused(&w, &before, w.quote("small", yen(1), far)),
            refused(&w, &before, w.balance(far)),
        ];
        let result = w.pay("small", yen(1), far);
        codes.push(refused(&w, &before, result));
        let result = w.refund(&receipt.payment_id, yen(1), far);
        codes.push(refused(&w, &before, result));
        let result = w.expire(far);
        codes.push(refused(&w, &before, result));
        let result = w.charge(
            "CH",
            "p",
            far,
            vec![lot("N", "p", Scope::AllStores, None, 1)],
        );
        codes.push(refused(&w, &before, result));
        let mut registered = lot("N", "p", Scope::AllStores, None, 1);
        registered.registered_at = far;
        let result = w.open_lot(registered.clone());
        codes.push(refused(&w, &before, result));
        let result = w.charge("CH", "p", now, vec![registered]);
        codes.push(refused(&w, &before, result));
        let event = WalletEvent::Paid {
            payment_id: "PX".into(),
            serial: w.next_payment_serial(),
            merchant: "small".into(),
            at: far,
            amount: yen(1),
            allocations: vec![Allocation {
                lot: "C".into(),
                amount: yen(1),
            }],
        };
        let result = w.apply(&event);
        codes.push(refused(&w, &before, result));
        assert!(
            codes.iter().all(|c| c == "time.invalid"),
            "{far:?}: {codes:?}"
        );
    }
    // Dates: a lot expiring in year 0 or after 9999 (chrono holds both).
    let before = w.clone();
    for date in [
        NaiveDate::from_ymd_opt(0, 12, 31).unwrap(),
        NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap(),
    ] {
        let mut far = lot("N", "p", Scope::AllStores, None, 1);
        far.expires_on = Some(date);
        let result = w.open_lot(far);
        assert_eq!(refused(&w, &before, result), "time.invalid");
    }
    assert_eq!(parse_date("0000-01-01").unwrap_err().code(), "time.invalid");
    // The edges themselves are usable, and what they make saves and loads.
    let last = t("9999-12-31T23:59:59.999+09:00");
    let first = t("0001-01-01T00:00:00Z");
    let mut edge = lot("E", "p", Scope::AllStores, Some("9999-12-31"), 10);
    edge.registered_at = first;
    w.open_lot(edge).unwrap();
    w.pay("small", yen(5), last).unwrap();
    w.pay("small", yen(5), first).unwrap();
    let json = w.to_json().unwrap();
    assert_eq!(Wallet::from_json(&json).unwrap(), w);
}

#[test]
fn a_reissue_policy_is_bounded_and_no_reissued_lot_expires_after_9999() {
    let mut w = wallet();
    let paid = w
        .pay("small", yen(500), t("2026-06-01T12:00:00+09:00"))
        .unwrap();
    assert_eq!(paid.allocations[0].lot, "A");
    let policy = |valid_days| WalletPolicy {
        expired_refund: ExpiredRefundPolicy::Reissue { valid_days },
        ..WalletPolicy::default()
    };
    let before = w.clone();
    let result = w.set_policy(policy(4_000_000));
    assert_eq!(refused(&w, &before, result), "time.invalid");
    let event = WalletEvent::PolicyChanged {
        policy: policy(ExpiredRefundPolicy::MAX_VALID_DAYS + 1),
    };
    let result = w.apply(&event);
    assert_eq!(refused(&w, &before, result), "time.invalid");
    w.set_policy(policy(ExpiredRefundPolicy::MAX_VALID_DAYS))
        .unwrap();
    // A refund in 9950 would reissue `A` (expired) until about 10050: refused.
    let before = w.clone();
    let result = w.refund(&paid.payment_id, yen(100), t("9950-01-01T00:00:00+09:00"));
    assert_eq!(refused(&w, &before, result), "time.invalid");
    // One that fits is made, and the wallet's own save loads.
    w.set_policy(policy(90)).unwrap();
    let refund = w
        .refund(&paid.payment_id, yen(100), t("9999-01-01T00:00:00+09:00"))
        .unwrap();
    assert_eq!(
        refund.restored[0].outcome,
        RestoreOutcome::Reissued {
            from: "A".into(),
            sequence: 1,
            expires_on: "9999-04-01".parse().unwrap()
        }
    );
    let json = w.to_json().unwrap();
    assert_eq!(Wallet::from_json(&json).unwrap(), w);
    assert_eq!(Wallet::replay(&w.take_events()).unwrap(), w);
}

#[test]
fn saved_times_and_dates_outside_the_range_do_not_load() {
    let w = wallet();
    for bad in [
        "9999-12-31T23:59:59-23:59",
        "0001-01-01T08:59:59+09:00",
        "0000-06-01T00:00:00Z",
    ] {
        assert_eq!(
            load_code(&edit(&w, |v| v["lots"][0]["registered_at"] = json!(bad))),
            "state.malformed",
            "{bad}"
        );
    }
    assert_eq!(
        load_code(&edit(&w, |v| v["lots"][0]["expires_on"] = json!("0000-12-31"))),
        "state.malformed"
    );
    assert_eq!(
        load_code(&edit(&w, |v| v["policy"]["expired_refund"] =
            json!({"reissue": {"valid_days": 4_000_000}}))),
        "state.malformed"
    );
    let mut v: Value = serde_json::from_str(&w.clone().take_events_json().unwrap()).unwrap();
    v[4]["lot_opened"]["lot"]["registered_at"] = json!("9999-12-31T23:59:59-23:59");
    assert_eq!(
        Wallet::replay_json(&v.to_string()).unwrap_err().code(),
        "state.malformed"
    );
}

#[test]
fn charges_refuse_instants_outside_the_range() {
    let now = t("2026-11-23T10:00:00+09:00");
    let mut charges = Charges::new();
    charges
        .add_program(Program {
            id: "p".into(),
            name: "P".into(),
            payment_id_prefix: None,
            accepted_brands: vec![Brand::Visa],
            product: None,
        })
        .unwrap();
    let card = ChargeMethod::Card { brand: Brand::Visa };
    let order = ChargeOrder::Amount(yen(1_000));
    charges.start("c1", "p", card, order, now).unwrap();
    charges.confirm("c1", now).unwrap();
    charges.pay("c1", now).unwrap();
    for far in out_of_range() {
        let before = charges.clone();
        let codes = [
            charges.can_start(far).map(drop),
            charges.start("c2", "p", card, order, far).map(drop),
            charges.confirm("c1", far).map(drop),
            charges.pay("c1", far).map(drop),
            charges.cancel("c1", far).map(drop),
            charges
                .notify("c1", ChargeEvent::ThreeDsSucceeded, far)
                .map(drop),
        ]
        .map(|r| r.unwrap_err().code());
        assert_eq!(codes, ["time.invalid"; 6], "{far:?}");
        assert_eq!(charges, before);
    }
    // A deadline or lockout the rules would put after 9999 is refused too.
    let end = t("9999-12-31T23:50:00+09:00");
    let before = charges.clone();
    let err = charges
        .notify("c1", ChargeEvent::ThreeDsNotEnrolled, end)
        .unwrap_err();
    assert_eq!(err.code(), "time.invalid");
    assert_eq!(charges, before);
    let konbini = ChargeMethod::Konbini {
        chain: KonbiniChain::Lawson,
    };
    charges.start("c3", "p", konbini, order, end).unwrap();
    charges.confirm("c3", end).unwrap();
    assert_eq!(charges.pay("c3", end).unwrap_err().code(), "time.invalid");
}

#[test]
fn one_time_passwords_and_qr_tokens_refuse_instants_outside_the_range() {
    let valid = Duration::minutes(10);
    for far in out_of_range() {
        let otp = OneTimePassword::new("1234", far, valid, 3);
        assert_eq!(otp.unwrap_err().code(), "time.invalid");
        let qr = CustomerQrPayment::new("tok", far, valid);
        assert_eq!(qr.unwrap_err().code(), "time.invalid");
    }
    // The end of the validity counts: `expires_at()` is shown as a time everywhere. A
    // validity that ends past 9999 is the code's or token's own error, as one past
    // chrono's calendar was.
    let late = t("9999-12-31T23:55:00+09:00");
    let otp = OneTimePassword::new("1234", late, valid, 3);
    assert_eq!(otp.unwrap_err().code(), "otp.invalid_format");
    let qr = CustomerQrPayment::new("tok", late, valid);
    assert_eq!(qr.unwrap_err().code(), "qr.invalid_token");
    let mut otp = OneTimePassword::new("1234", late, Duration::minutes(4), 3).unwrap();
    assert_eq!(otp.expires_at(), t("9999-12-31T23:59:00+09:00"));
    let far = out_of_range()[0];
    assert_eq!(otp.verify("1234", far).unwrap_err().code(), "time.invalid");
    assert_eq!(otp.failures(), 0);
}

// ---- item 4: loading and replay ----

#[test]
fn a_next_serial_stays_above_the_highest_serial_whatever_order_payments_load_in() {
    let mut w = wallet();
    let at = t("2026-05-01T12:00:00+09:00");
    w.pay("small", yen(10), at).unwrap();
    w.set_next_payment_serial(50).unwrap();
    let highest = w.pay("small", yen(10), at).unwrap();
    w.set_next_payment_serial(60).unwrap();
    // The document lists the payment of serial 50 first, then that of serial 1.
    let json = edit(&w, |v| v["payments"].as_array_mut().unwrap().swap(0, 1));
    let mut loaded = Wallet::from_json(&json).unwrap();
    match loaded.set_next_payment_serial(50) {
        Err(Error::WalletDuplicateId { id }) => assert_eq!(id, highest.payment_id),
        other => panic!("{other:?}"),
    }
    // Lower than the next serial, above every payment's: allowed.
    loaded.set_next_payment_serial(51).unwrap();
    // The wallet that made them answers the same.
    let lower = WalletEvent::PaymentSerialSet { next: 50 };
    assert_eq!(w.apply(&lower).unwrap_err().code(), "wallet.duplicate_id");
    w.apply(&WalletEvent::PaymentSerialSet { next: 51 })
        .unwrap();
}

#[test]
fn loading_refuses_a_next_serial_that_meets_a_payment_or_passes_12_digits() {
    let mut w = wallet();
    w.set_next_payment_serial(7).unwrap();
    w.pay("small", yen(10), t("2026-05-01T12:00:00+09:00"))
        .unwrap();
    assert_eq!(
        load_code(&edit(&w, |v| v["next_payment_serial"] = json!(7))),
        "state.inconsistent_totals"
    );
    assert_eq!(
        load_code(&edit(&w, |v| v["next_payment_serial"] = json!(u64::MAX))),
        "state.malformed"
    );
    assert_eq!(
        load_code(&edit(&w, |v| {
            v["payments"][0]["serial"] = json!(1_000_000_000_000u64);
            v["next_payment_serial"] = json!(1_000_000_000_000u64);
        })),
        "state.malformed"
    );
    // The API cannot go back either: the next payment that day would meet its id.
    let before = w.clone();
    let result = w.set_next_payment_serial(7);
    assert_eq!(refused(&w, &before, result), "wallet.duplicate_id");
    w.set_next_payment_serial(8).unwrap();
    // The last serial is usable, and a wallet that used it saves and loads.
    w.set_next_payment_serial(999_999_999_999).unwrap();
    w.pay("small", yen(10), t("2026-05-01T12:00:01+09:00"))
        .unwrap();
    assert_eq!(w.next_payment_serial(), 1_000_000_000_000);
    let loaded = Wallet::from_json(&w.to_json().unwrap()).unwrap();
    assert_eq!(loaded, w);
    let err = w
        .pay("small", yen(10), t("2026-05-01T12:00:02+09:00"))
        .unwrap_err();
    assert_eq!(err.code(), "wallet.payment_serial_exhausted");
}

#[test]
fn loading_checks_the_ledgers_against_payments_refunds_charges_and_history() {
    let mut w = wallet();
    w.charge(
        "CH",
        "q",
        t("2026-05-01T09:00:00+09:00"),
        vec![lot("D", "q", Scope::AllStores, None, 500)],
    )
    .unwrap();
    let paid = w
        .pay("small", yen(1_500), t("2026-05-01T12:00:00+09:00"))
        .unwrap();
    w.refund(&paid.payment_id, yen(200), t("2026-05-02T12:00:00+09:00"))
        .unwrap();
    w.expire(t("2026-07-01T00:00:00+09:00")).unwrap();
    assert_eq!(Wallet::from_json(&w.to_json().unwrap()).unwrap(), w);
    // A payment of 100 from lot `C` (at its face value), the ledger made to agree (paid
    // and opening 100 more): refunding it would put `C` above its face value.
    let forged = edit(&w, |v| {
        for field in ["paid", "opening"] {
            let total = v["ledgers"][1][field]["minor"].as_i64().unwrap();
            v["ledgers"][1][field]["minor"] = json!(total + 100);
        }
        let mut p = v["payments"][0].clone();
        p["id"] = json!("FORGED");
        p["allocations"] = json!([{"lot": "C", "amount": {"minor": 100, "currency": "JPY"},
            "restored": {"minor": 0, "currency": "JPY"}}]);
        p["amount"] = json!({"minor": 100, "currency": "JPY"});
        p["refunds"] = json!([]);
        let at = p["at"].clone();
        v["payments"].as_array_mut().unwrap().push(p);
        let entry = json!({"kind": "payment", "id": "FORGED", "at": at,
            "amount": {"minor": 100, "currency": "JPY"}, "title": "Merchant small"});
        v["history"].as_array_mut().unwrap().push(entry);
    });
    assert_eq!(load_code(&forged), "state.inconsistent_totals");
    // Each total one off, the opening moved to keep the conservation law: only the
    // records can tell.
    for program in 0..2 {
        for field in ["charged", "paid", "refunded", "forfeited"] {
            let json = edit(&w, |v| {
                let ledger = &mut v["ledgers"][program];
                let total = ledger[field]["minor"].as_i64().unwrap();
                ledger[field]["minor"] = json!(total + 1);
                let outflow = field == "paid" || field == "forfeited";
                let opening = ledger["opening"]["minor"].as_i64().unwrap();
                ledger["opening"]["minor"] = json!(if outflow { opening + 1 } else { opening - 1 });
            });
            assert_eq!(
                load_code(&json),
                "state.inconsistent_totals",
                "{program} {field}"
            );
        }
    }
    assert_eq!(
        load_code(&edit(&w, |v| v["ledgers"][0]["opening"]["minor"] = json!(-1))),
        "state.malformed"
    );
    // History entries: of an unknown payment, in another currency, missing.
    assert_eq!(
        load_code(&edit(&w, |v| v["history"][1]["id"] = json!("nowhere"))),
        "state.unknown_reference"
    );
    assert_eq!(
        load_code(&edit(&w, |v| v["history"][1]["amount"]["currency"] = json!("USD"))),
        "state.inconsistent_totals"
    );
    assert_eq!(
        load_code(&edit(&w, |v| {
            v["history"].as_array_mut().unwrap().remove(1);
        })),
        "state.inconsistent_totals"
    );
    assert_eq!(
        load_code(&edit(&w, |v| {
            let again = v["history"][1].clone();
            v["history"].as_array_mut().unwrap().push(again);
        })),
        "state.duplicate_id"
    );
    // A charge of lots it did not create.
    assert_eq!(
        load_code(&edit(&w, |v| v["charges"][0]["amount"]["minor"] = json!(400))),
        "state.inconsistent_totals"
    );
}

#[test]
fn replay_applies_a_paid_event_only_where_pay_could_have_made_it() {
    let mut w = wallet();
    w.open_lot(lot("X", "p", Scope::AllStores, Some("2026-01-31"), 100))
        .unwrap();
    let at = t("2026-05-01T12:00:00+09:00");
    let paid = |merchant: &str, lot: &str, serial| WalletEvent::Paid {
        payment_id: format!("P{serial}"),
        serial,
        merchant: merchant.into(),
        at,
        amount: yen(10),
        allocations: vec![Allocation {
            lot: lot.into(),
            amount: yen(10),
        }],
    };
    let next = w.next_payment_serial();
    for (event, code) in [
        // `q` is not taken at the large merchant.
        (paid("large", "C", next), "wallet.unknown_lot"),
        // `B` is for small stores only.
        (paid("large", "B", next), "wallet.unknown_lot"),
        // `X` expired in January.
        (paid("small", "X", next), "wallet.unknown_lot"),
        (
            paid("small", "A", 1_000_000_000_000),
            "wallet.payment_serial_exhausted",
        ),
        (
            WalletEvent::PaymentSerialSet { next: u64::MAX },
            "wallet.payment_serial_exhausted",
        ),
    ] {
        let before = w.clone();
        let result = w.apply(&event);
        assert_eq!(refused(&w, &before, result), code, "{event:?}");
    }
    w.apply(&paid("small", "A", next + 5)).unwrap();
    assert_eq!(w.next_payment_serial(), next + 6);
    let before = w.clone();
    let result = w.apply(&paid("small", "A", next + 1));
    assert_eq!(refused(&w, &before, result), "wallet.duplicate_id");
    // In a log, the event's index and the check's code are reported.
    let mut events = wallet().take_events();
    events.push(paid("large", "B", 1));
    assert_eq!(
        Wallet::replay(&events).unwrap_err(),
        Error::StateInvalidEvent {
            index: 7,
            cause: "wallet.unknown_lot".into()
        }
    );
}

#[test]
fn replay_applies_refunds_and_expiries_only_as_the_operations_make_them() {
    let mut w = wallet();
    let paid = w
        .pay("small", yen(1_500), t("2026-05-01T12:00:00+09:00"))
        .unwrap();
    let refund = |restored: Vec<Restoration>, amount| WalletEvent::Refunded {
        refund_id: "R1".into(),
        payment_id: paid.payment_id.clone(),
        at: t("2026-07-02T12:00:00+09:00"),
        amount: yen(amount),
        restored,
    };
    let restore = |lot: &str, amount, outcome| Restoration {
        lot: lot.into(),
        amount: yen(amount),
        outcome,
    };
    // Paid from A (1,000, expired since June) then B (500). Refunding 700 goes back to
    // B (500), then to A (200), which has expired: the policy (Reject) refuses it.
    let as_logged = refund(
        vec![
            restore("B", 500, RestoreOutcome::Restored),
            restore("A", 200, RestoreOutcome::Restored),
        ],
        700,
    );
    let before = w.clone();
    let result = w.apply(&as_logged);
    assert_eq!(refused(&w, &before, result), "wallet.refund_lot_expired");
    w.set_policy(WalletPolicy {
        expired_refund: ExpiredRefundPolicy::Forfeit,
        ..WalletPolicy::default()
    })
    .unwrap();
    let restored = |lot| restore(lot, 0, RestoreOutcome::Restored);
    let forfeited = |lot| restore(lot, 0, RestoreOutcome::Forfeited);
    let shares = |list: [(Restoration, i64); 2]| {
        list.map(|(r, amount)| Restoration {
            amount: yen(amount),
            ..r
        })
        .to_vec()
    };
    for (event, code) in [
        // Restored to an expired lot (now that the policy forfeits).
        (as_logged, "wallet.unknown_lot"),
        // Not in reverse order of consumption.
        (
            refund(shares([(forfeited("A"), 200), (restored("B"), 500)]), 700),
            "wallet.unknown_lot",
        ),
        // Shares other than what the payment gives back first.
        (
            refund(shares([(restored("B"), 400), (forfeited("A"), 300)]), 700),
            "wallet.invalid_amount",
        ),
        // The same lot twice.
        (
            refund(shares([(restored("B"), 300), (restored("B"), 200)]), 500),
            "wallet.invalid_amount",
        ),
        // No restoration at all.
        (refund(Vec::new(), 500), "wallet.invalid_amount"),
    ] {
        let before = w.clone();
        let result = w.apply(&event);
        assert_eq!(refused(&w, &before, result), code, "{event:?}");
    }
    w.apply(&refund(
        vec![
            restore("B", 500, RestoreOutcome::Restored),
            restore("A", 200, RestoreOutcome::Forfeited),
        ],
        700,
    ))
    .unwrap();
    // An expiry takes a lot's whole balance at the instant it expired.
    let expired = |at, amount| WalletEvent::Expired {
        lot: "A".into(),
        at: t(at),
        amount: yen(amount),
    };
    let before = w.clone();
    assert_eq!(w.lot("A").unwrap().balance(), yen(0));
    let result = w.apply(&expired("2026-07-01T00:00:00+09:00", 1));
    assert_eq!(refused(&w, &before, result), "wallet.invalid_amount");
    let mut v = wallet();
    let result = v.apply(&expired("2026-07-02T00:00:00+09:00", 1_000));
    let before = wallet();
    assert_eq!(refused(&v, &before, result), "time.invalid");
    let result = v.apply(&expired("2026-07-01T00:00:00+09:00", 999));
    assert_eq!(refused(&v, &before, result), "wallet.invalid_amount");
    v.apply(&expired("2026-07-01T00:00:00+09:00", 1_000))
        .unwrap();
}

// ---- item 5: what one event holds ----

#[test]
fn a_charge_holds_at_most_max_charge_lots_and_its_duplicates_are_found() {
    let mut w = Wallet::new();
    w.add_program(program("p")).unwrap();
    let lots = |n: usize| -> Vec<NewLot> {
        (0..n)
            .map(|i| lot(&format!("L{i}"), "p", Scope::AllStores, None, 1))
            .collect()
    };
    let at = t("2026-05-01T12:00:00+09:00");
    let before = w.clone();
    let result = w.charge("C", "p", at, lots(Wallet::MAX_CHARGE_LOTS + 1));
    assert_eq!(refused(&w, &before, result), "wallet.invalid_amount");
    let mut twice = lots(1_000);
    twice.push(lot("L500", "p", Scope::AllStores, None, 1));
    let err = w.charge("C", "p", at, twice).unwrap_err();
    assert_eq!(err, Error::WalletDuplicateId { id: "L500".into() });
    w.charge("C", "p", at, lots(Wallet::MAX_CHARGE_LOTS))
        .unwrap();
    assert_eq!(w.lots().len(), Wallet::MAX_CHARGE_LOTS);
    // A payment naming one lot twice.
    w.add_merchant(merchant("m", MerchantSize::Small, &["p"]))
        .unwrap();
    let share = |lot: &str| Allocation {
        lot: lot.into(),
        amount: yen(1),
    };
    let event = WalletEvent::Paid {
        payment_id: "P".into(),
        serial: 1,
        merchant: "m".into(),
        at,
        amount: yen(3),
        allocations: vec![share("L1"), share("L2"), share("L1")],
    };
    let before = w.clone();
    let result = w.apply(&event);
    assert_eq!(refused(&w, &before, result), "wallet.invalid_amount");
}

// ---- item 6: exact money ----

fn rich(programs: &[&str], each: i64) -> Result<Wallet, Error> {
    let mut w = Wallet::new();
    w.set_event_log(true);
    for p in programs {
        w.add_program(program(p))?;
    }
    w.add_merchant(merchant("m", MerchantSize::Small, programs))?;
    for p in programs {
        w.open_lot(lot(&format!("{p}1"), p, Scope::AllStores, None, each))?;
    }
    Ok(w)
}

#[test]
fn one_payment_across_many_programs_books_each_share_to_its_own_program() {
    // More programs than a change's ledgers are found among by a scan (8): one payment
    // draws on a lot of each of 20, its refund restores them all.
    let ids: Vec<String> = (0..20).map(|i| format!("p{i:02}")).collect();
    let programs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut w = rich(&programs, 1_000).unwrap();
    let at = t("2026-05-01T12:00:00+09:00");
    let paid = w.pay("m", yen(20 * 1_000 - 500), at).unwrap();
    assert_eq!(paid.allocations.len(), 20);
    let partly = w.lots().iter().filter(|l| l.balance() == yen(500)).count();
    assert_eq!(partly, 1);
    for (ledger, lot) in w.ledgers().iter().zip(w.lots()) {
        assert_eq!(ledger.paid, (1_000 - lot.balance().minor()) as u128);
        assert_eq!(ledger.expected_balance().unwrap(), lot.balance());
    }
    w.refund(
        &paid.payment_id,
        yen(20 * 1_000 - 500),
        at + Duration::seconds(1),
    )
    .unwrap();
    for (ledger, lot) in w.ledgers().iter().zip(w.lots()) {
        assert_eq!(ledger.refunded, ledger.paid);
        assert_eq!(lot.balance(), yen(1_000));
    }
    assert_eq!(Wallet::replay(&w.take_events()).unwrap(), w);
}

#[test]
fn paying_and_refunding_the_maximum_leaves_a_wallet_that_pays() {
    let mut w = rich(&["p"], MAX_MINOR).unwrap();
    let at = t("2026-05-01T12:00:00+09:00");
    for _ in 0..3 {
        let paid = w.pay("m", yen(MAX_MINOR), at).unwrap();
        w.refund(&paid.payment_id, yen(MAX_MINOR), at + Duration::seconds(1))
            .unwrap();
    }
    let paid = w.pay("m", yen(1), at).unwrap();
    assert_eq!(paid.balance_after, yen(MAX_MINOR - 1));
    let ledger = w.ledgers()[0];
    assert_eq!(ledger.paid, 3 * MAX_MINOR as u128 + 1);
    assert_eq!(ledger.refunded, 3 * MAX_MINOR as u128);
    assert_eq!(ledger.expected_balance().unwrap(), yen(MAX_MINOR - 1));
    // Totals past 2^53 − 1 save and load, and so does the log.
    let json = w.to_json().unwrap();
    assert!(json.contains("27021597764222974"), "{json}");
    assert_eq!(Wallet::from_json(&json).unwrap(), w);
    assert_eq!(Wallet::replay(&w.take_events()).unwrap(), w);
}

#[test]
fn a_wallet_holds_at_most_the_largest_amount_in_all() {
    // Two programs each holding the maximum cannot be: the second is refused ...
    let err = rich(&["p", "q"], MAX_MINOR).unwrap_err();
    assert_eq!(err.code(), "money.out_of_range");
    // ... so balance, quote and pay(1) work on any wallet there is.
    let half = MAX_MINOR / 2;
    let mut w = rich(&["p", "q"], half).unwrap();
    let at = t("2026-05-01T12:00:00+09:00");
    assert_eq!(w.balance(at).unwrap().total, yen(2 * half));
    assert_eq!(w.quote("m", yen(1), at).unwrap().available, yen(2 * half));
    w.pay("m", yen(1), at).unwrap();
    // Opening, charging and refunding past it are refused, and change nothing.
    let before = w.clone();
    let result = w.open_lot(lot("r", "p", Scope::AllStores, None, 3));
    assert_eq!(refused(&w, &before, result), "money.out_of_range");
    let result = w.charge("C", "q", at, vec![lot("r", "q", Scope::AllStores, None, 3)]);
    assert_eq!(refused(&w, &before, result), "money.out_of_range");
    let paid = w.pay("m", yen(10), at).unwrap();
    w.open_lot(lot("r", "p", Scope::AllStores, None, 10))
        .unwrap();
    let before = w.clone();
    let result = w.refund(&paid.payment_id, yen(10), at);
    assert_eq!(refused(&w, &before, result), "money.out_of_range");
    // A saved wallet holding more does not load.
    let two = rich(&["p", "q"], half).unwrap();
    let json = edit(&two, |v| {
        for i in 0..2 {
            for f in ["face_value", "balance"] {
                v["lots"][i][f]["minor"] = json!(MAX_MINOR);
            }
            v["ledgers"][i]["opening"]["minor"] = json!(MAX_MINOR);
        }
    });
    assert_eq!(load_code(&json), "state.inconsistent_totals");
}

#[test]
fn a_product_whose_largest_purchase_overflows_is_refused_when_added() {
    let product = |unit_price, value, max_units| Program {
        id: "p".into(),
        name: "P".into(),
        payment_id_prefix: None,
        accepted_brands: vec![Brand::Visa],
        product: Some(Product {
            unit_price: yen(unit_price),
            max_units,
            breakdown: vec![
                ProductLine {
                    scope: Scope::SmallStoresOnly,
                    value: yen(value),
                },
                ProductLine {
                    scope: Scope::AllStores,
                    value: yen(value),
                },
            ],
            methods: vec![ChargeMethodKind::Card],
            lots_expire_on: None,
        }),
    };
    let mut charges = Charges::new();
    for bad in [
        product(1, MAX_MINOR / 2 + 1, 2), // a line × units
        product(1, MAX_MINOR / 4 + 1, 2), // the lines together × units
        product(MAX_MINOR / 3, 1, 4),     // the price × units
    ] {
        let err = charges.add_program(bad).unwrap_err();
        assert_eq!(err.code(), "charge.invalid_units");
    }
    assert!(charges.programs().is_empty());
    charges.add_program(product(1, MAX_MINOR / 8, 4)).unwrap();
    let now = t("2026-11-23T10:00:00+09:00");
    let card = ChargeMethod::Card { brand: Brand::Visa };
    charges
        .start("c", "p", card, ChargeOrder::Units(4), now)
        .unwrap();
    charges.confirm("c", now).unwrap();
    charges.pay("c", now).unwrap();
    let done = charges
        .notify("c", ChargeEvent::ThreeDsSucceeded, now)
        .unwrap();
    assert_eq!(done.state, ChargeState::Succeeded);
    assert_eq!(charges.charged_lots().len(), 2);
}

// ---- item 7: echoed text ----

#[test]
fn errors_echo_at_most_a_bounded_part_of_caller_text() {
    let huge = "m".repeat(5_000_000);
    let mut w = wallet();
    let at = t("2026-05-01T12:00:00+09:00");
    let mut charges = Charges::new();
    let mut state = wallet().to_json().unwrap();
    state.insert_str(1, &format!("\"{huge}\":1,"));
    let mut dup = program("p");
    dup.id.clone_from(&huge);
    w.add_program(dup.clone()).unwrap();
    let errors = [
        w.pay(&huge, yen(1), at).map(drop),
        w.quote(&huge, yen(1), at).map(drop),
        w.refund(&huge, yen(1), at).map(drop),
        w.add_program(dup).map(drop),
        w.charge(
            "C",
            &huge,
            at,
            vec![lot("N", "p", Scope::AllStores, None, 1)],
        ),
        w.open_lot(lot(&huge, "p", Scope::AllStores, None, 0)),
        charges.confirm(&huge, at).map(drop),
        charges
            .start(
                "c",
                &huge,
                ChargeMethod::PayEasy,
                ChargeOrder::Amount(yen(1)),
                at,
            )
            .map(drop),
        parse_date(&huge).map(drop),
        Wallet::from_json(&state).map(drop),
    ];
    for e in errors {
        let e = e.unwrap_err();
        for lang in [Lang::En, Lang::Ja] {
            assert!(e.message(lang).chars().count() < 200, "{}", e.code());
        }
        for (name, detail) in e.details() {
            if let ErrorDetail::Text(text) = detail {
                // `state.malformed`'s detail says what is wrong around the echo.
                let most = if name == "detail" {
                    150
                } else {
                    Error::ECHO_MAX_CHARS
                };
                assert!(text.chars().count() <= most, "{name}: {text}");
            }
        }
        assert!(format!("{e:?}").len() < 400, "{}", e.code());
    }
    assert_eq!(Error::echo("riverside"), "riverside");
    let exact = "あ".repeat(Error::ECHO_MAX_CHARS);
    assert_eq!(Error::echo(&exact), exact);
    let cut = Error::echo(&format!("{exact}い"));
    assert_eq!(cut.chars().count(), Error::ECHO_MAX_CHARS);
    assert!(cut.ends_with("あ…"));
}

// ---- item 3: every reachable state saves and loads back ----

/// An instant a caller might pass: mostly ordinary, often at the edges of the years
/// 0001–9999 (in any offset), sometimes anywhere chrono reaches, with an offset of whole
/// minutes or not, sometimes a leap second.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    let first = Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap().timestamp();
    let last = Utc
        .with_ymd_and_hms(9999, 12, 31, 23, 59, 59)
        .unwrap()
        .timestamp();
    let base = t("2026-01-01T00:00:00+09:00").timestamp();
    let seconds = prop_oneof![
        12 => (0..400 * 86_400i64).prop_map(move |s| base + s),
        2 => (-2 * 86_400..2 * 86_400i64).prop_map(move |s| first + s),
        2 => (-2 * 86_400..2 * 86_400i64).prop_map(move |s| last + s),
        1 => -8_000_000_000_000..8_000_000_000_000i64,
    ];
    let offset = prop_oneof![
        6 => Just(9 * 3600),
        3 => (-1439..=1439i32).prop_map(|m| m * 60),
        1 => -86_399..=86_399i32,
    ];
    let nanos = prop_oneof![
        16 => Just(0u32),
        2 => 0..1_000_000_000u32,
        1 => 1_000_000_000..2_000_000_000u32,
    ];
    (seconds, offset, nanos).prop_filter_map("in chrono's range", |(s, offset, nanos)| {
        let utc = DateTime::from_timestamp(s, 0)?.naive_utc();
        let naive = utc
            .date()
            .and_hms_nano_opt(utc.hour(), utc.minute(), utc.second(), nanos)?;
        let offset = FixedOffset::east_opt(offset)?;
        Some(DateTime::from_naive_utc_and_offset(naive, offset))
    })
}

/// A date: mostly within two years of 2026, sometimes at or past the edges, sometimes
/// anywhere chrono reaches.
fn date() -> impl Strategy<Value = NaiveDate> {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    prop_oneof![
        12 => (0..800u64).prop_map(move |n| d(2026, 1, 1) + chrono::Days::new(n)),
        1 => prop::sample::select(vec![d(1, 1, 1), d(9999, 12, 31), d(0, 12, 31), d(10_000, 1, 1)]),
        1 => (-262_000..262_000i32, 1..=365u32).prop_filter_map("a date", |(y, o)| NaiveDate::from_yo_opt(y, o)),
    ]
}

/// An amount in yen: small, near the largest, or anything (negative too).
fn amount() -> impl Strategy<Value = i64> {
    prop_oneof![
        12 => 1..5_000i64,
        2 => (0..3i64).prop_map(|k| MAX_MINOR - k),
        1 => 0..=MAX_MINOR,
        1 => -5..=0i64,
    ]
}

#[derive(Debug, Clone)]
enum Step {
    Open {
        program: usize,
        small_only: bool,
        registered: DateTime<FixedOffset>,
        expires: Option<NaiveDate>,
        face: i64,
        balance: i64,
    },
    Charge {
        program: usize,
        at: DateTime<FixedOffset>,
        lots: Vec<(bool, Option<NaiveDate>, i64)>,
    },
    Pay {
        merchant: usize,
        amount: i64,
        at: DateTime<FixedOffset>,
    },
    Refund {
        payment: usize,
        amount: i64,
        at: DateTime<FixedOffset>,
    },
    Expire {
        at: DateTime<FixedOffset>,
    },
    Policy {
        restricted_first: bool,
        expired: u8,
        valid_days: u32,
    },
    Serial {
        next: u64,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let serial = prop_oneof![
        Just(0u64),
        0..100u64,
        (0..3u64).prop_map(|k| 999_999_999_999 - k),
        Just(1_000_000_000_000u64),
        any::<u64>(),
    ];
    let valid_days = prop_oneof![
        4 => 0..400u32,
        1 => Just(36_500u32),
        1 => Just(36_501u32),
        1 => any::<u32>(),
    ];
    prop_oneof![
        4 => (prop_oneof![4 => 0..2usize, 1 => Just(2usize)], any::<bool>(), instant(), prop::option::weighted(0.7, date()), amount(), amount())
            .prop_map(|(program, small_only, registered, expires, face, balance)| Step::Open {
                program, small_only, registered, expires, face, balance: balance.min(face),
            }),
        2 => (0..3usize, instant(), prop::collection::vec((any::<bool>(), prop::option::of(date()), amount()), 0..3))
            .prop_map(|(program, at, lots)| Step::Charge { program, at, lots }),
        5 => (0..3usize, amount(), instant()).prop_map(|(merchant, amount, at)| Step::Pay { merchant, amount, at }),
        4 => (0..6usize, amount(), instant()).prop_map(|(payment, amount, at)| Step::Refund { payment, amount, at }),
        1 => instant().prop_map(|at| Step::Expire { at }),
        1 => (any::<bool>(), 0..3u8, valid_days).prop_map(|(restricted_first, expired, valid_days)| Step::Policy { restricted_first, expired, valid_days }),
        1 => serial.prop_map(|next| Step::Serial { next }),
    ]
}

fn take(w: &mut Wallet, n: &mut usize, step: &Step) -> Option<DateTime<FixedOffset>> {
    *n += 1;
    let new_lot =
        |id: String, program: usize, small_only: bool, registered, expires, face, balance| NewLot {
            id,
            code: VoucherCode::parse(&format!("PROP{:012}", *n)).unwrap(),
            management_no: format!("d{n:015}"),
            program: ["p", "q", "r"][program].into(),
            scope: if small_only {
                Scope::SmallStoresOnly
            } else {
                Scope::AllStores
            },
            registered_at: registered,
            expires_on: expires,
            face_value: Money::jpy(face).unwrap(),
            balance: Money::jpy(balance).unwrap(),
        };
    match step {
        Step::Open {
            program,
            small_only,
            registered,
            expires,
            face,
            balance,
        } => {
            let _ = w.open_lot(new_lot(
                format!("O{n}"),
                *program,
                *small_only,
                *registered,
                *expires,
                *face,
                *balance,
            ));
            Some(*registered)
        }
        Step::Charge { program, at, lots } => {
            let lots = lots
                .iter()
                .enumerate()
                .map(|(i, (small_only, expires, value))| {
                    new_lot(
                        format!("C{n}-{i}"),
                        *program,
                        *small_only,
                        *at,
                        *expires,
                        *value,
                        *value,
                    )
                })
                .collect();
            let _ = w.charge(&format!("C{n}"), ["p", "q", "r"][*program], *at, lots);
            Some(*at)
        }
        Step::Pay {
            merchant,
            amount,
            at,
        } => {
            let _ = w.pay(["small", "large", "none"][*merchant], yen(*amount), *at);
            Some(*at)
        }
        Step::Refund {
            payment,
            amount,
            at,
        } => {
            let id = w
                .payments()
                .get(*payment % w.payments().len().max(1))
                .map(|p| p.id.clone());
            let _ = w.refund(&id.unwrap_or_default(), yen(*amount), *at);
            Some(*at)
        }
        Step::Expire { at } => {
            let _ = w.expire(*at);
            Some(*at)
        }
        Step::Policy {
            restricted_first,
            expired,
            valid_days,
        } => {
            let _ = w.set_policy(WalletPolicy {
                spending: if *restricted_first {
                    SpendingPolicy::RestrictedFirst
                } else {
                    SpendingPolicy::ExpiryThenBalance
                },
                expired_refund: match expired {
                    0 => ExpiredRefundPolicy::Reject,
                    1 => ExpiredRefundPolicy::Forfeit,
                    _ => ExpiredRefundPolicy::Reissue {
                        valid_days: *valid_days,
                    },
                },
            });
            None
        }
        Step::Serial { next } => {
            let _ = w.set_next_payment_serial(*next);
            None
        }
    }
}

/// The answers a wallet gives at `at`: its balance view, its history, a quote.
fn answers(w: &Wallet, at: DateTime<FixedOffset>) -> String {
    format!(
        "{:?} {:?} {:?} {:?}",
        w.balance(at),
        w.history(&HistoryFilter::default()),
        w.quote("small", yen(1), at),
        w.lots()
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("SAIFU_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000),
        ..ProptestConfig::default()
    })]

    /// Whatever a caller does (times anywhere chrono reaches, in any offset; the largest
    /// amounts; any serial and reissue policy), the wallet's own save loads back to a
    /// wallet that gives the same answers and saves the same bytes, and its event log
    /// replays to it. (Before issue 14, a payment in year 10000, a reissue policy of
    /// 4,000,000 days or a lot registered at `9999-12-31T23:59:59-23:59` each made a
    /// save that did not load, or crashed an app reading it.)
    #[test]
    fn any_reachable_state_saves_and_loads_back_to_the_same_answers(
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let mut w = Wallet::new();
        w.set_event_log(true);
        for p in ["p", "q"] {
            w.add_program(program(p)).unwrap();
        }
        w.add_merchant(merchant("small", MerchantSize::Small, &["p", "q"])).unwrap();
        w.add_merchant(merchant("large", MerchantSize::Large, &["p"])).unwrap();
        let probe = t("2026-06-01T12:00:00+09:00");
        for (i, p) in ["p", "q"].into_iter().enumerate() {
            let mut l = lot(&format!("S{i}"), p, Scope::AllStores, Some("2026-09-30"), 5_000);
            l.code = VoucherCode::parse(&format!("SEED{i:012}")).unwrap();
            w.open_lot(l).unwrap();
        }
        let mut n = 0;
        for step in &steps {
            let at = take(&mut w, &mut n, step);
            let json = w.to_json().unwrap();
            let loaded = Wallet::from_json(&json);
            prop_assert!(loaded.is_ok(), "{:?} after {:?}\n{}", loaded, step, json);
            let loaded = loaded.unwrap();
            prop_assert!(loaded == w, "after {:?}", step);
            prop_assert_eq!(loaded.to_json().unwrap(), json.clone());
            for at in [Some(probe), at].into_iter().flatten() {
                prop_assert_eq!(answers(&loaded, at), answers(&w, at));
            }
        }
        let replayed = Wallet::replay(&w.take_events());
        prop_assert!(replayed.as_ref().is_ok_and(|r| *r == w), "{:?}", replayed.err());
    }
}

// ---- issue 15, item 2: the reader takes only docs/state.md's forms ----

/// The detail of a `state.malformed` answer.
fn malformed_detail(json: &str) -> String {
    match Wallet::from_json(json).unwrap_err() {
        Error::StateMalformed { detail } => detail,
        other => panic!("not state.malformed: {other:?}"),
    }
}

#[test]
fn the_reader_refuses_unknown_fields_everywhere_and_serdes_other_forms() {
    let mut w = wallet();
    w.set_policy(WalletPolicy {
        expired_refund: ExpiredRefundPolicy::Reissue { valid_days: 3 },
        ..WalletPolicy::default()
    })
    .unwrap();
    let saved = w.to_json().unwrap();
    assert!(
        Wallet::from_json(&saved).unwrap() == w,
        "today's save loads"
    );

    // An unknown field inside a variant with fields (it loaded before), and at the top.
    let typo = edit(&w, |v| {
        v["policy"]["expired_refund"]["reissue"]["typo"] = json!(1)
    });
    assert!(
        malformed_detail(&typo).starts_with("unknown field `typo`"),
        "{typo}"
    );
    let top = edit(&w, |v| v["extra"] = json!(null));
    assert!(malformed_detail(&top).starts_with("unknown field `extra`"));

    // serde's struct as an array of its fields: a lot, a policy, an amount.
    let lot_as_array = edit(&w, |v| {
        let lot = v["lots"][0]
            .as_object()
            .unwrap()
            .values()
            .cloned()
            .collect();
        v["lots"][0] = Value::Array(lot);
    });
    assert!(malformed_detail(&lot_as_array).starts_with("a record is an object, not an array"));
    let policy_as_array = edit(&w, |v| {
        v["policy"] = json!([v["policy"]["spending"], v["policy"]["expired_refund"]]);
    });
    assert!(malformed_detail(&policy_as_array).starts_with("a record is an object"));

    // serde's unit variant as `{"variant": null}`.
    for (path, unit) in [
        ("spending", "expiry_then_balance"),
        ("expired_refund", "forfeit"),
    ] {
        let wrapped = edit(&w, |v| v["policy"][path] = json!({ unit: null }));
        assert!(
            malformed_detail(&wrapped).starts_with("a variant without fields is a string"),
            "{wrapped}"
        );
    }
    let size = edit(&w, |v| v["merchants"][0]["size"] = json!({"small": null}));
    assert!(malformed_detail(&size).starts_with("a variant without fields is a string"));

    // The same in an event log.
    let mut events: Value = serde_json::from_str(&w.clone().take_events_json().unwrap()).unwrap();
    let policy_event = events
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e.get("policy_changed").is_some())
        .unwrap();
    policy_event["policy_changed"]["policy"]["expired_refund"]["reissue"]["typo"] = json!(1);
    assert_eq!(
        Wallet::replay_json(&events.to_string()).unwrap_err().code(),
        "state.malformed"
    );
}
