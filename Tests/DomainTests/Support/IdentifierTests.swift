import Foundation
import Testing
@testable import Domain

@Suite struct IdentifierTests {
    private let text = "3F2504E0-4F89-41D3-9D2A-0C04FE8A0B1C"

    @Test func parsesCanonicalTextInEitherCaseAndPrintsLowerCase() throws {
        let upper = try #require(Course.ID(text))
        let lower = try #require(Course.ID(text.lowercased()))
        #expect(upper == lower)
        #expect(upper.description == text.lowercased())
        #expect(upper.uuid == UUID(uuidString: text))
    }

    @Test(arguments: ["", "not-a-uuid", "3F2504E0-4F89-41D3-9D2A-0C04FE8A0B1", "3F2504E04F8941D39D2A0C04FE8A0B1C",
                      "{3F2504E0-4F89-41D3-9D2A-0C04FE8A0B1C}", " 3F2504E0-4F89-41D3-9D2A-0C04FE8A0B1C"])
    func rejectsAnythingElse(text: String) {
        #expect(Cohort.ID(text) == nil)
    }

    @Test func printsWhatFoundationPrintsForAnyUUID() {
        let fixed = [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                     UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))]
        for uuid in fixed + (0..<500).map({ _ in UUID() }) {
            #expect(Cohort.ID(uuid).description == uuid.uuidString.lowercased())
            #expect(uuid.uppercasedText == uuid.uuidString)
        }
    }

    @Test func textOrderIsTheOrderOfUUIDString() {
        let uuids = (0..<300).map { _ in UUID() } + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9)),
                                                   UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10))]
        #expect(uuids.sorted(by: UUID.textOrder) == uuids.sorted { $0.uuidString < $1.uuidString })
        let one = UUID()
        #expect(!UUID.textOrder(one, one))
    }

    @Test func codableRoundTripEncodesLowerCaseText() throws {
        let id = try #require(Person.ID(text))
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(text.lowercased())\"]")
        #expect(try JSONDecoder().decode([Person.ID].self, from: data) == [id])
        let fromUpper = try JSONDecoder().decode([Person.ID].self, from: Data("[\"\(text)\"]".utf8))
        #expect(fromUpper == [id])
    }

    @Test func decodingRejectsNonUUIDs() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Organization.ID].self, from: Data(#"["nope"]"#.utf8))
        }
    }

    @Test func idsOfDifferentSubjectsShareTheUUIDButNotTheType() {
        let uuid = UUID()
        let course = Course.ID(uuid), cohort = Cohort.ID(uuid)
        #expect(course.uuid == cohort.uuid)
        #expect(type(of: course) != type(of: cohort))
    }
}
