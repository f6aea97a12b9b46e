import Domain
import Fluent
import Vapor
import Views

/// Adding people to a cohort, with the capacity rule, from the cohort page, an invitation or the API.
enum CohortMembership {
    /// Returns the failure to show, or nil when the person is in.
    static func add(personID: UUID, to cohort: CohortRecord, as role: CohortRole, on db: any Database) async throws -> Flash.FailureText? {
        let existing = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == cohort.id!)
            .filter(\.$person.$id == personID).filter(\.$role == role.rawValue).count()
        if role == .learner {
            let taken = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == cohort.id!)
                .filter(\.$role == CohortRole.learner.rawValue).count()
            do {
                try EnrollmentRules.checkEnroll(cohort: cohort.domain(), seatsTaken: taken, alreadyEnrolled: existing > 0)
            } catch let error as EnrollmentError {
                return failure(error)
            }
        } else if existing > 0 {
            return .alreadyEnrolled
        }
        try await CohortMemberRecord(cohortID: cohort.id!, organizationID: cohort.$organization.id, personID: personID,
                                     role: role).save(on: db)
        return nil
    }

    static func failure(_ error: EnrollmentError) -> Flash.FailureText {
        switch error {
        case .cohortFull: .cohortFull
        case .alreadyEnrolled: .alreadyEnrolled
        }
    }
}
