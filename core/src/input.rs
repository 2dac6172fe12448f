//! Normalisation of what people type (DESIGN §2).
//!
//! Japanese users type through an IME: digits may be full-width (`０`–`９`) and the
//! dashes between groups may be any of the dashes an IME produces. Every numeric parser
//! of saifu goes through this module, so they all accept and reject the same text.
//!
//! The rules:
//! - digits are ASCII `0`–`9` and full-width `０`–`９` only; other Unicode digits are
//!   invalid characters;
//! - separators (only where a format allows them) are spaces (ASCII, U+00A0, U+3000),
//!   hyphen-minus, full-width hyphen-minus, U+2010–U+2015, U+2212 and the long-vowel marks
//!   `ー` and `ｰ`;
//! - leading and trailing whitespace of any kind is trimmed; anything else inside is an
//!   invalid character;
//! - positions count Unicode scalar values, never bytes.

use zeroize::Zeroizing;

/// Why a piece of text is not a number of the expected shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Nothing but whitespace (and separators, where allowed).
    Empty,
    /// The character at this position (counted in characters of the untrimmed text)
    /// is neither a digit nor an allowed separator.
    InvalidCharacter { position: usize },
}

/// The ASCII value of a digit the user may type: `0`–`9` or full-width `０`–`９`.
#[must_use]
pub(crate) fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => u8::try_from(u32::from(c).wrapping_sub(u32::from('0'))).ok(),
        '０'..='９' => u8::try_from(u32::from(c).wrapping_sub(u32::from('０'))).ok(),
        _ => None,
    }
}

/// True for the separators DESIGN §2 allows between groups of digits.
#[must_use]
pub(crate) fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{00A0}' | '\u{3000}' | '-' | '\u{FF0D}' | '\u{2010}'
            ..='\u{2015}' | '\u{2212}' | '\u{30FC}' | '\u{FF70}'
    )
}

/// A space a value may hold inside (around an expiry's slash, after a yen sign, before
/// 円): space, no-break space, ideographic space. A tab, a newline or any other
/// whitespace inside a value is an invalid character (DESIGN §2); only the value's
/// surrounding whitespace, of any kind, is trimmed.
#[must_use]
pub(crate) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{3000}')
}

/// Trims surrounding whitespace and reports where the trimmed text starts, in
/// characters of the original text.
#[must_use]
pub(crate) fn trim(text: &str) -> (&str, usize) {
    let trimmed_start = text.trim_start();
    let skipped = text
        .get(..text.len().saturating_sub(trimmed_start.len()))
        .map_or(0, |s| s.chars().count());
    (trimmed_start.trim_end(), skipped)
}

/// Checks the digits of a number that allows separators (card, Smart Pit and payment
/// numbers) after trimming. The whole text is checked before the first digit is returned, so an invalid
/// character is reported whatever comes before it, and nothing is allocated: this is
/// safe on input of any length.
///
/// Returns the number of digits on success.
pub(crate) fn scan_digits(text: &str) -> Result<usize, Fault> {
    read_digits(text, &mut [])
}

/// [`scan_digits`], in the same pass writing the first `out.len()` digits to `out` as
/// ASCII.
pub(crate) fn read_digits(text: &str, out: &mut [u8]) -> Result<usize, Fault> {
    read_plain_digits(text, out).unwrap_or_else(|| read_typed_digits(text, out))
}

/// [`read_digits`] of text made of ASCII digits, spaces and hyphens only, as most numbers
/// arrive, read byte by byte (a space or hyphen at either end is trimmed or a separator,
/// which counts the same); `None` for any other text.
fn read_plain_digits(text: &str, out: &mut [u8]) -> Option<Result<usize, Fault>> {
    let bytes = text.as_bytes();
    // Digits alone, as apps hold a number once typed: copied as they are.
    if let Some(slots) = out.get_mut(..bytes.len())
        && !bytes.is_empty()
        && bytes.iter().all(u8::is_ascii_digit)
    {
        slots.copy_from_slice(bytes);
        return Some(Ok(bytes.len()));
    }
    let mut count = 0usize;
    for &b in bytes {
        if b.is_ascii_digit() {
            if let Some(slot) = out.get_mut(count) {
                *slot = b;
            }
            count = count.saturating_add(1);
        } else if b != b' ' && b != b'-' {
            return None;
        }
    }
    Some(if count == 0 {
        Err(Fault::Empty)
    } else {
        Ok(count)
    })
}

/// [`read_digits`] of any text, character by character.
fn read_typed_digits(text: &str, out: &mut [u8]) -> Result<usize, Fault> {
    let (body, offset) = trim(text);
    let mut count = 0usize;
    for (index, c) in body.chars().enumerate() {
        if let Some(d) = digit_value(c) {
            if let Some(slot) = out.get_mut(count) {
                *slot = b'0'.saturating_add(d);
            }
            count = count.saturating_add(1);
        } else if !is_separator(c) {
            return Err(Fault::InvalidCharacter {
                position: offset.saturating_add(index),
            });
        }
    }
    if count == 0 {
        // Whitespace or separators only.
        return Err(Fault::Empty);
    }
    Ok(count)
}

/// The digits of text that [`scan_digits`] accepted, in order, as values 0–9.
pub(crate) fn digits(text: &str) -> impl Iterator<Item = u8> + '_ {
    trim(text).0.chars().filter_map(digit_value)
}

/// Normalises a short all-digit input (PIN, one-time password, security code) to ASCII.
/// `None` when the text, trimmed, is not made of digits only or has more than `max`
/// of them (so a huge input never allocates more than `max` bytes). The digits are
/// wiped when the result is dropped, and when a later character refuses them.
#[must_use]
pub(crate) fn short_digits(text: &str, max: usize) -> Option<Zeroizing<String>> {
    let (body, _) = trim(text);
    let mut out = Zeroizing::new(String::with_capacity(max));
    for c in body.chars() {
        let d = digit_value(c)?;
        if out.len() >= max {
            return None;
        }
        out.push(char::from(b'0'.saturating_add(d)));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_digits_read_as_any_text_reads_them() {
        // Every text of up to 7 characters of digits, spaces and hyphens.
        let alphabet = ['4', '0', ' ', '-'];
        let mut texts = vec![String::new()];
        for _ in 0..7 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            for width in [0, 3, 19] {
                let (mut plain, mut typed) = (vec![0u8; width], vec![0u8; width]);
                assert_eq!(
                    read_plain_digits(text, &mut plain),
                    Some(read_typed_digits(text, &mut typed)),
                    "{text:?}"
                );
                assert_eq!(plain, typed, "{text:?}");
            }
        }
        assert_eq!(read_plain_digits("4\t2", &mut []), None);
        assert_eq!(read_plain_digits("４", &mut []), None);
    }

    #[test]
    fn full_width_digits_are_digits() {
        assert_eq!(digit_value('７'), Some(7));
        assert_eq!(digit_value('0'), Some(0));
        assert_eq!(
            digit_value('٣'),
            None,
            "Arabic-Indic digits are not accepted"
        );
        assert_eq!(digit_value('²'), None);
    }

    #[test]
    fn separators_are_skipped() {
        assert_eq!(scan_digits("１２ー３４"), Ok(4));
        assert_eq!(scan_digits("1\u{2015}2\u{FF70}3"), Ok(3));
        assert_eq!(digits(" 1\u{3000}2 ").collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn positions_count_characters_of_the_original_text() {
        assert_eq!(
            scan_digits("\u{3000}\u{3000}１x"),
            Err(Fault::InvalidCharacter { position: 3 })
        );
    }

    #[test]
    fn blank_and_separator_only_text_is_empty() {
        assert_eq!(scan_digits(" \t\n"), Err(Fault::Empty));
        assert_eq!(scan_digits("- -"), Err(Fault::Empty));
        assert_eq!(scan_digits(""), Err(Fault::Empty));
    }

    #[test]
    fn inner_tab_is_invalid() {
        assert_eq!(
            scan_digits("1\t2"),
            Err(Fault::InvalidCharacter { position: 1 })
        );
    }

    #[test]
    fn short_digits_caps_the_length() {
        assert_eq!(
            short_digits(" １２３ ", 4).as_deref().map(String::as_str),
            Some("123")
        );
        assert_eq!(short_digits("12345", 4), None);
        assert_eq!(short_digits("12a", 4), None);
    }
}
