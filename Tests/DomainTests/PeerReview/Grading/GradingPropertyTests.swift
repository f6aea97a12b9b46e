import Foundation
import PropertyBased
import Testing
@testable import Domain

@Suite struct GradingPropertyTests {
    /// Every reviewed submission gets a grade per criterion, within the criterion's points.
    @Test func gradesStayWithinEachCriterionsPoints() async {
        await propertyCheck(count: 100, input: GradingRandomCases.cohorts) { cohort in
            let grades = PeerGrading.grade(cohort.scores, rubric: cohort.rubric, calibration: cohort.calibration)
            #expect(Set(grades.grades.keys) == Set(cohort.scores.map(\.submission)))
            for grade in grades.grades.values {
                #expect(grade.count == cohort.rubric.criteria.count)
                for (points, criterion) in zip(grade, cohort.rubric.criteria) {
                    #expect(points >= Double(criterion.minPoints) && points <= Double(criterion.maxPoints))
                }
            }
            for alpha in grades.agreement.compactMap({ $0 }) { #expect(alpha <= 1) }
        }
    }

    /// No reviewer's weight leaves the bounds; staff sit at the top; reviewing grades are 0...100.
    @Test func weightsAndReviewingGradesStayWithinBounds() async {
        await propertyCheck(count: 100, input: GradingRandomCases.cohorts) { cohort in
            let grades = PeerGrading.grade(cohort.scores, rubric: cohort.rubric, calibration: cohort.calibration)
            for (reviewer, weight) in grades.weights {
                #expect(PeerGrading.weightBounds.contains(weight))
                if cohort.scores.contains(where: { $0.reviewer == reviewer && $0.byStaff }) {
                    #expect(weight == PeerGrading.weightBounds.upperBound)
                }
            }
            for grade in grades.reviewing.values {
                #expect(grade.accuracy.map { (0...100).contains($0) } ?? true)
                #expect(grade.overall.map { (0...100).contains($0) } ?? true)
            }
        }
    }

    /// The order in which scores arrive changes nothing, to the last bit.
    @Test func orderDoesNotMatter() async {
        await propertyCheck(count: 60, input: GradingRandomCases.cohorts) { cohort in
            let grades = PeerGrading.grade(cohort.scores, rubric: cohort.rubric, calibration: cohort.calibration)
            var rng = SeededGenerator(seed: UInt64(cohort.scores.count))
            var shuffled = cohort.scores
            rng.shuffle(&shuffled)
            #expect(PeerGrading.grade(shuffled, rubric: cohort.rubric, calibration: cohort.calibration) == grades)
        }
    }

    /// Bounded influence: when the other reviews of a submission (4 or more) agree on a level,
    /// one more review, however far and however heavy within the bounds, moves the grade by at
    /// most ½ level × its weight / theirs (Huber: it pulls as if it were ½ level away).
    @Test func oneReviewMovesAnAgreedGradeByABoundedAmount() async {
        let cases = Generator<(agreed: Double, others: [Double], dissent: Double, weight: Double), _> { rng in
            let bounds = PeerGrading.weightBounds
            return (Double(Int.random(in: 0...4, using: &rng)),
                    (0..<Int.random(in: 4...8, using: &rng)).map { _ in Double.random(in: bounds, using: &rng) },
                    Double.random(in: 0...4, using: &rng), Double.random(in: bounds, using: &rng))
        }
        await propertyCheck(count: 500, input: cases) { agreed, others, dissent, weight in
            let values = Array(repeating: agreed, count: others.count) + [dissent]
            let grade = Consensus.combine(values, weights: others + [weight],
                                          byStaff: Array(repeating: false, count: values.count)) ?? .nan
            let bound = Consensus.huber * weight / others.reduce(0, +)
            #expect(abs(grade - agreed) <= min(bound, abs(dissent - agreed)) + 1e-9)
        }
    }
}
