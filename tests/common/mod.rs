//! Helpers shared by the integration tests (native and wasm).
#![allow(dead_code)]

pub mod fixtures;
pub mod hostile;
