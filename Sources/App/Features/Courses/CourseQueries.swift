import Domain
import Fluent
import Vapor

/// Loads a course's outline — modules in order, each with its activities in order — in two queries.
enum CourseQueries {
    typealias Outline = [(module: CourseModule, activities: [Activity])]

    /// The course with that id in that organization, or 404.
    static func find(_ text: String?, in organizationID: UUID, on db: any Database) async throws -> CourseRecord {
        guard let text, let id = UUID(uuidString: text),
              let course = try await CourseRecord.query(on: db).filter(\.$id == id)
                .filter(\.$organization.$id == organizationID).first() else { throw AppError.notFound() }
        return course
    }

    /// What a lesson page shows of a lesson, as values for the cache.
    struct LessonContent: Sendable {
        let html: String
        let video: VideoSource?
        /// Its uploaded video and attachments.
        var media: LessonMedia = .none
    }

    static func cachedOutline(of courseID: UUID, caches: ReadCaches, on db: any Database) async throws -> Outline {
        try await caches.courseOutlines.value(for: courseID.uuidString) { try await outline(of: courseID, on: db) }
    }

    static func cachedLesson(of activityID: UUID, caches: ReadCaches, on db: any Database) async throws -> LessonContent {
        try await caches.lessons.value(for: activityID.uuidString) {
            let lesson = try await LessonRecord.query(on: db).filter(\.$activity.$id == activityID).first()
            return LessonContent(html: lesson?.html ?? "", video: lesson?.video, media: try await UploadQueries.media(of: lesson, on: db))
        }
    }

    static func outline(of courseID: UUID, on db: any Database) async throws -> Outline {
        async let modules = ModuleRecord.query(on: db).filter(\.$course.$id == courseID).sort(\.$position).all()
        async let activities = ActivityRecord.query(on: db).filter(\.$courseID == courseID).sort(\.$position).all()
        let grouped = Dictionary(grouping: try await activities.map { $0.domain() }, by: \.moduleID)
        return try await modules.map { record in
            let module = record.domain()
            return (module, grouped[module.id] ?? [])
        }
    }

    /// A module of that course, or 404.
    static func module(_ text: String?, of course: CourseRecord, on db: any Database) async throws -> ModuleRecord {
        guard let text, let id = UUID(uuidString: text),
              let module = try await ModuleRecord.query(on: db).filter(\.$id == id)
                .filter(\.$course.$id == course.id!).first() else { throw AppError.notFound() }
        return module
    }

    /// An activity of that course, or 404.
    static func activity(_ text: String?, of course: CourseRecord, on db: any Database) async throws -> ActivityRecord {
        guard let text, let id = UUID(uuidString: text),
              let activity = try await ActivityRecord.query(on: db).filter(\.$id == id)
                .filter(\.$courseID == course.id!).first() else { throw AppError.notFound() }
        return activity
    }
}
