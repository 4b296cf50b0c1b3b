//! A zlib encoder for small inputs whose output is byte-identical to stock zlib 1.3.x
//! (`compress2`, or `deflate` with `Z_FINISH`) at level 6, windowBits 15, memLevel 8,
//! `Z_DEFAULT_STRATEGY`, with the whole input given at once.
//!
//! Stock zlib spends much of its time on small inputs allocating and clearing its state (a
//! 64 KiB hash table among others) and building Huffman trees. This module runs the same
//! algorithms (`deflate_slow` and trees.c) on per-thread buffers that need no clearing, and
//! skips work whose result cannot show in the output (for example canonical codes of trees that
//! are not sent). Every decision that shapes the output is reproduced: the hash function and
//! chains, lazy matching with the level 6 limits, the `TOO_FAR` and `MAX_DIST` rules, block
//! splitting when the symbol buffer fills, zlib's exact Huffman heap and its tie-breaking,
//! code-length capping, and the stored/static/dynamic choice (static wins ties, as in zlib 1.3).
//!
//! Layout: `lz77` (match finding), `block` (one block's symbols and its encoding), `huffman`
//! (tree construction), `bits` (bit output), `tables` (deflate constants). The proof of
//! equivalence is in `tests/`: `equivalence.rs` (inputs chosen to exercise every decision zlib
//! makes) and `properties.rs` (random and token-shaped inputs), both against stock zlib through
//! flate2's zlib backend; `benches/compress.rs` measures both in the same run.
//!
//! ```
//! let mut out = Vec::new();
//! assert!(agora_token_zlib6::compress_level6(b"hello hello hello", &mut out));
//! assert_eq!(out[..2], [0x78, 0x9c]);
//! ```

// The workspace denies unsafe code; this crate has none.
#![forbid(unsafe_code)]

mod bits;
mod block;
mod huffman;
mod lz77;
mod tables;

use std::cell::RefCell;

use block::{BlockBuffers, BlockEncoder};
use lz77::MatchFinder;

/// Largest input handled here; longer inputs should go to stock zlib.
///
/// Up to 32 KiB, zlib's behaviour is simple to reproduce exactly: the whole input fits in the
/// 64 KiB window read by the first `fill_window`, the window never slides (that happens only
/// once `strstart` reaches 65274), positions fit in 16 bits without zlib's `prev[pos & w_mask]`
/// aliasing, and stored blocks stay below 65536 bytes. It is still far above token sizes
/// (100–1000 bytes) and includes inputs that span several blocks (a block ends after 16383
/// symbols), whose splitting is reproduced.
pub const MAX_INPUT: usize = 32 * 1024;

/// zlib header for deflate with a 32 KiB window and level 6 (`FLEVEL` 2): 0x78 0x9C.
const ZLIB_HEADER: [u8; 2] = [0x78, 0x9c];

/// Room for the header, the Adler-32 trailer, block headers and a few bytes of expansion.
const OUTPUT_OVERHEAD: usize = 64;

/// Appends the complete zlib stream (header 78 9C, deflate data, Adler-32) for `input` to `out`,
/// identical to stock zlib level 6. Returns false (and leaves `out` unchanged) if `input` is
/// longer than `MAX_INPUT`, in which case the caller falls back to stock zlib.
pub fn compress_level6(input: &[u8], out: &mut Vec<u8>) -> bool {
    if input.len() > MAX_INPUT {
        return false;
    }
    let used_thread_scratch = THREAD_SCRATCH
        .try_with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                compress_with(input, out, &mut scratch);
                true
            }
            Err(_) => false,
        })
        .unwrap_or(false);
    if !used_thread_scratch {
        // Only during thread teardown (or re-entrance, which cannot happen): use a fresh scratch.
        compress_with(input, out, &mut Scratch::new());
    }
    true
}

/// Buffers reused from call to call, so that a call allocates and clears almost nothing:
/// 128 KiB for zlib's 32768-entry hash head table, 8 KiB of tree-building arrays, and buffers
/// proportional to the input, trimmed back after large inputs (`KEPT_BUFFER_BYTES`).
struct Scratch {
    finder: MatchFinder,
    block: BlockBuffers,
}

impl Scratch {
    fn new() -> Self {
        Scratch { finder: MatchFinder::new(), block: BlockBuffers::new() }
    }
}

impl Scratch {
    /// Frees buffer space beyond what inputs of a few KiB need, so that one large input does
    /// not keep a few hundred KiB per thread.
    fn trim(&mut self) {
        self.finder.trim(KEPT_BUFFER_BYTES);
        self.block.trim(KEPT_BUFFER_BYTES);
    }
}

/// Input size up to which the per-thread buffers keep their capacity between calls.
const KEPT_BUFFER_BYTES: usize = 4096;

thread_local! {
    static THREAD_SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::new());
}

fn compress_with(input: &[u8], out: &mut Vec<u8>, scratch: &mut Scratch) {
    out.reserve(input.len() + OUTPUT_OVERHEAD);
    out.extend_from_slice(&ZLIB_HEADER);
    let mut encoder = BlockEncoder::new(out, &mut scratch.block, input.len());
    lz77::compress(input, &mut scratch.finder, &mut encoder);
    encoder.finish();
    out.extend_from_slice(&adler32(input).to_be_bytes());
    if input.len() > KEPT_BUFFER_BYTES {
        scratch.trim();
    }
}

/// Adler-32 checksum (RFC 1950), as zlib's `adler32`.
///
/// Eight bytes at a time: over bytes `x[0..8]`, `a` grows by their sum and `b` by
/// `8 * a_before + sum((8 - i) * x[i])`, the same total as eight byte steps (at byte `i`, `b`
/// gains `a_before + x[0] + .. + x[i]`). The `8 * a_before` terms are summed apart and added at
/// the end of the run. Every partial sum is part of the value that the byte-by-byte loop
/// reaches before its reduction, which zlib's `NMAX` keeps within u32, and both sums are
/// reduced at the same points as zlib's, so nothing overflows and the result is zlib's.
fn adler32(data: &[u8]) -> u32 {
    const MODULUS: u32 = 65521;
    // Largest number of bytes before the sums must be reduced to stay within u32 (zlib's NMAX,
    // a multiple of 8).
    const MAX_UNREDUCED: usize = 5552;
    let mut a = 1u32;
    let mut b = 0u32;
    for run in data.chunks(MAX_UNREDUCED) {
        let (groups, rest) = run.as_chunks::<8>();
        let mut a_before_groups = 0u32;
        for group in groups {
            let (sum, weighted) = sum_and_weighted_sum(u64::from_le_bytes(*group));
            a_before_groups += a;
            a += sum;
            b += weighted;
        }
        b += 8 * a_before_groups;
        for &byte in rest {
            a += u32::from(byte);
            b += a;
        }
        a %= MODULUS;
        b %= MODULUS;
    }
    (b << 16) | a
}

/// For the bytes `x[0..8]` of `word` (little-endian), `sum(x[i])` and `sum((8 - i) * x[i])`,
/// computed in four 16-bit lanes that never carry into each other (every lane value below is at
/// most 8160). With `t[j] = x[2j] + x[2j+1]` and `o[j] = x[2j+1]`, the weighted sum is
/// `2 * sum((4 - j) * t[j]) - sum(o[j])`. Multiplying by `ONES` (1 in every lane) puts the sum of
/// all lanes in the top lane; multiplying by `RAMP` (lanes 1, 2, 3, 4 from the bottom) puts
/// `4 t[0] + 3 t[1] + 2 t[2] + t[3]` there.
#[inline]
fn sum_and_weighted_sum(word: u64) -> (u32, u32) {
    const LOW_BYTES: u64 = 0x00ff_00ff_00ff_00ff;
    const ONES: u64 = 0x0001_0001_0001_0001;
    const RAMP: u64 = 0x0004_0003_0002_0001;
    let odd = (word >> 8) & LOW_BYTES;
    let pairs = (word & LOW_BYTES) + odd;
    let sum = top_lane(pairs.wrapping_mul(ONES));
    let weighted = 2 * top_lane(pairs.wrapping_mul(RAMP)) - top_lane(odd.wrapping_mul(ONES));
    (sum, weighted)
}

/// The top 16-bit lane of `value`.
#[inline]
fn top_lane(value: u64) -> u32 {
    u32::from(value.to_le_bytes()[6]) | u32::from(value.to_le_bytes()[7]) << 8
}

#[cfg(test)]
mod adler32_tests {
    #![allow(clippy::unwrap_used)]

    /// The definition (RFC 1950 section 9), reduced after every byte.
    fn reference(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &byte in data {
            a = (a + u32::from(byte)) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }

    #[test]
    fn known_values() {
        assert_eq!(super::adler32(b""), 1);
        assert_eq!(super::adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn equals_the_definition_for_random_lengths_and_extremes() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..600 {
            let len = usize::try_from(next() % 20_000).unwrap();
            let data: Vec<u8> = match round % 3 {
                // All 0xff bytes make the sums largest: the case NMAX is computed for.
                0 => vec![0xff; len],
                _ => (0..len).map(|_| next().to_le_bytes()[0]).collect(),
            };
            assert_eq!(super::adler32(&data), reference(&data), "length {len}");
        }
        // Lengths around the group size and the reduction boundary.
        for len in (0..40).chain(5530..5600).chain(11_080..11_120) {
            let data = vec![0xff; len];
            assert_eq!(super::adler32(&data), reference(&data), "length {len}");
        }
    }
}
