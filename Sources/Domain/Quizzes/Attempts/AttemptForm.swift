/// Reads answers from the attempt page's form, and writes them back to pre-fill it. Options are
/// posted by their ORIGINAL index, never by the place they were shown in, so a saved answer means
/// the same whatever order the page showed.
///
/// Field names for the item at `position` p (part numbers k count from 0):
/// - singleChoice: radio "q<p>", value = the original option index; trueFalse: radio "q<p>",
///   "true" / "false";
/// - multipleResponse: checkboxes "q<p>" (several values) = original indices, and a hidden
///   "q<p>.sent" = "1", so that ticking nothing is an answer (`.choices([])`), not a skip;
/// - shortAnswer, essay, numerical: text "q<p>";
/// - matching: one select per prompt, "q<p>.<k>" for the k-th pair WITH a prompt (in question
///   order), value = the chosen pair's original index, or "" (unmatched);
/// - ordering: one select per item as SHOWN (`optionOrder`), "q<p>.<k>" for the k-th item shown,
///   value = the rank the learner gives it, "1"…"n";
/// - description: no field.
public enum AttemptForm {
    /// Longest text answer taken, in characters: ample for an essay, small enough to store.
    public static let maximumTextLength = 10_000

    /// The field of a one-field question: "q3".
    public static func fieldName(position: Int) -> String { "q\(position)" }

    /// The field of one part of a question (a matching prompt, an ordering item): "q3.1".
    public static func fieldName(position: Int, part: Int) -> String { "q\(position).\(part)" }

    static func sentFieldName(position: Int) -> String { "q\(position).sent" }

    /// The response the form holds for `item`, or nil when it is unanswered (its fields absent,
    /// empty or blank).
    ///
    /// Throws `QuizError.responseDoesNotFit(kind)` for what no page of ours sends: an index that
    /// is not an option, a value that is not a whole number, a rank out of range, repeated or
    /// missing while others are given, two values for a one-value field, or text over
    /// `maximumTextLength`. Text is kept as typed (grading normalises it).
    public static func response(for item: AttemptItem, position: Int, in fields: [(name: String, value: String)]) throws(QuizError) -> QuestionResponse? {
        try response(for: item, position: position, in: AttemptFormFields(fields))
    }

    /// The same, from fields gathered once for every question of the form.
    public static func response(for item: AttemptItem, position: Int, in form: AttemptFormFields) throws(QuizError) -> QuestionResponse? {
        let name = fieldName(position: position)
        let kind = item.question.kind
        switch item.question.answers {
        case .singleChoice(let choices):
            return try form.single(name, kind).map { value throws(QuizError) in .choice(try index(value, below: choices.count, kind)) }
        case .multipleResponse(let choices):
            let values = form.filled(name)
            if values.isEmpty { return form.filled(sentFieldName(position: position)) == ["1"] ? .choices([]) : nil }
            var picked = Set<Int>()
            for value in values { picked.insert(try index(value, below: choices.count, kind)) }
            return .choices(picked)
        case .trueFalse:
            switch try form.single(name, kind) {
            case nil: return nil
            case "true": return .truth(true)
            case "false": return .truth(false)
            default: throw .responseDoesNotFit(kind)
            }
        case .shortAnswer, .essay:
            return try text(form, name, kind).map(QuestionResponse.text)
        case .numerical:
            return try text(form, name, kind).map(QuestionResponse.number)
        case .matching(let pairs):
            let prompts = pairs.indices.filter { pairs[$0].prompt != nil }
            var chosen: [Int?] = []
            for part in prompts.indices {
                let value = try form.single(fieldName(position: position, part: part), kind)
                chosen.append(try value.map { value throws(QuizError) in try index(value, below: pairs.count, kind) })
            }
            return chosen.contains { $0 != nil } ? .matches(chosen) : nil
        case .ordering(let items):
            return try order(form, position: position, shown: shownOrder(item, count: items.count), kind)
        case .description:
            return nil
        }
    }

    /// The form values that show `response` again (the attempt page pre-fills saved answers):
    /// field name → values. Empty when the response is of another kind than the item (nothing
    /// sensible to show); a multiple response also sets its "sent" field.
    public static func values(of response: QuestionResponse, for item: AttemptItem, position: Int) -> [String: [String]] {
        let name = fieldName(position: position)
        switch (item.question.answers, response) {
        case (.singleChoice, .choice(let index)):
            return [name: [String(index)]]
        case (.multipleResponse, .choices(let picked)):
            return [name: picked.sorted().map(String.init), sentFieldName(position: position): ["1"]]
        case (.trueFalse, .truth(let said)):
            return [name: [said ? "true" : "false"]]
        case (.shortAnswer, .text(let text)), (.essay, .text(let text)), (.numerical, .number(let text)):
            return [name: [text]]
        case (.matching, .matches(let chosen)):
            var values: [String: [String]] = [:]
            for (part, pick) in chosen.enumerated() {
                values[fieldName(position: position, part: part)] = [pick.map(String.init) ?? ""]
            }
            return values
        case (.ordering(let items), .order(let order)):
            var values: [String: [String]] = [:]
            for (part, original) in shownOrder(item, count: items.count).enumerated() {
                guard let rank = order.firstIndex(of: original) else { continue }
                values[fieldName(position: position, part: part)] = [String(rank + 1)]
            }
            return values
        default:
            return [:]
        }
    }

    /// An original option index posted as text.
    private static func index(_ value: String, below count: Int, _ kind: QuestionKind) throws(QuizError) -> Int {
        guard let index = Int(value), (0..<count).contains(index) else { throw .responseDoesNotFit(kind) }
        return index
    }

    private static func text(_ form: AttemptFormFields, _ name: String, _ kind: QuestionKind) throws(QuizError) -> String? {
        guard let text = try form.single(name, kind) else { return nil }
        guard text.count <= maximumTextLength else { throw .responseDoesNotFit(kind) }
        return text
    }

    /// The items in the order shown; the plain order when the stored one is not a permutation
    /// of the items (a damaged attempt), so the ranks can still be read.
    static func shownOrder(_ item: AttemptItem, count: Int) -> [Int] {
        item.optionOrder.sorted() == Array(0..<count) ? item.optionOrder : Array(0..<count)
    }

    /// Ranks given to the items as shown, turned into the original items in the learner's order.
    private static func order(_ form: AttemptFormFields, position: Int, shown: [Int], _ kind: QuestionKind) throws(QuizError) -> QuestionResponse? {
        var ranks: [Int?] = []
        for part in shown.indices {
            let value = try form.single(fieldName(position: position, part: part), kind)
            ranks.append(try value.map { value throws(QuizError) in try index(value, below: shown.count + 1, kind) })
        }
        if ranks.allSatisfy({ $0 == nil }) { return nil }
        var order = [Int?](repeating: nil, count: shown.count)
        for (part, rank) in ranks.enumerated() {
            guard let rank, rank >= 1, order[rank - 1] == nil else { throw .responseDoesNotFit(kind) }
            order[rank - 1] = shown[part]
        }
        return .order(order.compactMap { $0 })
    }
}

/// A posted form's values by name, in the order posted.
public struct AttemptFormFields: Sendable {
    private var values: [String: [String]] = [:]

    public init(_ fields: [(name: String, value: String)]) {
        for field in fields { values[field.name, default: []].append(field.value) }
    }

    /// The values of `name` that are not blank (a blank one is a field left empty).
    func filled(_ name: String) -> [String] {
        (values[name] ?? []).filter { !$0.allSatisfy(\.isWhitespace) }
    }

    /// The one value of a one-value field, nil when it is left empty; two different values are
    /// a forged or broken form.
    func single(_ name: String, _ kind: QuestionKind) throws(QuizError) -> String? {
        let filled = filled(name)
        guard Set(filled).count <= 1 else { throw .responseDoesNotFit(kind) }
        return filled.first
    }
}
