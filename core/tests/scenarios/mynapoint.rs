//! The `mynapoint` scenario of the conformance README (issue 18).

use serde_json::{Value, json};

use saifu::{MyNaPoint, MyNaPointConfig, SecretKey};

use super::accounts::{counts_as_attempt, key, setting, setup_expected};
use crate::{Outcome, check, text, time};

fn config(setup: &Value) -> Result<MyNaPointConfig, String> {
    let defaults = MyNaPointConfig::new(Vec::new());
    Ok(MyNaPointConfig {
        eligible_cards: setup["eligible_cards"]
            .as_array()
            .ok_or("setup.eligible_cards")?
            .iter()
            .map(|k| {
                k.as_str()
                    .map(str::to_owned)
                    .ok_or(format!("card kind {k}"))
            })
            .collect::<Result<_, String>>()?,
        sms_otp_valid_minutes: setting(
            setup,
            "sms_otp_valid_minutes",
            defaults.sms_otp_valid_minutes,
        )?,
        sms_otp_max_attempts: setting(
            setup,
            "sms_otp_max_attempts",
            defaults.sms_otp_max_attempts,
        )?,
    })
}

/// What every successful step answers: the three flows and their counters.
fn status(m: &MyNaPoint) -> Value {
    json!({
        "issuance": m.issuance_state().id(),
        "reservation": m.reservation_state().id(),
        "application": m.application_state().id(),
        "card_kind": m.card_kind(),
        "phone": m.phone().map(|p| p.digits().to_owned()),
        "mykey_id": m.mykey_id(),
        "chosen_service": m.chosen_service(),
        "pin_remaining": m.pin_remaining(),
        "pin_locked": m.pin_locked(),
        "sms_otp_remaining": m.sms_otp_remaining(),
        "sms_otp_expires_at": m.sms_otp_expires_at().map(|t| t.to_rfc3339()),
    })
}

pub(crate) fn run(case: &Value) -> Result<(), String> {
    let setup = &case["setup"];
    let config = config(setup)?;
    let key: SecretKey = match key(setup, "key")? {
        Ok(key) => key,
        Err(e) => return setup_expected::<()>(case, Err(e)).map(|_| ()),
    };
    let Some(mut m) = setup_expected(case, MyNaPoint::new(&key, config.clone()))? else {
        return Ok(());
    };
    let steps = case["steps"].as_array().ok_or("no steps")?;
    for (i, step) in steps.iter().enumerate() {
        let a = &step["args"];
        let before = m.parts();
        let outcome: Outcome = match step["op"].as_str().unwrap_or_default() {
            "choose_card" => m.choose_card(text(a, "card")?).map(|()| status(&m)),
            "enter_phone" => m.enter_phone(text(a, "phone")?).map(|()| status(&m)),
            "sms_sent" => m
                .sms_sent(text(a, "code")?, time(&step["at"])?)
                .map(|()| status(&m)),
            "enter_sms_code" => m
                .enter_sms_code(text(a, "code")?, time(&step["at"])?)
                .map(|()| status(&m)),
            "set_password" => m.set_password(text(a, "password")?).map(|()| status(&m)),
            "issued" => m
                .issued(text(a, "service_id")?, text(a, "security_code")?)
                .map(|()| status(&m)),
            "view" => {
                let accepted = a["password_accepted"]
                    .as_bool()
                    .ok_or("args.password_accepted")?;
                m.view(accepted).map(|id| json!({"service_id": id}))
            }
            "start_reservation" => m.start_reservation(text(a, "pin")?).map(|()| status(&m)),
            "enter_pin" => m.enter_pin(text(a, "pin")?).map(|()| status(&m)),
            "card_read" => m.card_read().map(|()| status(&m)),
            "mykey_issued" => m.mykey_issued(text(a, "mykey_id")?).map(|()| status(&m)),
            "proceed_to_application" => m.proceed_to_application().map(|()| status(&m)),
            "resume_application" => m.resume_application().map(|()| status(&m)),
            "choose_service" => m.choose_service(text(a, "service")?).map(|()| status(&m)),
            "accept_terms" => m.accept_terms().map(|()| status(&m)),
            "enter_details" => m
                .enter_details(
                    text(a, "service_id")?,
                    text(a, "security_code")?,
                    text(a, "phone_last4")?,
                )
                .map(|()| status(&m)),
            "confirm" => m.confirm().map(|()| status(&m)),
            "registration_confirmed" => m.registration_confirmed().map(|()| status(&m)),
            "status" => Ok(status(&m)),
            "reload" => {
                let with = match a.get("key") {
                    None => key.clone(),
                    Some(_) => self::key(a, "key")?.map_err(|e| e.code().to_owned())?,
                };
                match MyNaPoint::from_parts(&with, config.clone(), m.parts()) {
                    Ok(again) => {
                        if again.parts() != m.parts() {
                            return Err(format!("step {i}: reload changed the parts"));
                        }
                        m = again;
                        Ok(status(&m))
                    }
                    Err(e) => Err(e),
                }
            }
            other => return Err(format!("step {i}: unknown op {other}")),
        };
        check(&outcome, &step["expect"]).map_err(|why| format!("step {i}: {why}"))?;
        if let Err(e) = &outcome {
            if !counts_as_attempt(e.code()) && m.parts() != before {
                return Err(format!("step {i}: {} changed the set-up", e.code()));
            }
        }
    }
    Ok(())
}
