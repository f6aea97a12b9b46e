import Domain
import Foundation
import Testing

@Suite struct ForumRuleTests {
    @Test func whoMayDoWhat() {
        #expect(ForumPolicy.can(.startThread, as: .learner))
        #expect(ForumPolicy.can(.reply, as: .learner))
        #expect(!ForumPolicy.can(.reply, as: .learner, locked: true))
        #expect(ForumPolicy.can(.reply, as: .staff, locked: true))
        #expect(ForumPolicy.can(.accept, as: .learner, isAuthor: true))
        #expect(!ForumPolicy.can(.accept, as: .learner))
        #expect(ForumPolicy.can(.accept, as: .staff))
        for action in [ForumAction.pin, .lock, .addSpace] {
            #expect(!ForumPolicy.can(action, as: .learner, isAuthor: true))
            #expect(ForumPolicy.can(action, as: .staff))
        }
        #expect(ForumRole(cohortRole: .learner, isAdmin: false) == .learner)
        #expect(ForumRole(cohortRole: .learner, isAdmin: true) == .staff)
        #expect(ForumRole(cohortRole: .facilitator, isAdmin: false) == .staff)
        #expect(ForumRole(cohortRole: nil, isAdmin: true) == .staff)
        #expect(ForumRole(cohortRole: nil, isAdmin: false) == .learner, "no staff rights by default")
    }

    @Test func threadStates() {
        let id = UUID()
        let open = ThreadState(kind: .question, postCount: 3, acceptedPost: nil, locked: false, readUpTo: nil)
        #expect(open.isUnansweredQuestion && !open.isAnswered)
        #expect(open.unread == 3 && open.firstUnread == 1)
        let answered = ThreadState(kind: .question, postCount: 3, acceptedPost: id, locked: false, readUpTo: 2)
        #expect(answered.isAnswered && answered.unread == 1 && answered.firstUnread == 3)
        let talk = ThreadState(kind: .discussion, postCount: 2, acceptedPost: nil, locked: true, readUpTo: 2)
        #expect(!talk.isAnswered && !talk.isUnansweredQuestion && talk.unread == 0 && talk.firstUnread == nil)
    }

    @Test func inputIsChecked() throws {
        #expect(try ForumInput.thread(title: " Q ", kind: "question", body: "b").title == "Q")
        #expect(throws: ValidationErrors.self) { try ForumInput.thread(title: "Q", kind: "poll", body: "b") }
        #expect(throws: ValidationErrors.self) { try ForumInput.thread(title: "", kind: "question", body: "b") }
        #expect(throws: ValidationErrors.self) { try ForumInput.post(String(repeating: "x", count: 20_001)) }
        #expect(throws: ValidationErrors.self) { try ForumInput.spaceTitle("a\nb") }
    }
}
