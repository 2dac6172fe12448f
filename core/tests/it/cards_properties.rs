//! Property tests of cards on file, payment numbers and Smart Pit (DESIGN §7):
//! - every parser answers any text with a value or a coded error of its own area, never
//!   a panic;
//! - a number typed with full-width digits and separators anywhere reads as its ASCII
//!   digits, and a card's fingerprint does not depend on how it was typed;
//! - the billing card of a month is the latest registration before its cut-off (checked
//!   against a reference written here from the rule), and a registration never changes
//!   the card of a month whose cut-off had passed;
//! - saved registrations load back as the same cards;
//! - Smart Pit's answer follows DESIGN's order (against a reference).
//!
//! Each property runs 10,000 cases; set `SAIFU_PROPTEST_CASES` for more (or fewer).

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use proptest::prelude::*;

use saifu::{
    BillingCutoff, Brand, CardEntry, CardNumber, CardPolicy, CardsOnFile, ExpiryInput,
    FingerprintKey, Money, PaymentField, PaymentNumberRules, RegisteredCard, SlipKind,
    SmartPitBill, SmartPitMedium, SmartPitNumber, SmartPitStore, Tender, UsageMonth,
    can_pay_smart_pit,
};

fn cases() -> u32 {
    std::env::var("SAIFU_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn base() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-01-01T00:00:00+09:00").unwrap()
}

/// Text people type: digits of both widths, every §2 separator, whitespace, and a
/// sprinkling of what must be refused.
fn typed() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::char::range('0', '9'),
        4 => proptest::char::range('０', '９'),
        3 => prop::sample::select(vec![
            ' ', '\u{00A0}', '\u{3000}', '-', '\u{FF0D}', '\u{2010}', '\u{2015}', '\u{2212}',
            'ー', 'ｰ', '/', '／',
        ]),
        1 => any::<char>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|cs| cs.into_iter().collect())
}

/// `digits` with each digit full-width or not and separators between them.
fn dressed(digits: String) -> impl Strategy<Value = String> {
    let n = digits.len();
    (
        prop::collection::vec(any::<bool>(), n),
        prop::collection::vec(
            prop::sample::select(vec!["", "", "", " ", "-", "ー", "　", "--", "－ "]),
            n + 1,
        ),
    )
        .prop_map(move |(wide, seps)| {
            let mut out = String::from(seps[0]);
            for (i, c) in digits.chars().enumerate() {
                if wide[i] {
                    out.push(char::from_u32(u32::from(c) - u32::from('0') + 0xFF10).unwrap());
                } else {
                    out.push(c);
                }
                out.push_str(seps[i + 1]);
            }
            out
        })
}

/// A Luhn-valid Visa number of 16 digits.
fn visa() -> impl Strategy<Value = String> {
    prop::collection::vec(0u8..10, 14).prop_map(|body| {
        let mut digits: Vec<u8> = std::iter::once(4).chain(body).collect();
        let sum: u32 = digits
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &d)| {
                let d = u32::from(d);
                if i % 2 == 0 {
                    let t = d * 2;
                    if t > 9 { t - 9 } else { t }
                } else {
                    d
                }
            })
            .sum();
        digits.push(u8::try_from((10 - sum % 10) % 10).unwrap());
        digits.iter().map(|d| char::from(b'0' + d)).collect()
    })
}

fn policy() -> CardPolicy {
    CardPolicy::new(
        FingerprintKey::new((0u8..32).collect()).unwrap(),
        Brand::ALL.to_vec(),
        vec!["4000".into()],
        vec!["40001".into()],
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn check_answers_as_parse_does(number in prop_oneof![typed(), visa()]) {
        let parsed = CardNumber::parse(&number).map(|card| card.brand());
        prop_assert_eq!(CardNumber::check(&number), parsed);
    }

    #[test]
    fn registration_answers_any_text(number in typed(), expiry in typed(), month in typed(), cvc in typed()) {
        let p = policy();
        let none: [&str; 0] = [];
        for expiry in [ExpiryInput::Text(&expiry), ExpiryInput::Fields { month: &month, year: &expiry }] {
            let entry = CardEntry { number: &number, expiry, security_code: &cvc };
            match p.check(&entry, none, base()) {
                Ok(shown) => {
                    prop_assert_eq!(shown.card.fingerprint.len(), 64);
                    prop_assert_eq!(shown.masked_security_code, "***");
                    prop_assert!(shown.masked_number.ends_with(&shown.card.last4));
                }
                Err(e) => prop_assert!(e.code().starts_with("card."), "{}", e.code()),
            }
        }
    }

    #[test]
    fn a_card_has_one_fingerprint_however_it_is_typed(
        (plain, typed) in visa().prop_flat_map(|v| (Just(v.clone()), dressed(v)))
    ) {
        let p = policy();
        let none: [&str; 0] = [];
        let entry = |number| CardEntry { number, expiry: ExpiryInput::Text("12/28"), security_code: "123" };
        let a = p.check(&entry(&plain), none, base());
        let b = p.check(&entry(&typed), none, base());
        match (a, b) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(&a.card.fingerprint, &b.card.fingerprint);
                prop_assert_eq!(a.card.fingerprint, p.key().fingerprint(&CardNumber::parse(&plain).unwrap()));
            }
            // Debit cards of a prefix not allowed are refused however they are typed.
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{a:?} / {b:?}"),
        }
    }

    #[test]
    fn payment_numbers_answer_any_text(text in typed()) {
        let rules = PaymentNumberRules::new();
        for kind in SlipKind::ALL {
            for &field in kind.fields() {
                match rules.parse(kind, field, &text) {
                    Ok(n) => {
                        let (min, max) = rules.digits(kind, field).unwrap();
                        let len = i64::try_from(n.digits().len()).unwrap();
                        prop_assert!((min..=max).contains(&len));
                        prop_assert!(n.digits().bytes().all(|b| b.is_ascii_digit()));
                        prop_assert_eq!(n.display().replace(' ', ""), n.digits());
                        prop_assert!(n.display().split(' ').all(|g| (1..=4).contains(&g.len())));
                    }
                    Err(e) => prop_assert_eq!(e.code(), "payment.invalid_number"),
                }
            }
        }
    }

    #[test]
    fn payment_numbers_read_as_typed(
        (digits, typed) in "[0-9]{1,20}".prop_flat_map(|d| (Just(d.clone()), dressed(d)))
    ) {
        let n = saifu::PaymentNumber::parse(SlipKind::PayEasy, PaymentField::CustomerNumber, &typed).unwrap();
        prop_assert_eq!(n.digits(), digits.as_str());
    }

    #[test]
    fn usage_months_answer_any_text(text in typed(), year in 1i64..=9999, month in 1i64..=12) {
        if let Err(e) = UsageMonth::parse(&text) {
            prop_assert_eq!(e.code(), "time.invalid");
        }
        let m = UsageMonth::new(year, month).unwrap();
        prop_assert_eq!(UsageMonth::parse(&m.to_string()).unwrap(), m);
    }

    #[test]
    fn the_billing_card_is_the_latest_before_the_cutoff(
        // Minutes between registrations; whole days from the midnight start land exactly
        // on cut-offs.
        gaps in prop::collection::vec(prop_oneof![0i64..80 * 24 * 60, (0i64..80).prop_map(|d| d * 24 * 60)], 0..8),
        day in prop::option::of(1i64..=31),
        late in 0i64..80 * 24 * 60,
    ) {
        let cutoff = day.map_or(BillingCutoff::LAST_DAY, |d| BillingCutoff::day(d).unwrap());
        let p = policy();
        let numbers = ["4242424242424242", "5555555555554444", "378282246310005", "3530111333300000"];
        let mut cards = CardsOnFile::new();
        let mut at = base();
        for (i, gap) in gaps.iter().enumerate() {
            at += Duration::minutes(*gap);
            let cvc = if i % numbers.len() == 2 { "1234" } else { "123" };
            let entry = CardEntry { number: numbers[i % numbers.len()], expiry: ExpiryInput::Text("12/29"), security_code: cvc };
            cards.register(&p, &entry, at).unwrap();
        }
        let months: Vec<UsageMonth> = (0..4)
            .map(|k| UsageMonth::new(2026, 1 + k).unwrap())
            .collect();
        for &month in &months {
            let end = reference_cutoff(month, day);
            prop_assert_eq!(month.cutoff(cutoff), end);
            let expected = cards.registrations().iter().rev().find(|r| r.registered_at < end);
            prop_assert_eq!(cards.billing_card(month, cutoff), expected);
        }
        // One more registration, later still: the months whose cut-off had passed keep
        // their card.
        let before: Vec<Option<RegisteredCard>> = months.iter().map(|&m| cards.billing_card(m, cutoff).cloned()).collect();
        let then = at + Duration::minutes(late);
        let other = CardEntry { number: "4111111111111111", expiry: ExpiryInput::Text("12/29"), security_code: "123" };
        if cards.register(&p, &other, then).is_ok() {
            for (i, &month) in months.iter().enumerate() {
                if month.cutoff(cutoff) <= then {
                    prop_assert_eq!(cards.billing_card(month, cutoff).cloned(), before[i].clone());
                }
            }
        }
        let again = CardsOnFile::from_registrations(cards.registrations().to_vec()).unwrap();
        prop_assert_eq!(again, cards);
    }

    #[test]
    fn smart_pit_answers_in_designs_order(
        number in prop_oneof![Just("1234567890123".to_owned()), Just("1234-5678-90123".to_owned()), typed()],
        billed in any::<bool>(),
        sheet in prop::option::of(-3i64..3),
        store in prop::sample::select(SmartPitStore::ALL.to_vec()),
        printed in any::<bool>(),
        tender in prop::sample::select(vec![Tender::Cash, Tender::CreditCard, Tender::EMoney, Tender::Other]),
        // From noon JST; ±720 and 2160 land exactly on a midnight.
        minutes in prop_oneof![-2000i64..2000, prop::sample::select(vec![-720i64, 720, 2160])],
    ) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let medium = match sheet {
            None => SmartPitMedium::Card,
            Some(d) => SmartPitMedium::Sheet { expires_on: today + Duration::days(d) },
        };
        let bills: Vec<SmartPitBill> = if billed {
            vec![SmartPitBill {
                number: SmartPitNumber::parse("1234567890123").unwrap(),
                merchant: "m".into(),
                amount: Money::jpy(1).unwrap(),
                due_on: today,
            }]
        } else {
            Vec::new()
        };
        let now = DateTime::parse_from_rfc3339("2026-11-23T12:00:00+09:00").unwrap() + Duration::minutes(minutes);
        let got = can_pay_smart_pit(&number, medium, &bills, store, printed, tender, now);
        // The reference, from DESIGN §7's list.
        let valid = SmartPitNumber::parse(&number);
        let expected: Result<bool, &str> = if valid.is_err() {
            Err("smartpit.invalid_number")
        } else if !billed || valid.unwrap().digits() != "1234567890123" {
            Err("smartpit.bill_not_found")
        } else if sheet.is_some() && !printed && !matches!(store, SmartPitStore::Lawson | SmartPitStore::FamilyMart | SmartPitStore::Ministop) {
            Err("smartpit.sheet_required")
        } else if sheet.is_some_and(|d| {
            let jst = now.with_timezone(&FixedOffset::east_opt(9 * 3600).unwrap());
            jst.date_naive() > today + Duration::days(d)
        }) {
            Err("smartpit.sheet_expired")
        } else if tender != Tender::Cash {
            Err("smartpit.cash_only")
        } else {
            Ok(store.accepts_number())
        };
        prop_assert_eq!(got.map(|p| p.at_terminal).map_err(|e| e.code()), expected);
    }
}

/// 00:00 JST after the cut-off day of `month`, written from the rule: the day, or the
/// month's last day when it is past it (or not set).
fn reference_cutoff(month: UsageMonth, day: Option<i64>) -> DateTime<FixedOffset> {
    let (y, m) = (
        i32::try_from(month.year()).unwrap(),
        u32::try_from(month.month()).unwrap(),
    );
    let first_next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    }
    .unwrap();
    let last = first_next.pred_opt().unwrap().day();
    let d = day.map_or(last, |d| u32::try_from(d).unwrap().min(last));
    let next = NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .succ_opt()
        .unwrap();
    DateTime::parse_from_rfc3339(&format!("{next}T00:00:00+09:00")).unwrap()
}
