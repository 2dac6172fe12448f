//! J-Coin Pay's credentials (core's `saifu::JCoinCredentials`): checked by core, kept in
//! wasm memory (zeroed when the object is freed) and handed to the provider by the app; a
//! charge keeps the masked ID only.

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::error::JsFailure;
use crate::input::{self, object};

/// The J-Coin ID, password and confirmation code the user entered at 確認. JSON,
/// `String()` and `console.log` of the object show the masked ID only.
#[wasm_bindgen]
pub struct JCoinCredentials(pub(crate) saifu::JCoinCredentials);

#[wasm_bindgen]
impl JCoinCredentials {
    /// Checks the three as typed, in the seed's order.
    ///
    /// Throws `SaifuError`: `jcoin.invalid_id` (trimmed, full-width letters and digits as
    /// ASCII: 1–32 letters and digits); `jcoin.invalid_password` (empty or over 64
    /// characters; taken as typed); `jcoin.invalid_code` (4–8 digits). No error repeats
    /// the input.
    #[wasm_bindgen(constructor)]
    pub fn new(id: &JsString, password: &JsString, code: &JsString) -> Result<Self, JsFailure> {
        let id = input::text(id, "id")?;
        let password = Zeroizing::new(input::text(password, "password")?);
        let code = Zeroizing::new(input::text(code, "code")?);
        Ok(JCoinCredentials(saifu::JCoinCredentials::parse(
            &id, &password, &code,
        )?))
    }

    /// The normalised J-Coin ID, for the provider.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.0.id().as_str().to_owned()
    }

    /// The ID as a charge keeps it: `****` and its last 4 characters.
    #[wasm_bindgen(getter, js_name = maskedId)]
    pub fn masked_id(&self) -> String {
        self.0.id().masked()
    }

    /// The password as typed, for the provider. A copy the caller must protect.
    pub fn password(&self) -> String {
        self.0.password().to_owned()
    }

    /// The confirmation code's digits (ASCII), for the provider.
    #[wasm_bindgen(js_name = confirmationCode)]
    pub fn confirmation_code(&self) -> String {
        self.0.confirmation_code().to_owned()
    }

    /// What `JSON.stringify` writes: the masked ID only.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ maskedId: string }")]
    pub fn to_json(&self) -> JsValue {
        object(&[("maskedId", self.0.id().masked().into())])
    }

    /// The masked ID.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.id().masked()
    }
}
