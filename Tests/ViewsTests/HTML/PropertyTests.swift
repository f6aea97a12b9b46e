import Testing
@testable import Views

/// A small seeded generator (SplitMix64), so a failure reproduces exactly.
struct HTMLSeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("HTML escaping properties")
struct PropertyTests {
    /// Rich in markup characters, plus entities, whitespace, non-ASCII and NUL.
    static let alphabet: [String] = ["<", ">", "\"", "'", "&", "=", "/", " ", "a", "B", "1", "-", ":",
        "!", "\t", "\n", "é", "🎨", "\u{0}", "amp;", "lt;", "#39;", "script", "on", "javascript:"]

    static func randomStrings(count: Int, seed: UInt64) -> [String] {
        var generator = HTMLSeededGenerator(state: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...24, using: &generator)
            return (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
        }
    }

    @Test func thousandRandomStringsReadBackExactly() {
        for string in Self.randomStrings(count: 1_000, seed: 0xA7E1_1E12) {
            let expected = string.replacing("\u{0}", with: "\u{FFFD}")
            let fragment = div(.class(string), .title(string), .data("v", string), .href(string)) {
                span { string }
                string
            }
            let output = fragment.render()
            let tags = HTMLScanner.scan(output)
            #expect(tags.map(\.tag) == ["div", "span", "/span", "/div"], "\(output)")
            let attributes = tags.first?.attributes ?? []
            #expect(attributes.map(\.name) == ["class", "title", "data-v", "href"], "\(output)")
            #expect(attributes.prefix(3).allSatisfy { $0.value == expected }, "\(output)")
            #expect(attributes.last?.value == expected || attributes.last?.value == "#", "\(output)")
            #expect(HTMLScanner.text(output) == expected + expected, "\(output)")
            // The only markup characters in the output are the ones the builder wrote.
            #expect(output.filter { $0 == "<" }.count == 4)
            #expect(output.filter { $0 == "\"" }.count == 8)
            #expect(!output.contains("'"))
        }
    }
}
