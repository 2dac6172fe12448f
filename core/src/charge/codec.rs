//! A wallet's charges as one versioned JSON document (docs/state.md "Charges"), through
//! saifu's own reader and writer ([`crate::json`]), as the wallet's: after a restart a
//! card lockout, a pending convenience-store payment with its slip and every charge's
//! state are what they were, so every answer (`can_start`, `state_at`, `tick`, a
//! repeated notification) is the same. Loading checks every invariant the operations
//! keep and answers a coded error, never a panic.

use chrono::{DateTime, FixedOffset};

use super::{
    Charge, ChargeEvent, ChargeMethod, ChargeMethodKind, ChargeState, ChargedLot, Charges,
    KonbiniChain, RegisteredPurchaseCode,
};
use crate::currency::Currency;
use crate::error::Error;
use crate::json::{
    self, Read, Reader, Result, Write, Writer, read_fields, record, struct_variant, tagged,
    unit_enum, write_fields,
};
use crate::jst;
use crate::money::Money;
use crate::payment_slip::{PaymentField, PaymentNumberRules, PaymentSlip, SlipKind};
use crate::program::Program;
use crate::purchase_code::PurchaseCode;
// The one hash map type of the wallet and the charges.
use crate::index::Index;

/// The version of the charges document this saifu writes, and the only one it reads.
pub const CHARGES_STATE_VERSION: u32 = 1;

unit_enum!(KonbiniChain [FamilyMart, Lawson, SevenEleven, Ministop, Seicomart]);
unit_enum!(ChargeMethodKind [Card, Konbini, PayEasy, JCoin]);
unit_enum!(ChargeState [
    Draft, Confirming, AwaitingThreeDs, AwaitingPayment, Authorizing, Succeeded, Paid,
    Failed, Expired, Cancelled
]);
unit_enum!(ChargeEvent [
    ThreeDsSucceeded, ThreeDsFailed, ThreeDsNotEnrolled, Paid, Authorized, Declined
]);
unit_enum!(PaymentField [
    PaymentSlipNumber, CompanyCode, OrderNumber, CustomerNumber, ConfirmationNumber,
    ReceiptNumber, PhoneNumber, InstitutionNumber
]);

/// `"payeasy"`, `"jcoin"`, `{"card": {"brand": …}}`, `{"konbini": {"chain": …}}`: the
/// method names of the conformance vectors.
impl Write for ChargeMethod {
    fn write(&self, w: &mut Writer) {
        match self {
            ChargeMethod::Card { brand } => tagged!(w, "card", brand),
            ChargeMethod::Konbini { chain } => tagged!(w, "konbini", chain),
            ChargeMethod::PayEasy => w.str("payeasy"),
            ChargeMethod::JCoin => w.str("jcoin"),
        }
    }
}

impl Read for ChargeMethod {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        let (ix, wrapped) = r.variant(&["card", "konbini", "payeasy", "jcoin"])?;
        let method = match ix {
            0 | 1 => {
                struct_variant(r, wrapped)?;
                let method = if ix == 0 {
                    read_fields!(r, ChargeMethod::Card { brand })
                } else {
                    read_fields!(r, ChargeMethod::Konbini { chain })
                };
                r.expect(b'}')?;
                return Ok(method);
            }
            2 => ChargeMethod::PayEasy,
            _ => ChargeMethod::JCoin,
        };
        r.unit_end(wrapped)?;
        Ok(method)
    }
}

record!(ChargedLot {
    charge,
    program,
    scope,
    value,
    at
} default {
    expires_on
});

/// A purchase code as its normalised text; reading accepts only that form.
impl Write for PurchaseCode {
    fn write(&self, w: &mut Writer) {
        w.str(self.as_str());
    }
}

impl Read for PurchaseCode {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        let text = r.string()?;
        PurchaseCode::parse(&text)
            .ok()
            .filter(|code| code.as_str() == text)
            .ok_or_else(|| r.fail("not a normalised purchase code"))
    }
}

record!(RegisteredPurchaseCode {
    code,
    program,
    units
});

/// One number of a saved slip: the field and its ASCII digits.
struct SavedNumber {
    field: PaymentField,
    digits: String,
}

record!(SavedNumber { field, digits });

/// A saved slip: its numbers in the kind's order. Its kind, deadline and amount are
/// the charge's method, `until` and amount, so they are not written twice.
struct SavedSlip {
    numbers: Vec<SavedNumber>,
}

record!(SavedSlip { numbers });

impl Write for PaymentSlip {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.key("numbers");
        w.open('[');
        for n in self.numbers() {
            w.open('{');
            w.key("field");
            n.field().write(w);
            w.key("digits");
            w.str(n.digits());
            w.close('}');
        }
        w.close(']');
        w.close('}');
    }
}

impl Write for Charge {
    fn write(&self, w: &mut Writer) {
        write_fields!(
            w,
            self,
            id,
            program,
            method,
            amount,
            units,
            state,
            until,
            ended_by,
            slip,
            jcoin_id,
            purchase_code
        );
    }
}

/// A charge as read, before its slip is checked against it.
struct SavedCharge {
    id: String,
    program: String,
    method: ChargeMethod,
    amount: Money,
    units: Option<u32>,
    state: ChargeState,
    until: Option<DateTime<FixedOffset>>,
    ended_by: Option<ChargeEvent>,
    slip: Option<SavedSlip>,
    jcoin_id: Option<String>,
    purchase_code: Option<PurchaseCode>,
}

record!(SavedCharge {
    id,
    program,
    method,
    amount,
    units,
    state,
    until,
    ended_by,
    slip
} default {
    jcoin_id,
    purchase_code
});

/// The document as read.
struct ChargesV1 {
    version: u32,
    programs: Vec<Program>,
    charges: Vec<SavedCharge>,
    lockout_until: Option<DateTime<FixedOffset>>,
    lots: Vec<ChargedLot>,
    purchase_codes: Vec<RegisteredPurchaseCode>,
}

record!(ChargesV1 {
    version,
    programs,
    charges,
    lockout_until,
    lots
} default {
    purchase_codes
});

/// The document as written, borrowing the charges' records.
struct ChargesView<'a> {
    version: u32,
    programs: &'a [Program],
    charges: &'a [Charge],
    lockout_until: Option<DateTime<FixedOffset>>,
    lots: &'a [ChargedLot],
    purchase_codes: &'a [RegisteredPurchaseCode],
}

impl Write for ChargesView<'_> {
    fn write(&self, w: &mut Writer) {
        write_fields!(
            w,
            self,
            version,
            programs,
            charges,
            lockout_until,
            lots,
            purchase_codes
        );
    }
}

/// The charges' events in JSON (docs/state.md "Charges' event log").
#[cfg(feature = "charge-events")]
mod events {
    use chrono::{DateTime, FixedOffset};

    use super::SavedNumber;
    use crate::charge::{ChargeOrder, ChargesEvent};
    use crate::json::{Read, Reader, Result, Write, Writer, read_fields, struct_variant, tagged};
    use crate::money::Money;
    use crate::payment_slip::PaymentField;

    /// `{"amount": {…}}` or `{"units": n}`: what a `started` event buys.
    impl Write for ChargeOrder {
        fn write(&self, w: &mut Writer) {
            w.open('{');
            match self {
                ChargeOrder::Amount(amount) => {
                    w.key("amount");
                    amount.write(w);
                }
                ChargeOrder::Units(units) => {
                    w.key("units");
                    units.write(w);
                }
            }
            w.close('}');
        }
    }

    impl Read for ChargeOrder {
        fn read(r: &mut Reader<'_>) -> Result<Self> {
            let (ix, wrapped) = r.variant(&["amount", "units"])?;
            struct_variant(r, wrapped)?;
            let order = if ix == 0 {
                ChargeOrder::Amount(Money::read(r)?)
            } else {
                ChargeOrder::Units(u32::read(r)?)
            };
            r.expect(b'}')?;
            Ok(order)
        }
    }

    /// The numbers of a `slip_issued` event, as a saved slip's: `[{"field", "digits"}]`.
    fn write_numbers(numbers: &[(PaymentField, String)], w: &mut Writer) {
        w.open('[');
        for (field, digits) in numbers {
            w.open('{');
            w.key("field");
            field.write(w);
            w.key("digits");
            w.str(digits);
            w.close('}');
        }
        w.close(']');
    }

    const EVENT_TYPES: [&str; 12] = [
        "program_added",
        "purchase_code_registered",
        "started",
        "purchase_started",
        "confirmed",
        "card_confirmed",
        "jcoin_confirmed",
        "submitted",
        "cancelled",
        "slip_issued",
        "notified",
        "expired",
    ];

    impl Write for ChargesEvent {
        fn write(&self, w: &mut Writer) {
            use ChargesEvent as E;
            match self {
                E::ProgramAdded { program } => tagged!(w, "program_added", program),
                E::PurchaseCodeRegistered {
                    code,
                    program,
                    units,
                } => tagged!(w, "purchase_code_registered", code, program, units),
                E::Started {
                    charge,
                    program,
                    method,
                    order,
                    at,
                } => tagged!(w, "started", charge, program, method, order, at),
                E::PurchaseStarted {
                    charge,
                    program,
                    code,
                    units,
                    method,
                    at,
                } => tagged!(
                    w,
                    "purchase_started",
                    charge,
                    program,
                    code,
                    units,
                    method,
                    at
                ),
                E::Confirmed { charge, at } => tagged!(w, "confirmed", charge, at),
                E::CardConfirmed { charge, brand, at } => {
                    tagged!(w, "card_confirmed", charge, brand, at);
                }
                E::JCoinConfirmed {
                    charge,
                    jcoin_id,
                    at,
                } => tagged!(w, "jcoin_confirmed", charge, jcoin_id, at),
                E::Submitted { charge, at } => tagged!(w, "submitted", charge, at),
                E::Cancelled { charge, at } => tagged!(w, "cancelled", charge, at),
                E::SlipIssued {
                    charge,
                    numbers,
                    at,
                } => {
                    w.open('{');
                    w.key("slip_issued");
                    w.open('{');
                    w.key("charge");
                    charge.write(w);
                    w.key("numbers");
                    write_numbers(numbers, w);
                    w.key("at");
                    at.write(w);
                    w.close('}');
                    w.close('}');
                }
                E::Notified { charge, event, at } => tagged!(w, "notified", charge, event, at),
                E::Expired { charge, at } => tagged!(w, "expired", charge, at),
            }
        }
    }

    /// A `slip_issued` event as read.
    struct SlipIssued {
        charge: String,
        numbers: Vec<SavedNumber>,
        at: DateTime<FixedOffset>,
    }

    impl Read for ChargesEvent {
        fn read(r: &mut Reader<'_>) -> Result<Self> {
            use ChargesEvent as E;
            let (ix, wrapped) = r.variant(&EVENT_TYPES)?;
            struct_variant(r, wrapped)?;
            let event = match ix {
                0 => read_fields!(r, E::ProgramAdded { program }),
                1 => read_fields!(
                    r,
                    E::PurchaseCodeRegistered {
                        code,
                        program,
                        units
                    }
                ),
                2 => read_fields!(
                    r,
                    E::Started {
                        charge,
                        program,
                        method,
                        order,
                        at
                    }
                ),
                3 => read_fields!(
                    r,
                    E::PurchaseStarted {
                        charge,
                        program,
                        code,
                        units,
                        method,
                        at
                    }
                ),
                4 => read_fields!(r, E::Confirmed { charge, at }),
                5 => read_fields!(r, E::CardConfirmed { charge, brand, at }),
                6 => read_fields!(
                    r,
                    E::JCoinConfirmed {
                        charge,
                        jcoin_id,
                        at
                    }
                ),
                7 => read_fields!(r, E::Submitted { charge, at }),
                8 => read_fields!(r, E::Cancelled { charge, at }),
                9 => {
                    let read = read_fields!(
                        r,
                        SlipIssued {
                            charge,
                            numbers,
                            at
                        }
                    );
                    E::SlipIssued {
                        charge: read.charge,
                        numbers: read
                            .numbers
                            .into_iter()
                            .map(|n| (n.field, n.digits))
                            .collect(),
                        at: read.at,
                    }
                }
                10 => read_fields!(r, E::Notified { charge, event, at }),
                _ => read_fields!(r, E::Expired { charge, at }),
            };
            r.expect(b'}')?;
            Ok(event)
        }
    }
}

/// `state.invalid_charges` about `subject`.
fn invalid(subject: &str, detail: &str) -> Error {
    Error::StateInvalidCharges {
        subject: Error::echo(subject),
        detail: detail.to_owned(),
    }
}

impl Charges {
    /// The charges as JSON: programs, every charge (with its slip), the card lockout and
    /// the charged lots, as one document of version [`CHARGES_STATE_VERSION`]
    /// (`docs/state.md`, "Charges"). It holds no secret: a charge keeps no card number,
    /// security code or password.
    ///
    /// # Example
    /// ```
    /// # use saifu::Charges;
    /// let json = Charges::new().to_json();
    /// assert_eq!(json, r#"{"version":1,"programs":[],"charges":[],"lockout_until":null,"lots":[],"purchase_codes":[]}"#);
    /// assert_eq!(Charges::from_json(&json)?, Charges::new());
    /// # Ok::<(), saifu::Error>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        json::to_string(&ChargesView {
            version: CHARGES_STATE_VERSION,
            programs: &self.programs,
            charges: &self.charges,
            lockout_until: self.lockout_until,
            lots: &self.lots,
            purchase_codes: &self.codes,
        })
    }

    /// Loads charges saved by [`Charges::to_json`], checking that the operations could
    /// have left them so: after loading, every answer is the one the saved charges gave.
    ///
    /// # Errors
    /// `state.malformed` (not JSON, or not of the documented shape: an unknown field,
    /// enum value or currency, an amount beyond ±(2^53 − 1), a time outside the years
    /// 0001–9999); `state.unsupported_version`; `state.invalid_charges` with `subject`
    /// and `detail` for an invariant the operations keep (docs/state.md lists them:
    /// `duplicate id`, `invalid product`, `unknown program`, `amount`, `units`,
    /// `brand not accepted`, `state for method`, `ended_by`, `until missing`,
    /// `until unexpected`, `until not midnight JST`, `slip on a charge without
    /// payment numbers`, `slip numbers`, `lot of no successful charge`, `lots`,
    /// `lots missing`, `lockout without a not-enrolled card`, `not-enrolled card
    /// without lockout`).
    ///
    /// # Example
    /// ```
    /// # use saifu::Charges;
    /// assert_eq!(Charges::from_json("{").unwrap_err().code(), "state.malformed");
    /// assert_eq!(Charges::from_json(r#"{"version":2}"#).unwrap_err().code(), "state.unsupported_version");
    /// let twice = r#"{"version":1,"programs":[
    ///   {"id":"p","name":"P","accepted_brands":[],"product":null},
    ///   {"id":"p","name":"P","accepted_brands":[],"product":null}],
    ///   "charges":[],"lockout_until":null,"lots":[]}"#;
    /// assert_eq!(Charges::from_json(twice).unwrap_err(),
    ///     saifu::Error::StateInvalidCharges { subject: "p".into(), detail: "duplicate id".into() });
    /// ```
    pub fn from_json(json: &str) -> std::result::Result<Charges, Error> {
        json::version(json, &[CHARGES_STATE_VERSION])?;
        build(json::parse(json)?)
    }
}

fn build(doc: ChargesV1) -> std::result::Result<Charges, Error> {
    let mut charges = Charges::new();
    for program in doc.programs {
        let id = program.id.clone();
        charges.add_program(program).map_err(|e| match e {
            Error::ChargeDuplicateId { .. } => invalid(&id, "duplicate id"),
            _ => invalid(&id, "invalid product"),
        })?;
    }
    for code in doc.purchase_codes {
        charges
            .register_purchase_code(code.code.as_str(), &code.program, code.units)
            .map_err(|e| match e {
                Error::PurchaseDuplicateCode => invalid(code.code.as_str(), "duplicate id"),
                _ => invalid(code.code.as_str(), "invalid purchase code"),
            })?;
    }
    let mut programs = Index::default();
    for (ix, p) in charges.programs.iter().enumerate() {
        programs.insert(p.id.clone(), ix);
    }
    let mut ids = Index::default();
    let mut checked = Vec::with_capacity(doc.charges.len());
    for (ix, saved) in doc.charges.into_iter().enumerate() {
        if ids.insert(saved.id.clone(), ix).is_some() {
            return Err(invalid(&saved.id, "duplicate id"));
        }
        checked.push(check_charge(&charges, &programs, saved)?);
    }
    charges.charges = checked;
    check_codes_consumed_once(&charges)?;
    check_lots(&charges, &doc.lots)?;
    charges.lots = doc.lots;
    let not_enrolled = charges
        .charges
        .iter()
        .any(|c| c.ended_by == Some(ChargeEvent::ThreeDsNotEnrolled));
    match (doc.lockout_until, not_enrolled) {
        (Some(_), false) => {
            return Err(invalid(
                "lockout_until",
                "lockout without a not-enrolled card",
            ));
        }
        (None, true) => {
            return Err(invalid(
                "lockout_until",
                "not-enrolled card without lockout",
            ));
        }
        _ => {}
    }
    charges.lockout_until = doc.lockout_until;
    Ok(charges)
}

/// A saved charge is one `start`, the commands and the notifications could have left.
fn check_charge(
    charges: &Charges,
    programs: &Index,
    saved: SavedCharge,
) -> std::result::Result<Charge, Error> {
    use ChargeState as S;
    let bad = |detail: &str| invalid(&saved.id, detail);
    let program = programs
        .get(&saved.program)
        .and_then(|&ix| charges.programs.get(ix))
        .ok_or_else(|| bad("unknown program"))?;
    let yen = saved.amount.currency() == Currency::JPY && saved.amount.is_positive();
    match saved.units {
        None if !yen => return Err(bad("amount")),
        None => {}
        Some(units) => {
            let product = program.product.as_ref().ok_or_else(|| bad("units"))?;
            let price = product.unit_price.checked_mul(i64::from(units)).ok();
            if units == 0 || units > product.max_units || price != Some(saved.amount) {
                return Err(bad("units"));
            }
        }
    }
    if let ChargeMethod::Card { brand } = saved.method {
        if !program.accepted_brands.contains(&brand) {
            return Err(bad("brand not accepted"));
        }
    }
    let card = matches!(saved.method, ChargeMethod::Card { .. });
    let jcoin = saved.method == ChargeMethod::JCoin;
    let cash = saved.method.is_cash();
    let fits = match saved.state {
        S::Draft | S::Confirming | S::Cancelled => true,
        S::AwaitingThreeDs => card,
        S::Authorizing => jcoin,
        S::AwaitingPayment | S::Paid | S::Expired => cash,
        S::Succeeded | S::Failed => !cash,
    };
    if !fits {
        return Err(bad("state for method"));
    }
    let ended_by = match (saved.state, saved.ended_by) {
        (S::Succeeded, Some(ChargeEvent::ThreeDsSucceeded))
        | (S::Failed, Some(ChargeEvent::ThreeDsFailed | ChargeEvent::ThreeDsNotEnrolled)) => card,
        (S::Succeeded, Some(ChargeEvent::Authorized))
        | (S::Failed, Some(ChargeEvent::Declined)) => jcoin,
        (S::Paid, Some(ChargeEvent::Paid)) => true,
        (
            S::Draft
            | S::Confirming
            | S::AwaitingThreeDs
            | S::AwaitingPayment
            | S::Authorizing
            | S::Expired
            | S::Cancelled,
            None,
        ) => true,
        _ => false,
    };
    if !ended_by {
        return Err(bad("ended_by"));
    }
    // `pay` gives a cash charge its deadline: one awaiting payment, paid or expired has
    // one, one cancelled may, no other does.
    let applied = matches!(saved.state, S::AwaitingPayment | S::Paid | S::Expired);
    match saved.until {
        None if applied => return Err(bad("until missing")),
        None => {}
        Some(_) if !cash || !(applied || saved.state == S::Cancelled) => {
            return Err(bad("until unexpected"));
        }
        Some(until) if jst::start_of(jst::date(&until)) != until => {
            return Err(bad("until not midnight JST"));
        }
        Some(_) => {}
    }
    let slip = match (saved.slip, saved.until) {
        (None, _) => None,
        (Some(slip), Some(until)) => Some(check_slip(
            &saved.id,
            saved.method,
            slip,
            until,
            saved.amount,
        )?),
        (Some(_), None) => return Err(bad("slip on a charge without payment numbers")),
    };
    // `confirm_jcoin` gives a J-Coin charge the masked ID as it leaves draft: one
    // confirming or later has it, one in draft has none, one cancelled may.
    let confirmed = matches!(
        saved.state,
        S::Confirming | S::Authorizing | S::Succeeded | S::Failed
    );
    match &saved.jcoin_id {
        None if jcoin && confirmed => return Err(bad("jcoin_id missing")),
        None => {}
        Some(_) if !jcoin || saved.state == S::Draft => return Err(bad("jcoin_id unexpected")),
        Some(masked) if !is_masked_jcoin_id(masked) => return Err(bad("jcoin_id")),
        Some(_) => {}
    }
    // `start_purchase` names a code registered for the program, allowing the units.
    if let Some(code) = &saved.purchase_code {
        let allowed = charges
            .codes
            .iter()
            .find(|c| &c.code == code && c.program == saved.program)
            .map(|c| c.units);
        match (allowed, saved.units) {
            (Some(allowed), Some(units)) if units <= allowed => {}
            _ => return Err(bad("purchase code")),
        }
    }
    Ok(Charge {
        id: saved.id,
        program: saved.program,
        method: saved.method,
        amount: saved.amount,
        units: saved.units,
        state: saved.state,
        until: saved.until,
        ended_by: saved.ended_by,
        slip,
        jcoin_id: saved.jcoin_id,
        purchase_code: saved.purchase_code,
    })
}

/// `****` and 1–4 ASCII letters or digits: a J-Coin ID as a charge keeps it.
pub(super) fn is_masked_jcoin_id(masked: &str) -> bool {
    masked.strip_prefix("****").is_some_and(|tail| {
        (1..=4).contains(&tail.len()) && tail.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// A purchase code is consumed by one purchase at most: no two successful (or paid)
/// charges name the same code.
fn check_codes_consumed_once(charges: &Charges) -> std::result::Result<(), Error> {
    let mut consumed = Index::default();
    for (ix, c) in charges.charges.iter().enumerate() {
        if let (Some(code), ChargeState::Succeeded | ChargeState::Paid) =
            (&c.purchase_code, c.state)
        {
            if consumed.insert(code.as_str().to_owned(), ix).is_some() {
                return Err(invalid(&c.id, "purchase code used twice"));
            }
        }
    }
    Ok(())
}

/// A saved slip is the one `issue_slip` made: the kind's numbers, in its order, as
/// ASCII digits of counts DESIGN §7 allows (the integrator's fixed counts lie within
/// them), with the charge's deadline and amount.
fn check_slip(
    id: &str,
    method: ChargeMethod,
    slip: SavedSlip,
    until: DateTime<FixedOffset>,
    amount: Money,
) -> std::result::Result<PaymentSlip, Error> {
    let kind = match method {
        ChargeMethod::Konbini { chain } => SlipKind::Konbini(chain),
        ChargeMethod::PayEasy => SlipKind::PayEasy,
        ChargeMethod::Card { .. } | ChargeMethod::JCoin => {
            return Err(invalid(id, "slip on a charge without payment numbers"));
        }
    };
    // Owned text, as the bindings pass theirs to `issue_slip`: one instance of the
    // generic `PaymentSlip::new` in a build that has both.
    let numbers: Vec<(PaymentField, String)> = slip
        .numbers
        .into_iter()
        .map(|n| (n.field, n.digits))
        .collect();
    let made = PaymentSlip::new(kind, &numbers, until, amount, &PaymentNumberRules::new())
        .map_err(|_| invalid(id, "slip numbers"))?;
    let canonical = made.numbers().len() == numbers.len()
        && made
            .numbers()
            .iter()
            .zip(&numbers)
            .all(|(n, (field, digits))| n.field() == *field && n.digits() == digits.as_str());
    if canonical {
        Ok(made)
    } else {
        Err(invalid(id, "slip numbers"))
    }
}

/// The charged lots are exactly those of the successful charges: each such charge's
/// lots (as its success made them, at one instant) together, once, and no others.
fn check_lots(charges: &Charges, lots: &[ChargedLot]) -> std::result::Result<(), Error> {
    let mut index = Index::default();
    for (ix, c) in charges.charges.iter().enumerate() {
        index.insert(c.id.clone(), ix);
    }
    // The successful charges whose lots have been seen.
    let mut seen = Index::default();
    let mut rest = lots;
    while let Some(first) = rest.first() {
        let charge = index
            .get(&first.charge)
            .and_then(|&ix| charges.charges.get(ix))
            .filter(|c| matches!(c.state, ChargeState::Succeeded | ChargeState::Paid))
            .ok_or_else(|| invalid(&first.charge, "lot of no successful charge"))?;
        let expected = charges
            .lots_of(charge, first.at)
            .map_err(|_| invalid(&charge.id, "lots"))?;
        let (these, after) = rest.split_at(expected.len().min(rest.len()));
        if these != expected.as_slice() || seen.insert(charge.id.clone(), 0).is_some() {
            return Err(invalid(&charge.id, "lots"));
        }
        rest = after;
    }
    let successful = charges
        .charges
        .iter()
        .filter(|c| matches!(c.state, ChargeState::Succeeded | ChargeState::Paid));
    for charge in successful {
        if !seen.contains_key(&charge.id) {
            return Err(invalid(&charge.id, "lots missing"));
        }
    }
    Ok(())
}
