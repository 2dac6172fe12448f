//! J-Coin Pay's credentials (core's `saifu::JCoinCredentials`), read from a plain
//! `{ id, password, code }` object, checked by core and dropped (zeroed) when the call
//! returns: the app sends the password it holds to the provider itself (a JavaScript
//! string cannot be wiped, so a copy handed back would protect nothing), and a charge
//! keeps the masked ID only.

use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::error::JsFailure;
use crate::input;

// The credentials of a `JCoinEntry`, checked by core in the seed's order.
input::js_input! {
    /// What the user enters to charge by J-Coin Pay, as typed.
    interface "JCoinEntry",
    pub(crate) fn credentials(entry, "credentials") -> saifu::JCoinCredentials {
        /// The J-Coin ID.
        "id": "string" => id = input::text_field,
        /// The J-Coin password, taken as typed.
        "password": "string" => password = input::text_field |v| Zeroizing::new(v),
        /// The confirmation code issued in the J-Coin app.
        "code": "string" => code = input::text_field |v| Zeroizing::new(v),
    } {
        Ok(saifu::JCoinCredentials::parse(&id, &password, &code)?)
    }
}

input::js_object! {
    /// J-Coin credentials as checked: the normalised ID for the provider, the ID as a charge keeps it, the code's ASCII digits.
    interface "JCoinChecked",
    fn checked_js(c: &saifu::JCoinCredentials) {
        /// The ID, normalised, for the provider.
        "id": "string" = c.id().as_str().into(),
        /// The ID as a charge keeps it: masked to its last 4 characters.
        "maskedId": "string" = c.id().masked().into(),
        /// The confirmation code's ASCII digits.
        "confirmationCode": "string" = c.confirmation_code().into(),
    }
}

/// Checks J-Coin credentials as typed (a form's validation), in the seed's order.
///
/// Throws `SaifuError`: `jcoin.invalid_id` (trimmed, full-width letters and digits as
/// ASCII: 1–32 letters and digits); `jcoin.invalid_password` (empty or over 64
/// characters; taken as typed); `jcoin.invalid_code` (4–8 digits). No error repeats the
/// input; the answer holds no password.
#[wasm_bindgen(js_name = checkJcoinCredentials, unchecked_return_type = "JCoinChecked")]
pub fn check_jcoin_credentials(
    #[wasm_bindgen(unchecked_param_type = "JCoinEntry")] entry: &JsValue,
) -> Result<JsValue, JsFailure> {
    let c = credentials(entry)?;
    Ok(checked_js(&c))
}
