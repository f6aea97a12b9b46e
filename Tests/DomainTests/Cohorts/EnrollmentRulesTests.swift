import Foundation
import Testing
@testable import Domain

@Suite struct EnrollmentRulesTests {
    private let cohort = CohortTests.cohort(capacity: 3)

    @Test(arguments: [0, 1, 2])
    func oneMoreFitsWhileSeatsRemain(seatsTaken: Int) throws {
        try EnrollmentRules.checkEnroll(cohort: cohort, seatsTaken: seatsTaken, alreadyEnrolled: false)
    }

    @Test(arguments: [3, 4])
    func fullCohortRefuses(seatsTaken: Int) {
        #expect(throws: EnrollmentError.cohortFull(capacity: 3)) {
            try EnrollmentRules.checkEnroll(cohort: cohort, seatsTaken: seatsTaken, alreadyEnrolled: false)
        }
    }

    @Test(arguments: [0, 3])
    func alreadyEnrolledIsReportedFirst(seatsTaken: Int) {
        #expect(throws: EnrollmentError.alreadyEnrolled) {
            try EnrollmentRules.checkEnroll(cohort: cohort, seatsTaken: seatsTaken, alreadyEnrolled: true)
        }
    }

    @Test(arguments: [(0, 0), (0, 3), (1, 2), (2, 1), (3, 0)])
    func bulkAddingFitsUpToCapacity(seatsTaken: Int, adding: Int) throws {
        try EnrollmentRules.checkEnroll(cohort: cohort, seatsTaken: seatsTaken, adding: adding)
    }

    @Test(arguments: [(0, 4), (1, 3), (2, 2), (3, 1), (0, 1_000)])
    func bulkAddingBeyondCapacityRefusesAll(seatsTaken: Int, adding: Int) {
        #expect(throws: EnrollmentError.cohortFull(capacity: 3)) {
            try EnrollmentRules.checkEnroll(cohort: cohort, seatsTaken: seatsTaken, adding: adding)
        }
    }

    @Test func capacityOfTheDefaultCohort() throws {
        let cohort = CohortTests.cohort()
        try EnrollmentRules.checkEnroll(cohort: cohort, seatsTaken: 24, alreadyEnrolled: false)
        try EnrollmentRules.checkEnroll(cohort: cohort, seatsTaken: 20, adding: 5)
        #expect(throws: EnrollmentError.cohortFull(capacity: 25)) {
            try EnrollmentRules.checkEnroll(cohort: cohort, seatsTaken: 20, adding: 6)
        }
    }
}
