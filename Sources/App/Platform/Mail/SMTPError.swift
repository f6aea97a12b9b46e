/// Everything that can go wrong while configuring the mailer or sending one message.
public enum SMTPError: Error, Equatable, CustomStringConvertible {
    /// `SMTP_URL` could not be parsed; the reason says what is wrong.
    case invalidURL(String)
    /// The message cannot be sent as it is (header injection, malformed address, no recipient).
    /// Thrown before any connection is made.
    case invalidMessage(String)
    /// The TCP connection could not be opened, or was closed by the server mid-dialogue.
    case connectionFailed(String)
    /// The TLS handshake failed (certificate verification, protocol mismatch).
    case tlsFailed(String)
    /// A step did not complete within `SMTPConfiguration.timeout`.
    case timeout(String)
    /// The server answered a command with a code other than the expected one.
    case unexpectedReply(command: String, code: Int, text: String)
    /// The server replied with something that is not an SMTP reply.
    case malformedReply(String)
    /// `security` is `.startTLSRequired` but the server's EHLO does not offer STARTTLS.
    case tlsRequiredButNotOffered
    /// The server refused the credentials, or offers no mechanism we support.
    case authenticationFailed(String)

    /// Whether a later retry may succeed: 4xx replies, timeouts and connection failures.
    /// 5xx replies, bad configuration and bad messages are permanent.
    public var isTransient: Bool {
        switch self {
        case .connectionFailed, .timeout:
            return true
        case .unexpectedReply(_, let code, _):
            return (400..<500).contains(code)
        case .authenticationFailed, .invalidURL, .invalidMessage, .tlsFailed,
             .malformedReply, .tlsRequiredButNotOffered:
            return false
        }
    }

    /// A one-line, human-readable explanation (never contains credentials).
    public var description: String {
        switch self {
        case .invalidURL(let reason): return "Invalid SMTP_URL: \(reason)"
        case .invalidMessage(let reason): return "Cannot send mail: \(reason)"
        case .connectionFailed(let reason): return "SMTP connection failed: \(reason)"
        case .tlsFailed(let reason): return "SMTP TLS handshake failed: \(reason)"
        case .timeout(let step): return "SMTP server did not answer in time (\(step))"
        case .unexpectedReply(let command, let code, let text):
            return "SMTP server answered \(command) with \(code) \(text)"
        case .malformedReply(let reason): return "Malformed SMTP reply: \(reason)"
        case .tlsRequiredButNotOffered:
            return "SMTP server does not offer STARTTLS, but the configuration requires it"
        case .authenticationFailed(let reason): return "SMTP authentication failed: \(reason)"
        }
    }
}
