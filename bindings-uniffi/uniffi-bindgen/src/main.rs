//! uniffi-bindgen for saifu: same uniffi version as the library, so the generated code
//! always matches the scaffolding.
//!
//! After uniffi has written the Kotlin, one thing uniffi 0.32 cannot be asked for is
//! added to it (mozilla/uniffi-rs#1077): an error with fields gets a `message` that
//! lists them (`available=10000`), where a Kotlin caller expects the message for people.
//! Each `SaifuException` variant's `message` becomes the English message (its
//! `toString()`, the Rust `Display`), and the sealed class gets the property `code`, as
//! Python's error has. Every build of the Kotlin goes through here (scripts/build-bindings,
//! scripts/build-android); if uniffi's output no longer has the shape this expects, the
//! generation fails rather than ship the field list. Swift needs nothing: its
//! `description` and `errorDescription` already are the English message.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    uniffi::uniffi_bindgen_main();
    let Some(out_dir) = kotlin_out_dir(&args) else {
        return ExitCode::SUCCESS;
    };
    match patch_kotlin_dir(&out_dir) {
        Ok(0) => {
            eprintln!("saifu-uniffi-bindgen: no SaifuException in the Kotlin under {out_dir:?}");
            ExitCode::FAILURE
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("saifu-uniffi-bindgen: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The `--out-dir` of a `generate` command whose languages include Kotlin.
fn kotlin_out_dir(args: &[String]) -> Option<PathBuf> {
    let mut kotlin = false;
    let mut out_dir = None;
    let mut generate = false;
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        match flag {
            "generate" => generate = true,
            "--language" | "-l" => {
                kotlin |= inline.or_else(|| rest.next().cloned()).as_deref() == Some("kotlin");
            }
            "--out-dir" | "-o" => out_dir = inline.or_else(|| rest.next().cloned()),
            _ => {}
        }
    }
    if generate && kotlin {
        out_dir.map(PathBuf::from)
    } else {
        None
    }
}

/// Patches every `.kt` file under `dir` that declares `SaifuException`; how many.
fn patch_kotlin_dir(dir: &Path) -> Result<usize, String> {
    let mut patched = 0;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            patched += patch_kotlin_dir(&path)?;
        } else if path.extension().is_some_and(|x| x == "kt") {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            if text.contains(SEALED) {
                let text = patch_kotlin(&text).map_err(|e| format!("{}: {e}", path.display()))?;
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
                patched += 1;
            }
        }
    }
    Ok(patched)
}

const SEALED: &str = "sealed class SaifuException: kotlin.Exception() {\n";
const VARIANT: &str = ") : SaifuException() {\n";
const MESSAGE: &str = "override val message\n            get() = \"";
const CODE: &str = "
    /** The stable code, the same string in every language: `wallet.insufficient_balance`. */
    val code: kotlin.String
        get() = code()
";

/// The generated Kotlin with each `SaifuException` variant's `message` the English
/// message and the property `code` on the sealed class.
fn patch_kotlin(text: &str) -> Result<String, String> {
    let start = text.find(SEALED).ok_or("no SaifuException")?;
    let body_start = start + SEALED.len();
    let end = text[body_start..]
        .find("companion object ErrorHandler")
        .map(|i| body_start + i)
        .ok_or("no end to SaifuException")?;
    let body = &text[body_start..end];
    let variants = body.matches(VARIANT).count();

    let mut out = String::with_capacity(text.len() + 4096);
    out.push_str(&text[..body_start]);
    out.push_str(CODE);
    let mut rest = body;
    let mut messages = 0;
    while let Some(at) = rest.find(MESSAGE) {
        let value = &rest[at + MESSAGE.len()..];
        let line_end = value.find('\n').ok_or("unterminated message")?;
        if !value[..line_end].ends_with('"') {
            return Err("a message that is not one string literal".into());
        }
        out.push_str(&rest[..at]);
        out.push_str("override val message: kotlin.String\n            get() = toString()");
        rest = &value[line_end..];
        messages += 1;
    }
    out.push_str(rest);
    out.push_str(&text[end..]);
    if variants == 0 || messages != variants {
        return Err(format!(
            "{variants} variants but {messages} field-list messages: uniffi's Kotlin changed shape"
        ));
    }
    if !text[start..end].contains("override fun toString(): String") {
        return Err(
            "SaifuException has no toString() (is `#[uniffi::export(Display)]` gone?)".into(),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn only_kotlin_generation_is_patched() {
        let dir = kotlin_out_dir(&args(
            "bin generate --no-format --library x.so --language kotlin --out-dir k",
        ));
        assert_eq!(dir, Some(PathBuf::from("k")));
        let dir = kotlin_out_dir(&args("bin generate -l python -l kotlin -o k"));
        assert_eq!(dir, Some(PathBuf::from("k")));
        let dir = kotlin_out_dir(&args("bin generate --language=kotlin --out-dir=k"));
        assert_eq!(dir, Some(PathBuf::from("k")));
        assert_eq!(
            kotlin_out_dir(&args("bin generate --language python --out-dir p")),
            None
        );
    }

    const KOTLIN: &str = "sealed class SaifuException: kotlin.Exception() {
    class MoneyEmpty(
        ) : SaifuException() {
        override val message
            get() = \"\"
    }
    class WalletInsufficientBalance(
        val `available`: kotlin.Long
        ) : SaifuException() {
        override val message
            get() = \"available=${ `available` }\"
    }
    override fun toString(): String {
        return \"\"
    }
    companion object ErrorHandler : UniffiRustCallStatusErrorHandler<SaifuException> {
    }
}
";

    #[test]
    fn every_variant_message_becomes_the_display_and_code_a_property() {
        let out = patch_kotlin(KOTLIN).unwrap_or_default();
        assert_eq!(out.matches("get() = toString()").count(), 2);
        assert!(!out.contains("available=$"));
        assert!(out.contains("val code: kotlin.String\n        get() = code()"));
    }

    #[test]
    fn another_shape_is_refused() {
        let changed = KOTLIN.replace("override val message\n            get() = \"\"", "");
        assert!(patch_kotlin(&changed).is_err());
        assert!(patch_kotlin(&KOTLIN.replace("override fun toString()", "fun x()")).is_err());
        assert!(patch_kotlin("class X").is_err());
    }
}
