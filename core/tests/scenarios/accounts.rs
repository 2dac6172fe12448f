//! The `account.validate_signup` and `phone.check_last4` functions of the conformance
//! README (issue 18), and what the sign-in and MyNaPoint scenarios share.

use serde_json::{Value, json};

use saifu::{Profile, ProfileField, SecretKey, SignUp, check_phone_last4, validate_signup};

use crate::{Outcome, text};

/// Runs one of this module's functions; `None` for a name it does not know.
pub(crate) fn call(function: &str, input: &Value) -> Option<Result<Outcome, String>> {
    Some(match function {
        "account.validate_signup" => signup(input),
        "phone.check_last4" => text(input, "registered").and_then(|registered| {
            Ok(check_phone_last4(registered, text(input, "entered")?).map(|()| json!({})))
        }),
        _ => return None,
    })
}

fn signup(input: &Value) -> Result<Outcome, String> {
    let mut profile = Profile::default();
    for (key, value) in input["profile"].as_object().ok_or("input.profile")? {
        let field = ProfileField::from_id(key).ok_or(format!("unknown profile field {key}"))?;
        let text = || {
            value
                .as_str()
                .map(str::to_owned)
                .ok_or(format!("profile.{key} is not text"))
        };
        match field {
            ProfileField::Name => profile.name = Some(text()?),
            ProfileField::Nickname => profile.nickname = Some(text()?),
            ProfileField::BirthDate => profile.birth_date = Some(text()?),
            ProfileField::Gender => profile.gender = Some(text()?),
            ProfileField::Occupation => profile.occupation = Some(text()?),
            ProfileField::Address => profile.address = Some(text()?),
            ProfileField::Phone => profile.phone = Some(text()?),
            ProfileField::Newsletter => {
                profile.newsletter = Some(value.as_bool().ok_or("profile.newsletter")?);
            }
        }
    }
    let required = input["required"]
        .as_array()
        .ok_or("input.required")?
        .iter()
        .map(|f| {
            f.as_str()
                .and_then(ProfileField::from_id)
                .ok_or(format!("unknown required field {f}"))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let form = SignUp {
        email: text(input, "email")?.to_owned(),
        email_again: text(input, "email_again")?.to_owned(),
        terms_accepted: input["terms_accepted"]
            .as_bool()
            .ok_or("input.terms_accepted")?,
        login_id: text(input, "login_id")?.to_owned(),
        password: text(input, "password")?.to_owned(),
        profile,
    };
    Ok(validate_signup(&form, &required).map(|_| json!({})))
}

/// The integrator's key of a scenario's setup: `key`, hex.
pub(crate) fn key(setup: &Value, name: &str) -> Result<Result<SecretKey, saifu::Error>, String> {
    let hex = text(setup, name)?;
    if hex.len() % 2 != 0 {
        return Err(format!("{name} is not hex"));
    }
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| format!("{name} is not hex")))
        .collect::<Result<Vec<u8>, String>>()?;
    Ok(SecretKey::new(&bytes))
}

/// An integer setting, or its default when absent.
pub(crate) fn setting(setup: &Value, name: &str, default: i64) -> Result<i64, String> {
    match setup.get(name) {
        None => Ok(default),
        Some(v) => v.as_i64().ok_or(format!("setup.{name} is not an integer")),
    }
}

/// The codes after which a flow may differ from before the step: a wrong PIN or code
/// counts as an attempt, and a lock ends the sign-in attempt.
pub(crate) fn counts_as_attempt(code: &str) -> bool {
    matches!(
        code,
        "otp.mismatch" | "otp.locked" | "pin.mismatch" | "pin.locked" | "signin.locked"
    )
}

/// When the setup itself is expected to fail (`setup_expect`), compares that error.
pub(crate) fn setup_expected<T>(
    case: &Value,
    built: Result<T, saifu::Error>,
) -> Result<Option<T>, String> {
    match (case.get("setup_expect"), built) {
        (None, Ok(flow)) => Ok(Some(flow)),
        (None, Err(e)) => Err(format!("setup failed: {}", e.code())),
        (Some(expect), outcome) => {
            crate::check(&outcome.map(|_| json!({})), expect)?;
            if case.get("steps").is_some() {
                return Err("a case with setup_expect has no steps".into());
            }
            Ok(None)
        }
    }
}
