//! Card fingerprints (DESIGN §7, "What a registered card keeps"): HMAC-SHA-256 of the
//! card's ASCII digits under a key the integrator supplies, in lower-case hex. The same
//! digits and key give the same fingerprint in every language, so a registered card can
//! be recognised again without its number being kept anywhere.

use hmac::{HmacReset, KeyInit, Mac};
use sha2::Sha256;
use zeroize::{ZeroizeOnDrop, Zeroizing};

use super::number::CardNumber;
use crate::error::{Error, to_u32};

/// The HMAC of the fingerprint. Its state holds the card digits until it is finalised:
/// an HMAC core (SHA-256 states) and a block buffer with the last partial block, where
/// the 13–19 digits of a card sit. It is boxed and finalised in its box (`finalize_reset`,
/// hence the resettable HMAC), so no move copies that block; with the RustCrypto crates'
/// `zeroize` feature both parts are wiped when dropped, which these lines prove at compile
/// time (`HmacReset` itself does not carry the marker, its parts do).
type Fingerprinter = HmacReset<Sha256>;
const _: fn() = || {
    fn wiped_on_drop<T: ZeroizeOnDrop>() {}
    wiped_on_drop::<<Sha256 as hmac::digest::block_api::CoreProxy>::Core>();
    wiped_on_drop::<hmac::digest::block_api::Buffer<hmac::block_api::HmacResetCore<Sha256>>>();
};

/// The integrator's key for card fingerprints: 16 bytes or more.
///
/// A secret: never serialized, never in `Debug`, zeroed when dropped. Keep one key for
/// the life of the saved state: a card fingerprinted under another key is a different
/// fingerprint, so duplicates would no longer be recognised.
///
/// ```
/// use saifu::{CardNumber, FingerprintKey};
///
/// let key = FingerprintKey::new((0u8..32).collect())?;
/// let card = CardNumber::parse("4242 4242 4242 4242")?;
/// assert_eq!(
///     key.fingerprint(&card),
///     "48d3ef48958e5d182cfa74268ab27bf11de5fab824385436670ecf7242d0002c"
/// );
/// assert_eq!(format!("{key:?}"), "FingerprintKey(..)");
///
/// let short = FingerprintKey::new(b"fifteen bytes!!".to_vec()).unwrap_err();
/// assert_eq!(short.code(), "card.invalid_fingerprint_key");
/// # Ok::<(), saifu::Error>(())
/// ```
pub struct FingerprintKey {
    /// HMAC-SHA-256 keyed once with the key's bytes, boxed (a fingerprint finishes a copy
    /// of it in a box of its own); the raw bytes are wiped once it is keyed.
    mac: Box<Fingerprinter>,
}

impl FingerprintKey {
    /// The shortest key accepted, in bytes.
    pub const MIN_LEN: usize = 16;

    /// Takes the key's bytes: they key an HMAC once, then they are wiped (moved in, not
    /// copied), whether the key is accepted or refused.
    ///
    /// # Errors
    /// `card.invalid_fingerprint_key` for fewer than 16 bytes.
    ///
    /// # Example
    /// ```
    /// # use saifu::FingerprintKey;
    /// assert!(FingerprintKey::new(vec![7; 16]).is_ok());
    /// assert_eq!(FingerprintKey::new(Vec::new()).unwrap_err().code(), "card.invalid_fingerprint_key");
    /// ```
    pub fn new(bytes: Vec<u8>) -> Result<FingerprintKey, Error> {
        let bytes = Zeroizing::new(bytes);
        let invalid = Error::CardInvalidFingerprintKey {
            min_length: to_u32(Self::MIN_LEN),
        };
        if bytes.len() < Self::MIN_LEN {
            return Err(invalid);
        }
        let mac = Fingerprinter::new_from_slice(&bytes).map_err(|_| invalid)?;
        Ok(FingerprintKey { mac: Box::new(mac) })
    }

    /// The fingerprint of a card: HMAC-SHA-256 of its ASCII digits under this key, 64
    /// lower-case hex digits.
    ///
    /// ```
    /// # use saifu::{CardNumber, FingerprintKey};
    /// let key = FingerprintKey::new(b"saifu-key-16byte".to_vec())?;
    /// let typed = CardNumber::parse("４２４２ー４２４２ー４２４２ー４２４２")?;
    /// let pasted = CardNumber::parse("4242424242424242")?;
    /// assert_eq!(key.fingerprint(&typed), key.fingerprint(&pasted));
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn fingerprint(&self, card: &CardNumber) -> String {
        self.fingerprint_of(card.as_bytes())
    }

    /// The fingerprint of ASCII digits.
    pub(crate) fn fingerprint_of(&self, digits: &[u8]) -> String {
        let mut mac = self.mac.clone();
        mac.update(digits);
        hex(&mac.finalize_reset().into_bytes())
    }
}

impl std::fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FingerprintKey(..)")
    }
}

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for &b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            let c = DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0');
            out.push(char::from(c));
        }
    }
    out
}

/// True for a fingerprint as [`FingerprintKey::fingerprint`] writes it: 64 lower-case
/// hex digits.
pub(crate) fn is_fingerprint(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test case 1 (a key of 20 bytes of 0x0b over "Hi There"): the crates are
    /// wired as HMAC-SHA-256.
    #[test]
    fn rfc_4231_case_1() {
        let key = FingerprintKey::new(vec![0x0b; 20]).unwrap();
        assert_eq!(
            key.fingerprint_of(b"Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
    }

    #[test]
    fn shape() {
        let key = FingerprintKey::new(vec![1; 16]).unwrap();
        let f = key.fingerprint_of(b"4242424242424242");
        assert!(is_fingerprint(&f), "{f}");
        assert!(!is_fingerprint(&f.to_uppercase()));
        assert!(!is_fingerprint(&f[1..]));
    }

    #[test]
    fn debug_hides_the_key() {
        let key = FingerprintKey::new(b"0123456789abcdefSECRET".to_vec()).unwrap();
        let shown = format!("{key:?} {key:#?}");
        // A derived Debug would print the bytes as numbers: `[48, 49, …]`.
        assert!(
            !shown.contains("SECRET") && !shown.contains("48"),
            "{shown}"
        );
    }
}
