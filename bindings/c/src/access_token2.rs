//! AccessToken2 ("007"): a builder handle for tokens with any services (core `AccessToken2`
//! and its services), and decoding (unverified, or verified) and verification.

use std::ffi::c_char;

use agora_token::compat;
use agora_token::{
    AccessToken2, ApaasService, AppCertificate, ChatService, ConvoAiService, Credentials, Error, FcdnService,
    FpaService, Payload, RtcService, Rtm2Service, RtmService, Service, ServiceField, StreamingService, SttService,
    UnverifiedToken, User,
};
use serde_json::{json, Map, Value};

use crate::compat::{AgoraTokenWarnings, Warnings};
use crate::error::AgoraTokenStatus;
use crate::ffi::{guard, invalid, owned_c_string, put, required, text};
use crate::options::{credentials, AgoraTokenOptions, Settings};
use crate::services::{permissions_of, AgoraTokenRtm2Permissions};

/// A 007 token being built: credentials, lifetime and options, then services and their
/// privileges, then `agora_token_builder_build` (as often as wanted). Create with
/// `agora_token_builder_new`, free with `agora_token_builder_free`.
///
/// Not synchronized: add services from one thread at a time. `agora_token_builder_build`
/// only reads it, so several threads may build from one builder while nobody adds.
#[derive(Debug)]
pub struct AgoraTokenBuilder {
    // The core builder itself and the credentials it signs with: services are added to it and
    // granted privileges in place, and every build signs it as it is.
    credentials: Credentials,
    token: AccessToken2,
}

/// Starts a 007 token for these credentials, `expire` seconds long (after the issue time).
/// `options` (NULL = defaults) fixes the issue time and salt, and `strict` refuses expiries
/// that look like Unix timestamps at build. `warnings` (NULL = not wanted) receives
/// `expiry_looks_absolute` or `lifetime_over_24h` about `expire`.
///
/// # Safety
/// Strings are pointer + byte length (NULL only with length 0); `builder` must be writable;
/// `options` NULL or readable; `warnings` and `error_message` NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_builder_new(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    builder: *mut *mut AgoraTokenBuilder,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        put(builder, std::ptr::null_mut());
        put(warnings, std::ptr::null_mut());
        guard(error_message, || {
            let out = required("builder", builder)?;
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let mut found = Warnings::default();
            found.add(compat::expire_007("expire", expire));
            let handle = AgoraTokenBuilder { credentials, token: Settings::read(options).start(expire) };
            out.write(Box::into_raw(Box::new(handle)));
            found.deliver(warnings);
            Ok(())
        })
    }
}

/// Frees a builder. NULL is ignored.
///
/// # Safety
/// `builder` must be NULL or a handle from `agora_token_builder_new`, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_free(builder: *mut AgoraTokenBuilder) {
    if !builder.is_null() {
        // SAFETY: by contract, a pointer from `Box::into_raw`, freed once.
        drop(unsafe { Box::from_raw(builder) });
    }
}

/// Signs and encodes the token (services packed by type, repeated types in the order added).
///
/// # Safety
/// `builder` must be a live handle; `token` writable; `error_message` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_build(
    builder: *const AgoraTokenBuilder,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        put(token, std::ptr::null_mut());
        guard(error_message, || {
            let out = required("token", token)?;
            let handle = builder.as_ref().ok_or_else(|| invalid("builder", "is NULL"))?;
            out.write(owned_c_string(handle.token.build(&handle.credentials)?));
            Ok(())
        })
    }
}

/// Adds the service `make` returns and reports its index (the handle for its privileges).
///
/// # Safety
/// `builder` NULL or live; `service_index` and `error_message` NULL or writable.
unsafe fn add(
    builder: *mut AgoraTokenBuilder,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
    make: impl FnOnce() -> Result<Service, Error>,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        guard(error_message, || {
            let handle = builder.as_mut().ok_or_else(|| invalid("builder", "is NULL"))?;
            handle.token.service(make()?);
            put(service_index, handle.token.services().len() - 1);
            Ok(())
        })
    }
}

/// Adds an RTC service (type 1) for a channel and a numeric uid (0 = any user), with no
/// privileges yet; `*service_index` (if not NULL) receives its index for `_add_privilege`.
///
/// # Safety
/// `builder` must be a live handle; strings are pointer + length; out-pointers NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_rtc_uid(
    builder: *mut AgoraTokenBuilder,
    channel_name: *const c_char,
    channel_name_len: usize,
    uid: u32,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        add(builder, service_index, error_message, || {
            Ok(RtcService::new(text("channel_name", channel_name, channel_name_len)?, uid).into())
        })
    }
}

/// Adds an RTC service (type 1) for a channel and a string account (packed verbatim).
///
/// # Safety
/// As `agora_token_builder_add_rtc_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_rtc_account(
    builder: *mut AgoraTokenBuilder,
    channel_name: *const c_char,
    channel_name_len: usize,
    account: *const c_char,
    account_len: usize,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        add(builder, service_index, error_message, || {
            let channel_name = text("channel_name", channel_name, channel_name_len)?;
            Ok(RtcService::new(channel_name, User::Account(text("account", account, account_len)?.to_owned())).into())
        })
    }
}

/// Adds an RTM service (type 2) for a user id.
///
/// # Safety
/// As `agora_token_builder_add_rtc_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_rtm(
    builder: *mut AgoraTokenBuilder,
    user_id: *const c_char,
    user_id_len: usize,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        add(
            builder,
            service_index,
            error_message,
            || Ok(RtmService::new(text("user_id", user_id, user_id_len)?).into()),
        )
    }
}

/// Adds a Streaming service (type 3) for a channel and a numeric uid (0 = any user).
///
/// # Safety
/// As `agora_token_builder_add_rtc_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_streaming_uid(
    builder: *mut AgoraTokenBuilder,
    channel_name: *const c_char,
    channel_name_len: usize,
    uid: u32,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        add(builder, service_index, error_message, || {
            Ok(StreamingService::new(text("channel_name", channel_name, channel_name_len)?, uid).into())
        })
    }
}

/// Adds a Streaming service (type 3) for a channel and a string account.
///
/// # Safety
/// As `agora_token_builder_add_rtc_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_streaming_account(
    builder: *mut AgoraTokenBuilder,
    channel_name: *const c_char,
    channel_name_len: usize,
    account: *const c_char,
    account_len: usize,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        add(builder, service_index, error_message, || {
            let channel_name = text("channel_name", channel_name, channel_name_len)?;
            let account = User::Account(text("account", account, account_len)?.to_owned());
            Ok(StreamingService::new(channel_name, account).into())
        })
    }
}

/// Adds an FPA service (type 4).
///
/// # Safety
/// As `agora_token_builder_add_rtc_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_fpa(
    builder: *mut AgoraTokenBuilder,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe { add(builder, service_index, error_message, || Ok(FpaService::new().into())) }
}

/// Adds a Chat service (type 5) for a user id ("" for app tokens).
///
/// # Safety
/// As `agora_token_builder_add_rtc_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_chat(
    builder: *mut AgoraTokenBuilder,
    user_id: *const c_char,
    user_id_len: usize,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        add(builder, service_index, error_message, || {
            Ok(ChatService::new(text("user_id", user_id, user_id_len)?).into())
        })
    }
}

/// Adds an FCDN service (type 6) for a channel and a numeric uid (0 = any user).
///
/// # Safety
/// As `agora_token_builder_add_rtc_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_fcdn_uid(
    builder: *mut AgoraTokenBuilder,
    channel_name: *const c_char,
    channel_name_len: usize,
    uid: u32,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        add(builder, service_index, error_message, || {
            Ok(FcdnService::new(text("channel_name", channel_name, channel_name_len)?, uid).into())
        })
    }
}

/// Adds an FCDN service (type 6) for a channel and a string account.
///
/// # Safety
/// As `agora_token_builder_add_rtc_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_fcdn_account(
    builder: *mut AgoraTokenBuilder,
    channel_name: *const c_char,
    channel_name_len: usize,
    account: *const c_char,
    account_len: usize,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        add(builder, service_index, error_message, || {
            let channel_name = text("channel_name", channel_name, channel_name_len)?;
            let account = User::Account(text("account", account, account_len)?.to_owned());
            Ok(FcdnService::new(channel_name, account).into())
        })
    }
}

/// Adds an APaaS service (type 7) for a room ("" for none), a user ("" for none) and a role
/// (-1 when unused).
///
/// # Safety
/// As `agora_token_builder_add_rtc_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_builder_add_apaas(
    builder: *mut AgoraTokenBuilder,
    room_uuid: *const c_char,
    room_uuid_len: usize,
    user_uuid: *const c_char,
    user_uuid_len: usize,
    role: i16,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        add(builder, service_index, error_message, || {
            let room_uuid = text("room_uuid", room_uuid, room_uuid_len)?;
            Ok(ApaasService::new(room_uuid, text("user_uuid", user_uuid, user_uuid_len)?, role).into())
        })
    }
}

/// Adds an RTM2 service (type 8) for a user id with resource permissions (copied; NULL = none).
///
/// # Safety
/// As `agora_token_builder_add_rtc_uid`; `permissions` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_rtm2(
    builder: *mut AgoraTokenBuilder,
    user_id: *const c_char,
    user_id_len: usize,
    permissions: *const AgoraTokenRtm2Permissions,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        add(builder, service_index, error_message, || {
            Ok(Rtm2Service::new(text("user_id", user_id, user_id_len)?, permissions_of(permissions)).into())
        })
    }
}

/// Adds a ConvoAI service (type 9; it has no privileges: its presence is the grant).
///
/// # Safety
/// As `agora_token_builder_add_rtc_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_convoai(
    builder: *mut AgoraTokenBuilder,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe { add(builder, service_index, error_message, || Ok(ConvoAiService::new().into())) }
}

/// Adds an STT service (type 10; no privileges).
///
/// # Safety
/// As `agora_token_builder_add_rtc_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_stt(
    builder: *mut AgoraTokenBuilder,
    service_index: *mut usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe { add(builder, service_index, error_message, || Ok(SttService::new().into())) }
}

/// The service at an index, or an `invalid_argument` error naming the valid range.
///
/// # Safety
/// `builder` must be NULL or a live handle, not used elsewhere while the reference lives.
unsafe fn service_at<'a>(builder: *mut AgoraTokenBuilder, index: usize) -> Result<&'a mut Service, Error> {
    // SAFETY: caller contract.
    let handle = unsafe { builder.as_mut() }.ok_or_else(|| invalid("builder", "is NULL"))?;
    let services = handle.token.services_mut();
    let count = services.len();
    services
        .get_mut(index)
        .ok_or_else(|| invalid("service_index", format!("is {index}, but the builder has {count} services")))
}

/// Sets a privilege's value in one service's map, refusing numbers the service does not define.
fn set_privilege(service: &mut Service, code: u16, expire: u32) -> Result<(), Error> {
    service.set_privilege_code(code, expire)
}

/// Grants privilege `privilege` of the service at `service_index` until `expire` seconds
/// after the issue time (replacing an earlier value). A number the service does not define
/// is refused (`unknown_privilege`, naming the defined ones).
///
/// # Safety
/// `builder` must be a live handle; `error_message` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_privilege(
    builder: *mut AgoraTokenBuilder,
    service_index: usize,
    privilege: u16,
    expire: u32,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe { guard(error_message, || set_privilege(service_at(builder, service_index)?, privilege, expire)) }
}

/// Upstream's `AddPrivilege`: packs any privilege number as given. A number the service does
/// not define (which grants nothing) gives an `undefined_privilege` warning, an expiry that
/// looks like a timestamp `expiry_looks_absolute`: for drop-in layers of upstream's
/// `AccessToken2` service classes.
///
/// # Safety
/// `builder` must be a live handle; `warnings` and `error_message` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn agora_token_builder_add_privilege_unchecked(
    builder: *mut AgoraTokenBuilder,
    service_index: usize,
    privilege: u16,
    expire: u32,
    warnings: *mut *mut AgoraTokenWarnings,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        put(warnings, std::ptr::null_mut());
        guard(error_message, || {
            let service = service_at(builder, service_index)?;
            let mut found = Warnings::default();
            found.add(compat::privilege(service.service_type(), privilege));
            found.add(compat::expire_007("privilege expire", expire));
            service.add_privilege_unchecked(privilege, expire);
            found.deliver(warnings);
            Ok(())
        })
    }
}

/// Decodes a 007 token **without checking its signature** and returns its payload as JSON
/// (`*json`, freed with `agora_token_free`): `{"version":"007","app_id","issued_at","expire",
/// "expires_at","salt","services":[{"type","name","privileges":{"1":600},...fields}],
/// "unknown_service_type"}`. Nothing in it can be trusted; use `agora_token_decode` with the
/// certificate for that.
///
/// # Safety
/// `token` is pointer + length; `json` writable; `error_message` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn agora_token_decode_unverified(
    token: *const c_char,
    token_len: usize,
    json: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        put(json, std::ptr::null_mut());
        guard(error_message, || {
            let out = required("json", json)?;
            let decoded = UnverifiedToken::parse(text("token", token, token_len)?)?;
            out.write(owned_c_string(payload_json(decoded.payload()).to_string()));
            Ok(())
        })
    }
}

/// Decodes a 007 token, verifies its signature with the certificate and returns its payload
/// as JSON (the shape of `agora_token_decode_unverified`). `signature_mismatch` when the
/// certificate did not sign it; `invalid_app_id` when its app id is not 32 hex characters.
///
/// # Safety
/// As `agora_token_decode_unverified`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_decode(
    token: *const c_char,
    token_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    json: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        put(json, std::ptr::null_mut());
        guard(error_message, || {
            let out = required("json", json)?;
            let certificate = AppCertificate::new(text("app_certificate", app_certificate, app_certificate_len)?)?;
            let verified = agora_token::decode(text("token", token, token_len)?, &certificate)?;
            out.write(owned_c_string(payload_json(verified.payload()).to_string()));
            Ok(())
        })
    }
}

/// Verifies a 007 token's signature: `AGORA_TOKEN_STATUS_OK` when the certificate signed it,
/// else the decoding error or `signature_mismatch`.
///
/// # Safety
/// Strings are pointer + length; `error_message` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn agora_token_verify(
    token: *const c_char,
    token_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        guard(error_message, || {
            let certificate = AppCertificate::new(text("app_certificate", app_certificate, app_certificate_len)?)?;
            UnverifiedToken::parse(text("token", token, token_len)?)?.check_signature(&certificate)
        })
    }
}

/// The JSON form of a 007 payload: the field names of the conformance vectors and the other
/// bindings' `Payload`.
fn payload_json(payload: &Payload) -> Value {
    json!({
        "version": agora_token::VERSION,
        "app_id": payload.app_id(),
        "issued_at": payload.issued_at(),
        "expire": payload.expire(),
        "expires_at": payload.expires_at(),
        "salt": payload.salt(),
        "services": payload.services().iter().map(service_json).collect::<Vec<_>>(),
        "unknown_service_type": payload.unknown_service_type(),
    })
}

fn service_json(service: &Service) -> Value {
    let mut object = Map::new();
    object.insert("type".to_owned(), service.service_type().code().into());
    object.insert("name".to_owned(), service.service_type().name().into());
    let privileges: Map<String, Value> =
        service.privilege_map().iter().map(|(code, expire)| (code.to_string(), (*expire).into())).collect();
    object.insert("privileges".to_owned(), privileges.into());
    // Every service's fields from the core's generic list, named in snake_case (`channel_name`).
    for (name, field) in service.fields() {
        let value = match field {
            ServiceField::Text(text) => text.into(),
            ServiceField::Integer(number) => number.into(),
            ServiceField::Rtm2Permissions(permissions) => {
                let mut by_resource = Map::new();
                for (resource, permission, names) in permissions.iter() {
                    let by_permission =
                        by_resource.entry(resource.to_string()).or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(by_permission) = by_permission {
                        by_permission.insert(permission.to_string(), names.into());
                    }
                }
                by_resource.into()
            }
        };
        let snake_name: String = name
            .chars()
            .flat_map(|c| if c.is_ascii_uppercase() { vec!['_', c.to_ascii_lowercase()] } else { vec![c] })
            .collect();
        object.insert(snake_name, value);
    }
    Value::Object(object)
}
