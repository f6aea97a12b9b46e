import Domain
import Fluent
import Routes
import Vapor
import Views

/// Calibration: before reviewing peers, a learner assesses one of the trainer's graded examples
/// and passes when every criterion is within one level of the trainer's; they then see the
/// trainer's assessment. Authors and trainers write the examples in the assignment's editor.
enum PeerCalibration {
    /// The examples graded on the current rubric (one graded before the rubric changed is left out).
    static func examples(of activityID: UUID, rubric: Rubric, on db: any Database) async throws -> [PeerExampleRecord] {
        try await PeerExampleRecord.query(on: db).filter(\.$activityID == activityID).sort(\.$createdAt).all()
            .filter { $0.assessment.map { fits($0, rubric) } ?? false }
    }

    static func fits(_ assessment: RubricAssessment, _ rubric: Rubric) -> Bool {
        assessment.levels.count == rubric.criteria.count
            && zip(assessment.levels, rubric.criteria).allSatisfy { $1.levels.indices.contains($0) }
    }

    static func attempts(of personID: UUID, in place: PeerReviewStore.Place, on db: any Database) async throws -> [PeerCalibrationRecord] {
        try await PeerCalibrationRecord.query(on: db).filter(\.$cohortID == place.cohortID).filter(\.$activityID == place.activityID)
            .filter(\.$personID == personID).sort(\.$createdAt).all()
    }

    /// Whether the learner must still calibrate before reviewing (never when no example exists).
    static func isRequired(of personID: UUID, in place: PeerReviewStore.Place, on db: any Database) async throws -> Bool {
        guard place.settings.requiresCalibration,
              !(try await examples(of: place.activityID, rubric: place.settings.rubric, on: db)).isEmpty else { return false }
        return !(try await attempts(of: personID, in: place, on: db)).contains { $0.passed }
    }

    /// Each reviewer's closeness to the trainer on their first attempt (later ones may have
    /// learned the answer), for their weight in grading.
    static func closeness(in place: PeerReviewStore.Place, on db: any Database) async throws -> [UUID: Double] {
        guard place.settings.requiresCalibration else { return [:] }
        let all = try await PeerCalibrationRecord.query(on: db).filter(\.$cohortID == place.cohortID)
            .filter(\.$activityID == place.activityID).sort(\.$createdAt).all()
        return all.reduce(into: [:]) { first, attempt in if first[attempt.personID] == nil { first[attempt.personID] = attempt.closeness } }
    }

    /// The example to assess next: one not tried yet, else the one tried longest ago.
    static func next(_ examples: [PeerExampleRecord], after attempts: [PeerCalibrationRecord]) -> PeerExampleRecord? {
        let tried = attempts.reduce(into: [UUID: Date]()) { $0[$1.exampleID] = $1.createdAt }
        return examples.first { tried[$0.id!] == nil } ?? examples.min { tried[$0.id!]! < tried[$1.id!]! }
    }

    // MARK: Learners

    @Sendable static func page(req: Request) async throws -> Response {
        let at = try await learner(req)
        let examples = try await examples(of: at.place.activityID, rubric: at.place.settings.rubric, on: req.db)
        let attempts = try await attempts(of: at.access.personID, in: at.place, on: req.db)
        if let shown = req.query[String.self, at: "result"].flatMap(UUID.init(uuidString:)),
           let attempt = attempts.first(where: { $0.id == shown }), let example = examples.first(where: { $0.id == attempt.exampleID }) {
            return render(req, at, example: example, attempt: attempt, passedBefore: attempts.contains { $0.passed && $0.id != shown })
        }
        guard let example = next(examples, after: attempts) else { throw AppError.notFound() }
        return render(req, at, example: example, attempt: nil, passedBefore: attempts.contains { $0.passed })
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let at = try await learner(req)
        let fields = PeerReviewController.fields(req)
        let rubric = at.place.settings.rubric
        let examples = try await examples(of: at.place.activityID, rubric: rubric, on: req.db)
        guard let id = fields["example_id"].flatMap(UUID.init(uuidString:)), let example = examples.first(where: { $0.id == id }),
              let trainer = example.assessment else { throw AppError.notFound() }
        let assessment = PeerAssignmentInput.assessment(fields, rubric: rubric)
        // Only the levels count here: no comment is asked of an example.
        if let missing = assessment.levels.indices.first(where: { !rubric.criteria[$0].levels.indices.contains(assessment.levels[$0]) }) {
            return render(req, at, example: example, attempt: nil, passedBefore: false, values: fields,
                          problem: PeerReviewText.message(.criterionUnanswered(missing)), status: .unprocessableEntity)
        }
        let attempt = PeerCalibrationRecord(cohortID: at.place.cohortID, activityID: at.place.activityID, personID: at.access.personID,
                                            exampleID: id, levels: assessment.levels,
                                            passed: Calibration.passes(assessment.levels, against: trainer.levels),
                                            closeness: Calibration.closeness(assessment.levels, against: trainer.levels, rubric: rubric),
                                            at: Date())
        try await attempt.create(on: req.db)
        let path = SiteRoute.peerCalibration(at.access.context.organization.id, .init(at.access.cohortID), at.located.activity.id).path
        return req.redirect(to: path + "?result=\(attempt.id!.lowercasedText)")
    }

    private static func learner(_ req: Request) async throws -> PeerReviewController.Located {
        let at = try await PeerReviewController.learner(req)
        guard at.place.settings.requiresCalibration else { throw AppError.notFound() }
        return at
    }

    private static func render(_ req: Request, _ at: PeerReviewController.Located, example: PeerExampleRecord,
                               attempt: PeerCalibrationRecord?, passedBefore: Bool, values: [String: String] = [:],
                               problem: String? = nil, status: HTTPResponseStatus = .ok) -> Response {
        let model = PeerCalibrationModel(
            organizationID: at.access.context.organization.id, cohortID: .init(at.access.cohortID), activityID: at.located.activity.id,
            activityTitle: at.located.activity.title, exampleID: example.id!.lowercasedText, text: example.text,
            rubric: at.place.settings.rubric, values: values, problem: problem,
            result: attempt.map { attempt in
                // The trainer's levels only once passed: shown after a miss, they would be copied.
                let trainer = example.assessment!
                return .init(levels: attempt.levels, passed: attempt.passed,
                             within: zip(attempt.levels, trainer.levels).map { abs($0 - $1) <= 1 },
                             trainer: attempt.passed || passedBefore ? trainer : nil)
            }, passedBefore: passedBefore)
        return .page(PeerCalibrationPage.render(model, req.layout(at.access.context, section: .home)), status: status, request: req)
    }
}
