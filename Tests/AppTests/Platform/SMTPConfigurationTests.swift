import Testing
@testable import App

/// Parsing `SMTP_URL`.
struct SMTPConfigurationTests {
    struct Good: Sendable, CustomTestStringConvertible {
        var url: String
        var expected: SMTPConfiguration
        var testDescription: String { url }
    }

    static let good: [Good] = [
        Good(url: "smtp://mail.example.com",
             expected: SMTPConfiguration(host: "mail.example.com", port: 25, security: .startTLSIfAvailable)),
        Good(url: "smtp://localhost:1025/",
             expected: SMTPConfiguration(host: "localhost", port: 1025, security: .startTLSIfAvailable)),
        Good(url: "smtp+starttls://apikey:se%40cr%2Ft%3A@smtp.example.com",
             expected: SMTPConfiguration(host: "smtp.example.com", port: 587, security: .startTLSRequired,
                                         username: "apikey", password: "se@cr/t:")),
        Good(url: "SMTPS://user%2Bmail@example.com@smtp.example.com:2465",
             expected: SMTPConfiguration(host: "smtp.example.com", port: 2465, security: .implicitTLS,
                                         username: "user+mail@example.com")),
        Good(url: "smtps://u:p@ss@smtp.example.com",
             expected: SMTPConfiguration(host: "smtp.example.com", port: 465, security: .implicitTLS,
                                         username: "u", password: "p@ss")),
        Good(url: "smtp://u:@[::1]:2525",
             expected: SMTPConfiguration(host: "::1", port: 2525, security: .startTLSIfAvailable,
                                         username: "u", password: "")),
    ]

    @Test(arguments: good)
    func parsesGoodURL(_ example: Good) throws {
        #expect(try SMTPConfiguration(url: example.url) == example.expected)
    }

    static let bad: [(String, String)] = [
        ("mail.example.com", "expected smtp://, smtp+starttls:// or smtps:// at the start"),
        ("http://mail.example.com", "unsupported scheme 'http' (use smtp, smtp+starttls or smtps)"),
        ("smtp://", "the host is missing"),
        ("smtp://user:pw@", "the host is missing"),
        ("smtp://:pw@mail.example.com", "the user name before '@' is empty"),
        ("smtp://mail.example.com:0", "the port '0' is not a number from 1 to 65535"),
        ("smtp://mail.example.com:99999", "the port '99999' is not a number from 1 to 65535"),
        ("smtp://mail.example.com:smtp", "the port 'smtp' is not a number from 1 to 65535"),
        ("smtp://mail.example.com/path", "nothing but host and port may follow the credentials (no path, query or spaces)"),
        ("smtp://mail.example.com?x=1", "nothing but host and port may follow the credentials (no path, query or spaces)"),
        ("smtp://us%zzer:pw@mail.example.com", "the user name is not valid percent-encoding"),
        ("smtp://user:p%4@mail.example.com", "the password is not valid percent-encoding"),
        ("smtp://[::1:25", "missing ']' after the IPv6 address"),
    ]

    @Test(arguments: bad)
    func rejectsBadURL(_ url: String, _ reason: String) {
        #expect(throws: SMTPError.invalidURL(reason)) { try SMTPConfiguration(url: url) }
    }

    @Test func defaults() throws {
        let configuration = try SMTPConfiguration(url: "smtp://mail.example.com")
        #expect(configuration.heloName == "localhost")
        #expect(configuration.timeout == .seconds(30))
        #expect(configuration.username == nil && configuration.password == nil)
        #expect(SMTPError.invalidURL("the host is missing").description == "Invalid SMTP_URL: the host is missing")
    }
}
