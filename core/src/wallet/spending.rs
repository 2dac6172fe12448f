//! Eligibility and the spending order (DESIGN §4, seed 003).

use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset};

use super::lot::Lot;
use super::records::Allocation;
use super::setup::{Merchant, MerchantSize, Scope, SpendingPolicy};
use crate::currency::Currency;
use crate::error::Error;
use crate::index::Index;
use crate::money::Money;

/// The wallet's programs a merchant accepts, by program index: a bit set on the stack
/// for up to 64 programs (every real wallet), a list beyond.
pub(crate) enum Accepted {
    Few(u64),
    Many(Vec<bool>),
}

impl Accepted {
    /// The programs `merchant` accepts among the wallet's `count` programs, found through
    /// the wallet's id index: time linear in the merchant's list, whatever the number of
    /// programs. An id the wallet does not hold accepts nothing.
    pub(crate) fn new(index: &Index, count: usize, merchant: &Merchant) -> Accepted {
        let positions = merchant
            .programs
            .iter()
            .filter_map(|id| index.get(id).copied());
        if count <= 64 {
            Accepted::Few(
                positions
                    .filter(|&ix| ix < 64)
                    .fold(0u64, |bits, ix| bits | (1u64 << ix)),
            )
        } else {
            let mut list = vec![false; count];
            for ix in positions {
                if let Some(slot) = list.get_mut(ix) {
                    *slot = true;
                }
            }
            Accepted::Many(list)
        }
    }

    fn contains(&self, program_ix: usize) -> bool {
        match self {
            Accepted::Few(bits) => program_ix < 64 && bits & (1u64 << program_ix) != 0,
            Accepted::Many(list) => list.get(program_ix).copied().unwrap_or(false),
        }
    }
}

/// A lot pays at a merchant iff the merchant accepts its program, its scope allows the
/// merchant, it is not expired at `at`, and its balance is above zero.
pub(crate) fn eligible(
    lot: &Lot,
    merchant: &Merchant,
    accepted: &Accepted,
    at: &DateTime<FixedOffset>,
) -> bool {
    lot.balance.is_positive()
        && accepted.contains(lot.program_ix)
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

/// A payment worked out: the lots it draws on in consumption order, the index of the
/// first one (whose program prefixes the payment id), and everything eligible.
pub(crate) struct Plan {
    pub(crate) allocations: Vec<Allocation>,
    pub(crate) first_lot: usize,
    pub(crate) available: Money,
}

/// Works out how `amount` is drawn from the lots at a merchant.
///
/// # Errors
/// `wallet.insufficient_balance` with everything eligible when it is less than `amount`.
pub(crate) fn allocate(
    lots: &[Lot],
    accepted: &Accepted,
    merchant: &Merchant,
    policy: SpendingPolicy,
    amount: Money,
    at: &DateTime<FixedOffset>,
) -> Result<Plan, Error> {
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
    // Inlined into the sort (a `dyn` comparator here costs `pay` at 10 lots ~25%).
    candidates.sort_unstable_by(|a, b| match (lots.get(*a), lots.get(*b)) {
        (Some(x), Some(y)) => order(policy, x, y),
        _ => Ordering::Equal,
    });
    let mut left = amount.minor();
    let mut allocations = Vec::with_capacity(4);
    for &ix in &candidates {
        if left == 0 {
            break;
        }
        if let Some(lot) = lots.get(ix) {
            let take = lot.balance.minor().min(left);
            left = left.saturating_sub(take);
            allocations.push(Allocation {
                lot: lot.id.clone(),
                amount: Money::new(take, Currency::JPY)?,
            });
        }
    }
    // Nothing eligible is never enough: `amount` is above zero.
    let first_lot = candidates
        .first()
        .copied()
        .ok_or(Error::WalletInsufficientBalance { available })?;
    Ok(Plan {
        allocations,
        first_lot,
        available,
    })
}
