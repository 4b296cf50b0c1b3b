//! The services an AccessToken2 ("007") carries, each with its own privilege enum.
//!
//! Builders accept only the privileges defined for a service, so privilege numbers
//! cannot be mixed across services. Decoded tokens keep every privilege number they
//! contain (known or not), so nothing a token says is lost on inspection.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use crate::compat::javascript::NpmField;
use crate::error::{Error, Result};
use crate::explain::Question;
use crate::wire::{Reader, Writer};

#[macro_use]
pub(crate) mod declare;
// For the 006 privileges, which are not in the service table.
pub(crate) use declare::snake_case;

// The service table: the one declaration of each service of the 007 format. `services!`
// (services/declare.rs) expands it into the `ServiceType` and `Service` enums and everything that
// matches on every service (numbers, names, field lists, privilege tables, packing, parsing,
// generic construction). Each entry also carries the service's rules for the rest of the core:
// the question `explain` asks of it (`explain Question::...`), and per field how npm's drop-in
// reads it (`npm`), what it is to `explain` (`role`: the channel, the user, ...) and whether a
// generic builder may leave it out (`required`); compat/ and explain/ read those instead of
// matching the services (explain names RTC and RTM only where they are special: the RTC access
// check, and the RTC and RTM services an agent uses). The bindings derive their generic service
// objects from `ServiceType::ALL`, `Service::fields` and `Service::from_fields`.
//
// So a new service of an existing kind is its entry here plus: its row in the spec test
// `privilege_tables_are_the_spec_table` (below), its structs' re-export in lib.rs and
// the README "Public surface" (tests/public_surface.rs checks), their rows in docs/api-names.md
// (scripts/check_api_names.py checks), and one line per binding, which the compiler asks for:
// its variant in uniffi's `ffi_services!`, its entry in Python's `py_services!` (the class, its
// stub, its `ServiceType` member, its privilege IntEnum and their exports are generated:
// `scripts/test-python.sh --update-generated` rewrites the checked-in files). Node, WebAssembly,
// C, the CLI and the server need nothing. A new kind of
// service (a question `explain` does not ask yet, a field npm reads another way) is a new
// `Question` or `NpmField` variant, and the compiler points at the match that must handle it.
services! {
    /// RTC (type 1): join a channel, publish streams.
    Rtc(RtcService) = 1, "RTC", "Real-time communication (audio/video channels)" {
        explain Question::JoinChannel;
        privileges RtcPrivilege,
            expected "1 (join channel), 2 (publish audio), 3 (publish video) or 4 (publish data stream)" {
            /// Join the channel (1).
            JoinChannel = 1, "join channel";
            /// Publish audio (2).
            PublishAudioStream = 2, "publish audio stream";
            /// Publish video (3).
            PublishVideoStream = 3, "publish video stream";
            /// Publish data streams (4).
            PublishDataStream = 4, "publish data stream";
        }
        fields {
            /// The channel name; `""` or `"*"` means any channel.
            channel_name: String, js "channelName" npm Text, wire "channel name", shown "channel", role Channel,
                required "RTC services need a channel name";
            /// The uid as a string: `""` for any user (numeric uid 0), else the decimal uid or the account.
            // Required: a uid left out must not become 0, "any user".
            uid: String, js "uid" npm User, wire "uid", shown "uid", role User,
                required "RTC services need a uid (number, 0 = any user) or an account (string)";
        }
        impl {
            /// An RTC service for a channel and a uid or account, with no privileges yet.
            #[must_use]
            pub fn new(channel_name: impl Into<String>, user: impl Into<User>) -> Self {
                RtcService {
                    channel_name: channel_name.into(),
                    uid: user.into().to_wire_string(),
                    privileges: Privileges::default(),
                }
            }
        }
    }

    /// RTM (type 2): log in to real-time messaging.
    Rtm(RtmService) = 2, "RTM", "Real-time messaging" {
        explain Question::LogIn { question: None };
        privileges RtmPrivilege, expected "1 (login)" {
            /// Log in (1).
            Login = 1, "login";
        }
        fields {
            /// The RTM user id.
            user_id: String, js "userId" npm UserId, wire "user id", shown "user id", role User;
        }
        impl {
            /// An RTM service for a user id, with no privileges yet.
            #[must_use]
            pub fn new(user_id: impl Into<String>) -> Self {
                RtmService { user_id: user_id.into(), privileges: Privileges::default() }
            }
        }
    }

    /// Streaming (type 3).
    Streaming(StreamingService) = 3, "Streaming", "Media streaming (push mix/raw streams)" {
        explain Question::Media;
        privileges StreamingPrivilege, expected "1 (publish mix stream) or 2 (publish raw stream)" {
            /// Publish a mixed stream (1).
            PublishMixStream = 1, "publish mix stream";
            /// Publish a raw stream (2).
            PublishRawStream = 2, "publish raw stream";
        }
        fields {
            /// The channel name.
            channel_name: String, js "channelName" npm Text, wire "channel name", shown "channel", role Channel;
            /// The account as a string (numeric uid 0 becomes `""`).
            account: String, js "account" npm User, wire "account", shown "account", role User;
        }
        impl {
            /// A Streaming service for a channel and a uid or account.
            #[must_use]
            pub fn new(channel_name: impl Into<String>, account: impl Into<User>) -> Self {
                StreamingService {
                    channel_name: channel_name.into(),
                    account: account.into().to_wire_string(),
                    privileges: Privileges::default(),
                }
            }
        }
    }

    /// FPA (type 4).
    Fpa(FpaService) = 4, "FPA", "Fusion Private Access (FPA)" {
        explain Question::LogIn { question: Some("connect through FPA (log in)") };
        privileges FpaPrivilege, expected "1 (login)" {
            /// Log in (1).
            Login = 1, "login";
        }
        fields {}
        impl {
            /// An FPA service with no privileges yet.
            #[must_use]
            pub fn new() -> Self {
                FpaService { privileges: Privileges::default() }
            }
        }
        impl Default for FpaService {
            fn default() -> Self {
                FpaService::new()
            }
        }
    }

    /// Chat (type 5).
    Chat(ChatService) = 5, "Chat", "Chat" {
        explain Question::Chat;
        privileges ChatPrivilege, expected "1 (user) or 2 (app)" {
            /// Act as a chat user (1).
            User = 1, "user";
            /// Act as the app, for REST calls (2).
            App = 2, "app";
        }
        fields {
            /// The chat user id; `""` for app tokens.
            user_id: String, js "userId" npm UserId, wire "user id", shown "user id", role User;
        }
        impl {
            /// A Chat service for a user id (`""` for app tokens).
            #[must_use]
            pub fn new(user_id: impl Into<String>) -> Self {
                ChatService { user_id: user_id.into(), privileges: Privileges::default() }
            }
        }
    }

    /// FCDN (type 6).
    Fcdn(FcdnService) = 6, "FCDN", "Fusion CDN" {
        explain Question::Media;
        privileges FcdnPrivilege, expected "1 (publish) or 2 (play)" {
            /// Publish (1).
            Publish = 1, "publish";
            /// Play (2).
            Play = 2, "play";
        }
        fields {
            /// The channel name.
            channel_name: String, js "channelName" npm Text, wire "channel name", shown "channel", role Channel;
            /// The account as a string (numeric uid 0 becomes `""`).
            account: String, js "account" npm User, wire "account", shown "account", role User;
        }
        impl {
            /// An FCDN service for a channel and a uid or account.
            #[must_use]
            pub fn new(channel_name: impl Into<String>, account: impl Into<User>) -> Self {
                FcdnService {
                    channel_name: channel_name.into(),
                    account: account.into().to_wire_string(),
                    privileges: Privileges::default(),
                }
            }
        }
    }

    /// APaaS / Flexible Classroom (type 7).
    Apaas(ApaasService) = 7, "APaaS", "APaaS / Flexible Classroom (Education)" {
        explain Question::Classroom { question: "use APaaS/Education" };
        privileges ApaasPrivilege, expected "1 (room user), 2 (user) or 3 (app)" {
            /// A user in one room (1).
            RoomUser = 1, "room user";
            /// A user in any room (2).
            User = 2, "user";
            /// The app, for REST calls (3).
            App = 3, "app";
        }
        fields {
            /// The room uuid; `""` for user and app tokens.
            room_uuid: String, js "roomUuid" npm UserId, wire "room uuid", shown "room uuid", role Room;
            /// The user uuid; `""` for app tokens.
            user_uuid: String, js "userUuid" npm UserId, wire "user uuid", shown "user uuid", role User;
            /// The role in the room; -1 when unused (user and app tokens).
            role: i16, js "role" npm ApaasRole, wire "role", shown "role", role RoomRole, default crate::APAAS_NO_ROLE;
        }
        impl {
            /// An APaaS service for a room, a user and a role (-1 when unused).
            #[must_use]
            pub fn new(room_uuid: impl Into<String>, user_uuid: impl Into<String>, role: i16) -> Self {
                ApaasService {
                    room_uuid: room_uuid.into(),
                    user_uuid: user_uuid.into(),
                    role,
                    privileges: Privileges::default(),
                }
            }
        }
    }

    /// RTM2 (type 8): RTM login with resource permissions.
    Rtm2(Rtm2Service) = 8, "RTM2", "RTM 2.x with resource permissions" {
        explain Question::LogIn { question: None };
        privileges Rtm2Privilege, expected "1 (login)" {
            /// Log in (1).
            Login = 1, "login";
        }
        fields {
            /// The RTM user id.
            user_id: String, js "userId" npm Rtm2UserId, wire "user id", shown "user id", role User;
            /// The resource permissions.
            permissions: Rtm2Permissions, js "permissions" npm Rtm2Permissions, wire "permissions",
                shown "permissions", role Permissions;
        }
        impl {
            /// An RTM2 service for a user id with resource permissions.
            #[must_use]
            pub fn new(user_id: impl Into<String>, permissions: Rtm2Permissions) -> Self {
                Rtm2Service { user_id: user_id.into(), permissions, privileges: Privileges::default() }
            }
        }
    }

    /// Conversational AI (type 9); no fields and no privileges.
    ConvoAi(ConvoAiService) = 9, "ConvoAI", "Conversational AI" {
        explain Question::Agent { who: "the agent" };
        // No privileges: the service's presence is the grant.
        privileges ConvoAiPrivilege, expected "no privilege (ConvoAI has none)" {}
        fields {}
        impl {
            /// A ConvoAI service.
            #[must_use]
            pub fn new() -> Self {
                ConvoAiService { privileges: Privileges::default() }
            }
        }
        impl Default for ConvoAiService {
            fn default() -> Self {
                ConvoAiService::new()
            }
        }
    }

    /// Speech-to-text (type 10); no fields and no privileges.
    Stt(SttService) = 10, "STT", "Speech-to-text" {
        explain Question::Agent { who: "the STT task" };
        // No privileges: the service's presence is the grant.
        privileges SttPrivilege, expected "no privilege (STT has none)" {}
        fields {}
        impl {
            /// An STT service.
            #[must_use]
            pub fn new() -> Self {
                SttService { privileges: Privileges::default() }
            }
        }
        impl Default for SttService {
            fn default() -> Self {
                SttService::new()
            }
        }
    }
}

/// Sees each service's privilege enum (tests only; see `visit_privilege_enums`).
#[cfg(test)]
trait PrivilegeEnumVisitor {
    fn visit<P: Privilege>(&mut self);
}

impl ServiceType {
    /// Checks the fields given to a generic builder (by [`field_names`](ServiceType::field_names)):
    /// fields of other service types are refused, and so is leaving out a field the service
    /// table marks required (an RTC service needs its channel and its uid: a missing uid must
    /// not become 0, "any user"); the other fields default to empty.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the field.
    pub fn check_fields(self, given: &[&str]) -> Result<()> {
        let allowed = self.field_names();
        if let Some(field) = given.iter().find(|field| !allowed.contains(field)) {
            let expected = if allowed.is_empty() { "none".to_owned() } else { allowed.join(", ") };
            return Err(Error::InvalidArgument {
                field: (*field).to_owned(),
                reason: format!("{self} services have no `{field}` field (their fields: {expected})"),
            });
        }
        // The first missing one in packing order is reported.
        let missing = self.declared_fields().iter().find_map(|field| match field.required {
            Some(reason) if !given.contains(&field.name) => Some((field.name, reason)),
            _ => None,
        });
        if let Some((field, reason)) = missing {
            return Err(Error::InvalidArgument { field: field.to_owned(), reason: reason.to_owned() });
        }
        Ok(())
    }

    /// The service type with this number.
    ///
    /// # Errors
    /// [`Error::UnknownServiceType`] for a number the table does not declare (today outside 1..=10).
    pub fn from_code(code: u16) -> Result<Self> {
        ServiceType::ALL.into_iter().find(|t| t.code() == code).ok_or(Error::UnknownServiceType { value: code })
    }

    /// The first and the last declared type ([`ServiceType::ALL`] ascends): the range error
    /// messages name.
    pub(crate) fn first_and_last() -> (ServiceType, ServiceType) {
        let [first, .., last] = ServiceType::ALL;
        (first, last)
    }

    /// The declared types for error messages, from the table: `"1 (RTC) to 10 (STT)"`.
    pub(crate) fn known_range() -> String {
        let (first, last) = ServiceType::first_and_last();
        format!("{} ({first}) to {} ({last})", first.code(), last.code())
    }
}

impl fmt::Display for ServiceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A privilege of one service. Implemented by the per-service privilege enums.
pub trait Privilege: Copy + Eq + Ord + fmt::Debug + 'static {
    /// The service the privilege belongs to.
    const SERVICE: ServiceType;
    /// Every privilege of the service, ascending.
    const ALL: &'static [Self];
    /// Every privilege as ([`identifier`](Privilege::identifier), number), ascending; the same
    /// table as [`ServiceType::privileges`].
    const NAMES: &'static [(&'static str, u16)];
    /// The number packed into tokens.
    fn code(self) -> u16;
    /// A short description, e.g. `"join channel"`.
    fn name(self) -> &'static str;
    /// The privilege's name in code: the enum variant in snake_case, e.g. `"join_channel"` for
    /// [`RtcPrivilege::JoinChannel`]. Every binding exports it as this string and derives its
    /// own constant names from it (Python `JOIN_CHANNEL`, upstream `kPrivilegeJoinChannel`).
    fn identifier(self) -> &'static str;
    /// The privilege with this number.
    ///
    /// # Errors
    /// [`Error::UnknownPrivilege`] if the service defines no such privilege.
    fn from_code(code: u16) -> Result<Self>;
}

/// The value of one field of a service (besides its privileges), for code that treats every
/// service alike: [`Service::fields`] lists them, [`Service::from_fields`] builds a service of
/// them. Strings are as packed (a uid or account is its wire string, see [`User::to_wire_string`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceField {
    /// A string field: channel name, uid, account, user id, room or user uuid.
    Text(String),
    /// A number field: the APaaS role.
    Integer(i16),
    /// The RTM2 resource permissions.
    Rtm2Permissions(Rtm2Permissions),
}

/// What a field of the service table is, for code that reads every service alike (`explain`
/// asks a service for its channel or its user through it, not by matching the services).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldRole {
    /// The channel the service is for (RTC, Streaming, FCDN).
    Channel,
    /// Who the service is for: the RTC uid, the Streaming/FCDN account, the RTM or Chat user
    /// id, the APaaS user uuid.
    User,
    /// The APaaS room.
    Room,
    /// The APaaS role in the room.
    RoomRole,
    /// The RTM2 resource permissions.
    Permissions,
}

/// One field of a service as the table declares it (besides its Rust name, type and wire label).
#[derive(Debug, Clone, Copy)]
pub(crate) struct DeclaredField {
    /// The name generic service objects use ([`ServiceType::field_names`]).
    pub(crate) name: &'static str,
    /// The label `explain` shows.
    pub(crate) shown: &'static str,
    /// What the field is.
    pub(crate) role: FieldRole,
    /// How npm's drop-in reads it from a JavaScript service object.
    pub(crate) npm: NpmField,
    /// Why a generic builder may not leave it out (`None`: it takes its default).
    pub(crate) required: Option<&'static str>,
}

/// The types a service field can have: how the table's fields are packed, parsed and seen as a
/// [`ServiceField`] (implemented for each type the service table uses).
trait FieldType: Sized {
    fn pack(&self, label: &'static str, w: &mut Writer) -> Result<()>;
    fn unpack(label: &'static str, r: &mut Reader<'_>) -> Result<Self>;
    fn to_field(&self) -> ServiceField;
    /// The value of field `name`; a value of another kind is refused.
    fn from_field(name: &str, value: ServiceField) -> Result<Self>;
}

fn wrong_kind(name: &str, expected: &str) -> Error {
    Error::InvalidArgument { field: name.to_owned(), reason: format!("must be {expected}") }
}

impl FieldType for String {
    fn pack(&self, label: &'static str, w: &mut Writer) -> Result<()> {
        w.string(label, self)
    }
    fn unpack(label: &'static str, r: &mut Reader<'_>) -> Result<Self> {
        r.string(label)
    }
    fn to_field(&self) -> ServiceField {
        ServiceField::Text(self.clone())
    }
    fn from_field(name: &str, value: ServiceField) -> Result<Self> {
        match value {
            ServiceField::Text(text) => Ok(text),
            _ => Err(wrong_kind(name, "a string")),
        }
    }
}

impl FieldType for i16 {
    fn pack(&self, _label: &'static str, w: &mut Writer) -> Result<()> {
        w.i16(*self);
        Ok(())
    }
    fn unpack(label: &'static str, r: &mut Reader<'_>) -> Result<Self> {
        r.i16(label)
    }
    fn to_field(&self) -> ServiceField {
        ServiceField::Integer(*self)
    }
    fn from_field(name: &str, value: ServiceField) -> Result<Self> {
        match value {
            ServiceField::Integer(number) => Ok(number),
            _ => Err(wrong_kind(name, "a number from -32768 to 32767")),
        }
    }
}

impl FieldType for Rtm2Permissions {
    // The permissions name their own parts in errors.
    fn pack(&self, _label: &'static str, w: &mut Writer) -> Result<()> {
        Rtm2Permissions::pack(self, w)
    }
    fn unpack(_label: &'static str, r: &mut Reader<'_>) -> Result<Self> {
        Rtm2Permissions::unpack(r)
    }
    fn to_field(&self) -> ServiceField {
        ServiceField::Rtm2Permissions(self.clone())
    }
    fn from_field(name: &str, value: ServiceField) -> Result<Self> {
        match value {
            ServiceField::Rtm2Permissions(permissions) => Ok(permissions),
            _ => Err(wrong_kind(name, "RTM2 permissions")),
        }
    }
}

/// The privilege map of one service: privilege number → expiry in seconds from the
/// token's issue time. Packed in ascending key order; setting a privilege twice keeps
/// the last value.
#[derive(Clone, PartialEq, Eq)]
pub struct Privileges<P> {
    entries: BTreeMap<u16, u32>,
    kind: PhantomData<P>,
}

impl<P> Default for Privileges<P> {
    fn default() -> Self {
        Privileges { entries: BTreeMap::new(), kind: PhantomData }
    }
}

impl<P: Privilege> Privileges<P> {
    /// Sets a privilege's expiry (seconds after the issue time).
    pub fn set(&mut self, privilege: P, expire: u32) {
        self.entries.insert(privilege.code(), expire);
    }

    /// Sets a privilege given by number, checking that the service defines it.
    ///
    /// # Errors
    /// [`Error::UnknownPrivilege`] for a number the service does not define.
    pub fn set_code(&mut self, code: u16, expire: u32) -> Result<()> {
        self.set(P::from_code(code)?, expire);
        Ok(())
    }

    /// Sets a privilege given by number **without checking** that the service defines it,
    /// as every upstream builder does (`addPrivilege(99, expire)` packs 99).
    ///
    /// Unchecked on purpose: only drop-in layers that must reproduce upstream's token for any
    /// input use it, after warning (see [`crate::compat::privilege`]). The service ignores
    /// numbers it does not define, so such a token grants nothing more. Typed code calls
    /// [`Privileges::set`] or [`Privileges::set_code`], which refuse undefined numbers.
    pub fn insert_unchecked(&mut self, code: u16, expire: u32) {
        self.entries.insert(code, expire);
    }

    /// The expiry of a privilege, if present.
    #[must_use]
    pub fn get(&self, privilege: P) -> Option<u32> {
        self.entries.get(&privilege.code()).copied()
    }

    /// Every entry as (number, known privilege if any, expiry), ascending.
    pub fn iter(&self) -> impl Iterator<Item = (u16, Option<P>, u32)> + '_ {
        self.entries.iter().map(|(&code, &expire)| (code, P::from_code(code).ok(), expire))
    }

    /// The raw map, number → expiry.
    #[must_use]
    pub fn as_map(&self) -> &BTreeMap<u16, u32> {
        &self.entries
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn unpack(reader: &mut Reader<'_>) -> Result<Self> {
        Ok(Privileges { entries: reader.u32_map("privileges")?, kind: PhantomData })
    }
}

impl<P: Privilege> fmt::Debug for Privileges<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (code, privilege, expire) in self.iter() {
            match privilege {
                Some(p) => map.entry(&p, &expire),
                None => map.entry(&code, &expire),
            };
        }
        map.finish()
    }
}

/// Who a token is for, in the services that take "a uid or an account"
/// (RTC, Streaming, FCDN).
///
/// A numeric uid is written in decimal; uid 0 means "any user" and is written as the
/// empty string. A string account is written verbatim, so `Account("0")` stays `"0"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum User {
    /// A numeric uid (`joinChannel` with an int uid); 0 = any user.
    Uid(u32),
    /// A string user account (`joinChannelWithUserAccount`).
    Account(String),
}

impl User {
    /// Any user: uid 0.
    pub const ANY: User = User::Uid(0);

    /// A numeric uid given as a signed number, as Android (Java/Kotlin `int`) apps send it:
    /// `0..=4294967295` as is, and `-2147483648..=-1` as the same 32 bits read unsigned
    /// (what the SDK uses), e.g. -1 is uid 4294967295.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] outside those ranges.
    pub fn from_signed_uid(uid: i64) -> Result<User> {
        u32_bits_of_signed(uid).map(User::Uid).ok_or_else(|| Error::InvalidArgument {
            field: "uid".to_owned(),
            reason: format!("{uid} is not a 32-bit uid; use 0 to 4294967295 (or a negative Java int)"),
        })
    }

    /// The string packed into the token.
    #[must_use]
    pub fn to_wire_string(&self) -> String {
        match self {
            User::Uid(0) => String::new(),
            User::Uid(uid) => uid.to_string(),
            User::Account(account) => account.clone(),
        }
    }
}

/// A number given as a Java `int` or `long`: `0..=4294967295` as is, and `-2147483648..=-1` as
/// the same 32 bits read unsigned (-1 is 4294967295); `None` outside those ranges.
pub(crate) fn u32_bits_of_signed(value: i64) -> Option<u32> {
    if let Ok(unsigned) = u32::try_from(value) {
        return Some(unsigned);
    }
    i32::try_from(value).ok().map(|signed| u32::from_ne_bytes(signed.to_ne_bytes()))
}

impl From<u32> for User {
    fn from(uid: u32) -> Self {
        User::Uid(uid)
    }
}

impl From<&str> for User {
    fn from(account: &str) -> Self {
        User::Account(account.to_owned())
    }
}

impl From<String> for User {
    fn from(account: String) -> Self {
        User::Account(account)
    }
}

impl From<&String> for User {
    fn from(account: &String) -> Self {
        User::Account(account.clone())
    }
}

/// The kinds of resource an RTM2 permission applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Rtm2ResourceType {
    /// Message channels (0).
    MessageChannel,
    /// Stream channels (1).
    StreamChannel,
    /// Group channels (2).
    GroupChannel,
    /// Server groups (3).
    ServerGroup,
    /// Users (4).
    User,
}

/// What an RTM2 permission allows on its resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Rtm2PermissionType {
    /// Read (0).
    Read,
    /// Write (1).
    Write,
}

impl Rtm2ResourceType {
    const ALL: [Rtm2ResourceType; 5] = [
        Rtm2ResourceType::MessageChannel,
        Rtm2ResourceType::StreamChannel,
        Rtm2ResourceType::GroupChannel,
        Rtm2ResourceType::ServerGroup,
        Rtm2ResourceType::User,
    ];

    /// The number packed into tokens.
    #[must_use]
    pub fn code(self) -> u16 {
        match self {
            Rtm2ResourceType::MessageChannel => 0,
            Rtm2ResourceType::StreamChannel => 1,
            Rtm2ResourceType::GroupChannel => 2,
            Rtm2ResourceType::ServerGroup => 3,
            Rtm2ResourceType::User => 4,
        }
    }

    /// A short description, e.g. `"message channels"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Rtm2ResourceType::MessageChannel => "message channels",
            Rtm2ResourceType::StreamChannel => "stream channels",
            Rtm2ResourceType::GroupChannel => "group channels",
            Rtm2ResourceType::ServerGroup => "server groups",
            Rtm2ResourceType::User => "users",
        }
    }

    /// The resource type with this number.
    ///
    /// # Errors
    /// [`Error::UnknownRtm2Type`] outside 0..=4.
    pub fn from_code(code: u16) -> Result<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code).ok_or(Error::UnknownRtm2Type {
            what: "resource type",
            value: code,
            expected: "0 (message channels), 1 (stream channels), 2 (group channels), 3 (server groups) or 4 (users)",
        })
    }
}

impl Rtm2PermissionType {
    /// The number packed into tokens.
    #[must_use]
    pub fn code(self) -> u16 {
        match self {
            Rtm2PermissionType::Read => 0,
            Rtm2PermissionType::Write => 1,
        }
    }

    /// A short description, `"read"` or `"write"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Rtm2PermissionType::Read => "read",
            Rtm2PermissionType::Write => "write",
        }
    }

    /// The permission type with this number.
    ///
    /// # Errors
    /// [`Error::UnknownRtm2Type`] outside 0..=1.
    pub fn from_code(code: u16) -> Result<Self> {
        match code {
            0 => Ok(Rtm2PermissionType::Read),
            1 => Ok(Rtm2PermissionType::Write),
            _ => {
                Err(Error::UnknownRtm2Type { what: "permission type", value: code, expected: "0 (read) or 1 (write)" })
            }
        }
    }
}

/// RTM2 resource permissions: for each (resource type, permission type) a list of
/// resource names. Packed with both types ascending and each list in insertion order
/// (duplicates kept), as every upstream language does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rtm2Permissions {
    entries: BTreeMap<u16, BTreeMap<u16, Vec<String>>>,
}

impl Rtm2Permissions {
    /// No permissions.
    #[must_use]
    pub fn new() -> Self {
        Rtm2Permissions::default()
    }

    /// Sets the resources for a (resource type, permission type) pair, replacing any
    /// earlier list for the same pair.
    pub fn add<I, S>(&mut self, resource: Rtm2ResourceType, permission: Rtm2PermissionType, resources: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.entries
            .entry(resource.code())
            .or_default()
            .insert(permission.code(), resources.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the resources for a (resource type, permission type) pair given by numbers
    /// **without checking** that RTM2 defines them, as every upstream builder does
    /// (`add(7, 3, [...])` packs 7 and 3); replaces any earlier list for the same pair.
    ///
    /// Unchecked on purpose: only drop-in layers that must reproduce upstream's token for any
    /// input use it, after warning (see [`crate::compat::rtm2_resource_type`] and
    /// [`crate::compat::rtm2_permission_type`]). RTM ignores types it does not define, so such
    /// an entry grants nothing. Typed code calls [`Rtm2Permissions::add`], whose enums hold
    /// only the defined types.
    pub fn add_unchecked<I, S>(&mut self, resource: u16, permission: u16, resources: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.entries.entry(resource).or_default().insert(permission, resources.into_iter().map(Into::into).collect());
        self
    }

    /// Builder form of [`Rtm2Permissions::add`].
    #[must_use]
    pub fn with<I, S>(mut self, resource: Rtm2ResourceType, permission: Rtm2PermissionType, resources: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.add(resource, permission, resources);
        self
    }

    /// The resources for a pair, if set.
    #[must_use]
    pub fn get(&self, resource: Rtm2ResourceType, permission: Rtm2PermissionType) -> Option<&[String]> {
        self.entries.get(&resource.code())?.get(&permission.code()).map(Vec::as_slice)
    }

    /// Every (resource type number, permission type number, resources), ascending.
    pub fn iter(&self) -> impl Iterator<Item = (u16, u16, &[String])> + '_ {
        self.entries.iter().flat_map(|(&resource, permissions)| {
            permissions.iter().map(move |(&permission, list)| (resource, permission, list.as_slice()))
        })
    }

    /// Whether no permission is set.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn pack(&self, w: &mut Writer) -> Result<()> {
        w.count("RTM2 resource types", self.entries.len())?;
        for (&resource, permissions) in &self.entries {
            w.u16(resource);
            w.count("RTM2 permission types", permissions.len())?;
            for (&permission, list) in permissions {
                w.u16(permission);
                w.count("RTM2 resource list", list.len())?;
                for name in list {
                    w.string("RTM2 resource name", name)?;
                }
            }
        }
        Ok(())
    }

    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let mut entries: BTreeMap<u16, BTreeMap<u16, Vec<String>>> = BTreeMap::new();
        let resource_count = r.u16("RTM2 permissions")?;
        for _ in 0..resource_count {
            let resource = r.u16("RTM2 permissions")?;
            let permission_count = r.u16("RTM2 permissions")?;
            for _ in 0..permission_count {
                let permission = r.u16("RTM2 permissions")?;
                let list_len = r.u16("RTM2 permissions")?;
                let list = (0..list_len).map(|_| r.string("RTM2 resource name")).collect::<Result<Vec<_>>>()?;
                entries.entry(resource).or_default().insert(permission, list);
            }
        }
        Ok(Rtm2Permissions { entries })
    }
}

impl Service {
    /// The name of a privilege number of this service, if the service defines it.
    #[must_use]
    pub fn privilege_name(&self, code: u16) -> Option<&'static str> {
        self.service_type().privilege_name(code).ok()
    }

    /// Appends the service: type, privileges, then its own fields.
    pub(crate) fn pack(&self, w: &mut Writer) -> Result<()> {
        w.u16(self.service_type().code());
        w.u32_map("privileges", self.privilege_map())?;
        self.pack_fields(w)
    }

    /// Reads the privileges and fields of a service whose type number was just read.
    /// Returns `Ok(None)` for a type this crate does not know; the caller stops there,
    /// as every upstream parser does.
    pub(crate) fn unpack(type_code: u16, r: &mut Reader<'_>) -> Result<Option<Service>> {
        let Ok(service_type) = ServiceType::from_code(type_code) else {
            return Ok(None);
        };
        Service::unpack_as(service_type, r).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_builders_take_each_type_s_own_fields_and_rtc_needs_a_uid() {
        assert!(ServiceType::Rtc.check_fields(&["channelName", "uid"]).is_ok());
        assert!(ServiceType::Apaas.check_fields(&[]).is_ok());
        let misplaced = ServiceType::Rtm.check_fields(&["uid"]).unwrap_err().to_string();
        assert!(misplaced.contains("RTM services have no `uid` field (their fields: userId)"), "{misplaced}");
        let no_uid = ServiceType::Rtc.check_fields(&["channelName"]).unwrap_err().to_string();
        assert!(no_uid.contains("uid"), "{no_uid}");
        // The table's `required` fields, the first missing one in packing order.
        let neither = ServiceType::Rtc.check_fields(&[]).unwrap_err();
        let reason = "RTC services need a channel name".to_owned();
        assert_eq!(neither, Error::InvalidArgument { field: "channelName".to_owned(), reason });
        for service_type in ServiceType::ALL {
            assert!(service_type.check_fields(service_type.field_names()).is_ok(), "{service_type}");
        }
    }

    /// A service of each type with a value in every field, made through the generic constructor.
    fn one_of_each_service() -> Vec<Service> {
        let sample = |name: &'static str| match name {
            "role" => (name, ServiceField::Integer(3)),
            "permissions" => (
                name,
                ServiceField::Rtm2Permissions(Rtm2Permissions::new().with(
                    Rtm2ResourceType::User,
                    Rtm2PermissionType::Read,
                    ["a"],
                )),
            ),
            _ => (name, ServiceField::Text(format!("{name}-value"))),
        };
        let services = ServiceType::ALL.iter().map(|&service_type| {
            Service::from_fields(service_type, service_type.field_names().iter().map(|&name| sample(name)))
        });
        services.collect::<Result<Vec<_>>>().unwrap()
    }

    /// Every service rebuilt from its `fields()` is itself, and packs and parses back to itself:
    /// the generic constructor the bindings use cannot drop or reorder a field of any service.
    #[test]
    fn each_service_round_trips_through_its_generic_fields_and_the_wire() {
        let services = one_of_each_service();
        let types: Vec<ServiceType> = services.iter().map(Service::service_type).collect();
        assert_eq!(types, ServiceType::ALL);
        for service in services {
            let fields = service.fields();
            let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
            assert_eq!(names, service.service_type().field_names());
            assert!(fields.iter().all(|(_, value)| *value != ServiceField::Text(String::new())), "{fields:?}");
            assert_eq!(Service::from_fields(service.service_type(), fields).unwrap(), service);
            let mut w = Writer::default();
            service.pack(&mut w).unwrap();
            let bytes = w.into_inner();
            let mut r = Reader::new(&bytes);
            let code = r.u16("type").unwrap();
            assert_eq!(Service::unpack(code, &mut r).unwrap(), Some(service));
            assert!(r.is_empty());
        }
    }

    /// The packing of a service written out by hand, so the table's field order is checked
    /// against the wire format and not only against itself.
    #[test]
    fn apaas_packs_uuids_then_role_after_its_privileges() {
        let service = Service::from(ApaasService::new("r", "u", -1).with_privilege(ApaasPrivilege::User, 9));
        let mut w = Writer::default();
        service.pack(&mut w).unwrap();
        let expected: Vec<u8> =
            [&[7, 0, 1, 0, 2, 0, 9, 0, 0, 0][..], &[1, 0, b'r'], &[1, 0, b'u'], &[0xff, 0xff]].concat();
        assert_eq!(w.into_inner(), expected);
    }

    #[test]
    fn generic_fields_default_check_their_kind_and_privileges_are_checked_by_number() {
        let apaas = Service::from_fields(ServiceType::Apaas, []).unwrap();
        assert_eq!(apaas, ApaasService::new("", "", crate::APAAS_NO_ROLE).into());
        let wrong = Service::from_fields(ServiceType::Apaas, [("role", ServiceField::Text("1".into()))]);
        assert_eq!(wrong.unwrap_err().code(), "invalid_argument");
        let misplaced = Service::from_fields(ServiceType::Rtm, [("uid", ServiceField::Text("1".into()))]);
        assert!(misplaced.unwrap_err().to_string().contains("RTM services have no `uid` field"));
        let mut rtc = Service::from(RtcService::new("c", 1));
        assert!(rtc.set_privilege_code(4, 60).is_ok());
        assert_eq!(rtc.set_privilege_code(5, 60).unwrap_err().code(), "unknown_privilege");
        assert_eq!(rtc.privilege_map().get(&4), Some(&60));
    }

    #[test]
    fn the_table_is_ascending_by_type_number() {
        let codes: Vec<u16> = ServiceType::ALL.iter().map(|t| t.code()).collect();
        assert_eq!(codes, (1..).take(ServiceType::ALL.len()).collect::<Vec<u16>>());
    }

    #[test]
    fn numeric_uid_zero_means_any_user_but_string_zero_stays() {
        assert_eq!(RtcService::new("c", 0).uid, "");
        assert_eq!(RtcService::new("c", "0").uid, "0");
        assert_eq!(RtcService::new("c", 2_882_341_273u32).uid, "2882341273");
        assert_eq!(FcdnService::new("c", 0).account, "");
        assert_eq!(StreamingService::new("c", "acc").account, "acc");
    }

    #[test]
    fn signed_android_uids_map_to_their_unsigned_bits() {
        assert_eq!(User::from_signed_uid(42).unwrap(), User::Uid(42));
        assert_eq!(User::from_signed_uid(4_294_967_295).unwrap(), User::Uid(u32::MAX));
        assert_eq!(User::from_signed_uid(-1).unwrap(), User::Uid(u32::MAX));
        assert_eq!(User::from_signed_uid(-2_147_483_648).unwrap(), User::Uid(2_147_483_648));
        assert_eq!(User::from_signed_uid(4_294_967_296).unwrap_err().code(), "invalid_argument");
        assert!(User::from_signed_uid(-2_147_483_649).is_err());
    }

    #[test]
    fn privilege_numbers_are_checked_per_service() {
        let mut p = Privileges::<RtcPrivilege>::default();
        assert!(p.set_code(4, 10).is_ok());
        let err = p.set_code(5, 10).unwrap_err();
        assert_eq!(err.code(), "unknown_privilege");
        assert!(err.to_string().contains("RTC privilege 5"), "{err}");
        assert!(Privileges::<ConvoAiPrivilege>::default().set_code(1, 1).is_err());
        assert_eq!(ChatPrivilege::from_code(2).unwrap(), ChatPrivilege::App);
    }

    /// The message's range comes from the table, so a new service moves it.
    #[test]
    fn an_unknown_service_type_is_told_the_declared_range() {
        let error = ServiceType::from_code(11).err();
        assert_eq!(error.map(|e| e.to_string()).as_deref(), Some("unknown service type 11: use 1 (RTC) to 10 (STT)"));
    }

    /// The privilege ids of the spec's service table (token-formats.md 2.2), by service.
    #[test]
    fn privilege_tables_are_the_spec_table() {
        type Table = (u16, &'static str, &'static [(&'static str, u16)]);
        let tables: Vec<Table> = ServiceType::ALL.iter().map(|t| (t.code(), t.name(), t.privileges())).collect();
        let expected: Vec<Table> = vec![
            (
                1,
                "RTC",
                &[
                    ("join_channel", 1),
                    ("publish_audio_stream", 2),
                    ("publish_video_stream", 3),
                    ("publish_data_stream", 4),
                ],
            ),
            (2, "RTM", &[("login", 1)]),
            (3, "Streaming", &[("publish_mix_stream", 1), ("publish_raw_stream", 2)]),
            (4, "FPA", &[("login", 1)]),
            (5, "Chat", &[("user", 1), ("app", 2)]),
            (6, "FCDN", &[("publish", 1), ("play", 2)]),
            (7, "APaaS", &[("room_user", 1), ("user", 2), ("app", 3)]),
            (8, "RTM2", &[("login", 1)]),
            (9, "ConvoAI", &[]),
            (10, "STT", &[]),
        ];
        assert_eq!(tables, expected);
    }

    /// Each table row is its enum variant: the name is the variant's in snake_case, the number
    /// its code, and `from_code` finds it; so a table cannot list a privilege builders refuse.
    #[test]
    fn privilege_table_rows_are_the_enum_variants() {
        fn snake(camel: &str) -> String {
            camel.chars().enumerate().fold(String::new(), |mut out, (i, c)| {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
                out
            })
        }
        struct Check(Vec<ServiceType>);
        impl PrivilegeEnumVisitor for Check {
            fn visit<P: Privilege>(&mut self) {
                let rows: Vec<(String, u16)> = P::ALL.iter().map(|p| (snake(&format!("{p:?}")), p.code())).collect();
                let names: Vec<(String, u16)> = P::NAMES.iter().map(|&(name, code)| (name.to_owned(), code)).collect();
                assert_eq!(names, rows, "{:?}", P::SERVICE);
                assert_eq!(P::SERVICE.privileges(), P::NAMES);
                for &privilege in P::ALL {
                    assert_eq!(P::from_code(privilege.code()), Ok(privilege));
                    assert_eq!(
                        Some(privilege.identifier()),
                        P::NAMES.iter().find(|r| r.1 == privilege.code()).map(|r| r.0)
                    );
                }
                self.0.push(P::SERVICE);
            }
        }
        let mut check = Check(Vec::new());
        visit_privilege_enums(&mut check);
        assert_eq!(check.0, ServiceType::ALL, "one privilege enum per service, in order");
    }

    #[test]
    fn service_types_round_trip_and_unknown_is_an_error() {
        for t in ServiceType::ALL {
            assert_eq!(ServiceType::from_code(t.code()).unwrap(), t);
        }
        // The first number past the table.
        let next = u16::try_from(ServiceType::ALL.len() + 1).unwrap();
        assert_eq!(ServiceType::from_code(next), Err(Error::UnknownServiceType { value: next }));
        assert!(ServiceType::from_code(0).is_err());
    }

    #[test]
    fn rtm2_permissions_replace_per_pair_and_keep_list_order() {
        let mut perms = Rtm2Permissions::new();
        perms.add(Rtm2ResourceType::User, Rtm2PermissionType::Read, ["b", "a", "a"]);
        perms.add(Rtm2ResourceType::MessageChannel, Rtm2PermissionType::Write, ["x"]);
        perms.add(Rtm2ResourceType::MessageChannel, Rtm2PermissionType::Write, ["y", "z"]);
        let listed: Vec<_> = perms.iter().map(|(r, p, l)| (r, p, l.to_vec())).collect();
        assert_eq!(
            listed,
            vec![
                (0, 1, vec!["y".to_owned(), "z".to_owned()]),
                (4, 0, vec!["b".to_owned(), "a".to_owned(), "a".to_owned()])
            ]
        );
        let mut w = Writer::default();
        perms.pack(&mut w).unwrap();
        let bytes = w.into_inner();
        let back = Rtm2Permissions::unpack(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(back, perms);
    }
}
