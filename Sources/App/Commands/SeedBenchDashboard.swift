import Domain
import Fluent
import Foundation
import SQLKit

/// For bench/dashboard.sh: a trainer running two cohorts of the bench course, of 25 and of 100
/// learners, each a year into it, with every kind of row the trainer's dashboard reads. The course
/// gains a quiz at the end of each module (5 questions) and a peer assignment in the first. Per
/// learner, over the year: a day of study time on most days, progress, about 8 × 100 quiz attempts,
/// 200 forum posts, 600 messages with the trainer, a live class a week, 3 help requests. The
/// figures are drawn from the learner's number, so the same seed gives the same cohorts, and the
/// risk rules fire for some: inactive for weeks, behind, failing a quiz, missing live classes,
/// never posting. Rows are written with multi-row inserts of 500, in transactions.
enum SeedBenchDashboard {
    static let trainerEmail = "trainer@bench.test"
    static let sizes = [25, 100]
    /// The cohorts started this many days ago.
    static let ageDays = 364

    struct Seeded {
        let trainer: String
        let paths: [(size: Int, path: String)]
        /// "table count-in-the-25-cohort count-in-the-100-cohort", one line per table.
        let counts: [String]
    }

    /// What the course gained, and its activities in outline order.
    struct Course {
        let organizationID: UUID
        let courseID: UUID
        let activities: [UUID]
        /// Each quiz's activity, its position in `activities`, one attempt's items (JSON) and points.
        let quizzes: [(id: UUID, position: Int, items: String, possible: Double)]
        let peer: (id: UUID, position: Int)
        let topics: [String]
    }

    /// One table's rows, written in batches of 500 rows, 20,000 rows a transaction.
    struct Table {
        let name: String
        let columns: [String]
        var rows: [[any Encodable & Sendable]] = []

        init(_ name: String, _ columns: String) {
            self.name = name
            self.columns = columns.split(separator: " ").map(String.init)
        }

        mutating func add(_ values: any Encodable & Sendable...) { rows.append(values) }

        func write(on db: any Database) async throws {
            let (name, columns, rows) = (name, columns, rows)
            for start in stride(from: 0, to: rows.count, by: 20_000) {
                try await db.writeTransaction { db in
                    guard let sql = db as? any SQLDatabase else { return }
                    for batch in stride(from: start, to: min(start + 20_000, rows.count), by: 500) {
                        let insert = sql.insert(into: name).columns(columns)
                        for row in rows[batch..<min(batch + 500, rows.count)] { insert.values(row) }
                        try await insert.run()
                    }
                }
            }
        }
    }

    /// How one learner spent the year, from their number `n` in the cohort.
    struct Profile {
        let n: Int
        /// Whole days since they last did anything.
        let idleDays: Int
        let lastActive: Date
        /// Activities done, in outline order (the next one is started).
        let done: Int
        let silent: Bool
        /// The quiz whose last two attempts failed.
        let failing: Int?
        /// Live classes missed at the end.
        let missesLast: Int
        /// Their messages the trainer has not read.
        let unread: Int

        init(_ n: Int, activities: Int, now: Date) {
            self.n = n
            idleDays = n % 10 == 0 ? 21 + (n * 7) % 40 : (n % 10 == 5 ? 8 + n % 5 : n % 3)
            lastActive = now.addingTimeInterval(-Double(idleDays) * 86_400 - Double(n % 12) * 3_600 - 600)
            done = n % 10 == 0 ? 5 + (n * 3) % 25 : (n % 4 == 3 ? 10 + (n * 7) % (activities - 10) : activities)
            silent = n % 12 == 7
            failing = n % 9 == 4 ? n % 8 : nil
            missesLast = n % 8 == 2 ? 3 : 0
            unread = n % 5 == 0 || n % 7 == 3 ? 1 + n % 6 : 0
        }
    }

    static func seed(organizationID: UUID, course: CourseRecord, lessons: [ActivityRecord], passwordHash: String,
                     on db: any Database) async throws -> Seeded {
        let trainer = PersonRecord(id: UUID(), name: "Tess Trainer", email: EmailAddress(trainerEmail)!, passwordHash: passwordHash)
        try await trainer.create(on: db)
        try await MembershipRecord(organizationID: organizationID, personID: trainer.id!, roles: [.trainer]).create(on: db)
        let extended = try await extend(course, lessons: lessons, organizationID: organizationID, on: db)
        var paths: [(size: Int, path: String)] = []
        var counts: [String: [Int]] = [:]
        for size in sizes {
            let (path, rows) = try await cohort(of: size, course: extended, trainer: trainer.id!, passwordHash: passwordHash, now: Date(), on: db)
            paths.append((size, path))
            for (table, count) in rows { counts[table, default: []].append(count) }
        }
        let lines = counts.keys.sorted().map { "\($0) " + counts[$0]!.map(String.init).joined(separator: " ") }
        let totals = sizes.indices.map { index in counts.values.reduce(0) { $0 + $1[index] } }
        return Seeded(trainer: trainerEmail, paths: paths, counts: lines + ["total " + totals.map(String.init).joined(separator: " ")])
    }

    /// A quiz of 5 questions at the end of each module, a peer assignment in the first.
    static func extend(_ course: CourseRecord, lessons: [ActivityRecord], organizationID: UUID, on db: any Database) async throws -> Course {
        try await QuestionBankStore.append(try GIFT.parse(SeedBenchQuiz.gift), to: course, on: db)
        let bank = try await QuestionBankStore.entries(of: course.id!, on: db)
        let modules = try await ModuleRecord.query(on: db).filter(\.$course.$id == course.id!).sort(\.$position).all()
        let peer = try await PeerAssignmentAuthoring.add(
            ActivityInput(title: "Your case, reviewed by peers", estimatedMinutes: 45, required: true, due: ScheduleOffset(week: 1, weekday: 7)),
            to: modules[0], on: db)
        var activities: [UUID] = []
        var quizzes: [(id: UUID, position: Int, items: String, possible: Double)] = []
        for (m, module) in modules.enumerated() {
            activities += lessons[(m * 6)..<(m * 6 + 6)].map { $0.id! }
            if m == 0 { activities.append(peer.id!) }
            let quiz = try await QuizAuthoring.addQuiz(ActivityInput(title: "Check yourself: week \(m + 1)", estimatedMinutes: 10,
                                                                     required: false, due: nil), to: module, on: db)
            let group = Array(bank.dropFirst((m % 4) * 5).prefix(5))
            let settings = QuizSettings(selection: .fixed(group.map { $0.id.lowercasedText }), shuffleOptions: true)
            let record = try await QuizAuthoring.quiz(of: quiz.id!, on: db)
            try record.apply(settings)
            try await record.save(on: db)
            let items = try AttemptPlan.make(settings, bank: group.map { ($0.id.lowercasedText, $0.question) }, seed: UInt64(m))
            quizzes.append((quiz.id!, activities.count, try AttemptItemsCache.encode(items),
                            items.map(\.points).reduce(0, +)))
            activities.append(quiz.id!)
        }
        return Course(organizationID: organizationID, courseID: course.id!, activities: activities, quizzes: quizzes,
                      peer: (peer.id!, 6), topics: ["anchoring", "feedback", "listening"])
    }

    /// One cohort of `size` learners, started `ageDays` ago; its dashboard's path and the rows written per table.
    static func cohort(of size: Int, course: Course, trainer: UUID, passwordHash: String, now: Date,
                       on db: any Database) async throws -> (String, [String: Int]) {
        let org = course.organizationID
        let startDay = Day(utc: now).adding(days: -ageDays)
        let start = startDay.startInUTC
        let cohort = CohortRecord(organizationID: org, input: CohortInput(
            name: "Year-long cohort of \(size)", courseID: .init(course.courseID), startDate: startDay,
            endDate: Day(utc: now).adding(days: 30), capacity: size))
        try await cohort.create(on: db)
        let cohortID = cohort.id!
        let people = (0..<size).map { n in
            PersonRecord(id: UUID(), name: String(format: "Learner %d-%03d", size, n + 1),
                         email: EmailAddress("dash\(size)-\(n + 1)@bench.test")!, passwordHash: passwordHash)
        }
        try await people.create(on: db)
        try await people.map { MembershipRecord(organizationID: org, personID: $0.id!, roles: [.learner]) }.create(on: db)
        try await (people.map { CohortMemberRecord(cohortID: cohortID, organizationID: org, personID: $0.id!, role: .learner) }
            + [CohortMemberRecord(cohortID: cohortID, organizationID: org, personID: trainer, role: .trainer)]).create(on: db)
        if let sql = db as? any SQLDatabase {
            try await sql.raw("UPDATE cohort_members SET created_at = \(bind: start) WHERE cohort_id = \(bind: cohortID)").run()
        }
        let learners = people.map { $0.id! }
        let profiles = learners.indices.map { Profile($0, activities: course.activities.count, now: now) }
        let general = try await ForumStore.spaces(of: cohort, caches: nil, on: db).first { $0.kind == .general }!
        let tables = study(cohortID, org: org, course: course, trainer: trainer, learners: learners, profiles: profiles, start: start,
                           startDay: startDay)
            + quizzes(cohortID, org: org, course: course, learners: learners, profiles: profiles, start: start)
            + peerReview(cohortID, org: org, course: course, learners: learners, profiles: profiles, start: start)
            + forum(cohortID, org: org, space: general.id!, trainer: trainer, learners: learners, profiles: profiles, start: start)
            + chat(cohortID, org: org, trainer: trainer, learners: learners, profiles: profiles, start: start)
            + live(cohortID, org: org, trainer: trainer, learners: learners, profiles: profiles, startDay: startDay, now: now)
        var counts: [String: Int] = [:]
        for table in tables {
            try await table.write(on: db)
            counts[table.name, default: 0] += table.rows.count
        }
        if let sql = db as? any SQLDatabase {
            // Attempts written here, not through QuizAttemptStore: their standings from them.
            try await QuizStandings.rebuild(cohortID: cohortID, on: sql)
            counts["quiz_standings"] = try await sql.raw("SELECT COUNT(*) AS count FROM quiz_standings WHERE cohort_id = \(bind: cohortID)")
                .first(decoding: CountRow.self)?.count ?? 0
        }
        let path = "/orgs/\(org.lowercasedText)/cohorts/\(cohortID.lowercasedText)/dashboard"
        return (path, counts)
    }

    private static let day: TimeInterval = 86_400

    private struct CountRow: Decodable { let count: Int }

    /// Evenly spread instants: the `i`-th of `count` between `from` and `to` (or just before `to`).
    static func spread(_ i: Int, of count: Int, from: Date, to: Date) -> Date {
        guard to > from else { return to.addingTimeInterval(-Double(count - i) * 600) }
        return from.addingTimeInterval(to.timeIntervalSince(from) * Double(i + 1) / Double(count + 1))
    }

    /// Time per day (most days, until they stopped), progress, help requests.
    static func study(_ cohortID: UUID, org: UUID, course: Course, trainer: UUID, learners: [UUID], profiles: [Profile], start: Date,
                      startDay: Day) -> [Table] {
        var days = Table("learning_days", "id cohort_id person_id day seconds")
        var progress = Table("activity_progress",
                             "id organization_id cohort_id person_id activity_id state seconds_spent last_visited_at completed_at")
        var help = Table("help_requests", "id organization_id cohort_id person_id activity_id text quote status created_at waiting_since "
                         + "answered_at answered_by resolved_at")
        for (person, p) in zip(learners, profiles) {
            for d in 0...(ageDays - p.idleDays) where (p.n * 31 + d * 17) % 20 != 0 {
                days.add(UUID(), cohortID, person, startDay.adding(days: d).description, 300 + ((p.n * 13 + d * 7) % 50) * 60)
            }
            let reached = min(p.done + 1, course.activities.count)
            for (i, activity) in course.activities.prefix(reached).enumerated() {
                let visited = i == reached - 1 ? p.lastActive : min(start.addingTimeInterval(Double(i) * 6 * day), p.lastActive)
                let done = i < p.done
                progress.add(UUID(), org, cohortID, person, activity, done ? "done" : "started", 600, visited, done ? visited : nil)
            }
            for j in 0..<3 {
                let asked = min(start.addingTimeInterval(Double(30 + j * 100 + p.n) * day), p.lastActive)
                let status = j < 2 ? "resolved" : (p.n % 6 == 0 ? "open" : "answered")
                let answered: Date? = status == "open" ? nil : asked.addingTimeInterval(3_600)
                help.add(UUID(), org, cohortID, person, course.activities[(p.n + j * 10) % 48], "I'm stuck on the exercise.", "", status,
                         asked, asked, answered, answered == nil ? nil : trainer, status == "resolved" ? asked.addingTimeInterval(day) : nil)
            }
        }
        return [days, progress, help]
    }

    /// Attempts at each quiz reached (the last passed, except a failing learner's two), mastery per topic.
    static func quizzes(_ cohortID: UUID, org: UUID, course: Course, learners: [UUID], profiles: [Profile], start: Date) -> [Table] {
        var attempts = Table("quiz_attempts",
                             "id organization_id cohort_id activity_id person_id number started_at submitted_at items earned possible pending")
        var topics = Table("quiz_topic_scores", "id cohort_id person_id topic earned possible")
        let fractions = [0.2, 0.4, 0.6, 0.8, 1.0]
        for (person, p) in zip(learners, profiles) {
            let reached = course.quizzes.enumerated().filter { $0.element.position < p.done }
            for (q, quiz) in reached {
                let count = 40 + (p.n * 13 + q * 7) % 121
                let opens = start.addingTimeInterval(Double(q * 7 + 5) * day)
                for i in 0..<count {
                    let at = spread(i, of: count, from: opens, to: p.lastActive)
                    let fraction: Double = p.failing == q && i >= count - 2 ? 0.2 : (i == count - 1 ? 0.8 : fractions[(p.n + i * 3 + q) % 5])
                    attempts.add(UUID(), org, cohortID, quiz.id, person, i + 1, at.addingTimeInterval(-300), at, quiz.items,
                                 quiz.possible * fraction, quiz.possible, 0)
                }
            }
            guard !reached.isEmpty else { continue }
            for (t, topic) in course.topics.enumerated() {
                let possible = Double(40 + p.n % 20)
                topics.add(UUID(), cohortID, person, topic, possible * Double(3 + (p.n * 7 + t * 11) % 8) / 10, possible)
            }
        }
        return [attempts, topics]
    }

    /// Work handed in by those who reached the assignment, each reviewed by the next three.
    static func peerReview(_ cohortID: UUID, org: UUID, course: Course, learners: [UUID], profiles: [Profile], start: Date) -> [Table] {
        var submissions = Table("peer_submissions", "id organization_id cohort_id activity_id person_id text submitted_at volunteers")
        var reviews = Table("peer_reviews", "id cohort_id activity_id submission_id reviewer_id kind started_at lease_ends completed_at")
        let authors = zip(learners, profiles).filter { $0.1.done > course.peer.position }
        let ids = authors.map { _ in UUID() }
        for (index, (person, p)) in authors.enumerated() {
            let handedIn = start.addingTimeInterval(10 * day + Double(p.n) * 3_600)
            submissions.add(ids[index], org, cohortID, course.peer.id, person, "What I would do differently at the depot.", handedIn, false)
            for k in 1...min(3, authors.count - 1) {
                let reviewer = authors[(index + k) % authors.count]
                let started = handedIn.addingTimeInterval(2 * day)
                reviews.add(UUID(), cohortID, course.peer.id, ids[index], reviewer.0, "peer", started, started.addingTimeInterval(day),
                            reviewer.1.n % 10 == 0 ? nil : started.addingTimeInterval(7_200))
            }
        }
        return [submissions, reviews]
    }

    /// Four threads per learner of 50 posts each in the general space, by learners who were still
    /// around (the trainer otherwise); the silent ones never write.
    static func forum(_ cohortID: UUID, org: UUID, space: UUID, trainer: UUID, learners: [UUID], profiles: [Profile],
                      start: Date) -> [Table] {
        var threads = Table("forum_threads", "id organization_id cohort_id space_id kind title author_id post_count last_post_at pinned locked "
                            + "created_at anonymous")
        var posts = Table("forum_posts", "id organization_id thread_id number author_id body html created_at upvotes anonymous")
        let posters = zip(learners, profiles).filter { !$0.1.silent }
        let count = learners.count * 4, perThread = 50
        for t in 0..<count {
            let id = UUID()
            let opened = start.addingTimeInterval(Double(t) / Double(count) * 340 * day)
            var first = trainer
            for k in 1...perThread {
                let at = opened.addingTimeInterval(Double(k - 1) * 7_200)
                let poster = posters[(t * 7 + k * 3) % posters.count]
                let author = poster.1.lastActive > at ? poster.0 : trainer
                if k == 1 { first = author }
                let body = "Reply \(k) about week \(t % 52 + 1): what worked at the depot."
                posts.add(UUID(), org, id, k, author, body, "<p>\(body)</p>", at, (t + k) % 4, false)
            }
            threads.add(id, org, cohortID, space, t % 3 == 0 ? "question" : "discussion", "Week \(t % 52 + 1): thread \(t + 1)", first,
                        perThread, opened.addingTimeInterval(Double(perThread - 1) * 7_200), false, false, opened, false)
        }
        return [threads, posts]
    }

    /// A private conversation of 600 messages between each learner and the trainer; the last
    /// `unread` are the learner's, not read by the trainer yet.
    static func chat(_ cohortID: UUID, org: UUID, trainer: UUID, learners: [UUID], profiles: [Profile], start: Date) -> [Table] {
        var conversations = Table("conversations",
                                  "id organization_id cohort_id kind unique_key last_sequence last_message_at created_at last_author_id")
        var members = Table("conversation_members", "id conversation_id person_id last_read_sequence")
        var messages = Table("chat_messages", "id organization_id conversation_id sequence author_id body html sent_at")
        let count = 600
        for (person, p) in zip(learners, profiles) {
            let id = UUID()
            let from = start.addingTimeInterval(day)
            let author = { (s: Int) in s > count - p.unread || (s + p.n) % 3 != 0 ? person : trainer }
            for s in 1...count {
                let body = "Message \(s): see you at the next live class."
                messages.add(UUID(), org, id, s, author(s), body, "<p>\(body)</p>", spread(s - 1, of: count, from: from, to: p.lastActive))
            }
            conversations.add(id, org, cohortID, "direct", ConversationRecord.directKey(person, trainer, organizationID: org), count,
                              spread(count - 1, of: count, from: from, to: p.lastActive), from, author(count))
            members.add(UUID(), id, person, count)
            members.add(UUID(), id, trainer, count - p.unread)
        }
        return [conversations, members, messages]
    }

    /// A live class a week in the built-in room, all held: who came (some reconnect once), who
    /// stopped coming, a few trainers' corrections.
    static func live(_ cohortID: UUID, org: UUID, trainer: UUID, learners: [UUID], profiles: [Profile], startDay: Day,
                     now: Date) -> [Table] {
        var sessions = Table("live_sessions", "id organization_id cohort_id title agenda starts_at duration_minutes time_zone provider hosts "
                             + "sequence cancelled reminded_at created_by created_at")
        var presence = Table("live_presence", "id session_id person_id connection_id kind at")
        var corrections = Table("live_attendance_corrections", "id session_id person_id attended corrected_by corrected_at")
        let starts = (0..<53).map { startDay.adding(days: 7 * $0 + 2).startInUTC.addingTimeInterval(14 * 3_600) }
            .filter { $0.addingTimeInterval(3_600) <= now }
        for (k, at) in starts.enumerated() {
            let id = UUID()
            sessions.add(id, org, cohortID, "Weekly clinic \(k + 1)", "Your questions.", at, 60, Cohort.defaultTimeZone, "room",
                         trainer.lowercasedText, 0, false, at, trainer, at.addingTimeInterval(-7 * day))
            for (person, p) in zip(learners, profiles) {
                let came = at <= p.lastActive && k < starts.count - p.missesLast && ((p.n + k) * 7) % 10 < 8
                guard came else {
                    if p.n % 13 == 6 && k % 10 == 0 {
                        corrections.add(UUID(), id, person, true, trainer, at.addingTimeInterval(2 * 3_600))
                    }
                    continue
                }
                let joined = at.addingTimeInterval(Double(p.n % 10) * 60)
                let first = UUID()
                presence.add(UUID(), id, person, first, "join", joined)
                if (p.n + k) % 6 == 0 {
                    let second = UUID()
                    presence.add(UUID(), id, person, first, "leave", at.addingTimeInterval(20 * 60))
                    presence.add(UUID(), id, person, second, "join", at.addingTimeInterval(21 * 60))
                    presence.add(UUID(), id, person, second, "leave", at.addingTimeInterval(55 * 60))
                } else {
                    presence.add(UUID(), id, person, first, "leave", at.addingTimeInterval(55 * 60))
                }
            }
        }
        return [sessions, presence, corrections]
    }
}
