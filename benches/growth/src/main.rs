//! `saifu-growth OP N [CALLS]`: builds the state of size `N` for one wallet operation,
//! then runs the operation `CALLS` times (default 1) inside [`measured`], the only
//! function whose instructions scripts/growth has valgrind count
//! (`--toggle-collect=*measured*`). Prints what the counting allocator saw inside it:
//! `OP N CALLS allocations bytes`.
//!
//! The state is the drawdown bench's (benches/src/fixtures.rs: the same lots, program
//! and merchant), so the counts explain its times; `programs_*` is core's many-programs
//! bench (one merchant accepting N programs with a lot each); `replay_serials` replays
//! N payments each followed by a new next serial; `load_serde` is serde_json's reading
//! of the state `load` reads (saifu-fuzzing's reference, as the drawdown bench's load
//! beside serde_json), for scripts/load-count.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use saifu::{Money, Wallet};

#[path = "../../../core/benches/fixtures/mod.rs"]
mod fixtures;
use fixtures::{charged_lots, lots, many_programs, now, wallet};

/// The system allocator, counting the allocations (and reallocations) made and the
/// bytes they asked for.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

fn count(size: usize) {
    ALLOCATIONS.fetch_add(1, Relaxed);
    BYTES.fetch_add(size as u64, Relaxed);
}

// SAFETY: every call is passed to `System` unchanged; the counters are atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `op` `calls` times: the one region valgrind counts. What `op` returns is
/// dropped at once, as an app drops a receipt or a view (and as the drawdown bench's
/// `iter` does).
#[inline(never)]
fn measured<R>(calls: usize, mut op: impl FnMut() -> R) -> (u64, u64) {
    let (a, b) = (ALLOCATIONS.load(Relaxed), BYTES.load(Relaxed));
    for _ in 0..calls {
        drop(black_box(op()));
    }
    let allocations = ALLOCATIONS.load(Relaxed) - a;
    let bytes = BYTES.load(Relaxed) - b;
    (allocations, bytes)
}

fn jpy(n: i64) -> Money {
    Money::jpy(n).unwrap()
}

/// The drawdown bench's saved state: the rich lots with up to 100 payments.
fn saved(n: usize) -> Wallet {
    let mut w = wallet(lots(n, true));
    for _ in 0..(n / 10).min(100) {
        w.pay("m", jpy(2_500), now()).unwrap();
    }
    w
}

/// The drawdown bench's log: a charge of `n` lots, a payment drawing on all of them and
/// its refund in full.
fn log(n: usize) -> Wallet {
    let mut w = Wallet::new();
    w.set_event_log(true);
    w.add_program(fixtures::program()).unwrap();
    w.add_merchant(fixtures::merchant()).unwrap();
    w.charge("CH", "p", now(), charged_lots(n)).unwrap();
    let total = w.balance(now()).unwrap().total;
    let receipt = w.pay("m", total, now()).unwrap();
    w.refund(&receipt.payment_id, total, now()).unwrap();
    w
}

/// A log of `n` payments of ¥1, each followed by a new next serial (as an app that
/// continues an issuer's numbering sets it): each serial set is checked against the
/// payments made.
fn serials_log(n: usize) -> Wallet {
    let mut w = Wallet::new();
    w.set_event_log(true);
    w.add_program(fixtures::program()).unwrap();
    w.add_merchant(fixtures::merchant()).unwrap();
    w.open_lot(lots(1, true).remove(0)).unwrap();
    for _ in 0..n {
        w.pay("m", jpy(1), now()).unwrap();
        w.set_next_payment_serial(w.next_payment_serial() + 1)
            .unwrap();
    }
    w
}

fn report(op: &str, n: usize, calls: usize, (allocations, bytes): (u64, u64)) {
    println!("{op} {n} {calls} {allocations} {bytes}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: saifu-growth OP N [CALLS]; OP one of pay refund sweep balance save \
                 load load_serde replay replay_json replay_serials programs_quote programs_pay";
    let (Some(op), Some(n)) = (args.get(1), args.get(2)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N: a number of lots");
    let calls: usize = args
        .get(3)
        .map_or(1, |c| c.parse().expect("CALLS: a number"));
    let op = op.as_str();
    // The bench's clock, read once: parsing it is no part of any operation.
    let now = now();
    match op {
        "pay" => {
            let mut w = wallet(lots(n, true));
            report(
                op,
                n,
                calls,
                measured(calls, || w.pay("m", jpy(2_500), now).unwrap()),
            );
        }
        "refund" => {
            let mut w = wallet(lots(n, false));
            let receipt = w.pay("m", jpy(2_500), now).unwrap();
            let id = receipt.payment_id;
            // Each call refunds ¥1 more of the same payment (the refund id carries the
            // instant, so each call is a millisecond later).
            let mut at = now;
            report(
                op,
                n,
                calls,
                measured(calls, || {
                    at += chrono::TimeDelta::milliseconds(1);
                    w.refund(&id, jpy(1), at).unwrap()
                }),
            );
        }
        "sweep" => {
            let mut w = wallet(lots(n, false));
            report(op, n, calls, measured(calls, || w.expire(now).unwrap()));
        }
        "balance" => {
            let w = wallet(lots(n, false));
            report(op, n, calls, measured(calls, || w.balance(now).unwrap()));
        }
        "save" => {
            let w = saved(n);
            report(op, n, calls, measured(calls, || w.to_json().unwrap()));
        }
        "load" => {
            let json = saved(n).to_json().unwrap();
            report(
                op,
                n,
                calls,
                measured(calls, || Wallet::from_json(&json).unwrap()),
            );
        }
        "load_serde" => {
            let json = saved(n).to_json().unwrap();
            report(
                op,
                n,
                calls,
                measured(calls, || saifu_fuzzing::serde_from_json(&json).unwrap()),
            );
        }
        "replay" => {
            let events = log(n).take_events();
            report(
                op,
                n,
                calls,
                measured(calls, || Wallet::replay(&events).unwrap()),
            );
        }
        "replay_json" => {
            let json = log(n).take_events_json().unwrap();
            report(
                op,
                n,
                calls,
                measured(calls, || Wallet::replay_json(&json).unwrap()),
            );
        }
        "replay_serials" => {
            let events = serials_log(n).take_events();
            report(
                op,
                n,
                calls,
                measured(calls, || Wallet::replay(&events).unwrap()),
            );
        }
        "programs_quote" => {
            let w = many_programs(n);
            report(
                op,
                n,
                calls,
                measured(calls, || w.quote("m", jpy(1_500), now).unwrap()),
            );
        }
        "programs_pay" => {
            let mut w = many_programs(n);
            report(
                op,
                n,
                calls,
                measured(calls, || w.pay("m", jpy(1_500), now).unwrap()),
            );
        }
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}
