@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// A classroom of four learners (Lea and three more) and a trainer, with a peer assignment in
/// its first module.
struct PeerClass {
    let c: LearningTests.Class
    let activity: ActivityRecord
    let learners: [PersonRecord]
    let trainer: PersonRecord
    var page: String { c.base + "/activities/\(activity.id!.lowercased)" }

    static let rubric = Rubric(criteria: [
        .init(title: "Clarity", levels: [.init(points: 0, description: "Unclear"), .init(points: 1, description: "Mostly clear"),
                                         .init(points: 2, description: "Clear")]),
        .init(title: "Evidence", levels: [.init(points: 0, description: "None"), .init(points: 2, description: "Some"),
                                          .init(points: 4, description: "Strong")]),
    ], overallCommentMinimum: 10)

    static func make(_ app: Application, k: Int = 2, due: ScheduleOffset? = nil, anonymous: Bool = true, acceptsLate: Bool = true,
                     selfAssessment: Bool = false, kind: PeerAssignmentSettings.SubmissionKind = .text) async throws -> PeerClass {
        let c = try await LearningTests.classroom(app)
        let fx = Fixtures(app: app)
        var learners = [c.learner]
        for name in ["Bo Brown", "Cy Clark", "Di Dunn"] {
            let person = try await fx.person("\(name.prefix(2).lowercased())@acme.test", name: name, in: c.org)
            try await fx.enroll(person, in: c.cohort)
            learners.append(person)
        }
        let trainer = try await fx.person("tina@acme.test", name: "Tina Trainer", in: c.org, roles: [.trainer])
        try await fx.enroll(trainer, in: c.cohort, as: .trainer)
        let module = try #require(try await ModuleRecord.find(c.lessons[0].$module.id, on: app.db))
        let activity = try await PeerAssignmentAuthoring.add(ActivityInput(title: "Your case", estimatedMinutes: 30, required: true, due: due),
                                                             to: module, on: app.db)
        let record = try await PeerAssignmentAuthoring.record(of: activity.id!, on: app.db)
        try record.apply(PeerAssignmentSettings(instructions: "Write **your** case.", submissionKind: kind, rubric: rubric, reviewsRequired: k,
                                                acceptsLate: acceptsLate, anonymous: anonymous, asksSelfAssessment: selfAssessment))
        try await record.save(on: app.db)
        return PeerClass(c: c, activity: activity, learners: learners, trainer: trainer)
    }

    func submit(_ browser: inout Browser, _ text: String) async throws -> TestingHTTPResponse {
        try await browser.post(page + "/submission", ["text": text])
    }

    /// Adds a file to the learner's work.
    func addFile(_ browser: inout Browser, _ bytes: [UInt8], named name: String) async throws -> TestingHTTPResponse {
        try await browser.uploadFile(page + "/submission/files", bytes: bytes, filename: name)
    }

    func files(on db: any Database) async throws -> [PeerSubmissionFileRecord] {
        try await PeerSubmissionFileRecord.query(on: db).filter(\.$activityID == activity.id!).sort(\.$addedAt).all()
    }

    /// Asks for a review; the review's path.
    func pull(_ browser: inout Browser) async throws -> String? {
        let response = try await browser.post(page + "/reviews", [:])
        guard response.status == .seeOther, let location = response.location, location.contains("/reviews/") else { return nil }
        return location
    }

    static let goodReview = ["c0": "2", "c1": "1", "c0_comment": "Well put.", "overall": "Clear case, a little more evidence please."]

    /// The author of the work a review page is about.
    static func author(of reviewPath: String, on db: any Database) async throws -> PersonRecord {
        let id = try #require(UUID(uuidString: String(reviewPath.split(separator: "/").last!)))
        let review = try #require(try await PeerReviewRecord.find(id, on: db))
        let submission = try #require(try await PeerSubmissionRecord.find(review.submissionID, on: db))
        return try #require(try await PersonRecord.find(submission.personID, on: db))
    }

    /// Whether `name` appears as a word (so "Lea" is not found in "Learner").
    static func mentions(_ text: String, _ name: String) -> Bool {
        text.range(of: "\\b\(NSRegularExpression.escapedPattern(for: name))\\b", options: .regularExpression) != nil
    }

    func reviews(on db: any Database) async throws -> [PeerReviewRecord] {
        try await PeerReviewRecord.query(on: db).filter(\.$activityID == activity.id!).all()
    }
}
