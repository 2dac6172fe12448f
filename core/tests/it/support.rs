//! Helpers the test modules share.

use chrono::{DateTime, FixedOffset};
use saifu::Wallet;
use serde_json::Value;

/// An instant from RFC 3339 text.
pub(crate) fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// `w`'s saved JSON, changed by `f`.
pub(crate) fn edit(w: &Wallet, f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&w.to_json().unwrap()).unwrap();
    f(&mut v);
    v.to_string()
}

/// The code with which loading `json` fails.
pub(crate) fn load_code(json: &str) -> &'static str {
    Wallet::from_json(json).unwrap_err().code()
}

/// Seed 003's product: ¥10,000 a unit for 8,000 small-stores-only + 5,000 all-stores
/// value (a 30 % premium), 1–4 units, by card or at a convenience store, lots to
/// 2026-12-31.
pub(crate) fn seed_003_product() -> saifu::Product {
    use saifu::{ChargeMethodKind, Money, Product, ProductLine, Scope};
    Product {
        unit_price: Money::jpy(10_000).unwrap(),
        max_units: 4,
        breakdown: vec![
            ProductLine {
                scope: Scope::SmallStoresOnly,
                value: Money::jpy(8_000).unwrap(),
            },
            ProductLine {
                scope: Scope::AllStores,
                value: Money::jpy(5_000).unwrap(),
            },
        ],
        methods: vec![ChargeMethodKind::Card, ChargeMethodKind::Konbini],
        lots_expire_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
    }
}
