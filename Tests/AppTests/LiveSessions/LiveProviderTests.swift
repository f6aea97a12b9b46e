@testable import App
import Domain
import Fluent
import Foundation
import JWTKit
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@Suite struct LiveProviderTests {
    /// Python's hashlib, run here: an implementation of SHA-1 that owes nothing to ours.
    private func pythonSHA1(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import hashlib, sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())", text]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static let jitsiSecret = "a-shared-secret-of-32-characters-at-least"

    private static let session = LiveSession(
        id: .init(UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!), cohortID: .init(UUID()), activityID: nil,
        title: "Clinic: été, 50% & more", agenda: "", start: Date(timeIntervalSince1970: 1_796_302_800), durationMinutes: 90,
        timeZone: "Europe/Paris", provider: .bigBlueButton, hosts: [])

    @Test func bigBlueButtonCallsCarryTheChecksumPythonComputes() throws {
        let server = BigBlueButton(url: HTTPSLink("https://bbb.example.com/bigbluebutton")!, secret: "639259d4-9dd8-4b25-bf01-95f9567eaf4b")
        #expect(BigBlueButton.checksum(call: "create", query: "name=Test+Meeting&meetingID=abc123", secret: server.secret)
            == (try pythonSHA1("createname=Test+Meeting&meetingID=abc123" + server.secret)))
        for url in [server.createURL(Self.session, returnTo: "https://learn.example.com/x?y=1"),
                    server.joinURL(Self.session, name: "Léa O'Brien", person: .init(UUID()), moderator: true)] {
            #expect(url.hasPrefix("https://bbb.example.com/bigbluebutton/api/"))
            let call = String(url.dropFirst("https://bbb.example.com/bigbluebutton/api/".count).prefix { $0 != "?" })
            let query = String(url[url.index(after: url.firstIndex(of: "?")!)...])
            let (parameters, checksum) = (String(query[..<query.range(of: "&checksum=")!.lowerBound]),
                                          String(query[query.range(of: "&checksum=")!.upperBound...]))
            #expect(checksum == (try pythonSHA1(call + parameters + server.secret)), "\(call)")
            #expect(!parameters.contains(" ") && !parameters.contains("é"), "values are percent-encoded")
        }
        let join = server.joinURL(Self.session, name: "Tom", person: .init(UUID()), moderator: true)
        #expect(join.contains("password=" + server.password(Self.session, moderator: true)))
        #expect(server.password(Self.session, moderator: true) != server.password(Self.session, moderator: false))
        #expect(server.createURL(Self.session, returnTo: "x").contains("name=Clinic%3A%20%C3%A9t%C3%A9%2C%2050%25%20%26%20more"))
    }

    @Test func jitsiLinksCarryASignedTokenWhenTheServerWantsOne() async throws {
        let plain = Jitsi(base: HTTPSLink("https://meet.example.com")!, appID: nil, secret: nil)
        let person = Person.ID(UUID())
        #expect(try await plain.url(Self.session, name: "Lea", person: person, moderator: false, now: Date())
            == "https://meet.example.com/Atelier-6f9619ff8b86d011b42d00c04fc964ff#userInfo.displayName=%22Lea%22")
        let signed = Jitsi(base: HTTPSLink("https://meet.example.com")!, appID: "atelier", secret: Self.jitsiSecret)
        let now = Self.session.start.addingTimeInterval(-600)
        let url = try await signed.url(Self.session, name: "Tom", person: person, moderator: true, now: now)
        let token = try #require(url.components(separatedBy: "?jwt=").last)
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: Self.jitsiSecret), digestAlgorithm: .sha256)
        // Verified as the Jitsi server would: its signature with the shared secret.
        let claims = try await keys.verify(token, as: Jitsi.Claims.self)
        #expect(claims.room == "Atelier-6f9619ff8b86d011b42d00c04fc964ff")
        #expect(claims.iss.value == "atelier")
        #expect(claims.aud.value == ["jitsi"])
        #expect(claims.context.user.name == "Tom")
        #expect(claims.moderator)
        #expect(claims.exp.value == Self.session.end.addingTimeInterval(3600))
        let other = JWTKeyCollection()
        await other.add(hmac: HMACKey(from: String(Self.jitsiSecret.reversed())), digestAlgorithm: .sha256)
        await #expect(throws: (any Error).self) { _ = try await other.verify(token, as: Jitsi.Claims.self) }
    }

    @Test func joiningABigBlueButtonClassCreatesTheMeetingThenSendsTheLearnerAsAViewer() async throws {
        // The BBB server's create call, answered here after checking its checksum.
        let calls = NIOLockedValueBox<[String]>([])
        try await withRunningApp(prepare: { app in app.get("bigbluebutton", "api", "create") { req -> String in
                let parts = (req.url.query ?? "").components(separatedBy: "&checksum=")
                guard parts.count == 2, parts[1] == BigBlueButton.checksum(call: "create", query: parts[0], secret: "bbb-secret") else {
                    return "<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey></response>"
                }
                calls.withLockedValue { $0.append(parts[0]) }
                return "<response><returncode>SUCCESS</returncode></response>"
            }
        }) { app, port in
            let server = BigBlueButton(base: "http://127.0.0.1:\(port)/bigbluebutton", secret: "bbb-secret")
            app.atelierConfig.bigBlueButton = server
            let c = try await LiveClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            #expect(try await tom.get(c.base + "/new").text.contains("value=\"bigbluebutton\""))
            let response = try await tom.post(c.base, c.form(title: "BBB", start: LiveClass.inMinutes(5), extra: ["provider": "bigbluebutton"]))
            #expect(response.status == .seeOther)
            let record = try #require(try await LiveSessionRecord.query(on: app.db).filter(\.$title == "BBB").first())
            let page = c.base + "/\(record.id!.lowercasedText)"
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            let join = try #require(try await lea.get(page + "/join").location)
            #expect(calls.withLockedValue { $0.count } == 1)
            #expect(calls.withLockedValue { $0.first?.contains("meetingID=atelier-\(record.id!.lowercasedText)") } == true)
            #expect(join == server.joinURL(record.domain(), name: "Lea", person: .init(c.lea.id!), moderator: false))
            #expect(join.contains("password=" + server.password(record.domain(), moderator: false)))
            #expect(try await LivePresenceRecord.query(on: app.db).count() == 1)
            // Tom hosts: he joins as a moderator.
            let host = try #require(try await tom.get(page + "/join").location)
            #expect(host.contains("password=" + server.password(record.domain(), moderator: true)))
            // A server that refuses (a wrong secret) sends the learner back with the reason.
            app.atelierConfig.bigBlueButton = BigBlueButton(base: server.base, secret: "wrong")
            let refused = try await lea.get(page + "/join")
            #expect(refused.location == page)
            #expect(try await LivePresenceRecord.query(on: app.db).count() == 2)
        }
    }
}
