// Tables and forms.

/// A table.
public func table(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "table", attributes: attributes, content: content)
}

/// The title of a table.
public func caption(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "caption", attributes: attributes, content: content)
}

/// The header rows of a table.
public func thead(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "thead", attributes: attributes, content: content)
}

/// The body rows of a table.
public func tbody(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "tbody", attributes: attributes, content: content)
}

/// The footer rows of a table.
public func tfoot(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "tfoot", attributes: attributes, content: content)
}

/// A table row.
public func tr(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "tr", attributes: attributes, content: content)
}

/// A header cell.
public func th(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "th", attributes: attributes, content: content)
}

/// A data cell.
public func td(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "td", attributes: attributes, content: content)
}

/// A form; `.action(…)` is sanitized like `href`.
public func form(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "form", attributes: attributes, content: content)
}

/// A group of controls, titled by a `legend`.
public func fieldset(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "fieldset", attributes: attributes, content: content)
}

/// The caption of a `fieldset`.
public func legend(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "legend", attributes: attributes, content: content)
}

/// The label of a control; tie it with `.for(id)`.
public func label(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "label", attributes: attributes, content: content)
}

/// A form control. Void: no content, no closing tag.
public func input(_ attributes: Attribute...) -> HTML {
    HTML(voidElement: "input", attributes: attributes)
}

/// A form control whose attributes were assembled conditionally (form field helpers).
public func input(_ attributes: [Attribute]) -> HTML {
    HTML(voidElement: "input", attributes: attributes)
}

/// A list of options.
public func select(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "select", attributes: attributes, content: content)
}

/// An option in a `select`.
public func option(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "option", attributes: attributes, content: content)
}

/// Multi-line text; its content is escaped like any other text.
public func textarea(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "textarea", attributes: attributes, content: content)
}

/// A button; give it `.type(…)`.
public func button(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "button", attributes: attributes, content: content)
}

/// A progress bar; give it `.value(…)` and `.max(…)`.
public func progress(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "progress", attributes: attributes, content: content)
}

/// The result of a calculation or user action.
public func output(_ attributes: Attribute..., @HTMLBuilder content: () -> HTML = { .empty }) -> HTML {
    HTML(element: "output", attributes: attributes, content: content)
}
