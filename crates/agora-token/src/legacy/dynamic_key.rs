//! DynamicKey versions 1 to 4: fixed-width hexadecimal keys signed with HMAC-SHA1.
//!
//! Common pieces: the unix time as 10 decimal digits, the random int as 8 lower-case
//! hex digits, uid and expiry as 10 decimal digits, and a 40-digit lower-case hex
//! HMAC-SHA1 keyed with the certificate text.
//!
//! | version | signed message | key |
//! |---|---|---|
//! | 1 | app id, time, random, channel | signature, app id, time, random |
//! | 2 | ... + uid, expiry | signature, app id, time, random, uid, expiry (no prefix) |
//! | 3 | as 2 | `"003"` + the version 2 key |
//! | 4 | service, app id, time, random, channel, uid, expiry | `"004"` + signature, app id, time, random, expiry |

use hmac::{Hmac, Mac};
use sha1::Sha1;

use crate::credentials::{AppCertificate, Credentials, CREDENTIAL_LEN};
use crate::error::{Error, Result};

/// The inputs every DynamicKey version signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynamicKeyInput {
    /// The channel name.
    pub channel_name: String,
    /// When the key was made, Unix seconds.
    pub unix_ts: u32,
    /// A random number chosen by the caller.
    pub random_int: u32,
    /// The uid (unsigned; ignored by version 1).
    pub uid: u32,
    /// When the key expires, absolute Unix seconds (0 = never; ignored by version 1).
    pub expired_ts: u32,
}

/// The services of DynamicKey4, signed as a text prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dk4Service {
    /// `"ACS"`: media channel key.
    MediaChannel,
    /// `"ARS"`: recording key.
    Recording,
    /// `"APSS"`: public sharing key.
    PublicSharing,
}

impl Dk4Service {
    fn tag(self) -> &'static str {
        match self {
            Dk4Service::MediaChannel => "ACS",
            Dk4Service::Recording => "ARS",
            Dk4Service::PublicSharing => "APSS",
        }
    }
}

/// Version 1 (`DynamicKey.generate`): no uid, no expiry.
///
/// # Errors
/// Only if the certificate cannot key an HMAC (never for validated credentials).
pub fn generate_v1(credentials: &Credentials, input: &DynamicKeyInput) -> Result<String> {
    let (app_id, ts, rnd) = common_fields(credentials, input);
    let signature = sign(credentials.certificate(), &[&app_id, &ts, &rnd, &input.channel_name])?;
    Ok(format!("{signature}{}{ts}{rnd}", credentials.app_id()))
}

/// Version 2 (`DynamicKey2.generate`): no version prefix.
///
/// # Errors
/// Only if the certificate cannot key an HMAC (never for validated credentials).
pub fn generate_v2(credentials: &Credentials, input: &DynamicKeyInput) -> Result<String> {
    let (app_id, ts, rnd) = common_fields(credentials, input);
    let (uid, expired) = (format!("{:010}", input.uid), format!("{:010}", input.expired_ts));
    let signature = sign(credentials.certificate(), &[&app_id, &ts, &rnd, &input.channel_name, &uid, &expired])?;
    Ok(format!("{signature}{}{ts}{rnd}{uid}{expired}", credentials.app_id()))
}

/// Version 3 (`DynamicKey3.generate`): `"003"` + the version 2 key.
///
/// # Errors
/// As [`generate_v2`].
pub fn generate_v3(credentials: &Credentials, input: &DynamicKeyInput) -> Result<String> {
    Ok(format!("003{}", generate_v2(credentials, input)?))
}

/// Version 4 (`DynamicKey4.generate*Key`): the service and uid are signed but not embedded.
///
/// # Errors
/// Only if the certificate cannot key an HMAC (never for validated credentials).
pub fn generate_v4(credentials: &Credentials, service: Dk4Service, input: &DynamicKeyInput) -> Result<String> {
    let (app_id, ts, rnd) = common_fields(credentials, input);
    let (uid, expired) = (format!("{:010}", input.uid), format!("{:010}", input.expired_ts));
    let signature =
        sign(credentials.certificate(), &[service.tag(), &app_id, &ts, &rnd, &input.channel_name, &uid, &expired])?;
    Ok(format!("004{signature}{}{ts}{rnd}{expired}", credentials.app_id()))
}

/// The signed app id (NUL-padded to 32 characters as Python and C++ do; validated app
/// ids are always 32), the 10-digit time and the 8-digit hex random.
fn common_fields(credentials: &Credentials, input: &DynamicKeyInput) -> (String, String, String) {
    let mut app_id = credentials.app_id().as_str().to_owned();
    while app_id.len() < CREDENTIAL_LEN {
        app_id.push('\0');
    }
    (app_id, format!("{:010}", input.unix_ts), format!("{:08x}", input.random_int))
}

fn sign(certificate: &AppCertificate, parts: &[&str]) -> Result<String> {
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(certificate.secret_bytes())
        .map_err(|_| Error::InvalidAppCertificate { problem: "it cannot key an HMAC".to_owned() })?;
    for part in parts {
        mac.update(part.as_bytes());
    }
    Ok(hex_lower(&mac.finalize().into_bytes()))
}

pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The fields of a DynamicKey 1–4 that can be read back (the channel name, and for
/// version 4 the service and uid, are only signed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedDynamicKey {
    /// 1, 2, 3 or 4.
    pub version: u8,
    /// The 40-digit hex signature.
    pub signature: String,
    /// The app id.
    pub app_id: String,
    /// When the key was made.
    pub unix_ts: u32,
    /// The random number.
    pub random_int: u32,
    /// The uid (versions 2 and 3).
    pub uid: Option<u32>,
    /// The expiry (versions 2, 3 and 4).
    pub expired_ts: Option<u32>,
}

/// Reads a DynamicKey 1–4 by its prefix and length (90 characters for version 1,
/// 110 for version 2, `"003"` + 110, `"004"` + 100).
///
/// # Errors
/// [`Error::WrongVersion`] when the shape matches no version; [`Error::InvalidArgument`]
/// when a numeric field is not a number.
pub fn parse(key: &str) -> Result<ParsedDynamicKey> {
    let (version, body) = match (key.get(..3), key.get(3..), key.len()) {
        (Some("003"), Some(body), 113) => (3, body),
        (Some("004"), Some(body), 103) => (4, body),
        (_, _, 110) => (2, key),
        (_, _, 90) => (1, key),
        _ => return Err(Error::WrongVersion { expected: "DynamicKey 1-4", found: key.chars().take(3).collect() }),
    };
    let mut fields = Fields { rest: body };
    let signature = fields.take(40)?.to_owned();
    let app_id = fields.take(32)?.to_owned();
    let unix_ts = fields.decimal()?;
    let random_int = fields.hex8()?;
    let (uid, expired_ts) = match version {
        1 => (None, None),
        4 => (None, Some(fields.decimal()?)),
        _ => (Some(fields.decimal()?), Some(fields.decimal()?)),
    };
    Ok(ParsedDynamicKey { version, signature, app_id, unix_ts, random_int, uid, expired_ts })
}

struct Fields<'a> {
    rest: &'a str,
}

impl<'a> Fields<'a> {
    fn take(&mut self, n: usize) -> Result<&'a str> {
        let (Some(head), Some(tail)) = (self.rest.get(..n), self.rest.get(n..)) else {
            return Err(Error::Truncated { field: "dynamic key" });
        };
        self.rest = tail;
        Ok(head)
    }

    fn decimal(&mut self) -> Result<u32> {
        let text = self.take(10)?;
        text.parse().map_err(|_| Error::InvalidArgument {
            field: "dynamic key".to_owned(),
            reason: format!("{text:?} is not a 10-digit number"),
        })
    }

    fn hex8(&mut self) -> Result<u32> {
        let text = self.take(8)?;
        u32::from_str_radix(text, 16).map_err(|_| Error::InvalidArgument {
            field: "dynamic key".to_owned(),
            reason: format!("{text:?} is not 8 hex digits"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_back_what_generate_wrote() {
        let creds = Credentials::new("970ca35de60c44645bbae8a215061b33", "5cfd2fd1755d40ecb72977518be15d3b").unwrap();
        let input = DynamicKeyInput {
            channel_name: "c".into(),
            unix_ts: 1_446_455_472,
            random_int: 58_964_981,
            uid: 7,
            expired_ts: 9,
        };
        let v1 = parse(&generate_v1(&creds, &input).unwrap()).unwrap();
        assert_eq!((v1.version, v1.unix_ts, v1.random_int, v1.uid), (1, 1_446_455_472, 58_964_981, None));
        let v3 = parse(&generate_v3(&creds, &input).unwrap()).unwrap();
        assert_eq!((v3.version, v3.uid, v3.expired_ts), (3, Some(7), Some(9)));
        let v4 = parse(&generate_v4(&creds, Dk4Service::Recording, &input).unwrap()).unwrap();
        assert_eq!((v4.version, v4.expired_ts), (4, Some(9)));
        assert!(parse("short").is_err());
    }
}
