//! Upstream's reading of loose input (core [`agora_token::compat`]), for the Kotlin drop-in
//! layer (`io.github.agoratokenrs.compat`) only.
//!
//! Each export wraps one core function: the drop-in layer passes every surprising-but-accepted
//! argument through the matching reading and hands any [`FfiCompatWarning`] to its warning
//! hook. The typed exports keep refusing the same values.

use agora_token::compat::{self, CompatWarning, UpstreamValue};
use agora_token::ServiceType;

use crate::error::FfiResult;
use crate::legacy::FfiRole006;
use crate::services::FfiRtcRole;

/// A surprising input a drop-in layer accepted as upstream does (core [`CompatWarning`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "CompatWarning")]
pub struct FfiCompatWarning {
    /// The stable name of the warning, the same string in every binding: one of
    /// [`compat_warning_codes`] (`role_read_as_join_only`, `undefined_privilege`, ...).
    pub code: String,
    /// What upstream does with the value and what to pass instead.
    pub message: String,
}

impl From<CompatWarning> for FfiCompatWarning {
    fn from(warning: CompatWarning) -> FfiCompatWarning {
        FfiCompatWarning { code: warning.code().to_owned(), message: warning.message().to_owned() }
    }
}

fn warning(warning: Option<CompatWarning>) -> Option<FfiCompatWarning> {
    warning.map(FfiCompatWarning::from)
}

/// Upstream's reading of a 007 RTC role number (core `compat::rtc_role`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "LenientRtcRole")]
pub struct FfiLenientRtcRole {
    /// What upstream makes of the number.
    pub value: FfiRtcRole,
    /// Set when the number is almost certainly a mistake.
    pub warning: Option<FfiCompatWarning>,
}

/// Upstream's reading of a 006 RTC role number (core `compat::role_006`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "LenientRole006")]
pub struct FfiLenientRole006 {
    /// What upstream makes of the number.
    pub value: FfiRole006,
    /// Set when the number is almost certainly a mistake.
    pub warning: Option<FfiCompatWarning>,
}

/// Upstream's reading of a 007 RTC role (core `compat::rtc_role`): 1 publishes, any other
/// number joins only; numbers other than 1 and 2 come with a warning.
#[uniffi::export]
#[must_use]
pub fn compat_rtc_role(role: i64) -> FfiLenientRtcRole {
    let reading = compat::rtc_role(UpstreamValue::Integer(role));
    FfiLenientRtcRole { value: reading.value.into(), warning: warning(reading.warning) }
}

/// Upstream's reading of a 006 RTC role (core `compat::role_006`): 0, 1 and 101 publish, 2
/// joins only, any other number joins only with a warning.
#[uniffi::export]
#[must_use]
pub fn compat_role006(role: i64) -> FfiLenientRole006 {
    let reading = compat::role_006(UpstreamValue::Integer(role));
    FfiLenientRole006 { value: reading.value.into(), warning: warning(reading.warning) }
}

/// A warning when the 007 service of type `service_type` does not define privilege `code`
/// (core `compat::privilege`); upstream packs it as given.
///
/// # Errors
/// `UnknownServiceType` when `service_type` is not a 007 service.
#[uniffi::export]
pub fn compat_privilege(service_type: u16, code: u16) -> FfiResult<Option<FfiCompatWarning>> {
    Ok(warning(compat::privilege(ServiceType::from_code(service_type)?, code)))
}

/// A warning when a 006 privilege number is not defined (core `compat::privilege_006`).
#[uniffi::export]
#[must_use]
pub fn compat_privilege006(code: u16) -> Option<FfiCompatWarning> {
    warning(compat::privilege_006(code))
}

/// A warning when a 007 lifetime or privilege expiry (seconds after the issue time) looks
/// like an absolute Unix timestamp or is over 24 hours (core `compat::expire_007`). `field`
/// names the argument in the message.
#[uniffi::export]
#[must_use]
pub fn compat_expire007(field: String, seconds: u32) -> Option<FfiCompatWarning> {
    warning(compat::expire_007(&field, seconds))
}

/// A warning when a 006 privilege expiry (absolute Unix seconds, 0 = none) looks like a
/// number of seconds (core `compat::expire_006`).
#[uniffi::export]
#[must_use]
pub fn compat_expire006(field: String, unix_seconds: u32) -> Option<FfiCompatWarning> {
    warning(compat::expire_006(&field, unix_seconds))
}

/// A warning when an RTM2 resource type is not defined (core `compat::rtm2_resource_type`);
/// upstream packs it as given.
#[uniffi::export]
#[must_use]
pub fn compat_rtm2_resource_type(code: u16) -> Option<FfiCompatWarning> {
    warning(compat::rtm2_resource_type(code))
}

/// A warning when an RTM2 permission type is not defined (core `compat::rtm2_permission_type`);
/// upstream packs it as given.
#[uniffi::export]
#[must_use]
pub fn compat_rtm2_permission_type(code: u16) -> Option<FfiCompatWarning> {
    warning(compat::rtm2_permission_type(code))
}

/// The 32 bits upstream Java and Kotlin pack for an `int` expiry, issue time or salt given as
/// a `Long` (core `compat::java_u32`): -2147483648..=-1 as their unsigned value (-1 is
/// 4294967295), 0..=4294967295 as they are.
///
/// # Errors
/// `InvalidArgument` outside -2147483648..=4294967295.
#[uniffi::export]
pub fn compat_java_u32(field: String, value: i64) -> FfiResult<u32> {
    Ok(compat::java_u32(&field, value)?)
}

/// The code of every warning of the drop-in layer (core `CompatWarning::CODES`).
#[uniffi::export]
#[must_use]
pub fn compat_warning_codes() -> Vec<String> {
    CompatWarning::CODES.iter().map(|code| (*code).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_carry_the_core_code_and_message() {
        assert_eq!(compat_rtc_role(1), FfiLenientRtcRole { value: FfiRtcRole::Publisher, warning: None });
        let zero = compat_rtc_role(0);
        assert_eq!(zero.value, FfiRtcRole::Subscriber);
        let core = compat::rtc_role(UpstreamValue::Integer(0)).warning.unwrap();
        assert_eq!(
            zero.warning.unwrap(),
            FfiCompatWarning { code: core.code().into(), message: core.message().into() }
        );
        assert_eq!(compat_role006(3).value, FfiRole006::Subscriber);
        assert_eq!(compat_role006(101).warning, None);
        assert_eq!(compat_privilege(1, 5).unwrap().unwrap().code, CompatWarning::UNDEFINED_PRIVILEGE);
        assert_eq!(compat_privilege(1, 4).unwrap(), None);
        assert_eq!(compat_privilege(0, 1).unwrap_err().code(), "unknown_service_type");
        assert_eq!(compat_privilege006(13).unwrap().code, CompatWarning::UNDEFINED_PRIVILEGE);
        assert_eq!(compat_expire007("tokenExpire".into(), 86_401).unwrap().code, CompatWarning::LIFETIME_OVER_24H);
        assert!(compat_expire007("tokenExpire".into(), 86_401).unwrap().message.starts_with("tokenExpire is 86401"));
        assert_eq!(compat_expire006("privilegeTs".into(), 3600).unwrap().code, CompatWarning::EXPIRY_LOOKS_RELATIVE);
        assert_eq!(compat_rtm2_resource_type(5).unwrap().code, CompatWarning::UNDEFINED_RTM2_TYPE);
        assert_eq!(compat_rtm2_permission_type(1), None);
        assert_eq!(compat_java_u32("expire".into(), -1).unwrap(), u32::MAX);
        assert_eq!(compat_java_u32("expire".into(), 1 << 32).unwrap_err().code(), "invalid_argument");
        assert_eq!(compat_warning_codes().len(), CompatWarning::CODES.len());
    }
}
