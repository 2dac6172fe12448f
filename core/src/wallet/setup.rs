//! What a wallet is configured with: programs, merchants, policies, and the lots it holds;
//! and the setup operations (programs, merchants, policies, the payment serial) with the
//! application of their events.

use chrono::{DateTime, FixedOffset, NaiveDate};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use super::{MAX_SERIAL, ProgramLedger, Wallet, WalletEvent};
use crate::error::Error;
use crate::money::Money;
use crate::program::Program;
use crate::voucher::VoucherCode;

/// A merchant's size class: large, or small-and-medium (中小), which small-stores-only
/// lots require.
///
/// ```
/// use saifu::MerchantSize;
/// assert_ne!(MerchantSize::Large, MerchantSize::Small);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MerchantSize {
    /// A large store (大型店).
    Large,
    /// A small or medium-sized store (中小店舗).
    Small,
}

/// A store where the wallet can pay.
///
/// ```
/// use saifu::{Merchant, MerchantSize};
///
/// let m = Merchant {
///     id: "riverside".into(),
///     name: "天王洲飯店 リバーサイド店".into(),
///     size: MerchantSize::Small,
///     programs: vec!["tennozu".into()],
///     jpqr_id: None,
/// };
/// assert!(m.accepts("tennozu"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Merchant {
    /// The merchant's id, unique in the wallet.
    pub id: String,
    /// Its display name, e.g. `天王洲飯店 リバーサイド店`.
    pub name: String,
    /// Its size class.
    pub size: MerchantSize,
    /// The ids of the programs it accepts.
    pub programs: Vec<String>,
    /// The merchant id its JPQR code carries (template 26, sub-field 01), by which a
    /// scanned code finds this merchant.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub jpqr_id: Option<String>,
}

impl MerchantSize {
    /// `large` or `small`, as the persisted JSON writes it.
    ///
    /// ```
    /// # use saifu::MerchantSize;
    /// assert_eq!(MerchantSize::Small.id(), "small");
    /// ```
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            MerchantSize::Large => "large",
            MerchantSize::Small => "small",
        }
    }
}

impl Merchant {
    /// True when the merchant accepts the program.
    ///
    /// ```
    /// # use saifu::{Merchant, MerchantSize};
    /// let m = Merchant { id: "m".into(), name: "M".into(), size: MerchantSize::Large, programs: vec![], jpqr_id: None };
    /// assert!(!m.accepts("p"));
    /// ```
    #[must_use]
    pub fn accepts(&self, program: &str) -> bool {
        self.programs.iter().any(|p| p == program)
    }
}

/// Where a lot may be spent.
///
/// ```
/// use saifu::Scope;
/// assert_ne!(Scope::AllStores, Scope::SmallStoresOnly);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Scope {
    /// 全店共通: at every merchant that accepts the program.
    AllStores,
    /// 中小店舗限定: only at small and medium-sized merchants.
    SmallStoresOnly,
}

impl Scope {
    /// `all_stores` or `small_stores_only`, as the persisted JSON writes it.
    ///
    /// ```
    /// # use saifu::Scope;
    /// assert_eq!(Scope::SmallStoresOnly.id(), "small_stores_only");
    /// ```
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Scope::AllStores => "all_stores",
            Scope::SmallStoresOnly => "small_stores_only",
        }
    }
}

/// A lot to put in the wallet: an opening balance, or what a charge creates.
///
/// ```
/// use chrono::DateTime;
/// use saifu::{Money, NewLot, Scope, VoucherCode};
///
/// let lot = NewLot {
///     id: "L1".into(),
///     code: VoucherCode::parse("N7af3c1d7AV9b2e4")?,
///     management_no: "d012104262000001".into(),
///     program: "tennozu".into(),
///     scope: Scope::AllStores,
///     registered_at: DateTime::parse_from_rfc3339("2021-04-27T20:09:26+09:00")?,
///     expires_on: None,
///     face_value: Money::jpy(10_000)?,
///     balance: Money::jpy(10_000)?,
/// };
/// assert_eq!(lot.balance.minor(), 10_000);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NewLot {
    /// The lot's id, unique in the wallet.
    pub id: String,
    /// Its 16-character code (コード(ID)).
    pub code: VoucherCode,
    /// Its management number (管理番号), e.g. `d012104262000001`.
    pub management_no: String,
    /// The program it belongs to.
    pub program: String,
    /// Where it may be spent.
    pub scope: Scope,
    /// When it was registered or charged (登録日).
    #[cfg_attr(feature = "serde", serde(with = "crate::jst::rfc3339"))]
    pub registered_at: DateTime<FixedOffset>,
    /// The last day it is usable (through 23:59:59.999 JST), or `None`: never expires.
    /// Persisted as `YYYY-MM-DD`, read strictly.
    #[cfg_attr(feature = "serde", serde(with = "crate::jst::strict_date"))]
    pub expires_on: Option<NaiveDate>,
    /// The value it was issued with.
    pub face_value: Money,
    /// The value left: at most the face value.
    pub balance: Money,
}

/// What a payment draws on first (DESIGN §4).
///
/// ```
/// use saifu::SpendingPolicy;
/// assert_eq!(SpendingPolicy::default(), SpendingPolicy::ExpiryThenBalance);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SpendingPolicy {
    /// The seed's order: earliest expiry first (no expiry last), then smallest balance,
    /// then earliest registered, then lot id as plain text.
    #[default]
    ExpiryThenBalance,
    /// Small-stores-only lots before all-store lots (keeping the flexible value), then
    /// the default order.
    RestrictedFirst,
}

impl SpendingPolicy {
    /// `expiry_then_balance` or `restricted_first`, as the persisted JSON writes it.
    ///
    /// ```
    /// # use saifu::SpendingPolicy;
    /// assert_eq!(SpendingPolicy::RestrictedFirst.id(), "restricted_first");
    /// ```
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            SpendingPolicy::ExpiryThenBalance => "expiry_then_balance",
            SpendingPolicy::RestrictedFirst => "restricted_first",
        }
    }
}

/// What a refund does when a lot it restores to has expired since the payment.
///
/// ```
/// use saifu::ExpiredRefundPolicy;
/// assert_eq!(ExpiredRefundPolicy::default(), ExpiredRefundPolicy::Reject);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub enum ExpiredRefundPolicy {
    /// The whole refund fails (`wallet.refund_lot_expired`) and nothing changes.
    #[default]
    Reject,
    /// The share goes back to the expired lot and is forfeited at once.
    Forfeit,
    /// The share goes to a new lot of the same program and scope, `{old id}-R{n}`,
    /// expiring on the refund's JST date + `valid_days`.
    Reissue {
        /// Days of validity of the new lot, counted from the refund's JST date: at most
        /// [`ExpiredRefundPolicy::MAX_VALID_DAYS`].
        valid_days: u32,
    },
}

impl ExpiredRefundPolicy {
    /// The longest validity of a reissued lot: 36,500 days (about 100 years; real
    /// reissues are valid for months). A refund whose reissued lot would expire after
    /// 9999-12-31 is refused (`time.invalid`) whatever the policy.
    pub const MAX_VALID_DAYS: u32 = 36_500;

    /// The policy, when its validity is at most [`ExpiredRefundPolicy::MAX_VALID_DAYS`].
    ///
    /// # Errors
    /// `time.invalid` naming the days otherwise.
    ///
    /// # Example
    /// ```
    /// use saifu::ExpiredRefundPolicy;
    /// assert!(ExpiredRefundPolicy::Reissue { valid_days: 90 }.checked().is_ok());
    /// let long = ExpiredRefundPolicy::Reissue { valid_days: 4_000_000 };
    /// assert_eq!(long.checked().unwrap_err().code(), "time.invalid");
    /// ```
    pub fn checked(self) -> Result<ExpiredRefundPolicy, crate::Error> {
        match self {
            ExpiredRefundPolicy::Reissue { valid_days } if valid_days > Self::MAX_VALID_DAYS => {
                Err(crate::Error::invalid_time(&format!("{valid_days} days")))
            }
            policy => Ok(policy),
        }
    }
}

/// The wallet's policies.
///
/// ```
/// use saifu::{ExpiredRefundPolicy, SpendingPolicy, WalletPolicy};
///
/// let policy = WalletPolicy { spending: SpendingPolicy::RestrictedFirst, ..WalletPolicy::default() };
/// assert_eq!(policy.expired_refund, ExpiredRefundPolicy::Reject);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct WalletPolicy {
    /// The spending order.
    #[cfg_attr(feature = "serde", serde(default))]
    pub spending: SpendingPolicy,
    /// Refunds to expired lots.
    #[cfg_attr(feature = "serde", serde(default))]
    pub expired_refund: ExpiredRefundPolicy,
}

/// What a wallet asks of a program, when it is added and when a saved wallet is loaded:
/// a payment-id prefix (its payments' ids start with it) and a product it may sell.
///
/// # Errors
/// `wallet.no_payment_id_prefix`; `charge.invalid_units` ([`Program`]'s product rule).
pub(super) fn spendable(program: &Program) -> Result<(), Error> {
    if program.payment_id_prefix.is_none() {
        return Err(Error::WalletNoPaymentIdPrefix {
            program: Error::echo(&program.id),
        });
    }
    program.check()
}

impl Wallet {
    /// Adds a program: the same record [`Charges::add_program`](crate::Charges::add_program)
    /// takes, so the program a charge buys is the one the wallet spends.
    ///
    /// # Errors
    /// `wallet.duplicate_id` when a program has this id; `wallet.no_payment_id_prefix`
    /// when it has no payment-id prefix; `charge.invalid_units` for a product it may not
    /// sell ([`Program`]'s rule, as charges apply it).
    ///
    /// # Example
    /// ```
    /// # use saifu::{Program, Wallet};
    /// let mut w = Wallet::new();
    /// let p = Program::new("p", "P", "X");
    /// w.add_program(p.clone())?;
    /// assert_eq!(w.add_program(p.clone()).unwrap_err().code(), "wallet.duplicate_id");
    /// let charges_only = Program { id: "q".into(), payment_id_prefix: None, ..p };
    /// assert_eq!(w.add_program(charges_only).unwrap_err().code(), "wallet.no_payment_id_prefix");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn add_program(&mut self, program: Program) -> Result<(), Error> {
        self.record(WalletEvent::ProgramAdded { program })
    }

    /// Adds a merchant. It may list programs the wallet does not hold (yet).
    ///
    /// # Errors
    /// `wallet.duplicate_id` when a merchant has this id.
    pub fn add_merchant(&mut self, merchant: Merchant) -> Result<(), Error> {
        self.record(WalletEvent::MerchantAdded { merchant })
    }

    /// Sets the policies.
    ///
    /// # Errors
    /// `time.invalid` for a reissue policy of more than
    /// [`ExpiredRefundPolicy::MAX_VALID_DAYS`] days.
    pub fn set_policy(&mut self, policy: WalletPolicy) -> Result<(), Error> {
        self.record(WalletEvent::PolicyChanged { policy })
    }

    /// Sets the serial the next payment takes, e.g. to continue an issuer's numbering.
    /// Serials only move forward: a payment's id carries its serial, and the next one
    /// must not meet an id already given.
    ///
    /// # Errors
    /// `wallet.payment_serial_exhausted` above 999,999,999,999 (12 digits);
    /// `wallet.duplicate_id` naming the payment with the highest serial when `next` is
    /// not above it.
    pub fn set_next_payment_serial(&mut self, next: u64) -> Result<(), Error> {
        if next > MAX_SERIAL {
            return Err(Error::WalletPaymentSerialExhausted);
        }
        self.record(WalletEvent::PaymentSerialSet { next })
    }

    pub(super) fn apply_program(&mut self, program: &Program) -> Result<(), Error> {
        if self.program_index.contains_key(&program.id) {
            return Err(Error::WalletDuplicateId {
                id: Error::echo(&program.id),
            });
        }
        spendable(program)?;
        self.program_index
            .insert(program.id.clone(), self.programs.len());
        self.programs.push(program.clone());
        self.ledgers.push(ProgramLedger::default());
        Ok(())
    }

    pub(super) fn apply_merchant(&mut self, merchant: &Merchant) -> Result<(), Error> {
        if self.merchant_index.contains_key(&merchant.id) {
            return Err(Error::WalletDuplicateId {
                id: Error::echo(&merchant.id),
            });
        }
        self.merchant_index
            .insert(merchant.id.clone(), self.merchants.len());
        self.merchants.push(merchant.clone());
        Ok(())
    }

    /// The policies: a reissue policy of at most [`ExpiredRefundPolicy::MAX_VALID_DAYS`] days.
    pub(super) fn apply_policy(&mut self, policy: &WalletPolicy) -> Result<(), Error> {
        policy.expired_refund.checked()?;
        self.policy = *policy;
        Ok(())
    }

    /// The next serial: at most 999,999,999,999, and above every payment's serial (a
    /// lower one would meet the ids of payments made).
    pub(super) fn apply_serial(&mut self, next: u64) -> Result<(), Error> {
        if next > MAX_SERIAL {
            return Err(Error::WalletPaymentSerialExhausted);
        }
        if let Some(last) = self.highest_serial.and_then(|ix| self.payments.get(ix)) {
            if next <= last.serial {
                return Err(Error::WalletDuplicateId {
                    id: Error::echo(&last.id),
                });
            }
        }
        self.next_serial = next;
        Ok(())
    }
}
