//! The usage history (ご利用履歴, seed 003; DESIGN §4).

use chrono::{DateTime, FixedOffset};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use super::Wallet;
use crate::jst;
use crate::money::{Money, MoneyStyle};

/// What an entry records.
///
/// ```
/// use saifu::HistoryKind;
/// assert_eq!(HistoryKind::Refund.id(), "refund");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
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

impl HistoryKind {
    /// `charge`, `payment`, `refund` or `expiry`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            HistoryKind::Charge => "charge",
            HistoryKind::Payment => "payment",
            HistoryKind::Refund => "refund",
            HistoryKind::Expiry => "expiry",
        }
    }

    /// The signed amount of an entry of this kind moving `magnitude`, the one place the
    /// sign is decided (the seed's 決済金額 column): value leaving the wallet (payment,
    /// expiry) positive, value coming back or in (refund, charge) negative.
    pub(crate) fn signed(self, magnitude: Money) -> Money {
        match self {
            HistoryKind::Payment | HistoryKind::Expiry => magnitude,
            HistoryKind::Refund | HistoryKind::Charge => magnitude.negated(),
        }
    }

    /// The magnitude an entry of this kind moves, when its signed amount has this kind's
    /// sign and is not zero; `None` otherwise. The inverse of [`HistoryKind::signed`]
    /// (which, negating or not, is its own inverse).
    pub(crate) fn magnitude(self, signed: Money) -> Option<Money> {
        let magnitude = self.signed(signed);
        magnitude.is_positive().then_some(magnitude)
    }
}

/// One line of the usage history.
///
/// `amount` is signed as the seed's 決済金額 column: value leaving the wallet (payment,
/// expiry) is positive, value coming back or in (refund, charge) negative.
///
/// ```
/// # use saifu::{HistoryEntry, HistoryKind, Money};
/// let entry = HistoryEntry {
///     kind: HistoryKind::Refund,
///     id: "OEM202000010120210521000000000002-20210523014721578".into(),
///     at: chrono::DateTime::parse_from_rfc3339("2021-05-23T01:47:21.578+09:00")?,
///     amount: Money::jpy(-50)?,
///     title: "天王洲飯店 リバーサイド店".into(),
/// };
/// assert_eq!(entry.display_amount(), "-50円分");
/// assert_eq!(entry.display_time(), "2021/05/23 01:47:21");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct HistoryEntry {
    /// What happened.
    pub kind: HistoryKind,
    /// The payment id, refund id, charge id, or (expiry) the lot id.
    pub id: String,
    /// When.
    #[cfg_attr(feature = "serde", serde(with = "crate::jst::rfc3339"))]
    pub at: DateTime<FixedOffset>,
    /// The signed amount: payment and expiry positive, refund and charge negative (the
    /// wallet signs it by the kind; loading refuses an entry whose sign is not its
    /// kind's).
    pub amount: Money,
    /// The heading of the entry: the merchant's display name for payments and refunds,
    /// the program's name for charges and expiries.
    pub title: String,
}

impl HistoryEntry {
    /// An entry of `kind` moving `magnitude` (above zero), its amount signed by the kind
    /// ([`HistoryKind::signed`]): how the wallet makes every entry.
    pub(crate) fn new(
        kind: HistoryKind,
        id: String,
        at: DateTime<FixedOffset>,
        magnitude: Money,
        title: String,
    ) -> HistoryEntry {
        HistoryEntry {
            kind,
            id,
            at,
            amount: kind.signed(magnitude),
            title,
        }
    }

    /// The time as the seed shows it, in JST: `2021/05/23 01:47:21`.
    #[must_use]
    pub fn display_time(&self) -> String {
        jst::display(&self.at)
    }

    /// The amount as the seed shows it: `50円分`, `-50円分`.
    #[must_use]
    pub fn display_amount(&self) -> String {
        self.amount
            .format(MoneyStyle::Voucher)
            .unwrap_or_else(|_| self.amount.to_string())
    }
}

/// Which entries to list: some kinds (none given: every kind) within a period
/// `[from, until)` (either end open).
///
/// ```
/// use saifu::{HistoryFilter, HistoryKind};
///
/// let payments_only = HistoryFilter { kinds: vec![HistoryKind::Payment], ..HistoryFilter::default() };
/// assert!(payments_only.from.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    /// The kinds to list; empty lists every kind.
    pub kinds: Vec<HistoryKind>,
    /// The earliest time listed (inclusive).
    pub from: Option<DateTime<FixedOffset>>,
    /// The first time no longer listed (exclusive).
    pub until: Option<DateTime<FixedOffset>>,
}

impl HistoryFilter {
    pub(crate) fn admits(&self, entry: &HistoryEntry) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&entry.kind))
            && self.from.is_none_or(|from| entry.at >= from)
            && self.until.is_none_or(|until| entry.at < until)
    }
}

impl Wallet {
    /// The usage history, newest first (of entries at the same instant, the one recorded
    /// later first), filtered by kind and period.
    #[must_use]
    pub fn history(&self, filter: &HistoryFilter) -> Vec<HistoryEntry> {
        // Newest recorded first, then a stable sort by instant: entries at the same
        // instant keep that order.
        let mut picked: Vec<&HistoryEntry> = self
            .history
            .iter()
            .rev()
            .filter(|e| filter.admits(e))
            .collect();
        picked.sort_by_key(|e| std::cmp::Reverse(e.at));
        picked.into_iter().cloned().collect()
    }
}
