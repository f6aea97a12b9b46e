import Foundation
import Testing
@testable import Domain

/// All or nothing: every problem on every row is reported, with the line a spreadsheet shows.
@Suite struct InvitationImportErrorTests {
    private typealias T = InvitationImportTests

    @Test func everyBadRowIsReportedWithItsLineAndField() {
        let errors = T.rowErrors("""
            name,email,role
            Ada,not-an-email,learner
            Bob,bob@x.io,wizard
            Cy,cy@x.io,learner
            """)
        #expect(errors == [T.error(2, "email", .invalidEmail), T.error(3, "role", .unknownRole)])
    }

    @Test func everyProblemOnOneRowIsReported() {
        let errors = T.rowErrors("name,email,role,cohort\n  ,nope,boss,Winter\n")
        #expect(errors == [T.error(2, "name", .required), T.error(2, "email", .invalidEmail),
                           T.error(2, "role", .unknownRole), T.error(2, "cohort", .unknownCohort)])
    }

    @Test func shortRowsReportTheMissingFields() {
        #expect(T.rowErrors("name,email,role\nAda\nBob,bob@x.io") ==
                [T.error(2, "email", .required), T.error(2, "role", .required), T.error(3, "role", .required)])
    }

    @Test func lineNumbersCountBlankLinesAndLineBreaksInsideQuotes() {
        let errors = T.rowErrors("name,email,role\n\n\"Ada\nLovelace\",ada@x.io,learner\nBob,bad,learner\n")
        // A name may not span lines, but the break still counts for the lines after it.
        #expect(errors == [T.error(3, "name", .controlCharacters), T.error(5, "email", .invalidEmail)])
    }

    @Test func duplicatesWithinTheFileAreReportedOnTheLaterLine() {
        let errors = T.rowErrors("""
            name,email,role
            Ada,ada@x.io,learner
            Bob,bob@x.io,learner
            Ada again, ADA@X.IO ,trainer
            Bob again,Bob@x.io,learner
            """)
        #expect(errors == [T.error(4, "email", .duplicate), T.error(5, "email", .duplicate)])
    }

    @Test func unknownCohortIsReported() {
        #expect(T.rowErrors("name,email,role,cohort\nAda,ada@x.io,learner,Spring 2028") ==
                [T.error(2, "cohort", .unknownCohort)])
    }

    @Test func overlongNameIsReported() {
        let name = String(repeating: "n", count: Person.maximumNameLength + 1)
        #expect(T.rowErrors("name,email,role\n\(name),a@x.io,learner") == [T.error(2, "name", .tooLong)])
    }

    @Test func rowsUpToTheMaximumAreImported() throws {
        let rows = (1...InvitationImport.maximumRows).map { "P\($0),p\($0)@x.io,learner" }
        let inputs = try T.parse((["name,email,role"] + rows).joined(separator: "\n"))
        #expect(inputs.count == 1_000)
        #expect(inputs.last?.email.value == "p1000@x.io")
    }

    @Test func moreRowsThanTheMaximumAreRefused() {
        let rows = (1...InvitationImport.maximumRows + 1).map { "P\($0),p\($0)@x.io,learner" }
        #expect(T.failure((["name,email,role"] + rows).joined(separator: "\n")) == .tooManyRows(limit: 1_000))
    }

    @Test func emptyCohortMapMakesEveryNamedCohortUnknown() {
        #expect(throws: InvitationImport.Failure.rows([T.error(2, "cohort", .unknownCohort)])) {
            try InvitationImport.parse("name,email,role,cohort\nA,a@x.io,learner,Spring 2027\nB,b@x.io,learner,",
                                       cohorts: [:])
        }
    }
}
