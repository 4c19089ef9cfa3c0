//! Generates the Unicode TR39 confusables the normaliser uses: from the
//! `unicode-security` crate's skeleton data, only the characters whose
//! skeleton is 1–4 ASCII letters or digits (a look-alike of Latin text), as
//! a sorted table for `src/lib.rs`. The full TR39 table maps to every
//! script; the normaliser only ever uses these, so the wasm carries a few
//! kilobytes instead of the whole table.

use std::path::PathBuf;

/// The confusables table: (character, its ASCII skeleton lower-cased, up
/// to 4 bytes, zero-padded), for every non-ASCII character whose TR39
/// skeleton consists of 1–4 ASCII letters or digits only.
fn confusables() -> String {
    let mut rows = Vec::new();
    for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
        let mut buf = [0u8; 4];
        let mut ascii = [0u8; 4];
        let mut n = 0;
        let mut ok = true;
        for p in unicode_security::skeleton(c.encode_utf8(&mut buf)) {
            if n < ascii.len() && p.is_ascii_alphanumeric() {
                ascii[n] = p.to_ascii_lowercase() as u8;
                n += 1;
            } else {
                ok = false;
            }
        }
        if ok && n > 0 {
            rows.push(format!("({}, {:?}),", c as u32, ascii));
        }
    }
    format!(
        "/// TR39 confusables whose skeleton is ASCII letters or digits, sorted by\n\
         /// character: (code point, skeleton bytes, zero-padded).\n\
         pub(crate) static ASCII_CONFUSABLES: &[(u32, [u8; 4])] = &[\n{}\n];\n",
        rows.join("\n")
    )
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("confusables.rs");
    if let Err(e) = std::fs::write(&out, confusables()) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
    }
}
