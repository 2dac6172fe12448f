//! QR payments in both directions (seed 003; DESIGN §4), as state machines with
//! cancellation.
//!
//! - (A) customer-presented ([`CustomerQrPayment`]): the wallet shows a one-time token,
//!   the merchant scans it and enters the amount, the customer sees the amount, the
//!   payment completes and is notified.
//! - (B) merchant-presented ([`MerchantQrPayment`]): the customer scans the merchant's
//!   JPQR code, enters the amount, confirms (お支払確認), shows the screen, taps pay
//!   (お支払), and sees the completion.
//!
//! The core holds no randomness: the one-time token is the caller's.

use chrono::{DateTime, Duration, FixedOffset};
use subtle::ConstantTimeEq;

use crate::emvqr::{EmvValue, MerchantQr};
use crate::error::Error;
use crate::jst;
use crate::money::Money;
use crate::wallet::{Quote, Receipt, Wallet, yen};

/// The Globally Unique Identifier of JPQR's merchant account template.
pub const JPQR_GUI: &str = "jp.or.paymentsjapan";

/// The longest one-time token accepted.
const MAX_TOKEN: usize = 256;

/// Where a customer-presented payment stands.
///
/// ```
/// use saifu::CustomerQrState;
/// assert_eq!(CustomerQrState::Showing.id(), "showing");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerQrState {
    /// The token is on screen, waiting for the merchant.
    Showing,
    /// The merchant scanned it and entered the amount; the customer sees it.
    AmountShown {
        /// The merchant's id.
        merchant: String,
        /// The amount the merchant entered.
        amount: Money,
    },
    /// Paid.
    Completed {
        /// The receipt.
        receipt: Receipt,
    },
    /// Cancelled by the customer.
    Cancelled,
}

impl CustomerQrState {
    /// `showing`, `amount_shown`, `completed` or `cancelled`.
    #[must_use]
    pub fn id(&self) -> &'static str {
        match self {
            CustomerQrState::Showing => "showing",
            CustomerQrState::AmountShown { .. } => "amount_shown",
            CustomerQrState::Completed { .. } => "completed",
            CustomerQrState::Cancelled => "cancelled",
        }
    }
}

/// (A) A customer-presented QR payment: the wallet shows a one-time token.
///
/// ```
/// use chrono::{DateTime, Duration};
/// use saifu::*;
///
/// # let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
/// # let mut wallet = Wallet::new();
/// # wallet.add_program(Program::new("p", "P", "X"))?;
/// # wallet.add_merchant(Merchant { id: "m".into(), name: "M".into(), size: MerchantSize::Large, programs: vec!["p".into()], jpqr_id: None })?;
/// # wallet.open_lot(NewLot { id: "L".into(), code: VoucherCode::parse("AAAA1111AAAA1111")?, management_no: "d1".into(), program: "p".into(), scope: Scope::AllStores, registered_at: t("2026-01-01T00:00:00+09:00"), expires_on: None, face_value: Money::jpy(1000)?, balance: Money::jpy(1000)? })?;
/// let mut flow = CustomerQrPayment::new("tok-8f3a", t("2026-06-01T12:00:00+09:00"), Duration::minutes(5))?;
/// flow.merchant_request("tok-8f3a", "m", Money::jpy(300)?, t("2026-06-01T12:01:00+09:00"))?;
/// let receipt = flow.complete(&mut wallet, t("2026-06-01T12:01:05+09:00"))?;
/// assert_eq!(receipt.amount.minor(), 300);
/// assert_eq!(flow.state().id(), "completed");
/// assert_eq!(flow.cancel().unwrap_err().code(), "qr.illegal_transition");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerQrPayment {
    token: String,
    expires_at: DateTime<FixedOffset>,
    state: CustomerQrState,
}

impl CustomerQrPayment {
    /// Starts showing a one-time token, valid for `[issued_at, issued_at + valid_for)`.
    ///
    /// # Errors
    /// `qr.invalid_token` for a token that is empty, longer than 256 characters, or not
    /// printable ASCII, or whose validity ends after the years 0001–9999;
    /// `time.invalid` for an `issued_at` outside those years (in UTC, JST or its own
    /// offset).
    pub fn new(
        token: &str,
        issued_at: DateTime<FixedOffset>,
        valid_for: Duration,
    ) -> Result<Self, Error> {
        let printable = token.bytes().all(|b| b.is_ascii_graphic());
        if token.is_empty() || token.len() > MAX_TOKEN || !printable {
            return Err(Error::QrInvalidToken);
        }
        jst::check_instant(&issued_at)?;
        let expires_at = issued_at
            .checked_add_signed(valid_for)
            .filter(jst::instant_in_range)
            .ok_or(Error::QrInvalidToken)?;
        Ok(CustomerQrPayment {
            token: token.to_owned(),
            expires_at,
            state: CustomerQrState::Showing,
        })
    }

    /// The token to render as a QR code.
    #[must_use]
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The first instant the token no longer works.
    #[must_use]
    pub fn expires_at(&self) -> DateTime<FixedOffset> {
        self.expires_at
    }

    /// Where the payment stands.
    #[must_use]
    pub fn state(&self) -> &CustomerQrState {
        &self.state
    }

    fn illegal(&self) -> Error {
        Error::QrIllegalTransition {
            state: self.state.id().to_owned(),
        }
    }

    fn check_token_time(&self, at: &DateTime<FixedOffset>) -> Result<(), Error> {
        if *at >= self.expires_at {
            Err(Error::QrTokenExpired)
        } else {
            Ok(())
        }
    }

    /// The merchant scanned a token and entered an amount: the customer now sees it.
    ///
    /// # Errors
    /// In order: `time.invalid` (`at` outside the years 0001–9999);
    /// `qr.illegal_transition` (not showing); `qr.token_expired`;
    /// `qr.token_mismatch` (the scanned token is not this one; compared in constant
    /// time); `wallet.invalid_amount`.
    pub fn merchant_request(
        &mut self,
        scanned_token: &str,
        merchant: &str,
        amount: Money,
        at: DateTime<FixedOffset>,
    ) -> Result<(), Error> {
        jst::check_instant(&at)?;
        if self.state != CustomerQrState::Showing {
            return Err(self.illegal());
        }
        self.check_token_time(&at)?;
        let same = scanned_token.len() == self.token.len()
            && bool::from(scanned_token.as_bytes().ct_eq(self.token.as_bytes()));
        if !same {
            return Err(Error::QrTokenMismatch);
        }
        yen(amount)?;
        if !amount.is_positive() {
            return Err(Error::WalletInvalidAmount);
        }
        self.state = CustomerQrState::AmountShown {
            merchant: merchant.to_owned(),
            amount,
        };
        Ok(())
    }

    /// Makes the payment the merchant requested.
    ///
    /// # Errors
    /// `qr.illegal_transition` (no amount shown); `qr.token_expired`; any error of
    /// [`Wallet::pay`] (then the flow stays where it was, and nothing changes).
    pub fn complete(
        &mut self,
        wallet: &mut Wallet,
        at: DateTime<FixedOffset>,
    ) -> Result<Receipt, Error> {
        let CustomerQrState::AmountShown { merchant, amount } = &self.state else {
            return Err(self.illegal());
        };
        self.check_token_time(&at)?;
        let receipt = wallet.pay(merchant, *amount, at)?;
        self.state = CustomerQrState::Completed {
            receipt: receipt.clone(),
        };
        Ok(receipt)
    }

    /// Cancels the payment (while showing or while the amount is shown).
    ///
    /// # Errors
    /// `qr.illegal_transition` once completed or cancelled.
    pub fn cancel(&mut self) -> Result<(), Error> {
        match self.state {
            CustomerQrState::Showing | CustomerQrState::AmountShown { .. } => {
                self.state = CustomerQrState::Cancelled;
                Ok(())
            }
            CustomerQrState::Completed { .. } | CustomerQrState::Cancelled => Err(self.illegal()),
        }
    }
}

/// Where a merchant-presented payment stands.
///
/// ```
/// use saifu::MerchantQrState;
/// assert_eq!(MerchantQrState::Scanned.id(), "scanned");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MerchantQrState {
    /// The merchant's code is read; the customer checks the merchant's name.
    Scanned,
    /// An amount is entered (or the code carried one).
    AmountEntered {
        /// The amount.
        amount: Money,
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

impl MerchantQrState {
    /// `scanned`, `amount_entered`, `confirming`, `completed` or `cancelled`.
    #[must_use]
    pub fn id(&self) -> &'static str {
        match self {
            MerchantQrState::Scanned => "scanned",
            MerchantQrState::AmountEntered { .. } => "amount_entered",
            MerchantQrState::Confirming { .. } => "confirming",
            MerchantQrState::Completed { .. } => "completed",
            MerchantQrState::Cancelled => "cancelled",
        }
    }
}

/// (B) A merchant-presented QR payment: the customer scans the merchant's JPQR code.
///
/// ```
/// use chrono::DateTime;
/// use saifu::*;
///
/// # let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
/// let mut wallet = Wallet::new();
/// wallet.add_program(Program::new("p", "P", "X"))?;
/// wallet.add_merchant(Merchant { id: "tennozu".into(), name: "天王洲飯店".into(), size: MerchantSize::Small,
///     programs: vec!["p".into()], jpqr_id: Some("0000000000001".into()) })?;
/// # wallet.open_lot(NewLot { id: "L".into(), code: VoucherCode::parse("AAAA1111AAAA1111")?, management_no: "d1".into(), program: "p".into(), scope: Scope::AllStores, registered_at: t("2026-01-01T00:00:00+09:00"), expires_on: None, face_value: Money::jpy(1000)?, balance: Money::jpy(1000)? })?;
/// let payload = MerchantQr::jpqr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")?.to_payload()?;
///
/// let mut flow = MerchantQrPayment::scan(&wallet, &payload)?;
/// assert_eq!(flow.merchant_name(), "天王洲飯店");
/// flow.enter_amount(Money::jpy(500)?)?;
/// flow.confirm(&wallet, t("2026-06-01T12:00:00+09:00"))?;      // お支払確認
/// let receipt = flow.pay(&mut wallet, t("2026-06-01T12:00:10+09:00"))?; // お支払
/// assert_eq!(receipt.balance_after.minor(), 500);
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerchantQrPayment {
    qr: MerchantQr,
    merchant: String,
    merchant_name: String,
    fixed_amount: Option<Money>,
    state: MerchantQrState,
}

impl MerchantQr {
    /// A static JPQR code for a merchant: template 26 with the JPQR GUI and the
    /// merchant id, the category code, yen, Japan, name and city. Set `amount` for a
    /// dynamic code.
    ///
    /// # Errors
    /// `emvqr.invalid_field` when a value cannot be written (checked by
    /// [`MerchantQr::to_payload`]).
    ///
    /// # Example
    /// ```
    /// # use saifu::MerchantQr;
    /// let qr = MerchantQr::jpqr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")?;
    /// assert_eq!(qr.jpqr_merchant_id(), Some("0000000000001"));
    /// assert_eq!(MerchantQr::parse(&qr.to_payload()?)?, qr);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn jpqr(
        merchant_id: &str,
        category: &str,
        name: &str,
        city: &str,
    ) -> Result<MerchantQr, Error> {
        let qr = MerchantQr {
            initiation: Some(crate::emvqr::Initiation::Static),
            accounts: vec![crate::emvqr::EmvField {
                tag: 26,
                value: EmvValue::Template(vec![
                    crate::emvqr::EmvSubField {
                        tag: 0,
                        value: JPQR_GUI.into(),
                    },
                    crate::emvqr::EmvSubField {
                        tag: 1,
                        value: merchant_id.into(),
                    },
                ]),
            }],
            merchant_category_code: category.into(),
            currency: "392".into(),
            amount: None,
            country: "JP".into(),
            merchant_name: name.into(),
            merchant_city: city.into(),
            postal_code: None,
            additional_data: vec![],
            alternate_language: None,
            other_fields: vec![],
        };
        qr.to_payload()?;
        Ok(qr)
    }

    /// The JPQR merchant id: sub-field 01 of the account template whose GUI (sub-field
    /// 00) is `jp.or.paymentsjapan`.
    #[must_use]
    pub fn jpqr_merchant_id(&self) -> Option<&str> {
        self.accounts.iter().find_map(|field| match &field.value {
            EmvValue::Template(sub) if sub.iter().any(|s| s.tag == 0 && s.value == JPQR_GUI) => {
                sub.iter().find(|s| s.tag == 1).map(|s| s.value.as_str())
            }
            _ => None,
        })
    }
}

impl MerchantQrPayment {
    /// Reads a merchant's code and finds the merchant in the wallet by its JPQR id.
    ///
    /// # Errors
    /// The errors of [`MerchantQr::parse`]; `wallet.unknown_merchant` (with the code's
    /// merchant id) when no merchant of the wallet has it; for a code carrying an
    /// amount, the errors of [`MerchantQr::amount_money`].
    pub fn scan(wallet: &Wallet, payload: &str) -> Result<Self, Error> {
        let qr = MerchantQr::parse(payload)?;
        let code_id = qr.jpqr_merchant_id().unwrap_or_default();
        let merchant = wallet
            .merchants()
            .iter()
            .find(|m| !code_id.is_empty() && m.jpqr_id.as_deref() == Some(code_id))
            .ok_or_else(|| Error::WalletUnknownMerchant {
                merchant: Error::echo(code_id),
            })?;
        let fixed_amount = qr.amount_money()?.map(yen).transpose()?;
        let state = match fixed_amount {
            Some(amount) => MerchantQrState::AmountEntered { amount },
            None => MerchantQrState::Scanned,
        };
        Ok(MerchantQrPayment {
            merchant: merchant.id.clone(),
            merchant_name: merchant.name.clone(),
            qr,
            fixed_amount,
            state,
        })
    }

    /// The code that was scanned.
    #[must_use]
    pub fn qr(&self) -> &MerchantQr {
        &self.qr
    }

    /// The merchant's id in the wallet.
    #[must_use]
    pub fn merchant(&self) -> &str {
        &self.merchant
    }

    /// The merchant's display name, for the customer to check with the cashier.
    #[must_use]
    pub fn merchant_name(&self) -> &str {
        &self.merchant_name
    }

    /// Where the payment stands.
    #[must_use]
    pub fn state(&self) -> &MerchantQrState {
        &self.state
    }

    fn illegal(&self) -> Error {
        Error::QrIllegalTransition {
            state: self.state.id().to_owned(),
        }
    }

    /// Enters (or corrects) the amount.
    ///
    /// # Errors
    /// In order: `qr.illegal_transition` (confirming, completed or cancelled: go back by
    /// cancelling); `qr.amount_fixed` (the code carries the amount);
    /// `wallet.invalid_amount`.
    pub fn enter_amount(&mut self, amount: Money) -> Result<(), Error> {
        match self.state {
            MerchantQrState::Scanned | MerchantQrState::AmountEntered { .. } => {}
            _ => return Err(self.illegal()),
        }
        if self.fixed_amount.is_some() {
            return Err(Error::QrAmountFixed);
        }
        yen(amount)?;
        if !amount.is_positive() {
            return Err(Error::WalletInvalidAmount);
        }
        self.state = MerchantQrState::AmountEntered { amount };
        Ok(())
    }

    /// お支払確認: works the payment out against the wallet, to show before paying.
    ///
    /// # Errors
    /// `qr.illegal_transition` (no amount yet, or past this step); the errors of
    /// [`Wallet::quote`] (then the flow stays where it was).
    pub fn confirm(&mut self, wallet: &Wallet, at: DateTime<FixedOffset>) -> Result<Quote, Error> {
        let MerchantQrState::AmountEntered { amount } = self.state else {
            return Err(self.illegal());
        };
        let quote = wallet.quote(&self.merchant, amount, at)?;
        self.state = MerchantQrState::Confirming {
            quote: quote.clone(),
        };
        Ok(quote)
    }

    /// お支払: pays.
    ///
    /// # Errors
    /// `qr.illegal_transition` (not confirming); the errors of [`Wallet::pay`] (then the
    /// flow stays confirming and the wallet unchanged).
    pub fn pay(
        &mut self,
        wallet: &mut Wallet,
        at: DateTime<FixedOffset>,
    ) -> Result<Receipt, Error> {
        let MerchantQrState::Confirming { quote } = &self.state else {
            return Err(self.illegal());
        };
        let receipt = wallet.pay(&self.merchant, quote.amount, at)?;
        self.state = MerchantQrState::Completed {
            receipt: receipt.clone(),
        };
        Ok(receipt)
    }

    /// Cancels the payment (any time before it completes).
    ///
    /// # Errors
    /// `qr.illegal_transition` once completed or cancelled.
    pub fn cancel(&mut self) -> Result<(), Error> {
        match self.state {
            MerchantQrState::Completed { .. } | MerchantQrState::Cancelled => Err(self.illegal()),
            _ => {
                self.state = MerchantQrState::Cancelled;
                Ok(())
            }
        }
    }
}
