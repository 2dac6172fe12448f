//! J-Coin Pay's credentials (core's `saifu::JCoinCredentials`): checked by core, kept in
//! Rust memory (zeroed when the object is released) and handed to the provider by the
//! app; a charge keeps the masked ID only.

use std::fmt;
use std::sync::Arc;

use crate::error::SaifuError;

/// The J-Coin ID, password and confirmation code the user entered at 確認 (Kotlin
/// `JCoinCredentials(id, password, code)`, Swift `JCoinCredentials(id:password:code:)`).
/// `toString` (Kotlin), `description` (Swift) and `repr` (Python) show the masked ID
/// only.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct JCoinCredentials {
    inner: saifu::JCoinCredentials,
}

impl fmt::Debug for JCoinCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

impl JCoinCredentials {
    /// The core's credentials.
    pub(crate) fn core(&self) -> &saifu::JCoinCredentials {
        &self.inner
    }
}

#[uniffi::export]
impl JCoinCredentials {
    /// Checks the three as typed, in the seed's order.
    ///
    /// # Errors
    /// `jcoin.invalid_id` (trimmed, full-width letters and digits as ASCII: 1–32 letters
    /// and digits); `jcoin.invalid_password` (empty or over 64 characters; taken as
    /// typed); `jcoin.invalid_code` (4–8 digits). No error repeats the input.
    #[uniffi::constructor]
    pub fn new(id: String, password: String, code: String) -> Result<Arc<Self>, SaifuError> {
        let mut password = zeroize::Zeroizing::new(password);
        let mut code = zeroize::Zeroizing::new(code);
        let inner = saifu::JCoinCredentials::parse(&id, &password, &code);
        zeroize::Zeroize::zeroize(&mut *password);
        zeroize::Zeroize::zeroize(&mut *code);
        Ok(Arc::new(JCoinCredentials { inner: inner? }))
    }

    /// The normalised J-Coin ID, for the provider.
    pub fn id(&self) -> String {
        self.inner.id().as_str().to_owned()
    }

    /// The ID as a charge keeps it: `****` and its last 4 characters.
    pub fn masked_id(&self) -> String {
        self.inner.id().masked()
    }

    /// The password as typed, for the provider. The copy this returns is the caller's to
    /// protect.
    pub fn password(&self) -> String {
        self.inner.password().to_owned()
    }

    /// The confirmation code's digits (ASCII), for the provider.
    pub fn confirmation_code(&self) -> String {
        self.inner.confirmation_code().to_owned()
    }
}
