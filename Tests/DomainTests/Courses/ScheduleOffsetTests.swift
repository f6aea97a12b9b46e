import Testing
@testable import Domain

@Suite struct ScheduleOffsetTests {
    // 2027-03-01 is a Monday, 2027-03-03 a Wednesday.
    @Test(arguments: [
        ("2027-03-01", 1, 1, 0, "2027-03-01"),
        ("2027-03-01", 2, 1, 0, "2027-03-08"),
        ("2027-03-01", 1, 5, 0, "2027-03-05"),
        ("2027-03-01", 3, 7, 0, "2027-03-21"),
        ("2027-03-03", 1, 1, 0, "2027-03-03"),   // before the start: the start itself
        ("2027-03-03", 1, 5, 0, "2027-03-05"),
        ("2027-03-03", 2, 1, 0, "2027-03-08"),
        ("2027-03-01", 2, 1, 7, "2027-03-15"),   // the cohort was shifted a week later
        ("2027-03-01", 2, 1, -3, "2027-03-05"),
        ("2027-12-29", 2, 1, 0, "2028-01-03"),   // across a year
    ])
    func resolvesAgainstTheCohortStart(start: String, week: Int, weekday: Int, shift: Int, expected: String) throws {
        let offset = try #require(ScheduleOffset(week: week, weekday: weekday))
        #expect(offset.resolve(start: try #require(Day(start)), shiftDays: shift).description == expected)
    }

    @Test func describesItselfAsAPersonWould() {
        #expect(ScheduleOffset(week: 2, weekday: 1)?.description == "Week 2, Monday")
        #expect(ScheduleOffset(week: 10, weekday: 7)?.description == "Week 10, Sunday")
    }

    @Test(arguments: [("", "", true, false), ("2", "3", false, false), ("2", "", false, false), ("0", "1", true, true),
                      ("105", "1", true, true), ("2", "8", true, true), ("two", "1", true, true), (" 3 ", " 5 ", false, false)])
    func formFields(week: String, weekday: String, isNil: Bool, isError: Bool) {
        var v = Validator()
        let offset = ScheduleOffset.check(week: week, weekday: weekday, field: "due_week", into: &v)
        #expect((offset == nil) == isNil)
        #expect(v.errors == (isError ? [FieldError("due_week", .outOfRange)] : []))
    }
}
