// Elements are free functions named after their tags: variadic attributes, then an optional
// trailing `@HTMLBuilder` block. Void elements take only attributes, so they cannot have content.

/// A whole page: `<!DOCTYPE html><html lang="…"><head>…</head><body>…</body></html>`.
///
/// This is the only way to emit the doctype; the layout calls it once. The `<html>`, `<head>` and
/// `<body>` elements are written by it, so a page does not nest them by hand.
public func document(
    lang: String,
    @HTMLBuilder head headContent: () -> HTML,
    @HTMLBuilder body bodyContent: () -> HTML
) -> HTML {
    HTML(element: "html", attributes: [.lang(lang)], content: {
        HTMLBuilder.buildBlock(head(content: headContent), body(content: bodyContent))
    }, prefix: "<!DOCTYPE html>")
}

// Document metadata.

/// The root element; prefer `document(lang:head:body:)`, which also writes the doctype.
public func html(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "html", attributes: attributes, content: content)
}

/// Document metadata.
public func head(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "head", attributes: attributes, content: content)
}

/// The page content.
public func body(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "body", attributes: attributes, content: content)
}

/// The page title; its text is escaped like any other.
public func title(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "title", attributes: attributes, content: content)
}

/// Metadata such as `charset` or `viewport`. Void: no content, no closing tag.
public func meta(_ attributes: Attribute...) -> HTML {
    HTML(voidElement: "meta", attributes: attributes)
}

/// A stylesheet, icon or other linked resource. Void: no content, no closing tag.
public func link(_ attributes: Attribute...) -> HTML {
    HTML(voidElement: "link", attributes: attributes)
}

/// An external script: `<script src="…"></script>`. It takes no content on purpose, so no inline
/// script can be built (the CSP forbids them and user text could end up inside one).
public func script(_ attributes: Attribute...) -> HTML {
    HTML(element: "script", attributes: attributes, content: .empty)
}

// Sections.

/// Introductory content or the site header.
public func header(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "header", attributes: attributes, content: content)
}

/// A block of navigation links.
public func nav(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "nav", attributes: attributes, content: content)
}

/// The main content of the page (one per page).
public func main(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "main", attributes: attributes, content: content)
}

/// The footer of a page or section.
public func footer(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "footer", attributes: attributes, content: content)
}

/// A thematic section, usually with a heading.
public func section(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "section", attributes: attributes, content: content)
}

/// Self-contained content: a post, a card, a message.
public func article(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "article", attributes: attributes, content: content)
}

/// Content tangential to the main content.
public func aside(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "aside", attributes: attributes, content: content)
}

/// A generic block container.
public func div(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "div", attributes: attributes, content: content)
}

/// A generic inline container.
public func span(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "span", attributes: attributes, content: content)
}

/// A level-1 heading.
public func h1(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "h1", attributes: attributes, content: content)
}

/// A level-2 heading.
public func h2(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "h2", attributes: attributes, content: content)
}

/// A level-3 heading.
public func h3(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "h3", attributes: attributes, content: content)
}

/// A level-4 heading.
public func h4(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "h4", attributes: attributes, content: content)
}

/// A level-5 heading.
public func h5(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "h5", attributes: attributes, content: content)
}

/// A level-6 heading.
public func h6(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "h6", attributes: attributes, content: content)
}
