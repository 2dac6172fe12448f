//! The user's whole state as one document (issue 18 item 5, issue 17 item 6): cards on
//! file and the flows saved beside the wallet and the charges; a reload restores every
//! counter (a PIN's failures and lock, a one-time password's attempts) and never
//! unlocks; version 1 documents still load; no secret is written.

use crate::support::t;
use saifu::*;

const KEY: [u8; 32] = *b"0123456789abcdefghijklmnopqrstuv";

fn settings() -> FlowSettings {
    FlowSettings {
        key: SecretKey::new(&KEY).unwrap(),
        sign_in: SignInConfig::without_puzzle(),
        mynapoint: Some(MyNaPointConfig::new(vec!["aeon_card_waon".into()])),
    }
}

/// A user with a card on file, a sign-in with one wrong code entered, and a MyNaPoint
/// reservation with two wrong PINs.
fn user() -> UserState {
    let s = settings();
    let at = t("2026-11-23T10:00:00+09:00");
    let mut state = UserState::default();
    let policy = CardPolicy::new(
        FingerprintKey::new(vec![7; 32]).unwrap(),
        vec![Brand::Visa],
        vec![],
        vec![],
    )
    .unwrap();
    let entry = CardEntry {
        number: "4242424242424242",
        expiry: ExpiryInput::Text("12/28"),
        security_code: "123",
    };
    state.cards.register(&policy, &entry, at).unwrap();

    let mut sign_in = SignIn::new(&s.key, s.sign_in).unwrap();
    sign_in.enter_login_id("sc-0012345").unwrap();
    sign_in.password_accepted(true, "0420", at).unwrap();
    assert_eq!(
        sign_in.enter_otp("0000", at).unwrap_err().code(),
        "otp.mismatch"
    );
    state.sign_in = Some(sign_in);

    let mut m = MyNaPoint::new(&s.key, s.mynapoint.clone().unwrap()).unwrap();
    m.choose_card("aeon_card_waon").unwrap();
    m.enter_phone("090-1234-5678").unwrap();
    m.sms_sent("135790", at).unwrap();
    m.enter_sms_code("135790", at).unwrap();
    m.set_password("Waon2020pt").unwrap();
    m.issued("1234567890123456", "8F3K").unwrap();
    m.start_reservation("9753").unwrap();
    for _ in 0..2 {
        assert_eq!(m.enter_pin("1111").unwrap_err().code(), "pin.mismatch");
    }
    state.mynapoint = Some(m);
    state
}

#[test]
fn every_part_and_counter_survives_a_reload() {
    let state = user();
    let json = state.to_json();
    let loaded = UserState::from_json_with(&json, &settings()).unwrap();
    assert_eq!(loaded, state);
    assert_eq!(loaded.to_json(), json);
    assert_eq!(loaded.cards.registrations().len(), 1);
    let sign_in = loaded.sign_in.as_ref().unwrap();
    assert_eq!(sign_in.state(), SignInState::AwaitingOtp);
    assert_eq!(
        sign_in.otp_remaining(),
        state.sign_in.as_ref().unwrap().otp_remaining()
    );
    let m = loaded.mynapoint.as_ref().unwrap();
    assert_eq!(m.pin_remaining(), 1);
}

#[test]
fn a_pin_lock_survives_save_and_load() {
    let mut state = user();
    let m = state.mynapoint.as_mut().unwrap();
    assert_eq!(m.enter_pin("1111").unwrap_err().code(), "pin.locked");
    assert!(m.pin_locked());
    let mut loaded = UserState::from_json_with(&state.to_json(), &settings()).unwrap();
    let m = loaded.mynapoint.as_mut().unwrap();
    assert!(m.pin_locked());
    assert_eq!(m.enter_pin("9753").unwrap_err().code(), "pin.locked");
    // The one-time password's attempt was kept too: two more wrong codes lock it.
    let at = t("2026-11-23T10:01:00+09:00");
    let flow = loaded.sign_in.as_mut().unwrap();
    assert_eq!(
        flow.enter_otp("0001", at).unwrap_err().code(),
        "otp.mismatch"
    );
    let json = loaded.to_json();
    let mut again = UserState::from_json_with(&json, &settings()).unwrap();
    let flow = again.sign_in.as_mut().unwrap();
    assert_eq!(
        flow.enter_otp("0002", at).unwrap_err().code(),
        "signin.locked"
    );
}

#[test]
fn no_secret_is_written() {
    let json = user().to_json();
    for secret in [
        "4242424242424242",
        "\"123\"",
        "0420",
        "135790",
        "Waon2020pt",
        "8F3K",
        "9753",
    ] {
        assert!(!json.contains(secret), "{secret} in {json}");
    }
    assert!(json.contains(r#""last4":"4242""#));
    // The payment-service ID is an identifier, saved as the flow's parts keep it (its
    // view needs the password; its security code is sealed).
    assert!(json.contains(r#""service_id":"1234567890123456""#));
}

#[test]
fn flows_need_the_key_that_sealed_them() {
    let json = user().to_json();
    let e = UserState::from_json(&json).unwrap_err();
    assert_eq!(e.code(), "state.invalid_flow");
    let other = FlowSettings {
        key: SecretKey::new(&[9u8; 32]).unwrap(),
        ..settings()
    };
    let e = UserState::from_json_with(&json, &other).unwrap_err();
    assert_eq!(e.code(), "credential.key_mismatch");
    let no_mynapoint = FlowSettings {
        mynapoint: None,
        ..settings()
    };
    let e = UserState::from_json_with(&json, &no_mynapoint).unwrap_err();
    assert_eq!(e.code(), "state.invalid_flow");
}

#[test]
fn a_version_1_document_still_loads() {
    let mut v1 = UserState::default();
    v1.wallet.add_program(Program::new("p", "P", "X")).unwrap();
    let json = format!(
        r#"{{"version":1,"wallet":{},"charges":{}}}"#,
        v1.wallet.to_json().unwrap(),
        v1.charges.to_json()
    );
    let loaded = UserState::from_json(&json).unwrap();
    assert_eq!(loaded, v1);
    assert!(loaded.to_json().starts_with(r#"{"version":2,"#));
    // A version-1 document has exactly its two fields.
    let extra = json.replacen(r#""version":1,"#, r#""version":1,"cards":{},"#, 1);
    assert_eq!(
        UserState::from_json(&extra).unwrap_err().code(),
        "state.malformed"
    );
}

#[test]
fn a_part_of_the_wrong_shape_is_refused() {
    let json = user().to_json();
    let cases = [
        json.replacen(
            r#""stay_signed_in":true"#,
            r#""stay_signed_in":true,"typo":1"#,
            1,
        ),
        json.replacen(
            r#""state":"awaiting_otp""#,
            r#""state":"awaiting_nothing""#,
            1,
        ),
        json.replacen(r#""failures":2"#, r#""failures":"2""#, 1),
        json.replacen(r#","mynapoint":{"#, r#","mynapoint":[{"#, 1),
        json.replacen(r#""sign_in":{"#, r#""sign_in":{"state":"signed_in","#, 1),
    ];
    for (i, bad) in cases.iter().enumerate() {
        assert_ne!(bad, &json, "case {i} did not change the document");
        let e = UserState::from_json_with(bad, &settings()).unwrap_err();
        assert_eq!(e.code(), "state.malformed", "case {i}");
    }
    // Well-formed parts that do not fit together: a PIN beyond its lock.
    let beyond = json.replacen(r#""failures":2"#, r#""failures":4"#, 1);
    assert_ne!(beyond, json);
    let e = UserState::from_json_with(&beyond, &settings()).unwrap_err();
    assert_eq!(e.code(), "state.invalid_flow");
}
