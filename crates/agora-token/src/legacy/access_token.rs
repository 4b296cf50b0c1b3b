//! AccessToken, the legacy "006" format: build, decode and verify.
//!
//! Token = `"006"` + app id + base64(content), no compression. content = signature
//! (u16-length bytes) + CRC-32 of the channel name + CRC-32 of the uid + message
//! (u16-length bytes: salt, expiry, privilege map). Unlike 007, privilege expiries are
//! **absolute** Unix timestamps (0 = no expiry), and the channel name and uid are signed
//! but not stored (only their CRCs), so verifying needs them.

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::clock;
use crate::credentials::{AppCertificate, Credentials, CREDENTIAL_LEN};
use crate::error::{Error, Result};
use crate::services::User;
use crate::wire::{Reader, Writer};

/// The version prefix of AccessToken tokens.
pub const VERSION: &str = "006";

/// How long a 006 token is valid when no expiry is set: 24 hours after building,
/// as every upstream 006 builder does.
pub const DEFAULT_VALIDITY: u32 = 86_400;

/// A privilege of a 006 token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Privilege006 {
    /// Join the channel (1).
    JoinChannel,
    /// Publish audio (2).
    PublishAudioStream,
    /// Publish video (3).
    PublishVideoStream,
    /// Publish data streams (4).
    PublishDataStream,
    /// Publish audio to a CDN (5; defined by Python and C++ upstream).
    PublishAudioCdn,
    /// Publish video to a CDN (6).
    PublishVideoCdn,
    /// Request to publish audio (7).
    RequestPublishAudioStream,
    /// Request to publish video (8).
    RequestPublishVideoStream,
    /// Request to publish data streams (9).
    RequestPublishDataStream,
    /// Invite to publish audio (10).
    InvitePublishAudioStream,
    /// Invite to publish video (11).
    InvitePublishVideoStream,
    /// Invite to publish data streams (12).
    InvitePublishDataStream,
    /// Administrate the channel (101; defined by C++ upstream only).
    AdministrateChannel,
    /// RTM login (1000).
    RtmLogin,
}

impl Privilege006 {
    const ALL: [Privilege006; 14] = [
        Privilege006::JoinChannel,
        Privilege006::PublishAudioStream,
        Privilege006::PublishVideoStream,
        Privilege006::PublishDataStream,
        Privilege006::PublishAudioCdn,
        Privilege006::PublishVideoCdn,
        Privilege006::RequestPublishAudioStream,
        Privilege006::RequestPublishVideoStream,
        Privilege006::RequestPublishDataStream,
        Privilege006::InvitePublishAudioStream,
        Privilege006::InvitePublishVideoStream,
        Privilege006::InvitePublishDataStream,
        Privilege006::AdministrateChannel,
        Privilege006::RtmLogin,
    ];

    /// Every privilege as ([`identifier`](Privilege006::identifier), number), ascending:
    /// `("join_channel", 1)` to `("rtm_login", 1000)`. The 006 counterpart of
    /// [`ServiceType::privileges`](crate::ServiceType::privileges), which the bindings export and
    /// test their drop-in 006 constants (`kJoinChannel`, ...) against.
    pub const NAMES: &'static [(&'static str, u16)] = &Privilege006::names();

    const fn names() -> [(&'static str, u16); 14] {
        let mut names = [("", 0); 14];
        let mut i = 0;
        while i < names.len() {
            names[i] = (Privilege006::ALL[i].identifier(), Privilege006::ALL[i].code());
            i += 1;
        }
        names
    }

    /// The privilege's name in code: the variant in snake_case, e.g. `"join_channel"`.
    #[must_use]
    pub const fn identifier(self) -> &'static str {
        use crate::services::snake_case;
        match self {
            Privilege006::JoinChannel => snake_case!(JoinChannel),
            Privilege006::PublishAudioStream => snake_case!(PublishAudioStream),
            Privilege006::PublishVideoStream => snake_case!(PublishVideoStream),
            Privilege006::PublishDataStream => snake_case!(PublishDataStream),
            Privilege006::PublishAudioCdn => snake_case!(PublishAudioCdn),
            Privilege006::PublishVideoCdn => snake_case!(PublishVideoCdn),
            Privilege006::RequestPublishAudioStream => snake_case!(RequestPublishAudioStream),
            Privilege006::RequestPublishVideoStream => snake_case!(RequestPublishVideoStream),
            Privilege006::RequestPublishDataStream => snake_case!(RequestPublishDataStream),
            Privilege006::InvitePublishAudioStream => snake_case!(InvitePublishAudioStream),
            Privilege006::InvitePublishVideoStream => snake_case!(InvitePublishVideoStream),
            Privilege006::InvitePublishDataStream => snake_case!(InvitePublishDataStream),
            Privilege006::AdministrateChannel => snake_case!(AdministrateChannel),
            Privilege006::RtmLogin => snake_case!(RtmLogin),
        }
    }

    /// The number packed into tokens.
    #[must_use]
    pub const fn code(self) -> u16 {
        match self {
            Privilege006::JoinChannel => 1,
            Privilege006::PublishAudioStream => 2,
            Privilege006::PublishVideoStream => 3,
            Privilege006::PublishDataStream => 4,
            Privilege006::PublishAudioCdn => 5,
            Privilege006::PublishVideoCdn => 6,
            Privilege006::RequestPublishAudioStream => 7,
            Privilege006::RequestPublishVideoStream => 8,
            Privilege006::RequestPublishDataStream => 9,
            Privilege006::InvitePublishAudioStream => 10,
            Privilege006::InvitePublishVideoStream => 11,
            Privilege006::InvitePublishDataStream => 12,
            Privilege006::AdministrateChannel => 101,
            Privilege006::RtmLogin => 1000,
        }
    }

    /// A short description.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Privilege006::JoinChannel => "join channel",
            Privilege006::PublishAudioStream => "publish audio stream",
            Privilege006::PublishVideoStream => "publish video stream",
            Privilege006::PublishDataStream => "publish data stream",
            Privilege006::PublishAudioCdn => "publish audio to CDN",
            Privilege006::PublishVideoCdn => "publish video to CDN",
            Privilege006::RequestPublishAudioStream => "request to publish audio stream",
            Privilege006::RequestPublishVideoStream => "request to publish video stream",
            Privilege006::RequestPublishDataStream => "request to publish data stream",
            Privilege006::InvitePublishAudioStream => "invite to publish audio stream",
            Privilege006::InvitePublishVideoStream => "invite to publish video stream",
            Privilege006::InvitePublishDataStream => "invite to publish data stream",
            Privilege006::AdministrateChannel => "administrate channel",
            Privilege006::RtmLogin => "RTM login",
        }
    }

    /// The privilege with this number.
    ///
    /// # Errors
    /// [`Error::UnknownPrivilege`] for other numbers.
    pub fn from_code(code: u16) -> Result<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code).ok_or(Error::UnknownPrivilege {
            service: "006",
            value: code,
            expected: "1 (join channel), 2-4 (publish audio, video, data), 5-6 (publish to CDN), 7-9 (request to publish), 10-12 (invite to publish), 101 (administrate) or 1000 (RTM login)",
        })
    }
}

/// The roles of the 006 RTC builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role006 {
    /// 0: join and publish (the majority grants publishing to attendees).
    Attendee,
    /// 1: join and publish.
    Publisher,
    /// 2: join only.
    Subscriber,
    /// 101: join and publish.
    Admin,
}

impl Role006 {
    /// The role with this number.
    ///
    /// # Errors
    /// [`Error::UnknownRole`] for numbers other than 0, 1, 2 and 101.
    pub fn from_code(code: i64) -> Result<Self> {
        match code {
            0 => Ok(Role006::Attendee),
            1 => Ok(Role006::Publisher),
            2 => Ok(Role006::Subscriber),
            101 => Ok(Role006::Admin),
            _ => Err(Error::UnknownRole {
                kind: "006 RTC",
                value: code.to_string(),
                expected: "0 (attendee), 1 (publisher), 2 (subscriber) or 101 (admin)",
            }),
        }
    }

    /// The number upstream uses.
    #[must_use]
    pub fn code(self) -> u32 {
        match self {
            Role006::Attendee => 0,
            Role006::Publisher => 1,
            Role006::Subscriber => 2,
            Role006::Admin => 101,
        }
    }

    /// Whether the role may publish. Go, Python, Node, C++, C# and PHP grant publishing
    /// to attendees, publishers and admins; Java and Ruby instead to publishers,
    /// subscribers and admins. We follow the majority.
    #[must_use]
    pub fn publishes(self) -> bool {
        !matches!(self, Role006::Subscriber)
    }
}

/// Builds a 006 AccessToken.
///
/// The builder owns what the token says (channel name, uid, privileges, expiry, salt); the
/// credentials are given when signing, so one builder can be signed again or with other
/// credentials. Its methods take and return `&mut Self`, as [`AccessToken2`](crate::AccessToken2)'s do.
///
/// ```
/// use agora_token::legacy::access_token::{AccessToken, Role006};
/// use agora_token::Credentials;
///
/// let credentials = Credentials::new("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b")?;
/// let token = AccessToken::rtc("7d72365eb983485397e3e3f9d460bdda", 2_882_341_273, Role006::Publisher, 1_446_455_471)
///     .expires_at(1_111_111)
///     .issued(None, 1)
///     .build(&credentials)?;
/// assert_eq!(token, "006970CA35de60c44645bbae8a215061b33IACMv3I+fsRSejxy6luEwzA/1t/zbEHWfJCJ5m8ssFP/fLdIfRBXoFHlIgABAAAAR/QQAAQAAQCvKDdWAgCvKDdWAwCvKDdWBACvKDdW");
/// # Ok::<(), agora_token::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a token builder does nothing until `build` is called"]
pub struct AccessToken {
    channel_name: String,
    uid: String,
    issued_at: Option<u32>,
    expires_at: Option<u32>,
    salt: Option<u32>,
    privileges: BTreeMap<u16, u32>,
    strict: bool,
}

impl AccessToken {
    /// An empty token for a channel and uid/account (numeric uid 0 = any user).
    pub fn new(channel_name: impl Into<String>, user: impl Into<User>) -> Self {
        AccessToken {
            channel_name: channel_name.into(),
            uid: user.into().to_wire_string(),
            issued_at: None,
            expires_at: None,
            salt: None,
            privileges: BTreeMap::new(),
            strict: false,
        }
    }

    /// The 006 RTC builder (`buildTokenWithUid` / `buildTokenWithAccount`): join, plus
    /// publishing for roles that publish, each until `privilege_expired_ts` (absolute).
    pub fn rtc(
        channel_name: impl Into<String>,
        user: impl Into<User>,
        role: Role006,
        privilege_expired_ts: u32,
    ) -> Self {
        let mut token = AccessToken::new(channel_name, user);
        token.privilege(Privilege006::JoinChannel, privilege_expired_ts);
        if role.publishes() {
            token
                .privilege(Privilege006::PublishAudioStream, privilege_expired_ts)
                .privilege(Privilege006::PublishVideoStream, privilege_expired_ts)
                .privilege(Privilege006::PublishDataStream, privilege_expired_ts);
        }
        token
    }

    /// The 006 RTM builder (`RtmTokenBuilder.buildToken`): the account goes in the channel
    /// name field, the uid is empty, RTM login until `privilege_expired_ts` (absolute).
    pub fn rtm(account: impl Into<String>, privilege_expired_ts: u32) -> Self {
        let mut token = AccessToken::new(account, User::Account(String::new()));
        token.privilege(Privilege006::RtmLogin, privilege_expired_ts);
        token
    }

    /// Grants a privilege until an absolute Unix time (0 = no expiry).
    pub fn privilege(&mut self, privilege: Privilege006, expired_ts: u32) -> &mut Self {
        self.privileges.insert(privilege.code(), expired_ts);
        self
    }

    /// Grants a privilege given by number **without checking** that 006 defines it, as
    /// every upstream `addPrivilege` does; for drop-in layers only (see
    /// [`crate::compat::privilege_006`]). Typed code uses [`AccessToken::privilege`].
    pub fn privilege_unchecked(&mut self, code: u16, expired_ts: u32) -> &mut Self {
        self.privileges.insert(code, expired_ts);
        self
    }

    /// Fixes the time the token is built at (Unix seconds) and the salt, for reproducible
    /// tokens; the same setter as [`AccessToken2::issued`](crate::AccessToken2::issued). 006
    /// tokens store no issue time: it only sets the default expiry, `issued_at +
    /// DEFAULT_VALIDITY`, and is ignored when [`AccessToken::expires_at`] is set. `None` leaves
    /// a value to `build`: the system clock, a random salt in `1..=99_999_999`.
    pub fn issued(&mut self, issued_at: impl Into<Option<u32>>, salt: impl Into<Option<u32>>) -> &mut Self {
        self.issued_at = issued_at.into();
        self.salt = salt.into();
        self
    }

    /// Sets the token's own expiry, an absolute Unix time (the message's `ts` field). `None`
    /// (the default) means the issue time + [`DEFAULT_VALIDITY`] at `build`.
    pub fn expires_at(&mut self, unix_seconds: impl Into<Option<u32>>) -> &mut Self {
        self.expires_at = unix_seconds.into();
        self
    }

    /// Strict mode: `build` refuses non-zero privilege expiries that look like a number of
    /// seconds instead of an absolute Unix timestamp. Defaults to off.
    pub fn strict(&mut self, strict: bool) -> &mut Self {
        self.strict = strict;
        self
    }

    /// The fixed build time, or `None` for the system clock (see [`AccessToken::issued`]).
    #[must_use]
    pub fn issued_at(&self) -> Option<u32> {
        self.issued_at
    }

    /// The fixed salt, or `None` for a random one at `build` (see [`AccessToken::issued`]).
    #[must_use]
    pub fn salt(&self) -> Option<u32> {
        self.salt
    }

    /// The fixed token expiry, or `None` for the default (see [`AccessToken::expires_at`]).
    #[must_use]
    pub fn expiry(&self) -> Option<u32> {
        self.expires_at
    }

    /// Signs the token with these credentials and encodes it; the builder is unchanged.
    ///
    /// # Errors
    /// [`Error::FieldTooLong`] when a field does not fit; [`Error::ExpiryLooksRelative`]
    /// in strict mode; [`Error::Clock`] / [`Error::Randomness`] for defaults that cannot be obtained.
    pub fn build(&self, credentials: &Credentials) -> Result<String> {
        if self.strict {
            for (&code, &value) in &self.privileges {
                if value != 0 && !clock::looks_like_unix_timestamp(value) {
                    let name = Privilege006::from_code(code).map_or("unknown", Privilege006::name);
                    return Err(Error::ExpiryLooksRelative { field: format!("006 {name} privilege expire"), value });
                }
            }
        }
        let expires_at = match (self.expires_at, self.issued_at) {
            (Some(ts), _) => ts,
            (None, Some(issued_at)) => issued_at.saturating_add(DEFAULT_VALIDITY),
            (None, None) => clock::now()?.saturating_add(DEFAULT_VALIDITY),
        };
        let salt = match self.salt {
            Some(salt) => salt,
            None => clock::random_salt()?,
        };

        let mut message = Writer::with_capacity(64);
        message.u32(salt);
        message.u32(expires_at);
        message.u32_map("006 privileges", &self.privileges)?;
        let message = message.into_inner();

        let app_id = credentials.app_id().as_str();
        let signature = sign(credentials.certificate(), app_id, &self.channel_name, &self.uid, &message)?;

        let mut content = Writer::with_capacity(message.len() + 48);
        content.bytes("signature", &signature)?;
        content.u32(crc32fast::hash(self.channel_name.as_bytes()));
        content.u32(crc32fast::hash(self.uid.as_bytes()));
        content.bytes("006 message", &message)?;
        let content = content.into_inner();

        let mut token = String::with_capacity(VERSION.len() + app_id.len() + content.len().div_ceil(3) * 4);
        token.push_str(VERSION);
        token.push_str(app_id);
        STANDARD.encode_string(&content, &mut token);
        Ok(token)
    }
}

fn sign(certificate: &AppCertificate, app_id: &str, channel_name: &str, uid: &str, message: &[u8]) -> Result<[u8; 32]> {
    let mut mac = new_mac(certificate)?;
    for part in [app_id.as_bytes(), channel_name.as_bytes(), uid.as_bytes(), message] {
        mac.update(part);
    }
    Ok(mac.finalize().into_bytes().into())
}

fn new_mac(certificate: &AppCertificate) -> Result<Hmac<Sha256>> {
    <Hmac<Sha256> as Mac>::new_from_slice(certificate.secret_bytes())
        .map_err(|_| Error::InvalidAppCertificate { problem: "it cannot key an HMAC".to_owned() })
}

/// A decoded 006 token whose signature has **not** been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnverifiedAccessToken {
    app_id: String,
    signature: Vec<u8>,
    crc_channel_name: u32,
    crc_uid: u32,
    salt: u32,
    expires_at: u32,
    privileges: BTreeMap<u16, u32>,
    message: Vec<u8>,
}

impl UnverifiedAccessToken {
    /// Decodes a 006 token without checking its signature.
    ///
    /// # Errors
    /// [`Error::WrongVersion`], [`Error::Base64`], [`Error::Truncated`] for malformed tokens.
    pub fn parse(token: &str) -> Result<Self> {
        let rest = token.strip_prefix(VERSION).ok_or_else(|| Error::WrongVersion {
            expected: VERSION,
            found: token.chars().take(VERSION.len()).collect(),
        })?;
        let (app_id, body) = match (rest.get(..CREDENTIAL_LEN), rest.get(CREDENTIAL_LEN..)) {
            (Some(app_id), Some(body)) => (app_id, body),
            _ => return Err(Error::Truncated { field: "app id" }),
        };
        let content = STANDARD.decode(body).map_err(|e| Error::Base64 { detail: e.to_string() })?;
        let mut r = Reader::new(&content);
        let signature = r.bytes("signature")?.to_vec();
        let crc_channel_name = r.u32("channel name CRC")?;
        let crc_uid = r.u32("uid CRC")?;
        let message = r.bytes("message")?.to_vec();
        let mut m = Reader::new(&message);
        let salt = m.u32("salt")?;
        let expires_at = m.u32("expiry")?;
        let privileges = m.u32_map("privileges")?;
        Ok(UnverifiedAccessToken {
            app_id: app_id.to_owned(),
            signature,
            crc_channel_name,
            crc_uid,
            salt,
            expires_at,
            privileges,
            message,
        })
    }

    /// The app id.
    #[must_use]
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The salt.
    #[must_use]
    pub fn salt(&self) -> u32 {
        self.salt
    }

    /// The token's expiry, absolute Unix seconds.
    #[must_use]
    pub fn expires_at(&self) -> u32 {
        self.expires_at
    }

    /// The privileges: number → absolute expiry (0 = none).
    #[must_use]
    pub fn privileges(&self) -> &BTreeMap<u16, u32> {
        &self.privileges
    }

    /// Whether the token was made for this channel name (by its CRC-32).
    #[must_use]
    pub fn matches_channel(&self, channel_name: &str) -> bool {
        crc32fast::hash(channel_name.as_bytes()) == self.crc_channel_name
    }

    /// Whether the token was made for this uid string (by its CRC-32); `""` is any user.
    #[must_use]
    pub fn matches_uid(&self, uid: &str) -> bool {
        crc32fast::hash(uid.as_bytes()) == self.crc_uid
    }

    /// Checks the signature for a channel name and uid string (which the token does not
    /// contain), in constant time.
    ///
    /// # Errors
    /// [`Error::SignatureMismatch`] if the certificate, channel or uid differ from the ones signed.
    pub fn check_signature(&self, certificate: &AppCertificate, channel_name: &str, uid: &User) -> Result<()> {
        let mut mac = new_mac(certificate)?;
        for part in [self.app_id.as_bytes(), channel_name.as_bytes(), uid.to_wire_string().as_bytes(), &self.message] {
            mac.update(part);
        }
        mac.verify_slice(&self.signature).map_err(|_| Error::SignatureMismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 006 privileges upstream defines (Python and C++ `AccessToken`: 1-12, 101, 1000) as
    /// (name, number); each name is its variant in snake_case.
    #[test]
    fn privilege_006_table_is_the_spec_list_named_after_the_variants() {
        assert_eq!(
            Privilege006::NAMES,
            &[
                ("join_channel", 1),
                ("publish_audio_stream", 2),
                ("publish_video_stream", 3),
                ("publish_data_stream", 4),
                ("publish_audio_cdn", 5),
                ("publish_video_cdn", 6),
                ("request_publish_audio_stream", 7),
                ("request_publish_video_stream", 8),
                ("request_publish_data_stream", 9),
                ("invite_publish_audio_stream", 10),
                ("invite_publish_video_stream", 11),
                ("invite_publish_data_stream", 12),
                ("administrate_channel", 101),
                ("rtm_login", 1000),
            ]
        );
        for privilege in Privilege006::ALL {
            let variant = format!("{privilege:?}");
            assert_eq!(privilege.identifier().replace('_', ""), variant.to_ascii_lowercase(), "{variant}");
            assert_eq!(Privilege006::from_code(privilege.code()), Ok(privilege));
        }
    }

    fn creds() -> Credentials {
        Credentials::new("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b").unwrap()
    }

    #[test]
    fn subscriber_is_the_only_role_without_publishing() {
        let creds = creds();
        for (role, expected) in
            [(Role006::Attendee, 4), (Role006::Publisher, 4), (Role006::Subscriber, 1), (Role006::Admin, 4)]
        {
            let token = AccessToken::rtc("c", 1, role, 0).build(&creds).unwrap();
            assert_eq!(UnverifiedAccessToken::parse(&token).unwrap().privileges().len(), expected, "{role:?}");
        }
        assert!(Role006::from_code(3).is_err());
    }

    #[test]
    fn round_trip_checks_channel_uid_and_signature() {
        let creds = creds();
        let token = AccessToken::rtc("room", 42, Role006::Publisher, 2_000_000_000).build(&creds).unwrap();
        let parsed = UnverifiedAccessToken::parse(&token).unwrap();
        assert!(parsed.matches_channel("room") && !parsed.matches_channel("other"));
        assert!(parsed.matches_uid("42"));
        assert!(parsed.check_signature(creds.certificate(), "room", &User::Uid(42)).is_ok());
        assert_eq!(parsed.check_signature(creds.certificate(), "room", &User::Uid(43)), Err(Error::SignatureMismatch));
        let now = clock::now().unwrap();
        assert!(parsed.expires_at() >= now + DEFAULT_VALIDITY - 5);
    }

    #[test]
    fn the_default_expiry_counts_from_the_issue_time() {
        let creds = creds();
        let mut token = AccessToken::rtm("a", 0);
        token.issued(1_000, None);
        assert_eq!(
            UnverifiedAccessToken::parse(&token.build(&creds).unwrap()).unwrap().expires_at(),
            1_000 + DEFAULT_VALIDITY
        );
        token.expires_at(5);
        assert_eq!(UnverifiedAccessToken::parse(&token.build(&creds).unwrap()).unwrap().expires_at(), 5);
        assert_eq!((token.issued_at(), token.expiry(), token.salt()), (Some(1_000), Some(5), None));
    }

    #[test]
    fn issued_with_none_leaves_the_clock_and_a_random_salt() {
        let creds = creds();
        let mut token = AccessToken::rtc("room", 42, Role006::Publisher, 0);
        token.issued(1_000, 7);
        let fixed = token.build(&creds).unwrap();
        assert_eq!(token.build(&creds).unwrap(), fixed, "fixed time and salt give the same token");
        let parsed = UnverifiedAccessToken::parse(&fixed).unwrap();
        assert_eq!((parsed.salt(), parsed.expires_at()), (7, 1_000 + DEFAULT_VALIDITY));

        let before = clock::now().unwrap();
        token.issued(None, None);
        let salts: Vec<u32> = (0..2)
            .map(|_| {
                let parsed = UnverifiedAccessToken::parse(&token.build(&creds).unwrap()).unwrap();
                assert!(
                    parsed.expires_at() >= before + DEFAULT_VALIDITY
                        && parsed.expires_at() <= before + DEFAULT_VALIDITY + 5
                );
                assert!((1..=clock::MAX_RANDOM_SALT).contains(&parsed.salt()));
                parsed.salt()
            })
            .collect();
        assert_ne!(salts[0], salts[1], "a fresh salt per build");
    }

    #[test]
    fn one_builder_signs_for_two_credentials() {
        let first = creds();
        let second = Credentials::new("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210").unwrap();
        let mut token = AccessToken::rtc("room", 42, Role006::Publisher, 0);
        token.issued(1_000, 7);
        for (signer, other) in [(&first, &second), (&second, &first)] {
            let parsed = UnverifiedAccessToken::parse(&token.build(signer).unwrap()).unwrap();
            assert_eq!(parsed.app_id(), signer.app_id().as_str());
            assert!(parsed.check_signature(signer.certificate(), "room", &User::Uid(42)).is_ok());
            let wrong = parsed.check_signature(other.certificate(), "room", &User::Uid(42));
            assert_eq!(wrong, Err(Error::SignatureMismatch));
        }
        // Reused after building: a privilege added later is signed too.
        token.privilege(Privilege006::RtmLogin, 0);
        assert_eq!(UnverifiedAccessToken::parse(&token.build(&first).unwrap()).unwrap().privileges().len(), 5);
    }

    #[test]
    fn strict_mode_refuses_relative_seconds() {
        let creds = creds();
        let err = AccessToken::rtc("c", 1, Role006::Publisher, 3600).strict(true).build(&creds).unwrap_err();
        assert_eq!(err.code(), "expiry_looks_relative");
        assert!(AccessToken::rtc("c", 1, Role006::Publisher, 0).strict(true).build(&creds).is_ok());
    }
}
