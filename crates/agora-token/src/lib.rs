#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
// The workspace denies unsafe code (binding glue from napi must be able to allow it); the core forbids it.
#![forbid(unsafe_code)]

mod access_token2;
mod builders;
pub mod clock;
pub mod compat;
mod compression;
mod credentials;
mod error;
mod explain;
mod hmac_sha256;
pub mod legacy;
mod services;
pub mod wildcard;
mod wire;

pub use access_token2::{decode, AccessToken2, Payload, UnverifiedToken, VerifiedToken, VERSION};
pub use builders::{
    ApaasRoomUserVariant, RtcPrivilegeExpiries, RtcRole, APAAS_NO_ROLE, DEFAULT_PRIVILEGE_EXPIRE, FPA_TOKEN_EXPIRE,
};
pub use credentials::{AppCertificate, AppId, Credentials, CREDENTIAL_LEN};
pub use error::{Error, ErrorCategory, Result};
pub use explain::{
    explain, AccessVerdict, CertificateSlot, ExplainOptions, Explanation, PrivilegeReport, Reason, SdkError,
    SdkErrorDiagnosis, ServiceReport, ServiceVerdict, SignatureCheck, Timestamp, WildcardMatch,
};
pub use services::{
    ApaasPrivilege, ApaasService, ChatPrivilege, ChatService, ConvoAiPrivilege, ConvoAiService, FcdnPrivilege,
    FcdnService, FpaPrivilege, FpaService, Privilege, Privileges, RtcPrivilege, RtcService, Rtm2PermissionType,
    Rtm2Permissions, Rtm2Privilege, Rtm2ResourceType, Rtm2Service, RtmPrivilege, RtmService, Service, ServiceField,
    ServiceType, StreamingPrivilege, StreamingService, SttPrivilege, SttService, User,
};
