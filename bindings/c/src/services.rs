//! RTM2 resource permissions as an opaque handle (core `Rtm2Permissions`), for
//! `agora_token_rtm_build_token_with_permissions` and `agora_token_builder_add_rtm2`.

use std::ffi::c_char;

use agora_token::compat;
use agora_token::{Error, Rtm2PermissionType, Rtm2Permissions, Rtm2ResourceType};

use crate::compat::{AgoraTokenWarnings, Warnings};
use crate::error::AgoraTokenStatus;
use crate::ffi::{guard, invalid, put, text};

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
/// 1 write (others: `unknown_rtm2_type`; `agora_token_rtm2_permissions_add_unchecked` packs
/// them as upstream does).
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
            handle.inner.add(resource, permission, names_of(names, lengths, count)?);
            Ok(())
        })
    }
}

/// As `agora_token_rtm2_permissions_add`, but any resource and permission type number is
/// packed as given, as every upstream `Permissions.Add` does (for drop-in layers). A type RTM2
/// does not define gets an `undefined_rtm2_type` warning in `*warnings` (NULL = not wanted;
/// set only on success, NULL when there is nothing to say), once per resource type and per
/// pair in this set: the entry grants nothing.
///
/// # Safety
/// As `agora_token_rtm2_permissions_add`; `warnings` NULL or writable.
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
            let list = names_of(names, lengths, count)?;
            let mut found = Warnings::default();
            // A type already in the set was reported when it was added.
            if !handle.inner.iter().any(|(resource, _, _)| resource == resource_type) {
                found.add(compat::rtm2_resource_type(resource_type));
            }
            if !handle
                .inner
                .iter()
                .any(|(resource, permission, _)| (resource, permission) == (resource_type, permission_type))
            {
                found.add(compat::rtm2_permission_type(permission_type));
            }
            handle.inner.add_unchecked(resource_type, permission_type, list);
            found.deliver(warnings);
            Ok(())
        })
    }
}

/// The `count` names back to back in `names`, split by their byte `lengths`.
///
/// # Safety
/// As `agora_token_rtm2_permissions_add`.
unsafe fn names_of<'a>(names: *const c_char, lengths: *const usize, count: usize) -> Result<Vec<&'a str>, Error> {
    let lengths: &[usize] = match (count, lengths.is_null()) {
        (0, _) => &[],
        (_, true) => return Err(invalid("lengths", format!("is NULL but count is {count}"))),
        // SAFETY: non-null, and by the caller's contract `count` readable lengths.
        (_, false) => unsafe { std::slice::from_raw_parts(lengths, count) },
    };
    let total = lengths
        .iter()
        .try_fold(0usize, |sum, &len| sum.checked_add(len))
        .ok_or_else(|| invalid("lengths", "add up to more than any buffer can hold"))?;
    // SAFETY: by the caller's contract `names` points to the lengths' sum of bytes.
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
