//! HMAC-SHA256 (RFC 2104) written on SHA-256's compression function, for signing 007 tokens.
//!
//! Signing a token takes three MACs over short inputs (the key chain of `signing_key`, then the
//! signature). Going through the block function directly avoids the buffering layers of the
//! `hmac`/`digest` traits, and the keyed states of an issue time, which every token issued in
//! the same second shares, are kept per thread. Those states are derived from the issue time
//! alone, a public value, so the cache holds nothing secret.
//!
//! Verification still uses the `hmac` crate, so every build-then-verify test also checks this
//! implementation against it; the tests below compare the two directly.

use std::cell::Cell;

use sha2::digest::consts::U64;
use sha2::digest::generic_array::GenericArray;

const BLOCK_LEN: usize = 64;
/// SHA-256's initial hash value (FIPS 180-4, 5.3.3).
const INITIAL_STATE: [u32; 8] =
    [0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19];

/// An HMAC key, ready to use: the SHA-256 states after absorbing the key padded and XORed with
/// ipad (inner) and with opad (outer).
#[derive(Clone, Copy)]
pub(crate) struct HmacKey {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl HmacKey {
    pub(crate) fn new(key: &[u8]) -> Self {
        // Keys longer than a block are hashed first (RFC 2104); the keys used here are 4 or 32
        // bytes, but the function is correct for any key.
        let hashed;
        let key = if key.len() > BLOCK_LEN {
            hashed = sha256_continue(INITIAL_STATE, 0, key);
            &hashed[..]
        } else {
            key
        };
        let mut inner_block = [0x36u8; BLOCK_LEN];
        let mut outer_block = [0x5cu8; BLOCK_LEN];
        for ((inner, outer), &byte) in inner_block.iter_mut().zip(outer_block.iter_mut()).zip(key) {
            *inner ^= byte;
            *outer ^= byte;
        }
        let mut inner = INITIAL_STATE;
        let mut outer = INITIAL_STATE;
        compress(&mut inner, &inner_block);
        compress(&mut outer, &outer_block);
        HmacKey { inner, outer }
    }

    /// The keyed states for an issue time used as the key, from this thread's cache when the
    /// previous call had the same issue time.
    pub(crate) fn for_issue_time(issued_at: u32) -> Self {
        // `try_with`: during thread teardown the cache may be gone; the key is then computed.
        ISSUE_TIME_KEY
            .try_with(|cached| match cached.get() {
                Some((time, key)) if time == issued_at => key,
                _ => {
                    let key = HmacKey::new(&issued_at.to_le_bytes());
                    cached.set(Some((issued_at, key)));
                    key
                }
            })
            .unwrap_or_else(|_| HmacKey::new(&issued_at.to_le_bytes()))
    }

    /// HMAC-SHA256 of `message` under this key.
    pub(crate) fn mac(&self, message: &[u8]) -> [u8; 32] {
        let inner = sha256_continue(self.inner, BLOCK_LEN, message);
        sha256_continue(self.outer, BLOCK_LEN, &inner)
    }
}

thread_local! {
    static ISSUE_TIME_KEY: Cell<Option<(u32, HmacKey)>> = const { Cell::new(None) };
}

/// Finishes a SHA-256 computation whose `state` has absorbed `absorbed` bytes (a multiple of
/// the block length) by absorbing `message` and the padding.
fn sha256_continue(mut state: [u32; 8], absorbed: usize, message: &[u8]) -> [u8; 32] {
    let mut blocks = message.chunks_exact(BLOCK_LEN);
    for block in &mut blocks {
        compress(&mut state, block);
    }
    let rest = blocks.remainder();
    // The rest, the 0x80 marker and the 8-byte bit length: one block, or two if they overflow.
    let mut tail = [0u8; 2 * BLOCK_LEN];
    let tail_len = if rest.len() + 9 <= BLOCK_LEN { BLOCK_LEN } else { 2 * BLOCK_LEN };
    if let Some(start) = tail.get_mut(..rest.len()) {
        start.copy_from_slice(rest);
    }
    if let Some(marker) = tail.get_mut(rest.len()) {
        *marker = 0x80;
    }
    let bit_len = u64::try_from(absorbed + message.len()).unwrap_or(u64::MAX).wrapping_mul(8);
    if let Some(length_field) = tail.get_mut(tail_len - 8..tail_len) {
        length_field.copy_from_slice(&bit_len.to_be_bytes());
    }
    for block in tail.get(..tail_len).unwrap_or_default().chunks_exact(BLOCK_LEN) {
        compress(&mut state, block);
    }
    let mut digest = [0u8; 32];
    for (bytes, word) in digest.chunks_exact_mut(4).zip(state) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
    digest
}

/// SHA-256's block function on one 64-byte block (`block` always comes from `chunks_exact`).
fn compress(state: &mut [u32; 8], block: &[u8]) {
    if let Ok(bytes) = <[u8; BLOCK_LEN]>::try_from(block) {
        sha2::compress256(state, &[GenericArray::<u8, U64>::from(bytes)]);
    }
}

#[cfg(test)]
mod tests {
    use hmac::{Hmac, Mac};
    use sha2::Sha256;

    use super::HmacKey;

    fn reference(key: &[u8], message: &[u8]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes keys of any length");
        mac.update(message);
        mac.finalize().into_bytes().into()
    }

    /// Deterministic bytes (xorshift), so that a failure can be reproduced.
    fn bytes(seed: &mut u64, len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| {
                *seed ^= *seed << 13;
                *seed ^= *seed >> 7;
                *seed ^= *seed << 17;
                seed.to_le_bytes()[0]
            })
            .collect()
    }

    #[test]
    fn equals_the_hmac_crate_for_every_key_and_message_length_around_the_block_boundaries() {
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        for key_len in [0, 1, 4, 31, 32, 33, 63, 64, 65, 100, 200] {
            for message_len in 0..300 {
                let key = bytes(&mut seed, key_len);
                let message = bytes(&mut seed, message_len);
                assert_eq!(
                    HmacKey::new(&key).mac(&message),
                    reference(&key, &message),
                    "key {key_len} bytes, message {message_len} bytes"
                );
            }
        }
    }

    #[test]
    fn rfc_4231_test_case_2() {
        let mac = HmacKey::new(b"Jefe").mac(b"what do ya want for nothing?");
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        let hex: String = mac.iter().map(|byte| format!("{byte:02x}")).collect();
        assert_eq!(hex, expected);
    }

    #[test]
    fn the_issue_time_cache_gives_the_key_of_the_time_asked_for() {
        for issued_at in [1_700_000_000u32, 1_700_000_001, 1_700_000_000, 0, u32::MAX, u32::MAX] {
            let cached = HmacKey::for_issue_time(issued_at).mac(b"certificate");
            assert_eq!(cached, reference(&issued_at.to_le_bytes(), b"certificate"), "issue time {issued_at}");
        }
    }
}
