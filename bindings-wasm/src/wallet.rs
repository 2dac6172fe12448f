//! The voucher wallet: programs, merchants, lots, payments, refunds, expiry, the balance
//! view and the history. Wallet amounts are plain yen `number`s (the wallet is
//! yen-only); times go in as `Date` and come out as RFC 3339 strings in JST.

use js_sys::JsString;
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::error::JsFailure;
use crate::input;
use crate::money::{self, plain};
use crate::time;

// ---------------------------------------------------------------------------------------
// Setup: programs, merchants, policies, lots.

/// An issuer's e-money (a city's common voucher, a ward's e-voucher).
#[derive(Debug, Clone, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Program {
    /// Unique in the wallet.
    pub id: String,
    /// Its name for people, e.g. `天王洲キャッシュ`.
    pub name: String,
    /// The prefix of the ids of payments that start with its lots, e.g. `OEM2020000101`.
    pub payment_id_prefix: String,
}

/// A merchant's size class: `small` is small-and-medium (中小), which small-stores-only
/// lots require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum MerchantSize {
    /// 大型店.
    Large,
    /// 中小店舗.
    Small,
}

/// A store where the wallet can pay.
#[derive(Debug, Clone, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Merchant {
    /// Unique in the wallet.
    pub id: String,
    /// Its display name, e.g. `天王洲飯店 リバーサイド店`.
    pub name: String,
    /// Its size class.
    pub size: MerchantSize,
    /// The ids of the programs it accepts.
    pub programs: Vec<String>,
    /// The merchant id its JPQR code carries, by which a scanned code finds it.
    #[serde(default)]
    #[tsify(optional)]
    pub jpqr_id: Option<String>,
}

/// Where a lot may be spent: 全店共通 or 中小店舗限定.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum Scope {
    /// 全店共通: every merchant that accepts the program.
    AllStores,
    /// 中小店舗限定: small and medium-sized merchants only.
    SmallStoresOnly,
}

/// What a payment draws on first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum SpendingPolicy {
    /// The seed's order: earliest expiry, then smallest balance (the default).
    ExpiryThenBalance,
    /// Small-stores-only lots before all-store lots, then the default order.
    RestrictedFirst,
}

/// What a refund does when a lot it restores to has expired, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum ExpiredRefundAction {
    /// The whole refund fails (`wallet.refund_lot_expired`); nothing changes (default).
    Reject,
    /// The share goes back to the expired lot and is forfeited at once.
    Forfeit,
}

/// What a refund does when a lot it restores to has expired: `"reject"`, `"forfeit"`,
/// or `{ reissueDays: n }` (a new lot `{old id}-R{n}` expiring on the refund's JST date
/// + n days).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Tsify)]
#[serde(untagged)]
pub enum ExpiredRefundPolicy {
    /// `"reject"` or `"forfeit"`.
    Named(ExpiredRefundAction),
    /// Reissue the share on a new lot.
    Reissue {
        /// Days of validity of the new lot, from the refund's JST date (0–4294967295).
        #[serde(rename = "reissueDays")]
        reissue_days: f64,
    },
}

/// The wallet's policies.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct WalletPolicy {
    /// The spending order.
    pub spending: SpendingPolicy,
    /// Refunds to expired lots.
    pub expired_refund: ExpiredRefundPolicy,
}

/// A lot to put in the wallet: an opening balance (`openLot`) or what a charge creates.
#[derive(Debug, Clone, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct NewLot {
    /// Unique in the wallet.
    pub id: String,
    /// Its 16-character code (コード(ID)), e.g. `N7af3c1d7AV9b2e4`.
    pub code: String,
    /// Its management number (管理番号), e.g. `d012104262000001`.
    pub management_no: String,
    /// The program it belongs to.
    pub program: String,
    /// Where it may be spent.
    pub scope: Scope,
    /// When it was registered or charged (登録日).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Date")]
    pub registered_at: JsValue,
    /// Its last usable day, `YYYY-MM-DD` (usable through 23:59:59.999 JST), or `null`:
    /// never expires.
    pub expires_on: Option<String>,
    /// The value it was issued with, yen.
    pub face_value: f64,
    /// The value left, yen (at most the face value; a charge's lots are full).
    pub balance: f64,
}

/// `"reject"`, `"forfeit"` or `{ "reissueDays": n }`, read without serde's untagged
/// buffering (which would add a copy of serde's `Content` machinery to the .wasm).
impl<'de> Deserialize<'de> for ExpiredRefundPolicy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ExpiredRefundPolicy;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(r#""reject", "forfeit" or { reissueDays: number }"#)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                match v {
                    "reject" => Ok(ExpiredRefundPolicy::Named(ExpiredRefundAction::Reject)),
                    "forfeit" => Ok(ExpiredRefundPolicy::Named(ExpiredRefundAction::Forfeit)),
                    _ => Err(E::unknown_variant(v, &["reject", "forfeit"])),
                }
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                #[derive(Deserialize)]
                #[serde(rename_all = "camelCase")]
                struct Reissue {
                    reissue_days: f64,
                }
                let r = Reissue::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(ExpiredRefundPolicy::Reissue {
                    reissue_days: r.reissue_days,
                })
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl From<MerchantSize> for saifu::MerchantSize {
    fn from(size: MerchantSize) -> Self {
        match size {
            MerchantSize::Large => saifu::MerchantSize::Large,
            MerchantSize::Small => saifu::MerchantSize::Small,
        }
    }
}

impl From<Scope> for saifu::Scope {
    fn from(scope: Scope) -> Self {
        match scope {
            Scope::AllStores => saifu::Scope::AllStores,
            Scope::SmallStoresOnly => saifu::Scope::SmallStoresOnly,
        }
    }
}

impl From<saifu::Scope> for Scope {
    fn from(scope: saifu::Scope) -> Self {
        match scope {
            saifu::Scope::AllStores => Scope::AllStores,
            saifu::Scope::SmallStoresOnly => Scope::SmallStoresOnly,
        }
    }
}

impl WalletPolicy {
    fn to_core(self) -> Result<saifu::WalletPolicy, JsFailure> {
        let spending = match self.spending {
            SpendingPolicy::ExpiryThenBalance => saifu::SpendingPolicy::ExpiryThenBalance,
            SpendingPolicy::RestrictedFirst => saifu::SpendingPolicy::RestrictedFirst,
        };
        let expired_refund = match self.expired_refund {
            ExpiredRefundPolicy::Named(ExpiredRefundAction::Reject) => {
                saifu::ExpiredRefundPolicy::Reject
            }
            ExpiredRefundPolicy::Named(ExpiredRefundAction::Forfeit) => {
                saifu::ExpiredRefundPolicy::Forfeit
            }
            ExpiredRefundPolicy::Reissue { reissue_days } => {
                let days = money::whole(reissue_days, saifu::Currency::JPY)?;
                let valid_days = u32::try_from(days).map_err(|_| {
                    JsFailure::invalid_input("reissueDays must be a whole number 0–4294967295")
                })?;
                saifu::ExpiredRefundPolicy::Reissue { valid_days }
            }
        };
        Ok(saifu::WalletPolicy {
            spending,
            expired_refund,
        })
    }

    fn from_core(policy: saifu::WalletPolicy) -> WalletPolicy {
        WalletPolicy {
            spending: match policy.spending {
                saifu::SpendingPolicy::ExpiryThenBalance => SpendingPolicy::ExpiryThenBalance,
                saifu::SpendingPolicy::RestrictedFirst => SpendingPolicy::RestrictedFirst,
            },
            expired_refund: match policy.expired_refund {
                saifu::ExpiredRefundPolicy::Reject => {
                    ExpiredRefundPolicy::Named(ExpiredRefundAction::Reject)
                }
                saifu::ExpiredRefundPolicy::Forfeit => {
                    ExpiredRefundPolicy::Named(ExpiredRefundAction::Forfeit)
                }
                saifu::ExpiredRefundPolicy::Reissue { valid_days } => {
                    ExpiredRefundPolicy::Reissue {
                        reissue_days: f64::from(valid_days),
                    }
                }
            },
        }
    }
}

impl NewLot {
    fn to_core(&self) -> Result<saifu::NewLot, JsFailure> {
        Ok(saifu::NewLot {
            id: self.id.clone(),
            code: saifu::VoucherCode::parse(&self.code)?,
            management_no: self.management_no.clone(),
            program: self.program.clone(),
            scope: self.scope.into(),
            registered_at: time::instant(&self.registered_at)?,
            expires_on: time::optional_date(self.expires_on.as_deref())?,
            face_value: money::yen(self.face_value)?,
            balance: money::yen(self.balance)?,
        })
    }
}

// ---------------------------------------------------------------------------------------
// Results.

/// One lot's share of a payment or of a refund.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Allocation {
    /// The lot's id.
    pub lot: String,
    /// Yen.
    pub amount: f64,
}

fn allocations(list: &[saifu::Allocation]) -> Vec<Allocation> {
    list.iter()
        .map(|a| Allocation {
            lot: a.lot.clone(),
            amount: plain(a.amount),
        })
        .collect()
}

/// A lot's balance forfeited by an expiry sweep.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Forfeiture {
    /// The lot's id.
    pub lot: String,
    /// Yen it lost.
    pub amount: f64,
}

/// The receipt of a payment (決済完了).
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    /// `{prefix}{YYYYMMDD}{serial:012}`, e.g. `OEM202000010120210521000000000002`.
    pub payment_id: String,
    /// The merchant's id.
    pub merchant: String,
    /// The merchant's display name.
    pub merchant_name: String,
    /// When, RFC 3339 in JST.
    pub at: String,
    /// Yen paid.
    pub amount: f64,
    /// The lots drawn on, in consumption order.
    pub allocations: Vec<Allocation>,
    /// The usable balance right after the payment (あなたの残高), yen.
    pub balance_after: f64,
}

impl Receipt {
    pub(crate) fn from_core(r: &saifu::Receipt) -> Receipt {
        Receipt {
            payment_id: r.payment_id.clone(),
            merchant: r.merchant.clone(),
            merchant_name: r.merchant_name.clone(),
            at: time::rfc3339(&r.at),
            amount: plain(r.amount),
            allocations: allocations(&r.allocations),
            balance_after: plain(r.balance_after),
        }
    }
}

/// A payment worked out but not made.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// The merchant's id.
    pub merchant: String,
    /// Yen to pay.
    pub amount: f64,
    /// Everything the wallet could pay there at that time, yen.
    pub available: f64,
    /// The lots a payment would draw on, in consumption order.
    pub allocations: Vec<Allocation>,
}

impl Quote {
    pub(crate) fn from_core(q: &saifu::Quote) -> Quote {
        Quote {
            merchant: q.merchant.clone(),
            amount: plain(q.amount),
            available: plain(q.available),
            allocations: allocations(&q.allocations),
        }
    }
}

/// What a refund did with one share.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RestoreOutcome {
    /// Back on the lot it came from.
    Restored,
    /// Back on its expired lot and forfeited at once.
    Forfeited,
    /// On a new lot reissued from the expired one.
    #[serde(rename_all = "camelCase")]
    Reissued {
        /// The expired lot the payment drew on.
        from: String,
        /// `n` of the new id `{from}-R{n}`.
        sequence: u32,
        /// The new lot's expiry date, `YYYY-MM-DD`.
        expires_on: String,
    },
}

/// Where one share of a refund went.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Restoration {
    /// The lot credited (the reissued lot, for a reissue).
    pub lot: String,
    /// Yen.
    pub amount: f64,
    /// What happened to it.
    pub outcome: RestoreOutcome,
}

/// The receipt of a refund.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RefundReceipt {
    /// `{payment id}-{yyyyMMddHHmmssSSS}` in JST.
    pub refund_id: String,
    /// The payment refunded.
    pub payment_id: String,
    /// When, RFC 3339 in JST.
    pub at: String,
    /// Yen refunded.
    pub amount: f64,
    /// Where the value went, in restore order (the reverse of consumption).
    pub restored: Vec<Restoration>,
    /// What is still refundable of the payment, yen.
    pub refundable_after: f64,
}

impl RefundReceipt {
    fn from_core(r: &saifu::RefundReceipt) -> RefundReceipt {
        RefundReceipt {
            refund_id: r.refund_id.clone(),
            payment_id: r.payment_id.clone(),
            at: time::rfc3339(&r.at),
            amount: plain(r.amount),
            restored: r
                .restored
                .iter()
                .map(|s| Restoration {
                    lot: s.lot.clone(),
                    amount: plain(s.amount),
                    outcome: match &s.outcome {
                        saifu::RestoreOutcome::Restored => RestoreOutcome::Restored,
                        saifu::RestoreOutcome::Forfeited => RestoreOutcome::Forfeited,
                        saifu::RestoreOutcome::Reissued {
                            from,
                            sequence,
                            expires_on,
                        } => RestoreOutcome::Reissued {
                            from: from.clone(),
                            sequence: *sequence,
                            expires_on: time::date_text(expires_on),
                        },
                    },
                })
                .collect(),
            refundable_after: plain(r.refundable_after),
        }
    }
}

/// The balance view (残高詳細) at an instant.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)] // its lots' `expiresOn` is `null`, not `undefined`
pub struct BalanceView {
    /// あなたの残高: everything usable, yen.
    pub total: f64,
    /// The total as the seed shows it: `10,000円分`.
    pub display_total: String,
    /// 半年未満: expiring within 6 months, yen.
    pub under6_months: f64,
    /// 1年未満: expiring in 6 months to under 1 year, yen.
    pub under1_year: f64,
    /// 1年以上: 1 year or more, or never, yen.
    pub one_year_or_more: f64,
    /// The usable balance per program, in the wallet's program order.
    pub programs: Vec<ProgramBalance>,
    /// Every lot, in wallet order, expired or not.
    pub lots: Vec<LotBalance>,
}

/// One program's usable balance.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ProgramBalance {
    /// The program's id.
    pub program: String,
    /// Its name.
    pub name: String,
    /// Its usable balance, yen.
    pub total: f64,
}

/// One lot as the balance view lists it.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct LotBalance {
    /// The lot's id.
    pub lot: String,
    /// Its program's id.
    pub program: String,
    /// Its program's name with the scope as the seed shows it: `天王洲キャッシュ (共通券)`.
    pub title: String,
    /// `N7af****7AV9****`.
    pub masked_code: String,
    /// Its management number.
    pub management_no: String,
    /// Where it may be spent.
    pub scope: Scope,
    /// Its last usable day, `YYYY-MM-DD`, or `null`.
    pub expires_on: Option<String>,
    /// 有効期限 in English: `2026/12/31` or `none`.
    pub display_expires_on: String,
    /// 有効期限 in Japanese: `2026/12/31` or `なし`.
    pub display_expires_on_ja: String,
    /// When it was registered, RFC 3339 in JST.
    pub registered_at: String,
    /// 登録日 as the seed shows it: `2021/04/27 20:09:26`.
    pub display_registered_at: String,
    /// Its recorded balance, yen.
    pub balance: f64,
    /// The balance as the seed shows it: `10,000円分`.
    pub display_balance: String,
    /// False once it has expired.
    pub usable: bool,
}

impl BalanceView {
    fn from_core(b: &saifu::BalanceView) -> BalanceView {
        BalanceView {
            total: plain(b.total),
            display_total: b.display_total(),
            under6_months: plain(b.under_6_months),
            under1_year: plain(b.under_1_year),
            one_year_or_more: plain(b.one_year_or_more),
            programs: b
                .programs
                .iter()
                .map(|p| ProgramBalance {
                    program: p.program.clone(),
                    name: p.name.clone(),
                    total: plain(p.total),
                })
                .collect(),
            lots: b
                .lots
                .iter()
                .map(|l| LotBalance {
                    lot: l.lot.clone(),
                    program: l.program.clone(),
                    title: l.title.clone(),
                    masked_code: l.masked_code.clone(),
                    management_no: l.management_no.clone(),
                    scope: l.scope.into(),
                    expires_on: l.expires_on.as_ref().map(time::date_text),
                    display_expires_on: l.display_expires_on(saifu::Lang::En),
                    display_expires_on_ja: l.display_expires_on(saifu::Lang::Ja),
                    registered_at: time::rfc3339(&l.registered_at),
                    display_registered_at: l.display_registered_at(),
                    balance: plain(l.balance),
                    display_balance: l.display_balance(),
                    usable: l.usable,
                })
                .collect(),
        }
    }
}

/// What a history entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum HistoryKind {
    /// Value charged or bought in.
    Charge,
    /// A payment at a merchant.
    Payment,
    /// A refund of (part of) a payment.
    Refund,
    /// Value forfeited because its lot expired.
    Expiry,
}

impl From<saifu::HistoryKind> for HistoryKind {
    fn from(kind: saifu::HistoryKind) -> Self {
        match kind {
            saifu::HistoryKind::Charge => HistoryKind::Charge,
            saifu::HistoryKind::Payment => HistoryKind::Payment,
            saifu::HistoryKind::Refund => HistoryKind::Refund,
            saifu::HistoryKind::Expiry => HistoryKind::Expiry,
        }
    }
}

impl From<HistoryKind> for saifu::HistoryKind {
    fn from(kind: HistoryKind) -> Self {
        match kind {
            HistoryKind::Charge => saifu::HistoryKind::Charge,
            HistoryKind::Payment => saifu::HistoryKind::Payment,
            HistoryKind::Refund => saifu::HistoryKind::Refund,
            HistoryKind::Expiry => saifu::HistoryKind::Expiry,
        }
    }
}

/// One line of the usage history (ご利用履歴).
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// What happened.
    pub kind: HistoryKind,
    /// The payment id, refund id, charge id, or (expiry) the lot id.
    pub id: String,
    /// When, RFC 3339 in JST.
    pub at: String,
    /// 利用日時 as the seed shows it, JST: `2021/05/23 01:47:21`.
    pub display_time: String,
    /// Signed yen as the seed's 決済金額 column: payment and expiry positive, refund and
    /// charge negative.
    pub amount: f64,
    /// The amount as the seed shows it: `50円分`, `-50円分`.
    pub display_amount: String,
    /// The merchant's name (payments, refunds) or the program's (charges, expiries).
    pub title: String,
}

/// Which history entries to list: some kinds (none given: every kind) within
/// `[from, until)` (either end open).
#[derive(Debug, Clone, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct HistoryFilter {
    /// The kinds to list; omitted or empty: every kind.
    #[serde(default)]
    #[tsify(optional)]
    pub kinds: Vec<HistoryKind>,
    /// The earliest time listed (inclusive).
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    #[tsify(optional, type = "Date")]
    pub from: JsValue,
    /// The first time no longer listed (exclusive).
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    #[tsify(optional, type = "Date")]
    pub until: JsValue,
}

/// A lot in the wallet.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct Lot {
    /// The lot's id.
    pub id: String,
    /// Its code as registered (screens show `maskedCode`).
    pub code: String,
    /// `N7af****7AV9****`.
    pub masked_code: String,
    /// Its management number.
    pub management_no: String,
    /// Its program's id.
    pub program: String,
    /// Where it may be spent.
    pub scope: Scope,
    /// When it was registered, RFC 3339 in JST.
    pub registered_at: String,
    /// Its last usable day, `YYYY-MM-DD`, or `null`: never expires.
    pub expires_on: Option<String>,
    /// The value it was issued with, yen.
    pub face_value: f64,
    /// The value left, yen.
    pub balance: f64,
}

/// One lot's share of a payment and what refunds have given back to it.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PaymentAllocation {
    /// The lot drawn on.
    pub lot: String,
    /// Yen it gave.
    pub amount: f64,
    /// Yen refunds have given back to it so far.
    pub restored: f64,
}

/// A refund the wallet recorded.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RefundRecord {
    /// `{payment id}-{yyyyMMddHHmmssSSS}` in JST.
    pub id: String,
    /// When, RFC 3339 in JST.
    pub at: String,
    /// Yen.
    pub amount: f64,
}

/// A payment the wallet made, with its refunds.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    /// `{prefix}{YYYYMMDD}{serial:012}`.
    pub id: String,
    /// The serial the id carries.
    pub serial: f64,
    /// The merchant's id.
    pub merchant: String,
    /// When, RFC 3339 in JST.
    pub at: String,
    /// Yen paid.
    pub amount: f64,
    /// The lots drawn on, in consumption order.
    pub allocations: Vec<PaymentAllocation>,
    /// The refunds, oldest first.
    pub refunds: Vec<RefundRecord>,
    /// What is left to refund, yen.
    pub refundable: f64,
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
    /// `state.negative_balance`, `state.invalid_lot`, `state.inconsistent_totals`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &JsString) -> Result<Wallet, JsFailure> {
        Ok(Wallet(saifu::Wallet::from_json(&input::text(
            json, "json",
        )?)?))
    }

    /// Rebuilds a wallet from a JSON array of events (`takeEventsJson()`, concatenated).
    ///
    /// Throws `SaifuError`: `state.malformed`, `state.invalid_event` (`index`, `cause`).
    #[wasm_bindgen(js_name = replayJson)]
    pub fn replay_json(json: &JsString) -> Result<Wallet, JsFailure> {
        Ok(Wallet(saifu::Wallet::replay_json(&input::text(
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

    /// Adds a program. Throws `SaifuError` `wallet.duplicate_id` (`id`).
    #[wasm_bindgen(js_name = addProgram)]
    pub fn add_program(&mut self, program: Ts<Program>) -> Result<(), JsFailure> {
        let p = program.to_rust()?;
        Ok(self.0.add_program(saifu::Program {
            id: p.id,
            name: p.name,
            payment_id_prefix: p.payment_id_prefix,
        })?)
    }

    /// Adds a merchant (it may list programs the wallet does not hold yet). Throws
    /// `SaifuError` `wallet.duplicate_id` (`id`).
    #[wasm_bindgen(js_name = addMerchant)]
    pub fn add_merchant(&mut self, merchant: Ts<Merchant>) -> Result<(), JsFailure> {
        let m = merchant.to_rust()?;
        Ok(self.0.add_merchant(saifu::Merchant {
            id: m.id,
            name: m.name,
            size: m.size.into(),
            programs: m.programs,
            jpqr_id: m.jpqr_id,
        })?)
    }

    /// Sets the policies (both, replacing the current ones).
    #[wasm_bindgen(js_name = setPolicy)]
    pub fn set_policy(&mut self, policy: Ts<WalletPolicy>) -> Result<(), JsFailure> {
        let policy = policy.to_rust()?.to_core()?;
        Ok(self.0.set_policy(policy)?)
    }

    /// The policies.
    #[wasm_bindgen(getter)]
    pub fn policy(&self) -> Result<Ts<WalletPolicy>, JsFailure> {
        Ok(WalletPolicy::from_core(self.0.policy()).into_ts()?)
    }

    /// Sets the serial the next payment takes, e.g. to continue an issuer's numbering.
    ///
    /// Throws `SaifuError`: `wallet.payment_serial_exhausted` above 999,999,999,999;
    /// `input.invalid` below 0; the number checks of amounts.
    #[wasm_bindgen(js_name = setNextPaymentSerial)]
    pub fn set_next_payment_serial(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] next: &JsValue,
    ) -> Result<(), JsFailure> {
        let n = money::whole(input::number(next), saifu::Currency::JPY)?;
        let n = u64::try_from(n)
            .map_err(|_| JsFailure::invalid_input("a payment serial is not negative"))?;
        Ok(self.0.set_next_payment_serial(n)?)
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
    pub fn open_lot(&mut self, lot: Ts<NewLot>) -> Result<(), JsFailure> {
        let lot = lot.to_rust()?.to_core()?;
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
        let lots = lots
            .dyn_ref::<js_sys::Array>()
            .ok_or_else(|| JsFailure::invalid_input("lots must be an array"))?
            .iter()
            .map(|l| Ts::<NewLot>::new_unchecked(l).to_rust()?.to_core())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(self.0.charge(&charge_id, &program, at, lots)?)
    }

    /// Works out a payment without making it: the lots it would draw on.
    ///
    /// Throws `SaifuError`, in order: `wallet.unknown_merchant` (`merchant`),
    /// `wallet.invalid_amount` (not above zero), `wallet.insufficient_balance`
    /// (`available`, yen).
    pub fn quote(
        &self,
        merchant: &JsString,
        #[wasm_bindgen(unchecked_param_type = "number")] amount: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<Ts<Quote>, JsFailure> {
        let merchant = input::text(merchant, "merchant")?;
        let amount = money::yen(input::number(amount))?;
        let at = time::instant(at)?;
        let q = self.0.quote(&merchant, amount, at)?;
        Ok(Quote::from_core(&q).into_ts()?)
    }

    /// Pays `amount` yen at a merchant, drawing on lots in the order of the spending
    /// policy, atomically.
    ///
    /// Throws `SaifuError`, in order: `wallet.unknown_merchant` (`merchant`),
    /// `wallet.invalid_amount`, `wallet.insufficient_balance` (`available`, yen),
    /// `wallet.payment_serial_exhausted`. Nothing changes.
    pub fn pay(
        &mut self,
        merchant: &JsString,
        #[wasm_bindgen(unchecked_param_type = "number")] amount: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<Ts<Receipt>, JsFailure> {
        let merchant = input::text(merchant, "merchant")?;
        let amount = money::yen(input::number(amount))?;
        let at = time::instant(at)?;
        let r = self.0.pay(&merchant, amount, at)?;
        Ok(Receipt::from_core(&r).into_ts()?)
    }

    /// Refunds (part of) a payment: value goes back to the lots it used, in reverse
    /// order of consumption; an expired lot is handled by the `expiredRefund` policy.
    ///
    /// Throws `SaifuError`, in order: `wallet.unknown_payment` (`payment`),
    /// `wallet.invalid_amount`, `wallet.refund_exceeds_payment` (`refundable`, yen),
    /// `wallet.duplicate_refund_id` (`refundId`), `wallet.refund_lot_expired` (`lot`).
    /// Nothing changes.
    pub fn refund(
        &mut self,
        #[wasm_bindgen(js_name = paymentId)] payment_id: &JsString,
        #[wasm_bindgen(unchecked_param_type = "number")] amount: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: &JsValue,
    ) -> Result<Ts<RefundReceipt>, JsFailure> {
        let payment_id = input::text(payment_id, "paymentId")?;
        let amount = money::yen(input::number(amount))?;
        let at = time::instant(at)?;
        let r = self.0.refund(&payment_id, amount, at)?;
        Ok(RefundReceipt::from_core(&r).into_ts()?)
    }

    /// The expiry sweep: forfeits the balance of every lot expired at `now`, in wallet
    /// order (only lots that had a positive balance are listed).
    pub fn expire(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<Vec<Ts<Forfeiture>>, JsFailure> {
        let now = time::instant(now)?;
        let forfeited = self.0.expire(now)?;
        forfeited
            .iter()
            .map(|f| {
                Forfeiture {
                    lot: f.lot.clone(),
                    amount: plain(f.amount),
                }
                .into_ts()
                .map_err(JsFailure::from)
            })
            .collect()
    }

    /// The balance view (残高詳細) at `now`, with the display strings of the seed's
    /// screen.
    pub fn balance(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<Ts<BalanceView>, JsFailure> {
        let now = time::instant(now)?;
        let b = self.0.balance(now)?;
        Ok(BalanceView::from_core(&b).into_ts()?)
    }

    /// The usage history (ご利用履歴), newest first (of entries at the same instant, the
    /// one recorded later first), optionally filtered by kind and period.
    pub fn history(
        &self,
        filter: Option<Ts<HistoryFilter>>,
    ) -> Result<Vec<Ts<HistoryEntry>>, JsFailure> {
        let filter = match filter {
            None => saifu::HistoryFilter::default(),
            Some(f) => {
                let f = f.to_rust()?;
                saifu::HistoryFilter {
                    kinds: f.kinds.into_iter().map(Into::into).collect(),
                    from: time::optional_instant(&f.from)?,
                    until: time::optional_instant(&f.until)?,
                }
            }
        };
        self.0
            .history(&filter)
            .iter()
            .map(|e| {
                HistoryEntry {
                    kind: e.kind.into(),
                    id: e.id.clone(),
                    at: time::rfc3339(&e.at),
                    display_time: e.display_time(),
                    amount: plain(e.amount),
                    display_amount: e.display_amount(),
                    title: e.title.clone(),
                }
                .into_ts()
                .map_err(JsFailure::from)
            })
            .collect()
    }

    /// Every lot, in wallet order (the order added), expired or not.
    pub fn lots(&self) -> Result<Vec<Ts<Lot>>, JsFailure> {
        self.0
            .lots()
            .iter()
            .map(|l| {
                Lot {
                    id: l.id().to_owned(),
                    code: l.code().as_str().to_owned(),
                    masked_code: l.code().masked(),
                    management_no: l.management_no().to_owned(),
                    program: l.program().to_owned(),
                    scope: l.scope().into(),
                    registered_at: time::rfc3339(&l.registered_at()),
                    expires_on: l.expires_on().as_ref().map(time::date_text),
                    face_value: plain(l.face_value()),
                    balance: plain(l.balance()),
                }
                .into_ts()
                .map_err(JsFailure::from)
            })
            .collect()
    }

    /// Every payment, oldest first, with its refunds.
    pub fn payments(&self) -> Result<Vec<Ts<Payment>>, JsFailure> {
        self.0
            .payments()
            .iter()
            .map(|p| {
                Payment {
                    id: p.id.clone(),
                    serial: serial_number(p.serial),
                    merchant: p.merchant.clone(),
                    at: time::rfc3339(&p.at),
                    amount: plain(p.amount),
                    allocations: p
                        .allocations
                        .iter()
                        .map(|a| PaymentAllocation {
                            lot: a.lot.clone(),
                            amount: plain(a.amount),
                            restored: plain(a.restored),
                        })
                        .collect(),
                    refunds: p
                        .refunds
                        .iter()
                        .map(|r| RefundRecord {
                            id: r.id.clone(),
                            at: time::rfc3339(&r.at),
                            amount: plain(r.amount),
                        })
                        .collect(),
                    refundable: plain(p.refundable()?),
                }
                .into_ts()
                .map_err(JsFailure::from)
            })
            .collect()
    }

    /// Turns the event log on or off (off by default). While on, every change is kept
    /// until `takeEventsJson()`; `Wallet.replayJson` rebuilds the wallet from them.
    #[wasm_bindgen(js_name = setEventLog)]
    pub fn set_event_log(&mut self, on: bool) {
        self.0.set_event_log(on);
    }

    /// Takes the events recorded since the last call, oldest first, as a JSON array.
    #[wasm_bindgen(js_name = takeEventsJson)]
    pub fn take_events_json(&mut self) -> Result<String, JsFailure> {
        Ok(self.0.take_events_json()?)
    }
}
