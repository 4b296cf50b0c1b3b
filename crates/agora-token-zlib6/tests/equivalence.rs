//! Byte-for-byte equivalence of `compress_level6` with stock zlib (flate2's zlib backend, i.e.
//! libz-sys' vendored zlib 1.3.x) at level 6, on inputs chosen to exercise every decision zlib
//! makes. Every output is also decoded again as a sanity check.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;

mod common;

use agora_token_zlib6::{compress_level6, MAX_INPUT};
use common::{stock_zlib, token_shaped, Rng};

fn decode(stream: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::new();
    flate2::read::ZlibDecoder::new(stream).read_to_end(&mut decoded).unwrap();
    decoded
}

/// Asserts that `compress_level6` appends exactly stock zlib's stream to existing content.
fn assert_same(input: &[u8], what: &str) {
    let expected = stock_zlib(input);
    let prefix = b"existing";
    let mut out = prefix.to_vec();
    assert!(compress_level6(input, &mut out), "{what}: refused {} bytes", input.len());
    assert_eq!(&out[..prefix.len()], prefix, "{what}: existing content changed");
    let ours = &out[prefix.len()..];
    if ours != expected.as_slice() {
        let first_difference = ours.iter().zip(&expected).position(|(a, b)| a != b);
        panic!(
            "{what}: {} input bytes: output differs from zlib (ours {} bytes, zlib {} bytes, first difference at {:?})",
            input.len(),
            ours.len(),
            expected.len(),
            first_difference
        );
    }
    assert_eq!(decode(ours), input, "{what}: does not decode to the input");
}

#[test]
fn empty_input() {
    assert_same(&[], "empty");
    let mut out = Vec::new();
    assert!(compress_level6(&[], &mut out));
    // zlib's well-known empty stream: header, one empty static block, Adler-32 of nothing.
    assert_eq!(out, [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
}

#[test]
fn every_single_byte() {
    for byte in 0..=255u8 {
        assert_same(&[byte], "single byte");
    }
}

#[test]
fn two_and_three_byte_inputs() {
    let mut rng = Rng::new(23);
    for _ in 0..2000 {
        let len = 2 + rng.below(2);
        let input: Vec<u8> = (0..len).map(|_| [0u8, 1, 0xff, b'a'][rng.below(4)]).collect();
        assert_same(&input, "tiny");
    }
}

#[test]
fn runs_of_one_byte_up_to_2000() {
    for byte in [0u8, b'a', 0xff] {
        for len in 1..=2000 {
            assert_same(&vec![byte; len], "run");
        }
    }
}

#[test]
fn random_bytes_of_every_length_up_to_600() {
    let mut rng = Rng::new(1);
    for len in 0..=600 {
        assert_same(&rng.bytes(len), "random");
    }
}

#[test]
fn small_alphabet_random_of_every_length_up_to_600() {
    // Few distinct bytes: many short matches, lazy-match decisions and hash chain walks.
    let mut rng = Rng::new(2);
    for len in 0..=600 {
        for alphabet in [2usize, 4, 16] {
            let input: Vec<u8> = (0..len).map(|_| b'a' + u8::try_from(rng.below(alphabet)).unwrap()).collect();
            assert_same(&input, "small alphabet");
        }
    }
}

#[test]
fn long_random_inputs_up_to_max_input() {
    let mut rng = Rng::new(3);
    for len in [1000, 4096, 8191, 10_000, 16_382, 16_383, 16_384, 16_385, 20_000, 32_766, 32_767, MAX_INPUT] {
        assert_same(&rng.bytes(len), "long random");
    }
}

#[test]
fn long_compressible_inputs_up_to_max_input() {
    let mut rng = Rng::new(4);
    for len in [5000, 16_384, 24_000, 32_000, MAX_INPUT] {
        let small_alphabet: Vec<u8> = (0..len).map(|_| b'0' + u8::try_from(rng.below(10)).unwrap()).collect();
        assert_same(&small_alphabet, "long digits");
        assert_same(&text_like(&mut rng, len), "long text");
        assert_same(&vec![7u8; len], "long run");
    }
}

#[test]
fn block_boundaries() {
    // zlib ends a block after 16383 symbols. Inputs of only literals put the boundary at an
    // exact byte count; the last literal is tallied after the loop without a flush check.
    let mut rng = Rng::new(5);
    for len in 16_380..=16_390 {
        assert_same(&rng.bytes(len), "all literals");
    }
    for len in 32_760..=MAX_INPUT {
        assert_same(&rng.bytes(len), "all literals, two boundaries");
    }
    // Mixed literals and matches: the symbol buffer fills in the middle of everything.
    for seed in 0..20 {
        let mut rng = Rng::new(100 + seed);
        let len = 17_000 + rng.below(15_000);
        let input: Vec<u8> = (0..len)
            .map(|i| if rng.below(8) == 0 { b'x' } else { u8::try_from(i % 251).unwrap() ^ rng.byte() & 3 })
            .collect();
        assert_same(&input, "mixed across a block boundary");
    }
    // Symbol buffer filled exactly by a match, then only a few bytes left.
    for tail in 0..10 {
        let mut input = rng.bytes(16_382);
        input.extend_from_within(100..110);
        input.extend_from_slice(&rng.bytes(tail));
        assert_same(&input, "boundary at a match");
    }
}

/// Words with repeats, like text or JSON.
fn text_like(rng: &mut Rng, len: usize) -> Vec<u8> {
    const WORDS: [&[u8]; 16] = [
        b"the ",
        b"token ",
        b"channel",
        b"\"uid\":",
        b"{\"expire\":",
        b"3600,",
        b"86400",
        b"privilege",
        b"agora ",
        b"rtc ",
        b"rtm ",
        b"stream_",
        b"\n",
        b"  ",
        b"0123456789",
        b"abcdef",
    ];
    let mut out = Vec::with_capacity(len + 16);
    while out.len() < len {
        out.extend_from_slice(WORDS[rng.below(WORDS.len())]);
    }
    out.truncate(len);
    out
}

#[test]
fn text_like_inputs() {
    let mut rng = Rng::new(6);
    for len in (0..3000).step_by(7) {
        let input = text_like(&mut rng, len);
        assert_same(&input, "text");
    }
}

#[test]
fn too_far_rule_for_length_3_matches() {
    // A 3-byte string recurring at distances around TOO_FAR (4096): zlib drops length-3
    // matches further than 4096 bytes away but keeps longer ones.
    let mut rng = Rng::new(7);
    for distance in [4090, 4094, 4095, 4096, 4097, 4098, 4100, 5000, 8000] {
        for match_len in [3, 4, 5, 6] {
            let marker: Vec<u8> = (0..match_len).map(|i| 200 + u8::try_from(i).unwrap()).collect();
            // Filler from a disjoint alphabet, so the marker only matches itself.
            let mut input: Vec<u8> = (0..10).map(|_| u8::try_from(rng.below(64)).unwrap()).collect();
            input.extend_from_slice(&marker);
            while input.len() < 10 + distance {
                input.push(u8::try_from(rng.below(64)).unwrap());
            }
            input.extend_from_slice(&marker);
            input.extend(rng.bytes(20).iter().map(|b| b & 63));
            assert_same(&input, "TOO_FAR");
        }
    }
}

#[test]
fn max_dist_limit() {
    // zlib only matches within MAX_DIST = 32768 - 262 = 32506 bytes: the first candidate may be
    // exactly that far, later chain candidates must be closer.
    let mut rng = Rng::new(8);
    for distance in [32_500, 32_505, 32_506, 32_507, 32_510, 32_600] {
        for copies in [1, 2] {
            let pattern: Vec<u8> = (0..40).map(|i| 128 + u8::try_from(i).unwrap()).collect();
            let mut input: Vec<u8> = (0..5).map(|_| u8::try_from(rng.below(100)).unwrap()).collect();
            input.extend_from_slice(&pattern);
            if copies == 2 {
                input.extend_from_slice(&pattern[..20]);
            }
            while input.len() < 5 + distance {
                input.push(u8::try_from(rng.below(100)).unwrap());
            }
            input.extend_from_slice(&pattern);
            input.truncate(MAX_INPUT);
            assert_same(&input, "MAX_DIST");
        }
    }
}

#[test]
fn maximum_length_matches() {
    let mut rng = Rng::new(9);
    for period in [1usize, 2, 3, 7, 100, 258, 259, 300] {
        let pattern = rng.bytes(period);
        for len in [257, 258, 259, 260, 516, 517, 600, 1000, 3000] {
            let input: Vec<u8> = pattern.iter().copied().cycle().take(len + period).collect();
            assert_same(&input, "long matches");
        }
    }
    // A repeat of exactly 258, 259 and 260 bytes after random data.
    for len in [255, 256, 257, 258, 259, 260, 261] {
        let block = rng.bytes(len);
        let mut input = block.clone();
        input.extend_from_slice(&rng.bytes(5));
        input.extend_from_slice(&block);
        input.extend_from_slice(&rng.bytes(3));
        assert_same(&input, "repeat");
    }
}

#[test]
fn lazy_match_edge_cases() {
    // A match at p and a longer one at p + 1 (lazy evaluation keeps the later one), equal
    // lengths (keeps the earlier one), and previous matches of 16+ bytes (no lazy search) or
    // 8+ bytes (shorter chain search).
    let mut rng = Rng::new(10);
    for short in 3..20 {
        for long in short..short + 6 {
            let long_string = rng.bytes(long + 1);
            let mut input = long_string[1..].to_vec(); // the later, longer candidate
            input.extend_from_slice(&rng.bytes(4));
            input.extend_from_slice(&long_string[..short]); // the earlier, shorter candidate
            input.extend_from_slice(&rng.bytes(4));
            input.extend_from_slice(&long_string); // shorter match at p, longer at p + 1
            input.extend_from_slice(&rng.bytes(4));
            assert_same(&input, "lazy");
        }
    }
    // Near the end of the input: matches limited by the lookahead, and zero bytes after the
    // data that zlib's longest_match compares.
    for tail in 0..12 {
        let mut input = rng.bytes(50);
        input.extend_from_slice(&[0; 6]);
        input.extend_from_within(10..10 + tail);
        input.extend_from_slice(&[0; 3]);
        assert_same(&input, "end of input");
        let mut zeros_at_end = vec![1, 2, 3, 0, 0, 0, 0, 0, 9, 1, 2, 3, 0, 0];
        zeros_at_end.extend(std::iter::repeat_n(0u8, tail));
        assert_same(&zeros_at_end, "zeros at the end");
    }
}

#[test]
fn long_hash_chains() {
    // Many positions with the same hash (and hash collisions between different strings)
    // exercise the chain limits (128, or 32 after a match of 8+ bytes).
    let mut rng = Rng::new(11);
    for len in [300, 1000, 5000] {
        let input: Vec<u8> = (0..len).map(|_| [b'a', b'b'][rng.below(2)]).collect();
        assert_same(&input, "two letters");
        let input: Vec<u8> = (0..len).map(|i| if i % 3 == 0 { rng.byte() } else { b'q' }).collect();
        assert_same(&input, "collisions");
    }
}

#[test]
fn code_length_overflow() {
    // Skewed, Fibonacci-like literal frequencies. Among the inputs of this file, these and others
    // push the code-length tree past its 7-bit limit, which zlib fixes up (gen_bitlen's overflow
    // handling, shared with the 15-bit trees).
    let fib = [1usize, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765];
    let mut input = Vec::new();
    for (symbol, &count) in fib.iter().enumerate() {
        for _ in 0..count {
            input.push(u8::try_from(symbol).unwrap() * 11);
        }
    }
    // Shuffle so that matches do not hide the skew.
    let mut rng = Rng::new(12);
    for i in (1..input.len()).rev() {
        input.swap(i, rng.below(i + 1));
    }
    input.truncate(MAX_INPUT);
    assert_same(&input, "deep tree");
    for take in [2000, 5000, 10_000] {
        assert_same(&input[..take], "deep tree prefix");
    }
}

/// Matches whose distance codes 0..=17 are aimed at Fibonacci frequencies (1, 1, 2, ..., 2584);
/// the matcher perturbs them, but the distance tree is still deep and skewed.
fn fibonacci_distance_codes(seed: u64) -> Vec<u8> {
    // The smallest distance of each distance code 0..=17.
    const DISTANCES: [usize; 18] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385];
    let mut counts = [0usize; 18];
    let (mut a, mut b) = (1, 1);
    for count in &mut counts {
        *count = a;
        (a, b) = (b, a + b);
    }
    let mut rng = Rng::new(seed);
    let mut distances: Vec<usize> =
        counts.iter().zip(DISTANCES).flat_map(|(&count, distance)| std::iter::repeat_n(distance, count)).collect();
    for i in (1..distances.len()).rev() {
        distances.swap(i, rng.below(i + 1));
    }
    let mut input = rng.bytes(400);
    for distance in distances {
        // Copy 3 bytes from `distance` back (overlapping for short distances), then a random
        // byte so that consecutive copies rarely merge.
        for _ in 0..3 {
            input.push(input[input.len() - distance]);
        }
        input.push(rng.byte());
    }
    input
}

/// Runs "xyxy..." with a different byte pair each time: literals x and y, then one match at
/// distance 2 whose length is chosen so that length codes 0..=16 occur with Fibonacci-like
/// frequencies (1597 for the shortest length down to 1): a very skewed literal/length tree.
fn fibonacci_length_codes(seed: u64) -> Vec<u8> {
    // The shortest match length of each length code 0..=16.
    const LENGTHS: [usize; 17] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35];
    let mut counts = [0usize; 17];
    let (mut a, mut b) = (1, 1);
    for count in counts.iter_mut().rev() {
        *count = a;
        (a, b) = (b, a + b);
    }
    let mut rng = Rng::new(seed);
    let mut lengths: Vec<usize> =
        counts.iter().zip(LENGTHS).flat_map(|(&count, len)| std::iter::repeat_n(len, count)).collect();
    for i in (1..lengths.len()).rev() {
        lengths.swap(i, rng.below(i + 1));
    }
    let mut used_pairs = std::collections::HashSet::new();
    let mut input = Vec::new();
    for len in lengths {
        let (x, y) = loop {
            let pair = (rng.byte(), rng.byte());
            if pair.0 != pair.1 && used_pairs.insert(pair) {
                break pair;
            }
        };
        input.extend([x, y].iter().copied().cycle().take(2 + len));
    }
    input
}

#[test]
fn skewed_literal_length_tree() {
    for seed in 0..4 {
        let input = fibonacci_length_codes(seed);
        assert!(input.len() <= MAX_INPUT, "{}", input.len());
        assert_same(&input, "fibonacci lengths");
    }
}

#[test]
fn skewed_distance_tree() {
    for seed in 0..4 {
        let input = fibonacci_distance_codes(seed);
        assert!(input.len() <= MAX_INPUT);
        assert_same(&input, "fibonacci distances");
    }
}

#[test]
fn token_shaped_inputs() {
    let mut cases = 0;
    for seed in 0..3000 {
        let mut rng = Rng::new(seed);
        let services = 1 + rng.below(8);
        let input = token_shaped(&mut rng, services);
        assert_same(&input, "token");
        cases += 1;
    }
    assert_eq!(cases, 3000);
}

#[test]
fn rejects_inputs_over_max_input() {
    let input = vec![0u8; MAX_INPUT + 1];
    let mut out = b"keep".to_vec();
    assert!(!compress_level6(&input, &mut out));
    assert_eq!(out, b"keep");
    let big = vec![1u8; MAX_INPUT * 3];
    assert!(!compress_level6(&big, &mut out));
    assert_eq!(out, b"keep");
}

/// Inputs where static and dynamic trees cost almost the same: random bytes mixed with hex text
/// and small numbers (like a token's signature next to its app id, channel and lengths), in
/// proportions from all structure to mostly random.
/// Static trees are chosen here without building zlib's code-length tree whenever a lower bound
/// of the dynamic size already loses; this checks that shortcut on both sides of the boundary.
#[test]
fn static_and_dynamic_blocks_of_nearly_equal_size() {
    const HEX: &[u8] = b"0123456789abcdefABCDEF";
    let mut rng = Rng::new(0x5eed_b10c);
    let (mut static_blocks, mut dynamic_blocks) = (0, 0);
    for random_percent in (10..=80).step_by(5) {
        for len in (40..=400).step_by(9) {
            // The rest of the bytes: hex text, or small numbers like a token's lengths and zeros.
            let input: Vec<u8> = (0..len)
                .map(|_| match rng.below(100) {
                    roll if roll < random_percent => rng.byte(),
                    roll if roll < random_percent + (100 - random_percent) / 2 => HEX[rng.below(HEX.len())],
                    _ => rng.byte() % 4,
                })
                .collect();
            assert_same(&input, &format!("{random_percent}% random"));
            // The block type of the first (here the only) block: bits 1-2 of the byte after the
            // 2-byte zlib header.
            match (stock_zlib(&input)[2] >> 1) & 3 {
                1 => static_blocks += 1,
                2 => dynamic_blocks += 1,
                _ => {}
            }
        }
    }
    assert!(static_blocks > 50 && dynamic_blocks > 50, "static {static_blocks}, dynamic {dynamic_blocks}");
}
