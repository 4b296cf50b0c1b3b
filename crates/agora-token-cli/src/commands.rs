//! What each subcommand does, using only the public API of the `agora-token` crate.

use std::io::Read;
use std::path::Path;

use agora_token::legacy::dynamic_key::{self, Dk4Service, DynamicKeyInput};
use agora_token::legacy::dynamic_key5::{self, Dk5Service, UploadPermission};
use agora_token::legacy::{signaling, AccessToken, Role006, UnverifiedAccessToken};
use agora_token::{
    clock, explain, AccessToken2, AppCertificate, Credentials, Error, ErrorCategory, ExplainOptions, FcdnPrivilege,
    RtcPrivilegeExpiries, RtcRole, Rtm2PermissionType, Rtm2Permissions, Rtm2ResourceType, SignatureCheck,
    StreamingPrivilege, UnverifiedToken, User, FPA_TOKEN_EXPIRE,
};
use serde_json::json;

use crate::args::{
    ApaasArgs, ChatArgs, Cli, Command, CommonArgs, DynamicKeyArgs, DynamicKeyKind, ExplainArgs, FcdnPrivilegeArg,
    Legacy006Args, Role006Arg, RoleArg, RtcArgs, SignalingArgs, StreamingPrivilegeArg, UserArgs, VerifyArgs,
};
use crate::exit;

/// A failure to report: the message for stderr and the exit code of its class.
#[derive(Debug)]
pub(crate) struct Failure {
    pub message: String,
    pub exit_code: u8,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let exit_code = match error.category() {
            ErrorCategory::InvalidInput => exit::INVALID_INPUT,
            ErrorCategory::MalformedToken => exit::MALFORMED_TOKEN,
            ErrorCategory::Verification => exit::VERIFICATION_FAILED,
            _ => exit::ENVIRONMENT,
        };
        Failure { message: error.to_string(), exit_code }
    }
}

fn environment(message: impl Into<String>) -> Failure {
    Failure { message: message.into(), exit_code: exit::ENVIRONMENT }
}

fn invalid(message: impl Into<String>) -> Failure {
    Failure { message: message.into(), exit_code: exit::INVALID_INPUT }
}

type Outcome<T = u8> = Result<T, Failure>;

/// Runs a command; returns the exit code.
pub(crate) fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Rtc(args) => print_token(rtc(&args)),
        Command::Rtm(args) => {
            let creds = credentials(args.common.app_id.as_deref(), args.common.certificate_file.as_deref())?;
            print_token(token2(&creds, &args.common, args.common.expire).rtm(args.user_id, args.common.expire).build())
        }
        Command::Rtm2(args) => {
            let creds = credentials(args.common.app_id.as_deref(), args.common.certificate_file.as_deref())?;
            let permissions = rtm2_permissions(&args.permissions)?;
            let token =
                token2(&creds, &args.common, args.common.expire).rtm2(args.user_id, permissions, args.common.expire);
            print_token(token.build())
        }
        Command::Chat(args) => print_token(chat(&args)),
        Command::Fpa(common) => {
            let creds = credentials(common.app_id.as_deref(), common.certificate_file.as_deref())?;
            print_token(token2(&creds, &common, FPA_TOKEN_EXPIRE).fpa().build())
        }
        Command::Apaas(args) => print_token(apaas(&args)),
        Command::ConvoAi(args) => print_token(agent(&args, Agent::ConvoAi)),
        Command::Stt(args) => print_token(agent(&args, Agent::Stt)),
        Command::Streaming(args) => {
            let creds = credentials(args.common.app_id.as_deref(), args.common.certificate_file.as_deref())?;
            let privileges: Vec<StreamingPrivilege> = args
                .privileges
                .iter()
                .map(|p| match p {
                    StreamingPrivilegeArg::Mix => StreamingPrivilege::PublishMixStream,
                    StreamingPrivilegeArg::Raw => StreamingPrivilege::PublishRawStream,
                })
                .collect();
            let user = user(&args.user)?.unwrap_or(User::ANY);
            let token = token2(&creds, &args.common, args.common.expire).streaming(
                args.channel,
                user,
                &privileges,
                args.common.expire,
            );
            print_token(token.build())
        }
        Command::Fcdn(args) => {
            let creds = credentials(args.common.app_id.as_deref(), args.common.certificate_file.as_deref())?;
            let privileges: Vec<FcdnPrivilege> = args
                .privileges
                .iter()
                .map(|p| match p {
                    FcdnPrivilegeArg::Publish => FcdnPrivilege::Publish,
                    FcdnPrivilegeArg::Play => FcdnPrivilege::Play,
                })
                .collect();
            let user = user(&args.user)?.unwrap_or(User::ANY);
            let token = token2(&creds, &args.common, args.common.expire).fcdn(
                args.channel,
                user,
                &privileges,
                args.common.expire,
            );
            print_token(token.build())
        }
        Command::Legacy006(args) => print_token(legacy_006(&args)),
        Command::DynamicKey(args) => print_token(dynamic(&args)),
        Command::Signaling(args) => print_token(signaling_token(&args)),
        Command::Inspect(args) => inspect(&read_token(&args.token)?, args.json),
        Command::Verify(args) => verify(&args),
        Command::Explain(args) => explain_command(&args),
        Command::Demo => demo(),
    }
}

fn print_token<E: Into<Failure>>(token: Result<String, E>) -> Outcome {
    println!("{}", token.map_err(Into::into)?);
    Ok(0)
}

/// Reads the app id (flag or AGORA_APP_ID) and the certificate (file or AGORA_APP_CERTIFICATE).
fn credentials(app_id: Option<&str>, certificate_file: Option<&Path>) -> Outcome<Credentials> {
    let app_id = app_id.ok_or_else(|| environment("no app id: set AGORA_APP_ID or pass --app-id"))?;
    let certificate = certificate(certificate_file)?.ok_or_else(|| {
        environment("no app certificate: set AGORA_APP_CERTIFICATE or pass --certificate-file (it is never taken as a flag value)")
    })?;
    Ok(Credentials::from_parts(agora_token::AppId::new(app_id)?, certificate))
}

/// The certificate from a file or the environment, if either is given.
fn certificate(file: Option<&Path>) -> Outcome<Option<AppCertificate>> {
    let text = match file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| environment(format!("cannot read the certificate file {}: {e}", path.display())))?,
        ),
        None => std::env::var("AGORA_APP_CERTIFICATE").ok().filter(|value| !value.is_empty()),
    };
    text.map(|text| AppCertificate::new(text.trim()).map_err(Failure::from)).transpose()
}

fn token2<'a>(creds: &'a Credentials, common: &CommonArgs, expire: u32) -> AccessToken2<'a> {
    let mut token = AccessToken2::new(creds, expire).strict(common.strict);
    if let Some(issued_at) = common.issued_at {
        token = token.issued_at(issued_at);
    }
    if let Some(salt) = common.salt {
        token = token.salt(salt);
    }
    token
}

fn user(args: &UserArgs) -> Outcome<Option<User>> {
    match (args.uid, &args.account) {
        (Some(uid), _) => Ok(Some(User::from_signed_uid(uid)?)),
        (None, Some(account)) => Ok(Some(User::Account(account.clone()))),
        (None, None) => Ok(None),
    }
}

fn role(role: RoleArg) -> RtcRole {
    match role {
        RoleArg::Publisher => RtcRole::Publisher,
        RoleArg::Subscriber => RtcRole::Subscriber,
    }
}

fn rtc(args: &RtcArgs) -> Result<String, Failure> {
    let creds = credentials(args.common.app_id.as_deref(), args.common.certificate_file.as_deref())?;
    let common = &args.common;
    let user = user(&args.user)?.ok_or_else(|| invalid("pass --uid (0 = any user) or --account"))?;
    let privilege_expire = args.privilege_expire.unwrap_or(common.expire);
    let builder = token2(&creds, common, common.expire);
    let builder = match (&args.privileges, args.with_rtm, &args.rtm_user_id, &user) {
        (Some(p), _, _, _) => {
            let [join_channel, publish_audio, publish_video, publish_data] = p.as_slice() else {
                return Err(invalid("--privileges takes four values: join,audio,video,data"));
            };
            let expiries = RtcPrivilegeExpiries {
                join_channel: *join_channel,
                publish_audio: *publish_audio,
                publish_video: *publish_video,
                publish_data: *publish_data,
            };
            builder.rtc_with_privileges(args.channel.clone(), user, expiries)
        }
        (None, true, _, User::Account(account)) => {
            builder.rtc_with_rtm(args.channel.clone(), account, role(args.role), privilege_expire)
        }
        (None, _, Some(rtm_user_id), User::Account(account)) => builder.rtc_with_rtm_expiries(
            args.channel.clone(),
            account,
            role(args.role),
            RtcPrivilegeExpiries::all(privilege_expire),
            rtm_user_id.clone(),
            args.rtm_expire.unwrap_or(common.expire),
        ),
        _ => builder.rtc(args.channel.clone(), user, role(args.role), privilege_expire),
    };
    Ok(builder.build()?)
}

fn rtm2_permissions(specs: &[String]) -> Outcome<Rtm2Permissions> {
    let mut permissions = Rtm2Permissions::new();
    for spec in specs {
        let usage = || {
            invalid(format!(
                "--permission {spec:?}: expected PERMISSION:RESOURCE=NAME[,NAME...], e.g. read:message-channels=lobby"
            ))
        };
        let (kinds, names) = spec.split_once('=').ok_or_else(usage)?;
        let (permission, resource) = kinds.split_once(':').ok_or_else(usage)?;
        let permission = match permission {
            "read" => Rtm2PermissionType::Read,
            "write" => Rtm2PermissionType::Write,
            _ => return Err(usage()),
        };
        let resource = match resource {
            "message-channels" => Rtm2ResourceType::MessageChannel,
            "stream-channels" => Rtm2ResourceType::StreamChannel,
            "group-channels" => Rtm2ResourceType::GroupChannel,
            "server-groups" => Rtm2ResourceType::ServerGroup,
            "users" => Rtm2ResourceType::User,
            _ => return Err(usage()),
        };
        permissions.add(resource, permission, names.split(',').filter(|n| !n.is_empty()));
    }
    Ok(permissions)
}

fn chat(args: &ChatArgs) -> Result<String, Failure> {
    let creds = credentials(args.common.app_id.as_deref(), args.common.certificate_file.as_deref())?;
    let builder = token2(&creds, &args.common, args.common.expire);
    let builder = match &args.user_id {
        Some(user_id) => builder.chat_user(user_id.clone(), args.common.expire),
        None => builder.chat_app(args.common.expire),
    };
    Ok(builder.build()?)
}

fn apaas(args: &ApaasArgs) -> Result<String, Failure> {
    let creds = credentials(args.common.app_id.as_deref(), args.common.certificate_file.as_deref())?;
    let expire = args.common.expire;
    let builder = token2(&creds, &args.common, expire);
    let builder = match (&args.room_uuid, &args.user_uuid, args.role, args.app) {
        (Some(room), Some(user), Some(role), false) => builder.apaas_room_user(room.clone(), user, role, expire),
        (None, Some(user), None, false) => builder.apaas_user(user.clone(), expire),
        (None, None, None, true) => builder.apaas_app(expire),
        _ => return Err(invalid("pass --room-uuid, --user-uuid and --role (room user), --user-uuid (user), or --app")),
    };
    Ok(builder.build()?)
}

#[derive(Debug, Clone, Copy)]
enum Agent {
    ConvoAi,
    Stt,
}

fn agent(args: &crate::args::AgentArgs, agent: Agent) -> Result<String, Failure> {
    let creds = credentials(args.common.app_id.as_deref(), args.common.certificate_file.as_deref())?;
    let expire = args.common.expire;
    let builder = token2(&creds, &args.common, expire);
    let rtm_user_id = args.rtm_user_id.clone().unwrap_or_else(|| args.account.clone());
    let expiries = RtcPrivilegeExpiries::all(expire);
    let builder = match agent {
        Agent::ConvoAi => {
            builder.convo_ai(args.channel.clone(), &args.account, role(args.role), expiries, rtm_user_id, expire)
        }
        Agent::Stt => builder.stt(args.channel.clone(), &args.account, role(args.role), expiries, rtm_user_id, expire),
    };
    Ok(builder.build()?)
}

fn legacy_006(args: &Legacy006Args) -> Result<String, Failure> {
    let creds = credentials(args.app_id.as_deref(), args.certificate_file.as_deref())?;
    let mut token = match (&args.rtm_account, &args.channel) {
        (Some(account), _) => AccessToken::rtm(&creds, account.clone(), args.privilege_expires_at),
        (None, Some(channel)) => {
            let user = user(&args.user)?.unwrap_or(User::ANY);
            let role = match args.role {
                Role006Arg::Attendee => Role006::Attendee,
                Role006Arg::Publisher => Role006::Publisher,
                Role006Arg::Subscriber => Role006::Subscriber,
                Role006Arg::Admin => Role006::Admin,
            };
            AccessToken::rtc(&creds, channel.clone(), user, role, args.privilege_expires_at)
        }
        (None, None) => return Err(invalid("pass --channel (RTC) or --rtm-account (RTM)")),
    };
    token = token.strict(args.strict);
    if let Some(expires_at) = args.expires_at {
        token = token.expires_at(expires_at);
    }
    if let Some(salt) = args.salt {
        token = token.salt(salt);
    }
    Ok(token.build()?)
}

fn dynamic(args: &DynamicKeyArgs) -> Result<String, Failure> {
    let creds = credentials(args.app_id.as_deref(), args.certificate_file.as_deref())?;
    let input = DynamicKeyInput {
        channel_name: args.channel.clone(),
        unix_ts: match args.unix_ts {
            Some(ts) => ts,
            None => clock::now()?,
        },
        random_int: match args.random_int {
            Some(value) => value,
            None => clock::random_salt()?,
        },
        uid: args.uid,
        expired_ts: args.expires_at,
    };
    let v4_service = |kind| match kind {
        DynamicKeyKind::MediaChannel => Ok(Dk4Service::MediaChannel),
        DynamicKeyKind::Recording => Ok(Dk4Service::Recording),
        DynamicKeyKind::PublicSharing => Ok(Dk4Service::PublicSharing),
        _ => Err(invalid("in-channel permission keys exist only in version 5")),
    };
    let key = match args.version {
        1 => dynamic_key::generate_v1(&creds, &input)?,
        2 => dynamic_key::generate_v2(&creds, &input)?,
        3 => dynamic_key::generate_v3(&creds, &input)?,
        4 => dynamic_key::generate_v4(&creds, v4_service(args.kind)?, &input)?,
        _ => {
            let service = match args.kind {
                DynamicKeyKind::MediaChannel => Dk5Service::MediaChannel,
                DynamicKeyKind::Recording => Dk5Service::Recording,
                DynamicKeyKind::PublicSharing => Dk5Service::PublicSharing,
                DynamicKeyKind::InChannelNoUpload => Dk5Service::InChannelPermission(UploadPermission::NoUpload),
                DynamicKeyKind::InChannelAudioVideo => Dk5Service::InChannelPermission(UploadPermission::AudioVideo),
            };
            dynamic_key5::generate(&creds, service, &input)?
        }
    };
    Ok(key)
}

fn signaling_token(args: &SignalingArgs) -> Result<String, Failure> {
    let creds = credentials(args.app_id.as_deref(), args.certificate_file.as_deref())?;
    let expires_at = match args.expires_at {
        Some(ts) => ts,
        None => clock::now()?.saturating_add(86_400),
    };
    Ok(signaling::generate(&creds, &args.account, expires_at))
}

fn read_token(argument: &str) -> Outcome<String> {
    if argument != "-" {
        return Ok(argument.trim().to_owned());
    }
    let mut token = String::new();
    std::io::stdin()
        .read_to_string(&mut token)
        .map_err(|e| environment(format!("cannot read the token from stdin: {e}")))?;
    Ok(token.trim().to_owned())
}

fn inspect(token: &str, as_json: bool) -> Outcome {
    if token.starts_with("007") || token.starts_with("006") {
        let explanation = explain(token, &ExplainOptions::default())?;
        print_explanation(&explanation, as_json)?;
        return Ok(0);
    }
    let fields = if token.starts_with("005") {
        let key = dynamic_key5::parse(token)?;
        json!({"version": "005", "service_type": key.service_type, "app_id": key.app_id, "unix_ts": key.unix_ts,
               "random_int": key.random_int, "expires_at": key.expired_ts, "extra": key.extra, "signature": key.signature})
    } else if token.starts_with("1:") {
        let parsed = signaling::parse(token)?;
        json!({"version": "signaling", "app_id": parsed.app_id, "expires_at": parsed.expired_ts, "digest": parsed.digest})
    } else {
        let key = dynamic_key::parse(token)?;
        json!({"version": format!("DynamicKey{}", key.version), "app_id": key.app_id, "unix_ts": key.unix_ts,
               "random_int": key.random_int, "uid": key.uid, "expires_at": key.expired_ts, "signature": key.signature})
    };
    if as_json {
        println!("{fields:#}");
    } else if let Some(object) = fields.as_object() {
        for (name, value) in object {
            println!("{name:<12} {value}");
        }
    }
    Ok(0)
}

fn print_explanation(explanation: &agora_token::Explanation, as_json: bool) -> Outcome<()> {
    if as_json {
        let text =
            serde_json::to_string_pretty(explanation).map_err(|e| environment(format!("cannot write JSON: {e}")))?;
        println!("{text}");
    } else {
        print!("{explanation}");
    }
    Ok(())
}

fn verify(args: &VerifyArgs) -> Outcome {
    let token = read_token(&args.token)?;
    let certificate = certificate(args.certificate_file.as_deref())?
        .ok_or_else(|| environment("no app certificate: set AGORA_APP_CERTIFICATE or pass --certificate-file"))?;
    if token.starts_with("006") {
        let (Some(channel), Some(user)) = (&args.channel, user(&args.user)?) else {
            return Err(invalid(
                "006 tokens store only CRCs of the channel and uid: pass --channel and --uid or --account",
            ));
        };
        UnverifiedAccessToken::parse(&token)?.check_signature(&certificate, channel, &user)?;
    } else {
        UnverifiedToken::parse(&token)?.check_signature(&certificate)?;
    }
    println!("signature valid");
    Ok(0)
}

fn explain_command(args: &ExplainArgs) -> Outcome {
    let token = read_token(&args.token)?;
    let certificate = certificate(args.certificate_file.as_deref())?;
    let options = ExplainOptions {
        certificate: certificate.as_ref(),
        channel_name: args.channel.as_deref(),
        user: user(&args.user)?,
        now: args.at,
    };
    let explanation = explain(&token, &options)?;
    print_explanation(&explanation, args.json)?;
    let refused = match &explanation.access {
        Some(access) => !access.can_join,
        None => explanation.expired || explanation.signature == SignatureCheck::Invalid,
    };
    Ok(if args.check && refused { exit::WOULD_BE_REFUSED } else { 0 })
}

/// Throwaway credentials for trying the tool; not an Agora project.
const DEMO_APP_ID: &str = "00000000000000000000000000000de0";
const DEMO_CERTIFICATE: &str = "0000000000000000000000000000de01";

fn demo() -> Outcome {
    println!("*** DEMO CREDENTIALS: app id {DEMO_APP_ID} is not a real Agora project; these tokens will not work with Agora. ***");
    println!("*** For real tokens: export AGORA_APP_ID=... AGORA_APP_CERTIFICATE=... and run `agora-token rtc --help`. ***\n");
    let creds = Credentials::new(DEMO_APP_ID, DEMO_CERTIFICATE)?;
    let token = AccessToken2::new(&creds, 3600).rtc("demo-channel", 42, RtcRole::Publisher, 3600).build()?;
    println!("$ agora-token rtc --channel demo-channel --uid 42 --role publisher --expire 3600\n{token}\n");
    let options = ExplainOptions {
        certificate: Some(creds.certificate()),
        channel_name: Some("demo-channel"),
        user: Some(User::Uid(42)),
        now: None,
    };
    println!("$ agora-token explain <token> --channel demo-channel --uid 42");
    print!("{}", explain(&token, &options)?);
    let wrong = ExplainOptions { channel_name: Some("another-channel"), user: Some(User::Uid(7)), ..options };
    println!("\n$ agora-token explain <token> --channel another-channel --uid 7");
    print!("{}", explain(&token, &wrong)?);
    Ok(0)
}
