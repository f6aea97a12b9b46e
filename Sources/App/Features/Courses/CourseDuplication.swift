import Domain
import Fluent
import Foundation
import Views

/// Copies a course — details, modules, activities and their content, the question bank, peer assignments' rubrics and graded examples — as a new draft, in one
/// transaction. Cohorts and progress stay with the original.
enum CourseDuplication {
    static func duplicate(_ course: CourseRecord, on db: any Database) async throws -> CourseRecord {
        try await db.writeTransaction { db in
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
            let uploadIDs = try await copyUploads(of: course, to: copy, activityIDs: activityIDs, on: db)
            let lessons = try await LessonRecord.query(on: db).filter(\.$activity.$id ~~ Array(activityIDs.keys)).all()
            for lesson in lessons {
                guard let activityID = activityIDs[lesson.$activity.id] else { continue }
                let markdown = relink(lesson.markdown, uploadIDs)
                let new = LessonRecord(activityID: activityID, markdown: markdown,
                                       html: markdown == lesson.markdown ? lesson.html : Markdown.render(markdown).rawValue)
                new.video = lesson.video
                new.videoUploadID = lesson.videoUploadID.flatMap { uploadIDs[$0] }
                new.videoAutoDone = lesson.videoAutoDone
                try await new.create(on: db)
            }
            let attachments = try await LessonAttachmentRecord.query(on: db).filter(\.$activityID ~~ Array(activityIDs.keys)).all()
                .compactMap { link -> LessonAttachmentRecord? in
                    guard let activityID = activityIDs[link.activityID], let uploadID = uploadIDs[link.uploadID] else { return nil }
                    return LessonAttachmentRecord(activityID: activityID, uploadID: uploadID, position: link.position)
                }
            if !attachments.isEmpty { try await attachments.create(on: db) }
            try await QuestionBankStore.copy(from: course, to: copy, activityIDs: activityIDs, on: db)
            let assignments = try await PeerAssignmentRecord.query(on: db).filter(\.$activityID ~~ Array(activityIDs.keys)).all()
            for assignment in assignments {
                guard let activityID = activityIDs[assignment.activityID] else { continue }
                try await PeerAssignmentRecord(activityID: activityID, settings: assignment.settings).create(on: db)
            }
            for example in try await PeerExampleRecord.query(on: db).filter(\.$activityID ~~ Array(activityIDs.keys)).all() {
                guard let activityID = activityIDs[example.activityID], let assessment = example.assessment else { continue }
                try await PeerExampleRecord(activityID: activityID, text: example.text, assessment: assessment, at: example.createdAt).create(on: db)
            }
            return copy
        }
    }

    /// The copy's files are rows of its own naming the same blobs (nothing is stored twice), so
    /// the copy's learners can read them without any right to the original.
    private static func copyUploads(of course: CourseRecord, to copy: CourseRecord, activityIDs: [UUID: UUID],
                                    on db: any Database) async throws -> [UUID: UUID] {
        let uploads = try await UploadRecord.query(on: db).filter(\.$courseID == course.id!).all()
        let copies = uploads.map { $0.copy(to: copy.id!, activityID: $0.activityID.flatMap { activityIDs[$0] }) }
        if !copies.isEmpty { try await copies.create(on: db) }
        return Dictionary(uniqueKeysWithValues: zip(uploads.map { $0.id! }, copies.map { $0.id! }))
    }

    /// Points the lesson's images at the copy's files. Ids are UUIDs: one can only match itself.
    static func relink(_ markdown: String, _ uploadIDs: [UUID: UUID]) -> String {
        uploadIDs.reduce(markdown) { text, pair in
            let (old, new) = (pair.key.uuidString, pair.value.lowercasedText)
            return text.replacingOccurrences(of: "/files/\(old.lowercased())/", with: "/files/\(new)/")
                .replacingOccurrences(of: "/files/\(old)/", with: "/files/\(new)/")
        }
    }
}
