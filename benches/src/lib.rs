//! What the peer benches share: the card numbers every checker is given, each peer's
//! boolean answer behind one signature, and the plain Luhn loop that is the floor.
#![allow(missing_docs)]

#[path = "../../core/benches/fixtures/mod.rs"]
pub mod fixtures;
pub mod sql;

/// Complete numbers of every brand saifu knows, digits only: the one form every peer
/// accepts, so every checker does the same work on the same bytes.
pub const DIGITS: [&str; 12] = [
    "4242424242424242",
    "5555555555554444",
    "2223003122003222",
    "378282246310005",
    "371449635398431",
    "3566002020360505",
    "6011111111111117",
    "30569309025904",
    "6200000000000005",
    "4000056655665556",
    "5105105105105100",
    "3530111333300000",
];

/// The same numbers as people type them: in groups with spaces.
pub fn spaced() -> Vec<String> {
    DIGITS
        .iter()
        .map(|n| {
            let groups: &[usize] = if n.len() == 15 {
                &[4, 6, 5]
            } else if n.len() == 14 {
                &[4, 6, 4]
            } else {
                &[4, 4, 4, 4]
            };
            let mut out = String::new();
            let mut at = 0;
            for g in groups {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(n.get(at..at + g).unwrap_or_default());
                at += g;
            }
            out
        })
        .collect()
}

/// The floor: a plain Luhn loop over ASCII digits with a length check, no brand.
pub fn plain_luhn(number: &str) -> bool {
    let bytes = number.as_bytes();
    if !(12..=19).contains(&bytes.len()) {
        return false;
    }
    let mut sum = 0u32;
    for (i, &b) in bytes.iter().rev().enumerate() {
        if !b.is_ascii_digit() {
            return false;
        }
        let d = u32::from(b - b'0');
        sum += if i % 2 == 1 {
            let x = d * 2;
            if x > 9 { x - 9 } else { x }
        } else {
            d
        };
    }
    sum % 10 == 0
}

/// saifu: the number parsed into a `CardNumber` (brand, length, Luhn; spaces, hyphens
/// and full-width digits accepted), which keeps its digits (in a box wiped on drop).
pub fn saifu(number: &str) -> bool {
    saifu::CardNumber::parse(number).is_ok()
}

/// saifu: the same checks as `parse`, nothing kept (`CardNumber::check`): what a form
/// that only says valid or not calls, as the peers below are called.
pub fn saifu_check(number: &str) -> bool {
    saifu::CardNumber::check(number).is_ok()
}

/// `luhn` 1.0.2: the checksum only, over whatever digits the text holds.
pub fn luhn(number: &str) -> bool {
    luhn::valid(number)
}

/// `card-validate` 2.4.0: brand by regular expression, length, Luhn.
pub fn card_validate(number: &str) -> bool {
    card_validate::Validate::from(number).is_ok()
}

/// `creditcard` 0.1.0: parsed as a `u64`, issuer, length, Luhn.
pub fn creditcard(number: &str) -> bool {
    number.parse::<creditcard::CreditCard>().is_ok()
}

/// `cc_validator` 0.1.0: spaces and hyphens stripped, length, Luhn, brand.
pub fn cc_validator(number: &str) -> bool {
    cc_validator::validate(number).is_ok()
}

/// A card checker: the text in, valid or not out.
pub type Check = fn(&str) -> bool;

/// Every checker by the name the report gives it, the floor first.
pub const CHECKERS: [(&str, Check); 7] = [
    ("plain Luhn loop (floor)", plain_luhn),
    ("saifu CardNumber::check", saifu_check),
    ("saifu CardNumber::parse", saifu),
    ("luhn 1.0.2", luhn),
    ("card-validate 2.4.0", card_validate),
    ("creditcard 0.1.0", creditcard),
    ("cc_validator 0.1.0", cc_validator),
];
