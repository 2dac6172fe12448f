//! The balance view (残高詳細, seed 003; DESIGN §4).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use super::Wallet;
use super::setup::Scope;
use crate::currency::Currency;
use crate::error::{Error, Lang};
use crate::jst;
use crate::money::{Money, MoneyStyle};

/// The wallet's balance at an instant, as the seed's 残高詳細 screen shows it.
///
/// `total` and the three buckets count the lots usable at that instant (not expired);
/// a lot is "under 6 months" when its expiry date is earlier than today + 6 calendar
/// months (today being the JST date, a month-end clamping: 08-31 + 6 months = 02-28),
/// "6 months to under 1 year" when earlier than today + 12 months, else "1 year or
/// more", as is a lot that never expires. `lots` lists every lot, expired or not.
///
/// ```
/// # use saifu::*;
/// let view = Wallet::new().balance(chrono::DateTime::parse_from_rfc3339("2026-05-01T09:00:00+09:00").unwrap())?;
/// assert!(view.total.is_zero());
/// assert_eq!(view.display_total(), "0円分");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceView {
    /// あなたの残高: everything usable.
    pub total: Money,
    /// 半年未満: expiring within 6 months.
    pub under_6_months: Money,
    /// 1年未満: expiring in 6 months to under 1 year.
    pub under_1_year: Money,
    /// 1年以上: 1 year or more, or never.
    pub one_year_or_more: Money,
    /// The usable balance per program, in the wallet's program order.
    pub programs: Vec<ProgramBalance>,
    /// Every lot, in wallet order.
    pub lots: Vec<LotBalance>,
}

/// One program's usable balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramBalance {
    /// The program's id.
    pub program: String,
    /// Its name, e.g. `天王洲キャッシュ`.
    pub name: String,
    /// Its usable balance.
    pub total: Money,
}

/// One lot as the balance view lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotBalance {
    /// The lot's id.
    pub lot: String,
    /// Its program's id.
    pub program: String,
    /// Its program's name, with the scope as the seed shows it: `天王洲キャッシュ (共通券)`.
    pub title: String,
    /// Its masked code: `N7af****7AV9****`.
    pub masked_code: String,
    /// Its management number.
    pub management_no: String,
    /// Where it may be spent.
    pub scope: Scope,
    /// Its last usable day, or none.
    pub expires_on: Option<NaiveDate>,
    /// When it was registered.
    pub registered_at: DateTime<FixedOffset>,
    /// Its recorded balance.
    pub balance: Money,
    /// False once it has expired.
    pub usable: bool,
}

impl BalanceView {
    /// The total as the seed shows it: `10,000円分`.
    #[must_use]
    pub fn display_total(&self) -> String {
        voucher(self.total)
    }
}

impl LotBalance {
    /// 有効期限 as the seed shows it: `2026/12/31`, or `なし` / `none`.
    #[must_use]
    pub fn display_expires_on(&self, lang: Lang) -> String {
        match (self.expires_on, lang) {
            (Some(d), _) => format!("{:04}/{:02}/{:02}", d.year(), d.month(), d.day()),
            (None, Lang::Ja) => "なし".into(),
            (None, Lang::En) => "none".into(),
        }
    }

    /// 登録日 as the seed shows it: `2021/04/27 20:09:26`.
    #[must_use]
    pub fn display_registered_at(&self) -> String {
        jst::display(&self.registered_at)
    }

    /// The balance as the seed shows it: `10,000円分`.
    #[must_use]
    pub fn display_balance(&self) -> String {
        voucher(self.balance)
    }
}

fn voucher(m: Money) -> String {
    m.format(MoneyStyle::Voucher)
        .unwrap_or_else(|_| m.to_string())
}

impl Wallet {
    /// The balance view at `now`. Its sums are amounts: a wallet holds at most
    /// [`Wallet::MAX_HELD`] in all.
    ///
    /// # Errors
    /// `time.invalid` for `now` outside the years 0001–9999 (in UTC, JST or its own
    /// offset).
    pub fn balance(&self, now: DateTime<FixedOffset>) -> Result<BalanceView, Error> {
        jst::check_instant(&now)?;
        let zero = Money::zero(Currency::JPY);
        let today = jst::date(&now);
        let six = jst::add_months(today, 6);
        let twelve = jst::add_months(today, 12);
        let (mut total, mut under6, mut under12, mut rest) = (zero, zero, zero, zero);
        let mut per_program = vec![zero; self.programs.len()];
        let mut lots = Vec::with_capacity(self.lots.len());
        for lot in &self.lots {
            let usable = !lot.is_expired(&now);
            if usable {
                total = total.checked_add(lot.balance)?;
                let bucket = match lot.expires_on {
                    Some(d) if six.is_none_or(|six| d < six) => &mut under6,
                    Some(d) if twelve.is_none_or(|twelve| d < twelve) => &mut under12,
                    _ => &mut rest,
                };
                *bucket = bucket.checked_add(lot.balance)?;
                let sum = per_program.get_mut(lot.program_ix).ok_or_else(|| {
                    Error::WalletUnknownProgram {
                        program: Error::echo(&lot.program),
                    }
                })?;
                *sum = sum.checked_add(lot.balance)?;
            }
            let program_name = self.program_name(lot.program_ix, &lot.program)?;
            let scope = match lot.scope {
                Scope::AllStores => "共通券",
                Scope::SmallStoresOnly => "中小店舗限定券",
            };
            lots.push(LotBalance {
                lot: lot.id.clone(),
                program: lot.program.clone(),
                title: format!("{program_name} ({scope})"),
                masked_code: lot.code.masked(),
                management_no: lot.management_no.clone(),
                scope: lot.scope,
                expires_on: lot.expires_on,
                registered_at: lot.registered_at,
                balance: lot.balance,
                usable,
            });
        }
        Ok(BalanceView {
            total,
            under_6_months: under6,
            under_1_year: under12,
            one_year_or_more: rest,
            programs: self
                .programs
                .iter()
                .zip(per_program)
                .map(|(p, total)| ProgramBalance {
                    program: p.id.clone(),
                    name: p.name.clone(),
                    total,
                })
                .collect(),
            lots,
        })
    }
}
