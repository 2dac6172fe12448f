//! saifu-wasm: the wasm-bindgen layer of saifu (JavaScript and TypeScript).
//!
//! Thin by rule (DESIGN.md §1): each export converts, calls `saifu`, and maps the error
//! into a thrown `SaifuError` ([`error`]). Every export has a camelCase `js_name`;
//! structured values are plain JS objects, read and built with a few `js_sys` calls
//! (`input`) and typed by hand-written TypeScript declarations next to the code.
//!
//! One module per concept: [`money`], [`card`], [`on_file`] (cards on file), [`formats`],
//! [`payment_slip`] (slips and Smart Pit), [`emvqr`], [`wallet`], [`qrpay`], [`charge`],
//! [`credential`], [`account`] (sign-up, the phone's last 4), [`signin`];
//! [`time`] converts `Date`s and dates, [`error`] the failures.

pub mod account;
pub mod card;
pub mod charge;
pub mod credential;
pub mod emvqr;
pub mod error;
pub mod formats;
mod input;
pub mod jcoin;
pub mod money;
pub mod on_file;
pub mod payment_slip;
pub mod purchase;
pub mod qrpay;
pub mod signin;
mod time;
pub mod user_state;
pub mod wallet;

/// The heap in WebAssembly: talc instead of std's dlmalloc, a few KB smaller in the
/// `.wasm` and faster (single-threaded builds only; native builds keep the system one).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static HEAP: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use error::{JsFailure, SaifuError, is_saifu_error};
use wasm_bindgen::prelude::*;

/// The version of the saifu bindings, e.g. `"0.1.0"`.
#[wasm_bindgen(js_name = saifuVersion)]
pub fn saifu_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
