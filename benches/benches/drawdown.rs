//! The wallet's operations at 10 … 100,000 lots, saifu beside the same drawdown in
//! SQLite (src/sql.rs: a window query, the updates in one transaction, in memory) and
//! saving/loading beside serde_json and SQLite's database image, on the same lots.
//! Sizes come in pairs n and 4n (25 → 100, …, 25,000 → 100,000) for the growth check.
//!
//! `cargo bench --bench drawdown` in benches/; `BENCH_SIZES=10,100` to choose sizes,
//! `BENCH_QUICK=1` for short measurements (scripts/bench sets both).
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{
    BatchSize, BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, measurement::WallTime,
};
use saifu::{Money, Wallet};
use saifu_peer_benches::fixtures::{charged_lots, lots, now, wallet};
use saifu_peer_benches::sql::Sql;

fn sizes() -> Vec<usize> {
    std::env::var("BENCH_SIZES")
        .unwrap_or_else(|_| "10,25,100,250,1000,2500,10000,25000,100000".into())
        .split(',')
        .map(|s| s.trim().parse().unwrap())
        .collect()
}

fn quick() -> bool {
    std::env::var("BENCH_QUICK").is_ok_and(|v| v == "1")
}

fn group<'a>(c: &'a mut Criterion, name: &str, n: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    let (warm, measure) = if quick() { (200, 600) } else { (800, 2_500) };
    g.warm_up_time(Duration::from_millis(warm));
    g.measurement_time(Duration::from_millis(measure));
    g.sample_size(if n >= 10_000 || quick() { 10 } else { 30 });
    if n >= 10_000 {
        // The same number of calls in every sample: 10 calls at least, where linear
        // sampling would make 55 of the slowest (a replay of 100,000 lots takes ~1 s).
        g.sampling_mode(SamplingMode::Flat);
    }
    g
}

fn batch(n: usize) -> BatchSize {
    if n >= 1_000 {
        BatchSize::PerIteration
    } else {
        BatchSize::SmallInput
    }
}

fn jpy(n: i64) -> Money {
    Money::jpy(n).unwrap()
}

/// Steady state, as an app pays: many payments of ¥2,500 on one warm wallet whose lots
/// never run dry. saifu's wallet is renewed off the clock every 100 payments at every
/// size, so its history stays as short at 10 lots as at 100,000 and n is the only thing
/// that changes between sizes; SQLite's tables keep growing, as a database's would.
fn pay(c: &mut Criterion, n: usize) {
    let mut g = group(c, "pay", n);
    let rich = wallet(lots(n, true));
    g.bench_function(BenchmarkId::new("saifu", n), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut done = 0;
            while done < iters {
                let mut w = rich.clone();
                let chunk = (iters - done).min(100);
                let start = Instant::now();
                for _ in 0..chunk {
                    black_box(w.pay(black_box("m"), jpy(2_500), now()).unwrap());
                }
                total += start.elapsed();
                done += chunk;
            }
            total
        })
    });
    let mut sql = Sql::new(&lots(n, true));
    g.bench_function(BenchmarkId::new("sqlite", n), |b| {
        b.iter(|| sql.pay(black_box("m"), 2_500, &now()).unwrap())
    });
    g.finish();
}

/// A refund of ¥1,000 of a ¥2,500 payment, each on the same state (saifu's wallet
/// cloned off the clock; SQLite's refund taken back off the clock).
fn refund(c: &mut Criterion, n: usize) {
    let mut g = group(c, "refund", n);
    let mut paid = wallet(lots(n, false));
    let receipt = paid.pay("m", jpy(2_500), now()).unwrap();
    g.bench_function(BenchmarkId::new("saifu", n), |b| {
        b.iter_batched(
            || paid.clone(),
            |mut w| {
                let r = w
                    .refund(black_box(&receipt.payment_id), jpy(1_000), now())
                    .unwrap();
                (w, r)
            },
            batch(n),
        )
    });
    let mut sql = Sql::new(&lots(n, false));
    let (payment, _, _) = sql.pay("m", 2_500, &now()).unwrap();
    g.bench_function(BenchmarkId::new("sqlite", n), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let restored = sql.refund(black_box(payment), 1_000, &now()).unwrap();
                total += start.elapsed();
                sql.undo_refund(payment, &restored);
            }
            total
        })
    });
    g.finish();
}

/// The expiry sweep at `now` (about a fifth of the lots have expired), each on the
/// same state.
fn sweep(c: &mut Criterion, n: usize) {
    let mut g = group(c, "sweep", n);
    let w = wallet(lots(n, false));
    g.bench_function(BenchmarkId::new("saifu", n), |b| {
        b.iter_batched(
            || w.clone(),
            |mut w| {
                let f = w.expire(black_box(now())).unwrap();
                (w, f)
            },
            batch(n),
        )
    });
    let mut sql = Sql::new(&lots(n, false));
    g.bench_function(BenchmarkId::new("sqlite", n), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                black_box(sql.sweep(black_box(&now())));
                total += start.elapsed();
                sql.undo_sweep();
            }
            total
        })
    });
    g.finish();
}

/// The balance screen: the total, by time to expiry, per program, and every lot.
fn balance(c: &mut Criterion, n: usize) {
    let mut g = group(c, "balance", n);
    let w = wallet(lots(n, false));
    g.bench_function(BenchmarkId::new("saifu", n), |b| {
        b.iter(|| w.balance(black_box(now())).unwrap())
    });
    let mut sql = Sql::new(&lots(n, false));
    g.bench_function(BenchmarkId::new("sqlite", n), |b| {
        b.iter(|| sql.balance(black_box(&now())))
    });
    g.finish();
}

/// Saving and loading the lots with up to 100 payments: saifu's own JSON codec,
/// serde_json on the same records (both run the checks of docs/state.md on loading),
/// and SQLite's database image (loading checks the header, not the rows).
fn state(c: &mut Criterion, n: usize) {
    let payments = (n / 10).min(100);
    let mut w = wallet(lots(n, true));
    let mut sql = Sql::new(&lots(n, true));
    for _ in 0..payments {
        w.pay("m", jpy(2_500), now()).unwrap();
        sql.pay("m", 2_500, &now()).unwrap();
    }
    let json = w.to_json().unwrap();
    assert_eq!(json, saifu_fuzzing::serde_to_json(&w));
    let image = sql.save();
    println!(
        "state/{n}: JSON {} bytes, SQLite image {} bytes",
        json.len(),
        image.len()
    );
    let mut g = group(c, "save", n);
    g.bench_function(BenchmarkId::new("saifu", n), |b| {
        b.iter(|| w.to_json().unwrap())
    });
    g.bench_function(BenchmarkId::new("serde_json", n), |b| {
        b.iter(|| saifu_fuzzing::serde_to_json(black_box(&w)))
    });
    g.bench_function(BenchmarkId::new("sqlite", n), |b| b.iter(|| sql.save()));
    g.finish();
    let mut g = group(c, "load", n);
    g.bench_function(BenchmarkId::new("saifu", n), |b| {
        b.iter(|| Wallet::from_json(black_box(&json)).unwrap())
    });
    g.bench_function(BenchmarkId::new("serde_json", n), |b| {
        b.iter(|| saifu_fuzzing::serde_from_json(black_box(&json)).unwrap())
    });
    g.bench_function(BenchmarkId::new("sqlite", n), |b| {
        b.iter(|| Sql::load(black_box(&image)))
    });
    g.finish();
}

/// The log of a charge of n lots, a payment drawing on all of them and its refund in
/// full, replayed: saifu from its events and from their JSON; SQLite as the same
/// statements into a fresh database.
fn replay(c: &mut Criterion, n: usize) {
    let charged = charged_lots(n);
    let mut w = Wallet::new();
    w.set_event_log(true);
    w.add_program(saifu_peer_benches::fixtures::program())
        .unwrap();
    w.add_merchant(saifu_peer_benches::fixtures::merchant())
        .unwrap();
    w.charge("CH", "p", now(), charged.clone()).unwrap();
    let total = w.balance(now()).unwrap().total;
    let receipt = w.pay("m", total, now()).unwrap();
    w.refund(&receipt.payment_id, total, now()).unwrap();
    let log_json = w.clone().take_events_json().unwrap();
    let log = w.take_events();
    let mut g = group(c, "replay", n);
    g.bench_function(BenchmarkId::new("saifu", n), |b| {
        b.iter(|| Wallet::replay(black_box(&log)).unwrap())
    });
    g.bench_function(BenchmarkId::new("saifu_json", n), |b| {
        b.iter(|| Wallet::replay_json(black_box(&log_json)).unwrap())
    });
    g.bench_function(BenchmarkId::new("sqlite", n), |b| {
        b.iter(|| Sql::replay(black_box(&charged), &now()))
    });
    g.finish();
}

/// One operation's benches at one size.
type Op = fn(&mut Criterion, usize);

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let only = std::env::var("BENCH_OPS").unwrap_or_default();
    let ops: [(&str, Op); 6] = [
        ("pay", pay),
        ("refund", refund),
        ("sweep", sweep),
        ("balance", balance),
        ("state", state),
        ("replay", replay),
    ];
    for n in sizes() {
        for (name, op) in ops {
            if only.is_empty() || only.split(',').any(|o| o == name) {
                op(&mut c, n);
            }
        }
    }
    c.final_summary();
}
