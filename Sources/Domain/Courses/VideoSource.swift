import Foundation

/// A lesson's video: a link to YouTube or Vimeo (shown through the privacy-friendly embed hosts,
/// only after the learner asks to play it) or, with the uploads, a file of our own.
public enum VideoSource: Hashable, Sendable {
    case youtube(id: String)
    case vimeo(id: String)

    /// Recognises the usual shapes of a YouTube or Vimeo link; nil for anything else.
    public init?(link: String) {
        guard let url = URL(string: link), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              var host = url.host?.lowercased() else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        if host == "m.youtube.com" { host = "youtube.com" }
        let parts = url.path.split(separator: "/").map(String.init)
        switch host {
        case "youtu.be":
            guard let id = parts.first, Self.isYouTubeID(id) else { return nil }
            self = .youtube(id: id)
        case "youtube.com", "youtube-nocookie.com":
            let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
            if parts == ["watch"], let id = query.first(where: { $0.name == "v" })?.value, Self.isYouTubeID(id) {
                self = .youtube(id: id)
            } else if parts.count == 2, ["embed", "shorts", "live"].contains(parts[0]), Self.isYouTubeID(parts[1]) {
                self = .youtube(id: parts[1])
            } else { return nil }
        case "vimeo.com", "player.vimeo.com":
            guard let id = parts.last(where: { !$0.isEmpty }), id.count <= 12, id.allSatisfy(\.isASCII),
                  id.allSatisfy(\.isNumber) else { return nil }
            self = .vimeo(id: id)
        default:
            return nil
        }
    }

    /// YouTube ids are 11 characters of [A-Za-z0-9_-].
    static func isYouTubeID(_ id: String) -> Bool {
        id.count == 11 && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
    }

    /// The address of the player, on the hosts that set no tracking cookies before playback.
    public var embedURL: String {
        switch self {
        case .youtube(let id): "https://www.youtube-nocookie.com/embed/\(id)"
        case .vimeo(let id): "https://player.vimeo.com/video/\(id)?dnt=1"
        }
    }

    /// The link as stored and shown in the editor.
    public var link: String {
        switch self {
        case .youtube(let id): "https://www.youtube.com/watch?v=\(id)"
        case .vimeo(let id): "https://vimeo.com/\(id)"
        }
    }

    public var providerName: String {
        switch self {
        case .youtube: "YouTube"
        case .vimeo: "Vimeo"
        }
    }
}
