import PropertyBased
import Testing
@testable import Domain

@Suite struct ScoringPropertyTests {
    /// Points and fractions beyond their ranges on purpose (a trainer's manual mark typed as 1.5,
    /// a negative point value from a broken import): totals must stay sound anyway.
    static let points = Gen.double(in: -5...20)
    static let fraction = Gen.double(in: -0.5...1.5).optional(valueRate: 0.85)

    @Test func earnedStaysWithinZeroAndPossible() async {
        await propertyCheck(count: 500, input: zip(Self.points, Self.fraction).array(of: 0...12)) { items in
            let score = QuizScore.total(items.map { (points: $0.0, mark: QuestionMark(fraction: $0.1)) })
            #expect(0 <= score.earned && score.earned <= score.possible)
            #expect((0...100).contains(score.percent))
            #expect(score.pending == items.filter { $0.1 == nil }.count)
            #expect(score.passed(atPercent: 0) == (score.pending == 0 ? true : nil))
            #expect(score.passed(atPercent: 100.1) == (score.pending == 0 ? false : nil))
        }
    }

    static let tags = Gen<Character?>.element(of: Array("abcd")).map { String($0!) }.array(of: 0...3)

    @Test func masteryStaysWithinZeroAndOneAndWeakIsSorted() async {
        let answered = zip(Self.tags, Self.points, Self.fraction).array(of: 0...10)
        await propertyCheck(count: 300, input: answered, Gen.double(in: 0...1)) { answered, threshold in
            let mastery = TopicMastery.compute(answered.map { (tags: $0.0, points: $0.1, mark: QuestionMark(fraction: $0.2)) })
            #expect(mastery.values.allSatisfy { (0...1).contains($0) })
            #expect(Set(mastery.keys).isSubset(of: answered.flatMap(\.0)))
            let weak = TopicMastery.weak(mastery, below: threshold)
            #expect(weak.allSatisfy { mastery[$0]! < threshold })
            #expect(weak.count == mastery.values.filter { $0 < threshold }.count)
            #expect(zip(weak, weak.dropFirst()).allSatisfy { (mastery[$0]!, $0) < (mastery[$1]!, $1) })
        }
    }

    @Test func itemStatisticsStayWithinTheirScales() async {
        let item = zip(Self.points, Self.fraction, Gen.int(in: 0...3).optional)
        await propertyCheck(count: 300, input: item.array(of: 3).array(of: 0...8)) { attempts in
            let analysis = ItemAnalysis.analyse(attempts.map { attempt in
                attempt.enumerated().map { ItemAnalysis.Item(key: $0.offset, points: $0.element.0, fraction: $0.element.1,
                                                             response: $0.element.2.map(QuestionResponse.choice)) }
            })
            #expect(analysis.count == (attempts.isEmpty ? 0 : 3))
            for stats in analysis.values {
                #expect(stats.graded <= attempts.count)
                #expect((stats.facility == nil) == (stats.graded == 0))
                #expect(stats.facility.map { (0...100).contains($0) } ?? true)
                #expect(stats.discrimination.map { (-100...100).contains($0) } ?? true)
                #expect(stats.discrimination == nil || stats.graded >= 2)
                #expect(stats.picks.values.reduce(0, +) + stats.unanswered == attempts.count)
            }
        }
    }
}
