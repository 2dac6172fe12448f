//! Where each peer answers differently from saifu on the same text: the report's
//! "different answers" table is these assertions (scripts/bench runs this test first).
use saifu_peer_benches::{
    CHECKERS, DIGITS, card_validate, cc_validator, creditcard, luhn, plain_luhn, saifu,
    saifu_check, spaced,
};

#[test]
fn every_checker_accepts_every_bench_number() {
    for n in DIGITS {
        for (name, check) in CHECKERS {
            assert!(check(n), "{name} refuses {n}");
        }
    }
    for n in spaced() {
        assert!(saifu(&n) && luhn(&n) && cc_validator(&n), "{n}");
    }
}

#[test]
fn luhn_checks_only_the_digits_it_finds() {
    // Letters, a sign, 20 digits and all zeros pass the checksum; saifu refuses them all.
    for text in [
        "4242x4242y4242z4242",
        "+4242424242424242",
        "42424242424242424242",
        "0000000000000000",
    ] {
        assert!(luhn(text), "{text}");
        assert!(!saifu(text), "{text}");
    }
    // No length per brand: a 16-digit number in JCB's legacy 15-digit 2131 range.
    assert!(luhn("2131000000000008") && !saifu("2131000000000008"));
}

#[test]
fn the_typed_forms_only_saifu_reads() {
    // Groups of digits as people type them: card-validate and creditcard refuse them.
    for text in [
        "4242 4242 4242 4242",
        "4242-4242-4242-4242",
        " 4242424242424242",
    ] {
        assert!(saifu(text), "{text}");
        assert!(!card_validate(text) && !creditcard(text), "{text}");
        assert!(cc_validator(text), "{text}");
    }
    // Full-width digits, as a Japanese IME types them: only saifu reads them (the floor
    // and saifu's two checkers come first).
    let wide = "４２４２４２４２４２４２４２４２";
    assert!(saifu(wide) && saifu_check(wide));
    for (name, check) in CHECKERS.iter().skip(3) {
        assert!(!check(wide), "{name}");
    }
}

#[test]
fn brands_saifu_does_not_take() {
    // Maestro (6759…) and Dankort (5019…): the peers accept them as cards; saifu takes
    // the seven brands Japanese acquirers route (docs: Brand) and refuses them.
    for text in ["6759649826438453", "5019717010103742"] {
        assert!(!saifu(text), "{text}");
        assert!(
            card_validate(text) && creditcard(text) && cc_validator(text),
            "{text}"
        );
    }
    // UnionPay's 8100–8171 range: card-validate does not know it.
    assert!(saifu("8171999927660000") && !card_validate("8171999927660000"));
    assert!(creditcard("8171999927660000") && cc_validator("8171999927660000"));
}

#[test]
fn the_floor_agrees_on_the_checksum() {
    assert!(plain_luhn("4242424242424242") && !plain_luhn("4242424242424241"));
    assert!(!plain_luhn("4242 4242 4242 4242") && !plain_luhn("42424242424"));
}
