//! Where the app id and the app certificate come from.
//!
//! Each of the two is taken from the first source that has it:
//!
//! 1. a flag: `--app-id`, `--certificate-file PATH` (`-` reads standard input);
//! 2. the profile named by `--profile NAME`;
//! 3. the environment: `AGORA_APP_ID`, `AGORA_APP_CERTIFICATE`;
//! 4. the profile named by `AGORA_PROFILE`, or else the profile `default` if the config
//!    file has one.
//!
//! This is the AWS CLI's order: a flag beats the environment, a profile named on the
//! command line is a flag, a profile named in the environment yields to the variables
//! that hold the values themselves. The config file is
//! `$XDG_CONFIG_HOME/agora-token/config.toml`, or `~/.config/agora-token/config.toml`:
//!
//! ```toml
//! [profiles.default]
//! app_id = "970CA35de60c44645bbae8a215061b33"
//! certificate = "5CFd2fd1755d40ecb72977518be15d3b"
//!
//! [profiles.prod]
//! app_id = "..."
//! certificate_file = "~/.secrets/agora-prod"   # relative paths are relative to the config file
//! ```
//!
//! The config file and certificate files must not be accessible to group or others
//! (`chmod 600`), as ssh requires of private keys. The certificate is never taken as a flag
//! value, so it stays out of shell history and the process list.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use agora_token::{AppCertificate, AppId, Credentials};
use serde::Deserialize;

use crate::commands::{environment, Failure, Outcome};

/// The variable holding the app id.
pub(crate) const APP_ID_VAR: &str = agora_token::Credentials::APP_ID_ENV;
/// The variable holding the app certificate.
pub(crate) const CERTIFICATE_VAR: &str = agora_token::Credentials::APP_CERTIFICATE_ENV;
/// The variable naming a profile of the config file.
pub(crate) const PROFILE_VAR: &str = "AGORA_PROFILE";
/// The profile used when none is named.
const DEFAULT_PROFILE: &str = "default";

/// What the command line says about credentials.
#[derive(Debug, Clone, Default)]
pub(crate) struct CredentialFlags<'a> {
    pub app_id: Option<&'a str>,
    pub certificate_file: Option<&'a Path>,
    pub profile: Option<&'a str>,
    /// The command needs no app id (`verify`, `explain`): none is looked for, so no config
    /// file is read just for one.
    pub certificate_only: bool,
}

/// Where a value came from, for messages and `agora-token credentials`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// A flag, e.g. `--app-id`.
    Flag(&'static str),
    /// A certificate file named by `--certificate-file`.
    File(PathBuf),
    /// An environment variable.
    Env(&'static str),
    /// A profile of the config file, and what named it (`""`: the default profile).
    Profile { name: String, named_by: &'static str, config: PathBuf },
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => f.write_str(flag),
            Source::File(path) if path == Path::new("-") => f.write_str("--certificate-file - (standard input)"),
            Source::File(path) => write!(f, "--certificate-file {}", path.display()),
            Source::Env(variable) => f.write_str(variable),
            Source::Profile { name, named_by: "", config } => write!(f, "profile {name:?} in {}", config.display()),
            Source::Profile { name, named_by, config } => {
                write!(f, "profile {name:?} ({named_by}) in {}", config.display())
            }
        }
    }
}

/// The app id and certificate found, each with its source.
#[derive(Debug)]
pub(crate) struct Found {
    pub app_id: Option<(String, Source)>,
    pub certificate: Option<(AppCertificate, Source)>,
    /// The config file consulted, if any.
    pub config: Option<PathBuf>,
}

impl Found {
    /// Both values, or an error naming every place they could come from.
    pub(crate) fn credentials(self) -> Outcome<Credentials> {
        let (app_id, _) = self.app_id.ok_or_else(|| {
            environment(format!(
                "no app id: pass --app-id, set {APP_ID_VAR}, or add app_id to a profile in {}",
                config_hint(self.config.as_deref())
            ))
        })?;
        let (certificate, _) = self.certificate.ok_or_else(|| missing_certificate(self.config.as_deref()))?;
        Ok(Credentials::from_parts(AppId::new(app_id)?, certificate))
    }
}

/// The error for a command that needs the certificate and found none.
pub(crate) fn missing_certificate(config: Option<&Path>) -> Failure {
    environment(format!(
        "no app certificate: set {CERTIFICATE_VAR}, pass --certificate-file PATH, or add certificate to a profile in {} \
         (it is never taken as a flag value)",
        config_hint(config)
    ))
}

fn config_hint(config: Option<&Path>) -> String {
    config.or(config_path().as_deref()).map_or_else(|| "the config file".to_owned(), |p| p.display().to_string())
}

/// Finds the app id and the certificate (see the module documentation for the order).
/// Missing values are `None`; a source that is named but broken is an error.
pub(crate) fn find(flags: &CredentialFlags<'_>) -> Outcome<Found> {
    let app_id_wanted = !flags.certificate_only;
    let mut config = LazyConfig::default();
    let named = match flags.profile {
        Some(name) => Some(config.profile(name, "--profile")?),
        None => None,
    };

    let mut app_id = flags.app_id.map(|id| (id.to_owned(), Source::Flag("--app-id")));
    let mut certificate = match flags.certificate_file {
        Some(path) => Some((read_certificate_file(path)?, Source::File(path.to_owned()))),
        None => None,
    };
    if let Some(profile) = &named {
        fill_from_profile(profile, &mut app_id, &mut certificate, app_id_wanted)?;
    }
    if app_id.is_none() && app_id_wanted {
        app_id = env_value(APP_ID_VAR).map(|id| (id, Source::Env(APP_ID_VAR)));
    }
    if certificate.is_none() {
        if let Some(text) = env_value(CERTIFICATE_VAR) {
            certificate = Some((AppCertificate::new(text.trim())?, Source::Env(CERTIFICATE_VAR)));
        }
    }
    if (app_id.is_none() && app_id_wanted) || certificate.is_none() {
        let fallback = match env_value(PROFILE_VAR) {
            Some(name) => Some(config.profile(&name, PROFILE_VAR)?),
            None => config.default_profile()?,
        };
        if let Some(profile) = &fallback {
            fill_from_profile(profile, &mut app_id, &mut certificate, app_id_wanted)?;
        }
    }
    Ok(Found { app_id, certificate, config: config.path })
}

fn fill_from_profile(
    profile: &NamedProfile,
    app_id: &mut Option<(String, Source)>,
    certificate: &mut Option<(AppCertificate, Source)>,
    app_id_wanted: bool,
) -> Outcome<()> {
    if app_id.is_none() && app_id_wanted {
        *app_id = profile.values.app_id.clone().map(|id| (id, profile.source.clone()));
    }
    if certificate.is_none() {
        *certificate = profile.certificate()?.map(|c| (c, profile.source.clone()));
    }
    Ok(())
}

fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// The config file's path: `$XDG_CONFIG_HOME/agora-token/config.toml` when that variable is
/// an absolute path (the XDG rule), else `$HOME/.config/agora-token/config.toml`.
pub(crate) fn config_path() -> Option<PathBuf> {
    let base =
        std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from).filter(|path| path.is_absolute()).or_else(|| {
            std::env::var_os("HOME").filter(|home| !home.is_empty()).map(|home| Path::new(&home).join(".config"))
        })?;
    Some(base.join("agora-token").join("config.toml"))
}

/// The config file, read at most once and only when a profile is needed.
#[derive(Debug, Default)]
struct LazyConfig {
    path: Option<PathBuf>,
    /// `None` until read; `Some(None)` when there is no config file.
    loaded: Option<Option<ConfigFile>>,
}

impl LazyConfig {
    fn load(&mut self) -> Outcome<Option<&ConfigFile>> {
        if self.loaded.is_none() {
            self.path = config_path();
            let file = match &self.path {
                Some(path) => read_config(path)?,
                None => None,
            };
            self.loaded = Some(file);
        }
        Ok(self.loaded.as_ref().and_then(Option::as_ref))
    }

    /// A profile someone named: an error if it does not exist.
    fn profile(&mut self, name: &str, named_by: &'static str) -> Outcome<NamedProfile> {
        let found = self.load()?.and_then(|file| file.profiles.get(name).cloned());
        let path = self.path.clone();
        let Some(values) = found else {
            let place = path.as_ref().map_or_else(
                || "no config file (neither XDG_CONFIG_HOME nor HOME is set)".to_owned(),
                |p| format!("{} has no [profiles.{name}]", p.display()),
            );
            return Err(environment(format!("profile {name:?} (from {named_by}) not found: {place}")));
        };
        Ok(NamedProfile::new(name, named_by, path.unwrap_or_default(), values))
    }

    /// The `default` profile, if the config file exists and has one.
    fn default_profile(&mut self) -> Outcome<Option<NamedProfile>> {
        let found = self.load()?.and_then(|file| file.profiles.get(DEFAULT_PROFILE).cloned());
        let path = self.path.clone().unwrap_or_default();
        Ok(found.map(|values| NamedProfile::new(DEFAULT_PROFILE, "", path, values)))
    }
}

#[derive(Debug)]
struct NamedProfile {
    values: Profile,
    source: Source,
    /// The directory of the config file, for relative certificate paths.
    base: PathBuf,
}

impl NamedProfile {
    fn new(name: &str, named_by: &'static str, config: PathBuf, values: Profile) -> Self {
        let base = config.parent().map(Path::to_path_buf).unwrap_or_default();
        NamedProfile { values, source: Source::Profile { name: name.to_owned(), named_by, config }, base }
    }

    fn certificate(&self) -> Outcome<Option<AppCertificate>> {
        match (&self.values.certificate, &self.values.certificate_file) {
            (Some(_), Some(_)) => {
                Err(environment(format!("{}: set certificate or certificate_file, not both", self.source)))
            }
            (Some(text), None) => Ok(Some(AppCertificate::new(text.trim())?)),
            (None, Some(file)) => Ok(Some(read_certificate_file(&self.resolve(file))?)),
            (None, None) => Ok(None),
        }
    }

    /// `~/` is the home directory; a relative path is relative to the config file.
    fn resolve(&self, file: &Path) -> PathBuf {
        if let (Ok(rest), Some(home)) = (file.strip_prefix("~"), std::env::var_os("HOME")) {
            return Path::new(&home).join(rest);
        }
        self.base.join(file)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Profile {
    app_id: Option<String>,
    #[serde(alias = "app_certificate")]
    certificate: Option<String>,
    #[serde(alias = "app_certificate_file")]
    certificate_file: Option<PathBuf>,
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Profile")
            .field("app_id", &self.app_id)
            .field("certificate", &self.certificate.as_ref().map(|_| "<redacted>"))
            .field("certificate_file", &self.certificate_file)
            .finish()
    }
}

/// Reads the config file; `None` if it does not exist.
fn read_config(path: &Path) -> Outcome<Option<ConfigFile>> {
    let text = match read_private(path, "config file") {
        Ok(text) => text,
        Err(ReadError::Missing) => return Ok(None),
        Err(ReadError::Failed(failure)) => return Err(failure),
    };
    // toml's own message quotes the offending line, which may hold the certificate: report
    // only its description and the line number.
    toml::from_str(&text).map(Some).map_err(|error| {
        let line =
            error.span().and_then(|span| text.get(..span.start)).map_or(1, |before| before.lines().count().max(1));
        environment(format!("{} line {line}: {}", path.display(), error.message().trim()))
    })
}

/// The environment variable of the project's secondary certificate (the token server's
/// `APP_CERTIFICATE_SECONDARY`, with the CLI's prefix).
pub(crate) const SECONDARY_CERTIFICATE_VAR: &str = "AGORA_APP_CERTIFICATE_SECONDARY";

/// The secondary certificate `explain` also accepts: `--secondary-certificate-file`, else
/// AGORA_APP_CERTIFICATE_SECONDARY, else none.
pub(crate) fn secondary_certificate(file: Option<&Path>) -> Outcome<Option<AppCertificate>> {
    if let Some(path) = file {
        return read_certificate_file(path).map(Some);
    }
    match std::env::var(SECONDARY_CERTIFICATE_VAR) {
        Ok(value) if !value.trim().is_empty() => Ok(Some(AppCertificate::new(value.trim())?)),
        _ => Ok(None),
    }
}

fn read_certificate_file(path: &Path) -> Outcome<AppCertificate> {
    let text = if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| environment(format!("cannot read the certificate from standard input: {e}")))?;
        text
    } else {
        match read_private(path, "certificate file") {
            Ok(text) => text,
            Err(ReadError::Missing) => {
                return Err(environment(format!(
                    "cannot read the certificate file {}: it does not exist",
                    path.display()
                )))
            }
            Err(ReadError::Failed(failure)) => return Err(failure),
        }
    };
    Ok(AppCertificate::new(text.trim())?)
}

enum ReadError {
    Missing,
    Failed(Failure),
}

/// Reads a file that holds a secret, refusing it when group or others may access it.
/// The mode is checked on the open file, so the file checked is the file read.
fn read_private(path: &Path, what: &str) -> Result<String, ReadError> {
    let cannot = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ReadError::Missing
        } else {
            ReadError::Failed(environment(format!("cannot read the {what} {}: {e}", path.display())))
        }
    };
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let metadata = file.metadata().map_err(cannot)?;
    check_private(path, what, &metadata).map_err(ReadError::Failed)?;
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(cannot)?;
    Ok(text)
}

/// Regular files only: a pipe (`<(pass show agora)`) or a device is not readable by others later.
#[cfg(unix)]
fn check_private(path: &Path, what: &str, metadata: &std::fs::Metadata) -> Outcome<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode() & 0o777;
    if metadata.is_file() && mode & 0o077 != 0 {
        return Err(environment(format!(
            "the {what} {path} has permissions {mode:04o}, too open: other users can read or change it; \
             run: chmod 600 {path}",
            path = path.display()
        )));
    }
    Ok(())
}

/// Windows keeps access in ACLs, which this tool does not inspect.
#[cfg(not(unix))]
fn check_private(_path: &Path, _what: &str, _metadata: &std::fs::Metadata) -> Outcome<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn profiles_parse_and_refuse_unknown_keys() {
        let file: ConfigFile = toml::from_str(
            "[profiles.default]\napp_id = \"a\"\ncertificate = \"c\"\n[profiles.prod]\napp_certificate_file = \"p\"\n",
        )
        .unwrap();
        assert_eq!(file.profiles["default"].app_id.as_deref(), Some("a"));
        assert_eq!(file.profiles["prod"].certificate_file.as_deref(), Some(Path::new("p")));
        assert!(!format!("{:?}", file.profiles["default"]).contains("\"c\""));
        assert!(toml::from_str::<ConfigFile>("[profiles.x]\napp_certifcate = \"c\"\n").is_err());
    }
}
