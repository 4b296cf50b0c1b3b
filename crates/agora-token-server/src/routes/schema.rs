//! JSON Schemas of the values the routes read, each describing exactly what the parsing code
//! accepts (schemathesis checks the document both ways: every value the schema allows is
//! served, every value it refuses is refused). Regular expressions are ECMA-262 as OpenAPI
//! requires, so letter case is spelled out (`[Pp][Uu]...`) instead of a flag.

use serde_json::{json, Value};

/// Decimal text of 0..=4294967295, leading zeros allowed.
const U32_DIGITS: &str = "0*(?:[0-9]{1,9}|[1-3][0-9]{9}|4[01][0-9]{8}|42[0-8][0-9]{7}|429[0-3][0-9]{6}|4294[0-8][0-9]{5}|42949[0-5][0-9]{4}|429496[0-6][0-9]{3}|4294967[01][0-9]{2}|42949672[0-8][0-9]|429496729[0-5])";

/// Decimal text of 0..=2147483648 (the magnitude of a negative Java `int`), leading zeros allowed.
const I32_NEG_DIGITS: &str = "0*(?:[0-9]{1,9}|1[0-9]{9}|20[0-9]{8}|21[0-3][0-9]{7}|214[0-6][0-9]{6}|2147[0-3][0-9]{5}|21474[0-7][0-9]{4}|214748[0-2][0-9]{3}|2147483[0-5][0-9]{2}|21474836[0-3][0-9]|214748364[0-8])";

/// The role words of `RtcRole::from_str`, any ASCII letter case.
const ROLE_WORDS: [&str; 7] = ["publisher", "host", "broadcaster", "1", "subscriber", "audience", "2"];

fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn role_alternatives() -> String {
    ROLE_WORDS.iter().map(|w| any_case(w)).collect::<Vec<_>>().join("|")
}

/// A role as text (`RtcRole::from_str`: trimmed, any case).
#[must_use]
pub fn role_text() -> Value {
    json!({"type": "string", "pattern": format!("^\\s*(?:{})\\s*$", role_alternatives()),
        "description": "publisher | host | broadcaster | 1, or subscriber | audience | 2 (any letter case)"})
}

/// A role in JSON: the words of [`role_text`], or the numbers 1 (publisher) and 2 (subscriber).
#[must_use]
pub fn role_json() -> Value {
    json!({"anyOf": [role_text(), {"type": "integer", "enum": [1, 2]}]})
}

/// A numeric uid as text (`issue::parse_uid`): 0..=4294967295, or a negative Java `int`.
#[must_use]
pub fn uid_text() -> Value {
    json!({"type": "string", "pattern": format!("^\\s*(?:\\+?{U32_DIGITS}|-{I32_NEG_DIGITS})\\s*$"),
        "description": "0 to 4294967295 (0 = any user), or a negative 32-bit value as Android sends uids above 2^31"})
}

/// A numeric uid as a JSON number.
#[must_use]
pub fn uid_number() -> Value {
    json!({"type": "integer", "minimum": -2_147_483_648_i64, "maximum": 4_294_967_295_u64})
}

/// An RTC user as text (`StrOrNum::rtc_user`): digits are a uid (0..=4294967295), any
/// other text is an account.
#[must_use]
pub fn rtc_user_text() -> Value {
    json!({"anyOf": [
        {"type": "string", "pattern": format!("^\\s*{U32_DIGITS}\\s*$")},
        {"type": "string", "not": {"pattern": "^\\s*[0-9]+\\s*$"}},
    ]})
}

/// An RTC user in JSON (`StrOrNum::rtc_user`): a number is a uid, text as [`rtc_user_text`].
#[must_use]
pub fn rtc_user_json() -> Value {
    json!({"anyOf": [uid_number(), rtc_user_text()]})
}

/// Text that is empty or only white space (a query parameter read as absent).
#[must_use]
pub fn blank() -> Value {
    json!({"type": "string", "pattern": "^\\s*$"})
}

/// Any JSON value `StrOrNum` reads (text, or a 64-bit integer), for fields a request ignores.
#[must_use]
pub fn str_or_num() -> Value {
    json!({"anyOf": [{"type": "string"}, {"type": "integer", "minimum": i64::MIN, "maximum": i64::MAX}]})
}

/// Text containing something other than white space.
#[must_use]
pub fn non_blank() -> Value {
    json!({"type": "string", "pattern": "\\S"})
}

/// A lifetime in a JSON body (`lifetime_json`): seconds, 0 or absent = the default.
#[must_use]
pub fn json_seconds() -> Value {
    json!({"type": "integer", "minimum": 0, "maximum": i64::MAX,
        "description": "seconds from now; absent or 0 = the server default; capped at MAX_EXPIRY_SECS"})
}

/// A lifetime in a query parameter (`parse_seconds`): digits, or empty for the default.
#[must_use]
pub fn query_seconds() -> Value {
    json!({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^\\s*[0-9]*\\s*$"}],
        "description": "seconds from now; absent, empty or 0 = the server default; capped at MAX_EXPIRY_SECS"})
}

/// `schema`, or JSON `null` (an `Option` field reads `null` as absent).
#[must_use]
pub fn nullable(schema: Value) -> Value {
    json!({"anyOf": [schema, {"type": "null"}]})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(schema: &Value) -> regex::Regex {
        regex::Regex::new(schema["pattern"].as_str().unwrap()).unwrap()
    }

    #[test]
    fn uid_text_is_exactly_what_parse_uid_accepts() {
        let re = pattern(&uid_text());
        let mut samples: Vec<String> = [
            "0",
            "-0",
            "+0",
            "00",
            " 7 ",
            "4294967295",
            "4294967296",
            "00004294967295",
            "-2147483648",
            "-2147483649",
            "-0002147483648",
            "9999999999",
            "42949672950",
            "",
            " ",
            "abc",
            "1e3",
            "+-1",
            "--1",
            "+4294967295",
            "-4294967295",
            "18446744073709551616",
            "\u{a0}5",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for n in [0u64, 1, 9, 10, 99, 999_999_999, 1_000_000_000, 2_147_483_647, 2_147_483_648, 2_147_483_649] {
            for delta in [0u64, 1] {
                let v = n + delta;
                samples.push(v.to_string());
                samples.push(format!("-{v}"));
                samples.push(format!("0{v}"));
            }
        }
        for n in (4_294_967_290u64..=4_294_967_300).chain([3_999_999_999, 4_199_999_999, 4_289_999_999]) {
            samples.push(n.to_string());
        }
        for text in &samples {
            assert_eq!(re.is_match(text), crate::issue::parse_uid(text).is_ok(), "{text:?}");
        }
    }

    #[test]
    fn role_text_is_exactly_what_the_role_parser_accepts() {
        let re = pattern(&role_text());
        for text in [
            "publisher",
            "PUBLISHER",
            " Host ",
            "broadCaster",
            "1",
            "2",
            "Audience",
            "subscriber",
            "",
            "3",
            "pub",
            "publisherx",
            "admin",
            " 1 ",
        ] {
            assert_eq!(re.is_match(text), text.parse::<agora_token::RtcRole>().is_ok(), "{text:?}");
        }
    }
}
