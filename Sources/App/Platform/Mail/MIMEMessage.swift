import Foundation

/// A `MailMessage` rendered as an RFC 5322 / MIME document, ready for SMTP `DATA`.
/// Pure: the date, Message-ID and boundary are inputs, so tests get a fixed output.
struct MIMEMessage: Sendable, Equatable {
    /// The document with CRLF line ends, before dot-stuffing.
    let rendered: String

    /// Validates `message` (throws `SMTPError.invalidMessage`) and renders it with a fresh
    /// Message-ID (`<random@heloName>`) and multipart boundary.
    init(_ message: MailMessage, heloName: String, date: Date = Date()) throws {
        let random = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try self.init(message, date: date, messageID: "\(random)@\(heloName)", boundary: "=_atelier_\(random)")
    }

    /// Validates and renders `message` with the given values.
    init(_ message: MailMessage, date: Date, messageID: String, boundary: String) throws {
        try Self.validate(message)
        try Self.refuseLineBreaks(messageID, in: "Message-ID")
        var headers = [
            "Date: \(MIMEEncoding.date(date))",
            "From: \(MIMEEncoding.address(message.from))",
            "To: \(message.to.map(MIMEEncoding.address).joined(separator: ",\r\n "))",
            "Subject: \(MIMEEncoding.headerText(message.subject, fieldName: "Subject"))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        for (name, value) in (message.headers ?? [:]).sorted(by: { $0.key < $1.key }) {
            headers.append("\(name): \(value)")
        }
        var body: [String]
        if let html = message.html {
            headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            body = [
                "This is a multi-part message in MIME format.",
                "--\(boundary)", Self.part(message.text, type: "text/plain"),
                "--\(boundary)", Self.part(html, type: "text/html"),
                "--\(boundary)--",
            ]
        } else {
            headers += Self.partHeaders(type: "text/plain")
            body = [MIMEEncoding.quotedPrintable(message.text)]
        }
        rendered = (headers + [""] + body).joined(separator: "\r\n") + "\r\n"
    }

    /// The bytes to send after `DATA`: dot-stuffed, ending with the `.` line.
    var smtpData: String {
        Self.dotStuffed(rendered) + ".\r\n"
    }

    /// Doubles a leading "." on every line (RFC 5321 §4.5.2), so no line reads as the end of DATA.
    /// Expects CRLF line ends.
    static func dotStuffed(_ text: String) -> String {
        var stuffed = text.replacingOccurrences(of: "\r\n.", with: "\r\n..")
        if stuffed.hasPrefix(".") { stuffed = "." + stuffed }
        return stuffed
    }

    private static func partHeaders(type: String) -> [String] {
        ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: quoted-printable"]
    }

    private static func part(_ content: String, type: String) -> String {
        (partHeaders(type: type) + ["", MIMEEncoding.quotedPrintable(content)]).joined(separator: "\r\n")
    }

    /// Refuses what would let a caller inject headers or break the SMTP envelope.
    static func validate(_ message: MailMessage) throws {
        guard !message.to.isEmpty else { throw SMTPError.invalidMessage("the message has no recipient") }
        try refuseLineBreaks(message.subject, in: "the subject")
        for (name, value) in message.headers ?? [:] {
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-") }),
                  value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 && $0.value < 127 }) else {
                throw SMTPError.invalidMessage("header \(name.prefix(40)) must be ASCII without line breaks")
            }
        }
        for address in [message.from] + message.to {
            try refuseLineBreaks(address.name ?? "", in: "a display name")
            try validateEmail(address.email)
        }
    }

    private static func refuseLineBreaks(_ text: String, in field: String) throws {
        if text.contains(where: { $0.isNewline }) {
            throw SMTPError.invalidMessage("line break in \(field) (header injection refused)")
        }
    }

    /// An envelope address: ASCII, no spaces, control characters or brackets, `local@domain`.
    static func validateEmail(_ email: String) throws {
        try refuseLineBreaks(email, in: "an e-mail address")
        let allowed = email.unicodeScalars.allSatisfy {
            (0x21...0x7E).contains($0.value) && !"<>()[]\\,;:\"".unicodeScalars.contains($0)
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard allowed, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw SMTPError.invalidMessage("invalid e-mail address \(String(reflecting: email))")
        }
    }
}
