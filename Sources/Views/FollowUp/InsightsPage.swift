import Domain
import Foundation
import Routes

public struct InsightsModel: Sendable {
    public struct Module: Sendable {
        public let title: String
        public let step: InsightRules.Step
        public init(title: String, step: InsightRules.Step) { self.title = title; self.step = step }
    }

    public struct Lesson: Sendable {
        public let title: String
        public let url: String
        public init(title: String, url: String) { self.title = title; self.url = url }
    }

    public struct Topic: Sendable {
        public let summary: InsightRules.Topic
        /// The lessons the question bank says teach it, by title.
        public let lessons: [Lesson]
        public init(summary: InsightRules.Topic, lessons: [Lesson]) { self.summary = summary; self.lessons = lessons }
    }

    public struct LiveClass: Sendable {
        public let title: String
        public let start: Date
        public let url: String
        public let attended: Int
        public let expected: Int
        public init(title: String, start: Date, url: String, attended: Int, expected: Int) {
            self.title = title; self.start = start; self.url = url; self.attended = attended; self.expected = expected
        }
        /// Rounded down, like every share on this page.
        public var percent: Int { expected == 0 ? 0 : attended * 100 / expected }
    }

    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var cohortName: String
    public var learners: Int
    /// In course order.
    public var modules: [Module]
    public var course: InsightRules.Step
    /// Weakest first.
    public var topics: [Topic]
    /// The last weeks, oldest first.
    public var weeks: [InsightRules.ForumWeek]
    /// The classes held, newest first.
    public var classes: [LiveClass]
    public var now: Date

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, cohortName: String, learners: Int, modules: [Module],
                course: InsightRules.Step, topics: [Topic], weeks: [InsightRules.ForumWeek], classes: [LiveClass], now: Date) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.cohortName = cohortName; self.learners = learners
        self.modules = modules; self.course = course; self.topics = topics; self.weeks = weeks; self.classes = classes; self.now = now
    }

    func route(_ page: FollowUpRoute) -> SiteRoute { .followUp(organizationID, cohortID, page) }
}

/// The cohort as a whole, for its staff: how far the group got module by module, the quiz
/// topics it struggles with, how busy its forum was each week, who came to each live class.
/// Every figure counts learners only; bars are `<progress>` with their figure in words beside.
public enum InsightsPage {
    public static func render(_ model: InsightsModel, _ context: LayoutContext) -> [UInt8] {
        Layout.page(title: "Insights · \(model.cohortName)", context) {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.cohort(model.organizationID, model.cohortID).path)) { model.cohortName }
                " › "
                a(.href(model.route(.dashboard).path)) { "Dashboard" }
            }
            h1 { "Cohort insights" }
            p(.class("lead")) { lead(model) }
            nav(.class("insights-toc"), .ariaLabel("On this page")) {
                ul {
                    li { a(.href("#completion")) { "Completion" } }
                    li { a(.href("#topics")) { "Quiz topics" } }
                    li { a(.href("#forum")) { "Forum" } }
                    li { a(.href("#attendance")) { "Live classes" } }
                }
            }
            div(.class("insights")) {
                completion(model)
                topics(model)
                forum(model)
                attendance(model)
            }
        }
    }

    static func lead(_ model: InsightsModel) -> String {
        let learners = model.learners == 1 ? "1 learner" : "\(model.learners) learners"
        let classes = model.classes.count == 1 ? "1 live class held" : "\(model.classes.count) live classes held"
        return "\(learners) · \(model.course.completed) completed the course · \(classes)"
    }

    /// "1 of 2 · 50 %".
    static func share(_ count: Int, of total: Int, percent: Int) -> String { "\(count) of \(total) · \(percent) %" }

    static func bar(_ percent: Int, label: String) -> HTML {
        progress(.max(100), .value(String(percent)), .ariaLabel(label)) { "\(percent) %" }
    }

    /// A cell labelled for the stacked phone layout; an empty one shows "—" (and is left out on phones).
    static func cell(_ label: String, empty: Bool = false, @HTMLBuilder _ content: () -> HTML) -> HTML {
        HTML(element: "td", attributes: [.dataLabel(label)] + (empty ? [.class("nil")] : []),
             content: { empty ? HTML("—") : content() })
    }

    // MARK: Completion funnel

    static func completion(_ model: InsightsModel) -> HTML {
        section(.class("insights-section"), .ariaLabelledby("completion")) {
            h2(.id("completion")) { "Completion by module" }
            if model.learners == 0 {
                p(.class("empty")) { "No learner in this cohort yet. Invite people from the cohort's page." }
            } else if model.modules.isEmpty {
                p(.class("empty")) { "The course has no module yet." }
            } else {
                p(.class("hint")) { "Learners who did every activity of a module, and those who began it." }
                div(.class("table-wrap")) {
                    table(.class("table table-stack insights-table funnel")) {
                        caption(.class("visually-hidden")) { "Completion by module" }
                        thead { tr { th(.scope("col")) { "Module" }; th(.scope("col")) { "Completed" }; th(.scope("col")) { "Started" } } }
                        tbody {
                            for module in model.modules { funnelRow(module.title, module.step, total: false) }
                            funnelRow("Whole course", model.course, total: true)
                        }
                    }
                }
            }
        }
    }

    static func funnelRow(_ title: String, _ step: InsightRules.Step, total: Bool) -> HTML {
        HTML(element: "tr", attributes: total ? [.class("insights-total")] : [], content: { HTML {
            cell("Module") { title }
            if step.activities == 0 {
                cell("Completed") { span(.class("meta")) { "No activity yet" } }
                cell("Started", empty: true) { "" }
            } else {
                cell("Completed") {
                    bar(step.completedPercent, label: "\(title): completed by \(step.completedPercent) %")
                    span(.class("figure")) { share(step.completed, of: step.learners, percent: step.completedPercent) }
                }
                cell("Started") { share(step.started, of: step.learners, percent: step.startedPercent) }
            }
        } })
    }

    // MARK: Quiz topics

    static func topics(_ model: InsightsModel) -> HTML {
        section(.class("insights-section"), .ariaLabelledby("topics")) {
            h2(.id("topics")) { "Topics the group struggles with" }
            if model.topics.isEmpty {
                p(.class("empty")) { "No quiz answer yet. Once learners take a quiz, the topics of its questions show here, weakest first." }
            } else {
                p(.class("hint")) {
                    "Points earned over points possible on each topic's questions, every learner's answers together, weakest first."
                }
                div(.class("table-wrap")) {
                    table(.class("table table-stack insights-table topics")) {
                        caption(.class("visually-hidden")) { "Quiz topics, weakest first" }
                        thead {
                            tr {
                                th(.scope("col")) { "Topic" }; th(.scope("col")) { "Group mastery" }
                                th(.scope("col")) { "Below 50 %" }; th(.scope("col")) { "Lessons to revisit" }
                            }
                        }
                        tbody { for topic in model.topics { self.topic(topic) } }
                    }
                }
            }
        }
    }

    static func topic(_ topic: InsightsModel.Topic) -> HTML {
        let t = topic.summary
        return tr {
            cell("Topic") { t.topic }
            cell("Group mastery") {
                bar(t.percent, label: "Mastery of \(t.topic)")
                span(.class("figure")) { "\(t.percent) %" }
            }
            cell("Below 50 %") {
                t.struggling == 0 ? "nobody" : "\(t.struggling) of \(t.learners) \(t.learners == 1 ? "learner" : "learners")"
            }
            cell("Lessons to revisit", empty: topic.lessons.isEmpty) {
                ul(.class("lesson-links")) { for lesson in topic.lessons { li { a(.href(lesson.url)) { lesson.title } } } }
            }
        }
    }

    // MARK: Forum

    static func forum(_ model: InsightsModel) -> HTML {
        let busiest = model.weeks.map(\.posts).max() ?? 0
        return section(.class("insights-section"), .ariaLabelledby("forum")) {
            h2(.id("forum")) { "Forum activity per week" }
            if busiest == 0 {
                p(.class("empty")) {
                    "Nobody wrote in the forum in the last \(model.weeks.count) weeks. "
                    a(.href(SiteRoute.forum(model.organizationID, model.cohortID).path)) { "Start a thread" }
                }
            } else {
                p(.class("hint")) {
                    "The last \(model.weeks.count) weeks, Monday to Sunday (UTC). Threads and replies count everyone's posts, staff included."
                }
                div(.class("table-wrap")) {
                    table(.class("table insights-table forum-weeks")) {
                        caption(.class("visually-hidden")) { "Forum posts per week, oldest first" }
                        thead {
                            tr {
                                th(.scope("col")) { "Week" }; th(.scope("col")) { "Threads" }; th(.scope("col")) { "Replies" }
                                th(.scope("col")) { "Learners"; span(.class("wide-only")) { " who posted" } }
                            }
                        }
                        tbody { for week in model.weeks { self.week(week, busiest: busiest, now: model.now) } }
                    }
                }
            }
        }
    }

    static func week(_ week: InsightRules.ForumWeek, busiest: Int, now: Date) -> HTML {
        let current = week.week == InsightRules.Week(of: Day(utc: now))
        return HTML(element: "tr", attributes: current ? [.class("insights-current")] : [], content: { HTML {
            td {
                span(.class("week-name")) {
                    "Week \(week.week.number)"
                    span(.class("week-sep")) { " · " }
                    time(.datetime(week.week.monday.description), .class("week-day")) { shortDay(week.week.monday) }
                }
                if current { span(.class("week-now")) { " (this week)" } }
                HTML(element: "progress", attributes: [.max(busiest), .value(String(week.posts)), .class("week-bar"),
                                                       .ariaLabel("\(week.posts) \(week.posts == 1 ? "post" : "posts")")],
                     content: HTML("\(week.posts)"))
            }
            td(.class("number")) { "\(week.threads)" }
            td(.class("number")) { "\(week.replies)" }
            td(.class("number")) { "\(week.posters)" }
        } })
    }

    /// "8 Mar", from `DateText`'s "Mon 8 Mar 2027".
    static func shortDay(_ day: Day) -> String {
        DateText.day(day).split(separator: " ").dropFirst().prefix(2).joined(separator: " ")
    }

    // MARK: Live classes

    static func attendance(_ model: InsightsModel) -> HTML {
        section(.class("insights-section"), .ariaLabelledby("attendance")) {
            h2(.id("attendance")) { "Attendance per live class" }
            if model.classes.isEmpty {
                p(.class("empty")) {
                    "No live class held yet. "
                    a(.href(SiteRoute.live(model.organizationID, model.cohortID, .list).path)) { "See the live classes" }
                }
            } else {
                p(.class("hint")) { "Newest first. Learners who attended, out of the cohort's learners today." }
                div(.class("table-wrap")) {
                    table(.class("table table-stack insights-table live-attendance")) {
                        caption(.class("visually-hidden")) { "Attendance per live class, newest first" }
                        thead { tr { th(.scope("col")) { "Live class" }; th(.scope("col")) { "Held on" }; th(.scope("col")) { "Attended" } } }
                        tbody { for live in model.classes { self.live(live) } }
                    }
                }
            }
        }
    }

    static func live(_ live: InsightsModel.LiveClass) -> HTML {
        tr {
            cell("Live class") { a(.href(live.url)) { live.title } }
            cell("Held on") { time(.datetime(DateText.iso(live.start))) { DateText.day(live.start) } }
            cell("Attended") {
                bar(live.percent, label: "\(live.title): attended by \(live.percent) %")
                span(.class("figure")) { share(live.attended, of: live.expected, percent: live.percent) }
            }
        }
    }
}
