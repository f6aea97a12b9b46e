import Foundation

/// One problem with one input field. `reason` is a stable machine code; the Views layer turns
/// it into words, so a translation never touches the rules.
public struct FieldError: Error, Hashable, Sendable {
    public let field: String
    public let reason: Reason

    public init(_ field: String, _ reason: Reason) {
        self.field = field
        self.reason = reason
    }

    public enum Reason: String, Sendable, Hashable {
        case required
        case tooLong = "too_long"
        case tooShort = "too_short"
        case invalidEmail = "invalid_email"
        case invalidDate = "invalid_date"
        case endBeforeStart = "end_before_start"
        case outOfRange = "out_of_range"
        case unknownRole = "unknown_role"
        case unknownCohort = "unknown_cohort"
        case duplicate
        case controlCharacters = "control_characters"
        /// Admins and authors hold no place in a cohort; only learners, trainers and facilitators do.
        case notACohortRole = "not_a_cohort_role"
        case mismatch
        case invalidVideoLink = "invalid_video_link"
        case invalid
        /// No longer changeable: something depends on it (a rubric once work is handed in).
        case locked
    }
}

/// Several field problems found at once, so a form shows every one of them together.
public struct ValidationErrors: Error, Sendable {
    public let errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
}

/// Collects field problems while checking an input, then throws them all at once.
public struct Validator {
    public private(set) var errors: [FieldError] = []
    public init() {}

    public mutating func add(_ field: String, _ reason: FieldError.Reason) {
        errors.append(FieldError(field, reason))
    }

    /// Trims the text and checks it is present and at most `max` characters long.
    /// Single-line text (names, titles) refuses line breaks and other control characters: they end
    /// up in e-mail headers and page titles. `multiline` allows line breaks and tabs (descriptions).
    public mutating func text(_ value: String?, field: String, max: Int, required: Bool = true,
                              multiline: Bool = false) -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty, required { add(field, .required) }
        else if trimmed.count > max { add(field, .tooLong) }
        else if trimmed.unicodeScalars.contains(where: { Validator.isControl($0, multiline: multiline) }) {
            add(field, .controlCharacters)
        }
        return trimmed
    }

    static func isControl(_ scalar: Unicode.Scalar, multiline: Bool) -> Bool {
        if multiline, scalar == "\n" || scalar == "\r" || scalar == "\t" { return false }
        return scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// Checks an e-mail address is present and valid; nil when it is not.
    public mutating func email(_ value: String?, field: String = "email") -> EmailAddress? {
        let text = self.text(value, field: field, max: 254)
        let parsed = EmailAddress(text)
        if !text.isEmpty, parsed == nil { add(field, .invalidEmail) }
        return parsed
    }

    public func check() throws {
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}
