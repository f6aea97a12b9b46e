import Foundation

/// The encodings used to put a `MailMessage` on the wire. Pure functions, no I/O.
enum MIMEEncoding {
    /// Splits text into lines, accepting CRLF, LF and lone CR as line ends.
    static func lines(_ text: String) -> [Substring] {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
        return normalised.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text, with CRLF line ends and lines ≤ 76 chars.
    static func quotedPrintable(_ text: String) -> String {
        lines(text).map(quotedPrintableLine).joined(separator: "\r\n")
    }

    private static func quotedPrintableLine(_ line: Substring) -> String {
        let bytes = Array(line.utf8)
        var out = "", width = 0
        for (index, byte) in bytes.enumerated() {
            let isWhitespace = byte == 0x20 || byte == 0x09
            let literal = (isWhitespace && index < bytes.count - 1)
                || ((33...126).contains(byte) && byte != UInt8(ascii: "="))
            let piece = literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
            if width + piece.count > 75 {  // soft line break: "=" makes 76
                out += "=\r\n"
                width = 0
            }
            out += piece
            width += piece.count
        }
        return out
    }

    /// Whether text can go into a header as it is: printable ASCII and tabs only.
    static func isPlainHeaderText(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) || $0 == "\t" }
    }

    /// RFC 2047 encoded words (`=?UTF-8?B?…?=`), each ≤ 75 chars and holding whole characters.
    /// Join them with "\r\n " to fold a long header.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = [], chunk: [UInt8] = []
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
            chunk = []
        }
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 45 { flush() }  // 45 bytes → 60 base64 chars
            chunk += bytes
        }
        flush()
        return words
    }

    /// A header value for free text (subject, display name): as is when short plain ASCII,
    /// otherwise encoded words folded onto continuation lines.
    static func headerText(_ text: String, fieldName: String) -> String {
        if isPlainHeaderText(text) && fieldName.count + 2 + text.count <= 78 { return text }
        return encodedWords(text).joined(separator: "\r\n ")
    }

    /// `"Name" <email>` (name quoted or encoded as needed), or `<email>` without a name.
    static func address(_ address: MailAddress) -> String {
        guard let name = address.name, !name.isEmpty else { return "<\(address.email)>" }
        if isPlainHeaderText(name) && name.count <= 60 {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(address.email)>"
        }
        return encodedWords(name).joined(separator: "\r\n ") + " <\(address.email)>"
    }

    /// An RFC 5322 date, e.g. `Tue, 04 Mar 2025 09:05:00 +0000`.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
