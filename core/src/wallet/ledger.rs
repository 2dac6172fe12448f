//! Per-program totals: the conservation law of DESIGN §4.

use serde::{Deserialize, Serialize};

use crate::currency::Currency;
use crate::error::Error;
use crate::money::Money;

/// How much value has entered and left one program's lots.
///
/// At every step, for every program: the sum of its lots' balances =
/// `opening + charged − paid + refunded − forfeited` ([`ProgramLedger::expected_balance`]).
///
/// ```
/// use saifu::{Money, ProgramLedger};
///
/// let l = ProgramLedger { opening: Money::jpy(100)?, paid: Money::jpy(30)?, ..ProgramLedger::default() };
/// assert_eq!(l.expected_balance()?.minor(), 70);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramLedger {
    /// Opening balances (lots put in without a charge).
    pub opening: Money,
    /// Value charged or bought in.
    pub charged: Money,
    /// Value paid out at merchants.
    pub paid: Money,
    /// Value refunded back (to its lots or to reissued lots).
    pub refunded: Money,
    /// Value forfeited by expiry.
    pub forfeited: Money,
}

impl Default for ProgramLedger {
    fn default() -> Self {
        let zero = Money::zero(Currency::JPY);
        ProgramLedger {
            opening: zero,
            charged: zero,
            paid: zero,
            refunded: zero,
            forfeited: zero,
        }
    }
}

impl ProgramLedger {
    /// `opening + charged − paid + refunded − forfeited`.
    ///
    /// # Errors
    /// `money.out_of_range` if the sums leave ±(2^53 − 1).
    pub fn expected_balance(&self) -> Result<Money, Error> {
        self.opening
            .checked_add(self.charged)?
            .checked_sub(self.paid)?
            .checked_add(self.refunded)?
            .checked_sub(self.forfeited)
    }
}
