//! ISO 4217 currencies and their minor-unit exponents.

#[cfg(feature = "serde")]
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

/// An ISO 4217 currency: its alphabetic code, numeric code and exponent (the number of
/// decimal places of its minor unit: JPY 0, USD 2, BHD 3).
///
/// Only active ISO 4217 currencies can be made, so a `Currency` always has a correct
/// exponent.
///
/// ```
/// use saifu::Currency;
///
/// let usd = Currency::from_code("USD")?;
/// assert_eq!(usd.exponent(), 2);
/// assert_eq!(usd.numeric(), 840);
/// assert_eq!(Currency::JPY.code(), "JPY");
/// assert_eq!(Currency::from_numeric(392), Some(Currency::JPY));
/// assert_eq!(Currency::from_code("XYZ").unwrap_err().code(), "money.unknown_currency");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    numeric: u16,
    exponent: u8,
}

macro_rules! table {
    ($($code:ident $numeric:literal $exp:literal),* $(,)?) => {
        /// Every active ISO 4217 currency, sorted by code.
        const TABLE: &[Currency] = &[
            $(Currency { code: code3(stringify!($code)), numeric: $numeric, exponent: $exp },)*
        ];
    };
}

const fn code3(code: &str) -> [u8; 3] {
    match code.as_bytes() {
        [a, b, c] => [*a, *b, *c],
        _ => [0; 3],
    }
}

// Alphabetic code, numeric code, exponent (ISO 4217, list one, 2025 edition).
table! {
    AED 784 2, AFN 971 2, ALL 8 2, AMD 51 2, AOA 973 2, ARS 32 2, AUD 36 2, AWG 533 2,
    AZN 944 2, BAM 977 2, BBD 52 2, BDT 50 2, BGN 975 2, BHD 48 3, BIF 108 0, BMD 60 2,
    BND 96 2, BOB 68 2, BRL 986 2, BSD 44 2, BTN 64 2, BWP 72 2, BYN 933 2, BZD 84 2,
    CAD 124 2, CDF 976 2, CHF 756 2, CLF 990 4, CLP 152 0, CNY 156 2, COP 170 2, CRC 188 2,
    CUP 192 2, CVE 132 2, CZK 203 2, DJF 262 0, DKK 208 2, DOP 214 2, DZD 12 2, EGP 818 2,
    ERN 232 2, ETB 230 2, EUR 978 2, FJD 242 2, FKP 238 2, GBP 826 2, GEL 981 2, GHS 936 2,
    GIP 292 2, GMD 270 2, GNF 324 0, GTQ 320 2, GYD 328 2, HKD 344 2, HNL 340 2, HTG 332 2,
    HUF 348 2, IDR 360 2, ILS 376 2, INR 356 2, IQD 368 3, IRR 364 2, ISK 352 0, JMD 388 2,
    JOD 400 3, JPY 392 0, KES 404 2, KGS 417 2, KHR 116 2, KMF 174 0, KPW 408 2, KRW 410 0,
    KWD 414 3, KYD 136 2, KZT 398 2, LAK 418 2, LBP 422 2, LKR 144 2, LRD 430 2, LSL 426 2,
    LYD 434 3, MAD 504 2, MDL 498 2, MGA 969 2, MKD 807 2, MMK 104 2, MNT 496 2, MOP 446 2,
    MRU 929 2, MUR 480 2, MVR 462 2, MWK 454 2, MXN 484 2, MYR 458 2, MZN 943 2, NAD 516 2,
    NGN 566 2, NIO 558 2, NOK 578 2, NPR 524 2, NZD 554 2, OMR 512 3, PAB 590 2, PEN 604 2,
    PGK 598 2, PHP 608 2, PKR 586 2, PLN 985 2, PYG 600 0, QAR 634 2, RON 946 2, RSD 941 2,
    RUB 643 2, RWF 646 0, SAR 682 2, SBD 90 2, SCR 690 2, SDG 938 2, SEK 752 2, SGD 702 2,
    SHP 654 2, SLE 925 2, SOS 706 2, SRD 968 2, SSP 728 2, STN 930 2, SVC 222 2, SYP 760 2,
    SZL 748 2, THB 764 2, TJS 972 2, TMT 934 2, TND 788 3, TOP 776 2, TRY 949 2, TTD 780 2,
    TWD 901 2, TZS 834 2, UAH 980 2, UGX 800 0, USD 840 2, UYI 940 0, UYU 858 2, UYW 927 4,
    UZS 860 2, VED 926 2, VES 928 2, VND 704 0, VUV 548 0, WST 882 2, XAF 950 0, XCD 951 2,
    XCG 532 2, XOF 952 0, XPF 953 0, YER 886 2, ZAR 710 2, ZMW 967 2, ZWG 924 2,
}

impl Currency {
    /// The Japanese yen: exponent 0, so 1 yen is 1 minor unit. Points and voucher value
    /// ("円分") are yen-denominated.
    pub const JPY: Currency = Currency {
        code: *b"JPY",
        numeric: 392,
        exponent: 0,
    };
    /// The US dollar (exponent 2).
    pub const USD: Currency = Currency {
        code: *b"USD",
        numeric: 840,
        exponent: 2,
    };
    /// The euro (exponent 2).
    pub const EUR: Currency = Currency {
        code: *b"EUR",
        numeric: 978,
        exponent: 2,
    };

    /// Looks a currency up by its alphabetic code (upper case, as ISO 4217 writes it).
    ///
    /// # Errors
    /// `money.unknown_currency` when the code is not an active ISO 4217 currency.
    ///
    /// # Example
    /// ```
    /// # use saifu::Currency;
    /// assert_eq!(Currency::from_code("EUR")?.exponent(), 2);
    /// assert!(Currency::from_code("usd").is_err());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn from_code(code: &str) -> Result<Currency, Error> {
        // A code as a number, big-endian: the same order as the letters', compared without
        // a string comparison at each step of the search.
        let rank = |[a, b, c]: [u8; 3]| u32::from_be_bytes([0, a, b, c]);
        <[u8; 3]>::try_from(code.as_bytes())
            .ok()
            .and_then(|code| {
                TABLE
                    .binary_search_by_key(&rank(code), |c| rank(c.code))
                    .ok()
            })
            .and_then(|i| TABLE.get(i).copied())
            .ok_or_else(|| Error::MoneyUnknownCurrency {
                currency_code: truncate_code(code),
            })
    }

    /// Looks a currency up by its ISO 4217 numeric code (EMV QR codes carry these: 392
    /// is the yen).
    ///
    /// ```
    /// # use saifu::Currency;
    /// assert_eq!(Currency::from_numeric(840), Some(Currency::USD));
    /// assert_eq!(Currency::from_numeric(999), None);
    /// ```
    #[must_use]
    pub fn from_numeric(numeric: u16) -> Option<Currency> {
        TABLE.iter().copied().find(|c| c.numeric == numeric)
    }

    /// The three-letter alphabetic code, e.g. `"JPY"`.
    ///
    /// ```
    /// # use saifu::Currency;
    /// assert_eq!(Currency::USD.code(), "USD");
    /// ```
    #[must_use]
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).unwrap_or_default()
    }

    /// The ISO 4217 numeric code, e.g. 392 for the yen.
    ///
    /// ```
    /// # use saifu::Currency;
    /// assert_eq!(Currency::JPY.numeric(), 392);
    /// ```
    #[must_use]
    pub fn numeric(&self) -> u16 {
        self.numeric
    }

    /// The number of decimal places of the minor unit: 0 for the yen, 2 for the dollar.
    ///
    /// ```
    /// # use saifu::Currency;
    /// assert_eq!(Currency::JPY.exponent(), 0);
    /// ```
    #[must_use]
    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

/// An unknown code is echoed back in the error, but never more than a few characters of
/// it, whatever the caller passed.
fn truncate_code(code: &str) -> String {
    code.chars().take(8).collect()
}

impl std::fmt::Debug for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::from_code(s)
    }
}

#[cfg(feature = "serde")]
impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(feature = "serde")]
impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Currency::from_code(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in TABLE.windows(2) {
            assert!(pair[0].code < pair[1].code, "{:?} {:?}", pair[0], pair[1]);
        }
        let mut numerics: Vec<u16> = TABLE.iter().map(|c| c.numeric).collect();
        numerics.sort_unstable();
        numerics.dedup();
        assert_eq!(numerics.len(), TABLE.len(), "numeric codes are unique");
        assert!(
            TABLE
                .iter()
                .all(|c| c.code.iter().all(u8::is_ascii_uppercase))
        );
    }

    #[test]
    fn constants_match_the_table() {
        for c in [Currency::JPY, Currency::USD, Currency::EUR] {
            assert_eq!(Currency::from_code(c.code()).unwrap(), c);
        }
    }

    #[test]
    fn serde_round_trip() {
        let json = serde_json::to_string(&Currency::JPY).unwrap();
        assert_eq!(json, "\"JPY\"");
        assert_eq!(
            serde_json::from_str::<Currency>(&json).unwrap(),
            Currency::JPY
        );
        assert!(serde_json::from_str::<Currency>("\"QQQ\"").is_err());
    }
}
