//! The wallet's types as JSON, through saifu's own reader and writer ([`crate::json`]):
//! the same JSON as their serde derives, field for field (`docs/state.md`).
//!
//! These impls are the one runtime path of the wallet's `to_json`, `from_json`,
//! `take_events_json` and `replay_json`. The serde derives are opt-in (feature `serde`)
//! and the tests' reference: serde_json must write the same bytes and read the same
//! values wherever saifu reads a text at all.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::event::WalletEvent;
use super::history::{HistoryEntry, HistoryKind};
use super::ledger::ProgramLedger;
use super::records::{
    Allocation, ChargeRecord, Payment, PaymentAllocation, RefundRecord, Restoration, RestoreOutcome,
};
use super::setup::{
    ExpiredRefundPolicy, Merchant, MerchantSize, NewLot, Scope, SpendingPolicy, WalletPolicy,
};
use crate::currency::Currency;
use crate::json::{
    Read, Reader, Result, Write, Writer, read_fields, record, struct_variant, tagged, unit_enum,
};
use crate::jst;
use crate::money::Money;
use crate::voucher::VoucherCode;

impl Write for Money {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.key("minor");
        self.minor().write(w);
        w.key("currency");
        w.str(self.currency().code());
        w.close('}');
    }
}

impl Read for Money {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        struct Raw {
            minor: i64,
            currency: Code,
        }
        let raw = read_fields!(r, Raw { minor, currency });
        let currency = raw.currency.0.ok_or_else(|| r.fail("unknown currency"))?;
        Money::new(raw.minor, currency).map_err(|_| r.fail("amount out of range"))
    }
}

/// A money's `currency` as read: the currency when its code is known. An unknown code is
/// refused only once the whole money is read (where the error names its position).
struct Code(Option<Currency>);

impl Read for Code {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        Ok(Code(Currency::from_code(&r.str()?).ok()))
    }
}

impl Write for VoucherCode {
    fn write(&self, w: &mut Writer) {
        w.str(self.as_str());
    }
}

impl Read for VoucherCode {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        VoucherCode::parse(&r.str()?).map_err(|_| r.fail("invalid voucher code"))
    }
}

/// Instants as RFC 3339 (`crate::jst::rfc3339`).
impl Write for DateTime<FixedOffset> {
    fn write(&self, w: &mut Writer) {
        w.str(&jst::rfc3339_text(self));
    }
}

impl Read for DateTime<FixedOffset> {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        jst::parse_rfc3339(&r.str()?).ok_or_else(|| r.fail(jst::NOT_RFC3339))
    }
}

/// Dates as `YYYY-MM-DD`, read strictly (`crate::jst::strict_date`).
impl Write for NaiveDate {
    fn write(&self, w: &mut Writer) {
        w.str(&jst::date_text(*self));
    }
}

impl Read for NaiveDate {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        jst::parse_date(&r.str()?).map_err(|_| r.fail("not a YYYY-MM-DD date"))
    }
}

unit_enum!(MerchantSize [Large, Small]);
unit_enum!(Scope [AllStores, SmallStoresOnly]);
unit_enum!(SpendingPolicy [ExpiryThenBalance, RestrictedFirst]);
unit_enum!(HistoryKind [Charge, Payment, Refund, Expiry]);

impl Write for ExpiredRefundPolicy {
    fn write(&self, w: &mut Writer) {
        match self {
            ExpiredRefundPolicy::Reject => w.str("reject"),
            ExpiredRefundPolicy::Forfeit => w.str("forfeit"),
            ExpiredRefundPolicy::Reissue { valid_days } => tagged!(w, "reissue", valid_days),
        }
    }
}

impl Read for ExpiredRefundPolicy {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        let (ix, wrapped) = r.variant(&["reject", "forfeit", "reissue"])?;
        let policy = match ix {
            0 => ExpiredRefundPolicy::Reject,
            1 => ExpiredRefundPolicy::Forfeit,
            _ => {
                struct_variant(r, wrapped)?;
                let policy = read_fields!(r, ExpiredRefundPolicy::Reissue { valid_days });
                r.expect(b'}')?;
                return Ok(policy);
            }
        };
        r.unit_end(wrapped)?;
        Ok(policy)
    }
}

impl Write for RestoreOutcome {
    fn write(&self, w: &mut Writer) {
        match self {
            RestoreOutcome::Restored => w.str("restored"),
            RestoreOutcome::Forfeited => w.str("forfeited"),
            RestoreOutcome::Reissued {
                from,
                sequence,
                expires_on,
            } => tagged!(w, "reissued", from, sequence, expires_on),
        }
    }
}

impl Read for RestoreOutcome {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        let (ix, wrapped) = r.variant(&["restored", "forfeited", "reissued"])?;
        let outcome = match ix {
            0 => RestoreOutcome::Restored,
            1 => RestoreOutcome::Forfeited,
            _ => {
                struct_variant(r, wrapped)?;
                let outcome = read_fields!(
                    r,
                    RestoreOutcome::Reissued {
                        from,
                        sequence,
                        expires_on
                    }
                );
                r.expect(b'}')?;
                return Ok(outcome);
            }
        };
        r.unit_end(wrapped)?;
        Ok(outcome)
    }
}

/// A ledger total, written as money: `{"minor": N, "currency": "JPY"}` with N from 0 to
/// 2^128 − 1 (`super::ledger::total` for serde).
struct Total(u128);

impl Write for Total {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.key("minor");
        w.raw(&self.0.to_string());
        w.key("currency");
        w.str(Currency::JPY.code());
        w.close('}');
    }
}

/// A total's `minor`, read as serde_json reads a `u128`.
struct Minor(u128);

impl Read for Minor {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.unsigned128().map(Minor)
    }
}

impl Read for Total {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        struct Raw {
            minor: Minor,
            currency: Currency,
        }
        let raw = read_fields!(r, Raw { minor, currency });
        if raw.currency == Currency::JPY {
            Ok(Total(raw.minor.0))
        } else {
            Err(r.fail(super::ledger::NOT_YEN))
        }
    }
}

impl Read for Currency {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        Currency::from_code(&r.str()?).map_err(|_| r.fail("unknown currency"))
    }
}

impl Write for ProgramLedger {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        for (key, total) in [
            ("opening", self.opening),
            ("charged", self.charged),
            ("paid", self.paid),
            ("refunded", self.refunded),
            ("forfeited", self.forfeited),
        ] {
            w.key(key);
            Total(total).write(w);
        }
        w.close('}');
    }
}

impl Read for ProgramLedger {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        struct Raw {
            opening: Total,
            charged: Total,
            paid: Total,
            refunded: Total,
            forfeited: Total,
        }
        let raw = read_fields!(
            r,
            Raw {
                opening,
                charged,
                paid,
                refunded,
                forfeited
            }
        );
        Ok(ProgramLedger {
            opening: raw.opening.0,
            charged: raw.charged.0,
            paid: raw.paid.0,
            refunded: raw.refunded.0,
            forfeited: raw.forfeited.0,
        })
    }
}
record!(WalletPolicy {} default { spending, expired_refund });
record!(NewLot {
    id,
    code,
    management_no,
    program,
    scope,
    registered_at,
    expires_on,
    face_value,
    balance
});
record!(Allocation { lot, amount });
record!(PaymentAllocation {
    lot,
    amount,
    restored
});
record!(RefundRecord { id, at, amount });
record!(Payment {
    id,
    serial,
    merchant,
    at,
    amount,
    allocations,
    refunds
});
record!(ChargeRecord {
    id,
    program,
    at,
    amount,
    lots
});
record!(HistoryEntry {
    kind,
    id,
    at,
    amount,
    title
});
record!(Restoration {
    lot,
    amount,
    outcome
});

/// `jpqr_id` is left out when there is none.
impl Write for Merchant {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.key("id");
        w.str(&self.id);
        w.key("name");
        w.str(&self.name);
        w.key("size");
        self.size.write(w);
        w.key("programs");
        self.programs.write(w);
        if let Some(jpqr_id) = &self.jpqr_id {
            w.key("jpqr_id");
            w.str(jpqr_id);
        }
        w.close('}');
    }
}

impl Read for Merchant {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        Ok(read_fields!(r, Merchant { id, name, size, programs } default { jpqr_id }))
    }
}

impl Write for WalletEvent {
    fn write(&self, w: &mut Writer) {
        match self {
            WalletEvent::ProgramAdded { program } => tagged!(w, "program_added", program),
            WalletEvent::MerchantAdded { merchant } => tagged!(w, "merchant_added", merchant),
            WalletEvent::PolicyChanged { policy } => tagged!(w, "policy_changed", policy),
            WalletEvent::PaymentSerialSet { next } => tagged!(w, "payment_serial_set", next),
            WalletEvent::LotOpened { lot } => tagged!(w, "lot_opened", lot),
            WalletEvent::Charged {
                charge_id,
                program,
                at,
                lots,
            } => tagged!(w, "charged", charge_id, program, at, lots),
            WalletEvent::Paid {
                payment_id,
                serial,
                merchant,
                at,
                amount,
                allocations,
            } => tagged!(
                w,
                "paid",
                payment_id,
                serial,
                merchant,
                at,
                amount,
                allocations
            ),
            WalletEvent::Refunded {
                refund_id,
                payment_id,
                at,
                amount,
                restored,
            } => tagged!(w, "refunded", refund_id, payment_id, at, amount, restored),
            WalletEvent::Expired { lot, at, amount } => tagged!(w, "expired", lot, at, amount),
        }
    }
}

impl Read for WalletEvent {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        use WalletEvent as E;
        let (ix, wrapped) = r.variant(&[
            "program_added",
            "merchant_added",
            "policy_changed",
            "payment_serial_set",
            "lot_opened",
            "charged",
            "paid",
            "refunded",
            "expired",
        ])?;
        struct_variant(r, wrapped)?;
        let event = match ix {
            0 => read_fields!(r, E::ProgramAdded { program }),
            1 => read_fields!(r, E::MerchantAdded { merchant }),
            2 => read_fields!(r, E::PolicyChanged { policy }),
            3 => read_fields!(r, E::PaymentSerialSet { next }),
            4 => read_fields!(r, E::LotOpened { lot }),
            5 => read_fields!(
                r,
                E::Charged {
                    charge_id,
                    program,
                    at,
                    lots
                }
            ),
            6 => read_fields!(
                r,
                E::Paid {
                    payment_id,
                    serial,
                    merchant,
                    at,
                    amount,
                    allocations
                }
            ),
            7 => read_fields!(
                r,
                E::Refunded {
                    refund_id,
                    payment_id,
                    at,
                    amount,
                    restored
                }
            ),
            _ => read_fields!(r, E::Expired { lot, at, amount }),
        };
        r.expect(b'}')?;
        Ok(event)
    }
}
