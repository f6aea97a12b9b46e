import Foundation
import Domain

/// The words for the rules' machine codes.
public enum Messages {
    public static func text(for error: FieldError) -> String {
        text(for: error.reason, field: error.field)
    }

    public static func text(for reason: FieldError.Reason, field: String) -> String {
        let label = fieldLabel(field)
        switch reason {
        case .required:
            if field == "example_levels" { return "Pick your level for every criterion of the example." }
            return "\(label) is required."
        case .tooLong: return "\(label) is too long."
        case .tooShort:
            return field.contains("password") ? "Use at least \(PasswordPolicy.minimumLength) characters." : "\(label) is too short."
        case .invalidEmail: return "Enter an e-mail address like name@example.com."
        case .invalidDate: return "Enter a date as YYYY-MM-DD."
        case .endBeforeStart: return "The end date must be on or after the start date."
        case .outOfRange:
            switch field {
            case "capacity": return "Capacity must be between \(Cohort.capacityRange.lowerBound) and \(Cohort.capacityRange.upperBound)."
            case "estimated_minutes": return "Duration must be between \(ActivityInput.minutes.lowerBound) and \(ActivityInput.minutes.upperBound) minutes."
            case "unlock_week", "due_week": return "Pick a week from \(ScheduleOffset.weeks.lowerBound) to \(ScheduleOffset.weeks.upperBound) and a day of the week."
            case "shift_days": return "Shift by at most 365 days either way."
            case "example_text": return "An assignment has at most 3 examples: delete one first."
            case "criteria": return "A rubric has at most \(Rubric.maxCriteria) criteria."
            case "reviews_required": return "Ask for \(PeerAssignmentSettings.reviewsRange.lowerBound) to \(PeerAssignmentSettings.reviewsRange.upperBound) reviews per submission."
            case "review_days": return "Give reviewers \(PeerAssignmentSettings.reviewDaysRange.lowerBound) to \(PeerAssignmentSettings.reviewDaysRange.upperBound) days."
            case "lease_hours": return "Hold a started review for 1 to \(PeerAssignmentSettings.leaseHoursRange.upperBound) hours."
            case "push_hours": return "Push short submissions 0 to \(PeerAssignmentSettings.pushHoursRange.upperBound) hours before the review deadline."
            case "overall_minimum": return "Ask for 0 to \(Rubric.overallCommentRange.upperBound) characters."
            case _ where field.hasSuffix("_levels"): return "\(label): give each criterion 2 to \(Rubric.maxLevels) levels."
            default: return "\(label) is out of range."
            }
        case .unknownRole: return "Role must be one of: learner, trainer, facilitator, author, admin."
        case .unknownCohort: return "No cohort of this organization has that name."
        case .duplicate: return field == "email" ? "This e-mail address appears more than once." : "\(label) is already used."
        case .mismatch: return "The two passwords differ."
        case .controlCharacters: return "\(label) must be one line of text, without line breaks or control characters."
        case .notACohortRole: return "Only learners, trainers and facilitators join a cohort: leave the cohort empty for admins and authors."
        case .invalid:
            if field.hasSuffix("_levels") { return "\(label): each level needs its own number of points, from 0 to 1000." }
            if field == "submission_kind" { return "Choose what learners hand in: a text, files, or both." }
            return "\(label) is not valid."
        case .locked:
            if field == "example" { return "Learners have assessed this example: it stays, so their calibration and reviewer weights do not change." }
            return field == "criteria" ? "Work has been handed in: the rubric's criteria and their number of levels can no longer change (titles, descriptions and points can)."
                : "\(label) can no longer change."
        case .invalidVideoLink: return "Paste a YouTube or Vimeo link, such as https://www.youtube.com/watch?v=… or https://vimeo.com/…"
        }
    }

    public static func fieldLabel(_ field: String) -> String {
        switch field {
        case "organization_name": "Organization name"
        case "name": "Name"
        case "email": "Email"
        case "password", "new_password": "Password"
        case "password_confirmation": "Confirmation"
        case "current_password": "Current password"
        case "course_id": "Course"
        case "start_date": "Start date"
        case "end_date": "End date"
        case "capacity": "Capacity"
        case "role": "Role"
        case "cohort", "cohort_id": "Cohort"
        case "description": "Description"
        case "title": "Title"
        case "markdown": "Content"
        case "estimated_minutes": "Duration"
        case "video_url": "Video link"
        case "unlock_week": "Unlocks"
        case "due_week": "Due"
        case "criteria": "Rubric"
        case "example_text": "The example"
        case "reviews_required": "Reviews per submission"
        case "submission_kind": "What learners hand in"
        case "overall_minimum": "Overall comment minimum"
        case "inactive_days": "Days without activity"
        case "modules_behind": "Modules behind schedule"
        case "failed_attempts": "Failed attempts at one quiz"
        case "missed_live_classes": "Live classes missed in a row"
        case "silent_days": "Days into the cohort without a forum post"
        case _ where criterionLabel(field) != nil: criterionLabel(field)!
        default: field.prefix(1).uppercased() + field.dropFirst().replacingOccurrences(of: "_", with: " ")
        }
    }

    /// `c2_title` → "Criterion 3: title", `c0_l1_points` → "Criterion 1, level 2: points".
    /// Nil for any other field.
    static func criterionLabel(_ field: String) -> String? {
        let parts = field.dropFirst().split(separator: "_")
        guard field.hasPrefix("c"), parts.count > 1, let first = parts.first, let criterion = Int(first) else { return nil }
        var label = "Criterion \(criterion + 1)"
        var rest = parts.dropFirst()
        if let level = rest.first, level.hasPrefix("l"), let number = Int(level.dropFirst()) {
            label += ", level \(number + 1)"
            rest = rest.dropFirst()
        }
        return rest.isEmpty ? label : label + ": " + rest.joined(separator: " ")
    }

    public static func roleName(_ role: Role) -> String {
        switch role {
        case .admin: "Admin"
        case .author: "Author"
        case .trainer: "Trainer"
        case .facilitator: "Facilitator"
        case .learner: "Learner"
        }
    }

    public static func cohortRoleName(_ role: CohortRole) -> String {
        switch role {
        case .learner: "Learner"
        case .trainer: "Trainer"
        case .facilitator: "Facilitator"
        }
    }

    public static func importFailure(_ failure: InvitationImport.Failure) -> [String] {
        switch failure {
        case .empty: return ["The file has no rows. Put a header row (name,email,role,cohort) and one row per person."]
        case .unterminatedQuote(let line): return ["Line \(line): a quoted field is never closed."]
        case .missingColumns(let columns): return ["The header row lacks the column(s): \(columns.joined(separator: ", ")). Expected: name,email,role,cohort."]
        case .tooManyRows(let limit): return ["The file has more than \(limit) rows; split it."]
        case .rows(let errors):
            return errors.map { "Line \($0.line): \(text(for: $0.reason, field: $0.field))" }
        }
    }
}
