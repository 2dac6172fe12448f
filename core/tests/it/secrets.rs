//! Issue 21 item 4 in Rust: no `Debug` of a value that has held a card number, a security
//! code, a J-Coin password or code, or a fingerprint key shows it, nor any error raised with
//! one as input (its code, `Display`, `Debug`, both languages' messages); every secret type
//! is wiped on drop (`ZeroizeOnDrop`, checked at compile time). PINs, one-time passwords,
//! keys and the account flows are `account_flows::debug_never_shows_a_secret`'s.

use saifu::{
    Brand, CardEntry, CardNumber, CardPolicy, CardsOnFile, ChargeMethod, ChargeOrder, Charges,
    Error, ExpiryInput, FingerprintKey, JCoinCredentials, Lang, Money, Program, SecurityCode,
};
use zeroize::ZeroizeOnDrop;

use crate::support::t;

const CARD: &str = "4929123456789015";
const CARD_TYPED: &str = "４９２９ １２３４ ５６７８ ９０１５";
const CVC: &str = "864";
const JCOIN_PASSWORD: &str = "plum-Kite-47-zebra";
const JCOIN_CODE: &str = "70518362";
const FINGERPRINT_KEY: [u8; 32] = {
    let mut key = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        key[i] = ((i * 53 + 29) & 0xff) as u8;
        i += 1;
    }
    key
};

/// Wiped when dropped: the marker trait of `zeroize`, which these types may only carry when
/// their `Drop` zeroes what they hold.
const _: fn() = || {
    fn wiped_on_drop<T: ZeroizeOnDrop>() {}
    wiped_on_drop::<CardNumber>();
    wiped_on_drop::<SecurityCode>();
};

fn error_views(shown: &mut Vec<String>, e: Error) {
    shown.push(format!(
        "{} {e} {e:?} {e:#?} {} {}",
        e.code(),
        e.message(Lang::En),
        e.message(Lang::Ja)
    ));
}

#[test]
fn no_debug_or_error_shows_a_card_a_code_a_jcoin_password_or_a_key() {
    let at = t("2026-11-23T10:00:00+09:00");
    let mut shown = Vec::new();
    for typed in [CARD, CARD_TYPED] {
        let card = CardNumber::parse(typed).unwrap();
        shown.push(format!("{card:?} {card:#?} {}", card.masked()));
    }
    shown.push(format!("{:?}", CardNumber::detect(CARD)));
    for bad in [
        format!("{}6", &CARD[..15]),
        format!("{CARD}x"),
        format!("{CARD}0"),
    ] {
        error_views(&mut shown, CardNumber::parse(&bad).unwrap_err());
    }
    let cvc = SecurityCode::parse(CVC, Brand::Visa).unwrap();
    shown.push(format!("{cvc:?} {cvc:#?}"));
    error_views(
        &mut shown,
        SecurityCode::parse("8641", Brand::Visa).unwrap_err(),
    );

    let credentials = JCoinCredentials::parse("jcoin012345", JCOIN_PASSWORD, JCOIN_CODE).unwrap();
    shown.push(format!("{credentials:?} {credentials:#?}"));
    let long = format!("{JCOIN_PASSWORD}{}", "x".repeat(64));
    error_views(
        &mut shown,
        JCoinCredentials::parse("jcoin012345", &long, JCOIN_CODE).unwrap_err(),
    );
    let code = format!("{JCOIN_CODE}9");
    error_views(
        &mut shown,
        JCoinCredentials::parse("jcoin012345", JCOIN_PASSWORD, &code).unwrap_err(),
    );
    let mut charges = Charges::new();
    charges
        .add_program(Program {
            id: "minato".into(),
            name: "電子スマイル商品券".into(),
            payment_id_prefix: None,
            accepted_brands: vec![Brand::Visa],
            product: None,
        })
        .unwrap();
    let order = ChargeOrder::Amount(Money::jpy(2000).unwrap());
    charges
        .start("j1", "minato", ChargeMethod::JCoin, order, at)
        .unwrap();
    charges.confirm_jcoin("j1", &credentials, at).unwrap();
    error_views(
        &mut shown,
        charges.confirm_jcoin("j1", &credentials, at).unwrap_err(),
    );
    shown.push(format!("{charges:?} {}", charges.to_json()));

    let key = FingerprintKey::new(FINGERPRINT_KEY.to_vec()).unwrap();
    shown.push(format!("{key:?} {key:#?}"));
    error_views(
        &mut shown,
        FingerprintKey::new(FINGERPRINT_KEY[..15].to_vec()).unwrap_err(),
    );
    let policy = CardPolicy::new(key, vec![Brand::Visa], vec![], vec![]).unwrap();
    let mut cards = CardsOnFile::new();
    let entry = CardEntry {
        number: CARD_TYPED,
        expiry: ExpiryInput::Text("12/30"),
        security_code: CVC,
    };
    let confirmation = cards.register(&policy, &entry, at).unwrap();
    shown.push(format!(
        "{policy:?} {confirmation:?} {entry:?} {}",
        cards.to_json()
    ));
    error_views(&mut shown, cards.register(&policy, &entry, at).unwrap_err());

    let text = shown.join("\n");
    let key_hex: String = FINGERPRINT_KEY.iter().map(|b| format!("{b:02x}")).collect();
    let key_list = format!("{:?}", &FINGERPRINT_KEY[..6]);
    for secret in [
        CARD,
        CARD_TYPED,
        &CARD[6..12],
        CVC,
        "8641",
        JCOIN_PASSWORD,
        JCOIN_CODE,
    ]
    .into_iter()
    .chain([key_hex.as_str(), key_list.trim_end_matches(']')])
    {
        // A 64-digit fingerprint is hex: a short secret could occur in one by chance.
        let searched = text.replace(&confirmation.card.fingerprint, "<fingerprint>");
        assert!(!searched.contains(secret), "{secret} in {text}");
    }
    assert!(text.contains("****-****-****-9015") && text.contains("****2345"));
}
