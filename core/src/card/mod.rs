//! Payment cards (DESIGN §7): brands by IIN range, numbers, expiry dates and security
//! codes.

mod brand;
mod expiry;
mod number;
mod security_code;

pub use brand::Brand;
pub use expiry::CardExpiry;
pub use number::{CardDetection, CardNumber};
pub use security_code::SecurityCode;
