/// How a typed short answer is compared with the accepted ones.
///
/// Both sides are normalised the same way: trimmed, every run of whitespace (spaces, tabs,
/// newlines, no-break spaces) read as one space, and lowercased unless the question is case
/// sensitive. Characters compare by Unicode canonical equivalence (Swift's `Character` equality),
/// so "é" typed as one scalar or as "e" plus a combining accent is the same answer.
///
/// In an accepted answer `*` matches any run of characters, including none; `\*` is a literal
/// asterisk (Moodle's rule). Everything else is literal: the matcher is not a regular expression,
/// so an author's "3.5 (approx.)" cannot be misread and a learner's text cannot inject a pattern.
enum ShortAnswerMatching {
    /// The best accepted answer the text matches (highest weight; the first of equals) gives its
    /// weight and feedback. A zero-weight match still gives its feedback: that is how an author
    /// explains a common wrong answer. Blank text earns 0 and no feedback.
    static func mark(_ text: String, against rule: ShortAnswer) -> QuestionMark {
        let typed = comparable(text, caseSensitive: rule.caseSensitive)
        guard !typed.isEmpty else { return QuestionMark(fraction: 0) }
        var best: AcceptedText?
        for accepted in rule.accepted where best.map({ QuestionGrading.rank(accepted.weight) > QuestionGrading.rank($0.weight) }) ?? true {
            let pattern = Pattern(comparable(accepted.text, caseSensitive: rule.caseSensitive))
            if pattern.matches(typed) { best = accepted }
        }
        guard let best else { return QuestionMark(fraction: 0) }
        return QuestionMark(fraction: QuestionGrading.share(ofPercent: best.weight), feedback: [best.feedback].compactMap { $0 })
    }

    /// Trimmed, with every run of whitespace as one space.
    static func normalised(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func comparable(_ text: String, caseSensitive: Bool) -> [Character] {
        let normal = normalised(text)
        return Array(caseSensitive ? normal : normal.lowercased())
    }

    /// An accepted answer cut at its wildcards: the literal pieces between them, in order.
    private struct Pattern {
        var pieces: [[Character]] = [[]]

        init(_ characters: [Character]) {
            var index = characters.startIndex
            while index < characters.endIndex {
                let character = characters[index]
                let next = characters.index(after: index)
                if character == "\\", next < characters.endIndex, characters[next] == "*" {
                    pieces[pieces.count - 1].append("*")
                    index = characters.index(after: next)
                    continue
                }
                if character == "*" { pieces.append([]) } else { pieces[pieces.count - 1].append(character) }
                index = next
            }
        }

        /// The first piece must start the text, the last must end it, and the ones between are
        /// found left to right, each as early as it can be: with only `*` wildcards the earliest
        /// place never loses a match, so no backtracking is needed.
        func matches(_ text: [Character]) -> Bool {
            guard pieces.count > 1 else { return text == pieces[0] }
            let first = pieces[0], last = pieces[pieces.count - 1]
            guard text.count >= first.count + last.count,
                  text.starts(with: first), text.suffix(last.count).elementsEqual(last)
            else { return false }
            var position = first.count
            let end = text.count - last.count
            for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
                guard let found = Self.firstIndex(of: piece, in: text, from: position, before: end) else { return false }
                position = found + piece.count
            }
            return true
        }

        private static func firstIndex(of piece: [Character], in text: [Character], from start: Int, before end: Int) -> Int? {
            guard end - start >= piece.count else { return nil }
            return (start...(end - piece.count)).first { text[$0..<($0 + piece.count)].elementsEqual(piece) }
        }
    }
}
