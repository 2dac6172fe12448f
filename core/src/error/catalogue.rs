//! The machinery behind [`crate::Error`]'s one declaration per variant: the `catalogue!`
//! macro that turns the table in `error/mod.rs` into the enum, its `code()`,
//! `message()`, `details()`, the [`ErrorSpec`] list the docs are generated from, and
//! `saifu::error_catalogue!`, the callback the binding crates write their own error
//! types with.

use chrono::{DateTime, FixedOffset};

use super::{ErrorDetail, Lang};
use crate::card::Brand;
use crate::currency::Currency;
use crate::jst;
use crate::money::{Money, MoneyStyle};

/// One error variant as declared: what `docs/errors.md` and the bindings' docs show.
///
/// ```
/// let spec = saifu::Error::catalogue().iter().find(|s| s.code == "wallet.insufficient_balance");
/// let spec = spec.ok_or("missing")?;
/// assert_eq!(spec.variant, "WalletInsufficientBalance");
/// assert_eq!(spec.fields[0].name, "available");
/// assert_eq!(spec.en, "Not enough balance: {available} available.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorSpec {
    /// The Rust variant's name, e.g. `WalletInsufficientBalance`.
    pub variant: &'static str,
    /// The stable code, e.g. `wallet.insufficient_balance`.
    pub code: &'static str,
    /// What the variant means (its doc comment).
    pub doc: &'static str,
    /// Its fields, in order.
    pub fields: &'static [FieldSpec],
    /// The English message template; `{name}` is filled from a field or a derived value.
    pub en: &'static str,
    /// The Japanese message template.
    pub ja: &'static str,
}

/// One field of an [`ErrorSpec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The field's name, snake_case, e.g. `refund_id`.
    pub name: &'static str,
    /// Its Rust type as written, e.g. `Money`.
    pub ty: &'static str,
    /// What it holds (its doc comment).
    pub doc: &'static str,
}

/// How a field's value is written into a message.
pub(crate) trait Arg {
    /// The value as the message in `lang` shows it.
    fn arg(&self, lang: Lang) -> String;
}

impl Arg for String {
    fn arg(&self, _: Lang) -> String {
        self.clone()
    }
}

impl Arg for u32 {
    fn arg(&self, _: Lang) -> String {
        self.to_string()
    }
}

impl Arg for u8 {
    fn arg(&self, _: Lang) -> String {
        self.to_string()
    }
}

impl Arg for Currency {
    fn arg(&self, _: Lang) -> String {
        self.code().to_owned()
    }
}

impl Arg for Brand {
    fn arg(&self, lang: Lang) -> String {
        self.name(lang).to_owned()
    }
}

/// `¥2,000` in English, `2,000円` in Japanese; other currencies with their ISO code.
impl Arg for Money {
    fn arg(&self, lang: Lang) -> String {
        let style = if lang == Lang::Ja && self.currency() == Currency::JPY {
            MoneyStyle::Suffix
        } else {
            MoneyStyle::Symbol
        };
        // Symbol style formats every currency, so this never falls back.
        self.format(style).unwrap_or_default()
    }
}

/// `2026/11/26 00:00:00` in JST, as the screens show times.
impl Arg for DateTime<FixedOffset> {
    fn arg(&self, _: Lang) -> String {
        jst::display(self)
    }
}

/// How a field's value appears among an error's [`ErrorDetail`]s.
pub(crate) trait Detail {
    /// The value as a detail.
    fn detail(&self) -> ErrorDetail;
}

impl Detail for String {
    fn detail(&self) -> ErrorDetail {
        ErrorDetail::Text(self.clone())
    }
}

impl Detail for u32 {
    fn detail(&self) -> ErrorDetail {
        ErrorDetail::Number(*self)
    }
}

impl Detail for Currency {
    fn detail(&self) -> ErrorDetail {
        ErrorDetail::Text(self.code().to_owned())
    }
}

impl Detail for Brand {
    fn detail(&self) -> ErrorDetail {
        ErrorDetail::Text(self.id().to_owned())
    }
}

impl Detail for Money {
    fn detail(&self) -> ErrorDetail {
        ErrorDetail::Money(*self)
    }
}

impl Detail for DateTime<FixedOffset> {
    fn detail(&self) -> ErrorDetail {
        ErrorDetail::Time(*self)
    }
}

/// A field of an error, as its message and its details both read it: each variant lists
/// its fields once ([`crate::Error`]'s `fields`), and `message()` and `details()` read
/// that list.
pub(crate) trait Field: Arg + Detail {}

impl<T: Arg + Detail> Field for T {}

/// `template` with each `{name}` replaced by the value of that name in `args`. What is
/// substituted is not scanned again, so an id containing braces is copied as it is; a
/// name that `args` lacks stays as written (a unit test proves no template has one).
pub(crate) fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len().saturating_add(16));
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let value = after
            .split_once('}')
            .and_then(|(name, tail)| Some((args.iter().find(|(n, _)| *n == name)?, tail)));
        match value {
            Some(((_, value), tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders of `template`, in order: the names between braces.
#[cfg(test)]
pub(crate) fn placeholders(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|piece| piece.split_once('}').map(|(name, _)| name))
        .collect()
}

/// Writes [`crate::Error`] and everything derived from it from one table (see
/// `error/mod.rs`). Each row:
///
/// ```text
/// /// What it means.
/// Variant { /// doc
///           field: Type, ... } = "area.code"
///     with |lang| { derived = expression, ... }   (optional)
///     , en "English {field} template", ja "日本語{derived}テンプレート";
/// ```
///
/// The first token is `$`, passed in so the macro can write `error_catalogue!`, a macro
/// of its own.
macro_rules! catalogue {
    (
        $d:tt
        $(
            $(#[doc = $doc:literal])*
            $variant:ident $({
                $( $(#[doc = $fdoc:literal])* $field:ident : $ty:ty ),* $(,)?
            })? = $code:literal
            $(with |$lang:ident| { $( $arg:ident = $value:expr ),* $(,)? })?
            , en $en:literal, ja $ja:literal;
        )*
    ) => {
        /// Every way a saifu operation can fail.
        ///
        /// Each variant is declared once, in one table (`core/src/error/mod.rs`) with its
        /// code, fields and English and Japanese messages; `code()`, `message()`,
        /// `details()`, `docs/errors.md` and both bindings' error types follow from it.
        ///
        /// Match it exhaustively: a new variant is a new failure callers should handle,
        /// so the enum is deliberately not `#[non_exhaustive]`.
        ///
        /// ```
        /// use saifu::{Currency, Error, Money};
        ///
        /// let err = Money::parse("1,0000", Currency::JPY).unwrap_err();
        /// assert_eq!(err, Error::MoneyInvalid);
        /// assert_eq!(err.code(), "money.invalid");
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Error {
            $(
                #[doc = concat!("`", $code, "`: ", $($doc, "\n",)* "\n\nEnglish: ", $en, "\n\nJapanese: ", $ja)]
                $variant $({ $( $(#[doc = $fdoc])* $field: $ty ),* })?,
            )*
        }

        impl Error {
            /// The stable code of this error, e.g. `"card.luhn_mismatch"`: the same
            /// string in every language saifu is bound to.
            ///
            /// ```
            /// # use saifu::Error;
            /// assert_eq!(Error::MoneyEmpty.code(), "money.empty");
            /// ```
            #[must_use]
            pub fn code(&self) -> &'static str {
                match self {
                    $( Error::$variant $({ $($field: _),* })? => $code, )*
                }
            }

            /// The message for a person, in English or Japanese.
            ///
            /// ```
            /// # use saifu::{Error, Lang, Money};
            /// let e = Error::WalletInsufficientBalance { available: Money::jpy(2000)? };
            /// assert_eq!(e.message(Lang::En), "Not enough balance: ¥2,000 available.");
            /// assert_eq!(e.message(Lang::Ja), "残高が不足しています（ご利用可能額 2,000円）。");
            /// # Ok::<(), saifu::Error>(())
            /// ```
            #[must_use]
            pub fn message(&self, lang: Lang) -> String {
                use $crate::error::catalogue::{fill, Arg};
                let mut args = Vec::new();
                self.fields(&mut |name, value| args.push((name, value.arg(lang))));
                // The row's templates, and the values its `with` derives from its fields.
                let (en, ja) = match self {
                    $(
                        #[allow(unused_variables)]
                        Error::$variant $({ $($field),* })? => {
                            $(
                                let $lang = lang;
                                $( args.push((stringify!($arg), Arg::arg(&$value, lang))); )*
                            )?
                            ($en, $ja)
                        }
                    )*
                };
                let template = match lang {
                    Lang::En => en,
                    Lang::Ja => ja,
                };
                fill(template, &args)
            }

            /// The fields of this error by name, as the docs list them (`available`,
            /// `refundable`, `lot`, `tag`, …); empty for an error without fields.
            ///
            /// ```
            /// # use saifu::{Error, ErrorDetail};
            /// let e = Error::EmvQrMissingField { tag: "59".into() };
            /// assert_eq!(e.details(), vec![("tag", ErrorDetail::Text("59".into()))]);
            /// assert!(Error::MoneyEmpty.details().is_empty());
            /// ```
            #[must_use]
            pub fn details(&self) -> Vec<(&'static str, ErrorDetail)> {
                let mut details = Vec::new();
                self.fields(&mut |name, value| details.push((name, value.detail())));
                details
            }

            /// Calls `each` with the name and value of each field, in declaration order.
            fn fields(
                &self,
                each: &mut dyn FnMut(&'static str, &dyn $crate::error::catalogue::Field),
            ) {
                match self {
                    $(
                        Error::$variant $({ $($field),* })? => {
                            $($( each(stringify!($field), $field); )*)?
                        }
                    )*
                }
            }

            /// Every variant as declared, in declaration order: code, fields and both
            /// message templates (`{name}` placeholders). `docs/errors.md` is written
            /// from it.
            #[must_use]
            pub fn catalogue() -> &'static [ErrorSpec] {
                &[
                    $(
                        ErrorSpec {
                            variant: stringify!($variant),
                            code: $code,
                            doc: concat!($($doc, "\n",)*),
                            fields: &[
                                $($( FieldSpec {
                                    name: stringify!($field),
                                    ty: stringify!($ty),
                                    doc: concat!($($fdoc, "\n",)*),
                                }, )*)?
                            ],
                            en: $en,
                            ja: $ja,
                        },
                    )*
                ]
            }

            /// One instance of every variant, with sample fields (for tests of the
            /// messages and of the bindings' mappings).
            #[cfg(test)]
            pub(crate) fn samples() -> Vec<Error> {
                use $crate::error::tests::Sample;
                vec![ $( Error::$variant $({ $($field: <$ty as Sample>::sample()),* })?, )* ]
            }

            /// The names each variant's templates may use: its fields and derived values.
            #[cfg(test)]
            pub(crate) fn arg_names() -> Vec<(&'static str, Vec<&'static str>)> {
                vec![ $( ($code, vec![
                    $($( stringify!($field), )*)?
                    $($( stringify!($arg), )*)?
                ]), )* ]
            }
        }

        /// Calls the macro `$callback` with every error variant: doc, name, fields (with
        /// docs and core types) and code, in declaration order. The binding crates write
        /// their own error types with it, so a new variant reaches every language
        /// without a hand edit:
        ///
        /// ```text
        /// saifu::error_catalogue!(my_errors);
        /// // my_errors! { $( $(#[doc = $doc:literal])* $variant:ident
        /// //     $({ $( $(#[doc = $fdoc:literal])* $field:ident : $ty:ty ),* })? = $code:literal; )* }
        /// ```
        #[macro_export]
        #[doc(hidden)]
        macro_rules! error_catalogue {
            ($d callback:ident) => {
                $d callback! {
                    $(
                        $(#[doc = $doc])*
                        $variant $({ $( $(#[doc = $fdoc])* $field: $ty ),* })? = $code;
                    )*
                }
            };
        }
    };
}

pub(crate) use catalogue;
