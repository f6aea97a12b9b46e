import Domain
import Foundation

/// Every setting, read from the environment once at boot. A bad setting stops the server with
/// one message that lists every problem, rather than failing later on first use.
public struct AppConfig: Sendable {
    public enum Database: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        /// `searchPath` isolates a test's tables in its own schema.
        case postgres(url: String, searchPath: String? = nil)
    }

    public var dataDirectory: String
    public var database: Database
    public var publicURL: String
    public var smtp: SMTPConfiguration?
    public var mailFrom: MailAddress
    public var demo: Bool
    /// Whether the outbox worker runs in the background (tests drain it by hand).
    public var runsBackgroundJobs: Bool
    /// Whether `atelier serve` also runs the `jobs` table's work (`ATELIER_JOBS=worker`: only
    /// `atelier worker` processes do).
    public var runsJobsInProcess = true
    /// Bcrypt's work factor: 12 in production; tests lower it to stay fast (still real Bcrypt).
    public var bcryptCost: Int = 12
    /// Addresses of the reverse proxies whose `X-Forwarded-For` is believed (none by default).
    public var trustedProxies: Set<String> = []
    /// Where the stylesheet and scripts are served from.
    public var publicDirectory: String = "Public/"
    /// How long what most pages read (the signed-in session, the home's cohorts) may be served from
    /// memory (`ReadCaches`); 0 turns it off. Writes through this process are seen at once; this
    /// bounds how long a change made by another server process goes unseen.
    public var readCacheSeconds: Int = 5
    /// The largest upload of each kind: videos, and everything else (images, documents).
    public var uploadLimits: UploadLimits = .standard
    /// The organization's Jitsi server (`ATELIER_JITSI_URL`): live classes may be held there.
    public var jitsiURL: HTTPSLink?
    /// With both, Jitsi links carry a signed token (`ATELIER_JITSI_APP_ID`, `ATELIER_JITSI_SECRET`).
    public var jitsiAppID: String?
    public var jitsiSecret: String?
    /// The organization's BigBlueButton (`ATELIER_BBB_URL`, `ATELIER_BBB_SECRET`).
    var bigBlueButton: BigBlueButton?
    /// STUN and TURN servers for the built-in room (`ATELIER_ICE_SERVERS`), as the JSON the
    /// browser's RTCPeerConnection takes; none by default: host candidates work on a LAN.
    public var iceServersJSON = "[]"
    /// Where uploaded files' bytes are kept: outside `publicDirectory`, never served as they are.
    public var blobDirectory: String { dataDirectory + "/blobs" }
    public var secureCookies: Bool { publicURL.hasPrefix("https://") }

    public init(dataDirectory: String = "./data", database: Database = .sqliteMemory,
                publicURL: String = "http://127.0.0.1:8080", smtp: SMTPConfiguration? = nil,
                mailFrom: MailAddress = MailAddress("atelier@localhost", name: "Atelier"),
                demo: Bool = false, runsBackgroundJobs: Bool = false) {
        self.dataDirectory = dataDirectory
        self.database = database
        self.publicURL = publicURL
        self.smtp = smtp
        self.mailFrom = mailFrom
        self.demo = demo
        self.runsBackgroundJobs = runsBackgroundJobs
    }

    /// 4 GB: past this an upload belongs on a video platform, linked from the lesson.
    static let maximumUploadMegabytes = 4_096

    public struct Problems: Error, CustomStringConvertible {
        public let problems: [String]
        public var description: String {
            "Atelier cannot start; fix these settings:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Whether tasks run on the server's event loops (`ATELIER_EXECUTOR=nio`, the default) rather
    /// than on Swift's own threads (`swift`): `main` reads it from the process's environment before
    /// anything runs (a `.env` file is read later), and `load` refuses any other value. On the event
    /// loops an `await` needs no turn from one thread to the other: in bench/quiz.sh result pages and
    /// `/health` served about half as many again.
    public static func runsTasksOnEventLoops(_ env: [String: String]) -> Bool {
        env["ATELIER_EXECUTOR"] != "swift"
    }

    /// Reads `ATELIER_DATA_DIR`, `DATABASE_URL`, `ATELIER_PUBLIC_URL`, `SMTP_URL`, `ATELIER_MAIL_FROM`,
    /// `ATELIER_TRUSTED_PROXIES`, `ATELIER_PUBLIC_DIR`, `ATELIER_READ_CACHE_SECONDS`, `ATELIER_MAX_VIDEO_MB`,
    /// `ATELIER_MAX_UPLOAD_MB`, `ATELIER_JITSI_URL` (with `ATELIER_JITSI_APP_ID`, `ATELIER_JITSI_SECRET`),
    /// `ATELIER_BBB_URL`, `ATELIER_BBB_SECRET`, `ATELIER_ICE_SERVERS`, `ATELIER_JOBS`, `ATELIER_EXECUTOR`.
    public static func load(from env: [String: String], demo: Bool, port: Int = 8080) throws -> AppConfig {
        var problems: [String] = []
        var config = AppConfig(demo: demo, runsBackgroundJobs: true)
        if !["", "nio", "swift"].contains(env["ATELIER_EXECUTOR"] ?? "") {
            problems.append("ATELIER_EXECUTOR must be nio (the default) or swift.")
        }
        switch env["ATELIER_JOBS"] ?? "" {
        case "", "in-process": config.runsJobsInProcess = true
        case "worker": config.runsJobsInProcess = false
        default: problems.append("ATELIER_JOBS must be in-process (the default) or worker.")
        }
        config.dataDirectory = env["ATELIER_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./data"
        config.database = .sqliteFile(path: config.dataDirectory + "/atelier.sqlite")
        if let url = env["DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"), URL(string: url)?.host != nil {
                config.database = .postgres(url: url)
            } else {
                problems.append("DATABASE_URL must look like postgres://user:password@host:5432/database")
            }
        }
        config.publicURL = "http://127.0.0.1:\(port)"
        if let url = env["ATELIER_PUBLIC_URL"], !url.isEmpty {
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil {
                config.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                problems.append("ATELIER_PUBLIC_URL must be an http(s) URL such as https://learn.example.com")
            }
        }
        if let url = env["SMTP_URL"], !url.isEmpty {
            do { config.smtp = try SMTPConfiguration(url: url) }
            catch { problems.append("SMTP_URL: \(error)") }
        }
        if let from = env["ATELIER_MAIL_FROM"], !from.isEmpty {
            if from.contains("@"), !from.contains(where: { $0.isNewline }) {
                config.mailFrom = MailAddress(from, name: "Atelier")
            } else {
                problems.append("ATELIER_MAIL_FROM must be an e-mail address")
            }
        }
        if let proxies = env["ATELIER_TRUSTED_PROXIES"], !proxies.isEmpty {
            let list = proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if list.allSatisfy({ $0.contains(".") || $0.contains(":") }) { config.trustedProxies = Set(list) }
            else { problems.append("ATELIER_TRUSTED_PROXIES must be IP addresses separated by commas, e.g. 127.0.0.1,10.0.0.2") }
        }
        if let dir = env["ATELIER_PUBLIC_DIR"], !dir.isEmpty {
            config.publicDirectory = dir.hasSuffix("/") ? dir : dir + "/"
        }
        if let seconds = env["ATELIER_READ_CACHE_SECONDS"], !seconds.isEmpty {
            if let value = Int(seconds), (0...3600).contains(value) { config.readCacheSeconds = value }
            else { problems.append("ATELIER_READ_CACHE_SECONDS must be a whole number of seconds from 0 to 3600") }
        }
        for (name, keyPath, fallback) in [("ATELIER_MAX_VIDEO_MB", \UploadLimits.videoBytes, 200),
                                          ("ATELIER_MAX_UPLOAD_MB", \UploadLimits.otherBytes, 20)] {
            guard let text = env[name], !text.isEmpty else { continue }
            if let megabytes = Int(text), (1...Self.maximumUploadMegabytes).contains(megabytes) {
                config.uploadLimits[keyPath: keyPath] = megabytes * 1_048_576
            } else {
                problems.append("\(name) must be a whole number of megabytes from 1 to \(Self.maximumUploadMegabytes) (default \(fallback))")
            }
        }
        if let url = env["ATELIER_JITSI_URL"], !url.isEmpty {
            if let link = HTTPSLink(url.hasSuffix("/") ? String(url.dropLast()) : url) { config.jitsiURL = link }
            else { problems.append("ATELIER_JITSI_URL must be an https URL such as https://meet.example.com") }
        }
        let jitsiApp = env["ATELIER_JITSI_APP_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let jitsiSecret = env["ATELIER_JITSI_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        if (jitsiApp == nil) != (jitsiSecret == nil) || (jitsiApp != nil && config.jitsiURL == nil) {
            problems.append("ATELIER_JITSI_APP_ID and ATELIER_JITSI_SECRET go together, with ATELIER_JITSI_URL")
        } else if let jitsiSecret, jitsiSecret.utf8.count < Jitsi.minimumSecretBytes {
            problems.append("ATELIER_JITSI_SECRET must be at least \(Jitsi.minimumSecretBytes) characters (an HS256 key as long as its hash)")
        } else {
            config.jitsiAppID = jitsiApp
            config.jitsiSecret = jitsiSecret
        }
        let bbbURL = env["ATELIER_BBB_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let bbbSecret = env["ATELIER_BBB_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        if let bbbURL, let bbbSecret, let link = HTTPSLink(bbbURL) {
            config.bigBlueButton = BigBlueButton(url: link, secret: bbbSecret)
        } else if bbbURL != nil || bbbSecret != nil {
            problems.append("ATELIER_BBB_URL (https://bbb.example.com/bigbluebutton/) and ATELIER_BBB_SECRET go together")
        }
        if let servers = env["ATELIER_ICE_SERVERS"], !servers.isEmpty {
            if let json = Self.iceServers(servers) { config.iceServersJSON = json }
            else { problems.append("ATELIER_ICE_SERVERS must be stun:, turn: or turns: URLs separated by commas, or a JSON array of {\"urls\", \"username\", \"credential\"}") }
        }
        if !problems.isEmpty { throw Problems(problems: problems) }
        return config
    }

    /// `stun:host:3478,turn:host` or the JSON array itself; nil when it is neither.
    static func iceServers(_ text: String) -> String? {
        let schemes = ["stun:", "turn:", "turns:"]
        func isServer(_ url: String) -> Bool { schemes.contains { url.hasPrefix($0) } && url.count > 6 && !url.contains(where: \.isWhitespace) }
        if text.hasPrefix("[") {
            guard let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], !list.isEmpty,
                  list.allSatisfy({ entry in
                      let urls = (entry["urls"] as? [String]) ?? (entry["urls"] as? String).map { [$0] } ?? []
                      return !urls.isEmpty && urls.allSatisfy(isServer)
                          && entry.keys.allSatisfy(["urls", "username", "credential"].contains)
                  }),
                  let data = try? JSONSerialization.data(withJSONObject: list, options: [.sortedKeys]) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
        let urls = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !urls.isEmpty, urls.allSatisfy(isServer),
              let data = try? JSONSerialization.data(withJSONObject: urls.map { ["urls": $0] }, options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    var jitsi: Jitsi? { jitsiURL.map { Jitsi(base: $0, appID: jitsiAppID, secret: jitsiSecret) } }
}
