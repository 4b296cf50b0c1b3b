//! App id and certificate as objects, validated once when created.
//!
//! Objects rather than records: a Kotlin `data class` or a Swift struct would print the
//! certificate in `toString()` / `description`; these objects print nothing of it.

use std::sync::Arc;

use agora_token::{AppCertificate, Credentials};

use crate::error::FfiResult;

/// An app id with its certificate, what every builder takes (core [`Credentials`]).
///
/// Exported as `Credentials`: `Credentials(appId, appCertificate)` in Kotlin,
/// `try Credentials(appId:appCertificate:)` in Swift.
#[derive(Debug, uniffi::Object)]
#[uniffi(name = "Credentials")]
pub struct FfiCredentials(pub(crate) Credentials);

// The impl block repeats the exported name: uniffi 0.31 names methods after it.
#[uniffi::export(name = "Credentials")]
impl FfiCredentials {
    /// Checks both values (32 hexadecimal characters each; the app id first).
    ///
    /// # Errors
    /// `InvalidAppId` or `InvalidAppCertificate`; the message never repeats the certificate.
    #[uniffi::constructor]
    pub fn new(app_id: String, app_certificate: String) -> FfiResult<Arc<Self>> {
        Ok(Arc::new(FfiCredentials(Credentials::new(&app_id, &app_certificate)?)))
    }

    /// Reads `AGORA_APP_ID` and `AGORA_APP_CERTIFICATE` from the process environment
    /// (`Credentials.fromEnv()`).
    ///
    /// # Errors
    /// `InvalidArgument` naming the variable that is unset; `InvalidAppId` or
    /// `InvalidAppCertificate` for malformed values.
    #[uniffi::constructor]
    pub fn from_env() -> FfiResult<Arc<Self>> {
        Ok(Arc::new(FfiCredentials(Credentials::from_env()?)))
    }

    /// The same from a map of variables (on the JVM: `Credentials.fromEnvironment(System.getenv())`).
    ///
    /// # Errors
    /// As `fromEnv`.
    #[uniffi::constructor]
    pub fn from_environment(variables: std::collections::HashMap<String, String>) -> FfiResult<Arc<Self>> {
        Ok(Arc::new(FfiCredentials(Credentials::from_lookup(|name| variables.get(name).cloned())?)))
    }

    /// The app id, exactly as given.
    #[must_use]
    pub fn app_id(&self) -> String {
        self.0.app_id().as_str().to_owned()
    }

    /// The certificate alone, for decoding and verifying.
    #[must_use]
    pub fn certificate(&self) -> Arc<FfiAppCertificate> {
        Arc::new(FfiAppCertificate(self.0.certificate().clone()))
    }
}

/// An app certificate alone, for decoding, verifying and explaining tokens (core [`AppCertificate`]).
///
/// Exported as `AppCertificate`. It has no getter: the secret only goes in.
#[derive(Debug, uniffi::Object)]
#[uniffi(name = "AppCertificate")]
pub struct FfiAppCertificate(pub(crate) AppCertificate);

#[uniffi::export(name = "AppCertificate")]
impl FfiAppCertificate {
    /// Checks the certificate (32 hexadecimal characters).
    ///
    /// # Errors
    /// `InvalidAppCertificate`; the message never repeats the certificate.
    #[uniffi::constructor]
    pub fn new(app_certificate: String) -> FfiResult<Arc<Self>> {
        Ok(Arc::new(FfiAppCertificate(AppCertificate::new(app_certificate)?)))
    }
}
