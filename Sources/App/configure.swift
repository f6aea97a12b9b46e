import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

/// Wires the application: database, migrations, middleware, services, routes.
public func configure(_ app: Application, config: AppConfig) async throws {
    app.atelierConfig = config
    try DatabaseSetup.register(config.database, on: app)
    app.migrations.add(Migrations.all)
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.dummyPasswordHash = try Bcrypt.hash("no account has this password", cost: config.bcryptCost)
    if let smtp = config.smtp {
        app.mailer = SMTPMailer(configuration: smtp, eventLoopGroup: app.eventLoopGroup, logger: app.logger)
    }
    let blobs = FileBlobStore(root: config.blobDirectory, threadPool: app.threadPool)
    app.blobStore = blobs
    try await blobs.removeStaleDrafts()
    // Requests are small; uploads raise this on their own route.
    app.routes.defaultMaxBodySize = "256kb"
    app.middleware = Middlewares()
    // Counted first, so stopping waits for every request being answered (see InFlightRequests).
    let inFlight = InFlightRequests()
    app.inFlightRequests = inFlight
    app.middleware.use(InFlightRequests.Middleware(requests: inFlight))
    // The group commit's own connection (a SQLite file) closes after the drain, with the requests
    // that may still be waiting on a batch (handlers stop in the reverse order of registration).
    let commitConnection: GroupCommitConnection? = if case .sqliteFile(let path) = config.database {
        GroupCommitConnection(path: path, logger: app.logger)
    } else {
        nil
    }
    if let commitConnection { app.lifecycle.use(GroupCommitShutdown(connection: commitConnection)) }
    app.lifecycle.use(InFlightRequests.Drain(requests: inFlight))
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(PublicFiles(publicDirectory: config.publicDirectory, logger: app.logger))
    app.middleware.use(CSRFMiddleware(secureCookies: config.secureCookies))
    app.readCaches = ReadCaches(lifetime: TimeInterval(config.readCacheSeconds))
    app.middleware.use(SessionAuthenticator(caches: app.readCaches))
    let hub = RealtimeHub()
    if case .postgres(let url, let schema) = config.database {
        // Several nodes may share this database: events go through LISTEN/NOTIFY.
        let broadcaster = try PostgresBroadcaster(hub: hub, url: url, schema: schema, application: app)
        app.realtime = .init(hub: hub, broadcaster: broadcaster, presence: PresenceTracker(hub: hub))
        app.lifecycle.use(RealtimeListener(broadcaster: broadcaster))
    } else {
        app.realtime = .init(hub: hub, broadcaster: InProcessBroadcaster(hub: hub), presence: PresenceTracker(hub: hub),
                             writes: WriteSerializer())
        app.realtime.commits = app.realtime.writes.map { writes in
            commitConnection.map { GroupCommit(db: $0.db, writes: writes, executor: $0.executor) } ?? GroupCommit(db: app.db, writes: writes)
        }
    }
    app.realtime.afterwork = ChatAfterwork(db: app.db, broadcaster: app.realtime.broadcaster, writes: app.realtime.writes)
    app.lifecycle.use(RealtimeShutdown())
    app.liveRooms = LiveRooms()
    app.installationKeys = InstallationKeys()
    try routes(app)
    app.asyncCommands.use(SeedBenchCommand(), as: "seed-bench")
    app.asyncCommands.use(WorkerCommand(), as: "worker")
    try await DatabaseSetup.prepare(app)
    try await app.autoMigrate()
    try await DatabaseSetup.tune(app)
    if config.runsBackgroundJobs {
        app.lifecycle.use(RepeatingJob.outbox)
        app.lifecycle.use(RepeatingJob.presence)
        app.lifecycle.use(RepeatingJob.peerReviewPush)
        app.lifecycle.use(RepeatingJob.liveReminders)
        app.lifecycle.use(RepeatingJob.liveRoomsClosing)
        app.lifecycle.use(RepeatingJob.liveAttendanceCounting)
        // `atelier worker` runs the jobs itself (its own loop, or `--once`).
        if config.runsJobsInProcess, app.environment.arguments.dropFirst().first != "worker" {
            app.lifecycle.use(RepeatingJob.jobs(.standard()))
        }
    }
    if config.demo { try await DemoSeed.load(on: app) }
}

func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    try app.register(collection: OpenAPIController())
    try app.register(collection: SignInController())
    try app.register(collection: PasswordResetController())
    try app.register(collection: ProfileController())
    try app.register(collection: HomeController())
    try app.register(collection: PeopleController())
    try app.register(collection: AcceptInvitationController())
    try app.register(collection: CoursesController())
    try app.register(collection: CourseEditorController())
    try app.register(collection: QuestionBankController())
    try app.register(collection: QuizController())
    try app.register(collection: PeerReviewController())
    try app.register(collection: PeerWorkFilesController())
    try app.register(collection: LessonEditorController())
    try app.register(collection: UploadsController())
    try app.register(collection: FilesController())
    try app.register(collection: LearningController())
    try app.register(collection: CalendarController())
    try app.register(collection: CohortsController())
    try app.register(collection: ChatController())
    try app.register(collection: RealtimeController())
    try app.register(collection: ChatFilesController())
    try app.register(collection: ForumController())
    try app.register(collection: ForumPostController())
    try app.register(collection: ForumToolsController())
    try app.register(collection: ForumDiscussController())
    try app.register(collection: ForumImagesController())
    try app.register(collection: LiveSessionsController())
    try app.register(collection: LiveAttendanceController())
    try app.register(collection: LiveRoomController())
    try app.register(collection: HelpRequestsController())
    try app.register(collection: FollowUpController())
    try app.register(collection: NudgesController())
    try app.register(collection: CohortInsightsController())
    try app.register(collection: AnnouncementsController())
    try app.register(collection: NotificationsController())
    try app.register(collection: APIController())
}
