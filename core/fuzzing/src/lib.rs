//! saifu's fuzz target bodies, shared by the cargo-fuzz targets (`core/fuzz`) and the
//! integration test that replays their corpora (`core/tests/it/fuzz_corpus.rs`), and the
//! serde_json reference saifu's own JSON codec is checked against
//! (`core/tests/it/wallet_properties.rs` uses it too). A dev-only crate (never published,
//! `publish = false`): these functions panic on purpose when a property fails, which is
//! how a fuzzer reports it; the library proper never panics.
//!
//! Everything goes through saifu's public API, with its `serde` feature for the
//! reference, but for [`saifu::unchecked`] (hidden from saifu's docs): the codec's
//! reading of a wallet's records and of its events before the wallet's checks, and the
//! checks on the records serde_json reads, so the two readers are compared on inputs the
//! checks refuse as well and serde's loading runs the same checks.

mod flows;
mod mutate;
mod reference;

pub use flows::{account_flows, cards_on_file, user_flows};
pub use mutate::mutate;
pub use reference::{
    assert_same_load, codec_agrees, raw_states, refuses_an_undocumented_form, serde_from_json,
    serde_replay_json, serde_to_json,
};

use saifu::*;

/// Every parser of what people type, on the same text.
pub fn text_parsers(text: &str) {
    if let Ok(card) = CardNumber::parse(text) {
        let again = CardNumber::parse(&card.display()).expect("a card's display parses");
        assert_eq!(again, card);
        assert_eq!(
            again
                .masked()
                .chars()
                .filter(|c| c.is_ascii_digit())
                .count(),
            4
        );
        let detected = CardNumber::detect(text);
        assert!(
            detected.complete && detected.potentially_valid,
            "a valid number is complete"
        );
    }
    let _ = CardNumber::detect(text);
    let _ = CardExpiry::parse(text);
    for brand in Brand::ALL {
        if let Ok(code) = SecurityCode::parse(text, brand) {
            assert_eq!(
                code.masked().len(),
                usize::from(brand.security_code_length())
            );
        }
    }
    for currency in [Currency::JPY, Currency::USD] {
        if let Ok(m) = Money::parse(text, currency) {
            assert!(m.minor() >= 0 && m.minor() <= MAX_MINOR);
            let written = m
                .format(MoneyStyle::Symbol)
                .expect("symbol style formats any currency");
            let back = written.strip_prefix("USD ").unwrap_or(&written);
            assert_eq!(
                Money::parse(back, currency).expect("formatted money parses"),
                m
            );
        }
    }
    if let Ok(code) = VoucherCode::parse(text) {
        assert_eq!(VoucherCode::parse(code.as_str()).expect("round trip"), code);
    }
    if let Ok(n) = SmartPitNumber::parse(text) {
        assert_eq!(SmartPitNumber::parse(&n.display()).expect("round trip"), n);
    }
    let _ = check_password(text);
    let _ = Currency::from_code(text);
    if let Ok(code) = PurchaseCode::parse(text) {
        assert_eq!(
            PurchaseCode::parse(code.as_str()).expect("round trip"),
            code
        );
    }
    if let Ok(id) = JCoinId::parse(text) {
        assert_eq!(JCoinId::parse(id.as_str()).expect("round trip"), id);
        assert!(id.masked().starts_with("****") && id.masked().len() <= 8);
    }
    // The three J-Coin fields from one text, split at its first two tabs.
    let mut parts = text.splitn(3, '\t');
    let (id, password, code) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    if let Ok(c) = JCoinCredentials::parse(id, password, code) {
        assert_eq!(c.password(), password, "the password is taken as typed");
        // Debug shows the masked ID and nothing else of what was typed.
        let expected = format!(
            "JCoinCredentials {{ id: JCoinId({:?}), password: \"<hidden>\", confirmation_code: \"<hidden>\" }}",
            c.id().masked()
        );
        assert_eq!(format!("{c:?}"), expected);
    }
    for kind in SlipKind::ALL {
        for field in PaymentField::ALL {
            if let Ok(n) = PaymentNumber::parse(kind, field, text) {
                let again = PaymentNumber::parse(kind, field, n.digits()).expect("round trip");
                assert_eq!(again.digits(), n.digits());
            }
        }
    }
    if let Ok(phone) = PhoneNumber::parse(text) {
        let _ = phone.check_last4(text);
    }
    let _ = check_email(text);
    let _ = LoginId::parse(text);
}

/// Saved charges, cards on file and user states, and the charges' event log: loading
/// and replaying never panic and answer a coded error; what loads saves back to the
/// same bytes and loads equal.
pub fn saved_documents(json: &str) {
    match Charges::from_json(json) {
        Ok(charges) => {
            let saved = charges.to_json();
            let again = Charges::from_json(&saved).expect("saved charges load");
            assert_eq!(again, charges);
            assert_eq!(again.to_json(), saved);
        }
        Err(e) => assert!(e.code().starts_with("state."), "{}", e.code()),
    }
    match CardsOnFile::from_json(json) {
        Ok(cards) => {
            let saved = cards.to_json();
            let again = CardsOnFile::from_json(&saved).expect("saved cards load");
            assert_eq!(again, cards);
        }
        Err(e) => assert!(e.code().starts_with("state."), "{}", e.code()),
    }
    user_state(json);
    match Charges::replay_json(json) {
        Ok(charges) => {
            let saved = charges.to_json();
            let again = Charges::from_json(&saved).expect("replayed charges load");
            assert_eq!(again, charges);
        }
        Err(e) => assert!(e.code().starts_with("state."), "{}", e.code()),
    }
}

/// The user's state document, read with and without the flows' key: what loads saves
/// the same document again, and loads from it the same.
fn user_state(json: &str) {
    let settings = FlowSettings {
        key: SecretKey::new(&[7u8; 32]).expect("a 32-byte key"),
        sign_in: SignInConfig::default(),
        mynapoint: Some(MyNaPointConfig::new(vec!["aeon_card_waon".into()])),
    };
    for loaded in [
        UserState::from_json(json),
        UserState::from_json_with(json, &settings),
    ] {
        match loaded {
            Ok(state) => {
                let saved = state.to_json();
                let again =
                    UserState::from_json_with(&saved, &settings).expect("a saved user state loads");
                assert_eq!(again, state);
                assert_eq!(again.to_json(), saved);
            }
            Err(e) => {
                let code = e.code();
                assert!(
                    ["state.", "credential.", "time.", "signin.", "mynapoint."]
                        .iter()
                        .any(|p| code.starts_with(p)),
                    "{code}"
                );
            }
        }
    }
    if let Ok((wallet, charges)) = UserState::from_json_v1(json) {
        let saved = UserState::to_json_v1(&wallet, &charges);
        assert_eq!(
            UserState::from_json_v1(&saved).expect("a version-1 document loads"),
            (wallet, charges)
        );
    }
}

/// EMV QR payloads: as given, and with a correct CRC appended, so the fuzzer reaches
/// the field reader without having to guess checksums.
pub fn emvqr(payload: &str) {
    emvqr_one(payload);
    let mut fixed = format!("{payload}6304");
    let crc = emv_crc(fixed.as_bytes());
    fixed.push_str(&format!("{crc:04X}"));
    emvqr_one(&fixed);
}

/// EMV QR's checksum (EMVCo's CRC-16: polynomial 0x1021, initial 0xFFFF, not
/// reflected), from the `crc` crate rather than core's own.
fn emv_crc(bytes: &[u8]) -> u16 {
    crc::Crc::<u16>::new(&crc::CRC_16_IBM_3740).checksum(bytes)
}

fn emvqr_one(payload: &str) {
    if let Ok(qr) = MerchantQr::parse(payload) {
        let _ = qr.amount_money();
        let _ = qr.jpqr_merchant_id();
        if let Ok(built) = qr.to_payload() {
            assert_eq!(
                MerchantQr::parse(&built).expect("a built payload parses"),
                qr
            );
        }
    }
}

/// Persisted wallets and event logs; saifu's JSON codec reads them as serde_json does.
pub fn wallet_state(json: &str) {
    codec_agrees(json);
    if let Ok(wallet) = Wallet::from_json(json) {
        let saved = wallet.to_json().expect("a loaded wallet saves");
        assert_eq!(
            Wallet::from_json(&saved).expect("a saved wallet loads"),
            wallet
        );
    }
    if let Ok(wallet) = Wallet::replay_json(json) {
        let saved = wallet.to_json().expect("a replayed wallet saves");
        assert_eq!(
            Wallet::from_json(&saved).expect("a saved wallet loads"),
            wallet
        );
    }
}

/// Seed 003's product: ¥10,000 a unit for 8,000 small-stores-only + 5,000 all-stores
/// value (a 30 % premium), 1–4 units, by card or at a convenience store, lots to
/// 2026-12-31.
pub fn seed_003_product() -> saifu::Product {
    use saifu::{ChargeMethodKind, Money, Product, ProductLine, Scope};
    Product {
        unit_price: Money::jpy(10_000).unwrap(),
        max_units: 4,
        breakdown: vec![
            ProductLine {
                scope: Scope::SmallStoresOnly,
                value: Money::jpy(8_000).unwrap(),
            },
            ProductLine {
                scope: Scope::AllStores,
                value: Money::jpy(5_000).unwrap(),
            },
        ],
        methods: vec![ChargeMethodKind::Card, ChargeMethodKind::Konbini],
        lots_expire_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `crc` crate's checksum is the one saifu writes and checks: a payload saifu
    /// builds ends with it, and `emvqr` appends it to make a payload saifu accepts.
    #[test]
    fn the_crc_is_emvqrs() {
        let payload = "00020101021126590019jp.or.paymentsjapan0113000000000000102040001030700000015204581253033925802JP5914TENNOZU HANTEN6009SHINAGAWA630471E5";
        let built = MerchantQr::parse(payload).unwrap().to_payload().unwrap();
        let (body, crc) = built.split_at(built.len() - 4);
        assert_eq!(crc, format!("{:04X}", emv_crc(body.as_bytes())));
        let unsigned = &payload[..payload.len() - 8];
        let signed = format!(
            "{unsigned}6304{:04X}",
            emv_crc(format!("{unsigned}6304").as_bytes())
        );
        assert_eq!(signed, payload);
    }
}
