import Fluent
import SQLKit

/// Uploaded files of a course (their bytes live in the blob store), the attachments of a lesson in
/// order, and a lesson's uploaded video with its "done when watched" option.
struct CreateUploads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("uploads")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("course_id", .uuid, .required, .references("courses", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .setNull))
            .field("blob", .string, .required)
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_count", .int64, .required)
            .field("kind", .string, .required)
            .field("description", .string)
            .field("uploaded_by", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .create()
        try await database.schema("lesson_attachments")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("upload_id", .uuid, .required, .references("uploads", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .unique(on: "activity_id", "upload_id")
            .create()
        // No foreign key: SQLite cannot add one to an existing table. Uploads are only deleted
        // with their course, which takes its lessons along.
        // One column per statement: SQLite adds them one at a time.
        try await database.schema("lessons").field("video_upload_id", .uuid).update()
        try await database.schema("lessons").field("video_auto_done", .bool, .required, .sql(.default(true))).update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "uploads_course_idx").on("uploads").column("course_id").run()
        try await sql.create(index: "uploads_activity_idx").on("uploads").column("activity_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("lessons").deleteField("video_upload_id").update()
        try await database.schema("lessons").deleteField("video_auto_done").update()
        try await database.schema("lesson_attachments").delete()
        try await database.schema("uploads").delete()
    }
}
