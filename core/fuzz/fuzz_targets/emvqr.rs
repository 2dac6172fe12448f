//! EMV QR payloads: parse never panics; what parses, builds back and parses the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saifu::fuzzing;

fuzz_target!(|payload: &str| {
    fuzzing::emvqr(payload);
});
