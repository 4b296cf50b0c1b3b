//! What a route asks for ([`Grant`]s), and turning grants into signed tokens with the core.
//!
//! Every route describes its request as grants, the policy checks exactly those grants,
//! and the token is built from exactly those grants: what was authorized is what is signed.

use agora_token::{AccessToken2, Credentials, RtcRole, User};

use crate::config::ExpiryConfig;
use crate::error::ApiError;

/// One privilege set a token carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    /// RTC for a channel and a uid or account (upstream `buildTokenWithUid` / `...UserAccount`).
    Rtc { channel: String, user: User, role: RtcRole },
    /// RTM login; with a stream channel, also join + publish-data there, as
    /// go-tokenbuilder 1.3.0's `rtmtokenbuilder.BuildToken(.., streamName)` does.
    Rtm { user_id: String, stream_channel: Option<String> },
    /// Chat user privileges.
    ChatUser { user_id: String },
    /// Chat app privileges (REST administration).
    ChatApp,
    /// FPA login.
    Fpa,
    /// APaaS / Education user privileges.
    ApaasUser { user_id: String },
    /// APaaS / Education app privileges.
    ApaasApp,
}

impl Grant {
    /// A short label for metrics and logs.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Grant::Rtc { .. } => "rtc",
            Grant::Rtm { .. } => "rtm",
            Grant::ChatUser { .. } => "chat_user",
            Grant::ChatApp => "chat_app",
            Grant::Fpa => "fpa",
            Grant::ApaasUser { .. } => "apaas_user",
            Grant::ApaasApp => "apaas_app",
        }
    }

    /// The label of the role, for RTC grants.
    #[must_use]
    pub fn role_label(&self) -> &'static str {
        match self {
            Grant::Rtc { role: RtcRole::Publisher, .. } => "publisher",
            Grant::Rtc { role: RtcRole::Subscriber, .. } => "subscriber",
            _ => "none",
        }
    }
}

/// A signed token and when it stops working.
#[derive(Debug, Clone)]
pub struct Issued {
    /// The `007...` string.
    pub token: String,
    /// Issue time (Unix seconds).
    pub issued_at: u32,
    /// Lifetime in seconds.
    pub expire: u32,
}

impl Issued {
    /// Unix time at which the token expires.
    #[must_use]
    pub fn expires_at(&self) -> u64 {
        u64::from(self.issued_at) + u64::from(self.expire)
    }
}

/// Signs tokens with the configured credentials and applies the expiry limits.
#[derive(Debug)]
pub struct Issuer {
    credentials: Credentials,
    expiry: ExpiryConfig,
}

impl Issuer {
    /// An issuer for these credentials and limits.
    #[must_use]
    pub fn new(credentials: Credentials, expiry: ExpiryConfig) -> Self {
        Issuer { credentials, expiry }
    }

    /// The lifetime to use for a requested one: absent or 0 means the default (what
    /// agora-token-service's clients expect), anything longer than the maximum is shortened to it.
    #[must_use]
    pub fn lifetime(&self, requested: Option<u64>) -> u32 {
        match requested {
            None | Some(0) => self.expiry.default,
            Some(seconds) => u32::try_from(seconds).unwrap_or(u32::MAX).min(self.expiry.max),
        }
    }

    /// Builds one token carrying every grant. RTC privileges last `privilege_expire`
    /// seconds, everything else (and the token) `token_expire` seconds.
    ///
    /// # Errors
    /// The core's error when a field does not fit the token format (e.g. a channel name
    /// over 65535 bytes) or the clock or randomness fails.
    pub fn issue(&self, grants: &[Grant], token_expire: u32, privilege_expire: u32) -> Result<Issued, ApiError> {
        let issued_at = agora_token::clock::now()?;
        let mut builder = AccessToken2::new(token_expire);
        builder.issued(issued_at, None);
        for grant in grants {
            match grant {
                Grant::Rtc { channel, user, role } => {
                    builder.rtc(channel.as_str(), user.clone(), *role, privilege_expire)
                }
                Grant::Rtm { user_id, stream_channel } => match stream_channel {
                    Some(channel) => builder.rtm_with_stream_channel(user_id.as_str(), channel.as_str(), token_expire),
                    None => builder.rtm(user_id.as_str(), token_expire),
                },
                Grant::ChatUser { user_id } => builder.chat_user(user_id.as_str(), token_expire),
                Grant::ChatApp => builder.chat_app(token_expire),
                Grant::Fpa => builder.fpa(),
                Grant::ApaasUser { user_id } => builder.apaas_user(user_id.as_str(), token_expire),
                Grant::ApaasApp => builder.apaas_app(token_expire),
            };
        }
        let token = builder.build(&self.credentials)?;
        Ok(Issued { token, issued_at, expire: token_expire })
    }
}

/// Reads a lifetime given as text (a query parameter): digits only.
///
/// # Errors
/// 400 naming `param` when the text is not a whole number of seconds.
pub fn parse_seconds(param: &str, text: Option<&str>) -> Result<Option<u64>, ApiError> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) if t.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(t.parse::<u64>().unwrap_or(u64::MAX))),
        Some(t) => Err(ApiError::bad_request(
            "invalid_expiry",
            format!("{param} must be a whole number of seconds from now (e.g. 3600), not {t:?}"),
        )),
    }
}

/// Reads a numeric RTC uid given as text: `0..=4294967295`, or a negative 32-bit value as
/// Android apps send uids above 2^31 (mapped to the same unsigned value by the core).
///
/// # Errors
/// 400 when the text is not a number in those ranges.
pub fn parse_uid(text: &str) -> Result<User, ApiError> {
    let trimmed = text.trim();
    match trimmed.parse::<i64>() {
        Ok(n) => Ok(User::from_signed_uid(n)?),
        Err(_) => Err(ApiError::bad_request(
            "invalid_uid",
            format!(
                "uid {trimmed:?} is not a number; use a uid from 0 to 4294967295, or tokenType userAccount for a string account"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use agora_token::{decode, RtcPrivilege, Service};

    use super::*;

    fn issuer() -> Issuer {
        let creds = Credentials::new("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b").unwrap();
        Issuer::new(creds, ExpiryConfig { default: 3600, max: 86_400 })
    }

    #[test]
    fn lifetimes_default_and_cap() {
        let i = issuer();
        assert_eq!(i.lifetime(None), 3600);
        assert_eq!(i.lifetime(Some(0)), 3600);
        assert_eq!(i.lifetime(Some(40)), 40);
        assert_eq!(i.lifetime(Some(10_000_000_000)), 86_400);
    }

    #[test]
    fn rtm_with_stream_channel_matches_go_tokenbuilder() {
        let i = issuer();
        let grants = [Grant::Rtm { user_id: "bob".into(), stream_channel: Some("room".into()) }];
        let issued = i.issue(&grants, 600, 600).unwrap();
        let cert = agora_token::AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").unwrap();
        let payload = decode(&issued.token, &cert).unwrap().into_payload();
        let [Service::Rtc(rtc), Service::Rtm(rtm)] = payload.services() else { panic!("{payload:?}") };
        assert_eq!((rtc.channel_name.as_str(), rtc.uid.as_str()), ("room", "bob"));
        assert_eq!(rtc.privileges.get(RtcPrivilege::JoinChannel), Some(600));
        assert_eq!(rtc.privileges.get(RtcPrivilege::PublishDataStream), Some(600));
        assert_eq!(rtc.privileges.get(RtcPrivilege::PublishAudioStream), None);
        assert_eq!(rtm.user_id, "bob");
    }

    #[test]
    fn uids_accept_android_negatives_and_refuse_overflow() {
        assert_eq!(parse_uid("-1").unwrap(), User::Uid(4_294_967_295));
        assert_eq!(parse_uid("42").unwrap(), User::Uid(42));
        assert_eq!(parse_uid("4294967296").unwrap_err().status.as_u16(), 400);
        assert_eq!(parse_uid("alice").unwrap_err().kind, "invalid_uid");
    }

    #[test]
    fn seconds_must_be_digits() {
        assert_eq!(parse_seconds("expiry", Some("60")).unwrap(), Some(60));
        assert_eq!(parse_seconds("expiry", None).unwrap(), None);
        assert!(parse_seconds("expiry", Some("-5")).is_err());
        assert!(parse_seconds("expiry", Some("1h")).is_err());
    }
}
