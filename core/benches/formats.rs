//! The formats layer: parsing what people type, EMV QR codes, registering a card (its
//! checks and HMAC-SHA-256 fingerprint), payment slip numbers and Smart Pit's answer.
//!
//! `cargo bench -p saifu --bench formats`
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use saifu::{
    Brand, CardEntry, CardNumber, CardPolicy, Currency, ExpiryInput, FingerprintKey, MerchantQr,
    Money, PaymentField, PaymentNumber, SlipKind, SmartPitBill, SmartPitMedium, SmartPitNumber,
    SmartPitStore, Tender, VoucherCode, can_pay_smart_pit, parse_date,
};

const JPQR: &str = "00020101021126590019jp.or.paymentsjapan0113000000000000102040001030700000015204581253033925802JP5914TENNOZU HANTEN6009SHINAGAWA630471E5";

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("formats");
    g.bench_function("card.parse ascii", |b| {
        b.iter(|| CardNumber::parse(black_box("4242 4242 4242 4242")).unwrap())
    });
    g.bench_function("card.parse full-width", |b| {
        b.iter(|| CardNumber::parse(black_box("４２４２　４２４２　４２４２　４２４２")).unwrap())
    });
    g.bench_function("card.detect partial", |b| {
        b.iter(|| CardNumber::detect(black_box("3782 822463")))
    });
    g.bench_function("money.parse", |b| {
        b.iter(|| Money::parse(black_box("¥1,234,567"), Currency::JPY).unwrap())
    });
    g.bench_function("voucher.mask", |b| {
        b.iter(|| {
            VoucherCode::parse(black_box("N7af3c1d7AV9b2e4"))
                .unwrap()
                .masked()
        })
    });
    g.bench_function("emvqr.parse", |b| {
        b.iter(|| MerchantQr::parse(black_box(JPQR)).unwrap())
    });
    let qr = MerchantQr::parse(JPQR).unwrap();
    g.bench_function("emvqr.build", |b| {
        b.iter(|| black_box(&qr).to_payload().unwrap())
    });
    let policy = CardPolicy::new(
        FingerprintKey::new((0u8..32).collect()).unwrap(),
        Brand::ALL.to_vec(),
        vec!["400005".into(), "520082".into()],
        vec!["353011".into()],
    )
    .unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00").unwrap();
    let entry = CardEntry {
        number: "４２４２　４２４２　４２４２　４２４２",
        expiry: ExpiryInput::Fields {
            month: "12",
            year: "28",
        },
        security_code: "123",
    };
    let registered = ["0".repeat(64)];
    g.bench_function("card.register check (with fingerprint)", |b| {
        b.iter(|| policy.check(black_box(&entry), &registered, now).unwrap())
    });
    let card = CardNumber::parse("4242424242424242").unwrap();
    g.bench_function("card.fingerprint", |b| {
        b.iter(|| policy.key().fingerprint(black_box(&card)))
    });
    g.bench_function("payment.number pay-easy customer number", |b| {
        b.iter(|| {
            PaymentNumber::parse(
                SlipKind::PayEasy,
                PaymentField::CustomerNumber,
                black_box("１２３４ ５６７８ ９０１２ ３４５６ ７８９０"),
            )
            .unwrap()
        })
    });
    let bills: Vec<SmartPitBill> = (0..100u64)
        .map(|i| SmartPitBill {
            number: SmartPitNumber::parse(&format!("1{i:012}")).unwrap(),
            merchant: "m".into(),
            amount: Money::jpy(1).unwrap(),
            due_on: parse_date("2026-12-31").unwrap(),
        })
        .collect();
    let sheet = SmartPitMedium::Sheet {
        expires_on: parse_date("2026-11-30").unwrap(),
    };
    g.bench_function("smartpit.can_pay among 100 bills", |b| {
        b.iter(|| {
            can_pay_smart_pit(
                black_box("1000000000050"),
                sheet,
                &bills,
                SmartPitStore::Lawson,
                false,
                Tender::Cash,
                now,
            )
            .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
