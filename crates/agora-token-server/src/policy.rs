//! The policy hook: which channels, uids and roles a caller may receive.
//!
//! Routes describe a request as [`Grant`]s; [`Policy::check`] sees every grant before
//! anything is signed. [`ConfigPolicy`] is the built-in policy driven by `POLICY_*`
//! variables and the caller's JWT claims; another policy (e.g. one calling your own
//! authorization service) implements the same trait and is passed to `app::build`.

use agora_token::{wildcard, RtcRole};
use axum::http::StatusCode;

use crate::auth::{AuthMethod, Caller};
use crate::config::PolicyConfig;
use crate::error::ApiError;
use crate::issue::Grant;

/// Decides whether a caller may receive a set of grants.
pub trait Policy: Send + Sync + std::fmt::Debug {
    /// `Ok` to sign, or the reason for refusing (rendered as 403).
    ///
    /// # Errors
    /// A message saying which grant is not allowed and why.
    fn check(&self, caller: &Caller, grants: &[Grant]) -> Result<(), String>;
}

/// The built-in policy.
///
/// - channel names must match one of `POLICY_CHANNELS` (if set) and one of the caller's
///   `channels` claim (if present); `*` in a pattern matches any text and `{user}` the
///   caller's bound user;
/// - a wildcard channel or user (see [`agora_token::wildcard`]: channel `""`, `*` or containing
///   `*`; user uid 0, `"0"`, `"*"` or containing `*`), in any grant, needs
///   `POLICY_ALLOW_WILDCARDS` (default true), and a caller authenticated by a JWT never gets
///   one; a requested pattern must also lie inside an allowed pattern (`team-a*` inside
///   `team-*`);
/// - publisher tokens need `POLICY_ALLOW_PUBLISHER` (default true) and a `role` claim, if
///   present, of publisher;
/// - a caller whose JWT has a `uid` claim gets tokens for that user only, and no app-level
///   (administration) tokens, while `POLICY_BIND_UID` is on (default).
#[derive(Debug, Clone)]
pub struct ConfigPolicy {
    config: PolicyConfig,
}

/// Whether the caller speaks for an end user of the app (a JWT, with or without `uid` and
/// `channels` claims), who never needs a token for every channel or every user.
fn is_end_user(caller: &Caller) -> bool {
    match caller.method {
        AuthMethod::Jwt => true,
        AuthMethod::Open | AuthMethod::ApiKey | AuthMethod::Hmac => caller.user.is_some() || caller.channels.is_some(),
    }
}

impl ConfigPolicy {
    /// A policy with these settings.
    #[must_use]
    pub fn new(config: PolicyConfig) -> Self {
        ConfigPolicy { config }
    }

    /// Refuses a wildcard (`what` describes it) unless wildcards are allowed for this caller.
    fn wildcard(&self, caller: &Caller, what: &str) -> Result<(), String> {
        if is_end_user(caller) {
            return Err(format!("{what} is a wildcard; a caller authenticated by a JWT never gets one"));
        }
        if !self.config.allow_wildcards {
            return Err(format!(
                "{what} is a wildcard, which POLICY_ALLOW_WILDCARDS does not allow; ask for one channel and one user"
            ));
        }
        Ok(())
    }

    fn channel(&self, caller: &Caller, channel: &str) -> Result<(), String> {
        if wildcard::is_wildcard_channel(channel) {
            let what = if channel.is_empty() {
                "the empty channel name (every channel)".to_owned()
            } else {
                format!("channel {channel:?}")
            };
            self.wildcard(caller, &what)?;
        }
        // A requested pattern is checked as text: an allowed pattern that matches it admits
        // every channel it admits. The empty name admits every channel, like "*".
        let as_pattern = if channel.is_empty() { "*" } else { channel };
        let user = caller.user.as_deref();
        if !self.config.channels.is_empty()
            && !self.config.channels.iter().any(|p| pattern_matches(p, as_pattern, user))
        {
            return Err(format!("channel {channel:?} is not allowed by this server's POLICY_CHANNELS"));
        }
        if let Some(patterns) = &caller.channels {
            if !patterns.iter().any(|p| pattern_matches(p, as_pattern, user)) {
                return Err(format!("channel {channel:?} is not in the caller's channels claim"));
            }
        }
        Ok(())
    }

    /// `user` is the packed uid string (`""` for uid 0) or an RTM/Chat/APaaS user id.
    fn user(&self, caller: &Caller, user: &str) -> Result<(), String> {
        if wildcard::is_wildcard_user(user) {
            let what = match user {
                "" => "uid 0 (any user)".to_owned(),
                "0" => "account \"0\" (read as uid 0, any user)".to_owned(),
                _ => format!("user {user:?} (`*` is a pattern)"),
            };
            self.wildcard(caller, &what)?;
        }
        match (&caller.user, self.config.bind_uid) {
            (Some(bound), true) if bound != user => {
                Err(format!("the caller may only get tokens for user {bound:?}, not {user:?}"))
            }
            _ => Ok(()),
        }
    }

    fn app_level(&self, caller: &Caller, what: &str) -> Result<(), String> {
        if caller.user.is_some() && self.config.bind_uid {
            return Err(format!("{what} tokens grant administration rights; a caller bound to a user cannot get them"));
        }
        Ok(())
    }
}

impl Policy for ConfigPolicy {
    fn check(&self, caller: &Caller, grants: &[Grant]) -> Result<(), String> {
        for grant in grants {
            match grant {
                Grant::Rtc { channel, user, role } => {
                    self.channel(caller, channel)?;
                    self.user(caller, &user.to_wire_string())?;
                    if *role == RtcRole::Publisher {
                        if !self.config.allow_publisher {
                            return Err(
                                "publisher (host) tokens are not allowed by POLICY_ALLOW_PUBLISHER; ask for subscriber"
                                    .to_owned(),
                            );
                        }
                        if caller.max_role == Some(RtcRole::Subscriber) {
                            return Err("the caller's role claim allows subscriber tokens only".to_owned());
                        }
                    }
                }
                Grant::Rtm { user_id, stream_channel } => {
                    self.user(caller, user_id)?;
                    if let Some(channel) = stream_channel {
                        self.channel(caller, channel)?;
                    }
                }
                Grant::ChatUser { user_id } | Grant::ApaasUser { user_id } => self.user(caller, user_id)?,
                Grant::ChatApp => self.app_level(caller, "Chat app")?,
                Grant::ApaasApp => self.app_level(caller, "APaaS app")?,
                Grant::Fpa => {}
            }
        }
        Ok(())
    }
}

/// Checks the grants, turning a refusal into a 403.
///
/// # Errors
/// 403 `policy_denied` with the policy's reason.
pub fn enforce(policy: &dyn Policy, caller: &Caller, grants: &[Grant]) -> Result<(), ApiError> {
    policy.check(caller, grants).map_err(|reason| ApiError::new(StatusCode::FORBIDDEN, "policy_denied", reason))
}

/// Whether `text` matches the policy pattern: the core's glob ([`agora_token::wildcard::glob_match`]),
/// after `{user}` is replaced by the caller's bound user. A pattern with `{user}` never matches
/// a caller without one, nor one whose user is itself a wildcard (`*` in it would widen the pattern).
#[must_use]
pub fn pattern_matches(pattern: &str, text: &str, user: Option<&str>) -> bool {
    if !pattern.contains("{user}") {
        return wildcard::glob_match(pattern, text);
    }
    match user {
        Some(u) if !wildcard::is_wildcard_user(u) => wildcard::glob_match(&pattern.replace("{user}", u), text),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use agora_token::User;

    use super::*;

    fn bound(user: &str) -> Caller {
        Caller { id: "u".into(), method: AuthMethod::Jwt, user: Some(user.into()), channels: None, max_role: None }
    }

    fn rtc(channel: &str, uid: u32, role: RtcRole) -> Grant {
        Grant::Rtc { channel: channel.into(), user: User::Uid(uid), role }
    }

    #[test]
    fn globs() {
        assert!(pattern_matches("room-*", "room-1", None));
        assert!(pattern_matches("*", "", None));
        assert!(pattern_matches("a*b*c", "axxbyyc", None));
        assert!(!pattern_matches("room-*", "lobby", None));
        assert!(pattern_matches("user-{user}-*", "user-7-x", Some("7")));
        assert!(!pattern_matches("user-{user}-*", "user-8-x", Some("7")));
        assert!(!pattern_matches("user-{user}", "user-", None));
    }

    #[test]
    fn default_policy_is_compatible() {
        let p = ConfigPolicy::new(PolicyConfig::default());
        assert!(p.check(&Caller::anonymous(), &[rtc("any", 0, RtcRole::Publisher), Grant::ChatApp]).is_ok());
    }

    #[test]
    fn bound_callers_get_their_own_uid_only() {
        let p = ConfigPolicy::new(PolicyConfig::default());
        assert!(p.check(&bound("7"), &[rtc("c", 7, RtcRole::Publisher)]).is_ok());
        assert!(p
            .check(&bound("7"), &[rtc("c", 8, RtcRole::Publisher)])
            .unwrap_err()
            .contains("only get tokens for user \"7\""));
        assert!(p.check(&bound("7"), &[rtc("c", 0, RtcRole::Publisher)]).is_err());
        assert!(p.check(&bound("7"), &[Grant::ChatApp]).is_err());
        assert!(p.check(&bound("bob"), &[Grant::Rtm { user_id: "bob".into(), stream_channel: None }]).is_ok());
    }

    #[test]
    fn channels_roles_and_wildcards() {
        let p = ConfigPolicy::new(PolicyConfig {
            channels: vec!["room-*".into()],
            allow_wildcards: false,
            allow_publisher: false,
            bind_uid: true,
        });
        let anon = Caller::anonymous();
        assert!(p.check(&anon, &[rtc("room-1", 5, RtcRole::Subscriber)]).is_ok());
        assert!(p.check(&anon, &[rtc("lobby", 5, RtcRole::Subscriber)]).unwrap_err().contains("POLICY_CHANNELS"));
        assert!(p.check(&anon, &[rtc("room-1", 0, RtcRole::Subscriber)]).unwrap_err().contains("uid 0"));
        assert!(p.check(&anon, &[rtc("room-1", 5, RtcRole::Publisher)]).unwrap_err().contains("publisher"));
        let stream = Grant::Rtm { user_id: "a".into(), stream_channel: Some("*".into()) };
        assert!(p.check(&anon, &[stream]).is_err());
    }

    #[test]
    fn every_kind_of_wildcard_in_every_grant_needs_allow_wildcards() {
        let strict = ConfigPolicy::new(PolicyConfig { allow_wildcards: false, ..PolicyConfig::default() });
        let open = ConfigPolicy::new(PolicyConfig::default());
        let account = |channel: &str, user: &str| Grant::Rtc {
            channel: channel.into(),
            user: User::Account(user.into()),
            role: RtcRole::Subscriber,
        };
        let rtm = |user: &str, channel: Option<&str>| Grant::Rtm {
            user_id: user.into(),
            stream_channel: channel.map(str::to_owned),
        };
        let wildcards = [
            rtc("*", 5, RtcRole::Subscriber),
            rtc("team-*", 5, RtcRole::Subscriber),
            rtc("", 5, RtcRole::Subscriber),
            rtc("x", 0, RtcRole::Subscriber),
            account("x", ""),
            account("x", "0"),
            account("x", "*"),
            account("x", "guest-*"),
            rtm("*", None),
            rtm("", None),
            rtm("bob", Some("*")),
            rtm("bob", Some("")),
            rtm("bob", Some("game-*")),
            Grant::ChatUser { user_id: "*".into() },
            Grant::ApaasUser { user_id: "".into() },
        ];
        let anon = Caller::anonymous();
        for grant in &wildcards {
            let refusal = strict.check(&anon, std::slice::from_ref(grant)).unwrap_err();
            assert!(
                refusal.contains("is a wildcard") && refusal.contains("POLICY_ALLOW_WILDCARDS"),
                "{grant:?}: {refusal}"
            );
            assert!(open.check(&anon, std::slice::from_ref(grant)).is_ok(), "{grant:?}");
            // A JWT caller never gets one, even where wildcards are allowed.
            let jwt = Caller { id: "u".into(), method: AuthMethod::Jwt, user: None, channels: None, max_role: None };
            assert!(open.check(&jwt, std::slice::from_ref(grant)).unwrap_err().contains("JWT"), "{grant:?}");
        }
        // A wildcard anywhere in a multi-grant request refuses the whole request.
        assert!(strict.check(&anon, &[rtc("x", 5, RtcRole::Subscriber), rtm("bob", Some("*"))]).is_err());
        for plain in [
            rtc("x", 5, RtcRole::Subscriber),
            account("x", "00"),
            rtm("bob", Some("x")),
            Grant::ChatUser { user_id: "u".into() },
        ] {
            assert!(strict.check(&anon, std::slice::from_ref(&plain)).is_ok(), "{plain:?}");
        }
    }

    #[test]
    fn requested_patterns_must_lie_inside_allowed_patterns() {
        let p = ConfigPolicy::new(PolicyConfig { channels: vec!["team-*".into()], ..PolicyConfig::default() });
        let anon = Caller::anonymous();
        assert!(p.check(&anon, &[rtc("team-*", 5, RtcRole::Subscriber)]).is_ok());
        assert!(p.check(&anon, &[rtc("team-a*", 5, RtcRole::Subscriber)]).is_ok());
        assert!(p.check(&anon, &[rtc("*", 5, RtcRole::Subscriber)]).is_err());
        assert!(p.check(&anon, &[rtc("", 5, RtcRole::Subscriber)]).is_err(), "the empty name is every channel");
        assert!(p.check(&anon, &[rtc("te*", 5, RtcRole::Subscriber)]).is_err());
        let strict = ConfigPolicy::new(PolicyConfig {
            channels: vec!["team-*".into()],
            allow_wildcards: false,
            ..PolicyConfig::default()
        });
        assert!(strict.check(&anon, &[rtc("team-a*", 5, RtcRole::Subscriber)]).is_err());
    }

    #[test]
    fn a_wildcard_bound_user_never_widens_a_user_pattern() {
        assert!(pattern_matches("user-{user}", "user-7", Some("7")));
        assert!(!pattern_matches("user-{user}", "user-7", Some("*")));
        assert!(!pattern_matches("user-{user}", "user-abc", Some("a*")));
    }

    #[test]
    fn claims_narrow_channels_and_role() {
        let p = ConfigPolicy::new(PolicyConfig::default());
        let caller = Caller {
            id: "u".into(),
            method: AuthMethod::Jwt,
            user: None,
            channels: Some(vec!["team-a".into()]),
            max_role: Some(RtcRole::Subscriber),
        };
        assert!(p.check(&caller, &[rtc("team-a", 1, RtcRole::Subscriber)]).is_ok());
        assert!(p.check(&caller, &[rtc("team-b", 1, RtcRole::Subscriber)]).is_err());
        assert!(p.check(&caller, &[rtc("team-a", 1, RtcRole::Publisher)]).is_err());
    }
}
