import Domain
import Vapor

// Course content and progress in the JSON API.

struct ScheduleDTO: Content {
    let week: Int
    let weekday: Int

    init(_ offset: ScheduleOffset) {
        week = offset.week
        weekday = offset.weekday
    }

    /// The offset, or a field error named `field`.
    func offset(field: String, into v: inout Domain.Validator) -> ScheduleOffset? {
        guard let offset = ScheduleOffset(week: week, weekday: weekday) else {
            v.add(field, .outOfRange)
            return nil
        }
        return offset
    }
}

struct ActivityDTO: Content {
    let id: UUID
    let module_id: UUID
    let kind: String
    let title: String
    let estimated_minutes: Int
    let required: Bool
    let position: Int
    let due: ScheduleDTO?

    init(_ activity: Activity) {
        id = activity.id.uuid
        module_id = activity.moduleID.uuid
        kind = activity.kind.rawValue
        title = activity.title
        estimated_minutes = activity.estimatedMinutes
        required = activity.required
        position = activity.position
        due = activity.due.map(ScheduleDTO.init)
    }
}

struct ModuleDTO: Content {
    let id: UUID
    let title: String
    let position: Int
    let unlock: ScheduleDTO?
    let activities: [ActivityDTO]
}

struct CourseOutlineDTO: Content {
    let id: UUID
    let name: String
    let description: String
    let status: String
    let modules: [ModuleDTO]
}

struct LessonDTO: Content {
    let activity: ActivityDTO
    let markdown: String
    /// As learners see it: rendered from `markdown` and sanitized when saved.
    let html: String
    let video_url: String?
}

struct CreateModuleRequest: Decodable {
    let title: String?
    let unlock: ScheduleDTO?
}

struct LessonRequest: Decodable {
    let title: String?
    let estimated_minutes: Int?
    let required: Bool?
    let due: ScheduleDTO?
    let markdown: String?
    let video_url: String?

    /// The checked frame and content, or every problem at once.
    func check() throws -> (ActivityInput, LessonInput) {
        var v = Domain.Validator()
        let frame = ActivityInput.check(title: title, estimatedMinutes: estimated_minutes.map(String.init), required: required ?? false,
                                        dueWeek: nil, dueWeekday: nil, into: &v)
        let due = self.due?.offset(field: "due", into: &v)
        let content = LessonInput.check(markdown: markdown, videoURL: video_url, into: &v)
        try v.check()
        return (ActivityInput(title: frame.title, estimatedMinutes: frame.estimatedMinutes, required: frame.required, due: due), content)
    }
}

struct CourseStatusRequest: Decodable {
    let status: String?
}

struct ActivityProgressDTO: Content {
    let id: UUID
    let title: String
    let state: String
    let required: Bool
    let due_on: String?
}

struct ModuleProgressDTO: Content {
    let id: UUID
    let title: String
    let open: Bool
    let opens_on: String?
    let done: Int
    let total: Int
    let activities: [ActivityProgressDTO]
}

struct ProgressDTO: Content {
    let cohort_id: UUID
    let course_id: UUID
    /// Of the activities that count: the required ones, or all when none is required.
    let percent: Int
    let done: Int
    let total: Int
    let complete: Bool
    let resume_activity_id: UUID?
    let modules: [ModuleProgressDTO]
}

struct ProgressUpdateRequest: Decodable {
    let done: Bool?
}
