//! saifu-ffi: the uniffi layer of saifu (Kotlin, Swift, Python).
//!
//! Thin by rule (DESIGN.md §1): each export converts its arguments, calls `saifu`, and maps
//! the error into [`SaifuError`]. No rules live here.

uniffi::setup_scaffolding!();

/// Every failure a caller can see, one variant per error of the core.
///
/// Kotlin sees `SaifuException.Empty(code)`, Swift `SaifuError.Empty(code:)`, Python
/// `SaifuError.Empty`. No variant may end in `Error`, and no field may be named `message`
/// or `cause` (they break the generated Kotlin).
#[derive(Debug, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum SaifuError {
    /// The input was empty or blank.
    #[error("{code}: the input is empty")]
    Empty {
        /// Stable error code (DESIGN.md §9).
        code: String,
    },
}

/// The version of the saifu bindings, e.g. `"0.1.0"`.
#[uniffi::export]
pub fn saifu_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Placeholder for the error round-trip: fails with [`SaifuError::Empty`] when `text` is
/// empty or blank.
///
/// # Errors
/// [`SaifuError::Empty`] with code `input.empty`.
#[uniffi::export]
pub fn check_not_empty(text: String) -> Result<(), SaifuError> {
    if text.trim().is_empty() {
        return Err(SaifuError::Empty {
            code: "input.empty".to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_the_crate_version() {
        assert_eq!(saifu_version(), env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn empty_text_is_a_coded_error() {
        assert_eq!(
            check_not_empty("  ".to_owned()),
            Err(SaifuError::Empty {
                code: "input.empty".to_owned()
            })
        );
        assert_eq!(check_not_empty("x".to_owned()), Ok(()));
    }
}
