//! Constant tables of the deflate format, built the way zlib's `tr_static_init` (trees.c) builds
//! them, so that every code choice below matches zlib's.

/// Shortest and longest match deflate can express.
pub(super) const MIN_MATCH: usize = 3;
pub(super) const MAX_MATCH: usize = 258;

/// Literal/length alphabet: 256 literals, the end-of-block code, 29 length codes.
pub(super) const END_BLOCK: usize = 256;
pub(super) const LENGTH_CODES: usize = 29;
pub(super) const L_CODES: usize = 256 + 1 + LENGTH_CODES;
/// Distance alphabet.
pub(super) const D_CODES: usize = 30;
/// Code-length alphabet used to transmit dynamic trees.
pub(super) const BL_CODES: usize = 19;

/// Longest code allowed for literal/length and distance codes, and for code-length codes.
pub(super) const MAX_BITS: u8 = 15;
pub(super) const MAX_BL_BITS: u8 = 7;

/// Code-length symbols: repeat previous length 3-6 times, repeat zero 3-10 / 11-138 times.
pub(super) const REP_3_6: usize = 16;
pub(super) const REPZ_3_10: usize = 17;
pub(super) const REPZ_11_138: usize = 18;

/// Extra bits for each length code (zlib's `extra_lbits`).
pub(super) const EXTRA_LBITS: [u8; LENGTH_CODES] =
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

/// Extra bits sent after each literal/length symbol: none for literals and end-of-block.
pub(super) const EXTRA_BITS_PER_LIT_SYMBOL: [u8; L_CODES] = build_extra_bits_per_lit_symbol();

/// Extra bits for each distance code (zlib's `extra_dbits`).
pub(super) const EXTRA_DBITS: [u8; D_CODES] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/// Extra bits for each code-length code (zlib's `extra_blbits`).
pub(super) const EXTRA_BLBITS: [u8; BL_CODES] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7];

/// Order in which code-length code lengths are sent (RFC 1951 3.2.7, zlib's `bl_order`).
pub(super) const BL_ORDER: [usize; BL_CODES] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/// Length code (0..=28) for each match length minus `MIN_MATCH` (zlib's `_length_code`).
pub(super) const LENGTH_CODE: [u8; 256] = build_length_code();
/// First match length minus `MIN_MATCH` of each length code (zlib's `base_length`).
pub(super) const BASE_LENGTH: [u8; LENGTH_CODES] = build_base_length();
/// Distance code lookup (zlib's `_dist_code`): entries 0..256 for distances-1 below 256, then
/// entries 256..512 indexed by (distance-1) >> 7.
pub(super) const DIST_CODE: [u8; 512] = build_dist_code();
/// First distance minus one of each distance code (zlib's `base_dist`).
pub(super) const BASE_DIST: [u16; D_CODES] = build_base_dist();

/// Number of literal/length symbols of the static tree, including the two unused codes 286 and
/// 287 that zlib includes to get a canonical (complete) code.
const STATIC_L_SYMBOLS: usize = L_CODES + 2;
/// Static literal/length tree code lengths (RFC 1951 3.2.6).
pub(super) const STATIC_LIT_LENS: [u8; STATIC_L_SYMBOLS] = build_static_lit_lens();
/// Static literal/length codes, bit-reversed for LSB-first output.
pub(super) const STATIC_LIT_CODES: [u32; STATIC_L_SYMBOLS] = build_static_lit_codes();
/// Static distance tree: every code has 5 bits.
pub(super) const STATIC_DIST_LENS: [u8; D_CODES] = [5; D_CODES];
pub(super) const STATIC_DIST_CODES: [u32; D_CODES] = build_static_dist_codes();

/// Distance code of `distance - 1` (zlib's `d_code` macro).
#[inline]
pub(super) fn dist_code(distance_minus_one: usize) -> usize {
    let index = if distance_minus_one < 256 { distance_minus_one } else { 256 + (distance_minus_one >> 7) };
    // distance_minus_one < 32768 by construction, so index < 512; `get` keeps this panic-free.
    DIST_CODE.get(index).map_or(D_CODES - 1, |&code| usize::from(code))
}

/// Reverses the low `len` bits of `code` (len <= 15; 0 for len 0): deflate sends Huffman codes
/// MSB first inside an LSB-first bit stream.
#[inline]
pub(super) const fn reverse_bits(code: u32, len: u8) -> u32 {
    match code.reverse_bits().checked_shr(32 - len as u32) {
        Some(reversed) => reversed,
        None => 0,
    }
}

const fn build_extra_bits_per_lit_symbol() -> [u8; L_CODES] {
    let mut table = [0u8; L_CODES];
    let mut code = 0;
    while code < LENGTH_CODES {
        table[END_BLOCK + 1 + code] = EXTRA_LBITS[code];
        code += 1;
    }
    table
}

#[allow(clippy::cast_possible_truncation)] // LENGTH_CODES - 1 = 28 fits in u8
const fn build_length_code() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut length = 0usize;
    let mut code = 0u8;
    while (code as usize) < LENGTH_CODES - 1 {
        let mut n = 0;
        while n < (1usize << EXTRA_LBITS[code as usize]) {
            table[length] = code;
            length += 1;
            n += 1;
        }
        code += 1;
    }
    // Length 258 can be coded as 284 + 5 extra bits or as 285; zlib overwrites the last entry to
    // use the shorter code 285.
    table[255] = (LENGTH_CODES - 1) as u8;
    table
}

#[allow(clippy::cast_possible_truncation)] // base lengths are at most 224
const fn build_base_length() -> [u8; LENGTH_CODES] {
    // zlib leaves base_length[28] at 0 (code 285 has no extra bits, so it is never used).
    let mut table = [0u8; LENGTH_CODES];
    let mut length = 0u32;
    let mut code = 0;
    while code < LENGTH_CODES - 1 {
        table[code] = length as u8;
        length += 1 << EXTRA_LBITS[code];
        code += 1;
    }
    table
}

const fn build_dist_code() -> [u8; 512] {
    let mut table = [0u8; 512];
    let mut dist = 0usize;
    let mut code = 0u8;
    while code < 16 {
        let mut n = 0;
        while n < (1usize << EXTRA_DBITS[code as usize]) {
            table[dist] = code;
            dist += 1;
            n += 1;
        }
        code += 1;
    }
    // From here on distances are divided by 128.
    dist >>= 7;
    while (code as usize) < D_CODES {
        let mut n = 0;
        while n < (1usize << (EXTRA_DBITS[code as usize] - 7)) {
            table[256 + dist] = code;
            dist += 1;
            n += 1;
        }
        code += 1;
    }
    table
}

#[allow(clippy::cast_possible_truncation)] // base distances are at most 24576
const fn build_base_dist() -> [u16; D_CODES] {
    let mut table = [0u16; D_CODES];
    let mut dist = 0u32;
    let mut code = 0;
    while code < D_CODES {
        table[code] = dist as u16;
        dist += 1 << EXTRA_DBITS[code];
        code += 1;
    }
    table
}

const fn build_static_lit_lens() -> [u8; STATIC_L_SYMBOLS] {
    let mut lens = [0u8; STATIC_L_SYMBOLS];
    let mut n = 0;
    while n < STATIC_L_SYMBOLS {
        lens[n] = if n <= 143 {
            8
        } else if n <= 255 {
            9
        } else if n <= 279 {
            7
        } else {
            8
        };
        n += 1;
    }
    lens
}

/// zlib's `gen_codes` applied to the static literal tree (all 288 symbols).
const fn build_static_lit_codes() -> [u32; STATIC_L_SYMBOLS] {
    let lens = build_static_lit_lens();
    let mut bl_count = [0u32; MAX_BITS as usize + 1];
    let mut n = 0;
    while n < STATIC_L_SYMBOLS {
        bl_count[lens[n] as usize] += 1;
        n += 1;
    }
    let mut next_code = [0u32; MAX_BITS as usize + 1];
    let mut code = 0u32;
    let mut bits = 1;
    while bits <= MAX_BITS as usize {
        code = (code + bl_count[bits - 1]) << 1;
        next_code[bits] = code;
        bits += 1;
    }
    let mut codes = [0u32; STATIC_L_SYMBOLS];
    n = 0;
    while n < STATIC_L_SYMBOLS {
        let len = lens[n];
        codes[n] = reverse_bits(next_code[len as usize], len);
        next_code[len as usize] += 1;
        n += 1;
    }
    codes
}

#[allow(clippy::cast_possible_truncation)] // D_CODES = 30 fits in u32
const fn build_static_dist_codes() -> [u32; D_CODES] {
    let mut codes = [0u32; D_CODES];
    let mut n = 0u32;
    while n < D_CODES as u32 {
        codes[n as usize] = reverse_bits(n, 5);
        n += 1;
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_match_zlib_trees_h() {
        // Spot values from zlib's generated trees.h.
        assert_eq!(LENGTH_CODE[0], 0);
        assert_eq!(LENGTH_CODE[8], 8);
        assert_eq!(LENGTH_CODE[254], 27);
        assert_eq!(LENGTH_CODE[255], 28);
        assert_eq!(
            BASE_LENGTH,
            [
                0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192,
                224, 0
            ]
        );
        assert_eq!(BASE_DIST[29], 24576);
        assert_eq!(DIST_CODE[4], 4);
        assert_eq!(DIST_CODE[511], 29);
        assert_eq!(dist_code(32767), 29);
        assert_eq!(dist_code(256), 16);
        // static_ltree[0] = {{12},{8}}, [144] = {{19},{9}}, [256] = {{0},{7}}, [280] = {{3},{8}}
        assert_eq!((STATIC_LIT_CODES[0], STATIC_LIT_LENS[0]), (12, 8));
        assert_eq!((STATIC_LIT_CODES[144], STATIC_LIT_LENS[144]), (19, 9));
        assert_eq!((STATIC_LIT_CODES[256], STATIC_LIT_LENS[256]), (0, 7));
        assert_eq!((STATIC_LIT_CODES[280], STATIC_LIT_LENS[280]), (3, 8));
        assert_eq!(STATIC_DIST_CODES[1], 16);
    }
}
