import Testing
@testable import Domain

@Suite struct AttemptFormTests {
    typealias S = AttemptSamples

    static func read(_ item: AttemptItem, _ values: [String: [String]], position: Int = 4) throws(QuizError) -> QuestionResponse? {
        try AttemptForm.response(for: item, position: position, in: S.fields(values))
    }

    static func refusal(_ item: AttemptItem, _ values: [String: [String]]) -> QuizError? {
        S.error { () throws(QuizError) in try read(item, values) }
    }

    @Test func fieldNames() {
        #expect(AttemptForm.fieldName(position: 3) == "q3")
        #expect(AttemptForm.fieldName(position: 3, part: 1) == "q3.1")
    }

    /// Ordering shown as items 2, 0, 1; matching answers shown reversed.
    static let roundTrips: [(AttemptItem, QuestionResponse)] = [
        (S.item(S.singleChoice, order: [2, 0, 1]), .choice(2)),
        (S.item(S.multipleResponse), .choices([0, 3])),
        (S.item(S.multipleResponse), .choices([])),
        (S.item(S.trueFalse), .truth(true)),
        (S.item(S.trueFalse), .truth(false)),
        (S.item(S.shortAnswer), .text("  Paris, <b>&amp;</b> \"co\"\n")),
        (S.item(S.essay), .text("Line one\r\nLine two é")),
        (S.item(S.numerical), .number(" 3,14 ")),
        (S.item(S.matching, order: [2, 1, 0]), .matches([1, nil])),
        (S.item(S.matching), .matches([0, 2])),
        (S.item(S.orderingThree, order: [2, 0, 1]), .order([0, 1, 2])),
        (S.item(S.orderingThree, order: [2, 0, 1]), .order([2, 1, 0])),
        (S.item(S.question(S.ordering(1))), .order([0])),
    ]

    @Test(arguments: roundTrips)
    func valuesReadBackAsTheSameResponse(item: AttemptItem, response: QuestionResponse) throws {
        let values = AttemptForm.values(of: response, for: item, position: 4)
        #expect(try Self.read(item, values) == response)
    }

    @Test func orderingRanksAreGivenToTheItemsAsShown() throws {
        let item = S.item(S.orderingThree, order: [2, 0, 1])
        // Shown: item 2 ranked 1st, item 0 ranked 3rd, item 1 ranked 2nd.
        #expect(try Self.read(item, ["q4.0": ["1"], "q4.1": ["3"], "q4.2": ["2"]]) == .order([2, 1, 0]))
        #expect(AttemptForm.values(of: .order([2, 1, 0]), for: item, position: 4) == ["q4.0": ["1"], "q4.1": ["3"], "q4.2": ["2"]])
    }

    @Test func matchingPartsCountPromptsOnlyAndNameOriginalPairs() throws {
        let item = S.item(S.matching, order: [1, 2, 0])
        #expect(try Self.read(item, ["q4.0": ["0"], "q4.1": ["1"]]) == .matches([0, 1]))
        #expect(try Self.read(item, ["q4.0": [""], "q4.1": ["2"]]) == .matches([nil, 2]))
    }

    static let everyItem: [AttemptItem] = [S.singleChoice, S.multipleResponse, S.trueFalse, S.shortAnswer, S.essay, S.numerical,
                                           S.matching, S.orderingThree, S.description].map { S.item($0) }

    @Test(arguments: everyItem)
    func missingOrEmptyFieldsAreUnanswered(item: AttemptItem) throws {
        #expect(try Self.read(item, [:]) == nil)
        #expect(try Self.read(item, ["q4": ["", " "], "q4.0": [""], "q4.1": [""], "q4.2": [""]]) == nil)
        // Another question's fields, even with a name that starts alike, say nothing about this one.
        #expect(try Self.read(item, ["q40": ["1"], "q40.0": ["1"], "q3": ["true"], "q4.9": ["1"]]) == nil)
    }

    @Test func aShownMultipleResponseWithNothingTickedIsAnAnswer() throws {
        #expect(try Self.read(S.item(S.multipleResponse), ["q4.sent": ["1"]]) == .choices([]))
        #expect(try Self.read(S.item(S.multipleResponse), ["q4": ["1", "1", "2"]]) == .choices([1, 2]))
    }

    @Test func textIsKeptAsTypedUpToTheLimit() throws {
        let longest = String(repeating: "é", count: AttemptForm.maximumTextLength)
        #expect(try Self.read(S.item(S.essay), ["q4": [longest]]) == .text(longest))
        #expect(Self.refusal(S.item(S.essay), ["q4": [longest + "x"]]) == .responseDoesNotFit(.essay))
        #expect(Self.refusal(S.item(S.shortAnswer), ["q4": [longest + "x"]]) == .responseDoesNotFit(.shortAnswer))
        #expect(Self.refusal(S.item(S.numerical), ["q4": [longest + "1"]]) == .responseDoesNotFit(.numerical))
    }

    /// (question, posted values) that no page of ours sends.
    static let forged: [(Question, [String: [String]])] = [
        (S.singleChoice, ["q4": ["3"]]),
        (S.singleChoice, ["q4": ["-1"]]),
        (S.singleChoice, ["q4": ["one"]]),
        (S.singleChoice, ["q4": ["1.0"]]),
        (S.singleChoice, ["q4": ["0", "1"]]),
        (S.multipleResponse, ["q4": ["0", "4"]]),
        (S.multipleResponse, ["q4": ["x"], "q4.sent": ["1"]]),
        (S.trueFalse, ["q4": ["yes"]]),
        (S.trueFalse, ["q4": ["TRUE"]]),
        (S.matching, ["q4.0": ["3"]]),
        (S.matching, ["q4.0": ["0"], "q4.1": ["a"]]),
        (S.orderingThree, ["q4.0": ["1"], "q4.1": ["2"], "q4.2": ["4"]]),
        (S.orderingThree, ["q4.0": ["0"], "q4.1": ["1"], "q4.2": ["2"]]),
        (S.orderingThree, ["q4.0": ["1"], "q4.1": ["1"], "q4.2": ["2"]]),
        (S.orderingThree, ["q4.0": ["1"], "q4.1": ["2"]]),
        (S.orderingThree, ["q4.0": ["1"], "q4.1": ["2"], "q4.2": ["third"]]),
    ]

    @Test(arguments: forged)
    func forgedValuesDoNotFit(question: Question, values: [String: [String]]) {
        #expect(Self.refusal(S.item(question), values) == .responseDoesNotFit(question.kind))
    }

    @Test func aResponseOfAnotherKindPrefillsNothing() {
        #expect(AttemptForm.values(of: .truth(true), for: S.item(S.singleChoice), position: 0).isEmpty)
        #expect(AttemptForm.values(of: .text("x"), for: S.item(S.description), position: 0).isEmpty)
        #expect(AttemptForm.values(of: .number("1"), for: S.item(S.shortAnswer), position: 0).isEmpty)
    }
}
