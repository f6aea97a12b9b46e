import Domain
import Foundation
import Testing

/// The rules of posts after they are written, and of anonymity and search, as tables.
@Suite struct ForumModerationRuleTests {
    @Test func thePermissionsTable() {
        // (action, role, isAuthor, locked) → allowed
        let table: [(ForumAction, ForumRole, Bool, Bool, Bool)] = [
            (.edit, .learner, true, false, true), (.edit, .learner, true, true, false), (.edit, .staff, true, true, true),
            (.edit, .learner, false, false, false), (.edit, .staff, false, false, false),
            (.delete, .learner, true, true, true), (.delete, .staff, false, false, false),
            (.upvote, .learner, false, false, true), (.upvote, .learner, true, false, false), (.upvote, .staff, false, false, true),
            (.report, .learner, false, false, true), (.report, .learner, true, false, false), (.report, .staff, false, false, false),
        ]
        for (action, role, isAuthor, locked, allowed) in table {
            #expect(ForumPolicy.can(action, as: role, isAuthor: isAuthor, locked: locked) == allowed, "\(action) \(role) \(isAuthor) \(locked)")
        }
        for action in [ForumAction.move, .hide, .viewHistory, .moderate, .configure] {
            #expect(ForumPolicy.can(action, as: .staff))
            #expect(!ForumPolicy.can(action, as: .learner, isAuthor: true))
        }
    }

    @Test func howAPostShowsToEachReader() {
        #expect(PostDisplay(deleted: false, hiddenReason: nil, role: .learner, isAuthor: false) == .body)
        #expect(PostDisplay(deleted: true, hiddenReason: nil, role: .staff, isAuthor: false) == .deleted)
        #expect(PostDisplay(deleted: true, hiddenReason: "spam", role: .learner, isAuthor: true) == .deleted)
        #expect(PostDisplay(deleted: false, hiddenReason: "spam", role: .learner, isAuthor: false) == .hidden(reason: nil))
        #expect(PostDisplay(deleted: false, hiddenReason: "spam", role: .learner, isAuthor: true) == .hidden(reason: "spam"))
        #expect(PostDisplay(deleted: false, hiddenReason: "spam", role: .staff, isAuthor: false) == .hiddenShownToStaff(reason: "spam"))
        #expect(PostDisplay.body.showsText && PostDisplay.hiddenShownToStaff(reason: "").showsText)
        #expect(!PostDisplay.deleted.showsText && !PostDisplay.hidden(reason: "x").showsText)
    }

    @Test func anonymousNamesByReader() {
        let name = { (anonymous: Bool, isReader: Bool, role: ForumRole) in
            ForumIdentity.name(realName: "Zoé", anonymous: anonymous, isReader: isReader, readerRole: role)
        }
        #expect(name(false, false, .learner) == "Zoé")
        #expect(name(true, false, .learner) == ForumIdentity.anonymousName)
        #expect(name(true, true, .learner) == "You (anonymous)")
        #expect(name(true, false, .staff) == "Zoé (anonymous to learners)")
        #expect(ForumIdentity.publicName(realName: "Zoé", anonymous: true) == ForumIdentity.anonymousName)
        #expect(ForumIdentity.publicName(realName: "Zoé", anonymous: false) == "Zoé")
    }

    @Test func searchesAreOnlyWords() {
        #expect(ForumSearchQuery.terms("Angry  CALLER, angry!") == ["angry", "caller"])
        #expect(ForumSearchQuery.terms("\"a\" OR b* NEAR(c) '; DROP --") == ["a", "or", "b", "near", "c", "drop"])
        #expect(ForumSearchQuery.terms(nil).isEmpty && ForumSearchQuery.terms("  ¿?! ").isEmpty)
        #expect(ForumSearchQuery.terms((1...20).map { "w\($0)" }.joined(separator: " ")).count == ForumSearchQuery.maximumTerms)
        #expect(ForumSearchQuery.terms("café über").count == 2)
        #expect(ForumSearchQuery.fts5(["angry", "caller"]) == "\"angry\"* \"caller\"*")
        #expect(ForumSearchQuery.tsquery(["angry", "caller"]) == "angry:* & caller:*")
    }

    @Test func highlightsSplitIntoPieces() {
        let s = SearchHighlight.start, e = SearchHighlight.end
        let pieces = SearchHighlight.pieces("calm \(s)angry\(e) caller <b>")
        #expect(pieces.map(\.text) == ["calm ", "angry", " caller <b>"])
        #expect(pieces.map(\.marked) == [false, true, false])
        #expect(SearchHighlight.clean("a\(s)b\(e)c") == "abc")
        #expect(ForumInput.page(ofPost: 1) == 1 && ForumInput.page(ofPost: 50) == 1 && ForumInput.page(ofPost: 51) == 2)
    }

    @Test func forumPostsAreEmailedAtMostHourly() {
        let now = Date(timeIntervalSince1970: 0)
        let quick = NotificationPreferences(emailDelayMinutes: 5)
        #expect(quick.emailDue(.forumPost, now: now) == now.addingTimeInterval(3600))
        #expect(quick.emailDue(.message, now: now) == now.addingTimeInterval(300))
        #expect(NotificationPreferences(emailDelayMinutes: 240).emailDue(.forumPost, now: now) == now.addingTimeInterval(240 * 60))
        #expect(quick.followUpDue(.forumPost, now: now) == now.addingTimeInterval(3600))
        #expect(NotificationText.headline(kind: .forumPost, title: "T", count: 1) == "New post in “T”")
    }
}
