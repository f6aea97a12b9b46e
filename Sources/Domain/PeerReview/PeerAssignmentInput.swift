import Foundation

/// Reads the peer assignment editor's form: the settings' fields and the rubric as numbered
/// fields (`c<i>_title`, `c<i>_description`, `c<i>_comment`, `c<i>_l<j>_points`, `c<i>_l<j>_text`).
/// A criterion left blank (no title, no level) is dropped, and so is a blank level, so the editor
/// can always offer one empty criterion and one empty level more than are saved.
public enum PeerAssignmentInput {
    public static let criterionSlots = Rubric.maxCriteria
    public static let levelSlots = Rubric.maxLevels

    public static func check(_ fields: [String: String]) throws(ValidationErrors) -> PeerAssignmentSettings {
        var found: [FieldError] = []
        let value = { (name: String) in (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var criteria: [Rubric.Criterion] = []
        // The slot each kept criterion came from, to name its fields in errors.
        var slots: [Int] = []
        for i in 0..<criterionSlots {
            let title = value("c\(i)_title")
            var levels: [Rubric.Level] = []
            for j in 0..<levelSlots {
                let points = value("c\(i)_l\(j)_points"), text = value("c\(i)_l\(j)_text")
                if points.isEmpty && text.isEmpty { continue }
                guard let number = Int(points) else {
                    found.append(FieldError("c\(i)_l\(j)_points", .required))
                    continue
                }
                levels.append(.init(points: number, description: String(text.prefix(500))))
            }
            if title.isEmpty && levels.isEmpty { continue }
            if title.isEmpty { found.append(FieldError("c\(i)_title", .required)) }
            levels.sort { $0.points < $1.points }
            slots.append(i)
            criteria.append(.init(title: String(title.prefix(200)), description: String(value("c\(i)_description").prefix(2000)),
                                  levels: levels, asksComment: fields["c\(i)_comment"] == "on"))
        }
        let integer = { (name: String, fallback: Int) -> Int in
            let text = value(name)
            if text.isEmpty { return fallback }
            guard let number = Int(text) else { found.append(FieldError(name, .outOfRange)); return fallback }
            return number
        }
        let kind = value("submission_kind").isEmpty ? .text : PeerAssignmentSettings.SubmissionKind(rawValue: value("submission_kind")) ?? {
            found.append(FieldError("submission_kind", .invalid))
            return .text
        }()
        let settings = PeerAssignmentSettings(
            instructions: fields["instructions"] ?? "", submissionKind: kind,
            rubric: Rubric(criteria: criteria, overallCommentMinimum: integer("overall_minimum", 40)),
            reviewsRequired: integer("reviews_required", 3), reviewDays: integer("review_days", 7),
            leaseHours: integer("lease_hours", 24), pushHours: integer("push_hours", 48),
            acceptsLate: fields["accepts_late"] == "on", anonymous: fields["anonymous"] == "on",
            asksSelfAssessment: fields["self_assessment"] == "on", requiresCalibration: fields["calibration"] == "on")
        // Rubric problems name criteria by their place among those kept; the form's fields are by slot.
        for problem in settings.problems() {
            var field = problem.field
            if field.hasPrefix("c"), let end = field.firstIndex(of: "_"), let kept = Int(field[field.index(after: field.startIndex)..<end]),
               slots.indices.contains(kept) {
                field = "c\(slots[kept])" + field[end...]
            }
            if !found.contains(where: { $0.field == field }) { found.append(FieldError(field, problem.reason)) }
        }
        if !found.isEmpty { throw ValidationErrors(found) }
        return settings
    }

    /// Reads a reviewer's form: `c<i>` the level index picked, `c<i>_comment`, `overall`. Levels
    /// not picked are -1, so `Rubric.check` names the first criterion left out.
    public static func assessment(_ fields: [String: String], rubric: Rubric) -> RubricAssessment {
        let levels = rubric.criteria.indices.map { i in Int(fields["c\(i)"] ?? "") ?? -1 }
        let comments = rubric.criteria.indices.map { i in
            rubric.criteria[i].asksComment ? (fields["c\(i)_comment"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) : ""
        }
        return RubricAssessment(levels: levels, comments: comments,
                                overall: (fields["overall"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

extension PeerAssignmentInput {
    /// A saved assessment as the reviewer's form fields, to show it again.
    public static func fields(of assessment: RubricAssessment) -> [String: String] {
        var fields = ["overall": assessment.overall]
        for (i, level) in assessment.levels.enumerated() { fields["c\(i)"] = String(level) }
        for (i, comment) in assessment.comments.enumerated() where !comment.isEmpty { fields["c\(i)_comment"] = comment }
        return fields
    }
}
