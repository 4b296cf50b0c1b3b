//! The core's `CompatWarning`s as a list the caller reads and frees: how the drop-in entry
//! points tell Go, PHP, Java or C++ that upstream would have accepted a surprising input
//! (a role of 0, an undefined privilege, a timestamp where seconds are expected), so each
//! binding can warn through its own channel.

use std::ffi::{c_char, CString};

use agora_token::compat::CompatWarning;

use crate::ffi::{owned_c_string, put};

/// The warnings of one call, in the order they were found. Read with
/// `agora_token_warnings_count`, `_code` and `_message`; free with `agora_token_warnings_free`.
/// Immutable once returned, so it may be read from several threads.
#[derive(Debug)]
pub struct AgoraTokenWarnings {
    items: Vec<(CString, CString)>,
}

/// Collects the warnings of one call before they are handed to the caller.
#[derive(Debug, Default)]
pub(crate) struct Warnings(Vec<CompatWarning>);

impl Warnings {
    /// Keeps a warning, if there is one.
    pub(crate) fn add(&mut self, warning: Option<CompatWarning>) {
        self.0.extend(warning);
    }

    /// Hands the warnings to the caller: NULL when there are none (the usual case, which
    /// allocates nothing), else a new list.
    ///
    /// # Safety
    /// `out` must be NULL or valid for a write of a pointer.
    pub(crate) unsafe fn deliver(self, out: *mut *mut AgoraTokenWarnings) {
        if out.is_null() {
            return;
        }
        let list = if self.0.is_empty() {
            std::ptr::null_mut()
        } else {
            let items =
                self.0.iter().map(|warning| (to_c_string(warning.code()), to_c_string(warning.message()))).collect();
            Box::into_raw(Box::new(AgoraTokenWarnings { items }))
        };
        // SAFETY: forwarded caller contract.
        unsafe { put(out, list) };
    }
}

fn to_c_string(text: &str) -> CString {
    let raw = owned_c_string(text.to_owned());
    // SAFETY: `raw` was just made by `CString::into_raw` and is taken back once.
    unsafe { CString::from_raw(raw) }
}

/// How many warnings the list holds (0 for NULL).
///
/// # Safety
/// `warnings` must be NULL or a list returned by this library and not freed yet.
#[no_mangle]
pub unsafe extern "C" fn agora_token_warnings_count(warnings: *const AgoraTokenWarnings) -> usize {
    // SAFETY: caller contract.
    unsafe { warnings.as_ref() }.map_or(0, |list| list.items.len())
}

/// The stable code of warning `index`: `"role_read_as_join_only"`, `"undefined_privilege"`,
/// `"expiry_looks_absolute"`, `"expiry_looks_relative"`, `"lifetime_over_24h"` or
/// `"undefined_rtm2_type"` (the same
/// strings in every binding). NULL when `index` is out of range. Owned by the list.
///
/// # Safety
/// `warnings` must be NULL or a list returned by this library and not freed yet.
#[no_mangle]
pub unsafe extern "C" fn agora_token_warnings_code(warnings: *const AgoraTokenWarnings, index: usize) -> *const c_char {
    // SAFETY: caller contract.
    let item = unsafe { warnings.as_ref() }.and_then(|list| list.items.get(index));
    item.map_or(std::ptr::null(), |(code, _)| code.as_ptr())
}

/// The message of warning `index`: what upstream does with the value and what to pass
/// instead. NULL when `index` is out of range. Owned by the list.
///
/// # Safety
/// `warnings` must be NULL or a list returned by this library and not freed yet.
#[no_mangle]
pub unsafe extern "C" fn agora_token_warnings_message(
    warnings: *const AgoraTokenWarnings,
    index: usize,
) -> *const c_char {
    // SAFETY: caller contract.
    let item = unsafe { warnings.as_ref() }.and_then(|list| list.items.get(index));
    item.map_or(std::ptr::null(), |(_, message)| message.as_ptr())
}

/// Frees a warning list. NULL is ignored.
///
/// # Safety
/// `warnings` must be NULL or a list returned by this library and not freed yet.
#[no_mangle]
pub unsafe extern "C" fn agora_token_warnings_free(warnings: *mut AgoraTokenWarnings) {
    if !warnings.is_null() {
        // SAFETY: by contract, a pointer from `Box::into_raw` in `deliver`, freed once.
        drop(unsafe { Box::from_raw(warnings) });
    }
}
