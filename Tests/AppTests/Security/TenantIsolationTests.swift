@testable import App
import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

/// Every route × every role × another organization's ids answers 404 and changes nothing.
@Suite struct TenantIsolationTests {
    struct World {
        let a: OrganizationRecord, b: OrganizationRecord
        let cohortA: CohortRecord, cohortB: CohortRecord
        let personB: PersonRecord
        let invitationB: InvitationRecord
        let people: [Role: PersonRecord]
        let moduleB: ModuleRecord, activityB: ActivityRecord
        let uploadB: UploadRecord
    }

    static func world(_ app: Application) async throws -> World {
        let fx = Fixtures(app: app)
        let a = try await fx.organization("Acme"), b = try await fx.organization("Globex")
        let cohortA = try await fx.cohort(in: a, name: "Acme cohort"), cohortB = try await fx.cohort(in: b, name: "Globex cohort")
        let personB = try await fx.person("boss@globex.test", in: b, roles: [.admin, .learner])
        try await fx.enroll(personB, in: cohortB)
        let invitationB = InvitationRecord(organizationID: b.id!, input: InvitationInput(name: "X", email: EmailAddress("x@globex.test")!, role: .learner, cohortID: nil),
                                           tokenHash: "hash-b", expiresAt: Date().addingTimeInterval(3600), invitedBy: personB.id!)
        try await invitationB.save(on: app.db)
        var people: [Role: PersonRecord] = [:]
        for role in Role.allCases {
            let person = try await fx.person("\(role.rawValue)@acme.test", in: a, roles: [role])
            if role != .admin && role != .author { try await fx.enroll(person, in: cohortA, as: role == .learner ? .learner : (role == .trainer ? .trainer : .facilitator)) }
            people[role] = person
        }
        let courseB = try await course(of: cohortB, app)
        courseB.status = .published
        try await courseB.save(on: app.db)
        let (moduleB, activityB) = try await fx.lesson(in: courseB, title: "Globex lesson")
        let png = Samples.png
        let uploadB = UploadRecord(organizationID: b.id!, courseID: courseB.id!, activityID: activityB.id, blob: try await app.blobStore.store(png),
                                   type: .png, filename: "globex.png", byteCount: png.count, uploadedBy: personB.id)
        try await uploadB.save(on: app.db)
        try await LessonAttachmentRecord(activityID: activityB.id!, uploadID: uploadB.id!, position: 0).save(on: app.db)
        return World(a: a, b: b, cohortA: cohortA, cohortB: cohortB, personB: personB, invitationB: invitationB, people: people,
                     moduleB: moduleB, activityB: activityB, uploadB: uploadB)
    }

    private static func course(of cohort: CohortRecord, _ app: Application) async throws -> CourseRecord {
        try await CourseRecord.find(cohort.$course.id, on: app.db)!
    }

    /// Page routes with Globex's ids (or Acme's org with a Globex object).
    static func pageRoutes(_ w: World) -> [(HTTPMethod, String)] {
        let b = w.b.id!.uuidString, a = w.a.id!.uuidString, cb = w.cohortB.id!.uuidString
        let pb = w.personB.id!.uuidString, ib = w.invitationB.id!.uuidString
        return [
            (.GET, "/orgs/\(b)"), (.GET, "/orgs/\(b)/people"), (.GET, "/orgs/\(b)/courses"), (.GET, "/orgs/\(b)/cohorts"),
            (.GET, "/orgs/\(b)/cohorts/\(cb)"), (.POST, "/orgs/\(b)/invitations"), (.POST, "/orgs/\(b)/invitations/\(ib)/revoke"),
            (.POST, "/orgs/\(b)/people/\(pb)/roles"), (.POST, "/orgs/\(b)/courses"), (.POST, "/orgs/\(b)/cohorts"),
            (.POST, "/orgs/\(b)/cohorts/\(cb)/enrollments"), (.POST, "/orgs/\(b)/cohorts/\(cb)/staff"),
            (.POST, "/orgs/\(b)/cohorts/\(cb)/members/\(pb)/remove"),
            (.GET, "/orgs/\(a)/cohorts/\(cb)"), (.POST, "/orgs/\(a)/cohorts/\(cb)/enrollments"),
            (.POST, "/orgs/\(a)/cohorts/\(cb)/members/\(pb)/remove"), (.POST, "/orgs/\(a)/invitations/\(ib)/revoke"),
            (.POST, "/orgs/\(a)/people/\(pb)/roles"),
            (.GET, "/orgs/\(b)/files/\(w.uploadB.id!.uuidString)/globex.png"),
            (.GET, "/orgs/\(a)/files/\(w.uploadB.id!.uuidString)/globex.png"),
        ] + courseRoutes(w)
    }

    /// The course editor's routes with Globex's course, module and activity; Acme's org with
    /// Globex's course; and Acme's own course with Globex's module and activity.
    static func courseRoutes(_ w: World) -> [(HTTPMethod, String)] {
        let b = w.b.id!.uuidString, a = w.a.id!.uuidString
        let courseB = w.cohortB.$course.id.uuidString, courseA = w.cohortA.$course.id.uuidString
        let mb = w.moduleB.id!.uuidString, ab = w.activityB.id!.uuidString
        var routes: [(HTTPMethod, String)] = [(.POST, "/orgs/\(b)/markdown-preview")]
        for prefix in ["/orgs/\(b)/courses/\(courseB)", "/orgs/\(a)/courses/\(courseB)", "/orgs/\(a)/courses/\(courseA)"] {
            routes += [
                (.GET, prefix + "/activities/\(ab)"), (.POST, prefix + "/activities/\(ab)"),
                (.POST, prefix + "/activities/\(ab)/move"), (.POST, prefix + "/activities/\(ab)/delete"),
                (.POST, prefix + "/modules/\(mb)"), (.POST, prefix + "/modules/\(mb)/move"),
                (.POST, prefix + "/modules/\(mb)/delete"), (.POST, prefix + "/modules/\(mb)/activities"),
                (.POST, prefix + "/activities/\(ab)/uploads/image"), (.POST, prefix + "/activities/\(ab)/uploads/attachment"),
                (.POST, prefix + "/activities/\(ab)/attachments/\(w.uploadB.id!.uuidString)/remove"),
                (.POST, prefix + "/activities/\(ab)/video/remove"),
            ]
            if !prefix.hasSuffix(courseA) {
                routes += [(.GET, prefix), (.POST, prefix), (.POST, prefix + "/status"), (.POST, prefix + "/duplicate"),
                           (.POST, prefix + "/modules")]
            }
        }
        return routes
    }

    static func apiRoutes(_ w: World) -> [(HTTPMethod, String)] {
        let b = "/api/v1/organizations/\(w.b.id!.uuidString)", a = "/api/v1/organizations/\(w.a.id!.uuidString)"
        let cb = w.cohortB.id!.uuidString, pb = w.personB.id!.uuidString, ib = w.invitationB.id!.uuidString
        return [
            (.GET, b), (.GET, b + "/members"), (.GET, b + "/courses"), (.POST, b + "/courses"), (.GET, b + "/cohorts"),
            (.POST, b + "/cohorts"), (.GET, b + "/cohorts/\(cb)"), (.GET, b + "/cohorts/\(cb)/enrollments"),
            (.POST, b + "/cohorts/\(cb)/enrollments"), (.DELETE, b + "/cohorts/\(cb)/enrollments/\(pb)"),
            (.GET, b + "/invitations"), (.POST, b + "/invitations"), (.DELETE, b + "/invitations/\(ib)"),
            (.GET, a + "/cohorts/\(cb)"), (.GET, a + "/cohorts/\(cb)/enrollments"), (.POST, a + "/cohorts/\(cb)/enrollments"),
            (.DELETE, a + "/cohorts/\(cb)/enrollments/\(pb)"), (.DELETE, a + "/invitations/\(ib)"),
        ] + apiCourseRoutes(w)
    }

    static func apiCourseRoutes(_ w: World) -> [(HTTPMethod, String)] {
        let b = "/api/v1/organizations/\(w.b.id!.uuidString)", a = "/api/v1/organizations/\(w.a.id!.uuidString)"
        let courseB = w.cohortB.$course.id.uuidString, courseA = w.cohortA.$course.id.uuidString
        let cb = w.cohortB.id!.uuidString, ca = w.cohortA.id!.uuidString
        let mb = w.moduleB.id!.uuidString, ab = w.activityB.id!.uuidString
        var routes: [(HTTPMethod, String)] = []
        for prefix in [b + "/courses/\(courseB)", a + "/courses/\(courseB)", a + "/courses/\(courseA)"] {
            routes += [(.POST, prefix + "/modules/\(mb)/lessons"), (.GET, prefix + "/activities/\(ab)"),
                       (.PUT, prefix + "/activities/\(ab)"), (.DELETE, prefix + "/activities/\(ab)"),
                       (.POST, prefix + "/files?kind=attachment&activity_id=\(ab)")]
            if !prefix.hasSuffix(courseA) {
                routes += [(.GET, prefix), (.POST, prefix + "/status"), (.POST, prefix + "/modules"),
                           (.GET, prefix + "/files"), (.POST, prefix + "/files?kind=image")]
            }
        }
        return routes + [(.GET, b + "/cohorts/\(cb)/progress"), (.PUT, b + "/cohorts/\(cb)/activities/\(ab)/progress"),
                         (.GET, a + "/cohorts/\(cb)/progress"), (.PUT, a + "/cohorts/\(ca)/activities/\(ab)/progress")]
    }

    static func rowCounts(_ app: Application) async throws -> [Int] {
        [try await CourseRecord.query(on: app.db).count(), try await CohortRecord.query(on: app.db).count(),
         try await CohortMemberRecord.query(on: app.db).count(), try await InvitationRecord.query(on: app.db).filter(\.$revokedAt == nil).count(),
         try await MembershipRecord.query(on: app.db).count(), try await ModuleRecord.query(on: app.db).count(),
         try await ActivityRecord.query(on: app.db).count(),
         try await CourseRecord.query(on: app.db).filter(\.$status == .published).count(),
         try await ActivityRecord.query(on: app.db).filter(\.$title == "Globex lesson").count(),
         try await ModuleRecord.query(on: app.db).sort(\.$position).all().map(\.position).reduce(0, +),
         try await UploadRecord.query(on: app.db).count(), try await LessonAttachmentRecord.query(on: app.db).count(),
         try await LessonRecord.query(on: app.db).filter(\.$videoUploadID != nil).count()]
    }

    @Test(arguments: Role.allCases)
    func pagesOfAnotherOrganizationAnswer404(role: Role) async throws {
        try await withApp { app in
            let w = try await Self.world(app)
            let before = try await Self.rowCounts(app)
            var browser = try await Fixtures(app: app).signedIn(w.people[role]!)
            let form = ["name": "Hack", "email": "h@h.test", "role": "learner", "person_id": w.personB.id!.uuidString,
                        "course_id": w.cohortB.$course.id.uuidString, "start_date": "2027-01-01", "end_date": "2027-02-01", "roles[]": "admin",
                        "title": "Hack", "status": "published", "direction": "up", "markdown": "hack", "kind": "lesson"]
            for (method, path) in Self.pageRoutes(w) {
                let response = method == .GET ? try await browser.get(path) : try await browser.post(path, form)
                #expect(response.status == .notFound, "\(role) \(method) \(path) → \(response.status)")
                #expect(!response.text.contains("Globex"), "\(role) \(method) \(path) leaks a name")
            }
            #expect(try await Self.rowCounts(app) == before)
        }
    }

    @Test(arguments: Role.allCases)
    func apiOfAnotherOrganizationAnswers404(role: Role) async throws {
        try await withApp { app in
            let w = try await Self.world(app)
            let before = try await Self.rowCounts(app)
            let token = try await Fixtures(app: app).token(for: w.people[role]!)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            headers.contentType = .json
            let body = #"{"name":"Hack","email":"h@h.test","role":"learner","person_id":"\#(w.personB.id!.uuidString)","course_id":"\#(w.cohortB.$course.id.uuidString)","start_date":"2027-01-01","end_date":"2027-02-01","title":"Hack","status":"published","done":true}"#
            for (method, path) in Self.apiRoutes(w) {
                let response = try await app.testing().sendRequest(method, path, headers: headers, body: method == .GET ? nil : ByteBuffer(string: body))
                #expect(response.status == .notFound, "\(role) \(method) \(path) → \(response.status)")
                #expect(response.body.string.contains("\"code\":\"not_found\""))
            }
            #expect(try await Self.rowCounts(app) == before)
        }
    }
}
