//! A tour of saifu: what a Japanese wallet app asks of it, step by step.
//!
//! `cargo run -p saifu --example tour`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    missing_docs
)]

use chrono::{DateTime, Duration, FixedOffset};
use saifu::*;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a valid time")
}

fn yen(n: i64) -> Money {
    Money::jpy(n).expect("in range")
}

fn heading(title: &str) {
    println!("\n== {title}");
}

fn show_error(what: &str, e: &Error) {
    println!(
        "  {what:<34} -> {} ({} / {})",
        e.code(),
        e.message(Lang::En),
        e.message(Lang::Ja)
    );
}

fn main() -> Result<(), Error> {
    println!("saifu {} — a tour", env!("CARGO_PKG_VERSION"));

    heading("1. What people type: IME digits, dashes and spaces");
    let typed = "４２４２　４２４２ー４２４２ ４２４２";
    let card = CardNumber::parse(typed)?;
    println!("  typed {typed:?}");
    println!(
        "  brand {:<10} display {:<22} masked {}",
        card.brand().name(Lang::En),
        card.display(),
        card.masked()
    );
    println!("  PCI view (first 6, last 4): {}", card.first6_last4());
    println!("  Debug never shows the number: {card:?}");
    for partial in ["", "3", "35", "3528", "37828224631000", "378282246310006"] {
        let d = CardNumber::detect(partial);
        println!(
            "  as you type {partial:<16} brand {:<10} potentially valid {:<5} complete {}",
            d.brand.map_or("-", Brand::id),
            d.potentially_valid,
            d.complete
        );
    }
    for bad in [
        "",
        "4242x42424242424",
        "9999999999999995",
        "424242424242",
        "4242424242424241",
    ] {
        show_error(
            &format!("card {bad:?}"),
            &CardNumber::parse(bad).unwrap_err(),
        );
    }
    let expiry = CardExpiry::parse("１２／２６")?;
    println!(
        "  expiry {expiry}: expired at 2026-12-31 23:59:59 JST? {}; at 2026-12-31T15:00Z (new year in Tokyo)? {}",
        expiry.is_expired(&t("2026-12-31T23:59:59+09:00")),
        expiry.is_expired(&t("2026-12-31T15:00:00Z"))
    );
    let cvc = SecurityCode::parse("１２３", card.brand())?;
    println!("  security code shown as {} (Debug: {cvc:?})", cvc.masked());

    heading("2. Money: exact, checked, written as the screens write it");
    for text in ["10000", "¥10,000", "１０，０００円", " 5,000 円 ", "0"] {
        let m = Money::parse(text, Currency::JPY)?;
        println!(
            "  {text:<14} -> {:<8} {:<10} {:<10} {}",
            m.minor(),
            m.format(MoneyStyle::Symbol)?,
            m.format(MoneyStyle::Suffix)?,
            m.format(MoneyStyle::Voucher)?
        );
    }
    for bad in ["", "abc", "-5", "1.5", "1,0000", "9007199254740992"] {
        show_error(
            &format!("money {bad:?}"),
            &Money::parse(bad, Currency::JPY).unwrap_err(),
        );
    }
    let premium = yen(10_000).apply_rate(rust_decimal::Decimal::new(30, 2), Rounding::ToZero)?;
    println!("  a 30 % premium on ¥10,000, 切り捨て: {premium}");
    println!(
        "  USD 10.50 parses to {} cents",
        Money::parse("10.50", Currency::USD)?.minor()
    );

    heading("3. Codes, numbers and passwords");
    println!(
        "  voucher code N7af3c1d7AV9b2e4 -> {}",
        VoucherCode::parse("N7af3c1d7AV9b2e4")?.masked()
    );
    let pit = SmartPitNumber::parse("１２３４ ５６７８ ９０１２３")?;
    println!(
        "  Smart Pit {} (number at Lawson's terminal: {}; Circle K needs the sheet: {})",
        pit.display(),
        SmartPitStore::Lawson.accepts_number(),
        !SmartPitStore::CircleK.accepts_number()
    );
    for pw in ["abc12345", "abc 12345", "abc1234", "abcdefgh", "12345678"] {
        match check_password(pw) {
            Ok(()) => println!("  password {pw:<34} -> ok"),
            Err(e) => show_error(&format!("password {pw:?}"), &e),
        }
    }

    heading("4. The seed-003 wallet: a city's premium vouchers");
    let mut wallet = Wallet::new();
    wallet.add_program(Program::new("oyama", "小山市共通商品券", "OEM2023030001"))?;
    wallet.add_program(Program::new("tennozu", "天王洲キャッシュ", "OEM2020000101"))?;
    wallet.add_merchant(Merchant {
        id: "riverside".into(),
        name: "天王洲飯店 リバーサイド店".into(),
        size: MerchantSize::Small,
        programs: vec!["oyama".into(), "tennozu".into()],
        jpqr_id: Some("0000000000001".into()),
    })?;
    wallet.add_merchant(Merchant {
        id: "mall".into(),
        name: "おやまショッピングモール".into(),
        size: MerchantSize::Large,
        programs: vec!["oyama".into()],
        jpqr_id: Some("0000000000002".into()),
    })?;
    wallet.open_lot(NewLot {
        id: "T1".into(),
        code: VoucherCode::parse("N7af3c1d7AV9b2e4")?,
        management_no: "d012104262000001".into(),
        program: "tennozu".into(),
        scope: Scope::AllStores,
        registered_at: t("2021-04-27T20:09:26+09:00"),
        expires_on: None,
        face_value: yen(10_000),
        balance: yen(10_000),
    })?;
    println!("  opening balance: 天王洲キャッシュ 10,000円分 (no expiry)");

    // Buying 1 unit (1口): ¥10,000 paid, 8,000 small-stores-only + 5,000 all-stores.
    let bought = t("2026-04-01T10:00:00+09:00");
    let unit = |id: &str, code: &str, scope, value| -> Result<NewLot, Error> {
        Ok(NewLot {
            id: id.into(),
            code: VoucherCode::parse(code)?,
            management_no: format!("d0230401{}", &code[..8]),
            program: "oyama".into(),
            scope,
            registered_at: bought,
            expires_on: Some("2026-12-31".parse().expect("a date")),
            face_value: yen(value),
            balance: yen(value),
        })
    };
    wallet.charge(
        "CH-20260401-1",
        "oyama",
        bought,
        vec![
            unit("A", "AAAA1111aaaa2222", Scope::SmallStoresOnly, 8_000)?,
            unit("B", "BBBB3333bbbb4444", Scope::AllStores, 5_000)?,
        ],
    )?;
    println!(
        "  bought 1口 for ¥10,000: 中小店舗限定 8,000円分 + 全店共通 5,000円分, valid through 2026-12-31"
    );
    let default_order = wallet.quote("riverside", yen(9_500), t("2026-05-01T12:00:00+09:00"))?;
    println!(
        "  the seed's order (shortest expiry, then smallest balance) would spend {:?}",
        default_order
            .allocations
            .iter()
            .map(|a| format!("{} {}", a.lot, a.amount))
            .collect::<Vec<_>>()
    );
    wallet.set_policy(WalletPolicy {
        spending: SpendingPolicy::RestrictedFirst,
        ..WalletPolicy::default()
    })?;
    println!("  opting in to restricted-first keeps the all-stores value for large stores");

    heading("5. Paying by scanning the merchant's JPQR code (B)");
    let payload =
        MerchantQr::jpqr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")?.to_payload()?;
    println!("  merchant's code: {payload}");
    let mut flow = MerchantQrPayment::scan(&wallet, &payload)?;
    println!(
        "  scanned: {} ({})",
        flow.merchant_name(),
        flow.state().id()
    );
    flow.enter_amount(yen(9_500))?;
    let quote = flow.confirm(&wallet, t("2026-05-01T12:00:00+09:00"))?;
    println!(
        "  お支払確認: {} from {:?}",
        quote.amount,
        quote
            .allocations
            .iter()
            .map(|a| format!("{} {}", a.lot, a.amount))
            .collect::<Vec<_>>()
    );
    let receipt = flow.pay(&mut wallet, t("2026-05-01T12:00:10+09:00"))?;
    println!(
        "  お支払 done: payment {} — balance after {}",
        receipt.payment_id, receipt.balance_after
    );

    heading("6. Paying by showing a one-time code (A)");
    let mut shown = CustomerQrPayment::new(
        "TOKEN-3f9a",
        t("2026-05-02T18:00:00+09:00"),
        Duration::minutes(5),
    )?;
    shown.merchant_request(
        "TOKEN-3f9a",
        "mall",
        yen(2_000),
        t("2026-05-02T18:01:00+09:00"),
    )?;
    let second = shown.complete(&mut wallet, t("2026-05-02T18:01:02+09:00"))?;
    println!(
        "  the large mall cannot take small-stores-only value: paid {} from {:?}",
        second.amount,
        second
            .allocations
            .iter()
            .map(|a| format!("{} {}", a.lot, a.amount))
            .collect::<Vec<_>>()
    );
    let err = wallet
        .pay("mall", yen(5_000), t("2026-05-02T18:05:00+09:00"))
        .unwrap_err();
    show_error("pay ¥5,000 at the mall", &err);

    heading("7. A partial refund goes back in reverse order of consumption");
    let refund = wallet.refund(
        &receipt.payment_id,
        yen(4_000),
        t("2026-05-03T11:22:33.456+09:00"),
    )?;
    println!(
        "  refund {} restored {:?}",
        refund.refund_id,
        refund
            .restored
            .iter()
            .map(|r| format!("{} {}", r.lot, r.amount))
            .collect::<Vec<_>>()
    );
    println!("  still refundable: {}", refund.refundable_after);

    heading("8. Expiry: usable through 2026-12-31 23:59:59.999 JST");
    let forfeited = wallet.expire(t("2027-01-01T00:00:00+09:00"))?;
    for f in &forfeited {
        println!(
            "  expired: {} {}",
            f.lot,
            f.amount.format(MoneyStyle::Voucher)?
        );
    }

    heading("9. 残高詳細 (balance view) on 2027-01-02");
    let view = wallet.balance(t("2027-01-02T09:00:00+09:00"))?;
    println!("  あなたの残高 {}", view.display_total());
    println!(
        "  半年未満 {}  1年未満 {}  1年以上 {}",
        view.under_6_months.format(MoneyStyle::Voucher)?,
        view.under_1_year.format(MoneyStyle::Voucher)?,
        view.one_year_or_more.format(MoneyStyle::Voucher)?
    );
    for (i, lot) in view.lots.iter().enumerate() {
        println!(
            "  {}. {}{}",
            i + 1,
            lot.title,
            if lot.usable { "" } else { " [期限切れ]" }
        );
        println!(
            "     コード(ID) {}  管理番号 {}",
            lot.masked_code, lot.management_no
        );
        println!(
            "     有効期限 {}  登録日 {}  {}",
            lot.display_expires_on(Lang::Ja),
            lot.display_registered_at(),
            lot.display_balance()
        );
    }

    heading("10. ご利用履歴 (history), newest first");
    for (i, e) in wallet.history(&HistoryFilter::default()).iter().enumerate() {
        println!("  {}. {} [{}]", i + 1, e.title, e.kind.id());
        println!(
            "     ID {}  利用日時 {}  決済金額 {}",
            e.id,
            e.display_time(),
            e.display_amount()
        );
    }

    heading("11. State is plain, versioned JSON");
    let json = wallet.to_json()?;
    let reloaded = Wallet::from_json(&json)?;
    println!(
        "  {} bytes of JSON (version {STATE_VERSION}); reloads equal: {}",
        json.len(),
        reloaded == wallet
    );
    show_error(
        "load a damaged file",
        &Wallet::from_json(&json.replacen("\"version\":1", "\"version\":9", 1)).unwrap_err(),
    );
    cards_on_file()?;
    cash_slips()?;
    mynapoint()?;
    purchase()?;
    println!("\ntour complete");
    Ok(())
}

/// Seed 002: registering a card as the payment method, and which card pays which month.
fn cards_on_file() -> Result<(), Error> {
    heading("12. Registering a card as the payment method (seed 002)");
    // The integrator's rules: seed 002's five brands; debit cards only from the issuers
    // it allows (here one JCB debit BIN allowed, one Visa debit BIN not); a fingerprint
    // key of its own (32 bytes here; never in Debug, zeroed on drop).
    let policy = CardPolicy::new(
        FingerprintKey::new((0u8..32).collect())?,
        vec![
            Brand::Jcb,
            Brand::Visa,
            Brand::Mastercard,
            Brand::Amex,
            Brand::Diners,
        ],
        vec!["400005".into(), "353011".into()],
        vec!["353011".into()],
    )?;
    println!("  policy: {policy:?}");
    let mut cards = CardsOnFile::new();
    // The form of seed 002: number, expiry as two fields (MM 月 YY 年), security code.
    let visa = CardEntry {
        number: "４２４２ ４２４２ ４２４２ ４２４２",
        expiry: ExpiryInput::Fields {
            month: "１２",
            year: "２８",
        },
        security_code: "１２３",
    };
    let shown = cards.confirm(&policy, &visa, t("2026-03-10T12:00:00+09:00"))?;
    println!(
        "  確認: クレジットカード番号 {}  有効期限 {}  セキュリティコード {}",
        shown.masked_number, shown.expiry, shown.masked_security_code
    );
    let kept = cards
        .register(&policy, &visa, t("2026-03-10T12:00:10+09:00"))?
        .card;
    println!(
        "  登録: kept {} …{} {:02}/{} debit {} fingerprint {}… (no number, no security code)",
        kept.brand.name(Lang::En),
        kept.last4,
        kept.expiry_month,
        kept.expiry_year,
        kept.debit,
        &kept.fingerprint[..16]
    );
    show_error(
        "the same card again, typed otherwise",
        &cards
            .register(
                &policy,
                &CardEntry {
                    number: "4242-4242-4242-4242",
                    expiry: ExpiryInput::Text("12/28"),
                    security_code: "123",
                },
                t("2026-03-15T09:00:00+09:00"),
            )
            .unwrap_err(),
    );
    for (what, number, expiry) in [
        ("an expired card", "5555555555554444", "02/26"),
        ("a Discover card", "6011111111111117", "12/28"),
        ("a Visa debit card not allowed", "4000056655665556", "12/28"),
    ] {
        let entry = CardEntry {
            number,
            expiry: ExpiryInput::Text(expiry),
            security_code: "123",
        };
        show_error(
            what,
            &cards
                .register(&policy, &entry, t("2026-03-15T09:00:00+09:00"))
                .unwrap_err(),
        );
    }
    // A replacement registered at 00:00 JST on April 1 (given in UTC): March is billed
    // to the Visa, April to the Mastercard.
    let mastercard = CardEntry {
        number: "5555 5555 5555 4444",
        expiry: ExpiryInput::Text("01/2030"),
        security_code: "321",
    };
    cards.register(&policy, &mastercard, t("2026-03-31T15:00:00Z"))?;
    for month in ["2026-02", "2026-03", "2026-04"] {
        let paying = cards.billing_card(UsageMonth::parse(month)?, BillingCutoff::LAST_DAY);
        println!(
            "  usage of {month} (billed the month after) is paid by: {}",
            paying.map_or("no card".to_owned(), |c| format!(
                "{} …{} (registered {})",
                c.brand.name(Lang::En),
                c.last4,
                format_instant(&c.registered_at)
            ))
        );
    }
    let reloaded = CardsOnFile::from_registrations(cards.registrations().to_vec())?;
    println!(
        "  {} registrations kept as plain records; reloaded equal: {}",
        cards.registrations().len(),
        reloaded == cards
    );
    Ok(())
}

/// Seed 000's cash charges leave a slip to pay; seed 001's Smart Pit is paid at a store.
fn cash_slips() -> Result<(), Error> {
    heading("13. A convenience-store slip (seed 000) and Smart Pit (seed 001)");
    // A FamilyMart charge applied on 11-23 awaits payment until the end of 11-25, JST;
    // the provider's notification carries the numbers, and the charge keeps its slip.
    let mut charges = Charges::new();
    charges.add_program(Program {
        id: "minato".into(),
        name: "電子スマイル商品券".into(),
        payment_id_prefix: None,
        accepted_brands: vec![],
        product: None,
    })?;
    let family_mart = ChargeMethod::Konbini {
        chain: KonbiniChain::FamilyMart,
    };
    let amount = ChargeOrder::Amount(yen(3_000));
    charges.start(
        "c-fm",
        "minato",
        family_mart,
        amount,
        t("2026-11-23T10:00:00+09:00"),
    )?;
    charges.confirm("c-fm", t("2026-11-23T10:00:10+09:00"))?;
    charges.pay("c-fm", t("2026-11-23T10:00:20+09:00"))?;
    let numbers = [
        (PaymentField::CompanyCode, "１２３４５"),
        (PaymentField::OrderNumber, "1234-5678-9012"),
    ];
    let rules = PaymentNumberRules::new();
    let slip = charges.issue_slip("c-fm", &numbers, &rules, t("2026-11-23T10:00:21+09:00"))?;
    for lang in [Lang::Ja, Lang::En] {
        for line in slip.instructions(lang).text().lines() {
            println!("  | {line}");
        }
    }
    let seven = SlipKind::Konbini(KonbiniChain::SevenEleven);
    show_error(
        "a 12-digit Seven-Eleven slip number",
        &PaymentNumber::parse(seven, PaymentField::PaymentSlipNumber, "1234 5678 9012")
            .unwrap_err(),
    );

    let bills = [SmartPitBill {
        number: SmartPitNumber::parse("1234567890123")?,
        merchant: "Example Shop".into(),
        amount: yen(4_980),
        due_on: parse_date("2026-11-30")?,
    }];
    let sheet = SmartPitMedium::Sheet {
        expires_on: parse_date("2026-11-30")?,
    };
    let now = t("2026-11-23T10:00:00+09:00");
    let at_lawson = can_pay_smart_pit(
        "１２３４ー５６７８ー９０１２３",
        sheet,
        &bills,
        SmartPitStore::Lawson,
        false,
        Tender::Cash,
        now,
    )?;
    println!(
        "  Smart Pit sheet at Lawson, not printed: payable at the terminal: {}",
        at_lawson.at_terminal
    );
    for (what, number, store, tender, at) in [
        (
            "no bill registered yet",
            "9999999999999",
            SmartPitStore::Lawson,
            Tender::Cash,
            now,
        ),
        (
            "an unprinted sheet at Circle K",
            "1234567890123",
            SmartPitStore::CircleK,
            Tender::Cash,
            now,
        ),
        (
            "the sheet on 12-01",
            "1234567890123",
            SmartPitStore::Lawson,
            Tender::Cash,
            t("2026-12-01T00:00:00+09:00"),
        ),
        (
            "paying by credit card",
            "1234567890123",
            SmartPitStore::Lawson,
            Tender::CreditCard,
            now,
        ),
    ] {
        show_error(
            &format!("Smart Pit: {what}"),
            &can_pay_smart_pit(number, sheet, &bills, store, false, tender, at).unwrap_err(),
        );
    }
    Ok(())
}
/// Seed 004: the bank issues the payment-service ID and security code, the national app
/// reserves (MyKey ID) and applies, and a day later the registration is confirmed.
fn mynapoint() -> Result<(), Error> {
    heading("14. MyNaPoint: the bank's issuance, the reservation and the application (seed 004)");
    // The integrator's secret (a keystore's, never in the saved state): PINs and codes
    // are kept only as HMAC-SHA-256 digests under it.
    let key = SecretKey::new(b"integrator's key: 32 bytes, kept")?;
    let config = MyNaPointConfig::new(vec![
        "aeon_card_waon".into(),
        "aeon_bank_cash_plus_debit".into(),
    ]);
    let mut m = MyNaPoint::new(&key, config.clone())?;
    let at = t("2026-07-01T10:00:00+09:00");

    println!("  [イオン銀行マイナポイント管理ページ]");
    show_error(
        "初回登録: a Visa card",
        &m.choose_card("visa_classic").unwrap_err(),
    );
    m.choose_card("aeon_card_waon")?;
    show_error(
        "電話番号 090-1234-56",
        &m.enter_phone("090-1234-56").unwrap_err(),
    );
    m.enter_phone("０９０ー１２３４ー５６７８")?;
    println!(
        "  初回登録: イオンカード（WAON）, SMS to {}",
        m.phone().map_or("-", PhoneNumber::digits)
    );
    m.sms_sent("135790", at)?; // the bank's SMS
    println!(
        "  ワンタイムパスワード（6桁）sent, valid until {}",
        m.sms_otp_expires_at()
            .map_or("-".into(), |e| e.format("%Y/%m/%d %H:%M").to_string())
    );
    show_error(
        "認証 135709",
        &m.enter_sms_code("135709", at + Duration::minutes(1))
            .unwrap_err(),
    );
    m.enter_sms_code("１３５７９０", at + Duration::minutes(1))?;
    show_error(
        "パスワードを設定 waonwaon",
        &m.set_password("waonwaon").unwrap_err(),
    );
    m.set_password("Waon2020pt")?;
    m.issued("1234567890123456", "8F3K")?; // the bank's answer
    println!("  発行完了: 決済サービスID 1234567890123456 / セキュリティコード 8F3K");
    println!("            (スクリーンショットやメモをお取りください)");
    println!(
        "  確認 with the password the bank accepted: 決済サービスID {}",
        m.view(true)?
    );

    println!("  [マイナポイントアプリ] マイナポイントの予約（マイキーIDの発行）");
    m.start_reservation("1234")?; // the card's PIN, sealed at once
    for wrong in ["1111", "4321"] {
        show_error(
            &format!("パスワード（数字4桁）{wrong}"),
            &m.enter_pin(wrong).unwrap_err(),
        );
    }
    // The app is closed here and opened again: the user's state document holds the
    // set-up, its PIN sealed and its failures with it.
    let state = UserState {
        mynapoint: Some(m),
        ..UserState::default()
    };
    let saved = state.to_json();
    println!(
        "  saved: {} bytes of user state, the PIN as {}…",
        saved.len(),
        saved
            .split(r#""card_pin":{"digest":""#)
            .nth(1)
            .map_or("-", |rest| rest.get(..16).unwrap_or(rest))
    );
    let settings = FlowSettings {
        key,
        sign_in: SignInConfig::default(),
        mynapoint: Some(config),
    };
    let Some(mut m) = UserState::from_json_with(&saved, &settings)?.mynapoint else {
        return Ok(());
    };
    println!(
        "  reloaded: {} attempt(s) left before the card locks",
        m.pin_remaining()
    );
    m.enter_pin("１２３４")?;
    m.card_read()?;
    m.mykey_issued("AB12CD34")?;
    println!(
        "  予約完了: マイキーID {}",
        m.mykey_id().unwrap_or_default()
    );

    println!("  [マイナポイントアプリ] マイナポイント申込");
    m.proceed_to_application()?; // 申込へ
    m.choose_service("aeon_card_waon")?;
    m.accept_terms()?;
    show_error(
        "必要事項の入力 (下4桁 5679)",
        &m.enter_details("1234567890123456", "8F3K", "5679")
            .unwrap_err(),
    );
    m.enter_details("１２３４５６７８９０１２３４５６", "８Ｆ３Ｋ", "５６７８")?;
    m.confirm()?; // 申込
    m.enter_pin("1234")?;
    m.card_read()?;
    println!(
        "  申込完了 ({}): ご登録完了までに約1日かかります",
        m.application_state().id()
    );
    show_error("確認 after the application", &m.view(true).unwrap_err());
    m.registration_confirmed()?; // the next day
    println!(
        "  the next day: {} (issuance {}, reservation {})",
        m.application_state().id(),
        m.issuance_state().id(),
        m.reservation_state().id()
    );
    Ok(())
}

/// Seed 003: buying premium vouchers with the purchase code sent to a lottery winner, and
/// seed 000's J-Coin Pay credentials.
fn purchase() -> Result<(), Error> {
    heading("15. A purchase with a purchase code (seed 003) and J-Coin Pay (seed 000)");
    // One record for the program: what the charges sell is what the wallet spends.
    let oyama = Program {
        id: "oyama".into(),
        name: "おやまプレミアム商品券".into(),
        payment_id_prefix: Some("OEM2023030001".into()),
        accepted_brands: vec![Brand::Visa, Brand::Mastercard, Brand::Jcb],
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
            methods: vec![ChargeMethodKind::Card, ChargeMethodKind::Konbini],
            lots_expire_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
        }),
    };
    let mut charges = Charges::new();
    charges.add_program(oyama.clone())?;
    // The issuer registers the winners' codes; the user types theirs.
    charges.register_purchase_code("WIN2026A", "oyama", 2)?;
    let at = t("2026-11-23T10:00:00+09:00");
    let quote = charges.quote("oyama", 2, None)?;
    println!("  [チャージ額確認] 2口");
    for line in &quote.lines {
        let scope = match line.scope {
            Scope::SmallStoresOnly => "中小店舗専用",
            Scope::AllStores => "全店共通",
        };
        println!("    {scope} {}", line.value.format(MoneyStyle::Voucher)?);
    }
    println!(
        "    お支払金額 {}  有効期限 {}",
        quote.total.format(MoneyStyle::Suffix)?,
        quote.lots_expire_on.map_or("-".into(), format_date)
    );
    let lawson = ChargeMethod::Konbini {
        chain: KonbiniChain::Lawson,
    };
    show_error(
        "3口 with a code for 2",
        &charges
            .start_purchase("p1", "oyama", "ｗｉｎ２０２６ａ", 3, lawson, at)
            .unwrap_err(),
    );
    show_error(
        "Pay-easy for this product",
        &charges
            .start_purchase("p1", "oyama", "win2026a", 2, ChargeMethod::PayEasy, at)
            .unwrap_err(),
    );
    charges.start_purchase("p1", "oyama", "win2026a", 2, lawson, at)?;
    show_error(
        "the same code on a second purchase",
        &charges
            .start_purchase("p2", "oyama", "WIN2026A", 1, lawson, at)
            .unwrap_err(),
    );
    charges.confirm("p1", at)?;
    charges.pay("p1", at)?;
    // The user's state is the wallet and its charges, saved as one document.
    let mut wallet = Wallet::new();
    wallet.add_program(oyama)?;
    let state = UserState {
        wallet,
        charges,
        ..UserState::default()
    };
    // The app restarts while the convenience-store payment is pending: the saved state
    // still holds the code and still blocks a new charge.
    let saved = state.to_json();
    let UserState {
        mut wallet,
        mut charges,
        ..
    } = UserState::from_json(&saved)?;
    println!(
        "  restarted from {} bytes of saved state: {:?}",
        saved.len(),
        charges.purchase_code_status("WIN2026A", at)?
    );
    show_error(
        "a new charge after the restart",
        &charges
            .can_start(t("2026-11-24T09:00:00+09:00"))
            .unwrap_err(),
    );
    // Paid at the store: the provider's notification names the two vouchers it issued,
    // and the wallet gets them, with the product's expiry and a history entry, in the
    // same step as the charge ends.
    let issued = vec![
        IssuedLot {
            id: "oyama-1".into(),
            code: VoucherCode::parse("Q3mR7tK9pL2xW8vN")?,
            management_no: "d023112400000001".into(),
        },
        IssuedLot {
            id: "oyama-2".into(),
            code: VoucherCode::parse("Z5cH1jF6bY4eS0uT")?,
            management_no: "d023112400000002".into(),
        },
    ];
    let paid = t("2026-11-24T12:00:00+09:00");
    charges.notify_into(&mut wallet, "p1", ChargeEvent::Paid, issued, paid)?;
    for lot in wallet.lots() {
        println!(
            "  {} {}: {} until {}",
            lot.code().masked(),
            lot.management_no(),
            lot.balance().format(MoneyStyle::Voucher)?,
            lot.expires_on().map_or("-".into(), format_date)
        );
    }
    println!(
        "  wallet balance {}",
        wallet.balance(paid)?.total.format(MoneyStyle::Suffix)?
    );
    show_error(
        "the code again after the purchase was paid",
        &charges
            .start_purchase("p3", "oyama", "WIN2026A", 1, lawson, at)
            .unwrap_err(),
    );

    // J-Coin Pay: the ID, password and confirmation code at 確認; the charge keeps the
    // masked ID, and the password goes to the provider, never into saifu's state.
    charges.add_program(Program {
        id: "minato".into(),
        name: "電子スマイル商品券".into(),
        payment_id_prefix: None,
        accepted_brands: vec![],
        product: None,
    })?;
    let later = t("2026-11-25T09:00:00+09:00");
    charges.start(
        "j1",
        "minato",
        ChargeMethod::JCoin,
        ChargeOrder::Amount(yen(5_000)),
        later,
    )?;
    show_error(
        "J-Coin confirmation code 12",
        &JCoinCredentials::parse("jcoin012345", "my password", "12").unwrap_err(),
    );
    let credentials = JCoinCredentials::parse("jcoin012345", "my password", "482913")?;
    println!("  Debug shows no secret: {credentials:?}");
    charges.confirm_jcoin("j1", &credentials, later)?;
    println!(
        "  the charge keeps {}",
        charges
            .charge("j1")
            .and_then(|c| c.jcoin_id.clone())
            .unwrap_or_default()
    );
    Ok(())
}
