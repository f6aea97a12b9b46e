import Domain
import Fluent
import Foundation
import Routes
import Views

/// Secret calendar addresses and the feed behind them: every unlock and due date of the
/// published courses of the cohorts a person is in, and their live classes, in a fixed number of
/// queries.
enum CalendarFeeds {
    /// The person's token, made on first use.
    static func token(for personID: UUID, on db: any Database) async throws -> String {
        if let existing = try await CalendarFeedRecord.query(on: db).filter(\.$personID == personID).first() { return existing.token }
        let record = CalendarFeedRecord(personID: personID, token: SecretToken.generate().value)
        do {
            try await record.create(on: db)
            return record.token
        } catch {
            // Two first views at once: the unique index keeps one; use it.
            guard let existing = try await CalendarFeedRecord.query(on: db).filter(\.$personID == personID).first() else { throw error }
            return existing.token
        }
    }

    static func reset(for personID: UUID, on db: any Database) async throws {
        try await CalendarFeedRecord.query(on: db).filter(\.$personID == personID).delete()
        try await CalendarFeedRecord(personID: personID, token: SecretToken.generate().value).create(on: db)
    }

    static func person(token: String, on db: any Database) async throws -> PersonRecord? {
        guard !token.isEmpty, token.count <= 100,
              let feed = try await CalendarFeedRecord.query(on: db).filter(\.$token == token).first() else { return nil }
        return try await PersonRecord.find(feed.personID, on: db)
    }

    static func calendar(for person: PersonRecord, baseURL: String, on db: any Database) async throws -> ICalendar {
        let memberships = try await CohortMemberRecord.query(on: db).filter(\.$person.$id == person.id!).all()
        let cohorts = try await CohortRecord.query(on: db).filter(\.$id ~~ Set(memberships.map { $0.$cohort.id })).all()
        let courses = try await CourseRecord.query(on: db).filter(\.$id ~~ Set(cohorts.map { $0.$course.id }))
            .filter(\.$status == .published).all()
        let courseIDs = courses.map { $0.id! }
        async let modules = ModuleRecord.query(on: db).filter(\.$course.$id ~~ courseIDs).all()
        async let activities = ActivityRecord.query(on: db).filter(\.$courseID ~~ courseIDs).all()
        let modulesByCourse = Dictionary(grouping: try await modules, by: { $0.$course.id })
        let activitiesByCourse = Dictionary(grouping: try await activities, by: \.courseID)
        let coursesByID = Dictionary(uniqueKeysWithValues: courses.map { ($0.id!, $0) })
        var events: [ICalendar.Event] = []
        for cohort in cohorts {
            guard let course = coursesByID[cohort.$course.id] else { continue }
            let start = cohort.domain().startDate
            let orgID = Organization.ID(cohort.$organization.id), cohortID = Cohort.ID(cohort.id!)
            for module in modulesByCourse[course.id!] ?? [] {
                guard let unlock = module.domain().unlock else { continue }
                events.append(.init(uid: "opens-\(module.id!)-\(cohort.id!)@atelier",
                                    day: unlock.resolve(start: start, shiftDays: cohort.scheduleShiftDays),
                                    summary: "Opens: \(module.title)", description: "\(course.name) — \(cohort.name)",
                                    url: baseURL + SiteRoute.cohortCourse(orgID, cohortID).path))
            }
            for activity in activitiesByCourse[course.id!] ?? [] {
                guard let due = activity.domain().due else { continue }
                events.append(.init(uid: "due-\(activity.id!)-\(cohort.id!)@atelier",
                                    day: due.resolve(start: start, shiftDays: cohort.scheduleShiftDays),
                                    summary: "Due: \(activity.title)", description: "\(course.name) — \(cohort.name)",
                                    url: baseURL + SiteRoute.cohortActivity(orgID, cohortID, .init(activity.id!)).path))
            }
        }
        events += try await LiveCalendar.events(cohorts: cohorts, baseURL: baseURL, on: db)
        events.sort { ($0.day, $0.uid) < ($1.day, $1.uid) }
        return ICalendar(name: "Atelier — \(person.name)", events: events)
    }
}
