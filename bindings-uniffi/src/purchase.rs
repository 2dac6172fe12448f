//! Purchases (DESIGN §5): purchase codes (購入コード, the code the issuer sends a lottery
//! winner), their registration and status, purchases started with them, and the quote.

use std::time::SystemTime;

use crate::charge::{Charge, ChargeMethod, Charges};
use crate::error::SaifuError;
use crate::program::ProductLine;
use crate::time::{date_text, instant};

/// Normalises a purchase code as typed: surrounding whitespace trimmed, full-width
/// letters and digits to ASCII, letters upper-cased, separators removed:
/// `ａｂｃｄ-１２３４` → `ABCD1234`.
///
/// # Errors
/// `purchase.invalid_code` unless 4–32 letters and digits remain.
#[uniffi::export]
pub fn normalize_purchase_code(code: String) -> Result<String, SaifuError> {
    Ok(saifu::PurchaseCode::parse(&code)?.to_string())
}

/// A purchase code as the integrator registered it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct RegisteredPurchaseCode {
    /// The code, normalised.
    pub code: String,
    /// The program it buys.
    pub program: String,
    /// The most units a purchase with it may buy (当選した口数).
    pub units: i64,
}

/// Where a purchase code stands at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct PurchaseQuote {
    /// The program.
    pub program: String,
    /// The units bought.
    pub units: i64,
    /// The value per scope: each line of the product's breakdown times the units; one
    /// lot each on success.
    pub lines: Vec<ProductLine>,
    /// The total to pay, in yen.
    pub total: i64,
    /// The lots' last day (`YYYY-MM-DD`), or none.
    pub lots_expire_on: Option<String>,
}

/// Purchases with purchase codes (DESIGN §5): Kotlin `charges.startPurchase(...)`, Swift
/// `charges.startPurchase(id:program:code:units:method:now:)`.
#[uniffi::export]
impl Charges {
    /// Registers a purchase code for a program, for up to `units` units.
    ///
    /// # Errors
    /// `charge.invalid_units` for a negative count or one beyond 4,294,967,295; then in
    /// order `purchase.invalid_code`; `charge.unknown_program`; `charge.invalid_units`
    /// (no product, 0 units or more than its maximum); `purchase.duplicate_code`.
    pub fn register_purchase_code(
        &self,
        code: String,
        program: String,
        units: i64,
    ) -> Result<String, SaifuError> {
        let units = saifu::units_from_i64(units)?;
        Ok(self
            .lock()
            .register_purchase_code(&code, &program, units)?
            .to_string())
    }

    /// The registered purchase codes, in the order registered.
    pub fn purchase_codes(&self) -> Vec<RegisteredPurchaseCode> {
        self.lock()
            .purchase_codes()
            .iter()
            .map(|c| RegisteredPurchaseCode {
                code: c.code.to_string(),
                program: c.program.clone(),
                units: i64::from(c.units),
            })
            .collect()
    }

    /// Where a registered code stands at `now`.
    ///
    /// # Errors
    /// `time.invalid`; `purchase.invalid_code`; `purchase.unknown_code`.
    pub fn purchase_code_status(
        &self,
        code: String,
        now: SystemTime,
    ) -> Result<PurchaseCodeStatus, SaifuError> {
        let now = instant(now)?;
        Ok(match self.lock().purchase_code_status(&code, now)? {
            saifu::PurchaseCodeStatus::Available => PurchaseCodeStatus::Available,
            saifu::PurchaseCodeStatus::InUse { charge } => PurchaseCodeStatus::InUse { charge },
            saifu::PurchaseCodeStatus::Used { charge } => PurchaseCodeStatus::Used { charge },
        })
    }

    /// Starts a purchase of `units` units with a purchase code, which it reserves.
    ///
    /// # Errors
    /// `time.invalid`; `charge.invalid_units` for a negative count or one beyond
    /// 4,294,967,295; then in DESIGN §5's order `charge.duplicate_id`;
    /// `charge.unknown_program`; `purchase.invalid_code`; `purchase.unknown_code`;
    /// `purchase.code_used`; `purchase.code_in_use` (with `charge`);
    /// `charge.invalid_units`; `charge.method_not_allowed` (with `method`);
    /// `charge.brand_not_accepted`; the guard's codes.
    pub fn start_purchase(
        &self,
        id: String,
        program: String,
        code: String,
        units: i64,
        method: ChargeMethod,
        now: SystemTime,
    ) -> Result<Charge, SaifuError> {
        let now = instant(now)?;
        let units = saifu::units_from_i64(units)?;
        let mut charges = self.lock();
        let charge = charges.start_purchase(&id, &program, &code, units, method.into(), now)?;
        Ok(Charge::from(charge))
    }

    /// The quote of a purchase (チャージ額確認): the value per scope, the total and the
    /// lots' expiry, with `start`'s checks other than the code's.
    ///
    /// # Errors
    /// `charge.invalid_units` for a negative count or one beyond 4,294,967,295; then
    /// `charge.unknown_program`; `charge.invalid_units`; with a `method`,
    /// `charge.method_not_allowed` and `charge.brand_not_accepted`.
    pub fn quote(
        &self,
        program: String,
        units: i64,
        method: Option<ChargeMethod>,
    ) -> Result<PurchaseQuote, SaifuError> {
        let units = saifu::units_from_i64(units)?;
        let q = self.lock().quote(&program, units, method.map(Into::into))?;
        Ok(PurchaseQuote {
            program: q.program,
            units: i64::from(q.units),
            lines: q.lines.iter().map(|&l| ProductLine::from(l)).collect(),
            total: q.total.minor(),
            lots_expire_on: q.lots_expire_on.map(date_text),
        })
    }
}
