/// Makes the items of a new attempt from a quiz's settings and the course's bank. The items are
/// copies, so editing the bank later changes no attempt already started, and every random choice
/// comes from one seed, so the attempt can be made again exactly (a retry after a failed save, a test).
public enum AttemptPlan {
    /// The items of a new attempt. `bank`: the course's questions in bank order (an id listed
    /// twice counts once, at its first place).
    ///
    /// - fixed: in the settings' order; ids no longer in the bank (deleted since) are skipped.
    /// - random: for each draw in turn, `count` questions tagged with its topic, none drawn twice
    ///   across draws, so overlapping topics cannot repeat a question; descriptions are never
    ///   drawn (they introduce questions, they are not questions). `.notEnoughQuestions(topic,
    ///   available)` when a topic has too few left. Drawn questions come in bank order.
    /// - Questions are shuffled when `shuffleQuestions`; choices and matching answers when
    ///   `shuffleOptions`. Ordering items are always shuffled, and never left in the right order
    ///   when there are two or more: the task is to put them in order.
    /// - `.noQuestions` when no item carries marks (nothing left, or descriptions only): such a
    ///   quiz cannot be passed, so it is not started.
    ///
    /// `optionOrder` holds indices into the choices (choice kinds), the pairs (matching: the
    /// answers shown in that order) or the items (ordering); [] for other kinds. Points: 1, and 0
    /// for a description.
    public static func make(_ settings: QuizSettings, bank: [(id: String, question: Question)], seed: UInt64) throws(AttemptError) -> [AttemptItem] {
        var rng = SeededGenerator(seed: seed)
        var firstPlace: [String: Int] = [:]
        for (place, entry) in bank.enumerated() where firstPlace[entry.id] == nil { firstPlace[entry.id] = place }
        var chosen: [Int]
        switch settings.selection {
        case .fixed(let ids):
            var seen = Set<Int>()
            chosen = ids.compactMap { firstPlace[$0] }.filter { seen.insert($0).inserted }
        case .random(let draws):
            chosen = try drawn(draws, from: bank, places: Set(firstPlace.values), using: &rng)
        }
        guard chosen.contains(where: { bank[$0].question.kind.carriesMarks }) else { throw .noQuestions }
        if settings.shuffleQuestions { rng.shuffle(&chosen) }
        return chosen.map { place in
            let question = bank[place].question
            return AttemptItem(questionID: bank[place].id, question: question,
                               optionOrder: optionOrder(question.answers, shuffle: settings.shuffleOptions, using: &rng),
                               points: question.kind.carriesMarks ? 1 : 0)
        }
    }

    /// Bank places of the questions drawn, in bank order.
    private static func drawn(_ draws: [QuizSettings.TopicDraw], from bank: [(id: String, question: Question)],
                              places: Set<Int>, using rng: inout SeededGenerator) throws(AttemptError) -> [Int] {
        let questions = places.sorted().filter { bank[$0].question.kind.carriesMarks }
        var taken = Set<Int>()
        for draw in draws where draw.count > 0 {
            let candidates = questions.filter { !taken.contains($0) && bank[$0].question.tags.contains(draw.topic) }
            guard candidates.count >= draw.count else {
                throw .notEnoughQuestions(topic: draw.topic, available: candidates.count)
            }
            taken.formUnion(rng.pick(draw.count, of: candidates))
        }
        return taken.sorted()
    }

    private static func optionOrder(_ answers: QuestionAnswers, shuffle: Bool, using rng: inout SeededGenerator) -> [Int] {
        switch answers {
        case .singleChoice(let choices), .multipleResponse(let choices):
            return arranged(choices.count, shuffle: shuffle, using: &rng)
        case .matching(let pairs):
            return arranged(pairs.count, shuffle: shuffle, using: &rng)
        case .ordering(let items):
            return scrambled(items.count, using: &rng)
        case .trueFalse, .shortAnswer, .numerical, .essay, .description:
            return []
        }
    }

    private static func arranged(_ count: Int, shuffle: Bool, using rng: inout SeededGenerator) -> [Int] {
        var order = Array(0..<count)
        if shuffle { rng.shuffle(&order) }
        return order
    }

    /// A shuffle that is never the right order (for two or more items). Redrawing keeps every
    /// other order equally likely; the rotation after many unlucky draws only bounds the loop.
    private static func scrambled(_ count: Int, using rng: inout SeededGenerator) -> [Int] {
        let identity = Array(0..<count)
        guard count > 1 else { return identity }
        for _ in 0..<32 {
            var order = identity
            rng.shuffle(&order)
            if order != identity { return order }
        }
        return Array(identity.dropFirst()) + [0]
    }
}
