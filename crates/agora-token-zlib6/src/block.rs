//! Collects the symbols of one deflate block and writes the block the way zlib's
//! `_tr_flush_block` (trees.c) does: build both dynamic trees and the code-length tree, then pick
//! a stored, static or dynamic block by the same size comparison.

use super::bits::BitWriter;
use super::huffman::{code_entry, unlimited_huffman_cost, BlockBits, Code, TreeBuilder, TreeSpec};
use super::tables::{
    dist_code, BASE_DIST, BASE_LENGTH, BL_CODES, BL_ORDER, D_CODES, END_BLOCK, EXTRA_BITS_PER_LIT_SYMBOL, EXTRA_BLBITS,
    EXTRA_DBITS, EXTRA_LBITS, LENGTH_CODE, L_CODES, MAX_BITS, MAX_BL_BITS, MIN_MATCH, REPZ_11_138, REPZ_3_10, REP_3_6,
    STATIC_DIST_CODES, STATIC_DIST_LENS, STATIC_LIT_CODES, STATIC_LIT_LENS,
};

/// zlib ends a block when its symbol buffer holds `lit_bufsize - 1` symbols: `lit_bufsize` is
/// `1 << (memLevel + 6)` = 16384 for memLevel 8 and `sym_end` is `(lit_bufsize - 1) * 3` bytes.
pub(super) const BLOCK_SYMBOL_LIMIT: usize = 16383;

/// First literal/length symbol that codes a match length.
const FIRST_LENGTH_SYMBOL: usize = END_BLOCK + 1;

/// Block type field values (RFC 1951 3.2.3).
const STORED_BLOCK: u32 = 0;
const STATIC_TREES: u32 = 1;
const DYNAMIC_TREES: u32 = 2;

const LIT_SPEC: TreeSpec<L_CODES> =
    TreeSpec { max_length: MAX_BITS, extra_bits: &EXTRA_BITS_PER_LIT_SYMBOL, static_lens: Some(&STATIC_LIT_LENS) };
const DIST_SPEC: TreeSpec<D_CODES> =
    TreeSpec { max_length: MAX_BITS, extra_bits: &EXTRA_DBITS, static_lens: Some(&STATIC_DIST_LENS) };
/// The code-length tree has no static counterpart (zlib's `static_bl_desc`).
const BL_SPEC: TreeSpec<BL_CODES> = TreeSpec { max_length: MAX_BL_BITS, extra_bits: &EXTRA_BLBITS, static_lens: None };

/// One entry of zlib's `sym_buf`: a literal byte (`distance == 0`) or a match.
#[derive(Clone, Copy)]
struct Symbol {
    distance: u16,
    /// The literal byte, or the match length minus `MIN_MATCH`.
    literal_or_length: u8,
}

/// A Huffman code as the symbol writer needs it: `code_entry` values (code and length in one
/// word, so that writing a symbol takes one table read).
struct CodeTable<'a> {
    entries: &'a [u32],
}

impl CodeTable<'_> {
    #[inline]
    fn put(&self, bits: &mut BitWriter<'_>, symbol: usize) {
        let entry = self.entries.get(symbol).copied().unwrap_or(0);
        bits.put(entry & 0x00ff_ffff, (entry >> 24) as usize);
    }
}

/// The static literal/length and distance codes as `code_entry` values.
const STATIC_LIT_ENTRIES: [u32; STATIC_LIT_CODES.len()] = {
    let mut entries = [0u32; STATIC_LIT_CODES.len()];
    let mut symbol = 0;
    while symbol < entries.len() {
        entries[symbol] = code_entry(STATIC_LIT_CODES[symbol], STATIC_LIT_LENS[symbol]);
        symbol += 1;
    }
    entries
};
const STATIC_DIST_ENTRIES: [u32; D_CODES] = {
    let mut entries = [0u32; D_CODES];
    let mut symbol = 0;
    while symbol < D_CODES {
        entries[symbol] = code_entry(STATIC_DIST_CODES[symbol], STATIC_DIST_LENS[symbol]);
        symbol += 1;
    }
    entries
};

/// Storage reused across calls: the symbol buffer (parked here between calls) and the tree
/// builder's scratch arrays.
pub(super) struct BlockBuffers {
    symbols: Vec<Symbol>,
    trees: TreeBuilder,
}

impl BlockBuffers {
    pub(super) fn new() -> Self {
        BlockBuffers { symbols: Vec::new(), trees: TreeBuilder::new() }
    }

    /// Releases symbol buffer capacity beyond what an input of `input_len` bytes needs.
    pub(super) fn trim(&mut self, input_len: usize) {
        self.symbols.shrink_to(input_len);
    }
}

/// Writes the deflate blocks of one stream. The current block's symbols and frequencies are
/// held directly here, so that the LZ77 loop's tallies stay cheap.
pub(super) struct BlockEncoder<'a> {
    bits: BitWriter<'a>,
    symbols: Vec<Symbol>,
    lit_freq: [u16; L_CODES],
    dist_freq: [u16; D_CODES],
    buffers: &'a mut BlockBuffers,
}

impl<'a> BlockEncoder<'a> {
    pub(super) fn new(out: &'a mut Vec<u8>, buffers: &'a mut BlockBuffers, input_len: usize) -> Self {
        let mut symbols = std::mem::take(&mut buffers.symbols);
        symbols.reserve(input_len.min(BLOCK_SYMBOL_LIMIT));
        let mut encoder = BlockEncoder {
            bits: BitWriter::new(out),
            symbols,
            lit_freq: [0; L_CODES],
            dist_freq: [0; D_CODES],
            buffers,
        };
        encoder.start_block();
        encoder
    }

    /// Hands the symbol buffer back for the next call.
    pub(super) fn finish(self) {
        self.buffers.symbols = self.symbols;
    }

    /// zlib's `init_block`: every block carries exactly one end-of-block symbol.
    fn start_block(&mut self) {
        self.symbols.clear();
        self.lit_freq = [0; L_CODES];
        self.lit_freq[END_BLOCK] = 1;
        self.dist_freq = [0; D_CODES];
    }

    /// Records a literal; returns true when the block is full (zlib's `_tr_tally_lit`).
    #[inline]
    pub(super) fn tally_literal(&mut self, byte: u8) -> bool {
        self.symbols.push(Symbol { distance: 0, literal_or_length: byte });
        self.lit_freq[usize::from(byte)] += 1;
        self.symbols.len() == BLOCK_SYMBOL_LIMIT
    }

    /// Records a match; returns true when the block is full (zlib's `_tr_tally_dist`).
    #[inline]
    #[allow(clippy::cast_possible_truncation)] // distance <= 32768 and length - 3 <= 255 by construction
    pub(super) fn tally_match(&mut self, distance: usize, length: usize) -> bool {
        let length_minus_min = length - MIN_MATCH;
        self.symbols.push(Symbol { distance: distance as u16, literal_or_length: length_minus_min as u8 });
        let length_code = usize::from(LENGTH_CODE[length_minus_min & 0xff]);
        self.lit_freq[FIRST_LENGTH_SYMBOL + length_code] += 1;
        self.dist_freq[dist_code(distance - 1)] += 1;
        self.symbols.len() == BLOCK_SYMBOL_LIMIT
    }

    /// Writes the current block (zlib's `_tr_flush_block`). `block_input` is the input the block
    /// covers, used if a stored block is smallest; `last` marks the final block, after which the
    /// stream is padded to a byte boundary.
    pub(super) fn flush_block(&mut self, block_input: &[u8], last: bool) {
        let mut bits = BlockBits::default();
        let mut lit = Code::<L_CODES>::new();
        let mut dist = Code::<D_CODES>::new();
        let trees = &mut self.buffers.trees;
        trees.build(&LIT_SPEC, &self.lit_freq, &mut lit, &mut bits);
        trees.build(&DIST_SPEC, &self.dist_freq, &mut dist, &mut bits);

        // zlib's build_bl_tree: the code-length code for sending both trees.
        let mut bl_freq = [0u16; BL_CODES];
        count_code_length_symbols(&lit, &mut bl_freq);
        count_code_length_symbols(&dist, &mut bl_freq);
        // Static trees win most small blocks (token payloads among them) by tens of bits, and
        // zlib's code-length tree only adds to the dynamic size: an optimal code for `bl_freq`
        // (which zlib's 7-bit-limited one cannot beat), the extra bits of the repeat codes and
        // the header fields give a lower bound that usually settles the choice without it.
        let static_bytes = bits.fixed.wrapping_add(3 + 7) >> 3;
        let bl_extra: usize =
            bl_freq.iter().zip(&EXTRA_BLBITS).map(|(&freq, &extra)| usize::from(freq) * usize::from(extra)).sum();
        let bl_lens_sent_at_least = bl_lens_sent(|symbol| bl_freq[symbol] != 0);
        let dynamic_at_least = bits
            .dynamic
            .wrapping_add(unlimited_huffman_cost(&bl_freq) + bl_extra + 3 * bl_lens_sent_at_least + 5 + 5 + 4);
        let last_bit = u32::from(last);
        if static_bytes <= dynamic_at_least.wrapping_add(3 + 7) >> 3 {
            self.write_static_or_stored_block(block_input, static_bytes, last_bit);
        } else {
            let mut bl = Code::<BL_CODES>::new();
            trees.build(&BL_SPEC, &bl_freq, &mut bl, &mut bits);
            let bl_lens_sent = bl_lens_sent(|symbol| bl.lens[symbol] != 0);
            bits.dynamic = bits.dynamic.wrapping_add(3 * bl_lens_sent + 5 + 5 + 4);

            // Sizes in bytes including the 3-bit block header; static wins ties (zlib 1.3:
            // `if (static_lenb <= opt_lenb) opt_lenb = static_lenb;`).
            let dynamic_bytes = bits.dynamic.wrapping_add(3 + 7) >> 3;
            if static_bytes <= dynamic_bytes {
                self.write_static_or_stored_block(block_input, static_bytes, last_bit);
            } else if block_input.len() + 4 <= dynamic_bytes {
                self.write_stored_block(block_input, last_bit);
            } else {
                self.bits.put((DYNAMIC_TREES << 1) | last_bit, 3);
                self.write_tree_description(&lit, &dist, &bl, bl_lens_sent);
                let lit_codes = lit.canonical_codes();
                let dist_codes = dist.canonical_codes();
                let lit_table = CodeTable { entries: &lit_codes };
                let dist_table = CodeTable { entries: &dist_codes };
                self.write_symbols(&lit_table, &dist_table);
            }
        }
        if last {
            self.bits.align_to_byte();
        } else {
            self.start_block();
        }
    }

    /// The end of `_tr_flush_block` once static trees are known to beat dynamic ones: a stored
    /// block if that is smaller still, else a static one.
    fn write_static_or_stored_block(&mut self, block_input: &[u8], static_bytes: usize, last_bit: u32) {
        if block_input.len() + 4 <= static_bytes {
            self.write_stored_block(block_input, last_bit);
        } else {
            self.bits.put((STATIC_TREES << 1) | last_bit, 3);
            let lit_table = CodeTable { entries: &STATIC_LIT_ENTRIES };
            let dist_table = CodeTable { entries: &STATIC_DIST_ENTRIES };
            self.write_symbols(&lit_table, &dist_table);
        }
    }

    /// zlib's `_tr_stored_block`: header bits, pad to a byte, LEN, NLEN, raw bytes.
    fn write_stored_block(&mut self, block_input: &[u8], last_bit: u32) {
        self.bits.put((STORED_BLOCK << 1) | last_bit, 3);
        self.bits.align_to_byte();
        // zlib writes (ush)stored_len; blocks never exceed MAX_INPUT < 65536 bytes here.
        let len = block_input.len().to_le_bytes();
        self.bits.put_aligned_bytes(&[len[0], len[1], !len[0], !len[1]]);
        self.bits.put_aligned_bytes(block_input);
    }

    /// zlib's `send_all_trees`.
    fn write_tree_description(
        &mut self,
        lit: &Code<L_CODES>,
        dist: &Code<D_CODES>,
        bl: &Code<BL_CODES>,
        bl_lens_sent: usize,
    ) {
        let lit_codes_sent = lit.max_symbol + 1;
        let dist_codes_sent = dist.max_symbol + 1;
        // HLIT, HDIST, HCLEN. The literal/length tree always covers END_BLOCK (256), the
        // distance tree at least 2 codes and the code-length tree at least 4.
        self.bits.put(count_field(lit_codes_sent.saturating_sub(FIRST_LENGTH_SYMBOL)), 5);
        self.bits.put(count_field(dist_codes_sent.saturating_sub(1)), 5);
        self.bits.put(count_field(bl_lens_sent.saturating_sub(4)), 4);
        for &symbol in BL_ORDER.iter().take(bl_lens_sent) {
            self.bits.put(u32::from(bl.lens[symbol]), 3);
        }
        let bl_codes = bl.canonical_codes();
        let bl_table = CodeTable { entries: &bl_codes };
        let bits = &mut self.bits;
        let mut send_symbol = |symbol: usize, extra: u32, extra_len: usize| {
            bl_table.put(bits, symbol);
            if extra_len > 0 {
                bits.put(extra, extra_len);
            }
        };
        encode_code_lengths(lit, &mut send_symbol);
        encode_code_lengths(dist, &mut send_symbol);
    }

    /// zlib's `compress_block`: every symbol of the block, then end-of-block.
    fn write_symbols(&mut self, lit: &CodeTable<'_>, dist: &CodeTable<'_>) {
        for symbol in &self.symbols {
            let value = usize::from(symbol.literal_or_length);
            if symbol.distance == 0 {
                lit.put(&mut self.bits, value);
                continue;
            }
            let length_code = usize::from(LENGTH_CODE[value]);
            lit.put(&mut self.bits, FIRST_LENGTH_SYMBOL + length_code);
            let extra_len = usize::from(EXTRA_LBITS[length_code]);
            if extra_len > 0 {
                let extra = value - usize::from(BASE_LENGTH[length_code]);
                self.bits.put(extra_value(extra), extra_len);
            }
            let distance_minus_one = usize::from(symbol.distance) - 1;
            let dist_code = dist_code(distance_minus_one);
            dist.put(&mut self.bits, dist_code);
            let extra_len = usize::from(EXTRA_DBITS[dist_code]);
            if extra_len > 0 {
                let extra = distance_minus_one - usize::from(BASE_DIST[dist_code]);
                self.bits.put(extra_value(extra), extra_len);
            }
        }
        lit.put(&mut self.bits, END_BLOCK);
    }
}

/// How many code-length code lengths zlib sends (HCLEN + 4): up to the last used one in
/// `BL_ORDER`, and at least 4.
fn bl_lens_sent(is_used: impl Fn(usize) -> bool) -> usize {
    (3..BL_CODES).rev().find(|&rank| is_used(BL_ORDER[rank])).unwrap_or(2) + 1
}

/// Extra-bit values are below 2^13.
#[allow(clippy::cast_possible_truncation)] // value < 8192 (13 extra bits at most)
#[inline]
fn extra_value(value: usize) -> u32 {
    value as u32
}

/// Header count fields (HLIT, HDIST, HCLEN) are below 32.
#[allow(clippy::cast_possible_truncation)] // value < 32 by the deflate alphabet sizes
fn count_field(value: usize) -> u32 {
    value as u32
}

/// Run-length encodes the code lengths of `code` (symbols `0..=max_symbol`) with the
/// code-length alphabet exactly as zlib's `scan_tree` / `send_tree` do, calling
/// `emit(symbol, extra_value, extra_len)` for every code-length symbol (`scan_tree` only counts
/// them, `send_tree` writes them).
///
/// zlib's state machine encodes each maximal run of equal lengths on its own, in a way that
/// depends only on the length and the run size (see `encode_zero_run` and `encode_length_run`),
/// so the runs are found from the list of symbols with a code: zero runs are the gaps between
/// them, and runs of a non-zero length are neighbours with equal lengths.
fn encode_code_lengths<const N: usize>(code: &Code<N>, emit: &mut impl FnMut(usize, u32, usize)) {
    let mut next_symbol = 0;
    let mut run_len = 0u8;
    let mut run_size = 0u32;
    for &symbol in code.symbols_with_code() {
        let symbol = usize::from(symbol);
        let len = code.lens.get(symbol).copied().unwrap_or(0);
        let zeros = symbol.saturating_sub(next_symbol);
        if zeros == 0 && len == run_len {
            run_size += 1;
        } else {
            encode_length_run(run_len, run_size, emit);
            encode_zero_run(zeros, emit);
            run_len = len;
            run_size = 1;
        }
        next_symbol = symbol + 1;
    }
    encode_length_run(run_len, run_size, emit);
}

/// What `encode_code_lengths` would emit, counted per code-length symbol into `bl_freq` (zlib's
/// `scan_tree`), with few data-dependent branches: most used symbols of a small block sit alone
/// between zero runs and are sent as their length, so every symbol is first counted that way
/// (from `bl_count`), zero runs are counted from a table, and only runs of 4 or more equal
/// lengths, which `encode_length_run` sends with `REP_3_6`, are corrected afterwards.
fn count_code_length_symbols<const N: usize>(code: &Code<N>, bl_freq: &mut [u16; BL_CODES]) {
    for (freq, &with_this_length) in bl_freq.iter_mut().zip(code.codes_of_each_length()).skip(1) {
        *freq += with_this_length;
    }
    let mut zero_runs = 0u64;
    let mut next_symbol = 0;
    let mut run_len = 0u8;
    let mut run_size = 0u32;
    for &symbol in code.symbols_with_code() {
        let symbol = usize::from(symbol);
        let len = code.lens.get(symbol).copied().unwrap_or(0);
        let zeros = symbol.saturating_sub(next_symbol);
        zero_runs += ZERO_RUN_SYMBOLS.get(zeros).copied().unwrap_or(0);
        let continues_run = zeros == 0 && len == run_len;
        if !continues_run && run_size >= 4 {
            send_run_with_repeats(run_len, run_size, bl_freq);
        }
        run_size = if continues_run { run_size + 1 } else { 1 };
        run_len = len;
        next_symbol = symbol + 1;
    }
    if run_size >= 4 {
        send_run_with_repeats(run_len, run_size, bl_freq);
    }
    let [singles, short_runs, long_runs] = unpack_zero_run_counts(zero_runs);
    bl_freq[0] += singles;
    bl_freq[REPZ_3_10] += short_runs;
    bl_freq[REPZ_11_138] += long_runs;
}

/// Replaces the `size` single `len` symbols counted for a run by what `encode_length_run`
/// really sends for it.
fn send_run_with_repeats(len: u8, size: u32, bl_freq: &mut [u16; BL_CODES]) {
    let counted_alone = u16::try_from(size).unwrap_or(u16::MAX);
    if let Some(freq) = bl_freq.get_mut(usize::from(len)) {
        *freq -= counted_alone;
    }
    encode_length_run(len, size, &mut |symbol: usize, _extra: u32, _extra_len: usize| {
        if let Some(freq) = bl_freq.get_mut(symbol) {
            *freq += 1;
        }
    });
}

/// The three counts of a `ZERO_RUN_SYMBOLS` entry (or a sum of entries: each count stays below
/// 2^16 because a tree has fewer than 2^16 symbols).
#[allow(clippy::cast_possible_truncation)] // each count is masked to 16 bits
fn unpack_zero_run_counts(packed: u64) -> [u16; 3] {
    [(packed & 0xffff) as u16, ((packed >> 16) & 0xffff) as u16, ((packed >> 32) & 0xffff) as u16]
}

/// For a run of `n` zero lengths (`n` < `L_CODES`): how many single zeros, `REPZ_3_10` and
/// `REPZ_11_138` symbols `encode_zero_run` sends, packed in 16-bit fields (bits 0, 16 and 32) so
/// that a block's runs add up in one register.
const ZERO_RUN_SYMBOLS: [u64; L_CODES] = {
    let mut table = [0u64; L_CODES];
    let mut size = 0;
    while size < L_CODES {
        let mut left = size;
        while left > 0 {
            let chunk = if left < 138 { left } else { 138 };
            if chunk < 3 {
                table[size] += chunk as u64;
            } else if chunk <= 10 {
                table[size] += 1 << 16;
            } else {
                table[size] += 1 << 32;
            }
            left -= chunk;
        }
        size += 1;
    }
    table
};

/// `size` zero lengths: chunks of at most 138, each sent as single zeros (fewer than 3),
/// `REPZ_3_10` or `REPZ_11_138`.
fn encode_zero_run(size: usize, emit: &mut impl FnMut(usize, u32, usize)) {
    let mut left = size;
    while left > 0 {
        let chunk = left.min(138);
        if chunk < 3 {
            for _ in 0..chunk {
                emit(0, 0, 0);
            }
        } else if chunk <= 10 {
            emit(REPZ_3_10, count_field(chunk - 3), 3);
        } else {
            emit(REPZ_11_138, count_field(chunk - 11), 7);
        }
        left -= chunk;
    }
}

/// `size` equal non-zero lengths `len`: the first chunk of at most 7 is sent as single lengths
/// (fewer than 4) or as the length followed by `REP_3_6`; further chunks of at most 6 as single
/// lengths (fewer than 3) or `REP_3_6` alone.
fn encode_length_run(len: u8, size: u32, emit: &mut impl FnMut(usize, u32, usize)) {
    if size == 0 {
        return;
    }
    let symbol = usize::from(len);
    let first = size.min(7);
    if first < 4 {
        for _ in 0..first {
            emit(symbol, 0, 0);
        }
    } else {
        emit(symbol, 0, 0);
        emit(REP_3_6, first - 4, 2);
    }
    let mut left = size - first;
    while left > 0 {
        let chunk = left.min(6);
        if chunk < 3 {
            for _ in 0..chunk {
                emit(symbol, 0, 0);
            }
        } else {
            emit(REP_3_6, chunk - 3, 2);
        }
        left -= chunk;
    }
}
