import Foundation

/// An e-mail address with an optional display name, e.g. `Ada Lovelace <ada@example.com>`.
public struct MailAddress: Sendable, Codable, Equatable {
    /// The bare address (`local@domain`), ASCII only.
    public var email: String
    /// The display name; may contain any Unicode (it is encoded for the header).
    public var name: String?

    /// Creates an address; nothing is validated until the message is sent.
    public init(_ email: String, name: String? = nil) {
        self.email = email
        self.name = name
    }
}

/// One e-mail: plain text, optionally with an HTML alternative.
public struct MailMessage: Sendable, Codable, Equatable {
    /// The sender, used both for the `From` header and the SMTP envelope (`MAIL FROM`).
    public var from: MailAddress
    /// The recipients, used both for the `To` header and the SMTP envelope (`RCPT TO`).
    public var to: [MailAddress]
    /// The subject line; non-ASCII text is sent as RFC 2047 encoded words.
    public var subject: String
    /// The plain-text body (always sent).
    public var text: String
    /// An HTML body; when set, the message is `multipart/alternative` with both parts.
    public var html: String?
    /// More header fields, such as `List-Unsubscribe`; ASCII, without line breaks.
    public var headers: [String: String]?

    /// Creates a message.
    public init(from: MailAddress, to: [MailAddress], subject: String, text: String, html: String? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
    }
}

extension MailMessage {
    /// Throws `SMTPError.invalidMessage` for what `SMTPMailer` would refuse (no recipient, a line
    /// break in the subject or a name, a malformed address), so callers can check before queueing.
    public func validate() throws {
        try MIMEMessage.validate(self)
    }
}

/// Sends e-mail. The app uses `SMTPMailer`; tests use `RecordingMailer`.
public protocol Mailer: Sendable {
    /// Delivers `message` to the next hop, or throws (see `SMTPError.isTransient` to decide on a retry).
    func send(_ message: MailMessage) async throws
}

/// A `Mailer` for tests of code around the mailer: it records every message instead of sending it.
public actor RecordingMailer: Mailer {
    /// Every message passed to `send`, in order (failed sends are not recorded).
    public private(set) var sent: [MailMessage] = []
    /// When set, `send` throws this error instead of recording.
    public private(set) var failure: SMTPError?

    /// Creates an empty recorder that accepts every message.
    public init() {}

    /// Makes the following sends fail with `error` (pass `nil` to accept messages again).
    public func setFailure(_ error: SMTPError?) {
        failure = error
    }

    /// Records `message`, or throws the configured failure.
    public func send(_ message: MailMessage) async throws {
        if let failure { throw failure }
        sent.append(message)
    }
}
