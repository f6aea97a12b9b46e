import Testing
@testable import Domain

@Suite struct MatchingOrderingGradingTests {
    typealias Bank = QuizGradingSamples

    /// Three prompts and a distractor ("->Lisbon", index 3).
    static let capitals = Bank.matching("France->Paris", "Italy->Rome", "Spain->Madrid", "->Lisbon")

    @Test(arguments: [
        // chosen pair per prompt, fraction
        ([0, 1, 2], 1.0),
        ([1, 0, 2], 1.0 / 3),
        ([1, 2, 0], 0.0),
        ([3, 1, 2], 2.0 / 3),  // the distractor chosen for France
        ([3, 3, 3], 0.0),
        ([nil, nil, nil], 0.0),  // left unmatched
        ([0, nil, 2], 2.0 / 3),
        ([0, 0, 0], 1.0 / 3),  // a pair may be chosen twice; it is right once
    ] as [([Int?], Double)])
    func matchingCountsRightPrompts(chosen: [Int?], fraction: Double) throws {
        #expect(try QuestionGrading.mark(Self.capitals, .matches(chosen)) == QuestionMark(fraction: fraction))
    }

    /// Two prompts share an answer text: either pair is right for both.
    @Test(arguments: [
        ([0, 1, 2], 1.0), ([1, 0, 2], 1.0), ([0, 0, 2], 1.0), ([1, 1, 2], 1.0), ([2, 0, 1], 1.0 / 3), ([3, 3, 3], 0.0),
    ] as [([Int?], Double)])
    func duplicateAnswersAreInterchangeable(chosen: [Int?], fraction: Double) throws {
        let question = Bank.matching("Seine->France", "Loire->France", "Tiber->Italy", "->Spain")
        #expect(try QuestionGrading.mark(question, .matches(chosen)) == QuestionMark(fraction: fraction))
    }

    @Test func aDistractorWordForWordTheAnswerIsRight() throws {
        let question = Bank.matching("Seine->France", "->France", "->Spain")
        #expect(try QuestionGrading.mark(question, .matches([1])) == QuestionMark(fraction: 1))
        #expect(try QuestionGrading.mark(question, .matches([2])) == QuestionMark(fraction: 0))
    }

    @Test func answerTextsCompareExactly() throws {
        let question = Bank.matching("a->Paris", "b->paris")
        #expect(try QuestionGrading.mark(question, .matches([1, 0])) == QuestionMark(fraction: 0))
    }

    @Test(arguments: [
        [], [0, 1], [0, 1, 2, 3], [0, 1, 4], [-1, 1, 2], [nil, nil], [0, 1, Int.max],
    ] as [[Int?]])
    func matchingOfTheWrongShapeDoesNotFit(chosen: [Int?]) {
        #expect(throws: QuizError.responseDoesNotFit(.matching)) {
            try QuestionGrading.mark(Self.capitals, .matches(chosen))
        }
    }

    @Test func matchingWithoutPromptsEarnsNothing() throws {
        #expect(try QuestionGrading.mark(Bank.matching("->a", "->b"), .matches([])) == QuestionMark(fraction: 0))
        #expect(try QuestionGrading.mark(Bank.matching(), .matches([])) == QuestionMark(fraction: 0))
    }

    @Test(arguments: [
        // item count, the learner's order, fraction (absolute position)
        (3, [0, 1, 2], 1.0),
        (3, [2, 1, 0], 1.0 / 3),
        (3, [1, 2, 0], 0.0),  // every item one place off: nothing, even though neighbours follow
        (3, [0, 2, 1], 1.0 / 3),
        (4, [1, 0, 2, 3], 0.5),
        (4, [3, 2, 1, 0], 0.0),
        (1, [0], 1.0),
        (0, [], 0.0),
    ] as [(Int, [Int], Double)])
    func orderingCountsItemsInPlace(count: Int, order: [Int], fraction: Double) throws {
        #expect(try QuestionGrading.mark(Bank.ordering(count), .order(order)) == QuestionMark(fraction: fraction))
    }

    @Test(arguments: [
        [], [0, 1], [0, 1, 1], [0, 1, 3], [0, 1, 2, 3], [-1, 0, 1], [2, 2, 2], [0, 1, Int.min],
    ] as [[Int]])
    func orderingThatIsNotAPermutationDoesNotFit(order: [Int]) {
        #expect(throws: QuizError.responseDoesNotFit(.ordering)) {
            try QuestionGrading.mark(Bank.ordering(3), .order(order))
        }
    }
}
