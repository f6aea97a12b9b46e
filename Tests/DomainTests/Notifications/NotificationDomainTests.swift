import Domain
import Foundation
import Testing

@Suite struct MentionTests {
    let lea = Mentions.Candidate(id: UUID(), name: "Lea Martin")
    let leanne = Mentions.Candidate(id: UUID(), name: "Leanne Wu")
    let tom = Mentions.Candidate(id: UUID(), name: "Tom")
    let tomas = Mentions.Candidate(id: UUID(), name: "Tom Berg")
    var people: [Mentions.Candidate] { [lea, leanne, tom, tomas] }

    @Test func aFullNameOrAnUnsharedFirstNameMentionsSomeone() {
        #expect(Mentions.find(in: "@Lea Martin can you look?", among: people) == [lea.id])
        #expect(Mentions.find(in: "thanks @lea!", among: people) == [lea.id], "first name, any case, then punctuation")
        #expect(Mentions.find(in: "(@Leanne) and @Lea", among: people) == [leanne.id, lea.id])
        #expect(Mentions.find(in: "@LEANNE WU", among: people) == [leanne.id])
    }

    @Test func theLongestNameWins() {
        // "Tom" is both a full name and Tom Berg's first name: "@Tom Berg" is Tom Berg, "@Tom" is Tom.
        #expect(Mentions.find(in: "@Tom Berg hi", among: people) == [tomas.id])
        #expect(Mentions.find(in: "@Tom hi", among: people) == [tom.id])
    }

    @Test func addressesPartsOfWordsAndStrangersAreNotMentions() {
        #expect(Mentions.find(in: "write to lea@example.com", among: people).isEmpty)
        #expect(Mentions.find(in: "@Leah said so", among: people).isEmpty, "not followed by a letter")
        #expect(Mentions.find(in: "@Otto?", among: people).isEmpty)
        #expect(Mentions.find(in: "no at sign", among: people).isEmpty)
        #expect(Mentions.find(in: "@", among: people).isEmpty)
        #expect(Mentions.find(in: "@Lea", among: []).isEmpty)
    }
}

@Suite struct NotificationPreferenceTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func anUnreadNotificationIsEmailedAfterTheChosenDelayUnlessMuted() {
        let standard = NotificationPreferences.standard
        #expect(standard.emailDue(.message, now: now) == now.addingTimeInterval(600), "ten minutes by default")
        #expect(standard.followUpDue(.message, now: now) == now.addingTimeInterval(1800), "follow-ups wait longer")
        let atOnce = NotificationPreferences(emailDelayMinutes: 0)
        #expect(atOnce.emailDue(.mention, now: now) == now)
        #expect(atOnce.followUpDue(.mention, now: now) == now.addingTimeInterval(1800))
        let noMentions = NotificationPreferences(emailDelayMinutes: 60, mutedKinds: [.mention])
        #expect(noMentions.emailDue(.mention, now: now) == nil)
        #expect(noMentions.emailDue(.message, now: now) == now.addingTimeInterval(3600))
        #expect(NotificationPreferences(emailDelayMinutes: nil).emailDue(.message, now: now) == nil)
    }

    @Test func theFormIsReadStrictly() throws {
        let parsed = try NotificationPreferences.parse(delay: "30", kept: [.message: true])
        #expect(parsed == NotificationPreferences(emailDelayMinutes: 30, mutedKinds: [.mention, .forumPost, .peerReview, .peerFlag, .peerFeedback, .liveSession, .helpRequest, .announcement, .helpSuggestion]))
        #expect(try NotificationPreferences.parse(delay: "never", kept: [.message: true, .mention: true]).emailDelayMinutes == nil)
        for bad in [nil, "", "7", "-1", "ten", "10 "] as [String?] {
            #expect(throws: ValidationErrors.self) { try NotificationPreferences.parse(delay: bad, kept: [:]) }
        }
    }

    @Test func mutedKindsRoundTripThroughTheirStoredText() {
        let preferences = NotificationPreferences(mutedKinds: [.mention, .message])
        #expect(preferences.mutedText == "message,mention")
        #expect(NotificationPreferences.muted(from: preferences.mutedText) == [.mention, .message])
        #expect(NotificationPreferences.muted(from: "mention,nonsense,") == [.mention])
    }

    @Test func wordsForDelaysAndHeadlines() {
        #expect(NotificationPreferences.describe(delay: 0) == "At once")
        #expect(NotificationPreferences.describe(delay: 10) == "After 10 minutes")
        #expect(NotificationPreferences.describe(delay: 60) == "After 1 hour")
        #expect(NotificationPreferences.describe(delay: 240) == "After 4 hours")
        #expect(NotificationPreferences.describe(delay: nil) == "Never")
        #expect(NotificationText.headline(kind: .message, title: "Lea", count: 1) == "Lea wrote to you")
        #expect(NotificationText.headline(kind: .message, title: "Lea", count: 3) == "Lea sent you 3 messages")
        #expect(NotificationText.headline(kind: .mention, title: "Lea mentioned you in Autumn", count: 1) == "Lea mentioned you in Autumn")
    }

    @Test func excerptsArePlainAndShort() {
        #expect(plainExcerpt("**Hello**\n\n> quoted `code`\n## *Title*") == "Hello quoted code Title")
        #expect(plainExcerpt("a </b> > c") == "a </b> > c", "marks only at the start of lines")
        let long = plainExcerpt(String(repeating: "word ", count: 100), limit: 20)
        #expect(long.count == 20)
        #expect(long.hasSuffix("…"))
    }
}
