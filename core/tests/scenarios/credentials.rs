//! The `pin` and `otp` scenarios of the conformance README.

use chrono::Duration;
use serde_json::{Value, json};

use saifu::{OneTimePassword, Pin, otp_attempts_from_i64};

use super::accounts::setup_expected;
use crate::{check, text, time};

fn steps(case: &Value) -> Result<&Vec<Value>, String> {
    case["steps"]
        .as_array()
        .ok_or_else(|| "no steps".to_owned())
}

pub(crate) fn run_pin(case: &Value) -> Result<(), String> {
    let setup = &case["setup"];
    if setup["digits"].as_u64() != Some(4) {
        return Err(format!("a PIN has 4 digits, not {}", setup["digits"]));
    }
    let mut pin = Pin::new(text(setup, "pin")?).map_err(|e| e.code().to_owned())?;
    for (i, step) in steps(case)?.iter().enumerate() {
        if step["op"] != "verify" {
            return Err(format!("step {i}: unknown op {}", step["op"]));
        }
        let outcome = pin
            .verify(text(&step["args"], "input")?)
            .map(|()| json!(true));
        check(&outcome, &step["expect"]).map_err(|why| format!("step {i}: {why}"))?;
    }
    Ok(())
}

pub(crate) fn run_otp(case: &Value) -> Result<(), String> {
    let setup = &case["setup"];
    let code = text(setup, "code")?;
    if setup["digits"].as_u64() != Some(code.chars().count() as u64) {
        return Err("digits and code disagree".into());
    }
    let minutes = setup["valid_minutes"].as_i64().ok_or("valid_minutes")?;
    // An integer of any sign: the core refuses a limit no `u32` holds.
    let attempts = setup["max_attempts"].as_i64().ok_or("max_attempts")?;
    let issued_at = time(&setup["issued_at"])?;
    let built = otp_attempts_from_i64(attempts).and_then(|attempts| {
        OneTimePassword::new(code, issued_at, Duration::minutes(minutes), attempts)
    });
    let Some(mut otp) = setup_expected(case, built)? else {
        return Ok(());
    };
    for (i, step) in steps(case)?.iter().enumerate() {
        if step["op"] != "verify" {
            return Err(format!("step {i}: unknown op {}", step["op"]));
        }
        let outcome = otp
            .verify(text(&step["args"], "input")?, time(&step["at"])?)
            .map(|()| json!(true));
        check(&outcome, &step["expect"]).map_err(|why| format!("step {i}: {why}"))?;
    }
    Ok(())
}
