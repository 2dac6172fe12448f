//! How saving and loading scale with the size of the user's state (issue 21 item 3):
//! builds a wallet and its charges whose document is about `MB` megabytes, saves it,
//! loads it back, and prints the document's
//! size, the time of each step and the process's peak memory (Linux `VmHWM`).
//!
//! ```text
//! cargo run --release -p saifu --example big_state -- 25 100
//! ```
#![allow(
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    clippy::cast_precision_loss,
    missing_docs
)]

use std::time::Instant;

use chrono::{DateTime, Duration, FixedOffset};
use saifu::*;

fn main() -> Result<(), Error> {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    for mb in if sizes.is_empty() { vec![10] } else { sizes } {
        measure(mb)?;
    }
    Ok(())
}

fn measure(mb: usize) -> Result<(), Error> {
    let at = DateTime::parse_from_rfc3339("2026-04-01T10:00:00+09:00").expect("a time");
    let state = build(mb, at)?;
    let started = Instant::now();
    let json = state.to_json();
    let saved = started.elapsed();
    let started = Instant::now();
    let loaded = UserState::from_json(&json)?;
    let load = started.elapsed();
    assert_eq!(loaded.wallet.lots().len(), state.wallet.lots().len());
    println!(
        "{:>6.1} MB, {:>8} lots, {:>8} payments: save {:>7.0} ms, load {:>7.0} ms ({:.1} MB/s); peak memory {} MB",
        json.len() as f64 / 1e6,
        state.wallet.lots().len(),
        state.wallet.payments().len(),
        saved.as_secs_f64() * 1e3,
        load.as_secs_f64() * 1e3,
        json.len() as f64 / 1e6 / load.as_secs_f64(),
        peak_mb()
    );
    Ok(())
}

/// About `mb` MB of state: lots put in as opening balances (about 330 bytes of JSON
/// each), 2,000 card charges credited through `notify_into` and 2,000 payments. (Building
/// it through the API is not what is measured: a payment plans over every lot.)
fn build(mb: usize, at: DateTime<FixedOffset>) -> Result<UserState, Error> {
    let mut state = UserState::default();
    state
        .wallet
        .add_program(Program::new("p", "P", "OEM2026000001"))?;
    state.wallet.add_merchant(Merchant {
        id: "m".into(),
        name: "M".into(),
        size: MerchantSize::Small,
        programs: vec!["p".into()],
        jpqr_id: None,
    })?;
    state.charges.add_program(Program {
        id: "p".into(),
        name: "P".into(),
        payment_id_prefix: None,
        accepted_brands: vec![Brand::Visa],
        product: None,
    })?;
    let UserState {
        wallet, charges, ..
    } = &mut state;
    for i in 0..2_000 {
        let now = at + Duration::seconds(i);
        let id = format!("c{i}");
        let visa = ChargeMethod::Card { brand: Brand::Visa };
        charges.start(&id, "p", visa, ChargeOrder::Amount(Money::jpy(5_000)?), now)?;
        charges.confirm(&id, now)?;
        charges.pay(&id, now)?;
        let lot = IssuedLot {
            id: format!("C{i}"),
            code: VoucherCode::parse(&format!("C{i:015}"))?,
            management_no: format!("d{i:015}"),
        };
        charges.notify_into(wallet, &id, ChargeEvent::ThreeDsSucceeded, vec![lot], now)?;
        wallet.pay("m", Money::jpy(100)?, now)?;
    }
    for i in 0..mb * 1_000_000 / 330 {
        wallet.open_lot(NewLot {
            id: format!("L{i}"),
            code: VoucherCode::parse(&format!("L{i:015}"))?,
            management_no: format!("d{i:015}"),
            program: "p".into(),
            scope: if i % 3 == 0 {
                Scope::SmallStoresOnly
            } else {
                Scope::AllStores
            },
            registered_at: at,
            expires_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
            face_value: Money::jpy(10_000)?,
            balance: Money::jpy(1_000 + (i as i64 % 9_000))?,
        })?;
    }
    Ok(state)
}

fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}
