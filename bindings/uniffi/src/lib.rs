//! Kotlin and Swift bindings of [`agora_token`] through [uniffi](https://mozilla.github.io/uniffi-rs/).
//!
//! This crate only translates: names, argument shapes (named arguments with defaults,
//! records, objects) and errors (one flat error enum, a variant per core error code).
//! Every rule lives in the core. The module map mirrors the core's, and every exported
//! type is an `Ffi*` wrapper renamed on export to its core name (`FfiCredentials` →
//! `Credentials`), so the wrapper for a core item is found by its name.
//!
//! All exports are synchronous; no async runtime is involved.

uniffi::setup_scaffolding!();

mod access_token2;
mod builders;
mod clock;
mod compat;
mod credentials;
mod error;
mod explain;
mod legacy;
mod services;

pub use access_token2::{decode_unverified_token, verify_token, FfiPayload};
pub use builders::{
    build_apaas_app_token, build_apaas_room_user_token, build_apaas_user_token, build_chat_app_token,
    build_chat_user_token, build_convo_ai_token, build_fcdn_token, build_fpa_token, build_rtc_token,
    build_rtc_token_with_privileges, build_rtc_token_with_rtm, build_rtc_token_with_rtm_expiries, build_rtm2_token,
    build_rtm2_token_unchecked, build_rtm_token, build_streaming_token, build_stt_token, build_token,
    build_token_unchecked,
};
pub use clock::{random_salt, unix_now};
pub use compat::{
    compat_expire006, compat_expire007, compat_java_u32, compat_privilege, compat_privilege006, compat_role006,
    compat_rtc_role, compat_rtm2_permission_type, compat_rtm2_resource_type, compat_warning_codes, FfiCompatWarning,
    FfiLenientRole006, FfiLenientRtcRole,
};
pub use credentials::{FfiAppCertificate, FfiCredentials};
pub use error::{error_codes, FfiError, FfiResult};
pub use explain::{
    explain, reason_codes, sdk_error_codes, FfiAccessReason, FfiAccessVerdict, FfiExplanation, FfiPrivilegeReport,
    FfiReason, FfiReportField, FfiSdkErrorDiagnosis, FfiServiceReport, FfiServiceVerdict, FfiSignatureCheck,
    FfiWildcardMatch,
};
pub use legacy::{
    build_access_token006, build_access_token006_rtc, build_access_token006_rtm, build_access_token006_unchecked,
    build_dynamic_key5, build_dynamic_key_v1, build_dynamic_key_v2, build_dynamic_key_v3, build_dynamic_key_v4,
    build_signaling_token, decode_access_token006_unverified, decode_dynamic_key5_unverified,
    decode_dynamic_key_unverified, decode_signaling_token_unverified, role006_from_code, verify_access_token006,
    verify_signaling_token, FfiAccessToken006, FfiDk4Service, FfiDk5Service, FfiDynamicKeyInput, FfiExtraEntry,
    FfiParsedDynamicKey, FfiParsedDynamicKey5, FfiParsedSignalingToken, FfiRole006, FfiUploadPermission,
};
pub use services::{
    parse_rtc_role, rtc_role_from_code, rtm2_permission_type_from_code, rtm2_resource_type_from_code,
    user_from_signed_uid, user_wire_string, FfiApaasRoomUserVariant, FfiFcdnPrivilege, FfiPrivilegeEntry,
    FfiRtcPrivilegeExpiries, FfiRtcRole, FfiRtm2Permission, FfiRtm2PermissionEntry, FfiRtm2PermissionType,
    FfiRtm2ResourceType, FfiService, FfiStreamingPrivilege, FfiUser,
};
