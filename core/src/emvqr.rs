//! EMVCo merchant-presented QR codes, as JPQR uses them (DESIGN §4).
//!
//! A payload is a sequence of fields: a 2-digit tag, a 2-digit length and the value.
//! Lengths count characters (Unicode scalar values), as the EMVCo specification requires
//! for its Unicode fields (the alternate-language template 64). The last field is tag 63,
//! a CRC-16/CCITT-FALSE over the UTF-8 bytes of everything before it up to and including
//! `6304`.

use crate::currency::Currency;
use crate::error::{Error, to_u32};
use crate::money::Money;

/// One primitive field inside a template (a sub-field).
///
/// ```
/// use saifu::EmvSubField;
///
/// let gui = EmvSubField { tag: 0, value: "jp.or.paymentsjapan".into() };
/// assert_eq!(gui.tag, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmvSubField {
    /// The tag, 0–99.
    pub tag: u8,
    /// The value: 1–99 characters.
    pub value: String,
}

/// A tag as a binding's integer type holds it (Kotlin `Long`, Swift `Int64`, Python
/// `int`): 0–99, the tags a payload can carry.
///
/// # Errors
/// `emvqr.invalid_field` with the number as given as its `tag`, for a negative number
/// or one above 99 (a field under such a tag cannot be written into a QR code).
///
/// # Example
/// ```
/// use saifu::emv_tag_from_i64;
/// assert_eq!(emv_tag_from_i64(26)?, 26);
/// assert_eq!(emv_tag_from_i64(-1).unwrap_err().code(), "emvqr.invalid_field");
/// let tag = "100".to_owned();
/// assert_eq!(emv_tag_from_i64(100), Err(saifu::Error::EmvQrInvalidField { tag }));
/// # Ok::<(), saifu::Error>(())
/// ```
pub fn emv_tag_from_i64(tag: i64) -> Result<u8, Error> {
    match u8::try_from(tag) {
        Ok(tag @ 0..=99) => Ok(tag),
        _ => Err(Error::EmvQrInvalidField {
            tag: tag.to_string(),
        }),
    }
}

/// The value of a top-level field: text, or (for a template) its sub-fields.
///
/// ```
/// use saifu::{EmvSubField, EmvValue};
///
/// let template = EmvValue::Template(vec![EmvSubField { tag: 0, value: "jp.or.paymentsjapan".into() }]);
/// assert!(matches!(template, EmvValue::Template(ref f) if f.len() == 1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EmvValue {
    /// A primitive value.
    Text(String),
    /// The sub-fields of a template (tags 26–51, 62, 64, 80–99).
    Template(Vec<EmvSubField>),
}

/// A top-level field.
///
/// ```
/// use saifu::{EmvField, EmvValue};
///
/// let visa = EmvField { tag: 2, value: EmvValue::Text("4111111111111111".into()) };
/// assert_eq!(visa.tag, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmvField {
    /// The tag, 0–99.
    pub tag: u8,
    /// The value.
    pub value: EmvValue,
}

/// Whether a code is shown for many payments or made for one (tag 01).
///
/// ```
/// use saifu::Initiation;
/// assert_ne!(Initiation::Static, Initiation::Dynamic);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Initiation {
    /// `11`: a static code (the customer enters the amount).
    Static,
    /// `12`: a dynamic code, usually carrying the amount.
    Dynamic,
}

/// The alternate-language template (tag 64): the merchant's name, and optionally city,
/// in another language, e.g. Japanese.
///
/// ```
/// use saifu::AlternateLanguage;
///
/// let ja = AlternateLanguage { language: "JA".into(), merchant_name: "吉野家".into(), merchant_city: Some("品川".into()) };
/// assert_eq!(ja.language, "JA");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AlternateLanguage {
    /// Sub-tag 00: the ISO 639 language code, e.g. `JA`.
    pub language: String,
    /// Sub-tag 01: the merchant's name in that language.
    pub merchant_name: String,
    /// Sub-tag 02: the merchant's city in that language.
    pub merchant_city: Option<String>,
}

/// A merchant-presented QR code (EMVCo MPM; JPQR): what a merchant's code says.
///
/// [`MerchantQr::parse`] reads a payload; [`MerchantQr::to_payload`] writes one; the two
/// round-trip.
///
/// ```
/// use saifu::{EmvField, EmvSubField, EmvValue, Initiation, MerchantQr};
///
/// let qr = MerchantQr {
///     initiation: Some(Initiation::Static),
///     accounts: vec![EmvField {
///         tag: 26,
///         value: EmvValue::Template(vec![
///             EmvSubField { tag: 0, value: "jp.or.paymentsjapan".into() },
///             EmvSubField { tag: 1, value: "0000000000001".into() },
///         ]),
///     }],
///     merchant_category_code: "5812".into(),
///     currency: "392".into(),
///     amount: None,
///     country: "JP".into(),
///     merchant_name: "TENNOZU HANTEN".into(),
///     merchant_city: "SHINAGAWA".into(),
///     postal_code: None,
///     additional_data: vec![],
///     alternate_language: None,
///     other_fields: vec![],
/// };
/// let payload = qr.to_payload()?;
/// assert!(payload.starts_with("000201010211"));
/// assert_eq!(MerchantQr::parse(&payload)?, qr);
///
/// let damaged = payload.replace("HANTEN", "HANTEM");
/// assert_eq!(MerchantQr::parse(&damaged).unwrap_err().code(), "emvqr.crc_mismatch");
/// # Ok::<(), saifu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MerchantQr {
    /// Tag 01, when present.
    pub initiation: Option<Initiation>,
    /// Merchant account information, tags 02–51 (02–25 primitive, 26–51 templates),
    /// by tag; at least one.
    pub accounts: Vec<EmvField>,
    /// Tag 52: the ISO 18245 merchant category code, e.g. `5812` (restaurants).
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

/// True for the tags whose value is a template of sub-fields.
fn is_template(tag: u8) -> bool {
    matches!(tag, 26..=51 | 62 | 64 | 80..=99)
}

impl MerchantQr {
    /// Parses a payload.
    ///
    /// # Errors
    /// Checked in this order: the payload must end with `6304` and four hex digits
    /// (`emvqr.malformed`); the CRC must match (`emvqr.crc_mismatch`); then the fields
    /// are read, and a length running past the end, a non-digit tag or length, a
    /// duplicate top-level tag, tag 63 anywhere but last, a first field other than
    /// `00` = `01`, a field of length 00, or a template whose value does not split into
    /// fields, repeats a sub-tag or holds an empty one is `emvqr.malformed`; last, a
    /// missing mandatory field (52, 53, 58, 59, 60; an account 02–51; 00 and 01 inside
    /// 64) is `emvqr.missing_field` with its `tag`.
    ///
    /// # Example
    /// ```
    /// # use saifu::MerchantQr;
    /// let qr = MerchantQr::parse("00020101021126590019jp.or.paymentsjapan0113000000000000102040001030700000015204581253033925802JP5914TENNOZU HANTEN6009SHINAGAWA630471E5")?;
    /// assert_eq!(qr.merchant_name, "TENNOZU HANTEN");
    /// assert_eq!(qr.amount, None);
    /// assert_eq!(MerchantQr::parse("000201").unwrap_err().code(), "emvqr.malformed");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn parse(payload: &str) -> Result<MerchantQr, Error> {
        let total_chars = payload.chars().count();
        let malformed_tail = || Error::EmvQrMalformed {
            position: to_u32(total_chars.saturating_sub(8)),
        };
        let body_end = payload.len().checked_sub(4).ok_or_else(malformed_tail)?;
        let tail = payload
            .len()
            .checked_sub(8)
            .and_then(|start| payload.get(start..))
            .ok_or_else(malformed_tail)?;
        let (marker, crc_text) = tail.split_at_checked(4).ok_or_else(malformed_tail)?;
        if marker != "6304" || !crc_text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(malformed_tail());
        }
        let found = u16::from_str_radix(crc_text, 16).map_err(|_| malformed_tail())?;
        let covered = payload.as_bytes().get(..body_end).unwrap_or_default();
        let computed = crc16(covered);
        if computed != found {
            return Err(Error::EmvQrCrcMismatch {
                computed: format!("{computed:04X}"),
                found: crc_text.to_owned(),
            });
        }
        let fields = read_fields(payload)?;
        MerchantQr::from_fields(fields)
    }

    fn from_fields(fields: Vec<EmvField>) -> Result<MerchantQr, Error> {
        let mut qr = MerchantQr {
            initiation: None,
            accounts: Vec::new(),
            merchant_category_code: String::new(),
            currency: String::new(),
            amount: None,
            country: String::new(),
            merchant_name: String::new(),
            merchant_city: String::new(),
            postal_code: None,
            additional_data: Vec::new(),
            alternate_language: None,
            other_fields: Vec::new(),
        };
        let mut seen = [false; 100];
        let mut language_fields: Option<Vec<EmvSubField>> = None;
        for field in fields {
            if let Some(slot) = seen.get_mut(usize::from(field.tag)) {
                *slot = true;
            }
            match (field.tag, field.value) {
                (0 | 63, _) => {}
                (1, EmvValue::Text(v)) => {
                    qr.initiation = match v.as_str() {
                        "11" => Some(Initiation::Static),
                        "12" => Some(Initiation::Dynamic),
                        // An unknown method is kept verbatim rather than rejected.
                        _ => {
                            qr.other_fields.push(EmvField {
                                tag: 1,
                                value: EmvValue::Text(v),
                            });
                            None
                        }
                    }
                }
                (tag @ 2..=51, value) => insert_by_tag(&mut qr.accounts, EmvField { tag, value }),
                (52, EmvValue::Text(v)) => qr.merchant_category_code = v,
                (53, EmvValue::Text(v)) => qr.currency = v,
                (54, EmvValue::Text(v)) => qr.amount = Some(v),
                (58, EmvValue::Text(v)) => qr.country = v,
                (59, EmvValue::Text(v)) => qr.merchant_name = v,
                (60, EmvValue::Text(v)) => qr.merchant_city = v,
                (61, EmvValue::Text(v)) => qr.postal_code = Some(v),
                (62, EmvValue::Template(sub)) => qr.additional_data = sub,
                (64, EmvValue::Template(sub)) => language_fields = Some(sub),
                (tag, value) => insert_by_tag(&mut qr.other_fields, EmvField { tag, value }),
            }
        }
        for tag in [52usize, 53, 58, 59, 60] {
            if !seen.get(tag).copied().unwrap_or(false) {
                return Err(Error::EmvQrMissingField {
                    tag: tag.to_string(),
                });
            }
        }
        if qr.accounts.is_empty() {
            return Err(Error::EmvQrMissingField {
                tag: "02-51".into(),
            });
        }
        if let Some(sub) = language_fields {
            let get = |tag: u8| sub.iter().find(|f| f.tag == tag).map(|f| f.value.clone());
            let missing = || Error::EmvQrMissingField { tag: "64".into() };
            qr.alternate_language = Some(AlternateLanguage {
                language: get(0).ok_or_else(missing)?,
                merchant_name: get(1).ok_or_else(missing)?,
                merchant_city: get(2),
            });
        }
        Ok(qr)
    }

    /// The amount as [`Money`], when the code carries one.
    ///
    /// # Errors
    /// `money.unknown_currency` for a currency code that is not ISO 4217; the errors of
    /// [`Money::parse`] for an amount that is not a plain decimal number.
    ///
    /// # Example
    /// ```
    /// # use saifu::MerchantQr;
    /// let qr = MerchantQr::parse("00020101021226590019jp.or.paymentsjapan011300000000000010204000103070000001520458125303392540410005802JP5914TENNOZU HANTEN6009SHINAGAWA6304A0D2")?;
    /// assert_eq!(qr.amount_money()?.map(|m| m.minor()), Some(1000));
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn amount_money(&self) -> Result<Option<Money>, Error> {
        let Some(amount) = &self.amount else {
            return Ok(None);
        };
        let currency = self
            .currency
            .parse::<u16>()
            .ok()
            .and_then(Currency::from_numeric)
            .ok_or_else(|| Error::MoneyUnknownCurrency {
                currency_code: self.currency.chars().take(8).collect(),
            })?;
        if !amount.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return Err(Error::MoneyInvalid);
        }
        Money::parse(amount, currency).map(Some)
    }

    /// Writes the payload: fields in ascending tag order, lengths in characters, the
    /// CRC in upper-case hex.
    ///
    /// # Errors
    /// `emvqr.missing_field` (`"02-51"`) without an account; `emvqr.invalid_field` with
    /// the `tag` for a value that is empty or longer than 99 characters, an account tag
    /// outside 02–51, a text value for a template tag or the reverse, a tag in
    /// `other_fields` that has its own member here (00–54, 58–64), or a tag given twice.
    ///
    /// # Example
    /// ```
    /// # use saifu::MerchantQr;
    /// let mut qr = MerchantQr::parse("00020101021126590019jp.or.paymentsjapan0113000000000000102040001030700000015204581253033925802JP5914TENNOZU HANTEN6009SHINAGAWA630471E5")?;
    /// qr.amount = Some("1000".into());
    /// assert!(qr.to_payload()?.contains("54041000"));
    /// qr.merchant_name = String::new();
    /// assert_eq!(qr.to_payload().unwrap_err().code(), "emvqr.invalid_field");
    /// # Ok::<(), saifu::Error>(())
    /// ```
    pub fn to_payload(&self) -> Result<String, Error> {
        if self.accounts.is_empty() {
            return Err(Error::EmvQrMissingField {
                tag: "02-51".into(),
            });
        }
        // In tag order as it is built: the fixed tags are pushed in ascending order, and
        // accounts and other fields (which may come in any order) are inserted after any
        // field with a tag not greater than theirs.
        let mut fields: Vec<(u8, FieldOut<'_>)> = Vec::with_capacity(16);
        fields.push((0, FieldOut::Text("01")));
        match self.initiation {
            Some(Initiation::Static) => fields.push((1, FieldOut::Text("11"))),
            Some(Initiation::Dynamic) => fields.push((1, FieldOut::Text("12"))),
            None => {}
        }
        for account in &self.accounts {
            if !(2..=51).contains(&account.tag) {
                return Err(invalid(account.tag));
            }
            let at = fields.partition_point(|(tag, _)| *tag <= account.tag);
            fields.insert(at, (account.tag, FieldOut::from(&account.value)));
        }
        fields.push(text(52, &self.merchant_category_code));
        fields.push(text(53, &self.currency));
        if let Some(amount) = &self.amount {
            fields.push(text(54, amount));
        }
        fields.push(text(58, &self.country));
        fields.push(text(59, &self.merchant_name));
        fields.push(text(60, &self.merchant_city));
        if let Some(postal) = &self.postal_code {
            fields.push(text(61, postal));
        }
        if !self.additional_data.is_empty() {
            fields.push((62, FieldOut::Sub(&self.additional_data)));
        }
        let language: Vec<EmvSubField>;
        if let Some(alt) = &self.alternate_language {
            let mut sub = vec![
                EmvSubField {
                    tag: 0,
                    value: alt.language.clone(),
                },
                EmvSubField {
                    tag: 1,
                    value: alt.merchant_name.clone(),
                },
            ];
            if let Some(city) = &alt.merchant_city {
                sub.push(EmvSubField {
                    tag: 2,
                    value: city.clone(),
                });
            }
            language = sub;
            fields.push((64, FieldOut::Sub(&language)));
        }
        for field in &self.other_fields {
            if field.tag <= 54 || (58..=64).contains(&field.tag) || field.tag > 99 {
                return Err(invalid(field.tag));
            }
            let at = fields.partition_point(|(tag, _)| *tag <= field.tag);
            fields.insert(at, (field.tag, FieldOut::from(&field.value)));
        }
        if fields
            .windows(2)
            .any(|w| matches!(w, [(a, _), (b, _)] if a == b))
        {
            let tag = fields
                .windows(2)
                .find_map(|w| match w {
                    [(a, _), (b, _)] if a == b => Some(*a),
                    _ => None,
                })
                .unwrap_or(0);
            return Err(invalid(tag));
        }
        let mut out = String::with_capacity(256);
        for (tag, value) in &fields {
            match value {
                FieldOut::Text(v) => {
                    if is_template(*tag) {
                        return Err(invalid(*tag));
                    }
                    push_field(&mut out, *tag, v)?;
                }
                FieldOut::Sub(sub) => {
                    if !is_template(*tag) {
                        return Err(invalid(*tag));
                    }
                    let mut inner = String::new();
                    let mut tags = [false; 100];
                    for f in sub.iter() {
                        let seen = tags
                            .get_mut(usize::from(f.tag))
                            .ok_or_else(|| invalid(*tag))?;
                        if std::mem::replace(seen, true) {
                            return Err(invalid(*tag));
                        }
                        push_field(&mut inner, f.tag, &f.value).map_err(|_| invalid(*tag))?;
                    }
                    push_field(&mut out, *tag, &inner)?;
                }
            }
        }
        out.push_str("6304");
        let crc = crc16(out.as_bytes());
        out.push_str(&format!("{crc:04X}"));
        Ok(out)
    }
}

fn text(tag: u8, value: &str) -> (u8, FieldOut<'_>) {
    (tag, FieldOut::Text(value))
}

/// A field on its way out: text, or sub-fields to encode first.
enum FieldOut<'a> {
    Text(&'a str),
    Sub(&'a [EmvSubField]),
}

impl<'a> From<&'a EmvValue> for FieldOut<'a> {
    fn from(value: &'a EmvValue) -> Self {
        match value {
            EmvValue::Text(t) => FieldOut::Text(t),
            EmvValue::Template(sub) => FieldOut::Sub(sub),
        }
    }
}

/// Adds `field` after every field whose tag is not greater, so the list stays in tag
/// order with fields of the same tag in the order they came.
fn insert_by_tag(fields: &mut Vec<EmvField>, field: EmvField) {
    let at = fields.partition_point(|f| f.tag <= field.tag);
    fields.insert(at, field);
}

fn invalid(tag: u8) -> Error {
    Error::EmvQrInvalidField {
        tag: format!("{tag:02}"),
    }
}

/// Appends tag, length (in characters) and value.
fn push_field(out: &mut String, tag: u8, value: &str) -> Result<(), Error> {
    let len = value.chars().count();
    if tag > 99 || len == 0 || len > 99 {
        return Err(invalid(tag));
    }
    out.push_str(&format!("{tag:02}{len:02}"));
    out.push_str(value);
    Ok(())
}

/// Reads `tag length value` fields from `text`.
struct Reader<'a> {
    rest: &'a str,
    /// Position of `rest` in characters of the whole payload.
    position: usize,
}

impl<'a> Reader<'a> {
    fn malformed(&self) -> Error {
        Error::EmvQrMalformed {
            position: to_u32(self.position),
        }
    }

    /// Two ASCII digits.
    fn two_digits(&mut self) -> Result<u8, Error> {
        let bytes = self.rest.as_bytes();
        match bytes {
            [a, b, ..] if a.is_ascii_digit() && b.is_ascii_digit() => {
                self.rest = self.rest.get(2..).ok_or_else(|| self.malformed())?;
                self.position = self.position.saturating_add(2);
                Ok(a.saturating_sub(b'0')
                    .saturating_mul(10)
                    .saturating_add(b.saturating_sub(b'0')))
            }
            _ => Err(self.malformed()),
        }
    }

    /// The next field: its tag, its value and the value's position.
    fn field(&mut self) -> Result<(u8, &'a str, usize), Error> {
        let start = self.position;
        let tag = self.two_digits()?;
        let len = usize::from(self.two_digits()?);
        if len == 0 {
            return Err(Error::EmvQrMalformed {
                position: to_u32(start),
            });
        }
        let end = self
            .rest
            .char_indices()
            .nth(len.saturating_sub(1))
            .map(|(i, c)| i.saturating_add(c.len_utf8()))
            .ok_or_else(|| Error::EmvQrMalformed {
                position: to_u32(start),
            })?;
        let (value, rest) = self
            .rest
            .split_at_checked(end)
            .ok_or_else(|| self.malformed())?;
        let value_position = self.position;
        self.rest = rest;
        self.position = self.position.saturating_add(len);
        Ok((tag, value, value_position))
    }
}

fn read_fields(payload: &str) -> Result<Vec<EmvField>, Error> {
    let mut reader = Reader {
        rest: payload,
        position: 0,
    };
    let mut fields = Vec::with_capacity(16);
    let mut seen = [false; 100];
    while !reader.rest.is_empty() {
        let start = reader.position;
        let (tag, value, value_position) = reader.field()?;
        let malformed = || Error::EmvQrMalformed {
            position: to_u32(start),
        };
        let slot = seen.get_mut(usize::from(tag)).ok_or_else(malformed)?;
        if std::mem::replace(slot, true) {
            return Err(malformed());
        }
        if fields.is_empty() && (tag != 0 || value != "01") {
            return Err(malformed());
        }
        if tag == 63 && !reader.rest.is_empty() {
            return Err(malformed());
        }
        let value = if is_template(tag) {
            EmvValue::Template(read_sub_fields(value, value_position)?)
        } else {
            EmvValue::Text(value.to_owned())
        };
        fields.push(EmvField { tag, value });
    }
    if !matches!(fields.last(), Some(EmvField { tag: 63, .. })) {
        // The trailing `6304…` was swallowed by another field's value.
        return Err(Error::EmvQrMalformed {
            position: to_u32(reader.position),
        });
    }
    Ok(fields)
}

fn read_sub_fields(value: &str, position: usize) -> Result<Vec<EmvSubField>, Error> {
    let mut reader = Reader {
        rest: value,
        position,
    };
    let mut fields = Vec::new();
    let mut seen = [false; 100];
    while !reader.rest.is_empty() {
        let start = reader.position;
        let (tag, value, _) = reader.field()?;
        let slot = seen
            .get_mut(usize::from(tag))
            .ok_or_else(|| reader.malformed())?;
        if std::mem::replace(slot, true) {
            return Err(Error::EmvQrMalformed {
                position: to_u32(start),
            });
        }
        fields.push(EmvSubField {
            tag,
            value: value.to_owned(),
        });
    }
    Ok(fields)
}

/// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final
/// XOR.
#[must_use]
pub(crate) fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &byte in bytes {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATIC: &str = "00020101021126590019jp.or.paymentsjapan0113000000000000102040001030700000015204581253033925802JP5914TENNOZU HANTEN6009SHINAGAWA630471E5";

    fn with_crc(body: &str) -> String {
        let mut s = format!("{body}6304");
        let crc = crc16(s.as_bytes());
        s.push_str(&format!("{crc:04X}"));
        s
    }

    #[test]
    fn crc_check_value() {
        // The CRC-16/CCITT-FALSE check value of "123456789".
        assert_eq!(crc16(b"123456789"), 0x29B1);
    }

    #[test]
    fn static_code_round_trips() {
        let qr = MerchantQr::parse(STATIC).unwrap();
        assert_eq!(qr.initiation, Some(Initiation::Static));
        assert_eq!(qr.currency, "392");
        assert_eq!(qr.country, "JP");
        assert_eq!(qr.to_payload().unwrap(), STATIC);
    }

    #[test]
    fn lower_case_crc_is_accepted() {
        assert!(MerchantQr::parse(&STATIC.replace("71E5", "71e5")).is_ok());
    }

    #[test]
    fn structural_errors() {
        let base = "00020101021126590019jp.or.paymentsjapan0113000000000000102040001030700000015204581253033925802JP5914TENNOZU HANTEN6009SHINAGAWA";
        // first field not 00=01
        assert_eq!(
            MerchantQr::parse(&with_crc(&base.replacen("000201", "000202", 1)))
                .unwrap_err()
                .code(),
            "emvqr.malformed"
        );
        // a field of length 00
        assert_eq!(
            MerchantQr::parse(&with_crc(&format!("{base}6100")))
                .unwrap_err()
                .code(),
            "emvqr.malformed"
        );
        // non-digit tag
        assert_eq!(
            MerchantQr::parse(&with_crc(&format!("{base}6A01X")))
                .unwrap_err()
                .code(),
            "emvqr.malformed"
        );
        // a template repeating a sub-tag
        assert_eq!(
            MerchantQr::parse(&with_crc(&format!("{base}62100501A0501B")))
                .unwrap_err()
                .code(),
            "emvqr.malformed"
        );
        // a template whose value does not split
        assert_eq!(
            MerchantQr::parse(&with_crc(&format!("{base}6203ABC")))
                .unwrap_err()
                .code(),
            "emvqr.malformed"
        );
        // a template holding an empty sub-field
        assert_eq!(
            MerchantQr::parse(&with_crc(&format!("{base}62040500")))
                .unwrap_err()
                .code(),
            "emvqr.malformed"
        );
        // missing merchant city
        let no_city = base.replace("6009SHINAGAWA", "");
        assert_eq!(
            MerchantQr::parse(&with_crc(&no_city)).unwrap_err(),
            Error::EmvQrMissingField { tag: "60".into() }
        );
        // no account template
        let no_account = base.replace(
            "26590019jp.or.paymentsjapan011300000000000010204000103070000001",
            "",
        );
        assert_eq!(
            MerchantQr::parse(&with_crc(&no_account)).unwrap_err(),
            Error::EmvQrMissingField {
                tag: "02-51".into()
            }
        );
        // language template without a name
        assert_eq!(
            MerchantQr::parse(&with_crc(&format!("{base}64060002JA"))).unwrap_err(),
            Error::EmvQrMissingField { tag: "64".into() }
        );
    }

    #[test]
    fn unicode_lengths_count_characters() {
        let p = "00020101021126590019jp.or.paymentsjapan0113000000000000102040001030700000015204581253033925802JP5909YOSHINOYA6009SHINAGAWA64190002JA0103𠮷野家0202品川630461BD";
        let qr = MerchantQr::parse(p).unwrap();
        let alt = qr.alternate_language.clone().unwrap();
        assert_eq!(alt.merchant_name, "𠮷野家");
        assert_eq!(alt.merchant_city.as_deref(), Some("品川"));
        assert_eq!(qr.to_payload().unwrap(), p);
    }

    #[test]
    fn odd_input_never_panics() {
        for p in [
            "",
            "6304",
            "63041234",
            "é6304ABCD",
            "00026304FFFF",
            &"0".repeat(1 << 20),
            "\u{0}\u{0}\u{0}\u{0}6304ABCD",
        ] {
            assert!(MerchantQr::parse(p).is_err(), "{p:?}");
        }
    }
}
