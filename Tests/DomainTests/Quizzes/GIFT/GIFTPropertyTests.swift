import PropertyBased
import Testing
@testable import Domain

/// Whatever the bank (within GIFT's limits, listed on `GIFTRandomBank`), `parse` reads back
/// what `export` wrote: ordering questions are left out, everything else is kept exactly.
@Suite struct GIFTPropertyTests {
    @Test func exportThenParseGivesTheBankBack() async {
        await propertyCheck(count: 300, input: GIFTRandomBank.banks) { bank in
            let expressible = bank.filter { $0.kind != .ordering }
            let gift = GIFT.export(bank)
            #expect(throws: Never.self, "\(gift)") { try GIFT.parse(gift) }
            #expect((try? GIFT.parse(gift)) == expressible, "\(gift)")
        }
    }

    /// Export is stable: what was read back writes the same text again.
    @Test func exportingWhatWasReadWritesTheSameText() async {
        await propertyCheck(count: 100, input: GIFTRandomBank.banks) { bank in
            let expressible = bank.filter { $0.kind != .ordering }
            #expect((try? GIFT.export(GIFT.parse(GIFT.export(bank)))) == GIFT.export(expressible))
        }
    }

    /// Any text, however broken, either imports or gives an error that points inside it.
    @Test func anyTextImportsOrPointsAtALineAndColumnOfIt() async {
        let syntax: [Character] = ["{", "}", "=", "~", "#", "%", ":", "-", ">", "\\", "/", "[", "]", "T", "5", ".", "a", " ", "\n", "\r\n", "é"]
        let texts = Generator<String, Shrink.None<String>> { rng in
            String((0..<Int.random(in: 0...40, using: &rng)).map { _ in syntax.randomElement(using: &rng)! })
        }
        await propertyCheck(count: 500, input: texts) { text in
            do throws(GIFTError) {
                _ = try GIFT.parse(text)
            } catch {
                let lines = GIFTSource.lines(of: text)
                #expect((1...lines.count).contains(error.line), "\(error) in \(text.debugDescription)")
                #expect((1...lines[max(0, min(error.line, lines.count) - 1)].count + 1).contains(error.column),
                        "\(error) in \(text.debugDescription)")
            }
        }
    }
}
