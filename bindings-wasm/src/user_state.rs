//! A charge's success credits the wallet in the same step (`Charges.notifyInto`), and the
//! user's state saves wallet and charges as one document (`userStateToJson`,
//! `userStateFromJson`; docs/state.md "User state").

use js_sys::JsString;
use wasm_bindgen::prelude::*;

use crate::charge::{Charges, EVENTS, notified_js};
use crate::error::JsFailure;
use crate::input::{self, named};
use crate::time;
use crate::wallet::Wallet;

// An issued lot from JavaScript: the shape first, then the code as core reads it.
input::js_input! {
    /// One lot as the provider's success notification issues it.
    interface "IssuedLot",
    fn issued_lot(value, "issued lot") -> saifu::IssuedLot {
        /// The lot's id in the wallet, unique there.
        "id": "string" => id = input::text_field,
        /// Its code: 16 ASCII letters and digits.
        "code": "string" => code = input::text_field,
        /// Its management number.
        "managementNo": "string" => management_no = input::text_field,
    } {
        Ok(saifu::IssuedLot { id, code: saifu::VoucherCode::parse(&code)?, management_no })
    }
}

#[wasm_bindgen]
impl Charges {
    /// Adds a program to these charges and to `wallet`, as one record: what a charge of
    /// it buys, the wallet spends. Both take it or neither changes.
    ///
    /// Throws `SaifuError`: `wallet.duplicate_id` or `charge.duplicate_id` (`id`);
    /// `wallet.no_payment_id_prefix` (`program`) without a `paymentIdPrefix`;
    /// `charge.invalid_units` for a product it may not sell; `input.invalid` for a value
    /// of the wrong shape.
    #[wasm_bindgen(js_name = addProgramWith)]
    pub fn add_program_with(
        &mut self,
        wallet: &mut Wallet,
        #[wasm_bindgen(unchecked_param_type = "Program")] program: &JsValue,
    ) -> Result<(), JsFailure> {
        let program = crate::charge::program(program)?;
        Ok(self.0.add_program_with(&mut wallet.0, program)?)
    }

    /// Applies a provider notification and, for the charge's success (3-D Secure
    /// passed, J-Coin authorized, cash paid), credits `wallet` in the same step: one lot
    /// per lot the charge creates (the product's breakdown × units, or one all-stores
    /// lot) under `issued`'s ids, codes and management numbers in that order, with the
    /// product's expiry, and the history's charge entry. Any other notification takes
    /// no lots (`[]`).
    ///
    /// Throws `SaifuError`: those of `notify`; `voucher.invalid_code`;
    /// `charge.issued_lots_mismatch` (`creates`, `named`); the wallet's
    /// `wallet.unknown_program`, `wallet.duplicate_id`, `money.out_of_range`. A failure
    /// changes neither the charges nor the wallet.
    #[wasm_bindgen(js_name = notifyInto, unchecked_return_type = "Notified")]
    pub fn notify_into(
        &mut self,
        wallet: &mut Wallet,
        id: &JsString,
        #[wasm_bindgen(unchecked_param_type = "ChargeEvent")] event: &JsString,
        #[wasm_bindgen(unchecked_param_type = "IssuedLot[]")] issued: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let id = input::text(id, "id")?;
        let event = named(EVENTS, &input::text(event, "event")?, "event")?;
        let issued = input::items(issued, "issued", issued_lot)?;
        let now = time::instant(now)?;
        let n = self.0.notify_into(&mut wallet.0, &id, event, issued, now)?;
        Ok(notified_js(&n))
    }
}

/// The wallet and the charges as one versioned JSON document, of version 1 (docs/state.md
/// "User state"): what Kotlin, Swift and Python read too. Version 2 adds the cards on
/// file and the flows, which JavaScript saves on their own (`cards.toJson()`,
/// `signIn.parts()`). No secret is in it.
#[wasm_bindgen(js_name = userStateToJson)]
pub fn user_state_to_json(wallet: &Wallet, charges: &Charges) -> String {
    saifu::UserState::to_json_v1(&wallet.0, &charges.0)
}

input::js_object! {
    /// A user's wallet and charges, loaded from one document.
    interface "UserState",
    fn user_state_js(state: (Wallet, Charges)) {
        /// The wallet.
        "wallet": "Wallet" = state.0.into(),
        /// The charges.
        "charges": "Charges" = state.1.into(),
    }
}

/// Loads a document written by `userStateToJson`: a new wallet and new charges.
///
/// Throws `SaifuError`: `state.malformed`, `state.unsupported_version` (a document of
/// version 2, written by Kotlin, Swift or Python, too), and the wallet's and charges'
/// own `state.*` codes.
#[wasm_bindgen(js_name = userStateFromJson, unchecked_return_type = "UserState")]
pub fn user_state_from_json(json: &JsString) -> Result<JsValue, JsFailure> {
    let (wallet, charges) = saifu::UserState::from_json_v1(&input::text(json, "json")?)?;
    Ok(user_state_js((Wallet(wallet), Charges(charges))))
}
