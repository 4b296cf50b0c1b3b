//! Huffman code construction exactly as zlib's trees.c does it (`build_tree`, `pqdownheap`,
//! `gen_bitlen`, `gen_codes`).
//!
//! Which symbol gets which code length depends on how ties between equal frequencies are broken,
//! so the binary heap, its `smaller` ordering (frequency, then subtree depth, `<=`), the order in
//! which leaves enter the heap and the fix-up of over-long codes are all reproduced step by step.
//! Any other optimal Huffman algorithm would give different (equally good) codes.
//!
//! The literal/length tree is built even for blocks that end up static, because the choice
//! depends on it: the dynamic size includes the code-length code, which depends on how many
//! codes of each length there are, and that count itself changes with the tie-breaking. On
//! token payloads, zlib's heap and a first-in-first-out tie-break of the same (frequency,
//! depth) order gave, for example, 7, 20, 38 and 28 codes of lengths 5 to 8 against 7, 16, 50
//! and 20. A bound that holds for every tie-break is about 100 bits looser than the real size,
//! while static trees win RTC token payloads by as little as 30 to 80 bits.

use super::tables::{reverse_bits, L_CODES, MAX_BITS};

/// Size of zlib's `heap` array: room for every leaf and internal node of the largest
/// tree (the literal/length tree).
const HEAP_SIZE: usize = 2 * L_CODES + 1;
const BIT_LENGTHS: usize = MAX_BITS as usize + 1;

/// What distinguishes the three trees of a block (zlib's `static_tree_desc`).
pub(super) struct TreeSpec<const N: usize> {
    /// Longest code allowed.
    pub(super) max_length: u8,
    /// Extra bits sent after each symbol, to account the block's size.
    pub(super) extra_bits: &'static [u8; N],
    /// Code lengths of the static tree, if there is one, to account the static block's size.
    pub(super) static_lens: Option<&'static [u8]>,
}

/// Size of the current block in bits with dynamic trees (`opt_len`) and with the static trees
/// (`static_len`). zlib keeps both in an unsigned long and lets them go transiently "negative"
/// while it adds placeholder leaves, so all updates use wrapping arithmetic; the final values are
/// always small and positive.
#[derive(Default)]
pub(super) struct BlockBits {
    pub(super) dynamic: usize,
    pub(super) fixed: usize,
}

/// One built tree: code length and bit-reversed code for every symbol of the alphabet.
pub(super) struct Code<const N: usize> {
    pub(super) lens: [u8; N],
    /// Largest symbol with a non-zero code length (zlib's `max_code`).
    pub(super) max_symbol: usize,
    /// The symbols with a code (used, or zlib's placeholders), in increasing order.
    symbols: [u16; N],
    symbol_count: usize,
    /// Number of codes of each length (zlib's `bl_count`).
    bl_count: [u16; BIT_LENGTHS],
}

impl<const N: usize> Code<N> {
    pub(super) fn new() -> Self {
        Code { lens: [0; N], max_symbol: 0, symbols: [0; N], symbol_count: 0, bl_count: [0; BIT_LENGTHS] }
    }

    /// How many symbols have a code of each length (index 0 unused).
    pub(super) fn codes_of_each_length(&self) -> &[u16; BIT_LENGTHS] {
        &self.bl_count
    }

    /// The symbols with a code, in increasing order.
    pub(super) fn symbols_with_code(&self) -> &[u16] {
        self.symbols.get(..self.symbol_count).unwrap_or_default()
    }

    /// zlib's `gen_codes`: canonical codes (bit-reversed for output), assigned in symbol order
    /// within each length, as `code_entry` values. Only computed for trees that are sent.
    pub(super) fn canonical_codes(&self) -> [u32; N] {
        // next_code[len] = (next_code[len - 1] + bl_count[len - 1]) << 1
        let mut next_code = [0u32; BIT_LENGTHS];
        let mut running = 0u32;
        for (next, &shorter_codes) in next_code.iter_mut().skip(1).zip(&self.bl_count) {
            running = (running + u32::from(shorter_codes)) << 1;
            *next = running;
        }
        let mut codes = [0u32; N];
        for &symbol in self.symbols_with_code() {
            let symbol = usize::from(symbol);
            let len = self.lens[symbol];
            let slot = &mut next_code[usize::from(len)];
            codes[symbol] = code_entry(reverse_bits(*slot, len), len);
            *slot += 1;
        }
        codes
    }
}

/// A code and its length in one word, as the symbol writer reads them: the (bit-reversed) code
/// in the low 24 bits, the length above.
pub(super) const fn code_entry(code: u32, len: u8) -> u32 {
    code | ((len as u32) << 24)
}

/// Cost in bits of an optimal Huffman code without a length limit for these frequencies (the sum
/// of the weights of the internal nodes). A length-limited code, such as zlib's, never costs less,
/// so this is a lower bound of what `TreeBuilder::build` adds to the dynamic size (before extra
/// bits). One or no used symbol costs 0.
pub(super) fn unlimited_huffman_cost<const N: usize>(freqs: &[u16; N]) -> usize {
    let mut leaves = [0usize; N];
    let mut count = 0;
    for &freq in freqs {
        if freq != 0 {
            // Insertion sort: callers have at most a few dozen used symbols.
            let mut at = count;
            while at > 0 && leaves[at - 1] > usize::from(freq) {
                leaves[at] = leaves[at - 1];
                at -= 1;
            }
            leaves[at] = usize::from(freq);
            count += 1;
        }
    }
    // Two queues: the sorted leaves, and internal nodes, which are created in increasing order.
    let mut internal = [0usize; N];
    let (mut next_leaf, mut next_internal, mut internal_len) = (0, 0, 0);
    let mut cost = 0usize;
    for _ in 1..count {
        let mut take_smallest = || {
            let leaf = leaves.get(next_leaf).copied().filter(|_| next_leaf < count);
            let node = internal.get(next_internal).copied().filter(|_| next_internal < internal_len);
            match (leaf, node) {
                (Some(leaf), Some(node)) if node < leaf => {
                    next_internal += 1;
                    node
                }
                (Some(leaf), _) => {
                    next_leaf += 1;
                    leaf
                }
                (None, node) => {
                    next_internal += 1;
                    node.unwrap_or(0)
                }
            }
        };
        let weight = take_smallest() + take_smallest();
        cost += weight;
        if let Some(slot) = internal.get_mut(internal_len) {
            *slot = weight;
        }
        internal_len += 1;
    }
    cost
}

/// Heap entries pack a node's ordering key above its number:
/// `frequency << 32 | depth << 16 | node`. Comparing `entry >> 16` then compares
/// (frequency, depth) lexicographically, which is zlib's `smaller` order.
type HeapEntry = u64;
const NODE_MASK: HeapEntry = 0xffff;
/// Kept just past the last heap element so that a missing right child never wins a comparison.
const SENTINEL: HeapEntry = HeapEntry::MAX;

fn heap_entry(freq: u32, depth: u8, node: u16) -> HeapEntry {
    (HeapEntry::from(freq) << 32) | (HeapEntry::from(depth) << 16) | HeapEntry::from(node)
}

/// zlib's `smaller(a, b)`: `freq[a] < freq[b] || (freq[a] == freq[b] && depth[a] <= depth[b])`,
/// i.e. `(a >> 16) <= (b >> 16)`.
#[inline]
fn smaller(a: HeapEntry, b: HeapEntry) -> bool {
    a <= (b | NODE_MASK)
}

#[allow(clippy::cast_possible_truncation)] // the node number is the masked low 16 bits
#[inline]
fn entry_node(entry: HeapEntry) -> u16 {
    (entry & NODE_MASK) as u16
}

#[allow(clippy::cast_possible_truncation)] // the frequency is stored in the high 32 bits
#[inline]
fn entry_freq(entry: HeapEntry) -> u32 {
    (entry >> 32) as u32
}

#[allow(clippy::cast_possible_truncation)] // the depth was stored from a u8 in bits 16..24
#[inline]
fn entry_depth(entry: HeapEntry) -> u8 {
    (entry >> 16) as u8
}

/// zlib's `pqdownheap`: moves heap[k] down until neither child is smaller. On equal keys zlib
/// prefers the right child and stops moving. heap[len + 1] must be `SENTINEL`.
#[inline]
fn sift_down(heap: &mut [HeapEntry; HEAP_SIZE], len: usize, mut k: usize) {
    let moving = heap[k];
    let mut child = k * 2;
    while child <= len {
        let left = heap[child];
        let right = heap[child + 1];
        if smaller(right, left) {
            if smaller(moving, right) {
                break;
            }
            heap[k] = right;
            k = child + 1;
        } else {
            if smaller(moving, left) {
                break;
            }
            heap[k] = left;
            k = child;
        }
        child = k * 2;
    }
    heap[k] = moving;
}

/// Scratch space for building trees (zlib keeps the same arrays in its state); reused across
/// trees, blocks and calls, and fully rewritten before being read.
pub(super) struct TreeBuilder {
    /// heap[1..=len] is a binary min-heap; heap[len + 1] is `SENTINEL`.
    heap: [HeapEntry; HEAP_SIZE],
    /// `sorted[sorted_start..]` lists the nodes in the order zlib stores them at the top of its
    /// heap array (from `heap_max` up): the root first, then the removed nodes by decreasing
    /// frequency.
    sorted: [u16; HEAP_SIZE],
    sorted_start: usize,
    /// Frequency of each symbol; placeholder leaves count 1.
    leaf_freq: [u16; HEAP_SIZE],
    parent: [u16; HEAP_SIZE],
    /// Depth of each node in the tree, capped at the maximum code length.
    node_len: [u8; HEAP_SIZE],
}

impl TreeBuilder {
    pub(super) fn new() -> Self {
        TreeBuilder {
            heap: [SENTINEL; HEAP_SIZE],
            sorted: [0; HEAP_SIZE],
            sorted_start: HEAP_SIZE,
            leaf_freq: [0; HEAP_SIZE],
            parent: [0; HEAP_SIZE],
            node_len: [0; HEAP_SIZE],
        }
    }

    /// Builds the Huffman code lengths for `freqs` into `code`, and adds the block's cost with
    /// this tree and with the static tree to `bits` (zlib's `build_tree` and `gen_bitlen`; see
    /// `Code::assign_codes` for `gen_codes`).
    pub(super) fn build<const N: usize>(
        &mut self,
        spec: &TreeSpec<N>,
        freqs: &[u16; N],
        code: &mut Code<N>,
        bits: &mut BlockBits,
    ) {
        let leaves = self.fill_heap(spec, freqs, code, bits);
        // Internal nodes are numbered after the symbols.
        let first_internal_node = u16::try_from(N).unwrap_or(u16::MAX);
        self.combine_nodes(leaves, first_internal_node);
        let internal_overflow = self.compute_internal_node_depths(N, leaves - 1, spec.max_length);
        let overflow = internal_overflow + self.collect_leaf_lengths(spec, code, bits);
        if overflow > 0 {
            self.fix_overflow(spec.max_length, overflow, code, bits);
        }
    }

    /// Puts every used symbol into the heap, in symbol order, and lists them in `code`.
    /// Returns the number of leaves.
    fn fill_heap<const N: usize>(
        &mut self,
        spec: &TreeSpec<N>,
        freqs: &[u16; N],
        code: &mut Code<N>,
        bits: &mut BlockBits,
    ) -> usize {
        let mut len = 0;
        // The list of used symbols, written without a data-dependent branch: an unused symbol is
        // written past the end of the list and overwritten by the next used one. (`symbols` has
        // room for all N.)
        for (symbol, &freq) in (0u16..).zip(freqs.iter()) {
            if let Some(slot) = code.symbols.get_mut(len) {
                *slot = symbol;
            }
            len += usize::from(freq != 0);
        }
        // Then the heap's leaves, in the same order. `leaf_freq` is only read for the used
        // symbols (and the placeholders below).
        for (entry, &symbol) in self.heap.iter_mut().skip(1).zip(code.symbols.iter().take(len)) {
            let freq = freqs.get(usize::from(symbol)).copied().unwrap_or(0);
            *entry = heap_entry(u32::from(freq), 0, symbol);
            self.leaf_freq[usize::from(symbol)] = freq;
        }
        let mut max_code =
            len.checked_sub(1).and_then(|last| code.symbols.get(last)).map(|&symbol| usize::from(symbol));
        if len < 2 {
            // Deflate needs at least two codes in every tree (and at least one distance code),
            // so zlib adds placeholder leaves of frequency 1: symbol 0, or the symbols after the
            // only used one when that is 0 or 1. It subtracts their cost again, assuming one
            // bit each.
            let mut placeholders = [usize::MAX; 2];
            while len < 2 {
                let placeholder = match max_code {
                    None => {
                        max_code = Some(0);
                        0
                    }
                    Some(used) if used < 2 => {
                        max_code = Some(used + 1);
                        used + 1
                    }
                    Some(_) => 0,
                };
                if let Some(slot) = placeholders.get_mut(len) {
                    *slot = placeholder;
                }
                len += 1;
                // placeholder <= 2, so the conversion cannot fail.
                let symbol = u16::try_from(placeholder).unwrap_or(0);
                self.heap[len] = heap_entry(1, 0, symbol);
                self.leaf_freq[placeholder] = 1;
                bits.dynamic = bits.dynamic.wrapping_sub(1);
                if let Some(static_lens) = spec.static_lens {
                    let static_len = static_lens.get(placeholder).copied().unwrap_or(0);
                    bits.fixed = bits.fixed.wrapping_sub(usize::from(static_len));
                }
            }
            // The placeholders may come before the used symbol: list them again in order.
            let mut count = 0;
            for (symbol, &freq) in (0u16..).zip(freqs.iter()) {
                if freq != 0 || placeholders.contains(&usize::from(symbol)) {
                    if let Some(slot) = code.symbols.get_mut(count) {
                        *slot = symbol;
                    }
                    count += 1;
                }
            }
        }
        self.heap[len + 1] = SENTINEL;
        code.symbol_count = len;
        code.max_symbol = max_code.unwrap_or(0);
        len
    }

    /// Repeatedly joins the two least frequent nodes until one tree remains, recording the nodes
    /// in `sorted[sorted_start..]` in the order zlib does.
    fn combine_nodes(&mut self, leaves: usize, first_internal_node: u16) {
        let heap = &mut self.heap;
        let mut len = leaves;
        for k in (1..=len / 2).rev() {
            sift_down(heap, len, k);
        }
        let mut sorted_start = HEAP_SIZE;
        let mut next_node = first_internal_node;
        loop {
            // Remove the smallest node (zlib's pqremove) ...
            let least = heap[1];
            heap[1] = heap[len];
            heap[len] = SENTINEL;
            len -= 1;
            sift_down(heap, len, 1);
            // ... and look at the next smallest, which stays in the heap for now.
            let second = heap[1];
            sorted_start -= 2;
            self.sorted[sorted_start + 1] = entry_node(least);
            self.sorted[sorted_start] = entry_node(second);
            self.parent[usize::from(entry_node(least))] = next_node;
            self.parent[usize::from(entry_node(second))] = next_node;

            // Frequencies total below 2^16 and depth stays below ~25, so neither overflows.
            let freq = entry_freq(least) + entry_freq(second);
            let depth = entry_depth(least).max(entry_depth(second)).saturating_add(1);
            // The new node replaces the second smallest at the top of the heap.
            heap[1] = heap_entry(freq, depth, next_node);
            next_node += 1;
            sift_down(heap, len, 1);
            if len < 2 {
                break;
            }
        }
        sorted_start -= 1;
        self.sorted[sorted_start] = entry_node(heap[1]);
        self.sorted_start = sorted_start;
    }

    /// First pass of zlib's `gen_bitlen` for the internal nodes: the depth of each, capped at
    /// `max_length`. Returns how many were deeper than that (zlib counts every node it caps).
    ///
    /// zlib walks all nodes from the root in the order they left the heap; any order with
    /// parents before children gives the same depths. Internal nodes are numbered in the order
    /// they were created, after their children, so the reverse of that order works, and leaves
    /// take their parent's depth plus one in `collect_leaf_lengths`.
    fn compute_internal_node_depths(&mut self, first_internal: usize, internal_count: usize, max_length: u8) -> usize {
        let root = first_internal + internal_count - 1;
        self.node_len[root] = 0;
        let mut overflow = 0;
        for node in (first_internal..root).rev() {
            let depth = self.node_len[usize::from(self.parent[node])] + 1;
            overflow += usize::from(depth > max_length);
            self.node_len[node] = depth.min(max_length);
        }
        overflow
    }

    /// The rest of zlib's first `gen_bitlen` pass: code length of every used symbol (its parent's
    /// depth plus one, capped), the number of codes of each length, and the block's cost in bits
    /// with this tree and the static one. Returns how many leaves were capped.
    fn collect_leaf_lengths<const N: usize>(
        &mut self,
        spec: &TreeSpec<N>,
        code: &mut Code<N>,
        bits: &mut BlockBits,
    ) -> usize {
        // Four interleaved counters, so that runs of equal lengths do not wait on each other's
        // memory updates.
        let mut counts = [[0u16; BIT_LENGTHS]; 4];
        let mut dynamic = bits.dynamic;
        let mut fixed = bits.fixed;
        let mut overflow = 0;
        for (index, &symbol) in code.symbols.iter().take(code.symbol_count).enumerate() {
            let symbol = usize::from(symbol);
            let depth = self.node_len[usize::from(self.parent[symbol])] + 1;
            overflow += usize::from(depth > spec.max_length);
            let len = depth.min(spec.max_length);
            code.lens[symbol] = len;
            counts[index & 3][usize::from(len)] += 1;
            let freq = usize::from(self.leaf_freq[symbol]);
            let extra = spec.extra_bits.get(symbol).copied().unwrap_or(0);
            dynamic = dynamic.wrapping_add(freq * usize::from(len + extra));
            if let Some(static_lens) = spec.static_lens {
                let static_len = static_lens.get(symbol).copied().unwrap_or(0);
                fixed = fixed.wrapping_add(freq * usize::from(static_len + extra));
            }
        }
        bits.dynamic = dynamic;
        bits.fixed = fixed;
        for (len, total) in code.bl_count.iter_mut().enumerate() {
            *total = counts.iter().map(|partial| partial[len]).sum();
        }
        overflow
    }

    /// The second half of zlib's `gen_bitlen`, run when some codes came out longer than allowed.
    fn fix_overflow<const N: usize>(
        &mut self,
        max_length: u8,
        mut overflow: usize,
        code: &mut Code<N>,
        bits: &mut BlockBits,
    ) {
        let max_length = usize::from(max_length);
        // Each round moves a leaf from the deepest non-full level down one level, making room
        // for two overflowed leaves as its children. The saturating operations only guard
        // against impossible states: a tree that overflows always has a shorter leaf.
        loop {
            let mut len = max_length - 1;
            while len > 0 && code.bl_count[len] == 0 {
                len -= 1;
            }
            code.bl_count[len] = code.bl_count[len].saturating_sub(1);
            code.bl_count[len + 1] += 2;
            code.bl_count[max_length] = code.bl_count[max_length].saturating_sub(1);
            overflow = overflow.saturating_sub(2);
            if overflow == 0 {
                break;
            }
        }
        // Hand out the corrected lengths again, longest codes to the least frequent leaves.
        let max_code = code.max_symbol;
        let mut leaves_by_increasing_freq = self.sorted[self.sorted_start..]
            .iter()
            .rev()
            .map(|&node| usize::from(node))
            .filter(|&node| node <= max_code);
        for len in (1..=max_length).rev() {
            for _ in 0..code.bl_count[len] {
                let Some(leaf) = leaves_by_increasing_freq.next() else {
                    return;
                };
                let old_len = usize::from(code.lens[leaf]);
                if old_len != len {
                    let freq = usize::from(self.leaf_freq[leaf]);
                    bits.dynamic = bits.dynamic.wrapping_add(len.wrapping_sub(old_len).wrapping_mul(freq));
                    code.lens[leaf] = code_len(len);
                }
            }
        }
    }
}

/// Code lengths are at most 15.
#[allow(clippy::cast_possible_truncation)] // len <= MAX_BITS (15) by construction
fn code_len(len: usize) -> u8 {
    len as u8
}
