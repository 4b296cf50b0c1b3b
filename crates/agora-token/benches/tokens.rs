//! Criterion benchmarks: the per-token cost of the common operations.
//!
//! `cargo bench -p agora-token --bench tokens` prints ns per token; tokens/s = 1e9 / ns.
//! shared/design/performance-notes.md quotes about 9.2 µs (109k tokens/s) for the upstream Rust
//! crate. `upstream_reference_rtc_007_build` times a re-implementation of that crate's build path
//! (same inputs, checked against its test vector) and measures about 21 µs on this project's
//! 2-core machines (AMD EPYC). About 9 µs of that is a stall specific to this CPU in miniz_oxide,
//! upstream's compressor: see `versus_upstream.rs`.
//! `cargo bench -p agora-token --bench versus_upstream` times both in interleaved rounds and
//! prints the ratio.
//!
//! The salt changes on every iteration: with a fixed salt every token is the same input,
//! and the compressor's branches are learnt by the CPU, which flatters the figure by a third.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.
#![allow(missing_docs)] // criterion_group! generates an undocumented function.

use agora_token::legacy::access_token::{AccessToken, Role006};
use agora_token::{decode, AccessToken2, Credentials, RtcRole, UnverifiedToken};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

mod upstream_reference;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";

/// A fixed pseudo-random sequence of salts (xorshift32) in the majority's range 1..=99,999,999,
/// like real salts: every token's payload differs unpredictably. (With a salt that grows by a
/// constant the figures come out about 3% lower.)
fn salt_sequence() -> impl FnMut() -> u32 {
    let mut state = 0x9e37_79b9u32;
    move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state % 99_999_999 + 1
    }
}

fn rtc_007(c: &mut Criterion) {
    let creds = Credentials::new(APP_ID, CERT).unwrap();
    let mut next_salt = salt_sequence();
    c.bench_function("rtc_007_build", |b| {
        b.iter(|| {
            AccessToken2::new(3600)
                .issued(1_700_000_000, next_salt())
                .rtc(black_box(CHANNEL), black_box(2_882_341_273), RtcRole::Publisher, 3600)
                .build(&creds)
                .unwrap()
        });
    });
    c.bench_function("rtc_007_build_with_clock_and_random_salt", |b| {
        b.iter(|| {
            AccessToken2::new(3600)
                .rtc(black_box(CHANNEL), 2_882_341_273, RtcRole::Publisher, 3600)
                .build(&creds)
                .unwrap()
        });
    });
    c.bench_function("rtc_007_build_with_credentials_check", |b| {
        b.iter(|| {
            let creds = Credentials::new(black_box(APP_ID), black_box(CERT)).unwrap();
            AccessToken2::new(3600)
                .issued(1_700_000_000, next_salt())
                .rtc(CHANNEL, 2_882_341_273, RtcRole::Publisher, 3600)
                .build(&creds)
                .unwrap()
        });
    });
}

/// The upstream Rust crate's build path (see `upstream_reference`) on `rtc_007_build`'s inputs.
fn upstream_reference_rtc_007(c: &mut Criterion) {
    let mut next_salt = salt_sequence();
    c.bench_function("upstream_reference_rtc_007_build", |b| {
        b.iter(|| {
            upstream_reference::build_token_with_uid(
                APP_ID,
                CERT,
                black_box(CHANNEL),
                black_box(2_882_341_273),
                upstream_reference::ROLE_PUBLISHER,
                3600,
                3600,
                1_700_000_000,
                next_salt(),
            )
            .unwrap()
        });
    });
}

fn rtc_006(c: &mut Criterion) {
    let creds = Credentials::new(APP_ID, CERT).unwrap();
    let mut next_salt = salt_sequence();
    c.bench_function("rtc_006_build", |b| {
        b.iter(|| {
            AccessToken::rtc(black_box(CHANNEL), black_box(2_882_341_273), Role006::Publisher, 1_700_003_600)
                .expires_at(1_700_086_400)
                .issued(None, next_salt())
                .build(&creds)
                .unwrap()
        });
    });
}

fn decode_verify(c: &mut Criterion) {
    let creds = Credentials::new(APP_ID, CERT).unwrap();
    let token = AccessToken2::new(3600)
        .issued(1_700_000_000, 12_345)
        .rtc(CHANNEL, 2_882_341_273, RtcRole::Publisher, 3600)
        .build(&creds)
        .unwrap();
    c.bench_function("rtc_007_decode_verify", |b| b.iter(|| decode(black_box(&token), creds.certificate()).unwrap()));
    c.bench_function("rtc_007_decode_only", |b| b.iter(|| UnverifiedToken::parse(black_box(&token)).unwrap()));
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = rtc_007, upstream_reference_rtc_007, rtc_006, decode_verify
}
criterion_main!(benches);
