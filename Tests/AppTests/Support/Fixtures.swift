@testable import App
import Domain
import Fluent
import Foundation
import Vapor
import Views

/// Builders for the rows tests need, written straight to the database.
struct Fixtures {
    let app: Application
    static let password = "correct horse battery"

    @discardableResult
    func organization(_ name: String = "Acme") async throws -> OrganizationRecord {
        let org = OrganizationRecord(name: name)
        try await org.save(on: app.db)
        return org
    }

    @discardableResult
    func person(_ email: String, name: String? = nil, in org: OrganizationRecord? = nil, roles: Set<Role> = [.learner]) async throws -> PersonRecord {
        let hash = try app.password.hash(Self.password)
        let person = PersonRecord(name: name ?? email.components(separatedBy: "@")[0].capitalized, email: EmailAddress(email)!, passwordHash: hash)
        try await person.save(on: app.db)
        if let org {
            try await MembershipRecord(organizationID: org.id!, personID: person.id!, roles: roles).save(on: app.db)
        }
        return person
    }

    @discardableResult
    func course(in org: OrganizationRecord, name: String = "Negotiation") async throws -> CourseRecord {
        let course = CourseRecord(organizationID: org.id!, name: name, description: "")
        try await course.save(on: app.db)
        return course
    }

    @discardableResult
    func cohort(in org: OrganizationRecord, course: CourseRecord? = nil, name: String = "Spring", seats: Int = 25) async throws -> CohortRecord {
        var chosen = course
        if chosen == nil { chosen = try await self.course(in: org) }
        let course = chosen!
        let input = CohortInput(name: name, courseID: .init(course.id!), startDate: Day("2026-01-05")!,
                                endDate: Day("2027-12-20")!, capacity: seats)
        let cohort = CohortRecord(organizationID: org.id!, input: input)
        try await cohort.save(on: app.db)
        return cohort
    }

    func enroll(_ person: PersonRecord, in cohort: CohortRecord, as role: CohortRole = .learner) async throws {
        try await CohortMemberRecord(cohortID: cohort.id!, organizationID: cohort.$organization.id, personID: person.id!, role: role).save(on: app.db)
    }

    /// A browser signed in as `person`.
    func signedIn(_ person: PersonRecord) async throws -> Browser {
        var browser = Browser(app)
        let response = try await browser.post("/sign-in", ["email": person.email, "password": Self.password])
        precondition(response.status == .seeOther, "sign-in failed: \(response.status)")
        return browser
    }

    /// A personal API token for `person`.
    func token(for person: PersonRecord) async throws -> String {
        let token = "atl_test_" + UUID().uuidString
        try await APITokenRecord(personID: person.id!, name: "test", tokenHash: SecretToken.hash(token)).save(on: app.db)
        return token
    }
}

extension Fixtures {
    /// A module (appended to the course) holding one lesson.
    @discardableResult
    func lesson(in course: CourseRecord, title: String = "Opening", module moduleTitle: String = "Basics",
                markdown: String = "Hello **there**", required: Bool = false) async throws -> (ModuleRecord, ActivityRecord) {
        let existing = try await ModuleRecord.query(on: app.db).filter(\.$course.$id == course.id!).count()
        let module = ModuleRecord(organizationID: course.$organization.id, courseID: course.id!,
                                  input: ModuleInput(title: moduleTitle, unlock: nil), position: existing)
        try await module.save(on: app.db)
        let activity = ActivityRecord(organizationID: course.$organization.id, courseID: course.id!, moduleID: module.id!, kind: .lesson,
                                      input: ActivityInput(title: title, estimatedMinutes: 10, required: required, due: nil), position: 0)
        try await activity.save(on: app.db)
        try await LessonRecord(activityID: activity.id!, markdown: markdown, html: Markdown.render(markdown).rawValue).save(on: app.db)
        return (module, activity)
    }
}
