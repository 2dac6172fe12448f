//! Every parser, fed what hostile or careless input looks like: empty text, 1 MB of
//! digits, NUL bytes, emoji, combining marks, right-to-left marks, mixed-width text and
//! `i64::MAX` amounts. Each answers a coded error (or, where the text happens to be
//! valid, a value), never a panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

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
