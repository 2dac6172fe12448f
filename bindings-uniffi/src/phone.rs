//! Phone numbers and the last-4 check (seed 004; DESIGN §8).

use crate::error::SaifuError;

/// Checks the last 4 digits of a registered phone number (as it was typed) against what a
/// person entered, in constant time. Kotlin `checkPhoneLast4(registered, entered)`.
///
/// # Errors
/// In order: `phone.invalid_number` when `registered` is not 10 or 11 digits starting
/// with 0; `phone.invalid_format` unless `entered` is exactly 4 digits once trimmed (no
/// separators; full-width digits are read); `phone.mismatch`.
#[uniffi::export]
pub fn check_phone_last4(registered: String, entered: String) -> Result<(), SaifuError> {
    Ok(saifu::check_phone_last4(&registered, &entered)?)
}

/// Reads a Japanese phone number as typed (10 or 11 digits starting with 0; full-width
/// digits, IME dashes and spaces read) and returns its ASCII digits.
///
/// # Errors
/// `phone.invalid_number`.
#[uniffi::export]
pub fn parse_phone_number(phone: String) -> Result<String, SaifuError> {
    Ok(saifu::PhoneNumber::parse(&phone)?.digits().to_owned())
}
