//! What each subcommand does, using only the public API of the `agora-token` crate.

use std::io::Read;
use std::path::Path;

use clap::CommandFactory;

use agora_token::legacy::access_token::{AccessToken, Role006, UnverifiedAccessToken};
use agora_token::legacy::dynamic_key::{self, Dk4Service, DynamicKeyInput};
use agora_token::legacy::dynamic_key5::{self, Dk5Service, UploadPermission};
use agora_token::legacy::signaling;
use agora_token::SdkError;
use agora_token::{
    clock, explain, AccessToken2, Credentials, Error, ErrorCategory, ExplainOptions, FcdnPrivilege,
    RtcPrivilegeExpiries, RtcRole, Rtm2PermissionType, Rtm2Permissions, Rtm2ResourceType, SignatureCheck,
    StreamingPrivilege, UnverifiedToken, User, DEFAULT_PRIVILEGE_EXPIRE, FPA_TOKEN_EXPIRE,
};

use crate::args::{
    AgentArgs, ApaasArgs, CertificateArgs, ChatArgs, Cli, Command, CommonArgs, CredentialArgs, DynamicKeyArgs,
    DynamicKeyKind, ExplainArgs, FcdnPrivilegeArg, Legacy006Args, OutputArgs, Role006Arg, RoleArg, RtcArgs,
    SignalingArgs, StreamingPrivilegeArg, UserArgs, VerifyArgs,
};
use crate::credentials::{config_path, find, missing_certificate, secondary_certificate, CredentialFlags};
use crate::exit;
use crate::output::{decode, render_rows, write_stdout, Decoded, Palette, Row};

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

/// A failure of the environment: missing credentials, unreadable files, clock, randomness.
pub(crate) fn environment(message: impl Into<String>) -> Failure {
    Failure { message: message.into(), exit_code: exit::ENVIRONMENT }
}

fn invalid(message: impl Into<String>) -> Failure {
    Failure { message: message.into(), exit_code: exit::INVALID_INPUT }
}

/// A command's result: its exit code, or what to report.
pub(crate) type Outcome<T = u8> = Result<T, Failure>;

/// Runs a command; returns the exit code.
pub(crate) fn run(cli: Cli) -> Outcome {
    let palette = Palette::for_stdout(cli.color);
    match cli.command {
        Command::Rtc(args) => build(&args.common, palette, |creds| rtc(&args, creds)),
        Command::Rtm(args) => build(&args.common, palette, |creds| {
            let expire = args.lifetime.expire;
            Ok(token2(&args.common, expire).rtm(args.user_id.clone(), expire).build(creds)?)
        }),
        Command::Rtm2(args) => build(&args.common, palette, |creds| {
            let permissions = rtm2_permissions(&args.permissions)?;
            let expire = args.lifetime.expire;
            Ok(token2(&args.common, expire).rtm2(args.user_id.clone(), permissions, expire).build(creds)?)
        }),
        Command::Chat(args) => build(&args.common, palette, |creds| chat(&args, creds)),
        Command::Fpa(args) => {
            build(&args.common, palette, |creds| Ok(token2(&args.common, FPA_TOKEN_EXPIRE).fpa().build(creds)?))
        }
        Command::Apaas(args) => build(&args.common, palette, |creds| apaas(&args, creds)),
        Command::ConvoAi(args) => build(&args.common, palette, |creds| agent(&args, Agent::ConvoAi, creds)),
        Command::Stt(args) => build(&args.common, palette, |creds| agent(&args, Agent::Stt, creds)),
        Command::Streaming(args) => build(&args.common, palette, |creds| {
            let privileges: Vec<StreamingPrivilege> = args
                .privileges
                .iter()
                .map(|p| match p {
                    StreamingPrivilegeArg::Mix => StreamingPrivilege::PublishMixStream,
                    StreamingPrivilegeArg::Raw => StreamingPrivilege::PublishRawStream,
                })
                .collect();
            let user = user(&args.user)?.unwrap_or(User::ANY);
            let expire = args.lifetime.expire;
            Ok(token2(&args.common, expire).streaming(args.channel.clone(), user, &privileges, expire).build(creds)?)
        }),
        Command::Fcdn(args) => build(&args.common, palette, |creds| {
            let privileges: Vec<FcdnPrivilege> = args
                .privileges
                .iter()
                .map(|p| match p {
                    FcdnPrivilegeArg::Publish => FcdnPrivilege::Publish,
                    FcdnPrivilegeArg::Play => FcdnPrivilege::Play,
                })
                .collect();
            let user = user(&args.user)?.unwrap_or(User::ANY);
            let expire = args.lifetime.expire;
            Ok(token2(&args.common, expire).fcdn(args.channel.clone(), user, &privileges, expire).build(creds)?)
        }),
        Command::Legacy006(args) => {
            build_with(&args.credentials, &args.output, palette, |creds| legacy_006(&args, creds))
        }
        Command::DynamicKey(args) => {
            build_with(&args.credentials, &args.output, palette, |creds| dynamic(&args, creds))
        }
        Command::Signaling(args) => {
            build_with(&args.credentials, &args.output, palette, |creds| signaling_token(&args, creds))
        }
        Command::Inspect(args) => inspect(&read_token(&args.token)?, args.json, palette),
        Command::Verify(args) => verify(&args),
        Command::Explain(args) => explain_command(&args, palette),
        Command::Credentials(args) => show_credentials(&args, palette),
        Command::Demo => demo(palette),
        Command::Completions(args) => completions(args.shell),
        Command::Man(args) => man(args.out_dir.as_deref()),
    }
}

/// Builds a 007 token with the common arguments' credentials and prints it as asked.
fn build(common: &CommonArgs, palette: Palette, make: impl FnOnce(&Credentials) -> Outcome<String>) -> Outcome {
    build_with(&common.credentials, &common.output, palette, make)
}

/// Finds the credentials, builds a token with them, and prints it: the token alone
/// (`--token-only`, warnings on stderr), JSON (`--json`), or the token and what it grants.
fn build_with(
    credentials: &CredentialArgs,
    output: &OutputArgs,
    palette: Palette,
    make: impl FnOnce(&Credentials) -> Outcome<String>,
) -> Outcome {
    let creds = find(&flags(credentials))?.credentials()?;
    let token = make(&creds)?;
    // The certificate just used: a decoded 007 token then shows "signature valid".
    let options = ExplainOptions { certificate: Some(creds.certificate()), ..ExplainOptions::default() };
    let decoded = decode(&token, &options)?;
    if output.token_only {
        write_stdout(format!("{token}\n"))?;
        for warning in decoded.build_warnings() {
            eprintln!("agora-token: warning: {warning}");
        }
    } else if output.json {
        write_stdout(format!("{:#}\n", decoded.to_json(&token)?))?;
    } else {
        let mut rows = vec![Row::token(&token)];
        rows.extend(decoded.rows(palette));
        write_stdout(render_rows(&rows, palette))?;
    }
    Ok(0)
}

fn flags(args: &CredentialArgs) -> CredentialFlags<'_> {
    CredentialFlags { app_id: args.app_id.as_deref(), certificate_only: false, ..certificate_flags(&args.certificate) }
}

fn certificate_flags(args: &CertificateArgs) -> CredentialFlags<'_> {
    CredentialFlags {
        app_id: None,
        certificate_file: args.certificate_file.as_deref(),
        profile: args.profile.as_deref(),
        certificate_only: true,
    }
}

/// Standard input can hold the token or the certificate, not both.
fn one_reader_of_stdin(token: &str, certificate: &CertificateArgs) -> Outcome<()> {
    if token == "-" && certificate.certificate_file.as_deref() == Some(Path::new("-")) {
        return Err(Failure {
            message: "the token and --certificate-file cannot both be read from standard input (\"-\")".to_owned(),
            exit_code: exit::USAGE,
        });
    }
    Ok(())
}

fn token2(common: &CommonArgs, expire: u32) -> AccessToken2 {
    let mut token = AccessToken2::new(expire);
    token.strict(common.strict).issued(common.issued_at, common.salt);
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

fn rtc(args: &RtcArgs, creds: &Credentials) -> Outcome<String> {
    let common = &args.common;
    let expire = args.lifetime.expire;
    let user = user(&args.user)?.ok_or_else(|| invalid("pass --uid (0 = any user) or --account"))?;
    let privilege_expire = args.privilege_expire.unwrap_or(DEFAULT_PRIVILEGE_EXPIRE);
    let mut builder = token2(common, expire);
    let builder = match (&args.privileges, args.with_rtm, &args.rtm_user_id, &user) {
        (Some([join_channel, publish_audio, publish_video, publish_data]), _, _, _) => {
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
            args.rtm_expire.unwrap_or(expire),
        ),
        _ => builder.rtc(args.channel.clone(), user, role(args.role), privilege_expire),
    };
    Ok(builder.build(creds)?)
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

fn chat(args: &ChatArgs, creds: &Credentials) -> Outcome<String> {
    let expire = args.lifetime.expire;
    let mut builder = token2(&args.common, expire);
    let builder = match &args.user_id {
        Some(user_id) => builder.chat_user(user_id.clone(), expire),
        None => builder.chat_app(expire),
    };
    Ok(builder.build(creds)?)
}

fn apaas(args: &ApaasArgs, creds: &Credentials) -> Outcome<String> {
    let expire = args.lifetime.expire;
    let mut builder = token2(&args.common, expire);
    let builder = match (&args.room_uuid, &args.user_uuid, args.role, args.app) {
        (Some(room), Some(user), Some(role), false) => builder.apaas_room_user(room.clone(), user, role, expire),
        (None, Some(user), None, false) => builder.apaas_user(user.clone(), expire),
        (None, None, None, true) => builder.apaas_app(expire),
        _ => return Err(invalid("pass --room-uuid, --user-uuid and --role (room user), --user-uuid (user), or --app")),
    };
    Ok(builder.build(creds)?)
}

#[derive(Debug, Clone, Copy)]
enum Agent {
    ConvoAi,
    Stt,
}

fn agent(args: &AgentArgs, agent: Agent, creds: &Credentials) -> Outcome<String> {
    let expire = args.lifetime.expire;
    let mut builder = token2(&args.common, expire);
    let rtm_user_id = args.rtm_user_id.clone().unwrap_or_else(|| args.account.clone());
    let expiries = RtcPrivilegeExpiries::all(expire);
    let builder = match agent {
        Agent::ConvoAi => {
            builder.convo_ai(args.channel.clone(), &args.account, role(args.role), expiries, rtm_user_id, expire)
        }
        Agent::Stt => builder.stt(args.channel.clone(), &args.account, role(args.role), expiries, rtm_user_id, expire),
    };
    Ok(builder.build(creds)?)
}

fn legacy_006(args: &Legacy006Args, creds: &Credentials) -> Outcome<String> {
    let mut token = match (&args.rtm_account, &args.channel) {
        (Some(account), _) => AccessToken::rtm(account.clone(), args.privilege_expires_at),
        (None, Some(channel)) => {
            let user = user(&args.user)?.unwrap_or(User::ANY);
            let role = match args.role {
                Role006Arg::Attendee => Role006::Attendee,
                Role006Arg::Publisher => Role006::Publisher,
                Role006Arg::Subscriber => Role006::Subscriber,
                Role006Arg::Admin => Role006::Admin,
            };
            AccessToken::rtc(channel.clone(), user, role, args.privilege_expires_at)
        }
        (None, None) => return Err(invalid("pass --channel (RTC) or --rtm-account (RTM)")),
    };
    token.strict(args.strict).expires_at(args.expires_at).issued(None, args.salt);
    Ok(token.build(creds)?)
}

fn dynamic(args: &DynamicKeyArgs, creds: &Credentials) -> Outcome<String> {
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
        1 => dynamic_key::generate_v1(creds, &input)?,
        2 => dynamic_key::generate_v2(creds, &input)?,
        3 => dynamic_key::generate_v3(creds, &input)?,
        4 => dynamic_key::generate_v4(creds, v4_service(args.kind)?, &input)?,
        _ => {
            let service = match args.kind {
                DynamicKeyKind::MediaChannel => Dk5Service::MediaChannel,
                DynamicKeyKind::Recording => Dk5Service::Recording,
                DynamicKeyKind::PublicSharing => Dk5Service::PublicSharing,
                DynamicKeyKind::InChannelNoUpload => Dk5Service::InChannelPermission(UploadPermission::NoUpload),
                DynamicKeyKind::InChannelAudioVideo => Dk5Service::InChannelPermission(UploadPermission::AudioVideo),
            };
            dynamic_key5::generate(creds, service, &input)?
        }
    };
    Ok(key)
}

fn signaling_token(args: &SignalingArgs, creds: &Credentials) -> Outcome<String> {
    let expires_at = match args.expires_at {
        Some(ts) => ts,
        None => clock::now()?.saturating_add(86_400),
    };
    Ok(signaling::generate(creds, &args.account, expires_at))
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

/// Prints a decoded token as JSON or as aligned text.
fn print_decoded(token: &str, decoded: &Decoded, as_json: bool, palette: Palette) -> Outcome<()> {
    if as_json {
        write_stdout(format!("{:#}\n", decoded.to_json(token)?))
    } else {
        write_stdout(render_rows(&decoded.rows(palette), palette))
    }
}

fn inspect(token: &str, as_json: bool, palette: Palette) -> Outcome {
    print_decoded(token, &decode(token, &ExplainOptions::default())?, as_json, palette)?;
    Ok(0)
}

fn verify(args: &VerifyArgs) -> Outcome {
    one_reader_of_stdin(&args.token, &args.certificate)?;
    let found = find(&certificate_flags(&args.certificate))?;
    let config = found.config.clone();
    let (certificate, _) = found.certificate.ok_or_else(|| missing_certificate(config.as_deref()))?;
    let token = read_token(&args.token)?;
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
    write_stdout("signature valid\n")?;
    Ok(0)
}

fn explain_command(args: &ExplainArgs, palette: Palette) -> Outcome {
    one_reader_of_stdin(&args.token, &args.certificate)?;
    let certificate = find(&certificate_flags(&args.certificate))?.certificate.map(|(certificate, _)| certificate);
    let secondary = secondary_certificate(args.secondary_certificate_file.as_deref())?;
    let token = read_token(&args.token)?;
    let options = ExplainOptions {
        certificate: certificate.as_ref(),
        secondary_certificate: secondary.as_ref(),
        expected_app_id: args.expected_app_id.as_deref(),
        channel_name: args.channel.as_deref(),
        user: user(&args.user)?,
        user_id: args.user_id.as_deref(),
        rtm_channel: args.rtm_channel.as_deref(),
        room_uuid: args.room.as_deref(),
        sdk_error: args.sdk_error.as_deref().map(SdkError::parse).transpose()?,
        now: args.at.map(u64::from),
    };
    let explanation = explain(&token, &options)?;
    let asked_beyond_rtc = options.user_id.is_some() || options.rtm_channel.is_some() || options.room_uuid.is_some();
    let refused = match &explanation.access {
        _ if asked_beyond_rtc => explanation.verdicts.iter().any(|verdict| !verdict.allowed),
        Some(access) => !access.can_join,
        None => explanation.expired || explanation.signature == SignatureCheck::Invalid,
    };
    print_decoded(&token, &Decoded::Answered(Box::new(explanation)), args.json, palette)?;
    Ok(if args.check && refused { exit::WOULD_BE_REFUSED } else { 0 })
}

/// `agora-token credentials`: what was found where, never the certificate itself.
fn show_credentials(args: &CredentialArgs, palette: Palette) -> Outcome {
    let found = find(&flags(args))?;
    let config = found.config.clone().or_else(config_path);
    let missing = |what: &str| format!("not found ({what})");
    let app_id = match &found.app_id {
        Some((id, source)) => format!("{id}  from {source}"),
        None => missing("pass --app-id, set AGORA_APP_ID, or add app_id to a profile"),
    };
    let certificate = match &found.certificate {
        Some((_, source)) => format!("set  from {source}"),
        None => missing("set AGORA_APP_CERTIFICATE, pass --certificate-file, or add certificate to a profile"),
    };
    let config_state = match &config {
        Some(path) if path.exists() => path.display().to_string(),
        Some(path) => format!("{} (does not exist)", path.display()),
        None => "none (neither XDG_CONFIG_HOME nor HOME is set)".to_owned(),
    };
    write_stdout(render_rows(
        &[Row::new(0, "app id", app_id), Row::new(0, "certificate", certificate), Row::new(0, "config", config_state)],
        palette,
    ))?;
    let complete = found.app_id.is_some() && found.certificate.is_some();
    Ok(if complete { 0 } else { exit::ENVIRONMENT })
}

fn completions(shell: clap_complete::Shell) -> Outcome {
    // Into a buffer first: clap_complete panics when its writer fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "agora-token", &mut script);
    write_stdout(script)?;
    Ok(0)
}

/// The man page is generated from the same clap definition as `--help`, so packagers run
/// the built binary (`agora-token man --out-dir share/man/man1`) instead of a build script.
fn man(out_dir: Option<&Path>) -> Outcome {
    let command = Cli::command();
    match out_dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map_err(|e| environment(format!("cannot render the man page: {e}")))?;
            write_stdout(page)?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .and_then(|()| clap_mangen::generate_to(command, dir))
                .map_err(|e| environment(format!("cannot write the man pages to {}: {e}", dir.display())))?;
        }
    }
    Ok(0)
}

/// Throwaway credentials for trying the tool; not an Agora project.
const DEMO_APP_ID: &str = "00000000000000000000000000000de0";
const DEMO_CERTIFICATE: &str = "0000000000000000000000000000de01";

fn demo(palette: Palette) -> Outcome {
    let creds = Credentials::new(DEMO_APP_ID, DEMO_CERTIFICATE)?;
    let token = AccessToken2::new(3600).rtc("demo-channel", 42, RtcRole::Publisher, 3600).build(&creds)?;
    let options = ExplainOptions {
        certificate: Some(creds.certificate()),
        channel_name: Some("demo-channel"),
        user: Some(User::Uid(42)),
        ..ExplainOptions::default()
    };
    let wrong = ExplainOptions { channel_name: Some("another-channel"), user: Some(User::Uid(7)), ..options.clone() };
    let explained = |options| -> Outcome<String> {
        Ok(render_rows(&Decoded::Answered(Box::new(explain(&token, options)?)).rows(palette), palette))
    };
    write_stdout(format!(
        "*** DEMO CREDENTIALS: app id {DEMO_APP_ID} is not a real Agora project; these tokens will not work with Agora. ***\n\
         *** For real tokens: export AGORA_APP_ID=... AGORA_APP_CERTIFICATE=... and run `agora-token rtc --help`. ***\n\n\
         $ agora-token rtc --channel demo-channel --uid 42 --role publisher --expire 1h --token-only\n{token}\n\n\
         $ agora-token explain <token> --channel demo-channel --uid 42\n{}\n\
         $ agora-token explain <token> --channel another-channel --uid 7\n{}",
        explained(&options)?,
        explained(&wrong)?,
    ))?;
    Ok(0)
}
