@testable import App
import Fluent
import Testing
import VaporTesting

@Suite struct ProfileTests {
    @Test func theNameChangesFreelyButTheAddressTakesThePassword() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let lea = try await fx.person("lea@acme.test", name: "Lea", in: org)
            try await fx.person("tom@acme.test", in: org)
            var browser = try await fx.signedIn(lea)
            #expect(try await browser.post("/profile", ["name": "Lea L.", "email": "lea@acme.test"]).status == .seeOther)
            let noPassword = try await browser.post("/profile", ["name": "Lea L.", "email": "lea@elsewhere.test"])
            #expect(noPassword.status == .unprocessableEntity)
            #expect(noPassword.text.contains("Current password is not valid."))
            let taken = try await browser.post("/profile", ["name": "Lea L.", "email": "tom@acme.test", "current_password": Fixtures.password])
            #expect(taken.status == .unprocessableEntity)
            #expect(try await PersonRecord.find(lea.id, on: app.db)?.email == "lea@acme.test")
            let moved = try await browser.post("/profile", ["name": "Lea L.", "email": "Lea@Elsewhere.test", "current_password": Fixtures.password])
            #expect(moved.status == .seeOther)
            let saved = try #require(try await PersonRecord.find(lea.id, on: app.db))
            #expect(saved.name == "Lea L.")
            #expect(saved.email == "lea@elsewhere.test")
        }
    }

    @Test func guessingTheCurrentPasswordIsThrottledLikeSignIn() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let lea = try await fx.person("lea@acme.test", in: org)
            var browser = try await fx.signedIn(lea)
            let guess = ["current_password": "guess guess", "password": "a brand new password", "password_confirmation": "a brand new password"]
            for _ in 0..<10 { #expect(try await browser.post("/profile/password", guess).status == .unprocessableEntity) }
            var right = guess
            right["current_password"] = Fixtures.password
            let locked = try await browser.post("/profile/password", right)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers.first(name: .retryAfter) != nil)
            var fresh = Browser(app)
            #expect(try await fresh.post("/sign-in", ["email": "lea@acme.test", "password": Fixtures.password]).status == .tooManyRequests)
        }
    }
}
