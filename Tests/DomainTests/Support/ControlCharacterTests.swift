import Testing
@testable import Domain

@Suite struct ControlCharacterTests {
    @Test(arguments: ["Ann\nBcc: x@evil.test", "Ann\rB", "A\u{0}B", "A\u{1b}[31mB", "A\u{2028}B", "Tab\there"])
    func singleLineFieldsRefuseControlCharacters(name: String) {
        #expect(throws: ValidationErrors.self) { try ProfileInput.check(name: name, email: "ann@acme.test") }
        #expect(throws: ValidationErrors.self) { try CourseInput.check(name: name, description: "") }
    }

    @Test func descriptionsMayHaveSeveralLines() throws {
        let input = try CourseInput.check(name: "Negotiation", description: "Line one\nLine two\r\n\tindented")
        #expect(input.description.contains("\n"))
        #expect(throws: ValidationErrors.self) { try CourseInput.check(name: "N", description: "bell\u{7}") }
    }

    @Test func aCSVNameWithALineBreakIsReportedOnItsLine() {
        let csv = "name,email,role\n\"Ann\nBcc: x@evil.test\",ann@acme.test,learner\n"
        #expect(throws: InvitationImport.Failure.rows([.init(line: 2, field: "name", reason: .controlCharacters)])) {
            try InvitationImport.parse(csv, cohorts: [:])
        }
    }
}
