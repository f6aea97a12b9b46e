import Domain
import Fluent
import SQLKit
import Vapor
import Views

/// Loads what cohort pages show in a fixed number of queries, whatever the number of cohorts.
enum CohortQueries {
    struct PersonCohorts: Sendable {
        var learning: [HomePageModel.CohortCard] = []
        var running: [HomePageModel.CohortCard] = []
    }

    /// The cohorts one person is in within one organization, split by the part they play. One query,
    /// decoded by column: this feeds every home page.
    static func cohorts(of personID: UUID, in organizationID: UUID, today: Day, on db: any Database) async throws -> PersonCohorts {
        guard let sql = db as? any SQLDatabase else { return PersonCohorts() }
        let rows = try await sql.select()
            .column(SQLColumn("role", table: "cohort_members"), as: "role")
            .column(SQLColumn("id", table: "cohorts"), as: "id")
            .column(SQLColumn("name", table: "cohorts"), as: "name")
            .column(SQLColumn("start_date", table: "cohorts"), as: "start_date")
            .column(SQLColumn("end_date", table: "cohorts"), as: "end_date")
            .column(SQLColumn("name", table: "courses"), as: "course_name")
            .from("cohort_members")
            .join("cohorts", on: SQLColumn("cohort_id", table: "cohort_members"), .equal, SQLColumn("id", table: "cohorts"))
            .join("courses", on: SQLColumn("course_id", table: "cohorts"), .equal, SQLColumn("id", table: "courses"))
            .where(SQLColumn("person_id", table: "cohort_members"), .equal, SQLBind(personID))
            .where(SQLColumn("organization_id", table: "cohort_members"), .equal, SQLBind(organizationID))
            .orderBy(SQLOrderBy(expression: SQLColumn("start_date", table: "cohorts"), direction: SQLDirection.descending))
            .all()
        var result = PersonCohorts()
        var seenRunning: Set<UUID> = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let start = Day(try row.decode(column: "start_date", as: String.self)) ?? today
            let end = Day(try row.decode(column: "end_date", as: String.self)) ?? today
            let status: Cohort.Status = today < start ? .upcoming : (end < today ? .finished : .running)
            let card = HomePageModel.CohortCard(id: .init(id), name: try row.decode(column: "name", as: String.self),
                                                courseName: try row.decode(column: "course_name", as: String.self),
                                                dates: "\(start) → \(end)", status: status, learners: nil)
            if try row.decode(column: "role", as: String.self) == CohortRole.learner.rawValue {
                result.learning.append(card)
            } else if seenRunning.insert(id).inserted {
                result.running.append(card)
            }
        }
        if !result.running.isEmpty {
            let counts = try await learnerCounts(result.running.map(\.id.uuid), on: db)
            result.running = result.running.map { card($0, learners: counts[$0.id.uuid] ?? 0) }
        }
        return result
    }

    /// Every cohort of an organization, newest first, with learner counts.
    static func organizationCohorts(_ organizationID: UUID, today: Day, on db: any Database,
                                    limit: Int = 500) async throws -> [HomePageModel.CohortCard] {
        let rows = try await CohortRecord.query(on: db)
            .join(CourseRecord.self, on: \CohortRecord.$course.$id == \CourseRecord.$id)
            .filter(\.$organization.$id == organizationID)
            .sort(\.$startDate, .descending)
            .limit(limit)
            .all()
        let counts = try await learnerCounts(rows.map { $0.id! }, on: db)
        return try rows.map { try card($0, courseName: $0.joined(CourseRecord.self).name, today: today, learners: counts[$0.id!] ?? 0) }
    }

    /// Learners per cohort in one grouped query.
    static func learnerCounts(_ cohortIDs: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !cohortIDs.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        struct Row: Decodable { let cohort_id: UUID; let count: Int }
        let rows = try await sql.select()
            .column("cohort_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .from(CohortMemberRecord.schema)
            .where("role", .equal, CohortRole.learner.rawValue)
            .where("cohort_id", .in, cohortIDs)
            .groupBy("cohort_id")
            .all(decoding: Row.self)
        return Dictionary(rows.map { ($0.cohort_id, $0.count) }, uniquingKeysWith: +)
    }

    static func card(_ record: CohortRecord, courseName: String, today: Day, learners: Int?) -> HomePageModel.CohortCard {
        let cohort = record.domain()
        return HomePageModel.CohortCard(id: cohort.id, name: cohort.name, courseName: courseName,
                                        dates: "\(cohort.startDate) → \(cohort.endDate)", status: cohort.status(today: today),
                                        learners: learners)
    }

    static func card(_ card: HomePageModel.CohortCard, learners: Int) -> HomePageModel.CohortCard {
        HomePageModel.CohortCard(id: card.id, name: card.name, courseName: card.courseName, dates: card.dates,
                                 status: card.status, learners: learners)
    }

    /// The people who are `role` in a cohort (its learners, its trainers…), or everyone in it,
    /// each once.
    static func memberIDs(of cohortID: UUID, role: CohortRole? = nil, on db: any Database) async throws -> [UUID] {
        let query = CohortMemberRecord.query(on: db).filter(\.$cohort.$id == cohortID)
        if let role { query.filter(\.$role == role.rawValue) }
        var seen = Set<UUID>()
        return try await query.all().map(\.$person.id).filter { seen.insert($0).inserted }
    }

    /// A cohort of the organization, or 404.
    static func find(_ text: String?, in organizationID: UUID, on db: any Database) async throws -> CohortRecord {
        guard let id = text.flatMap(UUID.init(uuidString:)),
              let cohort = try await CohortRecord.query(on: db).filter(\.$id == id)
                .filter(\.$organization.$id == organizationID).first() else { throw AppError.notFound() }
        return cohort
    }
}

extension Day {
    /// Today in UTC; cohorts are days, and a few hours of skew at midnight are harmless here.
    static func today(_ now: Date = Date()) -> Day {
        Day(utc: now)
    }
}
