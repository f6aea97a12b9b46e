import Foundation

/// Where and how `SMTPMailer` delivers mail; usually parsed once at boot from `SMTP_URL`.
public struct SMTPConfiguration: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: Sendable, Equatable {
        /// Plain text, even if the server offers STARTTLS (local test servers only).
        case none
        /// Upgrade with STARTTLS when the server offers it (with full certificate verification).
        case startTLSIfAvailable
        /// Upgrade with STARTTLS, and refuse to send if the server does not offer it.
        case startTLSRequired
        /// TLS from the first byte (usually port 465).
        case implicitTLS
    }

    /// The server's host name or IP address; also the name its certificate is checked against.
    public var host: String
    /// The TCP port.
    public var port: Int
    /// How the connection is protected.
    public var security: Security
    /// When set, the mailer authenticates with AUTH PLAIN or LOGIN.
    public var username: String?
    /// The password for `username` (an empty password when `nil`).
    public var password: String?
    /// The name we announce in EHLO/HELO and use in `Message-ID`.
    public var heloName: String
    /// The limit for each step: connecting, the TLS handshake and every command's reply.
    public var timeout: Duration

    /// Creates a configuration from its parts.
    public init(
        host: String, port: Int = 25, security: Security = .startTLSIfAvailable,
        username: String? = nil, password: String? = nil,
        heloName: String = "localhost", timeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.timeout = timeout
    }

    /// Parses SMTP_URL: smtp://[user[:pass]@]host[:port] (default port 25, STARTTLS if offered),
    /// smtp+starttls://… (STARTTLS required, default port 587), smtps://… (implicit TLS, port 465).
    /// Percent-decodes user and password. Throws `SMTPError.invalidURL(reason)` with a clear message.
    public init(url: String) throws {
        guard let schemeEnd = url.range(of: "://") else {
            throw SMTPError.invalidURL("expected smtp://, smtp+starttls:// or smtps:// at the start")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let security: Security, defaultPort: Int
        switch scheme {
        case "smtp": (security, defaultPort) = (.startTLSIfAvailable, 25)
        case "smtp+starttls": (security, defaultPort) = (.startTLSRequired, 587)
        case "smtps": (security, defaultPort) = (.implicitTLS, 465)
        default:
            throw SMTPError.invalidURL("unsupported scheme '\(scheme)' (use smtp, smtp+starttls or smtps)")
        }
        var rest = url[schemeEnd.upperBound...]
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        var username: String?, password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let user = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            username = try Self.percentDecoded(user[0], what: "user name")
            if user.count == 2 { password = try Self.percentDecoded(user[1], what: "password") }
            if username == "" {
                throw SMTPError.invalidURL("the user name before '@' is empty")
            }
        }
        if rest.contains(where: { "/?#".contains($0) || $0.isWhitespace }) {
            throw SMTPError.invalidURL("nothing but host and port may follow the credentials (no path, query or spaces)")
        }
        let (host, port) = try Self.hostAndPort(rest, defaultPort: defaultPort)
        self.init(host: host, port: port, security: security, username: username, password: password)
    }

    private static func percentDecoded(_ part: Substring, what: String) throws -> String {
        guard let decoded = String(part).removingPercentEncoding else {
            throw SMTPError.invalidURL("the \(what) is not valid percent-encoding")
        }
        return decoded
    }

    private static func hostAndPort(_ authority: Substring, defaultPort: Int) throws -> (String, Int) {
        var host = authority, portText: Substring?
        if authority.hasPrefix("[") {  // IPv6 literal: [::1]:25
            guard let close = authority.firstIndex(of: "]") else {
                throw SMTPError.invalidURL("missing ']' after the IPv6 address")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw SMTPError.invalidURL("unexpected text after ']'") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { throw SMTPError.invalidURL("the host is missing") }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw SMTPError.invalidURL("the port '\(portText)' is not a number from 1 to 65535")
        }
        return (String(host), port)
    }
}
