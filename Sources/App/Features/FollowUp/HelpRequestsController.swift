import Domain
import Fluent
import Routes
import Vapor
import Views

/// "I'm stuck here": a learner asks from an activity; the cohort's trainers are told (in the
/// bell, and by e-mail per their settings), answer from the queue into a private conversation;
/// the learner marks it resolved or reopens it. A trainer may suggest the forum instead
/// (`HelpForumRoutes`). Staff of the cohort (and admins) see the queue; a learner sees only their
/// own; everyone else gets 404.
struct HelpRequestsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let help = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID", "help")
        help.get(use: list)
        help.post(use: ask)
        help.post(":requestID", "answer", use: answer)
        help.post(":requestID", "resolve", use: resolve)
        help.post(":requestID", "reopen", use: reopen)
        help.post(":requestID", "forum", "propose", use: proposeForum)
        help.post(":requestID", "forum", "post", use: postToForum)
        help.post(":requestID", "forum", "decline", use: declineForum)
    }

    /// Named apart from the page's own fields (a peer assignment's `text`).
    struct AskForm: Content { var help_text: String?; var help_quote: String?; var activity_id: String? }
    struct AnswerForm: Content { var body: String? }

    /// Leaves room in the chat message for the request it answers (quoted, shortened).
    static let maximumAnswerLength = 3_500

    static func isStaff(_ access: LearningAccess) -> Bool { access.isStaff }

    func list(req: Request) async throws -> Response {
        try await renderList(req, try await LearningAccess.load(req))
    }

    /// The queue or the learner's list; `forms` shows a refused forum form again on its request.
    func renderList(_ req: Request, _ access: LearningAccess, forms: [String: Form.State] = [:], status: HTTPResponseStatus = .ok) async throws -> Response {
        var query = HelpRequestRecord.query(on: req.db).filter(\.$cohortID == access.cohortID)
        if access.isLearner { query = query.filter(\.$personID == access.personID) }
        let records = try await query.all()
        let names = try await PersonRecord.names(Set(records.map(\.personID) + records.compactMap(\.forumProposedBy)), on: req.db)
        let threads = try await Self.forumThreads(of: records, access, on: req.db)
        let activityIDs = Set(records.compactMap(\.activityID))
        let titles = activityIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await ActivityRecord.query(on: req.db)
            .filter(\.$id ~~ activityIDs).all().map { ($0.id!, $0.title) })
        let org = access.context.organization.id
        let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id!, $0) })
        let items = HelpQueue.ordered(records.map { $0.domain() }).map { request in
            let record = byID[request.id.uuid]!
            // The conversation is the learner's and the answering trainer's: a link only for them.
            let mine = access.isLearner || record.answeredBy == access.personID
            var item = HelpItem(request: request, learnerName: names[record.personID] ?? "A learner",
                                activityTitle: record.activityID.flatMap { titles[$0] },
                                conversationURL: mine ? record.conversationID.map { SiteRoute.conversation(org, .init($0)).path } : nil)
            item.forumProposerName = record.forumProposedBy.flatMap { names[$0] }
            item.forumThread = record.forumThreadID.flatMap { threads[$0] }
            return item
        }
        var model = HelpPageModel(organizationID: org, cohortID: .init(access.cohortID), cohortName: access.cohort.name,
                                  isStaff: access.isStaff, items: items, now: Date())
        // Answers go into a private conversation of the cohort: its staff answer, an admin outside it reads.
        model.canAnswer = access.isStaff && access.role != nil
        model.anonymousAllowed = try await ForumPostChanges.anonymousAllowed(in: access.cohortID, on: req.db)
        model.forumForms = forms
        return .page(HelpPages.render(model, req.layout(access.context, section: .home)), status: status, request: req)
    }

    func ask(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.isLearner, access.canSeeContent else { throw AppError.notFound() }
        let form = try req.content.decode(AskForm.self)
        let view = try await LearnerView.load(access, caches: req.application.readCaches, on: req.db)
        let located = form.activity_id.flatMap { view.locate($0) }
        if form.activity_id?.isEmpty == false, located == nil { throw AppError.notFound() }
        let org = access.context.organization.id, cohort = Cohort.ID(access.cohortID)
        let back = located.map { SiteRoute.cohortActivity(org, cohort, $0.activity.id).path } ?? SiteRoute.help(org, cohort, .list).path
        let input: HelpRequestInput
        do { input = try HelpRequestInput.check(text: form.help_text, quote: form.help_quote) } catch {
            return req.redirect(to: back, flash: .failure(.helpTextInvalid))
        }
        let request = HelpRequest(id: .init(UUID()), cohortID: cohort, learner: .init(access.personID), activityID: located?.activity.id,
                                  text: input.text, quote: input.quote, createdAt: Date())
        try await HelpRequestRecord(request, organizationID: access.context.organizationID).create(on: req.db)
        try await HelpNotice.tell(request, access: access, on: req.db, broadcaster: req.application.realtime.broadcaster)
        return req.redirect(to: back, flash: .helpRequested)
    }

    func answer(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.isStaff, access.role != nil else { throw AppError.notFound() }
        let record = try await find(req, access)
        let org = access.context.organization.id, cohort = Cohort.ID(access.cohortID)
        let queue = SiteRoute.help(org, cohort, .list).path + "#request-\(record.id!.lowercasedText)"
        // The chat's own check (no control characters…), within room for the quoted request.
        guard let body = try? ChatMessage.checkBody(try req.content.decode(AnswerForm.self).body), body.count <= Self.maximumAnswerLength else {
            return req.redirect(to: queue, flash: .failure(.helpAnswerInvalid))
        }
        // A learner who left the cohort gets no private message from it.
        guard try await CohortMemberRecord.query(on: req.db).filter(\.$cohort.$id == access.cohortID)
            .filter(\.$person.$id == record.personID).filter(\.$role == CohortRole.learner.rawValue).count() > 0 else {
            return req.redirect(to: queue, flash: .failure(.helpLearnerLeft))
        }
        let answered: HelpRequest
        do { answered = try record.domain().answered(at: Date()) } catch { return req.redirect(to: queue, flash: .failure(.helpClosed)) }
        let me = access.context.user.person
        let conversation = try await ChatStore.direct(between: me.id.uuid, and: record.personID, cohortID: access.cohortID,
                                                      organizationID: access.context.organizationID, on: req.db)
        // The learner's words, shown as they wrote them: Markdown punctuation escaped, so nothing
        // of theirs becomes a link or formatting in a message under the trainer's name.
        let quoted = "> " + plainExcerpt(record.text, limit: 300).map { "\\`*_[]()#+-!<>~|".contains($0) ? "\\\($0)" : "\($0)" }.joined()
        _ = try await ChatStore.send("\(quoted)\n\n\(body)", to: conversation, author: me, on: req.db,
                                     broadcaster: req.application.realtime.broadcaster, caches: req.application.readCaches,
                                     writes: req.application.realtime.writes, afterwork: req.application.realtime.afterwork)
        record.apply(answered)
        record.answeredBy = me.id.uuid
        record.conversationID = conversation.id
        try await record.save(on: req.db)
        let learner = try await PersonRecord.find(record.personID, on: req.db)?.name ?? "the learner"
        return req.redirect(to: queue, flash: .helpAnswered(learner: learner))
    }

    func resolve(req: Request) async throws -> Response { try await change(req, reopening: false) }
    func reopen(req: Request) async throws -> Response { try await change(req, reopening: true) }

    /// The learner's own request only; anyone else's is 404.
    private func change(_ req: Request, reopening: Bool) async throws -> Response {
        let access = try await LearningAccess.load(req)
        let record = try await find(req, access)
        guard record.personID == access.personID else { throw AppError.notFound() }
        let page = SiteRoute.help(access.context.organization.id, .init(access.cohortID), .list).path
        let now = Date()
        let next: HelpRequest
        do { next = reopening ? try record.domain().reopened(at: now) : try record.domain().resolved(at: now) }
        catch { return req.redirect(to: page, flash: reopening ? nil : .failure(.helpClosed)) }  // reopening an open one: nothing to do
        record.apply(next)
        try await record.save(on: req.db)
        if reopening { try await HelpNotice.tell(next, access: access, on: req.db, broadcaster: req.application.realtime.broadcaster) }
        return req.redirect(to: page, flash: reopening ? .helpReopened : .helpResolved)
    }

    func find(_ req: Request, _ access: LearningAccess) async throws -> HelpRequestRecord {
        guard let id = req.parameters.get("requestID").flatMap(UUID.init(uuidString:)),
              let record = try await HelpRequestRecord.query(on: req.db).filter(\.$id == id).filter(\.$cohortID == access.cohortID).first()
        else { throw AppError.notFound() }
        return record
    }
}

/// The cohort's trainers hear that a learner is stuck: one unread notice per cohort adds up
/// ("3 learners asked for help"), linking to the queue.
enum HelpNotice {
    static func tell(_ request: HelpRequest, access: LearningAccess, on db: any Database, broadcaster: any Broadcaster) async throws {
        let trainers = try await CohortQueries.memberIDs(of: access.cohortID, role: .trainer, on: db)
        let url = SiteRoute.help(access.context.organization.id, .init(access.cohortID), .list).path + "#request-\(request.id)"
        try await NotificationStore.notify(trainers.map {
            .init(organizationID: access.context.organizationID, personID: $0, kind: .helpRequest, subjectKey: "help:\(access.cohortID)",
                  sourceID: request.id.uuid, sourcePosition: 1, title: access.cohort.name,
                  excerpt: "\(access.context.user.person.name): \(plainExcerpt(request.text))", url: url)
        }, on: db, broadcaster: broadcaster)
    }
}
