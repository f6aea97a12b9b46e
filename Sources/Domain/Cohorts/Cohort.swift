import Foundation

/// A private run of one course for a small group, with its own dates, capacity and staff.
public struct Cohort: Hashable, Sendable {
    public typealias ID = Identifier<Cohort>
    public let id: ID
    public let organizationID: Organization.ID
    public let courseID: Course.ID
    public var name: String
    public var startDate: Day
    public var endDate: Day
    public var capacity: Int

    public init(id: ID, organizationID: Organization.ID, courseID: Course.ID, name: String,
                startDate: Day, endDate: Day, capacity: Int) {
        self.id = id
        self.organizationID = organizationID
        self.courseID = courseID
        self.name = name
        self.startDate = startDate
        self.endDate = endDate
        self.capacity = capacity
    }

    /// Small by design: a SPOC is a group people can know each other in.
    public static let defaultCapacity = 25
    public static let capacityRange = 1...500
    public static let maximumNameLength = 120

    /// Until someone picks the group's zone, times are in UTC.
    public static let defaultTimeZone = "UTC"

    /// A `time_zone` field: empty means the default; anything but a known IANA name is refused.
    static func checkTimeZone(_ text: String?, into v: inout Validator) -> String {
        let name = (text ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty { return defaultTimeZone }
        guard TimeZone(ianaName: name) != nil else { v.add("time_zone", .invalid); return defaultTimeZone }
        return name
    }

    /// The zone's name, checked, for the cohort's own setting.
    public static func checkTimeZone(_ text: String?) throws(ValidationErrors) -> String {
        var v = Validator()
        let name = checkTimeZone(text, into: &v)
        if !v.errors.isEmpty { throw ValidationErrors(v.errors) }
        return name
    }

    public enum Status: String, Sendable { case upcoming, running, finished }

    public func status(today: Day) -> Status {
        if today < startDate { return .upcoming }
        if endDate < today { return .finished }
        return .running
    }
}

/// A new cohort's details, checked: dates in order, capacity within bounds.
public struct CohortInput: Sendable, Equatable {
    public let name: String
    public let courseID: Course.ID
    public let startDate: Day
    public let endDate: Day
    public let capacity: Int
    /// The IANA name of the zone the group lives in: live classes are scheduled in its clocks.
    public let timeZone: String

    public init(name: String, courseID: Course.ID, startDate: Day, endDate: Day, capacity: Int,
                timeZone: String = Cohort.defaultTimeZone) {
        self.name = name
        self.courseID = courseID
        self.startDate = startDate
        self.endDate = endDate
        self.capacity = capacity
        self.timeZone = timeZone
    }

    /// - Parameter capacity: the text of the field; empty means the default.
    /// - Parameter timeZone: an IANA name; empty or absent means `Cohort.defaultTimeZone`.
    public static func check(name: String?, courseID: String?, startDate: String?, endDate: String?,
                             capacity: String?, timeZone: String? = nil) throws -> CohortInput {
        var v = Validator()
        let name = v.text(name, field: "name", max: Cohort.maximumNameLength)
        let course = courseID.flatMap { Course.ID($0.trimmingCharacters(in: .whitespaces)) }
        if course == nil { v.add("course_id", (courseID ?? "").isEmpty ? .required : .invalid) }
        let start = day(startDate, field: "start_date", into: &v)
        let end = day(endDate, field: "end_date", into: &v)
        if let start, let end, end < start { v.add("end_date", .endBeforeStart) }
        let capacityText = (capacity ?? "").trimmingCharacters(in: .whitespaces)
        let seats = capacityText.isEmpty ? Cohort.defaultCapacity : Int(capacityText)
        if let seats, !Cohort.capacityRange.contains(seats) { v.add("capacity", .outOfRange) }
        if seats == nil { v.add("capacity", .invalid) }
        let zone = Cohort.checkTimeZone(timeZone, into: &v)
        try v.check()
        return CohortInput(name: name, courseID: course!, startDate: start!, endDate: end!, capacity: seats!, timeZone: zone)
    }

    private static func day(_ text: String?, field: String, into v: inout Validator) -> Day? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { v.add(field, .required); return nil }
        guard let day = Day(trimmed) else { v.add(field, .invalidDate); return nil }
        return day
    }
}
