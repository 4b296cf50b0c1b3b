//! The drop-in layer's reading of loose JavaScript values, as npm `agora-token` and
//! `agora-access-token` read them: numbers through `Buffer.writeUInt32LE` (and its 16-bit
//! siblings), uids through a template literal, user ids through `userId || ''`.
//!
//! The readings are the core's `agora_token::compat::javascript` (the WebAssembly build uses
//! them too); this module hands it napi values with JavaScript's own conversions and sends
//! each warning to `process.emitWarning`. The idiomatic layer never calls these: it keeps
//! refusing such values (`args`).

use agora_token::compat::javascript::{self as js, Equality, JsType};
use agora_token::compat::CompatWarning;
use agora_token::legacy::access_token::Role006;
use agora_token::{RtcRole, User};
use napi::bindgen_prelude::{JsObjectValue, Object};
use napi::{Env, JsValue, Unknown, ValueType};

use crate::error::{CoreResultExt, Result};
use crate::warning::emit;

/// A napi value with JavaScript's conversions (`+value`, `` `${value}` ``, `!!value`).
#[derive(Clone, Copy)]
pub struct Loose<'env>(pub Unknown<'env>);

fn failed(field: &str) -> impl Fn(napi::Error) -> agora_token::Error + '_ {
    move |error| js::read_failed(field, &error.reason)
}

impl<'env> js::JsValue for Loose<'env> {
    fn js_type(&self, field: &str) -> agora_token::Result<JsType> {
        let value_type = self.0.get_type().map_err(|e| agora_token::Error::InvalidArgument {
            field: field.to_owned(),
            reason: format!("cannot read its type ({})", e.reason),
        })?;
        Ok(match value_type {
            ValueType::Undefined => JsType::Undefined,
            ValueType::Null => JsType::Null,
            ValueType::Boolean => JsType::Boolean,
            ValueType::Number => JsType::Number,
            ValueType::String => JsType::String,
            ValueType::Symbol => JsType::Symbol,
            ValueType::Object => JsType::Object,
            ValueType::Function => JsType::Function,
            // napi reports a BigInt so (without its napi6 types).
            ValueType::Unknown => JsType::BigInt,
            ValueType::External => JsType::Other,
        })
    }

    fn to_number(&self, field: &str) -> agora_token::Result<f64> {
        self.0.coerce_to_number().and_then(|number| number.get_double()).map_err(failed(field))
    }

    fn to_text(&self, field: &str) -> agora_token::Result<String> {
        self.0
            .coerce_to_string()
            .and_then(|text| text.into_utf8())
            .and_then(|text| text.into_owned())
            .map_err(failed(field))
    }

    fn to_bool(&self, field: &str) -> agora_token::Result<bool> {
        self.0.coerce_to_bool().map_err(failed(field))
    }

    fn entries(&self, field: &str) -> agora_token::Result<Vec<(Self, Self)>> {
        let object = self.object(field)?;
        let keys = object.get_property_names().map_err(failed(field))?;
        (0..keys.get_array_length().map_err(failed(field))?)
            .map(|index| {
                let key = Loose(keys.get_element::<Unknown<'env>>(index).map_err(failed(field))?);
                let name = js::string(field, &key)?;
                let value = object.get_named_property::<Unknown<'env>>(&name).map_err(failed(field))?;
                Ok((key, Loose(value)))
            })
            .collect()
    }

    fn property(&self, field: &str, name: &str) -> agora_token::Result<Self> {
        self.object(field)?.get_named_property::<Unknown<'env>>(name).map(Loose).map_err(failed(field))
    }

    fn elements(&self, field: &str) -> agora_token::Result<Vec<Self>> {
        let array = self.object(field)?;
        (0..array.get_array_length().map_err(failed(field))?)
            .map(|index| array.get_element::<Unknown<'env>>(index).map(Loose).map_err(failed(field)))
            .collect()
    }
}

impl<'env> Loose<'env> {
    fn object(&self, field: &str) -> agora_token::Result<Object<'env>> {
        self.0.coerce_to_object().map_err(failed(field))
    }
}

/// Runs a core reading and emits its warnings, also when it then fails (npm would have
/// packed what came before).
pub fn read<T>(env: &Env, reading: impl FnOnce(&mut Vec<CompatWarning>) -> agora_token::Result<T>) -> Result<T> {
    let mut warnings = Vec::new();
    let result = reading(&mut warnings);
    for warning in warnings {
        emit(env, &warning)?;
    }
    result.js()
}

/// A uid or account as npm writes it (`js::user`).
///
/// # Errors
/// As the core reading.
pub fn user(env: &Env, field: &str, value: &Unknown<'_>) -> Result<User> {
    read(env, |warnings| js::user(field, &Loose(*value), warnings))
}

/// A user id of the string-only services, `userId || ''` (`js::user_id`).
///
/// # Errors
/// As the core reading.
pub fn user_id(env: &Env, field: &str, value: &Unknown<'_>, omitted: bool) -> Result<String> {
    read(env, |warnings| js::user_id(field, &Loose(*value), omitted, warnings))
}

/// The RTM2 user id (`js::rtm2_user_id`).
///
/// # Errors
/// As the core reading.
pub fn rtm2_user_id(env: &Env, field: &str, value: &Unknown<'_>, omitted: bool) -> Result<String> {
    read(env, |warnings| js::rtm2_user_id(field, &Loose(*value), omitted, warnings))
}

/// The APaaS role, `role || -1` (`js::apaas_role`).
///
/// # Errors
/// As the core reading.
pub fn apaas_role(env: &Env, field: &str, value: &Unknown<'_>) -> Result<i16> {
    read(env, |warnings| js::apaas_role(field, &Loose(*value), warnings))
}

/// A 007 expiry in seconds (`js::expire_007`).
///
/// # Errors
/// As the core reading.
pub fn expire_007(env: &Env, field: &str, value: &Unknown<'_>) -> Result<u32> {
    read(env, |warnings| js::expire_007(field, &Loose(*value), warnings))
}

/// An optional 007 expiry, `undefined` for upstream's default (`js::opt_expire_007`).
///
/// # Errors
/// As the core reading.
pub fn opt_expire_007(env: &Env, field: &str, value: &Unknown<'_>) -> Result<Option<u32>> {
    read(env, |warnings| js::opt_expire_007(field, &Loose(*value), warnings))
}

/// A 006 expiry, an absolute Unix time (`js::expire_006`).
///
/// # Errors
/// As the core reading.
pub fn expire_006(env: &Env, field: &str, value: &Unknown<'_>) -> Result<u32> {
    read(env, |warnings| js::expire_006(field, &Loose(*value), warnings))
}

/// A 007 RTC role compared with `==` or `===` (`js::rtc_role`).
///
/// # Errors
/// As the core reading.
pub fn rtc_role(env: &Env, field: &str, value: &Unknown<'_>, equality: Equality) -> Result<RtcRole> {
    read(env, |warnings| js::rtc_role(field, &Loose(*value), equality, warnings))
}

/// A 006 RTC role (`js::role_006`).
///
/// # Errors
/// As the core reading.
pub fn role_006(env: &Env, field: &str, value: &Unknown<'_>) -> Result<Role006> {
    read(env, |warnings| js::role_006(field, &Loose(*value), warnings))
}
