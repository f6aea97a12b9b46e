import Domain
import Foundation

/// The command line: `peer-review-sim [--seed N] [--runs N] [--sizes 8,15,25]`.
struct Options {
    var seed: UInt64 = 1
    /// Cohorts simulated per size.
    var runs = 200
    var sizes = [8, 15, 25]

    /// Cohort sizes accepted: a cohort needs two learners to review each other.
    static let sizeRange = 2...500

    static let usage = "usage: peer-review-sim [--seed N] [--runs N] [--sizes 8,15,25]"

    /// Reads the arguments (without the program's name); throws a message naming the first problem.
    init(_ arguments: [String]) throws(OptionError) {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            if flag == "--help" || flag == "-h" { throw OptionError(message: Self.usage, isHelp: true) }
            guard let value = rest.popFirst() else { throw OptionError(message: "\(flag) needs a value\n\(Self.usage)") }
            switch flag {
            case "--seed":
                guard let seed = UInt64(value) else {
                    throw OptionError(message: "--seed takes a whole number ≥ 0, not \(value)")
                }
                self.seed = seed
            case "--runs":
                guard let runs = Int(value), runs > 0 else {
                    throw OptionError(message: "--runs takes a whole number ≥ 1, not \(value)")
                }
                self.runs = runs
            case "--sizes":
                let sizes = value.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !sizes.isEmpty, sizes.allSatisfy({ $0.map(Self.sizeRange.contains) ?? false }) else {
                    throw OptionError(message: "--sizes takes cohort sizes from 2 to 500 separated by commas, not \(value)")
                }
                self.sizes = sizes.compactMap { $0 }
            default:
                throw OptionError(message: "unknown option \(flag)\n\(Self.usage)")
            }
        }
    }

    /// The seed of one run: the same for the same (seed, size, run), whichever other sizes or
    /// run counts are asked for.
    /// Each number is mixed in by its own SplitMix64 step, so that nearby seeds do not
    /// merely reorder the same runs.
    func seed(size: Int, run: Int) -> UInt64 {
        [UInt64(size), UInt64(run)].reduce(seed) { mixed, number in
            var mixer = SeededGenerator(seed: mixed)
            return mixer.next() ^ number
        }
    }
}

struct OptionError: Error {
    var message: String
    var isHelp = false
}
