import Domain
import Routes

public struct CourseEditorModel: Sendable {
    public struct Module: Sendable {
        public let module: CourseModule
        public let activities: [Activity]
        public init(module: CourseModule, activities: [Activity]) { self.module = module; self.activities = activities }
    }

    public var organizationID: Organization.ID
    public var course: Course
    public var status: PublicationStatus
    public var modules: [Module]
    /// Cohorts running this course: editing keeps their learners' progress, deleting does not.
    public var cohorts: Int
    public var detailsState: Form.State
    public var moduleState: Form.State
    /// Questions in the course's bank, which its quizzes draw from.
    public var questions = 0

    public init(organizationID: Organization.ID, course: Course, status: PublicationStatus, modules: [Module],
                cohorts: Int, detailsState: Form.State = .empty, moduleState: Form.State = .empty) {
        self.organizationID = organizationID; self.course = course; self.status = status; self.modules = modules
        self.cohorts = cohorts; self.detailsState = detailsState; self.moduleState = moduleState
    }

    public var totalMinutes: Int { modules.flatMap(\.activities).reduce(0) { $0 + $1.estimatedMinutes } }
}

/// An author's view of a course: its details, its modules and activities in order, with buttons to
/// add, move and remove them (plain forms: they work without scripts).
public enum CourseEditorPage {
    public static func render(_ model: CourseEditorModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        let course = model.course
        return Layout.page(title: course.name, context) {
            p(.class("breadcrumb")) { a(.href(SiteRoute.courses(org).path)) { "Courses" } }
            h1 { course.name }
            div(.class("toolbar")) {
                span(.class(model.status == .published ? "badge badge-running" : "badge")) {
                    model.status == .published ? "Published" : "Draft"
                }
                span(.class("meta")) {
                    "\(model.modules.count) module\(model.modules.count == 1 ? "" : "s") · \(DurationText.minutes(model.totalMinutes)) · "
                    + (model.cohorts == 1 ? "1 cohort" : "\(model.cohorts) cohorts")
                }
                form(.method("post"), .action(SiteRoute.courseStatus(org, course.id).path), .class("inline-form")) {
                    Form.csrf(context.csrfToken)
                    if model.status == .published {
                        input(.type("hidden"), .name("status"), .value(PublicationStatus.draft.rawValue))
                        button(.type("submit"), .class("button-small button-secondary")) { "Unpublish" }
                    } else {
                        input(.type("hidden"), .name("status"), .value(PublicationStatus.published.rawValue))
                        button(.type("submit"), .class("button-small")) { "Publish" }
                    }
                }
                form(.method("post"), .action(SiteRoute.courseDuplicate(org, course.id).path), .class("inline-form")) {
                    Form.csrf(context.csrfToken)
                    button(.type("submit"), .class("button-small button-secondary")) { "Duplicate" }
                }
                a(.href(SiteRoute.questionBank(org, course.id).path), .class("button button-small button-secondary")) {
                    "Question bank (\(model.questions))"
                }
            }
            if model.status == .draft {
                p(.class("hint")) { "Learners see a course once it is published. Cohorts can be planned on a draft." }
            }
            details(.class("card"), .open(!model.detailsState.errors.isEmpty)) {
                summary { "Name and description" }
                Form.errorSummary(model.detailsState)
                form(.method("post"), .action(SiteRoute.course(org, course.id).path)) {
                    Form.csrf(context.csrfToken)
                    Form.field("Name", name: "name", state: model.detailsState,
                               value: model.detailsState.values["name"] ?? course.name, autocomplete: "off", idPrefix: "course-")
                    Form.textArea("Description", name: "description",
                                  state: model.detailsState.values.isEmpty ? Form.State(values: ["description": course.description]) : model.detailsState,
                                  idPrefix: "course-")
                    Form.submit("Save details")
                }
            }
            h2 { "Modules" }
            if model.modules.isEmpty {
                p(.class("empty")) { "No modules yet. A module groups the lessons and activities of one step of the course; add the first below." }
            }
            ol(.class("outline-editor")) {
                for (index, entry) in model.modules.enumerated() {
                    CourseEditorModule.render(entry, number: index + 1, isFirst: index == 0, isLast: index == model.modules.count - 1,
                                              organizationID: org, courseID: course.id, csrf: context.csrfToken)
                }
            }
            section(.class("card"), .aria("labelledby", "new-module")) {
                h2(.id("new-module")) { "New module" }
                Form.errorSummary(model.moduleState)
                form(.method("post"), .action(SiteRoute.courseModules(org, course.id).path)) {
                    Form.csrf(context.csrfToken)
                    Form.field("Module title", name: "title", state: model.moduleState, autocomplete: "off", idPrefix: "new-module-")
                    ScheduleFields.render(legend: "Unlocks (optional)", field: "unlock", offset: nil, state: model.moduleState,
                                          idPrefix: "new-module-")
                    Form.submit("Add module")
                }
            }
        }
    }
}
