//! Property test of saved charges (issue 17 items 6 and 8, docs/state.md "Charges"):
//! random commands and provider events, with a save and a load before every step on one
//! copy and never on the other: both answer every step the same (results and errors
//! alike), save the same bytes and guard new charges alike, so a reload never changes an
//! answer; and whatever the steps left, the document loads.
//!
//! 10,000 cases by default; set `SAIFU_PROPTEST_CASES` for more (or fewer).

use chrono::{DateTime, Duration, FixedOffset};
use proptest::prelude::*;

use saifu::{
    Brand, ChargeEvent, ChargeMethod, ChargeMethodKind, ChargeOrder, Charges, Error, KonbiniChain,
    Money, PaymentField, PaymentNumberRules, Product, ProductLine, Program, Scope,
};

fn cases() -> u32 {
    std::env::var("SAIFU_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

#[derive(Debug, Clone)]
enum Op {
    Start {
        id: u8,
        product: bool,
        method: u8,
        order: u32,
    },
    Confirm(u8),
    ConfirmCard(u8, bool),
    Pay(u8),
    Cancel(u8),
    Notify(u8, u8),
    IssueSlip(u8, bool),
    Tick,
}

fn op() -> impl Strategy<Value = Op> {
    let id = 0u8..4;
    prop_oneof![
        3 => (id.clone(), any::<bool>(), 0u8..6, 0u32..6)
            .prop_map(|(id, product, method, order)| Op::Start { id, product, method, order }),
        2 => id.clone().prop_map(Op::Confirm),
        1 => (id.clone(), any::<bool>()).prop_map(|(id, jcb)| Op::ConfirmCard(id, jcb)),
        2 => id.clone().prop_map(Op::Pay),
        1 => id.clone().prop_map(Op::Cancel),
        3 => (id.clone(), 0u8..6).prop_map(|(id, e)| Op::Notify(id, e)),
        1 => (id.clone(), any::<bool>()).prop_map(|(id, same)| Op::IssueSlip(id, same)),
        1 => Just(Op::Tick),
    ]
}

fn programs() -> Charges {
    let yen = |n| Money::jpy(n).unwrap();
    let mut c = Charges::new();
    c.add_program(Program {
        id: "minato".into(),
        name: "電子スマイル商品券".into(),
        payment_id_prefix: None,
        accepted_brands: vec![Brand::Visa, Brand::Jcb],
        product: None,
    })
    .unwrap();
    c.add_program(Program {
        id: "smile".into(),
        name: "プレミアム付商品券".into(),
        payment_id_prefix: None,
        accepted_brands: vec![Brand::Jcb],
        product: Some(Product {
            unit_price: yen(10_000),
            max_units: 4,
            breakdown: vec![
                ProductLine {
                    scope: Scope::SmallStoresOnly,
                    value: yen(8_000),
                },
                ProductLine {
                    scope: Scope::AllStores,
                    value: yen(5_000),
                },
            ],
            methods: ChargeMethodKind::ALL.to_vec(),
            lots_expire_on: None,
        }),
    })
    .unwrap();
    c
}

const EVENTS: [ChargeEvent; 6] = ChargeEvent::ALL;

/// One step's answer, as comparable text (results and errors alike).
fn apply(c: &mut Charges, op: &Op, at: DateTime<FixedOffset>) -> String {
    let id = |n: &u8| format!("c{n}");
    let text = |r: Result<String, Error>| match r {
        Ok(v) => v,
        Err(e) => format!("error {e:?}"),
    };
    match op {
        Op::Start {
            id: n,
            product,
            method,
            order,
        } => {
            let method = match method {
                0 => ChargeMethod::Card { brand: Brand::Visa },
                1 => ChargeMethod::Card { brand: Brand::Jcb },
                2 => ChargeMethod::Konbini {
                    chain: KonbiniChain::SevenEleven,
                },
                3 => ChargeMethod::Konbini {
                    chain: KonbiniChain::Lawson,
                },
                4 => ChargeMethod::PayEasy,
                _ => ChargeMethod::JCoin,
            };
            let (program, order) = if *product {
                ("smile", ChargeOrder::Units(*order))
            } else {
                (
                    "minato",
                    ChargeOrder::Amount(Money::jpy(i64::from(*order) * 1000).unwrap()),
                )
            };
            text(
                c.start(&id(n), program, method, order, at)
                    .map(|c| format!("{c:?}")),
            )
        }
        Op::Confirm(n) => text(c.confirm(&id(n), at).map(|s| format!("{s:?}"))),
        Op::ConfirmCard(n, jcb) => {
            let number = if *jcb {
                "3530111333300000"
            } else {
                "4242424242424242"
            };
            let card = saifu::CardNumber::parse(number).unwrap();
            let expiry = saifu::CardExpiry::parse("12/30").unwrap();
            text(
                c.confirm_card(&id(n), &card, expiry, at)
                    .map(|s| format!("{s:?}")),
            )
        }
        Op::Pay(n) => text(c.pay(&id(n), at).map(|s| format!("{s:?}"))),
        Op::Cancel(n) => text(c.cancel(&id(n), at).map(|s| format!("{s:?}"))),
        Op::Notify(n, e) => text(
            c.notify(&id(n), EVENTS[usize::from(*e)], at)
                .map(|r| format!("{r:?}")),
        ),
        Op::IssueSlip(n, same) => {
            // Numbers every kind can take or refuse: the slip's own checks decide.
            let seven = [(
                PaymentField::PaymentSlipNumber,
                if *same {
                    "1234567890123"
                } else {
                    "9999999999999"
                },
            )];
            let lawson = [
                (
                    PaymentField::CustomerNumber,
                    if *same { "12345" } else { "54321" },
                ),
                (PaymentField::ConfirmationNumber, "1234"),
            ];
            let payeasy = [
                (PaymentField::InstitutionNumber, "58021"),
                (
                    PaymentField::CustomerNumber,
                    if *same { "123456789012" } else { "1" },
                ),
                (PaymentField::ConfirmationNumber, "123456"),
            ];
            let rules = PaymentNumberRules::new();
            let method = c.charge(&id(n)).map(|c| c.method);
            let numbers: &[(PaymentField, &str)] = match method {
                Some(ChargeMethod::Konbini {
                    chain: KonbiniChain::SevenEleven,
                }) => &seven,
                Some(ChargeMethod::Konbini { .. }) => &lawson,
                _ => &payeasy,
            };
            text(
                c.issue_slip(&id(n), numbers, &rules, at)
                    .map(|s| format!("{s:?}")),
            )
        }
        Op::Tick => format!("{:?}", c.tick(at)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn a_reload_never_changes_an_answer(
        steps in prop::collection::vec((op(), 0i64..2000), 1..30),
    ) {
        let mut kept = programs();
        let mut reloaded = programs();
        let mut at = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+09:00").unwrap();
        for (op, minutes) in &steps {
            at += Duration::minutes(*minutes);
            let saved = reloaded.to_json();
            reloaded = Charges::from_json(&saved).unwrap();
            prop_assert_eq!(reloaded.to_json(), saved);
            prop_assert_eq!(apply(&mut reloaded, op, at), apply(&mut kept, op, at));
            prop_assert_eq!(&reloaded, &kept);
            prop_assert_eq!(reloaded.can_start(at), kept.can_start(at));
            for (a, b) in reloaded.charges().iter().zip(kept.charges()) {
                prop_assert_eq!(a.state_at(&at), b.state_at(&at));
            }
        }
        prop_assert_eq!(Charges::from_json(&kept.to_json()).unwrap(), kept);
    }
}

/// The documents of `saved_charges.rs`, cut and edited at random.
const CHARGES_DOCUMENT: &str = include_str!("charges_v1.json");
const CARDS_DOCUMENT: &str = r#"{"version":1,"registrations":[{"brand":"visa","last4":"4242","expiry_month":12,"expiry_year":2028,"debit":false,"fingerprint":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","registered_at":"2026-03-10T12:00:00+09:00"}]}"#;

/// `text` with the characters in `at..at + len` replaced by `with`.
fn edited(text: &str, at: usize, len: usize, with: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + len).min(chars.len());
    chars[..at]
        .iter()
        .chain(with.chars().collect::<Vec<_>>().iter())
        .chain(&chars[end..])
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Any edit of a saved document loads, or is refused with a `state.*` code: never a
    /// panic, never another area's error.
    #[test]
    fn an_edited_document_loads_or_is_refused_with_a_state_code(
        at in 0usize..2300,
        len in 0usize..8,
        with in prop_oneof![
            Just(String::new()), Just("null".to_owned()), Just("0".to_owned()), Just("\"".to_owned()),
            Just("{}".to_owned()), Just("[]".to_owned()), Just("-1".to_owned()), Just("9".to_owned()),
            "[a-z_:,\"{}\\[\\]0-9.+-]{0,6}",
        ],
    ) {
        for (text, charges) in [(CHARGES_DOCUMENT.trim_end(), true), (CARDS_DOCUMENT, false)] {
            let doc = edited(text, at, len, &with);
            let loaded = if charges {
                Charges::from_json(&doc).map(|c| c.to_json())
            } else {
                saifu::CardsOnFile::from_json(&doc).map(|c| c.to_json())
            };
            match loaded {
                // What loads saves as a document of this version.
                Ok(saved) => {
                    let versioned = saved.starts_with(r#"{"version":1,"#);
                    prop_assert!(versioned, "saved as {}", saved);
                }
                Err(e) => prop_assert!(e.code().starts_with("state."), "{} for {}", e.code(), doc),
            }
        }
    }
}
