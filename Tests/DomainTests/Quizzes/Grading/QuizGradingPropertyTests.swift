import PropertyBased
import Testing
@testable import Domain

@Suite struct QuizGradingPropertyTests {
    typealias Bank = QuizGradingSamples

    /// The contract every mark keeps, whatever the bank and the request hold: a throw only as
    /// `responseDoesNotFit` of the question's own kind, a fraction within 0…1, and a nil fraction
    /// only for an essay with some text.
    static func expectSound(_ question: Question, _ response: QuestionResponse?) -> QuestionMark? {
        do {
            let mark = try QuestionGrading.mark(question, response)
            if let fraction = mark.fraction {
                #expect((0...1).contains(fraction), "\(question) \(String(describing: response)) → \(fraction)")
            } else {
                var essayText = false
                if case let .text(text)? = response {
                    essayText = question.kind == .essay && !ShortAnswerMatching.normalised(text).isEmpty
                }
                #expect(essayText, "nil fraction for \(question) \(String(describing: response))")
            }
            return mark
        } catch {
            #expect(error == .responseDoesNotFit(question.kind))
            return nil
        }
    }

    @Test func anyQuestionAnyResponseMarksWithinZeroAndOne() async {
        await propertyCheck(count: 2000, input: RandomGradingCases.answered) { answered in
            _ = Self.expectSound(answered.question, answered.response)
        }
    }

    @Test func anAttemptNeverEarnsMoreThanPossible() async {
        await propertyCheck(count: 300, input: RandomGradingCases.answered.array(of: 0...12)) { attempt in
            let items = attempt.compactMap { answered in
                Self.expectSound(answered.question, answered.response).map { (answered.points, $0) }
            }
            let score = QuizScore.total(items)
            #expect(0 <= score.earned && score.earned <= score.possible)
            #expect((0...100).contains(score.percent))
            #expect(score.pending == items.filter { $0.1.fraction == nil }.count)
            #expect((score.passed(atPercent: 50) == nil) == (score.pending > 0))
        }
    }

    @Test func singleChoiceThrowsExactlyWhenTheOptionIsNotThere() async {
        await propertyCheck(input: Gen.double(in: -300...300).array(of: 0...6), Gen.int(in: -2...8)) { weights, picked in
            let question = Bank.question(.singleChoice(Bank.options(weights)))
            let mark = Self.expectSound(question, .choice(picked))
            #expect((mark != nil) == weights.indices.contains(picked))
        }
    }

    @Test func multipleResponseAddsUpWithinZeroAndOne() async {
        let picks = Gen.int(in: -1...7).set(ofAtMost: 0...6)
        await propertyCheck(input: Gen.double(in: -300...300).array(of: 0...6), picks) { weights, picked in
            let question = Bank.question(.multipleResponse(Bank.options(weights)))
            let mark = Self.expectSound(question, .choices(picked))
            #expect((mark != nil) == picked.allSatisfy(weights.indices.contains))
            if let mark {
                #expect(mark.feedback.count == picked.count)
                let total = picked.map { weights[$0] }.reduce(0, +) / 100
                #expect(abs(mark.fraction! - min(max(total, 0), 1)) < 1e-12)
            }
        }
    }

    static let plain = Gen<Character?>.element(of: Array("aAbBéÉ.()[]?+|^$-")).map { $0! }.string(of: 1...8)

    @Test func anAcceptedAnswerTypedAgainMatchesWhateverTheCaseAndSpacing() async {
        await propertyCheck(input: Self.plain, Gen.bool, Gen.int(in: 0...3), Gen.int(in: 0...3)) { accepted, shout, lead, trail in
            let typed = String(repeating: " ", count: lead) + (shout ? accepted.uppercased() : accepted)
                + String(repeating: "\n", count: trail)
            let mark = Self.expectSound(Bank.shortAnswer([(accepted, 100)]), .text(typed))
            #expect(mark?.fraction == 1)
        }
    }

    @Test func aWildcardMatchesAnyMiddle() async {
        await propertyCheck(input: Self.plain, Self.plain, Self.plain) { prefix, middle, suffix in
            let question = Bank.shortAnswer([(prefix + "*" + suffix, 100)], caseSensitive: true)
            #expect(Self.expectSound(question, .text(prefix + middle + suffix))?.fraction == 1)
            #expect(Self.expectSound(question, .text(prefix + suffix))?.fraction == 1)
            // Without its wildcard, the answer no longer takes a middle.
            let literal = Bank.shortAnswer([(prefix + suffix, 100)], caseSensitive: true)
            #expect(Self.expectSound(literal, .text(prefix + middle + suffix))?.fraction == 0)
        }
    }

    @Test func toleranceBoundsAreInclusiveAndNoWider() async {
        let values = Gen.double(in: -1000...1000), tolerances = Gen.double(in: 0.001...10)
        await propertyCheck(count: 500, input: values, tolerances, Gen.bool) { value, tolerance, comma in
            let question = Bank.numerical([(.value(value, tolerance: tolerance), 100)])
            let range = Bank.numerical([(.range(value + tolerance, value - tolerance), 100)])
            func typed(_ x: Double) -> QuestionResponse {
                .number(String("\(x)".map { comma && $0 == "." ? "," : $0 }))
            }
            for inside in [value - tolerance, value + tolerance, value] {
                #expect(Self.expectSound(question, typed(inside))?.fraction == 1, "\(inside) is in \(value) ± \(tolerance)")
                #expect(Self.expectSound(range, typed(inside))?.fraction == 1)
            }
            for outside in [value - tolerance * 1.01, value + tolerance * 1.01] {
                #expect(Self.expectSound(question, typed(outside))?.fraction == 0, "\(outside) is not in \(value) ± \(tolerance)")
                #expect(Self.expectSound(range, typed(outside))?.fraction == 0)
            }
        }
    }

    @Test func matchingThePromptsToTheirOwnPairsIsFullMarks() async {
        let pairs = zip(Gen.bool, Gen.int(in: 0...2)).array(of: 0...6)
        await propertyCheck(input: pairs, Gen.int(in: 0...100).optional.array(of: 6)) { pairs, raw in
            let question = Bank.question(.matching(pairs.map { MatchPair(prompt: $0.0 ? QuizText("p") : nil, answer: "\($0.1)") }))
            let prompts = pairs.indices.filter { pairs[$0].0 }
            let chosen = raw.prefix(prompts.count).map { $0.map { $0 % pairs.count } }
            #expect(Self.expectSound(question, .matches(Array(chosen))) != nil)
            #expect(Self.expectSound(question, .matches(prompts)) == QuestionMark(fraction: prompts.isEmpty ? 0 : 1))
        }
    }

    @Test func orderingThrowsExactlyWhenNotAPermutation() async {
        await propertyCheck(input: Gen.int(in: 0...6), Gen.int(in: -1...7).array(of: 0...7)) { count, order in
            let mark = Self.expectSound(Bank.ordering(count), .order(order))
            #expect((mark != nil) == (order.sorted() == Array(0..<count)))
        }
    }

    @Test func orderingGivesAShareForEachItemInPlace() async {
        await propertyCheck(input: Gen.double(in: 0...1).array(of: 0...7)) { keys in
            let order = keys.indices.sorted { keys[$0] < keys[$1] }
            let fraction = Self.expectSound(Bank.ordering(keys.count), .order(order))?.fraction
            let inPlace = order.enumerated().filter { $0.offset == $0.element }.count
            #expect(fraction == (keys.isEmpty ? 0 : Double(inPlace) / Double(keys.count)))
        }
    }
}
