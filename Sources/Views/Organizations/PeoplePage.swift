import Domain
import Routes

public struct PeoplePageModel: Sendable {
    public struct Member: Sendable {
        public let id: Person.ID
        public let name: String
        public let email: String
        public let roles: Set<Role>
        public init(id: Person.ID, name: String, email: String, roles: Set<Role>) {
            self.id = id; self.name = name; self.email = email; self.roles = roles
        }
    }

    public struct PendingInvitation: Sendable {
        public let id: Invitation.ID
        public let name: String
        public let email: String
        public let role: Role
        public let cohortName: String?
        public let expires: String
        public init(id: Invitation.ID, name: String, email: String, role: Role, cohortName: String?, expires: String) {
            self.id = id; self.name = name; self.email = email; self.role = role; self.cohortName = cohortName; self.expires = expires
        }
    }

    public var organizationID: Organization.ID
    public var members: [Member]
    public var invitations: [PendingInvitation]
    public var cohorts: [(id: Cohort.ID, name: String)]
    public var inviteState: Form.State
    public var importErrors: [String]
    /// Links created just now, shown when no mail server is configured.
    public var freshLinks: [(email: String, link: String)]
    public var mailConfigured: Bool

    public init(organizationID: Organization.ID, members: [Member], invitations: [PendingInvitation],
                cohorts: [(id: Cohort.ID, name: String)], inviteState: Form.State = .empty, importErrors: [String] = [],
                freshLinks: [(email: String, link: String)] = [], mailConfigured: Bool) {
        self.organizationID = organizationID; self.members = members; self.invitations = invitations
        self.cohorts = cohorts; self.inviteState = inviteState; self.importErrors = importErrors
        self.freshLinks = freshLinks; self.mailConfigured = mailConfigured
    }
}

public enum PeoplePage {
    public static func render(_ model: PeoplePageModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        return Layout.page(title: "People", context) {
            h1 { "People" }
            if !model.freshLinks.isEmpty { freshLinks(model.freshLinks) }
            div(.class("columns")) {
                section(.class("card"), .ariaLabelledby("invite-heading")) {
                    h2(.id("invite-heading")) { "Invite someone" }
                    Form.errorSummary(model.inviteState)
                    form(.method("post"), .action(SiteRoute.invitations(org).path)) {
                        Form.csrf(context.csrfToken)
                        Form.field("Name", name: "name", state: model.inviteState, autocomplete: "off", idPrefix: "invite-")
                        Form.field("Email", name: "email", type: "email", state: model.inviteState, autocomplete: "off", idPrefix: "invite-")
                        Form.select("Role", name: "role", options: Role.allCases.reversed().map { ($0.rawValue, Messages.roleName($0)) },
                                    selected: nil, state: model.inviteState, idPrefix: "invite-")
                        Form.select("Cohort", name: "cohort_id", options: [("", "No cohort")] + model.cohorts.map { ($0.id.description, $0.name) },
                                    selected: nil, state: model.inviteState, idPrefix: "invite-")
                        Form.submit("Send invitation")
                    }
                }
                section(.class("card"), .ariaLabelledby("import-heading")) {
                    h2(.id("import-heading")) { "Import a CSV" }
                    p { "One row per person with a header row: " ; code { "name,email,role,cohort" } ; ". Role is learner, trainer, facilitator, author or admin; cohort is a cohort’s name and may be empty. If any row is wrong, nothing is imported." }
                    if !model.importErrors.isEmpty {
                        div(.class("flash flash-error"), .role("alert")) {
                            p { "Nothing was imported. Fix these rows and upload the file again:" }
                            ul { for error in model.importErrors { li { error } } }
                        }
                    }
                    form(.method("post"), .action(SiteRoute.invitationImport(org).path), .enctype("multipart/form-data")) {
                        Form.csrf(context.csrfToken)
                        Form.field("CSV file", name: "file", type: "file", extra: [.accept(".csv,text/csv")])
                        Form.submit("Import CSV")
                    }
                }
            }
            section(.ariaLabelledby("pending-heading")) {
                h2(.id("pending-heading")) { "Pending invitations" }
                if model.invitations.isEmpty {
                    p(.class("empty")) { "No pending invitations." }
                } else {
                    div(.class("table-wrap")) {
                        table(.class("table table-stack")) {
                            thead { tr { th { "Name" }; th { "Email" }; th { "Role" }; th { "Cohort" }; th { "Expires" }; th { span(.class("visually-hidden")) { "Actions" } } } }
                            tbody {
                                for invitation in model.invitations {
                                    tr {
                                        td { invitation.name }
                                        td { invitation.email }
                                        td { Messages.roleName(invitation.role) }
                                        td { invitation.cohortName ?? "—" }
                                        td { invitation.expires }
                                        td {
                                            form(.method("post"), .action(SiteRoute.invitationRevoke(org, invitation.id).path)) {
                                                Form.csrf(context.csrfToken)
                                                button(.type("submit"), .class("button-link danger"), .ariaLabel("Revoke invitation of \(invitation.email)")) { "Revoke" }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section(.ariaLabelledby("members-heading")) {
                h2(.id("members-heading")) { "Members (\(model.members.count))" }
                div(.class("table-wrap")) {
                    table(.class("table table-stack")) {
                        thead { tr { th { "Name" }; th { "Email" }; th { "Roles" } } }
                        tbody {
                            for member in model.members {
                                tr {
                                    td { member.name }
                                    td { member.email }
                                    td { rolesForm(member, org: org, csrf: context.csrfToken) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func rolesForm(_ member: PeoplePageModel.Member, org: Organization.ID, csrf: String) -> HTML {
        form(.method("post"), .action(SiteRoute.memberRoles(org, member.id).path), .class("roles-form")) {
            Form.csrf(csrf)
            fieldset {
                legend(.class("visually-hidden")) { "Roles of \(member.name)" }
                for role in Role.allCases {
                    label(.class("check")) {
                        if member.roles.contains(role) { input(.type("checkbox"), .name("roles[]"), .value(role.rawValue), .checked) }
                        else { input(.type("checkbox"), .name("roles[]"), .value(role.rawValue)) }
                        " "
                        Messages.roleName(role)
                    }
                }
            }
            button(.type("submit"), .class("button-small"), .ariaLabel("Save roles of \(member.name)")) { "Save" }
        }
    }

    static func freshLinks(_ links: [(email: String, link: String)]) -> HTML {
        section(.class("card notice"), .ariaLabelledby("links-heading")) {
            h2(.id("links-heading")) { "Invitation links to send" }
            p { "No mail server is configured, so these links were not e-mailed. Send each person their link; it works once, for 14 days." }
            ul(.class("plain-list")) {
                for entry in links {
                    li { strong { entry.email }; " "; input(.type("text"), .readonly, .value(entry.link), .ariaLabel("Invitation link for \(entry.email)"), .class("copy-field")) }
                }
            }
        }
    }
}
