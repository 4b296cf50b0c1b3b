//! A reference peer for the benchmarks: how the upstream Rust crate (`agora_token` in
//! AgoraIO/Tools, `DynamicKey/AgoraDynamicKey/rust/src/`, not published on crates.io) builds an
//! RTC 007 token. Written here from a reading of its `access_token.rs`, `utils.rs` and
//! `rtc_token_builder.rs`, step for step and allocation for allocation, so that our build can be
//! timed against it in the same run.
//!
//! Per token, upstream:
//! - copies app id and certificate into `String`s, the uid into a `String` (`""` for 0), the
//!   channel and uid into the RTC service; keeps privileges in a std `HashMap<u16, u32>`
//!   (SipHash) and the service as a `Box<dyn IService>` in a `Vec`;
//! - checks app id and certificate (32 characters, `char::is_digit(16)`);
//! - packs through `&mut dyn Write` into a `Vec` that starts empty and grows, one `write_all`
//!   per field (byteorder little endian); sorts the services into a new `Vec`, and the privilege
//!   keys into another, then looks each value up in the map;
//! - signing key: HMAC-SHA256 keyed by the packed issue time (a `Vec`) over the certificate,
//!   then keyed by the packed salt (a `Vec`) over that, returned as a `Vec`; signature: HMAC-SHA256
//!   keyed by the signing key over the packed fields (`hmac` 0.12, `sha2` 0.10, like us);
//! - copies signature (length-prefixed) and packed fields into a second `Vec`;
//! - compresses it with `flate2::write::ZlibEncoder` (`Compression::default()`, level 6) over a
//!   `Cursor<Vec<u8>>`: a fresh encoder per token; see [`compress_zlib`] for what flate2 1.1 with
//!   its default backend, miniz_oxide, does for that;
//! - base64 (`base64` 0.22 `STANDARD`), then `String::from("007") + &encoded`.
//!
//! Left out: upstream's `new_access_token` reads the clock and draws a random salt, which its own
//! tests then overwrite; here issue time and salt are arguments, as in our `rtc_007_build` bench.
//! Fields the build never touches (parse state, empty `Vec`s) are left out too.

#![allow(clippy::cast_possible_truncation)] // Upstream packs lengths with `as u16`; kept as it is.

use std::collections::HashMap;
use std::error::Error;
use std::io::{self, Write};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use miniz_oxide::deflate::core::CompressorOxide;
use miniz_oxide::deflate::stream::deflate;
use miniz_oxide::{DataFormat, MZFlush, MZStatus, StreamResult};
use sha2::Sha256;

/// Upstream's result type for builders.
pub type BuildResult = Result<String, Box<dyn Error>>;

/// Upstream `rtc_token_builder::ROLE_PUBLISHER` (any other role only joins).
pub const ROLE_PUBLISHER: u16 = 1;

const VERSION: &str = "007";
const SERVICE_TYPE_RTC: u16 = 1;
const PRIVILEGE_JOIN_CHANNEL: u16 = 1;
const PRIVILEGE_PUBLISH_AUDIO_STREAM: u16 = 2;
const PRIVILEGE_PUBLISH_VIDEO_STREAM: u16 = 3;
const PRIVILEGE_PUBLISH_DATA_STREAM: u16 = 4;

/// `flate2::Compression::default()`.
const FLATE2_DEFAULT_LEVEL: u8 = 6;
/// The staging buffer of flate2's `zio::Writer` (`Vec::with_capacity(32 * 1024)`).
const FLATE2_WRITER_BUFFER: usize = 32 * 1024;

fn pack_u16(w: &mut dyn Write, n: u16) -> io::Result<()> {
    w.write_all(&n.to_le_bytes())
}

fn pack_u32(w: &mut dyn Write, n: u32) -> io::Result<()> {
    w.write_all(&n.to_le_bytes())
}

fn pack_bytes(w: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
    pack_u16(w, bytes.len() as u16)?;
    w.write_all(bytes)
}

fn pack_string(w: &mut dyn Write, s: &str) -> io::Result<()> {
    pack_bytes(w, s.as_bytes())
}

/// Upstream `utils::pack_map_uint32`: count, then the keys collected into a `Vec`, sorted, and
/// each value looked up again in the map.
fn pack_privileges(w: &mut dyn Write, privileges: &HashMap<u16, u32>) -> io::Result<()> {
    pack_u16(w, privileges.len() as u16)?;
    let mut keys: Vec<u16> = privileges.keys().copied().collect();
    keys.sort();
    for key in keys {
        pack_u16(w, key)?;
        pack_u32(w, privileges[&key])?;
    }
    Ok(())
}

/// Upstream `get_uid_str`: 0 means any user and packs as an empty string.
pub fn uid_str(uid: u32) -> String {
    if uid == 0 {
        String::new()
    } else {
        uid.to_string()
    }
}

/// Upstream `is_uuid`.
#[allow(clippy::is_digit_ascii_radix)] // The same character test as upstream.
fn is_uuid(s: &str) -> bool {
    s.len() == 32 && s.chars().all(|c| c.is_digit(16))
}

/// Upstream's `IService` as far as building needs it.
pub trait PackService {
    /// The service type number.
    fn service_type(&self) -> u16;
    /// Appends the service (type, privileges, fields) to `w`.
    ///
    /// # Errors
    /// Whatever `w` returns.
    fn pack(&self, w: &mut dyn Write) -> io::Result<()>;
}

/// Upstream `ServiceRtc` (a `Service` with its privilege map, channel and uid as `String`s).
#[derive(Debug)]
pub struct RtcService {
    service_type: u16,
    privileges: HashMap<u16, u32>,
    channel_name: String,
    uid: String,
}

impl RtcService {
    /// Upstream `new_service_rtc`.
    pub fn new(channel_name: &str, uid: &str) -> Self {
        Self {
            service_type: SERVICE_TYPE_RTC,
            privileges: HashMap::new(),
            channel_name: channel_name.to_string(),
            uid: uid.to_string(),
        }
    }

    /// Upstream `Service::add_privilege` (insert or replace).
    pub fn add_privilege(&mut self, privilege: u16, expire: u32) {
        self.privileges.insert(privilege, expire);
    }
}

impl PackService for RtcService {
    fn service_type(&self) -> u16 {
        self.service_type
    }

    fn pack(&self, w: &mut dyn Write) -> io::Result<()> {
        pack_u16(w, self.service_type)?;
        pack_privileges(w, &self.privileges)?;
        pack_string(w, &self.channel_name)?;
        pack_string(w, &self.uid)
    }
}

/// Upstream `AccessToken` as far as building needs it.
pub struct ReferenceToken {
    app_cert: String,
    app_id: String,
    expire: u32,
    issue_ts: u32,
    salt: u32,
    services: Vec<Box<dyn PackService>>,
}

impl std::fmt::Debug for ReferenceToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReferenceToken").field("app_id", &self.app_id).finish_non_exhaustive()
    }
}

impl ReferenceToken {
    /// Upstream `new_access_token`, with issue time and salt given instead of drawn.
    pub fn new(app_id: &str, app_cert: &str, expire: u32, issue_ts: u32, salt: u32) -> Self {
        Self {
            app_cert: app_cert.to_string(),
            app_id: app_id.to_string(),
            expire,
            issue_ts,
            salt,
            services: Vec::new(),
        }
    }

    /// Upstream `add_service`.
    pub fn add_service(&mut self, service: Box<dyn PackService>) {
        self.services.push(service);
    }

    /// Upstream `get_sign_with_certificate`.
    fn signing_key(&self) -> Result<Vec<u8>, Box<dyn Error>> {
        let mut issue_ts = Vec::new();
        pack_u32(&mut issue_ts, self.issue_ts)?;
        let mut mac_issue_ts = Hmac::<Sha256>::new_from_slice(&issue_ts)?;
        mac_issue_ts.update(self.app_cert.as_bytes());

        let mut salt = Vec::new();
        pack_u32(&mut salt, self.salt)?;
        let mut mac_salt = Hmac::<Sha256>::new_from_slice(&salt)?;
        mac_salt.update(mac_issue_ts.finalize().into_bytes().as_slice());
        Ok(mac_salt.finalize().into_bytes().to_vec())
    }

    /// Upstream `AccessToken::build`.
    ///
    /// # Errors
    /// Bad app id or certificate, no service, or a failure of the compressor.
    pub fn build(&self) -> BuildResult {
        if !is_uuid(&self.app_id) || !is_uuid(&self.app_cert) {
            return Err("check appId or appCertificate".into());
        }
        if self.services.is_empty() {
            return Err("no service added".into());
        }

        let mut buf = Vec::new();
        pack_string(&mut buf, &self.app_id)?;
        pack_u32(&mut buf, self.issue_ts)?;
        pack_u32(&mut buf, self.expire)?;
        pack_u32(&mut buf, self.salt)?;
        let mut services: Vec<&dyn PackService> = self.services.iter().map(AsRef::as_ref).collect();
        services.sort_by_key(|service| service.service_type());
        pack_u16(&mut buf, services.len() as u16)?;

        let signing_key = self.signing_key()?;
        for service in services {
            service.pack(&mut buf)?;
        }

        let mut mac = Hmac::<Sha256>::new_from_slice(&signing_key)?;
        mac.update(&buf);
        let signature = mac.finalize().into_bytes();

        let mut content = Vec::new();
        pack_bytes(&mut content, signature.as_slice())?;
        content.extend(&buf);

        Ok(String::from(VERSION) + &STANDARD.encode(compress_zlib(&content)?))
    }
}

/// One call of flate2's `Compress::compress_vec` with the miniz_oxide backend: the spare
/// capacity of the staging buffer is zero-filled (flate2 1.1 hands miniz_oxide an initialised
/// slice), then `miniz_oxide::deflate::stream::deflate` writes into it.
fn compress_into_spare(
    compressor: &mut CompressorOxide,
    input: &[u8],
    staging: &mut Vec<u8>,
    flush: MZFlush,
) -> io::Result<StreamResult> {
    let used = staging.len();
    staging.resize(staging.capacity(), 0);
    let result = deflate(compressor, input, &mut staging[used..], flush);
    staging.truncate(used + result.bytes_written);
    match result.status {
        Ok(_) => Ok(result),
        Err(error) => Err(io::Error::new(io::ErrorKind::InvalidInput, format!("deflate failed: {error:?}"))),
    }
}

/// Upstream `utils::compress_zlib`: `ZlibEncoder::new(&mut Cursor::new(Vec::new()),
/// Compression::default())`, one `write(src)`, `finish()`, `into_inner()`. What flate2 1.1
/// (`zlib::write::ZlibEncoder` → `zio::Writer<_, Compress>`, miniz_oxide backend) does for that:
/// - `Compress::new(level 6, zlib header)`: a boxed `CompressorOxide::default()` (its own boxed
///   tables inside), then `set_format_and_level(Zlib, 6)`;
/// - `zio::Writer::new`: a 32 KiB staging `Vec` (capacity only);
/// - `write`: flush the staging buffer to the cursor (empty), one `deflate(.., MZFlush::None)`;
/// - `finish`: loop { flush staging to the cursor; `deflate(&[], .., MZFlush::Finish)` } until
///   the stream ends, then flush staging once more;
/// - the cursor's `Vec` starts empty and grows by what is flushed into it.
///
/// # Errors
/// A failure reported by miniz_oxide.
pub fn compress_zlib(src: &[u8]) -> io::Result<Vec<u8>> {
    let mut sink: Vec<u8> = Vec::new();
    let mut compressor: Box<CompressorOxide> = Box::default();
    compressor.set_format_and_level(DataFormat::Zlib, FLATE2_DEFAULT_LEVEL);
    let mut staging: Vec<u8> = Vec::with_capacity(FLATE2_WRITER_BUFFER);

    // `write`: upstream ignores how much was taken; miniz_oxide takes all of a small input.
    compress_into_spare(&mut compressor, src, &mut staging, MZFlush::None)?;

    // `finish`.
    loop {
        sink.extend_from_slice(&staging);
        staging.clear();
        let result = compress_into_spare(&mut compressor, &[], &mut staging, MZFlush::Finish)?;
        if result.status == Ok(MZStatus::StreamEnd) {
            sink.extend_from_slice(&staging);
            staging.clear();
            break;
        }
        // flate2 also stops when a round wrote nothing (never the case for a finishing encoder).
        if result.bytes_written == 0 {
            break;
        }
    }
    Ok(sink)
}

/// Upstream `rtc_token_builder::build_token_with_user_account` (issue time and salt given).
///
/// # Errors
/// See [`ReferenceToken::build`].
#[allow(clippy::too_many_arguments)] // Upstream's signature plus issue time and salt.
pub fn build_token_with_user_account(
    app_id: &str,
    app_certificate: &str,
    channel_name: &str,
    account: &str,
    role: u16,
    token_expire: u32,
    privilege_expire: u32,
    issue_ts: u32,
    salt: u32,
) -> BuildResult {
    let mut token = ReferenceToken::new(app_id, app_certificate, token_expire, issue_ts, salt);
    let mut service = RtcService::new(channel_name, account);
    service.add_privilege(PRIVILEGE_JOIN_CHANNEL, privilege_expire);
    if role == ROLE_PUBLISHER {
        service.add_privilege(PRIVILEGE_PUBLISH_AUDIO_STREAM, privilege_expire);
        service.add_privilege(PRIVILEGE_PUBLISH_VIDEO_STREAM, privilege_expire);
        service.add_privilege(PRIVILEGE_PUBLISH_DATA_STREAM, privilege_expire);
    }
    token.add_service(Box::new(service));
    token.build()
}

/// Upstream `rtc_token_builder::build_token_with_uid` (issue time and salt given).
///
/// # Errors
/// See [`ReferenceToken::build`].
#[allow(clippy::too_many_arguments)] // Upstream's signature plus issue time and salt.
pub fn build_token_with_uid(
    app_id: &str,
    app_certificate: &str,
    channel_name: &str,
    uid: u32,
    role: u16,
    token_expire: u32,
    privilege_expire: u32,
    issue_ts: u32,
    salt: u32,
) -> BuildResult {
    build_token_with_user_account(
        app_id,
        app_certificate,
        channel_name,
        &uid_str(uid),
        role,
        token_expire,
        privilege_expire,
        issue_ts,
        salt,
    )
}
