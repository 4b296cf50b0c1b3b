//! Feeds arbitrary bytes to every decoder: none may panic, and whatever decodes as a
//! 007 token must also explain without panicking.
#![no_main]

use agora_token::legacy::access_token::UnverifiedAccessToken;
use agora_token::legacy::{dynamic_key, dynamic_key5, signaling};
use agora_token::{explain, AppCertificate, ExplainOptions, UnverifiedToken, User};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Raw payloads: wrap them as a 007 token so the fuzzer reaches the field parser
    // without having to discover zlib and base64 first.
    let wrapped = wrap_007(data);
    let _ = UnverifiedToken::parse(&wrapped);
    let Ok(text) = std::str::from_utf8(data) else { return };
    let certificate = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").ok();
    for token in [text, wrapped.as_str()] {
        if let Ok(parsed) = UnverifiedToken::parse(token) {
            if let Some(certificate) = &certificate {
                let _ = parsed.check_signature(certificate);
            }
        }
        let _ = UnverifiedAccessToken::parse(token);
        let _ = dynamic_key::parse(token);
        let _ = dynamic_key5::parse(token);
        let _ = signaling::parse(token);
        let options = ExplainOptions {
            certificate: certificate.as_ref(),
            channel_name: Some("c*a*"),
            user: Some(User::Uid(1)),
            now: Some(1_700_000_000),
            ..ExplainOptions::default()
        };
        if let Ok(explanation) = explain(token, &options) {
            let _ = explanation.to_string();
        }
    }
});

fn wrap_007(payload: &[u8]) -> String {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = encoder.write_all(payload);
    let compressed = encoder.finish().unwrap_or_default();
    format!("007{}", base64::Engine::encode(&base64::engine::general_purpose::STANDARD, compressed))
}
