//! Helpers shared by the integration tests (native and wasm).
#![allow(dead_code)]

#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
pub mod cli;
pub mod fixtures;
pub mod fragments;
pub mod hostile;
