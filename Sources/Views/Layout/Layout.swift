import Domain
import Routes

/// The one page shell: skip link, top bar with the organization switcher and main navigation,
/// flash message, content. Mobile first; the menu collapses behind a button only when scripts run.
public enum Layout {
    /// `scripts` are the page's own modules from `Public/js/`, loaded after the shared one.
    public static func page(title pageTitle: String, _ context: LayoutContext, scripts: [String] = [],
                            @HTMLBuilder content: () -> HTML) -> [UInt8] {
        let pageContent = content()
        var bytes: [UInt8] = Array("<!DOCTYPE html>".utf8)
        bytes.reserveCapacity(8_192)
        html(.lang("en")) {
            head {
                meta(.charset("utf-8"))
                meta(.name("viewport"), .content("width=device-width, initial-scale=1"))
                meta(.name("color-scheme"), .content("light dark"))
                title { "\(pageTitle) · Atelier" }
                link(.rel("stylesheet"), .href("/css/app.css"))
                link(.rel("stylesheet"), .href("/css/activities.css"))
                link(.rel("icon"), .href("/favicon.svg"), .type("image/svg+xml"))
                script(.src("/js/nav.js"), .defer)
                if context.isSignedIn { script(.src("/js/realtime.js"), .defer) }
                for path in scripts { script(.src(path), .defer) }
            }
            body(.class(context.isSignedIn ? "signed-in" : "anonymous")) {
                a(.class("skip-link"), .href("#main")) { "Skip to content" }
                topBar(context)
                main(.id("main"), .tabindex(-1)) {
                    if let flash = context.flash { flashMessage(flash) }
                    pageContent
                }
                footer(.class("site-footer")) { p { "Atelier — small private online courses" } }
            }
        }.render(into: &bytes)
        return bytes
    }

    static func flashMessage(_ flash: Flash) -> HTML {
        div(.class(flash.isError ? "flash flash-error" : "flash flash-success"),
            .role(flash.isError ? "alert" : "status")) { flash.text }
    }

    static func topBar(_ context: LayoutContext) -> HTML {
        header(.class("top-bar")) {
            div(.class("top-bar-inner")) {
                a(.class("brand"), .href(SiteRoute.home.path)) { "Atelier" }
                if context.isSignedIn {
                    organizationSwitcher(context)
                    button(.type("button"), .class("menu-toggle"), .ariaExpanded(false),
                           .custom("aria-controls", "main-nav"), .hidden) { "Menu" }
                    mainNavigation(context)
                }
            }
        }
    }

    static func organizationSwitcher(_ context: LayoutContext) -> HTML {
        HTML {
            if context.organizations.count > 1 {
                details(.class("org-switcher")) {
                    summary(.ariaLabel("Switch organization (current: \(context.current?.name ?? "none"))")) {
                        context.current?.name ?? "Choose organization"
                    }
                    ul {
                        for org in context.organizations {
                            li {
                                a(.href(SiteRoute.organization(org.id).path),
                                  .ariaCurrent(org.id == context.current?.id ? "true" : "false")) { org.name }
                            }
                        }
                    }
                }
            } else if let current = context.current {
                span(.class("org-name")) { current.name }
            }
        }
    }

    static func mainNavigation(_ context: LayoutContext) -> HTML {
        nav(.id("main-nav"), .ariaLabel("Main"), .class("main-nav")) {
            ul {
                navLink("Home", SiteRoute.home.path, context.section == .home)
                if let org = context.current?.id {
                    if Permission.can(.manageCourses, context.roles) {
                        navLink("Courses", SiteRoute.courses(org).path, context.section == .courses)
                    }
                    if Permission.can(.manageCohorts, context.roles) {
                        navLink("Cohorts", SiteRoute.cohorts(org).path, context.section == .cohorts)
                    }
                    if Permission.can(.managePeople, context.roles) {
                        navLink("People", SiteRoute.people(org).path, context.section == .people)
                    }
                    // The count (filled in by realtime.js) describes the link rather than renaming it.
                    li {
                        a(.href(SiteRoute.messages(org).path), .ariaCurrent(context.section == .messages ? "page" : "false"),
                          .ariaDescribedby("nav-unread-text")) {
                            "Messages"
                            span(.class("badge nav-unread"), .id("nav-unread"), .ariaHidden(true), .hidden) { "" }
                        }
                        span(.class("visually-hidden"), .id("nav-unread-text")) { "" }
                    }
                }
                li {
                    a(.href(SiteRoute.notifications.path), .ariaCurrent(context.section == .notifications ? "page" : "false"),
                      .ariaDescribedby("nav-notifications-text")) {
                        "Notifications"
                        span(.class("badge"), .id("nav-notifications"), .ariaHidden(true), .hidden) { "" }
                    }
                    span(.class("visually-hidden"), .id("nav-notifications-text")) { "" }
                }
                navLink("Profile", SiteRoute.profile.path, context.section == .profile)
            }
            form(.method("post"), .action(SiteRoute.signOut.path), .class("sign-out")) {
                Form.csrf(context.csrfToken)
                button(.type("submit"), .class("button-link")) { "Sign out" }
            }
        }
    }

    static func navLink(_ label: String, _ href: String, _ active: Bool) -> HTML {
        li { a(.href(href), .ariaCurrent(active ? "page" : "false")) { label } }
    }
}
