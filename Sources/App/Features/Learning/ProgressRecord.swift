import Domain
import Fluent
import Foundation

/// One learner's state in one activity of one cohort, and the time spent on it.
final class ProgressRecord: Model, @unchecked Sendable {
    static let schema = "activity_progress"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "activity_id") var activityID: UUID
    @Field(key: "state") var state: ActivityState
    @Field(key: "seconds_spent") var secondsSpent: Int
    @Field(key: "last_visited_at") var lastVisitedAt: Date
    @OptionalField(key: "completed_at") var completedAt: Date?

    init() {}

    init(organizationID: UUID, cohortID: UUID, personID: UUID, activityID: UUID, now: Date) {
        self.organizationID = organizationID
        self.cohortID = cohortID
        self.personID = personID
        self.activityID = activityID
        self.state = .started
        self.secondsSpent = 0
        self.lastVisitedAt = now
    }
}
