//! zlib's `deflate_slow` (lazy match evaluation) with the level 6 parameters, for an input that is
//! entirely in memory and no longer than `MAX_INPUT`.
//!
//! With the whole input handed over at once, zlib's `fill_window` copies all of it into the
//! window on the first call (the window holds 64 KiB and `MAX_INPUT` is 32 KiB), never slides it,
//! and zeroes the `WIN_INIT` (= 258) bytes after the end of the data, which `longest_match` may
//! read (it scans up to 258 bytes without checking the lookahead; the result is capped to the
//! lookahead, and zlib notes that those bytes cannot change the output). We keep the same
//! zero-padded copy of the input as the window, so that every comparison zlib makes is made on
//! the same bytes.

use super::block::BlockEncoder;
use super::tables::{MAX_MATCH, MIN_MATCH};

/// Level 6 row of zlib's `configuration_table`: good 8, lazy 16, nice 128, chain 128.
const GOOD_MATCH: usize = 8;
const MAX_LAZY_MATCH: usize = 16;
const NICE_MATCH: usize = 128;
const MAX_CHAIN: usize = 128;

/// windowBits 15.
const WINDOW_SIZE: usize = 1 << 15;
/// zlib's `MAX_DIST`: the window size minus `MIN_LOOKAHEAD` (`MAX_MATCH + MIN_MATCH + 1`).
const MAX_DIST: usize = WINDOW_SIZE - (MAX_MATCH + MIN_MATCH + 1);
/// Matches of length 3 further away than this are dropped (zlib's `TOO_FAR`).
const TOO_FAR: usize = 4096;
/// Zeroed bytes after the data in zlib's window (`WIN_INIT`).
const WINDOW_PADDING: usize = MAX_MATCH;
/// zlib's `NIL`: position 0 doubles as "no previous string", so it is never a match candidate.
const NIL: usize = 0;

/// Number of hash values (`HASH_BITS` 15 for memLevel 8).
const HASH_SIZE: usize = 1 << 15;

/// Compresses `input` (at most `MAX_INPUT` bytes) into deflate blocks written by `encoder`,
/// ending with the last block.
pub(super) fn compress(input: &[u8], finder: &mut MatchFinder, encoder: &mut BlockEncoder<'_>) {
    finder.prepare(input);
    let mut strstart = 0usize;
    let mut lookahead = input.len();
    let mut block_start = 0usize;
    let mut match_length = MIN_MATCH - 1;
    let mut match_start = 0usize;
    // True when the byte before strstart is still undecided (literal or start of a match).
    let mut match_available = false;

    while lookahead > 0 {
        if match_length < MIN_MATCH {
            // Fast path for the common case of positions without any usable earlier string and
            // no pending match: each such position makes the byte before it a literal, exactly
            // as the general step below would.
            let stretch_end = finder.next_position_with_candidate(strstart, input.len());
            if strstart < stretch_end {
                // Position p of the stretch makes byte p - 1 a literal if a byte is pending, which
                // is the case from the second position on; a full block ends after that byte.
                let first_literal = if match_available { strstart - 1 } else { strstart };
                for (byte_pos, &byte) in (first_literal..).zip(&input[first_literal..stretch_end - 1]) {
                    if encoder.tally_literal(byte) {
                        encoder.flush_block(&input[block_start..=byte_pos], false);
                        block_start = byte_pos + 1;
                    }
                }
                match_available = true;
                lookahead -= stretch_end - strstart;
                strstart = stretch_end;
            }
            if lookahead == 0 {
                break;
            }
        }
        let hash_head = if lookahead >= MIN_MATCH { finder.previous_same_hash(strstart) } else { NIL };
        // The match found at the previous position competes with the one starting here.
        let prev_length = match_length;
        let prev_match = match_start;
        match_length = MIN_MATCH - 1;

        if hash_head != NIL && prev_length < MAX_LAZY_MATCH && strstart - hash_head <= MAX_DIST {
            match_length = finder.longest_match(strstart, hash_head, prev_length, lookahead, &mut match_start);
            if match_length == MIN_MATCH && strstart - match_start > TOO_FAR {
                match_length = MIN_MATCH - 1;
            }
        }

        if prev_length >= MIN_MATCH && match_length <= prev_length {
            // The previous match is at least as good: emit it. It starts at strstart - 1, so
            // skip the rest of it. (The hash chains of the skipped strings were built up front.)
            let block_full = encoder.tally_match(strstart - 1 - prev_match, prev_length);
            lookahead -= prev_length - 1;
            strstart += prev_length - 1;
            match_available = false;
            match_length = MIN_MATCH - 1;
            if block_full {
                encoder.flush_block(&input[block_start..strstart], false);
                block_start = strstart;
            }
        } else if match_available {
            // No match at the previous position, or this one is longer: the previous byte is
            // a literal. zlib flushes before advancing, so the block ends at strstart.
            let block_full = encoder.tally_literal(input[strstart - 1]);
            if block_full {
                encoder.flush_block(&input[block_start..strstart], false);
                block_start = strstart;
            }
            strstart += 1;
            lookahead -= 1;
        } else {
            // Nothing to compare with yet: decide at the next position.
            match_available = true;
            strstart += 1;
            lookahead -= 1;
        }
    }
    // zlib tallies the final pending literal without checking for a full block.
    if match_available {
        encoder.tally_literal(input[strstart - 1]);
    }
    encoder.flush_block(&input[block_start..strstart], true);
}

/// The window and zlib's hash chains for one input, in buffers reused across calls.
pub(super) struct MatchFinder {
    /// The input followed by `WINDOW_PADDING` zero bytes.
    window: Vec<u8>,
    /// `chain[p]`: the latest position before `p` whose three bytes have the same hash as those
    /// at `p`, or `NIL` (zlib's `prev[]`); one entry for every position with three bytes of data.
    chain: Vec<u16>,
    /// zlib's `head[]`: for each hash value, `generation << 16 | latest position`. Entries of
    /// earlier calls carry an older generation and read as empty, so the table is never cleared
    /// (except once every 65535 calls, when the generation wraps).
    heads: Box<[u32; HASH_SIZE]>,
    generation: u16,
}

impl MatchFinder {
    pub(super) fn new() -> Self {
        MatchFinder { window: Vec::new(), chain: Vec::new(), heads: Box::new([0; HASH_SIZE]), generation: 0 }
    }

    /// Releases buffer capacity beyond what an input of `input_len` bytes needs.
    pub(super) fn trim(&mut self, input_len: usize) {
        self.window.shrink_to(input_len + WINDOW_PADDING);
        self.chain.shrink_to(input_len);
    }

    fn prepare(&mut self, input: &[u8]) {
        // The window always holds the previous input followed by WINDOW_PADDING zeros, so only
        // the previous input's bytes that fall into the new padding need clearing (none for
        // inputs of equal length): growing appends zeros, and bytes from the previous input's
        // end on are zeros already.
        let previous_len = self.window.len().saturating_sub(WINDOW_PADDING);
        let len = input.len();
        self.window.resize(len + WINDOW_PADDING, 0);
        if let Some(stale) = self.window.get_mut(len..previous_len.min(len + WINDOW_PADDING)) {
            stale.fill(0);
        }
        if let Some(data) = self.window.get_mut(..len) {
            data.copy_from_slice(input);
        }
        self.build_hash_chains(input);
    }

    /// Links every position that has three bytes of data to the previous position with the
    /// same hash. zlib inserts every such position, in increasing order, and always before
    /// searching from a later position, so these links are exactly zlib's `prev[]` (no
    /// position reaches 32768, so zlib's `& w_mask` never wraps).
    fn build_hash_chains(&mut self, input: &[u8]) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.heads.fill(0);
            self.generation = 1;
        }
        let tag = u32::from(self.generation) << 16;
        self.chain.clear();
        let heads: &mut [u32; HASH_SIZE] = &mut self.heads;
        // Positions are below MAX_INPUT <= 32768, so they fit in u16.
        self.chain.extend(input.windows(MIN_MATCH).zip(0u16..).map(move |(bytes, pos)| {
            let head = &mut heads[usize::from(hash3(bytes[0], bytes[1], bytes[2]))];
            let entry = *head;
            *head = tag | u32::from(pos);
            // Whether the hash occurred earlier is data-dependent. (The compiler may still emit a
            // branch; a branch-free mask measured slower on token payloads, faster from ~1 KiB.)
            std::hint::select_unpredictable(entry & 0xffff_0000 == tag, low_half(entry), NIL_POSITION)
        }));
    }

    /// The first position from `pos` on (or `input_len`) where the general step could search
    /// for a match: one with three bytes of data and an earlier string with the same hash at
    /// most `MAX_DIST` back.
    fn next_position_with_candidate(&self, pos: usize, input_len: usize) -> usize {
        let searchable_end = input_len.saturating_sub(MIN_MATCH - 1);
        let heads = self.chain.get(pos..searchable_end).unwrap_or_default();
        if searchable_end <= MAX_DIST + 1 {
            // Every position scanned is at most MAX_DIST and every link is at least 1, so any
            // link is within MAX_DIST: look for the first link, skipping four empty ones at once.
            let (quads, _) = heads.as_chunks::<4>();
            let skipped = 4 * quads.iter().take_while(|quad| **quad == [NIL_POSITION; 4]).count();
            let rest = heads.get(skipped..).unwrap_or_default();
            return rest.iter().position(|&head| head != NIL_POSITION).map_or(input_len, |at| pos + skipped + at);
        }
        heads
            .iter()
            .zip(pos..)
            .find(|&(&head, at)| head != NIL_POSITION && at - usize::from(head) <= MAX_DIST)
            .map_or(input_len, |(_, at)| at)
    }

    /// What zlib's `INSERT_STRING` returns as `hash_head` at `pos`.
    #[inline]
    fn previous_same_hash(&self, pos: usize) -> usize {
        self.chain.get(pos).map_or(NIL, |&previous| usize::from(previous))
    }

    /// zlib's `longest_match`: walks the hash chain from `first_candidate` and returns the
    /// length of the longest match longer than `prev_length` (setting `match_start`), or
    /// `prev_length` if there is none; never more than `lookahead`.
    fn longest_match(
        &self,
        strstart: usize,
        first_candidate: usize,
        prev_length: usize,
        lookahead: usize,
        match_start: &mut usize,
    ) -> usize {
        let mut chain_left = if prev_length >= GOOD_MATCH { MAX_CHAIN >> 2 } else { MAX_CHAIN };
        // "Do not look for matches beyond the end of the input."
        let nice_match = NICE_MATCH.min(lookahead);
        // Candidates must be after this position (first_candidate may equal it).
        let limit = strstart.saturating_sub(MAX_DIST);
        let mut best_len = prev_length;
        let Some(scan) = self.window.get(strstart..strstart + MAX_MATCH) else {
            return best_len.min(lookahead);
        };
        let mut candidate = first_candidate;
        loop {
            if let Some(candidate_bytes) = self.window.get(candidate..candidate + MAX_MATCH) {
                // Only a candidate that agrees at byte best_len can be longer (zlib checks that
                // byte, and a few others, before comparing in full). The length is the common
                // prefix capped at MAX_MATCH, which is what zlib's scan loop yields.
                if candidate_bytes.get(best_len) == scan.get(best_len) {
                    let len = common_prefix_len(scan, candidate_bytes);
                    if len > best_len {
                        *match_start = candidate;
                        best_len = len;
                        if len >= nice_match {
                            break;
                        }
                    }
                }
            }
            candidate = self.previous_same_hash(candidate);
            chain_left -= 1;
            if candidate <= limit || chain_left == 0 {
                break;
            }
        }
        best_len.min(lookahead)
    }
}

const NIL_POSITION: u16 = 0;

#[allow(clippy::cast_possible_truncation)] // the masked low 16 bits
#[inline]
fn low_half(value: u32) -> u16 {
    (value & 0xffff) as u16
}

/// Length of the common prefix of two equally long byte strings, 8 bytes at a time.
fn common_prefix_len(a: &[u8], b: &[u8]) -> usize {
    let (a_words, _) = a.as_chunks::<8>();
    let (b_words, _) = b.as_chunks::<8>();
    let mut matched = 0;
    for (a_word, b_word) in a_words.iter().zip(b_words) {
        let difference = u64::from_le_bytes(*a_word) ^ u64::from_le_bytes(*b_word);
        if difference != 0 {
            return matched + (difference.trailing_zeros() / 8) as usize;
        }
        matched += 8;
    }
    let tail_a = a.get(matched..).unwrap_or_default();
    let tail_b = b.get(matched..).unwrap_or_default();
    matched + tail_a.iter().zip(tail_b).take_while(|(x, y)| x == y).count()
}

/// zlib's hash of the three bytes at a position (`HASH_BITS` 15, `hash_shift` 5 for memLevel 8):
/// `((b0 << 10) ^ (b1 << 5) ^ b2) & 0x7fff`, which zlib computes as a rolling `UPDATE_HASH`.
#[inline]
fn hash3(b0: u8, b1: u8, b2: u8) -> u16 {
    ((u16::from(b0) << 10) ^ (u16::from(b1) << 5) ^ u16::from(b2)) & 0x7fff
}
