//! The `signin` scenario of the conformance README (issue 18).

use serde_json::{Value, json};

use saifu::{SecretKey, SignIn, SignInConfig};

use super::accounts::{counts_as_attempt, key, setting, setup_expected};
use crate::{Outcome, check, text, time};

fn config(setup: &Value) -> Result<SignInConfig, String> {
    let default = SignInConfig::default();
    Ok(SignInConfig {
        puzzle: match setup.get("puzzle") {
            None => default.puzzle,
            Some(v) => v.as_bool().ok_or("setup.puzzle is not a boolean")?,
        },
        otp_digits: setting(setup, "otp_digits", default.otp_digits)?,
        otp_valid_minutes: setting(setup, "otp_valid_minutes", default.otp_valid_minutes)?,
        otp_max_attempts: setting(setup, "otp_max_attempts", default.otp_max_attempts)?,
    })
}

/// What every successful step answers: the flow as a screen would show it.
fn status(flow: &SignIn) -> Value {
    json!({
        "state": flow.state().id(),
        "login_id": flow.login_id(),
        "stay_signed_in": flow.stay_signed_in(),
        "otp_remaining": flow.otp_remaining(),
        "otp_expires_at": flow.otp_expires_at().map(|t| t.to_rfc3339()),
    })
}

pub(crate) fn run(case: &Value) -> Result<(), String> {
    let setup = &case["setup"];
    let config = config(setup)?;
    let key: SecretKey = match key(setup, "key")? {
        Ok(key) => key,
        Err(e) => return setup_expected::<()>(case, Err(e)).map(|_| ()),
    };
    let Some(mut flow) = setup_expected(case, SignIn::new(&key, config))? else {
        return Ok(());
    };
    let steps = case["steps"].as_array().ok_or("no steps")?;
    for (i, step) in steps.iter().enumerate() {
        let args = &step["args"];
        let before = flow.parts();
        let outcome: Outcome = match step["op"].as_str().unwrap_or_default() {
            "enter_login_id" => flow
                .enter_login_id(text(args, "login_id")?)
                .map(|_| status(&flow)),
            "puzzle_passed" => flow.puzzle_passed().map(|_| status(&flow)),
            "password_rejected" => flow.password_rejected().map(|_| status(&flow)),
            "password_accepted" => {
                let stay = args["stay_signed_in"]
                    .as_bool()
                    .ok_or("args.stay_signed_in")?;
                flow.password_accepted(stay, text(args, "otp")?, time(&step["at"])?)
                    .map(|_| status(&flow))
            }
            "otp_resent" => flow
                .otp_resent(text(args, "otp")?, time(&step["at"])?)
                .map(|_| status(&flow)),
            "enter_otp" => flow
                .enter_otp(text(args, "otp")?, time(&step["at"])?)
                .map(|_| status(&flow)),
            "cancel" => flow.cancel().map(|_| status(&flow)),
            "sign_out" => flow.sign_out().map(|_| status(&flow)),
            "status" => Ok(status(&flow)),
            "reload" => {
                let with = match args.get("key") {
                    None => key.clone(),
                    Some(_) => self::key(args, "key")?.map_err(|e| e.code().to_owned())?,
                };
                match SignIn::from_parts(&with, config, flow.parts()) {
                    Ok(again) => {
                        if again.parts() != flow.parts() {
                            return Err(format!("step {i}: reload changed the parts"));
                        }
                        flow = again;
                        Ok(status(&flow))
                    }
                    Err(e) => Err(e),
                }
            }
            other => return Err(format!("step {i}: unknown op {other}")),
        };
        check(&outcome, &step["expect"]).map_err(|why| format!("step {i}: {why}"))?;
        if let Err(e) = &outcome {
            if !counts_as_attempt(e.code()) && flow.parts() != before {
                return Err(format!("step {i}: {} changed the flow", e.code()));
            }
        }
    }
    Ok(())
}
