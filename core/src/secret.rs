//! Secret digits (a card number, a security code, a PIN, a one-time password) in one place
//! in memory: written straight into a box of their own, which moving or returning the value
//! that holds them never copies, and wiped when dropped.
//!
//! Held inline, an array of digits is copied by every move (a `Result` returned, a value
//! wrapped by a binding, a struct built from its parts), and zeroing on drop reaches only
//! the last copy: the others stay in freed stack and heap memory (in a WebAssembly module,
//! readable by the page until overwritten).

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::input;

/// Up to `N` ASCII digits, of which the first `len` are the secret.
pub(crate) struct SecretDigits<const N: usize> {
    bytes: Box<[u8; N]>,
    len: u8,
}

impl<const N: usize> SecretDigits<N> {
    /// No digits yet: a zeroed box to write into with [`SecretDigits::buffer`].
    pub(crate) fn new() -> SecretDigits<N> {
        SecretDigits {
            bytes: Box::new([0; N]),
            len: 0,
        }
    }

    /// The digits of `text` (full-width accepted, surrounding spaces trimmed:
    /// `input::short_digits`) when there are exactly `len` of them; the text's own copy
    /// is wiped either way.
    pub(crate) fn exactly(text: &str, len: usize) -> Option<SecretDigits<N>> {
        input::short_digits(text, len)
            .filter(|digits| digits.len() == len)
            .and_then(|digits| SecretDigits::from_ascii(digits.as_bytes()))
    }

    /// A copy of `ascii`, or `None` when it has more than `N` bytes.
    pub(crate) fn from_ascii(ascii: &[u8]) -> Option<SecretDigits<N>> {
        let mut out = SecretDigits::new();
        out.bytes.get_mut(..ascii.len())?.copy_from_slice(ascii);
        out.set_len(ascii.len()).then_some(out)
    }

    /// The whole box, to be written in place; [`SecretDigits::set_len`] then says how
    /// many of its bytes are the digits.
    pub(crate) fn buffer(&mut self) -> &mut [u8; N] {
        &mut self.bytes
    }

    /// The first `len` bytes of the box are the digits; `false` (and nothing changed)
    /// when `len` is more than `N`.
    pub(crate) fn set_len(&mut self, len: usize) -> bool {
        match u8::try_from(len) {
            Ok(len8) if len <= N => {
                self.len = len8;
                true
            }
            _ => false,
        }
    }

    /// The digits, ASCII.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len()).unwrap_or_default()
    }

    /// How many digits.
    pub(crate) fn len(&self) -> usize {
        usize::from(self.count())
    }

    /// How many digits, as saved records count them.
    pub(crate) fn count(&self) -> u8 {
        self.len
    }

    /// The same digits, compared in constant time (the time depends on `N` only).
    pub(crate) fn ct_matches(&self, other: &SecretDigits<N>) -> bool {
        (self.len.ct_eq(&other.len) & self.bytes.as_slice().ct_eq(other.bytes.as_slice())).into()
    }
}

impl<const N: usize> Clone for SecretDigits<N> {
    /// A second box with the same digits.
    fn clone(&self) -> SecretDigits<N> {
        SecretDigits {
            bytes: self.bytes.clone(),
            len: self.len,
        }
    }
}

impl<const N: usize> Zeroize for SecretDigits<N> {
    fn zeroize(&mut self) {
        self.bytes.zeroize();
        self.len = 0;
    }
}

impl<const N: usize> Drop for SecretDigits<N> {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl<const N: usize> ZeroizeOnDrop for SecretDigits<N> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_written_in_place_and_compared_whole() {
        let mut typed = SecretDigits::<6>::new();
        typed.buffer()[..4].copy_from_slice(b"1234");
        assert!(typed.set_len(4));
        assert!(!typed.set_len(7), "longer than the box");
        assert_eq!(typed.as_bytes(), b"1234");
        let same = SecretDigits::<6>::from_ascii(b"1234").unwrap();
        assert!(typed.ct_matches(&same));
        let prefix = SecretDigits::<6>::from_ascii(b"123").unwrap();
        assert!(
            !typed.ct_matches(&prefix),
            "a prefix is not the same digits"
        );
        assert!(SecretDigits::<3>::from_ascii(b"1234").is_none());
    }

    #[test]
    fn moving_the_holder_moves_only_the_box() {
        let digits = SecretDigits::<19>::from_ascii(b"4242424242424242").unwrap();
        let at = digits.as_bytes().as_ptr();
        let moved = vec![digits];
        let back = moved.into_iter().next().unwrap();
        assert_eq!(back.as_bytes().as_ptr(), at, "the digits did not move");
    }

    #[test]
    fn zeroize_wipes_the_box() {
        let mut digits = SecretDigits::<4>::from_ascii(b"9173").unwrap();
        digits.zeroize();
        assert_eq!(*digits.bytes, [0; 4]);
        assert_eq!(digits.as_bytes(), b"");
    }
}
