//! Merchant-presented QR codes (EMVCo MPM, JPQR): parse and build payloads.

use js_sys::JsString;
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::error::JsFailure;
use crate::input;
use crate::money::Money;

/// Tag 01: `static` (`11`, the customer enters the amount) or `dynamic` (`12`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum Initiation {
    /// `11`: shown for many payments.
    Static,
    /// `12`: made for one payment, usually with the amount.
    Dynamic,
}

/// One primitive field inside a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EmvSubField {
    /// The tag, 0–99.
    pub tag: u8,
    /// The value, 1–99 characters.
    pub value: String,
}

/// The value of a top-level field: text, or (for a template: tags 26–51, 62, 64, 80–99)
/// its sub-fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(untagged)]
pub enum EmvValue {
    /// A primitive value.
    Text(String),
    /// The sub-fields of a template.
    Template(Vec<EmvSubField>),
}

/// Text or a list of sub-fields, read without serde's untagged buffering (which would
/// add a copy of serde's `Content` machinery to the .wasm).
impl<'de> Deserialize<'de> for EmvValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = EmvValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or a list of sub-fields")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(EmvValue::Text(v.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Self::Value, A::Error> {
                Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(EmvValue::Template)
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A top-level field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EmvField {
    /// The tag, 0–99.
    pub tag: u8,
    /// The value.
    pub value: EmvValue,
}

/// Tag 64: the merchant's name, and optionally city, in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct AlternateLanguage {
    /// Sub-tag 00: ISO 639 language code, e.g. `JA`.
    pub language: String,
    /// Sub-tag 01: the merchant's name in that language.
    pub merchant_name: String,
    /// Sub-tag 02: the merchant's city in that language.
    pub merchant_city: Option<String>,
}

/// What a merchant-presented QR code says (mirrors core's `MerchantQr`).
/// `parseMerchantQr` reads one, `buildMerchantQr` writes one; the two round-trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct MerchantQr {
    /// Tag 01, when present.
    pub initiation: Option<Initiation>,
    /// Merchant account information, tags 02–51, by tag; at least one.
    pub accounts: Vec<EmvField>,
    /// Tag 52: ISO 18245 merchant category code, e.g. `5812`.
    pub merchant_category_code: String,
    /// Tag 53: ISO 4217 numeric currency code, e.g. `392` (yen).
    pub currency: String,
    /// Tag 54: the amount as written (`1000`, `10.50`), when present.
    pub amount: Option<String>,
    /// Tag 58: ISO 3166 country code, e.g. `JP`.
    pub country: String,
    /// Tag 59: the merchant's name.
    pub merchant_name: String,
    /// Tag 60: the merchant's city.
    pub merchant_city: String,
    /// Tag 61, when present.
    pub postal_code: Option<String>,
    /// Tag 62's sub-fields (empty: no tag 62).
    pub additional_data: Vec<EmvSubField>,
    /// Tag 64, when present.
    pub alternate_language: Option<AlternateLanguage>,
    /// Every other field (55–57, 65–99), by tag.
    pub other_fields: Vec<EmvField>,
}

fn sub_from(f: saifu::EmvSubField) -> EmvSubField {
    EmvSubField {
        tag: f.tag,
        value: f.value,
    }
}

fn sub_to(f: EmvSubField) -> saifu::EmvSubField {
    saifu::EmvSubField {
        tag: f.tag,
        value: f.value,
    }
}

fn field_from(f: saifu::EmvField) -> EmvField {
    EmvField {
        tag: f.tag,
        value: match f.value {
            saifu::EmvValue::Text(t) => EmvValue::Text(t),
            saifu::EmvValue::Template(sub) => {
                EmvValue::Template(sub.into_iter().map(sub_from).collect())
            }
        },
    }
}

fn field_to(f: EmvField) -> saifu::EmvField {
    saifu::EmvField {
        tag: f.tag,
        value: match f.value {
            EmvValue::Text(t) => saifu::EmvValue::Text(t),
            EmvValue::Template(sub) => {
                saifu::EmvValue::Template(sub.into_iter().map(sub_to).collect())
            }
        },
    }
}

impl MerchantQr {
    pub(crate) fn from_core(qr: saifu::MerchantQr) -> MerchantQr {
        MerchantQr {
            initiation: qr.initiation.map(|i| match i {
                saifu::Initiation::Static => Initiation::Static,
                saifu::Initiation::Dynamic => Initiation::Dynamic,
            }),
            accounts: qr.accounts.into_iter().map(field_from).collect(),
            merchant_category_code: qr.merchant_category_code,
            currency: qr.currency,
            amount: qr.amount,
            country: qr.country,
            merchant_name: qr.merchant_name,
            merchant_city: qr.merchant_city,
            postal_code: qr.postal_code,
            additional_data: qr.additional_data.into_iter().map(sub_from).collect(),
            alternate_language: qr.alternate_language.map(|a| AlternateLanguage {
                language: a.language,
                merchant_name: a.merchant_name,
                merchant_city: a.merchant_city,
            }),
            other_fields: qr.other_fields.into_iter().map(field_from).collect(),
        }
    }

    pub(crate) fn into_core(self) -> saifu::MerchantQr {
        saifu::MerchantQr {
            initiation: self.initiation.map(|i| match i {
                Initiation::Static => saifu::Initiation::Static,
                Initiation::Dynamic => saifu::Initiation::Dynamic,
            }),
            accounts: self.accounts.into_iter().map(field_to).collect(),
            merchant_category_code: self.merchant_category_code,
            currency: self.currency,
            amount: self.amount,
            country: self.country,
            merchant_name: self.merchant_name,
            merchant_city: self.merchant_city,
            postal_code: self.postal_code,
            additional_data: self.additional_data.into_iter().map(sub_to).collect(),
            alternate_language: self.alternate_language.map(|a| saifu::AlternateLanguage {
                language: a.language,
                merchant_name: a.merchant_name,
                merchant_city: a.merchant_city,
            }),
            other_fields: self.other_fields.into_iter().map(field_to).collect(),
        }
    }
}

/// Parses a merchant-presented QR payload (EMVCo TLV; lengths count characters; tag 63
/// CRC-16/CCITT-FALSE, upper- or lower-case hex).
///
/// Throws `SaifuError`, checked in this order: `emvqr.malformed` (`position`; no
/// `6304` + 4 hex digits at the end), `emvqr.crc_mismatch` (`computed`, `found`),
/// `emvqr.malformed` (the fields), `emvqr.missing_field` (`tag`: `"52"`…, `"02-51"` for
/// the account templates, `"64"` for the language template's own fields).
#[wasm_bindgen(js_name = parseMerchantQr)]
pub fn parse_merchant_qr(payload: &JsString) -> Result<Ts<MerchantQr>, JsFailure> {
    let qr = saifu::MerchantQr::parse(&input::text(payload, "payload")?)?;
    Ok(MerchantQr::from_core(qr).into_ts()?)
}

/// Writes the payload: fields in ascending tag order, lengths in characters, the CRC in
/// upper-case hex.
///
/// Throws `SaifuError`: `emvqr.missing_field` (`"02-51"`) without an account;
/// `emvqr.invalid_field` (`tag`) for a value that is empty or longer than 99 characters,
/// an account tag outside 02–51, text for a template tag or the reverse, a tag in
/// `otherFields` that has its own member, or a tag given twice.
#[wasm_bindgen(js_name = buildMerchantQr)]
pub fn build_merchant_qr(qr: Ts<MerchantQr>) -> Result<String, JsFailure> {
    Ok(qr.to_rust()?.into_core().to_payload()?)
}

/// A static JPQR code for a merchant: template 26 with the JPQR GUI
/// (`jp.or.paymentsjapan`) and the merchant id, the category code, yen, Japan, name and
/// city. Set `amount` (and `initiation: "dynamic"`) on the result for a dynamic code.
///
/// Throws `SaifuError` `emvqr.invalid_field` (`tag`) when a value cannot be written.
#[wasm_bindgen(js_name = jpqrMerchantQr)]
pub fn jpqr_merchant_qr(
    #[wasm_bindgen(js_name = merchantId)] merchant_id: &JsString,
    category: &JsString,
    name: &JsString,
    city: &JsString,
) -> Result<Ts<MerchantQr>, JsFailure> {
    let qr = saifu::MerchantQr::jpqr(
        &input::text(merchant_id, "merchantId")?,
        &input::text(category, "category")?,
        &input::text(name, "name")?,
        &input::text(city, "city")?,
    )?;
    Ok(MerchantQr::from_core(qr).into_ts()?)
}

/// The amount a code carries, as `Money` (`null` when it carries none).
///
/// Throws `SaifuError`: `money.unknown_currency` for a currency that is not ISO 4217;
/// `money.invalid`, `money.fraction_not_allowed`, `money.out_of_range` for an amount
/// that is not a plain decimal number of that currency.
#[wasm_bindgen(js_name = merchantQrAmount, unchecked_return_type = "Money | null")]
pub fn merchant_qr_amount(qr: Ts<MerchantQr>) -> Result<JsValue, JsFailure> {
    match qr.to_rust()?.into_core().amount_money()? {
        Some(m) => Ok(Money::from_core(m).into_ts()?.into()),
        None => Ok(JsValue::NULL),
    }
}

/// The JPQR merchant id: sub-field 01 of the account template whose GUI is
/// `jp.or.paymentsjapan` (`null` when the code has none). A wallet finds the merchant by
/// it (`Merchant.jpqrId`).
#[wasm_bindgen(js_name = jpqrMerchantId, unchecked_return_type = "string | null")]
pub fn jpqr_merchant_id(qr: Ts<MerchantQr>) -> Result<JsValue, JsFailure> {
    let qr = qr.to_rust()?.into_core();
    Ok(qr
        .jpqr_merchant_id()
        .map_or(JsValue::NULL, JsValue::from_str))
}
