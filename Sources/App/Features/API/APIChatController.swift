import Domain
import Fluent
import Routes
import Vapor
import Views

/// Conversations and messages as JSON: the same rules as the pages (who may read, write, start a
/// private conversation, change a message), and the same events for the pages that are open.
struct APIChatController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("conversations", use: list)
        routes.post("conversations", use: start)
        let conversation = routes.grouped("conversations", ":conversationID")
        conversation.get("messages", use: messages)
        conversation.post("messages", use: send)
        conversation.put("messages", ":sequence", use: edit)
        conversation.delete("messages", ":sequence", use: delete)
        conversation.post("read", use: read)
    }

    struct StartRequest: Content { var person_id: String? }
    struct SendRequest: Content {
        var body: String?
        /// The client's own reference: the same message sent again under it is saved once.
        var ref: String?
    }
    struct ReadRequest: Content { var sequence: Int? }

    /// The person's cohort channels (made if need be) and private conversations here, most recent first.
    func list(req: Request) async throws -> [ConversationDTO] {
        let context = try await req.organizationContext()
        let me = context.user.person.id.uuid
        var conversations: [(ConversationRecord, String)] = []
        for (cohort, _) in try await ChatDirectory.places(context, on: req.db) {
            conversations.append((try await ChatStore.channel(cohortID: cohort.id!, organizationID: context.organizationID, on: req.db),
                                  cohort.name))
        }
        let mine = try await ConversationMemberRecord.query(on: req.db).filter(\.$personID == me).all()
        let readUpTo = Dictionary(mine.map { ($0.conversationID, $0.lastReadSequence) }, uniquingKeysWith: max)
        let directs = mine.isEmpty ? [] : try await ConversationRecord.query(on: req.db).filter(\.$id ~~ mine.map(\.conversationID))
            .filter(\.$kind == .direct).filter(\.$organizationID == context.organizationID).all()
        let others = try await ChatDirectory.otherPeople(in: directs.compactMap(\.id), besides: me, on: req.db)
        conversations += directs.map { ($0, others[$0.id!]?.name ?? "Someone") }
        return conversations
            .map { ConversationDTO($0.0, title: $0.1, with: others[$0.0.id!]?.id, readUpTo: readUpTo[$0.0.id!] ?? 0) }
            .sorted { ($0.last_message_at ?? .distantPast) > ($1.last_message_at ?? .distantPast) }
    }

    /// Opens (or finds) the private conversation with a person, as the policy allows.
    func start(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        guard let other = try req.decodeJSON(StartRequest.self).person_id.flatMap(UUID.init(uuidString:)) else {
            throw AppError(status: .unprocessableEntity, code: "invalid", message: "person_id must be the id of someone you may write to.",
                           field: "person_id")
        }
        let conversation = try await ChatDirectory.startDirect(context, with: other, on: req.db)
        let name = try await PersonRecord.find(other, on: req.db)?.name ?? "Someone"
        let read = try await ConversationMemberRecord.query(on: req.db).filter(\.$conversationID == conversation.id!)
            .filter(\.$personID == context.user.person.id.uuid).first()?.lastReadSequence ?? 0
        return try await ConversationDTO(conversation, title: name, with: other, readUpTo: read).encodeResponse(status: .created, for: req)
    }

    private func conversation(_ req: Request) async throws -> (OrganizationContext, ConversationRecord) {
        let context = try await req.organizationContext()
        guard let id = req.parameters.get("conversationID").flatMap(UUID.init(uuidString:)),
              let conversation = try await ChatStore.readable(id, personID: context.user.person.id.uuid, organizationID: context.organizationID,
                                                              roles: context.roles, on: req.db) else { throw AppError.notFound() }
        return (context, conversation)
    }

    /// `?before=N`: the 50 messages before number N (default: the latest), oldest first.
    func messages(req: Request) async throws -> MessagePageDTO {
        let (_, conversation) = try await conversation(req)
        let before = req.queryValue("before", as: Int.self).map { max(1, $0) }
        let page = try await ChatStore.page(of: conversation.id!, before: before, on: req.db)
        return MessagePageDTO(items: page.map { MessageDTO($0.0, authorName: $0.1) },
                              older_before: (page.first?.0.sequence).flatMap { $0 > 1 ? $0 : nil })
    }

    func send(req: Request) async throws -> Response {
        let (context, conversation) = try await conversation(req)
        let input = try req.decodeJSON(SendRequest.self)
        let body = try ChatMessage.checkBody(input.body)
        if let ref = input.ref, ref.isEmpty || ref.count > 64 {
            throw AppError(status: .unprocessableEntity, code: "invalid", message: "ref must be 1 to 64 characters.", field: "ref")
        }
        guard req.application.realtime.hub.allowSend(by: context.user.person.id.uuid) else {
            throw AppError(status: .tooManyRequests, code: "rate_limited", message: "You are sending messages too fast; wait a moment.")
        }
        let message = try await ChatStore.send(body, to: conversation, author: context.user.person, ref: input.ref, on: req.db,
                                               broadcaster: req.application.realtime.broadcaster, caches: req.application.readCaches,
                                               writes: req.application.realtime.writes, afterwork: req.application.realtime.afterwork)
        guard let record = try await MessageRecord.find(message.id.uuid, on: req.db) else { throw AppError.notFound() }
        return try await MessageDTO(record, authorName: message.authorName).encodeResponse(status: .created, for: req)
    }

    private func change(_ req: Request, to body: String?) async throws -> MessageRecord {
        let (context, conversation) = try await conversation(req)
        guard let sequence = req.parameters.get("sequence").flatMap(Int.init),
              let record = try await MessageRecord.query(on: req.db).filter(\.$conversationID == conversation.id!)
                .filter(\.$sequence == sequence).first(), record.authorID == context.user.person.id.uuid else { throw AppError.notFound() }
        do {
            return try await ChatStore.change(sequence, in: conversation, by: context.user.person, to: body, on: req.db,
                                              broadcaster: req.application.realtime.broadcaster, caches: req.application.readCaches)
        } catch ChatError.cannotChange {
            throw ChatController.tooLate
        }
    }

    func edit(req: Request) async throws -> MessageDTO {
        let body = try ChatMessage.checkBody(try req.decodeJSON(SendRequest.self).body)
        let record = try await change(req, to: body)
        return MessageDTO(record, authorName: try req.requireUser().person.name)
    }

    func delete(req: Request) async throws -> HTTPStatus {
        _ = try await change(req, to: nil)
        return .noContent
    }

    /// The person has read up to `sequence` (never moves back); in a private conversation the
    /// other person's open page shows "Seen".
    func read(req: Request) async throws -> HTTPStatus {
        let (context, conversation) = try await conversation(req)
        guard let sequence = try req.decodeJSON(ReadRequest.self).sequence, sequence >= 0 else {
            throw AppError(status: .unprocessableEntity, code: "invalid", message: "sequence must be a message number (0 or more).",
                           field: "sequence")
        }
        let latest = try await ChatStore.latestSequence(in: conversation.id!, on: req.db)
        try await ChatStore.read(conversation, by: context.user.person.id.uuid, upTo: min(sequence, latest), on: req.db,
                                 broadcaster: req.application.realtime.broadcaster)
        return .noContent
    }
}

/// The notification centre as JSON: the person's latest notifications, and marking them read.
struct APINotificationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("notifications", use: list)
        routes.post("notifications", "read-all", use: readAll)
    }

    func list(req: Request) async throws -> NotificationListDTO {
        let me = try req.requireUser().person.id.uuid
        let records = try await NotificationStore.recent(personID: me, on: req.db)
        let organizations = Set(try await req.memberships(of: req.requireUser()).map(\.organization.id.uuid))
        let base = req.atelierConfig.publicURL
        let items = records.filter { organizations.contains($0.organizationID) }.map { record in
            NotificationDTO(id: record.id!, organization_id: record.organizationID, kind: record.kind.rawValue, title: record.headline,
                            excerpt: record.excerpt, url: base + record.url, updated_at: record.updatedAt, read: record.readAt != nil)
        }
        return NotificationListDTO(items: items, unread: try await NotificationStore.unreadCount(personID: me, on: req.db))
    }

    func readAll(req: Request) async throws -> HTTPStatus {
        try await NotificationStore.markAllRead(personID: try req.requireUser().person.id.uuid, on: req.db,
                                                broadcaster: req.application.realtime.broadcaster)
        return .noContent
    }
}

struct ConversationDTO: Content {
    let id: UUID
    let kind: String
    let title: String
    let cohort_id: UUID
    /// The other person of a private conversation.
    let person_id: UUID?
    let last_sequence: Int
    let unread: Int
    let last_message_at: Date?

    init(_ record: ConversationRecord, title: String, with other: UUID?, readUpTo: Int) {
        id = record.id!
        kind = record.kind.rawValue
        self.title = title
        cohort_id = record.cohortID
        person_id = record.kind == .direct ? other : nil
        last_sequence = record.lastSequence
        unread = max(0, record.lastSequence - readUpTo)
        last_message_at = record.lastMessageAt
    }
}

struct MessageDTO: Content {
    let id: UUID
    let conversation_id: UUID
    let sequence: Int
    let author_id: UUID
    let author_name: String
    /// The Markdown as written; empty once deleted.
    let body: String
    let html: String
    let sent_at: Date
    let edited_at: Date?
    let deleted: Bool

    init(_ record: MessageRecord, authorName: String) {
        id = record.id!
        conversation_id = record.conversationID
        sequence = record.sequence
        author_id = record.authorID
        author_name = authorName
        body = record.body
        html = record.html
        sent_at = record.sentAt
        edited_at = record.editedAt
        deleted = record.deletedAt != nil
    }
}

struct MessagePageDTO: Content {
    let items: [MessageDTO]
    /// Set when older messages exist: ask again with `?before=` this number.
    let older_before: Int?
}

struct NotificationDTO: Content {
    let id: UUID
    let organization_id: UUID
    let kind: String
    let title: String
    let excerpt: String
    let url: String
    let updated_at: Date
    let read: Bool
}

struct NotificationListDTO: Content {
    let items: [NotificationDTO]
    let unread: Int
}
