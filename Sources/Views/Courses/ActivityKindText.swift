import Domain
extension ActivityKind {
    /// How an activity's kind is named on pages.
    public var label: String {
        switch self {
        case .lesson: "Lesson"
        case .quiz: "Quiz"
        case .peerAssignment: "Peer assignment"
        case .liveSession: "Live class"
        }
    }
}
