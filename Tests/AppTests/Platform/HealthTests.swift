@testable import App
import Testing
import VaporTesting

@Suite struct HealthTests {
    @Test func healthAnswersWhenTheDatabaseDoes() async throws {
        try await withApp { app in
            let response = try await app.testing().sendRequest(.GET, "/health")
            #expect(response.status == .ok)
            #expect(response.body.string == #"{"status":"ok"}"#)
        }
    }

    @Test func configurationProblemsAreAllListedAtOnce() throws {
        #expect(throws: AppConfig.Problems.self) {
            try AppConfig.load(from: ["DATABASE_URL": "mysql://x", "ATELIER_PUBLIC_URL": "ftp://x", "SMTP_URL": "http://x"], demo: false)
        }
        do {
            _ = try AppConfig.load(from: ["DATABASE_URL": "mysql://x", "ATELIER_PUBLIC_URL": "ftp://x"], demo: false)
        } catch let problems as AppConfig.Problems {
            #expect(problems.problems.count == 2)
            #expect(problems.description.contains("DATABASE_URL"))
            #expect(problems.description.contains("ATELIER_PUBLIC_URL"))
        }
        let config = try AppConfig.load(from: ["ATELIER_DATA_DIR": "/tmp/x", "SMTP_URL": "smtp://127.0.0.1:2525"], demo: true, port: 9000)
        #expect(config.database == .sqliteFile(path: "/tmp/x/atelier.sqlite"))
        #expect(config.publicURL == "http://127.0.0.1:9000")
        #expect(config.smtp?.port == 2525)
    }

    @Test func liveClassSettingsAreCheckedAtStart() throws {
        let config = try AppConfig.load(from: ["ATELIER_JITSI_URL": "https://meet.example.com/",
                                               "ATELIER_ICE_SERVERS": "stun:stun.example.com:3478, turn:turn.example.com"], demo: false)
        #expect(config.jitsiURL?.text == "https://meet.example.com")
        #expect(config.iceServersJSON == #"[{"urls":"stun:stun.example.com:3478"},{"urls":"turn:turn.example.com"}]"#)
        let json = try AppConfig.load(from: ["ATELIER_ICE_SERVERS": #"[{"urls":["turn:t.example.com"],"username":"u","credential":"p"}]"#], demo: false)
        #expect(json.iceServersJSON == #"[{"credential":"p","urls":["turn:t.example.com"],"username":"u"}]"#)
        #expect(try AppConfig.load(from: [:], demo: false).iceServersJSON == "[]")
        for bad in [["ATELIER_JITSI_URL": "http://meet.example.com"], ["ATELIER_JITSI_URL": "javascript:alert(1)"],
                    ["ATELIER_ICE_SERVERS": "https://stun.example.com"], ["ATELIER_ICE_SERVERS": #"[{"urls":"stun:x","onload":"y"}]"#],
                    ["ATELIER_ICE_SERVERS": "[not json"], ["ATELIER_BBB_URL": "https://bbb.example.com/bigbluebutton/"],
                    ["ATELIER_JITSI_URL": "https://meet.example.com", "ATELIER_JITSI_APP_ID": "a", "ATELIER_JITSI_SECRET": "short"],
                    ["ATELIER_JITSI_APP_ID": "a", "ATELIER_JITSI_SECRET": String(repeating: "x", count: 40)]] {
            #expect(throws: AppConfig.Problems.self, "\(bad)") { try AppConfig.load(from: bad, demo: false) }
        }
    }

    @Test func backgroundJobsRunInProcessUnlessLeftToWorkers() throws {
        #expect(try AppConfig.load(from: [:], demo: false).runsJobsInProcess)
        #expect(try AppConfig.load(from: ["ATELIER_JOBS": "in-process"], demo: false).runsJobsInProcess)
        #expect(try AppConfig.load(from: ["ATELIER_JOBS": "worker"], demo: false).runsJobsInProcess == false)
        #expect(throws: AppConfig.Problems.self) { try AppConfig.load(from: ["ATELIER_JOBS": "sometimes"], demo: false) }
    }

    @Test func tasksRunOnTheEventLoopsUnlessSwiftsOwnThreadsAreAskedFor() throws {
        #expect(AppConfig.runsTasksOnEventLoops([:]) && AppConfig.runsTasksOnEventLoops(["ATELIER_EXECUTOR": "nio"]))
        #expect(!AppConfig.runsTasksOnEventLoops(["ATELIER_EXECUTOR": "swift"]))
        #expect(throws: AppConfig.Problems.self) { try AppConfig.load(from: ["ATELIER_EXECUTOR": "dispatch"], demo: false) }
        _ = try AppConfig.load(from: ["ATELIER_EXECUTOR": "swift"], demo: false)
    }
}
