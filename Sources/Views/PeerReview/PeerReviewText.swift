import Domain
import Foundation

/// The words of peer review: refusals, ratings, figures.
public enum PeerReviewText {
    public static func message(_ error: PeerReviewError) -> String {
        switch error {
        case .criterionUnanswered(let index): "Pick a level for every criterion (criterion \(index + 1) has none). Nothing was saved."
        case .overallCommentTooShort(let minimum):
            "Write an overall comment of at least \(minimum) characters: say what works and what to improve. Nothing was saved."
        case .commentTooLong: "A comment is too long (at most \(PeerReviewLimits.commentLength) characters). Nothing was saved."
        case .submissionClosed: "The deadline for handing in has passed, and this assignment does not accept late work."
        case .reviewClosed: "The review deadline has passed: this review can no longer be saved."
        case .notSubmitted: "Hand in your own work first: then you can review your peers'."
        case .emptySubmission: "There is nothing to hand in yet: write your answer (or add a file, when the assignment takes files)."
        case .notAllocated: "This work is not given to you to review."
        case .alreadyReviewed: "Reviewing has started on your work: it can no longer be changed."
        case .nothingToReview: "There is no work left for you to review right now."
        case .calibrationRequired: "Assess the example first: then you can review your peers."
        case .storage: "This could not be saved just now; nothing was changed. Try again in a moment."
        case .submissionTooLong: "Your text is too long: at most \(PeerReviewLimits.submissionTextLength) characters. Nothing was saved."
        case .noFiles: "Add at least one file before handing in."
        case .tooManyFiles: "You can hand in at most \(PeerReviewLimits.filesPerSubmission) files: remove one first. Nothing was stored."
        case .filesNotAccepted: "This assignment asks for a text, not files. Nothing was stored."
        case .lastFile: "Your work was handed in with this file and nothing else: add another file before removing it."
        }
    }

    public static func rating(_ rating: Helpfulness) -> String {
        switch rating {
        case .helpful: "Helpful"
        case .somewhat: "Somewhat helpful"
        case .not: "Not helpful"
        }
    }

    /// What a reviewing grade is made of, in words.
    public static func reviewing(_ grade: ReviewingGrade) -> String {
        var parts: [String] = []
        if let accuracy = grade.accuracy { parts.append("closeness to the other reviewers \(Int(accuracy.rounded()))") }
        if let helpfulness = grade.helpfulness { parts.append("helpfulness rated by authors \(Int(helpfulness.rounded()))") }
        return parts.joined(separator: ", ") + "."
    }

    /// "2.5", "3": points with at most one decimal.
    public static func points(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    public static func alpha(_ value: Double?) -> String {
        guard let value else { return "not enough reviews yet" }
        let shown = String(format: "%.2f", value)
        switch value {
        case 0.8...: return "\(shown) (reviewers agree)"
        case 0.667..<0.8: return "\(shown) (fair agreement)"
        default: return "\(shown) (reviewers disagree: the criterion may be unclear)"
        }
    }
}
