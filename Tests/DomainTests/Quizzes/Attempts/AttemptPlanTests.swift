import Testing
@testable import Domain

@Suite struct AttemptPlanTests {
    typealias S = AttemptSamples

    static func plan(_ settings: QuizSettings, _ bank: [(id: String, question: Question)], seed: UInt64 = 1) throws(AttemptError) -> [AttemptItem] {
        try AttemptPlan.make(settings, bank: bank, seed: seed)
    }

    static func failure(_ settings: QuizSettings, _ bank: [(id: String, question: Question)]) -> AttemptError? {
        S.error { () throws(AttemptError) in try plan(settings, bank) }
    }

    @Test func splitMix64GivesTheReferenceSequence() {
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func fixedKeepsTheSettingsOrderAndSkipsDeletedIds() throws {
        let items = try Self.plan(S.fixed(["q3", "gone", "q1", "q3"]), S.bank(5))
        #expect(items.map(\.questionID) == ["q3", "q1"])
        #expect(items.allSatisfy { $0.points == 1 && $0.optionOrder == [0, 1, 2, 3] })
    }

    @Test func anIdListedTwiceInTheBankCountsOnceAtItsFirstPlace() throws {
        let bank = S.bank(2) + [(id: "q0", question: S.trueFalse)]
        let items = try Self.plan(S.fixed(["q0"]), bank)
        #expect(items.map(\.question) == [bank[0].question])
    }

    @Test func noQuestionLeftRefusesToStart() {
        #expect(Self.failure(S.fixed([]), S.bank(3)) == .noQuestions)
        #expect(Self.failure(S.fixed(["gone"]), S.bank(3)) == .noQuestions)
        #expect(Self.failure(S.fixed(["d"]), [(id: "d", question: S.description)]) == .noQuestions)
        #expect(Self.failure(S.random([]), S.bank(3)) == .noQuestions)
        #expect(Self.failure(S.random([("a", 0)]), S.bank(3) { _ in ["a"] }) == .noQuestions)
    }

    @Test func everyKindGetsItsPointsAndOptionOrder() throws {
        let questions = [S.singleChoice, S.multipleResponse, S.trueFalse, S.shortAnswer, S.numerical, S.matching,
                         S.orderingThree, S.essay, S.description]
        let bank = questions.enumerated().map { (id: "k\($0.offset)", question: $0.element) }
        let items = try Self.plan(S.fixed(bank.map(\.id)), bank)
        #expect(items.map(\.points) == [1, 1, 1, 1, 1, 1, 1, 1, 0])
        #expect(items.map(\.optionOrder.count) == [3, 4, 0, 0, 0, 3, 3, 0, 0])
        #expect(items[0].optionOrder == [0, 1, 2] && items[5].optionOrder == [0, 1, 2], "not shuffled unless asked")
        #expect(items[6].optionOrder != [0, 1, 2], "ordering is always shuffled")
    }

    @Test func shuffledOptionsAreAPermutation() throws {
        let bank = [(id: "m", question: S.question(.multipleResponse(S.choices(12))))]
        let items = try Self.plan(S.fixed(["m"], shuffleOptions: true), bank)
        #expect(items[0].optionOrder.sorted() == Array(0..<12))
        #expect(items[0].optionOrder != Array(0..<12))
    }

    @Test(arguments: 0..<200)
    func orderingIsNeverInTheRightOrder(seed: UInt64) throws {
        let bank = [(id: "two", question: S.question(S.ordering(2))), (id: "three", question: S.orderingThree),
                    (id: "one", question: S.question(S.ordering(1))), (id: "none", question: S.question(S.ordering(0)))]
        let items = try Self.plan(S.fixed(bank.map(\.id)), bank, seed: seed)
        #expect(items.map(\.optionOrder)[0] == [1, 0])
        #expect(items[1].optionOrder.sorted() == [0, 1, 2] && items[1].optionOrder != [0, 1, 2])
        #expect(items[2].optionOrder == [0] && items[3].optionOrder == [])
    }

    @Test func randomDrawsWithoutRepeatsInBankOrder() throws {
        // q0…q9 tagged "a", q5…q14 tagged "b": the draws overlap on q5…q9.
        let bank = S.bank(15) { ($0 < 10 ? ["a"] : []) + ($0 >= 5 ? ["b"] : []) }
        for seed in UInt64(0)..<50 {
            // "a" may take all five shared questions, leaving "b" exactly five.
            let items = try Self.plan(S.random([("a", 7), ("b", 5)]), bank, seed: seed)
            let places = items.map { Int($0.questionID.dropFirst())! }
            #expect(places.count == 12 && Set(places).count == 12)
            #expect(places.filter { $0 >= 10 || bank[$0].question.tags.contains("b") }.count >= 5)
            #expect(places == places.sorted())
        }
    }

    @Test func randomDrawsDifferWithTheSeed() throws {
        let bank = S.bank(30) { _ in ["a"] }
        let draws = try (UInt64(0)..<8).map { seed throws(AttemptError) in try Self.plan(S.random([("a", 5)]), bank, seed: seed).map(\.questionID) }
        #expect(Set(draws).count > 1)
        #expect(draws.allSatisfy { $0.allSatisfy { id in bank.contains { $0.id == id } } })
    }

    @Test func tooFewQuestionsForADrawRefuses() {
        let bank = S.bank(5) { $0 < 3 ? ["a", "b"] : ["b"] }
        #expect(Self.failure(S.random([("a", 4)]), bank) == .notEnoughQuestions(topic: "a", available: 3))
        // "a" takes three of the five "b" questions first.
        #expect(Self.failure(S.random([("a", 3), ("b", 3)]), bank) == .notEnoughQuestions(topic: "b", available: 2))
        #expect(Self.failure(S.random([("unknown", 1)]), bank) == .notEnoughQuestions(topic: "unknown", available: 0))
    }

    @Test func descriptionsAreNeverDrawn() throws {
        let bank = [(id: "intro", question: S.question(.description, tags: ["a"]))] + S.bank(2) { _ in ["a"] }
        for seed in UInt64(0)..<20 {
            #expect(try Self.plan(S.random([("a", 2)]), bank, seed: seed).map(\.questionID) == ["q0", "q1"])
        }
        #expect(Self.failure(S.random([("a", 3)]), bank) == .notEnoughQuestions(topic: "a", available: 2))
    }

    @Test func theSameSeedGivesTheSameAttempt() throws {
        let bank = S.bank(20) { _ in ["a"] } + [(id: "o", question: S.question(S.ordering(6), tags: ["a"]))]
        let settings = QuizSettings(selection: .random([.init(topic: "a", count: 12)]), shuffleQuestions: true, shuffleOptions: true)
        #expect(try Self.plan(settings, bank, seed: 42) == Self.plan(settings, bank, seed: 42))
    }

    @Test func differentSeedsGiveDifferentOrders() throws {
        let bank = S.bank(10)
        let settings = S.fixed(bank.map(\.id), shuffleQuestions: true, shuffleOptions: true)
        let plans = try (UInt64(1)...6).map { seed throws(AttemptError) in try Self.plan(settings, bank, seed: seed) }
        #expect(Set(plans.map { $0.map(\.questionID) }).count == plans.count)
        #expect(Set(plans.map { $0.map(\.optionOrder) }).count == plans.count)
        #expect(plans.allSatisfy { Set($0.map(\.questionID)) == Set(bank.map(\.id)) })
    }
}
