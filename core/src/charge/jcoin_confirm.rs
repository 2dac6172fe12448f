//! 確認 of a J-Coin Pay charge (seed 000: 「チャージ画面でJ-Coin ID・パスワードと確認コードを
//! 入力します」; DESIGN §6 "J-Coin Pay"): the credentials, checked by
//! [`JCoinCredentials::parse`], stay with the caller, who hands them to the provider at
//! 支払う; the charge keeps the masked ID only.

use chrono::{DateTime, FixedOffset};

use super::{ChargeMethod, ChargeState, Charges};
use crate::error::Error;
use crate::jcoin::JCoinCredentials;

impl Charges {
    /// 確認 with the J-Coin credentials: draft → confirming for a J-Coin Pay charge,
    /// which keeps the ID masked to its last 4 characters ([`crate::JCoinId::masked`]).
    ///
    /// # Errors
    /// In order: `time.invalid` (`now` outside the years 0001–9999);
    /// `charge.unknown_charge`; `charge.ended`; `charge.illegal_transition` unless the
    /// charge is a J-Coin Pay charge in draft. A failure changes nothing.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// use saifu::*;
    ///
    /// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    /// let mut charges = Charges::new();
    /// charges.add_program(Program { id: "minato".into(), name: "電子スマイル商品券".into(), payment_id_prefix: None,
    ///     accepted_brands: vec![Brand::Visa], product: None })?;
    /// charges.start("j1", "minato", ChargeMethod::JCoin,
    ///     ChargeOrder::Amount(Money::jpy(3000)?), t("2026-11-23T10:00:00+09:00"))?;
    ///
    /// // Without the credentials, a J-Coin charge cannot be confirmed.
    /// let err = charges.confirm("j1", t("2026-11-23T10:00:10+09:00")).unwrap_err();
    /// assert_eq!(err.code(), "jcoin.credentials_required");
    ///
    /// let credentials = JCoinCredentials::parse("jcoin012345", "my password", "482913")?;
    /// let state = charges.confirm_jcoin("j1", &credentials, t("2026-11-23T10:00:10+09:00"))?;
    /// assert_eq!(state, ChargeState::Confirming);
    /// assert_eq!(charges.charge("j1").and_then(|c| c.jcoin_id.as_deref()), Some("****2345"));
    /// // 支払う: the caller sends credentials.id(), .password() and .confirmation_code()
    /// // to the provider, then drops them.
    /// assert_eq!(charges.pay("j1", t("2026-11-23T10:00:20+09:00"))?, ChargeState::Authorizing);
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn confirm_jcoin(
        &mut self,
        id: &str,
        credentials: &JCoinCredentials,
        now: DateTime<FixedOffset>,
    ) -> Result<ChargeState, Error> {
        self.confirm_masked_jcoin(id, &credentials.id().masked(), now)
    }

    /// [`Charges::confirm_jcoin`] with the ID masked already: what its event replays.
    pub(super) fn confirm_masked_jcoin(
        &mut self,
        id: &str,
        masked: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<ChargeState, Error> {
        let (ix, state) = self.open(id, &now)?;
        let charge = self
            .charges
            .get_mut(ix)
            .ok_or_else(|| Error::ChargeUnknownCharge {
                charge: Error::echo(id),
            })?;
        if state != ChargeState::Draft || charge.method != ChargeMethod::JCoin {
            return Err(Self::illegal(state));
        }
        charge.jcoin_id = Some(masked.to_owned());
        #[cfg(feature = "charge-events")]
        self.log(|| super::ChargesEvent::JCoinConfirmed {
            charge: id.to_owned(),
            jcoin_id: masked.to_owned(),
            at: now,
        });
        Ok(self.set(ix, ChargeState::Confirming))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::Brand;
    use crate::charge::{ChargeEvent, ChargeOrder, Program};
    use crate::money::Money;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn charges() -> Charges {
        let mut charges = Charges::new();
        charges
            .add_program(Program {
                id: "p".into(),
                name: "p".into(),
                payment_id_prefix: None,
                accepted_brands: vec![Brand::Visa],
                product: None,
            })
            .unwrap();
        let amount = ChargeOrder::Amount(Money::jpy(1000).unwrap());
        let at = t("2026-11-23T10:00:00+09:00");
        charges
            .start(
                "card",
                "p",
                ChargeMethod::Card { brand: Brand::Visa },
                amount,
                at,
            )
            .unwrap();
        charges
            .start("jcoin", "p", ChargeMethod::JCoin, amount, at)
            .unwrap();
        charges
    }

    #[test]
    fn the_order_of_the_checks_and_nothing_changes_on_failure() {
        let mut c = charges();
        let before = c.clone();
        let cred = JCoinCredentials::parse("user0001", "pw", "1234").unwrap();
        let now = t("2026-11-23T10:01:00+09:00");
        let code = |c: &mut Charges, id| c.confirm_jcoin(id, &cred, now).unwrap_err().code();
        assert_eq!(code(&mut c, "nope"), "charge.unknown_charge");
        assert_eq!(code(&mut c, "card"), "charge.illegal_transition");
        assert_eq!(
            c.confirm("jcoin", now).unwrap_err().code(),
            "jcoin.credentials_required"
        );
        assert_eq!(c, before);
        assert_eq!(
            c.confirm_jcoin("jcoin", &cred, now).unwrap(),
            ChargeState::Confirming
        );
        assert_eq!(code(&mut c, "jcoin"), "charge.illegal_transition");
        assert_eq!(
            c.charge("jcoin").unwrap().jcoin_id.as_deref(),
            Some("****0001")
        );
    }

    #[test]
    fn a_confirmed_jcoin_charge_is_authorized_and_keeps_no_secret() {
        let mut c = charges();
        let cred = JCoinCredentials::parse("user0001", "hunter2hunter2", "987654").unwrap();
        let now = t("2026-11-23T10:01:00+09:00");
        c.confirm_jcoin("jcoin", &cred, now).unwrap();
        assert_eq!(c.pay("jcoin", now).unwrap(), ChargeState::Authorizing);
        assert_eq!(
            c.cancel("jcoin", now).unwrap_err().code(),
            "charge.illegal_transition"
        );
        let done = c.notify("jcoin", ChargeEvent::Authorized, now).unwrap();
        assert_eq!(done.state, ChargeState::Succeeded);
        let shown = format!("{c:?}");
        for secret in ["hunter2", "987654", "user0001"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
}
