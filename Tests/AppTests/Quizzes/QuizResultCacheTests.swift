@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting
import Views

/// Result pages read a submitted attempt from `QuizCaches.graded`, kept per attempt and
/// revision: what a submission leaves there reads as the database does, and a trainer's grade
/// shows at once, however long the caches live.
@Suite struct QuizResultCacheTests {
    @Test func theResultRightAfterSubmittingIsTheResultReadFromTheDatabase() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            let q = try await QuizTests.quiz(app)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let attempt = try await QuizTests.start(q, &lea)
            _ = try await lea.post(attempt + "/answers", ["q0": "1"])  // saved on the way, graded with the rest
            _ = try await lea.post(attempt + "/submit", ["q2": "21,5"])  // the second question left blank
            let record = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            #expect(app.readCaches.quizzes.graded.lookup(QuizCaches.gradedKey(QuizAttemptHead(record)), now: Date()) != nil, "left by the submission")
            let fresh = try await lea.get(attempt + "/result").text
            app.readCaches.quizzes.graded.invalidate()
            let read = try await lea.get(attempt + "/result").text
            #expect(fresh == read)
            #expect(read.contains("21,5") && read.contains("Is it fine?") && read.contains("1 of 3"))
        }
    }

    @Test func aTrainersGradeShowsAtOnceOnAResultAlreadyRead() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            var (q, lea, attempt) = try await QuizTests.submittedEssay(app)
            #expect(try await lea.get(attempt + "/result").text.contains("wait for your trainer"))
            var trainer = try await QuizTests.trainer(q, app)
            #expect(try await trainer.get(attempt + "/result").status == .ok)
            _ = try await trainer.post(attempt + "/grades/1", ["percent": "80", "comment": "Specific."])
            let graded = try await lea.get(attempt + "/result").text
            #expect(graded.contains("Specific.") && graded.contains("90 %") && !graded.contains("wait for your trainer"))
            // The same mark, another comment: the attempt's revision moves all the same.
            _ = try await trainer.post(attempt + "/grades/1", ["percent": "80", "comment": "Specific, and kind."])
            #expect(try await lea.get(attempt + "/result").text.contains("Specific, and kind."))
            #expect(try await trainer.get(attempt + "/result").text.contains("Specific, and kind."))
        }
    }
}

extension QuizResultCacheTests {
    @Test func aTrainersViewAndTheLearnersShareNoFragment() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            var (q, lea, attempt) = try await QuizTests.submittedEssay(app)
            var trainer = try await QuizTests.trainer(q, app)
            #expect(try await trainer.get(attempt + "/result").text.contains("grade-form"))
            let learners = try await lea.get(attempt + "/result").text
            #expect(!learners.contains("grade-form") && !learners.contains(#"name="percent""#))
            #expect(try await trainer.get(attempt + "/result").text.contains("grade-form"), "read after the learner's cached view")
        }
    }

    @Test func aLearnersWrittenAnswerIsTextInTheCachedViewAndTheTrainers() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            var (q, lea, attempt) = try await QuizTests.submittedEssay(app, essay: #"<script>alert(1)</script><img src=x onerror=alert(2)>"#)
            var trainer = try await QuizTests.trainer(q, app)
            for page in [try await lea.get(attempt + "/result").text, try await lea.get(attempt + "/result").text,
                         try await trainer.get(attempt + "/result").text] {
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"))
                #expect(!page.contains("<script>alert") && !page.contains("<img src=x"))
            }
        }
    }

    @Test func theRightAnswersShowOnAResultAlreadyReadOnceTheLastAttemptIsUsed() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            let q = try await QuizTests.quiz(app)
            let bank = try await QuestionBankStore.entries(of: q.c.course.id!, on: app.db).map { $0.id.lowercasedText }
            let quiz = try await QuizAuthoring.quiz(of: q.quiz.id!, on: app.db)
            try quiz.apply(QuizSettings(selection: .fixed(bank), shuffleOptions: false, maxAttempts: 2, showAnswers: .afterLastAttempt))
            try await quiz.save(on: app.db)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let first = try await QuizTests.start(q, &lea)
            _ = try await lea.post(first + "/submit", ["q0": "1", "q1": "buoy"])
            #expect(try await !lea.get(first + "/result").text.contains("The right answer"), "an attempt is left")
            let second = try await QuizTests.start(q, &lea)
            _ = try await lea.post(second + "/submit", ["q0": "1"])
            #expect(try await lea.get(first + "/result").text.contains("The right answer"), "none left: the first shows them too")
        }
    }

    @Test func anAttemptStoredInTheOlderFormIsTakenAndReadAsBefore() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            let q = try await QuizTests.quiz(app)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let attempt = try await QuizTests.start(q, &lea)
            let record = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            record.itemsJSON = String(decoding: try JSONEncoder.questions.encode(record.items), as: UTF8.self)
            try await record.save(on: app.db)
            #expect(try await lea.get(attempt).text.contains("Which question is open?"))
            _ = try await lea.post(attempt + "/submit", ["q0": "0", "q1": "anchor", "q2": "20"])
            let result = try await lea.get(attempt + "/result").text
            #expect(result.contains("100 %") && result.contains("What matters to you?"))
        }
    }
}

/// Attempts keep each question as its own JSON text, one line an item; attempts written before
/// kept a JSON list, and before that objects.
@Suite struct AttemptItemsStorageTests {
    @Test func itemsReadBackAsWrittenAndTheOlderFormsStillRead() throws {
        let questions = try GIFT.parse(QuizTests.gift + "\n\n::Tabs:: A tab\there, and a line\\nbreak. {}")
        let items = questions.enumerated().map { index, question in
            AttemptItem(questionID: "q\(index)", question: question, optionOrder: index == 0 ? [1, 0] : [], points: index == 3 ? 0.5 : 1)
        }
        let stored = try AttemptItemsCache.encode(items)
        #expect(AttemptItemsCache.items(stored) == items)
        let lines = stored.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5 && lines[0] == AttemptItemsCache.header)
        #expect(lines[1].hasPrefix("q0\t1.0\t1,0\t{"), "id, points, order, then the question's JSON")
        #expect(AttemptItemsCache.items(try AttemptItemsCache.encodeAsList(items)) == items)
        let oldest = String(decoding: try JSONEncoder.questions.encode(items), as: UTF8.self)
        #expect(AttemptItemsCache.items(oldest) == items)
        #expect(AttemptItemsCache.items(#"[{"questionID":"q0","question":"not JSON","optionOrder":[],"points":1}]"#).isEmpty)
        for broken in ["q0\tone\t\t{}", "q0\t1\tx\t{}", "q0\t1\t\tnot JSON", "q0\t1"] {
            #expect(AttemptItemsCache.items(AttemptItemsCache.header + "\n" + broken).isEmpty, "\(broken)")
        }
        #expect(AttemptItemsCache.items(AttemptItemsCache.header).isEmpty)
        // Empty lines, and empty places between the order's commas, are skipped.
        #expect(AttemptItemsCache.items(AttemptItemsCache.header + "\n\n" + lines[1] + "\n") == [items[0]])
        #expect(AttemptItemsCache.items(AttemptItemsCache.header + "\n" + lines[1].replacingOccurrences(of: "\t1,0\t", with: "\t,1,,0,\t")) == [items[0]])
    }

    @Test func anAttemptsItemsAreKeptByTheirTextAndUnreadableOnesAreNot() throws {
        let items = try GIFT.parse(QuizTests.gift).enumerated().map { index, question in
            AttemptItem(questionID: "kept\(index)-\(UUID())", question: question, optionOrder: [], points: 1)
        }
        let stored = try AttemptItemsCache.encode(items)
        #expect(AttemptItemsCache.lists.lookup(stored, now: Date()) == nil)
        #expect(AttemptItemsCache.items(stored) == items)
        #expect(AttemptItemsCache.lists.lookup(stored, now: Date()) == items)
        #expect(AttemptItemsCache.items(stored) == items, "read again, from the cache")
        let broken = AttemptItemsCache.header + "\nq0\t1\t\tnot JSON \(UUID())"
        #expect(AttemptItemsCache.items(broken).isEmpty)
        #expect(AttemptItemsCache.lists.lookup(broken, now: Date()) == nil)
    }

    @Test func anEssayOfAnyCharactersIsStoredAsWritten() async throws {
        let essay = "\"Quotes\", a back\\slash, a tab\there,\r\nlines, \u{1} é 中文 👩🏽‍🏫 </script> \\u0041 {\"_0\":1}"
        try await withApp(configure: { $0.database = .sqliteFile(path: $0.dataDirectory + "/essay.sqlite") }) { app in
            let (_, _, attempt) = try await QuizTests.submittedEssay(app, essay: essay)
            let id = try #require(UUID(uuidString: String(attempt.split(separator: "/").last!)))
            let answers = try await QuizAnswerRecord.query(on: app.db).filter(\.$attemptID == id).sort(\.$position).all()
            #expect(answers.map(\.position) == [0, 1])
            let stored = try #require(answers.last?.responseJSON)
            #expect(stored == (try QuizAttemptStore.storedText(.text(essay))), "the text as encoded, through the batch's JSON")
            #expect(try JSONDecoder.questions.decode(QuestionResponse.self, from: Data(stored.utf8)) == QuestionResponse.text(essay))
            #expect(answers.first?.fraction == 1, "a mark read back as a number")
        }
    }

    @Test func answersAreStoredAsTheEncoderWritesThemKeptOrNot() throws {
        let long = QuestionResponse.text(String(repeating: "a long essay ", count: 20))
        for response in [QuestionResponse.choice(2), .text("anchor"), .number("3,14"), .matches([1, nil]), long] {
            let encoded = String(decoding: try JSONEncoder.questions.encode(response), as: UTF8.self)
            #expect(try QuizAttemptStore.storedText(response) == encoded)
            #expect(try QuizAttemptStore.storedText(response) == encoded, "again, from what was kept")
            #expect(try JSONDecoder.questions.decode(QuestionResponse.self, from: Data(encoded.utf8)) == response)
        }
    }

    /// Texts are written by hand: whatever they hold, they read back as typed.
    @Test(arguments: ["", "a/b \"q\" \\ \u{0}\u{8}\u{C}\u{1F}\t\r\n é 中文 👩🏽‍🏫 </script> \u{7F}", "{\"_0\":1}", "\\u0041"])
    func textsStoredByHandReadBackAsTyped(_ text: String) throws {
        for response in [QuestionResponse.text(text), .number(text)] {
            let stored = try QuizAttemptStore.storedText(response)
            #expect(try JSONDecoder.questions.decode(QuestionResponse.self, from: Data(stored.utf8)) == response, "\(stored)")
        }
    }

    @Test func timeOrderedIdsSortByTime() {
        let start = Date()
        let ids = (0..<50).map { UUID.timeOrdered(at: start.addingTimeInterval(Double($0) / 100)) }
        #expect(ids.map(\.lowercasedText) == ids.map(\.lowercasedText).sorted())
        #expect(Set(ids).count == 50 && ids.allSatisfy { $0.lowercasedText.dropFirst(14).first == "7" }, "version 7")
        #expect(ids.allSatisfy { "89ab".contains($0.lowercasedText.dropFirst(19).first!) }, "the RFC 9562 variant")
        #expect(Set(ids.map { $0.lowercasedText.suffix(12) }).count == 50, "random bits after the time")
        // The random bytes come 256 ids' worth at a time: across refills, never twice the same.
        let many = (0..<1_000).map { _ in UUID.timeOrdered(at: start) }
        #expect(Set(many).count == 1_000 && Set(many.map { $0.lowercasedText.suffix(12) }).count == 1_000)
    }

    /// The forum draft's excerpt is kept by the stem's text and format: the same as made anew.
    @Test func aStemsExcerptIsKeptByItsTextAndFormat() {
        let text = "Which <b>bias</b> is this?\n\nA   first    number \(UUID())"
        for format in [QuizTextFormat.html, .plain, .html] {
            let stem = QuizText(text, format: format)
            #expect(QuizNextSteps.excerpt(stem) == QuizTextHTML.excerpt(stem, limit: 400))
        }
        #expect(QuizNextSteps.excerpt(QuizText(text, format: .html)) != QuizNextSteps.excerpt(QuizText(text, format: .plain)))
    }
}
