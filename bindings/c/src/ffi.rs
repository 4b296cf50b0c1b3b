//! The calling conventions every exported function shares: how input strings are read, how
//! results and error messages are written, and the guard that keeps panics on this side.

use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use agora_token::Error;

use crate::error::AgoraTokenStatus;

/// Reads a caller's string given as pointer and byte length: UTF-8, not NUL-terminated, may
/// contain NUL bytes. A NULL pointer is accepted only with length 0 (Go passes `nil` for "").
///
/// The error names the argument and, for bad UTF-8, the byte offset only, so a certificate
/// never reaches a message.
///
/// # Safety
/// `ptr` must be NULL or point to `len` readable bytes that stay unchanged during the call.
pub(crate) unsafe fn text<'a>(field: &str, ptr: *const c_char, len: usize) -> Result<&'a str, Error> {
    if len == 0 {
        return Ok("");
    }
    if ptr.is_null() {
        return Err(invalid(
            field,
            format!("is NULL with length {len}; pass {len} readable bytes, or length 0 for \"\""),
        ));
    }
    if isize::try_from(len).is_err() {
        return Err(invalid(field, format!("length {len} is larger than any object can be")));
    }
    // SAFETY: `ptr` is non-null and, by the caller's contract, points to `len` readable bytes
    // (checked above to fit in isize), which are not written during the call.
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    std::str::from_utf8(bytes)
        .map_err(|e| invalid(field, format!("is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to())))
}

/// An `invalid_argument` error for an argument of a C function.
pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> Error {
    Error::InvalidArgument { field: field.to_owned(), reason: reason.into() }
}

/// Checks that a required out-pointer is not NULL.
pub(crate) fn required<T>(field: &str, out: *mut T) -> Result<*mut T, Error> {
    if out.is_null() {
        return Err(invalid(field, "is NULL; pass the address of a variable to receive the result"));
    }
    Ok(out)
}

/// Writes through an out-pointer if it is not NULL.
///
/// # Safety
/// `out` must be NULL or valid for a write of `T`.
pub(crate) unsafe fn put<T>(out: *mut T, value: T) {
    if !out.is_null() {
        // SAFETY: non-null, and valid for writes by the caller's contract.
        unsafe { out.write(value) };
    }
}

/// A Rust string as a C string owned by the caller (freed with `agora_token_free`).
///
/// Tokens and JSON never contain NUL bytes; other text (messages built from caller input)
/// has each NUL replaced by U+FFFD rather than being cut short.
pub(crate) fn owned_c_string(text: String) -> *mut c_char {
    let c_string = CString::new(text).unwrap_or_else(|error| {
        let cleaned = String::from_utf8_lossy(&error.into_vec()).replace('\0', "\u{FFFD}");
        CString::new(cleaned).unwrap_or_default()
    });
    c_string.into_raw()
}

/// Runs the body of an exported function: clears `*error_message`, catches a panic (which
/// library code must never raise, but which must never unwind into C), and turns an error
/// into its status and message.
///
/// # Safety
/// `error_message` must be NULL or valid for a write of a pointer.
pub(crate) unsafe fn guard(
    error_message: *mut *mut c_char,
    body: impl FnOnce() -> Result<(), Error>,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe { put(error_message, std::ptr::null_mut()) };
    let (status, message) = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => return AgoraTokenStatus::Ok,
        Ok(Err(error)) => (AgoraTokenStatus::from_error(&error), error.to_string()),
        // The payload is not shown: it could hold anything, including caller input.
        Err(_) => (
            AgoraTokenStatus::Internal,
            "internal error: agora-token panicked; please report this with the call that caused it".to_owned(),
        ),
    };
    if !error_message.is_null() {
        // SAFETY: checked non-null; valid for writes by the caller's contract.
        unsafe { error_message.write(owned_c_string(message)) };
    }
    status
}
