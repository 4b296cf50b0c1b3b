//! `agora-token`: build, inspect, verify and explain Agora access tokens.
//!
//! The certificate is read from `AGORA_APP_CERTIFICATE`, a file or a profile of the config
//! file, never from a flag, so it does not show up in shell history or in the process list.

#![forbid(unsafe_code)]
// A command-line tool talks through stdout and stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod commands;
mod credentials;
mod output;
mod time;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;

/// Exit codes by error class, documented in `--help` and the README.
pub(crate) mod exit {
    /// The command line is malformed (clap uses the same code for its own errors).
    pub const USAGE: u8 = 2;
    /// Something the caller passed is invalid (credentials, ids, roles, lengths).
    pub const INVALID_INPUT: u8 = 3;
    /// The token could not be decoded.
    pub const MALFORMED_TOKEN: u8 = 4;
    /// The signature does not match the certificate.
    pub const VERIFICATION_FAILED: u8 = 5;
    /// The environment failed (missing credentials, config or certificate file unreadable or
    /// not private, clock, randomness).
    pub const ENVIRONMENT: u8 = 6;
    /// `explain --check`: the token would be refused for the channel and user asked about.
    pub const WOULD_BE_REFUSED: u8 = 7;
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            eprintln!("agora-token: {}", failure.message);
            ExitCode::from(failure.exit_code)
        }
    }
}
