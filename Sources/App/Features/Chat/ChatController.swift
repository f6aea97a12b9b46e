import Domain
import Fluent
import Routes
import Vapor
import Views

/// The chat pages, which work without JavaScript: the list of conversations, a conversation with
/// its history and a send form, starting a private conversation, a cohort's channel.
struct ChatController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let org = routes.grouped("orgs", ":orgID")
        org.get("messages", use: list)
        org.post("messages", "direct", use: startDirect)
        org.get("cohorts", ":cohortID", "channel", use: channel)
        org.post("cohorts", ":cohortID", "chat-settings", use: settings)
        org.get("conversations", ":conversationID", use: conversation)
        org.post("conversations", ":conversationID", "messages", use: send)
        org.get("conversations", ":conversationID", "messages", ":sequence", "edit", use: editPage)
        org.post("conversations", ":conversationID", "messages", ":sequence", "edit", use: saveEdit)
        org.post("conversations", ":conversationID", "messages", ":sequence", "delete", use: delete)
    }

    /// `draft`: a first message to prefill (a quiz result's "Ask my trainer"), not sent yet.
    struct DirectForm: Content { var person_id: String?; var draft: String? }
    struct SendForm: Content { var body: String? }
    struct SettingsForm: Content { var learners_may_message: String? }

    func list(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        let me = context.user.person.id.uuid
        let places = try await ChatDirectory.places(context, on: req.db)
        // Channels of the person's cohorts (made when first opened), then private conversations.
        let channelKeys = places.map { ConversationRecord.channelKey(cohortID: $0.0.id!) }
        let channels = channelKeys.isEmpty ? [] : try await ConversationRecord.query(on: req.db).filter(\.$uniqueKey ~~ channelKeys).all()
        let myRows = try await ConversationMemberRecord.query(on: req.db).filter(\.$personID == me).all()
        let readUpTo = Dictionary(myRows.map { ($0.conversationID, $0.lastReadSequence) }, uniquingKeysWith: max)
        let directs = myRows.isEmpty ? [] : try await ConversationRecord.query(on: req.db).filter(\.$id ~~ myRows.map(\.conversationID))
            .filter(\.$kind == .direct).filter(\.$organizationID == context.organizationID).all()
        let others = try await ChatDirectory.otherPeople(in: directs.compactMap(\.id), besides: me, on: req.db)
        let org = context.organization.id
        var entries: [MessagesPageModel.Entry] = places.map { cohort, _ in
            let conversation = channels.first { $0.cohortID == cohort.id! }
            return .init(title: cohort.name, detail: "Everyone in the cohort", href: SiteRoute.cohortChannel(org, .init(cohort.id!)).path,
                         unread: conversation.map { max(0, $0.lastSequence - (readUpTo[$0.id!] ?? 0)) } ?? 0,
                         lastMessageAt: conversation?.lastMessageAt, isChannel: true)
        }
        // Staff answer people: a private conversation whose latest message is not theirs waits for them.
        let isStaff = places.contains { $0.1 != .learner } || Permission.can(.viewAllCohorts, context.roles)
        entries += directs.map { conversation in
            let waiting = isStaff && conversation.lastAuthorID != nil && conversation.lastAuthorID != me
            var entry = MessagesPageModel.Entry(title: others[conversation.id!]?.name ?? "Someone", detail: "Private",
                                                href: SiteRoute.conversation(org, .init(conversation.id!)).path,
                                                unread: max(0, conversation.lastSequence - (readUpTo[conversation.id!] ?? 0)),
                                                lastMessageAt: conversation.lastMessageAt, isChannel: false,
                                                waitingSince: waiting ? conversation.lastMessageAt : nil)
            entry.personID = others[conversation.id!].map { .init($0.id) }
            return entry
        }
        entries.sort(by: MessagesPageModel.Entry.inboxOrder)
        let contacts = try await contacts(context, places, on: req.db)
        var model = MessagesPageModel(organizationID: org, conversations: entries, contacts: contacts, now: Date())
        let shown = Set(contacts.map(\.personID.uuid) + others.values.map(\.id))
        model.online = Set(try await req.application.realtime.presence.online(among: shown, on: req.db).map { Person.ID($0) })
        return .page(MessagesPage.render(model, req.layout(context, section: .messages)), request: req)
    }

    /// Whom the person may write to privately: people of their cohorts, as `DirectMessagePolicy` allows.
    private func contacts(_ context: OrganizationContext, _ places: [(CohortRecord, CohortRole)],
                          on db: any Database) async throws -> [MessagesPageModel.Contact] {
        let me = context.user.person.id.uuid
        guard !places.isEmpty else { return [] }
        let members = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id ~~ places.map { $0.0.id! })
            .filter(\.$person.$id != me).with(\.$person).all()
        var seen = Set<UUID>(), contacts: [MessagesPageModel.Contact] = []
        // Staff first: they are whom learners write to most.
        for member in members.sorted(by: { ($0.cohortRole == .learner ? 1 : 0, $0.person.name) < ($1.cohortRole == .learner ? 1 : 0, $1.person.name) }) {
            guard let (cohort, myRole) = places.first(where: { $0.0.id == member.$cohort.id }),
                  DirectMessagePolicy.canStart(from: myRole, to: member.cohortRole, learnersMayMessageEachOther: cohort.learnersMayMessage),
                  seen.insert(member.person.id!).inserted else { continue }
            contacts.append(.init(personID: .init(member.person.id!), name: member.person.name,
                                  detail: "\(Messages.cohortRoleName(member.cohortRole)) · \(cohort.name)"))
        }
        return contacts
    }

    func startDirect(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        let form = try req.content.decode(DirectForm.self)
        guard let other = form.person_id.flatMap(UUID.init(uuidString:)), other != context.user.person.id.uuid else { throw AppError.notFound() }
        let conversation = try await ChatDirectory.startDirect(context, with: other, on: req.db)
        var path = SiteRoute.conversation(context.organization.id, .init(conversation.id!)).path
        if let draft = form.draft?.trimmingCharacters(in: .whitespacesAndNewlines), !draft.isEmpty {
            path += "?" + SiteRoute.query([("draft", String(draft.prefix(2_000)))])
        }
        return req.redirect(to: path)
    }

    /// The cohort in the path (of this organization) and the person's role in it, if any.
    private func cohortInPath(_ req: Request, _ context: OrganizationContext) async throws -> (CohortRecord, CohortRole?) {
        guard let cohortID = req.parameters.get("cohortID").flatMap(UUID.init(uuidString:)),
              let cohort = try await CohortRecord.query(on: req.db).filter(\.$id == cohortID)
                .filter(\.$organization.$id == context.organizationID).first() else { throw AppError.notFound() }
        let role = try await CohortMemberRecord.query(on: req.db).filter(\.$cohort.$id == cohortID)
            .filter(\.$person.$id == context.user.person.id.uuid).first()?.cohortRole
        return (cohort, role)
    }

    func channel(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        let (cohort, role) = try await cohortInPath(req, context)
        guard role != nil || Permission.can(.viewAllCohorts, context.roles) else { throw AppError.notFound() }
        let conversation = try await ChatStore.channel(cohortID: cohort.id!, organizationID: context.organizationID, on: req.db)
        return req.redirect(to: SiteRoute.conversation(context.organization.id, .init(conversation.id!)).path)
    }

    func settings(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        let (cohort, role) = try await cohortInPath(req, context)
        guard role == .trainer || Permission.can(.manageCohorts, context.roles) else { throw AppError.notFound() }
        cohort.learnersMayMessage = try req.content.decode(SettingsForm.self).learners_may_message == "on"
        try await cohort.save(on: req.db)
        let conversation = try await ChatStore.channel(cohortID: cohort.id!, organizationID: context.organizationID, on: req.db)
        return req.redirect(to: SiteRoute.conversation(context.organization.id, .init(conversation.id!)).path,
                            flash: .chatSettingsSaved(learnersMayMessage: cohort.learnersMayMessage))
    }

    private func load(_ req: Request, _ context: OrganizationContext) async throws -> ConversationRecord {
        guard let id = req.parameters.get("conversationID").flatMap(UUID.init(uuidString:)),
              let conversation = try await ChatStore.readable(id, personID: context.user.person.id.uuid, organizationID: context.organizationID,
                                                              roles: context.roles, on: req.db) else { throw AppError.notFound() }
        return conversation
    }

    func conversation(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        let conversation = try await load(req, context)
        let before = req.queryValue("before", as: Int.self)
        // A message started elsewhere, to read over and send (or not).
        let draft = req.queryValue("draft", as: String.self).map { String($0.prefix(2_000)) }
        return try await render(req, context, conversation, before: before, form: draft.map { Form.State(values: ["body": $0]) } ?? .empty,
                                status: .ok)
    }

    private func render(_ req: Request, _ context: OrganizationContext, _ conversation: ConversationRecord, before: Int?,
                        form: Form.State, status: HTTPResponseStatus) async throws -> Response {
        let me = context.user.person.id.uuid, now = Date()
        let page = try await ChatStore.page(of: conversation.id!, before: before.map { max(1, $0) }, on: req.db)
        let isLatest = before == nil || (before ?? 0) > conversation.lastSequence
        if isLatest, let last = page.last?.0.sequence {
            try await ChatStore.read(conversation, by: me, upTo: last, on: req.db, broadcaster: req.application.realtime.broadcaster)
        }
        // In a private conversation, how far the other person has read ("Seen").
        let seenUpTo = conversation.kind == .direct
            ? try await ConversationMemberRecord.query(on: req.db).filter(\.$conversationID == conversation.id!)
                .filter(\.$personID != me).first()?.lastReadSequence
            : nil
        let (title, detail, settings, people) = try await heading(conversation, context, on: req.db)
        var model = ConversationPageModel(
            organizationID: context.organization.id, conversationID: .init(conversation.id!), title: title, detail: detail,
            messages: page.map { record, name in
                var message = ConversationPageModel.Message(sequence: record.sequence, authorName: name, isMine: record.authorID == me,
                                                            html: TrustedHTML(sanitized: record.html), sentAt: record.sentAt)
                message.isEdited = record.editedAt != nil
                message.isDeleted = record.deletedAt != nil
                message.canChange = ChatMessage.canChange(authorID: .init(record.authorID), by: context.user.person.id, sentAt: record.sentAt,
                                                          isDeleted: record.deletedAt != nil, now: now)
                return message
            },
            olderBefore: (page.first?.0.sequence).flatMap { $0 > 1 ? $0 : nil }, isLatest: isLatest,
            lastSequence: page.last?.0.sequence ?? 0, personID: context.user.person.id, form: form)
        model.seenUpTo = seenUpTo
        model.isPrivate = conversation.kind == .direct
        model.fileLimit = UploadText.size(req.atelierConfig.uploadLimits.otherBytes)
        let online = try await req.application.realtime.presence.online(among: Set(people.map(\.id)), on: req.db)
        model.people = people.map { (Person.ID($0.id), $0.name, online.contains($0.id)) }
        return .page(ConversationPage.render(model, req.layout(context, section: .messages), settings: settings), status: status, request: req)
    }

    /// The title and subtitle, for a channel's trainer or admin the cohort's chat setting, and
    /// whose presence the page shows (the other person, or everyone else of the cohort).
    private func heading(_ conversation: ConversationRecord, _ context: OrganizationContext, on db: any Database)
        async throws -> (String, String, ConversationPage.Settings?, [(id: UUID, name: String)]) {
        let me = context.user.person.id.uuid
        switch conversation.kind {
        case .direct:
            let other = try await ChatDirectory.otherPeople(in: [conversation.id!], besides: me, on: db)[conversation.id!]
            return (other?.name ?? "Someone", "Private: only the two of you read this conversation.", nil, other.map { [$0] } ?? [])
        case .channel:
            let cohort = try await CohortRecord.find(conversation.cohortID, on: db)
            let role = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == conversation.cohortID)
                .filter(\.$person.$id == me).first()?.cohortRole
            let canSet = role == .trainer || Permission.can(.manageCohorts, context.roles)
            let settings = canSet ? cohort.map {
                ConversationPage.Settings(cohortID: .init($0.id!), learnersMayMessage: $0.learnersMayMessage)
            } : nil
            let members = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == conversation.cohortID)
                .filter(\.$person.$id != me).with(\.$person).all()
            let people = members.map { (id: $0.$person.id, name: $0.person.name) }.sorted { $0.name < $1.name }
            return (cohort?.name ?? "Cohort", "The cohort's channel: everyone in the cohort reads it.", settings, people)
        }
    }

    func send(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        let conversation = try await load(req, context)
        let text = try req.content.decode(SendForm.self).body
        let body: String
        do {
            body = try ChatMessage.checkBody(text)
        } catch let invalid as ValidationErrors {
            return try await render(req, context, conversation, before: nil, form: .init(values: ["body": text ?? ""], errors: invalid.errors),
                                    status: .unprocessableEntity)
        }
        guard req.application.realtime.hub.allowSend(by: context.user.person.id.uuid) else {
            throw AppError(status: .tooManyRequests, code: "rate_limited", message: "You are sending messages too fast; wait a moment.")
        }
        let message = try await ChatStore.send(body, to: conversation, author: context.user.person, on: req.db,
                                               broadcaster: req.application.realtime.broadcaster, caches: req.application.readCaches,
                                               writes: req.application.realtime.writes, afterwork: req.application.realtime.afterwork)
        return req.redirect(to: SiteRoute.conversation(context.organization.id, .init(conversation.id!)).path + "#message-\(message.sequence)")
    }

    /// The person's own message in the path, still theirs to change; 404 for anyone else's or
    /// none, and a clear refusal once the window has passed or it is deleted.
    private func changeable(_ req: Request, _ context: OrganizationContext) async throws -> (ConversationRecord, MessageRecord) {
        let conversation = try await load(req, context)
        guard let sequence = req.parameters.get("sequence").flatMap(Int.init),
              let record = try await MessageRecord.query(on: req.db).filter(\.$conversationID == conversation.id!)
                .filter(\.$sequence == sequence).first(),
              record.authorID == context.user.person.id.uuid else { throw AppError.notFound() }
        guard record.deletedAt == nil else {
            throw AppError(status: .conflict, code: "deleted", message: "This message is already deleted.")
        }
        guard ChatMessage.canChange(authorID: .init(record.authorID), by: context.user.person.id, sentAt: record.sentAt,
                                    isDeleted: false, now: Date()) else { throw Self.tooLate }
        return (conversation, record)
    }

    static let tooLate = AppError(status: .forbidden, code: "too_late",
                                  message: "A message can be changed or deleted only in the \(Int(ChatMessage.changeWindow / 60)) minutes after it is sent.")

    private func editPage(_ req: Request, _ context: OrganizationContext, _ conversation: ConversationRecord, _ record: MessageRecord,
                          state: Form.State, status: HTTPResponseStatus) async throws -> Response {
        let (title, _, _, _) = try await heading(conversation, context, on: req.db)
        return .page(ConversationPage.edit(organizationID: context.organization.id, conversationID: .init(conversation.id!), title: title,
                                           sequence: record.sequence, state: state, req.layout(context, section: .messages)),
                     status: status, request: req)
    }

    func editPage(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        let (conversation, record) = try await changeable(req, context)
        return try await editPage(req, context, conversation, record, state: .init(values: ["body": record.body]), status: .ok)
    }

    func saveEdit(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        let (conversation, record) = try await changeable(req, context)
        let text = try req.content.decode(SendForm.self).body
        let body: String
        do {
            body = try ChatMessage.checkBody(text)
        } catch let invalid as ValidationErrors {
            return try await editPage(req, context, conversation, record, state: .init(values: ["body": text ?? ""], errors: invalid.errors),
                                      status: .unprocessableEntity)
        }
        return try await change(req, context, conversation, record.sequence, to: body)
    }

    func delete(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        let (conversation, record) = try await changeable(req, context)
        return try await change(req, context, conversation, record.sequence, to: nil)
    }

    private func change(_ req: Request, _ context: OrganizationContext, _ conversation: ConversationRecord, _ sequence: Int,
                        to body: String?) async throws -> Response {
        do {
            try await ChatStore.change(sequence, in: conversation, by: context.user.person, to: body, on: req.db,
                                       broadcaster: req.application.realtime.broadcaster, caches: req.application.readCaches)
        } catch ChatError.cannotChange {
            throw Self.tooLate
        }
        return req.redirect(to: SiteRoute.conversation(context.organization.id, .init(conversation.id!)).path + "#message-\(sequence)")
    }
}
