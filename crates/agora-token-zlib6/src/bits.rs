//! LSB-first bit output, byte-for-byte what zlib's `send_bits` / `bi_windup` produce.
//!
//! zlib buffers 16 bits at a time; the byte stream does not depend on the buffer width, only on
//! where the stream is padded to a byte boundary (stored blocks and the end of the last block).
//! We buffer up to 64 bits and emit four bytes whenever 32 or more are pending.

pub(super) struct BitWriter<'a> {
    out: &'a mut Vec<u8>,
    /// Pending bits, the oldest in the least significant position.
    pending: u64,
    /// Number of valid bits in `pending`; always < 32 between calls.
    pending_len: usize,
}

impl<'a> BitWriter<'a> {
    pub(super) fn new(out: &'a mut Vec<u8>) -> Self {
        BitWriter { out, pending: 0, pending_len: 0 }
    }

    /// Appends the low `len` bits of `value` (`len` <= 32, `value` < 2^len).
    #[inline]
    pub(super) fn put(&mut self, value: u32, len: usize) {
        // pending_len < 32 and value < 2^32, so the shifted value fits in 64 bits.
        self.pending |= u64::from(value) << self.pending_len;
        self.pending_len += len;
        if self.pending_len >= 32 {
            self.out.extend_from_slice(&self.pending.to_le_bytes()[..4]);
            self.pending >>= 32;
            self.pending_len -= 32;
        }
    }

    /// Pads with zero bits to a byte boundary (zlib's `bi_windup`).
    pub(super) fn align_to_byte(&mut self) {
        let whole_bytes = self.pending_len.div_ceil(8);
        // whole_bytes <= 4 because pending_len < 32.
        self.out.extend(self.pending.to_le_bytes().iter().take(whole_bytes));
        self.pending = 0;
        self.pending_len = 0;
    }

    /// Appends whole bytes; only valid right after `align_to_byte`.
    pub(super) fn put_aligned_bytes(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }
}
