import Domain
import Fluent
import Routes
import SQLKit
import Vapor
import Views

/// A help request asked to the whole group, with the learner's consent: the cohort's staff
/// suggest the forum; the learner posts it as a question (in the forum space of the activity's
/// module, their name hidden from peers if they wish and the cohort allows it) or keeps it
/// private. Nothing reaches the forum until the learner posts it; only they choose (404 for
/// anyone else).
extension HelpRequestsController {
    struct ProposeForumForm: Content { var note: String? }
    struct PostToForumForm: Content { var title: String?; var anonymous: String? }

    func proposeForum(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.isStaff, access.role != nil else { throw AppError.notFound() }
        let record = try await find(req, access)
        let id = record.id!.lowercasedText
        let form = try req.content.decode(ProposeForumForm.self)
        let note: String
        do throws(ValidationErrors) { note = try HelpForumProposal.checkNote(form.note) } catch {
            return try await renderList(req, access, forms: [id: .init(values: ["note": form.note ?? ""], errors: error.errors)],
                                        status: .unprocessableEntity)
        }
        let me = access.context.user.person, now = Date()
        do throws(HelpRequestError) { _ = try record.domain().forumProposed(by: me.id, note: note, at: now) } catch {
            throw Self.forumRefusal(error, forLearner: false)
        }
        // A learner who left the cohort is asked nothing.
        guard try await CohortMemberRecord.query(on: req.db).filter(\.$cohort.$id == access.cohortID)
            .filter(\.$person.$id == record.personID).filter(\.$role == CohortRole.learner.rawValue).count() > 0 else {
            throw AppError.conflict("help_learner_left", "That learner is no longer in this cohort: nothing was sent.")
        }
        // Written only where none is: two trainers at once make one suggestion, and one notice.
        guard let sql = req.db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
        let saved = try await sql.raw("""
            UPDATE help_requests SET forum_proposed_at = \(bind: now), forum_proposed_by = \(bind: me.id.uuid), forum_note = \(bind: note) \
            WHERE id = \(bind: record.id!) AND forum_proposed_at IS NULL AND status <> \(bind: HelpRequest.Status.resolved.rawValue) RETURNING id
            """).all()
        guard !saved.isEmpty else { throw Self.forumRefusal(.forumAlreadyProposed, forLearner: false) }
        let list = SiteRoute.help(access.context.organization.id, .init(access.cohortID), .list).path + "#request-\(id)"
        let excerpt = note.isEmpty ? "\(me.name) suggests asking “\(plainExcerpt(record.text, limit: 80))” in the forum." : "\(me.name): \(plainExcerpt(note))"
        try await NotificationStore.notify([
            .init(organizationID: access.context.organizationID, personID: record.personID, kind: .helpSuggestion, subjectKey: "help-forum:\(id)",
                  sourceID: record.id!, sourcePosition: 1, title: access.cohort.name, excerpt: excerpt, url: list),
        ], on: req.db, broadcaster: req.application.realtime.broadcaster)
        return req.redirect(to: list)
    }

    func postToForum(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        let record = try await find(req, access)
        guard record.personID == access.personID else { throw AppError.notFound() }
        let request = record.domain(), id = record.id!.lowercasedText
        do throws(HelpRequestError) { try request.checkForumChoice() } catch { throw Self.forumRefusal(error, forLearner: true) }
        let form = try req.content.decode(PostToForumForm.self)
        let title: String
        do throws(ValidationErrors) { title = try HelpForumQuestion.checkTitle(form.title) } catch {
            let values = ["title": form.title ?? "", "anonymous": form.anonymous ?? ""]
            return try await renderList(req, access, forms: [id: .init(values: values, errors: error.errors)], status: .unprocessableEntity)
        }
        let forum = try await ForumController.access(req)
        let anonymous = try await forum.anonymous(form.anonymous, on: req.db)
        var activity: ActivityRecord?
        if let activityID = record.activityID { activity = try await ActivityRecord.find(activityID, on: req.db) }
        guard let space = try await ForumStore.space(ofModule: activity?.$module.id, in: forum.cohort, caches: req.application.readCaches, on: req.db) else { throw AppError.notFound() }
        let org = access.context.organization.id, cohort = Cohort.ID(access.cohortID)
        let body = HelpForumQuestion.body(text: record.text, quote: record.quote,
                                          about: activity.map { ($0.title, SiteRoute.cohortActivity(org, cohort, .init($0.id!)).path) })
        let now = Date(), author = access.personID
        let thread: ForumThreadRecord
        do {
            thread = try await req.db.writeTransaction { db in
                // Claimed first, in the same transaction: two clicks at once make one thread.
                guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
                let claimed = try await sql.raw("""
                    UPDATE help_requests SET forum_decided_at = \(bind: now) WHERE id = \(bind: record.id!) AND forum_decided_at IS NULL \
                    AND forum_proposed_at IS NOT NULL AND status <> \(bind: HelpRequest.Status.resolved.rawValue) RETURNING id
                    """).all()
                guard !claimed.isEmpty else { throw HelpRequestError.alreadyInForum }
                let thread = try await ForumStore.startThread(in: space, kind: .question, title: title, body: body, author: author,
                                                              anonymous: anonymous, now: now, on: db)
                record.apply(try request.postedToForum(thread: thread.id!, at: now))
                try await record.save(on: db)
                return thread
            }
        } catch is HelpRequestError {
            // Chosen meanwhile (another tab): say what was chosen.
            let fresh = try await find(req, access).domain()
            do throws(HelpRequestError) { try fresh.checkForumChoice() } catch { throw Self.forumRefusal(error, forLearner: true) }
            throw Self.forumRefusal(.alreadyInForum, forLearner: true)
        }
        // Committed: the cohort's open pages and the thread's followers hear of it.
        let broadcaster = req.application.realtime.broadcaster
        if let first = try await ForumPostRecord.query(on: req.db).filter(\.$threadID == thread.id!).filter(\.$number == 1).first() {
            if let event = try? await ForumStore.event(forPost: first.id!, on: req.db) { await broadcaster.publish(event) }
            try? await ForumFollowing.notify(aboutPost: first.id!, in: thread, on: req.db, broadcaster: broadcaster)
        }
        return req.redirect(to: forum.threadPath(thread.id!))
    }

    func declineForum(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        let record = try await find(req, access)
        guard record.personID == access.personID else { throw AppError.notFound() }
        let now = Date()
        do throws(HelpRequestError) { _ = try record.domain().forumDeclined(at: now) } catch {
            throw Self.forumRefusal(error, forLearner: true)
        }
        // Claimed like a post: if another tab posted it meanwhile, that choice stands and is said.
        guard let sql = req.db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
        let claimed = try await sql.raw("""
            UPDATE help_requests SET forum_decided_at = \(bind: now) WHERE id = \(bind: record.id!) AND forum_decided_at IS NULL \
            AND forum_proposed_at IS NOT NULL RETURNING id
            """).all()
        if claimed.isEmpty {
            let fresh = try await find(req, access).domain()
            do throws(HelpRequestError) { try fresh.checkForumChoice() } catch { throw Self.forumRefusal(error, forLearner: true) }
            throw Self.forumRefusal(.alreadyInForum, forLearner: true)
        }
        return req.redirect(to: SiteRoute.help(access.context.organization.id, .init(access.cohortID), .list).path + "#request-\(record.id!.lowercasedText)")
    }

    /// Why a suggestion or a choice was refused, in words; nothing was saved.
    static func forumRefusal(_ error: HelpRequestError, forLearner: Bool) -> AppError {
        let message = switch error {
        case .resolved: forLearner ? "This request is resolved: nothing was posted. Reopen it first if you still need help."
            : "This request is resolved: there is nothing to suggest."
        case .forumAlreadyProposed: "The forum was already suggested for this request; the learner chooses. Nothing was sent again."
        case .alreadyInForum: forLearner ? "This request is already your question in the forum: nothing was posted again."
            : "This request is already a question in the forum."
        case .forumDeclined: forLearner ? "You chose to keep this request private: nothing was posted."
            : "The learner chose to keep this request private."
        case .noForumProposal, .alreadyOpen: "No trainer suggested the forum for this request: nothing was posted. You can always ask in the forum yourself."
        }
        return AppError.conflict("help_forum_refused", message)
    }

    /// The forum questions these requests became: title and address, in one query.
    static func forumThreads(of records: [HelpRequestRecord], _ access: LearningAccess, on db: any Database) async throws
        -> [UUID: (title: String, url: String)] {
        let ids = Set(records.compactMap(\.forumThreadID))
        guard !ids.isEmpty else { return [:] }
        let org = access.context.organization.id, cohort = Cohort.ID(access.cohortID)
        let threads = try await ForumThreadRecord.query(on: db).filter(\.$id ~~ ids).filter(\.$cohortID == access.cohortID).all()
        return Dictionary(uniqueKeysWithValues: threads.map { ($0.id!, (title: $0.title, url: SiteRoute.forumThread(org, cohort, $0.id!.lowercasedText).path)) })
    }
}
