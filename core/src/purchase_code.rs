//! Purchase codes (購入コード; seed 003: 事前に送付された当選コード; DESIGN §5 "Purchase
//! code"): the code the issuer sends each lottery winner, as the user types it.
//!
//! Normalised before any check: surrounding whitespace trimmed, DESIGN §2 digits to
//! ASCII, full-width `Ａ`–`Ｚ` and `ａ`–`ｚ` to ASCII, ASCII letters upper-cased (only
//! those: `ı`, `ſ` and `ß` stay what they are, and are refused), §2 separators removed.
//! Valid when 4–32 characters of `A-Z0-9` remain.

use std::fmt;

use crate::error::Error;
use crate::input::{digit_value, is_separator};

/// A purchase code, normalised: 4–32 characters of `A-Z0-9`.
///
/// ```
/// use saifu::PurchaseCode;
///
/// assert_eq!(PurchaseCode::parse("ａｂｃｄ-１２３４")?.as_str(), "ABCD1234");
/// assert_eq!(PurchaseCode::parse(" AbCd 1234 ")?.to_string(), "ABCD1234");
/// assert_eq!(PurchaseCode::parse("A-B-C").unwrap_err().code(), "purchase.invalid_code");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PurchaseCode(String);

impl PurchaseCode {
    /// The fewest characters a code has once normalised.
    pub const MIN_LENGTH: usize = 4;
    /// The most characters a code has once normalised.
    pub const MAX_LENGTH: usize = 32;

    /// Normalises and checks a code as typed.
    ///
    /// # Errors
    /// `purchase.invalid_code` when a character is neither a letter `A`–`Z` / `a`–`z`
    /// (half- or full-width), a §2 digit nor a §2 separator, or when fewer than 4 or
    /// more than 32 remain. The error does not repeat the code.
    ///
    /// ```
    /// # use saifu::PurchaseCode;
    /// assert!(PurchaseCode::parse("ABCD_1234").is_err());
    /// assert!(PurchaseCode::parse("straße12").is_err());
    /// assert_eq!(PurchaseCode::parse("ABCD\u{3000}1234")?.as_str(), "ABCD1234");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<PurchaseCode, Error> {
        let mut code = String::with_capacity(Self::MAX_LENGTH);
        for c in text.trim().chars() {
            if is_separator(c) {
                continue;
            }
            let ascii = match c {
                'A'..='Z' | '0'..='9' => c,
                'a'..='z' => c.to_ascii_uppercase(),
                'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                    full_width_letter(c).ok_or(Error::PurchaseInvalidCode)?
                }
                _ => digit_value(c)
                    .map(|d| char::from(b'0'.saturating_add(d)))
                    .ok_or(Error::PurchaseInvalidCode)?,
            };
            if code.len() == Self::MAX_LENGTH {
                return Err(Error::PurchaseInvalidCode);
            }
            code.push(ascii);
        }
        if code.len() < Self::MIN_LENGTH {
            return Err(Error::PurchaseInvalidCode);
        }
        Ok(PurchaseCode(code))
    }

    /// The normalised code.
    ///
    /// ```
    /// # use saifu::PurchaseCode;
    /// assert_eq!(PurchaseCode::parse("ab-cd")?.as_str(), "ABCD");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `Ａ`–`Ｚ` and `ａ`–`ｚ` as ASCII upper case.
fn full_width_letter(c: char) -> Option<char> {
    // The full-width forms are the ASCII ones shifted by U+FEE0.
    let ascii = char::from_u32(u32::from(c).checked_sub(0xFEE0)?)?;
    Some(ascii.to_ascii_uppercase())
}

impl fmt::Display for PurchaseCode {
    /// The normalised code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_width_case_and_separators() {
        for (typed, code) in [
            ("ABCD1234", "ABCD1234"),
            ("abcd1234", "ABCD1234"),
            ("ＡＺａｚ", "AZAZ"),
            ("１２３４", "1234"),
            ("AbCd-1234-EfGh", "ABCD1234EFGH"),
            ("AB\u{2013}CD\u{2212}12", "ABCD12"),
            ("\u{3000}ABCD1234\u{3000}", "ABCD1234"),
        ] {
            assert_eq!(
                PurchaseCode::parse(typed).unwrap().as_str(),
                code,
                "{typed:?}"
            );
        }
    }

    #[test]
    fn refuses_other_characters_and_lengths() {
        let long = "A".repeat(33);
        let huge = "A".repeat(1_000_000);
        for typed in [
            "",
            " ",
            "A1B",
            "----",
            "ABCD_1234",
            "ABCD\t1234",
            "ıııı",
            "ſſſſ",
            "straße12",
            "١٢٣٤٥",
            "ABCD＠1234",
            "\u{200B}ABCD1234",
            "ABCD🎫12",
            "ABCD1234\u{301}",
            "ABC\0D",
            &long,
            &huge,
        ] {
            assert_eq!(
                PurchaseCode::parse(typed),
                Err(Error::PurchaseInvalidCode),
                "{typed:?}"
            );
        }
        assert_eq!(
            PurchaseCode::parse(&"A".repeat(32)).unwrap().as_str().len(),
            32
        );
    }
}
