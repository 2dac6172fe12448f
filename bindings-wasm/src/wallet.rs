//! The voucher wallet: programs, merchants, lots, payments, refunds, expiry, the balance
//! view and the history. Wallet amounts are plain yen `number`s (the wallet is
//! yen-only); times go in as `Date` and come out as RFC 3339 strings in JST.

use js_sys::JsString;
use saifu::{HistoryKind, MerchantSize, Scope, SpendingPolicy};
use wasm_bindgen::prelude::*;

use crate::error::JsFailure;
use crate::input::{self, list, nullable, object};
use crate::money::{self, plain};
use crate::time;

#[wasm_bindgen(typescript_custom_section)]
const WALLET_TS: &'static str = r#"
/**
 * What a refund does when a lot it restores to has expired, by name.
 */
export type ExpiredRefundAction = "reject" | "forfeit";

/**
 * What a refund does when a lot it restores to has expired: `"reject"`, `"forfeit"`,
 * or `{ reissueDays: n }` (a new lot `{old id}-R{n}` expiring on the refund's JST date
 * + n days).
 */
export type ExpiredRefundPolicy = ExpiredRefundAction | { reissueDays: number };

/**
 * A payment the wallet made, with its refunds.
 */
export interface Payment {
    /** `{prefix}{YYYYMMDD}{serial:012}`. */
    id: string;
    /** The serial the id carries. */
    serial: number;
    /** The merchant's id. */
    merchant: string;
    /** When, RFC 3339 in JST. */
    at: string;
    /** Yen paid. */
    amount: number;
    /** The lots drawn on, in consumption order. */
    allocations: PaymentAllocation[];
    /** The refunds, oldest first. */
    refunds: RefundRecord[];
    /** What is left to refund, yen. */
    refundable: number;
}
"#;

// ---------------------------------------------------------------------------------------
// Names: camelCase literals both ways.

input::js_names! {
    /// Where a lot may be spent: 全店共通 or 中小店舗限定.
    type "Scope", read pub(crate) SCOPES, write pub(crate) scope_name: Scope {
        [Scope::AllStores] => "allStores",
        [Scope::SmallStoresOnly] => "smallStoresOnly",
    }
}

input::js_names! {
    /// A merchant's size class: `small` is small-and-medium (中小), which small-stores-only
    /// lots require.
    type "MerchantSize", read SIZES: MerchantSize {
        [MerchantSize::Large] => "large",
        [MerchantSize::Small] => "small",
    }
}

input::js_names! {
    /// What a payment draws on first.
    type "SpendingPolicy", read SPENDING, write spending_name: SpendingPolicy {
        [SpendingPolicy::ExpiryThenBalance] => "expiryThenBalance",
        [SpendingPolicy::RestrictedFirst] => "restrictedFirst",
    }
}

input::js_names! {
    /// What a history entry records: value charged or bought in (`charge`), a payment at a
    /// merchant, a refund of (part of) a payment, value forfeited because its lot expired
    /// (`expiry`).
    type "HistoryKind", read KINDS, write kind_name: HistoryKind {
        [HistoryKind::Charge] => "charge",
        [HistoryKind::Payment] => "payment",
        [HistoryKind::Refund] => "refund",
        [HistoryKind::Expiry] => "expiry",
    }
}

/// A scope as JavaScript names it.
pub(crate) fn scope_js(scope: Scope) -> JsValue {
    scope_name(scope).into()
}

// ---------------------------------------------------------------------------------------
// Inputs.

input::js_input! {
    /// A store where the wallet can pay.
    interface "Merchant",
    fn merchant(value, "merchant") -> saifu::Merchant {
        /// Unique in the wallet.
        "id": "string" => id = input::text_field,
        /// Its display name, e.g. `天王洲飯店 リバーサイド店`.
        "name": "string" => name = input::text_field,
        /// Its size class.
        "size": "MerchantSize" => size = input::named_field(SIZES),
        /// The ids of the programs it accepts.
        "programs": "string[]" => programs = input::field |v| input::strings(&v, "merchant.programs")?,
        /// The merchant id its JPQR code carries, by which a scanned code finds it.
        "jpqrId"?: "string" => jpqr_id = input::optional_text_field,
    } {
        Ok(saifu::Merchant { id, name, size, programs, jpqr_id })
    }
}

/// `"reject"`, `"forfeit"` or `{ reissueDays: n }`.
fn expired_refund(value: &JsValue) -> Result<saifu::ExpiredRefundPolicy, JsFailure> {
    const WHAT: &str = "policy.expiredRefund";
    if let Some(name) = input::string_if(value, WHAT)? {
        return match name.as_str() {
            "reject" => Ok(saifu::ExpiredRefundPolicy::Reject),
            "forfeit" => Ok(saifu::ExpiredRefundPolicy::Forfeit),
            _ => Err(JsFailure::invalid_input(&format!(
                "{WHAT} \"{name}\" is not one of its literals"
            ))),
        };
    }
    if !value.is_object() {
        return Err(JsFailure::invalid_input(&format!(
            r#"{WHAT} must be "reject", "forfeit" or {{ reissueDays: number }}"#
        )));
    }
    let days = money::whole(
        input::number_field(value, "reissueDays", WHAT)?,
        saifu::Currency::JPY,
    )?;
    Ok(saifu::ExpiredRefundPolicy::Reissue {
        valid_days: saifu::reissue_days_from_i64(days)?,
    })
}

input::js_input! {
    /// The wallet's policies.
    interface "WalletPolicy",
    fn policy(value, "policy") -> saifu::WalletPolicy {
        /// The spending order.
        "spending": "SpendingPolicy" => spending = input::named_field(SPENDING),
        /// Refunds to expired lots.
        "expiredRefund": "ExpiredRefundPolicy" => expired_refund = input::field |v| self::expired_refund(&v)?,
    } {
        Ok(saifu::WalletPolicy { spending, expired_refund })
    }
}

// A `NewLot` from JavaScript: the shape first (strings, numbers), then the code, the
// dates and the amounts as core checks them.
input::js_input! {
    /// A lot to put in the wallet: an opening balance (`openLot`) or what a charge creates.
    interface "NewLot",
    fn new_lot(value, "lot") -> saifu::NewLot {
        /// Unique in the wallet.
        "id": "string" => id = input::text_field,
        /// Its 16-character code (コード(ID)), e.g. `N7af3c1d7AV9b2e4`.
        "code": "string" => code = input::text_field,
        /// Its management number (管理番号), e.g. `d012104262000001`.
        "managementNo": "string" => management_no = input::text_field,
        /// The program it belongs to.
        "program": "string" => program = input::text_field,
        /// Where it may be spent.
        "scope": "Scope" => scope = input::named_field(SCOPES),
        /// When it was registered or charged (登録日).
        "registeredAt": "Date" => registered_at = input::field,
        /// Its last usable day, `YYYY-MM-DD` (usable through 23:59:59.999 JST), or `null`:
        /// never expires.
        "expiresOn": "string | null" => expires_on = input::optional_text_field,
        /// The value it was issued with, yen.
        "faceValue": "number" => face_value = input::number_field,
        /// The value left, yen (at most the face value; a charge's lots are full).
        "balance": "number" => balance = input::number_field,
    } {
        Ok(saifu::NewLot {
            id,
            code: saifu::VoucherCode::parse(&code)?,
            management_no,
            program,
            scope,
            registered_at: time::instant(&registered_at)?,
            expires_on: time::optional_date(expires_on.as_deref())?,
            face_value: money::yen(face_value)?,
            balance: money::yen(balance)?,
        })
    }
}

input::js_input! {
    /// Which history entries to list: some kinds (none given: every kind) within
    /// `[from, until)` (either end open).
    interface "HistoryFilter",
    fn history_filter(value, "filter") -> saifu::HistoryFilter {
        /// The kinds to list; omitted or empty: every kind.
        "kinds"?: "HistoryKind[]" => kinds = input::field |k| if k.is_undefined() {
            Vec::new()
        } else {
            input::items(&k, "filter.kinds", |kind| {
                input::named(KINDS, &input::string_in(kind, "filter.kinds[]")?, "kind")
            })?
        },
        /// The earliest time listed (inclusive).
        "from"?: "Date" => from = input::field |v| time::optional_instant(&v)?,
        /// The first time no longer listed (exclusive).
        "until"?: "Date" => until = input::field |v| time::optional_instant(&v)?,
    } {
        Ok(saifu::HistoryFilter { kinds, from, until })
    }
}

// ---------------------------------------------------------------------------------------
// Results.

fn allocations_js(list_of: &[saifu::Allocation]) -> JsValue {
    list(list_of.iter().map(allocation_js))
}

input::js_object! {
    /// The receipt of a payment (決済完了).
    interface "Receipt",
    pub(crate) fn receipt_js(r: &saifu::Receipt) {
        /// `{prefix}{YYYYMMDD}{serial:012}`, e.g. `OEM202000010120210521000000000002`.
        "paymentId": "string" = r.payment_id.as_str().into(),
        /// The merchant's id.
        "merchant": "string" = r.merchant.as_str().into(),
        /// The merchant's display name.
        "merchantName": "string" = r.merchant_name.as_str().into(),
        /// When, RFC 3339 in JST.
        "at": "string" = time::rfc3339(&r.at).into(),
        /// Yen paid.
        "amount": "number" = plain(r.amount).into(),
        /// The lots drawn on, in consumption order.
        "allocations": "Allocation[]" = allocations_js(&r.allocations),
        /// The usable balance right after the payment (あなたの残高), yen.
        "balanceAfter": "number" = plain(r.balance_after).into(),
    }
}

input::js_object! {
    /// A payment worked out but not made.
    interface "Quote",
    pub(crate) fn quote_js(q: &saifu::Quote) {
        /// The merchant's id.
        "merchant": "string" = q.merchant.as_str().into(),
        /// Yen to pay.
        "amount": "number" = plain(q.amount).into(),
        /// Everything the wallet could pay there at that time, yen.
        "available": "number" = plain(q.available).into(),
        /// The lots a payment would draw on, in consumption order.
        "allocations": "Allocation[]" = allocations_js(&q.allocations),
    }
}

input::js_union! {
    /// What a refund did with one share: back on the lot it came from (`restored`), back on
    /// its expired lot and forfeited at once (`forfeited`), or on a new lot reissued from the
    /// expired one (`reissued`: `from` the expired lot, `sequence` the `n` of the new id
    /// `{from}-R{n}`, `expiresOn` the new lot's expiry date, `YYYY-MM-DD`).
    type "RestoreOutcome", tag "kind",
    fn outcome_js(outcome: &saifu::RestoreOutcome) {
        [saifu::RestoreOutcome::Restored] => "restored" {},
        [saifu::RestoreOutcome::Forfeited] => "forfeited" {},
        [saifu::RestoreOutcome::Reissued { from, sequence, expires_on }] => "reissued" {
            "from": "string" = from.as_str().into(),
            "sequence": "number" = (*sequence).into(),
            "expiresOn": "string" = time::date_text(expires_on).into(),
        },
    }
}

input::js_object! {
    /// Where one share of a refund went.
    interface "Restoration",
    fn restoration_js(s: &saifu::Restoration) {
        /// The lot credited (the reissued lot, for a reissue).
        "lot": "string" = s.lot.as_str().into(),
        /// Yen.
        "amount": "number" = plain(s.amount).into(),
        /// What happened to it.
        "outcome": "RestoreOutcome" = outcome_js(&s.outcome),
    }
}

input::js_object! {
    /// The receipt of a refund.
    interface "RefundReceipt",
    fn refund_receipt_js(r: &saifu::RefundReceipt) {
        /// `{payment id}-{yyyyMMddHHmmssSSS}` in JST.
        "refundId": "string" = r.refund_id.as_str().into(),
        /// The payment refunded.
        "paymentId": "string" = r.payment_id.as_str().into(),
        /// When, RFC 3339 in JST.
        "at": "string" = time::rfc3339(&r.at).into(),
        /// Yen refunded.
        "amount": "number" = plain(r.amount).into(),
        /// Where the value went, in restore order (the reverse of consumption).
        "restored": "Restoration[]" = list(r.restored.iter().map(restoration_js)),
        /// What is still refundable of the payment, yen.
        "refundableAfter": "number" = plain(r.refundable_after).into(),
    }
}

input::js_object! {
    /// One program's usable balance.
    interface "ProgramBalance",
    fn program_balance_js(p: &saifu::ProgramBalance) {
        /// The program's id.
        "program": "string" = p.program.as_str().into(),
        /// Its name.
        "name": "string" = p.name.as_str().into(),
        /// Its usable balance, yen.
        "total": "number" = plain(p.total).into(),
    }
}

input::js_object! {
    /// One lot as the balance view lists it.
    interface "LotBalance",
    fn lot_balance_js(l: &saifu::LotBalance) {
        /// The lot's id.
        "lot": "string" = l.lot.as_str().into(),
        /// Its program's id.
        "program": "string" = l.program.as_str().into(),
        /// Its program's name with the scope as the seed shows it: `天王洲キャッシュ (共通券)`.
        "title": "string" = l.title.as_str().into(),
        /// `N7af****7AV9****`.
        "maskedCode": "string" = l.masked_code.as_str().into(),
        /// Its management number.
        "managementNo": "string" = l.management_no.as_str().into(),
        /// Where it may be spent.
        "scope": "Scope" = scope_js(l.scope),
        /// Its last usable day, `YYYY-MM-DD`, or `null`.
        "expiresOn": "string | null" = nullable(l.expires_on.as_ref().map(time::date_text)),
        /// 有効期限 in English: `2026/12/31` or `none`.
        "displayExpiresOn": "string" = l.display_expires_on(saifu::Lang::En).into(),
        /// 有効期限 in Japanese: `2026/12/31` or `なし`.
        "displayExpiresOnJa": "string" = l.display_expires_on(saifu::Lang::Ja).into(),
        /// When it was registered, RFC 3339 in JST.
        "registeredAt": "string" = time::rfc3339(&l.registered_at).into(),
        /// 登録日 as the seed shows it: `2021/04/27 20:09:26`.
        "displayRegisteredAt": "string" = l.display_registered_at().into(),
        /// Its recorded balance, yen.
        "balance": "number" = plain(l.balance).into(),
        /// The balance as the seed shows it: `10,000円分`.
        "displayBalance": "string" = l.display_balance().into(),
        /// False once it has expired.
        "usable": "boolean" = l.usable.into(),
    }
}

input::js_object! {
    /// The balance view (残高詳細) at an instant.
    interface "BalanceView",
    fn balance_js(b: &saifu::BalanceView) {
        /// あなたの残高: everything usable, yen.
        "total": "number" = plain(b.total).into(),
        /// The total as the seed shows it: `10,000円分`.
        "displayTotal": "string" = b.display_total().into(),
        /// 半年未満: expiring within 6 months, yen.
        "under6Months": "number" = plain(b.under_6_months).into(),
        /// 1年未満: expiring in 6 months to under 1 year, yen.
        "under1Year": "number" = plain(b.under_1_year).into(),
        /// 1年以上: 1 year or more, or never, yen.
        "oneYearOrMore": "number" = plain(b.one_year_or_more).into(),
        /// The usable balance per program, in the wallet's program order.
        "programs": "ProgramBalance[]" = list(b.programs.iter().map(program_balance_js)),
        /// Every lot, in wallet order, expired or not.
        "lots": "LotBalance[]" = list(b.lots.iter().map(lot_balance_js)),
    }
}

fn policy_js(policy: saifu::WalletPolicy) -> JsValue {
    let expired_refund = match policy.expired_refund {
        saifu::ExpiredRefundPolicy::Reject => "reject".into(),
        saifu::ExpiredRefundPolicy::Forfeit => "forfeit".into(),
        saifu::ExpiredRefundPolicy::Reissue { valid_days } => {
            object(&[("reissueDays", valid_days.into())])
        }
    };
    object(&[
        ("spending", spending_name(policy.spending).into()),
        ("expiredRefund", expired_refund),
    ])
}

/// Serial numbers (≤ 999,999,999,999) are exact in a JS number.
#[allow(clippy::cast_precision_loss)]
fn serial_number(n: u64) -> f64 {
    n as f64
}

// ---------------------------------------------------------------------------------------
// The wallet.

/// A wallet of voucher lots. Every operation that fails throws a `SaifuError` and changes
/// nothing. Amounts are plain yen numbers: a `NaN`, ±`Infinity`, a fraction or anything
/// beyond ±(2^53 − 1) is refused (`money.invalid`, `money.fraction_not_allowed`,
/// `money.out_of_range`) before the wallet sees it; a `Date` that is invalid is
/// `time.invalid`.
#[wasm_bindgen]
pub struct Wallet(pub(crate) saifu::Wallet);

impl Default for Wallet {
    fn default() -> Self {
        Wallet::new()
    }
}

input::js_object! {
    /// A lot's balance forfeited by an expiry sweep.
    interface "Forfeiture",
    fn forfeiture_js(f: &saifu::Forfeiture) {
        /// The lot's id.
        "lot": "string" = f.lot.as_str().into(),
        /// Yen it lost.
        "amount": "number" = plain(f.amount).into(),
    }
}

input::js_object! {
    /// One line of the usage history (ご利用履歴).
    interface "HistoryEntry",
    fn history_entry_js(e: &saifu::HistoryEntry) {
        /// What happened.
        "kind": "HistoryKind" = kind_name(e.kind).into(),
        /// The payment id, refund id, charge id, or (expiry) the lot id.
        "id": "string" = e.id.as_str().into(),
        /// When, RFC 3339 in JST.
        "at": "string" = time::rfc3339(&e.at).into(),
        /// 利用日時 as the seed shows it, JST: `2021/05/23 01:47:21`.
        "displayTime": "string" = e.display_time().into(),
        /// Signed yen as the seed's 決済金額 column: payment and expiry positive, refund and
        /// charge negative.
        "amount": "number" = plain(e.amount).into(),
        /// The amount as the seed shows it: `50円分`, `-50円分`.
        "displayAmount": "string" = e.display_amount().into(),
        /// The merchant's name (payments, refunds) or the program's (charges, expiries).
        "title": "string" = e.title.as_str().into(),
    }
}

input::js_object! {
    /// A lot in the wallet.
    interface "Lot",
    fn lot_js(l: &saifu::Lot) {
        /// The lot's id.
        "id": "string" = l.id().into(),
        /// Its code as registered (screens show `maskedCode`).
        "code": "string" = l.code().as_str().into(),
        /// `N7af****7AV9****`.
        "maskedCode": "string" = l.code().masked().into(),
        /// Its management number.
        "managementNo": "string" = l.management_no().into(),
        /// Its program's id.
        "program": "string" = l.program().into(),
        /// Where it may be spent.
        "scope": "Scope" = scope_js(l.scope()),
        /// When it was registered, RFC 3339 in JST.
        "registeredAt": "string" = time::rfc3339(&l.registered_at()).into(),
        /// Its last usable day, `YYYY-MM-DD`, or `null`: never expires.
        "expiresOn": "string | null" = nullable(l.expires_on().as_ref().map(time::date_text)),
        /// The value it was issued with, yen.
        "faceValue": "number" = plain(l.face_value()).into(),
        /// The value left, yen.
        "balance": "number" = plain(l.balance()).into(),
    }
}

input::js_object! {
    /// One lot's share of a payment and what refunds have given back to it.
    interface "PaymentAllocation",
    fn payment_allocation_js(a: &saifu::PaymentAllocation) {
        /// The lot drawn on.
        "lot": "string" = a.lot.as_str().into(),
        /// Yen it gave.
        "amount": "number" = plain(a.amount).into(),
        /// Yen refunds have given back to it so far.
        "restored": "number" = plain(a.restored).into(),
    }
}

input::js_object! {
    /// A refund the wallet recorded.
    interface "RefundRecord",
    fn refund_record_js(r: &saifu::RefundRecord) {
        /// `{payment id}-{yyyyMMddHHmmssSSS}` in JST.
        "id": "string" = r.id.as_str().into(),
        /// When, RFC 3339 in JST.
        "at": "string" = time::rfc3339(&r.at).into(),
        /// Yen.
        "amount": "number" = plain(r.amount).into(),
    }
}

input::js_object! {
    /// One lot's share of a payment or of a refund.
    interface "Allocation",
    fn allocation_js(a: &saifu::Allocation) {
        /// The lot's id.
        "lot": "string" = a.lot.as_str().into(),
        /// Yen.
        "amount": "number" = plain(a.amount).into(),
    }
}

#[wasm_bindgen]
impl Wallet {
    /// An empty wallet: no programs, merchants or lots; default policies; the first
    /// payment takes serial 1.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Wallet {
        Wallet(saifu::Wallet::new())
    }

    /// Loads a wallet saved by `toJson()`.
    ///
    /// Throws `SaifuError`: `state.malformed` (`detail`), `state.unsupported_version`
    /// (`version`), `state.duplicate_id`, `state.unknown_reference`, `state.unknown_lot`,
    /// `state.inconsistent_totals`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &JsString) -> Result<Wallet, JsFailure> {
        Ok(Wallet(saifu::Wallet::from_json(&input::text(
            json, "json",
        )?)?))
    }

    /// The wallet as versioned JSON (the same bytes in every language).
    ///
    /// Throws `SaifuError` `state.malformed` only if serialization fails (it does not).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsFailure> {
        Ok(self.0.to_json()?)
    }

    /// Adds a program, the record `Charges.addProgram` takes too. Throws `SaifuError`
    /// `wallet.duplicate_id` (`id`), `wallet.no_payment_id_prefix` (`program`) without a
    /// `paymentIdPrefix`, `charge.invalid_units` for a product it may not sell.
    #[wasm_bindgen(js_name = addProgram)]
    pub fn add_program(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Program")] program: &JsValue,
    ) -> Result<(), JsFailure> {
        let program = crate::charge::program(program)?;
        Ok(self.0.add_program(program)?)
    }

    /// Adds a merchant (it may list programs the wallet does not hold yet). Throws
    /// `SaifuError` `wallet.duplicate_id` (`id`).
    #[wasm_bindgen(js_name = addMerchant)]
    pub fn add_merchant(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Merchant")] merchant: &JsValue,
    ) -> Result<(), JsFailure> {
        let merchant = self::merchant(merchant)?;
        Ok(self.0.add_merchant(merchant)?)
    }

    /// Sets the policies (both, replacing the current ones).
    #[wasm_bindgen(js_name = setPolicy)]
    pub fn set_policy(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "WalletPolicy")] policy: &JsValue,
    ) -> Result<(), JsFailure> {
        let policy = self::policy(policy)?;
        Ok(self.0.set_policy(policy)?)
    }

    /// The policies.
    #[wasm_bindgen(getter, unchecked_return_type = "WalletPolicy")]
    pub fn policy(&self) -> JsValue {
        policy_js(self.0.policy())
    }

    /// Sets the serial the next payment takes, e.g. to continue an issuer's numbering.
    ///
    /// Throws `SaifuError`: `wallet.payment_serial_exhausted` above 999,999,999,999;
    /// `wallet.invalid_payment_serial` below 0; the number checks of amounts.
    #[wasm_bindgen(js_name = setNextPaymentSerial)]
    pub fn set_next_payment_serial(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] next: &JsValue,
    ) -> Result<(), JsFailure> {
        let n = money::whole(input::number(next), saifu::Currency::JPY)?;
        Ok(self
            .0
            .set_next_payment_serial(saifu::payment_serial_from_i64(n)?)?)
    }

    /// The serial the next payment takes.
    #[wasm_bindgen(getter, js_name = nextPaymentSerial)]
    pub fn next_payment_serial(&self) -> f64 {
        serial_number(self.0.next_payment_serial())
    }

    /// Puts a lot in as an opening balance: no charge, no history entry; it goes to the
    /// end of the wallet order.
    ///
    /// Throws `SaifuError`: `wallet.unknown_program`, `wallet.duplicate_id`,
    /// `wallet.invalid_lot` (face value not above zero, balance below zero or above the
    /// face value); `voucher.invalid_code`; `time.invalid` (`registeredAt`, `expiresOn`).
    #[wasm_bindgen(js_name = openLot)]
    pub fn open_lot(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "NewLot")] lot: &JsValue,
    ) -> Result<(), JsFailure> {
        let lot = new_lot(lot)?;
        Ok(self.0.open_lot(lot)?)
    }

    /// Records a successful charge (a top-up or a purchase): its lots join the wallet in
    /// the order given, and the history gets a charge entry.
    ///
    /// Throws `SaifuError`: `wallet.unknown_program`, `wallet.duplicate_id` (charge or
    /// lot id), `wallet.invalid_lot` (a lot that is not full), `wallet.invalid_amount`
    /// (no lots, or a lot of another program); the lots' conversions as for `openLot`.
    pub fn charge(
        &mut self,
        #[wasm_bindgen(js_name = chargeId)] charge_id: &JsString,
        program: &JsString,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "NewLot[]")] lots: &JsValue,
    ) -> Result<(), JsFailure> {
        let charge_id = input::text(charge_id, "chargeId")?;
        let program = input::text(program, "program")?;
        let at = time::instant(at)?;
        let lots = input::items(lots, "lots", new_lot)?;
        Ok(self.0.charge(&charge_id, &program, at, lots)?)
    }

    /// Works out a payment without making it: the lots it would draw on.
    ///
    /// Throws `SaifuError`, in order: `wallet.unknown_merchant` (`merchant`),
    /// `wallet.invalid_amount` (not above zero), `wallet.insufficient_balance`
    /// (`available`, yen).
    #[wasm_bindgen(unchecked_return_type = "Quote")]
    pub fn quote(
        &self,
        merchant: &JsString,
        #[wasm_bindgen(unchecked_param_type = "number")] amount: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let merchant = input::text(merchant, "merchant")?;
        let amount = money::yen(input::number(amount))?;
        let at = time::instant(at)?;
        let q = self.0.quote(&merchant, amount, at)?;
        Ok(quote_js(&q))
    }

    /// Pays `amount` yen at a merchant, drawing on lots in the order of the spending
    /// policy, atomically.
    ///
    /// Throws `SaifuError`, in order: `wallet.unknown_merchant` (`merchant`),
    /// `wallet.invalid_amount`, `wallet.insufficient_balance` (`available`, yen),
    /// `wallet.payment_serial_exhausted`. Nothing changes.
    #[wasm_bindgen(unchecked_return_type = "Receipt")]
    pub fn pay(
        &mut self,
        merchant: &JsString,
        #[wasm_bindgen(unchecked_param_type = "number")] amount: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let merchant = input::text(merchant, "merchant")?;
        let amount = money::yen(input::number(amount))?;
        let at = time::instant(at)?;
        let r = self.0.pay(&merchant, amount, at)?;
        Ok(receipt_js(&r))
    }

    /// Refunds (part of) a payment: value goes back to the lots it used, in reverse
    /// order of consumption; an expired lot is handled by the `expiredRefund` policy.
    ///
    /// Throws `SaifuError`, in order: `wallet.unknown_payment` (`payment`),
    /// `wallet.invalid_amount`, `wallet.refund_exceeds_payment` (`refundable`, yen),
    /// `wallet.duplicate_refund_id` (`refundId`), `wallet.refund_lot_expired` (`lot`).
    /// Nothing changes.
    #[wasm_bindgen(unchecked_return_type = "RefundReceipt")]
    pub fn refund(
        &mut self,
        #[wasm_bindgen(js_name = paymentId)] payment_id: &JsString,
        #[wasm_bindgen(unchecked_param_type = "number")] amount: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let payment_id = input::text(payment_id, "paymentId")?;
        let amount = money::yen(input::number(amount))?;
        let at = time::instant(at)?;
        let r = self.0.refund(&payment_id, amount, at)?;
        Ok(refund_receipt_js(&r))
    }

    /// The expiry sweep: forfeits the balance of every lot expired at `now`, in wallet
    /// order (only lots that had a positive balance are listed).
    #[wasm_bindgen(unchecked_return_type = "Forfeiture[]")]
    pub fn expire(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let now = time::instant(now)?;
        let forfeited = self.0.expire(now)?;
        Ok(list(forfeited.iter().map(forfeiture_js)))
    }

    /// The balance view (残高詳細) at `now`, with the display strings of the seed's
    /// screen.
    #[wasm_bindgen(unchecked_return_type = "BalanceView")]
    pub fn balance(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let now = time::instant(now)?;
        Ok(balance_js(&self.0.balance(now)?))
    }

    /// The usage history (ご利用履歴), newest first (of entries at the same instant, the
    /// one recorded later first), optionally filtered by kind and period.
    #[wasm_bindgen(unchecked_return_type = "HistoryEntry[]")]
    pub fn history(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "HistoryFilter | null")] filter: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let filter = if filter.is_undefined() || filter.is_null() {
            saifu::HistoryFilter::default()
        } else {
            history_filter(filter)?
        };
        Ok(list(self.0.history(&filter).iter().map(history_entry_js)))
    }

    /// Every lot, in wallet order (the order added), expired or not.
    #[wasm_bindgen(unchecked_return_type = "Lot[]")]
    pub fn lots(&self) -> JsValue {
        list(self.0.lots().iter().map(lot_js))
    }

    /// Every payment, oldest first, with its refunds.
    #[wasm_bindgen(unchecked_return_type = "Payment[]")]
    pub fn payments(&self) -> Result<JsValue, JsFailure> {
        self.0
            .payments()
            .iter()
            .map(|p| {
                let allocations = list(p.allocations.iter().map(payment_allocation_js));
                let refunds = list(p.refunds.iter().map(refund_record_js));
                Ok(object(&[
                    ("id", p.id.as_str().into()),
                    ("serial", serial_number(p.serial).into()),
                    ("merchant", p.merchant.as_str().into()),
                    ("at", time::rfc3339(&p.at).into()),
                    ("amount", plain(p.amount).into()),
                    ("allocations", allocations),
                    ("refunds", refunds),
                    ("refundable", plain(p.refundable()?).into()),
                ]))
            })
            .collect::<Result<js_sys::Array, JsFailure>>()
            .map(Into::into)
    }

    /// Turns the event log on or off (off by default). While on, every change is kept
    /// until `takeEventsJson()`, for a back end to replay (`Wallet::replay_json` in Rust,
    /// `Wallet.replayJson` in Kotlin, Swift and Python; not in this package's budget).
    ///
    /// Throws `SaifuError` `input.invalid` for anything but `true` or `false` (`"true"`,
    /// `0`, `{}`), and the log stays as it was.
    #[wasm_bindgen(js_name = setEventLog)]
    pub fn set_event_log(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "boolean")] on: &JsValue,
    ) -> Result<(), JsFailure> {
        self.0.set_event_log(input::boolean(on, "on")?);
        Ok(())
    }

    /// Takes the events recorded since the last call, oldest first, as a JSON array.
    #[wasm_bindgen(js_name = takeEventsJson)]
    pub fn take_events_json(&mut self) -> Result<String, JsFailure> {
        Ok(self.0.take_events_json()?)
    }
}
