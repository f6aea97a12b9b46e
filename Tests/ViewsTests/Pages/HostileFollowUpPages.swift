import Domain
import Foundation
@testable import Views

/// The trainer's pages of a cohort for `HostilePagesTests`: learners' names, quiz titles, topics,
/// notes and timeline texts all hostile.
extension HostilePagesTests {
    static var dashboardRow: DashboardRow {
        DashboardRow(personID: evil, name: evil, progress: .init(done: 1, total: 3), lastActiveAt: Date(), minutesLastWeek: 25,
                     quizAverage: 40, weakestTopic: (evil, 20), reviewsDone: 1, reviewsDue: 3, liveAttended: 1, liveHeld: 2,
                     openHelpRequests: 1, unreadFromThem: 2,
                     risk: RiskAssessment(level: .atRisk, reasons: [.failedQuiz(title: evil, times: 3), .neverPosted]))
    }

    static var dashboard: DashboardModel {
        var model = DashboardModel(organizationID: org, cohortID: cohortID, cohortName: evil, all: [dashboardRow], rows: [dashboardRow],
                                   sort: .risk, ascending: false, level: .atRisk, search: evil, thresholds: .standard, canAdjust: true,
                                   now: Date())
        model.canNudge = true
        model.nudgeBatch = evil
        model.errors = [FieldError("inactive_days", .outOfRange)]
        model.submitted = ["inactive_days": evil]
        return model
    }

    static var insights: InsightsModel {
        let step = InsightRules.Step(started: 2, completed: 1, learners: 3, activities: 4)
        let topic = InsightRules.Topic(topic: evil, earned: 1, possible: 4, learners: 2, struggling: 1)
        return InsightsModel(organizationID: org, cohortID: cohortID, cohortName: evil, learners: 3, modules: [.init(title: evil, step: step)],
                             course: step, topics: [.init(summary: topic, lessons: [.init(title: evil, url: "javascript:alert(3)")])],
                             weeks: [.init(week: .init(of: Day("2027-01-04")!), threads: 1, replies: 2, posters: 1)],
                             classes: [.init(title: evil, start: Date(), url: "/x?" + evil, attended: 1, expected: 3)], now: Date())
    }

    static var learnerFollowUp: LearnerFollowUpModel {
        LearnerFollowUpModel(organizationID: org, cohortID: cohortID, cohortName: evil, row: dashboardRow,
                             timeline: [.init(at: Date(), kind: .message, text: evil, url: "/x?" + evil), .init(at: Date(), kind: .nudge, text: evil)],
                             notes: [.init(id: evil, authorName: evil, body: evil, createdAt: Date(), canDelete: true)], canWrite: true,
                             now: Date())
    }

    static var followUpPages: [(String, [UInt8])] {
        [
            ("dashboard", DashboardPage.render(dashboard, context)),
            ("insights", InsightsPage.render(insights, context)),
            ("learner-follow-up", LearnerFollowUpPage.render(learnerFollowUp, context)),
        ]
    }
}
