//! uniffi-bindgen for saifu: same uniffi version as the library, so the generated code
//! always matches the scaffolding.

fn main() {
    uniffi::uniffi_bindgen_main()
}
