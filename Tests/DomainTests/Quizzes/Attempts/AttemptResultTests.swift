import Testing
@testable import Domain

@Suite struct AttemptResultTests {
    typealias S = AttemptSamples

    static let items = [S.item(S.question(.singleChoice(S.choices(3)), tags: ["geo"])),
                        S.item(S.question(.trueFalse(TrueFalseAnswer(isTrue: true)), tags: ["geo", "logic"])),
                        S.item(S.description),
                        S.item(S.question(.essay, tags: ["logic"])),
                        S.item(S.question(.multipleResponse(S.choices(2)), tags: ["logic"]))]

    @Test func aResponseThatDoesNotFitIsMarkedAsUnanswered() {
        let (marks, score) = AttemptResult.grade(Self.items, responses: [0: .choice(9), 1: .truth(true), 2: .text("?"),
                                                                          3: .text("An essay"), 4: .choices([0])])
        #expect(marks.map(\.fraction) == [0, 1, 0, nil, 1])
        #expect(score.earned == 2 && score.possible == 4 && score.pending == 1)
    }

    @Test func missingResponsesAreZero() {
        let (marks, score) = AttemptResult.grade(Self.items, responses: [9: .choice(0)])
        #expect(marks.map(\.fraction) == [0, 0, 0, 0, 0])
        #expect(score.earned == 0 && score.possible == 4 && score.pending == 0)
    }

    @Test func masteryCountsEveryItemOfEveryAttempt() {
        let first = AttemptResult.grade(Self.items, responses: [0: .choice(0), 1: .truth(false), 3: .text("pending")])
        let second = AttemptResult.grade(Self.items, responses: [0: .choice(0), 1: .truth(true), 4: .choices([0])])
        let mastery = AttemptResult.mastery([(Self.items, first.marks), (Self.items, second.marks)])
        // geo: 1 + 0, then 1 + 1, of 4. logic: true/false 0 and multiple response 0 (the pending essay
        // skipped), then true/false 1, the unanswered essay 0 and multiple response 1: 2 of 5.
        #expect(mastery == ["geo": 0.75, "logic": 0.4])
    }
}
