import Vapor

// Fields are optional so a missing one is a validation message, not a decoding failure.

struct SetupForm: Content {
    var organization_name: String?
    var name: String?
    var email: String?
    var password: String?
}

struct SignInForm: Content {
    var email: String?
    var password: String?
}

struct EmailForm: Content {
    var email: String?
}

struct NewPasswordForm: Content {
    var password: String?
    var password_confirmation: String?
}

struct ProfileForm: Content {
    var name: String?
    var email: String?
    /// Required only to change the e-mail address (it is what a password reset goes to).
    var current_password: String?
}

struct ChangePasswordForm: Content {
    var current_password: String?
    var password: String?
    var password_confirmation: String?
}

struct TokenForm: Content {
    var name: String?
}
