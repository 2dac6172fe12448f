//! Card security codes (CVC/CVV/CID, DESIGN §7).

use zeroize::{Zeroize, ZeroizeOnDrop};

use super::brand::Brand;
use crate::error::Error;
use crate::secret::SecretDigits;

/// A card's security code: 3 digits, 4 for American Express.
///
/// A secret: shown as `***`, never serialized, never in `Debug`, compared in constant
/// time, zeroed on drop.
///
/// ```
/// use saifu::{Brand, SecurityCode};
///
/// let code = SecurityCode::parse("１２３", Brand::Visa)?;
/// assert_eq!(code.masked(), "***");
/// assert_eq!(format!("{code:?}"), "SecurityCode(***)");
/// assert_eq!(SecurityCode::parse("123", Brand::Amex).unwrap_err().code(), "card.invalid_cvc");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SecurityCode {
    /// ASCII digits, in their own box: moving the code never copies them.
    digits: SecretDigits<4>,
}

impl SecurityCode {
    /// Parses the code typed for a card of `brand` (full-width digits accepted,
    /// surrounding spaces trimmed).
    ///
    /// # Errors
    /// `card.invalid_cvc` unless exactly the brand's number of digits.
    ///
    /// # Example
    /// ```
    /// # use saifu::{Brand, SecurityCode};
    /// assert!(SecurityCode::parse("1234", Brand::Amex).is_ok());
    /// assert!(SecurityCode::parse("12a", Brand::Visa).is_err());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn parse(text: &str, brand: Brand) -> Result<SecurityCode, Error> {
        let expected = usize::from(brand.security_code_length());
        SecretDigits::exactly(text, expected)
            .map(|digits| SecurityCode { digits })
            .ok_or(Error::CardInvalidCvc { brand })
    }

    /// One `*` per digit: `***`, or `****` for American Express.
    ///
    /// ```
    /// # use saifu::{Brand, SecurityCode};
    /// assert_eq!(SecurityCode::parse("1234", Brand::Amex)?.masked(), "****");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn masked(&self) -> String {
        "*".repeat(self.digits.len())
    }

    /// The digits, to hand to a payment processor. The copy is the caller's to protect.
    ///
    /// ```
    /// # use saifu::{Brand, SecurityCode};
    /// assert_eq!(SecurityCode::parse("０１２", Brand::Jcb)?.digits(), "012");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn digits(&self) -> String {
        self.digits
            .as_bytes()
            .iter()
            .map(|&b| char::from(b))
            .collect()
    }
}

impl std::fmt::Debug for SecurityCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecurityCode({})", self.masked())
    }
}

impl PartialEq for SecurityCode {
    /// Constant-time comparison.
    fn eq(&self, other: &Self) -> bool {
        self.digits.ct_matches(&other.digits)
    }
}

impl Eq for SecurityCode {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_per_brand() {
        assert!(SecurityCode::parse("123", Brand::Visa).is_ok());
        assert!(SecurityCode::parse(" 123 ", Brand::Jcb).is_ok());
        assert!(SecurityCode::parse("1234", Brand::Visa).is_err());
        assert!(SecurityCode::parse("12", Brand::Visa).is_err());
        assert!(SecurityCode::parse("", Brand::Visa).is_err());
        assert!(SecurityCode::parse("1 23", Brand::Visa).is_err());
        assert!(SecurityCode::parse(&"1".repeat(1 << 20), Brand::Visa).is_err());
    }

    #[test]
    fn equality() {
        let a = SecurityCode::parse("123", Brand::Visa).unwrap();
        let b = SecurityCode::parse("１２３", Brand::Visa).unwrap();
        let c = SecurityCode::parse("124", Brand::Visa).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
