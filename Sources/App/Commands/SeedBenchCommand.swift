import Domain
import Fluent
import Foundation
import Vapor
import Views

/// `atelier seed-bench [--cohorts N]`: fills an empty database with what the courses benchmark
/// loads — one organization, a published course of 8 modules × 6 lessons, N cohorts of 25 learners
/// (N = 2,000 gives 50,000 learners) with progress at every stage — and prints the learner and
/// the URLs to measure. All learners share the password `bench-password`.
struct SeedBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "cohorts", help: "How many cohorts of 25 learners (default 1)")
        var cohorts: Int?

        @Flag(name: "forum", help: "Also fill the first cohort's forum for bench/forum.sh: a thread of 300 posts, a space of 200 threads, 20,000 posts")
        var forum: Bool

        @Option(name: "quiz-attempts", help: "Also add a quiz of 20 questions and this many open attempts by learner1-1 (for bench/quiz.sh); their paths go to --quiz-file")
        var quizAttempts: Int?

        @Option(name: "quiz-file", help: "Where to write the open attempts' paths, one per line")
        var quizFile: String?

        @Flag(name: "dashboard", help: "Also add a trainer (trainer@bench.test) and two cohorts of 25 and 100 learners a year into the course, with every kind of row the trainer's dashboard reads (for bench/dashboard.sh)")
        var dashboard: Bool

        @Option(name: "chat-file", help: "Also open a session for every learner and write, as JSON, each cohort's channel and one private conversation per cohort with the members' session tokens (for bench/chat.sh)")
        var chatFile: String?
    }

    var help: String { "Fills an empty database for bench/courses.sh" }
    static let password = "bench-password"
    static let learnersPerCohort = 25

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let cohortCount = max(1, min(signature.cohorts ?? 1, 10_000))
        guard try await OrganizationRecord.query(on: app.db).count() == 0 else {
            throw Abort(.conflict, reason: "The database is not empty; seed-bench only fills a fresh one.")
        }
        let hash = try app.password.hash(Self.password)
        let org = OrganizationRecord(name: "Bench Co")
        try await org.create(on: app.db)
        let course = CourseRecord(organizationID: org.id!, name: "Leading a team", description: "Eight weeks of practice.", status: .published)
        try await course.create(on: app.db)
        let activities = try await lessons(for: course, on: app.db)
        let today = Day.today()
        for batch in stride(from: 0, to: cohortCount, by: 40) {
            try await app.db.writeTransaction { db in
                for index in batch..<min(batch + 40, cohortCount) {
                    let cohort = CohortRecord(organizationID: org.id!, input: CohortInput(
                        name: "Cohort \(index + 1)", courseID: .init(course.id!), startDate: today.adding(days: -21 - index % 30),
                        endDate: today.adding(days: 60), capacity: Self.learnersPerCohort))
                    try await cohort.create(on: db)
                    let people = (0..<Self.learnersPerCohort).map { n in
                        PersonRecord(id: UUID(), name: "Learner \(index + 1)-\(n + 1)",
                                     email: EmailAddress("learner\(index + 1)-\(n + 1)@bench.test")!, passwordHash: hash)
                    }
                    try await people.create(on: db)
                    try await people.map { MembershipRecord(organizationID: org.id!, personID: $0.id!, roles: [.learner]) }.create(on: db)
                    try await people.map { CohortMemberRecord(cohortID: cohort.id!, organizationID: org.id!, personID: $0.id!, role: .learner) }
                        .create(on: db)
                    var progress: [ProgressRecord] = []
                    for (n, person) in people.enumerated() {
                        // Learners at every stage: from nothing done to half the course.
                        for activity in activities.prefix((index * 7 + n * 11) % 25) {
                            let row = ProgressRecord(organizationID: org.id!, cohortID: cohort.id!, personID: person.id!,
                                                     activityID: activity.id!, now: Date())
                            row.state = .done
                            row.completedAt = Date()
                            progress.append(row)
                        }
                    }
                    for chunk in stride(from: 0, to: progress.count, by: 400) {
                        try await Array(progress[chunk..<min(chunk + 400, progress.count)]).create(on: db)
                    }
                }
            }
        }
        if let chatFile = signature.chatFile { try await writeChatFile(chatFile, organizationID: org.id!, on: app.db) }
        guard let first = try await CohortRecord.query(on: app.db).filter(\.$name == "Cohort 1").first() else { return }
        let base = "/orgs/\(org.id!.lowercasedText)/cohorts/\(first.id!.lowercasedText)"
        context.console.print("learner learner1-1@bench.test")
        context.console.print("outline \(base)/course")
        context.console.print("lesson \(base)/activities/\(activities[3].id!.lowercasedText)")
        if let attempts = signature.quizAttempts, let file = signature.quizFile {
            guard let learner = try await PersonRecord.query(on: app.db).filter(\.$email == "learner1-1@bench.test").first() else { return }
            let quiz = try await SeedBenchQuiz.seed(cohort: first, learner: learner.id!, attempts: max(1, min(attempts, 500_000)), file: file,
                                                    on: app.db)
            context.console.print("quiz-body \(quiz.body)")
        }
        if signature.forum {
            let forum = try await SeedBenchForum.seed(cohort: first, on: app.db)
            context.console.print("thread \(forum.thread)")
            context.console.print("space \(forum.space)")
            context.console.print("search \(forum.search)")
        }
        if signature.dashboard {
            let seeded = try await SeedBenchDashboard.seed(organizationID: org.id!, course: course, lessons: activities, passwordHash: hash,
                                                           on: app.db)
            context.console.print("trainer \(seeded.trainer)")
            for (size, path) in seeded.paths { context.console.print("dashboard\(size) \(path)") }
            for line in seeded.counts { context.console.print("rows \(line)") }
        }
    }

    /// The chat benchmark's clients: per cohort its channel, a private conversation between its
    /// first two learners, and every learner's session token (signing 2,000 people in through
    /// Bcrypt would take minutes).
    private func writeChatFile(_ path: String, organizationID: UUID, on db: any Database) async throws {
        struct Member: Encodable { let person: String; let token: String }
        struct Room: Encodable { let channel: String; let direct: String; let members: [Member] }
        var rooms: [Room] = []
        for cohort in try await CohortRecord.query(on: db).sort(\.$createdAt).all() {
            let people = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == cohort.id!).all().map(\.$person.id)
            var members: [Member] = []
            for person in people {
                let token = SecretToken.generate()
                try await SessionRecord(tokenHash: token.hash, personID: person, organizationID: organizationID,
                                        expiresAt: Date().addingTimeInterval(SessionRecord.lifetime)).create(on: db)
                members.append(Member(person: person.lowercasedText, token: token.value))
            }
            let channel = try await ChatStore.channel(cohortID: cohort.id!, organizationID: organizationID, on: db)
            let direct = try await ChatStore.direct(between: people[0], and: people[1], cohortID: cohort.id!,
                                                    organizationID: organizationID, on: db)
            rooms.append(Room(channel: channel.id!.lowercasedText, direct: direct.id!.lowercasedText, members: members))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(rooms).write(to: URL(fileURLWithPath: path))
    }

    private func lessons(for course: CourseRecord, on db: any Database) async throws -> [ActivityRecord] {
        var all: [ActivityRecord] = []
        let markdown = (1...6).map { "## Part \($0)\n\nPractise **one** habit a day, and note what changed. See the [guide](/guide) and:\n\n- ask\n- listen\n- decide\n" }
            .joined(separator: "\n")
        for m in 0..<8 {
            let module = ModuleRecord(organizationID: course.$organization.id, courseID: course.id!,
                                      input: ModuleInput(title: "Week \(m + 1)", unlock: ScheduleOffset(week: m + 1, weekday: 1)), position: m)
            try await module.create(on: db)
            for a in 0..<6 {
                let (activity, _) = try await CourseAuthoring.addLesson(
                    ActivityInput(title: "Lesson \(m + 1).\(a + 1)", estimatedMinutes: 15, required: a < 4, due: ScheduleOffset(week: m + 1, weekday: 5)),
                    content: LessonInput(markdown: markdown, video: nil), to: module, on: db)
                all.append(activity)
            }
        }
        return all
    }
}
