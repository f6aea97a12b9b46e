import Foundation

/// Checks the quiz settings form, so an author sees every problem at once and the settings an
/// attempt is made from are always within the limits the plan and the timer rely on.
///
/// Empty fields mean the defaults of `QuizSettings`: no attempt limit, no time limit, a 60 % pass
/// mark and right answers shown at once. The mode has no default: picking fixed questions or a
/// random draw is the one decision an author must make.
public enum QuizInput {
    /// Attempts a quiz may allow: enough for drill, few enough to keep a learner's history short.
    public static let maximumAttempts = 100
    /// A time limit of ten hours: longer is a day's exam, not a timed quiz.
    public static let maximumMinutes = 600
    /// Questions a random quiz may draw in all, so an attempt page stays one page.
    public static let maximumDraw = 200

    /// Checks the form and returns the settings.
    ///
    /// - mode: `"fixed"` or `"random"`; only that mode's fields are read (the form posts both).
    /// - questionIDs: the bank ids ticked (fixed), in the order shown; blanks and repeats dropped.
    /// - draws: topic → count typed (random); `""` or `"0"` draws none from that topic. Topics are
    ///   kept sorted by name so the same form always gives the same settings.
    /// - maxAttempts / timeLimit: `""` = none; otherwise 1…`maximumAttempts` / 1…`maximumMinutes`.
    /// - passPercent: `"0"`…`"100"`; `""` = 60.
    /// - showAnswers: an `AnswerPolicy` raw value; `""` = immediately.
    ///
    /// Field names for errors: "mode", "questions", "draws", "max_attempts", "time_limit",
    /// "pass_percent", "show_answers"; at most one error per field. Text that is not a whole
    /// number is `.invalid`, a whole number outside its range `.outOfRange`.
    public static func check(mode: String?, questionIDs: [String], draws: [String: String], shuffleQuestions: Bool, shuffleOptions: Bool,
                             maxAttempts: String?, timeLimit: String?, passPercent: String?, showAnswers: String?) throws(ValidationErrors) -> QuizSettings {
        var v = Validator()
        var selection = QuizSettings.Selection.fixed([])
        switch trimmed(mode) {
        case "": v.add("mode", .required)
        case "fixed": selection = .fixed(fixed(questionIDs, into: &v))
        case "random": selection = .random(random(draws, into: &v))
        default: v.add("mode", .invalid)
        }
        let attempts = optionalCount(maxAttempts, in: 1...maximumAttempts, field: "max_attempts", into: &v)
        let minutes = optionalCount(timeLimit, in: 1...maximumMinutes, field: "time_limit", into: &v)
        let pass = optionalCount(passPercent, in: 0...100, field: "pass_percent", into: &v) ?? 60
        var policy = QuizSettings.AnswerPolicy.immediately
        let policyText = trimmed(showAnswers)
        if !policyText.isEmpty {
            if let known = QuizSettings.AnswerPolicy(rawValue: policyText) { policy = known } else { v.add("show_answers", .invalid) }
        }
        guard v.errors.isEmpty else { throw ValidationErrors(v.errors) }
        return QuizSettings(selection: selection, shuffleQuestions: shuffleQuestions, shuffleOptions: shuffleOptions,
                            maxAttempts: attempts, timeLimitMinutes: minutes, passPercent: pass, showAnswers: policy)
    }

    /// The ids in the order ticked; a repeated id (a forged form) would ask a question twice.
    private static func fixed(_ ids: [String], into v: inout Validator) -> [String] {
        var seen = Set<String>()
        let kept = ids.map { trimmed($0) }.filter { !$0.isEmpty && seen.insert($0).inserted }
        if kept.isEmpty { v.add("questions", .required) }
        else if kept.count > QuestionBank.maximumQuestions { v.add("questions", .outOfRange) }
        return kept
    }

    /// The draws with a count above 0, by topic name. A count that cannot be read refuses the
    /// whole field rather than being dropped, so an author never loses a draw without being told.
    private static func random(_ draws: [String: String], into v: inout Validator) -> [QuizSettings.TopicDraw] {
        var kept: [QuizSettings.TopicDraw] = []
        var problem: FieldError.Reason?
        // By topic, so which problem is reported does not depend on a dictionary's order.
        for (topic, typed) in draws.sorted(by: { $0.key < $1.key }) {
            let text = trimmed(typed)
            if text.isEmpty { continue }
            guard let count = Int(text) else { problem = problem ?? .invalid; continue }
            if count == 0 { continue }
            let name = trimmed(topic)
            if name.isEmpty { problem = problem ?? .invalid; continue }
            if count < 0 || count > maximumDraw { problem = problem ?? .outOfRange; continue }
            kept.append(QuizSettings.TopicDraw(topic: name, count: count))
        }
        kept.sort { ($0.topic.lowercased(), $0.topic) < ($1.topic.lowercased(), $1.topic) }
        if let problem { v.add("draws", problem) }
        else if kept.isEmpty { v.add("draws", .required) }
        else if kept.reduce(0, { $0 + $1.count }) > maximumDraw { v.add("draws", .outOfRange) }
        return kept
    }

    /// Nil for an empty field; the number when it is a whole number within `range`.
    private static func optionalCount(_ value: String?, in range: ClosedRange<Int>, field: String, into v: inout Validator) -> Int? {
        let text = trimmed(value)
        if text.isEmpty { return nil }
        guard let number = Int(text) else { v.add(field, .invalid); return nil }
        guard range.contains(number) else { v.add(field, .outOfRange); return nil }
        return number
    }

    private static func trimmed(_ value: String?) -> String {
        (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
