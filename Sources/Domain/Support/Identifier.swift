import Foundation

/// A typed identifier: an `Identifier<Cohort>` can never be passed where an
/// `Identifier<Course>` is expected, though both are UUIDs underneath.
public struct Identifier<Subject>: Hashable, Sendable, Codable, CustomStringConvertible {
    public let uuid: UUID

    public init(_ uuid: UUID) { self.uuid = uuid }

    /// Parses the canonical text form; `nil` for anything else (a path segment, a form value).
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }

    /// Lower-case canonical text, written byte by byte: pages print ids by the hundred, and
    /// Foundation's `uuidString` (formatted through `vfprintf`) then `lowercased()` showed in profiles.
    public var description: String { uuid.lowercasedText }

    public init(from decoder: Decoder) throws {
        self.uuid = try decoder.singleValueContainer().decode(UUID.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension UUID {
    private static let lowerDigits = Array("0123456789abcdef".utf8), upperDigits = Array("0123456789ABCDEF".utf8)

    /// The canonical text form in lower case: 8-4-4-4-12 hex digits.
    public var lowercasedText: String { text(Self.lowerDigits) }

    /// The text `uuidString` gives (upper case), without the formatting call it makes on Linux: a
    /// batch of submissions writes hundreds.
    public var uppercasedText: String { text(Self.upperDigits) }

    /// Whether `a` comes before `b` in the order of their text (`uuidString`), by their bytes:
    /// sorting a batch's rows by `uuidString` made two strings a comparison.
    public static func textOrder(_ a: UUID, _ b: UUID) -> Bool {
        withUnsafeBytes(of: a.uuid) { a in withUnsafeBytes(of: b.uuid) { b in a.lexicographicallyPrecedes(b) } }
    }

    private func text(_ digits: [UInt8]) -> String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var at = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        out[at] = UInt8(ascii: "-"); at += 1
                    }
                    out[at] = digits[Int(byte >> 4)]
                    out[at + 1] = digits[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }
}
