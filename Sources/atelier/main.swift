import App
import Foundation
import NIOCore
import NIOPosix
import Vapor

// Tasks on the server's event loops (unless ATELIER_EXECUTOR=swift): possible only before any runs.
let wantsEventLoops = AppConfig.runsTasksOnEventLoops(ProcessInfo.processInfo.environment)
let tasksOnEventLoops = wantsEventLoops && NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

// `atelier serve [--hostname H] [--port P] [--demo]`, `atelier migrate`, `atelier bench-html`, and Vapor's other commands.
var arguments = CommandLine.arguments
if arguments.dropFirst().first == "bench-html" {
    print(BenchHTML.run())
    exit(0)
}
let demo = arguments.contains("--demo")
arguments.removeAll { $0 == "--demo" }
let port = arguments.firstIndex(of: "--port").flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? 8080

var env = try Environment.detect(arguments: arguments)
try LoggingSystem.bootstrap(from: &env)
if wantsEventLoops, !tasksOnEventLoops {
    Logger(label: "atelier").warning("tasks run on Swift's own threads: NIO's executor could not be installed")
}
let app = try await Application.make(env)
do {
    let config = try AppConfig.load(from: ProcessInfo.processInfo.environment, demo: demo, port: port)
    try await configure(app, config: config)
    try await app.execute()
} catch let problems as AppConfig.Problems {
    FileHandle.standardError.write(Data((problems.description + "\n").utf8))
    try? await app.asyncShutdown()
    exit(1)
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
