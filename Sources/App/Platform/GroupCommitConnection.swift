import Fluent
import FluentSQLiteDriver
import NIOPosix
import Vapor

/// The group commit's own SQLite connection, on an event loop and a thread of their own, with its
/// batches run on that event loop (`executor`).
///
/// Each statement of a batch is a turn on SQLite's thread and back. On the application's event
/// loops and tasks, each turn waited behind the requests being served, about half a millisecond
/// to a millisecond under load: a batch of eleven submissions spent most of its 14 ms waiting,
/// and SQLite's one writer, not the processors, limited how many were committed a second (a fifth
/// of them idle). Here nothing else runs on the batch's loop, so it goes on as soon as a
/// statement is done. Readers keep the application's connections; WAL lets them read meanwhile.
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
        databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1), as: .sqlite)
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
