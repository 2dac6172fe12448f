//! EMVCo merchant-presented QR codes as JPQR uses them (DESIGN §4): records mirroring
//! the core's, and the functions that parse, build and read them.

use crate::error::SaifuError;
use crate::money::Money;

/// One primitive field inside a template.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct EmvSubField {
    /// The tag, 0–99 (another number is `emvqr.invalid_field` when the record is
    /// given back).
    pub tag: i64,
    /// The value: 1–99 characters.
    pub value: String,
}

/// The value of a top-level field: text, or (for a template) its sub-fields.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum EmvValue {
    /// A primitive value.
    Text {
        /// The text.
        text: String,
    },
    /// The sub-fields of a template (tags 26–51, 62, 64, 80–99).
    Template {
        /// The sub-fields, in order.
        fields: Vec<EmvSubField>,
    },
}

/// A top-level field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct EmvField {
    /// The tag, 0–99 (another number is `emvqr.invalid_field` when the record is
    /// given back).
    pub tag: i64,
    /// The value.
    pub value: EmvValue,
}

pub use saifu::Initiation;

/// Whether a code is shown for many payments or made for one (tag 01).
#[uniffi::remote(Enum)]
pub enum Initiation {
    /// `11`: a static code (the customer enters the amount).
    Static,
    /// `12`: a dynamic code, usually carrying the amount.
    Dynamic,
}

pub use saifu::AlternateLanguage;

/// The alternate-language template (tag 64).
#[uniffi::remote(Record)]
pub struct AlternateLanguage {
    /// Sub-tag 00: the ISO 639 language code, e.g. `JA`.
    pub language: String,
    /// Sub-tag 01: the merchant's name in that language.
    pub merchant_name: String,
    /// Sub-tag 02: the merchant's city in that language.
    pub merchant_city: Option<String>,
}

/// A merchant-presented QR code (EMVCo MPM; JPQR): what a merchant's code says.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct MerchantQr {
    /// Tag 01, when present.
    pub initiation: Option<Initiation>,
    /// Merchant account information, tags 02–51, by tag; at least one.
    pub accounts: Vec<EmvField>,
    /// Tag 52: the ISO 18245 merchant category code, e.g. `5812`.
    pub merchant_category_code: String,
    /// Tag 53: the ISO 4217 numeric currency code, e.g. `392` for the yen.
    pub currency: String,
    /// Tag 54: the transaction amount as written (`1000`, `10.50`), when present.
    pub amount: Option<String>,
    /// Tag 58: the ISO 3166 country code, e.g. `JP`.
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

impl From<saifu::EmvSubField> for EmvSubField {
    fn from(f: saifu::EmvSubField) -> Self {
        EmvSubField {
            tag: f.tag.into(),
            value: f.value,
        }
    }
}

impl TryFrom<EmvSubField> for saifu::EmvSubField {
    type Error = saifu::Error;

    fn try_from(f: EmvSubField) -> Result<Self, saifu::Error> {
        Ok(saifu::EmvSubField {
            tag: saifu::emv_tag_from_i64(f.tag)?,
            value: f.value,
        })
    }
}

impl From<saifu::EmvValue> for EmvValue {
    fn from(v: saifu::EmvValue) -> Self {
        match v {
            saifu::EmvValue::Text(text) => EmvValue::Text { text },
            saifu::EmvValue::Template(fields) => EmvValue::Template {
                fields: fields.into_iter().map(Into::into).collect(),
            },
        }
    }
}

impl TryFrom<EmvValue> for saifu::EmvValue {
    type Error = saifu::Error;

    fn try_from(v: EmvValue) -> Result<Self, saifu::Error> {
        Ok(match v {
            EmvValue::Text { text } => saifu::EmvValue::Text(text),
            EmvValue::Template { fields } => saifu::EmvValue::Template(try_list(fields)?),
        })
    }
}

impl From<saifu::EmvField> for EmvField {
    fn from(f: saifu::EmvField) -> Self {
        EmvField {
            tag: f.tag.into(),
            value: f.value.into(),
        }
    }
}

impl TryFrom<EmvField> for saifu::EmvField {
    type Error = saifu::Error;

    fn try_from(f: EmvField) -> Result<Self, saifu::Error> {
        Ok(saifu::EmvField {
            tag: saifu::emv_tag_from_i64(f.tag)?,
            value: f.value.try_into()?,
        })
    }
}

fn list<A, B: From<A>>(items: Vec<A>) -> Vec<B> {
    items.into_iter().map(B::from).collect()
}

fn try_list<A, B: TryFrom<A, Error = saifu::Error>>(items: Vec<A>) -> Result<Vec<B>, saifu::Error> {
    items.into_iter().map(B::try_from).collect()
}

impl From<saifu::MerchantQr> for MerchantQr {
    fn from(q: saifu::MerchantQr) -> Self {
        MerchantQr {
            initiation: q.initiation,
            accounts: list(q.accounts),
            merchant_category_code: q.merchant_category_code,
            currency: q.currency,
            amount: q.amount,
            country: q.country,
            merchant_name: q.merchant_name,
            merchant_city: q.merchant_city,
            postal_code: q.postal_code,
            additional_data: list(q.additional_data),
            alternate_language: q.alternate_language,
            other_fields: list(q.other_fields),
        }
    }
}

impl TryFrom<MerchantQr> for saifu::MerchantQr {
    type Error = saifu::Error;

    /// # Errors
    /// `emvqr.invalid_field` for a tag outside 0–99.
    fn try_from(q: MerchantQr) -> Result<Self, saifu::Error> {
        Ok(saifu::MerchantQr {
            initiation: q.initiation,
            accounts: try_list(q.accounts)?,
            merchant_category_code: q.merchant_category_code,
            currency: q.currency,
            amount: q.amount,
            country: q.country,
            merchant_name: q.merchant_name,
            merchant_city: q.merchant_city,
            postal_code: q.postal_code,
            additional_data: try_list(q.additional_data)?,
            alternate_language: q.alternate_language,
            other_fields: try_list(q.other_fields)?,
        })
    }
}

/// Parses a merchant's QR payload.
///
/// # Errors
/// In order: `emvqr.malformed` (no `6304` + 4 hex digits at the end),
/// `emvqr.crc_mismatch`, `emvqr.malformed` (the fields), `emvqr.missing_field`.
#[uniffi::export]
pub fn parse_merchant_qr(payload: String) -> Result<MerchantQr, SaifuError> {
    Ok(saifu::MerchantQr::parse(&payload)?.into())
}

/// Writes a payload: fields in ascending tag order, lengths in characters, the CRC in
/// upper-case hex. It parses back to the same record.
///
/// # Errors
/// `emvqr.invalid_field` for a tag outside 0–99; `emvqr.missing_field` (no account),
/// `emvqr.invalid_field`.
#[uniffi::export]
pub fn build_merchant_qr(qr: MerchantQr) -> Result<String, SaifuError> {
    Ok(saifu::MerchantQr::try_from(qr)?.to_payload()?)
}

/// A static JPQR code for a merchant: template 26 with the JPQR GUI and the merchant
/// id, the category code, yen, Japan, name and city.
///
/// # Errors
/// `emvqr.invalid_field` when a value cannot be written.
#[uniffi::export]
pub fn jpqr_merchant_qr(
    merchant_id: String,
    category: String,
    name: String,
    city: String,
) -> Result<MerchantQr, SaifuError> {
    Ok(saifu::MerchantQr::jpqr(&merchant_id, &category, &name, &city)?.into())
}

/// The amount the code carries, as money, or none.
///
/// # Errors
/// `emvqr.invalid_field` for a tag outside 0–99; `money.unknown_currency` (tag 53 is
/// not ISO 4217); the errors of parsing an amount.
#[uniffi::export]
pub fn merchant_qr_amount(qr: MerchantQr) -> Result<Option<Money>, SaifuError> {
    Ok(saifu::MerchantQr::try_from(qr)?
        .amount_money()?
        .map(Into::into))
}
