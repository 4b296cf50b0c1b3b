//! Stock zlib and input generators shared by the equivalence tests, the property tests and
//! the benchmark.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;

/// Stock zlib, level 6, windowBits 15, memLevel 8, default strategy, whole input at once.
pub fn stock_zlib(input: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(input).unwrap();
    encoder.finish().unwrap()
}

/// Small deterministic xorshift generator, so that failures are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % u64::try_from(n.max(1)).unwrap()).unwrap()
    }
    pub fn byte(&mut self) -> u8 {
        self.next_u64().to_le_bytes()[0]
    }
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.byte()).collect()
    }
}

fn push_u16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn push_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn push_string(out: &mut Vec<u8>, s: &[u8]) {
    push_u16(out, u16::try_from(s.len()).unwrap());
    out.extend_from_slice(s);
}

fn ascii_string(rng: &mut Rng, alphabet: &[u8], len: usize) -> Vec<u8> {
    (0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect()
}

/// A packed access-token payload: 32-byte HMAC signature, 32-char hex app id, issue time,
/// expiry, salt, then `services` services with privilege maps (values such as 600, 3600,
/// 86400) and short ASCII strings (channel name, user id).
pub fn token_shaped(rng: &mut Rng, services: usize) -> Vec<u8> {
    const HEX: &[u8] = b"0123456789abcdef";
    const NAME: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
    const EXPIRIES: [u32; 5] = [0, 600, 3600, 86400, 24 * 3600 * 7];
    let mut out = Vec::with_capacity(512);
    push_string(&mut out, &rng.bytes(32));
    push_string(&mut out, &ascii_string(rng, HEX, 32));
    let issued = 1_700_000_000 + u32::try_from(rng.below(100_000_000)).unwrap();
    push_u32(&mut out, issued);
    push_u32(&mut out, EXPIRIES[rng.below(EXPIRIES.len())]);
    push_u32(&mut out, u32::try_from(rng.below(99_999_999)).unwrap() + 1);
    push_u16(&mut out, u16::try_from(services).unwrap());
    for _ in 0..services {
        push_u16(&mut out, u16::try_from(1 + rng.below(7)).unwrap());
        let privileges = 1 + rng.below(4);
        push_u16(&mut out, u16::try_from(privileges).unwrap());
        for key in 1..=privileges {
            push_u16(&mut out, u16::try_from(key).unwrap());
            push_u32(&mut out, EXPIRIES[rng.below(EXPIRIES.len())]);
        }
        let channel_len = 1 + rng.below(40);
        push_string(&mut out, &ascii_string(rng, NAME, channel_len));
        let uid = if rng.below(2) == 0 {
            (rng.below(4_000_000_000) + 1).to_string().into_bytes()
        } else {
            let uid_len = 1 + rng.below(24);
            ascii_string(rng, NAME, uid_len)
        };
        push_string(&mut out, &uid);
    }
    out
}

/// Token-shaped input of about `target` bytes (more services until it is long enough).
pub fn token_of_size(seed: u64, target: usize) -> Vec<u8> {
    let mut services = 1;
    loop {
        let token = token_shaped(&mut Rng::new(seed), services);
        if token.len() >= target || services > 60 {
            return token;
        }
        services += 1;
    }
}
