import Domain

/// Form building blocks: every control has a visible label, its error sits right under it and is
/// tied to it with `aria-describedby`, so screen readers read the problem with the field.
public enum Form {
    /// The values and problems of a form being shown again after a failed submit.
    public struct State: Sendable {
        public var values: [String: String]
        public var errors: [FieldError]
        public init(values: [String: String] = [:], errors: [FieldError] = []) {
            self.values = values
            self.errors = errors
        }
        public static let empty = State()
        public func error(_ field: String) -> String? {
            errors.first { $0.field == field }.map(Messages.text(for:))
        }
        public func value(_ field: String) -> String { values[field] ?? "" }
    }

    public static func csrf(_ token: String) -> HTML {
        input(.type("hidden"), .name("_csrf"), .value(token))
    }

    /// A labelled input. `name` is also its id, prefixed by `idPrefix` when a page has several forms.
    public static func field(_ labelText: String, name: String, type: String = "text", state: State = .empty,
                             value: String? = nil, required: Bool = true, autocomplete: String? = nil,
                             hint: String? = nil, idPrefix: String = "", extra: [Attribute] = []) -> HTML {
        let id = idPrefix + name
        let error = state.error(name)
        var attributes: [Attribute] = [.type(type), .name(name), .id(id)]
        let shown = value ?? (type == "password" ? "" : state.value(name))
        if !shown.isEmpty { attributes.append(.value(shown)) }
        if required { attributes.append(.required) }
        if let autocomplete { attributes.append(.autocomplete(autocomplete)) }
        var described: [String] = []
        if hint != nil { described.append(id + "-hint") }
        if error != nil { described.append(id + "-error"); attributes.append(.ariaInvalid(true)) }
        if !described.isEmpty { attributes.append(.ariaDescribedby(described.joined(separator: " "))) }
        attributes += extra
        return div(.class(error == nil ? "field" : "field field-invalid")) {
            label(.for(id)) { labelText }
            if let hint { p(.class("hint"), .id(id + "-hint")) { hint } }
            input(attributes)
            if let error { p(.class("field-error"), .id(id + "-error")) { error } }
        }
    }

    public static func textArea(_ labelText: String, name: String, state: State = .empty, required: Bool = false,
                                rows: Int = 4, idPrefix: String = "", extra: [Attribute] = []) -> HTML {
        let id = idPrefix + name
        let error = state.error(name)
        return div(.class(error == nil ? "field" : "field field-invalid")) {
            label(.for(id)) { labelText }
            HTML(element: "textarea", attributes: [.name(name), .id(id), .rows(rows),
                                                   error == nil ? .custom("data-field", name) : .ariaDescribedby(id + "-error")] + extra,
                 content: HTML(state.value(name)))
            if let error { p(.class("field-error"), .id(id + "-error")) { error } }
        }
    }

    /// A labelled select of `(value, label)` options.
    public static func select(_ labelText: String, name: String, options: [(String, String)], selected: String?,
                              state: State = .empty, hint: String? = nil, idPrefix: String = "") -> HTML {
        let id = idPrefix + name
        let error = state.error(name)
        let chosen = selected ?? state.values[name]
        var attributes: [Attribute] = [.name(name), .id(id)]
        let described = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }
        if !described.isEmpty { attributes.append(.ariaDescribedby(described.joined(separator: " "))) }
        if error != nil { attributes.append(.ariaInvalid(true)) }
        return div(.class(error == nil ? "field" : "field field-invalid")) {
            label(.for(id)) { labelText }
            if let hint { p(.class("hint"), .id(id + "-hint")) { hint } }
            HTML(element: "select", attributes: attributes, content: { HTML {
                for (value, text) in options {
                    if value == chosen { option(.value(value), .selected) { text } }
                    else { option(.value(value)) { text } }
                }
            } })
            if let error { p(.class("field-error"), .id(id + "-error")) { error } }
        }
    }

    /// A summary of every problem at the top of a form, announced as an alert.
    public static func errorSummary(_ state: State) -> HTML {
        HTML {
            if !state.errors.isEmpty {
                div(.class("flash flash-error"), .role("alert")) {
                    p { state.errors.count == 1 ? "There is a problem with this form:" : "There are \(state.errors.count) problems with this form:" }
                    ul { for error in state.errors { li { Messages.text(for: error) } } }
                }
            }
        }
    }

    public static func submit(_ text: String) -> HTML {
        button(.type("submit"), .class("button")) { text }
    }
}
