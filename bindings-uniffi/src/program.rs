//! A program: one record for what a wallet spends and what a charge buys (core's
//! `Program`).

use saifu::Error;

use crate::card::Brand;
use crate::charge::{ChargeMethodKind, charge_yen};
use crate::wallet::Scope;

/// An issuer's e-money: a city's common voucher, a ward's e-voucher. The same record is
/// added to a `Wallet`, which spends its lots, and to `Charges`, which buys them.
/// A wallet needs `paymentIdPrefix`; a card charge needs the card's brand in
/// `acceptedBrands`; a purchase by the unit needs a `product`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Program {
    /// The program's id, unique among a wallet's programs and among its charges'.
    pub id: String,
    /// Its name for people, e.g. `天王洲キャッシュ`.
    pub name: String,
    /// The prefix of the ids of payments that start with its lots, e.g. `OEM2020000101`.
    /// A wallet refuses a program without one.
    #[uniffi(default)]
    pub payment_id_prefix: Option<String>,
    /// The card brands a charge of it accepts (none: no card charge).
    #[uniffi(default)]
    pub accepted_brands: Vec<Brand>,
    /// The product it sells by the unit, if any (none: plain e-money, charged by amount).
    #[uniffi(default)]
    pub product: Option<Product>,
}

impl TryFrom<Program> for saifu::Program {
    type Error = Error;

    /// # Errors
    /// As for `Product`.
    fn try_from(p: Program) -> Result<Self, Error> {
        Ok(saifu::Program {
            id: p.id,
            name: p.name,
            payment_id_prefix: p.payment_id_prefix,
            accepted_brands: p.accepted_brands.into_iter().map(Into::into).collect(),
            product: p.product.map(TryInto::try_into).transpose()?,
        })
    }
}

/// One line of a product's breakdown: per unit, this much value of this scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ProductLine {
    /// The scope of the lot the line creates.
    pub scope: Scope,
    /// The value per unit, in yen.
    pub value: i64,
}

/// A voucher product sold in units (口): e.g. 1 unit costs ¥10,000 and yields 8,000 of
/// small-stores-only and 5,000 of all-stores value (a 30 % premium).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Product {
    /// The price of one unit, in yen.
    pub unit_price: i64,
    /// The most units one purchase may buy (the purchase code allows up to 4).
    pub max_units: i64,
    /// What each unit yields.
    pub breakdown: Vec<ProductLine>,
    /// How a purchase may be paid (seed 003: card or convenience store); at least one.
    pub methods: Vec<ChargeMethodKind>,
    /// The last day (`YYYY-MM-DD`) the lots a purchase creates may be used, or none.
    #[uniffi(default)]
    pub lots_expire_on: Option<String>,
}

impl TryFrom<Product> for saifu::Product {
    type Error = Error;

    /// # Errors
    /// `money.out_of_range` for a price or value outside ±(2^53 − 1);
    /// `charge.invalid_units` for a negative `maxUnits` or one beyond 4,294,967,295.
    fn try_from(p: Product) -> Result<Self, Error> {
        Ok(saifu::Product {
            unit_price: charge_yen(p.unit_price)?,
            max_units: saifu::units_from_i64(p.max_units)?,
            breakdown: p
                .breakdown
                .into_iter()
                .map(|l| {
                    Ok(saifu::ProductLine {
                        scope: l.scope,
                        value: charge_yen(l.value)?,
                    })
                })
                .collect::<Result<_, Error>>()?,
            methods: p.methods.into_iter().map(Into::into).collect(),
            lots_expire_on: crate::time::date_opt(p.lots_expire_on)?,
        })
    }
}

impl From<&saifu::Program> for Program {
    fn from(p: &saifu::Program) -> Self {
        Program {
            id: p.id.clone(),
            name: p.name.clone(),
            payment_id_prefix: p.payment_id_prefix.clone(),
            accepted_brands: p.accepted_brands.iter().map(|&b| b.into()).collect(),
            product: p.product.as_ref().map(Into::into),
        }
    }
}

impl From<&saifu::Product> for Product {
    fn from(p: &saifu::Product) -> Self {
        Product {
            unit_price: p.unit_price.minor(),
            max_units: i64::from(p.max_units),
            breakdown: p.breakdown.iter().map(|&l| l.into()).collect(),
            methods: p.methods.iter().map(|&k| k.into()).collect(),
            lots_expire_on: p.lots_expire_on.map(crate::time::date_text),
        }
    }
}

impl From<saifu::ProductLine> for ProductLine {
    fn from(l: saifu::ProductLine) -> Self {
        ProductLine {
            scope: l.scope,
            value: l.value.minor(),
        }
    }
}
