// Text, lists, media and disclosure.

/// A paragraph.
public func p(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "p", attributes: attributes, content: content)
}

/// A link; give it `.href(…)`, which is sanitized.
public func a(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "a", attributes: attributes, content: content)
}

/// Strong importance.
public func strong(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "strong", attributes: attributes, content: content)
}

/// Stress emphasis.
public func em(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "em", attributes: attributes, content: content)
}

/// Side comments, fine print.
public func small(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "small", attributes: attributes, content: content)
}

/// A fragment of code.
public func code(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "code", attributes: attributes, content: content)
}

/// Preformatted text; whitespace is kept.
public func pre(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "pre", attributes: attributes, content: content)
}

/// A quotation from another source.
public func blockquote(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "blockquote", attributes: attributes, content: content)
}

/// An abbreviation; give its expansion in `.title(…)`.
public func abbr(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "abbr", attributes: attributes, content: content)
}

/// A date or time; give the machine-readable form in `.datetime(…)`.
public func time(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "time", attributes: attributes, content: content)
}

/// A line break. Void: no content, no closing tag.
public func br(_ attributes: Attribute...) -> HTML {
    HTML(voidElement: "br", attributes: attributes)
}

/// A thematic break. Void: no content, no closing tag.
public func hr(_ attributes: Attribute...) -> HTML {
    HTML(voidElement: "hr", attributes: attributes)
}

/// An unordered list.
public func ul(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "ul", attributes: attributes, content: content)
}

/// An ordered list.
public func ol(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "ol", attributes: attributes, content: content)
}

/// A list item.
public func li(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "li", attributes: attributes, content: content)
}

/// A description list.
public func dl(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "dl", attributes: attributes, content: content)
}

/// A term in a description list.
public func dt(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "dt", attributes: attributes, content: content)
}

/// A description in a description list.
public func dd(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "dd", attributes: attributes, content: content)
}

/// An image; `.src(…)` is sanitized and `.alt(…)` is expected. Void: no content, no closing tag.
public func img(_ attributes: Attribute...) -> HTML {
    HTML(voidElement: "img", attributes: attributes)
}

/// Self-contained illustration, optionally with a `figcaption`.
public func figure(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "figure", attributes: attributes, content: content)
}

/// The caption of a `figure`.
public func figcaption(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "figcaption", attributes: attributes, content: content)
}

/// A disclosure widget, opened by its `summary`.
public func details(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "details", attributes: attributes, content: content)
}

/// The visible label of a `details` element.
public func summary(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "summary", attributes: attributes, content: content)
}

/// Text marked as relevant, as the matched words of a search result.
public func mark(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "mark", attributes: attributes, content: content)
}
