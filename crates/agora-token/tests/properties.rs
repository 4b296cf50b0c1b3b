//! Property tests: build → decode → verify round-trips for every service type, and the
//! decoder never panics on arbitrary input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

use agora_token::legacy::access_token::{AccessToken, Role006, UnverifiedAccessToken};
use agora_token::{
    decode, AccessToken2, ApaasPrivilege, ApaasService, AppCertificate, ChatPrivilege, ChatService, ConvoAiService,
    Credentials, Error, FcdnPrivilege, FcdnService, FpaPrivilege, FpaService, RtcService, Rtm2PermissionType,
    Rtm2Permissions, Rtm2Privilege, Rtm2ResourceType, Rtm2Service, RtmPrivilege, RtmService, Service,
    StreamingPrivilege, StreamingService, SttService, UnverifiedToken, User,
};
use proptest::prelude::*;

fn hex32() -> impl Strategy<Value = String> {
    "[0-9a-fA-F]{32}"
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z0-9_-]{0,24}", ".{0,12}", Just(String::new()), Just("*".to_owned())]
}

fn user() -> impl Strategy<Value = User> {
    prop_oneof![any::<u32>().prop_map(User::Uid), text().prop_map(User::Account)]
}

fn expiry() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), 1u32..=86_400, any::<u32>()]
}

fn service() -> impl Strategy<Value = Service> {
    let rtc = (text(), user(), proptest::collection::vec((1u16..=4, expiry()), 0..5)).prop_map(
        |(channel, user, privileges)| {
            let mut rtc = RtcService::new(channel, user);
            for (code, expire) in privileges {
                rtc.privileges.set_code(code, expire).unwrap();
            }
            Service::Rtc(rtc)
        },
    );
    let rtm = (text(), expiry()).prop_map(|(id, e)| RtmService::new(id).with_privilege(RtmPrivilege::Login, e).into());
    let streaming = (text(), user(), expiry()).prop_map(|(c, u, e)| {
        StreamingService::new(c, u).with_privilege(StreamingPrivilege::PublishRawStream, e).into()
    });
    let fpa = expiry().prop_map(|e| FpaService::new().with_privilege(FpaPrivilege::Login, e).into());
    let chat =
        (text(), expiry()).prop_map(|(id, e)| ChatService::new(id).with_privilege(ChatPrivilege::User, e).into());
    let fcdn = (text(), user(), expiry()).prop_map(|(c, u, e)| {
        FcdnService::new(c, u).with_privilege(FcdnPrivilege::Play, e).with_privilege(FcdnPrivilege::Publish, e).into()
    });
    let apaas = (text(), text(), any::<i16>(), expiry()).prop_map(|(room, user, role, e)| {
        ApaasService::new(room, user, role).with_privilege(ApaasPrivilege::RoomUser, e).into()
    });
    let rtm2 = (
        text(),
        proptest::collection::vec((0u16..=4, 0u16..=1, proptest::collection::vec(text(), 0..4)), 0..4),
        expiry(),
    )
        .prop_map(|(id, entries, e)| {
            let mut permissions = Rtm2Permissions::new();
            for (resource, permission, list) in entries {
                permissions.add(
                    Rtm2ResourceType::from_code(resource).unwrap(),
                    Rtm2PermissionType::from_code(permission).unwrap(),
                    list,
                );
            }
            Rtm2Service::new(id, permissions).with_privilege(Rtm2Privilege::Login, e).into()
        });
    prop_oneof![
        rtc,
        rtm,
        streaming,
        fpa,
        chat,
        fcdn,
        apaas,
        rtm2,
        Just(Service::ConvoAi(ConvoAiService::new())),
        Just(Service::Stt(SttService::new()))
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn build_decode_verify_round_trip(
        app_id in hex32(),
        certificate in hex32(),
        other_certificate in hex32(),
        issued_at in any::<u32>(),
        salt in any::<u32>(),
        expire in expiry(),
        services in proptest::collection::vec(service(), 1..6),
    ) {
        let creds = Credentials::new(&app_id, &certificate).unwrap();
        let mut builder = AccessToken2::new(expire);
        builder.issued(issued_at, salt);
        for s in &services {
            builder.service(s.clone());
        }
        let token = builder.build(&creds).unwrap();
        let payload = decode(&token, creds.certificate()).unwrap().into_payload();
        prop_assert_eq!(payload.app_id(), app_id.as_str());
        prop_assert_eq!((payload.issued_at(), payload.salt(), payload.expire()), (issued_at, salt, expire));
        // Packed order: by service type, stable for repeats.
        let mut expected = services.clone();
        expected.sort_by_key(Service::service_type);
        prop_assert_eq!(payload.services(), expected.as_slice());
        // Any other certificate fails (unless it is the same text).
        if other_certificate != certificate {
            let other = AppCertificate::new(other_certificate).unwrap();
            prop_assert_eq!(decode(&token, &other).unwrap_err(), Error::SignatureMismatch);
        }
        // Building again with the same inputs gives the same string.
        prop_assert_eq!(builder.build(&creds).unwrap(), token);
    }

    #[test]
    fn legacy_006_round_trip(
        app_id in hex32(),
        certificate in hex32(),
        channel in text(),
        user in user(),
        expire_ts in any::<u32>(),
        salt in any::<u32>(),
    ) {
        let creds = Credentials::new(&app_id, &certificate).unwrap();
        let token = AccessToken::rtc(channel.clone(), user.clone(), Role006::Publisher, expire_ts).expires_at(expire_ts).issued(None, salt).build(&creds).unwrap();
        let parsed = UnverifiedAccessToken::parse(&token).unwrap();
        prop_assert_eq!(parsed.app_id(), app_id.as_str());
        prop_assert_eq!(parsed.salt(), salt);
        prop_assert!(parsed.matches_channel(&channel));
        prop_assert!(parsed.check_signature(creds.certificate(), &channel, &user).is_ok());
    }

    #[test]
    fn decoders_never_panic_on_arbitrary_text(token in ".{0,400}") {
        let _ = UnverifiedToken::parse(&token);
        let _ = UnverifiedAccessToken::parse(&token);
        let _ = agora_token::explain(&token, &agora_token::ExplainOptions { now: Some(0), ..Default::default() });
    }

    #[test]
    fn decoder_never_panics_on_arbitrary_payloads(payload in proptest::collection::vec(any::<u8>(), 0..300)) {
        use base64::Engine;
        let mut compressed = Vec::new();
        {
            use std::io::Write;
            let mut encoder = flate2::write::ZlibEncoder::new(&mut compressed, flate2::Compression::new(6));
            encoder.write_all(&payload).unwrap();
            encoder.finish().unwrap();
        }
        let token = format!("007{}", base64::engine::general_purpose::STANDARD.encode(&compressed));
        let _ = UnverifiedToken::parse(&token);
    }

    #[test]
    fn truncated_tokens_are_errors_not_panics(cut in 4usize..200) {
        let creds = Credentials::new("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b").unwrap();
        let token = AccessToken2::new(600).issued(1, 1).rtc("channel", 1, agora_token::RtcRole::Publisher, 600).build(&creds).unwrap();
        if cut < token.len() {
            prop_assert!(UnverifiedToken::parse(&token[..cut]).is_err());
        }
    }
}

#[test]
fn unknown_service_type_stops_decoding_but_keeps_earlier_services() {
    use base64::Engine;
    use std::io::{Read, Write};
    let creds = Credentials::new("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b").unwrap();
    let token =
        AccessToken2::new(600).issued(1, 1).rtc("c", 1, agora_token::RtcRole::Publisher, 600).build(&creds).unwrap();
    // Append an unknown service (type 999, empty privileges) and bump the count, then
    // re-sign as upstream tests do.
    let compressed = base64::engine::general_purpose::STANDARD.decode(&token[3..]).unwrap();
    let mut content = Vec::new();
    flate2::read::ZlibDecoder::new(&compressed[..]).read_to_end(&mut content).unwrap();
    let mut info = content[34..].to_vec();
    let count_at = 2 + 32 + 4 + 4 + 4;
    info[count_at] += 1;
    info.extend_from_slice(&999u16.to_le_bytes());
    info.extend_from_slice(&0u16.to_le_bytes());
    let key = {
        use hmac::{Hmac, Mac};
        let mut m = Hmac::<sha2::Sha256>::new_from_slice(&1u32.to_le_bytes()).unwrap();
        m.update(b"5CFd2fd1755d40ecb72977518be15d3b");
        let k1 = m.finalize().into_bytes();
        let mut m = Hmac::<sha2::Sha256>::new_from_slice(&1u32.to_le_bytes()).unwrap();
        m.update(&k1);
        m.finalize().into_bytes()
    };
    let signature = {
        use hmac::{Hmac, Mac};
        let mut m = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
        m.update(&info);
        m.finalize().into_bytes()
    };
    let mut new_content = vec![32, 0];
    new_content.extend_from_slice(&signature);
    new_content.extend_from_slice(&info);
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&new_content).unwrap();
    let new_token = format!("007{}", base64::engine::general_purpose::STANDARD.encode(encoder.finish().unwrap()));

    let payload = decode(&new_token, creds.certificate()).unwrap().into_payload();
    assert_eq!(payload.services().len(), 1);
    assert_eq!(payload.unknown_service_type(), Some(999));
}
