import Domain
import Routes

public struct HomePageModel: Sendable {
    public struct CohortCard: Sendable {
        public let id: Cohort.ID
        public let name: String
        public let courseName: String
        public let dates: String
        public let status: Cohort.Status
        public let learners: Int?
        public init(id: Cohort.ID, name: String, courseName: String, dates: String, status: Cohort.Status, learners: Int?) {
            self.id = id; self.name = name; self.courseName = courseName; self.dates = dates; self.status = status; self.learners = learners
        }
    }

    public struct AdminSummary: Sendable {
        public let courses: Int
        public let cohorts: Int
        public let members: Int
        public let pendingInvitations: Int
        /// The organization's most recent cohorts, newest first.
        public let recentCohorts: [CohortCard]
        public init(courses: Int, cohorts: Int, members: Int, pendingInvitations: Int, recentCohorts: [CohortCard] = []) {
            self.courses = courses; self.cohorts = cohorts; self.members = members; self.pendingInvitations = pendingInvitations
            self.recentCohorts = recentCohorts
        }
    }

    public var organization: Organization
    public var personName: String
    public var learning: [CohortCard]
    public var running: [CohortCard]
    public var admin: AdminSummary?
    /// The live classes of the person's cohorts not over yet, soonest first.
    public var upcomingLive: [LiveSessionCard] = []
    /// The learner's help requests not resolved yet, newest first.
    public var help: [HomeHelp] = []
    /// The learner's work not done that has a due date, soonest (or most overdue) first.
    public var dueNext: [HomeDue] = []
    /// Messages not read yet, in private conversations and cohort channels.
    public var unreadMessages = 0
    /// Where the learner stands in each cohort they learn in.
    public var progress: [Cohort.ID: CourseProgress.Part] = [:]

    public init(organization: Organization, personName: String, learning: [CohortCard], running: [CohortCard], admin: AdminSummary?) {
        self.organization = organization; self.personName = personName
        self.learning = learning; self.running = running; self.admin = admin
    }
}

public enum HomePage {
    public static func render(_ model: HomePageModel, _ context: LayoutContext) -> [UInt8] {
        let roles = context.roles
        return Layout.page(title: "Home", context, scripts: model.upcomingLive.isEmpty ? [] : LiveSessionPages.scripts) {
            h1 { "Hello, \(model.personName)" }
            p(.class("lead")) { model.organization.name }
            // A learner's day, in order: what is due, their questions, their messages, live classes, then their trainings.
            if !model.dueNext.isEmpty { dueNext(model) }
            if !model.help.isEmpty {
                section(.aria("labelledby", "help-heading"), .class("home-help")) {
                    h2(.id("help-heading")) { "Your questions to the trainers" }
                    ul(.class("plain-list")) {
                        for item in model.help {
                            li {
                                span(.class("badge")) { HelpPages.statusText(item.status) }
                                " "
                                a(.href(SiteRoute.help(model.organization.id, item.cohortID, .list).path + "#request-\(item.id)")) { item.excerpt }
                                span(.class("meta")) { " · \(item.cohortName)" }
                            }
                        }
                    }
                }
            }
            if model.unreadMessages > 0 {
                section(.aria("labelledby", "unread-heading"), .class("home-unread")) {
                    h2(.id("unread-heading")) { "Messages" }
                    p {
                        a(.href(SiteRoute.messages(model.organization.id).path)) {
                            model.unreadMessages == 1 ? "1 unread message" : "\(model.unreadMessages) unread messages"
                        }
                    }
                }
            }
            if !model.upcomingLive.isEmpty {
                section(.aria("labelledby", "live-heading"), .class("home-live")) {
                    h2(.id("live-heading")) { "Upcoming live classes" }
                    LiveSessionPages.cards(model.upcomingLive, showCohort: true)
                }
            }
            if let admin = model.admin { adminPanel(admin, org: model.organization.id) }
            if roles.contains(.learner) || !model.learning.isEmpty {
                section(.ariaLabel("My trainings")) {
                    h2 { "My trainings" }
                    if model.learning.isEmpty {
                        p(.class("empty")) { "You are not enrolled in a training yet. Your trainer or HR will add you to a cohort." }
                    } else {
                        cards(model.learning, org: model.organization.id, linkCohorts: true, learning: true, parts: model.progress)
                    }
                }
            }
            if roles.contains(.trainer) || roles.contains(.facilitator) || !model.running.isEmpty {
                section(.ariaLabel("Cohorts you run")) {
                    h2 { "Cohorts you run" }
                    if model.running.isEmpty {
                        p(.class("empty")) { "You are not on the staff of a cohort yet. An admin assigns trainers and facilitators to cohorts." }
                    } else {
                        cards(model.running, org: model.organization.id, linkCohorts: true)
                    }
                }
            }
        }
    }

    static func adminPanel(_ summary: HomePageModel.AdminSummary, org: Organization.ID) -> HTML {
        section(.ariaLabel("Organization overview")) {
            h2 { "Organization overview" }
            ul(.class("stats")) {
                li { a(.href(SiteRoute.courses(org).path)) { strong { summary.courses }; " courses" } }
                li { a(.href(SiteRoute.cohorts(org).path)) { strong { summary.cohorts }; " cohorts" } }
                li { a(.href(SiteRoute.people(org).path)) { strong { summary.members }; " people" } }
                li { a(.href(SiteRoute.people(org).path)) { strong { summary.pendingInvitations }; " pending invitations" } }
            }
            if !summary.recentCohorts.isEmpty {
                h3(.class("subheading")) { "Recent cohorts" }
                cards(summary.recentCohorts, org: org, linkCohorts: true)
            }
            if summary.courses == 0 || summary.cohorts == 0 {
                div(.class("card next-steps")) {
                    h3 { "Next steps" }
                    ol {
                        li { a(.href(SiteRoute.courses(org).path)) { "Create a course" } }
                        li { a(.href(SiteRoute.cohorts(org).path)) { "Create a cohort that runs it" } }
                        li { a(.href(SiteRoute.people(org).path)) { "Invite trainers and learners" } }
                    }
                }
            }
        }
    }

    /// `learning`: the person learns in these cohorts, so each card offers to continue the course.
    static func cards(_ cohorts: [HomePageModel.CohortCard], org: Organization.ID, linkCohorts: Bool, learning: Bool = false,
                      parts: [Cohort.ID: CourseProgress.Part] = [:]) -> HTML {
        ul(.class("cards")) {
            for cohort in cohorts {
                li(.class("card cohort-card")) {
                    h3 {
                        if linkCohorts { a(.href(SiteRoute.cohort(org, cohort.id).path)) { cohort.name } }
                        else { cohort.name }
                    }
                    p { cohort.courseName }
                    p(.class("meta")) {
                        span(.class("badge badge-\(cohort.status.rawValue)")) { statusText(cohort.status) }
                        " "
                        cohort.dates
                    }
                    if let learners = cohort.learners { p(.class("meta")) { "\(learners) learner\(learners == 1 ? "" : "s")" } }
                    if learning, let part = parts[cohort.id] {
                        p(.class("meta")) {
                            progress(.max(100), .value(String(part.percent)), .ariaLabel("Progress in \(cohort.name)")) { "\(part.percent) %" }
                            " \(part.percent) % done (\(part.done) of \(part.total))"
                        }
                    }
                    if learning, cohort.status != .upcoming {
                        a(.href(SiteRoute.cohortContinue(org, cohort.id).path), .class("button-small"),
                          .ariaLabel("Continue where I left off in \(cohort.name)")) { "Continue where I left off" }
                    }
                }
            }
        }
    }

    public static func statusText(_ status: Cohort.Status) -> String {
        switch status {
        case .upcoming: "Upcoming"
        case .running: "Running"
        case .finished: "Finished"
        }
    }
}

/// A learner's help request on their home page.
public struct HomeHelp: Sendable {
    public let id: HelpRequest.ID
    public let cohortID: Cohort.ID
    public let cohortName: String
    public let excerpt: String
    public let status: HelpRequest.Status
    public init(id: HelpRequest.ID, cohortID: Cohort.ID, cohortName: String, excerpt: String, status: HelpRequest.Status) {
        self.id = id; self.cohortID = cohortID; self.cohortName = cohortName; self.excerpt = excerpt; self.status = status
    }
}

/// A piece of work due, on the learner's home page.
public struct HomeDue: Sendable {
    public let cohortID: Cohort.ID
    public let cohortName: String
    public let activityID: Activity.ID
    public let title: String
    public let due: Day
    public let overdue: Bool

    public init(cohortID: Cohort.ID, cohortName: String, activityID: Activity.ID, title: String, due: Day, overdue: Bool) {
        self.cohortID = cohortID; self.cohortName = cohortName; self.activityID = activityID; self.title = title; self.due = due
        self.overdue = overdue
    }
}

extension HomePage {
    static func dueNext(_ model: HomePageModel) -> HTML {
        section(.aria("labelledby", "due-heading"), .class("home-due")) {
            h2(.id("due-heading")) { "Due next" }
            ul(.class("plain-list")) {
                for item in model.dueNext {
                    li {
                        a(.href(SiteRoute.cohortActivity(model.organization.id, item.cohortID, item.activityID).path)) { item.title }
                        " "
                        if item.overdue { span(.class("badge badge-warning")) { "Overdue" }; " " }
                        span(.class("meta")) { "due \(DateText.day(item.due)) · \(item.cohortName)" }
                    }
                }
            }
        }
    }
}
