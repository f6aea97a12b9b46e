import Domain
import Fluent
import Routes
import Vapor
import Views

/// A thread's page (fifty posts a page) and replying to it.
extension ForumController {
    func thread(req: Request) async throws -> Response {
        let access = try await Self.access(req)
        let asked = req.queryValue("reply_to", as: Int.self).flatMap { $0 >= 1 ? $0 : nil }
        let pageAsked = req.queryValue("page", as: Int.self)
        // The reader's marks are read with the thread, for the page it most likely shows.
        guard let id = req.parameters.get("threadID").flatMap(UUID.init(uuidString:)),
              let (thread, marks) = try await ForumRows.thread(
                id, in: access.cohort.id!, marksOf: access.me,
                numbers: ForumInput.postNumbers(onPage: pageAsked ?? asked.map(ForumInput.page(ofPost:)) ?? 1), on: req.db) else {
            throw AppError.notFound()
        }
        let replyTo = asked.flatMap { $0 <= thread.postCount ? $0 : nil }
        var form = Form.State.empty
        if let replyTo, req.queryValue("quote", as: String.self) != nil,
           let quoted = try await ForumPostChanges.post(replyTo, in: thread, on: req.db),
           quoted.display(to: access.role, reader: access.me) == .body {
            form.values["body"] = quoted.body.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n") + "\n\n"
        }
        let page = pageAsked ?? replyTo.map(ForumInput.page(ofPost:)) ?? 1
        return try await renderThread(req, access, thread, page: page, marks: marks, form: form, replyTo: replyTo, status: .ok)
    }

    /// `marks`: the reader's, if already read for the posts of `page` (else they are read here).
    func renderThread(_ req: Request, _ access: Access, _ thread: ForumThreadRecord, page requested: Int, marks read: ForumRows.ThreadMarks? = nil,
                      form: Form.State, replyTo: Int?, status: HTTPResponseStatus) async throws -> Response {
        let perPage = ForumInput.postsPerPage
        let pageCount = max(1, (thread.postCount + perPage - 1) / perPage)
        let page = min(max(1, requested), pageCount)
        let rows = try await ForumRows.page(of: thread, page: page, caches: req.application.readCaches, on: req.db)
        let posts = rows.posts
        let facts = try await ForumRows.cohortFacts(of: access.cohort.id!, caches: req.application.readCaches, on: req.db)
        let numbers = ForumInput.postNumbers(onPage: page)
        // Read with the thread for another page (past the last one), or not at all (a reply refused): again.
        let marks: ForumRows.ThreadMarks
        if let read, read.numbers == numbers { marks = read }
        else if let again = try await ForumRows.thread(thread.id!, in: access.cohort.id!, marksOf: access.me, numbers: numbers, on: req.db) {
            marks = again.marks
        } else { throw AppError.notFound() }
        // Read up to the last post shown; written only when it moves the position forward.
        let readBefore = marks.readUpTo
        if let last = posts.last?.number, last > readBefore {
            try await ForumStore.read(thread.id!, by: access.me, upTo: last, on: req.db, broadcaster: req.application.realtime.broadcaster)
        }
        let byNumber = rows.byNumber
        let names = rows.names
        let upvoted = marks.upvoted
        let locked = thread.locked
        let otherSpaces = access.role == .staff
            ? facts.spaces.filter { $0.id != thread.spaceID }
                .map { (id: $0.id.lowercasedText, title: $0.title) }
            : []
        var model = ForumThreadModel(
            place: access.place, spaceID: thread.spaceID.lowercasedText, spaceTitle: facts.spaceTitle(thread.spaceID) ?? "Space", threadID: thread.id!.lowercasedText,
            title: thread.title, state: thread.state(readUpTo: max(readBefore, posts.last?.number ?? 0)), pinned: thread.pinned,
            posts: [],
            page: page, pageCount: pageCount,
            canAccept: ForumPolicy.can(.accept, as: access.role, isAuthor: thread.authorID == access.me),
            canReply: ForumPolicy.can(.reply, as: access.role, locked: thread.locked),
            following: ForumFollowing.follows(thread: marks.followsThread, space: marks.followsSpace, isStaff: access.role == .staff).thread,
            otherSpaces: otherSpaces,
            mayPostAnonymously: access.mayPostAnonymously(facts),
            form: form, replyTo: replyTo)
        model.lastPostNumber = posts.last?.number
        model.imageLimit = UploadText.size(req.atelierConfig.uploadLimits.otherBytes)
        if let activityID = thread.activityID, let activity = try await ActivityRecord.find(activityID, on: req.db) {
            model.about = (activity.title, SiteRoute.cohortActivity(access.context.organization.id, .init(access.cohort.id!), .init(activityID)).path)
        }
        // Each post's item, from the page's cache when a reader in the same situation saw it.
        let items = posts.map { post in
            let replied = post.replyToNumber.flatMap { byNumber[$0] }
            let key = ForumRows.PostItemKey(number: post.number, role: access.role, byReader: post.authorID == access.me,
                                            replyByReader: replied.map { $0.authorID == access.me }, upvoted: upvoted.contains(post.number),
                                            accepted: thread.acceptedPostID == post.id, locked: locked, canAccept: model.canAccept,
                                            question: thread.kind == .question)
            return rows.items.item(key) { Self.postItem(post, replying: replied, names: names, key: key, in: model) }
        }
        return .page(ForumPages.thread(model, req.layout(access.context, section: .cohorts), items: items), status: status, request: req)
    }

    /// A post's item as a reader in the situation `key` sees it: built from the key, never from
    /// the reader (whose item it may become for others in the same situation), the post's rows
    /// and `names`; of the page's `model`, the view reads only what the key fixes (whether one may
    /// reply or accept, the accepted post) and the thread's place.
    static func postItem(_ post: ForumPostRow, replying replied: ForumPostRow?, names: [UUID: String], key: ForumRows.PostItemKey,
                         in model: ForumThreadModel) -> TrustedHTML {
        func name(_ row: ForumPostRow, isReader: Bool) -> String {
            ForumIdentity.name(realName: names[row.authorID] ?? "Someone", anonymous: row.anonymous, isReader: isReader, readerRole: key.role)
        }
        let display = post.display(to: key.role, isAuthor: key.byReader)
        let context = replied.map { replied in
            (number: replied.number, authorName: name(replied, isReader: key.replyByReader == true),
             excerpt: replied.display(to: key.role, isAuthor: key.replyByReader == true).showsText ? plainExcerpt(replied.body, limit: 100) : "(not shown)")
        }
        let shown = ForumThreadModel.Post(
            number: post.number, id: post.id.lowercasedText, authorName: name(post, isReader: key.byReader),
            html: display.showsText ? TrustedHTML(sanitized: post.html) : TrustedHTML(sanitized: ""), display: display,
            createdAt: post.createdAt, edited: post.editedAt != nil, replyTo: context, upvotes: post.upvotes,
            upvotedByReader: key.upvoted, actions: actions(on: post, role: key.role, isAuthor: key.byReader, locked: key.locked))
        return ForumPages.postItem(shown, in: model)
    }

    /// What the reader may do with a post, from `ForumPolicy` and the post's state.
    static func actions(on post: ForumPostRow, role: ForumRole, isAuthor: Bool, locked: Bool) -> Set<ForumPostAction> {
        var actions = Set<ForumPostAction>()
        if ForumPolicy.can(.viewHistory, as: role), post.editedAt != nil || post.deletedAt != nil { actions.insert(.history) }
        guard post.deletedAt == nil else { return actions }
        if ForumPolicy.can(.edit, as: role, isAuthor: isAuthor, locked: locked) { actions.insert(.edit) }
        if ForumPolicy.can(.delete, as: role, isAuthor: isAuthor) { actions.insert(.delete) }
        if ForumPolicy.can(.hide, as: role) { actions.insert(post.hiddenAt == nil ? .hide : .unhide) }
        guard post.hiddenAt == nil else { return actions }
        if ForumPolicy.can(.upvote, as: role, isAuthor: isAuthor) { actions.insert(.upvote) }
        if ForumPolicy.can(.report, as: role, isAuthor: isAuthor) { actions.insert(.report) }
        return actions
    }

    struct ReplyForm: Content {
        var body: String?
        var reply_to: String?
        var anonymous: String?
    }

    func reply(req: Request) async throws -> Response {
        let access = try await Self.access(req)
        let thread = try await Self.threadInPath(req, access)
        guard ForumPolicy.can(.reply, as: access.role, locked: thread.locked) else {
            throw AppError(status: .forbidden, code: "locked", message: "This thread is locked: no new replies. Nothing was posted.")
        }
        let form = try req.content.decode(ReplyForm.self)
        var replyTo: Int?
        if let text = form.reply_to, !text.isEmpty {
            guard let number = Int(text), number >= 1, number <= thread.postCount else {
                throw AppError(status: .unprocessableEntity, code: "invalid", message: "That post is not in this thread. Nothing was posted.",
                               field: "reply_to")
            }
            replyTo = number
        }
        do {
            let body = try ForumInput.post(form.body)
            let anonymous = try await access.anonymous(form.anonymous, on: req.db)
            let number = try await ForumStore.reply(to: thread, body: body, author: access.me, replyTo: replyTo, anonymous: anonymous, on: req.db,
                                                    broadcaster: req.application.realtime.broadcaster)
            return req.redirect(to: access.threadPath(thread.id!, post: number))
        } catch let invalid as ValidationErrors {
            let state = Form.State(values: ["body": form.body ?? "", "anonymous": form.anonymous ?? ""], errors: invalid.errors)
            return try await renderThread(req, access, thread, page: Int.max, form: state, replyTo: replyTo, status: .unprocessableEntity)
        }
    }
}
