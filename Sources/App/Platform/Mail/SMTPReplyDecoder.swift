import NIOCore

/// One SMTP reply: the three-digit code and the text of each line (without code and separator).
struct SMTPReply: Sendable, Equatable {
    /// The reply code, e.g. 250.
    var code: Int
    /// The text after the code on each line; several lines for `250-…` continuations.
    var lines: [String]

    /// All lines joined, for error messages and logs.
    var text: String { lines.joined(separator: " | ") }
}

/// Decodes bytes from the server into `SMTPReply` values (RFC 5321 §4.2), joining
/// multi-line replies (`250-first`, `250-second`, `250 last`). Accepts bare LF line ends.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    /// Longer lines or replies mean a broken or hostile server.
    static let maxLineLength = 4096
    static let maxLinesPerReply = 256

    private var code: Int?
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count > Self.maxLineLength {
                throw SMTPError.malformedReply("line longer than \(Self.maxLineLength) bytes")
            }
            return .needMoreData
        }
        let length = newline - view.startIndex + 1
        guard let bytes = buffer.readBytes(length: length) else { return .needMoreData }
        var line = String(decoding: bytes.dropLast(), as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        if let reply = try self.add(line) {
            context.fireChannelRead(Self.wrapInboundOut(reply))
        }
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData  // an unterminated last line is dropped
    }

    /// Adds one line; returns the reply when the line was its last.
    mutating func add(_ line: String) throws -> SMTPReply? {
        let chars = Array(line.utf8)
        guard chars.count >= 3, chars.prefix(3).allSatisfy({ (48...57).contains($0) }),
              let lineCode = Int(String(line.prefix(3))), (100...599).contains(lineCode)
        else {
            throw SMTPError.malformedReply("expected a three-digit code, got \(String(reflecting: String(line.prefix(80))))")
        }
        if let code, code != lineCode {
            throw SMTPError.malformedReply("reply code changed from \(code) to \(lineCode) within one reply")
        }
        let separator = chars.count > 3 ? chars[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPError.malformedReply("unexpected character after the code in \(String(reflecting: line))")
        }
        code = lineCode
        lines.append(chars.count > 4 ? String(line.dropFirst(4)) : "")
        if separator == UInt8(ascii: "-") {
            guard lines.count < Self.maxLinesPerReply else {
                throw SMTPError.malformedReply("more than \(Self.maxLinesPerReply) lines in one reply")
            }
            return nil
        }
        defer { code = nil; lines = [] }
        return SMTPReply(code: lineCode, lines: lines)
    }
}
