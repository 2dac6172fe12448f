//! Every parser of what people type: never a panic, always a coded error or a value
//! that survives a round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    saifu_fuzzing::text_parsers(text);
});
