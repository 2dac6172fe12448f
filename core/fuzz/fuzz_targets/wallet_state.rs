//! Persisted wallets and event logs: loading never panics; what loads, saves back the
//! same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saifu::fuzzing;

fuzz_target!(|json: &str| {
    fuzzing::wallet_state(json);
});
