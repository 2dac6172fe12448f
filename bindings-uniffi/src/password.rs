//! The password policy (DESIGN §8).

use crate::error::SaifuError;

/// Checks a password against the policy: 8 or more half-width letters and digits, at
/// least one of each, taken exactly as typed.
///
/// # Errors
/// In order: `password.invalid_character`, `password.too_short`,
/// `password.missing_letter`, `password.missing_digit`.
#[uniffi::export]
pub fn check_password(password: String) -> Result<(), SaifuError> {
    let password = zeroize::Zeroizing::new(password);
    Ok(saifu::check_password(&password)?)
}
