import Domain
import Fluent
import Routes
import Vapor
import Views

/// Cohorts: create them, see one, enroll learners, assign staff, remove people.
struct CohortsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let org = routes.grouped("orgs", ":orgID")
        org.get("cohorts", use: list)
        org.post("cohorts", use: create)
        org.get("cohorts", ":cohortID", use: show)
        org.post("cohorts", ":cohortID", "enrollments", use: enroll)
        org.post("cohorts", ":cohortID", "staff", use: assignStaff)
        org.post("cohorts", ":cohortID", "members", ":personID", "remove", use: remove)
    }

    struct CohortForm: Content {
        var name: String?
        var course_id: String?
        var start_date: String?
        var end_date: String?
        var capacity: String?
        var time_zone: String?
    }

    struct PersonForm: Content { var person_id: String?; var role: String? }

    func list(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.manageCohorts)
        return try await render(req, context, state: .empty, status: .ok)
    }

    private func render(_ req: Request, _ context: OrganizationContext, state: Form.State, status: HTTPResponseStatus) async throws -> Response {
        let cohorts = try await CohortQueries.organizationCohorts(context.organizationID, today: .today(), on: req.db)
        let courses = try await CourseRecord.query(on: req.db).filter(\.$organization.$id == context.organizationID).sort(\.$name).all()
        let model = CohortsPageModel(organizationID: context.organization.id, cohorts: cohorts,
                                     courses: courses.map { (.init($0.id!), $0.name) }, state: state)
        return .page(CohortsPage.render(model, req.layout(context, section: .cohorts)), status: status, request: req)
    }

    func create(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.manageCohorts)
        let form = try req.content.decode(CohortForm.self)
        let values = ["name": form.name ?? "", "course_id": form.course_id ?? "", "start_date": form.start_date ?? "",
                      "end_date": form.end_date ?? "", "capacity": form.capacity ?? "", "time_zone": form.time_zone ?? ""]
        do {
            let input = try CohortInput.check(name: form.name, courseID: form.course_id, startDate: form.start_date,
                                              endDate: form.end_date, capacity: form.capacity, timeZone: form.time_zone)
            guard try await CourseRecord.query(on: req.db).filter(\.$id == input.courseID.uuid)
                .filter(\.$organization.$id == context.organizationID).count() == 1 else {
                throw ValidationErrors([FieldError("course_id", .invalid)])
            }
            let cohort = CohortRecord(organizationID: context.organizationID, input: input)
            try await cohort.save(on: req.db)
            return req.redirect(to: SiteRoute.cohort(context.organization.id, .init(cohort.id!)).path,
                                flash: .cohortCreated(name: input.name))
        } catch let errors as ValidationErrors {
            return try await render(req, context, state: Form.State(values: values, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    func show(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        let cohort = try await CohortQueries.find(req.parameters.get("cohortID"), in: context.organizationID, on: req.db)
        let members = try await CohortMemberRecord.query(on: req.db)
            .join(PersonRecord.self, on: \CohortMemberRecord.$person.$id == \PersonRecord.$id)
            .filter(\.$cohort.$id == cohort.id!)
            .sort(PersonRecord.self, \.$name)
            .all()
        let mine = members.filter { $0.$person.id == context.user.person.id.uuid }
        let isStaff = mine.contains { $0.cohortRole != .learner }
        // A cohort is private: only its members and the organization's admins see it.
        guard Permission.can(.viewAllCohorts, context.roles) || !mine.isEmpty else { throw AppError.notFound() }
        let canManage = Permission.can(.manageCohorts, context.roles)
        var candidates: [(id: Person.ID, label: String)] = []
        if canManage {
            let inCohort = Set(members.map { $0.$person.id })
            let people = try await MembershipRecord.query(on: req.db)
                .join(PersonRecord.self, on: \MembershipRecord.$person.$id == \PersonRecord.$id)
                .filter(\.$organization.$id == context.organizationID)
                .sort(PersonRecord.self, \.$name).all()
            candidates = try people.compactMap { row in
                let person = try row.joined(PersonRecord.self)
                guard !inCohort.contains(person.id!) else { return nil }
                return (.init(person.id!), "\(person.name) (\(person.email))")
            }
        }
        var model = CohortPageModel(
            cohort: cohort.domain(), courseName: try await cohort.$course.get(on: req.db).name,
            status: cohort.domain().status(today: .today()),
            members: try members.map { row in
                let person = try row.joined(PersonRecord.self)
                return .init(id: .init(person.id!), name: person.name, email: person.email, role: row.cohortRole)
            },
            candidates: candidates, canManage: canManage, showsEmails: canManage || isStaff,
            viewerIsLearner: !isStaff && mine.contains { $0.cohortRole == .learner })
        if !model.viewerIsLearner {
            let activities = try await CourseQueries.cachedOutline(of: cohort.$course.id, caches: req.application.readCaches, on: req.db)
                .flatMap(\.activities)
            model.quizzes = activities.filter { $0.kind == .quiz }.map { ($0.id, $0.title) }
            model.peerAssignments = activities.filter { $0.kind == .peerAssignment }.map { ($0.id, $0.title) }
        }
        model.pinned = try await AnnouncementStore.items(in: cohort.id!, pinnedOnly: true, on: req.db)
        if model.viewerIsLearner, cohort.nudgeSettings.isOn {
            model.nudgesMuted = try await NudgeMuteRecord.query(on: req.db).filter(\.$cohortID == cohort.id!)
                .filter(\.$personID == context.user.person.id.uuid).first() != nil
        }
        return .page(CohortPage.render(model, req.layout(context, section: canManage ? .cohorts : .home)), request: req)
    }

    /// Loads the cohort and the person named by the form, both of this organization, or 404.
    private func target(_ req: Request, personID: String?) async throws -> (OrganizationContext, CohortRecord, MembershipRecord) {
        let context = try await req.organizationContext()
        try context.require(.manageCohorts)
        let cohort = try await CohortQueries.find(req.parameters.get("cohortID"), in: context.organizationID, on: req.db)
        guard let id = personID.flatMap(UUID.init(uuidString:)),
              let membership = try await MembershipRecord.query(on: req.db).filter(\.$person.$id == id)
                .filter(\.$organization.$id == context.organizationID).with(\.$person).first() else {
            throw AppError(status: .unprocessableEntity, code: "unknown_person", message: Flash.failure(.noSuchPerson).text, field: "person_id")
        }
        return (context, cohort, membership)
    }

    func enroll(req: Request) async throws -> Response {
        let form = try req.content.decode(PersonForm.self)
        let (context, cohort, membership) = try await target(req, personID: form.person_id)
        let path = SiteRoute.cohort(context.organization.id, .init(cohort.id!)).path
        // Enrolling someone makes them a learner of the organization if they were not one yet.
        let failure = try await req.db.writeTransaction { db -> Flash.FailureText? in
            if !membership.roles.contains(.learner) {
                membership.roles = membership.roles.union([.learner])
                try await membership.save(on: db)
            }
            return try await CohortMembership.add(personID: membership.$person.id, to: cohort, as: .learner, on: db)
        }
        if let failure { return req.redirect(to: path, flash: .failure(failure)) }
        return req.redirect(to: path, flash: .learnerEnrolled(name: membership.person.name))
    }

    func assignStaff(req: Request) async throws -> Response {
        let form = try req.content.decode(PersonForm.self)
        let (context, cohort, membership) = try await target(req, personID: form.person_id)
        let path = SiteRoute.cohort(context.organization.id, .init(cohort.id!)).path
        guard let role = form.role.flatMap(CohortRole.init(rawValue:)), role != .learner else {
            throw AppError(status: .unprocessableEntity, code: "invalid_role", message: "Choose trainer or facilitator.", field: "role")
        }
        guard membership.roles.contains(role.requiredOrganizationRole) || membership.roles.contains(.admin) else {
            return req.redirect(to: path, flash: .failure(.missingRole))
        }
        if let failure = try await CohortMembership.add(personID: membership.$person.id, to: cohort, as: role, on: req.db) {
            return req.redirect(to: path, flash: .failure(failure))
        }
        return req.redirect(to: path, flash: .staffAssigned(name: membership.person.name))
    }

    func remove(req: Request) async throws -> Response {
        let form = try req.content.decode(PersonForm.self)
        let (context, cohort, membership) = try await target(req, personID: req.parameters.get("personID"))
        var query = CohortMemberRecord.query(on: req.db).filter(\.$cohort.$id == cohort.id!)
            .filter(\.$person.$id == membership.$person.id)
        if let role = form.role.flatMap(CohortRole.init(rawValue:)) { query = query.filter(\.$role == role.rawValue) }
        try await query.delete()
        return req.redirect(to: SiteRoute.cohort(context.organization.id, .init(cohort.id!)).path,
                            flash: .memberRemoved(name: membership.person.name))
    }
}
