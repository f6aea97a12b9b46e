import Domain
import Fluent
import Vapor

/// Who may follow a cohort's course, and as what: its learners (once the course is published),
/// its trainers and facilitators, and the organization's admins. Everyone else gets 404.
struct LearningAccess {
    /// What the learning pages need of a cohort, its course and the person's place in it: values,
    /// so they can sit in the `ReadCaches` between writes.
    struct Snapshot: Sendable {
        let cohort: Cohort
        let shiftDays: Int
        let courseID: UUID
        let courseName: String
        let courseDescription: String
        let courseStatus: PublicationStatus
        /// The person's place in this cohort; nil for an admin who is not in it.
        let role: CohortRole?
    }

    let context: OrganizationContext
    let snapshot: Snapshot

    var cohort: Cohort { snapshot.cohort }
    var cohortID: UUID { snapshot.cohort.id.uuid }
    var courseID: UUID { snapshot.courseID }
    var role: CohortRole? { snapshot.role }
    var isLearner: Bool { role == .learner }
    /// Staff see the course as it is, drafts and locked modules included, and record no progress.
    var isStaff: Bool { !isLearner }
    var personID: UUID { context.user.person.id.uuid }
    /// Read once per request: every module's "is it open?" compares with it.
    let today: Day = .today()

    static func load(_ req: Request) async throws -> LearningAccess {
        let context = try await req.organizationContext()
        guard let text = req.parameters.get("cohortID"), let cohortID = UUID(uuidString: text) else { throw AppError.notFound() }
        let personID = context.user.person.id.uuid
        let snapshot = try await req.application.readCaches.cohortAccess.value(for: "\(cohortID)/\(personID)") {
            try await load(cohortID: cohortID, personID: personID, organizationID: context.organizationID, on: req.db)
                .map { ($0, validUntil: .distantFuture) }
        }
        guard let snapshot, snapshot.role != nil || Permission.can(.viewAllCohorts, context.roles) else { throw AppError.notFound() }
        return LearningAccess(context: context, snapshot: snapshot)
    }

    private static func load(cohortID: UUID, personID: UUID, organizationID: UUID, on db: any Database) async throws -> Snapshot? {
        guard let cohort = try await CohortRecord.query(on: db).filter(\.$id == cohortID)
                .filter(\.$organization.$id == organizationID).first(),
              let course = try await CourseRecord.find(cohort.$course.id, on: db) else { return nil }
        let roles = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == cohortID)
            .filter(\.$person.$id == personID).all().map(\.cohortRole)
        // Someone both learning and helping in a cohort is treated as staff there.
        return Snapshot(cohort: cohort.domain(), shiftDays: cohort.scheduleShiftDays, courseID: course.id!, courseName: course.name,
                        courseDescription: course.description, courseStatus: course.status,
                        role: roles.first { $0 != .learner } ?? roles.first)
    }

    /// The day a module opens to this cohort, if it has an unlock date.
    func unlockDay(of module: CourseModule) -> Day? {
        module.unlock?.resolve(start: cohort.startDate, shiftDays: snapshot.shiftDays)
    }

    func dueDay(of activity: Activity) -> Day? {
        activity.due?.resolve(start: cohort.startDate, shiftDays: snapshot.shiftDays)
    }

    func isOpen(_ module: CourseModule) -> Bool {
        if isStaff { return true }
        guard let day = unlockDay(of: module) else { return true }
        return day <= today
    }

    /// Its trainers and facilitators, and the organization's cohort managers: they schedule live
    /// classes, correct attendance, write announcements.
    var runsCohort: Bool { role == .trainer || role == .facilitator || Permission.can(.manageCohorts, context.roles) }

    /// Learners see nothing of a draft; staff do.
    var canSeeContent: Bool { isStaff || snapshot.courseStatus == .published }
}
