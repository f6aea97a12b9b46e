import Foundation
import NIOConcurrencyHelpers
import Vapor

/// `atelier worker [--once]`: runs the `jobs` table's work (automatic nudges, the follow-up
/// scan) without serving pages, beside `atelier serve` processes sharing the database (set
/// `ATELIER_JOBS=worker` on those so only workers run jobs). Stops on SIGINT or SIGTERM after the
/// job in hand; `--once` runs what is due and exits.
struct WorkerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "once", help: "Run the jobs due now, then exit")
        var once: Bool
    }

    var help: String { "Runs background jobs (no web server)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let runner = JobRunner.standard()
        if signature.once {
            try await runner.schedule(now: Date(), on: app.db)
            let ran = try await runner.runDue(app: app, limit: 1_000)
            context.console.print("Ran \(ran) job(s).")
            return
        }
        let stop = StopSignal()
        context.console.print("Worker \(runner.node) running jobs; Ctrl-C stops it.")
        while !stop.requested {
            do { try await runner.tick(app: app) } catch { app.logger.error("Jobs: \(error)") }
            for _ in 0..<10 where !stop.requested { try await Task.sleep(for: .milliseconds(100)) }
        }
        context.console.print("Worker stopped.")
    }
}

/// Set by SIGINT or SIGTERM.
final class StopSignal: @unchecked Sendable {
    private let flag = NIOLockedValueBox(false)
    private var sources: [any DispatchSourceSignal] = []

    var requested: Bool { flag.withLockedValue { $0 } }

    init() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [flag] in flag.withLockedValue { $0 = true } }
            source.resume()
            sources.append(source)
        }
    }
}
