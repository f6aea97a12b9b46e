import Foundation

/// AUTH PLAIN (preferred) or AUTH LOGIN (RFC 4954), over an established connection.
enum SMTPAuthentication {
    /// Authenticates with the first supported mechanism in `offered` (upper-cased names).
    /// Throws `SMTPError.authenticationFailed` when the server refuses the credentials (5xx),
    /// offers no supported mechanism, or when `secure` is false (credentials would go in clear).
    /// A 4xx reply stays an `unexpectedReply`, so the caller may retry.
    static func authenticate(
        _ connection: SMTPConnection, username: String, password: String, offered: [String], secure: Bool
    ) async throws {
        guard secure else {
            throw SMTPError.authenticationFailed("refusing to send credentials over an unencrypted connection")
        }
        if offered.contains("PLAIN") {
            let token = base64("\0\(username)\0\(password)")
            try check(await connection.send("AUTH PLAIN \(token)", name: "AUTH PLAIN"), step: "AUTH PLAIN", 235)
        } else if offered.contains("LOGIN") {
            try check(await connection.send("AUTH LOGIN", name: "AUTH LOGIN"), step: "AUTH LOGIN", 334)
            try check(await connection.send(base64(username), name: "AUTH LOGIN user name"),
                      step: "AUTH LOGIN user name", 334)
            try check(await connection.send(base64(password), name: "AUTH LOGIN password"),
                      step: "AUTH LOGIN password", 235)
        } else {
            let list = offered.isEmpty ? "none" : offered.joined(separator: " ")
            throw SMTPError.authenticationFailed("the server offers no AUTH PLAIN or LOGIN (offered: \(list))")
        }
    }

    private static func check(_ reply: SMTPReply, step: String, _ expected: Int) throws {
        if reply.code == expected { return }
        if (500..<600).contains(reply.code) {
            throw SMTPError.authenticationFailed("\(step): \(reply.code) \(reply.text)")
        }
        throw SMTPError.unexpectedReply(command: step, code: reply.code, text: reply.text)
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
