//! Voucher codes (コード(ID), DESIGN §4).

use crate::error::SaifuError;

/// Masks a voucher code as the seed's screens show it: `N7af3c1d7AV9b2e4` →
/// `N7af****7AV9****`.
///
/// # Errors
/// `voucher.invalid_code`: a code is exactly 16 ASCII letters and digits.
#[uniffi::export]
pub fn mask_voucher_code(code: String) -> Result<String, SaifuError> {
    Ok(saifu::VoucherCode::parse(&code)?.masked())
}
