import Domain
import Fluent
import Foundation
import Vapor

/// Who and where a person chats, shared by the pages and the API: their cohorts, the other
/// person of their private conversations, and starting one.
enum ChatDirectory {
    /// The person's cohorts here and their role in each, by name.
    static func places(_ context: OrganizationContext, on db: any Database) async throws -> [(CohortRecord, CohortRole)] {
        let rows = try await CohortMemberRecord.query(on: db).filter(\.$person.$id == context.user.person.id.uuid)
            .filter(\.$organizationID == context.organizationID).with(\.$cohort).all()
        return rows.map { ($0.cohort, $0.cohortRole) }.sorted { $0.0.name < $1.0.name }
    }

    /// The other person of each private conversation: their id and name.
    static func otherPeople(in conversations: [UUID], besides me: UUID, on db: any Database) async throws -> [UUID: (id: UUID, name: String)] {
        guard !conversations.isEmpty else { return [:] }
        let rows = try await ConversationMemberRecord.query(on: db).filter(\.$conversationID ~~ conversations).filter(\.$personID != me).all()
        let names = try await PersonRecord.query(on: db).filter(\.$id ~~ rows.map(\.personID)).all()
        let byID = Dictionary(names.map { ($0.id!, $0.name) }, uniquingKeysWith: { first, _ in first })
        return Dictionary(rows.map { ($0.conversationID, ($0.personID, byID[$0.personID] ?? "Someone")) }, uniquingKeysWith: { first, _ in first })
    }

    /// The private conversation with `other`, made on first use, when a cohort both are in lets
    /// this person write to them (`DirectMessagePolicy`); 404 otherwise, whoever `other` is.
    static func startDirect(_ context: OrganizationContext, with other: UUID, on db: any Database) async throws -> ConversationRecord {
        guard other != context.user.person.id.uuid else { throw AppError.notFound() }
        let places = try await places(context, on: db)
        let theirs = try await CohortMemberRecord.query(on: db).filter(\.$person.$id == other)
            .filter(\.$cohort.$id ~~ places.map { $0.0.id! }).all()
        guard let shared = theirs.first(where: { row in
            places.contains { cohort, myRole in
                cohort.id == row.$cohort.id
                    && DirectMessagePolicy.canStart(from: myRole, to: row.cohortRole, learnersMayMessageEachOther: cohort.learnersMayMessage)
            }
        }) else { throw AppError.notFound() }
        return try await ChatStore.direct(between: context.user.person.id.uuid, and: other, cohortID: shared.$cohort.id,
                                          organizationID: context.organizationID, on: db)
    }
}
