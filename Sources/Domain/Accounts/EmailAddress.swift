import Foundation

/// A normalized e-mail address: trimmed and lower-cased, so one person is one address
/// whatever the case they type it in.
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    /// Accepts the practical subset of RFC 5322 that people type: one `@`, a non-empty local part
    /// of printable ASCII without spaces or quotes, and a dotted domain of letters, digits and dashes.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard trimmed.utf8.count <= 254 else { return nil }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let local = parts[0], domain = parts[1]
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.!#$%&*+/=?^_`{|}~-'")
        guard !local.isEmpty, local.count <= 64, local.allSatisfy({ localAllowed.contains($0) }),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return nil }
        let labelAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.allSatisfy({ labelAllowed.contains($0) }),
                  !label.hasPrefix("-"), !label.hasSuffix("-") else { return nil }
        }
        self.value = trimmed
    }

    public var description: String { value }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let email = EmailAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Not an e-mail address"))
        }
        self = email
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
