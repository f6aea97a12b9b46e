import PropertyBased
@testable import Domain

/// Random question banks for the GIFT round trip: every kind GIFT can express (and ordering
/// questions, which export leaves out), every format, weights, feedback, titles, tags, ids and
/// categories, with texts full of characters GIFT must escape and of unicode.
///
/// Limits, which are GIFT's (see `GIFT.export`), not the exporter's: texts are trimmed and
/// non-empty where GIFT needs a text; words are joined by one space or one line break (outside
/// html and markdown GIFT turns runs of spaces into one); no `_` (an embedded blank is
/// `_____`), no carriage return, no text starting with a combining mark; matching prompts hold
/// no `->`; single choices have two options or more; numeric ranges are finite or the whole
/// line; ids and tags hold no `[` or `\`; short answers are not case-sensitive.
enum GIFTRandomBank {
    typealias RNG = any SeededRandomNumberGenerator

    /// A bank, shrunk by leaving questions out.
    static let banks = Generator<[Question], [[Question]]>(
        run: { rng in (0..<Int.random(in: 0...6, using: &rng)).map { _ in question(using: &rng) } },
        shrink: { bank in bank.indices.map { index in var smaller = bank; smaller.remove(at: index); return smaller } })

    /// Escapable characters, GIFT syntax that is plain text in a text, and unicode.
    static let alphabet: [Character] = ["a", "b", "Z", "7", "~", "=", "#", "{", "}", ":", "\\", "-", ">", "%", "[", "]", "/",
                                        "*", "$", "n", "T", ".", "é", "e\u{301}", "日", "🎉", "«", "ß"]
    static let metadataAlphabet: [Character] = ["a", "b", "7", "-", "]", "é", " ", ":", "="]

    static func word(using rng: inout RNG, from alphabet: [Character] = alphabet) -> String {
        String((0..<Int.random(in: 1...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    static func string(using rng: inout RNG, lineBreaks: Bool = true) -> String {
        var text = word(using: &rng)
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            text += (lineBreaks && Int.random(in: 0..<5, using: &rng) == 0 ? "\n" : " ") + word(using: &rng)
        }
        return text
    }

    static func text(using rng: inout RNG) -> QuizText {
        QuizText(string(using: &rng), format: QuizTextFormat.allCases.randomElement(using: &rng)!)
    }

    static func maybe<T>(_ rng: inout RNG, _ make: (inout RNG) -> T) -> T? {
        Bool.random(using: &rng) ? make(&rng) : nil
    }

    static func weight(using rng: inout RNG) -> Double {
        [-100, -50, -33.33333, 0, 12.5, 50, 100, Double.random(in: -100...100, using: &rng)].randomElement(using: &rng)!
    }

    static func number(using rng: inout RNG) -> Double {
        [0, -1, 1822, 3.1415, 1e-7, Double.random(in: -1e6...1e6, using: &rng)].randomElement(using: &rng)!
    }

    static func question(using rng: inout RNG) -> Question {
        let kind = QuestionKind.allCases.randomElement(using: &rng)!
        var question = Question(title: maybe(&rng) { string(using: &$0) }, stem: text(using: &rng), answers: answers(kind, using: &rng),
                                tags: (0..<Int.random(in: 0...2, using: &rng)).map { _ in metadata(using: &rng) },
                                reference: maybe(&rng) { metadata(using: &$0) },
                                category: Int.random(in: 0..<3, using: &rng) == 0 ? string(using: &rng, lineBreaks: false) : nil)
        guard kind != .description else { return question }
        question.generalFeedback = maybe(&rng) { text(using: &$0) }
        switch Int.random(in: 0..<5, using: &rng) {
        case 0:
            question.hasEmbeddedAnswers = true
            question.stem.text = "_____ " + question.stem.text
        case 1:
            question.hasEmbeddedAnswers = true
            question.stem.text += " _____ " + string(using: &rng)
        case 2:
            question.stem.text = ""
        default:
            break
        }
        return question
    }

    /// An id or a tag: trimmed, on one line.
    static func metadata(using rng: inout RNG) -> String {
        "t" + word(using: &rng, from: metadataAlphabet).trimmingGIFTWhitespace()
    }

    static func answers(_ kind: QuestionKind, using rng: inout RNG) -> QuestionAnswers {
        switch kind {
        case .singleChoice:
            .singleChoice((0..<Int.random(in: 2...5, using: &rng)).map { _ in choice(using: &rng) })
        case .multipleResponse:
            .multipleResponse((0..<Int.random(in: 1...5, using: &rng)).map { _ in choice(using: &rng) })
        case .trueFalse:
            .trueFalse(TrueFalseAnswer(isTrue: Bool.random(using: &rng), trueFeedback: maybe(&rng) { text(using: &$0) },
                                       falseFeedback: maybe(&rng) { text(using: &$0) }))
        case .shortAnswer:
            .shortAnswer(ShortAnswer(accepted: (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                AcceptedText(string(using: &rng), weight: abs(weight(using: &rng)), feedback: maybe(&rng) { text(using: &$0) })
            }))
        case .numerical:
            .numerical((0..<Int.random(in: 1...4, using: &rng)).map { _ in
                NumericAnswer(accepts(using: &rng), weight: weight(using: &rng), feedback: maybe(&rng) { text(using: &$0) })
            })
        case .matching:
            .matching((0..<Int.random(in: 1...5, using: &rng)).map { _ in
                var prompt = maybe(&rng) { text(using: &$0) }
                while prompt?.text.contains("->") == true { prompt?.text.replace("->", with: "-") }
                return MatchPair(prompt: prompt, answer: string(using: &rng))
            })
        case .ordering:
            .ordering((0..<Int.random(in: 1...4, using: &rng)).map { _ in text(using: &rng) })
        case .essay:
            .essay
        case .description:
            .description
        }
    }

    static func choice(using rng: inout RNG) -> Choice {
        Choice(text(using: &rng), weight: weight(using: &rng), feedback: maybe(&rng) { text(using: &$0) })
    }

    static func accepts(using rng: inout RNG) -> NumericAnswer.Accepts {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return .range(-.infinity, .infinity)
        case 1, 2: return .value(number(using: &rng), tolerance: abs(number(using: &rng)))
        default:
            let (low, high) = (number(using: &rng), number(using: &rng))
            return .range(min(low, high), max(low, high))
        }
    }
}
