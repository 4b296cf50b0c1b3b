//! The policy hook: which channels, uids and roles a caller may receive.
//!
//! Routes describe a request as [`Grant`]s; [`Policy::check`] sees every grant before
//! anything is signed. [`ConfigPolicy`] is the built-in policy driven by `POLICY_*`
//! variables and the caller's JWT claims; another policy (e.g. one calling your own
//! authorization service) implements the same trait and is passed to `app::build`.

use agora_token::{RtcRole, User};
use axum::http::StatusCode;

use crate::auth::Caller;
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
/// - uid 0 (any user) and stream channel `*` need `POLICY_ALLOW_WILDCARDS` (default true);
/// - publisher tokens need `POLICY_ALLOW_PUBLISHER` (default true) and a `role` claim, if
///   present, of publisher;
/// - a caller whose JWT has a `uid` claim gets tokens for that user only, and no app-level
///   (administration) tokens, while `POLICY_BIND_UID` is on (default).
#[derive(Debug, Clone)]
pub struct ConfigPolicy {
    config: PolicyConfig,
}

impl ConfigPolicy {
    /// A policy with these settings.
    #[must_use]
    pub fn new(config: PolicyConfig) -> Self {
        ConfigPolicy { config }
    }

    fn channel(&self, caller: &Caller, channel: &str) -> Result<(), String> {
        let user = caller.user.as_deref();
        if !self.config.channels.is_empty() && !self.config.channels.iter().any(|p| pattern_matches(p, channel, user)) {
            return Err(format!("channel {channel:?} is not allowed by this server's POLICY_CHANNELS"));
        }
        if let Some(patterns) = &caller.channels {
            if !patterns.iter().any(|p| pattern_matches(p, channel, user)) {
                return Err(format!("channel {channel:?} is not in the caller's channels claim"));
            }
        }
        Ok(())
    }

    fn user(&self, caller: &Caller, user: &str) -> Result<(), String> {
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
                    if *user == User::ANY {
                        if !self.config.allow_wildcards {
                            return Err("uid 0 (any user) is not allowed by POLICY_ALLOW_WILDCARDS; ask for a token for one uid".to_owned());
                        }
                        if caller.user.is_some() && self.config.bind_uid {
                            return Err("uid 0 (any user) is not allowed for a caller bound to a user".to_owned());
                        }
                    } else {
                        self.user(caller, &user.to_wire_string())?;
                    }
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
                        if channel == "*" && !self.config.allow_wildcards {
                            return Err(
                                "stream channel \"*\" (every channel) is not allowed by POLICY_ALLOW_WILDCARDS"
                                    .to_owned(),
                            );
                        }
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

/// Glob match: `*` matches any (possibly empty) text; `{user}` stands for the caller's
/// bound user (a pattern with `{user}` never matches a caller without one).
#[must_use]
pub fn pattern_matches(pattern: &str, text: &str, user: Option<&str>) -> bool {
    let pattern = if pattern.contains("{user}") {
        match user {
            Some(u) => pattern.replace("{user}", u),
            None => return false,
        }
    } else {
        pattern.to_owned()
    };
    glob(pattern.as_bytes(), text.as_bytes())
}

fn glob(pattern: &[u8], text: &[u8]) -> bool {
    // Iterative matcher with backtracking to the last `*`: linear in practice, no recursion.
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p.min(pattern.len())..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::AuthMethod;

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
