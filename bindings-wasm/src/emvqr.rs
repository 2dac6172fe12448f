//! Merchant-presented QR codes (EMVCo MPM, JPQR): parse and build payloads.

use js_sys::JsString;
use saifu::{EmvField, EmvSubField, EmvValue, Initiation};
use wasm_bindgen::prelude::*;

use crate::error::JsFailure;
use crate::input::{self, list, nullable, object};
use crate::money::money_js;

#[wasm_bindgen(typescript_custom_section)]
const EMVQR_TS: &'static str = r#"
/**
 * The value of a top-level field: text, or (for a template: tags 26–51, 62, 64, 80–99)
 * its sub-fields.
 */
export type EmvValue = string | EmvSubField[];
"#;

input::js_names! {
    /// Tag 01: `static` (`11`, the customer enters the amount) or `dynamic` (`12`).
    type "Initiation", read INITIATIONS, write initiation_name: Initiation {
        [Initiation::Static] => "static",
        [Initiation::Dynamic] => "dynamic",
    }
}

// ---------------------------------------------------------------------------------------
// Inputs. Optional members (`T | null`) may also be left out, or `undefined`.

/// A tag, 0–99 on the page; any whole number that fits a byte reaches core, which
/// judges it (`emvqr.invalid_field`).
fn tag(value: &JsValue, key: &str, what: &str) -> Result<u8, JsFailure> {
    let n = input::number_field(value, key, what)?;
    if n.fract() == 0.0 && (0.0..=255.0).contains(&n) {
        // Whole and within 0–255: the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(n as u8)
    } else {
        Err(JsFailure::invalid_input(&format!(
            "{what}.{key} must be a whole number 0–255"
        )))
    }
}

input::js_input! {
    /// One primitive field inside a template.
    interface "EmvSubField",
    fn sub_field(f, what: &str) -> EmvSubField {
        /// The tag, 0–99.
        "tag": "number" => tag = tag,
        /// The value, 1–99 characters.
        "value": "string" => value = input::text_field,
    } {
        Ok(EmvSubField { tag, value })
    }
}

fn sub_fields(value: &JsValue, what: &str) -> Result<Vec<EmvSubField>, JsFailure> {
    let item = format!("{what}[]");
    input::items(value, what, |f| sub_field(f, &item))
}

input::js_input! {
    /// A top-level field.
    interface "EmvField",
    fn field(f, what: &str) -> EmvField {
        /// The tag, 0–99.
        "tag": "number" => tag = tag,
        /// The value.
        "value": "EmvValue" => value = input::field |v| match input::string_if(&v, what)? {
            Some(text) => EmvValue::Text(text),
            None if input::is_array(&v) => {
                EmvValue::Template(sub_fields(&v, &format!("{what}.value"))?)
            }
            None => {
                return Err(JsFailure::invalid_input(&format!(
                    "{what}.value must be a string or a list of sub-fields"
                )));
            }
        },
    } {
        Ok(EmvField { tag, value })
    }
}

fn fields(value: &JsValue, what: &str) -> Result<Vec<EmvField>, JsFailure> {
    let item = format!("{what}[]");
    input::items(value, what, |f| field(f, &item))
}

input::js_input! {
    /// Tag 64: the merchant's name, and optionally city, in another language.
    interface "AlternateLanguage",
    fn alternate_language(value, "qr.alternateLanguage") -> saifu::AlternateLanguage {
        /// Sub-tag 00: ISO 639 language code, e.g. `JA`.
        "language": "string" => language = input::text_field,
        /// Sub-tag 01: the merchant's name in that language.
        "merchantName": "string" => merchant_name = input::text_field,
        /// Sub-tag 02: the merchant's city in that language.
        "merchantCity": "string | null" => merchant_city = input::optional_text_field,
    } {
        Ok(saifu::AlternateLanguage { language, merchant_name, merchant_city })
    }
}

// A `MerchantQr` from JavaScript; `input.invalid` for a value of the wrong shape.
input::js_input! {
    /// What a merchant-presented QR code says (mirrors core's `MerchantQr`).
    /// `parseMerchantQr` reads one, `buildMerchantQr` writes one; the two round-trip.
    interface "MerchantQr",
    pub(crate) fn merchant_qr(value, "qr") -> saifu::MerchantQr {
        /// Tag 01, when present.
        "initiation": "Initiation | null" => initiation = input::optional_text_field
            |v| v.map(|name| input::named(INITIATIONS, &name, "qr.initiation")).transpose()?,
        /// Merchant account information, tags 02–51, by tag; at least one.
        "accounts": "EmvField[]" => accounts = input::field |v| fields(&v, "qr.accounts")?,
        /// Tag 52: ISO 18245 merchant category code, e.g. `5812`.
        "merchantCategoryCode": "string" => merchant_category_code = input::text_field,
        /// Tag 53: ISO 4217 numeric currency code, e.g. `392` (yen).
        "currency": "string" => currency = input::text_field,
        /// Tag 54: the amount as written (`1000`, `10.50`), when present.
        "amount": "string | null" => amount = input::optional_text_field,
        /// Tag 58: ISO 3166 country code, e.g. `JP`.
        "country": "string" => country = input::text_field,
        /// Tag 59: the merchant's name.
        "merchantName": "string" => merchant_name = input::text_field,
        /// Tag 60: the merchant's city.
        "merchantCity": "string" => merchant_city = input::text_field,
        /// Tag 61, when present.
        "postalCode": "string | null" => postal_code = input::optional_text_field,
        /// Tag 62's sub-fields (empty: no tag 62).
        "additionalData": "EmvSubField[]" => additional_data = input::field
            |v| sub_fields(&v, "qr.additionalData")?,
        /// Tag 64, when present.
        "alternateLanguage": "AlternateLanguage | null" => alternate_language = input::field
            |v| input::optional(v).map(|a| self::alternate_language(&a)).transpose()?,
        /// Every other field (55–57, 65–99), by tag.
        "otherFields": "EmvField[]" => other_fields = input::field |v| fields(&v, "qr.otherFields")?,
    } {
        Ok(saifu::MerchantQr {
            initiation,
            accounts,
            merchant_category_code,
            currency,
            amount,
            country,
            merchant_name,
            merchant_city,
            postal_code,
            additional_data,
            alternate_language,
            other_fields,
        })
    }
}

// ---------------------------------------------------------------------------------------
// Results.

fn sub_fields_js(list_of: &[EmvSubField]) -> JsValue {
    list(
        list_of
            .iter()
            .map(|f| object(&[("tag", f.tag.into()), ("value", f.value.as_str().into())])),
    )
}

fn fields_js(list_of: &[EmvField]) -> JsValue {
    list(list_of.iter().map(|f| {
        let value = match &f.value {
            EmvValue::Text(text) => text.as_str().into(),
            EmvValue::Template(sub) => sub_fields_js(sub),
        };
        object(&[("tag", f.tag.into()), ("value", value)])
    }))
}

/// A core `MerchantQr` as JavaScript's `MerchantQr`.
pub(crate) fn merchant_qr_js(qr: &saifu::MerchantQr) -> JsValue {
    let alternate_language = qr.alternate_language.as_ref().map(|a| {
        object(&[
            ("language", a.language.as_str().into()),
            ("merchantName", a.merchant_name.as_str().into()),
            ("merchantCity", nullable(a.merchant_city.as_deref())),
        ])
    });
    object(&[
        ("initiation", nullable(qr.initiation.map(initiation_name))),
        ("accounts", fields_js(&qr.accounts)),
        (
            "merchantCategoryCode",
            qr.merchant_category_code.as_str().into(),
        ),
        ("currency", qr.currency.as_str().into()),
        ("amount", nullable(qr.amount.as_deref())),
        ("country", qr.country.as_str().into()),
        ("merchantName", qr.merchant_name.as_str().into()),
        ("merchantCity", qr.merchant_city.as_str().into()),
        ("postalCode", nullable(qr.postal_code.as_deref())),
        ("additionalData", sub_fields_js(&qr.additional_data)),
        ("alternateLanguage", nullable(alternate_language)),
        ("otherFields", fields_js(&qr.other_fields)),
    ])
}

/// Parses a merchant-presented QR payload (EMVCo TLV; lengths count characters; tag 63
/// CRC-16/CCITT-FALSE, upper- or lower-case hex).
///
/// Throws `SaifuError`, checked in this order: `emvqr.malformed` (`position`; no
/// `6304` + 4 hex digits at the end), `emvqr.crc_mismatch` (`computed`, `found`),
/// `emvqr.malformed` (the fields), `emvqr.missing_field` (`tag`: `"52"`…, `"02-51"` for
/// the account templates, `"64"` for the language template's own fields).
#[wasm_bindgen(js_name = parseMerchantQr, unchecked_return_type = "MerchantQr")]
pub fn parse_merchant_qr(payload: &JsString) -> Result<JsValue, JsFailure> {
    let qr = saifu::MerchantQr::parse(&input::text(payload, "payload")?)?;
    Ok(merchant_qr_js(&qr))
}

/// Writes the payload: fields in ascending tag order, lengths in characters, the CRC in
/// upper-case hex.
///
/// Throws `SaifuError`: `emvqr.missing_field` (`"02-51"`) without an account;
/// `emvqr.invalid_field` (`tag`) for a value that is empty or longer than 99 characters,
/// an account tag outside 02–51, text for a template tag or the reverse, a tag in
/// `otherFields` that has its own member, or a tag given twice.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = buildMerchantQr)]
pub fn build_merchant_qr(
    #[wasm_bindgen(unchecked_param_type = "MerchantQr")] qr: &JsValue,
) -> Result<String, JsFailure> {
    Ok(merchant_qr(qr)?.to_payload()?)
}

/// A static JPQR code for a merchant: template 26 with the JPQR GUI
/// (`jp.or.paymentsjapan`) and the merchant id, the category code, yen, Japan, name and
/// city. Set `amount` (and `initiation: "dynamic"`) on the result for a dynamic code.
///
/// Throws `SaifuError` `emvqr.invalid_field` (`tag`) when a value cannot be written.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = jpqrMerchantQr, unchecked_return_type = "MerchantQr")]
pub fn jpqr_merchant_qr(
    #[wasm_bindgen(js_name = merchantId)] merchant_id: &JsString,
    category: &JsString,
    name: &JsString,
    city: &JsString,
) -> Result<JsValue, JsFailure> {
    let qr = saifu::MerchantQr::jpqr(
        &input::text(merchant_id, "merchantId")?,
        &input::text(category, "category")?,
        &input::text(name, "name")?,
        &input::text(city, "city")?,
    )?;
    Ok(merchant_qr_js(&qr))
}

/// The amount a code carries, as `Money` (`null` when it carries none).
///
/// Throws `SaifuError`: `money.unknown_currency` for a currency that is not ISO 4217;
/// `money.invalid`, `money.fraction_not_allowed`, `money.out_of_range` for an amount
/// that is not a plain decimal number of that currency.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = merchantQrAmount, unchecked_return_type = "Money | null")]
pub fn merchant_qr_amount(
    #[wasm_bindgen(unchecked_param_type = "MerchantQr")] qr: &JsValue,
) -> Result<JsValue, JsFailure> {
    Ok(nullable(merchant_qr(qr)?.amount_money()?.map(money_js)))
}

/// The JPQR merchant id: sub-field 01 of the account template whose GUI is
/// `jp.or.paymentsjapan` (`null` when the code has none). A wallet finds the merchant by
/// it (`Merchant.jpqrId`).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = jpqrMerchantId, unchecked_return_type = "string | null")]
pub fn jpqr_merchant_id(
    #[wasm_bindgen(unchecked_param_type = "MerchantQr")] qr: &JsValue,
) -> Result<JsValue, JsFailure> {
    Ok(nullable(merchant_qr(qr)?.jpqr_merchant_id()))
}
