//! Smart Pit convenience-store payment numbers (seed 001, DESIGN §7).

use crate::error::Error;
use crate::input;

/// The length of a Smart Pit number.
const LEN: usize = 13;

/// A Smart Pit number: 13 digits (full-width and separators accepted when typed).
///
/// The same number is printed on a Smart Pit card (no expiry) and on a downloaded Smart
/// Pit sheet (which expires). Paying needs the merchant to have registered the bill
/// first; cash only.
///
/// ```
/// use saifu::SmartPitNumber;
///
/// let n = SmartPitNumber::parse("１２３４ ５６７８ ９０１２３")?;
/// assert_eq!(n.digits(), "1234567890123");
/// assert_eq!(n.display(), "1234-5678-90123");
/// assert_eq!(SmartPitNumber::parse("123456789012").unwrap_err().code(), "smartpit.invalid_number");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SmartPitNumber([u8; LEN]);

impl SmartPitNumber {
    /// Parses a number a person typed or pasted.
    ///
    /// # Errors
    /// `smartpit.invalid_number` unless exactly 13 digits remain after removing
    /// separators.
    ///
    /// # Example
    /// ```
    /// # use saifu::SmartPitNumber;
    /// assert!(SmartPitNumber::parse("1234-5678-90123").is_ok());
    /// assert!(SmartPitNumber::parse("1234567890123x").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<SmartPitNumber, Error> {
        let count = input::scan_digits(text).map_err(|_| Error::SmartPitInvalidNumber)?;
        if count != LEN {
            return Err(Error::SmartPitInvalidNumber);
        }
        let mut out = [0u8; LEN];
        for (slot, d) in out.iter_mut().zip(input::digits(text)) {
            *slot = b'0'.saturating_add(d);
        }
        Ok(SmartPitNumber(out))
    }

    /// The 13 ASCII digits, as a merchant's form takes them.
    ///
    /// ```
    /// # use saifu::SmartPitNumber;
    /// assert_eq!(SmartPitNumber::parse("1234567890123")?.digits(), "1234567890123");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn digits(&self) -> String {
        self.0.iter().map(|&b| char::from(b)).collect()
    }

    /// Grouped 4-4-5 with hyphens, easier to read out at a register.
    ///
    /// ```
    /// # use saifu::SmartPitNumber;
    /// assert_eq!(SmartPitNumber::parse("1234567890123")?.display(), "1234-5678-90123");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn display(&self) -> String {
        let mut out = String::with_capacity(15);
        for (i, &b) in self.0.iter().enumerate() {
            if i == 4 || i == 8 {
                out.push('-');
            }
            out.push(char::from(b));
        }
        out
    }
}

/// The convenience-store chains that take Smart Pit payments (seed 001), and how.
///
/// ```
/// use saifu::SmartPitStore;
///
/// assert!(SmartPitStore::Lawson.accepts_number());
/// assert!(!SmartPitStore::CircleK.accepts_number(), "needs the printed sheet at the register");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SmartPitStore {
    /// ローソン: number at the in-store terminal.
    Lawson,
    /// ファミリーマート: number at the in-store terminal.
    FamilyMart,
    /// ミニストップ: number at the in-store terminal.
    Ministop,
    /// スリーエフ: printed card or sheet at the register.
    ThreeF,
    /// サークルK: printed card or sheet at the register.
    CircleK,
    /// サンクス: printed card or sheet at the register.
    Sunkus,
}

impl SmartPitStore {
    /// True where the Smart Pit number alone is enough (typed at the store's multimedia
    /// terminal); false where the card or a printed sheet must be shown at the register.
    ///
    /// ```
    /// # use saifu::SmartPitStore;
    /// assert!(SmartPitStore::FamilyMart.accepts_number());
    /// ```
    #[must_use]
    pub const fn accepts_number(self) -> bool {
        matches!(
            self,
            SmartPitStore::Lawson | SmartPitStore::FamilyMart | SmartPitStore::Ministop
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_wrong_lengths_and_characters() {
        for bad in [
            "",
            "   ",
            "123456789012",
            "12345678901234",
            "1234567890１２x",
            "١٢٣٤٥٦٧٨٩٠١٢٣",
        ] {
            assert_eq!(
                SmartPitNumber::parse(bad),
                Err(Error::SmartPitInvalidNumber),
                "{bad:?}"
            );
        }
        assert!(SmartPitNumber::parse(&"1".repeat(1 << 20)).is_err());
    }
}
