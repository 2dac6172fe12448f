//! The one error type of saifu (DESIGN §9), declared once.
//!
//! Every failure is a variant of [`Error`], written once in the table below with its
//! stable code, its typed fields and its English and Japanese messages side by side.
//! From that one row follow [`Error::code`], [`Error::message`], [`Error::details`],
//! [`Error::catalogue`] (from which `docs/errors.md` is generated) and
//! `saifu::error_catalogue!`, with which the binding crates write their own error types.
//!
//! A message names its values: `{available}` is the field `available`, written as the
//! message's language writes it (an amount as `¥2,000` or `2,000円`, an instant in JST, a
//! brand by its name); `with |lang| { … }` derives further values from the fields.
//!
//! A failed operation changes nothing: every mutating operation of saifu checks
//! everything before it writes anything.

use chrono::{DateTime, FixedOffset};

use crate::card::Brand;
use crate::currency::Currency;
use crate::money::Money;

pub(crate) mod catalogue;

pub use catalogue::{ErrorSpec, FieldSpec};

/// The language of a message.
///
/// ```
/// use saifu::{Error, Lang};
///
/// let e = Error::CardLuhnMismatch;
/// assert_eq!(e.message(Lang::En), "The card number is not valid: check it for typos.");
/// assert_eq!(e.message(Lang::Ja), "カード番号に誤りがあります。ご確認ください。");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese (日本語).
    Ja,
}

impl Lang {
    /// Reads a BCP 47 language tag: `ja`, `ja-JP`, … are Japanese, anything else English.
    ///
    /// ```
    /// # use saifu::Lang;
    /// assert_eq!(Lang::from_tag("ja-JP"), Lang::Ja);
    /// assert_eq!(Lang::from_tag("en"), Lang::En);
    /// ```
    #[must_use]
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }
}

/// The value of one field of an error, for callers that handle errors generically (a
/// JavaScript `details` object, a log line). Typed callers match on [`Error`] instead.
///
/// ```
/// use saifu::{Error, ErrorDetail, Money};
///
/// let e = Error::WalletInsufficientBalance { available: Money::jpy(2000)? };
/// assert_eq!(e.details(), vec![("available", ErrorDetail::Money(Money::jpy(2000)?))]);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorDetail {
    /// Text: an id, a tag, a currency code, a brand id.
    Text(String),
    /// A count or a position.
    Number(u32),
    /// An amount.
    Money(Money),
    /// An instant.
    Time(DateTime<FixedOffset>),
}

impl Error {
    /// The most characters of a caller's text (an id, a time) an error echoes.
    pub const ECHO_MAX_CHARS: usize = 64;

    /// A caller's text as an error echoes it: whole up to [`Error::ECHO_MAX_CHARS`]
    /// characters, else its first 63 and `…`. Every error field that repeats what a
    /// caller gave goes through this, so a huge id never makes a huge error; it reads
    /// no further into `text` than it keeps.
    ///
    /// ```
    /// # use saifu::Error;
    /// assert_eq!(Error::echo("riverside"), "riverside");
    /// let long = "x".repeat(1_000_000);
    /// let echoed = Error::echo(&long);
    /// assert_eq!(echoed.chars().count(), Error::ECHO_MAX_CHARS);
    /// assert!(echoed.ends_with('…'));
    /// ```
    #[must_use]
    pub fn echo(text: &str) -> String {
        let keep = Error::ECHO_MAX_CHARS.saturating_sub(1);
        match text.char_indices().nth(Error::ECHO_MAX_CHARS) {
            None => text.to_owned(),
            Some(_) => {
                let cut = text.char_indices().nth(keep).map_or(0, |(i, _)| i);
                let mut out = String::with_capacity(cut.saturating_add(3));
                out.push_str(text.get(..cut).unwrap_or_default());
                out.push('…');
                out
            }
        }
    }

    /// `time.invalid` for what a caller gave, as [`Error::echo`] keeps it.
    ///
    /// ```
    /// # use saifu::Error;
    /// assert_eq!(Error::invalid_time("2026-02-30").code(), "time.invalid");
    /// ```
    #[must_use]
    pub fn invalid_time(given: &str) -> Error {
        Error::TimeInvalid {
            given: Error::echo(given),
        }
    }
}

impl std::fmt::Display for Error {
    /// The English message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

/// Saturating conversion of a position or length to the `u32` the error fields carry.
pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `1 attempt`, `2 attempts` in English; the bare count in Japanese (`残り2回`).
fn attempts(n: u32, lang: Lang) -> String {
    match (n, lang) {
        (_, Lang::Ja) => n.to_string(),
        (1, Lang::En) => "1 attempt".into(),
        (_, Lang::En) => format!("{n} attempts"),
    }
}

/// A profile field's name as a message shows it (issue 18); an unknown id as given.
fn profile_label(field: &str, lang: Lang) -> String {
    crate::account::ProfileField::from_id(field)
        .map_or_else(|| field.to_owned(), |f| f.label(lang).to_owned())
}

/// How a currency's exponent limits the decimals, as the rest of a sentence.
fn decimal_places(currency: Currency, lang: Lang) -> String {
    match (currency.exponent(), lang) {
        (0, Lang::En) => "no decimal places".into(),
        (n, Lang::En) => format!("at most {n} decimal places"),
        (0, Lang::Ja) => "に小数は使えません".into(),
        (n, Lang::Ja) => format!("は小数点以下{n}桁までです"),
    }
}

/// A way to pay's name for people, from its kind's id (the id itself when unknown).
fn method_label(method: &str, lang: Lang) -> String {
    crate::charge::ChargeMethodKind::from_id(method)
        .map_or_else(|| method.to_owned(), |k| k.label(lang).to_owned())
}

/// A payment slip field's name for people, from its id (the id itself when unknown).
fn payment_field_label(field: &str, lang: Lang) -> String {
    crate::payment_slip::PaymentField::from_id(field)
        .map_or_else(|| field.to_owned(), |f| f.label(lang).to_owned())
}

/// A payment slip kind's name for people, from its id (the id itself when unknown).
fn slip_kind_name(kind: &str, lang: Lang) -> String {
    crate::payment_slip::SlipKind::from_id(kind)
        .map_or_else(|| kind.to_owned(), |k| k.name(lang).to_owned())
}

catalogue::catalogue! { $

    // ---- money ----

    /// Nothing but whitespace was given.
    MoneyEmpty = "money.empty",
        en "Enter an amount.",
        ja "金額を入力してください。";

    /// Not an amount (no digits, another character, misplaced minus, commas not
    /// grouping by three).
    MoneyInvalid = "money.invalid",
        en "The amount is not a number.",
        ja "金額は数字で入力してください。";

    /// A minus sign before an otherwise valid amount (`-0` too).
    MoneyNegative = "money.negative",
        en "The amount cannot be negative.",
        ja "マイナスの金額は入力できません。";

    /// More fraction digits than the currency's exponent.
    MoneyFractionNotAllowed {
        /// The currency whose exponent was exceeded.
        currency: Currency,
    } = "money.fraction_not_allowed"
        with |lang| { places = decimal_places(*currency, lang) },
        en "{currency} amounts have {places}.",
        ja "{currency}の金額{places}。";

    /// Outside ±(2^53 − 1) minor units, or an operation overflowed.
    MoneyOutOfRange = "money.out_of_range",
        en "The amount is out of range.",
        ja "金額が扱える範囲を超えています。";

    /// A rate that is not decimal text (`0.3`, `-0.05`), or one a decimal cannot hold
    /// exactly (more than 28 decimal places).
    MoneyInvalidRate {
        /// The text given: whole up to 64 characters, else its first 63 and `…`.
        given: String,
    } = "money.invalid_rate",
        en "“{given}” is not a rate: write it as a decimal number such as 0.3.",
        ja "「{given}」は率として使えません。0.3のような小数で指定してください。";

    /// Two currencies met where one was required.
    MoneyCurrencyMismatch {
        /// The currency the operation needed.
        expected: Currency,
        /// The currency it was given.
        found: Currency,
    } = "money.currency_mismatch",
        en "Expected an amount in {expected}, got {found}.",
        ja "通貨が違います（{expected}が必要ですが{found}です）。";

    /// Not an active ISO 4217 code.
    MoneyUnknownCurrency {
        /// The code given (at most 8 characters of it).
        currency_code: String,
    } = "money.unknown_currency",
        en "Unknown currency code “{currency_code}”.",
        ja "通貨コード「{currency_code}」は使えません。";

    // ---- card ----

    /// No digits were given.
    CardEmpty = "card.empty",
        en "Enter the card number.",
        ja "カード番号を入力してください。";

    /// A character that is neither a digit nor a separator.
    CardInvalidCharacter {
        /// Zero-based position of the character, counted in characters.
        position: u32,
    } = "card.invalid_character"
        with |lang| { ordinal = position.saturating_add(1) },
        en "The card number may contain only digits (character {ordinal}).",
        ja "カード番号に数字以外の文字が含まれています（{ordinal}文字目）。";

    /// No brand's range starts with these digits.
    CardUnknownBrand = "card.unknown_brand",
        en "This card brand is not recognised.",
        ja "カードのブランドを判別できません。";

    /// A length the brand's range does not allow.
    CardInvalidLength {
        /// The number of digits given.
        length: u32,
    } = "card.invalid_length",
        en "The card number has the wrong number of digits ({length}).",
        ja "カード番号の桁数が正しくありません（{length}桁）。";

    /// The check digit is wrong.
    CardLuhnMismatch = "card.luhn_mismatch",
        en "The card number is not valid: check it for typos.",
        ja "カード番号に誤りがあります。ご確認ください。";

    /// Not an `MM/YY` or `MM/YYYY` date with a month 1–12.
    CardInvalidExpiry = "card.invalid_expiry",
        en "Enter the expiry date as MM/YY.",
        ja "有効期限は月/年（MM/YY）の形式で入力してください。";

    /// Not a security code of the brand's length.
    CardInvalidCvc {
        /// The brand whose length was expected (3 digits, American Express 4).
        brand: Brand,
    } = "card.invalid_cvc"
        with |lang| { digits = brand.security_code_length() },
        en "The security code is {digits} digits.",
        ja "セキュリティコードは{digits}桁の数字で入力してください。";

    /// The card's expiry month is over (valid through the last instant of that month in
    /// JST).
    CardExpired {
        /// The expiry as the card prints it, `MM/YY`.
        expiry: String,
    } = "card.expired",
        en "The card expired at the end of {expiry}.",
        ja "カードの有効期限（{expiry}）が切れています。";

    /// The integrator does not register cards of this brand (seed 002: JCB, Visa,
    /// Mastercard, American Express and Diners Club only).
    CardBrandNotAccepted {
        /// The card's brand.
        brand: Brand,
    } = "card.brand_not_accepted",
        en "{brand} cards cannot be registered.",
        ja "{brand}のカードはご登録いただけません。";

    /// A debit card of an issuer the integrator does not allow (seed 002: only Rakuten
    /// Bank and Suruga Bank debit cards).
    CardDebitNotAccepted = "card.debit_not_accepted",
        en "This debit card cannot be registered: only the debit cards of the listed banks are accepted.",
        ja "このデビットカードはご登録いただけません。ご登録いただけるのは指定の金融機関のデビットカードのみです。";

    /// The same card (same fingerprint) is already the payment card (seed 002:
    /// 「既にお支払方法として登録されている」).
    CardAlreadyRegistered {
        /// The card's last 4 digits.
        last4: String,
    } = "card.already_registered",
        en "This card (ending in {last4}) is already registered as the payment method.",
        ja "ご入力のカード（下4桁 {last4}）は既にお支払方法として登録されています。";

    /// The integrator's fingerprint key is shorter than 16 bytes (configuration, checked
    /// before anything the user typed).
    CardInvalidFingerprintKey {
        /// The shortest key accepted, in bytes (16).
        min_length: u32,
    } = "card.invalid_fingerprint_key",
        en "The card fingerprint key must be at least {min_length} bytes.",
        ja "カード識別用の鍵は{min_length}バイト以上必要です。";

    /// A debit or allowed-issuer prefix of the integrator's configuration is not 1–19
    /// ASCII digits. The prefix itself is not repeated: it might be a card number.
    CardInvalidPrefix {
        /// The list it is in: `debit_prefixes` or `allowed_debit_prefixes`.
        list: String,
        /// Its zero-based position in that list.
        index: u32,
    } = "card.invalid_prefix",
        en "Entry {index} of {list} is not a card number prefix (1 to 19 half-width digits).",
        ja "{list}の{index}番目はカード番号の先頭桁として使えません（半角数字1〜19桁）。";

    /// A billing cut-off day outside 1–31.
    CardInvalidCutoffDay = "card.invalid_cutoff_day",
        en "The billing cut-off day must be from 1 to 31.",
        ja "締め日は1日から31日の間で指定してください。";

    /// A card registration timed before the latest one: registrations are kept in time
    /// order, so a month already billed never changes its card.
    CardRegistrationOutOfOrder {
        /// The time of the latest registration.
        latest: DateTime<FixedOffset>,
    } = "card.registration_out_of_order",
        en "A card cannot be registered at a time before the latest registration ({latest}).",
        ja "最後のカード登録（{latest}）より前の日時では登録できません。";

    // ---- formats ----

    /// A voucher code is 16 ASCII letters and digits.
    VoucherInvalidCode = "voucher.invalid_code",
        en "A voucher code is 16 half-width letters and digits.",
        ja "コード(ID)は半角英数字16文字です。";

    /// A Smart Pit number is 13 digits.
    SmartPitInvalidNumber = "smartpit.invalid_number",
        en "A Smart Pit number is 13 digits.",
        ja "スマートピット番号は13桁の数字です。";

    /// A Smart Pit number with no bill registered by the merchant yet (seed 001 Q13:
    /// 「請求情報が存在しない」).
    SmartPitBillNotFound = "smartpit.bill_not_found",
        en "No bill exists for this Smart Pit number yet: ask the merchant you ordered from.",
        ja "請求情報が存在しません。ご利用の企業さまへお問い合わせください。";

    /// A Smart Pit sheet that was not printed, at a store that takes the card or a
    /// printed sheet at the register (Three F, Circle K, Sunkus; seed 001 Q10).
    SmartPitSheetRequired = "smartpit.sheet_required",
        en "This store takes Smart Pit payments at the register with the Smart Pit card or a printed Smart Pit sheet: print the sheet.",
        ja "この店舗ではスマートピットカードまたは印刷したスマートピットシートをレジでご提示ください。";

    /// A Smart Pit sheet past its expiry date (seed 001 Q7).
    SmartPitSheetExpired {
        /// The first instant the sheet was no longer valid: 00:00 JST after its expiry
        /// date.
        expired_at: DateTime<FixedOffset>,
    } = "smartpit.sheet_expired",
        en "The Smart Pit sheet expired at {expired_at}.",
        ja "スマートピットシートの有効期限が切れています（{expired_at}）。";

    /// Smart Pit is paid in cash only (seed 001 Q12).
    SmartPitCashOnly = "smartpit.cash_only",
        en "Smart Pit payments are cash only.",
        ja "スマートピットのお支払いは現金のみです。";

    /// A payment number of a slip (convenience store or Pay-easy) with a character that
    /// is neither a digit nor a separator, or a digit count its field does not allow.
    PaymentInvalidNumber {
        /// The field: `payment_slip_number`, `company_code`, `order_number`,
        /// `customer_number`, `confirmation_number`, `receipt_number`, `phone_number`,
        /// `institution_number`.
        field: String,
    } = "payment.invalid_number"
        with |lang| { label = payment_field_label(field, lang) },
        en "The {label} is not valid: check its digits.",
        ja "{label}が正しくありません。数字をご確認ください。";

    /// A number given for a field the slip does not have, or given twice.
    PaymentUnexpectedField {
        /// The slip's kind: `seven_eleven`, `familymart`, `lawson`, `ministop`,
        /// `seicomart`, `payeasy`.
        kind: String,
        /// The field given.
        field: String,
    } = "payment.unexpected_field"
        with |lang| { label = payment_field_label(field, lang), slip = slip_kind_name(kind, lang) },
        en "A {slip} payment slip has no (further) {label}.",
        ja "{slip}の払込情報に（これ以上の）{label}はありません。";

    /// An integrator's digit count for a slip field that is fixed, or outside what the
    /// field allows.
    PaymentInvalidRule {
        /// The slip's kind.
        kind: String,
        /// The field.
        field: String,
    } = "payment.invalid_rule"
        with |lang| { label = payment_field_label(field, lang), slip = slip_kind_name(kind, lang) },
        en "The digit count set for the {label} of {slip} slips is not allowed.",
        ja "{slip}の{label}の桁数の設定が正しくありません。";

    /// Not a well-formed EMV merchant-presented QR payload.
    EmvQrMalformed {
        /// Zero-based position, in characters, where reading failed.
        position: u32,
    } = "emvqr.malformed"
        with |lang| { ordinal = position.saturating_add(1) },
        en "This is not a valid payment QR code (at character {ordinal}).",
        ja "QRコードの形式が正しくありません（{ordinal}文字目）。";

    /// The CRC-16 in tag 63 does not match the payload.
    EmvQrCrcMismatch {
        /// The CRC computed over the payload, 4 upper-case hex digits.
        computed: String,
        /// The CRC the payload carries, as written.
        found: String,
    } = "emvqr.crc_mismatch",
        en "The QR code is damaged: its checksum is {found}, expected {computed}.",
        ja "QRコードが破損しています（チェックサム {found}、正しくは {computed}）。";

    /// A mandatory field is absent.
    EmvQrMissingField {
        /// The tag: `"52"`, …, `"02-51"` for the merchant account templates, `"64"` for
        /// the language template's own fields.
        tag: String,
    } = "emvqr.missing_field",
        en "The QR code lacks the mandatory field {tag}.",
        ja "QRコードに必須の項目（タグ{tag}）がありません。";

    /// A field cannot be written into a QR code (empty, longer than 99 characters, a
    /// tag given twice or in the wrong place).
    EmvQrInvalidField {
        /// The tag, two digits.
        tag: String,
    } = "emvqr.invalid_field",
        en "Field {tag} cannot be written into a QR code (empty, too long, repeated or misplaced).",
        ja "タグ{tag}の項目はQRコードに書き込めません（空、長すぎる、重複、または位置の誤り）。";

    /// Only half-width ASCII letters and digits are allowed.
    PasswordInvalidCharacter {
        /// Zero-based position of the first offending character.
        position: u32,
    } = "password.invalid_character",
        en "Use half-width letters and digits only.",
        ja "パスワードには半角英数字のみ使用できます。";

    /// Fewer characters than the policy's minimum.
    PasswordTooShort {
        /// The minimum length (8).
        min_length: u32,
    } = "password.too_short",
        en "The password must be at least {min_length} characters.",
        ja "パスワードは{min_length}文字以上で入力してください。";

    /// No ASCII letter.
    PasswordMissingLetter = "password.missing_letter",
        en "Include at least one letter.",
        ja "英字を1文字以上含めてください。";

    /// No ASCII digit.
    PasswordMissingDigit = "password.missing_digit",
        en "Include at least one digit.",
        ja "数字を1文字以上含めてください。";

    // ---- wallet ----

    /// The eligible balance is less than the amount.
    WalletInsufficientBalance {
        /// What the wallet could pay at that merchant at that time.
        available: Money,
    } = "wallet.insufficient_balance",
        en "Not enough balance: {available} available.",
        ja "残高が不足しています（ご利用可能額 {available}）。";

    /// An amount that must be more than zero is not.
    WalletInvalidAmount = "wallet.invalid_amount",
        en "The amount must be more than zero.",
        ja "0より大きい金額を入力してください。";

    /// No merchant with this id.
    WalletUnknownMerchant {
        /// The id given.
        merchant: String,
    } = "wallet.unknown_merchant",
        en "Unknown merchant “{merchant}”.",
        ja "加盟店「{merchant}」が見つかりません。";

    /// No payment with this id.
    WalletUnknownPayment {
        /// The id given.
        payment: String,
    } = "wallet.unknown_payment",
        en "Unknown payment “{payment}”.",
        ja "決済ID「{payment}」が見つかりません。";

    /// More than is left to refund.
    WalletRefundExceedsPayment {
        /// What is left to refund: the payment minus earlier refunds.
        refundable: Money,
    } = "wallet.refund_exceeds_payment",
        en "The refund is more than is left to refund ({refundable}).",
        ja "返金額が返金可能額（{refundable}）を超えています。";

    /// Under the `Reject` policy, a lot the refund would restore to has expired.
    WalletRefundLotExpired {
        /// The first expired lot in restore order.
        lot: String,
    } = "wallet.refund_lot_expired",
        en "The voucher {lot} this refund goes back to has expired.",
        ja "返金先の電子マネー（{lot}）は有効期限が切れています。";

    /// A refund of this payment already has this id (same millisecond).
    WalletDuplicateRefundId {
        /// The refund id that already exists.
        refund_id: String,
    } = "wallet.duplicate_refund_id",
        en "A refund with the id {refund_id} already exists.",
        ja "同じ返金ID（{refund_id}）の返金がすでにあります。";

    /// A program, merchant, lot, payment or charge already has this id.
    WalletDuplicateId {
        /// The id.
        id: String,
    } = "wallet.duplicate_id",
        en "The id “{id}” is already in use.",
        ja "ID「{id}」はすでに使われています。";

    /// A wallet was given a program without a payment-id prefix: its payments would
    /// have no id.
    WalletNoPaymentIdPrefix {
        /// The program's id.
        program: String,
    } = "wallet.no_payment_id_prefix",
        en "The program “{program}” has no payment ID prefix, so it cannot be spent in a wallet.",
        ja "電子マネー「{program}」には決済IDの接頭辞がないため、ウォレットで使えません。";

    /// No program with this id.
    WalletUnknownProgram {
        /// The id given.
        program: String,
    } = "wallet.unknown_program",
        en "Unknown program “{program}”.",
        ja "電子マネー「{program}」が見つかりません。";

    /// No lot with this id.
    WalletUnknownLot {
        /// The id given.
        lot: String,
    } = "wallet.unknown_lot",
        en "Unknown voucher “{lot}”.",
        ja "電子マネー（{lot}）が見つかりません。";

    /// A lot's face value is not above zero, or its balance is below zero or above the
    /// face value (a charge's lots must be full).
    WalletInvalidLot {
        /// The lot's id.
        lot: String,
    } = "wallet.invalid_lot",
        en "The voucher {lot} has an invalid value or balance.",
        ja "電子マネー（{lot}）の額面または残高が正しくありません。";

    /// Payment ids have 12 digits of serial, and all are used.
    WalletPaymentSerialExhausted = "wallet.payment_serial_exhausted",
        en "No payment numbers are left in this wallet.",
        ja "このウォレットで使える決済番号がありません。";

    /// A payment serial below zero (one above 999,999,999,999 is
    /// `wallet.payment_serial_exhausted`).
    WalletInvalidPaymentSerial = "wallet.invalid_payment_serial",
        en "A payment number cannot be negative.",
        ja "決済番号に負の数は指定できません。";

    // ---- purchase ----

    /// A purchase code that is not 4–32 letters and digits once normalised.
    PurchaseInvalidCode = "purchase.invalid_code",
        en "The purchase code is not valid: check the code you were sent (4 to 32 letters and digits).",
        ja "購入コードが正しくありません。送付されたコード（英数字4〜32文字）をご確認ください。";

    /// A purchase code that is not registered, or registered for another program.
    PurchaseUnknownCode = "purchase.unknown_code",
        en "This purchase code is not valid for this voucher: check the code you were sent.",
        ja "この商品券の購入コードではありません。送付されたコードをご確認ください。";

    /// A purchase code consumed by a purchase that succeeded.
    PurchaseCodeUsed = "purchase.code_used",
        en "This purchase code has already been used.",
        ja "この購入コードはすでに使用されています。";

    /// A purchase code reserved by a purchase that has not ended.
    PurchaseCodeInUse {
        /// The purchase (charge) holding it.
        charge: String,
    } = "purchase.code_in_use",
        en "This purchase code is being used by a purchase in progress ({charge}): complete or cancel it first.",
        ja "この購入コードは手続き中の購入（{charge}）で使用中です。完了するかキャンセルしてからお試しください。";

    /// A purchase code registered twice.
    PurchaseDuplicateCode = "purchase.duplicate_code",
        en "This purchase code is already registered.",
        ja "この購入コードはすでに登録されています。";

    // ---- J-Coin Pay ----

    /// A J-Coin ID that is not 1–32 letters and digits once normalised.
    JcoinInvalidId = "jcoin.invalid_id",
        en "The J-Coin ID is not valid: enter the ID shown in the J-Coin Pay app (1 to 32 letters and digits).",
        ja "J-Coin IDが正しくありません。J-Coin Payアプリに表示されるID（英数字1〜32文字）を入力してください。";

    /// A J-Coin password that is empty or longer than 64 characters.
    JcoinInvalidPassword = "jcoin.invalid_password",
        en "Enter your J-Coin password (1 to 64 characters).",
        ja "J-Coinのパスワード（1〜64文字）を入力してください。";

    /// A J-Coin confirmation code that is not 4–8 digits.
    JcoinInvalidCode = "jcoin.invalid_code",
        en "The confirmation code is not valid: enter the 4 to 8 digits issued in the J-Coin Pay app.",
        ja "確認コードが正しくありません。J-Coin Payアプリで発行した4〜8桁の数字を入力してください。";

    /// A J-Coin Pay charge confirmed without the J-Coin ID, password and confirmation code.
    JcoinCredentialsRequired = "jcoin.credentials_required",
        en "A J-Coin Pay charge is confirmed with the J-Coin ID, password and confirmation code.",
        ja "J-Coin Payでのチャージには、J-Coin ID・パスワード・確認コードの入力が必要です。";

    // ---- charge ----

    /// A charge's amount must be positive yen.
    ChargeInvalidAmount = "charge.invalid_amount",
        en "Enter an amount of at least 1 yen.",
        ja "1円以上の金額を入力してください。";

    /// Units outside 1..=the product's maximum, or the program sells no product.
    ChargeInvalidUnits = "charge.invalid_units",
        en "Choose a number of units your purchase code allows.",
        ja "購入できる口数を選択してください。";

    /// A product that may not be paid this way (or a product that allows no way).
    ChargeMethodNotAllowed {
        /// The method's kind: `card`, `konbini`, `payeasy` or `jcoin`.
        method: String,
    } = "charge.method_not_allowed"
        with |lang| { name = method_label(method, lang) },
        en "This voucher cannot be paid by {name}: choose another payment method.",
        ja "この商品券は{name}ではお支払いいただけません。別のお支払方法を選択してください。";

    /// A charge (or program) already has this id.
    ChargeDuplicateId {
        /// The id.
        id: String,
    } = "charge.duplicate_id",
        en "A charge with the id {id} already exists.",
        ja "ID「{id}」のチャージはすでにあります。";

    /// No charge with this id.
    ChargeUnknownCharge {
        /// The id given.
        charge: String,
    } = "charge.unknown_charge",
        en "Unknown charge “{charge}”.",
        ja "チャージ「{charge}」が見つかりません。";

    /// No program with this id.
    ChargeUnknownProgram {
        /// The id given.
        program: String,
    } = "charge.unknown_program",
        en "Unknown program “{program}”.",
        ja "電子マネー「{program}」が見つかりません。";

    /// The program does not take this card brand.
    ChargeBrandNotAccepted {
        /// The brand.
        brand: Brand,
    } = "charge.brand_not_accepted",
        en "{brand} cards cannot be used here.",
        ja "{brand}のカードはご利用いただけません。";

    /// The charge's state does not allow this.
    ChargeIllegalTransition {
        /// The current state, e.g. `awaiting_three_ds`.
        state: String,
    } = "charge.illegal_transition",
        en "This step is not possible now (the charge is {state}).",
        ja "現在の状態（{state}）ではこの操作はできません。";

    /// The provider's notification gives a cash charge other payment numbers than the
    /// slip it already carries.
    ChargeSlipAlreadyIssued {
        /// The charge.
        charge: String,
    } = "charge.slip_already_issued",
        en "Charge {charge} already has its payment numbers; they cannot be replaced.",
        ja "チャージ{charge}の払込番号はすでに発行されています。変更できません。";

    /// A success notification names other lots than the charge creates.
    ChargeIssuedLotsMismatch {
        /// How many lots the notification creates (none for a failure).
        creates: u32,
        /// How many lots the notification names.
        named: u32,
    } = "charge.issued_lots_mismatch",
        en "The notification names {named} vouchers; this charge creates {creates}.",
        ja "通知の商品券の数（{named}件）が、このチャージで発行される数（{creates}件）と一致しません。";

    /// The charge has ended.
    ChargeEnded {
        /// The state it ended in, e.g. `expired`.
        state: String,
    } = "charge.ended",
        en "This charge has already ended ({state}).",
        ja "このチャージはすでに終了しています（{state}）。";

    /// A cash charge awaits payment.
    ChargeBlockedPendingPayment {
        /// The latest deadline of the charges awaiting payment.
        until: DateTime<FixedOffset>,
    } = "charge.blocked_pending_payment",
        en "A payment at a convenience store or by Pay-easy is pending: new charges are possible after it is paid, or from {until}.",
        ja "お支払い待ちのチャージがあるため、お支払い完了後または{until}以降まで新たにチャージできません。";

    /// A card not enrolled in 3-D Secure failed less than 30 minutes ago.
    ChargeBlockedCardLockout {
        /// The end of the lockout.
        until: DateTime<FixedOffset>,
    } = "charge.blocked_card_lockout",
        en "A card without 3-D Secure was used: new charges are possible from {until}.",
        ja "3Dセキュア未登録のカードが使用されたため、{until}まで新たにチャージできません。";

    // ---- credentials ----

    /// A PIN is 4 digits (not counted as an attempt).
    PinInvalidFormat = "pin.invalid_format",
        en "The PIN is 4 digits.",
        ja "暗証番号は4桁の数字です。";

    /// Wrong PIN.
    PinMismatch {
        /// Attempts left before the PIN locks.
        remaining: u32,
    } = "pin.mismatch"
        with |lang| { left = attempts(*remaining, lang) },
        en "Wrong PIN: {left} left.",
        ja "暗証番号が違います（残り{left}回）。";

    /// 3 consecutive failures locked the PIN.
    PinLocked = "pin.locked",
        en "The PIN is locked after 3 wrong attempts.",
        ja "暗証番号を3回間違えたためロックされました。";

    /// Not the code's number of digits (not counted).
    OtpInvalidFormat = "otp.invalid_format",
        en "Enter the one-time password's digits.",
        ja "ワンタイムパスワードを数字で入力してください。";

    /// Wrong code.
    OtpMismatch {
        /// Attempts left before the code locks.
        remaining: u32,
    } = "otp.mismatch"
        with |lang| { left = attempts(*remaining, lang) },
        en "Wrong one-time password: {left} left.",
        ja "ワンタイムパスワードが違います（残り{left}回）。";

    /// Outside the code's validity.
    OtpExpired = "otp.expired",
        en "The one-time password has expired: request a new one.",
        ja "ワンタイムパスワードの有効期限が切れました。再発行してください。";

    /// The attempt limit is reached.
    OtpLocked = "otp.locked",
        en "Too many wrong one-time passwords: request a new one.",
        ja "ワンタイムパスワードの入力回数の上限に達しました。再発行してください。";

    /// The code was accepted once already.
    OtpUsed = "otp.used",
        en "This one-time password was already used.",
        ja "このワンタイムパスワードはすでに使用されています。";

    // ---- accounts, sign-in and MyNaPoint (issue 18) ----

    /// The integrator's key that seals PINs, codes and one-time passwords is too short.
    CredentialInvalidKey {
        /// The fewest bytes a key may have (16).
        min_length: u32,
    } = "credential.invalid_key",
        en "The key that protects saved credentials must be at least {min_length} bytes.",
        ja "保存する認証情報を保護する鍵は{min_length}バイト以上必要です。";

    /// A saved PIN, code or one-time password was sealed under another key than the one
    /// given (a reload with a rotated key would otherwise fail every attempt and lock).
    CredentialKeyMismatch = "credential.key_mismatch",
        en "The saved credentials were protected with another key.",
        ja "保存された認証情報は別の鍵で保護されています。";

    /// Not the text of a sealed digest (80 lower-case hex digits).
    CredentialInvalidDigest = "credential.invalid_digest",
        en "A saved credential digest is not valid.",
        ja "保存された認証情報のダイジェストが正しくありません。";

    /// The e-mail address and its re-entry differ (compared after trimming, exactly).
    AccountEmailMismatch = "account.email_mismatch",
        en "The e-mail addresses do not match.",
        ja "メールアドレスと確認用メールアドレスが一致しません。";

    /// Not an e-mail address: one `@`, a local part, a domain with a dot, half-width
    /// characters only, no whitespace, at most 254 characters.
    AccountInvalidEmail = "account.invalid_email",
        en "Enter a valid e-mail address in half-width characters.",
        ja "メールアドレスを半角文字で正しく入力してください。";

    /// The terms of use were not accepted.
    AccountTermsNotAccepted = "account.terms_not_accepted",
        en "Accept the terms of use to continue.",
        ja "利用規約に同意してください。";

    /// A login ID is 4–32 half-width letters, digits, `.`, `_` and `-`.
    AccountInvalidLoginId = "account.invalid_login_id",
        en "A login ID is 4 to 32 half-width letters, digits, “.”, “_” or “-”.",
        ja "ログインIDは半角英数字と「.」「_」「-」の4〜32文字で入力してください。";

    /// A profile field the integrator requires is absent or blank.
    AccountMissingField {
        /// The field's id: `name`, `nickname`, `birth_date`, `gender`, `occupation`,
        /// `address`, `phone` or `newsletter`.
        field: String,
    } = "account.missing_field"
        with |lang| { label = profile_label(field, lang) },
        en "{label} is required.",
        ja "{label}を入力してください。";

    /// Not a Japanese phone number: 10 or 11 digits starting with 0 (§2 digits and
    /// separators).
    PhoneInvalidNumber = "phone.invalid_number",
        en "Enter a phone number of 10 or 11 digits starting with 0.",
        ja "電話番号は0から始まる10桁または11桁の数字で入力してください。";

    /// The last 4 digits of a phone number are exactly 4 digits.
    PhoneInvalidFormat = "phone.invalid_format",
        en "Enter the last 4 digits of your phone number.",
        ja "電話番号の下4桁を数字4桁で入力してください。";

    /// The last 4 digits differ from the registered number's.
    PhoneMismatch = "phone.mismatch",
        en "The last 4 digits do not match the registered phone number.",
        ja "電話番号（下4桁）が登録内容と一致しません。";

    /// The sign-in's state does not allow this step.
    SignInIllegalTransition {
        /// The current state, e.g. `awaiting_puzzle`.
        state: String,
    } = "signin.illegal_transition",
        en "This step is not possible now (sign-in is {state}).",
        ja "現在のログイン状態（{state}）ではこの操作はできません。";

    /// The e-mail one-time password locked: this sign-in attempt has ended.
    SignInLocked = "signin.locked",
        en "Too many wrong one-time passwords: sign in again from your login ID.",
        ja "ワンタイムパスワードの入力回数の上限に達しました。ログインIDの入力からやり直してください。";

    /// A sign-in setting is out of its range.
    SignInInvalidConfig {
        /// The setting, e.g. `otp_valid_minutes`.
        field: String,
    } = "signin.invalid_config",
        en "The sign-in setting {field} is out of range.",
        ja "ログインの設定値（{field}）が範囲外です。";

    /// The card is not of a kind the integrator lets register for MyNaPoint.
    MyNaPointCardNotEligible = "mynapoint.card_not_eligible",
        en "This card cannot be registered for MyNaPoint.",
        ja "このカードはマイナポイントの登録に利用できません。";

    /// The payment-service ID and security code can be viewed from their issuance until
    /// the MyNaPoint application completes, not before or after.
    MyNaPointNotViewable = "mynapoint.not_viewable",
        en "The payment-service ID and security code can be viewed only from their issuance until the MyNaPoint application is complete.",
        ja "決済サービスIDとセキュリティコードは、発行からマイナポイント申込完了までの間のみ確認できます。";

    /// The bank did not accept the password given to view the ID and code.
    MyNaPointPasswordRejected = "mynapoint.password_rejected",
        en "The password is not correct.",
        ja "パスワードが正しくありません。";

    /// A payment-service ID that is malformed (1–32 half-width letters and digits) or not
    /// the one issued.
    MyNaPointInvalidServiceId = "mynapoint.invalid_service_id",
        en "Check the payment-service ID: it is not the one issued.",
        ja "決済サービスIDが正しくありません。発行された決済サービスIDをご確認ください。";

    /// A security code that is not 1–16 half-width letters and digits.
    MyNaPointInvalidSecurityCode = "mynapoint.invalid_security_code",
        en "Enter the security code as issued, in half-width letters and digits.",
        ja "セキュリティコードを発行された英数字のとおり入力してください。";

    /// The security code is not the one issued with the payment-service ID.
    MyNaPointSecurityCodeMismatch = "mynapoint.security_code_mismatch",
        en "The security code does not match the one issued.",
        ja "セキュリティコードが正しくありません。";

    /// A MyKey ID that is not 1–32 half-width letters and digits.
    MyNaPointInvalidMyKeyId = "mynapoint.invalid_mykey_id",
        en "The MyKey ID is not valid.",
        ja "マイキーIDが正しくありません。";

    /// The MyNaPoint flow's state does not allow this step.
    MyNaPointIllegalTransition {
        /// The flow: `issuance`, `reservation` or `application`.
        flow: String,
        /// Its current state, e.g. `awaiting_pin`.
        state: String,
    } = "mynapoint.illegal_transition",
        en "This step is not possible now (the {flow} is {state}).",
        ja "現在の状態（{flow}: {state}）ではこの操作はできません。";

    /// A MyNaPoint setting is invalid.
    MyNaPointInvalidConfig {
        /// The setting, e.g. `eligible_cards`.
        field: String,
    } = "mynapoint.invalid_config",
        en "The MyNaPoint setting {field} is invalid.",
        ja "マイナポイントの設定値（{field}）が正しくありません。";

    /// Saved parts of a flow (sign-in, MyNaPoint, a PIN, a one-time password) that do
    /// not fit together or are out of range; nothing is restored.
    StateInvalidFlow {
        /// The flow: `signin`, `mynapoint`, `pin` or `otp`.
        flow: String,
        /// What is wrong, in English.
        detail: String,
    } = "state.invalid_flow",
        en "The saved {flow} cannot be restored: {detail}.",
        ja "保存された{flow}の状態を復元できません（{detail}）。";

    // ---- QR payments ----

    /// The QR payment's current state does not allow this step.
    QrIllegalTransition {
        /// The current state, e.g. `completed`.
        state: String,
    } = "qr.illegal_transition",
        en "This step is not possible now (the payment is {state}).",
        ja "現在の状態（{state}）ではこの操作はできません。";

    /// A one-time token must be 1–256 printable ASCII characters.
    QrInvalidToken = "qr.invalid_token",
        en "The payment code is invalid.",
        ja "支払い用コードが正しくありません。";

    /// The one-time token's validity is over.
    QrTokenExpired = "qr.token_expired",
        en "The payment code has expired: show a new one.",
        ja "支払い用コードの有効期限が切れました。新しいコードを表示してください。";

    /// The scanned token is not the one shown.
    QrTokenMismatch = "qr.token_mismatch",
        en "The scanned code is not this payment's code.",
        ja "読み取られたコードがこの支払いのコードと一致しません。";

    /// The merchant's code carries the amount; it cannot be changed.
    QrAmountFixed = "qr.amount_fixed",
        en "The merchant's code sets the amount; it cannot be changed.",
        ja "加盟店のQRコードで金額が指定されているため、変更できません。";

    // ---- input ----

    /// A time or date the caller passed cannot be used (an invalid JavaScript `Date`, a
    /// date string that is not `YYYY-MM-DD`, an instant or date outside the years
    /// 0001–9999, or one a rule would compute there).
    TimeInvalid {
        /// What was given: whole up to 64 characters, else its first 63 and `…`.
        given: String,
    } = "time.invalid",
        en "“{given}” is not a usable date or time.",
        ja "「{given}」は日付・時刻として使えません。";

    // ---- persisted state ----

    /// Not JSON, or not of the documented shape (a saved wallet, charges or cards on
    /// file, an event log).
    StateMalformed {
        /// What the JSON reader reported.
        detail: String,
    } = "state.malformed",
        en "The saved data cannot be read: {detail}.",
        ja "保存されたデータを読み込めません（{detail}）。";

    /// A saved document written by a saifu this one cannot read.
    StateUnsupportedVersion {
        /// The version found.
        version: u32,
    } = "state.unsupported_version",
        en "The saved data has version {version}, which this app cannot read.",
        ja "保存されたデータのバージョン（{version}）には対応していません。";

    /// Two programs, merchants, lots, payments or charges share an id.
    StateDuplicateId {
        /// The id.
        id: String,
    } = "state.duplicate_id",
        en "The saved wallet uses the id “{id}” twice.",
        ja "保存されたウォレットでID「{id}」が重複しています。";

    /// A reference to a program or merchant that is not there.
    StateUnknownReference {
        /// The id referred to.
        id: String,
    } = "state.unknown_reference",
        en "The saved wallet refers to “{id}”, which it does not hold.",
        ja "保存されたウォレットが存在しない「{id}」を参照しています。";

    /// A payment or charge points at a lot that is not there.
    StateUnknownLot {
        /// The lot id referred to.
        lot: String,
    } = "state.unknown_lot",
        en "The saved wallet refers to a voucher {lot} it does not hold.",
        ja "保存されたウォレットが存在しない電子マネー（{lot}）を参照しています。";

    /// A payment's shares or refunds do not add up, or a program's balances differ
    /// from its ledger.
    StateInconsistentTotals {
        /// The payment or program concerned.
        subject: String,
    } = "state.inconsistent_totals",
        en "The saved wallet's totals for {subject} do not add up.",
        ja "保存されたウォレットの「{subject}」の合計が一致しません。";

    /// An event of a log does not apply to the wallet (or the charges) rebuilt from the
    /// events before it.
    StateInvalidEvent {
        /// Zero-based index of the event in the log.
        index: u32,
        /// The code of the check it failed, e.g. `wallet.insufficient_balance`.
        cause: String,
    } = "state.invalid_event",
        en "Event {index} of the log does not apply ({cause}).",
        ja "履歴の{index}番目のイベントを適用できません（{cause}）。";

    /// A saved card registration that `register` could not have made: a last 4 that is
    /// not 4 digits, an expiry outside 1–12 / 2000–9999, a fingerprint that is not 64
    /// lower-case hex digits, a time before the registration above it, or the same card
    /// as the registration above it.
    StateInvalidCardRegistration {
        /// Zero-based index of the registration.
        index: u32,
        /// What is wrong: `last4`, `expiry`, `fingerprint`, `time order`, `same card twice`.
        detail: String,
    } = "state.invalid_card_registration",
        en "The saved card registration {index} is invalid ({detail}).",
        ja "保存されたカード登録（{index}番目）が正しくありません（{detail}）。";

    /// Saved charges that the operations could not have left: two programs or charges
    /// with one id, a charge of an unknown program or whose amount, units, brand, state,
    /// deadline (`until`), ending event or slip do not fit together, charged lots that
    /// are not exactly those of the successful charges, a card lockout without a card
    /// that was not enrolled in 3-D Secure (or the other way round).
    StateInvalidCharges {
        /// The program, charge or field concerned (a charge's id, `lockout_until`).
        subject: String,
        /// What is wrong, in English, e.g. `duplicate id`, `until missing`.
        detail: String,
    } = "state.invalid_charges",
        en "The saved charges cannot be restored: {subject} ({detail}).",
        ja "保存されたチャージの状態を復元できません（{subject}: {detail}）。";
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A value for each field type, so every variant can be built and rendered.
    pub(crate) trait Sample {
        fn sample() -> Self;
    }

    impl Sample for String {
        fn sample() -> Self {
            "X-1".into()
        }
    }

    impl Sample for u32 {
        fn sample() -> Self {
            2
        }
    }

    impl Sample for Currency {
        fn sample() -> Self {
            Currency::USD
        }
    }

    impl Sample for Brand {
        fn sample() -> Self {
            Brand::Amex
        }
    }

    impl Sample for Money {
        fn sample() -> Self {
            Money::jpy(2_000).unwrap()
        }
    }

    impl Sample for DateTime<FixedOffset> {
        fn sample() -> Self {
            DateTime::parse_from_rfc3339("2026-11-26T00:00:00+09:00").unwrap()
        }
    }

    #[test]
    fn every_placeholder_names_a_field_or_a_derived_value() {
        let names = Error::arg_names();
        for spec in Error::catalogue() {
            let (_, args) = names.iter().find(|(code, _)| *code == spec.code).unwrap();
            for template in [spec.en, spec.ja] {
                for name in catalogue::placeholders(template) {
                    assert!(
                        args.contains(&name),
                        "{}: {{{name}}} in {template:?}",
                        spec.code
                    );
                }
            }
        }
    }

    #[test]
    fn every_message_is_filled_in_both_languages() {
        let samples = Error::samples();
        assert_eq!(samples.len(), Error::catalogue().len());
        for e in samples {
            for lang in [Lang::En, Lang::Ja] {
                let text = e.message(lang);
                assert!(
                    !text.is_empty() && !text.contains('{'),
                    "{}: {text}",
                    e.code()
                );
            }
        }
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut codes: Vec<_> = Error::catalogue().iter().map(|s| s.code).collect();
        for code in &codes {
            let (area, name) = code.split_once('.').unwrap();
            let ok =
                |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
            assert!(ok(area) && ok(name), "{code}");
        }
        codes.sort_unstable();
        let len = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), len);
    }

    #[test]
    fn derived_values_fill_messages() {
        let e = Error::MoneyFractionNotAllowed {
            currency: Currency::JPY,
        };
        assert_eq!(e.message(Lang::En), "JPY amounts have no decimal places.");
        assert_eq!(e.message(Lang::Ja), "JPYの金額に小数は使えません。");
        let e = Error::MoneyFractionNotAllowed {
            currency: Currency::USD,
        };
        assert_eq!(
            e.message(Lang::En),
            "USD amounts have at most 2 decimal places."
        );
        assert_eq!(e.message(Lang::Ja), "USDの金額は小数点以下2桁までです。");
        let e = Error::CardInvalidCharacter { position: 4 };
        assert_eq!(
            e.message(Lang::Ja),
            "カード番号に数字以外の文字が含まれています（5文字目）。"
        );
        assert_eq!(
            Error::PinMismatch { remaining: 1 }.message(Lang::En),
            "Wrong PIN: 1 attempt left."
        );
        assert_eq!(
            Error::OtpMismatch { remaining: 2 }.message(Lang::Ja),
            "ワンタイムパスワードが違います（残り2回）。"
        );
        let e = Error::CardInvalidCvc { brand: Brand::Amex };
        assert_eq!(e.message(Lang::En), "The security code is 4 digits.");
        let e = Error::EmvQrCrcMismatch {
            computed: "71E5".into(),
            found: "0000".into(),
        };
        assert_eq!(
            e.message(Lang::En),
            "The QR code is damaged: its checksum is 0000, expected 71E5."
        );
    }

    #[test]
    fn substituted_text_is_not_read_again() {
        let e = Error::WalletUnknownMerchant {
            merchant: "{merchant}{x".into(),
        };
        assert_eq!(e.message(Lang::En), "Unknown merchant “{merchant}{x”.");
    }
}
