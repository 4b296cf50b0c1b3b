//! The signaling token: `"1:" + app id + ":" + expiry + ":" + md5hex(account + app id +
//! certificate + expiry)`, with the expiry an absolute Unix time in decimal.

use md5::{Digest, Md5};

use crate::credentials::{AppCertificate, Credentials};
use crate::error::{Error, Result};

/// Generates a signaling token for an account, valid until `expired_ts` (absolute Unix seconds).
///
/// Go, Python and Perl take `(account, app id, certificate, expiry)`; Java and C#
/// `(app id, certificate, account, expiry)`; Node and PHP take a validity in seconds and
/// add the current time themselves — pass `now + seconds` here for those.
#[must_use]
pub fn generate(credentials: &Credentials, account: &str, expired_ts: u32) -> String {
    let app_id = credentials.app_id().as_str();
    let digest = digest(credentials.certificate(), account, app_id, expired_ts);
    format!("1:{app_id}:{expired_ts}:{digest}")
}

fn digest(certificate: &AppCertificate, account: &str, app_id: &str, expired_ts: u32) -> String {
    let mut md5 = Md5::new();
    md5.update(account.as_bytes());
    md5.update(app_id.as_bytes());
    md5.update(certificate.secret_bytes());
    md5.update(expired_ts.to_string().as_bytes());
    super::dynamic_key::hex_lower(&md5.finalize())
}

/// The readable fields of a signaling token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSignalingToken {
    /// The app id.
    pub app_id: String,
    /// The expiry, absolute Unix seconds.
    pub expired_ts: u32,
    /// The 32-digit hex MD5.
    pub digest: String,
}

/// Reads a signaling token.
///
/// # Errors
/// [`Error::WrongVersion`] without the `"1:"` prefix, [`Error::InvalidArgument`] if the
/// parts are not app id, decimal expiry and digest.
pub fn parse(token: &str) -> Result<ParsedSignalingToken> {
    let body = token
        .strip_prefix("1:")
        .ok_or_else(|| Error::WrongVersion { expected: "signaling (1:)", found: token.chars().take(3).collect() })?;
    let malformed = || Error::InvalidArgument {
        field: "signaling token".to_owned(),
        reason: "expected 1:<app id>:<expiry>:<md5 digest>".to_owned(),
    };
    let mut parts = body.split(':');
    let (Some(app_id), Some(expiry), Some(digest), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed());
    };
    let expired_ts = expiry.parse().map_err(|_| malformed())?;
    Ok(ParsedSignalingToken { app_id: app_id.to_owned(), expired_ts, digest: digest.to_owned() })
}

impl ParsedSignalingToken {
    /// Checks the digest for an account (which the token does not contain).
    ///
    /// # Errors
    /// [`Error::SignatureMismatch`] if the account or certificate differ from the ones used.
    pub fn verify(&self, certificate: &AppCertificate, account: &str) -> Result<()> {
        let expected = digest(certificate, account, &self.app_id, self.expired_ts);
        // Both are public-length hex strings; compare without early exit anyway.
        let same = expected.len() == self.digest.len()
            && expected.bytes().zip(self.digest.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
        if same {
            Ok(())
        } else {
            Err(Error::SignatureMismatch)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_verify_round_trip() {
        let creds = Credentials::new("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b").unwrap();
        let token = generate(&creds, "alice", 1_514_219_634);
        let parsed = parse(&token).unwrap();
        assert_eq!(parsed.expired_ts, 1_514_219_634);
        assert!(parsed.verify(creds.certificate(), "alice").is_ok());
        assert_eq!(parsed.verify(creds.certificate(), "bob"), Err(Error::SignatureMismatch));
        assert!(parse("1:a:b").is_err());
    }
}
