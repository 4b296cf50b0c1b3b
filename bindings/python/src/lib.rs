//! The native module `agora_token._native` of the `agora-token-rs` Python package: a thin
//! pyo3 layer over the `agora-token` core crate. Every rule about tokens lives in the core;
//! this crate only translates names, argument shapes (ints, `str`, `timedelta`, `datetime`)
//! and errors (one exception class per core error kind).
//!
//! One file per core area, and one `Py*` wrapper per core type, exported under its Python name:
//! `credentials` (`Credentials`), `services` (`RtcService`, ..., `Rtm2Permissions`),
//! `access_token2` (`TokenBuilder`, `decode_unverified`, `verify`, `UnverifiedToken`, `VerifiedToken`, `Payload`),
//! `explain` (`explain`, `Explanation`, `AccessVerdict`, ...), `legacy` (006, DynamicKey, signaling),
//! `errors` (the exception classes), `compat` (the drop-in layer's reading of loose input and its
//! `AgoraTokenCompatWarning`s); `convert` holds the argument conversions they share.
//!
//! The GIL is not released around core calls: a token takes microseconds, less than the cost of
//! releasing and re-acquiring it (see python/bench/bench.py for the measured rates).

use pyo3::prelude::*;

mod access_token2;
mod compat;
mod convert;
mod credentials;
mod errors;
mod explain;
mod legacy;
mod services;

/// Native part of agora_token (Agora AccessToken2 / AccessToken builders, decoders and explain).
/// Import from `agora_token` instead; this module is private.
#[pymodule]
mod _native {
    #[pymodule_export]
    use super::credentials::PyCredentials;

    #[pymodule_export]
    use super::access_token2::{
        decode_unverified, rtc_token_with_uid, rtc_token_with_user_account, verify, PyPayload, PyTokenBuilder,
        PyUnverifiedToken, PyVerifiedToken,
    };

    #[pymodule_export]
    use super::compat::{
        compat_build_006, compat_build_007, compat_expire_006, compat_expire_007, compat_i16, compat_role_006,
        compat_rtc_role, compat_rtm2_permissions, compat_u32, compat_uid,
    };

    #[pymodule_export]
    use super::explain::{
        explain, PyAccessVerdict, PyExplanation, PyPrivilegeReport, PyReason, PySdkErrorDiagnosis, PyServiceReport,
        PyServiceVerdict, PyWildcardMatch,
    };

    #[pymodule_export]
    use super::legacy::{
        decode_006_unverified, dynamic_key5, dynamic_key_v1, dynamic_key_v2, dynamic_key_v3, dynamic_key_v4,
        rtc_token_006_with_account, rtc_token_006_with_uid, signaling_token, PyTokenBuilder006, PyUnverifiedToken006,
    };

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add("__version__", env!("CARGO_PKG_VERSION"))?;
        module.add("FPA_TOKEN_EXPIRE", agora_token::FPA_TOKEN_EXPIRE)?;
        module.add("DEFAULT_PRIVILEGE_EXPIRE", agora_token::DEFAULT_PRIVILEGE_EXPIRE)?;
        module.add("APAAS_NO_ROLE", agora_token::APAAS_NO_ROLE)?;
        let codes = pyo3::types::PyTuple::new(module.py(), agora_token::compat::CompatWarning::CODES)?;
        module.add("COMPAT_WARNING_CODES", codes)?;
        module.add("ERROR_CODES", pyo3::types::PyTuple::new(module.py(), agora_token::Error::CODES)?)?;
        module.add("REASON_CODES", pyo3::types::PyTuple::new(module.py(), agora_token::Reason::CODES)?)?;
        let sdk_errors = agora_token::SdkError::ALL.iter().map(|error| error.code());
        module.add("SDK_ERROR_CODES", pyo3::types::PyTuple::new(module.py(), sdk_errors)?)?;
        super::errors::register(module)?;
        // The service classes and Rtm2Permissions (the services' list in services.rs adds them).
        super::services::register(module)?;
        Ok(())
    }
}
