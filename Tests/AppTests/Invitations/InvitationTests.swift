@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite struct InvitationTests {
    /// The path of the first invitation link in `text`.
    static func invitationPath(in text: String) throws -> String {
        let range = try #require(text.range(of: #"/invitations/[A-Za-z0-9_-]{20,}"#, options: .regularExpression))
        return String(text[range])
    }

    @Test func anInvitationIsMailedAcceptedAndEnrollsTheLearner() async throws {
        let mailer = RecordingMailer()
        try await withApp(mailer: mailer) { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization("Acme")
            let admin = try await fx.person("admin@acme.test", name: "Ada", in: org, roles: [.admin])
            let cohort = try await fx.cohort(in: org, name: "Spring 2027")
            var adminBrowser = try await fx.signedIn(admin)
            let response = try await adminBrowser.post("/orgs/\(org.id!.uuidString)/invitations",
                                                       ["name": "Lea Learner", "email": "lea@acme.test", "role": "learner",
                                                        "cohort_id": cohort.id!.uuidString])
            #expect(response.status == .seeOther)
            #expect(try await OutboxMailRecord.query(on: app.db).count() == 1)
            #expect(try await Outbox.drain(app: app) == 1)
            let mail = try #require(await mailer.sent.first)
            #expect(mail.to == [MailAddress("lea@acme.test", name: "Lea Learner")])
            #expect(mail.subject.contains("invited"))
            #expect(mail.text.contains("http://atelier.test/invitations/"))
            let path = try Self.invitationPath(in: mail.text)

            var lea = Browser(app)
            let page = try await lea.get(path)
            #expect(page.status == .ok)
            #expect(page.text.contains("Join Acme"))
            let mismatch = try await lea.post(path, ["name": "Lea", "password": "a long password", "password_confirmation": "different one"])
            #expect(mismatch.status == .unprocessableEntity)
            #expect(mismatch.text.contains("The two passwords differ."))
            let accepted = try await lea.post(path, ["name": "Lea L.", "password": "a long password", "password_confirmation": "a long password"])
            #expect(accepted.status == .seeOther)
            let home = try await lea.get("/")
            #expect(home.text.contains("My trainings"))
            #expect(home.text.contains("Spring 2027"))
            #expect(home.text.contains("Welcome to Acme!"))
            // Single use.
            var other = Browser(app)
            let reused = try await other.get(path)
            #expect(reused.status == .notFound)
            #expect(reused.text.contains("This link no longer works"))
            #expect(try await other.post(path, ["name": "Eve", "password": "a long password", "password_confirmation": "a long password"]).status == .notFound)
        }
    }

    @Test func withoutAMailServerTheAdminSeesTheLinks() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            var browser = try await fx.signedIn(admin)
            let response = try await browser.post("/orgs/\(org.id!.uuidString)/invitations",
                                                  ["name": "Tom", "email": "tom@acme.test", "role": "trainer", "cohort_id": ""])
            #expect(response.status == .created)
            #expect(response.text.contains("Invitation links to send"))
            #expect(response.text.contains("value=\"http://atelier.test/invitations/"))
            #expect(try await OutboxMailRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func invitingTwiceReplacesTheFirstLink() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            var browser = try await fx.signedIn(admin)
            let first = try await browser.post("/orgs/\(org.id!.uuidString)/invitations", ["name": "Tom", "email": "tom@acme.test", "role": "learner"])
            let second = try await browser.post("/orgs/\(org.id!.uuidString)/invitations", ["name": "Tom", "email": "TOM@acme.test", "role": "learner"])
            let firstPath = try Self.invitationPath(in: first.text)
            let secondPath = try Self.invitationPath(in: second.text)
            #expect(firstPath != secondPath)
            var tom = Browser(app)
            #expect(try await tom.get(firstPath).status == .notFound)
            #expect(try await tom.get(secondPath).status == .ok)
            let pending = try await InvitationRecord.query(on: app.db).filter(\.$revokedAt == nil).count()
            #expect(pending == 1)
        }
    }

    @Test func expiredInvitationsNoLongerWork() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            var browser = try await fx.signedIn(admin)
            let response = try await browser.post("/orgs/\(org.id!.uuidString)/invitations", ["name": "Tom", "email": "tom@acme.test", "role": "learner"])
            let path = try Self.invitationPath(in: response.text)
            try await InvitationRecord.query(on: app.db).set(\.$expiresAt, to: Date().addingTimeInterval(-1)).update()
            var tom = Browser(app)
            #expect(try await tom.get(path).status == .notFound)
        }
    }

    @Test func anExistingAccountJoinsWithItsPassword() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let acme = try await fx.organization("Acme")
            let globex = try await fx.organization("Globex")
            let admin = try await fx.person("admin@acme.test", in: acme, roles: [.admin])
            try await fx.person("sam@globex.test", name: "Sam", in: globex, roles: [.trainer])
            var browser = try await fx.signedIn(admin)
            let response = try await browser.post("/orgs/\(acme.id!.uuidString)/invitations", ["name": "Sam", "email": "sam@globex.test", "role": "trainer"])
            let path = try Self.invitationPath(in: response.text)
            var sam = Browser(app)
            #expect(try await sam.get(path).text.contains("You already have an Atelier account"))
            #expect(try await sam.post(path, ["password": "wrong password!"]).status == .unprocessableEntity)
            #expect(try await sam.post(path, ["password": Fixtures.password]).status == .seeOther)
            #expect(try await MembershipRecord.query(on: app.db).count() == 3)
            let home = try await sam.get("/")
            #expect(home.text.contains("Switch organization"))
        }
    }
}
