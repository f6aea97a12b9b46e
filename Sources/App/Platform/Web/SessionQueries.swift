import Domain
import Fluent
import SQLKit
import Vapor

/// The signed-in context every page needs — session, person and their memberships — in ONE query,
/// decoded by column. This is the hot path of every page, so it skips Fluent's reflective model
/// decoding (which dominated the profile of the home page).
enum SessionQueries {
    struct SignedIn: Sendable {
        let user: CurrentUser
        let memberships: [MembershipSummary]
        let expiresAt: Date
    }

    static func signedIn(tokenHash: String, now: Date, on db: any Database) async throws -> SignedIn? {
        guard let sql = db as? any SQLDatabase else { return nil }
        let rows = try await sql.select()
            .column(SQLColumn("id", table: "sessions"), as: "session_id")
            .column(SQLColumn("organization_id", table: "sessions"), as: "current_org")
            .column(SQLColumn("expires_at", table: "sessions"), as: "expires_at")
            .column(SQLColumn("id", table: "people"), as: "person_id")
            .column(SQLColumn("name", table: "people"), as: "person_name")
            .column(SQLColumn("email", table: "people"), as: "person_email")
            .column(SQLColumn("roles", table: "memberships"), as: "roles")
            .column(SQLColumn("id", table: "organizations"), as: "org_id")
            .column(SQLColumn("name", table: "organizations"), as: "org_name")
            .from("sessions")
            .join("people", on: SQLColumn("person_id", table: "sessions"), .equal, SQLColumn("id", table: "people"))
            .join("memberships", method: SQLJoinMethod.left, on: SQLColumn("person_id", table: "memberships"), .equal, SQLColumn("id", table: "people"))
            .join("organizations", method: SQLJoinMethod.left, on: SQLColumn("organization_id", table: "memberships"), .equal, SQLColumn("id", table: "organizations"))
            .where(SQLColumn("token_hash", table: "sessions"), .equal, SQLBind(tokenHash))
            .where(SQLColumn("expires_at", table: "sessions"), .greaterThan, SQLBind(now))
            .orderBy(SQLColumn("name", table: "organizations"))
            .all()
        guard let first = rows.first else { return nil }
        let email = try first.decode(column: "person_email", as: String.self)
        let person = Person(id: .init(try first.decode(column: "person_id", as: UUID.self)),
                            name: try first.decode(column: "person_name", as: String.self),
                            email: EmailAddress(email) ?? EmailAddress("invalid@invalid.invalid")!)
        let user = CurrentUser(person: person, sessionID: try first.decode(column: "session_id", as: UUID.self),
                               currentOrganizationID: try first.decode(column: "current_org", as: UUID?.self))
        let memberships = try rows.compactMap { row -> MembershipSummary? in
            guard let orgID = try row.decode(column: "org_id", as: UUID?.self) else { return nil }
            return MembershipSummary(organization: Organization(id: .init(orgID), name: try row.decode(column: "org_name", as: String.self)),
                                     roles: Role.decode(try row.decode(column: "roles", as: String.self)))
        }
        return SignedIn(user: user, memberships: memberships, expiresAt: try first.decode(column: "expires_at", as: Date.self))
    }
}
