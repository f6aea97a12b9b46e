import Domain
import Fluent
import Foundation

/// Copies a course — details, modules, activities and their content — as a new draft, in one
/// transaction. Cohorts and progress stay with the original.
enum CourseDuplication {
    static func duplicate(_ course: CourseRecord, on db: any Database) async throws -> CourseRecord {
        try await db.transaction { db in
            let name = String("Copy of \(course.name)".prefix(CourseInput.maximumNameLength))
            let copy = CourseRecord(organizationID: course.$organization.id, name: name, description: course.description)
            try await copy.save(on: db)
            let modules = try await ModuleRecord.query(on: db).filter(\.$course.$id == course.id!).all()
            var moduleIDs: [UUID: UUID] = [:]
            for module in modules {
                let new = ModuleRecord(id: UUID(), organizationID: module.organizationID, courseID: copy.id!,
                                       input: ModuleInput(title: module.title, unlock: module.domain().unlock), position: module.position)
                moduleIDs[module.id!] = new.id!
                try await new.create(on: db)
            }
            let activities = try await ActivityRecord.query(on: db).filter(\.$courseID == course.id!).all()
            var activityIDs: [UUID: UUID] = [:]
            for activity in activities {
                guard let moduleID = moduleIDs[activity.$module.id] else { continue }
                let frame = activity.domain()
                let new = ActivityRecord(id: UUID(), organizationID: activity.organizationID, courseID: copy.id!, moduleID: moduleID,
                                         kind: activity.kind,
                                         input: ActivityInput(title: frame.title, estimatedMinutes: frame.estimatedMinutes,
                                                              required: frame.required, due: frame.due),
                                         position: activity.position)
                activityIDs[activity.id!] = new.id!
                try await new.create(on: db)
            }
            let lessons = try await LessonRecord.query(on: db).filter(\.$activity.$id ~~ Array(activityIDs.keys)).all()
            for lesson in lessons {
                guard let activityID = activityIDs[lesson.$activity.id] else { continue }
                let new = LessonRecord(activityID: activityID, markdown: lesson.markdown, html: lesson.html)
                new.video = lesson.video
                try await new.create(on: db)
            }
            return copy
        }
    }
}
