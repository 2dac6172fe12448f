//! Sign-up (seed 003 新規登録; DESIGN §8): the form as a [`SignUp`] record, checked by the
//! core in DESIGN's order, with the profile fields the integrator requires.
//!
//! The password crosses as its own argument, never in a record: a record's
//! `toString` / `description` / `repr` shows every field, and the password must not
//! appear in any. It is wiped from Rust memory once checked.

use zeroize::Zeroizing;

use crate::error::{Lang, SaifuError};

/// The profile fields of seed 003's registration form (登録情報), any of which the
/// integrator may require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ProfileField {
    /// 氏名.
    Name,
    /// ニックネーム.
    Nickname,
    /// 生年月日.
    BirthDate,
    /// 性別.
    Gender,
    /// 職業.
    Occupation,
    /// 住所.
    Address,
    /// 電話番号.
    Phone,
    /// お知らせメール: whether the user wants the newsletter.
    Newsletter,
}

impl From<ProfileField> for saifu::ProfileField {
    fn from(f: ProfileField) -> Self {
        match f {
            ProfileField::Name => saifu::ProfileField::Name,
            ProfileField::Nickname => saifu::ProfileField::Nickname,
            ProfileField::BirthDate => saifu::ProfileField::BirthDate,
            ProfileField::Gender => saifu::ProfileField::Gender,
            ProfileField::Occupation => saifu::ProfileField::Occupation,
            ProfileField::Address => saifu::ProfileField::Address,
            ProfileField::Phone => saifu::ProfileField::Phone,
            ProfileField::Newsletter => saifu::ProfileField::Newsletter,
        }
    }
}

#[uniffi::export]
impl ProfileField {
    /// The field's stable id (the `field` of `account.missing_field`): `name`, `nickname`,
    /// `birth_date`, `gender`, `occupation`, `address`, `phone`, `newsletter`.
    pub fn id(&self) -> String {
        saifu::ProfileField::from(*self).id().to_owned()
    }
}

/// The field's name on the form, e.g. `生年月日` / `Date of birth`.
#[uniffi::export]
pub fn profile_field_label(field: ProfileField, lang: Lang) -> String {
    saifu::ProfileField::from(field).label(lang).to_owned()
}

pub use saifu::Profile;

/// What the user entered on the profile form. A field is missing when it is null or,
/// for text, blank (whitespace only, the ideographic space included).
#[uniffi::remote(Record)]
pub struct Profile {
    /// 氏名.
    #[uniffi(default)]
    pub name: Option<String>,
    /// ニックネーム.
    #[uniffi(default)]
    pub nickname: Option<String>,
    /// 生年月日, as typed.
    #[uniffi(default)]
    pub birth_date: Option<String>,
    /// 性別, as chosen.
    #[uniffi(default)]
    pub gender: Option<String>,
    /// 職業.
    #[uniffi(default)]
    pub occupation: Option<String>,
    /// 住所.
    #[uniffi(default)]
    pub address: Option<String>,
    /// 電話番号, as typed.
    #[uniffi(default)]
    pub phone: Option<String>,
    /// お知らせメール: true to receive it, false not to, null not chosen.
    #[uniffi(default)]
    pub newsletter: Option<bool>,
}

/// The sign-up form (seed 003 新規登録) but its password, which `validateSignup` takes
/// on its own so that no record ever holds it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct SignUp {
    /// メールアドレス.
    pub email: String,
    /// メールアドレス(再入力).
    pub email_again: String,
    /// 利用規約に同意しました.
    pub terms_accepted: bool,
    /// ログインID.
    pub login_id: String,
    /// 氏名, ニックネーム, 生年月日, …
    #[uniffi(default)]
    pub profile: Profile,
}

/// What a valid sign-up gives: the e-mail address and login ID to register, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct SignUpAccepted {
    /// The e-mail address, trimmed.
    pub email: String,
    /// The login ID, trimmed.
    pub login_id: String,
}

/// Checks a sign-up form and its password, requiring the profile fields in `required`
/// (the integrator's choice, in the order a missing one should be reported). Nothing is
/// kept; the password is wiped from Rust memory before this returns. Kotlin
/// `validateSignup(form, password, required)`, Swift `validateSignup(form:password:required:)`.
///
/// # Errors
/// In this order (DESIGN §8): `account.email_mismatch`; `account.invalid_email`;
/// `account.terms_not_accepted`; `account.invalid_login_id`; the password policy
/// (`password.*`); `account.missing_field` naming the first field of `required` without
/// a value.
#[uniffi::export]
pub fn validate_signup(
    form: SignUp,
    password: String,
    required: Vec<ProfileField>,
) -> Result<SignUpAccepted, SaifuError> {
    let password = Zeroizing::new(password);
    let form = saifu::SignUp {
        email: form.email,
        email_again: form.email_again,
        terms_accepted: form.terms_accepted,
        login_id: form.login_id,
        password: password.as_str().to_owned(), // zeroed when the core's form drops
        profile: form.profile,
    };
    let required: Vec<saifu::ProfileField> = required.into_iter().map(Into::into).collect();
    let accepted = saifu::validate_signup(&form, &required)?;
    Ok(SignUpAccepted {
        email: accepted.email,
        login_id: accepted.login_id.as_str().to_owned(),
    })
}

/// Checks an e-mail address (DESIGN §8) and returns it trimmed.
///
/// # Errors
/// `account.invalid_email`.
#[uniffi::export]
pub fn check_email(email: String) -> Result<String, SaifuError> {
    Ok(saifu::check_email(&email)?.to_owned())
}

/// Reads a login ID as typed (4–32 half-width letters, digits, `.`, `_`, `-` once
/// trimmed) and returns it trimmed.
///
/// # Errors
/// `account.invalid_login_id`.
#[uniffi::export]
pub fn parse_login_id(login_id: String) -> Result<String, SaifuError> {
    Ok(saifu::LoginId::parse(&login_id)?.as_str().to_owned())
}
