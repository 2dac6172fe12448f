//! The formats layer: parsing what people type, and EMV QR codes.
//!
//! `cargo bench -p saifu --bench formats`
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use saifu::{CardNumber, Currency, MerchantQr, Money, VoucherCode};

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
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
