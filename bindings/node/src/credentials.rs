//! App ID and App Certificate checks (core `Credentials`).

use agora_token::Credentials as CoreCredentials;
use napi_derive::napi;

use crate::args::credentials;
use crate::error::{CoreResultExt, Result};

/// Checks an App ID and App Certificate (32 hexadecimal characters each); throws
/// `invalid_app_id` or `invalid_app_certificate` (the message never repeats the certificate).
/// Servers call it at start-up so bad configuration fails before the first request.
#[napi]
pub fn validate_credentials(app_id: String, app_certificate: String) -> Result<()> {
    credentials(&app_id, &app_certificate).map(|_| ())
}

/// An App ID with its certificate read from `AGORA_APP_ID` and `AGORA_APP_CERTIFICATE`
/// (`Credentials.fromEnv()`), to spread into any builder's options. The certificate is not an
/// own property, so `console.log`, `JSON.stringify` and spreading never show it; pass
/// `credentials.appCertificate` explicitly.
#[napi]
#[derive(Debug)]
pub struct Credentials {
    inner: CoreCredentials,
}

#[napi]
impl Credentials {
    /// Reads `AGORA_APP_ID` and `AGORA_APP_CERTIFICATE`; throws `invalid_argument` naming the
    /// variable that is unset, or `invalid_app_id` / `invalid_app_certificate`.
    #[napi(factory)]
    pub fn from_env() -> Result<Self> {
        Ok(Credentials { inner: CoreCredentials::from_env().js()? })
    }

    /// Checks both values (32 hexadecimal characters each).
    #[napi(constructor)]
    pub fn new(app_id: String, app_certificate: String) -> Result<Self> {
        Ok(Credentials { inner: credentials(&app_id, &app_certificate)? })
    }

    /// The App ID.
    #[napi(getter)]
    pub fn app_id(&self) -> String {
        self.inner.app_id().as_str().to_owned()
    }

    /// The App Certificate, for the builders' `appCertificate` option.
    #[napi(getter)]
    pub fn app_certificate(&self) -> String {
        self.inner.certificate().expose_secret().to_owned()
    }

    /// `{ appId }` only: the certificate stays out of logs and JSON.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> std::collections::HashMap<String, String> {
        std::collections::HashMap::from([("appId".to_owned(), self.app_id())])
    }
}
