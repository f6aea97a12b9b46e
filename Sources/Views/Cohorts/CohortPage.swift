import Domain
import Routes

public struct CohortPageModel: Sendable {
    public struct Member: Sendable {
        public let id: Person.ID
        public let name: String
        public let email: String
        public let role: CohortRole
        public init(id: Person.ID, name: String, email: String, role: CohortRole) {
            self.id = id; self.name = name; self.email = email; self.role = role
        }
    }

    public var cohort: Cohort
    public var courseName: String
    public var status: Cohort.Status
    public var members: [Member]
    /// People of the organization who could be enrolled or assigned.
    public var candidates: [(id: Person.ID, label: String)]
    public var canManage: Bool
    /// Staff see addresses; learners see their group by name only.
    public var showsEmails: Bool
    /// The person looking learns in this cohort (they get "Continue"; staff get "See the course").
    public var viewerIsLearner: Bool
    /// For staff: the course's quizzes, whose pages show the cohort's results and item analysis.
    public var quizzes: [(id: Activity.ID, title: String)] = []
    /// For staff: the course's peer assignments, whose pages show submissions, reviews, grades and to-dos.
    public var peerAssignments: [(id: Activity.ID, title: String)] = []
    /// Announcements pinned by the staff, newest first.
    public var pinned: [AnnouncementItem] = []
    /// A learner's choice about automatic nudges in this cohort (nil: not a learner, or they are off).
    public var nudgesMuted: Bool?

    public init(cohort: Cohort, courseName: String, status: Cohort.Status, members: [Member],
                candidates: [(id: Person.ID, label: String)], canManage: Bool, showsEmails: Bool = true,
                viewerIsLearner: Bool = false) {
        self.cohort = cohort; self.courseName = courseName; self.status = status
        self.members = members; self.candidates = candidates; self.canManage = canManage; self.showsEmails = showsEmails
        self.viewerIsLearner = viewerIsLearner
    }

    public var learners: [Member] { members.filter { $0.role == .learner } }
    public var staff: [Member] { members.filter { $0.role != .learner } }
}

public enum CohortPage {
    public static func render(_ model: CohortPageModel, _ context: LayoutContext) -> [UInt8] {
        let cohort = model.cohort
        let org = cohort.organizationID
        return Layout.page(title: cohort.name, context) {
            p(.class("breadcrumb")) {
                if model.canManage { a(.href(SiteRoute.cohorts(org).path)) { "Cohorts" } }
                else { a(.href(SiteRoute.home.path)) { "Home" } }
            }
            h1 { cohort.name }
            p(.class("lead")) { model.courseName }
            dl(.class("facts")) {
                div { dt { "Status" }; dd { HomePage.statusText(model.status) } }
                div { dt { "Dates" }; dd { "\(cohort.startDate) → \(cohort.endDate)" } }
                div { dt { "Seats" }; dd { "\(model.learners.count) of \(cohort.capacity) taken" } }
            }
            progress(.value("\(model.learners.count)"), .max("\(cohort.capacity)"), .ariaLabel("Seats taken")) { "\(model.learners.count)/\(cohort.capacity)" }
            if !model.pinned.isEmpty {
                section(.aria("labelledby", "pinned-heading")) {
                    h2(.id("pinned-heading"), .class("visually-hidden")) { "Pinned announcements" }
                    AnnouncementsPage.list(model.pinned, model: nil, csrf: context.csrfToken)
                }
            }
            div(.class("toolbar")) {
                if model.viewerIsLearner {
                    a(.href(SiteRoute.cohortContinue(org, cohort.id).path), .class("button")) { "Continue where I left off" }
                    a(.href(SiteRoute.cohortCourse(org, cohort.id).path)) { "Course outline and progress" }
                } else {
                    a(.href(SiteRoute.followUp(org, cohort.id, .dashboard).path), .class("button")) { "Dashboard" }
                    a(.href(SiteRoute.cohortCourse(org, cohort.id).path)) { "See the course as learners do" }
                }
                a(.href(SiteRoute.cohortCalendar(org, cohort.id).path)) { "Calendar" }
                a(.href(SiteRoute.live(org, cohort.id, .list).path)) { "Live classes" }
                a(.href(SiteRoute.help(org, cohort.id, .list).path)) { model.viewerIsLearner ? "My help requests" : "Help requests" }
                a(.href(SiteRoute.announcements(org, cohort.id, .list).path)) { "Announcements" }
                a(.href(SiteRoute.forum(org, cohort.id).path)) { "Forum" }
                a(.href(SiteRoute.cohortChannel(org, cohort.id).path)) { "Cohort channel" }
            }
            if !model.viewerIsLearner, !model.quizzes.isEmpty {
                section(.aria("labelledby", "quizzes-heading")) {
                    h2(.id("quizzes-heading")) { "Quizzes" }
                    p(.class("hint")) { "Each quiz's page shows how the cohort did: attempts, answers to grade, item analysis." }
                    ul(.class("plain-list")) {
                        for quiz in model.quizzes {
                            li { a(.href(SiteRoute.cohortActivity(org, cohort.id, quiz.id).path)) { quiz.title } }
                        }
                    }
                }
            }
            if !model.viewerIsLearner, !model.peerAssignments.isEmpty {
                section(.aria("labelledby", "peer-heading")) {
                    h2(.id("peer-heading")) { "Peer assignments" }
                    p(.class("hint")) { "Each one's page shows who handed in, reviews received and done, grades, flags, and reviews for you to do." }
                    ul(.class("plain-list")) {
                        for assignment in model.peerAssignments {
                            li { a(.href(SiteRoute.cohortActivity(org, cohort.id, assignment.id).path)) { assignment.title } }
                        }
                    }
                }
            }
            section(.aria("labelledby", "staff-heading")) {
                h2(.id("staff-heading")) { "Staff" }
                memberList(model.staff, model: model, csrf: context.csrfToken,
                           empty: "No trainer or facilitator yet. Assign one below so learners have someone to turn to.")
            }
            section(.aria("labelledby", "learners-heading")) {
                h2(.id("learners-heading")) { "Learners (\(model.learners.count))" }
                memberList(model.learners, model: model, csrf: context.csrfToken,
                           empty: "No learners yet. Enroll members below, or invite people into this cohort from the People page.")
            }
            if model.canManage { manageForms(model, csrf: context.csrfToken) }
            if let muted = model.nudgesMuted { nudgeChoice(muted: muted, model: model, csrf: context.csrfToken) }
        }
    }

    /// A learner turns their trainers' automatic reminders off (or on again) for this cohort.
    static func nudgeChoice(muted: Bool, model: CohortPageModel, csrf: String) -> HTML {
        form(.method("post"), .action(SiteRoute.followUp(model.cohort.organizationID, model.cohort.id, .nudgesMute).path),
             .class("nudge-choice")) {
            Form.csrf(csrf)
            input(.type("hidden"), .name("muted"), .value(muted ? "off" : "on"))
            p(.class("hint")) {
                muted ? "Automatic reminders from your trainers are off for you. " : "Your trainers send automatic reminders (after a few quiet days, before a due date). "
                button(.type("submit"), .class("button-link")) { muted ? "Turn them on again" : "Turn them off" }
            }
        }
    }

    static func memberList(_ members: [CohortPageModel.Member], model: CohortPageModel, csrf: String, empty: String) -> HTML {
        HTML {
            if members.isEmpty {
                p(.class("empty")) { empty }
            } else {
                ul(.class("member-list")) {
                    for member in members {
                        li {
                            span(.class("member-name")) { member.name }
                            span(.class("meta")) { model.showsEmails ? " \(member.email) · \(roleText(member.role))" : " \(roleText(member.role))" }
                            if model.canManage {
                                form(.method("post"), .action(SiteRoute.cohortMemberRemove(model.cohort.organizationID, model.cohort.id, member.id).path), .class("inline")) {
                                    Form.csrf(csrf)
                                    input(.type("hidden"), .name("role"), .value(member.role.rawValue))
                                    button(.type("submit"), .class("button-link danger"), .ariaLabel("Remove \(member.name) (\(roleText(member.role)))")) { "Remove" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func manageForms(_ model: CohortPageModel, csrf: String) -> HTML {
        let org = model.cohort.organizationID
        let options = model.candidates.map { ($0.id.description, $0.label) }
        return div(.class("columns")) {
            section(.class("card"), .aria("labelledby", "enroll-heading")) {
                h2(.id("enroll-heading")) { "Enroll a learner" }
                if options.isEmpty {
                    p(.class("empty")) { "Everyone in the organization is already here. Invite more people from the People page." }
                } else {
                    form(.method("post"), .action(SiteRoute.cohortEnrollments(org, model.cohort.id).path)) {
                        Form.csrf(csrf)
                        Form.select("Person", name: "person_id", options: options, selected: nil, idPrefix: "enroll-")
                        Form.submit("Enroll")
                    }
                }
            }
            section(.class("card"), .aria("labelledby", "assign-heading")) {
                h2(.id("assign-heading")) { "Assign staff" }
                if options.isEmpty {
                    p(.class("empty")) { "Everyone in the organization is already in this cohort. Invite a trainer or facilitator from the People page." }
                } else {
                    form(.method("post"), .action(SiteRoute.cohortStaff(org, model.cohort.id).path)) {
                        Form.csrf(csrf)
                        Form.select("Person", name: "person_id", options: options, selected: nil, idPrefix: "staff-")
                        Form.select("As", name: "role", options: [("trainer", "Trainer"), ("facilitator", "Facilitator")], selected: nil, idPrefix: "staff-")
                        Form.submit("Assign")
                    }
                }
            }
        }
    }

    public static func roleText(_ role: CohortRole) -> String {
        switch role {
        case .learner: "Learner"
        case .trainer: "Trainer"
        case .facilitator: "Facilitator"
        }
    }
}
