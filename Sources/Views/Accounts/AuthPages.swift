import Domain
import Routes

/// First-run setup, sign-in and password reset: the pages seen before signing in.
public enum AuthPages {
    public static func setup(_ context: LayoutContext, state: Form.State) -> [UInt8] {
        Layout.page(title: "Set up Atelier", context) {
            section(.class("card narrow")) {
                h1 { "Set up Atelier" }
                p(.class("lead")) { "Create your organization and your administrator account. You can invite everyone else afterwards." }
                Form.errorSummary(state)
                form(.method("post"), .action(SiteRoute.setup.path), .custom("novalidate", nil)) {
                    Form.csrf(context.csrfToken)
                    Form.field("Organization name", name: "organization_name", state: state, autocomplete: "organization")
                    Form.field("Your name", name: "name", state: state, autocomplete: "name")
                    Form.field("Email", name: "email", type: "email", state: state, autocomplete: "email")
                    Form.field("Password", name: "password", type: "password", state: state, autocomplete: "new-password",
                               hint: "At least \(PasswordPolicy.minimumLength) characters.")
                    Form.submit("Create organization")
                }
            }
        }
    }

    public static func signIn(_ context: LayoutContext, email: String, failure: String?) -> [UInt8] {
        Layout.page(title: "Sign in", context) {
            section(.class("card narrow")) {
                h1 { "Sign in" }
                if let failure { div(.class("flash flash-error"), .role("alert")) { failure } }
                form(.method("post"), .action(SiteRoute.signIn.path)) {
                    Form.csrf(context.csrfToken)
                    Form.field("Email", name: "email", type: "email", value: email, autocomplete: "username")
                    Form.field("Password", name: "password", type: "password", autocomplete: "current-password")
                    Form.submit("Sign in")
                }
                p { a(.href(SiteRoute.forgotPassword.path)) { "Forgot your password?" } }
            }
        }
    }

    public static func forgotPassword(_ context: LayoutContext, state: Form.State) -> [UInt8] {
        Layout.page(title: "Forgot password", context) {
            section(.class("card narrow")) {
                h1 { "Forgot your password?" }
                p { "Enter the address you sign in with. We will e-mail you a link to choose a new password." }
                Form.errorSummary(state)
                form(.method("post"), .action(SiteRoute.forgotPassword.path)) {
                    Form.csrf(context.csrfToken)
                    Form.field("Email", name: "email", type: "email", state: state, autocomplete: "username")
                    Form.submit("Send reset link")
                }
                p { a(.href(SiteRoute.signIn.path)) { "Back to sign in" } }
            }
        }
    }

    public static func resetPassword(_ context: LayoutContext, token: String, state: Form.State) -> [UInt8] {
        Layout.page(title: "Choose a new password", context) {
            section(.class("card narrow")) {
                h1 { "Choose a new password" }
                Form.errorSummary(state)
                form(.method("post"), .action(SiteRoute.resetPassword(token: token).path)) {
                    Form.csrf(context.csrfToken)
                    Form.field("New password", name: "password", type: "password", state: state,
                               autocomplete: "new-password", hint: "At least \(PasswordPolicy.minimumLength) characters.")
                    Form.field("Confirm password", name: "password_confirmation", type: "password", state: state,
                               autocomplete: "new-password")
                    Form.submit("Save password")
                }
            }
        }
    }

    /// A used, expired or unknown link: the same words whatever the reason, so links cannot be probed.
    public static func linkUnusable(_ context: LayoutContext, what: String) -> [UInt8] {
        Layout.page(title: "Link no longer valid", context) {
            section(.class("card narrow")) {
                h1 { "This link no longer works" }
                p { "This \(what) link was already used, has expired or was withdrawn. Ask for a new one." }
                p { a(.href(SiteRoute.signIn.path)) { "Go to sign in" } }
            }
        }
    }

    public static func tooManyAttempts(_ context: LayoutContext, retryAfter seconds: Int) -> [UInt8] {
        let minutes = max(1, (seconds + 59) / 60)
        return Layout.page(title: "Too many attempts", context) {
            section(.class("card narrow")) {
                h1 { "Too many attempts" }
                div(.class("flash flash-error"), .role("alert")) {
                    "Too many failed sign-ins. Try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
                }
                p { a(.href(SiteRoute.forgotPassword.path)) { "Forgot your password?" } }
            }
        }
    }
}
