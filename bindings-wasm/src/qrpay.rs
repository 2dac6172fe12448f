//! QR payments (seed 003): (A) the customer shows a one-time code, (B) the customer
//! scans the merchant's JPQR code. Both are state machines with cancellation; a step the
//! current state does not allow throws `qr.illegal_transition` (`state`, core's
//! snake_case id such as `amount_shown`).

use js_sys::JsString;
use saifu::chrono::TimeDelta;
use wasm_bindgen::prelude::*;

use crate::emvqr::merchant_qr_js;
use crate::error::JsFailure;
use crate::input;
use crate::money::{self, plain};
use crate::time;
use crate::wallet::{Wallet, quote_js, receipt_js};

input::js_union! {
    /// Where a customer-presented payment stands: the token is on screen, waiting for the
    /// merchant (`showing`); the merchant scanned it and entered the amount, the customer sees
    /// it (`amountShown`: the merchant's id, yen); paid (`completed`); cancelled by the
    /// customer.
    type "CustomerQrState", tag "kind",
    fn customer_state_js(state: &saifu::CustomerQrState) {
        [saifu::CustomerQrState::Showing] => "showing" {},
        [saifu::CustomerQrState::AmountShown { merchant, amount }] => "amountShown" {
            "merchant": "string" = merchant.as_str().into(),
            "amount": "number" = plain(*amount).into(),
        },
        [saifu::CustomerQrState::Completed { receipt }] => "completed" {
            "receipt": "Receipt" = receipt_js(receipt),
        },
        [saifu::CustomerQrState::Cancelled] => "cancelled" {},
    }
}

input::js_union! {
    /// Where a merchant-presented payment stands: the code is read, the customer checks the
    /// merchant's name (`scanned`); an amount is entered or the code carried one
    /// (`amountEntered`, yen); お支払確認, the customer shows this screen to the cashier
    /// (`confirming`: what the payment will draw on); お支払 succeeded (`completed`);
    /// cancelled by the customer.
    type "MerchantQrState", tag "kind",
    fn merchant_state_js(state: &saifu::MerchantQrState) {
        [saifu::MerchantQrState::Scanned] => "scanned" {},
        [saifu::MerchantQrState::AmountEntered { amount }] => "amountEntered" {
            "amount": "number" = plain(*amount).into(),
        },
        [saifu::MerchantQrState::Confirming { quote }] => "confirming" {
            "quote": "Quote" = quote_js(quote),
        },
        [saifu::MerchantQrState::Completed { receipt }] => "completed" {
            "receipt": "Receipt" = receipt_js(receipt),
        },
        [saifu::MerchantQrState::Cancelled] => "cancelled" {},
    }
}

/// (A) A customer-presented QR payment: the wallet shows a one-time token, the merchant
/// scans it and enters the amount, the customer sees it, the payment completes.
#[wasm_bindgen]
pub struct CustomerQrPayment(saifu::CustomerQrPayment);

#[wasm_bindgen]
impl CustomerQrPayment {
    /// Starts showing `token` (1–256 printable ASCII characters), valid for
    /// `[issuedAt, issuedAt + validForSeconds)`.
    ///
    /// Throws `SaifuError`: `qr.invalid_token`; `time.invalid`; the number checks of
    /// amounts for `validForSeconds`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        token: &JsString,
        #[wasm_bindgen(js_name = issuedAt, unchecked_param_type = "Date")] issued_at: &JsValue,
        #[wasm_bindgen(js_name = validForSeconds, unchecked_param_type = "number")]
        valid_for_seconds: &JsValue,
    ) -> Result<CustomerQrPayment, JsFailure> {
        let token = input::text(token, "token")?;
        let issued_at = time::instant(issued_at)?;
        let seconds = money::whole(input::number(valid_for_seconds), saifu::Currency::JPY)?;
        // Whole seconds within ±(2^53 − 1) always fit a TimeDelta.
        let valid_for = TimeDelta::try_seconds(seconds).ok_or(saifu::Error::MoneyOutOfRange)?;
        Ok(CustomerQrPayment(saifu::CustomerQrPayment::new(
            &token, issued_at, valid_for,
        )?))
    }

    /// The token to render as a QR code.
    #[wasm_bindgen(getter)]
    pub fn token(&self) -> String {
        self.0.token().to_owned()
    }

    /// The first instant the token no longer works, RFC 3339 in JST.
    #[wasm_bindgen(getter, js_name = expiresAt)]
    pub fn expires_at(&self) -> String {
        time::rfc3339(&self.0.expires_at())
    }

    /// Where the payment stands.
    #[wasm_bindgen(getter, unchecked_return_type = "CustomerQrState")]
    pub fn state(&self) -> JsValue {
        customer_state_js(self.0.state())
    }

    /// The merchant scanned a token and entered `amount` yen: the customer now sees it.
    ///
    /// Throws `SaifuError`, in order: `qr.illegal_transition` (not showing),
    /// `qr.token_expired`, `qr.token_mismatch`, `wallet.invalid_amount`.
    #[wasm_bindgen(js_name = merchantRequest)]
    pub fn merchant_request(
        &mut self,
        #[wasm_bindgen(js_name = scannedToken)] scanned_token: &JsString,
        merchant: &JsString,
        #[wasm_bindgen(unchecked_param_type = "number")] amount: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<(), JsFailure> {
        let scanned_token = input::text(scanned_token, "scannedToken")?;
        let merchant = input::text(merchant, "merchant")?;
        let amount = money::yen(input::number(amount))?;
        let at = time::instant(at)?;
        Ok(self
            .0
            .merchant_request(&scanned_token, &merchant, amount, at)?)
    }

    /// Makes the payment the merchant requested.
    ///
    /// Throws `SaifuError`: `qr.illegal_transition` (no amount shown), `qr.token_expired`,
    /// any error of `Wallet.pay` (then the flow stays where it was and nothing changes).
    #[wasm_bindgen(unchecked_return_type = "Receipt")]
    pub fn complete(
        &mut self,
        wallet: &mut Wallet,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let at = time::instant(at)?;
        let r = self.0.complete(&mut wallet.0, at)?;
        Ok(receipt_js(&r))
    }

    /// Cancels (while showing or while the amount is shown). Throws `SaifuError`
    /// `qr.illegal_transition` once completed or cancelled.
    pub fn cancel(&mut self) -> Result<(), JsFailure> {
        Ok(self.0.cancel()?)
    }
}

/// (B) A merchant-presented QR payment: the customer scans the merchant's JPQR code,
/// enters the amount, confirms (お支払確認) and pays (お支払).
#[wasm_bindgen]
pub struct MerchantQrPayment(saifu::MerchantQrPayment);

#[wasm_bindgen]
impl MerchantQrPayment {
    /// Reads a merchant's code and finds the merchant in the wallet by its JPQR id.
    ///
    /// Throws `SaifuError`: the errors of `parseMerchantQr`; `wallet.unknown_merchant`
    /// (`merchant`: the code's merchant id); for a code carrying an amount, the errors of
    /// `merchantQrAmount` and `money.currency_mismatch` (not yen).
    pub fn scan(wallet: &Wallet, payload: &JsString) -> Result<MerchantQrPayment, JsFailure> {
        let payload = input::text(payload, "payload")?;
        Ok(MerchantQrPayment(saifu::MerchantQrPayment::scan(
            &wallet.0, &payload,
        )?))
    }

    /// The merchant's id in the wallet.
    #[wasm_bindgen(getter)]
    pub fn merchant(&self) -> String {
        self.0.merchant().to_owned()
    }

    /// The merchant's display name, for the customer to check with the cashier.
    #[wasm_bindgen(getter, js_name = merchantName)]
    pub fn merchant_name(&self) -> String {
        self.0.merchant_name().to_owned()
    }

    /// The code that was scanned.
    #[wasm_bindgen(getter, unchecked_return_type = "MerchantQr")]
    pub fn qr(&self) -> JsValue {
        merchant_qr_js(self.0.qr())
    }

    /// Where the payment stands.
    #[wasm_bindgen(getter, unchecked_return_type = "MerchantQrState")]
    pub fn state(&self) -> JsValue {
        merchant_state_js(self.0.state())
    }

    /// Enters (or corrects) the amount, yen.
    ///
    /// Throws `SaifuError`, in order: `qr.illegal_transition` (confirming, completed or
    /// cancelled), `qr.amount_fixed` (the code carries the amount),
    /// `wallet.invalid_amount`.
    #[wasm_bindgen(js_name = enterAmount)]
    pub fn enter_amount(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] amount: &JsValue,
    ) -> Result<(), JsFailure> {
        Ok(self.0.enter_amount(money::yen(input::number(amount))?)?)
    }

    /// お支払確認: works the payment out against the wallet, to show before paying.
    ///
    /// Throws `SaifuError`: `qr.illegal_transition` (no amount yet, or past this step);
    /// the errors of `Wallet.quote` (then the flow stays where it was).
    #[wasm_bindgen(unchecked_return_type = "Quote")]
    pub fn confirm(
        &mut self,
        wallet: &Wallet,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let at = time::instant(at)?;
        let q = self.0.confirm(&wallet.0, at)?;
        Ok(quote_js(&q))
    }

    /// お支払: pays.
    ///
    /// Throws `SaifuError`: `qr.illegal_transition` (not confirming); the errors of
    /// `Wallet.pay` (then the flow stays confirming and the wallet unchanged).
    #[wasm_bindgen(unchecked_return_type = "Receipt")]
    pub fn pay(
        &mut self,
        wallet: &mut Wallet,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let at = time::instant(at)?;
        let r = self.0.pay(&mut wallet.0, at)?;
        Ok(receipt_js(&r))
    }

    /// Cancels (any time before it completes). Throws `SaifuError`
    /// `qr.illegal_transition` once completed or cancelled.
    pub fn cancel(&mut self) -> Result<(), JsFailure> {
        Ok(self.0.cancel()?)
    }
}
