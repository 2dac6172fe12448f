//! Fuzz target bodies, shared by the cargo-fuzz targets (`core/fuzz`) and the test that
//! replays their corpora (`core/tests/fuzz_corpus.rs`). Only built with the `fuzzing`
//! feature: these functions panic on purpose when a property fails, which is how a
//! fuzzer reports it; the library proper never panics.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use crate::*;

/// Every parser of what people type, on the same text.
pub fn text_parsers(text: &str) {
    if let Ok(card) = CardNumber::parse(text) {
        let again = CardNumber::parse(&card.display()).expect("a card's display parses");
        assert_eq!(again, card);
        assert_eq!(
            again
                .masked()
                .chars()
                .filter(|c| c.is_ascii_digit())
                .count(),
            4
        );
        let detected = CardNumber::detect(text);
        assert!(
            detected.complete && detected.potentially_valid,
            "a valid number is complete"
        );
    }
    let _ = CardNumber::detect(text);
    let _ = CardExpiry::parse(text);
    for brand in Brand::ALL {
        if let Ok(code) = SecurityCode::parse(text, brand) {
            assert_eq!(
                code.masked().len(),
                usize::from(brand.security_code_length())
            );
        }
    }
    for currency in [Currency::JPY, Currency::USD] {
        if let Ok(m) = Money::parse(text, currency) {
            assert!(m.minor() >= 0 && m.minor() <= MAX_MINOR);
            let written = m
                .format(MoneyStyle::Symbol)
                .expect("symbol style formats any currency");
            let back = written.strip_prefix("USD ").unwrap_or(&written);
            assert_eq!(
                Money::parse(back, currency).expect("formatted money parses"),
                m
            );
        }
    }
    if let Ok(code) = VoucherCode::parse(text) {
        assert_eq!(VoucherCode::parse(code.as_str()).expect("round trip"), code);
    }
    if let Ok(n) = SmartPitNumber::parse(text) {
        assert_eq!(SmartPitNumber::parse(&n.display()).expect("round trip"), n);
    }
    let _ = check_password(text);
    let _ = Currency::from_code(text);
}

/// EMV QR payloads: as given, and with a correct CRC appended, so the fuzzer reaches
/// the field reader without having to guess checksums.
pub fn emvqr(payload: &str) {
    emvqr_one(payload);
    let mut fixed = format!("{payload}6304");
    let crc = crate::emvqr::crc16(fixed.as_bytes());
    fixed.push_str(&format!("{crc:04X}"));
    emvqr_one(&fixed);
}

fn emvqr_one(payload: &str) {
    if let Ok(qr) = MerchantQr::parse(payload) {
        let _ = qr.amount_money();
        let _ = qr.jpqr_merchant_id();
        if let Ok(built) = qr.to_payload() {
            assert_eq!(
                MerchantQr::parse(&built).expect("a built payload parses"),
                qr
            );
        }
    }
}

/// Persisted wallets and event logs.
pub fn wallet_state(json: &str) {
    if let Ok(wallet) = Wallet::from_json(json) {
        let saved = wallet.to_json().expect("a loaded wallet saves");
        assert_eq!(
            Wallet::from_json(&saved).expect("a saved wallet loads"),
            wallet
        );
    }
    if let Ok(wallet) = Wallet::replay_json(json) {
        let saved = wallet.to_json().expect("a replayed wallet saves");
        assert_eq!(
            Wallet::from_json(&saved).expect("a saved wallet loads"),
            wallet
        );
    }
}
