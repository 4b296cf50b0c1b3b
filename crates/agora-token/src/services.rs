//! The services an AccessToken2 ("007") carries, each with its own privilege enum.
//!
//! Builders accept only the privileges defined for a service, so privilege numbers
//! cannot be mixed across services. Decoded tokens keep every privilege number they
//! contain (known or not), so nothing a token says is lost on inspection.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use crate::error::{Error, Result};
use crate::wire::{Reader, Writer};

/// The numeric service types of the 007 format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum ServiceType {
    /// Real-time communication (audio/video channels), type 1.
    Rtc,
    /// Real-time messaging, type 2.
    Rtm,
    /// Media streaming (push mix/raw streams), type 3.
    Streaming,
    /// Fusion Private Access (FPA), type 4.
    Fpa,
    /// Chat, type 5.
    Chat,
    /// Fusion CDN, type 6.
    Fcdn,
    /// APaaS / Flexible Classroom (Education), type 7.
    Apaas,
    /// RTM 2.x with resource permissions, type 8.
    Rtm2,
    /// Conversational AI, type 9.
    ConvoAi,
    /// Speech-to-text, type 10.
    Stt,
}

impl ServiceType {
    /// Every service type in ascending numeric order.
    pub const ALL: [ServiceType; 10] = [
        ServiceType::Rtc,
        ServiceType::Rtm,
        ServiceType::Streaming,
        ServiceType::Fpa,
        ServiceType::Chat,
        ServiceType::Fcdn,
        ServiceType::Apaas,
        ServiceType::Rtm2,
        ServiceType::ConvoAi,
        ServiceType::Stt,
    ];

    /// The fields a service of this type holds besides its privileges, by the names the
    /// JavaScript bindings' service objects use (`decode` returns them, `buildToken` takes them
    /// and refuses the fields of other types, see [`check_fields`](ServiceType::check_fields)).
    #[must_use]
    pub fn field_names(self) -> &'static [&'static str] {
        match self {
            ServiceType::Rtc => &["channelName", "uid"],
            ServiceType::Streaming | ServiceType::Fcdn => &["channelName", "account"],
            ServiceType::Rtm | ServiceType::Chat => &["userId"],
            ServiceType::Rtm2 => &["userId", "permissions"],
            ServiceType::Apaas => &["roomUuid", "userUuid", "role"],
            ServiceType::Fpa | ServiceType::ConvoAi | ServiceType::Stt => &[],
        }
    }

    /// Checks the fields given to a generic builder (by [`field_names`](ServiceType::field_names)):
    /// fields of other service types are refused, and an RTC service needs its channel and its
    /// uid (a missing uid must not become 0, "any user"); the other fields default to empty.
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
        if self == ServiceType::Rtc {
            let missing = |field: &str, reason: &str| {
                (!given.contains(&field))
                    .then(|| Error::InvalidArgument { field: field.to_owned(), reason: reason.to_owned() })
            };
            let channel = missing("channelName", "RTC services need a channel name");
            let uid = missing("uid", "RTC services need a uid (number, 0 = any user) or an account (string)");
            if let Some(error) = channel.or(uid) {
                return Err(error);
            }
        }
        Ok(())
    }

    /// The number packed into tokens.
    #[must_use]
    pub fn code(self) -> u16 {
        match self {
            ServiceType::Rtc => 1,
            ServiceType::Rtm => 2,
            ServiceType::Streaming => 3,
            ServiceType::Fpa => 4,
            ServiceType::Chat => 5,
            ServiceType::Fcdn => 6,
            ServiceType::Apaas => 7,
            ServiceType::Rtm2 => 8,
            ServiceType::ConvoAi => 9,
            ServiceType::Stt => 10,
        }
    }

    /// A short display name, e.g. `"RTC"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ServiceType::Rtc => "RTC",
            ServiceType::Rtm => "RTM",
            ServiceType::Streaming => "Streaming",
            ServiceType::Fpa => "FPA",
            ServiceType::Chat => "Chat",
            ServiceType::Fcdn => "FCDN",
            ServiceType::Apaas => "APaaS",
            ServiceType::Rtm2 => "RTM2",
            ServiceType::ConvoAi => "ConvoAI",
            ServiceType::Stt => "STT",
        }
    }

    /// The service type with this number.
    ///
    /// # Errors
    /// [`Error::UnknownServiceType`] for numbers outside 1..=10.
    pub fn from_code(code: u16) -> Result<Self> {
        ServiceType::ALL.into_iter().find(|t| t.code() == code).ok_or(Error::UnknownServiceType { value: code })
    }
}

impl ServiceType {
    /// Every privilege the service defines, as (name, number), ascending by number:
    /// `[("join_channel", 1), ("publish_audio_stream", 2), ...]` for RTC, `[]` for ConvoAI and STT.
    ///
    /// This is the table the bindings export (Python `PRIVILEGES`, Node `serviceTypes()`,
    /// Kotlin/Swift `serviceTypes()`) and test their drop-in constants against
    /// (`ServiceRtc.kPrivilegeJoinChannel`, ...). Each name is [`Privilege::identifier`]: the
    /// privilege enum's variant in snake_case, generated from the enum, so the table cannot
    /// disagree with the types the builders accept.
    #[must_use]
    pub fn privileges(self) -> &'static [(&'static str, u16)] {
        self.privilege_table().names
    }

    /// The name of a privilege number of this service type.
    ///
    /// # Errors
    /// [`Error::UnknownPrivilege`], listing the defined numbers, if the service does not define it.
    pub(crate) fn privilege_name(self, code: u16) -> Result<&'static str> {
        (self.privilege_table().name_of)(code)
    }

    /// What the service's privilege enum knows, without naming its type: the one place that
    /// pairs each service type with its privilege enum.
    fn privilege_table(self) -> PrivilegeTable {
        match self {
            ServiceType::Rtc => PrivilegeTable::of::<RtcPrivilege>(),
            ServiceType::Rtm => PrivilegeTable::of::<RtmPrivilege>(),
            ServiceType::Streaming => PrivilegeTable::of::<StreamingPrivilege>(),
            ServiceType::Fpa => PrivilegeTable::of::<FpaPrivilege>(),
            ServiceType::Chat => PrivilegeTable::of::<ChatPrivilege>(),
            ServiceType::Fcdn => PrivilegeTable::of::<FcdnPrivilege>(),
            ServiceType::Apaas => PrivilegeTable::of::<ApaasPrivilege>(),
            ServiceType::Rtm2 => PrivilegeTable::of::<Rtm2Privilege>(),
            ServiceType::ConvoAi => PrivilegeTable::of::<ConvoAiPrivilege>(),
            ServiceType::Stt => PrivilegeTable::of::<SttPrivilege>(),
        }
    }
}

/// One service's privilege enum seen through its type number (see [`ServiceType::privilege_table`]).
struct PrivilegeTable {
    names: &'static [(&'static str, u16)],
    name_of: fn(u16) -> Result<&'static str>,
}

impl PrivilegeTable {
    fn of<P: Privilege>() -> PrivilegeTable {
        PrivilegeTable { names: P::NAMES, name_of: |code| P::from_code(code).map(P::name) }
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

/// The snake_case spelling of a CamelCase identifier, as a `&'static str` computed at compile
/// time: `snake_case!(PublishAudioStream)` is `"publish_audio_stream"`. Lets the privilege
/// tables name each privilege after its enum variant instead of restating the name.
macro_rules! snake_case {
    ($ident:ident) => {{
        const CAMEL: &str = stringify!($ident);
        const BYTES: [u8; $crate::services::snake_case_const::len(CAMEL)] =
            $crate::services::snake_case_const::bytes(CAMEL);
        const NAME: &str = $crate::services::snake_case_const::as_str(&BYTES);
        NAME
    }};
}
// For the 006 privileges (legacy::access_token::Privilege006), which are not declared by `privilege_enum!`.
pub(crate) use snake_case;

/// The const functions behind [`snake_case!`]; run only during compilation.
pub(crate) mod snake_case_const {
    /// The length of `camel` in snake_case: one underscore before each inner capital.
    pub(crate) const fn len(camel: &str) -> usize {
        let bytes = camel.as_bytes();
        let mut len = bytes.len();
        let mut i = 1;
        while i < bytes.len() {
            if bytes[i].is_ascii_uppercase() {
                len += 1;
            }
            i += 1;
        }
        len
    }

    /// `camel` in snake_case; `N` is [`len`] of it.
    pub(crate) const fn bytes<const N: usize>(camel: &str) -> [u8; N] {
        let camel = camel.as_bytes();
        let mut out = [0u8; N];
        let (mut i, mut j) = (0, 0);
        while i < camel.len() {
            if camel[i].is_ascii_uppercase() {
                if i > 0 {
                    out[j] = b'_';
                    j += 1;
                }
                out[j] = camel[i].to_ascii_lowercase();
            } else {
                out[j] = camel[i];
            }
            i += 1;
            j += 1;
        }
        out
    }

    /// The bytes as text; they are always ASCII, as Rust identifiers of the privilege enums are.
    // Only ever evaluated in a `const` item: a panic here is a compile error, never a runtime one.
    #[allow(clippy::panic)]
    pub(crate) const fn as_str(bytes: &[u8]) -> &str {
        match core::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => panic!("snake_case! takes an ASCII identifier"),
        }
    }
}

macro_rules! privilege_enum {
    (
        $(#[$meta:meta])*
        $name:ident for $service:ident, expected $expected:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $label:literal; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize))]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl Privilege for $name {
            const SERVICE: ServiceType = ServiceType::$service;
            const ALL: &'static [Self] = &[$($name::$variant),*];
            const NAMES: &'static [(&'static str, u16)] = &[$( (snake_case!($variant), $code) ),*];

            fn code(self) -> u16 {
                match self { $( $name::$variant => $code, )* }
            }

            fn name(self) -> &'static str {
                match self { $( $name::$variant => $label, )* }
            }

            fn identifier(self) -> &'static str {
                match self { $( $name::$variant => snake_case!($variant), )* }
            }

            fn from_code(code: u16) -> Result<Self> {
                Self::ALL.iter().copied().find(|p| p.code() == code).ok_or(Error::UnknownPrivilege {
                    service: ServiceType::$service.name(),
                    value: code,
                    expected: $expected,
                })
            }
        }
    };
}

privilege_enum! {
    /// RTC privileges.
    RtcPrivilege for Rtc, expected "1 (join channel), 2 (publish audio), 3 (publish video) or 4 (publish data stream)" {
        /// Join the channel (1).
        JoinChannel = 1, "join channel";
        /// Publish audio (2).
        PublishAudioStream = 2, "publish audio stream";
        /// Publish video (3).
        PublishVideoStream = 3, "publish video stream";
        /// Publish data streams (4).
        PublishDataStream = 4, "publish data stream";
    }
}

privilege_enum! {
    /// RTM privileges.
    RtmPrivilege for Rtm, expected "1 (login)" {
        /// Log in (1).
        Login = 1, "login";
    }
}

privilege_enum! {
    /// Streaming privileges.
    StreamingPrivilege for Streaming, expected "1 (publish mix stream) or 2 (publish raw stream)" {
        /// Publish a mixed stream (1).
        PublishMixStream = 1, "publish mix stream";
        /// Publish a raw stream (2).
        PublishRawStream = 2, "publish raw stream";
    }
}

privilege_enum! {
    /// FPA privileges.
    FpaPrivilege for Fpa, expected "1 (login)" {
        /// Log in (1).
        Login = 1, "login";
    }
}

privilege_enum! {
    /// Chat privileges.
    ChatPrivilege for Chat, expected "1 (user) or 2 (app)" {
        /// Act as a chat user (1).
        User = 1, "user";
        /// Act as the app, for REST calls (2).
        App = 2, "app";
    }
}

privilege_enum! {
    /// FCDN privileges.
    FcdnPrivilege for Fcdn, expected "1 (publish) or 2 (play)" {
        /// Publish (1).
        Publish = 1, "publish";
        /// Play (2).
        Play = 2, "play";
    }
}

privilege_enum! {
    /// APaaS (Flexible Classroom / Education) privileges.
    ApaasPrivilege for Apaas, expected "1 (room user), 2 (user) or 3 (app)" {
        /// A user in one room (1).
        RoomUser = 1, "room user";
        /// A user in any room (2).
        User = 2, "user";
        /// The app, for REST calls (3).
        App = 3, "app";
    }
}

privilege_enum! {
    /// RTM2 privileges.
    Rtm2Privilege for Rtm2, expected "1 (login)" {
        /// Log in (1).
        Login = 1, "login";
    }
}

privilege_enum! {
    /// ConvoAI defines no privileges: the service's presence is the grant.
    ConvoAiPrivilege for ConvoAi, expected "no privilege (ConvoAI has none)" {}
}

privilege_enum! {
    /// STT defines no privileges: the service's presence is the grant.
    SttPrivilege for Stt, expected "no privilege (STT has none)" {}
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

/// Declares a service struct (its fields after the privilege map and its privilege
/// enum), the privilege setters every service shares, and its `From` into [`Service`].
macro_rules! service {
    (
        $(#[$meta:meta])*
        $variant:ident($name:ident): $privilege:ident { $( $(#[$fmeta:meta])* $field:ident: $ty:ty ),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
            /// The privileges and their expiries (seconds after the issue time).
            pub privileges: Privileges<$privilege>,
        }

        impl $name {
            /// Adds (or replaces) a privilege; builder style.
            #[must_use]
            pub fn with_privilege(mut self, privilege: $privilege, expire: u32) -> Self {
                self.privileges.set(privilege, expire);
                self
            }

            /// Adds (or replaces) a privilege.
            pub fn add_privilege(&mut self, privilege: $privilege, expire: u32) {
                self.privileges.set(privilege, expire);
            }

            /// Adds (or replaces) a privilege by number **without checking** that the
            /// service defines it; for drop-in layers only (see
            /// [`Privileges::insert_unchecked`]).
            pub fn add_privilege_unchecked(&mut self, code: u16, expire: u32) {
                self.privileges.insert_unchecked(code, expire);
            }
        }

        impl From<$name> for Service {
            fn from(service: $name) -> Service {
                Service::$variant(service)
            }
        }
    };
}

service! {
    /// RTC (type 1): join a channel, publish streams.
    Rtc(RtcService): RtcPrivilege {
        /// The channel name; `""` or `"*"` means any channel.
        channel_name: String,
        /// The uid as a string: `""` for any user (numeric uid 0), else the decimal uid or the account.
        uid: String,
    }
}

service! {
    /// RTM (type 2): log in to real-time messaging.
    Rtm(RtmService): RtmPrivilege {
        /// The RTM user id.
        user_id: String,
    }
}

service! {
    /// Streaming (type 3).
    Streaming(StreamingService): StreamingPrivilege {
        /// The channel name.
        channel_name: String,
        /// The account as a string (numeric uid 0 becomes `""`).
        account: String,
    }
}

service! {
    /// FPA (type 4).
    Fpa(FpaService): FpaPrivilege {}
}

service! {
    /// Chat (type 5).
    Chat(ChatService): ChatPrivilege {
        /// The chat user id; `""` for app tokens.
        user_id: String,
    }
}

service! {
    /// FCDN (type 6).
    Fcdn(FcdnService): FcdnPrivilege {
        /// The channel name.
        channel_name: String,
        /// The account as a string (numeric uid 0 becomes `""`).
        account: String,
    }
}

service! {
    /// APaaS / Flexible Classroom (type 7).
    Apaas(ApaasService): ApaasPrivilege {
        /// The room uuid; `""` for user and app tokens.
        room_uuid: String,
        /// The user uuid; `""` for app tokens.
        user_uuid: String,
        /// The role in the room; -1 when unused (user and app tokens).
        role: i16,
    }
}

service! {
    /// RTM2 (type 8): RTM login with resource permissions.
    Rtm2(Rtm2Service): Rtm2Privilege {
        /// The RTM user id.
        user_id: String,
        /// The resource permissions.
        permissions: Rtm2Permissions,
    }
}

service! {
    /// Conversational AI (type 9); no fields and no privileges.
    ConvoAi(ConvoAiService): ConvoAiPrivilege {}
}

service! {
    /// Speech-to-text (type 10); no fields and no privileges.
    Stt(SttService): SttPrivilege {}
}

impl RtcService {
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

impl RtmService {
    /// An RTM service for a user id, with no privileges yet.
    #[must_use]
    pub fn new(user_id: impl Into<String>) -> Self {
        RtmService { user_id: user_id.into(), privileges: Privileges::default() }
    }
}

impl StreamingService {
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

impl FpaService {
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

impl ChatService {
    /// A Chat service for a user id (`""` for app tokens).
    #[must_use]
    pub fn new(user_id: impl Into<String>) -> Self {
        ChatService { user_id: user_id.into(), privileges: Privileges::default() }
    }
}

impl FcdnService {
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

impl ApaasService {
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

impl Rtm2Service {
    /// An RTM2 service for a user id with resource permissions.
    #[must_use]
    pub fn new(user_id: impl Into<String>, permissions: Rtm2Permissions) -> Self {
        Rtm2Service { user_id: user_id.into(), permissions, privileges: Privileges::default() }
    }
}

impl ConvoAiService {
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

impl SttService {
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

/// One service of a 007 token. The set is closed: these are all the types the format defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Service {
    /// RTC (1).
    Rtc(RtcService),
    /// RTM (2).
    Rtm(RtmService),
    /// Streaming (3).
    Streaming(StreamingService),
    /// FPA (4).
    Fpa(FpaService),
    /// Chat (5).
    Chat(ChatService),
    /// FCDN (6).
    Fcdn(FcdnService),
    /// APaaS (7).
    Apaas(ApaasService),
    /// RTM2 (8).
    Rtm2(Rtm2Service),
    /// ConvoAI (9).
    ConvoAi(ConvoAiService),
    /// STT (10).
    Stt(SttService),
}

impl Service {
    /// The service's type.
    #[must_use]
    pub fn service_type(&self) -> ServiceType {
        match self {
            Service::Rtc(_) => ServiceType::Rtc,
            Service::Rtm(_) => ServiceType::Rtm,
            Service::Streaming(_) => ServiceType::Streaming,
            Service::Fpa(_) => ServiceType::Fpa,
            Service::Chat(_) => ServiceType::Chat,
            Service::Fcdn(_) => ServiceType::Fcdn,
            Service::Apaas(_) => ServiceType::Apaas,
            Service::Rtm2(_) => ServiceType::Rtm2,
            Service::ConvoAi(_) => ServiceType::ConvoAi,
            Service::Stt(_) => ServiceType::Stt,
        }
    }

    /// The raw privilege map (number → expiry), whatever the service.
    #[must_use]
    pub fn privilege_map(&self) -> &BTreeMap<u16, u32> {
        match self {
            Service::Rtc(s) => s.privileges.as_map(),
            Service::Rtm(s) => s.privileges.as_map(),
            Service::Streaming(s) => s.privileges.as_map(),
            Service::Fpa(s) => s.privileges.as_map(),
            Service::Chat(s) => s.privileges.as_map(),
            Service::Fcdn(s) => s.privileges.as_map(),
            Service::Apaas(s) => s.privileges.as_map(),
            Service::Rtm2(s) => s.privileges.as_map(),
            Service::ConvoAi(s) => s.privileges.as_map(),
            Service::Stt(s) => s.privileges.as_map(),
        }
    }

    /// Adds (or replaces) a privilege by number **without checking** that the service
    /// defines it, whatever the service; for drop-in layers only (see
    /// [`Privileges::insert_unchecked`]).
    pub fn add_privilege_unchecked(&mut self, code: u16, expire: u32) {
        match self {
            Service::Rtc(s) => s.add_privilege_unchecked(code, expire),
            Service::Rtm(s) => s.add_privilege_unchecked(code, expire),
            Service::Streaming(s) => s.add_privilege_unchecked(code, expire),
            Service::Fpa(s) => s.add_privilege_unchecked(code, expire),
            Service::Chat(s) => s.add_privilege_unchecked(code, expire),
            Service::Fcdn(s) => s.add_privilege_unchecked(code, expire),
            Service::Apaas(s) => s.add_privilege_unchecked(code, expire),
            Service::Rtm2(s) => s.add_privilege_unchecked(code, expire),
            Service::ConvoAi(s) => s.add_privilege_unchecked(code, expire),
            Service::Stt(s) => s.add_privilege_unchecked(code, expire),
        }
    }

    /// The name of a privilege number of this service, if the service defines it.
    #[must_use]
    pub fn privilege_name(&self, code: u16) -> Option<&'static str> {
        self.service_type().privilege_name(code).ok()
    }

    /// Appends the service: type, privileges, then its own fields.
    pub(crate) fn pack(&self, w: &mut Writer) -> Result<()> {
        w.u16(self.service_type().code());
        w.u32_map("privileges", self.privilege_map())?;
        match self {
            Service::Rtc(s) => {
                w.string("RTC channel name", &s.channel_name)?;
                w.string("RTC uid", &s.uid)?;
            }
            Service::Rtm(s) => w.string("RTM user id", &s.user_id)?,
            Service::Streaming(s) => {
                w.string("Streaming channel name", &s.channel_name)?;
                w.string("Streaming account", &s.account)?;
            }
            Service::Chat(s) => w.string("Chat user id", &s.user_id)?,
            Service::Fcdn(s) => {
                w.string("FCDN channel name", &s.channel_name)?;
                w.string("FCDN account", &s.account)?;
            }
            Service::Apaas(s) => {
                w.string("APaaS room uuid", &s.room_uuid)?;
                w.string("APaaS user uuid", &s.user_uuid)?;
                w.i16(s.role);
            }
            Service::Rtm2(s) => {
                w.string("RTM2 user id", &s.user_id)?;
                s.permissions.pack(w)?;
            }
            Service::Fpa(_) | Service::ConvoAi(_) | Service::Stt(_) => {}
        }
        Ok(())
    }

    /// Reads the privileges and fields of a service whose type number was just read.
    /// Returns `Ok(None)` for a type this crate does not know; the caller stops there,
    /// as every upstream parser does.
    pub(crate) fn unpack(type_code: u16, r: &mut Reader<'_>) -> Result<Option<Service>> {
        let Ok(service_type) = ServiceType::from_code(type_code) else {
            return Ok(None);
        };
        let service = match service_type {
            ServiceType::Rtc => {
                let privileges = Privileges::unpack(r)?;
                Service::Rtc(RtcService {
                    privileges,
                    channel_name: r.string("RTC channel name")?,
                    uid: r.string("RTC uid")?,
                })
            }
            ServiceType::Rtm => {
                let privileges = Privileges::unpack(r)?;
                Service::Rtm(RtmService { privileges, user_id: r.string("RTM user id")? })
            }
            ServiceType::Streaming => {
                let privileges = Privileges::unpack(r)?;
                Service::Streaming(StreamingService {
                    privileges,
                    channel_name: r.string("Streaming channel name")?,
                    account: r.string("Streaming account")?,
                })
            }
            ServiceType::Fpa => Service::Fpa(FpaService { privileges: Privileges::unpack(r)? }),
            ServiceType::Chat => {
                let privileges = Privileges::unpack(r)?;
                Service::Chat(ChatService { privileges, user_id: r.string("Chat user id")? })
            }
            ServiceType::Fcdn => {
                let privileges = Privileges::unpack(r)?;
                Service::Fcdn(FcdnService {
                    privileges,
                    channel_name: r.string("FCDN channel name")?,
                    account: r.string("FCDN account")?,
                })
            }
            ServiceType::Apaas => {
                let privileges = Privileges::unpack(r)?;
                Service::Apaas(ApaasService {
                    privileges,
                    room_uuid: r.string("APaaS room uuid")?,
                    user_uuid: r.string("APaaS user uuid")?,
                    role: r.i16("APaaS role")?,
                })
            }
            ServiceType::Rtm2 => {
                let privileges = Privileges::unpack(r)?;
                Service::Rtm2(Rtm2Service {
                    privileges,
                    user_id: r.string("RTM2 user id")?,
                    permissions: Rtm2Permissions::unpack(r)?,
                })
            }
            ServiceType::ConvoAi => Service::ConvoAi(ConvoAiService { privileges: Privileges::unpack(r)? }),
            ServiceType::Stt => Service::Stt(SttService { privileges: Privileges::unpack(r)? }),
        };
        Ok(Some(service))
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
        for service_type in ServiceType::ALL {
            assert!(service_type.check_fields(service_type.field_names()).is_ok(), "{service_type}");
        }
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
        fn check<P: Privilege>() {
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
        }
        check::<RtcPrivilege>();
        check::<RtmPrivilege>();
        check::<StreamingPrivilege>();
        check::<FpaPrivilege>();
        check::<ChatPrivilege>();
        check::<FcdnPrivilege>();
        check::<ApaasPrivilege>();
        check::<Rtm2Privilege>();
        check::<ConvoAiPrivilege>();
        check::<SttPrivilege>();
    }

    #[test]
    fn service_types_round_trip_and_unknown_is_an_error() {
        for t in ServiceType::ALL {
            assert_eq!(ServiceType::from_code(t.code()).unwrap(), t);
        }
        assert_eq!(ServiceType::from_code(11), Err(Error::UnknownServiceType { value: 11 }));
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
