//! A program (DESIGN §4, §5, §6 "One program registry"): an issuer's e-money, one record
//! for what a wallet spends and what a charge buys: its payment ids' prefix, the card
//! brands a charge of it accepts, and the product it sells by the unit.

use chrono::NaiveDate;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::card::Brand;
use crate::charge::ChargeMethodKind;
use crate::currency::Currency;
use crate::error::Error;
use crate::json::record;
use crate::money::Money;
use crate::wallet::Scope;

/// An issuer's e-money: a city's common voucher, a ward's e-voucher (DESIGN §4), usable
/// only at the merchants that accept it. The same record is added to a [`Wallet`], which
/// spends its lots, and to [`Charges`], which buys them (DESIGN §6 "One program
/// registry").
///
/// A wallet needs `payment_id_prefix` (a payment's id starts with it); a charge by card
/// needs the card's brand in `accepted_brands`; a purchase by the unit needs a
/// `product`. A program with none of them is plain e-money that a back end tops up by
/// amount but does not spend, and that no card may pay for.
///
/// [`Wallet`]: crate::Wallet
/// [`Charges`]: crate::Charges
///
/// ```
/// use saifu::{Brand, Program};
///
/// let p = Program {
///     id: "tennozu".into(),
///     name: "天王洲キャッシュ".into(),
///     payment_id_prefix: Some("OEM2020000101".into()),
///     accepted_brands: vec![Brand::Visa, Brand::Jcb],
///     product: None,
/// };
/// assert!(p.accepts(Brand::Jcb));
/// assert_eq!(Program::new("tennozu", "天王洲キャッシュ", "OEM2020000101"), Program { accepted_brands: vec![], ..p });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Program {
    /// The program's id, unique among a wallet's programs and among its charges'.
    pub id: String,
    /// Its name for people, e.g. `天王洲キャッシュ`.
    pub name: String,
    /// The prefix of the ids of payments that start with this program's lots, e.g.
    /// `OEM2020000101`. A wallet refuses a program without one.
    #[cfg_attr(feature = "serde", serde(default))]
    pub payment_id_prefix: Option<String>,
    /// The card brands a charge of it accepts (none: no card charge).
    #[cfg_attr(feature = "serde", serde(default))]
    pub accepted_brands: Vec<Brand>,
    /// The product it sells by the unit, if any (none: plain e-money, charged by amount).
    #[cfg_attr(feature = "serde", serde(default))]
    pub product: Option<Product>,
}

impl Program {
    /// A program a wallet spends, with no card brand and no product (add them with
    /// struct update syntax).
    ///
    /// ```
    /// use saifu::Program;
    /// let p = Program::new("oyama", "小山市共通商品券", "OEM2023030001");
    /// assert_eq!(p.payment_id_prefix.as_deref(), Some("OEM2023030001"));
    /// assert!(p.accepted_brands.is_empty() && p.product.is_none());
    /// ```
    #[must_use]
    pub fn new(id: &str, name: &str, payment_id_prefix: &str) -> Program {
        Program {
            id: id.to_owned(),
            name: name.to_owned(),
            payment_id_prefix: Some(payment_id_prefix.to_owned()),
            accepted_brands: Vec::new(),
            product: None,
        }
    }

    /// True when a charge of this program may be paid with a card of this brand.
    #[must_use]
    pub fn accepts(&self, brand: Brand) -> bool {
        self.accepted_brands.contains(&brand)
    }

    /// The record's own rule, which a wallet and charges both apply when it is added:
    /// a product sells positive yen, allows at least one unit and one way to pay, and
    /// its largest purchase stays an amount.
    ///
    /// # Errors
    /// `charge.invalid_units` for a product whose price or lines are not positive yen,
    /// that allows no units, or whose largest purchase does not stay an amount (its
    /// price, a line's value, or all its lines' value together, times `max_units`,
    /// beyond ±(2^53 − 1)), or that may be paid no way (no `methods`): every purchase
    /// a charge accepts then creates its lots when it succeeds.
    pub(crate) fn check(&self) -> Result<(), Error> {
        let Some(product) = &self.product else {
            return Ok(());
        };
        let yen = |m: &Money| m.currency() == Currency::JPY && m.is_positive();
        if !yen(&product.unit_price)
            || product.max_units == 0
            || product.breakdown.is_empty()
            || product.methods.is_empty()
            || !product.breakdown.iter().all(|l| yen(&l.value))
            || !largest_purchase_fits(product)
        {
            return Err(Error::ChargeInvalidUnits);
        }
        Ok(())
    }
}

/// One line of a product's breakdown: per unit, this much value of this scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ProductLine {
    /// The scope of the lot the line creates.
    pub scope: Scope,
    /// The value per unit.
    pub value: Money,
}

/// A voucher product sold in units (口): e.g. 1 unit costs ¥10,000 and yields 8,000 of
/// small-stores-only and 5,000 of all-stores value (a 30 % premium).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Product {
    /// The price of one unit.
    pub unit_price: Money,
    /// The most units one purchase may buy (the purchase code allows up to 4).
    pub max_units: u32,
    /// What each unit yields.
    pub breakdown: Vec<ProductLine>,
    /// How a purchase may be paid (seed 003: card or convenience store); at least one.
    pub methods: Vec<ChargeMethodKind>,
    /// The last day the lots a purchase creates may be used (seed 003: 2026-12-31), or
    /// none.
    #[cfg_attr(feature = "serde", serde(default))]
    pub lots_expire_on: Option<NaiveDate>,
}

/// True when `max_units` of a product cost an amount and yield one: the price, and all
/// its lines' value together (so each line's), times `max_units`, within ±(2^53 − 1).
fn largest_purchase_fits(product: &Product) -> bool {
    let max = u128::from(crate::money::MAX_MINOR.unsigned_abs());
    // Each factor below 2^54 and `max_units` below 2^32: the products are exact.
    let fits =
        |minor: u128| minor <= max && minor.wrapping_mul(u128::from(product.max_units)) <= max;
    let value = product.breakdown.iter().fold(0u128, |sum, line| {
        sum.saturating_add(u128::from(line.value.minor().unsigned_abs()))
    });
    fits(u128::from(product.unit_price.minor().unsigned_abs())) && fits(value)
}

// The saved form (docs/state.md "Program"): the three fields a program gained when the
// wallet's and the charges' programs became one record default when absent, so a
// wallet or charges document written before reads as it was.
record!(ProductLine { scope, value });
record!(Product {
    unit_price,
    max_units,
    breakdown,
    methods
} default {
    lots_expire_on
});
record!(Program {
    id,
    name
} default {
    payment_id_prefix,
    accepted_brands,
    product
});
