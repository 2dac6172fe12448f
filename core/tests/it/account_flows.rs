//! Sign-up, phone, sign-in and MyNaPoint (issue 18): hostile input in every field, the
//! counters surviving a reload, parts that do not fit refused, and secrets kept out of
//! `Debug`. The flows' ordinary steps are pinned by conformance/signin.json and
//! conformance/mynapoint.json.

use crate::support::t;
use chrono::Duration;
use proptest::prelude::*;
use saifu::*;

const KEY: [u8; 32] = *b"0123456789abcdefghijklmnopqrstuv";

fn key() -> SecretKey {
    SecretKey::new(&KEY).unwrap()
}

fn config() -> MyNaPointConfig {
    MyNaPointConfig::new(vec!["aeon_card_waon".into()])
}

fn hostile() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("blank", " \t\n\u{3000}".into()),
        ("1 MB of digits", "4".repeat(1 << 20)),
        ("1 MB of full-width digits", "４".repeat(1 << 18)),
        ("1 MB of letters", "a".repeat(1 << 20)),
        ("1 MB e-mail", format!("{}@example.jp", "a".repeat(1 << 20))),
        ("NUL bytes", "\u{0}\u{0}1234\u{0}".into()),
        ("NUL inside", "12\u{0}34".into()),
        ("emoji", "🔑1234".into()),
        ("emoji e-mail", "hanako💌@example.jp".into()),
        ("combining marks", "1\u{0301}2\u{0308}34".into()),
        ("RTL marks", "\u{200F}1234\u{202E}".into()),
        ("RTL mark in an e-mail", "hanako@example.jp\u{200F}".into()),
        ("full-width letters", "ｈａｎａｋｏ２０２４".into()),
        ("full-width at sign", "hanako＠example.jp".into()),
        ("Arabic-Indic digits", "١٢٣٤".into()),
        ("1 MB of separators", "-".repeat(1 << 20)),
        ("lone surrogate replacement", "\u{FFFD}".into()),
    ]
}

/// The code of an error, checking its messages exist in both languages.
fn coded(e: &Error) -> &'static str {
    assert!(!e.message(Lang::En).is_empty() && !e.message(Lang::Ja).is_empty());
    e.code()
}

fn form(email: &str, login_id: &str, password: &str) -> SignUp {
    SignUp {
        email: email.into(),
        email_again: email.into(),
        terms_accepted: true,
        login_id: login_id.into(),
        password: password.into(),
        profile: Profile::default(),
    }
}

// ---- hostile input, field by field ----

#[test]
fn signup_fields() {
    for (what, text) in hostile() {
        assert_eq!(
            coded(&check_email(&text).unwrap_err()),
            "account.invalid_email",
            "{what}"
        );
        assert_eq!(
            coded(&LoginId::parse(&text).unwrap_err()),
            "account.invalid_login_id",
            "{what}"
        );
        let e = validate_signup(&form(&text, "hanako_2024", "Sakura2024"), &[]).unwrap_err();
        assert_eq!(coded(&e), "account.invalid_email", "{what}");
        let mut mismatched = form("hanako@example.jp", "hanako_2024", "Sakura2024");
        mismatched.email_again = text.clone();
        let e = validate_signup(&mismatched, &[]).unwrap_err();
        assert_eq!(coded(&e), "account.email_mismatch", "{what}");
        let e = validate_signup(&form("hanako@example.jp", &text, "Sakura2024"), &[]).unwrap_err();
        assert_eq!(coded(&e), "account.invalid_login_id", "{what}");
        let e = validate_signup(&form("hanako@example.jp", "hanako_2024", &text), &[]).unwrap_err();
        assert!(coded(&e).starts_with("password."), "{what}: {}", e.code());
        // Hostile profile text is content, not checked; blank is missing.
        let mut f = form("hanako@example.jp", "hanako_2024", "Sakura2024");
        f.profile.name = Some(text.clone());
        match validate_signup(&f, &[ProfileField::Name]) {
            Ok(_) => assert!(!text.trim().is_empty(), "{what}"),
            Err(e) => {
                assert_eq!(coded(&e), "account.missing_field", "{what}");
                assert!(text.trim().is_empty(), "{what}");
            }
        }
    }
}

#[test]
fn phone_fields() {
    for (what, text) in hostile() {
        assert_eq!(
            coded(&PhoneNumber::parse(&text).unwrap_err()),
            "phone.invalid_number",
            "{what}"
        );
        assert_eq!(
            coded(&check_phone_last4(&text, "5678").unwrap_err()),
            "phone.invalid_number",
            "{what}"
        );
        let e = check_phone_last4("090-1234-5678", &text).unwrap_err();
        assert_eq!(coded(&e), "phone.invalid_format", "{what}");
    }
    // Full-width digits are digits (DESIGN §2), not a refusal.
    assert!(check_phone_last4("０９０１２３４５６７８", "５６７８").is_ok());
}

#[test]
fn key_bytes() {
    for n in [0, 1, 15] {
        assert_eq!(
            SecretKey::new(&vec![0u8; n]).unwrap_err(),
            Error::CredentialInvalidKey { min_length: 16 }
        );
    }
    assert!(SecretKey::new(&[0u8; 16]).is_ok());
    assert!(SecretKey::new(&vec![0xA5u8; 1 << 20]).is_ok());
    for (what, text) in hostile() {
        assert_eq!(
            coded(&SecretDigest::from_hex(&text).unwrap_err()),
            "credential.invalid_digest",
            "{what}"
        );
    }
    let upper = "A".repeat(80);
    assert!(SecretDigest::from_hex(&upper).is_err(), "upper-case hex");
    let digest = SealedPin::new(&key(), "1234").unwrap().parts().digest;
    let mut text = digest.to_hex();
    assert_eq!(SecretDigest::from_hex(&text).unwrap(), digest);
    text.replace_range(79.., "é");
    assert!(
        SecretDigest::from_hex(&text).is_err(),
        "a multi-byte character"
    );
}

#[test]
fn signin_fields() {
    let at = t("2026-11-23T10:00:00+09:00");
    for (what, text) in hostile() {
        let mut flow = SignIn::new(&key(), SignInConfig::default()).unwrap();
        assert_eq!(
            coded(&flow.enter_login_id(&text).unwrap_err()),
            "account.invalid_login_id",
            "{what}"
        );
        flow.enter_login_id("hanako_2024").unwrap();
        flow.puzzle_passed().unwrap();
        // The server's code, hostile: refused, nothing changes.
        let e = flow.password_accepted(true, &text, at).unwrap_err();
        assert_eq!(coded(&e), "otp.invalid_format", "{what}");
        assert_eq!(flow.state(), SignInState::AwaitingPassword);
        flow.password_accepted(true, "0420", at).unwrap();
        // What the user typed, hostile: not counted.
        let e = flow.enter_otp(&text, at).unwrap_err();
        assert_eq!(coded(&e), "otp.invalid_format", "{what}");
        assert_eq!(flow.otp_remaining(), Some(3), "{what}");
        let e = flow.otp_resent(&text, at).unwrap_err();
        assert_eq!(coded(&e), "otp.invalid_format", "{what}");
    }
}

fn issued() -> MyNaPoint {
    let at = t("2026-07-01T10:00:00+09:00");
    let mut m = MyNaPoint::new(&key(), config()).unwrap();
    m.choose_card("aeon_card_waon").unwrap();
    m.enter_phone("090-1234-5678").unwrap();
    m.sms_sent("135790", at).unwrap();
    m.enter_sms_code("135790", at).unwrap();
    m.set_password("Waon2020pt").unwrap();
    m.issued("SVC1234", "8F3K").unwrap();
    m
}

#[test]
fn mynapoint_fields() {
    let at = t("2026-07-01T10:00:00+09:00");
    for (what, text) in hostile() {
        let mut m = MyNaPoint::new(&key(), config()).unwrap();
        assert_eq!(
            coded(&m.choose_card(&text).unwrap_err()),
            "mynapoint.card_not_eligible",
            "{what}"
        );
        m.choose_card("aeon_card_waon").unwrap();
        assert_eq!(
            coded(&m.enter_phone(&text).unwrap_err()),
            "phone.invalid_number",
            "{what}"
        );
        m.enter_phone("09012345678").unwrap();
        assert_eq!(
            coded(&m.sms_sent(&text, at).unwrap_err()),
            "otp.invalid_format",
            "{what}"
        );
        m.sms_sent("135790", at).unwrap();
        assert_eq!(
            coded(&m.enter_sms_code(&text, at).unwrap_err()),
            "otp.invalid_format",
            "{what}"
        );
        assert_eq!(m.sms_otp_remaining(), Some(3), "{what}");
        m.enter_sms_code("135790", at).unwrap();
        assert!(
            coded(&m.set_password(&text).unwrap_err()).starts_with("password."),
            "{what}"
        );
        m.set_password("Waon2020pt").unwrap();
        // The bank's answer, hostile: refused unless letters and digits (full-width
        // ones read as ASCII) of the right length.
        match m.clone().issued(&text, "8F3K") {
            Ok(()) => assert!(is_alnum_shape(&text, 32), "{what} issued as a service ID"),
            Err(e) => assert_eq!(coded(&e), "mynapoint.invalid_service_id", "{what}"),
        }
        match m.clone().issued("SVC1234", &text) {
            Ok(()) => assert!(is_alnum_shape(&text, 16), "{what} issued as a code"),
            Err(e) => assert_eq!(coded(&e), "mynapoint.invalid_security_code", "{what}"),
        }
        assert_eq!(m.issuance_state(), MyNaPointIssuanceState::AwaitingIssue);

        assert_eq!(
            coded(&m.start_reservation(&text).unwrap_err()),
            "pin.invalid_format",
            "{what}"
        );
        m.start_reservation("7391").unwrap();
        assert_eq!(
            coded(&m.enter_pin(&text).unwrap_err()),
            "pin.invalid_format",
            "{what}"
        );
        assert_eq!(m.pin_remaining(), 3, "{what}: not counted");
        m.enter_pin("7391").unwrap();
        m.card_read().unwrap();
        match m.mykey_issued(&text) {
            Ok(()) => assert!(is_alnum_shape(&text, 32), "{what} as a MyKey ID"),
            Err(e) => assert_eq!(coded(&e), "mynapoint.invalid_mykey_id", "{what}"),
        }
    }
}

/// Texts the shape checks accept (the `alnum` rule: 1–N half-width or full-width
/// letters and digits), among the hostile ones.
fn is_alnum_shape(text: &str, max: usize) -> bool {
    let body = text.trim();
    let n = body.chars().count();
    (1..=max).contains(&n)
        && body.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || ('Ａ'..='Ｚ').contains(&c)
                || ('ａ'..='ｚ').contains(&c)
                || ('０'..='９').contains(&c)
        })
}

#[test]
fn mynapoint_details() {
    for (what, text) in hostile() {
        let mut m = issued();
        m.start_reservation("7391").unwrap();
        m.enter_pin("7391").unwrap();
        m.card_read().unwrap();
        m.mykey_issued("MK77").unwrap();
        m.proceed_to_application().unwrap();
        assert_eq!(
            coded(&m.choose_service(&text).unwrap_err()),
            "mynapoint.card_not_eligible"
        );
        m.choose_service("aeon_card_waon").unwrap();
        m.accept_terms().unwrap();
        let id = m.enter_details(&text, "8F3K", "5678").unwrap_err();
        assert_eq!(coded(&id), "mynapoint.invalid_service_id", "{what}");
        let code = m.enter_details("SVC1234", &text, "5678").unwrap_err();
        let expect = if is_alnum_shape(&text, 16) {
            "mynapoint.security_code_mismatch"
        } else {
            "mynapoint.invalid_security_code"
        };
        assert_eq!(coded(&code), expect, "{what}");
        let phone = m.enter_details("SVC1234", "8F3K", &text).unwrap_err();
        assert!(
            ["phone.invalid_format", "phone.mismatch"].contains(&coded(&phone)),
            "{what}"
        );
        assert_eq!(
            m.application_state(),
            MyNaPointApplicationState::AwaitingDetails
        );
    }
}

/// One MyNaPoint step fed a text.
type Step<'a> = dyn Fn(&mut MyNaPoint, &str) -> Result<(), Error> + 'a;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Any text in any field of the sign-up: a coded error or acceptance, never a panic;
    /// what is accepted is what the rules say.
    #[test]
    fn any_signup_text(email in any::<String>(), login in any::<String>(), password in any::<String>()) {
        let f = form(&email, &login, &password);
        match validate_signup(&f, &ProfileField::ALL) {
            Ok(_) => prop_assert!(false, "an empty profile cannot pass"),
            Err(e) => prop_assert!(
                ["account.", "password."].iter().any(|p| coded(&e).starts_with(p)),
                "{}", e.code()
            ),
        }
        if let Ok(id) = LoginId::parse(&login) {
            let n = id.as_str().len();
            prop_assert!((4..=32).contains(&n));
            prop_assert!(id.as_str().bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)));
        }
        if let Ok(e) = check_email(&email) {
            prop_assert_eq!(e.matches('@').count(), 1);
            prop_assert!(e.len() <= 254 && e.bytes().all(|b| b.is_ascii_graphic()));
        }
    }

    /// Any text as a phone number or its last 4: a coded error or a match, never a panic.
    #[test]
    fn any_phone_text(registered in "[0-9０-９ー -]{0,14}|\\PC{0,14}", entered in "[0-9０-９ ]{0,6}|\\PC{0,6}") {
        match check_phone_last4(&registered, &entered) {
            Ok(()) => {
                let phone = PhoneNumber::parse(&registered).unwrap();
                prop_assert!(phone.digits().ends_with(phone.last4()));
            }
            Err(e) => prop_assert!(coded(&e).starts_with("phone."), "{}", e.code()),
        }
    }

    /// Any text at every MyNaPoint step that takes text, the flow brought to that step
    /// first: a coded error or the step, never a panic, and nothing changed by a
    /// refusal that does not count an attempt.
    #[test]
    fn any_mynapoint_text(text in any::<String>(), step in 0usize..14) {
        let at = t("2026-07-01T10:00:00+09:00");
        let mut m = MyNaPoint::new(&key(), config()).unwrap();
        let path: [&Step<'_>; 14] = [
            &|m, x| m.choose_card(x),
            &|m, x| m.enter_phone(x),
            &|m, x| m.sms_sent(x, at),
            &|m, x| m.enter_sms_code(x, at),
            &|m, x| m.set_password(x),
            &|m, x| m.issued(x, "8F3K"),
            &|m, x| m.start_reservation(x),
            &|m, x| m.enter_pin(x),
            &|m, _| m.card_read(),
            &|m, x| m.mykey_issued(x),
            &|m, _| m.proceed_to_application(),
            &|m, x| m.choose_service(x),
            &|m, _| m.accept_terms(),
            &|m, x| m.enter_details(x, x, x),
        ];
        let valid = [
            "aeon_card_waon", "09012345678", "135790", "135790", "Waon2020pt", "SVC1234",
            "7391", "7391", "", "MK77", "", "aeon_card_waon", "", "",
        ];
        for (run, good) in path.iter().zip(valid).take(step) {
            run(&mut m, good).unwrap();
        }
        let before = m.parts();
        if let Err(e) = path[step](&mut m, &text) {
            let counted = ["otp.mismatch", "otp.locked", "pin.mismatch", "pin.locked"];
            if !counted.contains(&coded(&e)) {
                prop_assert_eq!(m.parts(), before, "{}", e.code());
            }
        }
    }

    /// Reloading at any points of a sequence of PIN and SMS-code entries gives the
    /// same answers as never reloading: no reload unlocks or resets a counter.
    #[test]
    fn reloads_change_no_answer(
        ops in proptest::collection::vec((0u8..4, any::<bool>()), 1..24),
    ) {
        let at = t("2026-07-01T10:00:00+09:00");
        let start = || {
            let mut m = MyNaPoint::new(&key(), config()).unwrap();
            m.choose_card("aeon_card_waon").unwrap();
            m.enter_phone("09012345678").unwrap();
            m.sms_sent("135790", at).unwrap();
            m.start_reservation("7391").unwrap();
            m
        };
        let (mut plain, mut reloaded) = (start(), start());
        for (op, reload) in ops {
            let run = |m: &mut MyNaPoint| match op {
                0 => m.enter_pin("0000").map_err(|e| e.code()),
                1 => m.enter_pin("7391").map_err(|e| e.code()),
                2 => m.enter_sms_code("000000", at).map_err(|e| e.code()),
                _ => m.enter_sms_code("135790", at).map_err(|e| e.code()),
            };
            let a = run(&mut plain);
            if reload {
                reloaded = MyNaPoint::from_parts(&key(), config(), reloaded.parts()).unwrap();
            }
            let b = run(&mut reloaded);
            prop_assert_eq!(a, b);
            prop_assert_eq!(plain.parts(), reloaded.parts());
        }
    }

    /// The same for the sign-in's one-time password.
    #[test]
    fn signin_reloads_change_no_answer(
        ops in proptest::collection::vec((0u8..3, any::<bool>()), 1..16),
    ) {
        let at = t("2026-11-23T10:00:00+09:00");
        let start = || {
            let mut flow = SignIn::new(&key(), SignInConfig::default()).unwrap();
            flow.enter_login_id("hanako_2024").unwrap();
            flow.puzzle_passed().unwrap();
            flow.password_accepted(true, "0420", at).unwrap();
            flow
        };
        let (mut plain, mut reloaded) = (start(), start());
        for (op, reload) in ops {
            let run = |f: &mut SignIn| match op {
                0 => f.enter_otp("1111", at).map_err(|e| e.code()),
                1 => f.enter_otp("0420", at).map_err(|e| e.code()),
                _ => f.enter_otp("0420", at + Duration::minutes(10)).map_err(|e| e.code()),
            };
            let a = run(&mut plain);
            if reload {
                let parts = reloaded.parts();
                reloaded = SignIn::from_parts(&key(), SignInConfig::default(), parts).unwrap();
            }
            let b = run(&mut reloaded);
            prop_assert_eq!(a, b);
            prop_assert_eq!(plain.parts(), reloaded.parts());
        }
    }
}

// ---- counters survive a restart ----

#[test]
fn a_pin_lock_survives_save_and_load() {
    let mut pin = SealedPin::new(&key(), "7391").unwrap();
    assert_eq!(pin.verify("0000"), Err(Error::PinMismatch { remaining: 2 }));
    assert_eq!(pin.verify("0001"), Err(Error::PinMismatch { remaining: 1 }));
    let mut pin = SealedPin::from_parts(&key(), pin.parts()).unwrap();
    assert_eq!(pin.verify("0002"), Err(Error::PinLocked));
    let mut pin = SealedPin::from_parts(&key(), pin.parts()).unwrap();
    assert_eq!(pin.verify("7391"), Err(Error::PinLocked));
}

#[test]
fn an_otp_lock_and_use_survive_save_and_load() {
    let at = t("2026-11-23T10:00:00+09:00");
    let mut otp = SealedOtp::new(&key(), "864209", at, Duration::minutes(10), 3).unwrap();
    assert_eq!(
        otp.verify("000000", at),
        Err(Error::OtpMismatch { remaining: 2 })
    );
    assert_eq!(
        otp.verify("000001", at),
        Err(Error::OtpMismatch { remaining: 1 })
    );
    let mut otp = SealedOtp::from_parts(&key(), otp.parts()).unwrap();
    assert_eq!(otp.verify("000002", at), Err(Error::OtpLocked));
    let mut otp = SealedOtp::from_parts(&key(), otp.parts()).unwrap();
    assert_eq!(otp.verify("864209", at), Err(Error::OtpLocked));

    let mut used = SealedOtp::new(&key(), "864209", at, Duration::minutes(10), 3).unwrap();
    used.verify("864209", at).unwrap();
    let mut used = SealedOtp::from_parts(&key(), used.parts()).unwrap();
    assert_eq!(used.verify("864209", at), Err(Error::OtpUsed));
}

#[test]
fn a_signin_lock_survives_save_and_load() {
    let at = t("2026-11-23T10:00:00+09:00");
    let mut flow = SignIn::new(&key(), SignInConfig::default()).unwrap();
    flow.enter_login_id("hanako_2024").unwrap();
    flow.puzzle_passed().unwrap();
    flow.password_accepted(true, "0420", at).unwrap();
    assert!(flow.enter_otp("1111", at).is_err());
    assert!(flow.enter_otp("1111", at).is_err());
    let mut flow = SignIn::from_parts(&key(), SignInConfig::default(), flow.parts()).unwrap();
    assert_eq!(flow.enter_otp("1111", at), Err(Error::SignInLocked));
    let mut flow = SignIn::from_parts(&key(), SignInConfig::default(), flow.parts()).unwrap();
    assert_eq!(flow.state(), SignInState::Locked);
    assert_eq!(flow.enter_otp("0420", at), Err(Error::SignInLocked));
}

#[test]
fn a_card_pin_lock_survives_save_and_load_in_mynapoint() {
    let mut m = MyNaPoint::new(&key(), config()).unwrap();
    m.start_reservation("7391").unwrap();
    assert_eq!(
        m.enter_pin("0000"),
        Err(Error::PinMismatch { remaining: 2 })
    );
    assert_eq!(
        m.enter_pin("0000"),
        Err(Error::PinMismatch { remaining: 1 })
    );
    let mut m = MyNaPoint::from_parts(&key(), config(), m.parts()).unwrap();
    assert_eq!(m.enter_pin("0000"), Err(Error::PinLocked));
    let mut m = MyNaPoint::from_parts(&key(), config(), m.parts()).unwrap();
    assert_eq!(m.enter_pin("7391"), Err(Error::PinLocked));
    assert!(m.pin_locked());
}

#[test]
fn an_sms_code_lock_survives_save_and_load_in_mynapoint() {
    let at = t("2026-07-01T10:00:00+09:00");
    let mut m = MyNaPoint::new(&key(), config()).unwrap();
    m.choose_card("aeon_card_waon").unwrap();
    m.enter_phone("09012345678").unwrap();
    m.sms_sent("864209", at).unwrap();
    assert!(m.enter_sms_code("000000", at).is_err());
    assert!(m.enter_sms_code("000000", at).is_err());
    let mut m = MyNaPoint::from_parts(&key(), config(), m.parts()).unwrap();
    assert_eq!(m.enter_sms_code("000000", at), Err(Error::OtpLocked));
    let mut m = MyNaPoint::from_parts(&key(), config(), m.parts()).unwrap();
    assert_eq!(m.enter_sms_code("864209", at), Err(Error::OtpLocked));
}

// ---- saved parts that do not fit are refused ----

fn refused<T: std::fmt::Debug>(r: Result<T, Error>) -> String {
    let e = r.unwrap_err();
    assert_eq!(e.code(), "state.invalid_flow", "{e:?}");
    match e {
        Error::StateInvalidFlow { detail, .. } => detail,
        _ => unreachable!(),
    }
}

#[test]
fn counters_out_of_range_are_refused() {
    let parts = SealedPin::new(&key(), "7391").unwrap().parts();
    for failures in [-1, 4, i64::MAX, i64::MIN] {
        refused(SealedPin::from_parts(
            &key(),
            PinParts {
                failures,
                ..parts.clone()
            },
        ));
    }
    let at = t("2026-11-23T10:00:00+09:00");
    let otp = SealedOtp::new(&key(), "0420", at, Duration::minutes(10), 3)
        .unwrap()
        .parts();
    let bad = [
        OtpParts {
            failures: 4,
            ..otp.clone()
        },
        OtpParts {
            failures: -1,
            ..otp.clone()
        },
        OtpParts {
            max_attempts: 0,
            ..otp.clone()
        },
        OtpParts {
            max_attempts: i64::MAX,
            failures: 0,
            ..otp.clone()
        },
        OtpParts {
            digits: 3,
            ..otp.clone()
        },
        OtpParts {
            digits: 13,
            ..otp.clone()
        },
        OtpParts {
            expires_at: at,
            ..otp.clone()
        },
    ];
    for parts in bad {
        assert!(
            SealedOtp::from_parts(&key(), parts.clone()).is_err(),
            "{parts:?}"
        );
    }
    let far = OtpParts {
        expires_at: t("9999-12-31T20:00:00-05:00"),
        ..otp.clone()
    };
    let err = SealedOtp::from_parts(&key(), far).unwrap_err();
    assert_eq!(
        err.code(),
        "time.invalid",
        "in its offset 9999, in UTC and JST 10000"
    );
}

#[test]
fn signin_parts_that_do_not_fit_are_refused() {
    let at = t("2026-11-23T10:00:00+09:00");
    let mut flow = SignIn::new(&key(), SignInConfig::default()).unwrap();
    flow.enter_login_id("hanako_2024").unwrap();
    flow.puzzle_passed().unwrap();
    flow.password_accepted(true, "0420", at).unwrap();
    let good = flow.parts();
    let c = SignInConfig::default();
    let mut locked = good.clone();
    if let Some(otp) = locked.otp.as_mut() {
        otp.failures = 3;
    }
    let mut used = good.clone();
    if let Some(otp) = used.otp.as_mut() {
        otp.used = true;
    }
    let bad = [
        SignInParts {
            otp: None,
            ..good.clone()
        },
        SignInParts {
            login_id: None,
            ..good.clone()
        },
        SignInParts {
            login_id: Some("ab".into()),
            ..good.clone()
        },
        SignInParts {
            login_id: Some(" hanako_2024".into()),
            ..good.clone()
        },
        SignInParts {
            state: SignInState::AwaitingPassword,
            ..good.clone()
        },
        SignInParts {
            state: SignInState::AwaitingLoginId,
            otp: None,
            ..good.clone()
        },
        SignInParts {
            state: SignInState::AwaitingPuzzle,
            otp: None,
            stay_signed_in: true,
            ..good.clone()
        },
        SignInParts {
            state: SignInState::Locked,
            otp: None,
            stay_signed_in: false,
            ..good.clone()
        },
        locked,
        used,
    ];
    for parts in bad {
        refused(SignIn::from_parts(&key(), c, parts));
    }
    assert!(SignIn::from_parts(&key(), c, good).is_ok());
}

#[test]
fn mynapoint_parts_that_do_not_fit_are_refused() {
    let good = issued().parts();
    let c = config();
    let bad = [
        MyNaPointParts {
            card_kind: None,
            ..good.clone()
        },
        MyNaPointParts {
            card_kind: Some(String::new()),
            ..good.clone()
        },
        MyNaPointParts {
            phone: None,
            ..good.clone()
        },
        MyNaPointParts {
            phone: Some("5678".into()),
            ..good.clone()
        },
        MyNaPointParts {
            phone: Some("090-1234-5678".into()),
            ..good.clone()
        },
        MyNaPointParts {
            service_id: None,
            ..good.clone()
        },
        MyNaPointParts {
            service_id: Some("SVC-1".into()),
            ..good.clone()
        },
        MyNaPointParts {
            security_code: None,
            ..good.clone()
        },
        MyNaPointParts {
            issuance: MyNaPointIssuanceState::AwaitingPhone,
            ..good.clone()
        },
        MyNaPointParts {
            issuance: MyNaPointIssuanceState::Closed,
            ..good.clone()
        },
        MyNaPointParts {
            reservation: MyNaPointReservationState::AwaitingPin,
            ..good.clone()
        },
        MyNaPointParts {
            mykey_id: Some("MK77".into()),
            ..good.clone()
        },
        MyNaPointParts {
            application: MyNaPointApplicationState::ChoosingService,
            ..good.clone()
        },
        MyNaPointParts {
            chosen_service: Some("aeon_card_waon".into()),
            ..good.clone()
        },
    ];
    for parts in bad {
        refused(MyNaPoint::from_parts(&key(), c.clone(), parts));
    }
    let mut m = issued();
    m.start_reservation("7391").unwrap();
    m.enter_pin("7391").unwrap();
    m.card_read().unwrap();
    m.mykey_issued("MK77").unwrap();
    let reserved = m.parts();
    let bad = [
        MyNaPointParts {
            application: MyNaPointApplicationState::Applied,
            chosen_service: Some("aeon_card_waon".into()),
            ..reserved.clone()
        },
        MyNaPointParts {
            mykey_id: Some("MK-77".into()),
            ..reserved.clone()
        },
        MyNaPointParts {
            card_pin: None,
            ..reserved.clone()
        },
    ];
    for parts in bad {
        refused(MyNaPoint::from_parts(&key(), c.clone(), parts));
    }
    // A card kind the integrator has since dropped still loads.
    let dropped = MyNaPointConfig::new(vec!["another_card".into()]);
    assert!(MyNaPoint::from_parts(&key(), dropped, reserved.clone()).is_ok());
    let other = SecretKey::new(&[0u8; 32]).unwrap();
    assert_eq!(
        MyNaPoint::from_parts(&other, c, reserved).unwrap_err(),
        Error::CredentialKeyMismatch
    );
}

// ---- secrets never in Debug ----

#[test]
fn debug_never_shows_a_secret() {
    let at = t("2026-07-01T10:00:00+09:00");
    let secrets = [
        "7391",
        "864209",
        "QZ8X7W",
        "Zq9Secretpw1",
        "0123456789abcdef",
    ];
    let key_hex: String = KEY.iter().map(|b| format!("{b:02x}")).collect();
    let key_bytes = format!("{:?}", KEY);
    let mut shown = Vec::new();

    let k = key();
    shown.push(format!("{k:?}"));
    let mut pin = SealedPin::new(&k, "7391").unwrap();
    let _ = pin.verify("0000");
    shown.push(format!("{pin:?} {:?}", pin.parts()));
    shown.push(format!("{:?}", Pin::new("7391").unwrap()));
    let otp = SealedOtp::new(&k, "864209", at, Duration::minutes(10), 3).unwrap();
    shown.push(format!("{otp:?} {:?}", otp.parts()));
    shown.push(format!(
        "{:?}",
        OneTimePassword::new("864209", at, Duration::minutes(10), 3).unwrap()
    ));
    let signup = form("hanako@example.jp", "hanako_2024", "Zq9Secretpw1");
    shown.push(format!("{signup:?} {signup:#?}"));

    let mut flow = SignIn::new(&k, SignInConfig::default()).unwrap();
    flow.enter_login_id("hanako_2024").unwrap();
    flow.puzzle_passed().unwrap();
    flow.password_accepted(true, "864209", at).unwrap_err();
    flow.password_accepted(true, "7391", at).unwrap();
    shown.push(format!("{flow:?} {:?}", flow.parts()));

    let mut m = MyNaPoint::new(&k, config()).unwrap();
    m.choose_card("aeon_card_waon").unwrap();
    m.enter_phone("090-5550-0000").unwrap();
    m.sms_sent("864209", at).unwrap();
    shown.push(format!("{m:?} {:?}", m.parts()));
    m.enter_sms_code("864209", at).unwrap();
    m.set_password("Zq9Secretpw1").unwrap();
    m.issued("SVC1234", "QZ8X7W").unwrap();
    m.start_reservation("7391").unwrap();
    shown.push(format!("{m:?} {:#?}", m.parts()));

    let digest = m.parts().security_code.unwrap().to_hex();
    for text in &shown {
        for secret in secrets
            .iter()
            .chain([&key_hex.as_str(), &key_bytes.as_str()])
        {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        // The digest's HMAC is not shown either (its key id may be).
        assert!(!text.contains(&digest[16..]), "a digest in {text}");
    }
}
