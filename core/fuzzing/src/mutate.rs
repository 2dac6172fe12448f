//! Compact JSON changed where a reader could go wrong, for the codec's comparison with
//! serde_json on texts beside the ones saifu writes.

/// `json` (saifu's compact output) changed `rounds` times where a reader could go
/// wrong: members dropped, repeated, reordered or added; objects written as arrays;
/// unit variants as `{"variant":null}`; numbers and strings rewritten, valid or not;
/// whitespace; tokens deleted or inserted. `seed` picks the changes.
pub fn mutate(json: &str, seed: u64, rounds: usize) -> String {
    let mut rng = SplitMix(seed);
    let mut tokens = tokenize(json);
    for _ in 0..rounds {
        mutate_once(&mut tokens, &mut rng);
    }
    tokens.concat()
}

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The tokens of compact JSON: strings, numbers, words and single punctuation marks.
fn tokenize(json: &str) -> Vec<String> {
    let b = json.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                while i < b.len() && matches!(b[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
            }
            b'a'..=b'z' => {
                while i < b.len() && b[i].is_ascii_lowercase() {
                    i += 1;
                }
            }
            _ => i += json[i..].chars().next().map_or(1, char::len_utf8),
        }
        out.push(json[start..i.min(b.len())].to_owned());
    }
    out
}

/// The index after the value that starts at `i`.
fn value_end(tokens: &[String], i: usize) -> usize {
    match tokens.get(i).map(String::as_str) {
        Some("{" | "[") => {
            let mut depth = 0usize;
            for (j, t) in tokens.iter().enumerate().skip(i) {
                match t.as_str() {
                    "{" | "[" => depth += 1,
                    "}" | "]" => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
            }
            tokens.len()
        }
        _ => i + 1,
    }
}

/// The members of the object or array opening at `open`: their token ranges.
fn members(tokens: &[String], open: usize) -> Vec<(usize, usize)> {
    let is_object = tokens[open] == "{";
    let mut out = Vec::new();
    let mut i = open + 1;
    while i < tokens.len() && tokens[i] != "}" && tokens[i] != "]" {
        let start = i;
        if is_object {
            i += 2; // key and colon
        }
        i = value_end(tokens, i).min(tokens.len()); // a cut-short text ends early
        out.push((start, i));
        if tokens.get(i).map(String::as_str) == Some(",") {
            i += 1;
        }
    }
    out
}

/// Rebuilds a container from its members, in a new order or number.
fn rebuild(
    tokens: &[String],
    open: usize,
    parts: &[Vec<String>],
    brackets: (&str, &str),
) -> Vec<String> {
    let end = value_end(tokens, open);
    let mut out: Vec<String> = tokens[..open].to_vec();
    out.push(brackets.0.to_owned());
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            out.push(",".to_owned());
        }
        out.extend(part.iter().cloned());
    }
    out.push(brackets.1.to_owned());
    out.extend(tokens[end..].iter().cloned());
    out
}

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "1.0",
    "1e0",
    "1E2",
    "-1e-2",
    "01",
    "00",
    "+1",
    "1.",
    ".5",
    "0.0",
    "9007199254740991",
    "9007199254740992",
    "-9007199254740991",
    "-9007199254740992",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "1e400",
    "-",
    "2",
    "1 ",
    "1.5e3",
    "\"1\"",
    "null",
];

const STRINGS: &[&str] = &[
    "\"\"",
    "\"\\ud800\"",
    "\"\\udc00\"",
    "\"\\ud83d\\ude42\"",
    "\"\\u00e9\"",
    "\"\\u0041\"",
    "\"\\x\"",
    "\"\u{1}\"",
    "\"\\u0001\"",
    "\"\\/\"",
    "\"JPY\"",
    "\"jpy\"",
    "\"USD\"",
    "\"QQQ\"",
    "\" N7af3c1d7AV9b2e4 \"",
    "\"2026-01-01\"",
    "\"2026-1-1\"",
    "\"2026-02-30\"",
    "\"2026-01-01T00:00:00Z\"",
    "\"2026-01-01T00:00:00.5+09:00\"",
    "\"2026-01-01 00:00:00\"",
    "\"restored\"",
    "\"forfeited\"",
    "\"reissued\"",
    "\"reject\"",
    "\"forfeit\"",
    "\"reissue\"",
    "\"small\"",
    "\"large\"",
    "\"charge\"",
    "\"restricted_first\"",
    "\"all_stores\"",
    "\"L0\"",
    "\"L1\"",
    "\"p0\"",
    "\"m0\"",
    "\"C1\"",
    "\"\\u004c0\"",
];

const VALUES: &[&str] = &[
    "null",
    "true",
    "false",
    "[]",
    "{}",
    "0",
    "1",
    "\"s\"",
    "[1]",
    "{\"a\":1}",
    "1.5",
    "[[[[[[[[[[]]]]]]]]]]",
    "\"\\ud800\"",
    "{\"valid_days\":3}",
    "{\"reissue\":{\"valid_days\":3}}",
];

const TOKENS: &[&str] = &[
    ",",
    ":",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "\\",
    "null",
    "0",
    " ",
    "\"a\"",
    "\"version\"",
];

/// The text inside a string token's quotes (`None` for a cut-short `"`).
fn quoted(token: &str) -> Option<&str> {
    token.strip_prefix('"')?.strip_suffix('"')
}

fn mutate_once(tokens: &mut Vec<String>, rng: &mut SplitMix) {
    if tokens.is_empty() {
        return;
    }
    let containers: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i] == "{" || tokens[i] == "[")
        .collect();
    let objects: Vec<usize> = containers
        .iter()
        .copied()
        .filter(|&i| tokens[i] == "{" && tokens.get(i + 1).is_some_and(|t| t != "}"))
        .collect();
    let strings: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].starts_with('"') && tokens.get(i + 1).is_none_or(|t| t != ":"))
        .collect();
    let keys: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens.get(i + 1).is_some_and(|t| t == ":"))
        .collect();
    let numbers: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].starts_with(|c: char| c == '-' || c.is_ascii_digit()))
        .collect();
    let values: Vec<usize> = (0..tokens.len())
        .filter(|&i| !matches!(tokens[i].as_str(), "," | ":" | "}" | "]") && !keys.contains(&i))
        .collect();
    let pick = |rng: &mut SplitMix, from: &[usize]| from.get(rng.below(from.len())).copied();
    match rng.below(16) {
        // Drop, repeat, reorder or add members of an object.
        kind @ 0..=3 => {
            let Some(open) = pick(rng, &objects) else {
                return;
            };
            let spans = members(tokens, open);
            let mut parts: Vec<Vec<String>> =
                spans.iter().map(|&(s, e)| tokens[s..e].to_vec()).collect();
            if parts.is_empty() {
                return;
            }
            let k = rng.below(parts.len());
            match kind {
                0 => {
                    parts.remove(k);
                }
                1 => {
                    let copy = parts[k].clone();
                    parts.insert(rng.below(parts.len() + 1), copy);
                }
                2 => {
                    let j = rng.below(parts.len());
                    parts.swap(k, j);
                    if rng.below(2) == 0 {
                        parts.reverse();
                    }
                }
                _ => {
                    let key = rng.pick(&[
                        "\"zz\"",
                        "\"version\"",
                        "\"jpqr_id\"",
                        "\"\\u0069d\"",
                        "\"ID\"",
                    ]);
                    let value = rng.pick(VALUES);
                    parts.insert(
                        rng.below(parts.len() + 1),
                        vec![key.to_owned(), ":".to_owned(), value.to_owned()],
                    );
                }
            }
            *tokens = rebuild(tokens, open, &parts, ("{", "}"));
        }
        // An object written as the array of its values, in order, perhaps fewer.
        4 | 5 => {
            let Some(open) = pick(rng, &objects) else {
                return;
            };
            let spans = members(tokens, open);
            let mut parts: Vec<Vec<String>> = spans
                .iter()
                .map(|&(s, e)| tokens.get(s + 2..e).unwrap_or_default().to_vec())
                .collect();
            if rng.below(3) == 0 {
                parts.truncate(rng.below(parts.len() + 1));
            }
            if rng.below(5) == 0 {
                parts.push(vec![rng.pick(VALUES).to_owned()]);
            }
            *tokens = rebuild(tokens, open, &parts, ("[", "]"));
        }
        // A string value as `{"it":null}`, or another string.
        6 | 7 => {
            let Some(i) = pick(rng, &strings) else { return };
            let replacement = if rng.below(2) == 0 {
                vec![
                    "{".to_owned(),
                    tokens[i].clone(),
                    ":".to_owned(),
                    rng.pick(&["null", "null", "{}", "0", "nul"]).to_owned(),
                    "}".to_owned(),
                ]
            } else if rng.below(2) == 0 {
                // The same text, every character as a \u escape (pairs beyond the BMP).
                let Some(inner) = quoted(&tokens[i]) else {
                    return;
                };
                if inner.contains('\\') {
                    return;
                }
                let mut s = String::from("\"");
                for unit in inner.encode_utf16() {
                    s.push_str(&format!("\\u{unit:04x}"));
                }
                s.push('"');
                vec![s]
            } else {
                vec![rng.pick(STRINGS).to_owned()]
            };
            tokens.splice(i..=i, replacement);
        }
        // Another number, valid or not.
        8 | 9 => {
            let Some(i) = pick(rng, &numbers) else { return };
            tokens[i] = rng.pick(NUMBERS).to_owned();
        }
        // Another value of any type.
        10 => {
            let Some(i) = pick(rng, &values) else { return };
            let end = value_end(tokens, i);
            tokens.splice(i..end, [rng.pick(VALUES).to_owned()]);
        }
        // Whitespace, allowed or not.
        11 => {
            let at = rng.below(tokens.len() + 1);
            let ws = rng.pick(&[
                " ", "\n", "\t", "\r", " \n\t\r ", "\u{a0}", "\u{c}", "\u{feff}",
            ]);
            tokens.insert(at, ws.to_owned());
        }
        // A token deleted, inserted or the text cut short.
        12 => {
            let at = rng.below(tokens.len());
            tokens.remove(at);
        }
        13 => {
            let at = rng.below(tokens.len() + 1);
            tokens.insert(at, rng.pick(TOKENS).to_owned());
        }
        14 => {
            let at = rng.below(tokens.len());
            tokens.truncate(at);
        }
        // A key spelt another way: escaped, or wrong.
        _ => {
            let Some(i) = pick(rng, &keys) else { return };
            let Some(key) = quoted(&tokens[i]) else {
                return;
            };
            tokens[i] = if rng.below(2) == 0 && !key.contains('\\') {
                let mut s = String::from("\"");
                for c in key.chars() {
                    s.push_str(&format!("\\u{:04x}", u32::from(c)));
                }
                s.push('"');
                s
            } else {
                rng.pick(&["\"\"", "\"zz\"", "\"Version\"", "\"\\ud800\"", "1", "null"])
                    .to_owned()
            };
        }
    }
}
