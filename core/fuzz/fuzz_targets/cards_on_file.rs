//! A user's cards on file as random command sequences: confirmations and registrations
//! of every kind of typed card, time going forward and back, billing months, restarts
//! from the document and from the records, with the invariants checked after every step
//! (`saifu_fuzzing::cards_on_file`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    saifu_fuzzing::cards_on_file(data);
});
