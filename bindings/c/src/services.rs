//! RTM2 resource permissions as an opaque handle (core `Rtm2Permissions`), for
//! `agora_token_rtm_build_token_with_permissions` and `agora_token_builder_add_rtm2`.

use std::ffi::c_char;

use agora_token::compat;
use agora_token::{Error, Rtm2PermissionType, Rtm2Permissions, Rtm2ResourceType};

use crate::compat::{AgoraTokenWarnings, Warnings};
use crate::error::AgoraTokenStatus;
use crate::ffi::{guard, invalid, owned_c_string, put, text};

/// RTM2 permissions: for each (resource type, permission type) a list of resource names.
/// Create with `agora_token_rtm2_permissions_new`, free with `agora_token_rtm2_permissions_free`.
/// Not synchronized: add from one thread at a time; reading it (building) from several
/// threads at once is safe while nobody adds.
#[derive(Debug, Default)]
pub struct AgoraTokenRtm2Permissions {
    inner: Rtm2Permissions,
}

/// The permissions behind a handle, or none for NULL.
///
/// # Safety
/// `permissions` must be NULL or a live handle.
pub(crate) unsafe fn permissions_of(permissions: *const AgoraTokenRtm2Permissions) -> Rtm2Permissions {
    // SAFETY: caller contract.
    unsafe { permissions.as_ref() }.map(|handle| handle.inner.clone()).unwrap_or_default()
}

/// A new, empty set of RTM2 permissions. Never NULL.
#[no_mangle]
pub extern "C" fn agora_token_rtm2_permissions_new() -> *mut AgoraTokenRtm2Permissions {
    Box::into_raw(Box::default())
}

/// Frees a permissions handle. NULL is ignored.
///
/// # Safety
/// `permissions` must be NULL or a handle from `agora_token_rtm2_permissions_new`, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn agora_token_rtm2_permissions_free(permissions: *mut AgoraTokenRtm2Permissions) {
    if !permissions.is_null() {
        // SAFETY: by contract, a pointer from `Box::into_raw`, freed once.
        drop(unsafe { Box::from_raw(permissions) });
    }
}

/// Sets the resource names for a (resource type, permission type) pair, replacing an earlier
/// list for the same pair (upstream `Permissions.Add`). Resource types: 0 message channels,
/// 1 stream channels, 2 group channels, 3 server groups, 4 users; permission types: 0 read,
/// 1 write (others: `unknown_rtm2_type`; `agora_token_rtm2_permissions_add_unchecked` packs them).
///
/// The `count` names are passed back to back in one buffer, `names`, with their byte lengths
/// in `lengths`: `"ab" + "c"` is `names = "abc"`, `lengths = {2, 1}`. (One buffer and one
/// length array hold no pointers, so Go and PHP pass their own memory.)
///
/// # Safety
/// `permissions` must be a live handle; `lengths` must be NULL (only with `count` 0) or point
/// to `count` lengths; `names` must point to their sum of bytes (NULL if the sum is 0).
#[no_mangle]
pub unsafe extern "C" fn agora_token_rtm2_permissions_add(
    permissions: *mut AgoraTokenRtm2Permissions,
    resource_type: u16,
    permission_type: u16,
    names: *const c_char,
    lengths: *const usize,
    count: usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        guard(error_message, || {
            let handle = permissions.as_mut().ok_or_else(|| invalid("permissions", "is NULL"))?;
            let resource = Rtm2ResourceType::from_code(resource_type)?;
            let permission = Rtm2PermissionType::from_code(permission_type)?;
            handle.inner.add(resource, permission, name_list(names, lengths, count)?);
            Ok(())
        })
    }
}

/// As `agora_token_rtm2_permissions_add`, but a resource or permission type RTM2 does not
/// define is packed as given, as every upstream `Permissions.Add` does (for drop-in layers),
/// and reported in `*warnings` (`undefined_rtm2_type`; NULL when there is nothing to say):
/// once per undefined resource type of the set, and once per undefined permission type of a
/// resource type (adding to a type or pair already in the set does not warn again).
///
/// # Safety
/// As `agora_token_rtm2_permissions_add`; `warnings` must be NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_rtm2_permissions_add_unchecked(
    permissions: *mut AgoraTokenRtm2Permissions,
    resource_type: u16,
    permission_type: u16,
    names: *const c_char,
    lengths: *const usize,
    count: usize,
    warnings: *mut *mut AgoraTokenWarnings,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        put(warnings, std::ptr::null_mut());
        guard(error_message, || {
            let handle = permissions.as_mut().ok_or_else(|| invalid("permissions", "is NULL"))?;
            let list = name_list(names, lengths, count)?;
            let mut found = Warnings::default();
            let entries: Vec<(u16, u16)> = handle.inner.iter().map(|(r, p, _)| (r, p)).collect();
            if !entries.iter().any(|&(r, _)| r == resource_type) {
                found.add(compat::rtm2_resource_type(resource_type));
            }
            if !entries.contains(&(resource_type, permission_type)) {
                found.add(compat::rtm2_permission_type(permission_type));
            }
            handle.inner.add_unchecked(resource_type, permission_type, list);
            found.deliver(warnings);
            Ok(())
        })
    }
}

/// Splits `count` names given back to back in `names` by their byte lengths.
///
/// # Safety
/// `lengths` must be NULL (only with `count` 0) or point to `count` lengths; `names` must
/// point to their sum of bytes (NULL if the sum is 0).
unsafe fn name_list<'a>(names: *const c_char, lengths: *const usize, count: usize) -> Result<Vec<&'a str>, Error> {
    let lengths: &[usize] = match (count, lengths.is_null()) {
        (0, _) => &[],
        (_, true) => return Err(invalid("lengths", format!("is NULL but count is {count}"))),
        // SAFETY: non-null, pointing to `count` lengths by the caller's contract.
        (_, false) => unsafe { std::slice::from_raw_parts(lengths, count) },
    };
    let total = lengths
        .iter()
        .try_fold(0usize, |sum, &len| sum.checked_add(len))
        .ok_or_else(|| invalid("lengths", "add up to more than any buffer can hold"))?;
    // SAFETY: `names` points to `total` bytes by the caller's contract.
    let all = unsafe { text("names", names, total)? };
    let mut list = Vec::with_capacity(count);
    let mut start = 0;
    for &len in lengths {
        let name = all.get(start..start + len).ok_or_else(|| {
            invalid("names", format!("name {} does not end on a UTF-8 character boundary", list.len()))
        })?;
        list.push(name);
        start += len;
    }
    Ok(list)
}

/// The core's privilege tables as JSON, for the drop-in layers' tests of their upstream
/// constants: `{"service_types":[{"type":1,"name":"RTC","privileges":[{"name":"join_channel",
/// "code":1},...]},...],"privileges_006":[{"name":"join_channel","code":1},...]}`, service types
/// and privileges ascending. Each privilege name is the core's (its enum variant in snake_case),
/// the same string in every binding. Free the result with `agora_token_free`; NULL only if
/// allocation failed.
#[no_mangle]
pub extern "C" fn agora_token_privilege_names() -> *mut c_char {
    let names = |table: &[(&str, u16)]| -> Vec<serde_json::Value> {
        table.iter().map(|&(name, code)| serde_json::json!({ "name": name, "code": code })).collect()
    };
    let service_types: Vec<serde_json::Value> = agora_token::ServiceType::ALL
        .iter()
        .map(|t| serde_json::json!({ "type": t.code(), "name": t.name(), "privileges": names(t.privileges()) }))
        .collect();
    let tables = serde_json::json!({
        "service_types": service_types,
        "privileges_006": names(agora_token::legacy::access_token::Privilege006::NAMES),
    });
    owned_c_string(tables.to_string())
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;

    use super::*;

    #[test]
    fn privilege_names_are_the_core_tables_as_json() {
        let raw = agora_token_privilege_names();
        // SAFETY: a string this library just returned, read then freed once.
        let json: serde_json::Value = serde_json::from_str(unsafe { CStr::from_ptr(raw) }.to_str().unwrap()).unwrap();
        // SAFETY: as above.
        unsafe { crate::error::agora_token_free(raw) };
        let services = json["service_types"].as_array().unwrap();
        assert_eq!(services.len(), agora_token::ServiceType::ALL.len());
        assert_eq!(services[0]["type"], 1);
        assert_eq!(services[0]["name"], "RTC");
        assert_eq!(services[0]["privileges"][3], serde_json::json!({ "name": "publish_data_stream", "code": 4 }));
        assert_eq!(services[9]["privileges"], serde_json::json!([]));
        assert_eq!(json["privileges_006"][13], serde_json::json!({ "name": "rtm_login", "code": 1000 }));
    }
}
