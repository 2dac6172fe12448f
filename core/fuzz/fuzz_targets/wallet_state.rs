//! Persisted wallets and event logs: loading never panics; what loads, saves back the
//! same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|json: &str| {
    saifu_fuzzing::wallet_state(json);
});
