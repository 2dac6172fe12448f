//! J-Coin Pay's credentials (seed 000: 「チャージ画面でJ-Coin ID・パスワードと確認コードを
//! 入力します」; DESIGN §6 "J-Coin Pay"): the J-Coin ID, the J-Coin password and the
//! confirmation code issued beforehand in the J-Coin app, as the user types them at 確認.
//!
//! They are checked in the order the seed's screen asks for them (ID, password,
//! confirmation code), handed back to the caller for the provider's authorization, and
//! never kept by a charge: the charge keeps the ID masked to its last 4 characters
//! ([`JCoinId::masked`]). The password and the confirmation code are zeroed on drop and
//! never shown by `Debug`; no error repeats any of the three.

use std::fmt;

use zeroize::Zeroizing;

use crate::error::Error;
use crate::input::{digit_value, short_digits};

/// A J-Coin ID, normalised: trimmed, §2 digits and full-width ASCII letters as ASCII,
/// 1–32 ASCII letters and digits (case kept).
///
/// ```
/// use saifu::JCoinId;
///
/// let id = JCoinId::parse(" ｊｃｏｉｎ０１２３４５ ")?;
/// assert_eq!(id.as_str(), "jcoin012345");
/// assert_eq!(id.masked(), "****2345");
/// assert_eq!(format!("{id:?}"), "JCoinId(\"****2345\")");
/// assert_eq!(JCoinId::parse("jcoin-0123").unwrap_err().code(), "jcoin.invalid_id");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct JCoinId(String);

impl JCoinId {
    /// The most characters an ID has once normalised.
    pub const MAX_LENGTH: usize = 32;

    /// Normalises and checks an ID as typed.
    ///
    /// # Errors
    /// `jcoin.invalid_id` when, trimmed, it is empty, longer than 32 characters, or holds
    /// anything but ASCII or full-width letters and §2 digits. The error does not repeat
    /// the ID.
    pub fn parse(text: &str) -> Result<JCoinId, Error> {
        let mut id = String::with_capacity(Self::MAX_LENGTH);
        for c in text.trim().chars() {
            let ascii = match c {
                'A'..='Z' | 'a'..='z' | '0'..='9' => c,
                'Ａ'..='Ｚ' | 'ａ'..='ｚ' => u32::from(c)
                    .checked_sub(0xFEE0)
                    .and_then(char::from_u32)
                    .ok_or(Error::JcoinInvalidId)?,
                _ => digit_value(c)
                    .map(|d| char::from(b'0'.saturating_add(d)))
                    .ok_or(Error::JcoinInvalidId)?,
            };
            if id.len() == Self::MAX_LENGTH {
                return Err(Error::JcoinInvalidId);
            }
            id.push(ascii);
        }
        if id.is_empty() {
            return Err(Error::JcoinInvalidId);
        }
        Ok(JCoinId(id))
    }

    /// The normalised ID, for the provider.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ID as a charge keeps and shows it: `****` and its last 4 characters (all of
    /// them when it has 4 or fewer).
    ///
    /// ```
    /// # use saifu::JCoinId;
    /// assert_eq!(JCoinId::parse("ab1")?.masked(), "****ab1");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn masked(&self) -> String {
        let tail = self
            .0
            .get(self.0.len().saturating_sub(4)..)
            .unwrap_or_default();
        format!("****{tail}")
    }
}

impl fmt::Debug for JCoinId {
    /// The masked ID.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("JCoinId").field(&self.masked()).finish()
    }
}

/// What the user enters to charge by J-Coin Pay: checked, handed to the provider by the
/// caller, never kept by saifu.
///
/// ```
/// use saifu::JCoinCredentials;
///
/// let c = JCoinCredentials::parse("jcoin012345", "s3cret pass", "１２３４５６")?;
/// assert_eq!(c.id().as_str(), "jcoin012345");
/// assert_eq!(c.password(), "s3cret pass");
/// assert_eq!(c.confirmation_code(), "123456");
/// let shown = format!("{c:?}");
/// assert!(!shown.contains("s3cret") && !shown.contains("123456"), "{shown}");
///
/// let err = JCoinCredentials::parse("jcoin012345", "", "1234").unwrap_err();
/// assert_eq!(err.code(), "jcoin.invalid_password");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Clone)]
pub struct JCoinCredentials {
    id: JCoinId,
    password: Zeroizing<String>,
    code: Zeroizing<String>,
}

impl JCoinCredentials {
    /// The most characters (Unicode scalar values) a password has.
    pub const MAX_PASSWORD_CHARS: usize = 64;
    /// The fewest digits of a confirmation code.
    pub const MIN_CODE_DIGITS: usize = 4;
    /// The most digits of a confirmation code.
    pub const MAX_CODE_DIGITS: usize = 8;

    /// Checks the three as typed, in the seed's order.
    ///
    /// # Errors
    /// In order: `jcoin.invalid_id` ([`JCoinId::parse`]); `jcoin.invalid_password` when
    /// the password is empty or longer than 64 characters (it is taken as typed: not
    /// trimmed, not normalised); `jcoin.invalid_code` unless the confirmation code,
    /// trimmed, is 4–8 §2 digits. No error repeats what was typed.
    pub fn parse(id: &str, password: &str, code: &str) -> Result<JCoinCredentials, Error> {
        let id = JCoinId::parse(id)?;
        let chars = password
            .chars()
            .take(Self::MAX_PASSWORD_CHARS.saturating_add(1))
            .count();
        if chars == 0 || chars > Self::MAX_PASSWORD_CHARS {
            return Err(Error::JcoinInvalidPassword);
        }
        let code = short_digits(code, Self::MAX_CODE_DIGITS)
            .filter(|digits| digits.len() >= Self::MIN_CODE_DIGITS)
            .ok_or(Error::JcoinInvalidCode)?;
        Ok(JCoinCredentials {
            id,
            password: Zeroizing::new(password.to_owned()),
            code,
        })
    }

    /// The ID.
    #[must_use]
    pub fn id(&self) -> &JCoinId {
        &self.id
    }

    /// The password as typed, for the provider.
    #[must_use]
    pub fn password(&self) -> &str {
        &self.password
    }

    /// The confirmation code's digits, in ASCII, for the provider.
    #[must_use]
    pub fn confirmation_code(&self) -> &str {
        &self.code
    }
}

impl fmt::Debug for JCoinCredentials {
    /// The masked ID only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JCoinCredentials")
            .field("id", &self.id)
            .field("password", &"<hidden>")
            .field("confirmation_code", &"<hidden>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_normalise_width_and_keep_case() {
        for (typed, id) in [
            ("Jcoin1", "Jcoin1"),
            ("ＪＣｏｉｎ１２", "JCoin12"),
            ("\u{3000}abc\u{3000}", "abc"),
            ("x", "x"),
        ] {
            assert_eq!(JCoinId::parse(typed).unwrap().as_str(), id, "{typed:?}");
        }
        assert_eq!(JCoinId::parse(&"a".repeat(32)).unwrap().as_str().len(), 32);
    }

    #[test]
    fn bad_ids_are_refused() {
        let huge = "a".repeat(1_000_000);
        for typed in [
            "",
            "  ",
            "ab-cd",
            "ab cd",
            "ab_cd",
            "ab@cd",
            "ａｂ＠",
            "ıd",
            "١٢٣",
            "ab\0",
            "ab🎫",
            "ab\u{301}",
            "\u{202E}abc",
            &"a".repeat(33),
            &huge,
        ] {
            assert_eq!(
                JCoinId::parse(typed),
                Err(Error::JcoinInvalidId),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn masks_keep_the_last_four() {
        assert_eq!(JCoinId::parse("abcdefgh").unwrap().masked(), "****efgh");
        assert_eq!(JCoinId::parse("abcd").unwrap().masked(), "****abcd");
        assert_eq!(JCoinId::parse("a").unwrap().masked(), "****a");
    }

    #[test]
    fn passwords_are_taken_as_typed_up_to_64_characters() {
        let ok =
            |p: &str| JCoinCredentials::parse("id1", p, "1234").map(|c| c.password().to_owned());
        assert_eq!(ok(" a b ").unwrap(), " a b ");
        assert_eq!(ok("パスワード🎫").unwrap(), "パスワード🎫");
        assert_eq!(ok(&"あ".repeat(64)).unwrap().chars().count(), 64);
        for bad in [String::new(), "あ".repeat(65), "a".repeat(1_000_000)] {
            assert_eq!(ok(&bad), Err(Error::JcoinInvalidPassword));
        }
    }

    #[test]
    fn codes_are_four_to_eight_digits() {
        let code = |c: &str| {
            JCoinCredentials::parse("id1", "pw", c).map(|c| c.confirmation_code().to_owned())
        };
        assert_eq!(code("1234").unwrap(), "1234");
        assert_eq!(code(" １２３４５６７８ ").unwrap(), "12345678");
        for bad in [
            "",
            "123",
            "123456789",
            "12 34",
            "12a4",
            "١٢٣٤",
            &"1".repeat(1_000_000),
        ] {
            assert_eq!(code(bad), Err(Error::JcoinInvalidCode), "{bad:?}");
        }
    }

    #[test]
    fn the_checks_come_in_the_seeds_order() {
        let err = |id, pw, c| JCoinCredentials::parse(id, pw, c).unwrap_err().code();
        assert_eq!(err("", "", ""), "jcoin.invalid_id");
        assert_eq!(err("id", "", ""), "jcoin.invalid_password");
        assert_eq!(err("id", "pw", ""), "jcoin.invalid_code");
    }

    #[test]
    fn debug_shows_no_secret() {
        let c = JCoinCredentials::parse("jcoinuser9876", "hunter2hunter2", "87654321").unwrap();
        let shown = format!("{c:?}");
        for secret in ["hunter2", "87654321", "jcoinuser"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("****9876"), "{shown}");
    }
}
