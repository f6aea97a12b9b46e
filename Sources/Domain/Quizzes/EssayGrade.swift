import Foundation

/// A trainer's grade of a written answer: a share of the marks and a comment for the learner.
public struct EssayGrade: Hashable, Sendable {
    /// 0…1.
    public let fraction: Double
    public let comment: String

    public static let maximumComment = 4_000

    /// `percent`: "0"…"100" (decimals allowed, a comma too); `comment`: optional, multiline.
    /// Field names for errors: "percent", "comment".
    public static func check(percent: String?, comment: String?) throws(ValidationErrors) -> EssayGrade {
        var v = Validator()
        let text = (percent ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        var fraction = 0.0
        if text.isEmpty {
            v.add("percent", .required)
        } else if let value = Double(text), value.isFinite {
            if (0...100).contains(value) { fraction = value / 100 } else { v.add("percent", .outOfRange) }
        } else {
            v.add("percent", .invalid)
        }
        let comment = v.text(comment, field: "comment", max: maximumComment, required: false, multiline: true)
        guard v.errors.isEmpty else { throw ValidationErrors(v.errors) }
        return EssayGrade(fraction: fraction, comment: comment)
    }
}
