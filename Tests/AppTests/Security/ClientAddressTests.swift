@testable import App
import Testing
import Vapor
import VaporTesting

@Suite struct ClientAddressTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let remote: String, forwarded: String, trusted: [String], expected: String
        var testDescription: String { "\(remote) via [\(forwarded)] trusting \(trusted) → \(expected)" }
    }

    static let cases: [Case] = [
        Case(remote: "10.0.0.9", forwarded: "1.2.3.4", trusted: [], expected: "10.0.0.9"),                      // header ignored
        Case(remote: "10.0.0.9", forwarded: "1.2.3.4", trusted: ["10.0.0.9"], expected: "1.2.3.4"),             // behind our proxy
        Case(remote: "10.0.0.9", forwarded: "6.6.6.6, 1.2.3.4", trusted: ["10.0.0.9"], expected: "1.2.3.4"),    // client-supplied entry ignored
        Case(remote: "10.0.0.9", forwarded: "1.2.3.4, 10.0.0.8", trusted: ["10.0.0.9", "10.0.0.8"], expected: "1.2.3.4"), // two proxies
        Case(remote: "5.5.5.5", forwarded: "1.2.3.4", trusted: ["10.0.0.9"], expected: "5.5.5.5"),              // spoofing ignored
        Case(remote: "10.0.0.9", forwarded: "", trusted: ["10.0.0.9"], expected: "10.0.0.9"),
    ]

    @Test(arguments: cases)
    func resolvesTheRealClient(_ c: Case) {
        #expect(ClientAddress.resolve(remote: c.remote, forwardedFor: c.forwarded, trusted: Set(c.trusted)) == c.expected)
    }

    @Test func behindATrustedProxyOneClientsGuessesDoNotLockOutAnother() async throws {
        // In memory there is no socket address: "unknown" stands for the proxy here.
        try await withApp(configure: { $0.trustedProxies = ["unknown"] }) { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            try await fx.person("lea@acme.test", in: org)
            try await fx.person("tom@acme.test", in: org)
            var attacker = Browser(app)
            for i in 0..<10 {
                // Different accounts, one client: the per-address limit is what stops this.
                try await attacker.send(.POST, "/sign-in", headers: Self.form(["X-Forwarded-For": "6.6.6.6"]),
                                        body: ByteBuffer(string: "email=nobody\(i)%40acme.test&password=guess&_csrf=\(try await Self.csrf(&attacker))"))
            }
            let blocked = try await attacker.send(.POST, "/sign-in", headers: Self.form(["X-Forwarded-For": "6.6.6.6"]),
                                                  body: ByteBuffer(string: "email=lea%40acme.test&password=x&_csrf=\(attacker.csrf!)"))
            #expect(blocked.status == .tooManyRequests)
            var colleague = Browser(app)
            let token = try await Self.csrf(&colleague)
            let fine = try await colleague.send(.POST, "/sign-in", headers: Self.form(["X-Forwarded-For": "1.2.3.4"]),
                                                body: ByteBuffer(string: "email=tom%40acme.test&password=\(Fixtures.password.replacingOccurrences(of: " ", with: "+"))&_csrf=\(token)"))
            #expect(fine.status == .seeOther)
        }
    }

    static func form(_ extra: [String: String]) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        for (name, value) in extra { headers.add(name: name, value: value) }
        return headers
    }

    static func csrf(_ browser: inout Browser) async throws -> String {
        if browser.csrf == nil { try await browser.get("/sign-in") }
        return browser.csrf!
    }
}
