import Domain
import Testing

/// What a learner may hand in: text, files or either, and which files.
@Suite struct PeerSubmissionFilesTests {
    @Test func eachKindSaysWhatIsEnoughToHandIn() throws {
        try PeerAssignmentSettings.SubmissionKind.text.check(text: "My case", fileCount: 0)
        #expect(throws: PeerReviewError.emptySubmission) { try PeerAssignmentSettings.SubmissionKind.text.check(text: "", fileCount: 2) }
        try PeerAssignmentSettings.SubmissionKind.files.check(text: "", fileCount: 1)
        #expect(throws: PeerReviewError.noFiles) { try PeerAssignmentSettings.SubmissionKind.files.check(text: "Words only", fileCount: 0) }
        try PeerAssignmentSettings.SubmissionKind.textAndFiles.check(text: "", fileCount: 1)
        try PeerAssignmentSettings.SubmissionKind.textAndFiles.check(text: "Words", fileCount: 0)
        #expect(throws: PeerReviewError.emptySubmission) { try PeerAssignmentSettings.SubmissionKind.textAndFiles.check(text: "", fileCount: 0) }
    }

    @Test func documentsAndImagesAreAcceptedVideosAndOversizedFilesAreNot() {
        #expect(PeerSubmissionFiles.accept(sniffed: .success(.pdf), byteCount: 10, limit: 100) == .success(.pdf))
        #expect(PeerSubmissionFiles.accept(sniffed: .success(.png), byteCount: 10, limit: 100) == .success(.png))
        #expect(PeerSubmissionFiles.accept(sniffed: .success(.mp4), byteCount: 10, limit: 100) == .failure(.unsupported))
        #expect(PeerSubmissionFiles.accept(sniffed: .success(.pdf), byteCount: 101, limit: 100) == .failure(.tooLarge(limit: 100)))
        #expect(PeerSubmissionFiles.accept(sniffed: .success(.pdf), byteCount: 0, limit: 100) == .failure(.empty))
        #expect(PeerSubmissionFiles.accept(sniffed: .failure(.markup), byteCount: 10, limit: 100) == .failure(.markup))
    }

    @Test func anonymousNamesCarryOnlyThePlaceAndTheType() {
        #expect(PeerSubmissionFiles.anonymousName(position: 1, type: .pdf) == "work-file-1.pdf")
        #expect(PeerSubmissionFiles.anonymousName(position: 3, type: .jpeg).hasPrefix("work-file-3."))
    }
}
