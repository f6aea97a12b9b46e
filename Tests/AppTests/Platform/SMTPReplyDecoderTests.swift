import Testing
@testable import App

/// Reading SMTP replies line by line.
struct SMTPReplyDecoderTests {
    @Test func singleLineReply() throws {
        var decoder = SMTPReplyDecoder()
        #expect(try decoder.add("220 mail.example.com ESMTP ready") == SMTPReply(code: 220, lines: ["mail.example.com ESMTP ready"]))
        #expect(try decoder.add("250") == SMTPReply(code: 250, lines: [""]))
    }

    @Test func multiLineReply() throws {
        var decoder = SMTPReplyDecoder()
        #expect(try decoder.add("250-mail.example.com") == nil)
        #expect(try decoder.add("250-STARTTLS") == nil)
        #expect(try decoder.add("250 AUTH PLAIN LOGIN") ==
                SMTPReply(code: 250, lines: ["mail.example.com", "STARTTLS", "AUTH PLAIN LOGIN"]))
        #expect(try decoder.add("221 bye") == SMTPReply(code: 221, lines: ["bye"]))  // state was reset
    }

    @Test(arguments: ["hello", "25", "2x0 ok", "250_ok", "700 what"])
    func malformedLine(_ line: String) {
        var decoder = SMTPReplyDecoder()
        #expect(throws: SMTPError.self) { try decoder.add(line) }
    }

    @Test func codeMustNotChangeWithinAReply() throws {
        var decoder = SMTPReplyDecoder()
        _ = try decoder.add("250-first")
        #expect(throws: SMTPError.malformedReply("reply code changed from 250 to 550 within one reply")) {
            try decoder.add("550 second")
        }
    }

    @Test func transientErrors() {
        #expect(SMTPError.unexpectedReply(command: "RCPT TO", code: 451, text: "try later").isTransient)
        #expect(!SMTPError.unexpectedReply(command: "RCPT TO", code: 550, text: "no such user").isTransient)
        #expect(SMTPError.connectionFailed("refused").isTransient)
        #expect(!SMTPError.authenticationFailed("535").isTransient)
        #expect(!SMTPError.tlsRequiredButNotOffered.isTransient)
    }
}
