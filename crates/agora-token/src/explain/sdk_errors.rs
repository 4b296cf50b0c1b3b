//! The token errors and callbacks of Agora's SDKs, and which of `explain`'s checks can cause
//! each. The table below is the only place the mapping is written; `docs/sdk-errors.md`
//! lists it with its sources and a test keeps the two in step.

use std::fmt;

use super::{Explanation, Reason, Timestamp};
use crate::error::{Error, Result};

/// The window before expiry in which the SDKs call `onTokenPrivilegeWillExpire`.
const WILL_EXPIRE_WINDOW: u64 = 30;

const TOKEN_FAULTS: &[&str] = &[
    "wrong_certificate",
    "invalid_app_id",
    "app_id_mismatch",
    "no_rtc_service",
    "channel_mismatch",
    "user_mismatch",
    "uid_account_mix",
    "random_uid_against_fixed_token",
    "join_privilege_missing",
];
const EXPIRY: &[&str] = &["token_expired", "join_privilege_expired", "privilege_expired"];
const APP_ID: &[&str] = &["invalid_app_id", "app_id_mismatch"];
const RTM_LOGIN_FAULTS: &[&str] = &[
    "wrong_certificate",
    "invalid_app_id",
    "app_id_mismatch",
    "service_missing",
    "user_mismatch",
    "privilege_missing",
];

const TOKEN_RELATED: &str = "https://docs.agora.io/en/api-reference/faq/integration/token_related_issues";
const TOKEN_ERROR_CN: &str = "https://docs.agora.io/cn/faq/token_error";
const RENEW_TOKEN: &str = "https://api-ref.agora.io/video-sdk/flutter/6.x/API/enum_renewtokenerrorcode.html";
const RTM_LOGIN: &str =
    "https://api-ref.agora.io/en/signaling-sdk/linux-java/1.x/interfaceio_1_1agora_1_1rtm_1_1_rtm_status_code_1_1_login_error.html";
const RTM_RENEW: &str = "https://api-ref.agora.io/en/signaling-sdk/linux-java/1.x/interfaceio_1_1agora_1_1rtm_1_1_rtm_status_code_1_1_renew_token_error.html";

/// An error or callback an Agora SDK reports about a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SdkError {
    /// RTC `ERR_INVALID_APP_ID` (101).
    RtcInvalidAppId,
    /// RTC `ERR_TOKEN_EXPIRED` (109).
    RtcTokenExpired,
    /// RTC `ERR_INVALID_TOKEN` (110).
    RtcInvalidToken,
    /// RTC Web `ERR_STATIC_USE_DYNAMIC_KEY` (119).
    RtcStaticUseDynamicKey,
    /// RTC Web `ERR_DYNAMIC_USE_STATIC_KEY` (120).
    RtcDynamicUseStaticKey,
    /// The `onTokenPrivilegeWillExpire` callback (`token-privilege-will-expire` on the Web).
    TokenPrivilegeWillExpire,
    /// The `onRequestToken` callback (`token-privilege-did-expire` on the Web).
    RequestToken,
    /// RTC `renewToken` failed: `RenewTokenTokenExpired` (2).
    RenewTokenExpired,
    /// RTC `renewToken` failed: `RenewTokenInvalidToken` (3).
    RenewTokenInvalidToken,
    /// RTC `renewToken` failed: `RenewTokenInvalidChannelName` (4).
    RenewTokenInvalidChannelName,
    /// RTC `renewToken` failed: `RenewTokenInconsistentAppid` (5).
    RenewTokenInconsistentAppId,
    /// RTM login failed: `LOGIN_ERR_INVALID_APP_ID` (4).
    RtmLoginInvalidAppId,
    /// RTM login failed: `LOGIN_ERR_INVALID_TOKEN` (5).
    RtmLoginInvalidToken,
    /// RTM login failed: `LOGIN_ERR_TOKEN_EXPIRED` (6).
    RtmLoginTokenExpired,
    /// RTM `renewToken` failed: `RENEW_TOKEN_ERR_TOKEN_EXPIRED` (5).
    RtmRenewTokenExpired,
    /// RTM `renewToken` failed: `RENEW_TOKEN_ERR_INVALID_TOKEN` (6).
    RtmRenewTokenInvalid,
}

/// One row of the mapping.
struct Entry {
    code: &'static str,
    sdk_name: &'static str,
    meaning: &'static str,
    explained_by: &'static [&'static str],
    other_causes: &'static str,
    source: &'static str,
}

impl SdkError {
    /// Every SDK error this crate knows, in table order.
    pub const ALL: &'static [SdkError] = &[
        SdkError::RtcInvalidAppId,
        SdkError::RtcTokenExpired,
        SdkError::RtcInvalidToken,
        SdkError::RtcStaticUseDynamicKey,
        SdkError::RtcDynamicUseStaticKey,
        SdkError::TokenPrivilegeWillExpire,
        SdkError::RequestToken,
        SdkError::RenewTokenExpired,
        SdkError::RenewTokenInvalidToken,
        SdkError::RenewTokenInvalidChannelName,
        SdkError::RenewTokenInconsistentAppId,
        SdkError::RtmLoginInvalidAppId,
        SdkError::RtmLoginInvalidToken,
        SdkError::RtmLoginTokenExpired,
        SdkError::RtmRenewTokenExpired,
        SdkError::RtmRenewTokenInvalid,
    ];

    #[rustfmt::skip]
    fn entry(self) -> Entry {
        match self {
    SdkError::RtcInvalidAppId => Entry { code: "rtc-101", sdk_name: "ERR_INVALID_APP_ID (101)",
        meaning: "the SDK refuses the App ID it was initialised with",
        explained_by: APP_ID,
        other_causes: "the App ID passed to the SDK (not the one in the token) is malformed or not a string; check the initialisation call",
        source: TOKEN_RELATED },
    SdkError::RtcTokenExpired => Entry { code: "rtc-109", sdk_name: "ERR_TOKEN_EXPIRED (109)",
        meaning: "the token (or its join privilege) has expired",
        explained_by: EXPIRY,
        other_causes: "the client joined with an older token than this one; fetch a fresh token before joining, and renew it on onTokenPrivilegeWillExpire",
        source: TOKEN_RELATED },
    SdkError::RtcInvalidToken => Entry { code: "rtc-110", sdk_name: "ERR_INVALID_TOKEN (110)",
        meaning: "the token does not admit this join",
        explained_by: TOKEN_FAULTS,
        other_causes: "the project has a certificate enabled but the client passed no token or another token, or the channel/uid the client joins with differ from the ones given here",
        source: TOKEN_RELATED },
    SdkError::RtcStaticUseDynamicKey => Entry { code: "rtc-119", sdk_name: "ERR_STATIC_USE_DYNAMIC_KEY (119, Web)",
        meaning: "the client joined with a token, but the project has no certificate enabled",
        explained_by: &[],
        other_causes: "a project setting, not the token: join without a token, or enable the primary certificate in the console",
        source: TOKEN_ERROR_CN },
    SdkError::RtcDynamicUseStaticKey => Entry { code: "rtc-120", sdk_name: "ERR_DYNAMIC_USE_STATIC_KEY (120, Web)",
        meaning: "the project requires a token but the client joined without one",
        explained_by: &[],
        other_causes: "not the token: the client passed no token; pass this token to join",
        source: TOKEN_ERROR_CN },
    SdkError::TokenPrivilegeWillExpire => Entry { code: "token-privilege-will-expire", sdk_name: "onTokenPrivilegeWillExpire",
        meaning: "the token or one of its privileges ends within 30 seconds",
        explained_by: &["expires_soon", "token_expired", "join_privilege_expired", "publish_privilege_expired", "privilege_expired"],
        other_causes: "the client holds another token than this one; fetch a new token and call renewToken",
        source: TOKEN_RELATED },
    SdkError::RequestToken => Entry { code: "request-token", sdk_name: "onRequestToken",
        meaning: "the token has expired and the SDK asks for a new one",
        explained_by: EXPIRY,
        other_causes: "the client holds another token than this one; fetch a new token and call renewToken",
        source: TOKEN_RELATED },
    SdkError::RenewTokenExpired => Entry { code: "renew-token-2", sdk_name: "RenewTokenTokenExpired (2)",
        meaning: "renewToken was given an expired token",
        explained_by: EXPIRY,
        other_causes: "the token was built with too short a lifetime for the time it took to reach the client",
        source: RENEW_TOKEN },
    SdkError::RenewTokenInvalidToken => Entry { code: "renew-token-3", sdk_name: "RenewTokenInvalidToken (3)",
        meaning: "renewToken was given a token that does not admit the current channel and user",
        explained_by: TOKEN_FAULTS,
        other_causes: "the uid or channel of the current session differ from the ones given here",
        source: RENEW_TOKEN },
    SdkError::RenewTokenInvalidChannelName => Entry { code: "renew-token-4", sdk_name: "RenewTokenInvalidChannelName (4)",
        meaning: "renewToken was given a token for another channel",
        explained_by: &["channel_mismatch"],
        other_causes: "the channel given here is not the one the client is in",
        source: RENEW_TOKEN },
    SdkError::RenewTokenInconsistentAppId => Entry { code: "renew-token-5", sdk_name: "RenewTokenInconsistentAppid (5)",
        meaning: "renewToken was given a token for another App ID",
        explained_by: APP_ID,
        other_causes: "pass the client's App ID as the expected App ID to check it",
        source: RENEW_TOKEN },
    SdkError::RtmLoginInvalidAppId => Entry { code: "rtm-login-4", sdk_name: "LOGIN_ERR_INVALID_APP_ID (4)",
        meaning: "RTM refuses the App ID",
        explained_by: APP_ID,
        other_causes: "the App ID passed to the RTM client is malformed",
        source: RTM_LOGIN },
    SdkError::RtmLoginInvalidToken => Entry { code: "rtm-login-5", sdk_name: "LOGIN_ERR_INVALID_TOKEN (5)",
        meaning: "the token does not admit this RTM login",
        explained_by: RTM_LOGIN_FAULTS,
        other_causes: "the client logs in with another user id than the one given here, or with an RTC-only token",
        source: RTM_LOGIN },
    SdkError::RtmLoginTokenExpired => Entry { code: "rtm-login-6", sdk_name: "LOGIN_ERR_TOKEN_EXPIRED (6)",
        meaning: "the RTM token (or its login privilege) has expired",
        explained_by: &["token_expired", "privilege_expired"],
        other_causes: "the client logs in with an older token than this one",
        source: RTM_LOGIN },
    SdkError::RtmRenewTokenExpired => Entry { code: "rtm-renew-token-5", sdk_name: "RENEW_TOKEN_ERR_TOKEN_EXPIRED (5)",
        meaning: "RTM renewToken was given an expired token",
        explained_by: &["token_expired", "privilege_expired"],
        other_causes: "the token was built with too short a lifetime",
        source: RTM_RENEW },
    SdkError::RtmRenewTokenInvalid => Entry { code: "rtm-renew-token-6", sdk_name: "RENEW_TOKEN_ERR_INVALID_TOKEN (6)",
        meaning: "RTM renewToken was given a token that does not admit the logged-in user",
        explained_by: RTM_LOGIN_FAULTS,
        other_causes: "the user id given here is not the one logged in",
        source: RTM_RENEW },
        }
    }

    /// Reads an SDK error: its stable code (`rtc-110`, `token-privilege-will-expire`,
    /// `renew-token-3`, `rtm-login-5`, ...), or a bare RTC error number (`110`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the accepted codes.
    pub fn parse(text: &str) -> Result<SdkError> {
        let text = text.trim().to_ascii_lowercase();
        let wanted = if text.bytes().all(|b| b.is_ascii_digit()) { format!("rtc-{text}") } else { text };
        let wanted = match wanted.as_str() {
            "token-privilege-did-expire" | "on-request-token" => "request-token".to_owned(),
            "on-token-privilege-will-expire" => "token-privilege-will-expire".to_owned(),
            _ => wanted,
        };
        Self::ALL.iter().copied().find(|error| error.code() == wanted).ok_or_else(|| Error::InvalidArgument {
            field: "sdk_error".to_owned(),
            reason: format!(
                "unknown SDK error {wanted:?}; expected one of {}",
                Self::ALL.iter().map(|error| error.code()).collect::<Vec<_>>().join(", ")
            ),
        })
    }

    /// The stable code, e.g. `"rtc-110"`.
    #[must_use]
    pub fn code(self) -> &'static str {
        self.entry().code
    }

    /// The SDK's own name and number, e.g. `"ERR_INVALID_TOKEN (110)"`.
    #[must_use]
    pub fn sdk_name(self) -> &'static str {
        self.entry().sdk_name
    }

    /// What the SDK means by it.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        self.entry().meaning
    }

    /// The reason codes of [`Reason`] that can cause it.
    #[must_use]
    pub fn explained_by(self) -> &'static [&'static str] {
        self.entry().explained_by
    }

    /// What causes it when the token is not at fault.
    #[must_use]
    pub fn other_causes(self) -> &'static str {
        self.entry().other_causes
    }

    /// Where the SDK documents it.
    #[must_use]
    pub fn source(self) -> &'static str {
        self.entry().source
    }

    /// Which of the explanation's reasons explain this error (most fundamental first).
    pub(super) fn diagnose(self, explanation: &Explanation) -> SdkErrorDiagnosis {
        let mut found: Vec<Reason> = Vec::new();
        let mut consider = |reason: &Reason| {
            if self.explained_by().contains(&reason.code()) && !found.contains(reason) {
                found.push(reason.clone());
            }
        };
        for verdict in &explanation.verdicts {
            verdict.reasons.iter().for_each(&mut consider);
        }
        if let Some(access) = &explanation.access {
            access.reasons.iter().for_each(&mut consider);
        }
        if self == SdkError::TokenPrivilegeWillExpire && found.is_empty() {
            if let Some(soon) = expiring_soon(explanation) {
                found.push(soon);
            }
        }
        SdkErrorDiagnosis { error: self, explained_by: found }
    }
}

/// The first of the token's ends (its lifetime, or a privilege) within the SDK's warning
/// window of the explanation's time.
fn expiring_soon(explanation: &Explanation) -> Option<Reason> {
    let now = explanation.now.0;
    let within = |at: Timestamp| at.0 > now && at.0 - now <= WILL_EXPIRE_WINDOW;
    if within(explanation.expires_at) {
        return Some(Reason::ExpiresSoon { what: "token".to_owned(), at: explanation.expires_at });
    }
    explanation.services.iter().find_map(|service| {
        service.privileges.iter().find_map(|privilege| {
            privilege
                .expires_at
                .filter(|&at| within(at))
                .map(|at| Reason::ExpiresSoon { what: format!("{} {} privilege", service.name, privilege.name), at })
        })
    })
}

impl fmt::Display for SdkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SdkError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// What an SDK error means for the explained token. Its JSON form spells the error out:
/// `{"code","sdk_name","meaning","explained_by":[reasons],"other_causes","source"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdkErrorDiagnosis {
    /// The error.
    pub error: SdkError,
    /// The reasons found in the token that explain it; empty when the token is not at fault
    /// (see [`SdkError::other_causes`]).
    pub explained_by: Vec<Reason>,
}

#[cfg(feature = "serde")]
impl serde::Serialize for SdkErrorDiagnosis {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("SdkErrorDiagnosis", 6)?;
        s.serialize_field("code", self.error.code())?;
        s.serialize_field("sdk_name", self.error.sdk_name())?;
        s.serialize_field("meaning", self.error.meaning())?;
        s.serialize_field("explained_by", &self.explained_by)?;
        s.serialize_field("other_causes", self.error.other_causes())?;
        s.serialize_field("source", self.error.source())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_one_row_and_a_round_trip_code() {
        for &error in SdkError::ALL {
            assert_eq!(SdkError::ALL.iter().filter(|other| other.code() == error.code()).count(), 1, "{error:?}");
            assert_eq!(SdkError::parse(error.code()).unwrap(), error);
            for code in error.explained_by() {
                assert!(Reason::CODES.contains(code), "{error:?} names unknown reason {code}");
            }
        }
        assert_eq!(SdkError::parse("110").unwrap(), SdkError::RtcInvalidToken);
        assert_eq!(SdkError::parse(" RTC-109 ").unwrap(), SdkError::RtcTokenExpired);
        assert_eq!(SdkError::parse("token-privilege-did-expire").unwrap(), SdkError::RequestToken);
        let unknown = SdkError::parse("rtc-17").unwrap_err().to_string();
        assert!(unknown.contains("rtc-110") && unknown.contains("rtm-login-5"), "{unknown}");
    }

    #[test]
    fn the_documented_table_lists_every_error_with_its_reasons() {
        let doc = include_str!("../../../../docs/sdk-errors.md");
        for &error in SdkError::ALL {
            let row = doc
                .lines()
                .find(|line| line.starts_with(&format!("| `{}` ", error.code())))
                .unwrap_or_else(|| panic!("docs/sdk-errors.md has no row for {}", error.code()));
            for code in error.explained_by() {
                assert!(row.contains(&format!("`{code}`")), "the row of {} misses {code}", error.code());
            }
            assert!(row.contains(error.source()), "the row of {} misses its source", error.code());
        }
    }
}
