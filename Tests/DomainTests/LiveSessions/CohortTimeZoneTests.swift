import Domain
import Foundation
import Testing

@Suite struct CohortTimeZoneTests {
    @Test func aCohortsZoneIsAnIANANameOrTheDefault() throws {
        func zone(_ text: String?) throws -> String {
            try CohortInput.check(name: "Autumn", courseID: UUID().uuidString, startDate: "2027-01-04", endDate: "2027-02-26",
                                  capacity: "", timeZone: text).timeZone
        }
        #expect(try zone(nil) == "UTC")
        #expect(try zone("  ") == "UTC")
        #expect(try zone("Europe/Paris") == "Europe/Paris")
        for bad in ["CET", "GMT+2", "Europe/Atlantis", "Europe/Paris\n", "<b>"] {
            let error = #expect(throws: ValidationErrors.self) { try zone(bad) }
            #expect(error?.errors == [FieldError("time_zone", .invalid)], "\(bad)")
        }
        #expect(try Cohort.checkTimeZone("America/Chicago") == "America/Chicago")
    }

    @Test func theZonePickerOffersUTCFirstThenEveryKnownZoneOnce() {
        let choices = TimeZone.ianaChoices
        #expect(choices.first == "UTC")
        #expect(Set(choices).count == choices.count)
        #expect(choices.contains("Europe/Amsterdam"))
        #expect(choices.allSatisfy { TimeZone(ianaName: $0) != nil })
        #expect(choices.count > 300)
    }
}
