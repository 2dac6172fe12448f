//! A small JSON reader and writer for the persisted wallet, following `docs/state.md`:
//! one runtime path for saving and loading in every language, with serde_json kept as
//! the tests' reference.
//!
//! It writes the bytes `serde_json::to_string` writes for saifu's types (compact, fields
//! in declaration order, serde_json's string escapes) and reads only the forms
//! docs/state.md documents: a record is an object with only its own fields, a unit
//! variant a bare string, a variant with fields `{"variant": {…}}`. serde's other forms
//! (a struct as an array of its fields, a unit variant as `{"variant": null}`) and any
//! unknown field are refused, each with its own detail. The typed readers recurse only
//! as deep as the schema nests.

use std::borrow::Cow;

use crate::error::Error;

/// Why a text is not JSON of the documented shape: the `detail` of the `state.malformed`
/// that [`parse`] and [`parse_with`] answer. The readers pass only this detail along
/// (one pointer-sized text rather than a whole [`Error`]) and the error is made once, at
/// the end.
pub(crate) struct Malformed(String);

pub(crate) type Result<T> = std::result::Result<T, Malformed>;

impl From<Malformed> for Error {
    fn from(m: Malformed) -> Error {
        Error::StateMalformed { detail: m.0 }
    }
}

/// The detail of a record written as an array of its fields (serde reads that form; saifu
/// does not).
pub(crate) const RECORD_AS_ARRAY: &str = "a record is an object, not an array";

/// The detail of a unit variant written as `{"variant": null}` (serde reads that form;
/// saifu does not).
pub(crate) const UNIT_AS_OBJECT: &str = "a variant without fields is a string";

/// A value as JSON.
pub(crate) trait Write {
    /// Appends the value.
    fn write(&self, w: &mut Writer);
}

/// A value read from JSON.
pub(crate) trait Read: Sized {
    /// Reads one value, after optional whitespace.
    fn read(r: &mut Reader<'_>) -> Result<Self>;
}

/// Where one field of a record is read to, by [`Reader::fields`]: every field type's
/// reading goes through this one interface, so a record's reader is a list of its fields
/// rather than code of its own for each.
pub(crate) trait Slot {
    /// Reads the field's value into the slot.
    fn fill(&mut self, r: &mut Reader<'_>) -> Result<()>;
}

impl<T: Read> Slot for Option<T> {
    fn fill(&mut self, r: &mut Reader<'_>) -> Result<()> {
        *self = Some(T::read(r)?);
        Ok(())
    }
}

/// `value` as compact JSON.
pub(crate) fn to_string<T: Write + ?Sized>(value: &T) -> String {
    let mut w = Writer::default();
    value.write(&mut w);
    w.out
}

/// Reads all of `json` with `read`: only whitespace may follow the value.
pub(crate) fn parse_with<T>(
    json: &str,
    read: impl FnOnce(&mut Reader<'_>) -> Result<T>,
) -> std::result::Result<T, Error> {
    let mut r = Reader { text: json, pos: 0 };
    let value = read(&mut r)?;
    match r.peek() {
        None => Ok(value),
        Some(_) => Err(r.fail("trailing characters").into()),
    }
}

/// The `version` of a saved document (the wallet's, the charges', the cards', the user
/// state's), read before the document is read by that version's reader.
///
/// # Errors
/// `state.malformed` (not JSON, not an object, no `version`); `state.unsupported_version`
/// for a version not in `readable`.
pub(crate) fn version(json: &str, readable: &[u32]) -> std::result::Result<u32, Error> {
    // The documents saifu writes start with their version. When it is one this build
    // reads, that version's reader checks the rest; anything else is looked at whole,
    // so a malformed document is `state.malformed` before its version is judged.
    if let Some(known) = leading_version(json).filter(|v| readable.contains(v)) {
        return Ok(known);
    }
    let version = parse_with(json, |r| r.only_field::<u64>("version"))?.ok_or_else(|| {
        Error::StateMalformed {
            detail: "no version".into(),
        }
    })?;
    let known = u32::try_from(version).unwrap_or(u32::MAX);
    if readable.contains(&known) {
        Ok(known)
    } else {
        Err(Error::StateUnsupportedVersion { version: known })
    }
}

/// The version of a document whose first member is `"version"`, without reading further.
fn leading_version(json: &str) -> Option<u32> {
    let mut r = Reader { text: json, pos: 0 };
    r.expect(b'{').ok()?;
    if r.str().ok()? != "version" {
        return None;
    }
    r.expect(b':').ok()?;
    u32::try_from(u64::read(&mut r).ok()?).ok()
}

/// Reads all of `json` as a `T`.
pub(crate) fn parse<T: Read>(json: &str) -> std::result::Result<T, Error> {
    parse_with(json, T::read)
}

/// Compact JSON, written front to back. Each value or key is preceded by a comma unless
/// it opens its object or array or follows a key.
#[derive(Default)]
pub(crate) struct Writer {
    out: String,
}

impl Writer {
    fn sep(&mut self) {
        if !matches!(self.out.as_bytes().last(), None | Some(b'{' | b'[' | b':')) {
            self.out.push(',');
        }
    }

    /// Opens an object (`{`) or array (`[`).
    pub(crate) fn open(&mut self, bracket: char) {
        self.sep();
        self.out.push(bracket);
    }

    /// Closes an object (`}`) or array (`]`).
    pub(crate) fn close(&mut self, bracket: char) {
        self.out.push(bracket);
    }

    /// A key of the object being written (saifu's keys need no escaping).
    pub(crate) fn key(&mut self, key: &str) {
        self.sep();
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
    }

    /// A number or `null`, as given.
    pub(crate) fn raw(&mut self, text: &str) {
        self.sep();
        self.out.push_str(text);
    }

    /// A string, escaped as serde_json escapes it: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`,
    /// `\t`, other control characters as `\u00xx`; everything else as it is.
    pub(crate) fn str(&mut self, s: &str) {
        self.sep();
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                c if c < ' ' => {
                    let n = u32::from(c);
                    self.out.push_str(if n < 16 { "\\u000" } else { "\\u001" });
                    self.out.extend(char::from_digit(n % 16, 16));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

/// An integer as serde_json keeps one: within `u64`, or negative within `i64`.
enum Integer {
    Unsigned(u64),
    Negative(i64),
}

/// A pull reader over JSON text, following serde_json's grammar: whitespace is space,
/// tab, line feed and carriage return; numbers as RFC 8259 writes them.
pub(crate) struct Reader<'a> {
    text: &'a str,
    /// Always on a character boundary: the reader only steps over ASCII bytes and over
    /// runs that end before one.
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A string: borrowed from the text when it has no escape (saifu's keys, ids, codes,
    /// instants and dates never do), decoded otherwise; an unpaired surrogate escape is
    /// refused.
    pub(crate) fn str(&mut self) -> Result<Cow<'a, str>> {
        if !self.eat(b'"') {
            return Err(self.fail("expected a string"));
        }
        if let Some(plain) = self.plain() {
            return Ok(Cow::Borrowed(plain));
        }
        let mut out = String::new();
        self.chars(Some(&mut out))?;
        Ok(Cow::Owned(out))
    }

    /// The rest of a string whose `"` has been read, when it has no escape or control
    /// character: borrowed, with the closing `"` consumed. `None`, having consumed
    /// nothing, when the string needs [`Reader::chars`].
    fn plain(&mut self) -> Option<&'a str> {
        let text = self.text;
        let rest = text.get(self.pos..).unwrap_or_default();
        let len = plain_len(rest.as_bytes());
        if rest.as_bytes().get(len) != Some(&b'"') {
            return None;
        }
        self.advance(len.saturating_add(1));
        rest.get(..len)
    }
}

/// How many bytes of `bytes` come before the first `"`, `\` or control character (below
/// 0x20): the plain run of a string, which needs no decoding. Eight bytes at a time, as
/// serde_json's `skip_to_escape` (Mycroft's zero-byte test): `v.wrapping_sub(ONES) & !v`
/// sets a byte's high bit when that byte of `v` is 0, exactly up to the first such byte
/// (the borrow only runs upward from it); `v` is the bytes XOR `"` or `\` for those two,
/// and the bytes themselves minus 0x20 finds those below 0x20. The tail goes a byte at a
/// time.
fn plain_len(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    const QUOTES: u64 = 0x2222_2222_2222_2222;
    const BACKSLASHES: u64 = 0x5C5C_5C5C_5C5C_5C5C;
    let stops = |b: &u8| *b == b'"' || *b == b'\\' || *b < 0x20;
    let mut done = 0usize;
    for chunk in bytes.chunks_exact(8) {
        let Ok(eight) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let v = u64::from_le_bytes(eight);
        let (quote, backslash) = (v ^ QUOTES, v ^ BACKSLASHES);
        let found = (v.wrapping_sub(SPACES) & !v
            | quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash)
            & HIGH;
        if found != 0 {
            // The lowest flagged byte is the first (little-endian): its bit is 8k + 7.
            return done.saturating_add((found.trailing_zeros() / 8) as usize);
        }
        done = done.saturating_add(8);
    }
    let tail = bytes.get(done..).unwrap_or_default();
    done.saturating_add(tail.iter().position(stops).unwrap_or(tail.len()))
}

impl Reader<'_> {
    /// `state.malformed` naming what went wrong and where.
    pub(crate) fn fail(&self, what: &str) -> Malformed {
        Malformed(format!("{what} at byte {}", self.pos))
    }

    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    /// The byte at the cursor, whitespace included.
    fn at(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn advance(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n);
    }

    /// The next byte after whitespace (the whitespace is consumed).
    fn peek(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.at() {
            self.advance(1);
        }
        self.at()
    }

    /// Consumes `byte` if it comes next after whitespace.
    pub(crate) fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.advance(1);
        }
        found
    }

    /// Consumes `byte`, which must come next after whitespace.
    pub(crate) fn expect(&mut self, byte: u8) -> Result<()> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.fail(match byte {
                b':' => "expected `:`",
                b']' => "expected `,` or `]`",
                b'}' => "expected `,` or `}`",
                _ => "expected a value",
            }))
        }
    }

    /// Consumes `word` (`null`, `true`, `false`), which must come next.
    fn literal(&mut self, word: &str) -> Result<()> {
        self.peek();
        if self.rest().starts_with(word) {
            self.advance(word.len());
            Ok(())
        } else {
            Err(self.fail("expected a value"))
        }
    }

    /// True, having consumed it, when `null` comes next.
    pub(crate) fn null(&mut self) -> Result<bool> {
        let null = self.peek() == Some(b'n');
        if null {
            self.literal("null")?;
        }
        Ok(null)
    }

    /// A string, decoded and owned (see [`Reader::str`]).
    pub(crate) fn string(&mut self) -> Result<String> {
        self.str().map(Cow::into_owned)
    }

    /// The rest of a string whose `"` has been read: decoded into `out`, or with `None`
    /// only checked, as serde_json checks a string it skips (escapes well formed, any
    /// `\u` escape of four hex digits taken, paired or not).
    fn chars(&mut self, mut out: Option<&mut String>) -> Result<()> {
        loop {
            let rest = self.rest();
            let run = plain_len(rest.as_bytes());
            if let Some(out) = out.as_deref_mut() {
                out.push_str(rest.get(..run).unwrap_or_default());
            }
            self.advance(run);
            let byte = self.at();
            self.advance(1);
            match byte {
                Some(b'"') => return Ok(()),
                Some(b'\\') => {}
                Some(_) => return Err(self.fail("control character in a string")),
                None => return Err(self.fail("unterminated string")),
            }
            let escape = self.at();
            self.advance(1);
            let c = match escape {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'/') => '/',
                Some(b'b') => '\u{8}',
                Some(b'f') => '\u{c}',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'u') => {
                    let n = self.hex4()?;
                    let Some(out) = out.as_deref_mut() else {
                        continue;
                    };
                    let c = match n {
                        0xD800..=0xDBFF => {
                            let low = if self.rest().starts_with("\\u") {
                                self.advance(2);
                                self.hex4()?
                            } else {
                                0
                            };
                            if !(0xDC00..=0xDFFF).contains(&low) {
                                return Err(self.fail("unpaired surrogate in a \\u escape"));
                            }
                            0x1_0000u32
                                .saturating_add(n.saturating_sub(0xD800).saturating_mul(0x400))
                                .saturating_add(low.saturating_sub(0xDC00))
                        }
                        n => n,
                    };
                    out.push(
                        char::from_u32(c)
                            .ok_or_else(|| self.fail("unpaired surrogate in a \\u escape"))?,
                    );
                    continue;
                }
                _ => return Err(self.fail("invalid escape")),
            };
            if let Some(out) = out.as_deref_mut() {
                out.push(c);
            }
        }
    }

    /// The four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32> {
        let mut n = 0u32;
        for _ in 0..4 {
            let digit = self
                .at()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.fail("invalid \\u escape"))?;
            n = n.saturating_mul(16).saturating_add(digit);
            self.advance(1);
        }
        Ok(n)
    }

    /// Consumes ASCII digits: how many, and their value unless it passes `u64::MAX`.
    fn digits(&mut self) -> (usize, Option<u64>) {
        let (mut count, mut value) = (0usize, Some(0u64));
        for d in self.rest().bytes().take_while(u8::is_ascii_digit) {
            value = value
                .and_then(|v| v.checked_mul(10))
                .and_then(|v| v.checked_add(u64::from(d.wrapping_sub(b'0'))));
            count = count.saturating_add(1);
        }
        self.advance(count);
        (count, value)
    }

    /// A number: its value when serde_json keeps it as an integer (no fraction or
    /// exponent, within `u64`, or negative within `i64` and not `-0`), `None` for any
    /// other well-formed number.
    fn number(&mut self) -> Result<Option<Integer>> {
        self.peek();
        let negative = self.at() == Some(b'-');
        if negative {
            self.advance(1);
        }
        let leading_zero = self.at() == Some(b'0');
        let (count, mut value) = self.digits();
        if count == 0 || (leading_zero && count > 1) {
            return Err(self.fail("invalid number"));
        }
        if self.at() == Some(b'.') {
            self.advance(1);
            if self.digits().0 == 0 {
                return Err(self.fail("invalid number"));
            }
            value = None;
        }
        if let Some(b'e' | b'E') = self.at() {
            self.advance(1);
            if let Some(b'+' | b'-') = self.at() {
                self.advance(1);
            }
            if self.digits().0 == 0 {
                return Err(self.fail("invalid number"));
            }
            value = None;
        }
        Ok(match value {
            Some(v) if !negative => Some(Integer::Unsigned(v)),
            Some(v) if v > 0 => 0i64.checked_sub_unsigned(v).map(Integer::Negative),
            _ => None,
        })
    }

    /// An integer within `T`'s range (serde_json refuses `1.0`, `1e2` and `-0` there).
    pub(crate) fn integer<T: TryFrom<u64> + TryFrom<i64>>(&mut self) -> Result<T> {
        match self.number()? {
            Some(Integer::Unsigned(n)) => T::try_from(n).ok(),
            Some(Integer::Negative(n)) => T::try_from(n).ok(),
            None => None,
        }
        .ok_or_else(|| self.fail("expected an integer in range"))
    }

    /// A non-negative integer up to `u128::MAX`, read as serde_json reads a `u128`:
    /// digits only, without a sign or a leading zero; a fraction or an exponent after
    /// them is left for the caller, which then finds no `,` or `}` and refuses.
    pub(crate) fn unsigned128(&mut self) -> Result<u128> {
        match self.peek() {
            Some(b'0') => {
                self.advance(1);
                if let Some(b'0'..=b'9') = self.at() {
                    return Err(self.fail("invalid number"));
                }
                Ok(0)
            }
            Some(b'1'..=b'9') => {
                let start = self.pos;
                let mut value = 0u128;
                while let Some(d @ b'0'..=b'9') = self.at() {
                    value = value
                        .wrapping_mul(10)
                        .wrapping_add(u128::from(d.wrapping_sub(b'0')));
                    self.advance(1);
                }
                // Fewer digits than `u128::MAX` has fit; as many fit when not above it
                // (same length: compared as text). Past that, `value` wrapped.
                const MAX: &str = "340282366920938463463374607431768211455";
                let digits = self.text.get(start..self.pos).unwrap_or_default();
                let fits = digits.len() < MAX.len() || (digits.len() == MAX.len() && digits <= MAX);
                if fits {
                    Ok(value)
                } else {
                    Err(self.fail("number out of range"))
                }
            }
            Some(b'-') => Err(self.fail("number out of range")),
            _ => Err(self.fail("invalid number")),
        }
    }

    /// Skips one value, checking only that it is JSON (for [`Reader::only_field`]): with a
    /// stack of its own, so no depth overflows the call stack.
    fn skip(&mut self) -> Result<()> {
        let mut open: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                Some(b'{') => {
                    self.advance(1);
                    if !self.eat(b'}') {
                        open.push(b'}');
                        self.skip_key()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.advance(1);
                    if !self.eat(b']') {
                        open.push(b']');
                        continue;
                    }
                }
                Some(b'"') => {
                    self.advance(1);
                    if self.plain().is_none() {
                        self.chars(None)?;
                    }
                }
                Some(b't') => self.literal("true")?,
                Some(b'f') => self.literal("false")?,
                Some(b'n') => self.literal("null")?,
                _ => {
                    self.number()?;
                }
            }
            // After a value: close what ends here, up to the next comma.
            loop {
                let Some(&close) = open.last() else {
                    return Ok(());
                };
                if self.eat(b',') {
                    if close == b'}' {
                        self.skip_key()?;
                    }
                    break;
                }
                self.expect(close)?;
                open.pop();
            }
        }
    }

    /// The text of the next value, checked to be JSON (without recursion), as written:
    /// a document kept inside another, read by its own reader afterwards.
    pub(crate) fn embedded(&mut self) -> Result<&str> {
        self.peek();
        let start = self.pos;
        self.skip()?;
        Ok(self.text.get(start..self.pos).unwrap_or_default())
    }

    fn skip_key(&mut self) -> Result<()> {
        if !self.eat(b'"') {
            return Err(self.fail("expected a key"));
        }
        if self.plain().is_none() {
            self.chars(None)?;
        }
        self.expect(b':')
    }

    /// Reads the one field `name` of an object, skipping every other member: how a
    /// document's `version` is found before its version's reader is chosen. `None` when
    /// the object has no such field.
    pub(crate) fn only_field<T: Read>(&mut self, name: &str) -> Result<Option<T>> {
        let mut found = None;
        if self.peek() == Some(b'[') {
            return Err(self.fail(RECORD_AS_ARRAY));
        }
        self.expect(b'{')?;
        if self.eat(b'}') {
            return Ok(found);
        }
        loop {
            let key = self.str()?;
            self.expect(b':')?;
            if key == name && found.is_none() {
                found = Some(T::read(self)?);
            } else if key == name {
                return Err(self.fail(&format!("duplicate field `{}`", Error::echo(&key))));
            } else {
                self.skip()?;
            }
            if !self.eat(b',') {
                self.expect(b'}')?;
                return Ok(found);
            }
        }
    }

    /// Reads an array, calling `item` for each element.
    pub(crate) fn list(&mut self, item: &mut dyn FnMut(&mut Self) -> Result<()>) -> Result<()> {
        if !self.eat(b'[') {
            return Err(self.fail("expected an array"));
        }
        if self.eat(b']') {
            return Ok(());
        }
        loop {
            item(self)?;
            if !self.eat(b',') {
                return self.expect(b']');
            }
        }
    }

    /// Reads a record: an object whose keys are among `names`, each at most once; any
    /// other key is refused, and so is serde's array of the fields in order
    /// ([`RECORD_AS_ARRAY`]). The field `names[i]` is read into `slots[i]`; the caller
    /// judges the missing ones.
    pub(crate) fn fields(&mut self, names: &[&str], slots: &mut [&mut dyn Slot]) -> Result<()> {
        if self.peek() == Some(b'[') {
            return Err(self.fail(RECORD_AS_ARRAY));
        }
        if !self.eat(b'{') {
            return Err(self.fail("expected an object"));
        }
        if self.eat(b'}') {
            return Ok(());
        }
        // One bit per name: saifu's types have far fewer than 64 fields.
        let mut seen = 0u64;
        // saifu writes the fields in the order of `names`: the name after the last one
        // read is tried first, and the whole list only when that is not the key.
        let mut next = 0usize;
        loop {
            let key = self.str()?;
            self.expect(b':')?;
            let ix = match names.get(next) {
                Some(name) if *name == key => next,
                _ => match names.iter().position(|n| *n == key) {
                    Some(ix) => ix,
                    None => {
                        return Err(self.fail(&format!("unknown field `{}`", Error::echo(&key))));
                    }
                },
            };
            next = ix.saturating_add(1);
            let bit = u32::try_from(ix)
                .ok()
                .and_then(|ix| 1u64.checked_shl(ix))
                .ok_or_else(|| self.fail("too many fields"))?;
            if seen & bit != 0 {
                return Err(self.fail(&format!("duplicate field `{}`", Error::echo(&key))));
            }
            seen |= bit;
            if let Some(slot) = slots.get_mut(ix) {
                slot.fill(self)?;
            }
            if !self.eat(b',') {
                return self.expect(b'}');
            }
        }
    }

    /// Reads the tag of an externally tagged enum: a bare string (`false`), or `{"tag":`
    /// (`true`), after which come the variant's fields and `}`.
    pub(crate) fn variant(&mut self, names: &[&str]) -> Result<(usize, bool)> {
        let wrapped = self.eat(b'{');
        let tag = self.str()?;
        if wrapped {
            self.expect(b':')?;
        }
        let ix = names
            .iter()
            .position(|n| *n == tag)
            .ok_or_else(|| self.fail(&format!("unknown variant `{}`", Error::echo(&tag))))?;
        Ok((ix, wrapped))
    }

    /// A unit variant is a bare string: serde's `{"tag": null}` is refused
    /// ([`UNIT_AS_OBJECT`]).
    pub(crate) fn unit_end(&self, wrapped: bool) -> Result<()> {
        if wrapped {
            Err(self.fail(UNIT_AS_OBJECT))
        } else {
            Ok(())
        }
    }

    /// A unit-only enum's variant, as an index into `names`.
    pub(crate) fn unit(&mut self, names: &[&str]) -> Result<usize> {
        let (ix, wrapped) = self.variant(names)?;
        self.unit_end(wrapped)?;
        Ok(ix)
    }
}

/// `missing field` for the first of `names` that is not `present`.
#[cold]
pub(crate) fn missing(names: &[&str], present: &[bool]) -> Malformed {
    let name = names
        .iter()
        .zip(present)
        .find(|(_, present)| !**present)
        .map(|(name, _)| *name)
        .unwrap_or_default();
    Malformed(format!("missing field `{name}`"))
}

impl Write for str {
    fn write(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl Write for String {
    fn write(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl Read for String {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.string()
    }
}

impl Write for bool {
    fn write(&self, w: &mut Writer) {
        w.raw(if *self { "true" } else { "false" });
    }
}

impl Read for bool {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        match r.peek() {
            Some(b't') => r.literal("true").map(|()| true),
            Some(b'f') => r.literal("false").map(|()| false),
            _ => Err(r.fail("expected a boolean")),
        }
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Write for $t {
            fn write(&self, w: &mut Writer) {
                w.raw(&self.to_string());
            }
        }

        impl Read for $t {
            fn read(r: &mut Reader<'_>) -> Result<Self> {
                r.integer()
            }
        }
    )*};
}

integers!(u32, u64, i64);

impl<T: Write + ?Sized> Write for &T {
    fn write(&self, w: &mut Writer) {
        (**self).write(w);
    }
}

impl<T: Write> Write for Option<T> {
    fn write(&self, w: &mut Writer) {
        match self {
            Some(value) => value.write(w),
            None => w.raw("null"),
        }
    }
}

impl<T: Read> Read for Option<T> {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        if r.null()? {
            Ok(None)
        } else {
            T::read(r).map(Some)
        }
    }
}

impl<T: Write> Write for [T] {
    fn write(&self, w: &mut Writer) {
        w.open('[');
        for item in self {
            item.write(w);
        }
        w.close(']');
    }
}

impl<T: Write> Write for Vec<T> {
    fn write(&self, w: &mut Writer) {
        self.as_slice().write(w);
    }
}

/// A list field: its items read straight into the slot's list.
impl<T: Read> Slot for Option<Vec<T>> {
    fn fill(&mut self, r: &mut Reader<'_>) -> Result<()> {
        let items = self.insert(Vec::new());
        r.list(&mut |r| {
            items.push(T::read(r)?);
            Ok(())
        })
    }
}

/// Reads all of `json` as a list of `T`.
pub(crate) fn parse_list<T: Read>(json: &str) -> std::result::Result<Vec<T>, Error> {
    parse_with(json, |r| {
        let mut items = Vec::new();
        r.list(&mut |r| {
            items.push(T::read(r)?);
            Ok(())
        })?;
        Ok(items)
    })
}

/// Reads a struct's fields (see [`Reader::fields`]) into `Type { … }`: the fields before
/// `default { … }` are required, those in it take their default when absent (serde's
/// `#[serde(default)]`; they come last in declaration order). Unknown fields are refused.
macro_rules! read_fields {
    ($r:expr, $($ty:ident)::+ { $($f:ident),* } $(default { $($d:ident),* })?) => {{
        $(let mut $f = None;)*
        $($(let mut $d = None;)*)?
        $r.fields(
            &[$(stringify!($f),)* $($(stringify!($d),)*)?],
            &mut [
                $(&mut $f as &mut dyn $crate::json::Slot,)*
                $($(&mut $d as &mut dyn $crate::json::Slot,)*)?
            ],
        )?;
        // One test of all required fields together, so that a missing one takes a
        // single shared error path (rather than one per field, each dropping what was
        // read before it).
        let present = [$($f.is_some()),*];
        #[allow(unreachable_patterns)] // a struct without required fields
        match ($($f,)*) {
            ($(Some($f),)*) => $($ty)::+ {
                $($f,)*
                $($($d: $d.unwrap_or_default(),)*)?
            },
            _ => return Err($crate::json::missing(&[$(stringify!($f)),*], &present)),
        }
    }};
}
pub(crate) use read_fields;

/// Writes `{"field":value,…}` for the named fields of `$v`.
macro_rules! write_fields {
    ($w:expr, $v:expr, $($f:ident),* $(,)?) => {{
        $w.open('{');
        $($w.key(stringify!($f)); $crate::json::Write::write(&$v.$f, $w);)*
        $w.close('}');
    }};
}
pub(crate) use write_fields;

/// [`Read`] and [`Write`] for a struct with named fields, as serde derives them.
macro_rules! record {
    ($ty:ident { $($f:ident),* } $(default { $($d:ident),* })?) => {
        impl $crate::json::Write for $ty {
            fn write(&self, w: &mut $crate::json::Writer) {
                $crate::json::write_fields!(w, self, $($f,)* $($($d,)*)?);
            }
        }

        impl $crate::json::Read for $ty {
            fn read(r: &mut $crate::json::Reader<'_>) -> $crate::json::Result<Self> {
                Ok($crate::json::read_fields!(r, $ty { $($f),* } $(default { $($d),* })?))
            }
        }
    };
}
pub(crate) use record;

/// [`Read`] and [`Write`] for a unit-only enum, as the snake_case ids its `id()` gives.
macro_rules! unit_enum {
    ($ty:ident [$($v:ident),*]) => {
        impl $crate::json::Write for $ty {
            fn write(&self, w: &mut $crate::json::Writer) {
                w.str(self.id());
            }
        }

        impl $crate::json::Read for $ty {
            fn read(r: &mut $crate::json::Reader<'_>) -> $crate::json::Result<Self> {
                // The ids written out, not `all.map(id)`: an array `map` is one more
                // generic instance per enum in the WebAssembly build.
                let all = [$($ty::$v),*];
                let ix = r.unit(&[$($ty::$v.id()),*])?;
                all.get(ix).copied().ok_or_else(|| r.fail("unknown variant"))
            }
        }
    };
}
pub(crate) use unit_enum;

/// Writes a struct variant, externally tagged: `{"tag":{"field":value,…}}`, each field
/// a binding of that name.
macro_rules! tagged {
    ($w:expr, $tag:literal, $($f:ident),*) => {{
        $w.open('{');
        $w.key($tag);
        $w.open('{');
        $($w.key(stringify!($f)); $crate::json::Write::write($f, $w);)*
        $w.close('}');
        $w.close('}');
    }};
}
pub(crate) use tagged;

/// The content of a struct variant comes only after `{"tag":`.
pub(crate) fn struct_variant(r: &Reader<'_>, wrapped: bool) -> Result<()> {
    if wrapped {
        Ok(())
    } else {
        Err(r.fail("a struct variant needs its fields"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip(json: &str) -> std::result::Result<(), Error> {
        parse_with(json, |r| r.skip())
    }

    #[test]
    fn a_leading_readable_version_is_taken_without_reading_on() {
        // The rest is the version's reader's to check.
        assert_eq!(version(r#"{"version":1,"#, &[1]), Ok(1));
        assert_eq!(version(r#"{"version":1,"lots":[]}"#, &[1]), Ok(1));
        // Anywhere else, or not readable: the whole document is looked at first.
        assert_eq!(version(r#"{"a":[],"version":1}"#, &[1]), Ok(1));
        assert_eq!(
            version(r#"{"version":2,"#, &[1]).unwrap_err().code(),
            "state.malformed"
        );
        assert_eq!(
            version(r#"{"version":2}"#, &[1]),
            Err(Error::StateUnsupportedVersion { version: 2 })
        );
        assert_eq!(
            version(r#"{"version":1.5}"#, &[1]).unwrap_err().code(),
            "state.malformed"
        );
        assert_eq!(
            crate::Wallet::from_json(r#"{"version":1,"#)
                .unwrap_err()
                .code(),
            "state.malformed"
        );
    }

    #[test]
    fn writes_strings_as_serde_json_does() {
        let all: String = (0u32..0x80).filter_map(char::from_u32).collect::<String>() + "é/🙂";
        let mut w = Writer::default();
        w.str(&all);
        assert_eq!(w.out, serde_json::to_string(&all).unwrap());
    }

    #[test]
    fn skips_any_json_and_only_json() {
        for ok in [
            "null",
            "true",
            " [ 1 , -2.5e+3 , \"\\ud800\" , { \"a\" : [ ] , \"\\udc00\" : { } } ] ",
            "0",
            "-0.0E-0",
            "\"\\u00e9\\n\\/\"",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "{\"a\":{\"a\":{\"a\":{}}}}",
        ] {
            assert!(skip(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "[",
            "[1,]",
            "{\"a\"}",
            "{\"a\":1,}",
            "01",
            "1.",
            "1e",
            "-",
            "+1",
            ".5",
            "nul",
            "[1 2]",
            "{1:2}",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\t\"",
            "[}",
            "{]",
            "\"",
            "1 2",
            "{\"a\":{}}}",
            "\"\\u00\u{e9}\"",
        ] {
            assert!(skip(bad).is_err(), "{bad}");
        }
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(skip(&deep).is_ok());
        assert!(skip(&"[".repeat(100_000)).is_err());
    }

    #[test]
    fn plain_runs_stop_where_a_byte_loop_stops() {
        let stops = |b: u8| b == b'"' || b == b'\\' || b < 0x20;
        // Every byte value at every place of a run that spans two words and a tail, amid
        // plain bytes below and above 0x80 (where a word's borrow could mislead).
        for filler in [b'a', b' ', 0x7f, 0x80, 0xa0, 0xff, b'!', b'#', b'[', b']'] {
            for len in 0..20 {
                for at in 0..len {
                    for byte in 0..=255u8 {
                        let mut bytes = vec![filler; len];
                        bytes[at] = byte;
                        let expected = bytes.iter().position(|b| stops(*b)).unwrap_or(len);
                        assert_eq!(plain_len(&bytes), expected, "{bytes:?}");
                    }
                }
            }
        }
        // Two stops in one word: the first counts.
        assert_eq!(plain_len(b"ab\\cd\"efgh"), 2);
        assert_eq!(plain_len(b"abcdefg\x01\"x"), 7);
    }

    #[test]
    fn reads_integers_as_serde_json_does() {
        let int = |s: &str| parse_with(s, |r| r.integer::<i64>()).ok();
        assert_eq!(int(" 12 "), Some(12));
        assert_eq!(int("-9223372036854775808"), Some(i64::MIN));
        assert_eq!(int("9223372036854775808"), None);
        assert_eq!(int("-0"), None);
        assert_eq!(int("0"), Some(0));
        for bad in [
            "1.0",
            "1e2",
            "01",
            "-01",
            "- 1",
            "18446744073709551616",
            "\"1\"",
        ] {
            assert_eq!(int(bad), None, "{bad}");
            assert_eq!(
                serde_json::from_str::<i64>(bad).ok(),
                None,
                "serde_json agrees on {bad}"
            );
        }
        let u = |s: &str| parse_with(s, |r| r.integer::<u64>()).ok();
        assert_eq!(u("18446744073709551615"), Some(u64::MAX));
        assert_eq!(u("-1"), None);
    }

    #[test]
    fn reads_strings_as_serde_json_does() {
        for s in [
            r#""a\"\\\/\b\f\n\r\t""#,
            r#""\u00e9\u00E9\ud83d\ude42""#,
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\ud800\n""#,
            r#""\ud800\ud800\udc00""#,
            "\"\u{1}\"",
            "\"\u{7f}\"",
            r#""\u0000""#,
            r#""\uD83D\uDE42""#,
        ] {
            let ours = parse::<String>(s).ok();
            let theirs = serde_json::from_str::<String>(s).ok();
            assert_eq!(ours, theirs, "{s}");
        }
    }
}
