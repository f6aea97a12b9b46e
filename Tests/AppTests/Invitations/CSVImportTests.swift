@testable import App
import Fluent
import Testing
import VaporTesting

@Suite struct CSVImportTests {
    @Test func badRowsAreAllReportedAndNothingIsImported() async throws {
        try await withApp(mailer: RecordingMailer()) { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            try await fx.cohort(in: org, name: "Spring 2027")
            var browser = try await fx.signedIn(admin)
            let csv = "name,email,role,cohort\nLea,not-an-email,learner,Spring 2027\nTom,tom@acme.test,boss,\nAmy,amy@acme.test,learner,Autumn\n"
            let response = try await browser.upload("/orgs/\(org.id!.uuidString)/invitations/import", field: "file", filename: "people.csv", contents: csv)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Line 2: Enter an e-mail address"))
            #expect(response.text.contains("Line 3: Role must be one of"))
            #expect(response.text.contains("Line 4: No cohort of this organization has that name."))
            #expect(try await InvitationRecord.query(on: app.db).count() == 0)
            #expect(try await OutboxMailRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func aGoodFileInvitesEveryoneIntoTheirCohort() async throws {
        try await withApp(mailer: RecordingMailer()) { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            let cohort = try await fx.cohort(in: org, name: "Spring 2027")
            var browser = try await fx.signedIn(admin)
            let csv = "\u{FEFF}Name,Email,Role,Cohort\r\n\"Ortiz, Lena\",lena@acme.test,Learner,spring 2027\r\nTom,tom@acme.test,trainer,\r\n\r\n"
            let response = try await browser.upload("/orgs/\(org.id!.uuidString)/invitations/import", field: "file", filename: "people.csv", contents: csv)
            #expect(response.status == .seeOther)
            let invitations = try await InvitationRecord.query(on: app.db).sort(\.$email).all()
            #expect(invitations.map(\.email) == ["lena@acme.test", "tom@acme.test"])
            #expect(invitations[0].name == "Ortiz, Lena")
            #expect(invitations[0].cohortID == cohort.id)
            #expect(invitations[1].role == "trainer")
            #expect(try await OutboxMailRecord.query(on: app.db).count() == 2)
            let page = try await browser.get(response.location!)
            #expect(page.text.contains("2 invitations queued for sending by e-mail."))
        }
    }

    @Test func aFileThatOverfillsACohortIsRefused() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            try await fx.cohort(in: org, name: "Tiny", seats: 2)
            var browser = try await fx.signedIn(admin)
            let csv = "name,email,role,cohort\nA,a@acme.test,learner,Tiny\nB,b@acme.test,learner,Tiny\nC,c@acme.test,learner,Tiny\n"
            let response = try await browser.upload("/orgs/\(org.id!.uuidString)/invitations/import", field: "file", filename: "p.csv", contents: csv)
            #expect(response.status == .conflict)
            #expect(response.text.contains("more learners than its 2 seats"))
            #expect(try await InvitationRecord.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: [
        ("", "Choose a CSV file"),
        ("name,email\nLea,lea@acme.test\n", "lacks the column(s): role"),
        ("name,email,role\n", "The file has no rows"),
        ("name,email,role\n\"Lea,lea@acme.test,learner\n", "a quoted field is never closed"),
    ])
    func brokenFilesGetAClearMessage(contents: String, message: String) async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            var browser = try await fx.signedIn(admin)
            let response = try await browser.upload("/orgs/\(org.id!.uuidString)/invitations/import", field: "file", filename: "p.csv", contents: contents)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains(message))
            #expect(try await InvitationRecord.query(on: app.db).count() == 0)
        }
    }
}
