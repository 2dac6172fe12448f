//! A charge's success credits the wallet in the same step (DESIGN §5), and the user's
//! state saves both as one document.

use chrono::{DateTime, FixedOffset, NaiveDate};

use saifu::{
    Brand, CardsOnFile, ChargeEvent, ChargeMethod, ChargeState, Charges, Error, HistoryFilter,
    IssuedLot, KonbiniChain, Program, PurchaseCodeStatus, Scope, UserState, VoucherCode, Wallet,
};

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn lot(id: &str, code: &str) -> IssuedLot {
    IssuedLot {
        id: id.into(),
        code: VoucherCode::parse(code).unwrap(),
        management_no: format!("d-{id}"),
    }
}

/// Seed 003: 小山市共通商品券, ¥10,000 a unit for 8,000 small-stores-only + 5,000
/// all-stores, 1–4 units, card or convenience store, lots to 2026-12-31; code OYAMA2026
/// allows 3 units.
fn seed003() -> UserState {
    let mut wallet = Wallet::new();
    wallet
        .add_program(Program::new("oyama", "小山市共通商品券", "OEM2023030001"))
        .unwrap();
    let mut charges = Charges::new();
    charges
        .add_program(Program {
            id: "oyama".into(),
            name: "小山市共通商品券".into(),
            payment_id_prefix: None,
            accepted_brands: vec![Brand::Visa, Brand::Jcb],
            product: Some(crate::support::seed_003_product()),
        })
        .unwrap();
    charges
        .register_purchase_code("OYAMA2026", "oyama", 3)
        .unwrap();
    UserState {
        wallet,
        charges,
        ..UserState::default()
    }
}

/// A purchase of 2 units at a convenience store, awaiting payment.
fn awaiting(state: &mut UserState) {
    let c = &mut state.charges;
    let method = ChargeMethod::Konbini {
        chain: KonbiniChain::FamilyMart,
    };
    c.start_purchase(
        "p1",
        "oyama",
        "oyama-2026",
        2,
        method,
        t("2026-11-23T10:00:00+09:00"),
    )
    .unwrap();
    c.confirm("p1", t("2026-11-23T10:01:00+09:00")).unwrap();
    c.pay("p1", t("2026-11-23T10:02:00+09:00")).unwrap();
}

#[test]
fn a_paid_purchase_credits_its_lots_history_and_code_at_once() {
    let mut state = seed003();
    awaiting(&mut state);
    let paid = t("2026-11-24T18:30:00+09:00");
    let UserState {
        wallet, charges, ..
    } = &mut state;
    let done = charges
        .notify_into(
            wallet,
            "p1",
            ChargeEvent::Paid,
            vec![lot("A", "AAAA1111AAAA1111"), lot("B", "BBBB2222BBBB2222")],
            paid,
        )
        .unwrap();
    assert_eq!((done.state, done.applied), (ChargeState::Paid, true));

    let a = state.wallet.lot("A").unwrap();
    assert_eq!(
        (a.scope(), a.face_value().minor(), a.balance().minor()),
        (Scope::SmallStoresOnly, 16_000, 16_000)
    );
    assert_eq!(a.expires_on(), NaiveDate::from_ymd_opt(2026, 12, 31));
    assert_eq!(a.registered_at(), paid);
    assert_eq!(a.management_no(), "d-A");
    let b = state.wallet.lot("B").unwrap();
    assert_eq!((b.scope(), b.balance().minor()), (Scope::AllStores, 10_000));
    assert_eq!(b.code().as_str(), "BBBB2222BBBB2222");
    assert_eq!(state.wallet.balance(paid).unwrap().total.minor(), 26_000);
    let history = state.wallet.history(&HistoryFilter::default());
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].display_amount(), "-26,000円分");
    assert!(matches!(
        state
            .charges
            .purchase_code_status("OYAMA2026", paid)
            .unwrap(),
        PurchaseCodeStatus::Used { .. }
    ));

    // Saved together and loaded: the same state, the same answers.
    let loaded = UserState::from_json(&state.to_json()).unwrap();
    assert_eq!(loaded, state);
    assert_eq!(loaded.wallet.balance(paid).unwrap().total.minor(), 26_000);
}

#[test]
fn a_notification_naming_other_lots_changes_nothing() {
    let mut state = seed003();
    awaiting(&mut state);
    let before = state.clone();
    let now = t("2026-11-24T18:30:00+09:00");
    let UserState {
        wallet, charges, ..
    } = &mut state;
    let one = vec![lot("A", "AAAA1111AAAA1111")];
    let err = charges
        .notify_into(wallet, "p1", ChargeEvent::Paid, one, now)
        .unwrap_err();
    assert_eq!(
        err,
        Error::ChargeIssuedLotsMismatch {
            creates: 2,
            named: 1
        }
    );
    assert_eq!(err.code(), "charge.issued_lots_mismatch");
    assert_eq!(
        err.message(saifu::Lang::En),
        "The notification names 1 vouchers; this charge creates 2."
    );
    // Two lots under one id: the wallet refuses, the charge stays awaiting payment.
    let twice = vec![lot("A", "AAAA1111AAAA1111"), lot("A", "BBBB2222BBBB2222")];
    let err = charges
        .notify_into(wallet, "p1", ChargeEvent::Paid, twice, now)
        .unwrap_err();
    assert_eq!(err.code(), "wallet.duplicate_id");
    assert_eq!(state, before);
}

#[test]
fn a_wallet_without_the_program_is_refused_and_nothing_changes() {
    let mut state = seed003();
    awaiting(&mut state);
    let mut wallet = Wallet::new();
    let before = state.charges.clone();
    let issued = vec![lot("A", "AAAA1111AAAA1111"), lot("B", "BBBB2222BBBB2222")];
    let err = state
        .charges
        .notify_into(
            &mut wallet,
            "p1",
            ChargeEvent::Paid,
            issued,
            t("2026-11-24T18:30:00+09:00"),
        )
        .unwrap_err();
    assert_eq!(err.code(), "wallet.unknown_program");
    assert_eq!(state.charges, before);
    assert_eq!(wallet, Wallet::new());
}

#[test]
fn a_failure_takes_no_lots_and_keeps_its_lockout() {
    let mut state = seed003();
    let c = &mut state.charges;
    let card = ChargeMethod::Card { brand: Brand::Visa };
    c.start_purchase(
        "p1",
        "oyama",
        "OYAMA2026",
        1,
        card,
        t("2026-11-23T10:00:00+09:00"),
    )
    .unwrap();
    c.confirm("p1", t("2026-11-23T10:00:10+09:00")).unwrap();
    c.pay("p1", t("2026-11-23T10:00:20+09:00")).unwrap();
    let now = t("2026-11-23T10:01:00+09:00");
    let UserState {
        wallet, charges, ..
    } = &mut state;
    let err = charges
        .notify_into(
            wallet,
            "p1",
            ChargeEvent::ThreeDsNotEnrolled,
            vec![lot("A", "AAAA1111AAAA1111")],
            now,
        )
        .unwrap_err();
    assert_eq!(
        err,
        Error::ChargeIssuedLotsMismatch {
            creates: 0,
            named: 1
        }
    );
    let failed = charges
        .notify_into(wallet, "p1", ChargeEvent::ThreeDsNotEnrolled, vec![], now)
        .unwrap();
    assert_eq!(failed.state, ChargeState::Failed);
    assert!(wallet.lots().is_empty());
    let state = UserState::from_json(&state.to_json()).unwrap();
    let blocked = state
        .charges
        .can_start(t("2026-11-23T10:30:59+09:00"))
        .unwrap_err();
    assert_eq!(blocked.code(), "charge.blocked_card_lockout");
    assert!(matches!(
        state
            .charges
            .purchase_code_status("OYAMA2026", t("2026-11-23T10:30:59+09:00"))
            .unwrap(),
        PurchaseCodeStatus::Available
    ));
}

#[test]
fn the_user_state_document_is_read_strictly() {
    let json = UserState::default().to_json();
    let wallet = Wallet::new().to_json().unwrap();
    let charges = Charges::new().to_json();
    let cards = CardsOnFile::new().to_json();
    assert_eq!(
        json,
        format!(
            r#"{{"version":2,"wallet":{wallet},"charges":{charges},"cards":{cards},"sign_in":null,"mynapoint":null}}"#
        )
    );
    // Version 1 (a wallet and charges) is still read, as strictly.
    let code = |doc: &str| UserState::from_json(doc).unwrap_err().code();
    // Whitespace around the parts is JSON; the parts are read by their own readers.
    let spaced = format!("{{ \"version\": 1, \"wallet\" : {wallet} , \"charges\":\n{charges} }}");
    assert_eq!(UserState::from_json(&spaced).unwrap(), UserState::default());
    assert_eq!(
        code(r#"{"version":3,"wallet":{},"charges":{}}"#),
        "state.unsupported_version"
    );
    assert_eq!(
        code(&format!(r#"{{"version":1,"wallet":{wallet}}}"#)),
        "state.malformed"
    );
    assert_eq!(
        code(&format!(
            r#"{{"version":1,"wallet":{wallet},"charges":{charges},"cards":[]}}"#
        )),
        "state.malformed"
    );
    assert_eq!(
        code(&format!(
            r#"{{"version":1,"wallet":{wallet},"charges":{charges},"charges":{charges}}}"#
        )),
        "state.malformed"
    );
    assert_eq!(
        code(&format!(
            r#"{{"version":1,"wallet":{{"version":9}},"charges":{charges}}}"#
        )),
        "state.unsupported_version"
    );
    assert_eq!(
        code(&format!(
            r#"{{"version":1,"wallet":{wallet},"charges":[{charges}]}}"#
        )),
        "state.malformed"
    );
    let bad_charges = charges.replace(
        r#""lockout_until":null"#,
        r#""lockout_until":"2026-11-23T10:30:00+09:00""#,
    );
    assert_eq!(
        code(&format!(
            r#"{{"version":1,"wallet":{wallet},"charges":{bad_charges}}}"#
        )),
        "state.invalid_charges"
    );
    assert_eq!(
        code(&format!(
            r#"{{"version":1,"wallet":{wallet},"charges":{charges}}} x"#
        )),
        "state.malformed"
    );
}
