//! Payment cards (DESIGN §7): brands by IIN range, numbers, expiry dates and security
//! codes; registering a card as the payment method, its fingerprint, a user's cards on
//! file and the card that pays each billing month.

mod billing;
mod brand;
// Saving and loading the cards on file (docs/state.md "Cards on file").
mod codec;
mod expiry;
mod fingerprint;
mod number;
mod on_file;
mod registration;
mod security_code;

pub use billing::{BillingCutoff, UsageMonth};
pub use brand::Brand;
pub use codec::CARDS_STATE_VERSION;
pub use expiry::CardExpiry;
pub use fingerprint::FingerprintKey;
pub use number::{CardDetection, CardNumber};
pub use on_file::CardsOnFile;
pub use registration::{CardConfirmation, CardEntry, CardPolicy, ExpiryInput, RegisteredCard};
pub use security_code::SecurityCode;
