//! Services, privileges, users and roles of 007 tokens, as FFI records and enums.
//!
//! Each type mirrors the core item of the same exported name; conversions live here and
//! do nothing but move fields (the core validates).

use std::collections::BTreeMap;

use agora_token::{
    ApaasRoomUserVariant, FcdnPrivilege, RtcPrivilegeExpiries, RtcRole, Rtm2PermissionType, Rtm2Permissions,
    Rtm2ResourceType, Rtm2Service, Service, ServiceField, ServiceType, StreamingPrivilege, User,
};

use crate::error::{FfiError, FfiResult};

/// Who a token is for (core [`User`]): a numeric uid (0 = any user, packed as `""`) or a
/// string account (packed verbatim, so `Account("0")` stays `"0"`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "User")]
pub enum FfiUser {
    /// A numeric uid, as `joinChannel` with an int uid uses; 0 means any user.
    Uid {
        /// The uid, 0 to 4294967295.
        uid: u32,
    },
    /// A string account, as `joinChannelWithUserAccount` uses.
    Account {
        /// The account.
        account: String,
    },
}

impl From<FfiUser> for User {
    fn from(user: FfiUser) -> User {
        match user {
            FfiUser::Uid { uid } => User::Uid(uid),
            FfiUser::Account { account } => User::Account(account),
        }
    }
}

impl From<User> for FfiUser {
    fn from(user: User) -> FfiUser {
        match user {
            User::Uid(uid) => FfiUser::Uid { uid },
            User::Account(account) => FfiUser::Account { account },
        }
    }
}

/// The uid of a signed 32-bit integer, as Java and Kotlin (and the Android SDK) hold uids
/// (core [`User::from_signed_uid`]): 0..=4294967295 as is, -2147483648..=-1 as the same 32
/// bits read unsigned (-1 is uid 4294967295).
///
/// # Errors
/// `InvalidArgument` outside -2147483648..=4294967295.
#[uniffi::export]
pub fn user_from_signed_uid(uid: i64) -> FfiResult<FfiUser> {
    Ok(User::from_signed_uid(uid)?.into())
}

/// The string a user is packed as (core [`User::to_wire_string`]): `""` for uid 0, the
/// decimal uid, or the account verbatim.
#[uniffi::export]
#[must_use]
pub fn user_wire_string(user: FfiUser) -> String {
    User::from(user).to_wire_string()
}

/// The role of an RTC user in a 007 token (core [`RtcRole`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "RtcRole")]
pub enum FfiRtcRole {
    /// A host: join, and publish audio, video and data (1).
    Publisher,
    /// An audience member: join only (2).
    Subscriber,
}

impl From<FfiRtcRole> for RtcRole {
    fn from(role: FfiRtcRole) -> RtcRole {
        match role {
            FfiRtcRole::Publisher => RtcRole::Publisher,
            FfiRtcRole::Subscriber => RtcRole::Subscriber,
        }
    }
}

impl From<RtcRole> for FfiRtcRole {
    fn from(role: RtcRole) -> FfiRtcRole {
        match role {
            RtcRole::Publisher => FfiRtcRole::Publisher,
            RtcRole::Subscriber => FfiRtcRole::Subscriber,
        }
    }
}

/// The expiry of each RTC privilege in seconds after the issue time (core
/// [`RtcPrivilegeExpiries`]); every field defaults to 0 (no limit of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "RtcPrivilegeExpiries")]
pub struct FfiRtcPrivilegeExpiries {
    /// Join the channel.
    #[uniffi(default)]
    pub join_channel: u32,
    /// Publish audio.
    #[uniffi(default)]
    pub publish_audio: u32,
    /// Publish video.
    #[uniffi(default)]
    pub publish_video: u32,
    /// Publish data streams.
    #[uniffi(default)]
    pub publish_data: u32,
}

impl From<FfiRtcPrivilegeExpiries> for RtcPrivilegeExpiries {
    fn from(e: FfiRtcPrivilegeExpiries) -> RtcPrivilegeExpiries {
        RtcPrivilegeExpiries {
            join_channel: e.join_channel,
            publish_audio: e.publish_audio,
            publish_video: e.publish_video,
            publish_data: e.publish_data,
        }
    }
}

/// Streaming privileges (core [`StreamingPrivilege`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "StreamingPrivilege")]
pub enum FfiStreamingPrivilege {
    /// Publish a mixed stream (1).
    PublishMixStream,
    /// Publish a raw stream (2).
    PublishRawStream,
}

impl From<FfiStreamingPrivilege> for StreamingPrivilege {
    fn from(p: FfiStreamingPrivilege) -> StreamingPrivilege {
        match p {
            FfiStreamingPrivilege::PublishMixStream => StreamingPrivilege::PublishMixStream,
            FfiStreamingPrivilege::PublishRawStream => StreamingPrivilege::PublishRawStream,
        }
    }
}

/// FCDN privileges (core [`FcdnPrivilege`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "FcdnPrivilege")]
pub enum FfiFcdnPrivilege {
    /// Publish (1).
    Publish,
    /// Play (2).
    Play,
}

impl From<FfiFcdnPrivilege> for FcdnPrivilege {
    fn from(p: FfiFcdnPrivilege) -> FcdnPrivilege {
        match p {
            FfiFcdnPrivilege::Publish => FcdnPrivilege::Publish,
            FfiFcdnPrivilege::Play => FcdnPrivilege::Play,
        }
    }
}

/// The kinds of resource an RTM2 permission applies to (core [`Rtm2ResourceType`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "Rtm2ResourceType")]
pub enum FfiRtm2ResourceType {
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

impl From<FfiRtm2ResourceType> for Rtm2ResourceType {
    fn from(t: FfiRtm2ResourceType) -> Rtm2ResourceType {
        match t {
            FfiRtm2ResourceType::MessageChannel => Rtm2ResourceType::MessageChannel,
            FfiRtm2ResourceType::StreamChannel => Rtm2ResourceType::StreamChannel,
            FfiRtm2ResourceType::GroupChannel => Rtm2ResourceType::GroupChannel,
            FfiRtm2ResourceType::ServerGroup => Rtm2ResourceType::ServerGroup,
            FfiRtm2ResourceType::User => Rtm2ResourceType::User,
        }
    }
}

impl From<Rtm2ResourceType> for FfiRtm2ResourceType {
    fn from(t: Rtm2ResourceType) -> FfiRtm2ResourceType {
        match t {
            Rtm2ResourceType::MessageChannel => FfiRtm2ResourceType::MessageChannel,
            Rtm2ResourceType::StreamChannel => FfiRtm2ResourceType::StreamChannel,
            Rtm2ResourceType::GroupChannel => FfiRtm2ResourceType::GroupChannel,
            Rtm2ResourceType::ServerGroup => FfiRtm2ResourceType::ServerGroup,
            Rtm2ResourceType::User => FfiRtm2ResourceType::User,
        }
    }
}

/// What an RTM2 permission allows (core [`Rtm2PermissionType`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "Rtm2PermissionType")]
pub enum FfiRtm2PermissionType {
    /// Read (0).
    Read,
    /// Write (1).
    Write,
}

impl From<FfiRtm2PermissionType> for Rtm2PermissionType {
    fn from(t: FfiRtm2PermissionType) -> Rtm2PermissionType {
        match t {
            FfiRtm2PermissionType::Read => Rtm2PermissionType::Read,
            FfiRtm2PermissionType::Write => Rtm2PermissionType::Write,
        }
    }
}

impl From<Rtm2PermissionType> for FfiRtm2PermissionType {
    fn from(t: Rtm2PermissionType) -> FfiRtm2PermissionType {
        match t {
            Rtm2PermissionType::Read => FfiRtm2PermissionType::Read,
            Rtm2PermissionType::Write => FfiRtm2PermissionType::Write,
        }
    }
}

/// One RTM2 permission for the typed builder: the resources of one kind a user may read
/// or write. A later entry for the same (resource type, permission type) replaces an earlier one.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "Rtm2Permission")]
pub struct FfiRtm2Permission {
    /// The kind of resource.
    pub resource_type: FfiRtm2ResourceType,
    /// Read or write.
    pub permission_type: FfiRtm2PermissionType,
    /// The resource names, in order (duplicates kept).
    pub resources: Vec<String>,
}

pub(crate) fn rtm2_permissions(permissions: Vec<FfiRtm2Permission>) -> Rtm2Permissions {
    let mut out = Rtm2Permissions::new();
    for p in permissions {
        out.add(p.resource_type.into(), p.permission_type.into(), p.resources);
    }
    out
}

/// Which variant of the APaaS room-user token to build (core [`ApaasRoomUserVariant`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "ApaasRoomUserVariant")]
pub enum FfiApaasRoomUserVariant {
    /// What the service expects and every upstream language except npm builds.
    Standard,
    /// npm `agora-token`'s variant (no APaaS privilege, role 0 becomes -1), only to
    /// reproduce tokens that package made.
    NodeCompatible,
}

impl From<FfiApaasRoomUserVariant> for ApaasRoomUserVariant {
    fn from(v: FfiApaasRoomUserVariant) -> ApaasRoomUserVariant {
        match v {
            FfiApaasRoomUserVariant::Standard => ApaasRoomUserVariant::Standard,
            FfiApaasRoomUserVariant::NodeCompatible => ApaasRoomUserVariant::NodeCompatible,
        }
    }
}

/// One privilege of a service: its number and its expiry (seconds after the issue time
/// for 007; an absolute Unix time for 006; 0 = no limit of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "PrivilegeEntry")]
pub struct FfiPrivilegeEntry {
    /// The privilege number, e.g. 1 for RTC join channel.
    pub code: u16,
    /// The expiry.
    pub expire: u32,
}

pub(crate) fn privilege_entries(map: &BTreeMap<u16, u32>) -> Vec<FfiPrivilegeEntry> {
    map.iter().map(|(&code, &expire)| FfiPrivilegeEntry { code, expire }).collect()
}

/// One privilege a service defines: its name and its number (a row of the core's
/// `ServiceType::privileges`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "PrivilegeName")]
pub struct FfiPrivilegeName {
    /// The privilege's name, the same string in every binding: the core's privilege enum variant
    /// in snake_case, e.g. `"join_channel"`.
    pub name: String,
    /// The privilege number packed into tokens, e.g. 1.
    pub code: u16,
}

/// A service type of the 007 format and the privileges it defines (core `ServiceType`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "ServiceTypeInfo")]
pub struct FfiServiceTypeInfo {
    /// The service type number, e.g. 1.
    pub type_code: u16,
    /// The service name, e.g. `"RTC"`.
    pub name: String,
    /// Every privilege of the service, ascending by number (none for ConvoAI and STT).
    pub privileges: Vec<FfiPrivilegeName>,
}

/// Every service type of the 007 format with its privileges, ascending, read from the core: the
/// table the Kotlin drop-in constants (`AccessToken2.SERVICE_TYPE_RTC`,
/// `AccessToken2.PrivilegeRtc.PRIVILEGE_JOIN_CHANNEL`, ...) are tested against.
#[uniffi::export]
#[must_use]
pub fn service_types() -> Vec<FfiServiceTypeInfo> {
    ServiceType::ALL
        .iter()
        .map(|service_type| FfiServiceTypeInfo {
            type_code: service_type.code(),
            name: service_type.name().to_owned(),
            privileges: service_type
                .privileges()
                .iter()
                .map(|&(name, code)| FfiPrivilegeName { name: name.to_owned(), code })
                .collect(),
        })
        .collect()
}

/// RTM2 resources as numbers, as a token stores them (decoded tokens keep numbers this
/// crate does not know; building checks them).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "Rtm2PermissionEntry")]
pub struct FfiRtm2PermissionEntry {
    /// The resource type number (0 message channels ... 4 users).
    pub resource_type: u16,
    /// The permission type number (0 read, 1 write).
    pub permission_type: u16,
    /// The resource names, in order.
    pub resources: Vec<String>,
}

/// Declares [`FfiService`], one variant per core service with the core's fields (same names in
/// snake_case) and its privileges last, and the conversions both ways. The conversions go through
/// the core's generic fields (`Service::fields`, `Service::from_fields`), so this list is the only
/// place the binding names each service.
macro_rules! ffi_services {
    ($(
        $(#[$meta:meta])*
        $variant:ident { $( $(#[$fmeta:meta])* $field:ident: $ty:ty ),* ; $(#[$pmeta:meta])* privileges }
    )*) => {
        /// One service of a 007 token (core [`Service`]), used both to build any combination of
        /// services (`buildToken`) and to show what a decoded token holds. String fields are as
        /// packed: `uid`/`account` is `""` for numeric uid 0, else the decimal uid or the account.
        #[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
        #[uniffi(name = "Service")]
        pub enum FfiService {
            $(
                $(#[$meta])*
                $variant {
                    $( $(#[$fmeta])* $field: $ty, )*
                    $(#[$pmeta])*
                    privileges: Vec<FfiPrivilegeEntry>,
                },
            )*
        }

        impl From<&Service> for FfiService {
            fn from(service: &Service) -> FfiService {
                let fields = service.fields();
                let value = |name: &str| fields.iter().find(|(core, _)| same_name(name, core)).map(|(_, value)| value);
                let privileges = privilege_entries(service.privilege_map());
                match service.service_type() {
                    $( ServiceType::$variant => FfiService::$variant {
                        $( $field: FfiField::from_core(value(stringify!($field))), )*
                        privileges,
                    }, )*
                }
            }
        }

        impl TryFrom<FfiService> for Service {
            type Error = FfiError;

            /// Checks every privilege and RTM2 type number against the core's definitions.
            fn try_from(service: FfiService) -> FfiResult<Service> {
                let (mut core, entries) = match service {
                    $( FfiService::$variant { $($field,)* privileges } => {
                        let service_type = ServiceType::$variant;
                        let fields = vec![$( (core_name(service_type, stringify!($field)), $field.into_core()?) ),*];
                        (Service::from_fields(service_type, fields)?, privileges)
                    } )*
                };
                for entry in entries {
                    core.set_privilege_code(entry.code, entry.expire)?;
                }
                Ok(core)
            }
        }

        impl FfiService {
            fn privileges_mut(&mut self) -> &mut Vec<FfiPrivilegeEntry> {
                match self {
                    $( FfiService::$variant { privileges, .. } => privileges, )*
                }
            }
        }
    };
}

ffi_services! {
    /// RTC (type 1).
    Rtc {
        /// The channel name.
        channel_name: String,
        /// The uid as packed.
        uid: String;
        /// Privileges: 1 join channel, 2 publish audio, 3 publish video, 4 publish data.
        privileges
    }
    /// RTM (type 2).
    Rtm {
        /// The RTM user id.
        user_id: String;
        /// Privileges: 1 login.
        privileges
    }
    /// Streaming (type 3).
    Streaming {
        /// The channel name.
        channel_name: String,
        /// The account as packed.
        account: String;
        /// Privileges: 1 publish mix stream, 2 publish raw stream.
        privileges
    }
    /// FPA (type 4).
    Fpa {
        ;
        /// Privileges: 1 login.
        privileges
    }
    /// Chat (type 5).
    Chat {
        /// The chat user id (`""` for app tokens).
        user_id: String;
        /// Privileges: 1 user, 2 app.
        privileges
    }
    /// FCDN (type 6).
    Fcdn {
        /// The channel name.
        channel_name: String,
        /// The account as packed.
        account: String;
        /// Privileges: 1 publish, 2 play.
        privileges
    }
    /// APaaS / Flexible Classroom (type 7).
    Apaas {
        /// The room uuid (`""` for user and app tokens).
        room_uuid: String,
        /// The user uuid (`""` for app tokens).
        user_uuid: String,
        /// The role in the room (-1 when unused).
        role: i16;
        /// Privileges: 1 room user, 2 user, 3 app.
        privileges
    }
    /// RTM2 (type 8).
    Rtm2 {
        /// The RTM user id.
        user_id: String,
        /// The resource permissions, ascending by resource then permission type.
        permissions: Vec<FfiRtm2PermissionEntry>;
        /// Privileges: 1 login.
        privileges
    }
    /// Conversational AI (type 9); defines no privileges.
    ConvoAi {
        ;
        /// Privileges (none are defined).
        privileges
    }
    /// Speech-to-text (type 10); defines no privileges.
    Stt {
        ;
        /// Privileges (none are defined).
        privileges
    }
}

/// Whether a field's name here (`channel_name`) is the core's (`channelName`).
fn same_name(snake: &str, camel: &str) -> bool {
    snake
        .chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .eq(camel.chars().map(|c| c.to_ascii_lowercase()))
}

/// The core's name of a field of `service_type` (see [`ServiceType::field_names`]); a name the
/// core does not know is passed on for the core to refuse.
fn core_name(service_type: ServiceType, snake: &'static str) -> &'static str {
    service_type.field_names().iter().copied().find(|core| same_name(snake, core)).unwrap_or(snake)
}

/// A field type of [`FfiService`] and the core's [`ServiceField`] it stands for.
trait FfiField: Sized {
    /// The value of a decoded service's field (every core field has its FFI field; a missing or
    /// other kind of value is impossible and reads as empty).
    fn from_core(value: Option<&ServiceField>) -> Self;
    /// The core value, checked as the core checks it.
    fn into_core(self) -> FfiResult<ServiceField>;
}

impl FfiField for String {
    fn from_core(value: Option<&ServiceField>) -> Self {
        match value {
            Some(ServiceField::Text(text)) => text.clone(),
            _ => String::new(),
        }
    }
    fn into_core(self) -> FfiResult<ServiceField> {
        Ok(ServiceField::Text(self))
    }
}

impl FfiField for i16 {
    fn from_core(value: Option<&ServiceField>) -> Self {
        match value {
            Some(ServiceField::Integer(number)) => *number,
            _ => 0,
        }
    }
    fn into_core(self) -> FfiResult<ServiceField> {
        Ok(ServiceField::Integer(self))
    }
}

impl FfiField for Vec<FfiRtm2PermissionEntry> {
    fn from_core(value: Option<&ServiceField>) -> Self {
        let Some(ServiceField::Rtm2Permissions(permissions)) = value else {
            return Vec::new();
        };
        permissions
            .iter()
            .map(|(resource_type, permission_type, resources)| FfiRtm2PermissionEntry {
                resource_type,
                permission_type,
                resources: resources.to_vec(),
            })
            .collect()
    }
    fn into_core(self) -> FfiResult<ServiceField> {
        let mut checked = Rtm2Permissions::new();
        for entry in self {
            checked.add(
                Rtm2ResourceType::from_code(entry.resource_type)?,
                Rtm2PermissionType::from_code(entry.permission_type)?,
                entry.resources,
            );
        }
        Ok(ServiceField::Rtm2Permissions(checked))
    }
}

/// The core service with its privilege numbers and RTM2 types packed as given (core
/// [`Service::add_privilege_unchecked`], [`Rtm2Permissions::add_unchecked`]), for the drop-in
/// layer only.
pub(crate) fn service_unchecked(mut service: FfiService) -> FfiResult<Service> {
    let entries = std::mem::take(service.privileges_mut());
    let mut core = match service {
        FfiService::Rtm2 { user_id, permissions, .. } => {
            Rtm2Service::new(user_id, rtm2_permissions_unchecked(permissions)).into()
        }
        other => Service::try_from(other)?,
    };
    for entry in entries {
        core.add_privilege_unchecked(entry.code, entry.expire);
    }
    Ok(core)
}

/// RTM2 permissions with their type numbers packed as given (core
/// [`Rtm2Permissions::add_unchecked`]), for the drop-in layer only.
pub(crate) fn rtm2_permissions_unchecked(entries: Vec<FfiRtm2PermissionEntry>) -> Rtm2Permissions {
    let mut permissions = Rtm2Permissions::new();
    for entry in entries {
        permissions.add_unchecked(entry.resource_type, entry.permission_type, entry.resources);
    }
    permissions
}

/// The RTC role with this number (core [`RtcRole::from_code`]): 1 publisher, 2 subscriber.
///
/// # Errors
/// `UnknownRole` for any other number (upstream silently treats them as subscriber).
#[uniffi::export]
pub fn rtc_role_from_code(code: i64) -> FfiResult<FfiRtcRole> {
    Ok(RtcRole::from_code(code)?.into())
}

/// The RTC role named `publisher`/`host`/`1` or `subscriber`/`audience`/`2`, ignoring case
/// (core `RtcRole::from_str`), as token servers receive it.
///
/// # Errors
/// `UnknownRole` for anything else.
#[uniffi::export]
pub fn parse_rtc_role(text: String) -> FfiResult<FfiRtcRole> {
    Ok(text.parse::<RtcRole>()?.into())
}

/// The RTM2 resource type with this number (core [`Rtm2ResourceType::from_code`]).
///
/// # Errors
/// `UnknownRtm2Type` outside 0..=4.
#[uniffi::export]
pub fn rtm2_resource_type_from_code(code: u16) -> FfiResult<FfiRtm2ResourceType> {
    Ok(Rtm2ResourceType::from_code(code)?.into())
}

/// The RTM2 permission type with this number (core [`Rtm2PermissionType::from_code`]).
///
/// # Errors
/// `UnknownRtm2Type` outside 0..=1.
#[uniffi::export]
pub fn rtm2_permission_type_from_code(code: u16) -> FfiResult<FfiRtm2PermissionType> {
    Ok(Rtm2PermissionType::from_code(code)?.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_unchecked_conversion_packs_undefined_privilege_numbers_and_rtm2_types() {
        let entries = vec![FfiPrivilegeEntry { code: 65_535, expire: 7 }, FfiPrivilegeEntry { code: 0, expire: 9 }];
        let rtc = FfiService::Rtc { channel_name: "c".into(), uid: String::new(), privileges: entries.clone() };
        assert_eq!(Service::try_from(rtc.clone()).unwrap_err().code(), "unknown_privilege");
        let core = service_unchecked(rtc).unwrap();
        assert_eq!(privilege_entries(core.privilege_map()), vec![entries[1], entries[0]]);
        let odd_rtm2 = FfiService::Rtm2 {
            user_id: "u".into(),
            permissions: vec![FfiRtm2PermissionEntry {
                resource_type: 9,
                permission_type: 7,
                resources: vec!["a".into()],
            }],
            privileges: vec![FfiPrivilegeEntry { code: 1, expire: 600 }],
        };
        assert_eq!(Service::try_from(odd_rtm2.clone()).unwrap_err().code(), "unknown_rtm2_type");
        let Service::Rtm2(core) = service_unchecked(odd_rtm2).unwrap() else { panic!("an RTM2 service") };
        let packed: Vec<_> = core.permissions.iter().map(|(r, p, names)| (r, p, names.to_vec())).collect();
        assert_eq!(packed, vec![(9, 7, vec!["a".to_owned()])]);
        assert_eq!(core.privileges.as_map().get(&1), Some(&600));
    }

    /// Every core service crosses to Kotlin/Swift and back unchanged: each variant's fields find
    /// the core's by name, whatever the service.
    #[test]
    fn every_core_service_round_trips_through_its_ffi_variant() {
        use agora_token::{ApaasService, RtcPrivilege, RtcService};
        // One service of each type with a value in every field, whatever the core's table holds.
        let permissions = Rtm2Permissions::new().with(Rtm2ResourceType::User, Rtm2PermissionType::Write, ["a", "b"]);
        let sample = |name: &'static str| match name {
            "role" => (name, ServiceField::Integer(3)),
            "permissions" => (name, ServiceField::Rtm2Permissions(permissions.clone())),
            _ => (name, ServiceField::Text(format!("{name}-value"))),
        };
        let mut services: Vec<Service> = ServiceType::ALL
            .iter()
            .map(|&t| Service::from_fields(t, t.field_names().iter().map(|&name| sample(name))).unwrap())
            .collect();
        services[0] = RtcService::new("c", 7).with_privilege(RtcPrivilege::PublishDataStream, 5).into();
        let types: Vec<ServiceType> = services.iter().map(Service::service_type).collect();
        assert_eq!(types, ServiceType::ALL, "one of each service type");
        for service in services {
            let ffi = FfiService::from(&service);
            assert_eq!(Service::try_from(ffi.clone()).unwrap(), service, "{ffi:?}");
        }
        let apaas = FfiService::from(&Service::from(ApaasService::new("r", "u", 3)));
        assert!(matches!(apaas, FfiService::Apaas { ref room_uuid, role: 3, .. } if room_uuid == "r"));
    }

    #[test]
    fn signed_uids_are_read_by_the_core() {
        assert_eq!(user_from_signed_uid(-1).unwrap(), FfiUser::Uid { uid: u32::MAX });
        assert_eq!(user_from_signed_uid(4_294_967_296).unwrap_err().code(), "invalid_argument");
        assert_eq!(user_wire_string(FfiUser::Uid { uid: 0 }), "");
        assert_eq!(user_wire_string(FfiUser::Account { account: "0".into() }), "0");
    }
}
