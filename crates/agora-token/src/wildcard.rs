//! Wildcards: which channels and users a token admits beyond the one it names.
//!
//! One definition for everything that judges tokens: [`explain`](crate::explain()) uses it to
//! say whether a user can join, and the token server's policy uses it to refuse wildcard
//! requests. A value is a *wildcard* exactly when a token for it admits some other value.
//!
//! - **Channels.** A token for channel `""` or `"*"` admits every channel; a channel
//!   containing `*` is a pattern where `*` matches any run of characters (`room-*`, `1*a*2`).
//! - **Users** (the uid string packed in the token). Numeric uid 0 is packed as `""` and
//!   admits every user; so do `"0"` and `"*"`; a user containing `*` is read as a pattern too.
//!
//! Two readings here are deliberately on the cautious side, since this crate cannot ask
//! Agora's service: the account `"0"` counts as "any user" (PHP's official RTC builder
//! writes uid 0 as `"0"`, and its users rely on those tokens admitting any user), and `*`
//! inside a user id is treated as a pattern like `*` inside a channel name (Agora documents
//! patterns for channel names only). A policy that refuses wildcards therefore refuses the
//! account `"0"` and every user id containing `*`; an explanation of such a token says so in
//! a warning.
//!
//! ```
//! use agora_token::wildcard;
//!
//! assert!(wildcard::is_wildcard_channel("team-*"));
//! assert!(wildcard::is_wildcard_channel(""));
//! assert!(!wildcard::is_wildcard_channel("team-a"));
//! assert!(wildcard::channel_admits("team-*", "team-a"));
//!
//! assert!(wildcard::is_wildcard_user(""));      // uid 0
//! assert!(wildcard::is_wildcard_user("0"));     // the account "0"
//! assert!(!wildcard::is_wildcard_user("42"));
//! assert!(wildcard::user_admits("", "42"));
//! assert!(wildcard::glob_match("a*b*c", "axxbyyc"));
//! ```

/// Whether a token for `channel` admits channels other than `channel` itself: it is empty,
/// `"*"`, or contains `*`.
#[must_use]
pub fn is_wildcard_channel(channel: &str) -> bool {
    channel.is_empty() || channel.contains('*')
}

/// Whether a token for the packed user `user` admits other users: `""` (numeric uid 0),
/// the account `"0"`, `"*"`, or a user id containing `*`.
///
/// `user` is the string packed in the token ([`User::to_wire_string`](crate::User::to_wire_string)).
#[must_use]
pub fn is_wildcard_user(user: &str) -> bool {
    is_any_user(user) || user.contains('*')
}

/// Whether the packed user admits every user (`""`, `"0"` or `"*"`).
#[must_use]
pub fn is_any_user(user: &str) -> bool {
    matches!(user, "" | "0" | "*")
}

/// Whether a token for channel `token_channel` admits the channel `requested`.
#[must_use]
pub fn channel_admits(token_channel: &str, requested: &str) -> bool {
    token_channel.is_empty() || glob_match(token_channel, requested)
}

/// Whether a token for the packed user `token_user` admits the user packed as `requested`.
#[must_use]
pub fn user_admits(token_user: &str, requested: &str) -> bool {
    is_any_user(token_user) || glob_match(token_user, requested)
}

/// Whether `text` matches `pattern`, where `*` matches any run of characters (possibly
/// empty) and every other character matches itself (case-sensitive). A pattern without `*`
/// matches only itself.
///
/// Iterative with one backtrack point: no recursion, and at worst pattern × text steps.
#[must_use]
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let (pattern, text) = (pattern.as_bytes(), text.as_bytes());
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match (pattern.get(p), text.get(t)) {
            (Some(b'*'), _) => {
                star = Some((p, t));
                p += 1;
            }
            (Some(pc), Some(tc)) if pc == tc => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern.get(p..).is_some_and(|rest| rest.iter().all(|&c| c == b'*'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::User;

    #[test]
    fn channels() {
        for wildcard in ["", "*", "team-*", "*-x", "1*a*2", "**"] {
            assert!(is_wildcard_channel(wildcard), "{wildcard:?}");
        }
        for plain in ["team-a", "0", " ", "x"] {
            assert!(!is_wildcard_channel(plain), "{plain:?}");
        }
    }

    #[test]
    fn users_as_packed() {
        assert!(is_wildcard_user(&User::Uid(0).to_wire_string()));
        assert!(is_wildcard_user(&User::Account("0".into()).to_wire_string()));
        for wildcard in ["*", "a*", "*b", "a*b"] {
            assert!(is_wildcard_user(wildcard), "{wildcard:?}");
        }
        for plain in ["5", "00", "alice", "4294967295", " 0"] {
            assert!(!is_wildcard_user(plain), "{plain:?}");
        }
    }

    #[test]
    fn a_wildcard_is_exactly_a_value_admitting_another() {
        // For each sample value: admits something other than itself <=> is a wildcard.
        let others = ["", "x", "team-a", "team-", "5", "alice", "1a2", "*", "zz"];
        for value in ["", "*", "team-*", "1*a*2", "x", "team-a", "5", "0", "alice", "a*"] {
            let admits_other_channel = others.iter().any(|o| *o != value && channel_admits(value, o));
            assert_eq!(admits_other_channel, is_wildcard_channel(value), "channel {value:?}");
            let admits_other_user = others.iter().chain(&["ab"]).any(|o| *o != value && user_admits(value, o));
            assert_eq!(admits_other_user, is_wildcard_user(value), "user {value:?}");
        }
    }

    #[test]
    fn globs() {
        assert!(glob_match("room-*", "room-1"));
        assert!(glob_match("room*", "room"));
        assert!(glob_match("*", ""));
        assert!(glob_match("", ""));
        assert!(!glob_match("", "x"));
        assert!(glob_match("1*a*2", "1xxaYY2"));
        assert!(glob_match("1*a*2", "1a2"));
        assert!(!glob_match("1*a*2", "1xx2"));
        assert!(!glob_match("room", "Room"));
        assert!(!glob_match("room-*", "lobby"));
        assert!(glob_match("a*b*c", "axxbyyc"));
        assert!(glob_match("*é*", "café au lait"));
        // Backtracking over many stars stays quick.
        let text = "a".repeat(2000);
        assert!(!glob_match(&format!("{}b", "*a".repeat(50)), &text));
    }

    #[test]
    fn patterns_matched_as_text_are_narrower() {
        // A requested pattern that an allowed pattern matches as text admits only channels
        // the allowed pattern admits too (the server's POLICY_CHANNELS check relies on this).
        let allowed = ["team-*", "*-room", "a*b"];
        let requested = ["team-*", "team-a*", "team-*x", "*-room", "x*-room", "a*b", "axb*b"];
        let channels = ["team-", "team-a", "team-ax", "team-abx", "x-room", "xy-room", "ab", "axbb", "axbyb"];
        for allow in allowed {
            for request in requested {
                if glob_match(allow, request) {
                    for channel in channels {
                        if glob_match(request, channel) {
                            assert!(glob_match(allow, channel), "{allow} admits {request} but not {channel}");
                        }
                    }
                }
            }
        }
    }
}
