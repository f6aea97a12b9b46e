import Domain
import Fluent
import Foundation

final class CohortRecord: Model, @unchecked Sendable {
    static let schema = "cohorts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organization_id") var organization: OrganizationRecord
    @Parent(key: "course_id") var course: CourseRecord
    @Field(key: "name") var name: String
    /// Days as `YYYY-MM-DD`: they sort as text and mean the same in every time zone.
    @Field(key: "start_date") var startDate: String
    @Field(key: "end_date") var endDate: String
    @Field(key: "capacity") var capacity: Int
    /// Days by which a trainer moved this cohort's whole schedule (unlock and due dates).
    @Field(key: "schedule_shift_days") var scheduleShiftDays: Int
    /// Whether learners may write privately to each other; they can always write to staff.
    @Field(key: "learners_may_message") var learnersMayMessage: Bool
    /// The IANA zone the group lives in; live classes are scheduled in its clocks.
    @Field(key: "time_zone") var timeZone: String
    /// `RiskThresholds` as JSON, set by the cohort's trainers; nil: the standard ones.
    @OptionalField(key: "risk_thresholds") var riskThresholdsJSON: String?
    /// `NudgeSettings` as JSON; nil: automatic nudges off.
    @OptionalField(key: "nudge_settings") var nudgeSettingsJSON: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, organizationID: UUID, input: CohortInput) {
        self.id = id
        self.$organization.id = organizationID
        self.$course.id = input.courseID.uuid
        self.name = input.name
        self.startDate = input.startDate.description
        self.endDate = input.endDate.description
        self.capacity = input.capacity
        self.scheduleShiftDays = 0
        self.learnersMayMessage = false
        self.timeZone = input.timeZone
    }

    func domain() -> Cohort {
        Cohort(id: .init(id!), organizationID: .init($organization.id), courseID: .init($course.id), name: name,
               startDate: Day(startDate) ?? Day(year: 2000, month: 1, day: 1)!,
               endDate: Day(endDate) ?? Day(year: 2000, month: 1, day: 1)!, capacity: capacity)
    }
}

extension CohortRecord {
    var riskThresholds: RiskThresholds {
        riskThresholdsJSON.flatMap { try? JSONDecoder().decode(RiskThresholds.self, from: Data($0.utf8)) } ?? .standard
    }

    var nudgeSettings: NudgeSettings {
        nudgeSettingsJSON.flatMap { try? JSONDecoder().decode(NudgeSettings.self, from: Data($0.utf8)) } ?? .off
    }
}
