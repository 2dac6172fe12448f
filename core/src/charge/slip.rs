//! The payment slip of a cash charge (seed 000: コンビニ決済・Pay-easy; DESIGN §6 "Payment
//! slip"): the provider's notification that a convenience-store or Pay-easy charge awaits
//! payment carries the numbers the user pays with. The charge keeps them as a
//! [`PaymentSlip`] whose deadline is the charge's and whose amount is the charge's, so the
//! app shows the instructions from the charge itself.

use chrono::{DateTime, FixedOffset};

use super::{ChargeMethod, ChargeState, Charges};
use crate::error::Error;
use crate::payment_slip::{PaymentField, PaymentNumberRules, PaymentSlip, SlipKind};

impl Charges {
    /// Attaches the payment numbers of the provider's notification to a cash charge
    /// awaiting payment, and answers its slip. The slip's kind is the charge's chain (or
    /// Pay-easy), its deadline the charge's `until` and its amount the charge's. The same
    /// numbers again (a repeated notification) change nothing and answer the slip.
    ///
    /// # Errors
    /// In order: `time.invalid` (`now` outside the years 0001–9999);
    /// `charge.unknown_charge`; `charge.ended` (a cash charge is expired from its
    /// deadline on); `charge.illegal_transition` unless the charge is a cash charge
    /// awaiting payment; the slip's own checks ([`PaymentSlip::new`]:
    /// `payment.unexpected_field`, `payment.invalid_number` naming the field);
    /// `charge.slip_already_issued` when the charge carries a slip with other numbers. A
    /// failure changes nothing.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// use saifu::*;
    ///
    /// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    /// let mut charges = Charges::new();
    /// charges.add_program(Program { id: "minato".into(), name: "電子スマイル商品券".into(), payment_id_prefix: None,
    ///     accepted_brands: vec![], product: None })?;
    /// let seven = ChargeMethod::Konbini { chain: KonbiniChain::SevenEleven };
    /// charges.start("c1", "minato", seven, ChargeOrder::Amount(Money::jpy(3000)?), t("2026-11-23T10:00:00+09:00"))?;
    /// charges.confirm("c1", t("2026-11-23T10:00:10+09:00"))?;
    /// charges.pay("c1", t("2026-11-23T10:00:20+09:00"))?;
    ///
    /// let numbers = [(PaymentField::PaymentSlipNumber, "1234-5678-9012-3")];
    /// let slip = charges.issue_slip("c1", &numbers, &PaymentNumberRules::new(), t("2026-11-23T10:00:30+09:00"))?;
    /// let how = slip.instructions(Lang::Ja);
    /// assert_eq!(how.numbers[0].value, "1234 5678 9012 3");
    /// assert_eq!(how.deadline.value, "2026/11/25 23:59");
    /// assert_eq!(how.amount.value, "3,000円");
    ///
    /// let other = [(PaymentField::PaymentSlipNumber, "9999999999999")];
    /// let err = charges.issue_slip("c1", &other, &PaymentNumberRules::new(), t("2026-11-23T10:01:00+09:00"));
    /// assert_eq!(err.unwrap_err().code(), "charge.slip_already_issued");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn issue_slip<S: AsRef<str>>(
        &mut self,
        id: &str,
        numbers: &[(PaymentField, S)],
        rules: &PaymentNumberRules,
        now: DateTime<FixedOffset>,
    ) -> Result<&PaymentSlip, Error> {
        let (ix, state) = self.open(id, &now)?;
        let charge = self
            .charges
            .get(ix)
            .ok_or_else(|| Error::ChargeUnknownCharge {
                charge: Error::echo(id),
            })?;
        let kind = match charge.method {
            ChargeMethod::Konbini { chain } => Some(SlipKind::Konbini(chain)),
            ChargeMethod::PayEasy => Some(SlipKind::PayEasy),
            ChargeMethod::Card { .. } | ChargeMethod::JCoin => None,
        };
        let (Some(kind), ChargeState::AwaitingPayment, Some(deadline)) =
            (kind, state, charge.until)
        else {
            return Err(Self::illegal(state));
        };
        let slip = PaymentSlip::new(kind, numbers, deadline, charge.amount, rules)?;
        if charge.slip.as_ref().is_some_and(|kept| *kept != slip) {
            return Err(Error::ChargeSlipAlreadyIssued {
                charge: charge.id.clone(),
            });
        }
        #[cfg(feature = "charge-events")]
        if charge.slip.is_none() {
            self.log(|| super::ChargesEvent::SlipIssued {
                charge: id.to_owned(),
                numbers: slip
                    .numbers()
                    .iter()
                    .map(|n| (n.field(), n.digits().to_owned()))
                    .collect(),
                at: now,
            });
        }
        let charge = self
            .charges
            .get_mut(ix)
            .ok_or_else(|| Error::ChargeUnknownCharge {
                charge: Error::echo(id),
            })?;
        Ok(charge.slip.insert(slip))
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::card::Brand;
    use crate::charge::{ChargeEvent, ChargeOrder, KonbiniChain, Program};
    use crate::error::Lang;
    use crate::money::Money;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn charges(method: ChargeMethod) -> Charges {
        let mut charges = Charges::new();
        charges
            .add_program(Program {
                id: "p".into(),
                name: "P".into(),
                payment_id_prefix: None,
                accepted_brands: vec![Brand::Visa],
                product: None,
            })
            .unwrap();
        let amount = ChargeOrder::Amount(Money::jpy(5000).unwrap());
        charges
            .start("c", "p", method, amount, t("2026-11-23T10:00:00+09:00"))
            .unwrap();
        charges
    }

    const PAYEASY: [(PaymentField, &str); 3] = [
        (PaymentField::InstitutionNumber, "58021"),
        (PaymentField::CustomerNumber, "1234 5678 9012"),
        (PaymentField::ConfirmationNumber, "１２３４５６"),
    ];

    #[test]
    fn only_a_cash_charge_awaiting_payment_takes_a_slip() {
        let rules = PaymentNumberRules::new();
        let at = t("2026-11-23T10:05:00+09:00");
        let mut c = charges(ChargeMethod::PayEasy);
        let draft = c.issue_slip("c", &PAYEASY, &rules, at).unwrap_err();
        assert_eq!(
            draft,
            Error::ChargeIllegalTransition {
                state: "draft".into()
            }
        );
        c.confirm("c", at).unwrap();
        c.pay("c", at).unwrap();
        let before = c.clone();
        let unknown = c.issue_slip("x", &PAYEASY, &rules, at).unwrap_err();
        assert_eq!(unknown.code(), "charge.unknown_charge");
        let bad = [(PaymentField::InstitutionNumber, "5802")];
        let err = c.issue_slip("c", &bad, &rules, at).unwrap_err();
        assert_eq!(
            err,
            Error::PaymentInvalidNumber {
                field: "institution_number".into()
            }
        );
        let wrong_kind = [(PaymentField::PaymentSlipNumber, "1234567890123")];
        let err = c.issue_slip("c", &wrong_kind, &rules, at).unwrap_err();
        assert_eq!(err.code(), "payment.unexpected_field");
        assert_eq!(c, before, "a refused slip changes nothing");

        let slip = c.issue_slip("c", &PAYEASY, &rules, at).unwrap().clone();
        assert_eq!(slip.kind(), SlipKind::PayEasy);
        assert_eq!(slip.amount(), Money::jpy(5000).unwrap());
        assert_eq!(Some(slip.deadline()), c.charge("c").unwrap().until);
        assert_eq!(
            slip.instructions(Lang::En).deadline.value,
            "2026/11/25 23:59 (JST)"
        );

        // The same numbers, typed otherwise: the repeat changes nothing.
        let again = [
            (PaymentField::ConfirmationNumber, "123456"),
            (PaymentField::InstitutionNumber, "58021"),
            (PaymentField::CustomerNumber, "123456789012"),
        ];
        let kept = c.clone();
        assert_eq!(c.issue_slip("c", &again, &rules, at).unwrap(), &slip);
        assert_eq!(c, kept);
        let other = [
            (PaymentField::InstitutionNumber, "58021"),
            (PaymentField::CustomerNumber, "1"),
            (PaymentField::ConfirmationNumber, "1"),
        ];
        let err = c.issue_slip("c", &other, &rules, at).unwrap_err();
        assert_eq!(err, Error::ChargeSlipAlreadyIssued { charge: "c".into() });
        assert_eq!(c, kept);

        // Paid: the slip stays as the record, and no slip can be attached any more.
        c.notify("c", ChargeEvent::Paid, at).unwrap();
        assert_eq!(c.charge("c").unwrap().slip.as_ref(), Some(&slip));
        let err = c.issue_slip("c", &PAYEASY, &rules, at).unwrap_err();
        assert_eq!(err.code(), "charge.ended");
    }

    #[test]
    fn card_and_jcoin_charges_take_no_slip_and_an_expired_one_is_ended() {
        let rules = PaymentNumberRules::new();
        let at = t("2026-11-23T10:05:00+09:00");
        for method in [
            ChargeMethod::Card { brand: Brand::Visa },
            ChargeMethod::JCoin,
        ] {
            let mut c = charges(method);
            if method == ChargeMethod::JCoin {
                let credentials = crate::JCoinCredentials::parse("user0001", "pw", "1234").unwrap();
                c.confirm_jcoin("c", &credentials, at).unwrap();
            } else {
                c.confirm("c", at).unwrap();
            }
            c.pay("c", at).unwrap();
            let err = c.issue_slip("c", &PAYEASY, &rules, at).unwrap_err();
            assert_eq!(err.code(), "charge.illegal_transition");
        }
        let mut c = charges(ChargeMethod::Konbini {
            chain: KonbiniChain::FamilyMart,
        });
        c.confirm("c", at).unwrap();
        c.pay("c", at).unwrap();
        let numbers = [
            (PaymentField::CompanyCode, "12345"),
            (PaymentField::OrderNumber, "123456789012"),
        ];
        let late = t("2026-11-26T00:00:00+09:00");
        let err = c.issue_slip("c", &numbers, &rules, late).unwrap_err();
        assert_eq!(
            err,
            Error::ChargeEnded {
                state: "expired".into()
            }
        );
        let slip = c.issue_slip("c", &numbers, &rules, at).unwrap();
        assert_eq!(slip.kind(), SlipKind::Konbini(KonbiniChain::FamilyMart));
        assert!(slip.instructions(Lang::Ja).text().contains("現金のみ"));
    }
}
