@testable import App
import Domain
import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit
import Testing
import VaporTesting

@Suite struct LearnerFollowUpTests {
    @Test func staffReadTheTimelineAndKeepNotesTheLearnerNeverSees() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            let fx = Fixtures(app: app)
            var tom = try await fx.signedIn(s.c.trainer)
            let page = try await tom.get(s.learner(s.c.lea))
            #expect(page.status == .ok)
            #expect(page.text.contains("Completed “Opening”"))
            #expect(page.text.contains("Posted in “Where do I start?”"))
            #expect(page.text.contains("Studied 25 min"))
            let secret = "Lea struggles with pricing <b>talks</b>"
            #expect(try await tom.post(s.learner(s.c.lea) + "/notes", ["body": "   "]).status == .seeOther)
            #expect(try await tom.post(s.learner(s.c.lea) + "/notes", ["body": String(repeating: "x", count: 4_001)]).status == .seeOther)
            #expect(try await TrainerNoteRecord.query(on: app.db).count() == 0, "empty and oversized notes are refused")
            #expect(try await tom.post(s.learner(s.c.lea) + "/notes", ["body": secret]).status == .seeOther)
            let noted = try await tom.get(s.learner(s.c.lea))
            #expect(noted.text.contains("Lea struggles with pricing &lt;b&gt;talks&lt;/b&gt;"), "kept as text")

            // Lea never sees it: not on her pages, not through the address (the API has no follow-up at all).
            var lea = try await fx.signedIn(s.c.lea)
            let cohortPath = s.base
            for path in ["/", cohortPath, cohortPath + "/course", cohortPath + "/help", cohortPath + "/calendar", s.c.orgPath + "/messages",
                         "/notifications", s.learner(s.c.lea)] {
                let response = try await lea.get(path)
                #expect(!response.text.contains("struggles with pricing"), "\(path)")
            }
            #expect(try await lea.get(s.learner(s.c.lea)).status == .notFound)

            // The facilitator reads it but deletes only their own; Tom deletes his.
            let fay = try await fx.person("fay@acme.test", name: "Fay", in: s.c.org, roles: [.facilitator])
            try await fx.enroll(fay, in: s.c.cohort, as: .facilitator)
            var fayBrowser = try await fx.signedIn(fay)
            #expect(try await fayBrowser.get(s.learner(s.c.lea)).text.contains("struggles with pricing"))
            let note = try #require(try await TrainerNoteRecord.query(on: app.db).first())
            let delete = s.learner(s.c.lea) + "/notes/\(note.id!.lowercasedText)/delete"
            #expect(try await fayBrowser.post(delete, [:]).status == .notFound)
            #expect(try await tom.post(s.learner(s.c.max) + "/notes/\(note.id!.lowercasedText)/delete", [:]).status == .notFound,
                    "a note is reached only through its learner")
            #expect(try await tom.post(delete, [:]).status == .seeOther)
            #expect(try await TrainerNoteRecord.query(on: app.db).count() == 0)
        }
    }

    /// With the read caches on, the board is worked out once and shared by the cohort's staff, but
    /// each sees their own unread messages; a write empties it.
    @Test func theCachedBoardIsSharedButUnreadMessagesAreTheViewers() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            let s = try await FollowUpClass.make(app)
            let fx = Fixtures(app: app)
            let theo = try await fx.person("theo@acme.test", name: "Theo", in: s.c.org, roles: [.trainer])
            try await fx.enroll(theo, in: s.c.cohort, as: .trainer)
            var lea = try await fx.signedIn(s.c.lea)
            let conversation = try #require(try await s.c.direct(&lea, to: s.c.trainer).location)
            _ = try await lea.post(conversation + "/messages", ["body": "Stuck on the case"])
            let counter = QueryCounter()
            app.logger = Logger(label: "queries") { _ in counter.handler }
            var tom = try await fx.signedIn(s.c.trainer)
            var theoBrowser = try await fx.signedIn(theo)
            let unreadCell = #"<strong>1</strong><span class="visually-hidden"> unread</span>"#
            let first = try await counter.count { () async throws in
                #expect(try await tom.get(s.dashboard).text.contains(unreadCell), "Lea's message to Tom")
            }
            let shared = try await counter.count { () async throws in
                #expect(!(try await theoBrowser.get(s.dashboard).text.contains(unreadCell)), "not to Theo")
            }
            #expect(try await tom.get(s.dashboard).text.contains(unreadCell))
            #expect(shared < first, "Theo's view read the board Tom's loaded (\(shared) against \(first) queries)")
            // Cached or not, the board is the cohort staff's alone.
            for person in [s.c.lea, s.c.outsider, s.c.stranger] {
                var browser = try await fx.signedIn(person)
                for path in [s.dashboard, s.learner(s.c.lea)] {
                    #expect(try await browser.get(path).status == .notFound, "\(person.name) \(path)")
                }
            }
            _ = try await tom.post(s.dashboard + "/rules", RiskFormTests.form())
            let afterWrite = try await counter.count { () async throws in _ = try await theoBrowser.get(s.dashboard) }
            #expect(afterWrite > shared, "a write emptied it")
        }
    }

    /// The dashboard reads each source once for the whole cohort: as many queries for 12
    /// learners with a month of activity as for 2 who just started.
    @Test func theDashboardRunsAFixedNumberOfQueries() async throws {
        // Without the read caches, so that what a cache happens to hold (or lose under load) counts nothing.
        try await withApp(configure: { $0.readCacheSeconds = 0 }) { app in
            let s = try await FollowUpClass.make(app)
            // A quiz, a peer assignment and a class held: each source is read.
            let module = try #require(try await ModuleRecord.query(on: app.db).first())
            func add(_ kind: ActivityKind, _ title: String) async throws -> ActivityRecord {
                let activity = ActivityRecord(organizationID: s.c.org.id!, courseID: s.c.cohort.$course.id, moduleID: module.id!, kind: kind,
                                              input: ActivityInput(title: title, estimatedMinutes: 10, required: false, due: nil), position: 5)
                try await activity.save(on: app.db)
                return activity
            }
            try await QuizRecord(activityID: try await add(.quiz, "Check").id!, settings: QuizSettings()).save(on: app.db)
            try await PeerAssignmentRecord(activityID: try await add(.peerAssignment, "Pitch").id!, settings: .starter).save(on: app.db)
            let held = LiveSession(id: .init(UUID()), cohortID: .init(s.c.cohort.id!), activityID: nil, title: "Kick-off", agenda: "",
                                   start: Date().addingTimeInterval(-7_200), durationMinutes: 60, timeZone: "UTC", provider: .builtInRoom,
                                   hosts: [.init(s.c.trainer.id!)])
            try await LiveSessionRecord(held, organizationID: s.c.org.id!, createdBy: s.c.trainer.id!).save(on: app.db)
            let counter = QueryCounter()
            app.logger = Logger(label: "queries") { _ in counter.handler }
            var tom = try await Fixtures(app: app).signedIn(s.c.trainer)
            let small = try await counter.count { () async throws in
                let page = try await tom.get(s.dashboard)
                #expect(page.status == .ok)
            }

            let fx = Fixtures(app: app)
            let activities = try await ActivityRecord.query(on: app.db).all()
            for n in 0..<10 {
                let person = try await fx.person("learner\(n)@acme.test", name: "Learner \(n)", in: s.c.org)
                try await fx.enroll(person, in: s.c.cohort)
                for (index, activity) in activities.enumerated() where (n + index) % 2 == 0 {
                    try await ProgressRecord(organizationID: s.c.org.id!, cohortID: s.c.cohort.id!, personID: person.id!,
                                             activityID: activity.id!, now: Date()).save(on: app.db)
                }
                for day in 0..<30 {
                    try await LearningDayRecord.add(60 * (n + 1), cohortID: s.c.cohort.id!, personID: person.id!,
                                                    at: Date().addingTimeInterval(-Double(day) * 86_400), on: app.db)
                }
            }
            let large = try await counter.count { () async throws in
                let page = try await tom.get(s.dashboard)
                #expect(page.text.contains("12 learners"))
            }
            #expect(small >= 14, "the counter sees every source's queries")
            #expect(small == large)
        }
    }
}

/// Counts the queries the database drivers log (at debug, with their SQL) for requests while
/// `body` runs; background jobs' queries (no request id) are left out.
final class QueryCounter: Sendable {
    private let counted = NIOLockedValueBox(0)

    struct Handler: LogHandler {
        let counter: QueryCounter
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
                 function: String, line: UInt) {
            guard self.metadata["request-id"] != nil || metadata?["request-id"] != nil,
                  message.description.hasPrefix("Executing query") else { return }
            counter.counted.withLockedValue { $0 += 1 }
        }
    }

    var handler: Handler { Handler(counter: self) }

    func count(_ body: () async throws -> Void) async throws -> Int {
        let before = counted.withLockedValue { $0 }
        try await body()
        return counted.withLockedValue { $0 } - before
    }
}
