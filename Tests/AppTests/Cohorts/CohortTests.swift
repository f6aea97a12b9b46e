@testable import App
import Foundation
import Domain
import Fluent
import Testing
import VaporTesting

@Suite struct CohortTests {
    @Test func anAdminCreatesACohortAndBadDatesAreExplained() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            let course = try await fx.course(in: org)
            var browser = try await fx.signedIn(admin)
            let path = "/orgs/\(org.id!.uuidString)/cohorts"
            let bad = try await browser.post(path, ["name": "Spring", "course_id": course.id!.uuidString, "start_date": "2027-03-10",
                                                    "end_date": "2027-03-01", "capacity": "0"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("The end date must be on or after the start date."))
            #expect(bad.text.contains("Capacity must be between 1 and 500."))
            #expect(try await CohortRecord.query(on: app.db).count() == 0)
            let good = try await browser.post(path, ["name": "Spring", "course_id": course.id!.uuidString, "start_date": "2027-03-01",
                                                     "end_date": "2027-05-01", "capacity": ""])
            #expect(good.status == .seeOther)
            let cohort = try #require(try await CohortRecord.query(on: app.db).first())
            #expect(cohort.capacity == 25)
            let page = try await browser.get(good.location!)
            #expect(page.text.contains("0 of 25 taken"))
        }
    }

    @Test func capacityIsEnforcedWithAClearMessage() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            let cohort = try await fx.cohort(in: org, seats: 1)
            let lea = try await fx.person("lea@acme.test", in: org)
            let tom = try await fx.person("tom@acme.test", in: org)
            var browser = try await fx.signedIn(admin)
            let path = "/orgs/\(org.id!.uuidString.lowercased())/cohorts/\(cohort.id!.uuidString.lowercased())"
            #expect(try await browser.post(path + "/enrollments", ["person_id": lea.id!.uuidString]).status == .seeOther)
            let full = try await browser.post(path + "/enrollments", ["person_id": tom.id!.uuidString])
            #expect(full.location == path)
            #expect(try await browser.get(path).text.contains("This cohort is full."))
            let again = try await browser.post(path + "/enrollments", ["person_id": lea.id!.uuidString])
            #expect(again.location == path)
            #expect(try await CohortMemberRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func learnersSeeTheirCohortButNotTheAddressesOfOthers() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let cohort = try await fx.cohort(in: org, name: "Ours")
            let lea = try await fx.person("lea@acme.test", name: "Lea", in: org)
            let tom = try await fx.person("tom@acme.test", name: "Tom", in: org)
            try await fx.enroll(lea, in: cohort)
            try await fx.enroll(tom, in: cohort)
            var browser = try await fx.signedIn(lea)
            let page = try await browser.get("/orgs/\(org.id!.uuidString)/cohorts/\(cohort.id!.uuidString)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Tom"))
            #expect(!page.text.contains("tom@acme.test"))
            #expect(!page.text.contains("Enroll a learner"))
            #expect(!page.text.contains("Remove"))
        }
    }

    @Test func learnersSeeOnlyTheirOwnCohortsAndCannotEnrollThemselves() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let mine = try await fx.cohort(in: org, name: "Mine")
            let other = try await fx.cohort(in: org, name: "Theirs")
            let lea = try await fx.person("lea@acme.test", in: org)
            try await fx.enroll(lea, in: mine)
            var browser = try await fx.signedIn(lea)
            let home = try await browser.get("/")
            #expect(home.text.contains("My trainings"))
            #expect(home.text.contains("Mine"))
            #expect(!home.text.contains("Theirs"))
            #expect(!home.text.contains(">People<"))
            let base = "/orgs/\(org.id!.uuidString)/cohorts/\(other.id!.uuidString)"
            #expect(try await browser.get(base).status == .notFound)
            #expect(try await browser.post(base + "/enrollments", ["person_id": lea.id!.uuidString]).status == .notFound)
            #expect(try await CohortMemberRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func trainersSeeTheCohortsTheyRun() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let cohort = try await fx.cohort(in: org, name: "Run by Tess")
            let tess = try await fx.person("tess@acme.test", name: "Tess", in: org, roles: [.trainer])
            let lea = try await fx.person("lea@acme.test", in: org)
            try await fx.enroll(tess, in: cohort, as: .trainer)
            try await fx.enroll(lea, in: cohort)
            var browser = try await fx.signedIn(tess)
            let home = try await browser.get("/")
            #expect(home.text.contains("Cohorts you run"))
            #expect(home.text.contains("Run by Tess"))
            #expect(home.text.contains("1 learner"))
            let page = try await browser.get("/orgs/\(org.id!.uuidString)/cohorts/\(cohort.id!.uuidString)")
            #expect(page.status == .ok)
            #expect(page.text.contains("lea@acme.test"))
            #expect(!page.text.contains("Enroll a learner"))
        }
    }
}

@Suite struct ErrorPageTests {
    @Test func signedInPeopleKeepTheirNavigationOnAnErrorPage() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization("Acme")
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            var browser = try await fx.signedIn(admin)
            let page = try await browser.get("/orgs/\(org.id!.uuidString)/cohorts/\(UUID().uuidString)")
            #expect(page.status == .notFound)
            #expect(page.text.contains("Page not found"))
            #expect(page.text.contains(#"aria-label="Main""#))
            #expect(page.text.contains(">People<"))
        }
    }
}
