//! 確認 of a card charge with the card the user entered (seed 000: 「クレジットカードの
//! 情報を入力し、「確認」を押します」; DESIGN §7): an expired card, or a brand the program
//! does not accept, is refused there with the registration's codes. The charge keeps the
//! brand only: never the number, never the security code.

use chrono::{DateTime, FixedOffset};

use super::{ChargeMethod, ChargeState, Charges};
use crate::card::{Brand, CardExpiry, CardNumber};
use crate::error::Error;

impl Charges {
    /// 確認 with the card: draft → confirming for a card charge, checking the card the
    /// user entered at `now`. The charge's brand becomes the card's.
    ///
    /// # Errors
    /// In order: `charge.unknown_charge`; `charge.ended`; `charge.illegal_transition`
    /// unless the charge is a card charge in draft; `card.expired` (with the expiry) when
    /// the card's month is over in JST; `card.brand_not_accepted` (with the brand) when
    /// the program does not take the card's brand. A failure changes nothing.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// use saifu::*;
    ///
    /// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    /// let mut charges = Charges::new();
    /// charges.add_program(Program { id: "minato".into(), name: "電子スマイル商品券".into(), payment_id_prefix: None,
    ///     accepted_brands: vec![Brand::Visa, Brand::Mastercard], product: None })?;
    /// charges.start("c1", "minato", ChargeMethod::Card { brand: Brand::Visa },
    ///     ChargeOrder::Amount(Money::jpy(3000)?), t("2026-11-23T10:00:00+09:00"))?;
    ///
    /// let jcb = CardNumber::parse("3530 1113 3330 0000")?;
    /// let err = charges.confirm_card("c1", &jcb, CardExpiry::parse("12/28")?, t("2026-11-23T10:00:10+09:00"));
    /// assert_eq!(err.unwrap_err().code(), "card.brand_not_accepted");
    ///
    /// let mastercard = CardNumber::parse("5555 5555 5555 4444")?;
    /// let err = charges.confirm_card("c1", &mastercard, CardExpiry::parse("10/26")?, t("2026-11-23T10:00:10+09:00"));
    /// assert_eq!(err.unwrap_err().code(), "card.expired");
    ///
    /// let state = charges.confirm_card("c1", &mastercard, CardExpiry::parse("12/28")?, t("2026-11-23T10:00:10+09:00"))?;
    /// assert_eq!(state, ChargeState::Confirming);
    /// assert_eq!(charges.charge("c1").map(|c| c.method), Some(ChargeMethod::Card { brand: Brand::Mastercard }));
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn confirm_card(
        &mut self,
        id: &str,
        card: &CardNumber,
        expiry: CardExpiry,
        now: DateTime<FixedOffset>,
    ) -> Result<ChargeState, Error> {
        self.confirm_brand(id, card.brand(), Some(expiry), now)
    }

    /// [`Charges::confirm_card`] with the card's brand and, unless its event is replayed
    /// (the card was checked when it was made), its expiry.
    pub(super) fn confirm_brand(
        &mut self,
        id: &str,
        brand: Brand,
        expiry: Option<CardExpiry>,
        now: DateTime<FixedOffset>,
    ) -> Result<ChargeState, Error> {
        let (ix, state) = self.open(id, &now)?;
        let charge = self
            .charges
            .get(ix)
            .ok_or_else(|| Error::ChargeUnknownCharge {
                charge: id.to_owned(),
            })?;
        if state != ChargeState::Draft || !matches!(charge.method, ChargeMethod::Card { .. }) {
            return Err(Self::illegal(state));
        }
        if let Some(expiry) = expiry.filter(|e| e.is_expired(&now)) {
            return Err(Error::CardExpired {
                expiry: expiry.to_string(),
            });
        }
        let accepted = self
            .programs
            .iter()
            .find(|p| p.id == charge.program)
            .is_some_and(|p| p.accepted_brands.contains(&brand));
        if !accepted {
            return Err(Error::CardBrandNotAccepted { brand });
        }
        if let Some(charge) = self.charges.get_mut(ix) {
            charge.method = ChargeMethod::Card { brand };
        }
        #[cfg(feature = "charge-events")]
        self.log(|| super::ChargesEvent::CardConfirmed {
            charge: id.to_owned(),
            brand,
            at: now,
        });
        Ok(self.set(ix, ChargeState::Confirming))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::Brand;
    use crate::charge::{ChargeOrder, KonbiniChain, Program};
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
                accepted_brands: vec![Brand::Visa, Brand::Jcb],
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
            .start(
                "cash",
                "p",
                ChargeMethod::Konbini {
                    chain: KonbiniChain::Lawson,
                },
                amount,
                at,
            )
            .unwrap();
        charges
    }

    #[test]
    fn the_order_of_the_checks_and_nothing_changes_on_failure() {
        let mut c = charges();
        let before = c.clone();
        let visa = CardNumber::parse("4242424242424242").unwrap();
        let amex = CardNumber::parse("378282246310005").unwrap();
        let good = CardExpiry::parse("12/28").unwrap();
        let old = CardExpiry::parse("10/26").unwrap();
        let now = t("2026-11-23T10:01:00+09:00");
        let code = |c: &mut Charges, id, card, expiry| {
            c.confirm_card(id, card, expiry, now).unwrap_err().code()
        };
        assert_eq!(code(&mut c, "nope", &visa, good), "charge.unknown_charge");
        assert_eq!(
            code(&mut c, "cash", &visa, good),
            "charge.illegal_transition"
        );
        assert_eq!(code(&mut c, "card", &amex, old), "card.expired");
        assert_eq!(code(&mut c, "card", &amex, good), "card.brand_not_accepted");
        assert_eq!(c, before);
        assert_eq!(
            c.confirm_card("card", &visa, good, now).unwrap(),
            ChargeState::Confirming
        );
        assert_eq!(
            code(&mut c, "card", &visa, good),
            "charge.illegal_transition"
        );
    }

    #[test]
    fn the_expiry_is_judged_in_jst() {
        let mut c = charges();
        let visa = CardNumber::parse("4242424242424242").unwrap();
        let nov = CardExpiry::parse("11/26").unwrap();
        let err = c
            .confirm_card("card", &visa, nov, t("2026-11-30T15:00:00Z"))
            .unwrap_err();
        assert_eq!(
            err,
            Error::CardExpired {
                expiry: "11/26".into()
            }
        );
        assert!(
            c.confirm_card("card", &visa, nov, t("2026-11-30T14:59:59.999Z"))
                .is_ok()
        );
    }
}
