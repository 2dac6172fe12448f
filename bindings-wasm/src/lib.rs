//! saifu-wasm: the wasm-bindgen layer of saifu (JavaScript and TypeScript).
//!
//! Thin by rule (DESIGN.md §1): each export converts, calls `saifu`, and maps the error
//! into a thrown `SaifuError` ([`error`]). Every export has a camelCase `js_name`;
//! structured values are plain JS objects, read and built with a few `js_sys` calls
//! (`input`), each typed by a TypeScript declaration written once with the code that
//! reads or builds it (`input`'s macros).
//!
//! One module per concept: [`money`], [`card`], [`on_file`] (cards on file), [`formats`],
//! [`payment_slip`] (slips and Smart Pit), [`emvqr`], [`wallet`], [`qrpay`], [`charge`],
//! [`credential`], [`account`] (sign-up, the phone's last 4), [`signin`];
//! `time` converts `Date`s and dates, [`error`] the failures.

// What `saifu/checkout` holds (no `full` feature, see Cargo.toml): cards, money, voucher
// codes, Smart Pit numbers and passwords (formats), payment numbers, reading EMV/JPQR
// codes, the error. A few exports of these modules are `full` only, each marked there
// (bindings-wasm/README.md "Size" gives what each would cost the checkout .wasm), and
// helpers that only they or the modules below call are unused in that build.
pub mod card;
#[cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]
pub mod emvqr;
pub mod error;
pub mod formats;
#[cfg_attr(not(feature = "full"), allow(dead_code))]
mod input;
#[cfg_attr(not(feature = "full"), allow(dead_code))]
pub mod money;
#[cfg_attr(not(feature = "full"), allow(dead_code))]
pub mod payment_slip;
#[cfg_attr(not(feature = "full"), allow(dead_code))]
mod time;

// The rest of the API (`saifu`): the wallet and its flows, charges and purchases, cards
// on file, credentials, sign-up and sign-in.
#[cfg(feature = "full")]
pub mod account;
#[cfg(feature = "full")]
pub mod charge;
#[cfg(feature = "full")]
pub mod credential;
#[cfg(feature = "full")]
pub mod jcoin;
#[cfg(feature = "full")]
pub mod on_file;
#[cfg(feature = "full")]
pub mod purchase;
#[cfg(feature = "full")]
pub mod qrpay;
#[cfg(feature = "full")]
pub mod signin;
#[cfg(feature = "full")]
pub mod user_state;
#[cfg(feature = "full")]
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
