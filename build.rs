//! Generates two tables at build time:
//!
//! - every ruleset version under `data/rulesets/` (issue 6): each directory
//!   is one version, named by its effective date, holding its
//!   `ruleset.json` and the data files it changes; listed oldest first for
//!   `src/policy/ruleset.rs`;
//! - the Unicode TR39 confusables the signal normaliser uses: from the
//!   `unicode-security` crate's skeleton data, only the characters whose
//!   skeleton is 1–4 ASCII letters or digits (a look-alike of Latin text),
//!   as a sorted table for `src/signals/normalize.rs`. The full TR39 table
//!   maps to every script; the normaliser only ever uses these, so the
//!   wasm carries a few kilobytes instead of the whole table.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

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
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let rulesets = root.join("data").join("rulesets");
    println!("cargo:rerun-if-changed={}", rulesets.display());
    println!("cargo:rerun-if-changed=build.rs");
    let mut versions: Vec<PathBuf> = std::fs::read_dir(&rulesets)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    let mut code = String::from("/// Every ruleset directory, oldest first: (name, [(relative path, contents)]).\npub(crate) static EMBEDDED: &[(&str, &[(&str, &str)])] = &[\n");
    for dir in &versions {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let _ = writeln!(code, "    ({name:?}, &[");
        let mut files = Vec::new();
        files_under(dir, &mut files);
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let relative = file
                .strip_prefix(dir)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            let _ = writeln!(
                code,
                "        ({relative:?}, include_str!({:?})),",
                file.display().to_string()
            );
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    for (name, text) in [("rulesets.rs", code), ("confusables.rs", confusables())] {
        let out = out_dir.join(name);
        if let Err(e) = std::fs::write(&out, text) {
            println!("cargo:warning=cannot write {}: {e}", out.display());
        }
    }
}
