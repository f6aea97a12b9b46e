import Foundation

/// Turns a CSV of employees (`name,email,role,cohort`, header first) into invitations.
/// All or nothing: every bad row is reported with its line number and nothing is imported.
public enum InvitationImport {
    public static let maximumRows = 1_000
    public static let columns = ["name", "email", "role", "cohort"]

    public struct RowError: Error, Hashable, Sendable {
        public let line: Int
        public let field: String
        public let reason: FieldError.Reason
    }

    public enum Failure: Error, Equatable, Sendable {
        case empty
        case unterminatedQuote(line: Int)
        case missingColumns([String])
        case tooManyRows(limit: Int)
        case rows([RowError])
    }

    /// - Parameter cohorts: the organization's cohorts by name; names match case-insensitively, and
    ///   when several differ only in case, only an exact match picks one.
    public static func parse(_ text: String, cohorts: [String: Cohort.ID]) throws(Failure) -> [InvitationInput] {
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(text) } catch {
            if case .unterminatedQuote(let line) = error as? CSVReader.Failure { throw .unterminatedQuote(line: line) }
            throw .empty
        }
        guard let header = records.first else { throw .empty }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = ["name", "email", "role"].filter { !names.contains($0) }
        if !missing.isEmpty { throw .missingColumns(missing) }
        // Spreadsheets export cleared rows as bare commas: like blank lines, they are nobody.
        let rows = records.dropFirst().filter {
            !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }
        if rows.isEmpty { throw .empty }
        if rows.count > maximumRows { throw .tooManyRows(limit: maximumRows) }
        // Names differing only in case are ambiguous: only an exact match picks one of them, never
        // dictionary order.
        let byName = Dictionary(grouping: cohorts, by: { $0.key.lowercased() })
        func cohortID(named name: String) -> Cohort.ID? {
            if let exact = cohorts[name] { return exact }
            guard let matches = byName[name.lowercased()], matches.count == 1 else { return nil }
            return matches[0].value
        }
        func column(_ name: String, _ record: CSVReader.Record) -> String? {
            guard let index = names.firstIndex(of: name), index < record.fields.count else { return nil }
            return record.fields[index]
        }
        var result: [InvitationInput] = []
        var errors: [RowError] = []
        var seen: Set<EmailAddress> = []
        for record in rows {
            var v = Validator()
            let row = InvitationInput.check(name: column("name", record), email: column("email", record),
                                            role: column("role", record), into: &v)
            let cohortName = (column("cohort", record) ?? "").trimmingCharacters(in: .whitespaces)
            let cohort = cohortName.isEmpty ? nil : cohortID(named: cohortName)
            if !cohortName.isEmpty, cohort == nil { v.add("cohort", .unknownCohort) }
            if cohort != nil, let role = row.role, !role.joinsCohorts { v.add("cohort", .notACohortRole) }
            if let email = row.email, !seen.insert(email).inserted { v.add("email", .duplicate) }
            errors += v.errors.map { RowError(line: record.line, field: $0.field, reason: $0.reason) }
            if v.errors.isEmpty {
                result.append(InvitationInput(name: row.name, email: row.email!, role: row.role!, cohortID: cohort))
            }
        }
        if !errors.isEmpty { throw .rows(errors) }
        return result
    }
}
