/// A new or edited module's details, checked.
public struct ModuleInput: Sendable, Equatable {
    public let title: String
    public let unlock: ScheduleOffset?

    public static let maximumTitleLength = 160

    public init(title: String, unlock: ScheduleOffset?) {
        self.title = title
        self.unlock = unlock
    }

    public static func check(title: String?, unlockWeek: String?, unlockWeekday: String?) throws -> ModuleInput {
        var v = Validator()
        let title = v.text(title, field: "title", max: maximumTitleLength)
        let unlock = ScheduleOffset.check(week: unlockWeek, weekday: unlockWeekday, field: "unlock_week", into: &v)
        try v.check()
        return ModuleInput(title: title, unlock: unlock)
    }
}

/// The frame every activity kind shares, checked: title, duration, required, due date.
public struct ActivityInput: Sendable, Equatable {
    public let title: String
    public let estimatedMinutes: Int
    public let required: Bool
    public let due: ScheduleOffset?

    public static let maximumTitleLength = 160
    public static let minutes = 1...600

    public init(title: String, estimatedMinutes: Int, required: Bool, due: ScheduleOffset?) {
        self.title = title
        self.estimatedMinutes = estimatedMinutes
        self.required = required
        self.due = due
    }

    public static func check(title: String?, estimatedMinutes: String?, required: Bool,
                             dueWeek: String?, dueWeekday: String?, into v: inout Validator) -> ActivityInput {
        let title = v.text(title, field: "title", max: maximumTitleLength)
        var minutes = 10
        let minutesText = (estimatedMinutes ?? "").trimmingCharacters(in: .whitespaces)
        if !minutesText.isEmpty {
            if let value = Int(minutesText), Self.minutes.contains(value) { minutes = value }
            else { v.add("estimated_minutes", .outOfRange) }
        }
        let due = ScheduleOffset.check(week: dueWeek, weekday: dueWeekday, field: "due_week", into: &v)
        return ActivityInput(title: title, estimatedMinutes: minutes, required: required, due: due)
    }
}

/// A lesson's own content: Markdown (rendered and sanitized when saved) and an optional video.
public struct LessonInput: Sendable, Equatable {
    public let markdown: String
    /// A link replaces an uploaded video file; no link keeps the file (a lesson has one or the other).
    public let video: VideoSource?
    /// Whether watching an uploaded video to 90 % marks the lesson done; nil keeps the saved choice.
    public var videoAutoDone: Bool?

    public static let maximumMarkdownBytes = 200_000

    public init(markdown: String, video: VideoSource?, videoAutoDone: Bool? = nil) {
        self.markdown = markdown
        self.video = video
        self.videoAutoDone = videoAutoDone
    }

    public static func check(markdown: String?, videoURL: String?, into v: inout Validator) -> LessonInput {
        let text = (markdown ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        if text.utf8.count > maximumMarkdownBytes { v.add("markdown", .tooLong) }
        else if text.unicodeScalars.contains(where: { Validator.isControl($0, multiline: true) }) {
            v.add("markdown", .controlCharacters)
        }
        var video: VideoSource?
        let url = (videoURL ?? "").trimmingCharacters(in: .whitespaces)
        if !url.isEmpty {
            video = VideoSource(link: url)
            if video == nil { v.add("video_url", .invalidVideoLink) }
        }
        return LessonInput(markdown: text, video: video)
    }
}
