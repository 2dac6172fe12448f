//! Sign-up (seed 003 新規登録; DESIGN §8): the e-mail address twice, the terms, a login
//! ID, a password and the profile fields the integrator requires, checked in that order.

use crate::error::{Error, Lang};
use crate::password::check_password;

/// The longest e-mail address accepted (RFC 5321's 256-octet path, less its brackets).
pub const EMAIL_MAX_LENGTH: usize = 254;

/// The shortest login ID.
pub const LOGIN_ID_MIN_LENGTH: usize = 4;
/// The longest login ID.
pub const LOGIN_ID_MAX_LENGTH: usize = 32;

/// A login ID (ログインID): 4–32 half-width letters, digits, `.`, `_` and `-`, surrounding
/// whitespace trimmed. Full-width letters are refused, not converted.
///
/// ```
/// use saifu::LoginId;
///
/// assert_eq!(LoginId::parse(" hanako_2024 ")?.as_str(), "hanako_2024");
/// assert_eq!(LoginId::parse("ｈａｎａｋｏ").unwrap_err().code(), "account.invalid_login_id");
/// assert_eq!(LoginId::parse("abc").unwrap_err().code(), "account.invalid_login_id");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LoginId(String);

impl LoginId {
    /// Reads a login ID as typed.
    ///
    /// # Errors
    /// `account.invalid_login_id` for fewer than 4 or more than 32 characters (after
    /// trimming), or any character but ASCII letters, digits, `.`, `_` and `-`.
    pub fn parse(text: &str) -> Result<LoginId, Error> {
        let body = text.trim();
        let mut length = 0usize;
        for c in body.chars() {
            length = length.saturating_add(1);
            let allowed = c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
            if !allowed || length > LOGIN_ID_MAX_LENGTH {
                return Err(Error::AccountInvalidLoginId);
            }
        }
        if length < LOGIN_ID_MIN_LENGTH {
            return Err(Error::AccountInvalidLoginId);
        }
        Ok(LoginId(body.to_owned()))
    }

    /// The ID, trimmed.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for LoginId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks an e-mail address (DESIGN §8) and returns it trimmed.
///
/// After trimming surrounding whitespace: exactly one ASCII `@` (a full-width `＠` is not
/// one), a non-empty local part, a domain with a dot between non-empty labels, only
/// printable half-width ASCII (no whitespace of any kind, no control, full-width or
/// other non-ASCII character), at most 254 characters.
///
/// # Errors
/// `account.invalid_email`.
///
/// ```
/// use saifu::check_email;
///
/// assert_eq!(check_email(" hanako@example.jp　")?, "hanako@example.jp");
/// assert_eq!(check_email("hanako＠example.jp").unwrap_err().code(), "account.invalid_email");
/// assert_eq!(check_email("hanako@localhost").unwrap_err().code(), "account.invalid_email");
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn check_email(text: &str) -> Result<&str, Error> {
    let email = text.trim();
    let printable = email.bytes().all(|b| b.is_ascii_graphic());
    if !printable || email.len() > EMAIL_MAX_LENGTH {
        return Err(Error::AccountInvalidEmail);
    }
    let mut halves = email.split('@');
    let (Some(local), Some(domain), None) = (halves.next(), halves.next(), halves.next()) else {
        return Err(Error::AccountInvalidEmail);
    };
    let labels_ok = domain.split('.').all(|label| !label.is_empty());
    if local.is_empty() || !domain.contains('.') || !labels_ok {
        return Err(Error::AccountInvalidEmail);
    }
    Ok(email)
}

/// The profile fields of seed 003's registration form (登録情報), any of which the
/// integrator may require.
///
/// ```
/// use saifu::{Lang, ProfileField};
///
/// assert_eq!(ProfileField::from_id("birth_date"), Some(ProfileField::BirthDate));
/// assert_eq!(ProfileField::BirthDate.label(Lang::Ja), "生年月日");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// お知らせメール (受信可否): whether the user wants the newsletter.
    Newsletter,
}

impl ProfileField {
    /// Every field, in the form's order.
    pub const ALL: [ProfileField; 8] = [
        ProfileField::Name,
        ProfileField::Nickname,
        ProfileField::BirthDate,
        ProfileField::Gender,
        ProfileField::Occupation,
        ProfileField::Address,
        ProfileField::Phone,
        ProfileField::Newsletter,
    ];

    /// `name`, `nickname`, `birth_date`, `gender`, `occupation`, `address`, `phone`,
    /// `newsletter`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            ProfileField::Name => "name",
            ProfileField::Nickname => "nickname",
            ProfileField::BirthDate => "birth_date",
            ProfileField::Gender => "gender",
            ProfileField::Occupation => "occupation",
            ProfileField::Address => "address",
            ProfileField::Phone => "phone",
            ProfileField::Newsletter => "newsletter",
        }
    }

    /// The field of an id returned by [`ProfileField::id`].
    #[must_use]
    pub fn from_id(id: &str) -> Option<ProfileField> {
        ProfileField::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The field's name on the form.
    #[must_use]
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ProfileField::Name, Lang::En) => "Name",
            (ProfileField::Name, Lang::Ja) => "氏名",
            (ProfileField::Nickname, Lang::En) => "Nickname",
            (ProfileField::Nickname, Lang::Ja) => "ニックネーム",
            (ProfileField::BirthDate, Lang::En) => "Date of birth",
            (ProfileField::BirthDate, Lang::Ja) => "生年月日",
            (ProfileField::Gender, Lang::En) => "Gender",
            (ProfileField::Gender, Lang::Ja) => "性別",
            (ProfileField::Occupation, Lang::En) => "Occupation",
            (ProfileField::Occupation, Lang::Ja) => "職業",
            (ProfileField::Address, Lang::En) => "Address",
            (ProfileField::Address, Lang::Ja) => "住所",
            (ProfileField::Phone, Lang::En) => "Phone number",
            (ProfileField::Phone, Lang::Ja) => "電話番号",
            (ProfileField::Newsletter, Lang::En) => "The newsletter choice",
            (ProfileField::Newsletter, Lang::Ja) => "お知らせメールの受信可否",
        }
    }
}

/// What the user entered on the profile form. A field is missing when it is `None` or,
/// for text, blank (whitespace only, the ideographic space included). Its content is
/// not checked here.
///
/// ```
/// use saifu::Profile;
///
/// let profile = Profile { name: Some("山田 花子".into()), newsletter: Some(false), ..Profile::default() };
/// assert!(profile.nickname.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Profile {
    /// 氏名.
    pub name: Option<String>,
    /// ニックネーム.
    pub nickname: Option<String>,
    /// 生年月日, as typed.
    pub birth_date: Option<String>,
    /// 性別, as chosen.
    pub gender: Option<String>,
    /// 職業.
    pub occupation: Option<String>,
    /// 住所.
    pub address: Option<String>,
    /// 電話番号, as typed.
    pub phone: Option<String>,
    /// お知らせメール: `Some(true)` to receive it, `Some(false)` not to, `None` not chosen.
    pub newsletter: Option<bool>,
}

impl Profile {
    /// True when `field` has a value: text that is not blank, or a newsletter choice.
    ///
    /// ```
    /// use saifu::{Profile, ProfileField};
    ///
    /// let p = Profile { nickname: Some("\u{3000}".into()), newsletter: Some(false), ..Profile::default() };
    /// assert!(!p.has(ProfileField::Nickname)); // blank
    /// assert!(p.has(ProfileField::Newsletter)); // a choice, even "no"
    /// ```
    #[must_use]
    pub fn has(&self, field: ProfileField) -> bool {
        let text = match field {
            ProfileField::Name => &self.name,
            ProfileField::Nickname => &self.nickname,
            ProfileField::BirthDate => &self.birth_date,
            ProfileField::Gender => &self.gender,
            ProfileField::Occupation => &self.occupation,
            ProfileField::Address => &self.address,
            ProfileField::Phone => &self.phone,
            ProfileField::Newsletter => return self.newsletter.is_some(),
        };
        text.as_deref().is_some_and(|t| !t.trim().is_empty())
    }
}

/// The sign-up form (seed 003 新規登録). The password is a secret: zeroed on drop and
/// never shown by `Debug`.
///
/// ```
/// use saifu::{Profile, SignUp};
///
/// let form = SignUp {
///     email: "hanako@example.jp".into(),
///     email_again: "hanako@example.jp".into(),
///     terms_accepted: true,
///     login_id: "hanako_2024".into(),
///     password: "Sakura2024".into(),
///     profile: Profile::default(),
/// };
/// assert!(!format!("{form:?}").contains("Sakura2024"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct SignUp {
    /// メールアドレス.
    pub email: String,
    /// メールアドレス(再入力).
    pub email_again: String,
    /// 利用規約に同意しました.
    pub terms_accepted: bool,
    /// ログインID.
    pub login_id: String,
    /// パスワード, exactly as typed (never trimmed).
    pub password: String,
    /// 氏名, ニックネーム, 生年月日, …
    pub profile: Profile,
}

impl Drop for SignUp {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.password);
    }
}

impl std::fmt::Debug for SignUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignUp")
            .field("email", &self.email)
            .field("email_again", &self.email_again)
            .field("terms_accepted", &self.terms_accepted)
            .field("login_id", &self.login_id)
            .field("password", &"..")
            .field("profile", &self.profile)
            .finish()
    }
}

/// What a valid sign-up gives: the e-mail address and login ID to register, trimmed.
///
/// ```
/// # use saifu::{Profile, SignUp, validate_signup};
/// # let form = SignUp { email: " hanako@example.jp".into(), email_again: "hanako@example.jp".into(),
/// #     terms_accepted: true, login_id: "hanako_2024".into(), password: "Sakura2024".into(),
/// #     profile: Profile::default() };
/// let accepted = validate_signup(&form, &[])?;
/// assert_eq!(accepted.email, "hanako@example.jp");
/// assert_eq!(accepted.login_id.as_str(), "hanako_2024");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignUpAccepted {
    /// The e-mail address, trimmed.
    pub email: String,
    /// The login ID, trimmed.
    pub login_id: LoginId,
}

/// Checks a sign-up form, requiring the profile fields in `required` (the integrator's
/// choice, in the order a missing one should be reported). Nothing is kept.
///
/// # Errors
/// In this order (DESIGN §8): `account.email_mismatch` (the two addresses differ once
/// each is trimmed; compared exactly, case included); `account.invalid_email`
/// ([`check_email`]); `account.terms_not_accepted`; `account.invalid_login_id`
/// ([`LoginId::parse`]); the password policy (`password.*`, [`check_password`]);
/// `account.missing_field` naming the first field of `required` without a value.
///
/// # Example
/// ```
/// use saifu::{Profile, ProfileField, SignUp, validate_signup};
///
/// let mut form = SignUp {
///     email: "hanako@example.jp".into(),
///     email_again: "hanako@example.jp".into(),
///     terms_accepted: true,
///     login_id: "hanako_2024".into(),
///     password: "Sakura2024".into(),
///     profile: Profile { name: Some("山田 花子".into()), nickname: Some("　".into()), ..Profile::default() },
/// };
/// let required = [ProfileField::Name, ProfileField::Nickname];
/// let err = validate_signup(&form, &required).unwrap_err();
/// assert_eq!(err.code(), "account.missing_field");
/// assert_eq!(err.to_string(), "Nickname is required.");
/// form.profile.nickname = Some("はなこ".into());
/// assert!(validate_signup(&form, &required).is_ok());
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn validate_signup(form: &SignUp, required: &[ProfileField]) -> Result<SignUpAccepted, Error> {
    if form.email.trim() != form.email_again.trim() {
        return Err(Error::AccountEmailMismatch);
    }
    let email = check_email(&form.email)?;
    if !form.terms_accepted {
        return Err(Error::AccountTermsNotAccepted);
    }
    let login_id = LoginId::parse(&form.login_id)?;
    check_password(&form.password)?;
    if let Some(missing) = required.iter().find(|f| !form.profile.has(**f)) {
        return Err(Error::AccountMissingField {
            field: missing.id().to_owned(),
        });
    }
    Ok(SignUpAccepted {
        email: email.to_owned(),
        login_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SignUp {
        SignUp {
            email: "hanako@example.jp".into(),
            email_again: "hanako@example.jp".into(),
            terms_accepted: true,
            login_id: "hanako_2024".into(),
            password: "Sakura2024".into(),
            profile: Profile::default(),
        }
    }

    #[test]
    fn email_rules() {
        for bad in [
            "",
            "a@b",
            "@example.jp",
            "a@@example.jp",
            "a@example..jp",
            "a@.example.jp",
            "a@example.jp.",
            "a b@example.jp",
            "a\u{0}b@example.jp",
            "a\u{200F}@example.jp",
            "hanakö@example.jp",
            "💌@example.jp",
        ] {
            assert_eq!(check_email(bad), Err(Error::AccountInvalidEmail), "{bad:?}");
        }
        let longest = format!("{}@example.jp", "a".repeat(EMAIL_MAX_LENGTH - 11));
        assert_eq!(longest.len(), EMAIL_MAX_LENGTH);
        assert!(check_email(&longest).is_ok());
        assert!(check_email(&format!("a{longest}")).is_err());
        assert_eq!(
            check_email("\tx.y+tag@mail.example.jp\n"),
            Ok("x.y+tag@mail.example.jp")
        );
    }

    #[test]
    fn login_id_edges() {
        assert!(LoginId::parse("a.b_").is_ok());
        assert!(LoginId::parse(&"x".repeat(32)).is_ok());
        assert!(LoginId::parse(&"x".repeat(33)).is_err());
        assert!(LoginId::parse("ab c").is_err());
        assert!(LoginId::parse("   ").is_err());
        assert!(LoginId::parse(&"x".repeat(1 << 20)).is_err());
    }

    #[test]
    fn newsletter_is_a_choice() {
        let mut f = form();
        let required = [ProfileField::Newsletter];
        assert_eq!(
            validate_signup(&f, &required),
            Err(Error::AccountMissingField {
                field: "newsletter".into()
            })
        );
        f.profile.newsletter = Some(false);
        assert!(validate_signup(&f, &required).is_ok());
    }

    #[test]
    fn missing_field_messages_name_the_field() {
        let e = Error::AccountMissingField {
            field: "birth_date".into(),
        };
        assert_eq!(e.message(Lang::En), "Date of birth is required.");
        assert_eq!(e.message(Lang::Ja), "生年月日を入力してください。");
    }
}
