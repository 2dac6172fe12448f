//! Purchases (DESIGN §5): purchase codes the integrator registers, purchases started with
//! them, and the quote (チャージ額確認). Every rule is core's (`saifu::Charges`).

use js_sys::JsString;
use wasm_bindgen::prelude::*;

use crate::charge::{Charges, charge_js, method, units};
use crate::error::JsFailure;
use crate::input::{self, list, nullable, object};
use crate::money::plain;
use crate::time;
use crate::wallet::scope_js;

input::js_object! {
    /// A purchase code as the integrator registered it.
    interface "RegisteredPurchaseCode",
    fn purchase_code_js(c: &saifu::RegisteredPurchaseCode) {
        /// The code, normalised.
        "code": "string" = c.code.as_str().into(),
        /// The program it buys.
        "program": "string" = c.program.as_str().into(),
        /// The most units a purchase with it may buy (当選した口数).
        "units": "number" = c.units.into(),
    }
}

input::js_object! {
    /// What a purchase will cost and yield (チャージ額確認), before it starts.
    interface "PurchaseQuote",
    fn purchase_quote_js(q: &saifu::PurchaseQuote) {
        /// The program.
        "program": "string" = q.program.as_str().into(),
        /// The units bought.
        "units": "number" = q.units.into(),
        /// The value per scope: each breakdown line times the units; one lot each on success.
        "lines": "ProductLine[]" = list(q.lines.iter().map(|l| object(&[("scope", scope_js(l.scope)), ("value", plain(l.value).into())]))),
        /// The total to pay, yen.
        "total": "number" = plain(q.total).into(),
        /// The lots' last day, `YYYY-MM-DD`, or null.
        "lotsExpireOn": "string | null" = nullable(q.lots_expire_on.as_ref().map(time::date_text)),
    }
}

input::js_union! {
    /// Where a purchase code stands: free, reserved by a purchase that has not ended, or consumed by one that succeeded (or was paid).
    type "PurchaseCodeStatus", tag "status",
    fn code_status_js(status: saifu::PurchaseCodeStatus) {
        [saifu::PurchaseCodeStatus::Available] => "available" {},
        [saifu::PurchaseCodeStatus::InUse { charge }] => "inUse" { "charge": "string" = charge.into() },
        [saifu::PurchaseCodeStatus::Used { charge }] => "used" { "charge": "string" = charge.into() },
    }
}

#[wasm_bindgen]
impl Charges {
    /// Registers a purchase code for a program, for up to `units` units; returns the code
    /// normalised.
    ///
    /// Throws `SaifuError`, in order: `charge.invalid_units` (not a whole count; a value
    /// that is no `number`, a string included, is not coerced); `purchase.invalid_code`;
    /// `charge.unknown_program`; `charge.invalid_units` (no product, 0 units or more than
    /// its maximum); `purchase.duplicate_code`.
    #[wasm_bindgen(js_name = registerPurchaseCode)]
    pub fn register_purchase_code(
        &mut self,
        code: &JsString,
        program: &JsString,
        #[wasm_bindgen(unchecked_param_type = "number")] count: &JsValue,
    ) -> Result<String, JsFailure> {
        let count = units(input::number(count))?;
        let code = input::text(code, "code")?;
        let program = input::text(program, "program")?;
        Ok(self
            .0
            .register_purchase_code(&code, &program, count)?
            .to_string())
    }

    /// The registered purchase codes, in the order registered.
    #[wasm_bindgen(js_name = purchaseCodes, unchecked_return_type = "RegisteredPurchaseCode[]")]
    pub fn purchase_codes(&self) -> JsValue {
        list(self.0.purchase_codes().iter().map(purchase_code_js))
    }

    /// Where a registered code stands at `now`.
    ///
    /// Throws `SaifuError`: `time.invalid`; `purchase.invalid_code`;
    /// `purchase.unknown_code`.
    #[wasm_bindgen(js_name = purchaseCodeStatus, unchecked_return_type = "PurchaseCodeStatus")]
    pub fn purchase_code_status(
        &self,
        code: &JsString,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let code = input::text(code, "code")?;
        let now = time::instant(now)?;
        Ok(code_status_js(self.0.purchase_code_status(&code, now)?))
    }

    /// Starts a purchase of `units` units with a purchase code, which it reserves until
    /// the purchase ends (consumed by its success, released otherwise).
    ///
    /// Throws `SaifuError`: `time.invalid`; `charge.invalid_units` (not a whole count; a
    /// value that is no `number`, a string included, is not coerced); then in DESIGN §5's
    /// order `charge.duplicate_id`; `charge.unknown_program`; `purchase.invalid_code`;
    /// `purchase.unknown_code`; `purchase.code_used`; `purchase.code_in_use` (`charge`);
    /// `charge.invalid_units`; `charge.method_not_allowed` (`method`);
    /// `charge.brand_not_accepted`; the guard's codes.
    #[wasm_bindgen(js_name = startPurchase, unchecked_return_type = "Charge")]
    pub fn start_purchase(
        &mut self,
        id: &JsString,
        program: &JsString,
        code: &JsString,
        #[wasm_bindgen(unchecked_param_type = "number")] count: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "ChargeMethod")] how: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let id = input::text(id, "id")?;
        let program = input::text(program, "program")?;
        let code = input::text(code, "code")?;
        let how = method(how)?;
        let now = time::instant(now)?;
        let count = units(input::number(count))?;
        let charge = self
            .0
            .start_purchase(&id, &program, &code, count, how, now)?;
        Ok(charge_js(charge))
    }

    /// The quote of a purchase (チャージ額確認): the value per scope, the total and the
    /// lots' expiry, with `start`'s checks other than the code's. `method` omitted or
    /// null: not checked.
    ///
    /// Throws `SaifuError`: `charge.invalid_units` (not a whole count; a value that is no
    /// `number`, a string included, is not coerced); then `charge.unknown_program`;
    /// `charge.invalid_units`; with a method, `charge.method_not_allowed` and
    /// `charge.brand_not_accepted`.
    #[wasm_bindgen(unchecked_return_type = "PurchaseQuote")]
    pub fn quote(
        &self,
        program: &JsString,
        #[wasm_bindgen(unchecked_param_type = "number")] count: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ChargeMethod | null")] how: Option<JsValue>,
    ) -> Result<JsValue, JsFailure> {
        let program = input::text(program, "program")?;
        let count = units(input::number(count))?;
        let how = match input::optional(how.unwrap_or(JsValue::UNDEFINED)) {
            Some(how) => Some(method(&how)?),
            None => None,
        };
        let q = self.0.quote(&program, count, how)?;
        Ok(purchase_quote_js(&q))
    }
}
