import Testing
@testable import Domain

@Suite struct PermissionTests {
    static let all: [Permission] = [.managePeople, .manageCohorts, .manageCourses, .viewAllCohorts, .viewReports]

    /// Who holds each permission, on their own.
    static let holders: [(Permission, Set<Role>)] = [
        (.managePeople, [.admin]),
        (.manageCohorts, [.admin]),
        (.manageCourses, [.admin, .author]),
        (.viewAllCohorts, [.admin]),
        (.viewReports, [.admin]),
    ]

    @Test func tableCoversEveryPermission() {
        #expect(Self.holders.count == Self.all.count)
    }

    @Test(arguments: holders)
    func everyRoleAlone(permission: Permission, holders: Set<Role>) {
        for role in Role.allCases {
            #expect(Permission.can(permission, [role]) == holders.contains(role), "\(permission) for \(role)")
        }
    }

    @Test(arguments: all)
    func nobodyWithoutRoles(permission: Permission) {
        #expect(!Permission.can(permission, []))
    }

    /// Holding several roles grants the union of what each grants.
    @Test(arguments: holders)
    func rolesCombine(permission: Permission, holders: Set<Role>) {
        for mask in 0..<(1 << Role.allCases.count) {
            let roles = Set(Role.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
            #expect(Permission.can(permission, roles) == !roles.isDisjoint(with: holders), "\(permission) for \(roles)")
        }
    }

    @Test func staffRolesManageNothingOrganizationWide() {
        let staff: Set<Role> = [.trainer, .facilitator, .learner]
        for permission in Self.all { #expect(!Permission.can(permission, staff)) }
    }
}
