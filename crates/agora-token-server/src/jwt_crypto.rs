//! JWT signature checks with ring, which the server links anyway for TLS.
//!
//! jsonwebtoken's pure-Rust backend verified an RS256 signature in about 300 µs on the
//! load-test machine (a 2048-bit modular exponentiation in `num-bigint-dig`), eight times
//! the cost of building the token itself; ring's assembly does it in a fraction of that.
//! This module plugs ring into jsonwebtoken as its process-wide `CryptoProvider` for
//! *verification*; everything else jsonwebtoken does (header and claims parsing, `exp`,
//! `nbf`, `iss`, `aud`, the algorithm check against the key) is unchanged. Signing (the
//! tests and the load generator sign JWTs, the server never does) stays with the
//! pure-Rust backend.
//!
//! ring accepts RSA moduli of 2048 to 8192 bits: what every identity provider publishes.

use std::sync::OnceLock;

use jsonwebtoken::crypto::{CryptoProvider, JwtVerifier};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::signature::{Error as SignatureError, Verifier};
use jsonwebtoken::{Algorithm, DecodingKey, DecodingKeyKind};
use ring::signature::{self as ring_sig, RsaPublicKeyComponents, UnparsedPublicKey, VerificationAlgorithm};

/// What a verifier checks against: all owned, as jsonwebtoken boxes the verifier.
enum Key {
    Hmac(ring::hmac::Key),
    Rsa { n: Vec<u8>, e: Vec<u8>, parameters: &'static ring_sig::RsaParameters },
    Public { bytes: Vec<u8>, algorithm: &'static dyn VerificationAlgorithm },
}

struct RingVerifier {
    algorithm: Algorithm,
    key: Key,
}

impl Verifier<Vec<u8>> for RingVerifier {
    fn verify(&self, message: &[u8], signature: &Vec<u8>) -> Result<(), SignatureError> {
        let checked = match &self.key {
            Key::Hmac(key) => ring::hmac::verify(key, message, signature),
            Key::Rsa { n, e, parameters } => RsaPublicKeyComponents { n, e }.verify(parameters, message, signature),
            Key::Public { bytes, algorithm } => UnparsedPublicKey::new(*algorithm, bytes).verify(message, signature),
        };
        checked.map_err(|_| SignatureError::new())
    }
}

impl JwtVerifier for RingVerifier {
    fn algorithm(&self) -> Algorithm {
        self.algorithm
    }
}

fn new_verifier(algorithm: &Algorithm, key: &DecodingKey) -> jsonwebtoken::errors::Result<Box<dyn JwtVerifier>> {
    if key.family() != algorithm.family() {
        return Err(ErrorKind::InvalidAlgorithm.into());
    }
    let bytes = || match key.kind() {
        DecodingKeyKind::SecretOrDer(bytes) => Ok(bytes.clone()),
        DecodingKeyKind::RsaModulusExponent { .. } => {
            Err(jsonwebtoken::errors::Error::from(ErrorKind::InvalidKeyFormat))
        }
    };
    let public = |algorithm: &'static dyn VerificationAlgorithm| -> jsonwebtoken::errors::Result<Key> {
        Ok(Key::Public { bytes: bytes()?, algorithm })
    };
    let rsa = |parameters: &'static ring_sig::RsaParameters| match key.kind() {
        DecodingKeyKind::RsaModulusExponent { n, e } => Ok(Key::Rsa { n: n.clone(), e: e.clone(), parameters }),
        // DER-encoded RSA keys are never built here (JWKS keys come as components).
        DecodingKeyKind::SecretOrDer(_) => Err(jsonwebtoken::errors::Error::from(ErrorKind::InvalidKeyFormat)),
    };
    let hmac = |hash: ring::hmac::Algorithm| -> jsonwebtoken::errors::Result<Key> {
        Ok(Key::Hmac(ring::hmac::Key::new(hash, &bytes()?)))
    };
    let verifying_key = match algorithm {
        Algorithm::HS256 => hmac(ring::hmac::HMAC_SHA256)?,
        Algorithm::HS384 => hmac(ring::hmac::HMAC_SHA384)?,
        Algorithm::HS512 => hmac(ring::hmac::HMAC_SHA512)?,
        Algorithm::RS256 => rsa(&ring_sig::RSA_PKCS1_2048_8192_SHA256)?,
        Algorithm::RS384 => rsa(&ring_sig::RSA_PKCS1_2048_8192_SHA384)?,
        Algorithm::RS512 => rsa(&ring_sig::RSA_PKCS1_2048_8192_SHA512)?,
        Algorithm::PS256 => rsa(&ring_sig::RSA_PSS_2048_8192_SHA256)?,
        Algorithm::PS384 => rsa(&ring_sig::RSA_PSS_2048_8192_SHA384)?,
        Algorithm::PS512 => rsa(&ring_sig::RSA_PSS_2048_8192_SHA512)?,
        // jsonwebtoken builds EC keys as the uncompressed point 0x04 || x || y.
        Algorithm::ES256 => public(&ring_sig::ECDSA_P256_SHA256_FIXED)?,
        Algorithm::ES384 => public(&ring_sig::ECDSA_P384_SHA384_FIXED)?,
        Algorithm::EdDSA => public(&ring_sig::ED25519)?,
        _ => return Err(ErrorKind::InvalidAlgorithm.into()),
    };
    Ok(Box::new(RingVerifier { algorithm: *algorithm, key: verifying_key }))
}

/// jsonwebtoken's provider with ring verification (signing and key utilities unchanged).
fn provider() -> &'static CryptoProvider {
    static PROVIDER: OnceLock<CryptoProvider> = OnceLock::new();
    PROVIDER.get_or_init(|| {
        let rust_crypto = &jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER;
        CryptoProvider {
            signer_factory: rust_crypto.signer_factory,
            verifier_factory: new_verifier,
            key_utils: rust_crypto.key_utils.clone(),
        }
    })
}

/// Makes ring jsonwebtoken's verifier for this process. Call before any JWT is decoded;
/// later calls (and calls after jsonwebtoken picked its default) change nothing.
pub fn install() {
    let _ = provider().install_default();
}

#[cfg(test)]
mod tests {
    use jsonwebtoken::{encode, EncodingKey, Header};

    use super::*;

    fn verify(token: &str, algorithm: Algorithm, key: &DecodingKey) -> bool {
        let (message, signature) = token.rsplit_once('.').unwrap();
        let signature = base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, signature).unwrap();
        new_verifier(&algorithm, key).unwrap().verify(message.as_bytes(), &signature).is_ok()
    }

    #[test]
    fn ring_accepts_what_the_reference_backend_signs_and_nothing_else() {
        let claims = serde_json::json!({"sub": "42", "exp": 4_000_000_000u64});
        // HS256.
        let token = encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(b"secret")).unwrap();
        assert!(verify(&token, Algorithm::HS256, &DecodingKey::from_secret(b"secret")));
        assert!(!verify(&token, Algorithm::HS256, &DecodingKey::from_secret(b"another")));
        // EdDSA, with the public key as a JWK would give it.
        let signing = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
        let der = ed25519_dalek::pkcs8::EncodePrivateKey::to_pkcs8_der(&signing).unwrap();
        let token = encode(&Header::new(Algorithm::EdDSA), &claims, &EncodingKey::from_ed_der(der.as_bytes())).unwrap();
        let x = base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            signing.verifying_key().as_bytes(),
        );
        let public = DecodingKey::from_ed_components(&x).unwrap();
        assert!(verify(&token, Algorithm::EdDSA, &public));
        let tampered = token.replacen("eyJ", "eyK", 1);
        assert!(!verify(&tampered, Algorithm::EdDSA, &public));
        // A key of one family never verifies another family's algorithm.
        assert!(new_verifier(&Algorithm::RS256, &DecodingKey::from_secret(b"secret")).is_err());
        assert!(new_verifier(&Algorithm::HS256, &public).is_err());
    }
}
