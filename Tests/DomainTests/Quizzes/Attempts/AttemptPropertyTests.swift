import PropertyBased
import Testing
@testable import Domain

@Suite struct AttemptPropertyTests {
    /// Whatever the bank and the settings: no question twice, every option order a permutation
    /// of the options, ordering never in the right order, descriptions never drawn, and a refusal
    /// only for the reasons a plan can have.
    @Test func plansHoldEachQuestionOnceAndPermuteTheirOptions() async {
        await propertyCheck(count: 1000, input: AttemptRandomCases.planned) { settings, bank, seed in
            let items: [AttemptItem]
            do throws(AttemptError) {
                items = try AttemptPlan.make(settings, bank: bank, seed: seed)
            } catch {
                switch error {
                case .noQuestions, .notEnoughQuestions: break
                default: Issue.record("unexpected \(error)")
                }
                return
            }
            #expect(Set(items.map(\.questionID)).count == items.count)
            #expect(items.contains { $0.points == 1 })
            #expect((try? AttemptPlan.make(settings, bank: bank, seed: seed)) == items)
            for item in items {
                #expect(item.points == (item.question.kind == .description ? 0 : 1))
                let count: Int
                switch item.question.answers {
                case .singleChoice(let c), .multipleResponse(let c): count = c.count
                case .matching(let p): count = p.count
                case .ordering(let i):
                    count = i.count
                    #expect(i.count < 2 || item.optionOrder != Array(0..<i.count))
                default: count = 0
                }
                #expect(item.optionOrder.sorted() == Array(0..<count))
                if case .random = settings.selection { #expect(item.question.kind != .description) }
            }
        }
    }

    /// A saved answer shown again and posted back unchanged reads as the same answer.
    @Test func formValuesReadBackAsTheSameResponse() async {
        await propertyCheck(count: 1000, input: AttemptRandomCases.answered) { item, response, position in
            let values = AttemptForm.values(of: response, for: item, position: position)
            var fields = AttemptSamples.fields(values)
            fields.shuffle()
            #expect((try? AttemptForm.response(for: item, position: position, in: fields)) == response)
        }
    }
}
