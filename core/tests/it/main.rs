//! saifu's integration tests, one binary (`cargo test -p saifu --test it`; a module's
//! alone with `cargo test -p saifu --test it integrity::`). The conformance runner is
//! its own binary (`--test conformance`), since it prints its own summary.
//!
//! Tests may unwrap, index and do plain arithmetic: core's lints deny them in the library.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod account_flows;
mod bad_input;
mod cards_properties;
mod charges_events;
mod charges_properties;
mod credit;
mod error_docs;
mod fuzz_corpus;
mod integrity;
mod program;
mod purchase_properties;
mod saved_charges;
mod secrets;
mod support;
mod user_state;
mod wallet_properties;
mod wallet_rules;
