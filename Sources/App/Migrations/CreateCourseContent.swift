import Fluent
import SQLKit

/// Modules, activities and lessons, and a course's draft/published status. Each activity kind keeps
/// its content in a table of its own (`lessons` here), keyed by the activity.
struct CreateCourseContent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("courses")
            .field("status", .string, .required, .sql(.default("draft")))
            .update()
        try await database.schema("course_modules")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("course_id", .uuid, .required, .references("courses", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("position", .int, .required)
            .field("unlock_week", .int)
            .field("unlock_weekday", .int)
            .create()
        try await database.schema("activities")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("course_id", .uuid, .required, .references("courses", "id", onDelete: .cascade))
            .field("module_id", .uuid, .required, .references("course_modules", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("estimated_minutes", .int, .required)
            .field("required", .bool, .required)
            .field("position", .int, .required)
            .field("due_week", .int)
            .field("due_weekday", .int)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("lessons")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("markdown", .string, .required)
            .field("html", .string, .required)
            .field("video_provider", .string)
            .field("video_id", .string)
            .unique(on: "activity_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "course_modules_course_idx").on("course_modules").column("course_id").run()
        try await sql.create(index: "activities_course_idx").on("activities").column("course_id").run()
        try await sql.create(index: "activities_module_idx").on("activities").column("module_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("lessons").delete()
        try await database.schema("activities").delete()
        try await database.schema("course_modules").delete()
        try await database.schema("courses").deleteField("status").update()
    }
}

/// Each learner's state in each activity of a cohort's course, and the time they spent on it.
struct CreateActivityProgress: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("activity_progress")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("state", .string, .required)
            .field("seconds_spent", .int, .required)
            .field("last_visited_at", .datetime, .required)
            .field("completed_at", .datetime)
            .unique(on: "cohort_id", "person_id", "activity_id")
            .create()
        try await database.schema("cohorts")
            .field("schedule_shift_days", .int, .required, .sql(.default(0)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("activity_progress").delete()
        try await database.schema("cohorts").deleteField("schedule_shift_days").update()
    }
}
