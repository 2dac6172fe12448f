//! Card brands and the networks' IIN ranges (DESIGN §7).

use crate::error::Lang;

/// A card network, recognised by the IIN (the first digits of the card number).
///
/// ```
/// use saifu::{Brand, Lang};
///
/// assert_eq!(Brand::Amex.id(), "amex");
/// assert_eq!(Brand::Amex.name(Lang::Ja), "アメリカン・エキスプレス");
/// assert_eq!(Brand::Amex.security_code_length(), 4);
/// assert_eq!(Brand::from_id("jcb"), Some(Brand::Jcb));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Brand {
    /// Visa.
    Visa,
    /// Mastercard (51–55 and the 2-series 2221–2720).
    Mastercard,
    /// JCB (3528–3589; legacy 2131 and 1800 of 15 digits).
    Jcb,
    /// American Express (34, 37).
    Amex,
    /// Diners Club (300–305, 3095, 36, 38–39).
    Diners,
    /// Discover (6011, 644–649, 65).
    Discover,
    /// UnionPay (62, 8100–8171).
    UnionPay,
}

impl Brand {
    /// Every brand, in a fixed order.
    pub const ALL: [Brand; 7] = [
        Brand::Visa,
        Brand::Mastercard,
        Brand::Jcb,
        Brand::Amex,
        Brand::Diners,
        Brand::Discover,
        Brand::UnionPay,
    ];

    /// The stable identifier: `visa`, `mastercard`, `jcb`, `amex`, `diners`,
    /// `discover`, `unionpay`.
    ///
    /// ```
    /// # use saifu::Brand;
    /// assert_eq!(Brand::UnionPay.id(), "unionpay");
    /// ```
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Brand::Visa => "visa",
            Brand::Mastercard => "mastercard",
            Brand::Jcb => "jcb",
            Brand::Amex => "amex",
            Brand::Diners => "diners",
            Brand::Discover => "discover",
            Brand::UnionPay => "unionpay",
        }
    }

    /// The brand of an identifier returned by [`Brand::id`].
    ///
    /// ```
    /// # use saifu::Brand;
    /// assert_eq!(Brand::from_id("visa"), Some(Brand::Visa));
    /// assert_eq!(Brand::from_id("VISA"), None);
    /// ```
    #[must_use]
    pub fn from_id(id: &str) -> Option<Brand> {
        Brand::ALL.into_iter().find(|b| b.id() == id)
    }

    /// The brand's name for people.
    ///
    /// ```
    /// # use saifu::{Brand, Lang};
    /// assert_eq!(Brand::Diners.name(Lang::En), "Diners Club");
    /// ```
    #[must_use]
    pub const fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Brand::Visa, _) => "Visa",
            (Brand::Mastercard, _) => "Mastercard",
            (Brand::Jcb, _) => "JCB",
            (Brand::Amex, Lang::En) => "American Express",
            (Brand::Amex, Lang::Ja) => "アメリカン・エキスプレス",
            (Brand::Diners, Lang::En) => "Diners Club",
            (Brand::Diners, Lang::Ja) => "ダイナースクラブ",
            (Brand::Discover, Lang::En) => "Discover",
            (Brand::Discover, Lang::Ja) => "ディスカバー",
            (Brand::UnionPay, Lang::En) => "UnionPay",
            (Brand::UnionPay, Lang::Ja) => "銀聯",
        }
    }

    /// The number of digits of the security code: 4 for American Express, else 3.
    ///
    /// ```
    /// # use saifu::Brand;
    /// assert_eq!(Brand::Visa.security_code_length(), 3);
    /// ```
    #[must_use]
    pub const fn security_code_length(self) -> u8 {
        match self {
            Brand::Amex => 4,
            _ => 3,
        }
    }
}

impl std::fmt::Display for Brand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name(Lang::En))
    }
}

/// One IIN range of a brand: the numbers whose first `width` digits lie in `lo..=hi`,
/// with the lengths of the bit set `lengths` (bit n = n digits).
pub(crate) struct Range {
    pub(crate) brand: Brand,
    lo: u32,
    hi: u32,
    width: u8,
    lengths: u32,
}

const fn lengths(from: u32, to: u32) -> u32 {
    let mut set = 0u32;
    let mut n = from;
    while n <= to {
        set |= 1 << n;
        n = n.saturating_add(1);
    }
    set
}

const L13_16_19: u32 = (1 << 13) | (1 << 16) | (1 << 19);
const L14_19: u32 = lengths(14, 19);
const L15: u32 = 1 << 15;
const L16: u32 = 1 << 16;
const L16_19: u32 = lengths(16, 19);

/// The networks' current tables (DESIGN §7). The ranges are disjoint: a number belongs
/// to at most one range.
pub(crate) const RANGES: [Range; 17] = [
    Range {
        brand: Brand::Visa,
        lo: 4,
        hi: 4,
        width: 1,
        lengths: L13_16_19,
    },
    Range {
        brand: Brand::Mastercard,
        lo: 51,
        hi: 55,
        width: 2,
        lengths: L16,
    },
    Range {
        brand: Brand::Mastercard,
        lo: 2221,
        hi: 2720,
        width: 4,
        lengths: L16,
    },
    Range {
        brand: Brand::Amex,
        lo: 34,
        hi: 34,
        width: 2,
        lengths: L15,
    },
    Range {
        brand: Brand::Amex,
        lo: 37,
        hi: 37,
        width: 2,
        lengths: L15,
    },
    Range {
        brand: Brand::Diners,
        lo: 300,
        hi: 305,
        width: 3,
        lengths: L14_19,
    },
    Range {
        brand: Brand::Diners,
        lo: 3095,
        hi: 3095,
        width: 4,
        lengths: L14_19,
    },
    Range {
        brand: Brand::Diners,
        lo: 36,
        hi: 36,
        width: 2,
        lengths: L14_19,
    },
    Range {
        brand: Brand::Diners,
        lo: 38,
        hi: 39,
        width: 2,
        lengths: L14_19,
    },
    Range {
        brand: Brand::Discover,
        lo: 6011,
        hi: 6011,
        width: 4,
        lengths: L16_19,
    },
    Range {
        brand: Brand::Discover,
        lo: 644,
        hi: 649,
        width: 3,
        lengths: L16_19,
    },
    Range {
        brand: Brand::Discover,
        lo: 65,
        hi: 65,
        width: 2,
        lengths: L16_19,
    },
    Range {
        brand: Brand::Jcb,
        lo: 3528,
        hi: 3589,
        width: 4,
        lengths: L16_19,
    },
    Range {
        brand: Brand::Jcb,
        lo: 2131,
        hi: 2131,
        width: 4,
        lengths: L15,
    },
    Range {
        brand: Brand::Jcb,
        lo: 1800,
        hi: 1800,
        width: 4,
        lengths: L15,
    },
    // 622126–622925 (co-badged with Discover) lies inside 62 and is shown as UnionPay.
    Range {
        brand: Brand::UnionPay,
        lo: 62,
        hi: 62,
        width: 2,
        lengths: L14_19,
    },
    Range {
        brand: Brand::UnionPay,
        lo: 8100,
        hi: 8171,
        width: 4,
        lengths: L14_19,
    },
];

/// The longest range prefix, in digits.
pub(crate) const PREFIX_WIDTH: usize = 4;

/// `10^n` for the `n` digits a prefix may lack (a range's width at most).
const POWERS_OF_TEN: [u32; PREFIX_WIDTH + 1] = [1, 10, 100, 1_000, 10_000];

/// The first digits of a number (at most [`PREFIX_WIDTH`]), as the value of each of its
/// leading runs, worked out once for the ranges to compare with.
#[derive(Clone, Copy)]
pub(crate) struct Prefix {
    /// `values[n]` is the value of the first `n` digits (0 for `n` = 0).
    values: [u32; PREFIX_WIDTH + 1],
    /// How many digits are known (at most [`PREFIX_WIDTH`]).
    known: usize,
}

impl Prefix {
    pub(crate) fn new(digits: impl Iterator<Item = u8>) -> Prefix {
        let mut values = [0u32; PREFIX_WIDTH + 1];
        let mut known = 0usize;
        let mut value = 0u32;
        for (slot, d) in values.iter_mut().skip(1).zip(digits) {
            value = value.saturating_mul(10).saturating_add(u32::from(d));
            *slot = value;
            known = known.saturating_add(1);
        }
        Prefix { values, known }
    }

    /// The value of the first `n` digits (of the known ones, when `n` is more).
    fn value(&self, n: usize) -> u32 {
        self.values
            .get(n.min(self.known))
            .copied()
            .unwrap_or_default()
    }
}

impl Range {
    fn width(&self) -> usize {
        usize::from(self.width)
    }

    /// The number starts with this range's prefix (it has at least `width` digits).
    pub(crate) fn contains(&self, prefix: &Prefix) -> bool {
        prefix.known >= self.width() && (self.lo..=self.hi).contains(&prefix.value(self.width()))
    }

    /// Some number starting with `prefix` starts with this range's prefix: either the
    /// prefix is long enough and lies in the range, or it is shorter and some completion
    /// of it does.
    pub(crate) fn compatible(&self, prefix: &Prefix) -> bool {
        if prefix.known >= self.width() {
            return self.contains(prefix);
        }
        let missing = self.width().saturating_sub(prefix.known);
        let scale = POWERS_OF_TEN.get(missing).copied().unwrap_or(u32::MAX);
        let low = prefix.value(prefix.known).saturating_mul(scale);
        let high = low.saturating_add(scale.saturating_sub(1));
        low <= self.hi && self.lo <= high
    }

    /// The most digits a number in this range has.
    pub(crate) fn longest(&self) -> u8 {
        let highest = u32::BITS.saturating_sub(self.lengths.leading_zeros());
        u8::try_from(highest.saturating_sub(1)).unwrap_or(u8::MAX)
    }

    /// The range allows numbers of `len` digits.
    pub(crate) fn allows(&self, len: usize) -> bool {
        len < 32 && self.lengths & (1u32 << len) != 0
    }

    /// The range allows some length of at least `len` digits; returns whether it allows
    /// a length strictly longer (a completion with a free check digit).
    pub(crate) fn allows_at_least(&self, len: usize) -> (bool, bool) {
        let longer = len < 31 && (self.lengths >> len.saturating_add(1)) != 0;
        (longer || self.allows(len), longer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix(s: &str) -> Prefix {
        Prefix::new(s.bytes().map(|b| b - b'0'))
    }

    #[test]
    fn ranges_are_disjoint() {
        // Every 4-digit prefix belongs to at most one range.
        for p in 0..10_000u32 {
            let s = format!("{p:04}");
            let n = RANGES.iter().filter(|r| r.contains(&prefix(&s))).count();
            assert!(n <= 1, "{s} in {n} ranges");
        }
    }

    #[test]
    fn compatibility_looks_both_ways() {
        let mc2 = &RANGES[2];
        assert!(mc2.compatible(&prefix("2")));
        assert!(mc2.compatible(&prefix("27")));
        assert!(mc2.compatible(&prefix("272")));
        assert!(!mc2.compatible(&prefix("273")));
        assert!(mc2.compatible(&prefix("2720")));
        assert!(!mc2.compatible(&prefix("2721")));
        assert!(!mc2.compatible(&prefix("2220")));
    }

    #[test]
    fn longest_is_the_highest_length_allowed() {
        for r in RANGES {
            let max = (0..32).rev().find(|&n| r.allows(n)).unwrap();
            assert_eq!(usize::from(r.longest()), max);
        }
    }

    #[test]
    fn brand_ids_round_trip() {
        for b in Brand::ALL {
            assert_eq!(Brand::from_id(b.id()), Some(b));
        }
    }
}
