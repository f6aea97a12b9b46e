import Foundation
import Domain
import Routes

public struct CohortsPageModel: Sendable {
    public var organizationID: Organization.ID
    public var cohorts: [HomePageModel.CohortCard]
    public var courses: [(id: Course.ID, name: String)]
    public var state: Form.State
    public init(organizationID: Organization.ID, cohorts: [HomePageModel.CohortCard], courses: [(id: Course.ID, name: String)],
                state: Form.State = .empty) {
        self.organizationID = organizationID; self.cohorts = cohorts; self.courses = courses; self.state = state
    }
}

public enum CohortsPage {
    public static func render(_ model: CohortsPageModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        return Layout.page(title: "Cohorts", context) {
            h1 { "Cohorts" }
            if model.cohorts.isEmpty {
                p(.class("empty")) { "No cohorts yet. A cohort is a private run of a course for a small group, with its own dates." }
            } else {
                HomePage.cards(model.cohorts, org: org, linkCohorts: true)
            }
            section(.class("card"), .aria("labelledby", "new-cohort")) {
                h2(.id("new-cohort")) { "New cohort" }
                if model.courses.isEmpty {
                    p { "Create a course first: "; a(.href(SiteRoute.courses(org).path)) { "Courses" } }
                } else {
                    Form.errorSummary(model.state)
                    form(.method("post"), .action(SiteRoute.cohorts(org).path)) {
                        Form.csrf(context.csrfToken)
                        Form.field("Name", name: "name", state: model.state, autocomplete: "off")
                        Form.select("Course", name: "course_id", options: model.courses.map { ($0.id.description, $0.name) },
                                    selected: nil, state: model.state)
                        div(.class("field-row")) {
                            Form.field("Start date", name: "start_date", type: "date", state: model.state)
                            Form.field("End date", name: "end_date", type: "date", state: model.state)
                        }
                        Form.field("Capacity", name: "capacity", type: "number", state: model.state,
                                   value: model.state.values["capacity"] ?? String(Cohort.defaultCapacity),
                                   hint: "Seats for learners; small groups work best.",
                                   extra: [.min("\(Cohort.capacityRange.lowerBound)"), .max("\(Cohort.capacityRange.upperBound)")])
                        Form.select("Time zone", name: "time_zone", options: TimeZone.ianaChoices.map { ($0, $0) },
                                    selected: model.state.values["time_zone"] ?? Cohort.defaultTimeZone, state: model.state,
                                    hint: "Where the group lives: live classes are scheduled in its clocks.")
                        Form.submit("Create cohort")
                    }
                }
            }
        }
    }
}
