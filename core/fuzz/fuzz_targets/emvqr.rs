//! EMV QR payloads: parse never panics; what parses, builds back and parses the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|payload: &str| {
    saifu_fuzzing::emvqr(payload);
});
