//! The sign-in and MyNaPoint flows as random step sequences with random inputs (PINs,
//! one-time passwords, security codes, time passing), each step also run on a twin
//! rebuilt from the saved parts, with the invariants checked after every step
//! (`saifu_fuzzing::account_flows`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    saifu_fuzzing::account_flows(data);
});
