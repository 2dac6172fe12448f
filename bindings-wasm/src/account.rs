//! Accounts (seed 003 新規登録; DESIGN §8 "Sign-up", "Phone check"): the sign-up form's
//! checks and the phone's last-4 check. The password is read for the one call that
//! checks it, and its copy in wasm memory is zeroed before the call returns.

use js_sys::JsString;
use saifu::{Profile, ProfileField};
use wasm_bindgen::prelude::*;

use crate::error::JsFailure;
use crate::input;

input::js_names! {
    /// A profile field of the registration form (登録情報) the integrator may require: core's
    /// ids in camelCase (`birth_date` is "birthDate"; the `field` detail of
    /// `account.missing_field` keeps core's id).
    type "ProfileField", read PROFILE_FIELDS: ProfileField {
        [ProfileField::Name] => "name",
        [ProfileField::Nickname] => "nickname",
        [ProfileField::BirthDate] => "birthDate",
        [ProfileField::Gender] => "gender",
        [ProfileField::Occupation] => "occupation",
        [ProfileField::Address] => "address",
        [ProfileField::Phone] => "phone",
        [ProfileField::Newsletter] => "newsletter",
    }
}

input::js_input! {
    /// What the user entered on the profile form. A text field is missing when absent, null
    /// or blank (whitespace only, the ideographic space included); its content is not checked.
    interface "Profile",
    fn profile(value, "form.profile") -> Profile {
        /// 氏名.
        "name"?: "string | null" => name = input::optional_text_field,
        /// ニックネーム.
        "nickname"?: "string | null" => nickname = input::optional_text_field,
        /// 生年月日, as typed.
        "birthDate"?: "string | null" => birth_date = input::optional_text_field,
        /// 性別, as chosen.
        "gender"?: "string | null" => gender = input::optional_text_field,
        /// 職業.
        "occupation"?: "string | null" => occupation = input::optional_text_field,
        /// 住所.
        "address"?: "string | null" => address = input::optional_text_field,
        /// 電話番号, as typed.
        "phone"?: "string | null" => phone = input::optional_text_field,
        /// お知らせメール: true to receive it, false not to; absent or null: not chosen.
        "newsletter"?: "boolean | null" => newsletter = input::field |v| input::optional(v)
            .map(|v| input::boolean(&v, "form.profile.newsletter"))
            .transpose()?,
    } {
        Ok(Profile { name, nickname, birth_date, gender, occupation, address, phone, newsletter })
    }
}

input::js_input! {
    /// The sign-up form (seed 003 新規登録). Read for one call; saifu keeps none of it.
    interface "SignUpForm",
    fn signup_form(form, "form") -> saifu::SignUp {
        /// メールアドレス.
        "email": "string" => email = input::text_field,
        /// メールアドレス(再入力).
        "emailAgain": "string" => email_again = input::text_field,
        /// 利用規約に同意しました.
        "termsAccepted": "boolean" => terms_accepted = input::field
            |v| input::boolean(&v, "form.termsAccepted")?,
        /// ログインID.
        "loginId": "string" => login_id = input::text_field,
        /// The profile fields; omitted: none entered.
        "profile"?: "Profile" => profile = input::field
            |p| input::optional(p).map(|p| self::profile(&p)).transpose()?.unwrap_or_default(),
        // Read last, so nothing can fail between reading it and `SignUp` holding it,
        // which zeroes it when dropped.
        /// パスワード, exactly as typed (never trimmed).
        "password": "string" => password = input::text_field,
    } {
        Ok(saifu::SignUp { email, email_again, terms_accepted, login_id, profile, password })
    }
}

input::js_object! {
    /// What a valid sign-up gives: the e-mail address and login ID to register, trimmed.
    interface "SignUpAccepted",
    fn accepted_js(a: &saifu::SignUpAccepted) {
        /// The e-mail address, trimmed.
        "email": "string" = a.email.as_str().into(),
        /// The login ID, trimmed.
        "loginId": "string" = a.login_id.as_str().into(),
    }
}

/// Checks a sign-up form, requiring the profile fields in `required` (the integrator's
/// choice, in the order a missing one is reported; omitted: none). Keeps nothing.
///
/// Throws `SaifuError`, in DESIGN §8's order: `account.email_mismatch`,
/// `account.invalid_email`, `account.terms_not_accepted`, `account.invalid_login_id`, the
/// password policy (`password.*`), `account.missing_field` (`field`, core's id such as
/// `birth_date`); `input.invalid` for a form of the wrong shape or an unknown field name.
#[wasm_bindgen(js_name = validateSignup, unchecked_return_type = "SignUpAccepted")]
pub fn validate_signup(
    #[wasm_bindgen(unchecked_param_type = "SignUpForm")] form: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ProfileField[] | null")] required: &JsValue,
) -> Result<JsValue, JsFailure> {
    let required = match input::optional(required.clone()) {
        Some(list) => input::items(&list, "required", |name| {
            input::named(
                PROFILE_FIELDS,
                &input::string_in(name, "required[]")?,
                "required[]",
            )
        })?,
        None => Vec::new(),
    };
    let form = signup_form(form)?;
    let accepted = saifu::validate_signup(&form, &required)?;
    Ok(accepted_js(&accepted))
}

/// Checks the last 4 digits a person entered against a registered phone number (as it
/// was typed), in constant time. Returns nothing when they match.
///
/// Throws `SaifuError`, in order: `phone.invalid_number` (`registered` is not 10 or 11
/// digits starting with 0), `phone.invalid_format` (`entered` is not exactly 4 digits once
/// trimmed; full-width digits are read), `phone.mismatch`.
#[wasm_bindgen(js_name = checkPhoneLast4)]
pub fn check_phone_last4(registered: &JsString, entered: &JsString) -> Result<(), JsFailure> {
    let registered = input::text(registered, "registered")?;
    let entered = input::text(entered, "entered")?;
    Ok(saifu::check_phone_last4(&registered, &entered)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names are core's ids in camelCase, one for each of core's values.
    #[test]
    fn names_are_cores_ids_in_camel_case() {
        assert_eq!(PROFILE_FIELDS.len(), ProfileField::ALL.len());
        for &(value, name) in PROFILE_FIELDS {
            assert_eq!(crate::error::camel_case(value.id()), name);
        }
    }
}
