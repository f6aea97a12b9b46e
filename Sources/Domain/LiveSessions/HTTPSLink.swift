import Foundation

/// A web address people are sent to from a live session (a Teams or Zoom meeting, a recording),
/// checked: `https` only, a host, no user name or password, nothing that could break out of a
/// link or fool the eye.
///
/// Only `https`: `javascript:` and `data:` run script, and `http:` leaks the meeting's passcode on
/// the way. A user part is refused because `https://teams.microsoft.com@evil.test/` goes to
/// `evil.test`. Characters are printable ASCII without spaces, quotes, angle brackets or
/// backslashes: a link copied from a browser's address bar is already percent-encoded, so this
/// refuses only what was mangled or crafted.
public struct HTTPSLink: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The link exactly as it was given (after the form's trimming).
    public let text: String

    /// Long enough for meeting links with their tracking parameters; short enough for a column.
    public static let maximumLength = 2_000

    public init?(_ text: String) {
        guard !text.isEmpty, text.count <= Self.maximumLength,
              text.unicodeScalars.allSatisfy(Self.isAllowed),
              text.lowercased().hasPrefix("https://"),
              let components = URLComponents(string: text),
              components.scheme?.lowercased() == "https",
              let host = components.host, !host.isEmpty,
              components.user == nil, components.password == nil, URL(string: text) != nil else { return nil }
        self.text = text
    }

    /// Never fails: the initializer made sure the text parses.
    public var url: URL { URL(string: text)! }

    public var description: String { text }

    /// RFC 3986 characters (reserved and unreserved) and `%`: no space, `"`, `<`, `>`, `\`, `^`,
    /// `` ` ``, `{`, `|`, `}`, nothing beyond ASCII, no control character.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        guard (0x21...0x7E).contains(scalar.value) else { return false }
        return !"\"<>\\^`{|}".unicodeScalars.contains(scalar)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let link = HTTPSLink(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Expected an https link"))
        }
        self = link
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
