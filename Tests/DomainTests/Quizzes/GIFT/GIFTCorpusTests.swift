import Foundation
import Testing
@testable import Domain

/// Every file of the shared GIFT corpus imports, and agrees with what the reference parser
/// (GIFT-grammar-PEG.js) read from it.
///
/// Where we read the reference's JSON differently from its field names (each noted where it is
/// mapped, in `GIFTCorpusJSON`): true/false feedbacks (the reference names them by position,
/// Moodle and our contract by what was answered); a distractor's empty prompt (nil here);
/// accepted short answers (plain strings here, their format dropped); a numerical `~` without a
/// number (Moodle's `*`: the range from -∞ to +∞ here).
@Suite struct GIFTCorpusTests {
    /// `../shared/test-data/gift` beside the package root (the folder holding Package.swift).
    static let corpus: URL? = {
        var folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                let corpus = folder.appendingPathComponent("../shared/test-data/gift").standardizedFileURL
                return FileManager.default.fileExists(atPath: corpus.path) ? corpus : nil
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }()
    static let corpusExists = corpus != nil
    static let files: [String] = corpus.map { folder in
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".gift") }.sorted()
    } ?? []

    @Test(.enabled(if: corpusExists, "the shared corpus (../shared/test-data/gift) is not beside this clone"))
    func theCorpusHasItsFiftyOneFiles() {
        #expect(Self.files.count == 51)
    }

    @Test(.enabled(if: corpusExists, "the shared corpus (../shared/test-data/gift) is not beside this clone"),
          arguments: files)
    func agreesWithTheReferenceParser(_ file: String) throws {
        let folder = try #require(Self.corpus)
        let gift = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        let jsonFile = folder.appendingPathComponent(String(file.dropLast(".gift".count)) + ".json")
        let json = try JSONDecoder().decode([GIFTCorpusJSON].self, from: Data(contentsOf: jsonFile))
        var (expected, lastCategory) = GIFTCorpusJSON.expectedQuestions(json)
        // A probe question after the file shows which category is in force at its end, so a
        // file holding only `$CATEGORY:` is checked too.
        expected.append(Question(stem: QuizText("Atelier probe"), answers: .essay, category: lastCategory))

        let parsed = try GIFT.parse(gift + "\n\nAtelier probe{}\n")

        #expect(parsed.count == expected.count)
        for (index, (question, wanted)) in zip(parsed, expected).enumerated() {
            #expect(question == wanted, "question \(index + 1) of \(file)")
        }
    }
}
