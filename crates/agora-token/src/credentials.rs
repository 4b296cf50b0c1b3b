//! App id and app certificate, validated when they are created.

use std::fmt;
use std::str::FromStr;

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The length of an app id and of an app certificate, in hexadecimal characters.
pub const CREDENTIAL_LEN: usize = 32;

/// An Agora App ID: 32 hexadecimal characters, kept exactly as given (case preserved,
/// because the app id is packed into 007 tokens verbatim).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct AppId(String);

impl AppId {
    /// Checks and wraps an app id.
    ///
    /// # Errors
    /// [`Error::InvalidAppId`] if it is not exactly 32 hexadecimal characters.
    pub fn new(app_id: impl Into<String>) -> Result<Self> {
        let app_id = app_id.into();
        match hex32_problem(&app_id, true) {
            None => Ok(AppId(app_id)),
            Some(problem) => Err(Error::InvalidAppId { problem }),
        }
    }

    /// The app id as given.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `app_id` is 32 hexadecimal characters.
    #[must_use]
    pub fn is_valid(app_id: &str) -> bool {
        hex32_problem(app_id, false).is_none()
    }
}

impl fmt::Debug for AppId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AppId").field(&self.0).finish()
    }
}

impl fmt::Display for AppId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for AppId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        AppId::new(s)
    }
}

impl AsRef<str> for AppId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// An Agora app certificate: 32 hexadecimal characters.
///
/// It is a secret: `Debug` prints `AppCertificate(<redacted>)`, there is no `Display`,
/// error messages describe only its shape, and its memory is wiped on drop.
/// The text is used as the HMAC key exactly as given, so its letter case matters.
#[derive(Clone)]
pub struct AppCertificate(Zeroizing<String>);

impl AppCertificate {
    /// Checks and wraps an app certificate.
    ///
    /// # Errors
    /// [`Error::InvalidAppCertificate`] if it is not exactly 32 hexadecimal characters;
    /// the message describes the problem without repeating the certificate.
    pub fn new(certificate: impl Into<String>) -> Result<Self> {
        let certificate = Zeroizing::new(certificate.into());
        match hex32_problem(&certificate, false) {
            None => Ok(AppCertificate(certificate)),
            Some(problem) => Err(Error::InvalidAppCertificate { problem }),
        }
    }

    /// The certificate's text, for the few places that must hand it on as text (a binding
    /// whose builders take the certificate as a string). Named like `secrecy`'s accessor so
    /// that every use stands out in review; never log or display it.
    #[must_use]
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// The certificate's bytes, for keying HMACs inside the crate.
    pub(crate) fn secret_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for AppCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AppCertificate(<redacted>)")
    }
}

impl FromStr for AppCertificate {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        AppCertificate::new(s)
    }
}

/// An app id with its certificate: what every builder needs.
#[derive(Clone, Debug)]
pub struct Credentials {
    app_id: AppId,
    certificate: AppCertificate,
}

impl Credentials {
    /// Checks both values and pairs them.
    ///
    /// # Errors
    /// [`Error::InvalidAppId`] or [`Error::InvalidAppCertificate`] when either is not
    /// 32 hexadecimal characters (the app id is checked first).
    pub fn new(app_id: &str, app_certificate: &str) -> Result<Self> {
        Ok(Credentials { app_id: AppId::new(app_id)?, certificate: AppCertificate::new(app_certificate)? })
    }

    /// Pairs values that are already checked.
    #[must_use]
    pub fn from_parts(app_id: AppId, certificate: AppCertificate) -> Self {
        Credentials { app_id, certificate }
    }

    /// The environment variable [`Credentials::from_env`] reads the App ID from.
    pub const APP_ID_ENV: &'static str = "AGORA_APP_ID";
    /// The environment variable [`Credentials::from_env`] reads the App Certificate from.
    pub const APP_CERTIFICATE_ENV: &'static str = "AGORA_APP_CERTIFICATE";

    /// Reads [`Credentials::APP_ID_ENV`] and [`Credentials::APP_CERTIFICATE_ENV`] from the
    /// process environment (what every binding's `from_env` and the CLI do).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the variable that is unset, empty or not Unicode;
    /// [`Error::InvalidAppId`] or [`Error::InvalidAppCertificate`] for malformed values.
    pub fn from_env() -> Result<Self> {
        Credentials::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`Credentials::from_env`] over any source of variables (a map, a test's values).
    ///
    /// # Errors
    /// As [`Credentials::from_env`].
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let read = |name: &str, what: &str| -> Result<String> {
            match lookup(name) {
                Some(value) if !value.trim().is_empty() => Ok(value.trim().to_owned()),
                _ => Err(Error::InvalidArgument {
                    field: name.to_owned(),
                    reason: format!("the environment variable {name} is not set; set it to the {what} from the Agora console, or pass the credentials explicitly"),
                }),
            }
        };
        let app_id = read(Credentials::APP_ID_ENV, "App ID")?;
        let certificate = read(Credentials::APP_CERTIFICATE_ENV, "primary App Certificate")?;
        Credentials::new(&app_id, &certificate)
    }

    /// The app id.
    #[must_use]
    pub fn app_id(&self) -> &AppId {
        &self.app_id
    }

    /// The app certificate.
    #[must_use]
    pub fn certificate(&self) -> &AppCertificate {
        &self.certificate
    }
}

/// Describes why `value` is not 32 hex characters, or `None` if it is.
/// With `show_chars` false (secrets), the description never includes characters of `value`.
fn hex32_problem(value: &str, show_chars: bool) -> Option<String> {
    // The common case, checked byte by byte without decoding characters.
    if value.len() == CREDENTIAL_LEN && value.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    if value.is_empty() {
        return Some("it is empty".to_owned());
    }
    if let Some((position, bad)) = value.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()) {
        let what = if show_chars { format!("the character {bad:?}") } else { "a non-hexadecimal character".to_owned() };
        return Some(format!("it contains {what} at byte {position}"));
    }
    if value.len() != CREDENTIAL_LEN {
        return Some(format!("it is {} characters long", value.len()));
    }
    None
}

#[cfg(test)]
mod tests {

    #[test]
    fn from_lookup_names_the_missing_variable() {
        let vars = |id: Option<&str>, cert: Option<&str>| {
            let (id, cert) = (id.map(str::to_owned), cert.map(str::to_owned));
            Credentials::from_lookup(move |name| match name {
                "AGORA_APP_ID" => id.clone(),
                "AGORA_APP_CERTIFICATE" => cert.clone(),
                _ => None,
            })
        };
        let id = "970CA35de60c44645bbae8a215061b33";
        let cert = "5CFd2fd1755d40ecb72977518be15d3b";
        assert_eq!(vars(Some(id), Some(cert)).unwrap().app_id().as_str(), id);
        let missing = vars(None, Some(cert)).unwrap_err();
        assert_eq!(missing.code(), "invalid_argument");
        assert!(missing.to_string().contains("AGORA_APP_ID is not set"), "{missing}");
        let empty = vars(Some(id), Some("  ")).unwrap_err().to_string();
        assert!(empty.contains("AGORA_APP_CERTIFICATE is not set"), "{empty}");
        let bad = vars(Some(id), Some("not-a-certificate")).unwrap_err();
        assert_eq!(bad.code(), "invalid_app_certificate");
        assert!(!bad.to_string().contains("not-a-certificate"));
    }

    use super::*;

    const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
    const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";

    #[test]
    fn valid_credentials_keep_their_case() {
        let creds = Credentials::new(APP_ID, CERT).unwrap();
        assert_eq!(creds.app_id().as_str(), APP_ID);
        assert_eq!(creds.certificate().secret_bytes(), CERT.as_bytes());
    }

    #[test]
    fn bad_app_ids_say_what_is_wrong() {
        let err = AppId::new("").unwrap_err();
        assert!(err.to_string().contains("it is empty"), "{err}");
        let err = AppId::new("abc").unwrap_err();
        assert!(err.to_string().contains("3 characters long"), "{err}");
        let err = AppId::new("Z70CA35de60c44645bbae8a215061b33").unwrap_err();
        assert!(err.to_string().contains("'Z' at byte 0"), "{err}");
        assert_eq!(err.code(), "invalid_app_id");
    }

    #[test]
    fn certificate_never_appears_in_debug_or_errors() {
        let cert = AppCertificate::new(CERT).unwrap();
        let creds = Credentials::new(APP_ID, CERT).unwrap();
        assert_eq!(format!("{cert:?}"), "AppCertificate(<redacted>)");
        assert!(!format!("{creds:?}").contains(CERT));
        let almost = "5CFd2fd1755d40ecb72977518be15d3Z";
        let err = AppCertificate::new(almost).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("non-hexadecimal character at byte 31"), "{message}");
        assert!(!message.contains("5CFd2fd1"), "{message}");
        assert!(!format!("{err:?}").contains("5CFd2fd1"));
    }
}
