//! The wallet's records: what it is configured with and what its operations return.
//! Amounts are yen as integers (the wallet is yen-only, DESIGN §3); times are uniffi
//! timestamps; calendar dates ISO `YYYY-MM-DD` text.

use std::time::SystemTime;

use saifu::Error;

use crate::money::yen;
use crate::time::{date_opt, date_text, instant, instant_opt, timestamp};

/// An amount of the wallet's as yen. Every wallet amount is in yen; were one not, its
/// minor units would still be what it holds.
pub(crate) fn minor(m: saifu::Money) -> i64 {
    m.minor()
}

/// A payment serial of the wallet's (at most 999,999,999,999: always an `i64`).
pub(crate) fn serial(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn list<A, B: From<A>>(items: Vec<A>) -> Vec<B> {
    items.into_iter().map(B::from).collect()
}

pub use saifu::MerchantSize;

/// A merchant's size class.
#[uniffi::remote(Enum)]
pub enum MerchantSize {
    /// A large store (大型店).
    Large,
    /// A small or medium-sized store (中小店舗), where small-stores-only lots pay.
    Small,
}

pub use saifu::Merchant;

/// A store where the wallet can pay.
#[uniffi::remote(Record)]
pub struct Merchant {
    /// The merchant's id, unique in the wallet.
    pub id: String,
    /// Its display name, e.g. `天王洲飯店 リバーサイド店`.
    pub name: String,
    /// Its size class.
    pub size: MerchantSize,
    /// The ids of the programs it accepts.
    pub programs: Vec<String>,
    /// The merchant id its JPQR code carries, by which a scanned code finds it.
    #[uniffi(default)]
    pub jpqr_id: Option<String>,
}

pub use saifu::Scope;

/// Where a lot may be spent.
#[uniffi::remote(Enum)]
pub enum Scope {
    /// 全店共通: at every merchant that accepts the program.
    AllStores,
    /// 中小店舗限定: only at small and medium-sized merchants.
    SmallStoresOnly,
}

/// A lot to put in the wallet: an opening balance, or what a charge creates.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewLot {
    /// The lot's id, unique in the wallet.
    pub id: String,
    /// Its 16-character code (コード(ID)).
    pub code: String,
    /// Its management number (管理番号), e.g. `d012104262000001`.
    pub management_no: String,
    /// The program it belongs to.
    pub program: String,
    /// Where it may be spent.
    pub scope: Scope,
    /// When it was registered or charged (登録日).
    pub registered_at: SystemTime,
    /// The last day it is usable, `YYYY-MM-DD` (through 23:59:59.999 JST), or none.
    #[uniffi(default)]
    pub expires_on: Option<String>,
    /// The value it was issued with, in yen.
    pub face_value: i64,
    /// The value left, in yen: at most the face value.
    pub balance: i64,
}

impl TryFrom<NewLot> for saifu::NewLot {
    type Error = Error;

    fn try_from(l: NewLot) -> Result<Self, Error> {
        Ok(saifu::NewLot {
            code: saifu::VoucherCode::parse(&l.code)?,
            registered_at: instant(l.registered_at)?,
            expires_on: date_opt(l.expires_on)?,
            face_value: yen(l.face_value)?,
            balance: yen(l.balance)?,
            id: l.id,
            management_no: l.management_no,
            program: l.program,
            scope: l.scope,
        })
    }
}

pub use saifu::SpendingPolicy;

/// What a payment draws on first.
#[uniffi::remote(Enum)]
pub enum SpendingPolicy {
    /// The seed's order: earliest expiry first, then smallest balance, then earliest
    /// registered, then lot id.
    ExpiryThenBalance,
    /// Small-stores-only lots before all-store lots, then the default order.
    RestrictedFirst,
}

/// What a refund does when a lot it restores to has expired since the payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ExpiredRefundPolicy {
    /// The whole refund fails (`wallet.refund_lot_expired`) and nothing changes.
    Reject,
    /// The share goes back to the expired lot and is forfeited at once.
    Forfeit,
    /// The share goes to a new lot `{old id}-R{n}` expiring on the refund's JST date +
    /// `validDays`.
    Reissue {
        /// Days of validity of the new lot, from the refund's JST date: 0–36,500
        /// (another number is `time.invalid` when the policy is set).
        valid_days: i64,
    },
}

impl TryFrom<ExpiredRefundPolicy> for saifu::ExpiredRefundPolicy {
    type Error = Error;

    fn try_from(p: ExpiredRefundPolicy) -> Result<Self, Error> {
        Ok(match p {
            ExpiredRefundPolicy::Reject => saifu::ExpiredRefundPolicy::Reject,
            ExpiredRefundPolicy::Forfeit => saifu::ExpiredRefundPolicy::Forfeit,
            ExpiredRefundPolicy::Reissue { valid_days } => saifu::ExpiredRefundPolicy::Reissue {
                valid_days: saifu::reissue_days_from_i64(valid_days)?,
            },
        })
    }
}

/// The wallet's policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct WalletPolicy {
    /// The spending order.
    pub spending: SpendingPolicy,
    /// Refunds to expired lots.
    pub expired_refund: ExpiredRefundPolicy,
}

impl TryFrom<WalletPolicy> for saifu::WalletPolicy {
    type Error = Error;

    fn try_from(p: WalletPolicy) -> Result<Self, Error> {
        Ok(saifu::WalletPolicy {
            spending: p.spending,
            expired_refund: p.expired_refund.try_into()?,
        })
    }
}

/// One lot's share of a payment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Allocation {
    /// The lot drawn on.
    pub lot: String,
    /// How much it gave, in yen.
    pub amount: i64,
}

impl From<saifu::Allocation> for Allocation {
    fn from(a: saifu::Allocation) -> Self {
        Allocation {
            lot: a.lot,
            amount: minor(a.amount),
        }
    }
}

/// A payment worked out but not made.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Quote {
    /// The merchant's id.
    pub merchant: String,
    /// The amount, in yen.
    pub amount: i64,
    /// Everything the wallet could pay at that merchant at that time, in yen.
    pub available: i64,
    /// The lots a payment would draw on, in consumption order.
    pub allocations: Vec<Allocation>,
}

impl From<saifu::Quote> for Quote {
    fn from(q: saifu::Quote) -> Self {
        Quote {
            merchant: q.merchant,
            amount: minor(q.amount),
            available: minor(q.available),
            allocations: list(q.allocations),
        }
    }
}

/// The receipt of a payment (決済完了).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Receipt {
    /// `{prefix}{YYYYMMDD}{serial:012}`.
    pub payment_id: String,
    /// The merchant's id.
    pub merchant: String,
    /// The merchant's display name.
    pub merchant_name: String,
    /// When.
    pub at: SystemTime,
    /// The amount paid, in yen.
    pub amount: i64,
    /// The lots drawn on, in consumption order.
    pub allocations: Vec<Allocation>,
    /// The wallet's usable balance right after the payment (あなたの残高), in yen.
    pub balance_after: i64,
}

impl From<saifu::Receipt> for Receipt {
    fn from(r: saifu::Receipt) -> Self {
        Receipt {
            payment_id: r.payment_id,
            merchant: r.merchant,
            merchant_name: r.merchant_name,
            at: timestamp(r.at),
            amount: minor(r.amount),
            allocations: list(r.allocations),
            balance_after: minor(r.balance_after),
        }
    }
}

/// What a refund did with one share.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum RestoreOutcome {
    /// Back on the lot it came from.
    Restored,
    /// Back on its expired lot and forfeited at once (an expiry entry records it).
    Forfeited,
    /// On a new lot reissued from the expired one.
    Reissued {
        /// The expired lot the payment drew on.
        from: String,
        /// `n` of the new id `{from}-R{n}`.
        sequence: i64,
        /// The new lot's expiry date, `YYYY-MM-DD`.
        expires_on: String,
    },
}

impl From<saifu::RestoreOutcome> for RestoreOutcome {
    fn from(o: saifu::RestoreOutcome) -> Self {
        match o {
            saifu::RestoreOutcome::Restored => RestoreOutcome::Restored,
            saifu::RestoreOutcome::Forfeited => RestoreOutcome::Forfeited,
            saifu::RestoreOutcome::Reissued {
                from,
                sequence,
                expires_on,
            } => RestoreOutcome::Reissued {
                from,
                sequence: sequence.into(),
                expires_on: date_text(expires_on),
            },
        }
    }
}

/// Where one share of a refund went.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Restoration {
    /// The lot credited: the lot the payment drew on, or the reissued lot.
    pub lot: String,
    /// How much, in yen.
    pub amount: i64,
    /// What happened to it.
    pub outcome: RestoreOutcome,
}

impl From<saifu::Restoration> for Restoration {
    fn from(r: saifu::Restoration) -> Self {
        Restoration {
            lot: r.lot,
            amount: minor(r.amount),
            outcome: r.outcome.into(),
        }
    }
}

/// The receipt of a refund.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RefundReceipt {
    /// `{payment id}-{yyyyMMddHHmmssSSS}` in JST.
    pub refund_id: String,
    /// The payment refunded.
    pub payment_id: String,
    /// When.
    pub at: SystemTime,
    /// How much, in yen.
    pub amount: i64,
    /// Where the value went, in restore order (the reverse of consumption).
    pub restored: Vec<Restoration>,
    /// What is still refundable of the payment, in yen.
    pub refundable_after: i64,
}

impl From<saifu::RefundReceipt> for RefundReceipt {
    fn from(r: saifu::RefundReceipt) -> Self {
        RefundReceipt {
            refund_id: r.refund_id,
            payment_id: r.payment_id,
            at: timestamp(r.at),
            amount: minor(r.amount),
            restored: list(r.restored),
            refundable_after: minor(r.refundable_after),
        }
    }
}

/// A lot's balance forfeited by an expiry sweep.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Forfeiture {
    /// The lot.
    pub lot: String,
    /// The balance it lost, in yen.
    pub amount: i64,
}

impl From<saifu::Forfeiture> for Forfeiture {
    fn from(f: saifu::Forfeiture) -> Self {
        Forfeiture {
            lot: f.lot,
            amount: minor(f.amount),
        }
    }
}

/// One program's usable balance.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProgramBalance {
    /// The program's id.
    pub program: String,
    /// Its name.
    pub name: String,
    /// Its usable balance, in yen.
    pub total: i64,
}

impl From<saifu::ProgramBalance> for ProgramBalance {
    fn from(p: saifu::ProgramBalance) -> Self {
        ProgramBalance {
            program: p.program,
            name: p.name,
            total: minor(p.total),
        }
    }
}

/// One lot as the balance view lists it, with the strings the seed's screen shows.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LotBalance {
    /// The lot's id.
    pub lot: String,
    /// Its program's id.
    pub program: String,
    /// Its program's name with the scope: `天王洲キャッシュ (共通券)`.
    pub title: String,
    /// Its masked code: `N7af****7AV9****`.
    pub masked_code: String,
    /// Its management number.
    pub management_no: String,
    /// Where it may be spent.
    pub scope: Scope,
    /// Its last usable day, `YYYY-MM-DD`, or none.
    pub expires_on: Option<String>,
    /// When it was registered.
    pub registered_at: SystemTime,
    /// Its recorded balance, in yen.
    pub balance: i64,
    /// False once it has expired.
    pub usable: bool,
    /// 有効期限 in Japanese: `2026/12/31` or `なし`.
    pub display_expires_on_ja: String,
    /// 有効期限 in English: `2026/12/31` or `none`.
    pub display_expires_on_en: String,
    /// 登録日: `2021/04/27 20:09:26` (JST).
    pub display_registered_at: String,
    /// The balance: `10,000円分`.
    pub display_balance: String,
}

impl From<saifu::LotBalance> for LotBalance {
    fn from(l: saifu::LotBalance) -> Self {
        LotBalance {
            display_expires_on_ja: l.display_expires_on(saifu::Lang::Ja),
            display_expires_on_en: l.display_expires_on(saifu::Lang::En),
            display_registered_at: l.display_registered_at(),
            display_balance: l.display_balance(),
            lot: l.lot,
            program: l.program,
            title: l.title,
            masked_code: l.masked_code,
            management_no: l.management_no,
            scope: l.scope,
            expires_on: l.expires_on.map(date_text),
            registered_at: timestamp(l.registered_at),
            balance: minor(l.balance),
            usable: l.usable,
        }
    }
}

/// The wallet's balance at an instant (残高詳細).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BalanceView {
    /// あなたの残高: everything usable, in yen.
    pub total: i64,
    /// 半年未満: expiring within 6 months.
    pub under_6_months: i64,
    /// 1年未満: expiring in 6 months to under 1 year.
    pub under_1_year: i64,
    /// 1年以上: 1 year or more, or never.
    pub one_year_or_more: i64,
    /// The usable balance per program, in the wallet's program order.
    pub programs: Vec<ProgramBalance>,
    /// Every lot, in wallet order, expired or not.
    pub lots: Vec<LotBalance>,
    /// The total as the seed shows it: `10,000円分`.
    pub display_total: String,
}

impl From<saifu::BalanceView> for BalanceView {
    fn from(b: saifu::BalanceView) -> Self {
        BalanceView {
            display_total: b.display_total(),
            total: minor(b.total),
            under_6_months: minor(b.under_6_months),
            under_1_year: minor(b.under_1_year),
            one_year_or_more: minor(b.one_year_or_more),
            programs: list(b.programs),
            lots: list(b.lots),
        }
    }
}

/// What a history entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum HistoryKind {
    /// Value charged or bought into the wallet.
    Charge,
    /// A payment at a merchant.
    Payment,
    /// A refund of (part of) a payment.
    Refund,
    /// Value forfeited because its lot expired.
    Expiry,
}

impl From<saifu::HistoryKind> for HistoryKind {
    fn from(k: saifu::HistoryKind) -> Self {
        match k {
            saifu::HistoryKind::Charge => HistoryKind::Charge,
            saifu::HistoryKind::Payment => HistoryKind::Payment,
            saifu::HistoryKind::Refund => HistoryKind::Refund,
            saifu::HistoryKind::Expiry => HistoryKind::Expiry,
        }
    }
}

impl From<HistoryKind> for saifu::HistoryKind {
    fn from(k: HistoryKind) -> Self {
        match k {
            HistoryKind::Charge => saifu::HistoryKind::Charge,
            HistoryKind::Payment => saifu::HistoryKind::Payment,
            HistoryKind::Refund => saifu::HistoryKind::Refund,
            HistoryKind::Expiry => saifu::HistoryKind::Expiry,
        }
    }
}

#[uniffi::export]
impl HistoryKind {
    /// The id of a history kind: `charge`, `payment`, `refund` or `expiry`.
    pub fn id(&self) -> String {
        saifu::HistoryKind::from(*self).id().to_owned()
    }
}

/// Which history entries to list: some kinds (none: every kind) within `[from, until)`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HistoryFilter {
    /// The kinds to list; empty lists every kind.
    #[uniffi(default)]
    pub kinds: Vec<HistoryKind>,
    /// The earliest time listed (inclusive).
    #[uniffi(default)]
    pub from: Option<SystemTime>,
    /// The first time no longer listed (exclusive).
    #[uniffi(default)]
    pub until: Option<SystemTime>,
}

impl TryFrom<HistoryFilter> for saifu::HistoryFilter {
    type Error = Error;

    fn try_from(f: HistoryFilter) -> Result<Self, Error> {
        Ok(saifu::HistoryFilter {
            kinds: list(f.kinds),
            from: instant_opt(f.from)?,
            until: instant_opt(f.until)?,
        })
    }
}

/// One line of the usage history (ご利用履歴).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HistoryEntry {
    /// What happened.
    pub kind: HistoryKind,
    /// The payment id, refund id, charge id, or (expiry) the lot id.
    pub id: String,
    /// When.
    pub at: SystemTime,
    /// The signed amount in yen: payment and expiry positive, refund and charge negative.
    pub amount: i64,
    /// The merchant's name (payments, refunds) or the program's (charges, expiries).
    pub title: String,
    /// The time as the seed shows it, in JST: `2021/05/23 01:47:21`.
    pub display_time: String,
    /// The amount as the seed shows it: `50円分`, `-50円分`.
    pub display_amount: String,
}

impl From<saifu::HistoryEntry> for HistoryEntry {
    fn from(e: saifu::HistoryEntry) -> Self {
        HistoryEntry {
            display_time: e.display_time(),
            display_amount: e.display_amount(),
            kind: e.kind.into(),
            id: e.id,
            at: timestamp(e.at),
            amount: minor(e.amount),
            title: e.title,
        }
    }
}

/// A lot in the wallet. Its code is shown masked only: the full code is value.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Lot {
    /// The lot's id.
    pub id: String,
    /// Its masked code: `N7af****7AV9****`.
    pub masked_code: String,
    /// Its management number.
    pub management_no: String,
    /// Its program's id.
    pub program: String,
    /// Where it may be spent.
    pub scope: Scope,
    /// When it was registered or charged.
    pub registered_at: SystemTime,
    /// Its last usable day, `YYYY-MM-DD`, or none.
    pub expires_on: Option<String>,
    /// The value it was issued with, in yen.
    pub face_value: i64,
    /// Its recorded balance, in yen.
    pub balance: i64,
}

impl From<&saifu::Lot> for Lot {
    fn from(l: &saifu::Lot) -> Self {
        Lot {
            id: l.id().to_owned(),
            masked_code: l.code().masked(),
            management_no: l.management_no().to_owned(),
            program: l.program().to_owned(),
            scope: l.scope(),
            registered_at: timestamp(l.registered_at()),
            expires_on: l.expires_on().map(date_text),
            face_value: minor(l.face_value()),
            balance: minor(l.balance()),
        }
    }
}

/// One lot's share of a payment, and how much of it refunds have given back.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PaymentAllocation {
    /// The lot drawn on.
    pub lot: String,
    /// How much it gave, in yen.
    pub amount: i64,
    /// How much refunds have given back for it so far, in yen.
    pub restored: i64,
}

impl From<saifu::PaymentAllocation> for PaymentAllocation {
    fn from(a: saifu::PaymentAllocation) -> Self {
        PaymentAllocation {
            lot: a.lot,
            amount: minor(a.amount),
            restored: minor(a.restored),
        }
    }
}

/// A refund the wallet recorded.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RefundRecord {
    /// `{payment id}-{yyyyMMddHHmmssSSS}` in JST.
    pub id: String,
    /// When.
    pub at: SystemTime,
    /// How much, in yen.
    pub amount: i64,
}

impl From<saifu::RefundRecord> for RefundRecord {
    fn from(r: saifu::RefundRecord) -> Self {
        RefundRecord {
            id: r.id,
            at: timestamp(r.at),
            amount: minor(r.amount),
        }
    }
}

/// A payment the wallet made, with what has been refunded of it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Payment {
    /// `{prefix}{YYYYMMDD}{serial:012}`.
    pub id: String,
    /// The serial the id carries, 0–999,999,999,999.
    pub serial: i64,
    /// The merchant's id.
    pub merchant: String,
    /// When it was paid.
    pub at: SystemTime,
    /// The amount paid, in yen.
    pub amount: i64,
    /// The lots drawn on, in consumption order, with what has been restored to each.
    pub allocations: Vec<PaymentAllocation>,
    /// The refunds of this payment, oldest first.
    pub refunds: Vec<RefundRecord>,
    /// What is left to refund, in yen.
    pub refundable: i64,
}

impl TryFrom<saifu::Payment> for Payment {
    type Error = Error;

    fn try_from(p: saifu::Payment) -> Result<Self, Error> {
        Ok(Payment {
            refundable: minor(p.refundable()?),
            id: p.id,
            serial: serial(p.serial),
            merchant: p.merchant,
            at: timestamp(p.at),
            amount: minor(p.amount),
            allocations: list(p.allocations),
            refunds: list(p.refunds),
        })
    }
}
