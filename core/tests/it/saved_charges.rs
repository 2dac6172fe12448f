//! Charges and cards on file saved and loaded (docs/state.md "Charges", "Cards on
//! file"; issue 17 item 6, issue 16 item 3): a reload changes no answer, the bytes are
//! the documented ones, and every broken invariant is refused with a coded error.

use chrono::{DateTime, FixedOffset};
use saifu::*;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn programs() -> Charges {
    let mut charges = Charges::new();
    charges
        .add_program(Program {
            id: "minato".into(),
            name: "電子スマイル商品券".into(),
            payment_id_prefix: None,
            accepted_brands: vec![Brand::Visa, Brand::Jcb],
            product: None,
        })
        .unwrap();
    charges
        .add_program(Program {
            id: "smile".into(),
            name: "プレミアム\"付\"".into(),
            payment_id_prefix: None,
            accepted_brands: vec![Brand::Jcb],
            product: Some(crate::support::seed_003_product()),
        })
        .unwrap();
    charges
}

fn yen(n: i64) -> ChargeOrder {
    ChargeOrder::Amount(Money::jpy(n).unwrap())
}

/// Every kind of charge: a product bought by card, a paid Pay-easy charge with its
/// slip, a J-Coin authorization in progress, a cancelled draft, a card not enrolled
/// (the lockout) and a convenience-store charge awaiting payment with its slip.
fn everything() -> Charges {
    let mut c = programs();
    let rules = PaymentNumberRules::new();
    let jcb = ChargeMethod::Card { brand: Brand::Jcb };
    c.register_purchase_code("win-2026a", "smile", 3).unwrap();
    c.register_purchase_code("WIN2026B", "smile", 4).unwrap();
    c.start_purchase(
        "c3",
        "smile",
        "WIN2026A",
        2,
        jcb,
        t("2026-11-23T09:00:00+09:00"),
    )
    .unwrap();
    c.confirm("c3", t("2026-11-23T09:00:10+09:00")).unwrap();
    c.pay("c3", t("2026-11-23T09:00:20+09:00")).unwrap();
    c.notify(
        "c3",
        ChargeEvent::ThreeDsSucceeded,
        t("2026-11-23T09:01:00+09:00"),
    )
    .unwrap();
    c.start(
        "c4",
        "minato",
        ChargeMethod::PayEasy,
        yen(3000),
        t("2026-11-23T09:02:00+09:00"),
    )
    .unwrap();
    c.confirm("c4", t("2026-11-23T09:02:10+09:00")).unwrap();
    c.pay("c4", t("2026-11-23T09:02:20+09:00")).unwrap();
    let payeasy = [
        (PaymentField::InstitutionNumber, "58021"),
        (PaymentField::CustomerNumber, "1234-5678-9012"),
        (PaymentField::ConfirmationNumber, "１２３４５６"),
    ];
    c.issue_slip("c4", &payeasy, &rules, t("2026-11-23T09:03:00+09:00"))
        .unwrap();
    c.notify("c4", ChargeEvent::Paid, t("2026-11-23T09:05:00+09:00"))
        .unwrap();
    c.start(
        "c5",
        "minato",
        ChargeMethod::JCoin,
        yen(1000),
        t("2026-11-23T09:10:00+09:00"),
    )
    .unwrap();
    let credentials = JCoinCredentials::parse("jcoin012345", "s3cret pass", "482913").unwrap();
    c.confirm_jcoin("c5", &credentials, t("2026-11-23T09:10:10+09:00"))
        .unwrap();
    c.pay("c5", t("2026-11-23T09:10:20+09:00")).unwrap();
    let lawson = ChargeMethod::Konbini {
        chain: KonbiniChain::Lawson,
    };
    c.start(
        "c6",
        "minato",
        lawson,
        yen(500),
        t("2026-11-23T09:11:00+09:00"),
    )
    .unwrap();
    c.cancel("c6", t("2026-11-23T09:11:10+09:00")).unwrap();
    let visa = ChargeMethod::Card { brand: Brand::Visa };
    c.start(
        "c1",
        "minato",
        visa,
        yen(3000),
        t("2026-11-23T10:00:00+09:00"),
    )
    .unwrap();
    c.confirm("c1", t("2026-11-23T10:00:10+09:00")).unwrap();
    c.pay("c1", t("2026-11-23T10:00:20+09:00")).unwrap();
    c.notify(
        "c1",
        ChargeEvent::ThreeDsNotEnrolled,
        t("2026-11-23T10:01:00+09:00"),
    )
    .unwrap();
    let seven = ChargeMethod::Konbini {
        chain: KonbiniChain::SevenEleven,
    };
    c.start(
        "c2",
        "minato",
        seven,
        yen(5000),
        t("2026-11-23T10:31:00+09:00"),
    )
    .unwrap();
    c.confirm("c2", t("2026-11-23T10:31:10+09:00")).unwrap();
    c.pay("c2", t("2026-11-23T10:31:20+09:00")).unwrap();
    let numbers = [(PaymentField::PaymentSlipNumber, "1234-5678-9012-3")];
    c.issue_slip("c2", &numbers, &rules, t("2026-11-23T10:32:00+09:00"))
        .unwrap();
    c
}

/// The document of [`everything`], byte for byte (docs/state.md "Charges").
const GOLDEN: &str = include_str!("charges_v1.json");

#[test]
fn the_saved_bytes_are_the_documented_ones() {
    let json = everything().to_json();
    if std::env::var_os("SAIFU_WRITE_DOCS").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/charges_v1.json");
        std::fs::write(path, format!("{json}\n")).unwrap();
        return;
    }
    assert_eq!(
        json,
        GOLDEN.trim_end(),
        "SAIFU_WRITE_DOCS=1 rewrites the golden document"
    );
    // Well-formed JSON that serde_json reads, with no secret and no typed-in form kept.
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["version"], 1);
    assert!(!json.contains("１２３４") && !json.contains("1234-5678"));
}

/// The same charges as written before the wallet's and the charges' programs became one
/// record: programs without `payment_id_prefix` (docs/state.md "Program").
const TWO_REGISTRIES: &str = include_str!("charges_v1_two_registries.json");

#[test]
fn a_document_from_before_the_one_registry_still_loads() {
    assert!(!TWO_REGISTRIES.contains("payment_id_prefix"));
    let old = Charges::from_json(TWO_REGISTRIES).unwrap();
    assert_eq!(old, everything());
    assert!(old.programs().iter().all(|p| p.payment_id_prefix.is_none()));
    // Saved again, it is today's document: the same, with the prefix written as null.
    assert_eq!(old.to_json(), GOLDEN.trim_end());
}

#[test]
fn a_reload_changes_no_answer() {
    let before = everything();
    let mut after = Charges::from_json(&before.to_json()).unwrap();
    assert_eq!(after, before);
    assert_eq!(after.to_json(), before.to_json());
    let mut before = before;
    for at in [
        "2026-11-23T10:30:59+09:00",
        "2026-11-23T10:31:00+09:00",
        "2026-11-25T23:59:59.999+09:00",
        "2026-11-26T00:00:00+09:00",
    ] {
        let at = t(at);
        assert_eq!(after.can_start(at), before.can_start(at));
        for (a, b) in after.charges().iter().zip(before.charges()) {
            assert_eq!(a.state_at(&at), b.state_at(&at));
        }
    }
    assert!(after.can_start(t("2026-11-23T10:40:00+09:00")).is_err());
    let at = t("2026-11-23T10:45:00+09:00");
    let repeat = after
        .notify("c1", ChargeEvent::ThreeDsNotEnrolled, at)
        .unwrap();
    assert!(!repeat.applied);
    assert_eq!(
        repeat,
        before
            .notify("c1", ChargeEvent::ThreeDsNotEnrolled, at)
            .unwrap()
    );
    assert_eq!(after.lockout_until(), Some(t("2026-11-23T10:31:00+09:00")));
    let repeat = after.notify("c4", ChargeEvent::Paid, at).unwrap();
    assert!(!repeat.applied);
    assert_eq!(
        after
            .notify("c3", ChargeEvent::ThreeDsFailed, at)
            .unwrap_err()
            .code(),
        "charge.ended"
    );
    assert_eq!(
        after.charge("c2").unwrap().slip,
        before.charge("c2").unwrap().slip
    );
    let late = t("2026-11-26T00:00:00+09:00");
    assert_eq!(after.tick(late), vec!["c2".to_owned()]);
    assert_eq!(before.tick(late), vec!["c2".to_owned()]);
    assert_eq!(after, before);
    // Expired and reloaded again: still expired, the slip kept, new charges allowed.
    let again = Charges::from_json(&after.to_json()).unwrap();
    assert_eq!(again, after);
    assert!(again.can_start(late).is_ok());
}

#[test]
fn a_pending_payment_reloaded_is_still_paid() {
    let mut c = Charges::from_json(GOLDEN).unwrap();
    let at = t("2026-11-25T12:00:00+09:00");
    assert_eq!(
        c.can_start(at).unwrap_err(),
        Error::ChargeBlockedPendingPayment {
            until: t("2026-11-26T00:00:00+09:00")
        }
    );
    assert_eq!(
        c.notify("c2", ChargeEvent::Paid, at).unwrap().state,
        ChargeState::Paid
    );
    assert!(c.can_start(at).is_ok());
    let lots = c.charged_lots();
    assert_eq!(lots.last().unwrap().charge, "c2");
    assert_eq!(Charges::from_json(&c.to_json()).unwrap(), c);
}

/// `GOLDEN` with `from` replaced by `to` (which must be there once).
fn edited(from: &str, to: &str) -> String {
    assert_eq!(GOLDEN.matches(from).count(), 1, "{from}");
    GOLDEN.replacen(from, to, 1)
}

fn invalid(subject: &str, detail: &str) -> Error {
    Error::StateInvalidCharges {
        subject: subject.into(),
        detail: detail.into(),
    }
}

#[test]
fn every_broken_invariant_is_refused_with_its_code() {
    assert!(Charges::from_json(GOLDEN).is_ok());
    let c5 = r#""id":"c5","program":"minato","method":"jcoin","amount":{"minor":1000,"currency":"JPY"},"units":null,"state":"authorizing","until":null,"ended_by":null"#;
    let c2_until = r#""state":"awaiting_payment","until":"2026-11-26T00:00:00+09:00""#;
    let c16000 = r#""value":{"minor":16000,"currency":"JPY"}"#;
    let c4_lot = r#",{"charge":"c4","program":"minato","scope":"all_stores","value":{"minor":3000,"currency":"JPY"},"at":"2026-11-23T09:05:00+09:00","expires_on":null}"#;
    let payeasy = r#"{"field":"institution_number","digits":"58021"},{"field":"customer_number","digits":"123456789012"}"#;
    let cases: Vec<(String, Error)> = vec![
        // J-Coin Pay's masked ID: only on a J-Coin charge past draft, and always there.
        (
            edited(r#""jcoin_id":"****2345""#, r#""jcoin_id":null"#),
            invalid("c5", "jcoin_id missing"),
        ),
        (
            edited(r#""jcoin_id":"****2345""#, r#""jcoin_id":"jcoin012345""#),
            invalid("c5", "jcoin_id"),
        ),
        (
            edited(r#""jcoin_id":"****2345""#, r#""jcoin_id":"****23456""#),
            invalid("c5", "jcoin_id"),
        ),
        (
            GOLDEN.replacen(
                r#""slip":null,"jcoin_id":null,"purchase_code":"WIN2026A""#,
                r#""slip":null,"jcoin_id":"****2345","purchase_code":"WIN2026A""#,
                1,
            ),
            invalid("c3", "jcoin_id unexpected"),
        ),
        // Purchase codes: registered once, for the program, allowing the units; named
        // by at most one successful purchase; written normalised.
        (
            edited(
                r#""purchase_code":"WIN2026A""#,
                r#""purchase_code":"NOTREG01""#,
            ),
            Error::StateInvalidCharges {
                subject: "c3".into(),
                detail: "purchase code".into(),
            },
        ),
        (
            edited(
                r#"{"code":"WIN2026A","program":"smile","units":3}"#,
                r#"{"code":"WIN2026A","program":"smile","units":1}"#,
            ),
            invalid("c3", "purchase code"),
        ),
        (
            edited(
                r#"{"code":"WIN2026B","program":"smile","units":4}"#,
                r#"{"code":"WIN2026A","program":"smile","units":4}"#,
            ),
            invalid("WIN2026A", "duplicate id"),
        ),
        (
            edited(
                r#"{"code":"WIN2026B","program":"smile","units":4}"#,
                r#"{"code":"WIN2026B","program":"minato","units":4}"#,
            ),
            invalid("WIN2026B", "invalid purchase code"),
        ),
        (
            // c4, a top-up by amount, is the first charge without a code.
            GOLDEN.replacen(
                r#""purchase_code":null"#,
                r#""purchase_code":"WIN2026A""#,
                1,
            ),
            invalid("c4", "purchase code"),
        ),
        (
            edited(r#"{"id":"smile","name""#, r#"{"id":"minato","name""#),
            invalid("minato", "duplicate id"),
        ),
        (
            edited(r#""max_units":4"#, r#""max_units":0"#),
            invalid("smile", "invalid product"),
        ),
        (
            edited(r#""id":"c5""#, r#""id":"c4""#),
            invalid("c4", "duplicate id"),
        ),
        (
            edited(
                c5,
                &c5.replace(r#""program":"minato""#, r#""program":"nope""#),
            ),
            invalid("c5", "unknown program"),
        ),
        (
            edited(c5, &c5.replace(r#""minor":1000"#, r#""minor":0"#)),
            invalid("c5", "amount"),
        ),
        (
            edited(c5, &c5.replace(r#""JPY""#, r#""USD""#)),
            invalid("c5", "amount"),
        ),
        (
            edited(c5, &c5.replace(r#""units":null"#, r#""units":1"#)),
            invalid("c5", "units"),
        ),
        (
            edited(r#""units":2"#, r#""units":3"#),
            invalid("c3", "units"),
        ),
        (
            edited(
                r#"{"card":{"brand":"jcb"}}"#,
                r#"{"card":{"brand":"visa"}}"#,
            ),
            invalid("c3", "brand not accepted"),
        ),
        (
            edited(c5, &c5.replace("authorizing", "awaiting_three_ds")),
            invalid("c5", "state for method"),
        ),
        (
            edited(c5, &c5.replace("authorizing", "awaiting_payment")),
            invalid("c5", "state for method"),
        ),
        (
            edited(
                c5,
                &c5.replace(r#""ended_by":null"#, r#""ended_by":"declined""#),
            ),
            invalid("c5", "ended_by"),
        ),
        (
            edited(
                r#""ended_by":"three_ds_succeeded""#,
                r#""ended_by":"authorized""#,
            ),
            invalid("c3", "ended_by"),
        ),
        (
            edited(c2_until, r#""state":"awaiting_payment","until":null"#),
            invalid("c2", "until missing"),
        ),
        (
            edited(
                c5,
                &c5.replace(r#""until":null"#, r#""until":"2026-11-26T00:00:00+09:00""#),
            ),
            invalid("c5", "until unexpected"),
        ),
        (
            edited(
                c2_until,
                &c2_until.replace("00:00:00+09:00", "00:00:00+00:00"),
            ),
            invalid("c2", "until not midnight JST"),
        ),
        (
            edited(
                r#""ended_by":"three_ds_not_enrolled","slip":null"#,
                r#""ended_by":"three_ds_not_enrolled","slip":{"numbers":[]}"#,
            ),
            invalid("c1", "slip on a charge without payment numbers"),
        ),
        (
            edited(
                r#""state":"cancelled","until":null,"ended_by":null,"slip":null"#,
                r#""state":"cancelled","until":null,"ended_by":null,"slip":{"numbers":[]}"#,
            ),
            invalid("c6", "slip on a charge without payment numbers"),
        ),
        (
            edited(r#""digits":"1234567890123""#, r#""digits":"123456789012""#),
            invalid("c2", "slip numbers"),
        ),
        (
            edited(
                r#""digits":"1234567890123""#,
                r#""digits":"1234-5678-9012-3""#,
            ),
            invalid("c2", "slip numbers"),
        ),
        (
            edited(
                payeasy,
                r#"{"field":"customer_number","digits":"123456789012"},{"field":"institution_number","digits":"58021"}"#,
            ),
            invalid("c4", "slip numbers"),
        ),
        (
            edited(c16000, r#""value":{"minor":16001,"currency":"JPY"}"#),
            invalid("c3", "lots"),
        ),
        (edited(c4_lot, ""), invalid("c4", "lots missing")),
        (
            edited(c4_lot, &format!("{c4_lot}{c4_lot}")),
            invalid("c4", "lots"),
        ),
        (
            edited(c4_lot, &c4_lot.replace("c4", "c5")),
            invalid("c5", "lot of no successful charge"),
        ),
        (
            edited(
                r#""lockout_until":"2026-11-23T10:31:00+09:00""#,
                r#""lockout_until":null"#,
            ),
            invalid("lockout_until", "not-enrolled card without lockout"),
        ),
        (
            edited(
                r#""ended_by":"three_ds_not_enrolled""#,
                r#""ended_by":"three_ds_failed""#,
            ),
            invalid("lockout_until", "lockout without a not-enrolled card"),
        ),
        (
            edited(r#""version":1"#, r#""version":2"#),
            Error::StateUnsupportedVersion { version: 2 },
        ),
    ];
    for (json, expected) in cases {
        assert_eq!(Charges::from_json(&json).unwrap_err(), expected, "{json}");
    }
}

#[test]
fn a_document_of_another_shape_is_malformed() {
    let malformed = |json: &str| match Charges::from_json(json) {
        Err(Error::StateMalformed { detail }) => detail,
        other => panic!("{other:?} for {json}"),
    };
    assert_eq!(malformed(&edited(r#"{"version":1,"#, "{")), "no version");
    for (from, to, detail) in [
        (
            r#""state":"cancelled","until":null,"ended_by":null,"slip":null,"jcoin_id":null,"purchase_code":null}"#,
            r#""state":"cancelled","until":null,"ended_by":null,"slip":null,"jcoin_id":null,"purchase_code":null,"typo":1}"#,
            "unknown field `typo`",
        ),
        (
            r#""method":"payeasy""#,
            r#""method":{"payeasy":null}"#,
            "a variant without fields is a string",
        ),
        (
            r#""method":"payeasy""#,
            r#""method":"cash""#,
            "unknown variant `cash`",
        ),
        (
            r#"{"konbini":{"chain":"lawson"}}"#,
            r#"{"konbini":{"chain":"lawson","brand":"visa"}}"#,
            "unknown field `brand`",
        ),
        (
            r#""lockout_until":"2026-11-23T10:31:00+09:00""#,
            r#""lockout_until":"2026-11-23 10:31""#,
            "RFC 3339",
        ),
        (
            r#""units":2"#,
            r#""units":-2"#,
            "expected an integer in range",
        ),
        (
            r#""purchase_code":"WIN2026A""#,
            r#""purchase_code":"win2026a""#,
            "not a normalised purchase code",
        ),
        (
            r#""methods":["card","konbini"]"#,
            r#""methods":["card","cash"]"#,
            "unknown variant `cash`",
        ),
        (
            r#""lockout_until":"2026-11-23T10:31:00+09:00""#,
            r#""lockout_until":[]"#,
            "expected a string",
        ),
    ] {
        let detail_found = malformed(&edited(from, to));
        assert!(detail_found.contains(detail), "{detail_found} for {to}");
    }
    assert!(
        malformed(&GOLDEN.replace(r#""ended_by":null,"#, "")).contains("missing field `ended_by`")
    );
}

fn card(last4: &str, fingerprint: char, at: &str) -> RegisteredCard {
    RegisteredCard {
        brand: Brand::Visa,
        last4: last4.into(),
        expiry_month: 12,
        expiry_year: 2028,
        debit: false,
        fingerprint: fingerprint.to_string().repeat(64),
        registered_at: t(at),
    }
}

const CARDS_GOLDEN: &str = r#"{"version":1,"registrations":[{"brand":"visa","last4":"4242","expiry_month":12,"expiry_year":2028,"debit":false,"fingerprint":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","registered_at":"2026-03-10T12:00:00+09:00"},{"brand":"mastercard","last4":"4444","expiry_month":1,"expiry_year":2030,"debit":true,"fingerprint":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","registered_at":"2026-04-02T09:00:00.500+09:00"}]}"#;

#[test]
fn cards_on_file_save_and_load_as_their_own_document() {
    let cards = CardsOnFile::from_registrations(vec![
        card("4242", 'a', "2026-03-10T12:00:00+09:00"),
        RegisteredCard {
            brand: Brand::Mastercard,
            expiry_month: 1,
            expiry_year: 2030,
            debit: true,
            ..card("4444", 'b', "2026-04-02T09:00:00.5+09:00")
        },
    ])
    .unwrap();
    assert_eq!(cards.to_json(), CARDS_GOLDEN);
    let loaded = CardsOnFile::from_json(CARDS_GOLDEN).unwrap();
    assert_eq!(loaded, cards);
    let march = UsageMonth::parse("2026-03").unwrap();
    assert_eq!(
        loaded.billing_card(march, BillingCutoff::LAST_DAY),
        cards.billing_card(march, BillingCutoff::LAST_DAY)
    );
    assert_eq!(loaded.current().unwrap().last4, "4444");
}

#[test]
fn a_cards_document_is_checked_as_registrations_are() {
    let edit = |from: &str, to: &str| {
        assert_eq!(CARDS_GOLDEN.matches(from).count(), 1, "{from}");
        CardsOnFile::from_json(&CARDS_GOLDEN.replacen(from, to, 1)).unwrap_err()
    };
    let registration = |index, detail: &str| Error::StateInvalidCardRegistration {
        index,
        detail: detail.into(),
    };
    assert_eq!(
        edit(r#""last4":"4444""#, r#""last4":"444""#),
        registration(1, "last4")
    );
    assert_eq!(
        edit(r#""expiry_month":1,"#, r#""expiry_month":13,"#),
        registration(1, "expiry")
    );
    assert_eq!(
        edit(
            "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            &"a".repeat(64)
        ),
        registration(1, "same card twice")
    );
    assert_eq!(
        edit("2026-04-02T09:00:00.500+09:00", "2026-03-01T00:00:00+09:00"),
        registration(1, "time order")
    );
    assert_eq!(
        edit(&"a".repeat(64), &"A".repeat(64)),
        registration(0, "fingerprint")
    );
    assert_eq!(
        edit(r#""version":1"#, r#""version":7"#),
        Error::StateUnsupportedVersion { version: 7 }
    );
    for (from, to) in [
        (r#""debit":true"#, r#""debit":"true""#),
        (r#""debit":true"#, r#""debit":1"#),
        (r#""brand":"mastercard""#, r#""brand":"maestro""#),
        (
            r#""debit":true"#,
            r#""debit":true,"number":"5555555555554444""#,
        ),
        (r#"{"version":1,"#, "{"),
    ] {
        assert_eq!(edit(from, to).code(), "state.malformed", "{to}");
    }
}
