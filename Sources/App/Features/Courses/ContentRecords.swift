import Domain
import Fluent
import Foundation

final class ModuleRecord: Model, @unchecked Sendable {
    static let schema = "course_modules"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Parent(key: "course_id") var course: CourseRecord
    @Field(key: "title") var title: String
    @Field(key: "position") var position: Int
    @OptionalField(key: "unlock_week") var unlockWeek: Int?
    @OptionalField(key: "unlock_weekday") var unlockWeekday: Int?

    init() {}

    init(id: UUID? = nil, organizationID: UUID, courseID: UUID, input: ModuleInput, position: Int) {
        self.id = id
        self.organizationID = organizationID
        self.$course.id = courseID
        self.position = position
        apply(input)
    }

    func apply(_ input: ModuleInput) {
        title = input.title
        unlockWeek = input.unlock?.week
        unlockWeekday = input.unlock?.weekday
    }

    func domain() -> CourseModule {
        CourseModule(id: .init(id!), title: title, position: position,
                     unlock: unlockWeek.flatMap { ScheduleOffset(week: $0, weekday: unlockWeekday ?? 1) })
    }
}

final class ActivityRecord: Model, @unchecked Sendable {
    static let schema = "activities"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "course_id") var courseID: UUID
    @Parent(key: "module_id") var module: ModuleRecord
    @Field(key: "kind") var kind: ActivityKind
    @Field(key: "title") var title: String
    @Field(key: "estimated_minutes") var estimatedMinutes: Int
    @Field(key: "required") var required: Bool
    @Field(key: "position") var position: Int
    @OptionalField(key: "due_week") var dueWeek: Int?
    @OptionalField(key: "due_weekday") var dueWeekday: Int?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, organizationID: UUID, courseID: UUID, moduleID: UUID, kind: ActivityKind,
         input: ActivityInput, position: Int) {
        self.id = id
        self.organizationID = organizationID
        self.courseID = courseID
        self.$module.id = moduleID
        self.kind = kind
        self.position = position
        apply(input)
    }

    func apply(_ input: ActivityInput) {
        title = input.title
        estimatedMinutes = input.estimatedMinutes
        required = input.required
        dueWeek = input.due?.week
        dueWeekday = input.due?.weekday
    }

    func domain() -> Activity {
        Activity(id: .init(id!), moduleID: .init($module.id), kind: kind, title: title, estimatedMinutes: estimatedMinutes,
                 required: required, position: position,
                 due: dueWeek.flatMap { ScheduleOffset(week: $0, weekday: dueWeekday ?? 1) })
    }
}

final class LessonRecord: Model, @unchecked Sendable {
    static let schema = "lessons"

    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: ActivityRecord
    @Field(key: "markdown") var markdown: String
    /// Rendered and sanitized when saved; pages show it as it is.
    @Field(key: "html") var html: String
    @OptionalField(key: "video_provider") var videoProvider: String?
    @OptionalField(key: "video_id") var videoID: String?
    /// An uploaded video file, shown instead of a link: a lesson has one or the other.
    @OptionalField(key: "video_upload_id") var videoUploadID: UUID?
    /// Whether watching the uploaded video to 90 % marks the lesson done.
    @Field(key: "video_auto_done") var videoAutoDone: Bool

    init() {}

    init(activityID: UUID, markdown: String = "", html: String = "") {
        self.$activity.id = activityID
        self.markdown = markdown
        self.html = html
        self.videoAutoDone = true
    }

    var video: VideoSource? {
        get {
            guard let videoID else { return nil }
            switch videoProvider {
            case "youtube": return .youtube(id: videoID)
            case "vimeo": return .vimeo(id: videoID)
            default: return nil
            }
        }
        set {
            switch newValue {
            case .youtube(let id): videoProvider = "youtube"; videoID = id
            case .vimeo(let id): videoProvider = "vimeo"; videoID = id
            case nil: videoProvider = nil; videoID = nil
            }
        }
    }
}
