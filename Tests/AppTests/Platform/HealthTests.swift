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
}
