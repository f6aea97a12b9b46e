@testable import App
import Fluent
import Testing
import VaporTesting

/// User text reaches pages only escaped.
@Suite struct EscapingTests {
    static let payload = #"<script>alert(1)</script>"><img src=x onerror=alert(2)>"#

    @Test func hostileNamesAreEscapedOnEveryPageThatShowsThem() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization(Self.payload)
            let admin = try await fx.person("admin@acme.test", name: Self.payload, in: org, roles: [.admin, .trainer, .learner])
            let course = try await fx.course(in: org, name: Self.payload)
            let cohort = try await fx.cohort(in: org, course: course, name: Self.payload)
            try await fx.enroll(admin, in: cohort)
            try await fx.enroll(admin, in: cohort, as: .trainer)
            var browser = try await fx.signedIn(admin)
            let o = org.id!.uuidString
            for path in ["/", "/profile", "/orgs/\(o)/people", "/orgs/\(o)/courses", "/orgs/\(o)/cohorts", "/orgs/\(o)/cohorts/\(cohort.id!.uuidString)"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains("<script>alert"), "\(path)")
                #expect(!page.text.contains("<img src=x"), "\(path)")
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            }
        }
    }

    @Test func pagesCarryProtectiveHeaders() async throws {
        try await withApp { app in
            var browser = Browser(app)
            let page = try await browser.get("/setup")
            #expect(page.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true)
            #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(page.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(page.headers.first(name: "X-Request-ID") != nil)
        }
    }
}
