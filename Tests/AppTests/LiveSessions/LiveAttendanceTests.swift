@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite struct LiveAttendanceTests {
    /// A session that ran from an hour and a half ago to half an hour ago; Lea was in for 40
    /// minutes of it, Max for 10.
    private func pastSession(_ app: Application, _ c: LiveClass) async throws -> LiveSessionRecord {
        var tom = try await Fixtures(app: app).signedIn(c.trainer)
        let record = try await c.schedule(app, &tom, start: LiveClass.inMinutes(24 * 60))
        record.startsAt = LiveClass.inMinutes(-90)
        try await record.save(on: app.db)
        for (person, minutes) in [(c.lea, 40.0), (c.max, 10.0)] {
            let connection = LiveConnection.ID(UUID())
            for (kind, offset) in [(PresenceEvent.Kind.join, 0.0), (.leave, minutes * 60)] {
                try await LivePresenceRecord(sessionID: record.id!, event: .init(person: .init(person.id!), connection: connection, kind: kind,
                                                                               at: record.startsAt.addingTimeInterval(offset))).create(on: app.db)
            }
        }
        return record
    }

    @Test func trainersSeeTimeInAndTheirCorrectionsWin() async throws {
        try await withApp { app in
            let c = try await LiveClass.make(app)
            let session = try await pastSession(app, c)
            let path = c.base + "/\(session.id!.lowercasedText)/attendance"
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            let page = try await tom.get(path)
            #expect(page.status == .ok)
            #expect(page.text.contains("40 min"))
            #expect(page.text.contains("As measured (yes)"))
            #expect(page.text.contains("As measured (no)"))
            let max = "p-\(c.max.id!.lowercasedText)", leaField = "p-\(c.lea.id!.lowercasedText)"
            #expect(try await tom.post(path, [max: "yes", leaField: "auto"]).status == .seeOther)
            var attendance = try await LiveAttendanceController.attendance(of: session, expected: [], now: Date(), on: app.db)
            #expect(attendance[.init(c.max.id!)]?.attended == true)
            #expect(attendance[.init(c.max.id!)]?.minutes == 10, "the minutes stay as measured")
            #expect(attendance[.init(c.lea.id!)]?.attended == true)
            // Back to the measure.
            #expect(try await tom.post(path, [max: "auto"]).status == .seeOther)
            attendance = try await LiveAttendanceController.attendance(of: session, expected: [], now: Date(), on: app.db)
            #expect(attendance[.init(c.max.id!)]?.attended == false)
            #expect(try await LiveAttendanceCorrectionRecord.query(on: app.db).count() == 0)
            // The learner sees their own time on the session's page, not the others'.
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            #expect(try await lea.get(c.base + "/\(session.id!.lowercasedText)").text.contains("You were there 40 min."))
            #expect(try await lea.get(path).status == .notFound)
        }
    }

    @Test func aBadCorrectionChangesNothing() async throws {
        try await withApp { app in
            let c = try await LiveClass.make(app)
            let session = try await pastSession(app, c)
            let path = c.base + "/\(session.id!.lowercasedText)/attendance"
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            let outsider = try await Fixtures(app: app).person("out@acme.test", in: c.org)
            let lea = "p-\(c.lea.id!.lowercasedText)"
            for form in [[lea: "no", "p-\(outsider.id!.lowercasedText)": "yes"], [lea: "maybe"], [lea: "no", "p-nobody": "yes"]] {
                #expect(try await tom.post(path, form).status == .badRequest, "\(form)")
            }
            #expect(try await LiveAttendanceCorrectionRecord.query(on: app.db).count() == 0)
        }
    }
}
