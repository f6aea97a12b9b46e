/// Everything that needs a role, decided in one place. Handlers guard with
/// `Permission.can(.managePeople, roles)`; templates only show what handlers allow.
public enum Permission: Sendable {
    case managePeople
    case manageCohorts
    case manageCourses
    case viewAllCohorts
    case viewReports

    public static func can(_ permission: Permission, _ roles: Set<Role>) -> Bool {
        switch permission {
        case .managePeople, .manageCohorts, .viewReports:
            return roles.contains(.admin)
        case .manageCourses:
            return roles.contains(.admin) || roles.contains(.author)
        case .viewAllCohorts:
            return roles.contains(.admin)
        }
    }
}
