//! The one normalisation pipeline every signal class shares: the
//! `listing-precheck-normalize` crate (`crates/normalize`), re-exported.
//! It is a crate of its own so the size-optimised wasm build can compile
//! this hot path for speed.

pub use listing_precheck_normalize::*;
