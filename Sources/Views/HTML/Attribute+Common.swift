// The attributes pages use, spelled out so that their names cannot be mistyped. Numbers have `Int`
// overloads so call sites do not stringify by hand.

public extension Attribute {
    static func `class`(_ value: String) -> Attribute { Attribute(known: "class", value) }
    static func id(_ value: String) -> Attribute { Attribute(known: "id", value) }
    static func title(_ value: String) -> Attribute { Attribute(known: "title", value) }
    static func lang(_ value: String) -> Attribute { Attribute(known: "lang", value) }
    static func role(_ value: String) -> Attribute { Attribute(known: "role", value) }
    static func tabindex(_ value: Int) -> Attribute { Attribute(known: "tabindex", String(value)) }

    /// A link target; `javascript:`, `vbscript:` and `data:` URLs become `#`.
    static func href(_ url: String) -> Attribute { Attribute(url: "href", url) }
    /// A resource URL; like `href`, but base64 PNG/JPEG/GIF/WebP `data:` URLs are kept.
    static func src(_ url: String) -> Attribute { Attribute(url: "src", url, allowingImageData: true) }
    /// A form target; sanitized like `href`.
    static func action(_ url: String) -> Attribute { Attribute(url: "action", url) }
    /// A submit button's own action, for the form it names with `.form(id)`.
    static func formaction(_ url: String) -> Attribute { Attribute(url: "formaction", url) }

    static func alt(_ value: String) -> Attribute { Attribute(known: "alt", value) }
    static func rel(_ value: String) -> Attribute { Attribute(known: "rel", value) }
    static func target(_ value: String) -> Attribute { Attribute(known: "target", value) }
    /// Asks the browser to save the link's target under this name.
    static func download(_ value: String) -> Attribute { Attribute(known: "download", value) }
    static func loading(_ value: String) -> Attribute { Attribute(known: "loading", value) }
    static func width(_ value: Int) -> Attribute { Attribute(known: "width", String(value)) }
    static func height(_ value: Int) -> Attribute { Attribute(known: "height", String(value)) }
    static func charset(_ value: String) -> Attribute { Attribute(known: "charset", value) }
    static func content(_ value: String) -> Attribute { Attribute(known: "content", value) }
    static func datetime(_ value: String) -> Attribute { Attribute(known: "datetime", value) }
    static func colspan(_ value: Int) -> Attribute { Attribute(known: "colspan", String(value)) }
    static func rowspan(_ value: Int) -> Attribute { Attribute(known: "rowspan", String(value)) }
    /// `col` or `row`: which cells a header cell names.
    static func scope(_ value: String) -> Attribute { Attribute(known: "scope", value) }

    // Forms.
    static func type(_ value: String) -> Attribute { Attribute(known: "type", value) }
    static func name(_ value: String) -> Attribute { Attribute(known: "name", value) }
    static func value(_ value: String) -> Attribute { Attribute(known: "value", value) }
    static func value(_ value: Int) -> Attribute { Attribute(known: "value", String(value)) }
    /// `for="id"`, tying a label or output to a control.
    static func `for`(_ id: String) -> Attribute { Attribute(known: "for", id) }
    static func method(_ value: String) -> Attribute { Attribute(known: "method", value) }
    static func enctype(_ value: String) -> Attribute { Attribute(known: "enctype", value) }
    static func accept(_ value: String) -> Attribute { Attribute(known: "accept", value) }
    static func autocomplete(_ value: String) -> Attribute { Attribute(known: "autocomplete", value) }
    static func placeholder(_ value: String) -> Attribute { Attribute(known: "placeholder", value) }
    static func min(_ value: String) -> Attribute { Attribute(known: "min", value) }
    static func min(_ value: Int) -> Attribute { Attribute(known: "min", String(value)) }
    static func max(_ value: String) -> Attribute { Attribute(known: "max", value) }
    static func max(_ value: Int) -> Attribute { Attribute(known: "max", String(value)) }
    static func step(_ value: String) -> Attribute { Attribute(known: "step", value) }
    static func step(_ value: Int) -> Attribute { Attribute(known: "step", String(value)) }
    static func minlength(_ value: Int) -> Attribute { Attribute(known: "minlength", String(value)) }
    static func maxlength(_ value: Int) -> Attribute { Attribute(known: "maxlength", String(value)) }
    static func pattern(_ value: String) -> Attribute { Attribute(known: "pattern", value) }
    static func rows(_ value: Int) -> Attribute { Attribute(known: "rows", String(value)) }
    static func cols(_ value: Int) -> Attribute { Attribute(known: "cols", String(value)) }

    // Boolean attributes render as the bare name; the `(_ isOn:)` forms are absent when false.
    static var required: Attribute { Attribute(known: "required", nil) }
    static var disabled: Attribute { Attribute(known: "disabled", nil) }
    static var checked: Attribute { Attribute(known: "checked", nil) }
    static var selected: Attribute { Attribute(known: "selected", nil) }
    static var readonly: Attribute { Attribute(known: "readonly", nil) }
    static var autofocus: Attribute { Attribute(known: "autofocus", nil) }
    static var multiple: Attribute { Attribute(known: "multiple", nil) }
    static var hidden: Attribute { Attribute(known: "hidden", nil) }
    /// For `script`: run after parsing (module scripts are deferred anyway).
    static var `defer`: Attribute { Attribute(known: "defer", nil) }
    static func required(_ isOn: Bool) -> Attribute { Attribute(flag: "required", isOn) }
    static func disabled(_ isOn: Bool) -> Attribute { Attribute(flag: "disabled", isOn) }
    static func checked(_ isOn: Bool) -> Attribute { Attribute(flag: "checked", isOn) }
    static func selected(_ isOn: Bool) -> Attribute { Attribute(flag: "selected", isOn) }
    static func readonly(_ isOn: Bool) -> Attribute { Attribute(flag: "readonly", isOn) }
    static func hidden(_ isOn: Bool) -> Attribute { Attribute(flag: "hidden", isOn) }

    // ARIA shortcuts; anything else goes through `aria(_:_:)`.
    static func ariaLabel(_ value: String) -> Attribute { Attribute(known: "aria-label", value) }
    /// The label a table cell shows above its value when the table stacks on a phone.
    static func dataLabel(_ value: String) -> Attribute { Attribute(known: "data-label", value) }
    /// The id of the form a control belongs to, when it sits outside it.
    static func form(_ id: String) -> Attribute { Attribute(known: "form", id) }
    static func ariaCurrent(_ value: String) -> Attribute { Attribute(known: "aria-current", value) }
    static func ariaDescribedby(_ id: String) -> Attribute { Attribute(known: "aria-describedby", id) }
    static func ariaLabelledby(_ id: String) -> Attribute { Attribute(known: "aria-labelledby", id) }
    static func ariaLive(_ value: String) -> Attribute { Attribute(known: "aria-live", value) }
    static func ariaInvalid(_ isOn: Bool) -> Attribute { Attribute(known: "aria-invalid", String(isOn)) }
    static func ariaHidden(_ isOn: Bool) -> Attribute { Attribute(known: "aria-hidden", String(isOn)) }
    static func ariaExpanded(_ isOn: Bool) -> Attribute { Attribute(known: "aria-expanded", String(isOn)) }
}
