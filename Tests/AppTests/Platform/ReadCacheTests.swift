@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting
import Views

@Suite struct ReadCacheTests {
    private func signedIn(expiresIn seconds: TimeInterval = 3600) -> SessionQueries.SignedIn {
        let person = Person(id: .init(UUID()), name: "Lea", email: EmailAddress("lea@acme.test")!)
        return .init(user: CurrentUser(person: person, sessionID: UUID(), currentOrganizationID: nil),
                     memberships: [], expiresAt: Date().addingTimeInterval(seconds))
    }

    @Test func servesWhatItStoredUntilInvalidated() {
        let cache = ReadCache<SessionQueries.SignedIn>(lifetime: 5)
        let now = Date()
        cache.store(signedIn(), for: "a", loadedIn: cache.generation, now: now)
        #expect(cache.lookup("a", now: now)?.user.person.name == "Lea")
        #expect(cache.lookup("b", now: now) == nil)
        cache.invalidate()
        #expect(cache.lookup("a", now: now) == nil)
    }

    @Test func aLoadThatAlwaysReadsAValueIsKeptUntilItsValidUntil() async {
        let cache = ReadCache<Int>(lifetime: 60)
        let now = Date(), midnight = now.addingTimeInterval(10)
        #expect(await cache.value(for: "a", now: now, validUntil: midnight) { 1 } == 1)
        #expect(await cache.value(for: "a", now: now.addingTimeInterval(9), validUntil: midnight) { 2 } == 1)
        #expect(await cache.value(for: "a", now: midnight, validUntil: midnight.addingTimeInterval(10)) { 3 } == 3, "past it: read again")
        #expect(await ReadCache<Int>(lifetime: 0).value(for: "a") { 4 } == 4, "caches off: read every time")
    }

    @Test func refusesWhatWasLoadedWhileAWriteRan() {
        let cache = ReadCache<SessionQueries.SignedIn>(lifetime: 5)
        let before = cache.generation
        cache.invalidate()  // a write finished while the query was in flight
        cache.store(signedIn(), for: "a", loadedIn: before, now: Date())
        #expect(cache.lookup("a", now: Date()) == nil)
    }

    @Test func forgettingOneEntryKeepsTheOthersAndRefusesLoadsInFlight() {
        let cache = ReadCache<SessionQueries.SignedIn>(lifetime: 5)
        let now = Date()
        cache.store(signedIn(), for: "a", loadedIn: cache.generation, now: now)
        cache.store(signedIn(), for: "b", loadedIn: cache.generation, now: now)
        let inFlight = cache.generation
        cache.invalidate("a")
        #expect(cache.lookup("a", now: now) == nil)
        #expect(cache.lookup("b", now: now) != nil)
        cache.store(signedIn(), for: "a", loadedIn: inFlight, now: now)
        #expect(cache.lookup("a", now: now) == nil, "read before the write: refused")
    }

    /// Counts loads; each waits until released, so the test controls when they finish.
    private actor SlowLoads {
        private(set) var started = 0
        private var gates: [CheckedContinuation<Void, Never>] = []
        func load() async -> Int {
            started += 1
            let number = started
            await withCheckedContinuation { gates.append($0) }
            return number
        }
        func release() { for gate in gates { gate.resume() }; gates = [] }
    }

    private func settle(until condition: @escaping @Sendable () async -> Bool) async {
        // Up to 20 s: on a machine running the whole suite a task may wait seconds to start.
        for _ in 0..<10_000 where !(await condition()) { try? await Task.sleep(for: .milliseconds(2)) }
    }

    /// Long enough that a loaded entry cannot expire while a busy machine runs the test (CI saw
    /// twenty seconds between a request and its check with the PostgreSQL suite running beside).
    private let patientLifetime: TimeInterval = 3600

    @Test func requestsMissingTogetherShareOneLoad() async throws {
        let cache = ReadCache<Int>(lifetime: patientLifetime)
        let loads = SlowLoads()
        let results = try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<20 {
                group.addTask { await cache.value(for: "k") { (await loads.load(), validUntil: .distantFuture) } }
            }
            await settle { await loads.started == 1 }
            try await Task.sleep(for: .milliseconds(20))  // the other nineteen are waiting by now
            await loads.release()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(await loads.started == 1)
        #expect(results.allSatisfy { $0 == 1 })
    }

    @Test func aWriteDuringASharedLoadMakesTheWaitersLoadAgain() async throws {
        let cache = ReadCache<Int>(lifetime: patientLifetime)
        let loads = SlowLoads()
        let first = Task { await cache.value(for: "k") { (await loads.load(), validUntil: .distantFuture) } }
        await settle { await loads.started == 1 }
        let second = Task { await cache.value(for: "k") { (await loads.load(), validUntil: .distantFuture) } }
        try await Task.sleep(for: .milliseconds(20))
        cache.invalidate("k")  // a write committed while the first load was reading
        await loads.release()
        #expect(await first.value == 1, "the loader's own request still gets what it read")
        await settle { await loads.started == 2 }
        await loads.release()
        #expect(await second.value == 2, "the waiter read again, after the write")
        #expect(cache.lookup("k", now: Date()) == 2)
    }

    /// Past its lifetime an entry is loaded again by one request; those that come meanwhile get
    /// the old value at once instead of queueing behind that load, but never after a write.
    @Test func requestsDuringAReloadGetTheOldValueAtOnce() async throws {
        let cache = ReadCache<Int>(lifetime: patientLifetime)
        let loads = SlowLoads()
        let loadedAt = Date().addingTimeInterval(-patientLifetime - 1)
        cache.store(0, for: "k", loadedIn: cache.generation, now: loadedAt)
        #expect(cache.lookup("k", now: Date()) == nil, "past its lifetime")
        let reload = Task { await cache.value(for: "k") { (await loads.load(), validUntil: .distantFuture) } }
        await settle { await loads.started == 1 }
        #expect(await cache.value(for: "k") { (await loads.load(), validUntil: .distantFuture) } == 0, "the old value, no second load")
        #expect(await loads.started == 1)
        await loads.release()
        #expect(await reload.value == 1)
        #expect(cache.lookup("k", now: Date()) == 1)

        cache.store(0, for: "w", loadedIn: cache.generation, now: loadedAt)
        let afterWrite = Task { await cache.value(for: "w") { (await loads.load(), validUntil: .distantFuture) } }
        await settle { await loads.started == 2 }
        cache.invalidate()  // a write: what was read before it is gone
        let waiting = Task { await cache.value(for: "w") { (await loads.load(), validUntil: .distantFuture) } }
        try await Task.sleep(for: .milliseconds(20))
        await loads.release()
        #expect(await afterWrite.value == 2)
        await settle { await loads.started == 3 }
        await loads.release()
        #expect(await waiting.value == 3, "loaded again rather than served the value from before the write")

        cache.store(0, for: "old", loadedIn: cache.generation, now: Date().addingTimeInterval(-2 * patientLifetime - 1))
        let tooOld = Task { await cache.value(for: "old") { (await loads.load(), validUntil: .distantFuture) } }
        await settle { await loads.started == 4 }
        let second = Task { await cache.value(for: "old") { (await loads.load(), validUntil: .distantFuture) } }
        try await Task.sleep(for: .milliseconds(20))
        await loads.release()
        let (first, other) = (await tooOld.value, await second.value)
        #expect(first == 4 && other == 4, "past twice its lifetime nobody gets it")
    }

    /// The dashboard's way: even the request that finds the entry old gets it at once, and the
    /// load runs in the background, once.
    @Test func anOldEntryCanBeLoadedAgainInTheBackground() async throws {
        let cache = ReadCache<Int>(lifetime: patientLifetime)
        let loads = SlowLoads()
        cache.store(0, for: "k", loadedIn: cache.generation, now: Date().addingTimeInterval(-patientLifetime - 1))
        for _ in 0..<3 {
            #expect(try await cache.refreshingValue(for: "k") { (await loads.load(), validUntil: .distantFuture) } == 0)
        }
        await settle { await loads.started == 1 }
        await loads.release()
        await settle { cache.lookup("k", now: Date()) != nil }
        #expect(cache.lookup("k", now: Date()) == 1)
        #expect(await loads.started == 1, "one load for the three")
        // Nothing there (or a write emptied it): the request loads and waits, as with `value`.
        let fresh = Task { try await cache.refreshingValue(for: "n") { (await loads.load(), validUntil: .distantFuture) } }
        await settle { await loads.started == 2 }
        await loads.release()
        #expect(try await fresh.value == 2)
    }

    @Test func entriesExpireWithTheirLifetimeAndTheirSession() {
        let cache = ReadCache<SessionQueries.SignedIn>(lifetime: 5)
        let now = Date()
        cache.store(signedIn(), for: "old", loadedIn: cache.generation, now: now)
        #expect(cache.lookup("old", now: now.addingTimeInterval(6)) == nil)
        let ending = signedIn(expiresIn: 1)
        cache.store(ending, for: "ending", loadedIn: cache.generation, now: now, validUntil: ending.expiresAt)
        #expect(cache.lookup("ending", now: now) != nil)
        #expect(cache.lookup("ending", now: now.addingTimeInterval(2)) == nil)
    }

    @Test func zeroLifetimeCachesNothingAndCapacityIsBounded() {
        let off = ReadCache<SessionQueries.SignedIn>(lifetime: 0)
        off.store(signedIn(), for: "a", loadedIn: off.generation, now: Date())
        #expect(off.lookup("a", now: Date()) == nil)
        let small = ReadCache<SessionQueries.SignedIn>(lifetime: 5, capacity: 2)
        for key in ["a", "b", "c"] { small.store(signedIn(), for: key, loadedIn: small.generation, now: Date()) }
        #expect(small.lookup("c", now: Date()) != nil)
        #expect(small.lookup("a", now: Date()) == nil)
    }

    @Test func anAdminsChangeReachesTheLearnersNextPage() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("ada@acme.test", name: "Ada", in: org, roles: [.admin])
            let lea = try await fx.person("lea@acme.test", name: "Lea", in: org)
            var learner = try await fx.signedIn(lea)
            #expect(try await learner.get("/orgs/\(org.id!)/people").status == .notFound)
            var adminBrowser = try await fx.signedIn(admin)
            let roles = try await adminBrowser.post("/orgs/\(org.id!)/people/\(lea.id!)/roles", ["roles[]": "admin"])
            #expect(roles.status == .seeOther)
            #expect(try await learner.get("/orgs/\(org.id!)/people").status == .ok)
        }
    }

    @Test func anEnrollmentReachesTheLearnersCachedHomeAtOnce() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("ada@acme.test", name: "Ada", in: org, roles: [.admin])
            let lea = try await fx.person("lea@acme.test", name: "Lea", in: org)
            let cohort = try await fx.cohort(in: org, name: "Spring cohort")
            var learner = try await fx.signedIn(lea)
            #expect(!(try await learner.get("/").text.contains("Spring cohort")))
            #expect(!(try await learner.get("/").text.contains("Spring cohort")), "served from the cache")
            var adminBrowser = try await fx.signedIn(admin)
            let enrolled = try await adminBrowser.post("/orgs/\(org.id!)/cohorts/\(cohort.id!)/enrollments", ["person_id": lea.id!.uuidString])
            #expect(enrolled.status == .seeOther)
            #expect(try await learner.get("/").text.contains("Spring cohort"))
        }
    }

    @Test func aLearnersOwnProgressKeepsTheCachesWarmButOtherWritesEmptyThem() async throws {
        try await withApp { app in
            let c = try await LearningTests.classroom(app)
            var learner = try await Fixtures(app: app).signedIn(c.learner)
            #expect(try await learner.get(c.base + "/course").text.contains("<strong>0 %</strong>"))
            let before = app.readCaches.sessions.generation
            #expect(try await learner.post(c.lesson(0) + "/done", ["done": "true"]).status == .seeOther)
            #expect(app.readCaches.sessions.generation == before, "marking done keeps the other caches")
            #expect(try await learner.get(c.base + "/course").text.contains("<strong>50 %</strong>"), "the cached progress was forgotten")
            #expect(try await learner.post(c.lesson(0) + "/done", ["done": "false"]).status == .seeOther)
            #expect(try await learner.get(c.base + "/course").text.contains("<strong>0 %</strong>"))
            #expect(try await learner.post(c.lesson(0) + "/heartbeat", ["seconds": "30"]).status == .ok)
            #expect(app.readCaches.sessions.generation == before)
            try await learner.post("/calendar-feed/reset", [:])
            #expect(app.readCaches.sessions.generation != before)
        }
    }

    @Test func aTrainersScheduleShiftReachesTheLearnersCachedOutline() async throws {
        try await withApp { app in
            let c = try await LearningTests.classroom(app)
            let fx = Fixtures(app: app)
            var learner = try await fx.signedIn(c.learner)
            let due = try #require(ScheduleOffset(week: 1, weekday: 1)).resolve(start: c.cohort.domain().startDate)
            #expect(try await learner.get(c.base + "/course").text.contains(DateText.day(due)))
            let trainer = try await fx.person("tom@acme.test", in: c.org, roles: [.trainer])
            try await fx.enroll(trainer, in: c.cohort, as: .trainer)
            var staff = try await fx.signedIn(trainer)
            #expect(try await staff.post(c.base + "/schedule", ["shift_days": "7"]).status == .seeOther)
            let outline = try await learner.get(c.base + "/course").text
            #expect(outline.contains(DateText.day(due.adding(days: 7))))
            #expect(!outline.contains(DateText.day(due)))
        }
    }

    @Test func signingOutElsewhereEndsTheCachedSession() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let lea = try await fx.person("lea@acme.test", name: "Lea", in: org)
            var laptop = try await fx.signedIn(lea)
            var phone = try await fx.signedIn(lea)
            #expect(try await phone.get("/").text.contains("Hello, Lea"))
            // Changing the password on the laptop ends every other session, the phone's included.
            let change = try await laptop.post("/profile/password", ["current_password": Fixtures.password,
                                                                       "password": "a brand new passphrase",
                                                                       "password_confirmation": "a brand new passphrase"])
            #expect(change.status == .seeOther)
            #expect(try await phone.get("/").location == "/sign-in")
        }
    }
}

@Suite struct OrganizationSwitchTests {
    @Test func switchingOrganizationShowsTheOtherOneAtOnce() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let acme = try await fx.organization("Acme")
            let globex = try await fx.organization("Globex")
            let lea = try await fx.person("lea@acme.test", name: "Lea", in: acme)
            try await MembershipRecord(organizationID: globex.id!, personID: lea.id!, roles: [.learner]).save(on: app.db)
            var browser = try await fx.signedIn(lea)
            #expect(try await browser.get("/").text.contains("<p class=\"lead\">Acme</p>"))
            let switched = try await browser.get("/orgs/\(globex.id!)")
            #expect(switched.location == "/")
            #expect(try await browser.get("/").text.contains("<p class=\"lead\">Globex</p>"))
        }
    }

    @Test func switchingToAnOrganizationOneIsNotInIsNotFound() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let acme = try await fx.organization("Acme")
            let globex = try await fx.organization("Globex")
            let lea = try await fx.person("lea@acme.test", name: "Lea", in: acme)
            var browser = try await fx.signedIn(lea)
            #expect(try await browser.get("/orgs/\(globex.id!)").status == .notFound)
            #expect(try await browser.get("/").text.contains("<p class=\"lead\">Acme</p>"))
        }
    }
}
