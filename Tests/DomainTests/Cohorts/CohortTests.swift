import Foundation
import Testing
@testable import Domain

@Suite struct CohortTests {
    static func cohort(capacity: Int = 25, start: String = "2027-03-01", end: String = "2027-03-31") -> Cohort {
        Cohort(id: Cohort.ID(UUID()), organizationID: Organization.ID(UUID()), courseID: Course.ID(UUID()),
               name: "Spring", startDate: Day(start)!, endDate: Day(end)!, capacity: capacity)
    }

    @Test(arguments: [
        ("2027-02-28", Cohort.Status.upcoming),
        ("2027-03-01", .running),      // the first day counts
        ("2027-03-15", .running),
        ("2027-03-31", .running),      // and so does the last
        ("2027-04-01", .finished),
        ("2026-12-31", .upcoming),
        ("2028-01-01", .finished),
    ])
    func status(today: String, expected: Cohort.Status) throws {
        #expect(Self.cohort().status(today: try #require(Day(today))) == expected)
    }

    @Test func oneDayCohortRunsOnThatDayOnly() {
        let cohort = Self.cohort(start: "2027-03-01", end: "2027-03-01")
        #expect(cohort.status(today: Day("2027-02-28")!) == .upcoming)
        #expect(cohort.status(today: Day("2027-03-01")!) == .running)
        #expect(cohort.status(today: Day("2027-03-02")!) == .finished)
    }

    @Test func limits() {
        #expect(Cohort.defaultCapacity == 25)
        #expect(Cohort.capacityRange == 1...500)
        #expect(Cohort.capacityRange.contains(Cohort.defaultCapacity))
    }
}

@Suite struct CohortInputTests {
    private let courseID = "3F2504E0-4F89-41D3-9D2A-0C04FE8A0B1C"

    private func check(name: String? = "Spring 2027", courseID: String? = nil, start: String? = "2027-03-01",
                       end: String? = "2027-06-30", capacity: String? = nil) throws -> CohortInput {
        try CohortInput.check(name: name, courseID: courseID ?? self.courseID, startDate: start, endDate: end,
                              capacity: capacity)
    }

    @Test func acceptsAValidCohortAndDefaultsCapacityTo25() throws {
        let input = try check(name: "  Spring 2027 ", start: " 2027-03-01 ")
        #expect(input == CohortInput(name: "Spring 2027", courseID: Course.ID(courseID)!,
                                     startDate: Day("2027-03-01")!, endDate: Day("2027-06-30")!, capacity: 25))
        #expect(try check(capacity: "").capacity == Cohort.defaultCapacity)
        #expect(try check(capacity: "   ").capacity == 25)
    }

    @Test func missingFieldsAreAllReportedAtOnce() {
        let errors = fieldErrors {
            try CohortInput.check(name: nil, courseID: nil, startDate: nil, endDate: "", capacity: nil)
        }
        #expect(errors == [FieldError("name", .required), FieldError("course_id", .required),
                           FieldError("start_date", .required), FieldError("end_date", .required)])
    }

    @Test func everyInvalidFieldIsReportedAtOnce() {
        let errors = fieldErrors {
            try check(name: String(repeating: "x", count: 121), courseID: "course-1", start: "2027-02-29",
                      end: "2027-13-01", capacity: "lots")
        }
        #expect(errors == [FieldError("name", .tooLong), FieldError("course_id", .invalid),
                           FieldError("start_date", .invalidDate), FieldError("end_date", .invalidDate),
                           FieldError("capacity", .invalid)])
    }

    @Test func endBeforeStartIsReportedOnTheEndDate() {
        #expect(fieldErrors { try check(start: "2027-03-02", end: "2027-03-01") } ==
                [FieldError("end_date", .endBeforeStart)])
        #expect(fieldErrors { try check(start: "2028-01-01", end: "2027-12-31", capacity: "0") } ==
                [FieldError("end_date", .endBeforeStart), FieldError("capacity", .outOfRange)])
    }

    @Test func aOneDayCohortIsAllowed() throws {
        let input = try check(start: "2027-03-01", end: "2027-03-01")
        #expect(input.startDate == input.endDate)
    }

    @Test(arguments: [("1", 1), ("25", 25), ("500", 500), (" 42 ", 42), ("+7", 7), ("007", 7)])
    func capacityWithinRange(text: String, seats: Int) throws {
        #expect(try check(capacity: text).capacity == seats)
    }

    @Test(arguments: ["0", "501", "-1", "100000"])
    func capacityOutOfRange(text: String) {
        #expect(fieldErrors { try check(capacity: text) } == [FieldError("capacity", .outOfRange)])
    }

    @Test(arguments: ["abc", "2.5", "25 seats", "1e2", "٢٥", "99999999999999999999999"])
    func capacityThatIsNotAWholeNumber(text: String) {
        #expect(fieldErrors { try check(capacity: text) } == [FieldError("capacity", .invalid)])
    }

    @Test func courseIDIsTrimmedAndParsed() throws {
        #expect(try check(courseID: "  \(courseID.lowercased()) ").courseID == Course.ID(courseID))
    }

    @Test(arguments: ["2026-1-5", "05/01/2026", "2027-02-29", "tomorrow"])
    func datesMustBeRealYYYYMMDD(text: String) {
        #expect(fieldErrors { try check(start: text, end: "2030-01-01") } == [FieldError("start_date", .invalidDate)])
    }
}
