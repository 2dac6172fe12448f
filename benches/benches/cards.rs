//! One card number checked, per call, by saifu and by the crates a Rust user would
//! otherwise pick, over the same numbers, beside a plain Luhn loop (the floor).
//!
//! `cargo bench --bench cards` in benches/ (scripts/bench runs it).
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use saifu::CardNumber;
use saifu_peer_benches::{CHECKERS, Check, DIGITS, cc_validator, luhn, saifu, saifu_check, spaced};

fn each(c: &mut Criterion, group: &str, inputs: &[&str], checkers: &[(&str, Check)]) {
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Elements(inputs.len() as u64));
    for (name, check) in checkers {
        // Per call: one pass over the inputs, divided by their count in the report.
        g.bench_function(*name, |b| {
            b.iter(|| {
                let mut ok = 0u32;
                for n in inputs {
                    ok += u32::from(check(black_box(n)));
                }
                ok
            })
        });
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    each(c, "cards_digits", &DIGITS, &CHECKERS);
    let spaced = spaced();
    let spaced: Vec<&str> = spaced.iter().map(String::as_str).collect();
    let typed: [(&str, Check); 4] = [
        ("saifu CardNumber::check", saifu_check),
        ("saifu CardNumber::parse", saifu),
        ("luhn 1.0.2", luhn),
        ("cc_validator 0.1.0", cc_validator),
    ];
    each(c, "cards_spaced", &spaced, &typed);
    // The native side of the boundary benches (Python, Kotlin, JavaScript make the same
    // calls): what the work costs with no crossing.
    let mut g = c.benchmark_group("boundary");
    let card = "4242 4242 4242 4242";
    g.bench_function("detect(\"\")", |b| {
        b.iter(|| CardNumber::detect(black_box("")))
    });
    g.bench_function("detect(card)", |b| {
        b.iter(|| CardNumber::detect(black_box(card)))
    });
    g.bench_function("parse(card).last4()", |b| {
        b.iter(|| CardNumber::parse(black_box(card)).map(|n| n.last4()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
