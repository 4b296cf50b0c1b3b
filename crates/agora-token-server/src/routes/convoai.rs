//! The token route of the Conversational AI (agent) quickstarts
//! (AgoraIO-Conversational-AI `agent-quickstart-nextjs`, `app/api/generate-agora-token`):
//! `GET /api/generate-agora-token?uid=&channel=` → `{appId, token, uid, channel}`.
//!
//! The token is what those samples build with `RtcTokenBuilder.buildTokenWithRtm` for a
//! publisher: RTC (join + publish) and RTM login for the same user, the uid written as the
//! account string (uid 0 as `""`). Same defaults: uid absent = 0, channel absent = a fresh
//! name `ai-conversation-<unix ms>-<6 random base-36 characters>`. Differences, each fixing
//! a reported problem: the lifetime is the server default (the sample passed an absolute
//! time where AccessToken2 expects seconds, i.e. a token for decades), and a uid that is not
//! a 32-bit number is a 400 instead of silently becoming 0 (any user).

use std::time::{SystemTime, UNIX_EPOCH};

use agora_token::{RtcRole, User};
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::{Extension, Json};
use serde_json::json;

use super::{audit, issue, param, query, respond, schema};
use crate::api::{Op, RouteTable};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::issue::{parse_uid, Grant};

const TAG: &str = "Conversational AI quickstarts";

/// Registers the route.
pub fn register(t: &mut RouteTable) {
    t.add(
        Op::get("/api/generate-agora-token", TAG, "RTC + RTM token for a voice agent's user")
            .protected()
            .describe("What the Conversational AI quickstarts' browser client calls before joining and inviting the agent. The token carries RTC (publisher) and RTM login for the uid, as `RtcTokenBuilder.buildTokenWithRtm`; its lifetime is the server default.")
            .query_schema("uid", json!({"anyOf": [schema::uid_text(), schema::blank()]}), false, "numeric uid; absent or empty = 0 (any user: refused when POLICY_ALLOW_WILDCARDS=false)")
            .query_schema("channel", json!({"type": "string"}), false, "channel name; absent or empty = a new name ai-conversation-<unix ms>-<random>")
            .returns_json(json!({"type": "object", "required": ["appId", "token", "uid", "channel"], "properties": {
                "appId": {"type": "string"}, "token": {"type": "string"},
                "uid": {"type": "string", "description": "the uid in decimal"}, "channel": {"type": "string"}}})),
        generate_agora_token,
    );
}

/// `ai-conversation-<unix ms>-<6 base-36 characters>`, as the quickstarts name channels.
fn new_channel_name() -> Result<String, ApiError> {
    let internal = |what: &str| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", what.to_owned());
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| internal("the system clock is before 1970"))?
        .as_millis();
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).map_err(|_| internal("no randomness from the operating system"))?;
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let suffix: String = bytes.iter().map(|b| char::from(digits[usize::from(*b) % digits.len()])).collect();
    Ok(format!("ai-conversation-{millis}-{suffix}"))
}

async fn generate_agora_token(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> Response {
    let result = async {
        let q = query(&uri)?;
        let user = param(&q, &["uid"]).map_or(Ok(User::ANY), parse_uid)?;
        let channel = match param(&q, &["channel"]) {
            Some(channel) => channel.to_owned(),
            None => new_channel_name()?,
        };
        let account = user.to_wire_string();
        let uid = match &user {
            User::Uid(n) => n.to_string(),
            User::Account(a) => a.clone(),
        };
        let expire = state.issuer.lifetime(None);
        let grants = [
            Grant::Rtc { channel: channel.clone(), user, role: RtcRole::Publisher },
            Grant::Rtm { user_id: account, stream_channel: None },
        ];
        let issued = issue(&state, &caller, &grants, expire, expire).await?;
        let body = json!({
            "appId": state.config.credentials.app_id().as_str(),
            "token": issued.token,
            "uid": uid,
            "channel": channel,
        });
        Ok(respond(Json(body), audit(&grants, expire)))
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_names_look_like_the_quickstart_s() {
        let a = new_channel_name().unwrap();
        let b = new_channel_name().unwrap();
        assert_ne!(a, b);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(parts[..2], ["ai", "conversation"]);
        assert!(parts[2].len() >= 13 && parts[2].bytes().all(|c| c.is_ascii_digit()), "{a}");
        assert!(parts[3].len() == 6 && parts[3].bytes().all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()), "{a}");
    }
}
