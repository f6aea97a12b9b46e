import Domain
import Fluent
import Routes
import Vapor
import Views

/// Nudges: staff send a personal one from the dashboard; the cohort's trainers set the automatic
/// ones and read what was sent; a learner turns automatic ones off for themselves.
struct NudgesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cohort = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID", "nudges")
        cohort.get(use: page)
        cohort.post(use: saveSettings)
        cohort.post("send", use: send)
        cohort.post("mute", use: mute)
    }

    /// `batch`: the form's own id, so a second click on the same form sends nothing twice.
    struct SendForm: Content { var learners: [String]?; var template: String?; var message: String?; var to: String?; var batch: String? }
    struct MuteForm: Content { var muted: String? }

    /// How many nudges one send may carry: a cohort, not a mailing list.
    static let maximumRecipients = 200

    func page(req: Request) async throws -> Response {
        let access = try await FollowUpController.staff(req)
        let model = try await Self.model(req, access)
        return .page(NudgesPage.render(model, req.layout(access.context, section: .home)), request: req)
    }

    static func model(_ req: Request, _ access: LearningAccess) async throws -> NudgesModel {
        guard let cohort = try await CohortRecord.find(access.cohortID, on: req.db) else { throw AppError.notFound() }
        let sent = try await NudgeRecord.query(on: req.db).filter(\.$cohortID == access.cohortID).sort(\.$sentAt, .descending).limit(200).all()
        let names = try await PersonRecord.names(Set(sent.flatMap { [$0.learnerID, $0.senderID] }), on: req.db)
        let log = sent.map { NudgeLogItem(learnerName: names[$0.learnerID] ?? "A learner", senderName: names[$0.senderID] ?? "Someone",
                                          kind: $0.kind, body: $0.body, sentAt: $0.sentAt) }
        return NudgesModel(organizationID: access.context.organization.id, cohortID: .init(access.cohortID), cohortName: access.cohort.name,
                           settings: cohort.nudgeSettings, canAdjust: access.runsCohort, log: log)
    }

    func saveSettings(req: Request) async throws -> Response {
        let access = try await FollowUpController.staff(req)
        guard access.runsCohort else { throw AppError.notFound() }
        let form = try req.content.decode([String: String].self)
        let settings: NudgeSettings
        do { settings = try NudgeSettings.check(form) } catch {
            var model = try await Self.model(req, access)
            model.errors = error.errors
            model.submitted = form
            return .page(NudgesPage.render(model, req.layout(access.context, section: .home)), status: .badRequest, request: req)
        }
        guard let cohort = try await CohortRecord.find(access.cohortID, on: req.db) else { throw AppError.notFound() }
        cohort.nudgeSettingsJSON = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try await cohort.save(on: req.db)
        return req.redirect(to: SiteRoute.followUp(access.context.organization.id, .init(access.cohortID), .nudges).path,
                            flash: .nudgeSettingsSaved)
    }

    func send(req: Request) async throws -> Response {
        let access = try await FollowUpController.staff(req)
        // The message goes into the sender's private conversation with the learner: staff of the cohort.
        guard access.role != nil else { throw AppError.notFound() }
        let form = try req.content.decode(SendForm.self)
        let back = SiteRoute.followUp(access.context.organization.id, .init(access.cohortID), .dashboard).path
        let custom = form.message?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let text = custom.isEmpty ? NudgesPage.templates.first { $0.key == form.template }?.text : custom
        guard let text, let template = try? NudgeTemplate.check(text) else { return req.redirect(to: back, flash: .failure(.nudgeInvalid)) }
        let now = Date()
        let board = try await CohortDashboard.load(access, viewer: access.personID, now: now, caches: req.application.readCaches, on: req.db)
        let rows: [CohortDashboard.Row]
        if form.to == "at_risk" {
            rows = board.rows.filter { $0.risk.level == .atRisk }
        } else {
            let picked = Set((form.learners ?? []).compactMap(UUID.init(uuidString:)))
            // Someone not learning in this cohort: refuse the whole send, send nothing.
            guard picked.count == (form.learners ?? []).count, picked.isSubset(of: Set(board.rows.map(\.personID))) else {
                throw AppError.notFound()
            }
            rows = board.rows.filter { picked.contains($0.personID) }
        }
        guard !rows.isEmpty, rows.count <= Self.maximumRecipients else { return req.redirect(to: back, flash: .failure(.nudgeNobody)) }
        guard let cohort = try await CohortRecord.find(access.cohortID, on: req.db) else { throw AppError.notFound() }
        let me = access.context.user.person
        let batch = form.batch.flatMap(UUID.init(uuidString:)) ?? UUID()
        var sent = 0
        for row in rows {
            do {
                if try await Nudges.send(template.render(Nudges.values(for: row)), kind: "manual", eventKey: "manual:\(batch.lowercasedText)",
                                         to: row.personID, from: me, cohort: cohort, now: now, app: req.application) {
                    sent += 1
                }
            } catch {
                // Logged, not delivered yet: the next follow-up round delivers it.
                req.logger.warning("Nudge not delivered yet", metadata: ["learner": "\(row.personID)", "error": "\(error)"])
                sent += 1
            }
        }
        return req.redirect(to: back, flash: sent == 0 ? .nudgeAlreadySent : .nudged(count: sent))
    }

    func mute(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.isLearner else { throw AppError.notFound() }
        let muted = try req.content.decode(MuteForm.self).muted == "on"
        let existing = try await NudgeMuteRecord.query(on: req.db).filter(\.$cohortID == access.cohortID)
            .filter(\.$personID == access.personID).first()
        if muted, existing == nil {
            do { try await NudgeMuteRecord(cohortID: access.cohortID, personID: access.personID, at: Date()).create(on: req.db) }
            catch let error as any DatabaseError where error.isConstraintFailure {}  // muted twice at once: once is enough
        } else if !muted, let existing {
            try await existing.delete(on: req.db)
        }
        return req.redirect(to: SiteRoute.cohort(access.context.organization.id, .init(access.cohortID)).path,
                            flash: .nudgesMuted(muted))
    }
}
