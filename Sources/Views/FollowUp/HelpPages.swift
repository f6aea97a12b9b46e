import Domain
import Foundation
import Routes

/// One help request as the queue and the learner's list show it.
public struct HelpItem: Sendable {
    public let request: HelpRequest
    public let learnerName: String
    public let activityTitle: String?
    /// The private conversation the answer went to, for the people in it.
    public let conversationURL: String?
    /// Who suggested asking the whole group, when a trainer did.
    public var forumProposerName: String?
    /// The forum question it became, once the learner posted it.
    public var forumThread: (title: String, url: String)?

    public init(request: HelpRequest, learnerName: String, activityTitle: String?, conversationURL: String?) {
        self.request = request; self.learnerName = learnerName; self.activityTitle = activityTitle
        self.conversationURL = conversationURL
    }
}

public struct HelpPageModel: Sendable {
    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var cohortName: String
    /// Staff see the cohort's queue and answer; a learner sees their own requests.
    public var isStaff: Bool
    public var items: [HelpItem]
    public var now: Date
    /// The cohort's staff answer; an admin who is not in the cohort only reads.
    public var canAnswer = false
    /// The cohort's forum lets learners hide their name from other learners.
    public var anonymousAllowed = false
    /// A forum form shown again after a refused submit, by request id.
    public var forumForms: [String: Form.State] = [:]

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, cohortName: String, isStaff: Bool, items: [HelpItem], now: Date) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.cohortName = cohortName; self.isStaff = isStaff
        self.items = items; self.now = now
    }
}

/// "I'm stuck here" and what follows: the trainers' queue (longest waiting first, answered in
/// place, the reply going to a private conversation) and the learner's own requests.
public enum HelpPages {
    public static func render(_ model: HelpPageModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        let waiting = model.items.filter { $0.request.status == .open }.count
        return Layout.page(title: (model.isStaff ? "Help requests · " : "My help requests · ") + model.cohortName, context) {
            p(.class("breadcrumb")) { a(.href(SiteRoute.cohort(org, model.cohortID).path)) { model.cohortName } }
            h1 { model.isStaff ? "Help requests" : "My help requests" }
            p(.class("lead")) {
                model.isStaff ? (waiting == 0 ? "Nobody is waiting for an answer." : "\(waiting) waiting for an answer, longest first.")
                    : "What you asked your trainers, and where their answers are."
            }
            if model.items.isEmpty {
                p(.class("empty")) {
                    model.isStaff ? "No help request yet. Learners ask from any lesson with “I'm stuck here”."
                        : "You have not asked for help yet. On any lesson, “I'm stuck here” tells your trainers."
                }
            } else {
                ol(.class("help-list")) {
                    for item in model.items { entry(item, model, csrf: context.csrfToken) }
                }
            }
        }
    }

    static func entry(_ item: HelpItem, _ model: HelpPageModel, csrf: String) -> HTML {
        let request = item.request, org = model.organizationID
        let id = request.id.description
        return li(.class("card help-item help-\(request.status.rawValue)"), .id("request-\(id)")) {
            p(.class("meta")) {
                span(.class("badge")) { statusText(request.status) }
                if model.isStaff {
                    " "
                    a(.href(SiteRoute.followUp(org, model.cohortID, .learner(request.learner.description)).path)) { item.learnerName }
                }
                if let title = item.activityTitle, let activity = request.activityID {
                    " · "
                    a(.href(SiteRoute.cohortActivity(org, model.cohortID, activity).path)) { title }
                }
                " · asked \(DateText.dayAndTime(request.createdAt))"
                if let waited = request.waiting(at: model.now) { strong { " · waiting \(duration(waited))" } }
            }
            if !request.quote.isEmpty { blockquote(.class("help-quote")) { request.quote } }
            p(.class("help-text")) { request.text }
            HelpForumViews.status(item, model)
            if let url = item.conversationURL { p { a(.href(url)) { model.isStaff ? "The conversation with \(item.learnerName)" : "Read the answer" } } }
            if model.canAnswer, request.status != .resolved {
                form(.method("post"), .action(SiteRoute.help(org, model.cohortID, .answer(id)).path), .class("help-answer")) {
                    Form.csrf(csrf)
                    Form.textArea("Answer \(item.learnerName) privately", name: "body", required: true, rows: 3, idPrefix: "answer-\(id)-")
                    Form.submit("Send the answer")
                }
            }
            HelpForumViews.actions(item, model, csrf: csrf)
            if !model.isStaff {
                form(.method("post"), .action(SiteRoute.help(org, model.cohortID, request.status == .resolved ? .reopen(id) : .resolve(id)).path),
                     .class("inline-form")) {
                    Form.csrf(csrf)
                    button(.type("submit"), .class("button-link")) { request.status == .resolved ? "I still need help: reopen it" : "It is sorted: mark it resolved" }
                }
            }
        }
    }

    /// "I'm stuck here", folded under the activity: the difficulty, and the passage or question
    /// it is about if the learner wants to point at it.
    public static func askForm(_ org: Organization.ID, _ cohort: Cohort.ID, activity: Activity.ID, csrf: String) -> HTML {
        details(.class("help-ask")) {
            summary { "I'm stuck here" }
            form(.method("post"), .action(SiteRoute.help(org, cohort, .list).path)) {
                Form.csrf(csrf)
                input(.type("hidden"), .name("activity_id"), .value(activity.description))
                Form.textArea("What are you stuck on?", name: "help_text", required: true, rows: 3)
                Form.textArea("The passage or question it is about (optional)", name: "help_quote", rows: 2)
                p(.class("hint")) { "Only the cohort's trainers and facilitators see it. The answer comes as a private message." }
                Form.submit("Ask my trainers")
            }
        }
    }

    public static func statusText(_ status: HelpRequest.Status) -> String {
        switch status {
        case .open: "Waiting for an answer"
        case .answered: "Answered"
        case .resolved: "Resolved"
        }
    }

    /// "3 h 05 min", "2 days".
    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        if minutes >= 48 * 60 { return "\(minutes / 1440) days" }
        if minutes >= 60 { return "\(minutes / 60) h \(DateText.two(minutes % 60)) min" }
        return "\(minutes) min"
    }
}
