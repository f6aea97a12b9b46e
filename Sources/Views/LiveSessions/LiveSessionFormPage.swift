import Domain
import Foundation
import Routes

/// Scheduling a live class, or changing one: title, agenda (Markdown, previewed), date and time in
/// a chosen zone (the group's by default), length, where, hosts, and the recording afterwards.
public enum LiveSessionFormPage {
    public static func render(_ model: LiveSessionFormModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        let editing = model.sessionID != nil
        let action: LiveRoute = model.sessionID.map { .session($0.description) } ?? .list
        let state = model.state
        return Layout.page(title: editing ? "Edit the live class" : "Schedule a live class", context,
                           scripts: ["/js/markdown-preview.js", "/js/live-form.js"]) {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.cohort(org, model.cohortID).path)) { model.cohortName }
                " › "
                a(.href(SiteRoute.live(org, model.cohortID, .list).path)) { "Live classes" }
            }
            h1 { editing ? "Edit the live class" : "Schedule a live class" }
            p(.class("hint")) {
                editing ? "Everyone in the cohort is told when the time, length, place or title changes, and their calendars follow."
                    : "Everyone in the cohort gets an invitation in Atelier and by e-mail, and a reminder an hour before."
            }
            Form.errorSummary(state)
            form(.method("post"), .action(SiteRoute.live(org, model.cohortID, action).path), .class("live-form")) {
                Form.csrf(context.csrfToken)
                if !editing, let activity = state.values["activity_id"], !activity.isEmpty {
                    input(.type("hidden"), .name("activity_id"), .value(activity))
                    p(.class("hint")) { "This class is an activity of the course: attending it counts in learners' progress." }
                }
                Form.field("Title", name: "title", state: state, autocomplete: "off", extra: [.maxlength(LiveSession.maximumTitleLength)])
                Form.textArea("Agenda (Markdown, optional)", name: "agenda", state: state, rows: 6,
                              extra: [.data("preview-target", "agenda-preview"),
                                      .data("preview-url", SiteRoute.forumPreview(org, model.cohortID).path)])
                div(.class("chat-body post-preview"), .id("agenda-preview"), .ariaLabel("Preview"), .custom("aria-live", "polite")) {}
                if model.isStarted {
                    p(.class("hint")) { "It has started: once it is over, only the recording link can change." }
                }
                div(.class("field-row")) {
                    Form.field("Date", name: "date", type: "date", state: state)
                    Form.field("Start time", name: "time", type: "time", state: state)
                }
                Form.select("Time zone", name: "time_zone", options: TimeZone.ianaChoices.map { ($0, $0) },
                            selected: nil, state: state, hint: "The clocks the date and time are read in.")
                Form.field("Length (minutes)", name: "duration", type: "number", state: state,
                           hint: "From \(LiveSession.durations.lowerBound) to \(LiveSession.durations.upperBound) minutes.",
                           extra: [.min("\(LiveSession.durations.lowerBound)"), .max("\(LiveSession.durations.upperBound)"), .step("5")])
                fieldset(.class(state.error("provider") == nil ? "field" : "field field-invalid")) {
                    legend { "Where" }
                    for provider in model.providers {
                        label(.class("check")) {
                            input(.type("radio"), .name("provider"), .value(provider.kind.rawValue),
                                  .checked(state.value("provider") == provider.kind.rawValue))
                            provider.label
                        }
                    }
                    if let error = state.error("provider") { p(.class("field-error")) { error } }
                }
                Form.field("Meeting link", name: "link", type: "url", state: state, required: false,
                           hint: "For a meeting elsewhere: the https link people follow (Teams, Zoom, Webex…).",
                           extra: [.placeholder("https://…")])
                fieldset(.class(state.error("hosts") == nil ? "field" : "field field-invalid")) {
                    legend { "Hosts" }
                    if model.staff.isEmpty {
                        p(.class("empty")) { "The cohort has no trainer or facilitator yet: assign one on the cohort's page first." }
                    }
                    for person in model.staff {
                        label(.class("check")) {
                            input(.type("checkbox"), .name("hosts[]"), .value(person.id.description),
                                  .checked(model.hosts.contains(person.id.description)))
                            person.name
                        }
                    }
                    if let error = state.error("hosts") { p(.class("field-error")) { error } }
                }
                if editing {
                    Form.field("Recording link", name: "recording", type: "url", state: state, required: false,
                               hint: "Once it is over: the https link to the recording, shown to the cohort.",
                               extra: [.placeholder("https://…")])
                }
                Form.submit(editing ? "Save the changes" : "Schedule and invite the cohort")
            }
        }
    }
}

/// Who attended a live class, for its cohort's staff: minutes, the computed answer, and a
/// trainer's correction, which wins.
public enum LiveAttendancePage {
    public static func render(_ model: LiveAttendanceModel, _ context: LayoutContext) -> [UInt8] {
        let card = model.card, session = card.session
        return Layout.page(title: "Attendance · \(session.title)", context) {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.live(card.organizationID, session.cohortID, .list).path)) { "Live classes" }
                " › "
                a(.href(card.route(LiveRoute.session).path)) { session.title }
            }
            h1 { "Attendance" }
            p(.class("lead")) { LiveText.when(session) }
            p(.class("hint")) {
                "Someone attended when they were there at least \(model.thresholdPercent) % of the session. In a meeting held elsewhere, Atelier sees only the click on Join. Correct anyone below: your word counts."
            }
            if model.rows.isEmpty {
                p(.class("empty")) { "Nobody is enrolled in this cohort yet." }
            } else {
                form(.method("post"), .action(card.route(LiveRoute.attendance).path)) {
                    Form.csrf(context.csrfToken)
                    div(.class("table-wrap")) {
                        table(.class("table table-stack")) {
                            thead { tr { th(.scope("col")) { "Person" }; th(.scope("col")) { "Joined" }; th(.scope("col")) { "Time in" }
                                         th(.scope("col")) { "Attended" } } }
                            tbody {
                                for row in model.rows { self.row(row, session: session) }
                            }
                        }
                    }
                    Form.submit("Save the corrections")
                }
            }
        }
    }

    static func row(_ row: LiveAttendanceModel.Row, session: LiveSession) -> HTML {
        let name = "p-\(row.personID)"
        let chosen = row.attendance.correction.map { $0 ? "yes" : "no" } ?? "auto"
        let computed = row.attendance.computed ? "yes" : "no"
        return tr {
            th(.scope("row")) { row.name; if row.role != .learner { span(.class("meta")) { " (\(CohortPage.roleText(row.role)))" } } }
            td { row.firstJoin.map { WallClockTime($0, in: session.zone).time.description } ?? "—" }
            td { DurationText.minutes(row.attendance.minutes) }
            td {
                label(.class("visually-hidden"), .for(name)) { "Attended: \(row.name)" }
                HTML(element: "select", attributes: [.name(name), .id(name)], content: { HTML {
                    for (value, text) in [("auto", "As measured (\(computed))"), ("yes", "Yes"), ("no", "No")] {
                        if value == chosen { option(.value(value), .selected) { text } } else { option(.value(value)) { text } }
                    }
                } })
            }
        }
    }
}
