//! Payment slips of cash charges (seed 000; DESIGN §6 "Payment slip", §7 "Payment
//! numbers"): the numbers a convenience store or Pay-easy payment needs, checked and
//! grouped for display, and the instructions for using them, in Japanese and English.

mod number;
mod slip;

pub use number::{PaymentField, PaymentNumber, PaymentNumberRules, SlipKind};
pub use slip::{PaymentSlip, SlipInstructions, SlipLine};
