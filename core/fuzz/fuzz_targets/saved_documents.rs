//! Saved charges and cards on file: loading never panics and answers a `state.*` code;
//! what loads saves back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|json: &str| {
    saifu_fuzzing::saved_documents(json);
});
