import Domain
import Fluent
import Vapor

/// Who may follow a cohort's course, and as what: its learners (once the course is published),
/// its trainers and facilitators, and the organization's admins. Everyone else gets 404.
struct LearningAccess {
    let context: OrganizationContext
    let cohort: CohortRecord
    let course: CourseRecord
    /// The person's place in this cohort; nil for an admin who is not in it.
    let role: CohortRole?

    var isLearner: Bool { role == .learner }
    /// Staff see the course as it is, drafts and locked modules included, and record no progress.
    var isStaff: Bool { !isLearner }
    var personID: UUID { context.user.person.id.uuid }
    var today: Day { .today() }

    static func load(_ req: Request) async throws -> LearningAccess {
        let context = try await req.organizationContext()
        let cohort = try await CohortQueries.find(req.parameters.get("cohortID"), in: context.organizationID, on: req.db)
        let memberships = try await CohortMemberRecord.query(on: req.db).filter(\.$cohort.$id == cohort.id!)
            .filter(\.$person.$id == context.user.person.id.uuid).all()
        // Someone both learning and helping in a cohort is treated as staff there.
        let roles = memberships.map(\.cohortRole)
        let role = roles.first { $0 != .learner } ?? roles.first
        guard role != nil || Permission.can(.viewAllCohorts, context.roles),
              let course = try await CourseRecord.find(cohort.$course.id, on: req.db) else { throw AppError.notFound() }
        return LearningAccess(context: context, cohort: cohort, course: course, role: role)
    }

    /// The day a module opens to this cohort, if it has an unlock date.
    func unlockDay(of module: CourseModule) -> Day? {
        module.unlock?.resolve(start: cohort.domain().startDate, shiftDays: cohort.scheduleShiftDays)
    }

    func dueDay(of activity: Activity) -> Day? {
        activity.due?.resolve(start: cohort.domain().startDate, shiftDays: cohort.scheduleShiftDays)
    }

    func isOpen(_ module: CourseModule) -> Bool {
        if isStaff { return true }
        guard let day = unlockDay(of: module) else { return true }
        return day <= today
    }

    /// Learners see nothing of a draft; staff do.
    var canSeeContent: Bool { isStaff || course.status == .published }
}
