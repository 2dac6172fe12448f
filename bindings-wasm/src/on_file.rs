//! Cards on file (seed 002; DESIGN §7 "Registering a card", "What a registered card
//! keeps", "Billing month"): the integrator's `CardPolicy`, a user's `CardsOnFile`, and
//! the plain records a registration keeps.
//!
//! The card number and the security code are read from the entry for the one call that
//! checks them, and their copies in wasm memory are zeroed before it returns; nothing
//! keeps them. A `RegisteredCard` holds the brand, the last 4, the expiry, the debit flag,
//! the fingerprint and the time, so `JSON.stringify` of it (what an app saves) holds no
//! more. `CardsOnFile.toJson` saves them as one versioned document and `CardsOnFile.fromJson`
//! loads it back, checked by the core.

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::card::calendar_part;
use crate::charge::brand;
use crate::error::JsFailure;
use crate::input::{self, list, nullable};
use crate::time;

#[wasm_bindgen(typescript_custom_section)]
const ON_FILE_TS: &'static str = r#"
/**
 * The expiry as the card form takes it: one `MM/YY` text, or month and year fields.
 */
export type ExpiryInput = string | { month: string; year: string };
"#;

/// A card entry read from JavaScript: the number and the security code zeroed on drop.
struct Typed {
    number: Zeroizing<String>,
    security_code: Zeroizing<String>,
    expiry: Result<String, (String, String)>,
}

input::js_input! {
    /// What the user typed in the card form. Read for one call; saifu keeps none of it.
    interface "CardEntry",
    fn typed(entry, "entry") -> Typed {
        /// The card number as typed (full-width digits and separators accepted).
        "number": "string" => number = input::text_field |v| Zeroizing::new(v),
        /// The expiry.
        "expiry": "ExpiryInput" => expiry = input::field |v| match input::string_if(&v, "entry.expiry")? {
            Some(text) => Ok(text),
            None => Err((
                input::text_field(&v, "month", "entry.expiry")?,
                input::text_field(&v, "year", "entry.expiry")?,
            )),
        },
        /// The security code as typed.
        "securityCode": "string" => security_code = input::text_field |v| Zeroizing::new(v),
    } {
        Ok(Typed { number, security_code, expiry })
    }
}

impl Typed {
    fn entry(&self) -> saifu::CardEntry<'_> {
        saifu::CardEntry {
            number: &self.number,
            expiry: match &self.expiry {
                Ok(text) => saifu::ExpiryInput::Text(text),
                Err((month, year)) => saifu::ExpiryInput::Fields { month, year },
            },
            security_code: &self.security_code,
        }
    }
}

fn brands(value: &JsValue, what: &str) -> Result<Vec<saifu::Brand>, JsFailure> {
    input::items(value, what, |b| brand(b, what))
}

input::js_object! {
    /// What `JSON.stringify` writes of a `CardPolicy`: its lists, never the key.
    interface "CardPolicySummary",
    fn card_policy_js(p: &saifu::CardPolicy) {
        /// The brands it registers.
        "acceptedBrands": "Brand[]" = list(p.accepted_brands().iter().map(|b| JsValue::from_str(b.id()))),
        /// Debit BIN prefixes.
        "debitPrefixes": "string[]" = strings_js(p.debit_prefixes()),
        /// Prefixes of the issuers whose debit cards it takes.
        "allowedDebitPrefixes": "string[]" = strings_js(p.allowed_debit_prefixes()),
    }
}

fn strings_js(items: &[String]) -> JsValue {
    list(items.iter().map(|s| JsValue::from_str(s)))
}

input::js_object! {
    /// What a registered card keeps (DESIGN §7): never the number, never the security code.
    /// Plain data for display; `CardsOnFile.toJson` / `fromJson` save and load them all.
    interface "RegisteredCard",
    fn record_js(c: &saifu::RegisteredCard) {
        /// The brand.
        "brand": "Brand" = c.brand.id().into(),
        /// The last 4 digits.
        "last4": "string" = c.last4.as_str().into(),
        // 1–12 and 2000–9999 for every record saifu holds: exact in a number.
        /// The expiry month, 1–12.
        "expiryMonth": "number" = crate::money::number(c.expiry_month).into(),
        /// The expiry year, four digits.
        "expiryYear": "number" = crate::money::number(c.expiry_year).into(),
        /// The number starts with one of the integrator's debit prefixes.
        "debit": "boolean" = c.debit.into(),
        /// HMAC-SHA-256 of the digits under the integrator's key, 64 lower-case hex digits.
        "fingerprint": "string" = c.fingerprint.as_str().into(),
        /// When it was registered: RFC 3339 in JST (a `Date` is taken too).
        "registeredAt": "string" = time::rfc3339(&c.registered_at).into(),
    }
}

input::js_object! {
    /// The confirmation screen (seed 002 ③) and the record the registration keeps.
    interface "CardConfirmation",
    fn confirmation_js(c: &saifu::CardConfirmation) {
        /// What the registration keeps.
        "card": "RegisteredCard" = record_js(&c.card),
        /// `****-****-****-1234`, Amex `****-******-*0005`.
        "maskedNumber": "string" = c.masked_number.as_str().into(),
        /// Always `***`.
        "maskedSecurityCode": "string" = c.masked_security_code.as_str().into(),
        /// The expiry, `MM/YY`.
        "expiry": "string" = c.expiry.as_str().into(),
    }
}

/// The integrator's rules for cards on file (seed 002): the brands it registers, the
/// debit BIN prefixes it knows, the prefixes of the issuers whose debit cards it takes,
/// and the fingerprint key (kept in wasm memory, zeroed when freed; JSON and
/// `console.log` never show it).
#[wasm_bindgen]
pub struct CardPolicy(saifu::CardPolicy);

#[wasm_bindgen]
impl CardPolicy {
    /// The integrator's configuration; `fingerprintKey` 16 bytes or more.
    ///
    /// Throws `SaifuError`: `card.invalid_fingerprint_key` (`minLength`), then
    /// `card.invalid_prefix` (`list`, `index`) for a prefix that is not 1–19 ASCII
    /// digits; `input.invalid` for a key that is not a `Uint8Array`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = fingerprintKey, unchecked_param_type = "Uint8Array")]
        fingerprint_key: &JsValue,
        #[wasm_bindgen(js_name = acceptedBrands, unchecked_param_type = "Brand[]")] accepted_brands: &JsValue,
        #[wasm_bindgen(js_name = debitPrefixes, unchecked_param_type = "string[]")] debit_prefixes: &JsValue,
        #[wasm_bindgen(js_name = allowedDebitPrefixes, unchecked_param_type = "string[]")]
        allowed_debit_prefixes: &JsValue,
    ) -> Result<CardPolicy, JsFailure> {
        let key = fingerprint_key
            .dyn_ref::<js_sys::Uint8Array>()
            .ok_or_else(|| JsFailure::invalid_input("fingerprintKey must be a Uint8Array"))?
            .to_vec();
        let key = saifu::FingerprintKey::new(key)?;
        let accepted = brands(accepted_brands, "acceptedBrands")?;
        let debit = input::strings(debit_prefixes, "debitPrefixes")?;
        let allowed = input::strings(allowed_debit_prefixes, "allowedDebitPrefixes")?;
        Ok(CardPolicy(saifu::CardPolicy::new(
            key, accepted, debit, allowed,
        )?))
    }

    /// True when cards of `brand` may be registered.
    ///
    /// Throws `SaifuError` `input.invalid` for a brand that is not one of `Brand`.
    pub fn accepts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Brand")] brand: &JsString,
    ) -> Result<bool, JsFailure> {
        Ok(self.0.accepts(self::brand(brand, "brand")?))
    }

    /// Checks a card entry at `now` against this policy and the fingerprints already
    /// registered, and answers the confirmation screen. Keeps nothing.
    ///
    /// Throws `SaifuError`, in DESIGN §7's order: the number's own (`card.empty`,
    /// `card.invalid_character`, `card.unknown_brand`, `card.invalid_length`,
    /// `card.luhn_mismatch`), `card.invalid_expiry`, `card.invalid_cvc`, `card.expired`,
    /// `card.brand_not_accepted`, `card.debit_not_accepted`, `card.already_registered`;
    /// `time.invalid` for `now`.
    #[wasm_bindgen(unchecked_return_type = "CardConfirmation")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CardEntry")] entry: &JsValue,
        #[wasm_bindgen(js_name = registeredFingerprints, unchecked_param_type = "string[]")]
        registered_fingerprints: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let typed = typed(entry)?;
        let registered = input::strings(registered_fingerprints, "registeredFingerprints")?;
        // As `CardsOnFile` passes its one: a single instance of core's generic `check`.
        let registered: Vec<&str> = registered.iter().map(String::as_str).collect();
        let now = time::instant(now)?;
        Ok(confirmation_js(&self.0.check(
            &typed.entry(),
            &registered,
            now,
        )?))
    }

    /// What `JSON.stringify` writes: the lists, never the key.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "CardPolicySummary")]
    pub fn to_json(&self) -> JsValue {
        card_policy_js(&self.0)
    }
}

/// A user's cards on file, oldest first; the latest is the current payment card.
/// Registering a card replaces the current one, which stays in the record so the record
/// can say which card pays each month's usage. `JSON.stringify` writes the records.
#[wasm_bindgen]
pub struct CardsOnFile(saifu::CardsOnFile);

impl Default for CardsOnFile {
    fn default() -> Self {
        CardsOnFile::new()
    }
}

#[wasm_bindgen]
impl CardsOnFile {
    /// No card registered.
    #[wasm_bindgen(constructor)]
    pub fn new() -> CardsOnFile {
        CardsOnFile(saifu::CardsOnFile::new())
    }

    /// Loads cards on file saved by `toJson()`.
    ///
    /// Throws `SaifuError`: `state.malformed` (`detail`), `state.unsupported_version`
    /// (`version`), then the registrations' own checks, `state.invalid_card_registration`
    /// (`index`, `detail`); `input.invalid` for a value that is not a string.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &JsString) -> Result<CardsOnFile, JsFailure> {
        Ok(CardsOnFile(saifu::CardsOnFile::from_json(&input::text(
            json, "json",
        )?)?))
    }

    /// The registrations as one versioned JSON document (the same bytes in every
    /// language): what the app saves, beside the wallet and the charges.
    #[wasm_bindgen(js_name = toJson)]
    pub fn document(&self) -> String {
        self.0.to_json()
    }

    /// Every registration, oldest first.
    #[wasm_bindgen(unchecked_return_type = "RegisteredCard[]")]
    pub fn registrations(&self) -> JsValue {
        list(self.0.registrations().iter().map(record_js))
    }

    /// The current payment card, or null.
    #[wasm_bindgen(unchecked_return_type = "RegisteredCard | null")]
    pub fn current(&self) -> JsValue {
        nullable(self.0.current().map(record_js))
    }

    /// 確認: the checks of `register` and its confirmation screen, registering nothing.
    ///
    /// Throws `SaifuError` as `register`.
    #[wasm_bindgen(unchecked_return_type = "CardConfirmation")]
    pub fn confirm(
        &self,
        policy: &CardPolicy,
        #[wasm_bindgen(unchecked_param_type = "CardEntry")] entry: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let typed = typed(entry)?;
        let now = time::instant(now)?;
        Ok(confirmation_js(&self.0.confirm(
            &policy.0,
            &typed.entry(),
            now,
        )?))
    }

    /// 登録: registers the card as the payment card from `now` on, replacing the current
    /// one. A failure changes nothing.
    ///
    /// Throws `SaifuError`: `card.registration_out_of_order` (`latest`) when `now` is
    /// before the latest registration; then `CardPolicy.check`'s, with
    /// `card.already_registered` (`last4`) for the current payment card.
    #[wasm_bindgen(unchecked_return_type = "CardConfirmation")]
    pub fn register(
        &mut self,
        policy: &CardPolicy,
        #[wasm_bindgen(unchecked_param_type = "CardEntry")] entry: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: &JsValue,
    ) -> Result<JsValue, JsFailure> {
        let typed = typed(entry)?;
        let now = time::instant(now)?;
        Ok(confirmation_js(&self.0.register(
            &policy.0,
            &typed.entry(),
            now,
        )?))
    }

    /// The card that pays the usage of `month` (`YYYY-MM`): the latest registration
    /// strictly before the month's cut-off, 24:00 JST at the end of `cutoffDay` (1–31,
    /// clamped to the month's last day; omitted or null: the last day), or null.
    ///
    /// Throws `SaifuError`: `card.invalid_cutoff_day`; `time.invalid` for a month that
    /// is not exactly `YYYY-MM`.
    #[wasm_bindgen(js_name = billingCard, unchecked_return_type = "RegisteredCard | null")]
    pub fn billing_card(
        &self,
        month: &JsString,
        #[wasm_bindgen(js_name = cutoffDay)] cutoff_day: Option<js_sys::Number>,
    ) -> Result<JsValue, JsFailure> {
        let cutoff = match cutoff_day {
            Some(day) => {
                // Not a whole number within 0–9999: 0, which the core refuses.
                let day = calendar_part(input::number_in(&day, "cutoffDay")?);
                saifu::BillingCutoff::day(i64::from(day))?
            }
            _ => saifu::BillingCutoff::LAST_DAY,
        };
        let month = saifu::UsageMonth::parse(&input::text(month, "month")?)?;
        Ok(nullable(self.0.billing_card(month, cutoff).map(record_js)))
    }

    /// What `JSON.stringify` writes: the records, as `registrations()`.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "RegisteredCard[]")]
    pub fn to_json(&self) -> JsValue {
        self.registrations()
    }
}
