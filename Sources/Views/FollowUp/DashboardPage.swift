import Domain
import Foundation
import Routes

/// The trainer's cohort dashboard: every learner in one table, who needs attention first and
/// why, in words. Sorting and filtering are links and a GET form, so they work without
/// JavaScript and a filtered view can be bookmarked or shared with a colleague.
public enum DashboardPage {
    static let columns: [(DashboardSort, String)] = [
        (.name, "Learner"), (.risk, "Risk"), (.progress, "Progress"), (.lastActive, "Last active"), (.time, "Time, 7 days"),
        (.quiz, "Quiz average"), (.reviews, "Peer reviews"), (.live, "Live classes"), (.help, "Help"), (.unread, "Unread"),
    ]

    public static func render(_ model: DashboardModel, _ context: LayoutContext) -> [UInt8] {
        Layout.page(title: "Dashboard · \(model.cohortName)", context) {
            p(.class("breadcrumb")) { a(.href(SiteRoute.cohort(model.organizationID, model.cohortID).path)) { model.cohortName } }
            h1 { "Dashboard" }
            p(.class("lead")) { lead(model); " · "; a(.href(model.route(.insights).path)) { "Cohort insights" } }
            filters(model)
            if model.all.isEmpty {
                p(.class("empty")) { "No learner in this cohort yet. Invite people from the cohort's page." }
            } else if model.rows.isEmpty {
                p(.class("empty")) { "Nobody matches these filters. " ; a(.href(model.route(.dashboard).path)) { "Show everyone" } }
            } else {
                grid(model)
                if model.canNudge {
                    NudgesPage.dashboardForm(action: model.route(.nudgesSend).path,
                                             atRisk: model.all.filter { $0.risk.level == .atRisk }.count, batch: model.nudgeBatch,
                                             csrf: context.csrfToken)
                }
            }
            p { a(.href(model.route(.nudges).path)) { "Automatic nudges and everything sent" } }
            rules(model, csrf: context.csrfToken)
        }
    }

    static func lead(_ model: DashboardModel) -> String {
        let counts = Dictionary(grouping: model.all, by: \.risk.level).mapValues(\.count)
        let learners = model.all.count == 1 ? "1 learner" : "\(model.all.count) learners"
        return "\(learners) · \(counts[.atRisk] ?? 0) at risk · \(counts[.watch] ?? 0) to watch · \(counts[.onTrack] ?? 0) on track"
    }

    static func filters(_ model: DashboardModel) -> HTML {
        form(.method("get"), .action(model.route(.dashboard).path), .class("dashboard-filters")) {
            input(.type("hidden"), .name("sort"), .value(model.sort.rawValue))
            input(.type("hidden"), .name("dir"), .value(model.ascending ? "asc" : "desc"))
            Form.select("Risk", name: "risk",
                        options: [("", "Everyone")] + RiskLevel.allCases.reversed().map { (RiskText.key($0), RiskText.level($0)) },
                        selected: model.level.map(RiskText.key) ?? "", idPrefix: "filter-")
            Form.field("Name", name: "q", type: "search", value: model.search, required: false, idPrefix: "filter-")
            div(.class("dashboard-actions")) {
                Form.submit("Filter")
                a(.href(model.route(.dashboardCSV).path + model.query()), .class("button button-secondary"), .download("dashboard.csv")) { "Download CSV" }
            }
        }
    }

    static func grid(_ model: DashboardModel) -> HTML {
        div(.class("table-wrap dashboard-wrap")) {
            table(.class("table table-stack dashboard")) {
                caption(.class("visually-hidden")) { "Learners, sorted by \(columns.first { $0.0 == model.sort }?.1 ?? "risk")" }
                thead { tr { for (sort, title) in columns { header(sort, title, model) } } }
                tbody { for row in model.rows { self.row(row, model) } }
            }
        }
    }

    static func header(_ sort: DashboardSort, _ title: String, _ model: DashboardModel) -> HTML {
        let current = sort == model.sort
        let next = current ? !model.ascending : sort.ascendingFirst
        var attributes: [Attribute] = [.scope("col")]
        if current { attributes.append(.custom("aria-sort", model.ascending ? "ascending" : "descending")) }
        return HTML(element: "th", attributes: attributes, content: { HTML {
            a(.href(model.route(.dashboard).path + model.query(sort: sort, ascending: next))) {
                title
                if current { span(.ariaHidden(true)) { model.ascending ? " ▲" : " ▼" } }
            }
        } })
    }

    static func row(_ row: DashboardRow, _ model: DashboardModel) -> HTML {
        tr(.class("risk-row risk-row-\(RiskText.key(row.risk.level))")) {
            cell("Learner") {
                if model.canNudge {
                    input(.type("checkbox"), .name("learners[]"), .value(row.personID), .form("nudge-form"),
                          .ariaLabel("Nudge \(row.name)"), .class("nudge-pick"))
                    " "
                }
                a(.href(model.route(.learner(row.personID)).path)) { row.name }
            }
            cell("Risk") { risk(row.risk) }
            cell("Progress") {
                progress(.max(100), .value(String(row.progress.percent)), .ariaLabel("Progress of \(row.name)")) {
                    "\(row.progress.percent) %"
                }
                " \(row.progress.percent) %"
            }
            cell("Last active") { lastActive(row.lastActiveAt, now: model.now) }
            cell("Time, 7 days", empty: row.minutesLastWeek == 0) { DurationText.minutes(row.minutesLastWeek) }
            cell("Quiz average", empty: row.quizAverage == nil) {
                row.quizAverage.map { "\($0) %" } ?? ""
                if let weakest = row.weakestTopic { span(.class("meta")) { " weakest: \(weakest.topic) (\(weakest.percent) %)" } }
            }
            cell("Peer reviews", empty: row.reviewsDue == 0 && row.reviewsDone == 0) { "\(row.reviewsDone) / \(row.reviewsDue)" }
            cell("Live classes", empty: row.liveHeld == 0) { "\(row.liveAttended) / \(row.liveHeld)" }
            cell("Help", empty: row.openHelpRequests == 0) { strong { "\(row.openHelpRequests)" }; span(.class("visually-hidden")) { " open" } }
            cell("Unread", empty: row.unreadFromThem == 0) { strong { "\(row.unreadFromThem)" }; span(.class("visually-hidden")) { " unread" } }
        }
    }

    /// A cell labelled for the stacked phone layout; an empty one shows "—" (and is left out on phones).
    static func cell(_ label: String, empty: Bool = false, @HTMLBuilder _ content: () -> HTML) -> HTML {
        HTML(element: "td", attributes: [.dataLabel(label)] + (empty ? [.class("nil")] : []),
             content: { empty ? HTML("—") : content() })
    }

    static func risk(_ assessment: RiskAssessment) -> HTML {
        HTML {
            span(.class("badge risk risk-\(RiskText.key(assessment.level))")) { RiskText.level(assessment.level) }
            if !assessment.reasons.isEmpty {
                ul(.class("risk-reasons")) { for reason in assessment.reasons { li { RiskText.reason(reason) } } }
            }
        }
    }

    /// "today", "yesterday", "9 days ago", "never".
    public static func lastActive(_ date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        let days = Day(utc: date).days(to: Day(utc: now))
        return days <= 0 ? "today" : days == 1 ? "yesterday" : "\(days) days ago"
    }

    static func rules(_ model: DashboardModel, csrf: String) -> HTML {
        let t = model.thresholds
        let values: [String: String] = ["inactive_days": "\(t.inactiveDays)", "modules_behind": "\(t.modulesBehind)",
                                        "failed_attempts": "\(t.failedAttempts)", "missed_live_classes": "\(t.missedLiveClasses)",
                                        "silent_days": "\(t.silentDays)"]
        let state = Form.State(values: model.submitted ?? values, errors: model.errors)
        return details(.class("risk-rules"), .id("rules"), .open(!model.errors.isEmpty)) {
            summary { "How the risk level is decided" }
            p { "Each rule below gives a reason when a learner reaches its number; 0 turns a rule off. One reason is “Watch”. Two or more, or one at twice its number, is “At risk”. Nothing else is weighed." }
            if model.canAdjust {
                form(.method("post"), .action(model.route(.rules).path)) {
                    Form.csrf(csrf)
                    Form.errorSummary(state)
                    div(.class("rules-grid")) {
                        for (name, max) in RiskThresholds.fields {
                            Form.field(Messages.fieldLabel(name), name: name, type: "number", state: state,
                                       extra: [.min(0), .max(max), .custom("inputmode", "numeric")])
                        }
                    }
                    Form.submit("Save the rules")
                }
            } else {
                ul { for (name, _) in RiskThresholds.fields { li { "\(Messages.fieldLabel(name)): \(values[name] ?? "")" } } }
            }
        }
    }
}
