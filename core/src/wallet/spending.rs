//! Eligibility and the spending order (DESIGN §4, seed 003).

use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset};

use super::lot::Lot;
use super::setup::{Merchant, MerchantSize, Scope, SpendingPolicy};
use crate::currency::Currency;
use crate::error::Error;
use crate::money::Money;

/// A lot pays at a merchant iff the merchant accepts its program, its scope allows the
/// merchant, it is not expired at `at`, and its balance is above zero.
pub(crate) fn eligible(
    lot: &Lot,
    merchant: &Merchant,
    accepted: &[bool],
    at: &DateTime<FixedOffset>,
) -> bool {
    lot.balance.is_positive()
        && accepted.get(lot.program_ix).copied().unwrap_or(false)
        && (lot.scope == Scope::AllStores || merchant.size == MerchantSize::Small)
        && !lot.is_expired(at)
}

/// The seed's order: earliest expiry first (no expiry last), then smallest balance, then
/// earliest registered, then the lot id as plain text (`L10` before `L9`).
fn default_order(a: &Lot, b: &Lot) -> Ordering {
    let expiry = match (a.expires_on, b.expires_on) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    expiry
        .then_with(|| a.balance.minor().cmp(&b.balance.minor()))
        .then_with(|| a.registered_at.cmp(&b.registered_at))
        .then_with(|| a.id.as_bytes().cmp(b.id.as_bytes()))
}

/// The order of a policy: which of two eligible lots is spent first.
pub(crate) fn order(policy: SpendingPolicy, a: &Lot, b: &Lot) -> Ordering {
    match policy {
        SpendingPolicy::ExpiryThenBalance => default_order(a, b),
        SpendingPolicy::RestrictedFirst => {
            let restricted = |l: &Lot| l.scope != Scope::SmallStoresOnly;
            restricted(a)
                .cmp(&restricted(b))
                .then_with(|| default_order(a, b))
        }
    }
}

/// The allocation of `amount` over the lots, in consumption order: `(lot index, share)`,
/// and everything eligible.
///
/// # Errors
/// `wallet.insufficient_balance` with everything eligible when it is less than `amount`.
///
/// `accepted[i]` tells whether the merchant accepts the wallet's i-th program.
pub(crate) fn allocate(
    lots: &[Lot],
    accepted: &[bool],
    merchant: &Merchant,
    policy: SpendingPolicy,
    amount: Money,
    at: &DateTime<FixedOffset>,
) -> Result<(Vec<(usize, Money)>, Money), Error> {
    let mut candidates: Vec<usize> = Vec::new();
    let mut available = Money::zero(Currency::JPY);
    for (i, lot) in lots.iter().enumerate() {
        if eligible(lot, merchant, accepted, at) {
            available = available.checked_add(lot.balance)?;
            candidates.push(i);
        }
    }
    if available.minor() < amount.minor() {
        return Err(Error::WalletInsufficientBalance { available });
    }
    let by_policy = |a: &usize, b: &usize| match (lots.get(*a), lots.get(*b)) {
        (Some(x), Some(y)) => order(policy, x, y),
        _ => Ordering::Equal,
    };
    candidates.sort_unstable_by(by_policy);
    let mut left = amount.minor();
    let mut shares = Vec::with_capacity(4);
    for ix in candidates {
        if left == 0 {
            break;
        }
        let balance = lots.get(ix).map_or(0, |l| l.balance.minor());
        let take = balance.min(left);
        left = left.saturating_sub(take);
        shares.push((ix, Money::new(take, Currency::JPY)?));
    }
    Ok((shares, available))
}
