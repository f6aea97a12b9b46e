import Domain
import Routes

public struct ProfilePageModel: Sendable {
    public struct Token: Sendable {
        public let id: String
        public let name: String
        public let created: String
        public let lastUsed: String?
        public init(id: String, name: String, created: String, lastUsed: String?) {
            self.id = id; self.name = name; self.created = created; self.lastUsed = lastUsed
        }
    }

    public var name: String
    public var email: String
    public var memberships: [(organization: LayoutContext.OrganizationLink, roles: [Role])]
    public var tokens: [Token]
    public var profileState: Form.State
    public var passwordState: Form.State
    public var notifications: NotificationPreferences = .standard
    public var notificationsState: Form.State = .empty

    public init(name: String, email: String, memberships: [(organization: LayoutContext.OrganizationLink, roles: [Role])],
                tokens: [Token], profileState: Form.State = .empty, passwordState: Form.State = .empty) {
        self.name = name; self.email = email; self.memberships = memberships; self.tokens = tokens
        self.profileState = profileState; self.passwordState = passwordState
    }
}

public enum ProfilePage {
    public static func render(_ model: ProfilePageModel, _ context: LayoutContext) -> [UInt8] {
        Layout.page(title: "Profile", context) {
            h1 { "Your profile" }
            section(.class("card"), .ariaLabel("Details")) {
                h2 { "Details" }
                Form.errorSummary(model.profileState)
                form(.method("post"), .action(SiteRoute.profile.path)) {
                    Form.csrf(context.csrfToken)
                    Form.field("Name", name: "name", state: model.profileState, value: model.profileState.values["name"] ?? model.name,
                               autocomplete: "name", idPrefix: "profile-")
                    Form.field("Email", name: "email", type: "email", state: model.profileState,
                               value: model.profileState.values["email"] ?? model.email, autocomplete: "email", idPrefix: "profile-")
                    Form.field("Your password, to change the e-mail address", name: "current_password", type: "password",
                               state: model.profileState, required: false, autocomplete: "current-password",
                               hint: "Leave empty when the address stays the same.", idPrefix: "profile-")
                    Form.submit("Save profile")
                }
            }
            section(.class("card"), .ariaLabel("Password")) {
                h2 { "Change password" }
                Form.errorSummary(model.passwordState)
                form(.method("post"), .action(SiteRoute.profilePassword.path)) {
                    Form.csrf(context.csrfToken)
                    Form.field("Current password", name: "current_password", type: "password", state: model.passwordState,
                               autocomplete: "current-password")
                    Form.field("New password", name: "password", type: "password", state: model.passwordState,
                               autocomplete: "new-password", hint: "At least \(PasswordPolicy.minimumLength) characters.")
                    Form.field("Confirm new password", name: "password_confirmation", type: "password",
                               state: model.passwordState, autocomplete: "new-password")
                    Form.submit("Change password")
                }
            }
            NotificationsPage.settings(model.notifications, state: model.notificationsState, csrfToken: context.csrfToken)
            section(.class("card"), .ariaLabel("Organizations")) {
                h2 { "Your organizations" }
                ul(.class("plain-list")) {
                    for membership in model.memberships {
                        li {
                            a(.href(SiteRoute.organization(membership.organization.id).path)) { membership.organization.name }
                            " — "
                            membership.roles.map(Messages.roleName).joined(separator: ", ")
                        }
                    }
                }
            }
            section(.class("card"), .ariaLabel("API tokens")) {
                h2 { "API tokens" }
                p { "Programs can use the JSON API under /api/v1 with a personal token sent as “Authorization: Bearer …”. " }
                p { a(.href(APIRoute.openAPI)) { "API description (OpenAPI)" } }
                if model.tokens.isEmpty {
                    p(.class("empty")) { "No tokens yet." }
                } else {
                    table(.class("table table-stack")) {
                        thead { tr { th { "Name" }; th { "Created" }; th { "Last used" }; th { span(.class("visually-hidden")) { "Actions" } } } }
                        tbody {
                            for token in model.tokens {
                                tr {
                                    td { token.name }
                                    td { token.created }
                                    td { token.lastUsed ?? "Never" }
                                    td {
                                        form(.method("post"), .action(SiteRoute.profileTokenDelete(token.id).path)) {
                                            Form.csrf(context.csrfToken)
                                            button(.type("submit"), .class("button-link danger"), .ariaLabel("Delete token \(token.name)")) { "Delete" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                form(.method("post"), .action(SiteRoute.profileTokens.path), .class("inline-form")) {
                    Form.csrf(context.csrfToken)
                    Form.field("Token name", name: "name", hint: "What will use it, e.g. “HR sync”.", idPrefix: "token-")
                    Form.submit("Create token")
                }
            }
        }
    }
}
