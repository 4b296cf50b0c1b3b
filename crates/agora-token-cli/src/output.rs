//! What the tool prints: decoded tokens as aligned text (coloured on a terminal) or as JSON.
//!
//! One JSON shape for a decoded token everywhere (`inspect --json`, `explain --json`, and
//! every build command's `--json`): the `token` itself and the fields of its decoding. For
//! 007 and 006 tokens those are the core's [`Explanation`] (`version`, `app_id`,
//! `issued_at`, `expires_at`, `services` with their privileges, `access`, `warnings`...);
//! for DynamicKey and signaling tokens, the fields of the key.

use std::io::{IsTerminal, Write};

use agora_token::legacy::dynamic_key;
use agora_token::legacy::{dynamic_key5, signaling};
use agora_token::CertificateSlot;
use agora_token::{explain, ExplainOptions, Explanation, SignatureCheck, Timestamp};
use anstyle::{AnsiColor, Style};
use serde_json::{json, Map, Value};

use crate::args::ColorChoice;
use crate::commands::{environment, Outcome};
use crate::time::format_duration;

/// Whether to colour what goes to stdout.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Palette {
    enabled: bool,
}

const LABEL: Style = Style::new().bold();
const GOOD: Style = AnsiColor::Green.on_default();
const BAD: Style = AnsiColor::Red.on_default().bold();
const NOTE: Style = AnsiColor::Yellow.on_default();
const SERVICE: Style = AnsiColor::Cyan.on_default().bold();
const DIM: Style = Style::new().dimmed();

impl Palette {
    /// `auto`: colour when stdout is a terminal, `NO_COLOR` is unset or empty (no-color.org)
    /// and `TERM` is not `dumb`. `always` and `never` override both, as no-color.org asks of
    /// command-line flags.
    pub(crate) fn for_stdout(choice: ColorChoice) -> Self {
        let enabled = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                    && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
            }
        };
        Palette { enabled }
    }

    fn paint(self, style: Style, text: &str) -> String {
        if self.enabled {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }
}

/// One line of a two-column listing: an indented label and its value (already painted).
#[derive(Debug)]
pub(crate) struct Row {
    indent: usize,
    label: String,
    value: String,
}

impl Row {
    pub(crate) fn new(indent: usize, label: impl Into<String>, value: impl Into<String>) -> Self {
        Row { indent, label: label.into(), value: value.into() }
    }

    /// A row for the token itself, printed first by build commands.
    pub(crate) fn token(token: &str) -> Self {
        Row::new(0, "token", token)
    }
}

/// Rows as lines with every value starting in the same column.
pub(crate) fn render_rows(rows: &[Row], palette: Palette) -> String {
    let width = rows.iter().map(|row| row.indent + row.label.len()).max().unwrap_or(0) + 2;
    let mut text = String::new();
    for row in rows {
        let padding = width - row.indent - row.label.len();
        let label = if row.label.is_empty() { String::new() } else { palette.paint(LABEL, &row.label) };
        let line = format!("{:indent$}{label}{:padding$}{}", "", "", row.value, indent = row.indent);
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// Writes to stdout. A reader that went away (`agora-token man | head`) is not an error:
/// the output is simply no longer wanted.
///
/// # Errors
/// Any other write error, as an environment failure.
pub(crate) fn write_stdout(text: impl AsRef<[u8]>) -> Outcome<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_ref()).and_then(|()| out.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(environment(format!("cannot write to standard output: {error}")))
        }
        _ => Ok(()),
    }
}

/// A decoded token: explained (007, 006), answered (explained with the verdict of every
/// service, for `explain`), or the fields of a legacy key.
#[derive(Debug)]
pub(crate) enum Decoded {
    Explained(Box<Explanation>),
    Answered(Box<Explanation>),
    Fields(Map<String, Value>),
}

/// Decodes any token family; 007 and 006 tokens are explained with `options`.
///
/// # Errors
/// The decoding error of the family the token's prefix names.
pub(crate) fn decode(token: &str, options: &ExplainOptions<'_>) -> Outcome<Decoded> {
    if token.starts_with("007") || token.starts_with("006") {
        return Ok(Decoded::Explained(Box::new(explain(token, options)?)));
    }
    let fields = if token.starts_with("005") {
        let key = dynamic_key5::parse(token)?;
        json!({"version": "005", "service_type": key.service_type, "app_id": key.app_id, "unix_ts": key.unix_ts,
               "random_int": key.random_int, "expires_at": key.expired_ts, "extra": key.extra, "signature": key.signature})
    } else if token.starts_with("1:") {
        let parsed = signaling::parse(token)?;
        json!({"version": "signaling", "app_id": parsed.app_id, "expires_at": parsed.expired_ts, "digest": parsed.digest})
    } else {
        let key = dynamic_key::parse(token)?;
        json!({"version": format!("DynamicKey{}", key.version), "app_id": key.app_id, "unix_ts": key.unix_ts,
               "random_int": key.random_int, "uid": key.uid, "expires_at": key.expired_ts, "signature": key.signature})
    };
    match fields {
        Value::Object(map) => Ok(Decoded::Fields(map)),
        _ => Err(environment("internal: decoded fields are not an object")),
    }
}

impl Decoded {
    /// The JSON form: `token` and the decoded fields.
    pub(crate) fn to_json(&self, token: &str) -> Outcome<Value> {
        let mut object = match self {
            Decoded::Explained(explanation) | Decoded::Answered(explanation) => match serde_json::to_value(explanation)
            {
                Ok(Value::Object(map)) => map,
                Ok(_) => return Err(environment("internal: an explanation is not a JSON object")),
                Err(e) => return Err(environment(format!("cannot write JSON: {e}"))),
            },
            Decoded::Fields(fields) => fields.clone(),
        };
        object.insert("token".to_owned(), Value::String(token.to_owned()));
        Ok(Value::Object(object))
    }

    /// The text form, as rows.
    pub(crate) fn rows(&self, palette: Palette) -> Vec<Row> {
        match self {
            Decoded::Explained(explanation) => explanation_rows(explanation, palette, false),
            Decoded::Answered(explanation) => explanation_rows(explanation, palette, true),
            Decoded::Fields(fields) => fields
                .iter()
                .map(|(name, value)| {
                    let mut text = value.to_string();
                    let is_time = matches!(name.as_str(), "unix_ts" | "expires_at");
                    if let (true, Some(unix)) = (is_time, value.as_u64().filter(|&unix| unix != 0)) {
                        text.push_str(&format!("  {}", palette.paint(DIM, &Timestamp(unix).to_string())));
                    }
                    Row::new(0, name.replace('_', " "), text)
                })
                .collect(),
        }
    }

    /// The warnings of an explained 007 token (006 explanations always note that their
    /// signature needs the channel and uid, which says nothing about a token just built).
    pub(crate) fn build_warnings(&self) -> &[String] {
        match self {
            Decoded::Explained(explanation) if explanation.version == "007" => &explanation.warnings,
            _ => &[],
        }
    }
}

fn yes_no(palette: Palette, allowed: bool) -> String {
    if allowed {
        palette.paint(GOOD, "yes")
    } else {
        palette.paint(BAD, "no")
    }
}

/// An explanation as aligned rows, coloured by verdict.
fn explanation_rows(e: &Explanation, palette: Palette, with_verdicts: bool) -> Vec<Row> {
    let unix = |unix: u64| palette.paint(DIM, &format!("({unix})"));
    let mut rows = vec![Row::new(0, "version", e.version), Row::new(0, "app id", e.app_id.as_str())];
    if let Some(issued) = e.issued_at {
        rows.push(Row::new(0, "issued at", format!("{issued}  {}", unix(issued.0))));
    }
    if let Some(lifetime) = e.lifetime {
        let seconds = palette.paint(DIM, &format!("({lifetime} s)"));
        rows.push(Row::new(0, "lifetime", format!("{}  {seconds}", format_duration(u64::from(lifetime)))));
    }
    let status = if e.expired {
        palette.paint(BAD, &format!("EXPIRED {} ago", format_duration(e.now.0.saturating_sub(e.expires_at.0))))
    } else {
        palette.paint(GOOD, &format!("valid for {}", format_duration(e.expires_at.0.saturating_sub(e.now.0))))
    };
    rows.push(Row::new(0, "expires at", format!("{}  {}  {status}", e.expires_at, unix(e.expires_at.0))));
    rows.push(Row::new(0, "judged at", format!("{}  {}", e.now, unix(e.now.0))));
    rows.push(Row::new(0, "salt", e.salt.to_string()));
    let signature = match e.signature {
        SignatureCheck::NotChecked => palette.paint(NOTE, "not checked (no certificate given)"),
        SignatureCheck::Valid if e.verified_with == Some(CertificateSlot::Secondary) => {
            palette.paint(GOOD, "valid (with the secondary certificate)")
        }
        SignatureCheck::Valid => palette.paint(GOOD, "valid"),
        SignatureCheck::Invalid => palette.paint(BAD, "INVALID for this certificate"),
    };
    rows.push(Row::new(0, "signature", signature));

    for service in &e.services {
        rows.push(Row::new(0, "service", palette.paint(SERVICE, &format!("{} ({})", service.name, service.type_code))));
        for (name, value) in &service.fields {
            rows.push(Row::new(2, name.as_str(), format!("{value:?}")));
        }
        let code_width = service.privileges.iter().map(|p| p.code.to_string().len()).max().unwrap_or(0);
        let name_width = service.privileges.iter().map(|p| p.name.len()).max().unwrap_or(0);
        let value_width = service.privileges.iter().map(|p| p.value.to_string().len()).max().unwrap_or(0);
        for (index, privilege) in service.privileges.iter().enumerate() {
            let until = match privilege.expires_at {
                None => palette.paint(DIM, "no limit of its own"),
                Some(at) if privilege.expired => format!("until {at}  {}", palette.paint(BAD, "EXPIRED")),
                Some(at) => format!("until {at}"),
            };
            let text = format!(
                "{:>code_width$}  {:<name_width$}  {:>value_width$}  {until}",
                privilege.code, privilege.name, privilege.value
            );
            rows.push(Row::new(2, if index == 0 { "privileges" } else { "" }, text));
        }
    }

    if let Some(access) = &e.access {
        let mut asked = Vec::new();
        if let Some(channel) = &access.channel_name {
            asked.push(format!("channel {channel:?}"));
        }
        if let Some(user) = &access.user {
            asked.push(format!("user {user:?}"));
        }
        rows.push(Row::new(0, "access", asked.join(", ")));
        rows.push(Row::new(2, "can join", yes_no(palette, access.can_join)));
        let publish = format!(
            "audio {}, video {}, data {}",
            yes_no(palette, access.can_publish_audio),
            yes_no(palette, access.can_publish_video),
            yes_no(palette, access.can_publish_data)
        );
        rows.push(Row::new(2, "can publish", publish));
        for (index, reason) in access.reasons.iter().enumerate() {
            rows.push(Row::new(2, if index == 0 { "because" } else { "" }, reason.to_string()));
        }
    }
    // The RTC verdict is shown above when a channel or user was asked about.
    let verdicts = e.verdicts.iter().filter(|v| with_verdicts && (e.access.is_none() || v.service != "RTC"));
    for verdict in verdicts {
        rows.push(Row::new(
            0,
            "verdict",
            format!("{}: {}", palette.paint(SERVICE, &verdict.service), verdict.question),
        ));
        rows.push(Row::new(2, "allowed", yes_no(palette, verdict.allowed)));
        if !verdict.grants.is_empty() {
            rows.push(Row::new(2, "grants", verdict.grants.join(", ")));
        }
        for (index, reason) in verdict.reasons.iter().enumerate() {
            rows.push(Row::new(2, if index == 0 { "because" } else { "" }, reason.to_string()));
        }
    }
    for matched in e.verdicts.iter().flat_map(|v| &v.wildcard_matches) {
        rows.push(Row::new(0, "wildcard", palette.paint(NOTE, &matched.to_string())));
    }
    if let Some(diagnosis) = &e.sdk_error {
        let error = diagnosis.error;
        rows.push(Row::new(0, "sdk error", format!("{}: {}", error.sdk_name(), error.meaning())));
        if diagnosis.explained_by.is_empty() {
            rows.push(Row::new(2, "not the token", error.other_causes().to_owned()));
        }
        for (index, reason) in diagnosis.explained_by.iter().enumerate() {
            rows.push(Row::new(
                2,
                if index == 0 { "explained by" } else { "" },
                palette.paint(BAD, &reason.to_string()),
            ));
        }
        rows.push(Row::new(2, "source", palette.paint(DIM, error.source())));
    }
    for warning in &e.warnings {
        rows.push(Row::new(0, "warning", palette.paint(NOTE, warning)));
    }
    rows
}
