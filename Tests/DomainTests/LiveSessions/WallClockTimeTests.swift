import Foundation
import PropertyBased
import Testing
@testable import Domain

@Suite struct WallClockTimeTests {
    static let zones = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Pacific/Auckland",
                        "Australia/Lord_Howe", "America/Sao_Paulo", "Asia/Tokyo"]

    @Test func timesOfDayAreReadExactly() {
        #expect(TimeOfDay("00:00")?.minutesSinceMidnight == 0)
        #expect(TimeOfDay("23:59")?.description == "23:59")
        #expect(TimeOfDay("07:05")?.description == "07:05")
        for text in ["", "7:05", "07:5", "24:00", "12:60", "-1:00", "12:00 ", "１２:００", "12.00", "12:00:00"] {
            #expect(TimeOfDay(text) == nil, "\(text)")
        }
    }

    @Test func parisInSpringAndAutumn() throws {
        let paris = try #require(TimeZone(ianaName: "Europe/Paris"))
        let gap = WallClockTime(day: Day("2027-03-28")!, time: TimeOfDay("02:30")!)
        #expect(gap.resolve(in: paris) == .skipped && gap.firstInstant(in: paris) == nil)
        let noon = WallClockTime(day: Day("2027-03-28")!, time: TimeOfDay("12:00")!)
        #expect(noon.resolve(in: paris) == .exact(Date(timeIntervalSince1970: 1_806_228_000)))  // 10:00 UTC
    }

    /// Lord Howe Island moves its clocks by half an hour: the gap and the overlap are 30 minutes.
    @Test func halfHourChangesAreHandledToo() throws {
        let lordHowe = try #require(TimeZone(ianaName: "Australia/Lord_Howe"))
        // Clocks go from 02:00 to 02:30 on the first Sunday of October 2027 (the 3rd).
        #expect(WallClockTime(day: Day("2027-10-03")!, time: TimeOfDay("02:15")!).resolve(in: lordHowe) == .skipped)
        if case .exact = WallClockTime(day: Day("2027-10-03")!, time: TimeOfDay("02:30")!).resolve(in: lordHowe) {} else {
            Issue.record("02:30 exists once")
        }
        // And back from 02:00 to 01:30 on the first Sunday of April 2027 (the 4th).
        guard case .ambiguous(let first, let second) = WallClockTime(day: Day("2027-04-04")!, time: TimeOfDay("01:45")!)
            .resolve(in: lordHowe) else {
            Issue.record("01:45 happens twice")
            return
        }
        #expect(second.timeIntervalSince(first) == 30 * 60)
    }

    /// Whatever the zone, the wall time an instant shows resolves back to that instant (as the
    /// only one, or as one of the two around a change).
    @Test func anInstantsWallTimeLeadsBackToIt() async {
        let cases = Generator<(minute: Int, zone: String), _> { rng in
            // 2000 to 2040, on whole minutes.
            (Int.random(in: 15_778_080...37_822_000, using: &rng), Self.zones.randomElement(using: &rng)!)
        }
        await propertyCheck(count: 500, input: cases) { minute, name in
            let zone = TimeZone(ianaName: name)!
            let instant = Date(timeIntervalSince1970: TimeInterval(minute) * 60)
            let wall = WallClockTime(instant, in: zone)
            switch wall.resolve(in: zone) {
            case .exact(let found): #expect(found == instant)
            case .ambiguous(let first, let second): #expect(first == instant || second == instant)
            case .skipped: Issue.record("\(wall) in \(name) was shown at \(instant)")
            }
        }
    }
}
