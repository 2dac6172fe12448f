//! Scenario cases: steps run in order on one state.

use serde_json::Value;

pub(crate) mod accounts;
pub(crate) mod cards;
mod charge;
mod credentials;
mod mynapoint;
mod signin;
pub(crate) mod slips;
mod wallet;

pub(crate) fn run(kind: &str, case: &Value) -> Result<(), String> {
    match kind {
        "wallet" => wallet::run(case),
        "charge" => charge::run(case),
        "pin" => credentials::run_pin(case),
        "otp" => credentials::run_otp(case),
        "cards_on_file" => cards::run(case),
        "signin" => signin::run(case),
        "mynapoint" => mynapoint::run(case),
        other => Err(format!("unknown scenario {other}")),
    }
}
