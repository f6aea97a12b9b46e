import Testing
import Foundation
@testable import Domain

@Suite struct CohortRoleTests {
    @Test(arguments: Role.allCases)
    func onlyCohortRolesMayComeWithACohort(role: Role) throws {
        let cohort = Cohort.ID(UUID())
        let check = { try InvitationInput.check(name: "Ann", email: "ann@acme.test", role: role.rawValue,
                                                cohortID: cohort.description, cohorts: [cohort]) }
        if role.joinsCohorts {
            #expect(try check().cohortID == cohort)
        } else {
            #expect(throws: ValidationErrors.self) { try check() }
        }
        let csv = "name,email,role,cohort\nAnn,ann@acme.test,\(role.rawValue),Spring\n"
        if role.joinsCohorts {
            #expect(try InvitationImport.parse(csv, cohorts: ["Spring": cohort]).first?.cohortID == cohort)
        } else {
            #expect(throws: InvitationImport.Failure.rows([.init(line: 2, field: "cohort", reason: .notACohortRole)])) {
                try InvitationImport.parse(csv, cohorts: ["Spring": cohort])
            }
        }
    }
}
