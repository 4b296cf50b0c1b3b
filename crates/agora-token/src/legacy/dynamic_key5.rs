//! DynamicKey5, the "005" format: a binary key signed with HMAC-SHA1.
//!
//! Key = `"005"` + base64(content), content = u16 service type, the signature as
//! upper-case hex (u16-length string), the app id hex-decoded (u16-length bytes), u32
//! unix time, u32 random int, u32 expiry, extra map (u16 count, then u16 key + string).
//! Signed message = u16 service type, app id bytes, unix time, random int, channel
//! name, u32 uid, expiry, extra map; the HMAC key is the certificate hex-decoded, so the
//! letter case of app id and certificate does not matter.

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::dynamic_key::DynamicKeyInput;
use crate::credentials::{AppCertificate, Credentials};
use crate::error::{Error, Result};
use crate::wire::{Reader, Writer};

/// The version prefix of DynamicKey5 keys.
pub const VERSION: &str = "005";

/// The extra-map key of the in-channel permission.
const ALLOW_UPLOAD_IN_CHANNEL: u16 = 1;

/// The kinds of DynamicKey5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dk5Service {
    /// Media channel key (1).
    MediaChannel,
    /// Recording key (2).
    Recording,
    /// Public sharing key (3).
    PublicSharing,
    /// In-channel permission key (4), with what the user may upload.
    InChannelPermission(UploadPermission),
}

/// What an in-channel permission key lets the user upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UploadPermission {
    /// `"0"`: no upload.
    NoUpload,
    /// `"3"`: audio and video.
    AudioVideo,
}

impl Dk5Service {
    fn code(self) -> u16 {
        match self {
            Dk5Service::MediaChannel => 1,
            Dk5Service::Recording => 2,
            Dk5Service::PublicSharing => 3,
            Dk5Service::InChannelPermission(_) => 4,
        }
    }

    fn extra(self) -> BTreeMap<u16, String> {
        let mut extra = BTreeMap::new();
        if let Dk5Service::InChannelPermission(permission) = self {
            let value = match permission {
                UploadPermission::NoUpload => "0",
                UploadPermission::AudioVideo => "3",
            };
            extra.insert(ALLOW_UPLOAD_IN_CHANNEL, value.to_owned());
        }
        extra
    }
}

/// Generates a DynamicKey5 (`generateMediaChannelKey`, `generateRecordingKey`,
/// `generatePublicSharingKey`, `generateInChannelPermissionKey`).
///
/// # Errors
/// [`Error::InvalidAppId`] / [`Error::InvalidAppCertificate`] if they are not hex (they
/// are hex-decoded), [`Error::FieldTooLong`] for a channel name over 65535 bytes.
pub fn generate(credentials: &Credentials, service: Dk5Service, input: &DynamicKeyInput) -> Result<String> {
    let app_id = hex_decode(credentials.app_id().as_str())
        .ok_or_else(|| Error::InvalidAppId { problem: "it is not hexadecimal".to_owned() })?;
    let extra = service.extra();
    let signature = signature(credentials.certificate(), service.code(), &app_id, input, &extra)?;

    let mut w = Writer::with_capacity(128);
    w.u16(service.code());
    w.string("signature", &signature)?;
    w.bytes("app id", &app_id)?;
    w.u32(input.unix_ts);
    w.u32(input.random_int);
    w.u32(input.expired_ts);
    pack_extra(&mut w, &extra)?;
    let mut key = String::from(VERSION);
    STANDARD.encode_string(w.into_inner(), &mut key);
    Ok(key)
}

/// The upper-case hex HMAC-SHA1 signature of a DynamicKey5.
fn signature(
    certificate: &AppCertificate,
    service_type: u16,
    app_id: &[u8],
    input: &DynamicKeyInput,
    extra: &BTreeMap<u16, String>,
) -> Result<String> {
    let key = hex_decode(std::str::from_utf8(certificate.secret_bytes()).unwrap_or_default())
        .ok_or_else(|| Error::InvalidAppCertificate { problem: "it is not hexadecimal".to_owned() })?;
    let mut message = Writer::with_capacity(128);
    message.u16(service_type);
    message.bytes("app id", app_id)?;
    message.u32(input.unix_ts);
    message.u32(input.random_int);
    message.string("channel name", &input.channel_name)?;
    message.u32(input.uid);
    message.u32(input.expired_ts);
    pack_extra(&mut message, extra)?;
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(&key)
        .map_err(|_| Error::InvalidAppCertificate { problem: "it cannot key an HMAC".to_owned() })?;
    mac.update(&message.into_inner());
    Ok(super::dynamic_key::hex_lower(&mac.finalize().into_bytes()).to_ascii_uppercase())
}

fn pack_extra(w: &mut Writer, extra: &BTreeMap<u16, String>) -> Result<()> {
    w.count("extra", extra.len())?;
    for (&key, value) in extra {
        w.u16(key);
        w.string("extra value", value)?;
    }
    Ok(())
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| text.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok())).collect()
}

/// The readable fields of a DynamicKey5 (the channel name and uid are only signed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedDynamicKey5 {
    /// 1 media channel, 2 recording, 3 public sharing, 4 in-channel permission.
    pub service_type: u16,
    /// The upper-case hex signature.
    pub signature: String,
    /// The app id, lower-case hex.
    pub app_id: String,
    /// When the key was made.
    pub unix_ts: u32,
    /// The random number.
    pub random_int: u32,
    /// The expiry, absolute Unix seconds.
    pub expired_ts: u32,
    /// The extra map (key 1 = upload permission of in-channel keys).
    pub extra: BTreeMap<u16, String>,
}

/// Reads a DynamicKey5.
///
/// # Errors
/// [`Error::WrongVersion`], [`Error::Base64`], [`Error::Truncated`] or [`Error::InvalidUtf8`].
pub fn parse(key: &str) -> Result<ParsedDynamicKey5> {
    let body = key
        .strip_prefix(VERSION)
        .ok_or_else(|| Error::WrongVersion { expected: VERSION, found: key.chars().take(3).collect() })?;
    let content = STANDARD.decode(body).map_err(|e| Error::Base64 { detail: e.to_string() })?;
    let mut r = Reader::new(&content);
    let service_type = r.u16("service type")?;
    let signature = r.string("signature")?;
    let app_id = super::dynamic_key::hex_lower(r.bytes("app id")?);
    let unix_ts = r.u32("unix time")?;
    let random_int = r.u32("random int")?;
    let expired_ts = r.u32("expiry")?;
    let count = r.u16("extra")?;
    let mut extra = BTreeMap::new();
    for _ in 0..count {
        let k = r.u16("extra")?;
        extra.insert(k, r.string("extra value")?);
    }
    Ok(ParsedDynamicKey5 { service_type, signature, app_id, unix_ts, random_int, expired_ts, extra })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_back_the_fields() {
        let creds = Credentials::new("970ca35de60c44645bbae8a215061b33", "5cfd2fd1755d40ecb72977518be15d3b").unwrap();
        let input = DynamicKeyInput { channel_name: "c".into(), unix_ts: 10, random_int: 20, uid: 30, expired_ts: 40 };
        let key = generate(&creds, Dk5Service::InChannelPermission(UploadPermission::AudioVideo), &input).unwrap();
        let parsed = parse(&key).unwrap();
        assert_eq!((parsed.service_type, parsed.unix_ts, parsed.random_int, parsed.expired_ts), (4, 10, 20, 40));
        assert_eq!(parsed.app_id, "970ca35de60c44645bbae8a215061b33");
        assert_eq!(parsed.extra.get(&1).map(String::as_str), Some("3"));
        assert_eq!(parsed.signature.len(), 40);
    }
}
