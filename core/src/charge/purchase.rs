//! Purchases with purchase codes (購入コード; seed 003: 事前に送付された当選コード; DESIGN §5):
//! the integrator registers each lottery winner's code (code, program, units allowed);
//! a purchase started with it reserves it, its success consumes it, and its failure,
//! expiry or cancellation releases it. And the quote (チャージ額確認) a purchase shows
//! before it starts.
//!
//! A code's status is read from the charges that named it, so it can never disagree with
//! them: used when one of them succeeded (or was paid), in use while one has not ended.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{Charge, ChargeMethod, ChargeOrder, ChargeState, Charges};
use crate::error::Error;
use crate::jst;
use crate::money::Money;
use crate::program::{Product, ProductLine};
use crate::purchase_code::PurchaseCode;

/// A purchase code as the integrator registered it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RegisteredPurchaseCode {
    /// The code, normalised.
    pub code: PurchaseCode,
    /// The program it buys.
    pub program: String,
    /// The most units a purchase with it may buy (当選した口数).
    pub units: u32,
}

/// Where a purchase code stands at an instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PurchaseCodeStatus {
    /// No purchase holds it: a purchase may start with it.
    Available,
    /// Reserved by a purchase that has not ended.
    InUse {
        /// The purchase (charge) id.
        charge: String,
    },
    /// Consumed by a purchase that succeeded (or was paid).
    Used {
        /// The purchase (charge) id.
        charge: String,
    },
}

/// What a purchase will cost and yield (チャージ額確認), before it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseQuote {
    /// The program.
    pub program: String,
    /// The units bought.
    pub units: u32,
    /// The value per scope: each line of the product's breakdown times the units, in
    /// the product's order; one lot each on success.
    pub lines: Vec<ProductLine>,
    /// The total to pay: the unit price times the units.
    pub total: Money,
    /// The lots' last day (the product's `lots_expire_on`), or none.
    pub lots_expire_on: Option<NaiveDate>,
}

impl Charges {
    /// Registers a purchase code for a program: a purchase of that program may then
    /// start with it ([`Charges::start_purchase`]) for up to `units` units.
    ///
    /// # Errors
    /// In order: `purchase.invalid_code` ([`PurchaseCode::parse`]);
    /// `charge.unknown_program`; `charge.invalid_units` when the program sells no
    /// product, or `units` is 0 or more than the product's `max_units`;
    /// `purchase.duplicate_code` when the code is registered already. Nothing changes.
    pub fn register_purchase_code(
        &mut self,
        code: &str,
        program: &str,
        units: u32,
    ) -> Result<PurchaseCode, Error> {
        let code = PurchaseCode::parse(code)?;
        let product = self.product_of(program)?;
        if units == 0 || units > product.max_units {
            return Err(Error::ChargeInvalidUnits);
        }
        if self.codes.iter().any(|c| c.code == code) {
            return Err(Error::PurchaseDuplicateCode);
        }
        #[cfg(feature = "charge-events")]
        self.log(|| super::ChargesEvent::PurchaseCodeRegistered {
            code: code.clone(),
            program: program.to_owned(),
            units,
        });
        self.codes.push(RegisteredPurchaseCode {
            code: code.clone(),
            program: program.to_owned(),
            units,
        });
        Ok(code)
    }

    /// The registered purchase codes, in the order registered.
    #[must_use]
    pub fn purchase_codes(&self) -> &[RegisteredPurchaseCode] {
        &self.codes
    }

    /// Where a registered code stands at `now` (a cash purchase is expired, and its code
    /// released, from its deadline on).
    ///
    /// # Errors
    /// `time.invalid`; `purchase.invalid_code`; `purchase.unknown_code` when it is not
    /// registered.
    pub fn purchase_code_status(
        &self,
        code: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<PurchaseCodeStatus, Error> {
        jst::check_instant(&now)?;
        let code = PurchaseCode::parse(code)?;
        if !self.codes.iter().any(|c| c.code == code) {
            return Err(Error::PurchaseUnknownCode);
        }
        Ok(self.status(&code, &now))
    }

    /// The status of a code from the charges that named it.
    fn status(&self, code: &PurchaseCode, now: &DateTime<FixedOffset>) -> PurchaseCodeStatus {
        let mut in_use = None;
        for charge in self.charges_with(code) {
            match charge.state_at(now) {
                ChargeState::Succeeded | ChargeState::Paid => {
                    return PurchaseCodeStatus::Used {
                        charge: charge.id.clone(),
                    };
                }
                state if !state.is_ended() => in_use = Some(charge.id.clone()),
                _ => {}
            }
        }
        in_use.map_or(PurchaseCodeStatus::Available, |charge| {
            PurchaseCodeStatus::InUse { charge }
        })
    }

    fn charges_with<'a>(&'a self, code: &'a PurchaseCode) -> impl Iterator<Item = &'a Charge> {
        self.charges
            .iter()
            .filter(move |c| c.purchase_code.as_ref() == Some(code))
    }

    /// Starts a purchase of `units` units with a purchase code, which it reserves.
    ///
    /// # Errors
    /// In DESIGN §5's order: `time.invalid`; `charge.duplicate_id`;
    /// `charge.unknown_program`; `purchase.invalid_code`; `purchase.unknown_code` (not
    /// registered, or registered for another program); `purchase.code_used`;
    /// `purchase.code_in_use` (with the purchase holding it); `charge.invalid_units` (0,
    /// more than the code allows, or more than the product's maximum);
    /// `charge.method_not_allowed`; then [`Charges::start`]'s `charge.brand_not_accepted`
    /// and the guard. Nothing changes.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// use saifu::*;
    ///
    /// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    /// let mut charges = Charges::new();
    /// charges.add_program(Program { payment_id_prefix: None,
    ///     id: "oyama".into(), name: "おやまプレミアム商品券".into(), accepted_brands: vec![Brand::Visa],
    ///     product: Some(Product {
    ///         unit_price: Money::jpy(10_000)?, max_units: 4,
    ///         breakdown: vec![
    ///             ProductLine { scope: Scope::SmallStoresOnly, value: Money::jpy(8_000)? },
    ///             ProductLine { scope: Scope::AllStores, value: Money::jpy(5_000)? },
    ///         ],
    ///         methods: vec![ChargeMethodKind::Card, ChargeMethodKind::Konbini],
    ///         lots_expire_on: Some("2026-12-31".parse().unwrap()),
    ///     }),
    /// })?;
    /// charges.register_purchase_code("ab12-cd34", "oyama", 2)?;
    /// let quote = charges.quote("oyama", 2, None)?;
    /// assert_eq!(quote.total, Money::jpy(20_000)?);
    ///
    /// let lawson = ChargeMethod::Konbini { chain: KonbiniChain::Lawson };
    /// let at = t("2026-11-23T10:00:00+09:00");
    /// let err = charges.start_purchase("c1", "oyama", "AB12CD34", 3, lawson, at).unwrap_err();
    /// assert_eq!(err.code(), "charge.invalid_units");
    /// charges.start_purchase("c1", "oyama", "AB12CD34", 2, lawson, at)?;
    /// let err = charges.start_purchase("c2", "oyama", "ａｂ１２ｃｄ３４", 1, lawson, at).unwrap_err();
    /// assert_eq!(err.code(), "purchase.code_in_use");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn start_purchase(
        &mut self,
        id: &str,
        program: &str,
        code: &str,
        units: u32,
        method: ChargeMethod,
        now: DateTime<FixedOffset>,
    ) -> Result<&Charge, Error> {
        jst::check_instant(&now)?;
        if self.charge(id).is_some() {
            return Err(Error::ChargeDuplicateId {
                id: Error::echo(id),
            });
        }
        self.product_or_unknown(program)?;
        let code = PurchaseCode::parse(code)?;
        let allowed = self
            .codes
            .iter()
            .find(|c| c.code == code && c.program == program)
            .ok_or(Error::PurchaseUnknownCode)?
            .units;
        match self.status(&code, &now) {
            PurchaseCodeStatus::Available => {}
            PurchaseCodeStatus::Used { .. } => return Err(Error::PurchaseCodeUsed),
            PurchaseCodeStatus::InUse { charge } => {
                return Err(Error::PurchaseCodeInUse { charge });
            }
        }
        if units > allowed {
            return Err(Error::ChargeInvalidUnits);
        }
        self.begin(
            id,
            program,
            method,
            ChargeOrder::Units(units),
            now,
            Some(code.clone()),
        )?;
        #[cfg(feature = "charge-events")]
        self.log(|| super::ChargesEvent::PurchaseStarted {
            charge: id.to_owned(),
            program: program.to_owned(),
            code,
            units,
            method,
            at: now,
        });
        self.charges
            .last()
            .ok_or_else(|| Error::ChargeUnknownCharge {
                charge: Error::echo(id),
            })
    }

    /// The quote of a purchase (チャージ額確認): the value per scope, the total to pay and
    /// the lots' expiry, with [`Charges::start`]'s checks other than the code's.
    ///
    /// # Errors
    /// In order: `charge.unknown_program`; `charge.invalid_units` (the program sells no
    /// product, 0 units, or more than its maximum); with a `method`,
    /// `charge.method_not_allowed` and `charge.brand_not_accepted`.
    pub fn quote(
        &self,
        program: &str,
        units: u32,
        method: Option<ChargeMethod>,
    ) -> Result<PurchaseQuote, Error> {
        let product = self.product_of(program)?;
        if units == 0 || units > product.max_units {
            return Err(Error::ChargeInvalidUnits);
        }
        if let Some(method) = method {
            if !product.methods.contains(&method.kind()) {
                return Err(Error::ChargeMethodNotAllowed {
                    method: method.kind().id().to_owned(),
                });
            }
            if let ChargeMethod::Card { brand } = method {
                let accepted = self
                    .programs
                    .iter()
                    .find(|p| p.id == program)
                    .is_some_and(|p| p.accepted_brands.contains(&brand));
                if !accepted {
                    return Err(Error::ChargeBrandNotAccepted { brand });
                }
            }
        }
        let times = i64::from(units);
        let lines = product
            .breakdown
            .iter()
            .map(|line| {
                Ok(ProductLine {
                    scope: line.scope,
                    value: line.value.checked_mul(times)?,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(PurchaseQuote {
            program: program.to_owned(),
            units,
            lines,
            total: product.unit_price.checked_mul(times)?,
            lots_expire_on: product.lots_expire_on,
        })
    }

    /// The program, or `charge.unknown_program`.
    fn product_or_unknown(&self, program: &str) -> Result<Option<&Product>, Error> {
        self.programs
            .iter()
            .find(|p| p.id == program)
            .map(|p| p.product.as_ref())
            .ok_or_else(|| Error::ChargeUnknownProgram {
                program: Error::echo(program),
            })
    }

    /// The program's product: `charge.unknown_program`, or `charge.invalid_units` when
    /// it sells none.
    fn product_of(&self, program: &str) -> Result<&Product, Error> {
        self.product_or_unknown(program)?
            .ok_or(Error::ChargeInvalidUnits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::Brand;
    use crate::charge::{ChargeEvent, ChargeMethodKind, KonbiniChain, Program};
    use crate::wallet::Scope;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn yen(n: i64) -> Money {
        Money::jpy(n).unwrap()
    }

    const LAWSON: ChargeMethod = ChargeMethod::Konbini {
        chain: KonbiniChain::Lawson,
    };
    const VISA: ChargeMethod = ChargeMethod::Card { brand: Brand::Visa };

    /// Seed 003: ¥10,000 a unit for 8,000 small-stores-only and 5,000 all-stores value,
    /// 1–4 units, card or convenience store, lots expiring 2026-12-31.
    fn charges() -> Charges {
        let mut c = Charges::new();
        c.add_program(Program {
            id: "oyama".into(),
            name: "おやまプレミアム商品券".into(),
            payment_id_prefix: None,
            accepted_brands: vec![Brand::Visa],
            product: Some(Product {
                unit_price: yen(10_000),
                max_units: 4,
                breakdown: vec![
                    ProductLine {
                        scope: Scope::SmallStoresOnly,
                        value: yen(8_000),
                    },
                    ProductLine {
                        scope: Scope::AllStores,
                        value: yen(5_000),
                    },
                ],
                methods: vec![ChargeMethodKind::Card, ChargeMethodKind::Konbini],
                lots_expire_on: NaiveDate::from_ymd_opt(2026, 12, 31),
            }),
        })
        .unwrap();
        c.add_program(Program {
            id: "plain".into(),
            name: "plain".into(),
            payment_id_prefix: None,
            accepted_brands: vec![Brand::Visa],
            product: None,
        })
        .unwrap();
        c.register_purchase_code("CODE0001", "oyama", 2).unwrap();
        c.register_purchase_code("CODE0002", "oyama", 4).unwrap();
        c
    }

    #[test]
    fn registration_checks_in_order_and_changes_nothing_on_failure() {
        let mut c = charges();
        let before = c.clone();
        let code = |c: &mut Charges, code, program, units| {
            c.register_purchase_code(code, program, units)
                .unwrap_err()
                .code()
        };
        assert_eq!(code(&mut c, "X", "nope", 0), "purchase.invalid_code");
        assert_eq!(
            code(&mut c, "CODE0003", "nope", 0),
            "charge.unknown_program"
        );
        assert_eq!(code(&mut c, "CODE0003", "plain", 1), "charge.invalid_units");
        assert_eq!(code(&mut c, "CODE0003", "oyama", 0), "charge.invalid_units");
        assert_eq!(code(&mut c, "CODE0003", "oyama", 5), "charge.invalid_units");
        assert_eq!(
            code(&mut c, "code-0001", "oyama", 1),
            "purchase.duplicate_code"
        );
        assert_eq!(c, before);
        assert_eq!(c.purchase_codes().len(), 2);
    }

    #[test]
    fn start_checks_in_designs_order() {
        let mut c = charges();
        let at = t("2026-11-23T10:00:00+09:00");
        c.start("taken", "plain", VISA, ChargeOrder::Amount(yen(1)), at)
            .unwrap();
        let before = c.clone();
        let mut code = |id, program, code, units, method| {
            c.start_purchase(id, program, code, units, method, at)
                .unwrap_err()
                .code()
        };
        assert_eq!(code("taken", "nope", "?", 0, VISA), "charge.duplicate_id");
        assert_eq!(code("p", "nope", "?", 0, VISA), "charge.unknown_program");
        assert_eq!(code("p", "oyama", "?", 0, VISA), "purchase.invalid_code");
        assert_eq!(
            code("p", "oyama", "NOPE0000", 0, VISA),
            "purchase.unknown_code"
        );
        assert_eq!(
            code("p", "plain", "CODE0001", 0, VISA),
            "purchase.unknown_code"
        );
        assert_eq!(
            code("p", "oyama", "CODE0001", 0, VISA),
            "charge.invalid_units"
        );
        assert_eq!(
            code("p", "oyama", "CODE0001", 3, VISA),
            "charge.invalid_units"
        );
        assert_eq!(
            code("p", "oyama", "CODE0001", 2, ChargeMethod::PayEasy),
            "charge.method_not_allowed"
        );
        let jcb = ChargeMethod::Card { brand: Brand::Jcb };
        assert_eq!(
            code("p", "oyama", "CODE0001", 2, jcb),
            "charge.brand_not_accepted"
        );
        assert_eq!(c, before);
    }

    #[test]
    fn a_code_is_reserved_released_and_consumed_once() {
        let mut c = charges();
        let at = t("2026-11-23T10:00:00+09:00");
        c.start_purchase("p1", "oyama", "CODE0001", 2, VISA, at)
            .unwrap();
        assert_eq!(
            c.purchase_code_status("code0001", at).unwrap(),
            PurchaseCodeStatus::InUse {
                charge: "p1".into()
            }
        );
        let err = c
            .start_purchase("p2", "oyama", "CODE0001", 1, VISA, at)
            .unwrap_err();
        assert_eq!(
            err,
            Error::PurchaseCodeInUse {
                charge: "p1".into()
            }
        );
        // Cancelled: released.
        c.cancel("p1", at).unwrap();
        assert_eq!(
            c.purchase_code_status("CODE0001", at).unwrap(),
            PurchaseCodeStatus::Available
        );
        // A card purchase that fails releases it too.
        c.start_purchase("p2", "oyama", "CODE0001", 1, VISA, at)
            .unwrap();
        c.confirm("p2", at).unwrap();
        c.pay("p2", at).unwrap();
        c.notify("p2", ChargeEvent::ThreeDsFailed, at).unwrap();
        // A cash purchase whose deadline passes releases it from the deadline on.
        c.start_purchase("p3", "oyama", "CODE0001", 2, LAWSON, at)
            .unwrap();
        c.confirm("p3", at).unwrap();
        c.pay("p3", at).unwrap();
        let until = c.charge("p3").unwrap().until.unwrap();
        assert!(c.can_start(until).is_ok());
        assert_eq!(
            c.purchase_code_status("CODE0001", until).unwrap(),
            PurchaseCodeStatus::Available
        );
        // Paid in time by a second purchase: consumed for good.
        let later = until + chrono::Duration::minutes(1);
        c.start_purchase("p4", "oyama", "CODE0001", 2, LAWSON, later)
            .unwrap();
        c.confirm("p4", later).unwrap();
        c.pay("p4", later).unwrap();
        c.notify("p4", ChargeEvent::Paid, later).unwrap();
        assert_eq!(
            c.purchase_code_status("CODE0001", later).unwrap(),
            PurchaseCodeStatus::Used {
                charge: "p4".into()
            }
        );
        let err = c
            .start_purchase("p5", "oyama", "CODE0001", 1, VISA, later)
            .unwrap_err();
        assert_eq!(err.code(), "purchase.code_used");
        // The lots carry the product's expiry, once.
        let lots: Vec<_> = c
            .charged_lots()
            .iter()
            .filter(|l| l.charge == "p4")
            .collect();
        assert_eq!(lots.len(), 2);
        assert!(
            lots.iter()
                .all(|l| l.expires_on == NaiveDate::from_ymd_opt(2026, 12, 31))
        );
        assert_eq!(lots[0].value, yen(16_000));
        assert_eq!(lots[1].value, yen(10_000));
        assert!(!c.notify("p4", ChargeEvent::Paid, later).unwrap().applied);
        assert_eq!(c.charged_lots().len(), 2);
    }

    #[test]
    fn the_quote_of_seed_003() {
        let c = charges();
        let q = c.quote("oyama", 2, None).unwrap();
        assert_eq!(q.total, yen(20_000));
        assert_eq!(
            q.lines,
            vec![
                ProductLine {
                    scope: Scope::SmallStoresOnly,
                    value: yen(16_000)
                },
                ProductLine {
                    scope: Scope::AllStores,
                    value: yen(10_000)
                },
            ]
        );
        assert_eq!(q.lots_expire_on, NaiveDate::from_ymd_opt(2026, 12, 31));
        let err = |program, units, method| c.quote(program, units, method).unwrap_err().code();
        assert_eq!(err("nope", 1, None), "charge.unknown_program");
        assert_eq!(err("plain", 1, None), "charge.invalid_units");
        assert_eq!(err("oyama", 0, None), "charge.invalid_units");
        assert_eq!(err("oyama", 5, None), "charge.invalid_units");
        assert_eq!(
            err("oyama", 1, Some(ChargeMethod::JCoin)),
            "charge.method_not_allowed"
        );
        assert_eq!(
            err("oyama", 1, Some(ChargeMethod::Card { brand: Brand::Amex })),
            "charge.brand_not_accepted"
        );
        assert!(c.quote("oyama", 4, Some(LAWSON)).is_ok());
    }
}
