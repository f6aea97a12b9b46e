/// Marks one answered question: the share of its marks a response earns and the feedback it
/// earned. The decision is pure so that submitting an attempt, previewing a question and
/// re-grading every attempt after an author fixes a key all give the same marks.
///
/// Rules that hold for every kind:
/// - No response (left unanswered) earns 0 and no feedback, whatever the kind: a learner who
///   skipped an essay has nothing for a trainer to grade.
/// - A response of another kind, or naming an option, pair or item that is not there, throws
///   `QuizError.responseDoesNotFit(kind)`: it is a broken or forged request, not a wrong answer.
/// - A wrong answer that can be read (an unknown word, an unreadable number) is 0, never an error.
/// - Fractions are always within 0…1, even when weights are outside -100…100 or not numbers.
public enum QuestionGrading {
    /// The mark a response earns on a question.
    ///
    /// Only an essay with some text returns a nil fraction (a trainer grades it). A description
    /// carries no marks: unanswered it is 0 and, having nothing to answer, any response throws;
    /// give it no points in the attempt (see `QuestionKind.carriesMarks`) so it never lowers a score.
    public static func mark(_ question: Question, _ response: QuestionResponse?) throws(QuizError) -> QuestionMark {
        guard let response else { return QuestionMark(fraction: 0) }
        switch (question.answers, response) {
        case let (.singleChoice(options), .choice(index)):
            return try singleChoice(options, picked: index)
        case let (.multipleResponse(options), .choices(picked)):
            return try multipleResponse(options, picked: picked)
        case let (.trueFalse(answer), .truth(said)):
            return QuestionMark(fraction: said == answer.isTrue ? 1 : 0,
                                feedback: [said ? answer.trueFeedback : answer.falseFeedback].compactMap { $0 })
        case let (.shortAnswer(rule), .text(text)):
            return ShortAnswerMatching.mark(text, against: rule)
        case let (.numerical(accepted), .number(typed)):
            return NumericAnswerReading.mark(typed, against: accepted)
        case let (.matching(pairs), .matches(chosen)):
            return try matching(pairs, chosen: chosen)
        case let (.ordering(items), .order(order)):
            return try ordering(itemCount: items.count, order: order)
        case let (.essay, .text(text)):
            return QuestionMark(fraction: ShortAnswerMatching.normalised(text).isEmpty ? 0 : nil)
        default:
            throw .responseDoesNotFit(question.kind)
        }
    }

    /// A weight in percent (-100…100 in a well-formed bank) as a share of the marks, clamped to
    /// 0…1 so that a bank imported with odd weights can never give more than the question's marks
    /// or take marks from other questions. A weight that is not a number gives nothing.
    static func share(ofPercent weight: Double) -> Double {
        let share = weight / 100
        guard !share.isNaN else { return 0 }
        return min(max(share, 0), 1)
    }

    /// Orders weights when picking the best of several matching answers; a weight that is not a
    /// number ranks below every other, so it never hides a real one.
    static func rank(_ weight: Double) -> Double {
        weight.isNaN ? -.infinity : weight
    }

    private static func singleChoice(_ options: [Choice], picked index: Int) throws(QuizError) -> QuestionMark {
        guard options.indices.contains(index) else { throw .responseDoesNotFit(.singleChoice) }
        let option = options[index]
        return QuestionMark(fraction: share(ofPercent: option.weight), feedback: [option.feedback].compactMap { $0 })
    }

    /// Weights add up, so picking a wrong option (a negative weight) costs marks; the total is
    /// clamped, so ticking everything cannot go below 0 nor above full marks.
    private static func multipleResponse(_ options: [Choice], picked: Set<Int>) throws(QuizError) -> QuestionMark {
        guard picked.allSatisfy(options.indices.contains) else { throw .responseDoesNotFit(.multipleResponse) }
        let chosen = picked.sorted().map { options[$0] }
        let total = chosen.reduce(0) { $0 + $1.weight }
        return QuestionMark(fraction: share(ofPercent: total), feedback: chosen.compactMap(\.feedback))
    }

    /// Compares answer texts rather than pair indices, so that two prompts sharing an answer
    /// ("Paris" for two questions) accept either pair. A distractor can be chosen; it is right
    /// only when its text is the prompt's answer word for word.
    private static func matching(_ pairs: [MatchPair], chosen: [Int?]) throws(QuizError) -> QuestionMark {
        let prompts = pairs.indices.filter { pairs[$0].prompt != nil }
        guard chosen.count == prompts.count,
              chosen.allSatisfy({ $0.map(pairs.indices.contains) ?? true })
        else { throw .responseDoesNotFit(.matching) }
        let right = zip(prompts, chosen).filter { prompt, pick in
            pick.map { pairs[$0].answer == pairs[prompt].answer } ?? false
        }.count
        return QuestionMark(fraction: ratio(right, of: prompts.count))
    }

    /// Absolute position: an item earns its share only when it sits exactly where it belongs.
    /// Moodle also offers credit relative to neighbours; absolute is the one a learner can check
    /// against the key at a glance, and the one GIFT banks are written for.
    private static func ordering(itemCount: Int, order: [Int]) throws(QuizError) -> QuestionMark {
        guard order.count == itemCount, Set(order) == Set(0..<itemCount) else { throw .responseDoesNotFit(.ordering) }
        let placed = order.enumerated().filter { $0.offset == $0.element }.count
        return QuestionMark(fraction: ratio(placed, of: itemCount))
    }

    /// A question with nothing to match or order can never be answered right: 0, not a division
    /// by zero. The bank should not hold one.
    private static func ratio(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 0 : Double(part) / Double(whole)
    }
}

extension QuestionKind {
    /// Whether a question of this kind is worth points in an attempt. A description is text
    /// between questions: it earns nothing, so an attempt gives it 0 points.
    public var carriesMarks: Bool { self != .description }
}
