//! zlib compression of 007 payloads.
//!
//! Building uses stock zlib at level 6 (header `78 9C`), the compressor of Python, Java,
//! C++, PHP and Ruby upstream, so our token strings equal theirs byte for byte.
//! Decoding accepts any valid zlib stream (Go's extra empty block, Node's and .NET's
//! different block choices, Dart's `78 01` header, stored blocks from miniz_oxide).
//!
//! On `wasm32` there is no stock zlib (C): token-sized payloads (all real ones) still go
//! through [`agora_token_zlib6`], byte-identical with stock zlib; a payload over its
//! [`agora_token_zlib6::MAX_INPUT`] is refused rather than compressed differently, and
//! decoding uses the pure-Rust `miniz_oxide` inflater.

#[cfg(not(target_arch = "wasm32"))]
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

use crate::error::{Error, Result};

/// The largest payload a token may inflate to. Real payloads are a few hundred bytes;
/// the limit stops a crafted token from making the decoder allocate without bound.
pub(crate) const MAX_INFLATED_LEN: usize = 1 << 20;

/// Compresses `input` as a zlib stream exactly as stock zlib does at level 6, appending to `out`.
///
/// Token-sized inputs go through [`agora_token_zlib6`], an encoder that reproduces stock
/// zlib's output bit for bit without its per-call set-up cost; longer inputs go to stock zlib.
pub(crate) fn compress(input: &[u8], out: &mut Vec<u8>) -> Result<()> {
    if agora_token_zlib6::compress_level6(input, out) {
        return Ok(());
    }
    stock_zlib(input, out)
}

/// The WebAssembly build has no stock zlib: a longer payload would come out different from
/// the official builders' tokens, so it is an error instead.
#[cfg(target_arch = "wasm32")]
fn stock_zlib(input: &[u8], _out: &mut Vec<u8>) -> Result<()> {
    Err(Error::InvalidArgument {
        field: "services".to_owned(),
        reason: format!(
            "the token payload is {} bytes; the WebAssembly build compresses payloads up to {} bytes \
             (real tokens are a few hundred): use fewer or shorter service fields, or the native build",
            input.len(),
            agora_token_zlib6::MAX_INPUT
        ),
    })
}

/// Inflates a zlib stream of any compression level and block layout (pure Rust on wasm32).
#[cfg(target_arch = "wasm32")]
pub(crate) fn decompress(input: &[u8]) -> Result<Vec<u8>> {
    use miniz_oxide::inflate::{decompress_to_vec_zlib_with_limit, TINFLStatus};
    decompress_to_vec_zlib_with_limit(input, MAX_INFLATED_LEN).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => {
            Error::Zlib { detail: format!("payload inflates to more than {MAX_INFLATED_LEN} bytes") }
        }
        TINFLStatus::FailedCannotMakeProgress => Error::Zlib { detail: "the stream ends early".to_owned() },
        other => Error::Zlib { detail: format!("invalid zlib stream ({other:?})") },
    })
}

/// Stock zlib (statically linked), level 6.
#[cfg(not(target_arch = "wasm32"))]
fn stock_zlib(input: &[u8], out: &mut Vec<u8>) -> Result<()> {
    let mut compressor = Compress::new(Compression::new(6), true);
    // zlib's compressBound, plus room for the header and trailer.
    out.reserve(input.len() + input.len() / 1000 + 64);
    loop {
        let status = compressor
            .compress_vec(input_rest(input, compressor.total_in()), out, FlushCompress::Finish)
            .map_err(|e| Error::Zlib { detail: e.to_string() })?;
        match status {
            Status::StreamEnd => return Ok(()),
            Status::Ok | Status::BufError => out.reserve(out.capacity().max(64)),
        }
    }
}

/// Inflates a zlib stream of any compression level and block layout.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn decompress(input: &[u8]) -> Result<Vec<u8>> {
    let mut inflater = Decompress::new(true);
    let mut out = Vec::with_capacity(input.len().saturating_mul(3).min(MAX_INFLATED_LEN));
    loop {
        if out.len() == out.capacity() {
            // Grow geometrically, but never past one byte over the limit.
            out.reserve(out.len().max(256).min(MAX_INFLATED_LEN + 1 - out.len()));
        }
        let before = (inflater.total_in(), inflater.total_out());
        let status = inflater
            .decompress_vec(input_rest(input, inflater.total_in()), &mut out, FlushDecompress::Finish)
            .map_err(|e| Error::Zlib { detail: e.to_string() })?;
        if out.len() > MAX_INFLATED_LEN {
            return Err(Error::Zlib { detail: format!("payload inflates to more than {MAX_INFLATED_LEN} bytes") });
        }
        match status {
            Status::StreamEnd => return Ok(out),
            Status::Ok | Status::BufError => {
                let progressed = (inflater.total_in(), inflater.total_out()) != before;
                let input_exhausted = input_rest(input, inflater.total_in()).is_empty();
                if !progressed && input_exhausted && out.len() < out.capacity() {
                    return Err(Error::Zlib { detail: "the stream ends early".to_owned() });
                }
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn input_rest(input: &[u8], consumed: u64) -> &[u8] {
    let consumed = usize::try_from(consumed).unwrap_or(usize::MAX);
    input.get(consumed..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_paths_equal_stock_zlib() {
        for len in [0, 1, 100, agora_token_zlib6::MAX_INPUT, agora_token_zlib6::MAX_INPUT + 1, 100_000] {
            let input: Vec<u8> = (0..len).map(|i| u8::try_from(i * 7 % 251).unwrap()).collect();
            let (mut ours, mut stock) = (Vec::new(), Vec::new());
            compress(&input, &mut ours).unwrap();
            stock_zlib(&input, &mut stock).unwrap();
            assert!(ours == stock, "length {len}");
        }
    }

    #[test]
    fn hello_matches_the_upstream_vector() {
        // upstream rust/src/utils.rs: base64(zlib("hello")) with level 6.
        let mut out = Vec::new();
        compress(b"hello", &mut out).unwrap();
        assert_eq!(out, [0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x06, 0x2c, 0x02, 0x15]);
        assert_eq!(decompress(&out).unwrap(), b"hello");
    }

    #[test]
    fn truncated_and_garbage_streams_are_errors() {
        let mut out = Vec::new();
        compress(&[7u8; 1000], &mut out).unwrap();
        for cut in 0..out.len() {
            assert!(decompress(&out[..cut]).is_err(), "cut at {cut}");
        }
        assert!(decompress(b"not zlib at all").is_err());
    }

    #[test]
    fn large_outputs_grow_and_bombs_are_refused() {
        let big = vec![1u8; 300_000];
        let mut out = Vec::new();
        compress(&big, &mut out).unwrap();
        assert_eq!(decompress(&out).unwrap(), big);

        let bomb = vec![0u8; MAX_INFLATED_LEN + 1];
        let mut out = Vec::new();
        compress(&bomb, &mut out).unwrap();
        let refused = decompress(&out).map(|inflated| inflated.len());
        assert!(matches!(&refused, Err(e) if e.to_string().contains("more than")), "{refused:?}");
    }
}
