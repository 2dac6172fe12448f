//! Voucher codes (コード(ID), DESIGN §4).

#[cfg(feature = "serde")]
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;
use crate::input::trim;

/// The length of a voucher code.
const LEN: usize = 16;

/// A voucher's code: exactly 16 ASCII letters and digits, e.g. `N7af3c1d7AV9b2e4`.
///
/// Screens show it masked ([`VoucherCode::masked`]): characters 1–4 and 9–12 kept,
/// 5–8 and 13–16 hidden. `Debug` shows the masked form too, so a code never lands in a
/// log by accident; the persisted wallet keeps the full code (it is what the issuer
/// knows the lot by).
///
/// ```
/// use saifu::VoucherCode;
///
/// let code = VoucherCode::parse(" N7af3c1d7AV9b2e4\n")?;
/// assert_eq!(code.masked(), "N7af****7AV9****");
/// assert_eq!(code.as_str(), "N7af3c1d7AV9b2e4");
/// assert_eq!(VoucherCode::parse("N7af3c").unwrap_err().code(), "voucher.invalid_code");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VoucherCode([u8; LEN]);

impl VoucherCode {
    /// Parses a code, trimming surrounding whitespace.
    ///
    /// # Errors
    /// `voucher.invalid_code` unless exactly 16 ASCII letters and digits (a full-width
    /// letter is not one).
    ///
    /// # Example
    /// ```
    /// # use saifu::VoucherCode;
    /// assert!(VoucherCode::parse("Ｎ7af3c1d7AV9b2e4").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<VoucherCode, Error> {
        let (body, _) = trim(text);
        let bytes: [u8; LEN] = body
            .as_bytes()
            .try_into()
            .map_err(|_| Error::VoucherInvalidCode)?;
        if bytes.iter().all(u8::is_ascii_alphanumeric) {
            Ok(VoucherCode(bytes))
        } else {
            Err(Error::VoucherInvalidCode)
        }
    }

    /// The code as registered.
    ///
    /// ```
    /// # use saifu::VoucherCode;
    /// assert_eq!(VoucherCode::parse("AAAA1111AAAA1111")?.as_str(), "AAAA1111AAAA1111");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only ASCII alphanumerics are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The masked code: `N7af****7AV9****`.
    ///
    /// ```
    /// # use saifu::VoucherCode;
    /// assert_eq!(VoucherCode::parse("AAAA1111BBBB2222")?.masked(), "AAAA****BBBB****");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn masked(&self) -> String {
        self.0
            .iter()
            .enumerate()
            .map(|(i, &b)| {
                if (4..8).contains(&i) || i >= 12 {
                    '*'
                } else {
                    char::from(b)
                }
            })
            .collect()
    }
}

impl std::fmt::Debug for VoucherCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "VoucherCode({})", self.masked())
    }
}

impl std::fmt::Display for VoucherCode {
    /// The masked form: what a screen shows.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(feature = "serde")]
impl Serialize for VoucherCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> Deserialize<'de> for VoucherCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        VoucherCode::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_everything_but_16_ascii_alphanumerics() {
        for bad in [
            "",
            "N7af3c1d7AV9b2e",
            "N7af3c1d7AV9b2e45",
            "N7af3c1d-AV9b2e4",
            "N7af3c1d7AV9b2é",
            "N7af3c1d 7AV9b2e4",
        ] {
            assert_eq!(
                VoucherCode::parse(bad),
                Err(Error::VoucherInvalidCode),
                "{bad:?}"
            );
        }
        assert!(VoucherCode::parse(&"A".repeat(1 << 20)).is_err());
    }

    #[test]
    fn serde_keeps_the_full_code() {
        let code = VoucherCode::parse("N7af3c1d7AV9b2e4").unwrap();
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, "\"N7af3c1d7AV9b2e4\"");
        assert_eq!(serde_json::from_str::<VoucherCode>(&json).unwrap(), code);
        assert_eq!(format!("{code:?}"), "VoucherCode(N7af****7AV9****)");
    }
}
