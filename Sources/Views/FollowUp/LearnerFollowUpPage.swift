import Domain
import Foundation
import Routes

/// One thing a learner did (or that happened to them), for the staff's timeline.
public struct TimelineEntry: Sendable {
    public enum Kind: String, Sendable {
        case studied, completed, quiz, handedIn = "handed_in", reviewed, help, posted, live, message, nudge
    }

    public let at: Date
    public let kind: Kind
    public let text: String
    public let url: String?
    /// A whole day (time studied): shown without a time.
    public let allDay: Bool

    public init(at: Date, kind: Kind, text: String, url: String? = nil, allDay: Bool = false) {
        self.at = at; self.kind = kind; self.text = text; self.url = url; self.allDay = allDay
    }
}

/// A private note of the cohort's staff about a learner.
public struct TrainerNoteItem: Sendable {
    public let id: String
    public let authorName: String
    public let body: String
    public let createdAt: Date
    /// Its author deletes it (and an admin).
    public let canDelete: Bool

    public init(id: String, authorName: String, body: String, createdAt: Date, canDelete: Bool) {
        self.id = id; self.authorName = authorName; self.body = body; self.createdAt = createdAt; self.canDelete = canDelete
    }
}

public struct LearnerFollowUpModel: Sendable {
    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var cohortName: String
    public var row: DashboardRow
    public var timeline: [TimelineEntry]
    public var notes: [TrainerNoteItem]
    /// Staff of the cohort write notes and messages; an admin outside it reads.
    public var canWrite: Bool
    public var now: Date

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, cohortName: String, row: DashboardRow, timeline: [TimelineEntry],
                notes: [TrainerNoteItem], canWrite: Bool, now: Date) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.cohortName = cohortName; self.row = row
        self.timeline = timeline; self.notes = notes; self.canWrite = canWrite; self.now = now
    }

    func route(_ page: FollowUpRoute) -> SiteRoute { .followUp(organizationID, cohortID, page) }
}

/// A learner as the cohort's staff see them: where they stand and why, what they did lately,
/// and the staff's private notes (never shown to the learner).
public enum LearnerFollowUpPage {
    public static let maximumNoteLength = 4_000

    public static func render(_ model: LearnerFollowUpModel, _ context: LayoutContext) -> [UInt8] {
        let row = model.row
        return Layout.page(title: "\(row.name) · \(model.cohortName)", context) {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.cohort(model.organizationID, model.cohortID).path)) { model.cohortName }
                " › "
                a(.href(model.route(.dashboard).path)) { "Dashboard" }
            }
            h1 { row.name }
            div(.class("learner-risk")) { DashboardPage.risk(row.risk) }
            if model.canWrite {
                form(.method("post"), .action(SiteRoute.directMessage(model.organizationID).path), .class("inline-form")) {
                    Form.csrf(context.csrfToken)
                    input(.type("hidden"), .name("person_id"), .value(row.personID))
                    button(.type("submit"), .class("button button-secondary")) { "Send \(row.name) a private message" }
                }
            }
            figures(row, now: model.now)
            div(.class("follow-up-columns")) {
                section(.ariaLabelledby("timeline-title")) {
                    h2(.id("timeline-title")) { "Timeline" }
                    if model.timeline.isEmpty {
                        p(.class("empty")) { "Nothing yet: \(row.name) has not started." }
                    } else {
                        ol(.class("timeline")) { for entry in model.timeline { self.entry(entry) } }
                    }
                }
                section(.ariaLabelledby("notes-title"), .class("trainer-notes")) {
                    h2(.id("notes-title")) { "Private notes" }
                    p(.class("hint")) { "Only the cohort's trainers, facilitators and admins read these. \(row.name) never does." }
                    if model.canWrite { noteForm(model, csrf: context.csrfToken) }
                    if model.notes.isEmpty {
                        p(.class("empty")) { "No note yet." }
                    } else {
                        ul(.class("note-list")) { for note in model.notes { self.note(note, model, csrf: context.csrfToken) } }
                    }
                }
            }
        }
    }

    static func figures(_ row: DashboardRow, now: Date) -> HTML {
        dl(.class("figures")) {
            div { dt { "Progress" }; dd { "\(row.progress.percent) % (\(row.progress.done) of \(row.progress.total))" } }
            div { dt { "Last active" }; dd { DashboardPage.lastActive(row.lastActiveAt, now: now) } }
            div { dt { "Time, last 7 days" }; dd { row.minutesLastWeek == 0 ? "—" : DurationText.minutes(row.minutesLastWeek) } }
            div {
                dt { "Quiz average" }
                dd { row.quizAverage.map { "\($0) %" } ?? "—"; if let w = row.weakestTopic { " · weakest: \(w.topic) (\(w.percent) %)" } }
            }
            div { dt { "Peer reviews" }; dd { "\(row.reviewsDone) done of \(row.reviewsDue) due" } }
            div { dt { "Live classes" }; dd { "\(row.liveAttended) attended of \(row.liveHeld)" } }
            div { dt { "Open help requests" }; dd { "\(row.openHelpRequests)" } }
            div { dt { "Unread messages from them" }; dd { "\(row.unreadFromThem)" } }
        }
    }

    static func entry(_ entry: TimelineEntry) -> HTML {
        li(.class("timeline-\(entry.kind.rawValue)")) {
            time(.datetime(entry.allDay ? String(DateText.iso(entry.at).prefix(10)) : DateText.iso(entry.at))) {
                entry.allDay ? DateText.day(entry.at) : DateText.dayAndTime(entry.at)
            }
            " "
            if let url = entry.url { a(.href(url)) { entry.text } } else { entry.text }
        }
    }

    static func noteForm(_ model: LearnerFollowUpModel, csrf: String) -> HTML {
        form(.method("post"), .action(model.route(.notes(model.row.personID)).path)) {
            Form.csrf(csrf)
            Form.textArea("A note for the staff", name: "body", required: true, rows: 3,
                          extra: [.custom("maxlength", "\(maximumNoteLength)"), .required])
            Form.submit("Save the note")
        }
    }

    static func note(_ note: TrainerNoteItem, _ model: LearnerFollowUpModel, csrf: String) -> HTML {
        li(.class("note")) {
            p(.class("meta")) { "\(note.authorName) · "; time(.datetime(DateText.iso(note.createdAt))) { DateText.dayAndTime(note.createdAt) } }
            p(.class("note-body")) { note.body }
            if note.canDelete {
                form(.method("post"), .action(model.route(.noteDelete(model.row.personID, note: note.id)).path), .class("inline-form")) {
                    Form.csrf(csrf)
                    button(.type("submit"), .class("button-link")) { "Delete" }
                }
            }
        }
    }
}
