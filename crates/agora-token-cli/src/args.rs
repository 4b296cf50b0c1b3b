//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::time::{parse_expiry, parse_lifetime, parse_time};

const AFTER_HELP: &str = "\
CREDENTIALS
  The app id and the app certificate (32 hexadecimal characters each, from the Agora console:
  Project -> Config) are each taken from the first of:
    1. --app-id / --certificate-file PATH (\"-\" reads standard input)
    2. the profile named by --profile NAME
    3. AGORA_APP_ID / AGORA_APP_CERTIFICATE
    4. the profile named by AGORA_PROFILE, else the profile \"default\"
  Profiles live in $XDG_CONFIG_HOME/agora-token/config.toml (default ~/.config/...):
    [profiles.default]
    app_id = \"...\"
    certificate = \"...\"          # or: certificate_file = \"~/.secrets/agora\"
  The config file and certificate files must be private (chmod 600). The certificate is never
  taken as a flag value, so it stays out of shell history and the process list.
  `agora-token credentials` shows what was found where.

TIMES
  Lifetimes (AccessToken2 --expire, --privilege-expire...) are durations from the issue time:
  3600, 45s, 90m, 1h, 1h30m, 1d. The service caps tokens at 24 hours. A value that looks like an
  absolute Unix timestamp is refused.
  Points in time (006 and DynamicKey expiries, --issued-at, explain --at) are Unix seconds,
  RFC 3339 dates with an offset (2026-11-25T10:20:22Z), +DURATION from now (+1h), or now.
  An expiry of 0 or never means no expiry where the format has one; a small plain number is
  refused as an expiry (it would be in 1970): write +1h, or @3600 for that very instant.

OUTPUT
  Build commands print the token and what it grants; --token-only prints the token alone (for
  TOKEN=$(...)), --json prints {\"token\": ..., and the fields of `inspect --json`}.
  Text is coloured when stdout is a terminal, unless NO_COLOR is set; --color always|never.

EXAMPLES
  export AGORA_APP_ID=<your app id> AGORA_APP_CERTIFICATE=<your certificate>
  agora-token rtc --channel room-1 --uid 42 --role publisher --expire 1h
  TOKEN=$(agora-token rtm --user-id alice --expire 90m --token-only)
  agora-token explain \"$TOKEN\" --channel room-1 --uid 42
  agora-token inspect \"$TOKEN\" --json
  agora-token demo                      # try it without an Agora project

EXIT CODES
  0 success, 2 usage (unknown flag, missing or malformed argument, a timestamp given as a
  lifetime), 3 invalid input, 4 malformed token, 5 signature mismatch, 6 environment (missing
  credentials, config or certificate file unreadable or not chmod 600, clock, randomness),
  7 explain --check: would be refused";

/// Build, inspect, verify and explain Agora access tokens.
#[derive(Debug, Parser)]
#[command(name = "agora-token", version, about, after_help = AFTER_HELP)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour the text output: auto (when stdout is a terminal and NO_COLOR is unset), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is unset or empty.
    Auto,
    /// Always, even when piped or with NO_COLOR set.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// RTC token for a uid or account (upstream buildTokenWithUid / buildTokenWithUserAccount,
    /// ...WithPrivilege, ...WithRtm, ...WithRtm2).
    Rtc(RtcArgs),
    /// RTM login token (upstream RtmTokenBuilder2.buildToken).
    Rtm(UserTokenArgs),
    /// RTM2 token with resource permissions (upstream buildTokenWithPermissions).
    Rtm2(Rtm2Args),
    /// Chat user or app token (upstream ChatTokenBuilder2).
    Chat(ChatArgs),
    /// FPA token (upstream FpaTokenBuilder; lifetime 24 hours, login privilege 0).
    Fpa(FpaArgs),
    /// APaaS / Flexible Classroom (Education) token: room user, user or app.
    Apaas(ApaasArgs),
    /// RTC + RTM + ConvoAI token (npm ConvoAITokenBuilder).
    ConvoAi(AgentArgs),
    /// RTC + RTM + STT token (npm SttTokenBuilder).
    Stt(AgentArgs),
    /// Streaming token (no upstream builder).
    Streaming(StreamingArgs),
    /// FCDN token (no upstream builder).
    Fcdn(FcdnArgs),
    /// Legacy AccessToken (006) for RTC or RTM.
    #[command(name = "legacy-006")]
    Legacy006(Legacy006Args),
    /// Legacy DynamicKey, versions 1 to 5.
    DynamicKey(DynamicKeyArgs),
    /// Legacy signaling token.
    Signaling(SignalingArgs),
    /// Show what a token contains, without the certificate (007, 006, 005-001, signaling).
    Inspect(InspectArgs),
    /// Check a token's signature with the certificate (exit 5 on mismatch).
    Verify(VerifyArgs),
    /// Explain a token: contents, signature, and whether a user can join a channel now and publish.
    Explain(ExplainArgs),
    /// Show which app id and certificate would be used, and where each comes from (never the certificate itself).
    Credentials(CredentialArgs),
    /// Build and explain a token with a built-in DEMO credential pair (not a real project).
    Demo,
    /// Print a shell completion script, e.g. agora-token completions bash > ~/.local/share/bash-completion/completions/agora-token.
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per command with --out-dir.
    Man(ManArgs),
}

/// Where the app id and the certificate come from (order: see CREDENTIALS in --help).
#[derive(Debug, Args, Clone)]
pub(crate) struct CredentialArgs {
    /// The App ID (32 hex characters); default: AGORA_APP_ID or the profile.
    #[arg(long, value_name = "ID", help_heading = "Credentials")]
    pub app_id: Option<String>,
    #[command(flatten)]
    pub certificate: CertificateArgs,
}

/// Where the certificate comes from, for commands that need no app id.
#[derive(Debug, Args, Clone)]
pub(crate) struct CertificateArgs {
    /// Read the app certificate from this file (chmod 600; "-" = standard input); default:
    /// AGORA_APP_CERTIFICATE or the profile.
    #[arg(long, value_name = "PATH", help_heading = "Credentials")]
    pub certificate_file: Option<PathBuf>,
    /// Use this profile of the config file (before AGORA_APP_ID/AGORA_APP_CERTIFICATE); default:
    /// AGORA_PROFILE, else "default" (after them).
    #[arg(long, value_name = "NAME", help_heading = "Credentials")]
    pub profile: Option<String>,
}

/// How a build command prints the token.
#[derive(Debug, Args, Clone)]
pub(crate) struct OutputArgs {
    /// Print JSON: the token and its decoded grants (the fields of `inspect --json`).
    #[arg(long, help_heading = "Output")]
    pub json: bool,
    /// Print only the token (for TOKEN=$(...)); warnings go to stderr.
    #[arg(long, conflicts_with = "json", help_heading = "Output")]
    pub token_only: bool,
}

/// Credentials, output and the reproducibility knobs every 007 builder takes.
#[derive(Debug, Args, Clone)]
pub(crate) struct CommonArgs {
    #[command(flatten)]
    pub credentials: CredentialArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Issue time for a reproducible token (Unix seconds or RFC 3339); default: now.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub issued_at: Option<u32>,
    /// Salt for a reproducible token; default: random.
    #[arg(long)]
    pub salt: Option<u32>,
    /// Kept for scripts: lifetimes that look like timestamps are now always refused.
    #[arg(long, hide = true)]
    pub strict: bool,
}

/// The token lifetime.
#[derive(Debug, Args, Clone)]
pub(crate) struct ExpireArgs {
    /// Token lifetime from the issue time: seconds or a duration (90m, 1h, 1h30m, 1d).
    #[arg(long, default_value = "1h", value_name = "DURATION", value_parser = parse_lifetime)]
    pub expire: u32,
}

/// Who the token is for: a numeric uid or a string account.
#[derive(Debug, Args, Clone)]
#[group(required = false, multiple = false)]
pub(crate) struct UserArgs {
    /// Numeric uid (0 = any user; a negative Android int uid is read as its unsigned value).
    #[arg(long, allow_negative_numbers = true)]
    pub uid: Option<i64>,
    /// String user account.
    #[arg(long)]
    pub account: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum RoleArg {
    /// May join and publish (alias: host).
    #[value(alias = "host", alias = "1")]
    Publisher,
    /// May join only (alias: audience).
    #[value(alias = "audience", alias = "2")]
    Subscriber,
}

#[derive(Debug, Args)]
pub(crate) struct RtcArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub lifetime: ExpireArgs,
    /// Channel name ("" or "*" = any channel).
    #[arg(long)]
    pub channel: String,
    #[command(flatten)]
    pub user: UserArgs,
    /// Role.
    #[arg(long, value_enum, default_value = "publisher")]
    pub role: RoleArg,
    /// Lifetime of the join/publish privileges from the issue time; default 0: no limit of their
    /// own, they last as long as the token (the core's DEFAULT_PRIVILEGE_EXPIRE).
    #[arg(long, value_name = "DURATION", value_parser = parse_lifetime)]
    pub privilege_expire: Option<u32>,
    /// Per-privilege lifetimes instead of a role (upstream ...AndPrivilege): join,audio,video,data,
    /// e.g. 1h,1h,0,0.
    #[arg(long, value_name = "J,A,V,D", value_parser = parse_privilege_lifetimes,
          conflicts_with_all = ["role", "privilege_expire"])]
    pub privileges: Option<[u32; 4]>,
    /// Also add RTM login for the same account, lasting the token's lifetime (upstream buildTokenWithRtm).
    #[arg(long, requires = "account", conflicts_with = "rtm_user_id")]
    pub with_rtm: bool,
    /// Also add RTM login for this user id (upstream buildTokenWithRtm2).
    #[arg(long, requires = "account")]
    pub rtm_user_id: Option<String>,
    /// Lifetime of the RTM login with --rtm-user-id; default: --expire.
    #[arg(long, requires = "rtm_user_id", value_name = "DURATION", value_parser = parse_lifetime)]
    pub rtm_expire: Option<u32>,
}

/// `--privileges J,A,V,D`: four lifetimes, for joining and publishing audio, video and data.
fn parse_privilege_lifetimes(text: &str) -> Result<[u32; 4], String> {
    let parts: Vec<&str> = text.split(',').collect();
    let [join, audio, video, data] = parts.as_slice() else {
        return Err(format!("{text:?}: expected four lifetimes join,audio,video,data, e.g. 1h,1h,0,0"));
    };
    Ok([parse_lifetime(join)?, parse_lifetime(audio)?, parse_lifetime(video)?, parse_lifetime(data)?])
}

#[derive(Debug, Args)]
pub(crate) struct UserTokenArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub lifetime: ExpireArgs,
    /// The user id.
    #[arg(long)]
    pub user_id: String,
}

#[derive(Debug, Args)]
pub(crate) struct Rtm2Args {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub lifetime: ExpireArgs,
    /// The user id.
    #[arg(long)]
    pub user_id: String,
    /// A permission as PERMISSION:RESOURCE=NAME[,NAME...], e.g. read:message-channels=lobby,news.
    /// PERMISSION is read or write; RESOURCE is message-channels, stream-channels, group-channels,
    /// server-groups or users. Repeatable.
    #[arg(long = "permission", value_name = "PERM:RESOURCE=NAMES")]
    pub permissions: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ChatArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub lifetime: ExpireArgs,
    /// A chat user token for this user id.
    #[arg(long, required_unless_present = "app", conflicts_with = "app")]
    pub user_id: Option<String>,
    /// An app token (for REST calls).
    #[arg(long)]
    pub app: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ApaasArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub lifetime: ExpireArgs,
    /// Room uuid (room-user token; needs --user-uuid and --role).
    #[arg(long, requires_all = ["user_uuid", "role"])]
    pub room_uuid: Option<String>,
    /// User uuid (user token, or room-user token with --room-uuid).
    #[arg(long)]
    pub user_uuid: Option<String>,
    /// Role in the room (room-user token).
    #[arg(long, allow_negative_numbers = true)]
    pub role: Option<i16>,
    /// App token.
    #[arg(long, conflicts_with_all = ["room_uuid", "user_uuid"])]
    pub app: bool,
}

#[derive(Debug, Args)]
pub(crate) struct AgentArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub lifetime: ExpireArgs,
    /// Channel name.
    #[arg(long)]
    pub channel: String,
    /// RTC account.
    #[arg(long)]
    pub account: String,
    /// Role.
    #[arg(long, value_enum, default_value = "publisher")]
    pub role: RoleArg,
    /// RTM user id; default: the account.
    #[arg(long)]
    pub rtm_user_id: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum StreamingPrivilegeArg {
    /// Publish a mixed stream.
    Mix,
    /// Publish a raw stream.
    Raw,
}

#[derive(Debug, Args)]
pub(crate) struct StreamingArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub lifetime: ExpireArgs,
    /// Channel name.
    #[arg(long)]
    pub channel: String,
    #[command(flatten)]
    pub user: UserArgs,
    /// Privileges to grant.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "mix,raw")]
    pub privileges: Vec<StreamingPrivilegeArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum FcdnPrivilegeArg {
    /// Publish.
    Publish,
    /// Play.
    Play,
}

#[derive(Debug, Args)]
pub(crate) struct FcdnArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub lifetime: ExpireArgs,
    /// Channel name.
    #[arg(long)]
    pub channel: String,
    #[command(flatten)]
    pub user: UserArgs,
    /// Privileges to grant.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "publish,play")]
    pub privileges: Vec<FcdnPrivilegeArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Role006Arg {
    /// 0: join and publish.
    Attendee,
    /// 1: join and publish.
    Publisher,
    /// 2: join only.
    Subscriber,
    /// 101: join and publish.
    Admin,
}

#[derive(Debug, Args)]
pub(crate) struct Legacy006Args {
    #[command(flatten)]
    pub credentials: CredentialArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// RTC channel name (RTC token).
    #[arg(long, required_unless_present = "rtm_account", conflicts_with = "rtm_account")]
    pub channel: Option<String>,
    #[command(flatten)]
    pub user: UserArgs,
    /// RTC role.
    #[arg(long, value_enum, default_value = "publisher")]
    pub role: Role006Arg,
    /// An RTM token for this account instead of an RTC token.
    #[arg(long)]
    pub rtm_account: Option<String>,
    /// When the privileges end: Unix seconds, RFC 3339, +DURATION from now, or never (0).
    #[arg(long, default_value = "never", value_name = "TIME", value_parser = parse_expiry)]
    pub privilege_expires_at: u32,
    /// When the token ends: Unix seconds, RFC 3339 or +DURATION; default: +24h.
    #[arg(long, value_name = "TIME", value_parser = parse_expiry)]
    pub expires_at: Option<u32>,
    /// Salt; default: random.
    #[arg(long)]
    pub salt: Option<u32>,
    /// Kept for scripts: expiries that look like seconds are now always refused.
    #[arg(long, hide = true)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum DynamicKeyKind {
    /// Media channel key (v4, v5).
    MediaChannel,
    /// Recording key (v4, v5).
    Recording,
    /// Public sharing key (v4, v5).
    PublicSharing,
    /// In-channel permission key without upload (v5).
    InChannelNoUpload,
    /// In-channel permission key with audio and video upload (v5).
    InChannelAudioVideo,
}

#[derive(Debug, Args)]
pub(crate) struct DynamicKeyArgs {
    #[command(flatten)]
    pub credentials: CredentialArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Key version, 1 to 5.
    #[arg(long = "key-version", value_parser = clap::value_parser!(u8).range(1..=5), default_value_t = 5)]
    pub version: u8,
    /// Key kind (versions 4 and 5).
    #[arg(long, value_enum, default_value = "media-channel")]
    pub kind: DynamicKeyKind,
    /// Channel name.
    #[arg(long)]
    pub channel: String,
    /// Uid.
    #[arg(long, default_value_t = 0)]
    pub uid: u32,
    /// Creation time (Unix seconds or RFC 3339); default: now.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub unix_ts: Option<u32>,
    /// Random number; default: random.
    #[arg(long)]
    pub random_int: Option<u32>,
    /// Expiry: Unix seconds, RFC 3339, +DURATION from now, or never (0).
    #[arg(long, default_value = "never", value_name = "TIME", value_parser = parse_expiry)]
    pub expires_at: u32,
}

#[derive(Debug, Args)]
pub(crate) struct SignalingArgs {
    #[command(flatten)]
    pub credentials: CredentialArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// The account.
    #[arg(long)]
    pub account: String,
    /// Expiry: Unix seconds, RFC 3339 or +DURATION; default: +24h.
    #[arg(long, value_name = "TIME", value_parser = parse_expiry)]
    pub expires_at: Option<u32>,
}

#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    /// The token ("-" reads it from standard input).
    pub token: String,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The token ("-" reads it from standard input).
    pub token: String,
    #[command(flatten)]
    pub certificate: CertificateArgs,
    /// For 006 tokens, which only store its CRC: the channel name the token was built for.
    #[arg(long)]
    pub channel: Option<String>,
    #[command(flatten)]
    pub user: UserArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The token ("-" reads it from standard input).
    pub token: String,
    /// Where the certificate comes from (optional: without one the signature is not checked).
    #[command(flatten)]
    pub certificate: CertificateArgs,
    /// Also accept the project's secondary certificate, read from this file (chmod 600), or
    /// from AGORA_APP_CERTIFICATE_SECONDARY; says which one verified.
    #[arg(long, value_name = "PATH", help_heading = "Credentials")]
    pub secondary_certificate_file: Option<PathBuf>,
    /// The App ID the client uses: a token for another project is reported.
    #[arg(long, value_name = "ID")]
    pub expected_app_id: Option<String>,
    /// The channel the user wants to join.
    #[arg(long)]
    pub channel: Option<String>,
    #[command(flatten)]
    pub user: UserArgs,
    /// The user id the client logs in with to RTM, Chat or APaaS (the RTM user of a 006 RTM token).
    #[arg(long, value_name = "ID")]
    pub user_id: Option<String>,
    /// An RTM channel to check the token's RTM2 permissions for.
    #[arg(long, value_name = "NAME")]
    pub rtm_channel: Option<String>,
    /// The APaaS/Education room the user enters.
    #[arg(long, value_name = "UUID")]
    pub room: Option<String>,
    /// The error the SDK reported (rtc-110 or 110, token-privilege-will-expire, renew-token-3,
    /// rtm-login-5, ...; docs/sdk-errors.md lists them): says which checks explain it.
    #[arg(long, value_name = "CODE")]
    pub sdk_error: Option<String>,
    /// Judge expiry at this time (Unix seconds, RFC 3339, +DURATION) instead of now.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub at: Option<u32>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Exit with 7 if anything asked about is refused (or, for tokens without a question, if it
    /// expired or its signature is invalid).
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub(crate) struct FpaArgs {
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write agora-token.1 and one agora-token-COMMAND.1 per command into this directory
    /// instead of printing agora-token.1.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}
