import Domain
import Fluent
import Foundation
import Vapor

/// Reads and writes a course's question bank.
enum QuestionBankStore {
    typealias Entry = (id: UUID, question: Question)

    /// The bank's questions in order.
    static func entries(of courseID: UUID, on db: any Database) async throws -> [Entry] {
        try await QuestionRecord.query(on: db).filter(\.$courseID == courseID).sort(\.$position).all()
            .map { ($0.id!, try $0.question()) }
    }

    /// The question with that id in that course, or 404.
    static func record(_ text: String?, of courseID: UUID, on db: any Database) async throws -> QuestionRecord {
        guard let text, let id = UUID(uuidString: text),
              let record = try await QuestionRecord.query(on: db).filter(\.$id == id).filter(\.$courseID == courseID).first()
        else { throw AppError.notFound() }
        return record
    }

    /// Adds the questions after the bank's last one, all or none, if the bank has room
    /// (`QuestionBank.Problem` otherwise).
    static func append(_ questions: [Question], to course: CourseRecord, on db: any Database) async throws {
        try await db.writeTransaction { db in
            let existing = try await QuestionRecord.query(on: db).filter(\.$courseID == course.id!).count()
            try QuestionBank.checkImport(questions, existing: existing)
            let last = try await QuestionRecord.query(on: db).filter(\.$courseID == course.id!).max(\.$position) ?? -1
            let records = try questions.enumerated().map { offset, question in
                try QuestionRecord(organizationID: course.$organization.id, courseID: course.id!, position: last + 1 + offset,
                                   question: question)
            }
            if !records.isEmpty { try await records.create(on: db) }
        }
    }

    /// Which lessons teach each topic.
    static func topicLessons(of courseID: UUID, on db: any Database) async throws -> [String: Set<Activity.ID>] {
        try await TopicLessonRecord.query(on: db).filter(\.$courseID == courseID).all()
            .reduce(into: [:]) { $0[$1.topic, default: []].insert(.init($1.activityID)) }
    }

    /// Makes `lessons` the ones teaching `topic`; each must be a lesson of the course.
    static func setLessons(_ lessons: Set<UUID>, teaching topic: String, in courseID: UUID, on db: any Database) async throws {
        try await db.writeTransaction { db in
            try await TopicLessonRecord.query(on: db).filter(\.$courseID == courseID).filter(\.$topic == topic).delete()
            let links = lessons.map { TopicLessonRecord(courseID: courseID, topic: topic, activityID: $0) }
            if !links.isEmpty { try await links.create(on: db) }
        }
    }

    /// The course's lessons, in course order, with their module's title.
    static func lessons(of courseID: UUID, on db: any Database) async throws -> [(activity: Activity, module: String)] {
        try await CourseQueries.outline(of: courseID, on: db).flatMap { entry in
            entry.activities.filter { $0.kind == .lesson }.map { ($0, entry.module.title) }
        }
    }

    /// Copies a bank and its topic links to a duplicated course.
    static func copy(from course: CourseRecord, to copy: CourseRecord, activityIDs: [UUID: UUID], on db: any Database) async throws {
        let questions = try await QuestionRecord.query(on: db).filter(\.$courseID == course.id!).all()
        let copies = try questions.map {
            try QuestionRecord(organizationID: copy.$organization.id, courseID: copy.id!, position: $0.position, question: try $0.question())
        }
        if !copies.isEmpty { try await copies.create(on: db) }
        let links = try await TopicLessonRecord.query(on: db).filter(\.$courseID == course.id!).all().compactMap { link in
            activityIDs[link.activityID].map { TopicLessonRecord(courseID: copy.id!, topic: link.topic, activityID: $0) }
        }
        if !links.isEmpty { try await links.create(on: db) }
    }
}
