import Domain
import Fluent
import Vapor

/// Courses, cohorts and enrollments of one organization, as JSON.
struct APICohortsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("courses", use: courses)
        routes.post("courses", use: createCourse)
        routes.get("cohorts", use: cohorts)
        routes.post("cohorts", use: createCohort)
        routes.get("cohorts", ":cohortID", use: cohort)
        routes.get("cohorts", ":cohortID", "enrollments", use: enrollments)
        routes.post("cohorts", ":cohortID", "enrollments", use: enroll)
        routes.delete("cohorts", ":cohortID", "enrollments", ":personID", use: unenroll)
    }

    func courses(req: Request) async throws -> PageDTO<CourseDTO> {
        let context = try await req.organizationContext()
        try context.require(.manageCourses)
        let (page, per) = req.paging()
        let query = CourseRecord.query(on: req.db).filter(\.$organization.$id == context.organizationID)
        let total = try await query.count()
        let rows = try await query.sort(\.$name).range((page - 1) * per ..< page * per).all()
        return PageDTO(items: rows.map(CourseDTO.init),
                       page: page, per: per, total: total)
    }

    func createCourse(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.manageCourses)
        let body = try req.decodeJSON(CreateCourseRequest.self)
        let input = try CourseInput.check(name: body.name, description: body.description)
        let course = CourseRecord(organizationID: context.organizationID, name: input.name, description: input.description)
        try await course.save(on: req.db)
        return try await CourseDTO(course).encodeResponse(status: .created, for: req)
    }

    /// Admins see every cohort; others the cohorts they are in.
    func cohorts(req: Request) async throws -> PageDTO<CohortDTO> {
        let context = try await req.organizationContext()
        let (page, per) = req.paging()
        let query = CohortRecord.query(on: req.db).filter(\.$organization.$id == context.organizationID)
        if !Permission.can(.viewAllCohorts, context.roles) {
            let mine = try await CohortMemberRecord.query(on: req.db).filter(\.$person.$id == context.user.person.id.uuid)
                .filter(\.$organizationID == context.organizationID).all(\.$cohort.$id)
            query.filter(\.$id ~~ mine)
        }
        let total = try await query.count()
        let rows = try await query.sort(\.$startDate, .descending).range((page - 1) * per ..< page * per).all()
        return PageDTO(items: rows.map { $0.dto(today: .today()) }, page: page, per: per, total: total)
    }

    func createCohort(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.manageCohorts)
        let body = try req.decodeJSON(CreateCohortRequest.self)
        let input = try CohortInput.check(name: body.name, courseID: body.course_id, startDate: body.start_date,
                                          endDate: body.end_date, capacity: body.capacity.map(String.init))
        guard try await CourseRecord.query(on: req.db).filter(\.$id == input.courseID.uuid)
            .filter(\.$organization.$id == context.organizationID).count() == 1 else {
            throw ValidationErrors([FieldError("course_id", .invalid)])
        }
        let cohort = CohortRecord(organizationID: context.organizationID, input: input)
        try await cohort.save(on: req.db)
        return try await cohort.dto(today: .today()).encodeResponse(status: .created, for: req)
    }

    /// A cohort the person may see: admins any, others only their own; 404 otherwise.
    private func visibleCohort(_ req: Request) async throws -> (OrganizationContext, CohortRecord) {
        let context = try await req.organizationContext()
        let cohort = try await CohortQueries.find(req.parameters.get("cohortID"), in: context.organizationID, on: req.db)
        if !Permission.can(.viewAllCohorts, context.roles) {
            let member = try await CohortMemberRecord.query(on: req.db).filter(\.$cohort.$id == cohort.id!)
                .filter(\.$person.$id == context.user.person.id.uuid).count()
            guard member > 0 else { throw AppError.notFound() }
        }
        return (context, cohort)
    }

    func cohort(req: Request) async throws -> CohortDTO {
        try await visibleCohort(req).1.dto(today: .today())
    }

    func enrollments(req: Request) async throws -> PageDTO<EnrollmentDTO> {
        let (context, cohort) = try await visibleCohort(req)
        let me = context.user.person.id.uuid
        let isStaff = try await CohortMemberRecord.query(on: req.db).filter(\.$cohort.$id == cohort.id!)
            .filter(\.$person.$id == me).filter(\.$role != CohortRole.learner.rawValue).count() > 0
        // Like the page: learners see their group by name; addresses are for staff and admins.
        let showsEmails = isStaff || Permission.can(.manageCohorts, context.roles)
        let (page, per) = req.paging()
        let query = CohortMemberRecord.query(on: req.db)
            .join(PersonRecord.self, on: \CohortMemberRecord.$person.$id == \PersonRecord.$id)
            .filter(\.$cohort.$id == cohort.id!)
        let total = try await query.count()
        let rows = try await query.sort(PersonRecord.self, \.$name).range((page - 1) * per ..< page * per).all()
        let items = try rows.map { row in
            let person = try row.joined(PersonRecord.self)
            let email = showsEmails || person.id == me ? person.email : nil
            return EnrollmentDTO(person_id: person.id!, name: person.name, email: email, role: row.role)
        }
        return PageDTO(items: items, page: page, per: per, total: total)
    }

    func enroll(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.manageCohorts)
        let cohort = try await CohortQueries.find(req.parameters.get("cohortID"), in: context.organizationID, on: req.db)
        let body = try req.decodeJSON(CreateEnrollmentRequest.self)
        guard let text = body.person_id else { throw ValidationErrors([FieldError("person_id", .required)]) }
        guard let id = UUID(uuidString: text),
              let membership = try await MembershipRecord.query(on: req.db).filter(\.$person.$id == id)
                .filter(\.$organization.$id == context.organizationID).with(\.$person).first() else {
            throw AppError(status: .unprocessableEntity, code: "unknown_person",
                           message: "No member of this organization has that id.", field: "person_id")
        }
        let failure = try await req.db.writeTransaction { db -> EnrollmentError? in
            if !membership.roles.contains(.learner) {
                membership.roles = membership.roles.union([.learner])
                try await membership.save(on: db)
            }
            switch try await CohortMembership.add(personID: id, to: cohort, as: .learner, on: db) {
            case nil: return nil
            case .cohortFull?: return .cohortFull(capacity: cohort.capacity)
            default: return .alreadyEnrolled
            }
        }
        if let failure { throw failure }
        let dto = EnrollmentDTO(person_id: id, name: membership.person.name, email: membership.person.email, role: "learner")
        return try await dto.encodeResponse(status: .created, for: req)
    }

    func unenroll(req: Request) async throws -> HTTPStatus {
        let context = try await req.organizationContext()
        try context.require(.manageCohorts)
        let cohort = try await CohortQueries.find(req.parameters.get("cohortID"), in: context.organizationID, on: req.db)
        guard let id = req.parameters.get("personID").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound() }
        let query = CohortMemberRecord.query(on: req.db).filter(\.$cohort.$id == cohort.id!)
            .filter(\.$person.$id == id).filter(\.$role == CohortRole.learner.rawValue)
        guard try await query.count() > 0 else { throw AppError.notFound() }
        try await query.delete()
        return .noContent
    }
}
