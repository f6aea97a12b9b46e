import Domain
import Routes

/// A cohort's course as its learners follow it: overall progress, what is due next, "Continue",
/// then every module with its own progress and its activities (locked ones say when they open).
public enum CourseOutlinePage {
    /// `modules` is what `modules(_:)` rendered for this same model, when the caller kept it.
    public static func render(_ model: CourseOutlineModel, _ context: LayoutContext, modules: TrustedHTML? = nil) -> [UInt8] {
        let org = model.organizationID
        return Layout.page(title: model.courseName, context) {
            p(.class("breadcrumb")) { a(.href(SiteRoute.cohort(org, model.cohortID).path)) { model.cohortName } }
            h1 { model.courseName }
            if !model.isPublished {
                p(.class(model.isLearner ? "empty" : "flash flash-error")) {
                    model.isLearner ? "This course is not published yet. Your trainer will tell you when it opens."
                        : "Draft: learners do not see this course until an author publishes it."
                }
            }
            if model.isPublished || !model.isLearner {
                if !model.courseDescription.isEmpty { p(.class("lead")) { model.courseDescription } }
                summary(model)
                if let modules { modules } else { moduleList(model) }
            }
        }
    }

    /// The module cards alone, rendered once and kept by the caller (most of the page's cost):
    /// made by this builder, so escaped like the rest of the page.
    public static func modules(_ model: CourseOutlineModel) -> TrustedHTML {
        TrustedHTML(sanitized: moduleList(model).render())
    }

    static func moduleList(_ model: CourseOutlineModel) -> HTML {
        ol(.class("outline")) {
            for (index, module) in model.modules.enumerated() { moduleCard(module, number: index + 1, model: model) }
        }
    }

    static func summary(_ model: CourseOutlineModel) -> HTML {
        section(.class("card course-summary"), .aria("labelledby", "progress-heading")) {
            h2(.id("progress-heading"), .class("visually-hidden")) { "Your progress" }
            if model.isLearner {
                p(.class("progress-label")) {
                    strong { "\(model.progress.percent) %" }
                    model.isComplete ? " — course complete. Well done!" : " of the course done (\(model.progress.done) of \(model.progress.total))"
                }
                progress(.value(model.progress.done), .max(max(model.progress.total, 1)), .ariaLabel("Course progress")) {
                    "\(model.progress.percent) %"
                }
            } else {
                p(.class("meta")) { "You see this course as its learners do, with every module open. Your visits are not recorded." }
            }
            if let due = model.nextDue {
                p(.class("next-due")) { "Next due: "; strong { due.title }; " — \(DateText.day(due.day))" }
            }
            p(.class("meta")) {
                a(.href(SiteRoute.cohortCalendar(model.organizationID, model.cohortID).path)) { "Calendar" }
                " · "
                a(.href(SiteRoute.forum(model.organizationID, model.cohortID).path)) { "Forum" }
                " · "
                a(.href(SiteRoute.cohortChannel(model.organizationID, model.cohortID).path)) { "Cohort channel" }
            }
            if let resume = model.resume {
                a(.href(SiteRoute.cohortActivity(model.organizationID, model.cohortID, resume.id).path), .class("button")) {
                    resume.started ? "Continue where I left off" : "Start"
                }
                p(.class("meta")) { resume.title }
            }
        }
    }

    static func moduleCard(_ entry: CourseOutlineModel.Module, number: Int, model: CourseOutlineModel) -> HTML {
        li(.class(entry.isOpen ? "card module-card" : "card module-card locked"), .id("module-\(entry.module.id)")) {
            div(.class("module-head")) {
                h2(.class("card-title")) { "Module \(number): "; entry.module.title }
                if !entry.isOpen, let unlocks = entry.unlocks {
                    p(.class("meta lock-note")) { "Locked · opens \(DateText.day(unlocks))" }
                } else if model.isLearner, entry.progress.total > 0 {
                    p(.class("meta")) { "\(entry.progress.done) of \(entry.progress.total) done" }
                }
            }
            if model.isLearner, entry.progress.total > 0 {
                progress(.value(entry.progress.done), .max(entry.progress.total), .ariaLabel("Progress in \(entry.module.title)")) {
                    "\(entry.progress.percent) %"
                }
            }
            ol(.class("activity-list")) {
                for item in entry.items {
                    li(.class(rowClass(item.state))) {
                        span(.class("state-icon"), .ariaHidden(true)) { item.state == .done ? "✓" : (item.state == .started ? "◐" : "○") }
                        if entry.isOpen {
                            a(.href(SiteRoute.cohortActivity(model.organizationID, model.cohortID, item.activity.id).path),
                              .class("activity-title")) { item.activity.title }
                        } else {
                            span(.class("activity-title")) { item.activity.title }
                        }
                        span(.class("meta")) { facts(item, today: model.today, isLearner: model.isLearner) }
                    }
                }
            }
        }
    }

    static func rowClass(_ state: ActivityState) -> String {
        switch state {
        case .notStarted: "activity-row state-not_started"
        case .started: "activity-row state-started"
        case .done: "activity-row state-done"
        }
    }

    /// "started · 20 min · required · due Mon 8 Mar 2027", written into one string: the outline
    /// prints it for every activity.
    static func facts(_ item: CourseOutlineModel.Item, today: Day, isLearner: Bool) -> String {
        var facts = ""
        facts.reserveCapacity(64)
        if isLearner { facts += item.state == .done ? "done · " : (item.state == .started ? "started · " : "not started · ") }
        facts += DurationText.minutes(item.activity.estimatedMinutes)
        if item.activity.required { facts += " · required" }
        if let due = item.due {
            facts += item.state != .done && due < today ? " · overdue since " : " · due "
            facts += DateText.day(due)
        }
        return facts
    }
}
