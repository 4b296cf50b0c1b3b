//! Core errors as JavaScript errors.
//!
//! Every error thrown by the addon is a plain `Error` whose `code` property is the core's
//! stable [`agora_token::Error::code`] (`"invalid_app_id"`, `"signature_mismatch"`, ...) and
//! whose message is the core's message (which says what to fix and never contains the
//! certificate). Arguments the binding checks itself (a negative uid, a fractional expiry)
//! become the core's [`agora_token::Error::InvalidArgument`], code `"invalid_argument"`.

use napi_derive::napi;

/// Every `code` an error of the core can have (the core's [`agora_token::Error::CODES`]), the
/// values of the `ErrorCode` union in index.d.ts.
#[napi(ts_return_type = "Array<ErrorCode>")]
pub fn error_codes() -> Vec<&'static str> {
    agora_token::Error::CODES.to_vec()
}

/// The `code` property of a thrown error: the core's [`agora_token::Error::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsErrorCode(&'static str);

impl AsRef<str> for JsErrorCode {
    fn as_ref(&self) -> &str {
        self.0
    }
}

/// A napi error carrying a core error code.
pub type JsError = napi::Error<JsErrorCode>;

/// The result type of every exported function.
pub type Result<T> = napi::Result<T, JsErrorCode>;

/// Converts a core error, keeping its code and message.
pub fn to_js(error: agora_token::Error) -> JsError {
    napi::Error::new(JsErrorCode(error.code()), error.to_string())
}

/// An argument the binding refuses before calling the core (code `invalid_argument`).
pub fn invalid_argument(field: &str, reason: impl Into<String>) -> JsError {
    to_js(agora_token::Error::InvalidArgument { field: field.to_owned(), reason: reason.into() })
}

/// `?`-friendly conversion of core results.
pub trait CoreResultExt<T> {
    /// Maps the core error to a [`JsError`].
    ///
    /// # Errors
    /// The core error, converted.
    fn js(self) -> Result<T>;
}

impl<T> CoreResultExt<T> for agora_token::Result<T> {
    fn js(self) -> Result<T> {
        self.map_err(to_js)
    }
}

/// A failure of a napi call the binding makes itself (reading a value, calling
/// `process.emitWarning`). A JavaScript exception thrown meanwhile (say, by a replaced
/// `process.emitWarning`) stays the one the caller sees.
pub fn from_napi(error: &napi::Error) -> JsError {
    let code = if error.status == napi::Status::PendingException { "PendingException" } else { "GenericFailure" };
    napi::Error::new(JsErrorCode(code), error.reason.clone())
}
