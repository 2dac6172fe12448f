//! The user's flows as random command and event sequences over the wallet and its
//! charges (purchases, crediting notifications, payments, refunds, expiry, restarts),
//! with the invariants checked after every step (`saifu_fuzzing::user_flows`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    saifu_fuzzing::user_flows(data);
});
