@testable import App
import Domain
import Fluent
import Foundation
import Vapor
import VaporTesting

/// A cohort in Paris's clocks with a trainer (Tom), a facilitator (Fay) and two learners (Lea,
/// Max), and the form that schedules a live class in it.
struct LiveClass {
    let org: OrganizationRecord
    let cohort: CohortRecord
    let trainer: PersonRecord
    let facilitator: PersonRecord
    let lea: PersonRecord
    let max: PersonRecord

    var base: String { "/orgs/\(org.id!.lowercasedText)/cohorts/\(cohort.id!.lowercasedText)/live" }

    static func make(_ app: Application) async throws -> LiveClass {
        let fx = Fixtures(app: app)
        let org = try await fx.organization()
        let cohort = try await fx.cohort(in: org, name: "Autumn")
        cohort.timeZone = "Europe/Paris"
        try await cohort.save(on: app.db)
        let trainer = try await fx.person("tom@acme.test", name: "Tom Trainer", in: org, roles: [.trainer])
        let facilitator = try await fx.person("fay@acme.test", name: "Fay", in: org, roles: [.facilitator])
        let lea = try await fx.person("lea@acme.test", name: "Lea", in: org)
        let max = try await fx.person("max@acme.test", name: "Max", in: org)
        try await fx.enroll(trainer, in: cohort, as: .trainer)
        try await fx.enroll(facilitator, in: cohort, as: .facilitator)
        try await fx.enroll(lea, in: cohort)
        try await fx.enroll(max, in: cohort)
        return LiveClass(org: org, cohort: cohort, trainer: trainer, facilitator: facilitator, lea: lea, max: max)
    }

    /// The form for a session at `start` (in Paris), hosted by Tom, held behind a Teams link.
    func form(title: String = "Kick-off", start: Date, minutes: Int = 60, agenda: String = "1. Hello\n2. **Cases**",
              extra: [String: String] = [:]) -> [String: String] {
        let local = WallClockTime(start, in: TimeZone(identifier: "Europe/Paris")!)
        return ["title": title, "agenda": agenda, "date": local.day.description, "time": local.time.description,
                "time_zone": "Europe/Paris", "duration": String(minutes), "provider": "external",
                "link": "https://teams.example.com/l/meetup/123", "hosts[]": trainer.id!.lowercasedText].merging(extra) { $1 }
    }

    /// Schedules through the form as Tom; returns the session's record.
    func schedule(_ app: Application, _ browser: inout Browser, title: String = "Kick-off", start: Date,
                  minutes: Int = 60) async throws -> LiveSessionRecord {
        let response = try await browser.post(base, form(title: title, start: start, minutes: minutes))
        precondition(response.status == .seeOther, "scheduling failed: \(response.status) \(response.text.prefix(400))")
        return try await LiveSessionRecord.query(on: app.db).filter(\.$title == title).first()!
    }

    /// A start on a whole minute, `minutes` from now.
    static func inMinutes(_ minutes: Double, from now: Date = Date()) -> Date {
        Date(timeIntervalSince1970: ((now.timeIntervalSince1970 + minutes * 60) / 60).rounded(.down) * 60)
    }
}
