import Domain
import Foundation
import Testing

@Suite struct CohortInsightsTests {
    static func outline(_ spec: [[Bool]]) -> [(module: CourseModule, activities: [Activity])] {
        spec.enumerated().map { m, activities in
            let module = CourseModule(id: .init(UUID()), title: "M\(m + 1)", position: m, unlock: nil)
            return (module, activities.enumerated().map { a, required in
                Activity(id: .init(UUID()), moduleID: module.id, kind: .lesson, title: "A\(m + 1).\(a + 1)",
                         estimatedMinutes: 10, required: required, position: a, due: nil)
            })
        }
    }

    static func person() -> Person.ID { .init(UUID()) }

    @Test func theFunnelCountsWhoStartedAndWhoCompletedEachModule() {
        let outline = Self.outline([[false, false], [false], []])
        let (a11, a12, a21) = (outline[0].activities[0].id, outline[0].activities[1].id, outline[1].activities[0].id)
        let (lea, max, ida, kim) = (Self.person(), Self.person(), Self.person(), Self.person())
        let states: [Person.ID: [Activity.ID: ActivityState]] = [
            lea: [a11: .done, a12: .done, a21: .done],
            max: [a11: .done, a12: .started],
            ida: [a21: .started, .init(UUID()): .done],  // an activity since removed
            Self.person(): [a11: .done],                // not a learner
        ]
        let funnel = InsightRules.funnel(outline: outline, states: states, learners: [lea, max, ida, kim])
        #expect(funnel.modules == [
            .init(started: 2, completed: 1, learners: 4, activities: 2),
            .init(started: 2, completed: 1, learners: 4, activities: 1),
            .init(started: 0, completed: 0, learners: 4, activities: 0),
        ])
        #expect(funnel.course == .init(started: 3, completed: 1, learners: 4, activities: 3))
        #expect(funnel.modules[0].completedPercent == 25)
        #expect(funnel.modules[0].startedPercent == 50)
    }

    @Test func theCourseIsCompleteWhenItsRequiredActivitiesAreDoneAndPercentsRoundDown() {
        let outline = Self.outline([[true, false], [false, true]])
        let required = [outline[0].activities[0].id, outline[1].activities[1].id]
        let people = (0..<3).map { _ in Self.person() }
        let states = [people[0]: Dictionary(uniqueKeysWithValues: required.map { ($0, ActivityState.done) })]
        let funnel = InsightRules.funnel(outline: outline, states: states, learners: people)
        #expect(funnel.course.completed == 1)
        #expect(funnel.course.completedPercent == 33)
        #expect(funnel.modules.map(\.completed) == [0, 0], "a module needs every activity, required or not")
        #expect(InsightRules.funnel(outline: outline, states: [:], learners: []).course.completedPercent == 0, "nobody: 0, not a crash")
    }

    @Test func topicsPoolTheGroupsPointsWeakestFirstAndCountWhoStruggles() {
        let (lea, max, tom) = (Self.person(), Self.person(), Self.person())
        let scores: [InsightRules.TopicScore] = [
            .init(person: lea, topic: "pricing", earned: 4, possible: 10),
            .init(person: max, topic: "pricing", earned: 5, possible: 5),
            .init(person: lea, topic: "listening", earned: 1, possible: 4),
            .init(person: max, topic: "listening", earned: 2, possible: 4),
            .init(person: lea, topic: "closing", earned: 0, possible: 0),       // only pending answers
            .init(person: tom, topic: "negotiation", earned: 0, possible: 8),   // the trainer trying the quiz
            .init(person: max, topic: "anchoring", earned: 12, possible: 10),   // never above 100 %
        ]
        let topics = InsightRules.topics(scores, learners: [lea, max])
        #expect(topics.map(\.topic) == ["listening", "pricing", "anchoring"])
        #expect(topics[0] == .init(topic: "listening", earned: 3, possible: 8, learners: 2, struggling: 1), "Lea at 25 %; Max at 50 %")
        #expect(topics[0].percent == 38)
        #expect(topics[1].percent == 60)
        #expect(topics[1].struggling == 1, "Lea at 40 %; Max at 100 %")
        #expect(topics[2].percent == 100)
        #expect(InsightRules.topics([], learners: [lea]).isEmpty)
    }

    @Test func exactlyHalfIsNotStruggling() {
        let lea = Self.person()
        let topics = InsightRules.topics([.init(person: lea, topic: "x", earned: 2, possible: 4)], learners: [lea])
        #expect(topics.first?.struggling == 0)
    }

    @Test(arguments: [
        // day, its Monday, ISO year, ISO week
        ("2027-03-03", "2027-03-01", 2027, 9),
        ("2027-03-07", "2027-03-01", 2027, 9),   // a Sunday stays in the week that began on Monday
        ("2027-03-08", "2027-03-08", 2027, 10),
        ("2026-01-01", "2025-12-29", 2026, 1),   // a Thursday: week 1 of 2026
        ("2027-01-01", "2026-12-28", 2026, 53),  // a Friday: the last week of 2026
        ("2027-01-04", "2027-01-04", 2027, 1),
        ("2024-12-30", "2024-12-30", 2025, 1),
        ("2020-12-31", "2020-12-28", 2020, 53),
    ])
    func isoWeeksStartOnMonday(day: String, monday: String, year: Int, number: Int) throws {
        let week = InsightRules.Week(of: try #require(Day(day)))
        #expect(week.monday == Day(monday))
        #expect(week.year == year)
        #expect(week.number == number)
        #expect(week.sunday == Day(monday)!.adding(days: 6))
    }

    @Test func theForumChartHasTheLastEightWeeksEachWithItsCounts() throws {
        // Wednesday 10 March 2027, 12:00 UTC.
        let now = try #require(Day("2027-03-10")).startInUTC.addingTimeInterval(12 * 3600)
        let (lea, max, tom) = (Self.person(), Self.person(), Self.person())
        func at(_ day: String, _ hour: Double = 9) -> Date { Day(day)!.startInUTC.addingTimeInterval(hour * 3600) }
        let posts: [InsightRules.Post] = [
            .init(at: at("2027-03-08"), author: lea, opensThread: true),
            .init(at: at("2027-03-10"), author: tom, opensThread: false),
            .init(at: at("2027-03-10", 11), author: lea, opensThread: false),
            .init(at: at("2027-03-07", 23.99), author: max, opensThread: false),   // Sunday night: the week before
            .init(at: at("2027-01-18"), author: max, opensThread: true),           // the first week shown
            .init(at: at("2027-01-17"), author: max, opensThread: true),           // before it: left out
        ]
        #expect(InsightRules.firstForumDay(now: now) == Day("2027-01-18"))
        let weeks = InsightRules.forumWeeks(posts, learners: [lea, max], now: now)
        #expect(weeks.count == 8)
        #expect(weeks.map(\.week.monday) == (0..<8).map { Day("2027-01-18")!.adding(days: 7 * $0) })
        #expect(weeks[7] == .init(week: .init(of: Day("2027-03-08")!), threads: 1, replies: 2, posters: 1), "Tom is staff")
        #expect(weeks[6].replies == 1 && weeks[6].posters == 1)
        #expect(weeks[0].threads == 1)
        #expect(weeks[1...5].allSatisfy { $0.posts == 0 && $0.posters == 0 })
        #expect(weeks.map(\.week.number) == Array(3...10))
    }
}
