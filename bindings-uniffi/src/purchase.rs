//! Purchase codes (購入コード, DESIGN §5): the code the issuer sends a lottery winner.

use crate::error::SaifuError;

/// Normalises a purchase code as typed: surrounding whitespace trimmed, full-width
/// letters and digits to ASCII, letters upper-cased, separators removed:
/// `ａｂｃｄ-１２３４` → `ABCD1234`.
///
/// # Errors
/// `purchase.invalid_code` unless 4–32 letters and digits remain.
#[uniffi::export]
pub fn normalize_purchase_code(code: String) -> Result<String, SaifuError> {
    Ok(saifu::PurchaseCode::parse(&code)?.to_string())
}
