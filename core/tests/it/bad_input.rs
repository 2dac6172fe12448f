//! Every parser, fed what hostile or careless input looks like: empty text, 1 MB of
//! digits, NUL bytes, emoji, combining marks, right-to-left marks, mixed-width text and
//! `i64::MAX` amounts. Each answers a coded error (or, where the text happens to be
//! valid, a value), never a panic.

use chrono::DateTime;
use saifu::*;

fn hostile() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("blank", " \t\n\u{3000}".into()),
        ("1 MB of digits", "4".repeat(1 << 20)),
        ("1 MB of full-width digits", "４".repeat(1 << 18)),
        ("NUL bytes", "\u{0}\u{0}4242\u{0}".into()),
        ("emoji", "💳💴4242 4242 4242 4242".into()),
        ("combining marks", "4\u{0301}2\u{0308}42".into()),
        ("RTL marks", "\u{200F}4242\u{202E}4242".into()),
        ("mixed width", "４2４2 ４2４2 ４2４2 ４2４2".into()),
        ("i64::MAX", i64::MAX.to_string()),
        ("i64::MIN", i64::MIN.to_string()),
        ("lone surrogate replacement", "\u{FFFD}".into()),
        ("1 MB of separators", "-".repeat(1 << 20)),
        ("many yen signs", "¥".repeat(10_000)),
    ]
}

/// The code of an error, checking its messages exist in both languages.
fn coded(e: &Error) -> &'static str {
    assert!(!e.message(Lang::En).is_empty() && !e.message(Lang::Ja).is_empty());
    e.code()
}

#[test]
fn card_number() {
    for (what, text) in hostile() {
        match CardNumber::parse(&text) {
            Ok(card) => assert_eq!(what, "mixed width", "{card:?}"),
            Err(e) => assert!(coded(&e).starts_with("card."), "{what}: {}", e.code()),
        }
        let _ = CardNumber::detect(&text);
    }
}

#[test]
fn card_expiry_and_security_code() {
    for (what, text) in hostile() {
        assert_eq!(
            coded(&CardExpiry::parse(&text).unwrap_err()),
            "card.invalid_expiry",
            "{what}"
        );
        for brand in Brand::ALL {
            assert_eq!(
                coded(&SecurityCode::parse(&text, brand).unwrap_err()),
                "card.invalid_cvc",
                "{what}"
            );
        }
    }
}

#[test]
fn money() {
    for (what, text) in hostile() {
        for currency in [
            Currency::JPY,
            Currency::USD,
            Currency::from_code("BHD").unwrap(),
        ] {
            match Money::parse(&text, currency) {
                Ok(m) => panic!("{what} parsed as {m:?}"),
                Err(e) => assert!(coded(&e).starts_with("money."), "{what}: {}", e.code()),
            }
        }
        assert!(Currency::from_code(&text).is_err());
    }
    assert_eq!(
        Money::new(i64::MAX, Currency::JPY).unwrap_err().code(),
        "money.out_of_range"
    );
    assert_eq!(
        Money::new(i64::MIN, Currency::JPY).unwrap_err().code(),
        "money.out_of_range"
    );
    let max = Money::jpy(MAX_MINOR).unwrap();
    assert_eq!(
        max.checked_add(Money::jpy(1).unwrap()).unwrap_err().code(),
        "money.out_of_range"
    );
    assert_eq!(
        max.negated()
            .checked_sub(Money::jpy(1).unwrap())
            .unwrap_err()
            .code(),
        "money.out_of_range"
    );
    assert_eq!(
        max.checked_mul(i64::MAX).unwrap_err().code(),
        "money.out_of_range"
    );
    assert_eq!(
        max.apply_rate(rust_decimal::Decimal::MAX, Rounding::AwayFromZero)
            .unwrap_err()
            .code(),
        "money.out_of_range"
    );
}

#[test]
fn voucher_smartpit_password() {
    for (what, text) in hostile() {
        assert_eq!(
            coded(&VoucherCode::parse(&text).unwrap_err()),
            "voucher.invalid_code",
            "{what}"
        );
        assert_eq!(
            coded(&SmartPitNumber::parse(&text).unwrap_err()),
            "smartpit.invalid_number",
            "{what}"
        );
        assert!(
            coded(&check_password(&text).unwrap_err()).starts_with("password."),
            "{what}"
        );
    }
}

#[test]
fn emv_qr() {
    for (what, text) in hostile() {
        assert!(
            coded(&MerchantQr::parse(&text).unwrap_err()).starts_with("emvqr."),
            "{what}"
        );
        // With a trailer that looks right, the reader itself meets the hostile text.
        let with_tail = format!("{text}63041234");
        assert!(MerchantQr::parse(&with_tail).is_err(), "{what}");
    }
}

#[test]
fn wallet_inputs() {
    let t = DateTime::parse_from_rfc3339("2026-06-01T12:00:00+09:00").unwrap();
    let mut w = Wallet::new();
    for (what, text) in hostile() {
        assert!(
            coded(&Wallet::from_json(&text).unwrap_err()).starts_with("state."),
            "{what}"
        );
        assert!(
            coded(&Wallet::replay_json(&text).unwrap_err()).starts_with("state."),
            "{what}"
        );
        assert_eq!(
            coded(&w.pay(&text, Money::jpy(1).unwrap(), t).unwrap_err()),
            "wallet.unknown_merchant"
        );
        assert_eq!(
            coded(&w.refund(&text, Money::jpy(1).unwrap(), t).unwrap_err()),
            "wallet.unknown_payment"
        );
        assert!(w.lot(&text).is_none());
        let flow = chrono::Duration::minutes(5);
        let _ = CustomerQrPayment::new(&text, t, flow)
            .map(|_| ())
            .map_err(|e| assert_eq!(coded(&e), "qr.invalid_token"));
        assert!(MerchantQrPayment::scan(&w, &text).is_err());
    }
    assert_eq!(
        w.set_next_payment_serial(u64::MAX).unwrap_err().code(),
        "wallet.payment_serial_exhausted"
    );
    assert!(w.take_events().is_empty());
}

/// Separators where a person may put them: doubled, leading, trailing, only separators.
fn separator_shapes(digits: &str) -> Vec<(String, bool)> {
    let half = digits.len() / 2;
    let (a, b) = digits.split_at(half);
    vec![
        (format!("-{digits}"), true),
        (format!("{digits}ー"), true),
        (format!("{a}--{b}"), true),
        (format!("{a}　　{b}"), true),
        (format!("ー{a}－－{b}‐"), true),
        ("ーー".into(), false),
        ("- -".into(), false),
    ]
}

fn policy() -> CardPolicy {
    CardPolicy::new(
        FingerprintKey::new((0u8..32).collect()).unwrap(),
        Brand::ALL.to_vec(),
        vec!["400005".into()],
        vec![],
    )
    .unwrap()
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00").unwrap()
}

#[test]
fn card_registration() {
    let policy = policy();
    let none: [&str; 0] = [];
    for (what, text) in hostile() {
        let as_number = CardEntry {
            number: &text,
            expiry: ExpiryInput::Text("12/28"),
            security_code: "123",
        };
        match policy.check(&as_number, none, now()) {
            Ok(shown) => assert_eq!((what, shown.card.last4.as_str()), ("mixed width", "4242")),
            Err(e) => assert!(coded(&e).starts_with("card."), "{what}: {}", e.code()),
        }
        let fields = [
            ExpiryInput::Text(&text),
            ExpiryInput::Fields {
                month: &text,
                year: "28",
            },
            ExpiryInput::Fields {
                month: "12",
                year: &text,
            },
        ];
        for expiry in fields {
            let entry = CardEntry {
                number: "4242424242424242",
                expiry,
                security_code: "123",
            };
            let err = policy.check(&entry, none, now()).unwrap_err();
            assert_eq!(coded(&err), "card.invalid_expiry", "{what}: {expiry:?}");
        }
        let entry = CardEntry {
            number: "4242424242424242",
            expiry: ExpiryInput::Text("12/28"),
            security_code: &text,
        };
        let err = policy.check(&entry, none, now()).unwrap_err();
        assert_eq!(coded(&err), "card.invalid_cvc", "{what}");
        // Hostile registered fingerprints simply match nothing.
        let entry = CardEntry {
            number: "4242424242424242",
            expiry: ExpiryInput::Text("12/28"),
            security_code: "123",
        };
        assert!(
            policy.check(&entry, [text.as_str()], now()).is_ok(),
            "{what}"
        );
        // Hostile prefixes are configuration errors.
        let bad = CardPolicy::new(
            FingerprintKey::new(vec![1; 16]).unwrap(),
            vec![],
            vec![text.clone()],
            vec![],
        );
        match bad {
            Ok(_) => assert!(what == "i64::MAX", "{what}: accepted as a prefix"),
            Err(e) => assert_eq!(coded(&e), "card.invalid_prefix", "{what}"),
        }
    }
    for (text, ok) in separator_shapes("4242424242424242") {
        let entry = CardEntry {
            number: &text,
            expiry: ExpiryInput::Text("12/28"),
            security_code: "123",
        };
        let got = policy.check(&entry, none, now());
        assert_eq!(got.is_ok(), ok, "{text:?}: {got:?}");
        if !ok {
            assert_eq!(got.unwrap_err().code(), "card.empty");
        }
    }
    for key in [0usize, 1, 15] {
        assert_eq!(
            coded(&FingerprintKey::new(vec![0; key]).unwrap_err()),
            "card.invalid_fingerprint_key"
        );
    }
}

#[test]
fn cards_on_file_and_billing_months() {
    let mut cards = CardsOnFile::new();
    for (what, text) in hostile() {
        assert_eq!(
            coded(&UsageMonth::parse(&text).unwrap_err()),
            "time.invalid",
            "{what}"
        );
        let record = RegisteredCard {
            brand: Brand::Visa,
            last4: text.clone(),
            expiry_month: 12,
            expiry_year: 2028,
            debit: false,
            fingerprint: text.clone(),
            registered_at: now(),
        };
        let err = CardsOnFile::from_registrations(vec![record]).unwrap_err();
        assert_eq!(coded(&err), "state.invalid_card_registration", "{what}");
        let entry = CardEntry {
            number: &text,
            expiry: ExpiryInput::Fields {
                month: &text,
                year: &text,
            },
            security_code: &text,
        };
        let before = cards.clone();
        if let Err(e) = cards.register(&policy(), &entry, now()) {
            assert!(coded(&e).starts_with("card."), "{what}");
            assert_eq!(cards, before);
        }
    }
    for day in [i64::MIN, -1, 0, 32, i64::MAX] {
        assert_eq!(
            coded(&BillingCutoff::day(day).unwrap_err()),
            "card.invalid_cutoff_day"
        );
    }
    for (year, month) in [
        (0, 1),
        (10_000, 1),
        (2026, 0),
        (2026, 13),
        (i64::MIN, i64::MAX),
    ] {
        assert_eq!(
            coded(&UsageMonth::new(year, month).unwrap_err()),
            "time.invalid"
        );
    }
}

#[test]
fn payment_numbers_and_slips() {
    let rules = PaymentNumberRules::new();
    let deadline = DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap();
    for kind in SlipKind::ALL {
        for &field in kind.fields() {
            for (what, text) in hostile() {
                match rules.parse(kind, field, &text) {
                    // Mixed width (16 digits) and i64::MAX or MIN (19 digits, a minus
                    // being a separator): numbers of the fields that allow that many.
                    Ok(n) => {
                        assert!(
                            ["mixed width", "i64::MAX", "i64::MIN"].contains(&what),
                            "{what}"
                        );
                        let (min, max) = rules.digits(kind, field).unwrap();
                        let len = i64::try_from(n.digits().len()).unwrap();
                        assert!((min..=max).contains(&len) && len >= 16, "{what}");
                    }
                    Err(e) => assert_eq!(
                        e,
                        Error::PaymentInvalidNumber {
                            field: field.id().to_owned()
                        },
                        "{kind:?} {field:?} {what}"
                    ),
                }
                let slip = PaymentSlip::new(
                    kind,
                    &[(field, text.as_str())],
                    deadline,
                    Money::jpy(1).unwrap(),
                    &rules,
                );
                if let Err(e) = slip {
                    assert!(coded(&e).starts_with("payment."), "{what}");
                }
            }
            let (min, _) = rules.digits(kind, field).unwrap();
            let digits = "8".repeat(usize::try_from(min.max(2)).unwrap());
            for (text, ok) in separator_shapes(&digits) {
                let got = rules.parse(kind, field, &text);
                if ok && rules.parse(kind, field, &digits).is_ok() {
                    assert_eq!(got.unwrap().digits(), digits, "{text:?}");
                } else if !ok {
                    assert_eq!(got.unwrap_err().code(), "payment.invalid_number");
                }
            }
        }
    }
}

#[test]
fn smart_pit_payment() {
    let bills = [SmartPitBill {
        number: SmartPitNumber::parse("1234567890123").unwrap(),
        merchant: "m".into(),
        amount: Money::jpy(1).unwrap(),
        due_on: parse_date("2026-12-31").unwrap(),
    }];
    for (what, text) in hostile() {
        let err = can_pay_smart_pit(
            &text,
            SmartPitMedium::Card,
            &bills,
            SmartPitStore::Lawson,
            false,
            Tender::Cash,
            now(),
        )
        .unwrap_err();
        assert_eq!(coded(&err), "smartpit.invalid_number", "{what}");
    }
    for (text, ok) in separator_shapes("1234567890123") {
        let got = can_pay_smart_pit(
            &text,
            SmartPitMedium::Card,
            &bills,
            SmartPitStore::Lawson,
            false,
            Tender::Cash,
            now(),
        );
        assert_eq!(got.is_ok(), ok, "{text:?}");
    }
}

/// Saved documents nested far deeper than their schema, or huge, are refused with a coded
/// error at once: the readers recurse only as deep as the schema nests, so 100,000 nested
/// brackets cannot overflow the stack, wherever they stand.
#[test]
fn deeply_nested_and_huge_documents_are_refused_without_recursion() {
    let deep = |open: &str, close: &str| {
        let mut s = String::with_capacity(400_000);
        for _ in 0..100_000 {
            s.push_str(open);
        }
        for _ in 0..100_000 {
            s.push_str(close);
        }
        s
    };
    let arrays = deep("[", "]");
    let objects = deep(r#"{"a":"#, "}");
    let mut documents = vec![arrays.clone(), objects.clone()];
    for prefix in [
        r#"{"version":1,"programs":"#,
        r#"{"version":1,"programs":[],"charges":[{"id":"#,
        r#"{"version":1,"registrations":"#,
        r#"{"version":1,"lots":[{"id":"L1","code":"#,
        r#"{"version":1,"wallet":"#,
        r#"{"version":1,"wallet":{"version":1},"charges":"#,
    ] {
        documents.push(format!("{prefix}{arrays}"));
        documents.push(format!("{prefix}{objects}"));
    }
    for json in &documents {
        let wallet = Wallet::from_json(json).map(drop).unwrap_err();
        let replay = Wallet::replay_json(json).map(drop).unwrap_err();
        let charges = Charges::from_json(json).map(drop).unwrap_err();
        let cards = CardsOnFile::from_json(json).map(drop).unwrap_err();
        let user = UserState::from_json(json).map(drop).unwrap_err();
        for e in [wallet, replay, charges, cards, user] {
            assert!(e.code().starts_with("state."), "{}", e.code());
        }
    }
    // 10 MB of one string value: read once, refused as what it is.
    let huge = format!(
        r#"{{"version":1,"programs":[{{"id":"{}"}}]}}"#,
        "x".repeat(10_000_000)
    );
    assert_eq!(
        Charges::from_json(&huge).unwrap_err().code(),
        "state.malformed"
    );
}
