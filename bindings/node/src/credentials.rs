//! App ID and App Certificate checks (core `Credentials`).

use napi_derive::napi;

use crate::args::credentials;
use crate::error::Result;

/// Checks an App ID and App Certificate (32 hexadecimal characters each); throws
/// `invalid_app_id` or `invalid_app_certificate` (the message never repeats the certificate).
/// Servers call it at start-up so bad configuration fails before the first request.
#[napi]
pub fn validate_credentials(app_id: String, app_certificate: String) -> Result<()> {
    credentials(&app_id, &app_certificate).map(|_| ())
}
