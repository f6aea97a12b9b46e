import Domain
import Fluent
import Foundation
import Views

/// The writes of course authoring, shared by the pages and the JSON API.
enum CourseAuthoring {
    static func addModule(_ input: ModuleInput, to course: CourseRecord, on db: any Database) async throws -> ModuleRecord {
        try await db.writeTransaction { db in
            let last = try await ModuleRecord.query(on: db).filter(\.$course.$id == course.id!).max(\.$position)
            let module = ModuleRecord(organizationID: course.$organization.id, courseID: course.id!, input: input, position: (last ?? -1) + 1)
            try await module.create(on: db)
            return module
        }
    }

    /// A lesson at the end of `module`, with its content rendered (and sanitized) now.
    static func addLesson(_ frame: ActivityInput, content: LessonInput, to module: ModuleRecord, kind: ActivityKind = .lesson,
                          on db: any Database) async throws -> (ActivityRecord, LessonRecord) {
        try await db.writeTransaction { db in
            let activity = try await appendActivity(kind, frame, to: module, on: db)
            let lesson = LessonRecord(activityID: activity.id!)
            apply(content, to: lesson)
            try await lesson.create(on: db)
            return (activity, lesson)
        }
    }

    /// A new activity of `kind` at the end of `module` (its content is the caller's, in the same transaction).
    static func appendActivity(_ kind: ActivityKind, _ frame: ActivityInput, to module: ModuleRecord,
                               on db: any Database) async throws -> ActivityRecord {
        let last = try await ActivityRecord.query(on: db).filter(\.$module.$id == module.id!).max(\.$position)
        let activity = ActivityRecord(id: UUID(), organizationID: module.organizationID, courseID: module.$course.id,
                                      moduleID: module.id!, kind: kind, input: frame, position: (last ?? -1) + 1)
        try await activity.create(on: db)
        return activity
    }

    static func lesson(of activity: ActivityRecord, on db: any Database) async throws -> LessonRecord {
        try await LessonRecord.query(on: db).filter(\.$activity.$id == activity.id!).first() ?? LessonRecord(activityID: activity.id!)
    }

    /// Saves a lesson's frame and content together; progress rows are keyed by the activity, so
    /// learners keep what they did.
    static func saveLesson(_ activity: ActivityRecord, frame: ActivityInput, content: LessonInput,
                           on db: any Database) async throws -> LessonRecord {
        let lesson = try await lesson(of: activity, on: db)
        let previousVideo = lesson.videoUploadID
        activity.apply(frame)
        apply(content, to: lesson)
        try await db.writeTransaction { db in
            try await activity.save(on: db)
            try await lesson.save(on: db)
            // A link replaced the uploaded video: nothing names that file any more.
            if let previousVideo, lesson.videoUploadID == nil {
                try await UploadRecord.query(on: db).filter(\.$id == previousVideo).delete()
            }
        }
        return lesson
    }

    private static func apply(_ content: LessonInput, to lesson: LessonRecord) {
        lesson.markdown = content.markdown
        lesson.html = Markdown.render(content.markdown).rawValue
        lesson.video = content.video
        if content.video != nil { lesson.videoUploadID = nil }
        if let auto = content.videoAutoDone { lesson.videoAutoDone = auto }
    }
}
