@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

private func notifications(of person: PersonRecord, on app: Application) async throws -> [NotificationRecord] {
    try await NotificationRecord.query(on: app.db).filter(\.$personID == person.id!).sort(\.$createdAt).all()
}

@Suite struct NotificationTests {
    @Test func privateMessagesNotifyTheOtherPersonOncePerConversationUntilRead() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let path = try #require(try await c.direct(&lea, to: c.trainer).location)
            try await lea.post(path + "/messages", ["body": "First **question**"])
            try await lea.post(path + "/messages", ["body": "And a second one"])
            let tomsNotes = try await notifications(of: c.trainer, on: app)
            #expect(tomsNotes.count == 1, "one per conversation while unread")
            let note = try #require(tomsNotes.first)
            #expect(note.headline == "Lea sent you 2 messages")
            #expect(note.excerpt == "And a second one")
            #expect(note.url == path + "#message-2")
            #expect(note.readAt == nil)
            #expect(try await notifications(of: c.lea, on: app).isEmpty, "not for one's own messages")
            // The bell's page shows it; opening the conversation reads it.
            var tom = try await fx.signedIn(c.trainer)
            let centre = try await tom.get("/notifications")
            #expect(centre.status == .ok)
            #expect(centre.text.contains("Lea sent you 2 messages"))
            #expect(centre.text.contains("(unread)"))
            #expect(try await tom.get(path).status == .ok)
            #expect(try await notifications(of: c.trainer, on: app).first?.readAt != nil)
            #expect(!(try await tom.get("/notifications")).text.contains("(unread)"))
            // A new message after that is a new notification.
            try await lea.post(path + "/messages", ["body": "Third"])
            let after = try await notifications(of: c.trainer, on: app)
            #expect(after.count == 2)
            #expect(after.last?.headline == "Lea wrote to you")
        }
    }

    @Test func aChannelNotifiesOnlyThePeopleItMentions() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let channel = try await c.channel(&lea)
            try await lea.post(channel + "/messages", ["body": "Good morning everyone"])
            try await lea.post(channel + "/messages", ["body": "@Max have you seen this? @Otto @Sam @Lea"])
            #expect(try await NotificationRecord.query(on: app.db).count() == 1,
                    "Otto is in another cohort, Sam in another company, Lea wrote it")
            let note = try #require(try await notifications(of: c.max, on: app).first)
            #expect(note.kind == .mention)
            #expect(note.headline == "Lea mentioned you in Autumn")
            #expect(note.url == channel + "#message-2")
            // Reading the channel past the mention reads it.
            var max = try await fx.signedIn(c.max)
            try await max.get(channel)
            #expect(try await notifications(of: c.max, on: app).first?.readAt != nil)
        }
    }

    @Test func aMessageAlreadyReadWhenItsNotificationIsSavedIsNotNews() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            let path = try #require(try await c.direct(&lea, to: c.trainer).location)
            let conversation = try #require(try await ConversationRecord.query(on: app.db).filter(\.$kind == .direct).first())
            // Tom's open page read message 1 as it arrived, before the notification was written.
            try await ChatStore.markRead(conversationID: conversation.id!, personID: c.trainer.id!, upTo: 1, on: app.db)
            try await lea.post(path + "/messages", ["body": "Seen at once"])
            #expect(try await notifications(of: c.trainer, on: app).first?.readAt != nil)
            #expect(try await NotificationStore.unreadCount(personID: c.trainer.id!, on: app.db) == 0)
        }
    }

    @Test func peopleReadAndMarkOnlyTheirOwnNotifications() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let path = try #require(try await c.direct(&lea, to: c.trainer).location)
            try await lea.post(path + "/messages", ["body": "<script>alert(1)</script> for Tom"])
            let note = try #require(try await notifications(of: c.trainer, on: app).first)
            let readPath = "/notifications/\(note.id!.lowercased)/read"
            // Someone else cannot see or mark it: 404, and it stays unread.
            for person in [c.max, c.stranger] {
                var other = try await fx.signedIn(person)
                #expect(!(try await other.get("/notifications")).text.contains("for Tom"))
                #expect(try await other.post(readPath, [:]).status == .notFound)
                try await other.post("/notifications/read-all", [:])
            }
            #expect(try await notifications(of: c.trainer, on: app).first?.readAt == nil)
            var tom = try await fx.signedIn(c.trainer)
            let page = try await tom.get("/notifications").text
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; for Tom"), "what people wrote is text, never markup")
            #expect(!page.contains("<script>alert"))
            #expect(try await tom.post(readPath, [:], csrf: false).status == .forbidden, "a form from elsewhere is refused")
            #expect(try await tom.post(readPath, [:]).location == "/notifications")
            #expect(try await notifications(of: c.trainer, on: app).first?.readAt != nil)
            #expect(try await tom.post("/notifications/not-a-uuid/read", [:]).status == .notFound)
        }
    }

    @Test func markAllAsRead() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            try await ChatSettingsFixture.allowLearnersToWrite(c, on: app)
            var lea = try await fx.signedIn(c.lea), max = try await fx.signedIn(c.max)
            try await lea.post(try #require(try await c.direct(&lea, to: c.trainer).location) + "/messages", ["body": "one"])
            try await max.post(try #require(try await c.direct(&max, to: c.trainer).location) + "/messages", ["body": "two"])
            #expect(try await NotificationStore.unreadCount(personID: c.trainer.id!, on: app.db) == 2)
            var tom = try await fx.signedIn(c.trainer)
            #expect(try await tom.post("/notifications/read-all", [:]).status == .seeOther)
            #expect(try await NotificationStore.unreadCount(personID: c.trainer.id!, on: app.db) == 0)
        }
    }
}

@Suite struct NotificationMailTests {
    /// Lea writes twice to Tom; returns the conversation's path.
    @discardableResult
    private func leaWritesToTom(_ c: ChatClass, _ app: Application, bodies: [String] = ["Are you there?", "It is about week 2"]) async throws -> String {
        var lea = try await Fixtures(app: app).signedIn(c.lea)
        let path = try #require(try await c.direct(&lea, to: c.trainer).location)
        for body in bodies { try await lea.post(path + "/messages", ["body": body]) }
        return path
    }

    @Test func whatStaysUnreadIsEmailedOnceInOneMailWithAWorkingUnsubscribeLink() async throws {
        let mailer = RecordingMailer()
        try await withApp(mailer: mailer) { app in
            let c = try await ChatClass.make(app)
            let path = try await leaWritesToTom(c, app)
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            try await lea.post(try await c.channel(&lea) + "/messages", ["body": "@Tom see the channel too"])
            #expect(try await NotificationMailer.run(app: app) == 0, "not before ten minutes")
            let later = Date().addingTimeInterval(11 * 60)
            #expect(try await NotificationMailer.run(app: app, now: later) == 1, "one mail for both")
            #expect(try await NotificationMailer.run(app: app, now: later.addingTimeInterval(60)) == 0, "and only once")
            #expect(try await Outbox.drain(app: app) == 1)
            let mail = try #require(await mailer.sent.first)
            #expect(mail.to.map(\.email) == ["tom@acme.test"])
            #expect(mail.subject == "2 things you have not read on Atelier")
            #expect(mail.text.contains("Lea sent you 2 messages"))
            #expect(mail.text.contains("Lea mentioned you in Autumn"))
            #expect(mail.text.contains("http://atelier.test" + path + "#message-2"))
            let unsubscribe = try #require(mail.headers?["List-Unsubscribe"])
            #expect(mail.headers?["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
            let link = String(unsubscribe.dropFirst("<http://atelier.test".count).dropLast())
            #expect(mail.text.contains("http://atelier.test" + link))
            // Opening the link asks first and changes nothing (mail scanners open links).
            var anyone = Browser(app)
            let ask = try await anyone.get(link)
            #expect(ask.status == .ok)
            #expect(ask.text.contains("Stop e-mails to tom@acme.test about private messages and mentions of you (@your name)?"))
            #expect(try await NotificationStore.preferences(of: c.trainer.id!, on: app.db) == .standard)
            // The mail program's one-click POST: no session, no form token.
            var mailProgram = Browser(app)
            let done = try await mailProgram.post(link, ["List-Unsubscribe": "One-Click"], csrf: false)
            #expect(done.status == .ok)
            #expect(done.text.contains("gets no more e-mail about"))
            #expect(try await NotificationStore.preferences(of: c.trainer.id!, on: app.db).mutedKinds == [.message, .mention])
            // So the next messages are not e-mailed.
            try await lea.post(path + "/messages", ["body": "one more"])
            #expect(try await NotificationMailer.run(app: app, now: Date().addingTimeInterval(3600)) == 0)
        }
    }

    @Test func aForgedOrAlteredUnsubscribeLinkChangesNothing() async throws {
        try await withApp(mailer: RecordingMailer()) { app in
            let c = try await ChatClass.make(app)
            let key = try await app.installationKeys.key(.unsubscribe, on: app.db)
            let good = UnsubscribeToken(personID: c.trainer.id!, kinds: [.message]).signed(with: key)
            #expect(UnsubscribeToken.verify(good, key: key) == UnsubscribeToken(personID: c.trainer.id!, kinds: [.message]))
            let parts = good.split(separator: ".").map(String.init)
            let forged = [
                "\(c.lea.id!.lowercased).message.\(parts[2])",         // someone else's person, same signature
                "\(parts[0]).message+mention.\(parts[2])",               // more kinds than signed
                "\(parts[0]).message.\(String(parts[2].reversed()))",   // another signature
                "\(parts[0].uppercased()).message.\(parts[2])",         // not the canonical form
                UnsubscribeToken(personID: c.trainer.id!, kinds: [.message]).signed(with: SymmetricKey(size: .bits256)),
                "\(parts[0]).nonsense.\(parts[2])", "garbage", "",
            ]
            var anyone = Browser(app)
            for token in forged {
                #expect(UnsubscribeToken.verify(token, key: key) == nil, "\(token)")
                if token.isEmpty { continue }
                #expect(try await anyone.get("/unsubscribe/\(token)").status == .notFound)
                #expect(try await anyone.post("/unsubscribe/\(token)", [:], csrf: false).status == .notFound)
            }
            #expect(try await NotificationPreferencesRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func readingInTimeOrChoosingNeverMeansNoMail() async throws {
        let mailer = RecordingMailer()
        try await withApp(mailer: mailer) { app in
            let c = try await ChatClass.make(app)
            let path = try await leaWritesToTom(c, app)
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            try await tom.get(path)
            #expect(try await NotificationMailer.run(app: app, now: Date().addingTimeInterval(3600)) == 0, "read in time")
            // Tom chooses never: new messages are not e-mailed.
            #expect(try await tom.post("/profile/notifications", ["delay": "never", "email_message": "on"]).status == .seeOther)
            try await leaWritesToTom(c, app, bodies: ["still there?"])
            #expect(try await NotificationMailer.run(app: app, now: Date().addingTimeInterval(24 * 3600)) == 0)
            // At once, for messages only: the next pass sends it.
            #expect(try await tom.post("/profile/notifications", ["delay": "0", "email_message": "on"]).status == .seeOther)
            #expect(try await NotificationMailer.run(app: app) == 1, "what is still unread follows the new choice")
        }
    }

    @Test func savingSettingsKeepsTheFollowUpWait() async throws {
        let mailer = RecordingMailer()
        try await withApp(mailer: mailer) { app in
            let c = try await ChatClass.make(app)
            try await leaWritesToTom(c, app, bodies: ["first"])
            let later = Date().addingTimeInterval(11 * 60)
            #expect(try await NotificationMailer.run(app: app, now: later) == 1)
            // More of the same while still unread: a follow-up, 30 minutes on, not at once.
            try await leaWritesToTom(c, app, bodies: ["second"])
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            #expect(try await tom.post("/profile/notifications", ["delay": "10", "email_message": "on", "email_mention": "on"]).status == .seeOther)
            #expect(try await NotificationMailer.run(app: app, now: Date().addingTimeInterval(11 * 60)) == 0)
            #expect(try await NotificationMailer.run(app: app, now: Date().addingTimeInterval(31 * 60)) == 1)
        }
    }

    @Test func theSettingsFormRefusesWhatItDoesNotOffer() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            let profile = try await tom.get("/profile")
            #expect(profile.text.contains("E-mail notifications"))
            #expect(profile.text.contains(#"<option value="10" selected>After 10 minutes</option>"#))
            for delay in ["7", "", "-5", "forever"] {
                let refused = try await tom.post("/profile/notifications", ["delay": delay, "email_message": "on"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("is not valid"))
            }
            #expect(try await NotificationPreferencesRecord.query(on: app.db).count() == 0, "nothing saved")
            let saved = try await tom.post("/profile/notifications", ["delay": "60", "email_mention": "on"])
            #expect(saved.location == "/profile#notifications")
            #expect(try await NotificationStore.preferences(of: c.trainer.id!, on: app.db)
                    == NotificationPreferences(emailDelayMinutes: 60, mutedKinds: [.message, .forumPost, .peerReview, .peerFlag, .peerFeedback, .liveSession, .helpRequest, .announcement, .helpSuggestion]))
            #expect(try await tom.get("/profile").text.contains(#"<option value="60" selected>After 1 hour</option>"#))
        }
    }

    @Test func noMailAboutAnOrganizationThePersonLeft() async throws {
        try await withApp(mailer: RecordingMailer()) { app in
            let c = try await ChatClass.make(app)
            try await leaWritesToTom(c, app)
            try await MembershipRecord.query(on: app.db).filter(\.$person.$id == c.trainer.id!).delete()
            #expect(try await NotificationMailer.run(app: app, now: Date().addingTimeInterval(3600)) == 0)
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            #expect(!(try await tom.get("/notifications")).text.contains("Lea"))
        }
    }
}
