//! `AgoraTokenOptions` (issue time, salt, strict mode) and the reading of loose input every
//! drop-in entry point shares: upstream's reading with a warning, or, in strict mode, the
//! core's typed refusal.

use std::ffi::c_char;

use agora_token::compat::{self, UpstreamValue};
use agora_token::legacy::access_token::{AccessToken, Role006};
use agora_token::{AccessToken2, Credentials, Error, RtcRole};

use crate::compat::{AgoraTokenWarnings, Warnings};
use crate::error::AgoraTokenStatus;
use crate::ffi::{guard, owned_c_string, put, required, text};

/// Options every token-building function takes (pass NULL for the defaults). Holds no
/// pointers, so Go may pass a pointer to a Go value and PHP an `FFI::new` struct.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct AgoraTokenOptions {
    /// Issue time, Unix seconds; used when `has_issued_at` is not 0. Default: the system clock.
    /// (006 tokens store no issue time: their expiry is this time + 24 hours.)
    pub issued_at: u32,
    /// Salt; used when `has_salt` is not 0. Default: random in 1..=99999999.
    pub salt: u32,
    /// Non-zero: `issued_at` is set.
    pub has_issued_at: u8,
    /// Non-zero: `salt` is set.
    pub has_salt: u8,
    /// Non-zero: refuse with a typed error what the drop-in reading accepts with a warning:
    /// role numbers the token kind does not define (`unknown_role`), 007 expiries that look
    /// like Unix timestamps (`expiry_looks_absolute`), 006 expiries that look like seconds
    /// (`expiry_looks_relative`). Default 0: upstream's reading, with warnings.
    pub strict: u8,
}

/// The options of one call, checked.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Settings {
    pub(crate) issued_at: Option<u32>,
    pub(crate) salt: Option<u32>,
    pub(crate) strict: bool,
}

impl Settings {
    /// Reads the caller's options (NULL = defaults).
    ///
    /// # Safety
    /// `options` must be NULL or point to a readable `AgoraTokenOptions`.
    pub(crate) unsafe fn read(options: *const AgoraTokenOptions) -> Self {
        // SAFETY: caller contract.
        let options = unsafe { options.as_ref() }.copied().unwrap_or_default();
        Settings {
            issued_at: (options.has_issued_at != 0).then_some(options.issued_at),
            salt: (options.has_salt != 0).then_some(options.salt),
            strict: options.strict != 0,
        }
    }

    /// A core 007 builder with these options.
    pub(crate) fn start(&self, expire: u32) -> AccessToken2 {
        let mut token = AccessToken2::new(expire);
        token.issued(self.issued_at, self.salt).strict(self.strict);
        token
    }

    /// A core 006 builder with these options.
    pub(crate) fn start_006(&self, mut token: AccessToken) -> AccessToken {
        token.issued(self.issued_at, self.salt).strict(self.strict);
        token
    }

    /// A 007 RTC role number: strict, the typed role; else upstream's reading (anything but
    /// 1 joins only), warning about numbers other than 1 and 2.
    pub(crate) fn rtc_role(&self, role: i64, warnings: &mut Warnings) -> Result<RtcRole, Error> {
        if self.strict {
            return RtcRole::from_code(role);
        }
        let reading = compat::rtc_role(UpstreamValue::Integer(role));
        warnings.add(reading.warning);
        Ok(reading.value)
    }

    /// A 006 RTC role number, read as [`Settings::rtc_role`] reads 007 roles.
    pub(crate) fn role_006(&self, role: i64, warnings: &mut Warnings) -> Result<Role006, Error> {
        if self.strict {
            return Role006::from_code(role);
        }
        let reading = compat::role_006(UpstreamValue::Integer(role));
        warnings.add(reading.warning);
        Ok(reading.value)
    }
}

/// Reads and checks the app id and certificate (the app id first, as the core does).
///
/// # Safety
/// Each pointer must be NULL or point to its length of readable bytes.
pub(crate) unsafe fn credentials(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
) -> Result<Credentials, Error> {
    // SAFETY: forwarded caller contract.
    let (app_id, certificate) = unsafe {
        (text("app_id", app_id, app_id_len)?, text("app_certificate", app_certificate, app_certificate_len)?)
    };
    Credentials::new(app_id, certificate)
}

/// The frame of every function that returns a token: clears the outputs, reads the options,
/// runs `body` (which reads the arguments and builds), then writes the token and, on success
/// only, the warnings.
///
/// # Safety
/// `options` must be NULL or readable; `warnings`, `token` and `error_message` must be NULL or
/// valid for a write of a pointer (`token` is required).
pub(crate) unsafe fn issue(
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
    body: impl FnOnce(&Settings, &mut Warnings) -> Result<String, Error>,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract, for every block below.
    unsafe {
        put(token, std::ptr::null_mut());
        put(warnings, std::ptr::null_mut());
        guard(error_message, || {
            let token = required("token", token)?;
            let settings = Settings::read(options);
            let mut found = Warnings::default();
            let built = body(&settings, &mut found)?;
            token.write(owned_c_string(built));
            found.deliver(warnings);
            Ok(())
        })
    }
}

/// How a function that asks about a user (explain, 006 verify) is told who the user is.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgoraTokenUserKind {
    /// No user given.
    None = 0,
    /// A numeric uid (the `uid` argument; 0 = the SDK picks a random uid, or "any user" in a token).
    Uid = 1,
    /// A string account (the `account` argument, used verbatim).
    Account = 2,
}

/// The user named by a `user_kind` / `uid` / `account` triple.
///
/// # Safety
/// `account` must be NULL or point to `account_len` readable bytes.
pub(crate) unsafe fn user(
    user_kind: u32,
    uid: u32,
    account: *const c_char,
    account_len: usize,
) -> Result<Option<agora_token::User>, Error> {
    match user_kind {
        kind if kind == AgoraTokenUserKind::None as u32 => Ok(None),
        kind if kind == AgoraTokenUserKind::Uid as u32 => Ok(Some(agora_token::User::Uid(uid))),
        kind if kind == AgoraTokenUserKind::Account as u32 => {
            // SAFETY: forwarded caller contract.
            let account = unsafe { text("account", account, account_len)? };
            Ok(Some(agora_token::User::Account(account.to_owned())))
        }
        other => Err(crate::ffi::invalid(
            "user_kind",
            format!("is {other}; use 0 (no user), 1 (numeric uid) or 2 (string account)"),
        )),
    }
}
