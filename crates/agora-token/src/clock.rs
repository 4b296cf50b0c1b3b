//! Issue times, salts and the dates shown to people.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{Error, Result};

/// The largest salt drawn when none is given. Python, PHP, Node, Deno and Lua upstream
/// draw salts in `1..=99_999_999`; Go, Ruby and Rust use `1..=99_999_998`; we follow the majority.
pub const MAX_RANDOM_SALT: u32 = 99_999_999;

/// Expiries at or above this value (2000-01-01T00:00:00Z) are read as absolute Unix
/// timestamps by [`looks_like_unix_timestamp`]: as a lifetime they would be over 29 years.
pub const UNIX_TIMESTAMP_THRESHOLD: u32 = 946_684_800;

/// The current Unix time in seconds, as packed into tokens.
///
/// # Errors
/// [`Error::Clock`] if the clock is before 1970 or after 2106 (the end of u32 seconds).
pub fn now() -> Result<u32> {
    let elapsed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| Error::Clock { detail: "the system clock is set before 1970".to_owned() })?;
    u32::try_from(elapsed.as_secs())
        .map_err(|_| Error::Clock { detail: "the system clock is past 2106, beyond 32-bit Unix time".to_owned() })
}

/// A uniformly random salt in `1..=MAX_RANDOM_SALT`.
///
/// Drawn from a per-thread ChaCha12 stream seeded from the operating system and reseeded
/// every 65536 salts; a system call per token would cost a tenth of the token.
/// A process forked after drawing salts repeats its parent's next salts until it reseeds
/// (as with `rand`'s thread generator). The salt is public and need not be unique: equal
/// salts only make equal tokens for equal inputs in the same second.
///
/// # Errors
/// [`Error::Randomness`] if the operating system's random source fails.
pub fn random_salt() -> Result<u32> {
    // Rejection sampling keeps the distribution uniform: accept only draws below the
    // largest multiple of the range that fits in a u32.
    let range = u64::from(MAX_RANDOM_SALT);
    let limit = (1u64 << 32) / range * range;
    loop {
        let draw = u64::from(next_random_u32()?);
        if draw < limit {
            let offset = u32::try_from(draw % range)
                .map_err(|_| Error::Randomness { detail: "salt out of range".to_owned() })?;
            return Ok(offset + 1);
        }
    }
}

/// How many salts a thread draws before its generator is reseeded from the operating system.
const RESEED_INTERVAL: u32 = 1 << 16;

struct SaltStream {
    generator: rand_chacha::ChaCha12Rng,
    remaining: u32,
}

thread_local! {
    static SALT_STREAM: std::cell::RefCell<Option<SaltStream>> = const { std::cell::RefCell::new(None) };
}

fn next_random_u32() -> Result<u32> {
    use rand_core::{RngCore, SeedableRng};
    let draw = SALT_STREAM.try_with(|cell| -> Result<u32> {
        let mut slot =
            cell.try_borrow_mut().map_err(|_| Error::Randomness { detail: "salt stream in use".to_owned() })?;
        let fresh = match slot.as_ref() {
            Some(stream) => stream.remaining == 0,
            None => true,
        };
        if fresh {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(|e| Error::Randomness { detail: e.to_string() })?;
            *slot =
                Some(SaltStream { generator: rand_chacha::ChaCha12Rng::from_seed(seed), remaining: RESEED_INTERVAL });
        }
        match slot.as_mut() {
            Some(stream) => {
                stream.remaining -= 1;
                Ok(stream.generator.next_u32())
            }
            None => Err(Error::Randomness { detail: "salt stream missing".to_owned() }),
        }
    });
    match draw {
        Ok(result) => result,
        // During thread teardown: ask the operating system directly.
        Err(_) => getrandom::u32().map_err(|e| Error::Randomness { detail: e.to_string() }),
    }
}

/// Whether a value given as "seconds from now" is more likely an absolute Unix timestamp,
/// the mistake behind many "invalid token" reports (the token then lasts decades, or
/// the value wraps).
#[must_use]
pub fn looks_like_unix_timestamp(seconds: u32) -> bool {
    seconds >= UNIX_TIMESTAMP_THRESHOLD
}

/// Formats Unix seconds as an RFC 3339 UTC date, e.g. `2026-11-25T10:20:22Z`.
#[must_use]
pub(crate) fn format_utc(unix_seconds: u64) -> String {
    let days = unix_seconds / 86_400;
    let second_of_day = unix_seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    )
}

/// Gregorian (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, for non-negative day counts).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// A duration in words, e.g. `1h 30m`, for explanations.
#[must_use]
pub(crate) fn format_duration(seconds: u64) -> String {
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (hours, rest) = (rest / 3600, rest % 3600);
    let (minutes, secs) = (rest / 60, rest % 60);
    let parts: Vec<String> = [(days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    if parts.is_empty() {
        "0s".to_owned()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_format_as_rfc3339_utc() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(1_111_111), "1970-01-13T20:38:31Z");
        assert_eq!(format_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_utc(1_764_066_022), "2025-11-25T10:20:22Z");
        assert_eq!(format_utc(u64::from(u32::MAX)), "2106-02-07T06:28:15Z");
    }

    #[test]
    fn salts_stay_in_the_majority_range() {
        for _ in 0..1000 {
            let salt = random_salt().unwrap();
            assert!((1..=MAX_RANDOM_SALT).contains(&salt));
        }
    }

    #[test]
    fn salts_differ_across_threads_and_reseeds() {
        let here: Vec<u32> = (0..8).map(|_| random_salt().unwrap()).collect();
        let there: Vec<u32> = std::thread::spawn(|| (0..8).map(|_| random_salt().unwrap()).collect()).join().unwrap();
        assert_ne!(here, there);
        let many: std::collections::HashSet<u32> = (0..RESEED_INTERVAL + 10).map(|_| random_salt().unwrap()).collect();
        // 65546 draws from 1e8 values: a handful of collisions at most.
        assert!(many.len() > 65_500, "{}", many.len());
    }

    #[test]
    fn timestamp_heuristic() {
        assert!(!looks_like_unix_timestamp(86_400 * 365));
        assert!(looks_like_unix_timestamp(1_764_066_022));
        assert!(now().unwrap() > UNIX_TIMESTAMP_THRESHOLD);
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(0), "0s");
        assert_eq!(format_duration(5400), "1h 30m");
        assert_eq!(format_duration(90_061), "1d 1h 1m 1s");
    }
}
