@testable import App
import Fluent
import Testing
import VaporTesting

@Suite struct DemoTests {
    @Test func theDemoCompanyIsLoadedOnceWithItsAccounts() async throws {
        try await withApp(configure: { $0.demo = true }) { app in
            #expect(try await PersonRecord.query(on: app.db).count() == 16)
            #expect(try await CohortMemberRecord.query(on: app.db).filter(\.$role == "learner").count() == 12)
            try await DemoSeed.load(on: app)
            #expect(try await OrganizationRecord.query(on: app.db).count() == 1)
            var browser = Browser(app)
            let signIn = try await browser.post("/sign-in", ["email": "learner01@northwind.test", "password": DemoSeed.password])
            #expect(signIn.status == .seeOther)
            let home = try await browser.get("/")
            #expect(home.text.contains("My trainings"))
            #expect(home.text.contains("Escalations — Autumn cohort"))
            #expect(home.text.contains("Running"))
        }
    }
}
