import Domain
import Foundation
import Routes

/// A cohort's live classes and one live class: when (in the group's clocks, and the reader's own
/// when they differ), where, the agenda, a countdown and the Join button that opens 10 minutes
/// before the start. live.js keeps the countdown and the button up to date; without it the page
/// says the same as of when it was loaded.
public enum LiveSessionPages {
    static let scripts = ["/js/live.js"]

    public static func list(_ model: LiveSessionsPageModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        return Layout.page(title: "Live classes · \(model.cohortName)", context, scripts: scripts) {
            p(.class("breadcrumb")) { a(.href(SiteRoute.cohort(org, model.cohortID).path)) { model.cohortName } }
            h1 { "Live classes" }
            p(.class("lead")) { model.courseName }
            p(.class("hint")) { "Each class shows its time in the zone it was scheduled in (the group's is \(model.timeZone)), and in yours. You can join 10 minutes before the start." }
            if model.canSchedule {
                div(.class("toolbar")) {
                    a(.href(SiteRoute.live(org, model.cohortID, .new).path), .class("button")) { "Schedule a live class" }
                }
            }
            section(.aria("labelledby", "upcoming-heading")) {
                h2(.id("upcoming-heading")) { "Coming up" }
                if model.upcoming.isEmpty {
                    p(.class("empty")) {
                        model.canSchedule ? "Nothing scheduled. A live class brings the group together: schedule one above."
                            : "No live class is scheduled yet. Your trainer will announce them here and by e-mail."
                    }
                } else {
                    cards(model.upcoming)
                }
            }
            if !model.past.isEmpty {
                section(.aria("labelledby", "past-heading")) {
                    h2(.id("past-heading")) { "Past and cancelled" }
                    cards(model.past)
                }
            }
            if model.canSchedule { timeZoneForm(model, csrf: context.csrfToken) }
        }
    }

    /// Cards of sessions, each with its time, place, countdown and Join.
    public static func cards(_ cards: [LiveSessionCard], showCohort: Bool = false) -> HTML {
        ul(.class("cards live-cards")) {
            for card in cards {
                li(.class("card live-card live-\(card.state.rawValue)")) {
                    h3 { a(.href(card.route(LiveRoute.session).path)) { card.session.title } }
                    if showCohort { p(.class("meta")) { card.cohortName } }
                    p { time(.datetime(DateText.iso(card.session.start)), .data("local-time", "")) { LiveText.when(card.session) } }
                    p(.class("meta")) {
                        span(.class("badge badge-live-\(card.state.rawValue)")) { LiveText.state(card.state) }
                        if !card.hostNames.isEmpty { " With \(card.hostNames.joined(separator: ", "))" }
                    }
                    join(card)
                }
            }
        }
    }

    /// The countdown and the Join button, or what replaces them once it is over.
    static func join(_ card: LiveSessionCard) -> HTML {
        let session = card.session
        return div(.class("live-join")) {
            switch card.state {
            case .cancelled:
                p(.class("meta")) { "This live class was cancelled." }
            case .ended:
                if let recording = session.recording {
                    a(.href(recording.text), .rel("noopener noreferrer")) { "Watch the recording" }
                }
            case .upcoming, .joinable, .live:
                if card.state != .live {
                    p(.class("countdown"), .data("countdown", DateText.iso(session.start))) {
                        "Starts \(LiveText.countdown(to: session.start, from: card.now))"
                    }
                }
                // A link, not a form: browsers refuse to follow a form's answer to another site
                // (the pages' CSP form-action), and the meeting is usually elsewhere.
                if card.state == .upcoming {
                    a(.href(card.route(LiveRoute.join).path), .class("button button-waiting"), .aria("disabled", "true"),
                      .data("join-opens", DateText.iso(session.joinOpens)),
                      .ariaLabel("Join \(session.title) (opens 10 minutes before the start)")) { "Join" }
                    span(.class("hint join-hint")) { "Opens 10 minutes before the start." }
                } else {
                    a(.href(card.route(LiveRoute.join).path), .class("button"), .ariaLabel("Join \(session.title)")) { "Join" }
                }
            }
        }
    }

    static func timeZoneForm(_ model: LiveSessionsPageModel, csrf: String) -> HTML {
        section(.class("card"), .aria("labelledby", "zone-heading")) {
            h2(.id("zone-heading")) { "The group's time zone" }
            Form.errorSummary(model.state)
            form(.method("post"), .action(SiteRoute.cohortTimeZone(model.organizationID, model.cohortID).path)) {
                Form.csrf(csrf)
                Form.select("Time zone", name: "time_zone", options: TimeZone.ianaChoices.map { ($0, $0) },
                            selected: model.state.values["time_zone"] ?? model.timeZone, state: model.state,
                            hint: "New live classes are scheduled in it. Sessions already scheduled keep their time.")
                Form.submit("Save the time zone")
            }
        }
    }

    public static func session(_ model: LiveSessionPageModel, _ context: LayoutContext) -> [UInt8] {
        let card = model.card, session = card.session
        let org = card.organizationID
        return Layout.page(title: session.title, context, scripts: scripts) {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.cohort(org, session.cohortID).path)) { card.cohortName }
                " › "
                a(.href(SiteRoute.live(org, session.cohortID, .list).path)) { "Live classes" }
            }
            h1 { session.title }
            dl(.class("facts")) {
                div { dt { "When" }; dd { time(.datetime(DateText.iso(session.start)), .data("local-time", "")) { LiveText.when(session) } } }
                div { dt { "Length" }; dd { DurationText.minutes(session.durationMinutes) } }
                div { dt { "Where" }; dd { model.whereText ?? "Not available on this server any more: ask your trainer." } }
                if !card.hostNames.isEmpty { div { dt { card.hostNames.count == 1 ? "Host" : "Hosts" }; dd { card.hostNames.joined(separator: ", ") } } }
                div { dt { "Status" }; dd { span(.class("badge badge-live-\(card.state.rawValue)")) { LiveText.state(card.state) } } }
            }
            if model.whereText != nil || card.state == .ended { join(card) }
            if let minutes = model.myMinutes { p(.class("meta")) { "You were there \(DurationText.minutes(minutes))." } }
            if card.state == .ended, session.recording == nil { p(.class("meta")) { "No recording has been shared." } }
            if !session.agenda.isEmpty {
                section(.aria("labelledby", "agenda-heading")) {
                    h2(.id("agenda-heading")) { "Agenda" }
                    div(.class("prose")) { model.agenda }
                }
            }
            div(.class("toolbar")) {
                if card.state != .cancelled {
                    a(.href(card.route(LiveRoute.calendar).path), .download("live-class.ics")) { "Add to my calendar (.ics)" }
                }
                if model.canManage {
                    a(.href(card.route(LiveRoute.edit).path)) { card.state == .cancelled ? "See the details" : "Edit" }
                    a(.href(card.route(LiveRoute.attendance).path)) { "Attendance" }
                }
            }
            if model.canManage, card.state == .upcoming || card.state == .joinable {
                form(.method("post"), .action(card.route(LiveRoute.cancel).path), .class("inline-form"),
                     .data("confirm", "Cancel this live class? Everyone in the cohort is told, and it leaves their calendars.")) {
                    Form.csrf(context.csrfToken)
                    button(.type("submit"), .class("button-link danger")) { "Cancel this live class" }
                }
            }
        }
    }
}
