import Foundation
import Testing
@testable import Domain

/// Cohorts are named in the CSV by a person, so case must not matter, yet the choice must
/// never depend on dictionary order.
@Suite struct InvitationImportCohortTests {
    private typealias T = InvitationImportTests

    private func cohorts(_ text: String, _ cohorts: [String: Cohort.ID]) throws -> [Cohort.ID?] {
        try InvitationImport.parse("name,email,role,cohort\n" + text, cohorts: cohorts).map(\.cohortID)
    }

    @Test func namesMatchIgnoringCaseAndSurroundingSpaces() throws {
        let ids = try cohorts("A,a@x.io,learner,spring 2027\nB,b@x.io,learner, Autumn \nC,c@x.io,learner,SPRING 2027",
                              T.cohorts)
        #expect(ids == [T.spring, T.autumn, T.spring])
    }

    @Test func emptyOrMissingCohortCellMeansNoCohort() throws {
        #expect(try cohorts("A,a@x.io,learner,\nB,b@x.io,learner,  \nC,c@x.io,learner", T.cohorts) == [nil, nil, nil])
        let noColumn = try InvitationImport.parse("name,email,role\nA,a@x.io,learner", cohorts: T.cohorts)
        #expect(noColumn.map(\.cohortID) == [nil])
    }

    /// Two cohorts whose names differ only in case: an exact name picks its own cohort.
    @Test func exactNameWinsOverCaseVariants() throws {
        let variants = ["spring", "Spring", "SPRING", "sPring", "spRing", "sprIng", "sprinG", "SPRing"]
        let ids = Dictionary(uniqueKeysWithValues: variants.map { ($0, Cohort.ID(UUID())) })
        let rows = variants.enumerated().map { "P\($0.offset),p\($0.offset)@x.io,learner,\($0.element)" }
        #expect(try cohorts(rows.joined(separator: "\n"), ids) == variants.map { ids[$0] })
    }

    /// Without an exact match, a name that fits several cohorts is reported rather than guessed.
    @Test func ambiguousNameIsUnknown() {
        let ids = ["Spring": Cohort.ID(UUID()), "SPRING": Cohort.ID(UUID()), "Autumn": Cohort.ID(UUID())]
        #expect(throws: InvitationImport.Failure.rows([T.error(2, "cohort", .unknownCohort)])) {
            try InvitationImport.parse("name,email,role,cohort\nA,a@x.io,learner,spring\nB,b@x.io,learner,autumn",
                                       cohorts: ids)
        }
    }
}
