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
//! (tree construction), `bits` (bit output), `tables` (deflate constants).

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
pub(crate) const MAX_INPUT: usize = 32 * 1024;

/// zlib header for deflate with a 32 KiB window and level 6 (`FLEVEL` 2): 0x78 0x9C.
const ZLIB_HEADER: [u8; 2] = [0x78, 0x9c];

/// Room for the header, the Adler-32 trailer, block headers and a few bytes of expansion.
const OUTPUT_OVERHEAD: usize = 64;

/// Appends the complete zlib stream (header 78 9C, deflate data, Adler-32) for `input` to `out`,
/// identical to stock zlib level 6. Returns false (and leaves `out` unchanged) if `input` is
/// longer than `MAX_INPUT`, in which case the caller falls back to stock zlib.
pub(crate) fn compress_level6(input: &[u8], out: &mut Vec<u8>) -> bool {
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
fn adler32(data: &[u8]) -> u32 {
    const MODULUS: u32 = 65521;
    // Largest number of bytes before the sums must be reduced to stay within u32 (zlib's NMAX).
    const MAX_UNREDUCED: usize = 5552;
    let mut a = 1u32;
    let mut b = 0u32;
    for chunk in data.chunks(MAX_UNREDUCED) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MODULUS;
        b %= MODULUS;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests;
