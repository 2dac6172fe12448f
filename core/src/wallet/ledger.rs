//! Per-program totals: the conservation law of DESIGN §4.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::index::Positions;
use crate::money::{Money, in_range};

/// How much value has entered and left one program's lots over the wallet's life, in
/// yen.
///
/// At every step, for every program: the sum of its lots' balances =
/// `opening + charged − paid + refunded − forfeited` ([`ProgramLedger::expected_balance`]).
///
/// The totals are lifetime sums, so they are wider than [`Money`]: a wallet that pays
/// and refunds ¥9,007,199,254,740,991 (the largest amount) has paid and refunded that
/// much and can still pay, and no sequence of operations a wallet could ever run
/// (each adds at most 2^53 − 1 yen) reaches 2^128. They are never negative. The
/// persisted form writes each as money (`{"minor": N, "currency": "JPY"}`), N up to
/// 2^128 − 1.
///
/// ```
/// use saifu::ProgramLedger;
///
/// let l = ProgramLedger { opening: 100, paid: 30, ..ProgramLedger::default() };
/// assert_eq!(l.expected_balance()?.minor(), 70);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ProgramLedger {
    /// Opening balances (lots put in without a charge), in yen.
    #[cfg_attr(feature = "serde", serde(with = "total"))]
    pub opening: u128,
    /// Value charged or bought in, in yen.
    #[cfg_attr(feature = "serde", serde(with = "total"))]
    pub charged: u128,
    /// Value paid out at merchants, in yen.
    #[cfg_attr(feature = "serde", serde(with = "total"))]
    pub paid: u128,
    /// Value refunded back (to its lots or to reissued lots), in yen.
    #[cfg_attr(feature = "serde", serde(with = "total"))]
    pub refunded: u128,
    /// Value forfeited by expiry, in yen.
    #[cfg_attr(feature = "serde", serde(with = "total"))]
    pub forfeited: u128,
}

impl ProgramLedger {
    /// `opening + charged − paid + refunded − forfeited`: what the program's lots hold.
    ///
    /// # Errors
    /// `money.out_of_range` when it is not an amount (beyond ±(2^53 − 1)): only a
    /// ledger that no wallet keeps.
    pub fn expected_balance(&self) -> Result<Money, Error> {
        let inflow = self
            .opening
            .checked_add(self.charged)
            .and_then(|n| n.checked_add(self.refunded));
        let outflow = self.paid.checked_add(self.forfeited);
        let (Some(inflow), Some(outflow)) = (inflow, outflow) else {
            return Err(Error::MoneyOutOfRange);
        };
        let magnitude = |n: u128| i64::try_from(n).map_err(|_| Error::MoneyOutOfRange);
        match inflow.checked_sub(outflow) {
            Some(left) => Money::jpy(magnitude(left)?),
            None => Money::jpy(magnitude(outflow.saturating_sub(inflow))?.saturating_neg()),
        }
    }
}

/// `total + amount` for a non-negative `amount`.
///
/// # Errors
/// `money.out_of_range` for a negative amount or past 2^128 − 1 (neither happens: the
/// wallet adds positive amounts, and no wallet lives long enough to reach 2^128).
pub(crate) fn add(total: u128, amount: Money) -> Result<u128, Error> {
    in_range(
        u128::try_from(amount.minor())
            .ok()
            .and_then(|a| total.checked_add(a)),
    )
}

/// Which of a ledger's totals an amount goes to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Flow {
    Opening,
    Charged,
    Paid,
    Refunded,
    Forfeited,
}

impl Flow {
    fn add_to(self, ledger: &mut ProgramLedger, amount: Money) -> Result<(), Error> {
        let total = match self {
            Flow::Opening => &mut ledger.opening,
            Flow::Charged => &mut ledger.charged,
            Flow::Paid => &mut ledger.paid,
            Flow::Refunded => &mut ledger.refunded,
            Flow::Forfeited => &mut ledger.forfeited,
        };
        *total = add(*total, amount)?;
        Ok(())
    }
}

/// An amount going to one total of one program's ledger.
pub(crate) struct Entry<'a> {
    /// The program's index in the wallet.
    pub(crate) program: usize,
    /// The program's id, for the error when the wallet has no such program.
    pub(crate) id: &'a str,
    pub(crate) flow: Flow,
    pub(crate) amount: Money,
}

/// The ledgers a change leaves, worked out before anything changes: each program the
/// entries touch, with its ledger after all of them, in the order first touched. The
/// work is linear in the number of entries, whatever the number of programs.
///
/// # Errors
/// `wallet.unknown_program` for a program without a ledger; `money.out_of_range` as
/// [`add`].
pub(crate) fn after(
    ledgers: &[ProgramLedger],
    entries: Vec<Entry<'_>>,
) -> Result<Vec<(usize, ProgramLedger)>, Error> {
    let unknown = |id: &str| Error::WalletUnknownProgram {
        program: Error::echo(id),
    };
    let mut changed: Vec<(usize, ProgramLedger)> = Vec::new();
    let mut positions = Positions::new();
    for e in &entries {
        let at = match positions.get(e.id) {
            Some(at) => at,
            None => {
                let ledger = ledgers
                    .get(e.program)
                    .copied()
                    .ok_or_else(|| unknown(e.id))?;
                changed.push((e.program, ledger));
                positions.push(e.id)
            }
        };
        let ledger = changed.get_mut(at).map(|(_, ledger)| ledger);
        e.flow
            .add_to(ledger.ok_or_else(|| unknown(e.id))?, e.amount)?;
    }
    Ok(changed)
}

/// Serde for a ledger total as money: `{"minor": N, "currency": "JPY"}`, N a
/// non-negative integer up to 2^128 − 1 (saifu's own codec reads it the same way:
/// `wallet::codec`).
#[cfg(feature = "serde")]
pub(crate) mod total {
    #[cfg(feature = "serde")]
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::currency::Currency;

    #[cfg_attr(feature = "serde", derive(Serialize))]
    struct Out {
        minor: u128,
        currency: &'static str,
    }

    #[cfg_attr(feature = "serde", derive(Deserialize))]
    #[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
    struct In {
        minor: u128,
        currency: Currency,
    }

    pub(crate) fn serialize<S: Serializer>(total: &u128, s: S) -> Result<S::Ok, S::Error> {
        Out {
            minor: *total,
            currency: Currency::JPY.code(),
        }
        .serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
        let total = In::deserialize(d)?;
        if total.currency == Currency::JPY {
            Ok(total.minor)
        } else {
            Err(serde::de::Error::custom(super::NOT_YEN))
        }
    }
}

/// What the state readers say of a ledger total in another currency.
pub(crate) const NOT_YEN: &str = "a ledger total in another currency than JPY";
