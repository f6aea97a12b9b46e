import Foundation
import Testing
@testable import Domain

@Suite struct InvitationTests {
    private let expiry = Date(timeIntervalSinceReferenceDate: 800_000_000)

    private func invitation(acceptedAt: Date? = nil, revokedAt: Date? = nil) -> Invitation {
        Invitation(id: Invitation.ID(UUID()), organizationID: Organization.ID(UUID()), name: "Ada",
                   email: EmailAddress("ada@example.com")!, role: .learner, cohortID: nil, expiresAt: expiry,
                   acceptedAt: acceptedAt, revokedAt: revokedAt)
    }

    @Test func pendingUntilJustBeforeExpiry() {
        #expect(invitation().state(now: expiry - Invitation.lifetime) == .pending)
        #expect(invitation().state(now: expiry - 0.001) == .pending)
    }

    @Test func expiredAtTheExactExpiryInstantAndAfter() {
        #expect(invitation().state(now: expiry) == .expired)
        #expect(invitation().state(now: expiry + 1) == .expired)
    }

    @Test func acceptedStaysAcceptedAfterExpiry() {
        let accepted = invitation(acceptedAt: expiry - 60)
        #expect(accepted.state(now: expiry - 30) == .accepted)
        #expect(accepted.state(now: expiry + 86_400) == .accepted)
    }

    @Test func revokedStaysRevokedAfterExpiry() {
        let revoked = invitation(revokedAt: expiry - 60)
        #expect(revoked.state(now: expiry - 30) == .revoked)
        #expect(revoked.state(now: expiry + 86_400) == .revoked)
    }

    @Test func acceptanceWinsOverRevocation() {
        #expect(invitation(acceptedAt: expiry - 60, revokedAt: expiry - 30).state(now: expiry - 1) == .accepted)
    }

    @Test func lifetimeIsTwoWeeks() {
        #expect(Invitation.lifetime == 1_209_600)
    }
}

@Suite struct InvitationInputTests {
    private let cohort = Cohort.ID(UUID())

    @Test func acceptsAValidInvitationWithoutACohort() throws {
        let input = try InvitationInput.check(name: " Ada ", email: " Ada@Example.com", role: " Trainer ",
                                              cohortID: "  ", cohorts: [cohort])
        #expect(input == InvitationInput(name: "Ada", email: EmailAddress("ada@example.com")!, role: .trainer,
                                         cohortID: nil))
    }

    @Test func acceptsAKnownCohortInEitherCase() throws {
        let upper = cohort.uuid.uuidString.uppercased()
        #expect(try InvitationInput.check(name: "Ada", email: "a@b.co", role: "learner", cohortID: upper,
                                          cohorts: [cohort]).cohortID == cohort)
        #expect(try InvitationInput.check(name: "Ada", email: "a@b.co", role: "learner",
                                          cohortID: " \(cohort) ", cohorts: [cohort]).cohortID == cohort)
    }

    @Test func missingFieldsAreAllReported() {
        #expect(fieldErrors {
            try InvitationInput.check(name: nil, email: "", role: " ", cohortID: nil, cohorts: [])
        } == [FieldError("name", .required), FieldError("email", .required), FieldError("role", .required)])
    }

    @Test func invalidFieldsAreAllReported() {
        #expect(fieldErrors {
            try InvitationInput.check(name: "Ada", email: "ada@", role: "wizard", cohortID: "not-a-uuid",
                                      cohorts: [cohort])
        } == [FieldError("email", .invalidEmail), FieldError("role", .unknownRole),
              FieldError("cohort_id", .unknownCohort)])
    }

    @Test func cohortOfAnotherOrganizationIsUnknown() {
        #expect(fieldErrors {
            try InvitationInput.check(name: "Ada", email: "a@b.co", role: "learner",
                                      cohortID: Cohort.ID(UUID()).description, cohorts: [cohort])
        } == [FieldError("cohort_id", .unknownCohort)])
    }

    @Test func overlongValuesAreTooLong() {
        let email = String(repeating: "a", count: 250) + "@b.co"
        let errors = fieldErrors {
            try InvitationInput.check(name: String(repeating: "n", count: 121), email: email,
                                      role: String(repeating: "r", count: 41), cohortID: nil, cohorts: [])
        }
        #expect(errors.contains(FieldError("name", .tooLong)))
        #expect(errors.contains(FieldError("email", .tooLong)))
        #expect(errors.contains(FieldError("role", .tooLong)))
    }
}
