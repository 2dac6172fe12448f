//! `docs/errors.md` lists every error code with its fields and both messages. This test
//! builds the list from the error type itself and fails when the document differs; run
//! it with `SAIFU_WRITE_DOCS=1` to rewrite the document.
//!
//! `variant_index` matches without a wildcard, so a new variant does not compile until
//! it is listed here, and the test checks every index has a sample.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use saifu::{Brand, Currency, Error, ErrorDetail, Lang, Money};

const VARIANTS: usize = 69;

fn variant_index(e: &Error) -> usize {
    match e {
        Error::MoneyEmpty => 0,
        Error::MoneyInvalid => 1,
        Error::MoneyNegative => 2,
        Error::MoneyFractionNotAllowed { .. } => 3,
        Error::MoneyOutOfRange => 4,
        Error::MoneyCurrencyMismatch { .. } => 5,
        Error::MoneyUnknownCurrency { .. } => 6,
        Error::CardEmpty => 7,
        Error::CardInvalidCharacter { .. } => 8,
        Error::CardUnknownBrand => 9,
        Error::CardInvalidLength { .. } => 10,
        Error::CardLuhnMismatch => 11,
        Error::CardInvalidExpiry => 12,
        Error::CardInvalidCvc { .. } => 13,
        Error::VoucherInvalidCode => 14,
        Error::SmartPitInvalidNumber => 15,
        Error::EmvQrMalformed { .. } => 16,
        Error::EmvQrCrcMismatch { .. } => 17,
        Error::EmvQrMissingField { .. } => 18,
        Error::EmvQrInvalidField { .. } => 19,
        Error::PasswordInvalidCharacter { .. } => 20,
        Error::PasswordTooShort { .. } => 21,
        Error::PasswordMissingLetter => 22,
        Error::PasswordMissingDigit => 23,
        Error::WalletInsufficientBalance { .. } => 24,
        Error::WalletInvalidAmount => 25,
        Error::WalletUnknownMerchant { .. } => 26,
        Error::WalletUnknownPayment { .. } => 27,
        Error::WalletRefundExceedsPayment { .. } => 28,
        Error::WalletRefundLotExpired { .. } => 29,
        Error::WalletDuplicateRefundId { .. } => 30,
        Error::WalletDuplicateId { .. } => 31,
        Error::WalletUnknownProgram { .. } => 32,
        Error::WalletUnknownLot { .. } => 33,
        Error::WalletInvalidLot { .. } => 34,
        Error::WalletPaymentSerialExhausted => 35,
        Error::QrIllegalTransition { .. } => 36,
        Error::QrInvalidToken => 37,
        Error::QrTokenExpired => 38,
        Error::QrTokenMismatch => 39,
        Error::QrAmountFixed => 40,
        Error::StateMalformed { .. } => 41,
        Error::StateUnsupportedVersion { .. } => 42,
        Error::StateDuplicateId { .. } => 43,
        Error::StateUnknownReference { .. } => 44,
        Error::StateUnknownLot { .. } => 45,
        Error::StateNegativeBalance { .. } => 46,
        Error::StateInvalidLot { .. } => 47,
        Error::StateInconsistentTotals { .. } => 48,
        Error::StateInvalidEvent { .. } => 49,
        Error::TimeInvalid { .. } => 50,
        Error::ChargeInvalidAmount => 51,
        Error::ChargeInvalidUnits => 52,
        Error::ChargeDuplicateId { .. } => 53,
        Error::ChargeUnknownCharge { .. } => 54,
        Error::ChargeUnknownProgram { .. } => 55,
        Error::ChargeBrandNotAccepted { .. } => 56,
        Error::ChargeIllegalTransition { .. } => 57,
        Error::ChargeEnded { .. } => 58,
        Error::ChargeBlockedPendingPayment { .. } => 59,
        Error::ChargeBlockedCardLockout { .. } => 60,
        Error::PinInvalidFormat => 61,
        Error::PinMismatch { .. } => 62,
        Error::PinLocked => 63,
        Error::OtpInvalidFormat => 64,
        Error::OtpMismatch { .. } => 65,
        Error::OtpExpired => 66,
        Error::OtpLocked => 67,
        Error::OtpUsed => 68,
        // Keep VARIANTS equal to the number of arms.
    }
}

fn samples() -> Vec<Error> {
    let yen = |n| Money::jpy(n).unwrap();
    vec![
        Error::MoneyEmpty,
        Error::MoneyInvalid,
        Error::MoneyNegative,
        Error::MoneyFractionNotAllowed {
            currency: Currency::JPY,
        },
        Error::MoneyOutOfRange,
        Error::MoneyCurrencyMismatch {
            expected: Currency::JPY,
            found: Currency::USD,
        },
        Error::MoneyUnknownCurrency {
            currency_code: "XYZ".into(),
        },
        Error::CardEmpty,
        Error::CardInvalidCharacter { position: 4 },
        Error::CardUnknownBrand,
        Error::CardInvalidLength { length: 12 },
        Error::CardLuhnMismatch,
        Error::CardInvalidExpiry,
        Error::CardInvalidCvc { brand: Brand::Amex },
        Error::VoucherInvalidCode,
        Error::SmartPitInvalidNumber,
        Error::EmvQrMalformed { position: 12 },
        Error::EmvQrCrcMismatch {
            computed: "71E5".into(),
            found: "0000".into(),
        },
        Error::EmvQrMissingField { tag: "59".into() },
        Error::EmvQrInvalidField { tag: "59".into() },
        Error::PasswordInvalidCharacter { position: 3 },
        Error::PasswordTooShort { min_length: 8 },
        Error::PasswordMissingLetter,
        Error::PasswordMissingDigit,
        Error::WalletInsufficientBalance {
            available: yen(2000),
        },
        Error::WalletInvalidAmount,
        Error::WalletUnknownMerchant {
            merchant: "riverside".into(),
        },
        Error::WalletUnknownPayment {
            payment: "X20260601000000000001".into(),
        },
        Error::WalletRefundExceedsPayment {
            refundable: yen(300),
        },
        Error::WalletRefundLotExpired { lot: "C".into() },
        Error::WalletDuplicateRefundId {
            refund_id: "X20260601000000000001-20260601150000123".into(),
        },
        Error::WalletDuplicateId { id: "L1".into() },
        Error::WalletUnknownProgram {
            program: "oyama".into(),
        },
        Error::WalletUnknownLot { lot: "L404".into() },
        Error::WalletInvalidLot { lot: "L1".into() },
        Error::WalletPaymentSerialExhausted,
        Error::ChargeInvalidAmount,
        Error::ChargeInvalidUnits,
        Error::ChargeDuplicateId { id: "c1".into() },
        Error::ChargeUnknownCharge {
            charge: "c9".into(),
        },
        Error::ChargeUnknownProgram {
            program: "minato".into(),
        },
        Error::ChargeBrandNotAccepted {
            brand: Brand::Diners,
        },
        Error::ChargeIllegalTransition {
            state: "awaiting_three_ds".into(),
        },
        Error::ChargeEnded {
            state: "expired".into(),
        },
        Error::ChargeBlockedPendingPayment {
            until: chrono::DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap(),
        },
        Error::ChargeBlockedCardLockout {
            until: chrono::DateTime::parse_from_rfc3339("2026-11-23T10:31:00+09:00").unwrap(),
        },
        Error::PinInvalidFormat,
        Error::PinMismatch { remaining: 2 },
        Error::PinLocked,
        Error::OtpInvalidFormat,
        Error::OtpMismatch { remaining: 2 },
        Error::OtpExpired,
        Error::OtpLocked,
        Error::OtpUsed,
        Error::QrIllegalTransition {
            state: "completed".into(),
        },
        Error::QrInvalidToken,
        Error::QrTokenExpired,
        Error::QrTokenMismatch,
        Error::QrAmountFixed,
        Error::TimeInvalid {
            given: "2026-02-30".into(),
        },
        Error::StateMalformed {
            detail: "EOF while parsing".into(),
        },
        Error::StateUnsupportedVersion { version: 2 },
        Error::StateDuplicateId { id: "L1".into() },
        Error::StateUnknownReference { id: "oyama".into() },
        Error::StateUnknownLot { lot: "L404".into() },
        Error::StateNegativeBalance { lot: "L1".into() },
        Error::StateInvalidLot { lot: "L1".into() },
        Error::StateInconsistentTotals {
            subject: "oyama".into(),
        },
        Error::StateInvalidEvent {
            index: 3,
            cause: "wallet.unknown_lot".into(),
        },
    ]
}

fn field_type(d: &ErrorDetail) -> &'static str {
    match d {
        ErrorDetail::Text(_) => "text",
        ErrorDetail::Number(_) => "integer",
        ErrorDetail::Money(_) => "money",
        ErrorDetail::Time(_) => "time",
    }
}

fn document() -> String {
    let mut out = String::from(
        "# Error codes\n\n\
         Every failure in saifu is one of these codes: the same string in Rust (`Error::code`), \
         Kotlin and Swift (`SaifuException.code` / `SaifuError.code`), Python (`SaifuError.code`) \
         and JavaScript (`SaifuError.code`). Fields are typed in every language (money is \
         `{minor, currency}`). Messages come in English and Japanese (`message(lang)`); the ones \
         below are for the sample fields shown.\n\n\
         This file is generated by `core/tests/error_docs.rs` (`SAIFU_WRITE_DOCS=1 cargo test -p saifu --test error_docs`).\n\n\
         | code | fields | English | Japanese |\n|---|---|---|---|\n",
    );
    for e in samples() {
        let fields: Vec<String> = e
            .details()
            .iter()
            .map(|(k, v)| format!("`{k}` ({})", field_type(v)))
            .collect();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            e.code(),
            if fields.is_empty() {
                "–".into()
            } else {
                fields.join(", ")
            },
            e.message(Lang::En).replace('|', "\\|"),
            e.message(Lang::Ja).replace('|', "\\|"),
        ));
    }
    out
}

#[test]
fn every_variant_has_a_sample_and_a_unique_code() {
    let samples = samples();
    let mut seen = [false; VARIANTS];
    let mut codes = std::collections::HashSet::new();
    for e in &samples {
        seen[variant_index(e)] = true;
        assert!(codes.insert(e.code()), "duplicate code {}", e.code());
        let (area, name) = e.code().split_once('.').unwrap();
        assert!(area.chars().all(|c| c.is_ascii_lowercase()));
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
        );
        assert!(!e.message(Lang::En).is_empty() && !e.message(Lang::Ja).is_empty());
        assert_ne!(e.message(Lang::En), e.message(Lang::Ja));
    }
    let missing: Vec<usize> = (0..samples.len()).filter(|i| !seen[*i]).collect();
    assert!(missing.is_empty(), "variants without a sample: {missing:?}");
    assert_eq!(
        samples.len(),
        VARIANTS,
        "update VARIANTS and the samples together"
    );
}

#[test]
fn docs_list_every_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/errors.md");
    let want = document();
    if std::env::var_os("SAIFU_WRITE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/errors.md is stale: run SAIFU_WRITE_DOCS=1 cargo test -p saifu --test error_docs"
    );
}
