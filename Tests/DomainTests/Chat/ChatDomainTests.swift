import Foundation
import Testing
@testable import Domain

@Suite struct DeliveryCursorTests {
    @Test(arguments: [
        (delivered: 0, arriving: 1, plan: DeliveryCursor.Plan.deliver),
        (delivered: 5, arriving: 6, plan: .deliver),
        (delivered: 5, arriving: 5, plan: .skip),
        (delivered: 5, arriving: 2, plan: .skip),
        (delivered: 5, arriving: 9, plan: .fetch(from: 6, through: 9)),
        (delivered: 0, arriving: 3, plan: .fetch(from: 1, through: 3)),
    ])
    func plansEachArrival(delivered: Int, arriving: Int, plan: DeliveryCursor.Plan) {
        #expect(DeliveryCursor(lastSeen: delivered).plan(arriving) == plan)
    }

    @Test func advancesOneStepAtATimeOnly() {
        var cursor = DeliveryCursor(lastSeen: 3)
        let again = cursor.advance(to: 3), skipping = cursor.advance(to: 5), next = cursor.advance(to: 4)
        #expect(!again)
        #expect(!skipping)
        #expect(next)
        #expect(cursor.delivered == 4)
        #expect(DeliveryCursor(lastSeen: -7).delivered == 0)
    }

    /// Catch-up and live broadcast interleaved in any order: each number is delivered exactly
    /// once, in order, whatever arrives twice or early.
    @Test func catchUpAndLiveTogetherDeliverEachMessageOnceInOrder() {
        for seed in 0..<200 {
            var generator = SplitMix64(seed: UInt64(seed))
            let stored = 1...30
            var arrivals = Array(stored) + stored.filter { _ in Bool.random(using: &generator) }
            arrivals.shuffle(using: &generator)
            var cursor = DeliveryCursor(lastSeen: 0)
            var delivered: [Int] = []
            for sequence in arrivals {
                switch cursor.plan(sequence) {
                case .skip: break
                case .deliver: if cursor.advance(to: sequence) { delivered.append(sequence) }
                case .fetch(let from, let through):
                    for missing in from...through where cursor.advance(to: missing) { delivered.append(missing) }
                }
            }
            #expect(delivered == Array(stored), "seed \(seed)")
        }
    }
}

@Suite struct FrameTests {
    private let conversation = Conversation.ID(UUID())

    @Test func clientFramesRoundTrip() throws {
        let frames: [ClientFrame] = [.hello(resume: [conversation: 4]), .send(ref: "r1", conversation: conversation, body: "Hi **there**"),
                                     .read(conversation: conversation, sequence: 9), .typing(conversation: conversation), .ping]
        for frame in frames { #expect(try ClientFrame.decode(frame.json) == frame) }
    }

    @Test(arguments: [
        ("nope", "not_json"),
        ("[1,2]", "not_json"),
        (#"{"type":"ping"}"#, "unsupported_version"),
        (#"{"v":2,"type":"ping"}"#, "unsupported_version"),
        (#"{"v":1,"type":"shout"}"#, "unknown_type"),
        (#"{"v":1}"#, "unknown_type"),
        (#"{"v":1,"type":"send","conversation":"x","body":"hi","ref":"a"}"#, "invalid_frame"),
        (#"{"v":1,"type":"send","conversation":"3F2504E0-4F89-41D3-9D2A-0C04FE8A0B1C","ref":"a"}"#, "invalid_frame"),
        (#"{"v":1,"type":"send","conversation":"3F2504E0-4F89-41D3-9D2A-0C04FE8A0B1C","body":"x"}"#, "invalid_frame"),
        (#"{"v":1,"type":"read","conversation":"3F2504E0-4F89-41D3-9D2A-0C04FE8A0B1C","sequence":-1}"#, "invalid_frame"),
        (#"{"v":1,"type":"hello","resume":{"nope":1}}"#, "invalid_frame"),
    ])
    func refusesBadFramesWithACode(text: String, code: String) {
        #expect(throws: ClientFrame.Problem.self) { try ClientFrame.decode(text) }
        do { _ = try ClientFrame.decode(text) } catch { #expect(error.code == code) }
    }

    @Test func serverFramesAreJSONWithVersionAndType() throws {
        let sent = Date(timeIntervalSince1970: 1_800_000_000)
        let message = ChatMessage(id: .init(UUID()), conversationID: conversation, sequence: 3, authorID: .init(UUID()),
                                  authorName: "Lea", body: "hi", sentAt: sent)
        let json = ServerFrame.message(.init(message, html: "<p>hi</p>")).json
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["v"] as? Int == 1)
        #expect(object["type"] as? String == "message")
        #expect(object["sequence"] as? Int == 3)
        #expect(object["author_name"] as? String == "Lea")
        #expect(object["sent_at"] as? String == "2027-01-15T08:00:00Z")
    }

    @Test func messageBodiesAreTrimmedPresentAndBounded() throws {
        #expect(try ChatMessage.checkBody("  hello \n") == "hello")
        #expect(throws: ValidationErrors.self) { try ChatMessage.checkBody("   ") }
        #expect(throws: ValidationErrors.self) { try ChatMessage.checkBody(nil) }
        #expect(throws: ValidationErrors.self) { try ChatMessage.checkBody(String(repeating: "a", count: ChatMessage.maximumLength + 1)) }
        #expect(try ChatMessage.checkBody("line one\nline two") == "line one\nline two")
    }
}

@Suite struct DirectMessagePolicyTests {
    @Test(arguments: [
        (CohortRole.learner, CohortRole.trainer, false, true),
        (.learner, .facilitator, false, true),
        (.trainer, .learner, false, true),
        (.facilitator, .trainer, false, true),
        (.learner, .learner, false, false),
        (.learner, .learner, true, true),
    ])
    func whoMayWriteToWhom(from: CohortRole, to: CohortRole, learnersMay: Bool, allowed: Bool) {
        #expect(DirectMessagePolicy.canStart(from: from, to: to, learnersMayMessageEachOther: learnersMay) == allowed)
    }
}

@Suite struct TokenBucketTests {
    @Test func allowsABurstThenTheRefillRate() {
        let start = Date(timeIntervalSince1970: 0)
        var bucket = TokenBucket(capacity: 3, perSecond: 1, now: start)
        let later = start.addingTimeInterval(100)
        let answers = [0, 0, 0, 0, 0.5, 1.1, 1.2].map { bucket.take(now: start.addingTimeInterval($0)) }
        #expect(answers == [true, true, true, false, false, true, false])
        // A long pause refills to the capacity, not beyond; a clock going backwards adds nothing.
        let afterPause = [later, later, later, later, start].map { bucket.take(now: $0) }
        #expect(afterPause == [true, true, true, false, false])
    }
}

@Suite struct MessageChangeTests {
    @Test func onlyTheAuthorWithinFifteenMinutesAndNotOnceDeleted() {
        let lea = Person.ID(UUID()), tom = Person.ID(UUID())
        let sent = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(ChatMessage.canChange(authorID: lea, by: lea, sentAt: sent, isDeleted: false, now: sent.addingTimeInterval(60)))
        #expect(ChatMessage.canChange(authorID: lea, by: lea, sentAt: sent, isDeleted: false, now: sent.addingTimeInterval(15 * 60)))
        #expect(!ChatMessage.canChange(authorID: lea, by: lea, sentAt: sent, isDeleted: false, now: sent.addingTimeInterval(15 * 60 + 1)))
        #expect(!ChatMessage.canChange(authorID: lea, by: tom, sentAt: sent, isDeleted: false, now: sent))
        #expect(!ChatMessage.canChange(authorID: lea, by: lea, sentAt: sent, isDeleted: true, now: sent))
    }

    @Test func aChangedFrameSaysWhatChanged() throws {
        let message = ChatMessage(id: .init(UUID()), conversationID: .init(UUID()), sequence: 4, authorID: .init(UUID()),
                                  authorName: "Lea", body: "secret", sentAt: Date(timeIntervalSince1970: 0))
        let deleted = ServerFrame.changed(.init(message, html: "<p>secret</p>", deleted: true)).json
        #expect(deleted.contains(#""type":"changed""#) && deleted.contains(#""deleted":true"#) && deleted.contains(#""html":"""#))
        #expect(!deleted.contains("secret"))
        let edited = ServerFrame.message(.init(message, html: "<p>new</p>", editedAt: Date(timeIntervalSince1970: 60))).json
        #expect(edited.contains(#""edited_at":"1970-01-01T00:01:00Z""#) && !edited.contains("deleted"))
    }
}

@Suite struct ChatAttachmentTests {
    @Test func imagesAndPdfsOnlyWithinTheLimit() {
        #expect(ChatAttachment.accept(sniffed: .success(.png), byteCount: 10, limit: 100) == .success(.png))
        #expect(ChatAttachment.accept(sniffed: .success(.pdf), byteCount: 10, limit: 100) == .success(.pdf))
        #expect(ChatAttachment.accept(sniffed: .success(.docx), byteCount: 10, limit: 100) == .failure(.unsupported))
        #expect(ChatAttachment.accept(sniffed: .success(.mp4), byteCount: 10, limit: 100) == .failure(.unsupported))
        #expect(ChatAttachment.accept(sniffed: .failure(.markup), byteCount: 10, limit: 100) == .failure(.markup))
        #expect(ChatAttachment.accept(sniffed: .success(.png), byteCount: 101, limit: 100) == .failure(.tooLarge(limit: 100)))
        #expect(ChatAttachment.accept(sniffed: .success(.png), byteCount: 0, limit: 100) == .failure(.empty))
    }

    @Test func theMessageShowsTheImageOrLinksThePdf() {
        #expect(ChatAttachment.markdown(caption: "", filename: "a.png", path: "/f/1/a.png", type: .png, size: "2 KB") == "![a.png](/f/1/a.png)")
        #expect(ChatAttachment.markdown(caption: "See", filename: "x](javascript:alert(1)).pdf", path: "/f/2/x.pdf", type: .pdf, size: "1 MB")
                == "See\n\n[x(javascript:alert(1)).pdf](/f/2/x.pdf) (PDF, 1 MB)", "the name cannot close the link text")
    }
}
