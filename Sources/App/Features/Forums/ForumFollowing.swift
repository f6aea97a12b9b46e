import Domain
import Fluent
import Foundation
import Routes
import SQLKit

/// Who follows what in a cohort's forum, and the notifications a new post brings: to the
/// thread's followers ("3 new posts in …", one per thread while unread) and to the people it
/// @mentions.
enum ForumFollowing {
    /// Starts (or stops) following a thread or a space. `onlyIfUnset` leaves an earlier choice
    /// alone: replying again does not undo "Unfollow".
    static func follow(_ target: UUID, by person: UUID, following: Bool = true, onlyIfUnset: Bool = false, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let onConflict: SQLQueryString = onlyIfUnset ? "DO NOTHING" : "DO UPDATE SET following = excluded.following"
        try await sql.raw("""
            INSERT INTO forum_follows (id, person_id, target_id, following) VALUES (\(bind: UUID()), \(bind: person), \(bind: target), \(bind: following)) \
            ON CONFLICT (person_id, target_id) \(onConflict)
            """).run()
    }

    /// Whether each of these people follows the thread: their choice about the thread, else about
    /// its space, else staff do and learners do not.
    static func followers(of thread: ForumThreadRecord, among people: Set<UUID>, staff: Set<UUID>, on db: any Database) async throws -> Set<UUID> {
        guard !people.isEmpty else { return [] }
        let rows = try await ForumFollowRecord.query(on: db).filter(\.$personID ~~ people)
            .filter(\.$targetID ~~ [thread.id!, thread.spaceID]).all()
        let onThread = Dictionary(rows.filter { $0.targetID == thread.id! }.map { ($0.personID, $0.following) }, uniquingKeysWith: { a, _ in a })
        let onSpace = Dictionary(rows.filter { $0.targetID == thread.spaceID }.map { ($0.personID, $0.following) }, uniquingKeysWith: { a, _ in a })
        return people.filter { onThread[$0] ?? onSpace[$0] ?? staff.contains($0) }
    }

    /// From what the person chose for the thread and its space, if anything: a thread follows its
    /// space's choice, which follows the role's default (staff follow everything).
    static func follows(thread: Bool?, space: Bool?, isStaff: Bool) -> (thread: Bool, space: Bool) {
        (thread ?? space ?? isStaff, space ?? isStaff)
    }

    /// The cohort's trainers and facilitators and the organization's admins who can read it.
    static func staff(of cohortID: UUID, audience: Set<UUID>, on db: any Database) async throws -> Set<UUID> {
        let members = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == cohortID).all()
        let learners = Set(members.filter { $0.cohortRole == .learner }.map(\.$person.id))
        // The audience is the cohort's people and the admins; anyone in it who is not a learner is staff.
        return audience.subtracting(learners)
    }

    /// The bell for a new post: mentions first (whoever is mentioned hears of it once), then
    /// the thread's followers. The author's name is the public one: an anonymous post stays so.
    static func notify(aboutPost id: UUID, in thread: ForumThreadRecord, on db: any Database, broadcaster: any Broadcaster) async throws {
        guard let post = try await ForumPostRecord.find(id, on: db) else { return }
        var audience = try await ChatStore.cohortAudience(cohortID: thread.cohortID, organizationID: thread.organizationID, on: db)
        audience.remove(post.authorID)
        guard !audience.isEmpty else { return }
        let realName = try await PersonRecord.find(post.authorID, on: db)?.name ?? "Someone"
        let name = ForumIdentity.publicName(realName: realName, anonymous: post.anonymous)
        let page = ForumInput.page(ofPost: post.number)
        let url = SiteRoute.forumThread(.init(thread.organizationID), .init(thread.cohortID), thread.id!.lowercasedText).path
            + (page > 1 ? "?page=\(page)" : "") + "#post-\(post.number)"
        let excerpt = plainExcerpt(post.body)
        func draft(_ person: UUID, _ kind: NotificationKind, subject: String, title: String) -> NotificationStore.Draft {
            .init(organizationID: thread.organizationID, personID: person, kind: kind, subjectKey: subject, sourceID: thread.id!,
                  sourcePosition: post.number, title: title, excerpt: excerpt, url: url)
        }
        var mentioned = Set<UUID>()
        if post.body.contains("@") {
            let people = try await PersonRecord.query(on: db).filter(\.$id ~~ audience).all()
            mentioned = Mentions.find(in: post.body, among: people.map { .init(id: $0.id!, name: $0.name) })
        }
        let staff = try await staff(of: thread.cohortID, audience: audience, on: db)
        let followers = try await followers(of: thread, among: audience.subtracting(mentioned), staff: staff, on: db)
        let drafts = mentioned.map { draft($0, .mention, subject: "forum-mention:\(id.lowercasedText)", title: "\(name) mentioned you in “\(thread.title)”") }
            + followers.map { draft($0, .forumPost, subject: "forum:\(thread.id!.lowercasedText)", title: thread.title) }
        try await NotificationStore.notify(drafts, on: db, broadcaster: broadcaster)
    }
}
