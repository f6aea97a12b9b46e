/// What a new password must be. Bcrypt reads at most 72 bytes, so longer ones are refused
/// rather than silently truncated.
public enum PasswordPolicy {
    public static let minimumLength = 10
    public static let maximumBytes = 72

    /// Checks a new password (and its confirmation, when the form asks for one).
    public static func check(_ password: String, confirmation: String? = nil,
                             field: String = "password", into validator: inout Validator) {
        if password.isEmpty { validator.add(field, .required) }
        else if password.count < minimumLength { validator.add(field, .tooShort) }
        else if password.utf8.count > maximumBytes { validator.add(field, .tooLong) }
        if let confirmation, confirmation != password {
            validator.add("password_confirmation", .mismatch)
        }
    }
}
