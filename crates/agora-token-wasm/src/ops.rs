//! The JSON operations: each request field maps to one core argument; all checks are the core's.

use std::collections::BTreeMap;

use agora_token::legacy::access_token::{AccessToken, Privilege006, UnverifiedAccessToken};
use agora_token::{
    explain, AccessToken2, ApaasRoomUserVariant, AppCertificate, Credentials, Error, ExplainOptions, Explanation,
    Payload, Reason, RtcPrivilegeExpiries, RtcRole, Rtm2Permissions, SdkError, Service, ServiceField, ServiceReport,
    ServiceType, SignatureCheck, UnverifiedToken, User, DEFAULT_PRIVILEGE_EXPIRE, FPA_TOKEN_EXPIRE,
};
use serde::Deserialize;
use serde_json::{json, Value};

/// A uid given as a number (joinChannel) or an account given as a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum UserInput {
    Uid(u32),
    Account(String),
}

impl From<UserInput> for User {
    fn from(input: UserInput) -> User {
        match input {
            UserInput::Uid(uid) => User::Uid(uid),
            UserInput::Account(account) => User::Account(account),
        }
    }
}

/// An RTC role as the native addon takes it: 1, 2 or a name (`"publisher"`, `"host"`, ...).
#[derive(Deserialize)]
#[serde(untagged)]
enum RoleInput {
    Code(i64),
    Name(String),
}

impl RoleInput {
    fn to_core(&self) -> Result<RtcRole, Error> {
        match self {
            RoleInput::Code(code) => RtcRole::from_code(*code),
            RoleInput::Name(name) => name.parse(),
        }
    }
}

/// One service of `buildToken`, in the shape `decode` and the native addon's `ServiceInput` use.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ServiceInput {
    #[serde(rename = "type")]
    service_type: u16,
    #[serde(default)]
    privileges: BTreeMap<String, u32>,
    channel_name: Option<String>,
    uid: Option<UserInput>,
    account: Option<UserInput>,
    user_id: Option<UserInput>,
    room_uuid: Option<String>,
    user_uuid: Option<String>,
    role: Option<i16>,
    permissions: Option<PermissionsInput>,
}

impl ServiceInput {
    /// The fields given, by their names in `ServiceType::field_names`.
    fn given_fields(&self) -> Vec<&'static str> {
        let fields = [
            ("channelName", self.channel_name.is_some()),
            ("uid", self.uid.is_some()),
            ("account", self.account.is_some()),
            ("userId", self.user_id.is_some()),
            ("roomUuid", self.room_uuid.is_some()),
            ("userUuid", self.user_uuid.is_some()),
            ("role", self.role.is_some()),
            ("permissions", self.permissions.is_some()),
        ];
        fields.into_iter().filter(|(_, given)| *given).map(|(name, _)| name).collect()
    }
}

/// RTM2 resource type → permission type → resource names (npm `Rtm2Permissions.details`).
type PermissionsInput = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// Options of `buildRtcTokenWithRtmExpiries`, `buildConvoAiToken` and `buildSttToken`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RtcWithRtm2Input {
    app_id: String,
    app_certificate: String,
    channel_name: String,
    uid: Option<u32>,
    account: Option<String>,
    role: RoleInput,
    token_expire: u32,
    privileges: PrivilegeExpiriesInput,
    rtm_user_id: UserInput,
    rtm_token_expire: u32,
    issued_at: u32,
    salt: Option<u32>,
}

/// Which services `RtcWithRtm2Input` builds.
#[derive(Clone, Copy)]
enum Rtm2Flavour {
    Plain,
    ConvoAi,
    Stt,
}

fn build_rtc_rtm2(o: RtcWithRtm2Input, flavour: Rtm2Flavour) -> Result<Value, Error> {
    let credentials = Credentials::new(&o.app_id, &o.app_certificate)?;
    let account = uid_or_account(o.uid, o.account)?.to_wire_string();
    let role = o.role.to_core()?;
    let expiries = o.privileges.to_core();
    let rtm_user_id = User::from(o.rtm_user_id).to_wire_string();
    let mut token = AccessToken2::new(o.token_expire);
    token.issued(o.issued_at, o.salt);
    let channel = o.channel_name;
    let token = match flavour {
        Rtm2Flavour::Plain => {
            token.rtc_with_rtm_expiries(channel, &account, role, expiries, rtm_user_id, o.rtm_token_expire)
        }
        Rtm2Flavour::ConvoAi => token.convo_ai(channel, &account, role, expiries, rtm_user_id, o.rtm_token_expire),
        Rtm2Flavour::Stt => token.stt(channel, &account, role, expiries, rtm_user_id, o.rtm_token_expire),
    };
    Ok(Value::String(token.build(&credentials)?))
}

/// Options of `buildDynamicKey` and `buildDynamicKey5`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DynamicKeyInputJs {
    app_id: String,
    app_certificate: String,
    version: Option<u32>,
    service: Option<String>,
    upload_permission: Option<String>,
    channel_name: String,
    unix_ts: u32,
    random_int: u32,
    uid: Option<u32>,
    expired_ts: Option<u32>,
}

fn build_dynamic_key(o: DynamicKeyInputJs, five: bool) -> Result<Value, Error> {
    use agora_token::legacy::dynamic_key::{self, Dk4Service, DynamicKeyInput};
    use agora_token::legacy::dynamic_key5::{self, Dk5Service, UploadPermission};
    let credentials = Credentials::new(&o.app_id, &o.app_certificate)?;
    let input = DynamicKeyInput {
        channel_name: o.channel_name,
        unix_ts: o.unix_ts,
        random_int: o.random_int,
        uid: o.uid.unwrap_or(0),
        expired_ts: o.expired_ts.unwrap_or(0),
    };
    let invalid = |field: &str, reason: String| Error::InvalidArgument { field: field.to_owned(), reason };
    let service = o.service.as_deref();
    let token = if five {
        let service = match service {
            Some("media_channel") => Dk5Service::MediaChannel,
            Some("recording") => Dk5Service::Recording,
            Some("public_sharing") => Dk5Service::PublicSharing,
            Some("in_channel_permission") => Dk5Service::InChannelPermission(match o.upload_permission.as_deref() {
                Some("no_upload") => UploadPermission::NoUpload,
                Some("audio_video") => UploadPermission::AudioVideo,
                other => {
                    return Err(invalid("uploadPermission", format!("got {other:?}; use 'no_upload' or 'audio_video'")))
                }
            }),
            other => {
                return Err(invalid(
                    "service",
                    format!(
                        "got {other:?}; use 'media_channel', 'recording', 'public_sharing' or 'in_channel_permission'"
                    ),
                ))
            }
        };
        dynamic_key5::generate(&credentials, service, &input)?
    } else {
        match o.version {
            Some(1) => dynamic_key::generate_v1(&credentials, &input)?,
            Some(2) => dynamic_key::generate_v2(&credentials, &input)?,
            Some(3) => dynamic_key::generate_v3(&credentials, &input)?,
            Some(4) => {
                let service = match service {
                    Some("media_channel") => Dk4Service::MediaChannel,
                    Some("recording") => Dk4Service::Recording,
                    Some("public_sharing") => Dk4Service::PublicSharing,
                    other => {
                        return Err(invalid(
                            "service",
                            format!("got {other:?}; use 'media_channel', 'recording' or 'public_sharing'"),
                        ))
                    }
                };
                dynamic_key::generate_v4(&credentials, service, &input)?
            }
            None => return Err(invalid("version", "pass 1, 2, 3 or 4".to_owned())),
            Some(other) => {
                return Err(invalid("version", format!("got {other}; pass 1, 2, 3 or 4 (5: buildDynamicKey5)")))
            }
        }
    };
    Ok(Value::String(token))
}

/// `RtcPrivilegeExpiries`: seconds after the issue time.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PrivilegeExpiriesInput {
    join_channel: u32,
    publish_audio: u32,
    publish_video: u32,
    publish_data: u32,
}

impl PrivilegeExpiriesInput {
    fn to_core(&self) -> RtcPrivilegeExpiries {
        RtcPrivilegeExpiries {
            join_channel: self.join_channel,
            publish_audio: self.publish_audio,
            publish_video: self.publish_video,
            publish_data: self.publish_data,
        }
    }
}

#[derive(Deserialize)]
#[serde(tag = "op", rename_all = "camelCase", rename_all_fields = "camelCase", deny_unknown_fields)]
enum Request {
    BuildToken {
        app_id: String,
        app_certificate: String,
        expire: u32,
        issued_at: u32,
        salt: Option<u32>,
        services: Vec<ServiceInput>,
    },
    BuildRtcToken {
        app_id: String,
        app_certificate: String,
        channel_name: String,
        uid: Option<u32>,
        account: Option<String>,
        role: RoleInput,
        token_expire: u32,
        /// Omitted: the core's `DEFAULT_PRIVILEGE_EXPIRE`.
        privilege_expire: Option<u32>,
        issued_at: u32,
        salt: Option<u32>,
    },
    BuildRtmToken {
        app_id: String,
        app_certificate: String,
        user_id: UserInput,
        expire: u32,
        issued_at: u32,
        salt: Option<u32>,
    },
    BuildRtcTokenWithPrivileges {
        app_id: String,
        app_certificate: String,
        channel_name: String,
        uid: Option<u32>,
        account: Option<String>,
        token_expire: u32,
        privileges: PrivilegeExpiriesInput,
        issued_at: u32,
        salt: Option<u32>,
    },
    BuildRtcTokenWithRtm {
        app_id: String,
        app_certificate: String,
        channel_name: String,
        uid: Option<u32>,
        account: Option<String>,
        role: RoleInput,
        token_expire: u32,
        /// Omitted: the core's `DEFAULT_PRIVILEGE_EXPIRE`.
        privilege_expire: Option<u32>,
        issued_at: u32,
        salt: Option<u32>,
    },
    BuildRtm2Token {
        app_id: String,
        app_certificate: String,
        user_id: UserInput,
        permissions: PermissionsInput,
        expire: u32,
        issued_at: u32,
        salt: Option<u32>,
    },
    BuildRtcTokenWithRtmExpiries {
        #[serde(flatten)]
        options: RtcWithRtm2Input,
    },
    BuildConvoAiToken {
        #[serde(flatten)]
        options: RtcWithRtm2Input,
    },
    BuildSttToken {
        #[serde(flatten)]
        options: RtcWithRtm2Input,
    },
    BuildApaasRoomUserToken {
        app_id: String,
        app_certificate: String,
        room_uuid: String,
        user_uuid: UserInput,
        role: i16,
        expire: u32,
        variant: Option<String>,
        issued_at: u32,
        salt: Option<u32>,
    },
    BuildApaasUserToken {
        app_id: String,
        app_certificate: String,
        user_id: UserInput,
        expire: u32,
        issued_at: u32,
        salt: Option<u32>,
    },
    BuildApaasAppToken {
        app_id: String,
        app_certificate: String,
        expire: u32,
        issued_at: u32,
        salt: Option<u32>,
    },
    RandomSalt {},
    ValidateCredentials {
        app_id: String,
        app_certificate: String,
    },
    CompatWarningCodes {},
    ErrorCodes {},
    BuildSignalingToken {
        app_id: String,
        app_certificate: String,
        account: String,
        expired_ts: u32,
    },
    BuildDynamicKey {
        #[serde(flatten)]
        options: DynamicKeyInputJs,
    },
    BuildDynamicKey5 {
        #[serde(flatten)]
        options: DynamicKeyInputJs,
    },
    BuildAccessToken006 {
        app_id: String,
        app_certificate: String,
        channel_name: String,
        uid: Option<u32>,
        account: Option<String>,
        privileges: BTreeMap<String, u32>,
        expires_at: Option<u32>,
        /// Always from the host clock: the default expiry is 24 hours after it.
        issued_at: u32,
        salt: Option<u32>,
    },
    DecodeAccessToken006Unverified {
        token: String,
    },
    VerifyAccessToken006 {
        token: String,
        app_certificate: String,
        channel_name: String,
        uid: UserInput,
    },
    BuildChatUserToken {
        app_id: String,
        app_certificate: String,
        user_id: UserInput,
        expire: u32,
        issued_at: u32,
        salt: Option<u32>,
    },
    BuildChatAppToken {
        app_id: String,
        app_certificate: String,
        expire: u32,
        issued_at: u32,
        salt: Option<u32>,
    },
    BuildFpaToken {
        app_id: String,
        app_certificate: String,
        issued_at: u32,
        salt: Option<u32>,
    },
    DecodeUnverified {
        token: String,
    },
    Verify {
        token: String,
        app_certificate: String,
    },
    Explain {
        token: String,
        app_certificate: Option<String>,
        secondary_certificate: Option<String>,
        expected_app_id: Option<String>,
        channel_name: Option<String>,
        uid: Option<u32>,
        account: Option<String>,
        user_id: Option<String>,
        rtm_channel: Option<String>,
        room_uuid: Option<String>,
        sdk_error: Option<String>,
        now: u64,
    },
    ReasonCodes {},
    SdkErrorCodes {},
    ServiceTypes {},
    CredentialsFromEnv {
        variables: std::collections::HashMap<String, String>,
    },
}

/// Runs one JSON request and returns the JSON response.
#[must_use]
pub fn call(request: &str) -> String {
    // Drop-in calls carry nested argument views: read them straight into their struct, as serde
    // would buffer the whole request to find the tag of an internally tagged enum.
    if request.starts_with(crate::compat::REQUEST_PREFIX) {
        return match serde_json::from_str::<crate::compat::Request>(request) {
            Ok(request) => json!({ "ok": crate::compat::call(&request) }).to_string(),
            Err(e) => error_response("invalid_argument", &format!("bad request: {e}")),
        };
    }
    let outcome = serde_json::from_str::<Request>(request)
        .map_err(|e| ("invalid_argument", format!("bad request: {e}")))
        .and_then(|request| run(request).map_err(|e| (e.code(), e.to_string())));
    match outcome {
        Ok(value) => json!({ "ok": value }).to_string(),
        Err((code, message)) => error_response(code, &message),
    }
}

pub(crate) fn error_response(code: &str, message: &str) -> String {
    json!({ "error": { "code": code, "message": message } }).to_string()
}

// Every builder's issue time comes from the host (wasm32-unknown-unknown has no clock), so
// requests carry it; the salt comes from the host when given, else the core draws it.
fn run(request: Request) -> Result<Value, Error> {
    match request {
        Request::BuildToken { app_id, app_certificate, expire, issued_at, salt, services } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let mut token = AccessToken2::new(expire);
            token.issued(issued_at, salt);
            for service in services {
                token.service(to_service(service)?);
            }
            Ok(Value::String(token.build(&credentials)?))
        }
        Request::BuildRtcToken {
            app_id,
            app_certificate,
            channel_name,
            uid,
            account,
            role,
            token_expire,
            privilege_expire,
            issued_at,
            salt,
        } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let user = uid_or_account(uid, account)?;
            let token = AccessToken2::new(token_expire)
                .issued(issued_at, salt)
                .rtc(channel_name, user, role.to_core()?, privilege_expire.unwrap_or(DEFAULT_PRIVILEGE_EXPIRE))
                .build(&credentials)?;
            Ok(Value::String(token))
        }
        Request::BuildRtmToken { app_id, app_certificate, user_id, expire, issued_at, salt } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let user_id = User::from(user_id).to_wire_string();
            let token = AccessToken2::new(expire).issued(issued_at, salt).rtm(user_id, expire).build(&credentials)?;
            Ok(Value::String(token))
        }
        Request::BuildRtcTokenWithPrivileges {
            app_id,
            app_certificate,
            channel_name,
            uid,
            account,
            token_expire,
            privileges,
            issued_at,
            salt,
        } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let expiries = privileges.to_core();
            let token = AccessToken2::new(token_expire)
                .issued(issued_at, salt)
                .rtc_with_privileges(channel_name, uid_or_account(uid, account)?, expiries)
                .build(&credentials)?;
            Ok(Value::String(token))
        }
        Request::BuildRtcTokenWithRtm {
            app_id,
            app_certificate,
            channel_name,
            uid,
            account,
            role,
            token_expire,
            privilege_expire,
            issued_at,
            salt,
        } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let account = uid_or_account(uid, account)?.to_wire_string();
            let token = AccessToken2::new(token_expire)
                .issued(issued_at, salt)
                .rtc_with_rtm(
                    channel_name,
                    &account,
                    role.to_core()?,
                    privilege_expire.unwrap_or(DEFAULT_PRIVILEGE_EXPIRE),
                )
                .build(&credentials)?;
            Ok(Value::String(token))
        }
        Request::BuildRtm2Token { app_id, app_certificate, user_id, permissions, expire, issued_at, salt } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let user_id = User::from(user_id).to_wire_string();
            let token = AccessToken2::new(expire)
                .issued(issued_at, salt)
                .rtm2(user_id, rtm2_permissions(permissions)?, expire)
                .build(&credentials)?;
            Ok(Value::String(token))
        }
        Request::BuildRtcTokenWithRtmExpiries { options } => build_rtc_rtm2(options, Rtm2Flavour::Plain),
        Request::BuildConvoAiToken { options } => build_rtc_rtm2(options, Rtm2Flavour::ConvoAi),
        Request::BuildSttToken { options } => build_rtc_rtm2(options, Rtm2Flavour::Stt),
        Request::BuildApaasRoomUserToken {
            app_id,
            app_certificate,
            room_uuid,
            user_uuid,
            role,
            expire,
            variant,
            issued_at,
            salt,
        } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let variant = match variant.as_deref() {
                None | Some("standard") => ApaasRoomUserVariant::Standard,
                Some("node") => ApaasRoomUserVariant::NodeCompatible,
                Some(other) => {
                    return Err(Error::InvalidArgument {
                        field: "variant".to_owned(),
                        reason: format!("got {other:?}; use 'standard' or 'node'"),
                    })
                }
            };
            let user_uuid = User::from(user_uuid).to_wire_string();
            let token = AccessToken2::new(expire)
                .issued(issued_at, salt)
                .apaas_room_user_variant(room_uuid, &user_uuid, role, expire, variant)
                .build(&credentials)?;
            Ok(Value::String(token))
        }
        Request::BuildApaasUserToken { app_id, app_certificate, user_id, expire, issued_at, salt } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let user_uuid = User::from(user_id).to_wire_string();
            let token =
                AccessToken2::new(expire).issued(issued_at, salt).apaas_user(user_uuid, expire).build(&credentials)?;
            Ok(Value::String(token))
        }
        Request::BuildApaasAppToken { app_id, app_certificate, expire, issued_at, salt } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let token = AccessToken2::new(expire).issued(issued_at, salt).apaas_app(expire).build(&credentials)?;
            Ok(Value::String(token))
        }
        Request::BuildAccessToken006 {
            app_id,
            app_certificate,
            channel_name,
            uid,
            account,
            privileges,
            expires_at,
            issued_at,
            salt,
        } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let mut token = AccessToken::new(channel_name, uid_or_account(uid, account)?);
            token.issued(issued_at, salt).expires_at(expires_at);
            for (code, expire) in privileges {
                token.privilege(Privilege006::from_code(number("privileges", &code)?)?, expire);
            }
            Ok(Value::String(token.build(&credentials)?))
        }
        Request::DecodeAccessToken006Unverified { token } => {
            Ok(payload_006(&UnverifiedAccessToken::parse(&token)?, false))
        }
        Request::VerifyAccessToken006 { token, app_certificate, channel_name, uid } => {
            let certificate = AppCertificate::new(app_certificate)?;
            let parsed = UnverifiedAccessToken::parse(&token)?;
            parsed.check_signature(&certificate, &channel_name, &User::from(uid))?;
            Ok(payload_006(&parsed, true))
        }
        Request::ValidateCredentials { app_id, app_certificate } => {
            Credentials::new(&app_id, &app_certificate)?;
            Ok(Value::Null)
        }
        Request::CompatWarningCodes {} => Ok(json!(agora_token::compat::CompatWarning::CODES)),
        Request::ErrorCodes {} => Ok(json!(agora_token::Error::CODES)),
        Request::BuildSignalingToken { app_id, app_certificate, account, expired_ts } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            Ok(Value::String(agora_token::legacy::signaling::generate(&credentials, &account, expired_ts)))
        }
        Request::BuildDynamicKey { options } => build_dynamic_key(options, false),
        Request::BuildDynamicKey5 { options } => build_dynamic_key(options, true),
        Request::RandomSalt {} => Ok(json!(agora_token::clock::random_salt()?)),
        Request::BuildChatUserToken { app_id, app_certificate, user_id, expire, issued_at, salt } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let user_id = User::from(user_id).to_wire_string();
            let token =
                AccessToken2::new(expire).issued(issued_at, salt).chat_user(user_id, expire).build(&credentials)?;
            Ok(Value::String(token))
        }
        Request::BuildChatAppToken { app_id, app_certificate, expire, issued_at, salt } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let token = AccessToken2::new(expire).issued(issued_at, salt).chat_app(expire).build(&credentials)?;
            Ok(Value::String(token))
        }
        Request::BuildFpaToken { app_id, app_certificate, issued_at, salt } => {
            let credentials = Credentials::new(&app_id, &app_certificate)?;
            let token = AccessToken2::new(FPA_TOKEN_EXPIRE).issued(issued_at, salt).fpa().build(&credentials)?;
            Ok(Value::String(token))
        }
        Request::DecodeUnverified { token } => Ok(payload_json(UnverifiedToken::parse(&token)?.payload(), false)),
        Request::Verify { token, app_certificate } => {
            let certificate = AppCertificate::new(app_certificate)?;
            let verified = UnverifiedToken::parse(&token)?.verify(&certificate)?;
            Ok(payload_json(verified.payload(), true))
        }
        Request::Explain {
            token,
            app_certificate,
            secondary_certificate,
            expected_app_id,
            channel_name,
            uid,
            account,
            user_id,
            rtm_channel,
            room_uuid,
            sdk_error,
            now,
        } => {
            let certificate = app_certificate.map(AppCertificate::new).transpose()?;
            let secondary = secondary_certificate.map(AppCertificate::new).transpose()?;
            let user = match (uid, account) {
                (None, None) => None,
                (uid, account) => Some(uid_or_account(uid, account)?),
            };
            let options = ExplainOptions {
                certificate: certificate.as_ref(),
                secondary_certificate: secondary.as_ref(),
                expected_app_id: expected_app_id.as_deref(),
                channel_name: channel_name.as_deref(),
                user,
                user_id: user_id.as_deref(),
                rtm_channel: rtm_channel.as_deref(),
                room_uuid: room_uuid.as_deref(),
                sdk_error: sdk_error.as_deref().map(SdkError::parse).transpose()?,
                now: Some(now),
            };
            Ok(explanation_json(&explain(&token, &options)?))
        }
        Request::ReasonCodes {} => Ok(json!(Reason::CODES)),
        Request::ServiceTypes {} => Ok(ServiceType::ALL
            .iter()
            .map(|service_type| {
                let privileges: Vec<Value> = service_type
                    .privileges()
                    .iter()
                    .map(|(name, code)| json!({ "name": name, "code": code }))
                    .collect();
                json!({ "type": service_type.code(), "name": service_type.name(), "privileges": privileges })
            })
            .collect()),
        Request::SdkErrorCodes {} => Ok(json!(SdkError::ALL.iter().map(|error| error.code()).collect::<Vec<_>>())),
        Request::CredentialsFromEnv { variables } => {
            let credentials = Credentials::from_lookup(|name| variables.get(name).cloned())?;
            Ok(
                json!({ "appId": credentials.app_id().as_str(), "appCertificate": credentials.certificate().expose_secret() }),
            )
        }
    }
}

/// The native addon's `Payload` shape (bindings/node/src/access_token2.rs).
fn payload_json(payload: &Payload, verified: bool) -> Value {
    let mut value = json!({
        "version": agora_token::VERSION,
        "appId": payload.app_id(),
        "issuedAt": payload.issued_at(),
        "expire": payload.expire(),
        "expiresAt": payload.expires_at(),
        "salt": payload.salt(),
        "services": payload.services().iter().map(service_json).collect::<Vec<_>>(),
        "verified": verified,
    });
    if let (Some(code), Value::Object(fields)) = (payload.unknown_service_type(), &mut value) {
        fields.insert("unknownServiceType".to_owned(), json!(code));
    }
    value
}

/// The native addon's `AccessToken006Payload` shape (bindings/node/src/legacy.rs).
fn payload_006(token: &UnverifiedAccessToken, verified: bool) -> Value {
    let privileges: serde_json::Map<String, Value> =
        token.privileges().iter().map(|(code, expire)| (code.to_string(), json!(expire))).collect();
    json!({
        "version": agora_token::legacy::access_token::VERSION,
        "appId": token.app_id(),
        "salt": token.salt(),
        "expiresAt": token.expires_at(),
        "privileges": privileges,
        "verified": verified,
    })
}

/// The native addon's `Service` shape (bindings/node/src/services.rs): the fields of its type only.
fn service_json(service: &Service) -> Value {
    let service_type = service.service_type();
    let privileges: serde_json::Map<String, Value> =
        service.privilege_map().iter().map(|(code, expire)| (code.to_string(), json!(expire))).collect();
    let mut value = json!({ "type": service_type.code(), "name": service_type.name(), "privileges": privileges });
    if let Value::Object(object) = &mut value {
        // By the core's field names (`ServiceType::field_names`), whatever the service.
        for (name, field) in service.fields() {
            let field = match field {
                ServiceField::Text(text) => json!(text),
                ServiceField::Integer(number) => json!(number),
                ServiceField::Rtm2Permissions(permissions) => {
                    let mut details = serde_json::Map::new();
                    for (resource, permission, names) in permissions.iter() {
                        if let Value::Object(by_permission) =
                            details.entry(resource.to_string()).or_insert_with(|| Value::Object(serde_json::Map::new()))
                        {
                            by_permission.insert(permission.to_string(), json!(names));
                        }
                    }
                    Value::Object(details)
                }
            };
            object.insert(name.to_owned(), field);
        }
    }
    value
}

/// The native addon's `Explanation` shape (bindings/node/src/explain.rs), so both builds
/// answer `explain` alike: camelCase names, times as Unix seconds, `text` the full report.
fn explanation_json(explanation: &Explanation) -> Value {
    let reasons = |reasons: &[Reason]| -> Vec<Value> {
        reasons.iter().map(|r| json!({ "code": r.code(), "message": r.to_string() })).collect()
    };
    let services: Vec<Value> = explanation
        .services
        .iter()
        .map(|s| {
            json!({
                "type": s.type_code,
                "name": s.name,
                "fields": s.fields.iter().map(|(name, value)| field_json(s, name, value)).collect::<Vec<_>>(),
                "privileges": s.privileges.iter().map(|p| json!({
                    "code": p.code,
                    "name": p.name,
                    "value": p.value,
                    "expiresAt": p.expires_at.map(|t| t.0),
                    "expired": p.expired,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let access = explanation.access.as_ref().map(|a| {
        json!({
            "channelName": a.channel_name,
            "user": a.user,
            "canJoin": a.can_join,
            "canPublishAudio": a.can_publish_audio,
            "canPublishVideo": a.can_publish_video,
            "canPublishData": a.can_publish_data,
            "reasons": reasons(&a.reasons),
        })
    });
    let signature = match explanation.signature {
        SignatureCheck::NotChecked => "not_checked",
        SignatureCheck::Valid => "valid",
        SignatureCheck::Invalid => "invalid",
    };
    let mut value = json!({
        "version": explanation.version,
        "appId": explanation.app_id,
        "issuedAt": explanation.issued_at.map(|t| t.0),
        "lifetime": explanation.lifetime,
        "expiresAt": explanation.expires_at.0,
        "salt": explanation.salt,
        "now": explanation.now.0,
        "expired": explanation.expired,
        "signature": signature,
        "verifiedWith": explanation.verified_with.map(|slot| slot.name()),
        "services": services,
        "access": access,
        "verdicts": explanation.verdicts.iter().map(|v| json!({
            "service": v.service,
            "question": v.question,
            "allowed": v.allowed,
            "grants": v.grants,
            "reasons": reasons(&v.reasons),
            "wildcardMatches": v.wildcard_matches.iter().map(|m| json!({
                "field": m.field, "pattern": m.pattern, "value": m.value,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "sdkError": explanation.sdk_error.as_ref().map(|d| json!({
            "code": d.error.code(),
            "sdkName": d.error.sdk_name(),
            "meaning": d.error.meaning(),
            "explainedBy": reasons(&d.explained_by),
            "otherCauses": d.error.other_causes(),
            "source": d.error.source(),
        })),
        "warnings": explanation.warnings,
        "text": explanation.to_string(),
    });
    drop_nulls(&mut value);
    value
}

/// The native addon leaves an absent optional field out (`undefined`); so does this build.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            fields.retain(|_, field| !field.is_null());
            fields.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// One `ExplainedField`, with `"wildcard": true` when its value admits any channel or user.
fn field_json(report: &ServiceReport, name: &str, value: &str) -> Value {
    if report.is_wildcard_field(name, value) {
        json!({ "name": name, "value": value, "wildcard": true })
    } else {
        json!({ "name": name, "value": value })
    }
}

fn uid_or_account(uid: Option<u32>, account: Option<String>) -> Result<User, Error> {
    match (uid, account) {
        (Some(uid), None) => Ok(User::Uid(uid)),
        (None, Some(account)) => Ok(User::Account(account)),
        _ => Err(Error::InvalidArgument {
            field: "uid/account".to_owned(),
            reason: "pass exactly one: `uid` (a number, 0 = any user) or `account` (a string)".to_owned(),
        }),
    }
}

fn to_service(input: ServiceInput) -> Result<Service, Error> {
    let service_type = ServiceType::from_code(input.service_type)?;
    service_type.check_fields(&input.given_fields())?;
    // Each given field as the core holds it (a uid or account as packed); the core builds the
    // service of any type from them, taking its defaults for the fields left out.
    let text = |value: String| ServiceField::Text(value);
    let user = |value: UserInput| ServiceField::Text(User::from(value).to_wire_string());
    let fields = [
        ("channelName", input.channel_name.map(text)),
        ("uid", input.uid.map(user)),
        ("account", input.account.map(user)),
        ("userId", input.user_id.map(user)),
        ("roomUuid", input.room_uuid.map(text)),
        ("userUuid", input.user_uuid.map(text)),
        ("role", input.role.map(ServiceField::Integer)),
        ("permissions", input.permissions.map(rtm2_permissions).transpose()?.map(ServiceField::Rtm2Permissions)),
    ];
    let mut service =
        Service::from_fields(service_type, fields.into_iter().filter_map(|(name, value)| Some((name, value?))))?;
    // Privilege numbers a service does not define are refused (`unknown_privilege`), as natively.
    for (code, expire) in &input.privileges {
        service.set_privilege_code(number("privileges", code)?, *expire)?;
    }
    Ok(service)
}

fn rtm2_permissions(input: PermissionsInput) -> Result<Rtm2Permissions, Error> {
    let mut permissions = Rtm2Permissions::new();
    for (resource, by_permission) in input {
        let resource = agora_token::Rtm2ResourceType::from_code(number("permissions", &resource)?)?;
        for (permission, resources) in by_permission {
            let permission = agora_token::Rtm2PermissionType::from_code(number("permissions", &permission)?)?;
            permissions.add(resource, permission, resources);
        }
    }
    Ok(permissions)
}

fn number(field: &str, key: &str) -> Result<u16, Error> {
    key.parse().map_err(|_| Error::InvalidArgument {
        field: field.to_owned(),
        reason: format!("key {key:?} is not a number from 0 to 65535"),
    })
}
