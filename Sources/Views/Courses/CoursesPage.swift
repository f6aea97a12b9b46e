import Domain
import Routes

public struct CoursesPageModel: Sendable {
    public struct Row: Sendable {
        public let id: Course.ID
        public let name: String
        public let description: String
        public let status: PublicationStatus
        public let modules: Int
        public let cohorts: Int
        public init(id: Course.ID, name: String, description: String, status: PublicationStatus, modules: Int, cohorts: Int) {
            self.id = id; self.name = name; self.description = description; self.status = status
            self.modules = modules; self.cohorts = cohorts
        }
    }
    public var organizationID: Organization.ID
    public var courses: [Row]
    public var state: Form.State
    public init(organizationID: Organization.ID, courses: [Row], state: Form.State = .empty) {
        self.organizationID = organizationID; self.courses = courses; self.state = state
    }
}

public enum CoursesPage {
    public static func render(_ model: CoursesPageModel, _ context: LayoutContext) -> [UInt8] {
        Layout.page(title: "Courses", context) {
            h1 { "Courses" }
            if model.courses.isEmpty {
                p(.class("empty")) { "No courses yet — create the first one below. A course is what your cohorts follow." }
            } else {
                ul(.class("cards")) {
                    for course in model.courses {
                        li(.class("card")) {
                            h2(.class("card-title")) { a(.href(SiteRoute.course(model.organizationID, course.id).path)) { course.name } }
                            if !course.description.isEmpty { p { course.description } }
                            p(.class("meta")) {
                                span(.class(course.status == .published ? "badge badge-running" : "badge")) {
                                    course.status == .published ? "Published" : "Draft"
                                }
                                " \(course.modules) module\(course.modules == 1 ? "" : "s") · "
                                    + (course.cohorts == 1 ? "1 cohort" : "\(course.cohorts) cohorts")
                            }
                        }
                    }
                }
            }
            section(.class("card"), .aria("labelledby", "new-course")) {
                h2(.id("new-course")) { "New course" }
                Form.errorSummary(model.state)
                form(.method("post"), .action(SiteRoute.courses(model.organizationID).path)) {
                    Form.csrf(context.csrfToken)
                    Form.field("Name", name: "name", state: model.state, autocomplete: "off")
                    Form.textArea("Description", name: "description", state: model.state)
                    Form.submit("Create course")
                }
            }
        }
    }
}
