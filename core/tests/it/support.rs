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

/// Seed 003's product, as the fuzz targets use it (saifu-fuzzing).
pub(crate) use saifu_fuzzing::seed_003_product;
