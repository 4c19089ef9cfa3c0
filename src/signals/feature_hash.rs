//! The resemblance model's feature hash, shared by `build.rs` (which
//! hashes the trained feature names) and [`super::model`] (which hashes a
//! sentence's words): FNV-1a over the UTF-8 bytes from a seeded basis,
//! folded to 32 bits. A word pair is hashed as its two words joined by one
//! space, continuing the first word's state.

/// A running feature hash.
#[derive(Clone, Copy, Debug)]
pub struct FeatureHash(u64);

impl FeatureHash {
    /// A hash of nothing yet, from `seed` (chosen by `build.rs` so that no
    /// two trained features share a hash).
    pub fn new(seed: u32) -> FeatureHash {
        FeatureHash(0xcbf2_9ce4_8422_2325 ^ u64::from(seed).wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    /// The hash with `bytes` appended.
    pub fn write(mut self, bytes: &[u8]) -> FeatureHash {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }

    /// The 32-bit hash of what was written.
    pub fn finish(self) -> u32 {
        // Truncation intended: the two halves folded into one.
        (self.0 ^ (self.0 >> 32)) as u32
    }
}
