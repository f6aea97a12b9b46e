import Foundation
import Testing
@testable import App

/// Building the message text, without a network.
struct MIMEMessageTests {
    static let date = Date(timeIntervalSince1970: 1_741_079_100)  // Tue, 04 Mar 2025 09:05:00 UTC
    static let plain = MailMessage(
        from: MailAddress("noreply@atelier.test", name: "Atelier \"Team\""),
        to: [MailAddress("ada@example.com", name: "Ada Lovelace"), MailAddress("bob@example.com")],
        subject: "Your course starts Monday", text: "Hello,\n.dot first\nbye")

    static func render(_ message: MailMessage) throws -> String {
        try MIMEMessage(message, date: date, messageID: "abc@atelier.test", boundary: "=_b1").rendered
    }

    @Test func plainTextHeadersAndBody() throws {
        #expect(try Self.render(Self.plain) == """
            Date: Tue, 04 Mar 2025 09:05:00 +0000\r
            From: "Atelier \\"Team\\"" <noreply@atelier.test>\r
            To: "Ada Lovelace" <ada@example.com>,\r
             <bob@example.com>\r
            Subject: Your course starts Monday\r
            Message-ID: <abc@atelier.test>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Hello,\r
            .dot first\r
            bye\r

            """)
    }

    @Test func nonASCIISubjectIsEncodedInWordsOfAtMost75Chars() throws {
        var message = Self.plain
        message.subject = String(repeating: "Réunion d’équipe ✨ ", count: 5)
        let rendered = try Self.render(message)
        let subject = rendered.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject: ") }
            .prefix { $0.hasPrefix("Subject: ") || $0.hasPrefix(" ") }
        let words = subject.map { $0.replacingOccurrences(of: "Subject: ", with: "").trimmingCharacters(in: .whitespaces) }
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 })
        let decoded = words.map { Data(base64Encoded: String($0.dropFirst(10).dropLast(2)))! }
        #expect(String(decoding: decoded.reduce(Data(), +), as: UTF8.self) == message.subject)
    }

    @Test func dotStuffing() throws {
        #expect(MIMEMessage.dotStuffed(".a\r\nb\r\n.\r\n..c\r\n") == "..a\r\nb\r\n..\r\n...c\r\n")
        let data = try MIMEMessage(Self.plain, heloName: "atelier.test").smtpData
        #expect(data.contains("\r\n..dot first\r\n"))
        #expect(data.hasSuffix("\r\nbye\r\n.\r\n"))
    }

    @Test func multipartAlternative() throws {
        var message = Self.plain
        message.html = "<p>Héllo</p>"
        let rendered = try Self.render(message)
        #expect(rendered.contains("Content-Type: multipart/alternative; boundary=\"=_b1\"\r\n"))
        let parts = rendered.components(separatedBy: "\r\n--=_b1")
        #expect(parts.count == 4 && parts[3] == "--\r\n")
        #expect(parts[1].hasPrefix("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHello,"))
        #expect(parts[2] == "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>H=C3=A9llo</p>")
    }

    @Test func quotedPrintableKeepsLinesShort() {
        let encoded = MIMEEncoding.quotedPrintable(String(repeating: "é=x ", count: 400) + " \r\nend\rlast")
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast(2).allSatisfy { $0.hasSuffix("=") || $0.hasSuffix("=20") })
        #expect(lines.suffix(2) == ["end", "last"])
    }

    @Test(arguments: [
        ("subject", "Hi\r\nBcc: x@example.com"), ("name", "Ada\nBcc: x@example.com"),
        ("email", "ada@example.com\r\nBcc: x@example.com"), ("email", "ada@example.com>"),
        ("email", "no-at-sign"), ("email", "two@@example.com"), ("email", "ada lovelace@example.com"),
    ])
    func refusesHeaderInjectionAndBadAddresses(_ field: String, _ value: String) {
        var message = Self.plain
        switch field {
        case "subject": message.subject = value
        case "name": message.to[1].name = value
        default: message.to[1].email = value
        }
        #expect(throws: SMTPError.self) { try Self.render(message) }
    }

    @Test func refusesMessageWithoutRecipient() {
        var message = Self.plain
        message.to = []
        #expect(throws: SMTPError.invalidMessage("the message has no recipient")) { try Self.render(message) }
    }

    @Test func extraHeadersFollowTheStandardOnes() throws {
        var message = Self.plain
        message.headers = ["List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "List-Unsubscribe": "<https://a.test/unsubscribe/x>"]
        let rendered = try Self.render(message)
        #expect(rendered.contains("MIME-Version: 1.0\r\nList-Unsubscribe: <https://a.test/unsubscribe/x>\r\n"
                                  + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nContent-Type"))
    }

    @Test(arguments: [("X-Ok", "a\r\nBcc: x@example.com"), ("Bad Name", "v"), ("", "v"), ("X-Name:", "v"), ("X-Ok", "caf\u{e9}")])
    func refusesExtraHeadersThatCouldInjectOrBreak(_ name: String, _ value: String) {
        var message = Self.plain
        message.headers = [name: value]
        #expect(throws: SMTPError.self) { try Self.render(message) }
    }
}
