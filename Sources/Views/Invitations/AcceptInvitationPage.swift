import Domain
import Routes

public enum AcceptInvitationPage {
    /// - Parameter existingAccount: the invitee already has an account: joining only needs their password.
    public static func render(token: String, organizationName: String, name: String, email: String,
                              existingAccount: Bool, state: Form.State, _ context: LayoutContext) -> [UInt8] {
        Layout.page(title: "Join \(organizationName)", context) {
            section(.class("card narrow")) {
                h1 { "Join \(organizationName)" }
                p(.class("lead")) { "You are invited as \(email)." }
                Form.errorSummary(state)
                form(.method("post"), .action(SiteRoute.invitation(token: token).path)) {
                    Form.csrf(context.csrfToken)
                    if existingAccount {
                        p { "You already have an Atelier account. Enter its password to add \(organizationName) to it." }
                        Form.field("Password", name: "password", type: "password", state: state, autocomplete: "current-password")
                    } else {
                        Form.field("Your name", name: "name", state: state, value: state.values["name"] ?? name, autocomplete: "name")
                        Form.field("Password", name: "password", type: "password", state: state, autocomplete: "new-password",
                                   hint: "At least \(PasswordPolicy.minimumLength) characters.")
                        Form.field("Confirm password", name: "password_confirmation", type: "password", state: state,
                                   autocomplete: "new-password")
                    }
                    Form.submit("Join")
                }
            }
        }
    }
}
