//! The wallets the drawdown benches measure: the same deterministic lots as
//! core/benches/wallet.rs (mixed expiries, some none, some expired at [`now`]; mixed
//! scopes; one program; one small merchant), in saifu and as plain rows for SQLite.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use saifu::{Merchant, MerchantSize, Money, NewLot, Program, Scope, VoucherCode, Wallet};

pub fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// The bench's clock: every operation happens at this instant.
pub fn now() -> DateTime<FixedOffset> {
    t("2026-06-01T12:00:00+09:00")
}

/// The lots of a wallet of `n`, deterministic (xorshift), as `open_lot` takes them.
/// `rich` gives every lot a balance large enough for any number of bench payments.
pub fn lots(n: usize, rich: bool) -> Vec<NewLot> {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    (0..n)
        .map(|i| {
            let r = next();
            let value = 1_000 + (r % 9_000) as i64;
            let balance = if rich { value * 1_000_000 } else { value };
            NewLot {
                id: format!("L{i}"),
                code: VoucherCode::parse(&format!("B{i:015}")).unwrap(),
                management_no: format!("d{i:015}"),
                program: "p".into(),
                scope: if r % 3 == 0 {
                    Scope::SmallStoresOnly
                } else {
                    Scope::AllStores
                },
                registered_at: t("2025-12-01T10:00:00+09:00"),
                expires_on: if r % 7 == 0 {
                    None
                } else {
                    start.checked_add_days(Days::new(r % 730))
                },
                face_value: Money::jpy(balance).unwrap(),
                balance: Money::jpy(balance).unwrap(),
            }
        })
        .collect()
}

pub fn program() -> Program {
    Program::new("p", "P", "OEM2023030001")
}

pub fn merchant() -> Merchant {
    Merchant {
        id: "m".into(),
        name: "M".into(),
        size: MerchantSize::Small,
        programs: vec!["p".into()],
        jpqr_id: None,
    }
}

/// A wallet holding `lots`.
pub fn wallet(lots: Vec<NewLot>) -> Wallet {
    let mut w = Wallet::new();
    w.add_program(program()).unwrap();
    w.add_merchant(merchant()).unwrap();
    for lot in lots {
        w.open_lot(lot).unwrap();
    }
    w
}

/// The lots of one charge of `n`: full, of one program, none expired at [`now`].
pub fn charged_lots(n: usize) -> Vec<NewLot> {
    let start = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    (0..n)
        .map(|i| {
            let value = 1_000 + (i % 9_000) as i64;
            NewLot {
                id: format!("C{i}"),
                code: VoucherCode::parse(&format!("C{i:015}")).unwrap(),
                management_no: format!("d{i:015}"),
                program: "p".into(),
                scope: Scope::AllStores,
                registered_at: now(),
                expires_on: start.checked_add_days(Days::new((i % 730) as u64)),
                face_value: Money::jpy(value).unwrap(),
                balance: Money::jpy(value).unwrap(),
            }
        })
        .collect()
}
