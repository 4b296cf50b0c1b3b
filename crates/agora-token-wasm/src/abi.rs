//! The raw WebAssembly exports and imports. Memory passes in one direction each: the host
//! writes a request into a buffer it allocated with `agora_alloc`, and reads the response
//! from `agora_response_ptr`/`agora_response_len` until its next call.

use std::cell::RefCell;

thread_local! {
    // The last response, kept alive until the host has read it (the next call replaces it).
    static RESPONSE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

#[link(wasm_import_module = "env")]
extern "C" {
    /// Fills `len` bytes at `ptr` with cryptographic randomness; returns 0 on success.
    fn random_fill(ptr: *mut u8, len: usize) -> i32;
}

/// Allocates `len` bytes for the host to write a request into.
#[no_mangle]
pub extern "C" fn agora_alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Frees a buffer from `agora_alloc` of the same `len`.
///
/// # Safety
/// `ptr` and `len` must come from one `agora_alloc` call, freed once.
#[no_mangle]
pub unsafe extern "C" fn agora_free(ptr: *mut u8, len: usize) {
    drop(Vec::from_raw_parts(ptr, 0, len));
}

/// Runs the JSON request of `len` bytes at `ptr` (then frees it) and returns the response
/// length; the response is at `agora_response_ptr()`.
///
/// # Safety
/// `ptr` and `len` must come from one `agora_alloc(len)` call, filled by the host.
#[no_mangle]
pub unsafe extern "C" fn agora_call(ptr: *mut u8, len: usize) -> usize {
    let request = Vec::from_raw_parts(ptr, len, len);
    let response = match std::str::from_utf8(&request) {
        Ok(text) => crate::call(text),
        Err(_) => crate::ops::error_response("invalid_argument", "the request is not UTF-8"),
    };
    let response_len = response.len();
    RESPONSE.with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = response.into_bytes();
        }
    });
    response_len
}

/// Where the last response starts.
#[no_mangle]
pub extern "C" fn agora_response_ptr() -> *const u8 {
    RESPONSE.with(|cell| cell.try_borrow().map(|slot| slot.as_ptr()).unwrap_or(std::ptr::null()))
}

/// getrandom's source on wasm32-unknown-unknown (selected by `.cargo/config.toml`).
///
/// # Safety
/// Called by getrandom with a writable buffer of `len` bytes.
#[no_mangle]
unsafe extern "Rust" fn __getrandom_v03_custom(dest: *mut u8, len: usize) -> Result<(), getrandom::Error> {
    if random_fill(dest, len) == 0 {
        Ok(())
    } else {
        Err(getrandom::Error::UNSUPPORTED)
    }
}
