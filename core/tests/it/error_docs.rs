//! `docs/errors.md` lists every error code with its fields and both messages. This test
//! writes the list from the one declaration of the errors (`Error::catalogue`) and fails
//! when the document differs; run it with `SAIFU_WRITE_DOCS=1` to rewrite the document.

use saifu::{Error, FieldSpec};

/// A field's type as every language sees it.
fn kind(field: &FieldSpec) -> &'static str {
    match field.ty {
        "String" => "text",
        "u32" => "integer",
        "Money" => "money",
        "Currency" => "currency code",
        "Brand" => "brand id",
        "DateTime<FixedOffset>" | "DateTime < FixedOffset >" => "instant",
        other => panic!("docs/errors.md has no name for the type {other}: add it here"),
    }
}

/// Doc text on one line, for a table cell.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn document() -> String {
    let mut out = String::from(
        "# Error codes\n\n\
         Every failure in saifu is one of these codes: the same string in Rust (`Error::code`), \
         Kotlin and Swift (`SaifuException.code` / `SaifuError.code`), Python (`SaifuError.code`) \
         and JavaScript (`SaifuError.code`). Fields are typed in every language. Messages come \
         in English and Japanese (`message(lang)`); `{name}` in a message is filled from the \
         field of that name (an amount as `¥2,000` in English and `2,000円` in Japanese, an \
         instant in JST as `2026/11/26 00:00:00`, a brand by its name) or from a value derived \
         from the fields (`ordinal`: a position counted from 1; `left`: the attempts left; \
         `label`: a payment slip field's name, `払込票番号`, or a profile field's name on the form; `slip`: a slip's chain or Pay-easy). \
         A text field that repeats what the caller gave (an id, a time) keeps at most \
         ECHO characters of it: longer text keeps its first ECHO_KEPT and ends in `…` \
         (`Error::echo`), so no input makes a large error.\n\n\
         This file is generated from the one declaration of the errors \
         (`core/src/error/mod.rs`) by `core/tests/it/error_docs.rs` \
         (`SAIFU_WRITE_DOCS=1 cargo test -p saifu --test it error_docs`).\n\n\
         | code | meaning | fields | English | Japanese |\n|---|---|---|---|---|\n",
    )
    .replace(
        "ECHO_KEPT",
        &Error::ECHO_MAX_CHARS.saturating_sub(1).to_string(),
    )
    .replace("ECHO", &Error::ECHO_MAX_CHARS.to_string());
    for spec in Error::catalogue() {
        let fields: Vec<String> = spec
            .fields
            .iter()
            .map(|f| format!("`{}` ({}): {}", f.name, kind(f), cell(f.doc)))
            .collect();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            spec.code,
            cell(spec.doc),
            if fields.is_empty() {
                "–".into()
            } else {
                fields.join("<br>")
            },
            cell(spec.en),
            cell(spec.ja),
        ));
    }
    out
}

#[test]
fn docs_list_every_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/errors.md");
    let want = document();
    if std::env::var_os("SAIFU_WRITE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/errors.md is stale: run SAIFU_WRITE_DOCS=1 cargo test -p saifu --test it error_docs"
    );
}
