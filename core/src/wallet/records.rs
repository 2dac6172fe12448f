//! What the wallet remembers of payments and charges, and what its operations return.

use chrono::{DateTime, FixedOffset, NaiveDate};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::money::Money;

/// One lot's share of a payment.
///
/// ```
/// use saifu::{Allocation, Money};
/// let a = Allocation { lot: "L1".into(), amount: Money::jpy(50)? };
/// assert_eq!(a.amount.minor(), 50);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Allocation {
    /// The lot drawn on.
    pub lot: String,
    /// How much it gave.
    pub amount: Money,
}

/// A payment the wallet made, with what has been refunded of it.
///
/// ```
/// # use saifu::Wallet;
/// let wallet = Wallet::new();
/// assert!(wallet.payment("X20260101000000000001").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Payment {
    /// `{prefix}{YYYYMMDD}{serial:012}`.
    pub id: String,
    /// The serial the id carries.
    pub serial: u64,
    /// The merchant's id.
    pub merchant: String,
    /// When it was paid.
    #[cfg_attr(feature = "serde", serde(with = "crate::jst::rfc3339"))]
    pub at: DateTime<FixedOffset>,
    /// The amount paid.
    pub amount: Money,
    /// The lots drawn on, in consumption order, with what has been restored to each.
    pub allocations: Vec<PaymentAllocation>,
    /// The refunds of this payment, oldest first.
    pub refunds: Vec<RefundRecord>,
}

/// One lot's share of a payment, and how much of it refunds have given back.
///
/// ```
/// use saifu::{Money, PaymentAllocation};
/// let a = PaymentAllocation { lot: "L1".into(), amount: Money::jpy(50)?, restored: Money::jpy(20)? };
/// assert_eq!(a.amount.checked_sub(a.restored)?.minor(), 30);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PaymentAllocation {
    /// The lot drawn on.
    pub lot: String,
    /// How much it gave.
    pub amount: Money,
    /// How much refunds have given back for it so far.
    pub restored: Money,
}

/// A refund the wallet recorded.
///
/// ```
/// # use saifu::{Money, RefundRecord};
/// let r = RefundRecord {
///     id: "X20260601000000000001-20260601150000123".into(),
///     at: chrono::DateTime::parse_from_rfc3339("2026-06-01T15:00:00.123+09:00")?,
///     amount: Money::jpy(100)?,
/// };
/// assert!(r.id.ends_with("123"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RefundRecord {
    /// `{payment id}-{yyyyMMddHHmmssSSS}` in JST.
    pub id: String,
    /// When.
    #[cfg_attr(feature = "serde", serde(with = "crate::jst::rfc3339"))]
    pub at: DateTime<FixedOffset>,
    /// How much.
    pub amount: Money,
}

impl Payment {
    /// What is left to refund: the amount minus earlier refunds.
    ///
    /// # Errors
    /// Never in practice (`money.out_of_range` would need an inconsistent payment).
    pub fn refundable(&self) -> Result<Money, crate::Error> {
        self.refunds
            .iter()
            .try_fold(self.amount, |left, r| left.checked_sub(r.amount))
    }
}

/// A charge the wallet recorded: value bought in, as lots.
///
/// ```
/// # use saifu::{ChargeRecord, Money};
/// let c = ChargeRecord {
///     id: "C1".into(),
///     program: "oyama".into(),
///     at: chrono::DateTime::parse_from_rfc3339("2026-04-01T10:00:00+09:00")?,
///     amount: Money::jpy(13_000)?,
///     lots: vec!["A".into(), "B".into()],
/// };
/// assert_eq!(c.lots.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ChargeRecord {
    /// The charge's id.
    pub id: String,
    /// The program charged.
    pub program: String,
    /// When it succeeded.
    #[cfg_attr(feature = "serde", serde(with = "crate::jst::rfc3339"))]
    pub at: DateTime<FixedOffset>,
    /// The value it put in (the sum of its lots).
    pub amount: Money,
    /// The ids of the lots it created.
    pub lots: Vec<String>,
}

/// A payment worked out but not made: what [`crate::Wallet::quote`] returns.
///
/// ```
/// # use saifu::{Money, Quote};
/// let q = Quote { merchant: "m".into(), amount: Money::jpy(10)?, available: Money::jpy(100)?, allocations: vec![] };
/// assert!(q.available.minor() >= q.amount.minor());
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The merchant's id.
    pub merchant: String,
    /// The amount.
    pub amount: Money,
    /// Everything the wallet could pay at that merchant at that time.
    pub available: Money,
    /// The lots a payment would draw on, in consumption order.
    pub allocations: Vec<Allocation>,
}

/// The receipt of a payment (決済完了).
///
/// ```
/// # use saifu::{Money, Receipt};
/// let r = Receipt {
///     payment_id: "OEM202000010120210521000000000002".into(),
///     merchant: "riverside".into(),
///     merchant_name: "天王洲飯店 リバーサイド店".into(),
///     at: chrono::DateTime::parse_from_rfc3339("2021-05-21T19:12:29+09:00")?,
///     amount: Money::jpy(50)?,
///     allocations: vec![],
///     balance_after: Money::jpy(9_950)?,
/// };
/// assert_eq!(r.payment_id.len(), 33);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// `{prefix}{YYYYMMDD}{serial:012}`.
    pub payment_id: String,
    /// The merchant's id.
    pub merchant: String,
    /// The merchant's display name.
    pub merchant_name: String,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// The amount paid.
    pub amount: Money,
    /// The lots drawn on, in consumption order.
    pub allocations: Vec<Allocation>,
    /// The wallet's usable balance right after the payment (あなたの残高).
    pub balance_after: Money,
}

/// Where one share of a refund went.
///
/// ```
/// # use saifu::{Money, RestoreOutcome, Restoration};
/// let r = Restoration { lot: "C-R1".into(), amount: Money::jpy(400)?, outcome: RestoreOutcome::Reissued { from: "C".into(), sequence: 1, expires_on: "2026-07-31".parse()? } };
/// assert!(matches!(r.outcome, RestoreOutcome::Reissued { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Restoration {
    /// The lot credited: the lot the payment drew on, or the reissued lot.
    pub lot: String,
    /// How much.
    pub amount: Money,
    /// What happened to it.
    pub outcome: RestoreOutcome,
}

/// What a refund did with one share.
///
/// ```
/// use saifu::RestoreOutcome;
/// assert_ne!(RestoreOutcome::Restored, RestoreOutcome::Forfeited);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
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
        sequence: u32,
        /// The new lot's expiry date.
        #[cfg_attr(feature = "serde", serde(with = "crate::jst::strict_date_required"))]
        expires_on: NaiveDate,
    },
}

impl Restoration {
    /// The lot of the payment this share was drawn from.
    #[must_use]
    pub fn source_lot(&self) -> &str {
        match &self.outcome {
            RestoreOutcome::Reissued { from, .. } => from,
            RestoreOutcome::Restored | RestoreOutcome::Forfeited => &self.lot,
        }
    }
}

/// The receipt of a refund.
///
/// ```
/// # use saifu::{Money, RefundReceipt};
/// let r = RefundReceipt {
///     refund_id: "X20260601000000000001-20260601150000123".into(),
///     payment_id: "X20260601000000000001".into(),
///     at: chrono::DateTime::parse_from_rfc3339("2026-06-01T15:00:00.123+09:00")?,
///     amount: Money::jpy(100)?,
///     restored: vec![],
///     refundable_after: Money::jpy(200)?,
/// };
/// assert!(r.refund_id.starts_with(&r.payment_id));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundReceipt {
    /// `{payment id}-{yyyyMMddHHmmssSSS}` in JST.
    pub refund_id: String,
    /// The payment refunded.
    pub payment_id: String,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// How much.
    pub amount: Money,
    /// Where the value went, in restore order (the reverse of consumption).
    pub restored: Vec<Restoration>,
    /// What is still refundable of the payment.
    pub refundable_after: Money,
}

/// A lot's balance forfeited by an expiry sweep.
///
/// ```
/// # use saifu::{Forfeiture, Money};
/// let f = Forfeiture { lot: "A".into(), amount: Money::jpy(3000)? };
/// assert_eq!(f.lot, "A");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forfeiture {
    /// The lot.
    pub lot: String,
    /// The balance it lost.
    pub amount: Money,
}
