import Fluent
import FluentSQLiteDriver
import NIOPosix
import Vapor

/// The group commit's own SQLite connection, on an event loop and a thread of their own, with its
/// batches run on that event loop (`executor`, set by `GroupCommit` around each batch).
///
/// Each statement of a batch is a turn on SQLite's thread and back. On the application's event
/// loops, thread pool and tasks, each turn waited behind the requests being served, half a
/// millisecond to a millisecond under load: a batch of eleven submissions spent 3 of its 14 ms
/// only beginning, while a fifth of the processors stayed idle. Here nothing else runs on the
/// batch's loop and thread. Readers keep the application's connections; WAL lets them read
/// meanwhile. The application stops it after the requests in flight (`configure`).
final class GroupCommitConnection: Sendable {
    let db: any Database
    let executor: EventLoopTaskExecutor
    private let group: MultiThreadedEventLoopGroup
    private let threads: NIOThreadPool
    private let databases: Databases

    init(path: String, logger: Logger) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        threads = NIOThreadPool(numberOfThreads: 1)
        threads.start()
        databases = Databases(threadPool: threads, on: group)
        databases.use(.sqlite(.file(path)), as: .sqlite)
        let loop = group.next()
        db = databases.database(.sqlite, logger: logger, on: loop)!
        executor = EventLoopTaskExecutor(loop: loop)
    }

    func shutdown() async {
        await databases.shutdownAsync()
        try? await threads.shutdownGracefully()
        try? await group.shutdownGracefully()
    }
}

/// Runs tasks that prefer it on one event loop.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// Closes the group commit's connection when the application stops.
struct GroupCommitShutdown: LifecycleHandler {
    let connection: GroupCommitConnection

    func shutdownAsync(_ app: Application) async {
        await connection.shutdown()
    }
}
