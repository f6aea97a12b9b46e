import Vapor

/// Services registered the way Vapor registers its own: `app.atelierConfig`, `app.mailer`,
/// used as `req.application.mailer`. No globals.
extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }
    private struct MailerKey: StorageKey { typealias Value = any Mailer }

    var atelierConfig: AppConfig {
        get { storage[ConfigKey.self] ?? AppConfig() }
        set { storage[ConfigKey.self] = newValue }
    }

    /// Nil when no SMTP server is configured: invitations then show their links to the admin.
    public var mailer: (any Mailer)? {
        get { storage[MailerKey.self] }
        set { storage[MailerKey.self] = newValue }
    }
}

extension Request {
    var atelierConfig: AppConfig { application.atelierConfig }
    var mailConfigured: Bool { application.mailer != nil }
}

extension Application {
    private struct DummyHashKey: StorageKey { typealias Value = String }

    /// A real hash of nothing, verified when a sign-in names an unknown address so that the answer
    /// takes as long as for a known one.
    var dummyPasswordHash: String {
        get { storage[DummyHashKey.self] ?? "" }
        set { storage[DummyHashKey.self] = newValue }
    }
}
