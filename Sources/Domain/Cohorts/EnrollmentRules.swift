/// Why a learner could not be enrolled.
public enum EnrollmentError: Error, Equatable, Sendable {
    case cohortFull(capacity: Int)
    case alreadyEnrolled
}

/// Who may join a cohort. Nobody enrolls themselves: an admin assigns, or an invitation does.
public enum EnrollmentRules {
    /// Decides whether one more learner fits.
    public static func checkEnroll(cohort: Cohort, seatsTaken: Int, alreadyEnrolled: Bool) throws {
        if alreadyEnrolled { throw EnrollmentError.alreadyEnrolled }
        if seatsTaken >= cohort.capacity { throw EnrollmentError.cohortFull(capacity: cohort.capacity) }
    }

    /// Decides whether several learners fit at once (an import is all or nothing).
    public static func checkEnroll(cohort: Cohort, seatsTaken: Int, adding count: Int) throws {
        if seatsTaken + count > cohort.capacity { throw EnrollmentError.cohortFull(capacity: cohort.capacity) }
    }
}

/// The part a person plays in one cohort.
public enum CohortRole: String, Codable, Sendable, CaseIterable {
    case learner, trainer, facilitator

    /// Staff roles chosen per cohort must be held in the organization too.
    public var requiredOrganizationRole: Role {
        switch self {
        case .learner: .learner
        case .trainer: .trainer
        case .facilitator: .facilitator
        }
    }
}
