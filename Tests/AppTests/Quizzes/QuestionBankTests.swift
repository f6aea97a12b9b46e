@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Authors keep a question bank per course, in and out of GIFT.
@Suite struct QuestionBankTests {
    static let gift = """
        $CATEGORY: $course$/top/Negotiation

        // [tag:listening]
        ::Open questions:: Which question is open? {
          =What matters most to you here? # It invites a long answer.
          ~Is the price fine? # A yes or a no ends it.
        ####Open questions start with what, how or why.}

        // [tag:listening] [tag:anchoring]
        The first number said in a negotiation is called the {=anchor =anchoring =%50%opening}.

        // [tag:anchoring]
        A first offer should be ambitious. {T}

        What share of value do concessions lose, in percent? {#=20:5 =%50%10..30 ~#Think of the first offer.}

        Match the tactic with its aim. {=Anchoring -> set the range =Silence -> invite more =Summary -> check understanding}

        Describe your last negotiation. {}
        """

    @Test func anAuthorImportsEditsAndExportsABank() async throws {
        try await withApp { app in
            var a = try await CourseEditorTests.author(app)
            let empty = try await a.browser.get(a.base + "/questions")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("No questions yet"))
            let imported = try await a.browser.post(a.base + "/questions/import", ["gift": Self.gift])
            #expect(imported.status == .seeOther)
            #expect(imported.location == a.base + "/questions")
            let page = try await a.browser.get(a.base + "/questions")
            #expect(page.text.contains("6 questions imported."))
            #expect(page.text.contains("6 questions · 2 topics"))
            for label in ["Single choice", "Short answer", "True/false", "Numerical", "Matching", "Essay"] {
                #expect(page.text.contains(label), "\(label)")
            }
            #expect(page.text.contains("<h3>Negotiation</h3>"))
            #expect(page.text.contains("Open questions"))
            let editor = try await a.browser.get(a.base)
            #expect(editor.text.contains("Question bank (6)"))
            // Export, then import into another course: the same questions.
            let exported = try await a.browser.get(a.base + "/questions/export.gift")
            #expect(exported.status == .ok)
            #expect(exported.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            let original = try await QuestionBankStore.entries(of: a.course.id!, on: app.db).map(\.question)
            let other = try await Fixtures(app: app).course(in: a.org, name: "Second")
            let again = try await a.browser.upload("/orgs/\(a.org.id!.lowercased)/courses/\(other.id!.lowercased)/questions/import",
                                                  field: "file", filename: "bank.gift", contents: exported.text)
            #expect(again.status == .seeOther)
            #expect(try await QuestionBankStore.entries(of: other.id!, on: app.db).map(\.question) == original)
            // Edit one question through its GIFT.
            let record = try #require(try await QuestionRecord.query(on: app.db).filter(\.$courseID == a.course.id!)
                .filter(\.$kind == QuestionKind.trueFalse.rawValue).first())
            let form = try await a.browser.get(a.base + "/questions/\(record.id!.lowercased)")
            #expect(form.text.contains("A first offer should be ambitious."))
            let saved = try await a.browser.post(a.base + "/questions/\(record.id!.lowercased)",
                                                ["gift": "// [tag:anchoring]\n::Offers:: A first offer should be modest. {F}"])
            #expect(saved.status == .seeOther)
            let edited = try await QuestionBankStore.record(record.id!.uuidString, of: a.course.id!, on: app.db).question()
            #expect(edited.title == "Offers" && edited.answers == .trueFalse(.init(isTrue: false)) && edited.tags == ["anchoring"])
            #expect(edited.category == "$course$/top/Negotiation", "an edit keeps the question in its category")
            #expect(!form.text.contains("$CATEGORY"))
            #expect(form.text.contains("True/false in “Negotiation”"))
            // Delete it.
            let deleted = try await a.browser.post(a.base + "/questions/\(record.id!.lowercased)/delete", [:])
            #expect(deleted.status == .seeOther)
            #expect(try await QuestionRecord.query(on: app.db).filter(\.$courseID == a.course.id!).count() == 5)
        }
    }

    @Test func badGIFTIsExplainedWhereItIsAndNothingIsImported() async throws {
        try await withApp { app in
            var a = try await CourseEditorTests.author(app)
            let broken = "Fine question {T}\n\nBroken {=yes ~no\n\nAnother {F}"
            let refused = try await a.browser.post(a.base + "/questions/import", ["gift": broken])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Nothing was imported: line 3"))
            #expect(refused.text.contains("Broken {=yes ~no"), "the text is shown again to fix")
            #expect(try await QuestionRecord.query(on: app.db).count() == 0)
            let blank = try await a.browser.post(a.base + "/questions/import", ["gift": "  \n// only a comment\n"])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.text.contains("holds no question"))
            let notUTF8 = try await a.browser.uploadFile(a.base + "/questions/import", bytes: [0x51, 0xFF, 0xFE, 0x7B, 0x54, 0x7D],
                                                        filename: "latin1.gift")
            #expect(notUTF8.status == .unprocessableEntity)
            #expect(notUTF8.text.contains("not UTF-8"))
            // An edit must stay one question; a refused edit changes nothing.
            _ = try await a.browser.post(a.base + "/questions/import", ["gift": "Kept? {T}"])
            let record = try #require(try await QuestionRecord.query(on: app.db).first())
            let two = try await a.browser.post(a.base + "/questions/\(record.id!.lowercased)", ["gift": "One {T}\n\nTwo {F}"])
            #expect(two.status == .unprocessableEntity)
            #expect(two.text.contains("exactly one question (it holds 2)"))
            let malformed = try await a.browser.post(a.base + "/questions/\(record.id!.lowercased)", ["gift": "Kept? {#abc}"])
            #expect(malformed.status == .unprocessableEntity)
            #expect(try await QuestionBankStore.record(record.id!.uuidString, of: a.course.id!, on: app.db).question().stem.text == "Kept?")
            #expect(try await a.browser.get(a.base + "/questions/\(UUID().uuidString)").status == .notFound)
        }
    }

    @Test func topicsLeadToLessonsOfTheCourseOnly() async throws {
        try await withApp { app in
            var a = try await CourseEditorTests.author(app)
            let fx = Fixtures(app: app)
            let (_, listening) = try await fx.lesson(in: a.course, title: "Listening well")
            let other = try await fx.course(in: a.org, name: "Other")
            let (_, foreign) = try await fx.lesson(in: other, title: "Elsewhere")
            _ = try await a.browser.post(a.base + "/questions/import", ["gift": Self.gift])
            let linked = try await a.browser.post(a.base + "/questions/topics", ["topic": "listening", "lessons[]": listening.id!.uuidString])
            #expect(linked.status == .seeOther)
            #expect(try await QuestionBankStore.topicLessons(of: a.course.id!, on: app.db) == ["listening": [.init(listening.id!)]])
            let page = try await a.browser.get(a.base + "/questions")
            #expect(page.text.contains("Lessons for “listening” saved"))
            #expect(page.text.contains(#"value="\#(listening.id!.lowercased)" checked"#))
            let wrong = try await a.browser.post(a.base + "/questions/topics", ["topic": "listening", "lessons[]": foreign.id!.uuidString])
            #expect(wrong.status == .unprocessableEntity)
            let unknown = try await a.browser.post(a.base + "/questions/topics", ["topic": "nobody", "lessons[]": listening.id!.uuidString])
            #expect(unknown.status == .unprocessableEntity)
            #expect(try await TopicLessonRecord.query(on: app.db).count() == 1)
            // A duplicated course takes its bank and links along, pointing at its own lessons.
            let copied = try await a.browser.post(a.base + "/duplicate", [:])
            let copyID = try #require(copied.location.flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
            #expect(try await QuestionRecord.query(on: app.db).filter(\.$courseID == copyID).count() == 6)
            let copyLinks = try await TopicLessonRecord.query(on: app.db).filter(\.$courseID == copyID).all()
            let copyLesson = try #require(try await ActivityRecord.query(on: app.db).filter(\.$courseID == copyID).first())
            #expect(copyLinks.map(\.activityID) == [copyLesson.id!])
        }
    }

    @Test func nobodyButAuthorsOfTheOrganizationReachesTheBank() async throws {
        try await withApp { app in
            var a = try await CourseEditorTests.author(app)
            _ = try await a.browser.post(a.base + "/questions/import", ["gift": "Secret? {T}"])
            let record = try #require(try await QuestionRecord.query(on: app.db).first())
            let fx = Fixtures(app: app)
            let learner = try await fx.signedIn(try await fx.person("lea@acme.test", name: "Lea", in: a.org, roles: [.learner]))
            let elsewhere = try await fx.organization("Globex")
            let stranger = try await fx.signedIn(try await fx.person("sam@globex.test", name: "Sam", in: elsewhere, roles: [.author, .admin]))
            for var browser in [learner, stranger] {
                for path in ["/questions", "/questions/export.gift", "/questions/\(record.id!.lowercased)"] {
                    #expect(try await browser.get(a.base + path).status == .notFound, "\(path)")
                }
                #expect(try await browser.post(a.base + "/questions/import", ["gift": "Mine? {T}"]).status == .notFound)
                #expect(try await browser.post(a.base + "/questions/\(record.id!.lowercased)/delete", [:]).status == .notFound)
            }
            #expect(try await QuestionRecord.query(on: app.db).count() == 1)
        }
    }
}

extension QuestionBankTests {
    /// A bank of 600 kB reaches the server in many network chunks: the CSRF check collects it
    /// within the import's own limit, not the 256 kB of ordinary forms.
    @Test func aLargeBankImportsOverTheNetwork() async throws {
        try await withRunningApp { app, port in
            var a = try await CourseEditorTests.author(app)
            try await a.browser.get("/sign-in")
            let question = "// [tag:volume]\n::Q:: " + String(repeating: "A long stem that fills the file. ", count: 8) + "{=right ~wrong}\n\n"
            let gift = String(repeating: question, count: 1_900)
            #expect(gift.utf8.count > 500_000)
            let boundary = "----atelier-\(UUID().uuidString)"
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(a.browser.csrf!)\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.gift\"\r\nContent-Type: text/plain\r\n\r\n"
                + gift + "\r\n--\(boundary)--\r\n"
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: a.browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            let response = try await app.client.post(URI(string: "http://127.0.0.1:\(port)\(a.base)/questions/import"), headers: headers) {
                $0.body = ByteBuffer(string: body)
            }
            #expect(response.status != .payloadTooLarge)
            #expect(try await QuestionRecord.query(on: app.db).filter(\.$courseID == a.course.id!).count() == 1_900)
        }
    }
}
