//! Replays the fuzz corpora (`core/fuzz/corpus/<target>/`) through the bodies the fuzz
//! targets run, so every input the fuzzer ever kept is checked by plain `cargo test`.

use std::path::Path;

fn replay(target: &str, body: fn(&str)) {
    replay_bytes(target, &|bytes| {
        // libFuzzer hands `&str` targets only valid UTF-8; so do we.
        std::str::from_utf8(bytes).map(body).is_ok()
    });
}

/// Every input of `target`'s corpus through `body`, which says whether it took it.
fn replay_bytes(target: &str, body: &dyn Fn(&[u8]) -> bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        if body(&bytes) {
            n += 1;
        }
    }
    assert!(n > 0, "empty corpus for {target}");
    println!("{target}: {n} inputs replayed");
}

#[test]
fn text_parsers_corpus() {
    replay("text_parsers", saifu_fuzzing::text_parsers);
}

#[test]
fn emvqr_corpus() {
    replay("emvqr", saifu_fuzzing::emvqr);
}

#[test]
fn wallet_state_corpus() {
    replay("wallet_state", saifu_fuzzing::wallet_state);
}

#[test]
fn saved_documents_corpus() {
    replay("saved_documents", saifu_fuzzing::saved_documents);
}

#[test]
fn user_flows_corpus() {
    replay_bytes("user_flows", &|bytes| {
        saifu_fuzzing::user_flows(bytes);
        true
    });
}

#[test]
fn cards_on_file_corpus() {
    replay_bytes("cards_on_file", &|bytes| {
        saifu_fuzzing::cards_on_file(bytes);
        true
    });
}

#[test]
fn account_flows_corpus() {
    replay_bytes("account_flows", &|bytes| {
        saifu_fuzzing::account_flows(bytes);
        true
    });
}
