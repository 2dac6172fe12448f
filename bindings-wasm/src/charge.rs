//! Charges (top-ups and voucher purchases): card with 3-D Secure, convenience-store cash,
//! Pay-easy and J-Coin Pay, as state machines driven by the user's commands (`confirm`,
//! `pay`, `cancel`) and the provider's notifications (`notify`), with the guard over new
//! charges (`canStart`). Amounts are plain yen `number`s; times go in as `Date` and come
//! out as RFC 3339 strings in JST.
//!
//! Lean by design: the inputs are read and the results built with a few `js_sys` calls
//! (`input::field`, `input::object`) instead of one serde-wasm-bindgen instance per
//! type; each TypeScript type is declared once with the code that reads or builds it
//! (`js_input!`, `js_object!`, `js_union!`, `js_names!`).

use js_sys::JsString;
use saifu::chrono::{DateTime, FixedOffset};
use saifu::{ChargeEvent, ChargeMethod, ChargeOrder, ChargeState, KonbiniChain, Lang};
use wasm_bindgen::prelude::*;

use crate::error::JsFailure;
use crate::input::{self, list, named, nullable, object};
use crate::money::{self, plain};
use crate::payment_slip::PaymentSlip;
use crate::time;
use crate::wallet::{SCOPES, scope_js};

#[wasm_bindgen(typescript_custom_section)]
const CHARGE_TS: &'static str = r#"
/**
 * What a new charge buys: an amount of plain e-money (yen, one all-stores lot), or a
 * number of units (口) of the program's product.
 */
export type ChargeOrder = { amount: number; units?: never } | { units: number; amount?: never };

/**
 * The guard's answer to "may a new charge start now?", without a throw: when not, the
 * error code `start` would throw, the instant it ends (RFC 3339 in JST) and the messages.
 */
export type ChargeGuard =
  | { allowed: true }
  | {
      allowed: false;
      reason: "charge.blocked_pending_payment" | "charge.blocked_card_lockout";
      until: string;
      message: string;
      messageJa: string;
    };
"#;

// ---------------------------------------------------------------------------------------
// Names: camelCase literals both ways.

input::js_names! {
    /// Where a charge stands: core's state ids in camelCase (`awaiting_three_ds` is
    /// "awaitingThreeDs"; the `state` detail of `charge.illegal_transition` and
    /// `charge.ended` keeps core's id). Ended: succeeded, paid, failed, expired, cancelled.
    type "ChargeState", write state_name: ChargeState {
        [ChargeState::Draft] => "draft",
        [ChargeState::Confirming] => "confirming",
        [ChargeState::AwaitingThreeDs] => "awaitingThreeDs",
        [ChargeState::AwaitingPayment] => "awaitingPayment",
        [ChargeState::Authorizing] => "authorizing",
        [ChargeState::Succeeded] => "succeeded",
        [ChargeState::Paid] => "paid",
        [ChargeState::Failed] => "failed",
        [ChargeState::Expired] => "expired",
        [ChargeState::Cancelled] => "cancelled",
    }
}

input::js_names! {
    /// A payment provider's notification: 3-D Secure passed, failed (no lockout) or the card is
    /// not enrolled (30-minute lockout); the cash was paid; J-Coin Pay authorized or declined.
    type "ChargeEvent", read pub(crate) EVENTS, write pub(crate) event_name: ChargeEvent {
        [ChargeEvent::ThreeDsSucceeded] => "threeDsSucceeded",
        [ChargeEvent::ThreeDsFailed] => "threeDsFailed",
        [ChargeEvent::ThreeDsNotEnrolled] => "threeDsNotEnrolled",
        [ChargeEvent::Paid] => "paid",
        [ChargeEvent::Authorized] => "authorized",
        [ChargeEvent::Declined] => "declined",
    }
}

input::js_names! {
    /// A convenience-store chain that takes cash charges (ファミリーマート, ローソン,
    /// セブン-イレブン, ミニストップ, セイコーマート).
    type "KonbiniChain", read CHAINS, write chain_name: KonbiniChain {
        [KonbiniChain::FamilyMart] => "familyMart",
        [KonbiniChain::Lawson] => "lawson",
        [KonbiniChain::SevenEleven] => "sevenEleven",
        [KonbiniChain::Ministop] => "ministop",
        [KonbiniChain::Seicomart] => "seicomart",
    }
}

/// A `Brand` id from JavaScript.
///
/// # Errors
/// `input.invalid` for anything else.
pub(crate) fn brand(value: &JsValue, what: &str) -> Result<saifu::Brand, JsFailure> {
    let id = input::string_in(value, what)?;
    saifu::Brand::from_id(&id)
        .ok_or_else(|| JsFailure::invalid_input(&format!("{what} \"{id}\" is not a Brand")))
}

// ---------------------------------------------------------------------------------------
// Inputs.

/// A number of units from JavaScript, as core reads an `f64` (`saifu::units_from_f64`):
/// anything but a whole number from 0 to 4,294,967,295 is `charge.invalid_units`.
pub(crate) fn units(value: f64) -> Result<u32, JsFailure> {
    Ok(saifu::units_from_f64(value)?)
}

input::js_input! {
    /// One line of a product's breakdown: per unit, this much value (yen) of this scope.
    interface "ProductLine",
    fn product_line(line, "product.breakdown[]") -> saifu::ProductLine {
        /// The scope of the lot the line creates.
        "scope": "Scope" => scope = input::named_field(SCOPES),
        /// Yen per unit.
        "value": "number" => value = input::number_field |v| money::yen(v)?,
    } {
        Ok(saifu::ProductLine { scope, value })
    }
}

input::js_input! {
    /// A voucher product sold in units (口): e.g. 1 unit costs ¥10,000 and yields 8,000 of
    /// small-stores-only and 5,000 of all-stores value.
    interface "Product",
    fn product(value, "program.product") -> saifu::Product {
        /// The price of one unit, yen.
        "unitPrice": "number" => unit_price = input::number_field |v| money::yen(v)?,
        /// The most units one purchase may buy.
        "maxUnits": "number" => max_units = input::number_field |v| units(v)?,
        /// What each unit yields.
        "breakdown": "ProductLine[]" => breakdown = input::field
            |v| input::items(&v, "product.breakdown", product_line)?,
        /// How a purchase may be paid (seed 003: card or convenience store); at least one.
        "methods": "ChargeMethodKind[]" => methods = input::field |v| input::items(&v, "product.methods", |m| {
            named(METHOD_KINDS, &input::string_in(m, "product.methods[]")?, "product.methods[]")
        })?,
        /// The last day (`YYYY-MM-DD`) the lots a purchase creates may be used; omitted or null: none.
        "lotsExpireOn"?: "string | null" => lots_expire_on = input::optional_text_field
            |v| time::optional_date(v.as_deref())?,
    } {
        Ok(saifu::Product { unit_price, max_units, breakdown, methods, lots_expire_on })
    }
}

input::js_names! {
    /// A way to pay, without its details: what a product allows.
    type "ChargeMethodKind", read pub(crate) METHOD_KINDS: saifu::ChargeMethodKind {
        [saifu::ChargeMethodKind::Card] => "card",
        [saifu::ChargeMethodKind::Konbini] => "konbini",
        [saifu::ChargeMethodKind::PayEasy] => "payeasy",
        [saifu::ChargeMethodKind::JCoin] => "jcoin",
    }
}

input::js_input! {
    /// An issuer's e-money (a city's common voucher, a ward's e-voucher): one record for what
    /// a `Wallet` spends and what `Charges` buy. A wallet needs `paymentIdPrefix`; a card
    /// charge needs the card's brand in `acceptedBrands`; a purchase by the unit needs a
    /// `product`.
    interface "Program",
    pub(crate) fn program(value, "program") -> saifu::Program {
        /// Unique among a wallet's programs and among its charges'.
        "id": "string" => id = input::text_field,
        /// Its name for people, e.g. `天王洲キャッシュ`.
        "name": "string" => name = input::text_field,
        /// The prefix of the ids of payments that start with its lots, e.g. `OEM2020000101`; a wallet refuses a program without one.
        "paymentIdPrefix"?: "string | null" => payment_id_prefix = input::optional_text_field,
        /// The card brands a charge of it accepts; omitted: none (no card charge).
        "acceptedBrands"?: "Brand[]" => accepted_brands = input::field |b| match input::optional(b) {
            None => Vec::new(),
            Some(b) => input::items(&b, "program.acceptedBrands", |b| {
                brand(b, "program.acceptedBrands[]")
            })?,
        },
        /// The product it sells by the unit; omitted or null: plain e-money.
        "product"?: "Product | null" => product = input::field
            |p| input::optional(p).map(|p| self::product(&p)).transpose()?,
    } {
        Ok(saifu::Program { id, name, payment_id_prefix, accepted_brands, product })
    }
}

pub(crate) fn method(value: &JsValue) -> Result<ChargeMethod, JsFailure> {
    const WHAT: &str = "method";
    Ok(match input::text_field(value, "kind", WHAT)?.as_str() {
        "card" => ChargeMethod::Card {
            brand: brand(&input::field(value, "brand", WHAT)?, "method.brand")?,
        },
        "konbini" => ChargeMethod::Konbini {
            chain: named(
                CHAINS,
                &input::text_field(value, "chain", WHAT)?,
                "method.chain",
            )?,
        },
        "payeasy" => ChargeMethod::PayEasy,
        "jcoin" => ChargeMethod::JCoin,
        other => {
            return Err(JsFailure::invalid_input(&format!(
                "method.kind \"{other}\" is not one of its literals"
            )));
        }
    })
}

fn order(value: &JsValue) -> Result<ChargeOrder, JsFailure> {
    const WHAT: &str = "order";
    let amount = input::field(value, "amount", WHAT)?;
    let units = input::field(value, "units", WHAT)?;
    match (amount.is_undefined(), units.is_undefined()) {
        (false, true) => Ok(ChargeOrder::Amount(money::yen(input::number_in(
            &amount,
            "order.amount",
        )?)?)),
        (true, false) => Ok(ChargeOrder::Units(self::units(input::number_in(
            &units,
            "order.units",
        )?)?)),
        _ => Err(JsFailure::invalid_input(
            "order must be { amount } or { units }",
        )),
    }
}

input::js_object! {
    /// What a provider notification did: the state after it, and `applied: false` for the
    /// identical repeat of the event that ended the charge (nothing changed).
    interface "Notified",
    pub(crate) fn notified_js(n: &saifu::Notified) {
        /// The charge's state after the notification.
        "state": "ChargeState" = state_js(n.state),
        /// False for a repeated notification: a no-op.
        "applied": "boolean" = n.applied.into(),
    }
}

// ---------------------------------------------------------------------------------------
// Results.

input::js_union! {
    /// How a charge is paid: a card of a brand the program accepts (3-D Secure), cash at a
    /// convenience store, Pay-easy, or J-Coin Pay.
    type "ChargeMethod", tag "kind",
    fn method_js(method: ChargeMethod) {
        [ChargeMethod::Card { brand }] => "card" { "brand": "Brand" = brand.id().into() },
        [ChargeMethod::Konbini { chain }] => "konbini" {
            "chain": "KonbiniChain" = chain_name(chain).into(),
        },
        [ChargeMethod::PayEasy] => "payeasy" {},
        [ChargeMethod::JCoin] => "jcoin" {},
    }
}

input::js_object! {
    /// One charge.
    interface "Charge",
    pub(crate) fn charge_js(c: &saifu::Charge) {
        /// Its id.
        "id": "string" = c.id.as_str().into(),
        /// The program charged.
        "program": "string" = c.program.as_str().into(),
        /// How it is paid.
        "method": "ChargeMethod" = method_js(c.method),
        /// Yen to pay.
        "amount": "number" = plain(c.amount).into(),
        /// Units bought, for a product; else null.
        "units": "number | null" = nullable(c.units),
        /// Its recorded state (a cash charge past its deadline reads "awaitingPayment"
        /// until `tick` records it expired).
        "state": "ChargeState" = state_name(c.state).into(),
        /// For a cash charge once applied: the first instant it is expired (00:00 JST of
        /// the application day + 3), RFC 3339 in JST; else null.
        "until": "string | null" = nullable(c.until.as_ref().map(time::rfc3339)),
        /// The notification that ended it, if one did.
        "endedBy": "ChargeEvent | null" = nullable(c.ended_by.map(event_name)),
        /// For a cash charge, the payment slip of the provider's notification
        /// (`Charges.issueSlip`); kept once the charge ends; else null. `Charges.slip`
        /// gives it with its instructions.
        "slip": "PaymentSlipSummary | null" = c
            .slip
            .as_ref()
            .map_or(JsValue::NULL, crate::payment_slip::summary_js),
        /// For a J-Coin Pay charge confirmed with its credentials (`Charges.confirmJcoin`):
        /// the J-Coin ID masked to its last 4 characters (`****2345`); else null.
        "jcoinId": "string | null" = nullable(c.jcoin_id.as_deref()),
        /// For a purchase started with a purchase code (`Charges.startPurchase`): the code,
        /// normalised; else null.
        "purchaseCode": "string | null" =
            nullable(c.purchase_code.as_ref().map(|code| code.as_str())),
    }
}

input::js_object! {
    /// Value a successful charge put in: one lot's worth, to register in the wallet
    /// (`Wallet.charge`) under the code the issuer assigns.
    interface "ChargedLot",
    fn charged_lot_js(l: &saifu::ChargedLot) {
        /// The charge.
        "charge": "string" = l.charge.as_str().into(),
        /// The program.
        "program": "string" = l.program.as_str().into(),
        /// The lot's scope.
        "scope": "Scope" = scope_js(l.scope),
        /// The lot's value, yen.
        "value": "number" = plain(l.value).into(),
        /// When the charge succeeded, RFC 3339 in JST.
        "at": "string" = time::rfc3339(&l.at).into(),
        /// The product's `lotsExpireOn`: the lot's last day, `YYYY-MM-DD`; null for plain
        /// e-money.
        "expiresOn": "string | null" = nullable(l.expires_on.as_ref().map(time::date_text)),
    }
}

pub(crate) fn state_js(state: ChargeState) -> JsValue {
    state_name(state).into()
}

// ---------------------------------------------------------------------------------------
// The charges.

/// A wallet's charges, and the guard over new ones: no new charge while a cash charge
/// awaits payment (until it is paid, cancelled or its deadline passes), nor for 30
/// minutes after a card not enrolled in 3-D Secure failed. Every command or notification
/// that fails throws a `SaifuError` and changes nothing; a repeated notification is a
/// no-op (`applied: false`).
#[wasm_bindgen]
pub struct Charges(pub(crate) saifu::Charges);

impl Default for Charges {
    fn default() -> Self {
        Charges::new()
    }
}

/// A command of core (`confirm`, `pay`, `cancel`).
type Command =
    fn(&mut saifu::Charges, &str, DateTime<FixedOffset>) -> Result<ChargeState, saifu::Error>;

impl Charges {
    /// The one body of the three commands (not inlined: each export's glue is enough).
    #[inline(never)]
    fn command(&mut self, id: &JsString, now: &JsValue, f: Command) -> Result<JsValue, JsFailure> {
        let id = input::text(id, "id")?;
        let now = time::instant(now)?;
        Ok(state_js(f(&mut self.0, &id, now)?))
    }
}

#[wasm_bindgen]
impl Charges {
    /// No programs, no charges.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Charges {
        Charges(saifu::Charges::new())
    }

    /// Loads charges saved by `toJson()`: after a restart a card lockout and a pending
    /// payment still block, and every answer is the one the saved charges gave.
    ///
    /// Throws `SaifuError`: `state.malformed` (`detail`), `state.unsupported_version`
    /// (`version`), `state.invalid_charges` (`subject`, `detail`; docs/state.md
    /// "Charges"); `input.invalid` for a value that is not a string.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &JsString) -> Result<Charges, JsFailure> {
        Ok(Charges(saifu::Charges::from_json(&input::text(
            json, "json",
        )?)?))
    }

    /// The charges as one versioned JSON document (the same bytes in every language):
    /// programs, every charge with its slip, the card lockout and the charged lots.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Adds a program, the record `Wallet.addProgram` takes too.
    ///
    /// Throws `SaifuError`: `charge.duplicate_id` (`id`); `charge.invalid_units` for a
    /// product whose price or lines are not positive, that allows no units or no way to
    /// pay; the number checks of amounts; `input.invalid` for a value of the wrong shape.
    #[wasm_bindgen(js_name = addProgram)]
    pub fn add_program(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Program")] program: &JsValue,
    ) -> Result<(), JsFailure> {
        let program = self::program(program)?;
        Ok(self.0.add_program(program)?)
    }

    /// The guard: may a new charge start at `now`? Never throws for a valid `Date`; when
    /// not, says why (`reason`, the code `start` would throw) and until when. With a cash
    /// charge pending and a card lockout, the pending payment is reported.
    ///
    /// Throws `SaifuError` `time.invalid` for a `now` that is not a valid `Date`.
    #[wasm_bindgen(js_name = canStart, unchecked_return_type = "ChargeGuard")]
    pub fn can_start(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let now = time::instant(now)?;
        match self.0.can_start(now) {
            Ok(()) => Ok(object(&[("allowed", true.into())])),
            Err(
                e @ (saifu::Error::ChargeBlockedPendingPayment { until }
                | saifu::Error::ChargeBlockedCardLockout { until }),
            ) => Ok(object(&[
                ("allowed", false.into()),
                ("reason", e.code().into()),
                ("until", time::rfc3339(&until).into()),
                ("message", e.message(Lang::En).into()),
                ("messageJa", e.message(Lang::Ja).into()),
            ])),
            Err(e) => Err(e.into()),
        }
    }

    /// Starts a charge in the draft state.
    ///
    /// Throws `SaifuError`, in order: `charge.duplicate_id` (`id`),
    /// `charge.unknown_program` (`program`), `charge.invalid_amount` or
    /// `charge.invalid_units` (units also when the program sells no product; a units
    /// count that is negative too), `charge.brand_not_accepted` (`brand`), and last the
    /// guard's `charge.blocked_pending_payment` / `charge.blocked_card_lockout` (`until`,
    /// RFC 3339 in JST). Before those: the number checks of amounts, `time.invalid`, and
    /// `input.invalid` for a `method` or `order` of the wrong shape.
    #[wasm_bindgen(unchecked_return_type = "Charge")]
    pub fn start(
        &mut self,
        id: &JsString,
        program: &JsString,
        #[wasm_bindgen(unchecked_param_type = "ChargeMethod")] method: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "ChargeOrder")] order: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let id = input::text(id, "id")?;
        let program = input::text(program, "program")?;
        let method = self::method(method)?;
        let order = self::order(order)?;
        let now = time::instant(now)?;
        let charge = self.0.start(&id, &program, method, order, now)?;
        Ok(charge_js(charge))
    }

    /// 確認: draft → confirming.
    ///
    /// Throws `SaifuError`: `charge.unknown_charge` (`charge`), `charge.ended` (`state`),
    /// `charge.illegal_transition` (`state`, core's id); `jcoin.credentials_required` for a
    /// J-Coin Pay charge (confirmed with `confirmJcoin`).
    #[wasm_bindgen(unchecked_return_type = "ChargeState")]
    pub fn confirm(
        &mut self,
        id: &JsString,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        self.command(id, now, saifu::Charges::confirm)
    }

    /// 確認 with the card the user entered (DESIGN §7): draft → confirming for a card
    /// charge; the charge's brand becomes the card's. The charge keeps the brand only.
    ///
    /// Throws `SaifuError`: `card.invalid_expiry`; `time.invalid`;
    /// `charge.unknown_charge`; `charge.ended`; `charge.illegal_transition` unless a card
    /// charge in draft; `card.expired` (`expiry`); `card.brand_not_accepted` (`brand`). A
    /// failure changes nothing.
    #[wasm_bindgen(js_name = confirmCard, unchecked_return_type = "ChargeState")]
    pub fn confirm_card(
        &mut self,
        id: &JsString,
        card: &crate::card::CardNumber,
        #[wasm_bindgen(unchecked_param_type = "ExpiryMonth")] expiry: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let id = input::text(id, "id")?;
        let month = input::number_field(expiry, "month", "expiry")?;
        let year = input::number_field(expiry, "year", "expiry")?;
        let expiry = saifu::CardExpiry::new(
            crate::card::calendar_part(month),
            crate::card::calendar_part(year),
        )?;
        let now = time::instant(now)?;
        Ok(state_js(self.0.confirm_card(&id, &card.0, expiry, now)?))
    }

    /// 確認 of a J-Coin Pay charge with the user's credentials: draft → confirming; the
    /// charge keeps the ID masked to its last 4 characters (`jcoinId`), never the
    /// password or the code, which the app sends to the provider itself.
    ///
    /// Throws `SaifuError`: the credentials' `jcoin.invalid_id`, `jcoin.invalid_password`,
    /// `jcoin.invalid_code` (as `checkJcoinCredentials`); `charge.unknown_charge`;
    /// `charge.ended`; `charge.illegal_transition` unless a J-Coin Pay charge in draft. A
    /// failure changes nothing.
    #[wasm_bindgen(js_name = confirmJcoin, unchecked_return_type = "ChargeState")]
    pub fn confirm_jcoin(
        &mut self,
        id: &JsString,
        #[wasm_bindgen(unchecked_param_type = "JCoinEntry")] credentials: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let id = input::text(id, "id")?;
        let credentials = crate::jcoin::credentials(credentials)?;
        let now = time::instant(now)?;
        Ok(state_js(self.0.confirm_jcoin(&id, &credentials, now)?))
    }

    /// 支払う: confirming → awaitingThreeDs (card), awaitingPayment (cash: the
    /// application; its JST date D sets the deadline, 00:00 JST of D + 3) or authorizing
    /// (J-Coin Pay).
    ///
    /// Throws `SaifuError`: `charge.unknown_charge`, `charge.ended`,
    /// `charge.illegal_transition` from any state but confirming.
    #[wasm_bindgen(unchecked_return_type = "ChargeState")]
    pub fn pay(
        &mut self,
        id: &JsString,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        self.command(id, now, saifu::Charges::pay)
    }

    /// Cancels a charge in draft, confirming or awaiting payment.
    ///
    /// Throws `SaifuError`: `charge.unknown_charge`; `charge.ended` (a cash charge is
    /// expired from its deadline on); `charge.illegal_transition` while 3-D Secure or a
    /// J-Coin authorization is in progress.
    #[wasm_bindgen(unchecked_return_type = "ChargeState")]
    pub fn cancel(
        &mut self,
        id: &JsString,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        self.command(id, now, saifu::Charges::cancel)
    }

    /// Applies a payment provider's notification. A success creates the charge's lots
    /// (`chargedLots`); `threeDsNotEnrolled` also blocks new charges for 30 minutes.
    ///
    /// Throws `SaifuError`: `charge.unknown_charge`; `charge.ended` for an ended charge
    /// (unless the event is the identical repeat of the one that ended it: then
    /// `applied: false`); `charge.illegal_transition` for an event the state does not
    /// expect.
    #[wasm_bindgen(unchecked_return_type = "Notified")]
    pub fn notify(
        &mut self,
        id: &JsString,
        #[wasm_bindgen(unchecked_param_type = "ChargeEvent")] event: &JsString,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let id = input::text(id, "id")?;
        let event = named(EVENTS, &input::text(event, "event")?, "event")?;
        let now = time::instant(now)?;
        let n = self.0.notify(&id, event, now)?;
        Ok(notified_js(&n))
    }

    /// Records every cash charge whose deadline has passed by `now` as expired, and
    /// returns their ids in the order started.
    ///
    /// Throws `SaifuError` `time.invalid` only.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn tick(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let expired = self.0.tick(time::instant(now)?);
        // An array built here: smaller than wasm-bindgen's `Vec<String>` return glue.
        Ok(list(expired.iter().map(|id| JsValue::from_str(id))))
    }

    /// The value successful charges put in, in the order they succeeded: one entry per
    /// lot to register in the wallet (`Wallet.charge`).
    #[wasm_bindgen(js_name = chargedLots, unchecked_return_type = "ChargedLot[]")]
    pub fn charged_lots(&self) -> JsValue {
        list(self.0.charged_lots().iter().map(charged_lot_js))
    }

    /// Attaches the payment numbers of the provider's notification (`SlipNumber[]`, as
    /// typed) to a cash charge awaiting payment and returns its slip (kind: the charge's
    /// chain or Pay-easy; deadline and amount: the charge's). The same numbers again
    /// change nothing. `rules`: the integrator's digit counts (omitted: standard).
    ///
    /// Throws `SaifuError`, in order: `time.invalid`; `payment.invalid_rule`;
    /// `charge.unknown_charge`; `charge.ended`; `charge.illegal_transition` unless the
    /// charge is a cash charge awaiting payment; `payment.unexpected_field`;
    /// `payment.invalid_number` (`field`); `charge.slip_already_issued` for other
    /// numbers than the slip it carries; `input.invalid`.
    #[wasm_bindgen(js_name = issueSlip)]
    pub fn issue_slip(
        &mut self,
        id: &JsString,
        #[wasm_bindgen(unchecked_param_type = "SlipNumber[]")] numbers: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DigitRule[] | null")] rules: Option<
            js_sys::Array,
        >,
    ) -> Result<PaymentSlip, JsFailure> {
        let id = input::text(id, "id")?;
        let numbers = crate::payment_slip::numbers(numbers)?;
        let now = time::instant(now)?;
        let rules = crate::payment_slip::rules(rules)?;
        Ok(PaymentSlip::from(
            self.0.issue_slip(&id, &numbers, &rules, now)?,
        ))
    }

    /// The slip a cash charge carries, with its instructions, or `null` (no such charge,
    /// or no slip yet).
    ///
    /// Throws `SaifuError` `input.invalid` only, for an `id` that is not a string.
    #[wasm_bindgen(unchecked_return_type = "PaymentSlip | null")]
    pub fn slip(&self, id: &JsString) -> Result<JsValue, JsFailure> {
        let id = input::text(id, "id")?;
        Ok(self
            .0
            .charge(&id)
            .and_then(|c| c.slip.as_ref())
            .map_or(JsValue::NULL, |slip| PaymentSlip::from(slip).into()))
    }

    /// The state of the charge with this id at `now` (a cash charge is expired from its
    /// deadline on, whether or not `tick` has recorded it), or `null` for an unknown id.
    ///
    /// Throws `SaifuError`: `time.invalid`; `input.invalid` for an `id` that is not a
    /// string.
    #[wasm_bindgen(js_name = stateAt, unchecked_return_type = "ChargeState | null")]
    pub fn state_at(
        &self,
        id: &JsString,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let id = input::text(id, "id")?;
        let now = time::instant(now)?;
        Ok(self
            .0
            .charge(&id)
            .map_or(JsValue::NULL, |c| state_js(c.state_at(&now))))
    }

    /// Every charge, in the order started, with its recorded state.
    #[wasm_bindgen(unchecked_return_type = "Charge[]")]
    pub fn charges(&self) -> JsValue {
        list(self.0.charges().iter().map(charge_js))
    }

    /// The charge with this id, or `null`.
    ///
    /// Throws `SaifuError` `input.invalid` only, for an `id` that is not a string.
    #[wasm_bindgen(unchecked_return_type = "Charge | null")]
    pub fn charge(&self, id: &JsString) -> Result<JsValue, JsFailure> {
        let id = input::text(id, "id")?;
        Ok(self.0.charge(&id).map_or(JsValue::NULL, charge_js))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `awaitingThreeDs` → `awaiting_three_ds`.
    fn snake(name: &str) -> String {
        name.chars()
            .flat_map(|c| {
                let lower = c.to_ascii_lowercase();
                if c.is_ascii_uppercase() {
                    vec!['_', lower]
                } else {
                    vec![lower]
                }
            })
            .collect()
    }

    /// The camelCase names are core's ids, so the tables cannot drift from core.
    #[test]
    fn names_are_cores_ids_in_camel_case() {
        for state in ChargeState::ALL {
            assert_eq!(snake(state_name(state)), state.id());
        }
        for &(event, name) in EVENTS {
            assert_eq!(snake(name), event.id());
            assert_eq!(ChargeEvent::from_id(event.id()), Some(event));
        }
        for &(kind, name) in METHOD_KINDS {
            assert_eq!(saifu::ChargeMethodKind::from_id(name), Some(kind));
        }
        for &(chain, name) in CHAINS {
            // Core writes `familymart` and `seven_eleven`; only the separators differ.
            assert_eq!(name.to_ascii_lowercase(), chain.id().replace('_', ""));
            assert_eq!(KonbiniChain::from_id(chain.id()), Some(chain));
        }
    }
}
