//! Eligibility and the spending order (DESIGN §4, seed 003).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

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

/// A payment worked out: the lots it draws on in consumption order, the program of the
/// first one (whose prefix starts the payment id), everything eligible, and everything
/// usable at that instant (what the receipt's balance counts, before the payment).
pub(crate) struct Plan {
    pub(crate) allocations: Vec<Allocation>,
    pub(crate) first_program: usize,
    pub(crate) available: Money,
    pub(crate) usable: Money,
}

/// An eligible lot in the heap of [`allocate`]: the heap's greatest is the lot spent
/// next, in the policy's order, and a lot drawn on is less than every lot not drawn.
struct Candidate<'a> {
    lot: &'a Lot,
    policy: SpendingPolicy,
    drawn: bool,
}

impl Ord for Candidate<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .drawn
            .cmp(&self.drawn)
            .then_with(|| order(self.policy, other.lot, self.lot))
    }
}

impl PartialOrd for Candidate<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate<'_> {}

/// Works out how `amount` is drawn from the lots at a merchant.
///
/// The eligible lots go into a heap in the policy's order (linear time); the lot on top
/// is drawn on, marked drawn and sunk below the others (log n), until the amount is
/// covered: a payment drawing on k of n lots costs n + k log n, where sorting every
/// eligible lot cost n log n. The order is total (lot ids are unique), so the lots
/// drawn on are the ones a sort would give.
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
    let mut candidates = Vec::with_capacity(lots.len());
    let mut available = Money::zero(Currency::JPY);
    let mut usable = Money::zero(Currency::JPY);
    for lot in lots {
        if lot.is_expired(at) {
            continue;
        }
        usable = usable.checked_add(lot.balance)?;
        if eligible(lot, merchant, accepted, at) {
            available = available.checked_add(lot.balance)?;
            candidates.push(Candidate {
                lot,
                policy,
                drawn: false,
            });
        }
    }
    let insufficient = || Error::WalletInsufficientBalance { available };
    if available.minor() < amount.minor() {
        return Err(insufficient());
    }
    let mut heap = BinaryHeap::from(candidates);
    let first_program = heap.peek().map(|c| c.lot.program_ix);
    let mut left = amount.minor();
    let mut allocations = Vec::with_capacity(4);
    while left > 0 {
        // Never a drawn lot here: the eligible balances add up to `amount` at least.
        let mut next = heap
            .peek_mut()
            .filter(|next| !next.drawn)
            .ok_or_else(insufficient)?;
        let take = next.lot.balance.minor().min(left);
        left = left.saturating_sub(take);
        allocations.push(Allocation {
            lot: next.lot.id.clone(),
            amount: Money::new(take, Currency::JPY)?,
        });
        // Sinks when `next` is dropped.
        next.drawn = true;
    }
    Ok(Plan {
        allocations,
        // Nothing eligible is never enough: `amount` is above zero.
        first_program: first_program.ok_or_else(insufficient)?,
        available,
        usable,
    })
}
