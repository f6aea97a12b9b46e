/// How a typed number is read and compared with the accepted ones.
enum NumericAnswerReading {
    /// Floating point cannot hold most decimals exactly: 3.14 − 3.13 is 0.010000000000000231,
    /// just over a tolerance of 0.01 that an author means to include. Bounds are widened by this
    /// share of the largest magnitude involved, far below anything a learner types.
    static let relativeSlack = 1e-9

    /// The best accepted answer the number falls in (highest weight; the first of equals) gives
    /// its weight and feedback. Text that is not a number is a wrong answer: 0, no feedback.
    static func mark(_ typed: String, against accepted: [NumericAnswer]) -> QuestionMark {
        guard let number = number(from: typed) else { return QuestionMark(fraction: 0) }
        var best: NumericAnswer?
        for answer in accepted where best.map({ QuestionGrading.rank(answer.weight) > QuestionGrading.rank($0.weight) }) ?? true {
            if accepts(answer.accepts, number) { best = answer }
        }
        guard let best else { return QuestionMark(fraction: 0) }
        return QuestionMark(fraction: QuestionGrading.share(ofPercent: best.weight), feedback: [best.feedback].compactMap { $0 })
    }

    /// Reads a number the way people type it: surrounding spaces, a leading `+` or `-` (or the
    /// typographic minus `−`), a decimal point or a decimal comma ("3,14"), digits on either side
    /// of it, and an exponent ("1e3", "2.5E-4"). Anything else is refused rather than guessed:
    /// "3.1.4", "1 000", "0x10", "abc", "", and whatever does not fit a finite Double ("nan",
    /// "inf", "1e400"). A single comma is always a decimal separator, so "1,000" reads as 1.
    static func number(from typed: String) -> Double? {
        var scalars = Substring(ShortAnswerMatching.normalised(typed)).unicodeScalars[...]
        var ascii = ""
        if let sign = scalars.first, "+-−".unicodeScalars.contains(sign) {
            ascii = sign == "+" ? "" : "-"
            scalars = scalars.dropFirst()
        }
        let whole = digits(&scalars)
        var fraction = ""
        if let separator = scalars.first, separator == "." || separator == "," {
            scalars = scalars.dropFirst()
            fraction = digits(&scalars)
        }
        guard !(whole.isEmpty && fraction.isEmpty) else { return nil }
        ascii += (whole.isEmpty ? "0" : whole) + "." + (fraction.isEmpty ? "0" : fraction)
        if let e = scalars.first, e == "e" || e == "E" {
            scalars = scalars.dropFirst()
            var exponentSign = ""
            if let sign = scalars.first, sign == "+" || sign == "-" {
                exponentSign = sign == "-" ? "-" : ""
                scalars = scalars.dropFirst()
            }
            let exponent = digits(&scalars)
            guard !exponent.isEmpty else { return nil }
            ascii += "e" + exponentSign + exponent
        }
        guard scalars.isEmpty, let value = Double(ascii), value.isFinite else { return nil }
        return value
    }

    /// Whether an accepted answer takes the number. Both bounds are inclusive: a tolerance of
    /// 0.01 around 3.14 takes 3.13 and 3.15, and a range written backwards ("5..1") is the
    /// same range. A negative tolerance counts as its size.
    static func accepts(_ accepts: NumericAnswer.Accepts, _ x: Double) -> Bool {
        switch accepts {
        case let .value(value, tolerance):
            let slack = relativeSlack * max(abs(value), abs(x), abs(tolerance))
            return abs(x - value) <= abs(tolerance) + slack
        case let .range(a, b):
            let low = min(a, b), high = max(a, b)
            let slack = relativeSlack * max(abs(low), abs(high), abs(x))
            return low - slack <= x && x <= high + slack
        }
    }

    /// Takes the leading ASCII digits off the scalars.
    private static func digits(_ scalars: inout Substring.UnicodeScalarView.SubSequence) -> String {
        let run = scalars.prefix { $0.isASCII && ("0"..."9").contains($0) }
        scalars = scalars.dropFirst(run.count)
        return String(run)
    }
}
