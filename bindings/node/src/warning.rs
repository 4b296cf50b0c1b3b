//! The drop-in layer's warnings: a core [`CompatWarning`] goes to `process.emitWarning` with
//! the type `AgoraTokenCompatWarning` and the core's code, so Node's own machinery handles it:
//! printed on stderr by default, `process.on('warning', ...)` to collect it, `--no-warnings`
//! or `--redirect-warnings=<file>` to silence or redirect it.

use agora_token::compat::CompatWarning;
use napi::bindgen_prelude::{FnArgs, Function, JsObjectValue, Object, Unknown};
use napi::Env;
use napi_derive::napi;

use crate::error::{from_napi, Result};

/// The `type` (the warning's `name`) of every warning this package emits.
pub const WARNING_TYPE: &str = "AgoraTokenCompatWarning";

/// The options of `process.emitWarning(message, options)`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct EmitWarningOptions {
    /// Becomes the warning's `name`.
    #[napi(js_name = "type")]
    pub warning_type: String,
    /// The core's stable code.
    pub code: String,
}

/// Emits a core warning with `process.emitWarning`.
///
/// # Errors
/// When `process.emitWarning` is missing or throws (its exception then propagates).
pub fn emit(env: &Env, warning: &CompatWarning) -> Result<()> {
    let emitted = (|| {
        let process: Object<'_> = env.get_global()?.get_named_property("process")?;
        let emit_warning: Function<'_, FnArgs<(String, EmitWarningOptions)>, Unknown<'_>> =
            process.get_named_property("emitWarning")?;
        let options = EmitWarningOptions { warning_type: WARNING_TYPE.to_owned(), code: warning.code().to_owned() };
        emit_warning.apply(process, FnArgs::from((warning.message().to_owned(), options)))?;
        Ok::<_, napi::Error>(())
    })();
    emitted.map_err(|error| from_napi(&error))
}

/// The codes of every warning the drop-in layer emits (the core's `CompatWarning::CODES`).
#[napi(ts_return_type = "Array<CompatWarningCode>")]
pub fn compat_warning_codes() -> Vec<&'static str> {
    CompatWarning::CODES.to_vec()
}
