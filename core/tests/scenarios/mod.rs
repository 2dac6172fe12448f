//! Scenario cases: steps run in order on one state.

use serde_json::Value;

mod wallet;

pub(crate) fn run(kind: &str, case: &Value) -> Result<(), String> {
    match kind {
        "wallet" => wallet::run(case),
        other => Err(format!("unknown scenario {other}")),
    }
}
