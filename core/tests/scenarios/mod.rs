//! Scenario cases: steps run in order on one state.

use serde_json::Value;

pub(crate) fn run(kind: &str, _case: &Value) -> Result<(), String> {
    Err(format!("unknown scenario {kind}"))
}
