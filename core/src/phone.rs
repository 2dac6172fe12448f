//! Phone numbers and the last-4 check (seed 004; DESIGN §8).

use subtle::ConstantTimeEq;

use crate::error::Error;
use crate::input;

/// A Japanese phone number: 10 digits (a fixed line) or 11 (a mobile or 050 number),
/// starting with 0, typed with §2 digits and separators (full-width digits, IME dashes,
/// spaces). Kept as ASCII digits.
///
/// ```
/// use saifu::PhoneNumber;
///
/// let phone = PhoneNumber::parse("０９０ー１２３４ー５６７８")?;
/// assert_eq!(phone.digits(), "09012345678");
/// assert_eq!(phone.last4(), "5678");
/// assert_eq!(PhoneNumber::parse("1234-5678").unwrap_err().code(), "phone.invalid_number");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Reads a phone number as typed.
    ///
    /// # Errors
    /// `phone.invalid_number` for a character that is neither a §2 digit nor a
    /// separator, or a number that is not 10 or 11 digits starting with 0.
    pub fn parse(text: &str) -> Result<PhoneNumber, Error> {
        let count = input::scan_digits(text).map_err(|_| Error::PhoneInvalidNumber)?;
        if !(10..=11).contains(&count) {
            return Err(Error::PhoneInvalidNumber);
        }
        let digits: String = input::digits(text)
            .map(|d| char::from(b'0'.saturating_add(d)))
            .collect();
        if !digits.starts_with('0') {
            return Err(Error::PhoneInvalidNumber);
        }
        Ok(PhoneNumber(digits))
    }

    /// The ASCII digits.
    #[must_use]
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The last 4 digits.
    #[must_use]
    pub fn last4(&self) -> &str {
        let skip = self.0.len().saturating_sub(4);
        self.0.get(skip..).unwrap_or_default()
    }

    /// Checks the last 4 digits a person entered against this number, in constant time.
    ///
    /// # Errors
    /// `phone.invalid_format` unless `entered` is exactly 4 §2 digits once trimmed (no
    /// separators); then `phone.mismatch`.
    ///
    /// ```
    /// use saifu::PhoneNumber;
    ///
    /// let phone = PhoneNumber::parse("03-1234-0012")?;
    /// assert!(phone.check_last4(" ００１２ ").is_ok());
    /// assert_eq!(phone.check_last4("12").unwrap_err().code(), "phone.invalid_format");
    /// assert_eq!(phone.check_last4("0013").unwrap_err().code(), "phone.mismatch");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn check_last4(&self, entered: &str) -> Result<(), Error> {
        let typed = input::short_digits(entered, 4)
            .filter(|d| d.len() == 4)
            .ok_or(Error::PhoneInvalidFormat)?;
        if bool::from(typed.as_bytes().ct_eq(self.last4().as_bytes())) {
            Ok(())
        } else {
            Err(Error::PhoneMismatch)
        }
    }
}

impl std::fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks the last 4 digits of a registered phone number (as it was typed) against what
/// a person entered (DESIGN §8; the `phone.check_last4` vectors).
///
/// # Errors
/// In order: `phone.invalid_number` when `registered` is not a phone number (the
/// integrator's data, wrong whatever was entered); `phone.invalid_format` unless
/// `entered` is exactly 4 §2 digits once trimmed; `phone.mismatch`.
///
/// # Example
/// ```
/// use saifu::check_phone_last4;
///
/// assert!(check_phone_last4("090-1234-5678", "５６７８").is_ok());
/// assert_eq!(check_phone_last4("090-1234-5678", "56-78").unwrap_err().code(), "phone.invalid_format");
/// assert_eq!(check_phone_last4("090-1234-5678", "0901").unwrap_err().code(), "phone.mismatch");
/// ```
pub fn check_phone_last4(registered: &str, entered: &str) -> Result<(), Error> {
    PhoneNumber::parse(registered)?.check_last4(entered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_prefix() {
        assert!(PhoneNumber::parse("0312345678").is_ok());
        assert!(PhoneNumber::parse("050-1234-5678").is_ok());
        assert!(PhoneNumber::parse("031234567").is_err());
        assert!(PhoneNumber::parse("090123456789").is_err());
        assert!(PhoneNumber::parse("19012345678").is_err());
        assert!(PhoneNumber::parse("+81 90 1234 5678").is_err());
        assert!(PhoneNumber::parse("").is_err());
        assert!(PhoneNumber::parse(&"0".repeat(1 << 20)).is_err());
    }

    #[test]
    fn a_wrong_registered_number_is_reported_first() {
        assert_eq!(
            check_phone_last4("5678", "x"),
            Err(Error::PhoneInvalidNumber)
        );
    }
}
