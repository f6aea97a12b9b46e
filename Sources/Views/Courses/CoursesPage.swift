import Domain
import Routes

public struct CoursesPageModel: Sendable {
    public struct Row: Sendable {
        public let name: String
        public let description: String
        public let cohorts: Int
        public init(name: String, description: String, cohorts: Int) { self.name = name; self.description = description; self.cohorts = cohorts }
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
                            h2(.class("card-title")) { course.name }
                            if !course.description.isEmpty { p { course.description } }
                            p(.class("meta")) { course.cohorts == 1 ? "1 cohort" : "\(course.cohorts) cohorts" }
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
