import Domain
import Routes

/// The top of an activity's pages: where it sits, its title, and one line under it.
enum ActivityHeader {
    /// In its editor: Courses › the course (at the module), the title, "Quiz in “Module”".
    static func editor(organizationID org: Organization.ID, courseID: Course.ID, courseName: String, activity: Activity,
                       moduleTitle: String) -> HTML {
        HTML {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.courses(org).path)) { "Courses" }
                " › "
                a(.href(SiteRoute.course(org, courseID).path + "#module-\(activity.moduleID)")) { courseName }
            }
            h1 { activity.title }
            p(.class("lead")) { "\(activity.kind.label) in “\(moduleTitle)”" }
        }
    }

    /// In the cohort's course: the course › the module, the title, its facts, and a refusal to explain.
    static func learning(_ frame: LessonPageModel, facts: String, problem: String?) -> HTML {
        HTML {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.cohortCourse(frame.organizationID, frame.cohortID).path)) { frame.courseName }
                " › \(frame.moduleTitle)"
            }
            h1 { frame.activity.title }
            p(.class("meta")) { facts }
            if let problem { div(.class("flash flash-error"), .role("alert")) { p { problem } } }
        }
    }
}
