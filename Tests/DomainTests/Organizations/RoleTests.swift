import Testing
@testable import Domain

@Suite struct RoleTests {
    @Test(arguments: [
        ("admin", Role.admin), ("Admin", .admin), ("  ADMIN  ", .admin), ("\tTrainer", .trainer),
        ("facilitator", .facilitator), ("LeArNeR ", .learner), ("author", .author),
    ])
    func parsesTextIgnoringCaseAndSurroundingSpaces(text: String, role: Role) {
        #expect(Role(text: text) == role)
    }

    @Test(arguments: ["", "  ", "admins", "ad min", "teacher", "learner,admin", "Ädmin", "owner"])
    func rejectsUnknownText(text: String) {
        #expect(Role(text: text) == nil)
    }

    @Test func ordersAsDeclared() {
        #expect(Role.allCases == [.admin, .author, .trainer, .facilitator, .learner])
        #expect(Role.allCases.shuffled().sorted() == Role.allCases)
        #expect(Role.admin < .learner)
        #expect(!(Role.learner < .learner))
    }

    @Test func encodesInAStableOrder() {
        #expect(Role.encode([]) == "")
        #expect(Role.encode([.learner, .admin]) == "admin,learner")
        #expect(Role.encode(Set(Role.allCases)) == "admin,author,trainer,facilitator,learner")
    }

    /// Every one of the 32 role sets survives storage.
    @Test func encodeDecodeRoundTripsEverySubset() {
        for mask in 0..<(1 << Role.allCases.count) {
            let roles = Set(Role.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
            #expect(Role.decode(Role.encode(roles)) == roles, "mask \(mask)")
        }
    }

    @Test func decodeIgnoresUnknownAndEmptyParts() {
        #expect(Role.decode("") == [])
        #expect(Role.decode("admin,,bogus,trainer,") == [.admin, .trainer])
        #expect(Role.decode("learner,learner") == [.learner])
    }

    @Test func codableUsesTheRawValue() {
        #expect(Role(rawValue: "facilitator") == .facilitator)
        #expect(Role.author.rawValue == "author")
    }

    @Test func cohortRolesRequireTheMatchingOrganizationRole() {
        #expect(CohortRole.allCases.map(\.requiredOrganizationRole) == [.learner, .trainer, .facilitator])
        for role in CohortRole.allCases { #expect(role.requiredOrganizationRole.rawValue == role.rawValue) }
    }
}
