// iOS: get an RTC token for joining a channel.
//
// In production the app asks a token server (the app certificate never ships in an app):
//   GET {serverURL}/rtc/{channel}/publisher/uid/{uid}/?expiry=3600  ->  {"rtcToken": "007..."}
// For SwiftUI previews, tests and local development, `makeTestRtcToken` builds the token on
// the device with the Rust library (the AgoraToken package, bindings/uniffi/swift).
import AgoraToken
import Foundation

struct TokenProvider {
    let serverURL: URL

    private struct RtcTokenResponse: Decodable {
        let rtcToken: String
    }

    /// Fetches a publisher token for `channel` and `uid` (0 lets the token admit any uid).
    func fetchRtcToken(channel: String, uid: UInt32, expirySeconds: Int = 3600) async throws -> String {
        var components = URLComponents(url: serverURL, resolvingAgainstBaseURL: false)!
        components.path += "/rtc/\(channel)/publisher/uid/\(uid)/"
        components.queryItems = [URLQueryItem(name: "expiry", value: String(expirySeconds))]
        var request = URLRequest(url: components.url!)
        request.timeoutInterval = 10
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse, (200..<300).contains(http.statusCode) else {
            throw URLError(.badServerResponse)
        }
        return try JSONDecoder().decode(RtcTokenResponse.self, from: data).rtcToken
    }
}

/// Builds a publisher token locally, for previews, tests and debug builds only (read the
/// certificate from a debug-only configuration, never from the shipped bundle).
/// Throws `AgoraTokenError` (e.g. `.InvalidAppCertificate(message:)`) saying what to fix.
func makeTestRtcToken(appId: String, appCertificate: String, channel: String, uid: UInt32) throws -> String {
    let credentials = try Credentials(appId: appId, appCertificate: appCertificate)
    let token = try buildRtcToken(
        credentials: credentials,
        channelName: channel,
        user: .uid(uid: uid),
        role: .publisher,
        tokenExpire: 3600,
        privilegeExpire: 3600
    )
    // Can this uid join and publish with it now? `report` explains why not.
    let explanation = try explain(token: token, channelName: channel, user: .uid(uid: uid))
    guard let access = explanation.access, access.canJoin, access.canPublishAudio else {
        throw NSError(domain: "TokenProvider", code: 1, userInfo: [NSLocalizedDescriptionKey: explanation.report])
    }
    return token
}

/// A reproducible token (fixed issue time and salt) for a unit test: the upstream
/// conformance vector at2-rtc-uid-join.
func reproducibleTestToken() throws -> String {
    let credentials = try Credentials(
        appId: "970CA35de60c44645bbae8a215061b33", appCertificate: "5CFd2fd1755d40ecb72977518be15d3b")
    return try buildRtcToken(
        credentials: credentials, channelName: "7d72365eb983485397e3e3f9d460bdda", user: .uid(uid: 2_882_341_273),
        role: .subscriber, tokenExpire: 600, privilegeExpire: 600, issuedAt: 1_111_111, salt: 1)
}
