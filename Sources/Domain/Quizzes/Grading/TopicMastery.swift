/// How well a learner knows each topic, from the tags of the questions answered. It points a
/// learner to the lessons worth going back to, and a trainer to the topics a cohort struggles with.
public enum TopicMastery {
    /// For each tag, the points earned over the points possible on every answered question that
    /// carries it, 0…1.
    ///
    /// Pending answers are skipped (their mark is not known), a tag written twice on one
    /// question counts that question once, and a tag with no points possible (only pending or
    /// zero-point questions) is left out rather than reported as 0: nothing is known about it.
    public static func compute(_ answered: [(tags: [String], points: Double, mark: QuestionMark)]) -> [String: Double] {
        var earned: [String: Double] = [:]
        var possible: [String: Double] = [:]
        for question in answered {
            guard let fraction = question.mark.fraction else { continue }
            let score = QuizScore.total([(question.points, QuestionMark(fraction: fraction))])
            for tag in Set(question.tags) {
                earned[tag, default: 0] += score.earned
                possible[tag, default: 0] += score.possible
            }
        }
        var mastery: [String: Double] = [:]
        for (tag, total) in possible where total > 0 {
            mastery[tag] = min(max((earned[tag] ?? 0) / total, 0), 1)
        }
        return mastery
    }

    /// The topics below the threshold, weakest first, ties by name so the list is stable from
    /// one page load to the next.
    public static func weak(_ mastery: [String: Double], below threshold: Double = 0.6) -> [String] {
        mastery.filter { $0.value < threshold }
            .sorted { ($0.value, $0.key) < ($1.value, $1.key) }
            .map(\.key)
    }
}
