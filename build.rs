//! Embeds every ruleset version under `data/rulesets/` (issue 6): each
//! directory is one version, named by its effective date, holding its
//! `ruleset.json` and the data files it changes. The generated table lists
//! them oldest first; `src/policy/ruleset.rs` reads it.

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

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let rulesets = root.join("data").join("rulesets");
    println!("cargo:rerun-if-changed={}", rulesets.display());
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
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("rulesets.rs");
    if let Err(e) = std::fs::write(&out, code) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
    }
}
