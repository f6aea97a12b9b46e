import Fluent
import Foundation

/// One failed sign-in, for throttling guesses per account and per address.
final class SignInFailureRecord: Model, @unchecked Sendable {
    static let schema = "sign_in_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "ip") var ip: String
    @Field(key: "failed_at") var failedAt: Date

    init() {}

    init(email: String, ip: String, failedAt: Date) {
        self.email = email
        self.ip = ip
        self.failedAt = failedAt
    }
}
