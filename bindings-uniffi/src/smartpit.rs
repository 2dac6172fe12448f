//! Smart Pit numbers (DESIGN §7).

use crate::error::SaifuError;

/// A valid Smart Pit number.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmartPitNumber {
    /// The 13 digits, ASCII.
    pub digits: String,
    /// Grouped for display.
    pub display: String,
}

/// Parses a Smart Pit number: 13 digits (full-width too) with optional separators.
///
/// # Errors
/// `smartpit.invalid_number`.
#[uniffi::export]
pub fn parse_smart_pit(number: String) -> Result<SmartPitNumber, SaifuError> {
    let n = saifu::SmartPitNumber::parse(&number)?;
    Ok(SmartPitNumber {
        digits: n.digits(),
        display: n.display(),
    })
}
