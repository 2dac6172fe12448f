//! Card numbers: parsing, as-you-type detection, grouping and masking (DESIGN §7).

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::brand::{Brand, Prefix, RANGES};
use crate::error::{Error, to_u32};
use crate::input::{self, Fault};
use crate::secret::SecretDigits;

/// The longest card number, in digits.
const MAX_DIGITS: usize = 19;

/// A valid card number: a known brand, a length the brand's range allows, and a correct
/// Luhn check digit.
///
/// It is a secret: it is never serialized, its `Debug` shows only the brand and the last
/// four digits, it compares in constant time, and its digits are zeroed when it is
/// dropped. A registered card keeps brand, last 4 and expiry only.
///
/// ```
/// use saifu::{Brand, CardNumber};
///
/// let card = CardNumber::parse("４２４２ ４２４２ ４２４２ ４２４２")?;
/// assert_eq!(card.brand(), Brand::Visa);
/// assert_eq!(card.masked(), "****-****-****-4242");
/// assert_eq!(card.display(), "4242 4242 4242 4242");
/// assert_eq!(format!("{card:?}"), r#"CardNumber { brand: Visa, last4: "4242" }"#);
///
/// let err = CardNumber::parse("4242424242424241").unwrap_err();
/// assert_eq!(err.code(), "card.luhn_mismatch");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct CardNumber {
    /// ASCII digits, in their own box: moving a card number never copies them.
    digits: SecretDigits<MAX_DIGITS>,
    #[zeroize(skip)]
    brand: Brand,
}

/// What the digits typed so far can still become (DESIGN §7), for a card field that
/// reacts as the user types.
///
/// ```
/// use saifu::{Brand, CardNumber};
///
/// let d = CardNumber::detect("3528");
/// assert_eq!(d.brand, Some(Brand::Jcb));
/// assert!(d.potentially_valid);
/// assert!(!d.complete);
///
/// let d = CardNumber::detect("378282246310005");
/// assert!(d.complete);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardDetection {
    /// The brand, when exactly one brand can still match the digits typed so far.
    pub brand: Option<Brand>,
    /// Some valid card number (range, length and Luhn) starts with the digits typed.
    pub potentially_valid: bool,
    /// The digits typed are themselves a valid card number (more digits may still be
    /// possible: Visa allows 13, 16 and 19).
    pub complete: bool,
    /// The most digits any still-possible number has (0 when nothing can match).
    pub max_length: u8,
}

impl CardNumber {
    /// Parses a card number: digits (full-width too) with optional separators (spaces,
    /// the no-break space of a pasted page, IME dashes).
    ///
    /// # Errors
    /// Checked in this order: `card.empty`, `card.invalid_character`,
    /// `card.unknown_brand` (no range can match: none starts with the digits and the
    /// digits start with none), `card.invalid_length`, `card.luhn_mismatch`.
    ///
    /// # Example
    /// ```
    /// # use saifu::CardNumber;
    /// assert_eq!(CardNumber::parse("").unwrap_err().code(), "card.empty");
    /// assert_eq!(CardNumber::parse("9").unwrap_err().code(), "card.unknown_brand");
    /// assert_eq!(CardNumber::parse("3").unwrap_err().code(), "card.invalid_length");
    /// assert_eq!(CardNumber::parse("3782 822463 10005")?.last4(), "0005");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<CardNumber, Error> {
        // The digits are written where the card will keep them, and wiped if it fails.
        let mut digits = SecretDigits::<MAX_DIGITS>::new();
        let (count, brand) = read(text, digits.buffer())?;
        if !digits.set_len(count) {
            return Err(Error::CardInvalidLength {
                length: to_u32(count),
            });
        }
        Ok(CardNumber { digits, brand })
    }

    /// Checks a card number as [`CardNumber::parse`] does, in the same order, without
    /// keeping it: its brand when it is valid. For a form that only says whether the
    /// number is valid; nothing is allocated, and the digits read are wiped before it
    /// returns.
    ///
    /// # Errors
    /// [`CardNumber::parse`]'s.
    ///
    /// ```
    /// # use saifu::{Brand, CardNumber};
    /// assert_eq!(CardNumber::check("４２４２ ４２４２ ４２４２ ４２４２"), Ok(Brand::Visa));
    /// assert_eq!(CardNumber::check("4242424242424241").unwrap_err().code(), "card.luhn_mismatch");
    /// ```
    pub fn check(text: &str) -> Result<Brand, Error> {
        let mut ascii = Zeroizing::new([0u8; MAX_DIGITS]);
        read(text, &mut ascii).map(|(_, brand)| brand)
    }

    /// Tells what the digits typed so far can still become. Never fails: text with a
    /// character that is not a digit or separator is simply not potentially valid.
    ///
    /// The brand is reported when exactly one brand can still match (some number
    /// starting with the digits lies in one of its ranges, with a length the range
    /// allows, not shorter than the input).
    ///
    /// ```
    /// # use saifu::{Brand, CardNumber};
    /// assert_eq!(CardNumber::detect("").brand, None);
    /// assert!(CardNumber::detect("").potentially_valid);
    /// assert_eq!(CardNumber::detect("3").brand, None, "Amex, Diners and JCB start with 3");
    /// assert_eq!(CardNumber::detect("34").brand, Some(Brand::Amex));
    /// assert!(!CardNumber::detect("9").potentially_valid);
    /// assert!(!CardNumber::detect("4x").potentially_valid);
    /// ```
    #[must_use]
    pub fn detect(partial: &str) -> CardDetection {
        let nothing = CardDetection {
            brand: None,
            potentially_valid: false,
            complete: false,
            max_length: 0,
        };
        // One pass reads the digits (wiped on return); the prefix, the Luhn sum and the
        // ranges then work on them.
        let mut ascii = Zeroizing::new([0u8; MAX_DIGITS]);
        let count = match input::read_digits(partial, &mut ascii[..]) {
            Ok(count) => count,
            Err(Fault::Empty) => {
                return CardDetection {
                    potentially_valid: true,
                    max_length: u8::try_from(MAX_DIGITS).unwrap_or(u8::MAX),
                    ..nothing
                };
            }
            Err(Fault::InvalidCharacter { .. }) => return nothing,
        };
        let Some(typed) = ascii.get(..count) else {
            // More digits than any card number has.
            return nothing;
        };
        let prefix = Prefix::new(typed.iter().map(|b| b.saturating_sub(b'0')));
        let luhn_ok = luhn(typed);
        let mut brand: Option<Brand> = None;
        let mut several = false;
        let mut detection = nothing;
        for range in RANGES.iter().filter(|r| r.compatible(&prefix)) {
            let (can_match, longer) = range.allows_at_least(count);
            if !can_match {
                continue;
            }
            match brand {
                None => brand = Some(range.brand),
                Some(b) if b != range.brand => several = true,
                Some(_) => {}
            }
            let complete_here = range.allows(count) && range.contains(&prefix) && luhn_ok;
            detection.complete |= complete_here;
            detection.potentially_valid |= longer || complete_here;
            detection.max_length = detection.max_length.max(range.longest());
        }
        detection.brand = if several { None } else { brand };
        detection
    }

    /// The brand.
    ///
    /// ```
    /// # use saifu::{Brand, CardNumber};
    /// assert_eq!(CardNumber::parse("5555555555554444")?.brand(), Brand::Mastercard);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn brand(&self) -> Brand {
        self.brand
    }

    /// The number of digits.
    ///
    /// ```
    /// # use saifu::CardNumber;
    /// assert_eq!(CardNumber::parse("378282246310005")?.len(), 15);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    #[allow(clippy::len_without_is_empty)] // a card number is never empty
    pub fn len(&self) -> usize {
        self.digits.len()
    }

    /// The ASCII digits, for the fingerprint (never copied out of the card).
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.digits.as_bytes()
    }

    /// The full number as ASCII digits, to hand to a payment processor. The returned
    /// string is a copy the caller must protect; prefer [`CardNumber::masked`] for
    /// anything shown or logged.
    ///
    /// ```
    /// # use saifu::CardNumber;
    /// assert_eq!(CardNumber::parse("4242-4242-4242-4242")?.digits(), "4242424242424242");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn digits(&self) -> String {
        self.as_bytes().iter().map(|&b| char::from(b)).collect()
    }

    /// The last four digits.
    ///
    /// ```
    /// # use saifu::CardNumber;
    /// assert_eq!(CardNumber::parse("3530111333300000")?.last4(), "0000");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn last4(&self) -> String {
        let bytes = self.as_bytes();
        bytes
            .get(bytes.len().saturating_sub(4)..)
            .unwrap_or_default()
            .iter()
            .map(|&b| char::from(b))
            .collect()
    }

    /// The full number grouped as the brand prints it, spaces between groups: Amex
    /// 4-6-5, Diners of 14 digits 4-6-4, every other number groups of 4 from the left.
    ///
    /// ```
    /// # use saifu::CardNumber;
    /// assert_eq!(CardNumber::parse("378282246310005")?.display(), "3782 822463 10005");
    /// assert_eq!(CardNumber::parse("4123456789011")?.display(), "4123 4567 8901 1");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn display(&self) -> String {
        self.render(' ', |_| true)
    }

    /// The confirmation-screen view: the brand's grouping joined by `-`, every digit
    /// but the last 4 as `*`.
    ///
    /// ```
    /// # use saifu::CardNumber;
    /// assert_eq!(CardNumber::parse("378282246310005")?.masked(), "****-******-*0005");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn masked(&self) -> String {
        let keep_from = self.len().saturating_sub(4);
        self.render('-', |i| i >= keep_from)
    }

    /// The PCI DSS view: at most the first 6 and the last 4 digits shown, the brand's
    /// grouping with spaces.
    ///
    /// ```
    /// # use saifu::CardNumber;
    /// assert_eq!(CardNumber::parse("4242424242424242")?.first6_last4(), "4242 42** **** 4242");
    /// assert_eq!(CardNumber::parse("378282246310005")?.first6_last4(), "3782 82**** *0005");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn first6_last4(&self) -> String {
        let keep_from = self.len().saturating_sub(4);
        self.render(' ', |i| i < 6 || i >= keep_from)
    }

    fn render(&self, separator: char, show: impl Fn(usize) -> bool) -> String {
        let mut out = String::with_capacity(MAX_DIGITS.saturating_mul(2));
        let mut next_break = 0usize;
        let mut groups = groups(self.brand, self.len()).iter();
        for (i, &b) in self.as_bytes().iter().enumerate() {
            if i == next_break {
                if i > 0 {
                    out.push(separator);
                }
                next_break = next_break.saturating_add(usize::from(*groups.next().unwrap_or(&4)));
            }
            out.push(if show(i) { char::from(b) } else { '*' });
        }
        out
    }
}

/// The group sizes of a number of `len` digits of `brand`.
fn groups(brand: Brand, len: usize) -> &'static [u8] {
    match (brand, len) {
        (Brand::Amex, 15) => &[4, 6, 5],
        (Brand::Diners, 14) => &[4, 6, 4],
        _ => &[4, 4, 4, 4, 4],
    }
}

/// Reads a card number typed or pasted into `ascii` (its first `MAX_DIGITS` digits, as
/// ASCII) and checks it: how many digits it has and its brand. Checked in this order:
/// `card.empty`, `card.invalid_character`, `card.unknown_brand`, `card.invalid_length`,
/// `card.luhn_mismatch`.
fn read(text: &str, ascii: &mut [u8; MAX_DIGITS]) -> Result<(usize, Brand), Error> {
    let count = input::read_digits(text, &mut ascii[..]).map_err(|fault| match fault {
        Fault::Empty => Error::CardEmpty,
        Fault::InvalidCharacter { position } => Error::CardInvalidCharacter {
            position: to_u32(position),
        },
    })?;
    let prefix = Prefix::new(ascii.iter().take(count).map(|b| b.saturating_sub(b'0')));
    // A range that holds the number (one pass when it is valid); otherwise no brand can
    // start so (`card.unknown_brand`), or none has this length. A range that contains the
    // prefix is compatible with it, so the order of the checks holds.
    let range = match RANGES
        .iter()
        .find(|r| r.contains(&prefix) && r.allows(count))
    {
        Some(range) => range,
        None if !RANGES.iter().any(|r| r.compatible(&prefix)) => {
            return Err(Error::CardUnknownBrand);
        }
        None => {
            return Err(Error::CardInvalidLength {
                length: to_u32(count),
            });
        }
    };
    match ascii.get(..count) {
        Some(digits) if luhn(digits) => Ok((count, range.brand)),
        Some(_) => Err(Error::CardLuhnMismatch),
        None => Err(Error::CardInvalidLength {
            length: to_u32(count),
        }),
    }
}

/// The Luhn (mod 10) check over ASCII digits.
fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &b) in digits.iter().rev().enumerate() {
        let d = u32::from(b.saturating_sub(b'0'));
        let d = if i % 2 == 1 {
            let twice = d.saturating_mul(2);
            if twice > 9 {
                twice.saturating_sub(9)
            } else {
                twice
            }
        } else {
            d
        };
        sum = sum.saturating_add(d);
    }
    !digits.is_empty() && sum % 10 == 0
}

impl std::fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardNumber")
            .field("brand", &self.brand)
            .field("last4", &self.last4())
            .finish()
    }
}

impl PartialEq for CardNumber {
    /// Constant-time comparison of the digits.
    fn eq(&self, other: &Self) -> bool {
        self.digits.ct_matches(&other.digits)
    }
}

impl Eq for CardNumber {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_examples() {
        assert!(luhn(b"4242424242424242"));
        assert!(!luhn(b"4242424242424241"));
        assert!(luhn(b"378282246310005"));
        assert!(!luhn(b""));
    }

    #[test]
    fn huge_input_is_a_length_error() {
        let fours = "4".repeat(1 << 20);
        assert_eq!(
            CardNumber::parse(&fours).unwrap_err(),
            Error::CardInvalidLength { length: 1 << 20 }
        );
        let nines = "9".repeat(1 << 20);
        assert_eq!(
            CardNumber::parse(&nines).unwrap_err().code(),
            "card.unknown_brand"
        );
        assert!(!CardNumber::detect(&fours).potentially_valid);
    }

    #[test]
    fn equality_is_by_digits() {
        let a = CardNumber::parse("4242 4242 4242 4242").unwrap();
        let b = CardNumber::parse("4242424242424242").unwrap();
        let c = CardNumber::parse("4000056655665556").unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn detect_reports_the_longest_possible_length() {
        assert_eq!(CardNumber::detect("4").max_length, 19);
        assert_eq!(CardNumber::detect("37").max_length, 15);
        assert!(CardNumber::detect("4242424242424242").complete);
    }
}
