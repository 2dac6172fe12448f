//! One program registry (DESIGN §6; docs/state.md "Program"): the record a wallet spends
//! is the record charges buy, saved alike, with the documents from before still loading.

use saifu::{
    Brand, ChargeEvent, ChargeMethod, ChargeOrder, Charges, IssuedLot, KonbiniChain, Money,
    Program, UserState, VoucherCode, Wallet, WalletEvent,
};
use serde_json::Value;

use crate::support::{edit, load_code, seed_003_product, t};

fn oyama() -> Program {
    Program {
        accepted_brands: vec![Brand::Visa, Brand::Jcb],
        product: Some(seed_003_product()),
        ..Program::new("oyama", "小山市共通商品券", "OEM2023030001")
    }
}

#[test]
fn one_record_reaches_the_wallet_and_the_charges() {
    let mut state = UserState::default();
    state.add_program(oyama()).unwrap();
    assert_eq!(state.wallet.programs(), [oyama()]);
    assert_eq!(state.charges.programs(), [oyama()]);
    // Each document saves the whole record, and reads it back.
    let wallet = Wallet::from_json(&state.wallet.to_json().unwrap()).unwrap();
    assert_eq!(wallet.programs(), [oyama()]);
    let charges = Charges::from_json(&state.charges.to_json()).unwrap();
    assert_eq!(charges.programs(), [oyama()]);
    let saved: Value = serde_json::from_str(&state.wallet.to_json().unwrap()).unwrap();
    assert_eq!(
        saved["programs"][0]["accepted_brands"],
        serde_json::json!(["visa", "jcb"])
    );
    assert_eq!(saved["programs"][0]["product"]["max_units"], 4);
}

#[test]
fn a_charge_of_the_record_credits_the_wallet_that_spends_it() {
    let mut state = UserState::default();
    state.add_program(oyama()).unwrap();
    let at = t("2026-11-23T10:00:00+09:00");
    let UserState {
        wallet, charges, ..
    } = &mut state;
    let lawson = ChargeMethod::Konbini {
        chain: KonbiniChain::Lawson,
    };
    charges
        .start("k1", "oyama", lawson, ChargeOrder::Units(1), at)
        .unwrap();
    charges.confirm("k1", at).unwrap();
    charges.pay("k1", at).unwrap();
    let issued = ["L1", "L2"].map(|id| IssuedLot {
        id: id.into(),
        code: VoucherCode::parse("N7af3c1d7AV9b2e4").unwrap(),
        management_no: "d012104262000001".into(),
    });
    charges
        .notify_into(wallet, "k1", ChargeEvent::Paid, issued.to_vec(), at)
        .unwrap();
    assert_eq!(
        wallet.balance(at).unwrap().total,
        Money::jpy(13_000).unwrap()
    );
}

#[test]
fn adding_to_both_is_all_or_nothing() {
    let mut state = UserState::default();
    // No prefix: the wallet refuses it, so the charges do not take it either.
    let charges_only = Program {
        payment_id_prefix: None,
        ..oyama()
    };
    let e = state.add_program(charges_only.clone()).unwrap_err();
    assert_eq!(e.code(), "wallet.no_payment_id_prefix");
    assert!(state.wallet.programs().is_empty() && state.charges.programs().is_empty());
    // The charges hold it already: the wallet does not take it.
    state.charges.add_program(charges_only).unwrap();
    let e = state.add_program(oyama()).unwrap_err();
    assert_eq!(e.code(), "charge.duplicate_id");
    assert!(state.wallet.programs().is_empty());
    // A product no one may sell: refused by the wallet as by the charges.
    let mut bad = seed_003_product();
    bad.max_units = 0;
    let bad = Program {
        id: "bad".into(),
        product: Some(bad),
        ..oyama()
    };
    assert_eq!(
        Wallet::new().add_program(bad.clone()).unwrap_err().code(),
        "charge.invalid_units"
    );
    assert_eq!(
        Charges::new().add_program(bad).unwrap_err().code(),
        "charge.invalid_units"
    );
}

#[test]
fn a_wallet_saved_before_the_one_registry_still_loads() {
    let mut w = Wallet::new();
    w.add_program(Program::new("tennozu", "天王洲キャッシュ", "OEM2020000101"))
        .unwrap();
    // The program as a wallet wrote it before: id, name and prefix only.
    let old = edit(&w, |v| {
        let p = v["programs"][0].as_object_mut().unwrap();
        p.remove("accepted_brands");
        p.remove("product");
    });
    assert!(!old.contains("accepted_brands"));
    let loaded = Wallet::from_json(&old).unwrap();
    assert_eq!(loaded, w);
    assert!(loaded.programs()[0].accepted_brands.is_empty());
    assert!(loaded.programs()[0].product.is_none());
    // Its event log's `program_added` of that form replays too.
    let events = r#"[{"program_added":{"program":{"id":"tennozu","name":"天王洲キャッシュ","payment_id_prefix":"OEM2020000101"}}}]"#;
    assert_eq!(Wallet::replay_json(events).unwrap(), w);
}

#[test]
fn a_wallet_document_refuses_a_program_it_could_not_spend() {
    let mut w = Wallet::new();
    w.add_program(oyama()).unwrap();
    let no_prefix = edit(&w, |v| v["programs"][0]["payment_id_prefix"] = Value::Null);
    assert_eq!(load_code(&no_prefix), "state.malformed");
    let no_units = edit(&w, |v| v["programs"][0]["product"]["max_units"] = 0.into());
    assert_eq!(load_code(&no_units), "state.malformed");
    let typo = edit(&w, |v| v["programs"][0]["brands"] = serde_json::json!([]));
    assert_eq!(load_code(&typo), "state.malformed");
    // The event that adds it is refused, naming the wallet's own code.
    let event = WalletEvent::ProgramAdded {
        program: Program {
            payment_id_prefix: None,
            ..oyama()
        },
    };
    let e = Wallet::replay(&[event]).unwrap_err();
    assert_eq!(
        e,
        saifu::Error::StateInvalidEvent {
            index: 0,
            cause: "wallet.no_payment_id_prefix".into()
        }
    );
}
