import Vapor

struct InviteForm: Content {
    var name: String?
    var email: String?
    var role: String?
    var cohort_id: String?
}

struct ImportForm: Content {
    var file: File?
}

struct AcceptForm: Content {
    var name: String?
    var password: String?
    var password_confirmation: String?
}
