//! Wallet operations at 10 … 100,000 lots, with a plain sort-and-walk beside `pay` as
//! the floor to compare against (DESIGN budgets: `pay` at 10 lots under 1 µs, growth no
//! faster than n log n, `pay` at 100k lots under 50 ms).
//!
//! `cargo bench -p saifu --bench wallet` (add `-- --quick` for a fast pass).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    missing_docs
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};

use saifu::{Money, NewLot, Wallet};

mod fixtures;
use fixtures::{charged_lots, lots, many_programs, now};

/// A deterministic wallet of `n` lots ([`fixtures::lots`]).
fn wallet(n: usize) -> Wallet {
    fixtures::wallet(lots(n, false))
}

const SIZES: [usize; 5] = [10, 100, 1_000, 10_000, 100_000];

/// The same lots with balances large enough for any number of bench payments.
fn rich(w: &Wallet) -> Wallet {
    let mut r = Wallet::new();
    r.add_program(w.programs()[0].clone()).unwrap();
    r.add_merchant(w.merchants()[0].clone()).unwrap();
    for lot in w.lots() {
        r.open_lot(NewLot {
            id: lot.id().into(),
            code: *lot.code(),
            management_no: lot.management_no().into(),
            program: lot.program().into(),
            scope: lot.scope(),
            registered_at: lot.registered_at(),
            expires_on: lot.expires_on(),
            face_value: Money::jpy(10_000_000_000).unwrap(),
            balance: Money::jpy(10_000_000_000 - lot.balance().minor()).unwrap(),
        })
        .unwrap();
    }
    r
}

/// The floor: sort plain tuples by the default order and walk them.
fn sort_and_walk(lots: &[(Option<NaiveDate>, i64, i64, String)], amount: i64) -> Vec<(usize, i64)> {
    let mut order: Vec<usize> = (0..lots.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (x, y) = (&lots[a], &lots[b]);
        let ex = |e: Option<NaiveDate>| e.unwrap_or(NaiveDate::MAX);
        ex(x.0)
            .cmp(&ex(y.0))
            .then(x.1.cmp(&y.1))
            .then(x.2.cmp(&y.2))
            .then(x.3.as_bytes().cmp(y.3.as_bytes()))
    });
    let mut left = amount;
    let mut out = Vec::with_capacity(4);
    for i in order {
        if left == 0 {
            break;
        }
        let take = lots[i].1.min(left);
        left -= take;
        out.push((i, take));
    }
    out
}

fn bench(c: &mut Criterion) {
    let amount = Money::jpy(2_500).unwrap();
    for &n in &SIZES {
        let w = wallet(n);
        let mut group = c.benchmark_group("wallet");
        if n >= 10_000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::new("quote", n), &w, |b, w| {
            b.iter(|| w.quote(black_box("m"), amount, now()).unwrap())
        });
        // Steady state: many payments on one warm wallet, as an app makes them (the
        // wallet is renewed, off the clock, before its lots run dry).
        let rich = rich(&w);
        group.bench_with_input(BenchmarkId::new("pay", n), &rich, |b, rich| {
            b.iter_custom(|iters| {
                let mut total = std::time::Duration::ZERO;
                let mut done = 0;
                while done < iters {
                    let mut w = rich.clone();
                    let batch = (iters - done).min(if n >= 10_000 { 100 } else { 10_000 });
                    let start = std::time::Instant::now();
                    for _ in 0..batch {
                        black_box(w.pay(black_box("m"), amount, now()).unwrap());
                    }
                    total += start.elapsed();
                    done += batch;
                }
                total
            })
        });
        let mut paid = w.clone();
        let receipt = paid.pay("m", amount, now()).unwrap();
        group.bench_with_input(BenchmarkId::new("refund", n), &paid, |b, w| {
            b.iter_batched(
                || w.clone(),
                |mut w| {
                    let r = w
                        .refund(
                            black_box(&receipt.payment_id),
                            Money::jpy(1_000).unwrap(),
                            now(),
                        )
                        .unwrap();
                    (w, r)
                },
                if n >= 10_000 {
                    BatchSize::PerIteration
                } else {
                    BatchSize::SmallInput
                },
            )
        });
        group.bench_with_input(BenchmarkId::new("expire", n), &w, |b, w| {
            b.iter_batched(
                || w.clone(),
                |mut w| {
                    let f = w.expire(black_box(now())).unwrap();
                    (w, f)
                },
                if n >= 10_000 {
                    BatchSize::PerIteration
                } else {
                    BatchSize::SmallInput
                },
            )
        });
        group.bench_with_input(BenchmarkId::new("balance", n), &w, |b, w| {
            b.iter(|| w.balance(black_box(now())).unwrap())
        });
        let plain: Vec<(Option<NaiveDate>, i64, i64, String)> = w
            .lots()
            .iter()
            .map(|l| {
                (
                    l.expires_on(),
                    l.balance().minor(),
                    l.registered_at().timestamp(),
                    l.id().to_owned(),
                )
            })
            .collect();
        group.bench_with_input(
            BenchmarkId::new("floor_sort_and_walk", n),
            &plain,
            |b, lots| b.iter(|| sort_and_walk(black_box(lots), 2_500)),
        );
        group.finish();
    }
}

/// Saving and loading: saifu's own JSON codec beside serde_json (the reference it is
/// checked against, `saifu_fuzzing`), on the same wallet with its history.
fn persistence(c: &mut Criterion) {
    let mut group = c.benchmark_group("state");
    for n in [100, 1_000] {
        let mut w = rich(&wallet(n));
        for _ in 0..n / 10 {
            w.pay("m", Money::jpy(2_500).unwrap(), now()).unwrap();
        }
        let json = w.to_json().unwrap();
        assert_eq!(json, saifu_fuzzing::serde_to_json(&w));
        group.bench_with_input(BenchmarkId::new("to_json", n), &w, |b, w| {
            b.iter(|| w.to_json().unwrap())
        });
        group.bench_with_input(BenchmarkId::new("to_json_serde_json", n), &w, |b, w| {
            b.iter(|| saifu_fuzzing::serde_to_json(w))
        });
        group.bench_with_input(BenchmarkId::new("from_json", n), &json, |b, json| {
            b.iter(|| Wallet::from_json(black_box(json)).unwrap())
        });
        group.bench_with_input(
            BenchmarkId::new("from_json_serde_json", n),
            &json,
            |b, json| b.iter(|| saifu_fuzzing::serde_from_json(black_box(json)).unwrap()),
        );
    }
    group.finish();
}

/// A wallet with a program and a merchant and nothing else, keeping its events.
fn empty() -> Wallet {
    let mut w = Wallet::new();
    w.set_event_log(true);
    let template = wallet(0);
    w.add_program(template.programs()[0].clone()).unwrap();
    w.add_merchant(template.merchants()[0].clone()).unwrap();
    w
}

/// The largest events: one charge of `n` lots (each checked for a fresh id), and the
/// replay of a log whose payment draws on all `n` lots and whose refund restores them
/// all (each allocation and restoration checked to name its lot once).
fn events(c: &mut Criterion) {
    let mut group = c.benchmark_group("events");
    group.sample_size(10);
    for n in [10_000, 100_000] {
        let lots = charged_lots(n);
        group.bench_with_input(BenchmarkId::new("charge", n), &lots, |b, lots| {
            b.iter_batched(
                || (empty(), lots.clone()),
                |(mut w, lots)| {
                    w.charge("CH", "p", now(), lots).unwrap();
                    w
                },
                BatchSize::PerIteration,
            )
        });
        let mut w = empty();
        w.charge("CH", "p", now(), lots).unwrap();
        let total = w.balance(now()).unwrap().total;
        let receipt = w.pay("m", total, now()).unwrap();
        assert_eq!(receipt.allocations.len(), n);
        w.refund(&receipt.payment_id, total, now()).unwrap();
        let log_json = w.clone().take_events_json().unwrap();
        let log = w.take_events();
        println!("events/{n}: log of {} bytes", log_json.len());
        group.bench_with_input(BenchmarkId::new("replay", n), &log, |b, log| {
            b.iter(|| Wallet::replay(black_box(log)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("replay_json", n), &log_json, |b, json| {
            b.iter(|| Wallet::replay_json(black_box(json)).unwrap())
        });
    }
    group.finish();
}

/// One payment at a merchant accepting n programs (n lots, each rich enough for any
/// number of bench payments: `pay` in steady state), at n, 4n and 16n: the ratio of
/// the two times is the growth (n log n gives a little over 4).
fn programs(c: &mut Criterion) {
    let mut group = c.benchmark_group("programs");
    group.sample_size(10);
    for n in [1_000, 4_000, 16_000] {
        let w = many_programs(n);
        group.bench_with_input(BenchmarkId::new("quote", n), &w, |b, w| {
            b.iter(|| {
                w.quote("m", black_box(Money::jpy(1_500).unwrap()), now())
                    .unwrap()
            })
        });
        let mut steady = w.clone();
        group.bench_function(BenchmarkId::new("pay", n), |b| {
            b.iter(|| {
                steady
                    .pay("m", black_box(Money::jpy(1_500).unwrap()), now())
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench, persistence, events, programs);
criterion_main!(benches);
