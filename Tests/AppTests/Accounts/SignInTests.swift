@testable import App
import Fluent
import Testing
import VaporTesting

@Suite struct SignInTests {
    @Test func wrongPasswordAndUnknownAddressGetTheSameAnswer() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            try await fx.person("lea@acme.test", in: org)
            var browser = Browser(app)
            let wrong = try await browser.post("/sign-in", ["email": "lea@acme.test", "password": "nope nope nope"])
            let unknown = try await browser.post("/sign-in", ["email": "nobody@acme.test", "password": "nope nope nope"])
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.text.contains("Email or password is incorrect."))
            #expect(unknown.text.contains("Email or password is incorrect."))
            #expect(browser.cookies[SessionAuthenticator.cookieName] == nil)
        }
    }

    @Test func signInSetsASafeSessionCookieAndSignOutEndsIt() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            try await fx.person("lea@acme.test", name: "Lea", in: org)
            var browser = Browser(app)
            let response = try await browser.post("/sign-in", ["email": " LEA@acme.test ", "password": Fixtures.password])
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("atelier_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            #expect(try await browser.get("/").text.contains("Hello, Lea"))
            #expect(try await SessionRecord.query(on: app.db).count() == 1)
            let out = try await browser.post("/sign-out", [:])
            #expect(out.location == "/sign-in")
            #expect(try await SessionRecord.query(on: app.db).count() == 0)
            #expect(try await browser.get("/").location == "/sign-in")
        }
    }

    @Test func sessionCookieIsSecureBehindHTTPS() async throws {
        try await withApp(configure: { $0.publicURL = "https://learn.acme.test" }) { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            try await fx.person("lea@acme.test", in: org)
            var browser = Browser(app)
            let response = try await browser.post("/sign-in", ["email": "lea@acme.test", "password": Fixtures.password])
            #expect(response.headers[.setCookie].contains { $0.hasPrefix("atelier_session=") && $0.contains("Secure") })
        }
    }

    @Test func tenFailuresLockTheAccountForAWhile() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            try await fx.person("lea@acme.test", in: org)
            var browser = Browser(app)
            for _ in 0..<10 {
                #expect(try await browser.post("/sign-in", ["email": "lea@acme.test", "password": "guess guess"]).status == .unauthorized)
            }
            let locked = try await browser.post("/sign-in", ["email": "lea@acme.test", "password": Fixtures.password])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("Try again in 15 minutes"))
            #expect(Int(locked.headers.first(name: .retryAfter) ?? "") ?? 0 > 800)
            #expect(browser.cookies[SessionAuthenticator.cookieName] == nil)
        }
    }

    /// Lea has an account; a browser shows the sign-in page (and holds its CSRF cookie).
    static func leaOnTheSignInPage(_ app: Application) async throws -> Browser {
        let fx = Fixtures(app: app)
        try await fx.person("lea@acme.test", in: try await fx.organization())
        var browser = Browser(app)
        try await browser.get("/sign-in")
        return browser
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await withApp { app in
            var browser = try await Self.leaOnTheSignInPage(app)
            let response = try await browser.post("/sign-in", ["email": "lea@acme.test", "password": Fixtures.password], csrf: false)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("This form has expired"))
            let forged = try await browser.post("/sign-in", ["email": "lea@acme.test", "password": Fixtures.password, "_csrf": String(repeating: "x", count: 43)], csrf: false)
            #expect(forged.status == .forbidden)
        }
    }

    @Test func theTokenIsReadFromAPlainFormWithACharsetAndOnlyFromAPlainForm() async throws {
        try await withApp { app in
            var browser = try await Self.leaOnTheSignInPage(app)
            let token = try #require(browser.csrf)
            let body = "email=lea%40acme.test&password=\(Browser.encode(Fixtures.password))&_csrf=\(Browser.encode(token))&_csrf=second"
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "*/*")
            #expect(try await browser.send(.POST, "/sign-in", headers: headers, body: ByteBuffer(string: body)).status == .forbidden,
                    "not a plain form: not read as one")
            headers.replaceOrAdd(name: .contentType, value: "application/x-www-form-urlencoded; charset=UTF-8")
            let signedIn = try await browser.send(.POST, "/sign-in", headers: headers, body: ByteBuffer(string: body))
            #expect(signedIn.status == .seeOther, "the first _csrf, percent-decoded")
        }
    }
}

