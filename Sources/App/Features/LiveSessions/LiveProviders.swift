import Crypto
import Domain
import Foundation
import JWTKit
import Routes
import Vapor

/// The company's BigBlueButton server: meetings created and joined through its API, each call
/// signed by BBB's checksum rule, SHA-1 of the call's name, its query string and the shared
/// secret (`ATELIER_BBB_URL`, `ATELIER_BBB_SECRET`). Hosts join as moderators.
struct BigBlueButton: Sendable {
    /// The API's base, ending in `/`: `https://bbb.example.com/bigbluebutton/`.
    let base: String
    let secret: String

    init(url: HTTPSLink, secret: String) {
        self.init(base: url.text, secret: secret)
    }

    /// Any base, for tests that answer the API themselves over plain http.
    init(base: String, secret: String) {
        self.base = base.hasSuffix("/") ? base : base + "/"
        self.secret = secret
    }

    var host: String { URL(string: base)?.host ?? base }

    /// BBB's checksum: hex SHA-1 of `call + query + secret`.
    static func checksum(call: String, query: String, secret: String) -> String {
        Insecure.SHA1.hash(data: Data((call + query + secret).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Parameters as BBB reads them: names and values percent-encoded (unreserved characters kept),
    /// in the order given. The checksum covers exactly this text.
    static func query(_ parameters: [(String, String)]) -> String { SiteRoute.query(parameters) }

    func url(_ call: String, _ parameters: [(String, String)]) -> String {
        let query = Self.query(parameters)
        return base + "api/" + call + "?" + query + "&checksum=" + Self.checksum(call: call, query: query, secret: secret)
    }

    /// The meeting's passwords, derived from the secret: the same for every call about one
    /// session (so creating it again is harmless), unknown to anyone without the secret.
    func password(_ session: LiveSession, moderator: Bool) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(moderator ? "moderator" : "attendee"):\(session.id)".utf8), using: key)
        return Data(code).prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    /// `create`: BBB answers with the existing meeting when it runs already.
    func createURL(_ session: LiveSession, returnTo page: String) -> String {
        url("create", [("name", session.title), ("meetingID", meetingID(session)),
                       ("attendeePW", password(session, moderator: false)), ("moderatorPW", password(session, moderator: true)),
                       ("duration", String(session.durationMinutes + 15)), ("logoutURL", page), ("record", "false")])
    }

    func joinURL(_ session: LiveSession, name: String, person: Person.ID, moderator: Bool) -> String {
        url("join", [("fullName", name), ("meetingID", meetingID(session)), ("password", password(session, moderator: moderator)),
                     ("userID", person.description), ("redirect", "true")])
    }

    func meetingID(_ session: LiveSession) -> String { "atelier-\(session.id)" }

    /// Creates the meeting (or finds it running); false when the server said no or did not answer.
    func create(_ session: LiveSession, returnTo page: String, client: any Client) async -> Bool {
        guard let response = try? await client.get(URI(string: createURL(session, returnTo: page))),
              response.status == .ok, let body = response.body.map({ String(buffer: $0) }) else { return false }
        return body.contains("<returncode>SUCCESS</returncode>")
    }
}

/// The company's Jitsi server. With `ATELIER_JITSI_APP_ID` and `ATELIER_JITSI_SECRET` (a server
/// with token authentication), each person's link carries a signed JWT (HS256): the room, their
/// name, moderator for hosts, valid until an hour after the session's end.
struct Jitsi: Sendable {
    let base: HTTPSLink
    let appID: String?
    let secret: String?

    /// HS256 wants a key at least as long as its hash (32 bytes).
    static let minimumSecretBytes = 32

    struct Claims: JWTPayload {
        struct Context: Codable, Sendable {
            struct User: Codable, Sendable {
                let name: String
                let id: String
                let moderator: Bool
            }
            let user: User
        }
        let aud: AudienceClaim
        let iss: IssuerClaim
        let sub: SubjectClaim
        let room: String
        let exp: ExpirationClaim
        let nbf: NotBeforeClaim
        let context: Context
        let moderator: Bool

        func verify(using algorithm: some JWTAlgorithm) throws {
            try exp.verifyNotExpired()
        }
    }

    func room(_ session: LiveSession) -> String {
        "Atelier-" + session.id.description.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// The room's address for one person; with a token when the server wants one.
    func url(_ session: LiveSession, name: String, person: Person.ID, moderator: Bool, now: Date) async throws -> String {
        let address = base.text + "/" + room(session)
        guard let appID, let secret, secret.utf8.count >= Self.minimumSecretBytes else {
            // Without a token, Jitsi still takes the name to show from the address's fragment.
            let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "'") + "\""
            return address + "#userInfo.displayName=" + SiteRoute.percentEncoded(quoted)
        }
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        let claims = Claims(aud: "jitsi", iss: .init(value: appID), sub: .init(value: base.url.host ?? "*"), room: room(session),
                            exp: .init(value: session.end.addingTimeInterval(3600)), nbf: .init(value: now.addingTimeInterval(-60)),
                            context: .init(user: .init(name: name, id: person.description, moderator: moderator)), moderator: moderator)
        return address + "?jwt=" + (try await keys.sign(claims))
    }
}
