import Domain
import Fluent
import Vapor

/// `--demo`: Northwind Logistics, a company with a running cohort, so a newcomer sees Atelier
/// working at once. Loaded once; a restart keeps what people did in it.
enum DemoSeed {
    static let organizationName = "Northwind Logistics"
    static let password = "atelier-demo"

    struct Account { let email: String; let name: String; let roles: Set<Role> }

    static let accounts: [Account] = [
        Account(email: "admin@northwind.test", name: "Alex Admin", roles: [.admin, .author]),
        Account(email: "trainer1@northwind.test", name: "Tess Trainer", roles: [.trainer, .author]),
        Account(email: "trainer2@northwind.test", name: "Theo Trainer", roles: [.trainer]),
        Account(email: "facilitator@northwind.test", name: "Fay Facilitator", roles: [.facilitator]),
    ] + learnerNames.enumerated().map { index, name in
        let number = index + 1 < 10 ? "0\(index + 1)" : "\(index + 1)"
        return Account(email: "learner\(number)@northwind.test", name: name, roles: [.learner])
    }

    static let learnerNames = ["Lena Ortiz", "Marc Dubois", "Priya Nair", "Jonas Berg", "Aisha Bello", "Tom Walsh",
                               "Chen Wei", "Sofia Rossi", "Omar Haddad", "Eva Novak", "Luis Romero", "Hana Sato"]

    static func load(on app: Application) async throws {
        if try await OrganizationRecord.query(on: app.db).filter(\.$name == organizationName).count() > 0 {
            printAccounts(app)
            return
        }
        // One hash for every demo account: they share a password, and Bcrypt is slow on purpose.
        let hash = try await app.password.async.hash(password)
        let today = Day.today()
        try await app.db.writeTransaction { db in
            let org = OrganizationRecord(name: organizationName)
            try await org.save(on: db)
            var people: [String: PersonRecord] = [:]
            for account in accounts {
                let person = PersonRecord(name: account.name, email: EmailAddress(account.email)!, passwordHash: hash)
                try await person.save(on: db)
                try await MembershipRecord(organizationID: org.id!, personID: person.id!, roles: account.roles).save(on: db)
                people[account.email] = person
            }
            let course = CourseRecord(organizationID: org.id!, name: "Customer Escalations in Practice",
                                      description: "Handle a delayed-shipment escalation from first call to root-cause fix, with real cases from our depots.")
            try await course.save(on: db)
            try await CourseRecord(organizationID: org.id!, name: "Warehouse Safety Essentials",
                                   description: "Daily safety routines for depot teams; the next cohort starts in spring.").save(on: db)
            let input = CohortInput(name: "Escalations — Autumn cohort", courseID: .init(course.id!),
                                    startDate: today.adding(days: -14), endDate: today.adding(days: 42), capacity: 16,
                                    timeZone: DemoLive.timeZone)
            let cohort = CohortRecord(organizationID: org.id!, input: input)
            try await cohort.save(on: db)
            let staff: [(String, CohortRole)] = [("trainer1@northwind.test", .trainer), ("trainer2@northwind.test", .trainer),
                                                 ("facilitator@northwind.test", .facilitator)]
            for (email, role) in staff {
                try await CohortMemberRecord(cohortID: cohort.id!, organizationID: org.id!, personID: people[email]!.id!, role: role).save(on: db)
            }
            for account in accounts where account.roles == [.learner] {
                try await CohortMemberRecord(cohortID: cohort.id!, organizationID: org.id!, personID: people[account.email]!.id!,
                                             role: .learner).save(on: db)
            }
            try await DemoCourse.load(course: course, cohort: cohort, people: people, blobs: app.blobStore, on: db)
            try await DemoQuiz.load(course: course, cohort: cohort, people: people, on: db)
            try await DemoPeerReview.load(course: course, cohort: cohort, people: people, blobs: app.blobStore, on: db)
            try await DemoChat.load(cohort: cohort, people: people, on: db)
            try await DemoForum.load(cohort: cohort, people: people, on: db)
            try await DemoLive.load(cohort: cohort, people: people, on: db)
            try await DemoFollowUp.load(cohort: cohort, people: people, broadcaster: app.realtime.broadcaster, on: db)
        }
        printAccounts(app)
    }

    static func printAccounts(_ app: Application) {
        var lines = ["", "Demo company “\(organizationName)” is loaded. Sign in at \(app.atelierConfig.publicURL)/sign-in",
                     "with any of these accounts; the password of each is \(password):"]
        lines += accounts.map { "  \($0.email)  (\($0.roles.sorted().map(\.rawValue).joined(separator: ", ")))" }
        print(lines.joined(separator: "\n") + "\n")
    }
}
