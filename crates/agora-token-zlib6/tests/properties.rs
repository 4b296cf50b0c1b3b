//! Property tests: `compress_level6` equals stock zlib level 6 (flate2's zlib backend) on random
//! and token-shaped inputs of `0..=MAX_INPUT` bytes, weighted towards small sizes, and refuses
//! anything longer without touching its output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;

mod common;

use agora_token_zlib6::{compress_level6, MAX_INPUT};
use common::{stock_zlib, token_shaped, Rng};
use proptest::prelude::*;

fn decode(stream: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::new();
    flate2::read::ZlibDecoder::new(stream).read_to_end(&mut decoded).unwrap();
    decoded
}

/// Bytes drawn from the first `alphabet` values: many matches of every length.
fn small_alphabet(seed: u64, len: usize, alphabet: u8) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    (0..len).map(|_| rng.byte() % alphabet).collect()
}

/// A random pattern repeated with random mutations: long matches, lazy-match decisions.
fn mutated_repeats(seed: u64, len: usize, period: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let pattern = rng.bytes(period);
    let mut input: Vec<u8> = pattern.iter().copied().cycle().take(len).collect();
    for _ in 0..len / 16 {
        let at = rng.below(len);
        if let Some(byte) = input.get_mut(at) {
            *byte = rng.byte();
        }
    }
    input
}

fn input_strategy() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        // Small inputs, the sizes tokens have.
        5 => prop::collection::vec(any::<u8>(), 0..=600),
        3 => (any::<u64>(), 1usize..=8).prop_map(|(seed, services)| token_shaped(&mut Rng::new(seed), services)),
        3 => (any::<u64>(), 0usize..=1200, 1u8..=16).prop_map(|(seed, len, alphabet)| small_alphabet(seed, len, alphabet)),
        2 => (any::<u64>(), 0usize..=2000, 1usize..=300).prop_map(|(seed, len, period)| mutated_repeats(seed, len, period)),
        // Anything up to MAX_INPUT, including inputs spanning several blocks.
        1 => (any::<u64>(), 0usize..=MAX_INPUT).prop_map(|(seed, len)| Rng::new(seed).bytes(len)),
        1 => (any::<u64>(), 0usize..=MAX_INPUT, 1u8..=64).prop_map(|(seed, len, alphabet)| small_alphabet(seed, len, alphabet)),
        1 => (any::<u64>(), 0usize..=MAX_INPUT, 1usize..=1000).prop_map(|(seed, len, period)| mutated_repeats(seed, len, period)),
    ]
}

/// 4000 cases unless `PROPTEST_CASES` asks for another number.
fn equivalence_cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(4000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: equivalence_cases(), ..ProptestConfig::default() })]

    #[test]
    fn identical_to_stock_zlib(input in input_strategy()) {
        let mut out = Vec::new();
        prop_assert!(compress_level6(&input, &mut out));
        prop_assert_eq!(&out, &stock_zlib(&input));
        prop_assert_eq!(decode(&out), input);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn refuses_inputs_over_max_input(extra in 1usize..=70_000, seed in any::<u64>(), prefix in prop::collection::vec(any::<u8>(), 0..16)) {
        let input = Rng::new(seed).bytes(MAX_INPUT + extra);
        let mut out = prefix.clone();
        prop_assert!(!compress_level6(&input, &mut out));
        prop_assert_eq!(out, prefix);
    }
}
