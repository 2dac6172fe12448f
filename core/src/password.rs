//! The password policy (seed 003, 004; DESIGN §8).

use crate::error::{Error, to_u32};

/// The shortest password the policy accepts.
pub const PASSWORD_MIN_LENGTH: usize = 8;

/// Checks a password against the policy: 8 or more half-width letters and digits, at
/// least one of each. The password is taken exactly as typed (never trimmed) and is not
/// kept.
///
/// # Errors
/// Checked in this order: `password.invalid_character` (anything but ASCII letters and
/// digits: full-width ones and spaces included), `password.too_short`,
/// `password.missing_letter`, `password.missing_digit`.
///
/// # Example
/// ```
/// use saifu::check_password;
///
/// assert!(check_password("abc12345").is_ok());
/// assert_eq!(check_password("abc 12345").unwrap_err().code(), "password.invalid_character");
/// assert_eq!(check_password("abc1234").unwrap_err().code(), "password.too_short");
/// assert_eq!(check_password("abcdefgh").unwrap_err().code(), "password.missing_digit");
/// ```
pub fn check_password(password: &str) -> Result<(), Error> {
    let mut length = 0usize;
    let (mut letter, mut digit) = (false, false);
    for (position, c) in password.chars().enumerate() {
        if !c.is_ascii_alphanumeric() {
            return Err(Error::PasswordInvalidCharacter {
                position: to_u32(position),
            });
        }
        letter |= c.is_ascii_alphabetic();
        digit |= c.is_ascii_digit();
        length = length.saturating_add(1);
    }
    if length < PASSWORD_MIN_LENGTH {
        return Err(Error::PasswordTooShort {
            min_length: to_u32(PASSWORD_MIN_LENGTH),
        });
    }
    if !letter {
        return Err(Error::PasswordMissingLetter);
    }
    if !digit {
        return Err(Error::PasswordMissingDigit);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_of_checks() {
        assert_eq!(
            check_password(""),
            Err(Error::PasswordTooShort { min_length: 8 })
        );
        assert_eq!(
            check_password(" abc12345"),
            Err(Error::PasswordInvalidCharacter { position: 0 })
        );
        assert_eq!(
            check_password("ab"),
            Err(Error::PasswordTooShort { min_length: 8 })
        );
        assert_eq!(
            check_password("abc\u{0}12345"),
            Err(Error::PasswordInvalidCharacter { position: 3 })
        );
        assert_eq!(
            check_password(&"1".repeat(1 << 20)),
            Err(Error::PasswordMissingLetter)
        );
    }
}
