//! The wallet's numbers as a binding's integer type holds them (Kotlin `Long`, Swift
//! `Int64`, Python `int`): a payment serial and a reissued lot's days of validity. A
//! negative number has no meaning there; each function says which code refuses it, so
//! every language answers the same number with the same code.

use crate::error::Error;

/// A payment serial for [`crate::Wallet::set_next_payment_serial`]: 0 or more here;
/// the upper bound (999,999,999,999, `wallet.payment_serial_exhausted`) is that
/// method's to check.
///
/// # Errors
/// `wallet.invalid_payment_serial` for a negative number.
///
/// # Example
/// ```
/// use saifu::payment_serial_from_i64;
/// assert_eq!(payment_serial_from_i64(42)?, 42);
/// assert_eq!(payment_serial_from_i64(-1).unwrap_err().code(), "wallet.invalid_payment_serial");
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn payment_serial_from_i64(n: i64) -> Result<u64, Error> {
    u64::try_from(n).map_err(|_| Error::WalletInvalidPaymentSerial)
}

/// The days of validity of [`crate::ExpiredRefundPolicy::Reissue`]: 0 to
/// [`crate::ExpiredRefundPolicy::MAX_VALID_DAYS`].
///
/// # Errors
/// `time.invalid` naming the days (`-1 days`) for a negative number or one above
/// [`crate::ExpiredRefundPolicy::MAX_VALID_DAYS`], as
/// [`crate::ExpiredRefundPolicy::checked`] answers for too many days.
///
/// # Example
/// ```
/// use saifu::reissue_days_from_i64;
/// assert_eq!(reissue_days_from_i64(90)?, 90);
/// assert_eq!(reissue_days_from_i64(-1).unwrap_err().code(), "time.invalid");
/// assert_eq!(reissue_days_from_i64(36_501).unwrap_err().code(), "time.invalid");
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn reissue_days_from_i64(days: i64) -> Result<u32, Error> {
    match u32::try_from(days) {
        Ok(valid_days) if valid_days <= crate::ExpiredRefundPolicy::MAX_VALID_DAYS => {
            Ok(valid_days)
        }
        _ => Err(Error::invalid_time(&format!("{days} days"))),
    }
}
