//! The exception hierarchy: one class per kind of core [`Error`], all subclasses of
//! `AgoraTokenError(ValueError)`, chosen by [`Error::code`] (never by parsing messages) and
//! carrying the core's message, which never contains the certificate.

use agora_token::Error;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    agora_token._native,
    AgoraTokenError,
    PyValueError,
    "Base class of every error raised by agora_token; a ValueError. `code` names the kind."
);

/// Declares the subclasses, the code -> class mapping and the registration with the module
/// from one table, so a kind cannot be added to one and forgotten in another.
macro_rules! error_classes {
    ($( $name:ident = $code:literal: $doc:literal; )*) => {
        $( create_exception!(agora_token._native, $name, AgoraTokenError, $doc); )*

        /// The Python exception for a core error: the class of its kind, with its message.
        pub(crate) fn to_py_err(err: Error) -> PyErr {
            let message = err.to_string();
            match err.code() {
                $( $code => $name::new_err(message), )*
                // `Error` is #[non_exhaustive]: a kind added to the core later still raises
                // the base class (and a test lists every code the core documents today).
                _ => AgoraTokenError::new_err(message),
            }
        }

        /// Adds the classes to the module and sets their `code` class attribute.
        pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
            let py = module.py();
            let base = py.get_type::<AgoraTokenError>();
            base.setattr("code", py.None())?;
            module.add("AgoraTokenError", base)?;
            $(
                let class = py.get_type::<$name>();
                class.setattr("code", $code)?;
                module.add(stringify!($name), class)?;
            )*
            Ok(())
        }
    };
}

error_classes! {
    InvalidAppIdError = "invalid_app_id": "The app id is not 32 hexadecimal characters.";
    InvalidAppCertificateError = "invalid_app_certificate": "The app certificate is not 32 hexadecimal characters.";
    FieldTooLongError = "field_too_long": "A string field is longer than the 65535 bytes a token field holds.";
    TooManyEntriesError = "too_many_entries": "A list or map has more than 65535 entries.";
    NoServicesError = "no_services": "A token was built without any service.";
    UnknownRoleError = "unknown_role": "A role number or name is not a role of that token kind.";
    UnknownPrivilegeError = "unknown_privilege": "A privilege number is not defined for that service.";
    UnknownServiceTypeError = "unknown_service_type": "A service type number is not one the library knows.";
    UnknownRtm2TypeError = "unknown_rtm2_type": "An RTM2 resource or permission type is not defined.";
    ExpiryLooksAbsoluteError = "expiry_looks_absolute": "Strict mode: a 007 expiry looks like an absolute Unix timestamp.";
    ExpiryLooksRelativeError = "expiry_looks_relative": "Strict mode: a 006 expiry looks like a number of seconds.";
    InvalidArgumentError = "invalid_argument": "An argument is out of range or malformed (e.g. a negative uid).";
    ClockError = "clock": "The system clock could not give the issue time.";
    RandomnessError = "randomness": "The operating system could not provide a random salt.";
    WrongVersionError = "wrong_version": "The token does not start with the expected version prefix.";
    InvalidBase64Error = "invalid_base64": "The token body is not valid base64.";
    InvalidZlibError = "invalid_zlib": "The token payload is not a valid zlib stream.";
    TruncatedError = "truncated": "The token payload ends in the middle of a field.";
    InvalidUtf8Error = "invalid_utf8": "A text field of the token is not UTF-8.";
    SignatureMismatchError = "signature_mismatch": "The token's signature does not match the certificate.";
}

/// Extension to turn a core `Result` into a `PyResult`.
pub(crate) trait CoreResultExt<T> {
    /// Maps the core error to its exception class.
    fn or_raise(self) -> PyResult<T>;
}

impl<T> CoreResultExt<T> for agora_token::Result<T> {
    fn or_raise(self) -> PyResult<T> {
        self.map_err(to_py_err)
    }
}

/// An `InvalidArgumentError` made by the core's `Error::InvalidArgument`, for inputs the
/// binding checks itself (ranges, timedeltas, naive datetimes).
pub(crate) fn invalid_argument(field: &str, reason: impl Into<String>) -> PyErr {
    to_py_err(Error::InvalidArgument { field: field.to_owned(), reason: reason.into() })
}
