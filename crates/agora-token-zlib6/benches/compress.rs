//! This encoder against stock zlib level 6 (flate2's zlib backend, one `Compress` reused with
//! `reset`, which is the cheapest way to call stock zlib per token) on token-shaped payloads of
//! one, two and four services, in the same run; criterion prints both times per payload.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout, missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use flate2::{Compress, Compression, FlushCompress};

fn payloads() -> Vec<(&'static str, Vec<u8>)> {
    let mut rng = common::Rng::new(7);
    vec![
        ("1 service", common::token_shaped(&mut rng, 1)),
        ("2 services", common::token_shaped(&mut rng, 2)),
        ("4 services", common::token_shaped(&mut rng, 4)),
    ]
}

fn compress(c: &mut Criterion) {
    let mut group = c.benchmark_group("zlib level 6");
    for (name, input) in payloads() {
        assert_eq!(
            {
                let mut out = Vec::new();
                assert!(agora_token_zlib6::compress_level6(&input, &mut out));
                out
            },
            common::stock_zlib(&input),
            "{name}"
        );
        let mut out = Vec::with_capacity(1024);
        group.bench_function(format!("zlib6, {name} ({} bytes)", input.len()), |b| {
            b.iter(|| {
                out.clear();
                agora_token_zlib6::compress_level6(black_box(&input), &mut out)
            });
        });
        let mut stock = Compress::new(Compression::new(6), true);
        group.bench_function(format!("stock zlib, {name} ({} bytes)", input.len()), |b| {
            b.iter(|| {
                stock.reset();
                out.clear();
                stock.compress_vec(black_box(&input), &mut out, FlushCompress::Finish).unwrap()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, compress);
criterion_main!(benches);
