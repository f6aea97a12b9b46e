import Foundation

/// What a person may do in one organization. A person may hold several roles at once.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case admin, author, trainer, facilitator, learner

    /// Parses a role as typed in a form or a CSV: case and surrounding spaces do not matter.
    public init?(text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Whether an invitation with this role may also place the person in a cohort.
    public var joinsCohorts: Bool { self == .learner || self == .trainer || self == .facilitator }

    /// Encodes a role set as stored in one column ("admin,trainer"), in a stable order.
    public static func encode(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: ",")
    }

    /// Decodes a stored role set, ignoring anything unknown.
    public static func decode(_ text: String) -> Set<Role> {
        Set(text.split(separator: ",").compactMap { Role(rawValue: String($0)) })
    }
}
