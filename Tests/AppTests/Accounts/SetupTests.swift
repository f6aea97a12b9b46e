@testable import App
import Fluent
import Testing
import VaporTesting

@Suite struct SetupTests {
    @Test func emptyDatabaseSendsEveryoneToSetup() async throws {
        try await withApp { app in
            var browser = Browser(app)
            #expect(try await browser.get("/").location == "/setup")
            #expect(try await browser.get("/sign-in").location == "/setup")
            let page = try await browser.get("/setup")
            #expect(page.status == .ok)
            #expect(page.text.contains("Set up Atelier"))
            #expect(page.text.contains("<label for=\"organization_name\">Organization name</label>"))
        }
    }

    @Test func badInputShowsEveryProblemAndCreatesNothing() async throws {
        try await withApp { app in
            var browser = Browser(app)
            let response = try await browser.post("/setup", ["organization_name": "", "name": "Ada", "email": "not-an-email", "password": "short"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Organization name is required."))
            #expect(response.text.contains("Enter an e-mail address like name@example.com."))
            #expect(response.text.contains("Use at least 10 characters."))
            #expect(response.text.contains("value=\"Ada\""))
            #expect(try await OrganizationRecord.query(on: app.db).count() == 0)
            #expect(try await PersonRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func setupCreatesTheOrganizationAndSignsTheAdminIn() async throws {
        try await withApp { app in
            var browser = Browser(app)
            let response = try await browser.post("/setup", ["organization_name": "Acme Corp", "name": "Ada Admin",
                                                              "email": "Ada@Example.com", "password": "a long password"])
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("Hello, Ada Admin"))
            #expect(home.text.contains("Welcome! Acme Corp is ready."))
            let person = try #require(try await PersonRecord.query(on: app.db).first())
            #expect(person.email == "ada@example.com")
            #expect(person.passwordHash.hasPrefix("$2"))
            let membership = try #require(try await MembershipRecord.query(on: app.db).first())
            #expect(membership.roles == [.admin])
            // Setup happens once.
            #expect(try await browser.post("/setup", ["organization_name": "Other", "name": "Eve", "email": "eve@example.com",
                                                      "password": "another long one"]).status == .notFound)
            #expect(try await OrganizationRecord.query(on: app.db).count() == 1)
        }
    }
}
