import Foundation
import NIOCore
import NIOPosix

/// Runs `smtp_sink.py` (aiosmtpd) on a free local port for one test. Use `SMTPSink.with { sink in … }`,
/// which stops it however the body ends. Nothing here blocks a cooperative-pool thread for more
/// than a few seconds: child processes are awaited by polling `isRunning` with `Task.sleep`
/// (never `waitUntilExit`), with a bound, then killed.
final class SMTPSink {
    /// What the sink saw for one message: the raw .eml, the envelope, and what Python's
    /// `email` package read from it (decoded headers and bodies).
    struct Received: Decodable {
        var eml = ""
        var mail_from: String
        var rcpt_tos: [String]
        var subject, from, to, content_type: String
        var text, html: String?

        private enum CodingKeys: String, CodingKey {
            case mail_from, rcpt_tos, subject, from, to, content_type, text, html
        }
    }

    let port: Int
    let directory: URL
    /// The self-signed certificate (for `localhost`) when started with `tls: true`.
    var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
    private let process: Process

    /// CI sets ATELIER_REQUIRE_SMTP_TESTS=1: then the tests run, and fail without aiosmtpd.
    static let required = ProcessInfo.processInfo.environment["ATELIER_REQUIRE_SMTP_TESTS"] == "1"
    static let aiosmtpdAvailable = runBlocking(["python3", "-c", "import aiosmtpd"], limit: .seconds(20))
    static var enabled: Bool { required || aiosmtpdAvailable }

    /// Starts the sink and waits (≤ 5 s) until it accepts connections. With `tls`, it offers
    /// STARTTLS with a fresh self-signed certificate for `localhost` (made with `openssl`).
    init(auth: String? = nil, onlyLogin: Bool = false, tls: Bool = false) async throws {
        guard Self.aiosmtpdAvailable else {
            throw SinkError("python3 cannot import aiosmtpd (pip install aiosmtpd)")
        }
        port = try await Self.freePort()
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("smtp-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = directory.appendingPathComponent("key.pem").path
        if tls, await !Self.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                           "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                           "-keyout", key, "-out", directory.appendingPathComponent("cert.pem").path]) {
            throw SinkError("openssl could not make a test certificate")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("smtp_sink.py").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--port", "\(port)", "--dir", directory.path]
            + (auth.map { ["--auth", $0] } ?? []) + (onlyLogin ? ["--only-login"] : [])
            + (tls ? ["--tls", directory.appendingPathComponent("cert.pem").path, key] : [])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<50 {
            if try await Self.accepts(port: port) { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        await stop()
        throw SinkError("smtp_sink.py did not listen on port \(port) within 5 s")
    }

    /// Starts a sink, runs `body` with it, and stops the sink whether `body` returns or throws.
    static func with<T>(
        auth: String? = nil, onlyLogin: Bool = false, tls: Bool = false,
        _ body: (SMTPSink) async throws -> T
    ) async throws -> T {
        let sink = try await SMTPSink(auth: auth, onlyLogin: onlyLogin, tls: tls)
        do {
            let result = try await body(sink)
            await sink.stop()
            return result
        } catch {
            await sink.stop()
            throw error
        }
    }

    /// Kills the Python process, waits (≤ 3 s, without blocking a thread) until it is gone, and
    /// removes the directory. Safe to call twice.
    /// SIGKILL, not `terminate()`: a child spawned from a test thread inherits that thread's
    /// blocked signals, so SIGTERM could stay pending forever.
    func stop() async {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            _ = await Self.waitForExit(process, limit: .seconds(3))
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// A last resort if a test forgot to stop the sink: never leave a Python process behind.
    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The messages received so far, in order.
    func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let numbers = names.filter { $0.hasSuffix(".eml") }.compactMap { Int($0.dropLast(4)) }.sorted()
        return try numbers.map { n in
            let eml = try String(contentsOf: directory.appendingPathComponent("\(n).eml"), encoding: .utf8)
            let json = try Data(contentsOf: directory.appendingPathComponent("\(n).json"))
            var received = try JSONDecoder().decode(Received.self, from: json)
            received.eml = eml
            return received
        }
    }

    /// A port nobody listens on (bound to 0, read back, released).
    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    private static func accepts(port: Int) async throws -> Bool {
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }

    /// Runs a command to completion (≤ `limit`, then it is killed); true when it exits with 0.
    private static func run(_ arguments: [String], limit: Duration = .seconds(30)) async -> Bool {
        guard let process = start(arguments) else { return false }
        guard await waitForExit(process, limit: limit) else {
            kill(process.processIdentifier, SIGKILL)
            return false
        }
        return process.terminationStatus == 0
    }

    /// `run` for synchronous contexts (the `enabled` trait), sleeping the calling thread in short
    /// steps; bounded by `limit` as well.
    private static func runBlocking(_ arguments: [String], limit: Duration) -> Bool {
        guard let process = start(arguments) else { return false }
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            return false
        }
        return process.terminationStatus == 0
    }

    private static func start(_ arguments: [String]) -> Process? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return (try? process.run()) != nil ? process : nil
    }

    /// Polls until `process` has exited or `limit` has passed; true when it has exited.
    /// Cancellation cuts the wait short.
    private static func waitForExit(_ process: Process, limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline {
            do { try await Task.sleep(for: .milliseconds(10)) } catch { break }
        }
        return !process.isRunning
    }
}

struct SinkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
