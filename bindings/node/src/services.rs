//! Services of a 007 token as plain JavaScript objects, both ways.
//!
//! [`JsService`] (exported as `Service`) is what `decode`/`verify` return for each service;
//! [`JsServiceInput`] (exported as `ServiceInput`) is what `buildToken` takes. A decoded
//! service is a valid input, so a token can be decoded, changed and rebuilt.

use std::collections::HashMap;

use agora_token::{Rtm2PermissionType, Rtm2Permissions, Rtm2ResourceType, Service, ServiceField, ServiceType};
use napi::Either;
use napi_derive::napi;

use crate::args::{to_i16, to_u32, to_user, to_user_string};
use crate::error::{invalid_argument, CoreResultExt, Result};

/// RTM2 permissions as in npm `Rtm2Permissions.details`: resource type → permission type →
/// resource names (keys are the numbers as strings, as JavaScript object keys are).
pub type JsRtm2Details = HashMap<String, HashMap<String, Vec<String>>>;

/// One service of a decoded token. Only the fields of its type are present.
#[napi(object, js_name = "Service")]
#[derive(Debug, Clone)]
pub struct JsService {
    /// The service type number: 1 RTC, 2 RTM, 3 Streaming, 4 FPA, 5 Chat, 6 FCDN, 7 APaaS, 8 RTM2, 9 ConvoAI, 10 STT.
    #[napi(js_name = "type")]
    pub service_type: u32,
    /// The service name, e.g. `"RTC"`.
    pub name: String,
    /// Privilege number → expiry in seconds after the issue time.
    pub privileges: HashMap<String, u32>,
    /// RTC, Streaming, FCDN: the channel name.
    pub channel_name: Option<String>,
    /// RTC: the uid as packed (`""` = any user, else the decimal uid or the account).
    pub uid: Option<String>,
    /// Streaming, FCDN: the account as packed.
    pub account: Option<String>,
    /// RTM, Chat, RTM2: the user id.
    pub user_id: Option<String>,
    /// APaaS: the room uuid.
    pub room_uuid: Option<String>,
    /// APaaS: the user uuid.
    pub user_uuid: Option<String>,
    /// APaaS: the role (-1 when unused).
    pub role: Option<i32>,
    /// RTM2: resource type → permission type → resource names.
    #[napi(ts_type = "Record<string, Record<string, string[]>>")]
    pub permissions: Option<JsRtm2Details>,
}

/// One service for `buildToken`. `type` selects the service; give only the fields of that type.
#[napi(object, js_name = "ServiceInput")]
#[derive(Debug, Clone)]
pub struct JsServiceInput {
    /// The service type number: 1 RTC, 2 RTM, 3 Streaming, 4 FPA, 5 Chat, 6 FCDN, 7 APaaS, 8 RTM2, 9 ConvoAI, 10 STT.
    #[napi(js_name = "type")]
    pub service_type: f64,
    /// Privilege number → expiry in seconds after the issue time. Numbers the service does
    /// not define are refused (`unknown_privilege`).
    #[napi(ts_type = "Record<string | number, number>")]
    pub privileges: Option<HashMap<String, f64>>,
    /// RTC (required), Streaming, FCDN: the channel name.
    pub channel_name: Option<String>,
    /// RTC (required): a uid (number; 0 = any user) or an account (string).
    pub uid: Option<Either<String, f64>>,
    /// Streaming, FCDN: a uid (number; 0 = any user) or an account (string). Default `""`.
    pub account: Option<Either<String, f64>>,
    /// RTM, Chat, RTM2: the user id (a number is written in decimal, 0 as `""`). Default `""`.
    pub user_id: Option<Either<String, f64>>,
    /// APaaS: the room uuid. Default `""`.
    pub room_uuid: Option<String>,
    /// APaaS: the user uuid. Default `""`.
    pub user_uuid: Option<String>,
    /// APaaS: the role, -32768..=32767. Default -1 (no role).
    pub role: Option<f64>,
    /// RTM2: resource type → permission type → resource names (npm `Rtm2Permissions.details`).
    #[napi(ts_type = "Record<string | number, Record<string | number, string[]>>")]
    pub permissions: Option<JsRtm2Details>,
}

impl JsServiceInput {
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

    /// Converts to a core service, checking every field.
    ///
    /// # Errors
    /// `invalid_argument` for missing, misplaced or out-of-range fields; the core's
    /// `unknown_service_type`, `unknown_privilege` or `unknown_rtm2_type`.
    pub fn into_core(self) -> Result<Service> {
        let code = u16::try_from(to_u32("service type", self.service_type)?).map_err(|_| {
            invalid_argument("service type", format!("got {}; service types are 16-bit numbers", self.service_type))
        })?;
        let service_type = ServiceType::from_code(code).js()?;
        service_type.check_fields(&self.given_fields()).js()?;
        // Each given field as the core holds it (a uid or account as packed); the core builds the
        // service of any type from them, taking its defaults for the fields left out.
        let mut fields = Vec::new();
        if let Some(channel_name) = self.channel_name {
            fields.push(("channelName", ServiceField::Text(channel_name)));
        }
        if let Some(uid) = self.uid {
            fields.push(("uid", ServiceField::Text(to_user("uid", uid)?.to_wire_string())));
        }
        if let Some(account) = self.account {
            fields.push(("account", ServiceField::Text(to_user("account", account)?.to_wire_string())));
        }
        if let Some(user_id) = self.user_id {
            fields.push(("userId", ServiceField::Text(to_user_string("userId", user_id)?)));
        }
        if let Some(room_uuid) = self.room_uuid {
            fields.push(("roomUuid", ServiceField::Text(room_uuid)));
        }
        if let Some(user_uuid) = self.user_uuid {
            fields.push(("userUuid", ServiceField::Text(user_uuid)));
        }
        if let Some(role) = self.role {
            fields.push(("role", ServiceField::Integer(to_i16("role", role)?)));
        }
        if let Some(permissions) = self.permissions {
            fields.push(("permissions", ServiceField::Rtm2Permissions(rtm2_permissions(&permissions)?)));
        }
        let mut service = Service::from_fields(service_type, fields).js()?;
        for (key, &expire) in &self.privileges.unwrap_or_default() {
            let (code, expire) = privilege_entry(key, expire)?;
            service.set_privilege_code(code, expire).js()?;
        }
        Ok(service)
    }
}

/// One entry of a privilege object: the key is a privilege number, the value seconds.
fn privilege_entry(key: &str, expire: f64) -> Result<(u16, u32)> {
    let code = key
        .parse::<u16>()
        .map_err(|_| invalid_argument("privileges", format!("key {key:?} is not a privilege number")))?;
    Ok((code, to_u32(&format!("privilege {code} expire"), expire)?))
}

/// RTM2 permissions from npm's `details` shape.
///
/// # Errors
/// `invalid_argument` for keys that are not numbers; the core's `unknown_rtm2_type`.
pub fn rtm2_permissions(details: &JsRtm2Details) -> Result<Rtm2Permissions> {
    let number = |what: &str, key: &str| {
        key.parse::<u16>().map_err(|_| invalid_argument("permissions", format!("{what} {key:?} is not a number")))
    };
    let mut permissions = Rtm2Permissions::new();
    for (resource, by_permission) in details {
        let resource = Rtm2ResourceType::from_code(number("resource type", resource)?).js()?;
        for (permission, names) in by_permission {
            let permission = Rtm2PermissionType::from_code(number("permission type", permission)?).js()?;
            permissions.add(resource, permission, names.iter().cloned());
        }
    }
    Ok(permissions)
}

fn rtm2_details(permissions: &Rtm2Permissions) -> JsRtm2Details {
    let mut details: JsRtm2Details = HashMap::new();
    for (resource, permission, names) in permissions.iter() {
        details.entry(resource.to_string()).or_default().insert(permission.to_string(), names.to_vec());
    }
    details
}

impl From<&Service> for JsService {
    fn from(service: &Service) -> Self {
        let service_type = service.service_type();
        let mut js = JsService {
            service_type: u32::from(service_type.code()),
            name: service_type.name().to_owned(),
            privileges: service.privilege_map().iter().map(|(code, expire)| (code.to_string(), *expire)).collect(),
            channel_name: None,
            uid: None,
            account: None,
            user_id: None,
            room_uuid: None,
            user_uuid: None,
            role: None,
            permissions: None,
        };
        for (name, value) in service.fields() {
            // By the core's field names (`ServiceType::field_names`), whatever the service.
            match value {
                ServiceField::Text(text) => match name {
                    "channelName" => js.channel_name = Some(text),
                    "uid" => js.uid = Some(text),
                    "account" => js.account = Some(text),
                    "userId" => js.user_id = Some(text),
                    "roomUuid" => js.room_uuid = Some(text),
                    "userUuid" => js.user_uuid = Some(text),
                    // A text field this object has no property for yet: a new core field needs one.
                    _ => {}
                },
                ServiceField::Integer(role) => js.role = Some(i32::from(role)),
                ServiceField::Rtm2Permissions(permissions) => js.permissions = Some(rtm2_details(&permissions)),
            }
        }
        js
    }
}

/// One privilege a service defines: its name and its number (a row of the core's
/// `ServiceType::privileges`).
#[napi(object, js_name = "PrivilegeName")]
#[derive(Debug, Clone)]
pub struct JsPrivilegeName {
    /// The privilege's name, the same string in every binding: the core's privilege enum variant
    /// in snake_case, e.g. `'join_channel'`.
    pub name: String,
    /// The privilege number packed into tokens, e.g. 1.
    pub code: u16,
}

/// A service type of the 007 format and the privileges it defines (core `ServiceType`).
#[napi(object, js_name = "ServiceTypeInfo")]
#[derive(Debug, Clone)]
pub struct JsServiceTypeInfo {
    /// The service type number, e.g. 1.
    #[napi(js_name = "type")]
    pub service_type: u16,
    /// The service name, e.g. `'RTC'`.
    pub name: String,
    /// Every privilege of the service, ascending by number (none for ConvoAI and STT).
    pub privileges: Vec<JsPrivilegeName>,
}

/// Every service type of the 007 format with its privileges, ascending, read from the core: the
/// table the drop-in constants (`kRtcServiceType`, `ServiceRtc.kPrivilegeJoinChannel`, ...) are
/// tested against.
#[napi]
pub fn service_types() -> Vec<JsServiceTypeInfo> {
    ServiceType::ALL
        .iter()
        .map(|service_type| JsServiceTypeInfo {
            service_type: service_type.code(),
            name: service_type.name().to_owned(),
            privileges: service_type
                .privileges()
                .iter()
                .map(|&(name, code)| JsPrivilegeName { name: name.to_owned(), code })
                .collect(),
        })
        .collect()
}
