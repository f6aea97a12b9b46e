@testable import App
import Domain
import Fluent
import Foundation
import Logging
import SQLKit
import Testing
import VaporTesting

/// The forum tests' class (Lea and Max learning with Tom; Otto in another cohort; Sam an admin of
/// another organization), with the first lesson due long ago and Lea busy today.
struct FollowUpClass {
    let f: ForumClass
    var c: ChatClass { f.c }
    var base: String { c.orgPath + "/cohorts/\(c.cohort.id!.lowercasedText)" }
    var dashboard: String { base + "/dashboard" }
    func learner(_ person: PersonRecord) -> String { base + "/learners/\(person.id!.lowercasedText)" }

    static func make(_ app: Application) async throws -> FollowUpClass {
        let f = try await ForumClass.make(app)
        let course = try #require(try await CourseRecord.find(f.c.cohort.$course.id, on: app.db))
        course.status = .published
        try await course.save(on: app.db)
        let opening = try #require(try await ActivityRecord.query(on: app.db).filter(\.$title == "Opening").first())
        opening.dueWeek = 2
        opening.dueWeekday = 1
        try await opening.save(on: app.db)
        let now = Date()
        let done = ProgressRecord(organizationID: f.c.org.id!, cohortID: f.c.cohort.id!, personID: f.c.lea.id!, activityID: opening.id!, now: now)
        done.state = .done
        done.completedAt = now
        try await done.save(on: app.db)
        try await LearningDayRecord.add(1_500, cohortID: f.c.cohort.id!, personID: f.c.lea.id!, at: now, on: app.db)
        // Max joined a month ago and has done nothing since.
        let sql = try #require(app.db as? any SQLDatabase)
        try await sql.raw("UPDATE cohort_members SET created_at = \(bind: now.addingTimeInterval(-30 * 86_400)) WHERE person_id = \(bind: f.c.max.id!)").run()
        var lea = try await Fixtures(app: app).signedIn(f.c.lea)
        _ = try await f.startThread(&lea, app, title: "Where do I start?", body: "The first case")
        return FollowUpClass(f: f)
    }
}

@Suite struct DashboardTests {
    @Test func theCohortsStaffSeeEveryLearnerWithTheReasonsInWords() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(s.c.trainer)
            let page = try await tom.get(s.dashboard)
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("2 learners · 1 at risk · 0 to watch · 1 on track"), "\(text.prefix(3000))")
            #expect(text.contains("no activity since joining"))
            #expect(text.contains("1 module behind schedule"))
            #expect(text.contains("never posted in the forum"))
            #expect(text.contains("25 min"), "Lea's time this week")
            #expect(text.range(of: "Max")!.lowerBound < text.range(of: ">Lea<")!.lowerBound, "at risk first")
            let filtered = try await tom.get(s.dashboard + "?risk=on_track")
            #expect(filtered.text.contains(">Lea<") && !filtered.text.contains(">Max<"))
            let byName = try await tom.get(s.dashboard + "?sort=name&dir=asc")
            #expect(byName.text.range(of: ">Lea<")!.lowerBound < byName.text.range(of: ">Max<")!.lowerBound)
            let searched = try await tom.get(s.dashboard + "?q=ma")
            #expect(searched.text.contains(">Max<") && !searched.text.contains(">Lea<"))
            #expect(try await tom.get(s.dashboard + "?sort=nonsense&risk=%3Cscript%3E").status == .ok, "unknown filters are ignored")
            #expect(try await tom.get(s.base).text.contains(s.dashboard), "the cohort's page links to it")
        }
    }

    @Test func learnersOtherCohortsAndOtherOrganizationsGet404() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            let fx = Fixtures(app: app)
            let winterTrainer = try await fx.person("wendy@acme.test", name: "Wendy", in: s.c.org, roles: [.trainer])
            let winter = try #require(try await CohortRecord.query(on: app.db).filter(\.$name == "Winter").first())
            try await fx.enroll(winterTrainer, in: winter, as: .trainer)
            for person in [s.c.lea, s.c.outsider, winterTrainer, s.c.stranger] {
                var browser = try await fx.signedIn(person)
                for path in [s.dashboard, s.dashboard + ".csv", s.learner(s.c.max)] {
                    #expect(try await browser.get(path).status == .notFound, "\(person.name) \(path)")
                }
                #expect(try await browser.post(s.dashboard + "/rules", RiskFormTests.form()).status == .notFound)
                #expect(try await browser.post(s.learner(s.c.max) + "/notes", ["body": "Hmm"]).status == .notFound)
            }
            #expect(try await TrainerNoteRecord.query(on: app.db).count() == 0)
            #expect(try await CohortRecord.find(s.c.cohort.id!, on: app.db)?.riskThresholdsJSON == nil)
            var tom = try await fx.signedIn(s.c.trainer)
            #expect(try await tom.get(s.learner(s.c.outsider)).status == .notFound, "not a learner of this cohort")
            #expect(try await tom.get(s.learner(s.c.trainer)).status == .notFound)
            #expect(try await tom.get(s.base + "/learners/not-an-id").status == .notFound)
        }
    }

    @Test func theCSVHasEveryRowAndNoFormula() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            s.c.max.name = "=HYPERLINK(\"http://evil.test\",\"Max\")"
            try await s.c.max.save(on: app.db)
            var tom = try await Fixtures(app: app).signedIn(s.c.trainer)
            let csv = try await tom.get(s.dashboard + ".csv?sort=name&dir=asc")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("Learner,Risk,Reasons,Progress %"))
            #expect(lines.contains { $0.hasPrefix("\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"Max\"\")\",At risk,") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("Lea,On track,,50,1,2,") }, "\(lines)")
        }
    }
}

@Suite struct RiskFormTests {
    static func form(inactive: String = "10", modules: String = "0", failed: String = "2", missed: String = "1",
                     silent: String = "0") -> [String: String] {
        ["inactive_days": inactive, "modules_behind": modules, "failed_attempts": failed, "missed_live_classes": missed,
         "silent_days": silent]
    }

    @Test func trainersAdjustTheRulesAndBadValuesChangeNothing() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(s.c.trainer)
            let bad = try await tom.post(s.dashboard + "/rules", Self.form(inactive: "-3", silent: "lots"))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("value=\"-3\""), "what was typed is shown again")
            #expect(bad.text.contains("Days without activity"))
            #expect(try await CohortRecord.find(s.c.cohort.id!, on: app.db)?.riskThresholdsJSON == nil)
            let off = Self.form(inactive: "0", modules: "0", silent: "0")
            #expect(try await tom.post(s.dashboard + "/rules", off).status == .seeOther)
            let cohort = try #require(try await CohortRecord.find(s.c.cohort.id!, on: app.db))
            #expect(cohort.riskThresholds == RiskThresholds(inactiveDays: 0, modulesBehind: 0, failedAttempts: 2, missedLiveClasses: 1,
                                                            silentDays: 0))
            #expect(try await tom.get(s.dashboard).text.contains("2 learners · 0 at risk · 0 to watch · 2 on track"))
        }
    }
}
