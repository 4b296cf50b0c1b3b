//! AccessToken2, the "007" format: build, decode and verify.
//!
//! Token = `"007"` + base64(zlib(content)), content = signature (u16-length bytes) +
//! signing info (app id, issue time, expire, salt, services). The signature is
//! HMAC-SHA256 over the signing info with a key derived from the certificate, the issue
//! time and the salt (see [`signing_key`]).

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::cell::Cell;

use crate::clock;
use crate::compression;
use crate::credentials::{AppCertificate, AppId, Credentials};
use crate::error::{Error, Result};
use crate::hmac_sha256::HmacKey;
use crate::services::{Service, ServiceType};
use crate::wire::{Reader, Writer};

thread_local! {
    /// Packing and compression buffers reused by `AccessToken2::build` on this thread.
    static BUILD_BUFFERS: Cell<Option<(Vec<u8>, Vec<u8>)>> = const { Cell::new(None) };
}

/// Buffers up to this capacity are kept for the next token; larger ones are freed.
const KEPT_BUFFER_BYTES: usize = 4096;

/// The version prefix of AccessToken2 tokens.
pub const VERSION: &str = "007";

/// The byte length of the HMAC-SHA256 signature.
const SIGNATURE_LEN: usize = 32;

/// Where the signing info starts in the packed content: u16 length + signature.
const SIGNING_INFO_OFFSET: usize = 2 + SIGNATURE_LEN;

/// Builds an AccessToken2 ("007") token.
///
/// The builder owns what the token says: its lifetime, optionally the issue time and salt
/// (for reproducible tokens, [`issued`](AccessToken2::issued)), and its services. The
/// credentials are given when signing, so one builder can be kept, extended and signed again,
/// with the same or other credentials. The methods named after the upstream builders (`rtc`,
/// `rtm`, `chat_user`, ...) are listed with their upstream names further down this page;
/// [`AccessToken2::service`] adds any service.
///
/// The methods take and return `&mut Self` (a non-consuming builder, as `std::process::Command`),
/// since `build` only reads the builder: chain them on a temporary and sign at the end, or keep
/// the builder in a variable (or, as the bindings do, in an object of their own) and add to it
/// step by step.
///
/// ```
/// use agora_token::{AccessToken2, Credentials, RtcRole};
///
/// let credentials = Credentials::new("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b")?;
/// let token = AccessToken2::new(600)
///     .issued(1_111_111, 1)
///     .rtc("7d72365eb983485397e3e3f9d460bdda", 2_882_341_273, RtcRole::Subscriber, 600)
///     .build(&credentials)?;
/// assert_eq!(token, "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj");
/// # Ok::<(), agora_token::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a token builder does nothing until `build` is called"]
pub struct AccessToken2 {
    expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
    services: Vec<Service>,
    strict: bool,
}

impl AccessToken2 {
    /// A token that expires `expire` seconds after its issue time.
    pub fn new(expire: u32) -> Self {
        AccessToken2 { expire, issued_at: None, salt: None, services: Vec::new(), strict: false }
    }

    /// Fixes the issue time (Unix seconds) and the salt, for reproducible tokens. `None` leaves
    /// a value to `build`: the issue time is then the system clock, the salt a random value in
    /// `1..=99_999_999`. Plain numbers fix a value (`.issued(1_111_111, 1)`); bindings pass
    /// their optional arguments through as they are.
    pub fn issued(&mut self, issued_at: impl Into<Option<u32>>, salt: impl Into<Option<u32>>) -> &mut Self {
        self.issued_at = issued_at.into();
        self.salt = salt.into();
        self
    }

    /// Strict mode: `build` refuses a token lifetime or privilege expiry that looks like an
    /// absolute Unix timestamp (see [`clock::looks_like_unix_timestamp`]). Defaults to off,
    /// which accepts every u32 as upstream does.
    pub fn strict(&mut self, strict: bool) -> &mut Self {
        self.strict = strict;
        self
    }

    /// Adds a service. Services of the same type are all kept, in the order added.
    pub fn service(&mut self, service: impl Into<Service>) -> &mut Self {
        self.services.push(service.into());
        self
    }

    /// The token lifetime in seconds.
    #[must_use]
    pub fn expire(&self) -> u32 {
        self.expire
    }

    /// The fixed issue time, or `None` for the system clock at `build` (see [`AccessToken2::issued`]).
    #[must_use]
    pub fn issued_at(&self) -> Option<u32> {
        self.issued_at
    }

    /// The fixed salt, or `None` for a random one at `build` (see [`AccessToken2::issued`]).
    #[must_use]
    pub fn salt(&self) -> Option<u32> {
        self.salt
    }

    /// Whether strict mode is on (see [`AccessToken2::strict`]).
    #[must_use]
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// The services added so far, in insertion order.
    #[must_use]
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The services added so far, to change one in place (e.g. grant a privilege to a service
    /// added earlier, as the C ABI's builder handle does by index).
    #[must_use]
    pub fn services_mut(&mut self) -> &mut [Service] {
        &mut self.services
    }

    /// Signs the token with these credentials and encodes it. The builder is unchanged: it can
    /// be signed again, extended, or signed with other credentials.
    ///
    /// # Errors
    /// [`Error::NoServices`] without services; [`Error::FieldTooLong`] or
    /// [`Error::TooManyEntries`] when a field does not fit the wire format;
    /// [`Error::ExpiryLooksAbsolute`] in strict mode; [`Error::Clock`] or
    /// [`Error::Randomness`] when the issue time or salt is not set and cannot be obtained.
    pub fn build(&self, credentials: &Credentials) -> Result<String> {
        if self.services.is_empty() {
            return Err(Error::NoServices);
        }
        if self.strict {
            self.check_expiries_are_relative()?;
        }
        let issued_at = match self.issued_at {
            Some(ts) => ts,
            None => clock::now()?,
        };
        let salt = match self.salt {
            Some(salt) => salt,
            None => clock::random_salt()?,
        };

        // The packed and compressed bytes go to buffers kept per thread: they hold nothing
        // that the token itself does not show, and reusing them saves two allocations a token.
        // `try_with`: during thread teardown the buffers may be gone; then fresh ones are used.
        let (mut content, mut compressed) = BUILD_BUFFERS.try_with(Cell::take).ok().flatten().unwrap_or_default();
        content.clear();
        compressed.clear();
        let built = self.pack_content(credentials, issued_at, salt, content).and_then(|content| {
            compression::compress(&content, &mut compressed)?;
            Ok(content)
        });
        let content = built?;
        let mut token = String::with_capacity(VERSION.len() + compressed.len().div_ceil(3) * 4);
        token.push_str(VERSION);
        STANDARD.encode_string(&compressed, &mut token);
        if content.capacity() <= KEPT_BUFFER_BYTES && compressed.capacity() <= KEPT_BUFFER_BYTES {
            // Nothing to keep them in during thread teardown: they are then simply dropped.
            let _ = BUILD_BUFFERS.try_with(|buffers| buffers.set(Some((content, compressed))));
        }
        Ok(token)
    }

    /// Packs the signature and signing info (the bytes that get compressed) into `content`,
    /// which must be empty.
    fn pack_content(
        &self,
        credentials: &Credentials,
        issued_at: u32,
        salt: u32,
        mut content: Vec<u8>,
    ) -> Result<Vec<u8>> {
        content.reserve(256);
        // Leave room for the signature's length and bytes; filled in once the info is packed.
        content.resize(SIGNING_INFO_OFFSET, 0);
        let mut w = Writer::from_vec(content);
        w.string("app id", credentials.app_id().as_str())?;
        w.u32(issued_at);
        w.u32(self.expire);
        w.u32(salt);
        w.count("services", self.services.len())?;
        // Services are packed by ascending type; the sort is stable so repeated types
        // keep their insertion order (as Go's SliceStable and every other upstream does).
        if self.services.is_sorted_by_key(Service::service_type) {
            for service in &self.services {
                service.pack(&mut w)?;
            }
        } else {
            let mut ordered: Vec<&Service> = self.services.iter().collect();
            ordered.sort_by_key(|service| service.service_type());
            for service in ordered {
                service.pack(&mut w)?;
            }
        }
        let mut content = w.into_inner();

        let key = signing_key(credentials.certificate(), issued_at, salt);
        let (head, signing_info) = content.split_at_mut(SIGNING_INFO_OFFSET);
        let signature = HmacKey::new(&key).mac(signing_info);
        if let Some((len, sig)) = head.split_first_chunk_mut::<2>() {
            *len = u16::try_from(SIGNATURE_LEN).unwrap_or(32).to_le_bytes();
            sig.copy_from_slice(&signature);
        }
        Ok(content)
    }

    fn check_expiries_are_relative(&self) -> Result<()> {
        check_relative("token expire", self.expire)?;
        for service in &self.services {
            for (&code, &value) in service.privilege_map() {
                let name = service.privilege_name(code).unwrap_or("unknown privilege");
                check_relative(&format!("{} {name} privilege expire", service.service_type()), value)?;
            }
        }
        Ok(())
    }
}

fn check_relative(field: &str, value: u32) -> Result<()> {
    if clock::looks_like_unix_timestamp(value) {
        return Err(Error::ExpiryLooksAbsolute {
            field: field.to_owned(),
            value,
            date: clock::format_utc(u64::from(value)),
        });
    }
    Ok(())
}

/// The signing key: HMAC(key = salt, HMAC(key = issue time, certificate)), with both
/// integers packed little-endian. The packed integer is the HMAC *key* each time.
fn signing_key(certificate: &AppCertificate, issued_at: u32, salt: u32) -> [u8; 32] {
    let by_time = HmacKey::for_issue_time(issued_at).mac(certificate.secret_bytes());
    HmacKey::new(&salt.to_le_bytes()).mac(&by_time)
}

fn new_hmac(key: &[u8]) -> Hmac<Sha256> {
    // HMAC pads keys shorter than the SHA-256 block with zeros, so padding the (at most
    // 32-byte) keys used here into a full block gives the same MAC without a fallible call.
    let mut block = hmac::digest::generic_array::GenericArray::default();
    let len = key.len().min(block.len());
    if let (Some(dst), Some(src)) = (block.get_mut(..len), key.get(..len)) {
        dst.copy_from_slice(src);
    }
    <Hmac<Sha256> as hmac::digest::KeyInit>::new(&block)
}

/// What a 007 token says: the fields of its signing info.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    app_id: String,
    issued_at: u32,
    expire: u32,
    salt: u32,
    services: Vec<Service>,
    unknown_service_type: Option<u16>,
}

impl Payload {
    /// The app id as packed (not necessarily valid: decoding does not require it).
    #[must_use]
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The issue time, Unix seconds.
    #[must_use]
    pub fn issued_at(&self) -> u32 {
        self.issued_at
    }

    /// The token lifetime in seconds after the issue time.
    #[must_use]
    pub fn expire(&self) -> u32 {
        self.expire
    }

    /// When the token expires, Unix seconds (issue time + lifetime; beyond u32 if it overflows).
    #[must_use]
    pub fn expires_at(&self) -> u64 {
        u64::from(self.issued_at) + u64::from(self.expire)
    }

    /// The salt.
    #[must_use]
    pub fn salt(&self) -> u32 {
        self.salt
    }

    /// The services in token (packed) order.
    #[must_use]
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The services of one type, in token order.
    pub fn services_of(&self, service_type: ServiceType) -> impl Iterator<Item = &Service> + '_ {
        self.services.iter().filter(move |s| s.service_type() == service_type)
    }

    /// The type number of a service this crate does not know, if the token contains one.
    /// Decoding stops there (as every upstream parser does) and keeps the services before it.
    #[must_use]
    pub fn unknown_service_type(&self) -> Option<u16> {
        self.unknown_service_type
    }
}

/// A decoded 007 token whose signature has **not** been checked.
///
/// Decoding without the certificate is legitimate for inspection (support tools, logs),
/// but nothing in it can be trusted until [`verify`](UnverifiedToken::verify) succeeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnverifiedToken {
    payload: Payload,
    signature: Vec<u8>,
    signing_info: Vec<u8>,
}

/// Base64 as upstream writes it, but forgiving about missing `=` padding, which copy and
/// paste often loses.
const LENIENT_PADDING: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

impl UnverifiedToken {
    /// Decodes a 007 token without checking its signature.
    ///
    /// Accepts any valid zlib stream; stops at an unknown service type and keeps the
    /// services before it; ignores bytes after the last service.
    ///
    /// # Errors
    /// [`Error::WrongVersion`], [`Error::Base64`], [`Error::Zlib`], [`Error::Truncated`]
    /// or [`Error::InvalidUtf8`], each naming what is wrong.
    pub fn parse(token: &str) -> Result<Self> {
        let body = token.strip_prefix(VERSION).ok_or_else(|| Error::WrongVersion {
            expected: VERSION,
            found: token.chars().take(VERSION.len()).collect(),
        })?;
        let compressed =
            LENIENT_PADDING.decode(body.trim_end()).map_err(|e| Error::Base64 { detail: base64_detail(body, &e) })?;
        let content = compression::decompress(&compressed)?;
        let mut r = Reader::new(&content);
        let signature = r.bytes("signature")?.to_vec();
        let signing_info = r.remaining().to_vec();
        let app_id = r.string("app id")?;
        let issued_at = r.u32("issue time")?;
        let expire = r.u32("expire")?;
        let salt = r.u32("salt")?;
        let count = r.u16("service count")?;
        let mut services = Vec::with_capacity(usize::from(count.min(16)));
        let mut unknown_service_type = None;
        for _ in 0..count {
            let type_code = r.u16("service type")?;
            match Service::unpack(type_code, &mut r)? {
                Some(service) => services.push(service),
                None => {
                    unknown_service_type = Some(type_code);
                    break;
                }
            }
        }
        Ok(UnverifiedToken {
            payload: Payload { app_id, issued_at, expire, salt, services, unknown_service_type },
            signature,
            signing_info,
        })
    }

    /// What the token says (unverified).
    #[must_use]
    pub fn payload(&self) -> &Payload {
        &self.payload
    }

    /// The signature bytes as found in the token.
    #[must_use]
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// Checks the signature in constant time, keeping the token unverified either way.
    ///
    /// # Errors
    /// [`Error::InvalidAppId`] if the token's app id is not 32 hex characters (upstream
    /// verifiers refuse those too); [`Error::SignatureMismatch`] if the signature differs.
    pub fn check_signature(&self, certificate: &AppCertificate) -> Result<()> {
        AppId::new(self.payload.app_id.as_str())?;
        let key = signing_key(certificate, self.payload.issued_at, self.payload.salt);
        let mut mac = new_hmac(&key);
        mac.update(&self.signing_info);
        mac.verify_slice(&self.signature).map_err(|_| Error::SignatureMismatch)
    }

    /// Checks the signature and returns the token as verified.
    ///
    /// # Errors
    /// As [`UnverifiedToken::check_signature`].
    pub fn verify(self, certificate: &AppCertificate) -> Result<VerifiedToken> {
        self.check_signature(certificate)?;
        Ok(VerifiedToken { payload: self.payload })
    }
}

fn base64_detail(body: &str, error: &base64::DecodeError) -> String {
    if body.contains(' ') {
        format!("{error}; it contains a space, probably a '+' turned into a space by URL decoding")
    } else if body.contains('-') || body.contains('_') {
        format!("{error}; it contains '-' or '_', so it looks URL-safe encoded")
    } else {
        error.to_string()
    }
}

/// A 007 token whose signature matched the certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedToken {
    payload: Payload,
}

impl VerifiedToken {
    /// What the token says.
    #[must_use]
    pub fn payload(&self) -> &Payload {
        &self.payload
    }

    /// Takes the payload out.
    #[must_use]
    pub fn into_payload(self) -> Payload {
        self.payload
    }
}

/// Decodes a 007 token and verifies its signature.
///
/// ```
/// use agora_token::{decode, AppCertificate, Service};
///
/// let token = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";
/// let certificate = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?;
/// let verified = decode(token, &certificate)?;
/// assert_eq!(verified.payload().issued_at(), 1_111_111);
/// let Service::Rtc(rtc) = &verified.payload().services()[0] else { unreachable!() };
/// assert_eq!(rtc.uid, "2882341273");
/// # Ok::<(), agora_token::Error>(())
/// ```
///
/// # Errors
/// Any error of [`UnverifiedToken::parse`] or [`UnverifiedToken::verify`].
pub fn decode(token: &str, certificate: &AppCertificate) -> Result<VerifiedToken> {
    UnverifiedToken::parse(token)?.verify(certificate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::{RtcPrivilege, RtcService};

    const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
    const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
    const RTC_UID_JOIN: &str = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";

    fn credentials() -> Credentials {
        Credentials::new(APP_ID, CERT).unwrap()
    }

    fn rtc_join() -> RtcService {
        RtcService::new("7d72365eb983485397e3e3f9d460bdda", 2_882_341_273)
            .with_privilege(RtcPrivilege::JoinChannel, 600)
    }

    #[test]
    fn builds_the_upstream_rtc_vector() {
        let token = AccessToken2::new(600).issued(1_111_111, 1).service(rtc_join()).build(&credentials()).unwrap();
        assert_eq!(token, RTC_UID_JOIN);
    }

    #[test]
    fn no_service_is_an_error() {
        assert_eq!(AccessToken2::new(600).build(&credentials()), Err(Error::NoServices));
    }

    #[test]
    fn defaults_give_fresh_time_and_salt() {
        let creds = credentials();
        let before = clock::now().unwrap();
        let token = AccessToken2::new(600).service(rtc_join()).build(&creds).unwrap();
        let payload = decode(&token, creds.certificate()).unwrap().into_payload();
        assert!(payload.issued_at() >= before && payload.issued_at() <= before + 5);
        assert!((1..=clock::MAX_RANDOM_SALT).contains(&payload.salt()));
    }

    #[test]
    fn issued_with_none_leaves_the_clock_and_a_random_salt() {
        let creds = credentials();
        let mut token = AccessToken2::new(600);
        token.issued(1_111_111, 1).service(rtc_join());
        assert_eq!(token.build(&creds).unwrap(), RTC_UID_JOIN);

        // Unfixing both gives back the defaults: each build reads the clock and draws a salt.
        let before = clock::now().unwrap();
        token.issued(None, None);
        assert_eq!((token.issued_at(), token.salt()), (None, None));
        let payloads: Vec<Payload> = (0..2)
            .map(|_| decode(&token.build(&creds).unwrap(), creds.certificate()).unwrap().into_payload())
            .collect();
        for payload in &payloads {
            assert!(payload.issued_at() >= before && payload.issued_at() <= before + 5);
            assert!((1..=clock::MAX_RANDOM_SALT).contains(&payload.salt()));
        }
        assert_ne!(payloads[0].salt(), payloads[1].salt(), "a fresh salt per build");

        // Either value alone: the other one stays a default.
        let payload = |token: &AccessToken2| decode(&token.build(&creds).unwrap(), creds.certificate()).unwrap();
        let only_time = payload(token.issued(1_000, None)).into_payload();
        assert_eq!(only_time.issued_at(), 1_000);
        let only_salt = payload(token.issued(None, 7)).into_payload();
        assert_eq!(only_salt.salt(), 7);
        assert!(only_salt.issued_at() >= before);
    }

    #[test]
    fn one_builder_signs_for_two_credentials() {
        let first = credentials();
        let second = Credentials::new("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210").unwrap();
        let mut builder = AccessToken2::new(600);
        builder.issued(1_111_111, 1).service(rtc_join());
        let (token_first, token_second) = (builder.build(&first).unwrap(), builder.build(&second).unwrap());
        assert_eq!(token_first, RTC_UID_JOIN);
        assert_ne!(token_first, token_second);
        let verified = decode(&token_second, second.certificate()).unwrap();
        assert_eq!(verified.payload().app_id(), second.app_id().as_str());
        assert!(decode(&token_first, first.certificate()).is_ok());
        assert_eq!(decode(&token_first, second.certificate()).unwrap_err(), Error::SignatureMismatch);
        assert_eq!(decode(&token_second, first.certificate()).unwrap_err(), Error::SignatureMismatch);
    }

    #[test]
    fn a_builder_is_reused_after_build() {
        let creds = credentials();
        let mut builder = AccessToken2::new(600);
        builder.issued(1_111_111, 1).service(rtc_join());
        assert_eq!(builder.build(&creds).unwrap(), RTC_UID_JOIN);
        // Building again gives the same token; building changed nothing.
        assert_eq!(builder.build(&creds).unwrap(), RTC_UID_JOIN);
        assert_eq!(builder.services().len(), 1);
        // Extending it after a build signs the added service too.
        builder.chat_user("bob", 600);
        let payload = decode(&builder.build(&creds).unwrap(), creds.certificate()).unwrap().into_payload();
        assert_eq!(payload.services().len(), 2);
        assert_eq!((payload.issued_at(), payload.salt()), (1_111_111, 1));
    }

    #[test]
    fn services_changed_in_place_are_signed_as_changed() {
        let creds = credentials();
        let mut builder = AccessToken2::new(600);
        builder.issued(1_111_111, 1).service(RtcService::new("7d72365eb983485397e3e3f9d460bdda", 2_882_341_273));
        let Some(Service::Rtc(rtc)) = builder.services_mut().first_mut() else { panic!("one RTC service") };
        rtc.add_privilege(RtcPrivilege::JoinChannel, 600);
        assert_eq!(builder.build(&creds).unwrap(), RTC_UID_JOIN);
    }

    #[test]
    fn strict_mode_refuses_absolute_timestamps_only() {
        let creds = credentials();
        let absolute = RtcService::new("c", 1).with_privilege(RtcPrivilege::JoinChannel, 1_764_066_022);
        let mut token = AccessToken2::new(600);
        token.issued(1, 1).service(absolute);
        assert!(token.build(&creds).is_ok());
        assert!(!token.is_strict());
        let err = token.strict(true).build(&creds).unwrap_err();
        assert_eq!(err.code(), "expiry_looks_absolute");
        assert!(err.to_string().contains("RTC join channel privilege expire is 1764066022"), "{err}");
        assert!(err.to_string().contains("2025-11-25"), "{err}");
        assert!(AccessToken2::new(86_400).strict(true).service(rtc_join()).build(&creds).is_ok());
    }

    #[test]
    fn wrong_certificate_and_tampering_fail_verification() {
        let other = AppCertificate::new("5cfd2fd1755d40ecb72977518be15d3b").unwrap();
        assert_eq!(decode(RTC_UID_JOIN, &other).unwrap_err(), Error::SignatureMismatch);

        let creds = credentials();
        let token = UnverifiedToken::parse(RTC_UID_JOIN).unwrap();
        let mut tampered = token.clone();
        tampered.signing_info[40] ^= 1;
        assert_eq!(tampered.check_signature(creds.certificate()), Err(Error::SignatureMismatch));
        assert!(token.check_signature(creds.certificate()).is_ok());
    }

    #[test]
    fn malformed_tokens_get_specific_errors() {
        assert_eq!(UnverifiedToken::parse("00").unwrap_err().code(), "wrong_version");
        assert_eq!(UnverifiedToken::parse("006abc").unwrap_err().code(), "wrong_version");
        assert_eq!(UnverifiedToken::parse("007!!!!").unwrap_err().code(), "invalid_base64");
        let spaced = RTC_UID_JOIN.replacen('/', " ", 1);
        assert!(UnverifiedToken::parse(&spaced).unwrap_err().to_string().contains("space"));
        assert_eq!(UnverifiedToken::parse("007aGVsbG8=").unwrap_err().code(), "invalid_zlib");
        let unpadded = RTC_UID_JOIN.trim_end_matches('=');
        assert!(UnverifiedToken::parse(unpadded).is_ok());
    }
}
