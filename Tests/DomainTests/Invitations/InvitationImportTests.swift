import Foundation
import Testing
@testable import Domain

@Suite struct InvitationImportTests {
    static let spring = Cohort.ID(UUID())
    static let autumn = Cohort.ID(UUID())
    static let cohorts = ["Spring 2027": spring, "autumn": autumn]

    static func parse(_ text: String) throws(InvitationImport.Failure) -> [InvitationInput] {
        try InvitationImport.parse(text, cohorts: cohorts)
    }

    static func failure(_ text: String) -> InvitationImport.Failure? {
        do { _ = try parse(text); return nil } catch { return error }
    }

    static func rowErrors(_ text: String) -> [InvitationImport.RowError] {
        guard case .rows(let errors) = failure(text) else { return [] }
        return errors
    }

    static func error(_ line: Int, _ field: String, _ reason: FieldError.Reason) -> InvitationImport.RowError {
        InvitationImport.RowError(line: line, field: field, reason: reason)
    }

    @Test func importsEveryRowInOrder() throws {
        let inputs = try Self.parse("""
            name,email,role,cohort
            Ada Lovelace,Ada@Example.com,learner,Spring 2027
            "Hopper, Grace",grace@example.com, Trainer ,
            Alan,alan@example.com,facilitator,AUTUMN
            """)
        #expect(inputs == [
            InvitationInput(name: "Ada Lovelace", email: EmailAddress("ada@example.com")!, role: .learner, cohortID: Self.spring),
            InvitationInput(name: "Hopper, Grace", email: EmailAddress("grace@example.com")!, role: .trainer, cohortID: nil),
            InvitationInput(name: "Alan", email: EmailAddress("alan@example.com")!, role: .facilitator, cohortID: Self.autumn),
        ])
    }

    @Test(arguments: [
        "email,role,name,cohort\nada@x.io,learner,Ada,spring 2027",
        " EMAIL , Role,NAME\r\nada@x.io,learner,Ada",
        "\u{FEFF}Cohort,Name,Email,Role,Notes\n SPRING 2027 ,Ada,ada@x.io,learner,ignored",
        "name,email,role\n\"Ada\",\"ada@x.io\",\"learner\"\n\n\n",
    ])
    func headerMayBeInAnyOrderAndCase(text: String) throws {
        let inputs = try Self.parse(text)
        #expect(inputs.count == 1)
        #expect(inputs.first?.name == "Ada")
        #expect(inputs.first?.email.value == "ada@x.io")
        #expect(inputs.first?.role == .learner)
    }

    @Test(arguments: [
        ("email,role\na@x.io,learner", ["name"]),
        ("name,e-mail,cohort\nA,a@x.io,x", ["email", "role"]),
        ("nom,courriel,rôle\nA,a@x.io,learner", ["name", "email", "role"]),
        ("name,email\n", ["role"]),                       // header only, still a missing column
    ])
    func missingColumnsAreNamed(text: String, missing: [String]) {
        #expect(Self.failure(text) == .missingColumns(missing))
    }

    @Test(arguments: ["", "\n\n", "\u{FEFF}", "name,email,role", "name,email,role,cohort\r\n\r\n"])
    func emptyFileOrHeaderOnly(text: String) {
        #expect(Self.failure(text) == .empty)
    }

    /// Spreadsheets export cleared rows as bare commas; like blank lines they are not people.
    @Test func rowsOfEmptyCellsAreSkipped() throws {
        let inputs = try Self.parse("name,email,role,cohort\r\n,,,\r\nAda,a@x.io,learner,\r\n,,,\r\n , ,,\r\n,,\r\n")
        #expect(inputs.map(\.name) == ["Ada"])
        #expect(Self.failure("name,email,role\n,,\n,,\n") == .empty)
        #expect(Self.rowErrors("name,email,role\n,,\nAda,bad,learner") == [Self.error(3, "email", .invalidEmail)])
    }

    @Test func unterminatedQuoteIsReportedWithItsLine() {
        #expect(Self.failure("name,email,role\nA,a@x.io,learner\n\"B,b@x.io,learner\n") == .unterminatedQuote(line: 3))
    }
}
