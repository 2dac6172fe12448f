//! QR payments in both directions (seed 003; DESIGN §4), as objects holding the core's
//! state machines.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use crate::emvqr::MerchantQr;
use crate::error::SaifuError;
use crate::money::yen;
use crate::time::{duration, instant, timestamp};
use crate::wallet::{Quote, Receipt, Wallet};

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Where a customer-presented payment stands.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CustomerQrState {
    /// The token is on screen, waiting for the merchant.
    Showing,
    /// The merchant scanned it and entered the amount; the customer sees it.
    AmountShown {
        /// The merchant's id.
        merchant: String,
        /// The amount the merchant entered, in yen.
        amount: i64,
    },
    /// Paid.
    Completed {
        /// The receipt.
        receipt: Receipt,
    },
    /// Cancelled by the customer.
    Cancelled,
}

impl From<saifu::CustomerQrState> for CustomerQrState {
    fn from(s: saifu::CustomerQrState) -> Self {
        match s {
            saifu::CustomerQrState::Showing => CustomerQrState::Showing,
            saifu::CustomerQrState::AmountShown { merchant, amount } => {
                CustomerQrState::AmountShown {
                    merchant,
                    amount: amount.minor(),
                }
            }
            saifu::CustomerQrState::Completed { receipt } => CustomerQrState::Completed {
                receipt: receipt.into(),
            },
            saifu::CustomerQrState::Cancelled => CustomerQrState::Cancelled,
        }
    }
}

/// (A) A customer-presented QR payment: the wallet shows a one-time token, the merchant
/// scans it and enters the amount, the customer sees it, the payment completes.
#[derive(uniffi::Object)]
pub struct CustomerQrPayment {
    inner: Mutex<saifu::CustomerQrPayment>,
}

#[uniffi::export]
impl CustomerQrPayment {
    /// Starts showing a one-time token (the caller's: saifu has no randomness), valid
    /// for `[issuedAt, issuedAt + validFor)`.
    ///
    /// # Errors
    /// `qr.invalid_token` (empty, over 256 characters, not printable ASCII);
    /// `time.invalid`.
    #[uniffi::constructor]
    pub fn new(
        token: String,
        issued_at: SystemTime,
        valid_for: Duration,
    ) -> Result<Arc<Self>, SaifuError> {
        let flow =
            saifu::CustomerQrPayment::new(&token, instant(issued_at)?, duration(valid_for)?)?;
        Ok(Arc::new(CustomerQrPayment {
            inner: Mutex::new(flow),
        }))
    }

    /// The token to render as a QR code.
    pub fn token(&self) -> String {
        lock(&self.inner).token().to_owned()
    }

    /// The first instant the token no longer works.
    pub fn expires_at(&self) -> SystemTime {
        timestamp(lock(&self.inner).expires_at())
    }

    /// Where the payment stands.
    pub fn state(&self) -> CustomerQrState {
        lock(&self.inner).state().clone().into()
    }

    /// The merchant scanned a token and entered an amount (yen): the customer now sees it.
    ///
    /// # Errors
    /// In order: `qr.illegal_transition`, `qr.token_expired`, `qr.token_mismatch`,
    /// `wallet.invalid_amount`; `money.out_of_range`, `time.invalid` (conversion).
    pub fn merchant_request(
        &self,
        scanned_token: String,
        merchant: String,
        amount: i64,
        at: SystemTime,
    ) -> Result<(), SaifuError> {
        let (amount, at) = (yen(amount)?, instant(at)?);
        Ok(lock(&self.inner).merchant_request(&scanned_token, &merchant, amount, at)?)
    }

    /// Makes the payment the merchant requested.
    ///
    /// # Errors
    /// `qr.illegal_transition`, `qr.token_expired`, the errors of `Wallet.pay` (then
    /// nothing changes).
    pub fn complete(&self, wallet: Arc<Wallet>, at: SystemTime) -> Result<Receipt, SaifuError> {
        let at = instant(at)?;
        let mut flow = lock(&self.inner);
        Ok(flow.complete(&mut wallet.lock(), at)?.into())
    }

    /// Cancels the payment (while showing or while the amount is shown).
    ///
    /// # Errors
    /// `qr.illegal_transition` once completed or cancelled.
    pub fn cancel(&self) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).cancel()?)
    }
}

/// Where a merchant-presented payment stands.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum MerchantQrState {
    /// The merchant's code is read; the customer checks the merchant's name.
    Scanned,
    /// An amount is entered (or the code carried one).
    AmountEntered {
        /// The amount, in yen.
        amount: i64,
    },
    /// お支払確認: the customer shows this screen to the cashier.
    Confirming {
        /// What the payment will draw on.
        quote: Quote,
    },
    /// お支払 succeeded.
    Completed {
        /// The receipt.
        receipt: Receipt,
    },
    /// Cancelled by the customer.
    Cancelled,
}

impl From<saifu::MerchantQrState> for MerchantQrState {
    fn from(s: saifu::MerchantQrState) -> Self {
        match s {
            saifu::MerchantQrState::Scanned => MerchantQrState::Scanned,
            saifu::MerchantQrState::AmountEntered { amount } => MerchantQrState::AmountEntered {
                amount: amount.minor(),
            },
            saifu::MerchantQrState::Confirming { quote } => MerchantQrState::Confirming {
                quote: quote.into(),
            },
            saifu::MerchantQrState::Completed { receipt } => MerchantQrState::Completed {
                receipt: receipt.into(),
            },
            saifu::MerchantQrState::Cancelled => MerchantQrState::Cancelled,
        }
    }
}

/// (B) A merchant-presented QR payment: the customer scans the merchant's JPQR code,
/// enters the amount, confirms (お支払確認) and pays (お支払).
#[derive(uniffi::Object)]
pub struct MerchantQrPayment {
    inner: Mutex<saifu::MerchantQrPayment>,
}

#[uniffi::export]
impl MerchantQrPayment {
    /// Reads a merchant's code and finds the merchant in the wallet by its JPQR id.
    ///
    /// # Errors
    /// The errors of parsing the code; `wallet.unknown_merchant`; for a code carrying an
    /// amount, the errors of reading it.
    #[uniffi::constructor]
    pub fn scan(wallet: Arc<Wallet>, payload: String) -> Result<Arc<Self>, SaifuError> {
        let flow = saifu::MerchantQrPayment::scan(&wallet.lock(), &payload)?;
        Ok(Arc::new(MerchantQrPayment {
            inner: Mutex::new(flow),
        }))
    }

    /// The merchant's id in the wallet.
    pub fn merchant(&self) -> String {
        lock(&self.inner).merchant().to_owned()
    }

    /// The merchant's display name, for the customer to check with the cashier.
    pub fn merchant_name(&self) -> String {
        lock(&self.inner).merchant_name().to_owned()
    }

    /// The code that was scanned.
    pub fn qr(&self) -> MerchantQr {
        lock(&self.inner).qr().clone().into()
    }

    /// Where the payment stands.
    pub fn state(&self) -> MerchantQrState {
        lock(&self.inner).state().clone().into()
    }

    /// Enters (or corrects) the amount, in yen.
    ///
    /// # Errors
    /// In order: `qr.illegal_transition`, `qr.amount_fixed`, `wallet.invalid_amount`;
    /// `money.out_of_range` (conversion).
    pub fn enter_amount(&self, amount: i64) -> Result<(), SaifuError> {
        let amount = yen(amount)?;
        Ok(lock(&self.inner).enter_amount(amount)?)
    }

    /// お支払確認: works the payment out against the wallet.
    ///
    /// # Errors
    /// `qr.illegal_transition`; the errors of `Wallet.quote`.
    pub fn confirm(&self, wallet: Arc<Wallet>, at: SystemTime) -> Result<Quote, SaifuError> {
        let at = instant(at)?;
        let mut flow = lock(&self.inner);
        Ok(flow.confirm(&wallet.lock(), at)?.into())
    }

    /// お支払: pays.
    ///
    /// # Errors
    /// `qr.illegal_transition`; the errors of `Wallet.pay` (then nothing changes).
    pub fn pay(&self, wallet: Arc<Wallet>, at: SystemTime) -> Result<Receipt, SaifuError> {
        let at = instant(at)?;
        let mut flow = lock(&self.inner);
        Ok(flow.pay(&mut wallet.lock(), at)?.into())
    }

    /// Cancels the payment (any time before it completes).
    ///
    /// # Errors
    /// `qr.illegal_transition` once completed or cancelled.
    pub fn cancel(&self) -> Result<(), SaifuError> {
        Ok(lock(&self.inner).cancel()?)
    }
}
