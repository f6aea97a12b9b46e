import Domain
import Foundation
import Routes

/// One nudge in the cohort's log.
public struct NudgeLogItem: Sendable {
    public let learnerName: String
    public let senderName: String
    public let kind: String
    public let body: String
    public let sentAt: Date

    public init(learnerName: String, senderName: String, kind: String, body: String, sentAt: Date) {
        self.learnerName = learnerName; self.senderName = senderName; self.kind = kind; self.body = body; self.sentAt = sentAt
    }
}

public struct NudgesModel: Sendable {
    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var cohortName: String
    public var settings: NudgeSettings
    public var canAdjust: Bool
    public var log: [NudgeLogItem]
    public var errors: [FieldError] = []
    public var submitted: [String: String]?

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, cohortName: String, settings: NudgeSettings, canAdjust: Bool,
                log: [NudgeLogItem]) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.cohortName = cohortName; self.settings = settings
        self.canAdjust = canAdjust; self.log = log
    }
}

/// Nudges: the templates staff send from the dashboard, the automatic ones' settings, and the log
/// of everything sent in the cohort.
public enum NudgesPage {
    /// The dashboard's templates: (key, name, text).
    public static let templates: [(key: String, name: String, text: String)] = [
        ("checking_in", "Checking in",
         "Hi {first name}, how is the course going for you? Your next step is {next activity}. If anything is in the way, just answer here."),
        ("due_soon", "A due date is coming", NudgeTemplate.automatic[.dueSoon]!),
        ("missed_live", "We missed you at the live class", NudgeTemplate.automatic[.missedLive]!),
        ("inactive", "We have not seen you lately", NudgeTemplate.automatic[.inactive]!),
    ]

    public static func kindText(_ kind: String) -> String {
        switch kind {
        case "manual": "Personal"
        case NudgeEvent.Kind.inactive.rawValue: "Automatic: inactive"
        case NudgeEvent.Kind.dueSoon.rawValue: "Automatic: due date"
        case NudgeEvent.Kind.missedLive.rawValue: "Automatic: missed live class"
        default: kind
        }
    }

    public static func render(_ model: NudgesModel, _ context: LayoutContext) -> [UInt8] {
        let route = { (page: FollowUpRoute) in SiteRoute.followUp(model.organizationID, model.cohortID, page).path }
        return Layout.page(title: "Nudges · \(model.cohortName)", context) {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.cohort(model.organizationID, model.cohortID).path)) { model.cohortName }
                " › "
                a(.href(route(.dashboard))) { "Dashboard" }
            }
            h1 { "Nudges" }
            p(.class("lead")) { "Personal nudges go from the dashboard: tick learners, pick a message. Automatic ones go by themselves, once per occasion and at most one a day per learner, as private messages from the cohort's first trainer; a missed live class is mentioned for two days after it." }
            settings(model, action: route(.nudges), csrf: context.csrfToken)
            h2 { "Sent" }
            if model.log.isEmpty {
                p(.class("empty")) { "No nudge sent yet." }
            } else {
                ol(.class("timeline nudge-log")) {
                    for item in model.log {
                        li {
                            time(.datetime(DateText.iso(item.sentAt))) { DateText.dayAndTime(item.sentAt) }
                            " "
                            strong { item.learnerName }
                            span(.class("meta")) { " · \(kindText(item.kind)) · from \(item.senderName)" }
                            p(.class("note-body")) { item.body }
                        }
                    }
                }
            }
        }
    }

    static func settings(_ model: NudgesModel, action: String, csrf: String) -> HTML {
        let s = model.settings
        let values = model.submitted ?? ["inactive_days": "\(s.inactiveDays)", "days_before_due": "\(s.daysBeforeDue)",
                                         "after_missed_live": s.afterMissedLive ? "on" : "", "quiet_from": "\(s.quietFrom)",
                                         "quiet_until": "\(s.quietUntil)"]
        let state = Form.State(values: values, errors: model.errors)
        return section(.class("card"), .ariaLabelledby("automatic-title")) {
            h2(.id("automatic-title")) { "Automatic nudges" }
            p { s.isOn ? "On. Learners can turn them off for themselves on the cohort's page." : "Off. Set a number below to turn one on." }
            if model.canAdjust {
                form(.method("post"), .action(action)) {
                    Form.csrf(csrf)
                    Form.errorSummary(state)
                    div(.class("rules-grid")) {
                        Form.field("After this many days without activity (0: never)", name: "inactive_days", type: "number", state: state,
                                   extra: [.min(0), .max(90)])
                        Form.field("This many days before a due date (0: never)", name: "days_before_due", type: "number", state: state,
                                   extra: [.min(0), .max(14)])
                        Form.field("Quiet from (hour, the cohort's time)", name: "quiet_from", type: "number", state: state,
                                   hint: "The same hour in both: no quiet hours.", extra: [.min(0), .max(23)])
                        Form.field("Quiet until (hour, not included)", name: "quiet_until", type: "number", state: state,
                                   extra: [.min(0), .max(23)])
                    }
                    label(.class("check")) {
                        if values["after_missed_live"] == "on" {
                            input(.type("checkbox"), .name("after_missed_live"), .checked)
                        } else {
                            input(.type("checkbox"), .name("after_missed_live"))
                        }
                        "After a missed live class"
                    }
                    p { Form.submit("Save") }
                }
            }
        }
    }

    /// The dashboard's form: tick learners in the table (their boxes belong to this form), or
    /// send to everyone at risk.
    public static func dashboardForm(action: String, atRisk: Int, batch: String, csrf: String) -> HTML {
        form(.method("post"), .action(action), .id("nudge-form"), .class("card nudge-form")) {
            Form.csrf(csrf)
            input(.type("hidden"), .name("batch"), .value(batch))
            h2 { "Nudge learners" }
            p(.class("hint")) { "Each one gets a private message from you; {first name}, {next activity}, {due date} and {live class} become theirs. Unread, it reaches them by e-mail as their settings say." }
            Form.select("Message", name: "template", options: templates.map { ($0.key, $0.name) }, selected: templates[0].key)
            Form.textArea("Or write your own (optional)", name: "message", rows: 3)
            div(.class("dashboard-actions")) {
                button(.type("submit"), .class("button"), .name("to"), .value("ticked")) { "Send to the ticked learners" }
                if atRisk > 0 {
                    button(.type("submit"), .class("button button-secondary"), .name("to"), .value("at_risk")) {
                        "Send to everyone at risk (\(atRisk))"
                    }
                }
            }
        }
    }
}
