//! Wallet rules the shared vectors do not pin: loading checks, event replay, history
//! filters, the balance view's display strings, and both QR flows.

use chrono::Duration;
use serde_json::{Value, json};

use crate::support::{edit, load_code, t};
use saifu::*;

fn lot(
    id: &str,
    code: &str,
    program: &str,
    scope: Scope,
    expires: Option<&str>,
    value: i64,
) -> NewLot {
    NewLot {
        id: id.into(),
        code: VoucherCode::parse(code).unwrap(),
        management_no: "d012104262000001".into(),
        program: program.into(),
        scope,
        registered_at: t("2021-04-27T20:09:26+09:00"),
        expires_on: expires.map(|d| d.parse().unwrap()),
        face_value: Money::jpy(value).unwrap(),
        balance: Money::jpy(value).unwrap(),
    }
}

fn seed_wallet() -> Wallet {
    let mut w = Wallet::new();
    w.set_event_log(true);
    w.add_program(Program::new("tennozu", "天王洲キャッシュ", "OEM2020000101"))
        .unwrap();
    w.add_merchant(Merchant {
        id: "riverside".into(),
        name: "天王洲飯店 リバーサイド店".into(),
        size: MerchantSize::Small,
        programs: vec!["tennozu".into()],
        jpqr_id: Some("0000000000001".into()),
    })
    .unwrap();
    w.set_next_payment_serial(2).unwrap();
    w.open_lot(lot(
        "L1",
        "N7af3c1d7AV9b2e4",
        "tennozu",
        Scope::AllStores,
        None,
        10_000,
    ))
    .unwrap();
    w
}

/// The seed's wallet after a ¥50 payment at the riverside shop and a ¥20 refund of it.
fn paid_and_refunded() -> Wallet {
    let mut w = seed_wallet();
    let r = w
        .pay(
            "riverside",
            Money::jpy(50).unwrap(),
            t("2021-05-21T19:12:29+09:00"),
        )
        .unwrap();
    w.refund(
        &r.payment_id,
        Money::jpy(20).unwrap(),
        t("2021-05-22T10:00:00+09:00"),
    )
    .unwrap();
    w
}

#[test]
fn loading_refuses_each_kind_of_damage_with_its_code() {
    let w = paid_and_refunded();
    assert_eq!(Wallet::from_json(&w.to_json().unwrap()).unwrap(), w);

    assert_eq!(load_code(""), "state.malformed");
    assert_eq!(load_code("[]"), "state.malformed");
    assert_eq!(load_code("{\"version\":\"1\"}"), "state.malformed");
    assert_eq!(
        load_code(&edit(&w, |v| v["version"] = json!(2))),
        "state.unsupported_version"
    );
    // A lot `open_lot` refuses (the lot invariant) is `state.malformed`, as a program
    // `add_program` refuses is, its detail naming the lot and `open_lot`'s code.
    let refused_lot = |f: &dyn Fn(&mut Value)| match Wallet::from_json(&edit(&w, f)) {
        Err(Error::StateMalformed { detail }) => detail,
        other => panic!("not state.malformed: {other:?}"),
    };
    for (field, minor) in [("balance", -1), ("balance", 10_001), ("face_value", 0)] {
        assert_eq!(
            refused_lot(&|v| v["lots"][0][field]["minor"] = json!(minor)),
            "lot L1: wallet.invalid_lot",
            "{field} {minor}"
        );
    }
    assert_eq!(
        refused_lot(&|v| v["lots"][0]["balance"]["currency"] = json!("USD")),
        "lot L1: money.currency_mismatch"
    );
    assert_eq!(
        load_code(&edit(&w, |v| {
            let lot = v["lots"][0].clone();
            v["lots"].as_array_mut().unwrap().push(lot);
        })),
        "state.duplicate_id"
    );
    assert_eq!(
        load_code(&edit(&w, |v| {
            let m = v["merchants"][0].clone();
            v["merchants"].as_array_mut().unwrap().push(m);
        })),
        "state.duplicate_id"
    );
    assert_eq!(
        load_code(&edit(&w, |v| v["payments"][0]["allocations"][0]["lot"] =
            json!("L404"))),
        "state.unknown_lot"
    );
    assert_eq!(
        load_code(&edit(&w, |v| v["payments"][0]["merchant"] = json!("nowhere"))),
        "state.unknown_reference"
    );
    assert_eq!(
        load_code(&edit(&w, |v| v["lots"][0]["program"] = json!("nope"))),
        "state.unknown_reference"
    );
    // Balances that do not match the ledger.
    assert_eq!(
        load_code(&edit(&w, |v| v["lots"][0]["balance"]["minor"] = json!(9_000))),
        "state.inconsistent_totals"
    );
    assert_eq!(
        load_code(&edit(&w, |v| v["ledgers"][0]["paid"]["minor"] = json!(0))),
        "state.inconsistent_totals"
    );
    // A payment whose refunds do not match what was restored.
    assert_eq!(
        load_code(&edit(
            &w,
            |v| v["payments"][0]["refunds"][0]["amount"]["minor"] = json!(30)
        )),
        "state.inconsistent_totals"
    );
    assert_eq!(
        load_code(&edit(&w, |v| v["ledgers"] = json!([]))),
        "state.inconsistent_totals"
    );
    assert_eq!(
        load_code(&edit(&w, |v| v["lots"][0]["registered_at"] =
            json!("2021-04-27 20:09:26"))),
        "state.malformed"
    );
    assert_eq!(
        load_code(&edit(&w, |v| v["surprise"] = json!(true))),
        "state.malformed"
    );
    assert_eq!(
        load_code(&edit(&w, |v| v["lots"][0]["code"] = json!("short"))),
        "state.malformed"
    );
    assert_eq!(
        load_code(&edit(&w, |v| v["lots"][0]["balance"]["minor"] =
            json!(9_007_199_254_740_992_i64))),
        "state.malformed"
    );
}

#[test]
fn hostile_state_never_panics() {
    let w = seed_wallet();
    let json = w.to_json().unwrap();
    for cut in 0..json.len() {
        if json.is_char_boundary(cut) {
            assert!(Wallet::from_json(&json[..cut]).is_err());
        }
    }
    let big = format!(
        "{{\"version\":1,\"programs\":[{}]}}",
        "{},".repeat(100_000) + "{}"
    );
    assert_eq!(load_code(&big), "state.malformed");
    assert_eq!(load_code(&"[".repeat(10_000)), "state.malformed");
}

#[test]
fn replay_reports_the_event_that_does_not_apply() {
    let mut w = seed_wallet();
    w.pay(
        "riverside",
        Money::jpy(50).unwrap(),
        t("2021-05-21T19:12:29+09:00"),
    )
    .unwrap();
    let mut events = w.take_events();
    assert_eq!(Wallet::replay(&events).unwrap(), w);
    // Drop the lot: the payment now draws on a lot that is not there.
    let opened = events
        .iter()
        .position(|e| matches!(e, WalletEvent::LotOpened { .. }))
        .unwrap();
    events.remove(opened);
    let err = Wallet::replay(&events).unwrap_err();
    assert_eq!(err.code(), "state.invalid_event");
    assert_eq!(
        err,
        Error::StateInvalidEvent {
            index: 3,
            cause: "wallet.unknown_lot".into()
        }
    );
    assert_eq!(
        Wallet::replay_json("{").unwrap_err().code(),
        "state.malformed"
    );
}

#[test]
fn apply_refuses_an_overdrawn_payment_and_changes_nothing() {
    let mut w = seed_wallet();
    let before = w.clone();
    let event = WalletEvent::Paid {
        payment_id: "X1".into(),
        serial: w.next_payment_serial(),
        merchant: "riverside".into(),
        at: t("2021-05-21T19:12:29+09:00"),
        amount: Money::jpy(10_001).unwrap(),
        allocations: vec![Allocation {
            lot: "L1".into(),
            amount: Money::jpy(10_001).unwrap(),
        }],
    };
    assert_eq!(
        w.apply(&event).unwrap_err().code(),
        "wallet.insufficient_balance"
    );
    assert_eq!(w, before);
}

#[test]
fn history_shows_the_seed_screen_and_filters_by_kind_and_period() {
    let mut w = seed_wallet();
    let r = w
        .pay(
            "riverside",
            Money::jpy(50).unwrap(),
            t("2021-05-21T19:12:29+09:00"),
        )
        .unwrap();
    w.refund(
        &r.payment_id,
        Money::jpy(50).unwrap(),
        t("2021-05-23T01:47:21.578+09:00"),
    )
    .unwrap();
    w.charge(
        "CH1",
        "tennozu",
        t("2021-05-24T09:00:00+09:00"),
        vec![lot(
            "L2",
            "AAAA1111AAAA1111",
            "tennozu",
            Scope::AllStores,
            Some("2022-05-31"),
            3000,
        )],
    )
    .unwrap();
    let all = w.history(&HistoryFilter::default());
    let lines: Vec<(String, String, String, String)> = all
        .iter()
        .map(|e| {
            (
                e.title.clone(),
                e.id.clone(),
                e.display_time(),
                e.display_amount(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            (
                "天王洲キャッシュ".into(),
                "CH1".into(),
                "2021/05/24 09:00:00".into(),
                "-3,000円分".into()
            ),
            (
                "天王洲飯店 リバーサイド店".into(),
                "OEM202000010120210521000000000002-20210523014721578".into(),
                "2021/05/23 01:47:21".into(),
                "-50円分".into()
            ),
            (
                "天王洲飯店 リバーサイド店".into(),
                "OEM202000010120210521000000000002".into(),
                "2021/05/21 19:12:29".into(),
                "50円分".into()
            ),
        ]
    );
    let refunds = w.history(&HistoryFilter {
        kinds: vec![HistoryKind::Refund],
        ..HistoryFilter::default()
    });
    assert_eq!(refunds.len(), 1);
    let may_22_23 = w.history(&HistoryFilter {
        kinds: vec![],
        from: Some(t("2021-05-22T00:00:00+09:00")),
        until: Some(t("2021-05-24T09:00:00+09:00")),
    });
    assert_eq!(
        may_22_23.iter().map(|e| e.kind).collect::<Vec<_>>(),
        vec![HistoryKind::Refund]
    );
}

#[test]
fn balance_view_lists_lots_as_the_seed_does() {
    let w = seed_wallet();
    let view = w.balance(t("2021-05-21T19:00:00+09:00")).unwrap();
    assert_eq!(view.display_total(), "10,000円分");
    let lot = &view.lots[0];
    assert_eq!(lot.title, "天王洲キャッシュ (共通券)");
    assert_eq!(lot.masked_code, "N7af****7AV9****");
    assert_eq!(lot.management_no, "d012104262000001");
    assert_eq!(lot.display_expires_on(Lang::Ja), "なし");
    assert_eq!(lot.display_registered_at(), "2021/04/27 20:09:26");
    assert_eq!(lot.display_balance(), "10,000円分");
    assert_eq!(view.programs[0].total.minor(), 10_000);
}

#[test]
fn operations_check_their_inputs_in_order() {
    let mut w = seed_wallet();
    let at = t("2021-05-21T19:12:29+09:00");
    let yen = |n| Money::jpy(n).unwrap();
    assert_eq!(
        w.pay("nowhere", yen(0), at).unwrap_err().code(),
        "wallet.unknown_merchant"
    );
    assert_eq!(
        w.pay("riverside", yen(-1), at).unwrap_err().code(),
        "wallet.invalid_amount"
    );
    let usd = Money::new(100, Currency::USD).unwrap();
    assert_eq!(
        w.pay("riverside", usd, at).unwrap_err().code(),
        "money.currency_mismatch"
    );
    assert_eq!(
        w.refund("nope", yen(0), at).unwrap_err().code(),
        "wallet.unknown_payment"
    );
    let r = w.pay("riverside", yen(100), at).unwrap();
    assert_eq!(
        w.refund(&r.payment_id, yen(0), at).unwrap_err().code(),
        "wallet.invalid_amount"
    );
    assert_eq!(
        w.refund(&r.payment_id, yen(101), at).unwrap_err(),
        Error::WalletRefundExceedsPayment {
            refundable: yen(100)
        }
    );
    assert_eq!(
        w.quote("riverside", yen(10_000), at).unwrap_err().code(),
        "wallet.insufficient_balance"
    );
    let q = w.quote("riverside", yen(9_900), at).unwrap();
    assert_eq!(q.available, yen(9_900));
    assert_eq!(
        w.add_program(w.programs()[0].clone()).unwrap_err().code(),
        "wallet.duplicate_id"
    );
    let mut dup = lot(
        "L1",
        "AAAA1111AAAA1111",
        "tennozu",
        Scope::AllStores,
        None,
        1,
    );
    assert_eq!(
        w.open_lot(dup.clone()).unwrap_err().code(),
        "wallet.duplicate_id"
    );
    dup.id = "L9".into();
    dup.program = "zzz".into();
    assert_eq!(
        w.open_lot(dup.clone()).unwrap_err().code(),
        "wallet.unknown_program"
    );
    dup.program = "tennozu".into();
    dup.balance = yen(2);
    assert_eq!(w.open_lot(dup).unwrap_err().code(), "wallet.invalid_lot");
    assert_eq!(
        w.set_next_payment_serial(1_000_000_000_000)
            .unwrap_err()
            .code(),
        "wallet.payment_serial_exhausted"
    );
}

#[test]
fn reissued_ids_skip_an_id_that_is_taken() {
    let mut w = seed_wallet();
    w.set_policy(WalletPolicy {
        expired_refund: ExpiredRefundPolicy::Reissue { valid_days: 10 },
        ..WalletPolicy::default()
    })
    .unwrap();
    w.open_lot(lot(
        "C",
        "CCCC3333CCCC3333",
        "tennozu",
        Scope::AllStores,
        Some("2026-06-30"),
        1000,
    ))
    .unwrap();
    w.open_lot(lot(
        "C-R1",
        "CCCC3333CCCC3334",
        "tennozu",
        Scope::AllStores,
        None,
        5,
    ))
    .unwrap();
    let r = w
        .pay(
            "riverside",
            Money::jpy(100).unwrap(),
            t("2026-06-30T10:00:00+09:00"),
        )
        .unwrap();
    assert_eq!(r.allocations[0].lot, "C");
    let refund = w
        .refund(
            &r.payment_id,
            Money::jpy(100).unwrap(),
            t("2026-07-01T10:00:00+09:00"),
        )
        .unwrap();
    assert_eq!(refund.restored[0].lot, "C-R2");
    let reissued = w.lot("C-R2").unwrap();
    assert_eq!(reissued.expires_on(), Some("2026-07-11".parse().unwrap()));
    assert_eq!(reissued.registered_at(), t("2026-07-01T10:00:00+09:00"));
}

fn qr_wallet() -> (Wallet, String) {
    let w = seed_wallet();
    let payload = MerchantQr::jpqr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")
        .unwrap()
        .to_payload()
        .unwrap();
    (w, payload)
}

#[test]
fn merchant_presented_flow_with_cancellation_and_fixed_amounts() {
    let (mut w, payload) = qr_wallet();
    let at = t("2021-05-21T19:12:29+09:00");
    let mut flow = MerchantQrPayment::scan(&w, &payload).unwrap();
    assert_eq!(flow.state().id(), "scanned");
    assert_eq!(
        flow.confirm(&w, at).unwrap_err().code(),
        "qr.illegal_transition"
    );
    assert_eq!(
        flow.enter_amount(Money::jpy(0).unwrap())
            .unwrap_err()
            .code(),
        "wallet.invalid_amount"
    );
    flow.enter_amount(Money::jpy(20_000).unwrap()).unwrap();
    assert_eq!(
        flow.confirm(&w, at).unwrap_err().code(),
        "wallet.insufficient_balance"
    );
    assert_eq!(flow.state().id(), "amount_entered");
    flow.enter_amount(Money::jpy(50).unwrap()).unwrap();
    let quote = flow.confirm(&w, at).unwrap();
    assert_eq!(quote.allocations[0].lot, "L1");
    flow.cancel().unwrap();
    assert_eq!(
        flow.pay(&mut w, at).unwrap_err().code(),
        "qr.illegal_transition"
    );
    assert!(w.payments().is_empty());

    // A dynamic code carries the amount.
    let mut qr = MerchantQr::parse(&payload).unwrap();
    qr.initiation = Some(Initiation::Dynamic);
    qr.amount = Some("50".into());
    let mut flow = MerchantQrPayment::scan(&w, &qr.to_payload().unwrap()).unwrap();
    assert_eq!(flow.state().id(), "amount_entered");
    assert_eq!(
        flow.enter_amount(Money::jpy(10).unwrap())
            .unwrap_err()
            .code(),
        "qr.amount_fixed"
    );
    flow.confirm(&w, at).unwrap();
    let receipt = flow.pay(&mut w, at).unwrap();
    assert_eq!(receipt.payment_id, "OEM202000010120210521000000000002");
    assert_eq!(
        flow.cancel().unwrap_err(),
        Error::QrIllegalTransition {
            state: "completed".into()
        }
    );

    // A code of a merchant the wallet does not know.
    let other = MerchantQr::jpqr("9999999999999", "5812", "ELSEWHERE", "TOKYO")
        .unwrap()
        .to_payload()
        .unwrap();
    assert_eq!(
        MerchantQrPayment::scan(&w, &other).unwrap_err(),
        Error::WalletUnknownMerchant {
            merchant: "9999999999999".into()
        }
    );
}

#[test]
fn customer_presented_flow_checks_token_time_and_state() {
    let (mut w, _) = qr_wallet();
    assert_eq!(
        CustomerQrPayment::new("", t("2021-05-21T19:00:00+09:00"), Duration::minutes(5))
            .unwrap_err()
            .code(),
        "qr.invalid_token"
    );
    assert_eq!(
        CustomerQrPayment::new("a b", t("2021-05-21T19:00:00+09:00"), Duration::minutes(5))
            .unwrap_err()
            .code(),
        "qr.invalid_token"
    );
    let mut flow = CustomerQrPayment::new(
        "T0KEN",
        t("2021-05-21T19:00:00+09:00"),
        Duration::minutes(5),
    )
    .unwrap();
    let yen = |n| Money::jpy(n).unwrap();
    assert_eq!(
        flow.merchant_request(
            "T0KEN",
            "riverside",
            yen(50),
            t("2021-05-21T19:05:00+09:00")
        )
        .unwrap_err()
        .code(),
        "qr.token_expired"
    );
    assert_eq!(
        flow.merchant_request(
            "T0KEM",
            "riverside",
            yen(50),
            t("2021-05-21T19:04:59+09:00")
        )
        .unwrap_err()
        .code(),
        "qr.token_mismatch"
    );
    assert_eq!(
        flow.complete(&mut w, t("2021-05-21T19:01:00+09:00"))
            .unwrap_err()
            .code(),
        "qr.illegal_transition"
    );
    flow.merchant_request("T0KEN", "nowhere", yen(50), t("2021-05-21T19:01:00+09:00"))
        .unwrap();
    assert_eq!(
        flow.complete(&mut w, t("2021-05-21T19:01:01+09:00"))
            .unwrap_err()
            .code(),
        "wallet.unknown_merchant"
    );
    assert_eq!(flow.state().id(), "amount_shown");
    flow.cancel().unwrap();
    assert_eq!(flow.state(), &CustomerQrState::Cancelled);

    let mut flow = CustomerQrPayment::new(
        "T0KEN2",
        t("2021-05-21T19:00:00+09:00"),
        Duration::minutes(5),
    )
    .unwrap();
    flow.merchant_request(
        "T0KEN2",
        "riverside",
        yen(50),
        t("2021-05-21T19:01:00+09:00"),
    )
    .unwrap();
    let receipt = flow
        .complete(&mut w, t("2021-05-21T19:01:01+09:00"))
        .unwrap();
    assert_eq!(receipt.balance_after, yen(9_950));
    assert_eq!(flow.state().id(), "completed");
}

#[test]
fn events_are_json_and_documented_by_type() {
    let mut w = seed_wallet();
    w.pay(
        "riverside",
        Money::jpy(50).unwrap(),
        t("2021-05-21T19:12:29+09:00"),
    )
    .unwrap();
    let json = w.take_events_json().unwrap();
    let v: Value = serde_json::from_str(&json).unwrap();
    let types: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_object().unwrap().keys().next().unwrap().as_str())
        .collect();
    assert_eq!(
        types,
        vec![
            "program_added",
            "merchant_added",
            "payment_serial_set",
            "lot_opened",
            "paid"
        ]
    );
    assert!(w.take_events().is_empty());
}

/// A merchant's programs decide which lots pay, whether the wallet has a few programs
/// (up to 64) or many, and whatever the order of the merchant's list.
#[test]
fn a_merchant_is_paid_only_from_the_programs_it_accepts() {
    for count in [3_usize, 64, 65, 200] {
        let mut w = Wallet::new();
        let ids: Vec<String> = (0..count).map(|i| format!("p{i}")).collect();
        for id in &ids {
            w.add_program(Program::new(id, id, "OEM2020000101"))
                .unwrap();
        }
        // The last program and the first, listed in reverse; every other program is not
        // accepted and holds more, earlier-expiring value.
        let accepted = [ids[count - 1].clone(), ids[0].clone()];
        w.add_merchant(Merchant {
            id: "m".into(),
            name: "M".into(),
            size: MerchantSize::Small,
            programs: accepted.to_vec(),
            jpqr_id: None,
        })
        .unwrap();
        for (i, id) in ids.iter().enumerate() {
            let taken = accepted.contains(id);
            let (expires, value) = if taken {
                (None, 100)
            } else {
                (Some("2030-01-01"), 10_000)
            };
            let code = format!("N{i:015}");
            w.open_lot(lot(
                &format!("L{i}"),
                &code,
                id,
                Scope::AllStores,
                expires,
                value,
            ))
            .unwrap();
        }
        let at = t("2026-05-01T12:00:00+09:00");
        let quote = w.quote("m", Money::jpy(150).unwrap(), at).unwrap();
        assert_eq!(
            quote.available,
            Money::jpy(200).unwrap(),
            "{count} programs"
        );
        let paid = w.pay("m", Money::jpy(150).unwrap(), at).unwrap();
        let mut lots: Vec<&str> = paid.allocations.iter().map(|a| a.lot.as_str()).collect();
        lots.sort_unstable();
        let mut expected = vec!["L0".to_owned(), format!("L{}", count - 1)];
        expected.sort_unstable();
        assert_eq!(lots, expected, "{count} programs");
        let err = w.pay("m", Money::jpy(51).unwrap(), at).unwrap_err();
        assert_eq!(
            err.code(),
            "wallet.insufficient_balance",
            "{count} programs"
        );
        // The wallet saves and loads with the payment.
        assert_eq!(Wallet::from_json(&w.to_json().unwrap()).unwrap(), w);
    }
}

// ---- issue 15, item 6: the history sign decided by the kind ----

#[test]
fn each_kind_signs_its_entries_and_loading_refuses_another_sign() {
    let mut w = paid_and_refunded();
    let expiring = lot(
        "L2",
        "BBBB2222BBBB2222",
        "tennozu",
        Scope::AllStores,
        Some("2021-05-31"),
        3000,
    );
    w.charge(
        "C1",
        "tennozu",
        t("2021-05-23T10:00:00+09:00"),
        vec![expiring],
    )
    .unwrap();
    w.expire(t("2021-06-01T00:00:00+09:00")).unwrap();
    // Oldest first: value leaving the wallet positive, value coming in negative.
    let mut signs: Vec<(HistoryKind, i64)> = w
        .history(&HistoryFilter::default())
        .iter()
        .map(|e| (e.kind, e.amount.minor()))
        .collect();
    signs.reverse();
    assert_eq!(
        signs,
        [
            (HistoryKind::Payment, 50),
            (HistoryKind::Refund, -20),
            (HistoryKind::Charge, -3000),
            (HistoryKind::Expiry, 3000),
        ]
    );
    assert_eq!(Wallet::from_json(&w.to_json().unwrap()).unwrap(), w);
    // The saved history, in the order recorded: each entry with the other sign is
    // refused, an expiry's (which no record repeats) as well as the others.
    for (i, (kind, _)) in signs.iter().enumerate() {
        let flipped = edit(&w, |v| {
            let minor = &mut v["history"][i]["amount"]["minor"];
            *minor = json!(-minor.as_i64().unwrap());
        });
        assert_eq!(load_code(&flipped), "state.inconsistent_totals", "{kind:?}");
    }
}
