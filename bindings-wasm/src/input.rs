//! Values from JavaScript, read without serde, and plain objects built for it.
//!
//! Every string parameter is taken as a `JsString` handle and read with `as_string()`, so a
//! value that is not a string (a number, `undefined`, an object) is a coded
//! `input.invalid`: wasm-bindgen's own `&str` glue copies whatever it is given into wasm
//! memory unchecked, and a non-string there traps the module. Every string, argument or
//! property, is read by one function ([`string_if`]), which also refuses a string that is
//! not well-formed UTF-16. Objects are read property by property ([`field`] and the typed
//! readers after it) and results built with [`object`]: a few `js_sys` calls shared by
//! every type, where a serializer would add code per type.
//!
//! Reading a value the caller gave may run the caller's code: a getter, a `Proxy`'s traps,
//! an array's iterator. Each import that can do so catches (`Reflect.get` in `js_sys`,
//! [`array`]'s own two, `time`'s `getTime`), so what that code throws becomes a coded
//! `input.invalid` here. An uncaught exception would unwind through the wasm frames of
//! the export, leaving the object it was called on borrowed for good and a slot of the
//! module's externref table taken; after a few hundred, every export fails.
//!
//! Every reader here is `#[inline(never)]`: they are called from every export, and a
//! call is smaller than a copy of the reader at each site (bindings-wasm/README.md
//! "Size").

use js_sys::JsString;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use zeroize::Zeroizing;

use crate::error::JsFailure;

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray(value)`: true for an array or a `Proxy` of one; throws for a revoked
    /// `Proxy`.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_js(value: &JsValue) -> Result<bool, JsValue>;

    /// `Array.from(value)`: a fresh array of `value`'s items, read through its iterator
    /// (and a `Proxy`'s traps), which may throw.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(value: &JsValue) -> Result<js_sys::Array, JsValue>;

    /// `String.prototype.isWellFormed`: false for a string with a lone surrogate. Caught,
    /// for an engine that predates it (2023).
    #[wasm_bindgen(catch, method, js_class = "String", js_name = isWellFormed)]
    fn is_well_formed(this: &AnyString) -> Result<bool, JsValue>;

    /// A string, to be checked by the method above.
    type AnyString;
}

/// The string `value` holds.
///
/// # Errors
/// `input.invalid` (naming `what`) when it holds something else.
#[inline(never)]
pub(crate) fn text(value: &JsString, what: &str) -> Result<String, JsFailure> {
    string_in(value, what)
}

/// An optional string: `undefined` or `null` is `None`.
#[inline(never)]
pub(crate) fn optional_text(
    value: Option<&JsString>,
    what: &str,
) -> Result<Option<String>, JsFailure> {
    value.map(|v| text(v, what)).transpose()
}

/// A number from JavaScript: anything that is not a `number` (a string, a `BigInt`,
/// `undefined`) reads as `NaN`, which the number checks refuse with `money.invalid`.
#[inline(never)]
pub(crate) fn number(value: &JsValue) -> f64 {
    value.as_f64().unwrap_or(f64::NAN)
}

/// `value[key]`: `what` names `value` in the error.
///
/// # Errors
/// `input.invalid` when `value` is not an object, or reading the property throws (a
/// getter or a proxy).
#[inline(never)]
pub(crate) fn field(value: &JsValue, key: &str, what: &str) -> Result<JsValue, JsFailure> {
    if !value.is_object() {
        return Err(JsFailure::invalid_input(&format!(
            "{what} must be an object"
        )));
    }
    js_sys::Reflect::get(value, &JsValue::from_str(key))
        .map_err(|_| JsFailure::invalid_input(&format!("{what}.{key} cannot be read")))
}

/// The string `value` holds (`what` names it).
///
/// # Errors
/// `input.invalid` when it is not a string, or as for [`string_if`].
#[inline(never)]
pub(crate) fn string_in(value: &JsValue, what: &str) -> Result<String, JsFailure> {
    string_if(value, what)?
        .ok_or_else(|| JsFailure::invalid_input(&format!("{what} must be a string")))
}

/// The string `value` holds, or `None` when it holds something else: every string read
/// from JavaScript is read here.
///
/// # Errors
/// `input.invalid` for a string that is not well-formed UTF-16 (a lone surrogate, as in
/// `"\uD800"`): copied into wasm memory it would read as U+FFFD, so `"\uD800"` and
/// `"\uDBFF"` would be the same id.
#[inline(never)]
pub(crate) fn string_if(value: &JsValue, what: &str) -> Result<Option<String>, JsFailure> {
    let Some(text) = value.as_string() else {
        return Ok(None);
    };
    // The copy into wasm memory turns each lone surrogate into U+FFFD, so only a string
    // whose copy holds one can have had one: only then is JavaScript asked (a string may
    // hold U+FFFD itself). U+FFFD is EF BF BD in UTF-8, compared as bytes in place.
    if text.as_bytes().windows(3).any(|w| w == [0xEF, 0xBF, 0xBD])
        && !matches!(
            value.unchecked_ref::<AnyString>().is_well_formed(),
            Ok(true)
        )
    {
        // The copy may be a secret's: wiped before it is freed, as `secret_text` does.
        drop(Zeroizing::new(text));
        return Err(JsFailure::invalid_input(&format!(
            "{what} must be well-formed UTF-16 (it holds a lone surrogate)"
        )));
    }
    Ok(Some(text))
}

/// A secret's text (a card number, a security code, a PIN, a one-time password, a
/// password): the copy in wasm memory is wiped when dropped, so freed memory keeps no
/// trace of it.
///
/// # Errors
/// `input.invalid` as for [`text`].
#[inline(never)]
pub(crate) fn secret_text(value: &JsString, what: &str) -> Result<Zeroizing<String>, JsFailure> {
    text(value, what).map(Zeroizing::new)
}

/// A secret's text handed back to JavaScript: JavaScript copies it from the wasm copy,
/// which is wiped when dropped here (a `String` returned would be freed as it is).
pub(crate) fn secret_out(text: Zeroizing<String>) -> JsString {
    JsString::from(text.as_str())
}

/// The boolean `value` holds (`what` names it).
///
/// # Errors
/// `input.invalid` for anything but `true` or `false` (`"true"`, `0`, `{}`, `undefined`).
#[inline(never)]
pub(crate) fn boolean(value: &JsValue, what: &str) -> Result<bool, JsFailure> {
    value
        .as_bool()
        .ok_or_else(|| JsFailure::invalid_input(&format!("{what} must be true or false")))
}

/// The string property `value[key]`.
///
/// # Errors
/// `input.invalid` as for [`field`], or when the property is not a string.
#[inline(never)]
pub(crate) fn text_field(value: &JsValue, key: &str, what: &str) -> Result<String, JsFailure> {
    string_in(&field(value, key, what)?, &format!("{what}.{key}"))
}

/// An optional string property: `undefined` (or missing) and `null` are `None`.
///
/// # Errors
/// `input.invalid` as for [`field`], or when the property is something else than a string.
#[inline(never)]
pub(crate) fn optional_text_field(
    value: &JsValue,
    key: &str,
    what: &str,
) -> Result<Option<String>, JsFailure> {
    let v = field(value, key, what)?;
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        string_in(&v, &format!("{what}.{key}")).map(Some)
    }
}

/// The number property `value[key]` (inside an object, a value that is not a number is
/// the wrong shape; the number checks come after).
///
/// # Errors
/// `input.invalid` as for [`field`], or when the property is not a number.
#[inline(never)]
pub(crate) fn number_field(value: &JsValue, key: &str, what: &str) -> Result<f64, JsFailure> {
    number_in(&field(value, key, what)?, &format!("{what}.{key}"))
}

/// The number `value` holds, as a property of an object (`what` names it).
///
/// # Errors
/// `input.invalid` when it is not a number.
#[inline(never)]
pub(crate) fn number_in(value: &JsValue, what: &str) -> Result<f64, JsFailure> {
    value
        .as_f64()
        .ok_or_else(|| JsFailure::invalid_input(&format!("{what} must be a number")))
}

/// True when `value` is an array (or a `Proxy` of one); false for anything else,
/// including a revoked `Proxy`, which cannot be read.
#[inline(never)]
pub(crate) fn is_array(value: &JsValue) -> bool {
    matches!(is_array_js(value), Ok(true))
}

/// The items of the array `value`, copied into a fresh array: reading them may run the
/// caller's code (a `Proxy`, an iterator), reading the copy cannot.
///
/// # Errors
/// `input.invalid` (naming `what`) for anything but an array, or when reading it throws.
#[inline(never)]
pub(crate) fn array(value: &JsValue, what: &str) -> Result<js_sys::Array, JsFailure> {
    if !is_array(value) {
        return Err(JsFailure::invalid_input(&format!(
            "{what} must be an array"
        )));
    }
    array_from(value).map_err(|_| JsFailure::invalid_input(&format!("{what} cannot be read")))
}

/// An array of strings (`what` names the array).
///
/// # Errors
/// `input.invalid` for anything but an array of strings.
#[inline(never)]
pub(crate) fn strings(value: &JsValue, what: &str) -> Result<Vec<String>, JsFailure> {
    let item = format!("{what}[]");
    items(value, what, |v| string_in(v, &item))
}

/// The items of the array `value` (`what` names it), each read by `read`, in order.
///
/// # Errors
/// As for [`array`]; the first error `read` answers.
#[inline(never)]
pub(crate) fn items<T>(
    value: &JsValue,
    what: &str,
    mut read: impl FnMut(&JsValue) -> Result<T, JsFailure>,
) -> Result<Vec<T>, JsFailure> {
    let mut out = Vec::new();
    for item in array(value, what)?.iter() {
        out.push(read(&item)?);
    }
    Ok(out)
}

/// The JavaScript names of a core enum's values, written once, and what follows from
/// them: the TypeScript string-literal union (`type`, with the doc comment given), the
/// name of a value (`write`: an exhaustive `match`, so a variant the core gains does not
/// compile until it has a name here) and the pairs that read a name back (`read`, for
/// [`named`] and [`named_field`]).
macro_rules! js_names {
    (
        $(#[doc = $d:literal])* type $ts:literal, read $rvis:vis $table:ident,
        write $wvis:vis $name:ident: $ty:ty { $([$($v:tt)+] => $s:literal),+ $(,)? }
    ) => {
        $crate::input::js_names!(@ts [$($d)*] $ts [$($s)+]);
        $crate::input::js_names!(@write $wvis $name: $ty { $([$($v)+] => $s),+ });
        $crate::input::js_names!(@read $rvis $table: $ty { $([$($v)+] => $s),+ });
    };
    (
        $(#[doc = $d:literal])* type $ts:literal,
        write $wvis:vis $name:ident: $ty:ty { $([$($v:tt)+] => $s:literal),+ $(,)? }
    ) => {
        $crate::input::js_names!(@ts [$($d)*] $ts [$($s)+]);
        $crate::input::js_names!(@write $wvis $name: $ty { $([$($v)+] => $s),+ });
    };
    (
        $(#[doc = $d:literal])* type $ts:literal,
        read $rvis:vis $table:ident: $ty:ty { $([$($v:tt)+] => $s:literal),+ $(,)? }
    ) => {
        $crate::input::js_names!(@ts [$($d)*] $ts [$($s)+]);
        $crate::input::js_names!(@read $rvis $table: $ty { $([$($v)+] => $s),+ });
    };
    (@ts [$($d:literal)*] $ts:literal [$first:literal $($s:literal)*]) => {
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const _: &str = concat!(
            "\n/**", $("\n *", $d,)* "\n */\nexport type ", $ts, " = \"", $first, "\"",
            $(" | \"", $s, "\"",)* ";\n"
        );
    };
    (@write $vis:vis $name:ident: $ty:ty { $([$($v:tt)+] => $s:literal),+ }) => {
        #[doc = concat!("The JavaScript name of a `", stringify!($ty), "`.")]
        $vis fn $name(value: $ty) -> &'static str {
            match value {
                $($($v)+ => $s,)+
            }
        }
    };
    (@read $vis:vis $table:ident: $ty:ty { $([$($v:tt)+] => $s:literal),+ }) => {
        #[doc = concat!("Every `", stringify!($ty), "` with its JavaScript name.")]
        $vis const $table: &[($ty, &str)] = &[$(($($v)+, $s)),+];
    };
}
pub(crate) use js_names;

/// An object JavaScript receives, written once: each property's name, its TypeScript type
/// and doc comment, and the value it takes. What follows: the TypeScript interface (a
/// `typescript_custom_section`) and the function that builds the object ([`object`]), so
/// the names the `.d.ts` declares are the names the code sets.
macro_rules! js_object {
    (
        $(#[doc = $d:literal])* interface $ts:literal,
        $vis:vis fn $name:ident($arg:ident: $ty:ty) {
            $( $(#[doc = $fd:literal])* $key:literal: $tstype:literal = $value:expr ),+ $(,)?
        }
    ) => {
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const _: &str = concat!(
            "\n/**", $("\n *", $d,)* "\n */\nexport interface ", $ts, " {\n",
            $("    /**", $($fd,)* " */\n    ", $key, ": ", $tstype, ";\n",)+
            "}\n"
        );

        #[doc = concat!("`", $ts, "` of the TypeScript API.")]
        $vis fn $name($arg: $ty) -> wasm_bindgen::JsValue {
            $crate::input::object(&[$(($key, $value)),+])
        }
    };
}
pub(crate) use js_object;

/// An object the API reads, written once: each property's name, its TypeScript type (`?`
/// after the name when it may be omitted) and doc comment, and how it is read. What
/// follows: the TypeScript interface (a `typescript_custom_section`) and the function that
/// reads the object, so the names the `.d.ts` declares are the names the code reads.
///
/// Each property is read in the order written by a shared reader called as
/// `reader(extra.., value, key, what)` (`input::text_field`, `input::field`,
/// `input::named_field(TABLE)` ...), bound to the name after `=>`; `|v| expr` after the
/// reader converts it at once (`v` is what the reader answered). The block after the
/// properties makes the result from those names (core's checks that come after the shape).
macro_rules! js_input {
    (
        $(#[doc = $d:literal])* interface $ts:literal,
        $vis:vis fn $name:ident($arg:ident, $what:literal) -> $ty:ty { $($props:tt)* } $body:block
    ) => {
        $crate::input::js_input!(@ts [$($d)*] $ts { $($props)* });

        #[doc = concat!("`", $ts, "` of the TypeScript API, read (`", $what, "` names it in errors).")]
        $vis fn $name($arg: &wasm_bindgen::JsValue) -> Result<$ty, $crate::error::JsFailure> {
            const WHAT: &str = $what;
            $crate::input::js_input!(@read $arg, WHAT, { $($props)* });
            $body
        }
    };
    // The same, for an object whose name in errors is given by the caller (an item of
    // one of several lists).
    (
        $(#[doc = $d:literal])* interface $ts:literal,
        $vis:vis fn $name:ident($arg:ident, $what:ident: &str) -> $ty:ty { $($props:tt)* } $body:block
    ) => {
        $crate::input::js_input!(@ts [$($d)*] $ts { $($props)* });

        #[doc = concat!("`", $ts, "` of the TypeScript API, read (`", stringify!($what), "` names it in errors).")]
        $vis fn $name($arg: &wasm_bindgen::JsValue, $what: &str) -> Result<$ty, $crate::error::JsFailure> {
            $crate::input::js_input!(@read $arg, $what, { $($props)* });
            $body
        }
    };
    (@ts [$($d:literal)*] $ts:literal {
        $(
            $(#[doc = $fd:literal])*
            $key:literal $(? $(@$never:tt)?)? : $tstype:literal
            => $var:ident = $($reader:ident)::+ $(($($pre:expr),*))? $(|$x:ident| $conv:expr)?
        ),+ $(,)?
    }) => {
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const _: &str = concat!(
            "\n/**", $("\n *", $d,)* "\n */\nexport interface ", $ts, " {\n",
            $("    /**", $($fd,)* " */\n    ", $key, $("?", $($never)?)? ": ", $tstype, ";\n",)+
            "}\n"
        );
    };
    (@read $arg:ident, $what:ident, {
        $(
            $(#[doc = $fd:literal])*
            $key:literal $(? $(@$never:tt)?)? : $tstype:literal
            => $var:ident = $($reader:ident)::+ $(($($pre:expr),*))? $(|$x:ident| $conv:expr)?
        ),+ $(,)?
    }) => {
        $(
            let $var = $($reader)::+($($($pre,)*)? $arg, $key, $what)?;
            $(let $var = { let $x = $var; $conv };)?
        )+
    };
}
pub(crate) use js_input;

/// A tagged union JavaScript receives, written once: for each variant of a core enum, the
/// tag's value and the other properties (name, TypeScript type, value). What follows: the
/// TypeScript union of object types (`{ kind: "a" } | { kind: "b"; x: number }`) and the
/// function that builds the object of each variant with [`object`], by an exhaustive
/// `match`, so a variant the core gains does not compile until it is written here.
macro_rules! js_union {
    (
        $(#[doc = $d:literal])* type $ts:literal, tag $tag:literal,
        $vis:vis fn $name:ident($arg:ident: $ty:ty) {
            [$($p1:tt)+] => $l1:literal { $($k1:literal: $t1:literal = $v1:expr),* $(,)? }
            $(, [$($p:tt)+] => $l:literal { $($k:literal: $t:literal = $v:expr),* $(,)? })* $(,)?
        }
    ) => {
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const _: &str = concat!(
            "\n/**", $("\n *", $d,)* "\n */\nexport type ", $ts, " = ",
            "{ ", $tag, ": \"", $l1, "\"", $("; ", $k1, ": ", $t1,)* " }",
            $(" | { ", $tag, ": \"", $l, "\"", $("; ", $k, ": ", $t,)* " }",)*
            ";\n"
        );

        #[doc = concat!("`", $ts, "` of the TypeScript API.")]
        $vis fn $name($arg: $ty) -> wasm_bindgen::JsValue {
            match $arg {
                $($p1)+ => $crate::input::object(&[($tag, $l1.into()) $(, ($k1, $v1))*]),
                $($($p)+ => $crate::input::object(&[($tag, $l.into()) $(, ($k, $v))*]),)*
            }
        }
    };
}
pub(crate) use js_union;

/// The value named `name` in `table`.
///
/// # Errors
/// `input.invalid` for a name that is not one of the table's (TypeScript rules it out).
#[inline(never)]
pub(crate) fn named<T: Copy>(table: &[(T, &str)], name: &str, what: &str) -> Result<T, JsFailure> {
    table
        .iter()
        .find(|(_, n)| *n == name)
        .map(|(value, _)| *value)
        .ok_or_else(|| {
            JsFailure::invalid_input(&format!("{what} \"{name}\" is not one of its literals"))
        })
}

/// The string-literal property `value[key]`, looked up in `table`.
///
/// # Errors
/// `input.invalid` as for [`text_field`] and [`named`].
#[inline(never)]
pub(crate) fn named_field<T: Copy>(
    table: &[(T, &str)],
    value: &JsValue,
    key: &str,
    what: &str,
) -> Result<T, JsFailure> {
    named(
        table,
        &text_field(value, key, what)?,
        &format!("{what}.{key}"),
    )
}

/// `value` as an optional object: `undefined` and `null` are `None`.
#[inline(never)]
pub(crate) fn optional(value: JsValue) -> Option<JsValue> {
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

/// A plain object of these properties, in this order (`JSON.stringify` keeps it).
#[inline(never)]
pub(crate) fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        // Setting an own property of a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

/// An array of these values.
#[inline(never)]
pub(crate) fn list<I: IntoIterator<Item = JsValue>>(items: I) -> JsValue {
    items.into_iter().collect::<js_sys::Array>().into()
}

/// `null` for `None`.
#[inline(never)]
pub(crate) fn nullable<T: Into<JsValue>>(value: Option<T>) -> JsValue {
    value.map_or(JsValue::NULL, Into::into)
}
