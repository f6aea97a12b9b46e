// Media elements for lessons: a video file, its sources, and an embedded player.

/// A video player; `controls` and `preload` come as attributes, `<source>` children give the file.
public func video(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "video", attributes: attributes, content: content)
}

/// One file a `<video>` may play. Void.
public func source(_ attributes: Attribute...) -> HTML {
    HTML(voidElement: "source", attributes: attributes)
}

/// An embedded page (a YouTube or Vimeo player); give it a `title` and a `sandbox`.
public func iframe(_ attributes: Attribute...) -> HTML {
    HTML(element: "iframe", attributes: attributes, content: .empty)
}

public extension Attribute {
    /// `open` on a `<details>` when `isOpen`, nothing otherwise.
    static func open(_ isOpen: Bool) -> Attribute {
        Attribute(flag: "open", isOpen)
    }
}
