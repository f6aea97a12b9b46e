@testable import App
import Domain
import Fluent
import Foundation
import Logging
import SQLKit
import Testing
import VaporTesting

/// The follow-up class (Lea completed the first module's lesson and started a thread; Max did
/// nothing), with Tom's reply, quiz topic sums, a topic linked to its lesson, and a class held
/// two hours ago that Lea attended.
struct InsightsClass {
    let s: FollowUpClass
    var c: ChatClass { s.c }
    var insights: String { s.base + "/insights" }
    let session: LiveSessionRecord

    static func make(_ app: Application) async throws -> InsightsClass {
        let s = try await FollowUpClass.make(app)
        let c = s.c
        var tom = try await Fixtures(app: app).signedIn(c.trainer)
        let thread = try #require(try await ForumThreadRecord.query(on: app.db).filter(\.$title == "Where do I start?").first())
        #expect(try await tom.post(s.f.forum + "/threads/\(thread.id!.lowercasedText)/posts", ["body": "With the first case"]).status
                == .seeOther)
        let sql = try #require(app.db as? any SQLDatabase)
        for (person, topic, earned, possible) in [(c.lea, "pricing", 2.0, 10.0), (c.max, "pricing", 8.0, 10.0),
                                                  (c.lea, "listening", 9.0, 10.0), (c.trainer, "closing", 0.0, 10.0)] {
            try await QuizMastery.add([(topic, earned, possible)], cohortID: c.cohort.id!, personID: person.id!, on: sql)
        }
        let opening = try #require(try await ActivityRecord.query(on: app.db).filter(\.$title == "Opening").first())
        try await TopicLessonRecord(courseID: c.cohort.$course.id, topic: "pricing", activityID: opening.id!).save(on: app.db)
        let held = LiveSession(id: .init(UUID()), cohortID: .init(c.cohort.id!), activityID: nil, title: "Kick-off", agenda: "",
                               start: Date().addingTimeInterval(-7_200), durationMinutes: 60, timeZone: "UTC", provider: .builtInRoom,
                               hosts: [.init(c.trainer.id!)])
        let session = LiveSessionRecord(held, organizationID: c.org.id!, createdBy: c.trainer.id!)
        try await session.save(on: app.db)
        try await LiveAttendanceCorrectionRecord(sessionID: session.id!, personID: c.lea.id!, attended: true, correctedBy: c.trainer.id!,
                                                 at: Date()).save(on: app.db)
        return InsightsClass(s: s, session: session)
    }
}

@Suite struct CohortInsightsTests {
    /// The text between `start` and the next `end` after it.
    static func slice(_ text: String, from start: String, to end: String) -> String {
        guard let from = text.range(of: start) else { return "" }
        let rest = text[from.upperBound...]
        return String(rest[..<(rest.range(of: end)?.lowerBound ?? rest.endIndex)])
    }

    @Test func theStaffSeeTheGroupModuleByModuleTopicByTopicWeekByWeekAndClassByClass() async throws {
        try await withApp { app in
            let i = try await InsightsClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(i.c.trainer)
            let page = try await tom.get(i.insights)
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("2 learners · 0 completed the course · 1 live class held"), "\(text.prefix(4000))")

            let funnel = Self.slice(text, from: "id=\"completion\"", to: "</table>")
            let week1 = Self.slice(funnel, from: ">Week 1<", to: "</tr>")
            #expect(week1.contains("1 of 2 · 50 %"), "Lea completed it, Max did not: \(week1)")
            #expect(week1.contains("value=\"50\""))
            #expect(Self.slice(funnel, from: ">Week 2<", to: "</tr>").contains("0 of 2 · 0 %"))
            let course = Self.slice(funnel, from: ">Whole course<", to: "</tr>")
            #expect(course.contains("0 of 2 · 0 %") && course.contains("1 of 2 · 50 %"), "nobody finished; Lea began: \(course)")

            let topics = Self.slice(text, from: "id=\"topics\"", to: "</table>")
            #expect(topics.range(of: ">pricing<")!.lowerBound < topics.range(of: ">listening<")!.lowerBound, "weakest first")
            let pricing = Self.slice(topics, from: ">pricing<", to: "</tr>")
            #expect(pricing.contains("50 %") && pricing.contains("1 of 2 learners"), "\(pricing)")
            #expect(pricing.contains(">Opening</a>"), "its lesson is linked")
            #expect(Self.slice(topics, from: ">listening<", to: "</tr>").contains("nobody"))
            #expect(!topics.contains("closing"), "the trainer's own tries do not count")

            let forum = Self.slice(text, from: "id=\"forum\"", to: "</table>")
            #expect(forum.components(separatedBy: "<tr").count == 10, "a header and eight weeks: \(forum)")
            let thisWeek = Self.slice(forum, from: "insights-current", to: "</tr>")
            #expect(thisWeek.contains("(this week)"))
            #expect(thisWeek.contains("<td class=\"number\">1</td><td class=\"number\">1</td><td class=\"number\">1</td>"),
                    "Lea's thread, Tom's reply, one learner: \(thisWeek)")

            let live = Self.slice(text, from: "id=\"attendance\"", to: "</table>")
            #expect(live.contains(i.c.orgPath + "/cohorts/\(i.c.cohort.id!.lowercasedText)/live/\(i.session.id!.lowercasedText)"))
            #expect(live.contains(">Kick-off</a>") && live.contains("1 of 2 · 50 %"), "\(live)")

            #expect(try await tom.get(i.s.dashboard).text.contains(i.insights), "the dashboard links to it")
        }
    }

    @Test func learnersOtherCohortsStaffAndOtherOrganizationsGet404AndAdminsSeeIt() async throws {
        try await withApp { app in
            let i = try await InsightsClass.make(app)
            let fx = Fixtures(app: app)
            let wendy = try await fx.person("wendy@acme.test", name: "Wendy", in: i.c.org, roles: [.trainer])
            let winter = try #require(try await CohortRecord.query(on: app.db).filter(\.$name == "Winter").first())
            try await fx.enroll(wendy, in: winter, as: .trainer)
            for person in [i.c.lea, i.c.max, i.c.outsider, wendy, i.c.stranger] {
                var browser = try await fx.signedIn(person)
                #expect(try await browser.get(i.insights).status == .notFound, "\(person.name)")
            }
            let ada = try await fx.person("ada@acme.test", name: "Ada", in: i.c.org, roles: [.admin])
            var admin = try await fx.signedIn(ada)
            #expect(try await admin.get(i.insights).status == .ok, "an admin of the organization, outside the cohort")
            var tom = try await fx.signedIn(i.c.trainer)
            #expect(try await tom.get(i.c.orgPath + "/cohorts/not-an-id/insights").status == .notFound)
        }
    }

    @Test func anEmptyCohortSaysSoInEachSection() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            let spring = try await fx.cohort(in: c.org, name: "Spring")
            try await fx.enroll(c.trainer, in: spring, as: .trainer)
            var tom = try await fx.signedIn(c.trainer)
            let page = try await tom.get(c.orgPath + "/cohorts/\(spring.id!.lowercasedText)/insights")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("0 learners · 0 completed the course · 0 live classes held"))
            #expect(text.contains("No learner in this cohort yet"))
            #expect(text.contains("No quiz answer yet"))
            #expect(text.contains("Nobody wrote in the forum in the last 8 weeks"))
            #expect(text.contains("No live class held yet"))
        }
    }

    /// Each source is read once for the whole cohort: as many queries for 12 learners with
    /// posts, topic sums and progress as for 2.
    @Test func thePageRunsAFixedNumberOfQueries() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 0 }) { app in
            let i = try await InsightsClass.make(app)
            let counter = QueryCounter()
            app.logger = Logger(label: "queries") { _ in counter.handler }
            var tom = try await Fixtures(app: app).signedIn(i.c.trainer)
            let small = try await counter.count { () async throws in
                #expect(try await tom.get(i.insights).status == .ok)
            }
            let fx = Fixtures(app: app)
            let sql = try #require(app.db as? any SQLDatabase)
            let activities = try await ActivityRecord.query(on: app.db).all()
            for n in 0..<10 {
                let person = try await fx.person("learner\(n)@acme.test", name: "Learner \(n)", in: i.c.org)
                try await fx.enroll(person, in: i.c.cohort)
                for activity in activities {
                    try await ProgressRecord(organizationID: i.c.org.id!, cohortID: i.c.cohort.id!, personID: person.id!,
                                             activityID: activity.id!, now: Date()).save(on: app.db)
                }
                try await QuizMastery.add([("pricing", Double(n), 10)], cohortID: i.c.cohort.id!, personID: person.id!, on: sql)
            }
            let large = try await counter.count { () async throws in
                #expect(try await tom.get(i.insights).text.contains("12 learners"))
            }
            #expect(small >= 8, "the counter sees every source's queries")
            #expect(small == large)
        }
    }
}
