extension GIFTAnswerParser {
    /// `{#3.14:0.01}`, `{#3.1..3.2}`, `{#1822}`, or several weighted answers
    /// `{#=1822:0 =%50%1822:2 ~#feedback}`; an answer without a number (Moodle's `*`) accepts
    /// any number, written here as the range from -∞ to +∞.
    mutating func numerical() throws(GIFTError) -> (QuestionAnswers, QuizText?) {
        cursor.skipWhitespace()
        guard cursor.peek() == "=" || cursor.peek() == "~" else {
            var answer = NumericAnswer(try accepts())
            cursor.skipWhitespace()
            if cursor.peek() == "#", !cursor.starts(with: "####") { answer.feedback = feedback() }
            return (.numerical([answer]), try generalFeedbackAndClose())
        }
        var answers: [NumericAnswer] = []
        while true {
            cursor.skipWhitespace()
            switch cursor.peek() {
            case "=", "~":
                let isRight = cursor.peek() == "="
                cursor.advance()
                cursor.skipWhitespace()
                let weight = try self.weight() ?? (isRight ? 100 : 0)
                cursor.skipWhitespace()
                let hasNumber = !["#", "=", "~", "}", nil].contains(cursor.peek())
                var answer = NumericAnswer(hasNumber ? try accepts() : .range(-.infinity, .infinity), weight: weight)
                cursor.skipWhitespace()
                if cursor.peek() == "#", !cursor.starts(with: "####") { answer.feedback = feedback() }
                answers.append(answer)
            case "#" where !cursor.starts(with: "####"):
                throw cursor.error("an answer takes one feedback (write `\\#` for a # in a text)")
            default:
                return (.numerical(answers), try generalFeedbackAndClose())
            }
        }
    }

    /// `3.14`, `3.14:0.01` or `3.1..3.2`.
    private mutating func accepts() throws(GIFTError) -> NumericAnswer.Accepts {
        let start = cursor.index
        guard let value = number() else { throw notANumber(from: start) }
        let accepts: NumericAnswer.Accepts
        if cursor.peek() == ":" {
            cursor.advance()
            guard let tolerance = number() else { throw notANumber(from: start) }
            accepts = .value(value, tolerance: tolerance)
        } else if cursor.starts(with: "..") {
            cursor.advance(2)
            guard let high = number() else { throw notANumber(from: start) }
            accepts = .range(value, high)
        } else {
            accepts = .value(value, tolerance: 0)
        }
        if let next = cursor.peek(), !next.isWhitespace, !["#", "=", "~", "}"].contains(next) {
            throw notANumber(from: start)
        }
        return accepts
    }

    private mutating func number() -> Double? {
        var text = ""
        var offset = 0
        if let sign = cursor.peek(), sign == "-" || sign == "+" {
            text.append(sign)
            offset = 1
        }
        func digits() {
            while let digit = cursor.peek(offset), digit.isASCII, digit.isNumber {
                text.append(digit)
                offset += 1
            }
        }
        digits()
        if cursor.peek(offset) == ".", let digit = cursor.peek(offset + 1), digit.isASCII, digit.isNumber {
            text.append(".")
            offset += 1
            digits()
        }
        guard let value = GIFTNumber.parse(text) else { return nil }
        cursor.advance(offset)
        return value
    }

    private func notANumber(from start: Int) -> GIFTError {
        var word = ""
        var index = start
        while index < cursor.chars.count, !cursor.chars[index].value.isWhitespace,
              !["#", "=", "~", "}"].contains(cursor.chars[index].value) {
            word.append(cursor.chars[index].value)
            index += 1
        }
        return cursor.error("expected a number (like `3.14`, `3.14:0.01` or `3.1..3.2`), "
            + (word.isEmpty ? "found \(cursor.found)" : "found `\(word)`"), at: start)
    }
}
