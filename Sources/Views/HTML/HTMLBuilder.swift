/// Builds an `HTML` fragment from a block of children.
///
/// Accepts `HTML`, `String` (escaped text), `Int` (as text), `TrustedHTML` (raw), optionals of
/// those (nil renders nothing), `[HTML]`, `if`/`else`, `if let`, `switch`, `for`-`in` and empty
/// blocks. A block's children were written one after another, so joining them is usually just
/// taking the span from the first one's start to the last one's end (see `HTML(list:)`).
@resultBuilder
public enum HTMLBuilder {
    public static func buildExpression(_ expression: HTML) -> HTML {
        expression
    }

    public static func buildExpression(_ expression: String) -> HTML {
        HTML(expression)
    }

    public static func buildExpression(_ expression: Int) -> HTML {
        HTML(String(expression))
    }

    public static func buildExpression(_ expression: TrustedHTML) -> HTML {
        HTML(expression)
    }

    public static func buildExpression(_ expression: HTML?) -> HTML {
        expression ?? .empty
    }

    public static func buildExpression(_ expression: String?) -> HTML {
        expression.map(HTML.init(_:)) ?? .empty
    }

    public static func buildExpression(_ expression: [HTML]) -> HTML {
        HTML(list: expression)
    }

    public static func buildBlock() -> HTML {
        .empty
    }

    /// The common one-child block, without the array a variadic call would allocate.
    public static func buildBlock(_ component: HTML) -> HTML {
        component
    }

    // Fixed arities for the common blocks: the builder keeps each child in a temporary until the
    // end of the block anyway, so taking them by value (variadic, or pairwise with
    // `buildPartialBlock`) would copy each one, a retain and a release apiece.
    public static func buildBlock(_ c0: HTML, _ c1: HTML) -> HTML {
        HTML(joining: c0, c1)
    }

    public static func buildBlock(_ c0: HTML, _ c1: HTML, _ c2: HTML) -> HTML {
        HTML(joining: c0, c1, c2)
    }

    public static func buildBlock(_ c0: HTML, _ c1: HTML, _ c2: HTML, _ c3: HTML) -> HTML {
        HTML(joining: c0, c1, c2, c3)
    }

    public static func buildBlock(_ components: HTML...) -> HTML {
        HTML(list: components)
    }

    public static func buildOptional(_ component: HTML?) -> HTML {
        component ?? .empty
    }

    public static func buildEither(first component: HTML) -> HTML {
        component
    }

    public static func buildEither(second component: HTML) -> HTML {
        component
    }

    public static func buildArray(_ components: [HTML]) -> HTML {
        HTML(list: components)
    }

    public static func buildLimitedAvailability(_ component: HTML) -> HTML {
        component
    }
}
