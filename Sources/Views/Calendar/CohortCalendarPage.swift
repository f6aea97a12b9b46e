import Domain
import Routes

public struct CohortCalendarModel: Sendable {
    public enum Kind: Sendable { case start, end, opens, due, live }

    public struct Entry: Sendable {
        public let day: Day
        public let kind: Kind
        public let title: String
        public let activityID: Activity.ID?
        public let done: Bool
        /// For a live class: its page, and its time in the group's clocks.
        public var link: String?
        public var time: String?
        public init(day: Day, kind: Kind, title: String, activityID: Activity.ID? = nil, done: Bool = false) {
            self.day = day; self.kind = kind; self.title = title; self.activityID = activityID; self.done = done
        }
    }

    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var cohortName: String
    public var courseName: String
    public var entries: [Entry]
    public var today: Day
    public var isLearner: Bool
    /// Trainers of this cohort and admins may move its whole schedule.
    public var canShift: Bool
    public var shiftDays: Int
    /// The person's secret iCalendar address, for their calendar app.
    public var feedURL: String?
    public var state: Form.State

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, cohortName: String, courseName: String, entries: [Entry],
                today: Day, isLearner: Bool, canShift: Bool, shiftDays: Int, feedURL: String?, state: Form.State = .empty) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.cohortName = cohortName; self.courseName = courseName
        self.entries = entries; self.today = today; self.isLearner = isLearner; self.canShift = canShift
        self.shiftDays = shiftDays; self.feedURL = feedURL; self.state = state
    }
}

/// A cohort's calendar: when each module opens and each activity is due, in date order, with
/// today marked; the trainer's "shift the schedule"; the learner's calendar subscription.
public enum CohortCalendarPage {
    public static func render(_ model: CohortCalendarModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        return Layout.page(title: "Calendar · \(model.cohortName)", context) {
            p(.class("breadcrumb")) { a(.href(SiteRoute.cohort(org, model.cohortID).path)) { model.cohortName } }
            h1 { "Calendar" }
            p(.class("lead")) { model.courseName }
            if model.entries.isEmpty {
                p(.class("empty")) { "No dates yet: the course has no unlock or due dates." }
            } else {
                ol(.class("calendar-list")) {
                    for entry in model.entries {
                        li(.class(entry.day < model.today ? "calendar-entry past" : "calendar-entry")) {
                            time(.datetime(entry.day.description), .class("calendar-day")) { DateText.day(entry.day) }
                            span(.class("calendar-what")) {
                                span(.class("badge")) { label(entry.kind) }
                                " "
                                if let link = entry.link {
                                    a(.href(link)) { entry.title }
                                    if let time = entry.time { span(.class("meta")) { " \(time)" } }
                                } else if let id = entry.activityID {
                                    a(.href(SiteRoute.cohortActivity(org, model.cohortID, id).path)) { entry.title }
                                } else {
                                    entry.title
                                }
                                if entry.done { span(.class("done-note")) { " ✓ done" } }
                            }
                        }
                    }
                }
            }
            if let url = model.feedURL { subscription(url, org: org, csrf: context.csrfToken) }
            if model.canShift { shiftForm(model, csrf: context.csrfToken) }
        }
    }

    static func label(_ kind: CohortCalendarModel.Kind) -> String {
        switch kind {
        case .start: "Start"
        case .end: "End"
        case .opens: "Opens"
        case .due: "Due"
        case .live: "Live class"
        }
    }

    static func subscription(_ url: String, org: Organization.ID, csrf: String) -> HTML {
        section(.class("card"), .aria("labelledby", "subscribe-heading")) {
            h2(.id("subscribe-heading")) { "Add these dates to your calendar" }
            p { "Subscribe to this address in Outlook, Google Calendar or Apple Calendar. It lists the due dates of all your cohorts and stays up to date. Keep it to yourself." }
            Form.field("Calendar address", name: "feed_url", type: "url", value: url, required: false,
                       extra: [.readonly, .class("copy-field")])
            form(.method("post"), .action(SiteRoute.calendarFeedReset.path), .class("inline-form")) {
                Form.csrf(csrf)
                button(.type("submit"), .class("button-link")) { "Make a new address (the old one stops working)" }
            }
        }
    }

    static func shiftForm(_ model: CohortCalendarModel, csrf: String) -> HTML {
        section(.class("card"), .aria("labelledby", "shift-heading")) {
            h2(.id("shift-heading")) { "Move this cohort's schedule" }
            p(.class("hint")) {
                model.shiftDays == 0 ? "Dates follow the course plan from the cohort's start."
                    : "Dates are moved \(abs(model.shiftDays)) day\(abs(model.shiftDays) == 1 ? "" : "s") \(model.shiftDays > 0 ? "later" : "earlier") than the course plan."
            }
            Form.errorSummary(model.state)
            form(.method("post"), .action(SiteRoute.cohortSchedule(model.organizationID, model.cohortID).path)) {
                Form.csrf(csrf)
                Form.field("Shift by (days)", name: "shift_days", type: "number", state: model.state,
                           value: model.state.values["shift_days"] ?? String(model.shiftDays),
                           hint: "Positive moves every unlock and due date later, negative earlier; 0 follows the plan. Other cohorts are not affected.",
                           extra: [.min(-365), .max(365)])
                Form.submit("Move the schedule")
            }
        }
    }
}
