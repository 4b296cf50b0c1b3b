//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
CREDENTIALS
  The app id comes from --app-id or AGORA_APP_ID. The app certificate comes from
  AGORA_APP_CERTIFICATE or --certificate-file; it is never accepted as a flag value, so it
  stays out of shell history and the process list. Both are 32 hexadecimal characters,
  from the Agora console (Project -> Config).

TIMES
  AccessToken2 (007) expiries are SECONDS FROM THE ISSUE TIME (3600 = one hour). The service
  caps tokens at 24 hours. Legacy 006 tokens and dynamic keys take absolute Unix timestamps.

EXAMPLES
  export AGORA_APP_ID=<your app id> AGORA_APP_CERTIFICATE=<your certificate>
  agora-token rtc --channel room-1 --uid 42 --role publisher --expire 3600
  agora-token rtm --user-id alice
  agora-token explain \"$TOKEN\" --channel room-1 --uid 42
  agora-token inspect \"$TOKEN\" --json
  agora-token demo                      # try it without an Agora project

EXIT CODES
  0 success, 2 usage error, 3 invalid input, 4 malformed token, 5 signature mismatch,
  6 environment (clock, randomness, missing credentials), 7 explain --check: would be refused";

/// Build, inspect, verify and explain Agora access tokens.
#[derive(Debug, Parser)]
#[command(name = "agora-token", version, about, after_help = AFTER_HELP)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
    Fpa(CommonArgs),
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
    /// Build and explain a token with a built-in DEMO credential pair (not a real project).
    Demo,
}

/// Credentials and the reproducibility knobs every 007 builder takes.
#[derive(Debug, Args, Clone)]
pub(crate) struct CommonArgs {
    /// The App ID (32 hex characters).
    #[arg(long, env = "AGORA_APP_ID", hide_env_values = false)]
    pub app_id: Option<String>,
    /// Read the app certificate from this file instead of AGORA_APP_CERTIFICATE.
    #[arg(long, value_name = "PATH")]
    pub certificate_file: Option<PathBuf>,
    /// Token lifetime in seconds from the issue time.
    #[arg(long, default_value_t = 3600, value_name = "SECONDS")]
    pub expire: u32,
    /// Issue time (Unix seconds) for a reproducible token; default: now.
    #[arg(long, value_name = "UNIX")]
    pub issued_at: Option<u32>,
    /// Salt for a reproducible token; default: random.
    #[arg(long)]
    pub salt: Option<u32>,
    /// Refuse expiries that look like absolute Unix timestamps.
    #[arg(long)]
    pub strict: bool,
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
    /// Channel name ("" or "*" = any channel).
    #[arg(long)]
    pub channel: String,
    #[command(flatten)]
    pub user: UserArgs,
    /// Role.
    #[arg(long, value_enum, default_value = "publisher")]
    pub role: RoleArg,
    /// Lifetime of the join/publish privileges in seconds from the issue time; default: --expire.
    #[arg(long, value_name = "SECONDS")]
    pub privilege_expire: Option<u32>,
    /// Per-privilege lifetimes instead of a role (upstream ...AndPrivilege): join,audio,video,data.
    #[arg(long, value_name = "J,A,V,D", value_delimiter = ',', num_args = 4, conflicts_with_all = ["role", "privilege_expire"])]
    pub privileges: Option<Vec<u32>>,
    /// Also add RTM login for the same account, lasting the token's lifetime (upstream buildTokenWithRtm).
    #[arg(long, requires = "account", conflicts_with = "rtm_user_id")]
    pub with_rtm: bool,
    /// Also add RTM login for this user id (upstream buildTokenWithRtm2).
    #[arg(long, requires = "account")]
    pub rtm_user_id: Option<String>,
    /// Lifetime of the RTM login with --rtm-user-id; default: --expire.
    #[arg(long, requires = "rtm_user_id", value_name = "SECONDS")]
    pub rtm_expire: Option<u32>,
}

#[derive(Debug, Args)]
pub(crate) struct UserTokenArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// The user id.
    #[arg(long)]
    pub user_id: String,
}

#[derive(Debug, Args)]
pub(crate) struct Rtm2Args {
    #[command(flatten)]
    pub common: CommonArgs,
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
    /// The App ID.
    #[arg(long, env = "AGORA_APP_ID")]
    pub app_id: Option<String>,
    /// Read the app certificate from this file instead of AGORA_APP_CERTIFICATE.
    #[arg(long, value_name = "PATH")]
    pub certificate_file: Option<PathBuf>,
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
    /// When the privileges end, absolute Unix seconds (0 = no expiry).
    #[arg(long, default_value_t = 0, value_name = "UNIX")]
    pub privilege_expires_at: u32,
    /// When the token ends, absolute Unix seconds; default: now + 24 h.
    #[arg(long, value_name = "UNIX")]
    pub expires_at: Option<u32>,
    /// Salt; default: random.
    #[arg(long)]
    pub salt: Option<u32>,
    /// Refuse privilege expiries that look like seconds instead of timestamps.
    #[arg(long)]
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
    /// The App ID.
    #[arg(long, env = "AGORA_APP_ID")]
    pub app_id: Option<String>,
    /// Read the app certificate from this file instead of AGORA_APP_CERTIFICATE.
    #[arg(long, value_name = "PATH")]
    pub certificate_file: Option<PathBuf>,
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
    /// Creation time, Unix seconds; default: now.
    #[arg(long, value_name = "UNIX")]
    pub unix_ts: Option<u32>,
    /// Random number; default: random.
    #[arg(long)]
    pub random_int: Option<u32>,
    /// Expiry, absolute Unix seconds (0 = never).
    #[arg(long, default_value_t = 0, value_name = "UNIX")]
    pub expires_at: u32,
}

#[derive(Debug, Args)]
pub(crate) struct SignalingArgs {
    /// The App ID.
    #[arg(long, env = "AGORA_APP_ID")]
    pub app_id: Option<String>,
    /// Read the app certificate from this file instead of AGORA_APP_CERTIFICATE.
    #[arg(long, value_name = "PATH")]
    pub certificate_file: Option<PathBuf>,
    /// The account.
    #[arg(long)]
    pub account: String,
    /// Expiry, absolute Unix seconds; default: now + 24 h.
    #[arg(long, value_name = "UNIX")]
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
    /// Read the app certificate from this file instead of AGORA_APP_CERTIFICATE.
    #[arg(long, value_name = "PATH")]
    pub certificate_file: Option<PathBuf>,
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
    /// Read the app certificate from this file instead of AGORA_APP_CERTIFICATE (optional:
    /// without it the signature is not checked).
    #[arg(long, value_name = "PATH")]
    pub certificate_file: Option<PathBuf>,
    /// The channel the user wants to join.
    #[arg(long)]
    pub channel: Option<String>,
    #[command(flatten)]
    pub user: UserArgs,
    /// Judge expiry at this time (Unix seconds) instead of now.
    #[arg(long, value_name = "UNIX")]
    pub at: Option<u64>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Exit with 7 if the user could not join (or, for tokens without a question, if it expired).
    #[arg(long)]
    pub check: bool,
}
