//! How the command line reads lifetimes and points in time.
//!
//! Lifetimes (AccessToken2 expiries, counted from the issue time) are durations: `3600`,
//! `45s`, `90m`, `1h`, `1h30m`, `1d`. A value that the core reads as an absolute Unix
//! timestamp ([`clock::looks_like_unix_timestamp`]) is refused with a hint, since as a
//! lifetime it would last decades.
//!
//! Points in time (006 and DynamicKey expiries, issue times, `explain --at`) are
//! Unix seconds (`1764066022`), RFC 3339 dates with an offset (`2026-11-25T10:20:22Z`,
//! `2026-11-25T18:20:22+08:00`), `+DURATION` from now (`+1h`), `now`, or `@SECONDS` for Unix
//! seconds taken as given. For expiries, a plain number that is not 0 and below the
//! timestamp threshold is refused: it is almost certainly a number of seconds meant as
//! "from now" (the token would have expired in 1970); `@N` or an RFC 3339 date says it
//! is meant.

use agora_token::{clock, Timestamp};

/// The units a duration may use, with their length in seconds.
const UNITS: [(char, u64); 4] = [('d', 86_400), ('h', 3600), ('m', 60), ('s', 1)];

/// A duration in words, largest unit first, e.g. `1h 30m` (what [`parse_duration`] reads
/// back once the spaces are removed).
pub(crate) fn format_duration(seconds: u64) -> String {
    let mut rest = seconds;
    let mut parts = Vec::new();
    for (unit, length) in UNITS {
        let count = rest / length;
        rest %= length;
        if count > 0 {
            parts.push(format!("{count}{unit}"));
        }
    }
    if parts.is_empty() {
        "0s".to_owned()
    } else {
        parts.join(" ")
    }
}

/// Reads a lifetime: plain seconds or a duration such as `1h30m`.
///
/// # Errors
/// A message for clap when the text is not a duration, overflows 32 bits, or looks like an
/// absolute Unix timestamp.
pub(crate) fn parse_lifetime(text: &str) -> Result<u32, String> {
    let seconds = parse_duration(text)?;
    if clock::looks_like_unix_timestamp(seconds) {
        let hint = if text.trim().bytes().all(|b| b.is_ascii_digit()) {
            format!("{seconds} looks like an absolute Unix timestamp ({})", Timestamp(u64::from(seconds)))
        } else {
            format!("{text} is over {} years", seconds / 31_557_600)
        };
        return Err(format!(
            "{hint}, but this is a lifetime counted from the issue time: pass a duration such as 3600, 90m, 1h or 1d"
        ));
    }
    Ok(seconds)
}

/// Reads `3600`, `45s`, `90m`, `1h30m`, `1d`: the sum of `<number><unit>` parts, units d, h, m, s.
fn parse_duration(text: &str) -> Result<u32, String> {
    let text = text.trim();
    let usage =
        || format!("{text:?} is not a duration: pass seconds (3600) or a duration such as 90m, 1h, 1h30m or 1d");
    if text.is_empty() {
        return Err(usage());
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<u32>().map_err(|_| format!("{text} seconds does not fit in 32 bits"));
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let (_, unit) = UNITS.iter().find(|(name, _)| *name == c).ok_or_else(usage)?;
        let count: u64 = number.parse().map_err(|_| usage())?;
        total = count.checked_mul(*unit).and_then(|part| total.checked_add(part)).ok_or_else(usage)?;
        number.clear();
    }
    if !number.is_empty() {
        // A trailing number without a unit (`1h30`) is ambiguous.
        return Err(usage());
    }
    u32::try_from(total).map_err(|_| format!("{text} does not fit in 32-bit seconds"))
}

/// What a point in time is used for, which decides how a plain small number is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Instant {
    /// An expiry: 0 means "never"; other plain numbers below the timestamp threshold are refused.
    Expiry,
    /// An issue time or the time to judge at: any Unix seconds (the upstream vectors use 1111111).
    Any,
}

/// Reads an expiry (0 or `never` = no expiry where the format allows it).
///
/// # Errors
/// A message for clap, see the module documentation.
pub(crate) fn parse_expiry(text: &str) -> Result<u32, String> {
    parse_instant(text, Instant::Expiry)
}

/// Reads an issue time or the time to judge a token at.
///
/// # Errors
/// A message for clap, see the module documentation.
pub(crate) fn parse_time(text: &str) -> Result<u32, String> {
    parse_instant(text, Instant::Any)
}

fn parse_instant(text: &str, kind: Instant) -> Result<u32, String> {
    let text = text.trim();
    if text == "now" {
        return clock::now().map_err(|e| e.to_string());
    }
    if kind == Instant::Expiry && text == "never" {
        return Ok(0);
    }
    if let Some(duration) = text.strip_prefix('+') {
        let seconds = parse_lifetime(duration)?;
        let now = clock::now().map_err(|e| e.to_string())?;
        return now
            .checked_add(seconds)
            .ok_or_else(|| format!("now + {duration} is past 2106, beyond 32-bit Unix time"));
    }
    if let Some(unix) = text.strip_prefix('@') {
        return unix.parse::<u32>().map_err(|_| format!("{text:?}: after @ comes Unix seconds, e.g. @1764066022"));
    }
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let seconds = text.parse::<u32>().map_err(|_| format!("{text} is past 2106, beyond 32-bit Unix time"))?;
        if kind == Instant::Expiry && seconds != 0 && !clock::looks_like_unix_timestamp(seconds) {
            return Err(format!(
                "{seconds} looks like a number of seconds, not a Unix timestamp (it would be {}, long past): \
                 pass +{} for that long from now, an RFC 3339 date such as 2026-11-25T10:20:22Z, \
                 or @{seconds} if you mean that instant",
                Timestamp(u64::from(seconds)),
                format_duration(u64::from(seconds)).replace(' ', ""),
            ));
        }
        return Ok(seconds);
    }
    parse_rfc3339(text).ok_or_else(|| {
        format!(
            "{text:?} is not a time: pass Unix seconds (1764066022), an RFC 3339 date with an offset \
             (2026-11-25T10:20:22Z), +DURATION from now (+1h), or now"
        )
    })
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)` as Unix seconds (the fraction is dropped);
/// `None` if the text is not of that form or outside 1970..2106.
fn parse_rfc3339(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    let number = |range| number_in(text, range);
    let separators_ok = bytes.len() >= 20
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && matches!(bytes[10], b'T' | b't' | b' ')
        && bytes[13] == b':'
        && bytes[16] == b':';
    if !separators_ok {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let mut rest = text.get(19..)?;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = fraction.get(digits..)?;
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.as_bytes()[3] != b':' {
                return None;
            }
            let (hours, minutes) = (number_in(rest, 1..3)?, number_in(rest, 4..6)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            sign * (hours * 3600 + minutes * 60)
        }
    };
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    // 60 seconds: a leap second, read as the next second, as most parsers do.
    if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let unix = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset;
    u32::try_from(unix).ok()
}

/// The digits of `text` in `range` as a number; `None` if any is not a digit.
fn number_in(text: &str, range: std::ops::Range<usize>) -> Option<i64> {
    let part = text.get(range)?;
    part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
}

/// Days since 1970-01-01 of a Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn durations_read_naturally_and_parse_back() {
        for (seconds, words) in [(0, "0s"), (45, "45s"), (5400, "1h 30m"), (90_061, "1d 1h 1m 1s")] {
            assert_eq!(format_duration(u64::from(seconds)), words);
            assert_eq!(parse_duration(&words.replace(' ', "")), Ok(seconds));
        }
    }

    #[test]
    fn lifetimes_are_durations() {
        for (text, seconds) in [
            ("3600", 3600),
            ("0", 0),
            ("45s", 45),
            ("90m", 5400),
            ("1h", 3600),
            ("1h30m", 5400),
            ("1d", 86_400),
            ("1d2h3m4s", 93_784),
            (" 2h ", 7200),
        ] {
            assert_eq!(parse_lifetime(text), Ok(seconds), "{text}");
        }
        for text in ["", "1x", "h", "1h30", "1.5h", "-1h", "1 h", "1H"] {
            assert!(parse_lifetime(text).unwrap_err().contains("not a duration"), "{text}");
        }
        assert!(parse_lifetime("4294967296").unwrap_err().contains("32 bits"));
        assert!(parse_lifetime("50000d").unwrap_err().contains("32-bit"));
        assert!(parse_lifetime("99999999999999999999d").unwrap_err().contains("not a duration"));
    }

    #[test]
    fn lifetimes_refuse_timestamps_at_the_core_threshold() {
        let below = clock::UNIX_TIMESTAMP_THRESHOLD - 1;
        assert_eq!(parse_lifetime(&below.to_string()), Ok(below));
        let error = parse_lifetime(&clock::UNIX_TIMESTAMP_THRESHOLD.to_string()).unwrap_err();
        assert!(error.contains("looks like an absolute Unix timestamp (2000-01-01T00:00:00Z)"), "{error}");
        assert!(error.contains("1h"), "{error}");
        let error = parse_lifetime("11000d").unwrap_err();
        assert!(error.contains("11000d is over 30 years"), "{error}");
    }

    #[test]
    fn expiries_take_timestamps_dates_and_offsets_from_now() {
        assert_eq!(parse_expiry("1764066022"), Ok(1_764_066_022));
        assert_eq!(parse_expiry("0"), Ok(0));
        assert_eq!(parse_expiry("never"), Ok(0));
        assert_eq!(parse_expiry("@3600"), Ok(3600));
        assert_eq!(parse_expiry("2025-11-25T10:20:22Z"), Ok(1_764_066_022));
        assert_eq!(parse_expiry("2025-11-25t10:20:22.999z"), Ok(1_764_066_022));
        assert_eq!(parse_expiry("2025-11-25 18:20:22+08:00"), Ok(1_764_066_022));
        assert_eq!(parse_expiry("2025-11-25T05:20:22-05:00"), Ok(1_764_066_022));
        assert_eq!(parse_expiry("1970-01-01T01:00:00Z"), Ok(3600));
        assert_eq!(parse_expiry("2000-02-29T00:00:00Z"), Ok(951_782_400));
        assert_eq!(parse_expiry("2106-02-07T06:28:15Z"), Ok(u32::MAX));
        let now = clock::now().unwrap();
        let in_an_hour = parse_expiry("+1h").unwrap();
        assert!((now + 3600..=now + 3602).contains(&in_an_hour), "{in_an_hour}");
        assert!((now..=now + 2).contains(&parse_expiry("now").unwrap()));
    }

    #[test]
    fn expiries_refuse_seconds_and_unreadable_dates() {
        let error = parse_expiry("3600").unwrap_err();
        assert!(error.contains("looks like a number of seconds"), "{error}");
        assert!(error.contains("+1h") && error.contains("@3600"), "{error}");
        for text in [
            "2025-11-25T10:20:22",
            "2025-11-25",
            "2025-02-29T00:00:00Z",
            "2025-13-01T00:00:00Z",
            "2025-11-25T24:00:00Z",
            "2025-11-25T10:20:22+8:00",
            "1969-12-31T23:59:59Z",
            "2106-02-07T06:28:16Z",
            "tomorrow",
            "",
        ] {
            assert!(parse_expiry(text).unwrap_err().contains("is not a time"), "{text}");
        }
        assert!(parse_expiry("4294967296").unwrap_err().contains("2106"));
        assert!(parse_expiry("+1764066022").unwrap_err().contains("absolute Unix timestamp"));
        assert!(parse_expiry("@x").unwrap_err().contains("after @"));
    }

    #[test]
    fn issue_times_take_any_unix_seconds() {
        assert_eq!(parse_time("1111111"), Ok(1_111_111));
        assert_eq!(parse_time("0"), Ok(0));
        assert!(parse_time("never").is_err());
        assert_eq!(parse_time("1970-01-13T20:38:31Z"), Ok(1_111_111));
    }
}
