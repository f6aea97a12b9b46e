import Foundation
import Testing
@testable import Domain

@Suite struct LiveSessionInputTests {
    static let valid: [String: String] = [
        "title": "Negotiation clinic", "agenda": "1. Cases\n2. Questions", "date": "2027-03-01", "time": "10:00",
        "time_zone": "Europe/Paris", "duration": "60", "provider": "room",
    ]

    static func check(_ changes: [String: String] = [:], hosts: [String] = [LiveSamples.trainer.description])
        throws(ValidationErrors) -> LiveSessionInput {
        let f = valid.merging(changes) { $1 }
        return try LiveSessionInput.check(
            title: f["title"], agenda: f["agenda"], date: f["date"], time: f["time"], timeZone: f["time_zone"],
            duration: f["duration"], provider: f["provider"], link: f["link"], recording: f["recording"],
            hosts: hosts, staff: [LiveSamples.trainer, LiveSamples.facilitator])
    }

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func aValidFormBuildsASessionInUTC() throws {
        let input = try Self.check(["title": "  Negotiation clinic ", "agenda": "Line one\r\nLine two"])
        #expect(input.title == "Negotiation clinic")
        #expect(input.agenda == "Line one\nLine two")
        #expect(input.start == Self.utc("2027-03-01T09:00:00Z"))  // 10:00 in Paris, winter time (UTC+1)
        #expect(input.timeZone == "Europe/Paris")
        #expect(input.provider == .builtInRoom)
        #expect(input.hosts == [LiveSamples.trainer])
        #expect(input.recording == nil)
        let session = input.session(id: LiveSession.ID(UUID()), cohortID: LiveSamples.cohort, activityID: nil)
        #expect(session.sequence == 0 && !session.isCancelled && session.closedAt == nil)
        #expect(session.end == Self.utc("2027-03-01T10:00:00Z"))
        #expect(session.localStart.description == "2027-03-01 10:00")
    }

    @Test(arguments: [
        ("UTC", "2027-03-01", "09:00", "2027-03-01T09:00:00Z"),
        ("Asia/Tokyo", "2027-03-01", "18:00", "2027-03-01T09:00:00Z"),
        ("Asia/Kolkata", "2027-03-01", "14:30", "2027-03-01T09:00:00Z"),
        // East of UTC across midnight: Tuesday morning in Auckland (UTC+13 in summer) is Monday in UTC.
        ("Pacific/Auckland", "2027-03-02", "08:00", "2027-03-01T19:00:00Z"),
        ("America/New_York", "2027-03-01", "04:00", "2027-03-01T09:00:00Z"),
        ("Europe/Paris", "2027-07-01", "11:00", "2027-07-01T09:00:00Z"),  // summer time (UTC+2)
    ])
    func localTimeBecomesUTC(zone: String, date: String, time: String, expected: String) throws {
        let input = try Self.check(["time_zone": zone, "date": date, "time": time])
        #expect(input.start == Self.utc(expected))
        #expect(input.timeZone == zone)
        let session = input.session(id: LiveSession.ID(UUID()), cohortID: LiveSamples.cohort, activityID: nil)
        #expect(session.localStart.description == "\(date) \(time)")
    }

    @Test(arguments: [
        ("Europe/Paris", "2027-03-28", "02:30"), ("Europe/Paris", "2027-03-28", "02:00"),
        ("Europe/Paris", "2027-03-28", "02:59"), ("America/New_York", "2027-03-14", "02:30"),
    ])
    func aTimeTheClocksSkipIsAFieldError(zone: String, date: String, time: String) {
        #expect(fieldErrors { try Self.check(["time_zone": zone, "date": date, "time": time]) }
                == [FieldError("time", .outOfRange)])
    }

    @Test func aroundTheSpringGapTimesExist() throws {
        let paris = ["time_zone": "Europe/Paris", "date": "2027-03-28"]
        #expect(try Self.check(paris.merging(["time": "01:59"]) { $1 }).start == Self.utc("2027-03-28T00:59:00Z"))
        #expect(try Self.check(paris.merging(["time": "03:00"]) { $1 }).start == Self.utc("2027-03-28T01:00:00Z"))
    }

    @Test func aTimeTheClocksShowTwiceIsTakenAtItsFirstOccurrence() throws {
        let input = try Self.check(["time_zone": "Europe/Paris", "date": "2027-10-31", "time": "02:30"])
        #expect(input.start == Self.utc("2027-10-31T00:30:00Z"))  // 02:30 summer time (UTC+2)
        let wall = WallClockTime(day: Day("2027-10-31")!, time: TimeOfDay("02:30")!)
        #expect(wall.resolve(in: TimeZone(ianaName: "Europe/Paris")!)
                == .ambiguous(first: Self.utc("2027-10-31T00:30:00Z"), second: Self.utc("2027-10-31T01:30:00Z")))
        let session = input.session(id: LiveSession.ID(UUID()), cohortID: LiveSamples.cohort, activityID: nil)
        #expect(session.localStart == wall)
        // Just outside the repeated hour, one instant each.
        #expect(try Self.check(["time_zone": "Europe/Paris", "date": "2027-10-31", "time": "01:59"]).start
                == Self.utc("2027-10-30T23:59:00Z"))
        #expect(try Self.check(["time_zone": "Europe/Paris", "date": "2027-10-31", "time": "03:00"]).start
                == Self.utc("2027-10-31T02:00:00Z"))
    }

    @Test(arguments: [
        ("title", "", FieldError.Reason.required), ("title", String(repeating: "t", count: 201), .tooLong),
        ("title", "Clinic\nBcc: x@evil.test", .controlCharacters),
        ("agenda", String(repeating: "a", count: 20_001), .tooLong), ("agenda", "bell\u{7}", .controlCharacters),
        ("date", "", .required), ("date", "2027-02-30", .invalidDate), ("date", "01/03/2027", .invalidDate),
        ("time", "", .required), ("time", "24:00", .invalid), ("time", "9:00", .invalid), ("time", "10:60", .invalid),
        ("time", "10h00", .invalid), ("time", "10:00:00", .invalid),
        ("time_zone", "", .required), ("time_zone", "Nowhere/Land", .invalid), ("time_zone", "europe/paris", .invalid),
        ("time_zone", "CET", .invalid), ("time_zone", "GMT+2", .invalid), ("time_zone", "GMT", .invalid),
        ("duration", "", .required), ("duration", "an hour", .invalid), ("duration", "14", .outOfRange),
        ("duration", "481", .outOfRange), ("duration", "-60", .outOfRange),
        ("provider", "", .required), ("provider", "zoom", .invalid),
        ("recording", "http://videos.acme.test/1", .invalid), ("recording", "javascript:alert(1)", .invalid),
        ("recording", "https://videos.acme.test/a b", .invalid),
    ] as [(String, String, FieldError.Reason)])
    func eachBadFieldIsReportedAndNoSessionIsMade(field: String, value: String, reason: FieldError.Reason) {
        #expect(fieldErrors { try Self.check([field: value]) } == [FieldError(field, reason)])
    }

    @Test func boundsAreInclusive() throws {
        let title = String(repeating: "t", count: 200), agenda = String(repeating: "a", count: 20_000)
        #expect(try Self.check(["title": title, "agenda": agenda]).title == title)
        #expect(try Self.check(["duration": "15"]).durationMinutes == 15)
        #expect(try Self.check(["duration": "480"]).durationMinutes == 480)
        #expect(try Self.check(["agenda": ""]).agenda == "")
    }

    @Test func anExternalProviderTakesAnHTTPSLink() throws {
        let link = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d"
        let input = try Self.check(["provider": "external", "link": "  \(link) "])
        #expect(input.provider == .external(HTTPSLink(link)!))
        #expect(input.provider.link?.text == link)
        let longest = "https://zoom.test/" + String(repeating: "j", count: 2_000 - 18)
        #expect(try Self.check(["provider": "external", "link": longest]).provider.link?.text == longest)
    }

    @Test(arguments: [
        ("", FieldError.Reason.required), ("http://zoom.test/j/1", .invalid), ("javascript:alert(1)", .invalid),
        ("JAVASCRIPT://%0Aalert(1)", .invalid), ("data:text/html,<script>alert(1)</script>", .invalid),
        ("https://zoom.test/j/1 2", .invalid), ("https:// zoom.test", .invalid), ("https://", .invalid),
        ("https://teams.microsoft.com@evil.test/", .invalid), ("https://zoom.test/\"onmouseover=\"x", .invalid),
        ("//zoom.test/j/1", .invalid), ("zoom.test/j/1", .invalid), ("https://zoom.test/é", .invalid),
        ("https:\\\\evil.test", .invalid), ("https://zoom.test/" + String(repeating: "j", count: 1_983), .tooLong),
    ] as [(String, FieldError.Reason)])
    func anExternalLinkThatIsNotAPlainHTTPSLinkIsRefused(link: String, reason: FieldError.Reason) {
        #expect(fieldErrors { try Self.check(["provider": "external", "link": link]) } == [FieldError("link", reason)])
    }

    @Test func aLinkLeftInTheFormForAnotherProviderIsDropped() throws {
        for provider in ["room", "bigbluebutton", "jitsi"] {
            let input = try Self.check(["provider": provider, "link": "javascript:alert(1)"])
            #expect(input.provider.kind.rawValue == provider)
            #expect(input.provider.link == nil)
        }
    }

    @Test func theRecordingIsAnOptionalHTTPSLink() throws {
        #expect(try Self.check(["recording": "  "]).recording == nil)
        #expect(try Self.check(["recording": "https://videos.acme.test/rec/42?t=1"]).recording?.text
                == "https://videos.acme.test/rec/42?t=1")
    }

    @Test func hostsAreTheCohortsStaffEachOnce() throws {
        let trainer = LiveSamples.trainer.description, facilitator = LiveSamples.facilitator.description
        #expect(try Self.check(hosts: [facilitator, " \(trainer) ", facilitator, ""]).hosts
                == [LiveSamples.facilitator, LiveSamples.trainer])
        #expect(fieldErrors { try Self.check(hosts: []) } == [FieldError("hosts", .required)])
        #expect(fieldErrors { try Self.check(hosts: [" "]) } == [FieldError("hosts", .required)])
        #expect(fieldErrors { try Self.check(hosts: [trainer, LiveSamples.learners[0].description]) }
                == [FieldError("hosts", .invalid)])
        #expect(fieldErrors { try Self.check(hosts: ["not-an-id"]) } == [FieldError("hosts", .invalid)])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let errors = fieldErrors {
            try LiveSessionInput.check(title: nil, agenda: nil, date: "tomorrow", time: "25:00", timeZone: "Mars/Olympus",
                                       duration: "5", provider: "external", link: "http://x.test", recording: "ftp://x.test",
                                       hosts: [LiveSamples.outsider.description], staff: [LiveSamples.trainer])
        }
        #expect(errors == [
            FieldError("title", .required), FieldError("date", .invalidDate), FieldError("time", .invalid),
            FieldError("time_zone", .invalid), FieldError("duration", .outOfRange), FieldError("link", .invalid),
            FieldError("recording", .invalid), FieldError("hosts", .invalid),
        ])
    }

    @Test func aGapIsOnlyCheckedWhenDateTimeAndZoneAreValid() {
        #expect(fieldErrors { try Self.check(["date": "2027-03-28", "time": "02:30", "time_zone": "Nowhere/Land"]) }
                == [FieldError("time_zone", .invalid)])
    }

    @Test func zoneNames() {
        #expect(TimeZone(ianaName: "UTC")?.secondsFromGMT(for: LiveSamples.start) == 0)
        #expect(TimeZone(ianaName: "Europe/Paris") != nil)
        #expect(TimeZone(ianaName: "Etc/GMT-3")?.secondsFromGMT(for: LiveSamples.start) == 3 * 3600)
        for name in ["", "utc", "Europe/Paris ", "Europe/Atlantis", "../../etc/passwd", "EST", "+02:00"] {
            #expect(TimeZone(ianaName: name) == nil, "\(name)")
        }
    }
}
